"""Dates and periods resolved against the publication date, as a news reader would.

claimwire's own rules handle what dateparser does not: periods ("this summer", "the
previous 12 months", "the first three months of this year", "the same period last
year"), durations ("three years" is a duration, not a date three years ago), fiscal years
("2012-13"), decades and weekdays (the one before publication). dateparser, with
``languages=['en']`` and the anchor as ``RELATIVE_BASE``, handles calendar dates.

Choices where English is ambiguous (documented here, tested in tests/extractors):

* "the summer"/"this summer" is the season of the anchor's year; seasons are northern
  meteorological ones (summer = 1 June to 1 September); "last summer" is the year before.
* "the same period last year" is last year's year-to-date, the anchor's day included:
  [1 Jan, anchor + 1 day) one year back.
* "2012-13" is a UK fiscal year: [2012-04-01, 2013-04-01).
* A bare weekday ("Thursday", "on Thursday") is the latest such day on or before the anchor.
* "recent years", "recently", "the past" are too vague and resolve to nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span

from extractors.entities import sentence_indices
from extractors.numbers import parse_number_words
from extractors.types import DateMention, DocLike

UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y", "hour": "H",
         "minute": "M", "second": "S", "fortnight": "D", "century": "Y"}
SEASONS = {"spring": (3, "SP"), "summer": (6, "SU"), "autumn": (9, "FA"), "fall": (9, "FA"),
           "winter": (12, "WI")}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_LEAD = re.compile(r"^(?:(?:the|on|in|of|during|since|by|until|for|from|at|over|within|"
                   r"earlier|later|late|early|mid|around|about|some)\s+)+")
_NUM = r"(?P<n>[\w]+(?:[\s-][\w]+)?)"
_DURATION = re.compile(rf"^(?:(?:a|an|another|some|about|around|nearly|almost|more than|"
                       rf"over|at least|up to)\s+)?{_NUM}[\s-]"
                       rf"(?P<unit>{'|'.join(UNITS).replace('century', 'centur(?:y|ie)')})s?"
                       rf"(?:[\s-](?:long|old))?$")
_PREVIOUS = re.compile(rf"^(?:previous|past|last|preceding|next|coming|following)\s+{_NUM}\s+"
                       rf"(?P<unit>day|week|month|year|decade)s?$")
_FIRST_N = re.compile(rf"^(?:first|last)\s+{_NUM}\s+(?P<unit>month|week|day)s?\s+of\s+"
                      r"(?P<year>this year|last year|next year|\d{4})$")
_FISCAL = re.compile(r"^(?:fy\s*)?(?P<y1>(?:19|20)\d\d)[-/–](?P<y2>\d\d)$")
_DECADE = re.compile(r"^(?P<d>(?:1[89]|20)\d)0'?s$")
_YEAR = re.compile(r"^(?P<y>(?:1[89]|20)\d\d)$")
_AGO = re.compile(rf"^{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago$")
_VAGUE = re.compile(r"\brecent\b|\brecently\b|\bthe past$|\bformer\b|\bnowadays\b|\bsoon\b")


class Resolution(NamedTuple):
    """A resolved expression: an interval [start_date, end_date), or a duration."""

    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    timex: str | None
    duration: str | None
    relative: bool


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month(year: int, month: int, relative: bool) -> Resolution:
    start = dt.date(year, month, 1)
    return Resolution(start, _add_months(start, 1), "month", f"{year}-{month:02d}", None,
                      relative)


def _year(year: int, relative: bool) -> Resolution:
    return Resolution(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), "year", str(year), None,
                      relative)


def _day(day: dt.date, relative: bool) -> Resolution:
    return Resolution(day, day + dt.timedelta(days=1), "day", day.isoformat(), None, relative)


def _week(day: dt.date) -> Resolution:
    monday = day - dt.timedelta(days=day.weekday())
    year, week, _ = monday.isocalendar()
    return Resolution(monday, monday + dt.timedelta(days=7), "week", f"{year}-W{week:02d}",
                      None, True)


def _span(start: dt.date, end: dt.date) -> Resolution:
    return Resolution(start, end, "span", f"{start.isoformat()}/{end.isoformat()}", None, True)


def _season(name: str, year: int) -> Resolution:
    month, code = SEASONS[name]
    start = dt.date(year, month, 1)
    return Resolution(start, _add_months(start, 3), "season", f"{year}-{code}", None, True)


def _shift(anchor: dt.date, unit: str, n: int) -> dt.date:
    """``anchor`` moved by ``n`` units (negative: back)."""
    if unit == "day":
        return anchor + dt.timedelta(days=n)
    if unit == "week":
        return anchor + dt.timedelta(weeks=n)
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    index = anchor.year * 12 + anchor.month - 1 + months
    year, month = index // 12, index % 12 + 1
    for day in (anchor.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(anchor)


def _count(words: str) -> int | None:
    """A whole number of units: "three", "12", "a" ("a decade") -> 1."""
    value = 1 if words in ("a", "an") else parse_number_words(words)
    return int(value) if value is not None and value == int(value) and value > 0 else None


def _relative_unit(which: str, unit: str, anchor: dt.date) -> Resolution | None:
    """"this/last/next week|month|year|quarter"."""
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
            "coming": 1}[which]
    if unit == "year":
        return _year(anchor.year + step, True)
    if unit == "month":
        day = _add_months(anchor.replace(day=1), step)
        return _month(day.year, day.month, True)
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=step))
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step
        year, q = anchor.year + q // 4, q % 4
        start = dt.date(year, q * 3 + 1, 1)
        return Resolution(start, _add_months(start, 3), "quarter", f"{year}-Q{q + 1}", None,
                          True)
    return None


def _rules(text: str, anchor: dt.date) -> Resolution | None:
    """claimwire's own rules, tried before dateparser."""
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening", "now"):
        return _day(anchor, True)
    if text in ("yesterday", "last night"):
        return _day(anchor - dt.timedelta(days=1), True)
    if text == "tomorrow":
        return _day(anchor + dt.timedelta(days=1), True)
    if m := re.fullmatch(r"(this|current|last|past|previous|next|coming) "
                         r"(week|month|year|quarter)", text):
        return _relative_unit(m[1], m[2], anchor)
    if m := re.fullmatch(r"(?:(this|last|next) )?(spring|summer|autumn|fall|winter)"
                         r"(?: of (\d{4}))?", text):
        year = int(m[3]) if m[3] else anchor.year
        if m[1] == "last":
            year -= 1
        elif m[1] == "next" and anchor >= dt.date(anchor.year, SEASONS[m[2]][0], 1):
            year += 1
        return _season(m[2], year)
    if text in ("same period last year", "same time last year"):
        start = dt.date(anchor.year - 1, 1, 1)
        return _span(start, _shift(anchor, "year", -1) + dt.timedelta(days=1))
    if m := _PREVIOUS.fullmatch(text):
        n = _count(m["n"])
        if n is None:
            return None
        if text.split()[0] in ("next", "coming", "following"):
            return _span(anchor + dt.timedelta(days=1),
                         _shift(anchor, m["unit"], n) + dt.timedelta(days=1))
        return _span(_shift(anchor, m["unit"], -n), anchor)
    if m := _FIRST_N.fullmatch(text):
        n = _count(m["n"])
        year = {"this year": anchor.year, "last year": anchor.year - 1,
                "next year": anchor.year + 1}.get(m["year"]) or int(m["year"])
        if n is None or m["unit"] != "month":
            return None
        start = dt.date(year, 1, 1) if text.startswith("first") else \
            _add_months(dt.date(year + 1, 1, 1), -n)
        res = _span(start, _add_months(start, n))._replace(relative=not m["year"].isdigit())
        return res._replace(granularity="quarter", timex=f"{year}-Q1") if n == 3 and \
            start.month == 1 else res
    if m := _FISCAL.fullmatch(text):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if (y1 + 1) % 100 == y2:
            return Resolution(dt.date(y1, 4, 1), dt.date(y1 + 1, 4, 1), "fiscal_year",
                              f"FY{y1}", None, False)
    if m := _DECADE.fullmatch(text):
        start = int(m["d"]) * 10
        return Resolution(dt.date(start, 1, 1), dt.date(start + 10, 1, 1), "decade",
                          f"{m['d']}X", None, False)
    if m := _YEAR.fullmatch(text):
        return _year(int(m["y"]), False)
    if m := _AGO.fullmatch(text):
        n = _count(m["n"])
        if n is None:
            return None
        day = _shift(anchor, m["unit"], -n)
        return {"day": _day(day, True), "week": _week(day),
                "month": _month(day.year, day.month, True),
                "year": _year(day.year, True)}[m["unit"]]
    words = text.split()
    if words and words[-1] in ("night", "morning", "afternoon", "evening"):
        words = words[:-1]
    if len(words) in (1, 2) and words[-1] in WEEKDAYS and (len(words) == 1 or
                                                             words[0] in ("last", "next")):
        target = WEEKDAYS.index(words[-1])
        back = (anchor.weekday() - target) % 7
        if words[0] == "last":
            back = back or 7
        if words[0] == "next":
            return _day(anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7), True)
        return _day(anchor - dt.timedelta(days=back), True)
    return None


