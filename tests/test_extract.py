"""extract_document on a real Traditional sentence: entities, aliases and a relation with offsets."""
from kg.extract import extract_document
from kg.model import Document

SENTENCE = ("今年3月,樟樹市綜治中心整合“劉欽牛調解室”、入駐該中心的林業局、自然資源局及律師等多元解紛法治力量,"
            "運用法理情理心理道理“四理融合”解紛法,幫助村民李某某化解一起6年之久的山林土地補償糾紛。")
ROOM = ("MediationRoom", "刘钦牛调解室")
CENTRE = ("Organization", "樟树市综治中心")


def test_room_and_centre_with_traditional_aliases() -> None:
    result = extract_document(Document(id="t", text=SENTENCE))
    assert result.entities[ROOM].aliases >= {"劉欽牛調解室"}
    assert result.entities[CENTRE].subtype == "GovernanceCenter"
    assert not [k for k in result.entities if k[0] == "Person"]  # 李某某 is anonymised


def test_room_is_housed_in_the_centre_with_evidence() -> None:
    result = extract_document(Document(id="t", text=SENTENCE))
    [fact] = [r for r in result.relations if (r.s, r.p, r.o) == (ROOM, "subOrganizationOf", CENTRE)]
    assert SENTENCE[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    assert "劉欽牛調解室" in fact.evidence.text


def test_place_chain_from_the_gazetteer() -> None:
    result = extract_document(Document(id="t", text=SENTENCE))
    located = {(r.s[1], r.o[1]) for r in result.relations if r.p == "locatedIn"}
    assert {("樟树市综治中心", "樟树市"), ("樟树市", "宜春市"), ("宜春市", "江西省")} <= located


UNITS = ("廣東省公安廳召開新聞發布會。4月底,省公安廳成立“反詐聯勤作戰中心”,各警種派員帶資源、帶權限進駐。"
         "樟樹市綜治中心成立以來,化解糾紛3000餘件。")


def test_a_unit_set_up_by_a_body_is_its_unit() -> None:
    result = extract_document(Document(id="t", text=UNITS))
    units = {(r.s[1], r.o[1]) for r in result.relations if r.p == "subOrganizationOf"}
    assert ("反诈联勤作战中心", "广东省公安厅") in units
    [fact] = [r for r in result.relations if (r.s[1], r.p) == ("反诈联勤作战中心", "subOrganizationOf")]
    assert "成立“反詐聯勤作戰中心”" in fact.evidence.text
    # a body that was itself set up (成立以来) is the unit of nothing
    assert not [u for u in units if u[0] == "樟树市综治中心"]


def test_a_division_is_in_a_named_parent_only_where_one_sentence_names_both() -> None:
    text = "常熟市持續推進綜治中心建設。蘇州全面推進矛盾糾紛化解中心建設。在江蘇省蘇州市,群眾滿意度不斷提升。"
    located = {(r.s[1], r.o[1]): r for r in extract_document(Document(id="t", text=text)).relations
               if r.p == "locatedIn"}
    assert ("常熟市", "苏州市") not in located  # never named together
    assert "江蘇省蘇州市" in located[("苏州市", "江苏省")].evidence.text


def test_a_person_of_a_body_joined_by_de_is_affiliated_with_it() -> None:
    text = "2003年11月,時任浙江省委書記的習近平指出,要充分珍惜“楓橋經驗”。這都多虧了‘和合說事工作室’的李中秋。"
    affiliated = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations
                  if r.p == "affiliatedWith"}
    assert {("习近平", "浙江省委"), ("李中秋", "和合说事工作室")} <= affiliated


def test_a_places_police_as_a_whole_stands_for_its_police_organ() -> None:
    text = "武漢市公安局治安支隊負責人介紹。今年以來,武漢公安機關堅持深化“楓橋式派出所”創建。"
    result = extract_document(Document(id="t", text=text))
    implements = {(r.s[1], r.o[1]) for r in result.relations if r.p == "implements"}
    assert implements == {("武汉市公安局", "枫桥式派出所")}
    assert "武汉公安机关" not in result.entities[("Organization", "武汉市公安局")].aliases
    # where the text does not name the organ, 公安机关 does not make one up
    alone = extract_document(Document(id="t", text="今年以來,武漢公安機關堅持深化“楓橋式派出所”創建。"))
    assert ("Organization", "武汉市公安局") not in alone.entities


def test_a_division_is_in_the_nearest_division_named_with_it() -> None:
    text = "新餘市持續推進平安建設。在江西省分宜縣,群眾滿意度不斷提升。"
    located = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations
               if r.p == "locatedIn"}
    assert ("分宜县", "江西省") in located and ("分宜县", "新余市") not in located


GUANGDONG = ("【明報專訊】廣東省公安廳29日召開新聞發布會通報,近日,在公安部的組織協調下,廣東21地公安機關和遼寧、"
             "湖北、廣西、天津等10省市同步開展「颶風24號」打擊電信詐騙犯罪專案收網行動,搗毀電信詐騙犯罪窩點150餘個。"
             "今年8月,省公安廳駐電白工作專班聯合茂名、電白兩級公安機關深入摸排。湖北省委、省政府出台相關文件。")


def test_the_province_of_a_bare_省_is_the_documents_unless_its_sentence_names_another() -> None:
    result = extract_document(Document(id="t", text=GUANGDONG))
    orgs = {k[1] for k in result.entities if k[0] == "Organization"}
    assert "湖北省公安厅" not in orgs  # 湖北 was named in the sentence before
    assert "省公安厅" in result.entities[("Organization", "广东省公安厅")].aliases  # the bare 省公安廳, completed
    assert "湖北省政府" in orgs  # 湖北省委、省政府: one sentence


def test_a_newspaper_reports_figures_and_campaigns_it_does_not_own() -> None:
    result = extract_document(Document(id="t", text=GUANGDONG))
    [den] = [s for s in result.statistics if s.value == "150余个"]
    assert den.subject == ("Organization", "广东省公安厅")
    conductors = {r.s[1] for r in result.relations if r.p == "conducts"}
    assert conductors and "明报" not in conductors
    assert result.entities[("Organization", "明报")].subtype == "Media"


