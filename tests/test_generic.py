"""The generic extraction layer (crawler/crawl/extract.py) on small pages built here: what it must read when the
site's selectors, JSON-LD and meta give nothing, and what it must leave out."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse

from crawler.crawl import extract as ex
from crawler.crawl.base import NewsSpider
from crawler.ops.fixtures import normalising_pipelines
from crawler.text import headline_with_affix


class BareSpider(NewsSpider):
    """No site selectors at all: every field comes from JSON-LD, meta or the generic layer."""

    name = "bare_kz"
    languages = ("ru", "kk", "en")
    allowed_domains = ["example.kz"]


SENTENCE = "Правительство рассмотрело ход исполнения поручений Главы государства по развитию регионов"


def page(
    body: str, *, head: str = "", lang: str = "ru", url: str = "https://example.kz/news/1-x"
) -> HtmlResponse:
    html = f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"
    return HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8")


def almaty_day(instant: object) -> str | None:
    from datetime import datetime

    from crawler.dates import ALMATY

    if not isinstance(instant, str):
        return None
    return datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(ALMATY).date().isoformat()


def extract(response: HtmlResponse, **meta: object) -> dict[str, object]:
    if meta:
        response = response.replace(request=None)
        from scrapy import Request

        response.request = Request(response.url, meta=meta)
    item = BareSpider().extract_article(response)
    item.fetched_at = "2026-12-01T00:00:00Z"
    for pipeline in normalising_pipelines():
        item = pipeline.process_item(item)
    return vars(item)


@pytest.mark.parametrize(
    ("title", "url", "names", "expected"),
    [
        ("Токаев подписал закон | Zakon.kz", "https://kaz.zakon.kz/1-x.html", [], "Токаев подписал закон"),
        ("Курс валют ᐈ новость от 16:55, 01 октября 2026 на zakon.kz", "https://www.zakon.kz/1.html", [], "Курс валют"),
        ("Мемлекет басшысы сөз сөйледі — Akorda", "https://www.akorda.kz/kz/x-1", [], "Мемлекет басшысы сөз сөйледі"),
        ("Akorda :: Head of State met the ambassador", "https://www.akorda.kz/en/x-1", [], "Head of State met the ambassador"),
        ("Новости » Премьер провел совещание", "https://primeminister.kz/ru/news/x-1",
         ["Новости"], "Премьер провел совещание"),
        # hyphens inside words and quotes are not separators; a dash that names no site stays
        ("Премьер-Министр подписал Указ «Об утверждении» и другие", "https://primeminister.kz/ru/news/x-1", [],
         "Премьер-Министр подписал Указ «Об утверждении» и другие"),
        ("Токаев – о реформах", "https://www.zakon.kz/1.html", [], "Токаев – о реформах"),
    ],
)  # fmt: skip
def test_title_affixes_naming_the_site_go_in_every_language(
    title: str, url: str, names: list[str], expected: str
) -> None:
    assert ex.clean_title(title, url=url, names=names) == expected


def test_the_title_part_the_page_prints_is_the_headline() -> None:
    title = "Олжас Бектенов провел совещание | Официальный информационный ресурс Премьер-Министра Республики Казахстан"
    response = page(
        f"<div class='x1'>Олжас Бектенов провел совещание</div><p>{SENTENCE}.</p>",
        head=f"<title>{title}</title>",
    )
    item = extract(response)
    assert item["title"] == "Олжас Бектенов провел совещание"
    assert item["field_sources"]["title"] == ex.GENERIC


def test_body_reads_text_outside_paragraphs_lists_quotes_and_subheadings() -> None:
    body = (
        "<nav><a href='/a'>Главная</a> <a href='/b'>Новости</a> <a href='/c'>Контакты</a></nav>"
        "<div class='q1'><div class='q2'>"
        f"Первая строка без абзаца: {SENTENCE}.<br>Вторая строка после переноса: {SENTENCE} и бюджета.<br>"
        "<h3>Подзаголовок раздела</h3>"
        "<ul><li>Первый пункт списка о дорогах</li><li>Второй пункт списка о школах</li></ul>"
        f"<blockquote>«Цитата министра о важности программы для регионов», — сказал он.</blockquote>"
        f"<p>Абзац с встроенной рекламой<script>document.write('РЕКЛАМА')</script> в середине и {SENTENCE}.</p>"
        "</div></div>"
        "<div class='tags'><a href='/t/1'>Регионы</a> <a href='/t/2'>Бюджет</a></div>"
    )
    item = extract(page(body))
    text = str(item["body"])
    assert item["field_sources"]["body"] == ex.GENERIC
    for kept in ("Первая строка без абзаца", "Вторая строка после переноса", "Подзаголовок раздела",
                 "Первый пункт списка", "Второй пункт списка", "Цитата министра", "в середине"):  # fmt: skip
        assert kept in text, kept
    assert (
        "Первая строка без абзаца" in text.split("\n\n")[0] and "Вторая строка" not in text.split("\n\n")[0]
    )
    for dropped in ("РЕКЛАМА", "document.write", "Главная", "Регионы"):
        assert dropped not in text, dropped


def test_an_article_split_over_sibling_containers_is_read_whole() -> None:
    half = "".join(f"<p>Часть PART абзац {i}: {SENTENCE}.</p>" for i in range(3))
    body = (
        f"<main><div class='a'>{half.replace('PART', 'первая')}</div>"
        "<div class='ad'><a href='/ad'>Реклама партнера</a></div>"
        f"<div class='b'>{half.replace('PART', 'вторая')}</div></main>"
        f"<aside><p>Популярное: короткая ссылка</p></aside>"
    )
    text = str(extract(page(body))["body"])
    assert "Часть первая абзац 0" in text and "Часть вторая абзац 2" in text
    assert "Реклама партнера" not in text


def test_a_truncated_jsonld_body_loses_to_the_page_text_and_jsonld_text_is_unescaped() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Заголовок &laquo;в кавычках&raquo;",
        "articleBody": "<p>Первый абзац &amp; начало…</p>",
    }
    body = "".join(f"<p>Полный абзац {i}: {SENTENCE}.</p>" for i in range(4))
    item = extract(
        page(f"<div>{body}</div>", head=f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    )
    assert item["title"] == "Заголовок «в кавычках»"
    assert item["field_sources"]["body"] == ex.GENERIC and "Полный абзац 3" in str(item["body"])
    assert ex.from_jsonld(ld)["body"] == ["Первый абзац & начало…"]  # no tags, no entities


def test_jsonld_body_longer_than_the_page_text_still_wins() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Т",
        "articleBody": "\n".join(f"Абзац {i}: {SENTENCE}." for i in range(8)),
    }
    short = f"<div><p>Только анонс: {SENTENCE}.</p></div>"
    item = extract(page(short, head=f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert item["field_sources"]["body"] == "jsonld" and "Абзац 7" in str(item["body"])


@pytest.mark.parametrize(
    ("markup", "day"),
    [
        ('<time datetime="2026-05-28T09:15:00+05:00">вчера</time>', "2026-05-28"),
        ('<span itemprop="datePublished" content="2026-05-27">27 мая</span>', "2026-05-27"),
        ("<span>28.05.2026 09:15</span>", "2026-05-28"),
        ("<span>28 мая 2026, 09:15</span>", "2026-05-28"),
        ("<span>2026-05-28T09:15</span>", "2026-05-28"),
    ],
)
def test_generic_dates_from_markup_and_printed_forms(markup: str, day: str) -> None:
    body = f"<div class='h'>Заголовок новости про регионы</div><div>{markup}</div>" + "".join(
        f"<p>Абзац {i}: {SENTENCE}.</p>" for i in range(3)
    )
    item = extract(page(body, head="<title>Заголовок новости про регионы | Example.kz</title>"))
    assert almaty_day(item["published_at"]) == day
    assert item["field_sources"]["published"] == ex.GENERIC


def test_a_kazakh_printed_date_is_read_with_the_page_language() -> None:
    body = "<div>Жаңалық тақырыбы өңірлер туралы</div><div>28 мамыр 2026 ж.</div>" + "".join(
        f"<p>Абзац {i}: Үкімет өңірлерді дамыту жөніндегі тапсырмалардың орындалу барысын қарады.</p>"
        for i in range(3)
    )
    item = extract(page(body, lang="kk", head="<title>Жаңалық тақырыбы өңірлер туралы | Example.kz</title>"))
    assert item["published_at"] == "2026-05-27T19:00:00Z" and item["date_precision"] == "day"


@pytest.mark.parametrize(
    "name",
    ["parsely-pub-date", "sailthru.date", "dc.date", "pubdate", "publish-date", "article:published_time"],
)
def test_common_meta_names_carry_the_date(name: str) -> None:
    attr = "property" if ":" in name else "name"
    head = f'<meta {attr}="{name}" content="2026-05-28T09:15:00+05:00">'
    item = extract(page(f"<div><p>{SENTENCE}.</p></div>", head=head))
    assert item["published_at"] == "2026-05-28T04:15:00Z" and item["field_sources"]["published"] == "meta"


def test_dates_away_from_the_headline_are_not_taken_for_the_article() -> None:
    body = (
        "<div>Заголовок без даты на странице</div>" + "".join(f"<p>Абзац {i}: {SENTENCE}.</p>" for i in range(3))
        + "<div><div>12 июня 2026 года</div><a href='/other-1'>Другая новость</a></div>"
    )  # fmt: skip
    root = ex.parse_html(f"<html><body>{body}</body></html>")
    _, winners = ex.generic_blocks(root)
    headline = ex.headline_element(root, "Заголовок без даты на странице")
    assert headline is not None
    assert ex.printed_date(root, lang="ru", headline=headline, body=winners) is None


def test_generic_lead_and_authors() -> None:
    body = (
        "<div>Заголовок новости про регионы</div><div>28.05.2026 09:15</div>"
        "<div>Короткий анонс новости о том, что правительство рассмотрело поручения.</div>"
        "<div><a href='/authors/ivan-petrov/'>Иван Петров</a></div>"
        "<section>" + "".join(f"<p>Абзац {i}: {SENTENCE}.</p>" for i in range(3)) + "</section>"
    )
    item = extract(page(body, head="<title>Заголовок новости про регионы | Example.kz</title>"))
    assert item["lead"] == "Короткий анонс новости о том, что правительство рассмотрело поручения."
    assert item["field_sources"]["lead"] == ex.GENERIC
    assert item["authors"] == ["Иван Петров"] and item["field_sources"]["authors"] == ex.GENERIC


def test_a_lead_that_is_the_document_title_is_no_lead() -> None:
    assert headline_with_affix(
        "Глава государства принял министра — Официальный сайт", "Глава государства принял министра"
    )
    assert not headline_with_affix("Глава государства принял министра", "Глава государства принял министра")
    assert not headline_with_affix(
        "Глава государства принял министра и посла", "Глава государства принял министра"
    )


def test_listing_cards_without_class_names() -> None:
    html = (
        "<html><body><header><a href='/news/5-menu'>Меню</a></header>"
        "<div><div><a href='/news/1-first'><span>Первая</span><span>28.05.2026 09:15</span></a></div>"
        "<div><h3><a href='/news/2-second'>Вторая</a></h3><h5>сегодня, 16:55</h5></div>"
        "<div><a href='/about'>О нас</a></div></div></body></html>"
    )
    cards = ex.generic_cards(
        ex.parse_html(html),
        base="https://example.kz/news/",
        is_article=lambda u: "/news/" in u and "-" in u,
        lang="ru",
    )
    assert cards == [
        ("https://example.kz/news/1-first", "28.05.2026 09:15"),
        ("https://example.kz/news/2-second", "сегодня, 16:55"),
    ]


def test_a_script_inside_a_paragraph_is_not_body_text_in_the_site_layer_either() -> None:
    root = ex.parse_html(
        "<html><body><div class='text'><p>Начало<script>var ad = 'РЕКЛАМА';</script> конец.</p></div></body></html>"
    )
    assert ex.paragraphs(ex.find(root, "div.text")[0]) == ["Начало конец."]


def test_a_title_part_repeated_across_the_site_pages_is_an_affix() -> None:
    spider = BareSpider()
    affix = "Официальный информационный ресурс"
    for n, headline in enumerate(("Первая новость о регионах", "Вторая новость о бюджете")):
        body = f"<div><p>{SENTENCE} {n}.</p><p>{SENTENCE}.</p></div>"  # the page never prints its headline
        item = spider.extract_article(page(body, head=f"<title>{headline} | {affix}</title>"))
    # the second page knows the affix from the first
    assert item.title == "Вторая новость о бюджете" and item.field_sources["title"] == ex.GENERIC


def test_a_document_title_that_is_only_the_site_name_is_no_headline() -> None:
    body = f"<h1>Настоящий заголовок статьи</h1><div><p>{SENTENCE}.</p><p>{SENTENCE}.</p></div>"
    item = BareSpider().extract_article(page(body, head="<title>Example.kz | Новости</title>"))
    assert item.title == "Настоящий заголовок статьи"
    item = BareSpider().extract_article(page(body, head="<title>example.kz</title>"))
    assert item.title == "Настоящий заголовок статьи"
