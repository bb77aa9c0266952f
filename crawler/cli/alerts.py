"""`kznews alerts ...` (rules, trying a query, backfills, deliveries) and `kznews serve` (Datasette, read-only).

Registered in crawler/cli/main.py with `cli.add_command(alerts)` and `cli.add_command(serve)`.

The parts, in file order:
- Helpers: `user_errors`, `_check_choices`, `_check_endpoint`, `terminal_snippet`.
- `kznews alerts`: `add`, `list`, `remove`, `try`, `run`, `deliver`.
- `kznews serve`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from crawler.cli.common import db_option
from crawler.cli.common import user_errors as common_user_errors
from crawler.store.db import default_db_path

rules_file_option = click.option(
    "--rules-file", default=None, type=click.Path(dir_okay=False),
    help="Rules file (default: $KZNEWS_ALERTS_FILE or data/alerts.toml).",
)  # fmt: skip
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?$")


@contextmanager
def user_errors() -> Iterator[None]:
    """The command line's one-sentence errors, plus a broken rules file."""
    from crawler.alerts.rules import AlertsError

    with common_user_errors():
        try:
            yield
        except AlertsError as exc:
            raise click.ClickException(str(exc)) from exc


def _check_choices(option: str, values: tuple[str, ...], known: list[str]) -> None:
    unknown = [v for v in values if v not in known]
    if unknown:
        raise click.ClickException(f"{option} {unknown[0]!r} is unknown; choose from: {', '.join(known)}")


def _check_endpoint(name: str, channel: dict) -> None:  # type: ignore[type-arg]
    """A channel whose endpoint is not configured is refused now, not retried for days as if the failure were
    transient."""
    from crawler.alerts.delivery import DeliveryError, Secrets

    secrets, kind = Secrets(), channel.get("type")
    try:
        if kind == "webhook":
            secrets.get(name, channel.get("url_env"), "webhook URL")
        elif kind == "telegram":
            secrets.get(name, channel.get("token_env"), "bot token")
            if not channel.get("chat_id") and not channel.get("chat_id_env"):
                raise DeliveryError(f"channel {name!r} needs chat_id (or chat_id_env)")
        elif kind == "email" and (not channel.get("from") or not channel.get("to")):
            raise DeliveryError(f"channel {name!r} needs from and to")
    except DeliveryError as exc:
        raise click.ClickException(f"{exc}: configure the channel first, then add the rule") from exc


class _AllDeliveriesFailed(click.ClickException):
    exit_code = 2


def _open(db_path: str | None):  # type: ignore[no-untyped-def]
    from crawler.store.db import open_db

    return open_db(db_path or default_db_path())


