"""Dates and periods resolved against the publication date (a Monday, 24 April 2023)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.dates import dates, resolve_date
from pipeline.articles import read_paths
from pipeline.nlp import parse_texts
from tests.conftest import SEED

ANCHOR = dt.date(2023, 4, 24)
D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity", "timex"),
    [
        ("today", D(2023, 4, 24), D(2023, 4, 25), "day", "2023-04-24"),
        ("yesterday", D(2023, 4, 23), D(2023, 4, 24), "day", "2023-04-23"),
        ("tomorrow", D(2023, 4, 25), D(2023, 4, 26), "day", "2023-04-25"),
        ("last week", D(2023, 4, 17), D(2023, 4, 24), "week", "2023-W16"),
        ("this week", D(2023, 4, 24), D(2023, 5, 1), "week", "2023-W17"),
        ("next month", D(2023, 5, 1), D(2023, 6, 1), "month", "2023-05"),
        ("last month", D(2023, 3, 1), D(2023, 4, 1), "month", "2023-03"),
        ("earlier this month", D(2023, 4, 1), D(2023, 5, 1), "month", "2023-04"),
        ("this year", D(2023, 1, 1), D(2024, 1, 1), "year", "2023"),
        ("last year", D(2022, 1, 1), D(2023, 1, 1), "year", "2022"),
        ("next year", D(2024, 1, 1), D(2025, 1, 1), "year", "2024"),
        ("this summer", D(2023, 6, 1), D(2023, 9, 1), "season", "2023-SU"),
        ("the summer", D(2023, 6, 1), D(2023, 9, 1), "season", "2023-SU"),
        ("last summer", D(2022, 6, 1), D(2022, 9, 1), "season", "2022-SU"),
        ("the previous 12 months", D(2022, 4, 24), D(2023, 4, 24), "span",
         "2022-04-24/2023-04-24"),
        ("the first three months of this year", D(2023, 1, 1), D(2023, 4, 1), "quarter",
         "2023-Q1"),
        ("the same period last year", D(2022, 1, 1), D(2022, 4, 25), "span",
         "2022-01-01/2022-04-25"),
        ("in 2016", D(2016, 1, 1), D(2017, 1, 1), "year", "2016"),
        ("on Thursday", D(2023, 4, 20), D(2023, 4, 21), "day", "2023-04-20"),
        ("Monday night", D(2023, 4, 24), D(2023, 4, 25), "day", "2023-04-24"),
        ("March 3", D(2023, 3, 3), D(2023, 3, 4), "day", "2023-03-03"),
        ("May 2015", D(2015, 5, 1), D(2015, 6, 1), "month", "2015-05"),
        ("24 April 2023", D(2023, 4, 24), D(2023, 4, 25), "day", "2023-04-24"),
        ("the 1990s", D(1990, 1, 1), D(2000, 1, 1), "decade", "199X"),
        ("2012-13", D(2012, 4, 1), D(2013, 4, 1), "fiscal_year", "FY2012"),
        ("three years ago", D(2020, 1, 1), D(2021, 1, 1), "year", "2020"),
        ("a year ago", D(2022, 1, 1), D(2023, 1, 1), "year", "2022"),
        # as long as "the previous 12 months", starting the day after publication
        ("the next 12 months", D(2023, 4, 25), D(2024, 4, 25), "span",
         "2023-04-25/2024-04-25"),
        ("December 2022", D(2022, 12, 1), D(2023, 1, 1), "month", "2022-12"),
    ],
)
def test_resolves_against_publication_date(text, start, end, granularity, timex) -> None:
    r = resolve_date(text, ANCHOR)
    assert (r.start_date, r.end_date, r.granularity, r.timex) == (start, end, granularity,
                                                                  timex)


@pytest.mark.parametrize(("text", "duration"), [
    ("three years", "P3Y"), ("five-day", "P5D"), ("a five-day", "P5D"),
    ("forty five minutes", "PT45M"), ("two decades", "P20Y"),
    # "a"/"an" is one: "a decade" is ten years, not a date ten years ago ("dec" is no month)
    ("a decade", "P10Y"), ("in a decade", "P10Y"), ("an hour", "PT1H"), ("a year", "P1Y"),
    ("two centuries", "P200Y"), ("a century", "P100Y")])
def test_durations_are_not_dates(text: str, duration: str) -> None:
    r = resolve_date(text, ANCHOR)
    assert (r.duration, r.start_date, r.granularity) == (duration, None, "duration")


@pytest.mark.parametrize("text", ["", "12", "the day", "recent years", "garbage xyz", "..."])
def test_vague_or_junk_resolves_to_nothing(text: str) -> None:
    assert resolve_date(text, ANCHOR) is None


def test_relative_flag() -> None:
    assert resolve_date("next month", ANCHOR).relative
    assert not resolve_date("May 2015", ANCHOR).relative
    assert resolve_date("the first three months of this year", ANCHOR).relative
    assert not resolve_date("the first three months of 2023", ANCHOR).relative
    assert not resolve_date("the first four months of 2023", ANCHOR).relative


def test_seed_dates(nlp) -> None:
    article = next(read_paths([SEED]))
    doc = next(parse_texts(nlp, [article.text]))
    found = {d.text: d for d in dates(doc, anchor=ANCHOR)}
    assert found["next month"].timex == "2023-05"
    assert found["this year"].timex == "2023"
    assert found["today"].timex == "2023-04-24"
    assert found["this summer"].timex == "2023-SU"
    assert found["three years"].duration == "P3Y"
    for d in found.values():
        assert doc.text[d.start:d.end] == d.text
