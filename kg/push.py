"""Pushing the graph to any SPARQL 1.1 store through the Graph Store HTTP Protocol: one PUT
per document's named graph (so a re-push replaces exactly that document), the gazetteer and
derived graphs and the ontology, with authentication and retries."""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphNotBuiltError, KGError
from .export import DERIVED_GRAPH, GAZETTEER_GRAPH, write_atomic
from .lock import waiting
from .namespace import BASE

ONTOLOGY_GRAPH = BASE + "ontology"
DOC_GRAPHS = BASE + "doc/"
CORPUS_GRAPHS = (GAZETTEER_GRAPH, DERIVED_GRAPH)
"""Graphs that describe this out/'s whole corpus rather than one document: pushed under a name
of their own per out/ (``<graph>/<origin>``), so that machines sharing a store keep theirs."""
ORIGIN = "push-origin"
"""The file in out/ holding that name: random, made at the first push, kept."""
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
    """Graphs of this out/ (sent or unchanged in the store since the last push)."""
    triples: int = 0
    """Triples in them: what the store holds of this out/ afterwards."""
    sent: int = 0
    """Graphs sent: new or changed since this out/ last pushed them to this store."""
    sent_triples: int = 0
    pruned: list[str] = field(default_factory=list)
    retries: int = 0
    remote_triples: int | None = None
    """Triples the endpoint counts in this out/'s graphs afterwards (None if not asked)."""


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
    triples = list(ox.parse(_ontology_source(), format=ox.RdfFormat.TURTLE))
    out_graphs[ONTOLOGY_GRAPH] = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return out_graphs


def _ontology_source() -> bytes:
    return resources.files("kg").joinpath("ontology", "pingan.ttl").read_bytes()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: urllib would send the credentials to wherever they point."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


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
                with _OPENER.open(req, timeout=self.timeout) as r:
                    return bytes(r.read())
            except urllib.error.HTTPError as e:
                detail = e.read().decode("utf-8", "replace").strip()[:300]
                e.close()
                if e.code not in RETRY_STATUS or attempt == self.retries:
                    hint = " (check --user/--password or --token)" if e.code in (401, 403) else ""
                    if 300 <= e.code < 400:
                        hint = f" (redirected to {e.headers.get('Location', '?')}; give that address: redirects are not followed)"
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
    """Seconds to wait: the server's Retry-After when it is a sane number, else backoff."""
    try:
        wait = float(value) if value else math.nan
    except ValueError:
        wait = math.nan
    return min(max(wait, 0.0), 60.0) if math.isfinite(wait) else 0.5 * 2 ** attempt


def push(out: Path, endpoint: str, graph_store: str | None = None, auth: Auth | None = None, retries: int = 3,
         timeout: float = 60.0, prune: bool = False, verify: bool = True, concurrency: int = 4,
         progress: Callable[[str], None] | None = None, sleep: Callable[[float], None] = time.sleep,
         everything: bool = False) -> PushReport:
    """PUT the named graphs of ``out`` into the store (the corpus-wide ones under this
    ``out``'s own name, see CORPUS_GRAPHS): those new or changed since this ``out`` last pushed
    to that store, or all of them with ``everything`` (a document's graph changes only with
    that document, so after `kg add` one document graph and the corpus graphs go). With
    ``prune`` also DELETE the graphs that this ``out`` pushed there before and no longer has
    (documents removed with `kg remove`), never graphs others pushed; with ``verify`` count
    the triples of all this ``out``'s graphs through the query endpoint."""
    store = graph_store or graph_store_url(endpoint)
    client = _Client(auth or Auth(), retries, timeout, sleep)
    graphs = named_graphs(out)
    origin = _origin(out)
    for name in CORPUS_GRAPHS:
        if name in graphs:
            graphs[f"{name}/{origin}"] = graphs.pop(name)
    report = PushReport(graphs=len(graphs), triples=sum(data.count(b"\n") for data in graphs.values()))
    state = _read_state(out)
    pushed_before = state.get(store, {})
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in graphs.items()}
    # the ontology's blank nodes get new labels at every parse: its source file says whether it changed
    digests[ONTOLOGY_GRAPH] = hashlib.sha256(_ontology_source()).hexdigest()
    todo = sorted(name for name in graphs if everything or pushed_before.get(name) != digests[name])
    sent: dict[str, str] = {}
    pruned: set[str] = set()

    def put(name: str) -> str:
        client.request("PUT", _graph_url(store, name), graphs[name], {"Content-Type": "application/n-triples"})
        if progress:
            progress(name)
        return name

    try:
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            futures = [pool.submit(put, name) for name in todo]
            failure: BaseException | None = None
            for future in as_completed(futures):
                try:
                    name = future.result()
                except BaseException as e:
                    if failure is None:
                        failure = e
                        for other in futures:
                            other.cancel()  # those not started; those under way finish and are recorded
                    continue
                sent[name] = digests[name]
                report.sent += 1
                report.sent_triples += graphs[name].count(b"\n")
            if failure is not None:
                raise failure
        if prune:
            # only graphs this out/ pushed there itself: other machines' documents are theirs
            for name in sorted(set(pushed_before) - set(graphs)):
                if name.startswith(DOC_GRAPHS) or name.startswith(CORPUS_GRAPHS):
                    client.request("DELETE", _graph_url(store, name))
                    report.pruned.append(name)
                    pruned.add(name)
    finally:
        # what reached the store is remembered even when a later request failed
        _record(out, store, sent, pruned)
    if verify:
        values = " ".join(f"<{g}>" for g in graphs)
        counted = _select(client, endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}", "n")
        report.remote_triples = int(counted[0]) if counted else 0
    report.retries = client.retried
    return report


PUSH_STATE = "pushed.json"
"""Per graph store, the graphs this out/ has pushed there and a hash of each (what --prune may
delete, what need not be sent again)."""


def _origin(out: Path) -> str:
    """This out/'s own name for its corpus graphs in a shared store, made at its first push
    (under the lock, so that two first pushes agree on it)."""
    path = out / ORIGIN

    def read() -> str | None:
        try:
            name = path.read_text(encoding="utf-8").strip()
            return name if re.fullmatch(r"[0-9a-f]{16}", name) else None
        except OSError:
            return None

    found = read()
    if found:
        return found
    with waiting(out / _STATE_LOCK):
        found = read()
        if not found:
            found = secrets.token_hex(8)
            write_atomic(path, found.encode("ascii"))
    return found


def _record(out: Path, store: str, sent: dict[str, str], pruned: set[str]) -> None:
    """Add to pushed.json what this push sent to ``store`` and drop what it deleted there, read
    and written under a lock: another push from this out/ meanwhile (to this store or another)
    keeps what it recorded."""
    with waiting(out / _STATE_LOCK):
        state = _read_state(out)
        graphs = {**state.get(store, {}), **sent}
        state[store] = {name: digest for name, digest in graphs.items() if name not in pruned}
        write_atomic(out / PUSH_STATE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


_STATE_LOCK = ".pushed.lock"


def _read_state(out: Path) -> dict[str, dict[str, str]]:
    """Per store, each graph this out/ pushed there and the SHA-256 of what was sent (a list of
    names, as earlier versions kept, counts as sent with unknown content)."""
    try:
        data = json.loads((out / PUSH_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    state: dict[str, dict[str, str]] = {}
    for store, graphs in data.items():
        if isinstance(graphs, dict):
            state[store] = {str(g): str(h) for g, h in graphs.items()}
        elif isinstance(graphs, list):
            state[store] = {str(g): "" for g in graphs}
    return state


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
