"""Property-based tests: whatever the text, normalise → extract → serialise never crashes, the
Turtle parses, and every evidence offset points at its evidence text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Dataset, Graph

from kg.export import build_dataset, entity_iri, union_graph
from kg.extract import extract_document
from kg.model import Document
from kg.normalise import normalise
from kg.sentences import split_sentences

from .conftest import DOC000, DOC001, source_text

SEED_LINES = [ln for d in (DOC000, DOC001) for ln in source_text(d).splitlines() if ln.strip()]
HOSTILE = ["<img src=x onerror=alert(1)>", "</script>", '"', "'", "“", "”", "「", "」", "\n", "\r", "\t", "\x00",
           "\x07", "\u2028", "\ufeff", "%", "#", "\\", "{", "}", "|", "^", "`", "“<b>长风</b>”专项行动",
           "“" + "长" * 60 + "”行动", "…", "\U0001f600", "\ud7ff", "ＡＢＣ１２３", "市公安局", "派出所所长张三"]

fragments = st.one_of(
    st.sampled_from(SEED_LINES).flatmap(lambda line: st.integers(0, len(line)).flatmap(
        lambda i: st.integers(i, len(line)).map(lambda j: line[i:j]))),
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
)
documents = st.lists(fragments, min_size=1, max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=300))
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@settings(max_examples=2000, deadline=None)
@given(documents)
def test_sentences_cover_the_text(text: str) -> None:
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end].strip()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.text(max_size=40))
def test_extract_and_serialise_never_break(text: str, title: str) -> None:
    doc = Document(id="p", text=text.replace("\r", "\n"), title=title, sha256="0" * 64)
    result = extract_document(doc)
    ds = build_dataset([result])
    turtle = union_graph(ds).serialize(format="turtle")
    parsed = Graph().parse(data=turtle, format="turtle")
    assert len(parsed) == len(union_graph(ds))
    Dataset().parse(data=ds.serialize(format="trig"), format="trig")
    for rel in result.relations:
        assert doc.text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
    for stat in result.statistics:
        assert doc.text[stat.evidence.start : stat.evidence.end] == stat.evidence.text


names = st.one_of(st.sampled_from(HOSTILE + ["长" * 10_000, "a b\nc\"d<e>f{g}h|i^j`k\\l", "%E4%B8%AD", "../../etc"]),
                  st.text(min_size=1, max_size=60))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Place", "Organization", "Campaign", "Program", "Person", "MediationRoom"]),
                          names), min_size=1, max_size=6, unique=True))
def test_hostile_names_keep_rdf_valid(entities: list[tuple[str, str]]) -> None:
    from kg.model import DocumentResult, Entity, Evidence, Relation

    doc = Document(id="h", text="某文本。", title="<t>\"\n", sha256="0" * 64)
    ents = {(t, n): Entity(t, n, aliases={n + "\n别名", "<x>"}, docs={"h"}) for t, n in entities}
    keys = list(ents)
    rels = [Relation(a, "cooperatesWith", b, Evidence("h", 0, 4, "某文本。")) for a, b in zip(keys, keys[1:], strict=False)]
    ds = build_dataset([DocumentResult(doc, ents, rels, [])])
    g = Graph().parse(data=union_graph(ds).serialize(format="turtle"), format="turtle")
    iris = {entity_iri(k) for k in ents}
    assert len(iris) == len(ents)  # distinct names, distinct IRIs
    assert iris <= set(g.subjects(RDFS.label, None))
    assert all(len(iri) < 400 and not any(c in iri for c in ' <>"{}|^`\\\n') for iri in iris)
    Dataset().parse(data=ds.serialize(format="trig"), format="trig")
