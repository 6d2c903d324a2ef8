"""Scheduled and distributed runs for real: a Prefect server on loopback fires ``claimwire
serve``'s cron schedule, and a local Dask cluster (2 worker processes) runs the extraction
tasks into PostgreSQL with the same rows as a single-process run."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.query import list_runs
from pipeline.store import open_db
from tests.conftest import REPO, _postgres_schema_url, prefect_env, stop
from tests.snapshots import snapshot

CLAIMWIRE = str(Path(sys.executable).with_name("claimwire"))


@pytest.fixture
def two_pg_urls() -> Iterator[tuple[str, str]]:
    """Two fresh PostgreSQL schemas."""
    first, second = _postgres_schema_url(), _postgres_schema_url()
    yield next(first), next(second)
    for gen in (first, second):
        gen.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_dask_cluster_run_equals_a_single_process_run(two_pg_urls: tuple[str, str],
                                                      prefect_server: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    distributed_db, single_db = two_pg_urls
    inputs = [str(REPO / "corpus")]
    # Workers inherit this environment: their task runs report to the same Prefect server.
    for key, value in prefect_env(prefect_server).items():
        monkeypatch.setenv(key, value)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        run = subprocess.run(
            [CLAIMWIRE, "--db", distributed_db, "ingest", *inputs, "--dask",
             cluster.scheduler_address, "--chunk-size", "1", "--format", "json"],
            cwd=REPO, env=prefect_env(prefect_server), capture_output=True, text=True,
            timeout=900)
        assert run.returncode == 0, run.stderr
        with cluster.get_client() as client:  # both workers took extraction tasks
            workers = client.run(lambda: __import__("pipeline.nlp").nlp._load.cache_info().currsize)
    assert sorted(workers.values()) == [1, 1]
    summary = json.loads(run.stdout)
    single = subprocess.run(
        [CLAIMWIRE, "--db", single_db, "ingest", *inputs, "--format", "json"],
        cwd=REPO, env=prefect_env(prefect_server), capture_output=True, text=True, timeout=900)
    assert single.returncode == 0, single.stderr
    assert json.loads(single.stdout)["stored"] == summary["stored"] > 0
    assert snapshot(distributed_db) == snapshot(single_db)


@pytest.mark.slow
def test_serve_fires_the_cron_schedule_on_a_real_server(tmp_path: Path,
                                                        prefect_server: str) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "seed.txt").write_bytes((REPO / "corpus" / "000_ad67ed9882269651.txt").read_bytes())
    registry = tmp_path / "sources.toml"
    registry.write_text(f'schedule = "* * * * *"\n[[folders]]\npath = "{drop}"\n'
                        'outlet = "Drop folder"\n')
    db = f"sqlite:///{tmp_path / 'served.db'}"
    server = subprocess.Popen(
        [CLAIMWIRE, "--db", db, "serve", "--registry", str(registry)], cwd=REPO,
        env=prefect_env(prefect_server, PREFECT_RUNNER_POLL_FREQUENCY="2"),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        engine = open_db(db)
        deadline = time.monotonic() + 240  # the next minute, then the runner's poll
        runs: list[dict] = []
        while time.monotonic() < deadline and server.poll() is None:
            runs = [r for r in list_runs(engine) if r["status"] == "completed"]
            if runs:
                break
            time.sleep(2)
        said = server.stdout.read() if server.poll() is not None else "(still serving)"
        assert runs, f"no scheduled run completed; serve said: {said}"
        assert runs[-1]["stored"] == 1 and runs[-1]["flow_run_id"]
        with engine.connect() as conn:
            assert conn.scalar(sa.text(
                "SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id")) \
                == "Drop folder"
        engine.dispose()
    finally:
        stop(server)
