"""Adding and removing documents: nothing lost, duplicates are no-ops, and the graph after any
sequence equals a full build of the same sources."""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

from kg.build import build
from kg.cli import cli
from kg.export import DERIVED_GRAPH, entity_iri
from kg.lock import LockedError, exclusive
from kg.namespace import DOC, PA

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


def _sources(tmp_path: Path, build_it: bool = True, **texts: str) -> tuple[Path, Path]:
    """A sources/ folder of these texts (name → text), built into out/ unless told not to."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name, text in texts.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    if build_it:
        build(src, out)
    return src, out


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
    src, out = _sources(tmp_path, a="今年初,九江市公安局聯合煙草部門跨省追查,抓獲犯罪嫌疑人19人。",
                        b="近日,九江市公安局开展专项整治,查获案件3起,九江市公安局表示将持续推进。")
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
    src, out = _sources(tmp_path, a="2023年,江西省公众安全感达98.95%,社会治安秩序持续向好。",
                        b="江西省公众安全感达98.5%,群众满意度不断提升。", build_it=False)
    (src / "sources.toml").write_text('[[document]]\nid = "b"\ndate = "2023-12-30"\n', encoding="utf-8")
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


def _trig(out: Path) -> Dataset:
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    return ds


def _doc_graph(ds: Dataset, doc_id: str) -> set:
    return set(ds.graph(URIRef(f"{DOC}{doc_id}/graph")))


def test_a_documents_graph_holds_what_it_says_whatever_else_is_in_the_corpus(corpus, tmp_path: Path) -> None:
    src, out = corpus
    alone_src, alone = tmp_path / "alone_src", tmp_path / "alone"
    alone_src.mkdir()
    shutil.copy(src / "000_f859df1bf64bd70c.txt", alone_src)
    build(alone_src, alone)
    together = _doc_graph(_trig(out), "000_f859df1bf64bd70c")
    assert together and together == _doc_graph(_trig(alone), "000_f859df1bf64bd70c")
    # both documents name the campaign, 002 as 掃黑除惡專項斗爭: 000's graph gives only its own names
    campaign = entity_iri(("Campaign", "扫黑除恶专项斗争"))

    def names(triples: Iterable) -> set[str]:
        return {str(o) for s, p, o in triples if s == campaign and p in (RDFS.label, SKOS.altLabel)}

    assert names(together) < names(_graph(out))
    assert not any(p in (PA.documentCount, PA.conflictsWith, PA.inProvince) for _, p, _ in together)


def test_corpus_wide_figures_are_in_the_derived_graph(tmp_path: Path) -> None:
    src, out = _sources(tmp_path, a="九江市公安局开展专项整治。",
                        b="九江市公安局开展专项整治,查获案件3起。")
    ds = _trig(out)
    derived = set(ds.graph(URIRef(DERIVED_GRAPH)))
    counts = [(s, o) for s, p, o in derived if p == PA.documentCount]
    assert counts and all(int(o) >= 1 for _, o in counts) and any(int(o) == 2 for _, o in counts)
    assert (entity_iri(("Organization", "九江市公安局")), PA.inProvince, entity_iri(("Place", "江西省"))) in derived
    for doc in ("a", "b"):
        assert not any(p == PA.documentCount for _, p, _ in _doc_graph(ds, doc))


def test_kept_rdf_pieces_follow_the_metadata_and_survive_damage(corpus, tmp_path: Path) -> None:
    src, out = corpus
    pieces = sorted((out / "cache").glob("*.rdf"))
    assert len(pieces) == 2 and pieces[1].name.startswith("002_")
    # 002's piece, whose key stays: cut short as a crash may leave it, then emptied
    kept = pieces[1].read_bytes()
    pieces[1].write_bytes(kept[:-10])
    build(src, out)
    assert pieces[1].read_bytes() == kept
    pieces[1].write_bytes(b"")
    (out / "cache" / ".002_x.rdf.tmp").write_bytes(b"left by a killed build")
    (src / "sources.toml").write_text('[[document]]\nid = "000_f859df1bf64bd70c"\ntitle = "新标题"\n', encoding="utf-8")
    build(src, out)
    full = tmp_path / "full"
    build(src, full)
    assert isomorphic(_graph(out), _graph(full))
    titles = {str(o) for _, p, o in _doc_graph(_trig(out), "000_f859df1bf64bd70c") if p == DCTERMS.title}
    assert titles == {"新标题"}
    assert len(list((out / "cache").glob("*.rdf"))) == 2  # the stale pieces replaced, not kept beside
    assert not list((out / "cache").glob(".*.tmp"))


def test_the_cache_keeps_only_the_documents_of_the_corpus(corpus) -> None:
    src, out = corpus
    assert sorted(p.suffix for p in (out / "cache").iterdir()) == [".index", ".json", ".json", ".rdf", ".rdf"]
    r = _run("remove", "002_5c7b6fb42d542b4a", "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0, r.output
    kept = sorted(p.name.split(".")[0] for p in (out / "cache").iterdir() if p.suffix != ".index")
    assert kept == ["000_f859df1bf64bd70c"] * 2
    index = json.loads((out / "cache" / "sources.index").read_text(encoding="utf-8"))
    assert list(index["files"]) == ["000_f859df1bf64bd70c.txt"]


def test_same_named_districts_of_two_provinces_stay_two_nodes(tmp_path: Path) -> None:
    """杭州's 西湖区 and 南昌's are two districts: each document's takes its city's name (the
    short one an alias), and so does what is named after it; a 西湖区 placed nowhere keeps its
    short name rather than a guessed city."""
    # each also names the other's province in passing, as such reports do
    src, out = _sources(tmp_path, a="浙江省杭州市西湖区公安分局开展专项整治,西湖区治安持续向好。江西省公安厅派员交流。",
                        b="江西省南昌市西湖区桃源街道推进矛盾纠纷化解,西湖区人民法院化解纠纷120件。浙江省公安厅派员交流。",
                        c="西湖区警方破获案件30起。")
    g = _graph(out)
    hangzhou, nanchang = entity_iri(("Place", "杭州市西湖区")), entity_iri(("Place", "南昌市西湖区"))
    assert {str(o) for o in g.objects(hangzhou, PA.adcode)} == {"330106"}
    assert {str(o) for o in g.objects(nanchang, PA.adcode)} == {"360103"}
    assert set(g.objects(hangzhou, PA.inProvince)) == {entity_iri(("Place", "浙江省"))}
    assert set(g.objects(nanchang, PA.inProvince)) == {entity_iri(("Place", "江西省"))}
    assert Literal("西湖区", lang="zh") in set(g.objects(nanchang, SKOS.altLabel))
    court = entity_iri(("Organization", "南昌市西湖区人民法院"))
    assert (court, PA.locatedIn, nanchang) in g
    assert (court, PA.hasStatistic, None) in g
    assert (entity_iri(("Place", "西湖区")), RDFS.label, Literal("西湖区", lang="zh")) in g
    assert not set(g.objects(entity_iri(("Place", "西湖区")), PA.inProvince))
    r = _run("build", "--sources", str(src), "--out", str(out), "--check")
    assert r.exit_code == 0 and "conforms" in r.output, r.output


_ROOM = "樟树市公安局在临江镇设立“老陶调解室”，2024年化解矛盾纠纷312起。"
_OTHER = "南昌市公安局西湖分局推进“枫桥经验”，群众安全感达到98.5%。"


def _labels(out: Path) -> set[str]:
    return {str(o) for o in _graph(out).objects(None, RDFS.label)}


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the source files read from now on (every read of a source goes through
    kg.seen.read)."""
    import kg.seen

    reads: list[str] = []
    real = kg.seen.read_source
    monkeypatch.setattr(kg.seen, "read_source", lambda path: reads.append(path.name) or real(path))
    return reads


