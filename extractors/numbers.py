"""Numbers written in digits or words: "7,569", "3.2bn", "forty five", "a dozen", "Rs 500 crore"."""

from __future__ import annotations

import re

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
#: Multipliers written after a number ("3.2bn", "500 crore").
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "millions": 1e6, "billions": 1e9,
    "thousands": 1e3, "hundreds": 1e2,
}
WORD_VALUES = {"dozen": 12, "half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3,
               "thirds": 1 / 3, "score": 20,
               "couple": 2, "pair": 2}
#: Scale words an "and" may follow inside one number: "one hundred and five".
_AND_AFTER = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh",
                        "crore"})
DIGITS = re.compile(r"^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_digits(text: str) -> float | None:
    """ "7,569" -> 7569.0, "2.1" -> 2.1; None if ``text`` is not a plain number."""
    text = text.replace("−", "-")
    if not DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def parse_number_words(text: str) -> float | None:
    """A number written in words or digits, with scale words.

    "forty five" -> 45, "three" -> 3, "a dozen" -> 12, "two million" -> 2e6,
    "half a million" -> 5e5, "a quarter of a million" -> 2.5e5, "one and a half million"
    -> 1.5e6,
    "12" -> 12, "3.2bn" -> 3.2e9. None when ``text`` is not a number.
    """
    text = re.sub(r"\b(half|quarter|third)\s+(?:of\s+)?an?\b\s*", r"\1 ", text.lower())
    text = re.sub(r"\band an? (half|quarter)\b", r"and_\1", text)  # "one and a half million"
    words = re.findall(r"[\w.,]+", text.replace("-", " "))
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    last = ""  # the kind of the word before: "ones", "tens" or ""
    for before, word in zip(["", *words], words, strict=False):
        kind = "ones" if word in ONES and word not in ("a", "an") else \
            "tens" if word in TENS else ""
        if (kind and last == "ones") or (kind == "tens" and last == "tens"):
            return None  # "four six" (as in "four Six Nations captains") is two figures
        last = kind
        if word == "and":
            if before not in _AND_AFTER:
                return None  # "four and six", "fifty and fifty": two figures
            continue
        if word in ("and_half", "and_quarter"):
            current += WORD_VALUES[word[4:]]
            continue
        glued = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)([a-z]+)", word)
        if glued and glued[2] in SCALES:
            current += float(glued[1].replace(",", "")) * SCALES[glued[2]]
            seen = True
        elif (value := parse_digits(word)) is not None:
            if seen:
                return None  # "50 50", "one 52,000": two figures, not one
            current += value
            seen = True
        elif word in ONES:
            current += ONES[word]
            seen = seen or word not in ("a", "an")
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word in WORD_VALUES:
            current = (current or 1) * WORD_VALUES[word]
            seen = True
        elif word in SCALES and word not in ("m", "k", "b", "bn", "tn", "mn", "mln"):
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1e3:
                total, current = total + current, 0.0
            seen = True
        else:
            return None
    return total + current if seen else None
