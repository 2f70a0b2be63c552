"""Corpus build: read every source, extract each document, merge across documents, write RDF."""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .errors import KGError
from .export import build_dataset, union_graph, write_atomic
from .extract import extract_document
from .graph import GRAPH_JSON, to_json, to_networkx
from .html import render_html
from .lock import exclusive
from .model import DocumentResult, Entity, Relation, Statistic
from .resolve import merge_entities
from .sources import list_sources, read_document, read_manifest
from .statistics import find_conflicts

Key = tuple[str, str]


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


def extract_corpus(sources: Path, progress: Callable[[str], None] | None = None,
                   cache_dir: Path | None = None) -> Corpus:
    """Extract every document of ``sources`` (or take its result from the cache under
    ``cache_dir``) and merge the entities across documents."""
    manifest = read_manifest(sources)
    results, failures = [], []
    cached = 0
    for path in list_sources(sources):
        try:
            doc = read_document(path, manifest)
        except KGError as e:
            failures.append(str(e))
            continue
        result = cache.load(cache_dir, doc) if cache_dir is not None else None
        if result is None:
            result = extract_document(doc)
            if cache_dir is not None:
                cache.store(cache_dir, result)
        else:
            cached += 1
        results.append(result)
        if progress:
            progress(doc.id)
    entities = merge_entities([r.entities for r in results])
    relations = [rel for r in results for rel in r.relations]
    statistics = [s for r in results for s in r.statistics]
    return Corpus(results, entities, relations, statistics, failures, cached)


def build(sources: Path, out: Path, progress: Callable[[str], None] | None = None) -> BuildSummary:
    """Build ``out/graph.ttl``, ``out/graph.trig`` (RDF), ``out/graph.json`` (for look-ups)
    and ``out/graph.html`` (the interactive view) from the documents in ``sources``."""
    with exclusive(out):
        return _build(sources, out, progress)


def _build(sources: Path, out: Path, progress: Callable[[str], None] | None) -> BuildSummary:
    t0 = time.perf_counter()
    for stale in out.glob(".*.tmp"):
        stale.unlink(missing_ok=True)  # left by a build that was killed
    corpus = extract_corpus(sources, progress, cache_dir=out)
    documents = [r.document for r in corpus.results]
    conflicts = find_conflicts(corpus.statistics)
    ds = build_dataset(documents, corpus.entities, corpus.relations, corpus.statistics, conflicts)
    g = to_networkx(corpus.entities, corpus.relations, corpus.statistics, conflicts)
    ttl, trig, js, html = out / "graph.ttl", out / "graph.trig", out / GRAPH_JSON, out / "graph.html"
    write_atomic(ttl, union_graph(ds).serialize(format="turtle").encode("utf-8"))
    write_atomic(trig, ds.serialize(format="trig").encode("utf-8"))
    data = to_json(g, documents)
    write_atomic(js, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    write_atomic(html, render_html(data).encode("utf-8"))
    nodes = Counter(data["type"] for _, data in g.nodes(data=True))
    edges = Counter(p for _, _, p in g.edges(keys=True))
    return BuildSummary(len(corpus.results), nodes, edges, len(corpus.statistics),
                        time.perf_counter() - t0, [ttl, trig, js, html], corpus.failures, corpus.cached, conflicts)
