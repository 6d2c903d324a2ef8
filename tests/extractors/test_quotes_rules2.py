"""Quote attribution rules of the second PolNeAR round: cues, bylines, datelines."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from extractors.quotes import _name_before_cue, _source_span, quotations, quote_spans
from pipeline.nlp import parse_texts


def parse(nlp, text: str):
    return next(parse_texts(nlp, [text]))


def triples(nlp, text: str) -> list[tuple]:
    return [(q.source, q.cue, q.content) for q in quotations(parse(nlp, text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue's preposition that takes a gerund clause: "called for reducing ..."
        ("The governor called for reducing the state sales tax to 5 percent.",
         [("The governor", "called for", "reducing the state sales tax to 5 percent")]),
        # wanting and intending verbs are cues (want-32.1, wish-62)
        ("The mayor wants to double the number of bus lanes by 2020.",
         [("The mayor", "wants", "to double the number of bus lanes by 2020")]),
        ("The board intends to close two schools next year.",
         [("The board", "intends", "to close two schools next year")]),
        # agreeing or refusing to act (FrameNet Agree_or_refuse_to_act)
        ("The senator has refused to release his tax returns.",
         [("The senator", "has refused", "to release his tax returns")]),
        # liking and loathing verbs are cues (admire-31.2)
        ("Many farmers despise the new water rules.",
         [("Many farmers", "despise", "the new water rules")]),
        # a gerund after a preposition speaks for the subject of the verb it depends on
        ("The mayor opened the meeting and began by saying she would “never” raise taxes.",
         [("The mayor", "saying", "she would “never” raise taxes")]),
        ("The senator was criticized for saying that the bill was dead.",
         [("The senator", "saying", "that the bill was dead")]),
        # a reporting noun's "from" or "by" phrase names its source
        ("The council ignored repeated warnings from engineers that the bridge was unsafe.",
         [("engineers", "warnings", "that the bridge was unsafe")]),
        # prepositions some cue verbs select: "believe in", "respond to", "disagree on"
        ("Most voters believe in the value of public schools.",
         [("Most voters", "believe in", "the value of public schools")]),
        ("The company did not respond to requests for comment.",
         [("The company", "did not respond to", "requests for comment")]),
        ("Both parties disagree on how to fund the program.",
         [("Both parties", "disagree on", "how to fund the program")]),
        # a reported clause ends at a semicolon that opens a clause of its own
        ("Officials said the delay was not deliberate; they learned of the problem only on "
         "Friday.",
         [("Officials", "said", "the delay was not deliberate")]),
        # a stance stated as what the subject is: "a vocal critic of"
        ("The senator has long been a vocal critic of the trade deal.",
         [("The senator", "has long been a vocal critic of", "the trade deal")]),
        # "In an interview, <name> ...": the name is the source even when no entity type
        # was given to it
        ("In a radio interview, Ham made it clear he had misgivings about the plan.",
         [("Ham", "a radio interview", "made it clear he had misgivings about the plan")]),
        # "point" is a cue only with "out" or "to"
        ("The auditor pointed out that the city had never filed the forms.",
         [("The auditor", "pointed out", "that the city had never filed the forms")]),
        ("The coach pointed to the injuries as the reason for the losses.",
         [("The coach", "pointed to", "the injuries as the reason for the losses")]),
        ("She pointed at the map.", []),
        # a cue under an adjective complement speaks for the copula's subject
        ("He was able to repeatedly tout his record on jobs.",
         [("He", "to repeatedly tout", "his record on jobs")]),
        # stance adjectives the tagger reads as participles, and "about" with a clause
        ("We are convinced this is the only way forward.",
         [("We", "are convinced", "this is the only way forward")]),
        ("You're worried about how the money will be spent.",
         [("You", "'re worried about", "how the money will be spent")]),
        # an owned statement or opinion noun and its topic
        ("The mayor's comments on the budget drew praise.",
         [("The mayor's", "comments on", "the budget")]),
        ("His theory of the case was rejected.", [("His", "theory of", "the case")]),
        ("The governor's opposition to the pipeline is well known.",
         [("The governor's", "opposition to", "the pipeline")]),
        # a cue in an "as" clause reports the clause it modifies
        ("As several economists have pointed out, the tax cut will mostly help the rich.",
         [("several economists", "have pointed out", "the tax cut will mostly help the rich")]),
        ("The bridge was never inspected, as officials have said.",
         [("officials", "have said", "The bridge was never inspected")]),
        ("He arrived late, as he often does.", []),
    ],
)
def test_round_two_cues(nlp, text: str, expected: list[tuple]) -> None:
    assert triples(nlp, text) == expected


def test_byline_after_a_quote_is_its_source(nlp) -> None:
    text = ("“The new bridge has cut my commute in half.” ― Maria Lopez\n"
            "“I still take the ferry on Sundays.”— Tom Reed.")
    found = [(q.source, q.cue.strip("”"), q.content) for q in quotations(parse(nlp, text))]
    assert found == [("Maria Lopez", "―", "“The new bridge has cut my commute in half.”"),
                     ("Tom Reed", "—", "“I still take the ferry on Sundays.”")]


def test_dash_inside_a_line_is_no_byline(nlp) -> None:
    text = "“We are ready,” the coach said — and the team agreed."
    assert [q.source for q in quotations(parse(nlp, text))] == ["the coach"]


def test_dateline_with_a_date_is_no_source(nlp) -> None:
    text = "DENVER, Oct. 4 (UPI) — The city council said it would vote on the budget next week."
    found = quotations(parse(nlp, text))
    assert [(q.source, q.cue) for q in found] == [("The city council", "said")]


def test_quote_closed_after_an_inner_quote_and_a_space(nlp) -> None:
    text = "\"I never liked the phrase 'fresh start,' \" she told the board."
    (found,) = quotations(parse(nlp, text))
    assert (found.source, found.cue, found.content) == (
        "she", "told", "\"I never liked the phrase 'fresh start,' \"")


def test_headline_opened_by_one_name_and_a_colon(nlp) -> None:
    text = ("Greenpeace: Coastal towns are not ready for the next storm.\n\n"
            "The report was released Monday.")
    assert triples(nlp, text) == [
        ("Greenpeace", ":", "Coastal towns are not ready for the next storm")]
    assert triples(nlp, text.replace("Greenpeace", "Exclusive")) == []


def test_closing_mark_typed_for_the_opening_one_at_a_paragraph_start(nlp) -> None:
    text = ("”The buses never come on time. We need a new schedule.” ― Ana Ruiz\n\n"
            "The city said it would review the schedule.")
    assert triples(nlp, text)[0] == (
        "Ana Ruiz", "―", "”The buses never come on time. We need a new schedule.”")
    inside = "He called the plan ”a mess.” and left."  # only at a paragraph start
    assert list(quote_spans(inside, 0, len(inside))) == []
    assert list(quote_spans(inside, 19, len(inside))) == [(19, 28, True)]


def test_apostrophe_before_an_elided_year_opens_no_quote() -> None:
    text = "In the early '80s she ran a bakery, and in ’92 she said it was 'the best time.'"
    assert [text[s:e] for s, e, _ in quote_spans(text, 0, len(text))] == ["'the best time.'"]


def test_source_stops_before_its_cue(nlp) -> None:
    # the parser may hang a closing appositive on the subject, past the cue
    words = ["A", "union", "representing", "drivers", "endorsed", "the", "mayor", ",",
             "another", "sign", "of", "support", "."]
    heads = [1, 4, 1, 2, 4, 6, 4, 4, 9, 1, 9, 10, 4]
    deps = ["det", "nsubj", "acl", "dobj", "ROOT", "det", "dobj", "punct", "det", "appos",
            "prep", "pobj", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert _source_span(doc[1], doc[4]).text == "A union representing drivers"
    assert _source_span(doc[1]).text == "A union representing drivers endorsed the mayor , " \
        "another sign of support"  # without a cue to stop at, the whole phrase


def test_name_between_quote_and_cue_may_hold_a_word_tagged_as_verb(nlp) -> None:
    # "Tulsa" tagged VB: a word inside a named entity is no verb of the speaker phrase
    words = ["“", "We", "will", "win", ",", "”", "Tulsa", "police", "Chief", "Ann", "Lee",
             "said", "."]
    heads = [3, 3, 3, 3, 3, 3, 3, 8, 6, 10, 8, 3, 3]
    deps = ["punct", "nsubj", "aux", "ROOT", "punct", "punct", "dep", "compound", "dobj",
            "compound", "appos", "conj", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN",
           "PROPN", "PROPN", "VERB", "PUNCT"]
    ents = ["O", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O",
            "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    assert _name_before_cue(doc[0:6], doc[11]).text == "Tulsa police Chief Ann Lee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle on a document someone issues speaks for the issuer
        ("The union issued a statement calling the offer an insult.",
         ("The union", "issued a statement calling", "the offer an insult")),
        ("The mayor sent a series of tweets criticizing the transit board.",
         ("The mayor", "sent a series of tweets criticizing", "the transit board")),
        ("The governor filed legal papers opposing the merger.",
         ("The governor", "filed legal papers opposing", "the merger")),
    ],
)
def test_participle_on_an_issued_document(nlp, text: str, expected: tuple) -> None:
    assert triples(nlp, text) == [expected]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Sen. Ted Cruz (R-Tex.) said the deal was dead.", "Sen. Ted Cruz (R-Tex.)"),
        ("Rep. Ann Lee (D-Ore.) called the plan a disgrace.", "Rep. Ann Lee (D-Ore.)"),
    ],
)
def test_source_keeps_the_bracket_that_closes_it(nlp, text: str, source: str) -> None:
    assert [q.source for q in quotations(parse(nlp, text))] == [source]
