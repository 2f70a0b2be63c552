from kg.extract import find_entities
from kg.model import Document, Mention
from kg.normalise import normalise
from kg.sentences import split_sentences


def _orgs(text: str) -> list[Mention]:
    doc = Document(id="t", text=text, norm=normalise(text))
    return [m for m in find_entities(doc, split_sentences(text)) if m.type == "Organization"]


def test_police_chain_gives_each_unit_its_parent() -> None:
    orgs = {m.name: m for m in _orgs("南昌工學院實地上演的演練,是南昌市公安局紅谷灘分局龍興派出所每月一演練的實訓縮影")}
    assert orgs["南昌市公安局"].subtype == "PublicSecurity"
    assert orgs["南昌市公安局红谷滩分局"].parent == "南昌市公安局"
    station = orgs["南昌市公安局红谷滩分局龙兴派出所"]
    assert station.parent == "南昌市公安局红谷滩分局"
    assert "龙兴派出所" in station.aliases


def test_party_and_governance_bodies() -> None:
    names = {m.name: m.subtype for m in _orgs("江西省委政法委與樟樹市綜治中心、臨川區人民法院")}
    assert names["江西省委政法委"] == "PartyCommittee"
    assert names["樟树市综治中心"] == "GovernanceCenter"


def test_partial_name_is_left_for_context() -> None:
    orgs = _orgs("今年7月,丰城市平安办联合市公安局印发了实施方案")
    partial = [m for m in orgs if m.source == "partial"]
    assert [m.name for m in partial] == ["市公安局"]


def test_generic_station_is_not_an_entity() -> None:
    assert not [m for m in _orgs("民警和辖区派出所一起赶到现场") if m.name.endswith("派出所")]


def test_police_short_form() -> None:
    orgs = _orgs("四川公安坚持严打方针不动摇")
    assert [m.name for m in orgs] == ["四川省公安厅"]


def test_simplified_county_bureau_and_city_short_form() -> None:
    orgs = {m.name: m for m in _orgs("鹰潭公安推进预防警务体系化建设取得实效。今年以来,分宜县公安局聚焦经济社会高质量发展目标")}
    assert orgs["分宜县公安局"].subtype == "PublicSecurity"
    assert "鹰潭市公安局" in orgs


def test_a_schools_name_keeps_the_short_place_it_is_written_with() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    result = extract_document(Document(id="t", text="南昌工學院實地上演的演練,是南昌市公安局紅谷灘分局龍興派出所每月一演練的實訓縮影。"))
    assert ("Organization", "南昌工学院") in result.entities
    assert ("Organization", "南昌市工学院") not in result.entities  # a name no one wrote


def test_department_named_after_its_party_committee_in_a_chain_of_titles() -> None:
    orgs = {m.name: m for m in _orgs("邢台市委常委、政法委书记崔大平说,要把矛盾纠纷化解在基层。")}
    unit = orgs["邢台市委政法委"]
    assert unit.parent == "邢台市委" and unit.aliases == ("政法委",) and unit.subtype == "PartyCommittee"
    # not without a title after it, nor after a body that is no party committee
    assert "邢台市委政法委" not in {m.name for m in _orgs("邢台市委常委、政法委联合开展调研。")}
    assert not [m for m in _orgs("邢台市公安局副书记、政法委书记说") if m.name.endswith("政法委")]


def test_people_in_a_chain_of_titles_belong_to_both_bodies() -> None:
    from kg.extract import extract_document

    result = extract_document(Document(id="t", text="河北省邢台市召开平安建设推进会。邢台市委常委、政法委书记崔大平说,要坚持和发展新时代“枫桥经验”。"))
    affiliations = {r.o[1] for r in result.relations if r.p == "affiliatedWith"}
    assert affiliations == {"邢台市委", "邢台市委政法委"}
    assert any(r.p == "subOrganizationOf" and r.s[1] == "邢台市委政法委" and r.o[1] == "邢台市委" for r in result.relations)


def _entities(text: str) -> dict[str, tuple[str, set[str]]]:
    from kg.extract import extract_document

    result = extract_document(Document(id="t", text=text))
    subunits = {r.s[1]: r.o[1] for r in result.relations if r.p == "subOrganizationOf"}
    return {e.name: (subunits.get(e.name, ""), e.aliases) for e in result.entities.values() if e.type == "Organization"}


