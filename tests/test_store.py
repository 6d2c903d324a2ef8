"""Storage on both databases: traceability, idempotence, skipped inputs, date anchors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from models import (
    Article,
    Claim,
    Entity,
    EntityAlias,
    Mention,
    Quantity,
    Quote,
    Sentence,
    TimeExpression,
)
from pipeline.articles import read_paths
from pipeline.ingest import ingest_items
from tests.conftest import REPO, SEED


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.scalar(sa.text(f"SELECT count(*) FROM {t}")) for t in (
            "articles", "paragraphs", "sentences", "mentions", "quantities", "time_expressions")}


def test_every_row_traces_back_to_its_article_sentence_and_span(nlp, engine) -> None:
    summary = ingest_items(read_paths([REPO / "corpus"]), nlp=nlp, engine=engine)
    assert summary.stored == 5 and not summary.skipped
    with Session(engine) as session:
        texts = {a_id: text for a_id, text in session.execute(sa.select(Article.id, Article.text))}
        sentences = {s.id: s for s in session.scalars(sa.select(Sentence))}
        for s in sentences.values():
            assert texts[s.article_id][s.start_char:s.end_char] == s.text
        for model in (Mention, Quantity, TimeExpression, Quote, Claim):
            rows = session.scalars(sa.select(model)).all()
            assert rows, model
            for row in rows:
                assert texts[row.article_id][row.start_char:row.end_char] == row.text
                sentence = sentences[row.sentence_id]
                assert sentence.article_id == row.article_id
                assert sentence.start_char <= row.start_char < sentence.end_char


def test_same_content_twice_is_stored_once(nlp, engine) -> None:
    first = ingest_items(read_paths([SEED]), nlp=nlp, engine=engine)
    before = counts(engine)
    second = ingest_items(read_paths([SEED, SEED]), nlp=nlp, engine=engine)
    assert (first.stored, second.stored, second.duplicates) == (1, 0, 2)
    assert counts(engine) == before


def test_skipped_inputs_are_recorded_once_and_neighbours_stored(nlp, engine, tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_text("A headline\n\nThe council spent £3m on roads in 2016.\n")
    (tmp_path / "c.jsonl").write_text('{"text": "Fine."}\n{broken\n')
    summary = ingest_items(read_paths([tmp_path]), nlp=nlp, engine=engine)
    assert (summary.read, summary.stored) == (4, 2)
    assert summary.skipped == {"binary": 1, "malformed": 1}
    again = ingest_items(read_paths([tmp_path]), nlp=nlp, engine=engine)
    assert (again.read, again.duplicates) == (4, 4)
    with Session(engine) as session:
        skipped = session.scalars(sa.select(Article).where(Article.status == "skipped")).all()
        assert sorted(a.reject_reason for a in skipped) == ["binary", "malformed"]
        assert all(a.text is None and a.reject_detail for a in skipped)


def test_a_paragraph_longer_than_spacy_takes_skips_only_its_article(nlp, engine, tmp_path,
                                                                     monkeypatch) -> None:
    monkeypatch.setattr(nlp, "max_length", 2_000)  # spaCy's limit (1,000,000 by default)
    (tmp_path / "a.txt").write_text("A headline\n\n" + "The council met. " * 200 + "\n")
    (tmp_path / "b.txt").write_text("A headline\n\nThe council spent £3m on roads.\n")
    summary = ingest_items(read_paths([tmp_path]), nlp=nlp, engine=engine)
    assert (summary.read, summary.stored, summary.skipped) == (2, 1, {"too_large": 1})
    with Session(engine) as session:
        skipped = session.scalars(sa.select(Article).where(Article.status == "skipped")).one()
        assert skipped.origin.endswith("a.txt") and "at most 2,000" in skipped.reject_detail


def test_undated_article_resolves_against_ingestion_date(nlp, engine, tmp_path) -> None:
    path = tmp_path / "undated.jsonl"
    path.write_text(json.dumps({"title": "Budget", "text": "The plan starts next month."}) + "\n")
    today = dt.date(2024, 1, 15)
    ingest_items(read_paths([path]), nlp=nlp, engine=engine, today=today)
    with Session(engine) as session:
        article = session.scalars(sa.select(Article)).one()
        assert article.published is None
        assert (article.anchor_date, article.anchor_is_published) == (today, False)
        expr = session.scalars(sa.select(TimeExpression)).one()
        assert (expr.timex, expr.anchor) == ("2024-02", "ingested")


def test_sources_are_shared_between_articles(nlp, engine) -> None:
    ingest_items(read_paths([REPO / "corpus" / "samples.jsonl"]), nlp=nlp, engine=engine)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM sources")) == 3
        assert conn.scalar(sa.text("SELECT count(*) FROM articles")) == 4


def test_default_database_is_a_sqlite_file(tmp_path: Path, monkeypatch) -> None:
    from pipeline.settings import Settings, default_db_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("CLAIMWIRE_DATABASE_URL", raising=False)
    assert default_db_path() == tmp_path / "claimwire" / "claimwire.db"
    assert Settings.from_env().database_url == f"sqlite:///{tmp_path}/claimwire/claimwire.db"


def test_entities_are_one_row_per_real_thing_across_articles(nlp, engine, tmp_path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps({"title": t, "text": x}) for t, x in [
        ("Talks", "Robert Jenrick flew to Britain on Monday. Jenrick met officials."),
        ("More talks", "Mr Jenrick said the UK would pay. The United Kingdom agreed."),
    ]) + "\n")
    ingest_items(read_paths([path]), nlp=nlp, engine=engine)
    with Session(engine) as session:
        countries = session.scalars(sa.select(Entity).where(Entity.kind == "country")).all()
        assert [(c.name, c.country_code) for c in countries] == [("United Kingdom", "GB")]
        aliases = set(session.scalars(sa.select(EntityAlias.alias)
                                      .where(EntityAlias.entity_id == countries[0].id)))
        assert {"Britain", "UK", "United Kingdom"} <= aliases
        people = session.scalars(sa.select(Entity).where(Entity.kind == "person")).all()
        assert [p.name for p in people] == ["Robert Jenrick"]
        linked = session.scalars(sa.select(Mention.text).where(
            Mention.entity_id == people[0].id)).all()
        assert set(linked) == {"Robert Jenrick", "Jenrick"}


def test_an_extractor_that_throws_skips_only_its_article(nlp, engine, tmp_path,
                                                        monkeypatch) -> None:
    import pipeline.extract

    real = pipeline.extract.quantities

    def fragile(doc):  # fault injection: the normaliser fails on one article's text
        if "poison" in doc.text:
            raise ValueError("normaliser failed")
        return real(doc)

    monkeypatch.setattr(pipeline.extract, "quantities", fragile)
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"title": t, "text": x}) for t, x in [
        ("One", "The council spent £3m on roads."), ("Two", "A poison pill of 5 tonnes."),
        ("Three", "Prices rose 2.1% in March."),
    ]) + "\n")
    summary = ingest_items(read_paths([path]), nlp=nlp, engine=engine)
    assert (summary.read, summary.stored, dict(summary.skipped)) == (
        3, 2, {"extraction_failed": 1})
    with Session(engine) as session:
        failed = session.scalars(sa.select(Article).where(Article.status == "skipped")).one()
        assert failed.reject_detail == "ValueError: normaliser failed"


def test_two_processes_racing_on_the_same_articles_store_each_once(engine, db_url) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipeline.articles import read_paths\n"
        "from pipeline.ingest import ingest_items\n"
        "from pipeline.nlp import load_nlp\n"
        "from pipeline.store import open_db\n"
        "nlp = load_nlp()\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
        "s = ingest_items(read_paths([sys.argv[1]]), nlp=nlp, engine=open_db(sys.argv[2]))\n"
        "print(s.stored, s.duplicates, flush=True)\n"
    )
    corpus = str(REPO / "corpus")
    workers = [subprocess.Popen([sys.executable, "-c", code, corpus, db_url], cwd=REPO,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    for w in workers:  # both loaded the model: start them together
        assert w.stdout.readline().strip() == "ready"
    for w in workers:
        w.stdin.write("go\n")
        w.stdin.flush()
    results = [tuple(map(int, w.communicate(timeout=300)[0].split())) for w in workers]
    assert all(w.returncode == 0 for w in workers)
    assert sum(stored for stored, _ in results) == 5  # each article stored by one of them
    assert all(stored + duplicates == 5 for stored, duplicates in results)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM articles")) == 5
        assert conn.scalar(sa.text(
            "SELECT count(*) FROM (SELECT article_id, start_char FROM mentions "
            "GROUP BY article_id, start_char, end_char, label HAVING count(*) > 1) d")) == 0


def test_people_in_one_article_match_the_ones_named_before_them(engine) -> None:
    from pipeline.canonical import CanonicalEntity
    from pipeline.store import entity_ids

    trump, middle = CanonicalEntity("person", "Donald Trump"), CanonicalEntity(
        "person", "Donald J. Trump")
    senate = CanonicalEntity("organisation", "Senate")
    with engine.begin() as conn:
        first = entity_ids(conn, {trump: {"Donald Trump"}, middle: {"Donald J. Trump"},
                                  senate: {"the Senate", "Senate"}})
    assert first[("person", "Donald Trump")] == first[("person", "Donald J. Trump")]
    with engine.begin() as conn:  # a later article: the surname alone, a new namesake
        second = entity_ids(conn, {CanonicalEntity("person", "Trump"): {"Trump"},
                                   CanonicalEntity("person", "Melania Trump"): {"Melania"},
                                   senate: {"Senate"}})
    assert second[("person", "Trump")] == first[("person", "Donald Trump")]
    assert second[("organisation", "Senate")] == first[("organisation", "Senate")]
    with engine.connect() as conn:
        people = conn.execute(sa.select(Entity.name).where(Entity.kind == "person")
                              .order_by(Entity.id)).scalars().all()
        aliases = conn.execute(sa.select(EntityAlias.alias).where(
            EntityAlias.entity_id == first[("person", "Donald Trump")])).scalars().all()
    assert people == ["Donald Trump", "Melania Trump"]
    assert sorted(aliases) == ["Donald J. Trump", "Donald Trump", "Trump"]
    with engine.begin() as conn:  # two full names with this surname: "Trump" is ambiguous
        third = entity_ids(conn, {CanonicalEntity("person", "Trump"): {"Trump"}})
    assert third[("person", "Trump")] not in (first[("person", "Donald Trump")],
                                              second[("person", "Melania Trump")])


def test_storing_an_article_takes_a_fixed_number_of_statements(nlp, engine, tmp_path) -> None:
    names = ["Acme Holdings", "Brill Group", "Corda Bank", "Dunmore Partners", "Evers Mining",
             "Fallon Steel", "Garrow Foods", "Hexley Air"]
    path = tmp_path / "firms.jsonl"
    path.write_text("\n".join(json.dumps({"title": f"Results {n}", "text": " ".join(
        f"{firm} said on Monday that profits rose 5% to £{i + 2}m, Ms Jane Doe{i} said."
        for i, firm in enumerate(names[:n]))}) for n in (2, 8)) + "\n")
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute",
                    lambda *args: statements.append(args[2]))
    summary = ingest_items(read_paths([path]), nlp=nlp, engine=engine)
    assert summary.stored == 2
    first = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO articles"))
    second = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO articles")
                  and i > first)
    per_article = [statements[first:second], statements[second:]]
    with engine.connect() as conn:
        named = conn.execute(sa.select(sa.func.count(Mention.entity_id.distinct()))
                             .group_by(Mention.article_id).order_by(Mention.article_id)
                             ).scalars().all()
    assert named[1] >= 3 * named[0] > 0
    assert len(per_article[1]) <= len(per_article[0]) + 2  # many more entities, same statements


def test_a_sqlite_file_commits_without_waiting_for_fsync(tmp_path: Path) -> None:
    from pipeline.store import open_db

    engine = open_db(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


def test_claims_since_and_until_the_publication_day_keep_undated_claims(nlp, engine) -> None:
    from pipeline.query import list_claims

    ingest_items(read_paths([SEED]), nlp=nlp, engine=engine)  # published 24 April 2023
    day = dt.date(2023, 4, 24)

    def undated(**window: dt.date) -> set[str]:
        return {r["text"] for r in list_claims(engine, **window) if r["period"] is None}

    everything = undated()
    assert "£480million" in everything
    assert undated(since=day, until=day) == everything  # published that day: inside
    assert undated(since=day + dt.timedelta(days=1)) == set()
    assert undated(until=day - dt.timedelta(days=1)) == set()
