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
from functools import cache
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
            # WAL's own recommendation: a commit waits for no fsync; a killed process loses
            # nothing committed, a power cut may lose the last commits but never corrupts
            cursor.execute("PRAGMA synchronous=NORMAL")
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


# Statements run for every article, built once (SQLAlchemy then reuses their compiled form).
_BY_CONTENT = sa.select(Article.id).where(Article.content_sha256 == sa.bindparam("sha"))
_STORED_BY_CONTENT = _BY_CONTENT.where(Article.status == "stored")
_SOURCE_BY_NAME = sa.select(Source.id).where(Source.name == sa.bindparam("name"))
_SIGHTING_BY_URL = sa.select(ArticleSighting.article_id).where(
    ArticleSighting.url_key == sa.bindparam("url_key")).limit(1)
_ENTITIES_BY_KEY = sa.select(Entity.kind, Entity.key, Entity.id).where(
    sa.tuple_(Entity.kind, Entity.key).in_(sa.bindparam("pairs", expanding=True)))
_SENTENCE_IDS = sa.select(Sentence.id, Sentence.idx).where(
    Sentence.article_id == sa.bindparam("article_id"))
_QUANTITY_IDS = sa.select(Quantity.start_char, Quantity.id).where(
    Quantity.article_id == sa.bindparam("article_id"))


def _dialect(conn: sa.Connection | Session) -> str:
    bind = conn if isinstance(conn, sa.Connection) else conn.get_bind()
    return bind.dialect.name


@cache
def _upsert(dialect: str, table: type[models.Base]) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING into ``table`` on SQLite or PostgreSQL."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing()


def _source_id(conn: sa.Connection | Session, name: str | None) -> int | None:
    """The id of the source called ``name``, created if new (safe under concurrency)."""
    if not name:
        return None
    conn.execute(_upsert(_dialect(conn), Source), {"name": name})
    return conn.scalar(_SOURCE_BY_NAME, {"name": name})


class _People:
    """The stored people an article's person names may match across articles.

    Read in one query for all the article's surnames; people the article adds are added
    to it, so each name is matched as if the ones before it were already stored.
    """

    def __init__(self, conn: sa.Connection, keys: list[str]) -> None:
        surnames = sorted({key.split()[-1] for key in keys})
        self.rows: list[tuple[int, str]] = [] if not surnames else [
            (row.id, row.key) for row in conn.execute(_people_query(len(surnames)), {
                "surnames": surnames,
                **{f"like{i}": f"% {surname}" for i, surname in enumerate(surnames)}})]

    def add(self, id_: int, key: str) -> None:
        """A person the article stores."""
        self.rows.append((id_, key))

    def match(self, key: str) -> int | None:
        """An existing person this name refers to.

        A full name matches a stored one with the same surname when rapidfuzz's token-set
        ratio is at least 90 ("Donald J. Trump" ~ "Donald Trump"); a lone surname matches
        when exactly one stored person has it.
        """
        from rapidfuzz import fuzz

        surname = key.split()[-1]
        full = [(id_, k) for id_, k in self.rows
                if (k == surname or k.endswith(f" {surname}")) and " " in k]
        if " " not in key:
            return full[0][0] if len(full) == 1 else None
        best = max(((fuzz.token_set_ratio(key, k), id_) for id_, k in full), default=(0, None))
        return best[1] if best[0] >= 90 else None


@cache
def _people_query(count: int) -> sa.Select[Any]:
    """The people whose folded name is one of ``count`` surnames or ends with one (bound as
    ``surnames`` and ``like0``, ``like1``...; built once per count)."""
    return sa.select(Entity.id, Entity.key).where(
        Entity.kind == "person",
        sa.or_(Entity.key.in_(sa.bindparam("surnames", expanding=True)),
               *(Entity.key.like(sa.bindparam(f"like{i}")) for i in range(count))))


