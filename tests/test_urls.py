"""crawler/urls.py: every canonical-URL rule, article ids, language and native id from URLs."""

from __future__ import annotations

import re

import pytest

from crawler.urls import article_id, canonical_url, native_id, url_language

SAME = [
    # (variant, canonical) — one pair per rule
    ("HTTP://EXAMPLE.com/News/1", "https://example.com/News/1"),  # scheme, host case; path case kept
    ("https://www.example.com/a", "https://example.com/a"),  # www.
    ("https://m.example.com/a", "https://example.com/a"),  # m.
    ("https://example.com:443/a", "https://example.com/a"),  # default https port
    ("http://example.com:80/a", "https://example.com/a"),  # default http port
    ("https://example.com/a#comments", "https://example.com/a"),  # fragment
    ("https://example.com/a/", "https://example.com/a"),  # trailing slash
    ("https://example.com", "https://example.com/"),  # the root keeps its slash
    ("https://example.com//a///b", "https://example.com/a/b"),  # slash runs
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),  # sorted parameters
    ("https://example.com/новости", "https://example.com/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"),
    (
        "https://example.com/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8",
        "https://example.com/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
    ),
    # AMP variants
    ("https://example.com/amp/politics/story", "https://example.com/politics/story"),
    ("https://example.com/politics/story/amp", "https://example.com/politics/story"),
    ("https://example.com/politics/story.amp.html", "https://example.com/politics/story.html"),
    ("https://example.com/politics/story?amp", "https://example.com/politics/story"),
    ("https://example.com/politics/story?amp=1", "https://example.com/politics/story"),
    ("https://example.com/politics/story?outputType=amp", "https://example.com/politics/story"),
    # zakon.kz: category prefix, slug, AMP, hosts
    ("https://www.zakon.kz/finansy/6467795-bukhgalterskiy-uchet.html", "https://www.zakon.kz/6467795"),
    ("https://www.zakon.kz/6467795-bukhgalterskiy-uchet.html", "https://www.zakon.kz/6467795"),
    ("https://zakon.kz/politika/6467795-drugoy-slug.html", "https://www.zakon.kz/6467795"),
    ("https://m.zakon.kz/6467795-x.html", "https://www.zakon.kz/6467795"),
    ("https://zakon.kz/amp/finansy/6467795-bukhgalterskiy-uchet.html", "https://www.zakon.kz/6467795"),
    ("https://kaz.zakon.kz/6015850-kostanaida.html", "https://kaz.zakon.kz/6015850"),
    ("https://kaz.zakon.kz/sayasat/6015850-kostanaida.html?utm_source=tg", "https://kaz.zakon.kz/6015850"),
    ("https://www.zakon.kz/news/?p=2", "https://www.zakon.kz/news?p=2"),  # not an article: generic rules
    # akorda: with/without www, mirror host, slug variants of one id
    (
        "https://akorda.kz/ru/glava-gosudarstva-vyrazil-soboleznovaniya-2895622",
        "https://www.akorda.kz/ru/2895622",
    ),
    ("https://www.akorda.kz/ru/memleket-basshysy-2895622/", "https://www.akorda.kz/ru/2895622"),
    ("https://mirror.akorda.kz/ru/glava-2895622", "https://www.akorda.kz/ru/2895622"),
    ("https://www.akorda.kz/ru/events", "https://www.akorda.kz/ru/events"),
    ("https://www.akorda.kz/ru/archive-2020", "https://www.akorda.kz/ru/archive-2020"),  # a year is no id
    # primeminister: category and slug are not identity
    (
        "https://primeminister.kz/ru/news/digital_office/tsifrovoy-ofis-30618",
        "https://primeminister.kz/ru/news/30618",
    ),
    (
        "https://www.primeminister.kz/ru/news/tsifrovoy-ofis-30618?utm_campaign=x",
        "https://primeminister.kz/ru/news/30618",
    ),
    # gov.kz: lang kept (kz spelled kk), host fixed
    (
        "https://gov.kz/memleket/entities/sci/press/news/details/1271028?lang=ru&utm_source=fb",
        "https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=ru",
    ),
    (
        "https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=kz",
        "https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=kk",
    ),
]

TRACKING = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "fbclid",
    "gclid",
    "yclid",
    "_openstat",
    "mc_cid",
    "mc_eid",
    "ref",
    "from",
    "msclkid",
    "igshid",
]

