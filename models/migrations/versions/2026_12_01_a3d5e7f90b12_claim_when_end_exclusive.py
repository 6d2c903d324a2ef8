"""A claim dated by its article's publication day ends the next day (exclusive), as periods
do: ``claims --since D`` found no claim published on day D.

Revision ID: a3d5e7f90b12
Revises: 765cf3ad8dd3
Create Date: 2026-12-01 23:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'a3d5e7f90b12'
down_revision: str | None = '765cf3ad8dd3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DATED_BY_PUBLICATION = ("period_start IS NULL AND period_end IS NULL"
                         " AND when_start = when_end AND when_end < '9999-12-31'")


def _shift(days: int) -> str:
    if op.get_bind().dialect.name == "sqlite":
        return f"date(when_end, '{days:+d} day')"
    return f"when_end + {days}"  # PostgreSQL: date + integer is a date


def upgrade() -> None:
    op.execute(f"UPDATE claims SET when_end = {_shift(1)} WHERE {_DATED_BY_PUBLICATION}")


def downgrade() -> None:
    op.execute(f"UPDATE claims SET when_end = {_shift(-1)}"
               " WHERE period_start IS NULL AND period_end IS NULL"
               " AND when_end < '9999-12-31' AND when_start > '0001-01-01'")
