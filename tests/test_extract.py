"""extract_document on a real Traditional sentence: entities, aliases and a relation with offsets."""
from kg.extract import extract_document
from kg.model import Document

SENTENCE = ("今年3月,樟樹市綜治中心整合“劉欽牛調解室”、入駐該中心的林業局、自然資源局及律師等多元解紛法治力量,"
            "運用法理情理心理道理“四理融合”解紛法,幫助村民李某某化解一起6年之久的山林土地補償糾紛。")
ROOM = ("MediationRoom", "刘钦牛调解室")
CENTRE = ("Organization", "樟树市综治中心")


def test_room_and_centre_with_traditional_aliases() -> None:
    result = extract_document(Document(id="t", text=SENTENCE))
    assert result.entities[ROOM].aliases >= {"劉欽牛調解室"}
    assert result.entities[CENTRE].subtype == "GovernanceCenter"
    assert not [k for k in result.entities if k[0] == "Person"]  # 李某某 is anonymised


def test_room_is_housed_in_the_centre_with_evidence() -> None:
    result = extract_document(Document(id="t", text=SENTENCE))
    [fact] = [r for r in result.relations if (r.s, r.p, r.o) == (ROOM, "subOrganizationOf", CENTRE)]
    assert SENTENCE[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    assert "劉欽牛調解室" in fact.evidence.text


def test_place_chain_from_the_gazetteer() -> None:
    result = extract_document(Document(id="t", text=SENTENCE))
    located = {(r.s[1], r.o[1]) for r in result.relations if r.p == "locatedIn"}
    assert {("樟树市综治中心", "樟树市"), ("樟树市", "宜春市"), ("宜春市", "江西省")} <= located
