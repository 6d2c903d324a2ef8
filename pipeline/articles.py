"""Articles and their readers: plain text in the seed's format, JSONL dumps, and (through
:mod:`pipeline.pages`, :mod:`pipeline.warc` and :mod:`pipeline.web`) HTML pages, WARC
archives, RSS/Atom feeds and URLs.

A reader yields an :class:`Article` for every good input and a :class:`Skipped` record
(with a reason code) for every bad one, so that nothing read is silently lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import Rejected, RejectReason

if TYPE_CHECKING:
    from pipeline.web import Fetcher, FetchPolicy

PARAGRAPH_KINDS = ("headline", "standfirst", "bullet", "body")
BULLET = "•"
SEPARATOR = "***"
_FOOTER = re.compile(r"^Read more at\s+(?P<source>\S+?)\.?$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n")
_WORDS = re.compile(r"\w+")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
_KINDS = (("text", TEXT_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("html", HTML_SUFFIXES),
          ("feed", FEED_SUFFIXES))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article; ``repeats`` counts its word-for-word occurrences."""

    kind: str
    text: str
    repeats: int = 1


@dataclass(frozen=True, slots=True)
class Article:
    """An article ready for extraction. Its ``text`` joins the paragraphs with blank lines."""

    origin: str  # where it was read: a path, or path#line for JSONL
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    external_id: str | None = None
    author: str | None = None  # the byline, when the input names one (HTML pages)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "\n\n".join(p.text for p in self.paragraphs))

    @property
    def content_sha256(self) -> str:
        """Identity of the article's content: ingesting the same text twice changes nothing."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Character span of each paragraph in :attr:`text`."""
        spans, pos = [], 0
        for p in self.paragraphs:
            spans.append((pos, pos + len(p.text)))
            pos += len(p.text) + 2
        return spans


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that did not become an article, and why."""

    origin: str
    reason: RejectReason
    detail: str
    content_sha256: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """Publication facts given from outside the text: a sidecar file or CLI flags."""

    published: dt.date | None = None
    source: str | None = None
    url: str | None = None

    def merged(self, other: Metadata) -> Metadata:
        """Values of ``other`` where it has them, else ours."""
        return Metadata(
            published=other.published or self.published,
            source=other.source or self.source,
            url=other.url or self.url,
        )


def parse_date(value: object) -> dt.date | None:
    """An ISO date or date-time string (or None) as a date.

    Raises:
        ValueError: the value is not an ISO 8601 date.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be an ISO 8601 string, not {value!r}")
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date() if "T" in value \
        else dt.date.fromisoformat(value[:10])


# --- decoding and guards -------------------------------------------------------------


