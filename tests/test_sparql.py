import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.sparql import check_read_only, open_store, run_query

from .conftest import ROOT


def _sparql(out: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["sparql", "--out", str(out), *args], input=stdin)


def test_table_output_with_predeclared_prefixes(built) -> None:
    r = _sparql(built[0], "SELECT ?name WHERE { ?room a pa:MediationRoom ; skos:altLabel ?name } ORDER BY ?name")
    assert r.exit_code == 0, r.output
    assert "劉欽牛調解室" in r.stdout
    assert r.stdout.rstrip().endswith("rows")


def test_json_is_sparql_results_json(built) -> None:
    r = _sparql(built[0], "--format", "json",
                'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(str(?l) = "刘钦牛调解室") }')
    data = json.loads(r.stdout)
    assert data["head"]["vars"] == ["s"]
    assert data["results"]["bindings"][0]["s"] == {
        "type": "uri", "value": "https://w3id.org/pingan-kg/id/mediationroom/刘钦牛调解室"}


@pytest.mark.parametrize("fmt,sep", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv(built, fmt: str, sep: str) -> None:
    r = _sparql(built[0], "--format", fmt, 'SELECT ?a ?b WHERE { BIND("x" AS ?a) BIND("y" AS ?b) }')
    assert r.exit_code == 0
    assert sep in r.stdout.splitlines()[0]


def test_query_from_file_and_stdin(built) -> None:
    r = _sparql(built[0], "-f", str(ROOT / "queries" / "programmes-in-several-provinces.rq"))
    assert r.exit_code == 0, r.output
    assert "枫桥经验" in r.stdout and "江西省" in r.stdout and "湖南省" in r.stdout
    r = _sparql(built[0], "-", stdin="ASK { ?c a pa:Campaign ; rdfs:label ?l FILTER(str(?l) = '长风7号') }")
    assert r.stdout.strip() == "true"


@pytest.mark.parametrize("query,word", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("DROP ALL", "DROP"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { service <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
])
def test_writing_and_federated_forms_are_refused(built, query: str, word: str) -> None:
    r = _sparql(built[0], query)
    assert r.exit_code == 1
    assert word in r.output
    assert "read-only" in r.output or "federated" in r.output


def test_keywords_inside_strings_and_iris_are_fine() -> None:
    check_read_only('SELECT * WHERE { ?s rdfs:label "INSERT DATA" ; pa:x <urn:delete:load> } # DROP')


def test_syntax_error_says_where(built) -> None:
    r = _sparql(built[0], "SELECT ?s WHERE { ?s ?p }")
    assert r.exit_code == 1
    assert "syntax error" in r.output and "1:" in r.output


def test_slow_query_is_stopped(built) -> None:
    store = open_store(built[0])
    with pytest.raises(QueryError, match="stopped after"):
        run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.5)


def test_graph_not_built(tmp_path: Path) -> None:
    r = _sparql(tmp_path, "ASK {}")
    assert r.exit_code == 1 and "run `kg build` first" in r.output


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "queries").glob("*.rq")
                                         if p.name != "statistic-conflicts.rq"))  # the seeds agree: tests/test_corpus.py
def test_every_ready_query_returns_rows(built, name: str) -> None:
    result = run_query(open_store(built[0]), (ROOT / "queries" / name).read_text(encoding="utf-8"))
    assert result.rows, name


