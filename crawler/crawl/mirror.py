"""The offline mirror: files under data/mirror/<host>/<path>, a loopback server, and a middleware.

Spiders keep their real URLs. With KZNEWS_MIRROR set (to the server's base URL, e.g.
http://127.0.0.1:8765), `MirrorMiddleware` rewrites each request to the mirror server and puts the
real host in a header, so the whole Scrapy stack (scheduler, robots.txt, retries, pipelines) runs
unchanged and responses still carry the real URL.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

from crawler.paths import data_file

# Shipped with the package (crawler/paths.py), so `kznews crawl --mirror` works from any directory.
MIRROR_DIR = str(data_file("mirror"))


def mirror_path(url: str) -> str:
    """Where a URL's response lives under data/mirror: <host>/<path>[@<sorted query>].

    A path ending in "/" is stored as .../index.html; the query string, with its parameters sorted,
    follows an "@" so listing pages (?p=2, ?handler=LoadMoreNews&p=2) and API calls get their own file.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = unquote(parts.path or "/")
    if path.endswith("/"):
        path += "index.html"
    path = path.lstrip("/")
    rel = f"{host}/{path}"
    if parts.query:
        pairs = sorted(parse_qsl(parts.query, keep_blank_values=True))
        rel += "@" + "&".join(f"{k}={v}".replace("/", "%2F") for k, v in pairs)
    return rel


# --- the loopback server ------------------------------------------------------------------------

import email.utils  # noqa: E402
import functools  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import threading  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

HOST_HEADER = "X-Mirror-Host"
GOV_TICKET_PATH = "/api/v1/public/_/c/k6"
GOV_API_PREFIX = "/api/v1/public/content-manager/"
GOV_GRAPHQL_PATH = "/graphql"
TICKET_COOKIE = "mirror_ticket"
# A host folder's name: a plain DNS name, nothing a path could be made of ("/proc/self", "..", "").
_HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")


def sniff_content_type(rel: str, body: bytes) -> str:
    head = body[:200].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "application/json; charset=utf-8"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<urlset", b"<sitemapindex", b"<feed")):
        return (
            "application/rss+xml; charset=utf-8"
            if b"<rss" in body[:400]
            else "application/xml; charset=utf-8"
        )
    name = rel.split("@", 1)[0]
    if name.endswith(".txt"):
        return "text/plain; charset=utf-8"
    return "text/html; charset=utf-8"


