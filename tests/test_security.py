"""Security (issue 21): the holes a hostile tester found, each tried again with the exact inputs.

- the offline mirror server (`crawler.crawl.mirror.serve`, and the real `kznews mirror`) serves only regular
  files under its root: path traversal (raw, `..%2f`, `%2e%2e`), no Host header, a hostile
  X-Mirror-Host (`/proc/self`), absolute paths and symlinks out of the root all get a 404 and not one
  byte of the outside file;
- secrets: webhook, Bot API and SMTP servers on loopback echo every altered form of what they got; none
  reaches `deliveries.last_error`, the log, the database or the web view; a broken secrets file says so;
- a real `kznews serve`: costly SQL and unneeded functions refused with a reason, memory measured from
  /proc/<pid>/status, normal queries still answered; the mirror's attacks get nothing either;
- RSS titles, `kznews ingest` URL and site checks, escape codes in `kznews status`, the Host header and
  feed links, symlinked feed files.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import socket
import sqlite3
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from crawler.crawl.mirror import GOV_TICKET_PATH, MirrorServer, serve
from tests.conftest import BIN, ROOT, LoopbackServer, QuietHandler, http_get, kznews_serve

# --- helpers ------------------------------------------------------------------------------------------------


def raw_request(port: int, request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send bytes exactly as given (like `printf ... | nc` or `curl --path-as-is`); the status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    head, _, body = answer.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    assert match, f"not an HTTP answer: {answer[:200]!r}"
    if re.search(rb"(?i)\r\ntransfer-encoding: *chunked", head):
        chunks, rest = [], body
        while rest:
            size, _, rest = rest.partition(b"\r\n")
            if int(size.split(b";")[0], 16) == 0:
                break
            chunks.append(rest[: int(size, 16)])
            rest = rest[int(size, 16) + 2 :]
        body = b"".join(chunks)
    return int(match.group(1)), body


def get(
    port: int, target: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, bytes]:
    lines = [f"{method} {target} HTTP/1.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if method == "POST":
        lines.append("Content-Length: 0")
    return raw_request(port, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


def leaks(body: bytes, secret: bytes) -> bool:
    """True if any 8-byte piece of `secret` shows up in `body` (so also a part of the file)."""
    return any(secret[i : i + 8] in body for i in range(0, max(1, len(secret) - 7), 4))


PASSWD = Path("/etc/passwd").read_bytes()
MARKER = "kznews-outside-7f3a9c"


@pytest.fixture
def hostile_mirror(tmp_path: Path) -> Iterator[tuple[MirrorServer, Path, bytes]]:
    """A mirror root with one real page, an outside folder with a secret, and symlinks pointing out."""
    root = tmp_path / "mirror"
    news = root / "www.zakon.kz" / "news"
    news.mkdir(parents=True)
    (news / "index.html").write_text("<html>the news list</html>", encoding="utf-8")
    (root / "www.zakon.kz" / "same.html").symlink_to(news / "index.html")  # inside the root: fine
    outside = tmp_path / "outside"
    secret = f"SECRET_TOKEN={MARKER} and more outside bytes".encode()
    (outside / "www.gov.kz" / GOV_TICKET_PATH.strip("/")).parent.mkdir(parents=True)
    (outside / "www.gov.kz" / GOV_TICKET_PATH.strip("/")).write_bytes(secret)
    (outside / "secret.html").write_bytes(secret)
    (root / "www.zakon.kz" / "evil.html").symlink_to(outside / "secret.html")
    (root / "www.zakon.kz" / "evildir").symlink_to(outside)
    (root / "www.zakon.kz" / "passwd.html").symlink_to("/etc/passwd")
    (root / "evil.kz").symlink_to(outside)  # a whole host folder pointing out
    (root / "www.akorda.kz").symlink_to(outside / "nowhere")  # dangling
    server = serve([root])
    try:
        yield server, outside, secret
    finally:
        server.shutdown()
        server.server_close()


# --- 1. the mirror serves nothing outside its root -------------------------------------------------------

ZAKON = {"X-Mirror-Host": "www.zakon.kz"}
TRAVERSALS = [
    ("no_host_http10", None, {}),  # printf 'GET /etc/passwd HTTP/1.0\r\n\r\n'
    ("plain_etc_passwd", "/etc/passwd", ZAKON),
    # the four levels, and sixteen: enough to reach / from a temporary root (tmp_path is deep)
    ("path_as_is", "/../../../../etc/passwd", ZAKON),
    ("path_as_is_x16", "/" + "../" * 16 + "etc/passwd", ZAKON),
    ("dotdot_2f", "/..%2f..%2f..%2f..%2fetc/passwd", ZAKON),
    ("dotdot_2f_x16", "/" + "..%2f" * 16 + "etc/passwd", ZAKON),
    ("dotdot_2F_below_folder", "/news/" + "..%2F" * 16 + "etc/passwd", ZAKON),
    ("2e2e", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", ZAKON),
    ("2e2e_x16", "/" + "%2e%2e/" * 16 + "etc/passwd", ZAKON),
    ("2e2e2f_x16", "/" + "%2e%2e%2f" * 16 + "etc%2fpasswd", ZAKON),
    ("absolute_form", "http://www.zakon.kz/../../../../etc/passwd", ZAKON),
    ("double_slash", "//etc/passwd", ZAKON),
    ("host_dotdot", "/../../../../etc/passwd", {"X-Mirror-Host": ".."}),
    ("host_etc", "/passwd", {"X-Mirror-Host": "/etc"}),
    ("host_header_etc", "/passwd", {"Host": "/etc"}),
    ("host_empty", "/etc/passwd", {"X-Mirror-Host": ""}),
    ("symlink_passwd", "/passwd.html", ZAKON),
    ("query_dotdot", "/news/?p=/../../../../etc/passwd", ZAKON),
]


@pytest.mark.parametrize(("label", "target", "headers"), TRAVERSALS, ids=[t[0] for t in TRAVERSALS])
def test_mirror_never_serves_etc_passwd(
    hostile_mirror, label: str, target: str | None, headers: dict
) -> None:
    server, _, _ = hostile_mirror
    port = server.server_address[1]
    if target is None:
        status, body = raw_request(port, b"GET /etc/passwd HTTP/1.0\r\n\r\n")
    else:
        status, body = get(port, target, headers)
    assert status == 404, (label, status, body[:200])
    assert not leaks(body, PASSWD), label


def test_mirror_never_serves_proc_self_environ(hostile_mirror) -> None:
    server, _, _ = hostile_mirror
    port = server.server_address[1]
    environ = Path("/proc/self/environ").read_bytes()  # the server runs in this process
    assert b"PATH=" in environ
    for headers, target in [
        ({"X-Mirror-Host": "/proc/self"}, "/environ"),  # curl -H 'X-Mirror-Host: /proc/self' .../environ
        ({"X-Mirror-Host": "/proc/self"}, "/root/etc/passwd"),
        ({"X-Mirror-Host": "proc"}, "/self/environ"),
        ({"X-Mirror-Host": "www.zakon.kz"}, "/" + "../" * 16 + "proc/self/environ"),
        ({"X-Mirror-Host": "www.zakon.kz"}, "/" + "%2e%2e/" * 16 + "proc/self/environ"),
        ({"X-Mirror-Host": "www.zakon.kz"}, "/" + "..%2f" * 16 + "proc/self/environ"),
        ({"Host": "/proc/self"}, "/environ"),
    ]:
        status, body = get(port, target, headers)
        assert status == 404, (headers, target, body[:200])
        assert b"PATH=" not in body and not leaks(body, environ), (headers, target)


def test_mirror_symlinks_out_of_the_root_are_404(hostile_mirror) -> None:
    server, outside, secret = hostile_mirror
    port = server.server_address[1]
    cases = [
        ("www.zakon.kz", "/evil.html"),  # a file symlink out
        ("www.zakon.kz", "/evildir/secret.html"),  # a folder symlink out
        ("evil.kz", "/secret.html"),  # a host folder that is a symlink out
        ("www.akorda.kz", "/x.html"),  # a dangling host folder
        (str(outside), "/secret.html"),  # an absolute path as the host
    ]
    for host, target in cases:
        status, body = get(port, target, {"X-Mirror-Host": host})
        assert status == 404, (host, target, body[:200])
        assert not leaks(body, secret), (host, target)


def test_mirror_ticket_post_is_contained_too(hostile_mirror) -> None:
    server, outside, secret = hostile_mirror
    port = server.server_address[1]
    # The gov.kz ticket POST answers with a mirror file's body: a host naming an outside folder must not work.
    for host in (
        str(outside / "www.gov.kz"),
        f"../../{outside.name}/www.gov.kz",
        "/proc/self/root/www.gov.kz",
    ):
        status, body = get(port, GOV_TICKET_PATH, {"X-Mirror-Host": host}, method="POST")
        assert not leaks(body, secret), (host, status, body[:200])
        assert (status, body) == (200, b"{}")  # a ticket with an empty body, as for a missing file


def test_mirror_still_serves_its_own_pages(hostile_mirror) -> None:
    server, _, _ = hostile_mirror
    port = server.server_address[1]
    assert get(port, "/news/", ZAKON) == (200, b"<html>the news list</html>")
    assert get(port, "/same.html", ZAKON) == (200, b"<html>the news list</html>")  # a symlink inside the root
    assert get(port, "/news/", {"Host": "www.zakon.kz"}) == (200, b"<html>the news list</html>")
    assert get(port, "/news/", {"X-Mirror-Host": "WWW.ZAKON.KZ"})[0] == 200


def test_kznews_mirror_command_serves_nothing_outside(tmp_path: Path) -> None:
    """The real `kznews mirror` process, with a secret in its environment, as the issue's attacker found it."""
    env = {**os.environ, "KZNEWS_TELEGRAM_TOKEN": f"123456:{MARKER}"}
    process = subprocess.Popen(
        [str(BIN / "kznews"), "mirror", "--port", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))  # type: ignore[union-attr]
        status, body = raw_request(port, b"GET /etc/passwd HTTP/1.0\r\n\r\n")
        assert status == 404 and not leaks(body, PASSWD)
        status, body = get(port, "/environ", {"X-Mirror-Host": "/proc/self"})
        assert status == 404 and MARKER.encode() not in body
        status, body = get(port, "/../../../../etc/passwd", ZAKON)
        assert status == 404 and not leaks(body, PASSWD)
        # and the real mirror still answers for its pages
        status, body = get(port, "/robots.txt", ZAKON)
        assert status == 200 and body
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- 3. secrets: every derived form is redacted; a server's error text is never stored -------------------

