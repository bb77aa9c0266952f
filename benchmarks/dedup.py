"""Deduplication at scale: per-article ingest time, peak memory, precision and recall.

Generates a realistic stream of Russian and Kazakh news (stock phrases, named entities, figures),
plants near-duplicates of several kinds (exact copy under another headline, lead rewritten,
paragraphs dropped or added, attribution line, headline changed with light edits, cross-site
retelling), language twins (native id, hreflang alternates), re-crawls with revisions, and daily
template series that differ only in figures and dates (exchange rates, weather, detentions, case
counts: look-alikes that must NOT merge). Each N runs in a fresh process on a fresh temporary
database file; every article goes through `decide` + the store's article upsert + `record` in one
real `transaction(db)`.

    .venv/bin/python benchmarks/dedup.py            # N = 10k and 100k
    .venv/bin/python benchmarks/dedup.py --quick    # N = 2k and 20k
    .venv/bin/python benchmarks/dedup.py --full     # N = 10k, 100k and 1M

Time is per article (mean over the run, and over its last 10%: the cost at the final index size);
memory is the process's peak RSS (Python + SQLite's page cache); precision and recall are over the
planted pairs (recall: planted duplicates put in their original's story; precision: of all articles
the index put into an existing story as exact/near duplicates, the share that truly belong there).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.store import dedup  # noqa: E402
from crawler.store.db import open_db, transaction  # noqa: E402
from crawler.urls import article_id, canonical_url  # noqa: E402

RU_WORDS = """
правительство министерство развитие программа проект регион область город район республика
государство президент министр аким заседание совещание решение вопрос работа результат
экономика бюджет финансирование инвестиции строительство дорога школа больница предприятие
сельское хозяйство фермер урожай зерно экспорт импорт торговля рынок цена тариф услуга население
житель граждане молодежь семья пенсия пособие зарплата занятость рабочие места образование
здравоохранение медицина врач пациент вакцина безопасность полиция суд прокуратура закон кодекс
поправка депутат мажилис сенат парламент комиссия комитет агентство ведомство служба управление
цифровизация технология интернет связь энергетика электричество газ нефть уголь транспорт
железная авиация аэропорт вокзал туризм культура спорт соревнование чемпионат команда
экология вода лес климат реформа стратегия план задача поручение контроль мониторинг проверка
нарушение штраф ответственность поддержка субсидия кредит банк ставка инфляция валюта налог
отмечается подчеркнул заявил сообщил рассказал пояснил напомнил отметил добавил обсудили
рассмотрели утвердили приняли провели открыли запустили завершили планируется ожидается
необходимо важно следует будет был была были является стал стала может могут должны
новый новая новые крупный важный национальный государственный местный международный
дальнейший текущий ближайший ежегодный основной дополнительный специальный социальный
также кроме того вместе с тем при этом в частности в том числе по словам согласно данным
""".split()

KK_WORDS = """
үкімет министрлік даму бағдарлама жоба өңір облыс қала аудан республика мемлекет президент
министр әкім отырыс кеңес шешім мәселе жұмыс нәтиже экономика бюджет қаржыландыру инвестиция
құрылыс жол мектеп аурухана кәсіпорын ауыл шаруашылығы фермер егін астық экспорт импорт сауда
нарық баға тариф қызмет халық тұрғын азаматтар жастар отбасы зейнетақы жәрдемақы жалақы
жұмыспен қамту білім денсаулық медицина дәрігер науқас вакцина қауіпсіздік полиция сот
прокуратура заң кодекс түзету депутат мәжіліс сенат парламент комиссия комитет агенттік
ведомство басқарма цифрландыру технология интернет байланыс энергетика электр газ мұнай көмір
көлік теміржол авиация әуежай вокзал туризм мәдениет спорт жарыс чемпионат команда экология су
орман климат реформа стратегия жоспар міндет тапсырма бақылау мониторинг тексеру бұзушылық
айыппұл жауапкершілік қолдау субсидия несие банк мөлшерлеме инфляция валюта салық атап өтті
мәлімдеді хабарлады айтты түсіндірді еске салды қосты талқылады қарады бекітті қабылдады
өткізді ашты іске қосты аяқтады жоспарлануда күтілуде қажет маңызды тиіс болады болды
жаңа ірі маңызды ұлттық мемлекеттік жергілікті халықаралық алдағы ағымдағы жыл сайынғы негізгі
қосымша арнайы әлеуметтік сондай-ақ сонымен қатар атап айтқанда соның ішінде сөзінше деректерге
""".split()

RU_PHRASES = [
    "об этом сообщает пресс-служба министерства",
    "по данным Бюро национальной статистики",
    "в рамках реализации государственной программы",
    "Глава государства поручил правительству",
    "как сообщалось ранее",
    "в ходе рабочей поездки",
    "по итогам заседания было принято решение",
    "в соответствии с поручением Президента",
    "на сегодняшний день",
    "в текущем году",
]
KK_PHRASES = [
    "бұл туралы министрліктің баспасөз қызметі хабарлады",
    "Ұлттық статистика бюросының деректеріне сәйкес",
    "мемлекеттік бағдарламаны іске асыру аясында",
    "Мемлекет басшысы үкіметке тапсырма берді",
    "бұған дейін хабарланғандай",
    "жұмыс сапары барысында",
    "отырыс қорытындысы бойынша шешім қабылданды",
    "Президенттің тапсырмасына сәйкес",
    "бүгінгі таңда",
    "биылғы жылы",
]
NAMES = [
    "Тоқаев",
    "Бектенов",
    "Астана",
    "Алматы",
    "Шымкент",
    "Қарағанды",
    "Ақтөбе",
    "Павлодар",
    "Атырау",
    "Түркістан",
]
RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
KK_MONTHS = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
]
RU_ATTRIBUTION = [
    "Источник: Kazinform.",
    "По информации пресс-службы акимата.",
    "Фото: пресс-служба правительства РК.",
    "Об этом сообщает Tengrinews.kz со ссылкой на ведомство.",
]
KK_ATTRIBUTION = [
    "Дереккөз: ҚазАқпарат.",
    "Әкімдіктің баспасөз қызметінің ақпараты бойынша.",
    "Сурет: ҚР Үкіметінің баспасөз қызметі.",
]
SITES = ["zakon_kz", "gov_kz", "primeminister_kz", "akorda_kz", "inform_kz", "tengrinews_kz"]
DUP_KINDS = [
    "exact",
    "lead_rewritten",
    "paragraphs_dropped",
    "paragraphs_added",
    "attribution",
    "headline_edits",
    "retelling",
    "template_republished",
]


class Corpus:
    """A deterministic stream of articles with ground truth; memory bounded by the `recent` window."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serial = 0
        self.stories = 0
        self.day = 0
        self.recent: deque[dict[str, Any]] = deque(maxlen=1000)  # originals that may be copied
        self.pending: deque[tuple[int, dict[str, Any]]] = deque()  # (release at serial, article)
        self.ru_weights = [1 / (i + 1) ** 0.8 for i in range(len(RU_WORDS))]
        self.kk_weights = [1 / (i + 1) ** 0.8 for i in range(len(KK_WORDS))]

    # -- text ----------------------------------------------------------------------------------
    def sentence(self, lang: str) -> str:
        rng = self.rng
        words = RU_WORDS if lang == "ru" else KK_WORDS
        weights = self.ru_weights if lang == "ru" else self.kk_weights
        out = rng.choices(words, weights, k=rng.randint(8, 16))
        if rng.random() < 0.35:
            out.insert(rng.randrange(len(out)), rng.choice(RU_PHRASES if lang == "ru" else KK_PHRASES))
        if rng.random() < 0.4:
            out.insert(rng.randrange(len(out)), rng.choice(NAMES))
        if rng.random() < 0.3:
            out.insert(rng.randrange(len(out)), f"{rng.randint(2, 9800)}")
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, lang: str) -> str:
        return " ".join(self.sentence(lang) for _ in range(self.rng.randint(2, 4)))

    def story_text(self, lang: str) -> tuple[str, str, list[str]]:
        title = self.sentence(lang)[:-1]
        lead = self.sentence(lang)
        paragraphs = [self.paragraph(lang) for _ in range(self.rng.randint(4, 8))]
        return title, lead, paragraphs

    def template(self) -> tuple[str, str, str, list[str]]:
        rng, day = self.rng, self.day
        d, m = day % 28 + 1, (day // 28) % 12
        kind = rng.choice(["rates", "weather", "detained", "cases", "rates_kk"])
        if kind == "rates":
            usd, eur, rub = rng.uniform(440, 520), rng.uniform(480, 560), rng.uniform(4.5, 6.5)
            title = f"Курс доллара на {d} {RU_MONTHS[m]}"
            paragraphs = [
                f"Национальный банк Казахстана установил официальный курс тенге на {d} {RU_MONTHS[m]}.",
                f"Курс доллара США составил {usd:.2f} тенге, курс евро — {eur:.2f} тенге, курс российского рубля — {rub:.2f} тенге.",
                "На Казахстанской фондовой бирже торги прошли в обычном режиме, объем сделок остался на уровне предыдущей сессии. Аналитики связывают динамику с ценами на нефть и решениями регулятора.",
                "Официальный курс используется для бухгалтерского учета и расчета таможенных платежей, напоминают в Национальном банке.",
            ]
        elif kind == "rates_kk":
            usd, eur = rng.uniform(440, 520), rng.uniform(480, 560)
            title = f"{d} {KK_MONTHS[m]} айырбастау бағамы"
            paragraphs = [
                f"Қазақстан Ұлттық банкі {d} {KK_MONTHS[m]} күнге теңгенің ресми бағамын белгіледі.",
                f"АҚШ долларының бағамы {usd:.2f} теңге, еуро бағамы {eur:.2f} теңге болды.",
                "Қазақстан қор биржасында сауда әдеттегі режимде өтті, мәмілелер көлемі алдыңғы сессия деңгейінде қалды. Сарапшылар динамиканы мұнай бағасымен байланыстырады.",
                "Ресми бағам бухгалтерлік есеп пен кедендік төлемдерді есептеу үшін қолданылады, деп еске салды Ұлттық банкте.",
            ]
        elif kind == "weather":
            city = rng.choice(NAMES[1:])
            t1, t2, wind = rng.randint(-25, 10), rng.randint(-10, 25), rng.randint(3, 20)
            title = f"Прогноз погоды на {d} {RU_MONTHS[m]}"
            paragraphs = [
                f"Синоптики Казгидромета опубликовали прогноз погоды на {d} {RU_MONTHS[m]}.",
                f"В городе {city} ожидается от {t1} до {t2} градусов, ветер северо-восточный {wind} м/с, местами гололед и туман.",
                f"На севере страны температура составит от {t1 - 5} до {t2 - 3} градусов, на юге от {t1 + 6} до {t2 + 8} градусов.",
                "В Казгидромете призвали водителей соблюдать осторожность на дорогах и следить за обновлениями штормовых предупреждений.",
            ]
        elif kind == "detained":
            city, n = rng.choice(NAMES[1:]), rng.randint(2, 60)
            title = f"В городе {city} задержаны {n} человек"
            paragraphs = [
                f"В ходе рейда {d} {RU_MONTHS[m]} полицейские города {city} задержали {n} человек, подозреваемых в нарушении общественного порядка.",
                "Все задержанные доставлены в отдел полиции, в отношении них проводится проверка. По фактам нарушений возбуждены административные производства.",
                "В департаменте полиции напомнили, что профилактические мероприятия продолжатся до конца месяца, и призвали граждан сообщать о нарушениях по номеру 102.",
            ]
        else:
            n, a, b = rng.randint(10, 900), rng.randint(1, 300), rng.randint(1, 300)
            title = f"За сутки выявлено {n} случаев заболевания"
            paragraphs = [
                f"По данным Министерства здравоохранения, на {d} {RU_MONTHS[m]} за сутки в Казахстане выявлено {n} случаев заболевания.",
                f"Больше всего случаев зарегистрировано в городе Астана — {a}, в Алматы — {b}.",
                "В министерстве напомнили о необходимости вакцинации и соблюдении мер профилактики в местах массового скопления людей, особенно в период сезонного подъема заболеваемости.",
            ]
        lang = "kk" if kind == "rates_kk" else "ru"
        return lang, title, paragraphs[0], paragraphs[1:]

    # -- edits ---------------------------------------------------------------------------------
    def light_edits(self, text: str, lang: str, share: float) -> str:
        words = text.split()
        vocabulary = RU_WORDS if lang == "ru" else KK_WORDS
        for i in range(len(words)):
            if not any(ch.isdigit() for ch in words[i]) and self.rng.random() < share:
                words[i] = self.rng.choice(vocabulary)
        return " ".join(words)

    def duplicate(self, original: dict[str, Any], kind: str) -> dict[str, Any]:
        rng, lang = self.rng, original["language"]
        title, lead, paragraphs = original["title"], original["lead"], list(original["paragraphs"])
        attribution = rng.choice(RU_ATTRIBUTION if lang == "ru" else KK_ATTRIBUTION)
        if kind == "exact":
            title = self.sentence(lang)[:-1]
        elif kind == "lead_rewritten":
            lead = self.sentence(lang)
            paragraphs[0] = self.paragraph(lang)
        elif kind == "paragraphs_dropped":
            for _ in range(max(1, len(paragraphs) // 4)):
                paragraphs.pop(rng.randrange(1, len(paragraphs)) if len(paragraphs) > 1 else 0)
        elif kind == "paragraphs_added":
            for _ in range(rng.randint(1, 2)):
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), self.paragraph(lang))
        elif kind == "attribution":
            paragraphs.append(attribution)
        elif kind == "headline_edits":
            title = self.sentence(lang)[:-1]
            paragraphs = [self.light_edits(p, lang, 0.02) for p in paragraphs]
        elif kind in ("retelling", "template_republished"):
            if kind == "retelling":
                lead = self.sentence(lang)
                if len(paragraphs) > 4:
                    paragraphs.pop(rng.randrange(1, len(paragraphs)))
                paragraphs = [self.light_edits(p, lang, 0.015) for p in paragraphs]
            paragraphs.insert(0, attribution)
        site = rng.choice([s for s in SITES if s != original["site"]])
        return self.make(site, lang, title, lead, paragraphs, original["true_story"], kind, original["id"])

    # -- articles ------------------------------------------------------------------------------
    def url(self, site: str, lang: str, native: str | None = None) -> str:
        self.serial += 1
        number = native or str(1_000_000 + self.serial)
        if site == "zakon_kz":
            host = "kaz.zakon.kz" if lang == "kk" else "www.zakon.kz"
            return f"https://{host}/novosti/{number}-slug.html?utm_source=tg"
        if site == "gov_kz":
            return f"https://www.gov.kz/memleket/entities/mti/press/news/details/{number}?lang={lang}"
        if site == "primeminister_kz":
            return f"https://primeminister.kz/{'kz' if lang == 'kk' else lang}/news/slug-{number}"
        if site == "akorda_kz":
            return f"https://www.akorda.kz/{'kz' if lang == 'kk' else lang}/slug-{number}"
        return f"https://{site.replace('_', '.')}/news/{number}"

    def make(
        self, site: str, lang: str, title: str, lead: str, paragraphs: list[str], true_story: int, kind: str,
        original: str | None, native: str | None = None, url: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        url = url or self.url(site, lang, native)
        canonical = canonical_url(url)
        self.day = self.serial // 40
        published = (
            f"2026-{(self.day // 28) % 12 + 1:02d}-{self.day % 28 + 1:02d}T{self.serial % 24:02d}:00:00Z"
        )
        return {
            "url": url, "canonical_url": canonical, "id": article_id(canonical), "article_id": article_id(canonical),
            "site": site, "language": lang, "title": title, "lead": lead, "paragraphs": paragraphs,
            "body": "\n\n".join(paragraphs), "native_id": native, "alternates": {},
            "published_at": published, "fetched_at": published,
            "true_story": true_story, "kind": kind, "original": original,
        }  # fmt: skip

    def fresh(self) -> dict[str, Any]:
        rng = self.rng
        self.stories += 1
        if rng.random() < 0.12:
            lang, title, lead, paragraphs = self.template()
            site = rng.choice(["zakon_kz", "inform_kz"])
            return self.make(site, lang, title, lead, paragraphs, self.stories, "template", None)
        lang = "kk" if rng.random() < 0.35 else "ru"
        site = rng.choice(SITES)
        native = str(100_000 + self.stories) if site in dedup.TWIN_SITES else None  # unique per story
        title, lead, paragraphs = self.story_text(lang)
        article = self.make(site, lang, title, lead, paragraphs, self.stories, "original", None, native)
        if site in dedup.TWIN_SITES and rng.random() < 0.2:  # a twin in the other language, same native id
            other = "ru" if lang == "kk" else "kk"
            t, ld, ps = self.story_text(other)
            self.schedule(
                self.make(site, other, t, ld, ps, self.stories, "twin_native", article["id"], native), 1, 30
            )
        elif site == "zakon_kz" and rng.random() < 0.2:  # zakon kk/ru twins: only hreflang links them
            other = "ru" if lang == "kk" else "kk"
            t, ld, ps = self.story_text(other)
            twin = self.make(site, other, t, ld, ps, self.stories, "twin_alternate", article["id"])
            article["alternates"] = {other: twin["url"]}
            twin["alternates"] = {lang: article["url"]}
            self.schedule(twin, 1, 30)
        return article

    def schedule(self, article: dict[str, Any], low: int, high: int) -> None:
        self.pending.append((self.serial + self.rng.randint(low, high), article))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        while True:
            if self.pending and self.pending[0][0] <= self.serial:
                yield self.pending.popleft()[1]
                continue
            if self.recent and rng.random() < 0.22:
                original = rng.choice(self.recent)
                kind = (
                    "template_republished" if original["kind"] == "template" else rng.choice(DUP_KINDS[:-1])
                )
                yield self.duplicate(original, kind)
                continue
            if self.recent and rng.random() < 0.03:  # a re-crawl: minor fix or substantive update
                original = rng.choice(self.recent)
                revised = dict(original)
                paragraphs = list(original["paragraphs"])
                if rng.random() < 0.5:
                    paragraphs[-1] = paragraphs[-1].replace(".", ",", 1)
                    revised["kind"] = "revision_minor"
                else:
                    half = len(paragraphs) // 2  # the second half rewritten, one paragraph more
                    paragraphs = paragraphs[:half] + [
                        self.paragraph(original["language"]) for _ in range(len(paragraphs) - half + 1)
                    ]
                    revised["kind"] = "revision_substantive"
                revised.update(paragraphs=paragraphs, body="\n\n".join(paragraphs), original=original["id"])
                original.update(paragraphs=paragraphs, body=revised["body"])  # later copies copy the new text
                yield revised
                continue
            article = self.fresh()
            if article["kind"] in ("original", "template"):
                self.recent.append(article)
            yield article


def run(n: int, path: str, seed: int) -> dict[str, Any]:
    db = open_db(path)
    truth = sqlite3.connect(path + ".truth", isolation_level=None)
    truth.execute(
        "CREATE TABLE truth (id TEXT, true_story INTEGER, kind TEXT, original TEXT, story_id TEXT, relation TEXT, duplicate_of TEXT, translation_of TEXT, revision TEXT)"
    )
    truth.execute("BEGIN")
    dedup_seconds = total_seconds = cpu_seconds = 0.0
    tail_dedup = tail_total = 0.0
    tail_from = n - n // 10
    for i, article in enumerate(Corpus(seed)):
        if i == n:
            break
        started = time.perf_counter()
        with transaction(db):
            t0, c0 = time.perf_counter(), time.process_time()
            decision = dedup.decide(db, article)
            t1, c1 = time.perf_counter(), time.process_time()
            _upsert_article(db, article, decision)
            t2, c2 = time.perf_counter(), time.process_time()
            dedup.record(db, article, decision)
            t3, c3 = time.perf_counter(), time.process_time()
        spent_dedup = (t1 - t0) + (t3 - t2)
        cpu_seconds += (c1 - c0) + (c3 - c2)
        spent_total = time.perf_counter() - started
        dedup_seconds += spent_dedup
        total_seconds += spent_total
        if i >= tail_from:
            tail_dedup += spent_dedup
            tail_total += spent_total
        truth.execute(
            "INSERT INTO truth VALUES (?,?,?,?,?,?,?,?,?)",
            [article["id"], article["true_story"], article["kind"], article["original"], decision.story_id,
             decision.relation, decision.duplicate_of, decision.translation_of, decision.revision],
        )  # fmt: skip
        if i % 5000 == 4999:
            truth.execute("COMMIT")
            truth.execute("BEGIN")
    truth.execute("COMMIT")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tail_count = n - tail_from
    result = {
        "n": n,
        "dedup_ms": 1000 * dedup_seconds / n,
        "dedup_cpu_ms": 1000 * cpu_seconds / n,
        "dedup_tail_ms": 1000 * tail_dedup / tail_count,
        "txn_ms": 1000 * total_seconds / n,
        "txn_tail_ms": 1000 * tail_total / tail_count,
        "peak_rss_mib": peak_kib / 1024,
        "db_mib": Path(path).stat().st_size / 2**20,
        **evaluate(truth, db),
    }
    return result


def _upsert_article(db: Any, article: dict[str, Any], decision: dedup.Decision) -> None:
    """What pipelines/store.py does with the decision: one row per article id, in the same transaction."""
    row = {
        "id": article["id"], "url": article["url"], "canonical_url": article["canonical_url"],
        "site": article["site"], "language": article["language"], "title": article["title"],
        "lead": article["lead"], "body": article["body"], "native_id": article["native_id"],
        "published_at": article["published_at"], "fetched_at": article["fetched_at"],
        "first_seen_at": article["fetched_at"], "last_seen_at": article["fetched_at"],
        **decision.row_fields(),
    }  # fmt: skip
    columns = ", ".join(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in ("id", "first_seen_at"))
    db.execute(
        f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(row))}) ON CONFLICT(id) DO UPDATE SET {updates}",
        list(row.values()),
    )


