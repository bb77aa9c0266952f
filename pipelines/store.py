"""700 — store: upsert the article with its story and dedup index rows in one transaction."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from crawler.crawl.writer import skip_in_crawl_process
from crawler.items import as_row
from crawler.store.articles import Store
from pipelines.dedupe import take_decision


class StorePipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        skip_in_crawl_process(crawler)
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        store = Store.for_crawler(self.crawler)
        row = as_row(item)
        status, decision = store.save_article(row, take_decision(self.crawler, row.get("article_id") or ""))
        adapter["story_id"] = decision.story_id
        adapter["translation_of"] = decision.translation_of
        adapter["duplicate_of"] = decision.duplicate_of
        adapter["store_status"] = status
        adapter["revision_change"] = getattr(decision, "revision", None)
        stats = self.crawler.stats
        stats.inc_value(f"kznews/store/{status}")
        stats.inc_value(f"kznews/store/{status}/{adapter.get('site')}/{adapter.get('language')}")
        for regression in store.last_regressions:  # "field: why" — read by the health check
            stats.inc_value(f"kznews/regression/{regression.split(':', 1)[0]}")
        if decision.is_new_story:
            stats.inc_value("kznews/store/new_story")
        return item

    def close_spider(self) -> None:
        store = getattr(self.crawler, "_kznews_store", None)
        if store is not None:
            store.close()
            self.crawler._kznews_store = None
