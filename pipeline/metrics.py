"""What a figure measures: a small lexicon of metrics, and casualty counts read from sentences.

**Metrics.** A claim's predicate lemma (or the word counted) names its metric through
:data:`METRIC_LEXICON`: "killed", "dead", "fatally shot", "died", "slain" all measure
``killed``; "injured", "wounded", "hurt" measure ``injured``; "shot" measures ``shot``
(killed and injured together). Other predicates are their own metric (``reach``,
``cross``), so two claims compare only when they measure the same thing.

**Casualty counts.** Figures such as "two men were shot", "one person died", "a
25-year-old man was killed" (= 1) or "left one dead and four wounded" are often words, not
numbers, so :func:`sentence_counts` reads them from a stored sentence with plain rules
(no spaCy): a count (a number, a number word, "a"/"an", "both", "double"/"triple"...), an
optional noun phrase of up to five modifiers and a person noun, then the metric word
(after an auxiliary and adverbs); or a metric verb followed by such a phrase ("killing one
person", "injured three of her relatives", "kills his wife, her son, then himself"); or
"left NP dead". Lists of people are summed ("a man and his 11-year-old daughter were found
dead" = 2; an unborn child is not counted); "double murder-suicide" is three dead, and a
shooter "turning the gun on himself" after killing others is one more.
:func:`article_counts` turns an article's sentences into one figure per metric, skipping
sentences about other events: earlier years, running totals, round-ups of several
shootings ("4 killed, 11 wounded in weekend shootings across the city") and quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


#: Words (and predicate lemmas) -> metric.  Documented lexicon; extend with care.
METRIC_LEXICON: dict[str, str] = {
    # killed
    "kill": "killed", "killed": "killed", "killing": "killed", "kills": "killed",
    "dead": "killed", "die": "killed", "died": "killed", "dies": "killed",
    "slay": "killed", "slain": "killed", "murder": "killed", "murdered": "killed",
    "fatally": "killed", "death": "killed", "deaths": "killed", "fatality": "killed",
    "fatalities": "killed", "homicide": "killed", "homicides": "killed",
    # injured
    "injure": "injured", "injured": "injured", "injuring": "injured", "injures": "injured",
    "wound": "injured", "wounded": "injured", "wounding": "injured", "wounds": "injured",
    "hurt": "injured", "hurting": "injured", "hospitalize": "injured",
    "hospitalized": "injured",
    # shot (killed + injured)
    "shoot": "shot", "shot": "shot", "shooting": "shot", "shoots": "shot",
    # arrests
    "arrest": "arrested", "arrested": "arrested",
}
#: Metrics whose figures are people counted (a count noun, a whole number).
CASUALTY_METRICS = ("killed", "injured", "shot")

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "both": 2, "dozen": 12, "single": 1, "lone": 1,
}
ORDINALS: dict[str, int] = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
MULTIPLES: dict[str, int] = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
PERSON_NOUNS = _wordset("""
man men woman women person persons people boy boys girl girls child children kid kids
teen teens teenager teenagers juvenile juveniles victim victims adult adults male males
female females student students officer officers deputy deputies trooper troopers son
sons daughter daughters brother brothers sister sisters mother mothers father fathers
toddler toddlers baby babies infant infants others bystander bystanders individual
individuals resident residents customer customers friend friends relatives relative
members member suspect suspects gunman gunmen shooter shooters husband wife girlfriend
boyfriend cousin cousins uncle aunt grandmother grandfather grandson granddaughter youth
youths neighbor neighbors neighbour neighbours employee employees worker workers patron
patrons guest guests partygoers clerk clerks siblings sibling family passenger
passengers driver drivers student-athlete pedestrian pedestrians mom dad nephew niece
classmate classmates servicemen serviceman marines soldiers soldier coworker
coworkers co-worker co-workers teammates teammate fans worshippers churchgoers
""")
_METRIC_WORDS = {
    "killed": "killed", "dead": "killed", "died": "killed", "slain": "killed",
    "murdered": "killed", "dies": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "hospitalized": "injured",
    "grazed": "injured", "shot": "shot",
}
_VERB_FORMS = {
    "killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed",
    "slew": "killed", "murdered": "killed", "murdering": "killed",
    "injured": "injured", "injuring": "injured", "injures": "injured", "wounded": "injured",
    "wounding": "injured", "wounds": "injured", "hurt": "injured", "hurting": "injured",
    "shot": "shot", "shooting": "shot", "shoots": "shot",
}
#: Verb forms that take a person as object without a number ("shoots mother",
#: "injuring girlfriend"); not "shooting" ("a shooting suspect" is no one shot).
_FINITE_VERBS = frozenset({"killed", "kills", "kill", "slew", "murdered",
                           "injured", "injures", "wounded", "wounds",
                           "shot", "shoots"})
_AUX = _wordset("""
found listed
was were is are be been being has have had got get gets remain remains remained was also
""")
_ADVERBS = _wordset("""
also fatally critically seriously reportedly all both later each apparently allegedly
mortally accidentally severely gravely non-fatally nonfatally then initially now
eventually ultimately subsequently previously unintentionally critically-injured
""")
_CONDITIONS = frozenset({"critical", "serious", "stable", "fair", "good", "grave",
                         "life-threatening", "non-life-threatening"})
HEADLINE_START = 1
_MONTHS = _wordset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""")
_CLAUSE_WORDS = frozenset({"that", "who", "which", "when", "after", "before", "said", "says",
                           "told", "while", "where"})
