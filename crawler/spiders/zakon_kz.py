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

import re
from urllib.parse import urlsplit

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

    hosts = HOSTS  # a page on any other host is Russian
    is_article = staticmethod(is_article_url)
    sitemaps = {"ru": "/sitemap/index.xml", "kk": "/sitemap.xml"}
    listing_url = "/news/"
    listing_next_url = "/news/?handler=LoadMoreNews&p={page}&type=list"  # HTML, or JSON wrapping the HTML
    card_links = ("a.newscard_link",)
    # The date may sit beside the link in the card.
    card_date = (".newscard__date ::text", "..//*[contains(@class, 'newscard__date')]//text()")
    # Feeds: the homepage's <link rel="alternate"> (www.zakon.kz/rss.xml answered 404 in 2026 and the
    # homepage advertised none), and the known path; a dead one is remembered, not asked every run.
    feed_discovery = True
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
