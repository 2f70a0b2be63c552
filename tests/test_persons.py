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


def test_names_without_a_han_surname_after_a_title() -> None:
    # Tibetan, Mongolian and Uyghur names: the model tags them, the surname list cannot vouch
    # for them, so a title right before them does
    found = _people("拉薩市城關區公安分局八廓街派出所所長扎西次仁說,轄區群眾滿意度為98.6%。"
                    "烏蘭察布市公安局局長巴特爾表示。喀什地區公安局民警艾爾肯·吐尼亞孜介紹。")
    assert found == {"扎西次仁": "所长", "巴特尔": "局长", "艾尔肯·吐尼亚孜": "民警"}
    assert _people("會上,扎西次仁說。") == {}  # no title: no vouching for the name


def test_transliterated_names_split_by_the_model_and_listed_under_one_title() -> None:
    assert _people("喀什地區公安局民警艾爾肯·熱合曼說,今年調解糾紛30起。") == {"艾尔肯·热合曼": "民警"}
    found = _people("伊寧市公安局社區民警古麗娜爾·別克、努爾蘭·吐爾遜等人參加。")
    assert set(found) == {"古丽娜尔·别克", "努尔兰·吐尔逊"}


def test_reporters_in_a_papers_byline() -> None:
    found = _people("天山網訊(記者 努爾蘭·吐爾遜 通訊員 李娜)在伊寧市喀爾墩鄉,有一間調解室。")
    assert found == {"努尔兰·吐尔逊": "记者", "李娜": "通讯员"}
    assert _people("本報訊(記者 程明)三尺巷道,一段佳話。") == {"程明": "记者"}


def test_a_bylines_reporters_with_a_title_of_their_paper() -> None:
    assert _people("湖北日報訊(全媒體記者 黃俊 通訊員 向敏)宜昌市深入推進平安建設。") == {"黄俊": "记者", "向敏": "通讯员"}


def test_a_photographs_credit_closing_a_caption_line() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    result = extract_document(Document(id="t", text="江西日報訊 民警走訪轄區群眾。\n提高群眾對法院工作的滿意度。江聰越攝\n"))
    assert result.entities[("Person", "江聪越")].role == "photographer"  # the whole name, not 江聪
    assert not [r for r in result.relations if r.s == ("Person", "江聪越")]  # a photograph may come from anyone
    result = extract_document(Document(id="t", text="江西日報訊 吉林市公安局召開新聞發布會。記者 安源 攝\n"))
    assert ("安源", "江西日报") in {(r.s[1], r.o[1]) for r in result.relations if r.p == "affiliatedWith"}
    result = extract_document(Document(id="t", text="當晚氣溫降至零下28攝氏度。\n"))
    assert not [k for k in result.entities if k[0] == "Person"]


def test_a_person_called_by_surname_and_title_is_the_one_named_in_full() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    result = extract_document(Document(id="t", text="南調派出所所長王建勇介紹案情。王所長告訴記者,今年以來破案多起。"))
    people = {k[1]: e for k, e in result.entities.items() if k[0] == "Person"}
    assert set(people) == {"王建勇"} and "王所长" in people["王建勇"].aliases
    # with no one of that surname named in full, the title names no one
    result = extract_document(Document(id="t", text="王所長告訴記者,今年以來破案多起。"))
    assert not [k for k in result.entities if k[0] == "Person"]


def test_a_divisions_short_form_in_a_headline_is_no_person() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "曲靖陸良:網格織密平安網 “馬大姐”調解暖人心\n近日,在曲靖市陸良縣馬街鎮,村民們說起基層治理的變化。"
    assert not [k for k in extract_document(Document(id="t", text=text)).entities if k[0] == "Person"]


def test_a_papers_own_photographer_stays_its_reporter() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    result = extract_document(Document(id="t", text="江西日報訊 民警走訪群眾。\n圖為調解現場。本報記者 王五 攝\n"))
    assert ("王五", "江西日报") in {(r.s[1], r.o[1]) for r in result.relations if r.p == "affiliatedWith"}


