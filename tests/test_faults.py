"""Kill ``claimwire ingest`` at random points, rerun, and get the same database as a clean run.

The runs are real: the CLI in a subprocess (Prefect flow against a real local server), a
SQLite file, SIGKILL while articles are being written. After each kill, no article may be
half-written; after the final rerun, the database must equal an uninterrupted run's: no
duplicate, no missing article, the same rows for each.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import REPO, SHARED, needs_shared, prefect_env
from tests.snapshots import snapshot

ARTICLES = 40
KILLS = 3


def claimwire(db: Path, *args: str, api: str) -> subprocess.Popen:
    command = Path(sys.executable).with_name("claimwire")
    return subprocess.Popen([str(command), "--db", f"sqlite:///{db}", *args], cwd=REPO,
                            env=prefect_env(api), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    engine = sa.create_engine(f"sqlite:///{db}", connect_args={"timeout": 30})
    try:
        with engine.connect() as conn:
            return conn.scalar(sa.text("SELECT count(*) FROM articles")) or 0
    except sa.exc.OperationalError:  # the schema is not there yet
        return 0
    finally:
        engine.dispose()


def assert_whole(db: Path) -> None:
    """Every stored article has all its parts: none was left half-written."""
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        broken = conn.execute(sa.text(
            "SELECT id FROM articles a WHERE status = 'stored' AND ("
            " NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id) OR"
            " NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id) OR"
            " NOT EXISTS (SELECT 1 FROM article_sightings g WHERE g.article_id = a.id))")).all()
        dupes = conn.scalar(sa.text(
            "SELECT count(*) FROM (SELECT content_sha256 FROM articles GROUP BY content_sha256"
            " HAVING count(*) > 1) d"))
    engine.dispose()
    assert broken == [] and dupes == 0


@needs_shared
@pytest.mark.slow
def test_killed_runs_then_a_rerun_equal_an_uninterrupted_run(tmp_path: Path,
                                                             prefect_server: str) -> None:
    sample = tmp_path / "bbc.jsonl"
    with (SHARED / "corpus" / "bbc_news.jsonl").open(encoding="utf-8") as source:
        sample.write_text("".join(next(source) for _ in range(ARTICLES)), encoding="utf-8")

    clean = tmp_path / "clean.db"
    done = claimwire(clean, "ingest", str(sample), "--format", "json", api=prefect_server)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert json.loads(out)["stored"] == ARTICLES

    killed = tmp_path / "killed.db"
    rng = random.Random(20261129)
    kills = 0
    for _ in range(KILLS):
        before = stored_count(killed)
        target = rng.randint(before + 1, min(before + 12, ARTICLES - 1))
        run = claimwire(killed, "ingest", str(sample), api=prefect_server)
        deadline = time.monotonic() + 600
        while stored_count(killed) < target and run.poll() is None:
            assert time.monotonic() < deadline, "the run stalled"
            time.sleep(0.05)
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            kills += 1
        run.communicate(timeout=60)
        assert_whole(killed)
        assert stored_count(killed) < ARTICLES or run.returncode == 0
    assert kills == KILLS, "every run was killed before it finished"

    rerun = claimwire(killed, "ingest", str(sample), "--format", "json", api=prefect_server)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    assert summary["read"] == ARTICLES and summary["stored"] < ARTICLES
    assert_whole(killed)
    assert snapshot(f"sqlite:///{killed}") == snapshot(f"sqlite:///{clean}")

    runs = claimwire(killed, "runs", "--format", "json", api=prefect_server)
    out, _ = runs.communicate(timeout=120)
    statuses = [r["status"] for r in json.loads(out)]
    assert statuses == ["completed"] + ["crashed"] * KILLS
