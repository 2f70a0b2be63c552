"""A local SPARQL 1.1 endpoint over the built graph: Oxigraph's own server (PyPI `oxigraph`)
in read-only mode on a store kept under out/oxigraph, bound to loopback by default."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .errors import GraphNotBuiltError, KGError

STORE_DIR = "oxigraph"


def oxigraph_binary() -> str:
    """The `oxigraph` command installed beside this Python, else the one on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.exists():
        return str(local)
    found = shutil.which("oxigraph")
    if not found:
        raise KGError("the `oxigraph` command is missing: pip install oxigraph")
    return found


def prepare_store(out: Path) -> Path:
    """out/oxigraph with the graph loaded: the named graphs of graph.trig and graph.ttl as the
    default graph; rebuilt when the graph files are newer than the store."""
    ttl, trig = out / "graph.ttl", out / "graph.trig"
    if not ttl.exists() or not trig.exists():
        raise GraphNotBuiltError(f"{out}: no graph.ttl / graph.trig; run `kg build` first")
    store = out / STORE_DIR
    stamp = store / ".loaded"
    if stamp.exists() and stamp.stat().st_mtime >= max(ttl.stat().st_mtime, trig.stat().st_mtime):
        return store
    fresh = out / (STORE_DIR + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    binary = oxigraph_binary()
    for args in (["--file", str(trig)], ["--file", str(ttl)]):
        p = subprocess.run([binary, "load", "--location", str(fresh), *args], capture_output=True, text=True)
        if p.returncode != 0:
            raise KGError(f"oxigraph load failed: {p.stderr.strip()[-400:]}")
    (fresh / ".loaded").touch()
    shutil.rmtree(store, ignore_errors=True)
    fresh.rename(store)
    return store


def serve_command(out: Path, host: str = "127.0.0.1", port: int = 7878) -> list[str]:
    """The command line that serves the graph read-only (the store is prepared first)."""
    store = prepare_store(out)
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"]
