"""`kg push` against a real Oxigraph server started on loopback by the test, and against a
small HTTP stub for authentication and retries."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.push import Auth, PushError, push

from .conftest import DOC000, DOC001, SOURCES

DOC_GRAPH = "https://w3id.org/pingan-kg/doc/{}/graph"


def oxigraph_binary() -> str:
    """The `oxigraph` command installed beside this Python (pip install oxigraph), else the one
    on PATH: the writable SPARQL store the pushes go to."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the `oxigraph` command is missing: pip install oxigraph")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A writable Oxigraph SPARQL server on loopback; yields its query endpoint."""
    port = _free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "oxigraph did not start") from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/query"
    proc.terminate()
    proc.wait(timeout=10)
    if proc.stderr:
        proc.stderr.close()


def _select(endpoint: str, query: str) -> list[dict[str, str]]:
    req = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        rows = json.loads(r.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def _graph_sizes(endpoint: str) -> dict[str, int]:
    rows = _select(endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows}


def test_push_sends_each_document_as_its_named_graph(built, oxigraph: str) -> None:
    result = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph, "--out", str(built[0])])
    assert result.exit_code == 0, result.output
    sizes = _graph_sizes(oxigraph)
    docs = [g for g in sizes if g.startswith("https://w3id.org/pingan-kg/doc/")]
    assert len(docs) == 5 and DOC_GRAPH.format(DOC000) in docs
    origin = (built[0] / "push-origin").read_text(encoding="utf-8")
    assert f"https://w3id.org/pingan-kg/graph/gazetteer/{origin}" in sizes and "https://w3id.org/pingan-kg/ontology" in sizes
    assert sizes[f"https://w3id.org/pingan-kg/graph/derived/{origin}"] > 0  # pa:inProvince, which queries/ rely on
    pushed = sum(sizes.values())
    assert f"pushed:    8 graphs, {pushed} triples" in result.output
    assert f"the endpoint counts {pushed} triples" in result.output
    rows = _select(oxigraph, f"""PREFIX pa: <https://w3id.org/pingan-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?centre WHERE {{ GRAPH <{DOC_GRAPH.format(DOC000)}> {{
          ?room rdfs:label "刘钦牛调解室"@zh ; pa:subOrganizationOf ?c . ?c rdfs:label ?centre }} }}""")
    assert rows == [{"centre": "樟树市综治中心"}]


def test_repush_replaces_exactly_the_documents_and_prunes_only_its_own(built, oxigraph: str, tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(SOURCES, src)
    shutil.copytree(built[0], out)
    other_src, other_out = tmp_path / "other-src", tmp_path / "other-out"  # another machine's corpus
    other_src.mkdir()
    (other_src / "z.txt").write_text("江苏省公安厅开展“昆仑”行动,抓获犯罪嫌疑人100名。", encoding="utf-8")
    build(other_src, other_out)
    push(other_out, oxigraph)
    push(out, oxigraph)
    before = _graph_sizes(oxigraph)
    (src / f"{DOC001}.txt").unlink()
    build(src, out)
    report = push(out, oxigraph, prune=True)
    after = _graph_sizes(oxigraph)
    assert report.pruned == [DOC_GRAPH.format(DOC001)]
    assert DOC_GRAPH.format(DOC001) in before and DOC_GRAPH.format(DOC001) not in after
    assert DOC_GRAPH.format("z") in after  # not pushed from this out/: never pruned from it
    assert report.remote_triples == report.triples
    # a second push of the same graph changes nothing: PUT replaces, never appends
    again = push(out, oxigraph, prune=True)
    assert _graph_sizes(oxigraph) == after and again.pruned == []


def test_a_push_after_adding_a_document_sends_only_what_changed(built, oxigraph: str, tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(SOURCES, src)
    shutil.copytree(built[0], out)
    first = push(out, oxigraph)
    assert first.sent == first.graphs == 8
    (src / "z.txt").write_text("江苏省公安厅开展“昆仑”行动,抓获犯罪嫌疑人100名。", encoding="utf-8")
    build(src, out)
    sent: list[str] = []
    report = push(out, oxigraph, progress=sent.append)
    origin = (out / "push-origin").read_text(encoding="utf-8")
    # the new document, and the corpus graphs its province and counts changed; no other document
    assert DOC_GRAPH.format("z") in sent and f"https://w3id.org/pingan-kg/graph/derived/{origin}" in sent
    assert not [g for g in sent if g.startswith("https://w3id.org/pingan-kg/doc/") and g != DOC_GRAPH.format("z")]
    assert report.graphs == 9 and report.sent == len(sent) < 9
    assert report.remote_triples == report.triples == sum(_graph_sizes(oxigraph).values())
    # a store that lost the graphs is found out by the count, and --all sends everything again
    for g in _graph_sizes(oxigraph):
        urllib.request.urlopen(urllib.request.Request(oxigraph.replace("/query", "/store") + "?" +
                                                      urllib.parse.urlencode({"graph": g}), method="DELETE"))
    r = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph, "--out", str(out)])
    assert r.exit_code == 1 and "kg push --all" in r.output and "pushed:    0 graphs" in r.output
    r = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph, "--out", str(out), "--all"])
    assert r.exit_code == 0 and "pushed:    9 graphs" in r.output, r.output
    assert sum(_graph_sizes(oxigraph).values()) == report.triples


class _Stub(BaseHTTPRequestHandler):
    """Refuses the first PUT with 503 and records every Authorization header."""

    seen: list[tuple[str, str, str]] = []
    fail_first = True
    status = 0
    retry_after = "0"

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append(("PUT", self.path, self.headers.get("Authorization", "")))
        if type(self).status:
            self.send_response(type(self).status)
            if 300 <= type(self).status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
        elif type(self).fail_first:
            type(self).fail_first = False
            self.send_response(503)
            self.send_header("Retry-After", type(self).retry_after)
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def stub() -> Iterator[str]:
    _Stub.seen, _Stub.fail_first, _Stub.status, _Stub.retry_after = [], True, 0, "0"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ds/sparql"
    server.shutdown()
    server.server_close()


def test_push_authenticates_and_retries(built, stub: str) -> None:
    waits: list[float] = []
    report = push(built[0], stub, graph_store=stub.replace("/sparql", "/data"), auth=Auth(token="s3cret"),
                  verify=False, concurrency=1, sleep=waits.append)
    assert report.graphs == 8 and report.retries == 1 and waits == [0.0]
    assert len(_Stub.seen) == 9 and all(auth == "Bearer s3cret" for _, _, auth in _Stub.seen)  # 8 PUTs, one of them twice
    assert all(path.startswith("/ds/data?graph=https%3A%2F%2Fw3id.org%2Fpingan-kg%2F") for _, path, _ in _Stub.seen)


def test_refused_credentials_are_a_clear_error(built, stub: str) -> None:
    _Stub.status = 401
    with pytest.raises(PushError, match=r"HTTP 401.*--user/--password or --token"):
        push(built[0], stub, auth=Auth("ann", "wrong"), verify=False, sleep=lambda _s: None)
    assert _Stub.seen[0][2].startswith("Basic ")
    result = CliRunner().invoke(cli, ["push", "--endpoint", "http://127.0.0.1:9/query", "--out", str(built[0]),
                                      "--retries", "0"])
    assert result.exit_code == 1 and "Error:" in result.output and "127.0.0.1:9" in result.output


def test_redirects_are_not_followed_with_the_credentials(built, stub: str) -> None:
    _Stub.status = 302
    with pytest.raises(PushError, match="redirected to http://127.0.0.1:9/elsewhere"):
        push(built[0], stub, auth=Auth(token="s3cret"), verify=False, retries=0)
    assert len(_Stub.seen) >= 1


@pytest.mark.parametrize("header", ["-1", "nan", "soon", "1e9"])
def test_a_hostile_retry_after_is_bounded(built, stub: str, header: str) -> None:
    _Stub.retry_after = header
    waits: list[float] = []
    push(built[0], stub, verify=False, concurrency=1, sleep=waits.append)
    assert len(waits) == 1 and 0.0 <= waits[0] <= 60.0


def test_two_machines_pushing_to_one_store_keep_each_others_corpus_graphs(built, oxigraph: str, tmp_path: Path) -> None:
    """Each out/ pushes its gazetteer graph and its pa:inProvince index under its own name: a
    second machine's push leaves the first one's province index, and queries on it, intact."""
    from kg.build import build

    src, other = tmp_path / "src", tmp_path / "other"
    src.mkdir()
    (src / "a.txt").write_text("湖南省公安厅开展“雷霆”行动，长沙市公安局参与。", encoding="utf-8")
    build(src, other)
    for out in (built[0], other):
        result = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph, "--out", str(out), "--prune"])
        assert result.exit_code == 0, result.output
    sizes = _graph_sizes(oxigraph)
    derived = [g for g in sizes if g.startswith("https://w3id.org/pingan-kg/graph/derived/")]
    assert len(derived) == 2 and all(sizes[g] > 0 for g in derived)
    rooms = _select(oxigraph, "PREFIX pa: <https://w3id.org/pingan-kg/ontology#> "
                              "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                              "SELECT ?name WHERE { GRAPH ?d { ?room pa:inProvince ?p } "
                              "GRAPH ?g { ?room a pa:MediationRoom ; rdfs:label ?name } "
                              "GRAPH ?h { ?p rdfs:label \"江西省\"@zh } }")
    assert "刘钦牛调解室" in {r["name"] for r in rooms}


def test_pushes_from_one_out_to_two_stores_at_once_keep_both_records(built, oxigraph: str, stub: str,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    (out / "pushed.json").unlink(missing_ok=True)  # left by the tests before
    other: list[int] = []

    def meanwhile(name: str) -> None:
        if not other:  # while this push runs, another from the same out/ to another store
            other.append(push(out, stub, retries=2, verify=False, sleep=lambda s: None).sent)

    report = push(out, oxigraph, progress=meanwhile, concurrency=1)
    state = json.loads((out / "pushed.json").read_text(encoding="utf-8"))
    stores = {oxigraph.replace("/query", "/store"), stub.replace("/sparql", "/store")}
    assert set(state) == stores, state
    assert other == [8] and report.sent == 8
    assert all(len(graphs) == 8 for graphs in state.values())
    # and a second push to the first store has nothing to send
    assert push(out, oxigraph).sent == 0
