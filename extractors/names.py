"""Plain-string helpers for people's names (no spaCy, so query code can use them)."""

from __future__ import annotations

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})


def strip_honorific(name: str) -> str:
    """``"Mr Jenrick"`` -> ``"Jenrick"``."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower().rstrip(".") in HONORIFICS else name


def canonical_person(text: str, aliases: dict[str, str]) -> str:
    """The canonical name of a person mention, using the article's ``aliases``."""
    name = strip_honorific(text)
    return aliases.get(name, name)
