"""No data loss: kill -9 during heavy writes, a full disk, and readers hammering the database.

The writer is `kznews ingest` of a generated JSONL (500 unique articles in 600 lines: the last sixth
repeats earlier ones), the heaviest write path we have (article + story + dedup index + FTS rows in
one transaction per article). docs/reliability.md quotes the figures these tests print.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import BIN, ROOT

LINES, UNIQUE = 600, 500
KILLS = 4
WORDS = (
    "Правительство Казахстана обсудило вопросы экономики энергетики транспорта цифровизации образования "
    "Астана Алматы министр аким заседание реформа бюджет Үкімет мәжіліс ауыл шаруашылығы"
).split()


def write_jsonl(path: Path, lines: int = LINES, unique: int = UNIQUE) -> Path:
    rnd = random.Random(8)
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            k = i if i < unique else rnd.randrange(unique)
            body = " ".join(random.Random(k).choice(WORDS) for _ in range(120)) + f" Номер {k}."
            article = {
                "url": f"https://www.zakon.kz/obshestvo/{7_000_000 + k}-novost-{k}.html",
                "site": "zakon_kz",
                "language": "ru",
                "title": f"Новость номер {k}",
                "body": body,
                "published_at": "2026-10-01T10:00:00+05:00",
            }
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("jsonl") / "articles.jsonl")


def env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "KZNEWS_LOG_LEVEL": "WARNING", "KZNEWS_FEEDS_DIR": str(tmp / "feeds")}


def ingest(jsonl: Path, db: str, tmp: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "kznews"), "ingest", str(jsonl), "--db", db],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(tmp),
        cwd=ROOT,
    )


def consistency(db: str) -> dict[str, Any]:
    """One read transaction: counts, and rows whose companions are missing (must be 0)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        row = conn.execute(
            """SELECT (SELECT count(*) FROM articles),
                      (SELECT count(*) FROM articles_fts_docsize),
                      (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)),
                      (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id)),
                      (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts_docsize d WHERE d.id = a.rowid))"""
        ).fetchone()
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return {
        "articles": row[0],
        "fts_rows": row[1],
        "no_story": row[2],
        "no_member": row[3],
        "no_fts": row[4],
        "integrity": integrity,
    }


def fts_integrity(db: str) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    finally:
        conn.close()


def assert_whole(db: str, expected: int | None = None) -> dict[str, Any]:
    state = consistency(db)
    assert state["integrity"] == "ok", state
    assert state["no_story"] == state["no_member"] == state["no_fts"] == 0, state
    assert state["fts_rows"] == state["articles"], state
    if expected is not None:
        assert state["articles"] == expected, state
    fts_integrity(db)
    return state


# --- kill -9 --------------------------------------------------------------------------------------


def _count(db: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def test_kill_9_during_ingest_loses_nothing(jsonl: Path, tmp_path: Path) -> None:
    """kill -9 at random points while new articles are being written (not during start-up or re-reads)."""
    db = str(tmp_path / "kznews.db")
    rnd = random.Random(9)
    counts: list[int] = []
    for _ in range(KILLS):
        target = (counts[-1] if counts else 0) + rnd.randint(20, 90)
        proc = subprocess.Popen(
            [str(BIN / "kznews"), "ingest", str(jsonl), "--db", db],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env(tmp_path),
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None and _count(db) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rnd.uniform(0, 0.05))  # somewhere inside the next transactions
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL, "the ingest ended before it could be killed"
        counts.append(assert_whole(db)["articles"])
    print(f"\narticles after each kill -9: {counts}")
    assert counts == sorted(counts) and len(set(counts)) == KILLS  # every kill landed among new writes
    assert counts[-1] < UNIQUE
    result = ingest(jsonl, db, tmp_path)
    assert result.returncode == 0, result.stderr
    assert_whole(db, expected=UNIQUE)  # every article once, nothing committed lost


# --- a full disk -------------------------------------------------------------------------------------


def _mount_tmpfs(target: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], capture_output=True
    )
    return done.returncode == 0


def test_full_disk_fails_clearly_keeps_the_committed_and_resumes(jsonl: Path, tmp_path: Path) -> None:
    small = tmp_path / "small"
    if not _mount_tmpfs(small, "1m"):
        pytest.skip(
            "mounting a 1 MB tmpfs needs root (CAP_SYS_ADMIN); the max_page_count test covers the logic"
        )
    try:
        db = str(small / "kznews.db")
        result = ingest(jsonl, db, tmp_path)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert "database or disk is full" in result.stderr and "run the same command again" in result.stderr
        committed = assert_whole(db)["articles"]
        assert 0 < committed < UNIQUE
        subprocess.run(["mount", "-o", "remount,size=64m", str(small)], check=True)  # space returns
        result = ingest(jsonl, db, tmp_path)
        assert result.returncode == 0, result.stderr
        assert_whole(db, expected=UNIQUE)
        print(f"\ntmpfs 1 MB: {committed} articles committed before the disk filled; 500 after resuming")
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True)


