"""Where kznews finds the files it ships: the source registry, the example alert rules, the offline mirror.

They live in the checkout's top-level `data/` (the design card's layout) and are installed with the package
as `crawler/data/` (pyproject.toml maps that package onto `data/`), so a non-editable `pip install` or
`pipx` finds them without a checkout. Files people own — the database, their rules, feeds — are not
here: they go where --db and the KZNEWS_* settings say (crawler/settings.py).
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
INSTALLED_DATA = _HERE / "data"  # a built wheel: package data beside the modules
CHECKOUT_DATA = _HERE.parent / "data"  # a checkout or an editable install


def data_dir() -> Path:
    """The folder holding sources.toml, alerts.toml (the example rules) and mirror/."""
    return INSTALLED_DATA if (INSTALLED_DATA / "sources.toml").is_file() else CHECKOUT_DATA


def data_file(name: str) -> Path:
    return data_dir() / name
