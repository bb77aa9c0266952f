"""akorda.kz — the official site of the President of Kazakhstan, in Kazakh, Russian and English. sites.md §3.

Languages: URL prefixes /kz (language kk), /ru, /en; one item keeps its numeric id in every language.
Entry points: the section listings /{lang}/{events,speeches,addresses,legal_acts}?page=N (cards
`div.card` with the link in `h3 a`, the date in `h5.mt-3`, the thumbnail in `img.card-img-top`;
paging stops at a page with nothing new), and the Russian RSS feed /ru/rss (kz/en feeds unverified).
Article URLs: /{lang}/<slug>-<numeric id> (ids are hash-like, not monotonic); addresses live at
/{lang}/addresses/<sub>/<slug>; legal acts at /en/legal_acts/<section>/<slug> (English) and, legacy,
/ru/legal_acts/decrees/<slug>. Pages are served on both www.akorda.kz and akorda.kz (og:url has no www).

Page (CONFIRMED on the real saved speech page, June 2026): `section#main_block` nested twice; title in
its `h2` with a leading space; body in `div.mt-5 > article` as <p> with inline images; og:title carries
the suffix " — Қазақстан Республикасы Президентінің ресми сайты" (RU/EN suffixes assumed); JSON-LD is
only WebSite; no article:published_time, no author. Speech pages print NO date: the date comes from
the listing card (`["listing", h5 text]`, handed over in the request meta). Events pages print
`h2.mt-5` + `h5` (medium confidence). The sidebar's `p.date_main_block_small` dates belong to other
items and are never read. Lines "Go back"/"Back" and lines naming akorda.kz are dropped from the body.
Access: HTTP 403 from some cloud ranges has been reported; plain browser-like clients pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response

from crawler.crawl.base import NewsSpider
from crawler.items import Article

BASE = "https://www.akorda.kz"
URL_LANG = {"kk": "kz", "ru": "ru", "en": "en"}
# One path segment ending in -<id>, an address page, or a legal act: /en/legal_acts/<section>/<slug>
# (English acts) and the legacy /ru/legal_acts/decrees/<slug> (evidence-2026); the site sections below
# are not articles.
ARTICLE_PATH = re.compile(
    r"^/(kz|ru|en)/(?:(?P<slug>[a-z0-9_-]+-(?P<id>\d{3,9}))|addresses/[a-z0-9_]+/[a-z0-9_-]+"
    r"|legal_acts/[a-z0-9_]+/[a-z0-9_-]+)$"
)
NOT_ARTICLES = (
    "republic_of_kazakhstan/",
    "president/",
    "official_documents/",
    "executive_office/",
    "secretary_of_state/",
    "security_council/",
    "state_symbols/",
)
DROP_LINE = re.compile(r"^(?:go back|back|назад|артқа)$|akorda\.kz", re.IGNORECASE)
_DROP_WORDS = frozenset({"go back", "back", "назад", "артқа"})


_DROP_WORDS_MAX = max(map(len, _DROP_WORDS))
# "akorda.kz" in line.lower() needs "da." in one of its cases there (no non-ASCII character lower-cases to
# d, a or "."): a few `in` tests spare lower-casing every paragraph of a long speech.
_DOMAIN_PROBES = ("da.", "dA.", "Da.", "DA.")


def _drop_line(line: str) -> bool:
    """DROP_LINE.search(line), without a case-insensitive scan of every paragraph (~1 ms a speech page)."""
    if len(line) <= _DROP_WORDS_MAX and line.lower() in _DROP_WORDS:  # lower() never shortens a string
        return True
    return any(probe in line for probe in _DOMAIN_PROBES) and "akorda.kz" in line.lower()


def _may_drop_lines(body: str, lines: list[str]) -> bool:
    """Whether some line (`lines` = body's lines) can be dropped: a short one, or one naming the domain. Its
    z, in either case, is found by a one-character search (memchr speed); the probes cost ~3 µs a KB each."""
    if ("z" in body or "Z" in body) and any(probe in body for probe in _DOMAIN_PROBES):
        return True
    return min(map(len, lines)) <= _DROP_WORDS_MAX  # a line's strip() is no longer


def is_article_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.hostname not in ("www.akorda.kz", "akorda.kz"):
        return False
    rest = parts.path.split("/", 2)[-1]  # the path after /<lang>/
    return (
        bool(ARTICLE_PATH.match(parts.path))
        and not rest.startswith(NOT_ARTICLES)
        and "deklaraciya" not in rest
    )


class AkordaKzSpider(NewsSpider):
    name = "akorda_kz"
    source_kind = "gov"
    languages = ("kk", "ru", "en")
    allowed_domains = ["akorda.kz"]
    # Speeches print no date: the listing card's or the feed's is the declared worst source.
    declared_fields = {"title": (0.95, "site"), "body": (0.95, "site"), "published": (0.9, "rss")}
    declared_precision = "day"
    articles_per_day = 10.0

    url_codes = URL_LANG
    is_article = staticmethod(is_article_url)
    article_path = ARTICLE_PATH
    listing_url = BASE + "/{code}/{section}?page={page}"
    listing_sections = ("events", "speeches", "addresses", "legal_acts")
    listing_section_meta = "akorda_section"
    card_selector = "div.card"
    card_links = ("h3 a::attr(href)",)
    card_date = ("h5::text",)
    feeds = {"ru": BASE + "/ru/rss"}
    feed_priority = -1

    title_selectors = ("section#main_block section#main_block h2", "section#main_block h2")
    # " — <site name>" after og:title and <title>; the kz form is real, ru/en assumed equivalents.
    title_suffix = (
        r"(?i)\s*[—–-]\s*(?:Қазақстан Республикасы Президентінің ресми сайты|"
        r"Официальный сайт Президента Республики Казахстан|"
        r"Official website of the President of the Republic of Kazakhstan)\s*$"
    )
    body_selectors = ("section#main_block div.mt-5 > article", "section#main_block article", "article")
    # Events pages: the date h5 right after the h2.mt-5 title; the sidebar dates are never read.
    date_selectors = ("section#main_block h2.mt-5 + h5",)
    image_selectors = ("section#main_block div.col-lg-8 p img::attr(src)",)
    switch_links_selector = "a.lang_unactive"  # the header's Қаз / Рус / Eng

    def parse_article(self, response: Response, **kwargs: Any) -> Iterator[Article]:
        for item in super().parse_article(response, section=response.meta.get("akorda_section")):
            if item.lead and self._strip_suffix(item.lead) == item.title:
                # og:description repeats the title with the site suffix: no lead on akorda pages.
                item.lead = None
                item.field_sources.pop("lead", None)
            if item.body:
                lines = item.body.split("\n\n")
                if _may_drop_lines(item.body, lines):
                    kept = [line for line in lines if not _drop_line(line.strip())]
                    item.body = "\n\n".join(kept) or None
            yield item
