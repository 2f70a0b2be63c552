"""The `kg` command: thin click wrappers over the library."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TextIO

import click

from .build import BuildSummary, build
from .errors import KGError


@click.group()
@click.version_option(package_name="pingan-kg")
def cli() -> None:
    """Turn Chinese public-safety governance reports into a typed, sourced knowledge graph."""


@cli.command("build")
@click.option("--sources", default="sources", show_default=True, type=click.Path(file_okay=False),
              help="Folder of .txt documents (and an optional sources.toml manifest).")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl, graph.trig, graph.json and graph.html.")
@click.option("--check", is_flag=True, help="Validate the output against ontology/shapes.ttl (SHACL).")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction.")
@click.option("--store", "load_store", is_flag=True,
              help="Also load the graph into the persistent SPARQL store out/oxigraph (else done by the first query).")
def build_cmd(sources: str, out: str, check: bool, jobs: int, load_store: bool) -> None:
    """Extract every document and write the graph.

    Example: kg build --sources sources/ --out out/
    """
    src = Path(sources)
    try:
        n = len([p for p in src.iterdir() if p.suffix.lower() == ".txt"]) if src.is_dir() else 0
        bar = click.progressbar(length=n, label="extracting", file=sys.stderr)
        with bar:
            summary = build(src, Path(out), progress=lambda _doc: bar.update(1), jobs=jobs)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    _print_summary(summary)
    if load_store:
        from .store import prepare_store

        click.echo(f"store:     {prepare_store(Path(out))}")
    if check:
        from .check import validate

        violations = validate(Path(out))
        for v in violations:
            click.echo(f"violation: {v}", err=True)
        click.echo(f"check:     {'conforms to ontology/shapes.ttl' if not violations else f'{len(violations)} violations'}")
        if violations:
            raise SystemExit(1)
    if summary.failures:
        raise SystemExit(1)


def _print_summary(summary: BuildSummary) -> None:
    for failure in summary.failures:
        click.echo(f"error: {failure}", err=True)
    if summary.documents == 0 and not summary.failures:
        click.echo("warning: no .txt documents in the sources folder; the graph is empty", err=True)
    click.echo(f"documents: {summary.documents}")
    click.echo("nodes:     " + ", ".join(f"{t} {n}" for t, n in sorted(summary.nodes.items())))
    click.echo("edges:     " + ", ".join(f"{p} {n}" for p, n in sorted(summary.edges.items())))
    click.echo(f"cache:     {summary.cached} of {summary.documents} documents unchanged, not extracted again")
    click.echo(f"conflicts: {len(summary.conflicts)}" + "".join(
        f"\n           {a.subject[1]} · {a.indicator}: {a.value} ({a.evidence.doc}) ≠ {b.value} ({b.evidence.doc})"
        for a, b in summary.conflicts[:10]))
    click.echo(f"time:      {summary.seconds:.2f} s")
    if summary.unchanged:
        click.echo("wrote:     nothing: " + ", ".join(str(p) for p in summary.outputs)
                   + " already match these sources, their manifest and this version of kg")
    else:
        click.echo("wrote:     " + ", ".join(str(p) for p in summary.outputs))


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--docs", "docs_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder holding the documents the gold files name.")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Folder of ontology .ttl files (default: the project's ontology/).")
@click.option("-v", "--verbose", is_flag=True, help="List missed and spurious entities and relations per document.")
def eval_cmd(gold_dir: str, docs_dir: str, ontology_dir: str | None, verbose: bool) -> None:
    """Score extraction against gold annotations (ANNOTATION.md rules).

    Example: kg eval ../shared/gold --docs ../shared/seeds
    """
    from .check import ontology_file
    from .evaluate import evaluate

    onto = Path(ontology_dir) if ontology_dir else ontology_file("pingan.ttl").parent
    try:
        report = evaluate(Path(gold_dir), Path(docs_dir), onto)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    if verbose:
        for doc in report.missed:
            click.echo(f"== {doc}")
            click.echo("  missed:   " + ", ".join(report.missed[doc]))
            click.echo("  spurious: " + ", ".join(report.spurious[doc]))
            click.echo("  missed relations: " + "; ".join(report.missed_relations[doc]))
            click.echo("  spurious relations: " + "; ".join(report.spurious_relations.get(doc, [])))
            click.echo("  missed statistics: " + "; ".join(report.missed_statistics.get(doc, [])))
            click.echo("  spurious statistics: " + "; ".join(report.spurious_statistics.get(doc, [])))
    click.echo(f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'found':>7}")
    for t, s in report.types.items():
        click.echo(f"{t:<14}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.gold:7d}{s.found:7d}")
    for label, s in (("ENTITIES", report.entities), ("RELATIONS", report.relations), ("STATISTICS", report.statistics)):
        click.echo(f"{label:<14}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.gold:7d}{s.found:7d}")
    click.echo(f"entity F1 {report.entities.f1:.3f} · relation F1 {report.relations.f1:.3f} · "
               f"statistic F1 {report.statistics.f1:.3f}")


@cli.command("view")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder that `kg build` wrote.")
def view_cmd(out: str) -> None:
    """Open the interactive view (out/graph.html) in the default browser.

    Example: kg view
    """
    page = Path(out) / "graph.html"
    if not page.exists():
        raise click.ClickException(f"{page}: not found; run `kg build` first")
    click.echo(page.resolve().as_uri())
    click.launch(str(page.resolve()))


@cli.command("sparql")
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="json = SPARQL 1.1 Query Results JSON.")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder that `kg build` wrote.")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds before the query is stopped.")
@click.option("--no-store", is_flag=True,
              help="Parse the graph files into memory instead of using the persistent store out/oxigraph.")
def sparql_cmd(query: str | None, query_file: TextIO | None, fmt: str, out: str, timeout: float, no_store: bool) -> None:
    """Run a read-only SPARQL query over the built graph (QUERY, -f FILE, or standard input).

    The prefixes pa:, id:, doc:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, dcterms: and schema: are
    predeclared. The default graph is the whole graph; GRAPH ?g reaches one document's graph.
    The graph is loaded once into an Oxigraph store on disk (out/oxigraph) and reloaded only
    after a build changed it.

    Example: kg sparql 'SELECT ?name WHERE { ?room a pa:MediationRoom ; rdfs:label ?name }'
    """
    from .sparql import open_store, run_query

    try:
        if query_file is not None:
            text = query_file.read()
        elif query == "-" or (query is None and not sys.stdin.isatty()):
            text = sys.stdin.read()
        elif query:
            text = query
        else:
            raise click.UsageError("give a QUERY, -f FILE, or a query on standard input")
        text.encode("utf-8")  # bytes that were not UTF-8 come from argv or stdin as lone surrogates
    except UnicodeError:
        raise click.ClickException("the query is not UTF-8 text") from None
    try:
        result = run_query(open_store(Path(out), persistent=not no_store), text, fmt, timeout)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    if result.kind == "ask":
        click.echo("true" if result.boolean else "false")
    elif fmt == "table" or result.kind == "graph":
        if fmt != "table":
            click.echo(result.serialized.decode("utf-8"), nl=False)
            return
        _print_table(result.variables, result.rows)
    else:
        click.echo(result.serialized.decode("utf-8"), nl=False)


def _print_table(columns: list[str], rows: list[list[str | None]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*["" if v is None else v for v in row])
    Console(width=max(100, shutil.get_terminal_size().columns)).print(table)
    click.echo(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


@cli.command("neighbors")
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 5), help="How many edges away.")
@click.option("--type", "types", multiple=True,
              type=click.Choice(["Place", "Organization", "MediationRoom", "Campaign", "Program", "Person"]),
              help="Only neighbours of this type (repeatable).")
@click.option("--predicate", "predicates", multiple=True,
              type=click.Choice(["locatedIn", "subOrganizationOf", "conducts", "implements", "cooperatesWith",
                                 "affiliatedWith", "partOf"]),
              help="Only along this predicate (repeatable).")
@click.option("--evidence", is_flag=True, help="Print the sentences behind each edge.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder that `kg build` wrote.")
def neighbors_cmd(name: str, depth: int, types: tuple[str, ...], predicates: tuple[str, ...], evidence: bool,
                  as_json: bool, out: str) -> None:
    """Show the entities linked to NAME (any name or alias, Simplified or Traditional).

    Example: kg neighbors 劉欽牛調解室 --evidence
    """
    import json

    from .neighbors import lookup

    name = _utf8_argument(name, "NAME")
    try:
        entity, found, documents = lookup(Path(out), name, depth, set(types) or None, set(predicates) or None)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        payload = {"entity": {k: entity.get(k) for k in ("id", "name", "type", "subtype", "aliases", "adcode",
                                                         "province", "docs")},
                   "neighbors": [n.__dict__ for n in found], "documents": documents}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(100, shutil.get_terminal_size().columns))
    aliases = "、".join(entity.get("aliases", []))
    click.echo(f"{entity['name']} ({entity['type']}{', ' + entity['province'] if entity.get('province') else ''})"
               + (f" · 别名 {aliases}" if aliases else ""))
    table = Table("depth", "edge", "neighbour", "type", "province", "documents")
    for n in found:
        arrow = f"—{n.predicate}→" if n.direction == "out" else f"←{n.predicate}—"
        table.add_row(str(n.depth), arrow, n.name, n.type, n.province,
                      ", ".join(documents.get(d, {}).get("title", "")[:16] or d for d in n.documents) or "gazetteer")
    console.print(table)
    click.echo(f"{len(found)} neighbour{'s' if len(found) != 1 else ''}")
    if evidence:
        for n in found:
            for ev in n.evidence:
                click.echo(f"[{n.predicate}] {n.name} · {ev['doc']} [{ev['start']}, {ev['end']}): {ev['text']}")


@cli.command("push")
@click.option("--endpoint", required=True, help="The store's SPARQL query endpoint, e.g. http://localhost:7878/query.")
@click.option("--graph-store", default=None,
              help="Its Graph Store Protocol address (default: /query or /sparql replaced by /store, as Oxigraph has it; "
                   "else the endpoint itself).")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder that `kg build` wrote.")
@click.option("--user", default="", help="User for HTTP basic authentication.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", default="", help="Password (or set KG_PUSH_PASSWORD).")
@click.option("--token", envvar="KG_PUSH_TOKEN", default="", help="Bearer token (or set KG_PUSH_TOKEN).")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 20),
              help="Retries of a request after a network error or HTTP 408/429/5xx, with backoff.")
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds per request.")
@click.option("--prune", is_flag=True,
              help="Also delete the graphs this out/ pushed there before and no longer has (after kg remove).")
@click.option("--no-verify", is_flag=True, help="Do not count the pushed triples through the query endpoint afterwards.")
@click.option("--all", "everything", is_flag=True,
              help="Send every graph, also those unchanged since the last push to this store (e.g. after it was emptied).")
def push_cmd(endpoint: str, graph_store: str | None, out: str, user: str, password: str, token: str, retries: int,
             timeout: float, prune: bool, no_verify: bool, everything: bool) -> None:
    """Send the graph to a SPARQL 1.1 store: one HTTP PUT per document's named graph (a
    re-push replaces exactly that document), the ontology, and this out/'s gazetteer and
    derived graphs under a name of its own (out/push-origin). Graphs unchanged since this
    out/ last pushed them to that store are not sent again (out/pushed.json).

    Example: kg push --endpoint http://localhost:3030/pingan/sparql --graph-store http://localhost:3030/pingan/data
    """
    from .push import Auth, push

    try:
        report = push(Path(out), endpoint, graph_store, Auth(user, password, token), retries, timeout, prune,
                      verify=not no_verify, everything=everything)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"pushed:    {report.sent} graphs, {report.sent_triples} triples")
    click.echo(f"unchanged: {report.graphs - report.sent} graphs already in the store as they are here, not sent")
    if prune:
        click.echo(f"pruned:    {len(report.pruned)} graphs" + "".join(f"\n           {g}" for g in report.pruned))
    if report.retries:
        click.echo(f"retries:   {report.retries}")
    if report.remote_triples is not None:
        click.echo(f"verified:  the endpoint counts {report.remote_triples} triples in this out/'s {report.graphs} graphs")
        if report.remote_triples != report.triples:
            raise click.ClickException(f"the store holds {report.remote_triples} triples of this out/'s graphs, "
                                       f"{report.triples} expected; `kg push --all` sends every graph again")


def _utf8_argument(value: str, what: str) -> str:
    """A command-line argument, refused with one line if its bytes were not UTF-8 (Python keeps
    them as lone surrogates, which no output can print)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter("not UTF-8 text", param_hint=what) from None
    return value


