"""`kznews serve`: a real Datasette server on 127.0.0.1 over a temporary database, driven over HTTP and
with headless Chromium (Debian's `chromium`, installed by .ci/run)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import sqlite3
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest

from tests.conftest import http_get as get
from tests.conftest import kznews_serve
from tests.test_alerts import KK_GOV_BODY, RU_BODY, SCRIPT_TITLE, article, make_db

IMG_TITLE = "Тоқаев <img src=x onerror=\"document.title='pwned-img'\">"
KK_OTHER_BODY = (
    "Астанада Тоқаев жаңа мектептің ашылу салтанатына қатысты. Мектеп бір мың екі жүз оқушыға арналған, "
    "онда заманауи зертханалар, спорт залы және кітапхана бар. Ата-аналар мен мұғалімдер жаңа ғимараттың "
    "сапасына ризашылығын білдірді. Қала әкімдігі биыл тағы үш мектеп салуды жоспарлап отыр."
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("web")
    db_path, _ = make_db(
        tmp,
        [
            article(1, title=SCRIPT_TITLE),
            article(
                2, language="ru", title="Визит Токаева", body=RU_BODY, published_at="2026-03-14T08:00:00Z"
            ),
            article(
                3,
                title=IMG_TITLE,
                body=KK_OTHER_BODY,
                url="javascript:alert(1)",
                published_at="2026-03-14T09:00:00Z",
            ),
            # Twins on the Government's site: one story seen in Kazakh and in Russian.
            article(
                4,
                site="primeminister_kz",
                native_id="901",
                body=KK_GOV_BODY + " Тоқаев.",
                url="https://primeminister.kz/kz/news/901",
            ),
            article(
                5,
                site="primeminister_kz",
                native_id="901",
                language="ru",
                body=RU_BODY + " Итоги.",
                title="Заседание Правительства",
                url="https://primeminister.kz/ru/news/901",
            ),
        ],
    )
    log = tmp / "serve.log"
    with kznews_serve(db_path, env={"KZNEWS_FEEDS_DIR": str(tmp / "feeds")}, log=log) as served:
        yield {"base": served.base, "port": served.port, "db": db_path, "log": log, "tmp": tmp}


def count(db_path: str, sql: str) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def dump_dom(url: str, tmp: Path) -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp / 'chromium-profile'}", "--virtual-time-budget=2000", "--dump-dom", url],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_rule_page_in_headless_chromium(server: dict[str, Any]) -> None:
    dom = dump_dom(f"{server['base']}/-/kznews/rules/tokayev", server["tmp"])
    # No script from a title ran: the document title is ours, the titles are shown as text.
    assert re.search(r"<title>\s*kznews rule tokayev\s*</title>", dom), dom[:500]
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)  # type: ignore[union-attr]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<script>document.title" not in dom and '<img src="x"' not in dom
    assert "&lt;img src=x onerror=" in dom
    # The hits: one row per hit of the rule, with its marked forms.
    hits = count(server["db"], "SELECT count(*) FROM alert_hits WHERE rule_id = 'tokayev'")
    # art2 (Zakon.kz) and art5 (the Government's Russian release) share their text, and art5 is art4's
    # twin: one story for the three, so one hit for it; plus art1 and art3.
    assert hits == 3
    assert len(re.findall(r'<tr class="kz-hit">', dom)) == hits
    assert "<mark>Тоқаевтың</mark>" in dom and "<mark>Токаева</mark>" in dom
    assert 'href="javascript:' not in dom
    # The chart: 30 days of bars, the hits spread over them by publication day.
    svg = re.search(r'<svg class="kz-chart".*?</svg>', dom, re.S)
    assert svg is not None
    bars = re.findall(r'<rect class="bar" data-day="([\d-]+)" data-count="(\d+)"', svg.group())
    assert len(bars) == 30 and sum(int(n) for _, n in bars) == hits
    assert {d: n for d, n in bars if n != "0"} == {"2026-03-11": "1", "2026-03-14": "2"}


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_index_page_lists_rules_with_live_feeds(server: dict[str, Any]) -> None:
    dom = dump_dom(f"{server['base']}/-/kznews", server["tmp"])
    for rule in ("tokayev", "government", "zakon-only"):
        assert f'href="/-/kznews/rules/{rule}"' in dom
        assert f'href="/-/kznews/feeds/{rule}.atom"' in dom
    assert "Stories seen in both Kazakh and Russian" in dom


def test_live_feeds_and_files(server: dict[str, Any]) -> None:
    status, body = get(f"{server['base']}/-/kznews/feeds/tokayev.atom")
    assert status == 200
    parsed = feedparser.parse(body.encode("utf-8"))
    assert not parsed.bozo and len(parsed.entries) == 3
    assert parsed.feed.links[1].href == f"{server['base']}/-/kznews/feeds/tokayev.atom"
    assert {e.title for e in parsed.entries} >= {SCRIPT_TITLE, IMG_TITLE}
    status, body = get(f"{server['base']}/-/kznews/feeds/tokayev.json")
    assert status == 200 and json.loads(body)["version"] == "https://jsonfeed.org/version/1.1"
    assert get(f"{server['base']}/-/kznews/feeds/nope.rss")[0] == 404
    assert get(f"{server['base']}/-/kznews/feeds/..%2Fetc.rss")[0] == 404
    assert get(f"{server['base']}/-/kznews/files/tokayev.rss")[0] == 404  # no crawl has written files here


def test_canned_queries(server: dict[str, Any]) -> None:
    base, name = server["base"], Path(server["db"]).stem
    status, body = get(f"{base}/{name}/stories_in_kk_and_ru.json?_shape=array")
    assert status == 200
    stories = json.loads(body)
    assert [s["story_id"] for s in stories] == ["art4"]
    status, body = get(f"{base}/{name}/cites_the_government.json?_shape=array")
    assert status == 200 and len(json.loads(body)) == 5  # every test article cites primeminister
    status, body = get(f"{base}/{name}/latest_articles_per_site.json?_shape=array&per_site=1")
    assert status == 200 and sorted(r["site"] for r in json.loads(body)) == ["primeminister_kz", "zakon_kz"]
    status, body = get(f"{base}/{name}/alert_hits_per_rule.json?_shape=array")
    per_rule = {r["rule_id"]: r["hits"] for r in json.loads(body)}
    assert per_rule["tokayev"] == 3


def test_read_only_and_loopback_only(server: dict[str, Any]) -> None:
    base, name, db = server["base"], Path(server["db"]).stem, server["db"]
    before = count(db, "SELECT count(*) FROM articles")
    request = urllib.request.Request(
        f"{base}/{name}/articles/-/insert", data=json.dumps({"row": {"id": "x", "url": "u"}}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code in (403, 404, 405)
    status, _ = get(f"{base}/{name}.json?sql=" + urllib.request.quote("DELETE FROM articles"))
    assert status in (400, 403)
    status, _ = get(f"{base}/{name}.json?sql=" + urllib.request.quote("UPDATE articles SET title = 'x'"))
    assert status in (400, 403)
    assert count(db, "SELECT count(*) FROM articles") == before
    assert count(db, "SELECT count(*) FROM articles WHERE title = 'x'") == 0
    # Bound to 127.0.0.1 only: another loopback address is refused.
    assert f"running on http://127.0.0.1:{server['port']}" in server["log"].read_text()
    with socket.socket() as other, pytest.raises(OSError):
        other.settimeout(2)
        other.connect(("127.0.0.2", server["port"]))


def test_write_actions_are_refused_by_the_plugin() -> None:
    import asyncio

    from datasette.app import Datasette

    datasette = Datasette(memory=True)

    async def check() -> dict[str, bool]:
        await datasette.invoke_startup()
        return {
            action: await datasette.permission_allowed(None, action, default=True)
            for action in (
                "insert-row",
                "delete-row",
                "update-row",
                "drop-table",
                "create-table",
                "view-instance",
            )
        }

    allowed = asyncio.run(check())
    assert allowed == {"insert-row": False, "delete-row": False, "update-row": False, "drop-table": False,
                       "create-table": False, "view-instance": True}  # fmt: skip


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from crawler.cli.alerts import serve

    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database at" in result.output
