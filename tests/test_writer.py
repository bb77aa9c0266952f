"""The writer process's loop (crawler/crawl/writer.py), run in this process over plain queues."""

from __future__ import annotations

import queue
import sqlite3
from pathlib import Path

from crawler.crawl.writer import _writer_main
from crawler.store.db import open_db
from crawler.urls import article_id, canonical_url

BODY = (
    "Правительство утвердило план развития дорожной отрасли на ближайшие пять лет. "
    "Как сообщает пресс-служба Минтранса, протяженность отремонтированных дорог вырастет вдвое. "
) * 3


def article(n: int, **changes: object) -> dict[str, object]:
    url = f"https://www.zakon.kz/obshestvo/{7_100_000 + n}-writer-test.html"
    row: dict[str, object] = {
        "url": url,
        "site": "zakon_kz",
        "language": "ru",
        "title": f"План развития дорожной отрасли, часть {n}",
        "body": f"Часть {n}. " + BODY,
        "canonical_url": canonical_url(url),
        "article_id": article_id(canonical_url(url)),
        "published_at": "2026-11-20T05:00:00Z",
        "fetched_at": "2026-11-20T06:00:00Z",
        "page_id": f"page{n}",
    }
    row.update(changes)
    return row


def test_a_batch_commits_its_items_and_a_failing_item_becomes_a_reject(tmp_path: Path) -> None:
    db_path = str(tmp_path / "w.db")
    open_db(db_path).conn.close()
    inbox: queue.Queue = queue.Queue()
    outbox: queue.Queue = queue.Queue()
    page_sql = "INSERT INTO pages (id, url, site, status, fetched_at, headers, content_hash, size, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: E501
    inbox.put(
        [
            (
                "sql",
                (page_sql, ["page1", "https://www.zakon.kz/x", "zakon_kz", 200, "t", "{}", "h", 1, b"x"]),
            ),
            ("item", article(1)),
            ("item", article(2, body=12345)),  # not text: a stage raises on it
            ("item", article(3)),
        ]
    )
    inbox.put([("item", article(4))])
    inbox.put(None)
    _writer_main(db_path, inbox, outbox)
    result = outbox.get_nowait()
    assert result["errors"] == 1
    with sqlite3.connect(db_path) as conn:
        stored = {row[0] for row in conn.execute("SELECT title FROM articles")}
        assert stored == {f"План развития дорожной отрасли, часть {n}" for n in (1, 3, 4)}
        assert conn.execute("SELECT count(*) FROM pages WHERE id = 'page1'").fetchone()[0] == 1
        rejects = conn.execute("SELECT url, stage, reason, page_id FROM rejects").fetchall()
        assert len(rejects) == 1
        url, stage, reason, page_id = rejects[0]
        assert url.endswith("7100002-writer-test.html") and stage == "writer" and page_id == "page2"
        assert "Error" in reason
        # the failed item left nothing half-written behind (its savepoint was rolled back)
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] >= 1


def test_a_nested_transaction_is_a_savepoint(tmp_path: Path) -> None:
    from crawler.store.db import transaction

    db = open_db(str(tmp_path / "t.db"))
    db.execute("CREATE TABLE t (x INTEGER)")
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        try:
            with transaction(db):
                db.execute("INSERT INTO t VALUES (2)")
                raise RuntimeError("undo this block only")
        except RuntimeError:
            pass
        with transaction(db):
            db.execute("INSERT INTO t VALUES (3)")
    assert [r[0] for r in db.execute("SELECT x FROM t ORDER BY x")] == [1, 3]
    assert not db.conn.in_transaction


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cmdline = (stat.parent / "cmdline").read_bytes() if int(fields[1]) == pid else b""
        if b"spawn_main" in cmdline:  # the writer, not multiprocessing's resource tracker
            found.append(int(stat.parent.name))
    return found


def test_a_killed_writer_ends_the_run_and_the_next_run_stores_the_rest(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    from tests.conftest import ROOT
    from tests.ops_support import crawl, crawl_command, crawl_env, mirror, rows, runs

    db = tmp_path / "k.db"
    env = {**os.environ, **crawl_env(tmp_path), "KZNEWS_WRITER_PROCESS": "1"}
    with mirror(delay=0.5) as server:  # slow pages: the crawl is still running when the writer dies
        process = subprocess.Popen(
            crawl_command(db, server.base_url, "zakon_kz"),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        writer = None
        deadline = time.monotonic() + 60
        while writer is None and time.monotonic() < deadline:
            kids = _children(process.pid)
            writer = kids[0] if kids else None
            time.sleep(0.1)
        assert writer is not None, "no writer child appeared"
        time.sleep(1.0)  # into the crawl
        os.kill(writer, signal.SIGKILL)
        _, err = process.communicate(timeout=90)  # the crawl stops instead of waiting for ever
        assert process.returncode == 1 and "the writer process of zakon_kz died" in err
        (run,) = runs(db, "zakon_kz")
        assert run["finish_reason"] == "writer_died", run
        first = rows(db, "SELECT count(*) AS n FROM articles")[0]["n"]
        crawl(db, server.base_url, "zakon_kz", env={"KZNEWS_WRITER_PROCESS": "1"})
    stored = rows(db, "SELECT count(*) AS n, count(DISTINCT canonical_url) AS urls FROM articles")[0]
    assert stored["n"] == stored["urls"] == 30 and first < 30


def test_a_writer_waits_for_the_write_lock_past_busy_timeout(tmp_path: Path) -> None:
    # Seen under load: four writer processes of `kznews crawl --all` on one file, one held the lock past the
    # 10 s busy_timeout and the other died with "database is locked", its batch in hand.
    import threading
    import time

    import pytest

    from crawler.store.db import begin_immediate, transaction

    path = tmp_path / "kznews.db"
    waiter = open_db(path)
    waiter.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(
        1.5, holder.execute, ["COMMIT"]
    )  # one try lasts 0.1 s: the retries do the waiting
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            begin_immediate(waiter, wait=0.3)  # a bounded wait still gives up, with SQLite's own error
        release.start()
        started = time.monotonic()
        with transaction(waiter):
            waiter.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'probe', 'now')"
            )
        assert time.monotonic() - started >= 1.0  # it waited for the holder, then committed
        assert waiter.execute("SELECT count(*) FROM schema_version WHERE version = 999").fetchone()[0] == 1
    finally:
        release.cancel()
        release.join()
        holder.close()
        waiter.conn.close()
