"""Datasette metadata for a kznews database: what every table and column means, how tables open, which are
internal, and cells that link article and story ids to the reading-room pages (crawler/web/pages.py).

Column descriptions come from docs/schema.md, copied into crawler/web/schema_descriptions.py (the docs are not
installed with the package); `python -m crawler.web.metadata` rewrites that module and a test checks that it
matches docs/schema.md.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup

from crawler import display
from crawler.web.schema_descriptions import COLUMNS

# The tables an analyst reads, in the order the home page lists them; everything else is bookkeeping.
READING_ORDER = (
    "articles",
    "stories",
    "story_members",
    "alert_hits",
    "alert_rules",
    "sources",
    "article_revisions",
)
HIDDEN = frozenset(
    {
        "schema_version", "dedup_signatures", "dedup_lsh", "dedup_alternates", "url_state", "pages",
        "deliveries", "poll_state", "alert_digest_items",
    }
)  # fmt: skip
HIDDEN_PREFIXES = ("articles_fts", "sqlite_", "_")
TABLES: dict[str, str] = {
    "articles": "One row per stored article (the newest version; old ones in article_revisions). Open one in "
    "the reading room: /-/kznews/article/<id>.",
    "stories": "The same news across URLs, sites and languages: one row per story, its origin the earliest "
    "published member (/-/kznews/story/<id>).",
    "story_members": "Which articles belong to which story, and how each joined it (origin, exact, near, "
    "translation, merged).",
    "alert_rules": "Keyword alert rules (data/alerts.toml or `kznews alerts add`).",
    "alert_hits": "One hit per rule and story (again on a substantive revision), with the forms that matched.",
    "deliveries": "Queued and sent alert messages, with their retry state.",
    "sources": "The source registry (data/sources.toml): outlets, government bodies, their names and domains.",
    "article_revisions": "Old versions of edited articles.",
    "rejects": "Everything that failed, with its reason.",
    "pages": "The raw-page archive (zlib-compressed bytes).",
    "crawl_runs": "One row per spider run: traffic, outcome, errors.",
    "site_health": "Health after each run per site: OK, DEGRADED or BROKEN, with the reasons.",
    "health_alerts": "Health state changes sent to the alert channels.",
    "url_state": "Validators (ETag, Last-Modified) and fetch history per URL, for conditional requests.",
    "schema_version": "Which migrations have run.",
    "dedup_signatures": "The near-duplicate index: one MinHash signature per indexed article.",
    "dedup_lsh": "LSH band buckets of the near-duplicate index.",
    "dedup_alternates": "hreflang links waiting for the article they point to.",
    "poll_state": "Adaptive polling per entry point: learned rates, next due time, validators (crawler/ops/polling.py).",
    "alert_digest_items": "Hits of daily and weekly rules waiting for their period's digest.",
    "alert_digests": "One digest per rule, channel and period (Almaty day or ISO week), with its delivery state.",
}
# Newest first: the column each table is sorted by when opened.
SORT_DESC = {
    "articles": "published_at",
    "stories": "first_published_at",
    "story_members": "added_at",
    "alert_hits": "matched_at",
    "alert_rules": "updated_at",
    "article_revisions": "replaced_at",
    "rejects": "at",
    "crawl_runs": "started_at",
    "site_health": "checked_at",
    "health_alerts": "raised_at",
    "deliveries": "created_at",
    "pages": "fetched_at",
}
FACETS = {
    "articles": ["site", "language"],
    "stories": ["origin_site"],
    "alert_hits": ["rule_id", "site", "language"],
    "rejects": ["site", "stage"],
    "site_health": ["site", "state"],
    "crawl_runs": ["site"],
}
SHORT_TEXT = 240  # characters of a body shown in a table cell
ARTICLE_COLUMNS = {"article_id", "origin_article_id", "duplicate_of", "translation_of", "target_id"}
# Instants stored as UTC ISO strings: shown in Almaty local time (the UTC value in the tooltip).
_INSTANT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$")


def is_hidden(table: str) -> bool:
    return table in HIDDEN or table.startswith(HIDDEN_PREFIXES)


def table_order(table: str) -> tuple[int, str]:
    return (READING_ORDER.index(table) if table in READING_ORDER else len(READING_ORDER), table)


def _table_metadata(table: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"description": TABLES.get(table, ""), "columns": dict(COLUMNS.get(table, {}))}
    if table in SORT_DESC:
        meta["sort_desc"] = SORT_DESC[table]
    if table in FACETS:
        meta["facets"] = FACETS[table]
    if is_hidden(table):
        meta["hidden"] = True
    if table == "articles":
        meta["label_column"] = "title"
    return meta


DATABASE: dict[str, Any] = {
    "description": "kznews: news of Kazakhstan's sites in Kazakh and Russian. Reading room: / (home), "
    "/-/kznews/search; alert rules: /-/kznews.",
    "tables": {
        **{t: _table_metadata(t) for t in set(COLUMNS) | set(TABLES)},
        **{
            f"articles_fts{suffix}": {"hidden": True}
            for suffix in ("", "_config", "_data", "_docsize", "_idx")
        },
    },
}


def _link(datasette: Any, path: str, value: Any) -> Markup:
    href = datasette.urls.path(path)
    return Markup(f'<a href="{html.escape(href)}">{html.escape(str(value))}</a>')


def _row_value(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError, TypeError):
        return None


def render_cell(value: Any, column: str, table: str | None, row: Any, datasette: Any) -> Any:
    """Article and story ids as links to their pages; stored instants as Almaty local time."""
    if not isinstance(value, str) or not value:
        return None
    # The primary key cell links to the row (Datasette draws it without asking plugins): the headline
    # links to the reading room instead.
    if column == "title" and table in ("articles", "stories"):
        row_id = _row_value(row, "id")
        if isinstance(row_id, str) and re.fullmatch(r"[0-9A-Za-z_-]{1,80}", row_id):
            page = "article" if table == "articles" else "story"
            return _link(datasette, f"/-/kznews/{page}/{row_id}", value)
    if column in ("body", "lead") and table in ("articles", "article_revisions") and len(value) > SHORT_TEXT:
        # The whole body in a narrow column made every row a page long: the start, and the reading room.
        row_id = _row_value(row, "id") if table == "articles" else _row_value(row, "article_id")
        short = html.escape(value[:SHORT_TEXT].rsplit(" ", 1)[0]) + "…"
        if isinstance(row_id, str) and re.fullmatch(r"[0-9A-Za-z_-]{1,80}", row_id):
            href = html.escape(datasette.urls.path(f"/-/kznews/article/{row_id}"))
            return Markup(f'{short} <a href="{href}">read</a>')
        return Markup(short)
    safe_id = re.fullmatch(r"[0-9A-Za-z_-]{1,80}", value) is not None
    if safe_id and (column in ARTICLE_COLUMNS or (table == "articles" and column == "id")):
        return _link(datasette, f"/-/kznews/article/{value}", value)
    if safe_id and (column == "story_id" or (table == "stories" and column == "id")):
        return _link(datasette, f"/-/kznews/story/{value}", value)
    if _INSTANT_RE.match(value):
        precision = _row_value(row, "date_precision") if column == "published_at" else None
        local = display.local_time(value, precision)
        if local:
            return Markup(f'<span class="kz-local" title="{html.escape(value)}">{html.escape(local)}</span>')
    return None


# --- docs/schema.md → crawler/web/schema_descriptions.py --------------------------------------------------------


def parse_schema_md(text: str) -> dict[str, dict[str, str]]:
    """table → column → meaning, from the tables of docs/schema.md (`table.column` switches table)."""
    tables: dict[str, dict[str, str]] = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = section.partition("\n")
        current = head.split(",")[0].strip()
        for line in body.splitlines():
            if not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or cells[0] == "column" or set(cells[0]) <= {"-", ":"}:
                continue
            for column in re.findall(r"`([^`]+)`", cells[0]):
                if "." in column:
                    current, column = column.split(".", 1)
                tables.setdefault(current, {})[column] = cells[1].replace("`", "")
    return tables


def write_descriptions(schema_md: Path, target: Path) -> None:
    import pprint

    tables = parse_schema_md(schema_md.read_text(encoding="utf-8"))
    body = pprint.pformat(tables, width=100, sort_dicts=False)
    target.write_text(
        '"""Column descriptions of docs/schema.md, for Datasette (generated: python -m crawler.web.metadata)."""\n\n'
        f"COLUMNS: dict[str, dict[str, str]] = {body}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    # python -m crawler.web.metadata [TARGET]: from the checkout's docs/schema.md (a test passes a TARGET).
    root = Path(__file__).resolve().parents[2]
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "crawler" / "web" / "schema_descriptions.py"
    write_descriptions(root / "docs" / "schema.md", out)
