"""Delivering alert hits: webhook (POST JSON), Telegram Bot API and email over SMTP — from a queue.

Every hit of a rule with channels gets one `deliveries` row per channel, written in the same transaction
as the hit, so nothing is lost between matching and sending. `Deliverer.run()` sends what is due:
a few tries with exponential backoff inside the run, then the row stays `pending` with a later
`next_attempt_at` (doubling, capped) for the next run — a dead endpoint loses nothing and a restarted
process resumes where the last one stopped. Rows are leased while being sent, so two senders never
send the same row at once; a crashed sender's lease simply expires. Each row has a stable
`Idempotency-Key` (webhook header, email Message-ID) so a receiver can drop a repeat if a reply was lost.

Digests (rules with frequency daily or weekly) are a second queue, `alert_digests`, made by
crawler/alerts/rules.py `compose_digests` once a period is over and sent by `Deliverer.run_digests()` with the
same retries, leases and idempotency: one message per rule, channel and period, each story once.
Times a person reads in a message are Asia/Almaty local time by the stored precision (crawler/display.py).

Secrets — webhook URLs, bot tokens, SMTP passwords — are read when sending, from the environment
variables the channel names (`url_env`, `token_env`, `password_env`) or, failing that, from the
TOML file in $KZNEWS_SECRETS_FILE (`[secrets] NAME = "value"`). They are never stored in the database
and every error message is redacted before it is logged or stored.

The parts, in file order:
- Errors and secrets: `DeliveryError`, `derived_forms` (redaction), `Secrets`.
- Messages: `alert_text`, `telegram_text`, `email_message`; digests: `digest_text`, `digest_html`,
  `digest_telegram_text`, `digest_email`.
- Sending: `post_json`, `send_webhook`, `send_telegram`, `send_email`.
- The queue: `Deliverer` (due rows, retries, backoff), `pending_count`, `LiveDelivery` (during a crawl).
"""

from __future__ import annotations

import base64
import html
import http.client
import json
import logging
import os
import re
import smtplib
import ssl
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.alerts.feeds import clean, marked_html, plain_snippet, safe_url
from crawler.display import local_time

log = logging.getLogger(__name__)

DEFAULT_TELEGRAM_URL = "https://api.telegram.org"
USER_AGENT = "kznews/0.1 (alert delivery)"
REDACTED = "[redacted]"
_BOT_TOKEN_RE = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
TELEGRAM_LIMIT = 4096
# A Bot API error description is quoted only when it is a few plain words ("Bad Request: chat not found"),
# never a token-like string; it is redacted too.
_PLAIN_REASON = re.compile(
    r"^[A-Z][a-z]{1,15}(?: [A-Za-z']{1,15}){0,4}(?:: [a-z']{1,15}(?: [a-z']{1,15}){0,8})?$"
)


