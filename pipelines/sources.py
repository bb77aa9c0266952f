"""500 — sources: who published the article (`reporter`) and whom it cites (`cited_sources`, `cited_raw`).

The reporter comes from the crawled site (gov_kz: the agency slug in `section`) unless the spider set it.
Citations are detected in title + lead + body (crawler/sources.py, docs/sources.md): `cited_sources` holds
the ids of the registry sources cited, in order; `cited_raw` holds every attribution phrase as printed,
including those naming a source the registry does not know, so none is lost.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from crawler.crawl.writer import skip_in_crawl_process
from crawler.items import Article
from crawler.sources import Registry, detect_citations


class SourcesPipeline:
    def __init__(self, registry: Registry | None = None, stats: Any = None) -> None:
        self.registry = registry or Registry.load()
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> SourcesPipeline:
        skip_in_crawl_process(crawler)
        path = crawler.settings.get("KZNEWS_SOURCES_FILE")
        return cls(Registry.load(path), stats=crawler.stats)

    def _inc(self, event: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(f"kznews/sources/{event}", count)

    def process_item(self, item: Any) -> Any:
        # An Article's fields are its instance dict: using it directly skips ItemAdapter's per-item lookup.
        adapter: Any = vars(item) if type(item) is Article else ItemAdapter(item)
        reporter = adapter.get("reporter") or self.registry.reporter_for(
            adapter.get("site") or "", adapter.get("section")
        )
        adapter["reporter"] = reporter
        self._inc("reporter_set" if reporter else "reporter_unknown")

        text = "\n\n".join(
            part.strip()
            for part in (adapter.get(name) for name in ("title", "lead", "body"))
            if part and part.strip()
        )
        citations = detect_citations(
            text, lang=adapter.get("language"), registry=self.registry, reporter=reporter
        )
        cited: list[str] = []
        raw: list[str] = []
        for citation in citations:
            if citation.source_id and citation.source_id not in cited:
                cited.append(citation.source_id)
            if citation.phrase not in raw:
                raw.append(citation.phrase)
        adapter["cited_sources"] = cited
        adapter["cited_raw"] = raw
        self._inc("items")
        self._inc("cited_known", sum(1 for c in citations if c.source_id))
        self._inc("cited_unknown", sum(1 for c in citations if not c.source_id))
        return item
