"""Alert feeds: per rule, Atom and RSS (feedgen) and JSON Feed 1.1, each entry saying why it matched.

One entry per (rule, story), with a stable id, so a repost or a translation never adds an entry and a
substantive revision updates the story's entry instead of duplicating it. Every entry carries the matched
forms, a snippet with them marked (<mark>, inside escaped HTML content), the language, the site, the cited
sources, and both times: published (by the site) and first seen (by kznews) — the latency Google Alerts hides.

Times a person reads are Asia/Almaty local time by the stored precision (crawler/display.py): entry
dates carry the +05:00 offset and no microseconds, and a date printed as "28 мамыр" shows as that day.
The feed's title is the rule's description; the RSS channel links to the rule's page in `kznews serve`.

Everything from an article is data, never markup: text is HTML-escaped before the only tags we add
(<mark>, <p>, <ul>, <a href> with an http(s) URL only), and characters XML cannot carry are dropped.
Functions take a plain sqlite3 connection so Datasette (crawler/web/plugin.py) can call them on its own.
"""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from crawler.display import local_iso, local_time, parse_stored
from crawler.matching import MARK_CLOSE, MARK_OPEN

FORMATS = ("atom", "rss", "json")
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
MAX_ENTRIES = 100
DEFAULT_BASE_URL = "http://127.0.0.1:8001"
# XML 1.0 forbids C0 controls (but tab, LF, CR), surrogates and U+FFFE/U+FFFF: lxml refuses them outright.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_MARKED = re.compile(re.escape(MARK_OPEN) + "(.+?)" + re.escape(MARK_CLOSE), re.S)


def base_url() -> str:
    """Where `kznews serve` publishes the live feeds (links inside the feed files)."""
    return (os.environ.get("KZNEWS_PUBLIC_URL") or DEFAULT_BASE_URL).rstrip("/")


def clean(text: Any) -> str:
    return _XML_ILLEGAL.sub("", "" if text is None else str(text))


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) is not linked."""
    value = clean(url).strip()
    return value if re.match(r"(?i)^https?://", value) else None


def marked_html(snippet_text: str, tag: str = "mark") -> str:
    """The snippet escaped for HTML, its [[marked]] forms wrapped in <tag>."""
    out: list[str] = []
    pos = 0
    text = clean(snippet_text)
    for m in _MARKED.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<{tag}>{html.escape(m.group(1))}</{tag}>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def plain_snippet(snippet_text: str) -> str:
    """The snippet as plain text, its marks removed: «guillemets» would clash with the Kazakh and Russian
    quotation marks of the text itself (««Астана»»); plain outputs list the matched forms beside it."""
    return _MARKED.sub(lambda m: m.group(1), clean(snippet_text))


def local_instant(value: Any) -> datetime | None:
    """A stored UTC instant as an Almaty datetime without microseconds, for feed dates (RFC 3339 / 822)."""
    local = parse_stored(str(value)) if value else None
    return local.replace(microsecond=0) if local is not None else None


def _json_list(value: Any) -> list[str]:
    if not value:
        return []
    try:
        loaded = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return [str(value)]
    return [str(v) for v in loaded] if isinstance(loaded, list) else [str(loaded)]


def rule_row(conn: sqlite3.Connection, rule_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, query, description FROM alert_rules WHERE id = ?", [rule_id]).fetchone()
    return {"id": row[0], "query": row[1], "description": row[2]} if row else None


def entries(conn: sqlite3.Connection, rule_id: str, limit: int = MAX_ENTRIES) -> list[dict[str, Any]]:
    """The rule's most recent hits, one per story (its latest hit), newest first."""
    rows = conn.execute(
        "SELECT h.id, h.story_id, h.article_id, h.matched_forms, h.snippet, h.matched_at, h.occasion,"
        " a.url, a.title, coalesce(a.language, h.language), coalesce(a.site, h.site), a.cited_sources,"
        " a.published_at, a.first_seen_at, a.date_precision"
        " FROM alert_hits h LEFT JOIN articles a ON a.id = h.article_id"
        " WHERE h.id IN (SELECT max(id) FROM alert_hits WHERE rule_id = ? GROUP BY story_id)"
        " ORDER BY h.matched_at DESC, h.id DESC LIMIT ?",
        [rule_id, limit],
    ).fetchall()
    return [
        {
            "hit_id": r[0], "story_id": r[1], "article_id": r[2], "matched_forms": _json_list(r[3]),
            "snippet": r[4] or "", "matched_at": r[5], "occasion": r[6], "url": r[7], "title": r[8],
            "language": r[9], "site": r[10], "cited_sources": _json_list(r[11]), "published_at": r[12],
            "first_seen_at": r[13], "date_precision": r[14],
        }
        for r in rows
    ]  # fmt: skip


