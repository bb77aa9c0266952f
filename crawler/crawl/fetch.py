"""Fetch a few pages through the crawl's own Scrapy download path (for `kznews fixture` and people).

The crawl's settings and downloader middlewares (user agent, robots.txt, retries with Retry-After,
redirect guard, bounded decompression, the offline-mirror routing with KZNEWS_MIRROR, TLS handling)
apply unchanged; only the parts that write to the database (archive, incremental state, crawl history)
and the item pipelines are off. urllib would fail where Scrapy passes (www.akorda.kz failed TLS
certificate verification for a 2026 client; Scrapy does not verify certificates by default, as a crawl).

Scrapy's reactor cannot be restarted in one process, so `fetch_pages` runs the fetch in a child process
(`python -m crawler.crawl.fetch`): callable any number of times, from tests too.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

# The download path of a crawl without its database writers.
FETCH_SETTINGS: dict[str, Any] = {
    "ITEM_PIPELINES": {},
    "EXTENSIONS": {
        "crawler.ops.runs.CrawlRunsExtension": None,
        "crawler.ops.progress.ProgressExtension": None,
    },
    "SPIDER_MIDDLEWARES": {"crawler.store.archive.RejectOnErrorMiddleware": None},
    "KZNEWS_INCREMENTAL": False,
    "KZNEWS_RUNS_ENABLED": False,
    "LOG_LEVEL": "ERROR",
}
_OFF_MIDDLEWARES = (
    "crawler.store.archive.ArchiveMiddleware",
    "crawler.store.incremental.IncrementalMiddleware",
    "crawler.crawl.hardening.FaultRecorderMiddleware",
)


@dataclass
class Fetched:
    url: str
    status: int | None  # None: no answer (error says why)
    content_type: str
    body: bytes
    error: str | None = None


class FetchError(Exception):
    pass


def fetch_pages(urls: list[str], *, mirror_url: str | None = None, timeout: float = 20.0) -> list[Fetched]:
    """Each URL once, in order, through Scrapy (a child process); errors are in `Fetched.error`."""
    request = json.dumps({"urls": urls, "mirror": mirror_url, "timeout": timeout})
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": os.environ.get("SCRAPY_SETTINGS_MODULE", "crawler.settings"),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "crawler.crawl.fetch"],
            input=request,
            capture_output=True,
            text=True,
            timeout=timeout * max(len(urls), 1) + 60,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise FetchError(f"fetching {len(urls)} pages took longer than {exc.timeout:.0f} s") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise FetchError(f"the Scrapy fetch failed: {last}")
    out = []
    for row in json.loads(done.stdout):
        out.append(
            Fetched(
                url=row["url"],
                status=row["status"],
                content_type=row["content_type"],
                body=base64.b64decode(row["body"]),
                error=row["error"],
            )
        )
    return out


def _child() -> None:
    """Run in the child: read {"urls", "mirror", "timeout"} on stdin, print the answers as JSON."""
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    job = json.loads(sys.stdin.read())
    settings = get_project_settings()
    for key, value in FETCH_SETTINGS.items():
        settings.set(key, value, priority="cmdline")
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    for name in _OFF_MIDDLEWARES:
        middlewares[name] = None
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    settings.set("DOWNLOAD_TIMEOUT", float(job.get("timeout") or 20), priority="cmdline")
    if job.get("mirror"):
        settings.set("KZNEWS_MIRROR", job["mirror"], priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    results: dict[int, dict[str, Any]] = {}
    urls = list(job["urls"])

    class FetchSpider(scrapy.Spider):
        name = "kznews_fetch"

        async def start(self):  # type: ignore[no-untyped-def]
            for index, url in enumerate(urls):
                yield scrapy.Request(
                    url,
                    callback=self.keep,
                    errback=self.failed,
                    cb_kwargs={"index": index},
                    meta={"handle_httpstatus_all": True},
                    dont_filter=True,
                )

        def keep(self, response, index):  # type: ignore[no-untyped-def]
            results[index] = {
                "url": response.url,
                "status": response.status,
                "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
                "body": base64.b64encode(response.body).decode("ascii"),
                "error": None if response.status == 200 else f"HTTP {response.status}",
            }

        def failed(self, failure):  # type: ignore[no-untyped-def]
            index = failure.request.cb_kwargs["index"]
            results[index] = {
                "url": failure.request.url,
                "status": None,
                "content_type": "",
                "body": "",
                "error": failure.getErrorMessage() or type(failure.value).__name__,
            }

    process = CrawlerProcess(settings, install_root_handler=False)
    process.crawl(FetchSpider)
    process.start()
    rows = [
        results.get(i, {"url": u, "status": None, "content_type": "", "body": "", "error": "not fetched"})
        for i, u in enumerate(urls)
    ]
    sys.stdout.write(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    _child()
