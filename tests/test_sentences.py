"""Sentences carry character offsets into the original (Traditional or Simplified) text."""
from kg.normalise import normalise
from kg.sentences import split_sentences

from .conftest import DOC000, DOC001, source_text


def test_sentences_slice_back_to_the_traditional_text() -> None:
    text = source_text(DOC000)
    sentences = split_sentences(text)
    assert len(sentences) > 20
    for s in sentences:
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
    assert any(text[s.start : s.end].startswith("3月26日,撫州市公安局高新分局") for s in sentences)


def test_sentences_are_ordered_and_do_not_overlap() -> None:
    for doc in (DOC000, DOC001):
        sentences = split_sentences(source_text(doc))
        assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_offsets_serve_the_normalised_text_too() -> None:
    """normalise() keeps offsets one-to-one, so a sentence of the original is the same span there."""
    text = source_text(DOC000)
    norm = normalise(text)
    [s] = [s for s in split_sentences(text) if "劉欽牛調解室" in text[s.start : s.end]]
    assert text[s.start : s.end].startswith("今年3月,樟樹市綜治中心整合“劉欽牛調解室”")
    assert norm[s.start : s.end].startswith("今年3月,樟树市综治中心整合“刘钦牛调解室”")


def test_simplified_seed_sentence() -> None:
    text = source_text(DOC001)
    starts = [text[s.start : s.end] for s in split_sentences(text)]
    assert any(p.startswith("今年以来,分宜县公安局聚焦经济社会高质量发展目标") and p.endswith("。") for p in starts)


def test_a_line_without_sentence_ends_is_cut_at_clause_marks() -> None:
    """A page flattened to one line must not become one sentence of a million characters (the
    tagger's memory grows with the square of a sentence's length)."""
    from kg.sentences import MAX_SENTENCE

    text = "江西省南昌市公安局开展“长风”专项行动,破获案件120起," * 2000
    sentences = split_sentences(text)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    assert "".join(text[s.start : s.end] for s in sentences) == text
    assert all(text[s.end - 1] == "," for s in sentences)  # at a clause mark, not inside a name
    one = "长" * (MAX_SENTENCE * 2 + 7)  # no mark at all: cut at the limit
    assert [(s.start, s.end) for s in split_sentences(one)] == [(0, 500), (500, 1000), (1000, 1007)]
