"""What each source file held when a build last read it (out/cache/sources.index): its content
hash and the metadata its text states, under the file's stat signature. A rebuild or `kg add`
takes an unchanged file's hash from here and its result from the cache, so it does not decode
and hash 10,000 texts again; a file whose signature changed in any way is read as before."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .export import write_atomic

INDEX = "cache/sources.index"


@dataclass(frozen=True)
class Seen:
    """A source file as last read."""

    signature: str
    sha256: str
    meta: dict[str, str]
    """What the text states about itself (title line, date, 来源), before the manifest."""


def signature(path: Path) -> str:
    """Size, modification and change times and inode: any write, copy over or replacement
    of the file changes at least one (the change time cannot be set back by a user)."""
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def load(out: Path) -> dict[str, Seen]:
    """The index of ``out`` by file name; empty when there is none or it is damaged (the
    files are then read, as on a first build)."""
    try:
        data = json.loads((out / INDEX).read_text(encoding="utf-8"))
        index = {}
        for name, (sig, sha, meta) in data.items():
            if isinstance(sig, str) and isinstance(sha, str) and isinstance(meta, dict) \
                    and all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
                index[name] = Seen(sig, sha, meta)
        return index
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def save(out: Path, index: dict[str, Seen]) -> None:
    """Write the index (atomically; not synced: a lost index only means reading the files)."""
    data = {name: [s.signature, s.sha256, s.meta] for name, s in sorted(index.items())}
    write_atomic(out / INDEX, json.dumps(data, ensure_ascii=False).encode("utf-8"), durable=False)


def lookup(index: dict[str, Seen], path: Path) -> Seen | None:
    """The entry for ``path`` if the file is as it was when indexed, else None."""
    known = index.get(path.name)
    if known is None:
        return None
    try:
        return known if known.signature == signature(path) else None
    except OSError:
        return None
