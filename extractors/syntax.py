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


def trim_punct(span: Span) -> Span:
    """``span`` without punctuation or spaces at its edges."""
    doc, start, end = span.doc, span.start, span.end
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def full_noun_phrase(token: Token) -> Span:
    """The whole phrase headed by ``token``, with its appositives, prepositional phrases and
    clauses ("Mo Elleithee, director of Georgetown's Institute of Politics"), no edge
    punctuation."""
    return trim_punct(token.doc[token.left_edge.i:token.right_edge.i + 1])
