"""Body cleaning rules and the layered extraction of NewsSpider, on small pages built here."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse

from crawler.crawl.base import NewsSpider
from crawler.text import clean_body, clean_paragraphs


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Фото: primeminister.kz", "Текст новости."], ["Текст новости."]),
        (["Сурет: akorda.kz", "Жаңалық мәтіні."], ["Жаңалық мәтіні."]),
        (["Первый.", "Читайте также: другое", "Хвост."], ["Первый.", "Хвост."]),
        (["Первый.", "Следите за новостями в Telegram", "Хвост."], ["Первый."]),
        (["Первый.", "Поделитесь новостью", "x"], ["Первый."]),
        (["Бірінші.", "Беттегі қате болса, белгілеңіз", "x"], ["Бірінші."]),
        (["Текст.", "Подписывайтесь на наш канал в Google News"], ["Текст."]),
        (["Go back", "Мемлекет басшысы сөйледі.", "akorda.kz"], ["Мемлекет басшысы сөйледі."]),
        (["Премьер-Министр А. Мамин зауытқа барды."], ["Премьер-Министр А. Мамин зауытқа барды."]),
        (["  Два\u00a0 пробела  ", ""], ["Два пробела"]),
        (["Повтор.", "Повтор."], ["Повтор."]),
    ],
)
def test_clean_paragraphs(paragraphs: list[str], expected: list[str]) -> None:
    assert clean_paragraphs(paragraphs) == expected


def test_clean_body_drops_the_repeated_headline() -> None:
    assert clean_body("Заголовок\n\nТекст.", title="Заголовок") == "Текст."


class ExampleSpider(NewsSpider):
    name = "example_kz"
    languages = ("ru", "kk")
    title_selectors = ("h1.title",)
    lead_selectors = ("div.lead",)
    body_selectors = ("div.text",)
    body_cut_selectors = (".share",)
    date_selectors = ("time.date",)
    tag_selectors = (".tags a",)


PARAS = "".join(
    f"<p>Абзац номер {i} с достаточно длинным текстом новости о Казахстане.</p>" for i in range(6)
)


def page(head: str = "", body: str = "") -> HtmlResponse:
    html = f"<html lang='ru'><head>{head}</head><body>{body}</body></html>"
    return HtmlResponse(url="https://example.kz/news/1-x.html", body=html.encode(), encoding="utf-8")


def test_jsonld_wins_then_each_field_records_its_layer() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Из JSON-LD",
        "datePublished": "2026-01-06T10:00:00+05:00",
        "keywords": "экономика, бюджет",
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        '<meta property="og:title" content="Из OG"><meta property="article:published_time" content="2026-01-06T05:00:00Z">'
    )
    body = (
        f'<h1 class="title">Из селектора</h1><div class="lead">Лид.</div><div class="text">{PARAS}'
        '<div class="share"><p>Поделиться</p></div></div><time class="date">10:00, 06 января 2026</time>'
    )
    item = ExampleSpider().extract_article(page(head, body))
    assert item.title == "Из JSON-LD" and item.field_sources["title"] == "jsonld"
    assert item.tags == ["экономика", "бюджет"] and item.field_sources["tags"] == "jsonld"
    assert item.field_sources["body"] == "site" and "Поделиться" not in (item.body or "")
    assert item.body is not None and item.body.count("\n\n") == 5
    assert item.date_candidates[:3] == [
        ["jsonld", "2026-01-06T10:00:00+05:00"],
        ["meta", "2026-01-06T05:00:00Z"],
        ["site", "10:00, 06 января 2026"],
    ]
    assert item.language == "ru"


def test_a_stale_site_selector_degrades_one_field_to_the_fallback_not_the_crawl() -> None:
    body = f'<h1>Заголовок страницы</h1><div class="renamed-text">{PARAS}</div>'
    item = ExampleSpider().extract_article(page("", body))
    assert item.title == "Заголовок страницы" and item.field_sources["title"] == "fallback"
    assert item.field_sources["body"] == "fallback" and len(item.body or "") > 300
    assert item.date_candidates == []


def test_broken_jsonld_is_ignored() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta property="og:title" content="Из OG">'
    )
    item = ExampleSpider().extract_article(page(head, f'<div class="text">{PARAS}</div>'))
    assert item.title == "Из OG" and item.field_sources["title"] == "meta"


def test_language_argument_is_checked() -> None:
    with pytest.raises(ValueError, match="publishes in ru, kk"):
        ExampleSpider(lang="de")
    assert ExampleSpider(lang="kz").langs == ("kk",)
    with pytest.raises(ValueError, match="not a date"):
        ExampleSpider(since="yesterday")


def test_squash_collapses_every_white_space_character_it_names() -> None:
    # squash skips its regex for printable text without a double space: that must lose no substitution
    import re
    import sys

    from crawler.crawl.extract import _WS, squash

    samples = ["a  b", " a ", "a\u00a0b", "x\ty\n", "Ақорда — 2026", "", "   "]
    samples += [f"a{chr(c)}b" for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for text in samples:
        assert squash(text) == _WS.sub(" ", text).strip(), repr(text)
    assert re.fullmatch(r"\S+ \S+", squash("a \u202f\u2009 b"))


def test_clean_body_looks_for_contained_phrases_only_in_a_body_with_a_g() -> None:
    import sys

    from crawler.text import DROP_CONTAINS

    assert all("g" in phrase for phrase in DROP_CONTAINS)
    assert [c for c in range(sys.maxunicode + 1) if "g" in chr(c).lower()] == [ord("G"), ord("g")]
    assert clean_body("Текст.\n\nFollow us on GOOGLE NEWS\n\nЕщё.") == "Текст.\n\nЕщё."
    assert clean_body("Текст.\n\nakorda.kz\n\nwww.AKORDA.kz") == "Текст."


def test_find_all_selects_what_the_queries_select_one_by_one() -> None:
    from crawler.crawl.extract import find, find_all, parse_html

    root = parse_html(
        '<html><body><div class="a b"><p class="willShare x">1</p><span class="tags newsTags">2</span></div>'
        '<p class="a">3</p><i>4</i></body></html>'
    )
    queries = ('[class^="willShare"]', ".tags.newsTags", "//i", "p.a", "p")
    separately = {n for q in queries for n in find(root, q)}
    together = find_all(root, queries)
    assert set(together) == separately and len(together) == len(separately)
    order = list(root.iter())
    assert together == sorted(together, key=order.index)  # document order, each node once
    assert find_all(root, ()) == [] and find_all(root, ("//i",)) == find(root, "//i")


def test_as_row_holds_every_field_in_field_order() -> None:
    from crawler.items import _FIELD_NAMES, Article, as_row

    item = Article(url="https://www.zakon.kz/1", site="zakon_kz", title="T")
    assert list(as_row(item)) == list(_FIELD_NAMES) and as_row(item)["title"] == "T"
    item.extra = "not a field"  # type: ignore[attr-defined]
    assert list(as_row(item)) == list(_FIELD_NAMES)
