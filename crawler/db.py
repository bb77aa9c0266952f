"""The SQLite store: opening, pragmas and forward migrations.

One file, WAL mode, so readers (Datasette, sqlite-utils) never block the crawl and never see half
a transaction. Every schema change is a numbered migration below; `open_db` applies the missing
ones in order and records the version in `schema_version`. docs/schema.md documents the result.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

DEFAULT_DB = "data/kznews.db"


def default_db_path() -> str:
    return os.environ.get("KZNEWS_DB") or DEFAULT_DB


def utcnow_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_savepoints = itertools.count(1)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    Connections run in autocommit mode (isolation_level=None) so that this is the only place a
    transaction starts; write with raw SQL inside it (sqlite-utils' table helpers commit on exit).
    Nested inside an open transaction (a writer committing items in batches) it is a SAVEPOINT:
    an error rolls back this block only, and the outer transaction commits the rest.
    """
    if db.conn.in_transaction:
        name = f"kznews_{next(_savepoints)}"
        db.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            db.execute(f"ROLLBACK TO {name}")
            db.execute(f"RELEASE {name}")
            raise
        db.execute(f"RELEASE {name}")
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class DatabaseError(Exception):
    """A database that cannot be opened or migrated; the message is for people."""


def _m001_core(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,            -- stable id derived from the canonical URL
            url TEXT NOT NULL,
            canonical_url TEXT NOT NULL,
            site TEXT NOT NULL,
            language TEXT,
            title TEXT,
            lead TEXT,
            body TEXT,
            authors TEXT,                   -- JSON list
            tags TEXT,                      -- JSON list
            image TEXT,
            section TEXT,
            native_id TEXT,
            source_kind TEXT,
            published_raw TEXT,
            published_at TEXT,              -- UTC ISO 8601 with Z
            date_precision TEXT,
            date_source TEXT,
            date_flag TEXT,
            updated_at TEXT,
            reporter TEXT,
            cited_sources TEXT,             -- JSON list of source ids
            cited_raw TEXT,                 -- JSON list of phrases as printed
            story_id TEXT,
            translation_of TEXT,
            duplicate_of TEXT,
            alternates TEXT,                -- JSON {language: url}
            field_sources TEXT,             -- JSON {field: layer}
            content_hash TEXT,              -- hash of normalised title + body
            page_id TEXT,                   -- raw page in `pages`
            revision INTEGER NOT NULL DEFAULT 1,
            fetched_at TEXT,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS articles_site_published ON articles(site, published_at)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles(url)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_site_native ON articles(site, native_id)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS rejects (
            id INTEGER PRIMARY KEY,
            url TEXT,
            site TEXT,
            stage TEXT NOT NULL,            -- extract | validate | download | ingest | ...
            reason TEXT NOT NULL,
            detail TEXT,
            page_id TEXT,                   -- raw bytes kept in `pages` for re-parsing
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS rejects_site_at ON rejects(site, at)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS pages (
            id TEXT PRIMARY KEY,            -- sha1 of url + content hash: one row per distinct body
            url TEXT NOT NULL,
            site TEXT,
            status INTEGER,
            fetched_at TEXT NOT NULL,
            headers TEXT,                   -- JSON of the response headers we keep
            content_hash TEXT NOT NULL,     -- sha256 of the raw body
            size INTEGER NOT NULL,
            body BLOB NOT NULL              -- zlib-compressed raw bytes
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS pages_url ON pages(url, fetched_at)")
    db.execute("CREATE INDEX IF NOT EXISTS pages_site_fetched ON pages(site, fetched_at)")
    if "articles_fts" not in db.table_names():
        # External-content FTS5 kept in sync by triggers (sqlite-utils' own mechanism).
        db.table("articles").enable_fts(
            ["title", "lead", "body"], create_triggers=True, tokenize="unicode61 remove_diacritics 0"
        )


def _m002_dedup(db: sqlite_utils.Database) -> None:
    from crawler.dedup import create_schema  # late: crawler.dedup imports this module

    create_schema(db)


def _m003_alerts(db: sqlite_utils.Database) -> None:
    from crawler.alerts import create_schema  # late: crawler.alerts imports this module

    create_schema(db)


def _m004_operations(db: sqlite_utils.Database) -> None:
    # late imports: these modules import this one
    from crawler import health, incremental, runs

    runs.create_schema(db)
    incremental.create_schema(db)
    health.create_schema(db)


def _m005_sources(db: sqlite_utils.Database) -> None:
    from crawler.sources import sync_sources_table

    sync_sources_table(db)


def _m006_fts_update_trigger(db: sqlite_utils.Database) -> None:
    # sqlite-utils' trigger re-indexed title + lead + body on EVERY update of an article, so an unchanged
    # re-crawl (the store's upsert rewrites last_seen_at) deleted and re-inserted its FTS entries; re-index
    # only when one of the indexed texts really changed (benchmarks/db.py, issue 9).
    db.execute("DROP TRIGGER IF EXISTS articles_au")
    db.execute(
        """
        CREATE TRIGGER articles_au AFTER UPDATE OF title, lead, body ON articles
        WHEN old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.body IS NOT new.body
        BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
            VALUES ('delete', old.rowid, old.title, old.lead, old.body);
          INSERT INTO articles_fts (rowid, title, lead, body) VALUES (new.rowid, new.title, new.lead, new.body);
        END
        """
    )


def _m007_polling(db: sqlite_utils.Database) -> None:
    from crawler.polling import create_schema

    create_schema(db)


def _m008_alert_digests(db: sqlite_utils.Database) -> None:
    from crawler.alerts import create_digest_schema  # late: crawler.alerts imports this module

    create_digest_schema(db)


# Forward-only migrations: (version, name, function). Append; never edit a released step.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "core: articles, rejects, pages, articles_fts", _m001_core),
    (
        2,
        "dedup: dedup_signatures, dedup_lsh, dedup_alternates, stories, story_members, article_revisions",
        _m002_dedup,
    ),
    (3, "alerts: alert_rules, alert_hits, deliveries", _m003_alerts),
    (4, "operations: crawl_runs, url_state, site_health, health_alerts", _m004_operations),
    (5, "sources: the source registry (data/sources.toml)", _m005_sources),
    (6, "fts: re-index an article only when its title, lead or body changes", _m006_fts_update_trigger),
    (7, "polling: poll_state, per entry point (crawler/polling.py)", _m007_polling),
    (8, "alerts: rule frequency, alert_digest_items, alert_digests", _m008_alert_digests),
]


def schema_version(db: sqlite_utils.Database) -> int:
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database) -> int:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    current = schema_version(db)
    for version, name, step in MIGRATIONS:
        if version <= current:
            continue
        # Steps are idempotent DDL (IF NOT EXISTS), so a step cut short is simply re-run.
        step(db)
        db.execute(
            "INSERT OR REPLACE INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
            [version, name, utcnow_iso()],
        )
    return schema_version(db)


def connect(path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database without migrating (for readers)."""
    target = str(path or default_db_path())
    if Path(target).is_dir():
        raise DatabaseError(
            f"the database {target} is a directory: give a file path like {DEFAULT_DB} (--db or KZNEWS_DB)"
        )
    try:
        return _connect(target, readonly=readonly)
    except (sqlite3.OperationalError, OSError) as exc:
        # a read-only file or folder, a missing parent that cannot be made: a sentence, not a traceback
        raise DatabaseError(
            f"cannot {'read' if readonly else 'open'} the database {target} ({exc}): check the file, its folder"
            " and their permissions (--db or KZNEWS_DB)"
        ) from exc


def _connect(target: str, *, readonly: bool) -> sqlite_utils.Database:
    if readonly:
        if not Path(target).exists():
            raise DatabaseError(f"no database at {target}: run a crawl first (make demo) or pass --db PATH")
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{target} is not a usable SQLite database ({exc})") from exc
    db = sqlite_utils.Database(conn)
    if not readonly:
        db.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a power cut may lose the last commits, never corrupts; an app crash loses nothing.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
    return db


def open_db(path: str | os.PathLike[str] | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the kznews database."""
    db = connect(path)
    try:
        migrate(db)
    except sqlite3.OperationalError as exc:
        db.conn.close()
        hint = (
            "free some space, then run the same command again"
            if "full" in str(exc)
            else "is it read-only? check the file, its folder and their permissions"
        )
        raise DatabaseError(f"cannot write the database {path or default_db_path()} ({exc}): {hint}") from exc
    return db
