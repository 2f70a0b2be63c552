"""Look-ups over spans of one document (mentions, quotes, names taken), each answered by bisect
rather than by scanning every span: a long report holds thousands of mentions, and a scan per
mention made its extraction grow with the square of its length."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Protocol, TypeVar


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)


def top_level(spans: Sequence[S]) -> list[S]:
    """The spans not inside a longer one (分宜县 inside 分宜县公安局 is not top-level; two
    mentions of the same span both are), in their given order."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end))
    inner: set[int] = set()
    reach = -1  # the furthest end of the spans before the current group of equal spans
    at = 0
    while at < len(order):
        first = spans[order[at]]
        group_end = at
        while group_end < len(order) and (spans[order[group_end]].start, spans[order[group_end]].end) == (first.start, first.end):
            group_end += 1
        if reach >= first.end:
            inner.update(order[at:group_end])
        reach = max(reach, first.end)
        at = group_end
    return [s for i, s in enumerate(spans) if i not in inner]


class Cover:
    """Whether a stretch of text lies within one of a fixed set of spans (a quote, a name
    already taken)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Is [start, end) inside one span?"""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) share a character with any span?"""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start

    def holds(self, pos: int) -> bool:
        """Is the character at ``pos`` inside one span?"""
        return self.covers(pos, pos + 1)


class InOrder(Sequence[S]):
    """Spans sorted by where they start, sliced by a range of starts."""

    def __init__(self, spans: Iterable[S]):
        self._spans = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self._spans]
        self._by_end: list[int] | None = None
        self._ends: list[int] = []

    def starting(self, start: int, end: int) -> list[S]:
        """The spans that start in [start, end), in text order."""
        return self._spans[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def ending(self, start: int, end: int) -> list[S]:
        """The spans that end in [start, end), in text order."""
        if self._by_end is None:
            self._by_end = sorted(range(len(self._spans)), key=lambda i: self._spans[i].end)
            self._ends = [self._spans[i].end for i in self._by_end]
        found = self._by_end[bisect_left(self._ends, start) : bisect_left(self._ends, end)]
        return [self._spans[i] for i in sorted(found)]

    def within(self, start: int, end: int) -> list[S]:
        """The spans inside [start, end), in text order."""
        return [s for s in self.starting(start, end) if s.end <= end]

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        return self._spans[i]

    def __len__(self) -> int:
        return len(self._spans)
