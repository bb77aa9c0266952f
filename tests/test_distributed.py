"""Distributed crawling on a real redis-server (crawler/ops/distributed.py, docs/scaling.md).

Each test module run starts its own redis-server on a free loopback port with a temporary directory
and no persistence, and stops it at the end. Workers and writers are the real CLI in subprocesses,
crawling the offline mirror over HTTP on 127.0.0.1; they are killed with SIGKILL where the test says so.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, kznews

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import redis

    assert REDIS_SERVER is not None
    workdir = tmp_path_factory.mktemp("redis")
    for _attempt in range(3):
        port = free_port()
        proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(workdir), "--daemonize", "no", "--logfile", str(workdir / "redis.log")],
        )  # fmt: skip
        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        if proc.poll() is None:
            break
    else:
        pytest.fail(f"redis-server did not start: {(workdir / 'redis.log').read_text()[-2000:]}")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def fresh_redis(redis_url: str) -> str:
    from crawler.ops.distributed import redis_client

    redis_client(redis_url).flushall()
    return redis_url


def redis_cmd(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`kznews seed|redis-status ...` once the lead has registered them; the module's own group until then."""
    from crawler.cli.main import cli

    if args[0] in cli.commands:  # type: ignore[attr-defined]
        return kznews(*args, env=env)
    full_env = {**os.environ, "KZNEWS_LOG_LEVEL": "WARNING", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "crawler.cli.redis", *args], capture_output=True, text=True,
                            timeout=120, env=full_env, cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, f"{args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    full_env = {**os.environ, "KZNEWS_LOG_LEVEL": "INFO", **env}
    return subprocess.Popen([str(BIN / "kznews"), *args], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            env=full_env, cwd=ROOT)  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def article_ids(db: str) -> set[str]:
    if not Path(db).exists():
        return set()
    with sqlite3.connect(db) as conn:
        try:
            return {row[0] for row in conn.execute("SELECT id FROM articles")}
        except sqlite3.OperationalError:  # the writer has not migrated the file yet
            return set()


WORDS = (
    "Астана Алматы правительство министр аким область закон проект бюджет решение вопрос совет граждане "
    "развитие экономика энергетика транспорт дорога школа больница студент выборы парламент депутат "
    "инвестиции банк тенге налог цена рынок зерно нефть газ вода тепло сезон паводок жилье строительство "
    "фермер экспорт импорт технологии цифровизация суд прокурор полиция безопасность граница туризм спорт"
).split()


