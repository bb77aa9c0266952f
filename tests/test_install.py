"""kznews installed as a package (non-editable) and run from a directory outside the checkout (issue 16 item 0).

The project is copied, built and installed without build isolation or dependencies into a fresh venv that
sees this test venv's packages (a .pth line: no download), then `kznews ingest`, `kznews crawl --all
--mirror` and `kznews alerts run` run from an empty directory with no scrapy.cfg and no data/ folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Outputs and caches a checkout may hold beside its sources: never part of a build.
IGNORED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "__pycache__",
    "*.egg-info",
    "build",
    "dist",
    ".*_cache",
    ".hypothesis",
    ".screens",  # tests/test_web_pages.py writes and replaces these while this copy runs (pytest -n)
    "kznews.db*",
    "feeds",
)

ARTICLE = {
    "url": "https://www.zakon.kz/politika/7000004-ingested.html",
    "site": "zakon_kz",
    "language": "ru",
    "title": "Токаев провёл совещание по развитию цифровой инфраструктуры",
    "body": (
        "Глава государства Касым-Жомарт Токаев провёл совещание по развитию цифровой инфраструктуры страны. "
        "Обсуждались вопросы подключения сельских населённых пунктов к широкополосному интернету, "
        "строительства центров обработки данных и подготовки специалистов в области информационных "
        "технологий. Президент поручил правительству ускорить реализацию проектов."
    ),
    "published_at": "2026-03-02T09:00:00+05:00",
}


def conn_ids_include(db: Path, url: str) -> bool:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles WHERE url = ?", [url]).fetchone()[0] == 1


def run(venv: Path, cwd: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    # No SCRAPY_SETTINGS_MODULE (the test session sets one) and no KZNEWS_*: what cron or a new shell has.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KZNEWS_", "SCRAPY_"))}
    env.update({"KZNEWS_PROGRESS": "0", "HOME": str(cwd.parent / "home"), "PYTHONDONTWRITEBYTECODE": "1"})
    result = subprocess.run(
        [str(venv / "bin" / args[0]), *args[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("install")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # A venv made from this one would see the base interpreter's packages, not this venv's: point at ours.
    purelib = Path(sysconfig.get_paths()["purelib"])
    target = next((venv / "lib").glob("python3*/site-packages"))
    (target / "kznews-test-deps.pth").write_text(f"{purelib}\n", encoding="utf-8")
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=base,
    )
    shutil.rmtree(source)  # nothing may come from the checkout copy any more
    return venv


def test_installed_kznews_runs_from_any_directory(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = run(
        installed, work, "python", "-c", "import crawler.paths as p; print(p.__file__); print(p.data_dir())"
    )
    module, data = where.stdout.split()
    assert module.startswith(str(installed)) and data.startswith(str(installed)), where.stdout

    (work / "items.jsonl").write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = work / "store" / "kznews.db"
    ingested = run(installed, work, "kznews", "ingest", "items.jsonl", "--db", str(db))
    assert "1 new" in ingested.stdout, ingested.stdout

    run(installed, work, "kznews", "alerts", "add", "tokayev", "Тоқаев OR Токаев", "--db", str(db))
    crawled = run(installed, work, "kznews", "crawl", "--all", "--mirror", "--db", str(db))
    assert "total:" in crawled.stdout, crawled.stdout
    alerted = run(installed, work, "kznews", "alerts", "run", "--since", "2020-01-01", "--db", str(db))
    assert "feed files written" in alerted.stdout, alerted.stdout

    with sqlite3.connect(db) as conn:
        sites = dict(conn.execute("SELECT site, count(*) FROM articles GROUP BY site").fetchall())
        cited = conn.execute(
            "SELECT count(*) FROM articles WHERE cited_sources NOT IN ('', '[]')"
        ).fetchone()[0]
        hits = conn.execute("SELECT count(*) FROM alert_hits WHERE rule_id = 'tokayev'").fetchone()[0]
    # the ingested article and every mirrored site, through every pipeline (sources need data/sources.toml)
    assert conn_ids_include(db, ARTICLE["url"]), "the ingested article is stored"
    assert {"zakon_kz", "akorda_kz", "primeminister_kz", "gov_kz"} <= set(sites), sites
    assert sum(sites.values()) > 50 and cited > 0 and hits > 1, (sites, cited, hits)
    feed = (db.parent / "feeds" / "tokayev.atom").read_text(encoding="utf-8")
    assert feed.count("<entry") >= 2, feed[:500]
    # user files only where the paths say: nothing written beside the working directory's own files
    assert sorted(p.name for p in work.iterdir()) == ["items.jsonl", "store"]