def test_a_persons_record_is_no_figure_of_a_place() -> None:
    text = ("河北省邢台市构建调解工作网络,全市化解矛盾纠纷1.2万件。"
            "今年66岁的李中秋从事人民调解工作6年,已调解各类矛盾纠纷300多件,当事人履行率100%。"
            "民警王伟介绍,今年以来共破获电诈案件35起。")
    result = extract_document(Document(id="t", text=text))
    values = {s.value for s in result.statistics}
    assert "1.2万件" in values and not values & {"300多件", "100%"}
    assert "35起" in values  # a speaker reports the figure: it is still the place's


def _subjects(text: str) -> dict[str, str]:
    """The subject of each figure of ``text``, by its value as written."""
    return {s.value: s.subject[1] for s in extract_document(Document(id="t", text=text)).statistics}


def test_a_figures_own_clause_may_name_its_subject() -> None:
    text = ("国家统计局组织开展的2021年全国群众安全感调查结果显示,湖南满意度达到98.76%,居全国前列。"
            "南昌市公安局110报警服务台接到群众报警称,西湖区路边停放的33辆汽车车窗被砸。"
            "九江市公安局联合多部门开展整治,抓获嫌疑人19名。")
    subjects = _subjects(text)
    assert subjects["达到98.76%"] == "湖南省"
    assert subjects["33辆"] == "南昌市西湖区"  # the 西湖区 of 南昌, which the sentence names
    assert subjects["19名"] == "九江市公安局"  # no name opens its clause: the sentence's subject
    assert _subjects("九江市公安局开展整治,在濂溪区抓获嫌疑人19名。") == {"19名": "九江市公安局"}  # 在濂溪区: where


def test_a_region_after_a_preposition_is_no_subject_of_the_figure() -> None:
    text = ("江西省推进平安建设。分宜县公安局走访企业120家。今年以来,始终保持对全县强迫交易、盗窃等违法犯罪行为的"
            "高压严打态势,破获侵财型刑事案件35起。鹰潭市全覆盖建立“一校一警”制度,完成589所学校安防改造。"
            "在全省率先完成1863个防溺水点位救援设施的建设任务。")
    subjects = _subjects(text)
    assert subjects["35起"] == "分宜县公安局"  # 对全县: the county is what is policed
    assert subjects["1863个"] == "鹰潭市"  # 在全省率先: a ranking, not the province's figure


def test_a_region_wide_reference_is_the_nearest_division_of_its_level() -> None:
    # a report on several cities: 全市 is the city it is at, not the one the document names most
    text = ("鹰潭市深化平安建设。鹰潭市公安局推进“一校一警”。鹰潭市群众安全感逐年提升。"
            "九江市聚焦矛盾纠纷源头化解。今年以来,全市化解矛盾纠纷1.2万件。")
    assert _subjects(text)["1.2万件"] == "九江市"


def test_a_sentence_without_figures_hands_its_subject_to_its_paragraph() -> None:
    text = ("江西省推进平安建设。\n"
            "鹰潭市公安局近期成立打击电诈专班。行动至今,共破获案件120起,抓获嫌疑人45名。\n"
            "走访群众3000户,收集意见建议200条。")
    subjects = _subjects(text)
    assert subjects["120起"] == subjects["45名"] == "鹰潭市公安局"
    assert subjects["3000户"] == "江西省"  # another paragraph: the body is not carried over


def _conductors(text: str) -> dict[str, str]:
    result = extract_document(Document(id="t", text=text))
    return {r.o[1]: r.s[1] for r in result.relations if r.p == "conducts"}


def test_a_provinces_campaign_is_its_police_departments_where_the_text_is_about_it() -> None:
    police = ("江西省公安厅召开新闻发布会,通报全省公安工作。\n江西省公安厅有关负责人介绍了打击犯罪的成效。\n"
              "江西省社会治安持续向好。以此为牵引,压茬推进缉枪治爆、“百日缉毒”及“云剑”等专项行动。\n")
    # 缉枪治爆, unquoted, is an item of the list that 等专项行动 closes
    assert _conductors(police) == {"缉枪治爆": "江西省公安厅", "百日缉毒": "江西省公安厅", "云剑": "江西省公安厅"}
    # named once, in passing: the campaign stays the province's
    passing = ("江西省推进平安建设,江西省公安厅派员参加。\n"
               "江西省社会治安持续向好。以此为牵引,压茬推进“百日缉毒”等专项行动。\n")
    assert _conductors(passing) == {"百日缉毒": "江西省"}


def test_region_wide_references_stay_in_the_documents_province() -> None:
    text = "江西省深化平安建设。萍乡市公安局与湖南省浏阳市公安局签订警务协作协议。\n今年以来,全市共破获刑事案件20起。"
    assert _subjects(text)["20起"] == "萍乡市"  # not 浏阳市, a county-level city of another province
    carried = "江西省推进平安建设。\n南昌市公安局近期成立专班。全省共破获刑事案件1200起。"
    assert _subjects(carried)["1200起"] == "江西省"  # 全省 before the figure: not the carried body's


def test_bodies_named_jointly_act_together() -> None:
    text = ("5年来,湖南省委、省政府坚持统筹发展和安全,把平安湖南建设纳入经济社会发展总体规划一体谋划推进。"
            "今年7月,丰城市平安办联合市公安局印发了《丰城市“母舅”驻所“码上”解纷非警务警情联动处置工作实施方案》。"
            "鹰潭市公安局在全省率先建设了“派出所主防”数字平台。")
    implements = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations
                  if r.p == "implements"}
    assert {("湖南省委", "平安湖南"), ("湖南省政府", "平安湖南")} <= implements
    assert {("丰城市平安办", "丰城市母舅驻所码上解纷非警务警情联动处置工作实施方案"),
            ("丰城市公安局", "丰城市母舅驻所码上解纷非警务警情联动处置工作实施方案")} <= implements
    # a place named after the body (在全省) is no partner of it
    assert {s for s, o in implements if o.startswith("派出所主防")} == {"鹰潭市公安局"}


