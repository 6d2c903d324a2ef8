"""Canonical entities: countries with ISO codes, place kinds, people by their fullest name."""

from __future__ import annotations

import pytest

from pipeline.canonical import CanonicalEntity, canonicalise, name_key


@pytest.mark.parametrize("name", ["UK", "the UK", "Britain", "United Kingdom", "Britain’s"])
def test_one_country_many_names(name: str) -> None:
    assert canonicalise("GPE", name) == CanonicalEntity("country", "United Kingdom", "GB")


@pytest.mark.parametrize(
    ("label", "text", "expected"),
    [
        ("GPE", "Italy", CanonicalEntity("country", "Italy", "IT")),
        ("LOC", "Mediterranean", CanonicalEntity("sea", "Mediterranean")),
        ("LOC", "English Channel", CanonicalEntity("sea", "English Channel")),
        ("GPE", "North Africa", CanonicalEntity("region", "North Africa")),
        ("LOC", "Europe", CanonicalEntity("region", "Europe")),
        ("GPE", "Chicago", CanonicalEntity("place", "Chicago")),
        ("NORP", "Italian", CanonicalEntity("group", "Italian", "IT")),
        ("ORG", "the National Crime Agency", CanonicalEntity("organisation",
                                                            "National Crime Agency")),
        ("LAW", "Migration Bill", CanonicalEntity("law", "Migration Bill")),
        ("MONEY", "£480million", None),
    ],
)
def test_kinds(label: str, text: str, expected: CanonicalEntity | None) -> None:
    assert canonicalise(label, text) == expected


def test_people_take_the_article_fullest_name() -> None:
    aliases = {"Jenrick": "Robert Jenrick", "Robert Jenrick": "Robert Jenrick"}
    for text in ("Jenrick", "Mr Jenrick", "Robert Jenrick"):
        assert canonicalise("PERSON", text, aliases) == CanonicalEntity("person",
                                                                         "Robert Jenrick")


def test_name_key_folds_case_accents_and_punctuation() -> None:
    assert name_key("Emmanuel Macron") == name_key("emmanuel  MACRON.") == "emmanuel macron"
    assert name_key("José Manuel Barroso") == "jose manuel barroso"