def entry_id(rule_id: str, story_id: str) -> str:
    return f"tag:kznews,2026:alerts/{rule_id}/story/{story_id}"


def entry_times(entry: dict[str, Any]) -> dict[str, str]:
    """Published (by its stored precision), first seen and matched, in Almaty local time for people."""
    return {
        "published": local_time(entry.get("published_at"), entry.get("date_precision")) or "unknown",
        "first seen": local_time(entry.get("first_seen_at"), "second") or "unknown",
        "matched": local_time(entry.get("matched_at"), "second"),
    }


def entry_html(entry: dict[str, Any]) -> str:
    """Why it matched, as escaped HTML: snippet with <mark>s, then the forms and the facts."""
    esc = html.escape
    forms = ", ".join(esc(clean(f)) for f in entry["matched_forms"]) or "—"
    cited = ", ".join(esc(clean(c)) for c in entry["cited_sources"]) or "—"
    times = entry_times(entry)
    facts = [
        ("matched forms", forms),
        ("language", esc(clean(entry["language"] or "?"))),
        ("site", esc(clean(entry["site"] or "?"))),
        ("cited sources", cited),
        ("published", esc(times["published"])),
        ("first seen", esc(times["first seen"])),
        ("matched", esc(times["matched"])),
    ]
    items = "".join(f"<li>{name}: {value}</li>" for name, value in facts)
    return f"<p>{marked_html(entry['snippet'])}</p><ul>{items}</ul>"


def entry_text(entry: dict[str, Any]) -> str:
    times = entry_times(entry)
    return (
        f"{plain_snippet(entry['snippet'])} — matched: {', '.join(clean(f) for f in entry['matched_forms'])};"
        f" {clean(entry['language'] or '?')}, {clean(entry['site'] or '?')};"
        f" published {times['published']}, first seen {times['first seen']}"
    )


def _feed_urls(rule_id: str, base: str) -> dict[str, str]:
    return {fmt: f"{base}/-/kznews/feeds/{rule_id}.{fmt}" for fmt in FORMATS} | {
        "page": f"{base}/-/kznews/rules/{rule_id}"
    }


def rss_safe(text: str) -> str:
    """RSS says nothing about markup in <title>, and readers render it as HTML: escape < and > once more,
    so the text an XML parser gives back holds no tag (issue 21); Atom and JSON Feed titles are plain text."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def feed_title(rule: dict[str, Any]) -> str:
    """What a reader lists the feed as: the rule's description, else its id."""
    return clean(rule.get("description") or f"kznews alert: {rule['id']}")


def _feedgen(rule: dict[str, Any], items: list[dict[str, Any]], base: str, fmt: str) -> FeedGenerator:
    urls = _feed_urls(rule["id"], base)
    title = rss_safe if fmt == "rss" else str
    fg = FeedGenerator()
    fg.id(f"tag:kznews,2026:alerts/{rule['id']}")
    fg.title(title(feed_title(rule)))  # the description is text from a person: escaped like entry titles
    fg.subtitle(title(clean(f"kznews alert {rule['id']}: {rule['query']}")))
    # feedgen takes the RSS channel <link> from the LAST link given: for RSS the rule's page goes last.
    channel_links = [{"href": urls["page"], "rel": "alternate"}, {"href": urls[fmt], "rel": "self"}]
    for channel_link in reversed(channel_links) if fmt == "rss" else channel_links:
        fg.link(**channel_link)
    fg.generator("kznews")
    updated = max(
        (local_instant(e["matched_at"]) for e in items), default=None, key=lambda t: t or datetime.min
    )
    fg.updated(updated or datetime(2026, 1, 1, tzinfo=UTC))
    for item in reversed(items):  # feedgen prepends: add oldest first so the newest is on top
        fe = fg.add_entry()
        fe.id(entry_id(rule["id"], item["story_id"]))
        fe.guid(entry_id(rule["id"], item["story_id"]), permalink=False)
        fe.title(title(clean(item["title"] or "(untitled)")))
        link = safe_url(item["url"])
        if link:
            fe.link(href=link, rel="alternate")
        # Hardening (issue 8): RSS readers render <description> as HTML, so the plain text goes in escaped.
        fe.summary(html.escape(clean(entry_text(item))), type="html")
        fe.content(entry_html(item), type="html")
        published = local_instant(item["published_at"])
        if published:
            fe.published(published)
        fe.updated(local_instant(item["matched_at"]) or published or datetime(2026, 1, 1, tzinfo=UTC))
        for term in (item["language"], item["site"], *[f"cites:{c}" for c in item["cited_sources"]]):
            if term:
                fe.category(term=clean(term))
    return fg


