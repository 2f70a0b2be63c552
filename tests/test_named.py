from kg.named import find_named
from kg.normalise import normalise


def _named(text: str) -> dict[str, str]:
    return {m.name: m.type for m in find_named(normalise(text))}


def test_numbered_campaign_with_head() -> None:
    found = find_named(normalise("持續開展“長風7號”專項行動,全省電詐案件立案數下降"))
    assert [(m.name, m.type) for m in found] == [("长风7号", "Campaign")]
    assert "长风7号专项行动" in found[0].aliases


def test_sibling_quotes_share_the_head() -> None:
    found = _named("開展“昆侖”“平安水域”“清網護鳥”等專項行動,有力維護湖區持續和諧穩定")
    assert found == {"昆仑": "Campaign", "平安水域": "Campaign", "清网护鸟": "Campaign"}


def test_programme_and_room_heads() -> None:
    found = _named("我省堅持以新時代“楓橋經驗”江西實踐為抓手。樟樹市綜治中心整合“劉欽牛調解室”")
    assert found["枫桥经验"] == "Program"
    assert found["刘钦牛调解室"] == "MediationRoom"


def test_slogans_and_speech_are_not_names() -> None:
    found = _named("以“零容忍”態度,形成“不敢犯、不能犯、不想犯”的高壓態勢。他說:“問題解決了嗎?”")
    assert found == {}


def test_unquoted_campaign_after_verb() -> None:
    assert _named("開展校園消防安全專項整治,檢查涉校場所") == {"校园消防安全专项整治": "Campaign"}


def test_simplified_campaign_with_space_inside_quotes() -> None:
    text = "今年以来,分宜县公安局聚焦经济社会高质量发展目标,以“百警进百企 护航助发展”活动为抓手,瞄准民生所向。"
    assert _named(text) == {"百警进百企 护航助发展": "Campaign"}


def test_simplified_series_of_campaigns() -> None:
    text = "压茬推进缉枪治爆、“百日缉毒”及“云电”“云剑”“长风”系列打击治理电信网络诈骗攻坚等专项行动。"
    found = _named(text)
    assert found["长风"] == "Campaign"
    assert found["云剑"] == "Campaign"


def test_quoted_items_of_an_enumeration_take_the_head_that_ends_it() -> None:
    norm = normalise("与此同时,各级积极完善社会治安防控体系,推进“利剑护蕾”、禁毒“清源断流”、打击电信网络诈骗和养老诈骗整治等专项行动。"
                     "推广“枫桥经验”、“浦江经验”,化解矛盾纠纷。")
    found = {m.name: m.type for m in find_named(norm)}
    assert found["利剑护蕾"] == found["清源断流"] == "Campaign"
    assert found.get("枫桥经验") != "Campaign"  # no head ends that enumeration
    # a quoted name that is no item of the list; a 等 inside a word (平等) ends no list
    assert _named("各地借鉴“枫桥经验”开展电诈、养老诈骗等专项行动。").get("枫桥经验") != "Campaign"
    assert _named("推进“利剑护蕾”、平等保护未成年人权益等专项行动。")["利剑护蕾"] == "Campaign"


def test_unquoted_items_of_a_list_closed_by_a_class_noun() -> None:
    # 等 + a class noun says what the items are; a kind of body (基层党组织) is no named thing
    found = _named("深入推进领导干部述法考评、基层执法评议、公民法治驿站等一批创新性做法。"
                   "开展打击非法集资和跨境赌博整治等专项行动。依托基层党组织和“红色管家”等社会组织化解纠纷。")
    assert {k: found[k] for k in ("领导干部述法考评", "基层执法评议", "公民法治驿站")} == dict.fromkeys(
        ("领导干部述法考评", "基层执法评议", "公民法治驿站"), "Program")
    assert found["打击非法集资"] == found["跨境赌博整治"] == "Campaign"
    assert not any("等" in name for name in found)  # not one campaign 打击非法集资和跨境赌博整治等专项行动
    assert "基层党组织" not in found
    # the first item sheds the clause's subject and verb
    assert set(_named("各地统筹推进打击非法集资、跨境赌博整治等专项行动。")) == {"打击非法集资", "跨境赌博整治"}
    # steps of a mechanism are no mechanisms of their own
    assert not {"联合研判", "定期报告"} & set(_named("建立联合研判、定期报告、督查督办等工作机制。"))


def test_a_title_that_sets_up_a_programme_is_that_programme() -> None:
    found = _named("市平安办印发《矛盾纠纷多元化解联动处置工作实施方案》。省委出台《关于加强基层治理的指导意见》。")
    assert found["矛盾纠纷多元化解联动处置工作实施方案"] == "Program"
    assert not any("指导意见" in name for name in found)


def test_a_quoted_name_tied_by_de_to_a_programme_head() -> None:
    found = _named("构建“全链条打击、全方位防范”的打击治理工作体系。")
    assert found["全链条打击、全方位防范"] == "Program"


def test_lists_split_between_items_only_and_each_list_on_its_own() -> None:
    # 和谐, 及时 are words, not separators; only the first item sheds a leading verb (出租屋 keeps 出)
    assert set(_named("推进平安和谐社区创建、校园周边整治等专项行动。")) == {"平安和谐社区创建", "校园周边整治"}
    assert "矛盾纠纷及时就地化解" in _named("推行矛盾纠纷及时就地化解、网格排查等工作模式。")
    assert "出租屋消防安全整治" in _named("开展出租屋消防安全整治、电动车充电整治等专项整治。")
    # two lists in one clause: each item once, with its own list's class
    found = _named("开展打击非法集资和跨境赌博整治等专项行动和领导干部述法考评、基层执法评议等一批创新性做法。")
    assert found == {"打击非法集资": "Campaign", "跨境赌博整治": "Campaign",
                     "领导干部述法考评": "Program", "基层执法评议": "Program"}
    # a long run of lists without punctuation: each list read once (it was re-split from the start)
    mentions = find_named(normalise("打击盗窃和整治诈骗等专项行动" * 200))
    assert len(mentions) == len({(m.start, m.end) for m in mentions}) == 400