class DeliveryError(Exception):
    """A send that failed; the message is already redacted. `retry_after` is the receiver's hint, if any."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _base64_cores(raw: bytes) -> set[str]:
    """What the base64 of any text containing `raw` must contain, whatever `raw`'s offset in it.

    base64 encodes 3 bytes as 4 characters, so the secret's characters depend on its offset modulo 3;
    for each offset the characters made from the secret's bytes alone are the same in every encoding.
    That covers AUTH PLAIN ("\0user\0pass"), AUTH LOGIN (the password alone) and a Basic header.
    """
    cores: set[str] = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw).decode("ascii")
        first, last = -(-shift // 3), (shift + len(raw)) // 3  # whole 3-byte groups made of the secret
        core = encoded[first * 4 : last * 4]
        cores |= {core, core.replace("+", "-").replace("/", "_")}
    return cores


def derived_forms(secret: str) -> set[str]:
    """The secret and the forms a server could echo it in: URL-encoded (either case), JSON- or
    HTML-escaped, hex and base64 at any offset."""
    quoted = {
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote(secret),
        urllib.parse.quote_plus(secret),
    }
    quoted |= {re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), q) for q in quoted}
    forms = {secret, json.dumps(secret)[1:-1], html.escape(secret), secret.encode("utf-8").hex(), *quoted}
    return forms | _base64_cores(secret.encode("utf-8"))


class Secrets:
    """Secret values by name: the environment first, then $KZNEWS_SECRETS_FILE. Remembers what it handed
    out, with every derived form (see `remember`), so `redact` can scrub it from any message."""

    def __init__(self, env: Mapping[str, str] | None = None, file: str | None = None) -> None:
        self.env = os.environ if env is None else env
        self.file = file if file is not None else self.env.get("KZNEWS_SECRETS_FILE")
        self._file_values: dict[str, str] | None = None
        self.seen: set[str] = set()

    def _from_file(self) -> dict[str, str]:
        # A broken file fails every lookup with its own reason (not "variable not set" after the first).
        if self._file_values is None:
            values: dict[str, str] = {}
            if self.file:
                path = Path(self.file)
                if not path.exists():
                    self._file_values = values
                    return values  # said in `get`'s message, beside the variable that is not set
                try:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
                except OSError as exc:
                    raise DeliveryError(
                        f"the secrets file {self.file} cannot be read ({exc.strerror})"
                    ) from None
                except (ValueError, UnicodeDecodeError) as exc:
                    # Only the position: the rest of a parse error message can quote a secret.
                    where = re.search(r"\(at line \d+, column \d+\)|\(at end of document\)", str(exc))
                    raise DeliveryError(
                        f"the secrets file {self.file} is not valid TOML"
                        f" {where.group() if where else '(not UTF-8 text)'}: fix it or unset $KZNEWS_SECRETS_FILE"
                    ) from None
                table = data.get("secrets", data)
                if not isinstance(table, dict):
                    raise DeliveryError(
                        f'the secrets file {self.file}: [secrets] must be a table of NAME = "value"'
                    )
                values = {k: str(v) for k, v in table.items() if isinstance(v, str | int)}
            self._file_values = values
        return self._file_values

    def get(self, channel: str, name: str | None, what: str) -> str:
        if not name:
            raise DeliveryError(
                f"channel {channel!r} does not name the environment variable holding its {what}"
            )
        value = self.env.get(name) or self._from_file().get(name)
        if not value:
            missing = (
                f" and the secrets file {self.file} does not exist"
                if self.file and not Path(self.file).exists()
                else ""
            )
            raise DeliveryError(
                f"channel {channel!r}: the environment variable {name} (its {what}) is not set{missing}"
            )
        self.remember(value)
        if re.match(r"(?i)^https?://", value):
            # A webhook URL is a secret as a whole and in its parts: servers echo paths and queries.
            parts = urllib.parse.urlsplit(value)
            pieces = [parts.path, parts.query, parts.username or "", parts.password or ""]
            pieces += [seg for seg in parts.path.split("/") if len(seg) >= 8]
            pieces += [v for _, v in urllib.parse.parse_qsl(parts.query) if len(v) >= 6]
            for piece in pieces:
                if len(piece) >= 4 and piece != "/":
                    self.remember(piece)
        elif ":" in value:
            # A bot token "<bot id>:<secret>": a server may echo either half alone.
            for half in value.split(":"):
                if len(half) >= 6:
                    self.remember(half)
        return value

    def remember(self, secret: str) -> None:
        """Redact `secret` and its derived forms from now on (also for what is built from secrets,
        like the SMTP AUTH PLAIN string)."""
        self.seen.update(f for f in derived_forms(secret) if len(f) >= 4)

    def redact(self, text: str) -> str:
        for secret in sorted(self.seen, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return _BOT_TOKEN_RE.sub("bot" + REDACTED, text)


# --- links to the stored pages -------------------------------------------------------------------------------


def public_url(value: str | None = None) -> str | None:
    """The reading room's base URL ($KZNEWS_PUBLIC_URL, or `value`) if it is an http(s) URL, else None:
    messages link to stored pages only where people can open them (no default: 127.0.0.1 is nobody's)."""
    base = (os.environ.get("KZNEWS_PUBLIC_URL", "") if value is None else value).strip().rstrip("/")
    return base if safe_url(base) else None


def _page(base: str, kind: str, ident: Any) -> str | None:
    return f"{base}/-/kznews/{kind}/{urllib.parse.quote(str(ident), safe='')}" if ident else None


def with_stored_links(payload: Mapping[str, Any], base: str | None) -> dict[str, Any]:
    """The payload with `article_page` and `story_page` (the stored copy and its story in `kznews serve`)
    beside each live `url`: on a hit, on each digest story and on each story member. Made when sending,
    from the setting then in force, so a queued message gets the links too."""
    out = dict(payload)
    if not base:
        return out

    def linked(item: Mapping[str, Any]) -> dict[str, Any]:
        extra = {"article_page": _page(base, "article", item.get("article_id"))}
        if "story_id" in item:
            extra["story_page"] = _page(base, "story", item.get("story_id"))
        return {**item, **{k: v for k, v in extra.items() if v}}

    if payload.get("event") == "kznews.digest":
        out["stories"] = [
            {**linked(story), "members": [linked(m) for m in story.get("members", [])]}
            for story in payload.get("stories", [])
        ]
        return out
    return linked(out)


def _stored_lines(item: Mapping[str, Any], indent: str = "") -> list[str]:
    lines = []
    if link := safe_url(item.get("article_page")):
        lines.append(f"{indent}stored copy: {link}")
    if link := safe_url(item.get("story_page")):
        lines.append(f"{indent}story: {link}")
    return lines


def _stored_html(item: Mapping[str, Any]) -> str:
    """Links to the stored copy and its story, for HTML mail and Telegram; empty without the setting."""
    links = [
        f'<a href="{html.escape(link)}">{label}</a>'
        for key, label in (("article_page", "stored copy"), ("story_page", "story"))
        if (link := safe_url(item.get(key)))
    ]
    return " · ".join(links)


# --- message formats ----------------------------------------------------------------------------------------


def _published(payload: Mapping[str, Any]) -> str:
    """When the site published it, in Almaty local time by its precision ("2026-05-28" for a day)."""
    return local_time(payload.get("published_at"), payload.get("date_precision")) or "unknown"


def _first_seen(payload: Mapping[str, Any]) -> str:
    return local_time(payload.get("first_seen_at"), "minute") or "unknown"


def alert_text(payload: Mapping[str, Any]) -> str:
    """One hit as plain text for people (the webhook's "text", as chat webhooks expect)."""
    forms = ", ".join(clean(f) for f in payload.get("matched_forms", []))
    lines = [
        f"kznews · {clean(payload.get('rule_id'))}: {clean(payload.get('title') or '(untitled)')}",
        safe_url(payload.get("url")) or "",
        plain_snippet(str(payload.get("snippet") or "")),
        f"matched forms: {forms}",
        f"{clean(payload.get('site') or '?')} · {clean(payload.get('language') or '?')} · published"
        f" {_published(payload)}, first seen {_first_seen(payload)}",
        *_stored_lines(payload),
    ]
    return "\n".join(line for line in lines if line)


def telegram_text(payload: Mapping[str, Any]) -> str:
    """The Telegram message, in the HTML subset its parse_mode accepts; every article string escaped."""
    if payload.get("event") == "kznews.digest":
        return digest_telegram_text(payload)
    esc = html.escape
    title = esc(clean(payload.get("title") or "(untitled)")[:300])
    link = safe_url(payload.get("url"))
    headline = f'<a href="{esc(link)}">{title}</a>' if link else title
    forms = ", ".join(esc(clean(f)) for f in payload.get("matched_forms", [])[:20])
    facts = " · ".join(
        esc(clean(v)) for v in (payload.get("language"), payload.get("site"), _published(payload)) if v
    )
    parts = [
        f"<b>kznews · {esc(clean(payload.get('rule_id')))}</b>",
        headline,
        marked_html(str(payload.get("snippet") or "")[:1500], tag="b"),
        f"<i>matched: {forms}</i>",
        facts,
        _stored_html(payload),
    ]
    text = "\n".join(p for p in parts if p)
    return text if len(text) <= TELEGRAM_LIMIT else "\n".join(parts[:2])


def _header(text: Any, limit: int = 200) -> str:
    return _HEADER_UNSAFE.sub(" ", clean(text)).strip()[:limit]


def _envelope(subject: str, *, sender: str, recipients: list[str], key: str) -> EmailMessage:
    """The headers of every message, one hit's or a digest's: the idempotency key is its Message-ID."""
    msg = EmailMessage()
    msg["Subject"] = _header(subject)
    msg["From"] = _header(sender)
    msg["To"] = ", ".join(_header(r) for r in recipients)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = f"<{key}@kznews>"
    msg["X-Kznews-Idempotency-Key"] = key
    return msg


def email_message(
    payload: Mapping[str, Any], *, sender: str, recipients: list[str], key: str
) -> EmailMessage:
    if payload.get("event") == "kznews.digest":
        return digest_email(payload, sender=sender, recipients=recipients, key=key)
    subject = f"[kznews] {payload.get('rule_id')}: {payload.get('title') or '(untitled)'}"
    msg = _envelope(subject, sender=sender, recipients=recipients, key=key)
    link = safe_url(payload.get("url"))
    forms = ", ".join(clean(f) for f in payload.get("matched_forms", []))
    lines = [
        clean(payload.get("title") or "(untitled)"),
        link or "",
        "",
        plain_snippet(str(payload.get("snippet") or "")),
        "",
        f"matched forms: {forms}",
        f"language: {clean(payload.get('language') or '?')}, site: {clean(payload.get('site') or '?')}",
        f"cited sources: {', '.join(clean(c) for c in payload.get('cited_sources', [])) or '-'}",
        f"published: {_published(payload)}, first seen: {_first_seen(payload)}",
        f"rule: {clean(payload.get('rule_id'))} ({clean(payload.get('query') or '')})",
        *_stored_lines(payload),
    ]
    msg.set_content("\n".join(lines))
    esc = html.escape
    title = esc(clean(payload.get("title") or "(untitled)"))
    headline = f'<a href="{esc(link)}">{title}</a>' if link else title
    msg.add_alternative(
        f"<html><body><h3>{headline}</h3><p>{marked_html(str(payload.get('snippet') or ''))}</p>"
        f"<p>matched forms: {esc(forms)}<br>language: {esc(clean(payload.get('language') or '?'))},"
        f" site: {esc(clean(payload.get('site') or '?'))}<br>published:"
        f" {esc(_published(payload))}, first seen:"
        f" {esc(_first_seen(payload))}</p>"
        f"<p>rule: {esc(clean(payload.get('rule_id')))}</p>"
        + (f"<p>{stored}</p>" if (stored := _stored_html(payload)) else "")
        + "</body></html>",
        subtype="html",
    )
    return msg


# --- digest formats: one message per rule and period, each story once with its members ---------------------


def _digest_heading(payload: Mapping[str, Any]) -> str:
    name = clean(payload.get("description") or payload.get("rule_id"))
    return f"{clean(payload.get('frequency'))} digest: {name}, {clean(payload.get('period_local'))}"


def _digest_count(payload: Mapping[str, Any]) -> str:
    stories, hits = int(payload.get("story_count") or 0), int(payload.get("hits") or 0)
    return f"{stories} {'story' if stories == 1 else 'stories'}, {hits} {'hit' if hits == 1 else 'hits'}"


def _member_line(member: Mapping[str, Any]) -> str:
    return " · ".join(
        clean(v) for v in (member.get("published_local"), member.get("site"), member.get("language")) if v
    )


def digest_text(payload: Mapping[str, Any]) -> str:
    """The digest as plain text (email's plain part, the webhook's "text")."""
    lines = [
        f"kznews {_digest_heading(payload)}",
        f"rule {clean(payload.get('rule_id'))}: {clean(payload.get('query') or '')} · {_digest_count(payload)}",
        "",
    ]
    for number, story in enumerate(payload.get("stories", []), 1):
        lines.append(f"{number}. {clean(story.get('title'))}")
        lines.append(f"   {_member_line(story)}")
        if link := safe_url(story.get("url")):
            lines.append(f"   {link}")
        lines += _stored_lines(story, "   ")
        lines.append(f"   {plain_snippet(str(story.get('snippet') or ''))}")
        lines.append(f"   matched forms: {', '.join(clean(f) for f in story.get('matched_forms', []))}")
        members = story.get("members", [])
        if len(members) > 1:
            lines.append(
                f"   {len(members)} members on {', '.join(clean(s) for s in story.get('sites', []))}:"
            )
            for member in members:
                lines.append(f"   - {_member_line(member)}: {clean(member.get('title'))}")
                if link := safe_url(member.get("url")):
                    lines.append(f"     {link}")
                lines += _stored_lines(member, "     ")
        lines.append("")
    if payload.get("more_stories"):
        lines.append(f"... and {payload['more_stories']} more stories")
    return "\n".join(lines).rstrip() + "\n"


def _linked(url: Any, text_html: str) -> str:
    link = safe_url(url)
    return f'<a href="{html.escape(link)}">{text_html}</a>' if link else text_html


def digest_html(payload: Mapping[str, Any]) -> str:
    esc = html.escape
    parts = [f"<h2>kznews {esc(_digest_heading(payload))}</h2>",
             f"<p>rule {esc(clean(payload.get('rule_id')))}: <code>{esc(clean(payload.get('query') or ''))}</code>"
             f" · {esc(_digest_count(payload))}</p><ol>"]  # fmt: skip
    for story in payload.get("stories", []):
        parts.append(f"<li><h3>{_linked(story.get('url'), esc(clean(story.get('title'))))}</h3>")
        stored = _stored_html(story)
        parts.append(
            f"<p>{esc(_member_line(story))}{' · ' + stored if stored else ''}</p>"
            f"<p>{marked_html(str(story.get('snippet') or ''))}</p>"
        )
        members = story.get("members", [])
        if len(members) > 1:
            items = []
            for member in members:
                text = esc(f"{_member_line(member)}: {clean(member.get('title'))}")
                stored = _stored_html(member)
                items.append(f"<li>{_linked(member.get('url'), text)}{' · ' + stored if stored else ''}</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        parts.append("</li>")
    parts.append("</ol>")
    if payload.get("more_stories"):
        parts.append(f"<p>... and {int(payload['more_stories'])} more stories</p>")
    return f"<html><body>{''.join(parts)}</body></html>"


def digest_telegram_text(payload: Mapping[str, Any]) -> str:
    """The digest for Telegram: stories as long as they fit in one message, then how many were left out."""
    esc = html.escape
    head = f"<b>kznews {esc(_digest_heading(payload))}</b>\n<i>{esc(_digest_count(payload))}</i>"
    blocks: list[str] = []
    for number, story in enumerate(payload.get("stories", []), 1):
        link = safe_url(story.get("url"))
        title = esc(clean(story.get("title"))[:300])
        headline = f'<a href="{esc(link)}">{title}</a>' if link else title
        sites = ", ".join(esc(clean(s)) for s in story.get("sites", []))
        block = f"{number}. {headline}\n{esc(_member_line(story))}"
        if len(story.get("members", [])) > 1:
            block += f" · {len(story['members'])} members: {sites}"
        if stored := _stored_html(story):
            block += f"\n{stored}"
        block += f"\n{marked_html(str(story.get('snippet') or '')[:600], tag='b')}"
        blocks.append(block)
    left = int(payload.get("more_stories") or 0)
    while blocks:
        tail = f"\n\n… {left} more" if left else ""
        text = head + "\n\n" + "\n\n".join(blocks) + tail
        if len(text) <= TELEGRAM_LIMIT:
            return text
        blocks.pop()
        left += 1
    return head


def digest_email(payload: Mapping[str, Any], *, sender: str, recipients: list[str], key: str) -> EmailMessage:
    subject = f"[kznews] {_digest_heading(payload)} ({_digest_count(payload)})"
    msg = _envelope(subject, sender=sender, recipients=recipients, key=key)
    msg.set_content(digest_text(payload))
    msg.add_alternative(digest_html(payload), subtype="html")
    return msg


# --- transports ---------------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A POST is never replayed as a GET somewhere else: a redirect is a failed delivery."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _retry_after(headers: Any) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def post_json(
    url: str, body: Mapping[str, Any], headers: Mapping[str, str], timeout: float, *, describe: bool = False
) -> bytes:
    """POST JSON; DeliveryError on any failure. `describe`: quote a JSON error's "description" (Bot API)."""
    if not re.match(r"(?i)^https?://", url):
        raise DeliveryError("the endpoint is not an http(s) URL")
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT, **headers},
        method="POST",
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            data: bytes = response.read(1 << 20)
            return data
    except urllib.error.HTTPError as exc:
        # Neither the body nor the reason phrase is quoted: a receiver may echo the request (and so the
        # secret URL or token, whole or altered) in either. The status says enough.
        detail = ""
        try:
            described = json.loads(exc.read(2000)).get("description") if describe else None
            detail = f": {described}" if isinstance(described, str) and _PLAIN_REASON.match(described) else ""
        except (OSError, ValueError, AttributeError):
            pass
        raise DeliveryError(f"HTTP {exc.code} from the endpoint{detail}", _retry_after(exc.headers)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason.__class__.__name__ if isinstance(exc.reason, BaseException) else "no answer"
        raise DeliveryError(f"cannot reach the endpoint ({reason})") from None
    except (TimeoutError, OSError) as exc:
        raise DeliveryError(f"cannot reach the endpoint ({exc.__class__.__name__})") from None
    except http.client.HTTPException as exc:  # a broken status line quotes what the server sent
        raise DeliveryError(f"the endpoint sent a broken HTTP answer ({exc.__class__.__name__})") from None


def send_webhook(
    settings: Mapping[str, Any], secrets: Secrets, name: str, payload: Mapping[str, Any], key: str
) -> None:
    url = secrets.get(name, settings.get("url_env"), "webhook URL")
    text = digest_text(payload) if payload.get("event") == "kznews.digest" else alert_text(payload)
    body = {"event": "kznews.alert", "idempotency_key": key, "text": text, **payload}
    post_json(url, body, {"Idempotency-Key": key}, float(settings.get("timeout", 10)))


def send_telegram(
    settings: Mapping[str, Any], secrets: Secrets, name: str, payload: Mapping[str, Any], key: str
) -> None:
    token = secrets.get(name, settings.get("token_env"), "bot token")
    chat_id = settings.get("chat_id") or (
        secrets.get(name, settings.get("chat_id_env"), "chat id") if settings.get("chat_id_env") else None
    )
    if not chat_id:
        raise DeliveryError(f"channel {name!r} needs chat_id (or chat_id_env)")
    base = str(settings.get("base_url") or DEFAULT_TELEGRAM_URL).rstrip("/")
    body = {
        "chat_id": chat_id,
        "text": telegram_text(payload),
        "parse_mode": "HTML",
        "disable_web_page_preview": True,
    }
    reply = post_json(
        f"{base}/bot{token}/sendMessage", body, {}, float(settings.get("timeout", 10)), describe=True
    )
    try:
        ok = json.loads(reply).get("ok")
    except (ValueError, AttributeError):
        ok = None
    if ok is not True:
        raise DeliveryError("the Telegram API did not answer ok")


def send_email(
    settings: Mapping[str, Any], secrets: Secrets, name: str, payload: Mapping[str, Any], key: str
) -> None:
    host = settings.get("host") or "localhost"
    use_ssl = bool(settings.get("ssl", False))
    port = int(settings.get("port") or (465 if use_ssl else 25))
    recipients = settings.get("to") or []
    recipients = [recipients] if isinstance(recipients, str) else list(recipients)
    sender = settings.get("from")
    if not sender or not recipients:
        raise DeliveryError(f"channel {name!r} needs from and to")
    password = (
        secrets.get(name, settings.get("password_env"), "SMTP password") if settings.get("user") else None
    )
    if password is not None:
        user = str(settings["user"])
        # What smtplib sends: AUTH PLAIN base64("\0user\0pass") (some clients put the user first too).
        secrets.remember(f"\0{user}\0{password}")
        secrets.remember(f"{user}\0{user}\0{password}")
    message = email_message(payload, sender=sender, recipients=recipients, key=key)
    timeout = float(settings.get("timeout", 20))
    try:
        smtp: smtplib.SMTP
        if use_ssl:
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            if settings.get("starttls") and not use_ssl:
                smtp.starttls(context=ssl.create_default_context())
            if settings.get("user"):
                smtp.login(str(settings["user"]), password or "")
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"SMTP login refused ({exc.smtp_code})") from None
    except smtplib.SMTPException as exc:
        # The server's reply text is not quoted (it may echo what we sent); its code says enough.
        code = getattr(exc, "smtp_code", None)
        raise DeliveryError(f"SMTP error ({exc.__class__.__name__}{f' {code}' if code else ''})") from None
    except (TimeoutError, OSError) as exc:
        raise DeliveryError(f"cannot reach the SMTP server ({exc.__class__.__name__})") from None