def test_committee_of_a_body_named_by_its_short_form() -> None:
    ents = _entities("万载县消防救援大队加强指导党风廉政建设。各中队召开廉政谈心谈话会。"
                     "大队党委主要负责人定期与班子成员开展廉政提醒谈话。")
    assert ents["万载县消防救援大队党委"][0] == "万载县消防救援大队"
    assert "大队党委" in ents["万载县消防救援大队党委"][1]
    # 省厅 is the province's department named before, in Traditional script too
    ents = _entities("線索上報後,廣東省公安廳成立專班。省廳黨委將此案定為專案。")
    assert ents["广东省公安厅党委"][0] == "广东省公安厅"


def test_short_form_without_a_body_before_it_is_no_entity() -> None:
    ents = _entities("大队党委主要负责人定期与班子成员开展廉政提醒谈话。南昌市公安局召开会议。")
    assert not [n for n in ents if n.endswith("党委")]
    # inside a longer name the grammar decides, not the short form (no 南昌市公安局 + 大队党委)
    ents = _entities("南昌市公安局召开会议。交警大队党委书记发言。")
    assert "南昌市公安局大队党委" not in ents and not [n for n in ents if n.endswith("大队党委") and n != "交警大队党委"]


def test_partial_names_of_autonomous_regions_and_prefectures() -> None:
    from kg.extract import extract_document

    texts = ["近日,廣西壯族自治區公安廳召開新聞發布會。自治區公安廳副廳長李明介紹了情況。",
             "涼山彝族自治州公安局聯合西昌市公安局開展行動,自治州公安局局長王強表示。",
             "寧夏回族自治區黨委書記張華出席。自治區黨委政法委召開會議。"]
    results = [extract_document(Document(id=f"t{i}", text=t)) for i, t in enumerate(texts)]
    orgs = {k[1] for r in results for k in r.entities if k[0] == "Organization"}
    assert {"广西壮族自治区公安厅", "凉山彝族自治州公安局", "宁夏回族自治区党委政法委"} <= orgs
    assert not any(o.startswith(("自治区", "自治州")) for o in orgs)
    people = {(r.s[1], r.o[1]) for res in results for r in res.relations if r.p == "affiliatedWith"}
    assert ("李明", "广西壮族自治区公安厅") in people
    assert ("王强", "凉山彝族自治州公安局") in people


def test_a_branch_named_for_a_district_of_its_city() -> None:
    # 里 ends no name elsewhere (辖区里), but 道里 is 哈尔滨市's 道里区
    orgs = {m.name: m for m in _orgs("哈爾濱市公安局道里分局新陽路派出所民警趙剛說,轄區發案同比下降20%。")}
    assert orgs["哈尔滨市公安局道里分局"].parent == "哈尔滨市公安局"
    assert orgs["哈尔滨市公安局道里分局新阳路派出所"].parent == "哈尔滨市公安局道里分局"


def test_a_street_centre_is_the_centre_of_the_street_named_before() -> None:
    from kg.extract import extract_document

    result = extract_document(Document(id="t", text="廣州市天河區獵德街道黨工委書記陳敏表示,街道綜治中心已接待群眾1200人次。"))
    orgs = {k[1] for k in result.entities if k[0] == "Organization"}
    assert "猎德街道综治中心" in orgs and "街道综治中心" not in orgs
    assert ("猎德街道综治中心", "locatedIn", "猎德街道") in {(r.s[1], r.p, r.o[1]) for r in result.relations}


def test_a_centre_named_with_its_city_is_the_one_its_short_head_names_later() -> None:
    from kg.extract import extract_document

    text = "白山市抚松县社会治安综合治理中心于2023年投入运行。1至9月,县综治中心共受理群众诉求1460件。"
    result = extract_document(Document(id="t", text=text))
    assert [k[1] for k in result.entities if k[0] == "Organization"] == ["白山市抚松县社会治安综合治理中心"]
    assert result.statistics[0].subject == ("Organization", "白山市抚松县社会治安综合治理中心")


