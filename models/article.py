"""Sources, articles, and the paragraphs and sentences of an article's text."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow


class Source(Base):
    """An outlet that publishes articles ("DailyMail.co.uk", "BBC News")."""

    name: Mapped[str] = mapped_column(sa.String(200), unique=True)


class Article(Base):
    """One input: a stored article (``status='stored'``) or a skipped one, with its reason.

    ``content_sha256`` identifies the content (for a skipped input, its raw bytes), so
    ingesting the same thing again changes nothing.
    """

    __table_args__ = (
        sa.CheckConstraint("status IN ('stored', 'skipped')", name="status"),
        sa.Index("ix_articles__source_id_published", "source_id", "published"),
    )

    content_sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    status: Mapped[str] = mapped_column(sa.String(10))
    reject_reason: Mapped[str | None] = mapped_column(sa.String(40))
    reject_detail: Mapped[str | None] = mapped_column(sa.Text)
    origin: Mapped[str] = mapped_column(sa.Text)
    external_id: Mapped[str | None] = mapped_column(sa.String(200))
    title: Mapped[str | None] = mapped_column(sa.Text)
    text: Mapped[str | None] = mapped_column(sa.Text)
    published: Mapped[dt.date | None]
    #: The date relative expressions were resolved against: ``published``, or the
    #: ingestion date when the article has none (then ``anchor_is_published`` is false).
    anchor_date: Mapped[dt.date | None]
    anchor_is_published: Mapped[bool | None]
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sources.id"))
    url: Mapped[str | None] = mapped_column(sa.Text)
    author: Mapped[str | None] = mapped_column(sa.String(300))
    ingested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    extractor_version: Mapped[str | None] = mapped_column(sa.String(40))

    source: Mapped[Source | None] = relationship(lazy="joined")
    paragraphs: Mapped[list[Paragraph]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="Paragraph.idx"
    )
    sentences: Mapped[list[Sentence]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="Sentence.idx"
    )


class Paragraph(Base):
    """A paragraph of an article's text; ``repeats`` counts its word-for-word copies."""

    __table_args__ = (sa.UniqueConstraint("article_id", "idx"),)

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    idx: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(20))
    start_char: Mapped[int]
    end_char: Mapped[int]
    repeats: Mapped[int] = mapped_column(default=1)


class Sentence(Base):
    """A sentence of an article, as spaCy split it."""

    __table_args__ = (sa.UniqueConstraint("article_id", "idx"),)

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    idx: Mapped[int]
    paragraph_idx: Mapped[int]
    start_char: Mapped[int]
    end_char: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
