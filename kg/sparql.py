"""SPARQL over the built graph on an Oxigraph store: read-only, with the ontology's prefixes
predeclared, a time limit, and results as a table, CSV, TSV or SPARQL JSON."""
from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import store
from .errors import QueryError
from .export import PREFIXES as OUTPUT_PREFIXES

PREFIXES: dict[str, str] = {**OUTPUT_PREFIXES, "schema": "https://schema.org/"}
"""Predeclared in every query: those the graph files use and schema: (the ontology's)."""
FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}
DEFAULT_TIMEOUT = 30.0

# comments, strings and IRIs are skipped before keywords are looked for
_SKIP = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>')
_FORBIDDEN = re.compile(r"\b(SERVICE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


@dataclass
class QueryResult:
    """What a query returned: variables and rows of terms (SELECT), a boolean (ASK) or
    triples (CONSTRUCT, DESCRIBE); with a wire format (csv, tsv, json) a SELECT's solutions are
    in ``serialized`` only."""

    kind: str
    variables: list[str]
    rows: list[list[str | None]]
    boolean: bool | None = None
    serialized: bytes = b""


def open_store(out: Path, persistent: bool = True) -> ox.Store:
    """The graph ``kg build`` wrote into ``out``: the union graph as default graph and one
    named graph per document. By default the persistent store on disk (out/oxigraph, loaded
    once); ``persistent=False`` parses the files into memory instead, writing nothing."""
    if persistent:
        try:
            return store.open_store(out)
        except OSError:
            pass  # out/ not writable, or the store in use by a writer: read the files instead
    return store.load_graph(ox.Store(), out)


def check_read_only(query: str) -> None:
    """Refuse updates (INSERT, LOAD…) and federated queries (SERVICE) with a clear message."""
    m = _FORBIDDEN.search(_SKIP.sub(" ", query))
    if m:
        word = m.group(1).upper()
        if word == "SERVICE":
            raise QueryError("SERVICE (federated query) is not allowed: queries run on the local graph only")
        raise QueryError(f"{word}: the graph is read-only; only SELECT, ASK, CONSTRUCT and DESCRIBE queries run")


# a namespace then a local name that may follow a prefix; tried in the order of PREFIXES
_PREFIXED = re.compile("(" + "|".join(re.escape(ns) for ns in PREFIXES.values()) + r")([^\s#?:]*)\Z")
_PREFIX_OF = {ns: prefix for prefix, ns in PREFIXES.items()}


def _term(t: object) -> str | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        m = _PREFIXED.match(t.value)
        return f"{_PREFIX_OF[m.group(1)]}:{m.group(2)}" if m else f"<{t.value}>"
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t)


def _execute(store: ox.Store, query: str, fmt: str) -> QueryResult:
    try:
        result = store.query(query, prefixes=PREFIXES)
    except SyntaxError as e:
        raise QueryError(f"syntax error: {e}") from e
    except OSError as e:
        raise QueryError(f"query failed: {e}") from e
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", [], [], bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        if fmt in FORMATS:
            # written by Oxigraph straight from the solutions: no Python object per term
            return QueryResult("select", variables, [], serialized=result.serialize(format=FORMATS[fmt]) or b"")
        # a solution iterates over its values in the order of the variables, unbound as None:
        # a fifth faster than looking each variable up by name
        rows = [[_term(t) for t in s] for s in result]
        return QueryResult("select", variables, rows)
    triples = list(result)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    rows = [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples]
    return QueryResult("graph", ["subject", "predicate", "object"], rows, serialized=data or b"")


def _child(store: ox.Store, query: str, fmt: str, conn) -> None:  # type: ignore[no-untyped-def]
    try:
        conn.send(("ok", _execute(store, query, fmt)))
    except QueryError as e:
        conn.send(("error", str(e)))
    finally:
        conn.close()


def run_query(store: ox.Store, query: str, fmt: str = "table", timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a read-only query; a query still running after ``timeout`` seconds is stopped."""
    check_read_only(query)
    if timeout <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        return _execute(store, query, fmt)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(store, query, fmt, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"query stopped after {timeout:g} s (use --timeout to allow more)")
    status, payload = parent.recv()
    proc.join()
    if status == "error":
        raise QueryError(payload)
    return payload  # type: ignore[no-any-return]
