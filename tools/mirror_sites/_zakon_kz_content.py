"""Article records for the offline Zakon.kz mirror (www.zakon.kz ru, kaz.zakon.kz kk).

Every record says where its words come from in `text_source` (it goes into the MANIFEST):
- the 8 Russian excerpts in ../shared/fixtures/real/zakon_ru/text/<id>.json: real URL, real paragraphs
  (verbatim, in page order); their headlines (except 6503515) and all leads were written for the mirror;
- 6533466: real URL, real headline and real publication time (the recorded <title>); body written for the mirror;
- the Kazakh Trans Caspian article: real text from ../shared/fixtures/real/zakon_kk/trans_caspian_fiber_optic.txt;
  its URL, id, date and lead are assumed (none are known);
- everything else: written for the mirror (realistic news prose; the ids, slugs, dates, figures and author
  names are invented, in the documented id ranges and URL forms).

Record keys are documented in tools/mirror_sites/zakon_kz.py (render_article).
Paragraph items: a str is a <p>; {"empty": True} an empty <p></p> where an embed sits; {"sub": text} a
subheading set as <p><strong>; {"quote": text, "author": name} a <blockquote> with an author caption.
"""

from __future__ import annotations

import json
from pathlib import Path

# Copies of ../shared/fixtures/real/zakon_* kept in the repository (no tool reads outside it); the *_REL names
# below keep naming the original files in the provenance notes.
REAL_RU = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real" / "zakon_ru" / "text"
REAL_KK = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real" / "zakon_kk"
REAL_RU_REL = "shared/fixtures/real/zakon_ru/text"
REAL_KK_REL = "shared/fixtures/real/zakon_kk/trans_caspian_fiber_optic.txt"

EMPTY = {"empty": True}


def _real_ru(article_id: str) -> dict:
    return json.loads((REAL_RU / f"{article_id}.json").read_text(encoding="utf-8"))


def _real_paragraphs(article_id: str) -> list:
    return list(_real_ru(article_id)["body_paragraphs"])


def _trans_caspian() -> tuple[str, list]:
    """The real kk text, as the real page most plausibly had it.

    The extraction split sentences at ". " and dropped the periods (which is also why "Премьер-Министр А" /
    "Мамин ..." became two lines). Here the lines of one blank-line block are joined into one paragraph
    with their periods restored, so "Премьер-Министр А. Мамин ..." is one sentence again. Words are unchanged.
    """
    text = (REAL_KK / "trans_caspian_fiber_optic.txt").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if b.strip()]
    headline = blocks[0].strip()
    paragraphs = []
    for block in blocks[1:]:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        sentences = []
        for ln in lines:
            sentences.append(ln if ln.endswith((".", "!", "?")) else ln + ".")
        paragraphs.append(" ".join(sentences))
    return headline, paragraphs


def _quote_blocks(paragraphs: list) -> list:
    """6502319: the stored text has `..."`. Касым-Жомарт Токаев` — a blockquote with its author caption."""
    out = []
    suffix = ". Касым-Жомарт Токаев"
    for p in paragraphs:
        if isinstance(p, str) and p.endswith(suffix):
            out.append({"quote": p[: -len(suffix)] + ".", "author": "Касым-Жомарт Токаев"})
        else:
            out.append(p)
    return out


# Official exchange-rate reports: the same wording on consecutive days, only the figures differ
# (a "template look-alike" pair for near-duplicate detection).
def _rates(
    day: int, month_gen: str, usd: str, change: str, eur: str, rub: str, cny: str, kase: str, vol: str
) -> dict:
    return {
        "title": f"Официальные курсы валют на {day} {month_gen} 2026 года",
        "lead": f"Национальный банк установил официальные курсы иностранных валют к тенге на {day} {month_gen}.",
        "paragraphs": [
            f"Национальный банк Республики Казахстан установил официальные курсы иностранных валют к тенге на {day} {month_gen} 2026 года, сообщает Zakon.kz.",
            f"Официальный курс доллара США составил {usd} тенге ({change} тенге к предыдущему дню), евро – {eur} тенге, российского рубля – {rub} тенге, китайского юаня – {cny} тенге.",
            "Официальный курс определяется по итогам торгов на Казахстанской фондовой бирже (KASE) за предыдущий рабочий день и применяется в бухгалтерском учете и для целей налогообложения.",
            f"По итогам торгов на KASE средневзвешенный курс доллара США составил {kase} тенге, объем торгов – {vol} млн долларов. Обменные пункты в Астане и Алматы продают доллар в среднем на 2–3 тенге дороже биржевого курса.",
        ],
    }


