"""gov.kz's change check end to end: the real gov_kz spider and Scrapy engine against the mirror server's
GraphQL endpoint (crawler/crawl/mirror.py gov_graphql, graphql-core), real SQLite files.

One POST asks every agency x language list for its newest ids; only the lists with an unknown id are read
through the ticketed REST API; a portal without the endpoint costs one refused request and loses nothing."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from crawler.crawl.mirror import MirrorServer
from crawler.crawl.publishing import PublishingMirror, almaty_midnight, hours
from tests.conftest import MIRROR
from tests.ops_support import crawl, make_all_due, mirror, rows, runs

ADAPTIVE = {"KZNEWS_POLLING": "adaptive"}
REST_ONLY = {"KZNEWS_API_CHECK": "0"}


def stored_urls(db: Path) -> set[str]:
    return {r["url"] for r in rows(db, "SELECT url FROM articles WHERE site = 'gov_kz'")}


def test_an_idle_gov_run_costs_one_request_and_a_busy_one_reads_only_what_changed(tmp_path: Path) -> None:
    start = almaty_midnight(2026, 10, 5) + hours(10)
    server = PublishingMirror(
        [MIRROR], tmp_path / "overlay", start=start, end=start + hours(3), sites=("gov_kz",)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    db = tmp_path / "kznews.db"
    try:
        crawl(db, server.base_url, "gov_kz", settings=ADAPTIVE)
        first = runs(db, "gov_kz")[-1]
        make_all_due(db)
        hits_before = dict(server.hits)
        crawl(db, server.base_url, "gov_kz", settings=ADAPTIVE)  # nothing published since
        idle = runs(db, "gov_kz")[-1]
        idle_hits = {
            url: n - hits_before.get(url, 0) for url, n in server.hits.items() if n > hits_before.get(url, 0)
        }
        published = server.advance(start + hours(2))
        # the check is gov.kz's one polled entry point (the lists it finds news in are read at once)
        entries = rows(db, "SELECT entry FROM poll_state WHERE site = 'gov_kz' AND kind != 'robots'")
        assert [r["entry"] for r in entries] == ["https://www.gov.kz/graphql"]
        make_all_due(db)
        crawl(db, server.base_url, "gov_kz", settings=ADAPTIVE)
        busy = runs(db, "gov_kz")[-1]
    finally:
        server.shutdown()
        server.server_close()
    assert first["items_new"] > 20  # the first run read every list
    # robots.txt is cached by the polling state: the idle run is the check alone
    assert idle["requests"] == 1 and idle["items_new"] == 0, idle
    assert list(idle_hits) == ["http://www.gov.kz/graphql"]
    assert published and {server.article_url(p) for p in published} <= stored_urls(db)
    # the busy run read only the changed lists: a ticket per changed agency, a list call per changed language
    changed = {p.channel for p in published}  # "agency:lang"
    agencies = {c.split(":")[0] for c in changed}
    assert busy["requests"] <= 1 + len(agencies) + len(changed) + len(changed), busy
    assert busy["stats"]["kznews/gov_kz/check_changed"] == len(changed)


def test_without_the_graphql_endpoint_every_list_is_read_as_before(tmp_path: Path) -> None:
    db, rest_db = tmp_path / "kznews.db", tmp_path / "rest.db"
    with mirror() as server:
        crawl(rest_db, server.base_url, "gov_kz", settings=REST_ONLY)
    server = MirrorServer([MIRROR], graphql=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        crawl(db, server.base_url, "gov_kz")
    finally:
        server.shutdown()
        server.server_close()
    run = runs(db, "gov_kz")[-1]
    assert run["stats"]["kznews/gov_kz/check_failed"] == 1
    assert stored_urls(db) == stored_urls(rest_db) and len(stored_urls(db)) > 20
    (health,) = rows(db, "SELECT state, reasons FROM site_health WHERE site = 'gov_kz'")
    assert health["state"] != "BROKEN", health


def test_a_list_with_young_items_is_read_again_for_edits_on_its_own_slower_schedule(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    mfa_ru = "https://www.gov.kz/api/v1/public/content-manager/news?projects=eq:mfa&page=1&size=100&sort-by=created_date:DESC&lang=ru"
    with mirror() as server:
        crawl(db, server.base_url, "gov_kz")
        crawl(db, server.base_url, "gov_kz")  # nothing new, nothing young: the check alone
        quiet = runs(db, "gov_kz")[-1]["stats"]
        conn = sqlite3.connect(db)
        # mfa's Russian items published an hour ago (young: editors may still fix them) ...
        conn.execute(
            "UPDATE articles SET published_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour')"
            " WHERE site = 'gov_kz' AND section = 'mfa' AND language = 'ru'"
        )
        conn.commit()
        crawl(db, server.base_url, "gov_kz")  # ... but their list was read minutes ago: not yet
        recent = runs(db, "gov_kz")[-1]["stats"]
        conn.execute(
            "UPDATE url_state SET last_fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7 hours') WHERE url = ?",
            [mfa_ru],
        )
        conn.commit()
        conn.close()
        crawl(db, server.base_url, "gov_kz")  # last read 7 h ago (KZNEWS_API_REFRESH_MINUTES 360): read
        due = runs(db, "gov_kz")[-1]
    assert quiet.get("kznews/gov_kz/check_changed") == 0 and recent.get("kznews/gov_kz/check_changed") == 0
    assert due["stats"]["kznews/gov_kz/check_changed"] == 1
    assert due["items_unchanged"] + due["items_updated"] >= 5  # mfa's ru items, read again


def test_a_run_after_a_passed_check_is_partial_for_the_health_check(tmp_path: Path) -> None:
    """A run after a check reads only the lists with news, so the links it offers (live: 5 ids a list
    against up to 100 a list read) are not the site's volume; a run whose check failed read everything."""
    db = tmp_path / "kznews.db"
    with mirror() as server:
        crawl(db, server.base_url, "gov_kz", settings=REST_ONLY)
        crawl(db, server.base_url, "gov_kz")
    server = MirrorServer([MIRROR], graphql=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        crawl(db, server.base_url, "gov_kz")
    finally:
        server.shutdown()
        server.server_close()
    checks = rows(db, "SELECT state, metrics FROM site_health WHERE site = 'gov_kz' ORDER BY id")
    partial = [json.loads(r["metrics"])["run"]["partial"] for r in checks]
    assert partial == [False, True, False]
    assert [r["state"] for r in checks] == ["OK", "OK", "OK"]


def test_refresh_reads_go_oldest_first_for_a_few_agencies_a_run(tmp_path: Path) -> None:
    """The lists read in one busy evening all fall due for their refresh together: a run reads those of at
    most KZNEWS_API_REFRESH_AGENCIES agencies, the ones read longest ago, and the next run the others."""
    db = tmp_path / "kznews.db"
    one = {"KZNEWS_API_REFRESH_AGENCIES": "1"}
    with mirror() as server:
        crawl(db, server.base_url, "gov_kz")
        conn = sqlite3.connect(db)
        conn.execute(
            "UPDATE articles SET published_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour')"
            " WHERE site = 'gov_kz'"
        )
        for agency, hours_ago in (("mfa", 7), ("minfin", 9)):
            conn.execute(
                "UPDATE url_state SET last_fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)"
                " WHERE url LIKE ? AND url LIKE '%page=1&%'",
                [f"-{hours_ago} hours", f"%projects=eq:{agency}&%"],
            )
        conn.commit()
        conn.close()
        stale = []
        for _ in range(3):
            crawl(db, server.base_url, "gov_kz", settings=one)
            stale.append(sorted({r["agency"] for r in rows(db, STALE_LISTS)}))
    refreshed = [r["stats"]["kznews/gov_kz/check_refresh_agencies"] for r in runs(db, "gov_kz")[1:]]
    assert refreshed == [1, 1, 0]
    assert stale == [["mfa"], [], []]  # minfin was read 9 h ago, so before mfa (7 h ago); then mfa


# page 1 lists last read over an hour ago, by agency
STALE_LISTS = (
    "SELECT substr(url, instr(url, 'eq:') + 3, instr(substr(url, instr(url, 'eq:') + 3), '&') - 1) AS agency"
    " FROM url_state WHERE url LIKE '%content-manager/news%' AND url LIKE '%page=1&%'"
    " AND last_fetched_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour')"
)


def test_a_catch_up_run_reads_every_list_without_a_check(tmp_path: Path) -> None:
    """After an interrupted run the gaps lie below the newest ids, where the check does not look."""
    db = tmp_path / "kznews.db"
    with mirror() as server:
        crawl(db, server.base_url, "gov_kz")
        crawl(db, server.base_url, "gov_kz", settings={"KZNEWS_CATCH_UP": "1"})
        crawl(db, server.base_url, "gov_kz")
    _first, catch_up, after = runs(db, "gov_kz")
    assert catch_up["stats"].get("kznews/incremental/catch_up") == 1
    assert "kznews/gov_kz/check_changed" not in catch_up["stats"] and catch_up["requests"] > 50
    assert after["stats"]["kznews/gov_kz/check_changed"] == 0 and after["requests"] == 2
