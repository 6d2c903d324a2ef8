"""Numbers with their meaning: value or bounds, unit, currency, hedge, counted noun.

spaCy's MONEY / PERCENT / QUANTITY / CARDINAL spans (and DATE/TIME spans that are
durations) are the candidates; their labels are not trusted. Each span is widened to the
currency symbol, hedge ("up to", "some", "more than") and multiplier ("times") around it,
then parsed by claimwire's rules. quantulum3 runs only on sentences holding a number that
no spaCy span covers, for physical units, and its known faults are corrected (letters glued
into units, ranges as midpoints).

Choices (documented, tested):

* "tens of thousands" is the range low=10,000, high=100,000, change "~";
  "hundreds of thousands" 100,000 to 1,000,000; "hundreds of miles" and "tens of millions
  of dollars" keep their unit or currency.
* "up to N" sets ``high``; "more than N" sets ``low``; "some/about N" sets ``value`` with
  change "~"; "just/only N" is exact; "sub-7 nanometer" is below 7; "between A and B" sets
  both bounds with change "=".
* "more than four times" is a ratio: ``ratio`` 4, ``value`` 4, unit "times", change ">";
  "a third", "two-thirds of", "one out of three", "one in five", "1/16 of" are fractions
  (unit "fraction").
* A year-like span ("2012-13", "1995") is a date, not a quantity; so are clock times, a
  street number ("16-18 Industrial Avenue") and a rating after a name ("Herrera: 4").
* A unit is read from words too ("seven miles", "1.8 billion-mile", "5-mpg", "60 basis
  point", "332 lb-ft"); a few symbols depend on case ("450 Nm" of torque, "7nm", "300 PS").
  A sign or code may follow the figure ("1,200€", "115USD", "150 kn", "120 MEUR").
* A direction ("up"/"down") comes from the words around a figure ("rose 3%", "+0.3%",
  "-1.2%", "revised upward by"), not for a bare count ("add ten users") nor from a noun
  the figure describes ("her $150,000 contract", "a 5% pay rise"), nor for the level after
  "to". A figure in a list whose verb is left out shares it ("the FTSE fell 0.5%, the DAX
  1.2%"); a restatement in another unit shares the direction or bound ("up 120 points, or
  0.5 percent", "more than 7.5 million crowns (US $1.1 million)").
* A hedge before a range makes it approximate ("about 14-18 mpg").
* A DATE/TIME span that is, by the parse, the number of a plural noun that is not a noun
  of time is a count ("1385710 lightning strikes").
* Any unit can be a rate's numerator ("25 points per game", "3 hours a day").
* Rates: "$21.25 per square foot", "a 52,000 barrel-a-day refinery", "12-cent-a-share";
  not "$6.78 billion a year earlier". After "per" any noun or unit is the denominator.
* A unit or counted noun left out is filled in from the figure it parallels: "by 2 percent
  but ... by 1", "54 million people, up from 34 million", "killed four people and injured
  12", "four-, five- and six-cylinder", "100 by 60 metres".
* A change then a level is not a range ("rose by 150 to 2,300", "rose 5p to 155.9p"); a
  score ("20-6") is a range that is not a fall; hedges may follow ("five years or more").
* Ages: "aged 19", "at the age of 45", "turned 40", "25 years of age", "people 65 and
  older". Not quantities: telephone numbers, "the 800 block of", ranks ("the top 10"),
  "9/11", "3G". Currencies named by country come from ISO 4217 names (pycountry:
  "Kenyan shillings"); "pounds" of weight are pound-mass ("weighed 210 pounds").
* Found by reviewing unannotated corpus text: labels and locators are not quantities
  ("12 News", "employee number 31", "Image 2 of 40", "Band Aid 20's", "the Six Nations",
  "1200 GMT", "2 o'clock", "the 5900 block of", "at 886-2600", "911 calls"); ages without
  "years" ("ages 19 to 24", "the two men, 27 and 32,", "she was 72", "life expectancy is
  73"); a bare figure counts the subject of its verb ("the number of troops fell from
  3,000 to 2,500", "jobless claims rose to 419,000") or shares the noun of a parallel
  clause ("CVS reported 2.2 million"), an earlier count ("including two", "16 of them"),
  the noun before a bound ("claims below 500,000") or the "from" figure ("from 38,000
  cases to 204,000"); "make up 8%" is no rise; "revised up to 368,000" is a move then a
  level, not a bound; a tight score split by the tokenizer is one figure ("6-1"); "at
  2200 hours" is a time; data rates, engine sizes and a few more units ("512kbps",
  "1,600cc", "1.5m bpd", "sq miles", "volts").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from extractors.entities import sentence_indices
from extractors.numbers import SCALES, WORD_VALUES, parse_number_words
from extractors.types import DocLike, QuantityMention
from extractors.units import (
    CASED_UNITS,
    CURRENCIES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DOLLAR_COUNTRIES,
    DURATION_UNITS,
    MILLION_CODES,
    RATE_NOUNS,
    UNITS,
    named_currency,
)

APPROX = ("some", "about", "around", "roughly", "approximately", "nearly", "almost",
          "an estimated", "estimated", "close to", "circa", "approx", "c.",
          "almost exactly", "≈", "barely", "scarcely", "just about")
LOWER_BOUNDS = ("just over", "more than", "over than", "over", "above", "at least",
                "in excess of", "upwards of", "upward of", "no fewer than", "no less than",
                "greater than", "exceeding", "beyond", "well over", "well above",
                "a little over", "a little more than", "slightly more than", "north of")
UPPER_BOUNDS = ("just under", "up to", "less than", "fewer than", "under", "below", "at most",
                "no more than", "as many as", "as much as", "maximum of", "a maximum of",
                "well under", "well below", "a little under", "a little less than",
                "slightly less than", "just shy of", "shy of")
#: Words before a figure that stress it without bounding it: "just 17 players".
NEUTRAL = ("just", "only", "a mere", "a total of", "exactly", "a whopping", "whopping")
DOWN_WORDS = ("less", "lower", "fewer", "down", "smaller", "cheaper", "below")
UP_WORDS = ("more", "higher", "up", "greater", "larger", "bigger", "above")
DOWN_VERBS = frozenset({"fall", "drop", "decline", "decrease", "cut", "slash", "reduce", "lose",
                        "shrink", "slump", "plunge", "dip", "sink", "tumble", "slide", "ease",
                        "lower", "contract", "plummet", "slip", "shed", "retreat", "crash",
                        "weaken", "erode", "sag", "dive", "nosedive", "halve", "trim"})
UP_VERBS = frozenset({"rise", "increase", "grow", "climb", "jump", "gain", "soar", "surge",
                      "rocket", "raise", "boost", "expand", "add", "swell", "double",
                      "treble", "triple", "advance", "rally", "spike", "leap", "skyrocket",
                      "balloon", "strengthen", "rebound", "hike"})
RATIO_WORDS = {"twice": 2.0, "double": 2.0, "doubled": 2.0, "triple": 3.0, "tripled": 3.0,
               "treble": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
FRACTIONS = {"a half": 0.5, "half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
             "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
             "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2, "a tenth": 0.1}
#: Denominators written as words: "a third", "two fifths", "one in five".
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
_SMALL = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
#: "a third of", "two-thirds of", "one out of three", "one in five": fractions in the text.
_FRACTION_IN_TEXT = re.compile(
    rf"(?i)\b{_SMALL} (?:{'|'.join(DENOMINATORS)})\b"  # not "a third quarter"
    r"(?= of\b)(?! of an? (?:hundred|thousand|[mb]illion|trillion)\b)|"
    rf"\b{_SMALL} ?- ?(?:{'|'.join(DENOMINATORS)})\b"  # "two-thirds majority"
    r"(?= of\b| (?!(?:thousand|[mb]illion)\b)[a-z]+)|"
    r"\b\d{1,2}[/⁄]\d{1,3}(?= of\b)|"
    rf"\b{_SMALL} (?:out of|in) (?:two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\b"
    r"(?= [a-z]+)")
CANDIDATE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_VAGUE = re.compile(r"^(tens|dozens|hundreds|thousands|millions|billions|scores)"
                    r"(?: (?:of|and) (thousands|millions|billions|hundreds))?$")
_YEARISH = re.compile(r"^(?:19|20)\d\d(?:[-/–](?:\d\d|(?:19|20)\d\d))?s?$")
_CLOCK = re.compile(r"\d(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)$|^\d{1,2}:[0-5]\d$")
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_CURRENCY_PREFIX = (r"\$us|\$a|mxn\$|mex\$|cad\$|nz\$|us\$|a\$|c\$|hk\$|s\$|r\$|[£$€¥₹]|"
                    r"rs\.?|inr|usd|gbp|eur|jpy|"
                    r"chf|aud|cad|sgd|hkd|nzd|rm|myr|cny|rmb|ps|y=")
_MONEY = re.compile(rf"^(?P<cur>{_CURRENCY_PREFIX})\s*(?P<num>-?{_NUMBER})\s*(?P<scale>[a-z]+)?$")
#: Money written with a sign or code glued to the figure, found in the raw text: the small
#: model splits "PS2.7m", "Y=28,030", "USD10m", "$US17,246,208" into odd tokens or none.
_MONEY_IN_TEXT = re.compile(
    r"(?<![\w$£€¥₹])(?P<cur>(?:(?i:us|hk|nz|c|mxn|mex|cad)|A|S|R)\s?\$|\$\s?(?:US|A)|PS|Y=|RM|"
    r"Rs\.?|USD|GBP|EUR|"
    r"JPY|INR|AUD|CAD|CHF|HKD|SGD|MYR|CNY|RMB|NZD|[£$€¥₹])\s?(?P<num>-?\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>million|billion|trillion|bn|mn|m|M|k|tn|crore|lakh)\b)?")
_PENCE = re.compile(rf"^(?P<num>{_NUMBER})\s*(?:p|pence)$")
_PERCENT = re.compile(rf"^(?P<num>-?{_NUMBER}|[a-z -]+?)\s*(?:%|per ?cent|pc|percentage "
                      rf"points?)$")
_RANGE = re.compile(rf"^(?:between\s+|from\s+)?(?P<cur>[£$€¥₹])?(?P<a>{_NUMBER}|[a-z]+)\s*"
                    rf"(?:%|per ?cent)?\s*(?:and|to|or|-|–)\s*"
                    rf"(?P<b>[£$€¥₹]?\s*(?:{_NUMBER}|[a-z]).*)$")
_TRAILING_UNIT = re.compile(
    rf"^(?P<num>{_NUMBER}(?:\s+(?:thousand|[a-z]+illion))?)\s*"
    r"(?P<unit>[^\d\s][^\s]*(?: (?:per [a-z]+|celsius|fahrenheit|c|f))?)$")
_COUNT_OF = re.compile(rf"^(?P<num>{_NUMBER}(?:\s*(?:thousand|[a-z]+illion|bn|m|k))?|"
                       r"[a-z]+(?:[ -][a-z]+)?(?: (?:thousand|[a-z]+illion))?)\s+"
                       r"(?P<noun>[a-z][\w'-]*(?: [a-z][\w'-]*){0,3})$")


class Parsed(NamedTuple):
    """A number parsed from text, before it is placed in a document."""

    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    kind: str
    currency: str | None
    change: str
    ratio: float | None = None



def _text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get("claimwire:text")
    if text is None:
        text = doc.user_data["claimwire:text"] = doc.text
    return text

def _number(text: str) -> float | None:
    """Digits or words, with an optional scale word: "480million", "3.2 bn", "forty five"."""
    text = text.strip().lower()
    if (m := re.fullmatch(rf"({_NUMBER})\s*([a-z]+)", text)) and m[2] in SCALES:
        return float(m[1].replace(",", "")) * SCALES[m[2]]
    return parse_number_words(text)


def _hedge(text: str) -> tuple[str, str]:
    """(change, text without the hedge words) for a leading hedge."""
    lower = text.lower()
    for words, change in ((APPROX, "~"), (LOWER_BOUNDS, ">"), (UPPER_BOUNDS, "<"),
                          (NEUTRAL, "=")):
        for word in sorted(words, key=len, reverse=True):
            if lower.startswith(word + " "):
                return change, text[len(word) + 1:].strip()
    return "=", text


def _bounded(value: float, change: str, **fields: object) -> Parsed:
    """A figure with its hedge: bounds go to ``low``/``high``, the rest to ``value``."""
    low = value if change == ">" else None
    high = value if change == "<" else None
    single = None if change in ("<", ">") else value
    return Parsed(single, low, high, change=change, **fields)  # type: ignore[arg-type]


def _fraction(lower: str) -> float | None:
    """ "two thirds" 2/3, "one out of three" 1/3, "one in five" 0.2; None otherwise."""
    if m := re.fullmatch(r"(\S+)(?: - |[ -])(\S+)", lower):
        top, bottom = parse_number_words(m[1]), DENOMINATORS.get(m[2])
    elif m := re.fullmatch(r"(\d+)[/⁄](\d+)", lower):  # "1/16 of a pint"
        top, bottom = float(m[1]), float(m[2])
    elif m := re.fullmatch(r"(\S+) (?:out of|in) (\S+)", lower):
        top, bottom = parse_number_words(m[1]), parse_number_words(m[2])
    else:
        return None
    if not top or not bottom or top != int(top) or not top < bottom <= 1000:
        return None  # not "third quarter"
    return top / bottom


def _vague_scale(m: re.Match[str]) -> float:
    """The lower bound of a vague plural: "tens" 10, "hundreds of thousands" 100,000."""
    scale = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3,
             "millions": 1e6, "billions": 1e9}[m[1]]
    return scale * SCALES[m[2]] if m[2] else scale


_TENS_ONES = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
                        r"(one|two|three|four|five|six|seven|eight|nine)\b")
_HYPHEN_WORD = re.compile(r"([\w.,]+)-([a-zμ]+)\b")


def _unhyphen(lower: str) -> str:
    """"forty-five" -> "forty five"; "1.8 billion-mile", "5-mpg" -> "... mile", "5 mpg"."""
    lower = _TENS_ONES.sub(r"\1 \2", lower)
    return _HYPHEN_WORD.sub(
        lambda m: f"{m[1]} {m[2]}" if parse_number_words(m[1]) is not None and (
            m[2] in UNITS or m[2] in CURRENCY_WORDS or m[2] in SCALES) else m[0], lower)


def _tidy(value: float | None) -> float | None:
    """A product of decimal figures without float noise: 4.1 * 1e6 is 4100000.0, not
    4099999.9999999995 (15 significant digits are kept, as many as a float holds exactly)."""
    return None if value is None else float(f"{value:.15g}")


def parse_quantity(text: str) -> Parsed | None:
    """Parse the text of a quantity span (without document context).

    >>> parse_quantity("£480million").value
    480000000.0
    """
    parsed = _parse_quantity(text)
    return parsed if parsed is None or parsed.kind == "ratio" else parsed._replace(
        value=_tidy(parsed.value), low=_tidy(parsed.low), high=_tidy(parsed.high))


def _parse_quantity(text: str) -> Parsed | None:
    """``parse_quantity`` before its figures are tidied."""
    text = SCIENTIFIC.sub(_plain_scientific, text)  # "5.97×10^24 kilograms"
    text = " ".join(text.replace("−", "-").split())
    change, body = _hedge(text)
    if body.startswith("~"):  # "~25", "~1lb"
        change, body = "~", body[1:].strip()
    if re.match(r"\+\d", body):  # "+0.2%": the sign is the change, read from context
        body = body[1:]
    if m := re.match(r"(?i)minus[- ]?(?=\d)|[-−](?=\d[\d,.]*\s*[a-z°£$€¥])(?![\d,.]+\s*%)",
                     body):  # "minus-5 yards", "minus 387 Fahrenheit", "-70C"; not "-0.8%"
        positive = parse_quantity(body[m.end():])
        if positive is None or (positive.kind == "count" and positive.value is None):
            return None
        return positive._replace(
            value=None if positive.value is None else -positive.value, change=change,
            low=None if positive.high is None else -positive.high,
            high=None if positive.low is None else -positive.low)
    if m := re.match(r"(?i)sub-(?=\d)", body):  # "sub-7 nanometer": below 7
        change, body = "<", body[m.end():]
    body = re.sub(rf"^({_NUMBER})M$", r"\1 million", body)  # "4.3M sales"; "37m" is metres
    body = re.sub(r"^\.(?=\d)", "0.", body)  # ".001 per cent"
    body = re.sub(r"(?<=\d), (?=0\d\d\b)", ",", body)  # "80, 000": a split thousands group
    if re.fullmatch(r"\d{1,2}\s?G", body):  # "3G", "5G": a generation of mobile networks
        return None
    if (m := re.fullmatch(rf"(-?{_NUMBER}(?:\s*[a-z]+)?)\s*(\S+)", body)) and \
            m[2] in CASED_UNITS and _number(m[1]) is not None:  # "450 Nm", "300 PS"
        name, kind, factor = CASED_UNITS[m[2]]
        return _bounded(_number(m[1]) * factor, change, unit=name, kind=kind, currency=None)
    lower = _unhyphen(body.lower().rstrip("."))
    if not lower or _YEARISH.match(lower) or _CLOCK.search(lower):
        return None
    lower = re.sub(r"\bm(usd|eur|gbp|aud|cad|chf|jpy)$", r"million \1", lower)  # "120 meur"
    lower = re.sub(rf"^({_NUMBER}) ?(usd|eur|gbp|aud|cad|chf|jpy|inr) (million|billion)$",
                   r"\1 \3 \2", lower)  # "75 usd million", "115usd"
    lower = re.sub(rf"^({_NUMBER})(usd|eur|gbp|aud|cad|chf|jpy|inr)$", r"\1 \2", lower)
    if (m := re.fullmatch(rf"({_NUMBER})([a-z]+)", lower)) and \
            m[2].rstrip("s") in DURATION_UNITS:
        lower = f"{m[1]} {m[2]}"  # "40min", "3hrs"
    if (m := re.fullmatch(r"(.+) of (.+)", lower)) and (vague := _VAGUE.match(m[1])) \
            and (what := parse_quantity(f"1 {m[2]}")) is not None and what.kind != "count":
        low = _vague_scale(vague)  # "hundreds of miles", "tens of millions of dollars"
        return Parsed(None, low, low * 10, what.unit, what.kind, what.currency, "~")
    if m := _VAGUE.match(lower):
        scale = _vague_scale(m)
        return Parsed(None, scale, scale * 10, None, "count", None, "~")
    if (m := re.fullmatch(r"(.+?)\s+times", lower)) and (n := _number(m[1])) is not None:
        return Parsed(n, None, None, "times", "ratio", None, change, ratio=n)
    if lower in RATIO_WORDS:
        return Parsed(RATIO_WORDS[lower], None, None, "times", "ratio", None, change,
                      ratio=RATIO_WORDS[lower])
    if (fraction := FRACTIONS.get(lower, _fraction(lower))) is not None:
        return Parsed(fraction, None, None, "fraction", "ratio", None, change, ratio=fraction)
    lower = re.sub(r"^([a-z]{1,2})\s+\$", r"\1$", lower)  # "hk $5.4m", "us $58.24"
    if m := _MONEY.match(lower):
        currency, unit = CURRENCIES[m["cur"].rstrip(".") if m["cur"] != "rs." else "rs"]
        scale = SCALES.get(m["scale"] or "", 1.0) if m["scale"] else 1.0
        if m["scale"] and m["scale"] not in SCALES:
            return None
        value = float(m["num"].replace(",", "")) * scale
        return _bounded(value, change, unit=unit, kind="money", currency=currency)
    if (m := re.fullmatch(rf"(?P<num>-?{_NUMBER}(?:\s*[a-z]+)?)\s*(?P<sign>\S)", lower)) \
            and m["sign"] in CURRENCY_SIGNS and (value := _number(m["num"])) is not None:
        currency, unit = CURRENCY_SIGNS[m["sign"]]  # "1,200€", "10 $"
        return _bounded(value, change, unit=unit, kind="money", currency=currency)
    if m := _PENCE.match(lower):
        value = float(m["num"].replace(",", "")) / 100
        return _bounded(value, change, unit="pound sterling", kind="money", currency="GBP")
    if m := _PERCENT.match(lower):
        value = _number(m["num"])
        if value is None:
            return None
        unit = "percentage point" if "point" in lower else "percentage"
        return _bounded(value, change, unit=unit, kind="percent", currency=None)
    if (m := _RANGE.match(lower)) and not re.search(r"\band an? (?:half|quarter)\b", lower):
        a, rest = m["a"], parse_quantity(m["b"])
        if m["cur"] and rest is not None and rest.unit is None:
            rest = parse_quantity(m["cur"] + m["b"])  # "$5-10": the sign is both ends
        low = _number(a)
        if rest is not None and low is not None and rest.value is not None \
                and not _YEARISH.match(lower.replace(" ", "")):
            high = rest.value
            digits = re.search(_NUMBER, m["b"])  # "5 to 6 million": the scale applies to both
            first = float(digits[0].replace(",", "")) if digits else 0.0
            factor = high / first if first else 1.0
            if factor >= 1e3 and a.replace(",", "").replace(".", "").isdigit():
                low *= factor
            # "about 14-18 mpg" is approximate; a bound on a range is not kept; a range
            # written high to low is a fall ("from 4.8 to 4.7"), unless a score ("20-6")
            falling = low > high and not re.fullmatch(r"\d+[-–]\d+", lower)
            return Parsed(None, min(low, high), max(low, high), rest.unit, rest.kind,
                          rest.currency, "~" if change == "~" else "down" if falling else "=")
    words = lower.split()
    for n in (3, 2):  # "7.5 million Danish crowns", "2 billion Kenyan shillings"
        if len(words) > n and (named := named_currency(tuple(words[-n:]))) and \
                (value := _number(" ".join(words[:-n]))) is not None:
            return _bounded(value, change, unit=named[1], kind="money", currency=named[0])
    if words and (words[-1] in CURRENCY_WORDS or (words[-1] in CURRENCIES
                                                   and words[-1].isalpha())):
        currency, unit = CURRENCY_WORDS.get(words[-1]) or CURRENCIES[words[-1]]
        head = words[:-1]
        while head and (head[-1] in DOLLAR_COUNTRIES or head[-1] == "new"):
            if unit == "dollar" and head[-1] in DOLLAR_COUNTRIES:
                currency, unit = DOLLAR_COUNTRIES[head[-1]]
            head = head[:-1]
        if (value := _number(" ".join(head))) is not None:
            return _bounded(value, change, unit=unit, kind="money", currency=currency)
    for size in (1, 2):
        if len(words) > size and " ".join(words[-size:]).rstrip("s") in DURATION_UNITS:
            value = _number(" ".join(words[:-size]))
            if value is not None:
                unit = DURATION_UNITS[" ".join(words[-size:]).rstrip("s")]
                return _bounded(value, change, unit=unit, kind="duration", currency=None)
    if (m := _TRAILING_UNIT.match(lower)) and m["unit"] in UNITS:
        value = _number(m["num"])
        if value is not None:
            name, kind, factor = UNITS[m["unit"]]
            return _bounded(value * factor, change, unit=name, kind=kind, currency=None)
    for size in (3, 2, 1):  # "seven miles", "2.8bn km", "1.8 billion mile"
        if len(words) > size and (unit := " ".join(words[-size:])) in UNITS and \
                (value := _number(" ".join(words[:-size]))) is not None:
            name, kind, factor = UNITS[unit]
            return _bounded(value * factor, change, unit=name, kind=kind, currency=None)
    value = _number(lower)
    if value is not None and lower not in WORD_VALUES:
        return _bounded(value, change, unit=None, kind="count", currency=None)
    if (m := _COUNT_OF.match(lower)) and (value := _number(m["num"])) is not None \
            and m["noun"].split()[0] not in UNITS and lower not in FRACTIONS:
        return _bounded(value, change, unit=None, kind="count", currency=None)  # "400 people"
    return None


# --- placing numbers in a document ---------------------------------------------------


#: Words after a number that belong to it: "four times", "25 per cent", "70 mph".
_FOLLOWERS = frozenset({"times", "per", "percent", "pc", "%", "p", "degree", *UNITS,
                        *CURRENCY_WORDS, *CURRENCY_SIGNS, *MILLION_CODES,
                        *(code for code in CURRENCIES if code.isalpha())})


def _widen(doc: Doc, span: Span) -> Span:
    """Extend a number span to currency signs, hedges, "times" and units around it."""
    start, end = span.start, span.end
    if start > 0 and span[0].lower_ in WORD_VALUES and doc[start - 1].lower_ in ("a", "an"):
        start -= 1  # "a dozen people": spaCy's entity is "dozen"
    if start > 0 and doc[start - 1].lower_ in CURRENCIES and doc[start - 1].whitespace_ == "":
        start -= 1
    before = doc[max(0, start - 4):start].text.lower()
    for words in (APPROX, LOWER_BOUNDS, UPPER_BOUNDS, ("between",)):
        for word in sorted(words, key=len, reverse=True):
            if word == "up to" and start >= 2 and _moved_up(doc, start - 2):
                continue  # "was revised up to 368,000": a move, then the level
            if before == word or before.endswith(" " + word):
                n = len(word.split())
                if not span.text.lower().startswith(word):
                    start -= n
                break
        else:
            continue
        break
    if end + 1 < len(doc) and doc[end].text == "/" and doc[end + 1].lower_ in ("h", "hr", "s"):
        end += 2  # "50 km/h"
    for n in (3, 2):  # "7.5 million Danish crowns", "5bn Egyptian pounds"
        if end + n <= len(doc) and doc[end].is_title and \
                named_currency(tuple(t.lower_ for t in doc[end:end + n])):
            end += n
            break
    while end + 1 < len(doc) and doc[end].lower_ in DOLLAR_COUNTRIES and \
            doc[end + 1].lower_ in (*DOLLAR_COUNTRIES, "dollar", "dollars"):
        end += 1  # "10.5 million Australian dollars", "Hong Kong dollars"
    if end + 1 < len(doc) and doc[end].text == "," and re.fullmatch(r"0\d\d", doc[end + 1].text) \
            and span[-1].like_num:
        end += 2  # "80, 000 spectators": a thousands group split off
    if end + 1 < len(doc) and doc[end].lower_ in SCALES and doc[end].is_alpha and \
            doc[end + 1].lower_ in _FOLLOWERS and doc[end + 1].lower_ != "per":
        end += 1  # "35 lakh rupees": the scale, then the currency below
    if end + 1 < len(doc) and doc[end].lower_ == "percentage" and \
            doc[end + 1].lower_ in ("point", "points"):
        end += 2  # "3 percentage points"
    elif n := _unit_length(doc, end):
        end += n  # "60 basis point", "332 lb-ft", "20 miles per hour"
    elif end < len(doc) and doc[end].text in CASED_UNITS:
        end += 1  # "450 Nm"
    elif end < len(doc) and span[-1].like_num and doc[end].lemma_.lower() in DURATION_UNITS \
            and (doc[end].pos_ == "NOUN" or "." in span[-1].text):
        end += 1  # "five to six years" (the DATE entity missed it), "a 4.3 second dash"
    elif end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and doc[end + 1].lower_ in UNITS and not doc[end].whitespace_:
        end += 2  # "a 5-mpg boost"
    elif end < len(doc) and doc[end].lower_.rstrip(".") in _FOLLOWERS and not (
            doc[end].text in CURRENCY_SIGNS and end + 1 < len(doc) and doc[end + 1].like_num):
        if doc[end].lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
            end += 2
        elif doc[end].lower_ != "per":
            end += 1
    if end + 1 < len(doc) and doc[end].lower_ in ("sq", "square") and \
            f"sq {doc[end + 1].lower_}" in UNITS:
        end += 2  # "1520 sq m"
    if end < len(doc) and doc[end - 1].lower_ in ("degrees", "degree", "deg", "degs") and \
            doc[end].lower_ in ("celsius", "fahrenheit", "c", "f", "centigrade"):
        end += 1  # "1.5 degrees Celsius"
    return doc[start:end]


#: Verbs that "up" follows as a particle of movement: "revised up to", "ticked up to".
_MOVED_UP = frozenset({*UP_VERBS, "revise", "tick", "push", "move", "bump", "edge", "inch",
                       "creep", "go", "mark", "shoot", "ramp", "round", "scale", "nudge"})


def _moved_up(doc: Doc, i: int) -> bool:
    """Whether the "up" at token ``i`` (before "to") is the particle of a verb of movement
    ("the estimate was revised up to 368,000", "the rate ticked up to 6.1%"), not the hedge
    "up to" ("could cost up to $5bn")."""
    return i > 0 and doc[i].lower_ == "up" and doc[i - 1].pos_ == "VERB" \
        and doc[i - 1].lemma_.lower() in _MOVED_UP


def _unit_length(doc: Doc, i: int) -> int:
    """How many tokens from ``i`` spell a unit of several tokens ("basis point", "lb-ft")."""
    for n in (3, 2):
        if i + n <= len(doc) and doc[i:i + n].text.lower() in UNITS:
            return n
    return 0


def _small_integer(token: Token) -> bool:
    """A bare whole number that can be a person's age (1 to 119)."""
    return bool(re.fullmatch(r"\d{1,3}", token.text)) and 0 < int(token.text) < 120


