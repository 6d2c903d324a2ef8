"""Progress of a long run: a bar on a terminal (rich), plain log lines otherwise."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO


@contextmanager
def progress_reporter(
    total: int, *, stream: TextIO | None = None, every_seconds: float = 30.0
) -> Iterator[Callable[[str], None]]:
    """A callback to call once per input with its outcome ("stored", "duplicate", ...).

    On a terminal it drives a rich progress bar (done, rate, time left); otherwise (a log
    file, a scheduler) it writes a timestamped line to ``stream`` (default stderr) at most
    every ``every_seconds``, and one at the end.
    """
    stream = stream or sys.stderr
    outcomes: Counter[str] = Counter()
    if stream.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"),
                   TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
        with Progress(*columns, console=Console(file=stream), transient=False) as bar:
            task = bar.add_task("ingest", total=total, rate="")
            started = time.monotonic()

            def advance(outcome: str) -> None:
                outcomes[outcome] += 1
                done = sum(outcomes.values())
                rate = done / max(time.monotonic() - started, 1e-9)
                bar.update(task, advance=1, rate=f"{rate:.1f}/s")

            yield advance
        return

    started = last = time.monotonic()

    def line() -> str:
        done = sum(outcomes.values())
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0.0
        left = (total - done) / rate if rate and total >= done else float("nan")
        counts = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
        return (f"ingest: {done}/{total} done ({counts}), {rate:.1f} articles/s, "
                f"{left:.0f}s left")

    def write() -> None:
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        stream.write(f"{stamp} {line()}\n")
        stream.flush()

    def log_line(outcome: str) -> None:
        nonlocal last
        outcomes[outcome] += 1
        now = time.monotonic()
        if now - last >= every_seconds:
            last = now
            write()

    yield log_line
    write()
