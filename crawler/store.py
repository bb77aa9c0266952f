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

from crawler import dedup
from crawler.db import open_db, transaction, utcnow_iso

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


def page_id_for(url: str, body: bytes) -> str:
    """The raw page's key: one row per distinct body of a URL (workers compute it before the writer stores it)."""
    digest = hashlib.sha256(body).hexdigest()
    return hashlib.sha1(f"{url}\x1f{digest}".encode()).hexdigest()[:20]


def _json(value: Any) -> str:
    return json.dumps(value if value is not None else [], ensure_ascii=False, sort_keys=True)


class Store:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        # Set while a writer process owns the database (crawler/writer.py): writes go to it instead.
        self.forward: Callable[[str, Sequence[Any]], None] | None = None

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
        """Upsert one normalised article with its story; returns ("new"|"updated"|"unchanged", decision).

        `decision` is the dedupe stage's (pipelines/dedupe.py); it is confirmed inside the transaction,
        and taken again if another writer moved the index meanwhile.
        """
        now = utcnow_iso()
        article = dict(article)
        article["id"] = article.get("article_id") or article.get("id")
        with transaction(self.db):
            # Read the old row before the upsert: dedup keeps the replaced text in article_revisions.
            old = self.db.execute(
                "SELECT first_seen_at FROM articles WHERE id = ?", [article["id"]]
            ).fetchone()
            decision = dedup.confirm(self.db, article, decision)
            article.update(
                decision.row_fields()
            )  # story, duplicate/translation links, content hash, revision
            if old is None:
                status = "new"
                article["first_seen_at"] = now
            else:
                status = "unchanged" if decision.revision in (None, "none") else "updated"
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
