"""400 — validation: an article without its required fields becomes a `rejects` row with the reason
and a pointer to its archived raw page, never a silent drop."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler.items import MIN_BODY_CHARS, REQUIRED_FIELDS
from crawler.store.articles import Store


def problems(adapter: ItemAdapter) -> list[str]:
    found = [f"no {name}" for name in REQUIRED_FIELDS if not adapter.get(name)]
    body = adapter.get("body") or ""
    if body and len(body) < MIN_BODY_CHARS:
        found.append(f"body too short ({len(body)} < {MIN_BODY_CHARS} characters)")
    if adapter.get("language") not in (None, "kk", "ru", "en"):
        found.append(f"unsupported language {adapter.get('language')!r}")
    error = (adapter.get("field_sources") or {}).get("error")
    if error:
        found.insert(0, error)
    return found


class ValidatePipeline:
    def __init__(self, crawler: Any = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        found = problems(adapter)
        if not found:
            return item
        reason = "; ".join(found)
        if self.crawler is not None:
            Store.for_crawler(self.crawler).save_reject(
                url=adapter.get("url"),
                site=adapter.get("site"),
                stage="validate",
                reason=reason,
                page_id=adapter.get("page_id"),
            )
            self.crawler.stats.inc_value("kznews/validate/rejected")
        raise DropItem(f"rejected {adapter.get('url')}: {reason}")
