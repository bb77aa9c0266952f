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
# Base URL of the offline mirror server; when set, every request is routed to it (crawler/mirror.py).
KZNEWS_MIRROR = os.environ.get("KZNEWS_MIRROR", "")
KZNEWS_CONTACT = os.environ.get("KZNEWS_CONTACT", "https://github.com/kznews/kznews")
KZNEWS_FEEDS_DIR = os.environ.get("KZNEWS_FEEDS_DIR", "data/feeds")
KZNEWS_ALERTS_FILE = os.environ.get("KZNEWS_ALERTS_FILE", "data/alerts.toml")
# Listing pages per entry point per run; `-a since=` backfills ignore the "nothing new" stop.
KZNEWS_MAX_LISTING_PAGES = int(os.environ.get("KZNEWS_MAX_LISTING_PAGES", "50"))
# Stored articles younger than this are fetched again (conditional GET) to pick up editors' fixes.
KZNEWS_REFRESH_HOURS = float(os.environ.get("KZNEWS_REFRESH_HOURS", "24"))
# Keep every fetched article page, zlib-compressed, in the `pages` table (for `kznews reparse`).
KZNEWS_ARCHIVE_PAGES = os.environ.get("KZNEWS_ARCHIVE_PAGES", "1") not in ("0", "false", "no")

USER_AGENT = f"kznews/0.1 (+{KZNEWS_CONTACT}; news monitoring crawler)"

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
SITEMAP_ALTERNATE_LINKS = False

# --- pipeline and middlewares -------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "crawler.mirror.MirrorMiddleware": 950,  # last before download: routes to the offline mirror
    "crawler.archive.ArchiveMiddleware": 560,  # after decompression and redirects: raw article bytes
}
SPIDER_MIDDLEWARES = {
    "crawler.archive.RejectOnErrorMiddleware": 50,
}
ITEM_PIPELINES = {
    "pipelines.clean_text.CleanTextPipeline": 100,
    "pipelines.canonical_url.CanonicalUrlPipeline": 200,
    "pipelines.dates.DatesPipeline": 300,
    "pipelines.validate.ValidatePipeline": 400,
    "pipelines.sources.SourcesPipeline": 500,
    "pipelines.store.StorePipeline": 700,
}

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("KZNEWS_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