WEBHOOK_PATH_SECRET = "hookSECRETpath4417"
WEBHOOK_QUERY_SECRET = "qrySECRET9902"
TG_TOKEN = "7654321098:AAHsecretHALFafterColon_xyz123"
SMTP_USER = "alerts"
SMTP_PASS = "smtpPASSsecret-5531"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def echoed_forms(text: str) -> list[str]:
    """What a careless or hostile server may send back: the text and its altered forms."""
    return [
        text,
        urllib.parse.quote(text, safe=""),
        re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), urllib.parse.quote(text, safe="")),
        urllib.parse.quote_plus(text),
        b64(text),
        base64.urlsafe_b64encode(text.encode()).decode().rstrip("="),
        text.encode().hex(),
    ]


class EchoServer(LoopbackServer):
    """Answers every POST with an error whose reason phrase and body echo the request's secrets altered:
    the token's halves, URL-encoded, base64. /bot...: as the Bot API (JSON with a description)."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        echo = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                echo.paths.append(self.path)
                pieces = [self.path, urllib.parse.unquote(self.path)]
                pieces += re.split(r"[/?&=:]", urllib.parse.unquote(self.path))
                forms = [f for piece in pieces if len(piece) >= 6 for f in echoed_forms(piece)]
                if self.path.startswith("/bot"):
                    half = self.path.split(":", 1)[1].split("/")[0]
                    body = json.dumps({"ok": False, "error_code": 401, "description": f"Unauthorized {half}",
                                       "echo": forms}).encode()  # fmt: skip
                    status, reason = 401, f"Unauthorized {half}"
                else:
                    body = ("upstream failed: " + " ".join(forms)).encode()
                    status, reason = 500, f"failed {b64(self.path)}"
                self.reply(status, body, "application/json", reason)

        super().__init__(Handler)


class EchoSMTP:
    """A real SMTP server on loopback (socket level) that takes the login, AUTH PLAIN or AUTH LOGIN as
    advertised, then refuses MAIL FROM with a reply quoting everything the client sent for the login."""

    def __init__(self, mechanism: str) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.mechanism = mechanism
        self.logins: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                sent: list[str] = []

                def reply(text: str, conn: socket.socket = conn) -> None:
                    conn.sendall(text.encode() + b"\r\n")

                reply("220 echo ESMTP")
                for raw in lines:
                    line = raw.decode().rstrip("\r\n")
                    verb = line.split(" ", 1)[0].upper()
                    if verb == "EHLO":
                        reply(f"250-echo\r\n250 AUTH {self.mechanism}")
                    elif verb == "AUTH":
                        sent.append(line)
                        if self.mechanism == "LOGIN":
                            reply("334 UGFzc3dvcmQ6")
                            sent.append(lines.readline().decode().strip())
                        self.logins.append(" ".join(sent))
                        reply("235 2.7.0 ok")
                    elif verb == "MAIL":
                        decoded = [base64.b64decode(s.split()[-1] + "==").decode("latin-1") for s in sent]
                        reply(f"550 5.7.1 refused after {' '.join(sent)} {' '.join(decoded)!r}")
                    elif verb in ("RSET", "NOOP"):
                        reply("250 ok")
                    elif verb == "QUIT":
                        reply("221 bye")
                        break
                    else:
                        reply("502 no")

    def close(self) -> None:
        self.sock.close()


SECRET_FORMS = sorted(
    {
        f
        for secret in (
            WEBHOOK_PATH_SECRET,
            WEBHOOK_QUERY_SECRET,
            TG_TOKEN,
            *TG_TOKEN.split(":"),
            SMTP_PASS,
            f"\0{SMTP_USER}\0{SMTP_PASS}",
            f"{SMTP_USER}\0{SMTP_USER}\0{SMTP_PASS}",
        )  # fmt: skip
        for f in echoed_forms(secret)
    }
)


def test_secret_forms_echoed_by_servers_are_never_stored_logged_or_shown(tmp_path: Path, caplog) -> None:
    from crawler.alerts import delivery
    from tests.test_delivery import channels_toml, queue_db

    echo, smtp_plain, smtp_login = EchoServer(), EchoSMTP("PLAIN"), EchoSMTP("LOGIN")
    try:
        mail = """
