"""Statistic conflicts: every figure that another document contradicts is flagged, each pair once."""
from __future__ import annotations

import random

import pytest

from kg.extract import extract_document
from kg.model import Document, Evidence, Statistic
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


def test_bodies_counted_without_a_centre_to_be_stationed_in_are_the_subjects() -> None:
    # 联合…等5个部门开展联合检查: no centre holds them, though the paragraph named one (Yunnan)
    text = "鹤庆县社会治安综合治理中心去年投入运行。今年6月,鹤庆县公安局联合县市场监管局、县文旅局等5个部门开展联合检查。"
    assert [st.subject[1] for st in extract_document(Document(id="t", text=text)).statistics] == ["鹤庆县公安局"]


def test_words_that_hold_a_region_word_are_no_reference() -> None:
    # 安全乡村 holds 全乡, which is no township here (Yunnan)
    text = "永平县龙门乡推行网格化管理。永平县持续推进安全乡村建设,共排查隐患320处。"
    assert [st.subject for st in extract_document(Document(id="t", text=text)).statistics] == [("Place", "永平县")]


def test_money_that_settles_one_case_is_no_figure() -> None:
    # the amount one party pays the other in a dispute, not the body's result (Henan)
    text = "经神垕派出所民警调解,客商最终支付尾款3.8万元。今年以来,禹州市公安局为群众挽回经济损失120余万元。"
    assert [st.value for st in extract_document(Document(id="t", text=text)).statistics] == ["120余万元"]


def test_a_share_keeps_its_bound() -> None:
    text = "榆中县公安局城关派出所推行警调联动,纠纷类警情七成以上在现场化解。"
    assert [st.value for st in extract_document(Document(id="t", text=text)).statistics] == ["七成以上"]


def test_a_while_is_no_figure() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    text = "丰城市非警务警情矛盾纠纷化解率达98.5%。该机制实施2个多月以来,共化解纠纷63起。"
    values = {st.value for st in extract_document(Document(id="t", text=text)).statistics}
    assert not any(v.startswith("2个") for v in values) and {"达98.5%", "63起"} <= values



