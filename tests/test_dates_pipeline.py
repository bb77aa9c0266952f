"""pipelines.dates.DatesPipeline: candidate priority, flags, provenance, gov.kz midnights, settings, stats."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.settings import Settings

from crawler.items import Article
from pipelines.dates import SITE_START, DatesPipeline

FETCHED = "2026-01-06T05:00:00Z"  # 10:00 in Almaty


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def _item(candidates: list[list[str]], *, site: str = "zakon_kz", language: str = "ru") -> dict[str, Any]:
    return {"site": site, "language": language, "fetched_at": FETCHED, "date_candidates": candidates}


def _run(item: Any, pipeline: DatesPipeline | None = None) -> Any:
    return (pipeline or DatesPipeline()).process_item(item)


def test_first_candidate_wins_in_spider_order() -> None:
    item = _run(
        _item(
            [
                ["jsonld", "2026-01-06T10:00:00+05:00"],
                ["meta", "2026-01-05T10:00:00+05:00"],
                ["site", "13:51, 15 августа 2025"],
            ]
        )
    )
    assert item["published_at"] == "2026-01-06T05:00:00Z"
    assert item["published_raw"] == "2026-01-06T10:00:00+05:00"
    assert item["date_source"] == "jsonld"
    assert item["date_precision"] == "second"
    assert item["date_flag"] is None


def test_unparsable_candidates_are_skipped() -> None:
    item = _run(_item([["jsonld", "not a date"], ["meta", ""], ["site", "13:51, 15 августа 2025"]]))
    assert item["published_at"] == "2025-08-15T08:51:00Z"
    assert item["date_source"] == "site"
    assert item["date_precision"] == "minute"
    assert item["date_flag"] is None


def test_relative_forms_count_back_from_fetched_at() -> None:
    item = _run(_item([["site", "2 сағат бұрын"]], language="kk"))
    assert item["published_at"] == "2026-01-06T03:00:00Z"
    item = _run(_item([["listing", "Вчера, 23:59"]]))
    assert item["published_at"] == "2026-01-05T18:59:00Z"


def test_future_date_is_flagged_not_stored() -> None:
    item = _run(_item([["jsonld", "2026-01-06T13:00:00+05:00"]]))
    assert item["published_at"] is None
    assert item["published_raw"] == "2026-01-06T13:00:00+05:00"
    assert item["date_source"] == "jsonld"
    assert item["date_precision"] is None
    assert item["date_flag"] == "future: 3 h after fetch"


def test_a_few_minutes_ahead_is_tolerated() -> None:
    item = _run(_item([["site", "сегодня, 10:09"]]))
    assert item["published_at"] == "2026-01-06T05:09:00Z"
    assert item["date_flag"] is None


def test_suspect_candidate_falls_through_to_the_next_and_is_named_in_the_flag() -> None:
    item = _run(_item([["jsonld", "2026-01-06T13:00:00+05:00"], ["site", "сегодня, 09:40"]]))
    assert item["published_at"] == "2026-01-06T04:40:00Z"
    assert item["date_source"] == "site"
    assert item["published_raw"] == "сегодня, 09:40"
    assert item["date_flag"] == "future: 3 h after fetch (jsonld skipped)"


def test_date_before_site_start_is_flagged() -> None:
    item = _run(_item([["meta", "1970-01-01T00:00:00Z"], ["title", "1999-05-01"]]))
    assert item["published_at"] is None
    assert item["published_raw"] == "1970-01-01T00:00:00Z"
    assert item["date_flag"] == "before site start 2002-11-01"


def test_akorda_legacy_dates_are_after_its_start() -> None:
    item = _run(_item([["listing", "Сентябрь 1998 г."]], site="akorda_kz"))
    assert item["published_at"] == "1998-08-31T17:00:00Z"
    assert item["date_precision"] == "month"


def test_no_date_found() -> None:
    item = _run(_item([]))
    assert item["published_at"] is None
    assert item["published_raw"] is None
    assert item["date_source"] is None
    assert item["date_flag"] == "no date found"
    item = _run(_item([["site", "2021 жылы"], ["title", "Қазан қаласында"]], language="kk"))
    assert item["date_flag"] == "no date found"


def test_updated_at_from_updated_sources() -> None:
    item = _run(
        _item(
            [
                ["updated:jsonld", "2026-01-06T09:30:00+05:00"],
                ["jsonld", "2026-01-05T18:00:00+05:00"],
                ["updated:meta", "2026-01-06T09:45:00+05:00"],
            ]
        )
    )
    assert item["published_at"] == "2026-01-05T13:00:00Z"
    assert item["date_source"] == "jsonld"
    assert item["updated_at"] == "2026-01-06T04:30:00Z"


def test_gov_kz_api_midnight_is_a_day() -> None:
    item = _run(_item([["api", "2019-05-01T00:00:00"]], site="gov_kz"))
    assert item["published_at"] == "2019-04-30T18:00:00Z"  # local midnight of 1 May 2019 (+06:00)
    assert item["date_precision"] == "day"
    item = _run(_item([["api", "2019-05-01T00:00:00Z"]], site="gov_kz"))
    assert item["published_at"] == "2019-04-30T18:00:00Z"
    assert item["date_precision"] == "day"
    item = _run(_item([["api", "2026-01-05T11:48:00Z"]], site="gov_kz"))
    assert item["published_at"] == "2026-01-05T11:48:00Z"
    assert item["date_precision"] == "second"


def test_midnight_rule_is_only_for_api_candidates() -> None:
    item = _run(_item([["jsonld", "2025-05-01T00:00:00+05:00"]]))
    assert item["date_precision"] == "second"


def test_works_on_the_article_dataclass() -> None:
    article = Article(
        url="https://www.zakon.kz/obshestvo/6533466-x.html",
        site="zakon_kz",
        language="ru",
        fetched_at=FETCHED,
        date_candidates=[
            ["title", "Перекрестки ᐈ новость от 16:55, 01 октября 2025 на zakon.kz"],
        ],
    )
    out = _run(article)
    assert out is article
    assert article.published_at == "2025-10-01T11:55:00Z"
    assert article.date_source == "title"
    assert article.date_precision == "minute"


def test_epoch_numbers_from_json() -> None:
    item = _run(_item([["api", 1767672000]]))  # type: ignore[list-item]
    assert item["published_at"] == "2026-01-06T04:00:00Z"


def _crawler(settings: dict[str, Any]) -> SimpleNamespace:
    return SimpleNamespace(settings=Settings(settings), stats=_Stats())


def test_from_crawler_reads_site_start_and_counts_stats() -> None:
    crawler = _crawler({"KZNEWS_SITE_START": {"zakon_kz": "2020-01-01"}})
    pipeline = DatesPipeline.from_crawler(crawler)
    assert pipeline.site_start["akorda_kz"].date().isoformat() == SITE_START["akorda_kz"]
    item = pipeline.process_item(_item([["site", "13:51, 15 августа 2019"]]))
    assert item["date_flag"] == "before site start 2020-01-01"
    pipeline.process_item(_item([["jsonld", "garbage"], ["site", "сегодня, 09:00"]]))
    pipeline.process_item(_item([]))
    stats = crawler.stats.values
    assert stats["kznews/dates/flag/before_start"] == 1
    assert stats["kznews/dates/parsed"] == 1
    assert stats["kznews/dates/source/site"] == 1
    assert stats["kznews/dates/unparsed_candidate"] == 1
    assert stats["kznews/dates/no_date"] == 1


def test_site_start_setting_as_json_string() -> None:
    pipeline = DatesPipeline.from_crawler(_crawler({"KZNEWS_SITE_START": '{"gov_kz": "2019-06-01"}'}))
    assert pipeline.site_start["gov_kz"].date().isoformat() == "2019-06-01"


@pytest.mark.parametrize(
    ("candidate", "flag"),
    [
        (["jsonld", "2026-01-06T05:30:00Z"], "future: 30 min after fetch"),
        (["jsonld", "2026-01-09T05:00:00Z"], "future: 3 d after fetch"),
        (["site", "2027 жылғы 1 қаңтар"], "future: 359 d after fetch"),
    ],
)
def test_future_flag_wording(candidate: list[str], flag: str) -> None:
    assert _run(_item([candidate]))["date_flag"] == flag