def ru_records() -> list[dict]:
    real_note = "body real excerpt ({src}); headline and lead written for the mirror; time of day assumed"
    recs: list[dict] = [
        {
            "url": "https://www.zakon.kz/politika/6387040-kasymzhomart-tokaev-planiruet-gosvizit-v-kitay.html",
            "also_at": [
                "https://zakon.kz/amp/politika/6387040-kasymzhomart-tokaev-planiruet-gosvizit-v-kitay.html"
            ],
            "title": "Глава государства обсудил с послом Китая предстоящий визит в КНР",
            "lead": "В Акорде подчеркнули важность дальнейшего укрепления двусторонних отношений с Китаем.",
            "paragraphs": _real_paragraphs("6387040"),
            "published": "2023-03-22T17:05",
            "tags": ["Касым-Жомарт Токаев", "Китай", "Акорда"],
            "jsonld_date": True,
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6387040.json")
            + "; the excerpt is from the middle of the article; known only as the AMP URL (zakon.kz/amp/...), so the www URL is"
            " inferred from the documented URL pattern; date assumed (2023: before the May 2023 Xi'an summit the text"
            " anticipates, and the id sequence)",
        },
        {
            "url": "https://www.zakon.kz/sobytiia/6502318-tokaev-ozvuchil-trebovanie-akimu-astany-i-ministerstvu-iskusstvennogo-intellekta.html",
            "title": "Президент поручил акиму столицы завершить проект Smart City в кратчайшие сроки",
            "lead": "Аналогичные платформы должны появиться во всех городах страны, заявил Касым-Жомарт Токаев.",
            "paragraphs": _real_paragraphs("6502318"),
            "published": "2025-12-24T12:26",
            "tags": ["Касым-Жомарт Токаев", "Астана", "Smart City"],
            "jsonld_date": True,
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6502318.json")
            + "; date from SOURCES.md (stored copy 2025-12-24)",
        },
        {
            "url": "https://www.zakon.kz/politika/6502319-astana-vpechatlila-si-tszinpina-svoim-preobrazheniem--tokaev.html",
            "title": "Президент привел слова Си Цзиньпина об облике Астаны",
            "lead": "Главным приоритетом акимов должен быть комфорт горожан, считает Касым-Жомарт Токаев.",
            "paragraphs": _quote_blocks(_real_paragraphs("6502319")),
            "published": "2025-12-24T12:31",
            "tags": ["Касым-Жомарт Токаев", "Астана", "Си Цзиньпин"],
            "jsonld_date": False,
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6502319.json")
            + "; the two quotes with the glued author caption are set as <blockquote> + caption; date from the body (24 Dec 2025)",
        },
        {
            "url": "https://www.zakon.kz/sobytiia/6502339-ponyal-chto-ya-khochu-tokaev-pokhvalil-akima-astany.html",
            "title": "Глава государства отметил работу акима Астаны Жениса Касымбека",
            "lead": "Краткосрочный экономический индикатор столицы за 11 месяцев составил 118,6%.",
            "paragraphs": _real_paragraphs("6502339"),
            "published": "2025-12-24T14:02",
            "tags": ["Касым-Жомарт Токаев", "Женис Касымбек", "Астана"],
            "jsonld_date": True,
            "read_also": "https://www.zakon.kz/politika/6502319-astana-vpechatlila-si-tszinpina-svoim-preobrazheniem--tokaev.html",
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6502339.json")
            + "; date from the body (24 Dec); 'Читайте также' link inserted",
        },
        {
            "url": "https://www.zakon.kz/politika/6502341-kogo-i-chego-vy-opasaetes-o-rabote-ministrov-vyskazalsya-tokaev.html",
            "title": "Президент высказался о министрах, которые боятся подписывать документы",
            "lead": "Вмешательство правоохранительных органов в работу министерств без оснований недопустимо, заявил Токаев.",
            "paragraphs": _real_paragraphs("6502341"),
            "published": "2025-12-24T14:18",
            "tags": ["Касым-Жомарт Токаев", "Правительство РК"],
            "jsonld_date": True,
            "read_also": "https://www.zakon.kz/sobytiia/6502339-ponyal-chto-ya-khochu-tokaev-pokhvalil-akima-astany.html",
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6502341.json")
            + "; date from SOURCES.md (stored copy 2025-12-24); 'Читайте также' link inserted",
        },
        {
            "url": "https://www.zakon.kz/stati/6502384-itogi-goda-top7-glavnykh-sobytiy-ukhodyashchego-2025go.html",
            "title": "Семь событий 2025 года, которые запомнятся казахстанцам",
            "lead": "Редакция Zakon.kz вспоминает события, которые определили уходящий год.",
            "paragraphs": [
                p if p != "Идея о парламентской реформе" else {"sub": p} for p in _real_paragraphs("6502384")
            ],
            "published": "2025-12-25T09:10",
            "tags": ["Итоги года", "Парламент"],
            "jsonld_date": False,
            "author": "Дина Ахметова",
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6502384.json")
            + "; the body subheading is set as <p><strong>; date from SOURCES.md (stored copy 2025-12-25); author name invented",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6503515-nado-perekhodit-ot-slov-k-delu-olzhas-bektenov-potreboval-realnykh-rezultatov-vmesto-otchetov.html",
            "title": _real_ru("6503515")["title"],
            "lead": "Премьер-министр призвал госорганы экономить бюджетные средства и добиваться конкретного результата.",
            "caption": "Фото: primeminister.kz",
            "paragraphs": _real_paragraphs("6503515"),
            "published": "2026-01-06T11:47",
            "tags": ["Олжас Бектенов", "Правительство РК", "Заседание правительства"],
            "jsonld_date": True,
            "modified": "2026-01-06T12:15",
            "text_source": f"headline and body real ({REAL_RU_REL}/6503515.json), incl. the real 'Фото: primeminister.kz' caption;"
            " a retelling of the Government's press release on primeminister.kz; lead written for the mirror; date from the"
            " body (6 Jan 2026), time of day assumed",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6507353-chitayte-bolshe-prezident-upreknul-chlenov-pravitelstva.html",
            "title": "Президент призвал членов правительства внимательнее читать его выступления",
            "lead": "Не все министры с должным вниманием прочитали интервью газете Turkistan, заявил глава государства.",
            "paragraphs": [
                *_real_paragraphs("6507353")[:2],
                EMPTY,
                _real_paragraphs("6507353")[2],
                EMPTY,
                _real_paragraphs("6507353")[3],
            ],
            "published": "2026-02-10T12:39",
            "tags": ["Касым-Жомарт Токаев", "Правительство РК"],
            "jsonld_date": True,
            "text_source": real_note.format(src=f"{REAL_RU_REL}/6507353.json")
            + "; the empty paragraphs between body paragraphs are real (SOURCES.md); date from SOURCES.md (2026-02-10); Kazakh twin on kaz.zakon.kz",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6533466-dva-zagruzhennykh-perekrestka-zakroyut-v-astane.html",
            "title": "Два загруженных перекрестка закроют в Астане",
            "lead": "Движение транспорта ограничат на время замены инженерных сетей и ремонта дорожного полотна.",
            "paragraphs": [
                "В Астане с 3 по 12 октября закроют для движения два перекрестка в районе Есиль, сообщает Zakon.kz со ссылкой на акимат столицы.",
                "Ограничения связаны с заменой инженерных сетей и ремонтом дорожного полотна. Полностью закроют перекрестки проспекта Туран с улицей Сыганак и проспекта Кабанбай батыра с улицей Хусейн бен Талал. Общественный транспорт, следующий по этим участкам, пустят в объезд по соседним улицам.",
                "В акимате просят водителей заранее планировать маршруты и пользоваться приложениями с данными о загруженности дорог. На подъездах к перекресткам установят временные дорожные знаки и информационные табло.",
                "После завершения работ движение восстановят в прежнем режиме, а на обоих перекрестках заработают адаптивные светофоры.",
            ],
            "published": "2026-10-01T16:55",
            "tags": ["Астана", "Дороги"],
            "jsonld_date": False,
            "trailers": ["Следите за новостями Zakon.kz в Telegram"],
            "text_source": "URL, headline and publication time real (the recorded <title>, SOURCES.md); lead and body written for the mirror",
        },
        {
            "url": "https://www.zakon.kz/finansy/6533238-ofitsialnye-kursy-valyut-na-30-sentyabrya-2026-goda.html",
            **_rates(30, "сентября", "527,84", "+1,12", "618,37", "6,41", "73,96", "528,15", "131,4"),
            "published": "2026-09-30T08:35",
            "tags": ["Курс валют", "Нацбанк"],
            "jsonld_date": False,
            "text_source": "written for the mirror (template look-alike of 6533371: same wording, other figures; figures invented)",
        },
        {
            "url": "https://www.zakon.kz/finansy/6533371-ofitsialnye-kursy-valyut-na-1-oktyabrya-2026-goda.html",
            **_rates(1, "октября", "529,06", "+1,22", "620,11", "6,39", "74,12", "529,43", "148,9"),
            "published": "2026-10-01T08:35",
            "tags": ["Курс валют", "Нацбанк"],
            "jsonld_date": True,
            "text_source": "written for the mirror (template look-alike of 6533238: same wording, other figures; figures invented)",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6533142-pravitelstvo-proverilo-gotovnost-regionov-k-otopitelnomu-sezonu.html",
            "title": "Правительство проверило готовность регионов к отопительному сезону",
            "lead": "На заседании правительства обсудили готовность ТЭЦ и коммунальных сетей к зиме.",
            "caption": "Фото: primeminister.kz",
            "paragraphs": [
                "На заседании правительства 29 сентября 2026 года рассмотрен ход подготовки регионов к отопительному сезону, передает корреспондент Zakon.kz.",
                "Как сообщил министр энергетики, ремонт энергоблоков на крупных станциях завершен на 96%, тепловых сетей – на 94%. Отставание отмечено в Экибастузе, Риддере и Уральске, где работы продолжаются на отдельных участках магистральных сетей.",
                {
                    "quote": '"Подготовка к зиме находится на особом контроле главы государства. Ни один населенный пункт не должен остаться без тепла".',
                    "author": "Олжас Бектенов",
                },
                "Премьер-министр напомнил, что по поручению Касым-Жомарта Токаева акимы областей и городов республиканского значения несут персональную ответственность за бесперебойное теплоснабжение.",
                "Акимам поручено до 15 октября завершить ремонт котельных и сформировать запасы угля и мазута, а Министерству энергетики – ежедневно отслеживать ситуацию на ТЭЦ с высоким износом оборудования.",
            ],
            "published": "2026-09-29T13:10",
            "tags": ["Правительство РК", "Отопительный сезон", "Олжас Бектенов"],
            "jsonld_date": True,
            "author": "Ерлан Садыков",
            "text_source": "written for the mirror (quote invented for the mirror; author name invented)",
        },
        {
            "url": "https://www.zakon.kz/politika/6533392-tokaevu-dolozhili-o-khode-uborochnoy-kampanii.html",
            "title": "Токаеву доложили о ходе уборочной кампании",
            "lead": "Министр сельского хозяйства рассказал президенту о сборе урожая и закупе зерна.",
            "paragraphs": [
                "Глава государства Касым-Жомарт Токаев принял министра сельского хозяйства, который доложил о ходе уборочной кампании и подготовке к весенне-полевым работам будущего года, сообщает пресс-служба Акорды.",
                "По данным министерства, по состоянию на 1 октября зерновые культуры убраны на 87% площадей, намолочено более 18 млн тонн зерна при средней урожайности 14,6 центнера с гектара. Наиболее высокие темпы уборки отмечаются в Костанайской и Акмолинской областях, в Северо-Казахстанской области работы сдерживают затяжные дожди.",
                "Министр также доложил Токаеву о мерах по закупу зерна у фермеров: продовольственная корпорация начала форвардный закуп по фиксированным ценам, а железнодорожники увеличили число вагонов-зерновозов на экспортных направлениях.",
                "Президент поручил не допустить потерь урожая, обеспечить аграриев горюче-смазочными материалами по доступным ценам и своевременно рассчитаться с сельхозтоваропроизводителями за сданное зерно.",
            ],
            "published": "2026-10-01T10:30",
            "tags": ["Касым-Жомарт Токаев", "Сельское хозяйство", "Уборочная"],
            "jsonld_date": True,
            "read_also": "https://www.zakon.kz/obshestvo/6533142-pravitelstvo-proverilo-gotovnost-regionov-k-otopitelnomu-sezonu.html",
            "text_source": "written for the mirror (figures invented); 'Читайте также' link after the body",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6440215-zhile-dlya-postradavshikh-ot-pavodka-v-kostanayskoy-oblasti-obeshchayut-sdat-k-oseni.html",
            "title": "Жилье для пострадавших от паводка в Костанайской области обещают сдать к осени",
            "lead": "В регионе строят 240 домов, еще 180 семей получат квартиры в новостройках.",
            "paragraphs": [
                "В Костанайской области продолжается строительство жилья для семей, чьи дома пострадали во время весеннего паводка, сообщает Zakon.kz со ссылкой на акимат региона.",
                "По данным акимата, в Костанае и Костанайском районе возводятся 240 индивидуальных домов, еще 180 семей получат квартиры в новостройках. Работы ведутся в две смены, на объектах задействовано свыше 1 500 рабочих и около 300 единиц техники.",
                EMPTY,
                "Напомним, в апреле по поручению президента Касым-Жомарта Токаева правительство создало штаб по ликвидации последствий паводков. Глава государства потребовал обеспечить всех пострадавших жильем до начала отопительного сезона.",
                "В акимате отмечают, что выплаты компенсаций за утраченное имущество получили более 9 тысяч семей. Жители, не согласные с оценкой ущерба, могут повторно обратиться в районные комиссии.",
            ],
            "published": "2024-06-18T11:05",
            "tags": ["Паводки", "Костанайская область", "Касым-Жомарт Токаев"],
            "jsonld_date": True,
            "author": "Анна Ким",
            "trailers": ["Нашли ошибку в тексте? Выделите ее мышью и нажмите Ctrl+Enter"],
            "text_source": "written for the mirror (figures and author name invented)",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6205418-v-nur-sultane-nachalsya-otopitelnyy-sezon.html",
            "title": "В Нур-Султане начался отопительный сезон",
            "lead": "Тепло в первую очередь подают в детские сады, школы и больницы.",
            "paragraphs": [
                'В Нур-Султане стартовал отопительный сезон 2021–2022 годов: тепло в первую очередь подают в детские сады, школы и больницы, затем в жилые дома, сообщает Zakon.kz со ссылкой на АО "Астана-Теплотранзит".',
                "Подключение всех потребителей планируется завершить в течение пяти–семи дней. Жителей просят в этот период не оставлять квартиры без присмотра и проверить, закрыты ли краны на радиаторах, чтобы избежать затоплений.",
                "В энергокомпании напомнили, что в ходе летней ремонтной кампании заменено 38 км тепловых сетей, а на ТЭЦ-2 и ТЭЦ-3 проведены плановые ремонты котлоагрегатов.",
                "О перебоях с теплоснабжением жители могут сообщить в единую дежурно-диспетчерскую службу по номеру 109.",
            ],
            "published": "2021-10-05T10:15",
            "tags": ["Нур-Султан", "Отопительный сезон"],
            "jsonld_date": False,
            "text_source": "written for the mirror (2021: the capital was then named Nur-Sultan; figures invented)",
        },
        {
            "url": "https://www.zakon.kz/obshestvo/6533301-silnyy-veter-i-pokholodanie-prognoz-pogody-v-astane-na-1-oktyabrya.html",
            "title": "Сильный ветер и похолодание: прогноз погоды в Астане на 1 октября",
            "lead": 'Синоптики РГП "Казгидромет" предупредили о порывах ветра до 20 м/с.',
            "paragraphs": [
                'В Астане 1 октября ожидается переменная облачность, ночью и утром местами дождь, сообщает Zakon.kz со ссылкой на РГП "Казгидромет".',
                "Ветер северо-западный, 12–17 м/с, днем с порывами до 20 м/с. Температура воздуха ночью составит от 0 до 2 градусов тепла, днем – 7–9 градусов тепла. В отдельных районах Акмолинской области ночью возможны заморозки до 3 градусов мороза.",
                "В связи с ухудшением погоды синоптики объявили штормовое предупреждение. Жителей столицы просят не оставлять автомобили под деревьями и рекламными конструкциями, а также соблюдать осторожность вблизи строящихся зданий.",
                "По прогнозу, к выходным в Астане потеплеет до 12–14 градусов, ветер ослабнет.",
            ],
            "published": "2026-09-30T14:20",
            "tags": ["Погода", "Астана", "Казгидромет"],
            "jsonld_date": True,
            "read_also": "https://www.zakon.kz/obshestvo/6533142-pravitelstvo-proverilo-gotovnost-regionov-k-otopitelnomu-sezonu.html",
            "read_also_at": 2,
            "text_source": "written for the mirror (forecast figures invented); the 'Читайте также' paragraph sits mid-body,"
            " between paragraphs 2 and 3 (position assumed: SOURCES.md reads the empty paragraphs inside real bodies as"
            " embeds or 'read also' inserts)",
        },
    ]
    for rec in recs:
        rec["lang"] = "ru"
    return recs


