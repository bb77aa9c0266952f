"""Benchmark: crawler.dates.parse_date vs dateparser.parse on one corpus of the dates our sites print.

    .venv/bin/python benchmarks/dates.py            # full run
    .venv/bin/python benchmarks/dates.py --quick    # fewer repetitions
    .venv/bin/python benchmarks/dates.py --regenerate   # rebuild benchmarks/data/dates_corpus.tsv
    .venv/bin/python benchmarks/dates.py --classes      # only issue 20's classes and dateparser's own cases
    .venv/bin/python benchmarks/dates.py --against 593fe2d   # time this tree against another revision

The corpus (benchmarks/data/dates_corpus.tsv: text, lang, expected instant or empty for "not a date",
precision, group) holds hand-written rows for the relative, case-ending, label, weekday, Zakon.kz and refusal
forms, plus rows rendered from seeded random instants in each language's printed forms with month tables of
its own (not crawler.dates's). Everything is read at the same fixed `now`: 2026-01-06 10:00 Almaty.

Both tools get the page language; dateparser also gets RELATIVE_BASE (naive local now), TIMEZONE
Asia/Almaty, DATE_ORDER DMY, PREFER_DATES_FROM past, PREFER_DAY_OF_MONTH first. A row is right when the
instant equals the expected one (conventions of docs/dates.md: date only = local midnight, month = the 1st);
an expected "not a date" is right only when the tool returns None.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
import warnings
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.dates import ALMATY, parse_date_info  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "dates_corpus.tsv"
PUBLIC = Path(__file__).resolve().parent / "data" / "dateparser_cases.tsv"
NOW = datetime(2026, 1, 6, 5, 0, tzinfo=UTC)  # 10:00 in Almaty, a Tuesday

# Hand-written rows: (text, lang, expected wall time with offset or "", precision, group)
HAND: list[tuple[str, str, str, str, str]] = [
    # Kazakh official and day-first, as akorda.kz and kaz.zakon.kz print them
    ("2021 жылғы 25 қаңтар", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("2021 жылдың 25 қаңтары", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("2026 жылғы 12 маусым", "kk", "2026-06-12T00:00+05:00", "day", "kk"),
    ("1999 жылғы қыркүйек", "kk", "1999-09-01T00:00+07:00", "month", "kk"),
    ("25 қаңтар 2021 ж.", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("25 қаң. 2021", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("16 желтоқсан 2021, 10:00", "kk", "2021-12-16T10:00+06:00", "minute", "kk"),
    ("14:35, 25 қаңтар 2021", "kk", "2021-01-25T14:35+06:00", "minute", "kk"),
    ("Жарияланды: 2021 жылғы 25 қаңтар", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("2021 jylğy 25 qañtar", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("2021 jylğy 25 qaŋtar", "kk", "2021-01-25T00:00+06:00", "day", "kk"),
    ("25 säuır 2021", "kk", "2021-04-25T00:00+06:00", "day", "kk"),
    # Kazakh case endings without a year: the most recent past occurrence
    ("25 қаңтарда", "kk", "2025-01-25T00:00+05:00", "day", "kk-case"),
    ("5 қаңтарда", "kk", "2026-01-05T00:00+05:00", "day", "kk-case"),
    ("1 қыркүйегінде", "kk", "2025-09-01T00:00+05:00", "day", "kk-case"),
    ("15 тамызда сағат 10:00-де", "kk", "2025-08-15T10:00+05:00", "minute", "kk-case"),
    ("20 наурыздағы", "kk", "2025-03-20T00:00+05:00", "day", "kk-case"),
    ("қаңтардағы", "kk", "2026-01-01T00:00+05:00", "month", "kk-case"),
    ("шілдеде", "kk", "2025-07-01T00:00+05:00", "month", "kk-case"),
    ("тамызда сағат 10:00-де", "kk", "2025-08-01T00:00+05:00", "month", "kk-case"),
    ("31 желтоқсанда", "kk", "2025-12-31T00:00+05:00", "day", "kk-case"),
    ("29 ақпанда", "kk", "2024-02-29T00:00+06:00", "day", "kk-case"),
    # relative, kk / ru / en
    ("Бүгін, 14:30", "kk", "2026-01-06T14:30+05:00", "minute", "relative"),
    ("бүгін 08:05", "kk", "2026-01-06T08:05+05:00", "minute", "relative"),
    ("Кеше, 09:15", "kk", "2026-01-05T09:15+05:00", "minute", "relative"),
    ("2 сағат бұрын", "kk", "2026-01-06T08:00+05:00", "minute", "relative"),
    ("15 минут бұрын", "kk", "2026-01-06T09:45+05:00", "minute", "relative"),
    ("бір сағат бұрын", "kk", "2026-01-06T09:00+05:00", "minute", "relative"),
    ("жарты сағат бұрын", "kk", "2026-01-06T09:30+05:00", "minute", "relative"),
    ("Жаңа ғана", "kk", "2026-01-06T10:00+05:00", "minute", "relative"),
    ("екі күн бұрын", "kk", "2026-01-04T00:00+05:00", "day", "relative"),
    ("Сегодня, 10:20", "ru", "2026-01-06T10:20+05:00", "minute", "relative"),
    ("сегодня в 10:20", "ru", "2026-01-06T10:20+05:00", "minute", "relative"),
    ("Вчера, 23:59", "ru", "2026-01-05T23:59+05:00", "minute", "relative"),
    ("3 часа назад", "ru", "2026-01-06T07:00+05:00", "minute", "relative"),
    ("только что", "ru", "2026-01-06T10:00+05:00", "minute", "relative"),
    ("минуту назад", "ru", "2026-01-06T09:59+05:00", "minute", "relative"),
    ("час назад", "ru", "2026-01-06T09:00+05:00", "minute", "relative"),
    ("полчаса назад", "ru", "2026-01-06T09:30+05:00", "minute", "relative"),
    ("пять минут назад", "ru", "2026-01-06T09:55+05:00", "minute", "relative"),
    ("2 дня назад", "ru", "2026-01-04T00:00+05:00", "day", "relative"),
    ("2 hours ago", "en", "2026-01-06T08:00+05:00", "minute", "relative"),
    ("an hour ago", "en", "2026-01-06T09:00+05:00", "minute", "relative"),
    ("half an hour ago", "en", "2026-01-06T09:30+05:00", "minute", "relative"),
    ("yesterday", "en", "2026-01-05T00:00+05:00", "day", "relative"),
    ("Today at 09:30", "en", "2026-01-06T09:30+05:00", "minute", "relative"),
    ("just now", "en", "2026-01-06T10:00+05:00", "minute", "relative"),
    # weekday + time: the most recent such weekday
    ("Дүйсенбі, 14:30", "kk", "2026-01-05T14:30+05:00", "minute", "weekday"),
    ("Жексенбі, 11:00", "kk", "2026-01-04T11:00+05:00", "minute", "weekday"),
    ("Понедельник, 14:30", "ru", "2026-01-05T14:30+05:00", "minute", "weekday"),
    ("пятница, 18:00", "ru", "2026-01-02T18:00+05:00", "minute", "weekday"),
    ("Monday 14:30", "en", "2026-01-05T14:30+05:00", "minute", "weekday"),
    ("Wednesday, 12:00", "en", "2025-12-31T12:00+05:00", "minute", "weekday"),
    # Zakon.kz cards and the document title
    ("сегодня, 13:51", "ru", "2026-01-06T13:51+05:00", "minute", "zakon"),
    ("13:51, сегодня", "ru", "2026-01-06T13:51+05:00", "minute", "zakon"),
    ("13:51, 15 августа 2025", "ru", "2025-08-15T13:51+05:00", "minute", "zakon"),
    ("09:05, 29 февраля 2024", "ru", "2024-02-29T09:05+06:00", "minute", "zakon"),
    ("16:55, 01 октября 2026", "ru", "2026-10-01T16:55+05:00", "minute", "zakon"),
    (
        "Два загруженных перекрестка закроют в Астане ᐈ новость от 16:55, 01 октября 2026 на zakon.kz",
        "ru",
        "2026-10-01T16:55+05:00",
        "minute",
        "zakon",
    ),
    # Russian and English as akorda.kz and primeminister.kz print them
    ("25 января 2021, 14:35", "ru", "2021-01-25T14:35+06:00", "minute", "ru"),
    ("25 января 2021 г.", "ru", "2021-01-25T00:00+06:00", "day", "ru"),
    ("21 марта 2026 года", "ru", "2026-03-21T00:00+05:00", "day", "ru"),
    ("25.01.2021 14:35", "ru", "2021-01-25T14:35+06:00", "minute", "ru"),
    ("январь 2021", "ru", "2021-01-01T00:00+06:00", "month", "ru"),
    ("Сентябрь 1998 г.", "ru", "1998-09-01T00:00+07:00", "month", "ru"),
    ("28 янв 2021", "ru", "2021-01-28T00:00+06:00", "day", "ru"),
    ("Опубликовано: 25 января 2021, 14:35", "ru", "2021-01-25T14:35+06:00", "minute", "ru"),
    ("Дата публикации: 25.01.2021", "ru", "2021-01-25T00:00+06:00", "day", "ru"),
    ("Обновлено: сегодня, 09:00", "ru", "2026-01-06T09:00+05:00", "minute", "ru"),
    ("25 января", "ru", "2025-01-25T00:00+05:00", "day", "ru"),
    ("29.02.2024 23:30", "ru", "2024-02-29T23:30+06:00", "minute", "ru"),
    ("25 January 2021", "en", "2021-01-25T00:00+06:00", "day", "en"),
    ("May 28 2026", "en", "2026-05-28T00:00+05:00", "day", "en"),
    ("Jan 25, 2021", "en", "2021-01-25T00:00+06:00", "day", "en"),
    ("September 30, 1998", "en", "1998-09-30T00:00+07:00", "day", "en"),
    ("January 2021", "en", "2021-01-01T00:00+06:00", "month", "en"),
    ("Published: Jan 25, 2021", "en", "2021-01-25T00:00+06:00", "day", "en"),
    # machine forms
    ("2026-06-09T11:48:00Z", "ru", "2026-06-09T11:48:00+00:00", "second", "machine"),
    ("2026-06-09T11:48:00.123+05:00", "ru", "2026-06-09T11:48:00.123+05:00", "second", "machine"),
    ("20210125T143500+0600", "ru", "2021-01-25T14:35:00+06:00", "second", "machine"),
    ("2026-06-09", "ru", "2026-06-09T00:00+05:00", "day", "machine"),
    ("Tue, 06 Jan 2026 10:00:00 +0500", "en", "2026-01-06T10:00:00+05:00", "second", "machine"),
    ("Tue, 06 Jan 2026 05:00:00 GMT", "en", "2026-01-06T05:00:00+00:00", "second", "machine"),
    ("1767675600", "ru", "2026-01-06T05:00:00+00:00", "second", "machine"),
    ("1767675600123", "ru", "2026-01-06T05:00:00.123+00:00", "second", "machine"),
    # not publication dates
    ("2021 жылы", "kk", "", "", "refusal"),
    ("в 2021 году", "ru", "", "", "refusal"),
    ("2021", "ru", "", "", "refusal"),
    ("2021 жылдың соңына қарай", "kk", "", "", "refusal"),
    ("2030 жылға дейін", "kk", "", "", "refusal"),
    ("к концу 2021 года", "ru", "", "", "refusal"),
    ("до 2030 года", "ru", "", "", "refusal"),
    ("by the end of 2021", "en", "", "", "refusal"),
    ("2025-2030 жылдарға арналған", "kk", "", "", "refusal"),
    ("в 2021–2025 годах", "ru", "", "", "refusal"),
    ("12–14 марта", "ru", "", "", "refusal"),
    ("Қаз", "kk", "", "", "refusal"),
    ("Рус", "kk", "", "", "refusal"),
    ("Eng", "kk", "", "", "refusal"),
    ("Наурыз мейрамы", "kk", "", "", "refusal"),
    ("Жаңа маусым", "kk", "", "", "refusal"),
    ("Қазан қаласында", "kk", "", "", "refusal"),
    ("Қазан", "kk", "", "", "refusal"),
    ("Маусым", "kk", "", "", "refusal"),
    ("5 жыл бұрын қабылданған заң", "kk", "", "", "refusal"),
    ("+7 (727) 123-45-67", "ru", "", "", "refusal"),
    ("8 800 080 7777", "ru", "", "", "refusal"),
    ("31.02.2021", "ru", "", "", "refusal"),
    ("© 2010-2025", "ru", "", "", "refusal"),
    ("январь", "ru", "", "", "refusal"),
]

KK = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()
KK_POSS = (
    "қаңтары ақпаны наурызы сәуірі мамыры маусымы шілдесі тамызы қыркүйегі қазаны қарашасы желтоқсаны".split()
)
KK_ABBR = "қаң ақп нау сәу мам мау шіл там қыр қаз қар жел".split()
KK_LATN = "qañtar aqpan nauryz säuır mamyr mausym şılde tamyz qyrküiek qazan qaraşa jeltoqsan".split()
RU_GEN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
RU_ABBR = "янв фев мар апр мая июн июл авг сен окт ноя дек".split()
EN = "January February March April May June July August September October November December".split()

# Generated rows: (group, lang, precision, render(local wall datetime) -> text)
RENDER = [
    ("kk", "kk", "day", lambda d: f"{d.year} жылғы {d.day} {KK[d.month - 1]}"),
    ("kk", "kk", "day", lambda d: f"{d.year} жылдың {d.day} {KK_POSS[d.month - 1]}"),
    ("kk", "kk", "minute", lambda d: f"{d.year} жылғы {d.day} {KK[d.month - 1]}, {d:%H:%M}"),
    ("kk", "kk", "day", lambda d: f"{d.day} {KK[d.month - 1]} {d.year} ж."),
    ("kk", "kk", "minute", lambda d: f"{d:%H:%M}, {d.day} {KK[d.month - 1]} {d.year}"),
    ("kk", "kk", "day", lambda d: f"{d.day} {KK_ABBR[d.month - 1]}. {d.year}"),
    ("kk", "kk", "day", lambda d: f"{d.year} jylğy {d.day} {KK_LATN[d.month - 1]}"),
    ("ru", "ru", "day", lambda d: f"{d.day} {RU_GEN[d.month - 1]} {d.year} года"),
    ("ru", "ru", "minute", lambda d: f"{d.day} {RU_GEN[d.month - 1]} {d.year}, {d:%H:%M}"),
    ("zakon", "ru", "minute", lambda d: f"{d:%H:%M}, {d:%d} {RU_GEN[d.month - 1]} {d.year}"),
    ("ru", "ru", "minute", lambda d: f"{d:%d.%m.%Y %H:%M}"),
    ("ru", "ru", "day", lambda d: f"{d.day} {RU_ABBR[d.month - 1]} {d.year}"),
    ("en", "en", "day", lambda d: f"{EN[d.month - 1]} {d.day} {d.year}"),
    ("en", "en", "day", lambda d: f"{EN[d.month - 1][:3]} {d.day}, {d.year}"),
    ("en", "en", "day", lambda d: f"{d.day} {EN[d.month - 1]} {d.year}"),
    (
        "en",
        "en",
        "minute",
        lambda d: f"{EN[d.month - 1]} {d.day}, {d.year} {(d.hour % 12) or 12}:{d:%M} {d:%p}",
    ),
]
MACHINE = [
    ("second", lambda u: u.strftime("%Y-%m-%dT%H:%M:%SZ")),
    ("second", lambda u: u.astimezone(ALMATY).isoformat(timespec="milliseconds")),
    ("second", lambda u: u.astimezone(ALMATY).strftime("%Y%m%dT%H%M%S%z")),
    ("second", lambda u: u.strftime("%a, %d %b %Y %H:%M:%S +0000")),
    ("second", lambda u: str(int(u.timestamp()))),
    ("second", lambda u: str(int(u.timestamp() * 1000))),
]


def _unambiguous(local: datetime) -> bool:
    naive = local.replace(tzinfo=None)
    return (
        naive.replace(tzinfo=ALMATY, fold=0).utcoffset() == naive.replace(tzinfo=ALMATY, fold=1).utcoffset()
    )


def generate() -> list[tuple[str, str, str, str, str]]:
    rng = random.Random(20260106)
    rows = list(HAND)
    start, span = (
        datetime(2005, 1, 1, tzinfo=UTC),
        int((NOW - datetime(2005, 1, 1, tzinfo=UTC)).total_seconds()),
    )
    while len(rows) < len(HAND) + 16 * 12:
        for group, lang, precision, render in RENDER:
            utc = start + timedelta(minutes=rng.randrange(span // 60))
            local = utc.astimezone(ALMATY)
            if not _unambiguous(local):
                continue
            wall = local if precision == "minute" else local.replace(hour=0, minute=0)
            text = render(wall)
            rows.append((text, lang, wall.isoformat(timespec="minutes"), precision, group))
    for i in range(36):
        precision, render = MACHINE[i % len(MACHINE)]
        utc = start + timedelta(seconds=rng.randrange(span))
        lang = "en" if i % len(MACHINE) == 3 else "ru"  # RSS dates (RFC 2822) are English by definition
        rows.append((render(utc), lang, utc.isoformat(), precision, "machine"))
    return rows


def write_corpus(rows: list[tuple[str, str, str, str, str]]) -> None:
    CORPUS.parent.mkdir(parents=True, exist_ok=True)
    with CORPUS.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["text", "lang", "expected", "precision", "group"])
        writer.writerows(rows)


def read_corpus() -> list[tuple[str, str, datetime | None, str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        return [
            (
                r["text"],
                r["lang"],
                datetime.fromisoformat(r["expected"]) if r["expected"] else None,
                r["precision"],
                r["group"],
            )
            for r in reader
        ]


# Issue 20's classes of date error, with its examples and our own: (class, text, lang, expected, precision).
CLASSES: list[tuple[str, str, str, str, str]] = [
    ("fallback-time", "Пнд, 07 янв. 2019 г. 12:15", "ru", "2019-01-07T12:15+06:00", "minute"),
    ("fallback-time", "Авг 26, 2015 15:12", "ru", "2015-08-26T15:12+06:00", "minute"),
    ("fallback-time", "2 Декабрь 95 11:15", "ru", "1995-12-02T11:15+06:00", "minute"),
    ("fallback-time", "Wed Aug 05 12:00:00 2015", "en", "2015-08-05T12:00:00+06:00", "second"),
    ("fallback-time", "the 25th of January 2021 at 14:35", "en", "2021-01-25T14:35+06:00", "minute"),
    ("compound-ago", "2 ч. 21 мин. назад", "ru", "2026-01-06T07:39+05:00", "minute"),
    ("compound-ago", "1 сағ 20 мин бұрын", "kk", "2026-01-06T08:40+05:00", "minute"),
    ("compound-ago", "3 сағ. бұрын", "kk", "2026-01-06T07:00+05:00", "minute"),
    ("compound-ago", "2 сағат 15 минут бұрын", "kk", "2026-01-06T07:45+05:00", "minute"),
    ("compound-ago", "1 hour and 20 minutes ago", "en", "2026-01-06T08:40+05:00", "minute"),
    ("compound-ago", "1 день 2 часа назад", "ru", "2026-01-05T08:00+05:00", "minute"),
    ("vague-ago", "несколько секунд назад", "ru", "2026-01-06T10:00+05:00", "minute"),
    ("vague-ago", "бірнеше секунд бұрын", "kk", "2026-01-06T10:00+05:00", "minute"),
    ("vague-ago", "двое суток назад", "ru", "2026-01-04T00:00+05:00", "day"),
    ("vague-ago", "полтора часа назад", "ru", "2026-01-06T08:30+05:00", "minute"),
    ("vague-ago", "около 23 часов назад", "ru", "2026-01-05T11:00+05:00", "minute"),
    ("vague-ago", "несколько минут назад", "ru", "", ""),
    ("zone-marker", "10:50, 02 Желтоқсан 2025 | GMT +5", "kk", "2025-12-02T10:50+05:00", "minute"),
    ("zone-marker", "10:50, 02 желтоқсан 2025 | GMT +6", "kk", "2025-12-02T10:50+06:00", "minute"),
    ("zone-marker", "14:35, 25 қаңтар 2021 (GMT+6)", "kk", "2021-01-25T14:35+06:00", "minute"),
    ("zone-marker", "25.01.2021 14:35 (UTC+3)", "ru", "2021-01-25T14:35+03:00", "minute"),
    ("zone-marker", "25 января 2021 г. 14:35 +03:00", "ru", "2021-01-25T14:35+03:00", "minute"),
    ("weekday", "в воскресенье", "ru", "2026-01-04T00:00+05:00", "day"),
    ("weekday", "вс, 14:30", "ru", "2026-01-04T14:30+05:00", "minute"),
    ("weekday", "дс, 14:30", "kk", "2026-01-05T14:30+05:00", "minute"),
    ("weekday", "жс, 11:00", "kk", "2026-01-04T11:00+05:00", "minute"),
    ("weekday", "сс, 11:00", "kk", "2025-12-30T11:00+05:00", "minute"),
    ("weekday", "во вторник", "ru", "2025-12-30T00:00+05:00", "day"),
    ("weekday", "жексенбіде", "kk", "2026-01-04T00:00+05:00", "day"),
]


def class_figures() -> bool:
    """Issue 20's date classes at NOW, and dateparser's own public ru/en test cases (never a wrong date)."""
    ok = True
    print("issue 20 classes: right/n for parse_date (dateparser, same settings as below, beside it)")
    import dateparser

    warnings.filterwarnings("ignore")
    base = NOW.astimezone(ALMATY).replace(tzinfo=None)
    dp = {
        "RELATIVE_BASE": base,
        "TIMEZONE": "Asia/Almaty",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "DATE_ORDER": "DMY",
    }
    right: Counter[str] = Counter()
    theirs: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for cls, text, lang, expected, precision in CLASSES:
        want = datetime.fromisoformat(expected) if expected else None
        found = parse_date_info(text, lang=lang, now=NOW)
        total[cls] += 1
        if (found is None and want is None) or (
            found is not None and want is not None and found.instant == want and found.precision == precision
        ):
            right[cls] += 1
        else:
            ok = False
            print(f"  parse_date wrong: {text!r} -> {found}")
        other = dateparser.parse(text, languages=[lang], settings=dp)  # type: ignore[arg-type]
        if (other is None and want is None) or (
            isinstance(other, datetime) and want is not None and _same_instant(other, want)
        ):
            theirs[cls] += 1
    for cls in total:
        print(f"  {cls:<14}{right[cls]:>3}/{total[cls]:<3} (dateparser {theirs[cls]}/{total[cls]})")
    verdicts = Counter(public_verdict(row) for row in read_public())
    print(
        f"dateparser's public test cases ({PUBLIC.name}, ru/en, {sum(verdicts.values())}): "
        + ", ".join(f"{k} {verdicts[k]}" for k in ("right", "none", "coarse", "wrong"))
    )
    return ok and not verdicts["wrong"] and not verdicts["coarse"]


def load_revision(module: str, rev: str) -> object:
    """crawler/<module>.py as it was at git revision `rev`, imported under another name."""
    import importlib.util
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(
        ["git", "show", f"{rev}:crawler/{module}.py"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / f"{module}_at_rev.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"{module}_at_rev", path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # dataclasses look their module up
    spec.loader.exec_module(loaded)
    return loaded


def against(rev: str, rounds: int) -> int:
    """The corpus through parse_date_info of this tree and of `rev`, interleaved pass by pass, best of `rounds`."""
    old = load_revision("dates", rev)
    texts = [(text, lang) for text, lang, *_ in read_corpus()]
    best = {"rev": float("inf"), "now": float("inf")}
    fns = {"rev": old.parse_date_info, "now": parse_date_info}  # type: ignore[attr-defined]
    for _ in range(rounds + 1):
        for name, fn in fns.items():
            begin = time.perf_counter()
            for text, lang in texts:
                fn(text, lang=lang, now=NOW)
            best[name] = min(best[name], time.perf_counter() - begin)
    print(f"parse_date_info over {len(texts)} strings, best of {rounds} interleaved passes")
    print(
        f"  at {rev}: {len(texts) / best['rev']:,.0f} strings/s; this tree: {len(texts) / best['now']:,.0f} strings/s"
    )
    print(f"  time this tree / {rev}: {best['now'] / best['rev']:.2f}")
    return 0


def read_public() -> list[dict[str, str]]:
    lines = [ln for ln in PUBLIC.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


_ORDER = ["second", "minute", "day", "month"]


def public_verdict(row: dict[str, str]) -> str:
    """right / wrong / coarse (the time lost) / none, read at the test's base (absolute: the end of that day)."""
    base = datetime.fromisoformat(row["base"])
    now = base + timedelta(hours=23, minutes=59) if (base.hour, base.minute) == (0, 0) else base
    found = parse_date_info(row["text"], lang=row["lang"], now=now.replace(tzinfo=ALMATY))
    if not row["expected"]:
        return "right" if found is None else "wrong"
    if found is None:
        return "none"
    expected = datetime.fromisoformat(row["expected"])
    got = found.instant.astimezone(ALMATY).replace(tzinfo=None)
    level = max(_ORDER.index(found.precision), _ORDER.index(row["precision"]))
    cut = [
        lambda d: d.replace(microsecond=0),
        lambda d: d.replace(second=0, microsecond=0),
        lambda d: d.date(),
        lambda d: (d.year, d.month),
    ][level]
    if cut(got) != cut(expected):
        return "wrong"
    return "coarse" if _ORDER.index(found.precision) > _ORDER.index(row["precision"]) else "right"


