"""Compare the figures articles report: events, matched figures, verdicts; stored and queried.

:func:`build_comparisons` recomputes everything from the stored articles in one
transaction (idempotent: running it again gives the same rows):

1. **events** (:mod:`pipeline.events`): articles grouped by date, shared entities and text;
2. **figures**: per article, casualty counts read from its sentences
   (:func:`pipeline.metrics.article_counts`: ``killed``, ``injured``) and its stored claims,
   each claim's metric named by :data:`pipeline.metrics.METRIC_LEXICON` (or its predicate);
3. **matching**: figures measure the same thing when metric, subject head, place, period
   and unit (currency) agree; money in two currencies is compared only through
   :data:`EXCHANGE_RATES` when a rate is given, never silently. Within an event, and across
   events for running figures (claims with a period and a place, "migrants crossing the
   Channel this year");
4. **verdicts** (:func:`judge`): ``agree`` (equal values, or bounds and hedges that
   overlap: "up to 400,000" and "some 400,000"), ``disagree`` (with the gap), ``update`` (a
   later report revises the figure with an update cue: "death toll rises to 5") or
   ``unclear`` (one independent source, or nothing comparable). An event whose reports
   count the dead and no wounded (or the wounded and no dead) gets an implied 0 for the
   other metric: ``unclear``, no figures, the reason saying so.

Copies are one piece of evidence: an article stored once with several sightings names all
its outlets, and articles found to be near-identical (MinHash) are merged into one figure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from models import (
    Article,
    ArticleSighting,
    Claim,
    Comparison,
    ComparisonFigure,
    Entity,
    Event,
    EventArticle,
    Sentence,
    Source,
)
from pipeline.events import event_title, group_articles, load_articles
from pipeline.metrics import CASUALTY_METRICS, ArticleCount, article_counts, metric_of
from pipeline.query import iso

#: Explicit exchange rates to one base currency, the base included, e.g.
#: ``{"GBP": 1.0, "EUR": 0.86, "USD": 0.79}``. Empty by default: money in different
#: currencies is then never compared (a currency not in the table stays apart).
EXCHANGE_RATES: dict[str, float] = {}
#: Relative half-width given to an approximate figure ("some 400,000", "about 20").
HEDGE = 0.10
#: Votes of a casualty count read in an article's lead, further down, and the headline's
#: extra (it breaks ties).
LEAD_WEIGHT, LATER_WEIGHT, HEADLINE_BONUS = 1.0, 0.5, 0.2
#: Words in a later sentence that mark a revised figure.
UPDATE_CUES = re.compile(
    r"\b(?:update[ds]?|rises?|rose|risen|climb(?:s|ed)?|now|has died|have died|later died|"
    r"succumbed|another|revised|increased to|up to \d+ now)\b", re.IGNORECASE)
COMPARED_METRICS = ("killed", "injured")
#: Predicates too light to name a measure on their own.
LIGHT_VERBS = frozenset({"be", "have", "call", "say", "take", "go", "get", "make", "do",
                         "include", "contact", "hear", "find", "look", "come", "give", "use",
                         "see", "tell", "know", "stand", "hold", "put", "keep"})
_NON_FIGURE_KINDS = ("age",)
_PG_BUILD_LOCK = 7_319_022  # advisory lock key of build_comparisons


@dataclass(slots=True)
class Figure:
    """One independent figure: from one article (and its copies)."""

    article_id: int
    value: float | None
    low: float | None = None
    high: float | None = None
    change: str = "="
    published: dt.date | None = None
    outlets: list[str] = field(default_factory=list)
    source_id: int | None = None
    text: str | None = None
    sentence_id: int | None = None
    #: The sentence's position in its article (casualty counts read from sentences).
    sentence_idx: int | None = None
    claim_id: int | None = None
    origin: str = "claim"
    copies: int = 1
    #: The article's headline (an update cue may be there: "Death toll rises to 5").
    title: str | None = None
    #: The figure's vote in the consensus: a count read in an article's lead weighs more
    #: than one found further down (:data:`LEAD_WEIGHT`, :data:`LATER_WEIGHT`).
    weight: float = 1.0

    def interval(self) -> tuple[float, float]:
        """The values this figure allows: exact, hedged, a bound or a range."""
        inf = float("inf")
        if self.low is not None or self.high is not None:
            return (self.low if self.low is not None else -inf,
                    self.high if self.high is not None else inf)
        v = self.value if self.value is not None else 0.0
        if self.change == "~":
            return v * (1 - HEDGE), v * (1 + HEDGE)
        if self.change == "<":
            return -inf, v
        if self.change == ">":
            return v, inf
        return v, v


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on a group of figures measuring the same thing."""

    verdict: str
    value: float | None
    low: float | None
    high: float | None
    gap: float | None
    reason: str


