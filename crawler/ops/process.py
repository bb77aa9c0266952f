"""Running spiders in one Scrapy process, for every front end (`kznews crawl`, `demo`, `schedule`, `probe`).

The settings of the crawl (database, mirror, overrides), the log file, the clean stop on SIGINT/SIGTERM and
the after-crawl step (crawler/ops/jobs.py) are decided here once, so each front end only chooses the sites.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import click


def available_spiders() -> list[str]:
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    return sorted(SpiderLoader.from_settings(get_project_settings()).list())


def run_spiders(
    sites: Sequence[str],
    *,
    db_path: str,
    mirror: str | None = None,
    spider_args: dict[str, str] | None = None,
    settings_overrides: dict[str, Any] | None = None,
    quiet: bool = False,
    verbose: bool = False,
) -> dict[str, dict[str, Any]]:
    """Run spiders in one process (one reactor) and return each one's final stats.

    Scrapy's log goes to a file (`log_path`) unless `verbose`: a person sees the progress line and the
    summary, and the log is there when the summary says something went wrong. `quiet` (cron): no progress
    line and warnings only in the log."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("KZNEWS_DB", db_path, priority="cmdline")
    if mirror:
        settings.set("KZNEWS_MIRROR", mirror, priority="cmdline")
        # The mirror is our own loopback server: no need to pace ourselves against it.
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    if quiet:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        settings.set("KZNEWS_PROGRESS", False, priority="cmdline")
    for key, value in (settings_overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    from crawler.crawl.addons import contact_warning

    warning = contact_warning(settings)
    if warning and not quiet:
        click.echo(f"kznews: warning: {warning}", err=True)
    if not verbose:
        log_file = log_path(db_path, sites, settings.get("KZNEWS_LOG_DIR") or None)
        log_file.parent.mkdir(parents=True, exist_ok=True)
        settings.set("LOG_FILE", str(log_file), priority="cmdline")
        LOG_FILES[db_path] = log_file
    from crawler.store.db import open_db

    db = open_db(db_path)  # migrate once, before any spider opens the store
    from crawler.sources import sync_sources_table

    sync_sources_table(db)  # the registry file may have changed since the last run
    db.conn.close()
    process = CrawlerProcess(settings)
    crawlers = [process.create_crawler(site) for site in sites]
    from crawler.crawl.shutdown import GATE, guard_after_crawl, hand_over_to_scrapy

    if GATE.count:  # stopped during start-up: no spider has opened, so say so in crawl_runs here
        record_shutdown(db_path, sites, spider_args or {})
        raise Interrupted("stopped before the crawl started: nothing was fetched (runs recorded as shutdown)")
    from crawler.ops.jobs import new_run

    new_run(db_path)
    for crawler in crawlers:
        process.crawl(crawler, **(spider_args or {}))
    from twisted.internet import reactor

    # After Scrapy's own "after startup" trigger has installed its handlers: they take the counted signals.
    cast(Any, reactor).callWhenRunning(lambda: cast(Any, reactor).callLater(0, hand_over_to_scrapy))
    process.start()
    from crawler.crawl.writer import stop_writers

    stop_writers()  # a forced stop (second Ctrl-C) may have left a writer running: end it now, not at exit
    guard_after_crawl()
    from crawler.ops.jobs import after_crawl_for

    after_crawl_for(settings)  # done already by AfterCrawlExtension, unless a forced stop cut it short
    return {c.spidercls.name: dict(c.stats.get_stats()) for c in crawlers}


# The Scrapy log file of each database's crawl in this process, for the summary.
LOG_FILES: dict[str, Path] = {}


def log_path(db_path: str, sites: Sequence[str], log_dir: str | None = None) -> Path:
    """Where a crawl's Scrapy log goes: KZNEWS_LOG_DIR, else logs/ beside the database; one file per site (a
    crawl of several sites: crawl.log), appended to, so `kznews schedule` never interleaves two sites' logs."""
    folder = Path(log_dir) if log_dir else Path(db_path).parent / "logs"
    return folder / f"{sites[0] if len(sites) == 1 else 'crawl'}.log"


class Interrupted(Exception):
    """A crawl stopped by SIGINT or SIGTERM; the message is for people."""


def record_shutdown(db_path: str, sites: Sequence[str], args: dict[str, str]) -> None:
    from crawler.ops.runs import start_run, update_run
    from crawler.store.db import open_db

    db = open_db(db_path)
    try:
        for site in sites:
            update_run(db, start_run(db, site, args=args), {}, finish_reason="shutdown")
    finally:
        db.conn.close()


def interrupted_sites(db_path: str, stats: dict[str, dict[str, Any]]) -> list[str]:
    """Sites whose run was stopped by a signal: finish reason shutdown, in the stats or (a forced stop
    closes no spider) in the run's crawl_runs row."""
    from crawler.store.db import connect

    out = [site for site, s in stats.items() if s.get("finish_reason") == "shutdown"]
    unclosed = {
        s["kznews/run_id"]: site
        for site, s in stats.items()
        if not s.get("finish_reason") and s.get("kznews/run_id")
    }
    if unclosed:
        db = connect(db_path, readonly=True)
        marks = ", ".join("?" for _ in unclosed)
        rows = db.execute(
            f"SELECT id FROM crawl_runs WHERE finish_reason = 'shutdown' AND id IN ({marks})", list(unclosed)
        ).fetchall()
        db.conn.close()
        out += [unclosed[row[0]] for row in rows]
    return sorted(out)
