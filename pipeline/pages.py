"""HTML pages as articles: decode, parse (lxml), extract body and metadata (trafilatura).

Nothing here touches the network: trafilatura is handed the parsed page, never a URL to
fetch (the URL only helps it find dates and the host name).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import set_date_params
from trafilatura.utils import decode_file

from pipeline.articles import (
    Article,
    Metadata,
    Paragraph,
    Skipped,
    check_language,
    dedupe,
    parse_date,
    read_input_file,
    read_sidecar,
    refuse_binary,
    sha256_hex,
)
from pipeline.errors import Rejected, RejectReason

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_TAG = re.compile(r"<[a-zA-Z!?]|</[a-zA-Z]")


@dataclass(frozen=True, slots=True)
class PageHints:
    """What the page's container knows: a feed entry, a WARC record, an HTTP response.

    The page's own metadata wins over these, except ``url`` (where the page was found).
    """

    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    source: str | None = None
    charset: str | None = None  # declared by the HTTP Content-Type header


def _codecs_for(label: str | None) -> list[str]:
    """Python codecs to try for a charset label (unknown labels give none)."""
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name if label else None
    except LookupError:
        return []
    if name in ("latin-1", "ascii"):  # browsers read both labels as windows-1252 (WHATWG)
        return ["cp1252", "latin-1"]
    return [name] if name else []


def decode_html(data: bytes, charset: str | None = None) -> str:
    """A page's text, decoded the way browsers do.

    A byte-order mark wins, then the HTTP ``charset``, then a ``<meta charset>`` in the
    first 4 KB, then UTF-8; failing all, trafilatura's charset detection.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    candidates = _codecs_for(charset)
    if match := _META_CHARSET.search(data[:4096]):
        declared = _codecs_for(match[1].decode("ascii"))
        # a <meta> readable as ASCII cannot truly be UTF-16/32 (HTML's prescan says UTF-8)
        candidates += ["utf-8" if c.startswith(("utf-16", "utf-32")) else c for c in declared]
    for name in [*candidates, "utf-8"]:
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return decode_file(data)


def parse_html(text: str) -> lxml.html.HtmlElement:
    """The page's element tree (lxml recovers from unclosed and stray tags).

    Raises:
        Rejected: no markup at all, nothing parseable, or elements nested deeper than
            libxml2's limit (256).
    """
    if not _TAG.search(text):
        raise Rejected(RejectReason.MALFORMED, "no HTML markup: not an HTML page")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        raise Rejected(RejectReason.MALFORMED, f"not parseable as HTML: {exc}") from exc
    for error in parser.error_log:
        if "depth" in error.message.lower():  # libxml2: "Excessive depth in document: 256"
            raise Rejected(RejectReason.MALFORMED,
                           f"elements nested too deeply: {error.message.strip()}")
    return tree


def _extract(tree: lxml.html.HtmlElement, url: str | None) -> Any:
    """trafilatura's document (body text and metadata), or None when it finds no body."""
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            # dates from markup (meta tags, <time>, the URL), not guessed from the prose
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # a library failure on hostile markup is the input's fault
        raise Rejected(RejectReason.MALFORMED,
                       f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _one_line(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _same_words(a: str, b: str) -> bool:
    return _WORDS.findall(a.lower()) == _WORDS.findall(b.lower())


def _date(value: object) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def article_from_html(
    data: bytes,
    origin: str,
    *,
    hints: PageHints | None = None,
    meta: Metadata | None = None,
    max_bytes: int,
) -> Article:
    """An article from an HTML page: body paragraphs, title, date, author and site name.

    Paragraphs are the lines of trafilatura's text; the title becomes the headline.
    ``meta`` (CLI flags, sidecar) overrides the page; ``hints`` fill what the page lacks.

    Raises:
        Rejected: empty, too large, binary, malformed, bodiless or non-English pages.
    """
    hints, meta = hints or PageHints(), meta or Metadata()
    if len(data) > max_bytes:
        raise Rejected(RejectReason.TOO_LARGE, f"{len(data)} bytes is over the {max_bytes} limit")
    text = decode_html(data, hints.charset)
    if not text.strip():
        raise Rejected(RejectReason.EMPTY, "no text")
    refuse_binary(text)
    doc = _extract(parse_html(text), hints.url)
    lines = [line for raw in (doc.text or "").splitlines() if (line := _one_line(raw))] \
        if doc is not None else []
    title = (_one_line(doc.title) if doc is not None else None) or _one_line(hints.title)
    if lines and title and _same_words(lines[0], title):
        lines.pop(0)  # the page's <h1> repeating its title
    if not lines:
        raise Rejected(RejectReason.NO_TEXT, "no article text found in the page")
    check_language(" ".join(lines))
    site = _one_line(doc.sitename)
    # trafilatura names the site after the URL's host when the page does not name it
    named_site = site if site and not urllib.parse.urlsplit(doc.url or "").netloc.endswith(site) \
        else None
    paragraphs = [Paragraph("headline", title)] if title else []
    paragraphs += [Paragraph("body", line) for line in lines]
    return Article(
        origin=origin,
        paragraphs=tuple(dedupe(paragraphs)),
        title=title,
        published=meta.published or _date(doc.date) or hints.published,
        source=meta.source or named_site or hints.source or site,
        url=meta.url or hints.url or doc.url,
        author=_one_line(doc.author) or _one_line(hints.author),
    )


def read_html_file(path: Path, meta: Metadata, *, max_bytes: int) -> Iterator[Article | Skipped]:
    """Read one saved HTML page, with its sidecar ``.meta.json`` if there is one."""
    data = read_input_file(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    try:
        yield article_from_html(data, str(path), meta=read_sidecar(path).merged(meta),
                                max_bytes=max_bytes)
    except Rejected as rej:
        yield Skipped(str(path), rej.reason, rej.detail, sha256_hex(data))
