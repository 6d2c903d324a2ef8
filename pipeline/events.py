"""Group stored articles into events: the same story, told by one or more outlets.

Two articles are linked when they were published close together and say similar things:

* **text**: TF-IDF cosine over the content words of title and body (the title counted
  twice), IDF taken over the stored articles, without an outlet's page furniture:
  paragraphs it printed in more than one article, and the site-name suffix it puts on
  its headlines ("... - WXYZ News, Weather & Sports");
* **entities**: the canonical people, places and facilities both name in the story (not
  in furniture), each weighted by its rarity (a victim's name links strongly, "Chicago"
  hardly at all); people named with an official's title anywhere (police, prosecutors,
  spokespeople, reporters) speak about many stories and are left out; a person or
  facility whose name is also tagged as a place or organisation ("Stockton") links no
  follow-up weeks apart;
* **copies**: MinHash LSH (datasketch) candidates whose exact Jaccard of word 5-shingles
  (:mod:`pipeline.copies`, as ingestion's near-duplicate check) is at or above
  :data:`COPY_JACCARD` makes the pair a syndicated copy, always linked, and counted as
  one piece of evidence later (like the ``near_duplicate`` sightings ingestion records).

Links are made within :data:`WINDOW_DAYS` of each other; follow-ups within
:data:`LONG_WINDOW_DAYS` when they share a rare person or facility and score higher, and
at any distance when they score :data:`ANY_DATE_SCORE` (crawlers date some pages years
late); articles without a date only by copy or by a strong score. Events are the
connected components of the links, with a guard against chaining: an article joins a
group only when its average similarity to the group's members is at least
:data:`JOIN_AVERAGE`.

Nothing here imports spaCy or Prefect; everything is read from the database.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from models import Article, ArticleSighting, Entity, Mention
from pipeline.copies import NEAR_DUPLICATE, jaccard, shingles


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


WINDOW_DAYS = 7
#: Pair score at or above which two articles report the same event.
LINK_SCORE = 0.20
#: Follow-ups (arrests, trials) come weeks or months later: within this many days, two
#: articles naming the same rare entity are linked on a higher score.
LONG_WINDOW_DAYS = 400
LONG_LINK_SCORE = 0.45
#: Crawlers date some pages by the day they were archived, years late: two articles
#: naming the same rare entity with a score this high are linked whatever their dates.
ANY_DATE_SCORE = 0.6
#: An entity named by at most this many articles is "rare" (a victim, a street).
RARE_ENTITY_ARTICLES = 12
#: Average score to the members of a group needed to join it (anti-chaining guard).
JOIN_AVERAGE = 0.20
COPY_JACCARD = NEAR_DUPLICATE  # the threshold ingestion's near-duplicate check uses
SAME_OUTLET_FACTOR = 0.7
ENTITY_LABELS = ("PERSON", "GPE", "LOC", "FAC", "ORG")
#: How much shared entities add to the text cosine, at most.
ENTITY_WEIGHT = 0.45
#: The shared entities' weight is divided by the smaller article's entity weight, taken
#: as at least this: one common name shared by two articles naming little else
#: ("United States") is weak evidence.
ENTITY_NORM_MIN = 1.5
#: Titles of people who speak about many stories (police, prosecutors, reporters): the
#: people named with them are not what identifies an event.
OFFICIAL_ROLE = re.compile(
    r"\b(?:officer|police|sheriff|chief|detective|spokes(?:man|woman|person)|lt|sgt|"
    r"lieutenant|sergeant|deputy|trooper|capt|captain|cpl|corporal|det|coroner|"
    r"attorney|prosecutor|judge|mayor|gov|governor|commissioner|investigator|reporter|"
    r"writer|correspondent|agent|commander|superintendent|sen|senator|rep|activist|"
    r"alderman|ald|councilman|councilwoman)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
STOPWORDS = _wordset("""
a about above after again against all also am an and any are as at be been before being
below between both but by can could did do does doing down during each few for from had
has have having he her here hers him his how i if in into is it its itself just me more
most my no nor not now of off on once only or other our out over own said same says she
should so some such than that the their them then there these they this those through to
too under until up very was we were what when where which while who whom why will with
would you your news video photo photos copyright rights reserved click share facebook
twitter email print comments advertisement story stories read more reporter police
""")


@dataclass(slots=True)
class ArticleInfo:
    """What grouping needs to know about one stored article."""

    id: int
    published: dt.date | None
    title: str
    text: str
    sources: set[int] = field(default_factory=set)
    entities: set[int] = field(default_factory=set)
    #: People and facilities named: what identifies a story weeks later.
    specific: set[int] = field(default_factory=set)
    places: Counter[int] = field(default_factory=Counter)
    vector: dict[str, float] = field(default_factory=dict)
    #: Named-entity mentions: (start character in ``text``, entity id, entity kind).
    mentions: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class EventGroup:
    """One event: its articles, each with the similarity of its best link."""

    articles: list[int]
    similarity: dict[int, float]

    @property
    def id(self) -> int:
        """The event's id: the smallest id of its articles (stable across rebuilds)."""
        return min(self.articles)


