"""Recognise copies of an article: the same URL, or near-duplicate (syndicated) text.

Near-duplicates are found with MinHash LSH (datasketch's MinHash): each stored article
keeps ``BANDS`` band keys in the ``article_bands`` table; an incoming article's keys are
looked up there, and each candidate is confirmed by the exact Jaccard similarity of the
two texts' word 5-gram shingles (``NEAR_DUPLICATE`` or more).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

SHINGLE_WORDS = 5
BANDS, ROWS = 16, 4  # 64 permutations; pairs at Jaccard 0.8 become candidates 99.9 % of the time
NEAR_DUPLICATE = 0.8  # shingle Jaccard similarity from which two texts are one article
_WORDS = re.compile(r"\w+")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|ref|cmpid|ocid)$", re.IGNORECASE)


def normalise_url(url: str) -> str:
    """``url`` with scheme and host lower-cased, ``www.``, fragment, tracking parameters,
    default ports and a trailing slash removed: links to one page come out equal."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower() or "http", host, path, query, ""))


def url_key(url: str | None) -> str | None:
    """SHA-256 of the normalised URL (``None`` without a URL)."""
    if not url or not url.strip():
        return None
    return hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """The word 5-grams of ``text``, lower-cased (the whole text when it is shorter)."""
    words = _WORDS.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@cache
def _permutations() -> np.ndarray:
    """datasketch's permutation parameters for ``BANDS * ROWS`` hashes (its default seed),
    drawn once per process rather than for every article."""
    from datasketch import MinHash

    return MinHash(num_perm=BANDS * ROWS).permutations


def band_keys(text: str) -> list[tuple[int, int]]:
    """``(band, key)`` pairs of the text's MinHash signature (empty for a text with no words)."""
    from datasketch import MinHash

    grams = shingles(text)
    if not grams:
        return []
    minhash = MinHash(num_perm=BANDS * ROWS, permutations=_permutations())
    minhash.update_batch([g.encode("utf-8") for g in grams])
    values = np.asarray(minhash.hashvalues, dtype=np.uint64).reshape(BANDS, ROWS)
    return [
        (band, int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(),
                              "big", signed=True))
        for band, row in enumerate(values)
    ]
