"""The ``ingest`` flow: read a batch of paths, extract and store each article.

It runs with no Prefect server configured (Prefect then starts a temporary local one).
"""

from __future__ import annotations

import datetime as dt
from itertools import islice

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from pipeline.articles import Article, Metadata, Skipped, read_paths
from pipeline.ingest import Summary, ingest_items
from pipeline.nlp import load_nlp
from pipeline.settings import Settings
from pipeline.store import open_db


@task(cache_policy=NO_CACHE)
def read_inputs(
    paths: list[str], meta: Metadata, max_bytes: int, limit: int | None
) -> list[Article | Skipped]:
    """Read every input; bad ones come back as ``Skipped`` records with a reason."""
    return list(read_paths(paths, meta, max_bytes=max_bytes, limit=limit))


@task(cache_policy=NO_CACHE)
def extract_and_store(
    items: list[Article | Skipped], database_url: str, model: str, batch_size: int
) -> Summary:
    """Parse, extract and store one chunk of articles (one transaction per article)."""
    engine = open_db(database_url, migrate_schema=False)
    try:
        return ingest_items(items, nlp=load_nlp(model), engine=engine, batch_size=batch_size)
    finally:
        engine.dispose()


@flow(name="ingest", log_prints=True)
def ingest(
    paths: list[str],
    database_url: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    limit: int | None = None,
    chunk_size: int = 256,
) -> Summary:
    """Read, extract and store the articles in ``paths``; return what happened.

    Args:
        paths: files or folders (.txt in the seed's format, .jsonl dumps).
        database_url: SQLAlchemy URL; default from the environment / settings.
        published, source, url: metadata that override what the inputs carry.
        limit: at most this many records per JSONL file.
        chunk_size: articles per extraction task.
    """
    settings = Settings.from_env(database_url=database_url)
    open_db(settings.database_url).dispose()  # migrate once, before the tasks
    items = read_inputs(paths, Metadata(published, source, url), settings.max_bytes, limit)
    summary = Summary()
    chunks = iter(items)
    while chunk := list(islice(chunks, chunk_size)):
        summary.add(extract_and_store(
            chunk, settings.database_url, settings.spacy_model, settings.batch_size))
    get_run_logger().info("ingest summary: %s", summary.as_dict())
    return summary
