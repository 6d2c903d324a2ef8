"""Events, figure matching and verdicts: the rules, then real databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from models import Comparison, ComparisonFigure, Event, EventArticle
from pipeline.articles import Article, Paragraph
from pipeline.compare import Figure, build_comparisons, judge, list_comparisons, timeline
from pipeline.metrics import article_counts, metric_of, sentence_counts
from pipeline.settings import Settings


def counts(sentence: str) -> dict[str, int]:
    """The largest count per metric (as an article takes it)."""
    out: dict[str, int] = {}
    for f in sentence_counts(sentence):
        out[f.metric] = max(out.get(f.metric, 0), f.value)
    return out


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two men were shot early Sunday.", {"shot": 2}),
    ("One person died at the hospital, police said.", {"killed": 1}),
    ("A 25-year-old man was killed in the crash.", {"killed": 1}),
    ("The shooting left one man dead and four others injured.", {"killed": 1, "injured": 4}),
    ("Police say he shot four people, killing 20-year-old Tolitha Bowman.",
     {"shot": 4, "killed": 1}),
    ("Two other men, ages 22 and 20, were wounded in the legs.", {"injured": 2}),
    ("5 shot, 1 killed on Auburn Avenue", {"shot": 5, "killed": 1}),
    ("Toddler, Man Killed in New Jersey Shooting", {"killed": 2}),
    ("A teenager wounded in a drive-by shooting on Friday has died, police said.",
     {"killed": 1}),
    ("Woman hospitalized after Elm Street shooting pronounced dead", {"killed": 1}),
    ("One man was wounded and a second man has died.", {"injured": 1, "killed": 1}),
    ("Boy, 9, fatally struck by a stray bullet on his porch", {"killed": 1}),
    ("Teen recovering after accidentally shooting himself while cleaning a rifle",
     {"shot": 1}),
    ("Police are looking for a shooting suspect in a red pickup.", {}),
    ("A girl was struck by a stray bullet on her porch.", {"shot": 1}),
    ("Four people were hit by gunfire and two died.", {"shot": 4, "killed": 2}),
    ("A 16-year-old boy was shot in the 600 block of Main Street.", {"shot": 1}),
    ("Police investigate a quadruple homicide.", {"killed": 4}),
    ("East Harlem gunplay leaves 3 men, 1 woman wounded", {"injured": 4}),
    ("Sheriff: 4 adults, 2 children dead in 'horrific' scene", {"killed": 6}),
    ("Police: Family of four dies in murder-suicide", {"killed": 4}),
    ("The student killed four classmates and himself.", {"killed": 5}),
    ("A woman was hit by a stray bullet.", {"shot": 1}),
    ("Woman in critical condition after shooting", {"injured": 1}),
    ("Police originally told ABC 15 News that eight people were wounded.", {"injured": 8}),
    ("Fourth victim dies after Robinson Road shooting", {"killed": 4}),
    ("The fifth man was pronounced dead at Grady Memorial Hospital.", {}),
    ("At least eight people were killed in shootings across the city.", {"killed": 8}),
    # lists of people, with or without numbers
    ("Police: Man kills his wife, her mother, then himself", {"killed": 3}),
    ("Grandfather, 9-year-old grandson found dead on Oak Ridge farm", {"killed": 2}),
    ("A retired man and his 12-year-old grandson were found dead in the home.",
     {"killed": 2}),
    ("Three adults and a toddler were wounded at the block party.", {"injured": 4}),
    ("The gunman killed two customers and a clerk before fleeing.", {"killed": 3}),
    ("Deputies say he fatally shot his brother and nephew.", {"killed": 2}),
    ("The ambush killed four men and an unborn child.", {"killed": 4}),
    ("Toddler shoots mother in Elm Street apartment", {"shot": 1}),
    ("Teen accidentally shoots himself in the leg", {"shot": 1}),
    ("The couple's neighbors heard shots that killed her parents.", {"killed": 2}),
    ("Man arrested for gunning down 2 teens outside a party", {"killed": 2}),
    ("A shooting suspect was arrested on Tuesday.", {}),
    ("Gunman fatally shoots 3 co-workers, self at warehouse", {"killed": 4}),
    ("Deputies investigate apparent double murder-suicide", {"killed": 3}),
    ("Four shot, two fatally, at Labor Day parade", {"shot": 4, "killed": 2}),
    # the archive counts a shooter killed too: added when the sentence counts both
    ("3 murdered in farmhouse; suspect dead after standoff", {"killed": 4}),
    ("A gunman killed one person and wounded five others at a motel.",
     {"killed": 1, "injured": 5}),
    ("The suspect killed himself after a standoff with deputies.", {"killed": 1}),
    ("The shot killed the boy and injured one of the family dogs.", {"killed": 1}),
    ("The gunman wounded three of her family members.", {"injured": 3}),
    ("Three men were charged with killing a 13-year-old and his father.", {"killed": 2}),
    ("Father kills infant son, self in Oak Ridge home", {"killed": 2}),
    ("Police say he killed his wife before turning the gun on himself.", {"killed": 2}),
    ("The man shot and killed his neighbor, then took his own life.", {"killed": 2}),
    ("A teen killed himself after an argument; he turned a gun on himself.", {"killed": 1}),
])
def test_sentence_counts_read_number_words(sentence: str, expected: dict[str, int]) -> None:
    assert counts(sentence) == expected


def test_hedged_counts_are_bounds() -> None:
    [figure] = sentence_counts("At least eight people were killed.")
    assert (figure.value, figure.change) == (8, ">")
    [figure] = sentence_counts("About 20 people were injured.")
    assert (figure.value, figure.change) == (20, "~")


def test_ages_addresses_and_times_are_not_counts() -> None:
    assert counts("The 600 block of East Lakeshore Drive was closed at 1:51 p.m.") == {}
    assert counts("He is 19 years old.") == {}


def test_article_counts_take_injured_from_shot_minus_killed() -> None:
    found = article_counts([(0, "Four men shot while playing dice"),
                            (1, "One of them, a 19-year-old, was killed.")])
    assert (found["shot"].value, found["killed"].value) == (4, 1)
    assert found["injured"].value == 3
    assert found["injured"].rule == "shot-minus-killed"


def test_people_hit_by_gunfire_are_shot_and_the_survivors_injured() -> None:
    found = article_counts([(0, "Four people were hit by gunfire and two died.")])
    assert (found["killed"].value, found["injured"].value) == (2, 2)
    assert article_counts([(0, "A woman was hit by a stray bullet.")])["injured"].value == 1


def test_article_counts_skip_running_totals_and_other_years() -> None:
    found = article_counts([
        (0, "One man was killed in a shooting on Main Street."),
        (1, "So far this year 74 people have been killed in the city."),
        (2, "In 2012, three people were killed at the same corner."),
    ])
    assert found["killed"].value == 1


def test_article_counts_skip_sentences_naming_an_earlier_year() -> None:
    sentences = [(0, "Two men were killed in a shooting at a Main Street bar."),
                 (1, "In a June 2009 attack at the same bar, five people were killed.")]
    found = article_counts(sentences, published=dt.date(2016, 3, 4))
    assert found["killed"].value == 2
    # the year before may be the event itself (a follow-up on last winter's shooting)
    follow_up = [(0, "Three arrested for the December 2015 triple homicide on Elm Street")]
    found = article_counts(follow_up, published=dt.date(2016, 3, 4))
    assert found["killed"].value == 3


def test_article_counts_skip_round_ups_of_several_shootings() -> None:
    found = article_counts([
        (0, "5 killed, 21 wounded in weekend shootings across the city"),
        (1, "Two men were wounded on Pine Street on Saturday."),
        (2, "In separate shootings, three people were killed on the West Side."),
    ])
    assert found["injured"].value == 2
    assert "killed" not in found


@pytest.mark.parametrize("round_up", [
    "Detectives are investigating three overnight shootings that left six people wounded.",
    "Fourteen people were shot in a violent weekend on the city's East Side.",
    "A series of retaliatory shootings has left four dead and nine wounded since June.",
    "Twelve people have been shot in less than 48 hours, police said.",
    "Four people were killed within six hours on Saturday, police said.",
    "Two gang-related shootings on Sunday left three people wounded.",
    "Two separate hunting accidents Saturday left two men injured.",
])
def test_article_counts_skip_counts_over_several_incidents(round_up: str) -> None:
    found = article_counts([(0, round_up), (1, "One man was wounded on Pine Street.")])
    assert found["injured"].value == 1  # the story's own victim, not the round-up's total
    assert "killed" not in found


def test_article_counts_further_down_are_other_incidents_when_the_lead_counts() -> None:
    lead = [(0, "Three wounded in shooting outside Elm Street bar")]
    lead += [(i, "Police have not named a suspect.") for i in range(1, 7)]
    later = [(7, "In May, a man was killed at the corner.")]
    found = article_counts(lead + later)
    assert found["injured"].value == 3
    assert "killed" not in found  # the May killing is another incident
    # a lead without counts: the first count further down is the article's
    found = article_counts(lead[1:] + later)
    assert (found["killed"].value, found["killed"].in_lead) == (1, False)


def test_a_non_fatal_shooting_says_no_one_died() -> None:
    sentences = [(0, "Police respond to a non-fatal shooting on Fulton Avenue"),
                 (1, "Officers were called to the nonfatal shooting scene late Monday.")]
    assert "killed" not in article_counts(sentences)
    fatal = article_counts([(0, "Police investigate a fatal shooting on Fulton Avenue")])
    assert (fatal["killed"].value, fatal["killed"].rule) == (1, "fatal-word")  # at least one


@pytest.mark.parametrize("other", [
    "A 19-year-old was shot and killed on the same block last week.",
    "A boy was killed in a shooting in the same neighborhood earlier in the day.",
    "It follows a deadly spate that includes a double homicide at the mall.",
    "Police are also investigating two separate slayings at apartment buildings.",
])
def test_article_counts_skip_other_incidents_nearby(other: str) -> None:
    found = article_counts([(0, "Four men shot near the park"), (1, other)])
    assert "killed" not in found
    assert found["injured"].value == 4


def test_embedded_video_captions_are_not_the_story() -> None:
    sentences = [(0, "Teen faces manslaughter charge in shooting death of friend"),
                 (1, "Video Man and Woman Killed in Plantation Crash"),
                 (2, "Manhunt for Double Murder Suspect 1:22 autoplay Copy this code")]
    found = article_counts(sentences)
    assert (found["killed"].value, found["killed"].rule) == (1, "fatal-word")


def test_dead_in_a_name_or_an_idiom_is_no_death() -> None:
    sentences = [(0, "A 2-year-old girl was wounded in a drive-by shooting"),
                 (1, "Shots were fired near Captain Haynes and Dead River roads."),
                 (2, "Detectives said the case had reached a dead end.")]
    assert "killed" not in article_counts(sentences)
    assert article_counts([(0, "Man found dead near river")])["killed"].value == 1


def test_the_end_of_a_quote_opened_earlier_is_skipped() -> None:
    sentences = [(0, "Police say a man fired into a house on Oak Street on Sunday."),
                 (1, "and he said he would kill his wife and kids,\" said Chief Dana Moss."),
                 (2, "A neighbour was wounded in the leg.")]
    found = article_counts(sentences)
    assert "killed" not in found  # a threat quoted, not a death
    assert found["injured"].value == 1


def test_article_counts_mark_counts_found_after_the_lead() -> None:
    lead = [(i, "The mayor spoke about the neighbourhood.") for i in range(7)]
    found = article_counts([*lead, (7, "Two men were wounded.")])
    assert (found["injured"].value, found["injured"].in_lead) == (2, False)
    assert article_counts([(0, "Two men were wounded.")])["injured"].in_lead


def test_event_counts_use_the_events_killed_figure_for_people_shot() -> None:
    from pipeline.compare import event_counts

    counts = event_counts({
        1: [(0, "One man was killed and two others were wounded on Elm Street.")],
        2: [(0, "Three people were shot on Elm Street late Friday.")],  # no killed count
    })
    assert counts["killed"][1].value == 1
    assert counts["injured"][2].value == 2  # 3 shot minus the event's 1 killed
    assert counts["injured"][2].rule == "shot-minus-killed"


def test_the_killed_figure_for_people_shot_is_voted_as_the_consensus_is() -> None:
    from pipeline.compare import event_counts

    counts = event_counts({
        1: [(0, "Two men were killed on Elm Street.")],
        2: [(0, "Police investigate a fatal shooting on Elm Street")],  # at least one
        3: [(0, "Detectives at the scene of a fatal shooting on Elm Street")],
        4: [(0, "Five people were shot on Elm Street late Friday.")],
    })
    # "fatal shooting" says at least one died and does not outvote "two were killed"
    assert counts["injured"][4].value == 3


def test_event_counts_drop_wounded_reported_before_they_died() -> None:
    from pipeline.compare import event_counts

    counts = event_counts({
        1: [(0, "A 16-year-old boy was critically wounded on Elm Street.")],  # first report
        2: [(0, "Teen dies after being shot on Elm Street")],
        3: [(0, "The 16-year-old boy shot on Elm Street has died, police said.")],
    })
    assert counts["killed"][2].value == 1
    assert 1 not in counts.get("injured", {})  # the boy wounded is the boy who died
    # an article that counts its dead keeps its wounded
    counts = event_counts({
        1: [(0, "One man was killed and one man was wounded on Elm Street.")],
        2: [(0, "A man died after a shooting on Elm Street.")],
    })
    assert counts["injured"][1].value == 1


def test_reports_counting_only_the_dead_imply_no_wounded() -> None:
    from pipeline.compare import casualty_figures

    sentences = {1: [(0, "Man shot and killed outside a Maple Street bar")],
                 2: [(0, "One man died after a shooting on Maple Street late Friday.")]}

    def figure(aid: int, **fields) -> Figure:
        return Figure(article_id=aid, outlets=[f"outlet{aid}"], **fields)

    found = {metric: (figs, extra) for metric, figs, extra
             in casualty_figures([1, 2], sentences, figure, {})}
    assert [f.value for f in found["killed"][0]] == [1.0, 1.0]
    figs, extra = found["injured"]
    assert figs == [] and extra["implied"] == 0.0  # no report counts wounded: none
    verdict = judge(figs, implied=extra["implied"], reason=extra["reason"])
    assert (verdict.verdict, verdict.value) == ("unclear", 0.0)
    assert "none counts injured" in verdict.reason
    wounded_only = {1: [(0, "Two teens were wounded in a drive-by shooting on Elm Street.")]}
    found = {metric: extra for metric, _, extra
             in casualty_figures([1], wounded_only, figure, {})}
    assert found["killed"]["implied"] == 0.0  # the reverse: wounded counted, no dead
    assert casualty_figures([1], {1: [(0, "The council met on Tuesday.")]}, figure, {}) == []
    assert judge([]).value is None  # nothing counted at all: no value


def test_metric_lexicon_groups_synonyms() -> None:
    assert {metric_of(w) for w in ("killed", "dead", "died", "slain", "kill", "die")} \
        == {"killed"}
    assert {metric_of(w) for w in ("injured", "wounded", "hurt", "wound")} == {"injured"}
    assert metric_of("reach") is None


def fig(article: int, value: float, change: str = "=", *, day: int = 1, outlet: str = "",
        text: str = "", high: float | None = None) -> Figure:
    return Figure(article_id=article, value=value, change=change, high=high,
                  published=dt.date(2023, 4, day), outlets=[outlet or f"outlet{article}"],
                  text=text)


def test_verdict_agree_on_equal_values_and_compatible_hedges() -> None:
    assert judge([fig(1, 3), fig(2, 3)]).verdict == "agree"
    up_to = fig(1, 400_000, "<", high=400_000)
    some = fig(2, 400_000, "~")
    verdict = judge([up_to, some])
    assert (verdict.verdict, verdict.reason) == ("agree", "compatible bounds")


def test_verdict_disagree_gives_the_gap() -> None:
    verdict = judge([fig(1, 2), fig(2, 5), fig(3, 2)])
    assert verdict.verdict == "disagree"
    assert verdict.gap == 3
    assert verdict.value == 2  # most figures say 2


def test_verdict_update_needs_a_later_report_with_a_cue() -> None:
    earlier = fig(1, 4, day=1, text="Four people were killed.")
    later = fig(2, 5, day=2, text="The death toll rises to five.")
    assert (judge([earlier, later]).verdict, judge([earlier, later]).value) == ("update", 5)
    no_cue = fig(2, 5, day=2, text="Five people were killed.")
    assert judge([earlier, no_cue]).verdict == "disagree"


def test_consensus_weighs_lead_counts_over_later_ones() -> None:
    from pipeline.compare import consensus

    in_lead = fig(1, 3)
    later = [fig(2, 1), fig(3, 1)]
    for f in later:
        f.weight = 0.5  # found further down than the lead
    assert consensus([in_lead, *later]) == 3  # one lead count outweighs two later ones
    assert consensus([fig(1, 3), fig(2, 1), fig(3, 1)]) == 1


def test_consensus_tie_goes_to_the_figure_not_counting_the_dead() -> None:
    from pipeline.compare import consensus

    # "eight injured" counted everyone shot; "six injured" did not (two were killed)
    tied = [fig(1, 8), fig(2, 6)]
    assert consensus(tied) == 8
    assert consensus(tied, also_counted=2) == 6
    assert consensus(tied, also_counted=1) == 8  # the gap is not the dead: the larger


def test_verdict_unclear_with_one_outlet() -> None:
    assert judge([fig(1, 2)]).verdict == "unclear"
    assert judge([fig(1, 2, outlet="x"), fig(2, 3, outlet="x")]).verdict == "unclear"


STORY_A = ("Two men were killed and three people were wounded in a shooting outside the "
           "Riverside Tavern on Maple Street in Springfield late Saturday, police said. "
           "Detective Laura Kowalczyk said the gunman fled in a silver sedan. "
           "Witnesses told officers that an argument inside the Riverside Tavern spilled "
           "onto Maple Street shortly before midnight.")
STORY_B = ("Three men were killed and three others were wounded when gunfire erupted outside "
           "the Riverside Tavern in Springfield on Saturday night. Detective Laura Kowalczyk "
           "asked anyone with information about the silver sedan to call police. "
           "Neighbours on Maple Street said the tavern had seen fights before.")
OTHER = ("The Springfield city council approved a new budget for parks and libraries on "
         "Tuesday after a long debate about property taxes and the cost of snow removal. "
         "Council member Dana Whitfield said the libraries will open on Sundays.")


def article(origin: str, title: str, body: str, source: str, day: int) -> Article:
    return Article(origin=origin, paragraphs=(Paragraph("headline", title),
                                              Paragraph("body", body)),
                   title=title, published=dt.date(2016, 5, day), source=source,
                   url=f"https://{source}/{origin}")


@pytest.fixture
def compared(engine: sa.Engine, nlp) -> sa.Engine:
    """Two outlets on one shooting (one copied by a third outlet), and an unrelated story."""
    from pipeline.ingest import ingest_items

    items = [
        article("a", "Two killed in Springfield tavern shooting", STORY_A, "daily.example", 1),
        article("a-copy", "Two killed in Springfield tavern shooting", STORY_A,
                "syndicate.example", 1),
        article("b", "Three dead after Riverside Tavern gunfire", STORY_B, "herald.example", 2),
        article("c", "Council approves Springfield budget", OTHER, "daily.example", 3),
    ]
    ingest_items(items, nlp=nlp, engine=engine)
    build_comparisons(engine)
    return engine


def test_build_groups_the_story_and_flags_the_killed_disagreement(compared: sa.Engine) -> None:
    with compared.connect() as conn:
        sizes = sorted(conn.scalars(sa.select(Event.articles)))
    assert len(sizes) == 2  # the tavern story, and the council's budget
    assert sizes[-1] in (2, 3)  # the copy is a sighting, or a stored article of its own
    [killed] = list_comparisons(compared, metric="killed")
    assert killed["verdict"] == "disagree"
    assert killed["gap"] == 1
    assert sorted(f["value"] for f in killed["details"]) == [2.0, 3.0]  # the copy counts once
    assert killed["sources"] == 3
    copied = next(f for f in killed["details"] if f["value"] == 2.0)
    assert copied["outlets"] == "daily.example, syndicate.example"
    assert copied["sentence"] == "Two killed in Springfield tavern shooting"  # the headline
    [injured] = list_comparisons(compared, metric="wounded")  # a synonym finds the metric
    assert (injured["verdict"], injured["value"]) == ("agree", 3.0)


def test_build_is_idempotent(compared: sa.Engine) -> None:
    def snapshot() -> tuple[list, list, list]:
        with compared.connect() as conn:
            return (conn.execute(sa.select(Event.id, Event.articles, Event.sources)
                                 .order_by(Event.id)).all(),
                    conn.execute(sa.select(EventArticle.event_id, EventArticle.article_id)
                                 .order_by(EventArticle.article_id)).all(),
                    conn.execute(sa.select(Comparison.key, Comparison.verdict, Comparison.value)
                                 .order_by(Comparison.key)).all())
    first = snapshot()
    build_comparisons(compared)
    assert snapshot() == first
    with compared.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(ComparisonFigure)) \
            == sum(c["figures"] for c in list_comparisons(compared))


def _group() -> click.Group:
    from pipeline.cli_compare import browse, compare
    from pipeline.cli_compare import timeline as timeline_command

    @click.group()
    @click.option("--db", "database_url")
    @click.pass_context
    def group(ctx: click.Context, database_url: str) -> None:
        ctx.obj = Settings.from_env(database_url=database_url)

    for command in (compare, timeline_command, browse):
        group.add_command(command)
    return group


def test_cli_compare_and_timeline(compared: sa.Engine, db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_group(), ["--db", db_url, "compare", "--disagreements-only",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["metric"] for r in rows] == ["killed"]
    assert rows[0]["details"][0]["sentence"]
    result = runner.invoke(_group(), ["--db", db_url, "compare", "--entity", "Kowalczyk",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("id,event_id,event,metric")
    assert len(result.output.splitlines()) >= 3  # killed and injured of the tavern story
    png = tmp_path / "killed.png"
    result = runner.invoke(_group(), ["--db", db_url, "timeline", "--metric", "dead",
                                      "--plot", str(png), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p["value"] for p in json.loads(result.output.split("\n", 1)[1])] == [2.0, 3.0]
    assert [p["value"] for p in timeline(compared, metric="killed")] == [2.0, 3.0]


def test_browse_serves_the_file_immutable_with_saved_queries(compared: sa.Engine, db_url: str,
                                                              tmp_path: Path) -> None:
    runner = CliRunner()
    meta = tmp_path / "meta.json"
    result = runner.invoke(_group(), ["--db", db_url, "browse", "--no-open", "--metadata",
                                      str(meta)])
    if not db_url.startswith("sqlite"):
        assert result.exit_code != 0
        assert "SQLite" in result.output
        return
    assert result.exit_code == 0, result.output
    command = result.output.split()
    assert "--immutable" in command
    queries = json.loads(meta.read_text())["databases"]["claimwire"]["queries"]
    assert {"disagreements", "person_quotes", "place_figures"} <= set(queries)
    got = subprocess.run([*command[:command.index("--port")], "--get",
                          "/claimwire/disagreements.json?_shape=array"],
                         capture_output=True, text=True, timeout=120, check=True)
    rows = json.loads(got.stdout)
    assert {r["figure"] for r in rows} == {2.0, 3.0}
    assert all(r["metric"] == "killed" for r in rows)


MIGRANTS_A = ("More than 42,000 migrants have reached Italy this year, the Italian interior "
              "ministry said on Monday. Interior minister Matteo Piantedosi said boats from "
              "Tunisia and Libya were arriving every day at Lampedusa.")
MIGRANTS_B = ("Some 48,000 migrants have reached Italy this year, according to figures released "
              "by the interior ministry in Rome. Matteo Piantedosi said Lampedusa was "
              "overwhelmed by boats from Tunisia and Libya.")
MIGRANTS_C = ("Around 30,000 migrants have reached Italy this year, the coastguard estimated, as "
              "crossings from North Africa continued through the summer despite rough seas.")


def test_claims_match_within_an_event_and_as_a_running_figure(engine: sa.Engine, nlp) -> None:
    from pipeline.ingest import ingest_items

    def item(origin: str, title: str, body: str, source: str, day: int) -> Article:
        return Article(origin=origin, paragraphs=(Paragraph("headline", title),
                                                  Paragraph("body", body)),
                       title=title, published=dt.date(2023, 5, day), source=source)

    ingest_items([item("x", "Migrant arrivals in Italy soar", MIGRANTS_A, "a.example", 2),
                  item("y", "Italy migrant arrivals keep rising", MIGRANTS_B, "b.example", 3),
                  item("z", "Coastguard tallies crossings", MIGRANTS_C, "c.example", 28)],
                 nlp=nlp, engine=engine)
    build_comparisons(engine)
    rows = list_comparisons(engine, metric="reach", place="Italy")
    within = next(r for r in rows if r["event_id"] is not None)
    running = next(r for r in rows if r["event_id"] is None)
    # "more than 42,000" and "some 48,000" are compatible; the later "30,000" is not
    assert (within["verdict"], within["reason"]) == ("agree", "compatible bounds")
    assert within["evidence"] == "a.example 2023-05-02: >42000; b.example 2023-05-03: ~48000"
    assert running["verdict"] == "disagree"
    assert running["figures"] == 3
    assert running["gap"] > 0


def test_query_modules_import_neither_spacy_nor_prefect() -> None:
    code = ("import sys, pipeline.cli_compare, pipeline.compare, pipeline.events, "
            "pipeline.metrics; print(sorted(m for m in ('spacy', 'prefect') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"


PLEDGE_A = ("Britain pledged £480million to France this year to stop small boats crossing the "
            "Channel, Rishi Sunak announced at the summit in Paris with Emmanuel Macron.")
PLEDGE_B = ("Britain pledged €541million to France this year to stop small boats crossing the "
            "Channel, Rishi Sunak announced in Paris alongside Emmanuel Macron.")


def test_money_in_two_currencies_compares_only_through_explicit_rates(engine: sa.Engine,
                                                                      nlp) -> None:
    from pipeline.ingest import ingest_items

    ingest_items([Article(origin=o, paragraphs=(Paragraph("headline", t), Paragraph("body", b)),
                          title=t, published=dt.date(2023, 3, 10), source=s)
                  for o, t, b, s in [("x", "Sunak and Macron agree small boats deal", PLEDGE_A,
                                      "a.example"),
                                     ("y", "UK to pay France to stop small boats", PLEDGE_B,
                                      "b.example")]], nlp=nlp, engine=engine)
    build_comparisons(engine)
    assert list_comparisons(engine, metric="pledge") == []  # GBP and EUR: never silently
    build_comparisons(engine, rates={"GBP": 1.0, "EUR": 0.887})
    [pledge] = list_comparisons(engine, metric="pledge")
    assert (pledge["unit"], pledge["verdict"], pledge["figures"]) == ("GBP", "agree", 2)
    assert sorted(round(f["value"] / 1e6) for f in pledge["details"]) == [480, 480]
    # the converted amount is approximate; the one already in the base currency stays exact
    assert sorted(f["change"] for f in pledge["details"]) == ["=", "~"]
    with pytest.raises(ValueError, match="base currency"):
        build_comparisons(engine, rates={"EUR": 0.86, "USD": 0.79})
