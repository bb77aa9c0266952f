"""A publishing mirror: the offline mirror, plus new articles appearing over (simulated) time.

For tests and benchmarks of freshness (benchmarks/freshness.py, tests/test_polling.py). The publication
stream is a Poisson process whose rate follows each site's daily rhythm in Almaty time; `PublishingMirror`
serves data/mirror under an overlay folder into which `advance(to)` writes what has been published up to
the simulated time `to`, updated the way the real sites update: the new article pages, the RSS feed, the
news listing, the newest sitemap child (and the index's lastmod), and the gov.kz API lists. The clock is
whatever the caller passes to `advance`, so a benchmark runs a simulated day in minutes. It builds on the
public behaviour of `crawler.crawl.mirror.MirrorServer` (roots searched in order; ETag and Last-Modified of the
file served; 304 on a match), so a page that did not change answers 304 exactly as before.

Rates, and where they come from (all ids are from ../shared/fixtures/real, copied figures only):
- zakon_kz: 111 article ids a day. www.zakon.kz ids 6502318 (2025-12-24) and 6533466 (about 2026-10-01)
  (zakon_ru/SOURCES.md: "IDs run 65xxxxx for Dec 2025 – Feb 2026 and reach 6533466 by Oct 2026"), and
  6502384 (2025-12-25) → 6507353 (2026-02-10): 106 a day. The ids are shared by www (ru) and kaz (kk);
  the split 80 % ru / 20 % kk is an assumption.
- gov_kz: 611 news ids a day across the whole portal: ids 942454 (2025-02-21) and 1163144 (2026-02-17)
  (evidence-2026/news_ids_dates_seen.tsv). One id carries the kk/ru/en versions. The share of the 18
  agencies crawled by default is not known: 25 % (~150 ids a day, ~8 per agency) is an assumption; each id
  is listed in ru and kk, and 20 % in en as well (assumed).
- primeminister_kz: ~8 a day: ids 29544 (2025-11-15) and 31693 (about Aug 2026, it cites Jan–May 2026
  trade) in evidence-2026/urls_seen.tsv: ~2150 ids in ~270 days. Split ru/kk/en assumed.
- akorda_kz: ~6 a day, an assumption (no dated id pair is known; the President's site posts events,
  speeches and decrees on working days). Sections: events 6 in 10, speeches 2, legal acts 1, addresses 1
  (assumed). One item keeps its numeric id in every language (sites.md: the saved page's language links
  reuse the id); the ru RSS lists every ru item (sites.md: /ru/rss, polled by a 2023 bot).
- primeminister_kz and akorda_kz are published as listings (and akorda's ru RSS) only: no sitemap of
  primeminister.kz is known (sites.md), so none is written; page markup follows data/mirror's pages.
Daily rhythm (assumed, from how these sites publish): a news site from 07 to 23 with a day-time peak and
a thin night; government sites in office hours 09–19 with a few evening items, less at weekends.

The parts, in file order:
- The stream: `NEWS_DAY`, `OFFICE_DAY`, `SiteRate`, `GOV_AGENCIES`, `Publication`, `publications`.
- The server: `PublishingMirror`: `advance` writes what was published, per site the article pages and the
  lists it changes (Zakon.kz pages, feed, listing, sitemap; the gov.kz API lists; akorda.kz and
  primeminister.kz pages and listings).
- akorda.kz and primeminister.kz page text: sections, slugs, `akorda_date`, `pm_date`; clock helpers
  `hours`, `almaty_midnight`.
"""

from __future__ import annotations

import html
import json
import os
import random
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.crawl.mirror import MirrorServer, mirror_path
from crawler.dates import ALMATY

# Relative publication rate per Almaty hour of the day (0..23); each profile is normalised to its mean.
NEWS_DAY = (
    1,
    0.5,
    0.3,
    0.3,
    0.3,
    0.5,
    1,
    2,
    3,
    4,
    4.5,
    4.5,
    4.5,
    4.5,
    4.5,
    4.5,
    4,
    4,
    3.5,
    3,
    2.5,
    2,
    1.5,
    1,
)
OFFICE_DAY = (0, 0, 0, 0, 0, 0, 0.1, 0.3, 1, 3, 4, 4, 3.5, 3, 4, 4, 4, 3.5, 2.5, 1.2, 0.6, 0.3, 0.1, 0)


