"""What each source file held when a build last read it (out/cache/sources.index): its content
hash and the metadata its text states, under the file's stat signature. A rebuild or `kg add`
takes an unchanged file's hash from here and its result from the cache, so it does not decode
and hash 10,000 texts again; a file whose signature changed in any way is read as before."""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .errors import SourceError
from .export import write_atomic
from .sources import SourceText, read_source, text_sha256

INDEX = "cache/sources.index"
_RACY_NS = 2_000_000_000
"""A file written this close before the index was can have been written again within the same
timestamp tick (coarse on some file systems): such entries are checked by reading next time."""


@dataclass(frozen=True)
class Seen:
    """A source file as last read."""

    signature: str
    sha256: str
    meta: dict[str, str]
    """What the text states about itself (title line, date, 来源), before the manifest."""


@lru_cache(maxsize=1)
def reader_version() -> str:
    """What decides a file's text and metadata: the reading code and the decoders it uses. An
    index written by another version is not trusted (a fixed date parser or a new decoder
    must reach every file)."""
    h = hashlib.sha256(__version__.encode())
    h.update(resources.files("kg").joinpath("sources.py").read_bytes())
    for package in ("charset-normalizer", "trafilatura"):
        try:
            h.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(package.encode())
    return h.hexdigest()[:16]


def signature(path: Path) -> str:
    """Device, inode, size, modification and change times: any write, copy over or replacement
    of the file changes at least one (the change time cannot be set back by a user) unless it
    falls in the same timestamp tick, which :func:`load` guards against."""
    st = os.stat(path)
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def load(out: Path) -> dict[str, Seen]:
    """The index of ``out`` by file name; empty when there is none, it is damaged or written by
    another reader version (the files are then read, as on a first build). Entries of files
    changed within two seconds before the index was written are left out (read again)."""
    try:
        data = json.loads((out / INDEX).read_text(encoding="utf-8"))
        if data.get("reader") != reader_version() or not isinstance(data.get("written"), int):
            return {}
        racy = data["written"] - _RACY_NS
        index = {}
        for name, (sig, sha, meta) in data["files"].items():
            if isinstance(sig, str) and isinstance(sha, str) and isinstance(meta, dict) \
                    and all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()) \
                    and all(int(t) < racy for t in sig.split(":")[-2:]):
                index[name] = Seen(sig, sha, meta)
        return index
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}


def save(out: Path, index: dict[str, Seen]) -> None:
    """Write the index (atomically; not synced: a lost index only means reading the files)."""
    files = {name: [s.signature, s.sha256, s.meta] for name, s in sorted(index.items())}
    data = {"reader": reader_version(), "written": time.time_ns(), "files": files}
    write_atomic(out / INDEX, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)


def read(path: Path) -> tuple[Seen, SourceText]:
    """Read a source file and what the index keeps of it; the signature is taken before the
    text, so that a write meanwhile shows at the next build."""
    try:
        sig = signature(path)
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror})") from e
    source = read_source(path)
    return Seen(sig, text_sha256(source.text), source.meta), source


def lookup(index: dict[str, Seen], path: Path) -> Seen | None:
    """The entry for ``path`` if the file is as it was when indexed, else None."""
    known = index.get(path.name)
    if known is None:
        return None
    try:
        return known if known.signature == signature(path) else None
    except OSError:
        return None
