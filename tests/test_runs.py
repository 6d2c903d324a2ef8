"""Runs are recorded, copies are stored once with every place they were seen, progress shows."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import sqlalchemy as sa

from flows.ingest import new_inputs
from models import Article as ArticleRow
from models import ArticleBand, ArticleSighting
from pipeline.articles import Article, Paragraph, Skipped
from pipeline.copies import jaccard, normalise_url, shingles, url_key
from pipeline.errors import RejectReason
from pipeline.ingest import ingest_items
from pipeline.progress import progress_reporter
from pipeline.query import list_runs, list_sightings
from pipeline.store import finish_run, last_run_started, start_run

STORY = (
    "Firefighters in Leeds spent six hours tackling a blaze at a disused textile mill on "
    "Tuesday night. West Yorkshire Fire and Rescue Service said 60 firefighters and ten "
    "engines were sent to the site after the alarm was raised at 21:30. Nobody was hurt, "
    "but the council said the building would have to be demolished at a cost of about "
    "£2 million. Residents of 40 nearby homes were asked to keep their windows closed."
)


def article(text: str, origin: str, *, source: str, url: str | None = None) -> Article:
    return Article(origin=origin, paragraphs=(Paragraph("body", text),), source=source,
                   url=url, published=dt.date(2024, 5, 8))


def test_url_normalisation_and_shingles() -> None:
    assert normalise_url("HTTPS://www.Example.org:443/a/b/?utm_source=x&b=2&a=1#top") \
        == "https://example.org/a/b?a=1&b=2"
    assert url_key("http://example.org/a/") == url_key("http://www.example.org/a?utm_medium=rss")
    assert url_key("http://example.org/a") != url_key("http://example.org/b")
    assert url_key(None) is None
    edited = STORY.replace("Tuesday night", "Tuesday evening")
    assert 0.8 < jaccard(shingles(STORY), shingles(edited)) < 1.0


def test_copies_are_stored_once_with_every_sighting(nlp, engine: sa.Engine) -> None:
    syndicated = STORY.replace("Tuesday night", "Tuesday evening") + " Updated at 9am."
    items = [
        article(STORY, "wire.jsonl#1", source="Wire", url="https://wire.example/fire"),
        article(STORY, "leeds.jsonl#7", source="Leeds Post"),  # the same text
        article("A different opening. " + STORY[:200], "echo.jsonl#2", source="Echo",
                url="https://www.wire.example/fire/?utm_source=rss"),  # the same page
        article(syndicated, "herald.jsonl#3", source="Herald"),  # syndicated, edited
        article("The council approved a new cycle lane on Kirkstall Road after a vote of "
                "31 to 12, ending two years of consultation with residents and businesses.",
                "council.jsonl#1", source="Leeds Post"),
    ]
    summary = ingest_items(items, nlp=nlp, engine=engine)
    assert (summary.read, summary.stored, summary.duplicates) == (5, 2, 3)
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(ArticleRow)) == 2
        fire_id = conn.scalar(sa.select(ArticleRow.id).where(ArticleRow.origin == "wire.jsonl#1"))
        assert conn.scalar(sa.select(sa.func.count()).select_from(ArticleBand)
                           .where(ArticleBand.article_id == fire_id)) == 16
    sightings = {s["kind"]: s for s in list_sightings(engine, article_id=fire_id)}
    assert {kind: s["source"] for kind, s in sightings.items()} == {
        "first": "Wire", "same_content": "Leeds Post", "same_url": "Echo",
        "near_duplicate": "Herald"}
    assert 0.8 <= sightings["near_duplicate"]["similarity"] < 1.0
    again = ingest_items(items, nlp=nlp, engine=engine)  # nothing new, no new sighting
    assert (again.stored, again.duplicates) == (0, 5)
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(ArticleSighting)) == 5


def test_transient_failures_are_counted_not_stored(nlp, engine: sa.Engine) -> None:
    class Transient:  # a reason the next run may not meet, as network errors are
        value = "timeout"
        transient = True

    failed = Skipped("https://example.org/slow", Transient(), "read timed out", "f" * 64)
    bad = Skipped("empty.txt", RejectReason.EMPTY, "no bytes", "e" * 64)
    summary = ingest_items([failed, bad, article(STORY, "a.txt", source="A")],
                           nlp=nlp, engine=engine)
    assert (summary.read, summary.stored, summary.duplicates) == (3, 1, 0)
    assert (dict(summary.skipped), dict(summary.failed)) == ({"empty": 1}, {"timeout": 1})
    counts = summary.run_counts()
    assert counts["read"] == counts["stored"] + counts["duplicates"] + counts["skipped"] \
        + counts["failed"]
    with engine.connect() as conn:
        origins = set(conn.scalars(sa.select(ArticleRow.origin)))
    assert origins == {"empty.txt", "a.txt"}  # the timeout is tried again next run


def test_runs_are_recorded(engine: sa.Engine) -> None:
    assert last_run_started(engine) is None
    run_id = start_run(engine, ["corpus/"])
    [running] = list_runs(engine)
    assert (running["id"], running["status"], running["finished_at"]) == (run_id, "running",
                                                                           None)
    finish_run(engine, run_id, {"read": 3, "stored": 1, "duplicates": 1, "skipped": 1,
                                "failed": 0, "reasons": {"empty": 1},
                                "examples": {"empty": "e.txt: no bytes"}})
    failed_id = start_run(engine, ["feeds.toml"])
    finish_run(engine, failed_id, {"read": 0}, error="OSError: disk full")
    newest, first = list_runs(engine)
    assert (newest["status"], newest["error"]) == ("failed", "OSError: disk full")
    assert (first["status"], first["read"], first["reasons"]) == ("completed", 3, {"empty": 1})
    assert first["inputs"] == ["corpus/"] and first["seconds"] >= 0
    started = last_run_started(engine)
    assert started is not None and started.tzinfo is not None  # of the completed run only


def test_a_killed_run_shows_as_crashed(engine: sa.Engine) -> None:
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()
    run_id = start_run(engine, ["x"])
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE runs SET pid = :pid WHERE id = :id"),
                     {"pid": gone.pid, "id": run_id})
    assert list_runs(engine)[0]["status"] == "crashed"
    alive = start_run(engine, ["y"])  # this process: still running
    assert list_runs(engine)[0]["id"] == alive and list_runs(engine)[0]["status"] == "running"


def test_incremental_inputs_take_only_new_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("old")
    new.write_text("new")
    since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    stale = (since - dt.timedelta(days=1)).timestamp()
    os.utime(old, (stale, stale))
    outlets = {str(tmp_path): "Wire"}
    assert new_inputs([str(tmp_path)], outlets, None) == [(str(tmp_path), "Wire")]
    assert new_inputs([str(tmp_path), "https://example.org/rss"], outlets, since) == [
        (str(new), "Wire"), ("https://example.org/rss", None)]


def test_progress_without_a_terminal_writes_lines() -> None:
    stream = io.StringIO()
    with progress_reporter(3, stream=stream, every_seconds=0) as report:
        for outcome in ("stored", "duplicate", "skipped"):
            report(outcome)
    lines = [line.split(" ", 1)[1] for line in stream.getvalue().splitlines()]
    assert lines[0].startswith("ingest: 1/3 done (stored 1)")
    assert lines[-1].startswith("ingest: 3/3 done (duplicate 1, skipped 1, stored 1)")
    assert "articles/s" in lines[-1] and len(lines) == 4


def test_progress_on_a_terminal_draws_a_bar() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with progress_reporter(2, stream=stream) as report:
        report("stored")
        report("stored")
    assert "2/2" in stream.getvalue()
