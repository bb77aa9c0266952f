"""`kznews probe`: the first command to run where the live sites are reachable.

Per site it runs the real spider, politely and briefly (listing page 1 of each entry point, a few
articles: KZNEWS_MAX_LISTING_PAGES=1, KZNEWS_PROBE_ARTICLES, one request at a time per site), into a
throw-away database, with the same declared health checks as a crawl (crawler/ops/health.py). It saves what
it fetched as fixtures for review (the entry pages and the article pages, each article with the fields
parsed from it) and prints per site and field which layer supplied it, which selectors matched nothing
and which entry points failed. Exit status: 0 when every site is OK, 1 when one needs attention
(DEGRADED), 2 when one is BROKEN or unreachable.

Before any of that it checks, within PROBE_CONNECT_SECONDS, that the sites' hosts resolve and accept a
connection: offline, it says so in one sentence instead of waiting for timeouts.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

PROBE_CONNECT_SECONDS = 1.5
# The hosts a site's entry points live on (the connectivity check; the spiders know their own URLs).
SITE_HOSTS = {
    "zakon_kz": "www.zakon.kz",
    "primeminister_kz": "primeminister.kz",
    "akorda_kz": "www.akorda.kz",
    "gov_kz": "www.gov.kz",
}
FIELDS = ("title", "lead", "body", "published", "authors", "image")
SEVERITY = {"OK": 0, "DEGRADED": 1, "BROKEN": 2}


def reachable(targets: dict[str, tuple[str, int]], seconds: float = PROBE_CONNECT_SECONDS) -> dict[str, bool]:
    """Per name, whether host:port resolves and accepts a TCP connection, all within `seconds`."""
    answers: dict[str, bool] = dict.fromkeys(targets, False)

    def check(name: str, host: str, port: int) -> None:
        try:
            with socket.create_connection((host, port), timeout=seconds):
                answers[name] = True
        except OSError:
            pass

    threads = [
        threading.Thread(target=check, args=(name, host, port), daemon=True)
        for name, (host, port) in targets.items()
    ]
    for thread in threads:
        thread.start()
    deadline = seconds + 0.1
    for thread in threads:
        thread.join(max(deadline, 0.0))
        deadline = 0.05  # the others had the same time already
    return answers


def _mirror_target(mirror_url: str) -> tuple[str, int]:
    parts = urlsplit(mirror_url)
    return parts.hostname or "127.0.0.1", parts.port or (443 if parts.scheme == "https" else 80)


def layer_report(db: Any, site: str) -> dict[str, dict[str, int]]:
    """Per field, how many of the site's probed articles took it from each layer."""
    report: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}
    for sources_json, date_source, published in db.execute(
        "SELECT field_sources, date_source, published_at FROM articles WHERE site = ?", [site]
    ).fetchall():
        sources = json.loads(sources_json or "{}")
        for name in FIELDS:
            if name == "published":
                layer = (sources.get("published") or date_source) if published else None
            else:
                layer = sources.get(name)
            report[name][layer or "none"] += 1
    return {name: dict(counts) for name, counts in report.items() if counts}


