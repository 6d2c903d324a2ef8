"""Alembic environment: one migration history for SQLite and PostgreSQL.

Run through :func:`pipeline.store.migrate` (which passes a connection in
``config.attributes["connection"]``) or the ``alembic`` command with ``alembic.ini``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from models import Base

config = context.config


def run_migrations(connection: sa.Connection) -> None:
    """Configure the context on ``connection`` and run the pending migrations."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        run_migrations(conn)
        conn.commit()