def _timed(fn, texts: list[tuple[str, str]], rounds: int) -> tuple[float, list[object]]:
    """Strings per second over the corpus: the best of `rounds` passes (other load only slows a pass)."""
    out = [fn(text, lang) for text, lang in texts]  # warm-up: imports, locale loading, caches
    best = float("inf")
    for _ in range(rounds):
        begin = time.perf_counter()
        for text, lang in texts:
            fn(text, lang)
        best = min(best, time.perf_counter() - begin)
    return len(texts) / best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer passes (best of 10 / 2 instead of 50 / 5)"
    )
    parser.add_argument("--regenerate", action="store_true", help=f"rewrite {CORPUS.name} first")
    parser.add_argument("--classes", action="store_true", help="only the issue 20 class figures")
    parser.add_argument(
        "--against", metavar="REV", help="only time crawler/dates.py against its version at git revision REV"
    )
    args = parser.parse_args()
    if args.against:
        return against(args.against, 10 if args.quick else 30)
    classes_ok = class_figures()
    if args.classes:
        return 0 if classes_ok else 1
    print()
    if args.regenerate or not CORPUS.exists():
        write_corpus(generate())
    corpus = read_corpus()
    texts = [(text, lang) for text, lang, *_ in corpus]

    import dateparser

    warnings.filterwarnings("ignore")  # dateparser's pytz/zoneinfo deprecation chatter
    base = NOW.astimezone(ALMATY).replace(tzinfo=None)
    dp_settings = {
        "RELATIVE_BASE": base,
        "TIMEZONE": "Asia/Almaty",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
    }

    def ours(text: str, lang: str) -> object:
        return parse_date_info(text, lang=lang, now=NOW)

    def theirs(text: str, lang: str) -> object:
        return dateparser.parse(text, languages=[lang], settings=dp_settings)  # type: ignore[arg-type]

    ours_reps, theirs_reps = (10, 2) if args.quick else (50, 5)
    ours_rate, ours_out = _timed(ours, texts, ours_reps)
    theirs_rate, theirs_out = _timed(theirs, texts, theirs_reps)

    groups: Counter[str] = Counter()
    right_ours: Counter[str] = Counter()
    right_theirs: Counter[str] = Counter()
    precision_ok = fallback = 0
    wrong: list[str] = []
    for (text, _lang, expected, precision, group), mine, other in zip(
        corpus, ours_out, theirs_out, strict=True
    ):
        groups[group] += 1
        got = mine.instant if mine is not None else None  # type: ignore[attr-defined]
        if got == expected:
            right_ours[group] += 1
        else:
            wrong.append(f"  parse_date wrong: {text!r} -> {got} (expected {expected})")
        if mine is not None and mine.precision == precision:  # type: ignore[attr-defined]
            precision_ok += 1
        elif mine is None and expected is None:
            precision_ok += 1
        if mine is not None and mine.form == "dateparser":  # type: ignore[attr-defined]
            fallback += 1
        if other == expected or (
            isinstance(other, datetime) and isinstance(expected, datetime) and _same_instant(other, expected)
        ):
            right_theirs[group] += 1

    n = len(corpus)
    print(
        f"dates benchmark: {n} strings, now = {NOW.isoformat()} ({NOW.astimezone(ALMATY):%Y-%m-%d %H:%M} Almaty)"
    )
    print(f"{'group':<10}{'n':>5}{'parse_date':>12}{'dateparser':>12}")
    for group in sorted(groups):
        print(f"{group:<10}{groups[group]:>5}{right_ours[group]:>12}{right_theirs[group]:>12}")
    print(f"{'total':<10}{n:>5}{sum(right_ours.values()):>12}{sum(right_theirs.values()):>12}")
    print()
    print(f"{'tool':<12}{'strings/s':>12}{'µs/string':>12}{'right':>12}")
    for name, rate, right in (
        ("parse_date", ours_rate, sum(right_ours.values())),
        ("dateparser", theirs_rate, sum(right_theirs.values())),
    ):
        print(f"{name:<12}{rate:>12,.0f}{1e6 / rate:>12.1f}{f'{right}/{n}':>12}")
    print(f"ratio parse_date / dateparser: {ours_rate / theirs_rate:.1f}x")
    print(f"parse_date precision right: {precision_ok}/{n}; dateparser fallback used: {fallback}")
    for line in wrong:
        print(line)
    return 0 if not wrong and classes_ok else 1


def _same_instant(a: datetime, b: datetime) -> bool:
    # Compare in UTC: a datetime in a repeated hour never equals one in another zone (PEP 495).
    return a.astimezone(UTC) == b.astimezone(UTC)


if __name__ == "__main__":
    sys.exit(main())
