"""A build with nothing to do writes nothing: same sources, manifest, code and outputs. Any
change to one of them, or to an output, makes the next build do the work again."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import seen, stamp
from kg.build import build
from kg.cli import cli

from .conftest import SOURCES

OUTPUTS = ("graph.ttl", "graph.trig", "graph.json", "graph.html")


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    # files written this instant are normally read again (a write in the same clock tick would
    # go unseen); the tests trust them at once rather than sleeping
    monkeypatch.setattr(seen, "_RACY_NS", 0)
    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    for name in ("000_f859df1bf64bd70c", "002_5c7b6fb42d542b4a"):
        shutil.copy(SOURCES / f"{name}.txt", src)
    first = build(src, out)
    assert not first.unchanged
    return src, out


def _states(out: Path) -> dict[str, tuple[int, bytes]]:
    return {name: ((out / name).stat().st_mtime_ns, (out / name).read_bytes()) for name in OUTPUTS}


def test_second_build_writes_nothing_and_reports_the_first(corpus: tuple[Path, Path]) -> None:
    src, out = corpus
    stamp.forget(out)
    real = build(src, out)
    assert not real.unchanged
    before = _states(out)
    again = build(src, out)
    assert again.unchanged
    assert _states(out) == before
    assert (again.documents, again.nodes, again.edges, again.statistics, again.conflicts) == \
        (real.documents, real.nodes, real.edges, real.statistics, real.conflicts)
    assert again.cached == again.documents == 2


def test_cli_says_nothing_was_written(corpus: tuple[Path, Path]) -> None:
    src, out = corpus
    result = CliRunner().invoke(cli, ["build", "--sources", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote:     nothing: " in result.output
    assert "documents: 2" in result.output and "Program " in result.output


def test_edited_source_is_built(corpus: tuple[Path, Path]) -> None:
    src, out = corpus
    doc = src / "002_5c7b6fb42d542b4a.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n南京市公安局推行“平安码”工作机制。\n", encoding="utf-8")
    summary = build(src, out)
    assert not summary.unchanged
    assert "平安码" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_new_and_removed_sources_are_built(corpus: tuple[Path, Path]) -> None:
    src, out = corpus
    shutil.copy(SOURCES / "004_c6b3dc235498e75c.txt", src)
    assert build(src, out).documents == 3
    (src / "000_f859df1bf64bd70c.txt").unlink()
    summary = build(src, out)
    assert not summary.unchanged and summary.documents == 2


def test_edited_manifest_is_built(corpus: tuple[Path, Path]) -> None:
    src, out = corpus
    (src / "sources.toml").write_text('[[document]]\nid = "002_5c7b6fb42d542b4a"\ntitle = "新标题"\n', encoding="utf-8")
    summary = build(src, out)
    assert not summary.unchanged
    assert "新标题" in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_damaged_output_is_written_again(corpus: tuple[Path, Path], damage: str) -> None:
    src, out = corpus
    good = (out / "graph.html").read_bytes()
    if damage == "delete":
        (out / "graph.html").unlink()
    else:
        (out / "graph.html").write_bytes(good[:100])
    summary = build(src, out)
    assert not summary.unchanged
    assert (out / "graph.html").read_bytes() == good


def test_other_code_is_built(corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = corpus
    monkeypatch.setattr(stamp, "code_version", lambda: "another version")
    assert not build(src, out).unchanged


def test_code_version_covers_data_and_dependencies() -> None:
    stamp.code_version.cache_clear()
    digest = stamp.code_version()
    assert len(digest) == 64
    names = [name for name, _ in stamp._files(stamp.resources.files("kg"))]
    assert "data/gazetteer.tsv" in names and "html.py" in names and any(n.startswith("ontology/") for n in names)
    assert not any("__pycache__" in n for n in names)


def test_conflicts_are_reported_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen, "_RACY_NS", 0)
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("2023年,江西省公众安全感达98.95%,社会治安秩序持续向好。", encoding="utf-8")
    (src / "b.txt").write_text("2023年,江西省公众安全感达98.5%,群众满意度不断提升。", encoding="utf-8")
    real = build(src, out)
    again = build(src, out)
    assert again.unchanged and len(real.conflicts) == 1
    assert again.conflicts == real.conflicts


@pytest.mark.parametrize("summary", ['{"documents": 2}', '{"documents": 2, "nodes": 1, "edges": {}, "statistics": 0, "conflicts": [[{}]]}',
                                     '[]', 'null'])
def test_damaged_stamp_means_a_build(corpus: tuple[Path, Path], summary: str) -> None:
    src, out = corpus
    data = json.loads((out / stamp.STAMP).read_text(encoding="utf-8"))
    text = json.dumps(data).replace(json.dumps(data["summary"]), summary)
    (out / stamp.STAMP).write_text(text, encoding="utf-8")
    result = build(src, out)
    assert not result.unchanged and result.documents == 2 and result.nodes
    assert build(src, out).unchanged  # and the stamp is whole again