def entity_ids(conn: sa.Connection, entities: dict[CanonicalEntity, set[str]]
               ) -> dict[tuple[str, str], int]:
    """The ids of ``entities`` (each with the names it was written as), by (kind, name).

    Each entity is matched in turn, as if the ones before it were stored already: on its
    kind and folded name, else (people) by name across articles (see :class:`_People`),
    else it is new. New entities and every name as an alias are inserted with ON CONFLICT
    DO NOTHING and read back, so concurrent writers share rows. A handful of statements
    per article, however many entities it names.
    """
    if not entities:
        return {}
    keyed = [(entity, name_key(entity.name)) for entity in entities]
    known: dict[tuple[str, str], int] = {
        (row.kind, row.key): row.id for row in conn.execute(
            _ENTITIES_BY_KEY, {"pairs": sorted({(e.kind, k) for e, k in keyed})})}
    people = _People(conn, [k for e, k in keyed if e.kind == "person"
                            and (e.kind, k) not in known])
    new: dict[tuple[str, str], int] = {}  # stand-in ids, ordered after every stored one
    new_rows: list[dict[str, object]] = []
    chosen: list[tuple[CanonicalEntity, tuple[str, str] | int]] = []
    for entity, key in keyed:
        found: tuple[str, str] | int | None = known.get((entity.kind, key))
        if found is None and (entity.kind, key) in new:
            found = (entity.kind, key)
        if found is None and entity.kind == "person":
            matched = people.match(key)
            found = next((k for k, v in new.items() if v == matched), matched)
        if found is None:
            found = (entity.kind, key)
            new[found] = _STAND_IN + len(new)
            new_rows.append({"kind": entity.kind, "name": entity.name, "key": key,
                             "country_code": entity.country_code})
            if entity.kind == "person":
                people.add(new[found], key)
        chosen.append((entity, found))
    if new_rows:
        conn.execute(_upsert(_dialect(conn), Entity), new_rows)
        known |= {(row.kind, row.key): row.id
                  for row in conn.execute(_ENTITIES_BY_KEY, {"pairs": sorted(new)})}
    ids = {(entity.kind, entity.name): found if isinstance(found, int) else known[found]
           for entity, found in chosen}
    conn.execute(_upsert(_dialect(conn), EntityAlias), [
        {"entity_id": ids[(entity.kind, entity.name)], "alias": alias}
        for entity, _found in chosen for alias in sorted(entities[entity])])
    return ids


#: Where the stand-in ids of an article's new entities start: above any real id.
_STAND_IN = 1 << 62


def is_stored(conn: sa.Connection | Session, content_sha256: str) -> bool:
    """Whether an input with this content hash is already in the database."""
    return conn.scalar(_BY_CONTENT, {"sha": content_sha256}) is not None


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
    found = conn.scalar(_STORED_BY_CONTENT, {"sha": article.content_sha256})
    if found is not None:
        return Copy(found, "same_content", 1.0)
    return _copy_by_url_or_text(conn, article, bands)


def _copy_by_url_or_text(conn: sa.Connection | Session, article: ArticleRecord,
                         bands: list[tuple[int, int]] | None) -> Copy | None:
    """The stored article with ``article``'s URL, or a near-duplicate of its text."""
    key = copies.url_key(article.url)
    if key is not None:
        found = conn.scalar(_SIGHTING_BY_URL, {"url_key": key})
        if found is not None:
            return Copy(found, "same_url", None)
    bands = copies.band_keys(article.text) if bands is None else bands
    if not bands:
        return None
    candidates = conn.execute(_band_query(len(bands)), {
        name: value for i, (band, key) in enumerate(bands)
        for name, value in ((f"band{i}", band), (f"key{i}", key))}).all()
    if not candidates:
        return None
    grams = copies.shingles(article.text)
    scored = [(copies.jaccard(grams, copies.shingles(text or "")), id_)
              for id_, text in candidates]
    similarity, best = max(scored)
    if similarity >= copies.NEAR_DUPLICATE:
        return Copy(best, "near_duplicate", round(similarity, 4))
    return None


@cache
def _band_query(count: int) -> sa.Select[Any]:
    """Up to 20 stored articles sharing one of ``count`` (band, key) pairs, with their text;
    the pairs are bound as ``band0``, ``key0``, ``band1``... (built once per count)."""
    return sa.select(Article.id, Article.text).where(Article.id.in_(
        sa.select(ArticleBand.article_id).where(sa.or_(*(
            sa.and_(ArticleBand.band == sa.bindparam(f"band{i}"),
                    ArticleBand.key == sa.bindparam(f"key{i}"))
            for i in range(count)))).distinct().order_by(ArticleBand.article_id).limit(20)))


def add_sighting(conn: sa.Connection | Session, article_id: int, article: ArticleRecord, *,
                 kind: str, similarity: float | None = None, run_id: int | None = None,
                 source_id: int | None = None) -> None:
    """Record that ``article`` was seen (once per article and origin).

    ``source_id`` is the id of ``article.source``, when the caller has it already.
    """
    if source_id is None:
        source_id = _source_id(conn, article.source)
    conn.execute(_upsert(_dialect(conn), ArticleSighting), {
        "article_id": article_id, "kind": kind, "origin": article.origin,
        "source_id": source_id, "url": article.url, "url_key": copies.url_key(article.url),
        "published": article.published, "similarity": similarity, "run_id": run_id,
        "seen_at": dt.datetime.now(dt.UTC)})


def record_copy(engine: sa.Engine, article: ArticleRecord, copy: Copy,
                run_id: int | None = None) -> None:
    """Store ``article`` as a sighting of the article it copies."""
    with engine.begin() as conn:
        add_sighting(conn, copy.article_id, article, kind=copy.kind,
                     similarity=copy.similarity, run_id=run_id)


