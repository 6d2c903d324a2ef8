"""The source registry: a TOML file listing the feeds and folders to ingest, and when.

```toml
schedule = "0 * * * *"          # cron: when a scheduled run reads every source
[[feeds]]
url = "https://example.org/rss.xml"
outlet = "Example News"
[[folders]]
path = "drop"                   # relative paths are relative to the registry file
outlet = "Wire copy"
```
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cronsim import CronSim, CronSimError

from pipeline.errors import RegistryError, Rejected
from pipeline.web import check_url

_TOP_KEYS = {"schedule", "feeds", "folders"}


@dataclass(frozen=True, slots=True)
class FeedSource:
    """An RSS/Atom feed and the outlet its articles are stored under."""

    url: str
    outlet: str


@dataclass(frozen=True, slots=True)
class FolderSource:
    """A folder of article files (.txt, .jsonl, .html, .warc, feeds) and their outlet."""

    path: Path
    outlet: str


@dataclass(frozen=True, slots=True)
class Registry:
    """Every source to ingest, and the cron schedule of the runs (None: run by hand)."""

    path: Path
    schedule: str | None
    feeds: tuple[FeedSource, ...]
    folders: tuple[FolderSource, ...]


def _table(value: Any, where: str, required: set[str]) -> dict[str, Any]:
    """A source table with exactly the ``required`` keys, each a non-empty string."""
    if not isinstance(value, dict):
        raise RegistryError(f"{where}: expected a table ([[...]]), got {type(value).__name__}")
    if unknown := sorted(set(value) - required):
        raise RegistryError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for key in sorted(required):
        if not isinstance(value.get(key), str) or not value[key].strip():
            raise RegistryError(f"{where}: {key!r} is required (a non-empty string)")
    return value


def _list(data: dict[str, Any], key: str, name: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise RegistryError(f"{name}: {key!r} must be an array of tables ([[{key}]])")
    return value


def load_registry(path: str | Path) -> Registry:
    """Read and validate a registry file.

    Raises:
        RegistryError: the file is missing, not TOML, or not a valid registry (unknown
            keys, missing url/path/outlet, a non-http(s) feed URL, a bad cron schedule).
    """
    path = Path(path).expanduser().resolve()
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"{name}: cannot read the registry: {exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{name}: not valid TOML: {exc}") from exc
    if unknown := sorted(set(data) - _TOP_KEYS):
        raise RegistryError(f"{name}: unknown key(s) {', '.join(unknown)}")
    schedule = data.get("schedule")
    if schedule is not None:
        if not isinstance(schedule, str):
            raise RegistryError(f"{name}: schedule must be a cron string like '0 * * * *'")
        try:
            CronSim(schedule, dt.datetime.now())
        except CronSimError as exc:
            raise RegistryError(f"{name}: bad cron schedule {schedule!r}: {exc}") from exc
    feeds = []
    for i, raw in enumerate(_list(data, "feeds", name)):
        where = f"{name}: feeds[{i}]"
        table = _table(raw, where, {"url", "outlet"})
        try:
            url = check_url(table["url"].strip())
        except Rejected as rej:
            raise RegistryError(f"{where}: {rej.detail}") from rej
        feeds.append(FeedSource(url, table["outlet"].strip()))
    folders = []
    for i, raw in enumerate(_list(data, "folders", name)):
        table = _table(raw, f"{name}: folders[{i}]", {"path", "outlet"})
        folder = (path.parent / Path(table["path"].strip()).expanduser()).resolve()
        folders.append(FolderSource(folder, table["outlet"].strip()))
    return Registry(path, schedule, tuple(feeds), tuple(folders))
