"""Stage 300: publication and update dates: one deterministic merge of every date hint.

The spider locates ``date_candidates``: ``[source, text]`` pairs in priority order (structured sources such
as ``jsonld``, ``meta`` and ``api`` first, visible text such as ``site``, ``title`` and ``listing`` after).
This stage parses them with :mod:`crawler.dates`, anchored at the fetch time, and fills:

- ``published_at``: UTC ISO 8601 with ``Z``, from the first candidate that parses and passes the checks;
- ``published_raw``, ``date_source``, ``date_precision``: the text used, its source, and its precision;
- ``updated_at``: from the first parsable ``updated:<source>`` candidate;
- ``date_flag``: None, or why the date is missing or suspect.

A date more than 10 minutes after ``fetched_at`` or before the site existed is never stored as
``published_at``: the next candidate is tried; the flag names what was skipped, and when nothing passes,
``published_raw`` keeps the suspect text. gov.kz API dates at exactly 00:00:00 come from migrated items and
carry no real time: they get precision "day" (local midnight of the written date).

The candidates are merged by a fixed priority (SOURCE_RANK), never by the order in which they arrived, so
the listing card, feed entry or sitemap that answered first cannot change the result (docs/dates.md,
"Merging the hints"): implausible candidates are refused (after the fetch, before the site, far from the
hints that agree, out of order with the site's numeric ids), ambiguous numeric dates are read by the
language's convention and checked against the other hints, and a contradiction is kept in ``date_flag``.

The parts, in file order:
- Ranks and helpers: `source_rank`, `url_date`, `_span`, `_parse_fetched`, `_Candidate`.
- `DatesPipeline`: candidates parsed, the deterministic merge, late hints, the stored row's fields.
- `stored_id_bounds`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from itemadapter import ItemAdapter

from crawler.dates import ALMATY, ParsedDate, parse_date_info, to_utc_iso
from crawler.items import Article

SITE_START: dict[str, str] = {
    "zakon_kz": "2002-11-01",
    "primeminister_kz": "2012-01-01",
    "akorda_kz": "1991-12-16",
    "gov_kz": "2018-01-01",
}
FUTURE_TOLERANCE = timedelta(minutes=10)
UPDATED_PREFIX = "updated:"
# Merge priority, best first: the page's structured layers, its printed text, then what other pages say
# about it (listing card, feed entry, sitemap, URL). A source not named (a new generic page layer) ranks
# after the page's own selectors and before the hints from other pages.
SOURCE_RANK = {
    "api": 0,
    "jsonld": 1,
    "meta": 2,
    "site": 3,
    "title": 4,
    "listing": 6,
    "rss": 7,
    "fallback": 8,  # the generic layer's reading of a page the site's layers found no date on
    "fallback:library": 8,  # htmldate's guess on an unrecognised page (stored as "fallback")
    "sitemap": 9,
    "url": 10,
}
GENERIC_SOURCE = "fallback"
LIBRARY_SOURCE = "fallback:library"
# On a page whose layout the site's layers recognise (its body is not the generic layer's), a card or feed
# date makes the generic layer's date moot: it is dropped (it may be a sidebar's date). On an unrecognised
# page (a redesign) the generic reading is the page's own date and ranks with the page layers.
CARD_SOURCES = frozenset({"listing", "rss"})
UNKNOWN_RANK = 5
HINT_SOURCES = frozenset({"listing", "rss", "sitemap", "url"})
# A sitemap lastmod is when the page last changed, not when it was published: it never contradicts.
NOT_A_WITNESS = frozenset({"sitemap"})
RELATIVE_FORMS = ("relative", "time-only", "weekday")
AGREE_DAYS = 1  # two readings of the same publication: the same local day, give or take a time zone
FAR_DAYS = 2  # a candidate this far from every hint that agrees with another is refused
# Numeric dates with "/" on English pages are month first (US); every other numeric date is day first.
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_URL_DATE = re.compile(r"/(20\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_-]|$)")
IdBounds = Callable[[str, int], "tuple[datetime | None, datetime | None]"]


def source_rank(source: str) -> int:
    return SOURCE_RANK.get(source, UNKNOWN_RANK)


def url_date(url: str | None) -> str | None:
    """A date written in the URL path (/2026/05/25/...), as YYYY-MM-DD, or None."""
    found = _URL_DATE.search(url or "")
    return f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}" if found else None


def _day(found: ParsedDate) -> datetime:
    local = found.instant.astimezone(ALMATY)
    return datetime(local.year, local.month, local.day)


def _days_apart(a: ParsedDate, b: ParsedDate) -> int:
    return abs((_day(a) - _day(b)).days)


_API_MIDNIGHT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$", re.I)


def _span(delta: timedelta) -> str:
    """'25 min', '3 h', '4 d': how far apart two instants are, for a flag a person reads."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} d"


