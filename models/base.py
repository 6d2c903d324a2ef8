"""Declarative base shared by every table: naming convention, type map, integer ids."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s__%(column_0_N_name)s",
    "uq": "uq_%(table_name)s__%(column_0_N_name)s",
    "ck": "ck_%(table_name)s__%(constraint_name)s",
    "fk": "fk_%(table_name)s__%(column_0_name)s__%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Timezone-aware now, for timestamps."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Base class of claimwire's tables."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: sa.DateTime(timezone=True),
        dict[str, Any]: sa.JSON(),
    }

    @declared_attr.directive
    def __tablename__(cls) -> str:
        """``TimeExpression`` -> ``time_expressions``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower() + "s"

    id: Mapped[int] = mapped_column(primary_key=True)


class SpanMixin:
    """A row found in an article's text: its article, sentence and character span."""

    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    sentence_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sentences.id", ondelete="CASCADE")
    )
    start_char: Mapped[int]
    end_char: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
