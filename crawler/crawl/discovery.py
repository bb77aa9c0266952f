"""How a spider finds article pages: the discovery mechanisms every site spider shares.

A site module declares its entry points as class constants (crawler/spiders/*.py); `Discovery`, a base
of `crawler.crawl.base.NewsSpider`, turns them into requests and reads the answers the same way for every
site. The parts, in the order a crawl meets them:

    start()                          per language: sitemap, listing pages, homepage feed links, feeds;
                                     then a site-wide sitemap; then one JSON API chain per publisher
    parse_sitemap()                  `sitemaps` / `sitemap_url`: an index (children newest first) or a urlset
                                     of article URLs with lastmod hints
    parse_listing(), cards(),        `listing_url` (+ `listing_next_url` for a load-more continuation whose
    read_cards(), follow_cards()     answer is HTML or JSON wrapping HTML), cards by `card_selector` /
                                     `card_links` / `card_date`, paging by `listing_continue`
    form_request(), next_form(),     `listing_url_forms`: paging forms tried in order (a site that may ignore
    parse_form_listing()             its page parameter)
    parse_home(), parse_feed()       `feeds` (RSS), and with `feed_discovery` the homepage's feed links
    check_request(), parse_check()   `api_check_url`: one GraphQL call asking every publisher x language list
                                     for its newest ids; only the lists with an unknown id are read (below)
    ticket_request() … parse_list()  `api_list_url`: a JSON API paged per publisher and language, one call
                                     at a time, behind an optional access ticket (`ticket_url`)
    entry_request(), entry_seen(),   health bookkeeping of entry points (url_state, stats)
    entry_failed()

Each mechanism also remembers the date an entry point gives for an article (listing card, feed entry,
sitemap lastmod) before any filter, so the stored date does not depend on which page answered first.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from crawler.crawl import extract as ex
from crawler.items import Article
from crawler.urls import canonical_url

# The mechanisms use the spider's core (crawler/crawl/base.py SpiderCore: requests, hints, the store), the other
# base of NewsSpider. It is not imported here, so the two modules import one way (base → discovery).
_Core: Any = object

Cards = list[tuple[str, str | None]]  # (absolute article URL, the date text its card or entry prints)


def query(node: Any, q: str) -> Any:
    """A parsel query: XPath when it starts with "/", "./" or ".." (relative to a card), else CSS."""
    return node.xpath(q) if q.startswith(("/", "./", "..")) else node.css(q)


def wrapped_html(text: str) -> Selector | None:
    """A load-more answer that is JSON whose strings hold the HTML (zakon.kz's LoadMoreNews in one of its
    forms): every string holding markup, gathered into one page. None when the answer is not JSON."""
    if text.lstrip()[:1] not in ("{", "["):
        return None
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


_SRC = re.compile(r'(?P<attr>\b(?:src|href))=(?P<q>["\'])(?P<url>/[^"\']*)(?P=q)', re.IGNORECASE)


def absolutize(body_html: str, base: str) -> str:
    """Relative src/href in an API body made absolute (`/uploads/...` → `<base>/uploads/...`)."""
    return _SRC.sub(
        lambda m: f"{m.group('attr')}={m.group('q')}{urljoin(base, m.group('url'))}{m.group('q')}", body_html
    )


def clean_body(body_html: str, base: str) -> tuple[list[str], list[str]]:
    """(text paragraphs, absolute image URLs) of an API item's HTML body."""
    html = absolutize(body_html or "", base)
    # The lxml tree and compiled queries directly (crawler/crawl/extract.py): no parsel wrappers per result.
    root = ex.parse_html(f'<html><body><div id="kznews-api-body">{html}</div></body></html>')
    images = [src for src in ex.find(root, "#kznews-api-body img::attr(src)") if src.strip()]
    container = ex.find(root, "#kznews-api-body")
    paragraphs = ex.paragraphs(container[0]) if container else []
    return paragraphs, images


def api_items(data: Any, keys: Sequence[str] = ("content",)) -> list[dict[str, Any]] | None:
    """The items of a list answer: a bare JSON array or an object holding it under one of `keys`; None
    when the answer is neither."""
    if isinstance(data, list):
        return [x for x in data if isinstance(x, dict)]
    for key in keys:
        if isinstance(data, dict) and isinstance(data.get(key), list):
            return [x for x in data[key] if isinstance(x, dict)]
    return None


def set_cookies(response: Response) -> dict[str, str]:
    """The cookies a response sets (name: value): an access ticket's session, carried by its list calls."""
    cookies: dict[str, str] = {}
    for header in response.headers.getlist("Set-Cookie"):
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header.decode("latin-1"))
        except CookieError:  # a malformed cookie is the server's; the jar of this process still has the rest
            continue
        cookies.update({name: morsel.value for name, morsel in jar.items()})
    return cookies


def _first(raw: dict[str, Any], keys: Sequence[str]) -> Any:
    for key in keys:
        if raw.get(key):
            return raw[key]
    return None