def test_a_station_after_its_bureau_whatever_word_its_name_is_and_a_centre_after_built() -> None:
    from kg.extract import extract_document

    # 团结 is a verb or adjective elsewhere; between a bureau and 派出所 it is the station's name (Gansu)
    result = extract_document(Document(id="t", text="定西市通渭县公安局开展行动。县公安局团结派出所民警李军走访群众。"))
    assert ("Organization", "通渭县公安局团结派出所") in result.entities
    # …unless the model reads a verb of its own before the head (部署|派出所)
    orgs = {m.name for m in _orgs("武威市公安局凉州分局部署派出所开展清查。")}
    assert orgs == {"武威市公安局凉州分局", "武威市公安局"}
    # …and a station is no bureau: 梅苑派出所发挥派出所… names no second station
    orgs = {m.name for m in _orgs("武汉市公安局武昌区梅苑派出所发挥派出所主防作用。")}
    assert not any(name.endswith("发挥派出所") for name in orgs)
    # 建成县综治中心: the county's centre, as after 设立 or 整合
    result = extract_document(Document(id="t", text="甘肃省临夏回族自治州东乡族自治县去年建成县综治中心,县信访局等6个部门常驻。"))
    assert ("Organization", "东乡族自治县综治中心") in result.entities


def test_a_medium_named_as_the_source_or_credited_with_the_report_whatever_its_name() -> None:
    from kg.extract import extract_document

    # a medium's name need not open with a place where only a medium can stand (Qinghai, Fujian)
    text = "中国青海网8月3日讯（记者 马明）今年以来,西宁市公安局城东分局深入开展“昆仑2025”专项行动。"
    result = extract_document(Document(id="t", text=text))
    assert result.entities[("Organization", "中国青海网")].subtype == "Media"
    assert ("马明", "affiliatedWith", "中国青海网") in {(r.s[1], r.p, r.o[1]) for r in result.relations}
    text = "来源：东南网　2025年8月12日\n东南网记者 林芳\n近日,晋江市公安局开展夏季治安巡查。"
    result = extract_document(Document(id="t", text=text))
    assert ("林芳", "affiliatedWith", "东南网") in {(r.s[1], r.p, r.o[1]) for r in result.relations}
    # a known medium keeps its name, and a line that opens with 据 names its source after it
    result = extract_document(Document(id="t", text="据法治日报记者了解,今年以来,西宁市公安局破获案件32起。"))
    assert ("Organization", "法治日报") in result.entities and ("Organization", "据法治日报") not in result.entities


def test_social_work_departments_and_dispute_resolution_centres() -> None:
    # bodies set up since 2023 across the country: the party's 社会工作部 and the county
    # centres for resolving disputes (矛盾纠纷调处化解中心)
    orgs = {m.name: m.subtype for m in _orgs("近日,中共貴陽市委社會工作部聯合貴陽市信訪局召開會議,"
                                             "雲岩區矛盾糾紛調處化解中心負責人王麗介紹了經驗。")}
    assert orgs["中共贵阳市委社会工作部"] == "PartyCommittee"
    assert orgs["云岩区矛盾纠纷调处化解中心"] == "GovernanceCenter"


def test_stations_named_for_streets_and_with_characters_that_are_words_elsewhere() -> None:
    # 都 and 中 are function words in running text (群众都到派出所), but parts of 龙都 and 中山路;
    # 中山 before 路 names the street, not 中山市
    def names(text: str) -> set[str]:
        return {m.name for m in _orgs(text)}

    assert names("諸城市公安局龍都派出所所長劉振華說。") == {"诸城市公安局", "诸城市公安局龙都派出所"}
    assert names("中山路派出所民警介紹。") == {"中山路派出所"}
    assert names("北京路派出所開展巡邏。") == {"北京路派出所"}
    assert names("群眾都到派出所報案。") == set()
    assert names("辖区里派出所民警。") == set()


def test_criminal_police_and_border_units() -> None:
    orgs = {m.name: m.parent for m in _orgs("常州市公安局刑警支隊破獲一起特大電詐案,瑞麗市邊境管理大隊協同作戰。")}
    assert orgs["常州市公安局刑警支队"] == "常州市公安局"
    assert "瑞丽市边境管理大队" in orgs


def test_the_xinjiang_production_and_construction_corps_is_a_body() -> None:
    orgs = {m.name: m.subtype for m in _orgs("新疆生產建設兵團第一師阿拉爾市公安局推行“網格+警務”模式。")}
    assert orgs["新疆生产建设兵团"] == "Government"
    assert "阿拉尔市公安局" in orgs