def test_a_branch_named_for_a_district_is_in_that_district() -> None:
    text = ("上饶市公安局信州分局西市派出所民警蔡骏兴奋不已。今年7月6日晚,信州区发生一起盗窃车辆电瓶案件。"
            "九江市公安局信州分局也派员参加。")
    located = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations
               if r.p == "locatedIn"}
    assert ("上饶市公安局信州分局", "信州区") in located
    # 信州区 is a district of 上饶市, not of 九江市
    assert not [o for s, o in located if s == "九江市公安局信州分局" and o.endswith("信州区")]


def test_a_township_body_named_by_its_level_word_is_completed() -> None:
    text = "今年以来,萍乡市上栗县鸡冠乡积极拓宽与群众联系的渠道。据了解,该乡信访办公室开通了“便民服务直通车”。"
    result = extract_document(Document(id="t", text=text))
    assert ("Organization", "鸡冠乡信访办公室") in result.entities
    implements = {(r.s[1], r.o[1]) for r in result.relations if r.p == "implements"}
    assert implements == {("鸡冠乡信访办公室", "便民服务直通车")}  # not 萍乡市, the home place


def test_a_unit_set_up_later_in_the_sentence_is_not_the_subject() -> None:
    text = ("鹰潭市公安局锚定目标。同时,创新推行“合成作战中心”运行机制改革,依托“情指行”一体化平台,"
            "成立“7+N”工作专班,实现即时处置“秒级响应”。")
    implements = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations
                  if r.p == "implements"}
    assert not [s for s, _ in implements if s.startswith("7+N")]


def test_a_group_set_up_by_a_place_is_in_that_place() -> None:
    # dev 022 (Hebei): 宁晋县成立“爱帮嫂”志愿服务队
    text = "近年來,寧晉縣成立“愛幫嫂”志願服務隊,走村入戶化解矛盾糾紛。"
    result = extract_document(Document(id="t", text=text))
    facts = {(r.s[1], r.p, r.o[1]) for r in result.relations}
    assert ("爱帮嫂志愿服务队", "locatedIn", "宁晋县") in facts


def test_a_room_in_a_line_headed_by_a_place_is_in_that_place() -> None:
    # seed 001 (Jiangxi): the subheading 南昌市青山湖区——“老陶调解室”专解烦心事
    text = "南昌市青山湖區——“老陶調解室”專解煩心事\n“老陶調解室”負責人陶長林是一名退休民警。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("老陶调解室", "locatedIn", "青山湖区") in facts
    # a place that does not head the line places nothing
    text = "“老陶調解室”專解煩心事,南昌市青山湖區——群眾點讚。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert not any(s == "老陶调解室" and p == "locatedIn" for s, p, _ in facts)


def test_a_title_opening_a_clause_names_the_head_of_the_body_before() -> None:
    text = "石獅市公安局寶蓋派出所探索「警調聯動」模式,所長黃志明介紹,轄區可防性案件同比下降27%。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("黄志明", "affiliatedWith", "石狮市公安局宝盖派出所") in facts
    assert ("黄志明", "affiliatedWith", "石狮市公安局") not in facts  # 所长 heads a 所, not a 局
    text = "晉江市人民法院聯合晉江市公安局成立調解中心,所長黃志明說。"
    assert not [r for r in extract_document(Document(id="t", text=text)).relations if r.p == "affiliatedWith"]


def test_a_room_written_right_after_a_place_is_in_it() -> None:
    text = "蚌埠市禹會區張公山街道“老娘舅調解室”負責人王秀英已調解糾紛300餘起。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("老娘舅调解室", "locatedIn", "张公山街道") in facts
    assert not any(p == "locatedIn" and s == "刘钦牛调解室" for s, p, _ in
                   {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=SENTENCE)).relations})


def test_a_place_that_sets_the_scene_gives_way_to_the_body_that_acts() -> None:
    result = extract_document(Document(id="t", text="在六安市,市公安局開展“皖警反詐2025”專項行動,破獲電詐案件120起。"))
    facts = {(r.s[1], r.p, r.o[1]) for r in result.relations if r.p == "conducts"}
    assert facts == {("六安市公安局", "conducts", "皖警反诈2025")}
    assert [st.subject for st in result.statistics] == [("Organization", "六安市公安局")]
    # with no body after it, the place is who acts (seed 004: 在韶山市韶山乡,当地探索…)
    result = extract_document(Document(id="t", text="在韶山市韶山鄉,當地探索紅色引領平安建設模式。"))
    assert {(r.s[1], r.o[1]) for r in result.relations if r.p == "implements"} == {("韶山乡", "红色引领平安建设模式")}


def test_every_body_of_a_list_after_yu_works_with_the_subject() -> None:
    text = "喜洲派出所與喜洲鎮司法所、鎮綜治中心建立“三所聯動”機制。"
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "cooperatesWith"}
    assert facts == {("喜洲派出所", "喜洲镇司法所"), ("喜洲派出所", "喜洲镇综治中心")}


def test_after_a_speech_verb_the_reported_clause_names_who_acts() -> None:
    text = "桐城市委政法委書記吳海濤介紹,桐城市以“六尺巷”文化為依托,構建“1+15+N”矛盾糾紛化解體系。"
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "implements"}
    assert facts == {("桐城市", "1+15+N")}


def test_a_room_in_a_sentence_set_in_a_place_is_in_it() -> None:
    facts = {(r.s[1], r.p, r.o[1]) for r in
             extract_document(Document(id="t", text="在安海鎮,“阿嬤厝邊調解室”遠近聞名。")).relations}
    assert ("阿嬷厝边调解室", "locatedIn", "安海镇") in facts
    facts = {(r.s[1], r.p, r.o[1]) for r in
             extract_document(Document(id="t", text="在安海鎮,鎮司法所設立“阿嬤厝邊調解室”。")).relations}
    assert ("阿嬷厝边调解室", "subOrganizationOf", "安海镇司法所") in facts
    assert ("阿嬷厝边调解室", "locatedIn", "安海镇") not in facts  # a body houses it: that is where


