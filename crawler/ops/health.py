"""Health monitors: after each run, each site is compared with its own history.

Checks (thresholds below; each failing check gives a reason a person can act on):
- volume: the distinct article links the site offered (`crawl_runs.discovered`) against the median of
  its recent runs — discovery is what breaks when a listing changes; a quiet incremental run still
  sees its listing page, so "nothing new" is not a drop;
- coverage: the share of the run's articles (stored + rejected) with a title, a body of at least
  MIN_BODY_CHARS and a published_at, against the site's recent median and an absolute floor;
- fallback share: per field (title, body, published), the share of the run's articles whose value came
  from the generic fallback layer (`articles.field_sources`): a layout change shows here first, while
  coverage still looks fine;
- HTTP: the ban rate (403 + 429 among responses) and the error rate (5xx + download exceptions among
  requests); a run that did not finish normally.

Declared checks (no history needed: from the first run), against what the spider declares it delivers
(`declared_fields`, `declared_precision`, `articles_per_day` on the spider class): a field under its
minimum fill rate or from a worse layer than declared; dates coarser than declared or flagged against the
other hints; a refresh that gave worse values (kept, `crawler.store.articles.keep_better`); site selectors that
matched nothing; entry points that failed or whose card selector matched nothing; fewer links than a
site that publishes `articles_per_day` offers. Each finding names the field or the entry point
(`metrics["findings"]`: level, subject, text).

The state is OK, DEGRADED or BROKEN (the worst check), stored in `site_health` with the reasons and
the metrics; a state worse than the previous one raises a health alert: a `health_alerts` row, a
WARNING in the log, and one `deliveries` row per channel in KZNEWS_HEALTH_CHANNELS (the channels of
the alerts file), sent by the alert deliverer after the crawl like any alert.

The parts, in file order:
- Thresholds; `HealthResult`.
- A run's metrics and the site's history: `article_metrics`, `_baseline_runs`, `_baseline_metrics`.
- The checks: `evaluate` (volume, coverage, fallbacks, rejects against the history).
- The spider's declarations: `declared_of`, `declared_metrics`, `declared_findings`.
- Checking a site: `run_metrics`, `check_site` (stores the row), `raise_alert` (alert plus deliveries).
"""

from __future__ import annotations

import json
import logging
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from crawler.items import MIN_BODY_CHARS
from crawler.store.db import transaction, utcnow_iso

log = logging.getLogger(__name__)

OK, DEGRADED, BROKEN = "OK", "DEGRADED", "BROKEN"
SEVERITY = {OK: 0, DEGRADED: 1, BROKEN: 2}
KEY_FIELDS = ("title", "body", "published")

HISTORY_RUNS = 10  # KZNEWS_HEALTH_HISTORY: runs of the same site that make the baseline
MIN_SAMPLE = 3  # coverage and fallback shares need at least this many articles in the run
VOLUME_DEGRADED = 0.25  # offered links below this share of the median
VOLUME_MIN_MEDIAN = 5  # ... when the median is at least this
COVERAGE_DROP = 0.15  # coverage this far below the site's median
COVERAGE_BROKEN = 0.5  # title or body coverage below this: extraction is broken
FALLBACK_RISE = 0.25  # fallback share this far above the site's median
FALLBACK_FLOOR = 0.5  # fallback share above this with no history
BAN_DEGRADED, BAN_BROKEN = 0.1, 0.5
ERROR_DEGRADED, ERROR_BROKEN = 0.2, 0.5
# closespider_itemcount: a deliberate cap (`kznews probe`, a person's -s CLOSESPIDER_ITEMCOUNT)
NORMAL_FINISH = ("finished", "shutdown", "closespider_itemcount")
WORSE_LAYER_SHARE = 0.2  # a declared field from a worse layer on more than this share of articles
COARSE_SHARE = 0.2  # dates coarser than declared on more than this share
SELECTOR_MISS_SHARE = 0.5  # site selectors of a field matching nothing on at least this share of pages
DATE_PROBLEMS = ("contradiction", "far from hints", "out of id order", "ambiguous")


@dataclass
class HealthResult:
    site: str
    state: str
    reasons: list[str] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    checked_at: str = ""
    run_id: int | None = None
    alerted: bool = False


def _pct(share: float | None) -> str:
    return "?" if share is None else f"{share * 100:.0f}%"


