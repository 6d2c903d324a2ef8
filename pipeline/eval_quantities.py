"""Score quantity extraction on NewsQuant the way the CQE paper does (value, unit, change).

The gold files are read in place from ``../shared/eval/newsquant`` and never copied. The
scorer follows the README's description of the paper's procedure, quirks included:

* a prediction is ``(value or (low, high), normalized unit, change)``; values match with
  ``numpy.isclose(rtol=1e-5, atol=1e-8)``; a range matches only a range, both ends;
* gold items are walked in unit order; the first value match of a gold item is one value
  TP (capped at the number of gold items in the sentence); every value match with an equal
  change is a value+change TP (uncapped); a match with an equal unit is a value+unit TP
  and uses the prediction up; a match with another unit leaves it in the pool;
* P = TP / predictions, R = TP / gold items, over the whole corpus.

quantulum3 is scored in the same run, with gold ranges averaged (it returns midpoints), as
the paper did. Sentences are split into a "dev" half (even index) and a "test" half (odd):
claimwire's rules were developed looking at dev errors only; both halves are reported.

As the paper did for every system, claimwire's output is written in NewsQuant's terms
before the exact comparison (general mappings, never per sentence):

* unit names: ``CLAIMWIRE_UNITS`` ("degree celsius" is "celsius", "times" is "count");
* a count's unit is its noun phrase: modifiers and adjective lemmas kept ("first-team
  player", "record goal", "good screen" for "one of the best screens"), participles
  dropped ("song" for "recorded songs") unless hyphenated into a compound
  ("michelin-starred restaurant"), words of quantity dropped ("police officer" for "more
  police officers"), a rate kept ("test per day", "point per game"),
  and run to the phrase's head by the dependency parse when the counted noun is a
  compound ("member trade agreement" for "11 member trade agreement"; never past a unit
  or currency word);
* a fraction's unit is "%" and the whole it is part of ("% population", or "% -");
* pence (stored as pounds) are given in pence, as "penny" ("470 pence") or, for the "p" of
  share prices, "point" ("118.5p"), the names NewsQuant uses;
* a vague plural range ("tens of thousands", change "~" in claimwire) is change "=";
* a range written high to low ("from 208 to 193") is in text order; a falling range
  written low to high ("(1.8 to 2.7 Fahrenheit)") stays low to high.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Token

from extractors.quantities import lemma, quantities, rate_after
from extractors.types import QuantityMention
from extractors.units import CURRENCY_WORDS, UNITS

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "newsquant"
_RANGE = re.compile(r"^(-?[\d.]+(?:e[-+]?\d+)?)\s*-\s*(-?[\d.]+(?:e[-+]?\d+)?)$",
                    re.IGNORECASE)
#: quantulum3 unit names -> NewsQuant's vocabulary (the paper mapped each system likewise).
QUANTULUM_UNITS = {
    "dimensionless": "-", "united states dollar": "dollar", "euro": "euro",
    "pound sterling": "pound sterling", "percentage": "percentage", "year": "year",
    "japanese yen": "japanese yen", "renminbi": "chinese yuan", "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit", "cent": "cent", "australian dollar": "australian dollar",
    "canadian dollar": "canadian dollar", "hong kong dollar": "hong kong dollar",
    "swiss franc": "swiss franc", "indian rupee": "rupee", "mile per hour": "mile per hour",
    "kilometre per hour": "kilometre per hour", "degree angle": "degree",
}
#: claimwire unit names -> NewsQuant's vocabulary where they differ ("6.5 times
#: earnings" is a "count" in NewsQuant).
CLAIMWIRE_UNITS = {
    "degree celsius": "celsius", "degree fahrenheit": "fahrenheit", "indian rupee": "rupee",
    "percentage point": "percentage", "times": "count", "fraction": "-",
}
#: A vague plural ("tens of thousands"): claimwire marks it "~", NewsQuant lets the bounds
#: carry the vagueness and writes "=".
_VAGUE_WORDS = re.compile(r"\b(?:tens|dozens|scores|hundreds|thousands|millions|billions)\b",
                          re.IGNORECASE)
#: Pence: claimwire stores them as pounds (12p is 0.12 GBP); NewsQuant keeps the figure in
#: pence and names the unit "penny" ("470 pence") or, for the "p" of share prices, "point".
_PENCE = re.compile(r"\d\s*(?:(?P<p>p)|pence)\b", re.IGNORECASE)

#: Recognizers-Text subsets no rule was developed on: held-out checks, scored whole.
HELD_OUT = ("age", "dimension", "temperature")

Value = float | tuple[float, float]


class Item(NamedTuple):
    """One quantity, gold or predicted, in the scorer's terms."""

    value: Value
    unit: str
    change: str


