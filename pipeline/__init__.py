"""claimwire's library API.

Names are imported lazily, so that ``import pipeline`` (and the query commands) stay
free of spaCy and Prefect until something needs them.

    >>> from pipeline import load_nlp, read_paths, ingest_items, open_db, list_quantities
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Settings": "pipeline.settings",
    "load_nlp": "pipeline.nlp",
    "Article": "pipeline.articles",
    "Skipped": "pipeline.articles",
    "Metadata": "pipeline.articles",
    "read_paths": "pipeline.articles",
    "extract_articles": "pipeline.extract",
    "ingest_items": "pipeline.ingest",
    "open_db": "pipeline.store",
    "list_articles": "pipeline.query",
    "list_sentences": "pipeline.query",
    "list_mentions": "pipeline.query",
    "list_quantities": "pipeline.query",
    "list_claims": "pipeline.query",
    "list_quotes": "pipeline.query",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
