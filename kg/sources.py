"""Reading source documents: plain text, HTML or Markdown in any usual encoding, a folder of
.txt files, and its manifest (sources.toml). Bad input gets one clear line naming the file."""
from __future__ import annotations

import codecs
import datetime
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ManifestError, SourceError
from .model import Document

MANIFEST = "sources.toml"
SOURCE_SUFFIXES = (".txt",)
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown")
MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: no news article comes near, a mistaken dump would stall a build."""
MANIFEST_FIELDS = ("title", "publisher", "date", "url")

_DATE = re.compile(r"(20\d{2}|19\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})日?")
_PUBLISHER = re.compile(r"(?:来源|來源|稿源)\s*[:：/]\s*([^\s|]{2,20})")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass
class SourceText:
    """A decoded input file: its text and what it says about itself."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    encoding: str = ""


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Text and encoding of a file: a BOM decides (UTF-8/16/32), else strict UTF-8, else the
    encoding charset-normalizer finds most likely among the Chinese ones (GB18030, Big5…)."""
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(enc), path), enc
            except UnicodeDecodeError as e:
                raise SourceError(f"{path}: starts with a {enc} byte-order mark but is not {enc}") from e
    utf8_error: UnicodeDecodeError | None = None
    if b"\x00" not in data:
        try:
            return _clean(data.decode("utf-8"), path), "utf-8"
        except UnicodeDecodeError as e:
            utf8_error = e
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be", "utf_8"]).best()
    if best is None or best.encoding is None:
        if utf8_error is not None and utf8_error.start > len(data) // 10:
            # mostly UTF-8, then something else: text pasted together from files of two encodings
            line = data.count(b"\n", 0, utf8_error.start) + 1
            raise SourceError(f"{path}: mixed encodings: UTF-8 up to line {line}, then not (save it as one encoding)")
        raise SourceError(f"{path}: binary file, not text (not UTF-8, UTF-16, GB18030 or Big5)")
    return _clean(str(best), path), best.encoding


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_control(text: str) -> str:
    """``text`` without control characters other than tab and newline (they carry nothing and
    break XML- and Turtle-based tools), nor invisible ones: zero-width spaces and joiners, soft
    hyphens, direction marks and overrides. Those split one name into two (天\u200c网) or
    reverse what a terminal shows of a label."""
    return _CONTROL.sub("", text)


def _clean(text: str, path: str) -> str:
    if "\x00" in text:
        raise SourceError(f"{path}: binary file, not text")
    return strip_control(text.replace("\r\n", "\n").replace("\r", "\n"))


def check_chinese(text: str, path: str) -> None:
    """Refuse a text with (almost) no Chinese in it: the extractors have nothing to read."""
    cjk = len(_CJK.findall(text))
    if cjk < 10 or cjk < 0.05 * len(text.strip()):
        raise SourceError(f"{path}: not Chinese text ({cjk} Chinese characters)")


def read_source(path: Path) -> SourceText:
    """Any input file (.txt, .html/.htm, .md) as text and the metadata it states."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{path}: {size / 1e6:.1f} MB is over the {MAX_BYTES // (1024 * 1024)} MB limit")
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror})") from e
    return parse_source(data, str(path), path.suffix.lower())


def parse_source(data: bytes, name: str, suffix: str = ".txt") -> SourceText:
    """Decode and, for HTML and Markdown, reduce to the article's text."""
    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    text, encoding = decode(data, name)
    looks_html = suffix in (".html", ".htm") or (suffix == ".txt" and re.match(r"\s*<(!doctype|html)", text, re.I))
    if looks_html:
        text, meta = html_to_text(text, name)
    else:
        if suffix in (".md", ".markdown"):
            text = markdown_to_text(text)
        meta = metadata_from_text(text)
    check_chinese(text, name)
    return SourceText(text, meta, encoding)


