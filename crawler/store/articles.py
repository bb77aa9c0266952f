"""Writing to the database: articles, raw pages and rejects — each in one transaction.

One `Store` per crawl (shared by the pipelines and middlewares through `Store.for_crawler`), one
connection, so SQLite keeps its single writer. An article is written together with its story and
dedup index rows in one transaction: a crash leaves either all of it or none, and a re-run
upserts by the article id, so nothing is lost or duplicated.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlite_utils

from crawler.store import dedup
from crawler.store.db import open_db, transaction, utcnow_iso

ARTICLE_COLUMNS = (
    "id",
    "url",
    "canonical_url",
    "site",
    "language",
    "title",
    "lead",
    "body",
    "authors",
    "tags",
    "image",
    "section",
    "native_id",
    "source_kind",
    "published_raw",
    "published_at",
    "date_precision",
    "date_source",
    "date_flag",
    "updated_at",
    "reporter",
    "cited_sources",
    "cited_raw",
    "story_id",
    "translation_of",
    "duplicate_of",
    "alternates",
    "field_sources",
    "content_hash",
    "page_id",
    "revision",
    "fetched_at",
    "first_seen_at",
    "last_seen_at",
)
JSON_COLUMNS = {"authors", "tags", "cited_sources", "cited_raw", "alternates", "field_sources"}
# Columns a re-crawl may change; first_seen_at and the id never change.
UPDATABLE = [c for c in ARTICLE_COLUMNS if c not in ("id", "first_seen_at")]

# Never downgrade (docs/dates.md, "Never downgrade"): the layers a field can come from, best first, as
# `extract_article` tries them. A layer not named here (a new generic layer) ranks with the fallback.
LAYER_RANK = {
    "api": 0,
    "jsonld": 1,
    "meta": 2,
    "site": 3,
    "title": 4,
    "listing": 5,
    "rss": 6,
    "sitemap": 7,
    "url": 8,
    "fallback": 9,
}
PRECISION_RANK = {"second": 0, "minute": 1, "day": 2, "month": 3, "year": 4}
# The fields a refresh must not make worse, with their value columns; `published` is the date group.
GUARDED_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "lead": ("lead",),
    "body": ("body",),
    "image": ("image",),
    "authors": ("authors",),
    "tags": ("tags",),
}
DATE_COLUMNS = ("published_at", "published_raw", "date_precision", "date_source", "date_flag")


def layer_rank(source: Any) -> int:
    return LAYER_RANK.get(str(source), len(LAYER_RANK)) if source else len(LAYER_RANK) + 1


def _empty(value: Any) -> bool:
    if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
        try:
            value = json.loads(value)
        except ValueError:
            return False
    return value in (None, "", [], {})


def keep_better(old: Mapping[str, Any], new: dict[str, Any]) -> list[str]:
    """Put back into `new` (in place) every stored value the new extraction would make worse.

    A field is kept when the new page gives nothing for it, or gives it from a worse layer than the
    stored one (`field_sources`); the publication date is kept when the new one is missing, coarser, or
    from a worse layer. Returns the regressions as "field: why" lines (empty when nothing was kept).
    A real edit (same or better layer) passes: dedup records it as a revision.
    """
    regressions: list[str] = []
    old_sources = old.get("field_sources") or {}
    if isinstance(old_sources, str):
        old_sources = json.loads(old_sources or "{}")
    new_sources = dict(new.get("field_sources") or {})
    for name, columns in GUARDED_FIELDS.items():
        old_value = old.get(columns[0])
        if _empty(old_value):
            continue
        new_value = new.get(columns[0])
        why = None
        if _empty(new_value):
            why = "missing"
        elif name in old_sources and layer_rank(new_sources.get(name)) > layer_rank(old_sources.get(name)):
            why = f"{new_sources.get(name) or 'unknown'} layer, stored {old_sources.get(name)}"
        if why is None:
            continue
        for column in columns:
            stored = old.get(column)
            new[column] = json.loads(stored) if column in JSON_COLUMNS and isinstance(stored, str) else stored
        if name in old_sources:
            new_sources[name] = old_sources[name]
        regressions.append(f"{name}: {why}")
    if old.get("published_at"):
        why = None
        # The source that decided the day (field_sources["published"]); date_source may name a later
        # source of the same day that only gave the finer time.
        new_source = new_sources.get("published") or new.get("date_source")
        old_source = old_sources.get("published") or old.get("date_source")
        new_rank, old_rank = layer_rank(new_source), layer_rank(old_source)
        if not new.get("published_at"):
            why = "missing"
        elif new_rank > old_rank:
            why = f"{new_source} layer, stored {old_source}"
        elif new_rank == old_rank and PRECISION_RANK.get(
            str(new.get("date_precision")), 9
        ) > PRECISION_RANK.get(str(old.get("date_precision")), 9):
            # a better source wins even when coarser (the card's printed time over a sitemap lastmod)
            why = f"{new.get('date_precision')} precision, stored {old.get('date_precision')}"
        if why is not None:
            for column in DATE_COLUMNS:
                new[column] = old.get(column)
            if "published" in old_sources:
                new_sources["published"] = old_sources["published"]
            regressions.append(f"published: {why}")
    if regressions:
        new["field_sources"] = new_sources
    return regressions


# The stored columns `keep_better` compares (first_seen_at first: save_article needs it too).
KEEP_COLUMNS = (
    "first_seen_at",
    "field_sources",
    *(c for cols in GUARDED_FIELDS.values() for c in cols),
    *DATE_COLUMNS,
)


def page_id_for(url: str, body: bytes) -> str:
    """The raw page's key: one row per distinct body of a URL (workers compute it before the writer stores it)."""
    digest = hashlib.sha256(body).hexdigest()
    return hashlib.sha1(f"{url}\x1f{digest}".encode()).hexdigest()[:20]


