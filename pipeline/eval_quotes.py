"""Score quote attribution against PolNeAR (source, cue, content; exact and token overlap).

The gold data is read in place from ``../shared/eval/quotes/polnear_test`` (or any
PolNeAR split folder given with ``--gold``) and never copied. For articles annotated by
several annotators, the first annotator (by id) is used. Scoring follows the README's
suggestion (Citron's ``scripts/evaluate``):

* exact: a predicted span counts when a gold span of the same role has the same offsets;
* overlap: precision = tokens of predicted spans that fall in a gold span of the same role,
  over all predicted tokens; recall = gold tokens covered by a prediction, over all gold
  tokens. "all" pools the three roles.

**Agreement ceiling.** Two test articles were annotated by all six annotators. Scoring each
annotator against each other one (every ordered pair) the same way gives the agreement of
people with people, the ceiling a system can be read against; claimwire is scored on the
same articles against each annotator, so the two rows compare like with like.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractors.quotes import quotations

ROLES = ("source", "cue", "content")
DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / "polnear_test"
_TOKEN = re.compile(r"\w+|[^\w\s]")

Spans = dict[str, list[tuple[int, int]]]  # role -> spans


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One PolNeAR article: its text and its attribution spans by role."""

    name: str
    text: str
    spans: Spans


@dataclass(slots=True)
class Counts:
    """Exact-match and token-overlap counts for one role, summed over articles."""

    exact_tp_pred: int = 0
    exact_tp_gold: int = 0
    n_pred: int = 0
    n_gold: int = 0
    overlap_pred: int = 0
    overlap_gold: int = 0
    tokens_pred: int = 0
    tokens_gold: int = 0

    def add(self, other: Counts) -> None:
        """Sum ``other`` into these counts."""
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Score:
    """Precision, recall and F1 in percent."""

    precision: float
    recall: float
    f1: float = field(init=False)

    def __post_init__(self) -> None:
        p, r = self.precision, self.recall
        self.f1 = 2 * p * r / (p + r) if p + r else 0.0


def _ratio(num: int, den: int) -> float:
    return 100.0 * num / den if den else 0.0


def parse_ann(text: str) -> Spans:
    """Attribution spans by role from a BRAT ``.ann`` file (events only, notes ignored)."""
    spans_of: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            tid, info, _ = line.split("\t", 2)
            label, _, offsets = info.partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans_of[tid] = (label, pieces)
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            events.append([tuple(a.split(":", 1)) for a in args.split()])
    result: Spans = {role: [] for role in ROLES}
    for event in events:
        for role, tid in event:
            role = role.rstrip("0123456789").lower()
            if role in ROLES and tid in spans_of:
                for piece in spans_of[tid][1]:
                    if piece not in result[role]:
                        result[role].append(piece)
    return result