def _parse_fetched(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        found = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


class _Candidate:
    """One [source, text] with its reading(s); `alternative` is the other order of an ambiguous numeric date."""

    __slots__ = ("alternative", "found", "index", "rank", "refused", "source", "swapped", "text")

    def __init__(self, source: str, text: str, found: ParsedDate, index: int) -> None:
        self.source, self.text, self.found, self.index = source, text, found, index
        self.rank = source_rank(source)
        self.alternative: ParsedDate | None = None
        self.swapped = False
        self.refused: str | None = None


class DatesPipeline:
    """Turns ``date_candidates`` into ``published_at``/``updated_at`` with provenance and flags."""

    def __init__(
        self,
        site_start: dict[str, str] | None = None,
        stats: Any = None,
        id_bounds: IdBounds | None = None,
        ordered_id: Callable[[dict[str, Any]], int | None] | None = None,
    ) -> None:
        self.stats = stats
        self.site_start: dict[str, datetime] = {}
        for site, day in {**SITE_START, **(site_start or {})}.items():
            start = datetime.fromisoformat(str(day))
            self.site_start[site] = start if start.tzinfo else start.replace(tzinfo=ALMATY)
        # The stored neighbours of a numeric id (crawl only): a date out of their order is refused.
        self.id_bounds = id_bounds
        self.ordered_id = ordered_id

    @classmethod
    def from_crawler(cls, crawler: Any) -> DatesPipeline:
        overrides = crawler.settings.getdict("KZNEWS_SITE_START")
        spider = getattr(crawler, "spider", None)
        bounds = None
        ordered = None
        if spider is not None and getattr(spider, "ordered_ids", False) and crawler.settings.get("KZNEWS_DB"):
            bounds = stored_id_bounds(crawler.settings.get("KZNEWS_DB"), spider.name, stats=crawler.stats)
            ordered = spider.ordered_id
        return cls(site_start=overrides, stats=crawler.stats, id_bounds=bounds, ordered_id=ordered)

    def _inc(self, event: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"kznews/dates/{event}")

    def parse_candidate(
        self, source: str, text: Any, *, lang: str | None, now: datetime
    ) -> ParsedDate | None:
        """One candidate → a parsed date, with the gov.kz midnight rule applied."""
        if isinstance(text, int | float) and not isinstance(text, bool):
            text = str(int(text))
        if not isinstance(text, str):
            return None
        found = parse_date_info(text, lang=lang, now=now)
        if found is None:
            return None
        if source == "api" and found.precision in ("second", "minute") and _API_MIDNIGHT.match(text.strip()):
            # Migrated gov.kz items carry T00:00:00, which is not a real publication time.
            written = found.instant.date()
            found = ParsedDate(
                datetime(written.year, written.month, written.day, tzinfo=ALMATY), "day", found.form
            )
        return found

    def readings(
        self, source: str, text: Any, *, lang: str | None, now: datetime
    ) -> tuple[ParsedDate | None, ParsedDate | None, bool]:
        """(the conventional reading, the other order of an ambiguous numeric date, whether the
        conventional reading is month first). 04/05/2026 on an English page reads 5 April first, then
        4 May; 05/25/2026 has only the month-first reading, whatever the language."""
        text_s = str(text) if isinstance(text, str) else None
        numeric = _NUMERIC.search(text_s) if text_s else None
        if text_s is None or numeric is None:
            return self.parse_candidate(source, text, lang=lang, now=now), None, False
        first, sep, second = numeric.group(1), numeric.group(2), numeric.group(3)
        swapped_text = text_s[: numeric.start()] + f"{second}{sep}{first}{sep}{numeric.group(4)}"
        swapped_text += text_s[numeric.end() :]
        as_written = self.parse_candidate(source, text_s, lang=lang, now=now)  # day first
        swapped = self.parse_candidate(source, swapped_text, lang=lang, now=now)  # month first
        if as_written is not None and as_written.form != "numeric-dmy":
            return as_written, None, False  # not a bare numeric date after all (ISO, a title...)
        month_first = sep == "/" and lang == "en"
        if month_first:
            return (swapped, as_written, True) if swapped is not None else (as_written, None, False)
        if as_written is None:
            return swapped, None, swapped is not None
        return as_written, (swapped if first != second else None), False

    def suspicion(self, found: ParsedDate, *, site: str | None, fetched: datetime) -> str | None:
        """Why a parsed date cannot be the publication date, or None."""
        if found.instant > fetched + FUTURE_TOLERANCE:
            return f"future: {_span(found.instant - fetched)} after fetch"
        start = self.site_start.get(site or "")
        if start is not None and found.instant < start:
            return f"before site start {start.date().isoformat()}"
        return None

    def process_item(self, item: Any) -> Any:
        # An Article's fields are its instance dict: using it directly skips ItemAdapter's per-item lookup.
        adapter: Any = vars(item) if type(item) is Article else ItemAdapter(item)
        raw_candidates = list(adapter.get("date_candidates") or [])
        lang = adapter.get("language")
        site = adapter.get("site")
        fetched = _parse_fetched(adapter.get("fetched_at"))
        if fetched is None:
            self._inc("no_fetched_at")
            fetched = datetime.now(UTC)
        in_url = url_date(adapter.get("url"))
        if in_url:
            raw_candidates.append(["url", in_url])
        sources_in = adapter.get("field_sources")
        unrecognised = isinstance(sources_in, dict) and sources_in.get("body") == GENERIC_SOURCE
        if not unrecognised and any(
            isinstance(c, list | tuple) and c and c[0] in CARD_SOURCES for c in raw_candidates
        ):
            raw_candidates = [
                c
                for c in raw_candidates
                if not (isinstance(c, list | tuple) and c and c[0] == GENERIC_SOURCE)
            ]

        if any(isinstance(c, list | tuple) and c and c[0] in CARD_SOURCES for c in raw_candidates):
            raw_candidates = [
                c
                for c in raw_candidates
                if not (isinstance(c, list | tuple) and c and c[0] == LIBRARY_SOURCE)
            ]

        def rank(source: str) -> int:
            return UNKNOWN_RANK if unrecognised and source == GENERIC_SOURCE else source_rank(source)

        # Dedupe, then order by the fixed priority; within a source the page's own order (several date
        # selectors) stands, and hints from other pages, which arrive in any order, are sorted by text.
        seen: set[tuple[str, str]] = set()
        ordered: list[tuple[int, int, str, int, str, Any]] = []
        for index, pair in enumerate(raw_candidates):
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                self._inc("bad_candidate")
                continue
            source, text = str(pair[0]), pair[1]
            key = (source, str(text))
            if key in seen:
                continue
            seen.add(key)
            base = source.removeprefix(UPDATED_PREFIX)
            is_update = int(source.startswith(UPDATED_PREFIX))
            position = 0 if base in HINT_SOURCES else index
            ordered.append((is_update, rank(base), base, position, str(text), (source, text)))
        ordered.sort(key=lambda c: c[:5])

        updated: ParsedDate | None = None
        candidates: list[_Candidate] = []
        suspects: list[tuple[str, str, str]] = []  # (source, text, reason)
        for index, (is_update, _rank, base, _pos, _text, (source, text)) in enumerate(ordered):
            if is_update:
                if updated is not None:
                    continue
                found = self.parse_candidate(base, text, lang=lang, now=fetched)
                if found is None:
                    self._inc("unparsed_candidate")
                elif found.instant <= fetched + FUTURE_TOLERANCE:
                    updated = found
                else:
                    self._inc("flag/future_update")
                continue
            first, other, swapped = self.readings(base, text, lang=lang, now=fetched)
            if first is None:
                self._inc("unparsed_candidate")
                continue
            reason = self.suspicion(first, site=site, fetched=fetched)
            if (
                reason is not None
                and other is not None
                and self.suspicion(other, site=site, fetched=fetched) is None
            ):
                first, other, swapped = other, None, not swapped  # the only plausible order
                reason = None
            if reason is not None:
                suspects.append((source, str(text), reason))
                self._inc("flag/future" if reason.startswith("future") else "flag/before_start")
                continue
            candidate = _Candidate(source, str(text), first, index)
            candidate.alternative, candidate.swapped = other, swapped
            candidates.append(candidate)

        notes = self._cross_check(candidates, adapter, site)
        live = [c for c in candidates if c.refused is None]
        adapter["updated_at"] = to_utc_iso(updated.instant) if updated is not None else None
        if live:
            chosen = live[0]
            # The same day from a later source with a finer time (a card's "сегодня, 13:51" under a
            # page that prints only the day) refines the instant; the day stays the best source's.
            for finer in live[1:]:
                if finer.source in NOT_A_WITNESS:  # a lastmod's time is the last edit's
                    continue
                if (
                    _days_apart(finer.found, chosen.found) == 0
                    and PRECISION_ORDER.index(finer.found.precision)
                    < PRECISION_ORDER.index(chosen.found.precision)
                    and _day(finer.found) == _day(chosen.found)
                ):
                    chosen = finer
                    break
            # A refusal matters only when the refused candidate would have won; a page's own lower
            # candidates (a sidebar date) are not contradictions, the hints from other pages are.
            for c in candidates:
                if c.refused and c.index < live[0].index:
                    notes.append(c.refused)
                    self._inc("flag/refused")
            contradictions = [
                c
                for c in live
                if c is not chosen
                and c.source in HINT_SOURCES - NOT_A_WITNESS
                # "yesterday, 10:40" on a card counts from the fetch: against a date the page itself
                # prints it is the weaker word (a stale copy of a listing says "yesterday" for ever)
                and not (c.found.form.startswith(RELATIVE_FORMS) and chosen.source not in HINT_SOURCES)
                and _days_apart(c.found, chosen.found) > AGREE_DAYS
            ]
            flags = [f"{reason} ({src} skipped)" for src, _raw, reason in suspects] + notes
            if contradictions:
                self._inc("flag/contradiction")
                flags.append(
                    "contradiction: "
                    + ", ".join(f"{c.source} says {_day(c.found).date().isoformat()}" for c in contradictions)
                    + f"; {chosen.source} {_day(chosen.found).date().isoformat()} kept"
                )
            sources = adapter.get("field_sources")
            if isinstance(sources, dict):  # the source that decided the day (never-downgrade compares it)
                sources["published"] = live[0].source.split(":")[0]
            adapter["published_at"] = to_utc_iso(chosen.found.instant)
            adapter["published_raw"] = chosen.text
            adapter["date_precision"] = chosen.found.precision
            adapter["date_source"] = chosen.source.split(":")[0]  # fallback:library is stored as fallback
            adapter["date_flag"] = "; ".join(flags) or None
            self._inc("parsed")
            self._inc(f"source/{chosen.source}")
            return item

        adapter["published_at"] = None
        adapter["date_precision"] = None
        if isinstance(adapter.get("field_sources"), dict):
            adapter["field_sources"].pop("published", None)
        refused = [c for c in candidates if c.refused]
        if suspects or refused:
            if suspects:
                source, raw, reason = suspects[0]
            else:
                source, raw, reason = refused[0].source, refused[0].text, str(refused[0].refused)
            adapter["published_raw"] = raw
            adapter["date_source"] = source
            notes += [str(c.refused) for c in refused if str(c.refused) != reason]
            adapter["date_flag"] = "; ".join([reason, *notes])
        else:
            adapter["published_raw"] = None
            adapter["date_source"] = None
            adapter["date_flag"] = "no date found"
            self._inc("no_date")
        return item

    def _cross_check(self, candidates: list[_Candidate], adapter: Any, site: str | None) -> list[str]:
        """Resolve ambiguous numeric dates and refuse outliers, against the other candidates. Returns
        flag notes; refused candidates get `.refused`. Depends only on the set of candidates."""
        notes: list[str] = []
        witnesses = [c for c in candidates if c.source not in NOT_A_WITNESS]
        # 1. An ambiguous numeric date takes the order the other hints agree with.
        for c in candidates:
            if c.alternative is None:
                continue
            others = [o.found for o in witnesses if o is not c and o.alternative is None]
            if not others:
                continue
            agrees = any(_days_apart(c.found, o) <= AGREE_DAYS for o in others)
            other_agrees = any(_days_apart(c.alternative, o) <= AGREE_DAYS for o in others)
            if not agrees and other_agrees:
                c.found, c.alternative, c.swapped = c.alternative, c.found, not c.swapped
                notes.append(
                    f"ambiguous: {c.source} {c.text!r} read {'month' if c.swapped else 'day'} first, as the other"
                    " hints say"
                )
                self._inc("flag/ambiguous")
        # 2. Far from the hints: refused when two other sources agree with each other and not with it.
        for c in witnesses:
            rivals = [o for o in witnesses if o.source != c.source]
            agreeing = [
                o
                for o in rivals
                if any(p is not o and _days_apart(o.found, p.found) <= AGREE_DAYS for p in rivals)
            ]
            if len({o.source for o in agreeing}) >= 2 and all(
                _days_apart(c.found, o.found) > FAR_DAYS for o in agreeing
            ):
                c.refused = (
                    f"far from hints: {c.source} {_day(c.found).date().isoformat()},"
                    f" {' and '.join(sorted({o.source for o in agreeing}))} say"
                    f" {_day(agreeing[0].found).date().isoformat()}"
                )
        # 3. Out of order with the site's numeric ids (the stored neighbours' dates).
        if self.id_bounds is not None and self.ordered_id is not None and site:
            number = self.ordered_id(dict(adapter))
            if number is not None:
                low, high = self.id_bounds(site, number)
                slack = timedelta(days=AGREE_DAYS)
                for c in candidates:
                    if c.refused:
                        continue
                    if (low is not None and c.found.instant < low - slack) or (
                        high is not None and c.found.instant > high + slack
                    ):
                        c.refused = f"out of id order: {c.source} {_day(c.found).date().isoformat()}"
        return notes


PRECISION_ORDER = ("second", "minute", "day", "month", "year")


def stored_id_bounds(db_path: str, site: str, stats: Any = None) -> IdBounds:
    """The published_at of the nearest stored lower and higher numeric id of `site`, from the articles
    stored before this run began (the run's `start_time` stat; so the result does not depend on the
    order of this run's pages)."""
    import sqlite3

    from crawler.store.db import utcnow_iso

    started = ""
    conn: sqlite3.Connection | None = None

    def bounds(site_name: str, number: int) -> tuple[datetime | None, datetime | None]:
        nonlocal conn, started
        if not started:
            begun = stats.get_value("start_time") if stats is not None else None
            if isinstance(begun, datetime):
                started = begun.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            else:
                started = utcnow_iso()
        if conn is None:
            try:
                conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("PRAGMA busy_timeout = 5000")
            except sqlite3.Error:
                return None, None
        width = len(str(number))
        out: list[datetime | None] = []
        for op, order in (("<", "DESC"), (">", "ASC")):
            try:
                row = conn.execute(
                    f"SELECT published_at FROM articles WHERE site = ? AND native_id {op} ? AND"
                    " length(native_id) = ? AND published_at IS NOT NULL AND first_seen_at < ?"
                    f" AND date_flag IS NULL ORDER BY native_id {order} LIMIT 1",
                    [site_name, str(number), width, started],
                ).fetchone()
            except sqlite3.Error:
                row = None
            out.append(_parse_fetched(row[0]) if row else None)
        return out[0], out[1]

    return bounds
