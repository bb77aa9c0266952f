"""Distributed crawling: mirror pages/s with 1, 2 and 3 Redis workers, and the one writer's limit.

Crawl: a zakon_kz mirror enlarged with N article pages (copies of a real zakon.kz page, reached
through an overlaid sitemap), served over HTTP on 127.0.0.1 from this process; a private
redis-server on a free port. For each worker count the Redis database is emptied, the workers
(`kznews crawl zakon_kz --redis ...`, one process each) start and register, then the site is seeded
(`kznews seed`, called in-process); the clock runs from the seed until the queue and every lease are empty. pages/s =
mirror responses served / that time. The ratios are against 1 worker.

The machine is shared (other processes run beside the benchmark): each worker count runs --repeat
times, interleaved, and the best run is reported (the writer runs too); the load average is printed before and after.

Writer: M distinct articles — 4-6 random paragraphs of the mirror's real articles under a real
headline, in the paragraphs' language — are pushed to an empty items stream, once pre-normalised as
workers push them (KZNEWS_REDIS_WORKER_STAGES done), then the same with the raw page each worker
sends before its article (a zakon.kz page, zlib-compressed), and once raw (the writer runs every stage);
`kznews ingest --from-redis --idle-exit` drains each into a fresh database; items/s = M / the time
from its first read to its last acknowledgement (process start-up excluded).

    .venv/bin/python benchmarks/scaling.py                 # N = 1500 pages, M = 1000 items
    .venv/bin/python benchmarks/scaling.py --pages 600 --items 400   # quick
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

BIN = Path(sys.executable).parent
TEMPLATE = "www.zakon.kz/obshestvo/6533466-dva-zagruzhennykh-perekrestka-zakroyut-v-astane.html"
WORDS = (
    "Астана Алматы правительство министр аким область закон проект бюджет решение вопрос совет граждане "
    "развитие экономика энергетика транспорт дорога школа больница студент выборы парламент депутат "
    "инвестиции банк тенге налог цена рынок зерно нефть газ вода тепло сезон паводок жилье строительство "
    "фермер экспорт импорт технологии цифровизация суд прокурор полиция безопасность граница туризм спорт"
).split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_overlay(root: Path, pages: int) -> None:
    """N article pages under www.zakon.kz/bench/ and a sitemap index whose newest child lists them."""
    template = (ROOT / "data" / "mirror" / TEMPLATE).read_text(encoding="utf-8")
    folder = root / "www.zakon.kz" / "bench"
    folder.mkdir(parents=True)
    urls = []
    for i in range(pages):
        number = 8_000_000 + i
        url = f"https://www.zakon.kz/bench/{number}-bench-page-{i}.html"
        urls.append(url)
        page = template.replace("6533466", str(number)).replace("Два загруженных", f"Страница {i}: два")
        (folder / f"{number}-bench-page-{i}.html").write_text(page, encoding="utf-8")
    sitemap = root / "www.zakon.kz" / "sitemap"
    sitemap.mkdir(parents=True)
    (sitemap / "index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>https://www.zakon.kz/sitemap/9999.xml</loc></sitemap></sitemapindex>\n",
        encoding="utf-8",
    )
    entries = "".join(f"<url><loc>{u}</loc><lastmod>2026-03-01T10:00:00+05:00</lastmod></url>" for u in urls)
    (sitemap / "9999.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</urlset>\n",
        encoding="utf-8",
    )


def kznews(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(BIN / "kznews"), *args], env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)  # fmt: skip


def crawl_run(workers: int, redis_url: str, mirror: object, env: dict[str, str], db: str) -> dict[str, float]:
    from crawler.ops.distributed import queue_key, redis_client, seed

    server = redis_client(redis_url)
    server.flushall()
    procs = [kznews("crawl", "zakon_kz", "--redis", redis_url, "--mirror-url", mirror.base_url,  # type: ignore[attr-defined]
                    "--db", db, env=env) for _ in range(workers)]  # fmt: skip
    deadline = time.monotonic() + 60
    while server.hlen("kznews:workers") < workers:
        if time.monotonic() > deadline:
            raise SystemExit("workers did not start")
        time.sleep(0.05)
    hits_before = sum(mirror.hits.values())  # type: ignore[attr-defined]
    started = time.monotonic()
    seed(redis_url, ["zakon_kz"])  # what `kznews seed` does, in-process so the clock starts right
    key = queue_key("zakon_kz")
    while True:
        time.sleep(0.02)
        if server.zcard(key) == 0 and server.zcard(key + ":leases") == 0:
            # empty twice in a row, 100 ms apart: not just between a pop and the next push
            time.sleep(0.1)
            if server.zcard(key) == 0 and server.zcard(key + ":leases") == 0:
                break
    seconds = time.monotonic() - started - 0.1
    pages = sum(mirror.hits.values()) - hits_before  # type: ignore[attr-defined]
    for proc in procs:
        proc.wait(timeout=120)
    articles = int(server.xlen("kznews:items"))
    return {"workers": workers, "pages": pages, "seconds": seconds, "pages_per_s": pages / seconds,
            "stream_entries": articles}  # fmt: skip


def text_pool(mirror_url: str, tmp: Path, env: dict[str, str]) -> dict[str, tuple[list[str], list[str]]]:
    """Titles and paragraphs of the mirror's real articles, per language (a plain crawl of every site)."""
    import sqlite3

    db = str(tmp / "real.db")
    subprocess.run([str(BIN / "kznews"), "crawl", "--mirror-url", mirror_url, "--db", db], env={**os.environ, **env},
                   check=True, capture_output=True)  # fmt: skip
    pool: dict[str, tuple[list[str], list[str]]] = {}
    with sqlite3.connect(db) as conn:
        for language, title, body in conn.execute("SELECT language, title, body FROM articles"):
            titles, paragraphs = pool.setdefault(language, ([], []))
            titles.append(title)
            paragraphs.extend(p for p in body.split("\n\n") if len(p) > 80)
    return pool


