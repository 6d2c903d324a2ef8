"""Web inputs: safe HTTP(S) fetching (httpx), RSS/Atom feeds (feedparser), pages by URL.

Every fetch is bounded: connect/read timeouts and a wall-clock limit, a maximum body size
(the body is streamed and reading stops at the limit), at most N redirects, and only
``http``/``https`` URLs, checked on every hop. Network failures, timeouts, 5xx and 429 are
retried with exponential backoff; anything else (404, a parse error) is not.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.parse
from collections.abc import Container, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

import feedparser
import httpx

from pipeline.articles import Article, Metadata, Skipped, read_input_file, sha256_hex
from pipeline.errors import Rejected, RejectReason
from pipeline.pages import HTML_MEDIA_TYPES, PageHints, article_from_html

SAFE_SCHEMES = ("http", "https")
_XML_MEDIA_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                    "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """The limits of one HTTP(S) fetch."""

    connect_timeout: float = 5.0  # seconds to connect
    read_timeout: float = 20.0  # seconds of silence while reading
    total_timeout: float = 60.0  # seconds for one attempt, body included
    max_bytes: int = 5_000_000  # bodies over this are refused (reading stops there)
    max_redirects: int = 5
    attempts: int = 3  # tries for transient failures (network errors, timeouts, 5xx, 429)
    backoff: float = 1.0  # seconds before the second try, doubled for each further one
    user_agent: str = "claimwire/0.1 (news claim extraction)"
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY from the environment


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful (2xx) response, body read in full."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    media_type: str  # the Content-Type without parameters, lower case ("" if none)
    charset: str | None
    body: bytes


def is_url(value: object) -> bool:
    """Whether an input names a URL (``scheme://...``) rather than a local path."""
    return isinstance(value, str) and "://" in value and \
        urllib.parse.urlsplit(value).scheme.isalpha()


def check_url(url: str) -> str:
    """The URL, if it is an absolute ``http``/``https`` URL with a host.

    Raises:
        Rejected: ``unsafe_url`` for any other scheme (never opened), ``malformed`` for a
            relative or unparseable URL.
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise Rejected(RejectReason.MALFORMED, f"unparseable URL {url!r}: {exc}") from exc
    if not parts.scheme:
        raise Rejected(RejectReason.MALFORMED, f"not an absolute URL: {url!r}")
    if parts.scheme.lower() not in SAFE_SCHEMES:
        raise Rejected(RejectReason.UNSAFE_URL,
                       f"{parts.scheme}: URLs are not fetched (only http and https)")
    if not parts.hostname:
        raise Rejected(RejectReason.MALFORMED, f"URL without a host: {url!r}")
    return url


def _check_hop(request: httpx.Request) -> None:
    """httpx request hook: every hop of a redirect chain must be http(s)."""
    check_url(str(request.url))


class Fetcher:
    """HTTP(S) GETs under a :class:`FetchPolicy`, sharing one connection pool.

    Use as a context manager (or call :meth:`close`); the client is created on first use.
    """

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        """The httpx client: redirects followed up to the limit, each hop's scheme checked."""
        if self._client is None:
            p = self.policy
            self._client = httpx.Client(
                follow_redirects=True,
                max_redirects=p.max_redirects,
                timeout=httpx.Timeout(p.read_timeout, connect=p.connect_timeout),
                headers={"User-Agent": p.user_agent},
                event_hooks={"request": [_check_hop]},
                trust_env=p.trust_env,
            )
        return self._client

    def get(self, url: str) -> Fetched:
        """GET ``url``, retrying transient failures with exponential backoff.

        Raises:
            Rejected: the URL is unsafe or malformed, the answer is not 2xx, the body is too
                large, or the network failed on every attempt (a transient reason).
        """
        check_url(url)
        attempts = max(1, self.policy.attempts)
        for attempt in range(1, attempts + 1):
            try:
                return self._get_once(url)
            except Rejected as rej:
                if not rej.reason.transient:
                    raise
                if attempt == attempts:
                    raise Rejected(rej.reason, f"{rej.detail} ({attempts} attempts)") from rej
            time.sleep(self.policy.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str) -> Fetched:
        policy = self.policy
        deadline = time.monotonic() + policy.total_timeout
        try:
            with self.client.stream("GET", url) as response:
                _check_status(response)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise Rejected(RejectReason.TOO_LARGE, f"Content-Length {declared} is over "
                                   f"the {policy.max_bytes}-byte limit")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > policy.max_bytes:
                        raise Rejected(RejectReason.TOO_LARGE, f"body over the "
                                       f"{policy.max_bytes}-byte limit (stopped reading)")
                    if time.monotonic() > deadline:
                        raise Rejected(RejectReason.TIMEOUT,
                                       f"body not read within {policy.total_timeout} s")
                media_type = response.headers.get("content-type", "").split(";")[0]
                return Fetched(url, str(response.url), response.status_code,
                               media_type.strip().lower(), response.charset_encoding, bytes(body))
        except httpx.TimeoutException as exc:
            raise Rejected(RejectReason.TIMEOUT, f"{type(exc).__name__}: {exc}") from exc
        except httpx.TooManyRedirects as exc:
            raise Rejected(RejectReason.TOO_MANY_REDIRECTS,
                           f"more than {policy.max_redirects} redirects") from exc
        except httpx.UnsupportedProtocol as exc:
            raise Rejected(RejectReason.UNSAFE_URL, str(exc)) from exc
        except httpx.InvalidURL as exc:
            raise Rejected(RejectReason.MALFORMED, f"invalid URL: {exc}") from exc
        except httpx.DecodingError as exc:
            raise Rejected(RejectReason.MALFORMED, f"undecodable body: {exc}") from exc
        except httpx.HTTPError as exc:  # connection refused or reset, DNS, protocol errors
            raise Rejected(RejectReason.FETCH_FAILED, f"{type(exc).__name__}: {exc}") from exc


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    detail = f"HTTP {status} {response.reason_phrase}".strip()
    if status == 429 or status >= 500:
        raise Rejected(RejectReason.SERVER_ERROR, detail)
    if not 200 <= status < 300:  # 4xx, or a 3xx that could not be followed
        raise Rejected(RejectReason.HTTP_ERROR, detail)


# --- pages and feeds -----------------------------------------------------------------


def article_from_response(
    fetched: Fetched, *, hints: PageHints | None = None, meta: Metadata | None = None
) -> Article:
    """An article from a fetched HTML page (origin and URL: the URL asked for).

    Raises:
        Rejected: not an HTML page, or a page that is not an article (see
            :func:`~pipeline.pages.article_from_html`).
    """
    if fetched.media_type and fetched.media_type not in HTML_MEDIA_TYPES:
        raise Rejected(RejectReason.UNSUPPORTED, f"content type {fetched.media_type!r} is not HTML")
    hints = replace(hints or PageHints(), charset=fetched.charset,
                    url=(hints.url if hints else None) or fetched.url)
    return article_from_html(fetched.body, fetched.url, hints=hints, meta=meta,
                             max_bytes=len(fetched.body) + 1)


def parse_feed(data: bytes, *, base_url: str | None = None, media_type: str = "") -> Any:
    """The feed in ``data`` (feedparser's result), or None if it is not an RSS/Atom feed.

    Always given bytes: feedparser never fetches anything itself.
    """
    headers = {"content-location": base_url or "", "content-type": media_type or ""}
    parsed = feedparser.parse(data, response_headers=headers)
    return parsed if parsed.get("version") or parsed.entries else None


def _entry_date(entry: Any) -> dt.date | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(*moment[:3]) if moment else None


def _skip(origin: str, rej: Rejected) -> Skipped:
    return Skipped(origin, rej.reason, rej.detail, sha256_hex(origin.encode()))


def feed_articles(
    feed: Any,
    fetcher: Fetcher,
    *,
    origin: str,
    meta: Metadata | None = None,
    seen: Container[str] = frozenset(),
    since: dt.date | None = None,
    limit: int | None = None,
) -> Iterator[Article | Skipped]:
    """Fetch and read each entry's page, lazily, one entry at a time.

    Entries whose link is in ``seen``, repeated in the feed, or dated before ``since`` are
    passed over silently; ``limit`` caps the entries read. The entry's title, date and
    author fill what its page lacks; the feed's title is the source if the page names none.
    """
    feed_title = feed.feed.get("title")
    done: set[str] = set()
    count = 0
    for index, entry in enumerate(feed.entries, start=1):
        if limit is not None and count >= limit:
            return
        link = (entry.get("link") or "").strip()
        published = _entry_date(entry)
        if link in seen or link in done or (since and published and published < since):
            continue
        count += 1
        if not link:
            yield _skip(f"{origin}#{index}", Rejected(RejectReason.MALFORMED, "entry has no link"))
            continue
        done.add(link)
        hints = PageHints(url=link, title=entry.get("title"), published=published,
                          author=entry.get("author"), source=feed_title)
        try:
            yield article_from_response(fetcher.get(link), hints=hints, meta=meta)
        except Rejected as rej:
            yield _skip(link, rej)


def read_feed(
    source: str | Path,
    fetcher: Fetcher,
    *,
    meta: Metadata | None = None,
    seen: Container[str] = frozenset(),
    since: dt.date | None = None,
    limit: int | None = None,
) -> Iterator[Article | Skipped]:
    """Every entry of an RSS/Atom feed, given as an http(s) URL or a local file.

    A feed that cannot be fetched, read or parsed is one skip record; each entry's page is
    fetched only when the generator reaches it (see :func:`feed_articles`).
    """
    origin = str(source)
    try:
        if is_url(source):
            fetched = fetcher.get(str(source))
            data, base, media_type = fetched.body, fetched.final_url, fetched.media_type
        else:
            data = read_input_file(Path(source), max_bytes=fetcher.policy.max_bytes)
            if isinstance(data, Skipped):
                yield data
                return
            base, media_type = None, ""
        feed = parse_feed(data, base_url=base, media_type=media_type)
        if feed is None:
            raise Rejected(RejectReason.MALFORMED, "not an RSS or Atom feed")
    except Rejected as rej:
        yield _skip(origin, rej)
        return
    yield from feed_articles(feed, fetcher, origin=origin, meta=meta, seen=seen, since=since,
                             limit=limit)


def read_url(
    url: str,
    fetcher: Fetcher,
    *,
    meta: Metadata | None = None,
    seen: Container[str] = frozenset(),
    since: dt.date | None = None,
    limit: int | None = None,
) -> Iterator[Article | Skipped]:
    """The article(s) at an http(s) URL: a feed's entries if it parses as a feed, else a page.

    An HTML answer is a page; an XML one that is not a feed is malformed.
    """
    try:
        fetched = fetcher.get(url)
        feed = None if fetched.media_type in HTML_MEDIA_TYPES else \
            parse_feed(fetched.body, base_url=fetched.final_url, media_type=fetched.media_type)
        if feed is None and fetched.media_type in _XML_MEDIA_TYPES:
            raise Rejected(RejectReason.MALFORMED, "XML that is not an RSS or Atom feed")
        if feed is None:
            yield article_from_response(fetched, meta=meta)
            return
    except Rejected as rej:
        yield _skip(url, rej)
        return
    yield from feed_articles(feed, fetcher, origin=url, meta=meta, seen=seen, since=since,
                             limit=limit)