SENDERS: dict[str, Callable[[Mapping[str, Any], Secrets, str, Mapping[str, Any], str], None]] = {
    "webhook": send_webhook,
    "telegram": send_telegram,
    "email": send_email,
}


# --- the queue ----------------------------------------------------------------------------------------------


class Deliverer:
    """Sends due `deliveries` rows. Build a fresh one per run; all state lives in the table."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        channels: Mapping[str, Mapping[str, Any]],
        *,
        secrets: Secrets | None = None,
        tries_per_run: int = 3,
        base_delay: float = 0.5,
        retry_base: float = 60.0,
        max_backoff: float = 6 * 3600.0,
        lease_seconds: float = 300.0,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        public_url_base: str | None = None,
    ) -> None:
        self.db = db
        # Links to the stored article and story: $KZNEWS_PUBLIC_URL unless given (tests, other servers).
        self.public_url = public_url(public_url_base)
        self.channels = channels
        self.secrets = secrets or Secrets()
        self.tries_per_run = max(1, tries_per_run)
        self.base_delay = base_delay
        self.retry_base = retry_base
        self.max_backoff = max_backoff
        self.lease_seconds = lease_seconds
        self.clock = clock or (lambda: datetime.now(UTC))
        self.sleep = sleep

    def _send(self, channel: str, payload: Mapping[str, Any], key: str) -> None:
        settings = self.channels.get(channel)
        if settings is None:
            raise DeliveryError(f"channel {channel!r} is not defined in the rules file")
        sender = SENDERS.get(str(settings.get("type")))
        if sender is None:
            raise DeliveryError(f"channel {channel!r} has an unknown type")
        sender(settings, self.secrets, channel, with_stored_links(payload, self.public_url), key)

    def _claim(self, row_id: int, now: datetime, table: str = "deliveries") -> bool:
        cursor = self.db.execute(
            f"UPDATE {table} SET lease_until = ? WHERE id = ? AND status = 'pending'"
            " AND (lease_until IS NULL OR lease_until < ?)",
            [_iso(now + timedelta(seconds=self.lease_seconds)), row_id, _iso(now)],
        )
        return bool(cursor.rowcount)

    def run(self, *, limit: int = 1000) -> dict[str, int]:
        """Send every due delivery; returns counts of delivered, failed (still pending) and skipped rows."""
        return self._run_queue("deliveries", limit)

    def run_digests(self, *, limit: int = 1000) -> dict[str, int]:
        """Make the digests of every period that is over, then send the due ones (same counts as `run`)."""
        from crawler.alerts.rules import compose_digests

        compose_digests(self.db, _iso(self.clock()))
        return self._run_queue("alert_digests", limit)

    def _run_queue(self, table: str, limit: int) -> dict[str, int]:
        now = self.clock()
        rows = self.db.execute(
            f"SELECT id, channel, idempotency_key, payload, attempts FROM {table} WHERE status = 'pending'"
            " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT ?",
            [_iso(now), _iso(now), limit],
        ).fetchall()
        counts = {"delivered": 0, "failed": 0, "skipped": 0}
        down: set[str] = set()  # channels that failed every try in this run: their other rows wait
        for row_id, channel, key, payload_json, attempts in rows:
            if channel in down or not self._claim(row_id, self.clock(), table):
                counts["skipped"] += 1
                continue
            payload = json.loads(payload_json)
            error: DeliveryError | None = None
            tries = 0
            for attempt in range(self.tries_per_run):
                tries += 1
                try:
                    self._send(channel, payload, key)
                    error = None
                    break
                except DeliveryError as exc:
                    error = exc
                except Exception as exc:  # a bug or an odd library error: never let it stop the queue
                    # Its name only: a library's message can quote what a server sent.
                    error = DeliveryError(f"unexpected {exc.__class__.__name__}")
                if attempt + 1 < self.tries_per_run:
                    hint = error.retry_after if error is not None else None
                    self.sleep(min(30.0, hint if hint is not None else self.base_delay * 2**attempt))
            finished = self.clock()
            if error is None:
                self.db.execute(
                    f"UPDATE {table} SET status = 'delivered', attempts = ?, delivered_at = ?, lease_until = NULL,"
                    " last_error = NULL WHERE id = ?",
                    [attempts + tries, _iso(finished), row_id],
                )
                counts["delivered"] += 1
                continue
            total = attempts + tries
            runs_failed = max(1, -(-total // self.tries_per_run))
            delay = min(self.max_backoff, self.retry_base * 2 ** (runs_failed - 1))
            if error.retry_after is not None:
                delay = min(self.max_backoff, max(delay, error.retry_after))
            message = self.secrets.redact(str(error))[:500]
            self.db.execute(
                f"UPDATE {table} SET attempts = ?, next_attempt_at = ?, lease_until = NULL, last_error = ?"
                " WHERE id = ?",
                [total, _iso(finished + timedelta(seconds=delay)), message, row_id],
            )
            log.warning("alert delivery %s via channel %r failed (try %d): %s", key, channel, total, message)
            counts["failed"] += 1
            down.add(channel)
        return counts


def pending_count(db: sqlite_utils.Database, table: str = "deliveries") -> int:
    """Rows still to send in `deliveries`, or in `alert_digests` (digests made and not yet sent)."""
    return int(db.execute(f"SELECT count(*) FROM {table} WHERE status = 'pending'").fetchone()[0])


# --- as it happens: delivery during the crawl -----------------------------------------------------------


class LiveDelivery:
    """Sends queued hits within seconds of their article being stored, while the crawl goes on.

    A daemon thread with its own connection looks for due `deliveries` rows every `every` seconds (at once
    when `wake()` is called after a hit) and runs a `Deliverer` over them: the same queue, leases, retries
    and backoff as `kznews alerts deliver` and the end of a crawl, so a row is never sent twice and a dead
    endpoint costs the crawl nothing (its tries happen on this thread). It sees a hit once the transaction
    holding it is committed: at once in a plain crawl, at the end of the writer process's batch otherwise.
    """

    def __init__(
        self,
        db_path: str,
        channels: Mapping[str, Mapping[str, Any]],
        *,
        every: float = 1.0,
        deliverer_options: Mapping[str, Any] | None = None,
    ) -> None:
        import threading

        self.db_path = db_path
        self.channels = channels
        self.every = every
        self.options = dict(deliverer_options or {})
        self.counts = {"delivered": 0, "failed": 0, "skipped": 0}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kznews-live-delivery", daemon=True)

    def start(self) -> LiveDelivery:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """One last look for due rows, then the thread ends (rows still failing stay queued)."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _due(self, db: sqlite_utils.Database) -> bool:
        now = _iso(datetime.now(UTC))
        row = db.execute(
            "SELECT 1 FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
            " AND (lease_until IS NULL OR lease_until < ?) LIMIT 1",
            [now, now],
        ).fetchone()
        return row is not None

    def _loop(self) -> None:
        from crawler.store.db import connect

        db = connect(self.db_path)
        try:
            while True:
                stopping = self._stop.is_set()
                try:
                    if "deliveries" in db.table_names() and self._due(db):
                        counts = Deliverer(db, self.channels, **self.options).run()
                        for key, value in counts.items():
                            self.counts[key] = self.counts.get(key, 0) + value
                except Exception:  # a locked or odd database must not end the thread: look again later
                    log.warning("live alert delivery failed; trying again", exc_info=True)
                if stopping:
                    return
                self._wake.wait(self.every)
                self._wake.clear()
        finally:
            db.conn.close()
