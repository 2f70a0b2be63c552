"""The cycle collector is paused for a build's bulk steps and only for them: a build, a
look-up or a failure inside leaves it as the caller had it."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.collector import paused
from kg.neighbors import lookup

SEEDS = Path(__file__).resolve().parent.parent / "sources"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_restored_after_even_on_error(collector_on: None) -> None:
    with pytest.raises(RuntimeError), paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_paused_keeps_a_disabled_collector_disabled(collector_on: None) -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_build_and_look_up_leave_the_collector_on(collector_on: None, tmp_path: Path) -> None:
    summary = build(SEEDS, tmp_path)
    assert summary.documents >= 5 and gc.isenabled()
    entity, found, _ = lookup(tmp_path, "江西省")
    assert entity["name"] == "江西省" and found and gc.isenabled()