def load_articles(conn: sa.Connection) -> dict[int, ArticleInfo]:
    """Stored articles with their outlets (sightings first) and named entities."""
    infos: dict[int, ArticleInfo] = {}
    rows = conn.execute(sa.select(Article.id, Article.published, Article.title, Article.text,
                                  Article.source_id).where(Article.status == "stored"))
    for aid, published, title, text, source_id in rows:
        infos[aid] = ArticleInfo(aid, published, title or "", text or "")
        if source_id is not None:
            infos[aid].sources.add(source_id)
    for aid, source_id in conn.execute(
            sa.select(ArticleSighting.article_id, ArticleSighting.source_id)
            .where(ArticleSighting.source_id.is_not(None))):
        if aid in infos:
            infos[aid].sources.add(source_id)
    officials: set[int] = set()
    for aid, eid, kind, start, role in conn.execute(
            sa.select(Mention.article_id, Mention.entity_id, Entity.kind, Mention.start_char,
                      Mention.role)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Mention.label.in_(ENTITY_LABELS))):
        if role and OFFICIAL_ROLE.search(role):
            officials.add(eid)
        if aid in infos:
            infos[aid].mentions.append((start, eid, kind))
    weak = _weak_identifiers(conn)
    for a in infos.values():  # officials speak about many stories: they identify none
        a.mentions = [(start, eid, "weak" if eid in weak else kind)
                      for start, eid, kind in a.mentions if eid not in officials]
    for a in infos.values():
        _set_entities(a, a.mentions)
    return infos


_NAME_KINDS = ("person", "facility")


def _weak_identifiers(conn: sa.Connection) -> set[int]:
    """People and facilities whose name is also tagged as a place, region or organisation
    somewhere ("Stockton" as a person, "Feltonville" as a facility): such a name is a
    town or a firm, not a victim. It still counts as a shared entity, but does not link
    follow-ups weeks apart as a rare person or facility does.
    """
    kinds: dict[str, set[str]] = defaultdict(set)
    rows = conn.execute(sa.select(Entity.id, Entity.name, Entity.kind)).all()
    for _, name, kind in rows:
        kinds[(name or "").casefold()].add(kind)
    return {eid for eid, name, kind in rows
            if kind in _NAME_KINDS and kinds[(name or "").casefold()] - set(_NAME_KINDS)}


def _set_entities(a: ArticleInfo, mentions: Iterable[tuple[int, int, str]]) -> None:
    """The article's entities, specific entities and places, from its mentions."""
    a.entities, a.specific, a.places = set(), set(), Counter()
    for _, eid, kind in mentions:
        a.entities.add(eid)
        if kind in _NAME_KINDS:
            a.specific.add(eid)
        if kind == "place":  # towns and cities (GPE), not regions or buildings
            a.places[eid] += 1


