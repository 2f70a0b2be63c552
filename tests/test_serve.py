"""`kg serve` answers real SPARQL HTTP requests on loopback and refuses updates."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(out, *options: str):  # type: ignore[no-untyped-def]
    """`kg serve` of ``out`` on a free loopback port, until the block ends: (url, port, process)."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--out", str(out), "--port", str(port), *options],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}", port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


@pytest.fixture()
def endpoint(built):  # type: ignore[no-untyped-def]
    with _serving(built[0], "--timeout", "3") as served:
        yield served


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_stopping_kg_serve_stops_the_server(endpoint) -> None:  # type: ignore[no-untyped-def]
    """SIGTERM to `kg serve` frees the port: no Oxigraph server is left running on its own."""
    _, port, proc = endpoint
    proc.terminate()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while _port_open(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _port_open(port)


def test_http_query_on_loopback(endpoint) -> None:  # type: ignore[no-untyped-def]
    endpoint = endpoint[0]
    query = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
             'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(str(?l) = "刘钦牛调解室") }')
    req = urllib.request.Request(endpoint + "/query?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        data = json.loads(r.read())
    assert [b["s"]["value"] for b in data["results"]["bindings"]] == [
        "https://w3id.org/pingan-kg/id/mediationroom/刘钦牛调解室"]


def test_updates_are_refused(endpoint) -> None:  # type: ignore[no-untyped-def]
    endpoint = endpoint[0]
    body = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(urllib.request.Request(endpoint + "/update", data=body), timeout=10)
    assert e.value.code in (403, 405)
    e.value.close()


def _get(url: str, query: str) -> tuple[int, bytes]:
    req = urllib.request.Request(url + "/query?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        body = e.read()
        e.close()
        return e.code, body


def test_federated_queries_are_refused(endpoint) -> None:  # type: ignore[no-untyped-def]
    """Whoever reaches the endpoint must not make it fetch from other addresses."""
    status, body = _get(endpoint[0], "SELECT * WHERE { SERVICE <http://127.0.0.1:1/query> { ?s ?p ?o } }")
    assert status == 400 and b"SERVICE" in body


def test_a_query_that_runs_too_long_is_stopped(endpoint) -> None:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    status, body = _get(endpoint[0], "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 400 and b"stopped after 3 s" in body and time.monotonic() - t0 < 20
    status, _ = _get(endpoint[0], "ASK { ?s ?p ?o }")  # and the server still answers
    assert status == 200


def test_a_new_build_is_served_without_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kg.build import build

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("江西省公安厅开展“长风”专项行动。", encoding="utf-8")
    build(src, out)
    count = 'SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/pingan-kg/ontology#Document> }'
    with _serving(out) as (url, _, _):
        assert json.loads(_get(url, count)[1])["results"]["bindings"][0]["n"]["value"] == "1"
        (src / "b.txt").write_text("江苏省公安厅开展“净网”专项行动。", encoding="utf-8")
        build(src, out)
        assert json.loads(_get(url, count)[1])["results"]["bindings"][0]["n"]["value"] == "2"
