"""Neighbour look-ups on the built graph: find an entity by any of its names (Simplified or
Traditional, canonical or alias) and walk its edges."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import KGError
from .graph import load_json
from .normalise import normalise_name, normalise_name_groups, normalise_names


class NameNotFoundError(KGError):
    """No entity carries that name; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str]):
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name}{hint}")
        self.suggestions = suggestions


class AmbiguousNameError(KGError):
    """Several entities carry that name; ``candidates`` lists (id, type, province)."""

    def __init__(self, name: str, candidates: list[tuple[str, str, str]]):
        listed = "; ".join(f"{i} ({t}{', ' + p if p else ''})" for i, t, p in candidates)
        super().__init__(f"{name} names several entities: {listed}. Give one as TYPE/NAME.")
        self.candidates = candidates


@dataclass
class Neighbor:
    """An entity reached from the start entity, and the edge that reached it."""

    id: str
    name: str
    type: str
    province: str
    predicate: str
    direction: str
    """out: start → neighbour; in: neighbour → start (relative to ``via``)."""
    via: str
    depth: int
    documents: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


def find_entity(g: nx.MultiDiGraph, name: str) -> str:
    """The node id for a name, an alias or a TYPE/NAME id."""
    if name in g and g.nodes[name]["type"] != "Statistic":
        return name
    key = normalise_name(name)
    nodes = [(n, [d["name"], *d.get("aliases", [])]) for n, d in g.nodes(data=True) if d["type"] != "Statistic"]
    forms_of = normalise_name_groups([forms for _, forms in nodes])
    hits = [n for (n, _), forms in zip(nodes, forms_of, strict=True) if key in forms]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousNameError(name, sorted((h, g.nodes[h]["type"], g.nodes[h].get("province", "")) for h in hits))
    names = sorted({d["name"] for _, d in g.nodes(data=True) if d["type"] != "Statistic"})
    folded = dict(zip(normalise_names(names), names, strict=True))
    close = difflib.get_close_matches(key, list(folded), n=5, cutoff=0.5)
    close += [n for k, n in folded.items() if key and key in k and n not in close][: 5 - len(close)]
    raise NameNotFoundError(name, [folded.get(c, c) for c in close])


def neighbors(g: nx.MultiDiGraph, start: str, depth: int = 1, types: set[str] | None = None,
              predicates: set[str] | None = None) -> list[Neighbor]:
    """Entities within ``depth`` edges of ``start`` (both directions), optionally only of the
    given types or along the given predicates; nearest first, then by predicate and name."""
    out: list[Neighbor] = []
    seen = {start}
    frontier = [start]
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for node in frontier:
            edges = [(o, p, "out", d) for _, o, p, d in g.out_edges(node, keys=True, data=True)]
            edges += [(s, p, "in", d) for s, _, p, d in g.in_edges(node, keys=True, data=True)]
            for other, p, direction, data in edges:
                od = g.nodes[other]
                if other in seen or od["type"] == "Statistic" or (predicates and p not in predicates):
                    continue
                seen.add(other)
                nxt.append(other)
                if types and od["type"] not in types:
                    continue
                evidence = [{"doc": ev.doc, "start": ev.start, "end": ev.end, "text": ev.text} for ev in data["evidence"]]
                out.append(Neighbor(other, od["name"], od["type"], od.get("province", ""), p, direction, node, level,
                                    sorted({ev["doc"] for ev in evidence}), evidence))
        frontier = nxt
    out.sort(key=lambda n: (n.depth, n.predicate, n.direction, n.type, n.name))
    return out


def lookup(out: Path, name: str, depth: int = 1, types: set[str] | None = None,
           predicates: set[str] | None = None) -> tuple[dict[str, Any], list[Neighbor], dict[str, dict[str, str]]]:
    """Load what ``kg build`` wrote into ``out`` and return the entity, its neighbours and the
    documents' metadata."""
    g, documents = load_json(out)
    start = find_entity(g, name)
    entity = {"id": start, **g.nodes[start]}
    return entity, neighbors(g, start, depth, types, predicates), documents
