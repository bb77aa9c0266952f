"""Crawl history: one crawl_runs row per spider run, written at start and completed at the end."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.ops import runs as runs_mod
from tests.ops_support import crawl, mirror, ops, rows, runs


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("runs") / "kznews.db"
    with mirror() as server:
        crawl(db, server.base_url, "zakon_kz", "akorda_kz")
        crawl(db, server.base_url, "zakon_kz", "akorda_kz")
    return db


def test_two_runs_make_two_rows_per_site(two_runs: Path) -> None:
    for site in ("zakon_kz", "akorda_kz"):
        first, second = runs(two_runs, site)
        stored = rows(two_runs, "SELECT count(*) AS n FROM articles WHERE site = ?", (site,))[0]["n"]
        assert stored > 0
        for run in (first, second):
            assert run["finish_reason"] == "finished"
            assert run["started_at"] < run["finished_at"]
            assert run["requests"] > 0 and run["responses"] > 0 and run["bytes"] > 0
            assert run["responses_by_status"].get("200", 0) > 0
            assert run["pid"] and run["host"] == socket.gethostname()
            assert run["errors"] == 0 and run["errors_by_type"] == {}
            assert "memusage/max" in run["stats"] or "response_received_count" in run["stats"]
        # the first run stored everything; the second found it all known
        assert first["items_new"] == stored and first["items_rejected"] == 0
        assert second["items_new"] == 0 and second["items_updated"] == 0
        assert second["discovered"] > 0


def test_status_after_two_runs_is_ok(two_runs: Path) -> None:
    out = ops("status", "--db", str(two_runs)).stdout
    for site in ("zakon_kz", "akorda_kz"):
        line = next(x for x in out.splitlines() if x.startswith(site))
        assert " OK " in line and "finished" in line, out


def test_a_failing_run_still_leaves_its_row(tmp_path: Path) -> None:
    """Nothing listens on the port: every request fails, the run still gets a complete row, and BROKEN."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    db = tmp_path / "kznews.db"
    result = crawl(db, dead, "zakon_kz", settings={"RETRY_TIMES": 0}, check=False)
    assert result.returncode == 2 and "every request failed" in result.stderr  # issue 16 item 5
    (run,) = runs(db, "zakon_kz")
    assert run["finish_reason"] == "finished"
    assert run["items_new"] == 0 and run["responses"] == 0
    assert run["errors"] > 0 and any("Connection" in k or "Refused" in k for k in run["errors_by_type"]), run
    health = rows(db, "SELECT state, reasons FROM site_health")
    assert health[-1]["state"] == "BROKEN" and "failed" in health[-1]["reasons"]


def test_a_row_left_running_by_a_dead_process_is_interrupted() -> None:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(child.stdout)
    row = {
        "finish_reason": "running",
        "pid": dead_pid,
        "host": socket.gethostname(),
        "started_at": "2026-01-01T00:00:00Z",
    }
    assert runs_mod.run_state(row) == "interrupted"
    assert runs_mod.run_state({**row, "pid": __import__("os").getpid()}) == "running"
    assert runs_mod.run_state({**row, "finish_reason": "shutdown"}) == "shutdown"
    # another host: judged by the heartbeat
    assert (
        runs_mod.run_state({**row, "host": "elsewhere", "heartbeat_at": "2026-01-01T00:00:00Z"})
        == "interrupted"
    )


def test_run_columns_split_stats() -> None:
    columns = runs_mod.run_columns(
        {
            "downloader/request_count": 5,
            "downloader/response_count": 4,
            "downloader/response_bytes": 1000,
            "downloader/response_status_count/200": 3,
            "downloader/response_status_count/404": 1,
            "downloader/exception_type_count/twisted.internet.error.TimeoutError": 1,
            "log_count/ERROR": 2,
            "kznews/store/new": 2,
            "kznews/store/unchanged": 1,
            "kznews/validate/rejected": 1,
            "kznews/extract/exception": 1,
            "item_scraped_count": 3,
        }
    )
    assert columns["responses_by_status"] == '{"200": 3, "404": 1}'
    assert columns["errors"] == 3 and '"TimeoutError": 1' in columns["errors_by_type"]
    assert columns["items_new"] == 2 and columns["items_unchanged"] == 1 and columns["items_rejected"] == 2
    assert (
        '"item_scraped_count": 3' in columns["stats"] and "downloader/request_count" not in columns["stats"]
    )
