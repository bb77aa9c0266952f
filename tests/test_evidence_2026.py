"""What other people's 2025-26 crawlers saw on the live sites (issue 15, deliverable 5), checked on the
mirror: akorda legal-act URLs, primeminister `a.article` cards and its form-only archive, gov.kz 100
items a call and a single-use access ticket handled without doubling the requests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from scrapy.http import HtmlResponse

from crawler.crawl.mirror import MirrorHandler
from crawler.spiders.akorda_kz import AkordaKzSpider
from crawler.spiders.primeminister_kz import PrimeministerKzSpider
from tests.conftest import MIRROR
from tests.ops_support import crawl, mirror, runs

akorda_article = AkordaKzSpider.is_article


def test_akorda_legal_acts_in_english_and_the_legacy_decrees_are_articles() -> None:
    assert akorda_article(
        "https://www.akorda.kz/en/legal_acts/decrees/on-the-national-kurultai-of-kazakhstan"
    )
    assert akorda_article("https://www.akorda.kz/en/legal_acts/laws/on-amendments-to-the-budget-code")
    assert akorda_article("https://www.akorda.kz/ru/legal_acts/decrees/o-nacionalnom-kurultae")
    # the section pages themselves and other sites' pages stay out
    assert not akorda_article("https://www.akorda.kz/en/legal_acts")
    assert not akorda_article("https://www.akorda.kz/en/legal_acts/decrees")
    assert not akorda_article("https://www.akorda.kz/en/legal_acts/decrees/a/b")
    assert not akorda_article("https://www.gov.kz/en/legal_acts/decrees/on-the-national-kurultai")


def test_primeminister_cards_that_are_the_link_itself() -> None:
    html = (
        '<html><body><main><a class="article" href="/ru/news/o-chem-to-31770">'
        '<div class="article__wrapper-top"><span class="article__date">15 июл 2026</span></div>'
        '<div class="article__title">О чём-то</div></a>'
        '<a class="article" href="/en/news/reviews/record-housing-30371"><span class="article__date">'
        "1 Jul 2026</span></a></main></body></html>"
    )
    response = HtmlResponse(url="https://primeminister.kz/ru/news", body=html.encode(), encoding="utf-8")
    cards = PrimeministerKzSpider().cards(response)
    assert cards == [
        ("https://primeminister.kz/ru/news/o-chem-to-31770", "15 июл 2026"),
        ("https://primeminister.kz/en/news/reviews/record-housing-30371", "1 Jul 2026"),
    ]


def test_primeminister_backfill_invents_no_archive_url() -> None:
    import asyncio

    spider = PrimeministerKzSpider(since="2026-01-01")

    async def collect() -> list[str]:
        return [r.url async for r in spider.start()]

    urls = asyncio.run(collect())
    assert urls and not any("/archive" in u for u in urls), urls


def _statuses(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT responses_by_status, stats FROM crawl_runs ORDER BY id DESC").fetchone()
    out = {k: int(v) for k, v in json.loads(row[0]).items()}
    stats = json.loads(row[1])
    out["tickets"] = int(stats.get("kznews/gov_kz/tickets", 0))
    return out


def test_gov_single_use_ticket_costs_one_ticket_per_call_and_no_doubling(tmp_path: Path) -> None:
    agencies = "mfa,minfin"
    settings = {"KZNEWS_GOV_AGENCIES": agencies}
    with mirror([MIRROR]) as server:
        crawl(tmp_path / "free.db", server.base_url, "gov_kz", settings=settings)
        free_hits = dict(server.hits)
    free = _statuses(tmp_path / "free.db")
    list_calls = sum(n for url, n in free_hits.items() if "content-manager/news?" in url)
    assert free["tickets"] == 2  # a ticket that does not run out: one per agency, never renewed
    assert all("size=100" in url for url in free_hits if "content-manager/news?" in url)
    assert list_calls == 6  # 2 agencies x 3 languages, each one call of up to 100 items

    with mirror([MIRROR]) as server:
        server.ticket_uses = 1  # each ticket serves one list call, as a 2026 client met it
        crawl(tmp_path / "single.db", server.base_url, "gov_kz", settings=settings)
    single = _statuses(tmp_path / "single.db")
    with sqlite3.connect(tmp_path / "free.db") as a, sqlite3.connect(tmp_path / "single.db") as b:
        query = "SELECT id, title, published_at FROM articles ORDER BY id"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()  # nothing lost
    refused = single.get("403", 0)
    # The spider learns the limit from the first refusal (one per agency at most), then renews just
    # before each call: about one ticket per list call, not a refused call plus a renewal per page.
    assert 1 <= refused <= 2, single
    assert single["tickets"] <= list_calls + refused, single
    assert single["200"] - free["200"] == single["tickets"] - free["tickets"], single


class FailingMfaRuList(MirrorHandler):
    """gov.kz answering 503 to mfa's Russian list call, every time (the other calls as the mirror)."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if "projects=eq:mfa" in self.path and "lang=ru" in self.path:
            self.send_error(503)
            return
        super().do_GET()


