"""Crawl history: one `crawl_runs` row per spider run, written even when the run fails or is killed.

`CrawlRunsExtension` inserts the row at `spider_opened` (finish_reason 'running', with the pid and
host of the crawling process), refreshes its counters every KZNEWS_RUNS_HEARTBEAT seconds, and
completes it at `spider_closed` (finish reason, requests, responses by status, items new / updated /
unchanged / rejected, errors by type, bytes, and the remaining Scrapy stats as JSON). Then it runs
the site's health check (crawler/ops/health.py).

A run killed with SIGKILL or a power cut keeps finish_reason 'running'; `run_state()` reports it as
'interrupted' once its process is gone (same host, pid no longer alive, or no heartbeat for long).
The extension writes through its own connection: the store's connection is closed by the store
pipeline before `spider_closed` fires, and a separate small writer keeps the history independent of
the article path.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import sqlite_utils
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.store.db import open_db, utcnow_iso
from crawler.store.incremental import previous_run_incomplete  # noqa: F401 - its home was here

log = logging.getLogger(__name__)


# Stats copied into their own columns (the rest goes to the `stats` JSON).
_COLUMN_STATS = {
    "downloader/request_count",
    "downloader/response_count",
    "downloader/response_bytes",
    "kznews/store/new",
    "kznews/store/updated",
    "kznews/store/unchanged",
    "kznews/validate/rejected",
    "kznews/extract/exception",
    "log_count/ERROR",
    "kznews/incremental/not_modified",
    "kznews/discovery/links",
    "finish_reason",
    "start_time",
    "finish_time",
}
# A run with no heartbeat for this long is considered dead even when its pid is unknown or reused.
STALE_AFTER = timedelta(minutes=30)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def run_columns(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The crawl_runs columns for a Scrapy stats dict."""
    by_status: dict[str, int] = {}
    errors_by_type: dict[str, int] = {}
    rest: dict[str, Any] = {}
    for key, value in stats.items():
        if key.startswith("downloader/response_status_count/"):
            by_status[key.rsplit("/", 1)[1]] = int(value)
        elif key.startswith("downloader/exception_type_count/"):
            name = key.rsplit("/", 1)[1].rsplit(".", 1)[-1]
            # A request a middleware chose not to send (an entry point not due, a dead one remembered, the
            # hourly budget spent) is a decision, not a failure: it must not count towards the error rate.
            if name != "IgnoreRequest":
                errors_by_type[name] = int(value)
        elif key not in _COLUMN_STATS:
            rest[key] = _jsonable(value)
    logged_errors = int(stats.get("log_count/ERROR", 0))
    if logged_errors:
        errors_by_type["log/ERROR"] = logged_errors
    exceptions = sum(v for k, v in errors_by_type.items() if k != "log/ERROR")
    return {
        "requests": int(stats.get("downloader/request_count", 0)),
        "responses": int(stats.get("downloader/response_count", 0)),
        "responses_by_status": json.dumps(dict(sorted(by_status.items())), ensure_ascii=False),
        "not_modified": int(stats.get("kznews/incremental/not_modified", 0)),
        "discovered": int(stats.get("kznews/discovery/links", 0)),
        "items_new": int(stats.get("kznews/store/new", 0)),
        "items_updated": int(stats.get("kznews/store/updated", 0)),
        # "kept" (a refresh whose worse values were refused) stored nothing new either
        "items_unchanged": int(stats.get("kznews/store/unchanged", 0))
        + int(stats.get("kznews/store/kept", 0)),
        "items_rejected": int(stats.get("kznews/validate/rejected", 0))
        + int(stats.get("kznews/extract/exception", 0)),
        "errors": logged_errors + exceptions,
        "errors_by_type": json.dumps(dict(sorted(errors_by_type.items())), ensure_ascii=False),
        "bytes": int(stats.get("downloader/response_bytes", 0)),
        "stats": json.dumps(dict(sorted(rest.items())), ensure_ascii=False, default=str),
    }


def start_run(
    db: sqlite_utils.Database,
    site: str,
    *,
    args: Mapping[str, Any] | None = None,
    pid: int | None = None,
    host: str | None = None,
) -> int:
    now = utcnow_iso()
    cursor = db.execute(
        "INSERT INTO crawl_runs (site, started_at, finish_reason, pid, host, args, heartbeat_at)"
        " VALUES (?, ?, 'running', ?, ?, ?, ?)",
        [
            site,
            now,
            pid if pid is not None else os.getpid(),
            host or socket.gethostname(),
            json.dumps(dict(args or {}), ensure_ascii=False, sort_keys=True, default=str),
            now,
        ],
    )
    return int(cursor.lastrowid or 0)


