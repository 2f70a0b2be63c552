"""The persistent SPARQL store: Oxigraph on disk under out/oxigraph, loaded once from what
`kg build` wrote (the named graphs of graph.trig, and graph.ttl as the default graph) and
reloaded only when those files change, so that queries on a large graph do not parse it again."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphNotBuiltError
from .export import shared_mode
from .lock import waiting

STORE_DIR = "oxigraph"
_STAMP = ".loaded"
_LOCK = ".oxigraph.lock"


def _graph_files(out: Path) -> tuple[Path, Path]:
    ttl, trig = out / "graph.ttl", out / "graph.trig"
    if not ttl.exists() or not trig.exists():
        raise GraphNotBuiltError(f"{out}: no graph.ttl / graph.trig; run `kg build` first")
    return ttl, trig


def _signature(ttl: Path, trig: Path) -> str:
    """What the store was loaded from: sizes and modification times of the two files."""
    return " ".join(f"{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in (ttl, trig))


def is_current(out: Path) -> bool:
    """Is out/oxigraph loaded from the graph files as they are now?"""
    ttl, trig = _graph_files(out)
    stamp = out / STORE_DIR / _STAMP
    return stamp.exists() and stamp.read_text(encoding="utf-8") == _signature(ttl, trig)


def prepare_store(out: Path) -> Path:
    """out/oxigraph, (re)loaded if the graph files changed since it was loaded. A new store is
    loaded beside the old one and swapped in by a rename, so a reader never sees half a load;
    concurrent callers wait for one another (a lock), and the store is as readable as the
    other outputs."""
    _graph_files(out)
    store_dir = out / STORE_DIR
    if is_current(out):
        return store_dir
    with waiting(out / _LOCK):
        if not is_current(out):  # another process may have loaded it meanwhile
            _load(out, store_dir)
    return store_dir


def load_graph(store: ox.Store, out: Path) -> ox.Store:
    """``store`` with what ``kg build`` wrote into ``out``: the named graphs of graph.trig,
    and graph.ttl (their union) as the default graph."""
    ttl, trig = _graph_files(out)
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return store


def _load(out: Path, store_dir: Path) -> None:
    ttl, trig = _graph_files(out)
    for stale in out.glob(".oxigraph-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a load that was killed
    signature = _signature(ttl, trig)
    fresh = Path(tempfile.mkdtemp(dir=out, prefix=".oxigraph-"))
    try:
        store = load_graph(ox.Store(str(fresh)), out)
        store.flush()
        # compacted once here, queries read fewer files ever after (a quarter faster at 1.7M triples)
        store.optimize()
        del store
        (fresh / _STAMP).write_text(signature, encoding="utf-8")
        fresh.chmod(shared_mode(0o777))  # mkdtemp makes it private; the outputs are meant to be shared
        old = out / f".oxigraph-old-{fresh.name}"
        if store_dir.exists():
            store_dir.rename(old)
        fresh.rename(store_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def open_store(out: Path) -> ox.Store:
    """The graph of ``out`` as a read-only Oxigraph store on disk (prepared when needed)."""
    return ox.Store.read_only(str(prepare_store(out)))
