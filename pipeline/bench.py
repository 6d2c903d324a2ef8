"""``claimwire bench``: how fast claimwire ingests, next to bare spaCy, and how fast it answers.

Ingestion (:func:`run_bench`), in one process, on the same articles:

- **baseline**: bare spaCy ``nlp.pipe`` over the article texts, with the configured model's
  default pipeline (``spacy.load``, no claimwire rules);
- **claimwire end to end, 1 process**: read -> extract -> normalise -> claims -> store into a
  fresh SQLite file, through :func:`pipeline.ingest.ingest_items` (what the ingest flow runs),
  with the time split by stage (:data:`pipeline.extract.STAGES`);
- **claimwire end to end, N processes**: worker processes, each loading the model once,
  take chunks of articles from a queue and store them into one fresh SQLite file (stores
  are idempotent on the content hash, so workers need no coordination);
- peak RSS of the bench process and of every worker.

The baseline and the 1-process run alternate over chunks of articles (and swap order every
chunk), so that load from other processes on the machine hits both alike: compare ratios,
not absolute figures. Rates are given on wall time and on the process's CPU time.

The articles (:func:`select_articles`) are a deterministic mix read in place from
``../shared/corpus``: alternately a GVA (US local news) and a BBC article, each file sampled at
an even stride over its lines.

Queries (:func:`run_query_bench`: :func:`generate_claims`, :func:`bulk_load`,
:func:`time_queries`): a database filled with a million
realistic claims, sampled from the claims claimwire extracts from real articles, then the
common queries of :mod:`pipeline.query` timed (median of several runs) with their plans.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing as mp
import os
import platform
import queue
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from models.claim import when as claim_when
from pipeline.articles import Article, Metadata, Skipped, article_from_record, decode
from pipeline.errors import Rejected, RejectReason
from pipeline.settings import Settings

REPO = Path(__file__).resolve().parents[1]
#: Where the shared corpus is read from (``CLAIMWIRE_CORPUS_DIR`` overrides it).
CORPUS_DIR = Path(os.environ.get("CLAIMWIRE_CORPUS_DIR") or REPO.parent / "shared" / "corpus")
GVA_FILE = "gva_articles.jsonl"
BBC_FILE = "bbc_news.jsonl"
WARMUP_ARTICLES = 4  # extra articles, not measured, that pay the one-off costs first
#: Goals of the tracker's issue 7.
GOAL_VS_SPACY = 1.0
GOAL_SCALING_2 = 1.8
GOAL_RSS_MB = 1024.0


# --- the articles ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Pick:
    """One corpus line chosen for the bench: where it is, and how many words its text has."""

    path: str
    lineno: int
    offset: int  # byte offset of the line, so the timed read seeks straight to it
    words: int


def _lines(path: Path) -> list[tuple[int, bytes]]:
    """(byte offset, raw line) of every line of ``path``."""
    lines, offset = [], 0
    with path.open("rb") as handle:
        for raw in handle:
            lines.append((offset, raw))
            offset += len(raw)
    return lines


def _article(path: Path, lineno: int, raw: bytes, max_bytes: int) -> Article | Skipped:
    """The article on one JSONL line, read exactly as ``claimwire ingest`` reads it."""
    origin = f"{path}#{lineno}"
    try:
        try:
            record = json.loads(decode(raw, max_bytes=max_bytes))
        except json.JSONDecodeError as exc:
            raise Rejected(RejectReason.MALFORMED, f"invalid JSON: {exc.msg}") from exc
        return article_from_record(record, origin, Metadata())
    except Rejected as rej:
        return Skipped(origin, rej.reason, rej.detail, hashlib.sha256(raw).hexdigest())


def _pick_from(path: Path, count: int, taken: set[str], max_bytes: int) -> list[Pick]:
    """``count`` articles of one file at an even stride; a line that is no new article
    (not English, empty, a text, URL or GVA event already picked) gives way to the next."""
    lines = _lines(path)
    picks: list[Pick] = []
    used: set[int] = set()
    for j in range(count):
        start = j * len(lines) // count
        for step in range(len(lines)):
            k = (start + step) % len(lines)
            if k in used:
                continue
            used.add(k)
            offset, raw = lines[k]
            item = _article(path, k + 1, raw, max_bytes)
            if isinstance(item, Skipped):
                continue
            event = json.loads(raw).get("event_id")
            keys = {item.content_sha256, f"url:{item.url}" if item.url else "",
                    f"event:{event}" if event else ""} - {""}
            if keys & taken:
                continue
            taken |= keys
            picks.append(Pick(str(path), k + 1, offset, len(item.text.split())))
            break
        else:
            raise ValueError(f"{path} has fewer than {count} distinct articles")
    return picks


def select_articles(n: int, corpus_dir: Path = CORPUS_DIR, *, max_bytes: int = 5_000_000
                    ) -> list[Pick]:
    """A deterministic mix of ``n`` distinct English articles from the shared corpus.

    Alternately a GVA article (``gva_articles.jsonl``; GVA gets the odd one) and a BBC
    article (``bbc_news.jsonl``). Each file is sampled at an even stride over its lines
    (line ``1 + j * lines // count``); a line that is not an article claimwire would parse
    (not English, empty), or repeats a text, a URL or (GVA) an event already picked, gives
    way to the next line, so no pick is a copy of another.

    Raises:
        FileNotFoundError: the corpus files are not there.
        ValueError: a file has too few distinct articles for ``n``.
    """
    gva_n, bbc_n = (n + 1) // 2, n // 2
    taken: set[str] = set()
    gva = _pick_from(corpus_dir / GVA_FILE, gva_n, taken, max_bytes) if gva_n else []
    bbc = _pick_from(corpus_dir / BBC_FILE, bbc_n, taken, max_bytes) if bbc_n else []
    mixed = []
    for i in range(max(gva_n, bbc_n)):
        mixed += gva[i:i + 1] + bbc[i:i + 1]
    return mixed


def read_picks(picks: Iterable[Pick], *, max_bytes: int = 5_000_000
               ) -> Iterator[Article | Skipped]:
    """The picked articles, read in place from the corpus files (seek, read a line, parse)."""
    handles: dict[str, Any] = {}
    try:
        for pick in picks:
            handle = handles.get(pick.path)
            if handle is None:
                handle = handles[pick.path] = open(pick.path, "rb")  # noqa: SIM115
            handle.seek(pick.offset)
            yield _article(Path(pick.path), pick.lineno, handle.readline(), max_bytes)
    finally:
        for handle in handles.values():
            handle.close()


def _timed(items: Iterable[Any], clock: dict[str, float], stage: str) -> Iterator[Any]:
    """``items``, adding the time spent producing each one to ``clock[stage]``."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            clock[stage] = clock.get(stage, 0.0) + time.perf_counter() - started
            return
        clock[stage] = clock.get(stage, 0.0) + time.perf_counter() - started
        yield item


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _peak_rss_mb() -> float:
    """Peak resident set size of this process in MB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` survives ``exec``, so a spawned
    worker would report its parent's peak. Elsewhere ``getrusage`` (KB on Linux, bytes on
    macOS).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


def _stored_count(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(sa.text("SELECT count(*) FROM articles WHERE status = 'stored'"))


# --- the measurements --------------------------------------------------------------------

@dataclass(slots=True)
class Timing:
    """Wall and CPU seconds of one measured thing over ``words`` words and ``articles``."""

    wall: float = 0.0
    cpu: float = 0.0
    words: int = 0
    articles: int = 0

    def add(self, wall: float, cpu: float, words: int, articles: int) -> None:
        """Fold one chunk's figures in."""
        self.wall += wall
        self.cpu += cpu
        self.words += words
        self.articles += articles

    @property
    def words_per_s(self) -> float:
        """Words per wall-clock second."""
        return self.words / self.wall if self.wall else 0.0

    @property
    def words_per_cpu_s(self) -> float:
        """Words per CPU second of the measuring process (less sensitive to other load)."""
        return self.words / self.cpu if self.cpu else 0.0

    @property
    def articles_per_s(self) -> float:
        """Articles per wall-clock second."""
        return self.articles / self.wall if self.wall else 0.0


@dataclass(slots=True)
class ProcessRun:
    """claimwire end to end over several worker processes."""

    processes: int
    timing: Timing
    read: int
    stored: int
    duplicates: int
    skipped: int
    stored_in_db: int
    worker_rss_mb: list[float]
    worker_startup_s: list[float]
    stages: dict[str, float]


@dataclass(slots=True)
class BenchResult:
    """Everything ``claimwire bench`` measured, JSON-ready through :meth:`as_dict`."""

    when: str
    machine: dict[str, Any]
    articles: int
    gva: int
    bbc: int
    words: int
    model: str
    baseline: Timing
    claimwire: Timing
    stages: dict[str, float]
    read: int
    stored: int
    duplicates: int
    skipped: int
    stored_in_db: int
    load_s: dict[str, float]
    warmup_s: float
    bench_rss_mb: float
    runs: list[ProcessRun] = field(default_factory=list)
    #: claimwire's words/s over bare spaCy's, chunk by chunk (one long article can make a
    #: chunk stand out: extraction grows faster than linearly with article length).
    chunk_ratios: list[float] = field(default_factory=list)

    @property
    def ratio_vs_spacy(self) -> float:
        """claimwire end to end over bare spaCy, in words per wall second."""
        base = self.baseline.words_per_s
        return self.claimwire.words_per_s / base if base else 0.0

    @property
    def ratio_vs_spacy_cpu(self) -> float:
        """The same ratio on CPU time."""
        base = self.baseline.words_per_cpu_s
        return self.claimwire.words_per_cpu_s / base if base else 0.0

    def scaling(self, run: ProcessRun) -> float:
        """Words/s of ``run`` over claimwire's 1-process words/s."""
        one = self.claimwire.words_per_s
        return run.timing.words_per_s / one if one else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, with the derived rates and ratios."""
        def timing(t: Timing) -> dict[str, Any]:
            return {**asdict(t), "words_per_s": round(t.words_per_s, 1),
                    "words_per_cpu_s": round(t.words_per_cpu_s, 1),
                    "articles_per_s": round(t.articles_per_s, 2)}

        out = {k: getattr(self, k) for k in (
            "when", "machine", "articles", "gva", "bbc", "words", "model", "stages", "read",
            "stored", "duplicates", "skipped", "stored_in_db", "load_s", "warmup_s",
            "bench_rss_mb", "chunk_ratios")}
        out["baseline"] = timing(self.baseline)
        out["claimwire"] = timing(self.claimwire)
        out["ratio_vs_spacy"] = round(self.ratio_vs_spacy, 3)
        out["ratio_vs_spacy_cpu"] = round(self.ratio_vs_spacy_cpu, 3)
        out["runs"] = [{**asdict(r), "timing": timing(r.timing),
                        "scaling": round(self.scaling(r), 3)} for r in self.runs]
        return out


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import spacy

    return {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "spacy": spacy.__version__, "platform": platform.platform(terse=True),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


#: Stages of the time split, in pipeline order: (key, label).
STAGE_ROWS = (
    ("read", "read (JSONL, language check)"),
    ("parse", "spaCy parse (+ entity rules, joining paragraphs)"),
    ("entities", "entities (+ sentences, canonical entities)"),
    ("quantities", "quantities (rules + quantulum3)"),
    ("dates", "dates (rules + dateparser)"),
    ("quotes_claims", "quotes + claims"),
    ("storage", "storage, duplicate checks (the rest)"),
)


def _stage_split(stages: dict[str, float], total: float) -> dict[str, float]:
    """Seconds per row of :data:`STAGE_ROWS`; storage is what the other stages leave."""
    split = {k: stages.get(k, 0.0) for k in ("read", "parse", "entities", "quantities", "dates")}
    split["quotes_claims"] = stages.get("quotes", 0.0) + stages.get("claims", 0.0)
    split["storage"] = max(total - sum(split.values()), 0.0)
    return split


def _ingest(picks: Sequence[Pick], *, nlp: Any, engine: sa.Engine, batch_size: int,
            clock: dict[str, float]) -> Any:
    """Read and ingest ``picks`` the way the ingest flow does; reading time goes to ``clock``."""
    from pipeline.ingest import ingest_items

    return ingest_items(_timed(read_picks(picks), clock, "read"), nlp=nlp, engine=engine,
                        batch_size=batch_size)


def run_bench(
    n: int = 1000,
    *,
    processes: Sequence[int] = (1, 2),
    corpus_dir: Path = CORPUS_DIR,
    chunk: int = 100,
    settings: Settings | None = None,
    echo: Callable[[str], None] | None = None,
) -> BenchResult:
    """Measure ingestion on ``n`` corpus articles; see the module docstring.

    Args:
        n: articles measured (plus :data:`WARMUP_ARTICLES` unmeasured ones first).
        processes: process counts to run claimwire end to end with (1 runs in this process,
            interleaved with the baseline; more run in worker processes).
        corpus_dir: the folder holding the GVA and BBC JSONL files.
        chunk: articles per interleaving chunk (1 process) and per task (workers).
        settings: model and batch size (default: from the environment).
        echo: progress messages go here.
    """
    import spacy

    from pipeline.extract import STAGES
    from pipeline.ingest import Summary
    from pipeline.nlp import load_nlp
    from pipeline.store import open_db

    settings = settings or Settings.from_env()
    say = echo or (lambda _msg: None)
    when = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    all_picks = select_articles(n + WARMUP_ARTICLES, corpus_dir, max_bytes=settings.max_bytes)
    warm, picks = all_picks[:WARMUP_ARTICLES], all_picks[WARMUP_ARTICLES:]
    texts = [a.text for a in read_picks(picks, max_bytes=settings.max_bytes)
             if isinstance(a, Article)]
    say(f"{len(picks)} articles, {sum(p.words for p in picks):,} words")

    load_s: dict[str, float] = {}
    started = time.perf_counter()
    bare = spacy.load(settings.spacy_model)  # the model's default pipeline, no claimwire rules
    load_s["spacy"] = time.perf_counter() - started
    started = time.perf_counter()
    nlp = load_nlp(settings.spacy_model)
    load_s["claimwire"] = time.perf_counter() - started

    baseline, claimwire = Timing(), Timing()
    chunk_ratios: list[float] = []
    summary = Summary()
    clock: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="claimwire-bench-") as tmp:
        started = time.perf_counter()  # one-off costs: quantulum3's first parse and the like
        list(bare.pipe(a.text for a in read_picks(warm) if isinstance(a, Article)))
        warm_engine = open_db(f"sqlite:///{tmp}/warmup.db")
        _ingest(warm, nlp=nlp, engine=warm_engine, batch_size=settings.batch_size, clock={})
        warm_engine.dispose()
        warmup_s = time.perf_counter() - started

        engine = open_db(f"sqlite:///{tmp}/bench.db")
        STAGES.take()
        for i, (part, part_texts) in enumerate(zip(_chunks(picks, chunk), _chunks(texts, chunk),
                                                   strict=True)):
            words = sum(p.words for p in part)

            def run_baseline(part_texts: Sequence[str] = part_texts, words: int = words
                             ) -> None:
                wall, cpu = time.perf_counter(), time.process_time()
                for _doc in bare.pipe(part_texts):
                    pass
                baseline.add(time.perf_counter() - wall, time.process_time() - cpu, words,
                             len(part_texts))

            def run_claimwire(part: Sequence[Pick] = part, words: int = words) -> None:
                wall, cpu = time.perf_counter(), time.process_time()
                summary.add(_ingest(part, nlp=nlp, engine=engine,
                                    batch_size=settings.batch_size, clock=clock))
                claimwire.add(time.perf_counter() - wall, time.process_time() - cpu, words,
                              len(part))

            first, second = (run_baseline, run_claimwire) if i % 2 == 0 else \
                (run_claimwire, run_baseline)
            before = (baseline.wall, claimwire.wall)
            first()
            second()
            spent = (baseline.wall - before[0], claimwire.wall - before[1])
            chunk_ratios.append(round(spent[0] / spent[1], 3) if spent[1] else 0.0)
            say(f"  1 process: {claimwire.articles}/{len(picks)} articles, "
                f"{claimwire.words_per_s / (baseline.words_per_s or 1):.2f}x bare spaCy so far")
        stages = _stage_split({**STAGES.take(), **clock}, claimwire.wall)
        stored_in_db = _stored_count(engine)
        engine.dispose()

        result = BenchResult(
            when=when, machine=machine(), articles=len(picks),
            gva=sum(p.path.endswith(GVA_FILE) for p in picks),
            bbc=sum(p.path.endswith(BBC_FILE) for p in picks),
            words=sum(p.words for p in picks), model=settings.spacy_model,
            baseline=baseline, claimwire=claimwire, stages=stages, read=summary.read,
            stored=summary.stored, duplicates=summary.duplicates,
            skipped=sum(summary.skipped.values()), stored_in_db=stored_in_db, load_s=load_s,
            warmup_s=warmup_s, bench_rss_mb=_peak_rss_mb(), chunk_ratios=chunk_ratios,
        )
        for count in processes:
            if count > 1:
                say(f"  {count} processes ...")
                result.runs.append(run_processes(
                    picks, count, url=f"sqlite:///{tmp}/bench-{count}p.db", warm=warm,
                    chunk=max(1, min(chunk, settings.batch_size)), settings=settings))
    return result


# --- worker processes --------------------------------------------------------------------

def _worker(index: int, url: str, warm_url: str, warm: list[Pick], settings: Settings,
            tasks: Any, results: Any, go: Any) -> None:
    """One worker: load the model once, warm up, then ingest chunks until told to stop."""
    from pipeline.extract import STAGES
    from pipeline.ingest import Summary
    from pipeline.nlp import load_nlp
    from pipeline.store import open_db

    try:
        started = time.perf_counter()
        nlp = load_nlp(settings.spacy_model)
        warm_engine = open_db(warm_url)
        _ingest(warm, nlp=nlp, engine=warm_engine, batch_size=settings.batch_size, clock={})
        warm_engine.dispose()
        engine = open_db(url, migrate_schema=False)
        startup = time.perf_counter() - started
        STAGES.take()
        results.put(("ready", index, None))
        go.wait()
        summary, clock = Summary(), {}
        cpu, busy = time.process_time(), time.perf_counter()
        while (part := tasks.get()) is not None:
            summary.add(_ingest(part, nlp=nlp, engine=engine, batch_size=settings.batch_size,
                                clock=clock))
        engine.dispose()
        results.put(("done", index, {
            "summary": summary.as_dict(), "stages": {**STAGES.take(), **clock},
            "rss_mb": _peak_rss_mb(), "cpu": time.process_time() - cpu, "startup": startup,
            "busy": time.perf_counter() - busy, "finished": time.perf_counter()}))
    except BaseException as exc:  # the parent must hear of it, not wait forever
        results.put(("error", index, f"{type(exc).__name__}: {exc}"))
        raise


def run_processes(picks: Sequence[Pick], count: int, *, url: str, warm: list[Pick],
                  chunk: int, settings: Settings) -> ProcessRun:
    """claimwire end to end over ``count`` worker processes sharing one database.

    Workers are started (spawn), load the model and warm up before the clock starts; then
    they take chunks of ``chunk`` articles from one queue. The time is from the start
    signal to the last worker's finish.
    """
    from pipeline.store import open_db

    engine = open_db(url)  # migrate once, before the workers
    context = mp.get_context("spawn")
    tasks, results, go = context.Queue(), context.Queue(), context.Event()
    workers = [
        context.Process(target=_worker, daemon=True, args=(
            i, url, f"{url.removesuffix('.db')}-warm{i}.db", warm, settings, tasks, results,
            go))
        for i in range(count)
    ]
    def receive() -> Any:
        """The next worker message; a worker that died without a word is an error."""
        while True:
            try:
                kind, index, detail = results.get(timeout=1)
            except queue.Empty:
                dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"a bench worker exited with code {dead[0]}") from None
                continue
            if kind == "error":
                raise RuntimeError(f"bench worker {index} failed: {detail}")
            return detail

    for w in workers:
        w.start()
    try:
        for _ in workers:
            receive()
        for part in _chunks(picks, chunk):
            tasks.put(list(part))
        for _ in workers:
            tasks.put(None)
        started = time.perf_counter()
        go.set()
        done = [receive() for _ in workers]
        for w in workers:
            w.join(timeout=60)
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
    wall = max(d["finished"] for d in done) - started
    stages: dict[str, float] = {}
    for d in done:
        for k, v in d["stages"].items():
            stages[k] = stages.get(k, 0.0) + v
    cpu = sum(d["cpu"] for d in done)
    timing = Timing(wall, cpu, sum(p.words for p in picks), len(picks))
    stored_in_db = _stored_count(engine)
    engine.dispose()
    summaries = [d["summary"] for d in done]
    return ProcessRun(
        processes=count, timing=timing,
        read=sum(s["read"] for s in summaries), stored=sum(s["stored"] for s in summaries),
        duplicates=sum(s["duplicates"] for s in summaries),
        skipped=sum(sum(s["skipped"].values()) for s in summaries), stored_in_db=stored_in_db,
        worker_rss_mb=[round(d["rss_mb"], 1) for d in done],
        worker_startup_s=[round(d["startup"], 2) for d in done],
        stages=_stage_split(stages, sum(d["busy"] for d in done)),
    )


# --- the report --------------------------------------------------------------------------

def _mark(ok: bool) -> str:
    return "met" if ok else "NOT met"


def render_bench(result: BenchResult) -> str:
    """The bench as a text table, with the goals and whether they are met."""
    from tabulate import tabulate

    b, c = result.baseline, result.claimwire
    m = result.machine
    head = (
        f"claimwire bench, {result.when}, {m['host']} ({m['cpus']} CPUs, load average "
        f"{' '.join(str(x) for x in m['load_average'])}), Python {m['python']}, "
        f"spaCy {m['spacy']}, {result.model}\n"
        f"{result.articles} articles ({result.gva} GVA + {result.bbc} BBC, alternating), "
        f"{result.words:,} words; claimwire read {result.read}, stored {result.stored} "
        f"(in the database: {result.stored_in_db}), already stored {result.duplicates}, "
        f"skipped {result.skipped}\n"
        f"model load {result.load_s.get('spacy', 0):.1f}s bare / "
        f"{result.load_s.get('claimwire', 0):.1f}s claimwire; warm-up "
        f"({WARMUP_ARTICLES} articles, not measured) {result.warmup_s:.1f}s"
    )
    rows: list[list[Any]] = [
        ["bare spaCy nlp.pipe, default pipeline", f"{b.wall:.1f}", f"{b.cpu:.1f}",
         f"{b.words_per_s:,.0f}", f"{b.words_per_cpu_s:,.0f}", f"{b.articles_per_s:.1f}",
         "1.00"],
        ["claimwire end to end, 1 process", f"{c.wall:.1f}", f"{c.cpu:.1f}",
         f"{c.words_per_s:,.0f}", f"{c.words_per_cpu_s:,.0f}", f"{c.articles_per_s:.1f}",
         f"{result.ratio_vs_spacy:.2f} (CPU {result.ratio_vs_spacy_cpu:.2f})"],
    ]
    for key, label in STAGE_ROWS:
        seconds = result.stages.get(key, 0.0)
        share = seconds / c.wall if c.wall else 0.0
        rows.append([f"  {label}", f"{seconds:.1f}", "", "", "", "", f"{share:.0%} of 1 process"])
    for run in result.runs:
        t = run.timing
        rows.append([f"claimwire end to end, {run.processes} processes", f"{t.wall:.1f}",
                     f"{t.cpu:.1f}", f"{t.words_per_s:,.0f}", "", f"{t.articles_per_s:.1f}",
                     f"{result.scaling(run):.2f} x 1 process"])
    table = tabulate(rows, headers=["measure", "wall s", "CPU s", "words/s", "words/CPU s",
                                    "articles/s", "ratio"], disable_numparse=True)
    memory = [f"peak RSS: bench process {result.bench_rss_mb:,.0f} MB (bare spaCy and "
              "claimwire both loaded)"]
    for run in result.runs:
        memory.append(
            f"peak RSS: {run.processes} workers {', '.join(f'{x:,.0f}' for x in run.worker_rss_mb)}"
            f" MB; each stored {run.stored} of {run.read} read in all "
            f"(in the database: {run.stored_in_db}), startup (model load + warm-up) "
            f"{', '.join(f'{x:.1f}' for x in run.worker_startup_s)}s")
        busy = sum(run.stages.values())
        if busy:
            memory.append(f"{run.processes} processes, time split over the workers' busy time: "
                          + ", ".join(f"{key} {run.stages.get(key, 0.0) / busy:.0%}"
                                      for key, _label in STAGE_ROWS))
    workers = [x for r in result.runs for x in r.worker_rss_mb]
    rss = max(workers, default=0.0)  # workers hold claimwire alone
    ratios = sorted(result.chunk_ratios)
    if ratios:
        memory.append(f"claimwire / bare spaCy per chunk of articles: median "
                      f"{statistics.median(ratios):.2f}, min {ratios[0]:.2f}, "
                      f"max {ratios[-1]:.2f}")
    goals = [f"goal end to end >= {GOAL_VS_SPACY:.1f}x bare spaCy: {result.ratio_vs_spacy:.2f}x "
             f"wall, {result.ratio_vs_spacy_cpu:.2f}x CPU, "
             f"{_mark(result.ratio_vs_spacy >= GOAL_VS_SPACY)}"]
    for run in result.runs:
        if run.processes == 2:
            goals.append(f"goal 2 processes >= {GOAL_SCALING_2:.1f}x 1: "
                         f"{result.scaling(run):.2f}x, "
                         f"{_mark(result.scaling(run) >= GOAL_SCALING_2)}")
    if workers:
        goals.append(f"goal peak RSS < {GOAL_RSS_MB:,.0f} MB per worker: {rss:,.0f} MB, "
                     f"{_mark(rss < GOAL_RSS_MB)}")
    else:  # the bench process holds bare spaCy and claimwire: not what a worker holds
        goals.append(f"goal peak RSS < {GOAL_RSS_MB:,.0f} MB per worker: not measured "
                     "(no worker run; --processes 1,2 runs workers)")
    note = ("(the machine is shared: absolute figures are noisy; the baseline and the "
            "1-process run alternate chunk by chunk, so their ratio is the figure to trust)")
    return "\n".join([head, "", table, "", *memory, *goals, note])


# --- queries over a million claims -------------------------------------------------------

#: Columns written by the generator, per table.
_SOURCE_COLS = ("id", "name")
_ENTITY_COLS = ("id", "kind", "name", "key", "country_code")
_ALIAS_COLS = ("id", "entity_id", "alias")
_ARTICLE_COLS = ("id", "content_sha256", "status", "origin", "title", "published",
                 "anchor_date", "anchor_is_published", "source_id", "url", "ingested_at",
                 "extractor_version")
_SENTENCE_COLS = ("id", "article_id", "idx", "paragraph_idx", "start_char", "end_char", "text")
_CLAIM_COLS = ("id", "article_id", "sentence_id", "start_char", "end_char", "text", "subject",
               "subject_key", "subject_id", "predicate", "object", "value", "low", "high",
               "unit", "kind", "currency", "change", "ratio", "period_text", "period_start",
               "period_end", "period_timex", "when_start", "when_end", "place", "place_id",
               "attributed_to", "speaker_id", "cue", "modality", "compared_text",
               "compared_timex", "extractor_version")
_TAIL_SUFFIXES = ("Heights", "Falls", "Park", "Springs", "Valley", "Creek", "Township", "Hills",
                  "Junction", "Harbor", "Ridge", "Grove", "Point", "Lake", "Bay", "Crossing")
_DATES = (dt.date(2013, 1, 1), dt.date(2024, 12, 31))


@dataclass(slots=True)
class ClaimPool:
    """What real extracted claims look like: the rows to resample, and their entities."""

    claims: list[dict[str, Any]]
    entities: dict[int, dict[str, Any]]
    aliases: dict[int, list[str]]
    sources: list[str]
    claims_per_article: float
    articles: int


def sample_pool(n_articles: int, corpus_dir: Path = CORPUS_DIR, *,
                settings: Settings | None = None, echo: Callable[[str], None] | None = None
                ) -> ClaimPool:
    """Extract ``n_articles`` corpus articles (the bench mix) into a scratch SQLite file and
    read back their claims, entities and sources."""
    from models import Article as ArticleRow
    from models import Claim, Entity, EntityAlias, Sentence, Source
    from pipeline.nlp import load_nlp
    from pipeline.store import open_db

    settings = settings or Settings.from_env()
    picks = select_articles(n_articles, corpus_dir, max_bytes=settings.max_bytes)
    with tempfile.TemporaryDirectory(prefix="claimwire-sample-") as tmp:
        engine = open_db(f"sqlite:///{tmp}/sample.db")
        summary = _ingest(picks, nlp=load_nlp(settings.spacy_model), engine=engine,
                          batch_size=settings.batch_size, clock={})
        if echo:
            echo(f"sampled {summary.claims} claims from {summary.stored} articles")
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(Claim.__table__, Sentence.text.label("sentence_text"),
                          sa.func.coalesce(ArticleRow.published, ArticleRow.anchor_date)
                          .label("article_date"))
                .join(ArticleRow, ArticleRow.id == Claim.article_id)
                .outerjoin(Sentence, Sentence.id == Claim.sentence_id)).mappings().all()
            entities = {r.id: dict(r._mapping) for r in conn.execute(sa.select(
                Entity.id, Entity.kind, Entity.name, Entity.key, Entity.country_code))}
            aliases: dict[int, list[str]] = {}
            for entity, alias in conn.execute(sa.select(EntityAlias.entity_id,
                                                        EntityAlias.alias)):
                aliases.setdefault(entity, []).append(alias)
            sources = list(conn.scalars(sa.select(Source.name).order_by(Source.id)))
        engine.dispose()
    if not rows:
        raise ValueError("the sample articles gave no claims to resample")
    return ClaimPool([dict(r) for r in rows], entities, aliases, sources,
                     len(rows) / max(summary.stored, 1), summary.stored)


@dataclass(slots=True)
class _Tails:
    """Made-up entities that give the generated data a long tail, per kind."""

    ids: dict[str, list[int]] = field(default_factory=dict)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    alias_rows: list[tuple[Any, ...]] = field(default_factory=list)


def _make_tails(pool: ClaimPool, n_claims: int, first_id: int, rng: Any) -> _Tails:
    """About one made-up person per 20 claims (real first names x real surnames), one place
    per 100 and one organisation per 100, with their aliases."""
    from pipeline.canonical import name_key

    tails = _Tails()
    taken = {(e["kind"], e["key"]) for e in pool.entities.values()}
    people = [e["name"].split() for e in pool.entities.values()
              if e["kind"] == "person" and " " in e["name"]]
    firsts = sorted({p[0] for p in people}) or ["Alex"]
    lasts = sorted({p[-1] for p in people}) or ["Smith"]
    places = sorted({e["name"] for e in pool.entities.values()
                     if e["kind"] in ("place", "region")}) or ["Springfield"]
    orgs = sorted({e["name"] for e in pool.entities.values()
                   if e["kind"] == "organisation"}) or ["Acme"]
    next_id = first_id
    wanted = {"person": n_claims // 20, "place": n_claims // 100,
              "organisation": n_claims // 100}
    for kind, count in wanted.items():
        ids: list[int] = []
        for attempt in range(count * 3):
            if len(ids) >= count:
                break
            if kind == "person":
                name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
            elif kind == "place":
                name = f"{rng.choice(places)} {rng.choice(_TAIL_SUFFIXES)}"
            else:
                name = f"{rng.choice(orgs)} {rng.choice(('Group', 'Trust', 'Council'))} " \
                       f"{attempt}"
            key = name_key(name)
            if (kind, key) in taken:
                continue
            taken.add((kind, key))
            tails.rows.append((next_id, kind, name, key, None))
            tails.alias_rows.append((next_id, name))
            if kind == "person":
                tails.alias_rows.append((next_id, name.split()[-1]))
            ids.append(next_id)
            next_id += 1
        tails.ids[kind] = ids
    return tails


def _shift(day: Any, base: Any, new_base: dt.date) -> Any:
    if day is None or base is None:
        return None
    return new_base + (day - base)


def generate_claims(pool: ClaimPool, n_claims: int, *, seed: int = 7, batch: int = 50_000
                    ) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Rows of ``(table, rows)`` for ``n_claims`` claims resampled from ``pool``.

    Every generated claim copies a real extracted claim (its figure, unit, subject,
    predicate, modality, sentence) into a made-up article of a random date (2013-2024;
    periods move with it) and outlet (the sample's outlets and made-up ones, Zipf-like).
    With probability 0.6 each of its subject, speaker and place is swapped for a made-up
    entity of the same kind (uniformly), so the real popular entities stay the most
    claimed-about and there is a long tail.
    """
    rng = random.Random(seed)
    entity_ids = {old: i + 1 for i, old in enumerate(sorted(pool.entities))}
    yield "entities", [(entity_ids[old], e["kind"], e["name"], e["key"], e["country_code"])
                       for old, e in sorted(pool.entities.items())]
    tails = _make_tails(pool, n_claims, len(entity_ids) + 1, rng)
    yield "entities", tails.rows
    alias_rows = [(entity_ids[old], alias) for old, names in sorted(pool.aliases.items())
                  for alias in sorted(set(names))] + tails.alias_rows
    yield "entity_aliases", [(i + 1, *row) for i, row in enumerate(alias_rows)]
    names = {entity_ids[old]: e for old, e in pool.entities.items()}
    names.update({row[0]: {"kind": row[1], "name": row[2], "key": row[3]} for row in tails.rows})
    sources = [*pool.sources, *[f"outlet-{i}.example" for i in range(1000 - len(pool.sources))]]
    yield "sources", [(i + 1, name) for i, name in enumerate(sources)]
    source_weights = [1 / (rank + 1) for rank in range(len(sources))]
    per_article = max(1, round(pool.claims_per_article))
    n_articles = -(-n_claims // per_article)
    span = (_DATES[1] - _DATES[0]).days
    now = dt.datetime.now(dt.UTC)

    def swap(old: int | None) -> int | None:
        if old is None:
            return None
        new = entity_ids.get(old)
        kind = names[new]["kind"] if new else None
        tail = tails.ids.get(kind or "")
        if tail and rng.random() < 0.6:
            return rng.choice(tail)
        return new

    claim_id = 0
    for first in range(1, n_articles + 1, batch // per_article or 1):
        last = min(first + (batch // per_article or 1), n_articles + 1)
        articles, sentences, claims = [], [], []
        for article_id in range(first, last):
            published = _DATES[0] + dt.timedelta(days=rng.randrange(span))
            source_id = rng.choices(range(1, len(sources) + 1), source_weights)[0]
            articles.append((
                article_id, hashlib.sha256(f"bench:{article_id}".encode()).hexdigest(),
                "stored", f"bench:{article_id}", f"Generated article {article_id}", published,
                published, True, source_id, None, now, "bench"))
            for idx in range(per_article):
                if claim_id >= n_claims:
                    break
                claim_id += 1
                c = rng.choice(pool.claims)
                base = c["article_date"]
                subject_id, speaker_id, place_id = (swap(c["subject_id"]), swap(c["speaker_id"]),
                                                    swap(c["place_id"]))
                subject, subject_key = c["subject"], c["subject_key"]
                if subject_id is not None and subject_id != entity_ids.get(c["subject_id"]):
                    subject, subject_key = names[subject_id]["name"], names[subject_id]["key"]
                attributed = c["attributed_to"]
                if speaker_id is not None and speaker_id != entity_ids.get(c["speaker_id"]):
                    attributed = names[speaker_id]["name"]
                place = c["place"]
                if place_id is not None and place_id != entity_ids.get(c["place_id"]):
                    place = names[place_id]["name"]
                jitter = rng.uniform(0.5, 2.0)
                value, low, high = (None if v is None else v * jitter
                                    for v in (c["value"], c["low"], c["high"]))
                sentence = c["sentence_text"] or c["text"]
                start = idx * 10_000 + c["start_char"]  # unique within the article
                sentences.append((claim_id, article_id, idx, 0, 0, len(sentence), sentence))
                period_start = _shift(c["period_start"], base, published)
                period_end = _shift(c["period_end"], base, published)
                claims.append((
                    claim_id, article_id, claim_id, start, start + c["end_char"] -
                    c["start_char"], c["text"],
                    subject, subject_key, subject_id, c["predicate"], c["object"], value, low,
                    high, c["unit"], c["kind"], c["currency"], c["change"], c["ratio"],
                    c["period_text"], period_start, period_end, c["period_timex"],
                    *claim_when(period_start, period_end, published), place,
                    place_id, attributed, speaker_id, c["cue"], c["modality"],
                    c["compared_text"], c["compared_timex"], "bench"))
        yield "articles", articles
        yield "sentences", sentences
        yield "claims", claims


_COLUMNS = {"sources": _SOURCE_COLS, "entities": _ENTITY_COLS,
            "entity_aliases": _ALIAS_COLS, "articles": _ARTICLE_COLS,
            "sentences": _SENTENCE_COLS, "claims": _CLAIM_COLS}


def bulk_load(engine: sa.Engine, batches: Iterable[tuple[str, list[tuple[Any, ...]]]],
              echo: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write the generated rows fast: COPY on PostgreSQL, one big executemany transaction
    on SQLite; then reset id sequences and ANALYZE. Returns rows per table."""
    counts: dict[str, int] = {}
    raw = engine.raw_connection()
    postgres = engine.dialect.name == "postgresql"
    try:
        cursor = raw.cursor()
        if not postgres:
            cursor.execute("PRAGMA synchronous=OFF")
        for table, rows in batches:  # in the order generated: parents first
            _write(cursor, postgres, table, rows)
            counts[table] = counts.get(table, 0) + len(rows)
            if echo and table == "claims" and counts[table] % 200_000 < len(rows):
                echo(f"  {counts[table]:,} claims written")
        if postgres:
            for table in _COLUMNS:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))")
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return counts


def _write(cursor: Any, postgres: bool, table: str, rows: list[tuple[Any, ...]]) -> None:
    columns = _COLUMNS[table]
    if not rows:
        return
    if postgres:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                           rows)


@dataclass(slots=True)
class QuerySpec:
    """A common query: a name, what it asks, and how to run it on an engine."""

    name: str
    asks: str
    run: Callable[[sa.Engine], list[Any]]


def common_queries(engine: sa.Engine) -> list[QuerySpec]:
    """The queries people run most, with arguments taken from the data: the person quoted
    most often, a person from the long tail, the country claims are most often about (over
    one year), and the (subject, unit) pair with most claims (a metric's timeline)."""
    from models import Claim, Entity
    from pipeline.query import list_claims

    with engine.connect() as conn:
        def top(column: Any, kind: str, offset: int = 0) -> str | None:
            return conn.scalar(
                sa.select(Entity.name).join(Claim, column == Entity.id)
                .where(Entity.kind == kind).group_by(Entity.id, Entity.name)
                .order_by(sa.func.count().desc(), Entity.id).offset(offset).limit(1))

        person = top(Claim.speaker_id, "person")
        tail_person = top(Claim.speaker_id, "person", offset=1000)
        country = top(Claim.place_id, "country")
        metric = conn.execute(
            sa.select(Claim.subject, Claim.unit).where(Claim.subject_id.is_not(None),
                                                       Claim.unit.is_not(None))
            .group_by(Claim.subject, Claim.unit)
            .order_by(sa.func.count().desc(), Claim.subject).limit(1)).first()
    year = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    specs = []
    if person:
        specs.append(QuerySpec("person's claims", f"claims --speaker {person!r}",
                               lambda e: list_claims(e, speaker=person)))
        specs.append(QuerySpec("claims about a person", f"claims --entity {person!r}",
                               lambda e: list_claims(e, entity=person)))
    if tail_person:
        specs.append(QuerySpec("tail person's claims", f"claims --speaker {tail_person!r}",
                               lambda e: list_claims(e, speaker=tail_person)))
    if country:
        specs.append(QuerySpec(
            "place in a date range", f"claims --place {country!r} --since {year[0]} "
            f"--until {year[1]}",
            lambda e: list_claims(e, place=country, since=year[0], until=year[1])))
    if metric:
        specs.append(QuerySpec(
            "metric timeline", f"claims --entity {metric.subject!r} --unit {metric.unit!r}",
            lambda e: list_claims(e, entity=metric.subject, unit=metric.unit)))
    specs.extend(event_queries(engine))
    return specs


def event_queries(engine: sa.Engine) -> list[QuerySpec]:
    """The hook for "disagreements of an event" (:mod:`pipeline.compare`): timed when that
    module offers ``list_comparisons`` and the database holds built comparisons."""
    try:
        from pipeline.compare import list_comparisons
    except ImportError:
        return []
    with engine.connect() as conn:
        try:
            event = conn.scalar(sa.text(
                "SELECT event_id FROM comparisons WHERE verdict = 'disagree' "
                "AND event_id IS NOT NULL GROUP BY event_id ORDER BY count(*) DESC LIMIT 1"))
        except sa.exc.DBAPIError:
            return []
    if event is None:
        return []
    return [QuerySpec("disagreements of an event", f"compare --event {event} --disagreements",
                      lambda e: list_comparisons(e, event_id=event, disagreements_only=True))]


def _capture(engine: sa.Engine, run: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) that ``run`` sends through ``engine``."""
    seen: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
               _many: bool) -> None:
        seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        run()
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    return seen


def explain(engine: sa.Engine, statement: str, parameters: Any) -> list[str]:
    """The plan of one statement: EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on
    SQLite."""
    postgres = engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS OFF) " if postgres else "EXPLAIN QUERY PLAN "
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(prefix + statement, parameters).all()
    return [row[0] for row in rows] if postgres else [f"{row[-1]}" for row in rows]


def time_queries(engine: sa.Engine, specs: Sequence[QuerySpec], *, runs: int = 7
                 ) -> list[dict[str, Any]]:
    """Each query's median wall time over ``runs`` runs (after one warm-up), rows returned,
    and the plans of the statements it sends."""
    results = []
    for spec in specs:
        spec.run(engine)  # warm-up: caches, connection pool
        times, rows = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(spec.run(engine))
            times.append(time.perf_counter() - started)
        statements = _capture(engine, lambda spec=spec: spec.run(engine))
        plans = [{"sql": " ".join(sql.split())[:300], "plan": explain(engine, sql, params)}
                 for sql, params in statements]
        results.append({"name": spec.name, "asks": spec.asks, "rows": rows,
                        "median_ms": round(statistics.median(times) * 1000, 1),
                        "min_ms": round(min(times) * 1000, 1),
                        "max_ms": round(max(times) * 1000, 1), "plans": plans})
    return results


def _prepare_target(url: str, *, schema: str, keep: bool) -> str:
    """The URL to fill: on PostgreSQL a dedicated schema (recreated unless ``keep``); on
    SQLite the file itself, which must be new or empty unless ``keep``."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = sa.create_engine(url)
        with admin.begin() as conn:
            if not keep:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        admin.dispose()
        return parsed.update_query_dict({"options": f"-csearch_path={schema}"}) \
            .render_as_string(hide_password=False)
    if not keep and parsed.database and Path(parsed.database).exists() \
            and Path(parsed.database).stat().st_size > 0:
        raise ValueError(f"{parsed.database} exists: give a new SQLite file, or --keep to "
                         "time the claims already in it")
    return url


def run_query_bench(url: str, *, n_claims: int = 1_000_000, sample: int = 300, runs: int = 7,
                    keep: bool = False, schema: str = "claimwire_bench",
                    corpus_dir: Path = CORPUS_DIR, settings: Settings | None = None,
                    echo: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fill the database at ``url`` with ``n_claims`` realistic claims (unless ``keep``)
    and time the common queries through :mod:`pipeline.query`; see the module docstring."""
    from pipeline.store import open_db

    say = echo or (lambda _msg: None)
    target = _prepare_target(url, schema=schema, keep=keep)
    engine = open_db(target)
    report: dict[str, Any] = {
        "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(), "database": engine.dialect.name,
        "url": sa.make_url(target).render_as_string(hide_password=True)}
    try:
        if not keep:
            started = time.perf_counter()
            pool = sample_pool(sample, corpus_dir, settings=settings, echo=say)
            report["sample"] = {"articles": pool.articles, "claims": len(pool.claims),
                                "seconds": round(time.perf_counter() - started, 1)}
            started = time.perf_counter()
            report["rows"] = bulk_load(engine, generate_claims(pool, n_claims), echo=say)
            report["fill_seconds"] = round(time.perf_counter() - started, 1)
            report["claims_per_s"] = round(n_claims / report["fill_seconds"])
        with engine.connect() as conn:
            report["claims"] = conn.scalar(sa.text("SELECT count(*) FROM claims"))
        say(f"timing queries over {report['claims']:,} claims")
        report["queries"] = time_queries(engine, common_queries(engine), runs=runs)
    finally:
        engine.dispose()
    return report


def render_queries(report: dict[str, Any]) -> str:
    """The query timings as a table, then each query's plans."""
    from tabulate import tabulate

    m = report["machine"]
    lines = [f"claimwire bench --queries, {report['when']}, {m['host']} ({m['cpus']} CPUs), "
             f"{report['database']} {report['url']}: {report['claims']:,} claims"]
    if "rows" in report:
        lines.append(f"filled in {report['fill_seconds']}s ({report['claims_per_s']:,} "
                     f"claims/s) from {report['sample']['claims']} claims of "
                     f"{report['sample']['articles']} corpus articles; rows {report['rows']}")
    lines.append("")
    lines.append(tabulate(
        [[q["name"], q["asks"], q["rows"], q["median_ms"], q["min_ms"], q["max_ms"],
          "yes" if q["median_ms"] < 200 else "NO"] for q in report["queries"]],
        headers=["query", "as the CLI", "rows", "median ms", "min ms", "max ms", "< 200 ms"],
        disable_numparse=True))
    for q in report["queries"]:
        lines.append("")
        lines.append(f"{q['name']}:")
        for p in q["plans"]:
            lines.append(f"  {p['sql']}")
            lines.extend(f"    {step}" for step in p["plan"])
    return "\n".join(lines)