def consensus(figures: Sequence[Figure], *, also_counted: float | None = None
              ) -> float | None:
    """The value with most votes of independent figures (ties: the larger, tolls rise).

    Each figure votes with its ``weight`` (a count from an article's lead weighs more
    than one found further down, a headline's a little more). Exact figures outvote
    bounds and hedges ("at least one died" does not count against "two were killed")
    when there are any. ``also_counted``: when the tied values differ by exactly this
    many, the smaller wins: the larger counted those people too (eight shot, two of them
    killed, reported as "eight injured").
    """
    exact = [f for f in figures if f.change == "=" and f.value is not None]
    votes: defaultdict[float, float] = defaultdict(float)
    for f in exact or figures:
        if f.value is not None:
            votes[f.value] += f.weight
    if not votes:
        return None
    top = max(votes.values())
    tied = sorted(v for v, n in votes.items() if abs(n - top) < 1e-9)
    if also_counted and len(tied) == 2 and tied[1] - tied[0] == also_counted:
        return tied[0]
    return tied[-1]


def judge(figures: Sequence[Figure], *, also_counted: float | None = None,
          implied: float | None = None, reason: str | None = None) -> Verdict:
    """``agree``, ``disagree``, ``update`` or ``unclear`` for figures of one measure.

    ``also_counted`` is passed to :func:`consensus` (the event's killed figure, when
    judging injured counts). ``implied``: the value when no figure is given (0 wounded
    when the reports count the dead and no wounded), ``unclear`` with ``reason``.
    """
    figures = [f for f in figures if f.value is not None or f.low is not None
               or f.high is not None]
    outlets = {o for f in figures for o in (f.outlets or [str(f.article_id)])}
    if not figures:
        if implied is not None:
            return Verdict("unclear", implied, implied, implied, None, reason or "implied")
        return Verdict("unclear", None, None, None, None, "no figure")
    intervals = [f.interval() for f in figures]
    lo, hi = max(i[0] for i in intervals), min(i[1] for i in intervals)
    value = consensus(figures, also_counted=also_counted)
    low = min(i[0] for i in intervals)
    high = max(i[1] for i in intervals)
    if len(figures) < 2 or len(outlets) < 2:
        return Verdict("unclear", value, low, high, None,
                       "one independent source" if len(figures) < 2 else "one outlet")
    if lo <= hi:
        kind = "equal values" if all(i[0] == i[1] for i in intervals) else "compatible bounds"
        return Verdict("agree", value, low, high, 0.0, kind)
    dated = sorted((f for f in figures if f.published), key=lambda f: (f.published,
                                                                        f.article_id))
    if len(dated) >= 2:
        latest = dated[-1]
        earlier = [f for f in dated if f.published < latest.published]
        cue_text = f"{latest.title or ''} {latest.text or ''}"
        if earlier and latest.value is not None and UPDATE_CUES.search(cue_text) \
                and all(f.value is not None and f.value != latest.value for f in earlier):
            return Verdict("update", latest.value, low, high, None,
                           f"revised on {latest.published.isoformat()}")
    gap = lo - hi  # distance between the furthest-apart figures' allowed values
    return Verdict("disagree", value, low, high, round(gap, 6),
                   f"gap {gap:g} between {len(figures)} figures")


# --- building --------------------------------------------------------------------------

@dataclass(slots=True)
class BuildSummary:
    """What :func:`build_comparisons` stored."""

    events: int = 0
    multi_article_events: int = 0
    comparisons: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def _outlets(conn: sa.Connection) -> dict[int, list[tuple[int, str]]]:
    """Article id -> (source id, name) of every outlet that carried it (sightings first)."""
    names = dict(conn.execute(sa.select(Source.id, Source.name)).all())
    outlets: dict[int, dict[int, str]] = defaultdict(dict)
    for aid, sid in conn.execute(sa.select(ArticleSighting.article_id,
                                           ArticleSighting.source_id)):
        if sid is not None:
            outlets[aid][sid] = names.get(sid, str(sid))
    for aid, sid in conn.execute(sa.select(Article.id, Article.source_id)
                                 .where(Article.status == "stored")):
        if sid is not None:
            outlets[aid].setdefault(sid, names.get(sid, str(sid)))
    return {aid: sorted(o.items(), key=lambda kv: kv[1]) for aid, o in outlets.items()}


