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
    load_gold,
    parse_value,
    score_sentence,
    value_match,
)


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

