"""One after-crawl step for every front end (issue 16 item 4; crawler/ops/jobs.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

from tests.conftest import BIN, ROOT, kznews
from tests.ops_support import QUIET

RULES = ROOT / "data" / "alerts.toml"


def feed_entries(feeds: Path) -> dict[str, int]:
    return {p.stem: p.read_text(encoding="utf-8").count("<entry") for p in sorted(feeds.glob("*.atom"))}


def test_scrapy_crawl_writes_the_feeds(tmp_path: Path, mirror_server) -> None:
    db, feeds = tmp_path / "kznews.db", tmp_path / "out-feeds"
    env = {
        **os.environ,
        **QUIET,
        "KZNEWS_MIRROR": mirror_server.base_url,
        "KZNEWS_DB": str(db),
        "KZNEWS_FEEDS_DIR": str(feeds),
        "KZNEWS_ALERTS_FILE": str(RULES),
        "KZNEWS_LOG_LEVEL": "INFO",
    }
    result = subprocess.run(
        [str(BIN / "scrapy"), "crawl", "zakon_kz"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    entries = feed_entries(feeds)
    assert entries.get("tokayev", 0) >= 1, entries  # the rules file's rules, matched during the crawl
    assert {p.suffix for p in feeds.iterdir()} == {".atom", ".rss", ".json"}
    assert "after the crawl:" in result.stderr  # said once, by the extension
    assert result.stderr.count("after the crawl:") == 1


def test_kznews_crawl_of_four_sites_runs_the_step_once(tmp_path: Path, mirror_server) -> None:
    db = tmp_path / "kznews.db"
    env = {
        "KZNEWS_ALERTS_FILE": str(RULES),
        "KZNEWS_FEEDS_DIR": str(tmp_path / "feeds"),
        "KZNEWS_LOG_LEVEL": "INFO",
    }
    result = kznews("crawl", "--all", "-v", "--mirror-url", mirror_server.base_url, "--db", str(db), env=env)
    assert result.stderr.count("after the crawl:") == 1, result.stderr[-3000:]
    assert "after the crawl: " in result.stdout and "feed files written" in result.stdout
    assert feed_entries(tmp_path / "feeds").get("tokayev", 0) >= 2


def test_ingest_and_reparse_write_the_feeds(tmp_path: Path) -> None:
    db, feeds = tmp_path / "kznews.db", tmp_path / "feeds"
    article = {
        "url": "https://www.zakon.kz/politika/7000001-tokaev-provel-soveshchanie.html",
        "site": "zakon_kz",
        "language": "ru",
        "title": "Токаев провёл совещание по цифровизации",
        "body": "Глава государства Касым-Жомарт Токаев провёл совещание по цифровизации. " * 6,
        "published_at": "2026-03-02T09:00:00+05:00",
    }
    source = tmp_path / "items.jsonl"
    source.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {"KZNEWS_ALERTS_FILE": str(RULES), "KZNEWS_FEEDS_DIR": str(feeds)}
    result = kznews("ingest", str(source), "--db", str(db), env=env)
    assert "after the ingest:" in result.stdout
    assert feed_entries(feeds).get("tokayev") == 1
    for path in feeds.iterdir():
        path.unlink()
    result = kznews("reparse", "--db", str(db), env=env)
    assert "after the re-parse:" in result.stdout
    assert feed_entries(feeds).get("tokayev") == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM alert_hits").fetchone()[0] >= 1