def _head(subject_key: str | None) -> str | None:
    """The head word of a subject key, crudely singular ("migrants" -> "migrant")."""
    if not subject_key:
        return None
    word = subject_key.split()[-1]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def build_comparisons(engine: sa.Engine, *, rates: dict[str, float] | None = None
                      ) -> BuildSummary:
    """Recompute events, figures and verdicts from the stored articles (idempotent)."""
    import time

    started = time.perf_counter()
    rates = EXCHANGE_RATES if rates is None else rates
    base_currency = next((code for code, rate in rates.items() if rate == 1.0), None)
    if rates and base_currency is None:
        raise ValueError("exchange rates need their base currency at 1.0, e.g. "
                         '{"GBP": 1.0, "EUR": 0.86}')
    summary = BuildSummary()
    with engine.connect() as conn:
        infos = load_articles(conn)
        groups, copies = group_articles(infos)
        outlets = _outlets(conn)
        sentences: dict[int, list[tuple[int, str]]] = defaultdict(list)
        sentence_ids: dict[tuple[int, int], int] = {}
        for sid, aid, idx, text in conn.execute(
                sa.select(Sentence.id, Sentence.article_id, Sentence.idx, Sentence.text)
                .order_by(Sentence.article_id, Sentence.idx)):
            sentences[aid].append((idx, text))
            sentence_ids[(aid, idx)] = sid
    with Session(engine) as session:
        claims = session.execute(
            sa.select(Claim, Sentence.text).outerjoin(Sentence, Sentence.id == Claim.sentence_id)
            .where(Claim.kind.not_in(_NON_FIGURE_KINDS))
            .order_by(Claim.article_id, Claim.start_char, Claim.id)).all()  # same on any DB
    copy_of = _copy_roots(copies)
    event_of = {a: g.id for g in groups for a in g.articles}

    def figure(aid: int, **kw: Any) -> Figure:
        outs = outlets.get(aid, [])
        return Figure(article_id=aid, published=infos[aid].published, title=infos[aid].title,
                      outlets=[n for _, n in outs], source_id=outs[0][0] if outs else None,
                      copies=max(1, len(outs)), **kw)

    comparisons: list[tuple[dict[str, Any], list[Figure]]] = []
    for g in groups:
        for metric, figs, extra in casualty_figures(g.articles, sentences, figure, copy_of,
                                                    {a: infos[a].published
                                                     for a in g.articles}):
            for f in figs:
                f.sentence_id = sentence_ids.get((f.article_id, f.sentence_idx))
            comparisons.append(({"key": f"{g.id}|{metric}", "event_id": g.id,
                                 "metric": metric, **extra}, figs))
    by_key: dict[tuple[Any, ...], list[Figure]] = defaultdict(list)
    running: dict[tuple[Any, ...], list[Figure]] = defaultdict(list)
    meta: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c, text in claims:
        metric = metric_of(c.predicate) or c.predicate
        if not metric or metric in CASUALTY_METRICS or metric in LIGHT_VERBS \
                or not c.subject_key or c.article_id not in infos:
            continue  # a light verb says nothing of what is measured ("is", "call 911")
        unit, value, low, high = c.currency or c.unit, c.value, c.low, c.high
        currency, change = c.currency, c.change
        if c.currency and c.currency in rates and c.currency != base_currency:
            change = "~" if change == "=" else change  # a converted amount is approximate
            factor = rates[c.currency]
            unit = currency = base_currency  # converted to the rates' base currency
            value, low, high = (None if x is None else x * factor for x in (value, low, high))
        place = c.place_id if c.place_id is not None else c.place
        base = (metric, _head(c.subject_key), place, c.period_timex, unit)
        fig = figure(c.article_id, value=value, low=low, high=high, change=change,
                     text=text, sentence_id=c.sentence_id, claim_id=c.id, origin="claim")
        info = {"metric": metric, "subject_key": _head(c.subject_key), "place_id": c.place_id,
                "place": c.place, "period_start": c.period_start, "period_end": c.period_end,
                "unit": c.unit, "currency": currency}
        by_key[(event_of[c.article_id], *base)].append(fig)
        meta[(event_of[c.article_id], *base)] = info
        if c.period_timex and place is not None:
            running[base].append(fig)
            meta[("*", *base)] = info
    for key, figs in by_key.items():
        figs = _merge_copies(_one_per_article(figs), copy_of)
        if len({f.article_id for f in figs}) >= 2:
            comparisons.append(({"key": _key(key), "event_id": key[0], **meta[key]}, figs))
    for key, figs in running.items():
        figs = _merge_copies(_one_per_article(figs), copy_of)
        if len({event_of[f.article_id] for f in figs}) >= 2:
            comparisons.append(({"key": _key(("*", *key)), "event_id": None,
                                 **meta[("*", *key)]}, figs))
    with Session(engine) as session, session.begin():
        _store(session, infos, groups, comparisons, outlets, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def casualty_figures(articles: Sequence[int], sentences: dict[int, list[tuple[int, str]]],
                     figure: Any, copy_of: dict[int, int],
                     published: dict[int, dt.date | None] | None = None
                     ) -> list[tuple[str, list[Figure], dict[str, Any]]]:
    """(metric, figures, judge options) of one event's killed and injured counts.

    ``figure(article_id, **fields)`` makes a :class:`Figure` for an article; copies are
    merged. The injured figures are judged knowing the event's killed consensus.
    """
    per_metric = event_counts({aid: sentences.get(aid, []) for aid in articles}, published)
    out: list[tuple[str, list[Figure], dict[str, Any]]] = []
    killed: float | None = None
    for metric in COMPARED_METRICS:
        figs: list[Figure] = []
        for aid, found in per_metric.get(metric, {}).items():
            text = dict(sentences[aid]).get(found.sentence_idx)
            weight = (LEAD_WEIGHT if found.in_lead else LATER_WEIGHT) \
                + (HEADLINE_BONUS if found.sentence_idx == 0 else 0.0)
            figs.append(figure(aid, value=float(found.value), text=text,
                               change=">" if found.rule == "fatal-word" else found.change,
                               origin=f"count:{found.rule}",
                               sentence_idx=found.sentence_idx, weight=weight))
        if not figs:
            continue
        figs = _merge_copies(figs, copy_of)
        extra = {"also_counted": killed} if metric == "injured" and killed else {}
        if metric == "killed":
            killed = consensus(figs)
        out.append((metric, figs, extra))
    if len(out) == 1:  # reports that count the dead and no wounded (or the reverse): none
        counted = out[0][0]
        missing = next(m for m in COMPARED_METRICS if m != counted)
        out.append((missing, [], {"implied": 0.0, "reason": f"implied 0: {len(out[0][1])} "
                                  f"report(s) count {counted}, none counts {missing}"}))
        out.sort(key=lambda item: COMPARED_METRICS.index(item[0]))
    return out


def event_counts(articles: dict[int, Sequence[tuple[int, str]]],
                 published: dict[int, dt.date | None] | None = None
                 ) -> dict[str, dict[int, ArticleCount]]:
    """Metric -> article -> count, for the articles of one event.

    Killed first; an article that gives people shot but no killed count of its own then
    takes the event's killed consensus to work out its injured count. ``published`` (the
    articles' dates) lets sentences naming an earlier year be skipped.
    """
    dates = published or {}
    first = {aid: article_counts(sents, published=dates.get(aid))
             for aid, sents in articles.items()}
    # the killed figure the consensus will give, voted the same way (lead, headline, exact)
    killed = [c["killed"] for c in first.values() if "killed" in c]
    hint = consensus([Figure(0, float(c.value), change=">" if c.rule == "fatal-word" else "=",
                             weight=(LEAD_WEIGHT if c.in_lead else LATER_WEIGHT)
                             + (HEADLINE_BONUS if c.sentence_idx == 0 else 0.0))
                      for c in killed]) or 0
    out: dict[str, dict[int, ArticleCount]] = defaultdict(dict)
    for aid, sents in articles.items():
        found = article_counts(sents, killed_hint=hint, published=dates.get(aid))
        injured = found.get("injured")
        if injured and "killed" not in found and injured.value <= hint:
            # written before they died: its wounded are the event's dead ("a boy was
            # critically wounded"; other reports: "the boy has died")
            del found["injured"]
        for metric, count in found.items():
            out[metric][aid] = count
    return out


def _key(parts: Iterable[Any]) -> str:
    return "|".join("" if p is None else str(p) for p in parts)[:500]


def _copy_roots(copies: set[tuple[int, int]]) -> dict[int, int]:
    """Article -> the smallest id among its near-identical copies (union-find)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x
    for a, b in sorted(copies):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _one_per_article(figs: list[Figure]) -> list[Figure]:
    """An article's first figure per measure (it repeats itself: captions, summaries)."""
    seen: dict[int, Figure] = {}
    for f in figs:
        seen.setdefault(f.article_id, f)
    return list(seen.values())


def _merge_copies(figs: list[Figure], copy_of: dict[int, int]) -> list[Figure]:
    """Figures of near-identical articles become one, naming all their outlets."""
    merged: dict[int, Figure] = {}
    for f in sorted(figs, key=lambda f: f.article_id):
        root = copy_of.get(f.article_id, f.article_id)
        if root in merged and merged[root].value == f.value:
            kept = merged[root]
            kept.outlets = sorted(set(kept.outlets) | set(f.outlets))
            kept.copies += f.copies
        elif root in merged:
            merged[f.article_id] = f
        else:
            merged[root] = f
    return list(merged.values())


def _store(session: Session, infos: dict[int, Any], groups: list[Any],
           comparisons: list[tuple[dict[str, Any], list[Figure]]],
           outlets: dict[int, list[tuple[int, str]]], summary: BuildSummary) -> None:
    """Replace the stored events and comparisons with the new ones (one transaction)."""
    if session.get_bind().dialect.name == "postgresql":  # one rebuild at a time
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_BUILD_LOCK})
    for model in (ComparisonFigure, Comparison, EventArticle, Event):
        session.execute(sa.delete(model))
    now = dt.datetime.now(dt.UTC)
    places = dict(session.execute(sa.select(Entity.id, Entity.name)).all())
    event_rows, link_rows = [], []
    for g in groups:
        dates = [infos[a].published for a in g.articles if infos[a].published]
        srcs = {s for a in g.articles for s, _ in outlets.get(a, [])}
        place_counts: Counter[int] = Counter()
        for a in g.articles:
            place_counts.update(set(infos[a].places))
        place_id = place_counts.most_common(1)[0][0] if place_counts else None
        event_rows.append({
            "id": g.id, "title": event_title(infos, g.articles),
            "first_published": min(dates, default=None),
            "last_published": max(dates, default=None), "articles": len(g.articles),
            "sources": max(1, len(srcs)), "place_id": place_id,
            "place": places.get(place_id) if place_id else None, "built_at": now})
        link_rows.extend({"event_id": g.id, "article_id": a, "similarity": g.similarity.get(a)}
                         for a in g.articles)
        summary.events += 1
        summary.multi_article_events += len(g.articles) > 1
    if event_rows:
        session.execute(sa.insert(Event), event_rows)
        session.execute(sa.insert(EventArticle), link_rows)
    for info, figs in comparisons:
        v = judge(figs, also_counted=info.get("also_counted"), implied=info.get("implied"),
                  reason=info.get("reason"))
        dates = [f.published for f in figs if f.published]
        row = Comparison(
            key=info["key"], event_id=info.get("event_id"), metric=info["metric"],
            subject_key=info.get("subject_key"), place_id=info.get("place_id"),
            place=info.get("place"), period_start=info.get("period_start"),
            period_end=info.get("period_end"), unit=info.get("unit"),
            currency=info.get("currency"), verdict=v.verdict, value=v.value,
            low=_finite(v.low), high=_finite(v.high), gap=v.gap,
            sources=len({o for f in figs for o in (f.outlets or [str(f.article_id)])}),
            figures=len(figs), first_published=min(dates, default=None),
            last_published=max(dates, default=None), reason=v.reason, built_at=now)
        session.add(row)
        session.flush()
        if not figs:  # an implied value ("0 wounded": the reports count only the dead)
            summary.comparisons += 1
            summary.verdicts[v.verdict] += 1
            continue
        session.execute(sa.insert(ComparisonFigure), [
            {"comparison_id": row.id, "article_id": f.article_id, "claim_id": f.claim_id,
             "sentence_id": f.sentence_id, "source_id": f.source_id,
             "outlets": ", ".join(f.outlets) or None, "copies": f.copies,
             "published": f.published, "value": f.value, "low": f.low, "high": f.high,
             "change": f.change, "text": f.text, "origin": f.origin} for f in figs])
        summary.comparisons += 1
        summary.verdicts[v.verdict] += 1


