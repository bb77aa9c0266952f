"""200 — identity: the canonical URL and the stable article id derived from it (crawler/urls.py)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from crawler.items import Article
from crawler.urls import article_id, canonical_url, native_id


class CanonicalUrlPipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> CanonicalUrlPipeline:
        return cls()

    def process_item(self, item: Any) -> Any:
        # An Article's fields are its instance dict: using it directly skips ItemAdapter's per-item lookup.
        adapter: Any = vars(item) if type(item) is Article else ItemAdapter(item)
        adapter["canonical_url"] = canonical_url(adapter["url"])
        adapter["article_id"] = article_id(adapter["canonical_url"])
        if not adapter.get("native_id"):
            # the site's own id, when its URLs carry one
            adapter["native_id"] = native_id(adapter["url"], canonical=adapter["canonical_url"])
        alternates = adapter.get("alternates") or {}
        adapter["alternates"] = {lang: canonical_url(url) for lang, url in alternates.items()}
        return item
