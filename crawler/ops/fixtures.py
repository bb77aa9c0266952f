"""Golden fixtures: a saved page plus the normalised items expected from it.

`parse_page` is the one way a saved page is turned into items — the golden test, `kznews fixture`,
`kznews reparse` and the extraction benchmark all call it: build the response from the recorded
URL and bytes, run the spider callback, then the normalising pipelines with now = fetched_at.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.items import as_row

# Fields a golden case compares (the rest are bookkeeping: fetched_at, page ids, stats).
COMPARED_FIELDS = (
    "url",
    "canonical_url",
    "site",
    "language",
    "title",
    "lead",
    "body",
    "authors",
    "tags",
    "image",
    "native_id",
    "published_raw",
    "published_at",
    "date_precision",
    "date_source",
    "date_flag",
    "updated_at",
    "reporter",
    "cited_sources",
)


class FixtureError(Exception):
    pass


_LOADER: SpiderLoader | None = None


def spider_class(site: str) -> Any:
    global _LOADER
    if _LOADER is None:
        _LOADER = SpiderLoader.from_settings(get_project_settings())
    return _LOADER.load(site)


def normalising_pipelines() -> list[Any]:
    from pipelines.canonical_url import CanonicalUrlPipeline
    from pipelines.clean_text import CleanTextPipeline
    from pipelines.dates import DatesPipeline
    from pipelines.sources import SourcesPipeline

    return [CleanTextPipeline(), CanonicalUrlPipeline(), DatesPipeline(), SourcesPipeline()]


_SPIDERS: dict[str, Any] = {}


def site_spider(site: str, callback: str) -> Any:
    """The spider a callback runs in. A crawl runs every page through one spider instance, so article
    pages share one per site; other callbacks (listings, API lists) keep per-run state such as the
    requested-URL set, so each of those calls gets a fresh spider, as a fresh run would."""
    if callback != "parse_article":
        return spider_class(site)()
    spider = _SPIDERS.get(site)
    if spider is None:
        spider = _SPIDERS[site] = spider_class(site)()
    return spider


def page_response(
    url: str,
    body: bytes,
    *,
    meta: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> TextResponse:
    """The response a crawl would hand the callback for these recorded bytes (and its request)."""
    request = Request(url, meta=dict(meta or {}))
    content_type = (headers or {}).get("Content-Type", "")
    cls = TextResponse if "json" in content_type else HtmlResponse
    return cls(url=url, body=body, request=request, headers=headers or {}, encoding=None)


def parse_response(
    site: str,
    response: TextResponse,
    *,
    fetched_at: str,
    callback: str = "parse_article",
    pipelines: list[Any] | None = None,
) -> list[dict[str, Any]]:
    """The spider callback and the normalising pipelines on an existing response (`page_response`)."""
    spider = site_spider(site, callback)
    out = []
    for item in getattr(spider, callback)(response, **response.meta.get("cb_kwargs", {})):
        if isinstance(item, Request):
            continue
        item.fetched_at = fetched_at
        for pipeline in pipelines if pipelines is not None else normalising_pipelines():
            item = pipeline.process_item(item)
        out.append(as_row(item))  # shallow: the item is not used after this
    return out


def parse_page(
    site: str,
    url: str,
    body: bytes,
    *,
    fetched_at: str,
    meta: dict[str, Any] | None = None,
    callback: str = "parse_article",
    headers: dict[str, str] | None = None,
    pipelines: list[Any] | None = None,
) -> list[dict[str, Any]]:
    response = page_response(url, body, meta=meta, headers=headers)
    return parse_response(site, response, fetched_at=fetched_at, callback=callback, pipelines=pipelines)


def expected_view(item: dict[str, Any]) -> dict[str, Any]:
    return {key: item.get(key) for key in COMPARED_FIELDS}


def mirror_provenance(url: str) -> str | None:
    from crawler.crawl.mirror import MIRROR_DIR, mirror_path

    manifest = Path(MIRROR_DIR) / "MANIFEST"
    if not manifest.exists():
        return None
    rel = mirror_path(url)
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.startswith(rel + "\t"):
            return line.split("\t", 1)[1]
    return None


def capture(
    site: str,
    url: str,
    *,
    dest: Path,
    timeout: float = 20.0,
    mirror_url: str | None = None,
    kind: str = "article",
    meta: dict[str, Any] | None = None,
) -> tuple[Path, Path]:
    """Fetch a page once and write <dest>/<site>/<date>_<kind>.{html,json} for review.

    The page is fetched through the crawl's Scrapy download path (crawler/crawl/fetch.py). With `mirror_url`
    it comes from the offline mirror server (the real URL is kept and the MANIFEST's provenance is
    recorded); otherwise from the live site.
    """
    from urllib.parse import urlsplit

    from crawler.crawl.fetch import FetchError, fetch_pages

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise FixtureError(f"{url!r} is not a URL this command can fetch")
    # The crawl's own Scrapy download path (crawler/crawl/fetch.py): what the crawl can fetch, this can.
    try:
        (answer,) = fetch_pages([url], mirror_url=mirror_url, timeout=timeout)
    except FetchError as exc:
        raise FixtureError(f"could not fetch {url}: {exc}") from exc
    if answer.status != 200:
        raise FixtureError(
            f"could not fetch {url} ({answer.error}); this needs internet access to the live site"
            if answer.status is None
            else f"{url} answered HTTP {answer.status}, not a page to keep"
        )
    body, content_type = answer.body, answer.content_type
    fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    items = parse_page(
        site, url, body, fetched_at=fetched_at, headers={"Content-Type": content_type}, meta=meta
    )
    folder = dest / site
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{fetched_at[:10]}_{kind}"
    n = 1
    while (folder / f"{stem}.html").exists():
        n += 1
        stem = f"{fetched_at[:10]}_{kind}{n}"
    html_path = folder / f"{stem}.html"
    json_path = folder / f"{stem}.json"
    html_path.write_bytes(body)
    provenance = (
        f"mirror: {mirror_provenance(url)}"
        if mirror_url
        else f"real: fetched live by kznews fixture on {fetched_at}"
    )
    record = {
        "url": url,
        "fetched_at": fetched_at,
        "provenance": provenance,
        "content_type": content_type,
        "meta": meta or {},
        "expected": [expected_view(i) for i in items],
    }
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return html_path, json_path
