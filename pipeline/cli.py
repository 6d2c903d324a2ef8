"""The ``claimwire`` command: a thin shell over the library.

Query commands import neither spaCy nor Prefect, so they answer fast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time

import click

from pipeline.cli_bench import bench
from pipeline.cli_common import FORMATS, library_errors, open_engine, output_options, render
from pipeline.cli_compare import browse, compare, eval_compare, timeline
from pipeline.settings import Settings


@click.group()
@click.option("--db", "database_url", envvar="CLAIMWIRE_DATABASE_URL", default=None,
              help="SQLAlchemy database URL (default: a SQLite file; see README).")
@click.version_option(package_name="claimwire")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None) -> None:
    """claimwire: extract, normalise and compare the claims of news articles."""
    ctx.obj = Settings.from_env(database_url=database_url)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Publication date for every article read (YYYY-MM-DD); it overrides "
                   "the date an input carries.")
@click.option("--source", default=None, help="Outlet name, e.g. DailyMail.co.uk.")
@click.option("--url", default=None, help="Original URL of the article.")
@click.option("--limit", type=int, default=None,
              help="At most this many records per JSONL file or feed.")
@click.option("--incremental", is_flag=True,
              help="From folders, take only files modified since the last completed run.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run extraction on this Dask scheduler (tcp://host:8786); "
                   "default $CLAIMWIRE_DASK_ADDRESS, else in this process.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=256, show_default=True,
              help="Articles per extraction task (the unit sent to a Dask worker).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Summary format.")
@click.option("--verbose", is_flag=True, help="Show Prefect's flow and task logs.")
@click.pass_context
@library_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], published: dt.datetime | None,
           source: str | None, url: str | None, limit: int | None, incremental: bool,
           dask_address: str | None, chunk_size: int, fmt: str, verbose: bool) -> None:
    """Read, extract and store articles: files, folders, feeds and pages (http/https URLs).

    Inputs: .txt in the seed's format, .jsonl dumps, .html pages, RSS/Atom feeds, WARC
    archives. Runs the Prefect flow ``ingest`` ad hoc (no Prefect server needed) and
    records the run (see ``claimwire runs``).

    Example: claimwire ingest corpus/ --source DailyMail.co.uk
    """
    if not verbose:  # keep stdout for the summary (and --format json parseable)
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.ingest import ingest as ingest_flow
    from pipeline.nlp import load_nlp

    started = time.perf_counter()
    load_nlp(ctx.obj.spacy_model)  # fail fast, with a clear message, if the model is missing
    dask_address = dask_address or ctx.obj.dask_address
    if dask_address:
        from prefect_dask import DaskTaskRunner

        ingest_flow = ingest_flow.with_options(task_runner=DaskTaskRunner(address=dask_address))
    summary = ingest_flow(
        paths=list(paths), database_url=ctx.obj.database_url,
        published=published.date() if published else None, source=source, url=url,
        limit=limit, incremental=incremental, chunk_size=chunk_size,
    )
    wall = time.perf_counter() - started
    if fmt == "json":
        click.echo(json.dumps({**summary.as_dict(), "wall_seconds": round(wall, 3)}, indent=2))
        return
    click.echo(f"read {summary.read}, stored {summary.stored}, "
               f"already stored {summary.duplicates}, skipped {sum(summary.skipped.values())}, "
               f"failed {sum(summary.failed.values())}")
    for reason, count in sorted((summary.skipped + summary.failed).items()):
        verb = "failed" if reason in summary.failed else "skipped"
        click.echo(f"  {verb} {count} {reason}, e.g. {summary.skipped_examples[reason]}")
    labels = ", ".join(f"{label} {n}" for label, n in summary.mentions.most_common())
    click.echo(f"mentions: {labels or 'none'}")
    click.echo(f"quantities {summary.quantities}, dates {summary.dates}, "
               f"quotes {summary.quotes}, claims {summary.claims}")
    rate = summary.stored / summary.seconds if summary.seconds else 0.0
    click.echo(f"extract+store {summary.seconds:.1f}s ({rate:.1f} articles/s), "
               f"wall {wall:.1f}s; database {ctx.obj.database_url}")


@cli.command()
@click.option("--registry", type=click.Path(exists=True, dir_okay=False), required=True,
              help="Source registry (TOML): feeds and folders, their outlets, a schedule.")
@click.option("--cron", default=None, help="Cron schedule; default the registry's.")
@click.option("--name", default="claimwire-ingest", show_default=True,
              help="Deployment name on the Prefect server.")
@click.pass_context
@library_errors
def serve(ctx: click.Context, registry: str, cron: str | None, name: str) -> None:
    """Serve the ingest flow as a Prefect deployment on a cron schedule (runs until stopped).

    Needs a Prefect server: start one with ``prefect server start`` and set
    PREFECT_API_URL=http://127.0.0.1:4200/api. Each scheduled run is incremental: folders
    give only files modified since the last completed run, feeds only entries not stored.

    Example: claimwire serve --registry sources.toml
    """
    from pathlib import Path

    from pipeline.errors import ClaimwireError

    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        raise ClaimwireError(
            "claimwire serve needs a Prefect server: run `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (a temporary server would never "
            "fire the schedule)")
    from flows.ingest import ingest as ingest_flow
    from pipeline.registry import load_registry

    sources = load_registry(Path(registry))
    schedule = cron or sources.schedule
    if not schedule:
        raise ClaimwireError(f"{registry} has no schedule: add one, or give --cron")
    outlets = {f.url: f.outlet for f in sources.feeds}
    outlets |= {str(f.path): f.outlet for f in sources.folders}
    parameters = {"paths": list(outlets), "outlets": outlets,
                  "database_url": ctx.obj.database_url, "incremental": True}
    click.echo(f"serving {name!r} on {api_url}: {len(parameters['paths'])} inputs, "
               f"cron {schedule!r}")
    ingest_flow.serve(name=name, cron=schedule, parameters=parameters,
                      print_starting_message=False)


@cli.command()
@output_options
@click.pass_context
@library_errors
def runs(ctx: click.Context, fmt: str, limit: int | None) -> None:
    """Ingest runs, newest first: when, what they read, and the counts by outcome.

    read = stored + duplicates + skipped + failed; failed inputs (network errors) are
    tried again by the next run.

    Example: claimwire runs --limit 5
    """
    from pipeline.query import RUN_FIELDS, list_runs

    rows = list_runs(open_engine(ctx), limit=limit)
    fields = RUN_FIELDS if fmt != "table" else ("id", "status", "started_at", "seconds", "read",
                                                 "stored", "duplicates", "skipped", "failed",
                                                 "reasons")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--article", "article_id", type=int, default=None, help="One article's sightings.")
@output_options
@click.pass_context
@library_errors
def sightings(ctx: click.Context, article_id: int | None, fmt: str, limit: int | None) -> None:
    """Every place each article was seen: its first reading and the copies stored as it.

    Example: claimwire sightings --article 1
    """
    from pipeline.query import SIGHTING_FIELDS, list_sightings

    rows = list_sightings(open_engine(ctx), article_id=article_id, limit=limit)
    fields = SIGHTING_FIELDS if fmt != "table" else ("article_id", "kind", "source", "published",
                                                      "similarity", "url", "origin")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--status", type=click.Choice(["stored", "skipped"]), default=None)
@output_options
@click.pass_context
@library_errors
def articles(ctx: click.Context, status: str | None, fmt: str, limit: int | None) -> None:
    """List ingested articles, stored and skipped (with the reason).

    Example: claimwire articles --status skipped --format json
    """
    from pipeline.query import ARTICLE_FIELDS, list_articles

    rows = list_articles(open_engine(ctx), status=status, limit=limit)
    fields = ARTICLE_FIELDS if fmt != "table" else (
        "id", "status", "published", "source", "sentences", "mentions", "title",
        "reject_reason")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--article", "article_id", type=int, default=None, help="Article id.")
@output_options
@click.pass_context
@library_errors
def sentences(ctx: click.Context, article_id: int | None, fmt: str, limit: int | None) -> None:
    """List sentences with their paragraph kind and how often the paragraph repeated.

    Example: claimwire sentences --article 1
    """
    from pipeline.query import SENTENCE_FIELDS, list_sentences

    rows = list_sentences(open_engine(ctx), article_id=article_id, limit=limit)
    fields = SENTENCE_FIELDS if fmt != "table" else (
        "article_id", "idx", "paragraph_kind", "repeats", "text")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--label", default=None, help="PERSON, ORG, GPE, LOC, MONEY, DATE, ...")
@click.option("--article", "article_id", type=int, default=None, help="Article id.")
@click.option("--text", default=None, help="Exact mention text.")
@output_options
@click.pass_context
@library_errors
def mentions(ctx: click.Context, label: str | None, article_id: int | None, text: str | None,
             fmt: str, limit: int | None) -> None:
    """List entity mentions; dates show what they resolved to.

    Example: claimwire mentions --label PERSON --article 1
    """
    from pipeline.query import MENTION_FIELDS, list_mentions

    rows = list_mentions(open_engine(ctx), label=label, article_id=article_id, text=text,
                         limit=limit)
    fields = MENTION_FIELDS if fmt != "table" else (
        "article_id", "sentence_idx", "label", "text", "entity", "role", "resolved")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--unit", default=None, help="Canonical unit or ISO currency (percentage, GBP).")
@click.option("--kind", default=None, help="count, money, percent, duration, length, ...")
@click.option("--article", "article_id", type=int, default=None, help="Article id.")
@output_options
@click.pass_context
@library_errors
def quantities(ctx: click.Context, unit: str | None, kind: str | None, article_id: int | None,
               fmt: str, limit: int | None) -> None:
    """List normalised quantities: value or bounds, unit, currency, hedge, counted noun.

    Example: claimwire quantities --unit GBP --format json
    """
    from pipeline.query import QUANTITY_FIELDS, list_quantities

    rows = list_quantities(open_engine(ctx), unit=unit, kind=kind, article_id=article_id,
                           limit=limit)
    fields = QUANTITY_FIELDS if fmt != "table" else (
        "article_id", "sentence_idx", "text", "value", "low", "high", "unit", "currency",
        "change", "counted")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--entity", default=None, help="What the figure is about (subject), e.g. migrants.")
@click.option("--place", default=None, help="Place, any name for it: UK, Britain, Italy.")
@click.option("--speaker", default=None, help="Who asserts it: Robert Jenrick, Jenrick.")
@click.option("--unit", default=None, help="Canonical unit or ISO currency (percentage, GBP).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Claims about periods ending after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Claims about periods starting on or before this date.")
@click.option("--article", "article_id", type=int, default=None, help="Article id.")
@output_options
@click.pass_context
@library_errors
def claims(ctx: click.Context, entity: str | None, place: str | None, speaker: str | None,
           unit: str | None, since: dt.datetime | None, until: dt.datetime | None,
           article_id: int | None, fmt: str, limit: int | None) -> None:
    """List claims: which figure, about what, where, when, on whose word.

    Example: claimwire claims --place Italy --since 2023-01-01 --format json
    """
    from pipeline.query import CLAIM_FIELDS, list_claims

    rows = list_claims(open_engine(ctx), entity=entity, place=place, speaker=speaker, unit=unit,
                       since=since.date() if since else None,
                       until=until.date() if until else None, article_id=article_id,
                       limit=limit)
    fields = CLAIM_FIELDS if fmt != "table" else (
        "article_id", "text", "subject", "predicate", "period", "place", "attributed_to",
        "modality")
    click.echo(render(rows, fmt, fields))


@cli.command()
@click.option("--speaker", default=None, help="Speaker, any name for them: Jenrick.")
@click.option("--article", "article_id", type=int, default=None, help="Article id.")
@output_options
@click.pass_context
@library_errors
def quotes(ctx: click.Context, speaker: str | None, article_id: int | None, fmt: str,
           limit: int | None) -> None:
    """List quotes and reported statements with their speakers.

    Example: claimwire quotes --speaker Jenrick
    """
    from pipeline.query import QUOTE_FIELDS, list_quotes

    rows = list_quotes(open_engine(ctx), speaker=speaker, article_id=article_id, limit=limit)
    fields = QUOTE_FIELDS if fmt != "table" else ("article_id", "kind", "speaker", "role",
                                                   "cue", "text")
    click.echo(render(rows, fmt, fields))


@cli.group(name="eval")
def evaluate() -> None:
    """Score claimwire against the gold data in ../shared/eval (read in place).

    Example: claimwire eval quotes --limit 20
    """


@evaluate.command(name="quantities")
@click.option("--gold", type=click.Path(exists=True, file_okay=False), default=None,
              help="NewsQuant folder (default ../shared/eval/newsquant).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="Output format.")
@click.pass_context
@library_errors
def eval_quantities(ctx: click.Context, gold: str | None, fmt: str) -> None:
    """Quantity P/R/F1 on NewsQuant and Recognizers-Text subsets, beside raw quantulum3.

    Scores value, value+unit and value+change as the CQE paper does, on the whole set and
    on its dev (even) and test (odd) halves; the currency subset likewise; the age,
    dimension and temperature subsets whole, as held-out checks no rule was written from.

    Example: claimwire eval quantities
    """
    from pathlib import Path

    from pipeline.eval_quantities import DEFAULT_GOLD, evaluate_quantities
    from pipeline.nlp import load_nlp

    rows = evaluate_quantities(load_nlp(ctx.obj.spacy_model),
                               Path(gold) if gold else DEFAULT_GOLD)
    click.echo(render([r._asdict() for r in rows], fmt,
                      ("system", "dataset", "metric", "precision", "recall", "f1")))


@evaluate.command(name="quotes")
@click.option("--gold", type=click.Path(exists=True, file_okay=False), default=None,
              help="PolNeAR split folder with text/ and attributions/ (default: the test split, "
                   "../shared/eval/quotes/polnear_test).")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--part", type=click.Choice(["first", "second"]), default=None,
              help="Score one half: the first 42 articles (where the rules were developed) "
                   "or the held-out second 42.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="Output format.")
@click.pass_context
@library_errors
def eval_quotes(ctx: click.Context, gold: str | None, limit: int | None, part: str | None,
                fmt: str) -> None:
    """Quote attribution P/R/F1 on PolNeAR: source, cue, content; exact and overlap.

    Runs textacy's direct_quotations as a baseline in the same command when textacy is
    installed (the ``eval`` extra).

    Example: claimwire eval quotes
    """
    from pathlib import Path

    from pipeline.eval_quotes import DEFAULT_GOLD, evaluate_quotes, textacy_available
    from pipeline.nlp import load_nlp

    rows = evaluate_quotes(load_nlp(ctx.obj.spacy_model), Path(gold) if gold else DEFAULT_GOLD,
                           limit=limit, part=part)
    click.echo(render(rows, fmt, ("system", "role", "match", "precision", "recall", "f1")))
    if fmt == "table" and not textacy_available():
        click.echo("(textacy is not installed: pip install -e '.[eval]' for the baseline)")


# Commands defined in their own modules.
cli.add_command(compare)
cli.add_command(timeline)
cli.add_command(browse)
cli.add_command(bench)
evaluate.add_command(eval_compare)
