"""Hardening against hostile or broken servers: every fault becomes a `rejects` row with its reason.

Settings alone bound the cost of a fault (DOWNLOAD_TIMEOUT, DOWNLOAD_MAXSIZE, REDIRECT_MAX_TIMES,
retries), but Scrapy then drops the request with a log line only: a page lost to a timeout, a reset
or a bomb left no trace in the database. These middlewares record the loss, and refuse what
settings cannot see (issue 8, docs/reliability.md):

- `FaultRecorderMiddleware` (after retries) records a request that failed for good — timeout,
  connection lost or reset, a body shorter than its Content-Length, a body over DOWNLOAD_MAXSIZE,
  an off-site redirect dropped by OffsiteMiddleware — as a `download` reject; and checks the
  charset of every text response: cp1251 served as utf-8 (or without a charset) is re-decoded as
  cp1251 when it decodes into Cyrillic, utf-8 labelled as a legacy charset is decoded as utf-8, and
  a page that decodes as neither is refused with a reason. Mojibake is never handed to a spider.
- `BoundedHttpCompressionMiddleware`: Scrapy's decompression, which stops at DOWNLOAD_MAXSIZE
  (gzip bombs), plus the reject row.
- `RedirectGuardMiddleware`: Scrapy's redirects, plus: a redirect to a host outside the spider's
  `allowed_domains` is refused at once (reject "off-site redirect"), and a loop or a chain longer than
  REDIRECT_MAX_TIMES is recorded as such.
Every event is also a stat `kznews/faults/<reason>`, so crawl_runs.stats counts them per run.
"""

from __future__ import annotations

import codecs
import logging
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.url import url_is_from_any_domain

from crawler.store.articles import Store

log = logging.getLogger(__name__)

