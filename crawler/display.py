"""How a stored instant is shown to a person: Asia/Almaty local time, only as precise as it was printed.

The database keeps UTC instants (``2026-05-27T19:00:00Z``) with their precision beside them. A page that
printed "28 мамыр" has day precision: its instant is local midnight, 19:00 UTC the day before, so showing
the UTC date would put the article a day early. Everything a person reads (feeds, web pages, digests,
canned queries, the command line) goes through these functions; the stored instant never changes.
"""

from __future__ import annotations

from datetime import datetime

from crawler.dates import ALMATY

# strftime patterns per stored precision; the offset is added separately so that a day or a month,
# which has no time of day, is never given one.
_PATTERNS = {"month": "%Y-%m", "day": "%Y-%m-%d", "minute": "%Y-%m-%d %H:%M", "second": "%Y-%m-%d %H:%M:%S"}


def parse_stored(instant: str | None) -> datetime | None:
    """A stored UTC ISO 8601 string (``...Z``) as an aware datetime in Asia/Almaty; None if empty or bad."""
    if not instant:
        return None
    try:
        parsed = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(ALMATY)


def local_time(instant: str | None, precision: str | None = None, *, offset: bool = True) -> str:
    """Almaty local time by precision: "2026-05-28" (day), "2026-05-28 09:15 +05:00" (minute), "" if none.

    An unknown or missing precision is shown to the minute (what the store records for most pages).
    """
    local = parse_stored(instant)
    if local is None:
        return ""
    pattern = _PATTERNS.get(precision or "minute", _PATTERNS["minute"])
    text = local.strftime(pattern)
    if offset and precision not in ("day", "month"):
        text += " " + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]
    return text


def local_iso(instant: str | None) -> str:
    """RFC 3339 in Almaty local time with its offset and no microseconds (for feeds): 2026-05-28T09:15:00+05:00."""
    local = parse_stored(instant)
    if local is None:
        return ""
    return local.replace(microsecond=0).isoformat()
