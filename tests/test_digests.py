"""Subscriptions like Google Alerts: per-rule frequency (as-it-happens, daily, weekly), digests sent once per
Almaty-local period with each story once, and the stored state that makes that survive restarts.

Real parts only: articles written by the real store (with its dedup), the real alert recorder, aiosmtpd as
the SMTP server, the webhook and Telegram stand-ins of tests/test_delivery.py on 127.0.0.1, the real CLI.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.alerts import delivery
from crawler.alerts import rules as alerts
from crawler.cli.alerts import alerts as alerts_group
from crawler.dates import parse_date_info
from crawler.ops import jobs
from crawler.store.articles import Store
from crawler.store.db import open_db
from tests.conftest import BOT_TOKEN, ROOT, Endpoint, TelegramStandIn
from tests.test_alerts import KK_BODY, RU_BODY, article

# "28 мамыр" as akorda prints it: a day, no time. Stored as local midnight, 2026-05-27T19:00:00Z.
MAY_28 = parse_date_info("28 мамыр", lang="kk", now=datetime(2026, 6, 1, tzinfo=UTC))
assert MAY_28 is not None and MAY_28.precision == "day"
MAY_28_UTC = MAY_28.instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rules_toml(frequency: str, channel: str) -> str:
    return f"""
[[rules]]
id = "tokayev"
description = "Президент: Тоқаев / Токаев"
query = "Тоқаев OR Токаев"
channels = ["{channel}"]
frequency = "{frequency}"
"""


def digest_db(tmp_path: Path, rules: str) -> tuple[Any, alerts.AlertsConfig]:
    """Three hits over two stories, recorded as on ingest: the Kazakh story (with a repost on another page
    of the site, its second member), its substantive revision (a second hit, same story), a Russian story."""
    db = open_db(tmp_path / "kznews.db")
    store = Store(db)
    kk = article(1, published_at=MAY_28_UTC, date_precision="day", published_raw="28 мамыр")
    repost = article(3, url="https://www.zakon.kz/3-repost.html", published_at="2026-05-28T06:00:00Z",
                     date_precision="minute")  # fmt: skip
    ru = article(2, language="ru", title="Визит Токаева", body=RU_BODY, published_at="2026-05-28T04:15:00Z",
                 date_precision="minute")  # fmt: skip
    for item in (kk, repost, ru):
        store.save_article(item)
    path = tmp_path / "alerts.toml"
    path.write_text(rules, encoding="utf-8")
    config = alerts.load_config(path)
    alerts.sync_rules(db, config)
    alerter = alerts.Alerter(alerts.list_rules(db))
    for item in (kk, repost, ru):
        item["story_id"] = db.execute(
            "SELECT story_id FROM articles WHERE id = ?", [item["article_id"]]
        ).fetchone()[0]
        alerter.record(db, item, alerter.match(item), via="ingest")
    revised = {**kk, "title": "Тоқаев Бакуде", "body": KK_BODY[:120] + " Тоқаев жаңа келісімдерге қол қойды."}
    alerter.record(db, revised, alerter.match(revised), via="ingest", substantive_revision=2)
    hits = db.execute("SELECT count(*), count(DISTINCT story_id) FROM alert_hits").fetchone()
    assert hits == (3, 2), "the setup is 3 hits over 2 stories"
    return db, config


def next_local_midnight(after: datetime) -> datetime:
    local = after.astimezone(alerts.ALMATY)
    day = local.date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=alerts.ALMATY).astimezone(UTC)


def sender(db: Any, config: alerts.AlertsConfig, env: dict[str, str], clock: datetime, **kw: Any) -> Any:
    return delivery.Deliverer(db, config.channels, secrets=delivery.Secrets(env=env), sleep=lambda _: None,
                              clock=lambda: clock, **kw)  # fmt: skip


def test_daily_digest_over_smtp_one_message_two_stories_once(
    tmp_path: Path,
    smtp_server: tuple[int, list[bytes]],
) -> None:
    port, received = smtp_server
    mail = f"""
