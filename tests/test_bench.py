"""``claimwire bench``: the ingestion table on a few real articles, and the query bench on a
small generated database (both backends). No timing assertions: the machine is shared."""

from __future__ import annotations

import sqlalchemy as sa

from pipeline.articles import Article
from pipeline.bench import (
    BBC_FILE,
    GVA_FILE,
    STAGE_ROWS,
    bulk_load,
    common_queries,
    generate_claims,
    read_picks,
    render_bench,
    run_bench,
    sample_pool,
    select_articles,
    time_queries,
)
from tests.conftest import SHARED, needs_shared

CORPUS = SHARED / "corpus"


@needs_shared
def test_selection_is_a_deterministic_alternating_mix_of_distinct_articles() -> None:
    picks = select_articles(10, CORPUS)
    assert picks == select_articles(10, CORPUS)
    assert [p.path.endswith(GVA_FILE) for p in picks] == [True, False] * 5
    assert [p.path.endswith(BBC_FILE) for p in picks[1::2]] == [True] * 5
    articles = list(read_picks(picks))
    assert all(isinstance(a, Article) for a in articles)
    assert len({a.content_sha256 for a in articles}) == 10
    assert [p.words for p in picks] == [len(a.text.split()) for a in articles]


@needs_shared
def test_bench_on_six_articles_reports_every_row() -> None:
    result = run_bench(6, processes=(1,), corpus_dir=CORPUS, chunk=3)
    assert (result.articles, result.gva, result.bbc) == (6, 3, 3)
    assert result.read == result.stored == result.stored_in_db == 6
    assert result.baseline.words == result.claimwire.words == result.words > 0
    assert set(result.stages) == {key for key, _label in STAGE_ROWS}
    assert result.bench_rss_mb > 0
    table = render_bench(result)
    for label in ("bare spaCy nlp.pipe, default pipeline", "claimwire end to end, 1 process",
                  *(label for _key, label in STAGE_ROWS), "peak RSS", "goal end to end"):
        assert label in table
    # with no worker run, the per-worker memory goal is not judged on the bench process
    assert "per worker: not measured" in table
    assert result.as_dict()["claimwire"]["articles"] == 6


@needs_shared
def test_query_bench_on_a_generated_database(engine: sa.Engine) -> None:
    pool = sample_pool(4, CORPUS)
    counts = bulk_load(engine, generate_claims(pool, 2_000))
    assert counts["claims"] == 2_000
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM claims")) == 2_000
        assert conn.scalar(sa.text(
            "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id")) == 2_000
    specs = common_queries(engine)
    assert {"person's claims", "place in a date range"} <= {s.name for s in specs} or \
        specs, "no query could be parameterised from the data"
    results = time_queries(engine, specs, runs=1)
    assert [r["name"] for r in results] == [s.name for s in specs]
    for r in results:
        assert r["plans"] and all(p["plan"] for p in r["plans"])
        assert r["median_ms"] >= 0
