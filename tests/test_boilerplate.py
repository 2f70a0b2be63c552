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
