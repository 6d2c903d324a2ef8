"""Shared fixtures: one real spaCy pipeline per session, and real databases.

Every database test runs on SQLite and on PostgreSQL (``CLAIMWIRE_TEST_POSTGRES_URL``,
default the local server's ``test`` database). Each PostgreSQL test gets a schema of its
own, dropped afterwards. PostgreSQL tests fail, rather than skip, when the server is not
there, unless ``CLAIMWIRE_SKIP_POSTGRES=1`` is set explicitly.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

import flows  # noqa: F401 - sets Prefect's no-analytics defaults before Prefect is imported
from pipeline.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "corpus" / "000_ad67ed9882269651.txt"
POSTGRES_URL = os.environ.get(
    "CLAIMWIRE_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test"
)

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline with claimwire's rules (no mocks)."""
    return load_nlp()


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the default SQLite database and Prefect's state out of the user's home."""
    home = tmp_path_factory.mktemp("home")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["PREFECT_HOME"] = str(home / "prefect")
    os.environ.pop("CLAIMWIRE_DATABASE_URL", None)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A temporary Prefect API for the tests that run flows (started once per session)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


def _postgres_schema_url() -> Iterator[str]:
    if os.environ.get("CLAIMWIRE_SKIP_POSTGRES") == "1":
        pytest.skip("CLAIMWIRE_SKIP_POSTGRES=1")
    schema = f"cw_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, then a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'claimwire.db'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    """An engine on a migrated empty database (both backends)."""
    from pipeline.store import open_db

    engine = open_db(db_url)
    yield engine
    engine.dispose()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Prefect server on loopback (``prefect server start``); yields its API URL.

    Subprocesses given ``PREFECT_API_URL`` (see :func:`prefect_env`) use it, so flow runs
    need no temporary server and schedules really fire.
    """
    import sys
    import time
    import urllib.request

    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5"}
    prefect = Path(sys.executable).with_name("prefect")
    log = (home / "server.log").open("w")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Prefect server did not start; see {home / 'server.log'}")
            time.sleep(0.5)
        yield api
    finally:
        stop(server)
        log.close()


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Terminate ``process``, and kill it if it has not ended within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def prefect_env(api_url: str, **extra: str) -> dict[str, str]:
    """The environment of a ``claimwire`` subprocess that talks to ``api_url``."""
    return {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING", **extra}