#: A sentence about other events: earlier years, running totals ("so far this year"),
#: another incident nearby ("on the same block", "a deadly spate").
OTHER_EVENTS = re.compile(
    r"\b(?:last (?:year|summer|winter|spring|fall|month)|(?:in|since) (?:19|20)\d\d|"
    r"so far this year|this year|since january|year-to-date|in recent years|"
    r"(?:on|at|in|near) the same (?:block|street|corner|intersection|road|neighborhood|"
    r"location|spot|(?:apartment )?complex)|a (?:violent|deadly) (?:streak|stretch|spate))\b")
#: Embedded video players' captions and buttons, another story's headline on the page:
#: "Video Man and Woman Killed in Plantation Crash", "1:22 autoplay Copy this code ...".
VIDEO_FURNITURE = re.compile(r"^(?:Video|VIDEO|Embed) [A-Z0-9]|(?i:\bautoplay\b|copy this code)")
#: A year written out ("in August 1982", "since 2009").
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A count over several incidents: a round-up ("4 killed in city shootings Tuesday",
#: "three overnight shootings", "a violent weekend", "11 shot in less than 30 hours").
ROUND_UP = re.compile(
    r"\b(?:separate (?:shootings|incidents|attacks|slayings|homicides|killings)"
    r"|(?:in|from|during) (?:\w+ ){0,3}shootings"
    r"|shootings (?:across|around|in) the (?:city|area|region)|citywide|across the city"
    r"|weekend (?:violence|shootings)|weekend of violence|violent (?:night|weekend|day)"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|separate|\d+) "
    r"(?:[\w-]+ ){0,2}(?:shootings|incidents|accidents|attacks)"
    r"|series of (?:[\w-]+ ){0,2}shootings|(?:in|within) (?:less than |just |under )?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:hours|days))\b")
_FATAL_ADVERBS = frozenset({"fatally", "mortally"})
_TOKEN = re.compile(
    r"\d[\d.:]*(?:[-'][a-z0-9]+)+|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.:]\d+)*"
    r"|[a-z]+(?:[-'][a-z0-9]+)*|[^\sa-z\d]")
_AGE = re.compile(r"\d+-(?:year|month|week)s?-old")
_BREAK = frozenset(".;:!?()\"“”")


@dataclass(frozen=True, slots=True)
class CountFigure:
    """A casualty count read from one sentence: ``value`` people ``metric``."""

    metric: str
    value: int
    rule: str
    text: str
    #: ``=`` exact, ``>`` a lower bound ("at least eight"), ``<`` an upper bound
    #: ("up to five"), ``~`` approximate ("about 20").
    change: str = "="


