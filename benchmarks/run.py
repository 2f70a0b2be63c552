#!/usr/bin/env python3
"""Benchmarks of pingan-kg, each figure beside a baseline measured in the same run, printed as
a Markdown table (the README shows the latest one).

usage: python benchmarks/run.py [--sizes 100 1000 10000] [--workdir DIR] [--skip-viewer]

Needs the bench extra (pip install '.[bench]': jieba for the throughput baseline) and, for the
viewer benchmark, Debian's chromium (scripts/install-browser.sh).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _kg(*args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `kg` command in a fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
    if proc.stderr:
        proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def throughput(docs: list[Path]) -> dict[str, Any]:
    """Characters per second of the whole extraction pipeline vs jieba.posseg tagging the same
    text (what a user would otherwise reach for), both after their models are loaded."""
    import jieba
    import jieba.posseg

    from kg.extract import extract_document, extract_documents
    from kg.sources import read_document

    jieba.setLogLevel(60)
    documents = [read_document(p) for p in docs]
    chars = sum(len(d.text) for d in documents)
    extract_document(read_document(docs[0]))
    list(jieba.posseg.cut("预热一下"))
    t0 = time.perf_counter()
    for _ in extract_documents(documents):
        pass
    ours = chars / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for d in documents:
        list(jieba.posseg.cut(d.text))
    base = chars / (time.perf_counter() - t0)
    return {"characters": chars, "kg extraction (chars/s)": ours, "jieba.posseg (chars/s)": base, "ratio": ours / base}


def growth(work: Path, sizes: list[int]) -> dict[str, Any]:
    """Per-document cost of a cold build (no cache) at each size, and its peak memory."""
    out: dict[str, Any] = {}
    for n in sizes:
        src, dest = work / f"src{n}", work / f"out{n}"
        if not src.exists():
            generate(n, src, seed=1)
        shutil.rmtree(dest, ignore_errors=True)
        seconds, rss = _kg("build", "--sources", str(src), "--out", str(dest))
        out[f"{n:,} docs: build (s)"] = seconds
        out[f"{n:,} docs: per document (ms)"] = seconds / n * 1000
        out[f"{n:,} docs: peak RSS (MB)"] = rss
    first, last = sizes[0], sizes[-1]
    if len(sizes) > 2:
        first = sizes[-2]
    out[f"ratio per document ({last:,} / {first:,})"] = out[f"{last:,} docs: per document (ms)"] / out[f"{first:,} docs: per document (ms)"]
    return out


def long_document(work: Path, n: int = 400) -> dict[str, Any]:
    """A cold build of n documents joined into one long document vs the same n documents as
    they are: a step that scanned every mention per mention would make the long one cost many
    times more."""
    parts = generate(n, work / "long" / "parts", seed=11)
    joined = work / "long" / "joined"
    shutil.rmtree(joined, ignore_errors=True)
    joined.mkdir(parents=True)
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in parts)
    (joined / "000_long.txt").write_text(text, encoding="utf-8")
    times = {}
    for name, src in (("parts", parts[0].parent), ("joined", joined)):
        dest = work / "long" / f"out-{name}"
        shutil.rmtree(dest, ignore_errors=True)
        times[name], _ = _kg("build", "--sources", str(src), "--out", str(dest))
    return {"characters": len(text), f"{n} documents (s)": times["parts"], "one document of them all (s)": times["joined"],
            "ratio": times["joined"] / times["parts"]}


def incremental(work: Path, n: int) -> dict[str, Any]:
    """`kg add` of one new document to the graph of n documents vs the full build of n."""
    src, dest = work / f"src{n}", work / f"out{n}"
    # out/ as this code leaves it (cache and kept RDF pieces of every document), as a user has it
    _kg("build", "--sources", str(src), "--out", str(dest))
    unchanged, _ = _kg("build", "--sources", str(src), "--out", str(dest))
    extra = work / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    new = generate(1, extra, seed=99)[0]
    add, rss = _kg("add", str(new), "--sources", str(src), "--out", str(dest))
    _kg("remove", _last_id(src), "--sources", str(src), "--out", str(dest))  # leave the corpus as it was
    shutil.rmtree(dest / "cache")
    full, _ = _kg("build", "--sources", str(src), "--out", str(dest))
    return {"kg add one document (s)": add, f"full build of {n:,} (s)": full, "ratio": add / full,
            "kg add peak RSS (MB)": rss, "build again, nothing changed (s)": unchanged}


def _last_id(src: Path) -> str:
    return sorted((p.stem for p in src.glob("*.txt") if not p.stem.endswith("_gen1")), key=lambda s: int(s.split("_")[0]))[-1]


def parallel(work: Path, n: int) -> dict[str, Any]:
    """Cold build of n documents with 1 and 2 worker processes."""
    src = work / f"src{n}"
    times = {}
    for jobs in (1, 2):
        dest = work / f"par{jobs}"
        shutil.rmtree(dest, ignore_errors=True)
        times[jobs], _ = _kg("build", "-j", str(jobs), "--sources", str(src), "--out", str(dest))
    return {f"{n:,} docs, -j 1 (s)": times[1], f"{n:,} docs, -j 2 (s)": times[2], "speed-up": times[1] / times[2]}


def queries(out: Path, repeat: int = 5) -> dict[str, Any]:
    """Median latency of each ready query (queries/*.rq): the persistent Oxigraph store vs
    rdflib's memory store, same graph, same run."""
    from rdflib import Graph

    from kg.sparql import PREFIXES, open_store, run_query
    from kg.store import prepare_store

    t0 = time.perf_counter()
    prepare_store(out)
    load_ox = time.perf_counter() - t0
    store = open_store(out)
    texts = {rq.stem: rq.read_text(encoding="utf-8") for rq in sorted((ROOT / "queries").glob("*.rq"))}
    # Oxigraph first, before rdflib's graph is in this process: its millions of Python objects
    # would slow every later allocation (the cycle collector walks them), which no `kg sparql`
    # process has to bear
    ox_ms, rows = {}, {}
    for name, text in texts.items():
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows[name] = len(run_query(store, text, timeout=0).rows)
            times.append(time.perf_counter() - t0)
        ox_ms[name] = statistics.median(times) * 1000
    t0 = time.perf_counter()
    g = Graph().parse(out / "graph.ttl", format="turtle")
    load_rdflib = time.perf_counter() - t0
    header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    result: dict[str, Any] = {"triples": len(g), "load: Oxigraph store (s)": load_ox, "load: rdflib parse (s)": load_rdflib}
    ox_all, rdf_all = [], []
    for name, text in texts.items():
        times = []
        for _ in range(max(1, repeat // 2)):
            t0 = time.perf_counter()
            list(g.query(header + text))
            times.append(time.perf_counter() - t0)
        rdf_ms = statistics.median(times) * 1000
        ox_all.append(ox_ms[name])
        rdf_all.append(rdf_ms)
        result[f"{name} ({rows[name]:,} rows): Oxigraph / rdflib (ms)"] = \
            f"{ox_ms[name]:,.1f} / {rdf_ms:,.0f} ({rdf_ms / ox_ms[name]:,.0f}×)"
    result["median over queries: Oxigraph (ms)"] = statistics.median(ox_all)
    result["median over queries: rdflib (ms)"] = statistics.median(rdf_all)
    result["ratio of medians"] = statistics.median(rdf_all) / statistics.median(ox_all)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--skip-viewer", action="store_true")
    ap.add_argument("--only", nargs="+", choices=["throughput", "long", "growth", "incremental", "parallel", "queries", "viewer"],
                    help="Run these steps only (queries and incremental reuse the corpus of --workdir).")
    a = ap.parse_args()
    work = a.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(a.sizes)
    mid = sizes[-2] if len(sizes) > 1 else sizes[0]
    results: dict[str, dict[str, Any]] = {}

    def step(name: str, fn: Any, *args: Any) -> None:
        if a.only and name.split()[0] not in a.only:
            return
        t0 = time.perf_counter()
        results[name] = fn(*args)
        print(f"[{name}: {time.perf_counter() - t0:.0f} s]", file=sys.stderr, flush=True)

    step("throughput (vs jieba.posseg)", lambda: throughput(generate(min(sizes[0], 100), work / "throughput", seed=7)))
    step("long document (one vs its parts)", long_document, work)
    step("growth (cold builds)", growth, work, sizes)
    step("incremental (kg add vs full build)", incremental, work, sizes[-1])
    step("parallel (--jobs 2 vs 1)", parallel, work, mid)
    step("queries (Oxigraph vs rdflib)", queries, work / f"out{sizes[-1]}")
    if not a.skip_viewer:
        from viewer import run as viewer_run

        step("viewer (vs pyvis default physics)", viewer_run)
        step("viewer at scale", lambda: _view_at_scale(work / f"out{sizes[-1]}"))
    print("| benchmark | measure | value |\n|---|---|---|")
    print("\n".join(f"| {name} | {k} | {_shown(v)} |" for name, figures in results.items() for k, v in figures.items()))
    print(f"\nworkdir: {work}")


def _view_at_scale(out: Path) -> dict[str, Any]:
    """The page `kg build` wrote for the largest corpus: size and time until interactive."""
    from viewer import time_to_interactive

    page = out / "graph.html"
    seconds = time_to_interactive(page, "window.pingan && window.pingan.ready", 300)
    return {"page": str(page), "file size (MB)": page.stat().st_size / 1e6,
            "interactive in Chromium (s)": seconds if seconds is not None else "> 300 (stopped)"}


def _shown(v: Any) -> str:
    return f"{v:,.3f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)


if __name__ == "__main__":
    main()
