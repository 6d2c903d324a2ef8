"""Ingest runs, and every place an article was seen (copies are stored once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class Run(Base):
    """One ingest run: when, what it read, and what became of it.

    ``read == stored + duplicates + skipped + failed``. ``failed`` counts inputs that could
    not be fetched (a timeout, a server error): they are not stored, so the next run tries
    them again. ``reasons`` maps each skip or failure reason to its count, ``examples``
    to one ``origin: detail`` line.
    """

    __table_args__ = (
        sa.CheckConstraint("status IN ('running', 'completed', 'failed')", name="status"),
        sa.Index("ix_runs__started_at", "started_at"),
    )

    flow: Mapped[str] = mapped_column(sa.String(40), default="ingest")
    status: Mapped[str] = mapped_column(sa.String(10), default="running")
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    inputs: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    read: Mapped[int] = mapped_column(default=0)
    stored: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    reasons: Mapped[dict[str, Any]] = mapped_column(default=dict)
    examples: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(sa.Text)
    flow_run_id: Mapped[str | None] = mapped_column(sa.String(40))
    host: Mapped[str | None] = mapped_column(sa.String(200))
    pid: Mapped[int | None]


class ArticleSighting(Base):
    """A place an article was seen: its first reading, or a copy stored as the same article.

    ``kind`` says how a copy was recognised: ``first`` (the reading that stored it),
    ``same_content`` (identical text), ``same_url`` or ``near_duplicate`` (syndicated
    text, ``similarity`` the shingle Jaccard similarity).
    """

    __table_args__ = (
        sa.UniqueConstraint("article_id", "origin"),
        sa.CheckConstraint(
            "kind IN ('first', 'same_content', 'same_url', 'near_duplicate')", name="kind"),
        sa.Index("ix_article_sightings__url_key", "url_key"),
        sa.Index("ix_article_sightings__source_id", "source_id"),
    )

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    origin: Mapped[str] = mapped_column(sa.Text)
    source_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sources.id"))
    url: Mapped[str | None] = mapped_column(sa.Text)
    #: SHA-256 of the normalised URL, so that the same page is found however it was linked.
    url_key: Mapped[str | None] = mapped_column(sa.String(64))
    published: Mapped[dt.date | None]
    similarity: Mapped[float | None]
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("runs.id", ondelete="SET NULL"))
    seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ArticleBand(Base):
    """One MinHash LSH band of a stored article's text, to find near-duplicates by lookup."""

    __table_args__ = (sa.Index("ix_article_bands__band_key", "band", "key"),)

    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    band: Mapped[int] = mapped_column(sa.SmallInteger)
    key: Mapped[int] = mapped_column(sa.BigInteger)