@dataclass(frozen=True)
class SiteRate:
    per_day: float  # items a day on a weekday, all channels
    profile: tuple[float, ...]
    weekend: float  # share of the weekday rate on Saturday and Sunday
    channels: tuple[tuple[str, float], ...]  # (channel, share): a language, or agency:language

    def per_hour(self, moment: float) -> float:
        local = datetime.fromtimestamp(moment, ALMATY)
        mean = sum(self.profile) / len(self.profile)
        rate = self.per_day / 24 * self.profile[local.hour] / mean
        return rate * (self.weekend if local.weekday() >= 5 else 1.0)


GOV_AGENCIES = (
    "mfa minfin economy enbek edu sci dsm transport maidd energo moa adilet emer mti ecogeo almaty astana shymkent"
).split()
RATES: dict[str, SiteRate] = {
    "zakon_kz": SiteRate(111, NEWS_DAY, 0.7, (("ru", 0.8), ("kk", 0.2))),
    # 150 news ids a day over the 18 agencies, each listed in ru and kk, one in five in en too (see
    # `publications`): 330 list items a day.
    "gov_kz": SiteRate(150, OFFICE_DAY, 0.25, ()),
    # events a day, each in ru and kk, half of them in en as well (see `publications`)
    "primeminister_kz": SiteRate(8, OFFICE_DAY, 0.3, ()),
    "akorda_kz": SiteRate(6, OFFICE_DAY, 0.4, ()),
}


@dataclass(frozen=True)
class Publication:
    at: float  # Unix time of publication
    site: str
    channel: str
    number: int  # 0, 1, 2 ... per site, in order of publication
    native: int = -1  # gov.kz: the API id, shared by the language versions of one news item


def publications(site: str, start: float, end: float, *, seed: int = 0) -> list[Publication]:
    """The site's publications in [start, end): an inhomogeneous Poisson process (thinning), the same for
    the same seed, so two schedules can be compared on one stream."""
    rate = RATES[site]
    rng = random.Random(f"{site}:{seed}")
    peak = max(rate.per_hour(start + h * 3600) for h in range(24 * 7)) or 1.0
    out: list[Publication] = []
    moment = start
    while True:
        moment += rng.expovariate(peak / 3600.0)
        if moment >= end:
            return out
        if rng.random() * peak <= rate.per_hour(moment):
            if site == "gov_kz":
                # One news id, listed in ru and kk at once, and in en one time in five (minutes apart).
                agency = rng.choice(GOV_AGENCIES)
                native = GOV_FIRST_ID + len({p.native for p in out})
                langs = ["ru", "kk"] + (["en"] if rng.random() < 0.2 else [])
                for i, lang in enumerate(langs):
                    out.append(Publication(moment + 60 * i, site, f"{agency}:{lang}", len(out), native))
                continue
            if site in ("akorda_kz", "primeminister_kz"):
                # One event, published in ru and kk and, one time in two, in en (minutes apart).
                native = len({p.native for p in out})
                langs = ["ru", "kk"] + (["en"] if rng.random() < 0.5 else [])
                for i, lang in enumerate(langs):
                    out.append(Publication(moment + 120 * i, site, lang, len(out), native))
                continue
            channels, weights = zip(*rate.channels, strict=True)
            channel = rng.choices(channels, weights)[0]
            out.append(Publication(moment, site, channel, len(out)))


# --- the server -------------------------------------------------------------------------------------------

ZAKON_FIRST_ID = 6540000
GOV_FIRST_ID = 1300000
ZAKON_HOSTS = {"ru": "www.zakon.kz", "kk": "kaz.zakon.kz"}
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()


def _local(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, ALMATY).replace(microsecond=0)


