"""Adding and removing documents: nothing lost, duplicates are no-ops, and the graph after any
sequence equals a full build of the same sources."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal
from rdflib.compare import isomorphic

from kg.build import build
from kg.cli import cli
from kg.export import entity_iri
from kg.lock import LockedError, exclusive
from kg.namespace import PA

from .conftest import SHARED, SOURCES

DATA = Path(__file__).parent / "data"


def _run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    for name in ("000_f859df1bf64bd70c", "002_5c7b6fb42d542b4a"):
        shutil.copy(SOURCES / f"{name}.txt", src)
    build(src, out)
    return src, out


def _graph(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


def test_add_then_remove_equals_full_builds(corpus, tmp_path: Path) -> None:
    src, out = corpus
    before = _graph(out)
    r = _run("add", str(DATA / "html" / "article.html"), str(DATA / "encodings" / "big5.txt"),
             "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0, r.output
    assert r.stdout.count("added:") == 2 and "cache:     2 of 4 documents unchanged" in r.stdout
    full = tmp_path / "full"
    build(src, full)
    assert isomorphic(_graph(out), _graph(full))
    added = sorted(p.stem for p in src.glob("00[2-9]_*.txt") if not p.stem.startswith("002_"))
    assert len(added) == 2
    for doc_id in added:
        r = _run("remove", doc_id, "--sources", str(src), "--out", str(out))
        assert r.exit_code == 0, r.output
    assert isomorphic(_graph(out), before)


def test_adding_the_same_content_twice_is_a_no_op(corpus) -> None:
    src, out = corpus
    r = _run("add", str(DATA / "encodings" / "utf8.txt"), "--sources", str(src), "--out", str(out))
    assert "added:" in r.stdout
    files = sorted(src.iterdir())
    mtime = (out / "graph.ttl").stat().st_mtime_ns
    # the same text in another encoding is the same document
    r = _run("add", str(DATA / "encodings" / "gb18030.txt"), "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0
    assert "unchanged:" in r.stdout and "already present as 003_" in r.stdout and "nothing to do" in r.stdout
    assert sorted(src.iterdir()) == files
    assert (out / "graph.ttl").stat().st_mtime_ns == mtime


def test_add_from_stdin_with_metadata_options(corpus) -> None:
    src, out = corpus
    text = (DATA / "encodings" / "utf8.txt").read_bytes()
    r = _run("add", "-", "--title", "标题\"<x>", "--date", "2024-05-06", "--url", "https://example.org/a",
             "--sources", str(src), "--out", str(out), stdin=text)
    assert r.exit_code == 0, r.output
    manifest = (src / "sources.toml").read_text(encoding="utf-8")
    assert 'title = "标题\\"<x>"' in manifest and 'date = "2024-05-06"' in manifest
    g = _graph(out)
    assert Literal("标题\"<x>") in set(g.objects(None, None))


def test_bad_inputs_are_reported_and_the_rest_added(corpus) -> None:
    src, out = corpus
    r = _run("add", str(DATA / "bad-input"), str(DATA / "markdown" / "article.md"),
             "--sources", str(src), "--out", str(out))
    assert r.exit_code == 1
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 5
    assert any("english.txt: not Chinese text" in e for e in errors)
    assert r.stdout.count("added:") == 1


def test_remove_unknown_document(corpus) -> None:
    src, out = corpus
    r = _run("remove", "999_nope", "--sources", str(src), "--out", str(out))
    assert r.exit_code == 1 and "999_nope: no such document" in r.output
    r = _run("remove", "../sources", "--sources", str(src), "--out", str(out))
    assert r.exit_code == 1


def test_fact_stated_by_two_documents_counts_both_and_survives_removal(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("今年初,九江市公安局聯合煙草部門跨省追查,抓獲犯罪嫌疑人19人。", encoding="utf-8")
    (src / "b.txt").write_text("近日,九江市公安局开展专项整治,查获案件3起,九江市公安局表示将持续推进。", encoding="utf-8")
    build(src, out)
    g = _graph(out)
    org, city = entity_iri(("Organization", "九江市公安局")), entity_iri(("Place", "九江市"))
    counts = {int(g.value(f, PA.documentCount)) for f in g.subjects(RDF.subject, org)
              if g.value(f, RDF.predicate) == PA.locatedIn and g.value(f, RDF.object) == city}
    assert counts == {2}
    (src / "a.txt").unlink()
    build(src, out)
    g = _graph(out)
    assert (org, PA.locatedIn, city) in g
    assert {str(d).rsplit("/", 1)[-1] for d in g.objects(org, PA.mentionedIn)} == {"b"}


def test_different_figures_for_one_indicator_are_a_conflict(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("江西省公众安全感达98.95%,社会治安秩序持续向好。", encoding="utf-8")
    (src / "b.txt").write_text("江西省公众安全感达98.5%,群众满意度不断提升。", encoding="utf-8")
    r = _run("build", "--sources", str(src), "--out", str(out))
    assert "conflicts: 1" in r.stdout and "98.95%" in r.stdout and "98.5%" in r.stdout
    rows = _run("sparql", "--out", str(out), "-f", str(Path(__file__).parent.parent / "queries" / "statistic-conflicts.rq"))
    assert "98.95%" in rows.stdout and "98.5%" in rows.stdout and "1 row" in rows.stdout


def test_a_second_writer_is_refused(corpus) -> None:
    src, out = corpus
    with exclusive(out):
        with pytest.raises(LockedError, match="another kg build, add or remove is running"):
            build(src, out)
        r = _run("build", "--sources", str(src), "--out", str(out))
        assert r.exit_code == 1 and "is running (pid" in r.output
    build(src, out)  # the lock is released with the block


@pytest.mark.skipif(not (SHARED / "dev" / "docs").is_dir(), reason="../shared/dev not present")
def test_folder_add_extracts_only_new_documents(corpus) -> None:
    src, out = corpus
    r = _run("add", str(SHARED / "dev" / "docs"), "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0, r.output
    assert r.stdout.count("added:") == 10
    assert "cache:     2 of 12 documents unchanged" in r.stdout
