"""Any input: every usual encoding decoded, HTML and Markdown reduced to the article, bad files
refused with one line that names the file and the reason."""
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources import MAX_BYTES, read_source

DATA = Path(__file__).parent / "data"
SIMPLIFIED = (DATA / "encodings" / "expected-simplified.txt").read_text(encoding="utf-8")
TRADITIONAL = (DATA / "encodings" / "expected-traditional.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name,expected", [
    ("utf8.txt", SIMPLIFIED), ("utf8-bom.txt", SIMPLIFIED), ("utf16.txt", SIMPLIFIED),
    ("gb18030.txt", SIMPLIFIED), ("gbk.txt", SIMPLIFIED), ("big5.txt", TRADITIONAL), ("crlf.txt", SIMPLIFIED),
])
def test_encodings_are_detected(name: str, expected: str) -> None:
    assert read_source(DATA / "encodings" / name).text == expected


@pytest.mark.parametrize("name,reason", [
    ("empty.txt", "empty file"), ("blank.txt", "empty file"), ("binary.txt", "binary file"),
    ("english.txt", "not Chinese text"), ("image.html", "binary file"),
])
def test_bad_input_is_refused_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(SourceError) as e:
        read_source(DATA / "bad-input" / name)
    message = str(e.value)
    assert message.startswith(str(DATA / "bad-input" / name) + ": ")
    assert reason in message and "\n" not in message


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.seek(MAX_BYTES + 1)
        f.write(b"\n")
    with pytest.raises(SourceError, match="over the 20 MB limit"):
        read_source(big)


def test_html_keeps_the_article_and_drops_the_site_chrome() -> None:
    source = read_source(DATA / "html" / "article.html")
    assert "抓获犯罪嫌疑人19人" in source.text and "刘钦牛调解室" in source.text
    for boilerplate in ("联系电话", "0792-8888888", "新闻中心", "ICP备"):
        assert boilerplate not in source.text
    assert source.meta["title"].startswith("九江市公安局开展“昆仑”专项行动")
    assert source.meta["date"] == "2024-05-06"
    assert source.meta["publisher"] == "平安九江网"
    assert source.meta["url"] == "https://example.org/news/2024/0506.html"


def test_markdown_markup_is_removed() -> None:
    text = read_source(DATA / "markdown" / "article.md").text
    assert "#" not in text and "**" not in text and "](" not in text
    assert "九江市公安局开展“昆仑”专项行动" in text and "近日,九江市公安局开展" in text


def test_manifest_lists_every_seed_with_what_its_text_states() -> None:
    from kg.sources import read_manifest

    from .conftest import SOURCES

    manifest = read_manifest(SOURCES)
    assert set(manifest) == {p.stem for p in SOURCES.glob("*.txt")}
    for doc_id, entry in manifest.items():
        assert set(entry) >= {"id", "title", "publisher", "date", "url"}
        text = (SOURCES / f"{doc_id}.txt").read_text(encoding="utf-8")
        for field in ("publisher", "date"):
            assert entry[field] == "" or entry[field] in text, (doc_id, field)
        assert all(part in text for part in entry["title"].split("——")), doc_id
    assert manifest["003_08c9117cd2760bfe"]["date"] == "2022-08-18"
    assert manifest["004_c6b3dc235498e75c"]["publisher"] == "湖南日报"


def test_a_date_that_is_no_calendar_date_is_not_typed_as_one(tmp_path: Path) -> None:
    import warnings

    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS, XSD

    from kg.build import build
    from kg.sources import metadata_from_text

    assert metadata_from_text("标题\n2023年2月30日 记者报道 2023年3月1日")["date"] == "2023-03-01"
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("江西省公安厅开展“长风”行动,抓获犯罪嫌疑人100名。", encoding="utf-8")
    (src / "sources.toml").write_text('[[document]]\nid = "a"\ndate = "2023-02-30"\n', encoding="utf-8")
    build(src, tmp_path / "out")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = Graph().parse(tmp_path / "out" / "graph.ttl")
    dates = list(g.objects(None, DCTERMS.date))
    assert dates == [Literal("2023-02-30")] and dates[0].datatype != XSD.date


def test_only_calendar_dates_count_as_dates() -> None:
    from kg.sources import is_date

    assert is_date("2024-02-29") and not is_date("2023-02-29")
    assert not is_date("2024-W01-1") and not is_date("20240101") and not is_date("2024-1-01")


def test_invisible_characters_are_dropped_so_names_stay_whole() -> None:
    from kg.extract import extract_document
    from kg.model import Document
    from kg.sources import parse_source

    raw = "南昌市\u200b公安局开展“天\u200c网”专项行动。江西省公安厅开展“天网”专项行动,\u202e破获案件12起\u202c。"
    text = parse_source(raw.encode("utf-8"), "t.txt").text
    assert not any(c in text for c in "\u200b\u200c\u202e\u202c")
    result = extract_document(Document(id="t", text=text))
    assert [k for k in result.entities if k[0] == "Campaign"] == [("Campaign", "天网")]
    conducts = {r.s[1] for r in result.relations if r.p == "conducts"}
    assert "南昌市公安局" in conducts and "南昌市" not in conducts


def test_text_in_two_encodings_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(("江西省公安厅开展“长风”专项行动,破获案件120起。\n" * 20).encode("utf-8")
                     + "江西省南昌市公安局开展行动。\n".encode("gb18030"))
    with pytest.raises(SourceError, match="mixed encodings: UTF-8 up to line 21"):
        read_source(path)
