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
