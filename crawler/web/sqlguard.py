"""Bounds on what a reader's SQL can cost `kznews serve` (issue 21): memory, and functions a reader never needs.

Datasette runs any SELECT a visitor types. Its time limit (`sql_time_limit_ms`) and row limit
(`max_returned_rows`) do not bound memory: `select hex(randomblob(50000000))` is one row of one value,
and lifted the server from 82 MB to 658 MB. So each connection Datasette opens gets:

- SQLITE_LIMIT_LENGTH: no string or blob over VALUE_LIMIT bytes is ever built ("string or blob too big");
- a row factory that refuses a result once its values add up to RESULT_LIMIT bytes;
- an authorizer that refuses functions a reader has no use for: `fts3_tokenizer` (it returns a heap
  pointer), `load_extension`, `fts5` (pointer passing);
and `kznews serve` caps SQLite's own heap for the process (HEAP_LIMIT, `PRAGMA hard_heap_limit`), so a
row of many large values fails inside SQLite before it reaches Python. Refusals are answered 400 with
a sentence (`handle_exception`), not a 500.

The hooks are registered by crawler/web/plugin.py (the plugin's entry point) importing them.
"""

from __future__ import annotations

import sqlite3
import weakref
from typing import Any

from datasette import Response, hookimpl

VALUE_LIMIT = 8_000_000  # bytes in one value: an article, a compressed page, far below this
RESULT_LIMIT = 32_000_000  # bytes of values in one query's result
HEAP_LIMIT = 64 * 1024 * 1024  # SQLite's heap in the `kznews serve` process (page caches included)
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension", "fts5"})
TOO_BIG = (
    "the query's result is larger than kznews serve allows ({} MB): select fewer rows or columns"
    " (add a LIMIT), or use a shorter part of a large value (substr)"
)


def _authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _size(value: Any) -> int:
    if isinstance(value, str | bytes):
        return len(value)
    return 8


def budget_row_factory() -> Any:
    """sqlite3.Row (what Datasette uses), counting each cursor's result bytes against RESULT_LIMIT."""
    spent: weakref.WeakKeyDictionary[sqlite3.Cursor, int] = weakref.WeakKeyDictionary()

    def factory(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
        total = spent.get(cursor, 0) + sum(_size(value) for value in row)
        if total > RESULT_LIMIT:
            spent.pop(cursor, None)
            raise sqlite3.DataError(TOO_BIG.format(RESULT_LIMIT // 1_000_000))
        spent[cursor] = total
        return sqlite3.Row(cursor, row)

    return factory


def limit_connection(conn: sqlite3.Connection) -> None:
    """Put the per-connection bounds on `conn` (Datasette's prepare_connection, and tests)."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT)
    conn.set_authorizer(_authorizer)
    conn.row_factory = budget_row_factory()


def limit_process_heap() -> None:
    """Cap SQLite's heap for the whole process; only for a process that serves readers (`kznews serve`)."""
    with sqlite3.connect(":memory:") as conn:
        conn.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT}")


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    limit_connection(conn)


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Response | None:
    if isinstance(exception, MemoryError):
        # SQLite's heap cap (or Python's) was hit while building a result: the reader asked too much.
        message = TOO_BIG.format(HEAP_LIMIT >> 20)
    elif isinstance(exception, sqlite3.DataError):  # our result budget, or a value over VALUE_LIMIT
        message = str(exception)
    else:
        return None
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": message, "status": 400}, status=400)
    return Response.text(f"Query refused: {message}\n", status=400)