def load_gold(gold_dir: Path = DEFAULT_GOLD) -> list[GoldArticle]:
    """Every article of a PolNeAR split folder (``text/<name>.txt`` and
    ``attributions/<name>_<annotator>.ann``; nothing else is read, so a partial copy of a
    split works) with one annotator's spans: the first by id when several annotated it.
    Annotations whose text is missing are skipped."""
    chosen: dict[str, Path] = {}
    for ann in sorted((gold_dir / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        if (gold_dir / "text" / f"{article}.txt").is_file():
            chosen.setdefault(article, ann)
    if not chosen:
        raise ValueError(f"no PolNeAR articles (text/ and attributions/) under {gold_dir}")
    return [
        GoldArticle(name, (gold_dir / "text" / f"{name}.txt").read_text(encoding="utf-8"),
                    parse_ann(ann.read_text(encoding="utf-8")))
        for name, ann in sorted(chosen.items())
    ]


def multiply_annotated(gold_dir: Path, names: Iterable[str]) -> dict[str, dict[str, Spans]]:
    """The articles among ``names`` with several annotators: annotator id -> spans."""
    found: dict[str, dict[str, Spans]] = {}
    for name in names:
        anns = sorted((gold_dir / "attributions").glob(f"{name}_*.ann"))
        if len(anns) > 1:
            found[name] = {ann.stem.rsplit("_", 1)[1]: parse_ann(ann.read_text(encoding="utf-8"))
                           for ann in anns}
    return found


def _tokens(text: str, span: tuple[int, int]) -> set[int]:
    """Start offsets of the word/punctuation tokens inside ``span``."""
    start, end = span
    return {start + m.start() for m in _TOKEN.finditer(text[start:end])}


def count(text: str, predicted: Spans, gold: Spans) -> dict[str, Counts]:
    """Counts per role for one article."""
    result = {}
    for role in ROLES:
        pred, ref = set(predicted.get(role, [])), set(gold.get(role, []))
        pred_tokens = [_tokens(text, s) for s in pred]
        gold_tokens = set().union(*(_tokens(text, s) for s in ref)) if ref else set()
        covered = set().union(*pred_tokens) if pred_tokens else set()
        result[role] = Counts(
            exact_tp_pred=len(pred & ref), exact_tp_gold=len(pred & ref),
            n_pred=len(pred), n_gold=len(ref),
            overlap_pred=sum(len(t & gold_tokens) for t in pred_tokens),
            overlap_gold=len(gold_tokens & covered),
            tokens_pred=sum(len(t) for t in pred_tokens), tokens_gold=len(gold_tokens),
        )
    return result


def claimwire_spans(doc: Doc) -> Spans:
    """claimwire's attributions of ``doc`` as spans by role."""
    spans: Spans = {role: [] for role in ROLES}
    for a in quotations(doc):
        spans["content"].append((a.content_start, a.content_end))
        if a.cue_start is not None:
            spans["cue"].append((a.cue_start, a.cue_end))
        if a.source_start is not None:
            spans["source"].append((a.source_start, a.source_end))
    return spans


def textacy_spans(doc: Doc) -> Spans:
    """textacy's ``direct_quotations`` on ``doc`` as spans by role (the baseline)."""
    from textacy.extract import direct_quotations

    spans: Spans = {role: [] for role in ROLES}
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy bails out on unbalanced quotation marks
        return spans
    for speaker, cue, content in triples:
        spans["content"].append((content.start_char, content.end_char))
        for tokens, role in ((speaker, "source"), (cue, "cue")):
            if tokens:
                spans[role].append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    return spans


def textacy_available() -> bool:
    """Whether the baseline can run here (textacy is an optional ``eval`` extra)."""
    try:
        import textacy.extract  # noqa: F401
    except ImportError:
        return False
    return True


def evaluate(docs: Iterable[Doc], gold: list[GoldArticle],
             systems: dict[str, Callable[[Doc], Spans]]) -> dict[str, dict[str, Counts]]:
    """Counts per system and role (plus "all"), over every article."""
    totals = {name: defaultdict(Counts) for name in systems}
    for doc, article in zip(docs, gold, strict=True):
        for name, system in systems.items():
            for role, counts in count(article.text, system(doc), article.spans).items():
                totals[name][role].add(counts)
                totals[name]["all"].add(counts)
    return {name: dict(t) for name, t in totals.items()}


def agreement(docs: Iterable[Doc], gold: list[GoldArticle], gold_dir: Path
              ) -> dict[str, dict[str, Counts]]:
    """Counts of annotators against each other (every ordered pair) and of claimwire
    against each annotator, on the multiply-annotated articles of ``gold`` (none: empty)."""
    several = multiply_annotated(gold_dir, (a.name for a in gold))
    totals: dict[str, dict[str, Counts]] = {}
    for doc, article in zip(docs, gold, strict=True):
        if article.name not in several:
            continue
        annotators = several[article.name]
        pairs = [("annotator agreement", annotators[a], annotators[b])
                 for a, b in itertools.permutations(annotators, 2)]
        mine = claimwire_spans(doc)
        pairs += [("claimwire, same articles", mine, spans) for spans in annotators.values()]
        for system, predicted, reference in pairs:
            by_role = totals.setdefault(system, defaultdict(Counts))
            for role, counts in count(article.text, predicted, reference).items():
                by_role[role].add(counts)
                by_role["all"].add(counts)
    return {name: dict(t) for name, t in totals.items()}


def scores(counts: Counts) -> dict[str, Score]:
    """Exact and overlap scores from counts."""
    return {
        "exact": Score(_ratio(counts.exact_tp_pred, counts.n_pred),
                       _ratio(counts.exact_tp_gold, counts.n_gold)),
        "overlap": Score(_ratio(counts.overlap_pred, counts.tokens_pred),
                         _ratio(counts.overlap_gold, counts.tokens_gold)),
    }


def rows(results: dict[str, dict[str, Counts]]) -> Iterator[dict[str, object]]:
    """One row per system, role and match type, with P/R/F1 rounded to one decimal."""
    for system, by_role in results.items():
        for role in (*ROLES, "all"):
            for match, score in scores(by_role[role]).items():
                yield {"system": system, "role": role, "match": match,
                       "precision": round(score.precision, 1), "recall": round(score.recall, 1),
                       "f1": round(score.f1, 1)}


def split(gold: list[GoldArticle], part: str | None) -> list[GoldArticle]:
    """The articles of one ``part``: "first" half (where rules were developed), "second"
    half (held out), or all of them for None."""
    half = len(gold) // 2
    return {"first": gold[:half], "second": gold[half:], None: gold}[part]


def evaluate_quotes(nlp: Language, gold_dir: Path = DEFAULT_GOLD, *, limit: int | None = None,
                    part: str | None = None) -> list[dict[str, object]]:
    """Parse the PolNeAR test articles (all, or one ``part``, see :func:`split`) and score
    claimwire (and textacy, if installed), with the annotators' agreement ceiling (see the
    module docstring) when the articles include multiply-annotated ones."""
    from pipeline.nlp import parse_texts

    gold = split(load_gold(gold_dir), part)[:limit]
    docs = list(parse_texts(nlp, (a.text for a in gold)))
    systems: dict[str, Callable[[Doc], Spans]] = {"claimwire": claimwire_spans}
    if textacy_available():
        systems["textacy"] = textacy_spans
    results = evaluate(docs, gold, systems) | agreement(docs, gold, gold_dir)
    return list(rows(results))
