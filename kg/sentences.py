"""Split a document into sentences with character offsets into the original text."""
from __future__ import annotations

import re

from .model import Sentence

# a sentence ends at 。！？；!?; or a line break; closing quotes stay with their sentence
_END = re.compile(r"[。！？!?；;]+[”」』\"]?|\n+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` as offsets, leading/trailing blanks trimmed, empty ones dropped."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        _add(text, start, end, out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


MAX_SENTENCE = 500
"""Longest sentence, in characters (news sentences stay under ~250). A longer run without a
sentence end (a page flattened to one line) is cut at its last clause mark before this length,
or at this length: the tagger's cost and memory grow with the square of a sentence's length,
and one endless line took all memory."""
_CLAUSE_MARKS = ",，、:：)）"


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        window = text[start + MAX_SENTENCE // 2 : start + MAX_SENTENCE]
        at = max(window.rfind(c) for c in _CLAUSE_MARKS)
        cut = start + MAX_SENTENCE // 2 + at + 1 if at >= 0 else start + MAX_SENTENCE
        _add(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end))


def clause_bounds(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The clause (between commas) of text[start:end] that holds ``pos``."""
    left = max(text.rfind(c, start, pos) for c in ",，:：") + 1
    left = max(left, start)
    rights = [i for i in (text.find(c, pos, end) for c in ",，:：") if i != -1]
    return left, (min(rights) if rights else end)
