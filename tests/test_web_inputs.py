"""Web inputs: HTML pages, RSS/Atom feeds fetched from a real local HTTP server, WARC
archives, and the source registry. Nothing is mocked and nothing reaches the internet."""

from __future__ import annotations

import datetime as dt
import io
import socket
from collections.abc import Iterator
from dataclasses import replace
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.articles import Article, Metadata, Skipped, read_paths
from pipeline.errors import RegistryError, RejectReason
from pipeline.pages import article_from_html
from pipeline.registry import FeedSource, FolderSource, load_registry
from pipeline.web import Fetcher, FetchPolicy, check_url, read_feed
from tests.conftest import REPO
from tests.httpserver import FixtureServer, Reply

STORY = [
    "The Italian government has predicted that some 400,000 people could reach its shores "
    "this year, more than four times the number of the previous twelve months.",
    "Police said the number of small boats crossing the Channel had fallen by a quarter "
    "compared with the same period last year, according to figures published on Monday.",
]
POLICY = FetchPolicy(connect_timeout=0.5, read_timeout=0.5, total_timeout=10, max_bytes=200_000,
                     max_redirects=3, attempts=2, backoff=0.01, trust_env=False)


def page(title: str | None = "Police bid to stop migrants", paragraphs: list[str] = STORY, *,
         date: str | None = None, author: str | None = None, site: str | None = None,
         charset: str | None = "utf-8") -> str:
    """A news page: <title>, <h1>, paragraphs in an <article>, optional metadata."""
    head = [f'<meta charset="{charset}">' if charset else ""]
    head.append(f"<title>{title}</title>" if title else "")
    head.append(f'<meta name="author" content="{author}">' if author else "")
    head.append(f'<meta property="og:site_name" content="{site}">' if site else "")
    head.append(f'<meta property="article:published_time" content="{date}">' if date else "")
    body = (f"<h1>{title}</h1>" if title else "") + "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head>{''.join(head)}</head>"
            f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>")


def rss(entries: list[dict[str, str]], title: str = "Example News") -> bytes:
    """An RSS 2.0 feed of ``{link, title, date}`` entries (``date`` an ISO date)."""
    items = []
    for e in entries:
        date = ""
        if e.get("date"):
            when = dt.datetime.fromisoformat(e["date"]).replace(hour=12, tzinfo=dt.UTC)
            date = f"<pubDate>{format_datetime(when)}</pubDate>"
        items.append(f"<item><title>{escape(e.get('title', 'Entry'))}</title>"
                     f"<link>{escape(e['link'])}</link>{date}</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.org/</link>"
            f"{''.join(items)}</channel></rss>").encode()


FEED_TYPE = "application/rss+xml"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as s:
        yield s


def by_origin(items: list[Article | Skipped]) -> dict[str, Article | Skipped]:
    return {i.origin: i for i in items}


def reason(item: Article | Skipped) -> RejectReason | str:
    return item.reason if isinstance(item, Skipped) else "ok"


# --- reasons -------------------------------------------------------------------------


def test_transient_reasons_are_the_network_failures() -> None:
    assert {r for r in RejectReason if r.transient} == {
        RejectReason.TIMEOUT, RejectReason.FETCH_FAILED, RejectReason.SERVER_ERROR}
    assert not RejectReason.HTTP_ERROR.transient
    assert not RejectReason.UNSAFE_URL.transient


@pytest.mark.parametrize(("url", "why"), [
    ("file:///etc/passwd", RejectReason.UNSAFE_URL),
    ("ftp://127.0.0.1/x", RejectReason.UNSAFE_URL),
    ("javascript:alert(1)", RejectReason.UNSAFE_URL),
    ("/relative/story", RejectReason.MALFORMED),
    ("http:///no-host", RejectReason.MALFORMED),
])
def test_only_absolute_http_urls_pass(url: str, why: RejectReason) -> None:
    with pytest.raises(Exception) as info:
        check_url(url)
    assert info.value.reason is why
    assert check_url("https://example.org/a?b=1") == "https://example.org/a?b=1"


# --- HTML pages ----------------------------------------------------------------------