def update_run(
    db: sqlite_utils.Database, run_id: int, stats: Mapping[str, Any], *, finish_reason: str | None = None
) -> None:
    columns = run_columns(stats)
    columns["heartbeat_at"] = utcnow_iso()
    if finish_reason is not None:
        columns["finish_reason"] = finish_reason
        columns["finished_at"] = columns["heartbeat_at"]
    sets = ", ".join(f"{name} = ?" for name in columns)
    db.execute(f"UPDATE crawl_runs SET {sets} WHERE id = ?", [*columns.values(), run_id])


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def run_state(row: Mapping[str, Any], *, now: datetime | None = None) -> str:
    """'running', 'interrupted' (left 'running' by a process that is gone) or the finish reason."""
    reason = str(row.get("finish_reason") or "running")
    if reason != "running":
        return reason
    if row.get("host") == socket.gethostname():
        return "running" if pid_alive(row.get("pid")) else "interrupted"
    beat = row.get("heartbeat_at") or row.get("started_at")
    if beat:
        moment = datetime.fromisoformat(str(beat).replace("Z", "+00:00"))
        if (now or datetime.now(UTC)) - moment > STALE_AFTER:
            return "interrupted"
    return "running"


def recent_runs(db: sqlite_utils.Database, site: str, limit: int = 10) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT * FROM crawl_runs WHERE site = ? ORDER BY id DESC LIMIT ?", [site, limit])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class CrawlRunsExtension:
    """Writes the crawl_runs row of each spider run (see the module docstring)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.db_path: str = crawler.settings.get("KZNEWS_DB")
        self.heartbeat = crawler.settings.getfloat("KZNEWS_RUNS_HEARTBEAT", 30.0)
        self.db: sqlite_utils.Database | None = None
        self.run_id: int | None = None
        self._loop: Any = None
        self._trigger: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlRunsExtension:
        if not crawler.settings.getbool("KZNEWS_RUNS_ENABLED", True) or not crawler.settings.get("KZNEWS_DB"):
            raise NotConfigured("crawl history off (KZNEWS_RUNS_ENABLED or KZNEWS_DB)")
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.db = open_db(self.db_path)
        args: dict[str, Any] = {}
        if getattr(spider, "since", None):
            args["since"] = str(spider.since)
        if getattr(spider, "langs", None) and tuple(spider.langs) != tuple(getattr(spider, "languages", ())):
            args["lang"] = ",".join(spider.langs)
        from crawler.store.incremental import truthy

        if truthy(getattr(spider, "refresh", "")) or self.crawler.settings.getbool(
            "KZNEWS_REFETCH_KNOWN", False
        ):
            args["refresh"] = True
        self.run_id = start_run(self.db, spider.name, args=args)
        self.crawler.stats.set_value("kznews/run_id", self.run_id)
        if self.heartbeat > 0:
            from twisted.internet import task

            self._loop = task.LoopingCall(self._beat)
            self._loop.start(self.heartbeat, now=False)
        from twisted.internet import reactor

        # A second Ctrl-C stops the reactor before spider_closed: the run is still recorded, as shutdown.
        self._trigger = cast(Any, reactor).addSystemEventTrigger("before", "shutdown", self._stopped_unclosed)

    def _stopped_unclosed(self) -> None:
        if self.db is not None and self.run_id is not None:
            log.info(
                "crawl_runs: the reactor stopped before the spider closed; run %s recorded as shutdown",
                self.run_id,
            )
            self._finish("shutdown", check_health=False)

    def _beat(self) -> None:
        if self.db is not None and self.run_id is not None:
            try:
                update_run(self.db, self.run_id, self.crawler.stats.get_stats())
            except Exception:  # a busy database must not stop the crawl; the next beat tries again
                log.warning("crawl_runs heartbeat failed", exc_info=True)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._trigger is not None:
            from twisted.internet import reactor

            cast(Any, reactor).removeSystemEventTrigger(self._trigger)
            self._trigger = None
        self._finish(reason, check_health=True)

    def _finish(self, reason: str, *, check_health: bool) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self.db is None or self.run_id is None:
            return
        try:
            update_run(self.db, self.run_id, self.crawler.stats.get_stats(), finish_reason=reason)
            if check_health and self.crawler.settings.getbool("KZNEWS_HEALTH_ENABLED", True):
                from crawler.ops import health

                checked = health.check_site(
                    self.db, self.crawler.spider.name, run_id=self.run_id, settings=self.crawler.settings
                )
                self.crawler.stats.set_value("kznews/health/state", checked.state)
        finally:
            self.db.conn.close()
            self.db = None
