"""The database: open it (migrating to the latest schema), and write one article per transaction.

Writes are idempotent: an article is keyed on its content hash, so ingesting it again, or
two processes ingesting it at once, leaves exactly one copy. A copy of a stored article
(the same text, the same URL, or near-duplicate syndicated text) is not stored again: it
becomes a sighting of the stored one, so every place an article was seen is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import models
from models import (
    Article,
    ArticleBand,
    ArticleSighting,
    Claim,
    Entity,
    EntityAlias,
    Mention,
    Paragraph,
    Quantity,
    Quote,
    Run,
    Sentence,
    Source,
    TimeExpression,
)
from models.claim import when as claim_when
from pipeline import copies
from pipeline.canonical import CanonicalEntity, canonicalise, clean_name, name_key
from pipeline.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from extractors.types import Claim as ClaimRecord
    from pipeline.articles import Article as ArticleRecord
    from pipeline.articles import Skipped
    from pipeline.extract import Extraction

MIGRATIONS = Path(models.__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 7_319_021  # advisory lock key: one migrating process at a time


class Outcome(StrEnum):
    """What writing one input did."""

    STORED = "stored"
    SKIPPED = "skipped"
    DUPLICATE = "duplicate"  # already in the database: at most a sighting was added


def create_db_engine(url: str) -> sa.Engine:
    """An engine for ``url``; a SQLite file gets its folder, foreign keys and WAL."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @sa.event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest Alembic revision (a no-op when it is there)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_db(url: str, *, migrate_schema: bool = True) -> sa.Engine:
    """Open the database at ``url``, migrating it to the current schema.

    Raises:
        DatabaseUnavailable: the URL is invalid or the database cannot be reached.
    """
    try:
        engine = create_db_engine(url)
        if migrate_schema:
            migrate(engine)
    except (sa.exc.ArgumentError, sa.exc.OperationalError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseUnavailable(f"cannot open database {url!r}: {detail}") from exc
    return engine


@contextmanager
def session_scope(engine: sa.Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def _insert(session: Session) -> Callable[..., Any]:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` on SQLite and PostgreSQL."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" \
        else sqlite.insert


def _source_id(session: Session, name: str | None) -> int | None:
    """The id of the source called ``name``, created if new (safe under concurrency)."""
    if not name:
        return None
    session.execute(_insert(session)(Source).values(name=name).on_conflict_do_nothing())
    return session.scalar(sa.select(Source.id).where(Source.name == name))


def _person_match(session: Session, key: str) -> int | None:
    """An existing person this name refers to, matched across articles.

    A full name matches a stored one with the same surname when rapidfuzz's token-set
    ratio is at least 90 ("Donald J. Trump" ~ "Donald Trump"); a lone surname matches
    when exactly one stored person has it.
    """
    from rapidfuzz import fuzz

    surname = key.split()[-1]
    candidates = session.execute(
        sa.select(Entity.id, Entity.key).where(
            Entity.kind == "person",
            sa.or_(Entity.key == surname, Entity.key.like(f"% {surname}")))).all()
    if " " not in key:
        full = [c for c in candidates if " " in c.key]
        return full[0].id if len(full) == 1 else None
    scored = [(fuzz.token_set_ratio(key, c.key), c.id) for c in candidates if " " in c.key]
    best = max(scored, default=(0, None))
    return best[1] if best[0] >= 90 else None


def entity_id(session: Session, entity: CanonicalEntity, aliases: list[str]) -> int:
    """The id of ``entity``, created if new, with its ``aliases`` recorded.

    Safe under concurrency: rows are inserted with ON CONFLICT DO NOTHING, then read.
    """
    key = name_key(entity.name)
    found = session.scalar(sa.select(Entity.id).where(Entity.kind == entity.kind,
                                                      Entity.key == key))
    if found is None and entity.kind == "person":
        found = _person_match(session, key)
    if found is None:
        session.execute(_insert(session)(Entity).values(
            kind=entity.kind, name=entity.name, key=key, country_code=entity.country_code,
        ).on_conflict_do_nothing())
        found = session.scalar(sa.select(Entity.id).where(Entity.kind == entity.kind,
                                                          Entity.key == key))
    session.execute(_insert(session)(EntityAlias).values(
        [{"entity_id": found, "alias": alias} for alias in aliases]).on_conflict_do_nothing())
    return found


def is_stored(conn: sa.Connection | Session, content_sha256: str) -> bool:
    """Whether an input with this content hash is already in the database."""
    query = sa.select(Article.id).where(Article.content_sha256 == content_sha256)
    return conn.scalar(query) is not None


class Copy(NamedTuple):
    """A stored article that an incoming one is a copy of, and how that was recognised."""

    article_id: int
    kind: str  # same_content | same_url | near_duplicate
    similarity: float | None


def find_copy(conn: sa.Connection | Session, article: ArticleRecord,
              bands: list[tuple[int, int]] | None = None) -> Copy | None:
    """The stored article ``article`` is a copy of: same text, same URL, or near-duplicate.

    ``bands`` are the article's MinHash band keys, when the caller has them already.
    """
    found = conn.scalar(sa.select(Article.id).where(
        Article.content_sha256 == article.content_sha256, Article.status == "stored"))
    if found is not None:
        return Copy(found, "same_content", 1.0)
    key = copies.url_key(article.url)
    if key is not None:
        found = conn.scalar(sa.select(ArticleSighting.article_id)
                            .where(ArticleSighting.url_key == key).limit(1))
        if found is not None:
            return Copy(found, "same_url", None)
    bands = copies.band_keys(article.text) if bands is None else bands
    if not bands:
        return None
    candidates = conn.execute(
        sa.select(Article.id, Article.text).where(Article.id.in_(
            sa.select(ArticleBand.article_id).where(sa.or_(*(
                sa.and_(ArticleBand.band == band, ArticleBand.key == key)
                for band, key in bands))).distinct().limit(20)))).all()
    grams = copies.shingles(article.text)
    scored = [(copies.jaccard(grams, copies.shingles(text or "")), id_)
              for id_, text in candidates]
    similarity, best = max(scored, default=(0.0, None))
    if best is not None and similarity >= copies.NEAR_DUPLICATE:
        return Copy(best, "near_duplicate", round(similarity, 4))
    return None


def add_sighting(session: Session, article_id: int, article: ArticleRecord, *, kind: str,
                 similarity: float | None = None, run_id: int | None = None) -> None:
    """Record that ``article`` was seen (once per article and origin)."""
    session.execute(_insert(session)(ArticleSighting).values(
        article_id=article_id, kind=kind, origin=article.origin,
        source_id=_source_id(session, article.source), url=article.url,
        url_key=copies.url_key(article.url), published=article.published,
        similarity=similarity, run_id=run_id, seen_at=dt.datetime.now(dt.UTC),
    ).on_conflict_do_nothing())


def record_copy(engine: sa.Engine, article: ArticleRecord, copy: Copy,
                run_id: int | None = None) -> None:
    """Store ``article`` as a sighting of the article it copies."""
    with session_scope(engine) as session:
        add_sighting(session, copy.article_id, article, kind=copy.kind,
                     similarity=copy.similarity, run_id=run_id)


def _add_rows(
    session: Session, extraction: Extraction, article_id: int, version: str
) -> None:
    """Insert the paragraphs, sentences and extracted rows of one article."""
    article = extraction.article
    paragraph_rows = [
        {"article_id": article_id, "idx": i, "kind": p.kind, "start_char": start,
         "end_char": end, "repeats": p.repeats}
        for i, (p, (start, end)) in enumerate(
            zip(article.paragraphs, article.paragraph_spans(), strict=True))
    ]
    session.execute(sa.insert(Paragraph), paragraph_rows)
    sentence_ids: dict[int, int] = {}
    if extraction.sentences:
        result = session.execute(
            sa.insert(Sentence).returning(Sentence.id, Sentence.idx, sort_by_parameter_order=True),
            [{"article_id": article_id, "idx": s.idx, "paragraph_idx": s.paragraph_idx,
              "start_char": s.start, "end_char": s.end, "text": s.text}
             for s in extraction.sentences],
        )
        sentence_ids = {idx: sid for sid, idx in result}

    def span(m: object) -> dict[str, object]:
        return {"article_id": article_id, "sentence_id": sentence_ids.get(m.sentence),
                "start_char": m.start, "end_char": m.end, "text": m.text}

    names_by_entity: dict[CanonicalEntity, set[str]] = {}
    for r in extraction.mentions:
        if r.entity is not None:
            names_by_entity.setdefault(r.entity, set()).add(r.mention.text)
    entity_ids = {  # (kind, name) -> id, for this article
        (entity.kind, entity.name): entity_id(session, entity, sorted(names))
        for entity, names in names_by_entity.items()
    }

    def entity_of(entity: CanonicalEntity | None) -> int | None:
        return entity_ids.get((entity.kind, entity.name)) if entity is not None else None

    if extraction.mentions:
        seen: set[tuple[int, int, str]] = set()
        rows = []
        for r in extraction.mentions:
            m = r.mention
            if (m.start, m.end, m.label) not in seen:
                seen.add((m.start, m.end, m.label))
                rows.append({**span(m), "label": m.label, "entity_id": entity_of(r.entity),
                             "role": r.role})
        session.execute(sa.insert(Mention), rows)
    if extraction.quantities:
        session.execute(sa.insert(Quantity), [
            {**span(q), "value": q.value, "low": q.low, "high": q.high, "unit": q.unit,
             "kind": q.kind, "currency": q.currency, "change": q.change, "ratio": q.ratio,
             "counted": q.counted, "extractor": q.source}
            for q in _unique_by(extraction.quantities, lambda q: (q.start, q.end))])
    names = {r.entity.name: entity_of(r.entity) for r in extraction.mentions
             if r.entity is not None and r.entity.kind != "group"}
    if extraction.attributions:
        session.execute(sa.insert(Quote), [
            {"article_id": article_id, "sentence_id": sentence_ids.get(a.sentence),
             "start_char": a.content_start, "end_char": a.content_end, "text": a.content,
             "kind": a.kind, "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
             "source": a.source, "source_start": a.source_start, "source_end": a.source_end,
             "speaker": a.speaker, "speaker_id": names.get(a.speaker), "role": a.role}
            for a in _unique_by(extraction.attributions,
                                lambda a: (a.content_start, a.content_end))])
    if extraction.claims:
        quantity_ids = dict(session.execute(
            sa.select(Quantity.start_char, Quantity.id).where(Quantity.article_id == article_id)
        ).all())
        session.execute(sa.insert(Claim), [
            _claim_row(c, span(c.quantity), quantity_ids, names, version, article.published)
            for c in _unique_by(extraction.claims, lambda c: (c.quantity.start, c.quantity.end))])
    if extraction.dates:
        anchor = "published" if extraction.anchor_is_published else "ingested"
        session.execute(sa.insert(TimeExpression), [
            {**span(d), "start_date": d.start_date, "end_date": d.end_date,
             "granularity": d.granularity, "timex": d.timex, "duration": d.duration,
             "anchor": anchor if d.relative else None}
            for d in _unique_by(extraction.dates, lambda d: (d.start, d.end))])


def _claim_row(c: ClaimRecord, span: dict[str, object], quantity_ids: dict[int, int],
               names: dict[str, int | None], version: str,
               published: dt.date | None) -> dict[str, object]:
    """The row of one claim: its figure, what it is about, where, when, on whose word."""
    q, period, compared = c.quantity, c.period, c.compared_with
    when_start, when_end = claim_when(period.start_date if period else None,
                                      period.end_date if period else None, published)
    place = canonicalise("GPE", c.place) if c.place else None
    subject = clean_name(c.subject) if c.subject else None
    return {
        **span, "quantity_id": quantity_ids.get(q.start),
        "subject": subject, "subject_key": name_key(subject) if subject else None,
        "subject_id": names.get(subject) if subject else None,
        "predicate": c.predicate, "object": c.object, "value": q.value, "low": q.low,
        "high": q.high, "unit": q.unit, "kind": q.kind, "currency": q.currency,
        "change": q.change, "ratio": q.ratio,
        "period_text": period.text if period else None,
        "period_start": period.start_date if period else None,
        "period_end": period.end_date if period else None,
        "period_timex": period.timex if period else None,
        "when_start": when_start, "when_end": when_end,
        "place": place.name if place else None,
        "place_id": names.get(place.name) if place else None,
        "attributed_to": c.attributed_to, "speaker_id": names.get(c.attributed_to or ""),
        "cue": c.cue, "modality": c.modality,
        "compared_text": compared.text if compared else None,
        "compared_timex": compared.timex if compared else None,
        "extractor_version": version,
    }


def _unique_by(rows: list, key: Callable[[Any], object]) -> list:
    """The first row for each key, in order."""
    seen, kept = set(), []
    for row in rows:
        k = key(row)
        if k not in seen:
            seen.add(k)
            kept.append(row)
    return kept


def write_extraction(engine: sa.Engine, extraction: Extraction, *, version: str,
                     run_id: int | None = None) -> Outcome:
    """Store one extracted article, its rows, first sighting and near-duplicate bands in a
    single transaction; a copy of a stored article becomes a sighting of it instead."""
    article = extraction.article
    try:
        with session_scope(engine) as session:
            if is_stored(session, article.content_sha256):
                return Outcome.DUPLICATE
            bands = copies.band_keys(article.text)
            copy = find_copy(session, article, bands)
            if copy is not None:
                add_sighting(session, copy.article_id, article, kind=copy.kind,
                             similarity=copy.similarity, run_id=run_id)
                return Outcome.DUPLICATE
            row = Article(
                content_sha256=article.content_sha256, status="stored", origin=article.origin,
                external_id=article.external_id, title=article.title, text=article.text,
                published=article.published, anchor_date=extraction.anchor,
                anchor_is_published=extraction.anchor_is_published,
                source_id=_source_id(session, article.source), url=article.url,
                author=(article.author or "")[:300] or None, extractor_version=version,
            )
            session.add(row)
            session.flush()
            add_sighting(session, row.id, article, kind="first", run_id=run_id)
            if bands:
                session.execute(sa.insert(ArticleBand), [
                    {"article_id": row.id, "band": band, "key": key} for band, key in bands])
            _add_rows(session, extraction, row.id, version)
    except IntegrityError:
        return _after_conflict(engine, article.content_sha256)
    return Outcome.STORED


def write_skipped(engine: sa.Engine, skipped: Skipped) -> Outcome:
    """Record an input that was not processed, with its reason (once per content)."""
    try:
        with session_scope(engine) as session:
            if is_stored(session, skipped.content_sha256):
                return Outcome.DUPLICATE
            session.add(Article(
                content_sha256=skipped.content_sha256, status="skipped", origin=skipped.origin,
                reject_reason=skipped.reason.value, reject_detail=skipped.detail,
                ingested_at=dt.datetime.now(dt.UTC),
            ))
    except IntegrityError:
        return _after_conflict(engine, skipped.content_sha256)
    return Outcome.SKIPPED


def _after_conflict(engine: sa.Engine, content_sha256: str) -> Outcome:
    """A unique-key conflict means another writer stored the same content first."""
    with session_scope(engine) as session:
        if is_stored(session, content_sha256):
            return Outcome.DUPLICATE
    raise RuntimeError(f"integrity error storing {content_sha256} but no row exists")


def start_run(engine: sa.Engine, inputs: list[str], *, flow: str = "ingest",
              flow_run_id: str | None = None) -> int:
    """Record the start of a run; returns its id."""
    with session_scope(engine) as session:
        run = Run(flow=flow, status="running", started_at=dt.datetime.now(dt.UTC),
                  inputs=list(inputs), flow_run_id=flow_run_id, host=socket.gethostname(),
                  pid=os.getpid(), reasons={}, examples={})
        session.add(run)
        session.flush()
        return run.id


def finish_run(engine: sa.Engine, run_id: int, counts: dict[str, Any], *,
               error: str | None = None) -> None:
    """Record the end of a run with its counts (``read``, ``stored``, ``duplicates``,
    ``skipped``, ``failed``, ``reasons``, ``examples``); failed when ``error`` is given."""
    with session_scope(engine) as session:
        session.execute(sa.update(Run).where(Run.id == run_id).values(
            status="failed" if error else "completed", finished_at=dt.datetime.now(dt.UTC),
            error=error, **counts))


def last_run_started(engine: sa.Engine, flow: str = "ingest") -> dt.datetime | None:
    """When the newest completed run of ``flow`` started (for incremental runs)."""
    with engine.connect() as conn:
        started = conn.scalar(sa.select(sa.func.max(Run.started_at)).where(
            Run.flow == flow, Run.status == "completed"))
    if started is not None and started.tzinfo is None:  # SQLite drops the offset
        started = started.replace(tzinfo=dt.UTC)
    return started


class StoredUrls:
    """The URLs already ingested, as a container a feed reader can test links against.

    A link is in it when a sighting has its normalised URL, or when it was refused for
    good (a 404, an unsafe scheme: stored as skipped under the hash of the link). Each
    test is one indexed lookup, so no list of every URL is held in memory.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def __contains__(self, url: object) -> bool:
        key = copies.url_key(url) if isinstance(url, str) else None
        if key is None:
            return False
        refused = hashlib.sha256(url.encode("utf-8")).hexdigest()
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(ArticleSighting.id).where(
                ArticleSighting.url_key == key).limit(1)) is not None \
                or is_stored(conn, refused)
