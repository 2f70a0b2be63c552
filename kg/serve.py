"""A local SPARQL 1.1 endpoint over the built graph (the SPARQL protocol's query operation),
bound to loopback by default. Every query goes through the same guards as `kg sparql`: read-only,
no SERVICE (the server must not fetch from other addresses for whoever can reach it), a time
limit. The persistent store under out/ is reopened when a build has changed the graph."""
from __future__ import annotations

import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError
from .sparql import DEFAULT_TIMEOUT, run_query
from .store import is_current, open_store

MAX_QUERY_BYTES = 1_000_000
_SELECT_TYPES = {"application/sparql-results+json": "json", "text/csv": "csv",
                 "text/tab-separated-values": "tsv", "application/json": "json"}


class _Graph:
    """The store of ``out``, reopened when a build has changed the graph files."""

    def __init__(self, out: Path):
        self.out = out
        self.store: ox.Store | None = None

    def current(self) -> ox.Store:
        if self.store is None or not is_current(self.out):
            self.store = None  # release the old store before the directory is swapped
            self.store = open_store(self.out)
        return self.store


def make_server(out: Path, host: str = "127.0.0.1", port: int = 7878,
                timeout: float = DEFAULT_TIMEOUT) -> HTTPServer:
    """An HTTP server answering SPARQL queries on /query (GET ?query=, or POST as a form or as
    application/sparql-query); updates get 403. One request at a time: each query runs in a
    forked process that the time limit can stop."""
    graph = _Graph(out)
    graph.current()  # fail now, with a clear message, if the graph is not built

    class Handler(BaseHTTPRequestHandler):
        server_version = "pingan-kg"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, query: str | None) -> None:
            if not query:
                self._send(400, b"no query: send ?query=... or POST one\n")
                return
            accept = self.headers.get("Accept", "")
            fmt = next((f for t, f in _SELECT_TYPES.items() if t in accept), "json")
            try:
                result = run_query(graph.current(), query, fmt, timeout)
            except KGError as e:
                self._send(400, f"{e}\n".encode())
                return
            if result.kind == "ask":
                self._send(200, json.dumps({"head": {}, "boolean": result.boolean}).encode(),
                           "application/sparql-results+json")
            elif result.kind == "graph":
                self._send(200, result.serialized, "application/n-triples")
            else:
                mime = {"json": "application/sparql-results+json", "csv": "text/csv; charset=utf-8",
                        "tsv": "text/tab-separated-values; charset=utf-8"}[fmt]
                self._send(200, result.serialized, mime)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/query":
                self._send(404, b"not found: queries go to /query\n")
                return
            self._answer(urllib.parse.parse_qs(url.query).get("query", [None])[0])

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            path = urllib.parse.urlsplit(self.path).path
            if path == "/update":
                self._send(403, b"the graph is read-only\n")
                return
            if path != "/query":
                self._send(404, b"not found: queries go to /query\n")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_QUERY_BYTES:
                self._send(413, b"query too large\n")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                self._answer(body)
            else:
                form = urllib.parse.parse_qs(body)
                if "update" in form:
                    self._send(403, b"the graph is read-only\n")
                    return
                self._answer(form.get("query", [None])[0])

    try:
        return HTTPServer((host, port), Handler)
    except OSError as e:
        raise KGError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
