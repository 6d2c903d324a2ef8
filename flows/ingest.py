"""The ``ingest`` flow: read a batch of inputs, extract and store each article, record the run.

It runs with no Prefect server configured (Prefect then starts a temporary local one), on a
Prefect server as a scheduled deployment (``claimwire serve``), and on a Dask cluster when
given a ``DaskTaskRunner`` (``claimwire ingest --dask ADDRESS``): each chunk of articles is
then a task on a Dask worker, which loads the spaCy model once.

No ``from __future__ import annotations`` here: Prefect validates a deployment's parameters
against these annotations when it loads the flow from this file, so they must be real types.
"""

import datetime as dt
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed

from pipeline.articles import Article, Metadata, Skipped, iter_files, read_paths
from pipeline.ingest import Progress, Summary, ingest_items
from pipeline.nlp import load_nlp
from pipeline.progress import progress_reporter
from pipeline.settings import Settings
from pipeline.store import StoredUrls, finish_run, last_run_started, open_db, start_run
from pipeline.web import FetchPolicy

Input = tuple[str, str | None]  # a path or URL, and the outlet the registry names for it


def new_inputs(paths: list[str], outlets: dict[str, str], since: dt.datetime | None
               ) -> list[Input]:
    """Each path with its outlet; folders expanded to the files modified since ``since``."""
    kept: list[Input] = []
    for path in paths:
        outlet = outlets.get(path)
        if since is None or "://" in path or not Path(path).is_dir():
            kept.append((path, outlet))
            continue
        kept += [(str(f), outlet) for f in iter_files([Path(path)])
                 if dt.datetime.fromtimestamp(f.stat().st_mtime, dt.UTC) >= since]
    return kept


@task(cache_policy=NO_CACHE)
def read_inputs(
    inputs: list[Input], meta: Metadata, limit: int | None, settings: Settings
) -> list[Article | Skipped]:
    """Read every input; bad ones come back as ``Skipped`` records with a reason.

    The outlet of an input fills the source where ``meta`` names none. Feed entries whose
    page is already stored (or was refused for good) are not fetched again.
    """
    engine = open_db(settings.database_url, migrate_schema=False)
    timeout = settings.fetch_timeout
    fetch = FetchPolicy(connect_timeout=timeout, read_timeout=timeout,
                        total_timeout=3 * timeout, max_bytes=settings.max_bytes)
    items: list[Article | Skipped] = []
    try:
        for path, outlet in inputs:
            path_meta = Metadata(meta.published, meta.source or outlet, meta.url)
            items += read_paths([path], path_meta, max_bytes=settings.max_bytes, limit=limit,
                                fetch=fetch, seen=StoredUrls(engine))
    finally:
        engine.dispose()
    return items


@task(cache_policy=NO_CACHE)
def extract_and_store(
    items: list[Article | Skipped], database_url: str, model: str, batch_size: int,
    run_id: int | None = None, progress: Progress | None = None,
) -> Summary:
    """Parse, extract and store one chunk of articles (one transaction per article)."""
    engine = open_db(database_url, migrate_schema=False)
    try:
        return ingest_items(items, nlp=load_nlp(model), engine=engine, batch_size=batch_size,
                            run_id=run_id, progress=progress)
    finally:
        engine.dispose()


def _distributed() -> bool:
    """Whether this flow run's tasks go to another process (a Dask cluster)."""
    context = FlowRunContext.get()
    return context is not None and type(context.task_runner).__name__ == "DaskTaskRunner"


@flow(name="ingest", log_prints=True)
def ingest(
    paths: list[str],
    database_url: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    limit: int | None = None,
    chunk_size: int = 256,
    incremental: bool = False,
    outlets: dict[str, str] | None = None,
) -> Summary:
    """Read, extract and store the articles in ``paths``; record and return what happened.

    Args:
        paths: files, folders or http(s) URLs (see ``pipeline.articles.read_paths``).
        database_url: SQLAlchemy URL; default from the environment / settings.
        published, source, url: metadata that override what the inputs carry.
        limit: at most this many records per JSONL file or feed.
        chunk_size: articles per extraction task.
        incremental: take from folders only the files modified since the last completed run.
        outlets: the outlet of each path (from a source registry); it replaces the outlet
            an input names.
    """
    logger = get_run_logger()
    settings = Settings.from_env(database_url=database_url)
    engine = open_db(settings.database_url)  # migrate once, before the tasks
    context = FlowRunContext.get()
    run_id = start_run(engine, paths, flow_run_id=str(context.flow_run.id) if context else None)
    summary = Summary()
    try:
        since = last_run_started(engine) if incremental else None
        inputs = new_inputs(paths, outlets or {}, since)
        items = read_inputs(inputs, Metadata(published, source, url), limit,
                            settings) if inputs else []
        chunks = [items[i:i + chunk_size] for i in range(0, len(items), chunk_size)]
        args = (settings.database_url, settings.spacy_model, settings.batch_size, run_id)
        if _distributed():
            futures = [extract_and_store.submit(chunk, *args) for chunk in chunks]
            for done, future in enumerate(as_completed(futures), start=1):
                summary.add(future.result())
                logger.info("chunk %d/%d done: %d articles read so far",
                            done, len(chunks), summary.read)
        else:
            with progress_reporter(len(items)) as report:
                for chunk in chunks:
                    summary.add(extract_and_store(chunk, *args, progress=report))
    except BaseException as exc:
        finish_run(engine, run_id, summary.run_counts(), error=f"{type(exc).__name__}: {exc}")
        raise
    else:
        finish_run(engine, run_id, summary.run_counts())
    finally:
        engine.dispose()
    logger.info("ingest summary: %s", summary.as_dict())
    return summary
