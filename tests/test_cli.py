"""The kznews commands people type: clear sentences for bad input, exit statuses that scripts can use."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from tests.conftest import kznews

BODY = (
    "Токаев провел совещание по вопросам экономики. Обсуждались меры поддержки бизнеса, налоговая политика "
    "и развитие регионов страны в ближайшие годы. Участники совещания подчеркнули важность цифровизации."
)


def test_fixture_fails_fast_with_a_sentence_when_the_site_is_unreachable(tmp_path: Path) -> None:
    started = time.monotonic()
    result = kznews(
        "fixture",
        "zakon_kz",
        "https://www.zakon.kz/6533466-x.html",
        "--timeout",
        "5",
        "--dest",
        str(tmp_path),
        check=False,
    )
    assert result.returncode == 1 and "could not fetch" in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 60
    assert not any(tmp_path.iterdir())  # nothing half-written


def test_ingest_reports_bad_lines_by_number_and_keeps_the_good_ones(tmp_path: Path, tmp_db: str) -> None:
    good = {
        "url": "https://www.zakon.kz/politika/6599999-test.html",
        "site": "zakon_kz",
        "language": "ru",
        "title": "Тест",
        "body": BODY,
        "published_raw": "25 января 2021, 14:35",
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "not json",
        json.dumps({"url": "https://x", "site": "zakon_kz"}),
        json.dumps({**good, "colour": "red"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = kznews("ingest", str(path), "--db", tmp_db, check=False)
    assert result.returncode == 1
    assert "line 2: not valid JSON" in result.stderr
    assert "line 3: missing required fields: language, title, body" in result.stderr
    assert "line 4: unknown field: colour" in result.stderr
    with sqlite3.connect(tmp_db) as conn:
        row = conn.execute("SELECT published_at, date_source, reporter, story_id FROM articles").fetchall()
    assert row == [("2021-01-25T08:35:00Z", "ingest-raw", "zakon_kz", row[0][3])] and row[0][3]
    again = kznews("ingest", str(path), "--db", tmp_db, check=False)
    assert "1 unchanged" in again.stdout  # a replay stores nothing twice


def test_dates_command_exit_statuses() -> None:
    ok = kznews("dates", "2026 жылғы 12 маусым", "--lang", "kk")
    assert "2026-06-11T19:00:00Z" in ok.stdout and "precision:   day" in ok.stdout
    refused = kznews("dates", "2030 жылға дейін", "--lang", "kk", check=False)
    assert refused.returncode == 1 and refused.stdout.startswith("not a date:")
    bad_now = kznews("dates", "вчера", "--now", "yesterday", check=False)
    assert bad_now.returncode == 1 and "is not an ISO 8601 time" in bad_now.stderr


def test_commands_that_read_a_missing_database_say_so(tmp_path: Path) -> None:
    result = kznews("status", "--db", str(tmp_path / "none.db"), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