@dataclass(slots=True)
class Tally:
    """True positives by criterion, and the counts P and R divide by."""

    value: int = 0
    unit: int = 0
    change: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        """Sum ``other`` into this tally."""
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def parse_value(text: str) -> Value:
    """A gold value string: ``"800000000.0"`` or a range ``"252.0-287.0"``."""
    if m := _RANGE.match(text.strip()):
        return float(m[1]), float(m[2])
    return float(text)


def _close(a: float, b: float) -> bool:
    """Equal within a relative 1e-5: numpy.isclose's test (relative to the gold ``b``) or
    math.isclose's symmetric one, whichever accepts."""
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8) or abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def value_match(gold: Value, predicted: Value) -> bool:
    """Values equal within a relative 1e-5 (:func:`_close`); a range matches only a range,
    both ends."""
    if isinstance(gold, tuple) != isinstance(predicted, tuple):
        return False
    if isinstance(gold, tuple):
        return _close(predicted[0], gold[0]) and _close(predicted[1], gold[1])
    return _close(predicted, gold)


def score_sentence(gold: Sequence[Item], predicted: Sequence[Item]) -> Tally:
    """The paper's matching for one sentence."""
    tally = Tally(predicted=len(predicted), gold=len(gold))
    pool = list(predicted)
    for g in sorted(gold, key=lambda item: item.unit):
        matched = False
        for p in list(pool):
            if not value_match(g.value, p.value):
                continue
            if not matched:
                tally.value += 1
                matched = True
            if p.change == g.change:
                tally.change += 1
            if p.unit == g.unit:
                tally.unit += 1
                pool.remove(p)
                break
    tally.value = min(tally.value, len(gold))
    return tally


