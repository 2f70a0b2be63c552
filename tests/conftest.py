"""Shared fixtures: the seeds built once per session, real files, real rdflib."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.build import BuildSummary, build

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SHARED = ROOT.parent / "shared"
DOC000 = "000_f859df1bf64bd70c"
DOC001 = "001_763c0b266d81b3a1"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The bundled sources built into a temporary out/ folder."""
    out = tmp_path_factory.mktemp("out")
    return out, build(SOURCES, out)


@pytest.fixture(scope="session")
def graph(built: tuple[Path, BuildSummary]) -> Graph:
    """out/graph.ttl parsed back with rdflib."""
    g = Graph()
    g.parse(built[0] / "graph.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def dataset(built: tuple[Path, BuildSummary]) -> Dataset:
    """out/graph.trig parsed back with rdflib."""
    ds = Dataset()
    ds.parse(built[0] / "graph.trig", format="trig")
    return ds


def source_text(doc_id: str) -> str:
    return (SOURCES / f"{doc_id}.txt").read_text(encoding="utf-8")