def evaluate(truth: sqlite3.Connection, db: Any) -> dict[str, Any]:
    truth.execute("ATTACH DATABASE ? AS store", [db.execute("PRAGMA database_list").fetchall()[0][2]])
    one = lambda sql: truth.execute(sql).fetchone()[0]  # noqa: E731
    founder = "(SELECT t2.true_story FROM truth t2 WHERE t2.id = t.story_id LIMIT 1)"
    dup_kinds = "('" + "','".join(DUP_KINDS) + "')"
    planted = one(f"SELECT count(*) FROM truth t WHERE kind IN {dup_kinds}")
    found = one(
        f"SELECT count(*) FROM truth t JOIN truth o ON o.id = t.original AND o.kind IN ('original','template')"
        f" WHERE t.kind IN {dup_kinds} AND t.story_id = o.story_id"
    )
    linked = one("SELECT count(*) FROM truth t WHERE relation IN ('exact','near')")
    correct = one(
        f"SELECT count(*) FROM truth t WHERE relation IN ('exact','near') AND true_story = {founder}"
    )
    template_merges = one(
        f"SELECT count(*) FROM truth t WHERE kind = 'template' AND relation IN ('exact','near') AND true_story != {founder}"
    )
    templates = one("SELECT count(*) FROM truth WHERE kind = 'template'")
    twins = one("SELECT count(*) FROM truth WHERE kind LIKE 'twin_%'")
    twins_found = one(
        "SELECT count(*) FROM truth t WHERE kind LIKE 'twin_%' AND relation = 'translation' AND true_story = "
        + founder
    )
    revisions = one("SELECT count(*) FROM truth WHERE kind LIKE 'revision_%'")
    revisions_right = one(
        "SELECT count(*) FROM truth WHERE (kind = 'revision_minor' AND revision = 'minor') OR (kind = 'revision_substantive' AND revision = 'substantive')"
    )
    per_kind = {
        kind: truth.execute(
            "SELECT count(*), sum(t.story_id = o.story_id) FROM truth t JOIN truth o ON o.id = t.original"
            " AND o.kind IN ('original','template') WHERE t.kind = ?",
            [kind],
        ).fetchone()
        for kind in DUP_KINDS
    }
    return {
        "planted": planted,
        "recall": found / planted if planted else 1.0,
        "precision": correct / linked if linked else 1.0,
        "templates": templates,
        "template_merges": template_merges,
        "twins": f"{twins_found}/{twins}",
        "revisions": f"{revisions_right}/{revisions}",
        "recall_by_kind": {k: f"{v[1] or 0}/{v[0]}" for k, v in per_kind.items()},
        "stories": one("SELECT count(*) FROM store.stories"),
        "articles": one("SELECT count(*) FROM store.articles"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 2k and 20k")
    parser.add_argument("--full", action="store_true", help="also N = 1M")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # child process: one N
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.run, args.db, args.seed), ensure_ascii=False))
        return
    sizes = [2_000, 20_000] if args.quick else [10_000, 100_000] + ([1_000_000] if args.full else [])
    results = []
    with tempfile.TemporaryDirectory(prefix="kznews-dedup-bench-") as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"dedup-{n}.db")
            out = subprocess.run(
                [sys.executable, __file__, "--run", str(n), "--db", path, "--seed", str(args.seed)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(
        f"dedup benchmark (seed {args.seed}; each N in a fresh process and database file; python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version})"
    )
    print(
        f"{'N':>9} {'dedup ms/art':>12} {'last 10%':>9} {'cpu ms':>7} {'txn ms/art':>10} {'last 10%':>9} {'peak RSS MiB':>12} {'db MiB':>7} {'planted':>8} {'precision':>9} {'recall':>7} {'tmpl merges':>11} {'twins':>11} {'revisions':>9}"
    )
    for r in results:
        print(
            f"{r['n']:>9} {r['dedup_ms']:>12.3f} {r['dedup_tail_ms']:>9.3f} {r['dedup_cpu_ms']:>7.3f} {r['txn_ms']:>10.3f} {r['txn_tail_ms']:>9.3f}"
            f" {r['peak_rss_mib']:>12.1f} {r['db_mib']:>7.1f} {r['planted']:>8} {r['precision']:>9.4f} {r['recall']:>7.4f}"
            f" {str(r['template_merges']) + '/' + str(r['templates']):>11} {r['twins']:>11} {r['revisions']:>9}"
        )
    for r in results:
        print(
            f"recall by kind at N={r['n']}: " + ", ".join(f"{k} {v}" for k, v in r["recall_by_kind"].items())
        )
    base, last = results[0], results[-1]
    print(
        f"ratio N={last['n']} / N={base['n']}: dedup time {last['dedup_ms'] / base['dedup_ms']:.2f}x"
        f" (cpu {last['dedup_cpu_ms'] / base['dedup_cpu_ms']:.2f}x)"
        f" (last 10%: {last['dedup_tail_ms'] / base['dedup_tail_ms']:.2f}x), whole transaction {last['txn_ms'] / base['txn_ms']:.2f}x,"
        f" peak RSS {last['peak_rss_mib'] / base['peak_rss_mib']:.2f}x  [targets: time <= 1.5x, precision >= 0.99, recall >= 0.95]"
    )


if __name__ == "__main__":
    main()