class PublishingMirror(MirrorServer):
    """The mirror server with `advance(to)`: publish what the stream holds up to simulated time `to`.

    All four sites can be published (`sites`; zakon.kz and gov.kz by default: the two whose discovery
    has the most parts — feed, listing, sitemap index and child; API lists per agency and language —
    akorda.kz's section listings and ru RSS, primeminister.kz's news listings). `overlay` is a scratch
    folder searched before `roots`; it is emptied at start."""

    def __init__(
        self,
        roots: Sequence[Path],
        overlay: Path,
        *,
        start: float,
        end: float,
        seed: int = 0,
        sites: Iterable[str] = ("zakon_kz", "gov_kz"),
        gov_page_sizes: Iterable[int] = (5, 100),
        port: int = 0,
    ) -> None:
        self.overlay = Path(overlay)
        shutil.rmtree(self.overlay, ignore_errors=True)
        self.overlay.mkdir(parents=True)
        super().__init__([self.overlay, *roots], port)
        self.stream = sorted(
            (p for site in sites for p in publications(site, start, end, seed=seed)), key=lambda p: p.at
        )
        self.published: list[Publication] = []
        self.now = start
        self.gov_page_sizes = tuple(gov_page_sizes)

    # Public URLs of a publication, as the spiders will store them.
    def article_url(self, item: Publication) -> str:
        if item.site == "akorda_kz":
            code = URL_CODE[item.channel]
            return f"https://www.akorda.kz/{code}/{AKORDA_SLUG[item.channel]}-{item.native}-{AKORDA_FIRST_ID + item.native}"
        if item.site == "primeminister_kz":
            code = URL_CODE[item.channel]
            return f"https://primeminister.kz/{code}/news/{PM_SLUG[item.channel]}-{item.native}-{PM_FIRST_ID + item.native}"
        if item.site == "zakon_kz":
            return f"https://{ZAKON_HOSTS[item.channel]}/obshestvo/{ZAKON_FIRST_ID + item.number}-novost-{item.number}.html"
        agency, lang = item.channel.split(":")
        return f"https://www.gov.kz/memleket/entities/{agency}/press/news/details/{item.native}?lang={lang}"

    def advance(self, to: float) -> list[Publication]:
        """Publish every item of the stream up to `to`; returns the new ones."""
        fresh = [p for p in self.stream[len(self.published) :] if p.at <= to]
        self.now = max(self.now, to)
        if not fresh:
            return []
        self.published += fresh
        for item in fresh:
            if item.site == "zakon_kz":
                self._write(mirror_path(self.article_url(item)), self._zakon_article(item), item.at)
        touched = {(p.site, p.channel) for p in fresh}
        if any(site == "zakon_kz" for site, _ in touched):
            self._zakon_lists({c for s, c in touched if s == "zakon_kz"})
        for site, channel in touched:
            if site == "gov_kz":
                self._gov_lists(channel)
        for item in fresh:
            if item.site in ("akorda_kz", "primeminister_kz"):
                self._write(mirror_path(self.article_url(item)), self._event_article(item), item.at)
        for site, channel in touched:
            if site in ("akorda_kz", "primeminister_kz"):
                self._event_lists(site, channel)
        return fresh

    def _write(self, rel: str, text: str, moment: float) -> None:
        path = self.overlay / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.utime(tmp, (moment, moment))  # Last-Modified: the simulated time of the change
        tmp.replace(path)

    # --- zakon.kz -------------------------------------------------------------------------------------

    def _zakon_article(self, item: Publication) -> str:
        local = _local(item.at)
        title = f"Новость номер {item.number} для проверки свежести"
        printed = f"{local:%H:%M}, {local.day:02d} {RU_MONTHS[local.month - 1]} {local.year}"
        ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": local.isoformat(),
            },
            ensure_ascii=False,
        )
        body = "".join(
            f"<p>Абзац {i} публикации {item.number}: текст, написанный для зеркала, чтобы проверить, как быстро"
            " новость попадает в базу после публикации на сайте.</p>"
            for i in range(1, 4)
        )
        return (
            f'<!DOCTYPE html><html lang="{item.channel}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)} ᐈ новость от {printed} на zakon.kz</title>"
            f'<script type="application/ld+json">{ld}</script></head><body>'
            f'<h1>{html.escape(title)}</h1><div class="description">Лид публикации {item.number}.</div>'
            f'<div class="article__block"><time class="date">{printed}</time><div class="content">{body}</div>'
            "</div></body></html>"
        )

    def _zakon_lists(self, channels: set[str]) -> None:
        for lang in channels:
            host = ZAKON_HOSTS[lang]
            items = [p for p in self.published if p.site == "zakon_kz" and p.channel == lang][::-1][:20]
            cards = "".join(
                f'<div class="newscard"><a class="newscard_link" href="{self.article_url(p).split(host, 1)[1]}">'
                f'<div class="newscard__title">Новость номер {p.number}</div>'
                f'<span class="newscard__date">{_local(p.at):%H:%M}, {_local(p.at).day} '
                f"{RU_MONTHS[_local(p.at).month - 1]} {_local(p.at).year}</span></a></div>"
                for p in items
            )
            listing = (
                f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Новости</title></head>'
                f'<body><div class="newscards" id="newsList">{cards}</div></body></html>'
            )
            self._write(f"{host}/news/index.html", listing, self.now)
            # the load-more continuation starts past the first 20 (none published that far in a day's test)
            urls = "".join(
                f"<url><loc>{self.article_url(p)}</loc><lastmod>{_local(p.at).isoformat()}</lastmod></url>"
                for p in items[::-1]
            )
            urlset = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            if lang == "ru":
                self._write(f"{host}/sitemap/4.xml", urlset, self.now)
                index = (self.roots[-1] / host / "sitemap" / "index.xml").read_text(encoding="utf-8")
                child = (
                    f"<sitemap><loc>https://{host}/sitemap/4.xml</loc>"
                    f"<lastmod>{_local(self.now).isoformat()}</lastmod></sitemap></sitemapindex>"
                )
                self._write(f"{host}/sitemap/index.xml", index.replace("</sitemapindex>", child), self.now)
                entries = "".join(
                    f"<item><title>Новость номер {p.number}</title><link>{self.article_url(p)}</link>"
                    f"<pubDate>{format_datetime(_local(p.at))}</pubDate><guid>{self.article_url(p)}</guid></item>"
                    for p in items
                )
                feed = (
                    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Zakon.kz</title>'
                    f"<link>https://www.zakon.kz/</link>{entries}</channel></rss>"
                )
                self._write(f"{host}/rss.xml", feed, self.now)
            else:
                self._write(f"{host}/sitemap.xml", urlset, self.now)

    # --- gov.kz -------------------------------------------------------------------------------------------

    def _gov_item(self, item: Publication) -> dict[str, Any]:
        local = _local(item.at)
        return {
            "id": item.native,
            "title": f"Сообщение ведомства номер {item.number}",
            "short_description": f"Кратко о сообщении {item.number}.",
            "body": "".join(
                f"<p>Абзац {i} сообщения {item.number}, написанный для зеркала: ведомство сообщает о работе"
                " за неделю и планах на следующую.</p>"
                for i in range(1, 4)
            ),
            "created_date": local.isoformat(),
        }

    def _gov_lists(self, channel: str) -> None:
        agency, lang = channel.split(":")
        items = [self._gov_item(p) for p in self.published if p.site == "gov_kz" and p.channel == channel][
            ::-1
        ]
        for size in self.gov_page_sizes:
            for page in (1, 2):
                url = (
                    "https://www.gov.kz/api/v1/public/content-manager/news"
                    f"?projects=eq:{agency}&page={page}&size={size}&sort-by=created_date:DESC&lang={lang}"
                )
                chunk = items[(page - 1) * size : page * size]
                self._write(mirror_path(url), json.dumps(chunk, ensure_ascii=False), self.now)

    # --- akorda.kz and primeminister.kz --------------------------------------------------------------

    def _event_article(self, item: Publication) -> str:
        title = f"{EVENT_TITLE[item.channel]} {item.native}"
        body = "".join(
            f"<p>{EVENT_TITLE[item.channel]} {item.native}, {i}: текст для зеркала о заседании и поручениях.</p>"
            for i in range(1, 4)
        )
        if item.site == "akorda_kz":
            # Events pages: the date h5 right after the h2.mt-5 title (day precision, as on the site).
            return (
                f'<!DOCTYPE html><html lang="{URL_CODE[item.channel]}"><head><meta charset="utf-8">'
                f"<title>{html.escape(title)} — {AKORDA_SUFFIX[item.channel]}</title></head><body>"
                f'<section id="main_block"><section id="main_block"><div class="col-lg-8">'
                f'<h2 class="mt-5">{html.escape(title)}</h2><h5>{akorda_date(item)}</h5>'
                f'<div class="mt-5"><article>{body}</article></div></div></section></section></body></html>'
            )
        local = _local(item.at)
        return (
            f'<!DOCTYPE html><html lang="{URL_CODE[item.channel]}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)} | primeminister.kz</title>"
            f'<meta property="article:published_time" content="{local.isoformat()}"></head><body>'
            f'<main class="main"><article class="article"><h1 class="article__title">{html.escape(title)}</h1>'
            f'<div class="article__info"><span class="article__date">{pm_date(item)}</span></div>'
            f'<div class="article__content">{body}</div></article></main></body></html>'
        )

    def _event_lists(self, site: str, lang: str) -> None:
        mine = [p for p in self.published if p.site == site and p.channel == lang][::-1]
        code = URL_CODE[lang]
        if site == "primeminister_kz":
            cards = "".join(
                f'<a href="{urlsplit(self.article_url(p)).path}"><div class="article__wrapper">'
                f'<div class="article__wrapper-top"><span class="article__date">{pm_date(p, day=True)}</span></div>'
                f'<h3 class="article__title">{EVENT_TITLE[lang]} {p.native}</h3></div></a>'
                for p in mine[:20]
            )
            page = (
                f'<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><title>News</title></head>'
                f'<body><main class="main"><div class="blog__container">{cards}</div></main></body></html>'
            )
            self._write(f"primeminister.kz/{code}/news@page=1", page, self.now)
            return
        for section in set(AKORDA_SECTIONS):
            listed = [p for p in mine if AKORDA_SECTIONS[p.native % 10] == section][:20]
            if not listed:
                continue
            cards = "".join(
                f'<div class="card"><div class="card-body"><h3 class="card-title">'
                f'<a href="{urlsplit(self.article_url(p)).path}">{EVENT_TITLE[lang]} {p.native}</a></h3>'
                f'<h5 class="mt-3">{akorda_date(p)}</h5></div></div>'
                for p in listed
            )
            page = (
                f'<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><title>Akorda</title></head>'
                f"<body>{cards}</body></html>"
            )
            self._write(f"www.akorda.kz/{code}/{section}@page=1", page, self.now)
        if lang == "ru":
            entries = "".join(
                f"<item><title>{EVENT_TITLE[lang]} {p.native}</title><link>{self.article_url(p)}</link>"
                f"<pubDate>{format_datetime(_local(p.at))}</pubDate><guid>{self.article_url(p)}</guid></item>"
                for p in mine[:20]
            )
            feed = (
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Akorda.kz</title>'
                f"<link>https://www.akorda.kz/ru</link>{entries}</channel></rss>"
            )
            self._write("www.akorda.kz/ru/rss", feed, self.now)