def _add_rows(conn: sa.Connection, extraction: Extraction, article_id: int, version: str
              ) -> None:
    """Insert the paragraphs, sentences and extracted rows of one article: one
    multi-row statement per table (Core ``executemany``)."""
    article = extraction.article
    conn.execute(sa.insert(Paragraph), [
        {"article_id": article_id, "idx": i, "kind": p.kind, "start_char": start,
         "end_char": end, "repeats": p.repeats}
        for i, (p, (start, end)) in enumerate(
            zip(article.paragraphs, article.paragraph_spans(), strict=True))])
    sentence_ids: dict[int, int] = {}
    if extraction.sentences:
        conn.execute(sa.insert(Sentence), [
            {"article_id": article_id, "idx": s.idx, "paragraph_idx": s.paragraph_idx,
             "start_char": s.start, "end_char": s.end, "text": s.text}
            for s in extraction.sentences])
        sentence_ids = {idx: sid for sid, idx in conn.execute(
            _SENTENCE_IDS, {"article_id": article_id})}

    def span(m: object) -> dict[str, object]:
        return {"article_id": article_id, "sentence_id": sentence_ids.get(m.sentence),
                "start_char": m.start, "end_char": m.end, "text": m.text}

    names_by_entity: dict[CanonicalEntity, set[str]] = {}
    for r in extraction.mentions:
        if r.entity is not None:
            names_by_entity.setdefault(r.entity, set()).add(r.mention.text)
    ids = entity_ids(conn, names_by_entity)  # (kind, name) -> id, for this article

    def entity_of(entity: CanonicalEntity | None) -> int | None:
        return ids.get((entity.kind, entity.name)) if entity is not None else None

    if extraction.mentions:
        conn.execute(sa.insert(Mention), [
            {**span(r.mention), "label": r.mention.label, "entity_id": entity_of(r.entity),
             "role": r.role}
            for r in _unique_by(extraction.mentions,
                                lambda r: (r.mention.start, r.mention.end, r.mention.label))])
    if extraction.quantities:
        conn.execute(sa.insert(Quantity), [
            {**span(q), "value": q.value, "low": q.low, "high": q.high, "unit": q.unit,
             "kind": q.kind, "currency": q.currency, "change": q.change, "ratio": q.ratio,
             "counted": q.counted, "extractor": q.source}
            for q in _unique_by(extraction.quantities, lambda q: (q.start, q.end))])
    names = {r.entity.name: entity_of(r.entity) for r in extraction.mentions
             if r.entity is not None and r.entity.kind != "group"}
    if extraction.attributions:
        conn.execute(sa.insert(Quote), [
            {"article_id": article_id, "sentence_id": sentence_ids.get(a.sentence),
             "start_char": a.content_start, "end_char": a.content_end, "text": a.content,
             "kind": a.kind, "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
             "source": a.source, "source_start": a.source_start, "source_end": a.source_end,
             "speaker": a.speaker, "speaker_id": names.get(a.speaker), "role": a.role}
            for a in _unique_by(extraction.attributions,
                                lambda a: (a.content_start, a.content_end))])
    if extraction.claims:
        quantity_ids = dict(conn.execute(_QUANTITY_IDS, {"article_id": article_id}).all())
        conn.execute(sa.insert(Claim), [
            _claim_row(c, span(c.quantity), quantity_ids, names, version, article.published)
            for c in _unique_by(extraction.claims, lambda c: (c.quantity.start, c.quantity.end))])
    if extraction.dates:
        anchor = "published" if extraction.anchor_is_published else "ingested"
        conn.execute(sa.insert(TimeExpression), [
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
                     run_id: int | None = None, bands: list[tuple[int, int]] | None = None
                     ) -> Outcome:
    """Store one extracted article, its rows, first sighting and near-duplicate bands in a
    single transaction; a copy of a stored article becomes a sighting of it instead.

    ``bands`` are the article's MinHash band keys, when the caller has them already.
    """
    article = extraction.article
    bands = copies.band_keys(article.text) if bands is None else bands
    try:
        with engine.begin() as conn:
            if is_stored(conn, article.content_sha256):
                return Outcome.DUPLICATE
            source_id = _source_id(conn, article.source)
            copy = _copy_by_url_or_text(conn, article, bands)  # not the same text: checked
            if copy is not None:
                add_sighting(conn, copy.article_id, article, kind=copy.kind,
                             similarity=copy.similarity, run_id=run_id, source_id=source_id)
                return Outcome.DUPLICATE
            article_id = conn.execute(sa.insert(Article), {
                "content_sha256": article.content_sha256, "status": "stored",
                "origin": article.origin, "external_id": article.external_id,
                "title": article.title, "text": article.text, "published": article.published,
                "anchor_date": extraction.anchor,
                "anchor_is_published": extraction.anchor_is_published, "source_id": source_id,
                "url": article.url, "author": (article.author or "")[:300] or None,
                "extractor_version": version}).inserted_primary_key[0]
            add_sighting(conn, article_id, article, kind="first", run_id=run_id,
                         source_id=source_id)
            if bands:
                conn.execute(sa.insert(ArticleBand), [
                    {"article_id": article_id, "band": band, "key": key} for band, key in bands])
            _add_rows(conn, extraction, article_id, version)
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
