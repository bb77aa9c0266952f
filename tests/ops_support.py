"""Helpers for the operations tests (runs, incremental state, health, schedule, reparse, crash)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crawler.crawl.mirror import MirrorHandler, MirrorServer, serve
from tests.conftest import MIRROR, ROOT, kznews

ZAKON_HOSTS = ("www.zakon.kz", "kaz.zakon.kz")
QUIET = {"KZNEWS_LOG_LEVEL": "WARNING", "KZNEWS_FEEDS_DIR": "", "KZNEWS_PROGRESS": "0"}


class SlowHandler(MirrorHandler):
    """The mirror with a per-request delay, so a crawl lasts long enough to be interrupted mid-way."""

    delay = 0.0

    def do_GET(self) -> None:
        if self.delay:
            time.sleep(self.delay)
        super().do_GET()


@contextmanager
def mirror(roots: list[Path] | None = None, *, delay: float = 0.0) -> Iterator[MirrorServer]:
    server = serve(roots or [MIRROR])
    # a crawl killed mid-response resets its connections: not an error worth a traceback here
    server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    if delay:
        server.RequestHandlerClass = type("Slow", (SlowHandler,), {"delay": delay})
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def crawl_env(tmp: Path) -> dict[str, str]:
    return {**QUIET, "KZNEWS_FEEDS_DIR": str(tmp / "feeds"), "KZNEWS_ALERTS_FILE": str(tmp / "none.toml")}


def crawl(
    db: str | Path,
    base_url: str,
    *sites: str,
    settings: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """`kznews crawl SITES --mirror-url URL --db DB` as a subprocess (a fresh reactor each time)."""
    args = ["crawl", *(sites or ("--all",)), "--mirror-url", base_url, "--db", str(db)]
    for key, value in (settings or {}).items():
        args += ["-s", f"{key}={value}"]
    tmp = Path(str(db)).parent
    return kznews(*args, env={**crawl_env(tmp), **(env or {})}, timeout=120, check=check)


def crawl_command(db: str | Path, base_url: str, site: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "crawler.cli.main",
        "crawl",
        site,
        "--mirror-url",
        base_url,
        "--db",
        str(db),
    ]


def ops(
    *args: str, env: dict[str, str] | None = None, check: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """An operations command through the real `kznews` CLI once registered there, else its own group."""
    from crawler.cli.main import cli

    if args[0] in cli.commands:
        return kznews(*args, env={**QUIET, **(env or {})}, timeout=timeout, check=check)
    full_env = {**os.environ, **QUIET, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli.ops", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=ROOT,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"kznews {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result


def make_all_due(db: Path) -> None:
    """Every entry point of every site due now (adaptive polling), as if its interval had passed."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE poll_state SET next_due_at = 0")
    conn.commit()
    conn.close()


def rows(db: str | Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    conn = sqlite3.connect(str(db))
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


def runs(db: str | Path, site: str | None = None) -> list[dict[str, Any]]:
    where = "WHERE site = ?" if site else ""
    out = rows(db, f"SELECT * FROM crawl_runs {where} ORDER BY id", (site,) if site else ())
    for row in out:
        for key in ("responses_by_status", "errors_by_type", "stats", "args"):
            row[key] = json.loads(row[key] or "{}")
    return out


def zakon_article_files(root: Path = MIRROR) -> list[Path]:
    return sorted(p for host in ZAKON_HOSTS for p in (root / host).rglob("*.html") if p.is_file())


def layout_variant(dest: Path, root: Path = MIRROR) -> int:
    """A mirror overlay where Zakon.kz renamed its body container and dropped its <h1>: every article
    page rewritten by string replacement. Returns the number of pages changed."""
    changed = 0
    for path in zakon_article_files(root):
        text = path.read_text(encoding="utf-8")
        new = (
            text.replace('class="content"', 'class="text-body"')
            .replace("<h1", '<div class="headline"')
            .replace("</h1>", "</div>")
        )
        if new != text:
            target = dest / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, encoding="utf-8")
            changed += 1
    return changed
