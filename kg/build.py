"""Corpus build: read every source, extract each document, merge across documents, write RDF."""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache, seen, stamp
from .collector import paused
from .errors import KGError
from .export import corpus_quads, write_atomic
from .extract import BATCH, extract_documents
from .graph import GRAPH_JSON, json_bytes, to_json, to_networkx
from .html import render_html
from .lock import exclusive
from .model import Document, DocumentResult, Entity, Relation, Statistic
from .parts import piece, write_graphs
from .resolve import merge_results
from .sources import document, list_sources, read_manifest
from .statistics import document_years, find_conflicts

Key = tuple[str, str]
BUILT = ".built"
"""In out/: a digest of the documents (id and text hash) its outputs were last built from."""


def corpus_digest(documents: list[tuple[str, str]]) -> str:
    """A digest of (document id, text hash) pairs, in any order."""
    return hashlib.sha256("\n".join(sorted(f"{i}\t{h}" for i, h in documents)).encode("utf-8")).hexdigest()


@dataclass
class Corpus:
    """The merged result of a build."""

    results: list[DocumentResult]
    entities: dict[Key, Entity]
    relations: list[Relation]
    statistics: list[Statistic]
    failures: list[str] = field(default_factory=list)
    cached: int = 0
    """How many documents came from the extraction cache."""


@dataclass
class BuildSummary:
    """What a build wrote, for the CLI to print."""

    documents: int
    nodes: Counter
    edges: Counter
    statistics: int
    seconds: float
    outputs: list[Path]
    failures: list[str]
    cached: int = 0
    conflicts: list[tuple[Statistic, Statistic]] = field(default_factory=list)
    unchanged: bool = False
    """Nothing was written: the outputs already matched the sources and the code."""


def extract_corpus(sources: Path, progress: Callable[[str], None] | None = None,
                   cache_dir: Path | None = None, jobs: int = 1) -> Corpus:
    """Extract every document of ``sources`` (or take its result from the cache under
    ``cache_dir``), in ``jobs`` processes, and merge the entities across documents."""
    manifest = read_manifest(sources)
    failures: list[str] = []
    slots: list[DocumentResult | Document] = []
    index = seen.load(cache_dir) if cache_dir is not None else {}
    found: dict[str, seen.Seen] = {}
    with paused():
        for path in list_sources(sources):
            try:
                slot, found[path.name] = _read(path, manifest, index, cache_dir)
            except KGError as e:
                failures.append(str(e))
                continue
            slots.append(slot)
            if isinstance(slot, DocumentResult) and progress:
                progress(slot.document.id)
    if cache_dir is not None and found != index:
        seen.save(cache_dir, found)
    todo = [d for d in slots if isinstance(d, Document)]
    fresh = {r.document.id: r for r in _extract_all(todo, jobs, progress)}
    results = [fresh[s.id] if isinstance(s, Document) else s for s in slots]
    if cache_dir is not None:
        for r in fresh.values():
            cache.store(cache_dir, r)
    with paused():
        entities, relations, statistics = merge_results(results)
    return Corpus(results, entities, relations, statistics, failures, len(slots) - len(todo))


def _read(path: Path, manifest: dict[str, dict[str, str]], index: dict[str, seen.Seen],
          cache_dir: Path | None) -> tuple[DocumentResult | Document, seen.Seen]:
    """A source's cached result, or its Document to extract; and what the index keeps of it. A
    file unchanged since the last build is not read when its result is in the cache."""
    known = seen.lookup(index, path)
    if known is not None and cache_dir is not None:
        hit = cache.load(cache_dir, document(path, "", known.sha256, known.meta, manifest))
        if hit is not None:
            return hit, known
    known, source = seen.read(path)
    doc = document(path, source.text, known.sha256, source.meta, manifest)
    hit = cache.load(cache_dir, doc) if cache_dir is not None else None
    return (hit if hit is not None else doc), known


