"""Zakon.kz — www.zakon.kz (Russian) and kaz.zakon.kz (Kazakh). sites.md §1.

Entry points, newest first: the sitemap index (www: numbered children /sitemap/<N>.xml, highest N
newest; kaz: a flat /sitemap.xml), the news listing /news/ and its AJAX continuation
/news/?handler=LoadMoreNews&p=N&type=list (HTML, or JSON whose strings hold the HTML), and the RSS
feed /rss.xml (www only; no Kazakh feed is known).
Article URLs: /<section>/<id>-<slug>.html or /<id>-<slug>.html; the numeric id is the key.
Skipped: /pbf/, /special/, special.zakon.kz (ads and special projects).
Page (2024–2026): h1; lead div.description; body = the first div with class exactly "content"
inside div.article__block, cut at the share / Google News / tags blocks; JSON-LD articleBody holds
only the lead; the document <title> carries the time: "<headline> ᐈ новость от 16:55, 01 октября
2026 на zakon.kz". Confidence: URLs and cards high, body container medium-high, date element
(time.date) medium-low — hence the JSON-LD → meta → site → <title> order of date candidates.
Layout history: 2018 div#initial_news_story / span.news_date; 2021 div.zmainCard*; 2024+ as above.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from crawler.crawl.base import NewsSpider

HOSTS = {"ru": "www.zakon.kz", "kk": "kaz.zakon.kz"}
ARTICLE_PATH = re.compile(r"/(?:[a-z0-9_-]+/)?(\d{5,9})-[^/]*\.html$")
EXCLUDED = ("/pbf/", "/special/", "special.zakon.kz", "/tags/", "/author/", "/document/", "/amp/")


def is_article_url(url: str) -> bool:
    parts = urlsplit(url)
    return (
        parts.hostname in HOSTS.values()
        and bool(ARTICLE_PATH.search(parts.path))
        and not any(x in url for x in EXCLUDED)
    )


class ZakonKzSpider(NewsSpider):
    name = "zakon_kz"
    source_kind = "news"
    languages = ("ru", "kk")
    allowed_domains = ["zakon.kz"]
    declared_fields = {
        "title": (0.95, "site"),
        "body": (0.95, "site"),
        "lead": (0.8, "site"),
        "published": (0.95, "title"),
    }
    declared_precision = "minute"  # every page prints the time (the <title> at least)
    articles_per_day = 300.0

    listing_path = "/news/"
    load_more_path = "/news/?handler=LoadMoreNews&p={page}&type=list"
    card_link = "a.newscard_link"
    card_title = ".newscard__title"
    card_date = ".newscard__date"
    sitemaps = {"ru": "/sitemap/index.xml", "kk": "/sitemap.xml"}
    feeds = {"ru": "/rss.xml"}

    title_selectors = ("h1",)
    title_suffix = r"\s*ᐈ.*$"
    title_date_pattern = re.compile(r"новость от (?P<date>\d{1,2}:\d{2},\s*\d{1,2}\s+\S+\s+\d{4})")
    lead_selectors = ("div.description",)
    body_selectors = (
        # CSS for the class test: compiled() then reads the class attributes only (half the XPath's cost)
        'div.article__block div[class="content"]',
        '//div[contains(@class, "content")][p]',
    )
    body_cut_selectors = ('[class^="willShare"]', '[class^="google-news-follow"]', ".tags.newsTags")
    date_selectors = ('//time[contains(@class, "date")]',)
    author_selectors = ('a[href*="/authors/"]',)
    tag_selectors = (".tags.newsTags a",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._feeds_asked: set[str] = set()

    def language_for(self, response: Response) -> str | None:
        return "kk" if urlsplit(response.url).hostname == HOSTS["kk"] else "ru"

    async def start(self) -> AsyncIterator[Any]:
        for lang in self.langs:
            base = f"https://{HOSTS[lang]}"
            yield scrapy.Request(
                base + self.sitemaps[lang],
                callback=self.parse_sitemap,
                cb_kwargs={"lang": lang},
                errback=self.entry_failed,
            )
            yield scrapy.Request(
                base + self.listing_path,
                callback=self.parse_listing,
                cb_kwargs={"lang": lang, "page": 1},
                errback=self.entry_failed,
            )
            # Feeds: the homepage's <link rel="alternate"> (www.zakon.kz/rss.xml answered 404 in 2026 and the
            # homepage advertised none), and the known path; a dead one is remembered, not asked every run.
            home = self.entry_request(base + "/", self.parse_home, cb_kwargs={"lang": lang})
            if home is not None:
                yield home
            if lang in self.feeds:
                for feed in self.feed_request(base + self.feeds[lang], lang):
                    yield feed

    # --- sitemaps -----------------------------------------------------------------------------------

    def parse_sitemap(self, response: Response, lang: str) -> Iterator[Any]:
        sitemap = Sitemap(response.body)  # lxml without entity expansion or network access
        if sitemap.type == "sitemapindex":
            children = [entry["loc"] for entry in sitemap]

            def number(url: str) -> int:
                found = re.search(r"/(\d+)\.xml$", url)
                return int(found.group(1)) if found else -1

            children.sort(key=number, reverse=True)  # the highest number holds the newest URLs
            self.entry_seen(response.url, len(children))
            for child in children[: (self.max_pages if self.since else 1)]:
                yield scrapy.Request(child, callback=self.parse_sitemap, cb_kwargs={"lang": lang})
            return
        entries = list(sitemap)
        self.entry_seen(response.url, sum(1 for e in entries if is_article_url(e.get("loc", ""))))
        for entry in entries:
            url = entry.get("loc", "")
            lastmod = entry.get("lastmod")
            if not is_article_url(url):
                continue
            # The hint counts even for a URL this run has already stored (a late hint, crawler/crawl/datehints.py):
            # skipping it with the URL would make the stored date depend on which page answered first.
            self.add_date_hint(url, "sitemap", lastmod)
            if self.too_old(lastmod, lang=lang):
                continue
            if self.is_known(url) and not self.needs_refresh(url, lastmod=lastmod):
                continue
            request = self.article_request(url, hint=("sitemap", lastmod))
            if request is not None:
                yield request

    # --- listing and LoadMoreNews -----------------------------------------------------------------

    def cards(self, sel: Selector) -> list[tuple[str, str | None]]:
        out = []
        for card in sel.css(self.card_link):
            href = card.attrib.get("href")
            if not href:
                continue
            date_text = " ".join(card.css(f"{self.card_date} ::text").getall()).strip() or None
            if date_text is None:  # the date may sit beside the link in the card
                date_text = (
                    " ".join(
                        card.xpath(f"..//*[contains(@class, '{self.card_date[1:]}')]//text()").getall()
                    ).strip()
                    or None
                )
            out.append((href, date_text))
        return out

    def parse_listing(self, response: Response, lang: str, page: int) -> Iterator[Any]:
        sel = self.listing_selector(response)
        cards = [(response.urljoin(href), when) for href, when in self.cards(sel)]
        if not cards:
            cards = self.fallback_cards(sel, response.url, is_article_url, lang=lang)
        cards = [(u, w) for u, w in cards if is_article_url(u)]
        if page == 1:
            self.entry_seen(response.url, len(cards))
        # "New" means not stored yet; a card already requested this run (from the sitemap or the
        # feed) still counts, so the order in which entry points answer cannot stop the paging.
        fresh = set(self.new_links(u for u, _ in cards))
        for url, when in cards:
            # The hint counts even for a URL this run has already stored (a late hint, crawler/crawl/datehints.py):
            # skipping it with the URL would make the stored date depend on which page answered first.
            self.add_date_hint(url, "listing", when)
            if (url in fresh or self.needs_refresh(url)) and not self.too_old(when, lang=lang):
                request = self.article_request(url, meta={"listing_date": when} if when else None)
                if request is not None:
                    yield request
        self.crawler.stats.inc_value(f"kznews/listing/{self.name}/pages")
        oldest = cards[-1][1] if cards else None
        if self.listing_continue(page=page, links=len(cards), new=len(fresh), oldest=oldest, lang=lang):
            url = f"https://{HOSTS[lang]}" + self.load_more_path.format(page=page + 1)
            yield scrapy.Request(url, callback=self.parse_listing, cb_kwargs={"lang": lang, "page": page + 1})

    @staticmethod
    def listing_selector(response: Response) -> Selector:
        """LoadMoreNews answers HTML or JSON wrapping HTML strings: gather every string holding markup."""
        text = response.text
        if text.lstrip()[:1] in ("{", "["):
            try:
                data = json.loads(text)
            except ValueError:
                return Selector(text=text)
            fragments: list[str] = []

            def walk(value: Any) -> None:
                if isinstance(value, str) and "<" in value:
                    fragments.append(value)
                elif isinstance(value, dict):
                    for inner in value.values():
                        walk(inner)
                elif isinstance(value, list):
                    for inner in value:
                        walk(inner)

            walk(data)
            return Selector(text="<html><body>" + "\n".join(fragments) + "</body></html>")
        return Selector(text=text)

    # --- RSS --------------------------------------------------------------------------------------------

    def feed_request(self, url: str, lang: str) -> Iterator[scrapy.Request]:
        if url in self._feeds_asked:
            return
        self._feeds_asked.add(url)
        request = self.entry_request(url, self.parse_feed, cb_kwargs={"lang": lang})
        if request is not None:
            yield request

    def parse_home(self, response: Response, lang: str) -> Iterator[Any]:
        """Feed discovery: the homepage's <link rel="alternate" type="application/rss+xml|atom+xml">."""
        sel = Selector(text=response.text)
        links = sel.xpath(
            '//link[contains(@rel, "alternate")][contains(@type, "rss") or contains(@type, "atom")]/@href'
        ).getall()
        for href in links:
            url = response.urljoin(href.strip())
            if urlsplit(url).hostname == HOSTS[lang]:
                self.crawler.stats.inc_value(f"kznews/{self.name}/feeds_discovered")
                yield from self.feed_request(url, lang)

    def parse_feed(self, response: Response, lang: str) -> Iterator[Any]:
        sel = Selector(text=response.text, type="xml")
        self.entry_seen(response.url, len(sel.xpath("//item")))
        for entry in sel.xpath("//item"):
            url = (entry.xpath("link/text()").get() or "").strip()
            when = (entry.xpath("pubDate/text()").get() or "").strip() or None
            if is_article_url(url):  # stored this run already or not: the hint counts (parse_listing)
                self.add_date_hint(url, "rss", when)
            if not is_article_url(url) or self.is_known(url) or self.too_old(when, lang="en"):
                continue
            request = self.article_request(url, meta={"listing_date": ["rss", when]} if when else None)
            if request is not None:
                yield request
