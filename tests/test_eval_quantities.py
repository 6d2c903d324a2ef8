"""The NewsQuant scorer on hand-made gold (the floors on the real gold: test_quality.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.eval_quantities import (
    Item,
    Row,
    Tally,
    _rows,
    claimwire_items,
    evaluate_quantities,
    load_gold,
    parse_value,
    score_sentence,
    value_match,
)
from pipeline.nlp import parse_texts


def test_parse_value() -> None:
    assert parse_value("800000000.0") == 8e8
    assert parse_value("252.0-287.0") == (252.0, 287.0)
    assert parse_value("-5.0") == -5.0
    assert parse_value("1.99E-29") == pytest.approx(1.99e-29)
    assert parse_value("-130.0--120.0") == (-130.0, -120.0)


def test_value_match_is_numpy_isclose_and_ranges_match_only_ranges() -> None:
    assert value_match(100.0, 100.0009)  # within rtol 1e-5
    assert not value_match(100.0, 100.01)
    assert value_match((5.0, 6.0), (5.0, 6.0))
    assert not value_match((5.0, 6.0), (6.0, 5.0))
    assert not value_match((5.0, 6.0), 5.5)
    assert not value_match(5.5, (5.0, 6.0))


def test_scorer_counts_like_the_paper() -> None:
    gold = [Item(400_000.0, "people", "~"), Item(25.0, "percentage", "down")]
    predicted = [Item(400_000.0, "-", "~"), Item(400_000.0, "people", "="),
                 Item(25.0, "percentage", "down"), Item(7.0, "-", "=")]
    tally = score_sentence(gold, predicted)
    # 400,000: value TP once; the wrong-unit match keeps scanning, so change counts on the
    # first prediction and unit on the second. 25%: all three.
    assert (tally.value, tally.unit, tally.change) == (2, 2, 2)
    assert (tally.predicted, tally.gold) == (4, 2)


def test_scorer_caps_value_but_not_change() -> None:
    gold = [Item(3.0, "year", "=")]
    predicted = [Item(3.0, "-", "="), Item(3.0, "month", "="), Item(3.0, "year", "=")]
    tally = score_sentence(gold, predicted)
    assert (tally.value, tally.unit, tally.change) == (1, 1, 3)  # change is not capped


def test_rows_give_exact_precision_recall_f1() -> None:
    tally = Tally()
    for gold, predicted in [
        ([Item(5.0, "kilogram", "=")], [Item(5.0, "kilogram", "="), Item(9.0, "-", "=")]),
        ([Item((1.0, 2.0), "mile", "="), Item(4.0, "percentage", "up")],
         [Item((1.0, 2.0), "kilometre", "="), Item(4.0, "percentage", "=")]),
        ([], [Item(1.0, "-", "=")]),
    ]:
        tally.add(score_sentence(gold, predicted))
    assert (tally.value, tally.unit, tally.change, tally.predicted, tally.gold) == (3, 2, 2, 5, 3)
    rows = {r.metric: r for r in _rows("x", "toy", tally, ("value", "value+unit",
                                                              "value+change"))}
    assert rows["value"] == Row("x", "toy", "value", 60.0, 100.0, 75.0)
    assert rows["value+unit"] == Row("x", "toy", "value+unit", 40.0, 66.7, 50.0)
    assert rows["value+change"][3:] == (40.0, 66.7, 50.0)


def test_load_gold_reads_newsquant_format(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([
        {"text": "Up 5 to 6 kg.", "quantities": [
            {"value": "5.0-6.0", "unit": "kg", "normalized_unit": "Kilogram", "change": "up",
             "referred_concepts": "-"}]},
        {"text": "Nothing here.", "quantities": []},
    ]), encoding="utf-8")
    assert load_gold(path) == [("Up 5 to 6 kg.", [Item((5.0, 6.0), "kilogram", "up")]),
                               ("Nothing here.", [])]



@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        # a vague plural: NewsQuant lets the bounds carry the vagueness
        ("There are tens of thousands of students at the university.",
         Item((1e4, 1e5), "student", "=")),
        # pence in pence, named as NewsQuant names them
        ("Its shares were trading at 118.5p on Monday.", Item(118.5, "point", "=")),
        ("The bid was 470 pence a share.", Item(470.0, "penny per share", "=")),
        # "times" is a count in NewsQuant
        ("The stock trades on 1.4 times book value.", Item(1.4, "count", "=")),
        # a fraction's unit is "%" and the whole it is part of
        ("A third of the population lives in the south.", Item(1 / 3, "% population", "=")),
        # a count's unit is its noun phrase: modifiers kept, participles dropped
        ("As many as 14 first-team players left the club.",
         Item(14.0, "first-team player", "<")),
        ("Among his approximately 300 recorded songs were hits.", Item(300.0, "song", "~")),
        ("It remains one of the best screens in its range.", Item(1.0, "good screen", "=")),
        ("The labs provide three thousand tests per day.", Item(3000.0, "test per day", "=")),
        ("He netted a record 32 goals this season.", Item(32.0, "record goal", "=")),
        # the phrase runs to its head by the parse ("member" is a compound of "agreement"),
        # but a unit is not a modifier
        ("The 11 member trade agreement covers much of the economy.",
         Item(11.0, "member trade agreement", "=")),
        ("It cost 50 dollar rmb.", Item(50.0, "dollar", "=")),
        ("He averaged 25 points per game last season.", Item(25.0, "point per game", "~")),
        # a range written high to low keeps text order; a range that is a change does not
        ("He dropped from 208 kg to 193 kg by exercising.", Item((208.0, 193.0), "kilogram",
                                                                "down")),
        ("Temperatures dropped by 1 to 1.5 degrees Celsius.", Item((1.0, 1.5), "celsius",
                                                                   "down")),
        # a score is in text order, a tie one figure
        ("At 2-0 down they kept going.", Item((2.0, 0.0), "-", "=")),
        ("The game was tied at 3-3 at half-time.", Item(3.0, "-", "=")),
        # a restated fall written low to high stays low to high
        ("Temperatures dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit).",
         Item((1.8, 2.7), "fahrenheit", "down")),
    ],
)
def test_claimwire_items_in_newsquant_terms(nlp, sentence: str, item: Item) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    assert item in claimwire_items(doc)


def test_evaluate_scores_held_out_subsets_whole(nlp, tmp_path: Path) -> None:
    def write(path: Path, sentences: list[tuple[str, list[tuple[str, str]]]]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([
            {"text": text, "quantities": [{"value": v, "normalized_unit": u} for v, u in qs]}
            for text, qs in sentences]), encoding="utf-8")

    write(tmp_path / "NewsQuant.json", [("Sales rose 4% last year.", [("4", "percentage")])])
    subsets = tmp_path / "recognizers_text_subsets"
    write(subsets / "currency-model.json", [("It cost $5 million.", [("5000000", "dollar")])])
    write(subsets / "age-model.json", [("The driver, aged 40, was unhurt.", [])])
    write(subsets / "dimension-model.json", [("The road is 12 miles long.", [("12", "mile")])])
    write(subsets / "temperature-model.json", [("It was 30C in Rome.", [("30", "celsius")])])
    rows = evaluate_quantities(nlp, tmp_path, with_quantulum=False)
    datasets = {r.dataset for r in rows}
    assert {"dimension", "temperature", "age", "currency:test", "newsquant:dev"} <= datasets
    assert not {"dimension:dev", "age:test"} & datasets  # held out: one row each
    scores = {(r.dataset, r.metric): r.f1 for r in rows}
    assert scores["dimension", "value+unit"] == 100.0
    assert scores["temperature", "value+unit"] == 100.0


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        # a participle hyphenated into a compound is kept; words of quantity are not
        ("The city has 14 Michelin-starred restaurants.",
         Item(14.0, "michelin-starred restaurant", "=")),
        ("The state hired 20,000 more police officers.", Item(20000.0, "police officer", "=")),
        # a regular plural the lemmatizer gets wrong
        ("The country received 1.2 million doses of the vaccine.", Item(1.2e6, "dose", "=")),
    ],
)
def test_count_units_as_noun_phrases(nlp, sentence: str, item: Item) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    assert item in claimwire_items(doc)