class MirrorServer(ThreadingHTTPServer):
    """Serves data/mirror over real HTTP on loopback, with the behaviours the real sites have.

    - the real host arrives in the X-Mirror-Host header (set by MirrorMiddleware);
    - unknown paths get a real 404; ETag and Last-Modified with 304 on conditional GETs;
    - gov.kz: API list calls need a ticket POSTed to /api/v1/public/_/c/k6 in the same cookie
      session first, else 403 (sites.md §4); `ticket_uses` makes tickets expire, for renewal tests;
    - gov.kz: POST /graphql answers the `news` root sites.md §4 documents, from the same list files
      (`gov_graphql`; no ticket, as none is mentioned for it; `graphql=False` answers 404, as a portal
      that dropped it would).
    `roots` are searched in order, so a variant folder can overlay the mirror (layout-change tests).
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, roots: list[Path], port: int = 0, *, ticket_uses: int | None = None, graphql: bool = True
    ) -> None:
        self.roots = [Path(r) for r in roots]
        self.ticket_uses = ticket_uses
        self.graphql = graphql
        self.tickets: dict[str, int] = {}
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        super().__init__(("127.0.0.1", port), MirrorHandler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer (a crawl stopped with Ctrl-C) is not an error worth a
        traceback on the user's terminal; anything else is reported as usual."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def find(self, rel: str) -> Path | None:
        """The regular file for `rel` (<host>/<path>, as from mirror_path) under a root, else None.

        Any local process can reach loopback, so nothing outside the mirror is ever served (issue 21):
        the host must be a plain host name with its own folder directly under the root, no path segment
        may be "..", and the fully resolved file must lie inside the resolved root, so a symlink in the
        mirror cannot point out of it.
        """
        host, _, path = rel.partition("/")
        if not _HOST_NAME.fullmatch(host) or "\x00" in path:
            return None
        if any(segment in ("..", ".") for segment in path.split("/")):
            return None
        for root in self.roots:
            try:
                real_root = root.resolve(strict=True)
                if not (real_root / host).is_dir():
                    continue
                found = (real_root / host / path).resolve(strict=True)
            except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, an odd name
                continue
            if found.is_relative_to(real_root) and found.is_file():
                return found
        return None

    def issue_ticket(self) -> str:
        token = secrets.token_hex(8)
        with self.lock:
            self.tickets[token] = 0
        return token

    def use_ticket(self, token: str | None) -> bool:
        with self.lock:
            if not token or token not in self.tickets:
                return False
            self.tickets[token] += 1
            if self.ticket_uses is not None and self.tickets[token] > self.ticket_uses:
                del self.tickets[token]
                return False
            return True


class MirrorHandler(BaseHTTPRequestHandler):
    server: MirrorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the crawl log says enough
        pass

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found(self) -> None:
        self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html; charset=utf-8")

    def _cookie(self, name: str) -> str | None:
        for part in (self.headers.get("Cookie") or "").split(";"):
            key, _, value = part.strip().partition("=")
            if key == name:
                return value
        return None

    def _target(self) -> tuple[str, str]:
        host = (self.headers.get(HOST_HEADER) or self.headers.get("Host") or "").split(":")[0].lower()
        return host, f"http://{host}{self.path}"

    def _origin_form(self) -> bool:
        """Only a target like "/path?query" names a mirror file ("*", "http://x/..." get a 404)."""
        return self.path.startswith("/")

    def _count(self, url: str) -> None:
        """Requests per URL (`server.hits`), for tests that count what a crawl asked."""
        with self.server.lock:
            self.server.hits[url] = self.server.hits.get(url, 0) + 1

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        posted = self.rfile.read(min(length, 1 << 20)) if length > 0 else b""
        host, url = self._target()
        path = self.path.split("?", 1)[0]
        if not self._origin_form():
            self._not_found()
            return
        if host.endswith("gov.kz") and path == GOV_TICKET_PATH:
            found = self.server.find(mirror_path(url))
            body = found.read_bytes() if found else b"{}"
            token = self.server.issue_ticket()
            self._send(
                200,
                body,
                "application/json; charset=utf-8",
                {"Set-Cookie": f"{TICKET_COOKIE}={token}; Path=/; HttpOnly"},
            )
            return
        if host.endswith("gov.kz") and path == GOV_GRAPHQL_PATH and self.server.graphql:
            self._count(url)
            status, answer = gov_graphql(self.server, posted, self.headers.get("Accept-Language"))
            self._send(
                status, json.dumps(answer, ensure_ascii=False).encode(), "application/json; charset=utf-8"
            )
            return
        self.do_GET()

    def do_GET(self) -> None:
        host, url = self._target()
        path = self.path.split("?", 1)[0]
        if not self._origin_form():
            self._not_found()
            return
        self._count(url)
        if host.endswith("gov.kz") and path.startswith(GOV_API_PREFIX):
            if not self.server.use_ticket(self._cookie(TICKET_COOKIE)):
                body = json.dumps({"status": 403, "error": "Forbidden"}).encode()
                self._send(403, body, "application/json; charset=utf-8")
                return
        rel = mirror_path(url)
        found = self.server.find(rel)
        if found is None:
            self._not_found()
            return
        body = found.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        last_modified = email.utils.formatdate(found.stat().st_mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_modified, "Cache-Control": "max-age=60"}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (inm and etag in [t.strip() for t in inm.split(",")]) or (not inm and ims == last_modified):
            self.send_response(304)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, body, sniff_content_type(rel, body), headers)


# The part of gov.kz's GraphQL schema that sites.md §4 documents (root `news`, its arguments, the item fields);
# "It sometimes returns non-JSON" is not imitated here (tests/test_spider_gov.py serves that from a variant).
GOV_SCHEMA_SDL = """
type News {
  id: ID!
  title: String
  slug: String
  created_date: String
  heropic: String
  alt_image: String
  body: String
  short_description: String
}
type Query {
  news(projects: String, _size: Int, _page: Int, _sort: String, _lang: String): [News]
}
"""


@functools.cache
def gov_schema() -> Any:
    import graphql

    return graphql.build_schema(GOV_SCHEMA_SDL)


def gov_list_items(server: MirrorServer, agency: str, lang: str) -> list[dict[str, Any]]:
    """An agency's news in one language, newest first, from the REST list files the mirror holds
    (pages of 100, else pages of 5)."""
    base = "https://www.gov.kz" + GOV_API_PREFIX + "news?projects=eq:{agency}&page={page}&size={size}"
    for size in (100, 5):
        items: list[dict[str, Any]] = []
        page = 1
        while True:
            url = base.format(agency=agency, page=page, size=size) + f"&sort-by=created_date:DESC&lang={lang}"
            found = server.find(mirror_path(url))
            if found is None:
                break
            data = json.loads(found.read_bytes())
            chunk = data if isinstance(data, list) else data.get("content") or []
            items.extend(x for x in chunk if isinstance(x, dict))
            if len(chunk) < size:
                break
            page += 1
        if items:
            return items
    return []


def gov_graphql(
    server: MirrorServer, posted: bytes, accept_language: str | None
) -> tuple[int, dict[str, Any]]:
    """Execute a GraphQL request against the documented `news` root (graphql-core: the real language,
    so aliases, selections and errors behave as on any GraphQL server)."""
    import graphql

    try:
        request = json.loads(posted or b"{}")
        query = request["query"]
    except (ValueError, KeyError, TypeError):
        return 400, {"errors": [{"message": "Must provide query string."}]}

    def news(_info: Any, **args: Any) -> list[dict[str, Any]]:
        projects = str(args.get("projects") or "")
        agency = projects.split(":", 1)[-1].lower()
        lang = str(args.get("_lang") or (accept_language or "ru")[:2]).lower()
        size = max(1, min(int(args.get("_size") or 10), 100))
        page = max(1, int(args.get("_page") or 1))
        items = gov_list_items(server, agency, lang)
        return items[(page - 1) * size : page * size]

    result = graphql.graphql_sync(
        gov_schema(), query, root_value={"news": news}, variable_values=request.get("variables")
    )
    answer: dict[str, Any] = {"data": result.data}
    if result.errors:
        answer["errors"] = [error.formatted for error in result.errors]
    return (200 if result.data is not None else 400), answer


def serve(roots: list[Path] | None = None, port: int = 0, **kwargs: Any) -> MirrorServer:
    """Start a mirror server in a background thread; returns it (stop with .shutdown())."""
    server = MirrorServer(roots or [Path(MIRROR_DIR)], port, **kwargs)
    threading.Thread(target=server.serve_forever, name="kznews-mirror", daemon=True).start()
    return server


# --- the downloader middleware --------------------------------------------------------------------

from scrapy import Request  # noqa: E402
from scrapy.exceptions import NotConfigured  # noqa: E402
from scrapy.http import Response  # noqa: E402


class MirrorMiddleware:
    """Routes every request to the mirror server when KZNEWS_MIRROR is set.

    It sits last before the download handler, so every other middleware (robots.txt, cookies,
    retries, redirects, stats) sees the real URL; the response comes back under the real URL too.
    """

    def __init__(self, base_url: str, crawler: Any) -> None:
        self.base_url = base_url.rstrip("/")
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> MirrorMiddleware:
        base_url = crawler.settings.get("KZNEWS_MIRROR")
        if not base_url:
            raise NotConfigured("KZNEWS_MIRROR not set")
        return cls(base_url, crawler)

    async def process_request(self, request: Request) -> Response | None:
        if request.url.startswith(self.base_url):
            return None
        parts = urlsplit(request.url)
        target = self.base_url + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = request.headers.copy()
        headers[HOST_HEADER] = parts.hostname or ""
        routed = request.replace(url=target, headers=headers)
        response = await self.crawler.engine.downloader.handlers.download_request_async(routed)
        return response.replace(url=request.url, request=request)


def main() -> None:  # python -m crawler.crawl.mirror [port]
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    server = MirrorServer([Path(MIRROR_DIR)], port)
    print(f"mirror of {MIRROR_DIR} on {server.base_url}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
