"""kznews: the command line for crawling, checking and querying (crawling itself is Scrapy's).

Every command that touches the database takes --db PATH (default: $KZNEWS_DB or data/kznews.db).
Bad input gets one sentence (click.ClickException), never a traceback.

The parts, in file order:
- The group: `resolve_db`, `user_errors`, `cli`.
- `kznews crawl`: argument checks (`check_crawl_args`, `maybe_mirror`), `crawl`, what makes a run fail
  (`broken_sites`, `fail_unless_finished`), `demo`, `finish_crawl`, `print_summary`.
- Data commands: `dates`, `mirror`, `fixture`, `ingest`; `main`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click

# Scrapy finds a project's settings through scrapy.cfg in the working directory: under cron ($HOME), pipx or
# any other directory there is none, so no pipeline would run and nothing would be stored. The CLI names its
# own settings module before anything reads settings (an explicit SCRAPY_SETTINGS_MODULE still wins).
os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from crawler.cli.common import (  # noqa: E402,F401 - importable from here as before
    BadInput,
    choose_sites,
    db_option,
    resolve_db,
    user_errors,
)
from crawler.ops.process import (  # noqa: E402,F401 - importable from here as before
    LOG_FILES,
    Interrupted,
    available_spiders,
    interrupted_sites,
    log_path,
    record_shutdown,
    run_spiders,
)
from crawler.terminal import terminal_safe  # noqa: E402

ALL_SITES = ("zakon_kz", "primeminister_kz", "akorda_kz", "gov_kz")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kznews")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """kznews: Kazakhstan news monitoring — crawl, deduplicate, alert, query.

    \b
    Example:
        kznews crawl --all --mirror      # the offline mirror, through every pipeline
        kznews dates "2021 жылғы 25 қаңтар"
    """
    from crawler.crawl.shutdown import GATE

    if ctx.invoked_subcommand not in CRAWLING_COMMANDS:
        # Only crawls keep counting signals until Scrapy takes over; every other command stops on Ctrl-C.
        if GATE.count:
            raise click.Abort
        GATE.restore_defaults()


CRAWLING_COMMANDS = ("crawl", "demo")


# --- crawling --------------------------------------------------------------------------------------


LANGUAGES = ("ru", "kk", "en")


def check_crawl_args(sites: Sequence[str], lang: str | None, since: str | None) -> None:
    """--lang and --since checked before anything starts, then each spider's own check of its arguments."""
    from datetime import date

    from crawler.crawl.base import SpiderArgumentError, norm_lang

    if lang is not None:
        parts = [part.strip() for part in lang.split(",")]
        bad = [part for part in parts if norm_lang(part) not in LANGUAGES]
        if bad:
            raise BadInput(
                f"--lang {lang!r}: {bad[0]!r} is not a language; choose from {', '.join(LANGUAGES)} (or a comma list like ru,kk)"
            )
    if since is not None:
        try:
            date.fromisoformat(since)
        except ValueError:
            raise BadInput(f"--since {since!r} is not a date like 2026-01-31 (YYYY-MM-DD)") from None
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    loader = SpiderLoader.from_settings(get_project_settings())
    args = {k: v for k, v in (("lang", lang), ("since", since)) if v}
    for site in sites:
        try:
            loader.load(site)(**args)
        except SpiderArgumentError as exc:
            raise BadInput(f"{exc}; choose other sites or languages") from None


@contextmanager
def maybe_mirror(enabled: bool, url: str | None) -> Iterator[str | None]:
    if url:
        yield url
        return
    if not enabled:
        yield os.environ.get("KZNEWS_MIRROR") or None
        return
    from crawler.crawl.mirror import MIRROR_DIR, serve

    if not Path(MIRROR_DIR).is_dir():
        raise click.ClickException(
            f"no offline mirror at {MIRROR_DIR}: reinstall kznews (it ships the mirror)"
        )
    server = serve([Path(MIRROR_DIR)])
    try:
        yield server.base_url
    finally:
        server.shutdown()


