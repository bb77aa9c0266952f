"""What a person reads: Almaty local time by the stored precision (the stored UTC instant stays)."""

from crawler.display import local_iso, local_time


def test_day_precision_shows_the_local_day_not_the_utc_day_before():
    # "28 мамыр" is stored as local midnight = 19:00 UTC on the 27th (UTC+5 since 2024-03-01).
    assert local_time("2026-05-27T19:00:00Z", "day") == "2026-05-28"


def test_minute_precision_shows_local_time_with_the_offset_of_that_day():
    assert local_time("2026-05-28T04:15:00Z", "minute") == "2026-05-28 09:15 +05:00"
    # Before 2024-03-01 Almaty was UTC+6.
    assert local_time("2020-05-28T04:15:00Z", "minute") == "2020-05-28 10:15 +06:00"


def test_month_precision_and_missing_values():
    assert local_time("2026-04-30T19:00:00Z", "month") == "2026-05"
    assert local_time(None, "day") == ""
    assert local_time("not a date", "day") == ""


def test_feed_time_is_rfc3339_local_without_microseconds():
    assert local_iso("2026-05-28T04:15:00.123456Z") == "2026-05-28T09:15:00+05:00"
