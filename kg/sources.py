"""Reading source documents: a folder of .txt files and an optional manifest (sources.toml)."""
from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from .errors import ManifestError, SourceError
from .model import Document

MANIFEST = "sources.toml"
_DATE = re.compile(r"(20\d{2}|19\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})日?")
_PUBLISHER = re.compile(r"(?:来源|來源|稿源)\s*[:：]\s*([^\s|]{2,20})")


def decode(data: bytes, path: str) -> str:
    """Text of a source file: UTF-8 (with or without BOM), else GB18030, else Big5."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError(f"{path}: not UTF-8, GB18030 or Big5")
    if "\x00" in text:
        raise SourceError(f"{path}: binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
        out[str(entry["id"])] = {k: str(v) for k, v in entry.items()}
    return out


def metadata_from_text(text: str) -> dict[str, str]:
    """Title, date and publisher as the text states them (first line, a date or 来源 line)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    meta = {"title": lines[0][:120] if lines else ""}
    m = _DATE.search(text[:600]) or _DATE.search(text[-400:])
    if m:
        meta["date"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    p = _PUBLISHER.search(text)
    if p:
        meta["publisher"] = p.group(1)
    return meta


def read_document(path: Path, manifest: dict[str, dict[str, str]] | None = None) -> Document:
    """One source file as a Document, with manifest metadata where given, else the text's own."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror})") from e
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    text = decode(data, str(path))
    doc_id = path.stem
    # a manifest entry is authoritative (an empty field means unknown); without one, the
    # text's own title line, date and 来源 line are taken
    meta = (manifest or {}).get(doc_id) or metadata_from_text(text)
    return Document(
        id=doc_id,
        text=text,
        title=meta.get("title", ""),
        publisher=meta.get("publisher", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        sha256=hashlib.sha256(data).hexdigest(),
        path=str(path),
    )


def list_sources(folder: Path) -> list[Path]:
    """The .txt documents of a folder, in name order."""
    if not folder.is_dir():
        raise SourceError(f"{folder}: no such folder")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
