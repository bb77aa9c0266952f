"""`kznews ingest FILE.jsonl`: articles read from a file, checked, then stored through the same item pipelines
as a crawled one (crawler/crawl/runner.py `PipelineRunner`).
"""

from __future__ import annotations

import functools
import json
import pkgutil
import re
from collections.abc import Iterable, Iterator
from dataclasses import fields
from urllib.parse import urlsplit

from crawler.items import Article

ARTICLE_FIELDS = {f.name for f in fields(Article)}
INGEST_REQUIRED = ("url", "site", "language", "title", "body")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x20\x7f-\x9f]")  # a URL has no spaces or control characters


class IngestError(ValueError):
    pass


def article_from_json(line: str) -> Article:
    """One JSON object with Article fields; `url`, `site`, `language`, `title`, `body` required.

    Derived downstream when missing: canonical URL and id, dates (from `published_at` or
    `published_raw`), reporter and cited sources (from the text).
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise IngestError(f"expected a JSON object, got {type(data).__name__}")
    # Hardening (issue 8): JSON may carry lone surrogates ("\ud800"), which no UTF-8 store can hold: drop them.
    data = {k: _SURROGATES.sub("", v) if isinstance(v, str) else v for k, v in data.items()}
    missing = [k for k in INGEST_REQUIRED if not data.get(k)]
    if missing:
        raise IngestError(f"missing required field{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    unknown = sorted(set(data) - ARTICLE_FIELDS)
    if unknown:
        raise IngestError(f"unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")
    for key in ("title", "body", "url", "site", "language"):
        if not isinstance(data[key], str):
            raise IngestError(f"field {key!r} must be a string")
    check_url_and_site(data["url"], data["site"])
    if not data.get("fetched_at"):
        from datetime import UTC, datetime

        data["fetched_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    candidates = list(data.pop("date_candidates", None) or [])
    if data.get("published_at"):
        candidates.insert(0, ["ingest", str(data.pop("published_at"))])
    if data.get("published_raw"):
        candidates.append(["ingest-raw", str(data.pop("published_raw"))])
    try:
        return Article(**data, date_candidates=candidates)
    except TypeError as exc:
        raise IngestError(f"a field has the wrong type ({exc})") from exc


@functools.cache
def known_sites() -> list[str]:
    """The site ids: one spider module per site (crawler/spiders/<site_id>.py), without importing them."""
    import crawler.spiders

    return sorted(
        m.name for m in pkgutil.iter_modules(crawler.spiders.__path__) if not m.name.startswith("_")
    )


def check_url_and_site(url: str, site: str) -> None:
    """Refuse what a reader or a terminal would act on (issue 21): a link that is not http(s)
    (javascript:, data:) and a site that is not one of ours (escape codes shown later by `kznews status`)."""
    try:
        parts = urlsplit(url.strip())
        scheme, hostname = parts.scheme.lower(), parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        scheme, hostname = "", None
    if scheme not in ("http", "https") or not hostname or _CONTROL.search(url.strip()):
        raise IngestError(f"url must be an http(s) URL, got {url[:80]!r}")
    sites = known_sites()
    if site not in sites:
        raise IngestError(f"site must be a known site id (one of {', '.join(sites)}), got {site[:40]!r}")


def read_jsonl(lines: Iterable[str]) -> Iterator[tuple[int, Article | None, str | None]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, article_from_json(line), None
        except IngestError as exc:
            yield number, None, str(exc)
