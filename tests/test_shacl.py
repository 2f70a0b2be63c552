from pathlib import Path

from pyshacl import validate
from rdflib import Graph

from .conftest import ROOT


def test_output_conforms_to_the_shapes(graph: Graph) -> None:
    data = Graph()
    data += graph
    data.parse(ROOT / "ontology" / "pingan.ttl")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert conforms, report


def test_shapes_catch_a_fact_without_evidence(graph: Graph, tmp_path: Path) -> None:
    data = Graph()
    data.parse(data=(ROOT / "ontology" / "pingan.ttl").read_text(encoding="utf-8"), format="turtle")
    data.parse(data="""
        @prefix pa: <https://w3id.org/pingan-kg/ontology#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <urn:f> a rdf:Statement ; rdf:subject <urn:a> ; rdf:predicate pa:locatedIn ; rdf:object <urn:b> .
    """, format="turtle")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    assert not conforms and "evidence" in report


def _violations(turtle: str) -> tuple[bool, str]:
    data = Graph().parse(ROOT / "ontology" / "pingan.ttl")
    data.parse(data="""
        @prefix pa: <https://w3id.org/pingan-kg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
    """ + turtle, format="turtle")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    return conforms, report


def test_shapes_follow_subclasses() -> None:
    # pa:County is a pa:Place only through the ontology: two labels must still be caught
    conforms, report = _violations('<urn:c> a pa:County ; rdfs:label "分宜县"@zh , "分宜"@zh ; pa:adcode "360521" .')
    assert not conforms and "exactly one label" in report


def test_shapes_catch_a_gazetteer_place_without_adcode() -> None:
    conforms, _ = _violations(
        '<urn:p> a pa:Township ; rdfs:label "某镇"@zh ; prov:wasDerivedFrom <https://w3id.org/pingan-kg/source/gazetteer> .')
    assert not conforms
    conforms, _ = _violations('<urn:p> a pa:County ; rdfs:label "分宜县"@zh ; pa:adcode "36052" .')
    assert not conforms


def test_shapes_catch_a_statistic_without_evidence() -> None:
    conforms, report = _violations('<urn:s> a pa:Statistic ; pa:indicator "公众安全感" ; pa:value "98.95%" . '
                                   '<urn:p> pa:hasStatistic <urn:s> .')
    assert not conforms and "evidence" in report


def test_shapes_catch_an_in_province_that_is_no_province() -> None:
    conforms, report = _violations('<urn:o> a pa:Organization ; rdfs:label "某局"@zh ; pa:inProvince <urn:c> . '
                                   '<urn:c> a pa:County ; rdfs:label "分宜县"@zh ; pa:adcode "360521" .')
    assert not conforms and "names a province" in report
    conforms, _ = _violations('<urn:o> a pa:Organization ; rdfs:label "某局"@zh ; pa:inProvince <urn:p> . '
                              '<urn:p> a pa:Province ; rdfs:label "江西省"@zh ; pa:adcode "360000" .')
    assert conforms