def test_an_unquoted_room_named_after_a_place() -> None:
    result = extract_document(Document(id="t", text="“和為貴、讓為先。”桐城市六尺巷調解室調解員方玉梅說。"))
    assert ("MediationRoom", "桐城市六尺巷调解室") in result.entities
    assert ("方玉梅", "桐城市六尺巷调解室") in {(r.s[1], r.o[1]) for r in result.relations if r.p == "affiliatedWith"}
    result = extract_document(Document(id="t", text="重慶市公安局萬州區分局通過調解室化解糾紛。"))
    assert not [k for k in result.entities if k[0] == "MediationRoom"]  # 分局通过 is no name


def test_a_quoted_room_named_again_without_quotes_and_its_staff() -> None:
    text = ("走進百色市靖西市湖潤鎮綜治中心,一塊寫著“農大姐調解室”的木牌格外醒目。"
            "去年,農大姐調解室的瑤族調解員盤玉珍和法官一起化解糾紛。")
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("盘玉珍", "affiliatedWith", "农大姐调解室") in facts  # through 的瑶族调解员


def test_a_mountain_in_a_sites_name_is_no_place_of_the_text() -> None:
    result = extract_document(Document(id="t", text="天山網訊(記者 努爾蘭·吐爾遜)在伊寧市喀爾墩鄉,“桐桐”警民議事廳開門。"))
    assert ("Place", "天山") not in result.entities
    assert ("Organization", "天山网") in result.entities
    assert ("MediationRoom", "桐桐警民议事厅") in result.entities


def test_a_datelines_city_and_the_source_of_the_news_are_no_subjects() -> None:
    text = "新華社瀋陽11月20日電(記者 孫曉明)記者從遼寧省公安廳獲悉,今年以來,大連市公安局深入推進“斷卡”專項行動,破獲案件120起。"
    result = extract_document(Document(id="t", text=text))
    assert {(r.s[1], r.o[1]) for r in result.relations if r.p == "conducts"} == {("大连市公安局", "断卡")}
    assert [st.subject for st in result.statistics] == [("Organization", "大连市公安局")]
    text = "記者從吉林省委政法委獲悉,今年吉林省部署開展“平安吉林”專項行動。"
    result = extract_document(Document(id="t", text=text))
    assert {(r.s[1], r.o[1]) for r in result.relations if r.p == "conducts"} == {("吉林省", "平安吉林")}


def test_a_room_set_up_in_a_place_or_written_as_its_room_is_in_it() -> None:
    facts = {(r.s[1], r.p, r.o[1]) for r in
             extract_document(Document(id="t", text="三亞市司法局在潭門鎮設立「潭門漁家調解室」。")).relations}
    assert {("潭门渔家调解室", "subOrganizationOf", "三亚市司法局"), ("潭门渔家调解室", "locatedIn", "潭门镇")} <= facts
    facts = {(r.s[1], r.p, r.o[1]) for r in
             extract_document(Document(id="t", text="海口市美蘭區白龍街道的“老爸茶調解室”遠近聞名。")).relations}
    assert ("老爸茶调解室", "locatedIn", "白龙街道") in facts


def test_a_station_under_a_branch_written_short_is_a_unit_of_that_branch() -> None:
    text = "大連市公安局甘井子分局開展行動。今年6月,甘井子分局紅旗派出所成功偵破一起案件。"
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "subOrganizationOf"}
    assert ("甘井子分局红旗派出所", "大连市公安局甘井子分局") in facts


def test_a_programme_quoted_from_a_body_is_that_bodys() -> None:
    text = ("西寧市公安局開展行動。“我們將堅持和發展新時代‘楓橋經驗’,推動綜治中心規範化建設向鄉鎮延伸。”"
            "青海省委政法委有關負責人表示。")
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "implements"}
    assert facts == {("青海省委政法委", "枫桥经验")}
    text = "寧夏回族自治區公安廳召開會議。楊振華表示,2024年,全區公安機關將堅持和發展新時代“楓橋經驗”。"
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "implements"}
    assert facts == {("宁夏回族自治区公安厅", "枫桥经验")}


def test_units_listed_after_xiaxia_are_units_of_the_body_before() -> None:
    text = "重慶市公安局沙坪壩區分局推動“一村(社區)一警”全覆蓋,該分局下轄的磁器口派出所、井口派出所等12個派出所均設立了調解室。"
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "subOrganizationOf"}
    assert {("磁器口派出所", "重庆市公安局沙坪坝区分局"), ("井口派出所", "重庆市公安局沙坪坝区分局")} <= facts


def test_wosheng_reported_after_a_speech_verb_runs_the_programme() -> None:
    text = "河南省委政法委副書記李建華介紹,我省堅持和發展新時代“楓橋經驗”。"
    facts = {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "implements"}
    assert facts == {("河南省", "枫桥经验")}


def _affiliations(text: str) -> set[tuple[str, str]]:
    return {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations if r.p == "affiliatedWith"}


def test_the_staff_of_a_room_named_where_the_room_is() -> None:
    # the room before in the sentence, the title before the name or after it
    assert ("赵德胜", "老赵调解室") in _affiliations("在南湖街道“老趙調解室”,調解員趙德勝正在聽取雙方陳述。")
    assert ("钱玉兰", "和事佬工作室") in _affiliations("該所把“和事佬工作室”引進所內,由退休教師錢玉蘭擔任首席調解員。")
    # a sentence that opens with the room refers to the room named just before
    text = "在府前鎮,“老兵調解室”遠近聞名。調解室由5名退役軍人組成,負責人孫立國當過20年兵。"
    assert ("孙立国", "老兵调解室") in _affiliations(text)
    # a title alone, with the room named in another sentence, ties no one to it
    text = "在府前鎮,“老兵調解室”遠近聞名。鎮上召開座談會,負責人孫立國參加。"
    assert ("孙立国", "老兵调解室") not in _affiliations(text)


