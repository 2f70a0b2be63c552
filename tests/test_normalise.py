from kg.normalise import normalise, normalise_name
from kg.sentences import split_sentences

from .conftest import DOC000, source_text


def test_normalise_keeps_offsets_on_traditional_seed() -> None:
    text = source_text(DOC000)
    norm = normalise(text)
    assert len(norm) == len(text)
    i = text.index("劉欽牛調解室")
    assert norm[i : i + 6] == "刘钦牛调解室"


def test_normalise_folds_width_but_not_ellipsis() -> None:
    assert normalise("ＡＢ１２…") == "AB12…"


def test_normalise_name_drops_quotes_and_spaces() -> None:
    assert normalise_name("“長風7號” 專項行動") == "长风7号专项行动"


def test_sentences_slice_back_to_the_text() -> None:
    text = source_text(DOC000)
    sentences = split_sentences(text)
    assert len(sentences) > 20
    for s in sentences:
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
    assert any(text[s.start : s.end].startswith("3月26日,撫州市公安局高新分局") for s in sentences)
