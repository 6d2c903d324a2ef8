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
    # the bullet "Italy predicts up to 400,000 ..." is the Italian government's too
    assert {q.cue for q in italy} == {"has predicted", "predicts"}


def test_span_input_keeps_only_its_attributions(nlp) -> None:
    doc = parse(nlp, "Tom said it was fine.\n\nAnna said it was not.")
    second = doc.char_span(23, len(doc.text), alignment_mode="expand")
    assert [q.source for q in quotations(second)] == ["Anna"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline is neither the source nor the speaker
        ("WASHINGTON (AP) — President Barack Obama said on Monday that the economy is strong.",
         [("President Barack Obama", "said", "that the economy is strong", "Barack Obama")]),
        # the outer cue wins over a cue verb inside its clause ("continued")
        ("Trump Victory continued to hold fundraising events this month, RNC spokesman "
         "Sean Spicer said.",
         [("RNC spokesman Sean Spicer", "said",
           "Trump Victory continued to hold fundraising events this month", "Sean Spicer")]),
        # a passive cue: the subject is part of what is reported, there is no source
        ("Democrats are expected to gain seats.",
         [(None, "are expected", "Democrats", None),
          (None, "are expected", "to gain seats", None)]),
        # a cue completed by a preposition
        ("President Obama called on men to look inside themselves.",
         [("President Obama", "called on", "men to look inside themselves", "Obama")]),
        # PolNeAR keeps the comma that closes an appositive source before its cue
        ("Mo Elleithee, director of the institute, said the race was close.",
         [("Mo Elleithee, director of the institute,", "said", "the race was close",
           "Mo Elleithee")]),
        # a cue noun with "of"
        ("There are fears of a Trump victory among investors.",
         [(None, "fears of", "a Trump victory among investors", None)]),
        # a participle modifying its source
        ("A new poll showing Clinton ahead was published on Monday.",
         [("A new poll", "showing", "Clinton ahead", "new poll")]),
        # a dangling conjunction is not content
        ("She said that the missives ultimately stopped, but",
         [("She", "said", "that the missives ultimately stopped", None)]),
    ],
)
def test_reported_speech_rules(nlp, text: str, expected: list[tuple]) -> None:
    found = [(q.source, q.cue, q.content, q.speaker) for q in quotations(parse(nlp, text))]
    assert found == expected


def test_according_to_takes_the_quote_in_its_clause(nlp) -> None:
    doc = parse(nlp, "Labor market conditions remained “tight,” according to the survey.")
    (q,) = quotations(doc)
    assert (q.kind, q.source, q.content) == (
        "according_to", "the survey", "Labor market conditions remained “tight,”")


def test_quote_after_an_attributed_quote_shares_its_cue(nlp) -> None:
    doc = parse(nlp, "“We will win,” Mr Smith said. “And we will govern well.”")
    first, second = quotations(doc)
    assert (second.content, second.cue, second.source, second.speaker) == (
        "“And we will govern well.”", "said", "Mr Smith", first.speaker)


def test_quote_after_a_colon_takes_the_cue_before_it(nlp) -> None:
    (q,) = quotations(parse(nlp, "Mr Butterfield added: “We will fight on.”"))
    # the colon belongs to the cue, as PolNeAR marks it
    assert (q.source, q.cue, q.content) == ("Mr Butterfield", "added:", "“We will fight on.”")


def test_nested_cue_inside_a_quote_is_not_an_attribution(nlp) -> None:
    doc = parse(nlp, "“I think we are going to win it anyway,” Trump said.")
    assert [(q.cue, q.source) for q in quotations(doc)] == [("said", "Trump")]