def kk_records() -> list[dict]:
    tc_headline, tc_paragraphs = _trans_caspian()
    recs: list[dict] = [
        {
            "url": "https://kaz.zakon.kz/6151472-talshykty-optikalyk-bailanys-zhelisi-2021-zhyldyn-sonyna-karai-paidalanuga-beriledi.html",
            "title": tc_headline,
            "lead": tc_headline,
            "paragraphs": tc_paragraphs,
            "published": "2021-04-09T16:40",
            "tags": ["Асқар Мамин", "Әзербайжан", "Маңғыстау облысы"],
            "jsonld_date": False,
            "text_source": f"headline and body real ({REAL_KK_REL}; headline = line 1; sentence periods restored and the"
            " lines of each block joined into one paragraph, so 'Премьер-Министр А. Мамин ...' is one sentence); lead ="
            " the headline sentence (the real lead is unknown); URL id and slug assumed (the real URL is unknown); date assumed"
            " (not in the text: A. Mamin was Prime Minister until Jan 2022 and the line was due by the end of 2021)",
        },
        {
            "url": "https://kaz.zakon.kz/6533398-memleket-basshysy-karagandy-oblysynyn-kimin-kabyldady.html",
            "title": "Мемлекет басшысы Қарағанды облысының әкімін қабылдады",
            "lead": "Әкім өңірдің әлеуметтік-экономикалық дамуы мен жылу беру маусымына дайындық туралы баяндады.",
            "caption": "Сурет: akorda.kz",
            "paragraphs": [
                "Қарағанды облысының әкімі Мемлекет басшысы Қасым-Жомарт Тоқаевқа өңірдің биылғы тоғыз айдағы әлеуметтік-экономикалық даму қорытындылары туралы баяндады, деп хабарлайды Zakon.kz Ақорданың баспасөз қызметіне сілтеме жасап.",
                "Әкімнің айтуынша, облыста өнеркәсіп өндірісінің көлемі 4,2 пайызға, құрылыс жұмыстары 11 пайызға өскен. Негізгі капиталға салынған инвестициялар 1,1 триллион теңгеден асты. Жыл басынан бері 9 мыңнан астам жаңа жұмыс орны ашылды.",
                "Президентке сондай-ақ Қарағанды, Теміртау және Балқаш қалаларындағы жылу электр орталықтарын жөндеу барысы, тұрғын үй құрылысы және егін жинау жұмыстары туралы ақпарат берілді.",
                "Қасым-Жомарт Тоқаев жылу беру маусымының іркіліссіз өтуін қамтамасыз етуді, ескі инженерлік желілерді жаңартуды жеделдетуді және шағын кәсіпкерлікті қолдау шараларын жалғастыруды тапсырды.",
            ],
            "published": "2026-10-01T11:20",
            "tags": ["Қасым-Жомарт Тоқаев", "Қарағанды облысы"],
            "jsonld_date": True,
            "text_source": "written for the mirror (figures invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6533431-astanada-kar-aralas-zhanbyr-zhauady-sinoptikter-eskertu-zhasady.html",
            "title": "Астанада қар аралас жаңбыр жауады: синоптиктер ескерту жасады",
            "lead": "«Қазгидромет» елордада желдің екпіні секундына 20 метрге дейін күшейетінін хабарлады.",
            "paragraphs": [
                "Астанада 2 қазанда қар аралас жаңбыр жауып, жел күшейеді, деп хабарлайды Zakon.kz «Қазгидромет» РМК-ға сілтеме жасап.",
                "Синоптиктердің болжамынша, солтүстік-батыс желдің екпіні секундына 15–20 метрге жетеді. Түнде ауа температурасы 1 градус аяздан 1 градус жылыға дейін, күндіз 4–6 градус жылы болады. Таңертең жолдарда көктайғақ болуы мүмкін.",
                "Қалалық әкімдік жүргізушілерді жылдамдықты сақтауға және көліктерін ағаштар мен жарнама қалқандарының жанына қалдырмауға шақырды. Коммуналдық қызметтер жолдарды тазалауға 600-ден астам арнайы техниканы әзір ұстап отыр.",
                "Ауа райы демалыс күндері біртіндеп жылынады деп күтілуде.",
            ],
            "published": "2026-10-01T15:05",
            "tags": ["Ауа райы", "Астана"],
            "jsonld_date": True,
            "trailers": ["Жаңалықтар телефоныңда: Zakon.kz Telegram-арнасына жазылыңыз"],
            "text_source": "written for the mirror (forecast figures invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6533259-soltustik-kazakstan-oblysynda-astyktyn-80-payyzy-zhinaldy.html",
            "title": "Солтүстік Қазақстан облысында астықтың 80 пайызы жиналды",
            "lead": "Жаңбырлы ауа райына байланысты егін жинау жұмыстары бірнеше күнге кешікті.",
            "paragraphs": [
                "Солтүстік Қазақстан облысында дәнді дақылдар егілген алқаптың 80 пайызынан астамы жиналды, деп хабарлайды Zakon.kz облыс әкімдігіне сілтеме жасап.",
                "Өңірде биыл 3,2 миллион гектар жерге дәнді дақылдар себілген. Қазіргі уақытта 2,6 миллион гектардың өнімі жиналып, 4,1 миллион тоннадан астам астық бастырылды. Орташа түсімділік гектарына 15,8 центнерді құрап отыр.",
                "Соңғы аптада жауған жаңбыр салдарынан Айыртау, Ақжар және Тайынша аудандарында жұмыс бірнеше күнге тоқтап қалды. Шаруашылықтар астық кептіру кешендерінің жұмысын күшейтіп, қосымша техника тартуда.",
                "Облыс әкімдігі фермерлерге жанар-жағармайдың жеңілдетілген бағамен жеткізілуі жалғасып жатқанын хабарлады.",
            ],
            "published": "2026-09-30T10:40",
            "tags": ["Ауыл шаруашылығы", "Солтүстік Қазақстан облысы"],
            "jsonld_date": False,
            "author": "Ержан Омаров",
            "text_source": "written for the mirror (figures and author name invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6533330-tokaevtyn-tapsyrmasy-auyldyk-zholdardy-zhondeu-zhyldamdatylady.html",
            "title": "Тоқаевтың тапсырмасы: ауылдық жолдарды жөндеу жылдамдатылады",
            "lead": "Көлік министрлігі биыл 2 мың шақырымнан астам жергілікті жолды жөндеуді жоспарлап отыр.",
            "paragraphs": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаевтың тапсырмасына сәйкес облыстық және аудандық маңызы бар жолдарды жөндеу жұмыстары жеделдетіледі, деп хабарлайды Zakon.kz Көлік министрлігіне сілтеме жасап.",
                "Министрліктің мәліметінше, биыл жергілікті жолдардың 2 100 шақырымын күрделі және орташа жөндеуден өткізу жоспарланған. Қазіргі уақытта жұмыстың 78 пайызы орындалды. Жөнделген жолдардың басым бөлігі ауылдарды аудан орталықтарымен байланыстырады.",
                EMPTY,
                "Жол сапасына қоғамдық бақылау күшейтілді: тұрғындар ақаулар туралы eGov Mobile қосымшасы арқылы хабарлай алады. Мердігерлерге жөндеуден кейін бес жыл бойы кепілдік міндеттемесі жүктеледі.",
                "Бұған дейін Президент Тоқаевқа жол құрылысындағы кемшіліктер туралы баяндалып, ол сапасыз жұмыс үшін мердігерлер мен тапсырыс берушілердің жауапкершілігін арттыруды талап еткен болатын.",
            ],
            "published": "2026-09-30T17:15",
            "tags": ["Қасым-Жомарт Тоқаев", "Жолдар", "Көлік министрлігі"],
            "jsonld_date": True,
            "text_source": "written for the mirror (figures invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6519874-aktobede-300-oryndyk-kopbeyindi-aurukhana-salynady.html",
            "title": "Ақтөбеде 300 орындық көпбейінді аурухана салынады",
            "lead": "Жаңа медициналық нысан 2028 жылы пайдалануға беріледі деп жоспарланған.",
            "caption": "Сурет: Ақтөбе облысы әкімдігі",
            "paragraphs": [
                "Ақтөбе қаласында 300 төсекке арналған көпбейінді аурухананың құрылысы басталды, деп хабарлайды Zakon.kz облыс әкімдігіне сілтеме жасап.",
                "Жоба мемлекеттік-жекеменшік әріптестік аясында жүзеге асырылады. Ауруханада хирургия, кардиология, неврология және ана мен бала бөлімшелері орналасады, заманауи диагностикалық жабдықтар сатып алынады. Құрылыс кезінде 800-ге жуық адам жұмыспен қамтылады.",
                "Облыстық денсаулық сақтау басқармасының мәліметінше, қала халқының саны соңғы он жылда едәуір артып, қолданыстағы ауруханалардың жүктемесі ұлғайған. Жаңа нысан іске қосылғаннан кейін емделушілердің кезек күту уақыты қысқарады деп күтілуде.",
                "Жаңа ауруханада 1 200-ге жуық медицина қызметкері жұмыс істейді.",
            ],
            "published": "2026-05-20T12:00",
            "tags": ["Денсаулық сақтау", "Ақтөбе облысы"],
            "jsonld_date": True,
            "text_source": "written for the mirror (figures invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6507390-tokaev-ukimet-mushelerin-kobirek-okuga-shakyrdy.html",
            "title": "Тоқаев Үкімет мүшелерін көбірек оқуға шақырды",
            "lead": "Президент кейбір министрлердің оның сұхбатын мұқият оқымағанын айтты.",
            "paragraphs": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаев 10 ақпанда өткен Үкіметтің кеңейтілген отырысында министрлердің оның сөйлеген сөздері мен сұхбаттарын үстірт оқитынын сынға алды, деп хабарлайды Zakon.kz тілшісі.",
                "Президенттің айтуынша, Үкімет мүшелерімен әңгімелескенде олардың бәрі бірдей «Turkistan» газетіне берген сұхбатын тиісті ықыласпен оқымағаны байқалған. Бұл Ұлттық құрылтайдың Қызылордада өткен отырысындағы сөзіне де қатысты.",
                "«Интернеттің әсерінен ұзақ мәтіндерді оқу қиындап кеткен сияқты. Бірақ бұл мемлекеттік қызметшіні абыройлы етпейді. Оқу керек, оқу керек және тағы да оқу керек», – деді Мемлекет басшысы.",
                "Еске сала кетейік, 5 қаңтарда Тоқаевтың «Turkistan» газетіне берген сұхбаты жарияланып, онда 2026 жылға арналған жоспарлар туралы айтылған болатын.",
            ],
            "published": "2026-02-10T13:05",
            "tags": ["Қасым-Жомарт Тоқаев", "Үкімет"],
            "jsonld_date": True,
            "text_source": "written for the mirror: the Kazakh twin of the real ru article 6507353 (same event, own id);"
            " the quote is an abridged Kazakh translation of the real Russian quote",
        },
        {
            "url": "https://kaz.zakon.kz/6499876-ulttyk-statistika-byurosy-karashadagy-inflyatsiya-dengeyin-zhariyalady.html",
            "title": "Ұлттық статистика бюросы қарашадағы инфляция деңгейін жариялады",
            "lead": "Азық-түлік тауарлары бір айда 1,1 пайызға қымбаттады.",
            "paragraphs": [
                "Қазақстанда 2025 жылғы қарашада инфляция 0,9 пайызды құрады, деп хабарлайды Zakon.kz Стратегиялық жоспарлау және реформалар агенттігінің Ұлттық статистика бюросына сілтеме жасап.",
                "Бюроның мәліметінше, азық-түлік тауарлары 1,1 пайызға, азық-түлікке жатпайтын тауарлар 0,8 пайызға, ақылы қызметтер 0,7 пайызға қымбаттаған. Бағасы ең көп өскен тауарлар – жұмыртқа, сиыр еті және көкөніс.",
                "Жылдық есептегенде инфляция деңгейі 12,4 пайызға жетті. Экономистер бағаның өсуіне коммуналдық қызметтер тарифтерінің көтерілуі мен жанар-жағармай бағасының өзгеруі әсер еткенін айтады.",
                "Ұлттық банк базалық мөлшерлеме бойынша кезекті шешімін жақын арада жариялайды.",
            ],
            "published": "2025-12-03T11:40",
            "tags": ["Инфляция", "Экономика"],
            "jsonld_date": True,
            "modified": "2025-12-03T12:05",
            "text_source": "written for the mirror (figures invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6490215-bir-palataly-parlament-tokaevtyn-usynysy-kogamda-talkylanuda.html",
            "title": "Бір палаталы Парламент: Тоқаевтың ұсынысы қоғамда талқылануда",
            "lead": "Сарапшылар реформаның мерзімі мен кезеңдері туралы пікір білдіруде.",
            "paragraphs": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаевтың 8 қыркүйектегі Қазақстан халқына Жолдауында айтылған бір палаталы Парламентке көшу туралы ұсыныс қоғамда кеңінен талқыланып жатыр, деп хабарлайды Zakon.kz.",
                "Президент бұл мәселені жан-жақты пысықтап, жалпыұлттық референдумға шығаруды ұсынды. Оның айтуынша, реформа президенттік билікті қайта құру бойынша бұрын жүргізілген өзгерістердің заңды жалғасы болмақ.",
                "Саясаттанушылардың пікірінше, бір палаталы Парламент заң шығару процесін жеделдетіп, депутаттардың сайлаушылар алдындағы жауапкершілігін арттыруы мүмкін. Сонымен қатар олар өңірлердің мүддесін қорғау тетіктерін сақтау қажет екенін атап өтуде.",
                "Жолдауда сондай-ақ цифрландыру, жасанды интеллектті дамыту және экономиканы әртараптандыру мәселелеріне ерекше назар аударылды.",
            ],
            "published": "2025-09-09T10:25",
            "tags": ["Қасым-Жомарт Тоқаев", "Жолдау", "Парламент"],
            "jsonld_date": True,
            "author": "Әйгерім Сейітқызы",
            "trailers": ["Беттегі қатені байқасаңыз, оны белгілеп, Ctrl+Enter пернелерін басыңыз"],
            "text_source": "written for the mirror (author name invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6451093-turkistan-oblysynda-15-zhana-mektep-paydalanuga-berildi.html",
            "title": "Түркістан облысында 15 жаңа мектеп пайдалануға берілді",
            "lead": "Жаңа оқу жылында өңірде 12 мыңнан астам оқушы жаңа ғимараттарда білім алады.",
            "caption": "Сурет: Түркістан облысы әкімдігі",
            "paragraphs": [
                "Білім күні Түркістан облысында 15 жаңа мектеп есігін айқара ашты, деп хабарлайды Zakon.kz облыс әкімдігіне сілтеме жасап.",
                "Жаңа нысандардың жетеуі «Жайлы мектеп» ұлттық жобасы аясында салынған. Мектептерде робототехника, химия және физика кабинеттері, спорт залдары мен асханалар бар. Барлығы 12 мыңнан астам оқушыға арналған орын құрылды.",
                "Облыс әкімдігінің мәліметінше, жаңа мектептердің арқасында Сайрам, Сарыағаш және Келес аудандарындағы үш ауысымды оқыту мәселесі шешілді. Мектептерге 900-ге жуық мұғалім жұмысқа қабылданды.",
                "Биыл облыста 1-сыныпқа 62 мыңнан астам бала барды. Әкімдік алдағы екі жылда тағы 20 мектеп салуды жоспарлап отыр.",
            ],
            "published": "2024-09-02T09:30",
            "tags": ["Білім", "Түркістан облысы"],
            "jsonld_date": False,
            "text_source": "written for the mirror (figures invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6427561-kazakstan-biryngay-uakyt-beldeuine-koshti.html",
            "title": "Қазақстан бірыңғай уақыт белдеуіне көшті",
            "lead": "Елдің барлық өңірінде уақыт UTC+5 бойынша есептеледі.",
            "paragraphs": [
                "1 наурыз күні сағат 00:00-де Қазақстанның шығыс, орталық және оңтүстік өңірлерінде сағат тілі бір сағат кері жылжытылды. Енді ел аумағында бірыңғай уақыт белдеуі – UTC+5 қолданылады, деп хабарлайды Zakon.kz.",
                "Үкімет шешімі бойынша Астана, Алматы және бұрын UTC+6 белдеуінде болған облыстар батыс өңірлердің уақытына көшті. Бұл шешім елдің географиялық орналасуына сәйкес келіп, адамдардың денсаулығына оң әсер етеді деп күтіледі.",
                "Көлік компаниялары пойыздар мен ұшақтар кестесі жаңа уақытқа сәйкес өзгертілгенін хабарлады. Банктер мен халыққа қызмет көрсету орталықтары да жұмыс кестесін жаңартты.",
                "Мамандар алғашқы күндері ағзаның жаңа режимге бейімделуі үшін ұйқы тәртібін сақтауға кеңес береді.",
            ],
            "published": "2024-03-01T09:15",
            "tags": ["Уақыт белдеуі", "Үкімет"],
            "jsonld_date": True,
            "text_source": "written for the mirror (the first morning of UTC+5; the switch itself is real, 2024-03-01 00:00)",
        },
        {
            "url": "https://kaz.zakon.kz/6427488-bugin-tunde-sagat-tili-bir-sagat-keri-zhylzhytylady.html",
            "title": "Бүгін түнде сағат тілі бір сағат кері жылжытылады",
            "lead": "Ертеңнен бастап бүкіл ел UTC+5 уақыты бойынша өмір сүреді.",
            "paragraphs": [
                "29 ақпаннан 1 наурызға қараған түні сағат 00:00-де Қазақстанның басым бөлігінде сағат тілі бір сағат кері жылжытылады, деп хабарлайды Zakon.kz.",
                "Өзгеріс Астана, Алматы, Шымкент қалаларына және қазір UTC+6 белдеуінде тұрған облыстарға қатысты. Ақтөбе, Атырау, Батыс Қазақстан, Маңғыстау және Қызылорда облыстарында уақыт өзгермейді.",
                "Смартфондар мен компьютерлердегі уақыт автоматты түрде ауысады. Ал механикалық сағаттар мен кейбір тұрмыстық техниканы қолмен реттеу қажет болады.",
                "Көлік және байланыс ұйымдары түнгі ауысым кезінде де қызмет көрсету үздіксіз жалғасатынын мәлімдеді. Пойыздар мен рейстердің кестесі жаңа уақытқа сәйкес алдын ала өзгертілген.",
            ],
            "published": "2024-02-29T18:30",
            "tags": ["Уақыт белдеуі"],
            "jsonld_date": True,
            "text_source": "written for the mirror (the last evening of UTC+6: local time +06:00)",
        },
        {
            "url": "https://kaz.zakon.kz/6339521-elordaga-astana-atauy-kaytaryldy.html",
            "title": "Елордаға «Астана» атауы қайтарылды",
            "lead": "Мемлекет басшысы Конституцияға өзгерістер енгізу туралы заңға қол қойды.",
            "caption": "Сурет: akorda.kz",
            "paragraphs": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаев «Қазақстан Республикасының Конституциясына өзгерістер енгізу туралы» заңға қол қойды. Осыған сәйкес елордаға «Астана» атауы қайтарылды, деп хабарлайды Zakon.kz Ақордаға сілтеме жасап.",
                "Құжатпен сондай-ақ Президенттің өкілеттік мерзімі қайта сайлану құқығынсыз жеті жыл етіп белгіленді. Бұл бастама Тоқаевтың 1 қыркүйектегі Жолдауында ұсынылған болатын.",
                "Бас қала 2019 жылдың наурызынан бастап Нұр-Сұлтан деп аталып келген еді. Парламент депутаттары атауды қайтару туралы ұсынысты тұрғындардың пікірін ескере отырып қолдады.",
                "Қалалық әкімдік жол белгілері мен мемлекеттік мекемелердің маңдайшаларындағы атауларды кезең-кезеңімен ауыстыратынын хабарлады.",
            ],
            "published": "2022-09-17T14:45",
            "tags": ["Қасым-Жомарт Тоқаев", "Астана", "Конституция"],
            "jsonld_date": False,
            "text_source": "written for the mirror (reports the real 17 Sept 2022 constitutional law; wording and id invented)",
        },
        {
            "url": "https://kaz.zakon.kz/6216093-nur-sultanda-kar-tazalauga-700-den-astam-tekhnika-shygarylady.html",
            "title": "Нұр-Сұлтанда қар тазалауға 700-ден астам техника шығарылады",
            "lead": "Коммуналдық қызметтер қысқы маусымға дайындықты аяқтады.",
            "paragraphs": [
                "Нұр-Сұлтан қаласының әкімдігі қысқы маусымға дайындық жұмыстарын аяқтады, деп хабарлайды Zakon.kz қалалық әкімдікке сілтеме жасап.",
                "Биыл көшелер мен аулаларды қардан тазалауға 700-ден астам арнайы техника және 2 мыңға жуық жол жұмысшысы тартылады. Жолдарға себу үшін 60 мың тонна құм-тұз қоспасы дайындалды, қар үйетін алаңдар саны көбейтілді.",
                "Әкімдік тұрғындарды қар жауған кезде көліктерін көше бойына қалдырмауға шақырды. Бұл техниканың кедергісіз жұмыс істеуіне мүмкіндік береді. Аулаларды тазалау мәселесі бойынша тұрғындар 109 бірыңғай диспетчерлік қызметіне хабарласа алады.",
                "Синоптиктердің болжамынша, қала аумағында алғашқы тұрақты қар қарашаның ортасында түсуі мүмкін.",
            ],
            "published": "2021-11-03T10:10",
            "tags": ["Нұр-Сұлтан", "Қысқы маусым"],
            "jsonld_date": True,
            "text_source": "written for the mirror (2021: the capital was then named Nur-Sultan; figures invented)",
        },
    ]
    for rec in recs:
        rec["lang"] = "kk"
    return recs
