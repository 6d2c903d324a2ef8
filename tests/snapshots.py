"""A comparable picture of a database's articles, for tests that compare two runs."""

from __future__ import annotations

import sqlalchemy as sa

TABLES = ("paragraphs", "sentences", "mentions", "quantities", "time_expressions", "quotes",
          "claims", "article_bands", "article_sightings")


def snapshot(url: str) -> dict[str, tuple]:
    """Each article, by content hash: its fields, its row count in every table under it,
    and its claims (value, unit, subject) in text order. Ids and run rows are left out."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            articles = list(conn.execute(sa.text(
                "SELECT id, content_sha256, status, title, published, url FROM articles")))
            counts = {table: dict(conn.execute(sa.text(
                f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")).all())
                for table in TABLES}
            claims: dict[int, list[tuple]] = {}
            for article_id, value, unit, subject in conn.execute(sa.text(
                    "SELECT article_id, value, unit, subject FROM claims "
                    "ORDER BY article_id, start_char")):
                claims.setdefault(article_id, []).append((value, unit, subject))
    finally:
        engine.dispose()
    return {
        a.content_sha256: (a.status, a.title, str(a.published), a.url,
                           tuple(counts[t].get(a.id, 0) for t in TABLES),
                           tuple(claims.get(a.id, ())))
        for a in articles
    }
