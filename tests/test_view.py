"""The HTML view in a real headless Chromium (Debian's, driven by Playwright; no browser
download): offline, searchable in both scripts, filterable, and safe with hostile names."""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.html import render_html

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (see README)")
ARTIFACTS = ROOT / "artifacts"
ROOM = "MediationRoom/刘钦牛调解室"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def _open(browser, path: Path):  # type: ignore[no-untyped-def]
    """A page on ``path`` with every non-file request refused and errors collected."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.errors, page.requests, page.dialogs = [], [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (page.requests.append(route.request.url), route.abort()))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.pingan && window.pingan.ready", timeout=20_000)
    return page


def test_view_loads_offline_without_errors(browser, built) -> None:
    page = _open(browser, built[0] / "graph.html")
    page.wait_for_timeout(300)
    assert page.errors == []
    assert page.requests == []
    drawn = page.evaluate("""() => { const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d', {willReadFrequently: true}).getImageData(0, 0, c.width, c.height).data;
        let k = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++; return k; }""")
    assert drawn > 1000, "the network canvas is empty"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view.png"))
    page.close()


@pytest.mark.parametrize("query", ["刘钦牛", "劉欽牛", "劉欽牛調解室"])
def test_search_focuses_the_room_in_either_script(browser, built, query: str) -> None:
    page = _open(browser, built[0] / "graph.html")
    page.fill("#search", query)
    page.press("#search", "Enter")
    assert page.evaluate("window.pingan.network.getSelectedNodes()") == [ROOM]
    detail = page.inner_text("#detail")
    assert "刘钦牛调解室" in detail and "劉欽牛調解室" in detail and "MediationRoom" in detail
    page.close()


def test_type_filter_hides_nodes(browser, built) -> None:
    page = _open(browser, built[0] / "graph.html")
    places = page.evaluate("VIEW.nodes.filter(n => n.type === 'Place').length")
    assert places > 10
    page.uncheck("input[data-type=Place]")
    hidden = page.evaluate("window.pingan.nodes.get().filter(n => n.hidden).map(n => n.id)")
    assert len(hidden) == places and all(h.startswith("Place/") for h in hidden)
    page.check("input[data-type=Place]")
    assert page.evaluate("window.pingan.nodes.get().filter(n => n.hidden).length") == 0
    page.close()


def test_province_filter_keeps_a_node_of_several_provinces_under_each(browser, tmp_path: Path) -> None:
    from kg.graph import to_json, to_networkx
    from kg.model import Entity, Evidence, Relation

    def ent(t: str, name: str, subtype: str = "", adcode: str = "") -> Entity:
        return Entity(t, name, subtype, {name}, adcode, "", {"d"})

    es = [ent("Place", "江西省", "Province", "360000"), ent("Place", "湖南省", "Province", "430000"),
          ent("MediationRoom", "丙调解室"), ent("Organization", "乙所")]
    ev = Evidence("d", 0, 1, "x")
    rels = [Relation(("MediationRoom", "丙调解室"), "locatedIn", ("Place", "江西省"), ev),
            Relation(("MediationRoom", "丙调解室"), "locatedIn", ("Place", "湖南省"), ev),
            Relation(("Organization", "乙所"), "locatedIn", ("Place", "湖南省"), ev)]
    page_path = tmp_path / "graph.html"
    page_path.write_text(render_html(to_json(to_networkx({e.key: e for e in es}, rels, []), [])), encoding="utf-8")
    page = _open(browser, page_path)
    assert page.evaluate("[...document.querySelectorAll('#province-filter option')].map(o => o.value)") == [
        "", "江西省", "湖南省"]
    for province, shown in (("江西省", {"MediationRoom/丙调解室", "Place/江西省"}),
                            ("湖南省", {"MediationRoom/丙调解室", "Place/湖南省", "Organization/乙所"})):
        page.select_option("#province-filter", province)
        assert set(page.evaluate("window.pingan.nodes.get().filter(n => !n.hidden).map(n => n.id)")) == shown
    page.close()


def test_edge_detail_shows_document_and_highlighted_evidence(browser, built) -> None:
    page = _open(browser, built[0] / "graph.html")
    edge = page.evaluate(f"VIEW.edges.find(e => e.from === '{ROOM}').id")
    page.evaluate(f"window.pingan.showEdge(VIEW.edges.find(e => e.id === '{edge}'))")
    detail = page.inner_text("#detail")
    assert "subOrganizationOf" in detail and "聚平安之力" in detail
    marks = page.eval_on_selector_all("#detail mark", "ms => ms.map(m => m.textContent)")
    assert "劉欽牛調解室" in marks and any(m.startswith("樟樹市") or m.startswith("樟树市") for m in marks)
    page.close()


HOSTILE = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '"><svg onload=alert(3)>',
           '/*VIS_NETWORK*/', 'a\u2028b']


def test_hostile_names_show_as_text(browser, tmp_path: Path) -> None:
    nodes = [{"id": f"Organization/{h}", "type": "Organization", "name": h, "subtype": "Other", "aliases": [h + "别名"],
              "adcode": "", "role": "", "docs": ["d"], "province": ""} for h in HOSTILE]
    edges = [{"source": nodes[0]["id"], "target": nodes[1]["id"], "predicate": "cooperatesWith", "role": "",
              "origin": "text", "evidence": [{"doc": "d", "start": 0, "end": 5, "text": HOSTILE[0] + "联合" + HOSTILE[1]}]}]
    data = {"documents": {"d": {"title": HOSTILE[2], "date": "", "publisher": HOSTILE[0], "url": ""}},
            "nodes": nodes, "edges": edges}
    path = tmp_path / "hostile.html"
    path.write_text(render_html(data), encoding="utf-8")
    page = _open(browser, path)
    for h in HOSTILE:
        page.evaluate(f"window.pingan.focusNode({json.dumps('Organization/' + h)})")
        assert h.replace("\u2028", "") in page.inner_text("#detail").replace("\u2028", "").replace("\n", "")
    page.evaluate("window.pingan.showEdge(VIEW.edges[0])")
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.errors == []
    assert page.evaluate("document.querySelectorAll('img, svg').length") == 0
    assert HOSTILE[0] in page.inner_text("#detail")
    page.close()


def test_conflicting_figures_are_flagged_in_the_detail_panel(browser, tmp_path: Path) -> None:
    from kg.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2023年,江西省公众安全感达98.95%,社会治安秩序持续向好。", encoding="utf-8")
    (src / "b.txt").write_text("2023年,江西省公众安全感达98.5%,群众满意度不断提升。", encoding="utf-8")
    build(src, tmp_path / "out")
    page = _open(browser, tmp_path / "out" / "graph.html")
    page.fill("#search", "江西")
    page.press("#search", "Enter")
    detail = page.inner_text("#detail")
    assert "98.95%" in detail and "98.5%" in detail
    assert page.eval_on_selector_all("#detail .conflict", "els => els.length") == 2
    page.close()


def _large_graph(provinces: int, hubs: int, leaves: int) -> dict:
    """Provinces, each with hub organisations located in it, each hub with leaf places."""
    nodes, edges = [], []

    def node(i: str, t: str, sub: str, province: str) -> str:
        nodes.append({"id": f"{t}/{i}", "type": t, "name": i, "subtype": sub, "aliases": [], "adcode": "",
                      "role": "", "docs": ["d"], "province": province})
        return f"{t}/{i}"

    def edge(a: str, b: str) -> None:
        edges.append({"source": a, "target": b, "predicate": "locatedIn", "role": "", "origin": "text",
                      "evidence": [{"doc": "d", "start": 0, "end": 1, "text": "x"}]})

    for p in range(provinces):
        prov = node(f"省{p}", "Place", "Province", f"省{p}")
        for h in range(hubs):
            hub = node(f"局{p}-{h}", "Organization", "PublicSecurity", f"省{p}")
            edge(hub, prov)
            for leaf in range(leaves):
                edge(node(f"村{p}-{h}-{leaf}", "Place", "Village", f"省{p}"), hub)
    return {"documents": {"d": {"title": "t", "date": "", "publisher": "", "url": ""}}, "nodes": nodes, "edges": edges}


def test_large_graph_opens_on_an_overview_that_expands(browser, tmp_path: Path, monkeypatch) -> None:
    from kg import html

    # the limits scaled down so that the test stays small; benchmarks/ measures the real sizes
    monkeypatch.setattr(html, "MAX_DRAWN", 200)
    monkeypatch.setattr(html, "FORCE_LIMIT", 150)
    data = _large_graph(provinces=3, hubs=40, leaves=6)
    path = tmp_path / "large.html"
    path.write_text(render_html(data), encoding="utf-8")
    page = _open(browser, path)
    total = page.evaluate("VIEW.nodes.length")
    shown = page.evaluate("window.pingan.nodes.get().filter(n => !n.hidden).length")
    assert total == 3 + 3 * 40 * 7
    assert shown <= 3 + 200 // 2 and shown > 3
    assert page.evaluate("window.pingan.nodes.get().filter(n => !n.hidden && n.id.startsWith('Place/省')).length") == 3
    positions = page.evaluate("VIEW.nodes.map(n => [Math.round(n.x), Math.round(n.y)])")
    assert len({tuple(p) for p in positions}) > 0.9 * total  # every node placed, few on top of another
    hub = page.evaluate("""VIEW.nodes.find(n => n.id.startsWith('Organization/') && !window.pingan.nodes.get(n.id).hidden
        && window.pingan.network.getConnectedNodes(n.id).some(m => window.pingan.nodes.get(m).hidden)).id""")
    page.evaluate(f"window.pingan.focusNode({json.dumps(hub)})")
    page.click("#detail button")
    after = page.evaluate("window.pingan.nodes.get().filter(n => !n.hidden).length")
    hidden_neighbours = page.evaluate(f"""window.pingan.network.getConnectedNodes({json.dumps(hub)})
        .filter(m => window.pingan.nodes.get(m).hidden).length""")
    assert after > shown and hidden_neighbours == 0
    assert page.errors == []
    page.close()


def test_rings_around_a_large_hub_grow_with_the_square_root() -> None:
    import networkx as nx
    import numpy as np

    from kg.html import _place_around

    g = nx.star_graph(4000)
    index, pos = _place_around(g, list(g.nodes), {0: 0}, np.zeros((1, 2)), 70.0)
    radius = float(np.sqrt((pos ** 2).sum(axis=1)).max())
    assert len(index) == 4001 and radius < 70.0 * 30  # linear rings of 12 would reach ~23,000


def test_page_is_the_same_whatever_the_hash_seed(built) -> None:
    """The view of one graph is the same file in every run: string hashing (which Python
    varies per process) must not reach the layout."""
    import subprocess
    import sys

    out, _ = built
    script = ("import json, sys; from pathlib import Path; from kg.html import render_html; "
              "sys.stdout.write(render_html(json.loads(Path(sys.argv[1]).read_text(encoding='utf-8'))))")
    pages = [subprocess.run([sys.executable, "-c", script, str(out / "graph.json")], capture_output=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")]
    assert pages[0] == pages[1] == pages[2] and b'"x":' in pages[0]


def test_layout_is_the_same_however_its_rows_are_split(monkeypatch) -> None:
    """The force layout computes its rows in slices on several threads: neither the slice
    size nor the number of threads may change a position (the page would differ by machine)."""
    import numpy as np

    from kg import html

    rng = np.random.default_rng(5)
    n = 300
    pairs = np.array(sorted({(int(a), int(b)) for a, b in np.sort(rng.integers(0, n, (600, 2)), axis=1) if a != b}),
                     dtype=np.int64)
    runs = []
    for rows, cores in ((64, 1), (64, 4), (7, 2), (1000, 2)):
        monkeypatch.setattr(html, "ROWS", rows)
        monkeypatch.setattr(html.os, "cpu_count", lambda cores=cores: cores)
        runs.append(html._force_layout(n, pairs, 30))
    assert all(np.array_equal(runs[0], r) for r in runs[1:])
    assert float(np.abs(runs[0]).max()) > 1.0  # spread out, not collapsed