def terminal_snippet(snippet_text: str) -> str:
    """A snippet for the terminal: matched forms in bold underline (click drops the styling when the output
    is not a terminal). Never «guillemets»: Kazakh and Russian texts use them as quotation marks."""
    from crawler.matching import MARK_CLOSE, MARK_OPEN
    from crawler.terminal import terminal_safe

    pattern = re.compile(re.escape(MARK_OPEN) + "(.+?)" + re.escape(MARK_CLOSE), re.S)
    # Stored text is made safe first (issue 21: no escape code of its own); only our styling is added.
    text = terminal_safe(snippet_text)
    return pattern.sub(lambda m: click.style(m.group(1), bold=True, underline=True), text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def alerts() -> None:
    """Keyword alert rules: add, list, remove, try a query, backfill, deliver.

    Rules live in data/alerts.toml (synced on every crawl) and in the database (rules added here).
    See docs/alerts.md for the query syntax, feeds and delivery channels.

    \b
    Example:
        kznews alerts try 'Тоқаев OR Токаев' --text 'Тоқаевтың сапары'
        kznews alerts add tokayev 'Тоқаев OR Токаев'
        kznews alerts run --since 2026-01-01
    """


@alerts.command("add")
@click.argument("rule_id")
@click.argument("query")
@click.option(
    "--lang",
    type=click.Choice(["kk", "ru", "en"]),
    default=None,
    help="The keywords' language; also only articles in it.",
)
@click.option("--site", "sites", multiple=True, help="Only this site (repeatable): zakon_kz, akorda_kz, ...")
@click.option(
    "--source-kind",
    "source_kinds",
    multiple=True,
    type=click.Choice(["news", "gov"]),
    help="Only sources of this kind (repeatable).",
)
@click.option("--cited", multiple=True, help="Only articles citing this source id (repeatable; any of them).")
@click.option(
    "--fold-scripts", is_flag=True, help="Also match across Kazakh/Russian spelling (Тоқаев ↔ Токаев)."
)
@click.option(
    "--channel",
    "channels",
    multiple=True,
    help="Deliver hits to this channel of the rules file (repeatable).",
)
@click.option("--description", default=None, help="A line saying what the rule is for (the feed's title).")
@click.option(
    "--frequency",
    type=click.Choice(["as-it-happens", "daily", "weekly"]),
    metavar="FREQUENCY",
    default="as-it-happens",
    help="How often the channels hear from the rule: as-it-happens (each hit, the default), daily or"
    " weekly (one digest per Almaty day or week).",
)
@rules_file_option
@db_option
def add(rule_id: str, query: str, lang: str | None, sites: tuple[str, ...], source_kinds: tuple[str, ...],
        cited: tuple[str, ...], fold_scripts: bool, channels: tuple[str, ...], description: str | None,
        frequency: str, rules_file: str | None, db_path: str | None) -> None:  # fmt: skip
    """Check QUERY and store it as rule RULE_ID (new articles are matched from the next crawl on;
    `kznews alerts run --since DATE` matches stored ones). Then show the last 10 stored articles it
    would have matched (Almaty local time, site, matched forms).

    \b
    Example:
        kznews alerts add tokayev 'Тоқаев OR Токаев'
        kznews alerts add gov-budget '"республикалық бюджет" OR бюджет' --lang kk --cited primeminister
        kznews alerts add budget-daily 'бюджет OR бюджета' --channel editor-email --frequency daily
    """
    from crawler.alerts.rules import RuleSpec, add_rule, load_config, preview
    from crawler.ops.process import available_spiders
    from crawler.sources import Registry

    _check_choices("--site", sites, available_spiders())
    _check_choices("--cited", cited, sorted(Registry.load().sources))
    with user_errors():
        if channels:
            known = load_config(rules_file).channels
            for channel in channels:
                if channel not in known:
                    raise click.ClickException(
                        f"no channel {channel!r} in the rules file; define it as [channels.{channel}] first"
                    )
                _check_endpoint(channel, known[channel])
        spec = RuleSpec(id=rule_id, query=query, lang=lang, fold_scripts=fold_scripts, sites=list(sites),
                        source_kinds=list(source_kinds), cited=list(cited), channels=list(channels),
                        description=description, origin="cli", frequency=frequency)  # fmt: skip
        db = _open(db_path)
        add_rule(db, spec)
        found, looked = preview(db, spec)
    how = f"; channels hear from it {frequency.replace('-', ' ')}" if channels else ""
    if frequency != "as-it-happens" and not channels:
        how = f" ({frequency} applies to channels, and this rule has none: only its feeds get the hits)"
    click.echo(f"added rule {rule_id}: {query}{how}")
    if not found:
        click.echo(f"none of the {looked} latest stored articles matches it yet")
        return
    click.echo(f"the latest {len(found)} of the {looked} latest stored articles it matches:")
    from crawler.terminal import terminal_safe

    for hit in found:
        line = f"{hit.published_local:<26} {hit.site or '?':<17} {hit.language or '?':<3} {hit.title}"
        click.echo(f"  {terminal_safe(line)}")
        click.echo(f"      matched: {terminal_safe(', '.join(hit.forms))} · {terminal_snippet(hit.snippet)}")


@alerts.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@db_option
def list_(as_json: bool, db_path: str | None) -> None:
    """List the stored rules with their filters, channels, frequency, number of hits and the latest hit
    (Almaty local time).

    \b
    Example:
        kznews alerts list
        kznews alerts list --json | jq .query
    """
    from crawler.alerts.rules import list_rules
    from crawler.display import local_time
    from crawler.terminal import terminal_safe

    with user_errors():
        db = _open(db_path)
        specs = list_rules(db)
        rows = db.execute(
            "SELECT rule_id, count(*), max(matched_at) FROM alert_hits GROUP BY rule_id"
        ).fetchall()
        counts = {rule_id: n for rule_id, n, _ in rows}
        latest = {rule_id: local_time(last, "minute") for rule_id, _, last in rows}
    if as_json:
        for spec in specs:
            click.echo(json.dumps({**spec.__dict__, "hits": counts.get(spec.id, 0)}, ensure_ascii=False))
        return
    if not specs:
        click.echo("no rules: add some to data/alerts.toml or with `kznews alerts add`")
        return
    for spec in specs:
        filters = [f"lang={spec.lang}"] if spec.lang else []
        filters += [f"frequency={spec.frequency}"] if spec.channels else []
        filters += [f"latest hit {latest[spec.id]}"] if spec.id in latest else []
        filters += [f"site={s}" for s in spec.sites] + [f"kind={k}" for k in spec.source_kinds]
        filters += [f"cited={c}" for c in spec.cited] + (["fold-scripts"] if spec.fold_scripts else [])
        filters += [f"channel={c}" for c in spec.channels]
        click.echo(
            f"{spec.id:<24} {spec.origin:<5} {counts.get(spec.id, 0):>6} hits  {terminal_safe(spec.query)}"
        )
        if filters:
            click.echo(f"{'':<24} {terminal_safe(' '.join(filters))}")


@alerts.command("remove")
@click.argument("rule_id")
@db_option
def remove(rule_id: str, db_path: str | None) -> None:
    """Remove a rule added with `kznews alerts add` (rules of the rules file are removed there).
    Its past hits stay on record.

    \b
    Example:
        kznews alerts remove tokayev
    """
    from crawler.alerts.rules import remove_rule

    with user_errors():
        remove_rule(_open(db_path), rule_id)
    click.echo(f"removed rule {rule_id}")


@alerts.command("try")
@click.argument("query")
@click.option("--text", default=None, help="The text to match against.")
@click.option(
    "--file",
    "file_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A UTF-8 text file to match against.",
)
@click.option(
    "--lang",
    type=click.Choice(["kk", "ru", "en"]),
    default=None,
    help="The text's language (default: try Kazakh and Russian rules).",
)
@click.option(
    "--fold-scripts", is_flag=True, help="Match across Kazakh/Russian spelling, as a rule with fold_scripts."
)
def try_(query: str, text: str | None, file_path: str | None, lang: str | None, fold_scripts: bool) -> None:
    """Test QUERY against a text before saving it: prints the matched forms and a snippet.
    Exit status 0 on a match, 1 on none, 2 on a malformed query (with the problem and its position).

    \b
    Example:
        kznews alerts try 'Тоқаев OR Токаев' --text 'Мемлекет басшысы Тоқаевтың сапары'
        kznews alerts try '"Ұлттық банк" AND NOT футбол' --file article.txt --lang kk
    """
    from crawler.matching import Matcher, QueryError, snippet

    if (text is None) == (file_path is None):
        raise click.UsageError("give the text to match with exactly one of --text TEXT or --file FILE")
    if file_path is not None:
        try:
            text = Path(file_path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise click.ClickException(f"{file_path} is not UTF-8 text") from None
    assert text is not None
    try:
        forms = Matcher(query, fold_scripts=fold_scripts).match(text, lang=lang)
    except QueryError as exc:
        click.echo(f"Error: malformed query: {exc}", err=True)
        sys.exit(2)
    if not forms:
        click.echo("no match")
        sys.exit(1)
    click.echo("matched: " + ", ".join(forms))
    click.echo("snippet: " + terminal_snippet(snippet(text, forms)))


@alerts.command("run")
@click.option(
    "--since", required=True, help="Articles published (or first seen) on or after this date, YYYY-MM-DD."
)
@click.option("--rule", "rule_ids", multiple=True, help="Only this rule (repeatable; default: every rule).")
@click.option("--deliver", is_flag=True, help="Also send the new hits to the rules' channels.")
@click.option(
    "--feeds-dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Where feeds are rewritten (default: $KZNEWS_FEEDS_DIR, else feeds/ beside the database).",
)
@rules_file_option
@db_option
def run(since: str, rule_ids: tuple[str, ...], deliver: bool, feeds_dir: str | None, rules_file: str | None,
        db_path: str | None) -> None:  # fmt: skip
    """Backfill: match stored articles since a date against the rules, once per story (stories already
    alerted are not alerted again), then rewrite the feeds.

    \b
    Example:
        kznews alerts run --since 2026-01-01
        kznews alerts run --since 2026-03-01 --rule tokayev --db /tmp/kznews.db
    """
    from crawler.alerts import delivery, feeds
    from crawler.alerts import rules as alerts_mod

    if not _DATE_RE.match(since):
        raise click.ClickException(f"--since {since!r} is not a date like 2026-01-01")
    with user_errors():
        db = _open(db_path)
        config = alerts_mod.load_config(rules_file)
        alerts_mod.sync_rules(db, config)
        result = alerts_mod.backfill(
            db, since=since.replace(" ", "T"), rule_ids=rule_ids or None, deliver=deliver
        )
        written = feeds.write_feeds(db.conn, feeds_dir or feeds.feeds_dir(db_path or default_db_path()))
        click.echo(f"{result.articles} articles since {since}, {result.matched} matched, {result.hits} new hits;"
                   f" {len(written)} feed files written")  # fmt: skip
        if deliver:
            sender = delivery.Deliverer(db, config.channels)
            counts = sender.run()
            click.echo(f"deliveries: {counts['delivered']} sent, {counts['failed']} failed (kept for retry)")
            digests = sender.run_digests()
            if digests["delivered"] or digests["failed"]:
                click.echo(
                    f"digests: {digests['delivered']} sent, {digests['failed']} failed (kept for retry)"
                )


@alerts.command("deliver")
@rules_file_option
@db_option
def deliver_(rules_file: str | None, db_path: str | None) -> None:
    """Send the deliveries that are due (failed ones are retried with backoff; nothing is dropped), and
    the daily and weekly digests of every Almaty day or week that is over (each once).

    \b
    Example:
        kznews alerts deliver        # e.g. from cron, every few minutes
    """
    from crawler.alerts import delivery
    from crawler.alerts import rules as alerts_mod

    with user_errors():
        db = _open(db_path)
        sender = delivery.Deliverer(db, alerts_mod.load_config(rules_file).channels)
        counts = sender.run()
        left = delivery.pending_count(db)
        digests = sender.run_digests()
        digests_left = delivery.pending_count(db, "alert_digests")
    click.echo(f"{counts['delivered']} sent, {counts['failed']} failed, {left} pending")
    click.echo(f"digests: {digests['delivered']} sent, {digests['failed']} failed, {digests_left} pending")
    failed, delivered = counts["failed"] + digests["failed"], counts["delivered"] + digests["delivered"]
    if failed and not delivered:
        # exit statuses as everywhere in kznews (docs/cli.md): 2 when nothing went out, 1 when some did not
        raise _AllDeliveriesFailed(
            f"every delivery failed ({failed}); they are kept and retried with backoff,"
            " and the deliveries table (last_error) says why"
        )
    if failed:
        raise click.ClickException(
            f"{failed} deliveries failed; they are kept and retried with backoff,"
            " and the deliveries table (last_error) says why"
        )


@click.command("serve")
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to bind; only this machine by default."
)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port.")
def serve(db_path: str | None, host: str, port: int) -> None:
    """Browse the database in Datasette, read-only, with the kznews pages: rules, hits per day,
    live feeds (/-/kznews) and canned queries. The feed files served are those of this database
    ($KZNEWS_FEEDS_DIR, else feeds/ beside it); the URL to open is printed first.

    \b
    Example:
        kznews serve                       # http://127.0.0.1:8001/-/kznews
        kznews serve --db /tmp/kznews.db --port 8002
    """
    import os

    from datasette.cli import cli as datasette_cli

    from crawler.alerts.feeds import feeds_dir

    target = db_path or default_db_path()
    if not Path(target).is_file():
        raise click.ClickException(
            f"no database at {target}: run a crawl first (make demo) or pass --db PATH"
        )
    # The plugin (crawler/web/plugin.py) reads the feed files from $KZNEWS_FEEDS_DIR: point it at this database's.
    os.environ["KZNEWS_FEEDS_DIR"] = feeds_dir(target)
    shown_host = f"[{host}]" if ":" in host else ("127.0.0.1" if host in ("0.0.0.0", "") else host)
    where = f"http://{shown_host}:{port}/-/kznews" if port else "the port Datasette prints below"
    click.echo(f"serving {target} (feeds from {os.environ['KZNEWS_FEEDS_DIR']}); open {where}")
    sys.stdout.flush()  # before Datasette takes over: a supervisor or a test reads this line at once
    # The kznews plugin (crawler.web.plugin) is loaded through its entry point; it also refuses every write action
    # and bounds what a reader's SQL may cost (crawler/web/sqlguard.py); SQLite's heap is capped here, per process.
    from crawler.web.sqlguard import limit_process_heap

    limit_process_heap()
    args = ["serve", target, "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]
    args += ["--setting", "max_returned_rows", "1000"]
    datasette_cli.main(args=args, prog_name="kznews serve", standalone_mode=True)


__all__ = ["alerts", "serve"]