def decode(data: bytes, *, max_bytes: int) -> str:
    """Decode raw input to text, refusing what is not an article's text.

    Raises:
        Rejected: empty, too large, binary or not decodable input.
    """
    if len(data) > max_bytes:
        raise Rejected(RejectReason.TOO_LARGE, f"{len(data)} bytes is over the {max_bytes} limit")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Rejected(RejectReason.BAD_ENCODING, f"invalid UTF-16: {exc.reason}") from exc
    else:
        if b"\x00" in data:
            raise Rejected(RejectReason.BINARY, "contains NUL bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Rejected(
                RejectReason.BAD_ENCODING, f"not UTF-8 (byte {exc.start}: {exc.reason})"
            ) from exc
    if not text.strip():
        raise Rejected(RejectReason.EMPTY, "no text")
    refuse_binary(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def refuse_binary(text: str) -> None:
    """Refuse decoded text full of control characters (a binary file under a text name).

    Raises:
        Rejected: more than 1 % (and more than 8) control characters.
    """
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise Rejected(RejectReason.BINARY, f"{controls} control characters")


@cache
def _language_identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def check_language(text: str, *, min_chars: int = 100, confidence: float = 0.9) -> None:
    """Refuse text that is confidently not English (py3langid, its model ships in the wheel).

    Short texts, and texts py3langid is unsure about, pass: a wrong refusal loses an article,
    a wrong pass only costs extraction quality.

    Raises:
        Rejected: the text is in another language.
    """
    if len(text) < min_chars:
        return
    language, probability = _language_identifier().classify(text[:3000])
    if language != "en" and probability >= confidence:
        raise Rejected(RejectReason.NOT_ENGLISH,
                       f"language {language!r} (p={probability:.2f}); only English is processed")


# --- paragraphs ----------------------------------------------------------------------


def _clean(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _repeat_key(text: str) -> str:
    """Paragraphs with the same words (ignoring quote marks and spacing) are repeats."""
    return " ".join(_WORDS.findall(text.lower()))


def dedupe(paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
    """Keep the first of word-for-word repeated paragraphs, counting the repeats."""
    kept: list[Paragraph] = []
    where: dict[str, int] = {}
    for p in paragraphs:
        key = _repeat_key(p.text)
        if key in where:
            i = where[key]
            kept[i] = Paragraph(kept[i].kind, kept[i].text, kept[i].repeats + 1)
        else:
            where[key] = len(kept)
            kept.append(p)
    return kept


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each joined into one line of clean text."""
    blocks = (_clean(" ".join(b.splitlines())) for b in _BLANK_LINES.split(text))
    return [b for b in blocks if b]


def parse_plain_text(text: str) -> tuple[list[Paragraph], str | None]:
    """Paragraphs of an article in the seed's plain-text format, and the footer's outlet.

    The first block is the headline; a block followed by bullet points (``•``) is the
    standfirst; lines starting with ``•`` are bullets; everything after a ``***`` line,
    and a final ``Read more at OUTLET`` line, is footer and not part of the body.
    """
    body, _, footer = text.partition(f"\n{SEPARATOR}")
    if text.startswith(SEPARATOR):
        body, footer = "", text[len(SEPARATOR):]
    source = None
    blocks: list[list[str]] = []
    for block in _BLANK_LINES.split(body):
        lines = [_clean(line) for line in block.splitlines() if _clean(line)]
        if lines:
            blocks.append(lines)
    for line in (*footer.splitlines(), *(blocks[-1] if blocks else [])):
        if match := _FOOTER.match(_clean(line)):
            source = match["source"]
    if blocks and len(blocks[-1]) == 1 and _FOOTER.match(blocks[-1][0]):
        blocks.pop()
    paragraphs: list[Paragraph] = []
    for i, lines in enumerate(blocks):
        if all(line.startswith(BULLET) for line in lines):
            paragraphs += [Paragraph("bullet", line.lstrip(BULLET).strip()) for line in lines]
            continue
        next_is_bullets = i + 1 < len(blocks) and blocks[i + 1][0].startswith(BULLET)
        kind = "headline" if i == 0 else "standfirst" if i == 1 and next_is_bullets else "body"
        paragraphs.append(Paragraph(kind, " ".join(lines)))
    return dedupe(p for p in paragraphs if p.text), source


# --- readers -------------------------------------------------------------------------


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex: the identity of a skipped input."""
    return hashlib.sha256(data).hexdigest()


def read_sidecar(path: Path) -> Metadata:
    """Metadata from ``ARTICLE.meta.json`` (or ``ARTICLE.txt.meta.json``) beside ``path``.

    Raises:
        Rejected: the sidecar exists but is not valid.
    """
    for candidate in (path.with_suffix(".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            try:
                meta = json.loads(candidate.read_text(encoding="utf-8"))
                return Metadata(
                    published=parse_date(meta.get("published")),
                    source=meta.get("source"),
                    url=meta.get("url"),
                )
            except (ValueError, AttributeError) as exc:
                raise Rejected(RejectReason.MALFORMED, f"bad sidecar {candidate.name}: {exc}")\
                    from exc
    return Metadata()


def read_input_file(path: Path, *, max_bytes: int) -> bytes | Skipped:
    """The bytes of one input file, or a skip record if it is too large or unreadable."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            detail = f"{size} bytes is over the {max_bytes} limit"
            return Skipped(origin, RejectReason.TOO_LARGE, detail,
                           sha256_hex(f"{origin}:{size}".encode()))
        return path.read_bytes()
    except OSError as exc:
        return Skipped(origin, RejectReason.UNREADABLE, str(exc), sha256_hex(origin.encode()))


def read_text_file(path: Path, meta: Metadata, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Read one plain-text article (seed format) with its sidecar metadata."""
    origin = str(path)
    data = read_input_file(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    try:
        text = decode(data, max_bytes=max_bytes)
        meta = read_sidecar(path).merged(meta)
        paragraphs, footer_source = parse_plain_text(text)
        if not paragraphs:
            raise Rejected(RejectReason.NO_TEXT, "only a footer")
        check_language(" ".join(p.text for p in paragraphs))
    except Rejected as rej:
        yield Skipped(origin, rej.reason, rej.detail, sha256_hex(data))
        return
    yield Article(
        origin=origin,
        paragraphs=tuple(paragraphs),
        title=paragraphs[0].text if paragraphs[0].kind == "headline" else None,
        published=meta.published,
        source=meta.source or footer_source,
        url=meta.url,
    )


def article_from_record(record: object, origin: str, meta: Metadata) -> Article:
    """An article from one JSONL record ``{id, title, text, published, source, url}``.

    Raises:
        Rejected: the record is not an object, or has no text.
    """
    if not isinstance(record, dict):
        raise Rejected(RejectReason.MALFORMED, "line is not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise Rejected(RejectReason.EMPTY, "record has no text")
    title = record.get("title")
    title = _clean(title) if isinstance(title, str) and title.strip() else None
    check_language(body)
    paragraphs = [Paragraph("body", p) for p in split_paragraphs(body)]
    if title:
        paragraphs.insert(0, Paragraph("headline", title))
    try:
        published = parse_date(record.get("published"))
    except ValueError as exc:
        raise Rejected(RejectReason.MALFORMED, f"bad published date: {exc}") from exc
    record_meta = Metadata(published, record.get("source"), record.get("url"))
    meta = record_meta.merged(meta)
    external_id = record.get("id")
    return Article(
        origin=origin,
        paragraphs=tuple(dedupe(paragraphs)),
        title=title,
        published=meta.published,
        source=meta.source,
        url=meta.url,
        external_id=str(external_id) if external_id is not None else None,
    )


def read_jsonl_file(
    path: Path, meta: Metadata, *, max_bytes: int, limit: int | None = None
) -> Iterator[Article | Skipped]:
    """Read a JSONL dump, one article per line; a broken line is skipped, not fatal."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), RejectReason.UNREADABLE, str(exc), sha256_hex(str(path).encode()))
        return
    with handle:
        count = 0
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            if limit is not None and count >= limit:
                break
            count += 1
            origin = f"{path}#{lineno}"
            try:
                text = decode(raw, max_bytes=max_bytes)
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise Rejected(RejectReason.MALFORMED, f"invalid JSON: {exc.msg}") from exc
                yield article_from_record(record, origin, meta)
            except Rejected as rej:
                yield Skipped(origin, rej.reason, rej.detail, sha256_hex(raw))


def input_kind(path: Path) -> str | None:
    """What a file name says it holds: text, jsonl, html, warc or feed (None: unknown)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return next((kind for kind, suffixes in _KINDS if path.suffix.lower() in suffixes), None)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the readable files under directories named, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and input_kind(child) is not None:
                    yield child
        else:
            yield path


def read_paths(
    paths: Iterable[str | Path],
    meta: Metadata | None = None,
    *,
    max_bytes: int = 5_000_000,
    limit: int | None = None,
    fetch: FetchPolicy | None = None,
    seen: Container[str] = frozenset(),
    since: dt.date | None = None,
) -> Iterator[Article | Skipped]:
    """Every article (or skip record) in ``paths``: files, directories and http(s) URLs.

    Files: .txt (seed format), .jsonl, .html/.htm pages, .warc/.warc.gz archives, and
    .xml/.rss/.atom feeds (whose entries' pages are fetched). A URL is read as a feed if it
    parses as one, else as a page. Nothing is fetched until the generator reaches it.

    Args:
        paths: files, directories (searched for the suffixes above) or http(s) URLs.
        meta: publication facts that override what the inputs say.
        max_bytes: larger files (JSONL lines, WARC records, fetched bodies) are skipped.
        limit: at most this many records per JSONL file or entries per feed.
        fetch: limits of HTTP(S) fetches (default: :class:`~pipeline.web.FetchPolicy` with
            ``max_bytes``).
        seen: URLs already ingested; feed entries linking to them are passed over.
        since: feed entries dated before this day are passed over.
    """
    meta = meta or Metadata()
    with ExitStack() as stack:
        fetcher: Fetcher | None = None

        def web() -> Fetcher:
            nonlocal fetcher
            if fetcher is None:  # httpx and feedparser are imported only when needed
                from pipeline.web import Fetcher, FetchPolicy

                policy = fetch or FetchPolicy(max_bytes=max_bytes)
                fetcher = stack.enter_context(Fetcher(policy))
            return fetcher

        for given in paths:
            if isinstance(given, str) and "://" in given:
                from pipeline.web import read_url

                yield from read_url(given, web(), meta=meta, seen=seen, since=since, limit=limit)
                continue
            for path in iter_files([Path(given)]):
                yield from _read_file(path, meta, max_bytes=max_bytes, limit=limit,
                                      web=web, seen=seen, since=since)


def _read_file(
    path: Path,
    meta: Metadata,
    *,
    max_bytes: int,
    limit: int | None,
    web: Callable[[], Fetcher],
    seen: Container[str],
    since: dt.date | None,
) -> Iterator[Article | Skipped]:
    """The articles of one file, by the kind its name says."""
    kind = input_kind(path)
    if not path.exists():
        yield Skipped(str(path), RejectReason.UNREADABLE, "no such file",
                      sha256_hex(str(path).encode()))
    elif kind == "jsonl":
        yield from read_jsonl_file(path, meta, max_bytes=max_bytes, limit=limit)
    elif kind == "text":
        yield from read_text_file(path, meta, max_bytes=max_bytes)
    elif kind == "html":
        from pipeline.pages import read_html_file

        yield from read_html_file(path, meta, max_bytes=max_bytes)
    elif kind == "warc":
        from pipeline.warc import read_warc

        yield from read_warc(path, meta, max_bytes=max_bytes)
    elif kind == "feed":
        from pipeline.web import read_feed

        yield from read_feed(path, web(), meta=meta, seen=seen, since=since, limit=limit)
    else:
        yield Skipped(str(path), RejectReason.UNSUPPORTED, f"unknown suffix {path.suffix!r}",
                      sha256_hex(str(path).encode()))
