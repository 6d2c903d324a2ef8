"""Canonical entities: one name and kind per real thing, with ISO 3166 codes for countries.

Within an article, people are resolved by :func:`extractors.entities.person_aliases`
("Mr Jenrick" -> "Robert Jenrick"). Countries are resolved with ``countrynames`` (which
knows "UK", "Britain", "United Kingdom" and demonyms such as "Italian") and named with
``pycountry``; places keep their kind (country, region, sea, place).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from extractors.names import canonical_person

#: Water bodies and regions news names often; other places are kind "place".
SEA_WORDS = re.compile(r"\b(sea|ocean|channel|gulf|strait|bay|mediterranean|atlantic|pacific)\b",
                       re.IGNORECASE)
REGION_WORDS = re.compile(
    r"\b(africa|europe|asia|america|middle east|balkans|caribbean|scandinavia|sahel|"
    r"mainland|continent)\b", re.IGNORECASE)
#: Names that look like countries but are not (countrynames maps "European" to "EU").
NOT_COUNTRIES = frozenset({"EU", "XK"})
_POSSESSIVE = re.compile(r"[’']s$")


class CanonicalEntity(NamedTuple):
    """The real thing a mention names."""

    kind: str  # person, organisation, country, region, sea, place, group, law, event, facility
    name: str
    country_code: str | None = None


def clean_name(text: str) -> str:
    """Mention text without a leading "the", a possessive "'s" or stray spacing."""
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    return text[4:] if text.lower().startswith("the ") else text


def name_key(name: str) -> str:
    """A key for matching names across articles: case, accents and punctuation folded."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", folded.lower()))


@cache
def country(name: str) -> tuple[str, str] | None:
    """(ISO 3166 alpha-2 code, common English name) of a country name or demonym."""
    import countrynames
    import pycountry

    code = countrynames.to_code(name)
    if code is None or code in NOT_COUNTRIES:
        return None
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return None
    return code, getattr(record, "common_name", None) or record.name


def canonicalise(label: str, text: str, aliases: dict[str, str] | None = None
                 ) -> CanonicalEntity | None:
    """The canonical entity of a mention, or None for labels that are not entities.

    Args:
        label: the spaCy label (PERSON, GPE, LOC, ORG, NORP, ...).
        text: the mention as written.
        aliases: the article's person aliases (see ``person_aliases``).
    """
    name = clean_name(text)
    if not name:
        return None
    if label == "PERSON":
        return CanonicalEntity("person", canonical_person(name, aliases or {}))
    if label in ("GPE", "LOC"):
        if found := country(name):
            return CanonicalEntity("country", found[1], found[0])
        if SEA_WORDS.search(name):
            return CanonicalEntity("sea", name)
        if label == "LOC" or REGION_WORDS.search(name):
            return CanonicalEntity("region", name)
        return CanonicalEntity("place", name)
    if label == "NORP":
        found = country(name)
        return CanonicalEntity("group", name, found[0] if found else None)
    kinds = {"ORG": "organisation", "LAW": "law", "EVENT": "event", "FAC": "facility"}
    if label in kinds:
        return CanonicalEntity(kinds[label], name)
    return None