def test_html_page_body_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(page(date="2023-04-24T10:00:00Z", author="Jane Smith", site="Example News"))
    (article,) = read_paths([path])
    assert isinstance(article, Article)
    assert article.title == "Police bid to stop migrants"
    assert (article.published, article.author, article.source) == (
        dt.date(2023, 4, 24), "Jane Smith", "Example News")
    assert [p.kind for p in article.paragraphs] == ["headline", "body", "body"]  # <h1> not kept
    assert [p.text for p in article.paragraphs[1:]] == STORY
    assert "Home" not in article.text  # navigation is not body text


def test_html_flags_and_sidecar_override_the_page(tmp_path: Path) -> None:
    path = tmp_path / "story.htm"
    path.write_text(page(date="2023-04-24", site="Example News"))
    (tmp_path / "story.meta.json").write_text('{"url": "https://example.org/story"}')
    (article,) = read_paths([path], Metadata(source="Wire copy"))
    assert (article.source, article.url, article.published) == (
        "Wire copy", "https://example.org/story", dt.date(2023, 4, 24))


def test_bad_html_is_skipped_with_its_reason_and_neighbours_read(tmp_path: Path) -> None:
    (tmp_path / "a_good.html").write_text(page())
    (tmp_path / "b_no_body.html").write_text("<html><head><title>Nothing</title></head></html>")
    (tmp_path / "c_deep.html").write_text(
        "<html><body>" + "<div>" * 10_000 + f"<p>{STORY[0]}</p>" + "</div>" * 10_000
        + "</body></html>")
    (tmp_path / "d_not_html.html").write_text("<<<>>><</<> just some noise")
    (tmp_path / "e_empty.htm").write_bytes(b"")
    (tmp_path / "f_binary.html").write_bytes(bytes(range(1, 32)) * 50)
    (tmp_path / "g_french.html").write_text(page("Migrants", [
        "Le gouvernement italien a prédit que quelque 400 000 personnes pourraient atteindre "
        "ses côtes cette année, soit plus de quatre fois plus que les douze mois précédents."]))
    (tmp_path / "h_unclosed_tags.html").write_text(
        f"<html><body><div><p>{STORY[0]}<p><b>{STORY[1]}</i></span></div></div><p>")
    items = {Path(i.origin).name: i for i in read_paths([tmp_path])}
    assert {name: reason(i) for name, i in items.items()} == {
        "a_good.html": "ok", "b_no_body.html": RejectReason.NO_TEXT,
        "c_deep.html": RejectReason.MALFORMED, "d_not_html.html": RejectReason.MALFORMED,
        "e_empty.htm": RejectReason.EMPTY, "f_binary.html": RejectReason.BINARY,
        "g_french.html": RejectReason.NOT_ENGLISH, "h_unclosed_tags.html": "ok",
    }
    assert "nested too deeply" in items["c_deep.html"].detail
    assert [p.text for p in items["h_unclosed_tags.html"].paragraphs] == STORY  # recovered


@pytest.mark.parametrize(("charset", "codec"), [
    ("iso-8859-1", "latin-1"), ("utf-16", "utf-16"), ("windows-1252", "cp1252")])
def test_encoded_pages_are_decoded_by_their_charset(
        tmp_path: Path, charset: str, codec: str) -> None:
    text = "Café owners in Saint-Étienne said the naïve plan would cost 480,000 francs."
    path = tmp_path / "page.html"
    path.write_bytes(page("Café crème", [text, STORY[0]], charset=charset).encode(codec))
    (article,) = read_paths([path])
    assert isinstance(article, Article), article
    assert article.title == "Café crème"
    assert article.paragraphs[1].text == text


