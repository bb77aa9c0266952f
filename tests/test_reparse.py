"""`kznews reparse`: re-extraction from the raw-page archive reproduces the stored articles exactly."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from crawler.ops.fixtures import COMPARED_FIELDS
from crawler.store.articles import ARTICLE_COLUMNS
from tests.ops_support import crawl, mirror, ops, rows


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo: every site of the mirror through every pipeline."""
    db = tmp_path_factory.mktemp("reparse") / "kznews.db"
    with mirror() as server:
        crawl(db, server.base_url, settings={"KZNEWS_CATCH_UP": 1})
    return db


def _articles(db: Path) -> dict[str, dict]:
    return {r["id"]: r for r in rows(db, f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles")}


def _counts(out: str) -> dict[str, int]:
    return {
        name: int(n)
        for n, name in re.findall(
            r"(\d+) (new|updated|unchanged|rejected|failed|missing|superseded|identical)", out
        )
    }


def test_reparse_reproduces_the_stored_articles_exactly(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    shutil.copy(demo_db, db)
    before = _articles(db)
    sites = {a["site"] for a in before.values()}
    assert len(before) >= 50 and {"zakon_kz", "akorda_kz"} <= sites
    out = ops("reparse", "--db", str(db)).stdout
    counts = _counts(out)
    assert counts.get("unchanged") == len(before) and counts.get("identical") == len(before), out
    assert not {"new", "updated", "rejected", "failed", "missing"} & set(counts), out
    after = _articles(db)
    assert after.keys() == before.keys()
    for article_id, row in before.items():
        for column in ARTICLE_COLUMNS:
            if column != "last_seen_at":  # the store's "seen again" stamp
                assert after[article_id][column] == row[column], (row["url"], column)


def test_reparse_filters_by_site_and_date(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    shutil.copy(demo_db, db)
    zakon = rows(db, "SELECT count(DISTINCT page_id) AS n FROM articles WHERE site = 'zakon_kz'")[0]["n"]
    out = ops("reparse", "--db", str(db), "--site", "zakon_kz", "--since", "2000-01-01").stdout
    assert out.startswith(f"{zakon} pages re-parsed")
    assert ops("reparse", "--db", str(db), "--since", "2999-01-01").stdout.startswith("0 pages")
    bad = ops("reparse", "--db", str(db), "--since", "yesterday", check=False)
    assert bad.returncode != 0 and "is not a date like" in bad.stderr and "Traceback" not in bad.stderr


def test_a_page_that_failed_extraction_is_retried(demo_db: Path, tmp_path: Path) -> None:
    """A reject pointing at its archived page comes back as an article once the parser can read it."""
    db = tmp_path / "kznews.db"
    shutil.copy(demo_db, db)
    target = rows(db, "SELECT * FROM articles WHERE site = 'zakon_kz' ORDER BY id LIMIT 1")[0]
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM articles WHERE id = ?", (target["id"],))
    conn.execute(
        "INSERT INTO rejects (url, site, stage, reason, page_id, at) VALUES (?, ?, 'extract', ?, ?, ?)",
        (target["url"], "zakon_kz", "ValueError: parser bug", target["page_id"], "2026-01-01T00:00:00Z"),
    )
    conn.commit()
    conn.close()
    out = ops("reparse", "--db", str(db)).stdout
    assert _counts(out).get("new") == 1, out
    again = rows(db, "SELECT * FROM articles WHERE id = ?", (target["id"],))[0]
    for name in COMPARED_FIELDS:
        if name in again:
            assert again[name] == target[name], name


def test_dry_run_writes_nothing(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    shutil.copy(demo_db, db)
    before = _articles(db)
    out = ops("reparse", "--db", str(db), "--dry-run").stdout
    assert out.startswith("dry run: ") and _counts(out).get("unchanged") == len(before)
    assert _articles(db) == before


# --- progress (reparse, backfill, ingest and benchmarks share it) ------------------------------------


def test_progress_shows_rate_and_eta_on_a_terminal_only() -> None:
    import io

    from crawler.ops.progress import Progress

    class Clock:
        now = 0.0

        def __call__(self) -> float:
            return self.now

    clock = Clock()
    terminal = io.StringIO()
    progress = Progress(
        "reparse", total=100, unit="pages", stream=terminal, enabled=True, interval=0, clock=clock
    )
    clock.now = 10.0
    progress.update(25)
    assert "reparse: 25/100 pages · 25% · 2.5/s · ETA 0:30 · 0:10" in terminal.getvalue()
    progress.close()
    assert terminal.getvalue().endswith("\n")
    piped = io.StringIO()  # not a TTY: quiet
    with Progress("reparse", total=3, stream=piped) as quiet:
        quiet.advance(3)
    assert piped.getvalue() == ""
