"""Delivery against real local servers on 127.0.0.1: a webhook endpoint that fails first and recovers, a
Telegram Bot API stand-in, aiosmtpd as the SMTP server; the queue survives restarts; secrets never leak."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest

from crawler.alerts import delivery
from crawler.alerts import rules as alerts
from crawler.ops import jobs
from crawler.store.db import open_db
from tests.conftest import (
    BOT_TOKEN,
    ROOT,
    SMTP_PASSWORD,
    WEBHOOK_SECRET,
    Endpoint,
    TelegramStandIn,
    free_port,
)
from tests.test_alerts import RU_BODY, SCRIPT_TITLE, article


def channels_toml(extra: str = "") -> str:
    return (
        """
[[rules]]
id = "tokayev"
query = "Тоқаев OR Токаев"
channels = ["hook"]

[channels.hook]
type = "webhook"
url_env = "TEST_KZNEWS_WEBHOOK_URL"
timeout = 5
"""
        + extra
    )


def queue_db(tmp_path: Path, rules: str, n: int = 2) -> tuple[Any, alerts.AlertsConfig]:
    """A database with `n` matching stories whose hits are queued for the rules' channels (as on ingest)."""
    db = open_db(tmp_path / "kznews.db")
    from crawler.store.articles import Store

    store = Store(db)
    items = [article(1, title=SCRIPT_TITLE), article(2, language="ru", title="Визит Токаева", body=RU_BODY)][
        :n
    ]
    for item in items:
        store.save_article(item)
    path = tmp_path / "alerts.toml"
    path.write_text(rules, encoding="utf-8")
    config = alerts.load_config(path)
    alerts.sync_rules(db, config)
    alerter = alerts.Alerter(alerts.list_rules(db))
    for item in items:
        item["story_id"] = item["article_id"]
        alerter.record(db, item, alerter.match(item), via="ingest")
    return db, config


@pytest.fixture
def no_sleep() -> list[float]:
    return []


def deliverer(
    db: Any, config: alerts.AlertsConfig, env: dict[str, str], slept: list[float], **kw: Any
) -> Any:
    return delivery.Deliverer(
        db, config.channels, secrets=delivery.Secrets(env=env), sleep=slept.append, **kw
    )


def dump(db: Any) -> str:
    return "\n".join(db.conn.iterdump())


def test_webhook_fails_then_recovers_delivered_once_per_key(tmp_path: Path, no_sleep: list[float]) -> None:
    endpoint = Endpoint(fail_first=2)
    try:
        db, config = queue_db(tmp_path, channels_toml())
        env = {"TEST_KZNEWS_WEBHOOK_URL": endpoint.url}
        counts = deliverer(db, config, env, no_sleep, tries_per_run=3, base_delay=0.25).run()
        assert counts == {"delivered": 2, "failed": 0, "skipped": 0}
        assert no_sleep == [0.25, 0.5]  # exponential backoff between the tries of the first row
        keys = [key for key, _ in endpoint.requests]
        assert len(keys) == 4 and keys[0] == keys[1] == keys[2]  # retried with the same Idempotency-Key
        assert endpoint.processed == list(dict.fromkeys(keys))  # each key processed exactly once
        body = endpoint.accepted[keys[0]]
        assert (
            body["event"] == "kznews.alert"
            and body["rule_id"] == "tokayev"
            and body["idempotency_key"] == keys[0]
        )
        assert body["matched_forms"] == ["Тоқаевтың"] and body["title"] == SCRIPT_TITLE
        assert body["url"] == "https://www.zakon.kz/1-news.html" and body["first_seen_at"]
        rows = db.execute("SELECT status, attempts, last_error FROM deliveries ORDER BY id").fetchall()
        assert rows == [("delivered", 3, None), ("delivered", 1, None)]
        # A second run sends nothing again.
        assert deliverer(db, config, env, no_sleep).run()["delivered"] == 0
        assert len(endpoint.requests) == 4
    finally:
        endpoint.close()


