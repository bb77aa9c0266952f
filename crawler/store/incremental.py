"""Incremental state in SQLite: per-URL validators, conditional GETs, and the refresh mode.

`url_state` keeps, per fetched article URL, the validators the server sent (ETag, Last-Modified),
the last fetch and its status, the sha256 of the body and a fetch count — in the same database as the
articles, so it is backed up, copied and crash-safe with them (unlike DeltaFetch's dbm or JOBDIR).

`IncrementalMiddleware` (a downloader middleware, after decompression and redirects):
- adds If-None-Match / If-Modified-Since to article requests (meta `kznews_archive`) whose URL has
  validators **and whose article is stored**: a page fetched but never stored (a crash between the
  download and the store transaction, or a rejected page) is fetched in full again, so a 304 can never
  hide an article we do not have;
- on a 304 to such a request it raises IgnoreRequest: the page is not parsed, archived or stored
  again (the stored article stands), and the stat `kznews/incremental/not_modified` counts it.
  IgnoreRequest rather than a response the spider skips: no spider has to know about 304s, and
  Scrapy drops an IgnoreRequest silently (no error log, no errback needed);
- after each 200 to an article request, upserts the URL's state, and keeps the request's own meta
  (e.g. the listing date of the card that linked the page) so `kznews reparse` sees what the spider saw.

It also
- counts the distinct article links a site offers in a run (`kznews/discovery/links`, the volume the
  health check compares);
- implements the refresh mode: with `-a refresh=1` or KZNEWS_REFETCH_KNOWN, stored articles count as
  not known, so listings are walked and every article is requested again — conditionally, so
  unchanged pages cost a 304 and no parse;
- catches up after a run that did not finish (kill -9, crash, early stop; or `-a catch_up=1` /
  KZNEWS_CATCH_UP): incremental runs stop paging at the first listing page with nothing new, which
  after an interrupted run would leave the articles behind that page unfetched for good; a catch-up
  run walks every listing to its end (KZNEWS_MAX_LISTING_PAGES).
Both wrap the spider's own `is_known` / `listing_continue` for one run (instance attributes), so
every spider gets them without knowing about them.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from typing import Any

import sqlite_utils
from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from crawler.store.articles import Store
from crawler.store.db import utcnow_iso
from crawler.urls import article_id, canonical_url

# Request meta keys that belong to Scrapy or its middlewares, not to the spider: not kept for reparse.
SCRAPY_META = {
    "depth",
    "download_slot",
    "download_latency",
    "download_timeout",
    "download_fail_on_dataloss",
    "download_maxsize",
    "download_warnsize",
    "retry_times",
    "redirect_times",
    "redirect_ttl",
    "redirect_urls",
    "redirect_reasons",
    "proxy",
    "cookiejar",
    "dont_merge_cookies",
    "dont_redirect",
    "dont_retry",
    "dont_cache",
    "dont_obey_robotstxt",
    "dont_filter",
    "handle_httpstatus_all",
    "handle_httpstatus_list",
    "bindaddress",
    "ftp_user",
    "ftp_password",
    "referrer_policy",
    "max_retry_times",
    "autothrottle_dont_adjust_delay",
    "page_id",
    "kznews_archive",
    "kznews_conditional",
    "is_start_request",
}


def spider_meta(request: Request) -> dict[str, Any]:
    """The meta a spider put on a request (JSON-safe), plus its cb_kwargs, as `parse_page` takes them."""
    kept: dict[str, Any] = {}
    for key, value in request.meta.items():
        if key in SCRAPY_META or key.startswith("_"):
            continue
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        kept[key] = value
    if request.cb_kwargs:
        try:
            json.dumps(request.cb_kwargs)
            kept["cb_kwargs"] = dict(request.cb_kwargs)
        except (TypeError, ValueError):
            pass
    return kept


def truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def previous_run_incomplete(db: sqlite_utils.Database, site: str) -> bool:
    """Whether the site's last run before this process did not finish normally (killed, crashed,
    stopped early): the next run then catches up (crawler/store/incremental.py) instead of trusting that the
    listings' known items mark where the last crawl got to."""
    if "crawl_runs" not in db.table_names():
        return False
    rows = db.execute(
        "SELECT finish_reason, pid, host FROM crawl_runs WHERE site = ? ORDER BY id DESC LIMIT 3", [site]
    ).fetchall()
    me, host = os.getpid(), socket.gethostname()
    for reason, pid, row_host in rows:
        if reason == "running" and pid == me and row_host == host:
            continue  # this very run
        return reason != "finished"
    return False


class IncrementalMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.refresh = crawler.settings.getbool("KZNEWS_REFETCH_KNOWN", False)
        self._discovered: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        if not crawler.settings.getbool("KZNEWS_INCREMENTAL", True):
            raise NotConfigured("KZNEWS_INCREMENTAL is off")
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    @property
    def db(self) -> sqlite_utils.Database:
        return Store.for_crawler(self.crawler).db

    # --- discovery count and refresh mode ---------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        original = getattr(spider, "is_known", None)
        if original is None:
            return
        refresh = self.refresh or truthy(getattr(spider, "refresh", ""))
        if refresh:
            self.stats.set_value("kznews/incremental/refresh", 1)

        def is_known(url: str) -> bool:
            key = canonical_url(url)
            if key not in self._discovered:
                self._discovered.add(key)
                self.stats.inc_value("kznews/discovery/links")
            return False if refresh else bool(original(url))

        # Every link a listing, sitemap or feed offers passes through is_known(): an instance attribute
        # wraps the spider's own method for this run only.
        spider.is_known = is_known

        # A refresh re-requests every stored article, so it walks every listing to its end as well.
        catch_up = (
            refresh
            or self.crawler.settings.getbool("KZNEWS_CATCH_UP", False)
            or truthy(getattr(spider, "catch_up", ""))
        )
        if not catch_up:
            catch_up = previous_run_incomplete(self.db, spider.name)
        listing_continue = getattr(spider, "listing_continue", None)
        if catch_up and listing_continue is not None:
            self.stats.set_value("kznews/incremental/catch_up", 1)

            def walk_on(**kwargs: Any) -> bool:
                # A listing page of known items does not mean the last crawl got past it: the last run
                # stopped early, so walk every listing to its end (or KZNEWS_MAX_LISTING_PAGES).
                if kwargs.get("links", 0) and not (kwargs.get("new", 0) and kwargs.get("oldest_new", True)):
                    kwargs["new"] = 1
                    kwargs["oldest_new"] = True
                    self.stats.inc_value("kznews/incremental/catch_up_pages")
                return bool(listing_continue(**kwargs))

            spider.listing_continue = walk_on

    # --- conditional GETs -------------------------------------------------------------------------

    def _stored(self, url: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE id = ?", [article_id(canonical_url(url))]
        ).fetchone()
        return row is not None

    def process_request(self, request: Request) -> None:
        if not request.meta.get("kznews_archive") or request.meta.get("kznews_conditional") is not None:
            return None
        row = self.db.execute(
            "SELECT etag, last_modified FROM url_state WHERE url = ?", [request.url]
        ).fetchone()
        conditional = False
        if row is not None and (row[0] or row[1]) and self._stored(request.url):
            if row[0] and b"If-None-Match" not in request.headers:
                request.headers[b"If-None-Match"] = row[0]
                conditional = True
            if row[1] and b"If-Modified-Since" not in request.headers:
                request.headers[b"If-Modified-Since"] = row[1]
                conditional = True
        request.meta["kznews_conditional"] = conditional
        if conditional:
            self.stats.inc_value("kznews/incremental/conditional")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if not request.meta.get("kznews_archive"):
            return response
        now = utcnow_iso()
        if response.status == 304 and request.meta.get("kznews_conditional"):
            Store.for_crawler(self.crawler).write(
                "UPDATE url_state SET last_fetched_at = ?, last_status = 304, fetch_count = fetch_count + 1,"
                " not_modified_count = not_modified_count + 1 WHERE url = ?",
                [now, request.url],
            )
            self.stats.inc_value("kznews/incremental/not_modified")
            raise IgnoreRequest(f"not modified since the stored fetch: {request.url}")
        if response.status == 200:
            etag = response.headers.get(b"ETag")
            last_modified = response.headers.get(b"Last-Modified")
            Store.for_crawler(self.crawler).write(
                "INSERT INTO url_state (url, etag, last_modified, last_fetched_at, last_status, content_hash,"
                " fetch_count, request_meta) VALUES (?, ?, ?, ?, 200, ?, 1, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
                " last_fetched_at = excluded.last_fetched_at, last_status = 200,"
                " content_hash = excluded.content_hash, fetch_count = url_state.fetch_count + 1,"
                " request_meta = excluded.request_meta",
                [
                    response.url,
                    etag.decode("latin-1") if etag else None,
                    last_modified.decode("latin-1") if last_modified else None,
                    now,
                    hashlib.sha256(response.body).hexdigest(),
                    json.dumps(spider_meta(request), ensure_ascii=False, sort_keys=True),
                ],
            )
            self.stats.inc_value("kznews/incremental/fetched")
        return response


def load_meta(db: sqlite_utils.Database, url: str) -> dict[str, Any]:
    """The spider meta recorded with the last 200 for URL ({} when none)."""
    if "url_state" not in db.table_names():
        return {}
    row = db.execute("SELECT request_meta FROM url_state WHERE url = ?", [url]).fetchone()
    return json.loads(row[0]) if row and row[0] else {}
