"""Bad input gets one sentence naming the bad value and the choices, no traceback, a non-zero exit (issue 16
item 6), through the real CLI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, kznews

RULES_WITH_HOOK = '[channels.hook]\ntype = "webhook"\nurl_env = "KZNEWS_TEST_UNSET_HOOK"\n'


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["crawl", "zakon_kz", "--since", "01.01.2026"], ["'01.01.2026'", "2026-01-31"]),
        (["crawl", "--all", "--lang", "xx"], ["'xx'", "ru, kk, en"]),
        (["crawl", "zakon_kz", "--lang", "en"], ["zakon_kz publishes in ru, kk"]),
        (["crawl", "zakonkz"], ["'zakonkz'", "zakon_kz"]),
        (["crawl", "zakon_kz", "-s", "KZNEWS_CONTACT"], ["'KZNEWS_CONTACT'", "NAME=VALUE"]),
        (["schedule", "--site", "zakonkz"], ["'zakonkz'", "zakon_kz"]),
        (["reparse", "--site", "zakon"], ["'zakon'", "zakon_kz"]),
        (["alerts", "add", "x", "Токаев", "--cited", "nosuchsource"], ["'nosuchsource'", "primeminister"]),
        (["alerts", "add", "x", "Токаев", "--site", "zakonkz"], ["'zakonkz'", "zakon_kz"]),
    ],
    ids=lambda v: (
        " ".join(v)
        if isinstance(v, list) and v and v[0] in ("crawl", "schedule", "reparse", "alerts")
        else ""
    ),
)
def test_bad_values_are_named_with_the_choices(tmp_path: Path, args: list[str], needles: list[str]) -> None:
    result = kznews(*args, "--db", str(tmp_path / "kznews.db"), check=False, timeout=120)
    one_line_error(result, *needles)
    assert not (tmp_path / "logs").exists()  # refused before any crawl started


def test_a_database_path_that_is_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    for args in (
        ["alerts", "add", "x", "Токаев"],
        ["alerts", "run", "--since", "2026-01-01"],
        ["reparse"],
        ["ingest", "-"],
    ):
        result = kznews(*args, env={"KZNEWS_DB": str(folder)}, check=False)
        one_line_error(result, str(folder), "is a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_database(tmp_path: Path) -> None:
    db = tmp_path / "kznews.db"
    kznews("alerts", "add", "x", "Токаев", "--db", str(db))
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        for args in (
            ["alerts", "add", "y", "Токаев"],
            ["alerts", "run", "--since", "2026-01-01"],
            ["reparse"],
        ):
            one_line_error(kznews(*args, "--db", str(db), check=False), str(db))
    finally:
        tmp_path.chmod(0o755)


def test_a_channel_without_an_endpoint_is_refused_at_add(tmp_path: Path) -> None:
    rules = tmp_path / "alerts.toml"
    rules.write_text(RULES_WITH_HOOK, encoding="utf-8")
    db = tmp_path / "kznews.db"
    result = kznews(
        "alerts",
        "add",
        "x",
        "Токаев",
        "--channel",
        "hook",
        "--rules-file",
        str(rules),
        "--db",
        str(db),
        check=False,
    )
    one_line_error(result, "KZNEWS_TEST_UNSET_HOOK", "configure the channel")
    ok = kznews(
        "alerts", "add", "x", "Токаев", "--channel", "hook", "--rules-file", str(rules), "--db", str(db),
        env={"KZNEWS_TEST_UNSET_HOOK": "http://127.0.0.1:9/hook"},
    )  # fmt: skip
    assert "added rule x" in ok.stdout


@pytest.mark.parametrize(
    ("spider", "argument", "needle"),
    [("zakon_kz", "lang=xx", "-a lang=xx"), ("gov_kz", "agencies=mfaa", "unknown agency 'mfaa'")],
)
def test_scrapy_crawl_argument_errors_are_one_line(
    tmp_path: Path, spider: str, argument: str, needle: str
) -> None:
    env = {**os.environ, "KZNEWS_DB": str(tmp_path / "kznews.db"), "KZNEWS_LOG_LEVEL": "ERROR"}
    result = subprocess.run(
        [str(BIN / "scrapy"), "crawl", spider, "-a", argument],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert needle in result.stderr.strip().splitlines()[-1]
