"""The interactive HTML view: one self-contained, offline page (vis-network from pyvis's own
copy inlined, no external URL), laid out in Python so that large graphs open at once."""
from __future__ import annotations

import math
import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from . import lexicon
from .graph import json_bytes
from .normalise import normalise_name_groups, to_simplified

MAX_DRAWN = 3000
"""Above this many entity nodes the page opens on an overview (provinces and the largest
hubs); the rest are added when a node is expanded."""


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as pyvis ships them (no CDN)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _template() -> str:
    return resources.files("kg").joinpath("templates", "view.html").read_text(encoding="utf-8")


def _styles() -> dict[str, dict[str, str]]:
    return {r["type"]: r for r in lexicon.table("view_styles.tsv")}


def _script_json(value: dict[str, Any]) -> str:
    """JSON that is safe inside a <script> element whatever the strings hold."""
    text = json_bytes(value).decode("utf-8")
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


ROWS = 64
"""Rows of the n × n repulsion computed at a time: three such slices stay in a core's cache,
where whole n × n arrays went through memory at every step (twice as slow)."""


def _force_layout(n: int, pairs: Any, iterations: int) -> Any:
    """Fruchterman–Reingold positions of one connected component (n × 2, centred, unit
    spacing), vectorised with numpy; deterministic, whatever the number of threads."""
    import numpy as np

    rng = np.random.default_rng(7)
    pos = (rng.random((n, 2)) - 0.5).astype(np.float32) * np.float32(math.sqrt(n))
    if n == 1:
        return pos * 0
    k = np.float32(1.0)
    temperature = math.sqrt(n) / 4
    cooling = temperature / (iterations + 1)
    repulsion = np.empty((n, 2), dtype=np.float32)
    starts = list(range(0, n, ROWS))
    workers = max(1, min(len(starts), os.cpu_count() or 1, 4))
    buffers = [tuple(np.empty((min(ROWS, n), n), dtype=np.float32) for _ in range(4)) for _ in range(workers)]

    def rows(worker: int) -> None:
        # repulsion k²/d between all pairs, for every workers-th slice of rows; elementwise
        # numpy only (no BLAS, whose threads would make the result differ from run to run),
        # and each row's sum taken alone, so that any split of the rows gives the same forces
        dx, dy, w, t = buffers[worker]
        for lo in starts[worker::workers]:
            hi = min(lo + ROWS, n)
            x, y, ww, tt = dx[: hi - lo], dy[: hi - lo], w[: hi - lo], t[: hi - lo]
            np.subtract(pos[lo:hi, 0][:, None], pos[:, 0][None, :], out=x)
            np.subtract(pos[lo:hi, 1][:, None], pos[:, 1][None, :], out=y)
            np.multiply(x, x, out=ww)
            np.multiply(y, y, out=tt)
            ww += tt
            np.maximum(ww, np.float32(1e-4), out=ww)
            np.divide(k * k, ww, out=ww)
            diagonal = np.arange(hi - lo)
            ww[diagonal, diagonal + lo] = 0.0
            x *= ww
            y *= ww
            repulsion[lo:hi, 0] = x.sum(axis=1)
            repulsion[lo:hi, 1] = y.sum(axis=1)

    # numpy lets go of the interpreter lock: the slices of rows run on every core at once
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in range(iterations):
            if workers == 1:
                rows(0)
            else:
                list(pool.map(rows, range(workers)))
            force = repulsion.copy()
            if len(pairs):
                d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
                dist = np.sqrt(np.maximum((d ** 2).sum(axis=1), 1e-6))[:, None]
                pull = d * dist / k                                     # attraction d²/k along edges
                np.add.at(force, pairs[:, 0], -pull)
                np.add.at(force, pairs[:, 1], pull)
            length = np.sqrt(np.maximum((force ** 2).sum(axis=1), 1e-9))[:, None]
            pos += force / length * np.minimum(length, temperature)
            temperature -= cooling
    return pos - pos.mean(axis=0)


FORCE_LIMIT = 2500
"""Largest number of nodes of one component laid out by force (its memory and time grow with
the square); the others are placed in rings around a neighbour already placed."""


