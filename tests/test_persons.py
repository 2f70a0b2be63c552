from kg.extract import find_entities
from kg.model import Document
from kg.normalise import normalise
from kg.sentences import split_sentences


def _people(text: str) -> dict[str, str]:
    doc = Document(id="t", text=text, norm=normalise(text))
    return {m.name: m.role for m in find_entities(doc, split_sentences(text)) if m.type == "Person"}


def test_person_with_role_before_the_name() -> None:
    assert _people("銅鼓縣公安局城鎮派出所處警隊員何林生聞警即動,毅然跳入冰水中") == {"何林生": "处警队员"}


def test_anonymised_people_are_not_entities() -> None:
    assert _people("受害人張某在“薦股大師”誘導下下載虛假投資軟件,劉先生也來了。") == {}


def test_bylines_in_brackets_and_after_datelines() -> None:
    people = _people("信访工作办理质效显著提升。(黄东)\n中新网成都1月9日电 (王利文 安源)1月9日,发布会举行。")
    assert people == {"黄东": "author", "王利文": "记者", "安源": "记者"}


def test_anonymised_villager_in_traditional_seed_sentence() -> None:
    text = "今年3月,樟樹市綜治中心整合“劉欽牛調解室”,幫助村民李某某化解一起6年之久的山林土地補償糾紛。"
    assert _people(text) == {}


def test_simplified_byline_at_the_end_of_an_article() -> None:
    text = "今年以来,该县信访事项一次性化解率达97.82%,信访总量和初次信访率同比大幅下降。(朱妍 饶逸鹏)"
    assert _people(text) == {"朱妍": "author", "饶逸鹏": "author"}