def writer_entries(
    count: int, normalised: bool, pool: dict[str, tuple[list[str], list[str]]], pages: bool = False
) -> list[Any]:
    """Distinct articles made of 4-6 random real paragraphs (same language) under a real headline."""
    from crawler.crawl.runner import PipelineRunner
    from crawler.items import Article
    from crawler.ops.distributed import worker_stage_names

    runner = None
    stages = ""
    if normalised:
        from scrapy.utils.project import get_project_settings

        settings = get_project_settings()
        worker = set(worker_stage_names(settings))
        stages = ",".join(sorted(worker))
        writer_only = [p.rsplit(".", 2)[-2] for p in settings.getdict("ITEM_PIPELINES")]
        runner = PipelineRunner(str(Path(tempfile.gettempdir()) / "kznews-bench-unused.db"),
                                skip=[s for s in writer_only if s not in worker])  # fmt: skip
    out: list[Any] = []
    page_body = (ROOT / "data" / "mirror" / TEMPLATE).read_bytes()
    for i in range(count):
        rng = random.Random(i)
        language = rng.choice(sorted(pool))
        titles, paragraphs = pool[language]
        article = Article(
            url=f"https://www.zakon.kz/obshestvo/{7_000_000 + i}-bench-{i}.html",
            site="zakon_kz",
            language=language,
            title=f"{rng.choice(titles)} — {' '.join(rng.choices(WORDS, k=3))}",
            body="\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 6)))),
            source_kind="news",
            date_candidates=[["meta", "2026-03-01T10:00:00+05:00"]],
            fetched_at="2026-03-01T06:00:00Z",
        )
        if runner is not None:
            processed, error = runner.process(article)
            assert processed is not None, error
            article = processed
        if pages:  # the raw page a worker's RedisArchiveMiddleware sends before the article
            out.append({"kind": "page", "worker": "bench", "url": article.url, "site": "zakon_kz", "status": "200",
                        "headers": "{}", "fetched_at": "2026-03-01T06:00:00Z",
                        "body": zlib.compress(page_body.replace(b"6533466", str(i).encode()), 6)})  # fmt: skip
        out.append({"kind": "article", "worker": "bench", "stages": stages,
                    "data": json.dumps(article.to_dict(), ensure_ascii=False)})  # fmt: skip
    if runner is not None:
        runner.close()
    return out