def html_to_text(html: str, name: str) -> tuple[str, dict[str, str]]:
    """The main text of a web page (navigation, footers and other boilerplate dropped, with
    trafilatura) and its title, date, site name and canonical URL."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not text:
        raise SourceError(f"{name}: no article text found in the HTML")
    meta: dict[str, str] = {}
    md = trafilatura.extract_metadata(html)
    if md is not None:
        for key, value in (("title", md.title), ("date", md.date), ("publisher", md.sitename), ("url", md.url)):
            if value:
                meta[key] = str(value)
    for key, value in metadata_from_text(text).items():
        meta.setdefault(key, value)
    return text, meta


def markdown_to_text(text: str) -> str:
    """Markdown markup removed (headings, emphasis, links, images), the words kept."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    return text


def is_date(value: str) -> bool:
    """Is ``value`` a real calendar date written YYYY-MM-DD (what xsd:date accepts)?"""
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and datetime.date.fromisoformat(value) is not None
    except ValueError:
        return False


def metadata_from_text(text: str) -> dict[str, str]:
    """Title, date and publisher as the text states them (first line, a date or 来源 line)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    meta = {"title": lines[0][:120]} if lines else {}
    for m in [*_DATE.finditer(text[:600]), *_DATE.finditer(text[-400:])]:
        date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if is_date(date):  # 2月30日 is a typo, not a date
            meta["date"] = date
            break
    p = _PUBLISHER.search(text)
    if p:
        meta["publisher"] = p.group(1)
    return meta


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Per-document metadata from ``folder/sources.toml`` ([[document]] tables with an id)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ManifestError(f"{path}: {e}") from e
    out = {}
    for entry in data.get("document", []):
        if "id" not in entry:
            raise ManifestError(f"{path}: a [[document]] entry has no id")
        if str(entry["id"]) in out:
            raise ManifestError(f"{path}: two [[document]] entries have the id {entry['id']!r}")
        out[str(entry["id"])] = {k: str(v) for k, v in entry.items()}
    return out


def _toml_string(value: str) -> str:
    out = []
    for c in value:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or c == "\x7f":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def format_manifest(entries: dict[str, dict[str, str]]) -> str:
    """sources.toml for these entries, in id order."""
    parts = ["# Metadata of the documents in this folder (written by `kg add`; edit freely).\n"
             "# A manifest entry is authoritative: an empty field means unknown.\n"]
    for doc_id in sorted(entries):
        e = entries[doc_id]
        lines = ["[[document]]", f"id = {_toml_string(doc_id)}"]
        lines += [f"{k} = {_toml_string(e.get(k, ''))}" for k in MANIFEST_FIELDS]
        lines += [f"{k} = {_toml_string(v)}" for k, v in sorted(e.items()) if k not in (*MANIFEST_FIELDS, "id")]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def read_document(path: Path, manifest: dict[str, dict[str, str]] | None = None) -> Document:
    """One source file as a Document, with manifest metadata where given, else the text's own."""
    source = read_source(path)
    return document(path, source.text, text_sha256(source.text), source.meta, manifest)


def document(path: Path, text: str, sha256: str, own: dict[str, str],
             manifest: dict[str, dict[str, str]] | None = None) -> Document:
    """The Document of the source file ``path``: ``text`` (empty when its result is known and
    the text need not be read), its hash, and the manifest's metadata or else its own."""
    # a manifest entry is authoritative (an empty field means unknown); without one, the
    # text's own title line, date and 来源 line are taken
    meta = (manifest or {}).get(path.stem) or own
    return Document(
        id=path.stem,
        text=text,
        title=meta.get("title", ""),
        publisher=meta.get("publisher", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        sha256=sha256,
        path=str(path),
    )


def text_sha256(text: str) -> str:
    """The content hash of a document: its decoded text, so that one article saved in two
    encodings is one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def list_sources(folder: Path) -> list[Path]:
    """The .txt documents of a folder, in name order."""
    if not folder.is_dir():
        raise SourceError(f"{folder}: no such folder")
    # scandir: the kind of each entry comes with the listing, no stat per file
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if os.path.splitext(e.name)[1].lower() in SOURCE_SUFFIXES and e.is_file())
    return [folder / name for name in names]
