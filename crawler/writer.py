"""A writer process for the storing stages of a crawl (KZNEWS_WRITER_PROCESS=1).

Scrapy runs spiders and item pipelines on one thread. The storing stages — sources, dedupe, store,
alerts — are Python-heavy (shingles, MinHash, Kazakh/Russian matching) and cost more per item than
fetching and parsing a page, so on a backfill they set the pace. With this setting on, the crawl
process keeps the cheap normalising stages (clean text, canonical URL, dates, validate) and hands
each item to one child process that runs the storing stages through the same `PipelineRunner` as
`kznews ingest`; the two use two cores. SQLite still has one article writer (the child); the crawl
process writes only raw pages and rejects, which WAL lets two processes do.

Nothing is lost on a crash: an item is stored when the child commits it; one still in the pipe
when a process dies was never stored, so the next incremental run fetches its page again.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

# Pipeline modules that run in the writer child (by module name in ITEM_PIPELINES).
STORING_STAGES = ("sources", "dedupe", "store", "alerts")
# Items in flight between the processes: bounded, so a slow writer slows the crawl instead of
# growing memory.
QUEUE_SIZE = 2000


def writer_process_enabled(settings: Any) -> bool:
    return bool(settings.getbool("KZNEWS_WRITER_PROCESS", False)) and not settings.getbool(
        "KZNEWS_IN_WRITER", False
    )


def skip_in_crawl_process(crawler: Any) -> None:
    """Called by the storing stages' from_crawler: with a writer process they run there, not here."""
    if writer_process_enabled(crawler.settings):
        raise NotConfigured("runs in the writer process (KZNEWS_WRITER_PROCESS)")


def _writer_main(db_path: str, inbox: Any, outbox: Any) -> None:
    from scrapy.utils.project import get_project_settings

    from crawler.ingest import PipelineRunner
    from crawler.items import Article

    settings = get_project_settings()
    settings.set("KZNEWS_IN_WRITER", True, priority="cmdline")
    order = settings.getdict("ITEM_PIPELINES")
    skip = [path.rsplit(".", 2)[-2] for path in order if path.rsplit(".", 2)[-2] not in STORING_STAGES]
    runner = PipelineRunner(db_path, settings=settings, skip=skip)
    refused: dict[str, int] = {}
    try:
        while True:
            message = inbox.get()
            if message is None:
                break
            _, reason = runner.process(Article(**message))
            if reason is not None:
                refused[reason.split(":", 1)[0]] = refused.get(reason.split(":", 1)[0], 0) + 1
    finally:
        runner.close()
        outbox.put({"stats": runner.stats, "refused": refused})


class WriterProcessPipeline:
    """650 — hands normalised items to the writer process (only with KZNEWS_WRITER_PROCESS=1)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        context = mp.get_context("spawn")  # never fork a process that runs a Twisted reactor
        self.inbox = context.Queue(maxsize=QUEUE_SIZE)
        self.outbox = context.Queue()
        self.process = context.Process(
            target=_writer_main,
            args=(crawler.settings.get("KZNEWS_DB"), self.inbox, self.outbox),
            name="kznews-writer",
            daemon=True,
        )

    @classmethod
    def from_crawler(cls, crawler: Any) -> WriterProcessPipeline:
        if not writer_process_enabled(crawler.settings):
            raise NotConfigured("KZNEWS_WRITER_PROCESS is off: the storing stages run in this process")
        return cls(crawler)

    def open_spider(self) -> None:
        self.process.start()

    def process_item(self, item: Any) -> Any:
        self.inbox.put(ItemAdapter(item).asdict())
        self.crawler.stats.inc_value("kznews/writer/handed_over")
        return item

    def close_spider(self) -> None:
        self.inbox.put(None)
        try:
            result = self.outbox.get(timeout=3600)
        except queue.Empty:
            result = {"stats": {}, "refused": {}}
        self.process.join(timeout=60)
        stats = self.crawler.stats
        for key, value in result["stats"].items():
            if key.startswith("kznews/") and isinstance(value, (int, float)):
                stats.inc_value(key, value)
        stats.set_value("kznews/writer/exitcode", self.process.exitcode)
