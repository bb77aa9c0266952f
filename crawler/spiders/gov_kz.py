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
The agency's calls still to make travel with each request (`cb_kwargs`), not in the spider: with Redis
workers (docs/scaling.md) the next call of a chain, or a request recovered from a killed worker, is often
answered by another process, which must be able to go on with the agency's other languages and pages.
So does the session: the cookies the ticket's answer set are sent with the list calls it serves, so a
worker other than the one that POSTed the ticket is not refused for want of it.
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

import json
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import scrapy
from scrapy.http import Response

from crawler.crawl import extract as ex
from crawler.crawl.base import NewsSpider, SpiderArgumentError
from crawler.items import Article
from crawler.urls import canonical_url

HOST = "https://www.gov.kz"
# The main ministries and the three cities of republican significance.
DEFAULT_AGENCIES = (
    "mfa",
    "minfin",
    "economy",
    "enbek",
    "edu",
    "sci",
    "dsm",
    "transport",
    "maidd",
    "energo",
    "moa",
    "adilet",
    "emer",
    "mti",
    "ecogeo",
    "almaty",
    "astana",
    "shymkent",
)
AGENCY = re.compile(r"^[a-z0-9_-]{2,40}$")
_SRC = re.compile(r'(?P<attr>\b(?:src|href))=(?P<q>["\'])(?P<url>/[^"\']*)(?P=q)', re.IGNORECASE)


def absolutize(body_html: str, base: str = HOST) -> str:
    """Relative src/href in an API body made absolute (`/uploads/...` → `https://www.gov.kz/uploads/...`)."""
    return _SRC.sub(
        lambda m: f"{m.group('attr')}={m.group('q')}{urljoin(base, m.group('url'))}{m.group('q')}", body_html
    )


def clean_body(body_html: str) -> tuple[list[str], list[str]]:
    """(text paragraphs, absolute image URLs) of an API `body`."""
    html = absolutize(body_html or "")
    # The lxml tree and compiled queries directly (crawler/crawl/extract.py): no parsel wrappers per result.
    root = ex.parse_html(f'<html><body><div id="kznews-api-body">{html}</div></body></html>')
    images = [src for src in ex.find(root, "#kznews-api-body img::attr(src)") if src.strip()]
    container = ex.find(root, "#kznews-api-body")
    paragraphs = ex.paragraphs(container[0]) if container else []
    return paragraphs, images


def api_items(data: Any) -> list[dict[str, Any]] | None:
    """The items of a list answer in either shape, or None when the answer is neither."""
    if isinstance(data, list):
        return [x for x in data if isinstance(x, dict)]
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return [x for x in data["content"] if isinstance(x, dict)]
    return None


