"""Named-entity mentions from a parsed article, with claimwire's label corrections."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from extractors.names import HONORIFICS, strip_honorific
from extractors.types import DocLike, EntityMention

#: The spaCy labels claimwire keeps; LANGUAGE, PRODUCT and WORK_OF_ART are dropped.
LABELS = frozenset({
    "PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW",
    "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
})
NAMED = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW"})


def sentence_indices(doc: Doc) -> list[int]:
    """Index of the sentence of every token of ``doc``."""
    index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = i
    return index


def _trim(span: Span) -> Span:
    """Drop punctuation, spaces and (for names) a leading 'the' from the edges of ``span``."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].text == "•"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if span.label_ in NAMED and end - start > 1 and doc[start].lower_ == "the":
        start += 1
    return Span(doc, start, end, label=span.label_)


def _person_names(ents: list[Span]) -> set[str]:
    """Full names and surnames of the multi-word PERSON entities in ``ents``."""
    names: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            names.add(ent.text)
            names.add(ent[-1].text)
    return names


def _corrected_label(ent: Span, person_names: set[str]) -> str:
    """The label of ``ent`` after article-level rules.

    A name the article already used for a person ("Jenrick" after "Robert Jenrick"), or
    one preceded by an honorific ("Mr Jenrick"), is a PERSON whatever the model said.
    """
    if ent.label_ in NAMED and ent.label_ != "PERSON":
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if ent.text in person_names or (before is not None and before.lower_ in HONORIFICS):
            return "PERSON"
    return ent.label_


def entities(doclike: DocLike, *, labels: frozenset[str] = LABELS) -> Iterator[EntityMention]:
    """Yield the entity mentions of ``doclike`` in document order.

    Args:
        doclike: a parsed Doc or a Span of one; rules look at the whole Doc for context.
        labels: keep only these labels (after correction).

    Yields:
        EntityMention with character offsets into ``doc.text`` and its sentence index.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    sent_of = sentence_indices(doc)
    all_ents = [_trim(ent) for ent in doc.ents]
    person_names = _person_names(all_ents)
    lo, hi = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
    for ent in all_ents:
        if len(ent) == 0 or ent.start < lo or ent.end > hi:
            continue
        label = _corrected_label(ent, person_names)
        if label in labels:
            yield EntityMention(
                ent.start_char, ent.end_char, ent.text, label, sent_of[ent.start]
            )


def person_aliases(doclike: DocLike) -> dict[str, str]:
    """Map every way the article names a person to the fullest name it uses.

    "Robert Jenrick" and "Jenrick" map to "Robert Jenrick" ("Mr Jenrick" resolves through
    :func:`extractors.names.canonical_person`, which drops the title first). A surname
    shared by two full names in the article is left out rather than guessed.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    full: dict[str, set[str]] = {}
    for ent in doc.ents:
        ent = _trim(ent)
        name = strip_honorific(ent.text)
        if ent.label_ == "PERSON" and " " in name:
            full.setdefault(name.split()[-1], set()).add(name)
    aliases: dict[str, str] = {}
    for surname, names in full.items():
        for name in names:
            aliases[name] = name
        if len(names) == 1:
            aliases[surname] = next(iter(names))
    return aliases


def person_role(name: Span) -> str | None:
    """The title written before a person's name: "Immigration minister", "Prime Minister".

    Collects the compound/adjective modifiers immediately left of the name that attach to it.
    """
    doc = name.doc
    i = name.start
    while i > 0:
        tok = doc[i - 1]
        attached = name.start <= tok.head.i < name.end or i <= tok.head.i < name.start
        if tok.dep_ in ("compound", "amod") and tok.pos_ in ("NOUN", "PROPN", "ADJ") \
                and attached and tok.ent_type_ != "PERSON" \
                and tok.lower_.rstrip(".") not in HONORIFICS:
            i -= 1
        else:
            break
    return doc[i:name.start].text or None
