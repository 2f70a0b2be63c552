"""Per-document extraction cache (out/cache/): a document whose text and extractor are
unchanged is not extracted again, so adding one article to a large corpus stays cheap."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__
from .export import write_atomic
from .model import Document, DocumentResult, Entity, Evidence, Relation, Statistic

CACHE_DIR = "cache"


EXTRACTION_MODULES = ("boilerplate", "cache", "extract", "homonyms", "lexicon", "model", "named", "ner", "normalise",
                      "organizations", "persons", "places", "relations", "resolve", "sentences", "statistics")
"""The modules whose code decides what a document's extraction result is (export, view and
CLI code is not among them: changing it leaves the cache valid)."""


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the package version, the extraction code and the language data: any change
    to them makes every cached result stale."""
    h = hashlib.sha256(__version__.encode())
    root = resources.files("kg")
    for name in EXTRACTION_MODULES:
        h.update(name.encode())
        h.update(root.joinpath(name + ".py").read_bytes())
    for item in sorted(root.joinpath("data").iterdir(), key=lambda p: p.name):
        if item.is_file() and not item.name.startswith("view_"):
            h.update(item.name.encode())
            h.update(item.read_bytes())
    return h.hexdigest()[:16]


def entry(out: Path, doc: Document) -> Path:
    """Where the result of this document's text is kept."""
    return out / CACHE_DIR / f"{doc.id}.{doc.sha256[:24]}.{extractor_version()}.json"


def _to_json(result: DocumentResult) -> dict[str, Any]:
    return {
        "entities": [{**asdict(e), "aliases": sorted(e.aliases), "docs": sorted(e.docs)} for e in result.entities.values()],
        "relations": [asdict(r) for r in result.relations],
        "statistics": [asdict(s) for s in result.statistics],
    }


def _from_json(doc: Document, data: dict[str, Any]) -> DocumentResult:
    entities = {}
    for e in data["entities"]:
        ent = Entity(e["type"], e["name"], e["subtype"], set(e["aliases"]), e["adcode"], e["role"], set(e["docs"]))
        entities[ent.key] = ent
    relations = [Relation(tuple(r["s"]), r["p"], tuple(r["o"]), Evidence(**r["evidence"]), r["role"], r["source"])  # type: ignore[arg-type]
                 for r in data["relations"]]
    stats = [statistic_from_json(s) for s in data["statistics"]]
    return DocumentResult(doc, entities, relations, stats)


def statistic_from_json(s: dict[str, Any]) -> Statistic:
    """A statistic from its ``dataclasses.asdict`` form."""
    return Statistic(tuple(s["subject"]), s["indicator"], s["value"], Evidence(**s["evidence"]),  # type: ignore[arg-type]
                     s["number"], s["unit"], s["change"], s["year"])


def load(out: Path, doc: Document) -> DocumentResult | None:
    """The cached result for this document's text, or None."""
    path = entry(out, doc)
    if not path.exists():
        return None
    try:
        return _from_json(doc, json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        return None  # a damaged cache entry is only a miss


def store(out: Path, result: DocumentResult) -> None:
    """Remember a document's result (atomically); older entries of the same document are
    dropped by :func:`sweep` at the end of the build."""
    path = entry(out, result.document)
    # not synced to disk: an entry lost in a crash is only a miss, and syncing thousands of
    # small files would cost more than extracting them
    write_atomic(path, json.dumps(_to_json(result), ensure_ascii=False).encode("utf-8"), durable=False)


def sweep(out: Path, keep: set[Path]) -> int:
    """Delete every kept entry of out/cache/ (results, RDF pieces) not in ``keep``: those of
    texts, metadata or code that changed and of documents no longer in the corpus, and files
    half written by a build that was killed. One listing of the folder per build (a listing
    per document grew with the square of the corpus). Returns how many were deleted."""
    folder = out / CACHE_DIR
    if not folder.is_dir():
        return 0
    names = {p.name for p in keep if p.parent == folder}
    gone = 0
    for item in folder.iterdir():
        stale = item.suffix in (".json", ".rdf") and item.name not in names
        if (stale or item.suffix == ".tmp") and item.is_file():  # .tmp: left by a killed build
            item.unlink(missing_ok=True)
            gone += 1
    return gone
