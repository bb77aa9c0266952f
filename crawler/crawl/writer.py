"""A writer process for the storing stages of a crawl (KZNEWS_WRITER_PROCESS, on by default).

Scrapy runs spiders and item pipelines on one thread. The storing stages — sources, dedupe, store,
alerts — are Python-heavy (shingles, MinHash, Kazakh/Russian matching) and cost as much per item as
fetching and parsing a page, so on a backfill they set the pace. With the writer process, the crawl
process keeps the cheap normalising stages (clean text, canonical URL, dates, validate) and hands
each item to one child process that runs the storing stages through the same `PipelineRunner` as
`kznews ingest`; the two use two cores.

The child is then SQLite's only writer during the crawl: the crawl process's own writes (raw pages,
url_state, rejects) travel to it through the same pipe (`Store.write`), so the crawl never waits on
the database lock. Messages go in batches (BATCH_ITEMS items or BATCH_SECONDS, whichever first) and
the child commits each batch as one transaction, each item in its own savepoint: one commit per
batch instead of one per item, and an item that fails is rolled back alone and recorded in
`rejects` (stage `writer`) with its page.

Nothing is lost on a crash: an item is stored when the child commits its batch; one still in the
pipe or the open batch when a process dies was never stored, so the next incremental run fetches
its page again (it is not in `articles`, so no conditional GET skips it).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing as mp
import multiprocessing.util  # its exit hook is registered now, before ours (stop_writers, at the bottom)
import os
import queue
import signal
import time
import traceback
from typing import Any

from scrapy.exceptions import NotConfigured

from crawler.items import as_row

log = logging.getLogger(__name__)

# Pipeline modules that run in the writer child (by module name in ITEM_PIPELINES).
STORING_STAGES = ("sources", "dedupe", "store", "alerts")
# A batch is sent (and committed by the child) at this many items, or this long after its first message.
BATCH_ITEMS = 64
BATCH_SECONDS = 0.25
# Batches in flight between the processes: bounded, so a slow writer slows the crawl instead of
# growing memory.
QUEUE_BATCHES = 64


def writer_process_enabled(settings: Any) -> bool:
    return bool(settings.getbool("KZNEWS_WRITER_PROCESS", False)) and not settings.getbool(
        "KZNEWS_IN_WRITER", False
    )


def skip_in_crawl_process(crawler: Any) -> None:
    """Called by the storing stages' from_crawler: with a writer process they run there, not here."""
    if writer_process_enabled(crawler.settings):
        # no message: Scrapy would log one WARNING per stage and spider for what is the normal set-up
        raise NotConfigured


def _next_batch(inbox: Any) -> Any:
    """The next batch, or None at the end: the crawl's None, or the crawl process gone (killed)."""
    while True:
        try:
            return inbox.get(timeout=1.0)
        except queue.Empty:
            parent = mp.parent_process()
            if parent is not None and not parent.is_alive():
                log.error("writer: the crawl process is gone; stopping (what was committed stays)")
                return None


def _writer_child(
    db_path: str, inbox: Any, outbox: Any, parent_pid: int, overrides: dict[str, Any] | None = None
) -> None:
    """The child process's entry point. It started with SIGINT and SIGTERM blocked (`spawn_blocked` in the
    crawl process), so nothing reached it during its start-up; from here on it ignores both: signals are
    the crawl's to handle (it stops gracefully, then sends None), and a Ctrl-C or a scheduler's signal to
    the process group must not kill the writer with a batch in hand."""
    from crawler.crawl.shutdown import die_with_parent, unblock_signals

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    die_with_parent()  # never an orphan: the kernel kills the writer when the crawl process dies
    unblock_signals()  # what arrived during start-up is dropped: both are ignored now
    if os.getppid() != parent_pid:  # the crawl died before the line above could take effect
        return
    _writer_main(db_path, inbox, outbox, overrides)


