"""The `kg` command: thin click wrappers over the library."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import build
from .errors import KGError


@click.group()
@click.version_option(package_name="pingan-kg")
def cli() -> None:
    """Turn Chinese public-safety governance reports into a typed, sourced knowledge graph."""


@cli.command("build")
@click.option("--sources", default="sources", show_default=True, type=click.Path(file_okay=False),
              help="Folder of .txt documents (and an optional sources.toml manifest).")
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl and graph.trig.")
def build_cmd(sources: str, out: str) -> None:
    """Extract every document and write the graph.

    Example: kg build --sources sources/ --out out/
    """
    src = Path(sources)
    try:
        n = len([p for p in src.iterdir() if p.suffix.lower() == ".txt"]) if src.is_dir() else 0
        bar = click.progressbar(length=n, label="extracting", file=sys.stderr)
        with bar:
            summary = build(src, Path(out), progress=lambda _doc: bar.update(1))
    except KGError as e:
        raise click.ClickException(str(e)) from e
    for failure in summary.failures:
        click.echo(f"error: {failure}", err=True)
    click.echo(f"documents: {summary.documents}")
    click.echo("nodes:     " + ", ".join(f"{t} {n}" for t, n in sorted(summary.nodes.items())))
    click.echo("edges:     " + ", ".join(f"{p} {n}" for p, n in sorted(summary.edges.items())))
    click.echo(f"time:      {summary.seconds:.2f} s")
    click.echo("wrote:     " + ", ".join(str(p) for p in summary.outputs))
    if summary.failures:
        raise SystemExit(1)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--docs", "docs_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder holding the documents the gold files name.")
@click.option("--ontology", "ontology_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Folder of ontology .ttl files (default: the project's ontology/).")
@click.option("-v", "--verbose", is_flag=True, help="List missed and spurious entities per document.")
def eval_cmd(gold_dir: str, docs_dir: str, ontology_dir: str | None, verbose: bool) -> None:
    """Score extraction against gold annotations (ANNOTATION.md rules).

    Example: kg eval ../shared/gold --docs ../shared/seeds
    """
    from .evaluate import evaluate

    onto = Path(ontology_dir) if ontology_dir else Path(__file__).resolve().parent.parent / "ontology"
    report = evaluate(Path(gold_dir), Path(docs_dir), onto)
    if verbose:
        for doc in report.missed:
            click.echo(f"== {doc}")
            click.echo("  missed:   " + ", ".join(report.missed[doc]))
            click.echo("  spurious: " + ", ".join(report.spurious[doc]))
            click.echo("  missed relations: " + "; ".join(report.missed_relations[doc]))
    click.echo(f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'found':>7}")
    for t, s in report.types.items():
        click.echo(f"{t:<14}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.gold:7d}{s.found:7d}")
    for label, s in (("ENTITIES", report.entities), ("RELATIONS", report.relations), ("STATISTICS", report.statistics)):
        click.echo(f"{label:<14}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.gold:7d}{s.found:7d}")
    click.echo(f"entity F1 {report.entities.f1:.3f} · relation F1 {report.relations.f1:.3f} · "
               f"statistic F1 {report.statistics.f1:.3f}")
