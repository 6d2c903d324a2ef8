"""WARC archives (``.warc``, ``.warc.gz``, read with warcio): each HTML response an article."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from pipeline.articles import Article, Metadata, Skipped, parse_date, sha256_hex
from pipeline.errors import Rejected, RejectReason
from pipeline.pages import HTML_MEDIA_TYPES, PageHints, article_from_html


def _html_charset(record: ArcWarcRecord) -> tuple[bool, str | None]:
    """Whether a response record carries HTML, and the charset its HTTP header declares."""
    if record.http_headers is None:
        return False, None
    header = Message()
    header["Content-Type"] = record.http_headers.get_header("Content-Type") or ""
    return header.get_content_type() in HTML_MEDIA_TYPES, header.get_content_charset()


def _record_article(
    record: ArcWarcRecord, origin: str, meta: Metadata, max_bytes: int
) -> Article | Skipped | None:
    """The article in one record; None for records that are not HTML responses."""
    if record.rec_type != "response":
        return None
    is_html, charset = _html_charset(record)
    if not is_html:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    stream, body = record.content_stream(), b""
    while len(body) <= max_bytes and (chunk := stream.read(max_bytes + 1 - len(body))):
        body += chunk  # read() returns at most a buffer's worth at a time
    try:
        if len(body) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
            raise Rejected(RejectReason.MALFORMED, "record truncated (archive ends inside it)")
        date = record.rec_headers.get_header("WARC-Date")
        try:
            published = parse_date(date)
        except ValueError:
            published = None
        hints = PageHints(url=url, published=published, charset=charset)
        return article_from_html(body, origin, hints=hints, meta=meta, max_bytes=max_bytes)
    except Rejected as rej:
        return Skipped(origin, rej.reason, rej.detail, sha256_hex(body or origin.encode()))


def read_warc(path: Path, meta: Metadata, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Every HTML ``response`` record of a WARC file, as ``PATH#OFFSET`` origins.

    The URL comes from ``WARC-Target-URI``, the date from the page or else ``WARC-Date``;
    other records are ignored. A truncated or corrupt archive yields the records before the
    damage and one ``malformed`` skip record for the rest.
    """
    try:
        handle = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        yield Skipped(str(path), RejectReason.UNREADABLE, str(exc), sha256_hex(str(path).encode()))
        return
    records: ArchiveIterator | None = None
    with handle:
        try:
            records = ArchiveIterator(handle)
            for record in records:
                if record.format != "warc" or not record.rec_type:
                    raise Rejected(RejectReason.MALFORMED, "not a WARC record")
                origin = f"{path}#{records.offset}"  # where this record starts
                if (item := _record_article(record, origin, meta, max_bytes)) is not None:
                    yield item
            if records.offset < size:  # bytes left over that do not make a whole record
                raise Rejected(RejectReason.MALFORMED, "the archive ends inside a record")
        except Exception as exc:  # ArchiveLoadFailed, zlib or I/O errors: the rest is lost
            offset = records.offset if records is not None else 0
            detail = exc.detail if isinstance(exc, Rejected) else f"{type(exc).__name__}: {exc}"
            origin = f"{path}#{offset}"
            yield Skipped(origin, RejectReason.MALFORMED,
                          f"corrupt or truncated WARC from byte {offset}: {detail}",
                          sha256_hex(origin.encode()))
