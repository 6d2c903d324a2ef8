"""Read the claims database. Imports neither spaCy nor Prefect.

Each function returns a list of plain dicts whose keys are the documented field names of
the CLI's JSON output, so the Python API and ``--format json`` agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from models import (
    Article,
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

Row = dict[str, Any]

ARTICLE_FIELDS = ("id", "status", "title", "published", "source", "url", "origin",
                  "reject_reason", "reject_detail", "sentences", "mentions", "ingested_at")
MENTION_FIELDS = ("id", "article_id", "sentence_idx", "start", "end", "label", "text",
                  "entity", "entity_kind", "country_code", "role", "resolved", "start_date",
                  "end_date", "granularity", "anchor")
SENTENCE_FIELDS = ("article_id", "idx", "paragraph_idx", "paragraph_kind", "repeats", "start",
                   "end", "text")
QUANTITY_FIELDS = ("id", "article_id", "sentence_idx", "start", "end", "text", "value", "low",
                   "high", "unit", "kind", "currency", "change", "ratio", "counted",
                   "extractor")


CLAIM_FIELDS = ("id", "article_id", "sentence_idx", "start", "end", "text", "subject",
                "predicate", "object", "value", "low", "high", "unit", "kind", "currency",
                "change", "ratio", "period", "period_text", "period_start", "period_end",
                "place", "attributed_to", "cue", "modality", "compared_with", "source",
                "published", "sentence")
QUOTE_FIELDS = ("id", "article_id", "sentence_idx", "kind", "speaker", "role", "cue", "source",
                "start", "end", "text")
RUN_FIELDS = ("id", "flow", "status", "started_at", "finished_at", "seconds", "read", "stored",
              "duplicates", "skipped", "failed", "reasons", "examples", "inputs", "error",
              "flow_run_id")
SIGHTING_FIELDS = ("article_id", "kind", "source", "url", "published", "similarity", "origin",
                   "run_id", "seen_at")


def iso(value: Any) -> Any:
    """A date or datetime as ISO 8601 text (for JSON and tables); other values as they are."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def list_articles(engine: sa.Engine, *, status: str | None = None, limit: int | None = None
                  ) -> list[Row]:
    """Articles (stored and skipped), newest ingestion last, with their row counts."""
    sentences = (sa.select(sa.func.count()).where(Sentence.article_id == Article.id)
                 .scalar_subquery())
    mentions = (sa.select(sa.func.count()).where(Mention.article_id == Article.id)
                .scalar_subquery())
    query = (
        sa.select(Article, Source.name, sentences, mentions)
        .outerjoin(Source, Article.source_id == Source.id)
        .order_by(Article.id)
        .limit(limit)
    )
    if status:
        query = query.where(Article.status == status)
    with Session(engine) as session:
        return [
            {"id": a.id, "status": a.status, "title": a.title, "published": iso(a.published),
             "source": source, "url": a.url, "origin": a.origin,
             "reject_reason": a.reject_reason, "reject_detail": a.reject_detail,
             "sentences": n_sent, "mentions": n_ment, "ingested_at": iso(a.ingested_at)}
            for a, source, n_sent, n_ment in session.execute(query)
        ]


def list_sentences(engine: sa.Engine, *, article_id: int | None = None,
                   limit: int | None = None) -> list[Row]:
    """Sentences with their paragraph's kind and repeat count (captions repeating a quote)."""
    query = (
        sa.select(Sentence, Paragraph.kind, Paragraph.repeats)
        .join(Paragraph, sa.and_(Paragraph.article_id == Sentence.article_id,
                                 Paragraph.idx == Sentence.paragraph_idx))
        .order_by(Sentence.article_id, Sentence.idx)
        .limit(limit)
    )
    if article_id is not None:
        query = query.where(Sentence.article_id == article_id)
    with Session(engine) as session:
        return [
            {"article_id": s.article_id, "idx": s.idx, "paragraph_idx": s.paragraph_idx,
             "paragraph_kind": kind, "repeats": repeats, "start": s.start_char,
             "end": s.end_char, "text": s.text}
            for s, kind, repeats in session.execute(query)
        ]


