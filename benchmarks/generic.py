"""The generic extraction layer (site selectors off) against trafilatura and htmldate, on the same pages.

Claim (issue 15): with no site selectors, kznews' generic layer — JSON-LD, meta, then the generic layer of
crawler/crawl/extract.py, through the same cleaning (clean_text) and date pipeline as a crawl — is at least as
good as the better library on every quality column: body token F1, title exact, dates found and right.

Pages: every article page of the offline mirror for zakon.kz, primeminister.kz and akorda.kz, in two variants:
- `mirror`: the page as the mirror serves it (JSON-LD and meta where the site has them);
- `redesign`: the same page after tools/redesign.py (class/id names opaque, no JSON-LD, no meta, other
  headline and body containers, dates printed in other forms), built into a temporary folder;
- `redesign-divs`: the redesign with every <p> turned into a <div> (all text outside <p>).
Provenance: one page is REAL (akorda.kz speech 555737, saved byte for byte; data/mirror/MANIFEST); every other
page is REBUILT (generated) from the documented markup with partly real text (data/mirror/README.md). The
real page is also reported on its own line. gov.kz is a JSON API (no HTML): not here.

Truth for a page: what the site's own spider (its selectors on) stores from the un-redesigned page, through
the same pipelines. Dates are scored on pages whose truth date is printed on the page itself (akorda.kz
speeches print none: their date comes from the listing card, which no page-only tool can see); a date is
right when it falls on the same day in Asia/Almaty.

- ours: a bare NewsSpider (no selectors, no title suffix, no title date pattern) named after the site, its
  extract_article, then CleanTextPipeline and DatesPipeline (the crawl's own cleaning and date parsing);
- trafilatura: `trafilatura.extract(html, url=url, with_metadata=True, output_format="json")`: title, text
  (lead and body together, so both sides are scored on lead + body) and date;
- htmldate: `htmldate.find_date(html, url=url, original_date=True)`: dates only.
ms/page is the median of `--repeat` timed runs per page after one warm-up, from the page's bytes for the
libraries and from the built response for ours (Scrapy builds it before any callback runs).

    .venv/bin/python benchmarks/generic.py            # 2 timed runs per page and tool
    .venv/bin/python benchmarks/generic.py --full     # 10
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import redesign  # noqa: E402

MIRROR = ROOT / "data" / "mirror"
SITES = {"zakon_kz": ("www.zakon.kz", "kaz.zakon.kz"), "primeminister_kz": ("primeminister.kz",),
         "akorda_kz": ("www.akorda.kz", "akorda.kz")}  # fmt: skip
REAL = "-555737"  # the one saved real page (MANIFEST: real), served on akorda.kz and www.akorda.kz
FETCHED_AT = "2026-12-01T00:00:00Z"  # after every page of the mirror: no date is refused as "future"


def article_pages() -> list[dict[str, Any]]:
    """(site, url, rel, bytes) of every article page of the mirror, one per distinct content."""
    from crawler.ops.fixtures import spider_class

    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for site, hosts in SITES.items():
        is_article = spider_class(site).is_article
        for host in hosts:
            for path in sorted((MIRROR / host).rglob("*")):
                rel = path.relative_to(MIRROR).as_posix()
                if not path.is_file() or "@" in rel:
                    continue
                url = "https://" + rel
                if not is_article(url):
                    continue
                body = path.read_bytes()
                digest = hashlib.sha1(body).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                out.append({"site": site, "url": url, "rel": rel, "body": body, "real": rel.endswith(REAL)})
    return out


def generic_spider(site: str) -> Any:
    """A NewsSpider with the site's name and domains and no site selectors at all."""
    from crawler.crawl.base import NewsSpider
    from crawler.ops.fixtures import spider_class

    real = spider_class(site)
    return type(f"Generic_{site}", (NewsSpider,), {"name": site, "allowed_domains": real.allowed_domains,
                                                   "languages": real.languages})()  # fmt: skip


def response(url: str, body: bytes) -> Any:
    from crawler.ops.fixtures import page_response

    return page_response(url, body)


def truth(page: dict[str, Any]) -> dict[str, Any]:
    from crawler.ops.fixtures import parse_page

    row = parse_page(page["site"], page["url"], page["body"], fetched_at=FETCHED_AT)[0]
    # a date the site's own layers read on the page (not a listing card, not the generic layer's guess)
    printed = row["date_source"] in ("jsonld", "meta", "site", "title")
    return {**row, "day": redesign.almaty_day(row["published_at"]) if printed else None}


def run_ours(spider: Any, pipelines: list[Any], resp: Any) -> dict[str, Any]:
    item = spider.extract_article(resp)
    item.fetched_at = FETCHED_AT
    for pipeline in pipelines:
        item = pipeline.process_item(item)
    return {
        "title": item.title,
        "text": "\n".join(x for x in (item.lead, item.body) if x),
        "day": redesign.almaty_day(item.published_at),
    }


def run_trafilatura(body: bytes, url: str) -> dict[str, Any]:
    import trafilatura

    found = trafilatura.extract(body, url=url, with_metadata=True, output_format="json")
    data = json.loads(found) if found else {}
    return {"title": data.get("title"), "text": data.get("text") or "", "day": data.get("date")}


def run_htmldate(body: bytes, url: str) -> dict[str, Any]:
    from htmldate import find_date

    return {"day": find_date(body, url=url, original_date=True)}