def test_queries_use_a_persistent_store_reloaded_only_after_a_build(tmp_path: Path) -> None:
    from kg.build import build
    from kg.store import STORE_DIR, is_current

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("江西省公安厅开展“长风”行动。", encoding="utf-8")
    build(src, out)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?c a pa:Campaign }"
    assert _sparql(out, "--format", "csv", count).stdout.splitlines()[1] == "1"
    store = out / STORE_DIR
    assert is_current(out) and (store / ".loaded").exists()
    loaded = (store / ".loaded").stat().st_mtime_ns
    assert _sparql(out, "--format", "csv", count).stdout.splitlines()[1] == "1"
    assert (store / ".loaded").stat().st_mtime_ns == loaded  # not loaded again
    (src / "b.txt").write_text("江苏省公安厅开展“昆仑”行动。", encoding="utf-8")
    build(src, out)
    assert not is_current(out)
    assert _sparql(out, "--format", "csv", count).stdout.splitlines()[1] == "2"
    assert is_current(out) and not list(out.glob(".oxigraph-*"))  # the new store swapped in, nothing left over
    assert _sparql(out, "--no-store", "--format", "csv", count).stdout.splitlines()[1] == "2"
    assert store.stat().st_mode & 0o055 == 0o055 & ~_umask()  # as readable as the other outputs


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_concurrent_first_queries_load_the_store_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from kg.build import build
    from kg.store import STORE_DIR, prepare_store

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("江西省公安厅开展“长风”行动。", encoding="utf-8")
    build(src, out)
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _i: prepare_store(out), range(4)))
    assert stores == [out / STORE_DIR] * 4
    assert not list(out.glob(".oxigraph-*"))


def test_in_province_index_is_every_province_a_chain_reaches(built, graph) -> None:
    """pa:inProvince (derived by the build) holds exactly the provinces that the
    locatedIn / subOrganizationOf chains reach, which is what the ready queries rely on."""
    from rdflib import URIRef

    from kg.namespace import PA

    walked = {(str(r.e), str(r.p)) for r in graph.query(
        "SELECT ?e ?p WHERE { ?p a pa:Province . ?e (pa:locatedIn|pa:subOrganizationOf)* ?p }",
        initNs={"pa": PA._NS})}
    # a chain may also end at a division whose adcode lies in the province (the text names
    # 西湖区 and 江西省 in no one sentence: no locatedIn is stated, the adcode still tells)
    by_code = {(str(r.e), str(r.p)) for r in graph.query(
        """SELECT ?e ?p WHERE { ?p a pa:Province ; pa:adcode ?pc .
             ?e (pa:locatedIn|pa:subOrganizationOf)* ?d . ?d pa:adcode ?dc .
             FILTER(SUBSTR(?dc, 1, 2) = SUBSTR(?pc, 1, 2)) }""", initNs={"pa": PA._NS})}
    indexed = {(str(s), str(o)) for s, o in graph.subject_objects(URIRef(PA.inProvince))}
    assert indexed and walked
    assert indexed == walked | by_code
    assert ("https://w3id.org/pingan-kg/id/place/南昌市西湖区", "https://w3id.org/pingan-kg/id/place/江西省") in indexed - walked
    assert ("https://w3id.org/pingan-kg/id/mediationroom/刘钦牛调解室", "https://w3id.org/pingan-kg/id/place/江西省") in indexed


def test_programme_index_is_where_its_implementers_lie(built, graph) -> None:
    """pa:implementedInProvince (derived) holds exactly the provinces of whatever implements
    the programme, so the ready query that reads it gives what the join by pattern gives."""
    from rdflib import URIRef

    from kg.namespace import PA

    joined = {(str(r.p), str(r.prov)) for r in graph.query(
        "SELECT ?p ?prov WHERE { ?a pa:implements ?p ; pa:inProvince ?prov . ?p a pa:Program }",
        initNs={"pa": PA._NS})}
    indexed = {(str(s), str(o)) for s, o in graph.subject_objects(URIRef(PA.implementedInProvince))}
    assert ("https://w3id.org/pingan-kg/id/program/枫桥经验", "https://w3id.org/pingan-kg/id/place/湖南省") in indexed
    assert indexed == joined

    by_pattern = """SELECT ?programme (COUNT(DISTINCT ?province) AS ?provinces)
        (GROUP_CONCAT(DISTINCT ?pname; separator="、") AS ?where) WHERE {
      ?actor pa:implements ?p ; pa:inProvince ?province .
      ?p a pa:Program ; rdfs:label ?programme .
      ?province rdfs:label ?pname . }
    GROUP BY ?programme HAVING (COUNT(DISTINCT ?province) > 1) ORDER BY DESC(?provinces) ?programme"""
    store = open_store(built[0])
    ready = run_query(store, (ROOT / "queries" / "programmes-in-several-provinces.rq").read_text(encoding="utf-8"))

    def rows(result):  # type: ignore[no-untyped-def]
        return [(name, n, sorted(where.split("、"))) for name, n, where in result.rows]

    assert rows(ready) == rows(run_query(store, by_pattern))
    assert [r[0] for r in ready.rows] == ["枫桥经验"]  # 平安中国 is the nation's: no province implements it


