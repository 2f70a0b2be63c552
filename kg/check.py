"""Validation of a built graph against the SHACL shapes of ontology/shapes.ttl (pyshacl)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef

from .errors import GraphNotBuiltError


def ontology_file(name: str) -> Path:
    """A file of ontology/, shipped inside the package as kg/ontology (a link to it)."""
    return Path(str(resources.files("kg").joinpath("ontology", name)))


def validate(out: Path) -> list[str]:
    """Violations of the shapes by out/graph.ttl, one line each (empty when it conforms)."""
    from pyshacl import validate as shacl

    ttl = out / "graph.ttl"
    if not ttl.exists():
        raise GraphNotBuiltError(f"{ttl}: not found; run `kg build` first")
    data = Graph().parse(ttl, format="turtle")
    data.parse(ontology_file("pingan.ttl"), format="turtle")
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    conforms, report, _ = shacl(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    if conforms:
        return []
    sh = "http://www.w3.org/ns/shacl#"
    lines = []
    for result in set(report.subjects()):
        msg = report.value(result, URIRef(sh + "resultMessage"))
        focus = report.value(result, URIRef(sh + "focusNode"))
        if msg is not None and focus is not None:
            lines.append(f"{focus}: {msg}")
    return sorted(set(lines))
