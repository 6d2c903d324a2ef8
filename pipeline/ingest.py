"""Read → extract → store for a batch of inputs, with a summary of what happened."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from spacy.language import Language

from pipeline import copies
from pipeline.articles import Article, Skipped
from pipeline.extract import EXTRACTOR_VERSION, Extraction, extract_articles
from pipeline.store import (
    Outcome,
    find_copy,
    is_stored,
    record_copy,
    write_extraction,
    write_skipped,
)

#: Called once per input with what became of it: "stored", "duplicate", "skipped", "failed".
Progress = Callable[[str], None]


@dataclass(slots=True)
class Summary:
    """Counts of one ingest run; ``read == stored + duplicates + skipped + failed``.

    ``duplicates`` are inputs already stored (the same text, URL or near-duplicate text:
    recorded as sightings); ``failed`` inputs could not be fetched and are not stored, so
    the next run tries them again.
    """

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_examples: dict[str, str] = field(default_factory=dict)
    failed: Counter[str] = field(default_factory=Counter)
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
        self.failed.update(other.failed)
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
            "skipped": dict(self.skipped), "failed": dict(self.failed),
            "skipped_examples": dict(self.skipped_examples),
            "mentions": dict(self.mentions), "quantities": self.quantities,
            "dates": self.dates, "quotes": self.quotes, "claims": self.claims,
            "seconds": round(self.seconds, 3),
        }


    def run_counts(self) -> dict[str, object]:
        """The counts stored on the run's row (see :class:`models.Run`)."""
        return {
            "read": self.read, "stored": self.stored, "duplicates": self.duplicates,
            "skipped": sum(self.skipped.values()), "failed": sum(self.failed.values()),
            "reasons": dict(self.skipped + self.failed),
            "examples": dict(self.skipped_examples),
        }


def is_transient(item: Skipped) -> bool:
    """Whether the input failed for a reason the next run may not meet (a network error)."""
    return bool(getattr(item.reason, "transient", False))


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
    run_id: int | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Extract and store every item; each article is its own transaction.

    Inputs already stored (same content hash), and copies of stored articles (same URL,
    near-duplicate text), are not parsed again: a copy is recorded as a sighting. Inputs
    that failed for a transient reason are counted as failed and not stored.
    """
    started = time.perf_counter()
    summary = Summary()
    seen: set[str] = set()  # content hashes met in this run
    repeats: list[Article] = []  # copies of an article of this run, recorded once it is stored
    bands: dict[str, list[tuple[int, int]]] = {}  # MinHash band keys of articles being parsed
    report = progress or (lambda _outcome: None)

    def fresh() -> Iterable[Article | Skipped]:
        for item in items:
            summary.read += 1
            if isinstance(item, Skipped) and is_transient(item):
                summary.failed[item.reason.value] += 1
                summary.skipped_examples.setdefault(item.reason.value,
                                                    f"{item.origin}: {item.detail}")
                report("failed")
                continue
            if item.content_sha256 in seen:
                if isinstance(item, Article):
                    repeats.append(item)
                summary.duplicates += 1
                report("duplicate")
                continue
            if isinstance(item, Article):
                bands[item.content_sha256] = copies.band_keys(item.text)
            if _copy_stored(engine, item, run_id, bands.get(item.content_sha256)):
                bands.pop(item.content_sha256, None)
                summary.duplicates += 1
                report("duplicate")
                continue
            seen.add(item.content_sha256)
            yield item

    for result in extract_articles(nlp, fresh(), batch_size=batch_size, today=today):
        if isinstance(result, Skipped):
            bands.pop(result.content_sha256, None)
            outcome = write_skipped(engine, result)
        else:
            outcome = write_extraction(engine, result, version=EXTRACTOR_VERSION, run_id=run_id,
                                       bands=bands.pop(result.article.content_sha256, None))
        _record(summary, outcome, result)
        report(outcome.value)
    for item in repeats:
        _copy_stored(engine, item, run_id)
    summary.seconds = time.perf_counter() - started
    return summary


def _copy_stored(engine: sa.Engine, item: Article | Skipped, run_id: int | None,
                 bands: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``item`` is already stored; a copy of a stored article is recorded as seen.

    A short read with no transaction held while parsing; ``bands`` are the article's
    MinHash band keys, when the caller has them already.
    """
    if isinstance(item, Skipped):
        with engine.connect() as conn:
            return is_stored(conn, item.content_sha256)
    with engine.connect() as conn:
        copy = find_copy(conn, item, bands)
    if copy is None:
        return False
    record_copy(engine, item, copy, run_id)
    return True
