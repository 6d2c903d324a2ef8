"""Quotes and reported speech: who said what, with the cue that says so.

``quotations(doc)`` finds direct quotes in every common mark style (``'…'``, ``‘…’``,
``"…"``, ``“…”``), quotes that run on across paragraphs, quote paragraphs that continue
the previous speaker, partial quotes inside a sentence, reported speech ("X said that …",
"X reports"), and "according to X". Speakers are resolved to the fullest name the article
uses for them; pronouns ("He said") to the last named speaker.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from extractors.entities import person_aliases, person_role, sentence_indices
from extractors.names import canonical_person
from extractors.syntax import full_noun_phrase, noun_phrase, subject_of
from extractors.types import Attribution, DocLike

#: Lemmas of verbs that attribute speech, writing, belief or stance.
CUE_VERBS = frozenset({
    "attack", "back", "blame", "blast", "boast", "condemn", "decline", "defend", "demand",
    "dismiss", "doubt", "endorse", "joke", "knock", "mock", "oppose", "propose", "question",
    "recommend", "reject", "repeat", "signal", "slam", "support", "welcome", "clarify",
    "accuse", "acknowledge", "add", "admit", "agree", "allege", "announce", "answer",
    "anticipate", "argue", "ask", "assert", "believe", "brief", "calculate", "call", "cite",
    "claim", "comment", "complain", "concede", "conclude", "confirm", "contend", "continue",
    "counter", "criticise", "criticize", "declare", "deny", "describe", "disagree",
    "disclose", "emphasise", "emphasize", "estimate", "expect", "explain", "fear", "find",
    "forecast", "hope", "indicate", "inform", "insist", "maintain", "mention", "note",
    "observe", "pledge", "post", "praise", "predict", "project", "promise", "quote",
    "recall", "remark", "reply", "report", "respond", "reveal", "say", "show", "state",
    "stress", "suggest", "tell", "testify", "think", "tweet", "urge", "vow", "warn",
    "write",
})
#: Nouns that report what someone said or found: "news that ...", "his claim that ...".
CUE_NOUNS = frozenset({"news", "report", "claim", "allegation", "statement", "announcement",
                       "warning", "suggestion", "assertion", "promise", "prediction",
                       "estimate", "survey", "poll", "study", "analysis", "review", "finding",
                       "argument", "belief", "view", "concern", "charge", "accusation"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
OPENERS = {"“": "”„", "‘": "’'", '"': '"”', "'": "'’", "«": "»", "„": "“”"}
_BEFORE_OPEN = set(" \t\n([{—–-:;/")
_APOSTROPHES = set("’'")


def _can_open(text: str, i: int, start: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    return i == start or text[i - 1] in _BEFORE_OPEN


def _find_close(text: str, i: int, end: int, closers: str) -> int | None:
    """Position of the mark closing the quote opened at ``i``, or None if it runs on."""
    fallback = None
    for j in range(i + 2, end):
        ch = text[j]
        if ch not in closers or text[j - 1].isspace():
            continue
        nxt = text[j + 1] if j + 1 < end else " "
        if nxt.isalnum():
            continue  # an apostrophe inside a word: We’re
        if ch in _APOSTROPHES and text[j - 1] in "sS" and nxt == " " and j + 2 < end \
                and text[j + 2].islower() and fallback is None:
            fallback = j  # maybe a plural possessive ("the gangs’ boats"); look further
            continue
        return j
    return fallback


def quote_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Direct quotes in ``text[start:end]`` (one paragraph) as (start, end, closed).

    A quote without a closing mark runs to the end of the paragraph (closed=False).
    """
    i = start
    while i < end:
        closers = OPENERS.get(text[i])
        if closers is None or not _can_open(text, i, start):
            i += 1
            continue
        close = _find_close(text, i, end, closers)
        if close is None:
            yield i, end, False
            return
        yield i, close + 1, True
        i = close + 1


