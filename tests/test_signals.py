"""Stopping with signals, with real processes (issue 16 item 2, issue 21 item 2; crawler/crawl/shutdown.py).

Each crawl runs in its own session, so a signal to its process group is what a terminal's Ctrl-C does; what is
left behind is read from /proc (every process whose process group is the crawl's).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT
from tests.ops_support import QUIET, crawl_env, mirror

pytestmark = pytest.mark.slow


def group_members(pgid: int) -> list[str]:
    """The live (not zombie) processes of a process group, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = (
                Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            )
        except OSError:
            continue
        state, _ppid, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state != "Z":
            found.append(f"{entry} {state} {cmdline[:100]}")
    return found


def wait_group_empty(pgid: int, seconds: float = 10.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def start_crawl(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN / "kznews"), "crawl", *args, "--db", str(db)],
        cwd=ROOT,
        env={**os.environ, **QUIET, **crawl_env(db.parent)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def stored(db: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("SELECT id, content_hash FROM articles").fetchall())


def reasons(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT finish_reason FROM crawl_runs ORDER BY id")]


def count_articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    db = tmp_path_factory.mktemp("whole") / "kznews.db"
    process = start_crawl(db, "--all", "--mirror")
    _, err = process.communicate(timeout=240)
    assert process.returncode == 0, err[-2000:]
    return stored(db)


def test_two_sigints_stop_a_crawl_fast_and_a_rerun_stores_the_same(
    tmp_path: Path, uninterrupted: set[tuple[str, str]]
) -> None:
    db = tmp_path / "kznews.db"
    process = start_crawl(db, "--all", "--mirror")
    deadline = time.monotonic() + 120
    while count_articles(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # mid-crawl: the writers are storing
    assert process.poll() is None, "the crawl ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    stopped_at = time.monotonic()
    _, err = process.communicate(timeout=60)
    took = time.monotonic() - stopped_at
    assert took < 30, f"two Ctrl-C took {took:.1f} s"
    assert process.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "writer process died" not in err, err[-3000:]
    assert wait_group_empty(process.pid) == []
    assert set(reasons(db)) == {"shutdown"}, reasons(db)
    partial = stored(db)
    assert partial < uninterrupted  # stopped part-way, kept what was committed

    rerun = start_crawl(db, "--all", "--mirror")
    _, err = rerun.communicate(timeout=240)
    assert rerun.returncode == 0, err[-2000:]
    assert stored(db) == uninterrupted


def test_an_early_ctrl_c_is_one_line_and_recorded(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    process = start_crawl(db, "zakon_kz", "--mirror")
    time.sleep(0.6)  # start-up: imports, settings, the mirror
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("kznews: "), err
    assert wait_group_empty(process.pid) == []
    assert reasons(db) == ["shutdown"]


def test_sigterm_to_schedule_during_a_crawls_start_up(tmp_path: Path) -> None:
    """Issue 21 item 2: SIGTERM to `kznews schedule` at 0.1 s steps of a crawl's start-up; the scheduler forwards
    SIGINT to the crawl's process group, writer included. Every run must be recorded shutdown, no writer may
    die, nothing may be left running."""
    moments = [round(0.1 * step, 1) for step in range(12)]
    failures = []
    with mirror() as server:
        for moment in moments:
            folder = tmp_path / f"at{moment}"
            folder.mkdir()
            db = folder / "kznews.db"
            process = subprocess.Popen(
                [str(BIN / "kznews"), "schedule", "--once", "--site", "zakon_kz"]
                + ["--mirror-url", server.base_url, "--db", str(db)],
                cwd=ROOT,
                env={**os.environ, **QUIET, **crawl_env(folder)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,
            )
            assert process.stderr is not None
            child = None
            for line in process.stderr:  # wait for the crawl child, then count from its start
                if match := re.search(r"started zakon_kz \(pid (\d+)", line):
                    child = int(match.group(1))
                    break
            assert child is not None
            time.sleep(moment)
            process.send_signal(signal.SIGTERM)
            rest = process.stderr.read()
            process.wait(timeout=120)
            left = wait_group_empty(child) + wait_group_empty(process.pid)
            recorded = reasons(db)
            if (
                process.returncode != 0
                or recorded != ["shutdown"]
                or "died" in rest
                or "Traceback" in rest
                or left
            ):
                failures.append((moment, process.returncode, recorded, left, rest[-1500:]))
    assert failures == [], failures