_AGE_LIST_LINKS = frozenset({",", "and", "or", "to", "-", "–"})


def _age_list(doc: Doc, i: int) -> tuple[int, int]:
    """The first and last token of the run of small figures token ``i`` belongs to: "14, 15
    and 17", "19 to 24"."""
    first = last = i
    while first >= 2 and doc[first - 1].lower_ in _AGE_LIST_LINKS \
            and _small_integer(doc[first - 2]):
        first -= 2
    while last + 2 < len(doc) and doc[last + 1].lower_ in _AGE_LIST_LINKS \
            and _small_integer(doc[last + 2]):
        last += 2
    return first, last


def _age_apposition(doc: Doc, span: Span) -> bool:
    """ "Joe Maddon, 66, said", "the two men, 27 and 32, were": bare numbers set off by
    commas after a name, or a list of them after a plural noun, are ages."""
    if not _small_integer(span[0]) or not _small_integer(span[-1]):
        return False
    first, last = _age_list(doc, span.start)
    last = max(last, _age_list(doc, span.end - 1)[1])
    after = doc[last + 1] if last + 1 < len(doc) else None
    if first < 2 or doc[first - 1].text != "," or not (
            after is None or after.text in (",", ".", ";", ")")):
        return False
    noun = doc[first - 2]
    listed = last > first and doc[last - 1].lower_ in ("and", "or")
    return noun.pos_ == "PROPN" or (listed and noun.tag_ == "NNS" and lemma(noun) not in (
        _TIME_NOUNS | set(UNITS) | CURRENCY_WORDS.keys()))