def test_country_speaker_is_its_government(nlp) -> None:
    doc = parse(nlp, "The Italian government has predicted some 400,000 people could "
                     "reach its shores.\n\nItaly predicts up to 400,000 migrants could cross "
                     "the Mediterranean.")
    found = list(quotations(doc))
    assert [q.speaker for q in found] == ["Italian government", "Italian government"]
    assert found[1].content == "up to 400,000 migrants could cross the Mediterranean"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # any verb taking a whole quote as its clause is its cue
        ("“I am so ready to work on this,” she emailed her daughter.",
         [("she", "emailed", "“I am so ready to work on this,”")]),
        # a participle that names is no attribution
        ("The error is a phenomenon called “differential nonresponse.”", []),
        # the cue of a quote is the verb above the quote's words, not above its marks
        ("Tapper told him that the news was troubling, before noting that Brazile is “a good "
         "person.”",
         [("Tapper", "told", "that the news was troubling"),
          ("Tapper", "noting", "that Brazile is “a good person.”")]),
        # "Speaker, outlet: “quote”" takes the whole line before the colon as the source
        ("Chris Cillizza, The Washington Post: “This was her best debate performance.”",
         [("Chris Cillizza, The Washington Post", ":",
           "“This was her best debate performance.”")]),
        # a transcript line (a turn keeps its final stop); a label that is not a speaker
        ("MS. CLINTON: You are the smartest people.\n\nEDITOR’S NOTE: This story was amended.",
         [("MS. CLINTON", ":", "You are the smartest people.")]),
        # a transcript quoted whole: each turn opens with a quotation mark
        ('"BAKER: Will you run again?\n\n"JONES: Not this year, no.',
         [("BAKER", ":", "Will you run again?"), ("JONES", ":", "Not this year, no.")]),
        # a one-word source that is a poll or a study, in a headline
        ("Poll: Voters Sour on Both Parties Ahead of Midterms.",
         [("Poll", ":", "Voters Sour on Both Parties Ahead of Midterms")]),
        # a headline and the subhead under it are two statements
        ("Mayor urges calm after floods; \nCity engineer says the levee will hold.",
         [("Mayor", "urges", "calm after floods"),
          ("City engineer", "says", "the levee will hold")]),
        # cues of speaking about, ruling on and judging (VerbNet talk-37.5, judgment-33 ...)
        ("The senator spoke of her years in the Army.",
         [("The senator", "spoke of", "her years in the Army")]),
        ("A federal appeals court overturned the ruling on Friday.",
         [("A federal appeals court", "overturned", "the ruling on Friday")]),
        ("Two unions ripped the governor for the pension cuts.",
         [("Two unions", "ripped", "the governor for the pension cuts")]),
        ("The governor complimented the rescue crews on their speed.",
         [("The governor", "complimented", "the rescue crews on their speed")]),
        # a parenthetical cue is the attribution, not the verb it interrupts
        ("The museum, the curator said, celebrated local artists.",
         [("the curator", "said", "The museum, the curator said, celebrated local artists")]),
        # the speaker between a quote and its cue, though a title follows the cue
        ("“We will appeal,” Smith, the group’s lawyer, said Sunday.",
         [("Smith, the group’s lawyer,", "said", "“We will appeal,”")]),
        # a quote parsed as the cue's first subject is not its source
        ("“My view, that is simple,” the club’s former manager said in an interview.",
         [("the club’s former manager", "said in an interview", "“My view, that is simple,”")]),
        # a quote in doubled apostrophes inside a reported clause takes the clause
        ("The mayor said it would bring ''jobs and hope to the city.''",
         [("The mayor", "said", "it would bring ''jobs and hope to the city.''")]),
        # "see X as Y" states a view; "see" alone does not
        ("Critics see the bill as a giveaway to insurers.",
         [("Critics", "see", "the bill as a giveaway to insurers")]),
        ("Reporters saw the bill on the desk.", []),
        # a sentence-final cue verb the tagger took for a plural noun
        ("Voters have grown tired of the race, her former campaign manager maintains.",
         [("her former campaign manager", "maintains", "Voters have grown tired of the race")]),
        # a cue verb mistagged as a noun that has a subject of its own
        ("The Smith campaign plans to open three offices in Ohio.",
         [("The Smith campaign", "plans", "to open three offices in Ohio")]),
        # a stance adjective with an infinitive
        ("The mayor is determined to reopen the bridge by May.",
         [("The mayor", "is determined", "to reopen the bridge by May")]),
        # nouns of stance and intent with their owner and what they report
        ("The mayor's decision to close the bridge drew protests.",
         [("The mayor's", "decision", "to close the bridge")]),
        ("Her insistence that the vote was fair has not changed.",
         [("Her", "insistence", "that the vote was fair")]),
        ("The decision to close the bridge drew protests.", []),
        # "In <a poll, a filing>, <clause>", unless the sentence has a cue of its own
        ("In the latest poll, Clinton leads Trump by 4 points.",
         [("the latest poll", "In", "Clinton leads Trump by 4 points")]),
        ("In a statement, the company said it would appeal.",
         [("the company", "said", "it would appeal")]),
        # a passive cue's subject is what is reported, not a source
        ("Only families that chose “Christian” as their religion were admitted.",
         [(None, "were admitted", "“Christian”")]),
        # "In a statement, <person> ...": the statement is the cue, the person the source
        ("In a statement issued Tuesday, Clinton was more careful than her rivals.",
         [("Clinton", "a statement issued Tuesday", "was more careful than her rivals")]),
        # the medium a statement was made in belongs to the cue
        ("The senator said in a statement that the bill would pass.",
         [("The senator", "said in a statement", "that the bill would pass")]),
        # a paragraph introduced by "X added:" is what X said, quoted or not
        ("The governor added:\n\nIt is typical of her. She knows nothing.",
         [("The governor", "added:", "It is typical of her. She knows nothing")]),
        ('Caddell continued:\n\n"The issue is partisan. It is in their heads."',
         [("Caddell", "continued:", '"The issue is partisan. It is in their heads."')]),
        # a conjoined clause with a cue and a subject of its own is a second attribution
        ("The mayor stressed that the repairs were complete, and engineers warned that the "
         "bridge was unsafe.",
         [("The mayor", "stressed", "that the repairs were complete"),
          ("engineers", "warned", "that the bridge was unsafe")]),
        # an adverb or a day between a cue and the preposition that completes it
        ("The coach spoke emotionally of his years in Boston.",
         [("The coach", "spoke emotionally of", "his years in Boston")]),
        ("A state court ruled Friday against the new map.",
         [("A state court", "ruled Friday against", "the new map")]),
        # a passive cue with an agent: the subject is what the act is about
        ("The ban was overturned by an appeals court.",
         [("an appeals court", "was overturned", "The ban")]),
        # paragraphs ended by a single line break: a quote does not run into the next one
        ("The coach said: “We will fight on.\nThe team left for Boston on Sunday.",
         [("The coach", "said:", "“We will fight on.")]),
        # a dateline alone is not a source
        ("Washington (AFP) – Uncertainty is weighing on business, the survey said.",
         [("the survey", "said", "Uncertainty is weighing on business")]),
        # a passive cue without a subject of its own, and a particle
        ("It was reported that the talks had failed.",
         [(None, "was reported", "that the talks had failed")]),
        ("Trump called out the press for being biased.",
         [("Trump", "called out", "the press for being biased")]),
        # a trailing participle clause is no part of what was said
        ("The FBI had reopened a probe, giving a boost to Trump, officials said.",
         [("officials", "said", "The FBI had reopened a probe")]),
        # a quote split by its cue is two pieces, not one span over the cue
        ("“Normally,” she said, “you have two candidates who are competent.”",
         [("she", "said", "“Normally,”"),
          ("she", "said", "“you have two candidates who are competent.”")]),
    ],
)
def test_quote_and_cue_rules(nlp, text: str, expected: list[tuple]) -> None:
    assert [(q.source, q.cue, q.content) for q in quotations(parse(nlp, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stance stated with an adjective
        ("Her campaign was optimistic that turnout would rise.",
         [("Her campaign", "was optimistic", "that turnout would rise")]),
        ("Republicans had been skeptical of the deal.",
         [("Republicans", "had been skeptical of", "the deal")]),
        # a title-case headline, which the parser reads as one name
        ("Trump Warns Clinton Policy On Syria Would Lead To War\n\nThe candidate spoke on "
         "Tuesday.",
         [("Trump", "Warns", "Clinton Policy On Syria Would Lead To War")]),
        # a cue verb completing another verb takes it into the cue
        ("The host went on to express dismay over the leak.",
         [("The host", "went on to express", "dismay over the leak")]),
    ],
)
def test_stance_adjectives_and_headlines(nlp, text: str, expected: list[tuple]) -> None:
    assert [(q.source, q.cue, q.content) for q in quotations(parse(nlp, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "hoped" and "hoping" are cues, though the lemmatizer reads them as "hop"
        ("Wells Fargo had hoped the resignation would calm investors.",
         [("Wells Fargo", "had hoped", "the resignation would calm investors")]),
        ("Some analysts are hoping the deal will fail.",
         [("Some analysts", "are hoping", "the deal will fail")]),
        ("Critics consider the network a propaganda outlet.",
         [("Critics", "consider", "the network a propaganda outlet")]),
        # a quote the parser split from its "X said" takes that cue and source
        ('"Why was that money sitting in the bank?" Mr. Clyburn said, echoing many Democrats.',
         [("Mr. Clyburn", "said", '"Why was that money sitting in the bank?"'),
          ("Mr. Clyburn", "echoing", "many Democrats")]),
        # a cue in a clause describing a named speaker has that speaker as its source
        ("Senator John Thune, a member of the Senate leadership, called on Trump to withdraw.",
         [("Senator John Thune, a member of the Senate leadership,", "called on",
           "Trump to withdraw")]),
        ("John Burton, the chairman of the California Democratic Party, informed of the "
         "news, sighed.",
         [("John Burton, the chairman of the California Democratic Party,", "informed of",
           "the news")]),
        # ... but not when the noun described is no speaker
        ("He made no effort to clarify his remarks.", []),
        # a "that" clause the parser hung on a noun after the cue is what it reports
        ("Voters say by a 7-point margin, 49 percent to 42 percent, that they’d prefer to see "
         "Congress controlled by Democrats.",
         [("Voters", "say", "that they’d prefer to see Congress controlled by Democrats")]),
        ("He wrote on Twitter, noting that the bank had offered no explanation.",
         [("He", "noting", "that the bank had offered no explanation")]),
        # a passive participle describing a source is part of it
        ("Podesta urged her to run, according to hacked emails posted by WikiLeaks.",
         [("hacked emails posted by WikiLeaks", "according to", "Podesta urged her to run")]),
        # a quoted name given by an agent: the agent is the source
        ('In all, her 1,370 fundraisers -- dubbed "Hillblazers" by the campaign -- have raised '
         "at least $137 million.",
         [("the campaign", "dubbed", '"Hillblazers"')]),
    ],
)
def test_more_cues_and_sources(nlp, text: str, expected: list[tuple]) -> None:
    assert [(q.source, q.cue, q.content) for q in quotations(parse(nlp, text))] == expected


def test_source_inside_the_content_is_dropped(nlp) -> None:
    from extractors.quotes import _attribution

    doc = parse(nlp, "“What I found is that he would say it,” Biden said.")
    content, cue, inside = doc[0:12], doc[13:14], doc[6:7]
    assert (inside.text, cue.text) == ("he", "said")
    q = _attribution(content, cue, inside, ("Donald Trump", None), "direct", [0] * len(doc))
    assert (q.source, q.speaker) == (None, None)
    # around a parenthetical cue the source sits inside the content's span, and stays
    doc = parse(nlp, "The bank, he said, is cooperating.")
    q = _attribution(doc[0:8], doc[4:5], doc[3:4], ("X", None), "reported", [0] * len(doc))
    assert q.source == "he"


def test_eval_split_halves() -> None:
    from pipeline.eval_quotes import GoldArticle, split

    gold = [GoldArticle(str(i), "", {}) for i in range(5)]
    assert [a.name for a in split(gold, "first")] == ["0", "1"]
    assert [a.name for a in split(gold, "second")] == ["2", "3", "4"]
    assert split(gold, None) == gold


@pytest.mark.parametrize(("word", "lemma"), [
    ("Warns", "warn"), ("Denied", "deny"), ("Testified", "testify"), ("Joked", "joke")])
def test_a_capitalised_headline_cue_is_read_by_its_lemma(word: str, lemma: str) -> None:
    from extractors.quotes import _verb_lemma

    assert _verb_lemma(word) == lemma