[channels.mail]
type = "email"
host = "127.0.0.1"
port = {port}
from = "kznews <alerts@example.kz>"
to = ["editor@example.kz"]
"""
    db, config = digest_db(tmp_path, rules_toml("daily", "mail") + mail)
    now = datetime.now(UTC)
    # As it happens: nothing, a daily rule's hits wait for the day's digest (a separate queue).
    assert sender(db, config, {}, now).run() == {"delivered": 0, "failed": 0, "skipped": 0}
    assert db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM alert_digest_items WHERE digest_id IS NULL").fetchone()[0] == 3
    # The Almaty day is not over: no digest yet.
    assert sender(db, config, {}, now).run_digests()["delivered"] == 0 and received == []
    # Just after local midnight: one digest, one message.
    after = next_local_midnight(now) + timedelta(minutes=1)
    assert sender(db, config, {}, after).run_digests() == {"delivered": 1, "failed": 0, "skipped": 0}
    assert len(received) == 1
    message = message_from_bytes(received[0], policy=default_policy)
    today = now.astimezone(alerts.ALMATY).date().isoformat()
    assert message["Subject"] == (
        f"[kznews] daily digest: Президент: Тоқаев / Токаев, {today} (2 stories, 3 hits)"
    )
    key = db.execute("SELECT idempotency_key FROM alert_digests").fetchone()[0]
    assert message["Message-ID"] == f"<{key}@kznews>"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    # Two stories, each once; the Kazakh one with its two members (the repost) and its day-precision date.
    assert "\n1. Тоқаевтың сапары\n" in plain and "\n2. Визит Токаева\n" in plain and "\n3. " not in plain
    assert plain.count(". Тоқаевтың сапары\n") == 1 and plain.count(". Визит Токаева\n") == 1
    assert "   2026-05-28 · zakon_kz · kk\n" in plain  # "28 мамыр": the day only, never 27 May
    assert "2 members on zakon_kz:" in plain and "https://www.zakon.kz/3-repost.html" in plain
    assert "2026-05-28 11:00 +05:00 · zakon_kz · kk: Тоқаевтың сапары" in plain  # the repost, local time
    assert "2026-05-28 09:15 +05:00 · zakon_kz · ru" in plain
    assert "matched forms: Тоқаевтың" in plain and "«" not in plain
    assert html.count("<li><h3>") == 2 and "<mark>Тоқаевтың</mark>" in html
    assert "2026-05-27" not in plain + html

    # Once per period: again, from a fresh sender and a reopened database (a restart), sends nothing.
    db.conn.close()
    db = open_db(tmp_path / "kznews.db")
    assert sender(db, config, {}, after + timedelta(hours=5)).run_digests()["delivered"] == 0
    assert len(received) == 1
    row = db.execute("SELECT status, hits, stories, period FROM alert_digests").fetchall()
    assert row == [("delivered", 3, 2, today)]
    # The CLI path (a separate process, the real clock): nothing is due, nothing sent twice.
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from crawler.cli.alerts import alerts; alerts.main(sys.argv[1:])",
         "deliver", "--db", str(tmp_path / "kznews.db"), "--rules-file", str(tmp_path / "alerts.toml")],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "digests: 0 sent, 0 failed, 0 pending" in result.stdout and len(received) == 1


def test_weekly_digest_to_telegram_and_webhook_each_story_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KZNEWS_PUBLIC_URL", "https://room.example.kz")
    stand_in = TelegramStandIn(BOT_TOKEN)
    endpoint = Endpoint(fail_first=3)  # the webhook fails a whole run first: the digest waits, then goes once
    try:
        channels = f"""
[channels.tg]
type = "telegram"
token_env = "T_TOKEN"
chat_id = "-100200"
base_url = "{stand_in.url}"