def test_a_mediator_known_by_the_name_of_the_room() -> None:
    text = "當陽市綜治中心設有“王姐調解工作室”。“王姐”名叫王春華,是一名退休教師。"
    assert ("王春华", "王姐调解工作室") in _affiliations(text)
    text = "楓橋派出所為他打造了“老楊調解工作室”。69歲的楊光明被當地人稱為“老楊”。"
    assert ("杨光明", "老杨调解工作室") in _affiliations(text)
    # two rooms the nickname could open: neither
    text = "鎮裡有“老楊調解工作室”和“老楊說事室”。69歲的楊光明被當地人稱為“老楊”。"
    assert not {o for p, o in _affiliations(text) if p == "杨光明"}


def test_the_founder_or_keeper_of_a_room_named_before_works_in_it() -> None:
    text = "老程調解室設在小崗村黨群服務中心,由退休教師程家寶於2019年創辦。"
    assert ("程家宝", "老程调解室") in _affiliations(text)
    assert ("罗德明", "老罗调解室") in _affiliations("花茂村還設立了“老羅調解室”,由退休鄉村醫生羅德明坐鎮調解。")
    # one who only coordinates is no member of the room
    assert not _affiliations("“老韓調解室”設在村委會,由鎮黨委書記王強負責協調。")


def test_a_nickname_said_with_a_pronoun_in_a_later_clause() -> None:
    text = "“老賈調解室”遠近聞名。今年68歲的賈福生當了30多年村幹部,村裡人都叫他“老賈”。"
    assert ("贾福生", "老贾调解室") in _affiliations(text)
    # two people named before it: 他 may be either
    text = "“老賈調解室”遠近聞名。今年68歲的賈福生和賈明華是鄰居,村裡人都叫他“老賈”。"
    assert not _affiliations(text)


def test_a_room_is_in_the_place_named_after_where_it_is_set_up() -> None:
    assert ("金大姐调解室", "locatedIn", "光东村") in _facts("“金大姐調解室”設在光東村,由金順姬坐鎮。")
    assert ("老程调解室", "locatedIn", "小岗村") in _facts("老程調解室設在小崗村黨群服務中心。")
    assert not {f for f in _facts("“老韓調解室”設在村委會。") if f[1] == "locatedIn"}


def test_a_name_that_opens_a_stations_name_is_the_place_not_a_person() -> None:
    text = "徐家井是永州市零陵区的老城中心。徐家井派出所所长周国良刚到任时,治安形势复杂。"
    people = {k[1] for k in extract_document(Document(id="t", text=text)).entities if k[0] == "Person"}
    assert people == {"周国良"}
    # a mediator whose room bears the name stays a person
    text = "“劉欽牛調解室”負責人劉欽牛已調解糾紛300餘起,劉欽牛說。"
    assert ("Person", "刘钦牛") in extract_document(Document(id="t", text=text)).entities


def test_bodies_stationed_in_a_governance_centre_are_its_units() -> None:
    def units(text: str) -> set[tuple[str, str]]:
        return {(r.s[1], r.o[1]) for r in extract_document(Document(id="t", text=text)).relations
                if r.p == "subOrganizationOf"}

    text = "順義區社會治安綜合治理中心今年啟用。走進區綜治中心一樓大廳,區信訪辦、區司法局等9個部門常駐辦公。"
    assert {("顺义区信访办", "顺义区社会治安综合治理中心"), ("顺义区司法局", "顺义区社会治安综合治理中心")} <= units(text)
    text = "城固縣整合縣信訪接待中心、縣公共法律服務中心等8個部門單位入駐縣綜治中心。"
    assert {("城固县信访接待中心", "城固县综治中心"), ("城固县公共法律服务中心", "城固县综治中心")} <= units(text)
    # one body before the verb is who moves in, not a list of the centre's units
    text = "城固縣公安局常駐縣綜治中心,每天安排民警值守。"
    assert ("城固县公安局", "城固县综治中心") not in units(text)


def test_a_unit_named_after_a_partial_name_takes_the_completed_name() -> None:
    result = extract_document(Document(id="t", text="吳橋縣。縣人民法院訴訟服務中心受理案件,市公安局刑偵支隊協助。"))
    orgs = {k[1] for k in result.entities if k[0] == "Organization"}
    assert "吴桥县人民法院诉讼服务中心" in orgs and "县人民法院诉讼服务中心" not in orgs


def test_a_station_named_after_a_township_is_in_it_and_a_unit_of_its_countys_bureau() -> None:
    text = ("豐城市公安局推進警務改革。在河洲鎮,河洲派出所與河洲司法所建立聯調機制。"
            "另據報道,南昌市西湖區桃源派出所試點分流機制,南昌市公安局西湖分局予以推廣。")
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("河洲派出所", "locatedIn", "河洲镇") in facts
    assert ("河洲司法所", "locatedIn", "河洲镇") in facts
    assert ("河洲派出所", "subOrganizationOf", "丰城市公安局") in facts
    # the county in its own name decides, not the bureau named last
    assert ("南昌市西湖区桃源派出所", "subOrganizationOf", "南昌市公安局西湖分局") in facts
    assert ("南昌市西湖区桃源派出所", "subOrganizationOf", "丰城市公安局") not in facts


def test_a_station_of_another_district_is_no_unit_of_the_bureau_named_before() -> None:
    text = "上饒市公安局信州分局開展行動。南昌市紅谷灘區的紅谷灘派出所推出便民服務。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert not {f for f in facts if f[0] == "红谷滩派出所" and f[1] == "subOrganizationOf"}


def test_a_township_of_a_report_on_one_county_lies_in_the_county_named_before() -> None:
    text = "近日,在南充市西充縣,群眾說起基層治理的變化。\n\n鳴龍鎮把全鎮劃分為83個網格。南台街道推行“三所聯調”。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert {("鸣龙镇", "locatedIn", "西充县"), ("南台街道", "locatedIn", "西充县")} <= facts
    # a township lies in a county or a city, never in another township named before it
    text = "桑園鎮綜治中心成立調解室。安陵鎮推行網格化管理。"
    facts = {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}
    assert ("安陵镇", "locatedIn", "桑园镇") not in facts


def _facts(text: str) -> set[tuple[str, str, str]]:
    return {(r.s[1], r.p, r.o[1]) for r in extract_document(Document(id="t", text=text)).relations}