def article_metrics(
    db: sqlite_utils.Database, site: str, since: str, until: str | None = None
) -> dict[str, Any]:
    """Coverage and fallback shares of the site's articles seen in [since, until] plus its rejects there."""
    until = until or "9999"
    rows = db.execute(
        "SELECT title, body, published_at, field_sources FROM articles"
        " WHERE site = ? AND last_seen_at >= ? AND last_seen_at <= ?",
        [site, since, until],
    ).fetchall()
    rejects = db.execute(
        "SELECT count(*) FROM rejects WHERE site = ? AND at >= ? AND at <= ? AND stage IN ('validate', 'extract')",
        [site, since, until],
    ).fetchone()[0]
    total = len(rows) + int(rejects)
    out: dict[str, Any] = {"articles": len(rows), "rejected": int(rejects), "processed": total}
    if total == 0:
        out["coverage"] = {}
        out["fallback"] = {}
        return out
    title = sum(1 for r in rows if r[0])
    body = sum(1 for r in rows if r[1] and len(r[1]) >= MIN_BODY_CHARS)
    published = sum(1 for r in rows if r[2])
    out["coverage"] = {"title": title / total, "body": body / total, "published": published / total}
    fallback = dict.fromkeys(KEY_FIELDS, 0)
    for row in rows:
        try:
            sources = json.loads(row[3] or "{}")
        except ValueError:
            sources = {}
        for name in KEY_FIELDS:
            if isinstance(sources, dict) and sources.get(name) == "fallback":
                fallback[name] += 1
    out["fallback"] = {name: fallback[name] / len(rows) for name in KEY_FIELDS} if rows else {}
    return out


