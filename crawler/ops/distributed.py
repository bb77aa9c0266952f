"""Distributed crawling on Redis: scrapy-redis workers on any number of hosts, one SQLite writer.

scrapy-redis gives Scrapy a request queue and a duplicate filter in Redis. This module keeps its
Scheduler, its PriorityQueue encoding (pickled `Request.to_dict()`, callbacks by name) and its
RFPDupeFilter fingerprints, and fixes what its users complain about (docs/scaling.md):

- **killed workers lose nothing** (`LeasedPriorityQueue`): a pop moves the request atomically (Lua)
  from the queue to a lease set scored by a deadline (Redis server time, so host clocks do not
  matter). The worker renews its leases while it lives and acknowledges a request only when Scrapy
  is completely done with it (downloaded, parsed, items pushed, follow-up requests queued). Any
  worker re-queues leases whose deadline passed (a `kill -9`, a power cut), with their priority.
- **the duplicate filter expires** (`ExpiringDupeFilter`): article pages (callback `parse_article`)
  are remembered in a sorted set scored by first-seen time, forgotten after
  KZNEWS_REDIS_DUPEFILTER_TTL and pruned with ZREMRANGEBYSCORE on a schedule; navigation pages
  (sitemaps, listings, feeds, API lists) are remembered for one seeding round only, in a per-round
  set that expires by itself — each `kznews seed` walks the entry points afresh.
- **idle workers close** (scrapy-redis 0.9.1 has MAX_IDLE_TIME_BEFORE_CLOSE only for RedisSpider):
  a worker stays while the queue or any lease (another worker's work in flight, which may produce
  more requests) is non-empty, and closes after KZNEWS_REDIS_IDLE_CLOSE seconds of global idleness,
  polling Redis with an exponential back-off capped at KZNEWS_REDIS_IDLE_POLL_MAX.
- **items travel through Redis, not SQLite**: workers run the normalising stages that touch no
  database (KZNEWS_REDIS_WORKER_STAGES), then `RedisStreamPipeline` XADDs the article to a Redis
  Stream; raw article pages and spider-exception rejects travel the same stream. `drain()` — the
  one writer, `kznews ingest --from-redis` — reads the stream in a consumer group, runs the
  remaining stages (validate, store, alerts) through `PipelineRunner`, and XACKs an entry only after
  its SQLite commit: a killed writer gets its unacknowledged entries again on restart, and the store
  upserts by article id, so a redelivered article is 'unchanged', never a second row.

Redis keys (one Redis database per deployment; `kznews redis-status` reports them):
    kznews:<spider>:requests      ZSET   the shared queue (scrapy-redis encoding; score: priority, then FIFO)
    kznews:<spider>:requests:seq  STRING the FIFO counter
    kznews:<spider>:leases        ZSET   requests in flight, scored by lease deadline
    kznews:<spider>:leases:meta   HASH   request -> "<queue score> <worker id>"
    kznews:<spider>:seen          ZSET   article fingerprints (20-byte SHA-1) -> first seen time
    kznews:<spider>:seen:r<N>     SET    navigation fingerprints of seeding round N (EXPIRE)
    kznews:<spider>:round         STRING the current seeding round (INCR by `kznews seed`)
    kznews:<spider>:args          STRING spider arguments given to `kznews seed` (JSON)
    kznews:items                  STREAM articles, pages and rejects for the writer (group `writer`)
    kznews:workers                HASH   worker id -> heartbeat JSON

The queue holds pickles (scrapy-redis' default serializer): Redis must be private to the crawl
hosts (bind to a private interface, `requirepass`, a URL like redis://:secret@host:6379/0).

The parts, in file order:
- Keys and names: `redis_client`, `queue_key`, `round_key`, `args_key`, `stage_name`.
- The shared queue: `LeasedPriorityQueue`, `ExpiringDupeFilter`, `LeasedScheduler`.
- Worker side: `RedisStreamPipeline`, `RedisArchiveMiddleware`, `RedisRejectMiddleware`,
  `WorkerStartMiddleware`, `worker_settings`, `run_workers`.
- Operators: `WorkerError`, `seed`, `status`.
- Writer side: `article_from_entry`, `drain` (items stream → SQLite), `_write_entry`.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.items import Article
from crawler.store.archive import RejectOnErrorMiddleware, kept_headers
from crawler.store.articles import page_id_for

log = logging.getLogger(__name__)

PREFIX = "kznews"
QUEUE_KEY = PREFIX + ":%(spider)s:requests"
DUPEFILTER_KEY = PREFIX + ":%(spider)s:seen"
WORKERS_KEY = PREFIX + ":workers"
WRITER_GROUP = "writer"
# Callbacks whose pages are articles: remembered for the TTL, across seeding rounds.
ARTICLE_CALLBACKS = frozenset({"parse_article"})
# Components that write SQLite: a worker swaps them for their Redis counterparts or turns them off.
WORKER_REPLACEMENTS: dict[str, str | None] = {
    "crawler.store.archive.ArchiveMiddleware": "crawler.ops.distributed.RedisArchiveMiddleware",
    "crawler.store.archive.RejectOnErrorMiddleware": "crawler.ops.distributed.RedisRejectMiddleware",
    "crawler.store.incremental.IncrementalMiddleware": None,  # url_state lives in SQLite: the writer's host only
    "crawler.ops.polling.PollingMiddleware": None,  # poll_state lives in SQLite too
    "crawler.ops.runs.CrawlRunsExtension": None,  # crawl_runs is SQLite; worker stats go to kznews:workers
    "crawler.ops.jobs.AfterCrawlExtension": None,  # feeds and deliveries: the writer's host (ingest --from-redis)
}
ARTICLE_FIELDS = {f.name for f in fields(Article)}


def redis_client(url: str) -> redis.Redis:
    """A bytes client (pages and pickles are binary) with the timeouts scrapy-redis uses."""
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)


def queue_key(spider_name: str) -> str:
    return QUEUE_KEY % {"spider": spider_name}


def round_key(spider_name: str) -> str:
    return f"{PREFIX}:{spider_name}:round"


def args_key(spider_name: str) -> str:
    return f"{PREFIX}:{spider_name}:args"


def worker_stage_names(settings: Any) -> list[str]:
    value = settings.get("KZNEWS_REDIS_WORKER_STAGES") or ""
    names = value.split(",") if isinstance(value, str) else list(value)
    return [n.strip() for n in names if n and n.strip()]


def stage_name(path: str) -> str:
    """`pipelines.dates.DatesPipeline` -> `dates` (the names PipelineRunner's skip= takes)."""
    return path.rsplit(".", 2)[-2]


# --- the queue: scrapy-redis PriorityQueue plus leases ------------------------------------------------

_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "

# KEYS: queue, leases, meta. ARGV: lease seconds, worker id. Returns the encoded request or nil.
_POP = (
    _NOW
    + """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), item[1])
redis.call('HSET', KEYS[3], item[1], item[2] .. ' ' .. ARGV[2])
return item[1]
"""
)
# KEYS: leases. ARGV: lease seconds, tokens... Extends the leases still held; returns how many.
_RENEW = (
    _NOW
    + """
local n = 0
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]); n = n + 1
  end
end
return n
"""
)
# KEYS: queue, leases, meta. ARGV: tokens... (or none: every expired lease). Puts them back in the
# queue with their original score; returns how many.
_REQUEUE = (
    _NOW
    + """
local tokens = {}
if #ARGV == 0 then
  tokens = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
else
  for i = 1, #ARGV do if redis.call('ZSCORE', KEYS[2], ARGV[i]) then table.insert(tokens, ARGV[i]) end end
end
for _, token in ipairs(tokens) do
  local meta = redis.call('HGET', KEYS[3], token)
  local score = 0
  if meta then score = tonumber(string.match(meta, '^(%S+)')) or 0 end
  redis.call('ZADD', KEYS[1], score, token)
  redis.call('ZREM', KEYS[2], token)
  redis.call('HDEL', KEYS[3], token)
end
return #tokens
"""
)


# KEYS: queue, sequence. ARGV: priority, encoded request. Higher priority first, then first in first
# out: scrapy-redis scores by priority alone, so equal priorities pop in the order of their pickles.
_PUSH = """
local seq = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], -tonumber(ARGV[1]) * 1e12 + seq, ARGV[2])
return seq
"""


class LeasedPriorityQueue(PriorityQueue):
    """scrapy-redis' PriorityQueue whose pops are leases: see the module docstring."""

    lease_seconds: float = 60.0
    worker_id: str = "?"

    def __init__(self, server: redis.Redis, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.leases_key = self.key + ":leases"
        self.meta_key = self.key + ":leases:meta"
        self.seq_key = self.key + ":seq"
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._renew = server.register_script(_RENEW)
        self._requeue = server.register_script(_REQUEUE)

    def push(self, request: Request) -> None:
        self._push(keys=[self.key, self.seq_key], args=[request.priority, self._encode_request(request)])

    def pop_leased(self) -> tuple[Request | None, bytes | None]:
        """(request, lease token), or (None, None) when the queue is empty.

        A request that no longer decodes (its callback was renamed since it was queued) is dropped
        with an error in the log rather than leased for ever."""
        while True:
            token = self._pop(
                keys=[self.key, self.leases_key, self.meta_key], args=[self.lease_seconds, self.worker_id]
            )
            if not token:
                return None, None
            try:
                return self._decode_request(token), token
            except Exception as exc:
                log.error("dropping a queued request that does not decode (%s: %s)", type(exc).__name__, exc)
                self.ack([token])

    def pop(self, timeout: int = 0) -> Request | None:
        request, _ = self.pop_leased()
        return request

    def ack(self, tokens: Iterable[bytes]) -> None:
        tokens = list(tokens)
        if tokens:
            with self.server.pipeline() as pipe:
                pipe.zrem(self.leases_key, *tokens)
                pipe.hdel(self.meta_key, *tokens)
                pipe.execute()

    def renew(self, tokens: Iterable[bytes]) -> int:
        tokens = list(tokens)
        return int(self._renew(keys=[self.leases_key], args=[self.lease_seconds, *tokens])) if tokens else 0

    def release(self, tokens: Iterable[bytes]) -> int:
        """Put leased requests back in the queue now (a worker closing before finishing them)."""
        tokens = list(tokens)
        if not tokens:
            return 0
        return int(self._requeue(keys=[self.key, self.leases_key, self.meta_key], args=tokens))

    def reap(self) -> int:
        """Put every expired lease back in the queue; returns how many."""
        return int(self._requeue(keys=[self.key, self.leases_key, self.meta_key], args=[]))

    def leased(self) -> int:
        return int(self.server.zcard(self.leases_key))

    def clear(self) -> None:
        self.server.delete(self.key, self.leases_key, self.meta_key, self.seq_key)


# --- the duplicate filter with expiry -----------------------------------------------------------------

# KEYS: article zset, round key, navigation set prefix. ARGV: fingerprint, ttl seconds, article 1|0,
# navigation ttl seconds. Returns 1 when seen (and not expired), else records it and returns 0.
_SEEN = (
    _NOW
    + """
if ARGV[3] == '1' then
  local seen = redis.call('ZSCORE', KEYS[1], ARGV[1])
  if seen and tonumber(seen) > now - tonumber(ARGV[2]) then return 1 end
  redis.call('ZADD', KEYS[1], now, ARGV[1])
  redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])))
  return 0
end
local key = KEYS[3] .. (redis.call('GET', KEYS[2]) or '0')
if redis.call('SADD', key, ARGV[1]) == 0 then return 1 end
redis.call('EXPIRE', key, math.ceil(tonumber(ARGV[4])))
return 0
"""
)
# KEYS: article zset. ARGV: ttl seconds. Returns how many fingerprints were forgotten.
_PRUNE = _NOW + "return redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[1])))"


class ExpiringDupeFilter(RFPDupeFilter):
    """scrapy-redis' RFPDupeFilter (same fingerprints) with expiry: see the module docstring."""

    def __init__(
        self,
        server: redis.Redis,
        key: str,
        debug: bool = False,
        *,
        ttl: float = 7 * 86400,
        spider_name: str = "",
    ) -> None:
        super().__init__(server, key, debug)
        self.ttl = float(ttl)
        self.nav_ttl = min(self.ttl, 86400.0)  # a round's navigation set outlives any sane round
        self.round_key = round_key(spider_name) if spider_name else f"{key}:round"
        self.nav_prefix = f"{key}:r"
        self._seen = server.register_script(_SEEN)
        self._prune = server.register_script(_PRUNE)

    @classmethod
    def from_spider(cls, spider: Spider) -> ExpiringDupeFilter:
        settings = spider.settings
        key = settings.get("SCHEDULER_DUPEFILTER_KEY", DUPEFILTER_KEY) % {"spider": spider.name}
        server = redis_client(settings.get("REDIS_URL"))
        return cls(
            server,
            key,
            settings.getbool("DUPEFILTER_DEBUG"),
            ttl=settings.getfloat("KZNEWS_REDIS_DUPEFILTER_TTL", 7 * 86400),
            spider_name=spider.name,
        )

    @staticmethod
    def is_article(request: Request) -> bool:
        return getattr(request.callback, "__name__", None) in ARTICLE_CALLBACKS

    def request_seen(self, request: Request) -> bool:
        fingerprint = bytes.fromhex(self.request_fingerprint(request))
        article = "1" if self.is_article(request) else "0"
        return bool(
            self._seen(
                keys=[self.key, self.round_key, self.nav_prefix],
                args=[fingerprint, self.ttl, article, self.nav_ttl],
            )
        )

    def prune(self) -> int:
        return int(self._prune(keys=[self.key], args=[self.ttl]))

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: they are shared with the other workers (scrapy-redis deletes them)."""

    def clear(self) -> None:
        self.server.delete(self.key, *self.server.keys(self.nav_prefix + "*"))

    def memory(self) -> dict[str, int]:
        """Member counts and MEMORY USAGE (bytes) of the article set and the current round's set."""
        current = self.nav_prefix + (self.server.get(self.round_key) or b"0").decode()
        return {
            "articles": int(self.server.zcard(self.key)),
            "articles_bytes": int(self.server.memory_usage(self.key) or 0),
            "navigation": int(self.server.scard(current)),
            "navigation_bytes": int(self.server.memory_usage(current) or 0),
        }


# --- the scheduler: leases, acknowledgement, idle close, upkeep ---------------------------------------


class LeasedScheduler(Scheduler):
    """scrapy-redis' Scheduler with leased pops, acknowledgement when a request is done, expiry
    housekeeping and the idle close. Requires SCHEDULER_QUEUE_CLASS = LeasedPriorityQueue."""

    queue: LeasedPriorityQueue
    df: ExpiringDupeFilter

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeasedScheduler:
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        settings = crawler.settings
        instance.lease_seconds = settings.getfloat("KZNEWS_REDIS_LEASE", 60)
        instance.idle_close = settings.getfloat("KZNEWS_REDIS_IDLE_CLOSE", 60)
        instance.poll_max = settings.getfloat("KZNEWS_REDIS_IDLE_POLL_MAX", 5)
        instance.prune_every = settings.getfloat("KZNEWS_REDIS_DUPEFILTER_PRUNE", 300)
        return instance

    def open(self, spider: Spider) -> None:
        super().open(spider)
        if not isinstance(self.queue, LeasedPriorityQueue):
            raise NotConfigured(
                "LeasedScheduler needs SCHEDULER_QUEUE_CLASS = crawler.ops.distributed.LeasedPriorityQueue"
            )
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{spider.name}"
        self.queue.worker_id = self.worker_id
        self.queue.lease_seconds = self.lease_seconds
        self.inflight: dict[Request, bytes] = {}
        self.idle_since: float | None = None
        self.idle_polls = 0
        self.last_prune = 0.0
        self.started = time.time()
        self._hook_request_done()
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        from twisted.internet import task

        self.upkeep = task.LoopingCall(self.tick)
        self.upkeep.start(max(0.2, min(self.lease_seconds / 3, 10.0)), now=True)

    def _hook_request_done(self) -> None:
        # Scrapy signals nothing when it is *completely* done with a request (callback run, items
        # through the pipelines, follow-ups queued); the engine slot's remove_request is that moment
        # for every outcome (response, failure, redirect, retry, IgnoreRequest). Wrapped here
        # (Scrapy 2.13-2.19 engine internals); tests/test_distributed.py fails if that changes.
        slot = self.crawler.engine._slot
        original: Callable[[Request], None] = slot.remove_request

        def remove_request(request: Request) -> None:
            try:
                original(request)
            finally:
                token = self.inflight.pop(request, None)
                if token is not None:
                    self.queue.ack([token])
                    self.stats.inc_value("kznews/redis/acked")

        slot.remove_request = remove_request

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        request, token = self.queue.pop_leased()
        if request is None or token is None:
            return None
        self.inflight[request] = token
        self.idle_since = None
        self.idle_polls = 0
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0

    def tick(self) -> None:
        """Renew our leases, re-queue expired ones, prune the dupefilter, publish a heartbeat."""
        try:
            if self.inflight:
                self.queue.renew(self.inflight.values())
            reaped = self.queue.reap()
            if reaped:
                self.stats.inc_value("kznews/redis/leases/reaped", reaped)
                log.info("re-queued %d request(s) whose worker stopped renewing its lease", reaped)
                self._wake()
            if time.monotonic() - self.last_prune >= self.prune_every:
                self.last_prune = time.monotonic()
                pruned = self.df.prune()
                if pruned:
                    self.stats.inc_value("kznews/redis/dupefilter/expired", pruned)
            self.heartbeat("running")
        except redis.RedisError as exc:  # Redis away for a moment: the next tick tries again
            log.warning("Redis upkeep failed: %s", exc)

    def heartbeat(self, state: str) -> None:
        stats = self.stats.get_stats() if self.stats else {}
        self.server.hset(
            WORKERS_KEY,
            self.worker_id,
            json.dumps(
                {
                    "state": state,
                    "spider": self.spider.name,
                    "host": socket.gethostname(),
                    "pid": os.getpid(),
                    "started": self.started,
                    "heartbeat": time.time(),
                    "inflight": len(self.inflight),
                    "responses": stats.get("downloader/response_count", 0),
                    "items": stats.get("kznews/redis/pushed/article", 0),
                }
            ),
        )

    def _wake(self, delay: float = 0.0) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule(delay)

    def on_idle(self, spider: Spider) -> None:
        """Stay open while the shared queue or any lease is non-empty (another worker's request in
        flight may yield more); close after idle_close seconds of nothing anywhere (0: never).
        Redis is polled with an exponential back-off, reset whenever the queue has work."""
        self.queue.reap()
        queued = len(self.queue) > 0
        busy = queued or self.queue.leased() > 0
        now = time.monotonic()
        if busy or self.idle_since is None:
            self.idle_since = now
        if queued:
            self.idle_polls = 0
        if not busy and self.idle_close and now - self.idle_since >= self.idle_close:
            self.stats.set_value("kznews/redis/idle_closed", True)
            return  # the engine closes the spider ("finished")
        delay = min(self.poll_max, 0.05 * (2 ** min(self.idle_polls, 16)))
        self.idle_polls += 1
        self._wake(delay)
        raise DontCloseSpider

    def close(self, reason: str) -> None:
        try:
            if self.upkeep.running:
                self.upkeep.stop()
            released = self.queue.release(self.inflight.values())
            if released:
                self.stats.inc_value("kznews/redis/leases/released", released)
            self.inflight.clear()
            for key, value in self.df.memory().items():
                self.stats.set_value(f"kznews/redis/dupefilter/{key}", value)
            self.stats.set_value("kznews/redis/queue", len(self.queue))
            self.server.hdel(WORKERS_KEY, self.worker_id)
        except redis.RedisError as exc:
            log.warning("Redis cleanup at close failed (expired leases will be re-queued): %s", exc)


# --- worker-side components -------------------------------------------------------------------------


class _StreamWriter:
    """The items stream, shared by a worker's pipeline and middlewares (one connection per crawler)."""

    def __init__(self, crawler: Any) -> None:
        url = crawler.settings.get("REDIS_URL")
        if not url:
            raise NotConfigured("REDIS_URL not set: not a Redis worker")
        self.crawler = crawler
        self.server = redis_client(url)
        self.key = crawler.settings.get("KZNEWS_REDIS_ITEMS_KEY", f"{PREFIX}:items")
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    @classmethod
    def for_crawler(cls, crawler: Any) -> _StreamWriter:
        writer = getattr(crawler, "_kznews_stream", None)
        if writer is None:
            writer = crawler._kznews_stream = cls(crawler)
        return writer

    def add(self, kind: str, fields: Mapping[str, Any]) -> None:
        entry = {"kind": kind, "worker": self.worker, **{k: v for k, v in fields.items() if v is not None}}
        self.server.xadd(self.key, entry)  # type: ignore[arg-type]
        self.crawler.stats.inc_value(f"kznews/redis/pushed/{kind}")


class RedisStreamPipeline:
    """The last worker stage: XADD the (partly normalised) article to the items stream."""

    def __init__(self, crawler: Any) -> None:
        self.stream = _StreamWriter.for_crawler(crawler)
        self.stages = ",".join(worker_stage_names(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisStreamPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        data = item.to_dict() if isinstance(item, Article) else dict(item)
        self.stream.add("article", {"data": json.dumps(data, ensure_ascii=False), "stages": self.stages})
        return item


# page_id_for lives in crawler/store/articles.py: the one place the page key is computed.


class RedisArchiveMiddleware:
    """ArchiveMiddleware for workers: the raw article page goes to the stream (zlib), the writer
    stores it in `pages`; the page id is the one the store computes, so the article links to it."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stream = _StreamWriter.for_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisArchiveMiddleware:
        if not crawler.settings.getbool("KZNEWS_ARCHIVE_PAGES", True):
            raise NotConfigured("KZNEWS_ARCHIVE_PAGES is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("kznews_archive") and response.status == 200 and response.body:
            headers = kept_headers(response)
            from crawler.store.db import utcnow_iso

            self.stream.add(
                "page",
                {
                    "url": response.url,
                    "site": self.crawler.spider.name,
                    "status": str(response.status),
                    "headers": json.dumps(headers, ensure_ascii=False),
                    "fetched_at": utcnow_iso(),
                    "body": zlib.compress(response.body, 6),
                },
            )
            response.meta["page_id"] = page_id_for(response.url, response.body)
        return response


class RedisRejectMiddleware(RejectOnErrorMiddleware):
    """RejectOnErrorMiddleware for workers: the spider exception becomes a reject entry in the stream."""

    def process_spider_exception(self, response: Response, exception: Exception) -> Iterable[Any]:
        import traceback

        from scrapy.spidermiddlewares.httperror import HttpError

        stream = _StreamWriter.for_crawler(self.crawler)
        page_id = response.meta.get("page_id")
        if isinstance(
            exception, HttpError
        ):  # as RejectOnErrorMiddleware: a final 4xx/5xx, named by its status
            stream.add(
                "reject",
                {
                    "url": response.url,
                    "site": self.crawler.spider.name,
                    "stage": "download",
                    "reason": f"HTTP {response.status} (after retries)",
                    "page_id": page_id,
                },
            )
            self.crawler.stats.inc_value(f"kznews/faults/http_{response.status}")
            return []
        frames = traceback.format_exception(type(exception), exception, exception.__traceback__)
        stream.add("reject", {
            "url": response.url,
            "site": self.crawler.spider.name,
            "stage": "extract",
            "reason": f"{type(exception).__name__}: {exception}"[:500],
            "detail": "".join(frames[-3:])[:4000],
            "page_id": page_id,
        })  # fmt: skip
        self.crawler.stats.inc_value("kznews/extract/exception")
        return []


class WorkerStartMiddleware:
    """Workers take their work from the shared queue: the spider's own start() requests are seeded
    by `kznews seed`, or here only when KZNEWS_REDIS_SEED_ON_START asks (a new round, like seed)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerStartMiddleware:
        return cls(crawler)

    async def process_start(self, start: Any) -> Any:
        if not self.crawler.settings.getbool("KZNEWS_REDIS_SEED_ON_START"):
            return
        spider = self.crawler.spider
        redis_client(self.crawler.settings.get("REDIS_URL")).incr(round_key(spider.name))
        async for item_or_request in start:
            yield item_or_request


def worker_settings(redis_url: str, base: Any) -> dict[str, Any]:
    """The settings that turn a crawl into a Redis worker (applied over the project settings)."""
    stages = set(worker_stage_names(base))
    pipelines = {
        path: order
        for path, order in base.getdict("ITEM_PIPELINES").items()
        if stage_name(path) in stages and order is not None
    }
    pipelines["crawler.ops.distributed.RedisStreamPipeline"] = 1000
    out: dict[str, Any] = {
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.ops.distributed.LeasedScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.ops.distributed.LeasedPriorityQueue",
        "SCHEDULER_QUEUE_KEY": QUEUE_KEY,
        "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER_KEY,
        "DUPEFILTER_CLASS": "crawler.ops.distributed.ExpiringDupeFilter",
        "SCHEDULER_PERSIST": True,  # the queue is shared: a worker closing must not flush it
        "ITEM_PIPELINES": pipelines,
        # a worker stores nothing: its stages run here and the items go to Redis, not to a writer child
        "KZNEWS_WRITER_PROCESS": False,
    }
    for name in ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS"):
        components = dict(base.getdict(name))
        for path, replacement in WORKER_REPLACEMENTS.items():
            if path in components:
                order = components[path]
                components[path] = None
                if replacement and order is not None:
                    components[replacement] = order
        if name == "SPIDER_MIDDLEWARES":
            components["crawler.ops.distributed.WorkerStartMiddleware"] = 10
        out[name] = components
    return out


def run_workers(
    sites: Sequence[str],
    *,
    redis_url: str,
    db_path: str,
    mirror: str | None = None,
    spider_args: dict[str, str] | None = None,
    settings_overrides: dict[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """`kznews crawl --redis URL`: run SITES as workers in one process until they are idle-closed;
    returns each one's final stats. Never opens the database for writing (it may not exist here)."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    server = redis_client(redis_url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise WorkerError(f"cannot reach Redis at {redis_url} ({exc}); start it or fix --redis") from exc
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.set("KZNEWS_DB", db_path, priority="cmdline")  # read-only: is_known, when it exists here
    for key, value in worker_settings(redis_url, settings).items():
        settings.set(key, value, priority="cmdline")
    if mirror:
        settings.set("KZNEWS_MIRROR", mirror, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    for key, value in (settings_overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = []
    for site in sites:
        stored = server.get(args_key(site))
        args = {**(json.loads(stored) if stored else {}), **(spider_args or {})}
        crawler = process.create_crawler(site)
        crawlers.append(crawler)
        process.crawl(crawler, **args)
    process.start()
    return {c.spidercls.name: dict(c.stats.get_stats()) for c in crawlers}


def worker_summary(stats: Mapping[str, Mapping[str, Any]], seconds: float) -> list[str]:
    lines = [f"kznews worker summary ({seconds:.1f} s)"]
    for site, s in sorted(stats.items()):
        lines.append(
            f"  {site}: {s.get('finish_reason', '?')}, {s.get('downloader/response_count', 0)} responses, "
            f"{s.get('kznews/redis/pushed/article', 0)} articles pushed, "
            f"{s.get('kznews/redis/leases/reaped', 0)} requests recovered from stopped workers, "
            f"{s.get('log_count/ERROR', 0)} errors; dupefilter {s.get('kznews/redis/dupefilter/articles', 0)} "
            f"articles ({human_bytes(s.get('kznews/redis/dupefilter/articles_bytes', 0))}), "
            f"{s.get('kznews/redis/dupefilter/navigation', 0)} navigation pages this round"
        )
    return lines


def human_bytes(n: int | float) -> str:
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


class WorkerError(Exception):
    """A problem a person fixes (Redis unreachable, unknown site); the message says how."""


# --- seeding --------------------------------------------------------------------------------------


def seed(
    redis_url: str,
    sites: Sequence[str],
    *,
    spider_args: dict[str, str] | None = None,
    settings_overrides: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Start a new round for each site and push its entry requests (its start()) into the shared
    queue through the duplicate filter; returns the number queued per site."""
    import asyncio

    from scrapy.crawler import Crawler
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    server = redis_client(redis_url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise WorkerError(f"cannot reach Redis at {redis_url} ({exc}); start it or fix --redis") from exc
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    for key, value in worker_settings(redis_url, settings).items():
        settings.set(key, value, priority="cmdline")
    for key, value in (settings_overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    loader = SpiderLoader.from_settings(settings)
    counts: dict[str, int] = {}
    for site in sites:
        spidercls = loader.load(site)
        crawler = Crawler(spidercls, settings)
        spider = spidercls.from_crawler(crawler, **(spider_args or {}))
        server.set(args_key(site), json.dumps(spider_args or {}, ensure_ascii=False))
        server.incr(round_key(site))
        queue = LeasedPriorityQueue(server, spider, queue_key(site))
        dupefilter = ExpiringDupeFilter(
            server,
            DUPEFILTER_KEY % {"spider": site},
            ttl=settings.getfloat("KZNEWS_REDIS_DUPEFILTER_TTL", 7 * 86400),
            spider_name=site,
        )

        async def collect(spider: Any = spider) -> list[Request]:
            return [r async for r in spider.start() if isinstance(r, Request)]

        queued = 0
        for request in asyncio.run(collect()):
            if request.dont_filter or not dupefilter.request_seen(request):
                queue.push(request)
                queued += 1
        counts[site] = queued
    return counts


# --- status -----------------------------------------------------------------------------------------


def status(redis_url: str, items_key: str = f"{PREFIX}:items") -> dict[str, Any]:
    """Queue, leases, duplicate filter (members, MEMORY USAGE), items stream and workers."""
    server = redis_client(redis_url)
    spiders = sorted(
        {
            key.decode().split(":")[1]
            for pattern in (f"{PREFIX}:*:requests*", f"{PREFIX}:*:seen*", f"{PREFIX}:*:round")
            for key in server.scan_iter(pattern)
        }
    )
    sites: dict[str, Any] = {}
    for name in spiders:
        key = queue_key(name)
        df = ExpiringDupeFilter(server, DUPEFILTER_KEY % {"spider": name}, spider_name=name)
        sites[name] = {
            "queued": int(server.zcard(key)),
            "leased": int(server.zcard(key + ":leases")),
            "round": int(server.get(round_key(name)) or 0),
            "dupefilter": df.memory(),
            "dupefilter_ttl": int(server.ttl(df.key)),
        }
    stream: dict[str, Any] = {
        "length": int(server.xlen(items_key)),
        "pending": 0,
        "bytes": int(server.memory_usage(items_key) or 0),
    }
    try:
        for group in server.xinfo_groups(items_key):
            if group["name"] in (WRITER_GROUP, WRITER_GROUP.encode()):
                stream["pending"] = int(group["pending"])
    except redis.ResponseError:
        pass  # no stream yet
    now = time.time()
    workers = []
    for worker_id, raw in server.hgetall(WORKERS_KEY).items():
        info = json.loads(raw)
        info["id"] = worker_id.decode() if isinstance(worker_id, bytes) else str(worker_id)
        info["age"] = now - float(info.get("heartbeat", 0))
        workers.append(info)
    info = server.info("memory")
    return {
        "sites": sites,
        "stream": stream,
        "workers": sorted(workers, key=lambda w: w["id"]),
        "used_memory": int(info.get("used_memory", 0)),
    }


# --- the one writer ---------------------------------------------------------------------------------


class _Stop:
    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signum: int, frame: Any) -> None:
        self.requested = True


def article_from_entry(data: Mapping[str, Any]) -> Article:
    known = {k: v for k, v in data.items() if k in ARTICLE_FIELDS}
    return Article(**known)


def drain(
    redis_url: str,
    db_path: str,
    *,
    idle_exit: float | None = None,
    batch: int = 200,
    consumer: str = "writer",
    claim_idle: float = 60.0,
    echo: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """`kznews ingest --from-redis`: move the items stream into SQLite through the writer's stages.

    Reads as `consumer` in the consumer group `writer`: first its own pending entries (delivered
    before a crash, never acknowledged), then entries another consumer left pending for
    `claim_idle` seconds (XAUTOCLAIM: a writer host that died), then new ones. Each entry is
    committed by the store, then acknowledged and deleted (XACK + XDEL) — so nothing is lost, and a
    redelivered article is an upsert that changes nothing. Stops after `idle_exit` seconds without
    entries (None: runs until SIGTERM/SIGINT, finishing the batch in hand).
    """
    from scrapy.utils.project import get_project_settings

    from crawler.crawl.runner import PipelineRunner

    settings = get_project_settings()
    server = redis_client(redis_url)
    key = settings.get("KZNEWS_REDIS_ITEMS_KEY") or f"{PREFIX}:items"
    try:
        server.xgroup_create(key, WRITER_GROUP, id="0", mkstream=True)
    except redis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise
    except redis.ConnectionError as exc:
        raise WorkerError(f"cannot reach Redis at {redis_url} ({exc}); start it or fix --redis") from exc
    try:
        from crawler.sources import sync_sources_table
        from crawler.store.db import open_db

        db = open_db(db_path)
        sync_sources_table(db)
        db.conn.close()
    except ImportError:
        pass
    default_stages = ",".join(worker_stage_names(settings))
    runners: dict[str, PipelineRunner] = {}

    def runner_for(stages: str) -> PipelineRunner:
        if stages not in runners:
            runners[stages] = PipelineRunner(db_path, skip=[s for s in stages.split(",") if s])
        return runners[stages]

    counts = {
        "entries": 0,
        "articles": 0,
        "pages": 0,
        "rejects": 0,
        "refused": 0,
        "redelivered": 0,
        "undecodable": 0,
    }
    stop = _Stop()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    last_entry = time.monotonic()
    last_feeds = time.monotonic()
    wrote_since_feeds = False
    own_pending = True
    try:
        while not stop.requested:
            if own_pending:  # entries delivered to us before a restart and never acknowledged
                reply: Any = server.xreadgroup(WRITER_GROUP, consumer, {key: "0"}, count=batch)
                entries = reply[0][1] if reply else []
                if not entries:  # then those another writer left (XAUTOCLAIM), then new ones
                    claimed: Any = server.xautoclaim(
                        key, WRITER_GROUP, consumer, int(claim_idle * 1000), "0-0", count=batch
                    )
                    entries = claimed[1] if claimed else []
                    own_pending = bool(entries)
                counts["redelivered"] += len(entries)
                if not entries:
                    continue
            else:
                reply = server.xreadgroup(WRITER_GROUP, consumer, {key: ">"}, count=batch, block=500)
                entries = reply[0][1] if reply else []
            if not entries:
                if wrote_since_feeds and time.monotonic() - last_feeds >= 60:
                    _after_writes(db_path)
                    last_feeds, wrote_since_feeds = time.monotonic(), False
                if idle_exit is not None and time.monotonic() - last_entry >= idle_exit:
                    break
                continue
            done: list[bytes] = []
            for entry_id, entry in entries:
                if entry is not None:  # None: deleted while pending
                    outcome = _write_entry(entry, runner_for, default_stages)
                    counts[outcome] += 1
                    if outcome == "undecodable":
                        log.error("skipped an unreadable stream entry %s", entry_id.decode())
                    counts["entries"] += 1
                done.append(entry_id)
            with server.pipeline() as pipe:  # after the commits above, never before
                pipe.xack(key, WRITER_GROUP, *done)
                pipe.xdel(key, *done)
                pipe.execute()
            last_entry = time.monotonic()
            wrote_since_feeds = True
            if echo and counts["entries"] // 5000 != (counts["entries"] - len(done)) // 5000:
                echo(f"{counts['entries']} entries written")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        totals: dict[str, Any] = {}
        for runner in runners.values():
            for name, value in runner.stats.items():
                if isinstance(value, int):
                    totals[name] = totals.get(name, 0) + value
            runner.close()
    if wrote_since_feeds:
        _after_writes(db_path)
    for status_name in ("new", "updated", "unchanged"):
        counts[status_name] = int(totals.get(f"kznews/store/{status_name}", 0))
    return counts


def _write_entry(entry: Mapping[bytes, bytes], runner_for: Callable[[str], Any], default_stages: str) -> str:
    """Commit one stream entry; returns the counter it adds to. A pipeline failing on an article
    leaves a `rejects` row (stage 'writer'), so a bug costs a reject, not the stream; SQLite errors
    (locked, disk full) propagate: the entry stays pending and comes back on restart."""
    from crawler.store.articles import Store

    fields_ = {k.decode(): v for k, v in entry.items()}
    kind = fields_.get("kind", b"").decode()
    try:
        if kind == "article":
            data = json.loads(fields_["data"])
            stages = fields_.get("stages", b"").decode()
            article = article_from_entry(data)
        elif kind == "page":
            page = {
                "url": fields_["url"].decode(),
                "site": fields_["site"].decode(),
                "status": int(fields_["status"]),
                "body": zlib.decompress(fields_["body"]),
                "headers": json.loads(fields_["headers"]),
                "fetched_at": fields_["fetched_at"].decode(),
            }
        elif kind == "reject":
            reject = {k: v.decode() for k, v in fields_.items() if k not in ("kind", "worker")}
        else:
            return "undecodable"
    except (ValueError, KeyError, TypeError, zlib.error):
        return "undecodable"
    runner = runner_for(default_stages)
    store = Store.for_crawler(runner.context)
    if kind == "page":
        store.save_page(**page)
        return "pages"
    if kind == "reject":
        store.save_reject(url=reject.get("url"), site=reject.get("site"), stage=reject.get("stage", "extract"),
                          reason=reject.get("reason", "?"), detail=reject.get("detail"),
                          page_id=reject.get("page_id"))  # fmt: skip
        return "rejects"
    try:
        _, error = runner_for(stages).process(article)
    except sqlite3.OperationalError:
        raise
    except Exception as exc:
        log.exception("the writer's pipelines failed on %s", article.url)
        store.save_reject(url=article.url, site=article.site, stage="writer",
                          reason=f"{type(exc).__name__}: {exc}"[:500], page_id=article.page_id)  # fmt: skip
        return "refused"
    return "articles" if error is None else "refused"


def _after_writes(db_path: str) -> None:
    """What follows a crawl on a single host — alert feeds and deliveries — after each drained burst."""
    from crawler.ops.jobs import after_crawl

    try:
        after_crawl(db_path, again=True)
    except Exception:  # feeds are regenerated next time; the articles are safe in the database
        log.exception("writing alert feeds after a drained burst failed")
