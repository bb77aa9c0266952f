"""Security (issue 21): the holes a hostile tester found, each tried again with the exact inputs.

- the offline mirror server (`crawler.mirror.serve`, and the real `kznews mirror`) serves only regular
  files under its root: path traversal (raw, `..%2f`, `%2e%2e`), no Host header, a hostile
  X-Mirror-Host (`/proc/self`), absolute paths and symlinks out of the root all get a 404 and not one
  byte of the outside file;
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.mirror import GOV_TICKET_PATH, MirrorServer, serve
from tests.conftest import BIN, ROOT

# --- helpers ------------------------------------------------------------------------------------------------


def raw_request(port: int, request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send bytes exactly as given (like `printf ... | nc` or `curl --path-as-is`); the status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    head, _, body = answer.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    assert match, f"not an HTTP answer: {answer[:200]!r}"
    return int(match.group(1)), body


def get(
    port: int, target: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, bytes]:
    lines = [f"{method} {target} HTTP/1.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if method == "POST":
        lines.append("Content-Length: 0")
    return raw_request(port, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


def leaks(body: bytes, secret: bytes) -> bool:
    """True if any 8-byte piece of `secret` shows up in `body` (so also a part of the file)."""
    return any(secret[i : i + 8] in body for i in range(0, max(1, len(secret) - 7), 4))


PASSWD = Path("/etc/passwd").read_bytes()
MARKER = "kznews-outside-7f3a9c"


@pytest.fixture
def hostile_mirror(tmp_path: Path) -> Iterator[tuple[MirrorServer, Path, bytes]]:
    """A mirror root with one real page, an outside folder with a secret, and symlinks pointing out."""
    root = tmp_path / "mirror"
    news = root / "www.zakon.kz" / "news"
    news.mkdir(parents=True)
    (news / "index.html").write_text("<html>the news list</html>", encoding="utf-8")
    (root / "www.zakon.kz" / "same.html").symlink_to(news / "index.html")  # inside the root: fine
    outside = tmp_path / "outside"
    secret = f"SECRET_TOKEN={MARKER} and more outside bytes".encode()
    (outside / "www.gov.kz" / GOV_TICKET_PATH.strip("/")).parent.mkdir(parents=True)
    (outside / "www.gov.kz" / GOV_TICKET_PATH.strip("/")).write_bytes(secret)
    (outside / "secret.html").write_bytes(secret)
    (root / "www.zakon.kz" / "evil.html").symlink_to(outside / "secret.html")
    (root / "www.zakon.kz" / "evildir").symlink_to(outside)
    (root / "www.zakon.kz" / "passwd.html").symlink_to("/etc/passwd")
    (root / "evil.kz").symlink_to(outside)  # a whole host folder pointing out
    (root / "www.akorda.kz").symlink_to(outside / "nowhere")  # dangling
    server = serve([root])
    try:
        yield server, outside, secret
    finally:
        server.shutdown()
        server.server_close()


# --- 1. the mirror serves nothing outside its root -------------------------------------------------------

ZAKON = {"X-Mirror-Host": "www.zakon.kz"}
TRAVERSALS = [
    ("no Host header, HTTP/1.0", None, {}),  # printf 'GET /etc/passwd HTTP/1.0\r\n\r\n'
    ("/etc/passwd", "/etc/passwd", ZAKON),
    # the four levels, and sixteen: enough to reach / from a temporary root (tmp_path is deep)
    ("--path-as-is ../", "/../../../../etc/passwd", ZAKON),
    ("--path-as-is ../ x16", "/" + "../" * 16 + "etc/passwd", ZAKON),
    ("..%2f", "/..%2f..%2f..%2f..%2fetc/passwd", ZAKON),
    ("..%2f x16", "/" + "..%2f" * 16 + "etc/passwd", ZAKON),
    ("..%2F below a folder", "/news/" + "..%2F" * 16 + "etc/passwd", ZAKON),
    ("%2e%2e", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", ZAKON),
    ("%2e%2e x16", "/" + "%2e%2e/" * 16 + "etc/passwd", ZAKON),
    ("%2e%2e%2f x16", "/" + "%2e%2e%2f" * 16 + "etc%2fpasswd", ZAKON),
    ("absolute-form target", "http://www.zakon.kz/../../../../etc/passwd", ZAKON),
    ("double slash", "//etc/passwd", ZAKON),
    ("X-Mirror-Host ..", "/../../../../etc/passwd", {"X-Mirror-Host": ".."}),
    ("X-Mirror-Host /etc", "/passwd", {"X-Mirror-Host": "/etc"}),
    ("Host /etc", "/passwd", {"Host": "/etc"}),
    ("empty X-Mirror-Host", "/etc/passwd", {"X-Mirror-Host": ""}),
    ("symlink to /etc/passwd", "/passwd.html", ZAKON),
    ("query with ../", "/news/?p=/../../../../etc/passwd", ZAKON),
]


@pytest.mark.parametrize(("label", "target", "headers"), TRAVERSALS, ids=[t[0] for t in TRAVERSALS])
def test_mirror_never_serves_etc_passwd(
    hostile_mirror, label: str, target: str | None, headers: dict
) -> None:
    server, _, _ = hostile_mirror
    port = server.server_address[1]
    if target is None:
        status, body = raw_request(port, b"GET /etc/passwd HTTP/1.0\r\n\r\n")
    else:
        status, body = get(port, target, headers)
    assert status == 404, (label, status, body[:200])
    assert not leaks(body, PASSWD), label


def test_mirror_never_serves_proc_self_environ(hostile_mirror) -> None:
    server, _, _ = hostile_mirror
    port = server.server_address[1]
    environ = Path("/proc/self/environ").read_bytes()  # the server runs in this process
    assert b"PATH=" in environ
    for headers, target in [
        ({"X-Mirror-Host": "/proc/self"}, "/environ"),  # curl -H 'X-Mirror-Host: /proc/self' .../environ
        ({"X-Mirror-Host": "/proc/self"}, "/root/etc/passwd"),
        ({"X-Mirror-Host": "proc"}, "/self/environ"),
        ({"X-Mirror-Host": "www.zakon.kz"}, "/" + "../" * 16 + "proc/self/environ"),
        ({"X-Mirror-Host": "www.zakon.kz"}, "/" + "%2e%2e/" * 16 + "proc/self/environ"),
        ({"X-Mirror-Host": "www.zakon.kz"}, "/" + "..%2f" * 16 + "proc/self/environ"),
        ({"Host": "/proc/self"}, "/environ"),
    ]:
        status, body = get(port, target, headers)
        assert status == 404, (headers, target, body[:200])
        assert b"PATH=" not in body and not leaks(body, environ), (headers, target)


def test_mirror_symlinks_out_of_the_root_are_404(hostile_mirror) -> None:
    server, outside, secret = hostile_mirror
    port = server.server_address[1]
    cases = [
        ("www.zakon.kz", "/evil.html"),  # a file symlink out
        ("www.zakon.kz", "/evildir/secret.html"),  # a folder symlink out
        ("evil.kz", "/secret.html"),  # a host folder that is a symlink out
        ("www.akorda.kz", "/x.html"),  # a dangling host folder
        (str(outside), "/secret.html"),  # an absolute path as the host
    ]
    for host, target in cases:
        status, body = get(port, target, {"X-Mirror-Host": host})
        assert status == 404, (host, target, body[:200])
        assert not leaks(body, secret), (host, target)


def test_mirror_ticket_post_is_contained_too(hostile_mirror) -> None:
    server, outside, secret = hostile_mirror
    port = server.server_address[1]
    # The gov.kz ticket POST answers with a mirror file's body: a host naming an outside folder must not work.
    for host in (
        str(outside / "www.gov.kz"),
        f"../../{outside.name}/www.gov.kz",
        "/proc/self/root/www.gov.kz",
    ):
        status, body = get(port, GOV_TICKET_PATH, {"X-Mirror-Host": host}, method="POST")
        assert not leaks(body, secret), (host, status, body[:200])
        assert (status, body) == (200, b"{}")  # a ticket with an empty body, as for a missing file


def test_mirror_still_serves_its_own_pages(hostile_mirror) -> None:
    server, _, _ = hostile_mirror
    port = server.server_address[1]
    assert get(port, "/news/", ZAKON) == (200, b"<html>the news list</html>")
    assert get(port, "/same.html", ZAKON) == (200, b"<html>the news list</html>")  # a symlink inside the root
    assert get(port, "/news/", {"Host": "www.zakon.kz"}) == (200, b"<html>the news list</html>")
    assert get(port, "/news/", {"X-Mirror-Host": "WWW.ZAKON.KZ"})[0] == 200


def test_kznews_mirror_command_serves_nothing_outside(tmp_path: Path) -> None:
    """The real `kznews mirror` process, with a secret in its environment, as the issue's attacker found it."""
    env = {**os.environ, "KZNEWS_TELEGRAM_TOKEN": f"123456:{MARKER}"}
    process = subprocess.Popen(
        [str(BIN / "kznews"), "mirror", "--port", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))  # type: ignore[union-attr]
        status, body = raw_request(port, b"GET /etc/passwd HTTP/1.0\r\n\r\n")
        assert status == 404 and not leaks(body, PASSWD)
        status, body = get(port, "/environ", {"X-Mirror-Host": "/proc/self"})
        assert status == 404 and MARKER.encode() not in body
        status, body = get(port, "/../../../../etc/passwd", ZAKON)
        assert status == 404 and not leaks(body, PASSWD)
        # and the real mirror still answers for its pages
        status, body = get(port, "/robots.txt", ZAKON)
        assert status == 200 and body
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