def set_cookies(response: Response) -> dict[str, str]:
    """The cookies a response sets (name: value): the gov.kz ticket's session, carried by its list calls."""
    cookies: dict[str, str] = {}
    for header in response.headers.getlist("Set-Cookie"):
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header.decode("latin-1"))
        except CookieError:  # a malformed cookie is the server's; the jar of this process still has the rest
            continue
        cookies.update({name: morsel.value for name, morsel in jar.items()})
    return cookies


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

    api_url = HOST + "/api/v1/public/content-manager/news"
    ticket_url = HOST + "/api/v1/public/_/c/k6"
    press_url = HOST + "/memleket/entities/{agency}/press/news?lang={lang}"
    public_url = HOST + "/memleket/entities/{agency}/press/news/details/{id}?lang={lang}"

    def __init__(self, *args: Any, agencies: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ticketed: set[str] = set()  # agencies asked for a ticket this run (read by the health check)
        self.ticket_limit: int | None = None  # learnt: list calls one ticket serves (None: no limit seen)
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

    # --- settings -------------------------------------------------------------------------------

    def _setting(self, name: str, default: Any) -> Any:
        settings = getattr(self, "settings", None)
        return settings.get(name, default) if settings is not None else default

    @property
    def agencies(self) -> list[str]:
        if self._agencies_arg:
            return self._agencies_arg
        configured = self._setting("KZNEWS_GOV_AGENCIES", None)
        if isinstance(configured, str):
            configured = [a.strip().lower() for a in configured.split(",") if a.strip()]
        return list(configured) if configured else list(DEFAULT_AGENCIES)

    @property
    def page_size(self) -> int:
        return int(self._setting("KZNEWS_GOV_PAGE_SIZE", 100))

    @property
    def max_renewals(self) -> int:
        return int(self._setting("KZNEWS_GOV_TICKET_RENEWALS", 3))

    # --- requests -------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for agency in self.agencies:
            yield self.ticket_request(agency, [(lang, 1) for lang in self.langs], renewals=0)

    def ticket_request(self, agency: str, then: list[tuple[str, int]], *, renewals: int) -> scrapy.Request:
        """POST the access ticket in the agency's cookie session, then ask for the pages in `then`
        (the agency's calls still to make), one at a time."""
        lang = then[0][0] if then else "ru"
        self._ticketed.add(agency)
        crawler = getattr(self, "crawler", None)
        try:
            stats = crawler.stats if crawler is not None else None
        except RuntimeError:  # `kznews seed` builds the start requests before any crawl (no stats yet)
            stats = None
        if stats is not None:
            stats.set_value("kznews/access/units", len(self._ticketed))
        return scrapy.Request(
            self.ticket_url,
            method="POST",
            body=b"{}",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json, text/plain, */*",
                "Origin": HOST,
                "Referer": self.press_url.format(agency=agency, lang=lang),
            },
            callback=self.parse_ticket,
            errback=self.ticket_failed,
            cb_kwargs={"agency": agency, "then": list(then), "renewals": renewals},
            meta={"cookiejar": agency},
            dont_filter=True,
        )

    def list_url(self, agency: str, lang: str, page: int) -> str:
        # The documented spelling: `eq:` and `created_date:DESC` with a bare colon.
        return (
            f"{self.api_url}?projects=eq:{agency}&page={page}&size={self.page_size}"
            f"&sort-by=created_date:DESC&lang={lang}"
        )

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
        """One list call; `rest`: the agency's calls after it, `uses`: the calls its ticket served before,
        `session`: the cookies the ticket's answer set."""
        return scrapy.Request(
            self.list_url(agency, lang, page),
            headers={
                "Accept": "application/json, text/plain, */*",
                "Accept-Language": lang,
                "Referer": self.press_url.format(agency=agency, lang=lang),
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
            meta={"cookiejar": agency, "handle_httpstatus_list": [400, 401, 403], "kznews_archive": True},
            dont_filter=True,  # a retry after renewal asks for the same URL again
        )

    def parse_ticket(
        self, response: Response, agency: str, then: list[tuple[str, int]], renewals: int
    ) -> Iterator[Any]:
        self.crawler.stats.inc_value(f"kznews/{self.name}/tickets")
        session = set_cookies(response)
        yield from self.next_call(agency, then, uses=0, renewals=renewals, session=session)

    def ticket_failed(self, failure: Any) -> None:
        """Errback of the ticket POST: without a ticket none of the agency's waiting calls can be made.
        Those calls are the failure, so they are counted as such (a refused ticket used to end the agency's
        chain silently, and a run where the ticket endpoint refused every agency was judged only DEGRADED)."""
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
        stats.set_value(f"kznews/access/refused/{agency}", 1)  # health: every agency refused is BROKEN
        for lang, page in lost:
            if page == 1:  # the agency's language entry point could not be read
                stats.inc_value(f"kznews/entry/failed/{self.list_url(agency, lang, page)}")
        self.logger.error(
            "gov_kz: the ticket for %s was refused (%s); %d list calls not made",
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
    ) -> Iterator[scrapy.Request]:
        """The first of the agency's `calls`, or a fresh ticket first when the current one (which has
        served `uses` calls) is used up."""
        # (lang, page) pairs, whatever sequence type a request serialiser gave back
        waiting = [(str(lang), int(page)) for lang, page in calls]
        if not waiting:
            return
        if self.ticket_limit is not None and uses >= self.ticket_limit:
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
        if response.status in (400, 401, 403):
            if uses and (self.ticket_limit is None or uses < self.ticket_limit):
                self.ticket_limit = uses  # the ticket served `uses` calls, then was spent
            if renewals >= self.max_renewals:
                self.crawler.stats.inc_value(f"kznews/{self.name}/ticket_refused")
                self.crawler.stats.inc_value(f"kznews/entry/failed/{response.url}")
                self.logger.error(
                    "gov_kz: %s refused (%d) after %d ticket renewals; skipping %s/%s",
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
        # The agency's calls are chained: a broken answer (a parser error) must not stop the others.
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
        The agency's calls are chained, one at a time, so its next call (the other languages, the next
        pages) must go all the same, or one failed call would silently drop the rest of the agency."""
        request = failure.request
        calls = request.cb_kwargs
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
        if page == 1:  # an agency with no news answers []: a good answer all the same
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
            page=page, links=len(items), new=new, oldest=oldest, lang=lang
        ):  # a short page is the last one
            following.append((lang, page + 1))

    def parse_article(self, response: Response, **kwargs: Any) -> Iterator[Article]:
        """Every item of one saved API answer (for golden cases and reparse): agency and language
        come from the answer's own URL."""
        query = dict(parse_qsl(urlsplit(response.url).query))
        agency = kwargs.get("agency") or query.get("projects", "").removeprefix("eq:") or "unknown"
        lang = kwargs.get("lang") or query.get("lang") or "ru"
        for raw in self.read_items(response) or []:
            article = self.article_from(raw, agency, lang, response)
            if article is not None:
                yield article

    # --- items ----------------------------------------------------------------------------------

    def read_items(self, response: Response) -> list[dict[str, Any]] | None:
        try:
            data = json.loads(response.body)
        except ValueError:
            self.crawler_stat("not_json")
            self.logger.warning("gov_kz: %s did not answer JSON (%r...)", response.url, response.body[:80])
            return None
        items = api_items(data)
        if items is None:
            self.crawler_stat("unknown_shape")
            self.logger.warning(
                "gov_kz: %s answered JSON of an unknown shape (%s)", response.url, type(data).__name__
            )
        return items

    def crawler_stat(self, event: str) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.stats.inc_value(f"kznews/{self.name}/{event}")

    def article_from(self, raw: dict[str, Any], agency: str, lang: str, response: Response) -> Article | None:
        native = raw.get("id")
        if native in (None, ""):
            return None
        sources: dict[str, str] = {}
        paragraphs, images = clean_body(str(raw.get("body") or raw.get("content") or ""))
        title = ex.squash(str(raw.get("title") or raw.get("name") or "")) or None
        lead_html = str(raw.get("short_description") or "")
        lead = ex.squash(" ".join(ex.find(ex.parse_html(f"<p>{lead_html}</p>"), "//text()"))) or None
        hero = raw.get("heropic") or raw.get("image") or raw.get("preview_image")
        image = urljoin(HOST, str(hero)) if hero else (images[0] if images else None)
        created = raw.get("created_date") or raw.get("createdDate") or raw.get("publish_date")
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
