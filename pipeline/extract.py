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
from pipeline.nlp import parse_texts

#: Bumped whenever extraction changes what it stores for the same text.
EXTRACTOR_VERSION = "0.1.0"


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

    An article whose extraction raises becomes a ``Skipped`` record; the batch goes on.
    """
    items = iter(items)
    while batch := list(islice(items, batch_size)):
        parsed = parse_texts(nlp, (a.text for a in batch if isinstance(a, Article)))
        for item in batch:
            if isinstance(item, Skipped):
                yield item
                continue
            clock = perf_counter()
            doc = next(parsed)  # the first call parses the whole batch
            STAGES.add("parse", clock)
            try:
                yield extract_doc(doc, item, today=today)
            except Exception as exc:  # one bad article must not stop the batch
                yield Skipped(item.origin, RejectReason.EXTRACTION_FAILED,
                              f"{type(exc).__name__}: {exc}", item.content_sha256)
