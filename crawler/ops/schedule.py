"""`kznews schedule`: crawl each site for ever at its own interval, one run per site at a time.

- Intervals come from KZNEWS_SCHEDULE (settings.py), overridden by the environment variable of the
  same name ("zakon_kz=300,gov_kz=3600" or JSON); each wait is spread by ±KZNEWS_SCHEDULE_JITTER.
  The next run of a site is due one interval after its previous run *started*; a run that overruns
  its interval is followed by the next one as soon as it ends, never overlapped.
- Each run is a child process (`python -m crawler.cli.main crawl SITE --db DB`): a crash, a leak or a
  stuck reactor costs one run, and the Twisted reactor starts fresh every time.
- Per-site lock: an exclusive flock on `<db>.locks/<site>.lock`, taken before the child starts and
  inherited by it, so two schedulers on one database (or a cron job using `flock -n` on the same
  file) never run the same site at once; the lock dies with the last process holding it.
- Shutdown: the first SIGTERM/SIGINT stops new runs and forwards one SIGINT to each running crawl —
  Scrapy's graceful stop: in-flight requests finish, each article already downloaded is stored or
  not in one transaction, the crawl_runs row gets finish_reason 'shutdown'. A second signal sends
  SIGTERM (Scrapy's forced stop; anything unfinished is fetched again by the next run); after
  KILL_AFTER more seconds, SIGKILL.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

KILL_AFTER = 30.0  # seconds between the forced stop and SIGKILL
POLL = 0.2  # seconds between looks at the children and the clock


class ScheduleError(ValueError):
    pass


def parse_schedule(text: str) -> dict[str, float]:
    """'zakon_kz=600,gov_kz=1800' or '{"zakon_kz": 600}' → {site: seconds}."""
    text = text.strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ScheduleError(f"KZNEWS_SCHEDULE is not valid JSON ({exc})") from exc
        pairs = list(data.items())
    else:
        pairs = []
        for part in text.split(","):
            site, sep, value = part.strip().partition("=")
            if not sep:
                raise ScheduleError(f"{part.strip()!r} in KZNEWS_SCHEDULE is not SITE=SECONDS")
            pairs.append((site.strip(), value.strip()))
    out: dict[str, float] = {}
    for site, value in pairs:
        try:
            seconds = float(value)
        except (TypeError, ValueError) as exc:
            raise ScheduleError(f"interval {value!r} for {site} is not a number of seconds") from exc
        if seconds <= 0:
            raise ScheduleError(f"interval for {site} must be positive, not {value!r}")
        out[str(site)] = seconds
    return out


def load_schedule(
    settings: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> dict[str, float]:
    """The per-site intervals: the KZNEWS_SCHEDULE setting, then the environment variable over it."""
    if settings is None:
        from scrapy.utils.project import get_project_settings

        settings = get_project_settings()
    base = settings.get("KZNEWS_SCHEDULE") or {}
    if isinstance(base, str):
        base = parse_schedule(base)
    schedule = {str(k): float(v) for k, v in dict(base).items()}
    override = (env if env is not None else os.environ).get("KZNEWS_SCHEDULE")
    if override:
        schedule.update(parse_schedule(override))
    return schedule


def lock_path(db_path: str, site: str) -> Path:
    return Path(f"{db_path}.locks") / f"{site}.lock"


def try_lock(db_path: str, site: str) -> IO[bytes] | None:
    """An open lock file holding an exclusive flock for SITE on this database, or None if taken."""
    path = lock_path(db_path, site)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")  # noqa: SIM115 - held for the run's lifetime
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n".encode())
    handle.flush()
    return handle


def crawl_command(
    site: str, db_path: str, *, mirror_url: str | None = None, extra: Sequence[str] = ()
) -> list[str]:
    # --quiet: each run's Scrapy log goes to its own logs/SITE.log, so the scheduler's output never
    # interleaves four crawls; a failing run still prints its one-line reason.
    command = [sys.executable, "-m", "crawler.cli.console", "crawl", site, "--db", db_path, "--quiet"]
    if mirror_url:
        command += ["--mirror-url", mirror_url]
    return command + list(extra)


@dataclass
class Running:
    site: str
    process: subprocess.Popen[bytes]
    lock: IO[bytes]
    started: float
    signals_sent: int = 0
    killed_at: float | None = None


@dataclass
class Scheduler:
    db_path: str
    intervals: dict[str, float]
    jitter: float = 0.1
    mirror_url: str | None = None
    once: bool = False
    max_runs: int | None = None
    extra_args: Sequence[str] = ()
    command: Callable[[str], list[str]] | None = None
    clock: Callable[[], float] = time.monotonic
    rng: random.Random = field(default_factory=random.Random)
    echo: Callable[[str], None] = print
    # Adaptive polling (crawler/ops/polling.py): an object with wait(site) -> seconds until the site is due and
    # min_gap(site) -> seconds between two starts; None: the fixed intervals above.
    policy: Any = None
    # state
    running: dict[str, Running] = field(default_factory=dict)
    next_due: dict[str, float] = field(default_factory=dict)
    runs_started: int = 0
    results: list[tuple[str, int]] = field(default_factory=list)  # (site, exit status) per finished run
    skipped: list[str] = field(default_factory=list)  # --once: sites whose lock another process held
    stopping: int = 0  # signals received

    def spread(self, seconds: float) -> float:
        return seconds * (1 + self.rng.uniform(-self.jitter, self.jitter)) if self.jitter else seconds

    def request_stop(self, signum: int = signal.SIGTERM, frame: Any = None) -> None:
        self.stopping += 1
        if self.stopping == 1:
            self.echo(
                f"schedule: stopping — waiting for {len(self.running)} running crawl(s) to finish"
                " (signal again to force)"
            )
            for run in self.running.values():
                self._signal(run, signal.SIGINT)
        else:
            self.echo("schedule: forcing the running crawls to stop")
            for run in self.running.values():
                self._signal(run, signal.SIGTERM)
                run.killed_at = run.killed_at or self.clock()

    def _signal(self, run: Running, signum: int) -> None:
        if run.process.poll() is None:
            try:
                os.killpg(run.process.pid, signum)
            except ProcessLookupError:
                pass
            run.signals_sent += 1

    def _adaptive(self, site: str) -> bool:
        return self.policy is not None and self.policy.covers(site)

    def _launch(self, site: str) -> bool:
        lock = try_lock(self.db_path, site)
        if lock is None:
            self.echo(f"schedule: {site} is being crawled by another process (lock held); trying later")
            return False
        extra = list(self.extra_args) + (["-s", "KZNEWS_POLLING=adaptive"] if self._adaptive(site) else [])
        command = (
            self.command
            or (lambda s: crawl_command(s, self.db_path, mirror_url=self.mirror_url, extra=extra))
        )(site)
        from crawler.crawl.shutdown import signals_blocked

        # Own session: a Ctrl-C on the terminal reaches the scheduler only, which forwards it once. Started with
        # SIGINT/SIGTERM blocked: one forwarded during the child's start-up waits until the child counts it
        # (crawler/crawl/shutdown.py), so every stopped run is recorded `shutdown` and no writer is caught half-born.
        with signals_blocked():
            process = subprocess.Popen(command, start_new_session=True, pass_fds=(lock.fileno(),))
        self.running[site] = Running(site, process, lock, self.clock())
        self.runs_started += 1
        self.echo(f"schedule: started {site} (pid {process.pid}, run {self.runs_started})")
        return True

    def _reap(self) -> None:
        for site, run in list(self.running.items()):
            status = run.process.poll()
            if status is None:
                if run.killed_at is not None and self.clock() - run.killed_at > KILL_AFTER:
                    self._signal(run, signal.SIGKILL)
                continue
            run.lock.close()
            del self.running[site]
            self.results.append((site, status))
            took = self.clock() - run.started
            self.echo(f"schedule: {site} finished with status {status} after {took:.1f} s")

    def _budget_left(self) -> bool:
        return self.max_runs is None or self.runs_started < self.max_runs

    def done(self) -> bool:
        if self.running:
            return False
        if self.stopping:
            return True
        if not self._budget_left():
            return True
        if self.once:
            handled = {site for site, _ in self.results} | set(self.skipped)
            return all(site in handled for site in self.intervals)
        return False

    def step(self) -> None:
        self._reap()
        if self.stopping or not self._budget_left():
            return
        now = self.clock()
        for site, interval in self.intervals.items():
            if site in self.running or not self._budget_left():
                continue
            if self.once and (site in self.skipped or any(s == site for s, _ in self.results)):
                continue
            due = self.next_due.get(site)
            if due is not None and now < due:
                continue
            if self._adaptive(site) and not self.once:
                wait = self.policy.wait(site)
                if wait > 1.0:  # asked again when this wait is over, not on every look at the clock
                    self.next_due[site] = now + wait
                    continue
            if self._launch(site):
                gap = self.policy.min_gap(site) if self._adaptive(site) else self.spread(interval)
                self.next_due[site] = now + gap
            elif self.once:
                self.skipped.append(site)
            else:
                self.next_due[site] = now + min(60.0, self.spread(interval))

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            sites = ", ".join(f"{s} every {v:.0f} s" for s, v in self.intervals.items())
            self.echo(f"schedule: {sites} (±{self.jitter * 100:.0f}%), database {self.db_path}")
            while not self.done():
                self.step()
                time.sleep(POLL)
            self._reap()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        failed = [(s, code) for s, code in self.results if code != 0]
        return 1 if failed and not self.stopping else 0
