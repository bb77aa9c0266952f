"""primeminister.kz — the Government of Kazakhstan (Prime Minister's office), in Russian, Kazakh and English. sites.md §2.

Languages: URL prefixes /ru, /kz (language kk), /en. One release keeps its trailing id in every
language; the slug is translated (the English slug is an English title).
Entry points: the news listing /{lang}/news with pagination, and /sitemap.xml when the site has one.
- Pagination is NOT documented for the current site. The spider asks for `?page=N` first; when page 2
  in that form is missing or repeats page 1 (a site that ignores the parameter), it switches to the
  pre-redesign form `/{lang}/news/page/N` (the old site, ~2020–21: 1441 pages, no "next" link).
- Day archive: NOT crawled. /{lang}/archive is a form (select day/month/year, then the button
  `button.archive__select.desktop_button`, driven by script) whose result lists `div.blog__container > a`
  with `span.article__date` like `15 июл 2026`. No GET URL for a day is known, so none is invented;
  backfills (`-a since=`) walk the listing pages instead (`KZNEWS_PM_ARCHIVE_MAX_DAYS` is unused until a
  form submission is confirmed on the live site).
Article URLs: /{lang}/news/[<category>/]<slug>-<id>; ids run ~29000 (2025) to ~31800 (mid-2026);
pre-redesign ids are larger (280497 in Jan 2021) — do not order by id across the redesign.
Page: the current markup is NOT confirmed. Layers: og:title / og:image / article:published_time where
present; then h1, `.article__date` (the class documented on archive cards), a body container
`div.article__content` (ASSUMED), and the old site's `h1.main-news-item__head` / `div.date` as fallbacks;
then the generic fallback. Listing card dates (day only) are handed over as `["listing", text]`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from crawler.crawl import extract as ex
from crawler.crawl.base import NewsSpider
from crawler.items import Article

BASE = "https://primeminister.kz"
URL_LANG = {"ru": "ru", "kk": "kz", "en": "en"}
LANG_OF_PREFIX = {"ru": "ru", "kz": "kk", "en": "en"}
ARTICLE_PATH = re.compile(
    r"^/(ru|kz|en)/news/(?:(?P<category>[a-z_]+)/)?(?P<slug>[a-z0-9-]+)-(?P<id>\d{3,8})/?$"
)
SWITCH_LABELS = {"қаз": "kk", "каз": "kk", "kz": "kk", "рус": "ru", "ru": "ru", "eng": "en", "en": "en"}
ALMATY = ZoneInfo("Asia/Almaty")


def is_article_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.hostname in ("primeminister.kz", "www.primeminister.kz") and bool(
        ARTICLE_PATH.match(parts.path)
    )


class PrimeministerKzSpider(NewsSpider):
    name = "primeminister_kz"
    source_kind = "gov"
    languages = ("ru", "kk", "en")
    allowed_domains = ["primeminister.kz"]
    declared_fields = {"title": (0.95, "site"), "body": (0.95, "site"), "published": (0.9, "listing")}
    declared_precision = "day"
    articles_per_day = 20.0

    # Pagination forms, tried in this order (see the module docstring).
    page_forms = {
        "query": BASE + "/{code}/news?page={page}",
        "bare": BASE + "/{code}/news",  # page 1 only, when ?page=1 is refused
        "path": BASE + "/{code}/news/page/{page}",
    }
    sitemap_url = BASE + "/sitemap.xml"
    # Current archive cards; news cards that are the link themselves (`a.article`, 2025-26 crawlers); the
    # old site's items.
    card_links = ("div.blog__container > a", "a.article", "a.item")
    card_date = "span.article__date::text"

    title_selectors = ("article h1", "h1.main-news-item__head", "h1")
    title_suffix = r"\s*\|[^|]*$"  # "<title> | <site name>" in <title>
    body_selectors = ("article div.article__content", "div.article__content", "div.main-news-item__text")
    body_cut_selectors = (".article__share",)
    date_selectors = ("article .article__date", "div.date")
    image_selectors = ("article .article__image img::attr(src)",)
    language_switch_selectors = ()

    ordered_ids = True  # ~29000 (2025) to ~31800 (mid-2026); pre-redesign ids are not in that order

    def ordered_id(self, item: dict[str, Any]) -> int | None:
        number = super().ordered_id(item)
        return number if number is not None and number < 100000 else None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._first_page: dict[str, set[str]] = {}

    def language_for(self, response: Response) -> str | None:
        prefix = urlsplit(response.url).path.strip("/").split("/", 1)[0]
        return LANG_OF_PREFIX.get(prefix)

    async def start(self) -> AsyncIterator[Any]:
        for lang in self.langs:
            yield self.listing_request(lang, 1, "query")
        yield scrapy.Request(
            self.sitemap_url, callback=self.parse_sitemap, priority=-1, meta={"handle_httpstatus_list": [404]}
        )

    def listing_request(self, lang: str, page: int, form: str) -> scrapy.Request:
        return scrapy.Request(
            self.page_forms[form].format(code=URL_LANG[lang], page=page),
            callback=self.parse_listing,
            cb_kwargs={"lang": lang, "page": page, "form": form},
            meta={"handle_httpstatus_list": [404]},
            errback=self.entry_failed if page == 1 else None,
        )

    def cards(self, response: TextResponse) -> list[tuple[str, str | None]]:
        out: list[tuple[str, str | None]] = []
        for query in self.card_links:
            for a in response.css(query):
                href = a.attrib.get("href")
                if not href:
                    continue
                url = response.urljoin(href.strip())
                if is_article_url(url):
                    out.append((url, (a.css(self.card_date).get() or "").strip() or None))
            if out:
                return out
        # Unknown card markup: any link that has the article URL form, with the date printed in its card.
        lang = LANG_OF_PREFIX.get(urlsplit(response.url).path.strip("/").split("/", 1)[0])
        return self.fallback_cards(ex.page_root(response), ex.base_url(response), is_article_url, lang=lang)

    def follow_cards(self, cards: list[tuple[str, str | None]], lang: str) -> Iterator[scrapy.Request]:
        fresh = set(self.new_links(u for u, _ in cards))
        for url, when in cards:
            self.add_date_hint(url, "listing", when)  # stored this run or not: see zakon_kz.parse_listing
            if (url in fresh or self.needs_refresh(url)) and not self.too_old(when, lang=lang):
                request = self.article_request(
                    url, meta={"listing_date": ["listing", when]} if when else None
                )
                if request is not None:
                    yield request

    def parse_listing(self, response: Response, lang: str, page: int, form: str) -> Iterator[Any]:
        cards = self.cards(response) if isinstance(response, TextResponse) and response.status == 200 else []
        links = {u for u, _ in cards}
        if page == 1 and form == "query" and not links:
            yield self.listing_request(lang, 1, "bare")
            return
        if page == 1:
            self._first_page[lang] = links
            if links or form == "bare":  # the bare form is the last page-1 attempt
                self.entry_seen(response.url, len(links))
        elif form == "query" and (not links or links == self._first_page.get(lang)):
            # `?page=N` missing or ignored by the site: try the pre-redesign /news/page/N form instead.
            self.logger.info(
                "primeminister_kz: %s gave no new page; trying /news/page/%d", response.url, page
            )
            yield self.listing_request(lang, page, "path")
            return
        if response.status != 200:
            return
        fresh = set(self.new_links(links))
        yield from self.follow_cards(cards, lang)
        self.crawler.stats.inc_value(f"kznews/listing/{self.name}/pages")
        oldest = cards[-1][1] if cards else None
        if self.listing_continue(page=page, links=len(cards), new=len(fresh), oldest=oldest, lang=lang):
            yield self.listing_request(lang, page + 1, "query" if form == "bare" else form)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.status != 200:
            return
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # noqa: BLE001 - an HTML error page where the sitemap should be
            self.logger.info("primeminister_kz: %s is not a sitemap", response.url)
            return
        for entry in sitemap:
            url = entry.get("loc", "")
            if not is_article_url(url):
                continue
            found = ARTICLE_PATH.match(urlsplit(url).path)
            if found is None or LANG_OF_PREFIX[found.group(1)] not in self.langs:
                continue
            lastmod = entry.get("lastmod")
            self.add_date_hint(url, "sitemap", lastmod)  # stored this run or not: see zakon_kz.parse_listing
            if self.too_old(lastmod) or (self.is_known(url) and not self.needs_refresh(url, lastmod=lastmod)):
                continue
            request = self.article_request(url, priority=-1, hint=("sitemap", lastmod))
            if request is not None:
                yield request

    def parse_article(self, response: Response, **kwargs: Any) -> Iterator[Article]:
        found = ARTICLE_PATH.match(urlsplit(response.url).path)
        item = self.extract_article(
            response,
            native_id=found.group("id") if found else None,
            section=found.group("category") if found and found.group("category") else "news",
        )
        if isinstance(response, TextResponse):
            item.alternates = self.switch_links(response) or item.alternates
        yield item

    def switch_links(self, response: TextResponse) -> dict[str, str]:
        own = self.language_for(response)
        out: dict[str, str] = {}
        for a in ex.find(ex.page_root(response), ".header__lang a"):
            lang = SWITCH_LABELS.get(ex.normalize_space(a).lower())
            href = a.attrib.get("href")
            if lang and href and lang != own:
                url = ex.page_urljoin(response, href)
                if is_article_url(url):
                    out.setdefault(lang, url)
        return out