DIFFERENT = [
    # pairs that must stay two articles
    ("https://www.zakon.kz/6015850-a.html", "https://kaz.zakon.kz/6015850-a.html"),  # same number, two hosts
    ("https://www.akorda.kz/ru/slug-2895622", "https://www.akorda.kz/kz/slug-2895622"),  # twins
    ("https://primeminister.kz/ru/news/a-31656", "https://primeminister.kz/en/news/a-31656"),  # twins
    (
        "https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=ru",
        "https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=kk",
    ),  # twins: one row per language version
    ("https://example.com/a?page=1", "https://example.com/a?page=2"),  # non-tracking parameters are identity
    ("https://www.zakon.kz/6467795-a.html", "https://www.zakon.kz/6467796-a.html"),
]


@pytest.mark.parametrize("variant,expected", SAME)
def test_canonical_rule(variant: str, expected: str) -> None:
    assert canonical_url(variant) == expected


@pytest.mark.parametrize("url", [v for v, _ in SAME] + [a for pair in DIFFERENT for a in pair])
def test_canonical_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize("param", TRACKING)
def test_tracking_parameter_dropped(param: str) -> None:
    assert canonical_url(f"https://example.com/a?id=5&{param}=x") == "https://example.com/a?id=5"


def test_tracking_parameters_in_any_case_and_all_together() -> None:
    url = "https://example.com/a?UTM_Source=a&Fbclid=b&" + "&".join(f"{p}=1" for p in TRACKING) + "&q=kz"
    assert canonical_url(url) == "https://example.com/a?q=kz"


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_articles_stay_different(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)
    assert article_id(canonical_url(a)) != article_id(canonical_url(b))


def test_article_id_is_16_hex_and_stable() -> None:
    canonical = canonical_url("https://www.zakon.kz/finansy/6467795-x.html")
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(canonical))
    # sha1("https://www.zakon.kz/6467795")[:16], fixed forever: ids are stored.
    assert article_id(canonical) == "f21c3bc9d0b5987e"
    assert article_id(canonical_url("https://zakon.kz/amp/politika/6467795-y.html")) == article_id(canonical)


@pytest.mark.parametrize(
    "url,language",
    [
        ("https://www.zakon.kz/6467795-x.html", "ru"),
        ("https://zakon.kz/6467795-x.html", "ru"),
        ("https://kaz.zakon.kz/6015850-x.html", "kk"),
        ("https://www.akorda.kz/kz/memleket-basshysy-555737", "kk"),
        ("https://akorda.kz/ru/glava-2895622", "ru"),
        ("https://www.akorda.kz/en/president-2895622", "en"),
        ("https://primeminister.kz/kz/news/x-31656", "kk"),
        ("https://primeminister.kz/en/news/x-31656", "en"),
        ("https://primeminister.kz/amp/ru/news/x-31656", "ru"),
        ("https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=kk", "kk"),
        ("https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=kz", "kk"),
        ("https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=en", "en"),
        ("https://www.gov.kz/memleket/entities/sci/press/news/details/1271028", None),
        ("https://example.com/story", None),
    ],
)
def test_url_language(url: str, language: str | None) -> None:
    assert url_language(url) == language


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.zakon.kz/finansy/6467795-bukh.html", "6467795"),
        ("https://kaz.zakon.kz/6015850-kost.html", "6015850"),
        ("https://www.zakon.kz/news/", None),
        ("https://www.akorda.kz/ru/glava-gosudarstva-2895622", "2895622"),
        ("https://www.akorda.kz/ru/events", None),
        ("https://primeminister.kz/ru/news/digital_office/slug-30618", "30618"),
        ("https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang=ru", "1271028"),
        ("https://www.gov.kz/memleket/entities/mam/press/article/details/875063?lang=kk", "article:875063"),
        ("https://www.gov.kz/memleket/entities/edu/documents/details/42?lang=ru", "documents:42"),
        ("https://www.gov.kz/memleket/entities/sci/press/news?lang=ru", None),
        ("https://example.com/news/123456", None),
    ],
)
def test_native_id(url: str, expected: str | None) -> None:
    assert native_id(url) == expected


def test_gov_kz_language_versions_share_the_native_id() -> None:
    base = "https://www.gov.kz/memleket/entities/sci/press/news/details/1271028?lang="
    assert {native_id(base + lang) for lang in ("ru", "kk", "en")} == {"1271028"}
    assert len({canonical_url(base + lang) for lang in ("ru", "kk", "en")}) == 3
