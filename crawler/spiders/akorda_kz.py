"""akorda.kz — the official site of the President of Kazakhstan, in Kazakh, Russian and English. sites.md §3.

Languages: URL prefixes /kz (language kk), /ru, /en; one item keeps its numeric id in every language.
Entry points: the section listings /{lang}/{events,speeches,addresses,legal_acts}?page=N (cards `div.card`,
link in `h3 a`, date in `h5.mt-3`, thumbnail in `img.card-img-top`; paging stops at a page with nothing new),
and the Russian RSS feed /ru/rss (kz/en feeds unverified).
Article URLs: /{lang}/<slug>-<numeric id> (ids are hash-like, not monotonic); addresses at
/{lang}/addresses/<sub>/<slug>; legal acts at /en/legal_acts/<section>/<slug> (English) and, legacy,
/ru/legal_acts/decrees/<slug>. Pages are served on both www.akorda.kz and akorda.kz (og:url has no www).

Page (CONFIRMED on the real saved speech page, June 2026): `section#main_block` nested twice; title in its
`h2` with a leading space; body in `div.mt-5 > article` as <p> with inline images; og:title has the suffix " —
Қазақстан Республикасы Президентінің ресми сайты" (RU/EN suffixes assumed); JSON-LD only WebSite; no
article:published_time, no author. Speech pages print NO date: it comes from the listing card (`["listing", h5
text]`, in the request meta). Events pages print `h2.mt-5` + `h5` (medium confidence). The sidebar's
`p.date_main_block_small` dates are other items' (never read). Body lines "Go back"/"Back" or naming akorda.kz
are dropped.
Access: HTTP 403 from some cloud ranges has been reported; plain browser-like clients pass.
"""

from __future__ import annotations

import re

from crawler.crawl.base import NewsSpider

BASE = "https://www.akorda.kz"
URL_LANG = {"kk": "kz", "ru": "ru", "en": "en"}
# One path segment ending in -<id>, an address page, or a legal act (English, and legacy ones: evidence-2026).
ARTICLE_PATH = re.compile(
    r"^/(kz|ru|en)/(?:(?P<slug>[a-z0-9_-]+-(?P<id>\d{3,9}))|addresses/[a-z0-9_]+/[a-z0-9_-]+"
    r"|legal_acts/[a-z0-9_]+/[a-z0-9_-]+)$"
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
    article_path = ARTICLE_PATH
    article_hosts = ("www.akorda.kz", "akorda.kz")
    # The site's sections under /<lang>/, and the declaration pages (deklaraciya), are not articles.
    not_article_paths = re.compile(
        r"^/[a-z]+/(?:republic_of_kazakhstan|president|official_documents|executive_office|secretary_of_state"
        r"|security_council|state_symbols)/|deklaraciya"
    )
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
    body_drop_lines = re.compile(r"^(?:go back|back|назад|артқа)$|akorda\.kz", re.IGNORECASE)
    # og:description repeats the title with the site suffix: no lead on akorda pages.
    title_lead_is_none = True
    # Events pages: the date h5 right after the h2.mt-5 title; the sidebar dates are never read.
    date_selectors = ("section#main_block h2.mt-5 + h5",)
    image_selectors = ("section#main_block div.col-lg-8 p img::attr(src)",)
    switch_links_selector = "a.lang_unactive"  # the header's Қаз / Рус / Eng