# whom a figure is about, in reports from other provinces: (text, the subject of every figure)
SUBJECTS = [
    # a date may open the figure's clause before its subject
    ("福建省委政法委數據顯示,2024年福建省群眾安全感達99.12%。", ("Place", "福建省")),
    # 全区 in a report from an autonomous region is the region…
    ("廣西壯族自治區黨委政法委召開會議。靖西市公安局推行“邊關警務”模式。\n2024年,全區群眾安全感達98.71%。",
     ("Place", "广西壮族自治区")),
    # …unless a district was named before it in the same paragraph
    ("南寧市青秀區委政法委召開會議,全區群眾安全感達99.1%。", ("Place", "青秀区")),
    # 该所 is not the partner named after 与
    ("喜洲派出所所長趙國華介紹,派出所與喜洲鎮司法所建立聯動機制。今年1至9月,該所轄區糾紛類警情同比下降31.2%。",
     ("Organization", "喜洲派出所")),
    # 全市 of a municipality, 全州 of a prefecture
    ("重慶市公安局召開發布會。市公安局數據顯示,今年一季度,全市刑事警情同比下降9.8%。", ("Place", "重庆市")),
    ("伊犁州公安局召開會議。今年1至10月,全州共破獲電信網絡詐騙案件1260起。", ("Place", "伊犁哈萨克自治州")),
    # after a speech verb and a time phrase, the reported subject
    ("靖西市委政法委副書記黃志剛介紹,近年來,靖西市推行“黨建+邊境治理”模式,在全市19個鄉鎮全部建成綜治中心。",
     ("Place", "靖西市")),
    # 自治区 written alone is the report's region, not the body that published the figure
    ("據新疆維吾爾自治區黨委政法委消息,2024年自治區群眾安全感達99.21%,較上年提高0.3個百分點。",
     ("Place", "新疆维吾尔自治区")),
    # a room holds its own figures, 该调解室 included…
    ("東關派出所設立“石榴籽調解室”,今年以來,該調解室共調解糾紛386件。", ("MediationRoom", "石榴籽调解室")),
    # …but not the count of a list of rooms it closes (dev 004, Jiangsu)
    ("常熟市社會治安綜合治理中心裡,周永良調解工作室以及“老娘舅”家事調解室2個品牌工作室各展所長。",
     ("Organization", "常熟市社会治安综合治理中心")),
    # a head word opening a clause is the body of that head named before it (Hainan, Qinghai, Tibet)
    ("在海口市美兰区社会治安综合治理中心,群众只需在一个窗口登记。美兰区委政法委副书记陈明介绍,今年以来,"
     "中心已受理各类诉求1620件。", ("Organization", "海口市美兰区社会治安综合治理中心")),
    ("西宁市城中区南滩街道组建了“石榴花”志愿服务队。这支服务队由86名党员和居民组成,每周开展巡逻。",
     ("Organization", "石榴花志愿服务队")),
    ("拉萨市城关区人民法院在八廓街道设立“格桑花”诉前调解工作室。截至10月底,工作室共受理诉前调解案件320件。",
     ("MediationRoom", "格桑花诉前调解工作室")),
    ("柳州市公安局柳南分局开展夏季治安整治行动。随后,柳州市公安局部署全市交通整治。行动中,分局共破获刑事案件86起。",
     ("Organization", "柳州市公安局柳南分局")),
    # a count of the bodies listed before it is the centre's that holds them, not the last body's
    ("三亚市崖州区社会治安综合治理中心去年投入运行,区信访局、区司法局、区人社局等8个部门常驻办公。",
     ("Organization", "三亚市崖州区社会治安综合治理中心")),
    ("目前,五指山市人民法院、五指山市人民检察院和信访、人社等10家单位常驻五指山市社会治安综合治理中心。",
     ("Organization", "五指山市社会治安综合治理中心")),
    # 全镇 is the town named before it, not the town's party committee that opens the sentence (Fujian)…
    ("长汀县河田镇党委牵头组建网格队伍,今年以来,全镇网格员共上报各类事件3200余件。", ("Place", "河田镇")),
    # …and 该乡 inside a body's name completed from context is that body (seeds 001)
    ("今年以来,萍乡市上栗县鸡冠乡积极拓宽渠道。该乡信访办公室开通了“便民服务直通车”,共接待群众120人次。",
     ("Organization", "鸡冠乡信访办公室")),
    # after a leading phrase (作为…的一部分，) the clause's subject, and after the spot of a place
    # that sets the scene (在洱海湖面上，) the body (Shandong, Yunnan)
    ("作为山东省公安厅“夏夜安全”系列行动的一部分,今年夏季,青岛市公安局启动“清风2025”专项行动,在重点商圈设立临时警务站26个。",
     ("Organization", "青岛市公安局")),
    ("在洱海湖面上,大理市公安局联合市消防救援支队设立救援点5处,今年已救助落水游客12人。", ("Organization", "大理市公安局")),
    # a count right after 全县/全镇 is of the region's own units, whoever the sentence's subject (Gansu)…
    ("临洮县司法局在全县18个司法所推广“枫桥式司法所”建设。", ("Place", "临洮县")),
    # …and a town written after 该市 is a town (Heilongjiang)
    ("在该市一面坡镇,尚志市公安局一面坡派出所为全镇17个行政村配备村警。", ("Place", "一面坡镇")),
    # the short name a text gives (以下简称…) is that entity wherever it is written later (Yunnan)
    ("昆明市五华区矛盾纠纷多元化解中心(以下简称区矛调中心)于去年投入运行。五华区人民法院派驻法官。"
     "今年以来,区矛调中心共接待群众9800人次。",
     ("Organization", "昆明市五华区矛盾纠纷多元化解中心")),
    # 全市 a paragraph after a county-level city is the prefecture it lies in (Jiangsu)
    ("苏州市持续推进平安建设。\n昆山市综治中心创新“一窗受理”制度。\n全市创建平安村(社区)1862个。", ("Place", "苏州市")),
    # a region written as a reference that opens a later clause of a figure-less sentence hands
    # the region to the figures after it, not the body that opens the sentence (Fujian)
    ("2024年,泉州市委政法委坚持和发展新时代“枫桥经验”,全市社会大局持续安全稳定。全年群众安全感达98.7%。",
     ("Place", "泉州市")),
    # a room written right after its place is the subject, not the place (Yunnan)
    ("禄劝县撒营盘镇“老李调解室”由退休教师李明领衔,年均调处纠纷200余起。", ("MediationRoom", "老李调解室")),
    # a body referred to (该局) opening a figure-less sentence hands itself to the next figures (Liaoning)
    ("锦州市公安局召开发布会。\n该局自主研发“锦警智治”大数据平台,汇聚治安、交通数据资源。同时上线“锦警通”手机应用,累计办件42.3万件。",
     ("Organization", "锦州市公安局")),
    # a figure inside a quotation that names no subject is the body of the speaker named after it (Hunan)
    ("株洲市公安局荷塘分局月塘派出所旁有一间“老刘工作室”。工作室由退休民警刘建国领衔。"
     "“110接到的报警,三成以上其实是邻里纠纷。”荷塘分局月塘派出所所长陈伟说。",
     ("Organization", "株洲市公安局荷塘分局月塘派出所")),
    # a lake or a sea is where things happen, never whose figure it is (Hebei)
    ("唐山市公安局曹妃甸分局连续第四年组织开展“海盾”系列专项行动。今年3月启动的“海盾-2025”专项行动,"
     "聚焦涉港涉海盗窃、走私和渤海湾非法捕捞等违法犯罪,分局会同曹妃甸区农业农村局开展联合巡查,截至目前已查处涉海涉渔案件57起。",
     ("Organization", "唐山市公安局曹妃甸分局")),
]


