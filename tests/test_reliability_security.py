"""Security: fuzzed queries and CLI arguments, hostile article text, `kznews serve`, and secrets.

- hypothesis feeds arbitrary text to the alert query parser and matcher and to every `kznews`
  command that takes text (in-process, click's CliRunner, temporary databases): never an SQL or FTS
  error, never a traceback — exit status 0, 1 or 2 with a message;
- an article carrying <script>, javascript: links, RTL overrides, zero-width characters, NUL and a
  lone surrogate goes through ingest, an alert rule, the feeds, a webhook, Telegram (a loopback Bot
  API) and the Datasette pages: inert everywhere;
- `kznews serve` binds 127.0.0.1 and refuses writes;
- a webhook URL, a bot token and an SMTP password planted in the environment never appear in the
  command output, the log, the database or the feed files.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.cli.main import cli
from tests.conftest import BIN, ROOT, free_port, kznews_serve

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Text a person (or an attacker) might type: query syntax, SQL and FTS5 metacharacters, Cyrillic, odd Unicode.
PIECES = st.sampled_from(
    [
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "(",
        ")",
        '"',
        "'",
        "-",
        "*",
        "^",
        ":",
        ";",
        "--",
        "/*",
        "%",
        "_",
        "\\",
        "Тоқаев",
        "Токаев",
        "әкім",
        "Ұлттық банк",
        "drop table articles",
        "' OR 1=1 --",
        '"; DELETE FROM x; --',
        "\x00",
        "\u202e",
        "\u200b",
        "\ufeff",
        "articles_fts",
        "MATCH",
        "{",
        "}",
        "[",
        "]",
        "NEAR(a b, 2)",
        "2026-01-01",
        "2026-13-45",
        "../../etc/passwd",
        "%s",
        "{0}",
        "${HOME}",
        " ",
        "\n",
    ]
)
TEXT = st.one_of(
    st.lists(PIECES, max_size=8).map(" ".join),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40),
)
# Command-line arguments cannot carry NUL (argv is C strings); file contents and query text can.
ARG = TEXT.map(lambda t: t.replace("\x00", ""))
CLI_FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BAD_OUTPUT = re.compile(
    r"Traceback|sqlite3\.|OperationalError|fts5: syntax error|no such column|unrecognized token"
)


def assert_handled(result: Any, *args: str) -> None:
    """Exit 0/1/2 and a message: no traceback, no SQL or FTS error text."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kznews {args!r} raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert not BAD_OUTPUT.search(result.output), (args, result.output)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from crawler.store.db import open_db

    db = str(tmp_path_factory.mktemp("fuzz") / "kznews.db")
    open_db(db).conn.close()
    return db


# --- the query parser and matcher -------------------------------------------------------------------


@FUZZ
@given(query=TEXT, text=TEXT)
def test_fuzzed_queries_parse_or_fail_with_query_error(query: str, text: str) -> None:
    from crawler.matching import QueryError, find_matches, parse_query

    try:
        parse_query(query)
    except QueryError as exc:
        assert str(exc)  # a sentence with the position
        return
    find_matches(query, text)  # a query that parses can be matched against anything


# --- every CLI command that takes text ----------------------------------------------------------------


@CLI_FUZZ
@given(query=ARG, text=ARG, rule_id=ARG, date=ARG)
def test_fuzzed_alert_commands_never_crash(
    fuzz_db: str, query: str, text: str, rule_id: str, date: str
) -> None:
    runner = CliRunner()
    for args in (
        ["alerts", "try", query, "--text", text],
        ["alerts", "try", query, "--text", text, "--lang", "kk", "--fold-scripts"],
        ["alerts", "add", rule_id or "x", query, "--db", fuzz_db],
        ["alerts", "remove", rule_id or "x", "--db", fuzz_db],
        ["alerts", "list", "--db", fuzz_db],
        [
            "alerts",
            "run",
            "--since",
            date,
            "--db",
            fuzz_db,
            "--feeds-dir",
            str(Path(fuzz_db).parent / "feeds"),
        ],
    ):
        assert_handled(runner.invoke(cli, args, catch_exceptions=True), *args)
    with sqlite3.connect(fuzz_db) as conn:  # nothing reached SQL unescaped: the schema is intact
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {"articles", "alert_rules", "articles_fts"} <= {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master")
        }


