"""800 — alerts: match each stored article against the alert rules and record hits once per story.

Runs after the store (700), which has set `story_id`, `store_status` (new | updated | unchanged) and
`revision_change` (none | minor | substantive). The rules file is synced into the database and the
rule set compiled once, when the spider opens; per article the work is one RuleSet.match (rules are
looked up by the text's token keys, not tried one by one) and, only on a match, one transaction.

- unchanged article: skipped (it was matched when first stored, or by a backfill);
- new article, or a changed one: matched; the story's hit is recorded if the story has none for the
  rule yet — so a repost, a translation or a minor revision of a story already alerted raises nothing;
- substantive revision (dedup's verdict): may raise one more hit for the story, keyed by the revision.

Stats: kznews/alerts/<event> — rules, config_error, skipped_unchanged, matched, hits, error.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from itemadapter import ItemAdapter

from crawler.alerts.rules import Alerter, AlertsError, load_config, sync_rules
from crawler.crawl.writer import skip_in_crawl_process
from crawler.items import as_row
from crawler.store.articles import Store

log = logging.getLogger(__name__)


class AlertsPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.alerter: Alerter | None = None
        self.live: Any = None  # crawler.alerts.delivery.LiveDelivery: hits sent as they happen

    @classmethod
    def from_crawler(cls, crawler: Any) -> AlertsPipeline:
        skip_in_crawl_process(crawler)
        return cls(crawler)

    def open_spider(self) -> None:
        db = Store.for_crawler(self.crawler).db
        try:
            config = load_config(self.crawler.settings.get("KZNEWS_ALERTS_FILE") or None)
            sync_rules(db, config)
            self._start_live(config.channels)
        except AlertsError as exc:
            # A broken rules file must not stop the crawl: the rules already stored still apply.
            log.error("alert rules file not applied: %s", exc)
            self.stats.inc_value("kznews/alerts/config_error")
        try:
            self.alerter = Alerter.from_db(db)
        except Exception as exc:  # a stored rule the engine refuses: alerting off, crawl on
            log.error("alert rules cannot be compiled, alerts are off for this crawl: %s", exc)
            self.stats.inc_value("kznews/alerts/config_error")
            self.alerter = None
            return
        self.stats.set_value("kznews/alerts/rules", len(self.alerter.specs))

    def _start_live(self, channels: Any) -> None:
        # Hits are sent within seconds of being stored, not at the end of the crawl (issue 18).
        if not channels or not self.crawler.settings.getbool("KZNEWS_DELIVER_LIVE", True):
            return
        from crawler.alerts.delivery import LiveDelivery

        self.live = LiveDelivery(self.crawler.settings.get("KZNEWS_DB"), channels).start()

    def close_spider(self) -> None:
        if self.live is not None:
            self.live.stop()
            for key, value in self.live.counts.items():
                self.stats.set_value(f"kznews/alerts/live_{key}", value)
            self.live = None

    def process_item(self, item: Any) -> Any:
        if self.alerter is None or not self.alerter.specs:
            return item
        adapter = ItemAdapter(item)
        status = adapter.get("store_status")
        if status in ("unchanged", "kept"):  # kept: only worse values refused, nothing new
            self.stats.inc_value("kznews/alerts/skipped_unchanged")
            return item
        article = as_row(item)
        try:
            matches = self.alerter.match(article)
            if not matches:
                return item
            self.stats.inc_value("kznews/alerts/matched")
            db = Store.for_crawler(self.crawler).db
            revision = None
            if status == "updated" and adapter.get("revision_change") == "substantive":
                row = db.execute(
                    "SELECT revision FROM articles WHERE id = ?",
                    [article.get("article_id") or article.get("id")],
                ).fetchone()
                revision = int(row[0]) if row else None
            new = self.alerter.record(db, article, matches, via="ingest", substantive_revision=revision)
        except sqlite3.OperationalError:
            # The database itself failed (disk full, read-only): not a matching problem. The front end turns
            # it into one sentence and the next run resumes; logging it here as a matching failure would hide it.
            raise
        except Exception:
            # The article is stored; a hit lost here is found again by `kznews alerts run --since`.
            log.exception("alert matching failed for %s", adapter.get("url"))
            self.stats.inc_value("kznews/alerts/error")
            return item
        if new:
            self.stats.inc_value("kznews/alerts/hits", len(new))
            if self.live is not None:
                self.live.wake()
        else:
            self.stats.inc_value("kznews/alerts/same_story")
        return item
