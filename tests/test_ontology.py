from rdflib import OWL, RDF, Graph

from kg.namespace import PA

from .conftest import ROOT


def test_every_term_used_in_code_is_declared() -> None:
    onto = Graph().parse(ROOT / "ontology" / "pingan.ttl")
    declared = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in onto.subjects(RDF.type, t)}
    used = {PA[name] for name in PA.__annotations__}
    assert used - declared == set()


def test_the_eight_predicates_exist_with_these_names() -> None:
    onto = Graph().parse(ROOT / "ontology" / "pingan.ttl")
    for name in ("locatedIn", "subOrganizationOf", "conducts", "implements", "cooperatesWith",
                 "affiliatedWith", "partOf", "hasStatistic"):
        assert (PA[name], RDF.type, OWL.ObjectProperty) in onto


def test_a_typo_in_a_term_raises() -> None:
    import pytest

    with pytest.raises(AttributeError):
        PA.locatedInn  # noqa: B018
