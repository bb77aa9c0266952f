"""NewsSpider: the shared base of every site spider.

A site spider declares its entry points and selectors (class constants) and keeps only what is true of
its site; the base does the rest the same way for every site. `NewsSpider` = `Discovery`
(crawler/crawl/discovery.py: sitemaps, listings, load-more answers, feeds, a JSON API, entry-point health)
over `SpiderCore` (this module):
- arguments: `-a lang=ru,kk` (restrict languages), `-a since=YYYY-MM-DD` (backfill), `-a max_pages=N`;
- incremental state: `is_known(url)` asks the store whether the canonical URL is already there
  (`listing_continue()` in discovery stops paging when a listing page brings nothing new);
- date hints per URL from every entry point (`add_date_hint`), re-dating late ones when the spider closes;
- article requests are de-duplicated per run and flagged for the raw-page archive;
- `extract_article()` locates every field in layers — JSON-LD, then OpenGraph/article meta, then the
  site's selectors, then a generic fallback — and records per field which layer supplied it; native id
  and section from the URL (`article_path`), alternates from a labelled language switch; then body
  paragraphs `body_drop_lines` finds are dropped, and with `title_lead_is_none` a lead repeating the title;
- `is_article(url)`: on `article_hosts`, matching `article_path`, not `not_article_paths` (or the site's own test).

The parts, in file order:
- `norm_lang`, `SpiderArgumentError`.
- `SpiderCore`: class constants (selectors, declarations), `from_crawler`, `__init__`; then its "# ---"
  sections: settings-dependent state (`stored`, `is_known`, `needs_refresh`), date hints (`add_date_hint`),
  requests (`article_request`), extraction (`parse_article`, `extract_article`, `title_affixes`, the
  language switch and URL fields).
- `NewsSpider`: `Discovery` over `SpiderCore`, what every site spider subclasses.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from crawler.crawl import extract as ex
from crawler.crawl.discovery import Discovery
from crawler.items import MIN_BODY_CHARS, Article
from crawler.urls import article_id, canonical_url

LANG_ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en"}


def norm_lang(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().lower().replace("_", "-").split("-")[0]
    return LANG_ALIASES.get(value, value) or None


@lru_cache(maxsize=64)
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    """re.compile once per spider pattern: re.sub(pattern, ...) looks its cache up on every call."""
    return re.compile(pattern)


class SpiderArgumentError(ValueError):
    pass


class SpiderCore(scrapy.Spider):
    """Arguments, incremental state, date hints, article requests and layered extraction."""

    name: str = ""

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().from_crawler(crawler, *args, **kwargs)
        except SpiderArgumentError as exc:
            # `scrapy crawl -a lang=xx`: one line and exit status 2 (usage), not a traceback in a Deferred
            sys.stderr.write(f"{exc}\n")
            raise SystemExit(2) from None

    source_kind: ClassVar[str] = "news"  # news | gov
    languages: ClassVar[tuple[str, ...]] = ("ru",)
    allowed_domains: ClassVar[list[str]] = []

    # Site layer selectors (CSS, or XPath when starting with "/"), tried in order.
    title_selectors: ClassVar[Sequence[str]] = ()
    title_suffix: ClassVar[str | None] = None  # regex stripped from og:title / <title>
    lead_selectors: ClassVar[Sequence[str]] = ()
    body_selectors: ClassVar[Sequence[str]] = ()  # body containers
    body_cut_selectors: ClassVar[Sequence[str]] = ()  # blocks that end the text (share, tags)
    body_drop_selectors: ClassVar[Sequence[str]] = ()  # blocks inside the body to skip
    body_drop_lines: ClassVar[re.Pattern[str] | None] = None  # body paragraphs it finds are dropped
    title_lead_is_none: ClassVar[bool] = False  # a lead repeating the title (after title_suffix) is no lead
    date_selectors: ClassVar[Sequence[str]] = ()
    updated_selectors: ClassVar[Sequence[str]] = ()
    author_selectors: ClassVar[Sequence[str]] = ()
    tag_selectors: ClassVar[Sequence[str]] = ()
    image_selectors: ClassVar[Sequence[str]] = ()
    language_switch_selectors: ClassVar[Sequence[str]] = ()  # <a> elements to other languages
    # A header switch whose links are labelled (Қаз / Рус / Eng) rather than marked with hreflang: when it
    # names other languages, those links are the alternates (they keep the page's slug and id).
    switch_links_selector: ClassVar[str | None] = None
    switch_labels: ClassVar[dict[str, str]] = {
        "қаз": "kk", "каз": "kk", "kz": "kk", "рус": "ru", "ru": "ru", "eng": "en", "en": "en"
    }  # fmt: skip
    switch_articles_only: ClassVar[bool] = False  # a switch link that is no article page is not an alternate
    # The article URL's named groups: `id` is the native id, `section` the section (else default_section).
    article_path: ClassVar[re.Pattern[str] | None] = None
    article_hosts: ClassVar[Sequence[str]] = ()  # with article_path: the base's is_article()
    not_article_paths: ClassVar[re.Pattern[str] | None] = None  # article_path matches that are no articles
    default_section: ClassVar[str | None] = None
    title_date_pattern: ClassVar[re.Pattern[str] | None] = None  # date printed in <title>
    # What the site delivers (health needs no history, crawler/ops/health.py): per field the minimum share of
    # articles that have it and the worst layer it may come from (crawler.store.articles.LAYER_RANK; for
    # "published" the date source); the coarsest date precision the site prints; articles a day.
    declared_fields: ClassVar[dict[str, tuple[float, str]]] = {}
    declared_precision: ClassVar[str | None] = None
    articles_per_day: ClassVar[float] = 0.0
    # The site's numeric article ids grow with time: a date out of their order is refused (pipelines/dates.py).
    ordered_ids: ClassVar[bool] = False

    def __init__(
        self,
        lang: str | None = None,
        since: str | None = None,
        max_pages: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        requested = [norm_lang(x) for x in (lang or "").split(",") if x.strip()]
        unknown = [x for x in requested if x not in self.languages]
        if unknown:
            raise SpiderArgumentError(
                f"{self.name} publishes in {', '.join(self.languages)}; "
                f"-a lang={lang} names {', '.join(str(u) for u in unknown)}"
            )
        self.langs: tuple[str, ...] = tuple(x for x in requested if x) or self.languages
        self.since: date | None = None
        if since:
            try:
                self.since = date.fromisoformat(str(since))
            except ValueError as exc:
                raise SpiderArgumentError(f"-a since={since} is not a date like 2026-01-31") from exc
        self._max_pages_arg = int(max_pages) if max_pages not in (None, "") else None
        self._requested: set[str] = set()
        self._known_db: sqlite3.Connection | None = None
        self._known_checked = False
        self._title_ends: dict[str, set[str]] = {}  # title end part -> the other ends seen with it
        # Date hints per canonical URL (listing cards, feed entries, sitemap lastmod), from every entry
        # point that offered the URL, whichever answered first; read when the article is parsed, and a
        # hint that comes after the parse re-dates the stored row when the spider closes (docs/dates.md).
        self.date_hints: dict[str, list[list[str]]] = {}
        self._dated: dict[str, dict[str, Any]] = {}  # canonical URL -> what the dates stage needs again
        self._late: set[str] = set()

    # --- settings-dependent state ----------------------------------------------------------------

    @property
    def max_pages(self) -> int:
        if self._max_pages_arg is not None:
            return self._max_pages_arg
        settings = getattr(self, "settings", None)
        return settings.getint("KZNEWS_MAX_LISTING_PAGES", 50) if settings else 50

    def _db(self) -> sqlite3.Connection | None:
        if not self._known_checked:
            self._known_checked = True
            settings = getattr(self, "settings", None)
            path = settings.get("KZNEWS_DB") if settings else None
            if path and Path(path).exists():
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("PRAGMA busy_timeout = 5000")
                try:
                    conn.execute("SELECT 1 FROM articles LIMIT 1")
                    self._known_db = conn
                except sqlite3.Error:
                    conn.close()
        return self._known_db

    def stored(self, url: str) -> tuple[str | None, str | None] | None:
        """(fetched_at, published_at) of the stored article at this URL's canonical form, or None."""
        conn = self._db()
        if conn is None:
            return None
        row = conn.execute(
            "SELECT fetched_at, published_at FROM articles WHERE id = ?", (article_id(canonical_url(url)),)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def is_known(self, url: str) -> bool:
        """Already stored: the canonical URL's article id is in `articles`."""
        return self.stored(url) is not None

    def needs_refresh(self, url: str, *, lastmod: str | None = None) -> bool:
        """A stored article worth fetching again: the sitemap says it changed after our fetch, or it
        is young enough (KZNEWS_REFRESH_HOURS) that editors may still be fixing it. The fetch is a
        conditional GET (crawler/store/incremental.py), so an unchanged page costs a 304 and no parse."""
        row = self.stored(url)
        if row is None:
            return False
        fetched_at, published_at = row
        if lastmod and fetched_at:
            from crawler.dates import parse_date

            changed = parse_date(lastmod)
            seen = parse_date(fetched_at)
            if changed is not None and seen is not None and changed > seen:
                return True
        settings = getattr(self, "settings", None)
        hours = settings.getfloat("KZNEWS_REFRESH_HOURS", 0) if settings else 0
        if hours and published_at:
            from crawler.dates import parse_date

            published = parse_date(published_at)
            if published is not None and (datetime.now(UTC) - published).total_seconds() < hours * 3600:
                return True
        return False

    def closed(self, reason: str) -> None:
        if self._known_db is not None:
            self._known_db.close()
        if self._late:
            from crawler.crawl.datehints import apply_late_hints

            apply_late_hints(self, [self._dated[key] for key in sorted(self._late) if key in self._dated])

    def ordered_id(self, item: dict[str, Any]) -> int | None:
        """The item's numeric id when `ordered_ids` (default: native_id)."""
        native = str(item.get("native_id") or "")
        return int(native) if native.isdigit() else None

    # --- date hints -----------------------------------------------------------------------------------

    def add_date_hint(self, url: str, source: str, text: str | None) -> None:
        """Remember a date another page gives for the article at `url` ("listing", "rss", "sitemap")."""
        if not text:
            return
        key = canonical_url(url)
        hints = self.date_hints.setdefault(key, [])
        pair = [str(source), str(text).strip()]
        if pair not in hints:
            hints.append(pair)
            # After the request went out, url_state may have recorded the hints without this one (and
            # after the parse, the stored date lacks it): the spider's close puts both right.
            if key in self._dated or key in self._requested:
                self._late.add(key)

    # --- requests ---------------------------------------------------------------------------------

    def wants_language(self, language: str | None) -> bool:
        return language is None or language in self.langs

    def article_request(
        self,
        url: str,
        *,
        callback: Any = None,
        meta: dict[str, Any] | None = None,
        hint: Sequence[str | None] | None = None,
        **kwargs: Any,
    ) -> scrapy.Request | None:
        """A request for an article page, or None when it was already requested in this run.

        The card or feed date in `meta["listing_date"]` (or `hint`, a [source, text] pair such as a
        sitemap lastmod) is remembered for the URL even when the request itself is a duplicate."""
        meta = dict(meta or {})
        given = meta.get("listing_date")
        if given:
            source, text = given if isinstance(given, (list, tuple)) else ("listing", given)
            self.add_date_hint(url, str(source), text)
        if hint:
            self.add_date_hint(url, str(hint[0]), hint[1])
        key = canonical_url(url)
        if key in self._requested:
            return None
        settings = getattr(self, "settings", None)
        cap = settings.getint("KZNEWS_PROBE_ARTICLES", 0) if settings is not None else 0
        if cap and len(self._requested) >= cap:  # `kznews probe`: a few pages, politely
            return None
        self._requested.add(key)
        # The live list: the hints known when the page answers go to url_state for `kznews reparse`.
        meta["date_hints"] = self.date_hints.setdefault(key, [])
        meta.setdefault("kznews_archive", True)
        return scrapy.Request(url, callback=callback or self.parse_article, meta=meta, **kwargs)

    # --- extraction -----------------------------------------------------------------------------------

    def language_for(self, response: Response) -> str | None:
        """The page language: override in a spider when the URL says it better than <html lang>."""
        if isinstance(response, TextResponse):
            root = ex.page_root(response).getroottree().getroot()
            return norm_lang(root.get("lang") if root.tag == "html" else None)  # /html/@lang
        return None

    def parse_article(self, response: Response, **kwargs: Any) -> Iterable[Article]:
        section_meta = getattr(self, "listing_section_meta", None)  # discovery's: the card's listing section
        if section_meta:
            kwargs.setdefault("section", response.meta.get(section_meta))
        yield self.extract_article(response, **{**self.url_fields(response), **kwargs})

    def extract_article(self, response: Response, **overrides: Any) -> Article:
        # time.strftime on gmtime(): the same string as datetime.now(UTC).strftime(...) at a third of the cost
        fetched_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        meta_in = response.meta if response.request is not None else {}
        item = Article(
            url=response.url,
            site=self.name,
            source_kind=self.source_kind,
            fetched_at=fetched_at,
            http_status=response.status,
            page_id=meta_in.get("page_id"),
        )
        if not isinstance(response, TextResponse):
            item.field_sources["error"] = f"not a text page ({response.headers.get('Content-Type', b'?')!r})"
            return item
        sel = ex.page_root(response)
        ld = ex.from_jsonld(ex.jsonld_article(sel))
        meta = ex.from_meta(sel)
        sources: dict[str, str] = {}

        def pick(field: str, *layers: tuple[str, Callable[[], Any]]) -> Any:
            # Layers are read lazily, in order: a later layer's selectors only run when the earlier ones
            # found nothing (the values and field_sources are the same as reading them all).
            for layer, read in layers:
                value = read()
                if value:
                    sources[field] = layer
                    return value
            return None

        names = [n for n in (meta.get("site_name"), *self.allowed_domains) if n]

        def affix_free(title: str | None) -> str | None:
            title = self._strip_suffix(title)
            # The page's own texts only when a separator leaves a choice (they cost a walk of the page).
            texts = ex.page_texts(sel) if title and len(ex.title_parts(title)) > 1 else None
            return ex.clean_title(title, url=response.url, names=names, page_texts=texts)

        title = pick(
            "title",
            ("jsonld", lambda: affix_free(ld.get("title"))),
            ("meta", lambda: affix_free(meta.get("title"))),
            ("site", lambda: ex.first_text(sel, self.title_selectors)),
            (
                ex.GENERIC,
                lambda: ex.generic_title(
                    sel, url=response.url, names=names, prepare=self._strip_suffix, affixes=self.title_affixes
                ),
            ),
        )
        item.title = title
        generic = ex.GenericPage(
            sel, title
        )  # the generic layer's page reading, done once and only when asked

        site_body: list[str] = []
        for query in self.body_selectors:
            nodes = ex.find(sel, query)
            if nodes:
                site_body = ex.paragraphs(
                    nodes[0], cut_at=self.body_cut_selectors, drop=self.body_drop_selectors
                )
                if site_body:
                    break
        ld_body = ld.get("body") or []
        if site_body and len(" ".join(site_body)) >= len(" ".join(ld_body)):
            body, sources["body"] = site_body, "site"
        elif ld_body:
            body, sources["body"] = ld_body, "jsonld"
        else:
            body = []
        # Without the site's own container, a JSON-LD articleBody (often truncated) wins only when it is
        # longer than the article text the page itself shows.
        if sources.get("body") != "site" or len(" ".join(body)) < MIN_BODY_CHARS:
            fallback = generic.body()
            if len(" ".join(fallback)) > len(" ".join(body)):
                body, sources["body"] = fallback, ex.GENERIC
        item.body = "\n\n".join(body) if body else None
        # The site's layout was not recognised (its body selectors found nothing): then the generic layer
        # also reads the fields a site may leave out (lead, authors, dates). Otherwise it reads them only
        # where the site declares the field (a lead selector) or nothing else dates the page: a page of a
        # site without bylines should not pay for a search for one.
        unrecognised = sources.get("body") == ex.GENERIC

        item.lead = pick(
            "lead",
            ("jsonld", lambda: ld.get("lead")),
            ("site", lambda: ex.first_text(sel, self.lead_selectors)),
            ("meta", lambda: meta.get("lead")),
            (
                ex.GENERIC,
                lambda: (
                    generic.lead(self.language_for(response)) if unrecognised or self.lead_selectors else None
                ),
            ),
        )
        item.authors = (
            pick(
                "authors",
                ("jsonld", lambda: ld.get("authors")),
                ("meta", lambda: meta.get("authors")),
                ("site", lambda: ex.all_texts(sel, self.author_selectors)),
                (ex.GENERIC, lambda: ex.generic_authors(sel) if unrecognised else None),
            )
            or []
        )
        item.tags = (
            pick(
                "tags",
                ("jsonld", lambda: ld.get("tags")),
                ("meta", lambda: meta.get("tags")),
                ("site", lambda: ex.all_texts(sel, self.tag_selectors)),
            )
            or []
        )
        image = pick(
            "image",
            ("jsonld", lambda: ld.get("image")),
            ("meta", lambda: meta.get("image")),
            ("site", lambda: ex.first_text(sel, self.image_selectors)),
        )
        item.image = ex.page_urljoin(response, image) if image else None

        candidates: list[list[str]] = []
        if ld.get("published"):
            candidates.append(["jsonld", str(ld["published"])])
        if meta.get("published"):
            candidates.append(["meta", meta["published"]])
        for text in ex.all_texts(sel, self.date_selectors):
            candidates.append(["site", text])
        if self.title_date_pattern is not None:
            doc_title = ex.squash(ex.first_text_node(sel, "title"))
            found = self.title_date_pattern.search(doc_title)
            if found:
                candidates.append(["title", found.group("date")])
        # What other pages say about this one: the card or feed entry that linked here (request meta,
        # also replayed by reparse) and every hint the spider saw for the URL in this run.
        hints: list[list[str]] = []
        given = meta_in.get("listing_date")
        if given:
            source, text = given if isinstance(given, (list, tuple)) else ("listing", given)
            hints.append([str(source), str(text)])
        key = canonical_url(response.url)
        for pair in [*(meta_in.get("date_hints") or []), *self.date_hints.get(key, [])]:
            if isinstance(pair, (list, tuple)) and len(pair) == 2 and list(pair) not in hints:
                hints.append([str(pair[0]), str(pair[1])])
        if not candidates:
            # The page states no date where the site's layers look: the generic layer. Read whatever
            # hints have come by now, so it does not depend on which request answered first: the dates
            # stage drops these when a card or feed date is among the hints (pipelines/dates.py).
            published, updated = ex.structured_dates(sel)
            candidates.extend([ex.GENERIC, text] for text in published)
            if not published:
                printed = generic.printed_date(self.language_for(response))
                if printed:
                    candidates.append([ex.GENERIC, printed])
            if not candidates and unrecognised:
                library = ex.library_date(ex.page_text(response), url=response.url)
                if library:  # the weakest reading: dropped when a card or feed dates the page
                    candidates.append([ex.GENERIC + ":library", library])
            candidates.extend(["updated:" + ex.GENERIC, text] for text in updated)
        page_candidates = list(candidates)
        candidates.extend(hints)
        if ld.get("updated"):
            candidates.append(["updated:jsonld", str(ld["updated"])])
        if meta.get("updated"):
            candidates.append(["updated:meta", meta["updated"]])
        for text in ex.all_texts(sel, self.updated_selectors):
            candidates.append(["updated:site", text])
        item.date_candidates = candidates
        for kind, _ in candidates:
            if not kind.startswith("updated:"):
                sources["published"] = kind
                break

        item.language = overrides.pop("language", None) or self.language_for(response)
        item.alternates = self.switch_links(response) or self._alternates(response)
        for name, value in overrides.items():
            setattr(item, name, value)
        item.field_sources = sources
        self._count_selector_misses(sel)
        # Kept so a hint that arrives after this parse can re-date the stored row (crawler/crawl/datehints.py).
        self._dated[key] = {
            "url": item.url,
            "site": item.site,
            "language": item.language,
            "native_id": item.native_id,
            "fetched_at": item.fetched_at,
            "field_sources": {
                "body": sources.get("body")
            },  # the dates stage reads whether the layout was known
            "page_candidates": page_candidates + [c for c in candidates if c[0].startswith("updated:")],
            "hints_seen": len(hints),
        }
        if self.title_lead_is_none and item.lead and self._strip_suffix(item.lead) == item.title:
            item.lead = None  # e.g. og:description repeating the title with the site suffix
            item.field_sources.pop("lead", None)
        if item.body and self.body_drop_lines is not None:
            kept = [line for line in item.body.split("\n\n") if not self.body_drop_lines.search(line.strip())]
            item.body = "\n\n".join(kept) or None
        return item

    def title_affixes(self, parts: list[str]) -> set[str]:
        """The first or last parts of this document title that earlier pages of the run's site also had
        with another headline ("… | Официальный информационный ресурс Премьер-Министра …"): a site-name affix
        that names no host. The first page of a run cannot know them; the other title rules cover it."""
        seen = self._title_ends
        if len(parts) < 2:
            return set()
        ends = {parts[0]: parts[-1], parts[-1]: parts[0]}
        known = {end for end, rest in ends.items() if seen.get(end, set()) - {rest}}
        for end, rest in ends.items():
            if len(seen) < 1000 or end in seen:  # a bounded memory: a run's sites have a few affixes
                seen.setdefault(end, set()).add(rest)
        return known

    SELECTOR_GROUPS: ClassVar[dict[str, str]] = {
        "title": "title_selectors",
        "lead": "lead_selectors",
        "body": "body_selectors",
        "published": "date_selectors",
    }

    def _count_selector_misses(self, sel: Any) -> None:
        """Per declared field, whether none of the site's selectors matched this page (stats read by
        the health check: a redesign shows here even while JSON-LD or a generic layer still fills it)."""
        crawler = getattr(self, "crawler", None)
        if crawler is None:
            return
        crawler.stats.inc_value(f"kznews/selector/{self.name}/pages")
        for field_name, attribute in self.SELECTOR_GROUPS.items():
            queries = getattr(self, attribute, ())
            if field_name not in self.declared_fields or not queries:
                continue
            if self.declared_fields[field_name][1] in ("listing", "rss", "sitemap", "url"):
                continue  # declared as often absent from the page (akorda speeches): no miss to report
            if not any(ex.find(sel, query) for query in queries):
                crawler.stats.inc_value(f"kznews/selector/{self.name}/miss/{field_name}")

    def _strip_suffix(self, title: str | None) -> str | None:
        if title and self.title_suffix:
            title = _compiled_pattern(self.title_suffix).sub("", title).strip()
        return title or None

    def switch_links(self, response: TextResponse) -> dict[str, str]:
        """The header switch's links to the page in the other languages (`switch_links_selector`)."""
        out: dict[str, str] = {}
        if not self.switch_links_selector:
            return out
        own = self.language_for(response)
        for a in ex.find(ex.page_root(response), self.switch_links_selector):
            lang = self.switch_labels.get(ex.normalize_space(a).lower())
            href = a.attrib.get("href")
            if lang and href and lang != own:
                url = ex.page_urljoin(response, href)
                if not self.switch_articles_only or self.is_article(url):
                    out.setdefault(lang, url)
        return out

    @classmethod
    def is_article(cls, url: str) -> bool:
        """Whether the URL is an article page of the site: on `article_hosts`, its path matching `article_path`
        and not `not_article_paths` (a spider whose test is more than that sets its module's is_article_url)."""
        if not cls.article_hosts or cls.article_path is None:
            return False
        parts = urlsplit(url)
        if parts.hostname not in cls.article_hosts or not cls.article_path.match(parts.path):
            return False
        return cls.not_article_paths is None or not cls.not_article_paths.search(parts.path)

    def url_fields(self, response: Response) -> dict[str, Any]:
        """native_id and section read from the article URL (`article_path`), for extract_article."""
        if self.article_path is None:
            return {}
        found = self.article_path.match(urlsplit(response.url).path)
        groups = found.groupdict() if found else {}
        return {"native_id": groups.get("id"), "section": groups.get("section") or self.default_section}

    def _alternates(self, response: TextResponse) -> dict[str, str]:
        alternates: dict[str, str] = {}
        root = ex.page_root(response)
        for link in root.getroottree().iter("link"):  # //link[@rel="alternate"][@hreflang]
            if link.get("rel") != "alternate" or link.get("hreflang") is None:
                continue
            lang = norm_lang(link.get("hreflang"))
            href = link.get("href")
            if lang and href and lang != "x":
                alternates.setdefault(lang, ex.page_urljoin(response, href))
        for query in self.language_switch_selectors:
            for a in ex.find(root, query):
                if not isinstance(a, ex.ELEMENT):  # an attribute or text result has no attributes
                    continue
                href = a.attrib.get("href")
                lang = norm_lang(
                    a.attrib.get("hreflang") or a.attrib.get("lang") or ex.squash(ex.evaluate(a, "string()"))
                )
                if lang in ("kk", "ru", "en") and href:
                    alternates.setdefault(lang, ex.page_urljoin(response, href))
        return alternates


class NewsSpider(Discovery, SpiderCore):
    """The base of every site spider: the core above and the discovery mechanisms (crawler/crawl/discovery.py)."""