@CLI_FUZZ
@given(text=ARG, now=ARG, site=ARG, path=ARG)
def test_fuzzed_other_commands_never_crash(fuzz_db: str, text: str, now: str, site: str, path: str) -> None:
    runner = CliRunner()
    lines = tmp_lines(
        fuzz_db, [text, now, json.dumps({"url": text, "site": site, "title": now, "body": text})]
    )
    for args in (
        ["dates", text],
        ["dates", text, "--now", now],
        ["crawl", f"nosuch{site}", "--db", fuzz_db],
        ["crawl", "zakon_kz", "-s", text, "--db", fuzz_db] if "=" not in text else ["dates", text],
        ["ingest", lines, "--db", fuzz_db],
        ["ingest", path or "missing", "--db", fuzz_db],
        ["alerts", "list", "--db", str(Path(fuzz_db).parent / f"no-such-dir-{abs(hash(path))}" / "x.db")],
    ):
        assert_handled(runner.invoke(cli, args, catch_exceptions=True), *args)


def tmp_lines(fuzz_db: str, lines: list[str]) -> str:
    path = Path(fuzz_db).parent / "fuzz.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
    return str(path)


# --- hostile article text, end to end ----------------------------------------------------------------

SECRETS = {
    "KZNEWS_WEBHOOK_URL": "/hook/SECRETWEBHOOKPATH1234?key=SECRETQUERYVALUE5678",  # prefixed with the server
    "KZNEWS_TELEGRAM_TOKEN": "123456789:SECRETBOTTOKENabcdefghij",
    "KZNEWS_SMTP_PASSWORD": "SECRETSMTPPASSWORD9012",
}
HOSTILE = {
    "url": "https://www.zakon.kz/obshestvo/7100001-hostile.html",
    "site": "zakon_kz",
    "language": "kk",
    "title": "Тоқаев <script>alert('title')</script> \u202eevil\u202c\u200b\x00 \ud800 <img src=x onerror=alert(1)>",
    "lead": '<a href="javascript:alert(1)">click</a> \u2066isolate\u2069',
    "body": (
        "Мемлекет басшысы Тоқаев сапармен барды. <script>document.location='https://evil.example'</script> "
        '<a href="javascript:alert(document.cookie)">Тоқаев</a> \u202e\u200b\x00\ud800 жолдау. '
        + "Мемлекет басшысы Тоқаев өңірлерді аралады. "
        * 8
    ),
    "image": "javascript:alert('img')",
    "published_at": "2026-10-01T10:00:00+05:00",
}