def metric_of(word: str | None) -> str | None:
    """The metric a predicate lemma or counted word names, from the lexicon."""
    return METRIC_LEXICON.get(word.lower()) if word else None


def _count(token: str) -> int | None:
    if token.isdigit() or re.fullmatch(r"\d{1,3}(,\d{3})+", token):
        return int(token.replace(",", ""))
    return NUMBER_WORDS.get(token)


def _noun_phrase(tokens: list[str], i: int) -> int | None:
    """Index after a phrase of up to five modifiers and a person noun, from ``i``.

    Also takes "three of her family members" and "ages 22 and 20"-free forms.
    """
    for j in range(i, min(i + 6, len(tokens))):
        tok = tokens[j]
        if tok in _BREAK or tok == "," or tok in _VERB_FORMS or tok in _METRIC_WORDS \
                or tok in _CLAUSE_WORDS or (j > i and _count(tok) is not None
                                            and tok not in ("a", "an")):
            return None
        if tok in PERSON_NOUNS:
            if j + 1 < len(tokens) and tokens[j + 1] in ("members", "member"):
                return j + 2
            if tok == "family" and j + 1 < len(tokens) and tokens[j + 1] in _FAMILY_THINGS:
                return None  # "one of the family dogs"
            return j + 1
        if _AGE.fullmatch(tok) and (j + 1 >= len(tokens) or (tokens[j + 1] not in PERSON_NOUNS
                                                             and tokens[j + 1] != "old")):
            return j + 1  # "a 13-year-old and his father": the age names the person
    return None


#: Nouns after "family" that make it a modifier, not people ("the family dog").
_FAMILY_THINGS = _wordset("""
dog dogs cat cats pet pets home house car vehicle business farm
""")


def _metric_after(tokens: list[str], j: int) -> tuple[str, int] | None:
    """The metric word after an auxiliary/adverbs at ``j`` (skipping one parenthetical)."""
    k, skipped = j, 0
    if k < len(tokens) and tokens[k] == ",":  # "Two other men, ages 22 and 20, were wounded"
        end = next((m for m in range(k + 1, min(k + 12, len(tokens))) if tokens[m] == ","),
                   None)
        if end is None:
            return None
        k = end + 1
    fatal = False
    while k < len(tokens) and (tokens[k] in _AUX or tokens[k] in _ADVERBS) and skipped < 4:
        fatal = fatal or tokens[k] in _FATAL_ADVERBS
        k += 1
        skipped += 1
    if k >= len(tokens):
        return None
    word = tokens[k]
    if word == "shot" and k + 2 < len(tokens) and tokens[k + 1] == "and" \
            and tokens[k + 2] in ("killed", "wounded", "injured"):
        return _METRIC_WORDS[tokens[k + 2]], k + 3
    if word == "shot" and (fatal or (k + 1 < len(tokens) and tokens[k + 1] == "dead")
                           or tokens[k + 1:k + 3] == ["to", "death"]):
        return "killed", k + 1
    if word == "pronounced" and k + 1 < len(tokens) and tokens[k + 1] == "dead":
        return "killed", k + 2
    if word == "in" and k + 2 < len(tokens) and tokens[k + 2] == "condition" \
            and tokens[k + 1] in _CONDITIONS:
        return "injured", k + 3  # "in critical condition"
    if word in ("hit", "struck", "grazed") and k + 1 < len(tokens) \
            and tokens[k + 1] == "by" and k + 2 < len(tokens) \
            and tokens[k + 2] in ("a", "gunfire", "bullet", "bullets", "stray", "falling"):
        return ("killed" if fatal else "shot"), k + 3  # "hit by a stray bullet": shot
    if word in _METRIC_WORDS:
        return ("killed" if fatal else _METRIC_WORDS[word]), k + 1
    return None


_HEDGES = {("at", "least"): ">", ("more", "than"): ">", ("over",): ">",
           ("up", "to"): "<", ("as", "many", "as"): "<", ("nearly",): "<",
           ("almost",): "<", ("about",): "~", ("around",): "~", ("some",): "~",
           ("approximately",): "~", ("roughly",): "~", ("an", "estimated"): "~"}


