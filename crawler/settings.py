"""Scrapy settings plus the KZNEWS_* settings (each overridable from the environment).

Polite by default: robots.txt obeyed, AutoThrottle on, a small per-domain concurrency, an honest
User-Agent with a contact that operators set. Everything bounded on purpose: a hostile server
can cost us a timeout and a size limit, never memory or the crawl.
"""

from __future__ import annotations

import os

BOT_NAME = "kznews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- kznews -----------------------------------------------------------------------------------
KZNEWS_DB = os.environ.get("KZNEWS_DB", "data/kznews.db")
# Base URL of the offline mirror server; when set, every request is routed to it (crawler/crawl/mirror.py).
KZNEWS_MIRROR = os.environ.get("KZNEWS_MIRROR", "")
KZNEWS_CONTACT = os.environ.get(
    "KZNEWS_CONTACT", "https://github.com/kznews/kznews"
)  # = addons.DEFAULT_CONTACT
KZNEWS_FEEDS_DIR = os.environ.get("KZNEWS_FEEDS_DIR", "")  # empty: feeds/ beside the database
KZNEWS_ALERTS_FILE = os.environ.get("KZNEWS_ALERTS_FILE", "data/alerts.toml")
# Where people open `kznews serve` (links in feeds: the rule's page, the live feeds); empty: the local one.
KZNEWS_PUBLIC_URL = os.environ.get("KZNEWS_PUBLIC_URL", "")
# Listing pages per entry point per run; `-a since=` backfills ignore the "nothing new" stop.
KZNEWS_MAX_LISTING_PAGES = int(os.environ.get("KZNEWS_MAX_LISTING_PAGES", "50"))
# Stored articles younger than this are fetched again (conditional GET) to pick up editors' fixes.
KZNEWS_REFRESH_HOURS = float(os.environ.get("KZNEWS_REFRESH_HOURS", "24"))
# Run the storing stages (sources, dedupe, store, alerts) and every SQLite write of the crawl in a second
# process (crawler/crawl/writer.py): two cores, and the crawl never waits on the database. 0: all in one process.
KZNEWS_WRITER_PROCESS = os.environ.get("KZNEWS_WRITER_PROCESS", "1") not in ("0", "false", "no", "")
# Where `kznews crawl` writes Scrapy's log (one file per site, appended); empty: logs/ beside the database.
KZNEWS_LOG_DIR = os.environ.get("KZNEWS_LOG_DIR", "")
# Run the after-crawl step (rules file, feeds, deliveries: crawler/ops/jobs.py) when a crawl ends, whatever
# started it (`scrapy crawl`, `kznews crawl`, `kznews schedule`); 0: only `kznews alerts run` writes feeds.
KZNEWS_AFTER_CRAWL = os.environ.get("KZNEWS_AFTER_CRAWL", "1") not in ("0", "false", "no", "")
# Keep every fetched article page, zlib-compressed, in the `pages` table (for `kznews reparse`).
KZNEWS_ARCHIVE_PAGES = os.environ.get("KZNEWS_ARCHIVE_PAGES", "1") not in ("0", "false", "no")
# --- operations (crawler/ops/runs.py, incremental.py, health.py, schedule.py, progress.py, politeness.py) ---
# Seconds between runs per site for `kznews schedule`; env KZNEWS_SCHEDULE="zakon_kz=300,gov_kz=3600" overrides.
KZNEWS_SCHEDULE = {"zakon_kz": 600, "primeminister_kz": 1800, "akorda_kz": 1800, "gov_kz": 1800}
# Random spread of each interval (±10%), so runs of many sites and many hosts do not line up.
# fixed: every run polls every entry point (a plain `kznews crawl`); adaptive: only the due ones, with
# conditional GETs and the hourly budget (crawler/ops/polling.py; `kznews schedule` sets it unless --fixed).
KZNEWS_POLLING = os.environ.get("KZNEWS_POLLING", "fixed")
# Sites `kznews schedule` polls adaptively ("all" for every site); the others keep KZNEWS_SCHEDULE. Default:
# all four: benchmarks/freshness.py measures a lower p95 latency for each with adaptive polling (once each
# site's entry points learn their roles: one lead per news stream, the other languages as followers, the
# redundant feeds, sitemaps and listings as backups); see docs/operations.md for the figures.
KZNEWS_ADAPTIVE_SITES = os.environ.get(
    "KZNEWS_ADAPTIVE_SITES", "zakon_kz,gov_kz,akorda_kz,primeminister_kz"
).split(",")
# Per-site polling bounds over crawler/ops/polling.py's SITE_BOUNDS, field by field:
# {"gov_kz": {"budget_per_hour": 120}} (min_interval, max_interval, budget_per_hour, latency_target).
KZNEWS_POLL_BOUNDS: dict[str, dict[str, float]] = {}
# Send alert hits during the crawl, within seconds of the article being stored (crawler/alerts/delivery.py
# LiveDelivery); off: only at the end of the crawl and by `kznews alerts deliver`.
KZNEWS_DELIVER_LIVE = os.environ.get("KZNEWS_DELIVER_LIVE", "1") not in ("0", "false", "no")
KZNEWS_SCHEDULE_JITTER = float(os.environ.get("KZNEWS_SCHEDULE_JITTER", "0.1"))
# Conditional GETs (ETag / Last-Modified from `url_state`) for stored articles; 304 = no re-parse.
KZNEWS_INCREMENTAL = os.environ.get("KZNEWS_INCREMENTAL", "1") not in ("0", "false", "no")
# Request every stored article again (conditionally), like `-a refresh=1`: after a parser fix, or an audit.
KZNEWS_REFETCH_KNOWN = os.environ.get("KZNEWS_REFETCH_KNOWN", "0") not in ("0", "false", "no", "")
# Walk every listing to its end this run (automatic after a run that did not finish, e.g. kill -9).
KZNEWS_CATCH_UP = os.environ.get("KZNEWS_CATCH_UP", "0") not in ("0", "false", "no", "")
# Seconds between progress updates of a run's `crawl_runs` row (0: only at start and end).
KZNEWS_RUNS_HEARTBEAT = float(os.environ.get("KZNEWS_RUNS_HEARTBEAT", "30"))
# Runs of the same site that make the health baseline (median of items, coverage, fallback share).
KZNEWS_HEALTH_HISTORY = int(os.environ.get("KZNEWS_HEALTH_HISTORY", "10"))
# Alert channels (names from the alerts file's [channels]) that receive health alerts; empty: log + table only.
KZNEWS_HEALTH_CHANNELS = [c for c in os.environ.get("KZNEWS_HEALTH_CHANNELS", "").split(",") if c.strip()]
# Longest Retry-After (seconds) a 429/503 retry waits; a server asking for more gets the request given up.
KZNEWS_RETRY_AFTER_MAX = float(os.environ.get("KZNEWS_RETRY_AFTER_MAX", "300"))
# Live progress line on stderr for crawls (only when stderr is a terminal).
KZNEWS_PROGRESS = os.environ.get("KZNEWS_PROGRESS", "1") not in ("0", "false", "no")
# --- distributed crawling on Redis (crawler/ops/distributed.py, docs/scaling.md) ---------------------
# Seconds an article URL stays in the Redis duplicate filter (navigation pages: one seeding round).
KZNEWS_REDIS_DUPEFILTER_TTL = float(os.environ.get("KZNEWS_REDIS_DUPEFILTER_TTL", str(7 * 86400)))
# Seconds between prunes of expired fingerprints (ZREMRANGEBYSCORE) by each worker.
KZNEWS_REDIS_DUPEFILTER_PRUNE = float(os.environ.get("KZNEWS_REDIS_DUPEFILTER_PRUNE", "300"))
# A worker closes after this many seconds with the shared queue and all leases empty (0: never).
KZNEWS_REDIS_IDLE_CLOSE = float(os.environ.get("KZNEWS_REDIS_IDLE_CLOSE", "60"))
# Longest wait between an idle worker's polls of Redis (the back-off doubles from 0.05 s up to this).
KZNEWS_REDIS_IDLE_POLL_MAX = float(os.environ.get("KZNEWS_REDIS_IDLE_POLL_MAX", "2"))
# Seconds a popped request stays leased without renewal before other workers re-queue it (a dead worker).
KZNEWS_REDIS_LEASE = float(os.environ.get("KZNEWS_REDIS_LEASE", "60"))
# Item stages workers run before pushing (they touch no database); the writer runs the rest.
KZNEWS_REDIS_WORKER_STAGES = os.environ.get(
    "KZNEWS_REDIS_WORKER_STAGES", "clean_text,canonical_url,dates,sources"
)
# Redis Stream that carries articles, raw pages and rejects from the workers to the one writer.
KZNEWS_REDIS_ITEMS_KEY = os.environ.get("KZNEWS_REDIS_ITEMS_KEY", "kznews:items")
# Let a worker seed its spiders' entry requests itself (a new round), as `kznews seed` does.
KZNEWS_REDIS_SEED_ON_START = os.environ.get("KZNEWS_REDIS_SEED_ON_START", "0") not in ("0", "false", "no", "")

