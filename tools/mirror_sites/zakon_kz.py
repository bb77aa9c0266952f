"""Offline mirror of Zakon.kz: www.zakon.kz (ru) and kaz.zakon.kz (kk), rebuilt from ../shared/sites.md §1.

No real HTML of a current zakon.kz page is available (sites.md; shared/fixtures/real/zakon_*/SOURCES.md), so every
page here is *rebuilt*: the markup follows the selectors and URL patterns documented in sites.md §1, the text is
real where we have it (8 Russian excerpts, 1 Kazakh article) and written for the mirror elsewhere; each MANIFEST
line says which. Everything sites.md does not document (class names of noise blocks, the LoadMoreNews JSON shape,
the Kazakh <title> suffix and card dates, RSS channel fields) is an assumption and labelled so in the provenance
and in data/mirror/README.md.

The mirror is a snapshot taken at SNAPSHOT (2026-10-01 18:00, Asia/Almaty): relative card dates ("сегодня, 16:55",
"вчера, 14:20", "бүгін, 11:20", "кеше, 17:15") are relative to it, so tests that parse listing cards should use
SNAPSHOT as `now`.

Public helpers (for benchmarks that need thousands of pages with the same structure):

render_article(rec) -> str — one article page. rec keys:
    url         str, required   canonical absolute URL (https://www.zakon.kz/<section>/<id>-<slug>.html or
                                https://kaz.zakon.kz/<id>-<slug>.html)
    lang        "ru" | "kk"     page language (<html lang>, month names, labels); default "ru"
    title       str, required   headline (h1, og:title, JSON-LD headline, <title>)
    lead        str, required   div.description, og:description, JSON-LD articleBody (the documented lead-only body)
    paragraphs  list, required  body items: str -> <p>; {"empty": True} -> <p></p>; {"sub": s} -> <p><strong>;
                                {"quote": s, "author": name} -> <blockquote><p>s</p> <cite>name</cite></blockquote>
    published   str, required   local (Asia/Almaty) wall time "YYYY-MM-DDTHH:MM"; the offset is derived
                                (+06:00 before 2024-03-01, +05:00 from then)
    modified    str, optional   local time of an update -> JSON-LD dateModified
    jsonld_date bool            emit JSON-LD datePublished (default True); False leaves the <title> (ru) and
                                <time class="date"> as the only date sources
    tags        list[str]       .tags.newsTags links
    author      str, optional   meta author + a[href*="/authors/"] byline
    caption     str, optional   "Фото: ..." / "Сурет: ..." paragraph right after the start of the body
    read_also   dict, optional  {"url": ..., "title": ...} -> "Читайте также: <a>" paragraph
    read_also_at int, optional  index in paragraphs to insert it before (default: after the last paragraph)
    trailers    list[str]       extra trailing paragraphs before the share block ("Следите за новостями ..." etc.)
    image_date  str, optional   "YYYY-MM-DD" upload date for the image path (default: the published date)
    sidebar     list[dict]      other recs (url, title, published, lang) shown in the "Популярное" block
    now         str, optional   not used by render_article (cards only)

render_listing_cards(recs, now=SNAPSHOT) -> str — the `div.newscard` > `a.newscard_link` cards for a listing page
    or LoadMoreNews response; each rec needs url, title, published, lang (and optionally image_date). Card dates are
    "сегодня"/"вчера" (ru) or "бүгін"/"кеше" (kk) relative to `now` (local "YYYY-MM-DDTHH:MM").
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from html import escape
from urllib.parse import urlsplit

try:
    from . import _zakon_kz_content as content
except ImportError:  # imported as a top-level module
    import _zakon_kz_content as content  # type: ignore[no-redef]

SNAPSHOT = "2026-10-01T18:00"
PAGE_SIZE_RU = 6
PAGE_SIZE_KK = 5
RSS_ITEMS = 10

MONTHS_RU_GEN = [
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
MONTHS_KK = [
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
RFC_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
RFC_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# A 1x1 lossless WebP, served at the documented image paths in place of the real (unavailable) pictures.
PLACEHOLDER_WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")

HOST = {"ru": "www.zakon.kz", "kk": "kaz.zakon.kz"}
SPEC = "sites.md §1"

L10N = {
    "ru": {
        "today": "сегодня",
        "yesterday": "вчера",
        "popular": "Популярное",
        "all_news": "Все новости",
        "share": "Поделитесь новостью",
        "google": "Читайте Zakon.kz в Google News",
        "read_also": "Читайте также:",
        "more": "Показать еще",
        "tags": "Теги:",
        "listing_title": "Последние новости Казахстана и мира на сегодня | Zakon.kz",
        "nav": [
            ("/politika/", "Политика"),
            ("/obshestvo/", "Общество"),
            ("/finansy/", "Финансы"),
            ("/sobytiia/", "События"),
            ("/stati/", "Статьи"),
        ],
        "switch": ("https://kaz.zakon.kz/", "Қаз"),
    },
    "kk": {
        "today": "бүгін",
        "yesterday": "кеше",
        "popular": "Көп оқылғандар",
        "all_news": "Барлық жаңалықтар",
        "share": "Жаңалықпен бөлісіңіз",
        "google": "Zakon.kz жаңалықтарын Google News-тен оқыңыз",
        "read_also": "Оқи отырыңыз:",
        "more": "Тағы көрсету",
        "tags": "Тегтер:",
        "listing_title": "Жаңалықтар | Zakon.kz",
        "nav": [
            ("/news/", "Жаңалықтар"),
            ("/ekonomika/", "Экономика"),
            ("/qogam/", "Қоғам"),
            ("/sayasat/", "Саясат"),
        ],
        "switch": ("https://www.zakon.kz/", "Рус"),
    },
}


# ---------------------------------------------------------------------------------------------- dates


def _local(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def _offset(local: dt.datetime) -> str:
    """Asia/Almaty: UTC+6 until 2024-03-01 00:00, UTC+5 from then (sites.md, language.md §2)."""
    return "+06:00" if local < dt.datetime(2024, 3, 1) else "+05:00"


def iso(s: str) -> str:
    local = _local(s)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + _offset(local)


def rfc2822(s: str) -> str:
    local = _local(s)
    return (
        f"{RFC_DAYS[local.weekday()]}, {local:%d} {RFC_MONTHS[local.month - 1]} {local:%Y %H:%M:%S} "
        + _offset(local).replace(":", "")
    )


def absolute_date(s: str, lang: str) -> str:
    """`16:55, 01 октября 2026` (ru, genitive) / `16:55, 01 қазан 2026` (kk, nominative: assumed)."""
    local = _local(s)
    month = (MONTHS_RU_GEN if lang == "ru" else MONTHS_KK)[local.month - 1]
    return f"{local:%H:%M}, {local:%d} {month} {local:%Y}"


def card_date(s: str, lang: str, now: str = SNAPSHOT, variant: int = 0) -> str:
    """List-card date: the documented forms `сегодня, 13:51` / `13:51, сегодня` / `13:51, 15 августа 2025`,
    plus `вчера, HH:MM` (expected, unconfirmed) and the unconfirmed kk `бүгін, HH:MM` / `кеше, HH:MM`."""
    local, ref = _local(s), _local(now)
    words = L10N[lang]
    hhmm = f"{local:%H:%M}"
    if local.date() == ref.date():
        if lang == "ru" and variant % 2:
            return f"{hhmm}, {words['today']}"
        return f"{words['today']}, {hhmm}"
    if local.date() == ref.date() - dt.timedelta(days=1):
        return f"{words['yesterday']}, {hhmm}"
    return absolute_date(s, lang)


def document_title(rec: dict) -> str:
    if rec.get("lang", "ru") == "ru":
        # Documented (real <title> of 6533466): `<headline> ᐈ новость от HH:MM, DD <month gen.> YYYY на zakon.kz`.
        return f"{rec['title']} ᐈ новость от {absolute_date(rec['published'], 'ru')} на zakon.kz"
    return f"{rec['title']} | Zakon.kz"  # kk suffix assumed: the kk <title> format is not documented


# ---------------------------------------------------------------------------------------------- urls


def article_id(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1].split("-", 1)[0]


def image_path(rec: dict) -> str:
    day = rec.get("image_date") or rec["published"][:10]
    return f"/pbi/WEBP/{day}/file-{uuid.uuid5(uuid.NAMESPACE_URL, rec['url'])}/800x450.webp"


def image_url(rec: dict) -> str:
    return f"https://{HOST[rec.get('lang', 'ru')]}{image_path(rec)}"


def _rel(url: str) -> str:
    return urlsplit(url).path


def _slug(tag: str) -> str:
    table = str.maketrans(
        {
            "а": "a",
            "ә": "a",
            "б": "b",
            "в": "v",
            "г": "g",
            "ғ": "g",
            "д": "d",
            "е": "e",
            "ё": "e",
            "ж": "zh",
            "з": "z",
            "и": "i",
            "й": "y",
            "к": "k",
            "қ": "k",
            "л": "l",
            "м": "m",
            "н": "n",
            "ң": "n",
            "о": "o",
            "ө": "o",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ұ": "u",
            "ү": "u",
            "ф": "f",
            "х": "kh",
            "һ": "h",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": "",
            "ы": "y",
            "і": "i",
            "ь": "",
            "э": "e",
            "ю": "yu",
            "я": "ya",
            " ": "-",
        }
    )
    return "".join(c for c in tag.lower().translate(table) if c.isalnum() or c == "-")


# ---------------------------------------------------------------------------------------------- templates


def _header(lang: str) -> str:
    words = L10N[lang]
    nav = "".join(f'<li><a href="{href}">{escape(name)}</a></li>' for href, name in words["nav"])
    switch_href, switch_label = words["switch"]
    return (
        '<header class="header">\n'
        f'  <a class="header__logo" href="/"><img src="/img/logo.svg" alt="Zakon.kz"></a>\n'
        f'  <nav class="header__nav"><ul>{nav}<li><a href="/news/">{escape(words["all_news"])}</a></li></ul></nav>\n'
        f'  <div class="header__lang"><a href="{switch_href}">{switch_label}</a></div>\n'
        '  <form class="header__search" action="/search/"><input type="text" name="qsearch"></form>\n'
        "</header>\n"
    )


def _footer(lang: str) -> str:
    about = "О проекте" if lang == "ru" else "Жоба туралы"
    contacts = "Контакты" if lang == "ru" else "Байланыс"
    return (
        '<footer class="footer">\n'
        f'  <ul class="footer__menu"><li><a href="/about/">{about}</a></li><li><a href="/contacts/">{contacts}</a></li>'
        '<li><a href="/rss.xml">RSS</a></li></ul>\n'
        '  <div class="footer__copy">© 2000–2026 Zakon.kz</div>\n'
        "</footer>\n"
    )


def _head_common(lang: str) -> str:
    rss = (
        '<link rel="alternate" type="application/rss+xml" title="Zakon.kz" href="https://www.zakon.kz/rss.xml">\n'
        if lang == "ru"
        else ""
    )
    return (
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n' + rss
    )


def _sidebar(recs: list[dict], lang: str) -> str:
    if not recs:
        return ""
    items = "".join(
        f'<li class="popular__item"><a href="{escape(_rel(r["url"]))}">{escape(r["title"])}</a>'
        f' <span class="popular__time">{absolute_date(r["published"], r.get("lang", lang))}</span></li>'
        for r in recs
    )
    return (
        f'<aside class="sidebar"><div class="popular"><div class="popular__title">{escape(L10N[lang]["popular"])}</div>'
        f"<ul>{items}</ul></div></aside>\n"
    )


def _body_items(rec: dict) -> list[str]:
    lang = rec.get("lang", "ru")
    out: list[str] = []
    items = list(rec["paragraphs"])
    read_also = rec.get("read_also")
    if read_also:
        pos = rec.get("read_also_at", len(items))
        items.insert(pos, {"read_also": read_also})
    if rec.get("caption"):
        out.append(f"<p>{escape(rec['caption'])}</p>")
    for item in items:
        if isinstance(item, str):
            out.append(f"<p>{escape(item)}</p>")
        elif item.get("empty"):
            out.append("<p></p>")
        elif "sub" in item:
            out.append(f"<p><strong>{escape(item['sub'])}</strong></p>")
        elif "quote" in item:
            out.append(
                f"<blockquote><p>{escape(item['quote'])}</p> <cite>{escape(item['author'])}</cite></blockquote>"
            )
        elif "read_also" in item:
            link = item["read_also"]
            out.append(
                f'<p>{L10N[lang]["read_also"]} <a href="{escape(link["url"])}">{escape(link["title"])}</a></p>'
            )
    for trailer in rec.get("trailers", []):
        out.append(f"<p>{escape(trailer)}</p>")
    return out


def _jsonld(rec: dict) -> str:
    lang = rec.get("lang", "ru")
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": rec["url"]},
        "headline": rec["title"],
        "description": rec["lead"],
        "articleBody": rec["lead"],
        "image": [image_url(rec)],
        "inLanguage": lang,
    }
    if rec.get("jsonld_date", True):
        data["datePublished"] = iso(rec["published"])
        if rec.get("modified"):
            data["dateModified"] = iso(rec["modified"])
    if rec.get("author"):
        data["author"] = {"@type": "Person", "name": rec["author"]}
    data["publisher"] = {
        "@type": "Organization",
        "name": "Zakon.kz",
        "logo": {"@type": "ImageObject", "url": "https://www.zakon.kz/img/logo.svg"},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def render_article(rec: dict) -> str:
    """One article page in the 2024–2026 structure of sites.md §1 (keys: see the module docstring)."""
    lang = rec.get("lang", "ru")
    words = L10N[lang]
    url = rec["url"]
    author = rec.get("author")
    meta_author = f'<meta name="author" content="{escape(author)}">\n' if author else ""
    byline = (
        f' <a class="article__author" href="/authors/{_slug(author)}/">{escape(author)}</a>' if author else ""
    )
    tags = "".join(f'<a href="/tags/{_slug(t)}/">{escape(t)}</a>' for t in rec.get("tags", []))
    body = "\n".join("      " + p for p in _body_items(rec))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n'
        + _head_common(lang)
        + f"<title>{escape(document_title(rec))}</title>\n"
        f'<meta name="description" content="{escape(rec["lead"])}">\n'
        + meta_author
        + '<meta property="og:type" content="article">\n'
        '<meta property="og:site_name" content="Zakon.kz">\n'
        f'<meta property="og:title" content="{escape(rec["title"])}">\n'
        f'<meta property="og:description" content="{escape(rec["lead"])}">\n'
        f'<meta property="og:image" content="{image_url(rec)}">\n'
        f'<meta property="og:url" content="{escape(url)}">\n'
        f'<link rel="canonical" href="{escape(url)}">\n'
        + _jsonld(rec)
        + "</head>\n<body>\n"
        + _header(lang)
        + '<main class="main">\n<div class="container">\n<div class="article">\n'
        '  <div class="article__block">\n'
        f"    <h1>{escape(rec['title'])}</h1>\n"
        f'    <div class="article__info"><time class="date">{absolute_date(rec["published"], lang)}</time>{byline}</div>\n'
        f'    <div class="description">{escape(rec["lead"])}</div>\n'
        f'    <div class="article__image"><img src="{image_path(rec)}" alt="{escape(rec["title"])}" width="800" height="450"></div>\n'
        '    <div class="content">\n'
        f"{body}\n"
        f'      <div class="willShare"><span class="willShare__title">{escape(words["share"])}</span>'
        '<a class="share-tg" href="https://t.me/share/url?url=' + escape(url) + '">Telegram</a>'
        '<a class="share-wa" href="https://wa.me/?text=' + escape(url) + '">WhatsApp</a></div>\n'
        f'      <div class="google-news-follow"><p><a href="https://news.google.com/publications/CAAqBwgKMP_zxgswmr7eAw">{escape(words["google"])}</a></p></div>\n'
        f'      <div class="tags newsTags"><span>{escape(words["tags"])}</span>{tags}</div>\n'
        "    </div>\n"
        "  </div>\n"
        "</div>\n"
        + _sidebar(rec.get("sidebar", []), lang)
        + "</div>\n</main>\n"
        + _footer(lang)
        + "</body>\n</html>\n"
    )


def render_listing_cards(recs: list[dict], now: str = SNAPSHOT) -> str:
    """Listing cards (`a.newscard_link` with `.newscard__title` and `span.newscard__date`), newest first as given."""
    cards = []
    for i, r in enumerate(recs):
        lang = r.get("lang", "ru")
        cards.append(
            '<div class="newscard">'
            f'<a class="newscard_link" href="{escape(_rel(r["url"]))}">'
            f'<div class="newscard__img"><img src="{image_path(r)}" alt="" loading="lazy"></div>'
            f'<div class="newscard__title">{escape(r["title"])}</div>'
            f'<span class="newscard__date">{card_date(r["published"], lang, now, variant=i)}</span>'
            "</a></div>"
        )
    return "\n".join(cards)


def render_listing_page(recs: list[dict], lang: str, page: int, last_page: int, now: str = SNAPSHOT) -> str:
    words = L10N[lang]
    nav = ""
    if recs and page < last_page:
        nav = f'<div class="pagination"><a class="pagination__next" href="/news/?p={page + 1}">{escape(words["more"])}</a></div>\n'
    canonical = f"https://{HOST[lang]}/news/" + (f"?p={page}" if page > 1 else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n'
        + _head_common(lang)
        + f"<title>{escape(words['listing_title'])}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        "</head>\n<body>\n" + _header(lang) + '<main class="main">\n<div class="container">\n'
        f'<h1 class="page-title">{escape(words["all_news"])}</h1>\n'
        '<div class="newscards" id="newsList">\n'
        + render_listing_cards(recs, now)
        + "\n</div>\n"
        + nav
        + "</div>\n</main>\n"
        + _footer(lang)
        + "</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------- feeds


def _urlset(recs: list[dict]) -> str:
    rows = "".join(
        f"  <url>\n    <loc>{escape(r['url'])}</loc>\n    <lastmod>{iso(r.get('modified') or r['published'])}</lastmod>\n  </url>\n"
        for r in recs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + rows
        + "</urlset>\n"
    )


def _sitemap_index(children: list[tuple[str, str]]) -> str:
    rows = "".join(
        f"  <sitemap>\n    <loc>{loc}</loc>\n    <lastmod>{lastmod}</lastmod>\n  </sitemap>\n"
        for loc, lastmod in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + rows
        + "</sitemapindex>\n"
    )


def _rss(recs: list[dict]) -> str:
    items = "".join(
        "    <item>\n"
        f"      <title>{escape(r['title'])}</title>\n"
        f"      <link>{escape(r['url'])}</link>\n"
        f"      <description>{escape(r['lead'])}</description>\n"
        f"      <pubDate>{rfc2822(r['published'])}</pubDate>\n"
        f'      <guid isPermaLink="true">{escape(r["url"])}</guid>\n'
        f'      <enclosure url="{image_url(r)}" type="image/webp" length="{len(PLACEHOLDER_WEBP)}"/>\n'
        "    </item>\n"
        for r in recs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        "    <title>Zakon.kz</title>\n    <link>https://www.zakon.kz/</link>\n"
        "    <description>Новости Казахстана</description>\n    <language>ru</language>\n"
        f"    <lastBuildDate>{rfc2822(SNAPSHOT)}</lastBuildDate>\n" + items + "  </channel>\n</rss>\n"
    )


# ---------------------------------------------------------------------------------------------- build


def _pages(recs: list[dict], size: int) -> list[list[dict]]:
    return [recs[i : i + size] for i in range(0, len(recs), size)]


def _check(records: list[dict]) -> None:
    ids = [article_id(r["url"]) for r in records]
    assert len(ids) == len(set(ids)), "article ids must be unique across both hosts"
    for r in records:
        assert r["published"] <= SNAPSHOT, r["url"]
        text = "".join(p for p in r["paragraphs"] if isinstance(p, str))
        if r["text_source"].startswith("written"):
            assert len([p for p in r["paragraphs"] if isinstance(p, str)]) >= 3 and len(text) >= 600, (
                r["url"],
                len(text),
            )


def records() -> dict[str, list[dict]]:
    """Both languages' records, newest first, with read_also and sidebar resolved."""
    by_lang = {"ru": content.ru_records(), "kk": content.kk_records()}
    everything = by_lang["ru"] + by_lang["kk"]
    _check(everything)
    by_url = {r["url"]: r for r in everything}
    for recs in by_lang.values():
        recs.sort(key=lambda r: r["published"], reverse=True)
        for i, r in enumerate(recs):
            if isinstance(r.get("read_also"), str):
                target = by_url[r["read_also"]]
                assert target["published"] < r["published"], (
                    "'Читайте также' must link an older article",
                    r["url"],
                )
                r["read_also"] = {"url": target["url"], "title": target["title"]}
            others = [o for o in recs if o is not r]
            # "Популярное": the four newest other articles, rotated so pages differ
            r["sidebar"] = (others[i % 3 :] + others[: i % 3])[:4]
    return by_lang