def _hedge(tokens: list[str], i: int) -> str:
    """The hedge before the count at ``i``: ``>`` "at least", ``<`` "up to", ``~`` "about"."""
    for words, change in _HEDGES.items():
        if tuple(tokens[max(0, i - len(words)):i]) == words:
            return change
    return "="


#: A suspect's own death in a sentence that also counts the victims is added to them
#: (the Gun Violence Archive counts a shooter killed as a casualty too).
SUSPECT_NOUNS = frozenset({"suspect", "suspects", "gunman", "gunmen", "shooter", "shooters"})
#: Reflexives naming the shooter ("kills his wife, then himself").
REFLEXIVES = frozenset({"himself", "herself", "self"})
#: Nouns that name two people ("killed her parents", "a couple found dead").
PAIR_NOUNS = {"parents": 2, "grandparents": 2, "twins": 2, "couple": 2}
_POSSESSIVES = frozenset({"his", "her", "their", "the", "a", "an", "another", "its", "our"})
_LIST_SEPARATORS = (["and", "then"], [",", "and"], [",", "then"], [","], ["and"], ["then"],
                    ["as", "well", "as"])
#: Modifiers that make a conjunct not a person counted ("an unborn child").
_NOT_COUNTED = frozenset({"unborn"})


def _person(tokens: list[str], k: int, *, bare: bool) -> tuple[int, int] | None:
    """One person or pair named without a number at ``k``: (people, index after).

    "his wife", "her 11-year-old daughter", "a neighbor", "her parents", "himself"; a bare
    noun ("son", "17-month-old son") only when ``bare``.
    """
    if k >= len(tokens):
        return None
    if tokens[k] in REFLEXIVES:
        return 1, k + 1
    start = k + 1 if tokens[k] in _POSSESSIVES else k
    if start == k and not bare:
        return None
    for j in range(start, min(start + 3, len(tokens))):
        tok = tokens[j]
        if tok in PAIR_NOUNS:
            return PAIR_NOUNS[tok], j + 1
        if tok in SINGULAR_PEOPLE and tok not in ("he", "she"):
            counted = not any(t in _NOT_COUNTED for t in tokens[start:j])
            while j + 1 < len(tokens) and tokens[j + 1] in SINGULAR_PEOPLE - {"he", "she"}:
                j += 1  # one person: "infant son", "baby girl"
            return int(counted), j + 1
        if tok in _BREAK or tok == "," or tok in _VERB_FORMS or tok in _METRIC_WORDS \
                or tok in _CLAUSE_WORDS or tok in PERSON_NOUNS or _count(tok) is not None:
            return None
    return None


def _conjunct(tokens: list[str], k: int) -> tuple[int, int] | None:
    """A further member of a list of people: "two children", "his wife", "son", "himself"."""
    if k >= len(tokens):
        return None
    value = _count(tokens[k])
    if value is not None and tokens[k] not in ("a", "an"):
        end = _noun_phrase(tokens, k + 1)
        return (value, end) if end is not None else None
    return _person(tokens, k, bare=True)


def _list_more(tokens: list[str], end: int) -> tuple[int, int]:
    """People added by the rest of a list after ``end``: (extra people, index after)."""
    extra = 0
    while end < len(tokens):
        for sep in _LIST_SEPARATORS:
            if tokens[end:end + len(sep)] == sep:
                found = _conjunct(tokens, end + len(sep))
                if found is not None:
                    extra, end = extra + found[0], found[1]
                    break
        else:
            return extra, end
    return extra, end


#: Multi-word verbs read as one word ("gunned down three men" = "killed three men").
_PHRASES = ((re.compile(r"\bgunn(?:ed|ing) down\b"),
             lambda m: "killed" if m.group(0).startswith("gunned") else "killing"),)