def save_fixtures(db: Any, site: str, dest: Path, entry_pages: list[dict[str, Any]]) -> list[Path]:
    """The probed article pages (with their parsed fields) and entry pages under dest/site/, for review."""
    from crawler.ops.fixtures import expected_view, parse_page
    from crawler.store.articles import Store

    folder = dest / site
    folder.mkdir(parents=True, exist_ok=True)
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    written: list[Path] = []
    store = Store(db)
    rows = db.execute(
        "SELECT DISTINCT page_id FROM articles WHERE site = ? AND page_id IS NOT NULL ORDER BY page_id",
        [site],
    ).fetchall()
    for n, (page_id,) in enumerate(rows, 1):
        page = store.load_page(page_id)
        if page is None:
            continue
        stem = folder / f"{day}_probe_article{n}"
        # the golden-case layout (tests/test_golden.py): <case>.html or <case>.body, and <case>.json
        suffix = ".body" if "json" in str(page["headers"].get("Content-Type", "")) else ".html"
        stem.with_suffix(suffix).write_bytes(page["body"])
        items = parse_page(
            site,
            page["url"],
            page["body"],
            fetched_at=str(page["fetched_at"])[:19] + "Z",
            headers=page["headers"],
        )
        record = {
            "url": page["url"],
            "fetched_at": page["fetched_at"],
            "provenance": f"real: fetched by kznews probe on {page['fetched_at']}",
            "content_type": page["headers"].get("Content-Type", ""),
            "meta": {},
            "expected": [expected_view(i) for i in items],
        }
        stem.with_suffix(".json").write_text(
            json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written.append(stem.with_suffix(suffix))
    for n, page in enumerate(entry_pages, 1):
        # never .json: that name is a golden case's
        suffix = {"xml": ".xml", "json": ".body"}.get(page["kind"], ".html")
        path = folder / f"{day}_probe_entry{n}.entry{suffix}"
        path.write_bytes(page["body"])
        path.with_name(path.name + ".url").write_text(page["url"] + "\n", encoding="utf-8")
        written.append(path)
    return written


class ProbeCaptureMiddleware:
    """Probe runs only (KZNEWS_PROBE_CAPTURE): keep the entry pages (listings, feeds, sitemaps, API
    lists: requests that are not article pages) a site answered, a few per site, for the fixtures."""

    PER_SITE = 4
    captured: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProbeCaptureMiddleware:
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.getbool("KZNEWS_PROBE_CAPTURE", False):
            raise NotConfigured("not a probe")
        return cls()

    def process_response(self, request: Any, response: Any, spider: Any) -> Any:
        if response.status != 200 or urlsplit(response.url).path == "/robots.txt":
            return response
        if request.meta.get("kznews_archive") and "content-manager" not in response.url:
            return response  # an article page: in the archive already
        kept = self.captured.setdefault(spider.name, [])
        if len(kept) < self.PER_SITE:
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            kind = "json" if "json" in content_type else "xml" if "xml" in content_type else "html"
            kept.append({"url": response.url, "body": bytes(response.body), "kind": kind})
        return response


@click.command()
@click.argument("sites", nargs=-1)
@click.option("--dest", default="tests/fixtures", show_default=True, type=click.Path(file_okay=False))
@click.option(
    "--articles", default=3, show_default=True, type=click.IntRange(1, 20), help="Articles per site."
)
@click.option("--mirror-url", default=None, help="Probe a running offline mirror server instead.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per site instead of the report.")
def probe(sites: tuple[str, ...], dest: str, articles: int, mirror_url: str | None, as_json: bool) -> None:
    """Fetch a few listing and article pages per site (politely, through the crawl's own Scrapy path),
    save them as fixtures under DEST/<site>/ for review, and report per site and field which layer
    supplied it, which selectors matched nothing and which entry points failed. Exits 0 when every
    site is OK, 1 when one needs attention, 2 when one is broken or unreachable; offline it says so in
    one sentence within 2 s.

    \b
    Example:
        kznews probe
        kznews probe zakon_kz akorda_kz --dest /tmp/probe
    """
    chosen = list(sites) or list(SITE_HOSTS)
    if any(site not in SITE_HOSTS for site in chosen):
        # not one of the four: load the spiders (slow) to name the valid choices, or to probe a new site
        from crawler.ops.process import available_spiders

        known = available_spiders()
        chosen = list(sites) or known
        unknown = [s for s in chosen if s not in known]
        if unknown:
            raise click.ClickException(f"unknown site {unknown[0]!r}; choose from: {', '.join(known)}")
    mirror_url = mirror_url or os.environ.get("KZNEWS_MIRROR") or None
    # The connectivity check comes before loading Scrapy and the spiders: offline, one sentence in < 2 s.
    if mirror_url:
        targets = {site: _mirror_target(mirror_url) for site in chosen}
    else:
        targets = {site: (SITE_HOSTS.get(site, site.replace("_", ".")), 443) for site in chosen}
    answers = reachable(targets)
    if not any(answers.values()):
        where = (
            f"the mirror at {mirror_url}"
            if mirror_url
            else ", ".join(sorted({h for h, _ in targets.values()}))
        )
        raise click.ClickException(
            f"offline: {where} could not be reached (DNS or connection failed within"
            f" {PROBE_CONNECT_SECONDS:g} s); kznews probe needs internet access to the sites"
        )
    live = [site for site in chosen if answers[site]]
    results: list[dict[str, Any]] = [
        {"site": site, "state": "BROKEN", "reasons": [f"{targets[site][0]} could not be reached"]}
        for site in chosen
        if not answers[site]
    ]
    results += _probe_sites(live, dest=Path(dest), articles=articles, mirror_url=mirror_url)
    results.sort(key=lambda r: chosen.index(r["site"]))
    worst = max((SEVERITY.get(r["state"], 2) for r in results), default=0)
    for row in results:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))
            continue
        click.echo(f"{row['site']:<18}{row['state']:<10}{row.get('summary', '')}")
        for name, layers in (row.get("layers") or {}).items():
            shown = ", ".join(f"{layer} {n}" for layer, n in sorted(layers.items(), key=lambda kv: -kv[1]))
            click.echo(f"  {name:<11}{shown}")
        for reason in row.get("reasons") or []:
            click.echo(f"  - {reason}")
    raise SystemExit(worst)


