"""primeminister.kz — the Government of Kazakhstan (Prime Minister's office); Russian, Kazakh, English. sites.md §2.

Languages: URL prefixes /ru, /kz (language kk), /en. One release keeps its trailing id in every language; the
slug is translated (the English slug is an English title).
Entry points: the news listing /{lang}/news with pagination, and /sitemap.xml when the site has one.
- Pagination is NOT documented for the current site. The spider asks for `?page=N` first; when page 2 in that
  form is missing or repeats page 1 (a site that ignores the parameter), it switches to the pre-redesign form
  `/{lang}/news/page/N` (the old site, ~2020–21: 1441 pages, no "next" link).
- Day archive: NOT crawled. /{lang}/archive is a form (select day/month/year, then the button
  `button.archive__select.desktop_button`, driven by script) whose result lists `div.blog__container > a` with
  `span.article__date` like `15 июл 2026`. No GET URL for a day is known, so none is invented; backfills
  (`-a since=`) walk the listing pages instead (`KZNEWS_PM_ARCHIVE_MAX_DAYS` is unused until a form submission
  is confirmed on the live site).
Article URLs: /{lang}/news/[<category>/]<slug>-<id>; ids run ~29000 (2025) to ~31800 (mid-2026); pre-redesign
ids are larger (280497 in Jan 2021) — do not order by id across the redesign.
Page: the current markup is NOT confirmed. Layers: og:title / og:image / article:published_time where present;
then h1, `.article__date` (the class documented on archive cards), a body container `div.article__content`
(ASSUMED), and the old site's `h1.main-news-item__head` / `div.date` as fallbacks; then the generic fallback.
Listing card dates (day only) are handed over as `["listing", text]`.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.crawl.base import NewsSpider

BASE = "https://primeminister.kz"
URL_LANG = {"ru": "ru", "kk": "kz", "en": "en"}
ARTICLE_PATH = re.compile(
    r"^/(ru|kz|en)/news/(?:(?P<section>[a-z_]+)/)?(?P<slug>[a-z0-9-]+)-(?P<id>\d{3,8})/?$"
)


class PrimeministerKzSpider(NewsSpider):
    name = "primeminister_kz"
    source_kind = "gov"
    languages = ("ru", "kk", "en")
    allowed_domains = ["primeminister.kz"]
    declared_fields = {"title": (0.95, "site"), "body": (0.95, "site"), "published": (0.9, "listing")}
    declared_precision = "day"
    articles_per_day = 20.0

    url_codes = URL_LANG
    article_path = ARTICLE_PATH
    article_hosts = ("primeminister.kz", "www.primeminister.kz")
    default_section = "news"
    # Pagination forms, tried in this order (see the module docstring).
    listing_url_forms = {
        "query": BASE + "/{code}/news?page={page}",
        "bare": BASE + "/{code}/news",  # page 1 only, when ?page=1 is refused
        "path": BASE + "/{code}/news/page/{page}",
    }
    listing_url = listing_url_forms["query"]
    # Current archive cards; news cards that are the link itself (`a.article`, 2025-26 crawlers); old site's items.
    card_links = ("div.blog__container > a", "a.article", "a.item")
    card_date = ("span.article__date::text",)
    sitemap_url = BASE + "/sitemap.xml"  # when the site has one
    sitemap_optional = True
    sitemap_priority = -1

    title_selectors = ("article h1", "h1.main-news-item__head", "h1")
    title_suffix = r"\s*\|[^|]*$"  # "<title> | <site name>" in <title>
    body_selectors = ("article div.article__content", "div.article__content", "div.main-news-item__text")
    body_cut_selectors = (".article__share",)
    date_selectors = ("article .article__date", "div.date")
    image_selectors = ("article .article__image img::attr(src)",)
    switch_links_selector = ".header__lang a"
    switch_articles_only = True

    ordered_ids = True  # ~29000 (2025) to ~31800 (mid-2026); pre-redesign ids are not in that order

    def ordered_id(self, item: dict[str, Any]) -> int | None:
        number = super().ordered_id(item)
        return number if number is not None and number < 100000 else None