@cli.command("serve")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder that `kg build` wrote.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds a query may run.")
def serve_cmd(out: str, host: str, port: int, timeout: float) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint until interrupted.

    Queries go to http://HOST:PORT/query; the default graph is the whole graph. Queries are
    checked as `kg sparql` checks them (no updates, no SERVICE, a time limit), and a new build
    is picked up without a restart.

    Example: kg serve --port 7878
    """
    from .serve import make_server

    try:
        server = make_server(Path(out), host, port, timeout)
    except KGError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"SPARQL endpoint: http://{host}:{port}/query (read-only; Ctrl-C stops it)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command("add")
@click.argument("paths", nargs=-1, required=True)
@click.option("--sources", default="sources", show_default=True, type=click.Path(file_okay=False))
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False))
@click.option("--title", default="", help="Title of the document (overrides what the page states).")
@click.option("--date", default="", help="Date, YYYY-MM-DD.")
@click.option("--url", default="", help="Where the document was published.")
@click.option("--publisher", default="", help="Who published it.")
def add_cmd(paths: tuple[str, ...], sources: str, out: str, title: str, date: str, url: str, publisher: str) -> None:
    """Add documents (.txt, .html/.htm, .md files, folders, or - for standard input) to the
    sources and update the graph; only new documents are extracted.

    Example: kg add ~/Downloads/article.html --date 2024-05-06
    """
    from .corpus import add_documents
    from .sources import is_date

    if date and not is_date(date):
        raise click.BadParameter(f"{date!r} is not a date; use YYYY-MM-DD", param_hint="--date")
    try:
        results, summary = add_documents(list(paths), Path(sources), Path(out),
                                         {"title": title, "date": date, "url": url, "publisher": publisher})
    except KGError as e:
        raise click.ClickException(str(e)) from e
    for r in results:
        if r.status == "added":
            click.echo(f"added:     {r.input} → {r.doc_id}")
        elif r.status == "duplicate":
            click.echo(f"unchanged: {r.input} is {r.message}" + ("" if summary is not None else "; nothing to do"))
        else:
            click.echo(f"error: {r.message}", err=True)
    if summary is not None:
        if not any(r.status == "added" for r in results):
            click.echo("out/ was behind sources/ (an earlier add or build did not finish): built it now")
        _print_summary(summary)
    if any(r.status == "error" for r in results) or (summary is not None and summary.failures):
        raise SystemExit(1)


@cli.command("remove")
@click.argument("doc_id")
@click.option("--sources", default="sources", show_default=True, type=click.Path(file_okay=False))
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False))
def remove_cmd(doc_id: str, sources: str, out: str) -> None:
    """Remove one document and every fact that only it supported, then update the graph.

    Example: kg remove 005_1a2b3c4d5e6f7a8b
    """
    from .corpus import remove_document

    try:
        summary = remove_document(doc_id, Path(sources), Path(out))
    except KGError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"removed:   {doc_id}")
    _print_summary(summary)
