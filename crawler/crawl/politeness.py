"""Politeness that settings alone do not give: `Retry-After` on 429 and 503.

Scrapy's RetryMiddleware retries 429/503 at once (after the download delay), ignoring the server's
`Retry-After`. `RetryAfterMiddleware` replaces it (same settings, same stats): when a 429 or 503 to be
retried carries `Retry-After` (seconds or an HTTP date), the retry waits that long — capped by
KZNEWS_RETRY_AFTER_MAX, so a hostile header costs a bounded wait — and the whole download slot of
that domain is paused for the same time, so the other requests to the site wait too instead of
hammering it. A Retry-After above the cap gives the request up (the server asked for more patience
than this run has). The rest of the politeness lives in settings.py: robots.txt, AutoThrottle,
per-domain concurrency and a User-Agent whose contact is KZNEWS_CONTACT.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response

log = logging.getLogger(__name__)

HONOURED = (429, 503)


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header value (delta-seconds or HTTP-date), None if absent/invalid."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that honours Retry-After on 429/503 (see the module docstring)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("KZNEWS_RETRY_AFTER_MAX", 300.0)

    def _pause_slot(self, request: Request, seconds: float) -> None:
        try:
            downloader = self.crawler.engine.downloader
        except (AttributeError, RuntimeError):  # no engine: a middleware used outside a crawl
            return
        key = request.meta.get("download_slot")
        slot = downloader.slots.get(key) if key is not None else None
        if slot is not None:
            # The slot sends nothing before lastseen + download delay (monotonic clock): move lastseen
            # forward by the wait. A slot without a delay (the loopback mirror) is not paced at all.
            delay = slot.download_delay()
            if delay > 0:
                slot.lastseen = max(slot.lastseen, time.monotonic() + seconds - delay)

    async def process_response(  # type: ignore[override]  # a coroutine: Scrapy awaits it
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if (
            response.status not in HONOURED
            or request.meta.get("dont_retry", False)
            or response.status not in self.retry_http_codes
        ):
            return super().process_response(request, response)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return super().process_response(request, response)
        stats = self.crawler.stats
        if wait > self.max_wait:
            stats.inc_value("kznews/politeness/retry_after_too_long")
            log.warning(
                "%s asks to retry after %.0f s (cap KZNEWS_RETRY_AFTER_MAX=%.0f s): giving up %s",
                response.status,
                wait,
                self.max_wait,
                request.url,
            )
            return response
        stats.inc_value("kznews/politeness/retry_after")
        stats.max_value("kznews/politeness/retry_after_max_seconds", wait)
        self._pause_slot(request, wait)
        retry = super().process_response(request, response)
        if isinstance(retry, Request) and wait > 0:
            await asyncio.sleep(wait)
        return retry