# gov.kz: agencies to crawl (comma list; default: the main ministries and akimats in crawler/spiders/gov_kz.py),
# API page size, and how many times an access ticket is renewed after a 400/403 before giving up.
KZNEWS_GOV_AGENCIES = os.environ.get("KZNEWS_GOV_AGENCIES", "")
KZNEWS_GOV_PAGE_SIZE = int(os.environ.get("KZNEWS_GOV_PAGE_SIZE", "100"))
KZNEWS_GOV_TICKET_RENEWALS = int(os.environ.get("KZNEWS_GOV_TICKET_RENEWALS", "3"))
# gov.kz: ask every list for its newest ids in one GraphQL call first, and read only the lists with news
# (crawler/crawl/discovery.py check_request); 0 reads every list every run, as before.
KZNEWS_API_CHECK = os.environ.get("KZNEWS_API_CHECK", "1")
# ... and a list with items younger than KZNEWS_REFRESH_HOURS is read again for their edits this often.
KZNEWS_API_REFRESH_MINUTES = float(os.environ.get("KZNEWS_API_REFRESH_MINUTES", "360"))
# ... for at most this many agencies a run, the lists read longest ago first.
KZNEWS_API_REFRESH_AGENCIES = int(os.environ.get("KZNEWS_API_REFRESH_AGENCIES", "2"))
# primeminister.kz: how many days back the day archive is walked in a backfill.
KZNEWS_PM_ARCHIVE_MAX_DAYS = int(os.environ.get("KZNEWS_PM_ARCHIVE_MAX_DAYS", "400"))

