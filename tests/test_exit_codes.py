"""Failures exit non-zero with one line why (issue 16 item 5; exit statuses in docs/cli.md)."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

from tests.conftest import kznews
from tests.ops_support import QUIET


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_crawl_with_no_network_exits_2_and_is_no_success(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    env = {
        **QUIET,
        "KZNEWS_MIRROR": f"http://127.0.0.1:{closed_port()}",
        "KZNEWS_ALERTS_FILE": str(tmp_path / "none.toml"),
        "KZNEWS_FEEDS_DIR": str(tmp_path / "feeds"),
    }
    result = kznews("crawl", "zakon_kz", "--db", str(db), env=env, check=False, timeout=240)
    assert result.returncode == 2, result.stdout + result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: zakon_kz: every request failed"), last
    assert "Traceback" not in result.stderr  # Scrapy's log, with the download errors, is in logs/zakon_kz.log
    assert "ConnectionRefusedError" in (tmp_path / "logs" / "zakon_kz.log").read_text(encoding="utf-8")
    status = kznews("status", "--json", "--db", str(db), env=env, check=False)
    zakon = next(json.loads(line) for line in status.stdout.splitlines() if '"zakon_kz"' in line)
    assert zakon["last_success"] is None, zakon


def test_alerts_deliver_exits_2_when_every_delivery_failed(tmp_path: Path) -> None:
    db, rules = tmp_path / "kznews.db", tmp_path / "alerts.toml"
    rules.write_text(
        '[[rules]]\nid = "tokayev"\nquery = "Токаев"\nchannels = ["hook"]\n\n'
        '[channels.hook]\ntype = "webhook"\nurl_env = "TEST_KZNEWS_HOOK"\n',
        encoding="utf-8",
    )
    article = {
        "url": "https://www.zakon.kz/politika/7000002-tokaev.html",
        "site": "zakon_kz",
        "language": "ru",
        "title": "Токаев провёл совещание",
        "body": "Глава государства Касым-Жомарт Токаев провёл совещание по цифровизации. " * 6,
    }
    source = tmp_path / "items.jsonl"
    source.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {
        "KZNEWS_ALERTS_FILE": str(rules),
        "KZNEWS_FEEDS_DIR": str(tmp_path / "feeds"),
        "TEST_KZNEWS_HOOK": f"http://127.0.0.1:{closed_port()}/hook",
    }
    kznews("ingest", str(source), "--db", str(db), env=env, check=False)
    with sqlite3.connect(db) as conn:  # the ingest's own attempt failed: make the retry due now
        assert conn.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 1
        conn.execute("UPDATE deliveries SET next_attempt_at = '2000-01-01T00:00:00.000000Z'")
    result = kznews("alerts", "deliver", "--db", str(db), "--rules-file", str(rules), env=env, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: every delivery failed"), result.stderr
