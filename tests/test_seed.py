"""The seed article's facts, end to end through the CLI's JSON output, on both databases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import SEED

pytestmark = pytest.mark.usefixtures("prefect_harness")


def run(db_url: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db_url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--format" in args else result.stdout


@pytest.fixture
def seeded(db_url: str) -> str:
    """A database holding the seed, ingested through ``claimwire ingest`` (the Prefect flow)."""
    summary = run(db_url, "ingest", str(SEED), "--published", "2023-04-24",
                  "--source", "DailyMail.co.uk", "--format", "json")
    assert (summary["read"], summary["stored"]) == (1, 1)
    return db_url


def test_seed_article_metadata(seeded: str) -> None:
    (article,) = run(seeded, "articles", "--format", "json")
    assert article["published"] == "2023-04-24"
    assert article["source"] == "DailyMail.co.uk"
    assert article["status"] == "stored"


def test_seed_entities(seeded: str) -> None:
    mentions = run(seeded, "mentions", "--format", "json")
    by_label: dict[str, set[str]] = {}
    for m in mentions:
        by_label.setdefault(m["label"], set()).add(m["text"])
    assert {"Robert Jenrick", "Rishi Sunak"} <= by_label["PERSON"]
    places = by_label["GPE"] | by_label["LOC"]
    assert {"Italy", "Mediterranean", "North Africa", "France", "Albania", "Tunisia", "Algeria",
            "Libya", "Rwanda", "UK", "English Channel"} <= places
    assert {"National Crime Agency", "Home Office"} <= by_label["ORG"]
    assert "Migration Bill" not in by_label["PERSON"]
    assert "Jenrick" not in by_label["ORG"]


def test_seed_money_and_numbers(seeded: str) -> None:
    quantities = run(seeded, "quantities", "--format", "json")
    money = [q for q in quantities if q["currency"] == "GBP"]
    assert [(q["text"], q["value"]) for q in money] == [("£480million", 480_000_000)]
    values = {q["value"] for q in quantities} | {q["high"] for q in quantities}
    assert {400_000, 80_000, 7_569} <= values
    (percent,) = [q for q in quantities if q["text"].startswith("25 per cent")]
    assert (percent["value"], percent["unit"]) == (25, "percentage")


def test_seed_dates_resolve_against_publication(seeded: str) -> None:
    dates = {m["text"]: m for m in run(seeded, "mentions", "--label", "DATE", "--format", "json")}
    assert dates["next month"]["resolved"] == "2023-05"
    assert dates["this year"]["resolved"] == "2023"
    assert dates["today"]["resolved"] == "2023-04-24"
    assert dates["today"]["anchor"] == "published"


def test_seed_repeated_quote_stored_once_and_footer_not_a_sentence(seeded: str) -> None:
    sentences = run(seeded, "sentences", "--format", "json")
    quote = [s for s in sentences if s["text"].startswith("Immigration minister Robert Jenrick")]
    assert len(quote) == 1
    assert quote[0]["repeats"] == 3
    assert not any("Read more" in s["text"] or "***" in s["text"] for s in sentences)


def test_reingesting_changes_nothing(seeded: str) -> None:
    before = [run(seeded, cmd, "--format", "json") for cmd in ("articles", "mentions",
                                                                 "quantities", "sentences")]
    summary = run(seeded, "ingest", str(SEED), "--published", "2023-04-24", "--format", "json")
    assert (summary["stored"], summary["duplicates"]) == (0, 1)
    after = [run(seeded, cmd, "--format", "json") for cmd in ("articles", "mentions",
                                                                "quantities", "sentences")]
    assert after == before


def test_seed_claims_and_quotes(seeded: str) -> None:
    italy = run(seeded, "claims", "--speaker", "Italian government", "--format", "json")
    some = next(c for c in italy if c["text"] == "some 400,000")
    assert (some["value"], some["change"], some["modality"]) == (400_000, "~", "prediction")
    assert (some["period"], some["place"], some["subject"]) == ("2023", "Italy", "people")
    times = run(seeded, "claims", "--speaker", "The Times", "--format", "json")
    assert [(c["value"], c["place"], c["period"]) for c in times] == [(80_000, "Italy",
                                                                        "2023-Q1")]
    crossings = run(seeded, "claims", "--place", "English Channel", "--format", "json")
    fall = next(c for c in crossings if c["text"] == "25 per cent")
    assert (fall["change"], fall["compared_with"]) == ("down", "the same period last year")
    assert 7_569 in {c["value"] for c in crossings}
    pledge = next(c for c in run(seeded, "claims", "--unit", "GBP", "--format", "json"))
    assert (pledge["subject"], pledge["predicate"], pledge["place"]) == ("UK", "pledge",
                                                                          "France")
    quotes = run(seeded, "quotes", "--speaker", "Jenrick", "--format", "json")
    assert [q["kind"] for q in quotes] == ["direct", "continuation", "partial"]
    assert {q["speaker"] for q in quotes} == {"Robert Jenrick"}
    sunak = run(seeded, "mentions", "--text", "Rishi Sunak", "--format", "json")
    assert sunak[0]["role"] == "Prime Minister"
