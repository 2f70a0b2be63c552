"""Text folding for matching: NFKC and Traditional → Simplified, offsets kept one-to-one."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc

# characters NFKC would expand (… → ...) or that carry no meaning for matching
_KEEP_AS_IS = {"…"}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _fold_char(ch: str) -> str:
    if ch in _KEEP_AS_IS:
        return ch
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1:
        return " " if n.isspace() else ch
    return n


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC (text already Simplified is unchanged)."""
    return _t2s().convert(text)


def normalise(text: str) -> str:
    """Return a string of the same length as ``text``, folded for matching.

    Each character is NFKC-folded on its own (so offsets stay one-to-one with the original)
    and the whole is converted to Simplified; where OpenCC's phrase conversion would change
    the length, characters are converted one by one instead.
    """
    folded = "".join(_fold_char(c) for c in text)
    simplified = to_simplified(folded)
    if len(simplified) == len(folded):
        return simplified
    out = []
    for c in folded:
        s = to_simplified(c)
        out.append(s if len(s) == 1 else c)
    return "".join(out)


def normalise_name(name: str) -> str:
    """Fold a name for comparison: NFKC, Simplified, no quote marks or spaces."""
    return _strip(to_simplified(unicodedata.normalize("NFKC", name)))


def normalise_names(names: list[str]) -> list[str]:
    """:func:`normalise_name` of each name, converted to Simplified in one call: OpenCC's cost is
    per call, and a view of 30,000 names paid it 30,000 times."""
    folded = [unicodedata.normalize("NFKC", n) for n in names]
    if not any(_SEPARATOR in n for n in folded):
        # no dictionary phrase contains the separator, so none is converted across two names
        converted = to_simplified(_SEPARATOR.join(folded)).split(_SEPARATOR)
        if len(converted) == len(folded):
            return [_strip(c) for c in converted]
    return [_strip(to_simplified(n)) for n in folded]


def normalise_name_groups(groups: list[list[str]]) -> list[set[str]]:
    """The folded forms of each group of names (an entity's name and aliases), in one call."""
    folded = iter(normalise_names([name for group in groups for name in group]))
    return [{next(folded) for _ in group} for group in groups]


def _strip(s: str) -> str:
    return "".join(c for c in s if c not in QUOTE_CHARS and not c.isspace())


_SEPARATOR = "\x00"


QUOTE_CHARS = set("“”「」『』\"'‘’《》〈〉")