def _probe_sites(
    sites: list[str], *, dest: Path, articles: int, mirror_url: str | None
) -> list[dict[str, Any]]:
    if not sites:
        return []
    from crawler.ops.health import latest
    from crawler.ops.process import run_spiders
    from crawler.store.db import connect

    settings = {
        "KZNEWS_MAX_LISTING_PAGES": 1,
        "KZNEWS_PROBE_ARTICLES": articles,  # article requests per site (crawler/crawl/base.py)
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "KZNEWS_GOV_AGENCIES": "mfa",
        "KZNEWS_PROBE_CAPTURE": True,
        "KZNEWS_WRITER_PROCESS": False,
        "LOG_LEVEL": "ERROR",
    }
    from scrapy.utils.project import get_project_settings

    middlewares = dict(get_project_settings().getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares["crawler.ops.probe.ProbeCaptureMiddleware"] = 565
    settings["DOWNLOADER_MIDDLEWARES"] = middlewares
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kznews-probe-") as tmp:
        db_path = str(Path(tmp) / "probe.db")
        os.environ["KZNEWS_FEEDS_DIR"] = str(Path(tmp) / "feeds")
        run_spiders(sites, db_path=db_path, mirror=mirror_url, settings_overrides=settings, quiet=True)
        db = connect(db_path)
        try:
            for site in sites:
                health = latest(db, site) if "site_health" in db.table_names() else None
                count = db.execute("SELECT count(*) FROM articles WHERE site = ?", [site]).fetchone()[0]
                saved = save_fixtures(db, site, dest, ProbeCaptureMiddleware.captured.get(site, []))
                state = health["state"] if health else "BROKEN"
                reasons = list(health["reasons"]) if health else ["the probe crawl did not run"]
                if not count and state == "OK":
                    state, reasons = "DEGRADED", [*reasons, "no article was stored"]
                out.append(
                    {
                        "site": site,
                        "state": state,
                        "summary": f"{count} articles, {len(saved)} pages saved in {dest / site}/",
                        "articles": count,
                        "saved": [str(p) for p in saved],
                        "layers": layer_report(db, site),
                        "reasons": reasons,
                        "findings": [
                            {"level": f[0], "subject": f[1], "text": f[2]}
                            for f in ((health or {}).get("metrics") or {}).get("findings") or []
                        ],
                    }
                )
        finally:
            db.conn.close()
    return out
