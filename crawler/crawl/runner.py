"""The item pipelines run outside a Scrapy crawl: by the writer process, `kznews ingest` and `reparse`.

An article from a file, an archived page or another machine takes exactly the path a crawled one takes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.project import get_project_settings

from crawler.items import Article


class PipelineContext:
    """What pipelines need from a crawler (settings, stats), without a reactor or a spider."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = MemoryStatsCollector(self)  # type: ignore[arg-type]
        self.spider = None

    def close(self) -> None:
        store = getattr(self, "_kznews_store", None)
        if store is not None:
            store.close()
            self._kznews_store = None


class PipelineRunner:
    def __init__(self, db_path: str, *, settings: Settings | None = None, skip: Iterable[str] = ()) -> None:
        settings = settings or get_project_settings()
        settings = settings.copy()
        settings.set("KZNEWS_DB", db_path, priority="cmdline")
        # Outside a crawl the storing stages run right here (no writer process of our own).
        settings.set("KZNEWS_IN_WRITER", True, priority="cmdline")
        self.context = PipelineContext(settings)
        order = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
        skipped = set(skip)
        self.pipelines = []
        for path, _ in order:
            if path.rsplit(".", 2)[-2] in skipped:
                continue
            try:
                self.pipelines.append(build_from_crawler(load_object(path), self.context))  # type: ignore[call-overload]
            except NotConfigured:  # a stage switched off by its settings, as Scrapy itself skips it
                continue
        for pipeline in self.pipelines:
            if hasattr(pipeline, "open_spider"):
                try:
                    pipeline.open_spider()
                except TypeError:
                    pipeline.open_spider(None)

    def process(self, item: Article) -> tuple[Article | None, str | None]:
        """(item, None) when stored, (None, reason) when a pipeline refused it."""
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem as exc:
            return None, str(exc)
        return item, None

    def close(self) -> None:
        for pipeline in self.pipelines:
            if hasattr(pipeline, "close_spider"):
                try:
                    pipeline.close_spider()
                except TypeError:
                    pipeline.close_spider(None)
        self.context.close()

    @property
    def stats(self) -> dict[str, Any]:
        return self.context.stats.get_stats()
