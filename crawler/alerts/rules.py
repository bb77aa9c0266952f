"""Alert rules: loaded from data/alerts.toml (or added with `kznews alerts add`), kept in SQLite, matched
against stored articles, recorded once per story, then written to feeds and handed to delivery channels.

When a rule fires (docs/alerts.md):
- on ingest, by the alerts pipeline (stage 800), for every new or changed article;
- on demand, by `kznews alerts run --since DATE` (a backfill over stored articles);
- once, automatically, for a rule never backfilled before, at the end of a crawl (`after_crawl`).

Once per story: a hit is keyed by (rule, story, occasion). The first matching member of a story takes the
occasion "" — a repost, a translation or a minor revision of the story finds it taken and raises nothing.
Only a *substantive* revision of an article (dedup's verdict) opens a new occasion, `rev:<article>:<n>`,
and so may raise a second alert for the same story.

Subscriptions, like Google Alerts: each rule has a frequency for its channels. "as-it-happens" queues one
`deliveries` row per hit and channel; "daily" and "weekly" put the hit in `alert_digest_items` instead, and
when the Almaty-local day or week is over, `compose_digests` gathers them into one `alert_digests` row per
rule, channel and period (grouped by story, each story once) that crawler/alerts/delivery.py sends. The two paths
share no rows, so a faster per-hit path never touches digests.

Secrets (webhook URLs, bot tokens, SMTP passwords) never reach this module's tables: rules name their
channels, and channel settings stay in the TOML file, their secrets in environment variables.

The parts, in file order:
- Errors: `AlertsError`.
- Rules: `RuleSpec`, the rules file (`AlertsConfig`, `parse_config`, `load_config`), stored rules
  (`list_rules`, `get_rule`, `add_rule`, `remove_rule`, `sync_rules`).
- Matching and recording: `article_text`, `hit_key`, `Alerter` (match, record), `hit_payload`, `queue_hits`.
- Backfills: `backfill`.
- Digests: `digest_period`, `digest_payload`, `compose_digests`.
- Previews: `preview`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.dates import ALMATY
from crawler.display import local_time
from crawler.matching import QueryError, Rule, RuleSet, parse_query, snippet
from crawler.store.db import transaction, utcnow_iso

log = logging.getLogger(__name__)

DEFAULT_ALERTS_FILE = "data/alerts.toml"
RULE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANGUAGES = ("kk", "ru", "en")
SOURCE_KINDS = ("news", "gov")
SNIPPET_WIDTH = 200
# Channel keys that would hold a secret if written literally; the file must name an environment variable instead.
SECRET_KEYS = ("url", "token", "password", "webhook_url", "bot_token")
CHANNEL_KINDS = ("webhook", "telegram", "email")
# How often a rule's channels hear from it (Google Alerts' "How often"): every hit, or one digest per
# Almaty-local day or week (Monday to Sunday), sent once that period is over.
AS_IT_HAPPENS = "as-it-happens"
FREQUENCIES = (AS_IT_HAPPENS, "daily", "weekly")
DIGEST_STORIES_MAX = 50  # a digest lists at most this many stories (and says how many more there were)
DIGEST_MEMBERS_MAX = 12  # members listed per story


def default_alerts_file() -> str:
    return os.environ.get("KZNEWS_ALERTS_FILE") or DEFAULT_ALERTS_FILE


class AlertsError(Exception):
    """A rule, a rules file or a request that cannot be used; the message is one sentence for people."""


# --- rules ------------------------------------------------------------------------------------------------


@dataclass
class RuleSpec:
    """An alert rule as stored: the matching engine's Rule plus its channels and bookkeeping."""

    id: str
    query: str
    lang: str | None = None
    fold_scripts: bool = False
    sites: list[str] = field(default_factory=list)
    source_kinds: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    description: str | None = None
    origin: str = "cli"
    frequency: str = AS_IT_HAPPENS

    def to_rule(self) -> Rule:
        return Rule(
            id=self.id,
            query=self.query,
            lang=self.lang,
            fold_scripts=self.fold_scripts,
            sites=list(self.sites),
            source_kinds=list(self.source_kinds),
            cited=list(self.cited),
        )

    def validate(self) -> None:
        """Raise AlertsError with one sentence if the rule cannot be used."""
        if not isinstance(self.id, str) or not RULE_ID_RE.match(self.id):
            raise AlertsError(
                f"rule id {self.id!r} must be 1-64 lower-case letters, digits, '-' or '_' (it names feed files and URLs)"
            )
        try:
            parse_query(self.query)
        except QueryError as exc:
            raise AlertsError(f"rule {self.id!r}: {exc}") from None
        if self.lang is not None and self.lang not in LANGUAGES:
            raise AlertsError(
                f"rule {self.id!r}: lang must be one of {', '.join(LANGUAGES)}, not {self.lang!r}"
            )
        for kind in self.source_kinds:
            if kind not in SOURCE_KINDS:
                raise AlertsError(f"rule {self.id!r}: source kind must be news or gov, not {kind!r}")
        if self.frequency not in FREQUENCIES:
            raise AlertsError(
                f"rule {self.id!r}: frequency must be one of {', '.join(FREQUENCIES)}, not {self.frequency!r}"
            )