def _finite(x: float | None) -> float | None:
    return x if x is not None and abs(x) != float("inf") else None


# --- querying (no spaCy, no Prefect) ---------------------------------------------------

COMPARISON_FIELDS = ("id", "event_id", "event", "metric", "subject", "place", "period_start",
                     "period_end", "unit", "verdict", "value", "low", "high", "gap", "sources",
                     "figures", "first_published", "last_published", "reason", "evidence")


def list_comparisons(engine: sa.Engine, *, event_id: int | None = None,
                     entity: str | None = None, metric: str | None = None,
                     place: str | None = None, disagreements_only: bool = False,
                     limit: int | None = None) -> list[dict[str, Any]]:
    """Stored comparisons with their figures (claims, outlets, dates, sentences)."""
    from pipeline.query import entity_ids

    query = (sa.select(Comparison, Event.title).outerjoin(Event, Event.id == Comparison.event_id)
             .order_by(Comparison.event_id.is_(None), Comparison.event_id, Comparison.metric,
                       Comparison.id).limit(limit))
    with Session(engine) as session:
        if event_id is not None:
            query = query.where(Comparison.event_id == event_id)
        if metric:
            query = query.where(Comparison.metric == (metric_of(metric) or metric))
        if disagreements_only:
            query = query.where(Comparison.verdict == "disagree")
        if entity:
            ids = entity_ids(session, entity)
            in_event = sa.select(EventArticle.event_id).join(
                Claim, Claim.article_id == EventArticle.article_id).where(
                sa.or_(Claim.subject_id.in_(ids), Claim.place_id.in_(ids),
                       Claim.speaker_id.in_(ids)))
            from models import Mention
            named = sa.select(EventArticle.event_id).join(
                Mention, Mention.article_id == EventArticle.article_id).where(
                Mention.entity_id.in_(ids))
            from pipeline.canonical import name_key
            query = query.where(sa.or_(Comparison.subject_key == _head(name_key(entity)),
                                       Comparison.place_id.in_(ids),
                                       Comparison.event_id.in_(in_event),
                                       Comparison.event_id.in_(named)))
        if place:
            ids = entity_ids(session, place)
            query = query.where(sa.or_(
                Comparison.place_id.in_(ids), Comparison.place == place,
                Comparison.event_id.in_(sa.select(Event.id).where(Event.place_id.in_(ids)))))
        rows = session.execute(query).all()
        figures = _figures(session, [c.id for c, _ in rows])
    out = []
    for c, title in rows:
        figs = figures.get(c.id, [])
        out.append({
            "id": c.id, "event_id": c.event_id, "event": title, "metric": c.metric,
            "subject": c.subject_key, "place": c.place, "period_start": iso(c.period_start),
            "period_end": iso(c.period_end), "unit": c.currency or c.unit,
            "verdict": c.verdict, "value": c.value, "low": c.low, "high": c.high,
            "gap": c.gap, "sources": c.sources, "figures": c.figures,
            "first_published": iso(c.first_published),
            "last_published": iso(c.last_published), "reason": c.reason,
            "evidence": "; ".join(f"{f['outlets']} {f['published']}: {_shown(f)}"
                                  for f in figs),
            "details": figs,
        })
    return out