def test_a_rebuild_reads_only_the_sources_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = _sources(tmp_path, **{"000_room": _ROOM, "001_other": _OTHER})
    monkeypatch.setattr("kg.seen._RACY_NS", 0)  # the files were written a moment ago: see the next test
    build(src, out)
    reads = _count_reads(monkeypatch)
    build(src, out)
    assert reads == []  # both unchanged: hash and result known, neither text read
    # edited in place to the same size and its modification time set back, as a careless copy
    # or an editor may leave it: the change time and the result still follow the text
    path = src / "000_room.txt"
    st = path.stat()
    path.write_text(_ROOM.replace("樟树市", "丰城市"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    build(src, out)
    assert reads == ["000_room.txt"]
    assert "丰城市公安局" in _labels(out) and "樟树市公安局" not in _labels(out)
    fresh = tmp_path / "fresh"
    build(src, fresh)
    assert isomorphic(_graph(out), _graph(fresh))


def test_files_written_just_before_the_index_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a write in the same timestamp tick as the signature would leave it as it was: entries of
    # files changed within two seconds before the index was written are checked by reading
    src, out = _sources(tmp_path, **{"000_room": _ROOM, "001_other": _OTHER})
    reads = _count_reads(monkeypatch)
    build(src, out)
    assert sorted(reads) == ["000_room.txt", "001_other.txt"]


def test_a_damaged_or_foreign_source_index_means_reading_the_sources(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.seen._RACY_NS", 0)
    src, out = _sources(tmp_path, **{"000_room": _ROOM, "001_other": _OTHER})
    before = _graph(out)
    index = out / "cache" / "sources.index"
    good = json.loads(index.read_text(encoding="utf-8"))
    # another reader version (a fixed date parser, a new decoder): not trusted, even intact
    foreign = {**good, "reader": "0" * 16, "files": {n: [sig, sha, {"title": "旧标题"}] for n, (sig, sha, _) in good["files"].items()}}
    for damage in (b"\x00garbage", b'{"000_room.txt": [1, 2]}', json.dumps({**good, "files": {"000_room.txt": ["x", "y", {"title": 3}]}}).encode(),
                   json.dumps(foreign).encode()):
        index.write_bytes(damage)
        reads = _count_reads(monkeypatch)
        build(src, out)
        assert isomorphic(_graph(out), before)
        assert "000_room.txt" in reads
        assert set(json.loads(index.read_text(encoding="utf-8"))["files"]) == {"000_room.txt", "001_other.txt"}


def test_add_finds_duplicates_of_the_sources_as_they_are_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.seen._RACY_NS", 0)
    src, out = _sources(tmp_path, **{"000_room": _ROOM, "001_other": _OTHER})
    old = tmp_path / "old.txt"
    old.write_text(_ROOM, encoding="utf-8")
    r = _run("add", str(old), "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0 and "already present as 000_room" in r.output, r.output
    # the file in sources/ now says something else (same size, same modification time): the
    # old text is no longer a duplicate
    path = src / "000_room.txt"
    st = path.stat()
    path.write_text(_ROOM.replace("樟树市", "丰城市"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    r = _run("add", str(old), "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0 and "already present" not in r.output, r.output
    assert {"樟树市公安局", "丰城市公安局"} <= _labels(out)


def test_an_out_folder_that_cannot_be_written_stops_add_and_remove_before_sources_change(tmp_path: Path) -> None:
    src, _ = _sources(tmp_path, a="江西省公众安全感达98.95%,社会治安秩序持续向好。", build_it=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("江苏省南京市公安局开展“净网”专项行动。", encoding="utf-8")
    def files() -> list[str]:
        return sorted(p.name for p in src.iterdir() if p.name != ".kg.lock")

    before = files()
    for args in (["add", str(new)], ["remove", "a"]):
        r = _run(*args, "--sources", str(src), "--out", str(blocker / "out"))
        assert r.exit_code == 1 and "cannot write there" in r.output and "Traceback" not in r.output
        assert files() == before


def test_adding_again_what_a_killed_add_left_in_sources_builds_it(tmp_path: Path) -> None:
    from kg.corpus import add_documents

    src, out = _sources(tmp_path, a="江西省公众安全感达98.95%,社会治安秩序持续向好。")
    new = tmp_path / "new.txt"
    new.write_text("江苏省南京市公安局开展“净网”专项行动。", encoding="utf-8")
    # as an add killed after copying its document into sources/, before its build ended
    (src / "001_killed.txt").write_text(new.read_text(encoding="utf-8"), encoding="utf-8")
    results, summary = add_documents([str(new)], src, out)
    assert results[0].status == "duplicate" and summary is not None and summary.documents == 2
    # with out/ current, the same add is a no-op
    assert add_documents([str(new)], src, out)[1] is None


def test_inputs_that_hold_no_document_are_reported(tmp_path: Path) -> None:
    import os

    src, out = _sources(tmp_path, a="江西省公众安全感达98.95%,社会治安秩序持续向好。", build_it=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # reading it would block the add, holding the lock
    r = _run("add", str(empty), str(pipe), "--sources", str(src), "--out", str(out))
    assert r.exit_code == 1
    assert "no .txt, .html, .htm or .md files in this folder" in r.output and "not a regular file" in r.output
    r = _run("add", str(tmp_path / "x.txt"), "--date", "2024-13-45", "--sources", str(src), "--out", str(out))
    assert r.exit_code == 2 and "is not a date" in r.output


def test_a_body_named_with_and_without_its_province_is_one_node(tmp_path: Path) -> None:
    import json

    src, out = _sources(tmp_path, a="江西省南昌市公安局开展“长风”专项行动,破获案件120起。",
                        b="南昌市公安局联合市场监管部门开展食品安全检查。")
    nodes = {n["id"]: n for n in json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]}
    bureaus = [i for i in nodes if i.startswith("Organization/") and i.endswith("南昌市公安局")]
    assert bureaus == ["Organization/南昌市公安局"]
    assert "江西省南昌市公安局" in nodes[bureaus[0]]["aliases"] and nodes[bureaus[0]]["docs"] == ["a", "b"]


def test_metadata_given_with_content_already_present_is_said_to_be_unused(tmp_path: Path) -> None:
    src, out = _sources(tmp_path, a="江西省公众安全感达98.95%,社会治安秩序持续向好。")
    again = tmp_path / "again.txt"
    again.write_text((src / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    r = _run("add", str(again), "--title", "新标题", "--sources", str(src), "--out", str(out))
    assert r.exit_code == 0 and "its metadata is not changed: edit" in r.output
    assert "新标题" not in (src / "sources.toml").read_text(encoding="utf-8") if (src / "sources.toml").exists() else True