[channels.hook]
type = "webhook"
url_env = "T_HOOK"
"""
        rules = (
            rules_toml("weekly", "tg").replace('channels = ["tg"]', 'channels = ["tg", "hook"]') + channels
        )
        db, config = digest_db(tmp_path, rules)
        env = {"T_TOKEN": BOT_TOKEN, "T_HOOK": endpoint.url}
        now = datetime.now(UTC)
        label, start, end = alerts.digest_period("weekly", now)
        assert end - start == timedelta(days=7) and end.astimezone(alerts.ALMATY).weekday() == 0
        first = sender(db, config, env, end + timedelta(seconds=1), tries_per_run=3).run_digests()
        assert first == {"delivered": 1, "failed": 1, "skipped": 0}
        assert len(stand_in.messages) == 1 and endpoint.processed == []
        text = stand_in.messages[0]["text"]
        assert text.startswith("<b>kznews weekly digest: Президент: Тоқаев / Токаев,")
        assert "2 stories, 3 hits" in text and "\n1. " in text and "\n\n2. " in text and "3. " not in text
        assert (
            "2 members: zakon_kz" in text and "<b>Тоқаевтың</b>" in text and "2026-05-28 · zakon_kz" in text
        )
        kk_story = db.execute("SELECT story_id FROM articles WHERE title = 'Тоқаевтың сапары'").fetchone()[0]
        assert f'<a href="https://room.example.kz/-/kznews/story/{kk_story}">story</a>' in text
        assert text.count('">stored copy</a>') == 2  # each story once, linked to its stored copy
        later = end + timedelta(minutes=5)  # the failed digest is due again after a minute
        assert sender(db, config, env, later).run_digests()["delivered"] == 1
        assert sender(db, config, env, later + timedelta(hours=1)).run_digests()["delivered"] == 0
        assert len(endpoint.processed) == 1 and len(stand_in.messages) == 1
        body = endpoint.accepted[endpoint.processed[0]]
        assert body["event"] == "kznews.digest" and body["period"] == label and body["frequency"] == "weekly"
        monday, sunday = (
            start.astimezone(alerts.ALMATY).date(),
            (end - timedelta(days=1)).astimezone(alerts.ALMATY).date(),
        )
        assert (
            body["period_local"] == f"{monday} – {sunday}" and monday.weekday() == 0 and sunday.weekday() == 6
        )
        assert [s["title"] for s in body["stories"]] == ["Тоқаевтың сапары", "Визит Токаева"]
        assert body["stories"][0]["story_page"] == f"https://room.example.kz/-/kznews/story/{kk_story}"
        assert all(m["article_page"].endswith(m["article_id"]) for m in body["stories"][0]["members"])
        assert (
            body["stories"][0]["published_local"] == "2026-05-28" and len(body["stories"][0]["hit_ids"]) == 2
        )
        assert body["stories"][0]["published_at"] == MAY_28_UTC  # the stored instant stays as data
        assert "2 members on zakon_kz" in body["text"] and body["hits"] == 3 and body["story_count"] == 2
        keys = {key for key, _ in endpoint.requests}
        assert len(keys) == 1  # every try of the one digest carried the same Idempotency-Key
    finally:
        stand_in.close()
        endpoint.close()


def test_as_it_happens_stays_per_hit_with_local_times(tmp_path: Path) -> None:
    endpoint = Endpoint()
    try:
        rules = (
            rules_toml("as-it-happens", "hook") + '\n[channels.hook]\ntype = "webhook"\nurl_env = "T_HOOK"\n'
        )
        db, config = digest_db(tmp_path, rules)
        assert db.execute("SELECT count(*) FROM alert_digest_items").fetchone()[0] == 0
        counts = sender(db, config, {"T_HOOK": endpoint.url}, datetime.now(UTC)).run()
        assert counts["delivered"] == 3 and len(endpoint.processed) == 3
        first = endpoint.accepted[endpoint.processed[0]]
        assert first["event"] == "kznews.alert" and first["date_precision"] == "day"
        assert "published 2026-05-28, first seen 20" in first["text"]  # the text people read: local, by day
        assert first["published_at"] == MAY_28_UTC
    finally:
        endpoint.close()


@pytest.mark.parametrize(
    ("frequency", "moment", "label", "start", "end"),
    [
        # 01:30 in Almaty on 28 May is still 27 May in UTC: the digest day is the local one.
        ("daily", "2026-05-27T20:30:00+00:00", "2026-05-28", "2026-05-27T19:00:00+00:00", "2026-05-28T19:00:00+00:00"),
        ("daily", "2026-05-28T18:59:59+00:00", "2026-05-28", "2026-05-27T19:00:00+00:00", "2026-05-28T19:00:00+00:00"),
        # Thursday 28 May 2026 is in ISO week 22: Monday 25 May to Monday 1 June, local midnights.
        ("weekly", "2026-05-28T04:00:00+00:00", "2026-W22", "2026-05-24T19:00:00+00:00", "2026-05-31T19:00:00+00:00"),
        ("weekly", "2026-05-24T19:00:00+00:00", "2026-W22", "2026-05-24T19:00:00+00:00", "2026-05-31T19:00:00+00:00"),
    ],
)  # fmt: skip
def test_digest_periods_are_almaty_days_and_weeks(frequency: str, moment: str, label: str, start: str,
                                                  end: str) -> None:  # fmt: skip
    got = alerts.digest_period(frequency, datetime.fromisoformat(moment))
    assert got == (label, datetime.fromisoformat(start), datetime.fromisoformat(end))


def test_frequency_in_the_rules_file_and_the_cli(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "a"\nquery = "x"\nfrequency = "hourly"\n', encoding="utf-8")
    with pytest.raises(alerts.AlertsError) as info:
        alerts.load_config(bad)
    assert "frequency must be one of as-it-happens, daily, weekly, not 'hourly'" in str(info.value)
    rules = tmp_path / "alerts.toml"
    rules.write_text('[channels.mail]\ntype = "email"\nfrom = "a@b.kz"\nto = ["c@d.kz"]\n', encoding="utf-8")
    db = str(tmp_path / "kznews.db")
    runner = CliRunner()
    added = runner.invoke(alerts_group, ["add", "weekly-budget", "бюджет", "--channel", "mail", "--frequency",
                                         "weekly", "--db", db, "--rules-file", str(rules)])  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "channels hear from it weekly" in added.output
    listed = [
        json.loads(line)
        for line in runner.invoke(alerts_group, ["list", "--json", "--db", db]).output.splitlines()
    ]
    assert listed[0]["frequency"] == "weekly" and listed[0]["channels"] == ["mail"]
    assert "frequency=weekly" in runner.invoke(alerts_group, ["list", "--db", db]).output
    store_db = open_db(db)
    store_db.execute("INSERT INTO alert_hits (rule_id, article_id, story_id, matched_forms, snippet, via, matched_at)"
                     " VALUES ('weekly-budget', 'a', 'a', '[]', '', 'ingest', '2026-05-27T20:30:00.123456Z')")  # fmt: skip
    store_db.conn.close()
    table = runner.invoke(alerts_group, ["list", "--db", db]).output
    assert "frequency=weekly latest hit 2026-05-28 01:30 +05:00 channel=mail" in table  # Almaty, not 27 May
    typo = runner.invoke(alerts_group, ["add", "x", "бюджет", "--frequency", "dayly", "--db", db])
    assert typo.exit_code == 2 and "'as-it-happens', 'daily', 'weekly'" in typo.output
    assert "Traceback" not in typo.output
    alone = runner.invoke(alerts_group, ["add", "solo", "бюджет", "--frequency", "daily", "--db", db])
    assert alone.exit_code == 0 and "daily applies to channels, and this rule has none" in alone.output
    # A weekly rule changed to daily in the file is updated in place, without a new backfill.
    rules.write_text(rules_toml("weekly", "mail") + rules.read_text(encoding="utf-8"), encoding="utf-8")
    store = open_db(db)
    alerts.sync_rules(store, alerts.load_config(rules))
    store.execute("UPDATE alert_rules SET backfilled_at = 'x'")
    rules.write_text(rules.read_text(encoding="utf-8").replace('"weekly"', '"daily"'), encoding="utf-8")
    assert alerts.sync_rules(store, alerts.load_config(rules))["updated"] == 1
    row = store.execute("SELECT frequency, backfilled_at FROM alert_rules WHERE id = 'tokayev'").fetchone()
    assert row == ("daily", "x")


def test_add_previews_the_last_ten_matches_newest_first(tmp_path: Path) -> None:
    db_path = tmp_path / "kznews.db"
    store = Store.open(str(db_path))
    # 12 matching articles on different days (distinct texts, so 12 stories) and one that does not match.
    for n in range(12):
        store.save_article(article(
            f"p{n}", title=f"Тоқаевтың сапары №{n}", body=f"{n} " + KK_BODY.replace("Әзербайжанға", f"{n}-елге"),
            url=f"https://www.zakon.kz/p{n}.html", published_at=f"2026-05-{10 + n:02d}T04:15:00Z",
            date_precision="minute",
        ))  # fmt: skip
    store.save_article(article("day", title="«Астана» бас жоспары", body="Тоқаевқа «Астана» жобасы ұсынылды. "
                               + KK_BODY[200:], url="https://akorda.kz/kk/28", site="akorda_kz",
                               published_at=MAY_28_UTC, date_precision="day"))  # fmt: skip
    store.save_article(article("other", title="Фестиваль", body="Алматыда гүлдер фестивалі өтті.",
                               published_at="2026-05-30T04:00:00Z"))  # fmt: skip
    store.close()
    result = CliRunner().invoke(alerts_group, ["add", "tokayev", "Тоқаев", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "added rule tokayev: Тоқаев"
    assert lines[1] == "the latest 10 of the 11 latest stored articles it matches:"
    shown = lines[2::2]
    assert len(shown) == 10 and "Фестиваль" not in result.output
    # Newest first; the day-precision page shows its day (28 May), never 27 May; minute ones +05:00.
    assert shown[0].split() == ["2026-05-28", "akorda_kz", "kk", "«Астана»", "бас", "жоспары"]
    assert shown[1].startswith("  2026-05-21 09:15 +05:00    zakon_kz") and shown[1].endswith(
        "Тоқаевтың сапары №11"
    )
    assert shown[9].endswith("№3")
    assert lines[3].startswith("      matched: Тоқаевқа · ") and "«Астана»" in lines[3]  # its own quotes only
    assert "««" not in result.output
    empty = CliRunner().invoke(alerts_group, ["add", "nothing", "Назарбаев", "--db", str(db_path)])
    assert empty.exit_code == 0 and "none of the 14 latest stored articles matches it yet" in empty.output


def test_digest_schema_is_added_to_an_existing_database(tmp_path: Path) -> None:
    # A database made before migration 8: alert_rules without frequency, no digest tables.
    db = open_db(tmp_path / "old.db")
    db.execute("DELETE FROM schema_version WHERE version >= 8")
    db.execute("DROP TABLE alert_digests")
    db.execute("DROP TABLE alert_digest_items")
    db.execute("ALTER TABLE alert_rules DROP COLUMN frequency")
    db.execute(
        "INSERT INTO alert_rules (id, query, origin, created_at, updated_at) VALUES ('a', 'x', 'cli', '', '')"
    )
    db.conn.close()
    db = open_db(tmp_path / "old.db")
    assert alerts.get_rule(db, "a").frequency == "as-it-happens"  # type: ignore[union-attr]
    assert {"alert_digests", "alert_digest_items"} <= set(db.table_names())
    assert os.path.exists(tmp_path / "old.db")


def test_after_crawl_sends_a_due_digest_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint = Endpoint()
    try:
        rules = rules_toml("daily", "hook") + '\n[channels.hook]\ntype = "webhook"\nurl_env = "T_HOOK"\n'
        db, _ = digest_db(tmp_path, rules)
        # The hits were queued yesterday (Almaty): their day is over, as a night would make it.
        label, start, end = alerts.digest_period("daily", datetime.now(UTC) - timedelta(days=1))
        db.execute("UPDATE alert_digest_items SET period = ?, period_start = ?, period_end = ?",
                   [label, alerts._utc_iso(start), alerts._utc_iso(end)])  # fmt: skip
        db.conn.close()
        monkeypatch.setenv("T_HOOK", endpoint.url)
        args = {
            "alerts_file": str(tmp_path / "alerts.toml"),
            "feeds_dir": str(tmp_path / "feeds"),
            "again": True,
        }
        summary = jobs.after_crawl(str(tmp_path / "kznews.db"), **args)
        assert summary["deliveries"]["delivered"] == 0 and summary["digests"]["delivered"] == 1
        assert jobs.after_crawl(str(tmp_path / "kznews.db"), **args)["digests"]["delivered"] == 0
        assert len(endpoint.processed) == 1
        body = endpoint.accepted[endpoint.processed[0]]
        assert body["period"] == label and body["story_count"] == 2 and body["hits"] == 3
    finally:
        endpoint.close()


def test_a_long_digest_fits_one_telegram_message_and_hostile_text_is_inert() -> None:
    from tests.test_alerts import SCRIPT_TITLE

    story = {"title": SCRIPT_TITLE, "url": "javascript:alert(1)", "site": "zakon_kz", "language": "kk",
             "published_local": "2026-05-28", "snippet": "[[Тоқаевтың]] " + KK_BODY, "members": [], "sites": []}  # fmt: skip
    payload = {"event": "kznews.digest", "rule_id": "tokayev", "description": "<b>x</b>", "frequency": "daily",
               "period_local": "2026-05-28", "hits": 60, "story_count": 60, "stories": [story] * 50,
               "more_stories": 10}  # fmt: skip
    text = delivery.digest_telegram_text(payload)
    assert len(text) <= delivery.TELEGRAM_LIMIT
    shown = text.count("&lt;script&gt;")
    assert 5 < shown < 50 and text.endswith(f"… {60 - shown} more")  # every story counted: shown or "more"
    assert "<script" not in text and "javascript:" not in text and "&lt;b&gt;x&lt;/b&gt;" in text
    plain = delivery.digest_text(payload)
    assert plain.count("\n1. ") == 1 and plain.rstrip().endswith("... and 10 more stories")
    html = delivery.digest_html(payload)
    assert "<script" not in html and "javascript:" not in html and "<mark>Тоқаевтың</mark>" in html


def test_a_hit_stored_just_after_its_digest_goes_in_the_next_one(tmp_path: Path) -> None:
    rules = (
        rules_toml("daily", "mail") + '\n[channels.mail]\ntype = "email"\nfrom = "a@b.kz"\nto = ["c@d.kz"]\n'
    )
    db, _ = digest_db(tmp_path, rules)
    label, start, end = alerts.digest_period("daily", datetime.now(UTC))
    # The last hit was recorded at 23:59:59, but its transaction commits after the day's digest is made.
    late = db.execute("SELECT max(id) FROM alert_hits").fetchone()[0]
    db.execute("DELETE FROM alert_digest_items WHERE hit_id = ?", [late])
    after = alerts._utc_iso(end + timedelta(seconds=1))
    assert alerts.compose_digests(db, after) == 1
    spec = alerts.get_rule(db, "tokayev")
    assert spec is not None
    alerts._queue_for_digest(db, late, spec, alerts._utc_iso(end - timedelta(seconds=1)))
    assert alerts.compose_digests(db, after) == 0  # the day is never told twice...
    row = db.execute("SELECT period, digest_id FROM alert_digest_items WHERE hit_id = ?", [late]).fetchone()
    next_label, _, next_end = alerts.digest_period("daily", end + timedelta(seconds=1))
    assert row == (next_label, None) and next_label != label  # ...and the hit waits for the next day
    assert alerts.compose_digests(db, alerts._utc_iso(next_end)) == 1
    digests = db.execute("SELECT period, hits FROM alert_digests ORDER BY id").fetchall()
    assert digests == [(label, 2), (next_label, 1)]  # every hit told once


@contextlib.contextmanager
def reading_room(db_path: Path, log: Path) -> Iterator[str]:
    """`kznews serve` over the test's database on a free loopback port; yields its base URL."""
    from tests.conftest import kznews_serve

    with kznews_serve(db_path, log=log) as served:
        yield served.base