_AGE_BOUNDS = frozenset({"older", "over", "up", "above", "younger", "under", "below"})


def _age_bound(doc: Doc, span: Span) -> int | None:
    """ "people 65 and older", "those 16 and over", "children as young as 12": an age
    bounded by the words around it; the end of the phrase (the figure is the age, the
    bound stays in the mention's text), or None."""
    if not re.fullmatch(r"\d{1,3}", span.text) or not 0 < int(span.text) < 120:
        return None
    nxt = doc[span.end:span.end + 3]
    if len(nxt) >= 2 and nxt[0].lower_ in ("and", "or") and nxt[1].lower_ in _AGE_BOUNDS \
            and (len(nxt) == 2 or nxt[2].pos_ not in ("DET", "NOUN", "PROPN", "NUM")):
        return span.end + 2  # not "10 and over the weekend"
    before = doc[max(0, span.start - 3):span.start].text.lower()
    return span.end if before in ("as young as", "as old as") else None


def _stated_age(doc: Doc, span: Span) -> bool:
    """ "aged 19", "at age 5", "at the age of 45", "she turned 40", "will turn 65": a bare
    number after "aged", "age" or "age of", or that is, by the parse, the object of "turn",
    is an age."""
    if not _small_integer(span[0]):
        return False
    token = doc[_age_list(doc, span.start)[0]]  # "aged 18 to 30": the run of figures
    before = doc[max(0, token.i - 2):token.i].text.lower()
    return (token.i > 0 and doc[token.i - 1].lower_ in ("aged", "age", "ages")) \
        or before in ("age of", "ages of", "age from", "age to", "ages from") or (
        token.dep_ in ("dobj", "attr", "npadvmod") and token.head.lemma_.lower() == "turn"
        and token.head.pos_ == "VERB" and token.head.i < token.i) or _age_by_subject(token)


#: Subjects whose number, after "be", is an age: "he will be 35", "life expectancy is 73".
_PERSONAL_PRONOUNS = frozenset({"he", "she", "i", "you", "we", "they"})


def _age_by_subject(token: Token) -> bool:
    """ "He will be 35 by the end of the year", "She was 72", "life expectancy is around 73":
    a bare figure, by the parse the complement of "be", whose subject is a person (a
    personal pronoun or a person's name) or an age or life expectancy."""
    head = token.head
    while token.dep_ in ("advmod", "quantmod") and head.like_num:
        token, head = head, head.head  # "around 73"
    if token.dep_ == "pobj" and head.lower_ in APPROX and head.dep_ in ("advmod", "prep"):
        token, head = head, head.head  # "is around 73", parsed as a preposition
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ in ("NOUN", "PROPN"):
        return False
    moved = token.dep_ == "pobj" and head.lower_ in ("to", "from") and \
        head.head.lemma_.lower() in UP_VERBS | DOWN_VERBS | _EXTENT_VERBS
    if moved:
        token, head = head, head.head  # "the pension age will rise to 67"
    elif token.dep_ not in ("attr", "acomp", "advmod", "prep") or head.lemma_.lower() != "be":
        return False
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and (subjects[0].lemma_.lower() in ("age", "expectancy") or (
        not moved and (subjects[0].lower_ in _PERSONAL_PRONOUNS
                       or subjects[0].ent_type_ == "PERSON")))


_AGE_AFTER = re.compile(r"^[\s-]*years?(?:[\s-]*olds?| of age)\b", re.IGNORECASE)


#: Words that make "pounds" a weight: "weighed 210 pounds", "a 300-pound lineman".
WEIGHT_WORDS = frozenset({"weigh", "weight", "heavy", "heavier", "heaviest", "light",
                          "lighter", "overweight", "obese", "diet", "exercise", "exercising",
                          "body", "bodyweight"})
#: Verbs of a body's weight changing: "she lost 30 pounds".
_BODY_VERBS = frozenset({"lose", "gain", "shed", "drop", "put"})
#: Nouns an "N-pound" adjective of money describes: "a 20-pound note".
_MONEY_NOUNS = frozenset({"note", "coin", "fine", "ticket", "bet", "fee", "voucher", "bill"})


def _weighs(doc: Doc, wide: Span) -> bool:
    """Whether "pounds" written as a word (no sign, no scale) is a weight: a word of weight
    in the sentence, an "N-pound" adjective of a noun that is not money, or a person (by
    the parse, a personal pronoun or a PERSON) losing or gaining them."""
    words = [t for t in wide if t.lower_ in ("pound", "pounds")]
    if not words or any(t.lower_ in SCALES or t.text in CURRENCIES for t in wide):
        return False
    sent = wide.sent
    if any(t.lemma_.lower() in WEIGHT_WORDS or t.lower_ in WEIGHT_WORDS for t in sent):
        return True
    unit = words[-1]
    if unit.i > 0 and doc[unit.i - 1].text == "-" and unit.i + 1 < len(doc) \
            and doc[unit.i + 1].pos_ == "NOUN" and doc[unit.i + 1].lower_ not in _MONEY_NOUNS:
        return True  # "a 300-pound lineman"
    verb = next((t for t in wide.root.ancestors if t.pos_ == "VERB"), None)
    return verb is not None and verb.lemma_.lower() in _BODY_VERBS and any(
        c.dep_ == "nsubj" and ((c.tag_ == "PRP" and c.lower_ != "it")
                               or c.ent_type_ == "PERSON") for c in verb.children)


def _fraction_of_unit(doc: Doc, i: int) -> tuple[int, str, str] | None:
    """ "of a percentage point", "a mile", "of an hour" from token ``i``, after a fraction:
    (end, unit, kind); a fraction of one unit is that many units."""
    j = i + 1 if i < len(doc) and doc[i].lower_ == "of" else i
    if j + 1 >= len(doc) or doc[j].lower_ not in ("a", "an"):
        return None
    j += 1
    if j + 1 < len(doc) and doc[j].lower_ in ("us", "u.s.", "uk", "imperial", "metric"):
        j += 1  # "1/16 of a US pint": the system of measure is no part of the unit
    if doc[j:j + 2].text.lower() == "percentage point":
        return j + 2, "percentage point", "percent"
    if n := _unit_length(doc, j) or (1 if doc[j].lower_ in UNITS else 0):
        name, kind, _ = UNITS[doc[j:j + n].text.lower()]
        return j + n, name, kind
    if doc[j].lower_ in DURATION_UNITS:
        return j + 1, DURATION_UNITS[doc[j].lower_], "duration"
    return None


def _refine(doc: Doc, wide: Span, parsed: Parsed) -> tuple[Span, Parsed]:
    """Ages ("a 50-year-old", "aged 66", "18 month-old"), rates ("$58.24 per barrel") and
    pounds of weight ("weighed 210 pounds")."""
    if parsed.unit == "fraction" and (unit := _fraction_of_unit(doc, wide.end)):
        end, name, kind = unit  # "a quarter of a percentage point", "half a mile"
        return doc[wide.start:end], parsed._replace(unit=name, kind=kind, ratio=None)
    if parsed.unit == "pound sterling" and _weighs(doc, wide):
        parsed = parsed._replace(unit="pound-mass", kind="mass", currency=None)
    if parsed.unit == "metre" and re.search(r"\d\s?m$", wide.text) and wide.end < len(doc) \
            and doc[wide.end].tag_ in ("NNS", "NNPS") and doc[wide.end].lower_ not in UNITS \
            and (parsed.value or 0) < 100:  # "1m homes", "2.5m people"; "800m runners" run
        parsed = parsed._replace(  # "1m homes": a million, not a metre
            unit=None, kind="count", **{f: getattr(parsed, f) * 1e6 for f in
                                        ("value", "low", "high") if getattr(parsed, f)})
    after = _text(doc)[wide.end_char:wide.end_char + 14]
    if parsed.kind == "duration" and not (m := _AGE_AFTER.match(after)):
        m = re.match(r"^(?:[\s-]*(?:olds?|OLDS?)| of age)\b",
                     after)  # "a 50 year-old", "25 years of age", "6 YEAR OLD"; not "a
        # 10-year Old West End resident" (a name)
    else:
        m = _AGE_AFTER.match(after)
    if parsed.kind in ("count", "duration") and m:
        end = doc.char_span(wide.start_char, wide.end_char + m.end(), alignment_mode="expand")
        unit = f"{parsed.unit} of age" if parsed.kind == "duration" else "year of age"
        return (end if end is not None else wide), parsed._replace(unit=unit, kind="age")
    figures = doc[wide.start:wide.start]
    if any(t.like_num for t in wide):  # the figures without a hedge: "around 73", "19 to 24"
        figures = doc[next(t.i for t in wide if t.like_num):
                      next(t.i for t in reversed(wide) if t.like_num) + 1]
    if parsed.kind == "count" and parsed.unit is None and len(figures) in (1, 3) and not any(
            t.pos_ in ("NOUN", "PROPN", "SYM") and t.text not in ("-", "–") for t in wide) and (
            _stated_age(doc, figures) or _age_apposition(doc, figures)):
        return wide, parsed._replace(unit="year of age", kind="age")
    if parsed.kind == "count" and parsed.unit is None and parsed.value is not None \
            and (end := _age_bound(doc, wide)):  # "people 65 and older", "as young as 12"
        return doc[wide.start:end], parsed._replace(unit="year of age", kind="age")
    if parsed.unit and parsed.kind not in ("age", "ratio") and " per " not in parsed.unit \
            and (rate := rate_after(doc, wide.end)):  # any unit: "25 points per game"
        end, noun = rate
        return doc[wide.start:end], parsed._replace(unit=f"{parsed.unit} per {noun}")
    return wide, parsed


#: Rates over a unit of several words: "$21.25 per square foot", "$80 per sq m".
RATE_UNITS = {"square foot": "square foot", "square feet": "square foot",
              "sq ft": "square foot", "sq m": "square metre", "square metre": "square metre",
              "square meter": "square metre", "mmbtu": "mega british thermal unit"}