def test_max_page_count_limit_fails_clearly_and_resumes(
    jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The portable stand-in for a full disk: SQLite's own page limit on the writer's connection."""
    from crawler.cli.main import cli
    from crawler.store import db as dbmod

    real_connect = dbmod.connect
    limit = {"pages": 120}  # 120 pages of 4 KiB: the schema plus a few dozen articles

    def limited(*args: Any, **kwargs: Any) -> Any:
        database = real_connect(*args, **kwargs)
        database.execute(f"PRAGMA max_page_count = {limit['pages']}")
        return database

    monkeypatch.setattr(dbmod, "connect", limited)
    monkeypatch.setenv("KZNEWS_FEEDS_DIR", str(tmp_path / "feeds"))
    db = str(tmp_path / "kznews.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(jsonl), "--db", db])
    assert result.exit_code == 1 and not isinstance(result.exception, sqlite3.Error), result.output
    assert "database or disk is full" in result.output and "run the same command again" in result.output
    committed = assert_whole(db)["articles"]
    assert 0 < committed < UNIQUE
    limit["pages"] = 1_000_000  # space returns
    result = runner.invoke(cli, ["ingest", str(jsonl), "--db", db])
    assert result.exit_code == 0, result.output
    assert_whole(db, expected=UNIQUE)
    print(f"\nmax_page_count 120: {committed} articles committed before the limit; 500 after resuming")


# --- concurrent readers --------------------------------------------------------------------------------


class Readers:
    """Datasette over HTTP and `sqlite-utils query` subprocesses, in loops, checking every answer."""

    def __init__(self, db: str, port: int) -> None:
        self.db, self.port = db, port
        self.stop = threading.Event()
        self.samples: dict[str, list[tuple[int, int, int]]] = {
            "http": [],
            "cli": [],
        }  # (articles, fts, orphans)
        self.http_reads = self.cli_reads = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()

    SQL = (
        "select (select count(*) from articles) as a, (select count(*) from articles_fts_docsize) as f, "
        "(select count(*) from articles x where not exists (select 1 from stories s where s.id = x.story_id)) as o"
    )

    def _note(self, reader: str, a: int, f: int, o: int) -> None:
        with self.lock:
            self.samples[reader].append((a, f, o))

    def http_loop(self) -> None:
        from urllib.parse import quote

        url = f"http://127.0.0.1:{self.port}/kznews.json?_shape=array&sql={quote(self.SQL)}"
        while not self.stop.is_set():
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    (row,) = json.loads(response.read())
                self._note("http", row["a"], row["f"], row["o"])
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/kznews/articles.json?_size=20&_sort_desc=first_seen_at",
                    timeout=10,
                ) as response:
                    json.loads(response.read())
                self.http_reads += 2
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                self.errors.append(f"datasette: {exc!r}")

    def cli_loop(self) -> None:
        while not self.stop.is_set():
            done = subprocess.run(
                [str(BIN / "sqlite-utils"), "query", self.db, self.SQL],
                capture_output=True,
                text=True,
                timeout=30,
            )
            if done.returncode != 0:
                self.errors.append(f"sqlite-utils: {done.stderr.strip()}")
                continue
            (row,) = json.loads(done.stdout)
            self._note("cli", row["a"], row["f"], row["o"])
            self.cli_reads += 1


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _timed_ingest(jsonl: Path, db: str, tmp: Path) -> float:
    started = time.monotonic()
    result = ingest(jsonl, db, tmp)
    assert result.returncode == 0, result.stderr[-2000:]
    return time.monotonic() - started


def test_readers_never_block_the_writer_nor_see_half_rows(jsonl: Path, tmp_path: Path) -> None:
    alone = _timed_ingest(jsonl, str(tmp_path / "alone.db"), tmp_path)

    db = str(tmp_path / "kznews.db")
    # An empty, migrated database first, so the readers have tables to read from the first instant.
    head = tmp_path / "head.jsonl"
    head.write_text(jsonl.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    assert ingest(head, db, tmp_path).returncode == 0
    port = _free_port()
    datasette = subprocess.Popen(
        [str(BIN / "datasette"), db, "-p", str(port), "--setting", "sql_time_limit_ms", "5000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    readers = Readers(db, port)
    try:
        for _ in range(100):  # wait for datasette to listen
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        threads = [threading.Thread(target=readers.http_loop), threading.Thread(target=readers.cli_loop)]
        for thread in threads:
            thread.start()
        with_readers = _timed_ingest(jsonl, db, tmp_path)
        readers.stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        readers.stop.set()
        datasette.terminate()
        datasette.wait(timeout=10)
    assert readers.errors == []
    assert readers.http_reads >= 20 and readers.cli_reads >= 5
    for reader, samples in readers.samples.items():
        assert all(a == f and o == 0 for a, f, o in samples), f"{reader} saw half an article"
        counts = [a for a, _, _ in samples]
        assert counts == sorted(counts), f"{reader} saw the article count go down"
    assert len({a for a, _, _ in readers.samples["http"]}) >= 3  # the readers did overlap the writes
    assert_whole(db, expected=UNIQUE)
    ratio = alone / with_readers
    print(
        f"\ningest of {LINES} lines: {alone:.1f} s alone, {with_readers:.1f} s under "
        f"{readers.http_reads} Datasette + {readers.cli_reads} sqlite-utils reads (throughput ratio {ratio:.2f})"
    )
    # Readers cannot block the writer because the database is in WAL mode (a blocked writer would fail the
    # ingest above once its lock wait ran out). The throughput ratio is printed, not asserted: on 2 cores
    # shared with another test worker it measures the machine's load, not the database (benchmarks/ measure).
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
