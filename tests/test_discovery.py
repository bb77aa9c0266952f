"""The discovery mechanisms of the base (crawler/crawl/discovery.py) on a site declared by class constants only:
entry points, a sitemap index, a site-wide sitemap, a paged listing whose load-more answer is HTML or
JSON wrapping the HTML, a feed. Responses are built here, as the four real spiders' are in
tests/test_spider_gov.py; the real spiders run the same code over the mirror in tests/test_e2e_crawl.py."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse

from crawler.crawl.base import NewsSpider
from tests.test_spider_gov import make_spider, run

ARTICLE = re.compile(r"^/(?:ru|kz)?/?news/(?P<id>\d+)-[a-z-]+\.html$")


def is_example_article(url: str) -> bool:
    parts = urlsplit(url)
    return parts.hostname in ("example.kz", "kaz.example.kz") and bool(ARTICLE.match(parts.path))


class ExampleSpider(NewsSpider):
    """A news site as docs/adding-a-site.md shows it: constants, no request code."""

    name = "example_kz"
    languages = ("ru", "kk")
    allowed_domains = ["example.kz"]
    hosts = {"ru": "example.kz", "kk": "kaz.example.kz"}
    is_article = staticmethod(is_example_article)
    sitemaps = {"ru": "/sitemap/index.xml", "kk": "/sitemap.xml"}
    listing_url = "/news/"
    listing_next_url = "/news/?handler=LoadMore&p={page}"
    card_links = ("a.card",)
    card_date = (".date ::text",)
    feeds = {"ru": "/rss.xml"}


class PrefixSpider(NewsSpider):
    """Languages by URL prefix, one sitemap for the whole site, listings per section with container cards."""

    name = "prefix_kz"
    languages = ("ru", "kk")
    allowed_domains = ["example.kz"]
    url_codes = {"ru": "ru", "kk": "kz"}
    is_article = staticmethod(is_example_article)
    sitemap_url = "https://example.kz/sitemap.xml"
    sitemap_optional = True
    sitemap_priority = -1
    listing_url = "https://example.kz/{code}/{section}?page={page}"
    listing_sections = ("events", "speeches")
    listing_section_meta = "example_section"
    card_selector = "div.card"
    card_links = ("h3 a::attr(href)",)
    card_date = ("h5::text",)


CARDS = (
    '<div class="list"><a class="card" href="/news/123-first.html"><span class="date">12:30</span></a>'
    '<a class="card" href="/news/124-second.html"><span class="date">11:05</span></a>'
    '<a class="card" href="/about/">About</a></div>'
)


def collect(spider: Any) -> list[Any]:
    async def gather() -> list[Any]:
        return [request async for request in spider.start()]

    return asyncio.run(gather())


def test_entry_points_come_from_the_constants_in_order() -> None:
    spider = make_spider(ExampleSpider)
    requests = collect(spider)
    assert [(r.url, r.callback.__name__) for r in requests] == [
        ("https://example.kz/sitemap/index.xml", "parse_sitemap"),
        ("https://example.kz/news/", "parse_listing"),
        ("https://example.kz/rss.xml", "parse_feed"),
        ("https://kaz.example.kz/sitemap.xml", "parse_sitemap"),
        ("https://kaz.example.kz/news/", "parse_listing"),
    ]
    assert all(r.errback == spider.entry_failed for r in requests)  # every entry point is watched by health
    prefixed = collect(make_spider(PrefixSpider, lang="kk"))
    assert [(r.url, r.priority) for r in prefixed] == [
        ("https://example.kz/kz/events?page=1", 0),
        ("https://example.kz/kz/speeches?page=1", 0),
        ("https://example.kz/sitemap.xml", -1),  # site-wide: once, after the listings
    ]


def test_a_load_more_answer_in_json_gives_the_cards_of_its_html() -> None:
    spider = make_spider(ExampleSpider)
    url = "https://example.kz/news/?handler=LoadMore&p=2"
    wrapped = json.dumps({"status": "ok", "data": {"html": CARDS, "more": True}}).encode()
    for body, cls in ((wrapped, TextResponse), (CARDS.encode(), HtmlResponse)):
        spider = make_spider(ExampleSpider)
        response = cls(url=url, body=body, encoding="utf-8", request=Request(url))
        out = run(spider.parse_listing(response, lang="ru", page=2))
        articles = [r for r in out if r.callback == spider.parse_article]
        assert [(r.url, r.meta["listing_date"]) for r in articles] == [
            ("https://example.kz/news/123-first.html", ["listing", "12:30"]),
            ("https://example.kz/news/124-second.html", ["listing", "11:05"]),
        ]
        (following,) = [r for r in out if r.callback == spider.parse_listing]
        assert following.url == "https://example.kz/news/?handler=LoadMore&p=3"
        assert following.cb_kwargs == {"lang": "ru", "page": 3}
        assert spider.crawler.stats.get_value("kznews/listing/example_kz/pages") == 1


def test_cards_in_containers_hand_the_section_and_date_to_the_article() -> None:
    spider = make_spider(PrefixSpider)
    url = "https://example.kz/kz/speeches?page=1"
    html = (
        '<div class="card"><h3><a href="/kz/news/7-speech.html">A</a></h3><h5> 12 маусым 2026 </h5></div>'
        '<div class="card"><h3>no link</h3></div>'
    )
    response = HtmlResponse(url=url, body=html.encode(), encoding="utf-8", request=Request(url))
    out = run(spider.parse_listing(response, lang="kk", page=1, section="speeches"))
    (article,) = [r for r in out if r.callback == spider.parse_article]
    assert article.url == "https://example.kz/kz/news/7-speech.html"
    assert article.meta["example_section"] == "speeches"
    assert article.meta["listing_date"] == ["listing", "12 маусым 2026"]
    (following,) = [r for r in out if r.callback == spider.parse_listing]
    assert following.url == "https://example.kz/kz/speeches?page=2"
    assert following.cb_kwargs == {"lang": "kk", "page": 2, "section": "speeches"}
    assert spider.crawler.stats.get_value("kznews/entry/ok/" + url) == 1


def sitemap_index(*children: str) -> bytes:
    locs = "".join(f"<sitemap><loc>https://example.kz/sitemap/{c}.xml</loc></sitemap>" for c in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{locs}</sitemapindex>"
    ).encode()


def test_a_sitemap_index_is_read_from_its_newest_child() -> None:
    url = "https://example.kz/sitemap/index.xml"
    response = TextResponse(
        url=url, body=sitemap_index("1", "3", "2"), encoding="utf-8", request=Request(url)
    )
    spider = make_spider(ExampleSpider)
    assert [r.url for r in run(spider.parse_sitemap(response, lang="ru"))] == [
        "https://example.kz/sitemap/3.xml"
    ]
    backfill = make_spider(ExampleSpider, since="2026-01-01")  # a backfill reads every child, newest first
    assert [urlsplit(r.url).path for r in run(backfill.parse_sitemap(response, lang="ru"))] == [
        "/sitemap/3.xml",
        "/sitemap/2.xml",
        "/sitemap/1.xml",
    ]


def test_a_site_wide_sitemap_is_filtered_by_language_and_leaves_its_dates_as_hints() -> None:
    url = "https://example.kz/sitemap.xml"
    entries = "".join(
        f"<url><loc>https://example.kz/{code}/news/{n}-x.html</loc><lastmod>2026-06-0{n}</lastmod></url>"
        for code, n in (("ru", 1), ("kz", 2), ("ru", 3))
    )
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    spider = make_spider(PrefixSpider, lang="ru")
    out = run(spider.parse_sitemap(TextResponse(url=url, body=body, encoding="utf-8", request=Request(url))))
    assert [(r.url, r.priority) for r in out] == [
        ("https://example.kz/ru/news/1-x.html", -1),
        ("https://example.kz/ru/news/3-x.html", -1),
    ]
    assert spider.date_hints["https://example.kz/ru/news/3-x.html"] == [["sitemap", "2026-06-03"]]
    missing = TextResponse(url=url, body=b"<html>not here</html>", status=404, request=Request(url))
    assert run(spider.parse_sitemap(missing)) == []  # an optional sitemap may be missing: no error
    assert not any(k.startswith("kznews/entry/") for k in spider.crawler.stats.get_stats())


def test_a_feed_entry_becomes_an_article_request_with_its_date() -> None:
    url = "https://example.kz/rss.xml"
    body = (
        b"<rss><channel><item><link>https://example.kz/news/55-feed.html</link>"
        b"<pubDate>Mon, 01 Jun 2026 10:00:00 +0500</pubDate></item>"
        b"<item><link>https://example.kz/about/</link></item></channel></rss>"
    )
    spider = make_spider(ExampleSpider)
    out = run(
        spider.parse_feed(TextResponse(url=url, body=body, encoding="utf-8", request=Request(url)), lang="ru")
    )
    assert [(r.url, r.meta["listing_date"]) for r in out] == [
        ("https://example.kz/news/55-feed.html", ["rss", "Mon, 01 Jun 2026 10:00:00 +0500"])
    ]
    assert spider.crawler.stats.get_value("kznews/entry/ok/" + url) == 1


def test_a_spider_without_entry_point_constants_starts_from_start_urls() -> None:
    class Plain(NewsSpider):
        name = "plain_kz"
        start_urls = ["https://example.kz/news/1-x.html"]

    assert [r.url for r in collect(make_spider(Plain))] == ["https://example.kz/news/1-x.html"]


class ApiSpider(NewsSpider):
    """A JSON API without an access ticket, its own item keys and answer shape."""

    name = "api_kz"
    languages = ("ru", "kk")
    allowed_domains = ["example.kz"]
    api_list_url = "https://example.kz/api/news?org={agency}&lang={lang}&page={page}&limit={size}"
    api_host = "https://example.kz"
    api_page_size = ("", 2)
    api_item_keys = ("items",)
    api_fields = {"id": ("uid",), "title": ("headline",), "body": ("html",), "published": ("date",)}
    public_url = "https://example.kz/{agency}/news/{id}?lang={lang}"

    def api_agencies(self) -> list[str]:
        return ["culture"]


def test_a_json_api_declared_by_constants_pages_each_publisher_one_call_at_a_time() -> None:
    spider = make_spider(ApiSpider)
    (first,) = collect(spider)  # no ticket: the publisher's first call, its other calls carried along
    assert first.url == "https://example.kz/api/news?org=culture&lang=ru&page=1&limit=2"
    assert first.cb_kwargs["rest"] == [("kk", 1)]
    items = [
        {"uid": 7, "headline": "Театр", "html": '<p>Премьера <img src="/i/7.jpg"></p>', "date": "2026-06-01"},
        {"uid": 6, "headline": "Музей", "html": "<p>Выставка</p>", "date": "2026-05-31"},
    ]
    answer = TextResponse(
        url=first.url, body=json.dumps({"items": items}).encode(), encoding="utf-8", request=first
    )
    out = run(spider.parse_list(answer, **first.cb_kwargs))
    articles, (following,) = out[:-1], out[-1:]
    assert [(a.url, a.title, a.body, a.image, a.date_candidates) for a in articles] == [
        ("https://example.kz/culture/news/7?lang=ru", "Театр", "Премьера", "https://example.kz/i/7.jpg",
         [["api", "2026-06-01"]]),
        ("https://example.kz/culture/news/6?lang=ru", "Музей", "Выставка", None, [["api", "2026-05-31"]]),
    ]  # fmt: skip
    assert articles[0].alternates == {"kk": "https://example.kz/culture/news/7?lang=kk"}
    # A full page: its next page first, then the other language.
    assert (following.cb_kwargs["lang"], following.cb_kwargs["page"]) == ("ru", 2)
    assert following.cb_kwargs["rest"] == [("kk", 1)] and following.method == "GET"
    short = TextResponse(url=following.url, body=b'{"items": []}', encoding="utf-8", request=following)
    (then,) = run(spider.parse_list(short, **following.cb_kwargs))  # an empty page ends the language
    assert then.url == "https://example.kz/api/news?org=culture&lang=kk&page=1&limit=2"


class FormsSpider(NewsSpider):
    """A site declared by constants only: the base's article-URL test and listing URL forms tried in order."""

    name = "forms_kz"
    languages = ("ru",)
    allowed_domains = ["example.kz"]
    url_codes = {"ru": "ru"}
    article_path = ARTICLE
    article_hosts = ("example.kz",)
    not_article_paths = re.compile(r"-ad\.html$")
    listing_url_forms = {
        "query": "https://example.kz/{code}/news?page={page}",
        "bare": "https://example.kz/{code}/news",
        "path": "https://example.kz/{code}/news/page/{page}",
    }
    listing_url = listing_url_forms["query"]
    card_links = ("a.card",)


