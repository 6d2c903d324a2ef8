"""The PolNeAR loader reads any split folder: no metadata needed, one annotator per article."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.eval_quotes import load_gold

TEXT = "Mayor Jones said the bridge would reopen."
ANN = ("T1\tSource 0 11\tMayor Jones\nT2\tCue 12 16\tsaid\n"
       "T3\tContent 17 40\tthe bridge would reopen\n"
       "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")


def write_split(root: Path) -> None:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "local_2016-01-01_bridge.txt").write_text(TEXT, encoding="utf-8")
    for annotator, source in (("a1", "0 11"), ("b2", "6 11")):  # two annotators, a1 first
        (root / "attributions" / f"local_2016-01-01_bridge_{annotator}.ann").write_text(
            ANN.replace("0 11", source), encoding="utf-8")
    # an annotation whose text was not copied is skipped, not an error
    (root / "attributions" / "local_2016-01-02_missing_a1.ann").write_text(ANN, encoding="utf-8")


def test_load_gold_without_metadata(tmp_path: Path) -> None:
    write_split(tmp_path)
    (article,) = load_gold(tmp_path)
    assert article.name == "local_2016-01-01_bridge"
    assert article.spans["source"] == [(0, 11)]  # the first annotator by id
    assert article.spans["cue"] == [(12, 16)]


def test_load_gold_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "attributions").mkdir()
    with pytest.raises(ValueError, match="no PolNeAR articles"):
        load_gold(tmp_path)


def test_agreement_scores_annotators_against_each_other(nlp, tmp_path: Path) -> None:
    from pipeline.eval_quotes import agreement, multiply_annotated, scores

    write_split(tmp_path)
    gold = load_gold(tmp_path)
    assert set(multiply_annotated(tmp_path, [a.name for a in gold])) == {gold[0].name}
    totals = agreement([nlp(a.text) for a in gold], gold, tmp_path)
    people = totals["annotator agreement"]
    # a1 and b2 differ only on the source ("Mayor Jones" against "Jones"): cue and content
    # agree exactly both ways, the source never does; its tokens overlap 1 of 2 one way and
    # 1 of 1 the other: 2 of 3 predicted tokens, and 2 of 3 gold tokens
    assert scores(people["cue"])["exact"].f1 == 100.0
    assert scores(people["source"])["exact"].f1 == 0.0
    overlap = scores(people["source"])["overlap"]
    assert (overlap.precision, overlap.recall) == (pytest.approx(200 / 3), pytest.approx(200 / 3))
    assert set(totals) == {"annotator agreement", "claimwire, same articles"}