def sentence_counts(sentence: str) -> list[CountFigure]:
    """Casualty counts in one sentence ("two men were shot" -> shot 2)."""
    lowered = sentence.lower()
    for pattern, replacement in _PHRASES:
        lowered = pattern.sub(replacement, lowered)
    tokens = _TOKEN.findall(lowered)
    found: list[CountFigure] = []
    used: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok in _VERB_FORMS and i + 1 < len(tokens) and _AGE.fullmatch(tokens[i + 1]) \
                and (i + 2 >= len(tokens) or tokens[i + 2] not in PERSON_NOUNS):
            # "killing 20-year-old Tolitha Bowman": one named person
            found.append(CountFigure(_VERB_FORMS[tok], 1, "verb-named", sentence))
            continue
        if i > 0 and _count(tok) is None and (tokens[i - 1] in _FINITE_VERBS or (
                tokens[i - 1] == "shooting" and tok in REFLEXIVES)):  # "after shooting himself"
            person = _person(tokens, i, bare=True)
            if person is not None:  # "kills woman, her son, himself"; "shoots himself"
                extra, end = _list_more(tokens, person[1])
                metric = _VERB_FORMS[tokens[i - 1]]
                if metric == "shot" and i > 1 and tokens[i - 2] in _FATAL_ADVERBS:
                    metric = "killed"  # "fatally shot his wife and son"
                if person[0] + extra > 0:  # "verb-self": the shooter himself
                    rule = "verb-self" if tok in REFLEXIVES else "verb-person"
                    found.append(CountFigure(metric, person[0] + extra, rule, sentence))
        if value_less(tokens, i) and not (i > 0 and tokens[i - 1] in (",", "and")
                                          and i > 1 and tokens[i - 2] in SINGULAR_PEOPLE):
            extra, k = _list_more(tokens, i + 1)  # "Man, 11-year-old daughter dead"
            n = 1 + extra
            res = _metric_after(tokens, k)
            if res and (res[0] != "shot" or tok not in ("he", "she")):
                rule = "suspect" if tok in SUSPECT_NOUNS and n == 1 else "singular"
                if rule == "suspect" and _has_object(tokens, res[1]):
                    continue  # "a gunman killed one person": the gunman did the killing
                found.append(CountFigure(res[0], n, rule, sentence))
            continue
        if _count(tok) is not None and tok not in ("a", "an") and i > 0 \
                and tokens[i - 1] == "," and tokens[i + 1:i + 2] == ["fatally"] \
                and any(f.metric == "shot" for f in found):
            found.append(CountFigure("killed", _count(tok) or 0, "fatally", sentence))
            continue  # "Four shot, two fatally"
        ordinal = ORDINALS.get(tok)
        if ordinal and (i == 0 or tokens[i - 1] == "a") and i + 1 < len(tokens) \
                and tokens[i + 1] in ("victim", "person", "one"):
            # "a fourth victim has died" (but "the fifth man died" may be one of five)
            k = i + 2
            res = _metric_after(tokens, k)
            if res and res[0] == "killed":
                found.append(CountFigure("killed", ordinal, "ordinal", sentence))
            continue
        if tok == "family" and tokens[i + 1:i + 2] == ["of"] and i + 2 < len(tokens) \
                and _count(tokens[i + 2]) is not None:
            res = _metric_after(tokens, i + 3)  # "family of four dies"
            if res:
                found.append(CountFigure(res[0], _count(tokens[i + 2]) or 0, "family",
                                         sentence))
            continue
        value = _count(tok)
        multiple = MULTIPLES.get(tok)
        if multiple and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            metric = {"homicide": "killed", "murder": "killed", "murders": "killed",
                      "homicides": "killed", "shooting": "shot",
                      "murder-suicide": "killed"}.get(nxt)
            if metric:  # "double murder-suicide": two victims and the shooter
                found.append(CountFigure(metric, multiple + (nxt == "murder-suicide"),
                                         "multiple", sentence))
            continue
        if value is None or i in used:
            continue
        if i + 1 < len(tokens) and tokens[i + 1].startswith(("year", "month", "week", "day",
                                                             "hour", "minute", "block",
                                                             "time", "shot", "round")) \
                and tok not in ("a", "an", "one") and tokens[i + 1] != "shot":
            continue
        if i > 0 and (tokens[i - 1] in _MONTHS or (tokens[i - 1] == "." and i > 1
                                                   and tokens[i - 2] in _MONTHS)):
            continue  # "early October 27 has died": a date
        hedge = _hedge(tokens, i)
        if hedge == "=" and i > 0 and tokens[i - 1] in ("of", "than", "age", "aged", "ages",
                                                        "at", "no", "$", "#") \
                and not (tokens[i - 1] == "of" and i > 1 and tokens[i - 2] in _VERB_FORMS):
            continue
        if 0 < i < len(tokens) - 1 and tokens[i - 1] == "," and tokens[i + 1] == "," \
                and tok.isdigit():
            continue  # "Deanna Buster, 38, ...": an age in apposition
        first = len(found)
        end = _noun_phrase(tokens, i + 1)
        if end is not None:
            # "3 men, 1 woman wounded", "4 adults and 2 children dead", "a man and his
            # son were killed": one sum
            extra, tail = _list_more(tokens, end)
            if extra:
                used.update(range(end, tail))
                value, end = value + extra, tail
        before = tokens[i - 1] if i > 0 else ""
        if (before in ("leaving", "left", "leaves", "leave") and end is not None) \
                or (before in ("leaving", "left", "leaves", "leave") and tok not in ("a", "an")):
            after = end if end is not None else i + 1
            res = _metric_after(tokens, after)
            if res and res[0] in ("killed", "injured"):
                suspect = end is not None and tokens[end - 1] in SUSPECT_NOUNS
                found.append(CountFigure(res[0], value, "suspect" if suspect else "left",
                                         sentence))
                used.add(i)
                continue
        if before in _VERB_FORMS and (end is not None or tok not in ("a", "an")):
            if before == "shot" and i > 1 and tokens[i - 2] in ("a", "one", "single"):
                continue
            metric = _VERB_FORMS[before]
            if metric == "shot" and i > 1 and tokens[i - 2] in _FATAL_ADVERBS:
                metric = "killed"  # "fatally shoots 3 musicians, self"
            elif metric == "shot" and end is not None:
                res = _metric_after(tokens, end)
                if res and res[0] == "killed" and tokens[end:end + 2] != ["and", "killed"]:
                    metric = "killed"  # "shooting one man dead"
            if end is not None or tokens[i + 1:i + 2] in (["people"], [","], ["."], [],
                                                         ["and"], ["in"], ["at"]):
                found.append(CountFigure(metric, value, "verb-object", sentence))
                used.add(i)
                continue
        if end is not None:
            res = _metric_after(tokens, end)
        elif tok not in ("a", "an", "single", "lone"):
            res = _metric_after(tokens, i + 1)
        else:
            res = None
        if res:
            metric = res[0]
            if metric == "shot" and end is not None and tokens[end - 1] in ("others", "other"):
                metric = "injured"  # "one killed and four others shot": the others survived
            rule = "suspect" if end is not None and tokens[end - 1] in SUSPECT_NOUNS \
                and end - i <= 2 else "subject"  # "2 suspects killed"
            if rule != "suspect" or not _has_object(tokens, res[1]):
                found.append(CountFigure(metric, value, rule, sentence))
            used.add(i)
        if hedge != "=":
            found[first:] = [CountFigure(f.metric, f.value, f.rule, f.text, hedge)
                             for f in found[first:]]
    if found and not any(f.metric == "killed" for f in found) and WOUNDED_THEN_DIED.search(lowered):
        # "a juvenile injured in a shooting Monday has died": the wounded are the dead
        found = [CountFigure("killed", f.value, f.rule, f.text, f.change)
                 if f.metric == "injured" else f for f in found]
    suspects = [f for f in found if f.rule == "suspect" and f.metric == "killed"]
    victims = [f for f in found if f.rule not in ("suspect", "verb-self")
               and f.metric == "killed"]
    if suspects and victims and "including" not in tokens:
        # "5 murdered; suspect dead", "14 dead, 21 injured; 2 suspects killed": both
        found.append(CountFigure("killed", max(f.value for f in victims)
                                 + max(f.value for f in suspects), "victims+suspects",
                                 sentence))
    if SUICIDE.search(lowered) and not _lists_the_shooter(tokens):
        # "killed his wife before turning the gun on himself": the shooter died too
        found = [CountFigure(f.metric, f.value + 1, f.rule + "+suicide", f.text, f.change)
                 if f.metric == "killed" and f.rule in ("verb-object", "verb-person")
                 else f for f in found]
    return found


