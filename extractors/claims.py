"""Claims: each figure in a sentence, with what it is about, where, when and on whose word.

``claims(doc, quantities=..., dates=..., attributions=...)`` combines what the other
extractors found in a parsed article; it adds no new spans of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from extractors.entities import sentence_indices
from extractors.syntax import noun_phrase, subject_of
from extractors.types import Attribution, Claim, DateMention, DocLike, QuantityMention

#: Kinds of quantity that are not claims by themselves (they qualify other figures).
NOT_CLAIMS = frozenset({"duration", "date", "time", "ordinal"})
PREDICTION_CUES = frozenset({"predict", "forecast", "estimate", "expect", "anticipate",
                             "project", "fear", "warn", "calculate"})
PLAN_VERBS = frozenset({"pledge", "plan", "promise", "vow", "commit", "allocate", "budget",
                        "earmark", "propose", "aim", "intend", "set", "announce", "offer"})
MODALS = frozenset({"could", "may", "might", "would", "should"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
COMPARATIVE_LINKS = frozenset({"than", "of", "compared", "from", "since", "on", "over"})
PLACE_PREPOSITIONS = frozenset({"to", "in", "into", "across", "from", "at", "within", "inside",
                                "throughout", "through", "over", "on", "near"})


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb (or copula) above ``token`` in the parse."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def _clause_of_object(token: Token, verb: Token) -> Token | None:
    """The clause a figure is the subject of when the parser made it the object of the
    verb before it: "Italy predicts [up to 400,000 migrants] could cross ...": "cross"."""
    noun = token
    while noun.head != noun and noun.head != verb and noun.dep_ not in ("dobj", "nsubj"):
        noun = noun.head
    if noun.dep_ != "dobj" or noun.head != verb:
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.left_edge.i == noun.right_edge.i + 1 and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            return clause
    return None


def _text(span: Span) -> str:
    """A phrase without its leading determiner: "the UK" -> "UK"."""
    if len(span) > 1 and span[0].pos_ in ("DET", "PRON") and span[0].dep_ in ("det", "poss"):
        span = span[1:]
    return span.text


def _in_span(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _attached_to(token: Token, verb: Token) -> bool:
    """Whether ``verb`` is an ancestor of ``token`` without crossing another clause."""
    while token.head != token:
        token = token.head
        if token == verb:
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "xcomp"):
            return False
    return False


def _period_and_comparison(doc: Doc, qspan: Span, verb: Token | None,
                           dates: list[DateMention], *, relative: bool
                           ) -> tuple[DateMention | None, DateMention | None]:
    """The period a figure is about, and, for a relative figure (a ratio, a rise or a
    fall), the period it is compared with ("four times that of the previous 12 months")."""
    sent = qspan.sent
    period = compared = None
    candidates = []
    for d in dates:
        if d.granularity == "duration" or d.start_date is None:
            continue
        dspan = _span(doc, d.start, d.end)
        if dspan is None or not (sent.start <= dspan.start < sent.end):
            continue
        between = {t.lower_ for t in doc[qspan.end:dspan.start]}
        if relative and compared is None and dspan.start >= qspan.end and \
                between & COMPARATIVE_LINKS:
            compared = d  # "25 per cent less than during the same period last year"
            continue
        attached = verb is not None and _attached_to(dspan.root, verb)
        candidates.append((not attached, abs(dspan.start - qspan.start), d))
    if candidates:
        period = min(candidates, key=lambda c: (c[0], c[1]))[2]
    return period, compared


def _place(qspan: Span, verb: Token | None, subject: Span | None) -> str | None:
    """The place a figure is about: a place attached to its verb by a preposition first."""
    sent = qspan.sent
    for token in sent:  # "could cross the Mediterranean to its shores": Italy's shores
        goal = token.head
        if token.lower_ == "its" and token.dep_ == "poss" and goal.dep_ == "pobj" and \
                verb is not None and goal.head.head == verb and \
                goal.head.lower_ in ("to", "into", "on", "at"):
            owners = [e for e in sent.ents if e.label_ in ("GPE", "NORP") and e.end <= token.i]
            if owners:
                return _text(owners[-1])
    places = [e for e in sent.ents if e.label_ in PLACE_LABELS]
    if not places:  # "The Italian government ... its shores": the nationality names it
        groups = [e for e in sent.ents if e.label_ == "NORP"]
        return groups[0].text if groups else None

    def rank(ent: Span) -> tuple[int, int]:
        head = ent.root.head
        by_preposition = head.dep_ == "prep" or head.lower_ in PLACE_PREPOSITIONS
        attached = verb is not None and _attached_to(ent.root, verb)
        in_subject = subject is not None and _in_span(ent.root, subject)
        return (0 if attached and by_preposition and not in_subject else
                1 if attached else 2, abs(ent.start - qspan.start))

    return _text(min(places, key=rank))


def _modality(q: QuantityMention, verb: Token | None, attribution: Attribution | None,
              doc: Doc) -> str:
    cue = doc.char_span(attribution.cue_start, attribution.cue_end) \
        if attribution is not None and attribution.cue_start is not None else None
    cue_lemma = cue.root.lemma_.lower() if cue is not None else ""
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"} if verb is not None else set()
    if cue_lemma in PREDICTION_CUES or modals & MODALS:
        return "prediction"
    if verb is not None and (verb.lemma_.lower() in PLAN_VERBS or "will" in modals):
        return "plan"
    if q.change == "~":
        return "hedged"
    return "reported"


def claims(
    doclike: DocLike,
    *,
    quantities: Iterable[QuantityMention],
    dates: Iterable[DateMention],
    attributions: Iterable[Attribution],
) -> Iterator[Claim]:
    """Yield one claim per figure of ``doclike``, in document order.

    Args:
        doclike: the parsed article (or a span of it) the records were extracted from.
        quantities, dates, attributions: what the other extractors found in it.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    sent_of = sentence_indices(doc)
    dates = list(dates)
    attributions = list(attributions)
    for q in quantities:
        if q.kind in NOT_CLAIMS:
            continue
        qspan = _span(doc, q.start, q.end)
        if qspan is None or (isinstance(doclike, Span) and not _in_span(qspan[0], doclike)):
            continue
        verb = _governing_verb(qspan.root)
        clause = _clause_of_object(qspan.root, verb) if verb is not None else None
        verb = clause or verb
        subject_token = subject_of(verb) if verb is not None and clause is None else None
        if clause is not None:  # the object of "predicts" is the subject of "could cross"
            subject_token = next(t for t in clause.head.children if t.dep_ == "dobj")
        subject = noun_phrase(subject_token) if subject_token is not None else None
        if subject_token is not None and _in_span(subject_token, qspan):
            subject_text = q.counted  # "tens of thousands of migrants await": "migrant"
        elif subject is not None and subject.start <= qspan.root.i < subject.end + 1:
            subject_text = subject_token.text  # "400,000 people could reach": "people"
        else:
            subject_text = _text(subject) if subject is not None else None
        relative = q.ratio is not None or q.change in ("up", "down")
        period, compared = _period_and_comparison(doc, qspan, verb, dates, relative=relative)
        attribution = next((a for a in attributions
                            if a.content_start <= q.start and q.end <= a.content_end), None)
        yield Claim(
            sentence=sent_of[qspan.start],
            quantity=q,
            subject=subject_text,
            predicate=verb.lemma_.lower() if verb is not None else None,
            object=q.counted,
            period=period,
            place=_place(qspan, verb, subject),
            attributed_to=attribution.speaker if attribution is not None else None,
            cue=attribution.cue if attribution is not None else None,
            modality=_modality(q, verb, attribution, doc),
            compared_with=compared,
        )