def test_rules_of_this_change_stay_quiet_where_they_do_not_apply() -> None:
    """False alarms a review of the station, centre, township and nickname rules found."""
    # a township after a county of another province is not in that county
    facts = _facts("浙江省湖州市德清縣推進基層治理。\n\n在湖南,團結鎮推行積分制。")
    assert ("团结镇", "locatedIn", "德清县") not in facts
    # bodies stationed in a centre the text does not name as a governance centre
    facts = _facts("城固縣。縣綜治中心建成以來,縣信訪局、縣人社局等部門進駐縣政務服務中心。")
    assert not {f for f in facts if f[1] == "subOrganizationOf" and f[2] == "城固县综治中心"}
    # a nickname belongs to the person it is said of, not to another person of the sentence
    facts = _facts("“王姐”名叫王春華,她和丈夫李建國都是退休教師。當陽市設有“王姐調解工作室”。")
    assert ("王春华", "affiliatedWith", "王姐调解工作室") in facts
    assert ("李建国", "affiliatedWith", "王姐调解工作室") not in facts


def test_a_title_with_a_surname_is_not_someone_of_another_office() -> None:
    people = {k[1]: e for k, e in extract_document(Document(id="t", text="村民王大山與鄰居發生糾紛。王所長趕到現場調解。")).entities.items()
              if k[0] == "Person"}
    assert "王大山" in people and "王所长" not in people["王大山"].aliases
    assert all(e.role != "所长" for e in people.values())


def test_a_body_whose_head_leads_the_clause_works_with_the_bodies_after_the_verb() -> None:
    text = "駐鎮的昔陽縣公安局皋落派出所所長王建軍帶領民警與皋落鎮司法所、鎮綜治中心建立“三所聯調”機制。"
    facts = _facts(text)
    assert {("昔阳县公安局皋落派出所", "cooperatesWith", "皋落镇司法所"),
            ("昔阳县公安局皋落派出所", "cooperatesWith", "皋落镇综治中心")} <= facts
    # a head who speaks in another clause leads nothing after the comma
    assert not {f for f in _facts("縣公安局局長張三在會上表示,將與縣法院加強協作。") if f[1] == "cooperatesWith"}


def test_a_scene_set_by_a_place_and_its_seat_gives_way_to_the_body_that_acts() -> None:
    text = "在延邊州首府延吉市,市人民法院推行“法官進網格”,今年以來在訴前化解糾紛1.2萬餘件。"
    result = extract_document(Document(id="t", text=text))
    assert ("延吉市人民法院", "implements", "法官进网格") in {(r.s[1], r.p, r.o[1]) for r in result.relations}
    assert [s.subject[1] for s in result.statistics] == ["延吉市人民法院"]


def test_review_of_the_room_staff_cooperation_and_site_rules() -> None:
    """False alarms a review of this change's relation rules found."""
    # an official who leads or chairs the room's work is no member of it
    assert not _affiliations("“老韓調解室”設在村委會,由鎮黨委書記王強牽頭協調。")
    assert ("马长福", "老马调解室") in _affiliations("“老馬調解室”由退休幹部馬長福牽頭,吸納鄉賢參與。")
    # the nickname must hold the person's surname
    text = "“老賈調解室”遠近聞名。民警李剛告訴記者,村裡人都叫他“老賈”。"
    assert ("李刚", "老贾调解室") not in _affiliations(text)
    # a member of a body, not its head, speaks for no body
    assert not {f for f in _facts("昔陽縣公安局輔警張建國與昔陽縣人民法院發生糾紛。") if f[1] == "cooperatesWith"}
    # the room is in the last place of the chain after the verb
    facts = _facts("“金大姐調解室”設在延邊州龍井市東盛湧鎮光東村。")
    assert {f for f in facts if f[0] == "金大姐调解室" and f[1] == "locatedIn"} == {("金大姐调解室", "locatedIn", "光东村")}


def test_a_court_or_procuratorate_written_without_renmin_is_the_one_named_in_full() -> None:
    text = "穀城縣人民法院、穀城縣人民檢察院參加會議。縣法院、縣檢察院等部門力量下沉到鎮綜治中心。"
    orgs = {k[1] for k in extract_document(Document(id="t", text=text)).entities if k[0] == "Organization"}
    assert {"谷城县人民法院", "谷城县人民检察院"} <= orgs
    assert not {"谷城县法院", "谷城县检察院", "县法院", "县检察院"} & orgs


def test_a_village_lies_in_the_township_a_later_mention_names_before_it() -> None:
    text = "穀城堰河村:茶山上的平安守護\n8月的湖北省襄陽市穀城縣五山鎮堰河村,茶山連綿。"
    facts = _facts(text)
    assert ("堰河村", "locatedIn", "五山镇") in facts and ("堰河村", "locatedIn", "谷城县") not in facts


def test_a_peace_programme_named_for_a_division_is_that_divisions() -> None:
    """平安X is X's own programme: the province implements it, with its party committee or
    government where the sentence names them, not a department that reports on it; 平安中国
    is the nation's, which no province or body of one implements."""
    facts = _facts("云南省公安厅召开新闻发布会。今年以来,平安云南建设取得新成效。云南省委、省政府把平安云南建设纳入全省发展大局。"
                   "云南省坚持建设更高水平的平安中国。")
    implements = {(s, o) for s, p, o in facts if p == "implements"}
    assert ("云南省", "平安云南") in implements and ("云南省委", "平安云南") in implements
    assert ("云南省公安厅", "平安云南") not in implements
    assert not {s for s, o in implements if o == "平安中国"}


def test_the_secretary_of_a_bodys_party_group_with_a_second_title_heads_the_body_too() -> None:
    # Guizhou: 党组书记、检察长 — the procuratorate's party group and the procuratorate
    facts = _facts("遵义市人民检察院党组书记、检察长王志刚表示,将持续做实检调对接。")
    assert {("王志刚", "affiliatedWith", "遵义市人民检察院党组"), ("王志刚", "affiliatedWith", "遵义市人民检察院")} <= facts
    # one title: the party committee alone
    facts = _facts("遵义市公安局党委书记王志刚表示,将持续推进警务改革。")
    assert ("王志刚", "affiliatedWith", "遵义市公安局") not in facts


