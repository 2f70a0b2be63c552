from kg.boilerplate import mask
from kg.extract import extract_document
from kg.model import Document
from kg.normalise import normalise

from .conftest import source_text

DOC003 = "003_08c9117cd2760bfe"


def test_site_footer_of_seed_003_gives_no_entities() -> None:
    text = source_text(DOC003)
    result = extract_document(Document(id=DOC003, text=text))
    names = {k[1] for k in result.entities if result.entities[k].docs}
    assert not names & {"北京市", "东城区", "西城区", "中国互联网协会"}
    assert {"江西省公安厅", "井冈山市公安局茨坪派出所"} <= names  # the article itself is still read


def test_masking_keeps_length_and_the_article() -> None:
    text = "您的位置:首页 > 新闻\n九江市公安局开展专项行动,抓获19人。\n返回栏目[责任编辑:某网]\n联系电话:0792-1234567\n"
    norm = normalise(text)
    masked = mask(norm)
    assert len(masked) == len(norm)
    assert "九江市公安局开展专项行动" in masked
    assert "首页" not in masked and "联系电话" not in masked and "责任编辑" not in masked


def test_a_text_without_chrome_is_untouched() -> None:
    norm = normalise(source_text("000_f859df1bf64bd70c"))
    assert mask(norm) == norm


def test_the_chrome_ending_an_info_line_is_masked_and_the_byline_kept() -> None:
    text = source_text("004_c6b3dc235498e75c")
    line = next(x for x in text.splitlines() if "阅读:" in x)
    assert "张家界日报" in line  # 2022-07-22 06:30:46  来源:湖南日报  作者:张斌 伍品倩 廖慧婷  阅读: 张家界日报社微信
    masked = mask(normalise(text))
    assert len(masked) == len(text) and "张家界" not in masked and "作者:张斌 伍品倩 廖慧婷" in masked
    result = extract_document(Document(id="004", text=text))
    assert ("Organization", "张家界日报") not in result.entities
    assert {("Person", "伍品倩"), ("Organization", "湖南日报")} <= set(result.entities)
    assert not [r for r in result.relations if "张家界" in r.o[1]]


def test_a_line_of_the_article_that_says_点击_is_kept() -> None:
    text = "江西省公安厅推出便民服务。\n市民可点击:“赣服通”平台查询办事进度。\n"
    assert mask(normalise(text)) == normalise(text)
