"""The after-crawl step: one function, `after_crawl`, that every way of storing articles ends with.

| front end                               | who calls `after_crawl`                                    |
|-----------------------------------------|------------------------------------------------------------|
| `scrapy crawl SITE`                     | `AfterCrawlExtension`, when the last engine of the process stops |
| `kznews crawl`, `demo`, `schedule` runs | the same extension (a forced stop skips it: `kznews crawl` then calls it) |
| `kznews ingest FILE`                    | the command, once the file is read                         |
| `kznews reparse`                        | the command, once the pages are re-parsed (not on --dry-run) |
| `kznews ingest --from-redis`            | the writer, after each drained burst                       |
| `kznews crawl --redis` (workers)        | nobody: workers store nothing; their writer does it        |

The step: sync the rules file, backfill rules never backfilled, rewrite every rule's feeds, attempt due
deliveries (crawler/alerts/). crawl_runs rows and the site health check belong to each spider run and are
written by `crawler.ops.runs.CrawlRunsExtension` at its close; the summary is each front end's own output of
what `after_crawl` returns. It runs at most once per database per process run (`already_done`), so a
front end that also calls it after the extension did (a `kznews crawl` that ends normally) does nothing twice.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

log = logging.getLogger(__name__)

# Databases whose after-crawl step already ran in this process, with what it returned.
_DONE: dict[str, dict[str, Any]] = {}


def _key(db_path: str) -> str:
    return os.path.realpath(db_path)


def already_done(db_path: str) -> dict[str, Any] | None:
    return _DONE.get(_key(db_path))


def new_run(db_path: str) -> None:
    """A new crawl into DB_PATH starts in this process (a benchmark or a test may run several): its
    after-crawl step is still to do."""
    _DONE.pop(_key(db_path), None)


def after_crawl(
    db_path: str,
    *,
    alerts_file: str | None = None,
    feeds_dir: str | None = None,
    deliver: bool = True,
    again: bool = False,
) -> dict[str, Any]:
    """Alerts, feeds and deliveries for DB_PATH; returns {"rules", "backfill", "feeds", "deliveries", ...}.

    A broken rules file or a failed delivery is reported in the result (and logged), never raised: the
    articles are stored whatever happens here. `again` runs it even if it already ran in this process
    (`kznews ingest --from-redis` runs it after every burst).

    The step: sync the rules file, backfill rules never backfilled, write every rule's feeds, attempt due
    deliveries and digests."""
    from crawler.alerts import delivery, feeds, rules
    from crawler.store.db import open_db

    key = _key(db_path)
    if key in _DONE and not again:
        return _DONE[key]
    out_dir = feeds_dir or feeds.feeds_dir(db_path)
    db = open_db(db_path)
    summary: dict[str, Any] = {}
    try:
        config = rules.AlertsConfig(rules=[], channels={})
        try:
            config = rules.load_config(alerts_file)
            summary["rules"] = rules.sync_rules(db, config)
        except rules.AlertsError as exc:
            log.error("alert rules not updated: %s", exc)
            summary["config_error"] = str(exc)
        fresh = [
            r[0] for r in db.execute("SELECT id FROM alert_rules WHERE backfilled_at IS NULL").fetchall()
        ]
        if fresh:
            summary["backfill"] = rules.backfill(db, rule_ids=fresh).hits
        summary["feeds"] = len(feeds.write_feeds(db.conn, out_dir))
        if deliver:
            sender = delivery.Deliverer(db, config.channels)
            summary["deliveries"] = sender.run()
            summary["digests"] = sender.run_digests()
    finally:
        db.conn.close()
    summary["feeds_dir"] = out_dir
    _DONE[key] = summary
    return summary


def summary_line(summary: dict[str, Any]) -> str:
    """One line for people: feeds written, deliveries sent and failed, a rules-file problem."""
    parts = [f"{summary.get('feeds', 0)} feed files written in {summary.get('feeds_dir', '?')}/"]
    deliveries = summary.get("deliveries") or {}
    if deliveries.get("delivered") or deliveries.get("failed"):
        parts.append(
            f"deliveries: {deliveries.get('delivered', 0)} sent, {deliveries.get('failed', 0)} failed"
        )
    if summary.get("config_error"):
        parts.append(f"rules file not applied: {summary['config_error']}")
    return "; ".join(parts)


class AfterCrawlExtension:
    """Runs `after_crawl` when the last crawl engine of this process stops (so `kznews crawl --all`, four
    spiders in one process, runs it once, after all of them)."""

    running = 0  # engines started and not yet stopped, in this process

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> AfterCrawlExtension:
        settings = crawler.settings
        if not settings.getbool("KZNEWS_AFTER_CRAWL", True) or not settings.get("KZNEWS_DB"):
            raise NotConfigured("the after-crawl step is off (KZNEWS_AFTER_CRAWL)")
        ext = cls(crawler)
        # Counted when built (every crawl of a process is built before the reactor starts), not when its
        # engine starts: a spider that ends at once must not run the step before the others have started.
        AfterCrawlExtension.running += 1
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        AfterCrawlExtension.running -= 1
        if AfterCrawlExtension.running > 0:
            return
        try:
            summary = after_crawl_for(self.crawler.settings)
        except Exception:  # the articles are stored; `kznews alerts run` rewrites the feeds later
            log.exception("the after-crawl step (feeds, deliveries) failed")
            return
        log.info("after the crawl: %s", summary_line(summary))


def after_crawl_for(settings: Any) -> dict[str, Any]:
    """`after_crawl` with a crawl's settings (KZNEWS_DB, KZNEWS_ALERTS_FILE, KZNEWS_FEEDS_DIR, -s included)."""
    return after_crawl(
        settings.get("KZNEWS_DB"),
        alerts_file=settings.get("KZNEWS_ALERTS_FILE") or None,
        feeds_dir=settings.get("KZNEWS_FEEDS_DIR") or None,
    )
