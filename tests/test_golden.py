"""The golden test: every saved page of every site, parsed and normalised, against its expected JSON.

A case is tests/fixtures/<site>/<case>.html with <case>.json beside it (written by `kznews fixture`,
reviewed by a person, never edited by hand). The response is rebuilt from the recorded URL and bytes;
the spider callback and the normalising pipelines run with now = the recorded fetch time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.ops.fixtures import COMPARED_FIELDS, expected_view, parse_page

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*/*.json"))


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def test_every_site_has_golden_cases() -> None:
    from crawler.cli.main import available_spiders

    sites_with_cases = {p.parent.name for p in CASES}
    assert set(available_spiders()) <= sites_with_cases, "every spider needs at least one golden case"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_golden(case: Path) -> None:
    record = json.loads(case.read_text(encoding="utf-8"))
    body = (
        case.with_suffix(".html").read_bytes()
        if case.with_suffix(".html").exists()
        else case.with_suffix(".body").read_bytes()
    )
    headers = {"Content-Type": record["content_type"]} if record.get("content_type") else None
    items = parse_page(
        case.parent.name,
        record["url"],
        body,
        fetched_at=record["fetched_at"],
        meta=record.get("meta") or {},
        callback=record.get("callback", "parse_article"),
        headers=headers,
    )
    expected = record["expected"]
    assert len(items) == len(expected), f"{case_id(case)}: {len(items)} items, expected {len(expected)}"
    for n, (got, want) in enumerate(zip(items, expected, strict=True)):
        view = expected_view(got)
        for field in COMPARED_FIELDS:
            assert view[field] == want.get(field), f"{case_id(case)} item {n} field {field!r}"