def rate_after(doc: Doc, i: int) -> tuple[int, str] | None:
    """ "per barrel", "a share", "-a-day", "per sq m" from token ``i``: (end, the noun).

    After "per" any noun or unit is the denominator ("micrograms per cubic metre", "per
    passenger"), a unit by its canonical name ("per km" is "per kilometre"); after "a",
    "an" or "each" (which also begin other noun phrases) only a noun of ``RATE_NOUNS``.
    """
    j = i + 1 if i < len(doc) and doc[i].text == "-" else i  # "52,000 barrel-a-day"
    if j + 1 >= len(doc) or doc[j].lower_ not in ("per", "a", "an", "each"):
        return None
    if doc[j + 1].text == "-" and j + 2 < len(doc):
        j += 1  # "$ 70 - a - share", "12-cent-a-share"
    for n in (3, 2, 1):
        words = doc[j + 1:j + 1 + n].text.lower().rstrip(".")
        if j + 1 + n <= len(doc) and (name := RATE_UNITS.get(words) or (
                UNITS[words][0] if n > 1 and words in UNITS else None)):
            return j + 1 + n, name  # "per square foot", "per cubic metre"
    noun = doc[j + 1]
    after = doc[j + 2].lower_ if j + 2 < len(doc) else ""
    name = UNITS[noun.lower_][0] if noun.lower_ in UNITS else noun.lemma_.lower()
    if after in ("earlier", "ago", "before", "later"):
        return None  # not "$6.78 billion a year earlier"
    if noun.lemma_.lower() in RATE_NOUNS or (
            doc[j].lower_ == "per" and noun.pos_ in ("NOUN", "PROPN") and noun.is_alpha
            and noun.lower_ not in ("cent", "centum")):
        return j + 2, name
    return None


_CHANGE_PATH = frozenset({"nummod", "compound", "quantmod", "pobj", "npadvmod", "dobj", "attr",
                          "advmod", "appos", "amod"})


def _change_from_context(doc: Doc, span: Span, change: str, *, is_range: bool = False,
                         bare: bool = False) -> str:
    """The direction a figure moves in, from the words around it.

    "25 per cent less than" -> down; "rose by 3%", "rose 18 sen", "+0.2%", "up 5pc" -> up,
    but not the level after "to" ("rose 18 sen to RM23.50"). Bounds ("more than")
    and hedges ("up about 19 per cent") keep their own change; so do ranges, unless they
    are the amount of a change ("dropped by 1 to 1.5 degrees"). A ``bare`` figure (a count
    without a unit: "add ten users", "rose 8.15% to 3.65") takes no direction from verbs.
    """
    if change in ("<", ">"):
        return change
    if span.text.startswith("+"):
        return "up"
    if re.match(r"[-−]\d[\d.,]*\s*%", span.text):
        return "down"  # "S&P 500 -0.8%": a signed change, as "+0.3%" is
    if is_range:
        by = span.start > 0 and doc[span.start - 1].lower_ == "by"
        return _change_from_verbs(span) or change if by else change
    after = doc[span.end:span.end + 2]
    if len(after) and after[0].lower_ in DOWN_WORDS and (len(after) < 2 or
                                                          after[1].lower_ == "than"):
        return "down"
    if len(after) and after[0].lower_ in UP_WORDS and len(after) > 1 and \
            after[1].lower_ == "than":
        return "up"
    if change == "~":  # "boost the range by about 35 miles" stays approximate
        return change
    if bare:  # "add ten users", but "decrease by 1", "revised down by 1,000"
        before = doc[max(0, span.start - 2):span.start].text.lower()
        if before in ("down by", "up by"):
            return before.split()[0]
        return _change_from_verbs(span, bare=True) or change
    particle = doc[span.start - 1] if span.start > 0 else None
    if particle is not None and particle.lower_ in ("down", "up") and \
            particle.dep_ in ("advmod", "prep", "prt") and \
            (particle.head.lemma_.lower(), particle.lower_) not in _PHRASAL_NOT_MOVING:
        # "trending up 0.2%"; not "make up 8% of", "set up 12 centres"
        return "down" if particle.lower_ == "down" else "up"
    before = doc[max(0, span.start - 2):span.start].text.lower()
    if before in ("upward by", "upwards by", "downward by", "downwards by", "up by", "down by"):
        return "up" if before.startswith("up") else "down"  # "revised upward by Y=40 billion"
    lead = doc[max(0, span.start - 5):span.start - 1]
    if span.start > 1 and doc[span.start - 1].lower_ == "to" and any(t.like_num for t in lead) \
            and not any(t.lower_ in ("by", "from", "between") for t in lead):
        return change  # "adding $1.89 to $48.62": the level, however the parse links it;
        # but "dropped by 1 to 1.5 degrees" is a range of change
    return _change_from_verbs(span) or change


#: Verbs whose particle "up" or "down" is part of the verb, not a direction: "minorities
#: make up 8% of the population", "the firm set up 12 offices", "they broke down 40% ...".
_PHRASAL_NOT_MOVING = frozenset({
    ("make", "up"), ("set", "up"), ("take", "up"), ("sign", "up"), ("end", "up"), ("sum", "up"),
    ("show", "up"), ("back", "up"), ("give", "up"), ("line", "up"), ("break", "down"),
    ("hand", "down"), ("write", "down"), ("track", "down"), ("narrow", "down")})


#: Verbs of rising and falling that take no object: a bare figure after them is the extent
#: of the change ("claims rose 37,000"), not a thing acted on ("add ten users").
_EXTENT_VERBS = frozenset({"rise", "fall", "climb", "jump", "soar", "surge", "slip", "slide",
                           "sink", "tumble", "plunge", "dip", "rebound", "rally", "dive",
                           "plummet", "slump", "decline", "advance", "retreat", "skyrocket"})


def _change_from_verbs(span: Span, *, bare: bool = False) -> str | None:
    """ "rose [by] 3%", "lost 2.70 percent", "rose 18 sen to RM23.50": up or down;
    "averaged 7.3 points": "~". A ``bare`` count needs "by": "decrease by 1"."""
    token = span.root
    by = False
    for _ in range(4):
        head = token.head
        if head == token or (token.dep_ not in _CHANGE_PATH and not (
                token.dep_ == "prep" and token.lower_ in ("by", "of"))):
            break
        if token.lower_ == "of" and head.like_num:
            break  # "280 million of the 1.5 billion shekels": a part, not a change
        by = by or token.lower_ == "by"
        if head.pos_ == "VERB":
            if head.lemma_.lower() == "average" and token.dep_ == "dobj" and not bare:
                return "~"  # "has averaged 7.3 points", "averaging 15.9 degrees"
            if bare and not by and head.lemma_.lower() not in _EXTENT_VERBS:
                return None  # "add ten users"; but "claims rose 37,000 to 412,000"
            if head.lemma_.lower() == "raise" and token.dep_ == "dobj" and not by:
                return None  # "raised $500m" is money collected; "raised prices 5%" is up
            if head.lemma_.lower() in DOWN_VERBS:
                return "down"
            if head.lemma_.lower() in UP_VERBS:
                return "up"
        elif head.pos_ == "NOUN" and head.lower_ not in UNITS and not (
                head.dep_ == "npadvmod" and head.lemma_.lower() in _TIME_NOUNS):
            break  # "a 5% pay rise", "her $150,000 contract": a figure of a thing; but
            # "dropped 8.5% year on year" (parsed as "8.5% year")
        token = head
    return None


def _counted(doc: Doc, span: Span, parsed: Parsed) -> str | None:
    """The noun a count is of: "400,000 migrants" -> "migrant"."""
    if parsed.kind not in ("count",):
        return None
    for token in span:
        if token.pos_ in ("NOUN", "PROPN") and token.lower_ not in SCALES and \
                token.lower_ not in WORD_VALUES and \
                token.is_alpha and token.lower_ not in ("per", "cent", "tens", "dozens") \
                and token.ent_type_ not in ("DATE", "TIME"):
            return lemma(token)
    root = span.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod") and _noun(head) and (
            head.i >= span.end or any(t.lower_ in ("or", "and") for t in
                                      doc[head.i + 1:span.start])):
        return lemma(head)  # not "a record 6.87 million"; but "another pick or two"
    nxt = doc[span.end] if span.end < len(doc) else None
    if span[-1].lower_ in SCALES and nxt is not None and nxt.tag_ in ("NNS", "NNPS") \
            and _noun(nxt):
        return lemma(nxt)  # "1m homes": the model parses "m" as the noun
    for child in root.children:  # "tens of thousands of migrants", "millions of Americans"
        if child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and _noun(objects[0]) and objects[0].lower_ not in SCALES:
                return lemma(objects[0])
    return None


def lemma(token: Token) -> str:
    """The lower-case lemma; a plural proper noun made singular ("Americans" -> "american").

    A regular plural (inflect's singular plus "s" or "es", or a word the same in both
    numbers) overrides a lemma the lemmatizer guessed otherwise: "doses" is "dose", not
    "dos"; "species" is "species", not "specie"; "people" stays "people".
    """
    if token.tag_ == "NNPS" and token.lower_.endswith("s"):
        return token.lower_[:-1]
    guess = token.lemma_.lower()
    if token.tag_ == "NNS" and guess != token.lower_:
        singular = _singular(token.lower_)
        if singular and singular != guess and token.lower_ in (
                singular, f"{singular}s", f"{singular}es"):
            return singular
    return guess


@cache
def _singular(plural: str) -> str | None:
    """inflect's singular of a plural noun (quantulum3 depends on inflect), or None."""
    import inflect

    return inflect.engine().singular_noun(plural) or None


def _noun(token: Token) -> bool:
    """A common noun, or a plural proper one ("Americans"), outside dates."""
    return (token.pos_ == "NOUN" or token.tag_ == "NNPS") and token.is_alpha and \
        token.ent_type_ not in ("DATE", "TIME")


def _before_unit(doc: Doc, i: int) -> bool:
    """Whether the number at ``i`` is followed by a percent sign or a unit ("+0.3%")."""
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    return doc[i].like_num and (nxt in ("%", "percent") or nxt in UNITS)


def _in_other_entity(doc: Doc, token_index: int) -> bool:
    ent_type = doc[token_index].ent_type_
    return bool(ent_type) and ent_type not in CANDIDATE_LABELS | {"DATE", "TIME"}


#: Words before "one" that make it a pronoun: "each one", "the same one".
_PRONOUN_ONE = frozenset({"each", "same", "the", "this", "that", "every", "any", "no",
                          "another", "which", "last", "first", "new", "old", "big", "only"})


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "jan", "feb", "mar",
                     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_STREETS = frozenset({"street", "st", "road", "rd", "avenue", "ave", "lane", "drive", "way",
                      "boulevard", "blvd", "place", "terrace", "crescent", "close"})


