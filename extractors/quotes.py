"""Quotes and reported speech: who said what, with the cue that says so.

``quotations(doc)`` finds direct quotes in every common mark style (``'…'``, ``‘…’``,
``"…"``, ``“…”``), quotes that run on across paragraphs, quote paragraphs that continue
the previous speaker, partial quotes inside a sentence, reported speech ("X said that …",
"X reports"), and "according to X". Speakers are resolved to the fullest name the article
uses for them; pronouns ("He said") to the last named speaker; a country that speaks
("Italy predicts") to the article's "Italian government".

The spans follow PolNeAR's conventions (scored by ``claimwire eval quotes``): a quote's
cue is the outermost cue verb above it whose clause holds it, and its content that
clause; attributions do not nest (a cue inside another attribution's content, "I think"
inside a quote, is part of it); cues include stance and cognition verbs ("believes",
"fears"), nouns ("fears of"), adjectives ("was optimistic that") and passives ("are
expected to", whose subject is reported and which have no source); sources keep their
appositives, lose datelines ("WASHINGTON (AP) —") and relative clauses that are
attributions of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from extractors.entities import person_aliases, person_role, sentence_indices
from extractors.names import canonical_person
from extractors.syntax import full_noun_phrase, noun_phrase, subject_of, trim_punct
from extractors.types import Attribution, DocLike

#: Lemmas of verbs that attribute speech, writing, belief or stance.
CUE_VERBS = frozenset({
    "attack", "back", "blame", "blast", "boast", "condemn", "decline", "defend", "demand",
    "dismiss", "doubt", "endorse", "joke", "knock", "mock", "oppose", "propose", "question",
    "recommend", "reject", "repeat", "signal", "slam", "support", "welcome", "clarify",
    "accuse", "acknowledge", "add", "admit", "agree", "allege", "announce", "answer",
    "anticipate", "argue", "ask", "assert", "believe", "brief", "calculate", "call", "cite",
    "claim", "comment", "complain", "concede", "conclude", "confirm", "contend",
    "counter", "criticise", "criticize", "declare", "deny", "describe", "disagree",
    "disclose", "emphasise", "emphasize", "estimate", "expect", "explain", "fear", "find",
    "forecast", "hope", "indicate", "inform", "insist", "maintain", "mention", "note",
    "observe", "pledge", "post", "praise", "predict", "project", "promise", "quote",
    "recall", "remark", "reply", "report", "respond", "reveal", "say", "show", "state",
    "stress", "suggest", "tell", "testify", "think", "tweet", "urge", "vow", "warn",
    "write", "reiterate", "tout", "echo", "lament", "express", "refer", "focus", "denounce",
    "applaud", "assure", "remind", "charge", "plan", "decide", "list", "present", "highlight",
    "invoke", "hail", "decry", "thank", "advise", "caution", "speculate", "worry", "dispute",
    "imply", "affirm", "brag", "confess", "hint", "instruct", "notify", "object",
    "proclaim", "protest", "quip", "reaffirm", "recount", "retort", "scoff", "shout", "swear",
    "threaten", "whisper", "reckon", "suspect", "wonder", "realize", "celebrate", "champion",
    "chide", "commend", "congratulate", "deride", "disparage", "lambaste", "laud", "rebuke",
    "ridicule", "scold", "hammer", "detail", "email", "insinuate", "recognize", "underscore",
    "contradict", "attest", "regret", "concur", "crow", "fret", "request", "consider",
}) | frozenset({
    # VerbNet talk-37.5, lecture-37.11, interrogate-37.1.3: speaking about something
    "speak", "talk", "discuss", "chat", "converse", "lecture", "preach", "articulate",
    "reference", "broach", "grill", "interrogate", "quiz", "probe",
    # judgment-33: stating a judgment of someone ("rip", "fault", "assail")
    "rip", "fault", "castigate", "censure", "chastise", "excoriate", "berate", "assail",
    "pan", "lambast", "reproach", "scorn", "vilify", "bash", "belittle", "compliment",
    "acclaim", "flatter", "reprimand", "salute",
    # characterize-29.2: presenting something as something
    "characterize", "characterise", "portray", "depict", "label", "brand", "liken",
    "compare", "regard", "view", "deem",
    # rulings and decisions (approve-77, and the verbs of courts and legislatures)
    "rule", "overrule", "overturn", "uphold", "approve", "ratify", "veto", "repeal",
    # allow-64, forbid-67: permitting or barring by a stated position or rule
    "allow", "permit", "authorize", "authorise", "empower", "prohibit", "forbid", "ban",
    # weighing a question (consider-29.9 and its cognition neighbours)
    "contemplate", "weigh", "ponder", "mull", "debate",
    # wanting and intending (want-32.1, wish-62): "wants to triple the size of ..."
    "want", "wish", "desire", "prefer", "aim", "intend", "seek",
    # liking and loathing (admire-31.2): "I despise Trump", "voters love the idea"
    "love", "like", "admire", "respect", "hate", "despise", "dislike", "adore",
    # agreeing or refusing to act (FrameNet Agree_or_refuse_to_act, with "agree" and
    # "decline" above): "has refused to release his tax returns"
    "refuse", "consent",
})
#: Nouns that report what someone said or found: "news that ...", "his claim that ...".
CUE_NOUNS = frozenset({"news", "report", "claim", "allegation", "statement", "announcement",
                       "warning", "suggestion", "assertion", "promise", "prediction",
                       "estimate", "survey", "poll", "study", "analysis", "review", "finding",
                       "argument", "belief", "view", "concern", "charge", "accusation",
                       "fear", "worry", "criticism", "speculation", "doubt", "hope",
                       "expectation", "denial", "complaint"})
#: Nouns of stance and intent that are cues only with their owner and what they report:
#: "Stumpf's repeated emphasis that ...", "the president's eagerness to use ...".
OWNED_CUE_NOUNS = frozenset({
    "emphasis", "eagerness", "acknowledgment", "acknowledgement", "conclusion", "decision",
    "insistence", "determination", "desire", "intention", "reluctance", "willingness",
    "refusal", "pledge", "commitment", "vow", "demand", "request", "call", "plan",
    "proposal", "threat", "recognition", "admission", "contention", "assessment"})
#: Prepositions that complete any cue verb: "talked about", "warned of", "argued against".
CUE_PREPS = frozenset({"about", "of", "against"})
#: Prepositions that complete only some: "called on", "called for", "referred to".
VERB_PREPS = {
    "on": frozenset({"call", "focus", "report", "comment", "insist", "elaborate", "dwell",
                     "agree", "disagree"}),
    "for": frozenset({"call", "push", "argue", "praise", "blame", "criticize", "criticise",
                      "thank", "advocate", "press", "lobby", "vote", "applaud", "slam", "ask"}),
    "to": frozenset({"refer", "object", "allude", "point", "compare", "liken", "respond",
                     "reply", "react"}),
    # the prepositions these verbs select (VerbNet correspond-36.1, conjecture-29.5):
    # "agreed with Matthews", "agrees on who is a terrorist", "believe in the good sense"
    "with": frozenset({"agree", "disagree", "concur", "respond", "side", "quarrel", "argue"}),
    "in": frozenset({"believe"}),
}
#: Children of a cue verb that complete its object: "accused Trump [of lying]".
OBJECT_COMPLEMENTS = frozenset({"prep", "advcl", "oprd", "xcomp", "npadvmod", "advmod", "dative"})
#: Prepositions that introduce what a cue noun reports: "fears of", "questions about".
NOUN_PREPS = frozenset({"of", "about"})
#: Adjectives that state a stance: "was optimistic that", "is skeptical of".
CUE_ADJECTIVES = frozenset({
    "confident", "certain", "sure", "optimistic", "pessimistic", "skeptical", "sceptical",
    "worried", "concerned", "convinced", "hopeful", "doubtful", "critical", "supportive",
    "dismissive", "wary", "nervous", "afraid", "adamant", "unsure", "uncertain", "aware",
    "angry", "upset", "proud", "fearful", "insistent", "suspicious", "determined", "eager",
    "intent", "reluctant", "willing", "keen", "hesitant"})
#: Entity types that can speak: a person, an organisation, a people or a country.
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
#: Marks that open a quote and those that may close it.
OPENERS = {"“": "”„", "‘": "’'", '"': '"”', "'": "'’", "«": "»", "„": "“”"}
_BEFORE_OPEN = set(" \t\n([{—–-:;/")
#: A dateline opening a paragraph: "WASHINGTON (AP) — ", "Washington (AFP) – ", "MOSCOW - ",
#: "LOS ANGELES, Sept. 28 (UPI) — ".
DATELINE = re.compile(r"(?m)^(?:[A-Z][A-Z.,' ]{1,40}(?:\s*\([A-Za-z.' ]{1,20}\))?"
                      r"|[A-Z][A-Za-z0-9.,' ]{1,40}?\s*\([A-Z][A-Za-z.' ]{0,19}\))\s*[—–-]{1,2}\s+")
_APOSTROPHES = set("’'")
#: A year or decade with its century elided after an apostrophe: the '80s, class of ’16.
ELIDED_YEAR = re.compile(r"\d\d(?:s\b|\b)")


def _can_open(text: str, i: int, start: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() or (text[i] in _APOSTROPHES and ELIDED_YEAR.match(text, i + 1)):
        return False
    return i == start or text[i - 1] in _BEFORE_OPEN


def _find_close(text: str, i: int, end: int, closers: str) -> int | None:
    """Position of the mark closing the quote opened at ``i``, or None if it runs on."""
    fallback = None
    for j in range(i + 2, end):
        ch = text[j]
        if ch not in closers or (text[j - 1].isspace() and not (
                ch in "\"”" and text[j - 2] in "'’")):  # a space after an inner quote's
            continue  # closing mark: "... the term 'African American outreach,' " he said
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
        if text[i] == "”" and i == start:  # a closing mark typed for the opening one,
            closers = "”\""  # at the start of a paragraph: ”Fear. I am afraid.” ― Jane Doe
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
    "has denied", "also said", "didn't allow"; the preposition that completes it: "called
    on"; its particle: "called out"; a colon right after it: "said:"; and the verb it
    completes: "went on to express"."""
    doc, prep = verb.doc, _cue_prep(verb)
    end = prep.i + 1 if prep is not None else verb.i + 1
    if prep is None and end < len(doc) and doc[end].dep_ == "prt" and doc[end].head == verb:
        end += 1
    if end < len(doc) and doc[end].lower_ == "in" and doc[end].head == verb and any(
            c.dep_ == "pobj" and c.lemma_.lower() in MEDIA for c in doc[end].children):
        end = doc[end].right_edge.i + 1  # "said in a statement", "recalled in an interview"
    if end < len(doc) and doc[end].text == ":":
        end += 1  # the colon that introduces what is said: "said:", "tweeted:"
    start = verb.i
    while start > verb.sent.start and verb.doc[start - 1].head == verb and \
            verb.doc[start - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        start -= 1
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl") and head.pos_ == "VERB" and head.i < start and \
            all(t.dep_ in ("prt", "advmod", "neg") for t in verb.doc[head.i + 1:start]):
        start = _cue_span(head).start  # "went on to express", "sought to blunt"
    if (issuer := _document_verb(verb)) is not None:
        start = _cue_span(issuer).start  # "issued a statement calling"
    return verb.doc[start:end]


#: What a statement is made in, which PolNeAR's cue takes along: "said in an interview".
MEDIA = frozenset({"statement", "interview", "email", "letter", "tweet", "post", "speech",
                   "release", "filing", "op-ed", "essay", "column", "memo", "message",
                   "call", "appearance", "podcast", "broadcast"})

#: Lemmas the lemmatizer gets wrong for cue verbs: "hoped", "hoping" -> "hop".
MISLEMMAS = {"hoped": "hope", "hoping": "hope"}


#: Verbs that state a view only with "as": "critics see the bill as a giveaway"
#: (VerbNet characterize-29.2 lists them in that frame only).
AS_VERBS = frozenset({"see", "perceive", "cast", "paint", "frame"})


def _is_cue(token: Token) -> bool:
    """Whether ``token`` is a verb of saying, writing, thinking or stance."""
    lemma = MISLEMMAS.get(token.lower_, token.lemma_.lower())
    if token.pos_ not in ("VERB", "AUX"):
        return _misparsed_cue(token)
    return lemma in CUE_VERBS or (lemma in AS_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in token.children)) or any(
        (c.dep_, c.lower_) in PARTICLE_CUES.get(lemma, ()) for c in token.children)