class Discovery(_Core):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._feeds_asked: set[str] = set()  # feed URLs requested this run (declared or discovered)
        self._ticketed: set[str] = set()  # publishers asked for an access ticket this run (health reads it)
        self.ticket_limit: int | None = None  # learnt: list calls one ticket serves (None: no limit seen)
        self._first_page: dict[str, set[str]] = {}  # language -> page 1's article links (listing_url_forms)
        self._checked: set[str] = set()  # publishers whose lists this run reads because the check saw news

    # --- what a site declares -------------------------------------------------------------------------
    # URLs: absolute, or a path on the language's host; templates take {host}, {code}, {section}, {page}.
    hosts: ClassVar[dict[str, str]] = {}  # language -> host; a page on another host is the first language
    url_codes: ClassVar[dict[str, str]] = {}  # language -> first path segment (/kz/ for kk)
    # Sitemaps: one per language (`sitemaps`) or one for the site (`sitemap_url`, filtered by language).
    sitemaps: ClassVar[dict[str, str]] = {}
    sitemap_url: ClassVar[str | None] = None
    sitemap_optional: ClassVar[bool] = False  # may be missing (404, an HTML page): not an entry point then
    sitemap_priority: ClassVar[int] = 0  # of the sitemap and the articles it brings
    # Listings: page 1 at listing_url, the next pages at listing_next_url (a load-more handler) if given.
    listing_url: ClassVar[str | None] = None
    listing_next_url: ClassVar[str | None] = None
    listing_sections: ClassVar[Sequence[str | None]] = (None,)
    listing_section_meta: ClassVar[str | None] = None  # request meta key handing the section to the article
    # A paging form the site may ignore: listing URL forms (name -> template) tried in order instead of
    # listing_url. A form without {page} stands in for an empty or missing page 1 (the next pages go on in the
    # first form); a later form with {page} for a page N >= 2 missing, empty or repeating page 1.
    listing_url_forms: ClassVar[dict[str, str]] = {}
    # Cards: each `card_selector` container (its first `card_links` match is the link), or, without one,
    # the `card_links` elements themselves (the first query that finds article links wins). `card_date`:
    # queries for the card's date text, relative to the card, tried in order.
    card_selector: ClassVar[str | None] = None
    card_links: ClassVar[Sequence[str]] = ()
    card_date: ClassVar[Sequence[str]] = ()
    # RSS feeds per language; `feed_discovery`: also the homepage's <link rel="alternate"> feeds.
    feeds: ClassVar[dict[str, str]] = {}
    feed_discovery: ClassVar[bool] = False
    feed_priority: ClassVar[int] = 0
    # A JSON API paged per publisher ("agency") and language: `api_list_url` takes {agency}, {lang}, {page},
    # {size}; items become Articles by `api_fields`; `public_url` ({agency}, {id}, {lang}) is their page.
    api_list_url: ClassVar[str | None] = None
    api_host: ClassVar[str] = ""  # relative links in API bodies are made absolute against it
    api_referer: ClassVar[str] = ""  # the publisher's page that calls the API ({agency}, {lang})
    api_page_size: ClassVar[tuple[str, int]] = ("", 100)  # (setting name, default): items a call
    api_item_keys: ClassVar[Sequence[str]] = ("content",)  # where an object answer holds its items
    api_fields: ClassVar[dict[str, Sequence[str]]] = {}  # field -> the item keys that may hold it
    public_url: ClassVar[str] = ""
    # The API's access ticket: POSTed in the publisher's cookie session before its list calls, renewed
    # when a call is refused (`api_refused`), at most `ticket_renewals` times a page.
    ticket_url: ClassVar[str | None] = None
    ticket_renewals: ClassVar[tuple[str, int]] = ("", 3)  # (setting name, default)
    api_refused: ClassVar[tuple[int, ...]] = (400, 401, 403)
    # The cheap change check: one GraphQL POST with an aliased `api_check_field` per publisher x language
    # ({agency}, {lang}, {size}) asking only for ids; a failed check falls back to reading every list.
    api_check_url: ClassVar[str | None] = None
    api_check_field: ClassVar[str] = ""
    api_check_size: ClassVar[int] = 5

    def url_language(self, url: str) -> str | None:
        """The language a URL names by its first path segment (`url_codes`) or its host (`hosts`)."""
        parts = urlsplit(url)
        if self.url_codes:
            prefix = parts.path.strip("/").split("/", 1)[0]
            return next((lang for lang, code in self.url_codes.items() if code == prefix), None)
        if self.hosts:
            return next(
                (lang for lang, host in self.hosts.items() if host == parts.hostname), self.languages[0]
            )
        return None

    def language_for(self, response: Response) -> str | None:
        if self.url_codes or self.hosts:
            return self.url_language(response.url)
        return super().language_for(response)

    def site_url(self, lang: str, template: str, **values: Any) -> str:
        url = template.format(code=self.url_codes.get(lang, lang), host=self.hosts.get(lang, ""), **values)
        return url if "://" in url else f"https://{self.hosts[lang]}{url}"

    async def start(self) -> AsyncIterator[Any]:
        if not (self.sitemaps or self.sitemap_url or self.listing_url or self.feeds or self.api_list_url):
            async for request in super().start():  # a spider without declared entry points: start_urls
                yield request
        for request in self.entry_points():
            yield request

    def entry_points(self) -> Iterator[scrapy.Request]:
        for lang in self.langs:
            if lang in self.sitemaps:
                yield self.sitemap_request(self.site_url(lang, self.sitemaps[lang]), lang)
            if self.listing_url:
                for section in self.listing_sections:
                    yield (
                        self.listing_request(lang, 1)
                        if section is None
                        else self.listing_request(lang, 1, section)
                    )
            # Feeds after the listings, so a card's date (which some pages need) usually arrives first.
            if self.feed_discovery:
                home = self.entry_request(self.site_url(lang, "/"), self.parse_home, cb_kwargs={"lang": lang})
                if home is not None:
                    yield home
            if lang in self.feeds:
                yield from self.feed_request(self.site_url(lang, self.feeds[lang]), lang)
        if self.sitemap_url:
            yield self.sitemap_request(self.sitemap_url, None)
        if self.api_list_url:
            if self.api_check_url and self.checks_first():
                yield self.check_request()
            else:
                yield from self.api_walk()

    def api_walk(self) -> Iterator[scrapy.Request]:
        """Every publisher's lists, page 1 of each language (adaptive polling skips those not due)."""
        for agency in self.api_agencies():
            yield from self.next_call(agency, [(lang, 1) for lang in self.langs], uses=0, fresh=True)

    # --- sitemaps -----------------------------------------------------------------------------------

    def sitemap_request(self, url: str, lang: str | None) -> scrapy.Request:
        if self.sitemap_optional:
            return scrapy.Request(
                url,
                callback=self.parse_sitemap,
                priority=self.sitemap_priority,
                meta={"handle_httpstatus_list": [404]},
            )
        return scrapy.Request(
            url,
            callback=self.parse_sitemap,
            cb_kwargs={"lang": lang},
            errback=self.entry_failed,
            priority=self.sitemap_priority,
        )

    def parse_sitemap(self, response: Response, lang: str | None = None) -> Iterator[Any]:
        if self.sitemap_optional:
            if response.status != 200:
                return
            try:
                sitemap = Sitemap(response.body)  # lxml without entity expansion or network access
            except Exception:  # noqa: BLE001 - an HTML error page where the sitemap should be
                self.logger.info("%s: %s is not a sitemap", self.name, response.url)
                return
        else:
            sitemap = Sitemap(response.body)
        if sitemap.type == "sitemapindex":
            children = [entry["loc"] for entry in sitemap]

            def number(url: str) -> int:
                found = re.search(r"/(\d+)\.xml$", url)
                return int(found.group(1)) if found else -1

            children.sort(key=number, reverse=True)  # numbered children: the highest holds the newest URLs
            if not self.sitemap_optional:
                self.entry_seen(response.url, len(children))
            for child in children[: (self.max_pages if self.since else 1)]:
                yield scrapy.Request(
                    child,
                    callback=self.parse_sitemap,
                    cb_kwargs={"lang": lang},
                    priority=self.sitemap_priority,
                )
            return
        entries = list(sitemap)
        if not self.sitemap_optional:
            self.entry_seen(response.url, sum(1 for e in entries if self.is_article(e.get("loc", ""))))
        for entry in entries:
            url = entry.get("loc", "")
            lastmod = entry.get("lastmod")
            if not self.is_article(url):
                continue
            if lang is None and not self.wants_language(self.url_language(url)):
                continue  # a site-wide sitemap lists every language
            # The hint counts even for a URL this run has already stored (a late hint, crawler/crawl/datehints.py):
            # skipping it with the URL would make the stored date depend on which page answered first.
            self.add_date_hint(url, "sitemap", lastmod)
            if self.too_old(lastmod, lang=lang):
                continue
            if self.is_known(url) and not self.needs_refresh(url, lastmod=lastmod):
                continue
            request = self.article_request(url, hint=("sitemap", lastmod), priority=self.sitemap_priority)
            if request is not None:
                yield request

    # --- listings ---------------------------------------------------------------------------------

    def listing_request(self, lang: str, page: int, section: str | None = None) -> scrapy.Request:
        if self.listing_url_forms:  # `section` names the form then (a site with forms has no sections)
            return self.form_request(lang, page, section or next(iter(self.listing_url_forms)))
        template = self.listing_next_url if page > 1 and self.listing_next_url else self.listing_url
        assert template is not None
        cb_kwargs: dict[str, Any] = {"lang": lang, "page": page}
        if section is not None:
            cb_kwargs["section"] = section
        return scrapy.Request(
            self.site_url(lang, template, section=section or "", page=page),
            callback=self.parse_listing,
            cb_kwargs=cb_kwargs,
            errback=self.entry_failed if page == 1 else None,
        )

    def parse_listing(
        self, response: Response, lang: str, page: int, section: str | None = None, form: str | None = None
    ) -> Iterator[Any]:
        if form is not None:
            yield from self.parse_form_listing(response, lang, page, form)
            return
        cards = self.cards(response, lang)
        if page == 1:
            self.entry_seen(response.url, len(cards))
        yield from self.read_cards(
            cards,
            lang,
            page,
            lambda: (
                self.listing_request(lang, page + 1)
                if section is None
                else self.listing_request(lang, page + 1, section)
            ),
            section=section,
        )

    def form_request(self, lang: str, page: int, form: str) -> scrapy.Request:
        """Listing page `page` in the `listing_url_forms` form `form` (a missing page answers: 404 is read)."""
        return scrapy.Request(
            self.site_url(lang, self.listing_url_forms[form], page=page),
            callback=self.parse_listing,
            cb_kwargs={"lang": lang, "page": page, "form": form},
            meta={"handle_httpstatus_list": [404]},
            errback=self.entry_failed if page == 1 else None,
        )

    def next_form(self, page: int, form: str) -> str | None:
        """The form to try after `form` failed on `page`: page 1 a later form without {page}, else one with."""
        names = list(self.listing_url_forms)
        for name in names[names.index(form) + 1 :]:
            if ("{page}" in self.listing_url_forms[name]) == (page > 1):
                return name
        return None

    def parse_form_listing(self, response: Response, lang: str, page: int, form: str) -> Iterator[Any]:
        cards = self.cards(response) if isinstance(response, TextResponse) and response.status == 200 else []
        links = {u for u, _ in cards}
        fallback = self.next_form(page, form)
        if page == 1 and not links and fallback is not None:
            yield self.form_request(lang, 1, fallback)
            return
        if page == 1:
            self._first_page[lang] = links
            self.entry_seen(response.url, len(links))  # the last page-1 attempt counts even when empty
        elif fallback is not None and (not links or links == self._first_page.get(lang)):
            path = self.listing_url_forms[fallback].split("{code}")[-1].format(page=page)
            self.logger.info("%s: %s gave no new page; trying %s", self.name, response.url, path)
            yield self.form_request(lang, page, fallback)
            return
        if response.status != 200:
            return
        first = next(iter(self.listing_url_forms))
        go_on = form if "{page}" in self.listing_url_forms[form] else first
        yield from self.read_cards(cards, lang, page, lambda: self.form_request(lang, page + 1, go_on))

    def cards(self, response: Response, lang: str | None = None) -> Cards:
        """The article cards of a listing page (or load-more answer), by the site's card selectors, else
        by the generic reading of the page (a redesign renamed the classes)."""
        assert isinstance(response, TextResponse)
        wrapped = wrapped_html(response.text)
        page = wrapped if wrapped is not None else response.selector
        out: Cards = []
        for q in self.card_links if self.card_selector is None else (self.card_selector,):
            for card in query(page, q):
                if self.card_selector is not None:
                    links = query(card, self.card_links[0])
                    if not links:
                        continue
                    link = links[0]
                else:
                    link = card
                href = link.root if isinstance(link.root, str) else link.attrib.get("href")
                if not href:
                    continue
                url = response.urljoin(href.strip())
                if self.is_article(url):
                    out.append((url, self.card_date_text(card)))
            if out:
                return out
        lang = lang or self.url_language(response.url)
        if wrapped is not None:
            return self.fallback_cards(wrapped, response.url, self.is_article, lang=lang)
        return self.fallback_cards(ex.page_root(response), ex.base_url(response), self.is_article, lang=lang)

    def card_date_text(self, card: Selector) -> str | None:
        for q in self.card_date:
            text = " ".join(t.strip() for t in query(card, q).getall() if t.strip())
            if text:
                return text
        return None

    def read_cards(
        self,
        cards: Cards,
        lang: str,
        page: int,
        next_page: Callable[[], scrapy.Request],
        *,
        section: str | None = None,
    ) -> Iterator[Any]:
        """The listing page's article requests, then `next_page()` while paging goes on."""
        # "New" means not stored yet; a card already requested this run (from the sitemap or the
        # feed) still counts, so the order in which entry points answer cannot stop the paging.
        fresh = set(self.new_links(u for u, _ in cards))
        yield from self.follow_cards(cards, lang, fresh, section=section)
        self.crawler.stats.inc_value(f"kznews/listing/{self.name}/pages")
        oldest = cards[-1][1] if cards else None
        oldest_new = bool(cards) and cards[-1][0] in fresh
        if self.listing_continue(
            page=page, links=len(cards), new=len(fresh), oldest=oldest, lang=lang, oldest_new=oldest_new
        ):
            yield next_page()

    def follow_cards(
        self, cards: Cards, lang: str, fresh: set[str], *, section: str | None = None
    ) -> Iterator[Any]:
        for url, when in cards:
            # The hint counts even for a URL this run has already stored (a late hint, crawler/crawl/datehints.py):
            # skipping it with the URL would make the stored date depend on which page answered first.
            self.add_date_hint(url, "listing", when)
            if (url in fresh or self.needs_refresh(url)) and not self.too_old(when, lang=lang):
                meta: dict[str, Any] = {}
                if self.listing_section_meta:
                    meta[self.listing_section_meta] = section
                if when:
                    meta["listing_date"] = ["listing", when]
                request = self.article_request(url, meta=meta or None)
                if request is not None:
                    yield request

    def new_links(self, urls: Iterable[str]) -> list[str]:
        """The URLs of a listing page not stored yet. A URL already requested in this run (from a
        sitemap or feed) still counts as new, so the order in which entry points answer cannot stop
        the paging early; `article_request` makes sure it is fetched once."""
        # Stored this run means requested this run: the writer may store a page the sitemap brought in
        # before the listing that also links it answers, and that must not end the listing's paging.
        return [url for url in urls if canonical_url(url) in self._requested or not self.is_known(url)]

    def listing_continue(
        self,
        *,
        page: int,
        links: int,
        new: int,
        oldest: str | None = None,
        lang: str | None = None,
        oldest_new: bool = True,
    ) -> bool:
        """Whether to fetch listing page `page + 1`.

        Incremental runs stop at the first page that brings nothing new, or whose last (oldest) link is
        already stored: lists run newest first, so the stored ones begin on this page and the next page
        holds only older ones (a page whose top links are pinned older ones still goes on while its last
        link is new). An interrupted run leaves no gap behind: the next run catches up and walks every
        listing to its end (crawler/store/incremental.py). Backfills (`since`) go on until the cards are
        older than `since`; all stop at an empty page and at max_pages.
        """
        if links == 0 or page >= self.max_pages:
            return False
        if self.since is not None:
            if oldest:
                from crawler.dates import parse_date  # navigation only; storing dates is the pipeline's

                when = parse_date(oldest, lang=lang)
                if when is not None and when.date() < self.since:
                    return False
            return True
        return new > 0 and oldest_new

    def too_old(self, date_text: str | None, *, lang: str | None = None) -> bool:
        """In a backfill, whether a card/feed date lies before `since` (unknown dates are kept)."""
        if self.since is None or not date_text:
            return False
        from crawler.dates import parse_date

        when = parse_date(date_text, lang=lang)
        return when is not None and when.date() < self.since

    def fallback_cards(
        self, page: Any, base: str, is_article: Callable[[str], bool], *, lang: str | None = None
    ) -> Cards:
        """A listing's (absolute article URL, card date) when the spider's card selector matched nothing (a
        redesign renamed its classes): every link of the article URL form outside the page chrome, with the
        date printed in its card. `page`: the listing's parsed tree (or a parsel Selector); `base`: its URL.
        Counted in stats (kznews/listing/<site>/fallback_cards), so health can name the entry point."""
        root = page.root if hasattr(page, "root") else page
        cards = ex.generic_cards(root, base=base, is_article=is_article, lang=lang)
        crawler = getattr(self, "crawler", None)
        if cards and crawler is not None:
            crawler.stats.inc_value(f"kznews/listing/{self.name}/fallback_cards")
        return cards

    # --- feeds ----------------------------------------------------------------------------------------

    def feed_request(self, url: str, lang: str) -> Iterator[scrapy.Request]:
        if url in self._feeds_asked:
            return
        self._feeds_asked.add(url)
        request = self.entry_request(
            url, self.parse_feed, cb_kwargs={"lang": lang}, priority=self.feed_priority
        )
        if request is not None:
            yield request

    def parse_home(self, response: Response, lang: str) -> Iterator[Any]:
        """Feed discovery: the homepage's <link rel="alternate" type="application/rss+xml|atom+xml">."""
        sel = Selector(text=response.text)
        links = sel.xpath(
            '//link[contains(@rel, "alternate")][contains(@type, "rss") or contains(@type, "atom")]/@href'
        ).getall()
        host = self.hosts.get(lang) or urlsplit(response.url).hostname
        for href in links:
            url = response.urljoin(href.strip())
            if urlsplit(url).hostname == host:
                self.crawler.stats.inc_value(f"kznews/{self.name}/feeds_discovered")
                yield from self.feed_request(url, lang)

    def parse_feed(self, response: Response, lang: str) -> Iterator[Any]:
        sel = Selector(text=response.text, type="xml")
        self.entry_seen(response.url, len(sel.xpath("//item")))
        for entry in sel.xpath("//item"):
            url = (entry.xpath("link/text()").get() or "").strip()
            when = (entry.xpath("pubDate/text()").get() or "").strip() or None
            if self.is_article(url):  # stored this run already or not: the hint counts (follow_cards)
                self.add_date_hint(url, "rss", when)
            # RSS dates are RFC 822, in English whatever the feed's language.
            if not self.is_article(url) or self.is_known(url) or self.too_old(when, lang="en"):
                continue
            request = self.article_request(
                url, meta={"listing_date": ["rss", when]} if when else None, priority=self.feed_priority
            )
            if request is not None:
                yield request

    # --- a JSON API behind an access ticket ---------------------------------------------------------------
    # A publisher's calls still to make travel with each request (`cb_kwargs`), not in the spider: with
    # Redis workers (docs/scaling.md) the next call of a chain, or a request recovered from a killed worker,
    # is often answered by another process, which must be able to go on with the publisher's other
    # languages and pages. So does the session: the cookies the ticket's answer set go with the list calls
    # it serves, so a worker other than the one that POSTed the ticket is not refused for want of it.

    def api_agencies(self) -> list[str]:
        """The publishers whose lists the API is asked for (a site spider says which)."""
        return []

    # --- the change check: one call for every list's newest ids --------------------------------------------
    # gov.kz: each agency's list costs a ticket and a call, so a run that polls 18 agencies in 2–3 languages
    # spends ~70 requests to learn that nothing is new. GraphQL lets one request ask the same root many
    # times under different names (aliases, a core part of the language), so one POST asks every list for
    # its newest ids. sites.md §4 documents the root `news` and its arguments (medium confidence; no ticket
    # is mentioned for it), not this batching as seen live: if the portal refuses the check in any way,
    # the run reads every list as before, so nothing is lost, and the health stats say the check failed.

    def checks_first(self) -> bool:
        """Check before reading: not in a run that must walk everything (since, refresh, a catch-up after
        an interrupted run: its gaps lie below the newest ids) or with the check switched off
        (KZNEWS_API_CHECK=0)."""
        from crawler.store.incremental import truthy

        if getattr(self, "since", None) or truthy(getattr(self, "refresh", "")):
            return False
        crawler = getattr(self, "crawler", None)
        try:
            catch_up = crawler is not None and crawler.stats.get_value("kznews/incremental/catch_up")
        except RuntimeError:  # `kznews seed` builds the start requests before any crawl (no stats yet)
            catch_up = False
        if catch_up:
            return False
        return truthy(str(self._setting("KZNEWS_API_CHECK", "1")))

    def check_lists(self) -> list[tuple[str, str]]:
        return [(agency, lang) for agency in self.api_agencies() for lang in self.langs]

    def check_query(self, lists: Sequence[tuple[str, str]]) -> str:
        """One aliased field per list (q0, q1, ...: agency slugs may hold "-", which a GraphQL name may not)."""

        def inside_quotes(value: str) -> str:  # GraphQL strings escape as JSON's do
            return json.dumps(value, ensure_ascii=False)[1:-1]

        fields = "\n".join(
            f"  q{i}: "
            + self.api_check_field.format(
                agency=inside_quotes(agency), lang=inside_quotes(lang), size=self.api_check_size
            )
            + " { id }"
            for i, (agency, lang) in enumerate(lists)
        )
        return "query KznewsNewestIds {\n" + fields + "\n}"

    def check_request(self) -> scrapy.Request:
        assert self.api_check_url is not None
        lists = self.check_lists()
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.api_check_url))
        return scrapy.Request(
            self.api_check_url,
            method="POST",
            body=json.dumps({"query": self.check_query(lists)}).encode(),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Accept-Language": self.langs[0] if self.langs else "ru",
                "Origin": origin,
                "Referer": origin + "/",
            },
            callback=self.parse_check,
            errback=self.check_failed,
            cb_kwargs={"lists": [list(pair) for pair in lists]},
            dont_filter=True,
        )

    def parse_check(self, response: Response, lists: Sequence[Sequence[str]]) -> Iterator[Any]:
        """Read the lists that show an unknown id; all of them if the answer cannot be read."""
        try:
            data = json.loads(response.body).get("data")
        except (ValueError, AttributeError):
            data = None
        if not isinstance(data, dict):
            yield from self.check_fallback(f"{response.url} answered no GraphQL data")
            return
        changed: dict[str, list[str]] = {}
        stale: list[tuple[float, str, str]] = []  # (seconds since its last read, agency, lang)
        seen = 0
        for i, (agency, lang) in enumerate(lists):
            answer = data.get(f"q{i}")
            if not isinstance(answer, list):  # this field failed (a renamed agency?): read its list
                changed.setdefault(agency, []).append(lang)
                continue
            ids = [str(item.get("id")) for item in answer if isinstance(item, dict) and item.get("id")]
            seen += len(ids)
            urls = [self.public_url.format(agency=agency, id=native, lang=lang) for native in ids]
            if any(canonical_url(url) not in self._requested and not self.is_known(url) for url in urls):
                changed.setdefault(agency, []).append(lang)
            elif any(self.needs_refresh(url) for url in urls):
                age = self.list_age(agency, lang)
                if age >= float(self._setting("KZNEWS_API_REFRESH_MINUTES", 360)) * 60:
                    stale.append((age, agency, lang))
        # Refresh reads, the oldest first, for at most KZNEWS_API_REFRESH_AGENCIES agencies a run: the lists
        # read in one busy evening would otherwise all fall due together in one night-time run.
        refreshed: list[str] = []
        for _age, agency, lang in sorted(stale, reverse=True):
            if agency not in refreshed:
                if len(refreshed) >= int(self._setting("KZNEWS_API_REFRESH_AGENCIES", 2)):
                    continue
                refreshed.append(agency)
            changed.setdefault(agency, []).append(lang)
        self.entry_seen(response.url, max(seen, 1))
        stats = self.crawler.stats
        stats.set_value(f"kznews/{self.name}/check_changed", sum(map(len, changed.values())))
        stats.set_value(f"kznews/{self.name}/check_refresh_agencies", len(refreshed))
        for agency, langs in changed.items():
            self._checked.add(agency)
            yield from self.next_call(agency, [(lang, 1) for lang in langs], uses=0, fresh=True)

    def list_age(self, agency: str, lang: str) -> float:
        """Seconds since a list was last read (url_state), infinite when never: a list whose items are
        young enough to be edited (KZNEWS_REFRESH_HOURS) is read again for their edits on its own slower
        schedule (KZNEWS_API_REFRESH_MINUTES)."""
        conn = self._db()
        if conn is None:
            return math.inf
        try:
            row = conn.execute(
                "SELECT last_fetched_at FROM url_state WHERE url = ?", [self.list_url(agency, lang, 1)]
            ).fetchone()
        except sqlite3.Error:
            return math.inf
        from crawler.dates import parse_date

        read = parse_date(str(row[0])) if row is not None and row[0] else None
        return math.inf if read is None else (datetime.now(UTC) - read).total_seconds()

    def check_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # not sent on purpose (not due under adaptive polling, the budget spent)
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        yield from self.check_fallback(f"{failure.request.url} failed ({reason})")

    def check_fallback(self, why: str) -> Iterator[scrapy.Request]:
        self.crawler.stats.inc_value(f"kznews/{self.name}/check_failed")
        self.logger.warning("%s: the change check %s; reading every list instead", self.name, why)
        yield from self.api_walk()

    def _setting(self, name: str, default: Any) -> Any:
        settings = getattr(self, "settings", None)
        return settings.get(name, default) if settings is not None and name else default

    @property
    def page_size(self) -> int:
        return int(self._setting(*self.api_page_size))

    @property
    def max_renewals(self) -> int:
        return int(self._setting(*self.ticket_renewals))

    def ticket_request(self, agency: str, then: list[tuple[str, int]], *, renewals: int) -> scrapy.Request:
        """POST the access ticket in the publisher's cookie session, then ask for the pages in `then`
        (its calls still to make), one at a time."""
        assert self.ticket_url is not None
        lang = then[0][0] if then else "ru"
        self._ticketed.add(agency)
        crawler = getattr(self, "crawler", None)
        try:
            stats = crawler.stats if crawler is not None else None
        except RuntimeError:  # `kznews seed` builds the start requests before any crawl (no stats yet)
            stats = None
        if stats is not None:
            stats.set_value("kznews/access/units", len(self._ticketed))
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.ticket_url))
        return scrapy.Request(
            self.ticket_url,
            method="POST",
            body=b"{}",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json, text/plain, */*",
                "Origin": origin,
                "Referer": self.api_referer.format(agency=agency, lang=lang),
            },
            callback=self.parse_ticket,
            errback=self.ticket_failed,
            cb_kwargs={"agency": agency, "then": list(then), "renewals": renewals},
            meta={"cookiejar": agency, "kznews_checked": agency in self._checked},
            dont_filter=True,
        )

    def list_url(self, agency: str, lang: str, page: int) -> str:
        assert self.api_list_url is not None
        return self.api_list_url.format(agency=agency, lang=lang, page=page, size=self.page_size)

    def list_request(
        self,
        agency: str,
        lang: str,
        page: int,
        *,
        renewals: int = 0,
        rest: Sequence[tuple[str, int]] = (),
        uses: int = 0,
        session: dict[str, str] | None = None,
    ) -> scrapy.Request:
        """One list call; `rest`: the publisher's calls after it, `uses`: the calls its ticket served
        before, `session`: the cookies the ticket's answer set."""
        return scrapy.Request(
            self.list_url(agency, lang, page),
            headers={
                "Accept": "application/json, text/plain, */*",
                "Accept-Language": lang,
                "Referer": self.api_referer.format(agency=agency, lang=lang),
            },
            callback=self.parse_list,
            errback=self.list_failed,
            cb_kwargs={
                "agency": agency,
                "lang": lang,
                "page": page,
                "renewals": renewals,
                "rest": list(rest),
                "uses": uses,
                "session": dict(session or {}),
            },
            cookies={name: value for name, value in (session or {}).items()},  # typed for Request
            meta={
                "cookiejar": agency,
                "kznews_checked": agency in self._checked,  # the check saw news here: not polled on its own
                "handle_httpstatus_list": list(self.api_refused),
                "kznews_archive": True,
            },
            dont_filter=True,  # a retry after renewal asks for the same URL again
        )

    def carried_check(self, request: Any, agency: str) -> None:
        """A chain the check started stays one when another process answers its next call (Redis)."""
        if request is not None and request.meta.get("kznews_checked"):
            self._checked.add(agency)

    def parse_ticket(
        self, response: Response, agency: str, then: list[tuple[str, int]], renewals: int
    ) -> Iterator[Any]:
        self.carried_check(response.request, agency)
        self.crawler.stats.inc_value(f"kznews/{self.name}/tickets")
        session = set_cookies(response)
        yield from self.next_call(agency, then, uses=0, renewals=renewals, session=session)

    def ticket_failed(self, failure: Any) -> None:
        """Errback of the ticket POST: without a ticket none of the publisher's waiting calls can be made.
        Those calls are the failure, so they are counted as such (a refused ticket used to end the chain
        silently, and a run where the ticket endpoint refused every publisher was judged only DEGRADED)."""
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # not sent on purpose (adaptive polling, the budget spent): nothing failed
        request = failure.request
        agency = request.cb_kwargs["agency"]
        lost = [(str(lang), int(page)) for lang, page in request.cb_kwargs["then"]]
        response = getattr(failure.value, "response", None)
        stats = self.crawler.stats
        if response is not None:  # as crawler/store/archive.py records an HTTP error that has no errback
            from crawler.store.articles import Store

            Store.for_crawler(self.crawler).save_reject(
                url=response.url,
                site=self.name,
                stage="download",
                reason=f"HTTP {response.status} (after retries)",
                page_id=response.meta.get("page_id"),
            )
            stats.inc_value(f"kznews/faults/http_{response.status}")
        stats.set_value(f"kznews/access/refused/{agency}", 1)  # health: every publisher refused is BROKEN
        for lang, page in lost:
            if page == 1:  # the publisher's language entry point could not be read
                stats.inc_value(f"kznews/entry/failed/{self.list_url(agency, lang, page)}")
        self.logger.error(
            "%s: the ticket for %s was refused (%s); %d list calls not made",
            self.name,
            agency,
            f"HTTP {response.status}" if response is not None else failure.getErrorMessage(),
            len(lost),
        )

    def next_call(
        self,
        agency: str,
        calls: Sequence[Sequence[Any]],
        *,
        uses: int,
        renewals: int = 0,
        session: dict[str, str] | None = None,
        fresh: bool = False,
    ) -> Iterator[scrapy.Request]:
        """The first of the publisher's `calls`, or a ticket first when there is none yet (`fresh`) or the
        current one (which has served `uses` calls) is used up."""
        # (lang, page) pairs, whatever sequence type a request serialiser gave back
        waiting = [(str(lang), int(page)) for lang, page in calls]
        if not waiting:
            return
        limit = self.ticket_limit
        if self.ticket_url and (fresh or (limit is not None and uses >= limit)):
            yield self.ticket_request(agency, waiting, renewals=renewals)
            return
        (lang, page), *rest = waiting
        yield self.list_request(agency, lang, page, renewals=renewals, rest=rest, uses=uses, session=session)

    def parse_list(
        self,
        response: Response,
        agency: str,
        lang: str,
        page: int,
        renewals: int = 0,
        rest: Sequence[Sequence[Any]] = (),
        uses: int = 0,
        session: dict[str, str] | None = None,
    ) -> Iterator[Any]:
        self.carried_check(response.request, agency)
        if response.status in self.api_refused:
            # A ticket may be single-use: renewing before every call would double the requests, so the
            # spider renews when a call is refused and learns how many calls a ticket serves.
            if uses and (self.ticket_limit is None or uses < self.ticket_limit):
                self.ticket_limit = uses  # the ticket served `uses` calls, then was spent
            if renewals >= self.max_renewals:
                self.crawler.stats.inc_value(f"kznews/{self.name}/ticket_refused")
                self.crawler.stats.inc_value(f"kznews/entry/failed/{response.url}")
                self.logger.error(
                    "%s: %s refused (%d) after %d ticket renewals; skipping %s/%s",
                    self.name,
                    response.url,
                    response.status,
                    renewals,
                    agency,
                    lang,
                )
                yield from self.next_call(agency, rest, uses=uses, session=session)
                return
            self.crawler.stats.inc_value(f"kznews/{self.name}/ticket_renewals")
            yield self.ticket_request(
                agency, [(lang, page), *((str(x), int(y)) for x, y in rest)], renewals=renewals + 1
            )
            return
        # The publisher's calls are chained: a broken answer (a parser error) must not stop the others.
        following: list[tuple[str, int]] = []  # the next page of this language, if read_list wants it
        error: Exception | None = None
        try:
            yield from self.read_list(response, agency, lang, page, following)
        except Exception as exc:  # re-raised below, after the next call, for the reject record
            error = exc
        yield from self.next_call(agency, [*following, *rest], uses=uses + 1, session=session)
        if error is not None:
            raise error

    def list_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """Errback of a list call that gave no answer to parse: a network error or a 5xx after the retries,
        or a call not sent or answered 304 under adaptive polling (not due, the budget spent, unchanged).
        The publisher's calls are chained, one at a time, so its next call (the other languages, the next
        pages) must go all the same, or one failed call would silently drop the rest of the publisher."""
        calls = failure.request.cb_kwargs
        self.carried_check(failure.request, calls["agency"])
        if calls.get("page") == 1:
            self.entry_failed(failure)  # read by the health check; a call skipped on purpose is not counted
        yield from self.next_call(
            calls["agency"], calls.get("rest", ()), uses=calls.get("uses", 0), session=calls.get("session")
        )

    def read_list(
        self, response: Response, agency: str, lang: str, page: int, following: list[tuple[str, int]]
    ) -> Iterator[Any]:
        """The answer's new articles; the next page's call goes into `following` when paging goes on."""
        items = self.read_items(response)
        if page == 1:  # a publisher with no news answers []: a good answer all the same
            self.entry_seen(response.url, 0 if items is None else max(len(items), 1))
        if items is None:
            return
        self.crawler.stats.inc_value(f"kznews/listing/{self.name}/pages")
        articles = [
            a for a in (self.article_from(raw, agency, lang, response) for raw in items) if a is not None
        ]
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for article in articles:  # one answer, one fetch time (reparse reads it back per page)
            article.fetched_at = stamp
        # Whether the page's last (oldest) item is new, asked before this page's items are requested (as
        # `new_links` does for HTML listings): a young stored item read again for edits is not new.
        oldest_new = bool(articles) and (
            canonical_url(articles[-1].url) in self._requested or not self.is_known(articles[-1].url)
        )
        new = 0
        for article in articles:
            key = canonical_url(article.url)
            if key in self._requested:
                continue
            created = article.date_candidates[0][1] if article.date_candidates else None
            if self.too_old(created, lang=lang):
                continue
            if self.is_known(article.url) and not self.needs_refresh(article.url):
                continue
            cap = self.settings.getint("KZNEWS_PROBE_ARTICLES", 0) if hasattr(self, "settings") else 0
            if cap and len(self._requested) >= cap:  # `kznews probe`: a few articles
                break
            self._requested.add(key)
            new += 1
            yield article
        oldest = articles[-1].date_candidates[0][1] if articles and articles[-1].date_candidates else None
        if len(items) >= self.page_size and self.listing_continue(
            page=page, links=len(items), new=new, oldest=oldest, lang=lang, oldest_new=oldest_new
        ):  # a short page is the last one
            following.append((lang, page + 1))

    def parse_api_answer(self, response: Response, **kwargs: Any) -> Iterator[Article]:
        """Every item of one saved API answer (for golden cases and reparse): publisher and language
        come from the answer's own URL."""
        query_args = dict(parse_qsl(urlsplit(response.url).query))
        agency = kwargs.get("agency") or query_args.get("projects", "").removeprefix("eq:") or "unknown"
        lang = kwargs.get("lang") or query_args.get("lang") or "ru"
        for raw in self.read_items(response) or []:
            article = self.article_from(raw, agency, lang, response)
            if article is not None:
                yield article

    def read_items(self, response: Response) -> list[dict[str, Any]] | None:
        try:
            data = json.loads(response.body)
        except ValueError:
            self.crawler_stat("not_json")
            self.logger.warning(
                "%s: %s did not answer JSON (%r...)", self.name, response.url, response.body[:80]
            )
            return None
        items = api_items(data, self.api_item_keys)
        if items is None:
            self.crawler_stat("unknown_shape")
            self.logger.warning(
                "%s: %s answered JSON of an unknown shape (%s)", self.name, response.url, type(data).__name__
            )
        return items

    def crawler_stat(self, event: str) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.stats.inc_value(f"kznews/{self.name}/{event}")

    def article_from(self, raw: dict[str, Any], agency: str, lang: str, response: Response) -> Article | None:
        """An API item as an Article, its fields read from the item keys `api_fields` names."""
        fields = self.api_fields
        native = raw.get(fields.get("id", ("id",))[0])
        if native in (None, ""):
            return None
        sources: dict[str, str] = {}
        paragraphs, images = clean_body(str(_first(raw, fields.get("body", ())) or ""), self.api_host)
        title = ex.squash(str(_first(raw, fields.get("title", ())) or "")) or None
        lead_html = str(_first(raw, fields.get("lead", ())) or "")
        lead = ex.squash(" ".join(ex.find(ex.parse_html(f"<p>{lead_html}</p>"), "//text()"))) or None
        hero = _first(raw, fields.get("image", ()))
        image = urljoin(self.api_host, str(hero)) if hero else (images[0] if images else None)
        created = _first(raw, fields.get("published", ()))
        for field, value in (
            ("title", title),
            ("body", paragraphs),
            ("lead", lead),
            ("image", image),
            ("published", created),
        ):
            if value:
                sources[field] = "api"
        return Article(
            url=self.public_url.format(agency=agency, id=native, lang=lang),
            site=self.name,
            language=lang,
            title=title,
            lead=lead,
            body="\n\n".join(paragraphs) or None,
            image=image,
            source_kind=self.source_kind,
            native_id=str(native),
            section=agency,
            date_candidates=[["api", str(created)]] if created else [],
            alternates={
                other: self.public_url.format(agency=agency, id=native, lang=other)
                for other in self.languages
                if other != lang
            },
            field_sources=sources,
            fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            http_status=response.status,
            page_id=response.meta.get("page_id") if response.request is not None else None,
        )

    # --- entry points: health bookkeeping --------------------------------------------------------------

    def entry_seen(self, url: str, cards: int) -> None:
        """An entry point (listing page 1, feed, sitemap) answered with `cards` article links."""
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.stats.inc_value(f"kznews/entry/{'ok' if cards else 'empty'}/{url}")
            self._remember_entry(url, 200)

    # An entry point that answered 404/410 is not asked again for this long (url_state remembers it).
    DEAD_ENTRY_DAYS: ClassVar[float] = 7.0

    def entry_request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request | None:
        """A request for an entry point (feed, sitemap, homepage), or None when it answered 404/410
        within DEAD_ENTRY_DAYS (www.zakon.kz/rss.xml in 2026): a dead entry point is not asked every run."""
        conn = self._db()
        if conn is not None:
            try:
                row = conn.execute(
                    "SELECT last_status, last_fetched_at FROM url_state WHERE url = ?", [url]
                ).fetchone()
            except sqlite3.Error:
                row = None
            if row is not None and row[0] in (404, 410) and row[1]:
                from crawler.dates import parse_date

                seen = parse_date(str(row[1]))
                if (
                    seen is not None
                    and (datetime.now(UTC) - seen).total_seconds() < self.DEAD_ENTRY_DAYS * 86400
                ):
                    self.logger.info(
                        "%s: %s answered %d on %s; not asked again yet", self.name, url, row[0], row[1]
                    )
                    self.crawler.stats.inc_value(f"kznews/entry/dead/{url}")
                    return None
        return scrapy.Request(url, callback=callback, errback=self.entry_failed, **kwargs)

    def _remember_entry(self, url: str, status: int) -> None:
        """Keep an entry point's last answer in url_state (its request_meta says it is an entry point)."""
        crawler = getattr(self, "crawler", None)
        if crawler is None or not crawler.settings.get("KZNEWS_DB"):
            return
        if crawler.settings.get("REDIS_URL"):
            # A Redis worker owns no database (docs/scaling.md): writing here would create one beside it.
            return
        from crawler.store.articles import Store
        from crawler.store.db import utcnow_iso

        try:
            Store.for_crawler(crawler).write(
                "INSERT INTO url_state (url, last_fetched_at, last_status, fetch_count, request_meta)"
                " VALUES (?, ?, ?, 1, '{\"entry_point\": true}') ON CONFLICT(url) DO UPDATE SET"
                " last_fetched_at = excluded.last_fetched_at, last_status = excluded.last_status,"
                " fetch_count = url_state.fetch_count + 1",
                [url, utcnow_iso(), status],
            )
        except Exception:  # bookkeeping: a busy database must not stop the crawl
            self.logger.debug("entry point %s not remembered", url, exc_info=True)

    def entry_failed(self, failure: Any) -> None:
        """Errback of entry-point requests: a 404, a refused connection... (read by the health check)."""
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        request = getattr(failure, "request", None)
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            # Not sent on purpose (not due under adaptive polling, a dead entry point remembered, the budget
            # spent): nothing failed.
            return
        response = getattr(failure.value, "response", None)
        url = request.url if request is not None else "?"
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.stats.inc_value(f"kznews/entry/failed/{url}")
            if response is not None and response.status in (404, 410):
                self._remember_entry(url, response.status)
        self.logger.warning(
            "%s: entry point %s failed (%s)",
            self.name,
            url,
            f"HTTP {response.status}" if response is not None else failure.getErrorMessage(),
        )
