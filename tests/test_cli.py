from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import SHARED, SOURCES


def test_build_prints_a_summary_and_writes_outputs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text((SOURCES / "000_f859df1bf64bd70c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--sources", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "documents: 1"
    assert lines[1].startswith("nodes:") and "MediationRoom 1" in lines[1]
    assert lines[2].startswith("edges:") and "conducts" in lines[2]
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000
    assert (tmp_path / "out" / "graph.trig").exists()


def test_build_without_sources_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--sources", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "missing: no such folder" in result.output


def test_build_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("九江市公安局联合烟草部门跨省追查,抓获犯罪嫌疑人19人。", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["build", "--sources", str(src), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "documents: 1" in result.output


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/gold not present")
def test_eval_prints_the_three_figures() -> None:
    result = CliRunner().invoke(cli, ["eval", str(SHARED / "gold"), "--docs", str(SHARED / "seeds")])
    assert result.exit_code == 0, result.output
    last = result.stdout.splitlines()[-1]
    assert last.startswith("entity F1 ") and " · relation F1 " in last and " · statistic F1 " in last
    assert "Organization" in result.stdout


def test_build_check_reports_conformance(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text((SOURCES / "000_f859df1bf64bd70c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--check", "--sources", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "check:     conforms to ontology/shapes.ttl" in result.stdout


def test_check_finds_violations_in_a_damaged_graph(tmp_path: Path) -> None:
    from kg.check import validate

    (tmp_path / "graph.ttl").write_text("""
        @prefix pa: <https://w3id.org/pingan-kg/ontology#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        <urn:x> a pa:Statistic ; pa:value "3起" .
    """, encoding="utf-8")
    violations = validate(tmp_path)
    assert violations and all(v.startswith("urn:x: ") for v in violations)


def test_parallel_build_writes_the_same_graph(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert CliRunner().invoke(cli, ["build", "--sources", str(SOURCES), "--out", str(one)]).exit_code == 0
    result = CliRunner().invoke(cli, ["build", "-j", "2", "--sources", str(SOURCES), "--out", str(two)])
    assert result.exit_code == 0, result.output
    assert (one / "graph.ttl").read_bytes() == (two / "graph.ttl").read_bytes()


def test_gold_and_queries_that_are_not_what_they_should_be_get_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    r = runner.invoke(cli, ["eval", str(tmp_path), "--docs", str(tmp_path)])
    assert r.exit_code == 1 and "no gold files" in r.output
    (tmp_path / "a.json").write_text('{"entities": []}', encoding="utf-8")
    r = runner.invoke(cli, ["eval", str(tmp_path), "--docs", str(tmp_path)])
    assert r.exit_code == 1 and "not a gold file" in r.output and r.exception.__class__ is SystemExit
    (tmp_path / "q.rq").write_bytes(b"SELECT \xff")
    r = runner.invoke(cli, ["sparql", "-f", str(tmp_path / "q.rq"), "--out", str(tmp_path)])
    assert r.exit_code == 1 and "not UTF-8" in r.output
