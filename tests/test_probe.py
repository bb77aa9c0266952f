"""`kznews probe` and `kznews fixture` against the mirror over real HTTP, and offline."""

from __future__ import annotations

import json
import re
import socket
import time
from pathlib import Path

import pytest

from tests.conftest import MIRROR, kznews
from tests.ops_support import mirror
from tests.test_survive import _overlay


def test_probe_reports_layers_per_field_and_saves_fixtures(tmp_path: Path) -> None:
    dest = tmp_path / "probe"
    with mirror() as server:
        # KZNEWS_MIRROR routes the probe (and its Scrapy download path) to the mirror
        result = kznews(
            "probe", "zakon_kz", "gov_kz", "--dest", str(dest), env={"KZNEWS_MIRROR": server.base_url}
        )
    lines = result.stdout.splitlines()
    assert re.match(r"zakon_kz\s+OK\s+3 articles, \d+ pages saved in ", lines[0]), result.stdout
    assert any(re.match(r"\s+body\s+site 3$", x) for x in lines), result.stdout
    assert any(re.match(r"\s+title\s+jsonld 3$", x) for x in lines), result.stdout
    assert any(re.match(r"gov_kz\s+OK\s+3 articles", x) for x in lines), result.stdout
    assert any(re.match(r"\s+published\s+api 3$", x) for x in lines), result.stdout
    for site in ("zakon_kz", "gov_kz"):
        cases = sorted((dest / site).glob("*_probe_article*.json"))
        # zakon: one page per article; gov.kz: the articles came in one API answer, saved once
        assert len(cases) == (3 if site == "zakon_kz" else 1)
        for case in cases:
            record = json.loads(case.read_text(encoding="utf-8"))
            assert record["provenance"].startswith("real: fetched by kznews probe")
            assert record["expected"][0]["title"] and record["expected"][0]["published_at"]
            page = case.with_suffix(".html" if site == "zakon_kz" else ".body")
            assert page.stat().st_size > 500
        entries = list((dest / site).glob("*.entry.*.url"))
        assert entries, "the entry pages (listing, feed, sitemap, API list) are saved too"


def test_probe_names_the_field_and_exits_non_zero_when_a_site_needs_attention(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    _overlay(
        overlay,
        lambda t: (
            re.sub(r'<meta[^>]*(?:name="description"|property="og:description")[^>]*>', "", t)
            .replace('class="description"', 'class="x9"')
            .replace('"description":', '"x":')
        ),
    )
    with mirror([overlay, MIRROR]) as server:
        result = kznews(
            "probe",
            "zakon_kz",
            "--mirror-url",
            server.base_url,
            "--dest",
            str(tmp_path / "p"),
            "--json",
            check=False,
        )
    assert result.returncode == 1, result.stdout + result.stderr
    (row,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert row["state"] == "DEGRADED" and set(row["layers"]["lead"]) <= {"none", "fallback"}
    assert {"field:lead", "selector:lead"} <= {f["subject"] for f in row["findings"]}, row["findings"]


def test_probe_offline_says_so_in_one_sentence_within_two_seconds(tmp_path: Path) -> None:
    try:
        socket.getaddrinfo("www.zakon.kz", 443)
        pytest.skip("this machine can resolve the live sites: it is not offline")
    except OSError:
        pass
    started = time.monotonic()
    result = kznews("probe", "--dest", str(tmp_path), check=False, env={"KZNEWS_MIRROR": ""})
    assert time.monotonic() - started < 2.0
    assert result.returncode == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("Error: offline: ") and message.count("\n") == 0 and "Traceback" not in message
    assert "www.zakon.kz" in message and not any(tmp_path.iterdir())


def test_probe_of_a_mirror_that_is_not_running_is_offline_too(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = kznews("probe", "akorda_kz", "--mirror-url", f"http://127.0.0.1:{port}", check=False)
    assert (
        result.returncode == 1
        and f"the mirror at http://127.0.0.1:{port} could not be reached" in result.stderr
    )


def test_probe_refuses_an_unknown_site_with_the_choices() -> None:
    result = kznews("probe", "zakon", check=False)
    assert result.returncode == 1
    assert "unknown site 'zakon'; choose from: akorda_kz, gov_kz, primeminister_kz, zakon_kz" in result.stderr


def test_fixture_fetches_through_scrapy(tmp_path: Path) -> None:
    url = "https://www.zakon.kz/obshestvo/6533466-dva-zagruzhennykh-perekrestka-zakroyut-v-astane.html"
    with mirror() as server:
        kznews("fixture", "zakon_kz", url, "--mirror-url", server.base_url, "--dest", str(tmp_path))
        missing = kznews(
            "fixture", "zakon_kz", url.replace("6533466", "6533467"), "--mirror-url", server.base_url,
            "--dest", str(tmp_path / "none"), check=False,
        )  # fmt: skip
    (case,) = (tmp_path / "zakon_kz").glob("*.json")
    record = json.loads(case.read_text(encoding="utf-8"))
    assert record["expected"][0]["title"] == "Два загруженных перекрестка закроют в Астане"
    assert record["provenance"].startswith("mirror: ")
    assert missing.returncode == 1 and "answered HTTP 404" in missing.stderr


def test_the_readme_first_run_section_runs_as_written(tmp_path: Path) -> None:
    """Every command of README "First run on the live sites", against the mirror (KZNEWS_MIRROR)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## First run on the live sites", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].split() for line in block.splitlines() if line.strip()]
    assert [c[:2] for c in commands] == [
        ["kznews", "probe"],
        ["kznews", "probe"],
        ["kznews", "crawl"],
        ["kznews", "status"],
    ]
    db = tmp_path / "kznews.db"
    with mirror() as server:
        env = {
            "KZNEWS_MIRROR": server.base_url,
            "KZNEWS_DB": str(db),
            "KZNEWS_FEEDS_DIR": str(tmp_path / "feeds"),
            "KZNEWS_ALERTS_FILE": str(tmp_path / "none.toml"),
        }
        for command in commands:
            args = command[1:]
            if args[0] == "probe":  # keep the repository's tests/fixtures clean: the pages go to tmp
                args = [a.replace("/tmp/kznews-probe", str(tmp_path / "probe")) for a in args]
                if "--dest" not in args:
                    args += ["--dest", str(tmp_path / "probe-all")]
            result = kznews(*args, env=env, check=False, timeout=300)
            assert result.returncode == 0, (command, result.stdout, result.stderr)
    assert (tmp_path / "probe" / "zakon_kz").is_dir() and (tmp_path / "probe-all" / "gov_kz").is_dir()
    assert db.exists()
