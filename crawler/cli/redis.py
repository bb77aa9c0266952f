"""`kznews seed` and `kznews redis-status`: the scheduler-host side of distributed crawling.

Registered in crawler/cli/main.py with `cli.add_command(seed)` and `cli.add_command(redis_status)`.
Workers are `kznews crawl --redis URL`, the one writer is `kznews ingest --from-redis URL`
(crawler/ops/distributed.py, docs/scaling.md).
"""

from __future__ import annotations

import json
from typing import Any

import click

redis_option = click.option(
    "--redis", "redis_url", envvar="KZNEWS_REDIS_URL", required=True, metavar="URL",
    help="Redis URL, e.g. redis://:secret@10.0.0.5:6379/0 (default: $KZNEWS_REDIS_URL).",
)  # fmt: skip


@click.command()
@click.argument("sites", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Every site spider.")
@click.option("--lang", default=None, help="Restrict languages, e.g. kk or ru,kk (workers apply it too).")
@click.option("--since", default=None, help="Backfill from this date, YYYY-MM-DD (workers apply it too).")
@redis_option
def seed(
    sites: tuple[str, ...], all_sites: bool, lang: str | None, since: str | None, redis_url: str
) -> None:
    """Start a crawl round: push each site's entry requests (sitemaps, listings, feeds, API lists)
    into the shared Redis queue, for `kznews crawl --redis` workers on any host to take. The spider
    arguments are stored beside the queue, so the workers use the same --lang and --since.

    \b
    Example:
        kznews seed --redis redis://10.0.0.5:6379/0 --all
        kznews seed --redis redis://10.0.0.5:6379/0 zakon_kz --since 2026-01-01
    """
    from crawler.cli.common import choose_sites
    from crawler.ops.distributed import WorkerError
    from crawler.ops.distributed import seed as seed_queue

    chosen = choose_sites(sites, all_sites)
    args = {k: v for k, v in (("lang", lang), ("since", since)) if v}
    try:
        counts = seed_queue(redis_url, chosen, spider_args=args)
    except WorkerError as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:  # a spider refusing its arguments (SpiderArgumentError)
        raise click.ClickException(str(exc)) from exc
    for site, queued in counts.items():
        click.echo(f"{site}: {queued} entry request(s) queued")


@click.command("redis-status")
@redis_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def redis_status(redis_url: str, as_json: bool) -> None:
    """Show the distributed crawl in Redis: per site the queue, the requests leased by workers, the
    seeding round and the duplicate filter (entries and memory); the items stream waiting for the
    writer; the workers and their last heartbeat.

    \b
    Example:
        kznews redis-status --redis redis://10.0.0.5:6379/0
    """
    import redis
    from scrapy.utils.project import get_project_settings

    from crawler.ops.distributed import human_bytes, status

    items_key = get_project_settings().get("KZNEWS_REDIS_ITEMS_KEY") or "kznews:items"
    try:
        found: dict[str, Any] = status(redis_url, items_key)
    except redis.RedisError as exc:
        raise click.ClickException(
            f"cannot read Redis at {redis_url} ({exc}); start it or fix --redis"
        ) from exc
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{'site':<18}{'round':>6}{'queued':>8}{'leased':>8}{'seen articles':>15}{'memory':>11}"
        f"{'nav (round)':>12}{'memory':>11}"
    )
    for site, s in found["sites"].items():
        df = s["dupefilter"]
        click.echo(
            f"{site:<18}{s['round']:>6}{s['queued']:>8}{s['leased']:>8}{df['articles']:>15}"
            f"{human_bytes(df['articles_bytes']):>11}{df['navigation']:>12}{human_bytes(df['navigation_bytes']):>11}"
        )
    stream = found["stream"]
    click.echo(
        f"items stream: {stream['length']} entries ({human_bytes(stream['bytes'])}), "
        f"{stream['pending']} delivered to the writer and not yet committed"
    )
    click.echo(f"workers: {len(found['workers'])}")
    for worker in found["workers"]:
        state = (
            worker.get("state", "?") if worker["age"] < 120 else f"silent for {worker['age']:.0f} s (dead?)"
        )
        click.echo(
            f"  {worker['id']}: {state}, {worker.get('responses', 0)} responses, "
            f"{worker.get('items', 0)} articles, {worker.get('inflight', 0)} in flight"
        )
    click.echo(f"redis used_memory: {human_bytes(found['used_memory'])}")


# --- the branches of `kznews crawl --redis` and `kznews ingest --from-redis` -----------------------------


def crawl_workers(
    redis_url: str,
    sites: list[str],
    *,
    db_path: str,
    mirror: str | None,
    spider_args: dict[str, str],
    settings: dict[str, Any],
) -> None:
    """Run SITES as workers until they are idle-closed, then print what each did."""
    import time

    from crawler.ops.distributed import WorkerError, run_workers, worker_summary

    started = time.monotonic()
    try:
        stats = run_workers(
            sites,
            redis_url=redis_url,
            db_path=db_path,
            mirror=mirror,
            spider_args=spider_args,
            settings_overrides=settings,
        )
    except WorkerError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in worker_summary(stats, time.monotonic() - started):
        click.echo(line)
    broken = [site for site, s in stats.items() if not s.get("finish_reason")]
    if broken:
        raise click.ClickException(f"{', '.join(broken)} did not run to the end; the log above says why")


def ingest_from_redis(redis_url: str, *, db_path: str, idle_exit: float | None) -> None:
    """The one writer: drain the items stream into the database, then print the counts."""
    import redis

    from crawler.ops.distributed import WorkerError, drain
    from crawler.store.db import DatabaseError

    try:
        counts = drain(redis_url, db_path, idle_exit=idle_exit, echo=lambda line: click.echo(line, err=True))
    except (WorkerError, DatabaseError) as exc:
        raise click.ClickException(str(exc)) from exc
    except redis.RedisError as exc:
        raise click.ClickException(
            f"lost Redis at {redis_url} ({exc}); run the writer again: nothing is lost"
        ) from exc
    click.echo(
        f"wrote {counts['entries']} stream entries into {db_path}: {counts['articles']} article(s) "
        f"({counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged), "
        f"{counts['refused']} refused, {counts['pages']} raw page(s), {counts['rejects']} reject(s); "
        f"{counts['redelivered']} redelivered after a restart, {counts['undecodable']} unreadable"
    )


@click.group()
def main() -> None:
    """These commands on their own (`python -m crawler.cli.redis`), before they are registered in kznews."""


main.add_command(seed)
main.add_command(redis_status)

if __name__ == "__main__":
    main()