def _part_of_name(doc: Doc, span: Span) -> bool:
    """A lone number that names rather than counts.

    "S&P 500", "Covid-19", "COVID -19", "Game 7", "category 4", "iPhone 11" (a label after a
    noun); "787 Dreamliner", "49 Zorro Ranch Road" (before a singular proper name); "each
    one", "the same one" (a pronoun); "16-18 Industrial Avenue" (a street number);
    "Ander Herrera: 4" (a player's rating); "the bottom three", "the top 10" (a rank).
    """
    after = doc[span.end] if span.end < len(doc) else None
    if re.fullmatch(r"0\d\d", span.text) and span.start > 1 and \
            doc[span.start - 1].text == "," and doc[span.start - 2].like_num:
        return True  # the "000" of "80, 000": a thousands group split off, not a figure
    if (re.fullmatch(r"\d+(?:\s*-\s*\d+)?", span.text) or (
            len(span) > 1 and re.fullmatch(r"\d+", span[0].text)
            and all(t.pos_ == "PROPN" for t in span[1:]))) and any(
            t.is_title and t.lower_.rstrip(".") in _STREETS
            for t in doc[span.start + 1:span.end + 4]):
        return True  # "16-18 Industrial Avenue", "112 Norman Street" (labelled a percent)
    if re.fullmatch(r"\d+00", span.text) and doc[span.end:span.end + 2].text.lower() == "block of":
        return True  # "in the 800 block of 19th St": an address
    if len(span) == 2 and span[0].lower_ in _LABEL_WORDS and span[1].like_num:
        return True  # "Number 10" (Downing Street), "No. 5"
    if len(span) != 1:
        return False
    token = span[0]
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _LABEL_WORDS and not (
            before.i > 0 and doc[before.i - 1].lower_ in ("a", "the", "any", "large", "small")):
        return True  # "employee number 31", "is number one in the charts"; not "a number 10"
    if after is not None and (
            after.lower_ in ("o'clock", "o’clock", "oclock")
            or (re.fullmatch(r"[0-2]\d[0-5]\d", token.text) and after.text in _TIME_ZONES)):
        return True  # "around 2 o'clock", "by 1200 GMT": a time of day
    if any(t is not None and t.lower_ == "news" and (t.is_title or t.is_upper)
           for t in (before, after)):
        return True  # "Stay with 12 News", "Action News 5": a broadcaster's name
    if after is not None and after.lower_ in ("'s", "’s") and before is not None and \
            before.is_alpha and before.is_title and not before.is_sent_start:
        return True  # "Band Aid 20's remake", "Apollo 11's crew": a name's number
    if before is not None and before.is_title and before.pos_ in ("NOUN", "PROPN") \
            and after is not None and after.lower_ == "of" and after.i + 1 < len(doc) \
            and re.fullmatch(r"\d+", doc[after.i + 1].text) \
            and int(token.text) <= int(doc[after.i + 1].text):
        return True  # "Image 7 of 9", "Part 2 of 3": a label numbering one of a series
    if before is not None and before.lower_ == "of" and before.i > 1 and \
            doc[before.i - 1].like_num and _part_of_name(doc, doc[before.i - 1:before.i]):
        return True  # "Image 2 of 40", "Part 3 of 5": the label's second number
    if token.is_alpha and token.is_title and not token.is_sent_start and before is not None \
            and not before.is_punct and after is not None and after.is_title \
            and not after.is_sent_start and _mostly_lower_case(token.sent):
        return True  # "the Six Nations", "the Big Ten": a spelled number capitalised in a name
    if before is not None and before.lower_ in ("top", "bottom") and (
            after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")):
        return True  # "slipped into the bottom three", "in the top 10": a rank
    if token.lower_ == "one":
        return before is not None and before.lower_ in _PRONOUN_ONE
    if not re.fullmatch(r"-?\d+", token.text):
        return False
    if re.fullmatch(r"\d{1,2}", token.text) and 0 < int(token.text) <= 31 and any(
            t is not None and t.is_title and t.lower_.rstrip(".") in _MONTHS
            for t in (before, after)):
        return True  # "the 11 September attacks", "on March 29": a date the model missed
    if after is not None and after.lower_ in ("and", "to", "-", "–") and re.fullmatch(
            r"\d{1,2}", token.text) and int(token.text) <= 31 and after.i + 2 < len(doc) and \
            re.fullmatch(r"\d{1,2}", doc[after.i + 1].text) and doc[after.i + 2].is_title \
            and doc[after.i + 2].lower_.rstrip(".") in _MONTHS:
        return True  # "between 6 and 12 December": the first day of a range of dates
    if before is not None and before.text == ":" and before.i > 0 and \
            doc[before.i - 1].pos_ == "PROPN" and int(token.text) <= 10 and \
            after is not None and after.is_title:
        return True  # "Ander Herrera: 4 Started the episode"
    if before is not None and before.text == "-" and before.whitespace_ == "" \
            and not (before.i > 0 and doc[before.i - 1].like_num):
        return True  # "Covid-19"; not the "10" of "$5-10"
    if token.text.startswith("-") and before is not None and before.is_alpha \
            and not before.is_stop and _widen(doc, span).end == span.end:
        return True  # "COVID -19 tests"; not "lows of -12°C"
    if after is not None and (after.tag_ == "NNS" or after.lower_ in UNITS):
        return False  # "a record 32 goals", "MacBook Pro 16 inch": a count or a measure
    if before is not None and not before.like_num and (before.pos_ == "PROPN" or (
            before.pos_ == "NOUN" and before.lower_ not in RATE_NOUNS | {"age"}
            and before.dep_ in ("compound", "nmod", "ROOT", "nsubj", "dobj", "pobj"))) \
            and before.lower_ not in CURRENCIES and before.lower_ not in UNITS \
            and before.ent_type_ not in ("DATE", "TIME", "MONEY"):
        return True  # "Game 7", "the category 4 hurricane", "iPhone 11"
    return after is not None and len(token.text) > 1 and after.is_title and after.is_alpha \
        and not after.text.endswith("s") and not after.is_sent_start \
        and after.lower_ not in UNITS and after.lower_ not in CURRENCY_WORDS \
        and after.text not in CASED_UNITS \
        and after.ent_type_ not in ("DATE", "TIME") \
        and not _counts_plural(token)  # "787 Dreamliner", "49 Zorro"; not "12 Labour MPs"


#: Prepositions before a time of day: "at 2200 hours", "until 0600 hrs".
_CLOCK_PREPOSITIONS = frozenset({"at", "by", "until", "till", "before", "after", "since"})
#: Words before a figure that make it a label: "employee number 31", "No. 5".
_LABEL_WORDS = frozenset({"number", "no.", "nos.", "#"})
#: Time zones after a 24-hour clock time: "1200 GMT", "0430 EDT".
_TIME_ZONES = frozenset({"GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "CST", "CDT", "MST",
                         "MDT", "PST", "PDT", "ET", "PT", "IST", "JST", "hrs", "hours", "local"})


def _mostly_lower_case(sent: Span) -> bool:
    """Whether a sentence is written in ordinary case, not as a title-case headline."""
    words = [t for t in sent if t.is_alpha and not t.is_stop and not t.is_sent_start]
    return not words or sum(t.is_title or t.is_upper for t in words) < 0.6 * len(words)


def _counts_plural(number: Token) -> bool:
    """Whether a number is, by the parse, the only count of a plural noun after it: "12
    Labour MPs", "45 Test matches", "50 Boeing 787 aircraft" (a noun the same in both
    numbers, but a model number between); not the "737" of "two new 737 Max jets" (a name
    inside a phrase another number counts)."""
    head = number.head
    return number.dep_ == "nummod" and head.i > number.i and head.pos_ in ("NOUN", "PROPN") \
        and (head.tag_ in ("NNS", "NNPS") or any(t.like_num for t in doc_between(number, head))) \
        and not any(c.dep_ == "nummod" and c.i < number.i for c in head.children)


def doc_between(a: Token, b: Token) -> Span:
    """The tokens strictly between ``a`` and ``b``."""
    return a.doc[a.i + 1:b.i]


#: A bare figure no date is written as: five or more digits, or thousands separators.
_NOT_A_DATE = re.compile(r"^(?:\d{5,}|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")


class _Candidate(NamedTuple):
    span: Span  # the tokens, for context
    is_date: bool  # from a DATE/TIME entity: only durations count
    chars: tuple[int, int] | None = None  # exact characters, when they cut through tokens


#: A figure glued to a unit in one token: "6kW", "40min", "45g", "10W".
_GLUED_UNIT = re.compile(rf"^~?[-−]?(?P<num>{_NUMBER})(?P<unit>[a-zμ°/]+\d?)\.?$")


_HAS_DIGIT = re.compile(r"\d")
#: A glued measure the tokenizer left stuck to a bracket or an adjective: "(121ft)-long".
_GLUED_IN_COMPOUND = re.compile(r"^(\d[\d,.]*[a-zμ°]+)\)?-[a-z]+$", re.IGNORECASE)


def _glued_unit(token_text: str) -> bool:
    m = _GLUED_UNIT.match(token_text.lower())
    return bool(m) and (m["unit"] in UNITS or m["unit"].rstrip("s") in DURATION_UNITS
                        or m["unit"] in ("pc", "bn", "k") or (
                            m["unit"] in CURRENCIES and m["unit"].isalpha()))


def _candidates(doc: Doc, ents: tuple[Span, ...], lo: int, hi: int) -> Iterator[_Candidate]:
    """Spans that may hold a quantity: glued money, then entities, then unlabelled numbers."""
    start_char = doc[lo].idx if lo < len(doc) else len(_text(doc))
    end_char = doc[hi - 1].idx + len(doc[hi - 1]) if hi > lo else start_char
    for m in _MONEY_IN_TEXT.finditer(_text(doc), start_char, end_char):
        digits = m["num"].lstrip("-")
        if m["cur"] == "PS" and not m["scale"] and len(digits) == 1:
            continue  # "PS4" is a games console
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            yield _Candidate(span, False, (m.start(), m.end()))
    for m in _FRACTION_IN_TEXT.finditer(_text(doc), start_char, end_char):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            yield _Candidate(span, False)
    for m in _MINUS_IN_TEXT.finditer(_text(doc), start_char, end_char):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            yield _Candidate(span, False)
    for m in SCIENTIFIC.finditer(_text(doc), start_char, end_char):
        parsed = parse_quantity(m[0]) if m["unit"] else None
        end = m.end("unit") if parsed is not None and parsed.unit else \
            max(m.end(g) for g in ("exp", "exp2", "exp3"))  # "1.99×10−30 kilograms"
        span = doc.char_span(m.start(), end, alignment_mode="expand")
        if span is not None:
            yield _Candidate(span, False, (m.start(), end))
    covered = set()
    for ent in ents:
        covered.update(range(ent.start, ent.end))
        if ent.label_ in CANDIDATE_LABELS and not _part_of_name(doc, ent):
            yield from (_Candidate(part, False) for part in _change_and_level(doc, ent))
        elif len(ent) == 3 and _tight_score(doc, ent.start, ent.end, labelled=True):
            yield _Candidate(ent, False)  # "beat Wales 3-1", labelled a product
        elif ent.label_ in ("DATE", "TIME") and _count_before_measure(ent):
            yield _Candidate(ent[:1], False)  # "two 15-year-old boys": a count, then an age
            yield _Candidate(ent[1:], True)
        elif ent.label_ in ("DATE", "TIME"):
            yield _Candidate(ent, True)
    for token in doc[lo:hi]:  # numbers the model did not label at all
        if not (token.like_num or _HAS_DIGIT.search(token.text)):
            continue  # the cheap test first: every case below holds a figure
        if token.i not in covered and _tight_score(doc, token.i, hi):
            covered.update(range(token.i, token.i + 3))
            yield _Candidate(doc[token.i:token.i + 3], False)  # "beat Rochus 6-1 7-6"
            continue
        span = doc[token.i:token.i + 1]
        end = token.i + 1
        while end < hi and end not in covered and doc[end].lower_ in SCALES \
                and doc[end].is_alpha:
            end += 1  # "9 billion shekels": the figure and its scale words
        if _glued_unit(token.text) and token.ent_type_ not in ("DATE", "TIME"):
            yield _Candidate(span, False)
        elif (m := _GLUED_IN_COMPOUND.match(token.text)) and _glued_unit(m[1]):
            yield _Candidate(span, False, (token.idx, token.idx + len(m[1])))  # "121ft)-long"
        elif token.i in covered or not (token.like_num or _MINUS.match(token.lower_)) \
                or (_in_other_entity(doc, token.i) and not _before_unit(doc, token.i)) \
                or (end == token.i + 1 and _part_of_name(doc, span)):
            continue
        covered.update(range(token.i, end))
        yield _Candidate(doc[token.i:end], False)


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
#: A figure in scientific notation, and the word after it: "5.97×10^24 kg", "1.99 x 10−30".
SCIENTIFIC = re.compile(r"(?<![\d.])(?P<mantissa>\d+(?:\.\d+)?)\s?[×xX*]\s?10"
                        r"(?:\s?(?:\^|\*\*)\s?(?P<exp>[-−]?\d{1,3})|(?P<exp2>[-−⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
                        r"|(?P<exp3>[-−]\d{1,3}))(?![\d,])(?:\s?(?P<unit>[A-Za-zμ°]+))?")


def _plain_scientific(m: re.Match[str]) -> str:
    """ "5.97×10^24" written out in plain digits (so the rules read it as any figure)."""
    from decimal import Decimal

    exponent = int((m["exp"] or m["exp2"] or m["exp3"]).translate(_SUPERSCRIPTS))
    value = Decimal(m["mantissa"]).scaleb(exponent)
    return format(value, "f") + (f" {m['unit']}" if m["unit"] else "")


_MINUS = re.compile(rf"^minus-{_NUMBER}$")
_MINUS_IN_TEXT = re.compile(rf"\b(?:[Mm]inus[- ]?|sub-){_NUMBER}")  # "sub-7 nanometer"
def _count_before_measure(ent: Span) -> bool:
    """A date entity that opens with a count of the noun after it, then a hyphenated measure
    of time: "two 15-year-old boys", "three 10-minute breaks"."""
    return len(ent) >= 4 and ent[0].like_num and ent[1].like_num and ent[2].text == "-" \
        and ent[0].dep_ == "nummod" and ent[0].head.i >= ent.end \
        and ent[0].head.pos_ in ("NOUN", "PROPN")


def _tight_score(doc: Doc, i: int, hi: int, *, labelled: bool = False) -> bool:
    """A score or set written tight and split by the tokenizer: "6", "-", "1"; unlabelled, or
    (``labelled``) given a label that is not numeric ("3-1" as a PRODUCT)."""
    return i + 2 < hi and bool(re.fullmatch(r"\d{1,2}", doc[i].text)) \
        and doc[i + 1].text in ("-", "–") and not doc[i].whitespace_ \
        and not doc[i + 1].whitespace_ and bool(re.fullmatch(r"\d{1,2}", doc[i + 2].text)) \
        and all((t.ent_type_ not in CANDIDATE_LABELS | {"DATE", "TIME"}) if labelled
                else not t.ent_type_ for t in doc[i:i + 3])


def _dehyphen(text: str) -> str:
    """Hyphens to spaces ("a five-day" -> "a five day"), except between two figures, where
    the hyphen makes a range ("18-24 months")."""
    return re.sub(r"(?<!\d)\s*-\s*|\s*-\s*(?!\d)", " ", text).strip()


def _duration_in(span: Span) -> tuple[Span, Parsed] | None:
    """The longest duration inside a DATE entity: "over the past three or four years" ->
    "three or four years", "just three hours" -> "three hours", "the 50 previous years"
    -> 50 years (adjectives between the figure and its unit left out)."""
    for i in range(len(span)):
        if not (span[i].like_num or span[i].lower_ in ("a", "an")):
            continue
        for j in range(len(span), i, -1):
            sub = span[i:j]
            if any(t.lower_ in ("next", "last", "this", "coming") for t in sub[1:]):
                continue  # "be 40 next month" is not forty months
            words = "".join(t.text_with_ws for t in sub if t.pos_ != "ADJ" or t.like_num
                            or t.i in (sub.start, sub.end - 1) or t.lower_ == "old")
            text = re.sub(r"^(?:an?)\s+", "", _dehyphen(words.lower()))
            parsed = parse_quantity(text)  # "the 50 previous years": adjectives left out
            if parsed is not None and parsed.kind == "duration":
                return sub, parsed
    return None


#: Nouns of time: a figure counting them is a duration or a date, not a count of things.
_TIME_NOUNS = frozenset({*DURATION_UNITS.values(), "century", "night", "weekend", "season",
                         "quarter", "term", "session", "morning", "evening", "afternoon",
                         "time", "am", "pm", "a.m", "p.m", "o'clock", "half", "period", "semester"})


def _counts_things(span: Span) -> bool:
    """A DATE/TIME span that is a count of things: spaCy labels "1385710 lightning strikes"
    or "at 2483805" a date. One bare figure (no year, no month or time word in the span),
    by the dependency parse the number of a plural common noun after it that is not a
    noun of time."""
    numbers = [t for t in span if t.like_num]
    if len(numbers) != 1 or _YEARISH.match(numbers[0].text):
        return False
    number = numbers[0]
    if _part_of_name(span.doc, span.doc[number.i:number.i + 1]):
        return False  # "in the 5900 block of": an address
    head = number.head
    if number.dep_ not in ("nummod", "quantmod") or head.i <= number.i \
            or head.tag_ not in ("NNS", "NN") or head.lemma_.lower() in _TIME_NOUNS:
        return False
    between = span.doc[number.i + 1:head.i]
    return all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT") for t in between) and all(
        t.i in (number.i, head.i) or number.i < t.i < head.i
        or t.pos_ in ("DET", "ADV", "ADJ", "PUNCT") for t in span) and not any(
        t.lemma_.lower().rstrip(".") in _TIME_NOUNS | _MONTHS for t in (*between, *span))


