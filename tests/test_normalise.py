from kg.normalise import normalise, normalise_name, normalise_names

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


def test_names_folded_together_as_each_alone() -> None:
    # one OpenCC call for all: no phrase may be converted across two names, and a name
    # holding the separator falls back to one call each
    names = ["劉欽牛調解室", "“長風7號” 專項行動", "ＡＢ派出所", "頭", "髮", "乾", "隆", "", "發展", "a\x00b", "後來"]
    assert normalise_names(names) == [normalise_name(n) for n in names]
    assert normalise_names(names[:-2]) == [normalise_name(n) for n in names[:-2]]
    seeds = [line for line in source_text(DOC000).splitlines() if line.strip()]
    assert normalise_names(seeds) == [normalise_name(line) for line in seeds]



def test_normalise_is_one_to_one_on_every_seed() -> None:
    from .conftest import SOURCES

    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert len(normalise(text)) == len(text), path.name
