"""Web-page chrome in saved articles (navigation lines, site footers with addresses and
hotlines) masked out of the matching text, so that it yields no entities; the document text and
its offsets stay as they are."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

_SENTENCE_END = re.compile(r"[。！？!?”」]\s*$")
_BYLINE = re.compile(r"记者|作者|通讯员|摄影|^\s*[(（][\u4e00-\u9fff ]{2,12}[)）]\s*$")


_NEVER = re.compile(r"(?!)")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    rows = lexicon.table("boilerplate.tsv")
    out = {}
    for where in ("head", "foot", "info", "tail"):
        alternatives = [f"(?:{r['pattern']})" for r in rows if r["where"] == where]
        # a kind without rows matches nothing (an empty pattern would match every line)
        out[where] = re.compile("|".join(alternatives)) if alternatives else _NEVER
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def boilerplate_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of navigation lines at the top (and of the chrome ending an article's info line
    there: 来源:… 作者:… 阅读: …) and of the footer block at the bottom."""
    pats = _patterns()
    lines = [(s, e) for s, e in _lines(norm) if norm[s:e].strip()]
    spans = []
    for s, e in lines[:6]:
        if pats["head"].fullmatch(norm[s:e].strip()):
            spans.append((s, e))
        elif pats["info"].search(norm, s, e) and (m := pats["tail"].search(norm, s, e)) is not None:
            spans.append((m.start(), e))  # 来源:湖南日报 作者:张斌  阅读: 张家界日报社微信
    # the footer: from the last line up, while lines are chrome; it must hold a marked line
    footer: list[tuple[int, int]] = []
    marked = False
    for s, e in reversed(lines):
        line = norm[s:e].strip()
        if pats["foot"].fullmatch(line):
            footer.append((s, e))
            marked = True
        elif len(line) <= 40 and not _SENTENCE_END.search(line):
            footer.append((s, e))
        else:
            break
    if marked:
        # the whole block of short lines is chrome, except a byline (作者, 记者, (朱妍 饶逸鹏))
        spans += [(s, e) for s, e in footer if not _BYLINE.search(norm[s:e])]
    return sorted(spans)


def mask(norm: str) -> str:
    """``norm`` with its boilerplate lines blanked (same length)."""
    spans = boilerplate_spans(norm)
    if not spans:
        return norm
    chars = list(norm)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)