def test_titles_and_verbs_before_quotes() -> None:
    assert not _named("印发《实施方案》。")  # the head alone names nothing
    assert not _named("印发《关于加强基层治理工作的实施方案》。")  # a document about something
    assert _named("该局推出“码上办”。") == {"码上办": "Program"}  # 推出 stays a verb


def test_formed_network_is_a_programme_a_formed_problem_is_not() -> None:
    # 构建形成“三级网络” (dev 004, Jiangsu) and 形成“一网统管” (dev 014, Gansu) name what was built;
    # 形成“信息烟囱” names the problem it replaced (problem_words.txt)
    assert _named("各级综治中心已全面铺开,构建形成“三级网络”。") == {"三级网络": "Program"}
    assert _named("以综治中心为中枢,形成“一网统管”的“智慧新生态”;") == {"一网统管": "Program"}
    assert _named("数据分散在各个独立系统,形成“信息烟囱”。") == {}
    assert _named("打破“数据孤岛”,推行“码上办”。") == {"码上办": "Program"}


def test_a_counted_kind_is_no_named_thing() -> None:
    assert _named("全區已建成“一站式”矛盾糾紛調解中心12個。") == {}
    assert _named("樟樹市綜治中心整合“劉欽牛調解室”。") == {"刘钦牛调解室": "MediationRoom"}


def test_heads_of_methods_groups_and_creation() -> None:
    found = _named("運用法理情理心理道理“四理融合”解紛法,開展“無訟社區”創建。這套「三道茶調解法」是金花調解室的招牌。"
                   "組建了由群眾組成的“邊民護邊隊”,岩溫是「金孔雀調解隊」的成員。")
    assert found == {"四理融合解纷法": "Program", "无讼社区": "Program", "三道茶调解法": "Program",
                     "边民护边队": "Organization", "金孔雀调解队": "Organization"}
    # a quoted room keeps its own kind in a list a programme head closes (seed 000)
    found = _named("整合“劉欽牛調解室”、入駐該中心的林業局、自然資源局及律師等多元解紛法治力量")
    assert found == {"刘钦牛调解室": "MediationRoom"}


def test_promoting_and_bringing_in_a_quoted_name_makes_it_a_programme() -> None:
    assert _named("沙坪壩區分局推動“一村(社區)一警”全覆蓋。") == {"一村(社区)一警": "Program"}
    assert _named("街道綜治中心引入“法律明白人”隊伍。") == {"法律明白人": "Program"}
    assert _named("推動“機關幹部、鎮村幹部、專職力量”四支隊伍下沉。") == {}  # a list, no name


def test_a_heads_tail_stops_at_a_count() -> None:
    found = _named("周永良調解工作室以及“老娘舅”家事調解室2個品牌工作室各展所長")
    assert found == {"老娘舅家事调解室": "MediationRoom"}


def test_shuoheshi_rooms_and_liandong_programmes() -> None:
    assert _named("巴彥庫仁鎮“老劉說和室”調解糾紛。派出所開展“警調聯動”。") == {
        "老刘说和室": "MediationRoom", "警调联动": "Program"}


def test_a_head_right_after_the_quote_names_its_kind_before_a_verb() -> None:
    from kg.extract import extract_document
    from kg.model import Document

    def kinds(text: str) -> set[tuple[str, str]]:
        return {k for k in extract_document(Document(id="t", text=text)).entities if k[0] != "Place"}

    found = kinds("坡頭派出所與坡頭鎮“海風”調解室建立警調對接機制。")
    assert ("MediationRoom", "海风调解室") in found and ("Program", "海风") not in found
    # no verb between: the longer head holds (a task force, not a campaign)
    assert ("Organization", "断源行动工作专班") in kinds("省公安廳近期成立“斷源”行動工作專班,集群打擊。")
    assert ("MediationRoom", "九嶷和事堂") in kinds("該所還與灣井鎮「九嶷和事堂」建立聯動機制。")


def test_one_per_unit_slogans_and_ping_an_names_are_programmes() -> None:
    assert _named("疏附縣構建“一村一警一調解室”矛盾糾紛化解網絡。") == {"一村一警一调解室": "Program"}
    assert _named("全州縣推行“一中心一張網一平台”。")["一中心一张网一平台"] == "Program"
    assert _named("鳳陽縣把“平安鄉村”建設作為鄉村振興的重要內容。") == {"平安乡村": "Program"}
    # a quoted word before 建设 is no programme of its own
    assert "微单元" not in _named("加強樓棟村組“微網格”、專屬網格“微單元”建設。")


def test_review_of_the_slogan_and_prefix_rules() -> None:
    """False alarms a review of this change's programme rules found."""
    assert _named("該鎮組建“平安巡邏隊”開展夜巡。") == {"平安巡逻队": "Organization"}
    assert _named("村裡設立了“平安調解室”。") == {"平安调解室": "MediationRoom"}
    assert _named("他被聘為“法治副校長”。") == {}
    assert _named("民警把群眾的“一點一滴”放在心上。") == {}
    assert _named("村裡設立“一心一意調解室”。") == {"一心一意调解室": "MediationRoom"}
