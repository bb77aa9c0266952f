"""Date hints that arrive after their article was parsed: re-date the stored row when the spider closes.

A listing card, feed entry or sitemap entry may answer after the article page it points to (requests
run concurrently, and a URL is requested once). The spider keeps, per parsed article, the page's own
date candidates (`NewsSpider._dated`); when a new hint comes for one of them it is marked late, and here
the dates stage runs again on the page candidates plus every hint of the run. The stored row gets the
result (never a worse one: `crawler.store.articles.keep_better`), and url_state's request meta gets every hint so
`kznews reparse` merges the same set. The result depends on the set of hints, not on their order.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.store.articles import DATE_COLUMNS, keep_better
from crawler.urls import article_id, canonical_url

log = logging.getLogger(__name__)


def apply_late_hints(spider: Any, records: Sequence[dict[str, Any]]) -> int:
    """Re-date the stored rows of `records` with all the spider's hints; returns how many rows changed."""
    settings = getattr(spider, "settings", None)
    path = settings.get("KZNEWS_DB") if settings is not None else None
    if settings is None or not path or not records:
        return 0
    # A Redis worker owns no database (its items are stored on the writer's host), and where no database
    # exists no row was stored that a late hint could re-date.
    if settings.get("REDIS_URL") or not Path(path).exists():
        return 0
    from crawler.store.db import open_db, transaction
    from pipelines.dates import DatesPipeline

    crawler = getattr(spider, "crawler", None)
    stats = crawler.stats if crawler is not None else None
    begun = stats.get_value("start_time") if stats is not None else None
    started = begun.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if isinstance(begun, datetime) else ""
    bounds = ordered = None
    if getattr(spider, "ordered_ids", False):
        from pipelines.dates import stored_id_bounds

        bounds, ordered = stored_id_bounds(path, spider.name, stats=stats), spider.ordered_id
    pipeline = DatesPipeline(
        site_start=settings.getdict("KZNEWS_SITE_START"), id_bounds=bounds, ordered_id=ordered
    )
    changed = 0
    try:
        db = open_db(path)
    except Exception:  # the crawl is over; a busy or missing database only costs the late hints
        log.warning("late date hints not applied: %s could not be opened", path, exc_info=True)
        return 0
    try:
        for record in records:
            key = canonical_url(record["url"])
            hints = spider.date_hints.get(key, [])
            item = {
                "url": record["url"],
                "site": record["site"],
                "language": record["language"],
                "native_id": record.get("native_id"),
                "fetched_at": record["fetched_at"],
                "field_sources": dict(record.get("field_sources") or {}),
                "date_candidates": [*record["page_candidates"], *hints],
            }
            pipeline.process_item(item)
            cursor = db.execute(
                f"SELECT first_seen_at, field_sources, {', '.join(DATE_COLUMNS)} FROM articles WHERE id = ?",
                [article_id(key)],
            )
            row = cursor.fetchone()
            if row is None:
                continue
            old = dict(zip(("first_seen_at", "field_sources", *DATE_COLUMNS), row, strict=True))
            new = {column: item.get(column) for column in DATE_COLUMNS}
            new["field_sources"] = {}
            if str(old["first_seen_at"] or "") < started:
                # stored before this run: a refresh must not make it worse. A row this run stored
                # first just takes the merge of every hint (the same as if they had come in time).
                keep_better(old, new)
            with transaction(db):
                if any(new[c] != old[c] for c in DATE_COLUMNS):
                    sources = json.loads(old["field_sources"] or "{}")
                    decided = (item.get("field_sources") or {}).get("published")
                    if new["published_at"] == item.get("published_at") and decided:
                        sources["published"] = (
                            decided  # the source that decided the day, as a parse records it
                        )
                    db.execute(
                        f"UPDATE articles SET {', '.join(f'{c} = ?' for c in DATE_COLUMNS)}, field_sources = ?"
                        " WHERE id = ?",
                        [
                            *(new[c] for c in DATE_COLUMNS),
                            json.dumps(sources, ensure_ascii=False, sort_keys=True),
                            article_id(key),
                        ],
                    )
                    changed += 1
                # reparse replays url_state's meta: give it every hint of the run
                state = db.execute(
                    "SELECT request_meta FROM url_state WHERE url = ?", [record["url"]]
                ).fetchone()
                if state is not None:
                    meta = json.loads(state[0] or "{}")
                    meta["date_hints"] = hints
                    db.execute(
                        "UPDATE url_state SET request_meta = ? WHERE url = ?",
                        [json.dumps(meta, ensure_ascii=False, sort_keys=True), record["url"]],
                    )
    finally:
        try:  # the last writes of the run: into the main file, so a plain copy of it is complete
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception:  # another connection may hold the database: the WAL keeps the writes anyway
            pass
        db.conn.close()
    if stats is not None:
        stats.inc_value("kznews/dates/late_hints", len(records))
        stats.inc_value("kznews/dates/late_redated", changed)
    return changed
