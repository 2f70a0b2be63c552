"""Pushing the graph to any SPARQL 1.1 store through the Graph Store HTTP Protocol: one PUT
per document's named graph (so a re-push replaces exactly that document), the gazetteer
graph and the ontology, with authentication and retries."""
from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphNotBuiltError, KGError
from .namespace import BASE

ONTOLOGY_GRAPH = BASE + "ontology"
DOC_GRAPHS = BASE + "doc/"
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class PushError(KGError):
    """The store refused a graph or could not be reached."""


@dataclass
class Auth:
    """Credentials for the store: HTTP basic (user and password) or a bearer token."""

    user: str = ""
    password: str = ""
    token: str = ""

    def header(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user:
            pair = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            return {"Authorization": f"Basic {pair}"}
        return {}


@dataclass
class PushReport:
    """What a push did."""

    graphs: int = 0
    triples: int = 0
    pruned: list[str] = field(default_factory=list)
    retries: int = 0
    remote_triples: int | None = None
    """Triples the endpoint counts in the pushed graphs afterwards (None if not asked)."""


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol address beside a query endpoint: Oxigraph's /query → /store;
    any other address is taken as the graph store itself (Fuseki's dataset URL is both)."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path.endswith("/query") or path.endswith("/sparql"):
        path = path.rsplit("/", 1)[0] + "/store"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def named_graphs(out: Path) -> dict[str, bytes]:
    """Each named graph of out/graph.trig as N-Triples, and the ontology, keyed by graph IRI."""
    trig = out / "graph.trig"
    if not trig.exists():
        raise GraphNotBuiltError(f"{out}: no graph.trig; run `kg build` first")
    graphs: dict[str, list[ox.Triple]] = {}
    for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        name = q.graph_name
        if isinstance(name, ox.NamedNode):
            graphs.setdefault(name.value, []).append(q.triple)
    out_graphs = {g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES) or b"" for g, ts in graphs.items()}
    ontology = resources.files("kg").joinpath("ontology", "pingan.ttl").read_bytes()
    triples = [t for t in ox.parse(ontology, format=ox.RdfFormat.TURTLE)]
    out_graphs[ONTOLOGY_GRAPH] = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return out_graphs


class _Client:
    def __init__(self, auth: Auth, retries: int, timeout: float, sleep: Callable[[float], None] = time.sleep):
        self.headers = auth.header()
        self.retries, self.timeout, self.sleep = retries, timeout, sleep
        self.retried = 0

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
        """One HTTP request, retried with backoff on network errors and on 408/429/5xx."""
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(url, data=body, method=method, headers={**self.headers, **(headers or {})})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as r:
                    return bytes(r.read())
            except urllib.error.HTTPError as e:
                detail = e.read().decode("utf-8", "replace").strip()[:300]
                e.close()
                if e.code not in RETRY_STATUS or attempt == self.retries:
                    hint = " (check --user/--password or --token)" if e.code in (401, 403) else ""
                    raise PushError(f"{method} {url}: HTTP {e.code} {e.reason}{hint}: {detail}") from None
                wait = _retry_after(e.headers.get("Retry-After"), attempt)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
                if attempt == self.retries:
                    raise PushError(f"{method} {url}: {getattr(e, 'reason', e)}") from None
                wait = 0.5 * 2 ** attempt
            self.retried += 1
            self.sleep(wait)
        raise AssertionError("unreachable")


def _retry_after(value: str | None, attempt: int) -> float:
    try:
        return min(float(value), 60.0) if value else 0.5 * 2 ** attempt
    except ValueError:
        return 0.5 * 2 ** attempt


def push(out: Path, endpoint: str, graph_store: str | None = None, auth: Auth | None = None, retries: int = 3,
         timeout: float = 60.0, prune: bool = False, verify: bool = True, concurrency: int = 4,
         progress: Callable[[str], None] | None = None, sleep: Callable[[float], None] = time.sleep) -> PushReport:
    """PUT every named graph of ``out`` into the store; with ``prune`` also DELETE the
    document graphs the store holds that the local graph no longer has (documents removed
    with `kg remove`); with ``verify`` count the pushed triples through the query endpoint."""
    store = graph_store or graph_store_url(endpoint)
    client = _Client(auth or Auth(), retries, timeout, sleep)
    graphs = named_graphs(out)
    report = PushReport()

    def put(item: tuple[str, bytes]) -> int:
        name, data = item
        client.request("PUT", _graph_url(store, name), data, {"Content-Type": "application/n-triples"})
        if progress:
            progress(name)
        return data.count(b"\n")

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        for n in pool.map(put, sorted(graphs.items())):
            report.graphs += 1
            report.triples += n
    if prune:
        remote = _select(client, endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "g")
        for name in sorted(remote):
            if name.startswith(DOC_GRAPHS) and name not in graphs:
                client.request("DELETE", _graph_url(store, name))
                report.pruned.append(name)
    if verify:
        values = " ".join(f"<{g}>" for g in graphs)
        counted = _select(client, endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}", "n")
        report.remote_triples = int(counted[0]) if counted else 0
    report.retries = client.retried
    return report


def _graph_url(store: str, graph: str) -> str:
    joiner = "&" if "?" in store else "?"
    return f"{store}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def _select(client: _Client, endpoint: str, query: str, var: str) -> list[str]:
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    data = client.request("POST", endpoint, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": "application/sparql-results+json"})
    try:
        bindings = json.loads(data)["results"]["bindings"]
    except (ValueError, KeyError) as e:
        raise PushError(f"{endpoint}: not a SPARQL endpoint answer ({e})") from None
    return [b[var]["value"] for b in bindings if var in b]
