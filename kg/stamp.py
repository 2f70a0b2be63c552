"""What out/ was last built from (out/.stamp.json): the code, the sources as indexed and the
manifest, with the outputs as written and the build's summary. A `kg build` that finds all of
it unchanged writes nothing and reports the stored summary, so building an unchanged corpus of
10,000 documents again takes a second instead of reading and writing 400 MB."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from . import __version__, seen
from .cache import statistic_from_json
from .errors import KGError
from .export import write_atomic
from .model import Statistic
from .sources import MANIFEST, list_sources

STAMP = ".stamp.json"
_DISTRIBUTION = "pingan-kg"


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for item in folder.iterdir():
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            found += _files(item, f"{prefix}{item.name}/")
        elif item.is_file():
            found.append((prefix + item.name, item))
    return found


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of everything in the package (code, language data, ontology, templates) and of
    the installed versions of its dependencies: any of them can change an output."""
    h = hashlib.sha256(__version__.encode())
    for name, item in sorted(_files(resources.files("kg")), key=lambda pair: pair[0]):
        h.update(name.encode() + b"\0" + item.read_bytes() + b"\0")
    try:
        requires = metadata.requires(_DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        requires = []
    for requirement in sorted(r for r in requires if "extra ==" not in r):  # not test or bench tools
        package = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)  # type: ignore[union-attr]
        try:
            h.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(package.encode())
    return h.hexdigest()


def manifest_bytes(sources: Path) -> bytes | None:
    """The manifest of ``sources`` as it is now (b"" when there is none; None if unreadable)."""
    try:
        return (sources / MANIFEST).read_bytes()
    except FileNotFoundError:
        return b""
    except OSError:
        return None


def inputs_signature(sources: Path, out: Path, manifest: bytes | None) -> str | None:
    """A digest of what a build of ``sources`` into ``out`` reads (``manifest``: the manifest's
    bytes as the build read them), or None when that cannot be told without reading the files
    (one is new, changed or not in the index of ``out``)."""
    if manifest is None:
        return None
    index = seen.load(out)
    h = hashlib.sha256(code_version().encode())
    h.update(hashlib.sha256(manifest).digest())
    try:
        paths = list_sources(sources)
    except KGError:
        return None
    for path in paths:
        known = seen.lookup(index, path)
        if known is None:
            return None
        h.update(f"\n{path.name}\t{known.signature}\t{known.sha256}".encode())
    return h.hexdigest()


def _state(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def record(out: Path, signature: str, outputs: list[Path], summary: dict[str, Any]) -> None:
    """Remember that ``outputs`` (as they are now) were built from ``signature``, with the
    build's ``summary`` (counts and conflicts, see :func:`summary_data`)."""
    data = {"inputs": signature, "outputs": {p.name: _state(p) for p in outputs}, "summary": summary}
    write_atomic(out / STAMP, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)


def recall(out: Path, signature: str | None) -> dict[str, Any] | None:
    """The stored summary if ``out`` was built from ``signature`` and its outputs are still as
    that build wrote them (none deleted, edited or replaced); else None."""
    if signature is None:
        return None
    try:
        data = json.loads((out / STAMP).read_text(encoding="utf-8"))
        if data["inputs"] != signature or not data["outputs"]:
            return None
        if any(_state(out / name) != state for name, state in data["outputs"].items()):
            return None
        summary = data["summary"]
        return summary if isinstance(summary, dict) else None
    except (OSError, ValueError, TypeError, KeyError):
        return None


def forget(out: Path) -> None:
    """Drop the stamp: the outputs are about to change."""
    (out / STAMP).unlink(missing_ok=True)


def summary_data(documents: int, nodes: Counter, edges: Counter, statistics: int,
                 conflicts: list[tuple[Statistic, Statistic]]) -> dict[str, Any]:
    """A build's summary as JSON data."""
    return {"documents": documents, "nodes": dict(nodes), "edges": dict(edges), "statistics": statistics,
            "conflicts": [[asdict(a), asdict(b)] for a, b in conflicts]}


def conflicts_from(data: dict[str, Any]) -> list[tuple[Statistic, Statistic]]:
    """The conflicting figures of a summary written by :func:`summary_data`."""
    return [(statistic_from_json(a), statistic_from_json(b)) for a, b in data["conflicts"]]