def writer_run(
    redis_url: str, entries: list[dict[str, str]], db: str, env: dict[str, str]
) -> dict[str, float]:
    from crawler.ops.distributed import redis_client

    server = redis_client(redis_url)
    server.flushall()
    with server.pipeline() as pipe:
        for entry in entries:
            pipe.xadd("kznews:items", entry)  # type: ignore[arg-type]
        pipe.execute()
    # The clock runs from the writer's first read (the group's last-delivered-id moves) to the last
    # acknowledgement (the stream is empty): process start-up and the final feed writing excluded.
    proc = subprocess.Popen([str(BIN / "kznews"), "ingest", "--from-redis", redis_url, "--db", db, "--idle-exit",
                             "1"], env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)  # fmt: skip
    started = None
    while True:
        groups = server.xinfo_groups("kznews:items") if server.exists("kznews:items") else []
        if started is None and groups and groups[0]["last-delivered-id"] not in (b"0-0", "0-0"):
            started = time.monotonic()
        if started is not None and server.xlen("kznews:items") == 0:
            seconds = time.monotonic() - started
            break
        if proc.poll() is not None:
            raise SystemExit(f"writer stopped early:\n{proc.stdout.read() if proc.stdout else ''}")
        time.sleep(0.005)
    output = proc.communicate(timeout=300)[0]
    wrote = int(re.search(r"(\d+) article\(s\)", output).group(1))  # type: ignore[union-attr]
    return {"items": wrote, "seconds": seconds, "items_per_s": wrote / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1500, help="article pages added to the mirror")
    parser.add_argument("--items", type=int, default=1000, help="articles for the writer runs")
    parser.add_argument("--workers", default="1,2,3", help="worker counts to run, e.g. 1,2,3")
    parser.add_argument("--repeat", type=int, default=2, help="runs per worker count (best reported)")
    args = parser.parse_args()
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
    from crawler.crawl.mirror import MIRROR_DIR, serve

    tmp = Path(tempfile.mkdtemp(prefix="kznews-scaling-"))
    port = free_port()
    redis_proc = subprocess.Popen([redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no", "--dir", str(tmp), "--logfile", str(tmp / "redis.log")])  # fmt: skip
    redis_url = f"redis://127.0.0.1:{port}/0"
    build_overlay(tmp / "overlay", args.pages)
    mirror = serve([tmp / "overlay", Path(MIRROR_DIR)])
    env = {"KZNEWS_REDIS_IDLE_CLOSE": "3", "KZNEWS_REDIS_IDLE_POLL_MAX": "0.2", "KZNEWS_LOG_LEVEL": "WARNING",
           "KZNEWS_FEEDS_DIR": str(tmp / "feeds"), "KZNEWS_PROGRESS": "0"}  # fmt: skip
    try:
        time.sleep(0.3)
        print(f"kznews scaling benchmark — {os.cpu_count()} CPU(s), zakon_kz mirror + {args.pages} article pages, "
              f"redis-server {subprocess.run([redis_server, '--version'], capture_output=True, text=True).stdout.split()[2]}")  # fmt: skip
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'workers':>8}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'vs 1':>8}{'per worker':>12}")
        counts = [int(x) for x in args.workers.split(",")]
        best: dict[int, dict[str, float]] = {}
        for _ in range(args.repeat):
            for count in counts:
                run = crawl_run(count, redis_url, mirror, env, str(tmp / "worker-none.db"))
                if count not in best or run["pages_per_s"] > best[count]["pages_per_s"]:
                    best[count] = run
        base = best[counts[0]]["pages_per_s"] / counts[0]
        for count in counts:
            run = best[count]
            print(f"{count:>8}{run['pages']:>8.0f}{run['seconds']:>10.2f}{run['pages_per_s']:>10.1f}"
                  f"{run['pages_per_s'] / base:>7.2f}x{run['pages_per_s'] / count:>12.1f}")  # fmt: skip
        pool = text_pool(mirror.base_url, tmp, env)
        print(f"\nthe one writer draining {args.items} distinct articles from the stream into SQLite:")
        print(f"{'entries':<42}{'items':>7}{'seconds':>10}{'items/s':>10}{'ms/item':>9}")
        variants = (
            ("pre-normalised by workers (deployed)", True, False),
            ("  + its raw page (KZNEWS_ARCHIVE_PAGES)", True, True),
            ("raw: the writer runs every stage", False, False),
        )
        streams = [writer_entries(args.items, normalised, pool, pages) for _, normalised, pages in variants]
        fastest: dict[int, dict[str, float]] = {}
        for attempt in range(args.repeat):
            for n, entries in enumerate(streams):
                result = writer_run(redis_url, entries, str(tmp / f"writer-{n}-{attempt}.db"), env)
                if n not in fastest or result["items_per_s"] > fastest[n]["items_per_s"]:
                    fastest[n] = result
        for n, (label, _, _) in enumerate(variants):
            run = fastest[n]
            print(f"{label:<42}{run['items']:>7.0f}{run['seconds']:>10.2f}{run['items_per_s']:>10.1f}"
                  f"{1000 / run['items_per_s']:>9.1f}")  # fmt: skip
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        mirror.shutdown()
        redis_proc.terminate()
        redis_proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
