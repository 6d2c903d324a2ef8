"""Errors raised by claimwire's library code; the CLI turns them into messages at its boundary."""

from __future__ import annotations

from enum import StrEnum


class ClaimwireError(Exception):
    """Base class for every error claimwire raises on purpose."""


class ModelNotFound(ClaimwireError):
    """The configured spaCy pipeline is not installed."""


class DatabaseUnavailable(ClaimwireError):
    """The database URL is invalid or the server cannot be reached."""


class RegistryError(ClaimwireError):
    """The source registry (a TOML file of feeds and folders) is missing or invalid."""


class RejectReason(StrEnum):
    """Why an input was not processed. Stored with the skipped article.

    A :attr:`transient` reason is a network failure that the next run should retry (record
    it as failed, not as a stored skip); the others are verdicts on the input itself.
    """

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    BAD_ENCODING = "bad_encoding"
    MALFORMED = "malformed"
    NOT_ENGLISH = "not_english"
    NO_TEXT = "no_text"
    UNSUPPORTED = "unsupported_format"
    UNREADABLE = "unreadable"
    EXTRACTION_FAILED = "extraction_failed"
    # web inputs: feeds, pages fetched over HTTP(S)
    UNSAFE_URL = "unsafe_url"  # not an http(s) URL (file://, ftp://, javascript:): never opened
    HTTP_ERROR = "http_error"  # a 4xx answer such as 404 (not retried)
    SERVER_ERROR = "server_error"  # 5xx or 429, still failing after the retries
    TIMEOUT = "timeout"  # connect or read timeout, after the retries
    FETCH_FAILED = "fetch_failed"  # connection refused or reset, DNS failure, after the retries
    TOO_MANY_REDIRECTS = "too_many_redirects"

    @property
    def transient(self) -> bool:
        """A network failure that may succeed later: the next run should try again."""
        return self in _TRANSIENT


_TRANSIENT = frozenset({RejectReason.SERVER_ERROR, RejectReason.TIMEOUT, RejectReason.FETCH_FAILED})


class Rejected(ClaimwireError):
    """An input that cannot become an article, with a reason code and a human detail."""

    def __init__(self, reason: RejectReason, detail: str, *, origin: str = "") -> None:
        super().__init__(f"{origin + ': ' if origin else ''}{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
        self.origin = origin