#: The people wounded then died, in one clause ("a teen wounded Friday has died", "teen
#: hospitalized after shooting pronounced dead"; not "one wounded and another died").
WOUNDED_THEN_DIED = re.compile(
    r"\b(?:injured|wounded|hospitalized|hurt)\b(?:(?! and | but |, )[^.;])*?"
    r"\b(?:(?:has|have|later) died|pronounced dead|succumbed)\b")


#: The shooter killing himself, said after the victims ("..., then took his own life").
SUICIDE = re.compile(
    r"\b(?:turn(?:ed|ing|s)? (?:the|a|his|her) (?:gun|weapon|rifle|shotgun|handgun) on "
    r"(?:himself|herself)|(?:took|taking|takes) (?:his|her) own life|"
    r"(?:before|then|and|after) (?:fatally )?(?:killing|killed|shooting|shot) "
    r"(?:himself|herself))\b")


def _has_object(tokens: list[str], k: int) -> bool:
    """Whether the verb before ``k`` takes people as object (active: "killed one person")."""
    if k >= len(tokens):
        return False
    tok = tokens[k]
    return tok in _DETERMINERS or tok in PERSON_NOUNS or tok in REFLEXIVES \
        or (_count(tok) is not None and tok not in ("a", "an"))


def _lists_the_shooter(tokens: list[str]) -> bool:
    """Whether the sentence lists the shooter among the killed ("kills wife, then himself")."""
    return any(tokens[k] in REFLEXIVES and tokens[k - 1] in (",", "and", "then")
               for k in range(1, len(tokens)))


