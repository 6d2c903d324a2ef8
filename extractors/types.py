"""Small typed records that extractors yield, and the input type they accept.

Every mention record carries character offsets into the text of the Doc it came from
(``doc.text[start:end] == text``), so a stored row can always be traced back; a ``Claim``
is traced through the quantity it holds.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, TypeAlias

from spacy.tokens import Doc, Span

DocLike: TypeAlias = Doc | Span


class EntityMention(NamedTuple):
    """A named entity or numeric/temporal span found by spaCy (plus claimwire's rules)."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, GPE, MONEY, DATE, ...
    sentence: int  # index of the sentence in the Doc


class QuantityMention(NamedTuple):
    """A number with its meaning: value or bounds, unit, kind, hedge.

    ``value`` is set for a single figure; ``low``/``high`` for ranges and bounds
    ("between 5 and 6 kg": low=5, high=6; "up to 400,000": high=400000, change "<";
    "more than 4": low=4, change ">"). For an exact or approximate figure, value is set
    and low/high are None.
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None  # canonical lower-case unit name: "percentage", "pound sterling", "kilogram"
    kind: str  # count, money, percent, duration, length, mass, speed, temperature, ratio, ...
    currency: str | None  # ISO 4217 for money ("GBP")
    change: str  # "=", "~", ">", "<", "up", "down"
    ratio: float | None  # multiplicative statements: "four times" -> 4.0, "a third" -> 0.333
    counted: str | None  # counted noun lemma: "400,000 migrants" -> "migrant"
    sentence: int  # index of the sentence in the Doc
    source: str  # which extractor made it: "rules", "quantulum3"


class DateMention(NamedTuple):
    """A DATE/TIME span resolved against an anchor (the publication date).

    ``start_date``/``end_date`` bound a half-open interval [start_date, end_date).
    ``timex`` is a TIMEX3-like label: "2023-04-24", "2023-05", "2023", "2023-W17",
    "2023-Q1", "2023-SU"; a duration ("three years") has ``duration`` "P3Y" and no interval.
    """

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str | None  # day, week, month, quarter, season, year, fiscal_year, decade,
    #                          span, duration
    timex: str | None
    duration: str | None  # ISO 8601 duration for durations ("P3Y", "P5D")
    relative: bool  # True when resolution used the anchor date
    sentence: int


class Attribution(NamedTuple):
    """Who said what: a quote or reported statement, its cue and its source.

    Offsets index ``doc.text``. ``source`` is the span as written ("Immigration minister
    Robert Jenrick", "He", "The Times"); ``speaker`` is the canonical name the article
    gives it ("Robert Jenrick"), ``role`` the title written before the name.
    """

    content_start: int
    content_end: int
    content: str
    cue_start: int | None
    cue_end: int | None
    cue: str | None
    source_start: int | None
    source_end: int | None
    source: str | None
    speaker: str | None
    role: str | None
    kind: str  # direct, continuation, partial, reported, according_to
    sentence: int  # sentence of the content's start


class Claim(NamedTuple):
    """One asserted figure in one sentence: who or what, which quantity, where, when, says who.

    ``quantity``, ``period`` and ``compared_with`` are the records the other extractors
    made; ``place`` is the place as written (canonicalised when stored).
    """

    sentence: int
    quantity: QuantityMention
    subject: str | None  # what the figure is about: "migrants", "UK", "Italian government"
    predicate: str | None  # lemma of the governing verb: "reach", "pledge", "be"
    object: str | None  # counted noun or direct object: "migrant", "France"
    period: DateMention | None  # the time the figure is about
    place: str | None
    attributed_to: str | None  # speaker or organisation asserting it
    cue: str | None  # the attribution cue: "said", "reports", "according to"
    modality: str  # reported, prediction, plan, hedged
    compared_with: DateMention | None  # "25 per cent less than [the same period last year]"