#: Verbs that are cues only with a particle or preposition: "pointed out that",
#: "pointed to the polls", "weighed in".
PARTICLE_CUES = {"point": frozenset({("prt", "out"), ("prep", "to")})}


def _misparsed_cue(token: Token) -> bool:
    """A sentence-final cue verb the tagger read as a plural noun heading the sentence:
    "Secrecy is no stranger to her, her former doctor maintains." """
    return token.tag_ == "NNS" and token.dep_ == "ROOT" and \
        token.lemma_.lower() in CUE_VERBS and any(
            c.dep_ in ("ccomp", "xcomp", "nsubj") for c in token.children)  # a noun with
    # a subject or a clause of its own is a verb: "The campaign plans to employ ..."


def _misparsed_speaker(cue: Token) -> Span | None:
    """The speaker of a misparsed cue: the words the parser hung on it as modifiers."""
    mods = [c for c in cue.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nmod")]
    if not mods:
        return None
    span = cue.doc[min(m.left_edge.i for m in mods):cue.i]
    return span if len(span) else None


def _dateline_end(doc: Doc, i: int) -> int:
    """The character offset after a dateline that covers token ``i``, else that token's."""
    line = i
    while line > 0 and i - line < 20 and not (
            "\n" in doc[line - 1].whitespace_ or "\n" in doc[line - 1].text):
        line -= 1
    start = doc[i].idx
    if line > 0 and "\n" not in doc[line - 1].whitespace_ + doc[line - 1].text:
        return start  # too far from the start of its line to be in a dateline
    match = DATELINE.match(doc[line:i + 20].text)
    end = doc[line].idx + match.end() if match else start
    return end if start < end else start


def _skip_dateline(span: Span) -> Span:
    """``span`` without a leading dateline: "WASHINGTON (AP) — President Obama"."""
    end = _dateline_end(span.doc, span.start)
    if end == span.start_char:
        return span
    rest = span.doc.char_span(end, span.end_char, alignment_mode="contract")
    return rest if rest is not None and len(rest) else span


def _source_span(subject: Token, cue: Token | None = None) -> Span:
    """The source phrase headed by ``subject``, as PolNeAR marks it: with appositives and
    the comma that closes them ("Mo Elleithee, director of ...,"), without a relative
    clause that is itself an attribution ("The Post, which backed ...") or a trailing
    time phrase ("Comey in June"). The closing comma is kept only before the ``cue``."""
    doc = subject.doc
    span = full_noun_phrase(subject)
    end = span.end
    if cue is not None and subject.i < cue.i < end:  # an appositive the parser hung past
        end = max([subject.i + 1] + [c.right_edge.i + 1 for c in subject.rights  # the cue:
                                     if c.right_edge.i < cue.i])  # "A union endorsed X,
        # another example of ..."
    for child in subject.rights:
        time = child.ent_type_ in ("DATE", "TIME") or any(
            t.dep_ == "pobj" and (t.ent_type_ in ("DATE", "TIME") or t.lower_ == "past")
            for t in child.children)
        passive = child.dep_ == "acl" and child.tag_ == "VBN"  # "officials briefed on it"
        holds_cue = cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i
        cut = holds_cue or (child.dep_ in ("relcl", "acl") and not passive and any(
            _is_cue(t) for t in child.subtree)) or (
            child.dep_ in ("prep", "npadvmod") and time) or (
            child.dep_ == "advcl" and any(t.dep_ == "mark" for t in child.children))
        if cut and child.left_edge.i < end:
            end = child.left_edge.i
            break
    while end > span.start + 1 and doc[end - 1].dep_ == "cc":  # "the pitch and"
        end -= 1
    span = _skip_dateline(trim_punct(doc[span.start:end]))
    close = span.end + (span.end < len(doc) and doc[span.end].text == ".")
    if close < len(doc) and doc[close].text == ")" and \
            sum(t.text == "(" for t in span) > sum(t.text == ")" for t in span):
        span = doc[span.start:close + 1]  # the bracket that closes: "Sen. Ted Cruz (R-Tex.)"
    if cue is not None and span.end < cue.i and doc[span.end].text == "," and \
            any(t.text == "," for t in span):
        span = doc[span.start:span.end + 1]
    return span


def _country_code(name: str) -> str | None:
    """ISO 3166 code of a country name or demonym ("Italy", "Italian"), else None."""
    import countrynames

    return countrynames.to_code(name)


class _Speakers:
    """Resolves source spans to canonical speaker names, remembering the last one."""

    def __init__(self, doc: Doc) -> None:
        self.aliases = person_aliases(doc)
        self.last: tuple[str, str | None] | None = None
        self.doc = doc
        self.text = doc.text  # built once: Doc.text joins every token at each call
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.roles: dict[str, str] = {}
        self.governments: dict[str, str] = {}  # country code -> "Italian government"
        self.people = [e for e in doc.ents if e.label_ == "PERSON"]
        for ent in doc.ents:
            role = person_role(ent) if ent.label_ == "PERSON" else None
            if role:
                self.roles.setdefault(canonical_person(ent.text, self.aliases), role)
            if ent.label_ in ("NORP", "GPE") and ent.end < len(doc) and \
                    doc[ent.end].lower_ == "government" and (code := _country_code(ent.text)):
                self.governments.setdefault(code, f"{ent.text} {doc[ent.end].text}")

    def of(self, head: Token) -> tuple[str | None, str | None]:
        """(speaker, role) for the noun phrase headed by ``head`` (for a dateline parsed as
        the subject, "WASHINGTON (AP) — President Obama", the phrase after it)."""
        phrase = noun_phrase(head)
        if _dateline_end(head.doc, phrase.start) >= phrase.end_char:
            phrase = _source_span(head)
        return self.resolve(phrase)

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (``Span.ents`` scans every entity of the Doc)."""
        first = bisect_left(self.ent_starts, span.start)
        return [e for e in self.ents[first:bisect_left(self.ent_starts, span.end)]
                if e.end <= span.end]

    def resolve(self, source: Span) -> tuple[str | None, str | None]:
        """(speaker, role) for a source span."""
        ents = self.ents_in(source)
        people = [e for e in ents if e.label_ == "PERSON"]
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
        elif ents and ents[-1].end == source.end:
            ent = ents[-1]  # the name is the head of the phrase: "The Times"
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            code = _country_code(name) if ent.label_ == "GPE" else None
            # a country that predicts or says is its government: "Italy predicts ..."
            result = (self.governments.get(code, name) if code else name, None)
        else:  # "The Italian government", "Officials"
            words = source[1:] if source[0].pos_ == "DET" and len(source) > 1 else source
            result = (words.text, None)
        self.last = result
        return result

    def _previous_person(self, before: int) -> tuple[str, str | None] | None:
        people = [e for e in self.people if e.end <= before]
        if not people:
            return None
        name = canonical_person(people[-1].text, self.aliases)
        return name, self.roles.get(name)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the paragraphs of ``text``: its lines (some feeds end a
    paragraph with one line break, others with a blank line), less their edge spaces."""
    pos = 0
    for line in text.split("\n"):
        start, end = pos + len(line) - len(line.lstrip()), pos + len(line.rstrip())
        if start < end:
            yield start, end
        pos += len(line) + 1


def _attribution(content: Span, cue: Span | None, source: Span | None,
                 speaker: tuple[str | None, str | None], kind: str,
                 sent_of: list[int]) -> Attribution:
    content = _skip_dateline(content)
    if source is not None and _dateline_end(source.doc, source.start) >= source.end_char:
        source, speaker = None, (None, None)  # "Washington (AFP)" is where, not who
    if source is not None and source.start < content.end and content.start < source.end and \
            not (cue is not None and content.start <= cue.start < content.end):
        # a "source" that runs into what is said (not around a parenthetical cue) is a
        # misparse: "“What I found astounding is that he would ...,” Biden said"
        source, speaker = None, (None, None)
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


def _line_breaks(span: Span) -> list[int]:
    """Indices of the tokens of ``span`` after which a line ends."""
    return [t.i for t in span if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text)]