def test_divisions_listed_with_the_subject_implement_its_programme_too() -> None:
    # Guangdong: each county of the list built the platform; a body listed after them does not
    facts = _facts("惠州市推进平安建设。博罗县、龙门县分别建成“数字网格”指挥平台。")
    assert {("博罗县", "implements", "数字网格"), ("龙门县", "implements", "数字网格")} <= facts
    facts = _facts("惠州市推进平安建设。博罗县、惠州市公安局推广“警网融合”工作法。")
    assert ("惠州市公安局", "implements", "警网融合") not in facts


def test_a_citys_peace_programme_is_the_citys_even_written_short() -> None:
    # Guangdong: 平安韶关 (the city written short) is 韶关市's; no 平安X of a district (平安浈江)
    facts = _facts("廣東省韶關市推進平安建設。韶關市委政法委書記表示,全市將打造更高水平的平安韶關。"
                   "湞江區深入推進平安湞江建設。")
    implements = {(s, o) for s, p, o in facts if p == "implements"}
    assert ("韶关市", "平安韶关") in implements and ("广东省", "平安韶关") not in implements
    assert not {o for s, o in implements if o == "平安浈江"}


def test_a_place_written_right_before_a_quoted_model_is_the_one_whose_it_is() -> None:
    facts = _facts("贵州省委政法委推广各地经验,涌现了遵义“乡村积分制”、毕节“院坝调解会”等基层治理品牌。")
    assert {("遵义市", "implements", "乡村积分制"), ("毕节市", "implements", "院坝调解会")} <= facts
    assert ("贵州省委政法委", "implements", "院坝调解会") not in facts


def test_a_body_named_only_in_someones_office_does_not_act() -> None:
    facts = _facts("2004年,时任福建省委书记的卢展工指出,要坚持和发展“晋江经验”。")
    assert ("福建省委", "implements", "晋江经验") not in facts


def test_a_speakers_body_is_not_credited_with_what_it_reports() -> None:
    facts = _facts("“智慧警务中心”相关负责人介绍,特别是“我为群众办实事”实践活动开展以来,山西警方破获案件1200余起。")
    assert ("智慧警务中心", "conducts", "我为群众办实事") not in facts


def test_the_city_of_a_dateline_is_not_named_together_with_the_province() -> None:
    facts = _facts("新华社太原12月16日电 题:山西晋城:以“枫桥经验”化解矛盾\n山西省晋城市坚持和发展新时代“枫桥经验”。")
    assert ("太原市", "locatedIn", "山西省") not in facts
    assert ("晋城市", "locatedIn", "山西省") in facts


def test_an_officer_with_no_station_in_the_sentence_works_at_the_one_named_before_in_the_paragraph() -> None:
    facts = _facts("8月3日,游客王某来到贵阳市公安局南明分局花果园派出所。了解情况后,民警刘建新立即联系景区工作人员。")
    assert ("刘建新", "affiliatedWith", "贵阳市公安局南明分局花果园派出所") in facts


def test_a_room_with_no_host_in_its_sentence_is_in_the_governance_centre_named_before_in_its_paragraph() -> None:
    facts = _facts("走进昆明市官渡区社会治安综合治理中心,一楼设有接待大厅。在这里,“李大姐调解工作室”等特色调解室各展所长。")
    assert ("李大姐调解工作室", "subOrganizationOf", "昆明市官渡区社会治安综合治理中心") in facts


def test_a_place_or_body_in_a_leading_phrase_gives_way_to_the_subject_after_it() -> None:
    facts = _facts("针对贵阳数博会等大型活动,贵州公安构建起“全域联动”安保格局。")
    assert ("贵州省公安厅", "implements", "全域联动") in facts
    assert ("贵阳市", "implements", "全域联动") not in facts
    facts = _facts("在云南、四川等地警方的配合下,贵州省公安厅成功破获“3·15”特大电诈案。")
    assert not {f for f in facts if f[0] in ("云南省", "四川省") and f[1] in ("conducts", "implements")}
    # 作为…的一部分，: the body whose series it is does not run the campaign the clause's subject starts
    facts = _facts("作为山东省公安厅“夏夜安全”系列行动的一部分,今年夏季,青岛市公安局启动“清风2025”专项行动。")
    assert ("青岛市公安局", "conducts", "清风2025") in facts
    assert ("山东省公安厅", "conducts", "清风2025") not in facts


def test_a_bare_head_opening_a_clause_acts_as_the_body_of_that_head_named_before() -> None:
    facts = _facts("柳州市公安局鹧鸪江派出所地处城郊。派出所联合鹧鸪江镇综治中心推行“警调联动”机制。")
    assert ("柳州市公安局鹧鸪江派出所", "cooperatesWith", "鹧鸪江镇综治中心") in facts
    assert ("柳州市公安局鹧鸪江派出所", "implements", "警调联动") in facts


def test_a_person_titled_after_a_reference_to_a_body_works_there() -> None:
    # 该局副局长王海: the bureau 该局 refers to; 该局城关派出所所长: the station, not the bureau (Gansu)
    facts = _facts("陇西县公安局开展夏季治安巡查。该局副局长王海介绍,今年以来共接处警情2876起。")
    assert ("王海", "affiliatedWith", "陇西县公安局") in facts
    facts = _facts("陇西县公安局开展夏季治安巡查。该局城关派出所所长张军介绍,辖区警情下降。")
    assert ("张军", "affiliatedWith", "城关派出所") in facts
    assert ("张军", "affiliatedWith", "陇西县公安局") not in facts


def test_the_title_of_a_model_station_is_a_programme_not_a_station() -> None:
    # “枫桥式派出所” is the national model a station is named (Hainan); 该所 is the station itself
    facts = _facts("海口市公安局美兰分局白龙派出所是海南省首批“枫桥式派出所”之一。该所所长陈强介绍,派出所推行警网融合。")
    assert ("海口市公安局美兰分局白龙派出所", "implements", "枫桥式公安派出所") in facts
    assert ("陈强", "affiliatedWith", "海口市公安局美兰分局白龙派出所") in facts