UTF8 = {"utf-8", "utf-8-sig"}
# Labels under which cp1251 bytes turn into mojibake: utf-8 (U+FFFD soup) or the Latin-1 family.
LATIN_GUESSES = {"cp1252", "latin-1", "iso8859-1", "ascii"}
LEGACY = {"cp1251", "koi8-r", "koi8-u", "cp866", "iso8859-5", "mac-cyrillic"} | LATIN_GUESSES
CYRILLIC_SHARE = 0.7  # of the non-ASCII letters, for a body to count as cp1251 text
# Invalid sequences per non-ASCII byte below which a utf-8 page is UTF-8 with stray bytes (dropped, not
# shown as U+FFFD); cp1251 Cyrillic has about one per letter.
STRAY_SHARE = 0.05


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def cyrillic_share(text: str) -> float:
    """Share of Cyrillic among the non-ASCII letters of `text` (0 when it has none)."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def _strict_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def charset_verdict(body: bytes, declared: str | None) -> tuple[str | None, str | None]:
    """(encoding to use instead, None) for a mislabelled body; (None, reason) to refuse it;
    (None, None) when the label is right."""
    if not body or body.isascii():
        return None, None
    codec = _codec(declared)
    raw = body[3:] if body.startswith(codecs.BOM_UTF8) else body
    utf8_ok = _strict_utf8(raw)
    if codec in UTF8 or codec is None:
        if utf8_ok:
            return None, None
        non_ascii = sum(1 for b in raw if b > 127)
        invalid = raw.decode("utf-8", "replace").count("\ufffd")
        if invalid <= STRAY_SHARE * non_ascii:  # UTF-8 with a few stray bytes (a page cut mid-character)
            return "utf-8", None
        try:
            as_cp1251 = raw.decode("cp1251")
        except UnicodeDecodeError:
            as_cp1251 = ""
        if as_cp1251 and cyrillic_share(as_cp1251) >= CYRILLIC_SHARE:
            return "cp1251", None
        return (
            None,
            f"undecodable text: {invalid} invalid UTF-8 sequences in {non_ascii} non-ASCII bytes, not cp1251",
        )
    if codec in LEGACY:
        if utf8_ok:  # a legacy label on bytes that are valid UTF-8 (and not ASCII): the label lies
            return "utf-8", None
        if codec in LATIN_GUESSES:
            try:
                if cyrillic_share(raw.decode("cp1251")) >= CYRILLIC_SHARE:
                    return "cp1251", None
            except UnicodeDecodeError:
                pass
    return None, None


def record(crawler: Any, request: Request, event: str, reason: str) -> None:
    """One `download` reject and one `kznews/faults/<event>` stat for a request lost to a fault."""
    crawler.stats.inc_value(f"kznews/faults/{event}")
    name = getattr(getattr(crawler, "spider", None), "name", None)
    try:
        Store.for_crawler(crawler).save_reject(
            url=request.url,
            site=name,
            stage="download",
            reason=reason[:500],
            page_id=request.meta.get("page_id"),
        )
    except Exception:  # a full or locked disk must not turn a lost page into a crashed crawl
        log.warning("could not record the reject of %s (%s)", request.url, reason, exc_info=True)


def _is_robots(request: Request) -> bool:
    return urlsplit(request.url).path == "/robots.txt"


def classify(exception: BaseException) -> str:
    """A short, stable name for a download failure (the stat suffix and the reject's first word)."""
    name = type(exception).__name__
    text = f"{name} {exception}".lower()
    if "timeout" in text or "timed out" in text:
        return "timeout"
    if "dataloss" in text or "data loss" in text:
        return "truncated"
    if "cancel" in text and ("max size" in text or "maxsize" in text or "larger than" in text):
        return "too_large"
    if "cancel" in text:
        return "too_large"  # the only cancellation in a crawl is DOWNLOAD_MAXSIZE's (or a shutdown's)
    if "reset" in text or "connection" in text or "lost" in text or "refused" in text:
        return "connection"
    return "download_error"


class FaultRecorderMiddleware:
    """Rejects for requests lost for good, and the charset check (see the module docstring)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> FaultRecorderMiddleware:
        mw = cls(crawler)
        crawler.signals.connect(mw.request_dropped, signal=signals.request_dropped)
        return mw

    def request_dropped(self, request: Request, spider: Any = None) -> None:
        # A redirect back to a URL already fetched is dropped by the duplicate filter: a loop.
        chain = request.meta.get("redirect_urls")
        if chain:
            record(
                self.crawler,
                request.replace(url=chain[0]),
                "redirect_loop",
                f"redirect loop: {' -> '.join([*chain, request.url])}"[:500],
            )

    def process_exception(self, request: Request, exception: Exception) -> None:
        if _is_robots(request):
            return None
        if isinstance(exception, IgnoreRequest):
            # Off-site redirects end here (OffsiteMiddleware); other IgnoreRequests (robots.txt, a
            # reject already recorded upstream) are not download faults.
            if request.meta.get("redirect_urls") and "offsite" in str(exception).lower():
                first = request.meta["redirect_urls"][0]
                record(
                    self.crawler,
                    request.replace(url=first),
                    "redirect_offsite",
                    f"off-site redirect: {first} -> {request.url}",
                )
            return None
        event = classify(exception)
        tries = request.meta.get("retry_times", 0) + 1
        record(
            self.crawler,
            request,
            event,
            f"{event}: {type(exception).__name__}: {exception} (after {tries} attempt{'s' * (tries > 1)})",
        )
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or response.status != 200 or _is_robots(request):
            return response
        if b"<!ENTITY" in response.body[:65536] and b"<!DOCTYPE" in response.body[:65536]:
            # Our XML readers (Scrapy's Sitemap, parsel) never expand entities; say that the server tried.
            record(
                self.crawler,
                request,
                "xml_entities",
                "XML declares entities (billion laughs / external entity?): parsed without expanding them",
            )
        declared = response._declared_encoding() or response.encoding
        better, refusal = charset_verdict(response.body, declared)
        if better == "utf-8" and not _strict_utf8(response.body):
            self.crawler.stats.inc_value("kznews/faults/stray_bytes_dropped")
            clean = response.body.decode("utf-8", "ignore").encode("utf-8")
            return response.replace(body=clean, encoding="utf-8")
        if better:
            self.crawler.stats.inc_value("kznews/faults/charset_fixed")
            log.info(
                "%s: body is %s, not %s as labelled; decoding it as %s",
                response.url,
                better,
                declared,
                better,
            )
            return response.replace(encoding=better)
        if refusal:
            record(self.crawler, request, "charset_refused", refusal)
            raise IgnoreRequest(f"{response.url}: {refusal}")
        return response


class BoundedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression (bounded by DOWNLOAD_MAXSIZE) that also records a bomb as a reject."""

    _kznews_crawler: Any = None

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            crawler = getattr(self, "_kznews_crawler", None)
            if crawler is not None:
                record(crawler, request, "decompression_bomb", f"decompression bomb: {exc}")
            raise

    @classmethod
    def from_crawler(cls, crawler: Any) -> BoundedHttpCompressionMiddleware:
        mw = super().from_crawler(crawler)
        mw._kznews_crawler = crawler
        return mw


class RedirectGuardMiddleware(RedirectMiddleware):
    """Scrapy's redirects; off-site targets refused, loops named (see the module docstring)."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        location = response.headers.get(b"Location")
        target = (
            urljoin(request.url, location.decode("latin-1"))
            if location and 300 <= response.status < 400
            else None
        )
        allowed = list(getattr(self.crawler.spider, "allowed_domains", None) or [])
        if target and allowed and not request.meta.get("dont_redirect") and not _is_robots(request):
            if urlsplit(target).scheme in ("http", "https") and not url_is_from_any_domain(target, allowed):
                record(
                    self.crawler,
                    request,
                    "redirect_offsite",
                    f"off-site redirect: {request.url} -> {target} (allowed: {', '.join(allowed)})",
                )
                raise IgnoreRequest(f"off-site redirect to {target}")
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            chain = [*request.meta.get("redirect_urls", []), request.url]
            if target and (target in chain or target.split("#")[0] in chain):
                event, what = "redirect_loop", "redirect loop"
            else:
                event, what = "redirect_limit", "too many redirects"
            record(
                self.crawler,
                request.replace(url=chain[0]),
                event,
                f"{what}: {' -> '.join(chain + ([target] if target else []))}"[:500],
            )
            raise


def _offline_public_suffixes() -> None:
    """Scrapy's cookie middleware asks tldextract for the live Public Suffix List on first use; without
    internet (the mirror, CI) that logs a traceback per attempt before tldextract falls back to the
    snapshot it ships. The shipped snapshot is enough to tell public suffixes for cookie domains."""
    from scrapy.downloadermiddlewares import cookies
    from tldextract import TLDExtract

    cookies._split_domain = TLDExtract(include_psl_private_domains=True, suffix_list_urls=())


_offline_public_suffixes()
