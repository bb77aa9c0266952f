"""The reading room (crawler/web/pages.py, crawler/web/search.py, crawler/web/metadata.py): a database built by
the real crawl of the offline mirror (`kznews demo --db`), served by the real `kznews serve`, read over
HTTP and in headless Chromium (Debian's `chromium`, installed by .ci/run).

Screenshots of every page go to tests/.screens/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from crawler.alerts.rules import article_text
from crawler.display import local_time
from crawler.matching import find_matches
from crawler.web.metadata import is_hidden
from tests.conftest import ROOT, kznews, kznews_serve
from tests.conftest import http_get as get

SCREENS = ROOT / "tests" / ".screens"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"
)
KAZAKH = re.compile(r"[әғқңөұүһі]")
RUSSIAN = re.compile(r"[ыэъё]|\b(и|в|на|с)\b")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("reading-room")
    db = tmp / "demo.db"
    kznews("demo", "--db", str(db))
    log = tmp / "serve.log"
    with kznews_serve(db, log=log) as served:
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        yield {"base": served.base, "db": db, "conn": conn, "tmp": tmp, "name": db.stem, "log": log}
        conn.close()
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def chromium(site: dict[str, Any], path: str, screen: str) -> str:
    """The page's DOM after Chromium rendered it; a full-page screenshot beside it in tests/.screens/."""
    assert CHROMIUM is not None
    url = site["base"] + path
    flags = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        f"--user-data-dir={site['tmp'] / 'chromium-profile'}", "--virtual-time-budget=2000",
    ]  # fmt: skip
    SCREENS.mkdir(parents=True, exist_ok=True)
    shot = SCREENS / f"{screen}.png"
    shot.unlink(missing_ok=True)
    # one browser start for both: headless Chromium writes the screenshot and prints the DOM in one run
    done = subprocess.run(
        [*flags, "--window-size=1280,2400", f"--screenshot={shot}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr[-2000:]
    return done.stdout


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def story_with_both_languages(conn: sqlite3.Connection) -> sqlite3.Row:
    """A story with Kazakh and Russian members, one of which names Тоқаев in some inflected form."""
    for story in conn.execute(
        "SELECT * FROM stories WHERE languages LIKE '%\"kk\"%' AND languages LIKE '%\"ru\"%' ORDER BY id"
    ):
        members = conn.execute("SELECT * FROM articles WHERE story_id = ?", [story["id"]]).fetchall()
        if any(find_matches("Тоқаев", article_text(dict(m)), lang=m["language"]) for m in members):
            return story
    raise AssertionError("the demo database has no kk+ru story about Тоқаев")


# --- the pages in Chromium ----------------------------------------------------------------------------------


@needs_chromium
def test_home_page(site: dict[str, Any]) -> None:
    conn = site["conn"]
    dom = chromium(site, "/", "home")
    assert re.search(r"<title>\s*kznews\s*</title>", dom)
    assert 'action="/-/kznews/search"' in dom and 'name="q"' in dom
    sites = [r[0] for r in conn.execute("SELECT DISTINCT site FROM articles ORDER BY site")]
    rows = re.findall(r'<tr class="kz-site-row" data-site="([a-z_]+)">(.*?)</tr>', dom, re.S)
    assert [s for s, _ in rows] == sites
    health = {r["site"]: r["state"] for r in conn.execute("SELECT site, state FROM site_health ORDER BY id")}
    today = local_time(conn.execute("SELECT max(first_seen_at) FROM articles").fetchone()[0], "day")
    for name, row in rows:
        # The demo crawl ran today: every article of the site is new today.
        cells = re.findall(r"<td>(\d+)</td>", row)
        stored = conn.execute("SELECT first_seen_at FROM articles WHERE site = ?", [name]).fetchall()
        assert int(cells[0]) == sum(local_time(r[0], "day") == today for r in stored) > 0
        assert re.search(rf'kz-state-{health[name]}"[^>]*>{health[name]}</span>', row)
        # The latest article's headline is rendered as text (Kazakh or Russian), its time Almaty local.
        latest = conn.execute(
            "SELECT title, published_at, date_precision FROM articles WHERE site = ? AND published_at IS NOT NULL"
            " ORDER BY published_at DESC LIMIT 1",
            [name],
        ).fetchone()
        assert html.escape(latest["title"], quote=False) in row
        assert local_time(latest["published_at"], latest["date_precision"]) in row
    assert KAZAKH.search(text_of(dom)) and RUSSIAN.search(text_of(dom))
    # The chart: one bar per site and day, by Almaty publication day, summing to what the database holds.
    bars = re.findall(r'data-site="([a-z_]+)" data-day="([\d-]+)" data-count="(\d+)"', dom)
    assert len(bars) == 30 * len(sites)
    days = sorted({d for _, d, _ in bars})
    expected = 0
    for row in conn.execute("SELECT published_at FROM articles WHERE published_at IS NOT NULL"):
        day = local_time(row[0], "day")
        expected += days[0] <= day <= days[-1]
    assert sum(int(n) for _, _, n in bars) == expected > 0
    # Rules with activity link to their pages; bookkeeping tables are not listed.
    assert 'href="/-/kznews/rules/tokayev"' in dom
    browse = dom[dom.index("<h2>Browse</h2>") :]
    assert browse.index(">articles<") < browse.index(">stories<")
    assert ">dedup_lsh<" not in browse and ">schema_version<" not in browse


@needs_chromium
def test_search_finds_inflected_forms_grouped_by_story(site: dict[str, Any]) -> None:
    conn = site["conn"]
    query = "Тоқаев"
    dom = chromium(site, "/-/kznews/search?q=" + urllib.parse.quote(query), "search-kk")
    shown = re.findall(r'<div class="kz-hit" data-article="([0-9a-f]+)">', dom)
    # Exactly the articles the alert engine matches (the demo holds fewer than one page of them) ...
    truth = {
        r["id"]: r
        for r in conn.execute("SELECT * FROM articles")
        if find_matches(query, article_text(dict(r)), lang=r["language"])
    }
    assert set(shown) == set(truth) and len(shown) == len(truth)
    # ... which is more than plain FTS5 finds for the same word (it misses Тоқаевтың, Тоқаевқа ...).
    plain = conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ['"Тоқаев"']
    ).fetchone()[0]
    assert len(shown) > plain
    marked = set(re.findall(r"<mark>([^<]+)</mark>", dom))
    assert {"Тоқаевтың", "Тоқаевқа"} <= marked
    # Newest first, grouped by story: each story once, its group holding every matching member.
    published = [truth[a]["published_at"] or "" for a in shown]
    groups = re.findall(r'<div class="kz-group">(.*?)</div>\s*</div>', dom, re.S)
    story_of = [truth[a]["story_id"] for a in shown]
    assert len(groups) == len(set(story_of))
    group_starts = [story_of[i] for i in range(len(story_of)) if i == 0 or story_of[i] != story_of[i - 1]]
    assert len(group_starts) == len(set(group_starts))  # members of a story are shown together
    for story_id in set(story_of):
        size = conn.execute("SELECT member_count FROM stories WHERE id = ?", [story_id]).fetchone()[0]
        assert f'/-/kznews/story/{story_id}">story</a> of {size} member' in dom
    firsts = [published[story_of.index(s)] for s in group_starts]
    assert firsts == sorted(firsts, reverse=True)
    # Local times of the results: Almaty, by stored precision.
    for article_id in shown[:5]:
        row = truth[article_id]
        assert local_time(row["published_at"], row["date_precision"]) in dom
    assert "Мемлекет басшысы" in text_of(dom)


@needs_chromium
def test_search_russian_surname_and_filters(site: dict[str, Any]) -> None:
    conn = site["conn"]
    path = "/-/kznews/search?q=" + urllib.parse.quote("Токаев") + "&language=ru&site=akorda_kz"
    dom = chromium(site, path, "search-ru-filtered")
    shown = re.findall(r'<div class="kz-hit" data-article="([0-9a-f]+)">', dom)
    truth = {
        r["id"]
        for r in conn.execute("SELECT * FROM articles WHERE language = 'ru' AND site = 'akorda_kz'")
        if find_matches("Токаев", article_text(dict(r)), lang="ru")
    }
    assert shown and set(shown) == truth
    assert "<mark>Токаева</mark>" in dom or "<mark>Токаеву</mark>" in dom or "<mark>Токаевым</mark>" in dom
    assert 'value="akorda_kz" checked' in dom and 'value="ru" checked' in dom


def test_search_refuses_a_malformed_query_in_one_sentence(site: dict[str, Any]) -> None:
    status, body = get(site["base"] + "/-/kznews/search?q=" + urllib.parse.quote("(Тоқаев"))
    assert status == 400
    error = re.search(r'<p class="kz-error[^"]*">(.*?)</p>', body, re.S)
    assert error and "parenthes" in error.group(1).lower()
    status, body = get(site["base"] + "/-/kznews/search?q=x&since=yesterday")
    assert status == 400 and "Not a date" in body


@needs_chromium
def test_article_page(site: dict[str, Any]) -> None:
    conn = site["conn"]
    story = story_with_both_languages(conn)
    members = conn.execute("SELECT * FROM articles WHERE story_id = ?", [story["id"]]).fetchall()
    article = next(
        m
        for m in members
        if m["language"] == "kk" and find_matches("Тоқаев", article_text(dict(m)), lang="kk")
    )
    dom = chromium(site, f"/-/kznews/article/{article['id']}", "article")
    headline = re.search(r'<h1 class="kz-headline">(.*?)</h1>', dom, re.S)
    assert headline and text_of(headline.group(1)) == article["title"]
    assert KAZAKH.search(article["title"] + (article["body"] or ""))
    published = re.search(r'class="kz-time kz-published" title="([^"]*)">([^<]*)<', dom)
    assert published and published.groups() == (
        article["published_at"],
        local_time(article["published_at"], article["date_precision"]),
    )
    assert (
        f'<td class="kz-site">{article["site"]}' in dom
        and f'<td class="kz-language">{article["language"]}</td>' in dom
    )
    body = re.search(r'<div class="kz-body">(.*?)</div>', dom, re.S)
    assert body is not None
    paras = [p for p in (article["body"] or "").split("\n\n") if p.strip()]
    assert len(re.findall(r"<p>", body.group(1))) == len(paras)
    assert f'href="{html.escape(article["url"])}"' in dom
    # Its story: every member (the Russian one too), with how it joined; which came first.
    for member in members:
        assert html.escape(member["title"], quote=False) in dom
    assert any(m["language"] == "ru" for m in members)
    relations = {
        r[0] for r in conn.execute("SELECT relation FROM story_members WHERE story_id = ?", [story["id"]])
    }
    for relation in relations:
        assert f'<span class="kz-badge">{relation}</span>' in dom
    assert ("This article came first" in dom) == (story["origin_article_id"] == article["id"])
    # The rules it matches, and their forms marked in the text.
    rules = re.findall(r'<tr class="kz-rule"><td><a href="/-/kznews/rules/([a-z0-9_-]+)">', dom)
    assert "tokayev" in rules
    forms = find_matches("Тоқаев", article_text(dict(article)), lang="kk")
    for form in forms:
        assert f"<mark>{form}</mark>" in body.group(1) or f"<mark>{form}</mark>" in headline.group(1)


@needs_chromium
def test_article_page_marks_the_forms_of_a_search(site: dict[str, Any]) -> None:
    conn = site["conn"]
    row = next(
        r for r in conn.execute("SELECT * FROM articles WHERE language = 'ru' ORDER BY id")
        if any(f != "Токаев" for f in find_matches("Токаев", article_text(dict(r)), lang="ru"))
    )  # fmt: skip
    dom = chromium(
        site, f"/-/kznews/article/{row['id']}?q=" + urllib.parse.quote("Токаев"), "article-ru-search"
    )
    forms = find_matches("Токаев", article_text(dict(row)), lang="ru")
    assert f"forms marked: {', '.join(forms)}" in dom
    for form in forms:
        assert f"<mark>{form}</mark>" in dom
    assert RUSSIAN.search(text_of(dom))


@needs_chromium
def test_story_page(site: dict[str, Any]) -> None:
    conn = site["conn"]
    story = story_with_both_languages(conn)
    dom = chromium(site, f"/-/kznews/story/{story['id']}", "story")
    cards = re.findall(
        r'<div class="kz-member( kz-origin)?" lang="(\w*)" data-article="([0-9a-f]+)">(.*?)</div>', dom, re.S
    )
    members = conn.execute(
        "SELECT a.*, sm.relation FROM story_members sm JOIN articles a ON a.id = sm.article_id WHERE sm.story_id = ?",
        [story["id"]],
    ).fetchall()
    assert {c[2] for c in cards} == {m["id"] for m in members} and len(cards) == story["member_count"]
    by_id = {m["id"]: m for m in members}
    for origin, lang, article_id, card in cards:
        member = by_id[article_id]
        assert lang == member["language"]
        assert bool(origin) == (article_id == story["origin_article_id"])
        assert f'<span class="kz-badge">{member["relation"]}</span>' in card
        assert f'<span class="kz-site">{member["site"]}</span>' in card
        assert local_time(member["published_at"], member["date_precision"]) in card
        assert html.escape(member["title"], quote=False) in card
    assert {m["language"] for m in members} >= {"kk", "ru"}
    assert "How members were matched" in dom
    assert KAZAKH.search(text_of(dom)) and RUSSIAN.search(text_of(dom))


@needs_chromium
def test_rule_page_shows_almaty_times(site: dict[str, Any]) -> None:
    conn = site["conn"]
    dom = chromium(site, "/-/kznews/rules/tokayev", "rule")
    hit = conn.execute(
        "SELECT a.published_at, a.date_precision, h.matched_at FROM alert_hits h JOIN articles a ON a.id = h.article_id"
        " WHERE h.rule_id = 'tokayev' ORDER BY h.matched_at DESC, h.id DESC LIMIT 1"
    ).fetchone()
    first = re.search(r'<tr class="kz-hit">(.*?)</tr>', dom, re.S)
    assert first is not None
    assert local_time(hit["published_at"], hit["date_precision"]) in first.group(1)
    assert local_time(hit["matched_at"]) in first.group(1)
    assert "published (Almaty)" in dom


@needs_chromium
def test_datasette_table_with_metadata(site: dict[str, Any]) -> None:
    conn = site["conn"]
    dom = chromium(site, f"/{site['name']}/articles", "articles-table")
    assert "sorted by published_at descending" in text_of(dom)
    assert re.search(
        r'data-facet="site"|class="facet-info[^"]*"[^>]*>\s*<p class="facet-info-name">\s*<strong>site', dom
    ) or ("facet-info-name" in dom and ">site<" in dom.replace("<strong>", ">").replace("</strong>", "<"))
    newest = conn.execute("SELECT id FROM articles ORDER BY published_at DESC LIMIT 1").fetchone()[0]
    assert f'href="/-/kznews/article/{newest}"' in dom
    assert "stable id: first 16 hex digits" in dom  # column descriptions from docs/schema.md
    assert f'<a href="/-/kznews/article/{newest}">read</a>' in dom  # bodies cut short, linked to the page
    database = chromium(site, f"/{site['name']}", "database")
    listed = re.findall(r'<h3><a href="/[^/"]+/([a-z_]+)">', database)
    assert listed and "dedup_lsh" not in listed and "schema_version" not in listed and "pages" not in listed
    assert "articles" in listed and not any(is_hidden(t) for t in listed)


def test_table_json_metadata_facets_and_links(site: dict[str, Any]) -> None:
    base, name = site["base"], site["name"]
    status, body = get(f"{base}/{name}/articles.json?_shape=objects&_size=3")
    assert status == 200
    data = json.loads(body)
    assert data["human_description_en"].endswith("sorted by published_at descending")
    assert {f for f in data.get("facet_results", {})} >= {"site", "language"}
    status, body = get(f"{base}/-/metadata.json")
    meta = json.loads(body)["databases"][name]["tables"]
    assert meta["dedup_lsh"]["hidden"] is True and meta["articles"]["facets"] == ["site", "language"]


def test_canned_queries_show_rows_without_input(site: dict[str, Any]) -> None:
    base, name, conn = site["base"], site["name"], site["conn"]
    status, body = get(f"{base}/{name}/latest_articles_per_site.json?_shape=array")
    assert status == 200
    rows = json.loads(body)
    sites = conn.execute("SELECT count(DISTINCT site) FROM articles").fetchone()[0]
    assert (
        len(rows)
        == sum(
            min(10, conn.execute("SELECT count(*) FROM articles WHERE site = ?", [s]).fetchone()[0])
            for (s,) in conn.execute("SELECT DISTINCT site FROM articles")
        )
        and len({r["site"] for r in rows}) == sites
    )
    status, page = get(f"{base}/{name}/latest_articles_per_site")
    assert status == 200 and page.count('href="/-/kznews/article/') >= len(rows)
    # Day-precision dates stay days in Almaty time (no midnight of the day before in UTC).
    day_row = next((r for r in rows if r["date_precision"] == "day"), None)
    if day_row is not None:
        assert local_time(day_row["published_at"], "day") in page


def test_serve_reads_the_database_it_is_given(site: dict[str, Any]) -> None:
    total = site["conn"].execute("SELECT count(*) FROM articles").fetchone()[0]
    status, body = get(site["base"] + "/")
    assert status == 200 and f"{total} articles stored" in body
    assert f'href="/{site["name"]}"' in body
