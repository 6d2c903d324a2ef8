"""Article -> spaCy Doc -> sentences, mentions, values, quotes and claims (no database here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from time import perf_counter

from spacy.language import Language
from spacy.tokens import Doc

from extractors.claims import claims
from extractors.dates import dates
from extractors.entities import entities, person_aliases, person_role
from extractors.quantities import quantities
from extractors.quotes import quotations
from extractors.types import Attribution, Claim, DateMention, EntityMention, QuantityMention
from pipeline.articles import Article, Skipped
from pipeline.canonical import CanonicalEntity, canonicalise
from pipeline.errors import RejectReason
from pipeline.nlp import paragraph_chunks, parse_texts

#: Bumped whenever extraction changes what it stores for the same text.
EXTRACTOR_VERSION = "0.2.0"  # 0.2.0 (1 Dec 2026): the quantity, quote and date rules of issues 3-5


@dataclass(slots=True)
class StageClock:
    """Seconds spent per extraction stage in this process: plain perf_counter sums.

    Always on (a handful of ``perf_counter`` calls per article, about a microsecond);
    ``claimwire bench`` reads and resets it. Stages: ``parse`` (spaCy and joining the
    paragraph Docs), ``quantities`` (rules and quantulum3), ``dates``, ``quotes``,
    ``entities`` (sentences, mentions, canonical entities), ``claims``.
    """

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, since: float) -> float:
        """Add the time from ``since`` to now to ``stage``; return now."""
        now = perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - since
        return now

    def take(self) -> dict[str, float]:
        """The seconds accumulated so far, and start again from zero."""
        taken, self.seconds = self.seconds, {}
        return taken


#: This process's stage clock.
STAGES = StageClock()


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """A sentence's place in the article text."""

    idx: int
    paragraph_idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """An entity mention with the canonical entity it names and, for people, their role."""

    mention: EntityMention
    entity: CanonicalEntity | None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article, with offsets into ``article.text``."""

    article: Article
    anchor: dt.date
    anchor_is_published: bool
    sentences: list[SentenceRecord]
    mentions: list[ResolvedMention]
    quantities: list[QuantityMention]
    dates: list[DateMention]
    attributions: list[Attribution]
    claims: list[Claim]


def sentences_of(doc: Doc, article: Article) -> list[SentenceRecord]:
    """The non-blank sentences of ``doc``, each with the paragraph it belongs to."""
    spans = article.paragraph_spans()
    records, p = [], 0
    for i, sent in enumerate(doc.sents):
        text = sent.text.rstrip()
        if not text.strip():
            continue
        while p + 1 < len(spans) and sent.start_char >= spans[p + 1][0]:
            p += 1
        records.append(SentenceRecord(i, p, sent.start_char, sent.start_char + len(text), text))
    return records


def extract_doc(doc: Doc, article: Article, *, today: dt.date | None = None) -> Extraction:
    """Run every extractor over an article's Doc.

    Relative dates resolve against the publication date, or ``today`` (the ingestion
    date) when the article has none; ``anchor_is_published`` records which.
    """
    anchor = article.published or today or dt.date.today()
    clock = perf_counter()
    found_quantities = list(quantities(doc))
    clock = STAGES.add("quantities", clock)
    found_dates = list(dates(doc, anchor=anchor))
    clock = STAGES.add("dates", clock)
    attributions = list(quotations(doc))
    clock = STAGES.add("quotes", clock)
    sentences = sentences_of(doc, article)
    mentions = resolve_mentions(doc, entities(doc))
    clock = STAGES.add("entities", clock)
    found_claims = list(claims(doc, quantities=found_quantities, dates=found_dates,
                               attributions=attributions))
    STAGES.add("claims", clock)
    return Extraction(
        article=article,
        anchor=anchor,
        anchor_is_published=article.published is not None,
        sentences=sentences,
        mentions=mentions,
        quantities=found_quantities,
        dates=found_dates,
        attributions=attributions,
        claims=found_claims,
    )


def resolve_mentions(doc: Doc, mentions: Iterable[EntityMention]) -> list[ResolvedMention]:
    """Each mention with its canonical entity (people resolved within the article)."""
    aliases = person_aliases(doc)
    resolved = []
    for m in mentions:
        role = None
        if m.label == "PERSON" and (span := doc.char_span(m.start, m.end)) is not None:
            role = person_role(span)
        resolved.append(ResolvedMention(m, canonicalise(m.label, m.text, aliases), role))
    return resolved


def extract_articles(
    nlp: Language,
    items: Iterable[Article | Skipped],
    *,
    batch_size: int = 32,
    today: dt.date | None = None,
) -> Iterator[Extraction | Skipped]:
    """Extract every article, in input order; skip records pass through untouched.

    An article with a paragraph longer than spaCy takes (``nlp.max_length``) is skipped as
    too large, and one whose parse or extraction raises becomes a ``Skipped`` record; the
    batch goes on.
    """
    items = iter(items)
    while batch := [_parseable(nlp, item) for item in islice(items, batch_size)]:
        clock = perf_counter()
        docs = iter(_parse_batch(nlp, [a for a in batch if isinstance(a, Article)]))
        STAGES.add("parse", clock)
        for item in batch:
            if isinstance(item, Skipped):
                yield item
                continue
            doc = next(docs)
            if isinstance(doc, Exception):
                yield Skipped(item.origin, RejectReason.EXTRACTION_FAILED,
                              f"{type(doc).__name__} while parsing: {doc}", item.content_sha256)
                continue
            try:
                yield extract_doc(doc, item, today=today)
            except Exception as exc:  # one bad article must not stop the batch
                yield Skipped(item.origin, RejectReason.EXTRACTION_FAILED,
                              f"{type(exc).__name__}: {exc}", item.content_sha256)


def _parseable(nlp: Language, item: Article | Skipped) -> Article | Skipped:
    """``item``, or a too-large skip if a paragraph of it is longer than spaCy takes."""
    if isinstance(item, Article):
        longest = max(map(len, paragraph_chunks(item.text)), default=0)
        if longest > nlp.max_length:
            return Skipped(item.origin, RejectReason.TOO_LARGE,
                           f"a paragraph of {longest:,} characters; spaCy takes at most "
                           f"{nlp.max_length:,} (nlp.max_length)", item.content_sha256)
    return item


def _parse_batch(nlp: Language, articles: list[Article]) -> list[Doc | Exception]:
    """The articles' Docs, parsed together; if that raises, one by one, so that only the
    article that fails is lost (its place holds the exception)."""
    try:
        return list(parse_texts(nlp, (a.text for a in articles)))
    except Exception:
        docs: list[Doc | Exception] = []
        for article in articles:
            try:
                docs.extend(parse_texts(nlp, [article.text]))
            except Exception as exc:
                docs.append(exc)
        return docs