def synthetic_entry(i: int) -> dict[str, str]:
    """A stream entry as a worker pushes it, for a distinct article the mirror does not have."""
    import random

    rng = random.Random(i)
    body = "\n\n".join(" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(5))
    data = {
        "url": f"https://www.zakon.kz/obshestvo/{7_000_000 + i}-test-{i}.html",
        "site": "zakon_kz",
        "language": "ru",
        "title": " ".join(rng.choices(WORDS, k=8)).capitalize(),
        "body": body,
        "source_kind": "news",
        "date_candidates": [["meta", "2026-03-01T10:00:00+05:00"]],
        "fetched_at": "2026-03-01T06:00:00Z",
    }
    return {"kind": "article", "worker": "test", "data": json.dumps(data, ensure_ascii=False), "stages": ""}


# --- components against the real server -------------------------------------------------------------


def test_dupefilter_forgets_articles_after_the_ttl_and_navigation_each_round(fresh_redis: str) -> None:
    from scrapy import Request

    from crawler.ops.distributed import ExpiringDupeFilter, redis_client, round_key
    from crawler.spiders.zakon_kz import ZakonKzSpider

    server = redis_client(fresh_redis)
    spider = ZakonKzSpider()
    df = ExpiringDupeFilter(server, "kznews:zakon_kz:seen", ttl=1, spider_name="zakon_kz")
    first = Request("https://www.zakon.kz/obshestvo/6533466-a.html", callback=spider.parse_article)
    second = Request("https://www.zakon.kz/obshestvo/6533467-b.html", callback=spider.parse_article)
    listing = Request("https://www.zakon.kz/news/", callback=spider.parse_listing)
    assert [df.request_seen(r) for r in (first, second, listing)] == [False, False, False]
    assert [df.request_seen(r) for r in (first, second, listing)] == [True, True, True]
    server.incr(round_key("zakon_kz"))  # `kznews seed` starts a new round
    assert df.request_seen(listing) is False  # a new round walks the listings again...
    assert df.request_seen(first) is True  # ...but remembers the articles
    memory = df.memory()
    assert memory["articles"] == 2 and memory["articles_bytes"] > 0 and memory["navigation"] == 1
    assert 0 < server.ttl("kznews:zakon_kz:seen") <= 1  # an abandoned set goes away by itself
    time.sleep(0.6)
    third = Request("https://www.zakon.kz/obshestvo/6533468-c.html", callback=spider.parse_article)
    assert df.request_seen(third) is False  # keeps the set alive past the first two's expiry
    time.sleep(0.5)
    assert df.request_seen(first) is False  # expired: new again (and recorded again)...
    assert df.request_seen(third) is True
    assert df.prune() == 1  # ...and the prune drops the other expired one
    assert df.memory()["articles"] == 2


def test_a_lease_not_renewed_goes_back_to_the_queue_with_its_priority(fresh_redis: str) -> None:
    from scrapy import Request

    from crawler.ops.distributed import LeasedPriorityQueue, queue_key, redis_client
    from crawler.spiders.zakon_kz import ZakonKzSpider

    server = redis_client(fresh_redis)
    spider = ZakonKzSpider()
    queue = LeasedPriorityQueue(server, spider, queue_key(spider.name))
    queue.lease_seconds = 0.3
    for n, priority in ((1, 0), (2, 5), (3, 0)):
        queue.push(
            Request(f"https://www.zakon.kz/{n}-x.html", callback=spider.parse_article, priority=priority)
        )
    popped, token = queue.pop_leased()
    assert popped is not None and popped.url.endswith("/2-x.html")  # priority first
    assert popped.callback == spider.parse_article  # callbacks travel by name, the scrapy-redis way
    assert (len(queue), queue.leased()) == (2, 1)
    assert queue.reap() == 0  # the lease is still valid
    time.sleep(0.4)
    assert queue.renew([token]) == 1  # a renewal keeps it (the holder is alive)...
    assert queue.reap() == 0
    time.sleep(0.4)
    assert queue.reap() == 1  # ...and without renewal it goes back
    assert (len(queue), queue.leased()) == (3, 0)
    again, token = queue.pop_leased()
    assert again is not None and again.url == popped.url  # with its priority: first again
    queue.ack([token])
    following = [queue.pop_leased()[0] for _ in range(2)]
    assert [r.url.rsplit("/", 1)[1] for r in following if r] == ["1-x.html", "3-x.html"]  # then FIFO


def test_worker_page_ids_are_the_store_ones(tmp_db: str) -> None:
    from crawler.store.articles import Store, page_id_for

    store = Store.open(tmp_db)
    try:
        body = "<html>Бүгін</html>".encode()
        url = "https://kaz.zakon.kz/1-x.html"
        assert store.save_page(url=url, site="zakon_kz", status=200, body=body) == page_id_for(url, body)
    finally:
        store.close()


def test_an_idle_worker_closes_by_itself(fresh_redis: str, tmp_path: Path) -> None:
    started = time.monotonic()
    result = kznews("crawl", "zakon_kz", "--redis", fresh_redis, "--db", str(tmp_path / "none.db"),
                    env={"KZNEWS_REDIS_IDLE_CLOSE": "1"}, timeout=60)  # fmt: skip
    assert "zakon_kz: finished" in result.stdout, result.stdout
    assert time.monotonic() - started < 30
    assert not (tmp_path / "none.db").exists()  # a worker never creates the database


def test_seed_and_status_report_the_queue_and_the_dupefilter_memory(fresh_redis: str) -> None:
    out = redis_cmd("seed", "--redis", fresh_redis, "zakon_kz").stdout
    # 5 listings, feeds and sitemaps + the 2 homepages whose <link rel="alternate"> names the feeds
    assert "zakon_kz: 7 entry request(s) queued" in out, out
    again = redis_cmd("seed", "--redis", fresh_redis, "zakon_kz").stdout  # a new round: queued again
    assert "zakon_kz: 7 entry request(s) queued" in again
    status = json.loads(redis_cmd("redis-status", "--redis", fresh_redis, "--json").stdout)
    site = status["sites"]["zakon_kz"]
    assert site["round"] == 2 and site["queued"] == 7  # the queue holds each request once
    assert site["dupefilter"]["navigation"] == 7 and site["dupefilter"]["navigation_bytes"] > 0
    text = redis_cmd("redis-status", "--redis", fresh_redis).stdout
    assert "zakon_kz" in text and "items stream: 0 entries" in text


# --- the whole thing: three workers, one writer, kills ------------------------------------------------


def test_three_workers_and_a_writer_store_every_article_once_despite_kills(
    fresh_redis: str, mirror_server, tmp_path: Path
) -> None:
    from crawler.cli.main import ALL_SITES_AVAILABLE
    from crawler.ops.distributed import queue_key, redis_client

    sites = ALL_SITES_AVAILABLE()
    base_db = str(tmp_path / "single.db")
    kznews("crawl", *sites, "--mirror-url", mirror_server.base_url, "--db", base_db)
    expected = article_ids(base_db)
    assert len(expected) >= 100

    server = redis_client(fresh_redis)
    redis_cmd("seed", "--redis", fresh_redis, *sites)
    db = str(tmp_path / "distributed.db")
    env = {
        "KZNEWS_REDIS_IDLE_CLOSE": "3",
        "KZNEWS_REDIS_LEASE": "2",
        "KZNEWS_FEEDS_DIR": str(tmp_path / "feeds"),
    }
    worker = ["crawl", *sites, "--redis", fresh_redis, "--mirror-url", mirror_server.base_url,
              "--db", str(tmp_path / "worker.db")]  # fmt: skip

    # Worker A is slow (1 s between requests per site) so that it holds leases when it is killed.
    victim = start([*worker, "-s", "DOWNLOAD_DELAY=1"], tmp_path / "a.log", env)

    def victim_holds() -> list[bytes]:
        held = []
        for keyname in (queue_key(s) + ":leases:meta" for s in sites):
            for token, meta in server.hgetall(keyname).items():
                if f":{victim.pid}:" in meta.decode():
                    held.append(token)
        return held

    def victim_fetched() -> bool:
        beats = [json.loads(v) for v in server.hgetall("kznews:workers").values()]
        return any(b["pid"] == victim.pid and b["responses"] > 0 for b in beats)

    wait_for(lambda: len(victim_holds()) >= 3 and victim_fetched(), 60, "worker A to hold leases mid-crawl")
    held = victim_holds()
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    held_urls = {pickle.loads(token)["url"] for token in held}

    others = [start(worker, tmp_path / f"{name}.log", env) for name in ("b", "c")]
    writer = start(["ingest", "--from-redis", fresh_redis, "--db", db], tmp_path / "w1.log", env)
    wait_for(lambda: len(article_ids(db)) >= 10, 90, "the writer to store its first articles")
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    writer = start(
        ["ingest", "--from-redis", fresh_redis, "--db", db, "--idle-exit", "5"], tmp_path / "w2.log", env
    )

    for proc in others:
        assert proc.wait(timeout=120) == 0, (tmp_path / "b.log").read_text()[-3000:]
    assert writer.wait(timeout=60) == 0, (tmp_path / "w2.log").read_text()[-3000:]
    # The writer is a service; --idle-exit only ends it for the test, and a lull in the workers (a
    # lease waiting to expire) can outlast it. Drain what the workers pushed after it left.
    drain = start(
        ["ingest", "--from-redis", fresh_redis, "--db", db, "--idle-exit", "2"], tmp_path / "w3.log", env
    )
    assert drain.wait(timeout=60) == 0, (tmp_path / "w3.log").read_text()[-3000:]
    logs = [(tmp_path / f"{n}.log").read_text() for n in ("b", "c")]
    writer_log = (tmp_path / "w2.log").read_text()

    # Every article stored, once, as in the single-process crawl.
    assert article_ids(db) == expected
    # the workers' own stages ran (sources among them): the same normalised fields as one crawl
    normalised = "SELECT id, published_at, reporter, cited_sources, canonical_url FROM articles"
    with sqlite3.connect(db) as got, sqlite3.connect(base_db) as want:
        assert set(got.execute(normalised)) == set(want.execute(normalised))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE revision != 1").fetchone()[0] == 0
        orphans = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN pages p ON p.id = a.page_id WHERE p.id IS NULL"
        ).fetchone()[0]
        stored_urls = {row[0] for row in conn.execute("SELECT url FROM articles")}
        fetched_urls = stored_urls | {row[0] for row in conn.execute("SELECT url FROM pages")}
    assert orphans == 0  # raw pages travelled with the articles
    # What A had leased when it died was finished by B and C: every article A held was fetched, and
    # no lease is left at the end (asserted below). Which worker's reaper re-queued them, and so the
    # per-worker "recovered" counts, depends on timing, so only their presence in the summary is checked.
    assert all("requests recovered" in log for log in logs)
    held_articles = {u for u in held_urls if u.endswith(".html") and "/news/" not in u}
    assert held_articles <= fetched_urls, held_articles - fetched_urls
    # Nothing left behind; the workers closed because they were idle.
    for site in sites:
        assert server.zcard(queue_key(site)) == 0 and server.zcard(queue_key(site) + ":leases") == 0
    assert server.xlen("kznews:items") == 0
    assert all("finished" in log for log in logs)
    assert "wrote " in writer_log
    assert not (tmp_path / "worker.db").exists()