def timed(fn: Any, repeat: int) -> tuple[Any, float]:
    fn()
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="10 timed runs per page and tool")
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args()
    repeat = args.repeat or (10 if args.full else 2)
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.WARNING)  # htmldate and trafilatura log every page they find nothing on
    from pipelines.clean_text import CleanTextPipeline
    from pipelines.dates import DatesPipeline

    pipelines = [CleanTextPipeline(), DatesPipeline()]
    pages = article_pages()
    spiders = {site: generic_spider(site) for site in SITES}
    truths = [truth(p) for p in pages]
    hosts = tuple(h for names in SITES.values() for h in names)
    variants = {"mirror": [p["body"] for p in pages]}
    for variant, divs in (("redesign", False), ("redesign-divs", True)):
        with tempfile.TemporaryDirectory() as tmp:
            redesign.build(Path(tmp), hosts=hosts, divs=divs)
            variants[variant] = [(Path(tmp) / p["rel"]).read_bytes() for p in pages]
    # results[variant][tool] = list of per-page dicts (title ok, f1, day found, day right, ms)
    results: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for variant, bodies in variants.items():
        per_tool: dict[str, list[dict[str, Any]]] = {"ours": [], "trafilatura": [], "htmldate": []}
        for page, want, body in zip(pages, truths, bodies, strict=True):
            spider = spiders[page["site"]]
            reference = "\n".join(x for x in (want["lead"], want["body"]) if x)
            ours, ms = timed(
                lambda s=spider, b=body, u=page["url"]: run_ours(s, pipelines, response(u, b)), repeat
            )
            traf, traf_ms = timed(lambda b=body, u=page["url"]: run_trafilatura(b, u), repeat)
            hd, hd_ms = timed(lambda b=body, u=page["url"]: run_htmldate(b, u), repeat)
            for tool, got, took in (
                ("ours", ours, ms),
                ("trafilatura", traf, traf_ms),
                ("htmldate", hd, hd_ms),
            ):
                per_tool[tool].append(
                    {
                        "site": page["site"],
                        "real": page["real"],
                        "title": got.get("title") is not None
                        and " ".join(got["title"].split()) == " ".join((want["title"] or "").split()),
                        "f1": redesign.token_f1(got.get("text"), reference) if "text" in got else None,
                        "dated": want["day"] is not None,
                        "found": want["day"] is not None and got.get("day") is not None,
                        "right": want["day"] is not None and got.get("day") == want["day"],
                        "ms": took,
                    }
                )
        results[variant] = per_tool
    report(results, len(pages), repeat)
    return 0


def _pct(part: float, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    dated = [r for r in rows if r["dated"]]
    f1s = [r["f1"] for r in rows if r["f1"] is not None]
    return {
        "pages": len(rows),
        "title": sum(bool(r["title"]) for r in rows) / len(rows) if rows else 0.0,
        "f1": statistics.mean(f1s) if f1s else None,
        "found": sum(r["found"] for r in dated),
        "right": sum(r["right"] for r in dated),
        "dated": len(dated),
        "ms": statistics.mean(r["ms"] for r in rows) if rows else 0.0,
    }


def report(results: dict[str, dict[str, list[dict[str, Any]]]], pages: int, repeat: int) -> None:
    print(
        f"{pages} article pages (1 real, {pages - 1} rebuilt), {len(results)} variants; ms/page = median of {repeat} runs\n"
    )
    verdicts: list[str] = []
    for variant, per_tool in results.items():
        print(f"### {variant}\n")
        print("| tool | title exact | lead+body F1 | dates found | dates right | ms/page |")
        print("|---|---:|---:|---:|---:|---:|")
        sums = {tool: summary(rows) for tool, rows in per_tool.items()}
        for tool, s in sums.items():
            title = f"{s['title']:.0%}" if tool != "htmldate" else "-"
            f1 = f"{s['f1']:.3f}" if s["f1"] is not None else "-"
            print(f"| {tool} | {title} | {f1} | {s['found']}/{s['dated']} | {s['right']}/{s['dated']} "
                  f"| {s['ms']:.1f} |")  # fmt: skip
        ours, traf, hd = sums["ours"], sums["trafilatura"], sums["htmldate"]
        checks = {
            "title exact": ours["title"] >= traf["title"],
            "body F1": (ours["f1"] or 0) >= (traf["f1"] or 0),
            "dates found": ours["found"] >= max(traf["found"], hd["found"]),
            "dates right": ours["right"] >= max(traf["right"], hd["right"]),
        }
        print()
        for name, ok in checks.items():
            verdicts.append(f"{variant} {name}: {'PASS' if ok else 'FAIL'}")
            print(f"- {variant}, {name}: ours vs the better library: {'PASS' if ok else 'FAIL'}")
        print(f"- speed: trafilatura / ours = {traf['ms'] / ours['ms']:.1f}x, htmldate / ours = "
              f"{hd['ms'] / ours['ms']:.1f}x (ours covers every field; htmldate dates only)\n")  # fmt: skip
        print("Per site (ours | trafilatura):\n")
        print("| site | pages | title exact | lead+body F1 | day right (printed dates) |")
        print("|---|---:|---:|---:|---:|")
        for site in (*SITES, "real page"):
            rows = {
                tool: [r for r in per_tool[tool] if (r["real"] if site == "real page" else r["site"] == site)]
                for tool in ("ours", "trafilatura")
            }
            a, b = summary(rows["ours"]), summary(rows["trafilatura"])
            if not a["pages"]:
                continue
            print(f"| {site} | {a['pages']} | {a['title']:.0%} \\| {b['title']:.0%} | {a['f1']:.3f} \\| {b['f1']:.3f} "
                  f"| {_pct(a['right'], a['dated'])} \\| {_pct(b['right'], b['dated'])} of {a['dated']} |")  # fmt: skip
        print()
    failed = [v for v in verdicts if v.endswith("FAIL")]
    print(
        f"Verdict: {len(verdicts) - len(failed)}/{len(verdicts)} PASS"
        + (f"; FAIL: {', '.join(failed)}" if failed else "")
    )


if __name__ == "__main__":
    sys.exit(main())
