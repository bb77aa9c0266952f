"""Live progress for long commands: items, rate and (when the total is known) ETA, on stderr.

Only when stderr is a terminal: piped, logged or under cron/systemd, a command stays quiet (its log
and summary say what happened). `Progress` serves loops (reparse, backfill, ingest, benchmarks);
`ProgressExtension` serves crawls (pages, items, queue, rate per spider).

    with Progress("reparse", total=len(pages)) as progress:
        for page in pages:
            ...
            progress.advance()
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured


def is_tty(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """A one-line progress display, redrawn at most every `interval` seconds."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        unit: str = "items",
        stream: TextIO | None = None,
        enabled: bool | None = None,
        interval: float = 0.5,
        clock: Any = time.monotonic,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = is_tty(self.stream) if enabled is None else enabled
        self.interval = interval
        self.clock = clock
        self.done = 0
        self.extra = ""
        self.started = clock()
        self._last_draw = float("-inf")
        self._drawn = False

    def advance(self, n: int = 1, *, extra: str | None = None) -> None:
        self.update(self.done + n, extra=extra)

    def update(self, done: int, *, extra: str | None = None) -> None:
        self.done = done
        if extra is not None:
            self.extra = extra
        if self.enabled and self.clock() - self._last_draw >= self.interval:
            self.draw()

    def line(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        parts = [f"{self.label}: {count} {self.unit}", f"{rate:.1f}/s"]
        if self.total is not None and self.total > 0:
            parts.insert(1, f"{100 * self.done / self.total:.0f}%")
            if 0 < self.done < self.total and rate > 0:
                parts.append(f"ETA {format_duration((self.total - self.done) / rate)}")
        parts.append(format_duration(elapsed))
        if self.extra:
            parts.append(self.extra)
        return " · ".join(parts)

    def draw(self) -> None:
        self._last_draw = self.clock()
        self._drawn = True
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class ProgressExtension:
    """Crawl progress: responses, items stored / rejected, requests queued, rate — once a second."""

    def __init__(self, crawler: Any, stream: TextIO | None = None) -> None:
        self.crawler = crawler
        self.progress: Progress | None = None
        self.stream = stream
        self._loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        if not crawler.settings.getbool("KZNEWS_PROGRESS", True) or not is_tty(sys.stderr):
            raise NotConfigured  # no message: a crawl under cron or systemd stays quiet about it
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.progress = Progress(spider.name, unit="items", stream=self.stream, enabled=True, interval=0)
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(1.0, now=False)

    def tick(self) -> None:
        if self.progress is None:
            return
        stats = self.crawler.stats
        stored = sum(
            int(stats.get_value(f"kznews/store/{k}", 0)) for k in ("new", "updated", "unchanged", "kept")
        )
        rejected = int(stats.get_value("kznews/validate/rejected", 0)) + int(
            stats.get_value("kznews/extract/exception", 0)
        )
        responses = int(stats.get_value("downloader/response_count", 0))
        not_modified = int(stats.get_value("kznews/incremental/not_modified", 0))
        queued = 0
        engine = getattr(self.crawler, "engine", None)
        scheduler = getattr(getattr(engine, "_slot", None), "scheduler", None)
        if scheduler is not None:
            try:
                queued = len(scheduler)
            except TypeError:
                queued = 0
        extra = f"{responses} pages, {not_modified} not modified, {rejected} rejected, {queued} queued"
        self.progress.update(stored, extra=extra)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self.progress is not None:
            self.tick()
            self.progress.close()