def _same_line(a: Token, b: Token) -> bool:
    """Whether no line ends between ``a`` and ``b``."""
    lo, hi = sorted((a.i, b.i))
    return not _line_breaks(a.doc[lo:hi])


def _on_cue_line(content: Span, cue: Token) -> Span:
    """A reported clause cut to the line of its cue: a headline and the subhead under it
    are two statements, though the parser may read them as one sentence ("Lawmaker urges
    retaliation; | Member of House panel says U.S. has to act")."""
    doc, breaks = content.doc, _line_breaks(content[:-1])
    if not breaks:
        return content
    if cue.i >= content.end:
        start, end = max(breaks) + 1, content.end
    elif cue.i < content.start:
        start, end = content.start, min(breaks) + 1
    else:
        return content
    trimmed = _trim_clause(doc[start:end])
    return trimmed if len(trimmed) else content


def _nearest_cue(doc: Doc, content: Span) -> Token | None:
    """The attribution verb nearest to a quote, in the sentences the quote touches (and the
    one before a colon: "Mr Butterfield added: “...”")."""
    first, last = content[0].sent, content[-1].sent
    if content.start > 0 and content.doc[content.start - 1].text == ":":
        first = content.doc[content.start - 1].sent
    candidates = [
        t for t in doc[first.start:last.end]
        if (t.i < content.start or t.i >= content.end) and _is_cue(t)
    ]
    if not candidates:
        return _cue_after(content)
    return min(candidates, key=lambda t: content.start - t.i if t.i < content.start
               else t.i - content.end + 1)


def _cue_after(content: Span) -> Token | None:
    """The cue of a quote that the parser split from it: "“Why?” | Mr. Clyburn said,
    echoing ...": a cue verb heading the next sentence of the paragraph, with a subject and
    nothing reported of its own."""
    doc, last = content.doc, content[-1].sent
    if content.end < last.end - 1 or last.end >= len(doc) or \
            "\n" in doc[last.end - 1].whitespace_:
        return None
    root = doc[last.end].sent.root
    if root.i - last.end > 8 or not _is_cue(root) or not any(
            c.dep_ == "nsubj" for c in root.children) or any(
            c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children):
        return None
    return root


def _quotes(doc: Doc, text: str) -> Iterator[tuple[Span, bool, bool]]:
    """Every direct quote of ``doc`` (whose text is ``text``) as (content, starts its
    paragraph, closed in its paragraph)."""
    for p_start, p_end in _paragraphs(text):
        for q_start, q_end, closed in quote_spans(text, p_start, p_end):
            end = q_end if closed else len(text[:q_end].rstrip())
            content = doc.char_span(q_start, end, alignment_mode="expand")
            if content is not None and len(content) >= 2:
                yield content, q_start == p_start, closed


def _with_clause(cue: Token, quote: Span) -> Span:
    """A quote widened to what its cue reports when that holds the quote: "said that
    Brazile is “a good person.”", "praised his “body language”"."""
    reported = _reported_content(cue)
    if reported is None or not (reported.start < quote.end and quote.start < reported.end):
        return quote
    start, end = min(reported.start, quote.start), max(reported.end, quote.end)
    if start <= cue.i < end:  # “Normally,” she said, “you have ...”: two pieces
        return quote
    return quote.doc[start:end]


