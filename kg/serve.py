"""A local SPARQL 1.1 endpoint over the built graph: Oxigraph's own server (PyPI `oxigraph`)
in read-only mode on the persistent store under out/oxigraph, bound to loopback by default."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .errors import KGError
from .store import prepare_store


def oxigraph_binary() -> str:
    """The `oxigraph` command installed beside this Python, else the one on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.exists():
        return str(local)
    found = shutil.which("oxigraph")
    if not found:
        raise KGError("the `oxigraph` command is missing: pip install oxigraph")
    return found


def serve_command(out: Path, host: str = "127.0.0.1", port: int = 7878) -> list[str]:
    """The command line that serves the graph read-only (the store is prepared first)."""
    store = prepare_store(out)
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"]