def test_in_province_follows_cycles_and_keeps_every_province() -> None:
    from kg.graph import provinces_of, to_networkx
    from kg.model import Entity, Evidence, Relation

    def ent(t: str, name: str, subtype: str = "", adcode: str = "") -> Entity:
        return Entity(t, name, subtype, {name}, adcode, "", {"d"})

    es = [ent("Place", "江西省", "Province", "360000"), ent("Place", "湖南省", "Province", "430000"),
          ent("Place", "樟树市", "County", "360982"), ent("Organization", "甲中心"), ent("Organization", "乙所"),
          ent("MediationRoom", "丙调解室"), ent("Organization", "丁局")]
    ev = Evidence("d", 0, 1, "x")
    rels = [Relation(("Organization", "甲中心"), "subOrganizationOf", ("Organization", "乙所"), ev),
            Relation(("Organization", "乙所"), "subOrganizationOf", ("Organization", "甲中心"), ev),  # a cycle
            Relation(("Organization", "乙所"), "locatedIn", ("Place", "樟树市"), ev),  # its adcode is in 江西
            Relation(("MediationRoom", "丙调解室"), "subOrganizationOf", ("Organization", "甲中心"), ev),
            Relation(("MediationRoom", "丙调解室"), "locatedIn", ("Place", "湖南省"), ev)]
    found = provinces_of(to_networkx({e.key: e for e in es}, rels, []))
    jx, hn = ("Place", "江西省"), ("Place", "湖南省")
    assert found[("Organization", "甲中心")] == {jx} and found[("Organization", "乙所")] == {jx}
    assert found[("MediationRoom", "丙调解室")] == {jx, hn}
    assert found[jx] == {jx} and found[("Place", "樟树市")] == {jx}
    assert ("Organization", "丁局") not in found


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "queries").glob("*.rq")))
def test_ready_queries_give_the_same_answers_on_rdflib(built, graph, name: str) -> None:
    """The ready queries are plain SPARQL 1.1: rdflib over graph.ttl answers them as Oxigraph
    does (same solutions), so they serve users of other stores as written."""
    import json

    from kg.sparql import PREFIXES

    text = (ROOT / "queries" / name).read_text(encoding="utf-8")
    ours = json.loads(run_query(open_store(built[0]), text, "json").serialized)
    theirs = graph.query("".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + text)

    def key(binding: dict) -> tuple:
        # GROUP_CONCAT's order is left to the engine: compare its parts as a set
        return tuple(sorted((var, "、".join(sorted(str(value).split("、")))) for var, value in binding.items()
                            if value is not None))

    ox_rows = sorted(key({v: b[v]["value"] for v in b}) for b in ours["results"]["bindings"])
    rdflib_rows = sorted(key(row.asdict()) for row in theirs)
    assert ox_rows == rdflib_rows


def test_iris_are_shown_with_a_prefix_only_when_the_local_name_allows_one() -> None:
    """In the table, an IRI in a predeclared namespace is shown prefixed (pa:Province) unless
    its local part holds what a prefixed name cannot (a '#', '?' or ':'); others in full."""
    import pyoxigraph as ox

    store = ox.Store()
    rows = run_query(store, """SELECT ?i WHERE { VALUES ?i {
        pa:Province <https://w3id.org/pingan-kg/id/Place/江西省> <https://w3id.org/pingan-kg/id/a#b>
        <https://w3id.org/pingan-kg/id/a:b> <http://example.org/x> rdfs:label } } """, timeout=0).rows
    assert [r[0] for r in rows] == ["pa:Province", "id:Place/江西省", "<https://w3id.org/pingan-kg/id/a#b>",
                                    "<https://w3id.org/pingan-kg/id/a:b>", "<http://example.org/x>", "rdfs:label"]