def forms_page(spider: Any, request: Request, *ids: int) -> list[Any]:
    html = "".join(f'<a class="card" href="/ru/news/{i}-x.html">x</a>' for i in ids) or "<p>none</p>"
    response = HtmlResponse(url=request.url, body=html.encode(), encoding="utf-8", request=request)
    return run(spider.parse_listing(response, **request.cb_kwargs))


def test_the_base_tests_article_urls_by_declared_hosts_and_paths() -> None:
    assert FormsSpider.is_article("https://example.kz/ru/news/12-x.html")
    assert not FormsSpider.is_article("https://example.kz/ru/news/12-x-ad.html")  # not_article_paths
    assert not FormsSpider.is_article("https://other.kz/ru/news/12-x.html")
    assert not FormsSpider.is_article("https://example.kz/ru/about.html")


def test_listing_url_forms_are_tried_in_order_when_page_one_is_empty_or_page_n_repeats_it() -> None:
    spider = make_spider(FormsSpider)
    (first,) = [r for r in collect(spider) if r.callback == spider.parse_listing]
    assert first.url == "https://example.kz/ru/news?page=1" and first.meta["handle_httpstatus_list"] == [404]
    (bare,) = forms_page(spider, first)  # page 1 empty in the first form: the form without {page}
    assert bare.url == "https://example.kz/ru/news" and bare.cb_kwargs["form"] == "bare"
    out = forms_page(spider, bare, 1, 2)
    assert spider.crawler.stats.get_value("kznews/entry/ok/https://example.kz/ru/news") == 1
    (second,) = [r for r in out if r.callback == spider.parse_listing]
    assert second.url == "https://example.kz/ru/news?page=2"  # the next pages in the first form
    (path,) = forms_page(spider, second, 1, 2)  # page 2 repeats page 1: the next form with {page}
    assert path.url == "https://example.kz/ru/news/page/2"
    out = forms_page(spider, path, 3, 4)
    assert [r.url for r in out if r.callback == spider.parse_listing] == ["https://example.kz/ru/news/page/3"]
    assert forms_page(spider, path) == []  # the last form has nothing after it


