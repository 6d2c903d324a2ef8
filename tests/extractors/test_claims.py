"""Claims on the seed article: the figures with subject, period, place, speaker, modality."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.claims import claims
from extractors.dates import dates
from extractors.quantities import quantities
from extractors.quotes import quotations
from pipeline.articles import read_paths
from pipeline.nlp import parse_texts
from tests.conftest import SEED

PUBLISHED = dt.date(2023, 4, 24)


@pytest.fixture(scope="module")
def seed_claims(nlp):
    article = next(read_paths([SEED]))
    doc = next(parse_texts(nlp, [article.text]))
    return list(claims(doc, quantities=quantities(doc), dates=dates(doc, anchor=PUBLISHED),
                       attributions=quotations(doc)))


def test_italian_prediction(seed_claims) -> None:
    (claim, *_) = [c for c in seed_claims if c.quantity.text == "some 400,000"]
    assert claim.quantity.value == 400_000 and claim.quantity.change == "~"
    assert (claim.attributed_to, claim.modality) == ("Italian government", "prediction")
    assert (claim.subject, claim.predicate) == ("people", "reach")
    assert claim.period.timex == "2023"
    assert claim.place == "Italian"  # canonicalised to Italy when stored


def test_times_report(seed_claims) -> None:
    (claim,) = [c for c in seed_claims if c.quantity.value == 80_000]
    assert (claim.attributed_to, claim.cue) == ("Times", "reports")
    assert (claim.predicate, claim.place) == ("come", "Italy")
    assert claim.period.text == "the first three months of this year"


def test_channel_crossings_and_comparison(seed_claims) -> None:
    (crossings,) = [c for c in seed_claims if c.quantity.value == 7_569]
    assert crossings.place == "English Channel"
    assert crossings.period.timex == "2023"
    (fall,) = [c for c in seed_claims if c.quantity.text.startswith("25 per cent")]
    assert fall.quantity.change == "down"
    assert fall.compared_with.text == "the same period last year"


def test_uk_pledge(seed_claims) -> None:
    (pledge,) = [c for c in seed_claims if c.quantity.currency == "GBP"]
    assert (pledge.subject, pledge.predicate, pledge.place) == ("UK", "pledge", "France")
    assert pledge.modality == "plan"


def test_italian_prediction_in_the_bullet(seed_claims) -> None:
    # "Italy predicts up to 400,000 migrants could cross Mediterranean to its shores"
    (claim,) = [c for c in seed_claims if c.quantity.text == "up to 400,000"
                and c.cue == "predicts"]
    assert (claim.attributed_to, claim.modality) == ("Italian government", "prediction")
    assert (claim.subject, claim.predicate, claim.place) == ("migrants", "cross", "Italy")
    assert claim.quantity.high == 400_000 and claim.quantity.change == "<"
