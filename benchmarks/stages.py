"""Per-stage cost of the item pipeline: milliseconds per article for each numbered stage.

Not a claim of its own: this is the profile behind the crawl claim (issue 9). It shows which stage sets
the pace of the full-pipeline crawl, so a change to a stage is measured where it matters.

The articles are the SYNTHETIC crawl corpus (benchmarks/crawl.py `build_corpus`, generated at run time):
each page is parsed once by the real `zakon_kz` callback, then every stage of ITEM_PIPELINES runs in order
through `crawler.crawl.runner.PipelineRunner` (the path `kznews ingest` and the writer process take) into a fresh
SQLite file, with each stage's process_item timed. Pass 2 feeds the same pages again (a re-crawl: every
article unchanged).

    .venv/bin/python benchmarks/stages.py                 # 2,000 articles
    .venv/bin/python benchmarks/stages.py --pages 500 --profile out.html
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl import build_corpus  # noqa: E402


def parsed_items(site_root: Path, recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from crawler.crawl.mirror import mirror_path
    from crawler.ops.fixtures import parse_page

    out = []
    for rec in recs:
        body = (site_root / mirror_path(rec["url"])).read_bytes()
        out += parse_page("zakon_kz", rec["url"], body, fetched_at="2026-11-20T08:00:00Z", pipelines=[])
    return out


class Timed:
    """Wraps a pipeline; adds its process_item time to totals[name]."""

    def __init__(self, name: str, inner: Any, totals: dict[str, float]) -> None:
        self.name, self.inner, self.totals = name, inner, totals

    def process_item(self, item: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.inner.process_item(item)
        finally:
            self.totals[self.name] += time.perf_counter() - t0

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.inner, attr)


def run_pass(db: Path, items: list[dict[str, Any]], batch: int) -> tuple[dict[str, float], float]:
    from crawler.crawl.runner import PipelineRunner
    from crawler.items import Article
    from crawler.store.articles import Store
    from crawler.store.db import transaction

    runner = PipelineRunner(str(db))
    totals: dict[str, float] = defaultdict(float)
    runner.pipelines = [Timed(type(p).__name__.removesuffix("Pipeline"), p, totals) for p in runner.pipelines]
    conn = Store.for_crawler(runner.context).db
    t0 = time.perf_counter()
    for first in range(0, len(items), batch):
        # as the writer process commits: one transaction per batch, a savepoint per item
        t_commit = time.perf_counter()
        with transaction(conn):
            t_commit -= time.perf_counter()
            for data in items[first : first + batch]:
                with transaction(conn):
                    runner.process(Article(**data))
            t_commit += time.perf_counter()
        totals["(commit)"] += time.perf_counter() - t_commit
    runner.close()
    return totals, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--profile", metavar="HTML", help="profile pass 1 with pyinstrument")
    parser.add_argument(
        "--batch", type=int, default=64, help="items per transaction (the writer process: 64)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kznews-bench-stages-"))
    try:
        recs = build_corpus(work / "site", args.pages)
        items = parsed_items(work / "site", recs)
        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        first, first_s = run_pass(work / "k.db", items, args.batch)
        if profiler is not None:
            profiler.stop()
            Path(args.profile).write_text(profiler.output_html(), encoding="utf-8")
            print(profiler.output_text(unicode=False, color=False, show_all=False))
        again, again_s = run_pass(work / "k.db", items, args.batch)
        n = len(items)
        print(
            f"synthetic corpus: {n} zakon.kz articles, {args.batch} per transaction; ms per article by stage"
        )
        print()
        print("| stage | new articles | re-crawl (unchanged) |")
        print("|---|---:|---:|")
        for name in first:
            print(f"| {name} | {first[name] / n * 1000:.3f} | {again.get(name, 0.0) / n * 1000:.3f} |")
        print(
            f"| **all stages** | **{sum(first.values()) / n * 1000:.3f}** | **{sum(again.values()) / n * 1000:.3f}** |"
        )
        print(
            f"| wall, incl. item building and close | {first_s / n * 1000:.3f} | {again_s / n * 1000:.3f} |"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