def test_gov_a_failed_list_call_does_not_drop_the_agency_s_other_languages(tmp_path: Path) -> None:
    """An agency's list calls go one at a time after its ticket (ru first): a call that fails for good
    (503 after the retries) passes the turn to the next, so kk and en are still read."""
    settings = {"KZNEWS_GOV_AGENCIES": "mfa,minfin"}
    query = "SELECT section, language, count(*) FROM articles GROUP BY section, language ORDER BY 1, 2"
    with mirror([MIRROR]) as server:
        crawl(tmp_path / "free.db", server.base_url, "gov_kz", settings=settings)
    with mirror([MIRROR]) as server:
        server.RequestHandlerClass = FailingMfaRuList
        crawl(tmp_path / "failing.db", server.base_url, "gov_kz", settings=settings, check=False)
        asked = [url for url in server.hits if "projects=eq:mfa" in url and "content-manager/news?" in url]
    with sqlite3.connect(tmp_path / "free.db") as a, sqlite3.connect(tmp_path / "failing.db") as b:
        free, failing = a.execute(query).fetchall(), b.execute(query).fetchall()
    assert {lang for section, lang, _ in free if section == "mfa"} == {"ru", "kk", "en"}
    assert failing == [row for row in free if row[:2] != ("mfa", "ru")]
    # ru failed (answered before the mirror counts a hit), then kk and en were asked all the same
    assert sorted(url.split("lang=")[1][:2] for url in asked) == ["en", "kk"], asked
    stats = runs(tmp_path / "failing.db", "gov_kz")[-1]["stats"]
    assert any(
        "lang=ru" in key and "eq:mfa" in key for key in stats if key.startswith("kznews/entry/failed/")
    )


def test_zakon_feed_found_on_the_homepage_and_a_dead_feed_not_asked_every_run(tmp_path: Path) -> None:
    """2026: www.zakon.kz/rss.xml answered 404; the feed a homepage advertises is found instead."""
    import shutil

    root = tmp_path / "mirror"
    shutil.copytree(MIRROR, root)
    (root / "www.zakon.kz" / "rss.xml").rename(root / "www.zakon.kz" / "rss-all.xml")
    home = root / "www.zakon.kz" / "index.html"
    home.write_text(
        home.read_text(encoding="utf-8").replace("https://www.zakon.kz/rss.xml", "/rss-all.xml"),
        encoding="utf-8",
    )
    db = tmp_path / "kznews.db"
    runs = []
    for _ in range(2):
        with mirror([root]) as server:
            crawl(db, server.base_url, "zakon_kz")
            runs.append(dict(server.hits))
    first, second = runs  # the mirror keys its hits by the real host, over http
    assert first.get("http://www.zakon.kz/rss.xml") == 1 and first.get("http://www.zakon.kz/rss-all.xml") == 1
    assert "http://www.zakon.kz/rss.xml" not in second  # remembered as dead (404)
    assert second.get("http://www.zakon.kz/rss-all.xml") == 1  # the discovered feed is read every run
    with sqlite3.connect(db) as conn:
        rss = conn.execute("SELECT count(*) FROM articles WHERE date_source = 'rss'").fetchone()[0]
        state = conn.execute(
            "SELECT last_status FROM url_state WHERE url = 'https://www.zakon.kz/rss.xml'"
        ).fetchone()
        health = [r[0] for r in conn.execute("SELECT reasons FROM site_health ORDER BY id")]
    assert rss > 0 and state == (404,)
    assert "rss.xml failed" in health[0] and "rss.xml" not in health[1]  # reported once, then quiet