def test_bodies_stationed_in_the_centre_the_sentence_before_names() -> None:
    # 建成…的县综治中心。目前，县公安局…等6个部门常驻 (Jilin): units of that centre, the count its
    text = "伊通满族自治县于去年建成面积1800平方米的县综治中心。目前,县公安局、县司法局等6个部门常驻。"
    result = extract_document(Document(id="t", text=text))
    centre = ("Organization", "伊通满族自治县综治中心")
    assert {(r.s[1], r.p, r.o) for r in result.relations if r.p == "subOrganizationOf"} == {
        ("伊通满族自治县公安局", "subOrganizationOf", centre), ("伊通满族自治县司法局", "subOrganizationOf", centre)}
    assert [(st.subject, st.value) for st in result.statistics] == [(centre, "6个")]


def test_a_bare_head_word_that_is_no_reference_gives_no_fact() -> None:
    # 中心卫生院 is a word of its own, not the centre named before (Fujian)
    facts = _facts("沙县区社会治安综合治理中心于今年投入运行。\n中心卫生院联合沙县区公安局夏茂派出所开展反诈宣传。")
    assert not {f for f in facts if f[0] == "沙县区社会治安综合治理中心" and f[1] == "cooperatesWith"}
    # a definition speaks of every station, not of the one named before (Yunnan)
    text = "宁洱县公安局磨黑派出所推行警调联动。\n派出所是公安机关最基层的单位,承担着约七成的警情处置任务。"
    assert extract_document(Document(id="t", text=text)).statistics == []


def test_a_body_opening_a_later_clause_runs_what_that_clause_names_and_owns_its_figures() -> None:
    # the city's bureau deploys the series; the county's bureau opens the clause of its campaign (Henan)
    text = "洛阳市公安局部署开展“利剑”系列专项行动，汝阳县公安局在“利剑3号”专项行动中重点整治治安乱点，共破获盗窃案件41起。"
    result = extract_document(Document(id="t", text=text))
    conducts = {(r.s[1], r.o[1]) for r in result.relations if r.p == "conducts"}
    assert conducts == {("洛阳市公安局", "利剑"), ("汝阳县公安局", "利剑3号")}
    assert [(st.subject[1], st.value) for st in result.statistics] == [("汝阳县公安局", "41起")]


def test_the_court_that_该庭_refers_to_works_with_its_partners() -> None:
    facts = _facts("在坐落于宁德市蕉城区的蕉城区人民法院城南人民法庭,法官调解了一起纠纷。"
                   "城南人民法庭庭长林华介绍,该庭与蕉城区公安局城南派出所、城南镇司法所建立联席会议制度。")
    assert {("蕉城区人民法院城南人民法庭", "cooperatesWith", "蕉城区公安局城南派出所"),
            ("蕉城区人民法院城南人民法庭", "cooperatesWith", "城南镇司法所")} <= facts


def test_a_person_works_in_the_room_named_for_them() -> None:
    # 老马调解室 and 马志明, 秀英调解室 and 农秀英 (Yunnan, Guangxi): named for them, in their paragraph
    facts = _facts("个旧市城区设立了“老马调解室”。退休民警马志明每天坐在这里调解纠纷。")
    assert ("马志明", "affiliatedWith", "老马调解室") in facts
    facts = _facts("靖西市设立了“秀英调解室”。农秀英是村里的老党员,乡亲们有了矛盾都来找她。")
    assert ("农秀英", "affiliatedWith", "秀英调解室") in facts
    # two people the name fits: neither
    facts = _facts("个旧市城区设立了“老马调解室”。退休民警马志明和民警马建华每天在这里调解纠纷。")
    assert not {f for f in facts if f[2] == "老马调解室" and f[1] == "affiliatedWith"}


def test_partners_of_a_body_named_by_its_bare_head_implement_with_it() -> None:
    # 派出所与孟定镇司法所、孟定镇综治中心建立…机制 (Yunnan): the station 派出所 stands for and both partners
    facts = _facts("临沧市公安局耿马分局孟定派出所地处边境。派出所与孟定镇司法所、孟定镇综治中心建立“三所一中心”联动机制。")
    assert {(body, "implements", "三所一中心") for body in
            ("临沧市公安局耿马分局孟定派出所", "孟定镇司法所", "孟定镇综治中心")} <= facts


def test_a_committees_unit_named_in_a_chain_of_titles_lies_in_its_division() -> None:
    # 甘谷县委常委、政法委书记 (Gansu): 甘谷县委政法委 lies in 甘谷县, as when written in one piece
    facts = _facts("甘谷县委常委、政法委书记王强表示,将深化平安建设。")
    assert {("甘谷县委政法委", "locatedIn", "甘谷县"), ("甘谷县委政法委", "subOrganizationOf", "甘谷县委")} <= facts


def test_a_campaign_of_a_year_is_part_of_the_series_the_text_names() -> None:
    # “清朗2025” after 之, with no head of its own, is a campaign of the “清朗” series (Jilin)
    facts = _facts("今年以来,延吉市公安局深入推进“清朗”系列专项行动之“清朗2025”,共破获涉网案件41起。")
    assert {("清朗2025", "partOf", "清朗"), ("延吉市公安局", "conducts", "清朗2025")} <= facts
    facts = _facts("敦化市公安局启动“昆仑2025”专项行动。作为公安部“昆仑”系列专项行动的一部分,今年的行动突出全链条打击。")
    assert ("昆仑2025", "partOf", "昆仑") in facts


def test_a_body_named_after_a_river_and_a_city_lies_in_the_city() -> None:
    facts = _facts("武汉市长江联合执法队开展夜间巡查。")
    assert ("武汉市长江联合执法队", "locatedIn", "武汉市") in facts
    assert ("武汉市长江联合执法队", "locatedIn", "长江") not in facts


def test_a_village_without_a_township_lies_in_the_county_named_before_it_in_its_paragraph_only() -> None:
    assert ("游山村", "locatedIn", "婺源县") in _facts("婺源县遭遇特大暴雨。游山村村民连夜转移。")
    # the county ends the line before: another paragraph
    assert ("游山村", "locatedIn", "婺源县") not in _facts("游客来到婺源县\n游山村村民连夜转移。")
