"""The merged corpus as a networkx multigraph: the in-memory graph that outputs and look-ups
share (nodes keyed by (type, name), one edge per fact with its evidence)."""
from __future__ import annotations

import networkx as nx

from .model import Entity, Relation, Statistic

Key = tuple[str, str]


def to_networkx(entities: dict[Key, Entity], relations: list[Relation], statistics: list[Statistic]) -> nx.MultiDiGraph:
    """Nodes for entities and statistics, edges for relations (keyed by predicate, evidence
    kept as a list so that a fact several documents state stays one edge)."""
    g = nx.MultiDiGraph()
    for key, e in entities.items():
        g.add_node(key, type=e.type, name=e.name, subtype=e.subtype, aliases=sorted(e.aliases),
                   adcode=e.adcode, role=e.role, docs=sorted(e.docs))
    for r in relations:
        if not g.has_node(r.s) or not g.has_node(r.o):
            continue
        if g.has_edge(r.s, r.o, key=r.p):
            g.edges[r.s, r.o, r.p]["evidence"].append(r.evidence)
        else:
            g.add_edge(r.s, r.o, key=r.p, predicate=r.p, evidence=[r.evidence], role=r.role, source=r.source)
    for i, st in enumerate(statistics):
        node = ("Statistic", f"{st.evidence.doc}#{i}")
        g.add_node(node, type="Statistic", name=st.value, indicator=st.indicator, year=st.year,
                   docs=[st.evidence.doc])
        if g.has_node(st.subject):
            g.add_edge(st.subject, node, key="hasStatistic", predicate="hasStatistic", evidence=[st.evidence])
    return g