# akorda.kz items by section (assumed): events 6 in 10, speeches 2, legal acts 1, addresses 1; by the
# item's id, so every language of one item is filed in the same section.
AKORDA_SECTIONS = ("events",) * 6 + ("speeches",) * 2 + ("legal_acts", "addresses")
AKORDA_FIRST_ID = 3100000
PM_FIRST_ID = 32000
URL_CODE = {"ru": "ru", "kk": "kz", "en": "en"}
AKORDA_SLUG = {
    "ru": "glava-gosudarstva-sobytie",
    "kk": "memleket-basshysy-okiga",
    "en": "head-of-state-event",
}
PM_SLUG = {"ru": "pravitelstvo-soobshchenie", "kk": "ukimet-habarlama", "en": "government-news"}
EVENT_TITLE = {
    "ru": "Событие для проверки свежести",
    "kk": "Жаңалықты тексеру оқиғасы",
    "en": "Freshness test event",
}
AKORDA_SUFFIX = {
    "ru": "Официальный сайт Президента Республики Казахстан",
    "kk": "Қазақстан Республикасы Президентінің ресми сайты",
    "en": "Official website of the President of the Republic of Kazakhstan",
}
KK_MONTHS = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
RU_SHORT = "янв фев мар апр мая июн июл авг сен окт ноя дек".split()


