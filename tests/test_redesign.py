"""A site redesign, offline: the mirror's pages with every class and id renamed, no JSON-LD, no meta, other
headline and body containers, listing cards under new names and dates printed in other forms
(tools/redesign.py builds the overlay into a temporary folder). The real engine crawls the mirror and then
the redesigned mirror; per site, the redesign must keep the title exact, the body (token F1 >= 0.9) and the
published day in Asia/Almaty on at least 95% of the articles the mirror crawl stored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from crawler.crawl.mirror import serve
from tests.conftest import MIRROR, ROOT, kznews

sys.path.insert(0, str(ROOT / "tools"))
import redesign  # noqa: E402

SITES = ("zakon_kz", "primeminister_kz", "akorda_kz")
FLOOR = 0.95


def crawl(roots: list[Path], db: Path) -> None:
    server = serve(roots)
    try:
        kznews("crawl", *SITES, "--mirror-url", server.base_url, "--db", str(db))
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("redesign")
    overlay = work / "overlay"
    stats = redesign.build(overlay)
    # the redesign really happened: names, JSON-LD, meta, containers and dates all changed
    assert stats["files"] > 100 and stats["jsonld removed"] > 20 and stats["meta removed"] > 200
    assert stats["class renamed"] > 1000 and stats["headlines changed"] > 50 and stats["dates reprinted"] > 50
    reference, changed = work / "mirror.db", work / "redesign.db"
    crawl([MIRROR], reference)
    crawl([overlay, MIRROR], changed)
    return reference, changed


def test_the_overlay_hides_every_site_selector(tmp_path: Path) -> None:
    redesign.build(tmp_path, hosts=("www.zakon.kz",))
    page = next((tmp_path / "www.zakon.kz" / "obshestvo").glob("*.html")).read_text(encoding="utf-8")
    for gone in ('class="content"', "article__block", "ld+json", "og:title", "<h1", "<time", "newscard"):
        assert gone not in page
    assert "<title>" in page and "<section" in page


@pytest.mark.parametrize("site", SITES)
def test_a_redesign_keeps_title_body_and_day(crawls: tuple[Path, Path], site: str) -> None:
    reference, changed = crawls
    result = redesign.compare(str(reference), str(changed))[site]
    total = result["articles"]
    assert total >= 20, result
    report = (
        f"{site}: {result['found']}/{total} found, title {result['title']}, body {result['body']} "
        f"(mean F1 {result['mean_f1']:.3f}), day {result['day']}, lead {result['lead']}\n  "
        + "\n  ".join(result["misses"])
    )
    print(report)
    for check in ("found", "title", "body", "day"):
        assert result[check] >= FLOOR * total, report


def test_the_redesign_is_read_by_the_generic_layer(crawls: tuple[Path, Path]) -> None:
    """The site selectors and JSON-LD/meta found nothing on the redesign: title, body and (where the page
    prints a date) the date came from the generic layer, and field_sources says so."""
    import sqlite3

    from crawler.crawl.extract import GENERIC

    _, changed = crawls
    with sqlite3.connect(changed) as conn:
        rows = conn.execute(
            "SELECT site, field_sources, date_source FROM articles WHERE site != 'gov_kz'"
        ).fetchall()
    assert rows
    for site, sources, date_source in rows:
        layers = json.loads(sources)
        assert layers["title"] in (GENERIC, "site") and layers["body"] == GENERIC, (site, layers)
        assert "jsonld" not in layers.values() and "meta" not in layers.values(), (site, layers)
        assert date_source in (GENERIC, "title", "listing", "rss"), (site, date_source)