def _duration(text: str) -> Resolution | None:
    """"three years", "a five-day", "forty five minutes" as an ISO 8601 duration."""
    m = _DURATION.fullmatch(text)
    if m is None:
        return None
    n = _count(m["n"])
    if n is None:
        return None
    unit = "century" if m["unit"].startswith("centur") else m["unit"]
    amount = n * (10 if unit == "decade" else 100 if unit == "century" else
                  14 if unit == "fortnight" else 1)
    code = UNITS[unit]
    iso = f"PT{amount}{code}" if unit in ("hour", "minute", "second") else f"P{amount}{code}"
    return Resolution(None, None, "duration", None, iso, False)


@lru_cache(maxsize=256)
def _parser(anchor: dt.date):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


_CALENDAR = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
                       r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
                       r"\.?(?![a-z])|"
                       r"\b(?:1[89]|20)\d\d\b|\d{1,2}/\d{1,2}")


def _dateparser(text: str, anchor: dt.date) -> Resolution | None:
    """Calendar dates ("March 3", "May 2015", "24 April 2023") through dateparser."""
    if not _CALENDAR.search(text):
        return None  # dateparser reads bare numbers and stray words as dates
    data = _parser(anchor).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    relative = not re.search(r"\b(?:1[89]|20)\d\d\b", text)
    if data.period == "year":
        return _year(day.year, relative)
    if data.period == "month":
        return _month(day.year, day.month, relative)
    return _day(day, relative)


