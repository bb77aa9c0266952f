"""Shared test fixtures: the offline mirror server, temporary databases, running the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "data" / "mirror"
BIN = Path(sys.executable).parent

os.chdir(ROOT)  # settings and the mirror resolve relative paths from the repository root
os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("KZNEWS_LIVE") == "1":
        return
    skip = pytest.mark.skip(reason="live check against the real sites: set KZNEWS_LIVE=1")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def mirror_server():
    from crawler.crawl.mirror import serve

    server = serve([MIRROR])
    yield server
    server.shutdown()


@pytest.fixture
def tmp_db(tmp_path: Path) -> str:
    return str(tmp_path / "kznews.db")


def kznews(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the real `kznews` console script."""
    full_env = {**os.environ, "KZNEWS_LOG_LEVEL": "WARNING", **(env or {})}
    result = subprocess.run(
        [str(BIN / "kznews"), *args], capture_output=True, text=True, timeout=timeout, env=full_env, cwd=ROOT
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"kznews {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result
