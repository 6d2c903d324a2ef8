"""The bad-input suite, end to end: one batch of every bad input the web and a newsroom
send, ingested by the real CLI (Prefect flow, real local HTTP server, both databases).

Each bad input gets its recorded reason (a skipped article row, or a counted failure that
the next run retries); every good neighbour is stored; the run's counts add up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.query import list_runs
from pipeline.store import open_db
from tests.conftest import REPO, prefect_env
from tests.httpserver import FixtureServer, Reply
from tests.test_web_inputs import STORY, page, rss

ENGLISH = " ".join(STORY)
#: Good neighbours: distinct stories (near-duplicates would rightly be stored once).
GOOD = [
    "The Bank of England held interest rates at 5.25% on Thursday, the third meeting in a "
    "row without a change, as inflation fell to 4% in the year to December.",
    "Firefighters spent six hours tackling a blaze at a disused mill in Leeds on Tuesday. "
    "Sixty firefighters and ten engines were sent, and nobody was hurt.",
    "The council approved a new cycle lane on Kirkstall Road after a vote of 31 to 12, "
    "ending two years of consultation with residents and local businesses.",
    "Scientists counted 1,200 puffins on the Farne Islands this summer, up from 900 last "
    "year, after a bird flu outbreak had cut the colony by a third.",
    "A train operator will cut 150 services a week from May, blaming a shortage of drivers "
    "and the cost of new fleets, the Department for Transport said.",
]


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as running:
        yield running


def batch(folder: Path, server: FixtureServer) -> dict[str, str]:
    """Write the batch into ``folder``; returns each input's expected outcome."""
    def write(name: str, data: bytes | str) -> str:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    expected = {
        write("good.txt", f"Rates held\n\n{GOOD[0]}\n"): "stored",
        write("empty.txt", b""): "empty",
        write("binary.txt", bytes(range(256)) * 64): "binary",
        write("huge.txt", b"word " * 10_500_000): "too_large",  # 52.5 MB
        write("latin1.txt", f"Caf\u00e9 prices rise by \u00a35\n\n{ENGLISH}".encode("latin-1")):
            "bad_encoding",
        write("utf16.txt", f"Mill fire\n\n{GOOD[1]}".encode("utf-16")): "stored",
        write("french.txt", "Le gouvernement italien a prédit que quelque 400 000 personnes "
              "pourraient atteindre ses côtes cette année, soit plus de quatre fois plus que "
              "les douze mois précédents, selon le ministère de l'Intérieur."): "not_english",
        write("nobody.html", "<html><head><title>Nothing here</title></head></html>"): "no_text",
        write("deep.html", "<html><body>" + "<div>" * 10_000 + f"<p>{ENGLISH}</p>"
              + "</div>" * 10_000 + "</body></html>"): "malformed",
        write("page.html", page("Cycle lane", [GOOD[2]])): "stored",
    }
    jsonl_lines = [json.dumps({"title": "Puffins", "text": GOOD[3]}),
                   '{"title": "broken", "text": "unterminated', "[1, 2, 3]",
                   json.dumps({"title": "No text"})]
    jsonl = write("dump.jsonl", "\n".join(jsonl_lines) + "\n")
    expected |= {f"{jsonl}#1": "stored", f"{jsonl}#2": "malformed", f"{jsonl}#3": "malformed",
                 f"{jsonl}#4": "empty"}
    good = server.route("/story", Reply(body=page("Fewer trains", [GOOD[4]]).encode()))
    links = {
        good: "stored",
        server.url("/missing"): "http_error",
        server.route("/slow", Reply(hang=True)): "timeout",  # failed: retried next run
        server.route("/loop", Reply(302, headers={"Location": "/loop"})): "too_many_redirects",
        "file:///etc/passwd": "unsafe_url",
        "ftp://127.0.0.1/story": "unsafe_url",
    }
    write("feed.rss", rss([{"link": link} for link in links]))
    return expected | links


@pytest.mark.slow
def test_every_bad_input_is_recorded_and_its_neighbours_stored(
        tmp_path: Path, db_url: str, server: FixtureServer, prefect_server: str) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    expected = batch(folder, server)
    env = prefect_env(prefect_server, CLAIMWIRE_FETCH_TIMEOUT="0.5")
    command = [str(Path(sys.executable).with_name("claimwire")), "--db", db_url, "ingest",
               str(folder), "--format", "json"]
    run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)

    engine = open_db(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT origin, url, status, reject_reason FROM articles")).all()
    recorded = {(r.url or r.origin).replace("file://etc", "file:///etc"):  # feedparser's
                ("stored" if r.status == "stored" else r.reject_reason) for r in rows}
    transient = {k: v for k, v in expected.items() if v == "timeout"}
    assert recorded == {k: v for k, v in expected.items() if k not in transient}
    assert summary["failed"] == {"timeout": 1}
    [run_row] = list_runs(engine)
    engine.dispose()
    assert run_row["status"] == "completed"
    assert run_row["read"] == len(expected) == (
        run_row["stored"] + run_row["duplicates"] + run_row["skipped"] + run_row["failed"])
    assert run_row["stored"] == sum(v == "stored" for v in expected.values())
    assert run_row["reasons"]["timeout"] == 1 and run_row["reasons"]["unsafe_url"] == 2
