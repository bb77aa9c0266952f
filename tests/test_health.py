"""Health monitors: a simulated layout change flips the site to DEGRADED and raises a health alert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.ops.health import BROKEN, DEGRADED, OK, evaluate
from tests.conftest import MIRROR
from tests.ops_support import crawl, layout_variant, mirror, ops, rows


@pytest.fixture(scope="module")
def layout_change(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("health")
    db = tmp / "kznews.db"
    variant = tmp / "variant"
    assert (
        layout_variant(variant) >= 10
    )  # zakon article pages rewritten: div.content → div.text-body, no <h1>
    with mirror() as server:
        crawl(db, server.base_url, "zakon_kz", settings={"KZNEWS_CATCH_UP": 1})
    with mirror([variant, MIRROR]) as server:
        # the next run sees the new layout (refresh: every stored article is requested again; the pages
        # changed, so each answers 200, not 304) and delivers health alerts to the channel "ops"
        crawl(
            db,
            server.base_url,
            "zakon_kz",
            settings={"KZNEWS_REFETCH_KNOWN": 1},
            env={"KZNEWS_HEALTH_CHANNELS": "ops"},
        )
        # a quiet run afterwards (nothing new) keeps the finding: the parser is still broken
        crawl(db, server.base_url, "zakon_kz")
    return db


def test_the_normal_run_is_ok_and_the_layout_change_degraded(layout_change: Path) -> None:
    health = rows(
        layout_change, "SELECT state, reasons, metrics FROM site_health WHERE site = 'zakon_kz' ORDER BY id"
    )
    assert [h["state"] for h in health] == [OK, DEGRADED, DEGRADED]
    normal, changed, quiet = (json.loads(h["metrics"]) for h in health)
    assert normal["fallback"]["body"] == 0.0 and normal["coverage"]["body"] == 1.0
    # never downgrade: the refresh's fallback bodies were refused, the stored ones kept, and the
    # regression names the field (crawler/store/articles.py keep_better)
    assert changed["fallback"]["body"] == 0.0 and changed["processed"] == normal["processed"]
    assert changed["declared"]["regressions"]["body"] == normal["processed"]
    reasons = json.loads(health[1]["reasons"])
    assert any(r.startswith("body: a refresh gave a worse value") for r in reasons), reasons
    assert any(r.startswith("body: site selectors") and "matched nothing" in r for r in reasons), reasons
    # the quiet run keeps the article findings (no page was parsed, so no selector finding)
    assert quiet["processed"] == 0
    assert json.loads(health[2]["reasons"]) == [r for r in reasons if "site selectors" not in r]


def test_a_degradation_raises_one_health_alert_through_the_channels(layout_change: Path) -> None:
    alerts = rows(layout_change, "SELECT * FROM health_alerts")
    assert len(alerts) == 1  # raised when the state got worse, not again on the quiet run
    alert = alerts[0]
    assert alert["site"] == "zakon_kz" and alert["previous_state"] == OK and alert["state"] == DEGRADED
    assert json.loads(alert["channels"]) == ["ops"]
    (delivery,) = rows(layout_change, "SELECT * FROM deliveries WHERE rule_id = 'site-health'")
    assert (
        delivery["channel"] == "ops"
        and delivery["status"] == "pending"
        and delivery["hit_id"] == -alert["id"]
    )
    payload = json.loads(delivery["payload"])
    assert payload["title"] == "zakon_kz is DEGRADED (was OK)" and "body: a refresh" in payload["snippet"]


def test_status_shows_the_state_and_the_reason(layout_change: Path) -> None:
    shown = ops("status", "--db", str(layout_change), check=False)
    assert shown.returncode == 1  # one site DEGRADED
    line = next(x for x in shown.stdout.splitlines() if x.startswith("zakon_kz"))
    assert "DEGRADED" in line
    assert "body: a refresh gave a worse value" in shown.stdout
    machine = ops("status", "--db", str(layout_change), "--json", check=False)
    assert machine.returncode == 1
    as_json = [json.loads(x) for x in machine.stdout.splitlines()]
    zakon = next(x for x in as_json if x["site"] == "zakon_kz")
    assert zakon["state"] == DEGRADED and zakon["items_24h"] > 0 and zakon["last_run"]["state"] == "finished"
    assert {"level": DEGRADED, "subject": "field:body"} in [
        {k: f[k] for k in ("level", "subject")} for f in zakon["findings"]
    ]


# --- the rules on their own ------------------------------------------------------------------------------


def _metrics(**run: object) -> dict:
    base = {"discovered": 30, "finish_reason": "finished", "ban_rate": 0.0, "error_rate": 0.0}
    return {"processed": 0, "articles": 0, "coverage": {}, "fallback": {}, "run": {**base, **run}}


def test_volume_against_the_median_of_recent_runs() -> None:
    history_runs = [{"discovered": n} for n in (30, 28, 31, 29)]
    assert evaluate(_metrics(discovered=25), [], history_runs)[0] == OK
    state, reasons = evaluate(_metrics(discovered=4), [], history_runs)
    assert state == DEGRADED and reasons == ["only 4 article links found (usually 30)"]
    state, reasons = evaluate(_metrics(discovered=0), [], history_runs)
    assert state == BROKEN and "no article links found" in reasons[0]


def test_ban_and_error_rates() -> None:
    assert evaluate(_metrics(ban_rate=0.2), [], [])[0] == DEGRADED
    state, reasons = evaluate(_metrics(ban_rate=0.9), [], [])
    assert state == BROKEN and "403/429" in reasons[0]
    assert evaluate(_metrics(error_rate=0.6), [], [])[0] == BROKEN
    assert evaluate(_metrics(finish_reason="closespider_errorcount"), [], [])[0] == DEGRADED


def test_coverage_drop_against_history() -> None:
    history = [{"processed": 20, "coverage": {"title": 1.0, "body": 1.0, "published": 0.95}}] * 3
    metrics = {
        **_metrics(),
        "processed": 20,
        "articles": 20,
        "coverage": {"title": 1.0, "body": 0.98, "published": 0.6},
        "fallback": {},
    }
    state, reasons = evaluate(metrics, history, [])
    assert state == DEGRADED and reasons == ["published found on 60% of 20 articles (usually 95%)"]
    metrics["coverage"]["title"] = 0.2
    assert evaluate(metrics, history, [])[0] == BROKEN