def _place_around(g: nx.Graph, comp: list[str], index: dict[str, int], pos: Any, spacing: float) -> tuple[dict[str, int], Any]:
    """Positions for the nodes of ``comp`` not in ``index``: breadth first from the nodes
    laid out, each new node on a ring around the neighbour that reached it. Linear."""
    import numpy as np

    index = dict(index)
    coords = [tuple(map(float, p)) for p in pos]
    frontier = list(index)
    while frontier:
        nxt = []
        for parent in frontier:
            children = sorted(v for v in g.neighbors(parent) if v not in index)
            px, py = coords[index[parent]]
            radius, slot, ring = spacing * 0.6, 0, 0
            capacity = max(6, int(2 * math.pi * radius / (spacing * 0.35)))
            for v in children:
                if slot == capacity:  # ring full: the next one, wider, holds more (radius ~ √n)
                    radius, slot, ring = radius + spacing * 0.35, 0, ring + 1
                    capacity = max(6, int(2 * math.pi * radius / (spacing * 0.35)))
                angle = 2 * math.pi * (slot + 0.5 * (ring % 2)) / capacity
                index[v] = len(coords)
                coords.append((px + radius * math.cos(angle), py + radius * math.sin(angle)))
                slot += 1
                nxt.append(v)
        frontier = nxt
    return index, np.array(coords, dtype=np.float64)


def _layout(nodes: list[str], edges: list[tuple[str, str]], iterations: int = 60) -> dict[str, tuple[float, float]]:
    """Positions computed once in Python (the browser's physics takes minutes on large
    graphs): each connected component laid out by force, the largest in the middle, the
    others packed in rows below it."""
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for a, b in edges if a != b)
    spacing = 70.0
    out: dict[str, tuple[float, float]] = {}
    components = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    cursor_x, cursor_y, row_height, width = 0.0, 0.0, 0.0, 0.0
    for i, comp in enumerate(components):
        core = comp if len(comp) <= FORCE_LIMIT else sorted(comp, key=lambda v: (-g.degree(v), v))[:FORCE_LIMIT]
        index = {v: j for j, v in enumerate(core)}
        # sorted: a small component's subgraph yields its edges in the order of a set of strings,
        # which changes from run to run, and so would the sums of forces and the page
        pairs = np.array(sorted(tuple(sorted((index[a], index[b]))) for a, b in g.subgraph(core).edges()),
                         dtype=np.int64).reshape(-1, 2)
        pos = _force_layout(len(core), pairs, iterations) * spacing
        if len(core) < len(comp):
            index, pos = _place_around(g, comp, index, pos, spacing)
        half = float(np.abs(pos).max()) + spacing if len(comp) > 1 else spacing / 2
        if i == 0:
            width = max(2 * half, 12 * spacing)
            cursor_y = half + spacing
            cursor_x = -width / 2
            for v, j in index.items():
                out[v] = (float(pos[j, 0]), float(pos[j, 1]))
            continue
        if cursor_x + 2 * half > width / 2:
            cursor_x, cursor_y, row_height = -width / 2, cursor_y + row_height + spacing / 2, 0.0
        cx, cy = cursor_x + half, cursor_y + half
        for v, j in index.items():
            out[v] = (float(pos[j, 0]) + cx, float(pos[j, 1]) + cy)
        cursor_x += 2 * half
        row_height = max(row_height, 2 * half)
    return out


