"""100 — text: NFC, whitespace, captions and trailers out of the body (rules in crawler/text.py)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from crawler.items import Article
from crawler.text import clean_body, clean_inline, headline_with_affix


class CleanTextPipeline:
    def __init__(self, stats: Any = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanTextPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        # An Article's fields are its instance dict: using it directly skips ItemAdapter's per-item lookup.
        adapter: Any = vars(item) if type(item) is Article else ItemAdapter(item)
        for field in ("title", "lead"):
            adapter[field] = clean_inline(adapter.get(field))
        if headline_with_affix(adapter.get("lead"), adapter.get("title")):
            # og:description holding the document title ("<headline> — <site name>") is no standfirst
            adapter["lead"] = None
        before = adapter.get("body") or ""
        adapter["body"] = clean_body(adapter.get("body"), title=adapter.get("title"))
        lead, body = adapter.get("lead"), adapter.get("body") or ""
        paragraphs = body.split("\n\n")
        if lead and len(paragraphs) > 1 and paragraphs[0] == lead:
            # The lead repeated as the body's first paragraph: keep it once (whole paragraphs only).
            adapter["body"] = "\n\n".join(paragraphs[1:])
        adapter["authors"] = [a for a in (clean_inline(x) for x in adapter.get("authors") or []) if a]
        adapter["tags"] = list(
            dict.fromkeys(t for t in (clean_inline(x) for x in adapter.get("tags") or []) if t)
        )
        if self.stats is not None and len(before) != len(adapter.get("body") or ""):
            self.stats.inc_value("kznews/clean_text/trimmed")
        return item
