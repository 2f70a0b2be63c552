"""The seeds built with the real pipeline, read back with rdflib: concrete facts of the spec."""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

from kg.build import build
from kg.export import GAZETTEER, entity_iri
from kg.namespace import PA

from .conftest import DOC000, SOURCES, source_text

ROOM = entity_iri(("MediationRoom", "刘钦牛调解室"))
JIANGXI = entity_iri(("Place", "江西省"))


def _facts(g: Graph, s: URIRef, p: URIRef, o: URIRef) -> list:
    return [st for st in g.subjects(RDF.type, RDF.Statement)
            if (st, RDF.subject, s) in g and (st, RDF.predicate, p) in g and (st, RDF.object, o) in g]


def test_mediation_room_is_one_node_with_traditional_alias(graph: Graph) -> None:
    rooms = [n for n in graph.subjects(RDFS.label, Literal("刘钦牛调解室", lang="zh"))]
    assert rooms == [ROOM]
    assert (ROOM, RDF.type, PA.MediationRoom) in graph
    assert Literal("劉欽牛調解室", lang="zh") in set(graph.objects(ROOM, SKOS.altLabel))
    assert list(graph.subjects(SKOS.altLabel, Literal("劉欽牛調解室", lang="zh"))) == [ROOM]
    assert list(graph.objects(ROOM, RDFS.label)) == [Literal("刘钦牛调解室", lang="zh")]
    centre = entity_iri(("Organization", "樟树市综治中心"))
    assert (ROOM, PA.subOrganizationOf, centre) in graph


def test_evidence_offsets_point_into_the_document(graph: Graph) -> None:
    centre = entity_iri(("Organization", "樟树市综治中心"))
    [fact] = _facts(graph, ROOM, PA.subOrganizationOf, centre)
    ev = graph.value(fact, PA.evidence)
    assert str(graph.value(ev, PA.inDocument)).endswith(DOC000)
    start, end = int(graph.value(ev, PA.start)), int(graph.value(ev, PA.end))
    text = source_text(DOC000)
    assert text[start:end] == str(graph.value(ev, PA.text))
    assert "劉欽牛調解室" in text[start:end]


def test_every_evidence_matches_its_document(graph: Graph) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")}
    evidences = list(graph.subjects(RDF.type, PA.Evidence))
    assert len(evidences) > 100
    for ev in evidences:
        doc = str(graph.value(ev, PA.inDocument)).rsplit("/", 1)[-1]
        start, end = int(graph.value(ev, PA.start)), int(graph.value(ev, PA.end))
        assert texts[doc][start:end] == str(graph.value(ev, PA.text))


def test_province_conducts_its_campaigns(graph: Graph) -> None:
    for name in ("长风7号", "昆仑"):
        campaign = entity_iri(("Campaign", name))
        assert (JIANGXI, PA.conducts, campaign) in graph, name
        assert _facts(graph, JIANGXI, PA.conducts, campaign)


def test_gazetteer_parent_is_linked_but_not_mentioned(graph: Graph) -> None:
    fenyi, xinyu = entity_iri(("Place", "分宜县")), entity_iri(("Place", "新余市"))
    assert (fenyi, PA.locatedIn, xinyu) in graph
    assert (fenyi, PA.adcode, Literal("360521")) in graph
    assert list(graph.objects(xinyu, PA.mentionedIn)) == []
    assert (xinyu, PROV.wasDerivedFrom, GAZETTEER) in graph
    assert (xinyu, PA.locatedIn, JIANGXI) in graph


def test_statistic_with_subject_value_and_evidence(graph: Graph) -> None:
    stats = [s for s in graph.objects(JIANGXI, PA.hasStatistic) if str(graph.value(s, PA.value)) == "98.95%"]
    assert len(stats) == 1
    st = stats[0]
    assert float(graph.value(st, PA.numericValue)) == 98.95
    assert "公眾安全感" in str(graph.value(graph.value(st, PA.evidence), PA.text))


def test_trig_has_one_named_graph_per_document(dataset) -> None:
    names = {str(c.identifier) for c in dataset.graphs() if len(c)}
    doc_graphs = {n for n in names if n.endswith("/graph") and "/doc/" in n}
    assert len(doc_graphs) == len(list(SOURCES.glob("*.txt")))
    g000 = dataset.graph(URIRef(f"https://w3id.org/pingan-kg/doc/{DOC000}/graph"))
    assert (ROOM, RDF.type, PA.MediationRoom) in g000


def test_iris_are_stable_across_builds(built, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(SOURCES, again)
    first, second = Graph(), Graph()
    first.parse(built[0] / "graph.ttl")
    second.parse(again / "graph.ttl")
    assert set(first.subjects()) == set(second.subjects())
    assert isomorphic(first, second)


def test_one_node_across_documents(graph: Graph) -> None:
    # 江西省 is named in four seeds: one node that lists all of them
    docs = set(graph.objects(JIANGXI, PA.mentionedIn))
    assert len(docs) >= 3