def test_dead_endpoint_loses_nothing_and_backs_off(tmp_path: Path, no_sleep: list[float],
                                                   caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    endpoint = Endpoint(fail_first=5)
    try:
        db, config = queue_db(tmp_path, channels_toml())
        env = {"TEST_KZNEWS_WEBHOOK_URL": endpoint.url}
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=5)
        with caplog.at_level(logging.WARNING):
            counts = deliverer(db, config, env, no_sleep, clock=lambda: start).run()
        # The first row fails its three tries; the channel is then left alone for this run.
        assert counts == {"delivered": 0, "failed": 1, "skipped": 1}
        row = db.execute(
            "SELECT status, attempts, next_attempt_at, last_error FROM deliveries ORDER BY id"
        ).fetchone()
        assert row[0] == "pending" and row[1] == 3 and row[2] == delivery._iso(start + timedelta(minutes=1))
        assert row[3] == "HTTP 500 from the endpoint"  # the body (it echoes the secret path) is not quoted
        # 30 s later the failed row is not due yet; the row skipped in the first run is (and gets through
        # on its third try: the endpoint's 5 failures are used up).
        counts = deliverer(db, config, env, no_sleep, clock=lambda: start + timedelta(seconds=30)).run()
        assert counts == {"delivered": 1, "failed": 0, "skipped": 0} and len(endpoint.requests) == 6
        later = start + timedelta(minutes=2)
        counts = deliverer(db, config, env, no_sleep, clock=lambda: later).run()
        assert counts["delivered"] == 1 and len(endpoint.requests) == 7
        assert len(endpoint.processed) == 2 == len(set(endpoint.processed))
        assert WEBHOOK_SECRET not in caplog.text and WEBHOOK_SECRET not in dump(db)
    finally:
        endpoint.close()


def test_restart_resumes_pending_deliveries_in_a_fresh_process(tmp_path: Path) -> None:
    # The endpoint is down while the hits are queued (a port nobody listens on).
    dead_port = free_port()
    db, config = queue_db(tmp_path, channels_toml())
    env = {"TEST_KZNEWS_WEBHOOK_URL": f"http://127.0.0.1:{dead_port}/hook/{WEBHOOK_SECRET}"}
    counts = deliverer(db, config, env, [], tries_per_run=2, base_delay=0).run()
    assert counts["failed"] == 1
    error = db.execute("SELECT last_error FROM deliveries WHERE attempts > 0").fetchone()[0]
    assert "cannot reach the endpoint" in error and WEBHOOK_SECRET not in error
    # A sender that crashed mid-send leaves a lease that expired; the failed row is made due again
    # (as time would); then the process is gone.
    db.execute("UPDATE deliveries SET next_attempt_at = '2000-01-01T00:00:00.000000Z',"
               " lease_until = '2000-01-01T00:05:00.000000Z'")  # fmt: skip
    db.conn.close()
    endpoint = Endpoint(fail_first=0)
    try:
        script = (
            "import sys; from crawler.cli.alerts import alerts; "
            "alerts.main(['deliver', '--db', sys.argv[1], '--rules-file', sys.argv[2]])"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "kznews.db"), str(tmp_path / "alerts.toml")],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
            env={**os.environ, "TEST_KZNEWS_WEBHOOK_URL": endpoint.url},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "2 sent, 0 failed, 0 pending" in result.stdout
        assert len(endpoint.processed) == 2
        assert WEBHOOK_SECRET not in result.stdout + result.stderr
    finally:
        endpoint.close()
    conn = sqlite3.connect(tmp_path / "kznews.db")
    assert conn.execute("SELECT count(*) FROM deliveries WHERE status = 'delivered'").fetchone()[0] == 2
    conn.close()


def test_a_lease_keeps_a_second_sender_off_a_row(tmp_path: Path) -> None:
    endpoint = Endpoint()
    try:
        db, config = queue_db(tmp_path, channels_toml(), n=1)
        now = datetime.now(UTC)
        db.execute("UPDATE deliveries SET lease_until = ?", [delivery._iso(now + timedelta(minutes=5))])
        env = {"TEST_KZNEWS_WEBHOOK_URL": endpoint.url}
        assert deliverer(db, config, env, []).run()["delivered"] == 0
        assert endpoint.requests == []
    finally:
        endpoint.close()