def _shown(f: dict[str, Any]) -> str:
    """A figure as written: ``2``, ``~48000``, ``>42000``, ``<400000``, ``10-20``."""
    if f["value"] is None and f["low"] is not None and f["high"] is not None:
        return f"{_num(f['low'])}-{_num(f['high'])}"
    if f["value"] is None:
        return f">{_num(f['low'])}" if f["low"] is not None else f"<{_num(f['high'])}"
    prefix = f["change"] if f["change"] in ("~", "<", ">") else ""
    return f"{prefix}{_num(f['value'])}"


def _num(value: Any) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _figures(session: Session, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for f in session.scalars(sa.select(ComparisonFigure)
                                 .where(ComparisonFigure.comparison_id.in_(chunk))
                                 .order_by(ComparisonFigure.published,
                                           ComparisonFigure.article_id)):
            out[f.comparison_id].append({
                "comparison_id": f.comparison_id, "article_id": f.article_id,
                "outlets": f.outlets, "published": iso(f.published), "value": f.value,
                "low": f.low, "high": f.high, "change": f.change, "origin": f.origin,
                "claim_id": f.claim_id, "copies": f.copies, "sentence": f.text})
    return out


TIMELINE_FIELDS = ("published", "value", "metric", "verdict", "event_id", "event", "place",
                   "outlets", "sentence")


def timeline(engine: sa.Engine, *, metric: str, place: str | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
    """Every figure of ``metric`` over time (by publication date), with its comparison."""
    rows = list_comparisons(engine, metric=metric, place=place)
    points = [
        {"published": f["published"], "value": f["value"], "metric": r["metric"],
         "verdict": r["verdict"], "event_id": r["event_id"], "event": r["event"],
         "place": r["place"], "comparison_id": r["id"], "outlets": f["outlets"],
         "sentence": f["sentence"]}
        for r in rows for f in r["details"] if f["published"] and f["value"] is not None]
    points.sort(key=lambda p: (p["published"], p["comparison_id"]))
    return points[:limit] if limit is not None else points


def plot_timeline(points: list[dict[str, Any]], path: str, *, title: str) -> int:
    """Save a PNG of the figures over time, one line per comparison; returns lines drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in points:
        series[p["comparison_id"]].append(p)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    colours = {"agree": "tab:green", "disagree": "tab:red", "update": "tab:blue",
               "unclear": "tab:gray"}
    for pts in series.values():
        xs = [dt.date.fromisoformat(p["published"]) for p in pts]
        ys = [p["value"] for p in pts]
        ax.plot(xs, ys, marker="o", alpha=0.7, color=colours.get(pts[0]["verdict"], "k"))
    for verdict, colour in colours.items():
        ax.plot([], [], color=colour, marker="o", label=verdict)
    ax.set_title(title)
    ax.set_xlabel("published")
    ax.set_ylabel("reported figure")
    ax.legend(loc="upper left", fontsize="small")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return len(series)


# --- for the evaluation -----------------------------------------------------------------

def event_assignments(engine: sa.Engine) -> dict[str, tuple[int, int | None]]:
    """Every origin an article was read from -> (article id, event id)."""
    with engine.connect() as conn:
        events = dict(conn.execute(sa.select(EventArticle.article_id,
                                             EventArticle.event_id)).all())
        out = {origin: (aid, events.get(aid)) for aid, origin in conn.execute(
            sa.select(Article.id, Article.origin).where(Article.status == "stored"))}
        for aid, origin in conn.execute(sa.select(ArticleSighting.article_id,
                                                  ArticleSighting.origin)):
            out.setdefault(origin, (aid, events.get(aid)))
    return out


def outlet_figures(engine: sa.Engine, article_gold: dict[int, str]
                   ) -> dict[tuple[str, str], dict[str, Any]]:
    """(gold event, metric) -> per-outlet figures, consensus and verdict.

    A gold event is read through the built event holding most of its articles; on a tie,
    the one holding the article that comes first in ``article_gold``'s order.
    """
    with engine.connect() as conn:
        events = dict(conn.execute(sa.select(EventArticle.article_id,
                                             EventArticle.event_id)).all())
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for aid, gold in article_gold.items():
        if aid in events:
            votes[gold][events[aid]] += 1
    chosen = {gold: c.most_common(1)[0][0] for gold, c in votes.items()}
    wanted = set(chosen.values())
    rows = [r for r in list_comparisons(engine) if r["event_id"] in wanted
            and r["metric"] in COMPARED_METRICS]
    by_event = {(r["event_id"], r["metric"]): r for r in rows}
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for gold, event in chosen.items():
        for metric in COMPARED_METRICS:
            r = by_event.get((event, metric))
            if r is None:
                continue
            by_outlet: dict[str, float | None] = {}
            for f in r["details"]:
                for outlet in (f["outlets"] or str(f["article_id"])).split(", "):
                    by_outlet[outlet] = f["value"]
            out[(gold, metric)] = {
                "consensus": r["value"], "by_outlet": by_outlet, "verdict": r["verdict"],
                "event": event, "gap": r["gap"],
                "sentences": [f"{f['outlets']}: {f['sentence']}" for f in r["details"]]}
    return out
