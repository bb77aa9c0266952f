"""Settings that depend on other settings, derived after `-s NAME=VALUE` and a spider's own settings apply.

`crawler/settings.py` reads the environment once, at import: a value given with `-s` (`scrapy crawl -s`,
`kznews crawl -s`) must still reach what is derived from it. `KznewsAddon` (a Scrapy add-on, ADDONS in
settings.py) runs when each crawler's settings are final but not yet frozen.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_CONTACT = "https://github.com/kznews/kznews"
_warned = False


def user_agent(contact: str) -> str:
    return f"kznews/0.1 (+{contact}; news monitoring crawler)"


def contact_warning(settings: Any) -> str | None:
    """The warning for a live crawl (no KZNEWS_MIRROR) whose User-Agent names no contact of its operator."""
    if settings.get("KZNEWS_MIRROR"):
        return None
    contact = str(settings.get("KZNEWS_CONTACT") or "").strip()
    if contact and contact != DEFAULT_CONTACT:
        return None
    return (
        "KZNEWS_CONTACT is not set: the sites see the project's address, not yours, in the User-Agent; "
        "set it to your URL or e-mail (environment or -s KZNEWS_CONTACT=...)"
    )


class KznewsAddon:
    def update_settings(self, settings: Any) -> None:
        from scrapy.settings import SETTINGS_PRIORITIES

        global _warned
        # USER_AGENT given explicitly (-s USER_AGENT=..., a spider's custom_settings) stays as it is
        if (settings.getpriority("USER_AGENT") or 0) <= SETTINGS_PRIORITIES["project"]:
            contact = settings.get("KZNEWS_CONTACT") or DEFAULT_CONTACT
            settings.set("USER_AGENT", user_agent(contact), priority="project")
        warning = contact_warning(settings)
        if warning and not _warned:  # once per process, not once per spider of `kznews crawl --all`
            _warned = True
            log.warning(warning)
