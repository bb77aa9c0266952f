"""The kznews Datasette plugin (entry point `kznews = "crawler.web.plugin"`), used by `kznews serve`.

- /-/kznews                          the rules, with hit counts and their feed links
- /-/kznews/rules/<rule>             a rule's recent hits (why each matched) and a chart of hits per day
- /-/kznews/feeds/<rule>.atom|rss|json   live feeds, built from the database on each request
- /-/kznews/files/<rule>.atom|rss|json   the feed files the last crawl wrote ($KZNEWS_FEEDS_DIR)
- canned queries on any database with `articles`: latest articles per site, stories seen in both
  Kazakh and Russian, what cites the Government, alert hits per rule.

Read-only: every write action is refused here whatever the configuration says, Datasette reads through
`mode=ro` connections, and `kznews serve` binds 127.0.0.1 unless told otherwise. The pages are Jinja
templates with autoescape (Datasette's environment), and the chart is inline SVG rendered here: no
script runs, nothing is fetched from another host, and a <script> in a title is shown as text.

The parts, in file order:
- Datasette hooks: `permission_allowed`, `canned_queries`, `menu_links`, `register_routes`.
- Pages: `index_page` (rules), `rule_page` (hits and chart, `_chart`), `live_feed`, `feed_file`.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from datasette import Response, hookimpl
from markupsafe import Markup

from crawler import display
from crawler.alerts import feeds
from crawler.web.sqlguard import handle_exception, prepare_connection  # noqa: F401 - hooks: bounds on readers' SQL

RULE_RE = r"[a-z0-9][a-z0-9_-]{0,63}"
WRITE_ACTIONS = frozenset(
    {
        "insert-row", "delete-row", "update-row", "upsert-row", "create-table", "drop-table", "alter-table",
        "set-column-type", "execute-write",
    }
)  # fmt: skip
CHART_DAYS = 30
RECENT_HITS = 50

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "latest_articles_per_site": {
        "title": "Latest articles per site",
        "description": "The newest articles of each site (by publication time), :per_site per site (10 if empty).",
        # Per site, only the newest rows by the (site, published_at) index, plus the newest undated ones:
        # the window over every article took seconds at 100k articles (benchmarks/db.py); same rows, same order.
        "sql": """
            WITH RECURSIVE sites(site) AS (
              SELECT min(site) FROM articles
              UNION ALL
              SELECT (SELECT min(site) FROM articles WHERE site > sites.site) FROM sites WHERE site IS NOT NULL
            ),
            picked AS (
              SELECT a.*, row_number() OVER (PARTITION BY a.site ORDER BY coalesce(a.published_at, a.first_seen_at) DESC) AS n
              FROM sites JOIN articles a ON a.rowid IN (
                SELECT rowid FROM (
                  SELECT rowid FROM articles WHERE site = sites.site AND published_at IS NOT NULL
                  ORDER BY published_at DESC LIMIT coalesce(nullif(CAST(:per_site AS INTEGER), 0), 10)
                )
                UNION ALL
                SELECT rowid FROM (
                  SELECT rowid FROM articles WHERE site = sites.site AND published_at IS NULL
                  ORDER BY first_seen_at DESC LIMIT coalesce(nullif(CAST(:per_site AS INTEGER), 0), 10)
                )
              )
            )
            SELECT site, language, published_at, date_precision, first_seen_at, title, url, id AS article_id, story_id
            FROM picked
            WHERE n <= coalesce(nullif(CAST(:per_site AS INTEGER), 0), 10)
            ORDER BY site, n
        """,
        "params": ["per_site"],
    },
    "stories_in_kk_and_ru": {
        "title": "Stories seen in both Kazakh and Russian",
        "description": "Stories with at least one Kazakh and one Russian member, newest first.",
        "sql": """
            SELECT s.id AS story_id, s.title, s.first_published_at, s.first_seen_at, s.languages, s.sites,
                   s.member_count
            FROM stories s
            WHERE EXISTS (SELECT 1 FROM json_each(s.languages) WHERE value = 'kk')
              AND EXISTS (SELECT 1 FROM json_each(s.languages) WHERE value = 'ru')
            ORDER BY coalesce(s.first_published_at, s.first_seen_at) DESC
            LIMIT 500
        """,
    },
    "cites_the_government": {
        "title": "What cites the Government",
        "description": "Articles whose cited sources include primeminister.kz (the Government's site).",
        "sql": """
            SELECT a.site, a.language, a.published_at, a.date_precision, a.title, a.url, a.id AS article_id,
                   a.cited_sources
            FROM articles a
            WHERE EXISTS (SELECT 1 FROM json_each(a.cited_sources) WHERE value LIKE '%primeminister%')
            ORDER BY coalesce(a.published_at, a.first_seen_at) DESC
            LIMIT 500
        """,
    },
    "alert_hits_per_rule": {
        "title": "Alert hits per rule",
        "description": "Hits of every rule: total, in the last 7 days, and the latest.",
        "sql": """
            SELECT r.id AS rule_id, r.query, count(h.id) AS hits,
                   sum(h.matched_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7 days')) AS hits_last_7_days,
                   max(h.matched_at) AS latest_hit
            FROM alert_rules r LEFT JOIN alert_hits h ON h.rule_id = r.id
            GROUP BY r.id ORDER BY hits DESC, r.id
        """,
    },
}


# --- hooks --------------------------------------------------------------------------------------------------


@hookimpl
def permission_allowed(datasette: Any, actor: Any, action: str, resource: Any) -> bool | None:
    if action in WRITE_ACTIONS:
        return False
    return None


@hookimpl
def canned_queries(datasette: Any, database: str, actor: Any) -> Any:
    async def inner() -> dict[str, Any]:
        db = datasette.get_database(database)
        tables = set(await db.table_names())
        wanted = {
            "latest_articles_per_site": {"articles"},
            "stories_in_kk_and_ru": {"stories"},
            "cites_the_government": {"articles"},
            "alert_hits_per_rule": {"alert_rules", "alert_hits"},
        }
        return {name: dict(q) for name, q in CANNED_QUERIES.items() if wanted[name] <= tables}

    return inner


@hookimpl
def menu_links(datasette: Any, actor: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/kznews"), "label": "kznews alerts"}]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/kznews/?$", index_page),
        (rf"^/-/kznews/rules/(?P<rule_id>{RULE_RE})$", rule_page),
        (rf"^/-/kznews/feeds/(?P<rule_id>{RULE_RE})\.(?P<fmt>atom|rss|json)$", live_feed),
        (rf"^/-/kznews/files/(?P<rule_id>{RULE_RE})\.(?P<fmt>atom|rss|json)$", feed_file),
    ]


# --- pages --------------------------------------------------------------------------------------------------

_BASE = """{% extends "base.html" %}
{% block title %}{{ page_title }}{% endblock %}
{% block extra_head %}<style>
.kz-hits td { vertical-align: top; } .kz-hits mark { background: #ffe066; }
.kz-chart rect.bar { fill: #3c6e9f; } .kz-chart text { font-size: 9px; fill: #555; }
.kz-muted { color: #666; font-size: 0.9em; } .kz-time { white-space: nowrap; font-size: 0.9em; }
</style>{% endblock %}
{% block crumbs %}<p class="crumbs"><a href="{{ urls.instance() }}">home</a> /
<a href="{{ urls.path('/-/kznews') }}">kznews</a></p>{% endblock %}
"""

INDEX_TEMPLATE = (
    _BASE
    + """{% block content %}
<h1>kznews alert rules</h1>
{% if not database %}<p>This database has no alert tables yet: run a crawl (make demo) first.</p>{% else %}
<p class="kz-muted">Database <a href="{{ urls.database(database) }}">{{ database }}</a>.
{{ rules|length }} rules. Feeds are built live from the database; the files are those written by the last crawl.</p>
<table class="rows-and-columns kz-rules">
<thead><tr><th>rule</th><th>query</th><th>hits</th><th>last 7 days</th><th>latest hit</th><th>live feeds</th><th>files</th></tr></thead>
<tbody>
{% for r in rules %}<tr>
<td><a href="{{ urls.path('/-/kznews/rules/' ~ r.id) }}">{{ r.id }}</a></td>
<td><code>{{ r.query }}</code>{% if r.description %}<br><span class="kz-muted">{{ r.description }}</span>{% endif %}</td>
<td>{{ r.hits }}</td><td>{{ r.week }}</td><td class="kz-time" title="{{ r.latest or '' }}">{{ r.latest_local or "—" }}</td>
<td>{% for f in formats %}<a href="{{ urls.path('/-/kznews/feeds/' ~ r.id ~ '.' ~ f) }}">{{ f }}</a> {% endfor %}</td>
<td>{% for f in formats %}{% if r.files[f] %}<a href="{{ urls.path('/-/kznews/files/' ~ r.id ~ '.' ~ f) }}">{{ f }}</a> {% endif %}{% endfor %}</td>
</tr>{% endfor %}
</tbody></table>
<h2>Canned queries</h2>
<ul>{% for name, q in queries %}<li><a href="{{ urls.query(database, name) }}">{{ q.title }}</a> — {{ q.description }}</li>{% endfor %}</ul>
{% endif %}
{% endblock %}"""
)

RULE_TEMPLATE = (
    _BASE
    + """{% block content %}
<h1>Rule <code>{{ rule.id }}</code></h1>
<p><code>{{ rule.query }}</code>{% if rule.description %} — {{ rule.description }}{% endif %}</p>
<p class="kz-muted">{{ rule.filters }}</p>
<p>Live feeds: {% for f in formats %}<a href="{{ urls.path('/-/kznews/feeds/' ~ rule.id ~ '.' ~ f) }}">{{ f }}</a> {% endfor %}
· <a href="{{ urls.table(database, 'alert_hits') }}?rule_id={{ rule.id|urlencode }}">all hits as a table</a></p>
<h2>Hits per day</h2>
<p class="kz-muted">By the Almaty day the matched article was published (first seen, if its date is unknown),
{{ chart.days|length }} days to {{ chart.end }}; {{ chart.total }} hits in the window.</p>
{{ chart.svg }}
<h2>Recent hits</h2>
{% if not hits %}<p class="kz-no-hits">No hits yet.</p>{% else %}
<table class="rows-and-columns kz-hits">
<thead><tr><th>article</th><th>why it matched</th><th>lang · site</th><th>published (Almaty)</th><th>first seen</th><th>matched</th></tr></thead>
<tbody>{% for h in hits %}<tr class="kz-hit">
<td>{% if h.link %}<a class="kz-title" href="{{ h.link }}">{{ h.title }}</a>{% else %}<span class="kz-title">{{ h.title }}</span>{% endif %}
{% if h.occasion %}<br><span class="kz-muted">substantive revision</span>{% endif %}</td>
<td>{{ h.snippet_html }}<br><span class="kz-muted">forms: {{ h.forms|join(", ") }}{% if h.cited %}; cites {{ h.cited|join(", ") }}{% endif %}</span></td>
<td>{{ h.language or "?" }} · {{ h.site or "?" }}</td>
{% for t, local in h.times %}<td class="kz-time" title="{{ t or '' }}">{{ local or "—" }}</td>{% endfor %}
</tr>{% endfor %}</tbody></table>{% endif %}
{% endblock %}"""
)


async def _alerts_db(datasette: Any) -> Any | None:
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        if "alert_rules" in set(await db.table_names()):
            return db
    return None


def _template(datasette: Any, source: str) -> Any:
    cache = datasette.__dict__.setdefault("_kznews_templates", {})
    if source not in cache:
        cache[source] = datasette.jinja_env.from_string(source)
    return cache[source]


def _not_found(message: str) -> Response:
    return Response.text(message, status=404)


async def index_page(datasette: Any, request: Any) -> Response:
    db = await _alerts_db(datasette)
    rules: list[dict[str, Any]] = []
    if db is not None:
        result = await db.execute(
            "SELECT r.id, r.query, r.description, count(h.id),"
            " sum(h.matched_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7 days')), max(h.matched_at)"
            " FROM alert_rules r LEFT JOIN alert_hits h ON h.rule_id = r.id GROUP BY r.id ORDER BY r.id"
        )
        out_dir = Path(_feeds_dir())
        for row in result.rows:
            rules.append(
                {
                    "id": row[0], "query": row[1], "description": row[2], "hits": row[3], "week": row[4] or 0,
                    "latest": row[5], "latest_local": display.local_time(row[5]), "files": {f: (out_dir / f"{row[0]}.{f}").is_file() for f in feeds.FORMATS},
                }
            )  # fmt: skip
    queries = [(name, q) for name, q in CANNED_QUERIES.items()]
    html = await datasette.render_template(
        _template(datasette, INDEX_TEMPLATE),
        {
            "page_title": "kznews alert rules",
            "database": db.name if db is not None else None,
            "rules": rules,
            "formats": feeds.FORMATS,
            "queries": queries,
        },
        request=request,
    )
    return Response.html(html)


def _chart(counts: dict[str, int], days: int = CHART_DAYS) -> dict[str, Any]:
    """Hits per day as inline SVG bars (server-side; no script), ending on the latest day with hits."""
    parsed = {date.fromisoformat(d): n for d, n in counts.items() if _is_day(d)}
    end = max(parsed) if parsed else date.today()
    window = [end - timedelta(days=days - 1 - i) for i in range(days)]
    top = max([parsed.get(d, 0) for d in window] + [1])
    bar_w, gap, height, top_pad, label_h = 16, 4, 100, 14, 28
    width = days * (bar_w + gap) + 24  # room for the last date label
    full = top_pad + height + label_h
    parts = [
        f'<svg class="kz-chart" role="img" aria-label="hits per day" xmlns="http://www.w3.org/2000/svg"'
        f' width="{width}" height="{full}" viewBox="0 0 {width} {full}">'
    ]
    base = top_pad + height
    for i, day in enumerate(window):
        n = parsed.get(day, 0)
        h = round(height * n / top) if n else 0
        x = i * (bar_w + gap)
        parts.append(
            f'<rect class="bar" data-day="{day.isoformat()}" data-count="{n}" x="{x}" y="{base - h}"'
            f' width="{bar_w}" height="{h}"><title>{day.isoformat()}: {n} hits</title></rect>'
        )
        if n:
            parts.append(f'<text x="{x + bar_w / 2}" y="{base - h - 3}" text-anchor="middle">{n}</text>')
        if i % 7 == 0 and i <= days - 4 or i == days - 1:
            parts.append(f'<text x="{x}" y="{base + 14}">{day.strftime("%m-%d")}</text>')
    parts.append("</svg>")
    total = sum(parsed.get(d, 0) for d in window)
    # Only numbers and ISO dates go into this markup, so it is safe to mark it as such.
    return {"svg": Markup("".join(parts)), "days": window, "end": end.isoformat(), "total": total}


def _is_day(value: Any) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


async def rule_page(datasette: Any, request: Any) -> Response:
    rule_id = request.url_vars["rule_id"]
    db = await _alerts_db(datasette)
    if db is None:
        return _not_found("no kznews database with alert rules")
    found = await db.execute(
        "SELECT id, query, description, lang, fold_scripts, sites, source_kinds, cited FROM alert_rules WHERE id = ?",
        [rule_id],
    )
    row = found.first()
    if row is None:
        return _not_found(f"no rule {rule_id}")
    filters = [f"language: {row[3]}"] if row[3] else []
    filters += ["folds Kazakh/Russian spelling"] if row[4] else []
    for label, value in (("sites", row[5]), ("source kinds", row[6]), ("cites", row[7])):
        values = json.loads(value or "[]")
        if values:
            filters.append(f"{label}: {', '.join(values)}")
    rule = {
        "id": row[0],
        "query": row[1],
        "description": row[2],
        "filters": "; ".join(filters) or "no filters",
    }
    recent = await db.execute(
        "SELECT h.matched_forms, h.snippet, h.matched_at, h.occasion, a.url, coalesce(a.title, h.article_id),"
        " coalesce(a.language, h.language), coalesce(a.site, h.site), a.cited_sources, a.published_at,"
        " a.first_seen_at, a.date_precision FROM alert_hits h LEFT JOIN articles a ON a.id = h.article_id"
        " WHERE h.rule_id = ? ORDER BY h.matched_at DESC, h.id DESC LIMIT ?",
        [rule_id, RECENT_HITS],
    )
    hits = [
        {
            "forms": json.loads(r[0] or "[]"), "snippet_html": Markup(feeds.marked_html(r[1] or "")),
            "matched_at": r[2], "occasion": r[3], "link": feeds.safe_url(r[4]), "title": r[5] or "(untitled)",
            "language": r[6], "site": r[7], "cited": json.loads(r[8] or "[]"), "published_at": r[9],
            "first_seen_at": r[10],
            "times": [(r[9], display.local_time(r[9], r[11])), (r[10], display.local_time(r[10])),
                      (r[2], display.local_time(r[2]))],
        }
        for r in recent.rows
    ]  # fmt: skip
    per_day = await db.execute(
        # Almaty local days (kz_local_day: crawler/web/pages.py): an article of 28 May is not counted on 27 May.
        "SELECT kz_local_day(coalesce(a.published_at, a.first_seen_at, h.matched_at)) AS day, count(*)"
        " FROM alert_hits h LEFT JOIN articles a ON a.id = h.article_id WHERE h.rule_id = ? GROUP BY day",
        [rule_id],
    )
    chart = _chart({r[0]: r[1] for r in per_day.rows if r[0]})
    html = await datasette.render_template(
        _template(datasette, RULE_TEMPLATE),
        {
            "page_title": f"kznews rule {rule_id}",
            "database": db.name,
            "rule": rule,
            "hits": hits,
            "chart": chart,
            "formats": feeds.FORMATS,
        },
        request=request,
    )
    return Response.html(html)


def _public_base(request: Any) -> str:
    configured = os.environ.get("KZNEWS_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    # The address the server really listens on, never the request's Host header (any client sets that).
    server = request.scope.get("server")
    if server and server[0] and server[1]:
        host = f"[{server[0]}]" if ":" in str(server[0]) else server[0]
        return f"http://{host}:{int(server[1])}"
    return feeds.base_url()


async def live_feed(datasette: Any, request: Any) -> Response:
    rule_id, fmt = request.url_vars["rule_id"], request.url_vars["fmt"]
    db = await _alerts_db(datasette)
    if db is None:
        return _not_found("no kznews database with alert rules")
    base = _public_base(request)
    data = await db.execute_fn(lambda conn: feeds.render(conn, rule_id, fmt, base=base))
    if data is None:
        return _not_found(f"no rule {rule_id}")
    return Response(data, content_type=feeds.MEDIA_TYPES[fmt])


def _feeds_dir() -> str:
    return os.environ.get("KZNEWS_FEEDS_DIR") or "data/feeds"


def _feed_file(rule_id: str, fmt: str) -> Path | None:
    """The feed file if it is a regular file inside the feeds folder; a symlink out of it is not served."""
    try:
        folder = Path(_feeds_dir()).resolve(strict=True)
        path = (folder / f"{rule_id}.{fmt}").resolve(strict=True)  # both parts matched a strict pattern
    except (OSError, RuntimeError):
        return None
    return path if path.is_relative_to(folder) and path.is_file() else None


async def feed_file(datasette: Any, request: Any) -> Response:
    rule_id, fmt = request.url_vars["rule_id"], request.url_vars["fmt"]
    path = _feed_file(rule_id, fmt)
    if path is None:
        return _not_found(f"no feed file for {rule_id} ({fmt}) yet: it is written after a crawl")
    return Response(path.read_bytes(), content_type=feeds.MEDIA_TYPES[fmt])


def _register_pages() -> None:
    # The reading-room pages (crawler/web/pages.py) are a second plugin module; this one is the entry
    # point Datasette loads, so it registers them (at the end: every hook above is defined by then).
    from datasette.plugins import pm

    from crawler.web import pages as web_pages

    if not pm.is_registered(web_pages):
        pm.register(web_pages, name="kznews_pages")


_register_pages()
