"""A build killed with SIGKILL at any moment leaves the previous outputs and the sources intact
and readable (every file is written to a temporary name and renamed into place)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.build import build

from .conftest import SHARED, SOURCES

OUTPUTS = ("graph.ttl", "graph.trig", "graph.json", "graph.html")


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _readable(out: Path) -> None:
    Graph().parse(out / "graph.ttl", format="turtle")
    Dataset().parse(out / "graph.trig", format="trig")
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


@pytest.mark.parametrize("delay", [0.8, 2.2, 3.6])
def test_sigkill_mid_build_keeps_previous_outputs(tmp_path: Path, delay: float) -> None:
    src, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(SOURCES, src)
    build(src, out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    # new documents make the next build write different outputs
    extra = sorted((SHARED / "dev" / "docs").glob("*.txt")) if (SHARED / "dev" / "docs").is_dir() else []
    for i, f in enumerate(extra or [SOURCES / "000_f859df1bf64bd70c.txt"]):
        shutil.copy(f, src / f"9{i:02d}_{f.stem}.txt")
    sources_before = _digest(src)
    complete = tmp_path / "complete"
    build(src, complete)  # what a finished build writes (outputs are deterministic)
    after = {name: (complete / name).read_bytes() for name in OUTPUTS}
    assert after != before
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--sources", str(src), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _readable(out)
    # each file is the old one or a complete new one, never a half-written one
    for name in ("graph.ttl", "graph.json"):  # byte-stable outputs
        assert (out / name).read_bytes() in (before[name], after[name]), name
    def quads(data: bytes) -> set:
        return set(Dataset().parse(data=data, format="trig").quads())  # no blank nodes in the output

    assert quads((out / "graph.trig").read_bytes()) in (quads(before["graph.trig"]), quads(after["graph.trig"]))
    html = (out / "graph.html").read_bytes()
    # the view's layout floats may differ by run (even in length): check it is whole, not byte-equal
    assert html == before["graph.html"] or (html.startswith(b"<!DOCTYPE html>") and html.endswith(b"</html>\n"))
    assert _digest(src) == sources_before
    # the next build finishes and reads the new documents
    summary = build(src, out)
    assert summary.documents == len(list(src.glob("*.txt")))
    _readable(out)
    assert not list(out.glob(".*.tmp"))