def test_http_charset_header_decodes_a_page_without_bom(server: FixtureServer) -> None:
    text = "Café owners in Saint-Étienne said the naïve plan would cost 480,000 francs."
    utf16 = server.route("/utf16", Reply(body=page(charset=None, paragraphs=[text, *STORY])
                                         .encode("utf-16-le"),
                                         content_type="text/html; charset=utf-16le"))
    latin1 = server.route("/latin1", Reply(body=page(charset=None, paragraphs=[text, *STORY])
                                           .encode("latin-1"),
                                           content_type="text/html; charset=ISO-8859-1"))
    items = by_origin(list(read_paths([utf16, latin1], fetch=POLICY)))
    for url in (utf16, latin1):
        assert isinstance(items[url], Article), items[url]
        assert items[url].paragraphs[1].text == text
        assert items[url].url == url
        assert items[url].source == url.split("/")[2]  # the host, when the page names no site


def test_page_max_bytes() -> None:
    with pytest.raises(Exception) as info:
        article_from_html(page().encode(), "x", max_bytes=100)
    assert info.value.reason is RejectReason.TOO_LARGE


# --- fetching and feeds --------------------------------------------------------------


def test_feed_entries_each_get_their_reason_and_good_ones_are_read(
        server: FixtureServer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret text that must never be read.")
    good = server.route("/good", Reply(body=page(None, date=None).encode()))
    missing = server.url("/missing")
    slow = server.route("/slow", Reply(hang=True))
    loop = server.route("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    server.route("/loop-b", Reply(302, headers={"Location": "/loop-a"}))
    to_file = server.route("/to-file", Reply(302, headers={"Location": secret.as_uri()}))
    flaky = server.route("/flaky", [Reply(503), Reply(body=page("Flaky but fine").encode())])
    limited = server.route("/limited", [Reply(429), Reply(body=page("Rate limited").encode())])
    broken = server.route("/broken", Reply(500))
    huge = server.route("/huge", Reply(body=b"<html><body><p>", stream_bytes=1_000_000))
    declared = server.route("/declared", Reply(body=b"x" * 300_000))
    pdf = server.route("/pdf", Reply(body=b"%PDF-1.4", content_type="application/pdf"))
    links = [good, missing, slow, loop, to_file, secret.as_uri(), "ftp://127.0.0.1/story",
             "javascript:alert(1)", flaky, limited, broken, huge, declared, pdf]
    feed = server.route("/feed.xml", Reply(
        body=rss([{"link": link, "title": f"Entry {i}", "date": "2023-04-24"}
                  for i, link in enumerate(links)]), content_type=FEED_TYPE))
    listed = list(read_paths([feed], fetch=POLICY))  # one record per entry, in feed order
    assert [reason(i) for i in listed] == [
        "ok", RejectReason.HTTP_ERROR, RejectReason.TIMEOUT, RejectReason.TOO_MANY_REDIRECTS,
        RejectReason.UNSAFE_URL, RejectReason.UNSAFE_URL, RejectReason.UNSAFE_URL,
        RejectReason.UNSAFE_URL, "ok", "ok", RejectReason.SERVER_ERROR, RejectReason.TOO_LARGE,
        RejectReason.TOO_LARGE, RejectReason.UNSUPPORTED,
    ]
    assert listed[5].origin.startswith("file:") and listed[6].origin.startswith("ftp:")
    items = dict(zip(links, listed, strict=True))
    # the page has no title or date: the entry's fill them; the feed names the source
    assert (items[good].title, items[good].published, items[good].source, items[good].url) == (
        "Entry 0", dt.date(2023, 4, 24), "Example News", good)
    assert not any("Top secret" in getattr(i, "text", "") for i in listed)
    # retried: network failures, 5xx, 429; not retried: 404, redirects, refusals
    assert server.hits["/missing"] == 1
    assert (server.hits["/flaky"], server.hits["/limited"]) == (2, 2)
    assert (server.hits["/broken"], server.hits["/slow"]) == (POLICY.attempts, POLICY.attempts)
    assert server.hits["/to-file"] == 1
    assert server.hits["/loop-a"] + server.hits["/loop-b"] == POLICY.max_redirects + 1
    assert [link for link in links if isinstance(items[link], Skipped)
            and items[link].reason.transient] == [slow, broken]
    assert "2 attempts" in items[broken].detail


def test_connection_refused_is_a_transient_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    (item,) = read_paths([url], fetch=POLICY)
    assert item.reason is RejectReason.FETCH_FAILED and item.reason.transient
    assert item.origin == url


def test_a_redirect_is_followed_and_the_asked_url_kept(server: FixtureServer) -> None:
    server.route("/new", Reply(body=page(date="2023-04-24").encode()))
    old = server.route("/old", Reply(301, headers={"Location": "/new"}))
    (article,) = read_paths([old], fetch=POLICY)
    assert isinstance(article, Article)
    assert (article.url, article.published) == (old, dt.date(2023, 4, 24))


def test_big_feed_streams_entries_lazily_with_a_limit(server: FixtureServer) -> None:
    server.prefix("/story/", lambda path: Reply(body=page(f"Story {path[7:]}").encode()))
    feed = server.route("/big.xml", Reply(body=rss(
        [{"link": server.url(f"/story/{i}"), "title": f"Story {i}"} for i in range(3000)]),
        content_type=FEED_TYPE))

    def stories() -> int:
        return sum(n for p, n in server.hits.items() if p.startswith("/story/"))

    with Fetcher(replace(POLICY, max_bytes=1_000_000)) as fetcher:  # the feed is ~300 KB
        entries = read_feed(feed, fetcher, limit=5)
        first = next(entries)
        assert first.title == "Story 0"
        assert stories() == 1  # pages are fetched as the generator reaches them
        rest = list(entries)
    assert [a.title for a in rest] == [f"Story {i}" for i in range(1, 5)]
    assert stories() == 5


def test_seen_urls_and_since_make_runs_incremental(server: FixtureServer) -> None:
    server.prefix("/story/", lambda path: Reply(body=page(f"Story {path[7:]}").encode()))
    dates = ["2023-04-20", "2023-04-22", "2023-04-24", "2023-04-26", None]
    links = [server.url(f"/story/{i}") for i in range(len(dates))]
    feed = server.route("/feed.xml", Reply(body=rss(
        [{"link": link, "title": f"Story {i}", "date": d or ""}
         for i, (link, d) in enumerate(zip(links, dates, strict=True))]),
        content_type=FEED_TYPE))
    items = list(read_paths([feed], fetch=POLICY, seen={links[3]}, since=dt.date(2023, 4, 22)))
    assert [i.url for i in items] == [links[1], links[2], links[4]]  # undated entries kept
    assert {p for p in server.hits if p.startswith("/story/")} == {
        "/story/1", "/story/2", "/story/4"}


def test_local_feed_files_and_bad_feeds(server: FixtureServer, tmp_path: Path) -> None:
    good = server.route("/good", Reply(body=page().encode()))
    (tmp_path / "a.rss").write_bytes(rss([
        {"link": good}, {"link": "ftp://127.0.0.1/x"}, {"link": "/relative"}]))
    (tmp_path / "b_broken.xml").write_bytes(b"<?xml version='1.0'?><nothing-like-a-feed/>")
    (tmp_path / "c_empty.atom").write_bytes(b"")
    not_feed = server.route("/data.xml", Reply(body=b"<?xml version='1.0'?><data>1</data>",
                                               content_type="application/xml"))
    items = by_origin(list(read_paths([tmp_path, not_feed], fetch=POLICY)))
    assert {Path(k).name if "://" not in k else k: reason(v) for k, v in items.items()} == {
        good: "ok", "ftp://127.0.0.1/x": RejectReason.UNSAFE_URL,
        "relative": RejectReason.MALFORMED, "b_broken.xml": RejectReason.MALFORMED,
        "c_empty.atom": RejectReason.MALFORMED, not_feed: RejectReason.MALFORMED,
    }
    assert server.hits["/data.xml"] == 1  # a parse error is not retried


def test_feed_fetch_failure_is_one_skip(server: FixtureServer) -> None:
    feed = server.route("/gone.xml", Reply(410))
    (item,) = read_paths([feed], fetch=POLICY)
    assert (item.origin, item.reason) == (feed, RejectReason.HTTP_ERROR)


# --- WARC ----------------------------------------------------------------------------


def write_warc(path: Path, *, gzip: bool) -> list[str]:
    """A WARC of two HTML responses around an image response and a request record."""
    ok = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                          protocol="HTTP/1.1")
    png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example.org")],
                               is_http_request=True)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        records = [
            ("http://example.org/a", "response", page("First story").encode(), ok,
             "2023-04-24T08:00:00Z"),
            ("http://example.org/a", "request", b"", request, "2023-04-24T08:00:00Z"),
            ("http://example.org/logo.png", "response", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
             png, "2023-04-24T08:00:01Z"),
            ("http://example.org/b", "response",
             page("Second story", date="2023-01-02").encode(), ok, "2023-04-24T08:00:02Z"),
        ]
        for uri, kind, payload, headers, date in records:
            writer.write_record(writer.create_warc_record(
                uri, kind, payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": date}))
    return [r[0] for r in records]


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    items = list(read_paths([path]))
    assert all(isinstance(i, Article) for i in items), items
    assert [(a.url, a.title, a.published) for a in items] == [
        ("http://example.org/a", "First story", dt.date(2023, 4, 24)),  # from WARC-Date
        ("http://example.org/b", "Second story", dt.date(2023, 1, 2)),  # from the page
    ]
    assert items[0].origin == f"{path}#0"


@pytest.mark.parametrize("gzip", [False, True])
def test_truncated_warc_keeps_what_came_before(tmp_path: Path, gzip: bool) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip=gzip)
    data = whole.read_bytes()
    whole.unlink()
    (tmp_path / "a_cut.warc.gz" if gzip else tmp_path / "a_cut.warc").write_bytes(
        data[:len(data) - 200])
    (tmp_path / "b_garbage.warc").write_bytes(b"this is not an archive\r\n\r\n" * 3)
    (tmp_path / "c_good.txt").write_text("Headline\n\nSome body.\n")
    items = list(read_paths([tmp_path]))
    assert [(Path(i.origin.split("#")[0]).name, reason(i)) for i in items] == [
        (f"a_cut.warc{'.gz' if gzip else ''}", "ok"),
        (f"a_cut.warc{'.gz' if gzip else ''}", RejectReason.MALFORMED),
        ("b_garbage.warc", RejectReason.MALFORMED),
        ("c_good.txt", "ok"),
    ]
    assert items[0].url == "http://example.org/a"
    assert "truncated" in items[1].detail


# --- registry ------------------------------------------------------------------------


def test_registry_loads_feeds_folders_and_schedule(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "sources.toml"
    path.parent.mkdir()
    path.write_text("""
schedule = "0 * * * *"
[[feeds]]
url = "https://example.org/rss.xml"
outlet = "Example News"
[[folders]]
path = "drop"
outlet = "Wire copy"
[[folders]]
path = "/data/archive"
outlet = "Archive"
""")
    registry = load_registry(path)
    assert registry.schedule == "0 * * * *"
    assert registry.feeds == (FeedSource("https://example.org/rss.xml", "Example News"),)
    assert registry.folders == (FolderSource(tmp_path / "conf" / "drop", "Wire copy"),
                                FolderSource(Path("/data/archive"), "Archive"))
    with pytest.raises(AttributeError):
        registry.schedule = "never"  # type: ignore[misc]


def test_shipped_example_registry_is_valid() -> None:
    registry = load_registry(REPO / "corpus" / "sources.example.toml")
    assert registry.feeds and registry.folders and registry.schedule


@pytest.mark.parametrize(("text", "message"), [
    ("schedule = ", "not valid TOML"),
    ("[[feeds]]\noutlet = 'X'", "'url' is required"),
    ("[[feeds]]\nurl = 'ftp://example.org/rss'\noutlet = 'X'", "only http and https"),
    ("[[feeds]]\nurl = 'https://example.org/rss'", "'outlet' is required"),
    ("[[folders]]\npath = 'drop'\noutlet = 'X'\nlimt = 3", "unknown key(s) limt"),
    ("folders = 'drop'", "array of tables"),
    ("schedule = 'every hour'", "bad cron schedule"),
    ("feed = []", "unknown key(s) feed"),
])
def test_bad_registry_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(RegistryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_registry(path)


def test_missing_registry_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "nowhere.toml")
