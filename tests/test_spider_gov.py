"""Government-site spiders at unit level: the gov.kz ticket flow and both API shapes, akorda's
listing-date hand-over, primeminister's pagination fallback — responses built from the mirror files."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from crawler.crawl.mirror import mirror_path
from crawler.items import Article
from crawler.spiders.akorda_kz import AkordaKzSpider
from crawler.spiders.gov_kz import GovKzSpider, absolutize, api_items, clean_body
from crawler.spiders.primeminister_kz import PrimeministerKzSpider

is_article_url = AkordaKzSpider.is_article
ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "data" / "mirror"
# The real saved akorda.kz speech page: the mirror serves it byte for byte (data/mirror/MANIFEST).
REAL_AKORDA = (
    MIRROR
    / "akorda.kz"
    / "kz"
    / "memleket-basshysy-kasym-zhomart-tokaevtyn-akimshilik-adilet-zhane-onyn-kukyk-ustemdigin-kamtamasyz-etu-isindegi-roli-atty-halykaralyk-forumda-soylegen-sozi-555737"
)
REAL_SPEECH_URL = (
    "https://akorda.kz/kz/memleket-basshysy-kasym-zhomart-tokaevtyn-akimshilik-adilet-zhane-onyn-kukyk-"
    "ustemdigin-kamtamasyz-etu-isindegi-roli-atty-halykaralyk-forumda-soylegen-sozi-555737"
)


REST_ONLY = {"KZNEWS_API_CHECK": "0"}  # no change check first: the lists are read straight away


def make_spider(cls: type, settings: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    crawler = get_crawler(cls, {"KZNEWS_DB": "/nonexistent/kznews.db", **(settings or {})})
    spider = cls.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    from scrapy.statscollectors import MemoryStatsCollector

    crawler.stats = MemoryStatsCollector(crawler)
    return spider


def mirror_response(
    url: str,
    request: Request | None = None,
    *,
    status: int = 200,
    cls: type = TextResponse,
    body: bytes | None = None,
) -> TextResponse:
    data = body if body is not None else (MIRROR / mirror_path(url)).read_bytes()
    return cls(url=url, body=data, status=status, request=request or Request(url), encoding="utf-8")


def run(gen: Any) -> list[Any]:
    return list(gen or [])


async def collect(agen: Any) -> list[Any]:
    return [x async for x in agen]


# --- gov.kz: the ticket ------------------------------------------------------------------------------


def test_ticket_is_posted_first_in_the_agency_cookie_session() -> None:
    import asyncio

    spider = make_spider(GovKzSpider, REST_ONLY, agencies="mfa,minfin", lang="ru,kk")
    first = asyncio.run(collect(spider.start()))
    assert [r.url for r in first] == [spider.ticket_url, spider.ticket_url]
    ticket = first[0]
    assert ticket.method == "POST"
    assert ticket.headers[b"Origin"] == b"https://www.gov.kz"
    assert ticket.headers[b"Referer"] == b"https://www.gov.kz/memleket/entities/mfa/press/news?lang=ru"
    assert ticket.headers[b"Content-Type"] == b"application/json"
    assert ticket.meta["cookiejar"] == "mfa" and first[1].meta["cookiejar"] == "minfin"

    # one list call at a time in the agency's session: ru now, kk after ru's answer
    lists = run(spider.parse_ticket(mirror_response(spider.ticket_url, ticket), **ticket.cb_kwargs))
    assert [(r.cb_kwargs["lang"], r.cb_kwargs["page"]) for r in lists] == [("ru", 1)]
    after = run(spider.parse_list(mirror_response(lists[0].url, lists[0]), **lists[0].cb_kwargs))
    lists += [r for r in after if isinstance(r, Request)]
    assert [(r.cb_kwargs["lang"], r.cb_kwargs["page"]) for r in lists] == [("ru", 1), ("kk", 1)]
    assert "size=100" in lists[0].url  # a 2026 client reads 100 a call (kznews asked for 5: 20x the calls)
    for request in lists:
        assert request.meta["cookiejar"] == "mfa"  # the same session as the ticket
        assert request.headers[b"Accept-Language"].decode() == request.cb_kwargs["lang"]
        assert "projects=eq:mfa" in request.url and "sort-by=created_date:DESC" in request.url
        assert f"lang={request.cb_kwargs['lang']}" in request.url
        assert (MIRROR / mirror_path(request.url)).is_file(), "the mirror serves what the spider asks for"


def test_another_process_goes_on_with_the_agency_chain_and_session_from_the_request_alone() -> None:
    """Redis workers: the list call a worker queued is often answered by another worker (or by the one
    that recovers a killed worker's lease); the agency's other languages must not stay behind, and the
    ticket's session must go along (else that worker is refused: 403)."""
    import pickle

    from scrapy.downloadermiddlewares.cookies import CookiesMiddleware
    from scrapy.utils.request import request_from_dict

    first = make_spider(GovKzSpider, REST_ONLY, agencies="mfa", lang="ru,kk,en")
    (ticket,) = asyncio.run(collect(first.start()))
    answer = TextResponse(
        url=first.ticket_url,
        body=b"{}",
        request=ticket,
        headers={"Set-Cookie": "mirror_ticket=7f3a; Path=/; HttpOnly"},
    )
    (request,) = run(first.parse_ticket(answer, **ticket.cb_kwargs))
    asked = []
    for _ in range(4):
        other = make_spider(GovKzSpider, agencies="mfa", lang="ru,kk,en")  # a fresh process each time
        request = request_from_dict(pickle.loads(pickle.dumps(request.to_dict(spider=other))), spider=other)
        CookiesMiddleware.from_crawler(other.crawler).process_request(request)
        assert request.headers.get(b"Cookie") == b"mirror_ticket=7f3a"  # the ticket's session
        asked.append(request.cb_kwargs["lang"])
        out = run(other.parse_list(mirror_response(request.url, request), **request.cb_kwargs))
        assert any(isinstance(a, Article) for a in out)
        follow = [r for r in out if isinstance(r, Request)]
        if not follow:
            break
        (request,) = follow
    assert asked == ["ru", "kk", "en"]


def test_403_renews_the_ticket_then_retries_the_same_page_and_gives_up_after_the_limit() -> None:
    spider = make_spider(GovKzSpider, agencies="mfa")
    request = spider.list_request("mfa", "ru", 2)
    refused = mirror_response(request.url, request, status=403, body=b'{"status": 403}')

    out = run(spider.parse_list(refused, **request.cb_kwargs))
    assert len(out) == 1 and out[0].url == spider.ticket_url and out[0].method == "POST"
    assert out[0].cb_kwargs["then"] == [("ru", 2)] and out[0].cb_kwargs["renewals"] == 1
    assert out[0].meta["cookiejar"] == "mfa"

    retry = run(spider.parse_ticket(mirror_response(spider.ticket_url, out[0]), **out[0].cb_kwargs))
    assert [r.url for r in retry] == [request.url] and retry[0].dont_filter
    assert retry[0].cb_kwargs["renewals"] == 1

    # 400 counts as a refusal too; at the limit the spider stops instead of looping.
    limit = spider.max_renewals
    bad = mirror_response(request.url, request, status=400, body=b"{}")
    assert run(spider.parse_list(bad, agency="mfa", lang="ru", page=2, renewals=limit)) == []
    assert spider.crawler.stats.get_value("kznews/gov_kz/ticket_refused") == 1
    assert spider.crawler.stats.get_value("kznews/gov_kz/ticket_renewals") == 1


# --- gov.kz: the change check ----------------------------------------------------------------------


def check_answer(spider: Any, request: Request, data: Any) -> TextResponse:
    return TextResponse(
        url=spider.api_check_url, body=json.dumps(data).encode(), request=request, encoding="utf-8"
    )


def test_the_check_is_one_graphql_call_for_every_agency_and_language() -> None:
    import graphql

    from crawler.crawl.mirror import GOV_SCHEMA_SDL

    spider = make_spider(GovKzSpider, agencies="mfa,minfin,astana", lang="ru,kk")
    (check,) = asyncio.run(collect(spider.start()))
    assert check.url == "https://www.gov.kz/graphql" and check.method == "POST"
    query = json.loads(check.body)["query"]
    document = graphql.parse(query)
    # valid against the documented root and arguments (sites.md §4), one aliased field per list
    assert graphql.validate(graphql.build_schema(GOV_SCHEMA_SDL), document) == []
    fields = document.definitions[0].selection_set.selections  # type: ignore[attr-defined]
    assert [f.alias.value for f in fields] == [f"q{i}" for i in range(6)]
    assert '"EQ:astana"' in query and '_lang: "kk"' in query and "{ id }" in query
    assert check.cb_kwargs["lists"][-1] == ["astana", "kk"]


def test_the_check_reads_only_the_lists_with_an_unknown_id() -> None:
    spider = make_spider(GovKzSpider, agencies="mfa,minfin", lang="ru,kk")
    (check,) = asyncio.run(collect(spider.start()))
    known = ["1201", "1200"]
    for lang in ("ru", "kk"):
        for agency in ("mfa", "minfin"):
            for native in known:  # as stored by an earlier run
                spider._requested.add(spider.public_url.format(agency=agency, id=native, lang=lang))
    data = {"data": {"q0": [{"id": "1202"}, {"id": "1201"}], "q1": [{"id": "1201"}], "q2": [], "q3": None}}
    out = run(spider.parse_check(check_answer(spider, check, data), **check.cb_kwargs))
    # mfa ru has news; minfin kk's field failed (null): read too; mfa kk and minfin ru (empty) are not
    assert [(r.cb_kwargs["agency"], r.cb_kwargs["then"]) for r in out] == [
        ("mfa", [("ru", 1)]),
        ("minfin", [("kk", 1)]),
    ]
    assert all(r.url == spider.ticket_url and r.meta["kznews_checked"] for r in out)
    # the chain stays a checked one: the ticket's list call carries the mark for the polling middleware
    (listed,) = run(spider.parse_ticket(mirror_response(spider.ticket_url, out[0]), **out[0].cb_kwargs))
    assert listed.meta["kznews_checked"] and listed.cb_kwargs["lang"] == "ru"
    assert spider.crawler.stats.get_value("kznews/gov_kz/check_changed") == 2


@pytest.mark.parametrize("body", [b"<html>Bad gateway</html>", b'{"errors": [{"message": "no"}]}'])
def test_a_check_that_cannot_be_read_falls_back_to_every_list(body: bytes) -> None:
    spider = make_spider(GovKzSpider, agencies="mfa,minfin", lang="ru")
    (check,) = asyncio.run(collect(spider.start()))
    answer = TextResponse(url=spider.api_check_url, body=body, request=check, encoding="utf-8")
    out = run(spider.parse_check(answer, **check.cb_kwargs))
    assert [r.cb_kwargs["agency"] for r in out] == ["mfa", "minfin"]
    assert not any(r.meta["kznews_checked"] for r in out)  # polled on their own schedules again
    assert spider.crawler.stats.get_value("kznews/gov_kz/check_failed") == 1


def test_since_and_refresh_runs_read_every_list_without_a_check() -> None:
    for kwargs in ({"since": "2026-01-01"}, {"refresh": "1"}):
        spider = make_spider(GovKzSpider, agencies="mfa", lang="ru", **kwargs)
        assert [r.url for r in asyncio.run(collect(spider.start()))] == [spider.ticket_url]


# --- gov.kz: both response shapes, paging until empty ----------------------------------------------


@pytest.mark.parametrize("agency, shape", [("mfa", list), ("minfin", dict)])
def test_both_api_shapes_page_until_empty(agency: str, shape: type) -> None:
    # the mirror's small pages: several calls
    spider = make_spider(GovKzSpider, {"KZNEWS_GOV_PAGE_SIZE": 5}, agencies=agency)
    seen: list[Article] = []
    page, pages = 1, 0
    while True:
        request = spider.list_request(agency, "kk", page)
        response = mirror_response(request.url, request)
        assert isinstance(json.loads(response.body), shape)
        out = run(spider.parse_list(response, **request.cb_kwargs))
        pages += 1
        seen += [x for x in out if isinstance(x, Article)]
        follow = [x for x in out if isinstance(x, Request)]
        if not follow:
            break
        assert follow[0].cb_kwargs["page"] == page + 1
        page += 1
    assert pages == 2, "a full page, then a short page that ends the list (no call for an empty one)"
    assert len(seen) == 8 and len({a.native_id for a in seen}) == 8
    for article in seen:
        assert article.language == "kk" and article.site == "gov_kz" and article.section == agency
        assert article.url == (
            f"https://www.gov.kz/memleket/entities/{agency}/press/news/details/{article.native_id}?lang=kk"
        )
        assert article.title and article.body and len(article.body) >= 200
        assert "<" not in article.body and "&nbsp;" not in article.body
        assert article.image and article.image.startswith("https://www.gov.kz/uploads/")
        assert article.date_candidates and article.date_candidates[0][0] == "api"
        assert set(article.alternates) == {"ru", "en"}


def test_migrated_items_keep_the_bare_midnight_for_the_dates_pipeline() -> None:
    spider = make_spider(GovKzSpider, {"KZNEWS_GOV_PAGE_SIZE": 5}, agencies="mfa")
    request = spider.list_request("mfa", "ru", 2)
    articles = [
        a
        for a in run(spider.parse_list(mirror_response(request.url, request), **request.cb_kwargs))
        if isinstance(a, Article)
    ]
    raw = {a.native_id: a.date_candidates[0][1] for a in articles}
    assert raw["417325"] == "2020-11-16T00:00:00"

    from pipelines.dates import DatesPipeline

    item = DatesPipeline().process_item(next(a for a in articles if a.native_id == "417325"))
    assert item.date_precision == "day"


def test_body_cleaning_makes_relative_images_absolute_and_keeps_text_paragraphs() -> None:
    html = (
        '<p style="text-align: justify;">Бірінші абзац.</p><p><img src="/uploads/2026/6/9/a_original.png"></p>'
        "<p>&nbsp;</p><p>Екінші <strong>абзац</strong>.</p>"
    )
    assert 'src="https://www.gov.kz/uploads/2026/6/9/a_original.png"' in absolutize(html)
    paragraphs, images = clean_body(html)
    assert paragraphs == ["Бірінші абзац.", "Екінші абзац."]
    assert images == ["https://www.gov.kz/uploads/2026/6/9/a_original.png"]


def test_unknown_shapes_are_refused_not_guessed() -> None:
    assert api_items([{"id": 1}]) == [{"id": 1}]
    assert api_items({"content": []}) == []
    assert api_items({"data": [{"id": 1}]}) is None
    spider = make_spider(GovKzSpider, agencies="mfa")
    request = spider.list_request("mfa", "ru", 1)
    html = mirror_response(request.url, request, body=b"<html><body>Service unavailable</body></html>")
    assert run(spider.parse_list(html, **request.cb_kwargs)) == []
    assert spider.crawler.stats.get_value("kznews/gov_kz/not_json") == 1


def test_agencies_come_from_the_argument_then_the_setting_then_the_default() -> None:
    assert make_spider(GovKzSpider, agencies="mfa, minfin").agencies == ["mfa", "minfin"]
    crawler = get_crawler(GovKzSpider, {"KZNEWS_GOV_AGENCIES": "astana,almaty"})
    assert GovKzSpider.from_crawler(crawler).agencies == ["astana", "almaty"]
    default = make_spider(GovKzSpider).agencies
    assert {"mfa", "minfin", "almaty", "astana"} <= set(default)
    from crawler.crawl.base import SpiderArgumentError

    with pytest.raises(SpiderArgumentError):
        GovKzSpider(agencies="mfa;drop table")


# --- akorda.kz: the listing card's date travels to the article ---------------------------------------


def test_akorda_speech_gets_its_date_from_the_listing_card() -> None:
    spider = make_spider(AkordaKzSpider, lang="kk")
    listing_url = "https://www.akorda.kz/kz/speeches?page=1"
    listing = mirror_response(listing_url, cls=HtmlResponse)
    out = run(spider.parse_listing(listing, lang="kk", section="speeches", page=1))
    requests = {r.url: r for r in out if isinstance(r, Request) and is_article_url(r.url)}
    real_www = REAL_SPEECH_URL.replace("https://akorda.kz", "https://www.akorda.kz")
    assert real_www in requests
    request = requests[real_www]
    assert request.meta["listing_date"] == ["listing", "2026 жылғы 12 маусым"]

    page = HtmlResponse(url=REAL_SPEECH_URL, body=REAL_AKORDA.read_bytes(), request=request)
    (article,) = run(spider.parse_article(page))
    assert article.title == (
        "Мемлекет басшысы Қасым-Жомарт Тоқаевтың «Әкімшілік әділет және оның құқық үстемдігін "
        "қамтамасыз ету ісіндегі рөлі» атты халықаралық форумда сөйлеген сөзі"
    )
    # The page has no date of its own; the sidebar's dates (other items) must not leak in.
    assert article.date_candidates == [["listing", "2026 жылғы 12 маусым"]]
    assert article.language == "kk" and article.native_id == "555737" and article.section == "speeches"
    assert article.body.startswith("Құрметті форумға қатысушылар!")
    assert article.body.endswith("Баршаңызға құтты болсын деймін.")
    assert "2026 жылғы 13 маусым" not in article.body and "Go back" not in article.body
    assert article.lead is None
    assert article.alternates["ru"].endswith("/ru/" + REAL_SPEECH_URL.rsplit("/", 1)[1])


def test_akorda_without_a_card_the_speech_has_no_date_candidates() -> None:
    spider = make_spider(AkordaKzSpider)
    page = HtmlResponse(url=REAL_SPEECH_URL, body=REAL_AKORDA.read_bytes(), request=Request(REAL_SPEECH_URL))
    (article,) = run(spider.parse_article(page))
    assert article.date_candidates == []


def test_akorda_events_page_prints_its_own_date() -> None:
    spider = make_spider(AkordaKzSpider)
    url = "https://www.akorda.kz/ru/glava-gosudarstva-prinyal-ministra-inostrannyh-del-1053377"
    (article,) = run(spider.parse_article(mirror_response(url, cls=HtmlResponse)))
    assert article.date_candidates[0] == ["site", "28 мая 2026 года"]
    assert article.title == "Глава государства принял министра иностранных дел"


def test_akorda_url_filter() -> None:
    assert is_article_url(
        "https://www.akorda.kz/ru/glava-gosudarstva-prinyal-ministra-inostrannyh-del-1053377"
    )
    assert is_article_url("https://www.akorda.kz/kz/addresses/addresses_of_president/zholdau-2025")
    assert not is_article_url("https://www.akorda.kz/kz/executive_office/executive_office_news")
    assert not is_article_url("https://akorda.kz/kz/deklaraciya-malimetteri-31115115")
    assert not is_article_url("https://www.akorda.kz/kz/speeches?page=2")


def test_akorda_drops_back_links_and_domain_lines() -> None:
    # The base's extraction drops every body paragraph `body_drop_lines` finds (one search a paragraph).
    drop_line = AkordaKzSpider.body_drop_lines.search  # type: ignore[union-attr]
    assert drop_line("Артқа") and drop_line("Go back") and drop_line("Дереккөз: AKORDA.KZ сайты")
    assert drop_line("GO BACK") and drop_line("AkOrDa.Kz") and drop_line("назад")
    assert not drop_line("Ақорда") and not drop_line("Tokayev") and not drop_line("Go back home")


# --- primeminister.kz: pagination forms -----------------------------------------------------------------


def test_primeminister_falls_back_to_page_path_when_query_page_repeats_page_one() -> None:
    spider = make_spider(PrimeministerKzSpider, lang="ru")
    first = spider.listing_request("ru", 1, "query")
    out = run(spider.parse_listing(mirror_response(first.url, first, cls=HtmlResponse), **first.cb_kwargs))
    articles = [r for r in out if is_pm_article(r)]
    assert len(articles) == 5
    assert all(r.meta["listing_date"][0] == "listing" for r in articles)
    follow = [r for r in out if r.callback == spider.parse_listing]
    assert follow and follow[0].url == "https://primeminister.kz/ru/news?page=2"

    # A site that ignores ?page answers page 1 again: the spider tries /news/page/2.
    spider2 = make_spider(PrimeministerKzSpider, lang="ru")
    run(spider2.parse_listing(mirror_response(first.url, first, cls=HtmlResponse), **first.cb_kwargs))
    second = spider2.listing_request("ru", 2, "query")
    same = mirror_response(
        second.url, second, cls=HtmlResponse, body=(MIRROR / mirror_path(first.url)).read_bytes()
    )
    fallback = run(spider2.parse_listing(same, **second.cb_kwargs))
    assert [r.url for r in fallback] == ["https://primeminister.kz/ru/news/page/2"]


def is_pm_article(request: Any) -> bool:
    pm_article = PrimeministerKzSpider.is_article

    return isinstance(request, Request) and pm_article(request.url)
