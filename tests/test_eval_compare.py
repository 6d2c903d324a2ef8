"""The comparison scorer on toy data, and pinned floors on a small GVA sample (../shared)."""

from __future__ import annotations

from pathlib import Path

from pipeline.eval_compare import (
    DEFAULT_CORPUS,
    bcubed_scores,
    evaluate_compare,
    load_sample,
    pairwise_scores,
)
from tests.conftest import needs_shared

#: Events in the pinned sample (the first of the SHA-1 order), and the floors they hold:
#: one event (2.5 points) below what was measured on 1 December 2026 (pairwise F1 96.2,
#: killed 92.5, injured 90.0; a missing consensus scored as a miss).
SAMPLE = 40
FLOORS = {"pairwise_f1": 95.0, "killed_exact": 90.0, "injured_exact": 87.5}


def test_pairwise_scores_count_pairs() -> None:
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    predicted = {1: 1, 2: 1, 3: 3, 4: 3}
    # predicted pairs (1,2) (3,4); gold pairs (1,2) (1,3) (2,3): 1 of 2 right, 1 of 3 found
    assert pairwise_scores(predicted, gold) == (50.0, 33.3, 40.0)
    assert pairwise_scores(gold, gold) == (100.0, 100.0, 100.0)


def test_bcubed_scores_per_item() -> None:
    gold = {1: "a", 2: "a", 3: "b"}
    assert bcubed_scores({1: 1, 2: 1, 3: 1}, gold) == (55.6, 100.0, 71.4)
    assert bcubed_scores({1: 1, 2: 2, 3: 3}, gold) == (100.0, 66.7, 80.0)


@needs_shared
def test_sample_is_deterministic_multi_outlet_events() -> None:
    first, again = load_sample(DEFAULT_CORPUS, 5), load_sample(DEFAULT_CORPUS, 12)
    assert again.events[:5] == first.events  # a longer sample extends a shorter one
    for event in first.events:
        outlets = {a.source for a in first.articles.values() if a.event_id == event}
        assert len(outlets) >= 2
        assert set(first.counts[event]) == {"killed", "injured"}


@needs_shared
def test_eval_compare_floors_on_a_small_sample(nlp, tmp_path: Path) -> None:
    from pipeline.store import open_db

    engine = open_db(f"sqlite:///{tmp_path / 'eval.db'}")
    report = evaluate_compare(engine, DEFAULT_CORPUS, SAMPLE)
    assert report.events == SAMPLE
    assert report.stored == report.articles  # every sampled article was stored and scored
    assert report.pairwise[2] >= FLOORS["pairwise_f1"]
    assert report.accuracy("killed")["exact"] >= FLOORS["killed_exact"]
    assert report.accuracy("injured")["exact"] >= FLOORS["injured_exact"]
    for d in report.disagreements:  # each disagreement shows the sentences behind it
        assert len(d["sentences"]) >= 2
    engine.dispose()


def test_empty_report_scores_nothing() -> None:
    from pipeline.eval_compare import Report

    report = Report(events=0, articles=0, stored=0, pairwise=(0.0, 0.0, 0.0),
                    bcubed=(0.0, 0.0, 0.0), predicted_events=0, figures=[], disagreements=[])
    assert report.accuracy("killed") == {"events": 0, "exact": 0.0, "mae": 0.0,
                                         "with_figure": 0}


def test_a_missing_consensus_is_a_miss_even_when_gva_records_zero() -> None:
    from pipeline.eval_compare import EventFigures, Report

    rows = [EventFigures("e1", "injured", 0, 0.0, {}, "unclear"),  # an implied 0: a match
            EventFigures("e2", "injured", 0, None, {}, None),  # nothing read: a miss
            EventFigures("e3", "injured", 2, 1.0, {}, "agree")]
    report = Report(events=3, articles=6, stored=6, pairwise=(0.0, 0.0, 0.0),
                    bcubed=(0.0, 0.0, 0.0), predicted_events=3, figures=rows,
                    disagreements=[])
    assert report.accuracy("injured") == {"events": 3, "exact": 33.3, "mae": 0.333,
                                          "with_figure": 2}


@needs_shared
def test_split_halves_partition_the_sample() -> None:
    from pipeline.eval_compare import split_of

    sample = load_sample(DEFAULT_CORPUS, 60)
    dev, test = sample.part("dev"), sample.part("test")
    assert sample.part("all") is sample
    assert sorted(dev.events + test.events) == sorted(sample.events)
    assert dev.events and test.events  # both halves are populated
    assert all(split_of(e) == "dev" for e in dev.events)
    assert set(dev.articles) | set(test.articles) == set(sample.articles)
    assert not set(dev.articles) & set(test.articles)
