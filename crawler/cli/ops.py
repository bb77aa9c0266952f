"""Operations commands for the kznews CLI: `schedule`, `status`, `reparse`.

crawler/cli/main.py registers them on the `kznews` group; `python -m crawler.cli.ops` runs them on their own.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click

# As in crawler/cli/main.py: `python -m crawler.cli.ops` from any directory uses kznews's own settings.
os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from crawler.cli.common import db_option, resolve_db  # noqa: E402
from crawler.store.db import DatabaseError  # noqa: E402

# --- schedule ----------------------------------------------------------------------------------------


@click.command()
@click.option(
    "--site", "sites", multiple=True, help="Only these sites (default: every site in KZNEWS_SCHEDULE)."
)
@click.option(
    "--interval",
    "intervals",
    multiple=True,
    metavar="SITE=SECONDS",
    help="Override one site's interval (also: env KZNEWS_SCHEDULE); implies --fixed.",
)
@click.option(
    "--jitter",
    type=click.FloatRange(0, 0.5),
    default=None,
    help="Random spread of each interval, as a fraction (default KZNEWS_SCHEDULE_JITTER, 0.1).",
)
@click.option("--once", is_flag=True, help="Crawl each site once, then exit (for cron and tests).")
@click.option("--max-runs", type=click.IntRange(min=1), default=None, help="Exit after starting N runs.")
@click.option("--mirror-url", default=None, help="Crawl the offline mirror server running at this URL.")
@click.option(
    "--fixed",
    is_flag=True,
    help="Fixed intervals (KZNEWS_SCHEDULE) polling every entry point, instead of adaptive polling.",
)
@db_option
def schedule(
    sites: tuple[str, ...],
    intervals: tuple[str, ...],
    jitter: float | None,
    once: bool,
    max_runs: int | None,
    mirror_url: str | None,
    fixed: bool,
    db_path: str | None,
) -> None:
    """Crawl every site for ever, one run per site at a time.

    By default each entry point (listing, feed, sitemap, API list) is polled at an interval learned from
    its own rate of new items, with conditional GETs and an hourly request budget per site
    (crawler/ops/polling.py); --fixed crawls each site at its KZNEWS_SCHEDULE interval instead.

    Each run is a child `kznews crawl SITE` holding a per-site lock (<db>.locks/SITE.lock), so two
    schedulers, or a cron job using `flock -n` on the same file, never overlap. SIGTERM or Ctrl-C lets
    running crawls finish (Scrapy's graceful stop); a second one stops them at once.

    \b
    Example:
        kznews schedule --db /var/lib/kznews/kznews.db
        KZNEWS_SCHEDULE="zakon_kz=300" kznews schedule --site zakon_kz
        kznews schedule --once --mirror-url http://127.0.0.1:8765 --db /tmp/kznews.db
        kznews schedule --fixed --once --site zakon_kz
    """
    from scrapy.utils.project import get_project_settings

    from crawler.ops.schedule import ScheduleError, Scheduler, load_schedule, parse_schedule

    settings = get_project_settings()
    try:
        plan = load_schedule(settings)
        if intervals:
            plan.update(parse_schedule(",".join(intervals)))
    except ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc
    if sites:
        unknown = [s for s in sites if s not in plan]
        if unknown:
            raise click.ClickException(
                f"no interval for {unknown[0]!r}: add --interval {unknown[0]}=SECONDS "
                f"or choose from {', '.join(plan)}"
            )
        plan = {s: plan[s] for s in sites}
    from crawler.ops.process import available_spiders

    known = set(available_spiders())
    missing = [s for s in plan if s not in known]
    if missing:
        if sites:
            raise click.ClickException(
                f"unknown site {missing[0]!r}; choose from: {', '.join(sorted(known))}"
            )
        click.echo(f"schedule: skipping {', '.join(missing)} (no spider yet)", err=True)
        plan = {s: v for s, v in plan.items() if s in known}
    if not plan:
        raise click.ClickException("nothing to schedule: KZNEWS_SCHEDULE names no known site")
    db = resolve_db(db_path)
    try:
        from crawler.store.db import open_db

        open_db(db).conn.close()  # migrate once, before any child opens it
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    spread = jitter if jitter is not None else settings.getfloat("KZNEWS_SCHEDULE_JITTER", 0.1)
    policy = None
    extra: tuple[str, ...] = ()
    if not fixed and not intervals:  # an interval given on the command line is a fixed one
        from crawler.ops.polling import AdaptivePolicy

        adaptive_sites = settings.getlist("KZNEWS_ADAPTIVE_SITES")
        policy = AdaptivePolicy(
            db,
            overrides=settings.getdict("KZNEWS_POLL_BOUNDS", {}),
            sites=None if adaptive_sites == ["all"] else frozenset(adaptive_sites),
        )
    scheduler = Scheduler(
        db,
        plan,
        jitter=spread,
        mirror_url=mirror_url,
        once=once,
        max_runs=max_runs,
        extra_args=extra,
        policy=policy,
        echo=lambda text: click.echo(text, err=True),
    )
    raise SystemExit(scheduler.run())


# --- status --------------------------------------------------------------------------------------------


def _short(moment: str | None) -> str:
    from crawler.display import local_time

    # Almaty local time, as everything a person reads (crawler/display.py)
    return local_time(moment, "minute") if moment else "never"


def site_status(db: Any, site: str, now: datetime | None = None) -> dict[str, Any]:
    """Everything `kznews status` prints for one site."""
    from crawler.ops import health, runs

    tables = set(db.table_names())
    out: dict[str, Any] = {"site": site, "state": "-", "reasons": [], "last_success": None, "last_run": None}
    if "crawl_runs" in tables:
        row = db.execute(
            # a run that got no response at all (no network) finished, but did not succeed
            "SELECT max(finished_at) FROM crawl_runs WHERE site = ? AND finish_reason = 'finished'"
            " AND responses > 0",
            [site],
        ).fetchone()
        out["last_success"] = row[0] if row else None
        recent = runs.recent_runs(db, site, limit=1)
        if recent:
            out["last_run"] = {
                "state": runs.run_state(recent[0], now=now),
                "started_at": recent[0]["started_at"],
            }
    since = health.day_ago(now)
    out["items_24h"] = int(
        db.execute(
            "SELECT count(*) FROM articles WHERE site = ? AND first_seen_at >= ?", [site, since]
        ).fetchone()[0]
    )
    out["coverage"] = health.article_metrics(db, site, since).get("coverage") or {}
    if "site_health" in tables:
        latest = health.latest(db, site)
        if latest:
            out["state"] = latest["state"]
            out["reasons"] = latest["reasons"]
            # [level, subject, text]: subject names the field ("field:lead"), selector or entry point
            out["findings"] = [
                {"level": f[0], "subject": f[1], "text": f[2]}
                for f in latest["metrics"].get("findings") or []
            ]
            out["checked_at"] = latest["checked_at"]
    if out["last_run"] and out["last_run"]["state"] == "interrupted":
        out["reasons"] = [
            *out["reasons"],
            f"the last run (started {_short(out['last_run']['started_at'])})"
            " was interrupted: its process is gone",
        ]
    if out["last_run"] is None:
        out["reasons"] = ["never crawled"]
    return out


def _coverage_text(coverage: dict[str, float]) -> str:
    if not coverage:
        return "-"
    return "/".join(f"{coverage.get(k, 0) * 100:.0f}" for k in ("title", "body", "published")) + "%"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per site instead of the table.")
@db_option
def status(as_json: bool, db_path: str | None) -> None:
    """Per site: last successful crawl, articles first seen in the last 24 h, field coverage
    (title/body/date) of the articles seen in the last 24 h, and the health state (OK / DEGRADED /
    BROKEN) with its reasons, each naming the field, selector or entry point. A run whose process died
    shows as interrupted. Exit status: 0 when every checked site is OK, 1 when one is DEGRADED, 2 when
    one is BROKEN (sites never checked do not count).

    \b
    Example:
        kznews status
        kznews status --db /var/lib/kznews/kznews.db --json
    """
    from crawler.store.db import connect

    path = resolve_db(db_path)
    try:
        db = connect(path, readonly=True)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    tables = set(db.table_names())
    if "articles" not in tables:
        raise click.ClickException(f"{path} is not a kznews database: run a crawl first (make demo)")
    sites: list[str] = []
    try:
        from scrapy.utils.project import get_project_settings

        sites += list((get_project_settings().get("KZNEWS_SCHEDULE") or {}).keys())
    except Exception:  # settings are a convenience here: the database alone still gives the sites
        pass
    for table in ("crawl_runs", "articles"):
        if table in tables:
            sites += [r[0] for r in db.execute(f"SELECT DISTINCT site FROM {table}").fetchall()]
    ordered = list(dict.fromkeys(sites))
    now = datetime.now(UTC)
    rows = [site_status(db, site, now) for site in ordered]
    _add_freshness(db, rows, now)
    from crawler.ops.health import SEVERITY

    worst = max((SEVERITY.get(row["state"], 0) for row in rows), default=0)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))
        raise SystemExit(worst)
    click.echo(f"kznews status — {path}")
    header = (
        f"{'site':<18}{'state':<10}{'last success':<25}{'24h':>6}  {'coverage t/b/d':<16}{'last run':<12}"
    )
    click.echo(header)
    click.echo("-" * len(header))
    from crawler.terminal import terminal_safe as safe  # stored strings may carry escape codes

    for row in rows:
        last_run = safe(row["last_run"]["state"]) if row["last_run"] else "-"
        click.echo(
            f"{safe(row['site']):<18}{safe(row['state']):<10}{safe(_short(row['last_success'])):<25}"
            f"{row['items_24h']:>6}  {_coverage_text(row['coverage']):<16}{last_run:<12}"
        )
        for reason in row["reasons"]:
            click.echo(f"{'':<18}- {safe(reason)}")
    _print_freshness(rows)
    raise SystemExit(worst)


def _add_freshness(db: Any, rows: list[dict[str, Any]], now: datetime) -> None:
    from crawler.ops.polling import freshness

    for row in rows:
        row["freshness"] = freshness(db, row["site"], now)


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds / 60:.1f} min" if seconds < 5400 else f"{seconds / 3600:.1f} h"


def _print_freshness(rows: list[dict[str, Any]]) -> None:
    """Freshness (issue 18), last 24 h: polling interval now, publication → store latency, requests per new
    article."""
    from crawler.terminal import terminal_safe as safe

    header = f"{'site':<18}{'polling every':<15}{'latency p50':<13}{'latency p95':<13}{'requests/new':<12}"
    click.echo("")
    click.echo(header)
    click.echo("-" * len(header))
    for row in rows:
        fresh = row["freshness"]
        per_new = fresh.get("requests_per_new")
        click.echo(
            f"{safe(row['site']):<18}{_minutes(fresh.get('interval')):<15}{_minutes(fresh.get('latency_p50')):<13}"
            f"{_minutes(fresh.get('latency_p95')):<13}{'-' if per_new is None else per_new:<12}"
        )


# --- reparse ------------------------------------------------------------------------------------------


def _since(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.ClickException(f"--since {value!r} is not a date like 2026-01-31") from exc


@click.command()
@click.option("--site", default=None, help="Only this site's pages.")
@click.option("--since", default=None, help="Only pages fetched on or after this date (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@db_option
def reparse(site: str | None, since: str | None, dry_run: bool, db_path: str | None) -> None:
    """Extract again from the archived raw pages (no fetching) through the full storing path, after a
    parser fix; pages that failed extraction are retried too. Prints per status how many articles
    came out new, updated, unchanged, kept (regression: a worse value was refused and the stored one
    kept) or rejected, and which fields changed.

    \b
    Example:
        kznews reparse --site zakon_kz --since 2026-01-01
        kznews reparse --dry-run --db /tmp/kznews.db
    """
    from crawler.ops.reparse import reparse as run_reparse

    if site is not None:
        from crawler.cli.common import BadInput
        from crawler.ops.process import available_spiders

        if site not in available_spiders():
            raise BadInput(f"--site {site!r} is unknown; choose from: {', '.join(available_spiders())}")
    path = resolve_db(db_path)
    if not Path(path).exists():
        raise click.ClickException(f"no database at {path}: run a crawl first (make demo) or pass --db PATH")
    try:
        result = run_reparse(path, site=site, since=_since(since), dry_run=dry_run)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.OperationalError as exc:  # e.g. a read-only database file
        raise click.ClickException(
            f"the database refused the write ({exc}): check the file, its folder and their permissions"
        ) from exc
    click.echo(("dry run: " if dry_run else "") + result.summary())
    if not dry_run:
        from crawler.ops.jobs import after_crawl, summary_line

        try:
            click.echo(f"after the re-parse: {summary_line(after_crawl(path))}")
        except DatabaseError as exc:
            raise click.ClickException(str(exc)) from exc
    if result.changed_fields:
        click.echo(
            "fields changed: " + ", ".join(f"{k} ({v})" for k, v in result.changed_fields.most_common())
        )
        for example in result.examples:
            click.echo(f"  {example}")


@click.group()
def main() -> None:
    """kznews operations (also available as `kznews schedule|status|reparse`)."""


for _command in (schedule, status, reparse):
    main.add_command(_command)


if __name__ == "__main__":
    main(prog_name="kznews")
