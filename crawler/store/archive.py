"""The raw-page archive and the safety net for pages that fail.

`ArchiveMiddleware` keeps the bytes of every fetched article page (zlib-compressed, in the `pages`
table: SQLite rather than WARC so a page, its article and its reject share one file, one backup and
one transaction log, and `kznews reparse` needs no second store) and hands the page id to the
spider through `response.meta["page_id"]`.
`RejectOnErrorMiddleware` turns an exception in a spider callback into a `rejects` row that points
at the archived page, so a parser bug loses nothing: fix the parser, then `kznews reparse`.
"""

from __future__ import annotations

import traceback
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.store.articles import Store

KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Date", "Content-Language")


def kept_headers(response: Response) -> dict[str, str]:
    """The response headers the archive keeps beside the raw bytes."""
    headers = {}
    for key in KEPT_HEADERS:
        value = response.headers.get(key)
        if value is not None:
            headers[key] = value.decode("latin-1")
    return headers


class ArchiveMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveMiddleware:
        if not crawler.settings.getbool("KZNEWS_ARCHIVE_PAGES", True):
            raise NotConfigured("KZNEWS_ARCHIVE_PAGES is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("kznews_archive") and response.status == 200 and response.body:
            headers = kept_headers(response)
            store = Store.for_crawler(self.crawler)
            page_id = store.save_page(
                url=response.url,
                site=self.crawler.spider.name,
                status=response.status,
                body=response.body,
                headers=headers,
            )
            response.meta["page_id"] = page_id
            self.crawler.stats.inc_value("kznews/archive/pages")
        return response


class RejectOnErrorMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RejectOnErrorMiddleware:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> Iterable[Any]:
        store = Store.for_crawler(self.crawler)
        # Hardening (issue 8): a final 4xx/5xx is a download fault, not a parser bug; name its status.
        if isinstance(exception, HttpError):
            store.save_reject(
                url=response.url,
                site=self.crawler.spider.name,
                stage="download",
                reason=f"HTTP {response.status} (after retries)",
                page_id=response.meta.get("page_id"),
            )
            self.crawler.stats.inc_value(f"kznews/faults/http_{response.status}")
            return []
        frames = traceback.format_exception(type(exception), exception, exception.__traceback__)
        store.save_reject(
            url=response.url,
            site=self.crawler.spider.name,
            stage="extract",
            reason=f"{type(exception).__name__}: {exception}"[:500],
            detail="".join(frames[-3:])[:4000],
            page_id=response.meta.get("page_id"),
        )
        self.crawler.stats.inc_value("kznews/extract/exception")
        return []

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for item in result:
            yield item

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        yield from result