def _line_speaker(token: Token) -> Span:
    """The speaker before a colon: the whole line when it opens the line ("Chris Cillizza,
    The Washington Post: “...”"), else the noun phrase of ``token``."""
    doc, first = token.doc, token.i
    while first > 0 and token.i - first < 12 and "\n" not in doc[first - 1].whitespace_ \
            and not doc[first - 1].is_space:
        first -= 1  # back to the start of the line (a speaker is a few words at most)
    start = doc[first:token.i + 1]
    if start is not None and 0 < len(start) <= 12:
        return start
    return noun_phrase(token)


#: A quote signed on its own line with a dash and a name: "“...” ― Sonya Herridge",
#: "“...”— Apple Music", the way pull quotes, testimonials and epigraphs are attributed.
BYLINE = re.compile(r"[ \t]*(―|—|–|--?)[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4}?)"
                    r"[ \t]*\.?[ \t]*$")


def _byline(quote: Span, text: str) -> tuple[Span, Span] | None:
    """(dash, name) of a quote signed after it on its line (see ``BYLINE``)."""
    doc, end = quote.doc, quote.end_char
    while end > quote.start_char and text[end - 1] in "―—–-":
        end -= 1  # the tokenizer may glue the dash to the closing mark: ”―
    line_end = text.find("\n", end)
    match = BYLINE.match(text, end, len(text) if line_end < 0 else line_end)
    if match is None:
        return None
    name_end = match.end(2)
    if text[name_end - 1] == "." and not re.search(r"\b[A-Z]\.$", match.group(2)):
        name_end -= 1  # the full stop closing the line, not an initial: "Karen Bobadilla."
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    name = doc.char_span(match.start(2), name_end, alignment_mode="contract")
    if dash is None or name is None or not len(name) or dash.end > name.start:
        return None
    return dash, name


def _colon_cue(quote: Span) -> Token | None:
    """The colon of "Speaker: “quote”", when a name or noun stands right before it."""
    doc = quote.doc
    if quote.start < 2 or doc[quote.start - 1].text != ":":
        return None
    before = doc[quote.start - 2]
    return doc[quote.start - 1] if before.pos_ in ("PROPN", "NOUN", "PRON") else None


def _quote_head(quote: Span) -> Token:
    """The word of a quote highest in the parse (its marks and final stop may hang off
    the verb outside it, so ``Span.root`` can be a punctuation mark)."""
    words = [t for t in quote if not (t.is_punct or t.is_space)
             and not quote.start <= t.head.i < quote.end]
    return min(words, key=_depth) if words else quote.root


def _governing_cue(quote: Span) -> Token | None:
    """The cue verb above a quote in the parse: "assured that CNN takes this “very
    seriously”", "“We will win,” he said". Of nested cues the outermost one whose clause
    holds the quote wins ("Trump said the comments showed “a lack of respect”")."""
    cues = []
    token = _quote_head(quote)
    while token.head != token:
        token = token.head
        if not quote.start <= token.i < quote.end and _is_cue(token):
            cues.append(token)
    words_end = max((t.i + 1 for t in quote if not (t.is_punct or t.is_space)),
                    default=quote.end)  # closing marks ('' or ”) and a stop may hang outside
    for cue in reversed(cues):
        content = _reported_content(cue)
        if content is not None and content.start <= quote.start and words_end <= content.end:
            return cue
    return cues[0] if cues else None


def _depth(token: Token) -> int:
    """How many heads are above ``token`` in its sentence."""
    depth = 0
    while token.head != token:
        token, depth = token.head, depth + 1
    return depth


def _is_naming(cue: Token) -> bool:
    """A participle that names rather than reports: "a phenomenon called “...”",
    "so-called “...”"."""
    return cue.dep_ in ("acl", "amod") and cue.tag_ == "VBN"


def _structural_cue(quote: Span) -> Token | None:
    """Any verb that takes a whole quote as its clause, with a subject of its own:
    "“I am so ready to work on this,” she emailed her daughter"."""
    verb = _quote_head(quote).head
    if quote.start <= verb.i < quote.end or verb.pos_ != "VERB":
        return None
    takes_quote = _quote_head(quote).dep_ in ("ccomp", "parataxis") or (
        _quote_head(quote).dep_ == "dobj" and len(quote) > 6)
    has_subject = any(c.dep_ == "nsubj" for c in verb.children)
    return verb if takes_quote and has_subject else None


def _name_before_cue(quote: Span, cue: Token) -> Span | None:
    """The speaker written between a quote and its cue ("“...,” Flynn, a top surrogate,
    said") when the parser took some other word for the cue's subject (a title in quote
    marks after the cue, or the name as an appositive inside the quote's clause)."""
    doc = quote.doc
    subject = subject_of(cue)
    if cue.i <= quote.end or cue.i - quote.end > 15 or (
            subject is not None and quote.end <= subject.i < cue.i):
        return None
    between = trim_punct(doc[quote.end:cue.i])
    if not len(between) or any(t.pos_ in ("VERB", "AUX") and not t.ent_type_
                               for t in between) or not (  # "Tulsa" tagged as a verb
            between[0].ent_type_ in SPEAKER_ENTS and between[0].ent_iob_ == "B"):
        return None
    if between.end < cue.i and doc[between.end].text == ",":
        between = doc[between.start:between.end + 1]  # the comma closing an appositive
    return between


def _parenthetical(token: Token) -> bool:
    """A cue verb set off inside the sentence it reports: "X, he said, is Y"."""
    return token.dep_ == "parataxis" and token.pos_ == "VERB" and _is_cue(token) and any(
        c.dep_ == "nsubj" for c in token.children) and not any(
        c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children)


def _subject_outside(cue: Token, quote: Span) -> Token | None:
    """The subject of a quote's cue that is not the quote itself: in "“My reaction, that was
    outrageous,” the strategist said" the parser may take the quote's first noun for a
    second subject."""
    if any(c.dep_ == "auxpass" for c in cue.children):
        return _agent(cue)  # "“Christian” ... were admitted": who is admitted says nothing
    outside = [c for c in cue.children if c.dep_ == "nsubj"
               and not quote.start <= c.i < quote.end]
    if outside:
        return _past_dateline(outside[0])
    if cue.dep_ == "pcomp" and cue.head.pos_ == "ADP":  # “...,” she began by saying
        return _participle_subject(cue)
    return _past_dateline(subject_of(cue))


def _is_title(quote: Span, cue: Token) -> bool:
    """A quoted name after a preposition of the cue: said on “Fox News Sunday”."""
    prep = _quote_head(quote).head
    return _quote_head(quote).dep_ == "pobj" and prep.head == cue and not \
        quote.start <= prep.i < quote.end


