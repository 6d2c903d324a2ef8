"""The CLI: documented commands, output formats, and fast query commands."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import cli, render
from tests.conftest import REPO


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


COMMANDS = _commands(cli)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_commands_have_help(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_commands_are_documented(command: tuple[str, ...]) -> None:
    assert f"claimwire {' '.join(command)}" in (REPO / "README.md").read_text()


def test_render_formats() -> None:
    rows = [{"a": 1, "b": "x,y"}, {"a": None, "b": "z"}]
    assert json.loads(render(rows, "json", ["a", "b"])) == rows
    assert render(rows, "csv", ["a", "b"]).splitlines() == ["a,b", '1,"x,y"', ",z"]
    assert render(rows, "table", ["a", "b"]).splitlines()[0].split() == ["a", "b"]


def test_query_commands_import_neither_spacy_nor_prefect(tmp_path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        f"url = 'sqlite:///{tmp_path / 'q.db'}'\n"
        "for cmd in ('articles', 'mentions', 'quantities', 'sentences', 'claims', 'quotes'):\n"
        "    r = CliRunner().invoke(cli, ['--db', url, cmd, '--format', 'json'])\n"
        "    assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['--db', url, 'claims', '--place', 'Britain',"
        " '--speaker', 'Jenrick', '--entity', 'UK'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('spacy', 'prefect', 'quantulum3', 'dateparser')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_database_url_is_a_clean_error() -> None:
    for url in ("nosuchdialect://x", "postgresql+psycopg://127.0.0.1:1/nothing"):
        result = CliRunner().invoke(cli, ["--db", url, "articles"], catch_exceptions=False)
        assert result.exit_code == 1
        assert result.output.startswith("Error: cannot open database")
