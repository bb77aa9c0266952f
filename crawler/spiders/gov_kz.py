"""gov.kz — the unified portal of Kazakhstan's government bodies (ministries, akimats), in Russian, Kazakh and English. sites.md §4.

The public pages are a React shell with no content, so the spider reads the content-manager JSON API:
    GET https://www.gov.kz/api/v1/public/content-manager/news
        ?projects=eq:<agency>&page=N&size=<size>&sort-by=created_date:DESC&lang=<ru|kk|en>
with `Accept-Language: <lang>` (the `lang` parameter is the documented optional one; sending both
keeps the answer's language unambiguous). Pages are read until an empty one (or nothing new, or
`max_pages`). Two response shapes are in use and both are read: a bare JSON array (2026 code) and
`{"content": [...]}` (older code).
Access ticket (medium-high confidence, 2025–26): before list calls, POST /api/v1/public/_/c/k6 with
`Content-Type: application/json`, `Origin: https://www.gov.kz` and the agency's press page as Referer,
in the same cookie session (a Scrapy cookiejar per agency). The list calls of one agency go one at a
time in its session. A 2026 client renewed the ticket before every page (a ticket may be single-use);
renewing always would double the requests, so the spider renews only when a list call is refused
(400/401/403: the ticket is spent), retries that page, and learns how many calls a ticket serves: from
then on it renews just before the ticket runs out, so a single-use ticket costs one ticket per page
and no refused call. At most KZNEWS_GOV_TICKET_RENEWALS renewals per page. The ticket's response body
is unknown and not read. (The older header pair `hash`/`token` captured from a browser is not used.)
The agency's calls, and the ticket's session cookies, travel with each request (crawler/crawl/discovery.py).
Page size: 100 items a call, as a working 2026 client reads (KZNEWS_GOV_PAGE_SIZE); a page shorter
than the size is the last one.
Item fields used: id, title, body (HTML; relative `<img src="/uploads/...">` made absolute), short_description
(lead), created_date (→ date candidate `["api", created_date]`; migrated 2019–21 items carry a bare
`T00:00:00`, which the dates pipeline keeps at day precision), heropic (relative; → absolute `image`).
Unverified alternates seen in low-quality code (`name`, `createdDate`, `publish_date`) are read as fallbacks.
The Article URL is the canonical public page /memleket/entities/<agency>/press/news/details/<id>?lang=<lang>;
`native_id` is the API id (shared by the kk/ru/en versions); `section` is the agency slug.
Agencies: `-a agencies=mfa,minfin`, else the setting KZNEWS_GOV_AGENCIES (comma list), else DEFAULT_AGENCIES.
Agency slugs change on restructuring (mdai became maidd).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawler.crawl import discovery
from crawler.crawl.base import NewsSpider, SpiderArgumentError
from crawler.crawl.discovery import api_items as api_items
from crawler.items import Article

HOST = "https://www.gov.kz"
# The main ministries and the three cities of republican significance.
DEFAULT_AGENCIES = (
    *("mfa", "minfin", "economy", "enbek", "edu", "sci", "dsm", "transport", "maidd", "energo", "moa"),
    *("adilet", "emer", "mti", "ecogeo", "almaty", "astana", "shymkent"),
)
AGENCY = re.compile(r"^[a-z0-9_-]{2,40}$")


def absolutize(body_html: str, base: str = HOST) -> str:
    """Relative src/href in an API body made absolute (`/uploads/...` → `https://www.gov.kz/uploads/...`)."""
    return discovery.absolutize(body_html, base)


def clean_body(body_html: str) -> tuple[list[str], list[str]]:
    """(text paragraphs, absolute image URLs) of an API `body`."""
    return discovery.clean_body(body_html, HOST)


def known_agencies() -> list[str]:
    """The gov.kz project slugs of the source registry (data/sources.toml `gov_project`, former ones too)."""
    from crawler.sources import Registry

    slugs = {
        slug
        for source in Registry.load().sources.values()
        for slug in (source.gov_project, *source.former_gov_projects)
        if slug
    }
    return sorted(slugs | set(DEFAULT_AGENCIES))


class GovKzSpider(NewsSpider):
    name = "gov_kz"
    source_kind = "gov"
    ordered_ids = True  # one id sequence for every agency: 942454 = 2025-02-21 … 1163144 = 2026-02-17
    languages = ("ru", "kk", "en")
    allowed_domains = ["gov.kz"]
    declared_fields = {"title": (0.95, "api"), "body": (0.9, "api"), "published": (0.95, "api")}
    declared_precision = "day"  # migrated items carry a bare T00:00:00
    articles_per_day = 50.0

    # The documented spelling: `eq:` and `created_date:DESC` with a bare colon.
    api_list_url = (
        HOST + "/api/v1/public/content-manager/news"
        "?projects=eq:{agency}&page={page}&size={size}&sort-by=created_date:DESC&lang={lang}"
    )
    api_host = HOST
    api_referer = HOST + "/memleket/entities/{agency}/press/news?lang={lang}"
    api_page_size = ("KZNEWS_GOV_PAGE_SIZE", 100)  # as a working 2026 client reads
    api_item_keys = ("content",)  # older code; 2026 code answers a bare array
    # The first key is the documented one; the others were seen in low-quality code (unverified).
    api_fields = {
        "id": ("id",),
        "title": ("title", "name"),
        "body": ("body", "content"),
        "lead": ("short_description",),
        "image": ("heropic", "image", "preview_image"),
        "published": ("created_date", "createdDate", "publish_date"),
    }
    public_url = HOST + "/memleket/entities/{agency}/press/news/details/{id}?lang={lang}"
    ticket_url = HOST + "/api/v1/public/_/c/k6"
    # The change check (crawler/crawl/discovery.py check_request): GraphQL's documented `news` root.
    api_check_url = HOST + "/graphql"
    api_check_field = (
        'news(projects: "EQ:{agency}", _size: {size}, _page: 1, _sort: "created_date:DESC", _lang: "{lang}")'
    )
    ticket_renewals = ("KZNEWS_GOV_TICKET_RENEWALS", 3)

    def __init__(self, *args: Any, agencies: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._agencies_arg = [a.strip().lower() for a in (agencies or "").split(",") if a.strip()]
        bad = [a for a in self._agencies_arg if not AGENCY.match(a)]
        if bad:
            raise SpiderArgumentError(
                f"-a agencies={agencies}: {', '.join(bad)} is not an agency slug like mfa"
            )
        unknown = [a for a in self._agencies_arg if a not in known_agencies()]
        if unknown:  # a typo (mfaa) would otherwise crawl nothing and mark gov_kz BROKEN
            raise SpiderArgumentError(
                f"-a agencies={agencies}: unknown agency {unknown[0]!r}; choose from: {', '.join(known_agencies())}"
                " (or add its gov_project to data/sources.toml)"
            )

    @property
    def agencies(self) -> list[str]:
        if self._agencies_arg:
            return self._agencies_arg
        configured = self._setting("KZNEWS_GOV_AGENCIES", None)
        if isinstance(configured, str):
            configured = [a.strip().lower() for a in configured.split(",") if a.strip()]
        return list(configured) if configured else list(DEFAULT_AGENCIES)

    def api_agencies(self) -> list[str]:
        return self.agencies

    def parse_article(self, response: Response, **kwargs: Any) -> Iterator[Article]:
        """Every item of one saved API answer (for golden cases and reparse)."""
        return self.parse_api_answer(response, **kwargs)