class Recorder(BaseHTTPRequestHandler):
    """A loopback webhook receiver and Bot API: records bodies; the Bot API answers 401 echoing the
    path (with the token), as a hostile or broken server might."""

    bodies: list[tuple[str, bytes]] = []

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Recorder.bodies.append((self.path, body))
        if self.path.startswith("/bot"):
            answer = json.dumps(
                {"ok": False, "error_code": 401, "description": f"Unauthorized {self.path}"}
            ).encode()
            self.send_response(401)
        else:
            answer = b'{"ok": true}'
            self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile-text")
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{receiver.server_address[1]}"
    closed_port = free_port()
    rules = tmp / "alerts.toml"
    rules.write_text(
        f"""
[[rules]]
id = "tokayev"
query = "Тоқаев"
channels = ["hook", "tg", "mail"]

[channels.hook]
type = "webhook"
url_env = "KZNEWS_WEBHOOK_URL"
timeout = 5

[channels.tg]
type = "telegram"
token_env = "KZNEWS_TELEGRAM_TOKEN"
chat_id = "@kznews_test"
base_url = "{base}"
timeout = 5

[channels.mail]
type = "email"
host = "127.0.0.1"
port = {closed_port}
user = "alerts@example.kz"
password_env = "KZNEWS_SMTP_PASSWORD"
from = "kznews <alerts@example.kz>"
to = ["editor@example.kz"]
timeout = 5
""",
        encoding="utf-8",
    )
    secrets = {**SECRETS, "KZNEWS_WEBHOOK_URL": base + SECRETS["KZNEWS_WEBHOOK_URL"]}
    env = {
        **os.environ,
        **secrets,
        "KZNEWS_LOG_LEVEL": "DEBUG",
        "KZNEWS_FEEDS_DIR": str(tmp / "feeds"),
        "KZNEWS_ALERTS_FILE": str(rules),
    }
    db = str(tmp / "kznews.db")
    source = tmp / "hostile.jsonl"
    source.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")  # \\ud800 stays a JSON escape
    outputs = []
    for args in (
        ["ingest", str(source), "--db", db],
        ["alerts", "run", "--since", "2000-01-01", "--deliver", "--rules-file", str(rules), "--db", db,
         "--feeds-dir", str(tmp / "feeds")],
        ["alerts", "deliver", "--rules-file", str(rules), "--db", db],
    ):  # fmt: skip
        done = subprocess.run(
            [str(BIN / "kznews"), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
        )
        outputs.append(done)
    receiver.shutdown()
    return {"tmp": tmp, "db": db, "outputs": outputs, "secrets": secrets, "bodies": list(Recorder.bodies)}


def test_hostile_article_is_stored_and_matched_without_crash(hostile_run: dict[str, Any]) -> None:
    ingest, run, deliver = hostile_run["outputs"]
    assert ingest.returncode == 0, ingest.stderr
    assert run.returncode == 0, run.stdout + run.stderr
    assert deliver.returncode in (0, 1), deliver.stderr
    for done in hostile_run["outputs"]:
        assert "Traceback" not in done.stderr + done.stdout
    with sqlite3.connect(hostile_run["db"]) as conn:
        (title,) = conn.execute("SELECT title FROM articles").fetchone()
        hits = conn.execute("SELECT count(*) FROM alert_hits").fetchone()[0]
    assert hits == 1
    assert "\x00" not in title and "\u202e" not in title and "\u200b" not in title  # cleaned before storing


def test_feeds_are_inert(hostile_run: dict[str, Any]) -> None:
    from lxml import etree

    files = sorted((hostile_run["tmp"] / "feeds").glob("tokayev.*"))
    assert {f.suffix for f in files} >= {".atom", ".rss", ".json"}, files
    for path in files:
        raw = path.read_bytes()
        if path.suffix == ".json":
            data = json.loads(raw)
            for item in data["items"]:
                content = item.get("content_html", "").lower()
                assert "<script" not in content and "<img" not in content and "<a href" not in content
                for key in ("url", "external_url", "image", "banner_image"):
                    assert not str(item.get(key) or "").lower().startswith("javascript:"), (
                        key,
                        item.get(key),
                    )
            continue
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False))  # well-formed XML
        for node in root.iter():
            tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
            # Text elements (Atom type="text", the default; RSS <title>) are shown as text: inert by spec.
            # HTML-bearing ones (Atom type="html", RSS <description>, content:encoded) are rendered by
            # readers after one XML unescape: that HTML must hold no live markup.
            is_html = node.get("type") in ("html", "xhtml") or tag in ("description", "encoded")
            text = (node.text or "").lower()
            if is_html:
                assert "<script" not in text and "<img" not in text and "<a href" not in text, (
                    path.name,
                    tag,
                    text[:200],
                )
            for name, value in node.attrib.items():
                assert not value.strip().lower().startswith("javascript:"), (path.name, tag, name, value)