def _json(value: Any) -> str:
    return json.dumps(value if value is not None else [], ensure_ascii=False, sort_keys=True)


class Store:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        # Set while a writer process owns the database (crawler/crawl/writer.py): writes go to it instead.
        self.forward: Callable[[str, Sequence[Any]], None] | None = None
        self.last_regressions: list[str] = []  # what the last save_article refused to make worse

    def write(self, sql: str, params: Sequence[Any]) -> None:
        """One write of the crawl's own (pages, url_state, rejects): here, or through the writer process."""
        if self.forward is not None:
            self.forward(sql, params)
        else:
            self.db.execute(sql, params)

    @classmethod
    def open(cls, path: str | None = None) -> Store:
        return cls(open_db(path))

    @classmethod
    def for_crawler(cls, crawler: Any) -> Store:
        store = getattr(crawler, "_kznews_store", None)
        if store is None:
            store = cls.open(crawler.settings.get("KZNEWS_DB"))
            crawler._kznews_store = store
        return store

    def close(self) -> None:
        self.db.conn.close()

    # --- raw pages --------------------------------------------------------------------------------

    def save_page(
        self,
        *,
        url: str,
        site: str | None,
        status: int,
        body: bytes,
        headers: Mapping[str, str] | None = None,
        fetched_at: str | None = None,
    ) -> str:
        digest = hashlib.sha256(body).hexdigest()
        page_id = page_id_for(url, body)
        self.write(
            "INSERT OR IGNORE INTO pages (id, url, site, status, fetched_at, headers, content_hash, size, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                page_id,
                url,
                site,
                status,
                fetched_at or utcnow_iso(),
                json.dumps(dict(headers or {}), ensure_ascii=False),
                digest,
                len(body),
                zlib.compress(body, 6),
            ],
        )
        return page_id

    def load_page(self, page_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT id, url, site, status, fetched_at, headers, body FROM pages WHERE id = ?", [page_id]
        ).fetchone()
        if row is None:
            return None
        return {
            "id": row[0],
            "url": row[1],
            "site": row[2],
            "status": row[3],
            "fetched_at": row[4],
            "headers": json.loads(row[5] or "{}"),
            "body": zlib.decompress(row[6]),
        }

    # --- rejects ----------------------------------------------------------------------------------

    def save_reject(
        self,
        *,
        url: str | None,
        site: str | None,
        stage: str,
        reason: str,
        detail: str | None = None,
        page_id: str | None = None,
    ) -> None:
        self.write(
            "INSERT INTO rejects (url, site, stage, reason, detail, page_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [url, site, stage, reason, detail, page_id, utcnow_iso()],
        )

    # --- articles ---------------------------------------------------------------------------------

    def save_article(
        self, article: dict[str, Any], decision: dedup.Decision | None = None
    ) -> tuple[str, dedup.Decision]:
        """Upsert one normalised article with its story; returns ("new"|"updated"|"unchanged"|"kept",
        decision). "kept": nothing changed but a worse value was refused (`keep_better`); the
        refused fields are in `self.last_regressions` (and counted by the store pipeline).

        `decision` is the dedupe stage's (pipelines/dedupe.py); it is confirmed inside the transaction,
        and taken again if another writer moved the index meanwhile.
        """
        now = utcnow_iso()
        article = dict(article)
        article["id"] = article.get("article_id") or article.get("id")
        self.last_regressions = []
        with transaction(self.db):
            # Read the old row before the upsert: dedup keeps the replaced text in article_revisions.
            cursor = self.db.execute(
                f"SELECT {', '.join(KEEP_COLUMNS)} FROM articles WHERE id = ?", [article["id"]]
            )
            found = cursor.fetchone()
            old = (found[0],) if found is not None else None
            if found is not None:
                before = (article.get("title"), article.get("lead"), article.get("body"))
                self.last_regressions = keep_better(dict(zip(KEEP_COLUMNS, found, strict=True)), article)
                if before != (article.get("title"), article.get("lead"), article.get("body")):
                    decision = None  # the dedupe stage decided on the text refused here: decide again
            decision = dedup.confirm(self.db, article, decision)
            article.update(
                decision.row_fields()
            )  # story, duplicate/translation links, content hash, revision
            if old is None:
                status = "new"
                article["first_seen_at"] = now
            else:
                status = "unchanged" if decision.revision in (None, "none") else "updated"
                if status == "unchanged" and self.last_regressions:
                    status = "kept"
                article["first_seen_at"] = old[0]
            article["last_seen_at"] = now
            dedup.record(self.db, article, decision)
            values = [_json(article.get(c)) if c in JSON_COLUMNS else article.get(c) for c in ARTICLE_COLUMNS]
            placeholders = ", ".join("?" for _ in ARTICLE_COLUMNS)
            updates = ", ".join(f"{c} = excluded.{c}" for c in UPDATABLE)
            self.db.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({placeholders})"
                f" ON CONFLICT(id) DO UPDATE SET {updates}",
                values,
            )
        return status, decision