[channels.{name}]
type = "email"
host = "127.0.0.1"
port = {port}
user = "{user}"
password_env = "TEST_SMTP_PASSWORD"
from = "kznews <alerts@example.kz>"
to = ["editor@example.kz"]
timeout = 5
"""
        extra = (
            f"""
[channels.tg]
type = "telegram"
token_env = "TEST_TG_TOKEN"
chat_id = "-1001"
base_url = "{echo.url}"
timeout = 5
"""
            + mail.format(name="plain", port=smtp_plain.port, user=SMTP_USER)
            + mail.format(name="login", port=smtp_login.port, user=SMTP_USER)
        )
        rules = channels_toml(extra).replace(
            'channels = ["hook"]', 'channels = ["hook", "tg", "plain", "login"]'
        )
        db, config = queue_db(tmp_path, rules, n=1)
        env = {
            "TEST_KZNEWS_WEBHOOK_URL": f"{echo.url}/hooks/{WEBHOOK_PATH_SECRET}?token={WEBHOOK_QUERY_SECRET}",
            "TEST_TG_TOKEN": TG_TOKEN,
            "TEST_SMTP_PASSWORD": SMTP_PASS,
        }
        with caplog.at_level(logging.DEBUG):
            counts = delivery.Deliverer(
                db, config.channels, secrets=delivery.Secrets(env=env), sleep=lambda _: None, tries_per_run=1
            ).run()
        assert counts["failed"] == 4
        # The servers did get (and echo) the secrets: the test would see a leak.
        assert any(WEBHOOK_PATH_SECRET in p for p in echo.paths) and any(TG_TOKEN in p for p in echo.paths)
        assert smtp_plain.logins and smtp_login.logins
        assert b64(f"\0{SMTP_USER}\0{SMTP_PASS}") in smtp_plain.logins[0]
        assert b64(SMTP_PASS) in smtp_login.logins[0]
        errors = dict(db.execute("SELECT channel, last_error FROM deliveries").fetchall())
        assert errors["hook"] == "HTTP 500 from the endpoint", errors
        assert errors["tg"] == "HTTP 401 from the endpoint", errors
        assert errors["plain"] == errors["login"] == "SMTP error (SMTPSenderRefused 550)", errors
        dumped = "\n".join(db.conn.iterdump())
        for form in SECRET_FORMS:
            assert form not in caplog.text, form
            assert form not in dumped, form
        db.conn.close()
        # The web view of the deliveries table (a real `kznews serve`) shows none of them either.
        with kznews_serve(tmp_path / "kznews.db") as served:
            pages = [
                http_get(f"{served.base}/kznews/deliveries")[1],
                http_get(f"{served.base}/kznews/deliveries.json")[1],
            ]
        assert "SMTPSenderRefused" in pages[0]
        for form in SECRET_FORMS:
            assert all(form not in page for page in pages), form
    finally:
        echo.close()
        smtp_plain.close()
        smtp_login.close()


def test_redaction_covers_derived_forms() -> None:
    from crawler.alerts import delivery

    hook = f"https://h.example/x/{WEBHOOK_PATH_SECRET}?k=abc&token={WEBHOOK_QUERY_SECRET}"
    secrets = delivery.Secrets(env={"TOK": TG_TOKEN, "HOOK": hook, "PASS": SMTP_PASS})
    secrets.get("tg", "TOK", "bot token")
    secrets.get("hook", "HOOK", "webhook URL")
    secrets.get("mail", "PASS", "SMTP password")
    secrets.remember(f"\0{SMTP_USER}\0{SMTP_PASS}")
    secrets.remember(f"{SMTP_USER}\0{SMTP_USER}\0{SMTP_PASS}")
    for form in SECRET_FORMS:
        redacted = secrets.redact(f"error: <{form}> end")
        assert form not in redacted and "[redacted]" in redacted, (form, redacted)
    # base64 of a longer text with the password at any offset (a Basic header, a quoted AUTH line)
    for prefix in ("", "u", "us", "user:"):
        encoded = b64(prefix + SMTP_PASS + "!")
        assert SMTP_PASS[2:-2] not in base64.b64decode(
            re.sub(r"\[redacted\]", "", secrets.redact(encoded))[: len(encoded) // 4 * 4] + "=="
        ).decode("latin-1", "replace"), prefix
    # A Bot API description of plain words is kept (it says what to fix); anything else is not quoted.
    assert delivery._PLAIN_REASON.match("Bad Request: chat not found")
    assert not delivery._PLAIN_REASON.match("Unauthorized AAHsecretHALFafterColon_xyz123")


# --- `kznews serve` -------------------------------------------------------------------------------------


def test_a_broken_secrets_file_is_reported_as_broken_on_every_delivery(tmp_path: Path) -> None:
    from tests.test_delivery import channels_toml, queue_db

    extra = '\n[channels.tg]\ntype = "telegram"\ntoken_env = "TEST_TG_TOKEN"\nchat_id = "-1001"\n'
    db, _ = queue_db(tmp_path, channels_toml(extra).replace('["hook"]', '["hook", "tg"]'), n=1)
    db.conn.close()
    broken = tmp_path / "secrets.toml"
    broken.write_text(
        f'[secrets]\nTEST_KZNEWS_WEBHOOK_URL = "http://127.0.0.1:9/{WEBHOOK_PATH_SECRET}\n', "utf-8"
    )
    env = {"KZNEWS_SECRETS_FILE": str(broken), "KZNEWS_LOG_LEVEL": "DEBUG"}
    env = {**{k: v for k, v in os.environ.items() if k != "TEST_KZNEWS_WEBHOOK_URL"}, **env}
    done = subprocess.run(
        [str(BIN / "kznews"), "alerts", "deliver", "--rules-file", str(tmp_path / "alerts.toml"),
         "--db", str(tmp_path / "kznews.db")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert "0 sent" in done.stdout, done.stdout + done.stderr
    with sqlite3.connect(tmp_path / "kznews.db") as conn:
        errors = [r[0] for r in conn.execute("SELECT last_error FROM deliveries ORDER BY id")]
    # both channels say why (before, the first did and the second said "variable not set"), with the line
    assert len(errors) == 2
    for error in errors:
        assert error.startswith(f"the secrets file {broken} is not valid TOML (at line 2, column "), error
        assert "is not set" not in error
    assert WEBHOOK_PATH_SECRET not in done.stdout + done.stderr + "".join(errors)
    # A missing file is named beside the variable that is not set.
    from crawler.alerts import delivery

    with pytest.raises(
        delivery.DeliveryError, match=r"TEST_X .* is not set and the secrets file .* does not exist"
    ):
        delivery.Secrets(env={}, file=str(tmp_path / "missing.toml")).get("hook", "TEST_X", "webhook URL")


# --- 4. `kznews serve`: a reader's SQL has bounds -----------------------------------------------------------


def rss_kb(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    return {key: int(re.search(rf"{key}:\s+(\d+) kB", status).group(1)) for key in ("VmRSS", "VmHWM")}  # type: ignore[union-attr]


def sql_json(base: str, sql: str) -> tuple[int, dict[str, Any]]:
    url = f"{base}/kznews.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "objects"})
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


ROWS_1000 = "with recursive r(n) as (select 1 union all select n + 1 from r where n < 1000)"
HOSTILE_SQL = [
    # (the query, a word the refusal must contain)
    ("select hex(randomblob(50000000))", "too big"),  # the query: +576 MB before
    ("select fts3_tokenizer('simple')", "not authorized"),  # returned a heap pointer before
    ("select fts3_tokenizer('simple', x'00')", "not authorized"),
    ("select load_extension('/tmp/nothing.so')", "not authorized"),
    ("select zeroblob(100000000)", "too big"),
    # many values under the per-value limit in one row: SQLite's heap cap stops it
    ("select " + ", ".join(f"hex(randomblob(3900000)) as c{i}" for i in range(40)), "larger than"),
    # many rows under the per-value limit: the result budget stops it
    (f"{ROWS_1000} select n, hex(randomblob(3000000)) from r", "larger than"),
    (f"{ROWS_1000} select group_concat(hex(randomblob(100000))) from r", "too big"),
]


@pytest.fixture(scope="module")
def served_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    from tests.test_delivery import channels_toml, queue_db

    tmp = tmp_path_factory.mktemp("serve")
    db, _ = queue_db(tmp, channels_toml(), n=2)
    db.conn.close()
    env = {"KZNEWS_FEEDS_DIR": str(tmp / "feeds"), "KZNEWS_TEST_MARKER": MARKER}
    with kznews_serve(tmp / "kznews.db", env) as served:
        yield served.base, served.process.pid, tmp


@pytest.mark.parametrize(("sql", "word"), HOSTILE_SQL, ids=[s[:40] for s, _ in HOSTILE_SQL])
def test_serve_refuses_costly_or_unneeded_sql(served_db: tuple[str, int, Path], sql: str, word: str) -> None:
    base, pid, _ = served_db
    before = rss_kb(pid)
    status, answer = sql_json(base, sql)
    after = rss_kb(pid)
    print(
        f"{sql[:60]!r}: {status}, {answer['error'][:70]!r}; RSS {before['VmRSS']} kB -> peak {after['VmHWM']} kB"
    )
    assert status == 400 and word in answer["error"], (status, answer)
    assert "rows" not in answer or not answer["rows"]
    # The server's peak memory rose by far less than the 576 MB the issue measured.
    assert after["VmHWM"] - before["VmRSS"] < 200_000, (before, after)


def test_serve_still_answers_normal_queries_and_pages(served_db: tuple[str, int, Path]) -> None:
    base, pid, _ = served_db
    status, answer = sql_json(base, "select count(*) as n from articles")
    assert status == 200 and answer["rows"] == [{"n": 2}]
    status, answer = sql_json(base, "select id, title, body from articles order by id")
    assert status == 200 and [r["id"] for r in answer["rows"]] == ["art1", "art2"]
    status, answer = sql_json(base, "select length(hex(randomblob(1000000))) as n")  # a large value is fine
    assert status == 200 and answer["rows"] == [{"n": 2_000_000}]
    status, answer = sql_json(base, f"{ROWS_1000} select count(*) as n from r")
    assert status == 200 and answer["rows"] == [{"n": 1000}]
    status, answer = sql_json(base, "select * from articles_fts where articles_fts match 'Тоқаевтың'")
    assert status == 200 and answer["rows"]
    for page in ("/-/kznews", "/-/kznews/rules/tokayev", "/kznews/articles", "/kznews/alert_hits"):
        with urllib.request.urlopen(base + page, timeout=30) as answer_page:
            assert answer_page.status == 200, page
    assert rss_kb(pid)["VmRSS"] < 400_000


# --- 5. the low items -------------------------------------------------------------------------------------


class TagFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)


def html_tags(text: str) -> list[str]:
    finder = TagFinder()
    finder.feed(text)
    finder.close()
    return finder.tags


def test_rss_title_is_text_even_for_a_reader_that_renders_it_as_html(tmp_path: Path) -> None:
    from crawler.alerts import feeds
    from tests.test_alerts import SCRIPT_TITLE
    from tests.test_delivery import channels_toml, queue_db

    db, _ = queue_db(tmp_path, channels_toml(), n=2)
    db.execute(
        "UPDATE articles SET title = ? WHERE id = 'art2'", ["<img src=x onerror=alert(1)> & <b>bold</b>"]
    )
    rss = ElementTree.fromstring(feeds.render(db.conn, "tokayev", "rss"))
    titles = [t.text or "" for t in rss.iter("title")]
    assert len(titles) == 3  # the channel's and two items'
    for text in titles:  # what a reader gets after its one XML parse, then renders as HTML
        assert html_tags(text) == [], text
    assert "&lt;script&gt;document.title=" in titles[1] + titles[2]  # shown, as text
    # Atom says type="text": its titles stay as written
    atom = ElementTree.fromstring(feeds.render(db.conn, "tokayev", "atom"))
    atom_titles = [t.text for t in atom.iter("{http://www.w3.org/2005/Atom}title")]
    assert SCRIPT_TITLE in atom_titles


def test_ingest_refuses_script_urls_and_hostile_sites_and_status_prints_no_escape_codes(
    tmp_path: Path,
) -> None:
    from tests.test_alerts import article

    good = {k: v for k, v in article(1).items() if k in ("url", "site", "language", "title", "body")}
    lines = [
        good,
        {**good, "url": "javascript:alert(document.cookie)"},
        {**good, "url": "data:text/html,<script>alert(1)</script>"},
        {**good, "url": "JAVASCRIPT:alert(1)//https://www.zakon.kz/"},
        {**good, "url": "https://www.zakon.kz/\x1b[2K1.html"},
        {**good, "site": "zakon_kz\x1b[2K\r" + "all sites OK" + "\x1b[8m"},
        {**good, "site": "evil_kz"},
    ]
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    db = tmp_path / "kznews.db"
    done = subprocess.run(
        [str(BIN / "kznews"), "ingest", str(source), "--db", str(db)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, "KZNEWS_LOG_LEVEL": "WARNING"},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    refusals = [line for line in done.stderr.splitlines() if line.startswith("line ")]
    assert [r.split(":", 1)[0] for r in refusals] == [f"line {n}" for n in range(2, 8)], done.stderr
    assert all("url must be an http(s) URL" in r for r in refusals[:4]), refusals
    assert all("site must be a known site id (one of akorda_kz, gov_kz" in r for r in refusals[4:]), refusals
    assert "\x1b" not in done.stdout + done.stderr and "\r" not in done.stdout + done.stderr
    assert "ingested 1 article(s)" in done.stdout and "6 refused" in done.stdout + done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT url, site FROM articles").fetchall() == [(good["url"], "zakon_kz")]
        # a database written before this check (or by hand) still holds such a site: status shows it escaped
        conn.execute(
            "INSERT INTO articles (id, url, canonical_url, site, first_seen_at, last_seen_at)"
            " VALUES ('x', 'https://e.kz/x', 'https://e.kz/x', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            ["evil\x1b[2K\r\u202eall sites OK\x9b31m"],
        )
    shown = subprocess.run(
        [str(BIN / "kznews"), "status", "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    out = shown.stdout + shown.stderr
    assert "evil\\x1b[2K\\x0d\\u202eall sites OK\\x9b31m" in out, out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out), repr(out)


def test_live_feed_links_never_take_the_request_host(served_db: tuple[str, int, Path]) -> None:
    base, _, _ = served_db
    port = int(base.rsplit(":", 1)[1])
    for fmt in ("atom", "rss", "json"):
        status, body = get(port, f"/-/kznews/feeds/tokayev.{fmt}", {"Host": "evil.example:666"})
        assert status == 200, (fmt, body[:200])
        assert b"evil.example" not in body, fmt
        assert f"{base}/-/kznews/feeds/tokayev.".encode() in body, fmt


def test_feed_files_are_served_only_from_inside_the_feeds_dir(served_db: tuple[str, int, Path]) -> None:
    base, _, tmp = served_db
    port = int(base.rsplit(":", 1)[1])
    folder = tmp / "feeds"
    folder.mkdir(exist_ok=True)
    (folder / "tokayev.atom").write_bytes(b"<feed>the real one</feed>")
    outside = tmp / "outside-secret.json"
    outside.write_bytes(f'{{"secret": "{MARKER}"}}'.encode())
    for name, target in (
        ("evil.atom", Path("/etc/passwd")),
        ("tokayev.json", outside),
        ("x.rss", folder.parent),
    ):
        (folder / name).unlink(missing_ok=True)
        (folder / name).symlink_to(target)  # ln -s /etc/passwd data/feeds/evil.atom
    local = {"Host": f"127.0.0.1:{port}"}
    assert get(port, "/-/kznews/files/tokayev.atom", local) == (200, b"<feed>the real one</feed>")
    for name in ("evil.atom", "tokayev.json", "x.rss"):
        status, body = get(port, f"/-/kznews/files/{name}", local)
        assert status == 404, (name, body[:200])
        assert not leaks(body, PASSWD) and MARKER.encode() not in body, name
    for target in ("/-/kznews/files/..%2f..%2f..%2fetc%2fpasswd.atom", "/-/kznews/files/../../etc/passwd"):
        status, body = get(port, target, local)
        assert status in (302, 404) and not leaks(body, PASSWD), target  # 302: Datasette's ~ encoding


def test_serve_answers_the_mirror_attacks_with_nothing_from_outside(served_db: tuple[str, int, Path]) -> None:
    """The same requests sent to a real `kznews serve`: not one byte of /etc/passwd or the environment."""
    base, pid, _ = served_db
    port = int(base.rsplit(":", 1)[1])
    assert MARKER.encode() in Path(f"/proc/{pid}/environ").read_bytes()
    status, body = raw_request(port, b"GET /etc/passwd HTTP/1.0\r\n\r\n")
    assert status in (400, 404) and not leaks(body, PASSWD)
    targets = [t for _, t, _ in TRAVERSALS if t] + [
        "/environ",
        "/-/kznews/files/../../../../proc/self/environ",
    ]
    for target in targets:
        for headers in ({"Host": f"127.0.0.1:{port}"}, {"Host": "/proc/self", "X-Mirror-Host": "/proc/self"}):
            status, body = get(port, target, headers)
            assert status in (302, 400, 404), (target, headers, status, body[:200])
            assert not leaks(body, PASSWD) and MARKER.encode() not in body and b"PATH=" not in body, target
