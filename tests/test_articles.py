"""Readers: the seed's plain-text format, sidecars, JSONL, and the bad-input guards."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.articles import (
    Article,
    Metadata,
    Paragraph,
    Skipped,
    decode,
    input_kind,
    parse_plain_text,
    read_paths,
)
from pipeline.errors import Rejected, RejectReason
from tests.conftest import SEED


def read_one(path: Path, **kwargs) -> Article | Skipped:
    (item,) = list(read_paths([path], **kwargs))
    return item


def test_seed_structure() -> None:
    article = read_one(SEED)
    assert isinstance(article, Article)
    kinds = [p.kind for p in article.paragraphs]
    assert kinds[:4] == ["headline", "standfirst", "bullet", "bullet"]
    assert set(kinds[4:]) == {"body"}
    assert article.title.startswith("British police bid to")
    assert article.paragraphs[2].text.startswith("Italy predicts up to 400,000")  # no bullet
    assert "•" not in article.text


def test_seed_footer_names_the_source_and_is_not_body() -> None:
    article = read_one(SEED)
    assert article.source == "DailyMail.co.uk"
    assert "Read more" not in article.text
    assert "***" not in article.text
    assert article.paragraphs[-1].text.startswith("Mr Sunak is hoping")


def test_seed_repeated_quote_is_stored_once_with_its_count() -> None:
    article = read_one(SEED)
    quotes = [p for p in article.paragraphs if "taking the fight to the people-smuggling" in p.text]
    assert len(quotes) == 1
    assert quotes[0].repeats == 3


def test_sidecar_gives_date_and_flags_override_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nBody text here.\n")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2023-04-24", "url": "u"}))
    assert read_one(path).published == dt.date(2023, 4, 24)
    flagged = read_one(path, meta=Metadata(published=dt.date(2020, 1, 1), source="X"))
    assert flagged.published == dt.date(2020, 1, 1)
    assert (flagged.source, flagged.url) == ("X", "u")


def test_article_without_date_has_none(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nBody text here.\n")
    assert read_one(path).published is None


def test_paragraph_spans_index_the_text() -> None:
    article = read_one(SEED)
    for paragraph, (start, end) in zip(article.paragraphs, article.paragraph_spans(), strict=True):
        assert article.text[start:end] == paragraph.text


def test_content_hash_ignores_metadata(tmp_path: Path) -> None:
    a = read_one(SEED)
    b = read_one(SEED, meta=Metadata(source="elsewhere"))
    assert a.content_sha256 == b.content_sha256


def test_jsonl_good_and_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    good = {"id": "x1", "title": "T", "text": "One.\n\nTwo.", "published": "2016-05-30",
            "source": "s.com", "url": "http://s.com/1"}
    path.write_text("\n".join([
        json.dumps(good), "{not json", json.dumps([1, 2]),
        json.dumps({**good, "id": "x2", "text": ""}),
        json.dumps({**good, "id": "x3", "published": "yesterday"}),
        json.dumps({**good, "id": "x4", "text": "Other."}),
    ]) + "\n")
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == [
        "Article", "Skipped", "Skipped", "Skipped", "Skipped", "Article"]
    first = items[0]
    assert [p.text for p in first.paragraphs] == ["T", "One.", "Two."]
    assert (first.external_id, first.published, first.source) == (
        "x1", dt.date(2016, 5, 30), "s.com")
    assert [i.reason for i in items[1:5]] == [
        RejectReason.MALFORMED, RejectReason.MALFORMED, RejectReason.EMPTY,
        RejectReason.MALFORMED]
    assert items[1].origin.endswith("dump.jsonl#2")


def test_jsonl_limit(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps({"text": f"Article {i}."}) + "\n" for i in range(5)))
    assert len(list(read_paths([path], limit=2))) == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", RejectReason.EMPTY),
        (b"  \n\n \t", RejectReason.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", RejectReason.BINARY),
        ("Caf\u00e9 au lait".encode("latin-1"), RejectReason.BAD_ENCODING),
        (b"x" * 101, RejectReason.TOO_LARGE),
        (bytes(range(1, 31)) * 3, RejectReason.BINARY),
    ],
)
def test_decode_refuses_bad_input(data: bytes, reason: RejectReason) -> None:
    with pytest.raises(Rejected) as info:
        decode(data, max_bytes=100)
    assert info.value.reason is reason


def test_decode_reads_utf16_and_bom() -> None:
    assert decode("Héllo".encode("utf-16"), max_bytes=100) == "Héllo"
    assert decode("\ufeffHéllo".encode(), max_bytes=100) == "Héllo"


def test_bad_files_are_skipped_and_good_neighbours_read(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "c_good.txt").write_text("Headline\n\nSome body.\n")
    (tmp_path / "d_huge.txt").write_bytes(b"word " * 2000)
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"], max_bytes=5000))
    outcome = {Path(i.origin).name: getattr(i, "reason", "ok") for i in items}
    assert outcome == {
        "a_empty.txt": RejectReason.EMPTY, "b_binary.txt": RejectReason.BINARY,
        "c_good.txt": "ok", "d_huge.txt": RejectReason.TOO_LARGE,
        "missing.txt": RejectReason.UNREADABLE,
    }


def test_footer_only_article_is_skipped() -> None:
    paragraphs, source = parse_plain_text("***\nRead more at Example.com")
    assert paragraphs == []
    assert source == "Example.com"


FRENCH = ("Le gouvernement italien a prédit que quelque 400 000 personnes pourraient atteindre "
          "ses côtes cette année, soit plus de quatre fois plus que les douze mois précédents.")
GERMAN = ("Die italienische Regierung rechnet damit, dass in diesem Jahr bis zu 400.000 Menschen "
          "ihre Küsten erreichen könnten, mehr als viermal so viele wie im Vorjahr.")


def test_non_english_articles_are_skipped_and_neighbours_read(tmp_path: Path) -> None:
    (tmp_path / "a_fr.txt").write_text(f"Migrants en Italie\n\n{FRENCH}\n")
    (tmp_path / "b_en.txt").write_text("Police bid\n\nPolice said two people were shot.\n")
    (tmp_path / "c.jsonl").write_text(json.dumps({"title": "Migranten", "text": GERMAN}) + "\n")
    items = {Path(i.origin.split("#")[0]).name: i for i in read_paths([tmp_path])}
    assert items["a_fr.txt"].reason is RejectReason.NOT_ENGLISH
    assert "'fr'" in items["a_fr.txt"].detail
    assert items["c.jsonl"].reason is RejectReason.NOT_ENGLISH
    assert isinstance(items["b_en.txt"], Article)


def test_real_english_news_is_not_refused() -> None:
    from tests.conftest import SHARED

    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    refused = [i for i in read_paths([SHARED / "corpus" / "gva_articles.jsonl"], limit=600)
               if isinstance(i, Skipped) and i.reason is RejectReason.NOT_ENGLISH]
    assert refused == []


def test_author_is_optional_and_last() -> None:
    article = Article("o", (Paragraph("body", "Text."),), "T", None, "s", "u", "id")
    assert (article.external_id, article.author) == ("id", None)
    assert Article("o", (), author="Jane Smith").author == "Jane Smith"


@pytest.mark.parametrize(("name", "kind"), [
    ("a.txt", "text"), ("a.JSONL", "jsonl"), ("a.html", "html"), ("a.htm", "html"),
    ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.xml", "feed"), ("a.rss", "feed"),
    ("a.atom", "feed"), ("a.gz", None), ("a.meta.json", None), ("sources.toml", None),
])
def test_input_kind_by_file_name(name: str, kind: str | None) -> None:
    assert input_kind(Path(name)) == kind
