"""crawler/store/dedup.py and pipelines/dedupe.py: duplicates, look-alikes, twins, stories, revisions.

Texts are written like the releases and retellings the sites publish (a government release, the
press retelling it with edits, daily template reports); every test runs on a temporary SQLite file
opened with `open_db`, through `decide` + an articles upsert + `record` in one transaction, as the
store does.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.store import dedup, schema
from crawler.store.db import open_db, transaction
from crawler.urls import article_id, canonical_url, native_id

ROOT = Path(__file__).resolve().parents[1]

RU_PARAGRAPHS = [
    "По поручению Главы государства правительство приступило к расширению автомобильной дороги Алматы — Каскелен до восьми полос движения. Работы ведутся на участке протяженностью 18 километров.",
    "Премьер-министр Олжас Бектенов ознакомился с ходом строительства и провел совещание с руководством Министерства транспорта и акимата Алматинской области. Подрядчики доложили о готовности земляного полотна и искусственных сооружений.",
    "На участке возводятся три транспортные развязки в разных уровнях, два надземных пешеходных перехода и новая система наружного освещения. Общая стоимость проекта составляет 96 млрд тенге.",
    "Глава правительства поручил завершить основные работы до конца строительного сезона и обеспечить безопасный объезд для жителей пригородных поселков. Отдельное внимание уделено качеству асфальтобетонного покрытия и срокам поставки материалов.",
    "По словам министра транспорта, реконструкция позволит сократить время в пути между Алматы и Каскеленом почти вдвое и снизить аварийность на одном из самых загруженных направлений страны. Ежедневно по трассе проезжают свыше 60 тысяч автомобилей.",
    "Также на совещании обсуждены вопросы развития общественного транспорта в пригородной зоне, строительство новых остановочных павильонов и перенос инженерных сетей, которые мешают расширению проезжей части.",
]
RU_TITLE = "Дорогу Алматы — Каскелен расширят до восьми полос"
RU_LEAD = "Правительство расширяет трассу Алматы — Каскелен: работы завершат до конца сезона."

KK_PARAGRAPHS = [
    "Мемлекет басшысының тапсырмасы бойынша үкімет Алматы — Қаскелең автомобиль жолын сегіз жолаққа дейін кеңейтуге кірісті. Жұмыстар ұзындығы 18 шақырым учаскеде жүргізілуде.",
    "Премьер-министр Олжас Бектенов құрылыс барысымен танысып, Көлік министрлігі мен Алматы облысы әкімдігінің басшылығымен кеңес өткізді. Мердігерлер жер төсемі мен жасанды құрылыстардың дайындығы туралы баяндады.",
    "Учаскеде әртүрлі деңгейдегі үш көлік айрығы, екі жерүсті жаяу жүргіншілер өткелі және жаңа сыртқы жарықтандыру жүйесі салынуда. Жобаның жалпы құны 96 млрд теңгені құрайды.",
    "Үкімет басшысы негізгі жұмыстарды құрылыс маусымының соңына дейін аяқтауды және қала маңындағы кенттердің тұрғындары үшін қауіпсіз айналма жолды қамтамасыз етуді тапсырды.",
]
KK_TITLE = "Алматы — Қаскелең жолы сегіз жолаққа дейін кеңейтіледі"

UNRELATED_PARAGRAPHS = [
    "В Павлодарской области завершился сев яровой пшеницы: аграрии засеяли более 1,2 млн гектаров, сообщили в управлении сельского хозяйства региона.",
    "Фермеры отмечают, что весна выдалась затяжной, однако запасы влаги в почве позволяют рассчитывать на хороший урожай. Семена прошли протравливание и проверку на всхожесть.",
    "Для поддержки аграриев в этом году выделены льготные кредиты на весенне-полевые работы по ставке пять процентов годовых, а также субсидии на удобрения и средства защиты растений.",
    "В управлении напомнили, что уборочная кампания стартует в конце августа, к ней уже готовят технику и зернохранилища, а также согласовывают графики вывоза зерна по железной дороге.",
]


def make(
    url: str, site: str, language: str, title: str, paragraphs: list[str], **extra: Any
) -> dict[str, Any]:
    canonical = canonical_url(url)
    article = {
        "url": url,
        "canonical_url": canonical,
        "article_id": article_id(canonical),
        "site": site,
        "language": language,
        "title": title,
        "lead": None,
        "body": "\n\n".join(paragraphs),
        "native_id": native_id(url),
        "alternates": {},
        "published_at": "2026-07-15T06:00:00Z",
        "fetched_at": "2026-07-15T07:00:00Z",
    }
    article.update(extra)
    return article


def ingest(db: Any, article: dict[str, Any]) -> dedup.Decision:
    """What pipelines/store.py does: decide, upsert the article row, record — one transaction."""
    with transaction(db):
        decision = dedup.confirm(db, article, None)
        row = {**article, **decision.row_fields()}
        db.execute(
            "INSERT INTO articles (id, url, canonical_url, site, language, title, lead, body, native_id,"
            " published_at, fetched_at, story_id, translation_of, duplicate_of, content_hash, revision,"
            " first_seen_at, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET title = excluded.title, lead = excluded.lead, body = excluded.body,"
            " content_hash = excluded.content_hash, revision = excluded.revision, fetched_at = excluded.fetched_at,"
            " last_seen_at = excluded.last_seen_at",
            [
                row["article_id"], row["url"], row["canonical_url"], row["site"], row["language"], row["title"],
                row["lead"], row["body"], row["native_id"], row["published_at"], row["fetched_at"],
                row["story_id"], row["translation_of"], row["duplicate_of"], row["content_hash"], row["revision"],
                row["fetched_at"], row["fetched_at"],
            ],
        )  # fmt: skip
        dedup.record(db, row, decision)
    return decision


def count(db: Any, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = open_db(tmp_path / "kznews.db")
    yield database
    database.conn.close()


@pytest.fixture
def original(db: Any) -> dict[str, Any]:
    article = make(
        "https://primeminister.kz/ru/news/dorogu-almaty-kaskelen-31656",
        "primeminister_kz",
        "ru",
        RU_TITLE,
        RU_PARAGRAPHS,
        lead=RU_LEAD,
    )
    decision = ingest(db, article)
    assert decision.relation == "new" and decision.is_new_story and decision.story_id == article["article_id"]
    return article


# -- normalisation and hashes --------------------------------------------------------------------


def test_normalize_text_nfc_case_yo_whitespace() -> None:
    decomposed = "Ещё  ОДИН\u00a0\tшаг\nи\u0306"  # и + combining breve = й
    assert dedup.normalize_text(decomposed) == "еще один шаг й"
    assert dedup.normalize_text(None) == ""


def test_body_hash_ignores_case_whitespace_and_yo_but_not_words() -> None:
    a = dedup.body_hash("Всё готово.\n\nРаботы  завершены.")
    assert a == dedup.body_hash("ВСЕ ГОТОВО. Работы завершены.")
    assert a != dedup.body_hash("Все готово. Работы продолжаются.")
    assert dedup.body_hash("  ") is None


def test_text_hash_includes_title_and_lead() -> None:
    base = dedup.text_hash("Заголовок", "Текст статьи.", "Лид")
    assert base == dedup.text_hash("ЗАГОЛОВОК", "Текст  статьи.", "лид")
    assert base != dedup.text_hash("Другой заголовок", "Текст статьи.", "Лид")
    assert base != dedup.text_hash("Заголовок", "Текст статьи.", None)


# -- exact and near duplicates -------------------------------------------------------------------


def test_exact_duplicate_under_another_url_and_headline(db: Any, original: dict[str, Any]) -> None:
    copy = make(
        "https://www.zakon.kz/obshestvo/6467795-doroga.html",
        "zakon_kz",
        "ru",
        "Трассу на Каскелен расширяют",
        RU_PARAGRAPHS,
        lead=RU_LEAD.upper(),
    )
    decision = ingest(db, copy)
    assert (decision.relation, decision.duplicate_of, decision.story_id) == (
        "exact",
        original["article_id"],
        original["article_id"],
    )
    assert not decision.alert_worthy


def _lead_rewritten() -> list[str]:
    return [
        "Расширение трассы Алматы — Каскелен до восьми полос начато по поручению Президента: строители работают на 18 километрах дороги.",
        *RU_PARAGRAPHS[1:],
    ]


def _paragraph_dropped() -> list[str]:
    return [p for i, p in enumerate(RU_PARAGRAPHS) if i not in (3,)]


def _paragraphs_added() -> list[str]:
    extra = "Напомним, ранее в Министерстве транспорта сообщали о планах реконструкции еще нескольких пригородных трасс вокруг Алматы и Астаны, в том числе выездов на Талгар и Капчагай."
    return [
        *RU_PARAGRAPHS[:3],
        extra,
        *RU_PARAGRAPHS[3:],
        "Работы финансируются из республиканского бюджета.",
    ]


def _attribution() -> list[str]:
    return [*RU_PARAGRAPHS, "Об этом сообщает пресс-служба Премьер-министра РК."]


def _small_edits() -> list[str]:
    edited = [
        p.replace("ознакомился с ходом", "проверил ход").replace(
            "Подрядчики доложили", "Подрядные организации сообщили"
        )
        for p in RU_PARAGRAPHS
    ]
    return edited


def _retelling() -> list[str]:
    # A news site's retelling: its own intro and attribution, one paragraph cut, light edits.
    return [
        "Астана. Ширина трассы Алматы — Каскелен увеличится до восьми полос, передает корреспондент Zakon.kz со ссылкой на правительство.",
        *[
            p.replace("Глава правительства", "Премьер")
            for p in RU_PARAGRAPHS[:5]
            if not p.startswith("Также")
        ],
        "Фото: пресс-служба правительства РК",
    ]


@pytest.mark.parametrize(
    "kind,paragraphs,title",
    [
        ("lead rewritten", _lead_rewritten(), RU_TITLE),
        ("paragraph dropped", _paragraph_dropped(), RU_TITLE),
        ("paragraphs added", _paragraphs_added(), RU_TITLE),
        ("attribution line", _attribution(), RU_TITLE),
        (
            "different headline and small edits",
            _small_edits(),
            "Бектенов проверил стройку на трассе Алматы — Каскелен",
        ),
        ("cross-site retelling", _retelling(), "Трассу до Каскелена расширят до восьми полос"),
    ],
)
def test_near_duplicate_joins_the_story(
    db: Any, original: dict[str, Any], kind: str, paragraphs: list[str], title: str
) -> None:
    copy = make("https://www.zakon.kz/6467795-trassa.html?utm_source=tg", "zakon_kz", "ru", title, paragraphs)
    decision = ingest(db, copy)
    assert decision.relation == "near", kind
    assert decision.duplicate_of == original["article_id"]
    assert decision.story_id == original["article_id"]
    assert decision.similarity is not None and 0.4 <= decision.similarity < 1.0
    assert not decision.is_new_story and not decision.alert_worthy
    story = db.execute(
        "SELECT member_count, sites, languages FROM stories WHERE id = ?", [original["article_id"]]
    ).fetchone()
    assert (
        story[0] == 2
        and json.loads(story[1]) == ["primeminister_kz", "zakon_kz"]
        and json.loads(story[2]) == ["ru"]
    )
    relation = db.execute(
        "SELECT relation FROM story_members WHERE article_id = ?", [copy["article_id"]]
    ).fetchone()[0]
    assert relation == "near"


def test_unrelated_article_is_a_new_story(db: Any, original: dict[str, Any]) -> None:
    other = make(
        "https://www.zakon.kz/6467796-sev.html",
        "zakon_kz",
        "ru",
        "В Павлодарской области завершили сев",
        UNRELATED_PARAGRAPHS,
    )
    decision = ingest(db, other)
    assert decision.relation == "new" and decision.is_new_story and decision.alert_worthy
    assert count(db, "stories") == 2


def test_near_duplicate_found_through_the_indexed_lsh_tables(db: Any, original: dict[str, Any]) -> None:
    fp = dedup.fingerprint(original)
    assert len(fp.buckets) == dedup.BANDS
    plan = " ".join(
        str(row) for row in db.execute(f"EXPLAIN QUERY PLAN {dedup._CANDIDATE_SQL}", list(fp.buckets))
    )
    assert "SCAN dedup_lsh" not in plan and "dedup_lsh" in plan  # indexed (band, bucket) lookups only
    assert count(db, "dedup_lsh") == dedup.BANDS


# -- numbers-aware: template look-alikes are different stories -----------------------------------

RATES = (
    "Курс доллара на {d} марта",
    [
        "Национальный банк Казахстана установил официальный курс тенге на {d} марта 2026 года.",
        "Курс доллара США составил {usd} тенге, курс евро — {eur} тенге, курс российского рубля — {rub} тенге.",
        "На Казахстанской фондовой бирже торги прошли в обычном режиме, объем сделок остался на уровне предыдущей сессии. Аналитики связывают динамику с ценами на нефть и решениями регулятора.",
        "Официальный курс используется для бухгалтерского учета и расчета таможенных платежей, напоминают в Национальном банке.",
    ],
)
DETAINED = (
    "В Алматы задержаны {n} человек",
    [
        "В ходе рейда {d} марта полицейские Алматы задержали {n} человек, подозреваемых в нарушении общественного порядка и мелком хулиганстве.",
        "Все задержанные доставлены в отдел полиции, в отношении них проводится проверка. По фактам нарушений возбуждены административные производства, часть задержанных ранее уже привлекалась к ответственности.",
        "В департаменте полиции напомнили, что профилактические мероприятия продолжатся до конца месяца, и призвали граждан сообщать о нарушениях по номеру 102.",
    ],
)
WEATHER = (
    "Погода в Астане на {d} марта",
    [
        "Синоптики Казгидромета опубликовали прогноз погоды в Астане на {d} марта.",
        "Днем ожидается от {t1} до {t2} градусов, ветер северо-восточный {w} м/с, местами гололед и туман, на дорогах гололедица.",
        "В Казгидромете призвали водителей соблюдать осторожность на дорогах и следить за обновлениями штормовых предупреждений, которые публикуются на сайте ведомства.",
        "Жителям столицы рекомендуют одеваться по погоде и по возможности пользоваться общественным транспортом в часы пик.",
    ],
)
KK_RATES = (
    "{d} наурыздағы айырбастау бағамы",
    [
        "Қазақстан Ұлттық банкі {d} наурызға теңгенің ресми бағамын белгіледі.",
        "АҚШ долларының бағамы {usd} теңге, еуро бағамы {eur} теңге, ресей рублінің бағамы {rub} теңге болды.",
        "Қазақстан қор биржасында сауда әдеттегі режимде өтті, мәмілелер көлемі алдыңғы сессия деңгейінде қалды. Сарапшылар динамиканы мұнай бағасымен және реттеушінің шешімдерімен байланыстырады.",
        "Ресми бағам бухгалтерлік есеп пен кедендік төлемдерді есептеу үшін қолданылады, деп еске салды Ұлттық банкте.",
    ],
)


def _fill(template: tuple[str, list[str]], **values: Any) -> tuple[str, list[str]]:
    title, paragraphs = template
    return title.format(**values), [p.format(**values) for p in paragraphs]


@pytest.mark.parametrize(
    "template,days,language",
    [
        (
            RATES,
            [
                dict(d=11, usd="478,52", eur="521,10", rub="5,31"),
                dict(d=12, usd="479,05", eur="520,87", rub="5,33"),
                dict(d=13, usd="478,52", eur="521,10", rub="5,31"),
            ],
            "ru",
        ),
        (DETAINED, [dict(d=11, n=15), dict(d=12, n=23), dict(d=13, n=15), dict(d=13, n=9)], "ru"),
        (
            WEATHER,
            [dict(d=11, t1=-5, t2=3, w=12), dict(d=12, t1=-7, t2=1, w=12), dict(d=13, t1=-5, t2=3, w=9)],
            "ru",
        ),
        (
            KK_RATES,
            [
                dict(d=11, usd="478,52", eur="521,10", rub="5,31"),
                dict(d=12, usd="479,05", eur="520,87", rub="5,33"),
            ],
            "kk",
        ),
    ],
    ids=["exchange rates", "N people detained", "weather", "exchange rates kk"],
)
def test_template_look_alikes_are_different_stories(
    db: Any, template: Any, days: list[dict[str, Any]], language: str
) -> None:
    story_ids = []
    for i, values in enumerate(days):
        title, paragraphs = _fill(template, **values)
        article = make(
            f"https://www.zakon.kz/{6500000 + i}-report.html", "zakon_kz", language, title, paragraphs
        )
        # The look-alikes are similar enough to be LSH candidates: only the figures tell them apart.
        decision = ingest(db, article)
        assert decision.relation == "new", (values, decision)
        story_ids.append(decision.story_id)
    assert len(set(story_ids)) == len(days) == count(db, "stories")


def test_template_report_republished_with_attribution_still_joins(db: Any) -> None:
    title, paragraphs = _fill(RATES, d=11, usd="478,52", eur="521,10", rub="5,31")
    first = ingest(db, make("https://www.zakon.kz/6500001-kurs.html", "zakon_kz", "ru", title, paragraphs))
    next_day_title, next_day = _fill(RATES, d=12, usd="479,05", eur="520,87", rub="5,33")
    ingest(db, make("https://www.zakon.kz/6500002-kurs.html", "zakon_kz", "ru", next_day_title, next_day))
    copy = make(
        "https://inform.kz/ru/kurs-11",
        "inform_kz",
        "ru",
        "Нацбанк установил курс",
        ["Астана, 11 марта 2026, 09:15 — Kazinform.", *paragraphs],
    )
    decision = ingest(db, copy)
    assert decision.relation == "near" and decision.story_id == first.story_id


def test_numbers_conflict_rules() -> None:
    a = dedup.number_slots("Курс доллара составил 478,50 тенге, евро — 521 тенге.")
    assert not dedup.numbers_conflict(
        a, dedup.number_slots("Курс доллара составил 478.5 тенге, евро — 521 тенге.")
    )
    assert dedup.numbers_conflict(
        a, dedup.number_slots("Курс доллара составил 479,10 тенге, евро — 521 тенге.")
    )
    # A retelling that drops the sentence with a figure, or adds a dateline, is no conflict.
    assert not dedup.numbers_conflict(a, dedup.number_slots("Курс доллара составил 478,5 тенге."))
    assert not dedup.numbers_conflict(
        a, dedup.number_slots("Астана, 12 марта, 10:15. Курс доллара составил 478,5 тенге, евро — 521 тенге.")
    )
    # Months are values: the same day of another month is another report; times of day are ignored.
    assert dedup.numbers_conflict(
        dedup.number_slots("Прогноз на 12 марта."), dedup.number_slots("Прогноз на 12 апреля.")
    )
    assert dedup.numbers_conflict(
        dedup.number_slots("Ауа райы болжамы 12 наурызға жарияланды."),
        dedup.number_slots("Ауа райы болжамы 12 сәуірге жарияланды."),
    )
    assert dedup.numbers_conflict(
        dedup.number_slots("В ходе рейда 26 июля полицейские задержали"),
        dedup.number_slots("В ходе рейда 26 августа полицейские задержали"),
    )
    assert not dedup.numbers_conflict(
        dedup.number_slots("Майор полиции сообщил 5 новостей"),
        dedup.number_slots("Майдан полиции сообщил 5 новостей"),
    )
    assert dedup.number_slots("Опубликовано сегодня в 10:15 по времени Астаны") == {}
    # A word next to the figure (the city) changing does not hide the figure.
    assert dedup.numbers_conflict(
        dedup.number_slots("В Астане задержали 15 человек за хулиганство."),
        dedup.number_slots("В Шымкенте задержали 23 человек за хулиганство."),
    )


# -- language twins ------------------------------------------------------------------------------


def test_twins_through_native_id_akorda(db: Any) -> None:
    kz = make(
        "https://www.akorda.kz/kz/memleket-basshysy-2895622", "akorda_kz", "kk", KK_TITLE, KK_PARAGRAPHS
    )
    ru = make("https://akorda.kz/ru/glava-gosudarstva-2895622", "akorda_kz", "ru", RU_TITLE, RU_PARAGRAPHS)
    first, second = ingest(db, kz), ingest(db, ru)
    assert first.relation == "new"
    assert (second.relation, second.translation_of, second.story_id) == (
        "translation",
        kz["article_id"],
        kz["article_id"],
    )
    assert json.loads(db.execute("SELECT languages FROM stories").fetchone()[0]) == ["kk", "ru"]


def test_twins_through_native_id_gov_kz_three_languages(db: Any) -> None:
    base = "https://www.gov.kz/memleket/entities/transport/press/news/details/1271028?lang="
    ru = ingest(db, make(base + "ru", "gov_kz", "ru", RU_TITLE, RU_PARAGRAPHS))
    kk = ingest(db, make(base + "kk", "gov_kz", "kk", KK_TITLE, KK_PARAGRAPHS))
    en_paragraphs = [
        "On the instructions of the Head of State the government began widening the Almaty — Kaskelen road to eight lanes over 18 kilometres.",
        "Prime Minister Olzhas Bektenov inspected the works and held a meeting with the Ministry of Transport.",
    ]
    en = ingest(db, make(base + "en", "gov_kz", "en", "Almaty — Kaskelen road to be widened", en_paragraphs))
    ru_id = article_id(canonical_url(base + "ru"))
    assert kk.translation_of == ru_id and en.translation_of == ru_id  # the earliest-seen version
    assert {ru.story_id, kk.story_id, en.story_id} == {ru_id}
    assert db.execute("SELECT member_count, languages FROM stories").fetchone() == (3, '["en", "kk", "ru"]')


def test_twins_through_native_id_primeminister(db: Any) -> None:
    ingest(
        db,
        make(
            "https://primeminister.kz/ru/news/dorogu-31656", "primeminister_kz", "ru", RU_TITLE, RU_PARAGRAPHS
        ),
    )
    kz = ingest(
        db,
        make(
            "https://primeminister.kz/kz/news/zhol-31656", "primeminister_kz", "kk", KK_TITLE, KK_PARAGRAPHS
        ),
    )
    assert kz.relation == "translation"


def test_zakon_same_number_on_two_hosts_is_not_a_twin(db: Any) -> None:
    ingest(db, make("https://www.zakon.kz/6015850-doroga.html", "zakon_kz", "ru", RU_TITLE, RU_PARAGRAPHS))
    kk = ingest(db, make("https://kaz.zakon.kz/6015850-zhol.html", "zakon_kz", "kk", KK_TITLE, KK_PARAGRAPHS))
    assert kk.relation == "new"


def test_twins_through_alternates_either_direction(db: Any) -> None:
    ru_url, kk_url = "https://www.zakon.kz/6500100-doroga.html", "https://kaz.zakon.kz/6500200-zhol.html"
    # The earlier article lists the later one (hreflang); the later one lists nothing.
    ingest(
        db,
        make(
            ru_url,
            "zakon_kz",
            "ru",
            RU_TITLE,
            RU_PARAGRAPHS,
            alternates={"kk": kk_url + "?utm_source=x", "ru": ru_url},
        ),
    )
    kk = ingest(db, make(kk_url, "zakon_kz", "kk", KK_TITLE, KK_PARAGRAPHS))
    assert (kk.relation, kk.translation_of) == ("translation", article_id(canonical_url(ru_url)))
    # The later article lists the earlier one (a language-switch link).
    en_url = "https://www.zakon.kz/6500300-road.html"
    en = ingest(
        db,
        make(
            en_url,
            "zakon_kz",
            "en",
            "Road to Kaskelen",
            [
                "The Almaty — Kaskelen road will have eight lanes, the government said on Tuesday after an inspection."
            ],
            alternates={"ru": ru_url},
        ),
    )
    assert (en.relation, en.translation_of) == ("translation", article_id(canonical_url(ru_url)))


# -- stories -------------------------------------------------------------------------------------


def test_origin_is_the_earliest_published_member(db: Any, original: dict[str, Any]) -> None:
    earlier = make(
        "https://www.gov.kz/memleket/entities/transport/press/news/details/55?lang=ru",
        "gov_kz",
        "ru",
        "Министерство транспорта: трасса будет расширена",
        _attribution(),
        published_at="2026-07-14T10:00:00Z",
        fetched_at="2026-07-15T09:00:00Z",
    )
    decision = ingest(db, earlier)
    assert decision.story_id == original["article_id"]
    row = db.execute(
        "SELECT origin_article_id, origin_site, title, first_published_at, first_seen_at, last_seen_at, member_count FROM stories"
    ).fetchone()
    assert row == (
        earlier["article_id"],
        "gov_kz",
        earlier["title"],
        "2026-07-14T10:00:00Z",
        "2026-07-15T07:00:00Z",
        "2026-07-15T09:00:00Z",
        2,
    )
    assert count(db, "story_members") == 2


# -- revisions -----------------------------------------------------------------------------------


def test_minor_revision_keeps_history_and_story(db: Any, original: dict[str, Any]) -> None:
    fixed = dict(original, title=RU_TITLE + " к концу сезона", fetched_at="2026-07-15T12:00:00Z")
    fixed["body"] = original["body"].replace("Работы ведутся", "Работы сейчас ведутся")
    decision = ingest(db, fixed)
    assert (decision.relation, decision.revision, decision.revision_number) == ("same-article", "minor", 2)
    assert decision.story_id == original["article_id"] and not decision.alert_worthy
    row = db.execute(
        "SELECT revision, title, body, substantive, change_ratio FROM article_revisions"
    ).fetchone()
    assert row[:4] == (1, RU_TITLE, original["body"], 0) and row[4] < dedup.SUBSTANTIVE_CHANGE
    assert db.execute("SELECT revision, title FROM articles").fetchone() == (2, fixed["title"])
    assert count(db, "stories") == 1 and count(db, "dedup_signatures") == 1


def test_substantive_revision_alerts_again(db: Any, original: dict[str, Any]) -> None:
    updated = dict(
        original,
        body=original["body"] + "\n\n" + "\n\n".join(UNRELATED_PARAGRAPHS),
        fetched_at="2026-07-16T07:00:00Z",
    )
    decision = ingest(db, updated)
    assert (decision.revision, decision.alert_worthy) == ("substantive", True)
    assert decision.story_id == original["article_id"]
    assert db.execute("SELECT substantive FROM article_revisions").fetchone()[0] == 1
    # The index follows the new text: a copy of the new version is found through it.
    copy = make(
        "https://www.zakon.kz/6467795-x.html",
        "zakon_kz",
        "ru",
        "Копия",
        [*RU_PARAGRAPHS, *UNRELATED_PARAGRAPHS, "Источник: primeminister.kz"],
    )
    assert ingest(db, copy).relation == "near"


def test_changed_figure_is_substantive_however_small(db: Any, original: dict[str, Any]) -> None:
    corrected = dict(original, body=original["body"].replace("96 млрд", "112 млрд"))
    decision = ingest(db, corrected)
    assert decision.revision == "substantive" and decision.change_ratio is not None
    assert decision.change_ratio < dedup.SUBSTANTIVE_CHANGE


def test_substantive_threshold_is_configurable(
    db: Any, original: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dedup, "SUBSTANTIVE_CHANGE", 0.01)
    fixed = dict(original, body=original["body"].replace("Работы ведутся", "Работы сейчас ведутся"))
    assert ingest(db, fixed).revision == "substantive"


def test_revision_history_accumulates(db: Any, original: dict[str, Any]) -> None:
    second = dict(original, body=original["body"].replace("Работы ведутся", "Работы уже ведутся"))
    third = dict(second, body=second["body"].replace("почти вдвое", "вдвое"))
    assert [ingest(db, second).revision_number, ingest(db, third).revision_number] == [2, 3]
    assert [r[0] for r in db.execute("SELECT revision FROM article_revisions ORDER BY revision")] == [1, 2]
    assert ingest(db, third).revision == "none"


# -- idempotence and persistence -----------------------------------------------------------------


def _crawl() -> list[dict[str, Any]]:
    base = "https://www.gov.kz/memleket/entities/transport/press/news/details/1271028?lang="
    return [
        make(
            "https://primeminister.kz/ru/news/dorogu-31656", "primeminister_kz", "ru", RU_TITLE, RU_PARAGRAPHS
        ),
        make("https://www.zakon.kz/6467795-trassa.html", "zakon_kz", "ru", "Трассу расширят", _retelling()),
        make("https://tengrinews.kz/kazakhstan_news/copy-123", "tengrinews_kz", "ru", "Копия", RU_PARAGRAPHS),
        make(base + "kk", "gov_kz", "kk", KK_TITLE, KK_PARAGRAPHS),
        make(base + "ru", "gov_kz", "ru", RU_TITLE, _attribution()),
        make("https://www.zakon.kz/6467796-sev.html", "zakon_kz", "ru", "Сев завершен", UNRELATED_PARAGRAPHS),
        *[
            make(
                f"https://www.zakon.kz/{6500000 + d}-kurs.html",
                "zakon_kz",
                "ru",
                *_fill(RATES, d=d, usd=f"47{d},1", eur="521", rub="5,3"),
            )
            for d in (1, 2, 3)
        ],
    ]


TABLES = (
    "stories",
    "story_members",
    "dedup_signatures",
    "dedup_lsh",
    "dedup_alternates",
    "article_revisions",
    "articles",
)


def test_rerunning_the_same_crawl_creates_nothing(db: Any) -> None:
    first = [ingest(db, a) for a in _crawl()]
    counts = {t: count(db, t) for t in TABLES}
    # road (3 members) + the gov kk/ru twins, merged into it when the ru twin proves to be a retelling:
    # 1 story; then sowing and three rate reports
    assert counts["stories"] == 5
    stories_before = db.execute("SELECT * FROM stories ORDER BY id").fetchall()
    # after the merge the stored story ids, not the first decisions', are the ones a re-run must keep
    stored = [
        db.execute("SELECT story_id FROM articles WHERE id = ?", [d.article_id]).fetchone()[0] for d in first
    ]
    again = [ingest(db, a) for a in _crawl()]
    assert {t: count(db, t) for t in TABLES} == counts
    assert [d.story_id for d in again] == stored
    assert {d.relation for d in again} == {"same-article"} and not any(d.alert_worthy for d in again)
    assert db.execute("SELECT * FROM stories ORDER BY id").fetchall() == stories_before


def test_record_replayed_adds_no_rows(db: Any, original: dict[str, Any]) -> None:
    copy = make("https://www.zakon.kz/6467795-trassa.html", "zakon_kz", "ru", RU_TITLE, _attribution())
    decision = dedup.decide(db, copy)
    for _ in range(2):
        with transaction(db):
            dedup.record(db, copy, decision)
    assert db.execute("SELECT member_count FROM stories").fetchone()[0] == 2
    assert count(db, "story_members") == 2 and count(db, "dedup_lsh") == 2 * dedup.BANDS


def test_crash_between_decide_and_record_loses_nothing(db: Any, original: dict[str, Any]) -> None:
    copy = make("https://www.zakon.kz/6467795-trassa.html", "zakon_kz", "ru", RU_TITLE, _attribution())
    with pytest.raises(RuntimeError), transaction(db):
        decision = dedup.decide(db, copy)
        dedup.record(db, copy, decision)
        raise RuntimeError("the store failed after record")
    assert count(db, "dedup_signatures") == 1 and count(db, "story_members") == 1
    assert ingest(db, copy).relation == "near"


def test_confirm_redecides_when_the_index_moved(db: Any) -> None:
    copy = make("https://www.zakon.kz/6467795-trassa.html", "zakon_kz", "ru", RU_TITLE, _attribution())
    early = dedup.decide(db, copy)  # decided before the original was stored (another process)
    assert early.relation == "new"
    ingest(
        db,
        make(
            "https://primeminister.kz/ru/news/dorogu-31656", "primeminister_kz", "ru", RU_TITLE, RU_PARAGRAPHS
        ),
    )
    assert dedup.confirm(db, copy, early).relation == "near"
    fresh = dedup.decide(db, copy)
    assert dedup.confirm(db, copy, fresh) is fresh


def test_index_persists_across_close_and_another_process(tmp_path: Path) -> None:
    path = tmp_path / "kznews.db"
    db = open_db(path)
    ingest(
        db,
        make(
            "https://primeminister.kz/ru/news/dorogu-31656", "primeminister_kz", "ru", RU_TITLE, RU_PARAGRAPHS
        ),
    )
    db.conn.close()
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[2]);"
        "from crawler.store.db import open_db; from crawler.store import dedup; from tests.test_dedup import make, ingest, _retelling;"
        "db = open_db(sys.argv[1]);"
        "d = ingest(db, make('https://www.zakon.kz/6467795-trassa.html', 'zakon_kz', 'ru', 'Трасса', _retelling()));"
        "print(json.dumps([d.relation, d.story_id]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), str(ROOT)], capture_output=True, text=True, check=True
    )
    relation, story_id = json.loads(out.stdout)
    reopened = open_db(path)
    assert relation == "near" and story_id == reopened.execute("SELECT id FROM stories").fetchone()[0]
    assert reopened.execute("SELECT member_count FROM stories").fetchone()[0] == 2
    reopened.conn.close()


def test_schema_is_migration_2_and_idempotent(db: Any) -> None:
    assert db.execute("SELECT name FROM schema_version WHERE version = 2").fetchone()[0].startswith("dedup")
    schema.dedup_tables(db)
    schema.dedup_tables(db)
    assert {
        "stories",
        "story_members",
        "dedup_signatures",
        "dedup_lsh",
        "dedup_alternates",
        "article_revisions",
    } <= set(db.table_names())


# -- the pipeline stage --------------------------------------------------------------------------


def test_pipeline_decides_fills_the_item_and_hands_the_decision_to_the_store(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from crawler.items import Article
    from pipelines.dedupe import DedupePipeline, take_decision

    crawler = get_crawler(settings_dict={"KZNEWS_DB": str(tmp_path / "kznews.db")})
    crawler.stats.open_spider()
    stage = DedupePipeline.from_crawler(crawler)
    stage.open_spider()
    url = "https://primeminister.kz/ru/news/dorogu-31656"
    item = Article(
        url=url,
        site="primeminister_kz",
        language="ru",
        title=RU_TITLE,
        body="\n\n".join(RU_PARAGRAPHS),
        native_id="31656",
        fetched_at="2026-07-15T07:00:00Z",
    )
    assert stage.process_item(item) is item
    assert item.article_id == article_id(canonical_url(url)) and item.story_id == item.article_id
    decision = take_decision(crawler, item.article_id)
    assert decision is not None and decision.relation == "new"
    assert take_decision(crawler, item.article_id) is None
    assert crawler.stats.get_value("kznews/dedupe/new") == 1
    # The store's side: confirm + upsert + record in one transaction; then the copy is a duplicate.
    ingest(stage.db, item.to_dict())
    copy = Article(
        url="https://www.zakon.kz/6467795-x.html",
        site="zakon_kz",
        language="ru",
        title="Копия",
        body="\n\n".join(_attribution()),
    )
    stage.process_item(copy)
    assert (copy.story_id, copy.duplicate_of) == (item.article_id, item.article_id)
    assert crawler.stats.get_value("kznews/dedupe/near") == 1
    stage.close_spider()


def test_a_translation_that_is_also_a_retelling_merges_the_two_stories(db: Any) -> None:
    # Found in the demo crawl: Zakon.kz retold the Government's Russian release before the crawl met the
    # release itself, and the release's Kazakh twin had already started its own story.
    retelling = make(
        "https://www.zakon.kz/obshestvo/6600001-doroga-almaty-kaskelen.html", "zakon_kz", "ru",
        "Трассу Алматы — Каскелен расширят", RU_PARAGRAPHS[:5] + ["Сообщает Zakon.kz."],
        published_at="2026-07-15T07:30:00Z",
    )  # fmt: skip
    kazakh = make(
        "https://primeminister.kz/kz/news/almaty-kaskelen-zholy-31656", "primeminister_kz", "kk", KK_TITLE,
        KK_PARAGRAPHS,
    )  # fmt: skip
    release = make(
        "https://primeminister.kz/ru/news/dorogu-almaty-kaskelen-31656", "primeminister_kz", "ru", RU_TITLE,
        RU_PARAGRAPHS, lead=RU_LEAD,
    )  # fmt: skip
    first = ingest(db, retelling)
    second = ingest(db, kazakh)
    assert first.is_new_story and second.is_new_story and count(db, "stories") == 2
    third = ingest(db, release)
    assert third.relation == "translation" and third.merge_stories == (first.story_id,)
    stories = {row[0] for row in db.execute("SELECT story_id FROM articles")}
    assert stories == {second.story_id} and count(db, "stories") == 1
    origin, members, languages, sites = db.execute(
        "SELECT origin_article_id, member_count, languages, sites FROM stories"
    ).fetchone()
    assert members == 3 and json.loads(languages) == ["kk", "ru"]
    assert json.loads(sites) == ["primeminister_kz", "zakon_kz"]
    assert origin in (kazakh["article_id"], release["article_id"])  # published 06:00, the retelling 07:30
    # One member opened the surviving story; the opener of the folded one says it came by the merge (two
    # "origin" members were once seen in a `make demo` database, from this very merge).
    relations = dict(db.execute("SELECT article_id, relation FROM story_members").fetchall())
    assert relations == {
        kazakh["article_id"]: "origin",
        retelling["article_id"]: "merged",
        release["article_id"]: "translation",
    }
    # replaying the same articles changes nothing
    for article in (retelling, kazakh, release):
        ingest(db, article)
    assert count(db, "stories") == 1 and count(db, "story_members") == 3
    assert dict(db.execute("SELECT article_id, relation FROM story_members").fetchall()) == relations


# -- the fast fingerprint equals the reference computation -----------------------------------------
# The reference below is the straightforward implementation the index was built with (signatures,
# bands and number slots are persisted: the fast path must give the same values, bit for bit).


def _ref_shingles(text: str | None) -> set[int]:
    hashed = [dedup._token_hash(t) for t in dedup._WORD.findall(dedup.normalize_text(text))]
    if not hashed:
        return set()
    mult = dedup._SHINGLE_MULT
    if len(hashed) < dedup.SHINGLE_SIZE:
        return {sum(h * m for h, m in zip(hashed, mult, strict=False)) & dedup._MASK64}
    return {
        sum(hashed[i + j] * mult[j] for j in range(dedup.SHINGLE_SIZE)) & dedup._MASK64
        for i in range(len(hashed) - dedup.SHINGLE_SIZE + 1)
    }


def _ref_minhash(shingles: set[int]) -> tuple[int, ...] | None:
    if not shingles:
        return None
    bins = [dedup._EMPTY] * dedup.NUM_BINS
    for h in shingles:
        bins[h >> 57] = min(bins[h >> 57], (h >> 25) & 0xFFFFFFFF)
    original = list(bins)
    for i in range(dedup.NUM_BINS):
        if original[i] == dedup._EMPTY:
            bins[i] = next(original[j] for j in dedup._DENSIFY[i] if original[j] != dedup._EMPTY)
    return tuple(bins)


def _ref_buckets(signature: tuple[int, ...]) -> list[int]:
    out = []
    for band in range(dedup.BANDS):
        chunk = signature[band * dedup.ROWS : band * dedup.ROWS + dedup.ROWS]
        mixed = sum(v * m for v, m in zip(chunk, dedup._BAND_MULT, strict=True)) & dedup._MASK64
        out.append((mixed >> 16) & 0xFFFFFFFFFFFF)
    return out


def _ref_number_slots(text: str | None) -> dict[str, list[str]]:
    words: list[str] = []
    values: list[tuple[int, str]] = []
    for _time, number, word in dedup._FACT_TOKEN.findall(dedup.normalize_text(text)):
        if word:
            month = dedup._month(word)
            if month is None:
                words.append(word)
            else:
                values.append((len(words), month))
        elif number:
            values.append((len(words), dedup._number_value(number)))
    slots: dict[str, set[str]] = {}
    for position, value in values:
        sides = []
        if position >= 2:
            sides.append("<" + " ".join(words[position - 2 : position]))
        if position + 2 <= len(words):
            sides.append(">" + " ".join(words[position : position + 2]))
        for key in sides:
            slots.setdefault(f"{zlib.crc32(key.encode('utf-8')):08x}", set()).add(value)
    return {key: sorted(v) for key, v in sorted(slots.items())}


def _ref_fingerprint(article: dict[str, Any]) -> dedup.Fingerprint:
    main = "\n".join(part for part in (article.get("lead"), article.get("body")) if part)
    normalized = dedup.normalize_text(main)
    shingles = _ref_shingles(main)
    signature = _ref_minhash(shingles)
    return dedup.Fingerprint(
        body_hash=dedup.body_hash(main),
        content_hash=dedup.text_hash(article.get("title"), article.get("body"), article.get("lead")),
        signature=dedup._SIG.pack(*signature) if signature else None,
        shingles=len(shingles),
        numbers=_ref_number_slots(f"{article.get('title') or ''}\n{normalized}"),
        buckets=tuple(_ref_buckets(signature)) if signature and len(shingles) >= dedup.MIN_SHINGLES else (),
    )


# Pieces that stress the tokenisers: figures with signs, separators and times, month forms, digits
# glued to letters, underscores, ё/Ё, a combining diaeresis after Ё (NFC recomposes it after folding),
# characters whose case folding expands (ß, ǰ), odd whitespace.
_PIECES = [
    *"абвгдеёжзийклмнопрстуфхцчшщыэюя әғқңөұүһі ABCxyz _0123456789 +-−:.,;!?()«»—\n\t",
    "Ё", "Е\u0308", "Ё\u0308", "ß", "ǰ", "\u00a0", "\u2009", " 000", " 500 000", "10:15", "478,50",
    "-5", "+3", "−12", "марта", "наурызда", "мая", "май", "майор", "january", "Декабрь", "сәуірге",
    "Курс доллара составил ", " тенге", "задержали ", " человек", "covid19", "2026-11-20",
]  # fmt: skip
_TEXTS = st.one_of(st.none(), st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))


@given(title=_TEXTS, lead=_TEXTS, body=_TEXTS)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fingerprint_equals_the_reference_computation(
    title: str | None, lead: str | None, body: str | None
) -> None:
    article = {"title": title, "lead": lead, "body": body}
    assert dedup.fingerprint(article) == _ref_fingerprint(article)
    text = f"{title or ''}\n{body or ''}"
    assert dedup.number_slots(text) == _ref_number_slots(text)
    assert dedup.shingle_hashes(text) == _ref_shingles(text)


def test_fingerprint_equals_the_reference_on_the_sample_texts() -> None:
    for title, paragraphs in (
        (RU_TITLE, RU_PARAGRAPHS), (KK_TITLE, KK_PARAGRAPHS), ("", UNRELATED_PARAGRAPHS),
        (RU_TITLE, _retelling()), (RU_TITLE, _small_edits()), (RU_TITLE, ["Коротко."]),
    ):  # fmt: skip
        for lead in (None, "", RU_LEAD, paragraphs[0]):
            article = {"title": title, "lead": lead, "body": "\n\n".join(paragraphs)}
            assert dedup.fingerprint(article) == _ref_fingerprint(article)


def test_confirm_reuses_the_fingerprint_when_the_index_moved(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    real = dedup._fingerprint
    monkeypatch.setattr(
        dedup, "_fingerprint", lambda article, parts: calls.append(article) or real(article, parts)
    )
    copy = make("https://www.zakon.kz/6467795-trassa.html", "zakon_kz", "ru", RU_TITLE, _attribution())
    early = dedup.decide(db, copy)
    ingest(
        db,
        make(
            "https://primeminister.kz/ru/news/dorogu-31656", "primeminister_kz", "ru", RU_TITLE, RU_PARAGRAPHS
        ),
    )
    calls.clear()
    again = dedup.confirm(db, dict(copy), early)  # the store passes a copy of the row
    assert again.relation == "near" and again.fingerprint is early.fingerprint and calls == []
    edited = {**copy, "body": copy["body"] + "\n\nДополнено."}
    assert dedup.confirm(db, edited, early).fingerprint == dedup.fingerprint(edited) and len(calls) == 2


def test_unchanged_recrawl_takes_the_fingerprint_from_the_index(db: Any, original: dict[str, Any]) -> None:
    near = make("https://www.zakon.kz/6467795-trassa.html", "zakon_kz", "ru", RU_TITLE, _retelling())
    ingest(db, near)
    for article in (original, near, {**near, "url": near["url"] + "?utm_source=x"}):
        again = dedup.decide(db, article)
        assert again.relation == "same-article" and again.revision == "none"
        assert again.fingerprint == dedup.fingerprint(article)
        assert dedup.confirm(db, article, again) is again


def test_pipeline_reads_through_the_store_connection_inside_a_batch(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from crawler.items import Article
    from crawler.store.articles import Store
    from pipelines.dedupe import DedupePipeline, take_decision

    crawler = get_crawler(settings_dict={"KZNEWS_DB": str(tmp_path / "kznews.db")})
    crawler.stats.open_spider()
    stage = DedupePipeline.from_crawler(crawler)
    stage.open_spider()
    store = Store.for_crawler(crawler)
    first = make(
        "https://primeminister.kz/ru/news/dorogu-31656", "primeminister_kz", "ru", RU_TITLE, RU_PARAGRAPHS
    )
    with transaction(store.db):  # the writer's batch: not committed while the next item is decided
        ingest(store.db, first)
        copy = Article(
            url="https://www.zakon.kz/6467795-x.html", site="zakon_kz", language="ru", title="Копия",
            body="\n\n".join(_attribution()),
        )  # fmt: skip
        stage.process_item(copy)
        assert copy.duplicate_of == first["article_id"]  # the batch's uncommitted rows are seen
        decision = take_decision(crawler, copy.article_id)
        assert decision is not None
        assert dedup.confirm(store.db, copy.to_dict(), decision) is decision  # no second decide
    stage.close_spider()
    store.close()


def test_normalize_text_collapses_exactly_the_regex_whitespace() -> None:
    spaces = "".join(c for c in map(chr, range(0x3100)) if re.fullmatch(r"\s", c))
    assert spaces == "".join(c for c in map(chr, range(0x3100)) if c.isspace())
    text = f"{spaces}А{spaces}б в\u00a0г\u2028{spaces}"
    assert dedup.normalize_text(text) == re.sub(r"\s+", " ", text.casefold()).strip() == "а б в г"


def test_migration_9_repairs_a_story_with_two_origins(tmp_path: Any) -> None:
    # A database written before the merge fix: the folded story's opener kept 'origin' in the merged story.
    path = tmp_path / "old.db"
    db = open_db(path)
    rows = [("s1", "s1", "origin"), ("s1", "s2", "origin"), ("s1", "a3", "near"), ("s4", "s4", "origin")]
    db.conn.executemany(
        "INSERT INTO story_members (story_id, article_id, relation, added_at) VALUES (?, ?, ?, 'now')", rows
    )
    db.execute("DELETE FROM schema_version WHERE version = 9")  # as if written by the previous release
    db.conn.close()
    db = open_db(path)  # migrates forward
    got = dict(db.execute("SELECT article_id, relation FROM story_members").fetchall())
    assert got == {"s1": "origin", "s2": "merged", "a3": "near", "s4": "origin"}
    assert db.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 9
    db.conn.close()
