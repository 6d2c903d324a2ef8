"""Quotes (who said what) and claims (which figure, about what, where, when, on whose word)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, SpanMixin


class Quote(SpanMixin, Base):
    """A direct quote, continued quote, partial quote or reported statement.

    The span (``start_char``/``end_char``/``text``) is the content; cue and source keep
    their own spans; ``speaker_id`` is the canonical entity of the speaker when resolved.
    """

    __table_args__ = (
        sa.UniqueConstraint("article_id", "start_char", "end_char"),
        sa.Index("ix_quotes__speaker_id", "speaker_id"),
    )

    kind: Mapped[str] = mapped_column(sa.String(20))
    cue: Mapped[str | None] = mapped_column(sa.String(100))
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    source: Mapped[str | None] = mapped_column(sa.Text)
    source_start: Mapped[int | None]
    source_end: Mapped[int | None]
    speaker: Mapped[str | None] = mapped_column(sa.String(300))
    speaker_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    role: Mapped[str | None] = mapped_column(sa.String(200))


class Claim(SpanMixin, Base):
    """One figure asserted in one sentence; the span is the figure's.

    The quantity's normalised value is copied here (``value``/``low``/``high``/``unit``/
    ``currency``/``change``) so that claims can be compared without joins.
    """

    __table_args__ = (
        sa.UniqueConstraint("article_id", "start_char", "end_char"),
        sa.Index("ix_claims__subject_key_unit", "subject_key", "unit"),
        sa.Index("ix_claims__place_id_period_start", "place_id", "period_start"),
        sa.Index("ix_claims__speaker_id", "speaker_id"),
        # a person's claims are found by speaker_id OR attributed_to, subject_id OR ...:
        # each side of the OR needs its index (see `claimwire bench --queries`)
        sa.Index("ix_claims__attributed_to", "attributed_to"),
        sa.Index("ix_claims__subject_id", "subject_id"),
        sa.Index("ix_claims__place", "place"),
        sa.Index("ix_claims__place_id_when_end", "place_id", "when_end"),
        sa.Index("ix_claims__place_when_end", "place", "when_end"),
    )

    quantity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("quantities.id", ondelete="CASCADE"))
    subject: Mapped[str | None] = mapped_column(sa.String(300))
    subject_key: Mapped[str | None] = mapped_column(sa.String(300))
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    predicate: Mapped[str | None] = mapped_column(sa.String(100))
    object: Mapped[str | None] = mapped_column(sa.String(300))
    value: Mapped[float | None]
    low: Mapped[float | None]
    high: Mapped[float | None]
    unit: Mapped[str | None] = mapped_column(sa.String(60))
    kind: Mapped[str] = mapped_column(sa.String(20))
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    change: Mapped[str] = mapped_column(sa.String(4))
    ratio: Mapped[float | None]
    period_text: Mapped[str | None] = mapped_column(sa.Text)
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    period_timex: Mapped[str | None] = mapped_column(sa.String(40))
    #: The days the claim is about, for range queries: its period, else the article's
    #: publication date, else all time (``date.min``/``date.max``); see :func:`when`.
    when_start: Mapped[dt.date | None]
    when_end: Mapped[dt.date | None]
    place: Mapped[str | None] = mapped_column(sa.String(300))
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    attributed_to: Mapped[str | None] = mapped_column(sa.String(300))
    speaker_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    cue: Mapped[str | None] = mapped_column(sa.String(100))
    modality: Mapped[str] = mapped_column(sa.String(20))
    compared_text: Mapped[str | None] = mapped_column(sa.Text)
    compared_timex: Mapped[str | None] = mapped_column(sa.String(40))
    extractor_version: Mapped[str] = mapped_column(sa.String(40))


def when(period_start: dt.date | None, period_end: dt.date | None,
         published: dt.date | None) -> tuple[dt.date, dt.date]:
    """A claim's days ``[when_start, when_end)``, as its period's are: never null, so that an
    index serves ranges. Without a period, the publication day (to the next day, exclusive);
    without either, all time."""
    if period_start is not None or period_end is not None:
        return period_start or dt.date.min, period_end or dt.date.max
    if published is not None:
        return published, published + dt.timedelta(days=1)
    return dt.date.min, dt.date.max
