"""Small helpers over spaCy's dependency parse, shared by the extractors."""

from __future__ import annotations

from spacy.tokens import Span, Token


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``, up to the head (no appositives or clauses)."""
    start = token.left_edge.i
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].dep_ in ("compound", "flat") \
            and token.doc[end].head.i == token.i:
        end += 1
    return token.doc[start:end]


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, climbing through xcomp/advcl/conj chains."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp", "relcl") and verb.head != verb:
            verb = verb.head
        else:
            return None
    return None