def _from_span(doc: Doc, cand: _Candidate, sent_of: list[int]) -> QuantityMention | None:
    """The quantity a candidate span holds, widened to its context, or None."""
    span, is_date = cand.span, cand.is_date
    figure = next((doc[t.i:t.i + 1] for t in span if t.like_num), None) if is_date else None
    if figure is not None and (_stated_age(doc, figure) or _age_bound(doc, figure)):
        span, is_date = figure, False  # "aged 19", "turned 40 last week", "the age of 45"
        first, last = _age_list(doc, figure.start)
        if first == figure.start and last == first + 2 and doc[first + 1].lower_ != ",":
            span = doc[first:last + 1]  # "aged 18 to 30"
    if is_date and (_NOT_A_DATE.match(span.text) or _age_apposition(doc, span)
                    or _counts_things(span)
                    or (re.fullmatch(r"\d+", span.text) and _widen(doc, span).end > span.end)):
        is_date = False  # "at 2483805", "Maddon, 66,", "1520 sq m", "3687 mAh": not dates
    if is_date and figure is not None and re.fullmatch(r"[0-2]\d[0-5]\d", figure.text) and \
            figure.end < len(doc) and doc[figure.end].lower_ in ("hours", "hrs") and \
            int(figure.text) >= 100 and any(t.lower_ in _CLOCK_PREPOSITIONS for t in doc[
                max(0, figure.start - 2):figure.start]):
        return None  # "at approximately 2200 hours": a time of day on the 24-hour clock
    if is_date:  # durations ("three years", "a five-day") and mislabelled measures
        while len(span) > 1 and span[0].lower_ in NEUTRAL:
            span = span[1:]  # "just three hours": the duration is "three hours"
        text = re.sub(r"^(?:an?|the)\s+", "", _dehyphen(span.text.lower()))
        parsed = parse_quantity(text)
        wide = span
        if parsed is None or parsed.kind == "count":
            found = _duration_in(span)
            if found is None:
                return None
            wide, parsed = found
    elif cand.chars is not None:  # glued money: exact characters, hedges from the tokens
        start = min(_widen(doc, span).start_char, cand.chars[0])
        parsed = parse_quantity(_text(doc)[start:cand.chars[1]])
        if parsed is None:  # "between c $ 16.4 million": the second end of a range
            start = cand.chars[0]
            parsed = parse_quantity(_text(doc)[start:cand.chars[1]])
        if parsed is None:
            return None
        wide = doc.char_span(start, cand.chars[1], alignment_mode="expand")
        wide, parsed = _refine(doc, wide, parsed)
        rest = _text(doc)[cand.chars[1]:wide.end_char]
        if wide.end_char > cand.chars[1] and rest != "." and not rest.startswith(")"):
            start, end_char = wide.start_char, wide.end_char  # "$58.24 per barrel"
            end_char -= _text(doc)[:end_char].endswith(".")  # "$80 per sq m."
        else:
            end_char = cand.chars[1]
        change = _change_from_context(doc, wide, parsed.change,
                                      is_range=parsed.low is not None and parsed.high is not None,
                                      bare=parsed.unit is None)
        return QuantityMention(
            start, end_char, _text(doc)[start:end_char], parsed.value, parsed.low, parsed.high,
            parsed.unit, parsed.kind, parsed.currency, change, parsed.ratio, None,
            sent_of[wide.start], "rules")
    else:
        while len(span) > 1 and span[-1].pos_ in ("ADP", "CCONJ", "PUNCT", "DET", "PART"):
            span = span[:-1]  # "3 to", "up to 252 miles to"
        while len(span) > 1 and span[0].pos_ == "PROPN" and not span[0].like_num \
                and span[0].lower_ not in CURRENCIES:
            span = span[1:]  # "Nasdaq +0.8%"
        if len(span) > 2 and span[1].lower_ == "to" and _moved_up(doc, span.start):
            span = span[2:]  # "revised up to 368,000": the level, not a bound
        wide = _widen(doc, span)
        parsed = parse_quantity(wide.text)
        if parsed is None and wide != span:
            wide = span
            parsed = parse_quantity(span.text)
        if parsed is None or (parsed.unit == "fraction" and "/" in wide.text and not (
                wide.end < len(doc) and doc[wide.end].lower_ == "of")):
            return None  # "after 9/11": a date, not nine elevenths; but "1/16 of a pint"
    wide, parsed = _refine(doc, wide, parsed)
    if parsed.kind == "count" and not (parsed.unit and " per " in parsed.unit):
        # "400,000 migrants": the figure is "400,000"; not "25 points per game"
        end = wide.end
        while end - 1 > wide.start and doc[end - 1].pos_ in ("NOUN", "PROPN", "ADJ") and \
                not doc[end - 1].like_num and doc[end - 1].lower_ not in SCALES \
                and doc[end - 1].lower_ not in WORD_VALUES:  # "a dozen"
            end -= 1
        wide = doc[wide.start:end]
    change = _change_from_context(doc, wide, parsed.change,
                                  is_range=parsed.low is not None and parsed.high is not None,
                                  bare=parsed.unit is None)
    end_char = wide.end_char - 1 if wide.text.endswith(".") and (
        len(wide) > 1 or _glued_unit(wide.text)) else wide.end_char  # "kept at -70C."
    return QuantityMention(
        wide.start_char, end_char, _text(doc)[wide.start_char:end_char], parsed.value,
        parsed.low, parsed.high,
        parsed.unit, parsed.kind, parsed.currency, change, parsed.ratio,
        _counted(doc, wide, parsed), sent_of[wide.start], "rules",
    )


_RANGE_LINKS = frozenset({"to", "and", "-", "–", "—", "or"})
_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _scale_of(text: str) -> float:
    m = re.search(r"(?<![a-z])(thousand|million|billion|trillion|bn|m|k|tn)\b", text.lower())
    return SCALES[m[1]] if m else 1.0


def _range_link(doc: Doc, prev: QuantityMention, q: QuantityMention) -> bool:
    """Whether two figures in a row are the ends of one range.

    "5 to 7 per cent", "$3 billion to $5 billion", "15-22 mph", "between 5 and 6 kg",
    "three or four years", "from 208 pounds to 193", "from 21 mpg combined to 23".
    Not "increased by $43.6 billion to $419.2 billion" (a change, then a level).
    """
    gap = _text(doc)[prev.end:q.start]
    link = gap.strip().lower()
    first = doc.char_span(prev.start, prev.end, alignment_mode="expand")
    words = [t.lower_ for t in doc[max(0, first.start - 3):first.start]]
    opener = "between" if prev.text.lower().startswith("between") else \
        (words[-1] if words else "")
    if opener == "from" or (opener in ("to", "up") and "from" in words):
        # "from X to Y", a few words of the first figure's description between
        words = 6 if prev.unit is not None and prev.unit == q.unit else 3
        return bool(re.fullmatch(rf"(?:\S+\s+){{0,{words}}}to\s*", gap.lstrip())) and \
            not _CLAUSE_BREAK.search(gap)  # "from $36,040 at 10.45pm last night to $34,935"
    if (opener == "by" and prev.unit is not None) or link not in _RANGE_LINKS:
        return False  # "by $43.6 billion to $419.2 billion", but "by 1 to 1.5 degrees"
    if link in ("-", "–", "—") and gap != link and \
            _text(doc)[q.end:q.end + 12].lstrip().lower().split(" ")[:1] in (
                ["less"], ["more"], ["lower"], ["higher"], ["fewer"]):
        return False  # "£35bn - £2.5bn less than forecast": a dash, then a difference
    if link == "to" and first.start > 0 and _moves(doc[first.start - 1]) \
            and 0 < _scaled_first(prev, q) * 3 < q.value:
        return False  # "rose 5p to 155.9p", "rose by 150 to 2,300": a change, then a level
    if gap in ("-", "–"):
        return True  # "£1.5-2bn": a tight dash joins the ends of a range
    if prev.unit is not None and q.unit is None:
        return False  # "rose 8.15% to 3.65": a change, then a level
    if link == "and":
        return opener == "between"
    if link == "or":  # "three or four years", not "5% or 6 points"
        return prev.unit is None and prev.kind == "count" and q.value is not None
    return True


def _change_and_level(doc: Doc, ent: Span) -> tuple[Span, ...]:
    """An entity "150 to 2,300" after "rose by" is a change and a level, not a range (as
    ``_range_link`` decides for two entities): its two figures; else the entity."""
    to = next((t.i for t in ent if t.lower_ == "to"), None)
    if to is None or ent.start == 0 or not _moves(doc[ent.start - 1]):
        return (ent,)
    texts = doc[ent.start:to].text, doc[to + 1:ent.end].text
    first, second = parse_quantity(texts[0]), parse_quantity(texts[1])
    if first is None or second is None or first.value is None or second.value is None:
        return (ent,)
    low = first.value
    if _scale_of(texts[0]) == 1.0 and low * _scale_of(texts[1]) <= second.value:
        low *= _scale_of(texts[1])  # "rose by 2 to 3 million": a range
    if not 0 < low * 3 < second.value:
        return (ent,)
    return doc[ent.start:to], doc[to + 1:ent.end]


def _moves(token: Token) -> bool:
    """A word that makes the figure after it a change: "by", "up", "down", a verb of rising
    or falling ("rose 5p")."""
    return token.lower_ in ("by", "up", "down") or (
        token.pos_ == "VERB" and token.lemma_.lower() in UP_VERBS | DOWN_VERBS)


def _scaled_first(prev: QuantityMention, q: QuantityMention) -> float:
    """The first end of "A to B" with B's scale word applied when A has none ("$89 to $93
    billion": 89 billion)."""
    first = prev.value or 0.0
    if _scale_of(prev.text) == 1.0 and (scale := _scale_of(q.text)) > 1.0 \
            and first * scale <= (q.value or 0.0):
        first *= scale
    return first


def _merge_ranges(doc: Doc, found: list[QuantityMention]) -> list[QuantityMention]:
    """Join the two ends of a range into one mention with ``low`` and ``high``.

    A range written high to low ("from 208 pounds to 193") is a fall: ``low``/``high``
    stay ordered and the change is "down".
    """
    merged: list[QuantityMention] = []
    for q in sorted(found, key=lambda m: m.start):
        prev = merged[-1] if merged else None
        if prev is None or prev.sentence != q.sentence or prev.value is None \
                or q.value is None or (prev.kind not in (q.kind, "count") and \
                q.kind != "count") or (prev.unit and q.unit and prev.unit != q.unit
                                       and not q.unit.startswith(f"{prev.unit} per ")) \
                or not _range_link(doc, prev, q):
            merged.append(q)
            continue
        first = _scaled_first(prev, q)  # "$89 to $93 billion"
        base = q if q.unit or not prev.unit else prev  # "from 21 mpg combined to 23"
        tight = _text(doc)[prev.end:q.start] in ("-", "–")  # "2-0": a score, not a fall
        change = "down" if first > q.value and not tight else \
            "~" if "~" in (prev.change, q.change) else "="
        if prev.start > 0 and _text(doc)[:prev.start].rstrip().lower().endswith(" by") and \
                q.change in ("up", "down"):
            change = q.change  # "dropped by 1 to 1.5 degrees": the range is the change
        merged[-1] = base._replace(
            start=prev.start, end=q.end, text=_text(doc)[prev.start:q.end], value=None,
            low=min(first, q.value), high=max(first, q.value), change=change,
            counted=(q.counted or prev.counted) if base.kind == "count" else None)
    return merged


#: The gap before a figure that restates the one before it in another unit (a count's noun
#: may stand in it): "up 120 points, or 0.5 percent", "more than 7.5 million Danish crowns
#: (US $1.1 million)", "224 kW / 300 PS".
_RESTATED = re.compile(r"\s*(?:[a-z]+\s*)?(?:,?\s*or\s+|\(\s*|/\s*)")


def _with_change(q: QuantityMention, change: str) -> QuantityMention:
    """``q`` with another change; a bound keeps its figure in ``low`` or ``high``."""
    if change in ("<", ">") and q.value is not None:
        bound = {"low": q.value} if change == ">" else {"high": q.value}
        return q._replace(value=None, change=change, **bound)
    return q._replace(change=change)