@cli.command()
@click.argument("sites", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Every site spider.")
@click.option("--mirror", is_flag=True, help="Start the offline mirror on 127.0.0.1 and crawl it.")
@click.option("--mirror-url", default=None, help="Use a mirror server already running at this URL.")
@click.option("--lang", default=None, help="Restrict languages, e.g. kk or ru,kk.")
@click.option("--since", default=None, help="Backfill from this date (YYYY-MM-DD).")
@click.option("-s", "--set", "overrides", multiple=True, help="Scrapy setting NAME=VALUE.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Scrapy's log on stderr (default: logs/ beside the database)."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no summary: errors only (for cron).")
@click.option(
    "--redis",
    "redis_url",
    default=None,
    metavar="URL",
    help="Run as a distributed worker on this Redis, fed by `kznews seed` (docs/scaling.md).",
)
@db_option
def crawl(
    sites: tuple[str, ...],
    all_sites: bool,
    mirror: bool,
    mirror_url: str | None,
    lang: str | None,
    since: str | None,
    overrides: tuple[str, ...],
    db_path: str | None,
    redis_url: str | None = None,
    verbose: bool = False,
    quiet: bool = False,
) -> None:
    """Crawl SITES (spider names) in one process into the database, then print a summary. Scrapy's log
    goes to logs/SITE.log beside the database (-v: to stderr). Exit status: docs/cli.md.

    \b
    Example:
        kznews crawl zakon_kz --lang kk --since 2026-01-01
        kznews crawl --all --mirror --db /tmp/kznews.db
        kznews crawl --redis redis://10.0.0.5:6379/0 --all   # a worker
    """
    chosen = choose_sites(sites, all_sites)
    args = {k: v for k, v in (("lang", lang), ("since", since)) if v}
    check_crawl_args(chosen, lang, since)
    settings = {}
    for pair in overrides:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BadInput(f"-s {pair!r} is not NAME=VALUE, e.g. -s KZNEWS_CONTACT=ops@example.kz")
        settings[key.strip()] = value
    db = resolve_db(db_path)
    started = time.monotonic()
    if redis_url:
        from crawler.cli.redis import crawl_workers

        with maybe_mirror(mirror, mirror_url) as base:
            crawl_workers(redis_url, chosen, db_path=db, mirror=base, spider_args=args, settings=settings)
        return
    with user_errors(), stopped_before_start(), maybe_mirror(mirror, mirror_url) as base:
        stats = run_spiders(
            chosen,
            db_path=db,
            mirror=base,
            spider_args=args,
            settings_overrides=settings,
            quiet=quiet,
            verbose=verbose,
        )
    finish_crawl(db, stats, started, quiet=quiet)


# Exit statuses of every kznews command (docs/cli.md): 0 done; 1 a partial result (some sites or lines or
# deliveries failed, the rest is stored); 2 a usage error (click's own) or nothing could be done (every
# request of a site failed, a site BROKEN, every delivery failed); 130 stopped by SIGINT or SIGTERM.
EXIT_OK, EXIT_PARTIAL, EXIT_BROKEN = 0, 1, 2
# docs/cli.md renders this table (tools/cli_doc.py), so the reference and the code say the same.
EXIT_STATUSES = (
    ("0", "done: everything asked for was done (a crawl that found nothing new is done)"),
    (
        "1",
        "a partial result: what could be stored is stored, and one line says what was not — a site that did not"
        " run to the end, a writer process that died, refused `kznews ingest` lines, some failed deliveries,"
        " `kznews dates` on a text that is no date, `kznews alerts try` with no match",
    ),
    (
        "2",
        "nothing could be done: a usage error or a bad value (click's own status for usage errors: one sentence"
        " naming the value and the choices), every request of a site failed (no network, site down), a site the"
        " health check finds BROKEN, every delivery of `kznews alerts deliver` failed",
    ),
    (
        "130",
        "stopped by SIGINT (Ctrl-C) or SIGTERM: the first signal stops gracefully, a second at once; every"
        " stopped run is recorded `shutdown` in `crawl_runs` and the next run catches up",
    ),
)


class Broken(click.ClickException):
    """Nothing could be done: one sentence why, exit status 2."""

    exit_code = EXIT_BROKEN


def broken_sites(db_path: str, stats: dict[str, dict[str, Any]]) -> list[str]:
    """'site: why' for each site whose every request failed, or that the health check found BROKEN."""
    from crawler.ops.health import latest
    from crawler.store.db import connect

    out = []
    db = connect(db_path, readonly=True)
    try:
        for site, s in sorted(stats.items()):
            responses = int(s.get("downloader/response_count", 0))
            failures = sum(int(v) for k, v in s.items() if k.startswith("downloader/exception_type_count/"))
            if responses == 0 and failures:
                out.append(
                    f"{site}: every request failed ({failures} errors, no response): no network, or the site is down"
                )
                continue
            if s.get("kznews/health/state") == "BROKEN" and "site_health" in db.table_names():
                checked = latest(db, site) or {}
                reasons = checked.get("reasons") or ["see kznews status"]
                out.append(f"{site}: BROKEN ({reasons[0]})")
    finally:
        db.conn.close()
    return out


def fail_unless_finished(stats: dict[str, dict[str, Any]], db_path: str | None = None) -> None:
    if db_path is not None:
        broken = broken_sites(db_path, stats)
        if broken:
            raise Broken("; ".join(broken))
    broken = [site for site, s in stats.items() if not s.get("finish_reason")]
    if broken:
        raise click.ClickException(f"{', '.join(broken)} did not run to the end; the log above says why")
    lost = [site for site, s in stats.items() if s.get("kznews/writer/died")]
    if lost:
        raise click.ClickException(
            f"the writer process of {', '.join(lost)} died: what it had not committed was not stored;"
            " run the crawl again to fetch those pages"
        )


@cli.command()
@click.option("--db", "db_path", default="data/kznews.db", show_default=True, type=click.Path(dir_okay=False))
@click.option(
    "-v", "--verbose", is_flag=True, help="Scrapy's log on stderr (default: logs/ beside the database)."
)
def demo(db_path: str, verbose: bool = False) -> None:
    """The main job on the embedded default: crawl the offline mirror of every site through every
    pipeline into the database and data/feeds/, then print a summary.

    \b
    Example:
        kznews demo
    """
    started = time.monotonic()
    from crawler.alerts.rules import DEFAULT_ALERTS_FILE
    from crawler.paths import data_file

    overrides = {}
    if not os.environ.get("KZNEWS_ALERTS_FILE") and not Path(DEFAULT_ALERTS_FILE).exists():
        # outside a checkout: the example rules kznews ships, so the demo still shows feeds
        overrides["KZNEWS_ALERTS_FILE"] = str(data_file("alerts.toml"))
    with user_errors(), stopped_before_start(), maybe_mirror(True, None) as base:
        stats = run_spiders(
            ALL_SITES_AVAILABLE(),
            db_path=db_path,
            mirror=base,
            verbose=verbose,
            settings_overrides=overrides,
        )
    finish_crawl(db_path, stats, started)


@contextmanager
def stopped_before_start() -> Iterator[None]:
    from crawler.crawl.shutdown import EXIT_INTERRUPTED

    try:
        yield
    except Interrupted as exc:
        click.echo(f"kznews: {exc}", err=True)
        sys.exit(EXIT_INTERRUPTED)


def finish_crawl(
    db_path: str, stats: dict[str, dict[str, Any]], started: float, *, quiet: bool = False
) -> None:
    """After every crawl of this CLI (the after-crawl step has run): the summary, then the exit status."""
    from crawler.crawl.shutdown import EXIT_INTERRUPTED

    if not quiet:
        print_summary(db_path, stats, time.monotonic() - started)
    stopped = interrupted_sites(db_path, stats)
    if stopped:
        click.echo(
            f"kznews: {', '.join(stopped)} stopped by a signal; recorded as shutdown, the next run catches up",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    fail_unless_finished(stats, db_path)


def ALL_SITES_AVAILABLE() -> list[str]:  # noqa: N802 - reads like the constant it stands for
    known = available_spiders()
    return [s for s in ALL_SITES if s in known]


def print_summary(db_path: str, stats: dict[str, dict[str, Any]], seconds: float) -> None:
    from crawler.store.db import connect

    db = connect(db_path, readonly=True)
    click.echo(f"\nkznews summary — {db_path} ({seconds:.1f} s)")
    click.echo(f"{'site':<18}{'lang':<6}{'articles':>10}{'new':>6}{'upd':>6}")
    rows = db.execute(
        "SELECT site, coalesce(language, '?'), count(*) FROM articles GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    for site, lang, count in rows:
        s = stats.get(site, {})
        new = s.get(f"kznews/store/new/{site}/{lang}", 0)
        upd = s.get(f"kznews/store/updated/{site}/{lang}", 0)
        click.echo(f"{terminal_safe(site):<18}{terminal_safe(lang):<6}{count:>10}{new:>6}{upd:>6}")
    for site, s in sorted(stats.items()):
        rejected = s.get("kznews/validate/rejected", 0) + s.get("kznews/extract/exception", 0)
        reason = s.get("finish_reason", "?")
        errors = s.get("log_count/ERROR", 0)
        click.echo(
            f"  {site}: finished ({reason}), {s.get('downloader/response_count', 0)} responses, "
            f"{rejected} rejected this run, {errors} errors"
        )
        kept = s.get("kznews/store/kept", 0)
        if kept:  # a refresh gave worse values for these: the stored ones stand (docs/dates.md)
            fields = sorted(k.rsplit("/", 1)[1] for k in s if k.startswith("kznews/regression/"))
            click.echo(f"  {site}: {kept} kept (regression: {', '.join(fields)} refused)")
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    rejects = db.execute("SELECT count(*) FROM rejects").fetchone()[0]
    stories = db.execute("SELECT count(*) FROM stories").fetchone()[0] if "stories" in db.table_names() else 0
    click.echo(f"total: {total} articles, {stories} stories, {rejects} rejects on record")
    from crawler.ops.jobs import already_done, summary_line

    done = already_done(db_path)
    click.echo(f"after the crawl: {summary_line(done)}" if done else "after the crawl: not run")
    if db_path in LOG_FILES:
        click.echo(f"log: {LOG_FILES[db_path]}")


# --- tools for people -----------------------------------------------------------------------------


@cli.command()
@click.argument("text")
@click.option("--lang", type=click.Choice(["kk", "ru", "en"]), default=None, help="Page language.")
@click.option("--now", "now_text", default=None, help="Anchor for relative forms (ISO 8601).")
def dates(text: str, lang: str | None, now_text: str | None) -> None:
    """Parse TEXT as a publication date: the instant in UTC and Asia/Almaty, its precision and form,
    or why it is not a date (exit status 1).

    \b
    Example:
        kznews dates "2021 жылғы 25 қаңтар" --lang kk
        kznews dates "вчера, 23:59" --now 2026-03-01T10:00:00+05:00
    """
    from crawler.dates import ALMATY, explain_date

    now = None
    if now_text:
        try:
            now = datetime.fromisoformat(now_text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise click.ClickException(
                f"--now {now_text!r} is not an ISO 8601 time like 2026-03-01T10:00:00+05:00"
            ) from exc
    parsed, reason = explain_date(text, lang=lang, now=now)
    if parsed is None:
        click.echo(f"not a date: {reason}")
        sys.exit(1)
    from crawler.dates import to_utc_iso

    click.echo(f"UTC:         {to_utc_iso(parsed.instant)}")
    click.echo(f"Asia/Almaty: {parsed.instant.astimezone(ALMATY).isoformat()}")
    click.echo(f"precision:   {parsed.precision}")
    click.echo(f"form:        {parsed.form}")
    click.echo(f"why:         {reason}")


@cli.command()
@click.option("--port", default=8765, show_default=True, help="Port on 127.0.0.1.")
def mirror(port: int) -> None:
    """Serve the offline mirror (data/mirror) on 127.0.0.1 until interrupted.

    \b
    Example:
        kznews mirror --port 8765 &
        KZNEWS_MIRROR=http://127.0.0.1:8765 scrapy crawl zakon_kz
    """
    from crawler.crawl.mirror import MIRROR_DIR, MirrorServer

    try:
        server = MirrorServer([Path(MIRROR_DIR)], port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})") from exc
    click.echo(f"serving {MIRROR_DIR} on {server.base_url} (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


@cli.command()
@click.argument("site")
@click.argument("url")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds before giving up.")
@click.option("--dest", default="tests/fixtures", show_default=True, type=click.Path(file_okay=False))
@click.option(
    "--mirror-url", default=None, help="Take the page from a running offline mirror server instead."
)
@click.option(
    "--kind", default="article", show_default=True, help="Case name part: article, speech, listing..."
)
@click.option("--listing-date", default=None, help="The date printed on the listing card that links here.")
def fixture(
    site: str,
    url: str,
    timeout: float,
    dest: str,
    mirror_url: str | None,
    kind: str,
    listing_date: str | None,
) -> None:
    """Fetch a live page once and save it as a golden fixture: tests/fixtures/SITE/<date>_<kind>.html
    plus the expected JSON from the current parse, for a person to review line by line. The page is
    fetched through the crawl's own Scrapy download path (crawler/crawl/fetch.py), as the crawl would.

    \b
    Example:
        kznews fixture zakon_kz https://www.zakon.kz/6533466-dva-zagruzhennykh-perekrestka-zakroyut-v-astane.html
    """
    from crawler.ops.fixtures import FixtureError, capture

    if site not in available_spiders():
        raise click.ClickException(f"unknown site {site!r}; choose from: {', '.join(available_spiders())}")
    try:
        html_path, json_path = capture(
            site,
            url,
            dest=Path(dest),
            timeout=timeout,
            mirror_url=mirror_url,
            kind=kind,
            meta={"listing_date": listing_date} if listing_date else None,
        )
    except FixtureError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"saved {html_path}\nwrote {json_path} — review it line by line before committing")


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), required=False)
@click.option(
    "--from-redis",
    default=None,
    metavar="URL",
    help="Be the one writer of a distributed crawl: drain its Redis items stream (docs/scaling.md).",
)
@click.option(
    "--idle-exit",
    type=float,
    default=None,
    metavar="SECONDS",
    help="With --from-redis: stop after this long with nothing to write (default: run until stopped).",
)
@db_option
def ingest(
    file: Any, db_path: str | None, from_redis: str | None = None, idle_exit: float | None = None
) -> None:
    """Ingest articles from a JSON Lines file (or - for standard input) through the same pipelines as
    a crawl: one JSON object per line with Article fields; url, site, language, title and body are
    required, the rest is derived where missing. A bad line is reported with its number and the good
    ones still land; the exit status is 1 when any line was refused.

    \b
    Example:
        kznews ingest backfill.jsonl --db data/kznews.db
        zcat archive.jsonl.gz | kznews ingest -
        kznews ingest --from-redis redis://10.0.0.5:6379/0 --db data/kznews.db
    """
    if from_redis:
        from crawler.cli.redis import ingest_from_redis

        ingest_from_redis(from_redis, db_path=resolve_db(db_path), idle_exit=idle_exit)
        return
    if file is None:
        raise click.ClickException("give a JSON Lines FILE (or - for standard input), or --from-redis URL")
    from crawler.crawl.runner import PipelineRunner
    from crawler.ops.ingest import read_jsonl

    refused = stored = 0
    with user_errors():
        runner = PipelineRunner(resolve_db(db_path))
        try:
            for number, article, error in read_jsonl(file):
                if article is not None:
                    _, error = runner.process(article)
                if error is not None:
                    refused += 1
                    click.echo(f"line {number}: {terminal_safe(error)}", err=True)
                else:
                    stored += 1
        finally:
            runner.close()
    stats = runner.stats
    click.echo(
        f"ingested {stored} article(s): {stats.get('kznews/store/new', 0)} new, "
        f"{stats.get('kznews/store/updated', 0)} updated, {stats.get('kznews/store/unchanged', 0)} unchanged; "
        f"{refused} refused"
    )
    from crawler.ops.jobs import after_crawl, summary_line

    with user_errors():
        click.echo(f"after the ingest: {summary_line(after_crawl(resolve_db(db_path)))}")
    if refused:
        sys.exit(1)


from crawler.cli.alerts import alerts, serve  # noqa: E402 - the commands live beside their modules
from crawler.cli.redis import redis_status, seed  # noqa: E402

cli.add_command(alerts)
from crawler.ops.probe import probe  # noqa: E402 - issue 15: the first run on the live sites

cli.add_command(probe)
cli.add_command(serve)
cli.add_command(seed)
cli.add_command(redis_status)

# These modules import helpers from this one, so they come after its definitions.
from crawler.cli.ops import reparse, schedule, status  # noqa: E402

cli.add_command(schedule)
cli.add_command(status)
cli.add_command(reparse)


def main() -> None:
    """Run the CLI; exit 0 (done), 1 (a partial result: see docs/cli.md), 2 (usage or a broken site),
    130 (stopped by SIGINT/SIGTERM): one line on stderr, never a traceback, for the last two."""
    from crawler.crawl.shutdown import EXIT_INTERRUPTED

    try:
        code = cli.main(prog_name="kznews", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("kznews: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
