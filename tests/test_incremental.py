"""Incremental state: conditional GETs from url_state, 304 → no re-parse, and Retry-After."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.crawl.politeness import RetryAfterMiddleware, retry_after_seconds
from tests.ops_support import crawl, mirror, rows, runs


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Crawl zakon_kz, then crawl it again re-requesting every stored article (refresh mode)."""
    db = tmp_path_factory.mktemp("incremental") / "kznews.db"
    with mirror() as server:
        # KZNEWS_CATCH_UP: walk every listing page, so the first run stores every article the site offers
        crawl(db, server.base_url, "zakon_kz", settings={"KZNEWS_CATCH_UP": 1})
        before = dict(server.hits)
        pages_before = rows(db, "SELECT count(*) AS n FROM pages")[0]["n"]
        revisions_before = rows(db, "SELECT id, revision, last_seen_at FROM articles ORDER BY id")
        crawl(db, server.base_url, "zakon_kz", settings={"KZNEWS_REFETCH_KNOWN": 1})
        after = dict(server.hits)
    return {
        "db": db,
        "before": before,
        "after": after,
        "pages_before": pages_before,
        "revisions_before": revisions_before,
    }


def test_url_state_records_validators(refreshed: dict) -> None:
    db = refreshed["db"]
    articles = rows(db, "SELECT url FROM articles WHERE site = 'zakon_kz'")
    state = {r["url"]: r for r in rows(db, "SELECT * FROM url_state")}
    assert articles and all(a["url"] in state for a in articles)
    for article in articles:
        row = state[article["url"]]
        assert row["etag"] and row["last_modified"] and len(row["content_hash"]) == 64
        assert row["fetch_count"] == 2 and row["not_modified_count"] == 1 and row["last_status"] == 304


def test_conditional_get_304_costs_no_reparse(refreshed: dict) -> None:
    db = refreshed["db"]
    first, second = runs(db, "zakon_kz")
    stored = len(refreshed["revisions_before"])
    assert second["args"].get("refresh") is True
    # every stored article was requested again, answered 304, and never parsed or stored again
    assert second["not_modified"] == stored
    assert second["responses_by_status"].get("304") == stored
    assert second["items_new"] == second["items_updated"] == second["items_unchanged"] == 0
    assert second["stats"].get("kznews/archive/pages") is None
    assert rows(db, "SELECT count(*) AS n FROM pages")[0]["n"] == refreshed["pages_before"]
    assert (
        rows(db, "SELECT id, revision, last_seen_at FROM articles ORDER BY id")
        == refreshed["revisions_before"]
    )
    # the mirror server saw each article URL exactly twice (one 200, one 304)
    article_urls = [r["url"].replace("https://", "http://", 1) for r in rows(db, "SELECT url FROM articles")]
    for url in article_urls:
        assert refreshed["before"].get(url) == 1 and refreshed["after"].get(url) == 2, url


def test_no_304_for_a_page_whose_article_is_not_stored(refreshed: dict, tmp_path: Path) -> None:
    """A crash between download and store leaves url_state without the article: the next fetch is a
    full GET, so a 304 can never hide an article we do not have."""
    import shutil
    import sqlite3

    db = tmp_path / "kznews.db"
    shutil.copy(refreshed["db"], db)
    conn = sqlite3.connect(db)
    url, article_id = conn.execute(
        "SELECT url, id FROM articles WHERE site = 'zakon_kz' ORDER BY id LIMIT 1"
    ).fetchone()
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    conn.commit()
    conn.close()
    with mirror() as server:
        crawl(db, server.base_url, "zakon_kz", settings={"KZNEWS_REFETCH_KNOWN": 1})
    last = runs(db, "zakon_kz")[-1]
    assert last["items_new"] == 1
    assert last["not_modified"] == len(refreshed["revisions_before"]) - 1
    assert rows(db, "SELECT count(*) AS n FROM articles WHERE id = ?", (article_id,))[0]["n"] == 1
    assert rows(db, "SELECT fetch_count FROM url_state WHERE url = ?", (url,))[0]["fetch_count"] == 3


# --- Retry-After ------------------------------------------------------------------------------------


def test_retry_after_values() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now) == 90.0
    assert retry_after_seconds("Sun, 01 Mar 2026 11:00:00 GMT", now=now) == 0.0  # in the past: retry now
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None


def _middleware(cap: float) -> RetryAfterMiddleware:
    crawler = get_crawler(Spider, {"KZNEWS_RETRY_AFTER_MAX": cap, "RETRY_TIMES": 2})
    crawler.spider = Spider.from_crawler(crawler, "example")
    return RetryAfterMiddleware.from_crawler(crawler)


def test_429_retry_waits_for_retry_after() -> None:
    mw = _middleware(cap=5)
    request = Request("https://www.zakon.kz/1-a.html")
    response = Response(request.url, status=429, headers={"Retry-After": "1"}, request=request)
    started = time.monotonic()
    result = asyncio.run(mw.process_response(request, response))
    assert isinstance(result, Request) and result.meta["retry_times"] == 1
    assert time.monotonic() - started >= 0.95
    assert mw.crawler.stats.get_value("kznews/politeness/retry_after") == 1


def test_retry_after_beyond_the_cap_gives_up_at_once() -> None:
    mw = _middleware(cap=5)
    request = Request("https://www.zakon.kz/1-a.html")
    response = Response(request.url, status=503, headers={"Retry-After": "3600"}, request=request)
    started = time.monotonic()
    result = asyncio.run(mw.process_response(request, response))
    assert result is response and time.monotonic() - started < 0.5
    assert mw.crawler.stats.get_value("kznews/politeness/retry_after_too_long") == 1


def test_503_without_retry_after_is_retried_as_before() -> None:
    mw = _middleware(cap=5)
    request = Request("https://www.zakon.kz/1-a.html")
    result = asyncio.run(mw.process_response(request, Response(request.url, status=503, request=request)))
    assert isinstance(result, Request) and result.meta["retry_times"] == 1