SINGULAR_PEOPLE = frozenset(
    {n for n in PERSON_NOUNS if not n.endswith("s") and n not in (
        "men", "women", "people", "children", "police", "family", "youth")}
    | {"he", "she"})
_DETERMINERS = _wordset("""
a an one the this that his her their its our
""")
#: Words saying someone died, without a count ("fatal shooting", "shooting death"); not
#: "a non-fatal shooting", nor "dead" in a place name or an idiom ("Dead River", "a dead end").
FATAL_WORDS = re.compile(
    r"(?<!non-)(?<!non)\b(?:fatal(?:ly)? shooting|fatally|deadly shooting|murder(?:ed)? of|"
    r"slaying|slain|killed|died|dies|dead(?! (?:river|sea|lake|creek|end|heat|zone|"
    r"serious|set|wrong|last|center|centre|ringer|silence|weight)\b)|shooting death)\b")


def value_less(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a singular person noun without a number before it.

    "Man killed", "the victim died", "his son died", "he was pronounced dead": one person.
    """
    if _AGE.fullmatch(tokens[i]) and (i + 1 >= len(tokens) or tokens[i + 1] not in PERSON_NOUNS):
        return True  # "10-year-old shot during family dispute"
    if tokens[i] not in SINGULAR_PEOPLE:
        return False
    if i <= HEADLINE_START or tokens[i - 1] in _DETERMINERS or tokens[i - 1] in _BREAK \
            or tokens[i - 1] == ",":
        return True  # also "Campbell boy, 7, hospitalized": a headline's first words
    return bool(_AGE.fullmatch(tokens[i - 1])) or tokens[i - 1].endswith("-old")


#: A single incident's count above this is a running statistic in local news (the
#: deadliest US shooting in the corpus years, Orlando 2016, had 49 killed and 53 injured).
MAX_INCIDENT_COUNT = 60


@dataclass(frozen=True, slots=True)
class ArticleCount:
    """One article's figure for a metric, and the sentence it came from."""

    metric: str
    value: int
    sentence_idx: int
    rule: str
    change: str = "="
    #: Read in the article's lead (headline and first sentences), not further down.
    in_lead: bool = True


def other_year(text: str, published: dt.date | None) -> bool:
    """Whether ``text`` names a year two or more before the article's: an earlier event.

    The year before may still be the event's (a follow-up: "the 2013 triple homicide").
    """
    if published is None:
        return False
    return any(int(y) < published.year - 1 for y in _YEAR.findall(text))


def _not_this_event(text: str, published: dt.date | None) -> bool:
    """Whether a sentence is about other events (earlier years, round-ups of several
    shootings) or a quote (hypotheticals: "could have been five dead")."""
    lowered = text.lower()
    return bool(OTHER_EVENTS.search(lowered) or text.lstrip()[:1] in "\"“'‘"
                or VIDEO_FURNITURE.search(text.lstrip())
                or QUOTE_TAIL.search(text) or other_year(text, published)
                or ROUND_UP.search(lowered))


#: The end of a quote opened in an earlier sentence: `...kill his wife," said Chief Kral.`
QUOTE_TAIL = re.compile(r"^[^\"“”]*[,.!?][\"”]\s+(?:said|says|according|\w+ (?:said|says))\b")


def article_counts(sentences: Sequence[tuple[int, str]], *, lead: int = 6,
                   killed_hint: int | None = None, published: dt.date | None = None
                   ) -> dict[str, ArticleCount]:
    """Killed, injured (and shot) figures of one article from its (idx, text) sentences.

    Each metric takes the largest count in the article's lead (its first ``lead``
    sentences, headline included). Only when the lead counts no casualties at all does
    the article take the counts of the first sentence further down that has any
    (``in_lead`` False): otherwise those are other incidents ("In May, a man was killed at
    the same corner"). Sentences about other events are skipped (:func:`_not_this_event`;
    ``published``, the article's date, tells which years are earlier). ``injured`` is
    completed from ``shot`` (in the lead) minus ``killed`` when the article gives people
    shot but no larger injured count ("four men shot; one killed" -> injured 3); an article
    that gives no killed count of its own subtracts ``killed_hint`` (the event's consensus).
    """
    best: dict[str, ArticleCount] = {}
    later: dict[str, ArticleCount] = {}
    for position, (idx, text) in enumerate(sentences):
        if _not_this_event(text, published):
            continue
        for fig in sentence_counts(text):
            if fig.value > MAX_INCIDENT_COUNT or fig.value <= 0:
                continue  # a running total ("74 people injured this year"), not this event
            if position < lead:
                current = best.get(fig.metric)
                if current is None or fig.value > current.value:
                    best[fig.metric] = ArticleCount(fig.metric, fig.value, idx, fig.rule,
                                                    fig.change)
            elif fig.metric not in later and all(c.sentence_idx == idx
                                                 for c in later.values()):
                # the first sentence further down that counts: later ones may be others
                later[fig.metric] = ArticleCount(fig.metric, fig.value, idx, fig.rule,
                                                 fig.change, in_lead=False)
    lead_shot = best.get("shot")
    if not best:  # a lead that counts casualties tells the story: counts further down
        best.update(later)  # are then other incidents ("a man was killed there in May")
    counted_killed = "killed" in best  # a count, not just a word saying someone died
    if "killed" not in best:
        for position, (idx, text) in enumerate(sentences):
            if position >= lead or _not_this_event(text, published):
                continue
            if "murder-suicide" in text.lower():
                best["killed"] = ArticleCount("killed", 2, idx, "fatal-word")
                break  # at least the victim and the shooter
            if FATAL_WORDS.search(text.lower()):
                best["killed"] = ArticleCount("killed", 1, idx, "fatal-word")
                break
    shot, killed = lead_shot, best.get("killed")
    if shot is not None:
        if not counted_killed and killed_hint is not None:
            subtract = killed_hint
        else:
            subtract = killed.value if killed else 0
        remaining = shot.value - subtract
        injured = best.get("injured")
        if remaining > 0 and (injured is None or injured.value < remaining):
            best["injured"] = ArticleCount("injured", remaining, shot.sentence_idx,
                                           "shot-minus-killed")
    return best