def test_names_joined_by_a_middle_dot_after_a_title_even_where_the_model_cuts_them() -> None:
    found = _people("調解室負責人買買提江·吐爾遜是村裡的老黨員。民警艾力·買買提說。")
    assert found == {"买买提江·吐尔逊": "负责人", "艾力·买买提": "民警"}
    # the verb after the name is no part of it, however the model cut it
    assert _people("派出所所長艾力·買買提說,糾紛八成以上就地化解。") == {"艾力·买买提": "所长"}
    # without a title before it no such name is taken
    assert not _people("村裡的買買提江·吐爾遜是老黨員。")


def test_a_dotted_name_the_model_cut_at_the_dot_is_taken_whole() -> None:
    assert _people("網格員熱依拉·吐爾遜每天走訪。") == {"热依拉·吐尔逊": "网格员"}


def test_a_name_the_model_cut_one_character_before_a_speech_verb_is_taken_whole() -> None:
    # 次仁旺|堆|表示, 古丽米拉·阿不都|拉|介绍 (Tibet, Xinjiang): the character is the name's
    assert _people("日喀則市公安局局長次仁旺堆表示,全市治安形勢平穩。") == {"次仁旺堆": "局长"}
    assert _people("喀什地區綜治中心主任古麗米拉·阿不都拉介紹,中心已受理訴求900件。") == {"古丽米拉·阿不都拉": "主任"}
    # an adverb or a manner of speaking before the verb is no part of the name
    assert _people("民警李明也表示,轄區治安良好。") == {"李明": "民警"}
    assert _people("所長劉洋回說,民警馬上到。") == {"刘洋": "所长"}


def test_a_name_cut_before_a_character_it_ends_with_elsewhere_is_that_name() -> None:
    # 由寨老吴万|和担任…: the model took 和 for a conjunction here, not where he speaks (Hunan)
    text = "凤凰县山江镇设立“苗寨和事堂”，由寨老吴万和担任调解员。今年72岁的吴万和调解纠纷已有30多年。“讲理要讲到心里。”吴万和说。"
    assert set(_people(text)) == {"吴万和"}


def test_each_name_of_a_byline_line_takes_the_title_written_last_before_it() -> None:
    found = _people("貴州日報全媒體記者 王成 通訊員 李梅 張曉\n黔東南州深入推進平安建設。")
    assert found == {"王成": "记者", "李梅": "通讯员", "张晓": "通讯员"}


def test_a_word_for_what_someone_does_run_into_the_name_and_names_that_open_with_a_surname() -> None:
    # 果农王建军: the model reads one person token; the name is 王建军 (Zhejiang)
    assert "王建军" in _people("果农王建军没有想到,困扰他半年的蜜桔收购款纠纷在镇上解决了。")
    # Yi names after a title and before a speech verb, though they open with a Han surname
    # (沙, 吉), and no city 长沙 inside 所长沙… (Yunnan, Sichuan)
    people = _people("昭觉县城北派出所所长沙马阿木介绍,所里开展巡逻。彝族调解员吉克曲布说,纠纷化解了。")
    assert {"沙马阿木", "吉克曲布"} <= set(people)
    doc = Document(id="t", text="昭觉县城北派出所所长沙马阿木介绍,所里开展巡逻。", norm=normalise("昭觉县城北派出所所长沙马阿木介绍,所里开展巡逻。"))
    assert not [m for m in find_entities(doc, split_sentences(doc.text)) if m.name == "长沙市"]


def test_a_name_of_another_tradition_in_a_byline_of_names_set_apart_by_spaces() -> None:
    # 记者 吉克曲布 张伟 (Sichuan): a Yi name that opens with a Han surname, bounded by spaces
    text = "凉山：彝区矛盾就地化解\n记者 吉克曲布 张伟\n\n布拖县推进平安建设。"
    assert {"吉克曲布", "张伟"} <= set(_people(text))