def json_feed(rule: dict[str, Any], items: list[dict[str, Any]], base: str) -> dict[str, Any]:
    urls = _feed_urls(rule["id"], base)
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed_title(rule),
        "description": f"kznews alert {rule['id']}: {rule['query']}",
        "home_page_url": urls["page"],
        "feed_url": urls["json"],
        "_kznews": {"rule_id": rule["id"], "query": rule["query"]},
        "items": [
            {
                "id": entry_id(rule["id"], item["story_id"]),
                **({"url": link} if (link := safe_url(item["url"])) else {}),
                "title": item["title"] or "(untitled)",
                "content_html": entry_html(item),
                "content_text": entry_text(item),
                **({"date_published": local_iso(item["published_at"])} if item["published_at"] else {}),
                "date_modified": local_iso(item["matched_at"]),
                **({"language": item["language"]} if item["language"] else {}),
                "tags": [t for t in (item["language"], item["site"]) if t],
                "_kznews": {
                    "matched_forms": item["matched_forms"],
                    "snippet": item["snippet"],
                    "snippet_html": marked_html(item["snippet"]),
                    "language": item["language"],
                    "site": item["site"],
                    "cited_sources": item["cited_sources"],
                    "published_at": item["published_at"],
                    "first_seen_at": item["first_seen_at"],
                    "matched_at": item["matched_at"],
                    "date_precision": item["date_precision"],
                    "local_times": entry_times(item),
                    "story_id": item["story_id"],
                    "article_id": item["article_id"],
                    "occasion": item["occasion"] or "story",
                },
            }
            for item in items
        ],
    }


def render(conn: sqlite3.Connection, rule_id: str, fmt: str, *, base: str | None = None) -> bytes | None:
    """One rule's feed in `fmt` (atom, rss, json) built from the database; None if there is no such rule."""
    if fmt not in FORMATS:
        raise ValueError(f"feed format must be one of {', '.join(FORMATS)}")
    rule = rule_row(conn, rule_id)
    if rule is None:
        return None
    items = entries(conn, rule_id)
    base = base or base_url()
    if fmt == "json":
        return json.dumps(json_feed(rule, items, base), ensure_ascii=False, indent=2).encode("utf-8")
    fg = _feedgen(rule, items, base, fmt)
    result: bytes = fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)
    return result


def write_feeds(
    conn: sqlite3.Connection, out_dir: str | os.PathLike[str], *, base: str | None = None
) -> list[Path]:
    """Write <rule>.atom, .rss and .json for every rule into `out_dir` (atomically, file by file)."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for (rule_id,) in conn.execute("SELECT id FROM alert_rules ORDER BY id").fetchall():
        if not _SAFE_NAME.match(rule_id):  # never a path outside out_dir, whatever is in the table
            continue
        for fmt in FORMATS:
            data = render(conn, rule_id, fmt, base=base)
            if data is None:
                continue
            path = target / f"{rule_id}.{fmt}"
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.unlink(missing_ok=True)  # never write through a symlink someone left there
            tmp.write_bytes(data)
            os.replace(tmp, path)
            written.append(path)
    return written


def feeds_dir(db_path: str | None = None) -> str:
    """$KZNEWS_FEEDS_DIR, else feeds/ beside the database (data/kznews.db → data/feeds), so a crawl into
    another database never overwrites the feeds of this one."""
    if os.environ.get("KZNEWS_FEEDS_DIR"):
        return os.environ["KZNEWS_FEEDS_DIR"]
    return os.path.join(os.path.dirname(db_path) or ".", "feeds") if db_path else "data/feeds"
