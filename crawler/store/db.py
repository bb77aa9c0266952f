"""The SQLite store: opening, pragmas and forward migrations.

One file, WAL mode, so readers (Datasette, sqlite-utils) never block the crawl and never see half
a transaction. Every schema change is a numbered migration in crawler/store/schema.py; `open_db` applies
the missing ones in order and records the version in `schema_version`. docs/schema.md documents the result.
"""

from __future__ import annotations

import itertools
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from crawler.store.schema import MIGRATIONS, migrate, schema_version  # noqa: F401 - kept importable from here

log = logging.getLogger(__name__)

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
    begin_immediate(db)
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


# How long a writer waits for the write lock in all, busy_timeout included. Several writers share one file
# (`kznews crawl --all`: one writer process per site, plus each crawl's own bookkeeping); on a loaded machine
# one may hold the lock past busy_timeout, and a writer that gave up then would die with its batch in hand.
LOCK_WAIT_SECONDS = 300.0


def begin_immediate(db: sqlite_utils.Database, wait: float | None = None) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock as long as `LOCK_WAIT_SECONDS` (busy_timeout is one try).

    Retrying is safe: a refused BEGIN has done nothing. Only "database is locked/busy" is retried; any
    other error (disk full, read-only file) is raised at once."""
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
    pause = 0.05
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_lock_error(exc) or time.monotonic() + pause > deadline:
                raise
            log.warning("the database is busy (%s): waiting for the write lock", exc)
        time.sleep(pause)
        pause = min(pause * 2, 2.0)


def _is_lock_error(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


class DatabaseError(Exception):
    """A database that cannot be opened or migrated; the message is for people."""


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
