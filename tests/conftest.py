"""Shared test fixtures: the offline mirror server, temporary databases, running the real CLI, a real
`kznews serve`, and the loopback stand-ins for delivery endpoints (webhook, Telegram Bot API, SMTP)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "data" / "mirror"
BIN = Path(sys.executable).parent

os.chdir(ROOT)  # settings and the mirror resolve relative paths from the repository root
os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")


# The modules that take longest (pytest --durations=80 over the whole suite on 2 cores), longest first.
# `make test` hands whole modules to its workers (-n auto --dist loadfile) in collection order: starting
# the long ones first keeps one long module from running alone at the end while the other workers idle.
SLOWEST_FIRST = [
    "test_polling.py",
    "test_survive.py",
    "test_docs_commands.py",
    "test_signals.py",
    "test_jobs.py",
    "test_crash.py",
    "test_distributed.py",
    "test_probe.py",
    "test_reliability_data.py",
    "test_web_pages.py",
    "test_matching.py",
    "test_merge_alerts.py",
    "test_schedule.py",
    "test_redesign.py",
    "test_faults.py",
    "test_install.py",
    "test_evidence_2026.py",
    "test_reparse.py",
    "test_runs.py",
    "test_e2e_crawl.py",
    "test_health.py",
    "test_incremental.py",
    "test_writer.py",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order
    if os.environ.get("KZNEWS_LIVE") == "1":
        return
    skip = pytest.mark.skip(reason="live check against the real sites: set KZNEWS_LIVE=1")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def mirror_server():
    from crawler.crawl.mirror import serve

    server = serve([MIRROR])
    yield server
    server.shutdown()


@pytest.fixture
def tmp_db(tmp_path: Path) -> str:
    return str(tmp_path / "kznews.db")


def kznews(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the real `kznews` console script."""
    full_env = {**os.environ, "KZNEWS_LOG_LEVEL": "WARNING", **(env or {})}
    result = subprocess.run(
        [str(BIN / "kznews"), *args], capture_output=True, text=True, timeout=timeout, env=full_env, cwd=ROOT
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"kznews {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result


def free_port() -> int:
    """A loopback port free now, for a server that must be told its port (a subprocess)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def http_get(url: str, timeout: float = 30) -> tuple[int, str]:
    """The status and text of a GET; an HTTP error is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


class Served(NamedTuple):
    base: str
    port: int
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def kznews_serve(
    db: str | Path, env: dict[str, str | None] | None = None, log: Path | None = None
) -> Iterator[Served]:
    """A real `kznews serve --db DB` on a free port, up (answering /-/versions.json) when this yields; its
    stdout and stderr go to LOG when given. ENV is added to this process's (None: unset the variable).
    Stopped (terminate, then kill) on exit."""
    full_env = {**os.environ, **(env or {})}
    port = free_port()
    out: IO[bytes] | int = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [str(BIN / "kznews"), "serve", "--db", str(db), "--port", str(port)],
        stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        env={key: value for key, value in full_env.items() if value is not None},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"kznews serve did not start:\n{log.read_text() if log else ''}")
                time.sleep(0.1)
        yield Served(base, port, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            out.close()  # type: ignore[union-attr]


# --- loopback stand-ins for delivery endpoints ----------------------------------------------------------

WEBHOOK_SECRET = "s3cr3t-w3bh00k-path-7781"
BOT_TOKEN = "123456:AAE-s3cr3tT0kenValue_xyz"
SMTP_PASSWORD = "pa55-w0rd-SMTP-9931"


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and answers in one call."""

    def reply(
        self, status: int, data: bytes, content_type: str | None = None, reason: str | None = None
    ) -> None:
        self.send_response(status, reason)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


class LoopbackServer:
    """A threading HTTP server on a free loopback port, serving HANDLER in a daemon thread."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Endpoint(LoopbackServer):
    """A webhook receiver: fails the first `fail_first` requests with 500 (echoing its path, as careless
    servers do), then accepts; a repeated Idempotency-Key is acknowledged but not processed twice."""

    def __init__(self, fail_first: int = 0, path: str = f"/hook/{WEBHOOK_SECRET}") -> None:
        self.fail_first = fail_first
        self.path = path
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.accepted: dict[str, dict[str, Any]] = {}
        self.processed: list[str] = []
        endpoint = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers.get("Idempotency-Key", "")
                endpoint.requests.append((key, body))
                if self.path != endpoint.path:
                    self.reply(404, b"not found")
                elif len(endpoint.requests) <= endpoint.fail_first:
                    self.reply(500, f"upstream failed for {self.path}".encode())
                else:
                    if key not in endpoint.accepted:
                        endpoint.accepted[key] = body
                        endpoint.processed.append(key)
                    self.reply(200, b'{"ok": true}')

        super().__init__(Handler)
        self.url += self.path


class TelegramStandIn(LoopbackServer):
    """The Bot API's sendMessage: 404 unless the path is /bot<token>/sendMessage (as the real API)."""

    def __init__(self, token: str) -> None:
        self.messages: list[dict[str, Any]] = []
        stand_in = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.path != f"/bot{token}/sendMessage":
                    answer = {"ok": False, "error_code": 404, "description": "Not Found"}
                    self.reply(404, json.dumps(answer).encode(), "application/json")
                else:
                    stand_in.messages.append(body)
                    answer = {"ok": True, "result": {"message_id": len(stand_in.messages)}}
                    self.reply(200, json.dumps(answer).encode(), "application/json")

        super().__init__(Handler)


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[bytes]]]:
    """A real SMTP server (aiosmtpd) on loopback taking the login alerts / SMTP_PASSWORD; the port and the
    messages it received."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            received.append(envelope.original_content or envelope.content)
            return "250 OK"

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == b"alerts"
            and (auth_data.password == SMTP_PASSWORD.encode())
        )
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_require_tls=False)  # fmt: skip
    controller.start()
    yield controller.port, received
    controller.stop()