def _run_row(db: sqlite_utils.Database, run_id: int) -> dict[str, Any] | None:
    cursor = db.execute("SELECT * FROM crawl_runs WHERE id = ?", [run_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _baseline_runs(db: sqlite_utils.Database, site: str, before_id: int, limit: int) -> list[dict[str, Any]]:
    """Recent normal runs of the site: finished, and neither backfills nor refreshes (they walk further)."""
    cursor = db.execute(
        "SELECT * FROM crawl_runs WHERE site = ? AND id < ? AND finish_reason IN ('finished', 'shutdown')"
        " ORDER BY id DESC LIMIT ?",
        [site, before_id, limit * 3],
    )
    names = [d[0] for d in cursor.description]
    runs = []
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        args = json.loads(row.get("args") or "{}")
        if args.get("since") or args.get("refresh"):
            continue
        runs.append(row)
    return runs[:limit]


def _baseline_metrics(db: sqlite_utils.Database, run_ids: Sequence[int]) -> list[dict[str, Any]]:
    if not run_ids:
        return []
    marks = ", ".join("?" for _ in run_ids)
    rows = db.execute(f"SELECT metrics FROM site_health WHERE run_id IN ({marks})", list(run_ids)).fetchall()
    return [json.loads(r[0] or "{}") for r in rows]


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def partial_run(stats: Mapping[str, Any]) -> bool:
    """A run that read only part of its site on purpose: adaptive polling, or a change check that passed
    (gov.kz: crawler/crawl/discovery.py parse_check; a failed check reads everything)."""
    checked = any(key.endswith("/check_changed") for key in stats)
    failed = any(key.endswith("/check_failed") for key in stats)
    return stats.get("kznews/polling/mode") == "adaptive" or (checked and not failed)


def evaluate(
    metrics: dict[str, Any],
    history: Sequence[Mapping[str, Any]],
    history_runs: Sequence[Mapping[str, Any]],
    previous: Mapping[str, Any] | None = None,
) -> tuple[str, list[str]]:
    """(state, reasons) of one run's metrics against the site's history.

    The article checks need MIN_SAMPLE articles; a quiet run (nothing new) keeps the article findings
    of the last run that had enough, so a broken parser stays visible until articles show it fixed.
    """
    found: list[tuple[str, str]] = []
    article_findings: list[tuple[str, str]] = []
    history = [h for h in history if int(h.get("processed", 0)) >= MIN_SAMPLE]
    run = metrics.get("run", {})
    # -- volume
    median_links = _median([r.get("discovered") for r in history_runs])
    links = int(run.get("discovered", 0))
    # An adaptive run polls only what is due: its volume is not comparable with a full run's.
    if median_links is not None and median_links >= VOLUME_MIN_MEDIAN and not run.get("partial"):
        if links == 0:
            found.append((BROKEN, f"no article links found (usually {median_links:.0f})"))
        elif links < VOLUME_DEGRADED * median_links:
            found.append((DEGRADED, f"only {links} article links found (usually {median_links:.0f})"))
    # -- coverage and fallback share
    processed = int(metrics.get("processed", 0))
    if processed < MIN_SAMPLE and previous:
        carried = previous.get("article_findings") or []
        article_findings = [(str(level), str(text)) for level, text in carried]
        if article_findings:
            metrics["article_findings_from_run"] = previous.get("article_findings_from_run") or (
                previous.get("run") or {}
            ).get("id")
    if processed >= MIN_SAMPLE:
        for name, share in (metrics.get("coverage") or {}).items():
            usual = _median([(h.get("coverage") or {}).get(name) for h in history])
            if name in ("title", "body") and share < COVERAGE_BROKEN:
                article_findings.append(
                    (
                        BROKEN,
                        f"{name} found on {_pct(share)} of {processed} articles"
                        + (f" (usually {_pct(usual)})" if usual is not None else ""),
                    )
                )
            elif usual is not None and share < usual - COVERAGE_DROP:
                article_findings.append(
                    (
                        DEGRADED,
                        f"{name} found on {_pct(share)} of {processed} articles (usually {_pct(usual)})",
                    )
                )
        articles = int(metrics.get("articles", 0))
        for name, share in (metrics.get("fallback") or {}).items():
            usual = _median([(h.get("fallback") or {}).get(name) for h in history])
            limit = FALLBACK_FLOOR if usual is None else usual + FALLBACK_RISE
            if share > limit and articles >= MIN_SAMPLE:
                article_findings.append(
                    (
                        DEGRADED,
                        f"{name} taken from the generic fallback on {_pct(share)} of {articles}"
                        f" articles (usually {_pct(usual or 0.0)}): the page layout may have changed",
                    )
                )
    declared_articles, declared_run = declared_findings(metrics.get("declared") or {})
    if processed >= MIN_SAMPLE or not previous:
        article_findings.extend((level, text) for level, _subject, text in declared_articles)
        structured = [list(f) for f in declared_articles]
    else:  # a quiet run keeps the last run's declared article findings, like the others above
        structured = [list(f) for f in (previous.get("article_findings_declared") or [])]
        for level, _subject, text in structured:
            if (level, text) not in article_findings:
                article_findings.append((level, text))
    metrics["article_findings_declared"] = structured
    metrics["findings"] = structured + [list(f) for f in declared_run]
    metrics["article_findings"] = [list(f) for f in article_findings]
    found.extend(article_findings)
    found.extend((level, text) for level, _subject, text in declared_run)
    # -- HTTP
    ban_rate, error_rate = run.get("ban_rate"), run.get("error_rate")
    if ban_rate is not None and ban_rate >= BAN_DEGRADED:
        level = BROKEN if ban_rate >= BAN_BROKEN else DEGRADED
        found.append((level, f"{_pct(ban_rate)} of responses were 403/429: blocked or rate-limited"))
    if error_rate is not None and error_rate >= ERROR_DEGRADED:
        level = BROKEN if error_rate >= ERROR_BROKEN else DEGRADED
        found.append((level, f"{_pct(error_rate)} of requests failed (5xx or network errors)"))
    reason = run.get("finish_reason")
    if reason and reason not in NORMAL_FINISH and reason != "running":
        found.append((DEGRADED, f"the run ended with {reason!r}"))
    state = max((level for level, _ in found), key=SEVERITY.__getitem__, default=OK)
    return state, [text for _, text in found]


def declared_of(site: str) -> dict[str, Any] | None:
    """What the site's spider declares it delivers, or None (no spider of that name, or nothing declared)."""
    try:
        from crawler.ops.fixtures import spider_class

        spider = spider_class(site)
    except Exception:  # a site without a spider (ingested): nothing declared
        return None
    fields = dict(getattr(spider, "declared_fields", {}) or {})
    if not fields:
        return None
    selectors = {
        name: list(getattr(spider, attribute, ()) or ())
        for name, attribute in getattr(spider, "SELECTOR_GROUPS", {}).items()
    }
    return {
        "fields": {k: [float(v[0]), str(v[1])] for k, v in fields.items()},
        "precision": getattr(spider, "declared_precision", None),
        "articles_per_day": float(getattr(spider, "articles_per_day", 0) or 0),
        "selectors": selectors,
    }


def declared_metrics(
    db: sqlite_utils.Database, site: str, run: Mapping[str, Any], stats: Mapping[str, Any]
) -> dict[str, Any]:
    """The run measured against the spider's declarations (empty when it declares nothing)."""
    from crawler.store.articles import PRECISION_RANK, layer_rank

    declared = declared_of(site)
    if declared is None:
        return {}
    rows = db.execute(
        "SELECT title, lead, body, published_at, date_precision, date_source, date_flag, field_sources"
        " FROM articles WHERE site = ? AND last_seen_at >= ? AND last_seen_at <= ?",
        [site, str(run["started_at"]), run.get("finished_at") or "9999"],
    ).fetchall()
    fill: dict[str, float] = {}
    worse: dict[str, dict[str, int]] = {}
    for name, (_floor, layer) in declared["fields"].items():
        have = 0
        worse[name] = {}
        for title, lead, body, published, _prec, date_source, _flag, sources_json in rows:
            value = {"title": title, "lead": lead, "body": body, "published": published}.get(name)
            if name == "body" and value and len(value) < MIN_BODY_CHARS:
                value = None
            if not value:
                continue
            have += 1
            try:
                sources = json.loads(sources_json or "{}")
            except ValueError:
                sources = {}
            # published: the source that decided the day (date_source may only have refined the time)
            source = (sources.get("published") or date_source) if name == "published" else sources.get(name)
            if source and layer_rank(source) > layer_rank(layer):
                worse[name][str(source)] = worse[name].get(str(source), 0) + 1
        fill[name] = have / len(rows) if rows else 0.0
    precision = declared["precision"]
    coarse = sum(
        1
        for r in rows
        if r[3] and precision and PRECISION_RANK.get(str(r[4]), 9) > PRECISION_RANK.get(precision, 9)
    )
    date_problems = sum(1 for r in rows if r[6] and any(p in r[6] for p in DATE_PROBLEMS))
    prefix = "kznews/selector/" + site + "/"
    selector_pages = int(stats.get(prefix + "pages", 0))
    misses = {k[len(prefix + "miss/") :]: int(v) for k, v in stats.items() if k.startswith(prefix + "miss/")}
    entries: dict[str, dict[str, int]] = {"ok": {}, "empty": {}, "failed": {}}
    for key, value in stats.items():
        for kind in entries:
            if key.startswith(f"kznews/entry/{kind}/"):
                entries[kind][key[len(f"kznews/entry/{kind}/") :]] = int(value)
    regressions = {
        k.rsplit("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("kznews/regression/")
    }
    # Access a spider needs before reading anything (gov.kz: a ticket per agency), refused for some units.
    refused = sorted(
        k[len("kznews/access/refused/") :] for k in stats if k.startswith("kznews/access/refused/")
    )
    return {
        **declared,
        "articles": len(rows),
        "fill": fill,
        "worse_layer": worse,
        "coarse_dates": coarse,
        "date_problems": date_problems,
        "selector_pages": selector_pages,
        "selector_misses": misses,
        "entries": entries,
        "regressions": regressions,
        "access": {"units": int(stats.get("kznews/access/units", 0)), "refused": refused},
        "discovered": int(run.get("discovered") or 0),
        # An adaptive run polls only the entry points that are due (crawler/ops/polling.py), and a run after a
        # change check reads only the lists it saw news in: how many links it offers says nothing about the
        # site's volume.
        "partial": partial_run(stats),
    }


def declared_findings(
    declared: Mapping[str, Any],
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(article findings, run findings) as (level, subject, text): subject "field:<name>",
    "selector:<field>" or "entry:<url>"."""
    articles: list[tuple[str, str, str]] = []
    run: list[tuple[str, str, str]] = []
    if not declared:
        return articles, run
    n = int(declared.get("articles", 0))
    if n >= MIN_SAMPLE:
        for name, (floor, layer) in declared["fields"].items():
            share = float(declared["fill"].get(name, 0.0))
            if share < floor:
                level = BROKEN if name in ("title", "body") and share < floor / 2 else DEGRADED
                articles.append(
                    (
                        level,
                        f"field:{name}",
                        f"{name} found on {_pct(share)} of {n} articles (declared at least {_pct(floor)})",
                    )
                )
            for source, count in sorted(declared["worse_layer"].get(name, {}).items()):
                if count / n > WORSE_LAYER_SHARE:
                    articles.append(
                        (
                            DEGRADED,
                            f"field:{name}",
                            f"{name} from the {source} layer on {_pct(count / n)} of {n} articles"
                            f" (declared {layer} or better)",
                        )
                    )
        coarse = int(declared.get("coarse_dates", 0))
        if coarse / n > COARSE_SHARE:
            articles.append(
                (
                    DEGRADED,
                    "field:published",
                    f"published coarser than {declared.get('precision')} on {_pct(coarse / n)} of {n} articles",
                )
            )
    problems = int(declared.get("date_problems", 0))
    if problems:
        articles.append(
            (
                DEGRADED,
                "field:published",
                f"published contradicts other date hints on {problems} articles (date_flag)",
            )
        )
    for name, count in sorted((declared.get("regressions") or {}).items()):
        articles.append(
            (
                DEGRADED,
                f"field:{name}",
                f"{name}: a refresh gave a worse value on {count} articles; the stored value was kept",
            )
        )
    pages = int(declared.get("selector_pages", 0))
    for name, count in sorted((declared.get("selector_misses") or {}).items()):
        if pages and count / pages >= SELECTOR_MISS_SHARE:
            queries = ", ".join((declared.get("selectors") or {}).get(name, [])) or "?"
            run.append(
                (
                    DEGRADED,
                    f"selector:{name}",
                    f"{name}: site selectors {queries} matched nothing on {count} of {pages} pages",
                )
            )
    entries = declared.get("entries") or {}
    for url in sorted(entries.get("failed", {})):
        run.append((DEGRADED, f"entry:{url}", f"entry point {url} failed"))
    for url in sorted(entries.get("empty", {})):
        run.append((DEGRADED, f"entry:{url}", f"entry point {url}: its card selector matched nothing"))
    if not entries.get("ok") and (entries.get("failed") or entries.get("empty")):
        run.append((BROKEN, "entry:*", "no entry point delivered article links"))
    access = declared.get("access") or {}
    refused, units = list(access.get("refused") or []), int(access.get("units") or 0)
    if refused:
        # Refused on every unit, nothing more can be read from the site, whatever came before the refusals.
        level = BROKEN if len(refused) >= units else DEGRADED
        run.append(
            (
                level,
                "access",
                f"access refused for {len(refused)} of {max(units, len(refused))}: " + ", ".join(refused),
            )
        )
    per_day = float(declared.get("articles_per_day") or 0)
    expected = min(per_day, 10.0) / 2
    discovered = int(declared.get("discovered", 0))
    if expected and entries.get("ok") and discovered < expected and not declared.get("partial"):
        run.append(
            (
                DEGRADED,
                "discovery",
                f"only {discovered} article links offered (the site publishes about {per_day:.0f} a day)",
            )
        )
    return articles, run


def run_metrics(db: sqlite_utils.Database, run: Mapping[str, Any]) -> dict[str, Any]:
    statuses = {int(k): int(v) for k, v in json.loads(run.get("responses_by_status") or "{}").items()}
    responses = sum(statuses.values())
    requests = int(run.get("requests") or 0)
    errors_by_type = json.loads(run.get("errors_by_type") or "{}")
    exceptions = sum(int(v) for k, v in errors_by_type.items() if k != "log/ERROR")
    server_errors = sum(v for k, v in statuses.items() if k >= 500)
    metrics = article_metrics(db, str(run["site"]), str(run["started_at"]), run.get("finished_at"))
    try:
        stats = json.loads(run.get("stats") or "{}")
    except ValueError:
        stats = {}
    metrics["declared"] = declared_metrics(db, str(run["site"]), run, stats)
    metrics["run"] = {
        "id": run["id"],
        "finish_reason": run.get("finish_reason"),
        "discovered": int(run.get("discovered") or 0),
        "items": sum(
            int(run.get(k) or 0) for k in ("items_new", "items_updated", "items_unchanged", "items_rejected")
        ),
        "not_modified": int(run.get("not_modified") or 0),
        "partial": partial_run(stats),
        "responses": responses,
        "ban_rate": (statuses.get(403, 0) + statuses.get(429, 0)) / responses if responses else None,
        "error_rate": (server_errors + exceptions) / requests if requests else None,
    }
    return metrics


def check_site(
    db: sqlite_utils.Database,
    site: str,
    *,
    run_id: int | None = None,
    settings: Any = None,
    now: str | None = None,
) -> HealthResult:
    """Check the site's run (default: its latest), store a site_health row, alert on a worse state."""
    history_size = (
        settings.getint("KZNEWS_HEALTH_HISTORY", HISTORY_RUNS) if settings is not None else HISTORY_RUNS
    )
    channels = list(settings.getlist("KZNEWS_HEALTH_CHANNELS", [])) if settings is not None else []
    if run_id is None:
        row = db.execute("SELECT max(id) FROM crawl_runs WHERE site = ?", [site]).fetchone()
        run_id = row[0] if row else None
    checked_at = now or utcnow_iso()
    run = _run_row(db, run_id) if run_id is not None else None
    if run is None:
        result = HealthResult(site, BROKEN, ["no crawl on record"], {}, checked_at, None)
    else:
        metrics = run_metrics(db, run)
        history_runs = _baseline_runs(db, site, int(run["id"]), history_size)
        history = _baseline_metrics(db, [int(r["id"]) for r in history_runs])
        last = latest(db, site)
        state, reasons = evaluate(metrics, history, history_runs, previous=last["metrics"] if last else None)
        result = HealthResult(site, state, reasons, metrics, checked_at, int(run["id"]))
    previous = db.execute(
        "SELECT state FROM site_health WHERE site = ? ORDER BY id DESC LIMIT 1", [site]
    ).fetchone()
    previous_state = previous[0] if previous else OK
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO site_health (site, checked_at, run_id, state, reasons, metrics) VALUES (?, ?, ?, ?, ?, ?)",
            [
                site,
                checked_at,
                result.run_id,
                result.state,
                json.dumps(result.reasons, ensure_ascii=False),
                json.dumps(result.metrics, ensure_ascii=False, sort_keys=True),
            ],
        )
        health_id = int(cursor.lastrowid or 0)
        if SEVERITY[result.state] > SEVERITY.get(previous_state, 0):
            raise_alert(db, result, previous_state, health_id, channels)
            result.alerted = True
    if result.state != OK:
        log.log(
            logging.WARNING if result.alerted else logging.INFO,
            "site health %s: %s — %s",
            site,
            result.state,
            "; ".join(result.reasons),
        )
    return result


def raise_alert(
    db: sqlite_utils.Database,
    result: HealthResult,
    previous_state: str,
    health_id: int,
    channels: Sequence[str],
) -> int:
    """A health_alerts row plus one queued delivery per channel (inside the caller's transaction)."""
    queued = list(channels) if "deliveries" in db.table_names() else []
    cursor = db.execute(
        "INSERT INTO health_alerts (site, raised_at, previous_state, state, reasons, health_id, channels)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            result.site,
            result.checked_at,
            previous_state,
            result.state,
            json.dumps(result.reasons, ensure_ascii=False),
            health_id,
            json.dumps(queued),
        ],
    )
    alert_id = int(cursor.lastrowid or 0)
    log.warning(
        "HEALTH ALERT %s: %s → %s: %s", result.site, previous_state, result.state, "; ".join(result.reasons)
    )
    payload = {
        "rule_id": "site-health",
        "title": f"{result.site} is {result.state} (was {previous_state})",
        "snippet": "; ".join(result.reasons),
        "site": result.site,
        "published_at": result.checked_at,
        "first_seen_at": result.checked_at,
        "matched_forms": [],
        "cited_sources": [],
        "query": "kznews status",
    }
    for channel in queued:
        # The delivery queue is keyed by alert hits; a health alert uses the negative of its own id as
        # hit_id, so it can never collide with a real hit (positive ids) and is sent by the same Deliverer.
        db.execute(
            "INSERT OR IGNORE INTO deliveries (hit_id, rule_id, channel, idempotency_key, payload, status, attempts,"
            " next_attempt_at, created_at) VALUES (?, 'site-health', ?, ?, ?, 'pending', 0, ?, ?)",
            [
                -alert_id,
                channel,
                f"health-{alert_id}-{channel}",
                json.dumps(payload, ensure_ascii=False, sort_keys=True),
                result.checked_at,
                result.checked_at,
            ],
        )
    return alert_id


# --- reading, for `kznews status` ------------------------------------------------------------------


def latest(db: sqlite_utils.Database, site: str) -> dict[str, Any] | None:
    cursor = db.execute("SELECT * FROM site_health WHERE site = ? ORDER BY id DESC LIMIT 1", [site])
    row = cursor.fetchone()
    if row is None:
        return None
    out = dict(zip([d[0] for d in cursor.description], row, strict=True))
    out["reasons"] = json.loads(out.get("reasons") or "[]")
    out["metrics"] = json.loads(out.get("metrics") or "{}")
    return out


def day_ago(now: datetime | None = None) -> str:
    return ((now or datetime.now(UTC)) - timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