def list_mentions(engine: sa.Engine, *, label: str | None = None, article_id: int | None = None,
                  text: str | None = None, limit: int | None = None) -> list[Row]:
    """Entity mentions; DATE/TIME mentions carry their resolved interval when there is one."""
    query = (
        sa.select(Mention, Sentence.idx, TimeExpression, Entity)
        .outerjoin(Sentence, Mention.sentence_id == Sentence.id)
        .outerjoin(Entity, Mention.entity_id == Entity.id)
        .outerjoin(TimeExpression, sa.and_(
            TimeExpression.article_id == Mention.article_id,
            TimeExpression.start_char == Mention.start_char,
            TimeExpression.end_char == Mention.end_char))
        .order_by(Mention.article_id, Mention.start_char)
        .limit(limit)
    )
    if label:
        query = query.where(Mention.label == label.upper())
    if article_id is not None:
        query = query.where(Mention.article_id == article_id)
    if text:
        query = query.where(Mention.text == text)
    with Session(engine) as session:
        return [
            {"id": m.id, "article_id": m.article_id, "sentence_idx": s_idx,
             "start": m.start_char, "end": m.end_char, "label": m.label, "text": m.text,
             "entity": e.name if e else None, "entity_kind": e.kind if e else None,
             "country_code": e.country_code if e else None, "role": m.role,
             "resolved": (t.timex or t.duration) if t else None,
             "start_date": iso(t.start_date) if t else None,
             "end_date": iso(t.end_date) if t else None,
             "granularity": t.granularity if t else None,
             "anchor": t.anchor if t else None}
            for m, s_idx, t, e in session.execute(query)
        ]


def list_quantities(engine: sa.Engine, *, unit: str | None = None, kind: str | None = None,
                    article_id: int | None = None, limit: int | None = None) -> list[Row]:
    """Normalised quantities, in document order."""
    query = (
        sa.select(Quantity, Sentence.idx)
        .outerjoin(Sentence, Quantity.sentence_id == Sentence.id)
        .order_by(Quantity.article_id, Quantity.start_char)
        .limit(limit)
    )
    if unit:
        query = query.where(sa.or_(Quantity.unit == unit, Quantity.currency == unit.upper()))
    if kind:
        query = query.where(Quantity.kind == kind)
    if article_id is not None:
        query = query.where(Quantity.article_id == article_id)
    with Session(engine) as session:
        return [
            {"id": q.id, "article_id": q.article_id, "sentence_idx": s_idx,
             "start": q.start_char, "end": q.end_char, "text": q.text, "value": q.value,
             "low": q.low, "high": q.high, "unit": q.unit, "kind": q.kind,
             "currency": q.currency, "change": q.change, "ratio": q.ratio,
             "counted": q.counted, "extractor": q.extractor}
            for q, s_idx in session.execute(query)
        ]


def entity_ids(session: Session, name: str, kinds: tuple[str, ...] | None = None) -> list[int]:
    """Ids of the entities ``name`` may refer to: by canonical name, alias, or surname.

    "Britain" finds the country GB through its canonical form; "Jenrick" finds
    "Robert Jenrick".
    """
    from pipeline.canonical import canonicalise, clean_name, name_key

    keys = {name_key(name), name_key(clean_name(name))}
    for label in ("GPE", "NORP"):
        entity = canonicalise(label, name)
        if entity is not None and entity.country_code:
            keys.add(name_key(entity.name))
    key = name_key(name)
    query = sa.select(Entity.id).where(sa.or_(
        Entity.key.in_(keys),
        Entity.id.in_(sa.select(EntityAlias.entity_id).where(EntityAlias.alias == name)),
        sa.and_(Entity.kind == "person", Entity.key.like(f"% {key}")),
    ))
    if kinds:
        query = query.where(Entity.kind.in_(kinds))
    return list(session.scalars(query))


