"""The crash test: kill -9 a crawl at 20 random points, re-run it, and every article is stored once.

Figures of a run (printed with -s): kills, articles, duplicates, integrity — quoted in docs/operations.md.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from crawler.ops.runs import run_state
from tests.conftest import ROOT
from tests.ops_support import QUIET, crawl, crawl_command, crawl_env, mirror, rows, runs

KILLS = 20
SEED = 20260301
PAGE_DELAY = 0.1  # seconds per mirror response: the crawl lasts long enough to be hit mid-way


def _run_until(command: list[str], env: dict[str, str], delay: float) -> float | None:
    """Start a crawl and SIGKILL it after `delay` seconds; the run's duration when it finished first."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        process.wait(timeout=delay)
        return time.monotonic() - started
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return None


def test_kill_9_at_random_points_then_rerun(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    reference = tmp_path / "reference.db"
    crashed = tmp_path / "crashed.db"
    env = {**os.environ, **QUIET, **crawl_env(tmp_path)}
    with mirror(delay=PAGE_DELAY) as server:
        started = time.monotonic()
        crawl(reference, server.base_url, "zakon_kz", settings={"KZNEWS_CATCH_UP": 1})
        span = full_run = time.monotonic() - started  # a whole uninterrupted run, start-up included
        command = crawl_command(crashed, server.base_url, "zakon_kz")
        kills = attempts = 0
        delays = []
        while kills < KILLS and attempts < 3 * KILLS:
            attempts += 1
            delay = rng.uniform(0.2, span)
            finished_in = _run_until(command, env, delay)
            if finished_in is None:
                kills += 1
                delays.append(delay)
            else:  # runs get shorter as the database fills: aim the next kills inside the shorter run
                span = max(0.5, min(span, finished_in))
        final = crawl(crashed, server.base_url, "zakon_kz")
    assert kills == KILLS, f"only {kills} of {attempts} runs were still running when killed"

    expected = {r["id"] for r in rows(reference, "SELECT id FROM articles")}
    got = rows(crashed, "SELECT id, url, canonical_url, page_id FROM articles")
    ids = [r["id"] for r in got]
    duplicates = len(ids) - len({r["canonical_url"] for r in got})
    conn = sqlite3.connect(crashed)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.execute(
        "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"
    )  # raises if the index is off
    orphans = conn.execute(
        "SELECT count(*) FROM articles WHERE page_id NOT IN (SELECT id FROM pages)"
    ).fetchone()[0]
    conn.close()
    history = runs(crashed, "zakon_kz")
    interrupted = [r for r in history if run_state(r) == "interrupted"]
    print(
        f"\ncrash test: {kills} kills (SIGKILL after {min(delays):.2f}–{max(delays):.2f} s; a full run takes"
        f" {full_run:.1f} s; {attempts - kills} runs finished first), {len(interrupted)} of them after the run"
        f" had opened (the others during start-up), then one re-run: {len(ids)} articles stored"
        f" (reference {len(expected)}), duplicates={duplicates}, integrity_check={integrity}"
    )

    assert integrity == "ok"
    assert set(ids) == expected  # every article, none missing, none extra
    assert duplicates == 0 and len(ids) == len(set(ids)) == len({r["url"] for r in got})
    assert orphans == 0  # every article's raw page is in the archive
    assert history[-1]["finish_reason"] == "finished"
    if history[-2]["finish_reason"] == "running":  # the re-run followed a killed run: it caught up
        assert history[-1]["stats"].get("kznews/incremental/catch_up") == 1
    assert all(r["finish_reason"] in ("running", "finished") for r in history)
    assert "zakon_kz" in final.stdout