USER_AGENT = f"kznews/0.1 (+{KZNEWS_CONTACT}; news monitoring crawler)"
# Derived settings (USER_AGENT from KZNEWS_CONTACT) follow `-s` values too; a live crawl without a contact warns.
ADDONS = {"crawler.crawl.addons.KznewsAddon": 0}

# --- politeness ---------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = True

# --- bounds (a hostile or broken server costs a timeout, never memory) ------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # news pages are < 1 MB; 16 MB leaves room, refuses bombs
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
DNS_TIMEOUT = 20
# Hardening (issue 8, docs/reliability.md): each line below is a bound the fault suite exercises.
DOWNLOAD_FAIL_ON_DATALOSS = True  # a body shorter than its Content-Length is retried, never parsed half
MEMUSAGE_LIMIT_MB = 2048  # a crawl near 2 GB RSS is closed (reason memusage_exceeded), not OOM-killed
MEMUSAGE_WARNING_MB = 1024  # normal crawls peak near 150 MB
SITEMAP_ALTERNATE_LINKS = False

# --- pipeline and middlewares -------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "crawler.crawl.mirror.MirrorMiddleware": 950,  # last before download: routes to the offline mirror
    "crawler.store.archive.ArchiveMiddleware": 560,  # after decompression and redirects: raw article bytes
    "crawler.store.incremental.IncrementalMiddleware": 580,  # conditional GETs; a 304 stops before the archive
    "crawler.ops.polling.PollingMiddleware": 570,  # entry-point state; adaptive: conditional GETs, due, budget
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,  # replaced by the next line
    "crawler.crawl.politeness.RetryAfterMiddleware": 550,  # Scrapy's retry + Retry-After on 429/503
    # Hardening (issue 8): faults become `rejects` rows with reasons; mislabelled charsets fixed or refused.
    "crawler.crawl.hardening.FaultRecorderMiddleware": 540,  # after retries gave up; sees decoded final responses
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,  # replaced by the next line
    "crawler.crawl.hardening.BoundedHttpCompressionMiddleware": 590,  # same bounds, plus a reject for a bomb
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,  # replaced by the next line
    "crawler.crawl.hardening.RedirectGuardMiddleware": 600,  # refuses off-site redirects, names loops
}
EXTENSIONS = {
    "crawler.ops.runs.CrawlRunsExtension": 500,  # one crawl_runs row per run, then the site's health check
    "crawler.ops.progress.ProgressExtension": 510,  # live progress on a terminal's stderr
    "crawler.ops.jobs.AfterCrawlExtension": 520,  # alerts, feeds, deliveries once the last spider has stopped
}
SPIDER_MIDDLEWARES = {
    "crawler.store.archive.RejectOnErrorMiddleware": 50,
}
ITEM_PIPELINES = {
    "pipelines.clean_text.CleanTextPipeline": 100,
    "pipelines.canonical_url.CanonicalUrlPipeline": 200,
    "pipelines.dates.DatesPipeline": 300,
    "pipelines.validate.ValidatePipeline": 400,
    "pipelines.sources.SourcesPipeline": 500,
    "pipelines.dedupe.DedupePipeline": 600,
    "crawler.crawl.writer.WriterProcessPipeline": 650,  # only with KZNEWS_WRITER_PROCESS: 500–800 run in a child
    "pipelines.store.StorePipeline": 700,
    "pipelines.alerts.AlertsPipeline": 800,
}

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("KZNEWS_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