def _writer_main(db_path: str, inbox: Any, outbox: Any, overrides: dict[str, Any] | None = None) -> None:
    from scrapy.utils.project import get_project_settings

    from crawler.crawl.runner import PipelineRunner
    from crawler.items import Article
    from crawler.store.articles import Store
    from crawler.store.db import transaction

    settings = get_project_settings()
    # The crawl's own KZNEWS_* values (-s NAME=VALUE, the CLI's options): the storing stages obey them too.
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    settings.set("KZNEWS_IN_WRITER", True, priority="cmdline")
    order = settings.getdict("ITEM_PIPELINES")
    skip = [path.rsplit(".", 2)[-2] for path in order if path.rsplit(".", 2)[-2] not in STORING_STAGES]
    runner = PipelineRunner(db_path, settings=settings, skip=skip)
    store = Store.for_crawler(runner.context)
    errors = 0
    try:
        while True:
            batch = _next_batch(inbox)
            if batch is None:
                break
            with transaction(store.db):  # one commit per batch
                for kind, payload in batch:
                    if kind == "sql":
                        store.db.execute(*payload)
                        continue
                    try:
                        with transaction(store.db):  # a savepoint: a failing item is undone alone
                            runner.process(Article(**payload))  # the storing stages drop nothing
                    except Exception as exc:
                        errors += 1
                        log.exception("writer: storing %s failed", payload.get("url"))
                        store.save_reject(
                            url=payload.get("url"),
                            site=payload.get("site"),
                            stage="writer",
                            reason=f"{type(exc).__name__}: {exc}"[:500],
                            detail=traceback.format_exc()[-4000:],
                            page_id=payload.get("page_id"),
                        )
    finally:
        runner.close()
        outbox.put({"stats": runner.stats, "errors": errors})


def kznews_settings(crawler: Any) -> dict[str, Any]:
    """The crawl's KZNEWS_* settings, as the writer child must see them (it reads the project settings anew)."""
    return {
        name: crawler.settings[name]
        for name in crawler.settings.attributes
        if name.startswith("KZNEWS_") and name != "KZNEWS_IN_WRITER"
    }


class WriterDied(RuntimeError):
    def __init__(self, exitcode: int | None) -> None:
        super().__init__(
            f"the writer process died (exit code {exitcode}); items it had not committed were not stored,"
            " and the next run fetches their pages again"
        )