def opens_with(url: str, text: str) -> bool:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status == 200 and text in response.read().decode("utf-8")


def test_hits_link_to_the_stored_article_and_its_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = '[channels.hook]\ntype = "webhook"\nurl_env = "T_HOOK"\n'
    db, config = digest_db(tmp_path, rules_toml("as-it-happens", "hook") + hook)
    endpoint = Endpoint()
    with reading_room(tmp_path / "kznews.db", tmp_path / "serve.log") as base:
        monkeypatch.setenv("KZNEWS_PUBLIC_URL", base + "/")  # a trailing slash is not doubled
        try:
            assert sender(db, config, {"T_HOOK": endpoint.url}, datetime.now(UTC)).run()["delivered"] == 3
            bodies = [endpoint.accepted[k] for k in endpoint.processed]
        finally:
            endpoint.close()
        for body in bodies:
            article_page = f"{base}/-/kznews/article/{body['article_id']}"
            story_page = f"{base}/-/kznews/story/{body['story_id']}"
            assert body["article_page"] == article_page and body["story_page"] == story_page
            assert f"stored copy: {article_page}\nstory: {story_page}" in body["text"]
            assert body["url"].startswith("https://") and body["url"] in body["text"]  # the live link stays
            assert opens_with(article_page, html.escape(body["title"])) and opens_with(
                story_page, body["story_id"]
            )


