"""The reading room: kznews pages for analysts on top of Datasette (registered by crawler/web/plugin.py).

- /                                  home: today per site (new articles, health), rules with activity,
                                     articles per day per site (inline SVG), the search box
- /-/kznews/search?q=…               word-form search through the alert engine (crawler/web/search.py)
- /-/kznews/article/<id>             one stored article: its text, its story, the rules it matches
- /-/kznews/story/<id>               every member of a story side by side, and how each joined it

Plus the Datasette side (crawler/web/metadata.py): descriptions of every table and column, newest-first
sorts, facets, internal tables hidden, and cells that link article and story ids to these pages.

Every time a person reads is Asia/Almaty local time by its stored precision (crawler/display.py). Pages
are Jinja templates in crawler/templates/ rendered with Datasette's autoescaping environment; marked
forms are built here from escaped text; charts are inline SVG of numbers and dates only. No script runs
and nothing is fetched from another host (the machine may be offline).

The parts, in file order:
- Datasette hooks: `register_routes`, `prepare_connection`, `get_metadata`, `render_cell`, `menu_links`.
- Helpers: templates, `mark`, `paragraphs`, source names, a rule's matches (`_rule_matches`).
- Article and story pages: `_article_context`, `article_page`, `_story_context`, `story_page`.
- Search: `_search_context`, `search_page`.
- Home: `site_chart`, `_home_context`, `home_page`.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from datasette import Response, hookimpl
from markupsafe import Markup

from crawler import display
from crawler.alerts import feeds
from crawler.dates import ALMATY
from crawler.matching import QueryError, find_matches, snippet, tokenize
from crawler.web import metadata as web_metadata
from crawler.web.search import DEFAULT_LIMIT, MAX_LIMIT, Filters, json_list, search, split_values

TEMPLATES = Path(__file__).resolve().parent / "templates"
ID_RE = r"[0-9A-Za-z_-]{1,80}"
CHART_DAYS = 30
LANGUAGES = ("kk", "ru", "en")
SITE_COLOURS = ("#3c6e9f", "#d9822b", "#4f9d69", "#9b59b6", "#c0392b", "#7f8c8d")
RELATIONS = {
    "origin": "the first member stored: it opened the story (the origin shown is the earliest published)",
    "exact": "the same main text under another URL (normalised body hash)",
    "near": "the same text republished with edits (MinHash-LSH similarity, figures agree)",
    "translation": "the same news in another language (same native id or hreflang alternate link)",
    "new": "opened the story",
    "merged": "opened another story, folded into this one when a later member linked the two",
}


# --- hooks --------------------------------------------------------------------------------------------------


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/$", home_page),
        (r"^/-/kznews/search$", search_page),
        (rf"^/-/kznews/article/(?P<article_id>{ID_RE})$", article_page),
        (rf"^/-/kznews/story/(?P<story_id>{ID_RE})$", story_page),
    ]


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    # Local time by precision in SQL, for canned queries and the per-day chart (a zone, not a fixed +5:
    # Kazakhstan was on +6 before March 2024).
    conn.create_function("kz_local", 2, display.local_time, deterministic=True)
    conn.create_function("kz_local_day", 1, _local_day, deterministic=True)


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    names = [name for name in datasette.databases if not name.startswith("_")]
    return {"databases": {name: web_metadata.DATABASE for name in names}}


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any, row: Any) -> Any:
    return web_metadata.render_cell(value, column, table, row, datasette)


@hookimpl
def menu_links(datasette: Any, actor: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/kznews/search"), "label": "kznews search"}]


# --- helpers ------------------------------------------------------------------------------------------------


def _local_day(instant: str | None) -> str | None:
    local = display.parse_stored(instant)
    return local.date().isoformat() if local else None


def _template(datasette: Any, name: str) -> Any:
    cache = datasette.__dict__.setdefault("_kznews_page_templates", {})
    if name not in cache:
        cache[name] = datasette.jinja_env.from_string((TEMPLATES / name).read_text(encoding="utf-8"))
    return cache[name]


async def _render(
    datasette: Any, request: Any, name: str, context: dict[str, Any], status: int = 200
) -> Response:
    css = Markup((TEMPLATES / "kznews.css").read_text(encoding="utf-8"))  # our own file: no user text in it
    context = {"kz_css": css, **context}
    html_text = await datasette.render_template(_template(datasette, name), context, request=request)
    return Response.html(html_text, status=status)


async def _articles_db(datasette: Any) -> Any | None:
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        if "articles" in set(await db.table_names()):
            return db
    return None


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def mark(text: str | None, forms: Iterable[str]) -> Markup:
    """`text` escaped for HTML, every token whose surface is one of `forms` wrapped in <mark>."""
    text = text or ""
    wanted = set(forms)
    if not wanted:
        return Markup(html.escape(text))
    out: list[str] = []
    pos = 0
    for _norm, start, end in tokenize(text):
        if text[start:end] in wanted:
            out.append(html.escape(text[pos:start]))
            out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
            pos = end
    out.append(html.escape(text[pos:]))
    return Markup("".join(out))


def paragraphs(body: str | None, forms: Iterable[str]) -> list[Markup]:
    forms = list(forms)
    return [mark(p.strip(), forms) for p in (body or "").split("\n\n") if p.strip()]


def _when(instant: str | None, precision: str | None) -> dict[str, str]:
    return {"local": display.local_time(instant, precision) or "—", "utc": instant or ""}


def _source_names(conn: sqlite3.Connection, ids: Sequence[str], language: str | None) -> list[dict[str, str]]:
    if not ids:
        return []
    found: dict[str, str] = {}
    if "sources" in _tables(conn):
        marks = ",".join("?" for _ in ids)
        for sid, kk, ru, en in conn.execute(
            f"SELECT id, name_kk, name_ru, name_en FROM sources WHERE id IN ({marks})", list(ids)
        ):
            by_lang = {"kk": kk, "ru": ru, "en": en}
            found[sid] = by_lang.get(language or "") or ru or kk or en or sid
    return [{"id": sid, "name": found.get(sid, sid)} for sid in ids]


_ALERTERS: dict[tuple[tuple[Any, ...], ...], Any] = {}


def _rule_matches(conn: sqlite3.Connection, article: dict[str, Any]) -> dict[str, list[str]]:
    """The rules this article matches now, through the alert engine itself (every member of a story, not
    only the one a hit was recorded for). The compiled rule set is kept while the rules are unchanged."""
    if "alert_rules" not in _tables(conn):
        return {}
    import sqlite_utils

    from crawler.alerts.rules import Alerter

    key = tuple(tuple(r) for r in conn.execute("SELECT * FROM alert_rules ORDER BY id"))
    alerter = _ALERTERS.get(key)
    if alerter is None:
        _ALERTERS.clear()
        alerter = _ALERTERS[key] = Alerter.from_db(sqlite_utils.Database(conn))
    return dict(alerter.match(article))


def _member_rows(conn: sqlite3.Connection, story_id: str) -> list[dict[str, Any]]:
    tables = _tables(conn)
    has_sig = "dedup_signatures" in tables
    rows = conn.execute(
        "SELECT sm.article_id, sm.relation, sm.similarity, sm.added_at, a.title, a.site, a.language,"
        " a.published_at, a.date_precision, a.first_seen_at, a.url, a.lead, a.body, a.duplicate_of,"
        " a.translation_of"
        + (
            ", (SELECT s.relation FROM dedup_signatures s WHERE s.article_id = sm.article_id LIMIT 1)"
            if has_sig
            else ", NULL"
        )
        + " FROM story_members sm LEFT JOIN articles a ON a.id = sm.article_id WHERE sm.story_id = ?"
        " ORDER BY a.published_at IS NULL, a.published_at, a.first_seen_at",
        [story_id],
    ).fetchall()
    out = []
    for r in rows:
        relation = r[1] or "?"
        out.append(
            {
                "id": r[0], "relation": relation, "similarity": r[2], "added": _when(r[3], "minute"),
                "title": r[4] or "(not stored)", "site": r[5], "language": r[6], "published": _when(r[7], r[8]),
                "published_at": r[7], "first_seen": _when(r[9], "minute"), "link": feeds.safe_url(r[10]),
                "lead": r[11] or (r[12] or "").split("\n\n")[0][:400], "duplicate_of": r[13],
                "translation_of": r[14], "index_relation": r[15], "how": RELATIONS.get(relation, relation),
            }
        )  # fmt: skip
    return out


# --- article ------------------------------------------------------------------------------------------------


def _article_context(conn: sqlite3.Connection, article_id: str, query: str) -> dict[str, Any] | None:
    cursor = conn.execute("SELECT * FROM articles WHERE id = ?", [article_id])
    row = cursor.fetchone()
    if row is None:
        return None
    article = dict(zip([d[0] for d in cursor.description], tuple(row), strict=True))
    tables = _tables(conn)
    rules = _rule_matches(conn, article)
    text = "\n".join(str(article.get(k) or "") for k in ("title", "lead", "body"))
    query_forms: list[str] = []
    query_error = None
    if query:
        try:
            query_forms = find_matches(query, text, lang=article.get("language"))
        except QueryError as exc:
            query_error = str(exc)
    forms = sorted({f for fs in rules.values() for f in fs} | set(query_forms))
    story = None
    members: list[dict[str, Any]] = []
    story_id = article.get("story_id")
    if story_id and "stories" in tables:
        found = conn.execute(
            "SELECT id, origin_article_id, origin_site, title, first_published_at, member_count, languages, sites"
            " FROM stories WHERE id = ?",
            [story_id],
        ).fetchone()
        if found:
            story = {
                "id": found[0], "origin": found[1], "origin_site": found[2], "title": found[3],
                "first_published": _when(found[4], None), "member_count": found[5],
                "languages": json_list(found[6]), "sites": json_list(found[7]),
            }  # fmt: skip
            members = _member_rows(conn, story_id)
    revisions = []
    if "article_revisions" in tables:
        revisions = [
            {
                "revision": r[0],
                "title": r[1],
                "replaced": _when(r[2], "minute"),
                "change": r[3],
                "substantive": r[4],
            }
            for r in conn.execute(
                "SELECT revision, title, replaced_at, change_ratio, substantive FROM article_revisions"
                " WHERE article_id = ? ORDER BY revision DESC",
                [article_id],
            )
        ]
    hits = []
    hit_articles = sorted({article_id, *(m["id"] for m in members)})
    if "alert_hits" in tables:
        hits = [
            {
                "rule": r[0],
                "article_id": r[1],
                "occasion": r[2],
                "matched": _when(r[3], "minute"),
                "forms": json_list(r[4]),
            }
            # A story's hits name one of its members: looked up by article_id, the indexed column.
            for r in conn.execute(
                "SELECT rule_id, article_id, occasion, matched_at, matched_forms FROM alert_hits"
                f" WHERE article_id IN ({', '.join('?' for _ in hit_articles)}) ORDER BY matched_at DESC",
                hit_articles,
            )
        ]
    rule_rows = []
    if rules:
        marks = ",".join("?" for _ in rules)
        described = dict(
            conn.execute(
                f"SELECT id, coalesce(description, query) FROM alert_rules WHERE id IN ({marks})", list(rules)
            )
        )
        rule_rows = [
            {"id": rid, "description": described.get(rid, ""), "forms": fs,
             "snippet": Markup(feeds.marked_html(snippet(text.replace("\n", " "), fs)))}
            for rid, fs in sorted(rules.items())
        ]  # fmt: skip
    cited = json_list(article.get("cited_sources"))
    return {
        "article": article,
        "title_html": mark(article.get("title") or "(untitled)", forms),
        "lead_html": mark(article.get("lead"), forms) if article.get("lead") else None,
        "paragraphs": paragraphs(article.get("body"), forms),
        "published": _when(article.get("published_at"), article.get("date_precision")),
        "updated": _when(article.get("updated_at"), "minute") if article.get("updated_at") else None,
        "first_seen": _when(article.get("first_seen_at"), "minute"),
        "authors": json_list(article.get("authors")),
        "cited": _source_names(conn, cited, article.get("language")),
        "cited_raw": json_list(article.get("cited_raw")),
        "link": feeds.safe_url(article.get("url")),
        "story": story,
        "members": members,
        "is_origin": story is not None and story["origin"] == article_id,
        "revisions": revisions,
        "rules": rule_rows,
        "hits": hits,
        "query": query,
        "query_forms": query_forms,
        "query_error": query_error,
    }


async def article_page(datasette: Any, request: Any) -> Response:
    article_id = request.url_vars["article_id"]
    db = await _articles_db(datasette)
    if db is None:
        return Response.text("no kznews database with articles", status=404)
    query = (request.args.get("q") or "").strip()[:1000]
    context = await db.execute_fn(lambda conn: _article_context(conn, article_id, query))
    if context is None:
        return Response.text(f"no article {article_id}", status=404)
    title = context["article"].get("title") or article_id
    context.update({"page_title": title, "database": db.name})
    return await _render(datasette, request, "kznews_article.html", context)


# --- story --------------------------------------------------------------------------------------------------


def _story_context(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    found = conn.execute(
        "SELECT id, origin_article_id, origin_site, title, first_published_at, first_seen_at, last_seen_at,"
        " member_count, languages, sites FROM stories WHERE id = ?",
        [story_id],
    ).fetchone()
    if found is None:
        return None
    members = _member_rows(conn, story_id)
    origin = next((m for m in members if m["id"] == found[1]), None)
    return {
        "story": {
            "id": found[0], "origin": found[1], "origin_site": found[2], "title": found[3],
            "first_published": _when(found[4], None), "first_seen": _when(found[5], "minute"),
            "last_seen": _when(found[6], "minute"), "member_count": found[7],
            "languages": json_list(found[8]), "sites": json_list(found[9]),
        },
        "members": members,
        "origin": origin,
        "relations": RELATIONS,
    }  # fmt: skip


async def story_page(datasette: Any, request: Any) -> Response:
    story_id = request.url_vars["story_id"]
    db = await _articles_db(datasette)
    if db is None or "stories" not in set(await db.table_names()):
        return Response.text("no kznews database with stories", status=404)
    context = await db.execute_fn(lambda conn: _story_context(conn, story_id))
    if context is None:
        return Response.text(f"no story {story_id}", status=404)
    context.update({"page_title": f"Story: {context['story']['title'] or story_id}", "database": db.name})
    return await _render(datasette, request, "kznews_story.html", context)


# --- search -------------------------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _sites(conn: sqlite3.Connection) -> list[str]:
    # The distinct sites by skip-scan of the (site, published_at) index: a handful of values, cheap at 1M rows.
    out: list[str] = []
    value = conn.execute("SELECT min(site) FROM articles").fetchone()[0]
    while value is not None:
        out.append(value)
        value = conn.execute("SELECT min(site) FROM articles WHERE site > ?", [value]).fetchone()[0]
    return out


def _choices(conn: sqlite3.Connection) -> dict[str, list[str]]:
    sources: list[str] = []
    if "sources" in _tables(conn):
        sources = [r[0] for r in conn.execute("SELECT id FROM sources ORDER BY id")]
    # The languages the store knows (docs/schema.md): no index on language, so not counted from the rows.
    return {"sites": _sites(conn), "languages": list(LANGUAGES), "sources": sources}


def _search_context(conn: sqlite3.Connection, query: str, filters: Filters, limit: int) -> dict[str, Any]:
    choices = _choices(conn)
    if not query:
        return {"choices": choices, "groups": [], "result": None, "error": None}
    try:
        result = search(conn, query, filters, limit=limit)
    except QueryError as exc:
        return {"choices": choices, "groups": [], "result": None, "error": str(exc)}
    story_titles: dict[str, str] = {}
    story_sizes: dict[str, int] = {}
    groups = result.stories()
    ids = [sid for sid, _ in groups]
    if ids and "stories" in _tables(conn):
        marks = ",".join("?" for _ in ids)
        for sid, title, members in conn.execute(
            f"SELECT id, title, member_count FROM stories WHERE id IN ({marks})", ids
        ).fetchall():
            story_titles[sid] = title
            story_sizes[sid] = members
    out = []
    for sid, hits in groups:
        out.append(
            {
                "story_id": sid,
                "has_story": sid in story_titles,
                "title": story_titles.get(sid),
                "members": story_sizes.get(sid, 1),
                "hits": [
                    {
                        "id": h.article["id"], "title_text": h.article.get("title"), "title_html": mark(h.article.get("title") or "(untitled)", h.forms),
                        "snippet": Markup(feeds.marked_html(snippet(
                            " ".join(str(h.article.get(k) or "") for k in ("lead", "body")).replace("\n", " "), h.forms
                        ))),
                        "forms": h.forms, "site": h.article.get("site"), "language": h.article.get("language"),
                        "published": _when(h.article.get("published_at"), h.article.get("date_precision")),
                        "first_seen": _when(h.article.get("first_seen_at"), "minute"),
                        "link": feeds.safe_url(h.article.get("url")),
                        "cited": json_list(h.article.get("cited_sources")),
                    }
                    for h in hits
                ],
            }
        )  # fmt: skip
    return {"choices": choices, "groups": out, "result": result, "error": None}


async def search_page(datasette: Any, request: Any) -> Response:
    db = await _articles_db(datasette)
    if db is None:
        return Response.text("no kznews database with articles", status=404)
    args = request.args
    query = (args.get("q") or "").strip()[:1000]
    filters = Filters(
        sites=split_values(args.getlist("site")),
        languages=split_values(args.getlist("language")),
        since=_day(args.get("since")),
        until=_day(args.get("until")),
        cited=split_values(args.getlist("cited")),
    )
    try:
        limit = max(1, min(MAX_LIMIT, int(args.get("limit") or DEFAULT_LIMIT)))
    except ValueError:
        limit = DEFAULT_LIMIT
    context = await db.execute_fn(lambda conn: _search_context(conn, query, filters, limit))
    bad_dates = [name for name in ("since", "until") if args.get(name) and _day(args.get(name)) is None]
    context.update(
        {
            "page_title": f"Search: {query}" if query else "kznews search",
            "database": db.name,
            "query": query,
            "filters": filters,
            "limit": limit,
            "bad_dates": bad_dates,
            "since": args.get("since") or "",
            "until": args.get("until") or "",
        }
    )
    status = 400 if context["error"] or bad_dates else 200
    return await _render(datasette, request, "kznews_search.html", context, status=status)


# --- home ---------------------------------------------------------------------------------------------------


def _today_bounds(today: date) -> tuple[str, str]:
    start = datetime.combine(today, datetime.min.time(), ALMATY).astimezone(UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%SZ"), (start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def site_chart(per_day: dict[str, dict[str, int]], end: date, days: int = CHART_DAYS) -> dict[str, Any]:
    """Articles per day per site as inline SVG: one group of bars per day, one bar per site."""
    sites = sorted(per_day)
    colours = {site: SITE_COLOURS[i % len(SITE_COLOURS)] for i, site in enumerate(sites)}
    window = [end - timedelta(days=days - 1 - i) for i in range(days)]
    top = max([per_day[s].get(d.isoformat(), 0) for s in sites for d in window] + [1])
    bar_w = max(3, 22 // max(1, len(sites)))
    group_w = bar_w * max(1, len(sites)) + 6
    height, top_pad, label_h = 120, 14, 28
    width = days * group_w + 30
    full = top_pad + height + label_h
    base = top_pad + height
    parts = [
        f'<svg class="kz-site-chart" role="img" aria-label="articles per day per site" xmlns="http://www.w3.org/2000/svg"'
        f' width="{width}" height="{full}" viewBox="0 0 {width} {full}">'
    ]
    for i, day in enumerate(window):
        x0 = i * group_w
        for j, site in enumerate(sites):
            n = per_day[site].get(day.isoformat(), 0)
            h = round(height * n / top) if n else 0
            parts.append(
                f'<rect class="bar" data-site="{html.escape(site)}" data-day="{day.isoformat()}" data-count="{n}"'
                f' x="{x0 + j * bar_w}" y="{base - h}" width="{bar_w - 1}" height="{h}" fill="{colours[site]}">'
                f"<title>{day.isoformat()} {html.escape(site)}: {n}</title></rect>"
            )
        if i % 7 == 0 and i <= days - 4 or i == days - 1:
            parts.append(f'<text x="{x0}" y="{base + 14}">{day.strftime("%m-%d")}</text>')
    parts.append("</svg>")
    totals = {s: sum(per_day[s].get(d.isoformat(), 0) for d in window) for s in sites}
    legend = [{"site": s, "colour": colours[s], "total": totals[s]} for s in sites]
    # Numbers, ISO dates, escaped site ids and our own colours only: safe markup.
    return {"svg": Markup("".join(parts)), "legend": legend, "end": end.isoformat(), "days": days}


def _home_context(conn: sqlite3.Connection, today: date) -> dict[str, Any]:
    tables = _tables(conn)
    start, end = _today_bounds(today)
    sites = _sites(conn)
    # New today = stored by today's crawls (crawl_runs.items_new): counting rows by first_seen_at has no
    # index and would read every article of a site.
    new_by_site: dict[str, int] | None = None
    if "crawl_runs" in tables:
        new_by_site = {
            site: int(n or 0)
            for site, n in conn.execute(
                "SELECT site, sum(items_new) FROM crawl_runs WHERE started_at >= ? AND started_at < ? GROUP BY site",
                [start, end],
            )
        }
    health: dict[str, dict[str, Any]] = {}
    if "site_health" in tables:
        for site, state, reasons, checked in conn.execute(
            "SELECT site, state, reasons, checked_at FROM site_health h"
            " WHERE id = (SELECT max(id) FROM site_health WHERE site = h.site)"
        ):
            health[site] = {
                "state": state,
                "reasons": json_list(reasons),
                "checked": _when(checked, "minute"),
            }
    runs: dict[str, dict[str, Any]] = {}
    if "crawl_runs" in tables:
        for site, finished, reason, started in conn.execute(
            "SELECT site, finished_at, finish_reason, started_at FROM crawl_runs r"
            " WHERE id = (SELECT max(id) FROM crawl_runs WHERE site = r.site)"
        ):
            runs[site] = {
                "finished": _when(finished or started, "minute"),
                "reason": reason or "running or interrupted",
            }
    per_site = []
    for site in sorted(set(sites) | set(health) | set(runs)):
        if new_by_site is not None:
            new_today = new_by_site.get(site, 0)
        else:
            new_today = conn.execute(
                "SELECT count(*) FROM articles WHERE site = ? AND first_seen_at >= ? AND first_seen_at < ?",
                [site, start, end],
            ).fetchone()[0]
        published_today = conn.execute(
            "SELECT count(*) FROM articles WHERE site = ? AND published_at >= ? AND published_at < ?",
            [site, start, end],
        ).fetchone()[0]
        latest = conn.execute(
            "SELECT id, title, published_at, date_precision FROM articles WHERE site = ? AND published_at IS NOT NULL"
            " ORDER BY published_at DESC LIMIT 1",
            [site],
        ).fetchone()
        per_site.append(
            {
                "site": site, "new_today": new_today, "published_today": published_today,
                "health": health.get(site), "run": runs.get(site),
                "latest": {"id": latest[0], "title": latest[1], "when": _when(latest[2], latest[3])} if latest else None,
            }
        )  # fmt: skip
    rules = []
    if {"alert_rules", "alert_hits"} <= tables:
        week_ago = (datetime.now(UTC) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
        # Per rule through the (rule_id, matched_at) index: a GROUP BY over every hit grows with the archive.
        found = conn.execute(
            "SELECT r.id, r.description, r.query,"
            " (SELECT count(*) FROM alert_hits h WHERE h.rule_id = r.id),"
            " (SELECT count(*) FROM alert_hits h WHERE h.rule_id = r.id AND h.matched_at >= ?),"
            " (SELECT max(h.matched_at) FROM alert_hits h WHERE h.rule_id = r.id)"
            " FROM alert_rules r",
            [week_ago],
        ).fetchall()
        active = sorted((r for r in found if r[3]), key=lambda r: r[0])
        active.sort(key=lambda r: r[5], reverse=True)
        rules = [
            {"id": r[0], "description": r[1], "query": r[2], "hits": r[3], "week": r[4] or 0, "latest": _when(r[5], "minute")}
            for r in active
        ]  # fmt: skip
    # The chart ends today, or on the latest publication day when nothing was published in the window.
    newest = conn.execute("SELECT max(published_at) FROM articles").fetchone()[0]
    newest_day = date.fromisoformat(_local_day(newest)) if _local_day(newest) else today  # type: ignore[arg-type]
    chart_end = today if 0 <= (today - newest_day).days < CHART_DAYS else newest_day
    low, _ = _today_bounds(chart_end - timedelta(days=CHART_DAYS - 1))
    _, high = _today_bounds(chart_end)
    per_day: dict[str, dict[str, int]] = {site: {} for site in sites}
    for site in sites:
        # The (site, published_at) index covers this: no row is read.
        for (published,) in conn.execute(
            "SELECT published_at FROM articles WHERE site = ? AND published_at >= ? AND published_at < ?",
            [site, low, high],
        ):
            day = _local_day(published)
            if day:
                per_day[site][day] = per_day[site].get(day, 0) + 1
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {
        "per_site": per_site,
        "rules": rules,
        "chart": site_chart(per_day, chart_end),
        "today": today.isoformat(),
        "total": total,
        "has_rules": "alert_rules" in tables,
    }


async def home_page(datasette: Any, request: Any) -> Response:
    db = await _articles_db(datasette)
    if db is None:
        names = [n for n in datasette.databases if not n.startswith("_")]
        context: dict[str, Any] = {"page_title": "kznews", "database": None, "others": names}
        return await _render(datasette, request, "kznews_home.html", context)
    today = datetime.now(ALMATY).date()
    context = await db.execute_fn(lambda conn: _home_context(conn, today))
    tables = [t for t in await db.table_names() if not web_metadata.is_hidden(t)]
    queries = await datasette.get_canned_queries(db.name, request.actor)
    context.update(
        {
            "page_title": "kznews",
            "database": db.name,
            "tables": sorted(tables, key=web_metadata.table_order),
            "queries": [(name, q.get("title") or name) for name, q in queries.items()],
            "others": [n for n in datasette.databases if not n.startswith("_") and n != db.name],
        }
    )
    return await _render(datasette, request, "kznews_home.html", context)
