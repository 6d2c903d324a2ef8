"""Read → extract → store for a batch of inputs, with a summary of what happened."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from spacy.language import Language

from pipeline.articles import Article, Skipped
from pipeline.extract import EXTRACTOR_VERSION, Extraction, extract_articles
from pipeline.store import Outcome, is_stored, write_extraction, write_skipped


@dataclass(slots=True)
class Summary:
    """Counts of one ingest run; ``read == stored + duplicates + skipped``."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_examples: dict[str, str] = field(default_factory=dict)
    mentions: Counter[str] = field(default_factory=Counter)
    quantities: int = 0
    dates: int = 0
    quotes: int = 0
    claims: int = 0
    seconds: float = 0.0

    def add(self, other: Summary) -> Summary:
        """Fold ``other`` into this summary (for runs made of several batches)."""
        self.read += other.read
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.skipped.update(other.skipped)
        for reason, example in other.skipped_examples.items():
            self.skipped_examples.setdefault(reason, example)
        self.mentions.update(other.mentions)
        self.quantities += other.quantities
        self.dates += other.dates
        self.quotes += other.quotes
        self.claims += other.claims
        self.seconds += other.seconds
        return self

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view with stable field names."""
        return {
            "read": self.read, "stored": self.stored, "duplicates": self.duplicates,
            "skipped": dict(self.skipped), "skipped_examples": dict(self.skipped_examples),
            "mentions": dict(self.mentions), "quantities": self.quantities,
            "dates": self.dates, "quotes": self.quotes, "claims": self.claims,
            "seconds": round(self.seconds, 3),
        }


def _record(summary: Summary, outcome: Outcome, item: Extraction | Skipped) -> None:
    if outcome is Outcome.DUPLICATE:
        summary.duplicates += 1
    elif isinstance(item, Skipped):
        summary.skipped[item.reason.value] += 1
        summary.skipped_examples.setdefault(item.reason.value, f"{item.origin}: {item.detail}")
    else:
        summary.stored += 1
        summary.mentions.update(m.mention.label for m in item.mentions)
        summary.quantities += len(item.quantities)
        summary.dates += len(item.dates)
        summary.quotes += len(item.attributions)
        summary.claims += len(item.claims)


def ingest_items(
    items: Iterable[Article | Skipped],
    *,
    nlp: Language,
    engine: sa.Engine,
    batch_size: int = 32,
    today: dt.date | None = None,
) -> Summary:
    """Extract and store every item; each article is its own transaction.

    Articles already stored (same content hash) are not parsed again.
    """
    started = time.perf_counter()
    summary = Summary()
    seen: set[str] = set()  # content hashes met in this run

    def stored(content_sha256: str) -> bool:
        with engine.connect() as conn:  # a short read: no transaction held while parsing
            return is_stored(conn, content_sha256)

    def fresh() -> Iterable[Article | Skipped]:
        for item in items:
            summary.read += 1
            if item.content_sha256 in seen or stored(item.content_sha256):
                summary.duplicates += 1
                continue
            seen.add(item.content_sha256)
            yield item

    for result in extract_articles(nlp, fresh(), batch_size=batch_size, today=today):
        if isinstance(result, Skipped):
            outcome = write_skipped(engine, result)
        else:
            outcome = write_extraction(engine, result, version=EXTRACTOR_VERSION)
        _record(summary, outcome, result)
    summary.seconds = time.perf_counter() - started
    return summary