def _gapped_changes(doc: Doc, found: list[QuantityMention]) -> list[QuantityMention]:
    """A figure in a list whose verb is left out takes the direction of the one before it:
    "the FTSE fell 0.5%, the DAX 1.2% and the CAC 0.8%", "Ross were down 2.3%, Burlington
    by 2.6%". The two share a unit, only commas, "and" and names stand between them (no
    verb of their own), and the later one is neither a level ("to 3%") nor a modifier
    ("a 12% discount"). A figure restating the one just before it in another unit takes
    its direction or bound too."""
    out: list[QuantityMention] = []
    for q in found:
        before = out[-1] if out else None
        if before is not None and before.sentence == q.sentence and q.change == "=" \
                and before.change in ("up", "down", "<", ">") \
                and _RESTATED.fullmatch(_text(doc)[before.end:q.start]):
            out.append(_with_change(q, before.change))  # "rose 120 points, or 0.5%"
            continue
        prev = next((p for p in reversed(out) if p.sentence == q.sentence and p.unit == q.unit),
                    None)
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        between = doc.char_span(prev.end, q.start, alignment_mode="expand") \
            if prev is not None and prev.end < q.start else None
        if prev is not None and prev.change in ("up", "down") and q.change == "=" \
                and q.value is not None and q.unit is not None and span is not None \
                and between is not None and len(between) <= 8 \
                and any(t.text in (",", ";") or t.lower_ == "and" for t in between) \
                and not any(t.pos_ in ("VERB", "AUX") or t.text in "()" for t in between) \
                and between[-1].lower_ not in ("to", "at", "from", "of", "than") \
                and not (span.root.dep_ in ("amod", "compound", "nmod", "nummod")
                         and span.root.head.i >= span.end):
            q = q._replace(change=prev.change)
        out.append(q)
    return out


def _frame(doc: Doc, q: QuantityMention) -> Token | None:
    """The preposition a figure is the object of, by the parse ("at" in "at 1,463.78
    points", "by" in "by 2 percent"), or None."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    if token.dep_ in ("nummod", "quantmod") and token.head.dep_ == "pobj":
        token = token.head  # "at 1,463.78 points": the unit noun is the object
    return token.head if token.dep_ == "pobj" and token.head.pos_ == "ADP" else None


#: Hedges written after the figure (and its noun): "10 people or more", "a week or so".
POSTPOSED = {("or", "more"): ">", ("or", "above"): ">", ("or", "over"): ">",
             ("and", "above"): ">", ("or", "higher"): ">", ("or", "greater"): ">",
             ("or", "less"): "<", ("or", "fewer"): "<", ("or", "under"): "<",
             ("or", "below"): "<", ("or", "lower"): "<", ("or", "so"): "~",
             ("or", "thereabouts"): "~"}


def _postposed_hedges(doc: Doc, found: list[QuantityMention]) -> list[QuantityMention]:
    """A hedge after a figure and up to two words of its noun bounds or softens it: "five
    years or more" (at least 5), "$10 or less", "200 people or so" (about 200)."""
    out = []
    for q in found:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if q.change == "=" and q.value is not None and span is not None:
            i = span.end
            while i < min(span.end + 2, len(doc)) and doc[i].pos_ in ("NOUN", "PROPN", "ADJ") \
                    and not doc[i].like_num:
                i += 1
            pair = tuple(t.lower_ for t in doc[i:i + 2])
            after = doc[i + 2] if i + 2 < len(doc) else None
            if pair in POSTPOSED and not (after is not None and (
                    after.like_num or after.lower_ == "than")):  # not "5 or more than 20"
                q = _with_change(q, POSTPOSED[pair])  # also "3 or more people"
        out.append(q)
    return out


#: Telephone numbers: "(225) 344-7867", "415-575-4444", "(816) 474-TIPS" (not "500-1000");
#: a local number without area code after a word of contacting ("contact police at
#: 886-2600", "Crime Stoppers at 344-7867"); emergency numbers after a verb of calling
#: ("call 911") or before the call, line or dispatcher they name ("a 911 call").
_PHONE = re.compile(r"(?<![\d$£€¥])(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.](?:\d{4}|[A-Z]{4})(?![\d%])"
                    r"|(?i:\b(?:call(?:ed|ing|s)?|dial(?:led|ing|s)?|ring)\s+)(?:911|999|112|000)\b"
                    r"|(?i:\b(?:(?:contact|call|reach|dial|text)\w*\s+(?:\S+\s+){0,6}?(?:at|on)"
                    r"|line|hotline|number|stoppers|department|office|unit|police)\s+(?:at\s+)?)"
                    r"(?P<local>[2-9]\d\d-\d{4})\b(?![\d%])"
                    r"|\b(?:911|999)(?=[- ](?i:calls?|callers?|dispatch\w*|operators?|centers?"
                    r"|centres?|lines?|system)\b)")


def _phone_numbers(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """Character spans of telephone numbers in tokens ``lo:hi``: not quantities."""
    start = doc[lo].idx if lo < len(doc) else 0
    end = doc[hi - 1].idx + len(doc[hi - 1]) if hi > lo else start
    return [m.span("local") if m["local"] else m.span()
            for m in _PHONE.finditer(_text(doc), start, end)]


_SUSPENDED = re.compile(rf"^(?:{_NUMBER}|[a-z]+)-$", re.IGNORECASE)


def _suspended_hyphens(doc: Doc, found: list[QuantityMention], lo: int, hi: int,
                       sent_of: list[int]) -> list[QuantityMention]:
    """ "four-, five- and six-cylinder engines": a figure left hanging on its hyphen takes
    the unit or counted noun of the hyphenated figure its list ends with."""
    added = []
    for token in doc[lo:hi]:
        value = parse_number_words(token.text[:-1]) if _SUSPENDED.match(token.text) else None
        if value is None or any(m.start <= token.idx < m.end for m in found):
            continue
        later = [m for m in found if m.start > token.idx and m.sentence == sent_of[token.i]
                 and "-" in _text(doc)[m.start:m.end + 1]]
        if not later or len(doc.char_span(token.idx, later[0].start,
                                          alignment_mode="expand")) > 6:
            continue
        end = token.idx + len(token.text) - 1
        added.append(later[0]._replace(start=token.idx, end=end, text=_text(doc)[token.idx:end],
                                       value=value, low=None, high=None, change="="))
    return sorted([*found, *added], key=lambda m: m.start)


def _dimensions(doc: Doc, found: list[QuantityMention]) -> list[QuantityMention]:
    """ "100 by 60 metres", "3 x 2 m", "three and four-year-olds": a bare figure before
    "by" or "x" and a measure, or before "and"/"or" and a hyphenated measure, shares its
    unit."""
    out = list(found)
    for i, (q, nxt) in enumerate(pairwise(found)):
        gap = _text(doc)[q.end:nxt.start].strip().lower()
        hyphenated = "-" in nxt.text  # "three and four-year-olds", "two or three-day"
        if (gap in ("by", "x", "×") or (hyphenated and gap in ("and", "or"))) \
                and q.kind == "count" and q.unit is None and q.counted is None \
                and nxt.unit and nxt.kind not in ("money", "ratio"):
            out[i] = q._replace(unit=nxt.unit, kind=nxt.kind)
    return out


def _compares(preposition: Token) -> bool:
    """A preposition that brings in the figure a change is measured from or against: "up
    from", "fell to X from", "compared with", "against", "versus"."""
    word, head = preposition.lower_, preposition.head
    if word == "from":
        return head.lower_ in ("up", "down") or (
            head.pos_ == "VERB" and head.lemma_.lower() in UP_VERBS | DOWN_VERBS)
    if word == "with":
        return head.lemma_.lower() == "compare"
    return word in ("against", "versus", "vs")


def _elided_units(doc: Doc, found: list[QuantityMention]) -> list[QuantityMention]:
    """A bare figure (no unit, no counted noun) takes the unit or counted noun left out: of
    the figure it is compared with ("54 million people, up from 34 million", "5,000 cars,
    compared with 4,000"); of an earlier figure in a parallel clause, both objects of the
    same preposition ("increased by 2 percent but the Nasdaq fell by 1", "ended at 1,463.78
    points, while the TA-125 ended at 1,334.20"), or the "to" of a "from" ("from about
    14-18 mpg to 24"), but not money there, whose scale may be left out too."""
    found = _dimensions(doc, found)
    out: list[QuantityMention] = []
    for q in found:
        frame = _frame(doc, q) if q.kind == "count" and q.unit is None \
            and q.counted is None else None
        earlier = next((p for p in reversed(out) if p.sentence == q.sentence
                        and p.kind != "ratio" and (p.unit or p.counted)), None)
        if frame is not None and earlier is not None and _compares(frame):
            scale = _scale_of(earlier.text) if earlier.kind == "money" and \
                _scale_of(q.text) == 1.0 and (q.value or 0) < 1e3 else 1.0  # "$5bn from 4.2"
            q = q._replace(unit=earlier.unit, kind=earlier.kind, counted=earlier.counted,
                           currency=earlier.currency,  # "54 million people, up from 34 million"
                           **{f: getattr(q, f) * scale for f in ("value", "low", "high")
                              if getattr(q, f) is not None})
        elif frame is not None:
            for p in reversed(out):
                if p.sentence != q.sentence:
                    break
                other = _frame(doc, p) if (p.unit or p.counted) \
                    and p.kind not in ("money", "ratio") else None
                from_to = (other is not None and (other.lower_, frame.lower_) == ("from", "to")
                           and p is out[-1])  # "from about 38,000 cases ... to nearly 204,000"
                if other is not None and other.i != frame.i and (
                        (other.lower_ == frame.lower_ and p.unit) or from_to):
                    q = q._replace(unit=p.unit, kind=p.kind, counted=p.counted)
                    break
        if frame is not None and frame.lower_ in ("to", "at") and q.unit is None and any(
                p.sentence == q.sentence and p.change in ("up", "down") and (
                    p.unit == "point" or _about_an_index(doc, p)) for p in out):
            # "lost 23.4 points, or 0.5%, to 4,520.16", "the index fell 1.2% to 27,500"
            q = q._replace(unit="point", counted="point")
        if q.kind == "count" and q.unit is None and q.counted is None and out \
                and _coordinated(doc, out[-1], q):
            p = out[-1]  # "killed four people and injured 12", "300 jobs in 2019 and 450"
            q = q._replace(unit=p.unit, kind=p.kind, counted=p.counted)
        if q.kind == "count" and q.unit is None and q.counted is None and (
                p := _parallel_twin(doc, out, q)) is not None:
            q = q._replace(unit=p.unit, kind=p.kind, counted=p.counted)
        if q.kind == "count" and q.unit is None and q.counted is None and (
                p := _antecedent(doc, out, q)) is not None:
            q = q._replace(counted=p.counted)
        if q.kind == "count" and q.unit is None and q.counted is None:
            q = q._replace(counted=_counted_by_subject(doc, q) or _bounded_noun(doc, q))
        out.append(q)
    for i, (p, q) in enumerate(pairwise(out)):
        if p.kind == "count" and p.unit is None and p.counted is None and q.counted \
                and q.unit is None and _text(doc)[p.end:q.start].strip() == "out of":
            out[i] = p._replace(counted=q.counted)  # "68 out of 105 seats"
    return out


def _antecedent(doc: Doc, out: list[QuantityMention],
                q: QuantityMention) -> QuantityMention | None:
    """The count a bare figure picks out a part of: "14 people were hit, including two",
    "13 service breaks, including three in the final set", "Of the 26 people who died,
    16 of them were militants": the latest count of the sentence with a counted noun."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end:span.end + 2].text.lower()
    if before not in ("including", "includes", "included", "among") \
            and after not in ("of them", "of those", "of whom", "of which"):
        return None
    return next((p for p in reversed(out) if p.sentence == q.sentence and p.kind == "count"
                 and p.counted is not None and p.unit is None), None)


def _bounded_noun(doc: Doc, q: QuantityMention) -> str | None:
    """A bare bound after the plural noun it measures: "claims below 500,000", "cases above
    1,000 a day" (the noun, then "below"/"above"/"over"/"under", then the figure)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or span.start < 2:
        return None
    bound, noun = doc[span.start - 1], doc[span.start - 2]
    if bound.lower_ in ("below", "above", "over", "under") or span[0].lower_ in (
            "below", "above", "over", "under"):
        noun = noun if bound.lower_ in ("below", "above", "over", "under") else bound
        if noun.tag_ == "NNS" and _noun(noun) and lemma(noun) not in UNITS \
                and lemma(noun) not in CURRENCY_WORDS and lemma(noun) not in _TIME_NOUNS:
            return lemma(noun)
    return None


def _subject_verb(doc: Doc, q: QuantityMention) -> Token | None:
    """The verb a count's phrase is the subject of, by the parse, or None."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    while token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN",
                                                                                  "PROPN"):
        token = token.head
    return token.head if token.dep_ in ("nsubj", "nsubjpass") else None


def _role(doc: Doc, q: QuantityMention) -> tuple[str, str] | None:
    """The verb a count's phrase depends on and how, by the parse: ("report", "dobj") for
    "Walgreens reported wasting 2.6 million doses" and "CVS reported 2.2 million"; or
    ("'s", "poss") for a figure after a possessive ("Unison's 800,000 workers")."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    if span.start > 0 and doc[span.start - 1].tag_ == "POS":
        return ("'s", "poss")
    token = span.root
    while token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN",
                                                                                  "PROPN"):
        token = token.head
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and token.head.pos_ == "VERB":
        verb = token.head
        while verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
            verb = verb.head  # "reported wasting 2.6 million doses": the reporting verb
        return (verb.lemma_.lower(), token.dep_)
    return None