def _prov_article(r: dict) -> str:
    notes = [f"rebuilt: {SPEC} article markup (2024–2026 structure)", r["text_source"]]
    notes.append("JSON-LD @type NewsArticle assumed (likely, not confirmed)")
    if r.get("jsonld_date", True):
        notes.append("JSON-LD datePublished present")
    else:
        notes.append(
            "no JSON-LD datePublished on purpose: the date is only in the <title>"
            if r["lang"] == "ru"
            else 'no JSON-LD datePublished on purpose: the date is only in <time class="date"> (kk card-style text, assumed)'
        )
    notes.append('<time class="date"> element and text medium-low confidence')
    if r["lang"] == "kk":
        notes.append("kk <title> suffix ' | Zakon.kz' assumed (format not documented)")
    return "; ".join(notes)


def build(emit) -> None:
    by_lang = records()
    ru, kk = by_lang["ru"], by_lang["kk"]

    # articles and their images
    for r in ru + kk:
        page = render_article(r)
        emit(r["url"], page, _prov_article(r))
        for alias in r.get("also_at", []):
            emit(
                alias,
                page,
                "rebuilt: the AMP URL of this article is real (shared/fixtures/real/zakon_ru/SOURCES.md); the AMP"
                " markup is not documented, so it serves the same rebuilt page as the www URL, whose canonical link"
                " points to the www URL; " + r["text_source"],
            )
        emit(
            image_url(r),
            PLACEHOLDER_WEBP,
            f"rebuilt: {SPEC} image path pattern /pbi/WEBP/<date>/file-<uuid>/800x450.webp; 1x1 placeholder WebP (real image"
            " unavailable; uuid derived from the article URL)",
        )

    # listings: /news/, ?p=N, LoadMoreNews (www: JSON wrapping HTML strings; kaz: plain HTML fragment)
    for lang, recs, size in (("ru", ru, PAGE_SIZE_RU), ("kk", kk, PAGE_SIZE_KK)):
        host = HOST[lang]
        pages = _pages(recs, size)
        last = len(pages)
        text_note = "card titles real where the article's headline is real, otherwise written for the mirror"
        date_note = (
            "card dates relative to the snapshot "
            + SNAPSHOT
            + " (сегодня/вчера; 'вчера' expected, not confirmed)"
            if lang == "ru"
            else "kk card dates (бүгін/кеше, 'HH:MM, DD <month> YYYY') unconfirmed, relative to the snapshot "
            + SNAPSHOT
        )
        for n in range(1, last + 2):  # one past the end: an empty page
            chunk = pages[n - 1] if n <= last else []
            html = render_listing_page(chunk, lang, n, last)
            prov = (
                f"rebuilt: {SPEC} listing news/?p=N with a.newscard_link/.newscard__title/span.newscard__date cards;"
                f" page chrome and pagination markup assumed; {text_note}; {date_note}"
            )
            if not chunk:
                prov = f"rebuilt: {SPEC} listing news/?p=N past the last page: no cards (how the real site ends is not documented)"
            if n == 1:
                emit(f"https://{host}/news/", html, prov)
            emit(f"https://{host}/news/?p={n}", html, prov)
            load_url = f"https://{host}/news/?handler=LoadMoreNews&p={n}&type=list"
            cards = [render_listing_cards([r], SNAPSHOT) for r in chunk]
            if lang == "ru":
                payload = {
                    "page": n,
                    "hasMore": n < last,
                    "items": [
                        {"id": int(article_id(r["url"])), "html": c}
                        for r, c in zip(chunk, cards, strict=True)
                    ],
                }
                emit(
                    load_url,
                    json.dumps(payload, ensure_ascii=False, indent=1),
                    f"rebuilt: {SPEC} LoadMoreNews as JSON wrapping HTML strings (documented possibility); the JSON shape"
                    f" (page/hasMore/items[].html) is assumed; {text_note}; {date_note}",
                )
            else:
                emit(
                    load_url,
                    "\n".join(cards) + ("\n" if cards else ""),
                    f"rebuilt: {SPEC} LoadMoreNews as a plain HTML fragment of cards (documented possibility; empty body past the"
                    f" last page, assumed); {text_note}; {date_note}",
                )

    # sitemaps: www index + numbered children (oldest in 1.xml, newest in the highest number), flat ones
    oldest_first = list(reversed(ru))
    thirds = [oldest_first[:5], oldest_first[5:10], oldest_first[10:]]
    children = []
    for n, chunk in enumerate(thirds, start=1):
        loc = f"https://www.zakon.kz/sitemap/{n}.xml"
        emit(
            loc,
            _urlset(chunk),
            f"rebuilt: {SPEC} numbered sitemap child (highest number = newest URLs); <lastmod> per url"
            " assumed; news:publication_date omitted (unknown)",
        )
        children.append((loc, iso(max(r.get("modified") or r["published"] for r in chunk))))
    emit(
        "https://www.zakon.kz/sitemap/index.xml",
        _sitemap_index(children),
        f"rebuilt: {SPEC} sitemap index at /sitemap/index.xml with numbered children /sitemap/<N>.xml",
    )
    emit(
        "https://www.zakon.kz/sitemap.xml",
        _urlset(ru),
        f"rebuilt: {SPEC} flat www sitemap.xml (listed in a 2026 crawler config, content not seen; assumed flat urlset)",
    )
    emit(
        "https://kaz.zakon.kz/sitemap.xml",
        _urlset(kk),
        f"rebuilt: {SPEC} flat kaz.zakon.kz sitemap.xml (listed in a 2026 crawler config, content not seen; assumed flat urlset)",
    )

    # RSS (www only: no Kazakh feed is known)
    emit(
        "https://www.zakon.kz/rss.xml",
        _rss(ru[:RSS_ITEMS]),
        f"rebuilt: {SPEC} RSS 2.0 at /rss.xml (advertised on the 2018 homepage); channel fields and enclosure assumed;"
        f" the {RSS_ITEMS} newest ru articles, RFC 2822 pubDate with the local offset",
    )

    # robots.txt: nothing real is known
    robots_prov = "rebuilt: no real robots.txt known (sites.md: nothing found); permissive placeholder"
    emit(
        "https://www.zakon.kz/robots.txt",
        "User-agent: *\nAllow: /\n\nSitemap: https://www.zakon.kz/sitemap/index.xml\n",
        robots_prov,
    )
    emit(
        "https://kaz.zakon.kz/robots.txt",
        "User-agent: *\nAllow: /\n\nSitemap: https://kaz.zakon.kz/sitemap.xml\n",
        robots_prov,
    )
    emit(
        "https://zakon.kz/robots.txt",
        "User-agent: *\nAllow: /\n",
        robots_prov + " (bare host serving the AMP URL)",
    )
