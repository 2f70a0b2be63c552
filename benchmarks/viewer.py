#!/usr/bin/env python3
"""Viewer benchmark: time until a page of 2,000 nodes / 6,000 edges is interactive in headless
Chromium, the page `kg build` writes vs pyvis with its default physics, in the same run.

usage: python benchmarks/viewer.py [--nodes 2000] [--edges 6000] [--pyvis-timeout 600]
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

TYPES = ["Place", "Organization", "Program", "Campaign", "MediationRoom", "Person"]


def graph_data(n_nodes: int, n_edges: int, seed: int = 3) -> dict[str, Any]:
    """A random graph in the JSON form of kg.graph.to_json, degrees skewed like real ones."""
    rng = random.Random(seed)
    nodes = [{"id": f"{TYPES[i % 6]}/节点{i}", "type": TYPES[i % 6], "name": f"节点{i}", "subtype": "", "aliases": [],
              "adcode": "", "role": "", "docs": ["d"], "province": ""} for i in range(n_nodes)]
    edges, seen = [], set()
    while len(edges) < n_edges:
        a = int(rng.paretovariate(1.2)) % n_nodes if rng.random() < 0.5 else rng.randrange(n_nodes)
        b = rng.randrange(n_nodes)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            edges.append({"source": nodes[a]["id"], "target": nodes[b]["id"], "predicate": "locatedIn", "role": "",
                          "origin": "text", "evidence": [{"doc": "d", "start": 0, "end": 4, "text": "证据句子"}]})
    return {"documents": {"d": {"title": "t", "date": "", "publisher": "", "url": ""}}, "nodes": nodes, "edges": edges}


def write_ours(data: dict[str, Any], path: Path) -> float:
    from kg.html import render_html

    t0 = time.perf_counter()
    path.write_text(render_html(data), encoding="utf-8")
    return time.perf_counter() - t0


def write_pyvis(data: dict[str, Any], path: Path) -> None:
    """pyvis as a user would write it: default physics, vis-network inlined, no CDN links."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for n in data["nodes"]:
        net.add_node(n["id"], label=n["name"])
    for e in data["edges"]:
        net.add_edge(e["source"], e["target"])
    html = re.sub(r"<(link|script)\b[^>]*https?://[^>]*>(\s*</script>)?", "", net.generate_html())
    path.write_text(html, encoding="utf-8")


def _browser(p: Any) -> Any:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Debian's chromium is needed (scripts/install-browser.sh)")
    return p.chromium.launch(executable_path=chromium, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])


def time_to_interactive(path: Path, ready_js: str, timeout: float) -> float | None:
    """Seconds from navigation until ``ready_js`` holds, or None after ``timeout``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        # vis-network reports the end of its physics through an event: count it from the start
        page.add_init_script("window.__done = null; window.addEventListener('load', () => {"
                             " if (window.network && network.once) network.once('stabilizationIterationsDone',"
                             " () => { window.__done = performance.now(); }); });")
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=timeout * 1000)
        try:
            page.wait_for_function(ready_js, timeout=timeout * 1000, polling=100)
        except PlaywrightTimeout:
            browser.close()
            return None
        seconds = time.perf_counter() - t0
        browser.close()
        return seconds


def run(n_nodes: int = 2000, n_edges: int = 6000, pyvis_timeout: float = 600.0) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="kg-view-"))
    data = graph_data(n_nodes, n_edges)
    ours, theirs = work / "kg.html", work / "pyvis.html"
    render = write_ours(data, ours)
    write_pyvis(data, theirs)
    t_ours = time_to_interactive(ours, "window.pingan && window.pingan.ready", 120)
    # pyvis's page is usable once its physics has stabilised (before that nodes keep moving)
    t_pyvis = time_to_interactive(theirs, "window.__done !== null", pyvis_timeout)
    out: dict[str, Any] = {
        "graph": f"{n_nodes:,} nodes / {n_edges:,} edges",
        "kg: render in Python (s)": render,
        "kg: interactive in Chromium (s)": t_ours,
        "kg: file size (MB)": ours.stat().st_size / 1e6,
        "pyvis default physics: interactive (s)": t_pyvis if t_pyvis is not None else f"> {pyvis_timeout:g} (stopped)",
        "pyvis: file size (MB)": theirs.stat().st_size / 1e6,
    }
    if t_ours:
        ratio = (t_pyvis if t_pyvis is not None else pyvis_timeout) / t_ours
        out["ratio (pyvis / kg)"] = ratio if t_pyvis is not None else f"> {ratio:.0f}"
    shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=6000)
    ap.add_argument("--pyvis-timeout", type=float, default=600.0)
    a = ap.parse_args()
    for k, v in run(a.nodes, a.edges, a.pyvis_timeout).items():
        print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")


if __name__ == "__main__":
    main()