def akorda_date(item: Publication) -> str:
    """The day as akorda.kz prints it (sites.md): `21 марта 2026 года`, `2026 жылғы 12 маусым`, `May 28 2026`."""
    local = _local(item.at)
    if item.channel == "kk":
        return f"{local.year} жылғы {local.day} {KK_MONTHS[local.month - 1]}"
    if item.channel == "en":
        return f"{EN_MONTHS[local.month - 1]} {local.day} {local.year}"
    return f"{local.day} {RU_MONTHS[local.month - 1]} {local.year} года"


def pm_date(item: Publication, *, day: bool = False) -> str:
    """primeminister.kz's dates as data/mirror's pages print them: `04 авг 2026`, `04 там 2026`,
    `04 Aug 2026` on cards; `06 января 2026, 13:05`, `21 мамыр 2021, 16:10` on the article."""
    local = _local(item.at)
    months = {"ru": RU_MONTHS, "kk": KK_MONTHS, "en": EN_MONTHS}[item.channel]
    if day:
        short = RU_SHORT[local.month - 1] if item.channel == "ru" else months[local.month - 1][:3]
        return f"{local.day:02d} {short} {local.year}"
    return f"{local.day:02d} {months[local.month - 1]} {local.year}, {local:%H:%M}"


def hours(n: float) -> float:
    return n * 3600.0


def almaty_midnight(year: int, month: int, day: int) -> float:
    return datetime(year, month, day, tzinfo=ALMATY).timestamp()