class DropSpider(NewsSpider):
    name = "drop_kz"
    allowed_domains = ["example.kz"]
    title_suffix = r"\s*— Example$"
    body_selectors = ("article",)
    body_drop_lines = re.compile(r"^back$|example\.kz", re.IGNORECASE)
    title_lead_is_none = True


def test_body_drop_lines_and_a_lead_repeating_the_title_are_dropped() -> None:
    spider = make_spider(DropSpider)
    url = "https://example.kz/news/1-x.html"
    text = "Парламент принял закон о бюджете на три года. " * 8
    html = (
        '<html><head><meta property="og:title" content="Закон — Example">'
        '<meta property="og:description" content="Закон — Example"></head><body>'
        f"<article><p>Back</p><p>{text}</p><p>Source: EXAMPLE.KZ</p></article></body></html>"
    )
    response = HtmlResponse(url=url, body=html.encode(), encoding="utf-8", request=Request(url))
    (item,) = run(spider.parse_article(response))
    assert item.title == "Закон" and item.body == text.strip()
    assert item.lead is None and "lead" not in item.field_sources


def test_a_listing_stops_at_the_page_where_its_stored_links_begin() -> None:
    """Lists run newest first: once a page's last (oldest) link is stored, the next page holds only older,
    stored links and is not asked; a page whose top links are pinned older ones still goes on."""

    def card(n: int) -> str:
        return f'<a class="card" href="/news/{n}-item.html"><span class="date">12:{n % 60:02d}</span></a>'

    def following(cards: list[int], stored: set[int]) -> list[str]:
        spider = make_spider(ExampleSpider)
        spider.is_known = lambda url: int(urlsplit(url).path.split("/")[2].split("-")[0]) in stored
        url = "https://example.kz/news/"
        body = ("<html><body>" + "".join(card(n) for n in cards) + "</body></html>").encode()
        response = HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url))
        out = run(spider.parse_listing(response, lang="ru", page=1))
        return [r.url for r in out if r.callback == spider.parse_listing]

    next_page = ["https://example.kz/news/?handler=LoadMore&p=2"]
    assert following([130, 129, 128], stored=set()) == next_page  # all new: the stored ones are further on
    assert following([130, 129, 128], stored={129, 128}) == []  # one new on top: stop here
    assert following([100, 130, 129], stored={100}) == next_page  # a pinned stored card on top: go on
    assert following([130, 129], stored={130, 129}) == []  # nothing new