def _colon_paragraphs(doc: Doc, speakers: _Speakers, sent_of: list[int],
                      claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    """A paragraph introduced by a cue and a colon closing the one before ("The governor
    added:", "Caddell continued:"): the whole paragraph is what was said, quoted or not."""
    lines = list(_paragraphs(speakers.text))
    for (_, end), (next_start, next_end) in pairwise(lines):
        colon = doc.char_span(end - 1, end)
        if colon is None or colon.text != ":" or colon.start == 0:
            continue
        verb = doc[colon.start - 1]
        if not (_is_cue(verb) or verb.lemma_.lower() == "continue") or any(
                c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
            continue
        subject = subject_of(verb)
        content = doc.char_span(next_start, next_end, alignment_mode="expand")
        if subject is None or content is None or not len(content) or \
                _overlaps(content.start, content.end, claimed):
            continue
        if not (content[0].is_quote or content[0].text in OPENERS):
            content = _trim_clause(content)
        claimed.append((content.start, content.end))
        cue = doc[_cue_span(verb).start:colon.end]
        yield _attribution(content, cue, _source_span(subject, verb), speakers.of(subject),
                           "direct", sent_of)


def _direct(doc: Doc, speakers: _Speakers, sent_of: list[int], claimed: list[tuple[int, int]],
            unattributed: list[Span]) -> Iterator[Attribution]:
    """Direct quotes with a cue in their sentence, quotes that follow one in the same
    paragraph (more of the same statement), and quote paragraphs that continue one."""
    run_on = False  # the previous paragraph ended inside a quote
    previous: Attribution | None = None  # the last attribution in this paragraph
    for quote, starts_paragraph, closed in _quotes(doc, speakers.text):
        if starts_paragraph:
            previous = None
        if _overlaps(quote.start, quote.end, claimed):  # "“tight,” according to the survey"
            continue
        if (signed := _byline(quote, speakers.text)) is not None:  # "“...” ― Jane Doe"
            claimed.append((quote.start, quote.end))
            previous = _attribution(quote, signed[0], signed[1], speakers.resolve(signed[1]),
                                    "direct", sent_of)
            yield previous
            run_on = not closed
            continue
        cue = _governing_cue(quote) or _nearest_cue(doc, quote) or _structural_cue(quote)
        if cue is not None and (_is_title(quote, cue) or _is_naming(cue)):
            continue
        if cue is not None and (named := _name_before_cue(quote, cue)) is not None:
            content, source, speaker = quote, named, speakers.resolve(named)
        elif cue is not None:
            content = _with_clause(cue, quote)
            subject = _subject_outside(cue, quote)
            source = _source_span(subject, cue) if subject is not None else None
            speaker = speakers.of(subject) if subject is not None \
                else (None, None)
        if cue is not None:
            claimed.append((content.start, content.end))
            previous = _attribution(content, _cue_span(cue), source, speaker, "direct", sent_of)
            yield previous
        elif (colon := _colon_cue(quote)) is not None:  # "Trump: “We will win.”"
            source = _line_speaker(doc[colon.i - 1])
            claimed.append((quote.start, quote.end))
            previous = _attribution(quote, doc[colon.i:colon.i + 1], source,
                                    speakers.resolve(source), "direct", sent_of)
            yield previous
        elif previous is not None:  # “We will win,” he said. “And we will govern.”
            claimed.append((quote.start, quote.end))
            yield _attribution(quote, None, None, (previous.speaker, previous.role), "direct",
                               sent_of)._replace(
                cue_start=previous.cue_start, cue_end=previous.cue_end, cue=previous.cue,
                source_start=previous.source_start, source_end=previous.source_end,
                source=previous.source)
        elif starts_paragraph and (run_on or speakers.last):
            claimed.append((quote.start, quote.end))
            yield _attribution(quote, None, None, speakers.last or (None, None), "continuation",
                               sent_of)
        else:
            unattributed.append(quote)
        run_on = not closed


def _partial(content: Span, speakers: _Speakers, sent_of: list[int]) -> Iterator[Attribution]:
    """A quoted phrase inside a sentence: the sentence's subject is taken as its source."""
    head = _quote_head(content).head
    inside = content.start <= head.i < content.end
    if (head.pos_ != "VERB" or inside) and len(content) < 6:
        return  # a scare quote or a title, not something somebody said
    if inside:
        head = content.sent.root
    subject = _agent(head) if _is_naming(head) else None  # "dubbed “X” by the campaign"
    subject = subject or subject_of(head) or subject_of(content.sent.root)
    if subject is None or head.pos_ != "VERB":
        return
    yield _attribution(content, head.doc[head.i:head.i + 1], _source_span(subject, head),
                       speakers.of(subject), "partial", sent_of)


def _trim_clause(span: Span) -> Span:
    """Drop edge punctuation and a dangling conjunction from a clause span, keeping the
    mark that closes a quote opened inside it ("remained “tight,”")."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):  # "... stopped, but"
        end -= 1
    text = doc[start:end].text
    if start < end and (text.count("“") > text.count("”") or text.count('"') % 2):
        i = end  # the closing mark may come after the clause's final punctuation
        while i < min(len(doc), end + 4) and doc[i].is_punct:
            if doc[i].text in ("”", '"'):
                end = i + 1
                break
            i += 1
    return doc[start:end]


def _agent(cue: Token) -> Token | None:
    """The "by" agent of a passive cue: "was denounced by [the chairman]"."""
    for child in cue.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


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


def _cue_prep(cue: Token) -> Token | None:
    """The preposition that completes a cue with no object or clause of its own:
    "called on", "talked about", "warned of", "referred to"."""
    if any(c.dep_ in ("ccomp", "dobj", "auxpass") for c in cue.children):
        return None
    doc, i = cue.doc, cue.i + 1
    if i < len(doc) and doc[i].dep_ == "prt" and doc[i].head == cue:
        i += 1
    while i < len(doc) and doc[i].head == cue and (doc[i].dep_ == "advmod" or (
            doc[i].dep_ == "npadvmod" and doc[i].ent_type_ in ("DATE", "TIME"))):
        i = doc[i].right_edge.i + 1  # "spoke emotionally of", "ruled Friday against"
    if i < len(doc) and doc[i].head == cue and doc[i].dep_ == "prep" and \
            any(c.dep_ in ("pobj", "pcomp") for c in doc[i].children) and (
                doc[i].lower_ in CUE_PREPS
                or cue.lemma_.lower() in VERB_PREPS.get(doc[i].lower_, ())):
        return doc[i]
    return None


#: Words that open a trailing adjunct after a comma that is no part of what was said:
#: "..., as he charged into unexpected territory", "..., even though voters ...".
ADJUNCT_MARKS = frozenset({"as", "although", "though", "while", "whereas", "even"})


def _before_adjunct(content: Span) -> Span:
    """A reported clause without a trailing participle or concessive clause after a comma:
    "that the FBI had reopened a probe[, giving a boost to Trump]"."""
    doc = content.doc
    for t in content[1:-1]:
        if t.text != ",":
            continue
        nxt = doc[t.i + 1]
        while nxt.i < content.end - 1 and nxt.text in ("”", "’", '"'):
            nxt = doc[nxt.i + 1]
        participle = nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "xcomp", "acl", "conj")
        if participle or (nxt.lower_ in ADJUNCT_MARKS and nxt.dep_ in ("mark", "advmod")):
            return _trim_clause(doc[content.start:t.i + (1 if nxt.i > t.i + 1 else 0)])
    return content


def _before_conjoined_cue(content: Span) -> Span:
    """A reported clause cut before a conjoined clause that is an attribution of its own:
    "Obama stressed that the reforms were incomplete, [and rights groups warned that ...]"."""
    doc = content.doc
    for t in content[1:]:
        if t.dep_ == "conj" and content.start <= t.head.i < t.i and _is_cue(t) and any(
                c.dep_ == "nsubj" for c in t.children):
            start = min([c.left_edge.i for c in t.children if c.i < t.i] + [t.i])
            trimmed = _trim_clause(doc[content.start:start])
            return trimmed if len(trimmed) else content
    return content


def _before_semicolon(content: Span) -> Span:
    """A reported clause cut before a semicolon that opens a clause of its own: "the timing
    was not intentional[; they only learned of the deals on Friday]"."""
    doc = content.doc
    for t in content[1:-1]:
        if t.text == ";" and any(c.dep_ in ("nsubj", "nsubjpass") and c.head.i > t.i
                                 for c in doc[t.i + 1:content.end]):
            trimmed = _trim_clause(doc[content.start:t.i])
            return trimmed if len(trimmed) else content
    return content


def _before_next_cue(content: Span) -> Span:
    """A content cut before a participle cue that starts a statement of its own:
    "told him that X, adding that Y", "said X before noting that Y"."""
    doc = content.doc
    for t in content[1:]:
        if t.tag_ == "VBG" and _is_cue(t):
            before = doc[t.i - 1]
            if before.text == "," or (before.lower_ in ("before", "after", "while")
                                      and doc[t.i - 2].text != "by"):
                return _trim_clause(doc[content.start:before.i])
    return content


def _reported_content(cue: Token) -> Span | None:
    """What a cue verb reports: its clause ("said that X"), its object with what completes
    it ("accused Trump of X", "asked voters to X"), the object of its preposition ("called
    on men to X"), or, for a parenthetical cue, the rest of its sentence."""
    doc = cue.doc
    prep = _cue_prep(cue)
    for deps in (("ccomp",), ("xcomp",), ("dobj",)):
        parts = [c for c in cue.children if c.dep_ in deps and _same_line(c, cue)]
        if parts and prep is None:
            start = parts[0].left_edge.i
            end = parts[0].right_edge.i + 1
            objects = [c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == start]
            if deps == ("ccomp",) and objects and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl") for c in parts[0].children):
                start = objects[0].left_edge.i  # "predicts [400,000 migrants] could cross"
            if deps == ("dobj",):  # "accused Trump of showering praise on Putin"
                for child in cue.rights:
                    if child.i > parts[0].i and child.dep_ in OBJECT_COMPLEMENTS and not any(
                            _is_cue(t) for t in child.subtree):
                        end = max(end, child.right_edge.i + 1)
            content = _before_adjunct(_before_next_cue(_before_conjoined_cue(
                _before_semicolon(_trim_clause(doc[start:end])))))
            return content if len(content) else None
    if prep is not None:
        end = prep.right_edge.i + 1
        for child in cue.rights:
            if child.i > prep.i and child.dep_ in ("xcomp", "prep") and not _is_cue(child):
                end = max(end, child.right_edge.i + 1)
        content = _trim_clause(doc[prep.i + 1:end])
        return content if len(content) else None
    if cue.dep_ == "parataxis" or _as_clause(cue):  # "The bank, he said, is cooperating",
        return _around(cue)  # "As experts have pointed out, he is free to disclose them"
    return _stray_clause(cue)


def _as_clause(cue: Token) -> bool:
    """A cue in an "as" clause that reports the clause it modifies: "As many experts have
    pointed out, X", "X, as police have said"."""
    if cue.dep_ != "advcl" or any(c.dep_ == "auxpass" for c in cue.children):
        return False
    return any(c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i and (
        c.is_sent_start or c.nbor(-1).text in (",", "—", "(")) for c in cue.children)


def _stray_clause(cue: Token) -> Span | None:
    """A "that" clause the parser hung on a word after a cue that reports nothing else:
    "Voters say by a 7-point margin, 49 percent to 42 percent, [that they'd prefer ...]"."""
    doc = cue.doc
    for t in doc[cue.i + 1:cue.right_edge.i + 1]:
        if t.pos_ in ("VERB", "AUX") and t.head.i > cue.i and t.dep_ not in ("aux", "auxpass"):
            if t.head.pos_ in ("VERB", "AUX") or not any(
                    c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i for c in t.children):
                return None  # a verb of its own before any "that" clause on a noun
            return _trim_clause(doc[min(c.i for c in t.children if c.lower_ == "that"):
                                    t.right_edge.i + 1])
    return None


def _past_dateline(subject: Token | None) -> Token | None:
    """``subject``, or, when it is a dateline the parser took for a second subject
    ("DENVER, Oct. 4 (UPI) — The council said"), the subject after it."""
    if subject is None or _dateline_end(subject.doc, subject.i) <= subject.idx:
        return subject
    later = [c for c in subject.head.children if c.dep_ in ("nsubj", "nsubjpass")
             and c.i > subject.i]
    return later[0] if later else subject


#: What a statement is issued as, besides ``MEDIA``: "filed legal papers opposing ...".
DOCUMENTS = frozenset({"paper", "report", "document", "brief", "ad", "advertisement",
                       "video", "resolution", "petition", "motion", "complaint", "notice"})


def _document_verb(cue: Token) -> Token | None:
    """The verb whose object is a document a participle cue describes, whose subject is the
    source: "the council issued a statement calling ...", "sent tweets criticizing"."""
    if cue.dep_ != "acl" or cue.tag_ != "VBG" or cue.head.pos_ != "NOUN" or \
            cue.head.lemma_.lower() not in MEDIA | DOCUMENTS:
        return None
    noun = cue.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "a series of tweets saying"
        noun = noun.head.head
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or subject_of(verb) is None:
        return None
    return verb


def _participle_subject(cue: Token) -> Token | None:
    """Who a cue is said of: its subject, the noun a participle modifies ("a poll showing
    Trump ahead"), or the subject of the verb a gerund depends on ("before noting that")."""
    subject = _past_dateline(subject_of(cue))
    if subject is not None:
        return subject
    if cue.dep_ == "xcomp" and cue.head.dep_ == "acomp":  # "was able to tout his record"
        return subject_of(cue.head.head)
    if (issuer := _document_verb(cue)) is not None:  # "issued a statement calling"
        return subject_of(issuer)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head
    if cue.dep_ == "pcomp" and cue.head.pos_ == "ADP":  # "began by saying", "after
        verb = cue.head.head  # saying ..., she was whisked off", "and for saying"
        while verb.dep_ == "ccomp" and _is_cue(verb.head):
            verb = verb.head  # "told him that X, before noting": the teller notes
        return subject_of(verb)
    verb = cue  # the named speaker a clause describes: "John Burton, ..., informed of it"
    for _ in range(3):
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            named = verb.head.ent_type_ in SPEAKER_ENTS  # not "a speech accusing"
            return verb.head if named else None
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head == verb:
            return None
        verb = verb.head
    return None


def _stance(adjective: Token) -> tuple[Span, Span, Token] | None:
    """(cue, content, subject) of a stance stated with an adjective: "was optimistic that
    X", "had been skeptical of X"."""
    doc, copula = adjective.doc, adjective.head
    subject = subject_of(copula)
    if subject is None or subject.lower_ == "it":
        return None
    clauses = [c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")]
    preps = [c for c in adjective.children if c.dep_ == "prep" and c.i == adjective.i + 1
             and c.lower_ in ("of", "about", "that")
             and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
    if clauses:
        end, content = adjective.i + 1, _trim_clause(
            doc[clauses[0].left_edge.i:clauses[0].right_edge.i + 1])
    elif preps:
        end, content = preps[0].i + 1, _trim_clause(doc[preps[0].i + 1:preps[0].right_edge.i + 1])
    else:
        return None
    start = _cue_span(copula).start
    if not len(content) or not start < adjective.i:
        return None
    return doc[start:end], content, subject


#: Nouns naming someone by the stance they take: "she is a vocal supporter of NATO".
STANCE_AGENTS = frozenset({"supporter", "opponent", "critic", "advocate", "proponent",
                           "champion", "defender", "backer", "foe", "detractor", "skeptic",
                           "sceptic"})


def _agent_stance(noun: Token) -> tuple[Span, Span, Token] | None:
    """(cue, content, subject) of a stance stated as what the subject is: "has been a
    consistent and outspoken supporter of NATO", "is a staunch opponent of the death
    penalty"."""
    doc, copula = noun.doc, noun.head
    subject = subject_of(copula)
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if copula.lemma_ != "be" or subject is None or prep is None or \
            not any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
        return None
    content = _trim_clause(doc[prep.i + 1:prep.right_edge.i + 1])
    if not len(content):
        return None
    return doc[_cue_span(copula).start:prep.i + 1], content, subject


#: Nouns of statements and opinions that are cues with their owner and their topic
#: (FrameNet Statement, Opinion and Taking_sides): "his infamous comment about 47
#: percent", "his theory of America's role", "Clinton's comments Tuesday on the shooting".
OWNED_TOPIC_NOUNS = frozenset({
    "comment", "remark", "message", "rhetoric", "pronouncement", "declaration", "opinion",
    "position", "stance", "idea", "theory", "thought", "support", "opposition"})
#: The prepositions that introduce such a noun's topic.
TOPIC_PREPS = frozenset({"about", "of", "on", "for", "against", "with", "to"})


def _owned_topic(noun: Token) -> tuple[Span, Span] | None:
    """(cue, content) of an owned statement or opinion noun and the topic after it."""
    doc = noun.doc
    if noun.lemma_.lower() not in OWNED_TOPIC_NOUNS:
        return None
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPS and prep.i - noun.i <= 3 and any(
                c.dep_ in ("pobj", "pcomp") for c in prep.children):
            content = _trim_clause(doc[prep.i + 1:prep.right_edge.i + 1])
            start = min([c.left_edge.i for c in noun.lefts if c.dep_ == "amod"] + [noun.i])
            return (doc[start:prep.i + 1], content) if len(content) else None
    return None


def _reported(doc: Doc, speakers: _Speakers, sent_of: list[int],
              claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    speakers.last = None  # a pronoun here refers to the last person named before it
    words = [t for t in doc if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")]
    # outer cues first, but a parenthetical cue before the verb it interrupts: in "The
    # museum, Mr. Bush said, celebrated his heroes" the museum is what is said, not a source
    for token in sorted(words, key=lambda t: (sent_of[t.i], not _parenthetical(t), _depth(t),
                                              t.i)):
        if _is_cue(token):
            subject = _participle_subject(token)
            content = _reported_content(token)
            if content is not None:
                content = _on_cue_line(content, token)
            elif subject is not None and subject.dep_ == "nsubjpass" and \
                    subject.head == token and (agent := _agent(token)) is not None:
                # "his decision was overturned by an appeals court": the decision is what
                # the court's act is about, the court its source
                content = full_noun_phrase(subject)
                if _overlaps(content.start, content.end, claimed):
                    continue
                claimed.append((content.start, content.end))
                yield _attribution(content, _cue_span(token), _source_span(agent),
                                   speakers.of(agent), "reported", sent_of)
                continue
            if content is None or len(content) == 0 or (subject is None and not any(
                    c.dep_ in ("ccomp", "xcomp") for c in token.children)):
                continue
            if _overlaps(content.start, content.end, claimed):
                continue
            claimed.append((content.start, content.end))
            cue = _cue_span(token)
            if subject is None and (named := _misparsed_speaker(token)) is not None:
                yield _attribution(content, cue, named, speakers.resolve(named), "reported",
                                   sent_of)
                continue
            if subject is None:  # "It was reported that ...", "expected to win"
                yield _attribution(content, cue, None, (None, None), "reported", sent_of)
                continue
            if subject.dep_ == "nsubjpass" and subject.head == token:
                # "Democrats are expected to gain seats": the subject is reported, the
                # source is the agent, if any ("was denounced by the chairman")
                agent = _agent(token)
                yield _attribution(content, cue, _source_span(agent) if agent else None,
                                   speakers.of(agent) if agent
                                   else (None, None), "reported", sent_of)
                reported = full_noun_phrase(subject)
                if subject.lower_ != "it" and not _overlaps(reported.start, reported.end,
                                                            claimed):
                    claimed.append((reported.start, reported.end))
                    yield _attribution(reported, cue, None, (None, None), "reported", sent_of)
                continue
            yield _attribution(content, cue, _source_span(subject, token),
                               speakers.of(subject), "reported", sent_of)
        elif token.pos_ == "NOUN" and token.dep_ == "attr" and \
                token.lemma_.lower() in STANCE_AGENTS and (found := _agent_stance(token)):
            cue, content, subject = found
            if _overlaps(content.start, content.end, claimed):
                continue
            claimed.append((content.start, content.end))
            yield _attribution(content, cue, _source_span(subject, token.head),
                               speakers.of(subject), "reported", sent_of)
        elif token.dep_ == "acomp" and (token.lemma_.lower() in CUE_ADJECTIVES or (
                token.tag_ == "VBN" and token.lower_ in CUE_ADJECTIVES)):  # "are convinced"
            found = _stance(token)
            if found is None or _overlaps(found[1].start, found[1].end, claimed):
                continue
            cue, content, subject = found
            claimed.append((content.start, content.end))
            yield _attribution(content, cue, _source_span(subject, token.head),
                               speakers.of(subject), "reported", sent_of)
        elif token.pos_ == "NOUN" and (token.lemma_.lower() in CUE_NOUNS or (
                token.lemma_.lower() in OWNED_CUE_NOUNS | OWNED_TOPIC_NOUNS
                and any(c.dep_ == "poss" for c in token.children))):
            clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp")
                       and any(g.dep_ == "mark" for g in c.children)]
            infinitives = [c for c in token.children if c.dep_ == "acl" and c.i > token.i
                           and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
            prep = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if clauses or (infinitives and any(c.dep_ == "poss" for c in token.children)):
                clauses = clauses or infinitives  # "the president's eagerness to use ..."
                content = _trim_clause(doc[clauses[0].left_edge.i:clauses[0].right_edge.i + 1])
                cue = doc[token.i:token.i + 1]
            elif prep is not None and prep.head == token and prep.lower_ in NOUN_PREPS and \
                    any(c.dep_ in ("pobj", "pcomp") for c in prep.children):  # "fears of a
                # Trump win", "calls for releasing the video"
                content = _trim_clause(doc[token.i + 2:prep.right_edge.i + 1])
                cue = doc[token.i:token.i + 2]
            elif (owned := _owned_topic(token)) is not None:  # "his comments on the case"
                cue, content = owned
            else:
                continue
            if len(content) == 0 or _overlaps(content.start, content.end, claimed):
                continue
            owners = [c for c in token.children if c.dep_ == "poss"] or [
                g for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                and c.i > token.i for g in c.children if g.dep_ == "pobj"
                and g.i < content.start]  # "warnings from his attorney that ..."
            source = full_noun_phrase(owners[0]) if owners else None
            claimed.append((content.start, content.end))
            yield _attribution(content, cue, source,
                               speakers.resolve(source) if source is not None else (None, None),
                               "reported", sent_of)


def _lead_trimmed(span: Span) -> Span:
    """A clause without a leading conjunction or subordinate clause: "And while X, Y" -> Y."""
    doc, start = span.doc, span.start
    while start < span.end and doc[start].dep_ == "cc":
        start += 1
    first = doc[start] if start < span.end else None
    if first is None:
        return _trim_clause(span)
    if (first.dep_ == "mark" and first.head.dep_ == "advcl") or first.lower_ == "despite":
        head = first.head if first.dep_ == "mark" else first
        comma = head.right_edge.i + 1
        if comma < span.end - 1 and doc[comma].text == ",":
            start = comma + 1
    return _trim_clause(doc[start:span.end])


def _according_to(doc: Doc, speakers: _Speakers, sent_of: list[int],
                  claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    """"X, according to Y" and "According to Y, X": the longer side is the content."""
    for token in doc[:-1]:
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
        if not objects:
            continue
        source = _source_span(objects[0])
        sent = token.sent
        phrase_end = objects[0].right_edge.i + 1
        before = _lead_trimmed(doc[sent.start:token.i])
        after = _lead_trimmed(doc[phrase_end:sent.end])
        content = _on_cue_line(before if len(before) >= len(after) else after, token)
        if len(content) == 0 or _overlaps(content.start, content.end, claimed):
            continue
        claimed.append((content.start, content.end))
        yield _attribution(content, doc[token.i:token.i + 2], source,
                           speakers.of(objects[0]), "according_to", sent_of)


#: Nouns of documents and statements that an opening "In ..." makes a source: "In the
#: latest poll, Clinton leads by 4 points", "In a court filing, the company denies it".
DOCUMENT_NOUNS = frozenset({
    "poll", "survey", "study", "report", "statement", "letter", "memo", "interview",
    "ruling", "filing", "book", "memoir", "speech", "tweet", "post", "column", "editorial",
    "analysis", "review", "complaint", "lawsuit", "document", "email", "testimony",
    "opinion", "brief", "order", "release", "remarks", "essay", "op-ed"})


#: The documents of that list a person writes or gives, rather than publishes as a finding.
STATEMENT_NOUNS = frozenset({"statement", "interview", "speech", "tweet", "post", "letter",
                             "email", "remarks", "testimony", "essay", "op-ed", "column",
                             "book", "memoir"})


def _in_document(doc: Doc, speakers: _Speakers, sent_of: list[int],
                 claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    """"In <a poll, a statement, a filing>, <clause>": the clause is the document's, unless
    the sentence has a cue of its own ("In a statement, Husted said ...")."""
    for sent in doc.sents:
        first = next((t for t in sent if not (t.is_punct or t.is_space or t.dep_ == "cc")),
                     None)
        if first is None or first.lower_ != "in" or first.dep_ != "prep" or \
                first.head != sent.root or _is_cue(sent.root):
            continue
        objects = [c for c in first.children if c.dep_ == "pobj"]
        if not objects or objects[0].lemma_.lower() not in DOCUMENT_NOUNS:
            continue
        content = _lead_trimmed(doc[first.right_edge.i + 1:sent.end])
        if len(content) < 3 or _overlaps(content.start, content.end, claimed):
            continue
        claimed.append((content.start, content.end))
        subject = subject_of(sent.root)
        if objects[0].lemma_.lower() in STATEMENT_NOUNS and subject is not None and (
                subject.ent_type_ in SPEAKER_ENTS or subject.lower_ in PRONOUNS
                or subject.pos_ == "PROPN"):  # a name the tagger left untyped: "Ham"
            # "In a statement, Clinton was more circumspect": the statement is the cue
            # and its author, the subject, the source
            source, cue = _source_span(subject), trim_punct(doc[first.i + 1:first.right_edge.i + 1])
            content = _trim_clause(doc[source.end:content.end])
        else:
            source, cue = _source_span(objects[0]), doc[first.i:first.i + 1]
        yield _attribution(content, cue, source, speakers.resolve(source), "according_to",
                           sent_of)


#: Line labels that are not speakers: "EDITOR'S NOTE:", "UPDATE:".
NOT_SPEAKERS = frozenset({"note", "update", "correction", "clarification", "photo", "watch",
                          "read", "related", "source", "video", "editor", "credit", "more",
                          "exclusive", "breaking", "opinion", "editorial", "commentary", "live",
                          "listen", "explainer", "factbox", "timeline"})
#: A line that opens with a speaker and a colon: "Trump: Generals don't want her",
#: "MS. CLINTON: You are the smartest people." A transcript quoted whole opens each turn
#: with a quotation mark: "\"WALLACE: Let's start."
SPEAKER_LINE = re.compile(
    r"(?m)^[\"“]?([A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,4}):[ \t]+(\S[^\n]*)$")


def _speaker_lines(doc: Doc, speakers: _Speakers, sent_of: list[int],
                   claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    """Headlines and transcript lines of the form "Speaker: what they said", when the
    speaker is a named person, group or place, or a transcript's capitalised label."""
    text = speakers.text
    for match in SPEAKER_LINE.finditer(text):
        source = doc.char_span(match.start(1), match.end(1))
        content = doc.char_span(match.start(2), len(text[:match.end(2)].rstrip()),
                                alignment_mode="expand")
        if source is None or content is None or not len(content):
            continue
        label = source.text.isupper() and len(source) <= 3
        content = _trim_turn(content) if label else _trim_clause(content)
        named = any(e.label_ in SPEAKER_ENTS for e in speakers.ents_in(source)) or all(
            t.pos_ == "PROPN" or t.is_punct for t in source) or (
            len(source) == 1 and source[0].lower_ in CUE_NOUNS) or (  # "Poll: Clinton leads"
            source.start == 0 and len(source) == 1 and source[0].is_title)  # a headline
        # opened by one capitalised word the tagger took for a noun: "Sanders: Clinton needs"
        if not (named or label) or source[-1].lower_.strip(".") in NOT_SPEAKERS or \
                not len(content) or _overlaps(content.start, content.end, claimed):
            continue
        claimed.append((content.start, content.end))
        colon = doc[source.end] if source.end < len(doc) else None
        yield _attribution(content, doc[colon.i:colon.i + 1] if colon is not None else None,
                           source, speakers.resolve(source), "direct", sent_of)


def _trim_turn(content: Span) -> Span:
    """A transcript turn with its final punctuation but without the quotation marks a
    quoted transcript wraps it in: "PENCE: Well, look, ...—.\"" -> "Well, look, ...—."."""
    doc, start, end = content.doc, content.start, content.end
    while end > start + 1 and (doc[end - 1].text in ('"', "”") or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _verb_lemma(word: str) -> str | None:
    """The cue lemma of a capitalised headline word ("Warns", "Joked", "Tells"), or None."""
    word = word.lower()
    for suffix, repl in (("", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"),
                         ("ed", ""), ("d", "")):
        if word.endswith(suffix) and (lemma := word[:len(word) - len(suffix)] + repl) \
                in CUE_VERBS:
            return lemma
    return None


def _headlines(doc: Doc, speakers: _Speakers, sent_of: list[int],
               claimed: list[tuple[int, int]]) -> Iterator[Attribution]:
    """Title-case lines ("Obama Warns Trump Is Unfit"), which the parser reads as one long
    name: the first capitalised cue verb after the opening words splits source and content."""
    pos = 0
    for line in speakers.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        words = [w for w in line.split() if w[0].isalpha()]
        if not 3 <= len(words) <= 20 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
            continue
        span = doc.char_span(start, start + len(line.rstrip()), alignment_mode="contract")
        if span is None or any(t.pos_ == "VERB" and _is_cue(t) for t in span):
            continue
        for t in span[1:-1]:
            if t.is_title and t.pos_ == "PROPN" and _verb_lemma(t.text):
                source, content = span[:t.i - span.start], _trim_clause(doc[t.i + 1:span.end])
                if all(w.is_title or w.is_punct for w in source) and len(content) and not \
                        _overlaps(content.start, content.end, claimed):
                    claimed.append((content.start, content.end))
                    yield _attribution(content, doc[t.i:t.i + 1], source,
                                       speakers.resolve(source), "reported", sent_of)
                break


def _univocal(found: list[Attribution]) -> list[Attribution]:
    """Attributions that do not nest or overlap, the longest content first: a cue inside
    another attribution's content ("I think" inside a quote, "he says" inside a reported
    clause) is part of that content, and overlapping contents are one statement."""
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: a.content_start - a.content_end):
        nested = any(
            (a.cue_start is not None and k.content_start <= a.cue_start < k.content_end)
            or (a.content_start < k.content_end and k.content_start < a.content_end)
            for k in kept)
        if not nested:
            kept.append(a)
    return kept


def quotations(doclike: DocLike) -> Iterator[Attribution]:
    """Yield the attributions of a parsed article in document order.

    "According to" comes first, then "Speaker: ..." lines and title-case headlines, direct
    quotes with a cue (a quote inside a reported clause takes the clause as its content),
    reported speech, and quoted phrases that nothing else attributed (partial quotes
    governed by a verb). Of overlapping or nested attributions the longest content wins.

    Args:
        doclike: a parsed Doc or a Span of one (each line of it is a paragraph).

    Yields:
        Attribution records with character offsets into ``doc.text``.
    """
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    speakers = _Speakers(doc)
    sent_of = sentence_indices(doc)
    claimed: list[tuple[int, int]] = []
    unattributed: list[Span] = []
    found = list(_according_to(doc, speakers, sent_of, claimed))
    found += _speaker_lines(doc, speakers, sent_of, claimed)
    found += _headlines(doc, speakers, sent_of, claimed)
    found += _colon_paragraphs(doc, speakers, sent_of, claimed)
    found += _direct(doc, speakers, sent_of, claimed, unattributed)
    found += _reported(doc, speakers, sent_of, claimed)
    found += _in_document(doc, speakers, sent_of, claimed)
    speakers.last = None
    for quote in unattributed:
        if not _overlaps(quote.start, quote.end, claimed):
            found += _partial(quote, speakers, sent_of)
    lo, hi = ((doclike.start_char, doclike.end_char) if isinstance(doclike, Span)
              else (0, len(speakers.text)))
    for attribution in sorted(_univocal(found), key=lambda a: a.content_start):
        if lo <= attribution.content_start < hi:
            yield attribution