def test_units_named_with_words_that_hold_function_characters() -> None:
    orgs = {m.name: m.parent for m in _orgs("哈爾濱市公安局水上分局救助遇險遊客19人。松花江畔的中央大街派出所推行“警格+網格”。"
                                            "六安市公安局會同市委網信辦開展行動。")}
    assert orgs["哈尔滨市公安局水上分局"] == "哈尔滨市公安局"  # 上: 市公安局|水上|分局
    assert "中央大街派出所" in orgs and "大街派出所" not in orgs
    assert "六安市委网信办" in orgs or "市委网信办" in orgs


def test_newspapers_are_found_only_as_words_of_their_own_and_house_no_room() -> None:
    from kg.extract import extract_document

    names = {m.name for m in _orgs("本報訊(記者 程明)昆明報道,天山網格員和大眾日報記者張偉參加。")}
    assert names == {"大众日报"}  # not 明报 in 昆明报道, nor 天山网 in 天山网格员
    result = extract_document(Document(id="t", text="據天山網報道,“石榴籽調解室”今年調解糾紛80起。"))
    assert ("MediationRoom", "石榴籽调解室") in result.entities
    assert not [r for r in result.relations if r.p == "subOrganizationOf"]  # the site reports, houses nothing


def test_a_body_after_lianhe_is_a_second_body_not_a_unit_of_the_first() -> None:
    from kg.extract import extract_document

    for text in ("在安溪縣,縣委政法委聯合縣人民法院推行“茶鄉調解+司法確認”機制。",
                 "安溪縣委政法委聯合縣人民法院推行“茶鄉調解+司法確認”機制。"):
        result = extract_document(Document(id="t", text=text))
        assert {k[1] for k in result.entities if k[0] == "Organization"} == {"安溪县委政法委", "安溪县人民法院"}
        assert ("安溪县委政法委", "安溪县人民法院") in {(r.s[1], r.o[1]) for r in result.relations if r.p == "cooperatesWith"}


def test_a_branch_named_alone_for_a_district_of_a_city_in_the_report() -> None:
    from kg.extract import extract_document

    text = ("哈爾濱市公安局道里分局開展行動。“遊客遇到消費糾紛,第一時間找的往往是警察。”"
            "道里分局副局長劉振江介紹,為此,該局在中央大街設立調解室。")
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("刘振江", "affiliatedWith", "哈尔滨市公安局道里分局") in facts


def test_a_governments_press_office_written_short() -> None:
    names = {m.name for m in _orgs("寧夏回族自治區政府新聞辦召開發布會。")}
    assert names == {"宁夏回族自治区政府新闻办"}


def test_partial_names_of_municipalities_and_banners_and_more_police_units() -> None:
    from kg.extract import extract_document

    def orgs(text: str) -> set[str]:
        return {k[1] for k in extract_document(Document(id="t", text=text)).entities if k[0] == "Organization"}

    assert orgs("記者從市委政法委獲悉,今年以來,天津市推進綜治中心建設。市高級人民法院發布通知。") >= {
        "天津市委政法委", "天津市高级人民法院"}
    assert orgs("陳巴爾虎旗委政法委召開會議。旗委政法委會同旗公安局開展行動。") == {"陈巴尔虎旗委政法委", "陈巴尔虎旗公安局"}
    assert orgs("遼寧省公安廳刑事偵查局副局長陳衛東表示。三亞市公安局旅遊警察支隊破獲案件。") >= {
        "辽宁省公安厅刑事侦查局", "三亚市公安局旅游警察支队"}


def test_departments_of_a_local_government_and_centres_of_social_governance() -> None:
    from kg.extract import extract_document

    def orgs(text: str) -> dict[str, str]:
        result = extract_document(Document(id="t", text=text))
        return {k[1]: e.subtype for k, e in result.entities.items() if k[0] == "Organization"}

    found = orgs("順義區綜治中心設有調解大廳,區人力社保局、區住房城鄉建設委等部門常駐。")
    assert found["顺义区人力社保局"] == "Government" and found["顺义区住房城乡建设委"] == "Government"
    found = orgs("如皋市依託如皋市社會治理現代化指揮中心,實現矛盾糾紛一站式化解。")
    assert found == {"如皋市社会治理现代化指挥中心": "GovernanceCenter"}


