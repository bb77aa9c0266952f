"""End to end: the real Scrapy engine, real HTTP on 127.0.0.1 against the mirror, a real SQLite file."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from crawler.crawl.mirror import serve
from tests.conftest import MIRROR, kznews

ZAKON_ARTICLE = "www.zakon.kz/obshestvo/6533466-dva-zagruzhennykh-perekrestka-zakroyut-v-astane.html"


def counts(db: str) -> dict[tuple[str, str], int]:
    with sqlite3.connect(db) as conn:
        return {
            (s, lang): n
            for s, lang, n in conn.execute("SELECT site, language, count(*) FROM articles GROUP BY 1, 2")
        }


@pytest.fixture(scope="module")
def zakon_db(tmp_path_factory: pytest.TempPathFactory, mirror_server) -> str:
    db = str(tmp_path_factory.mktemp("e2e") / "kznews.db")
    kznews("crawl", "zakon_kz", "--mirror-url", mirror_server.base_url, "--db", db)
    return db


def test_zakon_crawl_stores_both_languages_with_complete_fields(zakon_db: str) -> None:
    found = counts(zakon_db)
    assert found.get(("zakon_kz", "ru"), 0) >= 12 and found.get(("zakon_kz", "kk"), 0) >= 12
    with sqlite3.connect(zakon_db) as conn:
        bad = conn.execute(
            "SELECT url FROM articles WHERE title IS NULL OR length(body) < 200 OR published_at IS NULL"
            " OR language IS NULL"
        ).fetchall()
        assert bad == []
        # every article page fetched is in the raw archive, linked from its article
        orphans = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN pages p ON p.id = a.page_id WHERE p.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        body = conn.execute("SELECT body FROM articles WHERE url LIKE '%6533466%'").fetchone()[0]
    assert "Поделитесь" not in body and "Google News" not in body and not re.search(r"^Фото:", body, re.M)


def test_second_crawl_adds_nothing(zakon_db: str, mirror_server) -> None:
    before = counts(zakon_db)
    result = kznews("crawl", "zakon_kz", "--mirror-url", mirror_server.base_url, "--db", zakon_db)
    assert counts(zakon_db) == before
    assert re.search(r"zakon_kz\s+ru\s+\d+\s+0\s+0", result.stdout), result.stdout


def test_a_changed_article_is_updated_not_duplicated(zakon_db: str, tmp_path: Path) -> None:
    # A variant of the mirror where one article was edited and the sitemap says so (lastmod later).
    variant = tmp_path / "variant"
    target = variant / ZAKON_ARTICLE
    target.parent.mkdir(parents=True)
    original = (MIRROR / ZAKON_ARTICLE).read_text(encoding="utf-8")
    headline = "Два загруженных перекрестка закроют в Астане"
    assert headline in original
    target.write_text(original.replace(headline, headline + " (обновлено)"), encoding="utf-8")
    for sitemap in (MIRROR / "www.zakon.kz" / "sitemap").glob("*.xml"):
        text = sitemap.read_text(encoding="utf-8")
        if "6533466" in text:
            text = re.sub(r"(6533466[^<]*</loc>\s*<lastmod>)[^<]+", r"\g<1>2099-01-01T00:00:00+05:00", text)
        out = variant / "www.zakon.kz" / "sitemap" / sitemap.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    server = serve([variant, MIRROR])
    try:
        before = counts(zakon_db)
        kznews("crawl", "zakon_kz", "--lang", "ru", "--mirror-url", server.base_url, "--db", zakon_db)
    finally:
        server.shutdown()
    assert counts(zakon_db) == before
    with sqlite3.connect(zakon_db) as conn:
        title, revision = conn.execute(
            "SELECT title, revision FROM articles WHERE url LIKE '%6533466%'"
        ).fetchone()
    assert title.endswith("(обновлено)") and revision == 2


def test_crawl_rejects_unknown_site() -> None:
    result = kznews("crawl", "nosuch_kz", check=False)
    assert result.returncode != 0 and "unknown site 'nosuch_kz'" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_process_stores_the_same_articles(zakon_db: str, mirror_server, tmp_path: Path) -> None:
    """KZNEWS_WRITER_PROCESS=0: every stage in the crawl process, with the same result as the writer child."""
    db = str(tmp_path / "inline.db")
    result = kznews("crawl", "zakon_kz", "--mirror-url", mirror_server.base_url, "--db", db,
                    env={"KZNEWS_WRITER_PROCESS": "0"})  # fmt: skip
    assert re.search(r"zakon_kz\s+ru\s+16\s+16\s+0", result.stdout), result.stdout

    def rows(path: str) -> set[tuple[str, ...]]:
        with sqlite3.connect(path) as conn:
            return set(conn.execute("SELECT id, title, published_at, reporter, cited_sources FROM articles"))

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM alert_hits").fetchone()[0] > 0
        # every page and validator kept, whichever process wrote them
        assert (
            conn.execute(
                "SELECT count(*) FROM articles WHERE page_id IS NULL OR page_id NOT IN (SELECT id FROM pages)"
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM articles WHERE url NOT IN (SELECT url FROM url_state)"
            ).fetchone()[0]
            == 0
        )
    # the module-scoped crawl (writer child) stored the same articles (its titles may carry the edit test's change)
    assert {r[0] for r in rows(db)} == {r[0] for r in rows(zakon_db)}
