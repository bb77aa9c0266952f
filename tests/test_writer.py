"""The writer process's loop (crawler/writer.py), run in this process over plain queues."""

from __future__ import annotations

import queue
import sqlite3
from pathlib import Path

from crawler.db import open_db
from crawler.urls import article_id, canonical_url
from crawler.writer import _writer_main

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
    from crawler.db import transaction

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
