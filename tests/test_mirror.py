"""The offline mirror server behaves like the real sites where the crawler depends on it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.crawl.mirror import HOST_HEADER, mirror_path, serve, sniff_content_type


def fetch(server, host: str, path: str, *, method: str = "GET", headers: dict | None = None):
    request = urllib.request.Request(
        server.base_url + path,
        method=method,
        headers={HOST_HEADER: host, **(headers or {})},
        data=b"" if method == "POST" else None,
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.zakon.kz/news/", "www.zakon.kz/news/index.html"),
        ("https://WWW.Zakon.kz/news/?p=2", "www.zakon.kz/news/index.html@p=2"),
        (
            "https://www.zakon.kz/news/?type=list&p=2&handler=LoadMoreNews",
            "www.zakon.kz/news/index.html@handler=LoadMoreNews&p=2&type=list",
        ),
        ("https://www.akorda.kz/ru/rss", "www.akorda.kz/ru/rss"),
        (
            "https://www.gov.kz/api/v1/public/content-manager/news?projects=eq:mfa&page=1",
            "www.gov.kz/api/v1/public/content-manager/news@page=1&projects=eq:mfa",
        ),
    ],
)
def test_mirror_path(url: str, expected: str) -> None:
    assert mirror_path(url) == expected


def test_sniffing() -> None:
    assert sniff_content_type("x@p=1", b' {"html": "<div>"}').startswith("application/json")
    assert sniff_content_type("a/rss", b"<?xml version='1.0'?><rss>").startswith("application/rss+xml")
    assert sniff_content_type("a/index.xml", b"<?xml version='1.0'?><sitemapindex>").startswith(
        "application/xml"
    )
    assert sniff_content_type("a/x.html", b"<!DOCTYPE html><html>").startswith("text/html")


@pytest.fixture
def tiny_mirror(tmp_path: Path):
    root = tmp_path / "mirror"
    (root / "www.example.kz" / "news").mkdir(parents=True)
    (root / "www.example.kz" / "news" / "index.html").write_text("<html>list</html>", encoding="utf-8")
    api = root / "www.gov.kz" / "api" / "v1" / "public" / "content-manager"
    api.mkdir(parents=True)
    (api / "news@page=1&projects=eq:mfa").write_text("[]", encoding="utf-8")
    server = serve([root], ticket_uses=2)
    yield server
    server.shutdown()


def test_unknown_path_is_a_real_404(tiny_mirror) -> None:
    status, _, body = fetch(tiny_mirror, "www.example.kz", "/nowhere.html")
    assert status == 404 and b"Not Found" in body


def test_conditional_get_returns_304(tiny_mirror) -> None:
    status, headers, body = fetch(tiny_mirror, "www.example.kz", "/news/")
    assert status == 200 and body == b"<html>list</html>"
    status, _, body = fetch(
        tiny_mirror, "www.example.kz", "/news/", headers={"If-None-Match": headers["ETag"]}
    )
    assert status == 304 and body == b""
    status, _, _ = fetch(tiny_mirror, "www.example.kz", "/news/", headers={"If-None-Match": '"other"'})
    assert status == 200


def test_gov_api_needs_a_ticket_in_the_same_cookie_session(tiny_mirror) -> None:
    path = "/api/v1/public/content-manager/news?projects=eq:mfa&page=1"
    status, _, body = fetch(tiny_mirror, "www.gov.kz", path)
    assert status == 403 and json.loads(body)["status"] == 403
    status, headers, _ = fetch(tiny_mirror, "www.gov.kz", "/api/v1/public/_/c/k6", method="POST")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";")[0]
    for _ in range(2):
        status, _, body = fetch(tiny_mirror, "www.gov.kz", path, headers={"Cookie": cookie})
        assert status == 200 and body == b"[]"
    # ticket_uses=2: the third call needs a new ticket, as the real API starts refusing stale ones
    status, _, _ = fetch(tiny_mirror, "www.gov.kz", path, headers={"Cookie": cookie})
    assert status == 403