def _str_list(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AlertsError(f"{what} must be a string or a list of strings")
    return list(value)


@dataclass
class AlertsConfig:
    rules: list[RuleSpec]
    channels: dict[str, dict[str, Any]]
    path: str | None = None


def parse_config(data: Mapping[str, Any], *, source: str = "alerts.toml") -> AlertsConfig:
    """Validate a parsed rules file; AlertsError names the file and the problem."""
    channels: dict[str, dict[str, Any]] = {}
    raw_channels = data.get("channels", {})
    if not isinstance(raw_channels, dict):
        raise AlertsError(f"{source}: [channels] must be a table of named channels")
    for name, settings in raw_channels.items():
        if not RULE_ID_RE.match(name) or not isinstance(settings, dict):
            raise AlertsError(
                f"{source}: channel {name!r} must be a [channels.NAME] table with a simple name"
            )
        kind = settings.get("type")
        if kind not in CHANNEL_KINDS:
            raise AlertsError(f"{source}: channel {name!r} needs type = one of {', '.join(CHANNEL_KINDS)}")
        for key in SECRET_KEYS:
            if key in settings:
                raise AlertsError(
                    f"{source}: channel {name!r} has a literal {key!r}; secrets must not be written in this file —"
                    f" put it in an environment variable and name it with {key}_env"
                )
        channels[name] = dict(settings)
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise AlertsError(f"{source}: rules must be written as [[rules]] tables")
    rules: list[RuleSpec] = []
    seen: set[str] = set()
    known = {
        "id",
        "query",
        "lang",
        "fold_scripts",
        "sites",
        "source_kinds",
        "cited",
        "channels",
        "description",
        "frequency",
    }
    for number, raw in enumerate(raw_rules, 1):
        if not isinstance(raw, dict) or "id" not in raw or "query" not in raw:
            raise AlertsError(f"{source}: rule number {number} needs at least id and query")
        unknown = sorted(set(raw) - known)
        if unknown:
            raise AlertsError(f"{source}: rule {raw['id']!r} has an unknown key {unknown[0]!r}")
        where = f"{source}: rule {raw['id']!r}"
        spec = RuleSpec(
            id=raw["id"],
            query=raw["query"] if isinstance(raw["query"], str) else "",
            lang=raw.get("lang") or None,
            fold_scripts=bool(raw.get("fold_scripts", False)),
            sites=_str_list(raw.get("sites"), f"{where}: sites"),
            source_kinds=_str_list(raw.get("source_kinds"), f"{where}: source_kinds"),
            cited=_str_list(raw.get("cited"), f"{where}: cited"),
            channels=_str_list(raw.get("channels"), f"{where}: channels"),
            description=raw.get("description"),
            origin="file",
            frequency=raw.get("frequency", AS_IT_HAPPENS),
        )
        try:
            spec.validate()
        except AlertsError as exc:
            raise AlertsError(f"{source}: {exc}") from None
        if spec.id in seen:
            raise AlertsError(f"{source}: rule id {spec.id!r} is used twice")
        seen.add(spec.id)
        for channel in spec.channels:
            if channel not in channels:
                raise AlertsError(
                    f"{where} names channel {channel!r}, which has no [channels.{channel}] table"
                )
        rules.append(spec)
    return AlertsConfig(rules=rules, channels=channels, path=source)


def load_config(path: str | os.PathLike[str] | None = None) -> AlertsConfig:
    """Read the rules file; a missing file is an empty configuration."""
    target = Path(path or default_alerts_file())
    if not target.exists():
        return AlertsConfig(rules=[], channels={}, path=str(target))
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AlertsError(f"{target} is not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AlertsError(f"cannot read {target} ({exc.__class__.__name__})") from None
    return parse_config(data, source=str(target))


def _row_to_spec(row: sqlite3.Row | tuple[Any, ...]) -> RuleSpec:
    (rule_id, query, lang, fold, sites, kinds, cited, channels, description, origin, frequency) = row
    return RuleSpec(
        id=rule_id,
        query=query,
        lang=lang,
        fold_scripts=bool(fold),
        sites=json.loads(sites or "[]"),
        source_kinds=json.loads(kinds or "[]"),
        cited=json.loads(cited or "[]"),
        channels=json.loads(channels or "[]"),
        description=description,
        origin=origin,
        frequency=frequency or AS_IT_HAPPENS,
    )


_RULE_COLUMNS = (
    "id, query, lang, fold_scripts, sites, source_kinds, cited, channels, description, origin, frequency"
)


def list_rules(db: sqlite_utils.Database) -> list[RuleSpec]:
    rows = db.execute(f"SELECT {_RULE_COLUMNS} FROM alert_rules ORDER BY id").fetchall()
    return [_row_to_spec(row) for row in rows]


def get_rule(db: sqlite_utils.Database, rule_id: str) -> RuleSpec | None:
    row = db.execute(f"SELECT {_RULE_COLUMNS} FROM alert_rules WHERE id = ?", [rule_id]).fetchone()
    return _row_to_spec(row) if row else None


def _j(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _upsert(db: sqlite_utils.Database, spec: RuleSpec, now: str) -> str:
    """Insert or update one rule (inside a transaction); returns added | updated | unchanged."""
    old = get_rule(db, spec.id)
    values = [
        spec.query, spec.lang, int(spec.fold_scripts), _j(spec.sites), _j(spec.source_kinds), _j(spec.cited),
        _j(spec.channels), spec.description, spec.origin, spec.frequency,
    ]  # fmt: skip
    if old is None:
        db.execute(
            f"INSERT INTO alert_rules ({_RULE_COLUMNS}, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [spec.id, *values, now, now],
        )
        return "added"
    if old == spec:
        return "unchanged"
    matching_changed = old.to_rule() != spec.to_rule()
    db.execute(
        "UPDATE alert_rules SET query = ?, lang = ?, fold_scripts = ?, sites = ?, source_kinds = ?, cited = ?,"
        " channels = ?, description = ?, origin = ?, frequency = ?, updated_at = ?"
        + (", backfilled_at = NULL" if matching_changed else "")
        + " WHERE id = ?",
        [*values, now, spec.id],
    )
    return "updated"


def add_rule(db: sqlite_utils.Database, spec: RuleSpec, *, replace: bool = False) -> str:
    spec.validate()
    with transaction(db):
        old = get_rule(db, spec.id)
        if old is not None and not replace:
            raise AlertsError(f"a rule {spec.id!r} already exists; remove it first or choose another id")
        if old is not None and old.origin == "file" and spec.origin != "file":
            raise AlertsError(f"rule {spec.id!r} comes from the rules file; edit it there")
        return _upsert(db, spec, utcnow_iso())


def remove_rule(db: sqlite_utils.Database, rule_id: str) -> None:
    """Delete a rule added with the CLI (its past hits stay, for the record)."""
    with transaction(db):
        old = get_rule(db, rule_id)
        if old is None:
            raise AlertsError(f"no rule {rule_id!r}; `kznews alerts list` shows the rules")
        if old.origin == "file":
            raise AlertsError(
                f"rule {rule_id!r} comes from the rules file; delete it there and it goes on the next run"
            )
        db.execute("DELETE FROM alert_rules WHERE id = ?", [rule_id])


def sync_rules(db: sqlite_utils.Database, config: AlertsConfig) -> dict[str, int]:
    """Make the file's rules the stored file rules: add, update, and drop those gone from the file."""
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}
    now = utcnow_iso()
    with transaction(db):
        wanted = {spec.id for spec in config.rules}
        for spec in config.rules:
            old = get_rule(db, spec.id)
            if old is not None and old.origin != "file":
                log.warning(
                    "rule %r in %s replaces the rule of that id added with the CLI", spec.id, config.path
                )
            counts[_upsert(db, spec, now)] += 1
        for (rule_id,) in db.execute("SELECT id FROM alert_rules WHERE origin = 'file'").fetchall():
            if rule_id not in wanted:
                db.execute("DELETE FROM alert_rules WHERE id = ?", [rule_id])
                counts["removed"] += 1
    return counts


# --- matching and recording ---------------------------------------------------------------------------------


def article_text(article: Mapping[str, Any]) -> str:
    """The text a rule is matched against: title, lead and body, one paragraph each."""
    return "\n".join(str(article.get(k)) for k in ("title", "lead", "body") if article.get(k))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            loaded = json.loads(value)
        except ValueError:
            return [value]
        return [str(v) for v in loaded] if isinstance(loaded, list) else [str(loaded)]
    return [str(v) for v in value]


def hit_key(rule_id: str, story_id: str, occasion: str, channel: str) -> str:
    import hashlib

    digest = hashlib.sha256(f"{rule_id}\x1f{story_id}\x1f{occasion}\x1f{channel}".encode()).hexdigest()
    return f"kznews-{digest[:32]}"


class Alerter:
    """A compiled rule set plus the writes that record its hits. Build one per crawl or backfill."""

    def __init__(self, rules: Iterable[RuleSpec]) -> None:
        self.specs = {spec.id: spec for spec in rules}
        self.ruleset = RuleSet(spec.to_rule() for spec in self.specs.values())

    @classmethod
    def from_db(cls, db: sqlite_utils.Database, rule_ids: Iterable[str] | None = None) -> Alerter:
        specs = list_rules(db)
        if rule_ids is not None:
            wanted = set(rule_ids)
            specs = [s for s in specs if s.id in wanted]
        return cls(specs)

    def match(self, article: Mapping[str, Any]) -> dict[str, list[str]]:
        if not self.specs:
            return {}
        text = article_text(article)
        if not text:
            return {}
        return self.ruleset.match(
            text,
            lang=article.get("language"),
            site=article.get("site"),
            source_kind=article.get("source_kind"),
            cited=_as_list(article.get("cited_sources")),
        )

    def record(
        self,
        db: sqlite_utils.Database,
        article: Mapping[str, Any],
        matches: Mapping[str, list[str]],
        *,
        via: str,
        substantive_revision: int | None = None,
        queue_deliveries: bool = True,
    ) -> list[int]:
        """Write the hits of one article (one transaction); returns the new hit ids.

        `substantive_revision` (the article's revision number) lets a rule that already hit this story
        hit it again, once for that revision.
        """
        if not matches:
            return []
        article_id = str(article.get("article_id") or article.get("id"))
        story_id = str(article.get("story_id") or article_id)
        text = article_text(article)
        now = utcnow_iso()
        new_ids: list[int] = []
        with transaction(db):
            for rule_id, forms in matches.items():
                occasions = [""]
                if substantive_revision is not None:
                    occasions.append(f"rev:{article_id}:{substantive_revision}")
                for occasion in occasions:
                    cursor = db.execute(
                        "INSERT OR IGNORE INTO alert_hits (rule_id, article_id, story_id, occasion, matched_forms,"
                        " snippet, language, site, via, matched_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        [
                            rule_id, article_id, story_id, occasion, json.dumps(forms, ensure_ascii=False),
                            snippet(text, forms, width=SNIPPET_WIDTH), article.get("language"), article.get("site"),
                            via, now,
                        ],
                    )  # fmt: skip
                    if cursor.rowcount:
                        hit_id = int(cursor.lastrowid or 0)
                        new_ids.append(hit_id)
                        spec = self.specs.get(rule_id)
                        if queue_deliveries and spec is not None and spec.channels:
                            _queue(db, hit_id, spec, story_id, occasion, now)
                        break  # the story's hit is taken only if it was free; a revision needs it taken
        return new_ids


def hit_payload(db: sqlite_utils.Database | sqlite3.Connection, hit_id: int) -> dict[str, Any]:
    """The JSON a channel receives for one hit: the article, why it matched, when it was seen."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    row = conn.execute(
        "SELECT h.id, h.rule_id, h.story_id, h.occasion, h.article_id, h.matched_forms, h.snippet, h.matched_at,"
        " a.url, a.title, coalesce(a.language, h.language), coalesce(a.site, h.site), a.cited_sources,"
        " a.published_at, a.first_seen_at, r.query, a.date_precision"
        " FROM alert_hits h LEFT JOIN articles a ON a.id = h.article_id LEFT JOIN alert_rules r ON r.id = h.rule_id"
        " WHERE h.id = ?",
        [hit_id],
    ).fetchone()
    if row is None:
        raise AlertsError(f"no alert hit {hit_id}")
    return {
        "hit_id": row[0],
        "rule_id": row[1],
        "query": row[15],
        "story_id": row[2],
        "occasion": row[3] or "story",
        "article_id": row[4],
        "matched_forms": json.loads(row[5] or "[]"),
        "snippet": row[6],
        "matched_at": row[7],
        "url": row[8],
        "title": row[9],
        "language": row[10],
        "site": row[11],
        "cited_sources": _as_list(row[12]),
        "published_at": row[13],
        "first_seen_at": row[14],
        "date_precision": row[16],
    }


def _queue(
    db: sqlite_utils.Database, hit_id: int, spec: RuleSpec, story_id: str, occasion: str, now: str
) -> None:
    if spec.frequency != AS_IT_HAPPENS:
        _queue_for_digest(db, hit_id, spec, now)  # digests are their own path: no per-hit delivery
        return
    payload = json.dumps(hit_payload(db, hit_id), ensure_ascii=False, sort_keys=True)
    for channel in spec.channels:
        db.execute(
            "INSERT OR IGNORE INTO deliveries (hit_id, rule_id, channel, idempotency_key, payload, status, attempts,"
            " next_attempt_at, created_at) VALUES (?,?,?,?,?,'pending',0,?,?)",
            [hit_id, spec.id, channel, hit_key(spec.id, story_id, occasion, channel), payload, now, now],
        )


def queue_hits(db: sqlite_utils.Database, hit_ids: Iterable[int]) -> int:
    """Queue deliveries for hits recorded without them (a backfill run with --deliver)."""
    count = 0
    specs = {spec.id: spec for spec in list_rules(db)}
    now = utcnow_iso()
    with transaction(db):
        for hit_id in hit_ids:
            row = db.execute(
                "SELECT rule_id, story_id, occasion FROM alert_hits WHERE id = ?", [hit_id]
            ).fetchone()
            if row is None or row[0] not in specs or not specs[row[0]].channels:
                continue
            _queue(db, hit_id, specs[row[0]], row[1], row[2], now)
            count += len(specs[row[0]].channels)
    return count


_ARTICLE_FIELDS = "id, story_id, title, lead, body, language, site, source_kind, cited_sources"


def _iter_articles(
    db: sqlite_utils.Database, since: str | None, batch: int = 500
) -> Iterator[dict[str, Any]]:
    """Stored articles oldest first (so a story's hit goes to the member published first), in keyset pages:
    each page is read completely before the caller writes, and memory stays bounded."""
    names = [c.strip() for c in _ARTICLE_FIELDS.split(",")]
    last: tuple[str, str] | None = None
    while True:
        where, params = (
            ["coalesce(published_at, first_seen_at) >= ?"] if since else [],
            [since] if since else [],
        )
        if last is not None:
            where.append("(coalesce(published_at, first_seen_at), id) > (?, ?)")
            params.extend(last)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = db.conn.execute(
            f"SELECT {_ARTICLE_FIELDS}, coalesce(published_at, first_seen_at) AS k FROM articles {clause}"
            " ORDER BY k, id LIMIT ?",
            [*params, batch],
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield dict(zip(names, row[:-1], strict=True))
        last = (rows[-1][-1], rows[-1][0])


@dataclass
class BackfillResult:
    articles: int = 0
    matched: int = 0
    hits: int = 0
    hit_ids: list[int] = field(default_factory=list)


def backfill(
    db: sqlite_utils.Database,
    *,
    since: str | None = None,
    rule_ids: Iterable[str] | None = None,
    deliver: bool = False,
) -> BackfillResult:
    """Match stored articles (published or first seen since `since`) against rules, once per story.

    Hits already recorded are kept; deliveries are queued only when `deliver` is set, so adding a rule
    does not send a notification for every old article.
    """
    wanted = list(rule_ids) if rule_ids is not None else None
    alerter = Alerter.from_db(db, wanted)
    if wanted is not None:
        missing = sorted(set(wanted) - set(alerter.specs))
        if missing:
            raise AlertsError(f"no rule {missing[0]!r}; `kznews alerts list` shows the rules")
    result = BackfillResult()
    if not alerter.specs:
        return result
    for article in _iter_articles(db, since):
        result.articles += 1
        matches = alerter.match(article)
        if not matches:
            continue
        result.matched += 1
        ids = alerter.record(db, article, matches, via="backfill", queue_deliveries=deliver)
        result.hits += len(ids)
        result.hit_ids.extend(ids)
    if since is None:
        now = utcnow_iso()
        db.execute(
            f"UPDATE alert_rules SET backfilled_at = ? WHERE id IN ({', '.join('?' for _ in alerter.specs)})",
            [now, *alerter.specs],
        )
    return result


# --- digests: daily and weekly subscriptions -----------------------------------------------------------------


def _utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest_period(frequency: str, moment: datetime) -> tuple[str, datetime, datetime]:
    """The Almaty-local day or week (Monday 00:00 to Monday 00:00) holding `moment`: label, start, end (UTC).

    A person reading a daily digest thinks in local days: a hit at 02:00 in Almaty is 21:00 UTC the day
    before, and belongs to the local day it happened on.
    """
    local = moment.astimezone(ALMATY)
    day = local.date()
    if frequency == "weekly":
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=7)
        year, week, _ = first.isocalendar()
        label = f"{year}-W{week:02d}"
    elif frequency == "daily":
        first, last, label = day, day + timedelta(days=1), day.isoformat()
    else:
        raise AlertsError(f"frequency must be daily or weekly for a digest, not {frequency!r}")
    start = datetime(first.year, first.month, first.day, tzinfo=ALMATY).astimezone(UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=ALMATY).astimezone(UTC)
    return label, start, end


def _queue_for_digest(db: sqlite_utils.Database, hit_id: int, spec: RuleSpec, now: str) -> None:
    label, start, end = digest_period(spec.frequency, datetime.fromisoformat(now.replace("Z", "+00:00")))
    for channel in spec.channels:
        db.execute(
            "INSERT OR IGNORE INTO alert_digest_items (hit_id, rule_id, channel, frequency, period, period_start,"
            " period_end, queued_at) VALUES (?,?,?,?,?,?,?,?)",
            [hit_id, spec.id, channel, spec.frequency, label, _utc_iso(start), _utc_iso(end), now],
        )


def digest_key(rule_id: str, channel: str, period: str) -> str:
    import hashlib

    digest = hashlib.sha256(f"digest\x1f{rule_id}\x1f{channel}\x1f{period}".encode()).hexdigest()
    return f"kznews-digest-{digest[:32]}"


def _period_text(frequency: str, start: str, end: str) -> str:
    """The period as a person names it: "2026-05-28", or "2026-05-25 – 2026-05-31" for a week."""
    first = local_time(start, "day")
    last = local_time(
        _utc_iso(datetime.fromisoformat(end.replace("Z", "+00:00")) - timedelta(hours=1)), "day"
    )
    return first if frequency == "daily" or first == last else f"{first} – {last}"


def digest_payload(
    db: sqlite_utils.Database, rule_id: str, frequency: str, period: str, start: str, end: str,
    hit_ids: Sequence[int],
) -> dict[str, Any]:  # fmt: skip
    """One digest: the hits grouped by story (the article's story now, so a merged story shows once),
    each story with its members on every site and in every language, in the order the stories were hit."""
    marks = ",".join("?" for _ in hit_ids)
    rows = db.execute(
        "SELECT h.id, coalesce(a.story_id, h.story_id), h.article_id, h.matched_forms, h.snippet, h.matched_at,"
        " a.url, a.title, coalesce(a.site, h.site), coalesce(a.language, h.language), a.published_at,"
        " a.date_precision FROM alert_hits h LEFT JOIN articles a ON a.id = h.article_id"
        f" WHERE h.id IN ({marks}) ORDER BY h.matched_at, h.id",
        list(hit_ids),
    ).fetchall()
    stories: dict[str, dict[str, Any]] = {}
    for row in rows:
        hit_id, story_id, article_id, forms, snip, matched_at, url, title, site, language = row[:10]
        published, precision = row[10:]
        story = stories.get(story_id)
        if story is None:
            story = stories[story_id] = {
                "story_id": story_id, "article_id": article_id, "title": title or "(untitled)", "url": url,
                "site": site, "language": language, "published_at": published, "date_precision": precision,
                "published_local": local_time(published, precision), "snippet": snip or "", "matched_forms": [],
                "hit_ids": [], "first_matched_at": matched_at,
            }  # fmt: skip
        story["hit_ids"].append(hit_id)
        for form in json.loads(forms or "[]"):
            if form not in story["matched_forms"]:
                story["matched_forms"].append(form)
    for story in stories.values():
        members = db.execute(
            "SELECT id, title, url, site, language, published_at, date_precision FROM articles WHERE story_id = ?"
            " ORDER BY coalesce(published_at, first_seen_at), id LIMIT ?",
            [story["story_id"], DIGEST_MEMBERS_MAX],
        ).fetchall()
        story["members"] = [
            {"article_id": m[0], "title": m[1] or "(untitled)", "url": m[2], "site": m[3], "language": m[4],
             "published_at": m[5], "published_local": local_time(m[5], m[6])}
            for m in members
        ]  # fmt: skip
        story["sites"] = sorted({m["site"] for m in story["members"] if m["site"]} | {story["site"]} - {None})
    rule = get_rule(db, rule_id)
    listed = list(stories.values())
    return {
        "event": "kznews.digest",
        "rule_id": rule_id,
        "query": rule.query if rule else None,
        "description": rule.description if rule else None,
        "frequency": frequency,
        "period": period,
        "period_start": start,
        "period_end": end,
        "period_local": _period_text(frequency, start, end),
        "hits": len(rows),
        "story_count": len(listed),
        "stories": listed[:DIGEST_STORIES_MAX],
        "more_stories": max(0, len(listed) - DIGEST_STORIES_MAX),
    }


def compose_digests(db: sqlite_utils.Database, now: str | None = None) -> int:
    """Gather the hits of every period that is over into one digest per rule, channel and period;
    returns how many digests were made. A period's digest is made once: its row is unique, and the hits
    it took are marked, so a restart or a second sender makes nothing twice."""
    now = now or utcnow_iso()
    made = 0
    groups = db.execute(
        "SELECT DISTINCT rule_id, channel, frequency, period, period_start, period_end FROM alert_digest_items"
        " WHERE digest_id IS NULL AND period_end <= ? ORDER BY period_end, rule_id, channel",
        [now],
    ).fetchall()
    for rule_id, channel, frequency, period, start, end in groups:
        with transaction(db):
            where = "rule_id = ? AND channel = ? AND period = ? AND digest_id IS NULL"
            params = [rule_id, channel, period]
            hit_ids = [
                r[0] for r in db.execute(f"SELECT hit_id FROM alert_digest_items WHERE {where}", params)
            ]
            if not hit_ids:
                continue  # another sender took them between our query and this transaction
            payload = digest_payload(db, rule_id, frequency, period, start, end, hit_ids)
            cursor = db.execute(
                "INSERT OR IGNORE INTO alert_digests (rule_id, channel, frequency, period, period_start, period_end,"
                " idempotency_key, payload, hits, stories, status, attempts, next_attempt_at, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,'pending',0,?,?)",
                [
                    rule_id, channel, frequency, period, start, end, digest_key(rule_id, channel, period),
                    json.dumps(payload, ensure_ascii=False, sort_keys=True), payload["hits"],
                    payload["story_count"], now, now,
                ],
            )  # fmt: skip
            if not cursor.rowcount:
                # The period's digest was made already: these hits were committed just after it (recorded
                # at 23:59:59, stored a moment after midnight). They go in the next digest: never lost, and
                # the period is never told twice.
                label, next_start, next_end = digest_period(
                    frequency, datetime.fromisoformat(now.replace("Z", "+00:00"))
                )
                db.execute(
                    f"UPDATE alert_digest_items SET period = ?, period_start = ?, period_end = ? WHERE {where}",
                    [label, _utc_iso(next_start), _utc_iso(next_end), *params],
                )
                continue
            made += 1
            db.execute(
                f"UPDATE alert_digest_items SET digest_id = ? WHERE {where}", [cursor.lastrowid, *params]
            )
    return made


# --- preview: what a rule would have matched -----------------------------------------------------------------


@dataclass
class PreviewHit:
    article_id: str
    title: str
    site: str | None
    language: str | None
    published_local: str
    forms: list[str]
    snippet: str


def preview(
    db: sqlite_utils.Database, spec: RuleSpec, *, limit: int = 10, scan: int = 20000
) -> tuple[list[PreviewHit], int]:
    """The latest `limit` stored articles (newest first) that `spec` matches, looking at no more than the
    newest `scan` articles (so a rare word on a big database still answers at once); and how many were
    looked at."""
    alerter = Alerter([spec])
    found: list[PreviewHit] = []
    looked = 0
    cursor = db.conn.execute(
        f"SELECT {_ARTICLE_FIELDS}, published_at, date_precision, first_seen_at FROM articles"
        " ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT ?",
        [scan],
    )
    names = [c.strip() for c in _ARTICLE_FIELDS.split(",")]
    for row in cursor:
        looked += 1
        article = dict(zip(names, row[: len(names)], strict=True))
        forms = alerter.match(article).get(spec.id)
        if not forms:
            continue
        published, precision, first_seen = row[len(names) :]
        shown = local_time(published, precision) if published else local_time(first_seen, "minute")
        found.append(
            PreviewHit(
                article_id=article["id"], title=article["title"] or "(untitled)", site=article["site"],
                language=article["language"], published_local=shown, forms=forms,
                snippet=snippet(article_text(article), forms, width=SNIPPET_WIDTH),
            )
        )  # fmt: skip
        if len(found) >= limit:
            break
    cursor.close()
    return found, looked
