"""Stage 300: publication and update dates from the spider's ordered candidates.

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
"""

from __future__ import annotations

import re
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


class DatesPipeline:
    """Turns ``date_candidates`` into ``published_at``/``updated_at`` with provenance and flags."""

    def __init__(self, site_start: dict[str, str] | None = None, stats: Any = None) -> None:
        self.stats = stats
        self.site_start: dict[str, datetime] = {}
        for site, day in {**SITE_START, **(site_start or {})}.items():
            start = datetime.fromisoformat(str(day))
            self.site_start[site] = start if start.tzinfo else start.replace(tzinfo=ALMATY)

    @classmethod
    def from_crawler(cls, crawler: Any) -> DatesPipeline:
        overrides = crawler.settings.getdict("KZNEWS_SITE_START")
        return cls(site_start=overrides, stats=crawler.stats)

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
        candidates = adapter.get("date_candidates") or []
        lang = adapter.get("language")
        site = adapter.get("site")
        fetched = _parse_fetched(adapter.get("fetched_at"))
        if fetched is None:
            self._inc("no_fetched_at")
            fetched = datetime.now(UTC)

        published: tuple[str, str, ParsedDate] | None = None
        suspects: list[tuple[str, str, str]] = []  # (source, text, reason)
        updated: ParsedDate | None = None
        for pair in candidates:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                self._inc("bad_candidate")
                continue
            source, text = str(pair[0]), pair[1]
            is_update = source.startswith(UPDATED_PREFIX)
            already = updated if is_update else published
            if already is not None:
                continue
            found = self.parse_candidate(source.removeprefix(UPDATED_PREFIX), text, lang=lang, now=fetched)
            if found is None:
                self._inc("unparsed_candidate")
                continue
            if is_update:
                if found.instant <= fetched + FUTURE_TOLERANCE:
                    updated = found
                else:
                    self._inc("flag/future_update")
                continue
            reason = self.suspicion(found, site=site, fetched=fetched)
            if reason is not None:
                suspects.append((source, str(text), reason))
                self._inc("flag/future" if reason.startswith("future") else "flag/before_start")
                continue
            published = (source, str(text), found)

        adapter["updated_at"] = to_utc_iso(updated.instant) if updated is not None else None
        if published is not None:
            source, raw, found = published
            adapter["published_at"] = to_utc_iso(found.instant)
            adapter["published_raw"] = raw
            adapter["date_precision"] = found.precision
            adapter["date_source"] = source
            adapter["date_flag"] = (
                "; ".join(f"{reason} ({src} skipped)" for src, _raw, reason in suspects) or None
            )
            self._inc("parsed")
            self._inc(f"source/{source}")
            return item

        adapter["published_at"] = None
        adapter["date_precision"] = None
        if suspects:
            source, raw, reason = suspects[0]
            adapter["published_raw"] = raw
            adapter["date_source"] = source
            adapter["date_flag"] = reason
        else:
            adapter["published_raw"] = None
            adapter["date_source"] = None
            adapter["date_flag"] = "no date found"
            self._inc("no_date")
        return item
