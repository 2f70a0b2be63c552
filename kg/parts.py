"""Each document's RDF serialised once and kept (out/cache/<id>.<key>.rdf): its named graph as
a TriG block and its statements as Turtle. A document's graph depends on that document alone
(export.document_quads), so a build writes graph.trig and graph.ttl by joining these pieces
and serialises only the corpus graphs anew: adding one document to a large corpus does not
turn millions of statements into RDF terms again."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .cache import CACHE_DIR, extractor_version
from .export import PREFIXES, document_quads, write_atomic
from .model import DocumentResult

RDF_MODULES = ("export", "namespace", "parts", "sources")
"""The modules whose code decides how a document's result is written as RDF (sources: the
filter of control characters and the date check that literals go through)."""
_SUFFIX = ".rdf"
_RUN = 16 << 20
"""Bytes of pieces joined before each write of graph.trig and graph.ttl."""


@lru_cache(maxsize=1)
def rdf_version() -> str:
    """A hash of the extractor version and the RDF-writing code: any change to either makes
    every kept piece stale."""
    h = hashlib.sha256(extractor_version().encode() + ox.__version__.encode())
    root = resources.files("kg")
    for name in RDF_MODULES:
        h.update(root.joinpath(name + ".py").read_bytes())
    return h.hexdigest()[:16]


def header() -> bytes:
    """The prefix declarations that open graph.trig and graph.ttl (the pieces have none)."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode("utf-8")


def _body(data: bytes) -> bytes:
    """Serialised RDF without the prefix lines Oxigraph puts first."""
    at = 0
    while data.startswith(b"@prefix ", at):
        at = data.index(b"\n", at) + 1
    return data[at:]


def serialise(quads: list[ox.Quad]) -> tuple[bytes, bytes]:
    """Quads as a TriG body (graph blocks) and a Turtle body (each triple once, by subject)."""
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    triples = list(dict.fromkeys(q.triple for q in quads))
    triples.sort(key=lambda t: str(t.subject))
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return _body(trig), _body(ttl)


def piece(out: Path, result: DocumentResult) -> Path:
    """Where this document's RDF pieces are kept: the name changes with its text, metadata and
    the code that writes them."""
    d = result.document
    key = hashlib.sha1("\x1f".join((d.id, d.sha256, d.title, d.publisher, d.date, d.url, rdf_version()))
                       .encode("utf-8")).hexdigest()[:24]
    return out / CACHE_DIR / f"{d.id}.{key}{_SUFFIX}"


def _pack(trig: bytes, ttl: bytes) -> bytes:
    """A piece as kept: a line with the TriG body's length and a hash of both bodies, then
    the bodies (pieces are not synced to disk, so a crash may leave one cut short)."""
    return b"%d %s\n" % (len(trig), hashlib.sha1(trig + ttl).hexdigest().encode()) + trig + ttl


def _read(path: Path) -> tuple[bytes, bytes] | None:
    try:
        data = path.read_bytes()
        first, rest = data.split(b"\n", 1)
        size, digest = first.split(b" ")
        at = int(size)
    except (OSError, ValueError):
        return None
    if not 0 <= at <= len(rest) or hashlib.sha1(rest).hexdigest().encode() != digest:
        return None  # damaged: only a miss
    return rest[:at], rest[at:]


def document_pieces(out: Path, result: DocumentResult) -> tuple[bytes, bytes]:
    """This document's TriG and Turtle bodies, from out/cache when they were written for the
    same text, metadata and code, else serialised and kept."""
    path = piece(out, result)
    kept = _read(path) if path.exists() else None
    if kept is not None:
        return kept
    trig, ttl = serialise(document_quads(result.document, result.entities, result.relations, result.statistics))
    # not synced: a piece lost in a crash is serialised again
    write_atomic(path, _pack(trig, ttl), durable=False)
    return trig, ttl


def write_graphs(out: Path, results: list[DocumentResult], corpus: list[ox.Quad]) -> tuple[Path, Path]:
    """out/graph.trig (every document's named graph, then the corpus graphs) and out/graph.ttl
    (their union, document by document: a statement several documents make is in each
    document's part, which RDF readers take as one)."""
    pieces = [document_pieces(out, r) for r in results]
    corpus_trig, corpus_ttl = serialise(corpus)

    def joined(which: int, tail: bytes) -> Iterator[bytes]:
        # in runs of some megabytes, not piece by piece: this runs in a thread beside the view,
        # and each write gives up the interpreter lock and waits for it again (a write per
        # piece made 20,000 such waits at 10,000 documents: 5 s of a kg add, not 0.2)
        run, size = [header()], 0
        for piece in pieces:
            run.append(piece[which])
            size += len(piece[which])
            if size >= _RUN:
                yield b"".join(run)
                run, size = [], 0
        run.append(tail)
        yield b"".join(run)

    trig, ttl = out / "graph.trig", out / "graph.ttl"
    write_atomic(trig, joined(0, corpus_trig))
    write_atomic(ttl, joined(1, corpus_ttl))
    return ttl, trig