def test_a_ministrys_name_inside_the_word_for_departments_is_no_ministry() -> None:
    names = {m.name for m in _orgs("公安部門將雙方引導至橫欄鎮綜治中心,司法部门、民政部门一同参与。")}
    assert not names & {"公安部", "司法部", "民政部"}
    assert "公安部" in {m.name for m in _orgs("公安部部署開展“夏季行動”,公安部門積極響應。")}


def test_a_medium_named_by_its_masthead_or_byline_that_opens_with_a_place() -> None:
    from kg.extract import extract_document

    def media(text: str) -> set[str]:
        return {k[1] for k, e in extract_document(Document(id="t", text=text)).entities.items() if e.subtype == "Media"}

    assert media("河北長安網\n吳橋縣推進綜治中心建設。") == {"河北长安网"}
    assert media("香港文匯報 2024年08月05日 A12版\n香港文匯報訊(記者 易娟)走進湖南省永州市。") == {"香港文汇报"}
    assert media("雲南網訊(記者 李婭)陸良縣推進網格化管理。") == {"云南网"}
    assert media("關注新華網\n吳橋縣推進綜治中心建設。") == {"新华网"}  # a page's chrome, not a medium
    assert media("織密防護網\n吳橋縣推進綜治中心建設。") == set()


def test_a_headline_ending_in_wang_is_no_site() -> None:
    from kg.extract import extract_document

    result = extract_document(Document(id="t", text="浙江織密平安防控網\n浙江省推進平安建設。"))
    assert not [k for k, e in result.entities.items() if e.subtype == "Media"]


def test_more_local_departments_and_a_city_or_district_written_short_before_one() -> None:
    from kg.extract import extract_document

    def orgs(text: str) -> set[str]:
        return {k[1] for k, e in extract_document(Document(id="t", text=text)).entities.items() if k[0] == "Organization"}

    # Fujian, Shandong: departments of a local government (教育体育局, 禁毒办, 河长制办公室…)
    found = orgs("鼓樓區人民檢察院聯合區教育體育局開展“護苗”專項行動,縣禁毒辦、市河長制辦公室參加。")
    assert {"鼓楼区教育体育局", "鼓楼区人民检察院"} <= found
    found = orgs("嶗山分局聯合嶗山風景名勝區管理局開展“護景”專項行動。")
    assert "崂山风景名胜区管理局" in found
    # a city or district short form right after 联合 or a list mark, before a body's head
    assert "漳州市海事局" in orgs("今年以來,漳州市公安局聯合漳州海事局開展“海盾”專項行動。")
    assert "黄岛区海事局" in orgs("青島市黃島區加強海上治安。區農業農村局、黃島海事局聯合開展巡查。")


def test_mediation_teams_named_and_the_peoples_mediation_committee_as_a_kind() -> None:
    from kg.extract import extract_document

    def orgs(text: str) -> set[str]:
        return {k[1] for k, e in extract_document(Document(id="t", text=text)).entities.items() if k[0] == "Organization"}

    # a named team of mediators is a body (Guangxi); 人民调解委员会, 人民调解队 are kinds (Hebei)
    assert "壮嫂调解队" in orgs("北海市侨港镇组建壮嫂调解队,化解涉渔纠纷。")
    assert orgs("沧州市建立人民调解委员会1200个,各乡镇成立人民调解队。") == set()


def test_a_saying_that_sends_people_to_a_body_and_a_departments_abbreviation_are_no_names() -> None:
    from kg.extract import extract_document

    def orgs(text: str) -> set[str]:
        return {k[1] for k in extract_document(Document(id="t", text=text)).entities if k[0] == "Organization"}

    # Guangdong: ‘有矛盾纠纷到综治中心’ is a saying; 人社分局 is the local branch of a department
    found = orgs("东莞市虎门镇综治中心投入运行。现在,‘有纠纷到综治中心’逐渐成为了群众的共识。")
    assert not [o for o in found if "到" in o]
    assert "人社分局" not in orgs("在鎮公安分局、人社分局、司法所等多方配合下,糾紛得以化解。")
