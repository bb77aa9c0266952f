"""House conventions, checked by tests rather than by reviewers (../shared/STYLE.md)."""

from __future__ import annotations

import importlib
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest

from crawler import settings
from crawler.cli.main import cli
from crawler.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def all_commands() -> list[tuple[str, click.Command]]:
    out = []

    def walk(command: click.Command, path: str) -> None:
        out.append((path, command))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}")

    walk(cli, "kznews")
    return out


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=[p for p, _ in all_commands()])
def test_every_command_help_ends_with_an_example(path: str, command: click.Command) -> None:
    help_text = (command.help or "").strip()
    assert "Example" in help_text.split("\n\n")[-1], f"{path}: help must end with an example"


def test_cli_reference_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "tools/cli_doc.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_every_setting_is_documented() -> None:
    documented = (DOCS / "settings.md").read_text(encoding="utf-8")
    names = [n for n in dir(settings) if n.startswith("KZNEWS_")]
    missing = [n for n in names if f"`{n}`" not in documented]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_every_table_and_column_is_documented(tmp_path: Path) -> None:
    db = open_db(tmp_path / "x.db")
    schema_doc = (DOCS / "schema.md").read_text(encoding="utf-8")
    conn: sqlite3.Connection = db.conn
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'articles_fts_%'"
        )
    ]
    missing = []
    for table in tables:
        if (
            f"`{table}`" not in schema_doc
            and f"## {table}" not in schema_doc
            and f"{table}." not in schema_doc
        ):
            missing.append(table)
        for column in (r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")):
            if f"`{column}`" not in schema_doc and f"{table}.{column}" not in schema_doc:
                missing.append(f"{table}.{column}")
    assert not missing, f"docs/schema.md does not describe: {missing}"


SPIDER_FILES = sorted(p for p in (ROOT / "crawler" / "spiders").glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", SPIDER_FILES, ids=[p.stem for p in SPIDER_FILES])
def test_spider_module_conventions(path: Path) -> None:
    module = importlib.import_module(f"crawler.spiders.{path.stem}")
    assert module.__doc__ and len(module.__doc__) > 200, "a spider module documents its site in its docstring"
    from crawler.crawl.base import NewsSpider

    spiders = [
        v
        for v in vars(module).values()
        if isinstance(v, type)
        and issubclass(v, NewsSpider)
        and v is not NewsSpider
        and v.__module__ == module.__name__
    ]
    assert len(spiders) == 1, "one spider per site module"
    spider = spiders[0]
    assert spider.name == path.stem, "module, spider name and fixture folder agree"
    assert re.fullmatch(r"[a-z0-9]+_[a-z]+", spider.name), "site id = domain with dots as underscores"
    assert spider.source_kind in ("news", "gov")
    assert set(spider.languages) <= {"kk", "ru", "en"}
    assert (ROOT / "tests" / "fixtures" / spider.name).is_dir(), "every site has golden fixtures"
    source = path.read_text(encoding="utf-8")
    assert "parse_date" not in source and "dateparser" not in source, "spiders never parse dates themselves"
    # A spider declares; discovery mechanisms live in the base (crawler/crawl/discovery.py, issue 19).
    assert len(source.splitlines()) < 150, f"{path.name}: a site module under 150 lines"


def test_pipelines_are_numbered_with_gaps_and_documented() -> None:
    order = sorted(settings.ITEM_PIPELINES.items(), key=lambda kv: kv[1])
    numbers = [n for _, n in order]
    assert numbers == sorted(set(numbers)) and all(n % 50 == 0 for n in numbers)
    for path, _ in order:
        module = importlib.import_module(path.rsplit(".", 1)[0])
        assert module.__doc__, f"{path}: one-line docstring saying its concern"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").count("make test") >= 1


def test_no_test_tool_or_benchmark_reads_outside_the_repository() -> None:
    # A fresh clone has no ../shared beside it (issue 16 item 1): what a test needs is copied into the repo.
    # Path constructions only: provenance notes may still name the shared files they came from.
    outside = re.compile(r"""/\s*["']shared["']|Path\(["']\.\./|parents\[[3-9]\]|parent\.parent\.parent""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("tests", "tools", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if outside.search(line)
    ]
    assert not offenders, f"paths outside the repository: {offenders}"


def test_make_test_runs_on_every_core_with_its_plugin_installed() -> None:
    """`make test` hands whole modules to pytest-xdist workers, slowest first: the plugin is a dev
    dependency (a fresh clone's .venv has it) and every module named in SLOWEST_FIRST exists."""
    from tests.conftest import SLOWEST_FIRST

    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "-m pytest -n auto --dist loadfile --no-loadscope-reorder" in recipe, recipe
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    dev = pyproject.split("\ndev = [", 1)[1].split("]", 1)[0]
    assert '"pytest-xdist' in dev, dev
    missing = [name for name in SLOWEST_FIRST if not (ROOT / "tests" / name).is_file()]
    assert missing == [] and len(set(SLOWEST_FIRST)) == len(SLOWEST_FIRST), missing