def normalise_text(text: str) -> str:
    """Lower case, single spaces, no leading prepositions or articles, no edge punctuation."""
    text = " ".join(text.lower().replace("’", "'").split()).strip(" .,;:!?\"'()")
    return _LEAD.sub("", text)


def resolve_date(text: str, anchor: dt.date) -> Resolution | None:
    """Resolve a DATE/TIME expression against ``anchor`` (the publication date).

    Returns None for what cannot be pinned down ("recent years", "the day", "12").
    """
    norm = normalise_text(text)
    if not norm or _VAGUE.search(norm):
        return None
    try:
        return _duration(norm) or _rules(norm, anchor) or _dateparser(norm, anchor)
    except (ValueError, OverflowError):
        return None


def dates(doclike: DocLike, *, anchor: dt.date) -> Iterator[DateMention]:
    """Yield every DATE/TIME entity of ``doclike`` with its resolution, in document order.

    Unresolvable expressions are yielded too, with None fields, so they are stored as seen.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    sent_of = sentence_indices(doc)
    ents = doclike.ents if isinstance(doclike, Span) else doc.ents
    for ent in ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        r = resolve_date(ent.text, anchor)
        yield DateMention(
            ent.start_char, ent.end_char, ent.text,
            r.start_date if r else None, r.end_date if r else None,
            r.granularity if r else None, r.timex if r else None,
            r.duration if r else None, r.relative if r else False, sent_of[ent.start],
        )