def test_telegram_and_email_messages_are_inert(hostile_run: dict[str, Any]) -> None:
    from crawler.alerts.delivery import email_message, telegram_text

    telegram_posts = [json.loads(body) for path, body in hostile_run["bodies"] if path.startswith("/bot")]
    assert telegram_posts, "the Telegram channel was never tried"
    for post in telegram_posts:
        text = post["text"]
        low = text.lower()  # parse_mode HTML: escaped text is shown as text; live tags would be markup
        assert "<script" not in low and "<img" not in low and 'href="javascript' not in low
    webhook_posts = [json.loads(body) for path, body in hostile_run["bodies"] if path.startswith("/hook")]
    assert webhook_posts and all(isinstance(p, dict) for p in webhook_posts)  # JSON: inert by construction
    payload = {
        "rule_id": "tokayev",
        "title": HOSTILE["title"] + "\r\nBcc: victim@example.com",
        "url": "javascript:alert(1)",
        "snippet": HOSTILE["body"][:300],
        "matched_forms": ["Тоқаев"],
        "language": "kk",
        "site": "zakon_kz",
        "published_at": "2026-10-01T05:00:00Z",
    }
    text = telegram_text(payload)
    assert "<script" not in text.lower() and 'href="javascript' not in text.lower()
    message = email_message(payload, sender="kznews <a@example.kz>", recipients=["e@example.kz"], key="k1")
    assert (
        message["Bcc"] is None and "\n" not in str(message["Subject"]) and "\r" not in str(message["Subject"])
    )
    for part in message.walk():
        if part.get_content_type() == "text/html":  # text/plain shows "<script>" as the characters it is
            content = part.get_content().lower()
            assert "<script" not in content and 'href="javascript' not in content


def test_secrets_never_appear_in_output_logs_database_or_feeds(hostile_run: dict[str, Any]) -> None:
    secrets = [
        "SECRETWEBHOOKPATH1234",
        "SECRETQUERYVALUE5678",
        "SECRETBOTTOKENabcdefghij",
        "SECRETSMTPPASSWORD9012",
    ]
    # The Bot API and the webhook did receive what they should (the secrets are in use) ...
    assert any("SECRETBOTTOKEN" in path for path, _ in hostile_run["bodies"])
    # ... but nothing we write shows them.
    haystacks = [done.stdout + done.stderr for done in hostile_run["outputs"]]
    with sqlite3.connect(hostile_run["db"]) as conn:
        haystacks.append("\n".join(conn.iterdump()))
    haystacks += [p.read_text(encoding="utf-8") for p in (hostile_run["tmp"] / "feeds").iterdir()]
    for secret in secrets:
        for hay in haystacks:
            assert secret not in hay
    # The failures were reported, with the secret redacted.
    assert "401" in "".join(haystacks) or "failed" in "".join(haystacks)


# --- kznews serve ----------------------------------------------------------------------------------------


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.255.255.255", 1))  # no packet is sent: only picks the outgoing interface
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_serve_is_local_read_only_and_pages_are_inert(hostile_run: dict[str, Any]) -> None:
    db = hostile_run["db"]
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    env = {"KZNEWS_FEEDS_DIR": str(hostile_run["tmp"] / "feeds")}
    with kznews_serve(db, env=env) as served:
        base, port = served.base, served.port
        other = _non_loopback_address()
        if other:
            with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
                pass
        name = Path(db).stem
        for page in ("/-/kznews", "/-/kznews/rules/tokayev", f"/{name}/articles", f"/{name}/alert_hits"):
            try:
                html = urllib.request.urlopen(base + page, timeout=10).read().decode("utf-8").lower()
            except urllib.error.HTTPError as exc:
                assert exc.code == 404, (page, exc.code)  # a page another engineer has not built yet
                continue
            assert "<script>alert" not in html and "<script>document" not in html, page
            assert '<a href="javascript:' not in html and "<img src=x" not in html, page
        # Writes: the SQL endpoint refuses anything but SELECT, the write API is off.
        delete = urllib.parse.quote("delete from articles")
        with pytest.raises(urllib.error.HTTPError) as refused_sql:
            urllib.request.urlopen(f"{base}/{name}.json?sql={delete}", timeout=10)
        assert refused_sql.value.code == 400 and b"SELECT" in refused_sql.value.read()
        request = urllib.request.Request(
            f"{base}/{name}/articles/-/insert", data=b'{"row": {"id": "x"}}', method="POST",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code in (400, 403, 404, 405)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == before