@pytest.mark.parametrize(("text", "subject"), SUBJECTS)
def test_whom_a_figure_is_about(text: str, subject: tuple[str, str]) -> None:
    statistics = extract_document(Document(id="t", text=text)).statistics
    assert statistics and {st.subject for st in statistics} == {subject}


def test_when_something_happened_and_round_the_clock_are_no_figures() -> None:
    for text, figure in [("10天前,一位老人在早胜镇派出所报警。今年以来,镇原县公安局共破获电诈案件32起。", "32起"),
                         ("2024年,东丰县公安局对辖区河段实行24小时巡查,全年破获盗窃案件41起。", "41起")]:
        assert [st.value for st in extract_document(Document(id="t", text=text)).statistics] == [figure]


def test_counts_of_bodies_stationed_or_rotating_in_a_centre_are_the_centres() -> None:
    text = "同江市社会治安综合治理中心投入运行,市信访局、市司法局等6个部门常驻,农业农村、住建等9个部门轮驻。"
    statistics = extract_document(Document(id="t", text=text)).statistics
    assert {(st.subject[1], st.value) for st in statistics} == {
        ("同江市社会治安综合治理中心", "6个"), ("同江市社会治安综合治理中心", "9个")}
    # the centre named after 轮驻 (Heilongjiang)
    text = "同江市建成市综治中心。目前,农业农村、住建等9个部门轮驻市综治中心。"
    statistics = extract_document(Document(id="t", text=text)).statistics
    assert [(st.subject[1], st.value) for st in statistics] == [("同江市综治中心", "9个")]


def test_a_date_before_the_subject_is_the_figures_year() -> None:
    [st] = extract_document(Document(id="t", text=SUBJECTS[0][0])).statistics
    assert st.year == 2024


def test_the_reported_subject_runs_the_programme_too() -> None:
    result = extract_document(Document(id="t", text=SUBJECTS[6][0]))
    assert {(r.s[1], r.o[1]) for r in result.relations if r.p == "implements"} == {("靖西市", "党建+边境治理")}


def test_figures_after_fenbie_are_those_of_the_listed_subjects_in_turn() -> None:
    # 分别 after a list of places: each figure is about the place of its rank, and each fell (Guangdong)
    text = "珠海市推进平安建设。香洲区、斗门区、金湾区盗窃警情同比分别下降27.1%、19.5%、22.8%。"
    found = [(st.subject[1], st.number, st.change) for st in extract_document(Document(id="t", text=text)).statistics]
    assert found == [("香洲区", 27.1, "下降"), ("斗门区", 19.5, "下降"), ("金湾区", 22.8, "下降")]
    # one subject and a list of indicators: all the subject's (seeds 003)
    text = "江西省公眾安全感、群眾對公安工作的滿意度連年穩步提升,2021年分別達98.53%,96.7%。"
    assert {st.subject[1] for st in extract_document(Document(id="t", text=text)).statistics} == {"江西省"}


def test_a_streak_written_in_chinese_numerals_is_a_figure() -> None:
    # 连续三年 as 连续16年; 连续第四年 is a campaign's edition, not a figure (Shaanxi)
    text = "汉中市连续三年被评为全省平安建设优秀市。汉中市公安局连续第四年开展“秦风”专项行动。"
    found = {(st.value, st.number) for st in extract_document(Document(id="t", text=text)).statistics}
    assert found == {("连续三年", 3.0)}
