"""Quotes and reported speech: mark styles, run-on and continued quotes, speakers."""

from __future__ import annotations

import pytest

from extractors.quotes import quotations, quote_spans
from pipeline.articles import read_paths
from pipeline.nlp import parse_texts
from tests.conftest import SEED


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said: ‘We’re ready.’ Then he left.", "‘We’re ready.’"),
        ("He said: 'We are ready.' Then he left.", "'We are ready.'"),
        ('He said: "We are ready." Then he left.', '"We are ready."'),
        ("He said: “We are ready.” Then he left.", "“We are ready.”"),
        ("It hit the gangs’ boats, offering ‘all the assets’ of the UK.", "‘all the assets’"),
    ],
)
def test_quote_marks(text: str, quoted: str) -> None:
    spans = [text[s:e] for s, e, _ in quote_spans(text, 0, len(text))]
    assert spans == [quoted]


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    text = "Jenrick said: ‘We’re taking the fight to the gangs."
    assert list(quote_spans(text, 0, len(text))) == [(14, len(text), False)]


def parse(nlp, text: str):
    return next(parse_texts(nlp, [text]))


def test_speaker_after_quote_and_cue(nlp) -> None:
    doc = parse(nlp, "“We will win,” said Mr Smith, the party leader.")
    (q,) = quotations(doc)
    assert (q.kind, q.content, q.cue, q.source, q.speaker) == (
        "direct", "“We will win,”", "said", "Mr Smith, the party leader", "Smith")


def test_reported_speech_and_according_to(nlp) -> None:
    doc = parse(nlp, "The minister said that the plan would cost £3m in total. "
                     "Costs will rise next year, according to the Treasury.")
    reported, according = quotations(doc)
    assert (reported.kind, reported.source, reported.cue) == ("reported", "The minister", "said")
    assert reported.content == "that the plan would cost £3m in total"
    assert (according.kind, according.speaker, according.content) == (
        "according_to", "Treasury", "Costs will rise next year")


def test_seed_jenrick_quotes(nlp) -> None:
    article = next(read_paths([SEED]))
    doc = parse(nlp, article.text)
    found = list(quotations(doc))
    jenrick = [q for q in found if q.speaker == "Robert Jenrick"]
    kinds = [q.kind for q in jenrick]
    assert kinds.count("direct") == 1  # the quote repeated in captions is stored once
    assert "continuation" in kinds  # ‘Just as we’ve deepened …’ continues without a cue
    continued = next(q for q in jenrick if q.kind == "continuation")
    assert continued.content.startswith("‘Just as we’ve deepened")
    assert {q.role for q in jenrick} == {"Immigration minister"}
    partial = next(q for q in found if q.content == "‘all the assets’")
    assert (partial.kind, partial.speaker) == ("partial", "Robert Jenrick")
    times = next(q for q in found if q.speaker == "Times")
    assert times.content.startswith("80,000 migrants came to Italy")
    italy = [q for q in found if q.speaker == "Italian government"]
    assert italy and all(q.cue == "has predicted" for q in italy)


def test_span_input_keeps_only_its_attributions(nlp) -> None:
    doc = parse(nlp, "Tom said it was fine.\n\nAnna said it was not.")
    second = doc.char_span(23, len(doc.text), alignment_mode="expand")
    assert [q.source for q in quotations(second)] == ["Anna"]