def list_claims(engine: sa.Engine, *, entity: str | None = None, place: str | None = None,
                speaker: str | None = None, unit: str | None = None,
                since: dt.date | None = None, until: dt.date | None = None,
                article_id: int | None = None, limit: int | None = None) -> list[Row]:
    """Claims, each with its figure, subject, period, place, speaker and sentence.

    ``since``/``until`` keep claims whose period (or, without one, the article's
    publication date) overlaps the range.
    """
    from pipeline.canonical import clean_name, name_key

    query = (
        sa.select(Claim, Sentence.idx, Sentence.text, Source.name, Article.published)
        .join(Article, Claim.article_id == Article.id)
        .outerjoin(Sentence, Claim.sentence_id == Sentence.id)
        .outerjoin(Source, Article.source_id == Source.id)
        .order_by(Claim.article_id, Claim.start_char)
        .limit(limit)
    )
    with Session(engine) as session:
        if entity:
            query = query.where(sa.or_(Claim.subject_key == name_key(entity),
                                       Claim.subject_id.in_(entity_ids(session, entity))))
        if place:
            query = query.where(sa.or_(Claim.place_id.in_(entity_ids(session, place)),
                                       Claim.place == place))
        if speaker:
            query = query.where(sa.or_(Claim.speaker_id.in_(entity_ids(session, speaker)),
                                       Claim.attributed_to.in_({speaker, clean_name(speaker)})))
        if unit:
            query = query.where(sa.or_(Claim.unit == unit, Claim.currency == unit.upper()))
        if since:  # when_start/when_end are never null (see models.claim.when)
            query = query.where(Claim.when_end > since)
        if until:
            query = query.where(Claim.when_start <= until)
        if article_id is not None:
            query = query.where(Claim.article_id == article_id)
        return [
            {"id": c.id, "article_id": c.article_id, "sentence_idx": s_idx,
             "start": c.start_char, "end": c.end_char, "text": c.text, "subject": c.subject,
             "predicate": c.predicate, "object": c.object, "value": c.value, "low": c.low,
             "high": c.high, "unit": c.unit, "kind": c.kind, "currency": c.currency,
             "change": c.change, "ratio": c.ratio, "period": c.period_timex,
             "period_text": c.period_text, "period_start": iso(c.period_start),
             "period_end": iso(c.period_end), "place": c.place,
             "attributed_to": c.attributed_to, "cue": c.cue, "modality": c.modality,
             "compared_with": c.compared_text, "source": source,
             "published": iso(published), "sentence": s_text}
            for c, s_idx, s_text, source, published in session.execute(query)
        ]


def list_quotes(engine: sa.Engine, *, speaker: str | None = None,
                article_id: int | None = None, limit: int | None = None) -> list[Row]:
    """Quotes and reported statements with their resolved speakers."""
    query = (
        sa.select(Quote, Sentence.idx)
        .outerjoin(Sentence, Quote.sentence_id == Sentence.id)
        .order_by(Quote.article_id, Quote.start_char)
        .limit(limit)
    )
    with Session(engine) as session:
        if speaker:
            query = query.where(sa.or_(Quote.speaker_id.in_(entity_ids(session, speaker)),
                                       Quote.speaker == speaker))
        if article_id is not None:
            query = query.where(Quote.article_id == article_id)
        return [
            {"id": q.id, "article_id": q.article_id, "sentence_idx": s_idx, "kind": q.kind,
             "speaker": q.speaker, "role": q.role, "cue": q.cue, "source": q.source,
             "start": q.start_char, "end": q.end_char, "text": q.text}
            for q, s_idx in session.execute(query)
        ]


def _pid_alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def list_runs(engine: sa.Engine, *, limit: int | None = None) -> list[Row]:
    """Ingest runs, newest first. A run still marked running whose process is gone from
    this host is shown as ``crashed`` (it was killed before it could record its end)."""
    import socket

    host = socket.gethostname()
    with Session(engine) as session:
        runs = session.scalars(sa.select(Run).order_by(Run.id.desc()).limit(limit)).all()
    rows = []
    for r in runs:
        status = r.status
        if status == "running" and r.host == host and r.pid and not _pid_alive(r.pid):
            status = "crashed"
        seconds = (r.finished_at - r.started_at).total_seconds() if r.finished_at else None
        rows.append({
            "id": r.id, "flow": r.flow, "status": status, "started_at": iso(r.started_at),
            "finished_at": iso(r.finished_at),
            "seconds": round(seconds, 1) if seconds is not None else None,
            "read": r.read, "stored": r.stored, "duplicates": r.duplicates,
            "skipped": r.skipped, "failed": r.failed, "reasons": r.reasons,
            "examples": r.examples, "inputs": r.inputs, "error": r.error,
            "flow_run_id": r.flow_run_id,
        })
    return rows


def list_sightings(engine: sa.Engine, *, article_id: int | None = None,
                   limit: int | None = None) -> list[Row]:
    """Every place an article was seen: its first reading and the copies stored as it."""
    query = (sa.select(ArticleSighting, Source.name)
             .outerjoin(Source, ArticleSighting.source_id == Source.id)
             .order_by(ArticleSighting.article_id, ArticleSighting.id).limit(limit))
    if article_id is not None:
        query = query.where(ArticleSighting.article_id == article_id)
    with Session(engine) as session:
        return [
            {"article_id": s.article_id, "kind": s.kind, "source": source, "url": s.url,
             "published": iso(s.published), "similarity": s.similarity, "origin": s.origin,
             "run_id": s.run_id, "seen_at": iso(s.seen_at)}
            for s, source in session.execute(query)
        ]
