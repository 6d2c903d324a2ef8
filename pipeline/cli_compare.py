"""Click commands comparing figures across articles: ``compare``, ``timeline``, ``browse``,
and ``eval compare``. Registered on the ``claimwire`` group by :mod:`pipeline.cli`.

Query commands import neither spaCy nor Prefect.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
import sqlalchemy as sa

from pipeline.cli_common import FORMATS, library_errors, open_engine, output_options, render

#: Saved queries offered by ``claimwire browse`` (Datasette canned queries).
SAVED_QUERIES: dict[str, dict[str, Any]] = {
    "disagreements": {
        "title": "Figures outlets disagree on",
        "description": "Each disagreement with the figures, outlets, dates and sentences.",
        "sql": (
            "SELECT c.id AS comparison, c.event_id, e.title AS event, c.metric, c.value, "
            "c.gap, c.reason, f.outlets, f.published, f.value AS figure, f.text AS sentence "
            "FROM comparisons c LEFT JOIN events e ON e.id = c.event_id "
            "JOIN comparison_figures f ON f.comparison_id = c.id "
            "WHERE c.verdict = 'disagree' ORDER BY c.gap DESC, c.id, f.published"),
    },
    "person_quotes": {
        "title": "A person's quotes",
        "description": "Quotes whose speaker (or an alias of them) matches :name.",
        "sql": (
            "SELECT q.article_id, a.published, s.name AS outlet, q.kind, q.speaker, q.role, "
            "q.cue, q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "LEFT JOIN entities en ON en.id = q.speaker_id "
            "WHERE q.speaker LIKE '%' || :name || '%' OR en.name LIKE '%' || :name || '%' "
            "OR q.speaker_id IN (SELECT entity_id FROM entity_aliases "
            "WHERE alias LIKE '%' || :name || '%') ORDER BY a.published, q.article_id"),
    },
    "place_figures": {
        "title": "Figures about a place",
        "description": "Claims whose place (or an alias of it) matches :place.",
        "sql": (
            "SELECT c.article_id, a.published, s.name AS outlet, c.text, c.subject, "
            "c.predicate, c.value, c.unit, c.currency, c.period_timex AS period, c.place, "
            "se.text AS sentence FROM claims c JOIN articles a ON a.id = c.article_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "LEFT JOIN sentences se ON se.id = c.sentence_id "
            "WHERE c.place LIKE '%' || :place || '%' OR c.place_id IN "
            "(SELECT entity_id FROM entity_aliases WHERE alias LIKE '%' || :place || '%') "
            "ORDER BY a.published, c.article_id"),
    },
}


@click.command()
@click.option("--event", "event_id", type=int, default=None, help="Event id.")
@click.option("--entity", default=None,
              help="A subject, person or place the event or figure is about.")
@click.option("--metric", default=None, help="killed, injured, or a predicate (reach).")
@click.option("--place", default=None, help="Place, any name for it.")
@click.option("--disagreements-only", is_flag=True, help="Only verdicts 'disagree'.")
@click.option("--rebuild", is_flag=True,
              help="Recompute events and verdicts from the stored articles first.")
@output_options
@click.pass_context
@library_errors
def compare(ctx: click.Context, event_id: int | None, entity: str | None, metric: str | None,
            place: str | None, disagreements_only: bool, rebuild: bool, fmt: str,
            limit: int | None) -> None:
    """Figures that articles report about the same thing, and whether they agree.

    Verdicts: agree, disagree (with the gap), update (a later report revises), unclear.
    JSON rows carry ``details``: every figure with its outlets, date and sentence.

    Example: claimwire compare --rebuild --metric killed --disagreements-only
    """
    from pipeline.compare import COMPARISON_FIELDS, build_comparisons, list_comparisons

    engine = open_engine(ctx)
    if rebuild:
        summary = build_comparisons(engine)
        verdicts = ", ".join(f"{k} {v}" for k, v in sorted(summary.verdicts.items()))
        click.echo(f"events {summary.events} ({summary.multi_article_events} with several "
                   f"articles), comparisons {summary.comparisons}: {verdicts or 'none'}; "
                   f"{summary.seconds:.1f}s", err=fmt != "table")
    rows = list_comparisons(engine, event_id=event_id, entity=entity, metric=metric,
                            place=place, disagreements_only=disagreements_only, limit=limit)
    if fmt == "csv":
        click.echo(render(rows, fmt, COMPARISON_FIELDS))
    elif fmt == "json":
        click.echo(render(rows, fmt, (*COMPARISON_FIELDS, "details")))
    else:
        click.echo(render(rows, fmt, ("id", "event_id", "metric", "subject", "place",
                                      "verdict", "value", "gap", "sources", "evidence")))


@click.command()
@click.option("--metric", required=True, help="killed, injured, or a predicate (reach).")
@click.option("--place", default=None, help="Place, any name for it.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Also save a PNG chart here (matplotlib, Agg backend).")
@output_options
@click.pass_context
@library_errors
def timeline(ctx: click.Context, metric: str, place: str | None, plot_path: str | None,
             fmt: str, limit: int | None) -> None:
    """A metric's reported figures over time, with the verdict on each.

    Example: claimwire timeline --metric killed --place Chicago --plot killed.png
    """
    from pipeline.compare import TIMELINE_FIELDS, plot_timeline
    from pipeline.compare import timeline as timeline_rows

    points = timeline_rows(open_engine(ctx), metric=metric, place=place, limit=limit)
    if plot_path:
        title = f"{metric} as reported" + (f", {place}" if place else "")
        lines = plot_timeline(points, plot_path, title=title)
        click.echo(f"saved {plot_path}: {len(points)} figures, {lines} comparisons", err=True)
    click.echo(render(points, fmt, TIMELINE_FIELDS if fmt != "table" else (
        "published", "value", "verdict", "event_id", "place", "outlets", "sentence")))


def datasette_command(database: str, metadata: str, *, port: int = 8001) -> list[str]:
    """The command line serving ``database`` read-only (immutable) with ``metadata``."""
    return [sys.executable, "-m", "datasette", "serve", "--immutable", database,
            "--metadata", metadata, "--port", str(port)]


def write_metadata(database: str, path: Path) -> Path:
    """Write Datasette metadata with the saved queries for ``database`` to ``path``."""
    name = Path(database).stem
    path.write_text(json.dumps({
        "title": "claimwire",
        "description": "Read-only view of a claimwire database.",
        "databases": {name: {"queries": SAVED_QUERIES}},
    }, indent=2), encoding="utf-8")
    return path


@click.command()
@click.option("--port", type=int, default=8001, show_default=True, help="HTTP port.")
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False), default=None,
              help="Write the Datasette metadata (saved queries) here (default: a temp file).")
@click.option("--no-open", "print_only", is_flag=True,
              help="Print the command instead of running it (does not block).")
@click.pass_context
@library_errors
def browse(ctx: click.Context, port: int, metadata_path: str | None, print_only: bool) -> None:
    """Browse the database read-only in Datasette, with saved queries.

    SQLite only; the file is opened immutable. Saved queries: disagreements,
    person_quotes (?name=), place_figures (?place=).

    Example: claimwire browse --no-open
    """
    url = sa.make_url(ctx.obj.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise click.ClickException("browse needs a SQLite database file")
    engine = open_engine(ctx)  # migrates first, so the saved queries find their tables
    with engine.connect() as conn:  # immutable readers ignore the WAL: fold it in first
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    database = str(Path(url.database).expanduser().resolve())
    meta = Path(metadata_path) if metadata_path else Path(
        tempfile.mkdtemp(prefix="claimwire-browse-")) / "metadata.json"
    write_metadata(database, meta)
    command = datasette_command(database, str(meta), port=port)
    if print_only:
        click.echo(shlex.join(command))
        return
    click.echo(f"serving {database} read-only on http://127.0.0.1:{port}/", err=True)
    raise SystemExit(subprocess.call(command))


@click.command(name="compare")
@click.option("--sample", type=int, default=150, show_default=True,
              help="Number of multi-outlet events (0: all 1,239).")
@click.option("--db", "db_url", default=None,
              help="Database to ingest into (default: a SQLite file per sample size under "
                   "the claimwire data folder; re-runs skip stored articles).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder with gva_articles.jsonl and gva_incidents.jsonl "
                   "(default ../shared/corpus).")
@click.option("--part", type=click.Choice(("all", "dev", "test")), default="all",
              show_default=True,
              help="Half of the held-out split (stable hash of event_id) whose events and "
                   "disagreements are printed; the summary always scores all, dev and test.")
@click.option("--show", type=int, default=10, show_default=True,
              help="Disagreements and events to print in full.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="Output format.")
@click.pass_context
@library_errors
def eval_compare(ctx: click.Context, sample: int, db_url: str | None, corpus: str | None,
                 part: str, show: int, fmt: str) -> None:
    """Event grouping and killed/injured consensus against the Gun Violence Archive.

    Ingests the articles of the first N multi-outlet events (SHA-1 order of event_id),
    builds events and verdicts, and scores them: pairwise and B-cubed P/R/F1 against
    event_id; consensus exact-match rate and MAE against GVA's counts. Events are split
    into dev and test halves by a stable hash of event_id: develop on dev (--part dev),
    report both.

    Example: claimwire eval compare --sample 150 --part dev
    """
    from pipeline.eval_compare import DEFAULT_CORPUS, PARTS, evaluate_parts, figure_rows
    from pipeline.settings import default_db_path
    from pipeline.store import open_db

    if db_url is None:
        name = f"eval_compare_{sample or 'all'}.db"
        db_url = f"sqlite:///{default_db_path().parent / name}"
    engine = open_db(db_url)
    reports = evaluate_parts(engine, Path(corpus) if corpus else DEFAULT_CORPUS,
                             sample or None, model=ctx.obj.spacy_model)
    report = reports[part]
    summary = [{"measure": row["measure"],
                **{name: r["value"] for name, r in zip(PARTS, rows, strict=True)}}
               for row, *rows in zip(reports["all"].summary_rows(),
                                     *(reports[n].summary_rows() for n in PARTS),
                                     strict=True)]
    if fmt == "json":
        click.echo(json.dumps({
            "part": part,
            "summary": {r["measure"]: {n: r[n] for n in PARTS} for r in summary},
            "parts": {n: {"killed": reports[n].accuracy("killed"),
                          "injured": reports[n].accuracy("injured"),
                          "pairwise": reports[n].pairwise, "bcubed": reports[n].bcubed}
                      for n in PARTS},
            "killed": report.accuracy("killed"), "injured": report.accuracy("injured"),
            "pairwise": report.pairwise, "bcubed": report.bcubed,
            "events": figure_rows(report), "disagreements": report.disagreements,
            "database": db_url}, indent=2, default=str))
        return
    click.echo(render(summary, fmt, ("measure", *PARTS)))
    if fmt != "table":
        return
    click.echo(f"\ndatabase {db_url}\n\nper event ({part}, first {show}): figures per "
               "outlet, consensus, official")
    shown = figure_rows(report, report.events_in_order()[:show])
    click.echo(render(shown, "table", ("event_id", "metric", "official", "consensus",
                                       "verdict", "by_outlet")))
    click.echo(f"\ndisagreements ({part}: {len(report.disagreements)}; first {show}):")
    for d in report.disagreements[:show]:
        click.echo(f"- {d['event_id']} {d['metric']}: official {d['official']}, consensus "
                   f"{d['consensus']}, gap {d['gap']}")
        for sentence in d["sentences"]:
            click.echo(f"    {sentence[:200]}")