def _parallel_twin(doc: Doc, out: list[QuantityMention],
                   q: QuantityMention) -> QuantityMention | None:
    """The count a bare figure parallels in a list of clauses with the same verb, or of
    possessives, whose noun is left out after the first: "Walgreens reported 2.6 million
    doses, CVS reported 2.2 million" (doses); "Unison's 800,000 workers, the GMB's 70,000"
    (workers)."""
    role = _role(doc, q)
    if role is None:
        return None
    for p in reversed(out):
        if p.sentence != q.sentence:
            return None
        if p.kind == "count" and p.counted is not None and p.unit is None:
            if _role(doc, p) == role:
                return p
            verb, other = _subject_verb(doc, q), _subject_verb(doc, p)
            conjoined = verb is not None and other is not None and (
                (verb.dep_ == "conj" and verb.head == other)
                or (other.dep_ == "conj" and other.head == verb))
            return p if conjoined else None  # "207 million people have had a first
            # dose, and more than 175 million have been fully vaccinated"
    return None


#: Verbs whose bare figure is the level or size of their subject: "rose to 419,000",
#: "fell from 3,000 to 2,500", "stood at 24", "totalled 1,200".
_LEVEL_VERBS = frozenset({*UP_VERBS, *DOWN_VERBS, *_EXTENT_VERBS, "stand", "total", "reach",
                          "hit", "top", "number", "remain", "stay", "be"})
#: Verbs whose object is what moves: "lowered the number of troops to 2,500", "boost
#: annual sales to 150,000".
_CHANGE_OBJECT_VERBS = frozenset({"lower", "raise", "cut", "boost", "increase", "reduce",
                                  "lift", "bring", "take", "push", "double", "halve"})
#: Nouns that name an amount of something else: "the number of troops", "the total of".
_AMOUNT_NOUNS = frozenset({"number", "total", "count", "tally", "toll"})


def _counted_by_subject(doc: Doc, q: QuantityMention) -> str | None:
    """What a bare figure counts, from the subject of its verb when the figure is the level
    or the change of that subject: "the number of U.S. troops fell from 3,000 to 2,500"
    (troops), "jobless claims rose to 419,000" (claims: a plural subject, a figure of
    thousands); not the "24" of "the toll stood at 24" (no noun said), nor prices or
    shares (their figures are amounts of money)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(4):
        if token.dep_ == "pobj" and token.head.lower_ in ("to", "from", "by", "at"):
            token = token.head
        elif token.dep_ in ("prep", "pobj") and token.head.like_num:
            token = token.head  # "from 370 to 870": "to" hangs on the first figure
        elif token.dep_ in ("prep", "dobj", "npadvmod", "attr", "advmod") \
                and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
            break
        else:
            return None
    if token.pos_ not in ("VERB", "AUX") or \
            token.lemma_.lower() not in _LEVEL_VERBS | _CHANGE_OBJECT_VERBS:
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    changed = next((c for c in token.children if c.dep_ == "dobj" and not c.like_num), None)
    if changed is not None and token.lemma_.lower() in _CHANGE_OBJECT_VERBS:
        subject = changed  # "lowered the number of troops from 3,000 to 2,500"
    if subject is None:
        return None
    if subject.lemma_.lower() in _AMOUNT_NOUNS:
        of = next((c for c in subject.children if c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return lemma(noun) if noun is not None and _noun(noun) and noun.tag_ in (
            "NNS", "NNPS") else None
    if subject.tag_ == "NNS" and (q.value or q.high or q.low or 0) >= 1000 and \
            lemma(subject) not in UNITS and lemma(subject) not in CURRENCY_WORDS \
            and lemma(subject) not in ("price", "share", "rate", "cost", "stock", "yield"):
        return lemma(subject)
    return None


def _about_an_index(doc: Doc, q: QuantityMention) -> bool:
    """Whether a change is of a stock index, by the parse: the subject of its verb is
    "index" or "average" ("the Nikkei index fell 1.2%", "the Dow Jones Industrial Average
    rose 0.5%"), whose levels are in points."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    verb = next((t for t in span.root.ancestors if t.pos_ == "VERB"), None) if span else None
    return verb is not None and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in ("index", "average") for c in verb.children)


def _coordinated(doc: Doc, p: QuantityMention, q: QuantityMention) -> bool:
    """Whether a bare figure ``q`` is the coordinated twin of the figure before it: the same
    sentence, a conjunction between them and no other figure, nothing of its own after
    ``q`` (no noun, no "years old"), and a figure of the same order (within ten times: not
    "has 3 children and is 45")."""
    if p.sentence != q.sentence or p.kind in ("money", "ratio", "age") \
            or not (p.unit or p.counted) or p.value is None or q.value is None:
        return False
    between = doc.char_span(p.end, q.start, alignment_mode="expand")
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    links = [t.i for t in between or () if t.lower_ in ("and", "but", "while", "whereas")]
    if between is None or span is None or len(between) > 10 or not links or any(
            t.like_num and t.ent_type_ not in ("DATE", "ORDINAL") for t in between) \
            or any(t.lemma_ in ("be", "age") for t in doc[links[-1]:span.start]):
        return False  # not "has 3 children and is 45"
    nxt = doc[span.end] if span.end < len(doc) else None
    return (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")
            or nxt.ent_type_ in ("DATE", "TIME")) \
        and min(abs(p.value), abs(q.value)) > 0 \
        and max(abs(p.value), abs(q.value)) <= 10 * min(abs(p.value), abs(q.value))


def _join_cents(doc: Doc, found: list[QuantityMention]) -> list[QuantityMention]:
    """ "thirteen dollars and forty-five cents", "15 dollars 50": one sum of money."""
    joined: list[QuantityMention] = []
    for q in found:
        prev = joined[-1] if joined else None
        gap = _text(doc)[prev.end:q.start].strip().lower() if prev else ""
        if prev is not None and prev.unit == "dollar" and prev.value is not None and \
                prev.value == int(prev.value) and q.value is not None and gap in ("", "and") \
                and (q.unit == "cent" or (q.unit is None and re.fullmatch(r"\d\d", q.text))) \
                and q.value < 100 and not prev.text.startswith("$"):
            joined[-1] = prev._replace(end=q.end, text=_text(doc)[prev.start:q.end],
                                       value=prev.value + q.value / 100)
        else:
            joined.append(q)
    out: list[QuantityMention] = []
    for q in joined:
        if out and q.start < out[-1].end:
            continue  # the cents figure the sum before took in
        if cents := _cents_after(doc, q):
            end, value = cents  # "15 dollars 50", "thirteen dollars forty five"
            q = q._replace(end=end, text=_text(doc)[q.start:end], value=q.value + value / 100)
        out.append(q)
    return out


def _cents_after(doc: Doc, q: QuantityMention) -> tuple[int, float] | None:
    """The figure of cents written after whole dollars, pounds or euros named by a word
    ("15 dollars 50", "thirteen dollars forty five"): (end character, value below 100)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or q.kind != "money" or q.value is None or q.value != int(q.value) \
            or span[-1].lower_ not in CURRENCY_WORDS:
        return None
    end = span.end
    while end < len(doc) and end - span.end < 2 and doc[end].like_num \
            and "." not in doc[end].text:
        end += 1
    words = doc[span.end:end]
    value = parse_number_words(words.text) if len(words) else None
    nxt = doc[end] if end < len(doc) else None
    if value is None or not 0 < value < 100 or value != int(value) or (
            nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ in UNITS)):
        return None  # not "5 dollars 20 cents" (joined before), "10 euros 3 times"
    return words.end_char, value


def _spelling(unit: str) -> str:
    """quantulum3 mixes spellings; claimwire's units are British: "kilometer" -> "kilometre"."""
    return re.sub(r"(met|lit)er\b", r"\1re", unit).lower()


def _in_a_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the unit symbol quantulum3 read begins a capitalised name: "the 2006 FA
    Cup" (the symbol is followed by a capitalised proper noun)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    symbol = re.sub(r"^[\d.,]+", "", span[-1].text)
    nxt = doc[span.end]
    return bool(symbol) and symbol[0].isupper() and nxt.is_title and nxt.pos_ == "PROPN"


def _quantulum(sent: Span, sent_idx: int) -> Iterator[QuantityMention]:
    """Quantities with a physical unit that quantulum3 finds in a sentence."""
    from quantulum3 import classifier, parser

    # quantulum3's optional classifier breaks with scikit-learn >= 1.9 and helped no news
    # case tried: disambiguate units by its rules only, even when scikit-learn is installed.
    classifier.USE_CLF = False
    for q in parser.parse(sent.text):
        start, end = sent.start_char + q.span[0], sent.start_char + q.span[1]
        surface = _text(sent.doc)[start:end]
        words = surface.split()
        if len(words) > 2 and words[-1].lower() in STOP_WORDS:  # "300 hp at": ampere-turn
            retry = parser.parse(" ".join(words[:-1]))
            if not retry:
                continue
            q = retry[0]
            end = start + q.span[1]
            surface = _text(sent.doc)[start:end]
        if not re.search(r"\d", surface):
            continue  # "a bit pricey" is not one bit
        if q.unit.name == "dimensionless" or q.unit.entity.name in ("currency", "time") or \
                q.uncertainty or re.search(r"\d\s*(?:m|bn|k|million|billion)\b", surface.lower()):
            continue  # ranges come back as midpoints; scale words glue into units ("£480m")
        if q.unit.entity.name == "unknown" and len(q.unit.dimensions) >= 3:
            continue  # "33,049 migrant" read letter by letter: mile gross year nucleotide
        if _in_a_name(sent.doc, start, end) or re.fullmatch(r"\d{1,2}G", surface) \
                or re.match(r"\d+(?:st|nd|rd|th)\b", surface):  # "13th" is not tonne hours
            continue  # "the 2006 FA Cup" is not a femtoampere, "5G" not 5 gauss
        yield QuantityMention(start, end, surface, q.value, None, None, _spelling(q.unit.name),
                              q.unit.entity.name, None, "=", None, None, sent_idx,
                              "quantulum3")


def _may_have_unit(doc: Doc, m: QuantityMention) -> bool:
    """A count followed by something unit-like ("12 mm", "300 hp") that rules did not know."""
    if m.kind != "count" or m.unit is not None:
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    inside = [t for t in span or [] if not t.like_num and t.is_alpha]
    candidates = [*inside[-1:], *([nxt] if nxt is not None else [])]
    return any(t.is_alpha and not t.is_stop and (len(t) <= 3 or t.pos_ != "NOUN")
               for t in candidates)


def _with_units(doc: Doc, found: list[QuantityMention], lo: int, hi: int,
                ents: tuple[Span, ...], sent_of: list[int]) -> list[QuantityMention]:
    """Run quantulum3 where a number may carry a unit the rules do not know, and merge."""
    taken = [(m.start, m.end) for m in found]
    dated = [(e.start_char, e.end_char) for e in ents if e.label_ in ("DATE", "TIME")]
    dated += _phone_numbers(doc, lo, hi)
    dated += [(t.idx, t.idx + len(t)) for t in doc[lo:hi]
              if t.like_num and _part_of_name(doc, doc[t.i:t.i + 1])]  # "Game 7"
    unexplained = {sent_of[t.i] for t in doc[lo:hi] if t.like_num and not any(
        s <= t.idx < e for s, e in taken + dated)}
    unit_like = {m.sentence for m in found if _may_have_unit(doc, m)}
    sentences = list(doc.sents)
    merged = list(found)
    for idx in sorted(unexplained | unit_like):
        for q in _quantulum(sentences[idx], idx):
            if any(s < q.end and q.start < e for s, e in dated):
                continue
            overlapping = [i for i, m in enumerate(merged) if m.start < q.end and q.start < m.end]
            if not overlapping:
                span = doc.char_span(q.start, q.end, alignment_mode="expand")
                merged.append(q if span is None else q._replace(
                    change=_change_from_context(doc, span, q.change)))  # "S&P 500 +0.3%"
            elif len(overlapping) == 1 and _may_have_unit(doc, merged[overlapping[0]]) and \
                    merged[overlapping[0]].value == q.value:
                m = merged[overlapping[0]]
                start, end = min(m.start, q.start), q.end
                merged[overlapping[0]] = m._replace(
                    start=start, end=end, text=_text(doc)[start:end], unit=q.unit, kind=q.kind,
                    counted=None, source="quantulum3")
    return merged


def quantities(doclike: DocLike, *, use_quantulum: bool = True) -> Iterator[QuantityMention]:
    """Yield the quantities of ``doclike`` in document order.

    Args:
        doclike: a parsed Doc or a Span of one.
        use_quantulum: also run quantulum3 on sentences with numbers no span covered, or
            with a count followed by a unit the rules do not know.

    Yields:
        QuantityMention with character offsets into ``_text(doc)``.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    sent_of = sentence_indices(doc)
    ents = tuple(doclike.ents if isinstance(doclike, Span) else doc.ents)
    found: list[QuantityMention] = []
    lo, hi = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    for cand in _candidates(doc, ents, lo, hi):
        if not (lo <= cand.span.start < hi):
            continue
        mention = _from_span(doc, cand, sent_of)
        tries = [mention] if mention is not None or cand.is_date or cand.chars else [
            _from_span(doc, _Candidate(doc[t.i:t.i + 1], False), sent_of)
            for t in cand.span if re.search(r"\d", t.text)]  # "640bhp 5.2 litre"
        for m in tries:  # a figure found alone in a span that did not parse needs a unit
            if m is not None and (m is mention or m.unit is not None) and \
                    not any(f.start < m.end and m.start < f.end for f in found):
                found.append(m)
    phones = _phone_numbers(doc, lo, hi)
    found = [m for m in found if not any(s < m.end and m.start < e for s, e in phones)]
    found = _postposed_hedges(doc, _suspended_hyphens(doc, found, lo, hi, sent_of))
    found = _elided_units(doc, _gapped_changes(doc, _join_cents(doc, _merge_ranges(doc, found))))
    if use_quantulum:
        found = _with_units(doc, found, lo, hi, ents, sent_of)
    yield from sorted(found, key=lambda m: m.start)
