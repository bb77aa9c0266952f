"""Every table and migration of the kznews database, in order: nothing has to import the store to join it.

`crawler.store.db.open_db` applies the missing steps of `MIGRATIONS` in order and records each in
`schema_version`. A module that needs a new table or column appends a step here (never edits a released
one); docs/schema.md documents the result.

The parts, in file order:
- The tables as DDL, one tuple per concern: `DEDUP_TABLES`, `ALERT_TABLES`, `RUN_TABLES`, `URL_STATE_TABLES`,
  `HEALTH_TABLES`, `POLL_TABLES`, `DIGEST_TABLES` (`dedup_tables`).
- The migrations, one function each (`_m001_core` … `_m009_merged_origins`), listed in `MIGRATIONS`.
- `schema_version`, `migrate`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import sqlite_utils

from crawler.sources import sync_sources_table


def _run(db: sqlite_utils.Database, statements: Iterable[str]) -> None:
    for statement in statements:
        db.execute(statement)


# dedup_signatures, dedup_lsh, dedup_alternates, stories, story_members, article_revisions
DEDUP_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS dedup_signatures (
        doc INTEGER PRIMARY KEY,          -- compact key used by dedup_lsh
        article_id TEXT NOT NULL UNIQUE,  -- articles.id
        story_id TEXT NOT NULL,
        site TEXT,
        language TEXT,
        native_id TEXT,
        relation TEXT NOT NULL,           -- how it joined: new | exact | near | translation
        duplicate_of TEXT,
        translation_of TEXT,
        similarity REAL,
        body_hash TEXT,                   -- exact-duplicate key (normalised body)
        content_hash TEXT NOT NULL,       -- current version (normalised title + lead + body)
        signature BLOB,                   -- 128 x uint32 little-endian one-permutation MinHash
        shingles INTEGER NOT NULL DEFAULT 0,
        numbers TEXT,                     -- JSON {slot: [figures]}
        revision INTEGER NOT NULL DEFAULT 1,
        published_at TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS dedup_signatures_body ON dedup_signatures(body_hash) WHERE body_hash IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS dedup_signatures_native ON dedup_signatures(site, native_id) WHERE native_id IS NOT NULL",
    """
    CREATE TABLE IF NOT EXISTS dedup_lsh (
        band INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        doc INTEGER NOT NULL,             -- dedup_signatures.doc
        PRIMARY KEY (band, bucket, doc)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE IF NOT EXISTS dedup_alternates (
        target_id TEXT NOT NULL,          -- article id of an alternate URL (maybe not crawled yet)
        article_id TEXT NOT NULL,         -- the article that links to it
        language TEXT,
        PRIMARY KEY (target_id, article_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE IF NOT EXISTS stories (
        id TEXT PRIMARY KEY,              -- the article id of the member that opened the story
        origin_article_id TEXT NOT NULL,  -- earliest published member
        origin_site TEXT,
        title TEXT,                       -- the origin's title
        first_published_at TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        languages TEXT NOT NULL,          -- JSON list, sorted
        sites TEXT NOT NULL,              -- JSON list, sorted
        member_count INTEGER NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS stories_last_seen ON stories(last_seen_at)",
    """
    CREATE TABLE IF NOT EXISTS story_members (
        story_id TEXT NOT NULL,
        article_id TEXT PRIMARY KEY,
        relation TEXT NOT NULL,           -- origin (opened the story) | exact | near | translation | merged
        similarity REAL,
        added_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id)",
    """
    CREATE TABLE IF NOT EXISTS article_revisions (
        article_id TEXT NOT NULL,
        revision INTEGER NOT NULL,        -- the number of the version kept here (the old one)
        title TEXT,
        lead TEXT,
        body TEXT,
        content_hash TEXT,
        published_at TEXT,
        updated_at TEXT,
        fetched_at TEXT,
        replaced_at TEXT,                 -- when the next version was seen
        change_ratio REAL,                -- share of shingles changed by the next version
        numbers_changed INTEGER NOT NULL DEFAULT 0,
        substantive INTEGER NOT NULL,
        PRIMARY KEY (article_id, revision)
    )
    """,
)

# alert_rules, alert_hits, deliveries
ALERT_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS alert_rules (
        id TEXT PRIMARY KEY,              -- [a-z0-9_-], used in feed file names and URLs
        query TEXT NOT NULL,
        lang TEXT,                        -- kk | ru | en: the keywords' language and a filter
        fold_scripts INTEGER NOT NULL DEFAULT 0,
        sites TEXT NOT NULL DEFAULT '[]',         -- JSON list of site ids
        source_kinds TEXT NOT NULL DEFAULT '[]',  -- JSON list: news | gov
        cited TEXT NOT NULL DEFAULT '[]',         -- JSON list of source ids (any of them)
        channels TEXT NOT NULL DEFAULT '[]',      -- JSON list of channel NAMES; settings and secrets stay out
        description TEXT,
        origin TEXT NOT NULL,             -- file (data/alerts.toml) | cli (kznews alerts add)
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        backfilled_at TEXT                -- last full backfill; NULL: after_crawl backfills it once
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS alert_hits (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        occasion TEXT NOT NULL DEFAULT '',  -- '' the story's hit | 'rev:<article>:<n>' a substantive revision
        matched_forms TEXT NOT NULL,        -- JSON list of the surface forms that matched
        snippet TEXT NOT NULL,              -- plain text, forms marked [[like this]]
        language TEXT,
        site TEXT,
        via TEXT NOT NULL,                  -- ingest | backfill
        matched_at TEXT NOT NULL,           -- UTC ISO 8601 with Z
        UNIQUE (rule_id, story_id, occasion)
    )
    """,
    "CREATE INDEX IF NOT EXISTS alert_hits_rule_matched ON alert_hits(rule_id, matched_at)",
    "CREATE INDEX IF NOT EXISTS alert_hits_article ON alert_hits(article_id)",
    "CREATE INDEX IF NOT EXISTS alert_hits_matched ON alert_hits(matched_at)",
    """
    CREATE TABLE IF NOT EXISTS deliveries (
        id INTEGER PRIMARY KEY,
        hit_id INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        channel TEXT NOT NULL,              -- channel NAME from the rules file
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,              -- JSON of the hit (no secrets)
        status TEXT NOT NULL DEFAULT 'pending',  -- pending | delivered
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        lease_until TEXT,                   -- a sender holds the row until then (a crashed one lets go)
        last_error TEXT,                    -- redacted
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        UNIQUE (hit_id, channel)
    )
    """,
    "CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_attempt_at)",
)

# crawl_runs
RUN_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS crawl_runs (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL,
        started_at TEXT NOT NULL,           -- UTC ISO 8601 with Z
        finished_at TEXT,                   -- NULL while running (or when killed)
        finish_reason TEXT NOT NULL,        -- running | finished | shutdown | closespider_* | ...
        pid INTEGER,                        -- the crawling process, to tell 'running' from 'interrupted'
        host TEXT,
        args TEXT NOT NULL DEFAULT '{}',    -- JSON: spider arguments (lang, since, refresh)
        heartbeat_at TEXT,                  -- last progress update of the row
        requests INTEGER NOT NULL DEFAULT 0,
        responses INTEGER NOT NULL DEFAULT 0,
        responses_by_status TEXT NOT NULL DEFAULT '{}',  -- JSON {"200": 41, "404": 1}
        not_modified INTEGER NOT NULL DEFAULT 0,        -- 304s answered to conditional GETs
        discovered INTEGER NOT NULL DEFAULT 0,          -- distinct article links the site offered
        items_new INTEGER NOT NULL DEFAULT 0,
        items_updated INTEGER NOT NULL DEFAULT 0,
        items_unchanged INTEGER NOT NULL DEFAULT 0,
        items_rejected INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,              -- log_count/ERROR + download exceptions
        errors_by_type TEXT NOT NULL DEFAULT '{}',      -- JSON {"TimeoutError": 2, "log/ERROR": 1}
        bytes INTEGER NOT NULL DEFAULT 0,               -- downloader/response_bytes
        stats TEXT NOT NULL DEFAULT '{}'                -- JSON: every other Scrapy stat
    )
    """,
    "CREATE INDEX IF NOT EXISTS crawl_runs_site_started ON crawl_runs(site, started_at)",
)

# url_state
URL_STATE_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS url_state (
        url TEXT PRIMARY KEY,               -- the URL as fetched (after redirects)
        etag TEXT,
        last_modified TEXT,
        last_fetched_at TEXT NOT NULL,      -- UTC ISO 8601 with Z
        last_status INTEGER,                -- 200 | 304
        content_hash TEXT,                  -- sha256 of the last 200 body
        fetch_count INTEGER NOT NULL DEFAULT 0,
        not_modified_count INTEGER NOT NULL DEFAULT 0,
        request_meta TEXT NOT NULL DEFAULT '{}'  -- JSON: the spider's meta of the last 200 (for reparse)
    )
    """,
)

# site_health, health_alerts
HEALTH_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS site_health (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL,
        checked_at TEXT NOT NULL,           -- UTC ISO 8601 with Z
        run_id INTEGER,                     -- crawl_runs.id of the run checked
        state TEXT NOT NULL,                -- OK | DEGRADED | BROKEN
        reasons TEXT NOT NULL DEFAULT '[]', -- JSON list of sentences
        metrics TEXT NOT NULL DEFAULT '{}'  -- JSON: volume, coverage, fallback shares, HTTP rates
    )
    """,
    "CREATE INDEX IF NOT EXISTS site_health_site_checked ON site_health(site, checked_at)",
    """
    CREATE TABLE IF NOT EXISTS health_alerts (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        previous_state TEXT,
        state TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        health_id INTEGER NOT NULL,         -- site_health.id
        channels TEXT NOT NULL DEFAULT '[]' -- JSON list of channel names a delivery was queued for
    )
    """,
    # The run's articles are found by last_seen_at (every store path sets it).
    "CREATE INDEX IF NOT EXISTS articles_site_seen ON articles(site, last_seen_at)",
)


# poll_state, one row per entry point (crawler/ops/polling.py)
POLL_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS poll_state (
        entry TEXT PRIMARY KEY,             -- the entry point's URL (listing, feed, sitemap, API list)
        site TEXT NOT NULL,
        kind TEXT NOT NULL,                 -- listing | feed | sitemap | api | page (reached from one of
                                            -- those) | robots (a host's robots.txt, not polled)
        interval REAL NOT NULL,             -- seconds until the next poll, as last decided
        rates TEXT NOT NULL DEFAULT '[]',   -- JSON: 24 estimates of new items per hour, by Almaty hour
        last_poll_at REAL,                  -- Unix time
        next_due_at REAL,                   -- Unix time
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,                  -- sha256 of the last 200 body
        newest TEXT,                        -- the API's newest id
        idle_streak INTEGER NOT NULL DEFAULT 0,
        idle_expected REAL NOT NULL DEFAULT 0,  -- items the rates expected over those empty polls
        polls INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0,
        new_items INTEGER NOT NULL DEFAULT 0,
        body TEXT                           -- kind 'robots': the robots.txt, re-used for ROBOTS_TTL
    )
    """,
    "CREATE INDEX IF NOT EXISTS poll_state_site ON poll_state(site, next_due_at)",
)


# alert digests (crawler/alerts/rules.py)
DIGEST_TABLES = (
    """
    CREATE TABLE IF NOT EXISTS alert_digest_items (
        hit_id INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        channel TEXT NOT NULL,              -- channel NAME from the rules file
        frequency TEXT NOT NULL,            -- daily | weekly, as the rule said when the hit came
        period TEXT NOT NULL,               -- 2026-05-28 (daily) | 2026-W22 (weekly), Almaty local
        period_start TEXT NOT NULL,         -- UTC ISO 8601 with Z
        period_end TEXT NOT NULL,           -- the digest is due from then
        queued_at TEXT NOT NULL,
        digest_id INTEGER,                  -- NULL until the period's digest takes the hit
        PRIMARY KEY (hit_id, channel)
    )
    """,
    "CREATE INDEX IF NOT EXISTS alert_digest_items_due ON alert_digest_items(digest_id, period_end)",
    """
    CREATE TABLE IF NOT EXISTS alert_digests (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        frequency TEXT NOT NULL,
        period TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,              -- JSON of the digest: its stories, their members (no secrets)
        hits INTEGER NOT NULL,
        stories INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',  -- pending | delivered
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        lease_until TEXT,
        last_error TEXT,                    -- redacted
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        UNIQUE (rule_id, channel, period)   -- once per period, whatever restarts in between
    )
    """,
    "CREATE INDEX IF NOT EXISTS alert_digests_due ON alert_digests(status, next_attempt_at)",
)


def dedup_tables(db: sqlite_utils.Database) -> None:
    """Idempotent DDL for the dedup tables (migration 2)."""
    _run(db, DEDUP_TABLES)


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
    _run(db, DEDUP_TABLES)


def _m003_alerts(db: sqlite_utils.Database) -> None:
    _run(db, ALERT_TABLES)


def _m004_operations(db: sqlite_utils.Database) -> None:
    _run(db, RUN_TABLES)
    _run(db, URL_STATE_TABLES)
    _run(db, HEALTH_TABLES)


def _m005_sources(db: sqlite_utils.Database) -> None:
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
    _run(db, POLL_TABLES)


def _m008_alert_digests(db: sqlite_utils.Database) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(alert_rules)").fetchall()}
    if "frequency" not in columns:
        # 'as-it-happens' is crawler.alerts.rules.AS_IT_HAPPENS: a released step keeps its literal
        db.execute("ALTER TABLE alert_rules ADD COLUMN frequency TEXT NOT NULL DEFAULT 'as-it-happens'")
    _run(db, DIGEST_TABLES)


def _m009_merged_origins(db: sqlite_utils.Database) -> None:
    # Before the fix in crawler/store/dedup.py `merge_story`, a folded story's opener kept relation 'origin'
    # in the story it was merged into, which then had two. The story's id is its own opener's article id,
    # so every other 'origin' member is one of those: repaired in place, nothing else touched.
    db.execute(
        "UPDATE story_members SET relation = 'merged' WHERE relation = 'origin' AND article_id != story_id"
    )


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
    (7, "polling: poll_state, per entry point (crawler/ops/polling.py)", _m007_polling),
    (8, "alerts: rule frequency, alert_digest_items, alert_digests", _m008_alert_digests),
    (9, "dedup: a merged story's second opener becomes 'merged'", _m009_merged_origins),
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
            [version, name, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")],
        )
    return schema_version(db)
