"""`kznews schedule`: --once / --max-runs, the per-site lock, intervals, and a graceful SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.ops.schedule import ScheduleError, load_schedule, parse_schedule, try_lock
from tests.conftest import ROOT
from tests.ops_support import QUIET, crawl_env, mirror, ops, runs


def test_parse_and_override_intervals() -> None:
    assert parse_schedule("zakon_kz=300, gov_kz=3600") == {"zakon_kz": 300.0, "gov_kz": 3600.0}
    assert parse_schedule('{"akorda_kz": 60}') == {"akorda_kz": 60.0}
    settings = {"KZNEWS_SCHEDULE": {"zakon_kz": 600, "gov_kz": 1800}}
    assert load_schedule(settings, env={"KZNEWS_SCHEDULE": "zakon_kz=120"}) == {
        "zakon_kz": 120.0,
        "gov_kz": 1800.0,
    }
    for bad in ("zakon_kz", "zakon_kz=soon", "zakon_kz=0", "{oops"):
        with pytest.raises(ScheduleError):
            parse_schedule(bad)


def test_once_runs_each_site_once(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    with mirror() as server:
        result = ops(
            "schedule",
            "--once",
            "--site",
            "zakon_kz",
            "--site",
            "akorda_kz",
            "--mirror-url",
            server.base_url,
            "--db",
            str(db),
            env=crawl_env(tmp_path),
        )
    assert "started zakon_kz" in result.stderr and "started akorda_kz" in result.stderr
    for site in ("zakon_kz", "akorda_kz"):
        (run,) = runs(db, site)
        assert run["finish_reason"] == "finished" and run["items_new"] > 0
    assert not runs(db, "gov_kz")


def test_a_site_locked_by_another_process_is_not_run(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    held = try_lock(str(db), "zakon_kz")
    assert held is not None
    try:
        assert try_lock(str(db), "zakon_kz") is None  # the lock excludes a second holder
        with mirror() as server:
            result = ops(
                "schedule",
                "--once",
                "--site",
                "zakon_kz",
                "--mirror-url",
                server.base_url,
                "--db",
                str(db),
                env=crawl_env(tmp_path),
            )
        assert "lock held" in result.stderr
        assert runs(db, "zakon_kz") == []
    finally:
        held.close()
    assert try_lock(str(db), "zakon_kz") is not None  # released with its holder


def test_max_runs_repeats_a_site_without_overlap(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    with mirror() as server:
        ops(
            "schedule",
            "--max-runs",
            "2",
            "--site",
            "zakon_kz",
            "--interval",
            "zakon_kz=0.5",
            "--jitter",
            "0",
            "--mirror-url",
            server.base_url,
            "--db",
            str(db),
            env=crawl_env(tmp_path),
        )
    first, second = runs(db, "zakon_kz")
    assert first["finish_reason"] == second["finish_reason"] == "finished"
    assert second["started_at"] >= first["finished_at"]  # never two runs of one site at once
    assert second["items_new"] == 0  # the second run found everything known


def _schedule_command(*args: str) -> list[str]:
    from crawler.cli.main import cli

    if "schedule" in cli.commands:
        return [str(Path(sys.executable).parent / "kznews"), "schedule", *args]
    return [sys.executable, "-m", "crawler.cli.ops", "schedule", *args]


def test_sigterm_lets_the_running_crawl_finish_gracefully(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    with mirror(delay=0.3) as server:  # slow pages: the crawl is still running when the signal comes
        process = subprocess.Popen(
            _schedule_command("--site", "zakon_kz", "--mirror-url", server.base_url, "--db", str(db)),
            cwd=ROOT,
            env={**os.environ, **QUIET, **crawl_env(tmp_path)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if db.exists() and any(
                r["finish_reason"] == "running" and r["requests"] >= 0 for r in _safe_runs(db)
            ):
                break
            time.sleep(0.2)
        time.sleep(1.0)  # well into the crawl
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "stopping" in err
    (run,) = runs(db, "zakon_kz")
    assert run["finish_reason"] == "shutdown", run  # Scrapy's graceful stop, recorded
    assert run["finished_at"] is not None
    assert try_lock(str(db), "zakon_kz") is not None


def _safe_runs(db: Path) -> list[dict]:
    try:
        return runs(db, "zakon_kz")
    except Exception:  # the table may not exist yet
        return []
