"""Grouping articles into events: page furniture, entity evidence, late-dated copies."""

from __future__ import annotations

import datetime as dt

from pipeline.events import (
    OFFICIAL_ROLE,
    ArticleInfo,
    _drop_furniture_entities,
    _furniture,
    _headline,
    _set_entities,
    _vectorise,
    entity_overlap,
    group_articles,
)

SUFFIX = " - KXYZ 7 News, Weather & Sports for the Valley"


def info(aid: int, title: str, body: str, *, source: int = 1,
         day: dt.date = dt.date(2016, 5, 1),
         mentions: list[tuple[int, int, str]] | None = None) -> ArticleInfo:
    a = ArticleInfo(aid, day, title, f"{title}\n\n{body}", sources={source})
    a.mentions = mentions or []
    _set_entities(a, a.mentions)
    return a


def test_an_outlets_repeated_headline_suffix_is_furniture() -> None:
    first = info(1, "Man shot on Elm Street" + SUFFIX, "A man was shot.")
    second = info(2, "School board meets" + SUFFIX, "The board met.")
    alone = info(3, "Fire downtown - Live updates", "A fire broke out.", source=2)
    furniture = _furniture([first, second, alone])
    assert _headline(first, furniture) == "Man shot on Elm Street"
    assert _headline(alone, furniture) == "Fire downtown - Live updates"  # said once: kept


def test_entities_named_only_in_page_furniture_are_dropped() -> None:
    footer = "Copyright KXYZ Broadcasting Company. All rights reserved."
    body_a = f"Two men were shot near Carver Park.\n\n{footer}"
    body_b = f"The council met at Oak Hall.\n\n{footer}"
    a = info(1, "Two shot", body_a)
    b = info(2, "Council meets", body_b)
    station, park = 100, 200
    a.mentions = [(a.text.index("Carver Park"), park, "facility"),
                  (a.text.index("KXYZ"), station, "organisation")]
    b.mentions = [(b.text.index("KXYZ"), station, "organisation")]
    _drop_furniture_entities([a, b], _furniture([a, b]))
    assert a.entities == {park}
    assert b.entities == set()


def test_one_common_name_shared_is_weak_evidence() -> None:
    country = 7
    a = info(1, "x", "y", mentions=[(0, country, "country")])
    b = info(2, "x", "y", mentions=[(0, country, "country")])
    idf = {country: 0.2}  # named by most articles
    assert entity_overlap(a, b, idf) < 0.2  # not 1.0 because neither names anything else


def test_official_titles_mark_people_who_speak_about_many_stories() -> None:
    for role in ("police spokeswoman", "Sgt.", "Officer", "district attorney",
                 "community activist"):
        assert OFFICIAL_ROLE.search(role), role
    for role in ("neighbor", "victim", "mother", "old"):
        assert not OFFICIAL_ROLE.search(role), role


STORY = ("Darnell Whitacre, 34, was shot three times outside the Lucky Star laundromat on "
         "Ferris Avenue just before midnight, according to investigators. Witnesses said a "
         "grey pickup truck stopped beside the laundromat and a passenger opened fire. "
         "Whitacre was taken to Mercy General, where he was listed in critical condition. "
         "Detectives recovered eleven shell casings from the parking lot.")
OTHER = ("The county fair opens on Friday with a tractor pull, a pie contest and pony rides "
         "for children. Organisers expect record crowds if the weather holds.")


def test_a_late_dated_copy_of_a_story_joins_it_when_a_rare_name_is_shared() -> None:
    victim = 500
    early = info(1, "Man shot outside Ferris Avenue laundromat", STORY, source=1,
                 mentions=[(30, victim, "person")])
    late = info(2, "Laundromat shooting: man critical", STORY.replace("eleven", "twelve")
                + " Anyone with information is asked to call police.", source=2,
                day=dt.date(2018, 1, 28), mentions=[(30, victim, "person")])
    fair = info(3, "County fair opens Friday", OTHER, source=3)
    infos = {a.id: a for a in (early, late, fair)}
    groups, _ = group_articles(infos)
    together = [g.articles for g in groups if len(g.articles) > 1]
    assert together == [[1, 2]]
    # without the shared name, a page dated years later stays apart
    late.mentions = []
    _set_entities(late, [])
    for a in infos.values():
        a.vector = {}
    _vectorise(infos.values())
    groups, copies = group_articles(infos)
    assert not copies
    assert all(len(g.articles) == 1 for g in groups)


def test_a_name_also_tagged_as_a_place_does_not_link_follow_ups(engine) -> None:
    import sqlalchemy as sa

    from models import Entity
    from pipeline.events import _weak_identifiers

    with engine.begin() as conn:
        conn.execute(sa.insert(Entity), [
            {"kind": "person", "name": "Stockton", "key": "stockton|person"},
            {"kind": "place", "name": "Stockton", "key": "stockton|place"},
            {"kind": "person", "name": "Darnell Whitaker", "key": "darnell whitaker"},
            {"kind": "facility", "name": "Feltonville", "key": "feltonville|facility"},
            {"kind": "region", "name": "Feltonville", "key": "feltonville|region"},
            {"kind": "facility", "name": "Rodman Street", "key": "rodman street"}])
        ids = dict(conn.execute(sa.select(Entity.key, Entity.id)).all())
        weak = _weak_identifiers(conn)
    assert weak == {ids["stockton|person"], ids["feltonville|facility"]}
    a = info(1, "x", "y", mentions=[(0, ids["stockton|person"], "weak"),
                                    (5, ids["darnell whitaker"], "person")])
    assert a.specific == {ids["darnell whitaker"]}  # the victim links weeks later, not the town
    assert ids["stockton|person"] in a.entities  # still shared evidence within the window
