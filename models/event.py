"""Events (articles reporting the same story) and comparisons of the figures they report.

Rebuilt as a whole by :func:`pipeline.compare.build_comparisons`; an event's id is the
smallest id of its articles, so it stays the same across rebuilds while its articles do.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow

VERDICTS = ("agree", "disagree", "update", "unclear")


class Event(Base):
    """A story reported by one or more articles (syndicated copies count once)."""

    __table_args__ = (sa.Index("ix_events__first_published", "first_published"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    title: Mapped[str | None] = mapped_column(sa.Text)
    first_published: Mapped[dt.date | None]
    last_published: Mapped[dt.date | None]
    articles: Mapped[int] = mapped_column(default=1)
    #: Distinct outlets that carried the story, through sightings where there are some.
    sources: Mapped[int] = mapped_column(default=1)
    #: The place most of its articles name (canonical entity), when there is one.
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    place: Mapped[str | None] = mapped_column(sa.String(300))
    built_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EventArticle(Base):
    """An article of an event, with the similarity of its best link into the event."""

    __table_args__ = (sa.UniqueConstraint("article_id"),
                      sa.Index("ix_event_articles__event_id", "event_id"))

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    similarity: Mapped[float | None]


class Comparison(Base):
    """One measured thing (``metric`` of a subject, place and period) and its verdict.

    ``verdict`` is ``agree``, ``disagree`` (``gap`` the spread of the values), ``update``
    (a later report revises the figure: ``value`` is the latest) or ``unclear``.
    ``event_id`` is null for a running figure compared across events.
    """

    __table_args__ = (
        sa.CheckConstraint("verdict IN ('agree', 'disagree', 'update', 'unclear')",
                           name="verdict"),
        sa.UniqueConstraint("key"),
        sa.Index("ix_comparisons__event_id", "event_id"),
        sa.Index("ix_comparisons__metric_verdict", "metric", "verdict"),
    )

    #: Stable identity: event (or ``*``), metric, subject, place, period, unit.
    key: Mapped[str] = mapped_column(sa.String(500))
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(sa.String(60))
    subject_key: Mapped[str | None] = mapped_column(sa.String(300))
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    place: Mapped[str | None] = mapped_column(sa.String(300))
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    unit: Mapped[str | None] = mapped_column(sa.String(60))
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    verdict: Mapped[str] = mapped_column(sa.String(10))
    #: The consensus (agree), the latest figure (update) or the most reported one.
    value: Mapped[float | None]
    low: Mapped[float | None]
    high: Mapped[float | None]
    gap: Mapped[float | None]
    sources: Mapped[int] = mapped_column(default=0)
    figures: Mapped[int] = mapped_column(default=0)
    first_published: Mapped[dt.date | None]
    last_published: Mapped[dt.date | None]
    reason: Mapped[str | None] = mapped_column(sa.Text)
    built_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ComparisonFigure(Base):
    """One figure behind a comparison: a stored claim, or a count read from a sentence.

    ``outlets`` names every outlet that carried the article (its sightings); copies are
    one figure, ``copies`` of them. ``origin`` is ``claim`` or the counting rule used.
    """

    __table_args__ = (sa.Index("ix_comparison_figures__comparison_id", "comparison_id"),)

    comparison_id: Mapped[int] = mapped_column(
        sa.ForeignKey("comparisons.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"))
    sentence_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sentences.id", ondelete="CASCADE"))
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sources.id"))
    outlets: Mapped[str | None] = mapped_column(sa.Text)
    copies: Mapped[int] = mapped_column(default=1)
    published: Mapped[dt.date | None]
    value: Mapped[float | None]
    low: Mapped[float | None]
    high: Mapped[float | None]
    change: Mapped[str | None] = mapped_column(sa.String(4))
    text: Mapped[str | None] = mapped_column(sa.Text)
    origin: Mapped[str] = mapped_column(sa.String(40))