def _extract_all(docs: list[Document], jobs: int, progress: Callable[[str], None] | None) -> Iterator[DocumentResult]:
    """Results in any order; with jobs > 1 documents are spread over worker processes."""
    if jobs <= 1 or len(docs) < 2:
        for result in extract_documents(docs):
            if progress:
                progress(result.document.id)
            yield result
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: a process whose NER model already runs its thread pool cannot be
    # forked safely (the child would inherit locked mutexes)
    context = multiprocessing.get_context("spawn")
    from .ner import use_threads

    size = max(1, min(BATCH, len(docs) // (jobs * 4)))
    chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=use_threads, initargs=(1,)) as pool:
        for results in pool.map(_extract_chunk, chunks):
            for result in results:
                if progress:
                    progress(result.document.id)
                yield result


def _extract_chunk(docs: list[Document]) -> list[DocumentResult]:
    return list(extract_documents(docs))


def build(sources: Path, out: Path, progress: Callable[[str], None] | None = None, jobs: int = 1) -> BuildSummary:
    """Build ``out/graph.ttl``, ``out/graph.trig`` (RDF), ``out/graph.json`` (for look-ups)
    and ``out/graph.html`` (the interactive view) from the documents in ``sources``."""
    with exclusive(out):
        return _build(sources, out, progress, jobs)


def build_held(sources: Path, out: Path, progress: Callable[[str], None] | None = None, jobs: int = 1) -> BuildSummary:
    """:func:`build`, for a caller that already holds the lock of ``out`` (kg add and remove
    take it before they change sources/, so that an out/ they cannot write stops them first)."""
    return _build(sources, out, progress, jobs)


def _build(sources: Path, out: Path, progress: Callable[[str], None] | None, jobs: int) -> BuildSummary:
    # the collector stays off from the first step to the last: enabled between steps, it walked
    # the millions of objects of the loaded corpus again (a second of a kg add at 10,000 docs)
    with paused():
        return _build_steps(sources, out, progress, jobs)


def _build_steps(sources: Path, out: Path, progress: Callable[[str], None] | None, jobs: int) -> BuildSummary:
    t0 = time.perf_counter()
    for stale in out.glob(".*.tmp"):
        stale.unlink(missing_ok=True)  # left by a build that was killed
    manifest = stamp.manifest_bytes(sources)
    stored = stamp.recall(out, stamp.inputs_signature(sources, out, manifest))
    if stored is not None:
        try:
            return _unchanged(out, stored, t0)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a damaged stamp: build
    stamp.forget(out)
    corpus = extract_corpus(sources, progress, cache_dir=out, jobs=jobs)
    summary = _write(out, corpus, t0)
    # the sources as read by this build (a file changed meanwhile has left the index: no stamp)
    signature = stamp.inputs_signature(sources, out, manifest)
    if signature is not None and not summary.failures:
        stamp.record(out, signature, summary.outputs + [out / BUILT], stamp.summary_data(
            summary.documents, summary.nodes, summary.edges, summary.statistics, summary.conflicts))
    return summary


def _unchanged(out: Path, stored: dict[str, Any], t0: float) -> BuildSummary:
    """The summary of the build whose outputs are still current."""
    return BuildSummary(stored["documents"], Counter(stored["nodes"]), Counter(stored["edges"]), stored["statistics"],
                        time.perf_counter() - t0, [out / "graph.ttl", out / "graph.trig", out / GRAPH_JSON, out / "graph.html"],
                        [], stored["documents"], stamp.conflicts_from(stored), unchanged=True)


def _write(out: Path, corpus: Corpus, t0: float) -> BuildSummary:
    """Every output of ``out`` from the merged corpus."""
    documents = [r.document for r in corpus.results]
    conflicts = find_conflicts(corpus.statistics, document_years(documents))
    g = to_networkx(corpus.entities, corpus.relations, corpus.statistics, conflicts)
    quads = corpus_quads(corpus.entities, corpus.relations, conflicts, g.graph["provinces"])
    js, html = out / GRAPH_JSON, out / "graph.html"
    # graph.trig and graph.ttl are mostly the documents' kept pieces read, checked and written
    # out, work done outside the interpreter lock: beside the JSON and the view, not before them
    with ThreadPoolExecutor(max_workers=1) as pool:
        rdf = pool.submit(write_graphs, out, corpus.results, quads)
        data = to_json(g, documents)
        write_atomic(js, json_bytes(data))
        write_atomic(html, render_html(data).encode("utf-8"))
        ttl, trig = rdf.result()
    cache.sweep(out, {cache.entry(out, r.document) for r in corpus.results} | {piece(out, r) for r in corpus.results})
    # last: a build killed before here leaves the outputs marked as not matching sources/
    write_atomic(out / BUILT, corpus_digest([(d.id, d.sha256) for d in documents]).encode("utf-8"), durable=False)
    nodes = Counter(data["type"] for _, data in g.nodes(data=True))
    edges = Counter(p for _, _, p in g.edges(keys=True))
    return BuildSummary(len(corpus.results), nodes, edges, len(corpus.statistics),
                        time.perf_counter() - t0, [ttl, trig, js, html], corpus.failures, corpus.cached, conflicts)
