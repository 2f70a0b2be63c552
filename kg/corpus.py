"""Adding and removing documents: sources/ and its manifest change, atomically and under the
lock, and the graph is rebuilt incrementally (unchanged documents come from the cache)."""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import seen
from .build import BUILT, BuildSummary, build_held, corpus_digest
from .errors import KGError, SourceError
from .export import write_atomic
from .lock import exclusive
from .sources import (
    INPUT_SUFFIXES,
    MANIFEST,
    MANIFEST_FIELDS,
    format_manifest,
    list_sources,
    parse_source,
    read_manifest,
    read_source,
    text_sha256,
)

_ID = re.compile(r"^(\d+)_")


@dataclass
class Added:
    """What became of one input of `kg add`."""

    input: str
    doc_id: str = ""
    status: str = ""
    """added, duplicate (same content already present) or error."""
    message: str = ""


def expand_inputs(paths: list[str]) -> list[str]:
    """Files as given, folders as their .txt/.html/.htm/.md files in name order, - for stdin."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = [str(f) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES]
            out += found or [p]  # an empty folder stays, to be reported
        else:
            out.append(p)
    return out


def _existing_hashes(sources: Path, out: Path) -> tuple[dict[str, str], bool]:
    """Content hash → document of every file in sources/ (files unchanged since the last build
    of ``out`` are not read again), and whether ``out`` was built from exactly these documents
    (not so after a killed add, whose document is in sources/ but not in the graph)."""
    index = seen.load(out)
    hashes = {}
    pairs = []
    for path in list_sources(sources):
        try:
            digest = (seen.lookup(index, path) or seen.read(path)[0]).sha256
        except KGError:
            continue  # a bad file already in sources/ is reported by the build
        hashes[digest] = path.stem
        pairs.append((path.stem, digest))
    try:
        current = (out / BUILT).read_text(encoding="utf-8") == corpus_digest(pairs)
    except OSError:
        current = False
    return hashes, current


def _next_index(sources: Path) -> int:
    numbers = [int(m.group(1)) for p in list_sources(sources) if (m := _ID.match(p.stem))]
    return max(numbers, default=-1) + 1


def add_documents(inputs: list[str], sources: Path, out: Path, overrides: dict[str, str] | None = None,
                  progress: Callable[[str], None] | None = None) -> tuple[list[Added], BuildSummary | None]:
    """Copy each new document into ``sources`` as UTF-8 text with its manifest entry, then
    rebuild ``out``. Content already present is a no-op that says so; bad inputs are
    reported and the others still added."""
    overrides = {k: v for k, v in (overrides or {}).items() if v}
    results: list[Added] = []
    with exclusive(sources, out):
        hashes, current = _existing_hashes(sources, out) if sources.is_dir() else ({}, False)
        sources.mkdir(parents=True, exist_ok=True)
        manifest = read_manifest(sources)
        index = _next_index(sources)
        for name in expand_inputs(inputs):
            try:
                if name == "-":
                    parsed = parse_source(sys.stdin.buffer.read(), "<stdin>", ".txt")
                else:
                    path = Path(name)
                    if not path.exists():
                        raise SourceError(f"{name}: no such file")
                    if path.is_dir():
                        raise SourceError(f"{name}: no .txt, .html, .htm or .md files in this folder")
                    if not path.is_file():
                        raise SourceError(f"{name}: not a regular file")  # a pipe would block the add
                    if path.suffix.lower() not in INPUT_SUFFIXES:
                        raise SourceError(f"{name}: not a .txt, .html, .htm or .md file")
                    parsed = read_source(path)
            except KGError as e:
                results.append(Added(name, status="error", message=str(e)))
                continue
            digest = text_sha256(parsed.text)
            if digest in hashes:
                note = f"already present as {hashes[digest]}"
                if overrides:  # metadata given now is not applied to a document already there: say so
                    note += f" (its metadata is not changed: edit {sources / MANIFEST})"
                results.append(Added(name, hashes[digest], "duplicate", note))
                continue
            doc_id = f"{index:03d}_{digest[:16]}"
            index += 1
            write_atomic(sources / f"{doc_id}.txt", parsed.text.encode("utf-8"))
            entry = {k: parsed.meta.get(k, "") for k in MANIFEST_FIELDS}
            entry.update(overrides)
            if parsed.encoding and parsed.encoding.lower().replace("-", "_") not in ("utf_8", "ascii"):
                entry["original_encoding"] = parsed.encoding
            manifest[doc_id] = entry
            hashes[digest] = doc_id
            results.append(Added(name, doc_id, "added"))
        if any(r.status == "added" for r in results):
            _write_manifest(sources, manifest)
        # nothing new, but out/ behind sources/ (an add killed before its build ended): build it now
        stale = not current and any(r.status == "duplicate" for r in results)
        summary = build_held(sources, out, progress) if stale or any(r.status == "added" for r in results) else None
    return results, summary


def _write_manifest(sources: Path, manifest: dict[str, dict[str, str]]) -> None:
    present = {p.stem for p in list_sources(sources)}
    entries = {}
    for doc_id, entry in manifest.items():
        if doc_id in present:
            entries[doc_id] = {k: v for k, v in entry.items() if k != "id"}
    write_atomic(sources / MANIFEST, format_manifest(entries).encode("utf-8"))


def remove_document(doc_id: str, sources: Path, out: Path,
                    progress: Callable[[str], None] | None = None) -> BuildSummary:
    """Remove exactly that document (its file and manifest entry) and rebuild: what only it
    supported is gone, what other documents also state stays with them as its source."""
    with exclusive(sources, out):
        path = sources / f"{doc_id}.txt"
        if "/" in doc_id or doc_id.startswith(".") or not path.is_file():
            known = ", ".join(p.stem for p in list_sources(sources)[:8]) if sources.is_dir() else ""
            raise KGError(f"{doc_id}: no such document in {sources}" + (f" (documents: {known}…)" if known else ""))
        manifest = read_manifest(sources)
        manifest.pop(doc_id, None)
        path.unlink()
        _write_manifest(sources, manifest)
        return build_held(sources, out, progress)
