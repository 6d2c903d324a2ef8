"""Errors raised by claimwire's library code; the CLI turns them into messages at its boundary."""

from __future__ import annotations

from enum import StrEnum


class ClaimwireError(Exception):
    """Base class for every error claimwire raises on purpose."""


class ModelNotFound(ClaimwireError):
    """The configured spaCy pipeline is not installed."""


class DatabaseUnavailable(ClaimwireError):
    """The database URL is invalid or the server cannot be reached."""


class RejectReason(StrEnum):
    """Why an input was not processed. Stored with the skipped article."""

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


class Rejected(ClaimwireError):
    """An input that cannot become an article, with a reason code and a human detail."""

    def __init__(self, reason: RejectReason, detail: str, *, origin: str = "") -> None:
        super().__init__(f"{origin + ': ' if origin else ''}{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
        self.origin = origin
