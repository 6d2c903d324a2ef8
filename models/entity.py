"""Canonical entities across articles, and the names they go by."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class Entity(Base):
    """One real thing (person, organisation, country, region, sea, ...), however named.

    ``key`` is the folded canonical name; countries carry their ISO 3166 alpha-2 code.
    """

    __tablename__ = "entities"
    __table_args__ = (sa.UniqueConstraint("kind", "key"),)

    kind: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(300))
    key: Mapped[str] = mapped_column(sa.String(300))
    country_code: Mapped[str | None] = mapped_column(sa.String(2), index=True)


class EntityAlias(Base):
    """A name an entity was mentioned by ("Mr Jenrick", "Britain")."""

    __tablename__ = "entity_aliases"
    __table_args__ = (sa.UniqueConstraint("entity_id", "alias"),)

    entity_id: Mapped[int] = mapped_column(sa.ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(sa.String(300), index=True)