def test_digests_link_each_story_and_member_to_its_stored_page(
    tmp_path: Path,
    smtp_server: tuple[int, list[bytes]],  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, received = smtp_server
    mail = f'[channels.mail]\ntype = "email"\nhost = "127.0.0.1"\nport = {port}\nfrom = "a@example.kz"\nto = ["b@example.kz"]\n'
    db, config = digest_db(tmp_path, rules_toml("daily", "mail") + mail)
    ids = dict(db.execute("SELECT title, id FROM articles").fetchall())
    stories = dict(db.execute("SELECT title, story_id FROM articles").fetchall())
    with reading_room(tmp_path / "kznews.db", tmp_path / "serve.log") as base:
        monkeypatch.setenv("KZNEWS_PUBLIC_URL", base)
        after = next_local_midnight(datetime.now(UTC)) + timedelta(minutes=1)
        assert sender(db, config, {}, after).run_digests()["delivered"] == 1
        message = message_from_bytes(received[-1], policy=default_policy)
        plain = message.get_body(("plain",)).get_content()
        body_html = message.get_body(("html",)).get_content()
        links = re.findall(r"(stored copy|story): (\S+)", plain)
        kk_story, ru_story = stories["Тоқаевтың сапары"], stories["Визит Токаева"]
        story_links = {url for kind, url in links if kind == "story"}
        assert story_links == {f"{base}/-/kznews/story/{kk_story}", f"{base}/-/kznews/story/{ru_story}"}
        article_links = [url for kind, url in links if kind == "stored copy"]
        # the 2 stories, then the 2 members of the Kazakh one (a one-member story lists no members)
        assert len(article_links) == 4 and f"{base}/-/kznews/article/{ids['Визит Токаева']}" in article_links
        assert "https://www.zakon.kz/3-repost.html" in plain  # the live links stay
        for url in {*story_links, *article_links}:
            assert f'href="{html.escape(url)}"' in body_html
            assert opens_with(url, "Тоқаев") or opens_with(url, "Токаев")


def test_without_the_public_url_messages_link_to_the_live_site_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KZNEWS_PUBLIC_URL", raising=False)
    endpoint = Endpoint()
    try:
        db, config = digest_db(
            tmp_path,
            rules_toml("as-it-happens", "hook") + '[channels.hook]\ntype = "webhook"\nurl_env = "T_HOOK"\n',
        )
        assert sender(db, config, {"T_HOOK": endpoint.url}, datetime.now(UTC)).run()["delivered"] == 3
        bodies = [endpoint.accepted[k] for k in endpoint.processed]
    finally:
        endpoint.close()
    assert all(
        "article_page" not in b and "/-/kznews/" not in b["text"] and b["url"] in b["text"] for b in bodies
    )
    # Not a URL (a typo): no links rather than broken ones.
    assert delivery.public_url("room.example.kz") is None
    assert delivery.public_url("https://room.example.kz/") == "https://room.example.kz"
