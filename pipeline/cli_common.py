"""What every ``claimwire`` command shares: output rendering, options, error handling."""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from pipeline.errors import ClaimwireError

FORMATS = ("table", "json", "csv")


def render(rows: list[dict[str, Any]], fmt: str, fields: Sequence[str]) -> str:
    """Rows as a text table, a JSON list of objects, or CSV with a header."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    from tabulate import tabulate

    def cell(value: Any) -> Any:
        text = "" if value is None else str(value)
        return text if len(text) <= 60 else text[:57] + "..."

    return tabulate([[cell(r.get(f)) for f in fields] for r in rows], headers=list(fields))


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format`` and ``--limit``, shared by the query commands."""
    func = click.option("--limit", type=int, default=None, help="At most this many rows.")(func)
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="Output format.")(func)


def library_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn claimwire's library errors into clean CLI errors at the boundary."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimwireError as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


def open_engine(ctx: click.Context):
    from pipeline.store import open_db

    return open_db(ctx.obj.database_url)