def test_a_writer_killed_mid_stream_loses_and_duplicates_nothing(fresh_redis: str, tmp_path: Path) -> None:
    from crawler.ops.distributed import WRITER_GROUP, redis_client

    server = redis_client(fresh_redis)
    total = 600
    with server.pipeline() as pipe:
        for i in range(total):
            pipe.xadd("kznews:items", synthetic_entry(i))  # type: ignore[arg-type]
        pipe.execute()
    db = str(tmp_path / "writer.db")
    env = {"KZNEWS_FEEDS_DIR": str(tmp_path / "feeds")}
    first = start(["ingest", "--from-redis", fresh_redis, "--db", db], tmp_path / "w1.log", env)
    wait_for(lambda: len(article_ids(db)) >= 150, 120, "the writer to store 150 articles")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    pending = int(server.xpending("kznews:items", WRITER_GROUP)["pending"])
    stored_before = len(article_ids(db))
    assert stored_before < total, "the writer finished before it was killed: raise `total`"

    result = kznews(
        "ingest", "--from-redis", fresh_redis, "--db", db, "--idle-exit", "1", env=env, timeout=180
    )
    assert len(article_ids(db)) == total
    assert server.xlen("kznews:items") == 0
    assert int(server.xpending("kznews:items", WRITER_GROUP)["pending"]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE revision != 1").fetchone()[0] == 0
    if pending:  # entries delivered to the killed writer came back; those it had committed are 'unchanged'
        assert f"{pending} redelivered after a restart" in result.stdout, result.stdout
