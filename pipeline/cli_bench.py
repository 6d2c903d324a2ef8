"""``claimwire bench``: ingestion throughput against bare spaCy, and query times at scale.

Registered in :mod:`pipeline.cli` with ``cli.add_command(bench)``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.errors import ClaimwireError


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _counts(value: str) -> list[int]:
    try:
        counts = sorted({int(x) for x in value.split(",") if x.strip()})
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of numbers") from exc
    if not counts or counts[0] < 1:
        raise click.BadParameter("process counts are 1 or more")
    return counts


@click.command()
@click.option("--articles", "n", type=click.IntRange(1), default=1000, show_default=True,
              help="Articles to ingest: alternately GVA and BBC, read in place.")
@click.option("--processes", default="1,2", show_default=True,
              help="Process counts to run claimwire end to end with (comma-separated).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with gva_articles.jsonl and bbc_news.jsonl "
                   "(default ../shared/corpus; CLAIMWIRE_CORPUS_DIR).")
@click.option("--chunk", type=click.IntRange(1), default=100, show_default=True,
              help="Articles per alternation chunk (1 process) and per worker task.")
@click.option("--queries", is_flag=True,
              help="Instead: fill --db with --claims synthetic claims and time the queries.")
@click.option("--claims", "n_claims", type=click.IntRange(1), default=1_000_000,
              show_default=True, help="With --queries: claims to generate.")
@click.option("--sample", type=click.IntRange(1), default=300, show_default=True,
              help="With --queries: corpus articles extracted to sample claims from.")
@click.option("--runs", type=click.IntRange(1), default=7, show_default=True,
              help="With --queries: runs per query (the median is reported).")
@click.option("--keep", is_flag=True,
              help="With --queries: reuse the claims already in --db instead of refilling.")
@click.pass_context
def bench(ctx: click.Context, n: int, processes: str, fmt: str, corpus: Path | None, chunk: int,
          queries: bool, n_claims: int, sample: int, runs: int, keep: bool) -> None:
    """Measure claimwire: ingestion against bare spaCy, or queries over a million claims.

    Ingestion: the same articles through bare spaCy nlp.pipe (the model's default
    pipeline) and through claimwire end to end into a fresh SQLite file, alternating
    chunk by chunk; the time split by stage; then N worker processes; peak RSS.

    Example: claimwire bench --articles 200 --processes 1,2

    Example: claimwire --db postgresql+psycopg://127.0.0.1/test bench --queries
    """
    from pipeline import bench as b
    from pipeline.settings import Settings

    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()
    corpus_dir = corpus or b.CORPUS_DIR
    try:
        if queries:
            report = b.run_query_bench(settings.database_url, n_claims=n_claims,
                                       sample=sample, runs=runs, keep=keep,
                                       corpus_dir=corpus_dir, settings=settings, echo=_progress)
            click.echo(json.dumps(report, indent=2, default=str) if fmt == "json"
                       else b.render_queries(report))
            return
        result = b.run_bench(n, processes=_counts(processes), corpus_dir=corpus_dir,
                             chunk=chunk, settings=settings, echo=_progress)
    except (ClaimwireError, FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result.as_dict(), indent=2) if fmt == "json"
               else b.render_bench(result))