TELEGRAM_TAGS = {"b", "i", "a", "/b", "/i", "/a"}


def test_telegram_sendmessage_escaped_html(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    stand_in = TelegramStandIn(BOT_TOKEN)
    try:
        extra = f"""
[channels.tg]
type = "telegram"
token_env = "TEST_KZNEWS_TG_TOKEN"
chat_id = "-1001234"
base_url = "{stand_in.url}"
"""
        rules = channels_toml(extra).replace('channels = ["hook"]', 'channels = ["tg"]')
        db, config = queue_db(tmp_path, rules)
        db.execute("UPDATE articles SET url = 'javascript:alert(1)' WHERE id = 'art2'")
        db.execute("DELETE FROM deliveries")
        alerts.queue_hits(db, [r[0] for r in db.execute("SELECT id FROM alert_hits").fetchall()])
        counts = deliverer(db, config, {"TEST_KZNEWS_TG_TOKEN": BOT_TOKEN}, []).run()
        assert counts["delivered"] == 2
        first, second = stand_in.messages
        assert first["chat_id"] == "-1001234" and first["parse_mode"] == "HTML"
        text = first["text"]
        assert (
            "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in text and "<script" not in text
        )
        assert '<a href="https://www.zakon.kz/1-news.html">' in text and "<b>Тоқаевтың</b>" in text
        assert "kk · zakon_kz · 2026-03-11 14:00 +05:00" in text  # Almaty local time, not 09:00Z
        assert {t for t in re.findall(r"<(/?[a-z]+)", first["text"] + second["text"])} <= TELEGRAM_TAGS
        assert "javascript:" not in second["text"] and "<a " not in second["text"]

        # A wrong token: refused by the API, kept pending, the token nowhere in the error, log or database.
        db.execute(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = '2000-01-01T00:00:00.000000Z'"
        )
        with caplog.at_level(logging.WARNING):
            counts = deliverer(db, config, {"TEST_KZNEWS_TG_TOKEN": "999:WRONG-t0ken-value"}, [],
                               tries_per_run=1).run()  # fmt: skip
        assert counts["failed"] == 1
        error = db.execute("SELECT last_error FROM deliveries WHERE last_error IS NOT NULL").fetchone()[0]
        assert error.startswith("HTTP 404")
        for secret in (BOT_TOKEN, "WRONG-t0ken-value"):
            assert secret not in caplog.text and secret not in dump(db)
        # The token unset: a clear sentence naming the variable, not a value.
        db.execute("UPDATE deliveries SET next_attempt_at = '2000-01-01T00:00:00.000000Z'")
        deliverer(db, config, {}, [], tries_per_run=1).run()
        errors = [r[0] for r in db.execute("SELECT last_error FROM deliveries WHERE status = 'pending'")]
        assert any("TEST_KZNEWS_TG_TOKEN" in (e or "") and "is not set" in (e or "") for e in errors)
    finally:
        stand_in.close()


def test_email_over_smtp_with_login(tmp_path: Path, smtp_server: tuple[int, list[bytes]],
                                    caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    port, received = smtp_server
    extra = f"""
[channels.mail]
type = "email"
host = "127.0.0.1"
port = {port}
user = "alerts"
password_env = "TEST_KZNEWS_SMTP_PASSWORD"
from = "kznews <alerts@example.kz>"
to = ["editor@example.kz"]
"""
    rules = channels_toml(extra).replace('channels = ["hook"]', 'channels = ["mail"]')
    db, config = queue_db(tmp_path, rules, n=1)
    db.execute(
        "UPDATE articles SET title = ? WHERE id = 'art1'", [SCRIPT_TITLE + "\r\nBcc: victim@example.kz"]
    )
    db.execute("DELETE FROM deliveries")
    alerts.queue_hits(db, [1])
    assert deliverer(db, config, {"TEST_KZNEWS_SMTP_PASSWORD": SMTP_PASSWORD}, []).run()["delivered"] == 1
    message = message_from_bytes(received[0], policy=default_policy)
    key = db.execute("SELECT idempotency_key FROM deliveries").fetchone()[0]
    assert message["Message-ID"] == f"<{key}@kznews>"
    assert message["To"] == "editor@example.kz" and message["Bcc"] is None  # no header injection
    assert "\n" not in str(message["Subject"]) and message["Subject"].startswith(
        "[kznews] tokayev: Тоқаевтың"
    )
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "«" not in plain and "matched forms: Тоқаевтың" in plain  # plain text: no guillemet marks
    assert "published: 2026-03-11 14:00 +05:00, first seen: 20" in plain  # Almaty local time, +05:00
    assert "<mark>Тоқаевтың</mark>" in html and "<script" not in html and "&lt;script&gt;" in html

    # A wrong password: refused, pending, and the password appears nowhere.
    db.execute("UPDATE deliveries SET status = 'pending', next_attempt_at = '2000-01-01T00:00:00.000000Z'")
    with caplog.at_level(logging.WARNING):
        counts = deliverer(
            db, config, {"TEST_KZNEWS_SMTP_PASSWORD": "wrong-Passw0rd-x"}, [], tries_per_run=1
        ).run()
    assert counts["failed"] == 1
    error = db.execute("SELECT last_error FROM deliveries").fetchone()[0]
    assert error.startswith("SMTP login refused")
    for secret in (SMTP_PASSWORD, "wrong-Passw0rd-x"):
        assert secret not in caplog.text and secret not in dump(db)


def test_secrets_file_and_redaction() -> None:
    secrets = delivery.Secrets(env={}, file=str(ROOT / "nonexistent.toml"))
    with pytest.raises(delivery.DeliveryError, match="KZNEWS_X .* is not set"):
        secrets.get("hook", "KZNEWS_X", "webhook URL")
    secrets = delivery.Secrets(env={"A_URL": "https://h.example/abc/TOPSECRET"})
    value = secrets.get("hook", "A_URL", "webhook URL")
    assert secrets.redact(f"failed: {value} and bot12:XYZ-abc/sendMessage") == (
        "failed: [redacted] and bot[redacted]/sendMessage"
    )
    assert secrets.redact("echo: /abc/TOPSECRET") == "echo: [redacted]"  # the path alone is secret too


def test_secrets_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text('[secrets]\nKZNEWS_TELEGRAM_TOKEN = "1:abc-file"\n', encoding="utf-8")
    secrets = delivery.Secrets(env={"KZNEWS_SECRETS_FILE": str(path)})
    assert secrets.get("tg", "KZNEWS_TELEGRAM_TOKEN", "bot token") == "1:abc-file"
    path.write_text('[secrets\nKZNEWS_TELEGRAM_TOKEN = "1:abc-file"\n', encoding="utf-8")
    with pytest.raises(delivery.DeliveryError) as info:
        delivery.Secrets(env={"KZNEWS_SECRETS_FILE": str(path)}).get(
            "tg", "KZNEWS_TELEGRAM_TOKEN", "bot token"
        )
    assert "abc-file" not in str(info.value)


def test_after_crawl_writes_feeds_and_delivers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint = Endpoint(fail_first=1)
    try:
        db, _ = queue_db(tmp_path, channels_toml())
        db.execute("UPDATE alert_rules SET backfilled_at = NULL")
        db.conn.close()
        monkeypatch.setenv("TEST_KZNEWS_WEBHOOK_URL", endpoint.url)
        summary = jobs.after_crawl(
            str(tmp_path / "kznews.db"),
            alerts_file=str(tmp_path / "alerts.toml"),
            feeds_dir=str(tmp_path / "feeds"),
            again=True,
        )
        assert summary["feeds"] == 3 and summary["deliveries"]["delivered"] == 2
        assert summary.get("backfill") == 0  # the stories were alerted on ingest: once per story
        assert len(endpoint.processed) == 2
        assert sorted(p.name for p in (tmp_path / "feeds").iterdir()) == [
            "tokayev.atom",
            "tokayev.json",
            "tokayev.rss",
        ]
    finally:
        endpoint.close()