class WriterProcessPipeline:
    """650 — hands normalised items to the writer process (only with KZNEWS_WRITER_PROCESS=1)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        context = mp.get_context("spawn")  # never fork a process that runs a Twisted reactor
        self.inbox = context.Queue(maxsize=QUEUE_BATCHES)
        self.outbox = context.Queue()
        self.process = context.Process(
            target=_writer_child,
            args=(
                crawler.settings.get("KZNEWS_DB"),
                self.inbox,
                self.outbox,
                os.getpid(),
                kznews_settings(crawler),
            ),
            name="kznews-writer",
            daemon=True,
        )
        self.closed = False
        self.batch: list[tuple[str, Any]] = []
        self.batch_started = 0.0
        self.items_in_batch = 0
        self.timer: Any = None
        self.stopping = False
        self.closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WriterProcessPipeline:
        if not writer_process_enabled(crawler.settings):
            raise NotConfigured  # KZNEWS_WRITER_PROCESS is off: the storing stages run in this process
        return cls(crawler)

    def open_spider(self) -> None:
        from twisted.internet import task

        from crawler.crawl.shutdown import signals_blocked
        from crawler.store.articles import Store

        with signals_blocked():  # the child starts with them blocked, and chooses (_writer_child)
            self.process.start()
        _STARTED.append(self)
        # From now on the crawl process's own writes (pages, url_state, rejects) go through the child.
        Store.for_crawler(self.crawler).forward = self.send_sql
        self.timer = task.LoopingCall(self.flush_if_due)
        self.timer.start(BATCH_SECONDS, now=False)

    def send_sql(self, sql: str, params: Any) -> None:
        self._add(("sql", (sql, list(params))))

    def process_item(self, item: Any) -> Any:
        self._add(("item", as_row(item)))
        self.items_in_batch += 1
        self.crawler.stats.inc_value("kznews/writer/handed_over")
        if self.items_in_batch >= BATCH_ITEMS:
            self._flush_or_stop()
        return item

    def _flush_or_stop(self) -> None:
        try:
            self.flush()
        except WriterDied as exc:
            # Nothing more can be stored: end the run (it is recorded as incomplete, so the next run
            # catches up) instead of fetching pages for nothing.
            if not self.stopping:
                self.stopping = True
                log.error("%s; closing the spider", exc)
                self.crawler.stats.set_value("kznews/writer/died", 1)
                from scrapy.utils.defer import deferred_from_coro

                self.closing = deferred_from_coro(
                    self.crawler.engine.close_spider_async(reason="writer_died")
                )

    def _add(self, message: tuple[str, Any]) -> None:
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append(message)

    def flush_if_due(self) -> None:
        if self.batch and time.monotonic() - self.batch_started >= BATCH_SECONDS:
            self._flush_or_stop()

    def flush(self) -> None:
        if self.batch:
            batch, self.batch, self.items_in_batch = self.batch, [], 0
            self._put(batch)

    def _put(self, message: Any) -> None:
        # Blocks while QUEUE_BATCHES are waiting (the writer sets the pace), but never on a dead writer.
        while True:
            if not self.process.is_alive():
                # what is still buffered for the dead reader would hold up this process's exit for ever
                self.inbox.cancel_join_thread()
                raise WriterDied(self.process.exitcode)
            try:
                self.inbox.put(message, timeout=1.0)
                return
            except queue.Full:
                continue

    async def _put_async(self, message: Any) -> None:
        # As _put, but the reactor keeps running while the writer catches up: a second Ctrl-C still works.
        while True:
            if not self.process.is_alive():
                self.inbox.cancel_join_thread()
                raise WriterDied(self.process.exitcode)
            try:
                self.inbox.put_nowait(message)
                return
            except queue.Full:
                await asyncio.sleep(0.05)

    async def close_spider(self) -> None:
        from crawler.store.articles import Store

        if self.timer is not None and self.timer.running:
            self.timer.stop()
        result: dict[str, Any] = {"stats": {}, "errors": 0}
        try:
            if self.stopping:
                self.inbox.cancel_join_thread()
                raise WriterDied(self.process.exitcode)
            if self.batch:
                batch, self.batch, self.items_in_batch = self.batch, [], 0
                await self._put_async(batch)
            await self._put_async(None)
            while True:  # the writer stores what it holds, then reports
                try:
                    result = self.outbox.get_nowait()
                    break
                except queue.Empty:
                    if not self.process.is_alive():
                        self.inbox.cancel_join_thread()
                        raise WriterDied(self.process.exitcode) from None
                    await asyncio.sleep(0.05)
        except WriterDied as exc:
            log.error("%s", exc)
            self.crawler.stats.set_value("kznews/writer/died", 1)
        self.process.join(timeout=60)
        self.closed = True
        Store.for_crawler(self.crawler).forward = None  # the child has exited: write directly again
        stats = self.crawler.stats
        for key, value in result["stats"].items():
            if key.startswith("kznews/") and isinstance(value, (int, float)):
                stats.inc_value(key, value)
        if result.get("errors"):
            stats.inc_value("kznews/writer/errors", result["errors"])
        stats.set_value("kznews/writer/exitcode", self.process.exitcode)

    def ask_to_stop(self) -> bool:
        """After a forced stop (the reactor stopped before close_spider finished): ask the writer to commit what
        it holds and exit. False when there is nothing to stop."""
        if self.closed or self.process.pid is None:
            return False
        self.inbox.cancel_join_thread()  # buffered batches must not hold up this process's exit
        if self.process.is_alive():
            try:
                self.inbox.put_nowait(None)
            except (queue.Full, ValueError, OSError):
                pass
        return True

    def end(self, deadline: float) -> None:
        self.process.join(timeout=max(0.0, deadline - time.monotonic()))
        if self.process.is_alive():
            log.warning(
                "writer: killed after a forced stop; what it had not committed is fetched again next run"
            )
            self.process.kill()
            self.process.join(timeout=5)
        self.closed = True


# Writers started by this process; stop_writers() ends those a forced stop left running.
_STARTED: list[WriterProcessPipeline] = []


def stop_writers(grace: float = 3.0) -> None:
    """End every writer this process started that is still running: each gets `grace` seconds (together, not
    one after another) to commit what it holds, then is killed. Runs at exit (registered below, after
    multiprocessing's own exit hook, so before it: that one would wait for ever on a child ignoring SIGTERM),
    and from `kznews crawl` as soon as the reactor has stopped."""
    running = [writer for writer in _STARTED if writer.ask_to_stop()]
    _STARTED.clear()
    deadline = time.monotonic() + grace
    for writer in running:
        writer.end(deadline)


# multiprocessing.util (imported at the top) registered its exit hook first, so this one runs before it.
atexit.register(stop_writers)
