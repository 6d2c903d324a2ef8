"""What extraction finds in a sentence: entity mentions, quantities, time expressions."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, SpanMixin


class Mention(SpanMixin, Base):
    """A spaCy entity span (after claimwire's corrections): PERSON, GPE, MONEY, DATE, ..."""

    __table_args__ = (
        sa.UniqueConstraint("article_id", "start_char", "end_char", "label"),
        sa.Index("ix_mentions__label_text", "label", "text"),
    )

    label: Mapped[str] = mapped_column(sa.String(20))
    #: The canonical entity (people, places, organisations); null for numbers and dates.
    entity_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"), index=True)
    #: A person's title as written before the name ("Prime Minister").
    role: Mapped[str | None] = mapped_column(sa.String(200))


class Quantity(SpanMixin, Base):
    """A normalised number: value or bounds, unit, kind, currency, hedge, counted noun."""

    __tablename__ = "quantities"
    __table_args__ = (
        sa.UniqueConstraint("article_id", "start_char", "end_char"),
        sa.Index("ix_quantities__unit_kind", "unit", "kind"),
    )

    value: Mapped[float | None]
    low: Mapped[float | None]
    high: Mapped[float | None]
    unit: Mapped[str | None] = mapped_column(sa.String(60))
    kind: Mapped[str] = mapped_column(sa.String(20))
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    change: Mapped[str] = mapped_column(sa.String(4))
    ratio: Mapped[float | None]
    counted: Mapped[str | None] = mapped_column(sa.String(100))
    extractor: Mapped[str] = mapped_column(sa.String(20))


class TimeExpression(SpanMixin, Base):
    """A DATE/TIME mention resolved to an interval [start_date, end_date), or a duration.

    ``anchor`` says what a relative expression was resolved against: ``published`` or
    ``ingested`` (the article had no date); it is null for absolute expressions.
    """

    __table_args__ = (
        sa.UniqueConstraint("article_id", "start_char", "end_char"),
        sa.Index("ix_time_expressions__start_date_end_date", "start_date", "end_date"),
    )

    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    granularity: Mapped[str | None] = mapped_column(sa.String(20))
    timex: Mapped[str | None] = mapped_column(sa.String(40))
    duration: Mapped[str | None] = mapped_column(sa.String(20))
    anchor: Mapped[str | None] = mapped_column(sa.String(10))