def load_gold(path: Path) -> list[tuple[str, list[Item]]]:
    """Sentences and their gold items from a NewsQuant-format JSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (s["text"], [Item(parse_value(q["value"]), q["normalized_unit"].lower(),
                          q.get("change", "="))
                     for q in s["quantities"]])
        for s in data
    ]


def _noun_unit(doc: Doc, q: QuantityMention) -> str | None:
    """NewsQuant writes a count's unit as its noun phrase, modifiers kept, the head
    singular and adjectives lemmatised ("first-team player", "good screen" for "one of the
    best screens"), participles dropped ("song" for "recorded songs"), a rate kept ("test
    per day"). claimwire keeps only the head lemma as ``counted``: rebuild the phrase."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or q.counted is None:
        return None
    i = span.end
    if i < len(doc) and doc[i].lower_ == "of":  # "one of the best wireless speakers"
        i += 1
        while i < len(doc) and doc[i].pos_ == "DET":
            i += 1
    words: list[str] = []
    for token in doc[i:i + 6]:
        if token.ent_type_ in ("DATE", "TIME") or (token.like_num and token.pos_ == "NUM"):
            return None
        if lemma(token) == q.counted and token.pos_ in ("NOUN", "PROPN"):
            j = span.start - 1
            while j >= 0 and doc[j].pos_ in ("ADJ", "NOUN") and doc[j].head == token \
                    and not doc[j].like_num:  # "a record 32 goals", "the top three seeds"
                words.insert(0, doc[j].lemma_.lower() if doc[j].pos_ == "ADJ" else doc[j].lower_)
                j -= 1
            head = token if q.counted in CURRENCY_WORDS or q.counted in UNITS \
                else _phrase_head(token)  # not "50 dollar rmb"
            if head is not token:  # "11 member trade agreement": the phrase runs to its head
                words.append(token.lower_)
                words += [t.lemma_.lower() if t.pos_ == "ADJ" else t.lower_
                          for t in doc[token.i + 1:head.i] if t.pos_ in ("ADJ", "NOUN", "PROPN")]
                token, counted = head, lemma(head)
            else:
                counted = q.counted
            phrase = " ".join([*words, counted]).replace(" - ", "-")
            rate = rate_after(doc, token.i + 1)
            return f"{phrase} per {rate[1]}" if rate else phrase
        if token.text == "-" and words and not token.whitespace_:
            words.append("-")  # "first-team"
        elif token.lower_ in ("more", "most", "fewer"):
            continue  # "20,000 more police officers": a word of quantity, not of the thing
        elif words and words[-1] == "-":
            words.append(token.lower_)  # "Michelin-starred": a participle in a compound
        elif token.pos_ == "ADJ":
            words.append(token.lemma_.lower())
        elif token.pos_ in ("NOUN", "PROPN"):
            words.append(token.lower_)
        elif not (token.pos_ == "VERB" or (
                words and token.pos_ == "CCONJ")):  # "Kia and Hyundai vehicles"
            return None
    return None


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a counted noun modifies, by the dependency parse: in "11
    member trade agreement" "member" is a compound of "agreement". Only rightward, through
    nouns and adjectives, so the phrase stays contiguous."""
    while token.dep_ == "compound" and token.head.i > token.i \
            and token.head.pos_ in ("NOUN", "PROPN") \
            and token.head.ent_type_ not in ("DATE", "TIME") and all(
                t.pos_ in ("ADJ", "NOUN", "PROPN") and not t.like_num
                for t in token.doc[token.i + 1:token.head.i]):
        token = token.head
    return token


def _fraction_of(doc: Doc, q: QuantityMention) -> str:
    """NewsQuant writes a fraction's unit as "%" and the whole it is part of: "a third of the
    population" is "% population", "one out of three Germans" "% germans"; or "% -"."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    words: list[str] = []
    for token in doc[span.end:span.end + 8] if span is not None else []:
        if token.pos_ == "CCONJ" or (not words and (
                token.lower_ in ("of", "m", "million", "billion")
                or token.pos_ in ("DET", "NUM", "VERB"))):
            continue  # "two-thirds of the combined 4.3M digital and physical sales"
        if token.pos_ not in ("ADJ", "NOUN", "PROPN"):
            break
        words.append(token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_)
    return " ".join(words) or "-"


def _scaled(value: Value, factor: float) -> Value:
    """A value or both ends of a range times ``factor``."""
    return (value[0] * factor, value[1] * factor) if isinstance(value, tuple) \
        else value * factor


def claimwire_items(doc: Doc) -> list[Item]:
    """claimwire's quantities of a sentence as scorer items."""
    items = []
    for q in quantities(doc):
        if q.value is not None:
            value: Value = q.value
        elif q.low is not None and q.high is not None:  # also "tens of thousands"
            # NewsQuant writes a range in text order: "from 208 to 193" and the score
            # "2-0" are (208, 193) and (2, 0), but "dropped by 1 to 1.5 degrees" (a fall by
            # a range) is (1, 1.5); a tie ("2-2") is one figure
            by = doc.text[:q.start].rstrip().lower().endswith(" by")
            figures = [float(f.replace(",", "")) for f in re.findall(r"\d[\d,]*(?:\.\d+)?", q.text)]
            falling = len(figures) > 1 and figures[0] > figures[-1]  # as written
            score = q.unit is None and re.fullmatch(r"\d+[-–]\d+", q.text)  # "2-0"
            value = (q.high, q.low) if falling and not by and (q.change == "down" or score) \
                else (q.low, q.high)
            if q.low == q.high:
                value = q.low  # "tied at 2-2": one figure
        else:
            value = q.high if q.high is not None else q.low
        change = q.change
        if change == "~" and isinstance(value, tuple) and _VAGUE_WORDS.search(q.text):
            change = "="
        if q.kind == "count" and q.unit and " per " in q.unit:
            unit = q.unit  # "25 points per game"
        elif q.kind == "count":
            unit = _noun_unit(doc, q) or q.counted or "-"
        elif q.unit == "fraction":
            unit = f"% {_fraction_of(doc, q)}"
        elif q.currency == "GBP" and (pence := _PENCE.search(q.text)):
            value = _scaled(value, 100)
            unit = (q.unit or "").replace("pound sterling", "point" if pence["p"] else "penny")
        else:
            unit = CLAIMWIRE_UNITS.get(q.unit or "-", q.unit or "-")
        items.append(Item(value, unit, change))
    return items


def quantulum_items(text: str) -> list[Item]:
    """Raw quantulum3 (rules only, no classifier) as scorer items."""
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False
    items = []
    for q in parser.parse(text):
        unit = QUANTULUM_UNITS.get(q.unit.name, q.unit.name)
        items.append(Item(q.value, unit, "="))
    return items


def _midpoints(items: list[Item]) -> list[Item]:
    return [i._replace(value=(i.value[0] + i.value[1]) / 2) if isinstance(i.value, tuple)
            else i for i in items]


class Row(NamedTuple):
    """One line of the results table."""

    system: str
    dataset: str
    metric: str
    precision: float
    recall: float
    f1: float


def _rows(system: str, dataset: str, tally: Tally, metrics: Iterable[str]) -> list[Row]:
    rows = []
    for metric in metrics:
        tp = getattr(tally, {"value": "value", "value+unit": "unit",
                             "value+change": "change"}[metric])
        p = 100 * tp / tally.predicted if tally.predicted else 0.0
        r = 100 * tp / tally.gold if tally.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(Row(system, dataset, metric, round(p, 1), round(r, 1), round(f, 1)))
    return rows


def evaluate_quantities(nlp: Language, gold_dir: Path = DEFAULT_GOLD, *,
                        with_quantulum: bool = True) -> list[Row]:
    """Score claimwire (and raw quantulum3) on NewsQuant and the Recognizers-Text subsets
    (currency; age, dimension and temperature as held-out checks)."""
    from pipeline.nlp import parse_texts

    subsets = gold_dir / "recognizers_text_subsets"
    datasets = {
        "newsquant": (load_gold(gold_dir / "NewsQuant.json"),
                      ("value", "value+unit", "value+change")),
        **{name: (load_gold(subsets / f"{name}-model.json"), ("value", "value+unit"))
           for name in ("currency", *HELD_OUT)},
    }
    systems: dict[str, Callable[[str, Doc], list[Item]]] = {
        "claimwire": lambda _text, doc: claimwire_items(doc)}
    if with_quantulum:
        systems["quantulum3"] = lambda text, _doc: quantulum_items(text)
    rows: list[Row] = []
    for dataset, (gold, metrics) in datasets.items():
        docs = parse_texts(nlp, (text for text, _ in gold))
        tallies = {(name, part): Tally() for name in systems for part in ("all", "dev", "test")}
        for i, ((text, items), doc) in enumerate(zip(gold, docs, strict=True)):
            part = "dev" if i % 2 == 0 else "test"
            for name, system in systems.items():
                reference = _midpoints(items) if name == "quantulum3" else items
                tally = score_sentence(reference, system(text, doc))
                tallies[name, "all"].add(tally)
                tallies[name, part].add(tally)
        for (name, part), tally in tallies.items():
            if part != "all" and dataset in HELD_OUT:
                continue  # nobody developed on these: one row each
            label = dataset if part == "all" else f"{dataset}:{part}"
            metric_names = metrics if name == "claimwire" else \
                tuple(m for m in metrics if m != "value+change")
            rows += _rows(name, label, tally, metric_names)
    return rows

