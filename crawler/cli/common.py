"""What the command modules share: the --db option, user errors as one sentence, bad input, the choice of sites.

Imports nothing else from crawler.cli, so every command module can import it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import click

from crawler.ops.process import available_spiders
from crawler.store.db import DatabaseError, default_db_path

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite database (default: $KZNEWS_DB or data/kznews.db).",
)


def resolve_db(db_path: str | None) -> str:
    return db_path or default_db_path()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors people cause into one clear sentence."""
    try:
        yield
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    # Hardening (issue 8): a full or locked disk is a sentence, not a traceback.
    except sqlite3.OperationalError as exc:
        hint = (
            "free some space (or move the database with --db), then run the same command again: "
            "everything committed so far is kept and the rest resumes"
            if "full" in str(exc)
            else "check the database file, its folder and its permissions, then run the command again"
        )
        raise click.ClickException(f"the database failed ({exc}); {hint}") from exc


class BadInput(click.ClickException):
    """A value a person typed that kznews cannot use: one sentence naming it and the choices, exit status 2
    (as click's own usage errors)."""

    exit_code = 2


def choose_sites(sites: Sequence[str], all_sites: bool) -> list[str]:
    """The spiders named (all of them for --all or none named), or one sentence naming the unknown one."""
    known = available_spiders()
    chosen = list(known if all_sites or not sites else sites)
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise BadInput(f"unknown site {unknown[0]!r}; choose from: {', '.join(known)}")
    return chosen