def _t2s_map(strings: list[str]) -> dict[str, str]:
    """Traditional → Simplified for the characters of the graph's names, so that the page's
    search box accepts Traditional input without shipping a converter."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    out: dict[str, str] = {}
    for ch in sorted({c for s in strings for c in s}):
        trad = s2t.convert(ch)
        if len(trad) == 1 and trad != ch and to_simplified(trad) == ch:
            out[trad] = ch
    return out


def render_html(data: dict[str, Any]) -> str:
    """The view of a graph in the JSON form of :func:`kg.graph.to_json`."""
    styles = _styles()
    node_by_id = {n["id"]: n for n in data["nodes"]}
    entity_ids = [n["id"] for n in data["nodes"] if n["type"] != "Statistic"]
    edges = [e for e in data["edges"] if e["predicate"] != "hasStatistic"]
    # the layout (numpy, which lets go of the interpreter lock) runs beside the rest: the page
    # of a large corpus is ready in the time of the longer of the two rather than their sum
    with ThreadPoolExecutor(max_workers=1) as pool:
        layout = pool.submit(_layout, entity_ids, [(e["source"], e["target"]) for e in edges])
        view = _view(data, styles, node_by_id, entity_ids, edges, layout)
    script, css = _vis_assets()
    parts = {"/*VIEW_CSS*/": css.replace("</", "<\\/"), "/*VIEW_DATA*/": _script_json(view),
             "/*VIS_NETWORK*/": script.replace("</script", "<\\/script")}
    # one pass, so that text inside the data can never be taken for a placeholder
    return _PLACEHOLDER.sub(lambda m: parts[m.group()], _template())


def _view(data: dict[str, Any], styles: dict[str, dict[str, str]], node_by_id: dict[str, dict[str, Any]],
          entity_ids: list[str], edges: list[dict[str, Any]], layout: Future[dict[str, tuple[float, float]]]) -> dict[str, Any]:
    """The page's data: nodes with their statistics, style, position and whether the first
    view draws them; edges with their evidence as indexes of the sentences."""
    # each evidence sentence once in the page, referred to by its index (several facts often
    # come from one sentence: this halves the page of a large corpus)
    sentences: dict[str, int] = {}

    def sentence(text: str) -> int:
        return sentences.setdefault(text, len(sentences))

    stats: dict[str, list[dict[str, Any]]] = {}
    for e in data["edges"]:
        if e["predicate"] == "hasStatistic":
            st = node_by_id.get(e["target"], {})
            ev = e["evidence"][0] if e["evidence"] else {}
            stats.setdefault(e["source"], []).append({
                "indicator": st.get("indicator", ""), "value": st.get("value", ""), "year": st.get("year"),
                "conflict": bool(st.get("conflict")),
                "doc": ev.get("doc", ""), "evidence": sentence(ev.get("text", ""))})
    degree: dict[str, int] = {i: 0 for i in entity_ids}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + 1
        degree[e["target"]] = degree.get(e["target"], 0) + 1
    overview = set(entity_ids)
    if len(entity_ids) > MAX_DRAWN:
        hubs = sorted(entity_ids, key=lambda i: -degree[i])[: MAX_DRAWN // 2]
        overview = {i for i in entity_ids if node_by_id[i].get("subtype") == "Province"} | set(hubs)
    keys = normalise_name_groups([[node_by_id[i]["name"], *node_by_id[i].get("aliases", [])] for i in entity_ids])
    nodes = []
    pos = layout.result()
    for i, folded in zip(entity_ids, keys, strict=True):
        n = node_by_id[i]
        style = styles.get(n["type"], {"color": "#888888", "shape": "dot"})
        x, y = pos.get(i, (0.0, 0.0))
        nodes.append({
            "id": i, "label": n["name"], "type": n["type"], "subtype": n.get("subtype", ""),
            "aliases": n.get("aliases", []), "adcode": n.get("adcode", ""), "province": n.get("province", ""),
            "role": n.get("role", ""), "docs": n.get("docs", []), "stats": stats.get(i, []),
            "keys": sorted(folded),
            "x": round(x, 1), "y": round(y, 1), "size": 8 + 4 * math.sqrt(degree.get(i, 0)),
            "color": style["color"], "shape": style["shape"], "drawn": i in overview,
        })
    return {
        "nodes": nodes,
        "edges": [{"id": f"e{k}", "from": e["source"], "to": e["target"], "predicate": e["predicate"],
                   "role": e.get("role", ""), "origin": e.get("origin", "text"),
                   "evidence": [{"doc": ev["doc"], "start": ev["start"], "end": ev["end"], "t": sentence(ev["text"])}
                                for ev in e["evidence"]]}
                  for k, e in enumerate(edges)],
        "documents": data["documents"],
        "sentences": list(sentences),
        "styles": styles,
        "t2s": _t2s_map([x for n in nodes for x in [n["label"], *n["aliases"]]]),
    }


_PLACEHOLDER = re.compile(r"/\*(?:VIEW_CSS|VIEW_DATA|VIS_NETWORK)\*/")
