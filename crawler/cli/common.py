"""What the command modules share: the bad-input error and the choice of sites. Imports nothing from crawler.cli."""

from __future__ import annotations

from collections.abc import Sequence

import click

from crawler.ops.process import available_spiders


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
