"""Stage: deduplication — which story an article joins (crawler/store/dedup.py does the work).

This stage decides; the store writes. `process_item` calls `dedup.decide` (read-only), fills the
item's `story_id`, `duplicate_of` and `translation_of`, counts `kznews/dedupe/<event>` stats and
keeps the `Decision` until the store takes it. The store then runs, in ONE transaction with the
article upsert (so a crash anywhere loses nothing and leaves no half-linked article):

    decision = take_decision(self.crawler, row["article_id"])     # None if this stage did not run
    with transaction(db):
        decision = dedup.confirm(db, row, decision)   # re-decides if the index moved since (other process)
        row.update(decision.row_fields())             # story_id, duplicate_of, translation_of, content_hash, revision
        ... upsert the articles row ...
        dedup.record(db, row, decision)                # index, story and revision rows (raw SQL only)

`row` is the item as a dict (`ItemAdapter(item).asdict()`): `article_id`, `canonical_url`, `site`,
`language`, `title`, `lead`, `body`, `native_id`, `alternates`, `published_at`, `fetched_at` are
read. `decision.alert_worthy` is what the alerts stage needs: a new story or a substantive revision.
`kznews ingest` goes through the same two stages, so backfills and crawls dedupe identically.

Stats: kznews/dedupe/{new,exact,near,translation,same_article,revision_minor,revision_substantive}.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Any

from itemadapter import ItemAdapter

from crawler.crawl.writer import skip_in_crawl_process
from crawler.items import as_row
from crawler.store import dedup
from crawler.store.articles import Store
from crawler.store.db import open_db
from crawler.urls import article_id, canonical_url

# Decisions waiting for the store; items dropped between the stages must not pile up forever.
MAX_PENDING = 10_000

_STAGES: weakref.WeakKeyDictionary[Any, DedupePipeline] = weakref.WeakKeyDictionary()


class DedupePipeline:
    def __init__(self, crawler: Any = None, db: Any = None) -> None:
        self.crawler = crawler
        self.stats = getattr(crawler, "stats", None)
        self.db = db
        self._owns_db = db is None
        self.pending: OrderedDict[str, dedup.Decision] = OrderedDict()
        if crawler is not None:
            _STAGES[crawler] = self

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        skip_in_crawl_process(crawler)
        return cls(crawler)

    def open_spider(self) -> None:
        if self.db is not None:
            return
        if getattr(self.crawler, "settings", None) is not None:
            # The store's own connection: a decision then sees the rows of the batch being committed
            # (crawler/crawl/writer.py), so the store's `confirm` keeps it instead of deciding again.
            self.db = Store.for_crawler(self.crawler).db
            self._owns_db = False
        else:
            self.db = open_db(None)

    def close_spider(self) -> None:
        if self._owns_db and self.db is not None:
            self.db.conn.close()
            self.db = None

    def process_item(self, item: Any) -> Any:
        if self.db is None:
            self.open_spider()
        adapter = ItemAdapter(item)
        if not adapter.get("article_id"):
            # The canonical-URL stage normally fills these; derive them rather than lose the item.
            canonical = adapter.get("canonical_url") or canonical_url(adapter["url"])
            adapter["canonical_url"] = canonical
            adapter["article_id"] = article_id(canonical)
        decision = dedup.decide(self.db, as_row(item))
        for name, value in decision.item_fields().items():
            adapter[name] = value
        self.pending[decision.article_id] = decision
        self.pending.move_to_end(decision.article_id)
        while len(self.pending) > MAX_PENDING:
            self.pending.popitem(last=False)
        self._count(decision)
        return item

    def take(self, article_id: str) -> dedup.Decision | None:
        return self.pending.pop(article_id, None)

    def _count(self, decision: dedup.Decision) -> None:
        if self.stats is None:
            return
        self.stats.inc_value(f"kznews/dedupe/{decision.relation.replace('-', '_')}")
        if decision.revision in ("minor", "substantive"):
            self.stats.inc_value(f"kznews/dedupe/revision_{decision.revision}")


def take_decision(crawler: Any, article_id: str) -> dedup.Decision | None:
    """The decision the dedupe stage made for `article_id` in this crawl (removed), or None."""
    stage = _STAGES.get(crawler)
    return stage.take(article_id) if stage is not None else None
