"""The span look-ups answer what a scan of every span answers (they replaced such scans)."""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from kg.spans import Cover, InOrder, top_level


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    tag: int  # two spans may cover the same text (a place and an organisation)


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12), st.integers(0, 3)), max_size=40).map(
    lambda xs: sorted((_Span(s, s + n, t) for s, n, t in xs), key=lambda x: x.start))


@given(spans)
def test_top_level_is_what_no_longer_span_holds(xs: list[_Span]) -> None:
    expected = [r for r in xs if not any(o is not r and o.start <= r.start and r.end <= o.end
                                         and (o.end - o.start) > (r.end - r.start) for o in xs)]
    assert top_level(xs) == expected


@given(spans, st.integers(0, 55), st.integers(0, 15))
def test_cover_is_containment_in_one_span(xs: list[_Span], start: int, length: int) -> None:
    cover = Cover((x.start, x.end) for x in xs)
    assert cover.covers(start, start + length) == any(x.start <= start and start + length <= x.end for x in xs)
    assert cover.holds(start) == any(x.start <= start < x.end for x in xs)


@given(spans, st.integers(0, 55), st.integers(0, 30))
def test_slices_keep_text_order(xs: list[_Span], start: int, length: int) -> None:
    ordered = InOrder(xs)
    end = start + length
    assert ordered.starting(start, end) == [x for x in xs if start <= x.start < end]
    assert ordered.within(start, end) == [x for x in xs if start <= x.start and x.end <= end]
    assert ordered.ending(start, end) == [x for x in xs if start <= x.end < end]
    assert list(ordered) == xs and len(ordered) == len(xs)


def test_cover_overlaps_is_true_for_any_shared_character() -> None:
    from kg.spans import Cover

    cover = Cover([(10, 13), (20, 25)])
    assert cover.overlaps(12, 15) and cover.overlaps(8, 11) and cover.overlaps(21, 22)
    assert not cover.overlaps(13, 20) and not cover.overlaps(0, 10) and not cover.overlaps(25, 30)