def words(text: str) -> list[str]:
    """Content words of ``text``: lower-cased, stop words and one-letter words dropped."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


#: The separator before a site name at the end of a headline ("... - WAVE 3 News").
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—]\s+")


def _split_suffix(title: str) -> tuple[str, str | None]:
    """A headline and its last `` - `` / `` | `` segment (a site name, often), or None."""
    title = title.strip()
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title, None
    last = separators[-1]
    return title[:last.start()], title[last.end():].strip().lower() or None


def _suffix(title: str) -> str | None:
    """The last segment of a headline after `` - `` or `` | ``, lower-cased, or None."""
    return _split_suffix(title)[1]


def _furniture(infos: list[ArticleInfo]) -> set[tuple[int, str]]:
    """(source, paragraph) pairs an outlet printed in more than one article: page furniture.

    Also (source, ``"suffix:" + segment``) for a headline's last segment the outlet put on
    more than one headline ("... - WAVE 3 News Louisville").
    """
    seen: Counter[tuple[int, str]] = Counter()
    for a in infos:
        suffix = _suffix(a.title)
        for source in a.sources:
            seen.update({(source, p.strip()) for p in a.text.split("\n\n") if p.strip()})
            if suffix:
                seen[(source, f"suffix:{suffix}")] += 1
    return {key for key, n in seen.items() if n > 1}


def _headline(a: ArticleInfo, furniture: set[tuple[int, str]]) -> str:
    """The article's title without its outlet's repeated site-name suffix."""
    suffix = _suffix(a.title)
    if suffix and any((s, f"suffix:{suffix}") in furniture for s in a.sources):
        return _split_suffix(a.title)[0]
    return a.title


def _story_spans(a: ArticleInfo, furniture: set[tuple[int, str]]) -> list[tuple[int, int]]:
    """Character spans of ``a.text`` that are the story: not furniture, nor a site suffix."""
    spans, start = [], 0
    headline = _headline(a, furniture)
    for p in a.text.split("\n\n"):
        end = start + len(p)
        if not any((s, p.strip()) in furniture for s in a.sources):
            if start == 0 and p.strip() == a.title.strip() and headline != a.title:
                end = start + len(p) - len(p.lstrip()) + len(headline)  # the suffix cut
            spans.append((start, end))
        start += len(p) + 2
    return spans


def _story_text(a: ArticleInfo, furniture: set[tuple[int, str]]) -> str:
    """The article's text without its outlet's furniture paragraphs and site suffix."""
    return "\n\n".join(a.text[s:e] for s, e in _story_spans(a, furniture))


def _drop_furniture_entities(infos: list[ArticleInfo], furniture: set[tuple[int, str]]
                             ) -> None:
    """Entities named only in page furniture (a station's name, a copyright line) are
    not the story's: each article keeps those it names in its story text."""
    for a in infos:
        spans = _story_spans(a, furniture)
        _set_entities(a, [m for m in a.mentions if any(s <= m[0] < e for s, e in spans)])


def _vectorise(infos: Iterable[ArticleInfo]) -> None:
    """Give each article its L2-normalised TF-IDF vector (sublinear term frequency);
    entities named only in page furniture are dropped."""
    infos = list(infos)
    furniture = _furniture(infos)
    _drop_furniture_entities(infos, furniture)
    bags = {a.id: Counter(words(_headline(a, furniture)) * 2
                          + words(_story_text(a, furniture)))
            for a in infos}
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = len(infos) + 1
    for a in infos:
        vec = {w: (1 + math.log(tf)) * math.log(n / df[w]) for w, tf in bags[a.id].items()
               if df[w] > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        a.vector = {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _entity_idf(infos: Iterable[ArticleInfo]) -> dict[int, float]:
    infos = list(infos)
    df: Counter[int] = Counter()
    for a in infos:
        df.update(a.entities)
    n = len(infos) + 1
    return {e: math.log(n / c) / math.log(n) for e, c in df.items()}


def entity_overlap(a: ArticleInfo, b: ArticleInfo, idf: dict[int, float]) -> float:
    """Rarity-weighted share of entities named by both, in [0, 1]."""
    shared = a.entities & b.entities
    if not shared:
        return 0.0
    weight = sum(idf.get(e, 0.0) for e in shared)
    smaller = min(sum(idf.get(e, 0.0) for e in a.entities),
                  sum(idf.get(e, 0.0) for e in b.entities)) or 1.0
    return min(1.0, weight / min(max(smaller, ENTITY_NORM_MIN), 3.0))


def copy_pairs(infos: dict[int, ArticleInfo], threshold: float = COPY_JACCARD
               ) -> set[tuple[int, int]]:
    """Pairs of articles whose texts are near-identical: candidates from MinHash LSH
    (datasketch), confirmed by the exact Jaccard of their word 5-shingles, as ingestion's
    near-duplicate check does (:mod:`pipeline.copies`)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    grams = {aid: shingles(infos[aid].text) for aid in sorted(infos)}
    hashes: dict[int, MinHash] = {}
    for aid, g in grams.items():
        hashes[aid] = MinHash(num_perm=64, seed=7)
        hashes[aid].update_batch([s.encode("utf-8") for s in g])
        lsh.insert(str(aid), hashes[aid])
    pairs = set()
    for aid, mh in hashes.items():
        for other in lsh.query(mh):
            b = int(other)
            if b != aid and jaccard(grams[aid], grams[b]) >= threshold:
                pairs.add((min(aid, b), max(aid, b)))
    return pairs


def pair_score(a: ArticleInfo, b: ArticleInfo, idf: dict[int, float]) -> float:
    """How likely two articles report the same event: text cosine plus shared entities.

    Two articles of one outlet share its style and page furniture, so their score is
    discounted by :data:`SAME_OUTLET_FACTOR`.
    """
    score = cosine(a.vector, b.vector) + ENTITY_WEIGHT * entity_overlap(a, b, idf)
    return score * SAME_OUTLET_FACTOR if a.sources & b.sources else score


def _close(a: ArticleInfo, b: ArticleInfo, days: int) -> bool:
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) <= days


def group_articles(infos: dict[int, ArticleInfo], *, window_days: int = WINDOW_DAYS,
                   link_score: float = LINK_SCORE, join_average: float = JOIN_AVERAGE,
                   long_window_days: int = LONG_WINDOW_DAYS,
                   long_link_score: float = LONG_LINK_SCORE
                   ) -> tuple[list[EventGroup], set[tuple[int, int]]]:
    """Events of the articles, and the pairs found to be copies of each other."""
    _vectorise(infos.values())
    idf = _entity_idf(infos.values())
    copies = copy_pairs(infos)
    dated = sorted((a for a in infos.values() if a.published), key=lambda a: a.published)
    scored: dict[tuple[int, int], float] = {}
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if (b.published - a.published).days > window_days:
                break
            s = pair_score(a, b, idf)
            if s >= join_average:
                scored[(min(a.id, b.id), max(a.id, b.id))] = s
    by_entity: dict[int, list[int]] = defaultdict(list)
    for a in dated:
        for e in a.specific:
            by_entity[e].append(a.id)
    for ids in by_entity.values():
        if len(ids) > RARE_ENTITY_ARTICLES:
            continue
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                pair = (min(x, y), max(x, y))
                if pair in scored:
                    continue
                s = pair_score(infos[x], infos[y], idf)
                if s >= ANY_DATE_SCORE or (s >= long_link_score and _close(
                        infos[x], infos[y], long_window_days)):
                    scored[pair] = s
    undated = [a for a in infos.values() if not a.published]
    for a in undated:  # no date: link only on a strong score
        for b in infos.values():
            if b.id != a.id:
                s = pair_score(a, b, idf)
                if s >= 2 * link_score:
                    scored[(min(a.id, b.id), max(a.id, b.id))] = s
    for pair in copies:  # last: a copy is always linked, at full strength
        scored[pair] = max(scored.get(pair, 0.0), 1.0)
    return _cluster(sorted(infos), scored, link_score, join_average), copies


def _cluster(ids: list[int], scored: dict[tuple[int, int], float], link_score: float,
             join_average: float) -> list[EventGroup]:
    """Merge along links, strongest first, when the groups' average similarity holds."""
    group_of = {i: i for i in ids}
    members: dict[int, list[int]] = {i: [i] for i in ids}
    best: dict[int, float] = defaultdict(float)
    for (a, b), s in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < link_score:
            break
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        cross = [scored.get((min(x, y), max(x, y)), 0.0)
                 for x in members[ga] for y in members[gb]]
        if sum(cross) / len(cross) < join_average:
            continue
        keep, gone = (ga, gb) if len(members[ga]) >= len(members[gb]) else (gb, ga)
        for x in members[gone]:
            group_of[x] = keep
        members[keep].extend(members.pop(gone))
        best[a] = max(best[a], s)
        best[b] = max(best[b], s)
    return [EventGroup(sorted(m), {x: round(best[x], 3) for x in m if x in best})
            for m in members.values()]


def event_title(infos: dict[int, ArticleInfo], articles: list[int]) -> str | None:
    """The title of the event's earliest article, its last `` - `` / `` | `` segment (a
    site name, often) cut."""
    first = min(articles, key=lambda a: (infos[a].published or dt.date.max, a))
    title = infos[first].title
    return _split_suffix(title)[0] if title else None
