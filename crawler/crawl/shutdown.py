"""Stopping on SIGINT / SIGTERM at any moment of a crawl, without tracebacks, orphans or lost records.

Scrapy handles the two signals only while its reactor runs (first: graceful stop, the run recorded
`shutdown`; second: stop at once). Outside that window kznews does it:

- start-up (`kznews crawl` and `demo`, from the first statement of crawler/cli/main.py): a `SignalGate`
  counts signals instead of raising KeyboardInterrupt in the middle of an import. Before any spider
  starts, a counted signal ends the command with one line and a `shutdown` row per site; once the
  reactor runs, the counted signals are handed to Scrapy's own handlers (`hand_over_to_scrapy`).
- after the crawl (feeds, deliveries, summary): the first signal only says the after-crawl step
  finishes first; a second one interrupts it (KeyboardInterrupt, one line).
- children: `spawn_blocked` starts a process with both signals blocked, so one sent to the process
  group during the child's start-up waits until the child has chosen what to do with it (the writer
  ignores them; a scheduled crawl counts them). CPython's resource tracker starts the same way.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# Exit status of a command stopped by a signal (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread; a child started meanwhile inherits the block through exec."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def unblock_signals() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def die_with_parent() -> None:
    """Linux: have the kernel kill this process when its parent dies (prctl PR_SET_PDEATHSIG), so a crawl
    killed with SIGKILL leaves no child behind. Elsewhere a no-op: the writer also watches its parent."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return


class SignalGate:
    """Counts SIGINT/SIGTERM instead of acting on them (see the module docstring)."""

    def __init__(self) -> None:
        self.count = 0
        self.message = b""
        self.interrupt_after = 0  # raise KeyboardInterrupt at this many signals (0: never)

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.interrupt_after and self.count >= self.interrupt_after:
            raise KeyboardInterrupt
        if self.message and self.count == 1:
            # os.write, not print: a handler may interrupt a write to the same stream
            os.write(2, self.message)

    def install(self, message: str = "", interrupt_after: int = 0) -> None:
        self.message = message.encode()
        self.interrupt_after = interrupt_after
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._handle)

    def restore_defaults(self) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


GATE = SignalGate()


def guard_start_up() -> None:
    """First statement of the kznews CLI: count signals from here on, and take the ones a parent (`kznews
    schedule`) held blocked while this process started."""
    GATE.install(
        "kznews: stopping (Ctrl-C again to stop at once)\n",
    )
    unblock_signals()


def hand_over_to_scrapy(send: Callable[[int, int], None] = os.kill) -> None:
    """Called once the reactor runs and Scrapy's handlers are in place: signals counted during start-up are
    sent again, one by one, so Scrapy stops gracefully (one) or at once (two)."""
    pending, GATE.count = min(GATE.count, 2), 0
    if not pending:
        return
    from twisted.internet import reactor

    send(os.getpid(), signal.SIGINT)
    if pending > 1:
        # Python keeps a flag per signal, not a count: the second one goes after the first was handled.
        cast(Any, reactor).callLater(0.1, send, os.getpid(), signal.SIGINT)


def guard_after_crawl() -> None:
    """Feeds, deliveries and the summary finish unless a second signal insists."""
    GATE.count = 0
    GATE.install(
        "kznews: finishing feeds and deliveries first (Ctrl-C again to stop them)\n", interrupt_after=2
    )
