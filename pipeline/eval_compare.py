"""Score event grouping and figure consensus on the GVA corpus (read in place, never copied).

The corpus (``../shared/corpus/gva_articles.jsonl``) clusters US local news articles by
gun-violence incident (``event_id``); ``gva_incidents.jsonl`` has the Gun Violence
Archive's official killed/injured counts. The evaluation:

1. takes a deterministic sample: the multi-outlet events that have an incident record,
   ordered by the SHA-1 of their ``event_id`` (a fixed shuffle spread over the years), the
   first ``sample`` of them, with *all* their articles (``sample=None``: every event);
2. ingests those articles with :func:`pipeline.ingest.ingest_items` (plain Python, no
   Prefect; articles already in the database are not parsed again);
3. builds events and verdicts with :func:`pipeline.compare.build_comparisons`;
4. scores the grouping against ``event_id`` (pairwise and B-cubed P/R/F1 over the sampled
   articles), the consensus killed/injured figure of each gold event against GVA's counts
   (exact-match rate and mean absolute error), and lists the events flagged ``disagree``.
   A gold event is read through the built event holding most of its articles (on a tie, the
   one holding its first article in corpus order). An event without a consensus value is a
   miss even when GVA records 0; a 0 the comparison gives (``implied``: the reports count
   the dead and no wounded, or the reverse) is scored like any value.

Articles are matched to their gold record by the line number in their ``origin``
(``path#line``), which also holds for copies recorded as sightings of one stored article.

**Held-out split.** Every event falls in the ``dev`` or the ``test`` half by a stable hash
of its ``event_id`` (:func:`split_of`, independent of the sample order). Counting rules are
developed by reading errors on ``dev`` events only; ``test`` is scored, never read. The
whole sample is always ingested and grouped together; a part only restricts what is scored.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import sqlalchemy as sa

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ARTICLES_FILE = "gva_articles.jsonl"
INCIDENTS_FILE = "gva_incidents.jsonl"
METRICS = ("killed", "injured")
#: The halves of the held-out split, and "all" (both).
PARTS = ("all", "dev", "test")


def split_of(event_id: str) -> str:
    """``dev`` or ``test``: the event's half of the split (a stable hash of its id)."""
    digest = hashlib.sha256(f"claimwire-split|{event_id}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One corpus line: its line number, gold event and outlet."""

    line: int
    event_id: str
    source: str


@dataclass(slots=True)
class Sample:
    """The sampled events, their official counts, and the corpus lines of their articles."""

    events: list[str]
    counts: dict[str, dict[str, int]]
    articles: dict[int, GoldArticle] = field(default_factory=dict)

    def part(self, name: str) -> Sample:
        """The sample restricted to one half of the split (``all``: itself)."""
        if name == "all":
            return self
        if name not in PARTS:
            raise ValueError(f"unknown part {name!r} (expected one of {', '.join(PARTS)})")
        events = [e for e in self.events if split_of(e) == name]
        return Sample(events=events, counts={e: self.counts[e] for e in events},
                      articles={line: a for line, a in self.articles.items()
                                if split_of(a.event_id) == name})


def load_sample(corpus: Path = DEFAULT_CORPUS, sample: int | None = None) -> Sample:
    """The first ``sample`` multi-outlet events with official counts, in SHA-1 order."""
    by_event: dict[str, list[GoldArticle]] = defaultdict(list)
    with (corpus / ARTICLES_FILE).open(encoding="utf-8") as handle:
        for line, raw in enumerate(handle, start=1):
            if raw.strip():
                record = json.loads(raw)
                by_event[record["event_id"]].append(
                    GoldArticle(line, record["event_id"], record["source"]))
    counts: dict[str, dict[str, int]] = {}
    with (corpus / INCIDENTS_FILE).open(encoding="utf-8") as handle:
        for raw in handle:
            if raw.strip():
                record = json.loads(raw)
                counts[record["event_id"]] = {"killed": int(record["num_killed"]),
                                              "injured": int(record["num_injured"])}
    events = sorted(
        (e for e, arts in by_event.items()
         if e in counts and len({a.source for a in arts}) >= 2),
        key=lambda e: hashlib.sha1(e.encode()).hexdigest())
    if sample is not None:
        events = events[:sample]
    chosen = Sample(events=events, counts={e: counts[e] for e in events})
    for event in events:
        for article in by_event[event]:
            chosen.articles[article.line] = article
    return chosen


def sample_items(corpus: Path, sample: Sample) -> Iterator[Any]:
    """The sampled corpus lines, read by claimwire's JSONL reader (Article or Skipped)."""
    from pipeline.articles import Metadata, read_jsonl_file

    for item in read_jsonl_file(corpus / ARTICLES_FILE, Metadata(), max_bytes=5_000_000):
        if _line(item.origin) in sample.articles:
            yield item


def _line(origin: str | None) -> int | None:
    """The line number of a JSONL origin ``path#line``."""
    if not origin or "#" not in origin:
        return None
    tail = origin.rsplit("#", 1)[1]
    return int(tail) if tail.isdigit() else None


def ingest_sample(engine: sa.Engine, corpus: Path, sample: Sample, *,
                  model: str | None = None) -> Any:
    """Ingest the sampled articles (those already stored are not parsed again)."""
    from pipeline.ingest import ingest_items
    from pipeline.nlp import load_nlp

    return ingest_items(sample_items(corpus, sample), nlp=load_nlp(model), engine=engine)


# --- scoring -----------------------------------------------------------------------------

def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent (0 when undefined)."""
    p = 100.0 * tp / predicted if predicted else 0.0
    r = 100.0 * tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 1), round(r, 1), round(f, 1)


def pairwise_scores(predicted: dict[Any, Any], gold: dict[Any, Any]
                    ) -> tuple[float, float, float]:
    """Pairwise P/R/F1 of a clustering: pairs of items put together, against gold pairs.

    Both arguments map an item to its cluster label; only items in both are scored.
    """
    items = sorted(set(predicted) & set(gold), key=str)
    pred_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] == predicted[b]}
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    return prf(len(pred_pairs & gold_pairs), len(pred_pairs), len(gold_pairs))


def bcubed_scores(predicted: dict[Any, Any], gold: dict[Any, Any]
                  ) -> tuple[float, float, float]:
    """B-cubed P/R/F1 (Bagga and Baldwin): per-item overlap of predicted and gold clusters."""
    items = [i for i in predicted if i in gold]
    if not items:
        return 0.0, 0.0, 0.0
    pred_members: dict[Any, set[Any]] = defaultdict(set)
    gold_members: dict[Any, set[Any]] = defaultdict(set)
    for i in items:
        pred_members[predicted[i]].add(i)
        gold_members[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(pred_members[predicted[i]] & gold_members[gold[i]])
        p += both / len(pred_members[predicted[i]])
        r += both / len(gold_members[gold[i]])
    p, r = 100 * p / len(items), 100 * r / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 1), round(r, 1), round(f, 1)


@dataclass(slots=True)
class EventFigures:
    """One gold event: per-outlet figures, the consensus, the official count."""

    event_id: str
    metric: str
    official: int
    consensus: float | None
    by_outlet: dict[str, float | None]
    verdict: str | None


@dataclass(slots=True)
class Report:
    """Everything ``claimwire eval compare`` prints."""

    events: int
    articles: int
    stored: int
    pairwise: tuple[float, float, float]
    bcubed: tuple[float, float, float]
    predicted_events: int
    figures: list[EventFigures]
    disagreements: list[dict[str, Any]]

    def accuracy(self, metric: str) -> dict[str, float]:
        """Exact-match rate and MAE of the consensus for ``metric``.

        An event without a consensus value is a miss, never a match (even when GVA
        records 0); the MAE takes its value as 0. A consensus of 0 is a value the
        comparison gave (``implied`` when the reports count only the other metric).
        """
        rows = [f for f in self.figures if f.metric == metric]
        if not rows:
            return {"events": 0, "exact": 0.0, "mae": 0.0, "with_figure": 0}
        errors = [abs((f.consensus or 0) - f.official) for f in rows]
        exact = sum(f.consensus is not None and e < 0.5 for f, e in zip(rows, errors,
                                                                           strict=True))
        return {
            "events": len(rows),
            "exact": round(100.0 * exact / len(rows), 1),
            "mae": round(statistics.fmean(errors), 3),
            "with_figure": sum(f.consensus is not None for f in rows),
        }

    def events_in_order(self) -> list[str]:
        """The gold events scored, in sample order."""
        return list(dict.fromkeys(f.event_id for f in self.figures))

    def summary_rows(self) -> list[dict[str, Any]]:
        """The headline figures as rows (for table/JSON/CSV output)."""
        rows = [
            {"measure": "events sampled", "value": self.events},
            {"measure": "articles (stored)", "value": f"{self.articles} ({self.stored})"},
            {"measure": "events built", "value": self.predicted_events},
            {"measure": "grouping pairwise P/R/F1", "value": "/".join(map(str, self.pairwise))},
            {"measure": "grouping B-cubed P/R/F1", "value": "/".join(map(str, self.bcubed))},
        ]
        for metric in METRICS:
            acc = self.accuracy(metric)
            rows.append({"measure": f"{metric}: exact % / MAE (events with a value)",
                         "value": f"{acc['exact']} / {acc['mae']} ({acc['with_figure']}"
                                  f"/{acc['events']})"})
        rows.append({"measure": "events flagged disagree", "value": len(self.disagreements)})
        return rows


def score(engine: sa.Engine, sample: Sample) -> Report:
    """Score the events and verdicts stored in ``engine`` against the sample's gold."""
    from pipeline.compare import event_assignments, outlet_figures

    origins = event_assignments(engine)  # origin line -> (article_id, event id)
    gold: dict[int, str] = {}
    predicted: dict[int, int] = {}
    article_event: dict[int, str] = {}
    # in corpus order: a gold event split evenly is read through the built event holding
    # its first article (a fixed choice that looks at neither figures nor counts)
    for origin, (article_id, event) in sorted(origins.items(),
                                              key=lambda kv: (_line(kv[0]) or 0, kv[0])):
        line = _line(origin)
        if line in sample.articles:
            gold[line] = sample.articles[line].event_id
            predicted[line] = event if event is not None else -article_id
            article_event.setdefault(article_id, sample.articles[line].event_id)
    figures: list[EventFigures] = []
    disagreements: list[dict[str, Any]] = []
    per_event = outlet_figures(engine, article_event)
    for event_id in sample.events:
        for metric in METRICS:
            found = per_event.get((event_id, metric))
            figures.append(EventFigures(
                event_id=event_id, metric=metric, official=sample.counts[event_id][metric],
                consensus=found["consensus"] if found else None,
                by_outlet=found["by_outlet"] if found else {},
                verdict=found["verdict"] if found else None))
            if found and found["verdict"] == "disagree":
                disagreements.append({"event_id": event_id, "metric": metric,
                                      "official": sample.counts[event_id][metric],
                                      **found})
    return Report(
        events=len(sample.events), articles=len(sample.articles), stored=len(gold),
        pairwise=pairwise_scores(predicted, gold), bcubed=bcubed_scores(predicted, gold),
        predicted_events=len({v for v in predicted.values()}),
        figures=figures, disagreements=disagreements)


def evaluate_compare(engine: sa.Engine, corpus: Path = DEFAULT_CORPUS,
                     sample: int | None = 150, *, model: str | None = None,
                     ingest: bool = True, part: str = "all") -> Report:
    """Ingest the sample, build events and verdicts, and score them (on ``part``)."""
    return evaluate_parts(engine, corpus, sample, model=model, ingest=ingest,
                          parts=(part,))[part]


def evaluate_parts(engine: sa.Engine, corpus: Path = DEFAULT_CORPUS,
                   sample: int | None = 150, *, model: str | None = None,
                   ingest: bool = True, parts: Iterable[str] = PARTS) -> dict[str, Report]:
    """Ingest the whole sample, build once, and score each part (``all``, ``dev``, ``test``)."""
    from pipeline.compare import build_comparisons

    chosen = load_sample(corpus, sample)
    if ingest:
        ingest_sample(engine, corpus, chosen, model=model)
    build_comparisons(engine)
    return {name: score(engine, chosen.part(name)) for name in parts}


def figure_rows(report: Report, events: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Per gold event and metric: outlets' figures, consensus, official count."""
    wanted = set(events) if events is not None else None
    return [
        {"event_id": f.event_id, "metric": f.metric, "official": f.official,
         "consensus": f.consensus, "verdict": f.verdict,
         "by_outlet": "; ".join(f"{s}={'' if v is None else _fmt(v)}"
                                for s, v in sorted(f.by_outlet.items()))}
        for f in report.figures if wanted is None or f.event_id in wanted
    ]


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
