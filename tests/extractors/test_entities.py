"""Entity mentions: offsets, sentence indices and article-level label corrections."""

from __future__ import annotations

import pytest

from extractors.entities import entities


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Robert Jenrick spoke first. Later, Jenrick will visit Libya.", "Jenrick"),
        ("The minister arrived. Mr Jenrick will visit Libya.", "Jenrick"),
    ],
)
def test_surname_after_full_name_or_honorific_is_a_person(nlp, text: str, name: str) -> None:
    labels = {m.text: m.label for m in entities(nlp(text))}
    assert labels[name] == "PERSON"


def test_offsets_index_the_doc_and_sentences_count(nlp) -> None:
    doc = nlp("Italy predicts a rise. The Home Office fears trouble for the UK.")
    found = list(entities(doc))
    for m in found:
        assert doc.text[m.start:m.end] == m.text
    assert [(m.text, m.label, m.sentence) for m in found] == [
        ("Italy", "GPE", 0), ("Home Office", "ORG", 1), ("UK", "GPE", 1)]


def test_span_input_limits_results_but_keeps_doc_context(nlp) -> None:
    doc = nlp("Robert Jenrick spoke. Jenrick left for Libya.")
    second = list(doc.sents)[1]
    found = [(m.text, m.label) for m in entities(second)]
    assert ("Robert Jenrick", "PERSON") not in found
    assert ("Libya", "GPE") in found


def test_label_filter(nlp) -> None:
    doc = nlp("Rishi Sunak met officials in France on Monday.")
    assert {m.label for m in entities(doc, labels=frozenset({"GPE"}))} == {"GPE"}
