"""Statistic conflicts: every figure that another document contradicts is flagged, each pair once."""
from __future__ import annotations

import random

from kg.model import Evidence, Statistic
from kg.statistics import find_conflicts


def _st(doc: str, value: float, year: int | None = 2023) -> Statistic:
    return Statistic(("Place", "江西省"), "公众安全感", f"{value}%", Evidence(doc, 0, 1, "x"), value, "%", "", year)


def test_each_contradicted_figure_is_paired_with_another_documents_figure() -> None:
    b3, a2, b2, c3 = _st("B", 3), _st("A", 2), _st("B", 2), _st("C", 3)
    pairs = find_conflicts([b3, a2, b2, c3])
    assert {(a.evidence.doc, a.number, b.evidence.doc, b.number) for a, b in pairs} == {
        ("B", 3, "A", 2), ("A", 2, "C", 3), ("B", 2, "C", 3)}


def test_other_years_and_one_documents_own_figures_are_no_conflict() -> None:
    assert find_conflicts([_st("A", 98.95, 2022), _st("B", 98.5, 2023)]) == []
    assert find_conflicts([_st("A", 98.95), _st("A", 98.5)]) == []


def test_random_groups_cover_every_contradicted_figure_once() -> None:
    for seed in range(2000):
        rnd = random.Random(seed)
        sts = [_st(rnd.choice("ABCD"), rnd.choice([1.0, 2.0, 3.0])) for _ in range(rnd.randint(2, 8))]
        pairs = find_conflicts(sts)
        assert len({(id(a), id(b)) for a, b in pairs}) == len(pairs)
        assert all(a.evidence.doc != b.evidence.doc and a.number != b.number for a, b in pairs)
        for st in sts:
            contradicted = any(o.evidence.doc != st.evidence.doc and o.number != st.number for o in sts)
            assert contradicted == any(st is a or st is b for a, b in pairs)


def test_a_figure_without_a_year_takes_its_documents_or_conflicts_with_nothing() -> None:
    """破获案件120起 in one report and 99起 in another, periods unknown, contradict nothing."""
    undated = [_st("A", 98.95, None), _st("B", 98.5, None)]
    assert find_conflicts(undated) == []
    assert len(find_conflicts(undated, {"A": 2023, "B": 2023})) == 1
    assert find_conflicts(undated, {"A": 2023, "B": 2024}) == []
    assert len(find_conflicts([_st("A", 98.95, None), _st("B", 98.5, 2023)], {"A": 2023})) == 1


def test_a_while_is_no_figure() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "丰城市非警务警情矛盾纠纷化解率达98.5%。该机制实施2个多月以来,共化解纠纷63起。"
    values = {st.value for st in extract_document(Document(id="t", text=text)).statistics}
    assert not any(v.startswith("2个") for v in values) and {"达98.5%", "63起"} <= values


def test_a_date_before_the_name_that_opens_the_figures_clause() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "福建省委政法委數據顯示,2024年福建省群眾安全感達99.12%。"
    [st] = extract_document(Document(id="t", text=text)).statistics
    assert st.subject == ("Place", "福建省") and st.year == 2024


def test_quanqu_in_a_report_from_an_autonomous_region_is_the_region() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "廣西壯族自治區黨委政法委召開會議。靖西市公安局推行“邊關警務”模式。\n2024年,全區群眾安全感達98.71%。"
    [st] = extract_document(Document(id="t", text=text)).statistics
    assert st.subject == ("Place", "广西壮族自治区")
    # a district named before it in the same paragraph is what 全区 means
    text = "南寧市青秀區委政法委召開會議,全區群眾安全感達99.1%。"
    [st] = extract_document(Document(id="t", text=text)).statistics
    assert st.subject == ("Place", "青秀区")


def test_gaisuo_is_not_the_partner_named_after_yu() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "喜洲派出所所長趙國華介紹,派出所與喜洲鎮司法所建立聯動機制。今年1至9月,該所轄區糾紛類警情同比下降31.2%。"
    [st] = extract_document(Document(id="t", text=text)).statistics
    assert st.subject == ("Organization", "喜洲派出所")


def test_quanshi_of_a_municipality_and_quanzhou_of_a_prefecture() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "重慶市公安局召開發布會。市公安局數據顯示,今年一季度,全市刑事警情同比下降9.8%。"
    [st] = extract_document(Document(id="t", text=text)).statistics
    assert st.subject == ("Place", "重庆市")
    text = "伊犁州公安局召開會議。今年1至10月,全州共破獲電信網絡詐騙案件1260起。"
    [st] = extract_document(Document(id="t", text=text)).statistics
    assert st.subject == ("Place", "伊犁哈萨克自治州")


def test_after_a_speech_verb_and_a_time_phrase_the_reported_subject_holds_the_figures() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "靖西市委政法委副書記黃志剛介紹,近年來,靖西市推行“黨建+邊境治理”模式,在全市19個鄉鎮全部建成綜治中心。"
    result = extract_document(Document(id="t", text=text))
    assert [st.subject for st in result.statistics] == [("Place", "靖西市")]
    assert {(r.s[1], r.o[1]) for r in result.relations if r.p == "implements"} == {("靖西市", "党建+边境治理")}


def test_zizhiqu_written_alone_is_the_region_of_the_report() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "據新疆維吾爾自治區黨委政法委消息,2024年自治區群眾安全感達99.21%,較上年提高0.3個百分點。"
    result = extract_document(Document(id="t", text=text))
    assert {st.subject for st in result.statistics} == {("Place", "新疆维吾尔自治区")}
