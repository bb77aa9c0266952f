"""A fault-injecting mirror server, for the reliability suite (tests/test_faults.py, docs/reliability.md).

`FaultServer` is the offline mirror (crawler/crawl/mirror.py: same X-Mirror-Host routing, gov.kz tickets,
ETag/304) on 127.0.0.1, except that requests whose real URL matches a `Fault` get the fault instead
of the page: a stall past the download timeout, a connection reset, a 5xx or a 429 with
Retry-After, a body shorter than its Content-Length, a page re-encoded in cp1251 behind a utf-8
header (or with no charset at all), a gzip bomb, a 50 MB page, a redirect loop or an off-site
redirect, malformed or 100k-deep HTML, an XML bomb (billion laughs plus an external entity) in
RSS and sitemaps, broken JSON from the gov.kz API; `ticket_refuse_after` makes the gov.kz
access-ticket endpoint refuse once it has issued that many tickets.

A fault applies to every matching request, or only to the first `times` of them (then the page is
served normally: a transient fault, which a crawl must ride out without losing the page).
`served` counts the faults actually injected, per fault name, so a test can tell "not triggered"
from "triggered and survived".

    server = serve_faults([Fault("stall", r"/6533466-", seconds=10)])
    ... kznews crawl zakon_kz --mirror-url {server.base_url} -s DOWNLOAD_TIMEOUT=2 ...
    server.shutdown()
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from crawler.crawl.mirror import GOV_TICKET_PATH, MIRROR_DIR, MirrorHandler, MirrorServer, mirror_path

KINDS = (
    "stall",  # headers never come: `seconds` of silence, then the connection closes
    "stall_body",  # headers and half the body, then silence
    "reset",  # TCP RST right after the request is read
    "status",  # an error status (`status`, default 503) with an optional Retry-After (`retry_after`)
    "truncate",  # Content-Length promises twice the bytes that are sent, then the connection closes
    "charset",  # the page re-encoded: `variant` in CHARSET_VARIANTS
    "gzip_bomb",  # Content-Encoding: gzip; `gib` GiB of zeros in a few MB
    "huge",  # a `mb` MB page; `chunked=True`: no Content-Length, the end is the connection's close
    "redirect_loop",  # A -> A?kznewsloop=1 -> A -> ...
    "redirect_offsite",  # 301 to `location` (default an unrelated host)
    "deep_html",  # the article text inside `depth` nested divs (default 100 000)
    "malformed_html",  # the page cut mid-tag, NULs, unclosed tags, stray bytes
    "xml_bomb",  # billion laughs (+ an external entity) as `shape`: rss | urlset | sitemapindex
    "json",  # gov.kz API garbage: `variant` in JSON_VARIANTS
    "body",  # a literal `body` (bytes) with `content_type`
)
CHARSET_VARIANTS = (
    "cp1251_utf8_header",  # cp1251 bytes, header (and <meta>) say utf-8
    "cp1251_no_charset",  # cp1251 bytes, no charset in the header, <meta charset> removed
    "utf8_no_charset",  # utf-8 bytes, no charset anywhere
    "utf8_cp1251_header",  # utf-8 bytes, header says windows-1251
    "utf8_bom_cp1251_header",  # a UTF-8 BOM, header says windows-1251 (the BOM wins)
)
JSON_VARIANTS = ("truncated", "invalid", "html", "wrong_shape", "deep", "bom", "empty")

_META_CHARSET = re.compile(rb"<meta[^>]+charset[^>]*>", re.IGNORECASE)


@dataclass
class Fault:
    """`kind` (see KINDS) for requests whose real URL (http://<host><path>?<query>) matches `pattern`."""

    kind: str
    pattern: str
    times: int | None = None  # only the first N matching requests; None: all of them
    method: str | None = None  # GET / POST; None: any
    options: dict[str, Any] = field(default_factory=dict)
    name: str = ""

    def __init__(
        self,
        kind: str,
        pattern: str,
        *,
        times: int | None = None,
        method: str | None = None,
        name: str = "",
        **options: Any,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(KINDS)}")
        self.kind, self.pattern, self.times, self.method = kind, pattern, times, method
        self.options = options
        self.name = name or kind
        self._regex = re.compile(pattern)

    def matches(self, url: str, method: str) -> bool:
        return (self.method is None or self.method == method) and bool(self._regex.search(url))


@cache
def gzip_bomb(gib: int = 4) -> bytes:
    """`gib` GiB of zeros gzip-compressed into ~1 MB per GiB (one 16 MiB member repeated: a valid
    multi-member gzip stream that every gunzip, Scrapy's included, reads to the end)."""
    member = gzip.compress(bytes(16 << 20), compresslevel=9, mtime=0)
    return member * (gib * 64)


def billion_laughs(shape: str = "rss", levels: int = 10) -> bytes:
    """An XML bomb: `levels` entities of 10 references each (10**levels 'lol's when expanded), and an
    external entity pointing at /etc/passwd, used where a spider reads URLs from the document."""
    entities = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        entities.append(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">')
    entities.append('<!ENTITY xxe SYSTEM "file:///etc/passwd">')
    top = f"&lol{levels - 1};"
    doctype = f"<!DOCTYPE {shape} [\n" + "\n".join(entities) + "\n]>"
    if shape == "rss":
        doc = (
            f'<rss version="2.0"><channel><title>{top}</title>'
            f"<item><title>{top}</title><link>https://www.zakon.kz/&xxe;-1234567-x.html</link>"
            f"<pubDate>{top}</pubDate><description>{top}</description></item></channel></rss>"
        )
    elif shape == "sitemapindex":
        doc = (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>https://www.zakon.kz/sitemap/&xxe;{top}.xml</loc></sitemap></sitemapindex>"
        )
    else:
        doc = (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>https://www.zakon.kz/obshestvo/1234567-&xxe;{top}.html</loc>"
            f"<lastmod>{top}</lastmod></url></urlset>"
        )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n{doc}\n'.encode()


def deep_html(depth: int = 100_000, text: str = "Глубоко вложенный текст. ") -> bytes:
    head = "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>Глубина</title></head><body>"
    return (head + "<div>" * depth + f"<p>{text * 20}</p>" + "</div>" * depth + "</body></html>").encode()


def malformed_html(page: bytes) -> bytes:
    """The page cut in the middle of a tag, with NUL bytes, stray invalid UTF-8, unclosed and
    mis-nested tags and a dangling comment appended."""
    cut = page[: len(page) * 2 // 3]
    return (
        cut
        + b'<p class="x\x00y"><b><i>\x00\xff\xfe broken </b></i><div <span>'
        + b"<script>document.write('<p>')</scr"
        + b"<!-- never closed <table><tr><td>"
        + b"\x00" * 64
    )


def broken_json(variant: str, good: bytes) -> bytes:
    if variant == "truncated":
        return good[: max(1, len(good) // 2)]
    if variant == "invalid":
        return b'{"content": [{"id": 1, "title": "x",}, {"id": 2 "title": NaN}]'
    if variant == "html":
        return b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    if variant == "wrong_shape":
        return b'{"status": "ok", "content": "nothing here", "items": 3}'
    if variant == "deep":
        return b"[" * 200_000 + b"]" * 200_000
    if variant == "bom":
        return b"\xef\xbb\xbf" + good
    if variant == "empty":
        return b""
    raise ValueError(f"unknown json variant {variant!r}; choose from {', '.join(JSON_VARIANTS)}")


def recode(page: bytes, variant: str) -> tuple[bytes, str]:
    """(body, Content-Type) of a utf-8 page served with the charset fault `variant`."""
    text = page.decode("utf-8")
    if variant == "cp1251_utf8_header":
        # Characters cp1251 lacks (ᐈ, Kazakh letters) become character references, as real cp1251 sites do.
        return text.encode("cp1251", "xmlcharrefreplace"), "text/html; charset=utf-8"
    if variant == "cp1251_no_charset":
        return _META_CHARSET.sub(b"", text.encode("cp1251", "xmlcharrefreplace")), "text/html"
    if variant == "utf8_no_charset":
        return _META_CHARSET.sub(b"", page), "text/html"
    if variant == "utf8_cp1251_header":
        return _META_CHARSET.sub(b"", page), "text/html; charset=windows-1251"
    if variant == "utf8_bom_cp1251_header":
        return b"\xef\xbb\xbf" + _META_CHARSET.sub(b"", page), "text/html; charset=windows-1251"
    raise ValueError(f"unknown charset variant {variant!r}; choose from {', '.join(CHARSET_VARIANTS)}")


class FaultServer(MirrorServer):
    """The mirror with faults (see the module docstring)."""

    def __init__(
        self,
        roots: list[Path],
        port: int = 0,
        *,
        faults: list[Fault] | None = None,
        ticket_uses: int | None = None,
        ticket_refuse_after: int | None = None,
    ) -> None:
        self.faults = list(faults or [])
        self.ticket_refuse_after = ticket_refuse_after
        self.tickets_issued = 0
        self.served: Counter[str] = Counter()  # fault name -> times injected
        self.seen: Counter[int] = Counter()  # fault index -> matching requests
        self.stopping = threading.Event()
        super().__init__(roots, port, ticket_uses=ticket_uses)
        self.RequestHandlerClass = FaultHandler

    def pick(self, url: str, method: str) -> Fault | None:
        with self.lock:
            for index, fault in enumerate(self.faults):
                if fault.matches(url, method):
                    self.seen[index] += 1
                    if fault.times is not None and self.seen[index] > fault.times:
                        return None
                    self.served[fault.name] += 1
                    return fault
        return None

    def handle_error(self, request: Any, client_address: Any) -> None:  # a reset socket is the point
        pass

    def shutdown(self) -> None:
        self.stopping.set()  # wake stalled handlers
        super().shutdown()
        self.server_close()


class FaultHandler(MirrorHandler):
    server: FaultServer

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass

    def do_POST(self) -> None:
        host, url = self._target()
        path = self.path.split("?", 1)[0]
        if (
            host.endswith("gov.kz")
            and path == GOV_TICKET_PATH
            and self.server.ticket_refuse_after is not None
        ):
            with self.server.lock:
                self.server.tickets_issued += 1
                refuse = self.server.tickets_issued > self.server.ticket_refuse_after
            if refuse:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(min(length, 1 << 20))
                self.server.served["ticket_refused"] += 1
                body = json.dumps({"status": 403, "error": "Forbidden", "message": "access denied"}).encode()
                self._send(403, body, "application/json; charset=utf-8")
                return
        if self._inject(url, "POST"):
            return
        super().do_POST()

    def do_GET(self) -> None:
        _, url = self._target()
        if self.command == "GET" and self._inject(url, "GET"):
            return
        super().do_GET()

    # --- the faults ---------------------------------------------------------------------------------

    def _page(self, url: str) -> bytes:
        found = self.server.find(mirror_path(url))
        return found.read_bytes() if found is not None else b""

    def _inject(self, url: str, method: str) -> bool:
        fault = self.server.pick(url, method)
        if fault is None:
            return False
        with self.server.lock:  # the mirror counts the pages it serves (`hits`); count faulted requests too
            self.server.hits[url] = self.server.hits.get(url, 0) + 1
        handler = getattr(self, f"_fault_{fault.kind}")
        try:
            handler(url, **fault.options)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up: that is its right
            pass
        self.close_connection = True
        return True

    def _headers(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def _fault_stall(self, url: str, seconds: float = 30) -> None:
        self.server.stopping.wait(seconds)

    def _fault_stall_body(self, url: str, seconds: float = 30) -> None:
        body = self._page(url) or b"x" * 10_000
        self._headers(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))})
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.server.stopping.wait(seconds)

    def _fault_reset(self, url: str) -> None:
        # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _fault_status(self, url: str, status: int = 503, retry_after: str | None = None) -> None:
        headers = {"Retry-After": retry_after} if retry_after is not None else None
        body = f"<html><body><h1>{status}</h1></body></html>".encode()
        self._send(status, body, "text/html; charset=utf-8", headers)

    def _fault_truncate(self, url: str) -> None:
        body = self._page(url) or b"x" * 10_000
        self._headers(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body) * 2)})
        self.wfile.write(body)
        self.wfile.flush()

    def _fault_charset(self, url: str, variant: str) -> None:
        body, content_type = recode(self._page(url), variant)
        self._send(200, body, content_type)

    def _fault_gzip_bomb(self, url: str, gib: int = 4) -> None:
        self._send(200, gzip_bomb(gib), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})

    def _fault_huge(self, url: str, mb: int = 50, chunked: bool = False) -> None:
        size = mb << 20
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if chunked:
            headers["Connection"] = "close"  # no length: the body ends when the connection does
        else:
            headers["Content-Length"] = str(size)
        self._headers(200, headers)
        chunk = b"<p>" + "Очень длинная страница. ".encode() * 40_000 + b"</p>\n"
        sent = 0
        while sent < size and not self.server.stopping.is_set():
            piece = chunk[: size - sent]
            self.wfile.write(piece)
            sent += len(piece)

    def _fault_redirect_loop(self, url: str) -> None:
        target = url.replace("?kznewsloop=1", "") if "kznewsloop=1" in url else url + "?kznewsloop=1"
        self._send(
            302, b"", "text/html; charset=utf-8", {"Location": target.replace("http://", "https://", 1)}
        )

    def _fault_redirect_offsite(
        self, url: str, location: str = "https://evil.example.com/phish.html"
    ) -> None:
        self._send(301, b"", "text/html; charset=utf-8", {"Location": location})

    def _fault_deep_html(self, url: str, depth: int = 100_000) -> None:
        self._send(200, deep_html(depth), "text/html; charset=utf-8")

    def _fault_malformed_html(self, url: str) -> None:
        self._send(200, malformed_html(self._page(url)), "text/html; charset=utf-8")

    def _fault_xml_bomb(self, url: str, shape: str = "rss") -> None:
        content_type = (
            "application/rss+xml; charset=utf-8" if shape == "rss" else "application/xml; charset=utf-8"
        )
        self._send(200, billion_laughs(shape), content_type)

    def _fault_json(self, url: str, variant: str) -> None:
        self._send(200, broken_json(variant, self._page(url)), "application/json; charset=utf-8")

    def _fault_body(
        self, url: str, body: bytes = b"", content_type: str = "text/html; charset=utf-8"
    ) -> None:
        self._send(200, body, content_type)


def serve_faults(
    faults: list[Fault], roots: list[Path] | None = None, port: int = 0, **kwargs: Any
) -> FaultServer:
    """Start a fault server in a background thread; returns it (stop with .shutdown())."""
    server = FaultServer(roots or [Path(MIRROR_DIR)], port, faults=faults, **kwargs)
    threading.Thread(target=server.serve_forever, name="kznews-faults", daemon=True).start()
    return server


def wait_idle(server: FaultServer, seconds: float = 0.2) -> None:
    """Let in-flight handler threads finish writing before a test inspects `served`."""
    time.sleep(seconds)