def _cue_span(verb: Token) -> Span:
    """A cue verb with the auxiliaries, negation and adverbs written just before it:
    "has denied", "also said", "didn't allow"."""
    start = verb.i
    while start > verb.sent.start and verb.doc[start - 1].head == verb and \
            verb.doc[start - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        start -= 1
    return verb.doc[start:verb.i + 1]


def _is_cue(token: Token) -> bool:
    return token.lemma_.lower() in CUE_VERBS and token.pos_ in ("VERB", "AUX")


class _Speakers:
    """Resolves source spans to canonical speaker names, remembering the last one."""

    def __init__(self, doc: Doc) -> None:
        self.aliases = person_aliases(doc)
        self.last: tuple[str, str | None] | None = None
        self.doc = doc
        self.roles: dict[str, str] = {}
        for ent in doc.ents:
            role = person_role(ent) if ent.label_ == "PERSON" else None
            if role:
                self.roles.setdefault(canonical_person(ent.text, self.aliases), role)

    def resolve(self, source: Span) -> tuple[str | None, str | None]:
        """(speaker, role) for a source span."""
        people = [e for e in source.ents if e.label_ == "PERSON"]
        if people:
            name = canonical_person(people[-1].text, self.aliases)
            result = (name, person_role(people[-1]) or self.roles.get(name))
        elif len(source) == 1 and source[0].lower_ in ("he", "she"):
            result = self._previous_person(source.start)
            if result is None:
                return None, None
        elif len(source) == 1 and source[0].lower_ in PRONOUNS:
            if self.last is None:
                return None, None
            result = self.last
        elif source.ents and source.ents[-1].end == source.end:
            ent = source.ents[-1]  # the name is the head of the phrase: "The Times"
            result = (ent.text[4:] if ent.text.lower().startswith("the ") else ent.text, None)
        else:  # "The Italian government", "Officials"
            words = source[1:] if source[0].pos_ == "DET" and len(source) > 1 else source
            result = (words.text, None)
        self.last = result
        return result

    def _previous_person(self, before: int) -> tuple[str, str | None] | None:
        people = [e for e in self.doc.ents if e.label_ == "PERSON" and e.end <= before]
        if not people:
            return None
        name = canonical_person(people[-1].text, self.aliases)
        return name, self.roles.get(name)


def _paragraphs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Character spans of the blank-line separated paragraphs of ``doc.text``."""
    text, pos = doc.text, 0
    while pos < len(text):
        end = text.find("\n\n", pos)
        end = len(text) if end == -1 else end
        if text[pos:end].strip():
            yield pos, end
        pos = end + 2


def _attribution(content: Span, cue: Span | None, source: Span | None,
                 speaker: tuple[str | None, str | None], kind: str,
                 sent_of: list[int]) -> Attribution:
    return Attribution(
        content.start_char, content.end_char, content.text,
        cue.start_char if cue is not None else None,
        cue.end_char if cue is not None else None,
        cue.text if cue is not None else None,
        source.start_char if source is not None else None,
        source.end_char if source is not None else None,
        source.text if source is not None else None,
        speaker[0], speaker[1], kind, sent_of[content.start],
    )


def _nearest_cue(doc: Doc, content: Span) -> Token | None:
    """The attribution verb nearest to a quote, in the sentences the quote touches."""
    first, last = content[0].sent, content[-1].sent
    candidates = [
        t for t in doc[first.start:last.end]
        if (t.i < content.start or t.i >= content.end) and _is_cue(t)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: content.start - t.i if t.i < content.start
               else t.i - content.end + 1)


def _quotes(doc: Doc) -> Iterator[tuple[Span, bool, bool]]:
    """Every direct quote as (content, starts its paragraph, closed in its paragraph)."""
    for p_start, p_end in _paragraphs(doc):
        for q_start, q_end, closed in quote_spans(doc.text, p_start, p_end):
            end = q_end if closed else len(doc.text[:q_end].rstrip())
            content = doc.char_span(q_start, end, alignment_mode="expand")
            if content is not None and len(content) >= 2:
                yield content, q_start == p_start, closed


def _with_clause(cue: Token, quote: Span) -> Span:
    """A quote widened to what its cue reports when that holds the quote: "said that
    Brazile is “a good person.”", "praised his “body language”"."""
    reported = _reported_content(cue)
    if reported is None or not (reported.start < quote.end and quote.start < reported.end):
        return quote
    return quote.doc[min(reported.start, quote.start):max(reported.end, quote.end)]


def _colon_cue(quote: Span) -> Token | None:
    """The colon of "Speaker: “quote”", when a name or noun stands right before it."""
    doc = quote.doc
    if quote.start < 2 or doc[quote.start - 1].text != ":":
        return None
    before = doc[quote.start - 2]
    return doc[quote.start - 1] if before.pos_ in ("PROPN", "NOUN", "PRON") else None


def _direct(doc: Doc, speakers: _Speakers, sent_of: list[int], claimed: list[tuple[int, int]],
            unattributed: list[Span]) -> Iterator[Attribution]:
    """Direct quotes with a cue in their sentence, and quote paragraphs that continue one."""
    run_on = False  # the previous paragraph ended inside a quote
    for quote, starts_paragraph, closed in _quotes(doc):
        cue = _nearest_cue(doc, quote)
        if cue is not None:
            content = _with_clause(cue, quote)
            subject = subject_of(cue)
            source = full_noun_phrase(subject) if subject is not None else None
            speaker = speakers.resolve(noun_phrase(subject)) if subject is not None \
                else (None, None)
            claimed.append((content.start, content.end))
            yield _attribution(content, _cue_span(cue), source, speaker, "direct", sent_of)
        elif (colon := _colon_cue(quote)) is not None:  # "Trump: “We will win.”"
            source = noun_phrase(doc[colon.i - 1])
            claimed.append((quote.start, quote.end))
            yield _attribution(quote, doc[colon.i:colon.i + 1], source,
                               speakers.resolve(source), "direct", sent_of)
        elif starts_paragraph and (run_on or speakers.last):
            claimed.append((quote.start, quote.end))
            yield _attribution(quote, None, None, speakers.last or (None, None), "continuation",
                               sent_of)
        else:
            unattributed.append(quote)
        run_on = not closed


def _partial(content: Span, speakers: _Speakers, sent_of: list[int]) -> Iterator[Attribution]:
    """A quoted phrase inside a sentence: the sentence's subject is taken as its source."""
    head = content.root.head
    inside = content.start <= head.i < content.end
    if (head.pos_ != "VERB" or inside) and len(content) < 6:
        return  # a scare quote or a title, not something somebody said
    if inside:
        head = content.sent.root
    subject = subject_of(head) or subject_of(content.sent.root)
    if subject is None:
        return
    yield _attribution(content, head.doc[head.i:head.i + 1], full_noun_phrase(subject),
                       speakers.resolve(noun_phrase(subject)), "partial", sent_of)


def _trim_clause(span: Span) -> Span:
    """Drop edge punctuation from a clause span."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end]


def _around(cue: Token) -> Span:
    """The sentence of a parenthetical cue ("X, he said, Y"), less the cue's own clause."""
    sent, doc = cue.sent, cue.doc
    left, right = cue.left_edge.i, cue.right_edge.i + 1
    if left <= sent.start + 1:
        return _trim_clause(doc[right:sent.end])
    if right >= sent.end - 1:
        return _trim_clause(doc[sent.start:left])
    return _trim_clause(sent)


def _overlaps(start: int, end: int, claimed: list[tuple[int, int]]) -> bool:
    return any(start < c_end and c_start < end for c_start, c_end in claimed)


def _reported_content(cue: Token) -> Span | None:
    """What a cue verb reports: its clause ("said that X"), its object ("praised X as Y",
    "asked voters to X"), or, for a parenthetical cue, the rest of its sentence."""
    doc = cue.doc
    for deps in (("ccomp",), ("xcomp",), ("dobj",)):
        parts = [c for c in cue.children if c.dep_ in deps]
        if parts:
            start = parts[0].left_edge.i
            end = parts[0].right_edge.i + 1
            if deps == ("dobj",):  # "praised Putin as a strong leader": keep the complement
                for child in cue.children:
                    complement = child.dep_ == "oprd" or (
                        child.dep_ in ("prep", "xcomp") and child.lower_ in ("as", "for", "to"))
                    if complement and child.i > parts[0].i:
                        end = max(end, child.right_edge.i + 1)
            content = _trim_clause(doc[start:end])
            return content if len(content) else None
    if cue.dep_ == "parataxis":  # "The bank, he said, is cooperating."
        return _around(cue)
    return None


def _reported(doc: Doc, speakers: _Speakers, sent_of: list[int],
              claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    speakers.last = None  # a pronoun here refers to the last person named before it
    for token in doc:
        if _is_cue(token):
            subject = subject_of(token)
            if subject is None:
                continue
            content = _reported_content(token)
            if content is None:
                continue
            if len(content) == 0 or _overlaps(content.start, content.end, claimed):
                continue
            claimed.append((content.start, content.end))
            yield _attribution(content, _cue_span(token), full_noun_phrase(subject),
                               speakers.resolve(noun_phrase(subject)), "reported", sent_of)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in CUE_NOUNS:
            clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp")
                       and any(g.dep_ == "mark" for g in c.children)]
            if not clauses:
                continue
            content = _trim_clause(doc[clauses[0].left_edge.i:clauses[0].right_edge.i + 1])
            if len(content) == 0 or _overlaps(content.start, content.end, claimed):
                continue
            owners = [c for c in token.children if c.dep_ == "poss"]
            source = full_noun_phrase(owners[0]) if owners else None
            claimed.append((content.start, content.end))
            yield _attribution(content, doc[token.i:token.i + 1], source,
                               speakers.resolve(source) if source is not None else (None, None),
                               "reported", sent_of)
        elif token.lower_ == "according" and token.i + 1 < len(doc) \
                and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if not objects:
                continue
            source = full_noun_phrase(objects[0])
            sent = token.sent
            phrase_end = objects[0].right_edge.i + 1
            before = _trim_clause(doc[sent.start:token.i])
            after = _trim_clause(doc[phrase_end:sent.end])
            content = before if len(before) >= len(after) else after
            if len(content) == 0 or _overlaps(content.start, content.end, claimed):
                continue
            claimed.append((content.start, content.end))
            yield _attribution(content, doc[token.i:token.i + 2], source,
                               speakers.resolve(noun_phrase(objects[0])), "according_to",
                               sent_of)


def quotations(doclike: DocLike) -> Iterator[Attribution]:
    """Yield the attributions of a parsed article in document order.

    Direct quotes with a cue come first (a quote inside a reported clause takes the clause
    as its content), then reported speech and "according to", then quoted phrases that
    nothing else attributed (partial quotes governed by a verb).

    Args:
        doclike: a parsed Doc (paragraphs separated by blank lines) or a Span of one.

    Yields:
        Attribution records with character offsets into ``doc.text``.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    speakers = _Speakers(doc)
    sent_of = sentence_indices(doc)
    claimed: list[tuple[int, int]] = []
    unattributed: list[Span] = []
    found = list(_direct(doc, speakers, sent_of, claimed, unattributed))
    found += _reported(doc, speakers, sent_of, claimed)
    speakers.last = None
    for quote in unattributed:
        if not _overlaps(quote.start, quote.end, claimed):
            found += _partial(quote, speakers, sent_of)
    lo, hi = ((doclike.start_char, doclike.end_char) if isinstance(doclike, Span)
              else (0, len(doc.text)))
    for attribution in sorted(found, key=lambda a: a.content_start):
        if lo <= attribution.content_start < hi:
            yield attribution
