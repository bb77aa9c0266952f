"""primeminister.kz in the offline mirror: news listings, day archive, article pages, robots, sitemap.

Nothing here is a saved page: no real primeminister.kz HTML was available (sites.md §2). What is
real is the URL scheme (`/{ru,kz,en}/news/[category/]<slug>-<id>`, language-specific slugs, the
trailing id growing from ~29000 in 2025 to ~31800 in mid-2026, larger pre-redesign ids), the
archive card structure (`div.blog__container > a`, `div.article__wrapper > div.article__wrapper-top
> span.article__date` with `%d %b %Y` under ru_RU) and four article URLs quoted in sites.md.
Everything else (listing pagination, article markup, feeds) is ASSUMED and labelled so.

Pagination choice: `?page=N`. The only documented form, `/kz/news/page/{N}`, belongs to the
pre-redesign site (ids ~280000), whose URL scheme the redesign replaced; `?page=N` is the form of
the other current government site we know (akorda.kz) and the default of common PHP frameworks.
The spider tries `?page=N` first and falls back to `/page/N`. Page 1 is served at `?page=1`:
the bare `/ru/news` cannot be a mirror file, because `/ru/news/` is the directory of the articles
(mirror_path maps both to `primeminister.kz/ru/news`).
"""

from __future__ import annotations

import html
from datetime import datetime

from mirror_sites._primeminister_content import STORIES, TRANS_CASPIAN

HOST = "https://primeminister.kz"
LANGS = ("ru", "kz", "en")
HTML_LANG = {"ru": "ru", "kz": "kk", "en": "en"}
PAGE_SIZE = 5

SITE_NAME = {
    "ru": "Официальный информационный ресурс Премьер-Министра Республики Казахстан",
    "kz": "Қазақстан Республикасы Премьер-Министрінің ресми ақпараттық ресурсы",
    "en": "Official Information Source of the Prime Minister of the Republic of Kazakhstan",
}
UI = {
    "ru": {
        "home": "Главная",
        "news": "Новости",
        "archive": "Архив",
        "show": "Показать",
        "share": "Поделиться",
    },
    "kz": {
        "home": "Басты бет",
        "news": "Жаңалықтар",
        "archive": "Мұрағат",
        "show": "Көрсету",
        "share": "Бөлісу",
    },
    "en": {"home": "Home", "news": "News", "archive": "Archive", "show": "Show", "share": "Share"},
}
CATEGORY_NAME = {
    "digital_office": {"ru": "Цифровой офис", "kz": "Цифрлық офис", "en": "Digital office"},
    "asset_recovery": {"ru": "Возврат активов", "kz": "Активтерді қайтару", "en": "Asset recovery"},
}
# Month abbreviations as `%b` prints them under ru_RU, kk_KZ and C (glibc).
ABBR = {
    "ru": ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
    "kz": ["қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
FULL = {
    "ru": [
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
    ],
    "kz": [
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
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

PM_LABEL = {"ru": "Премьер-Министр", "kz": "Премьер-Министр", "en": "Prime Minister"}

P_ARTICLE = (
    "rebuilt: sites.md §2 (URL pattern <slug>-<id>{real}); article markup ASSUMED (h1, span.article__date, "
    "div.article__content, breadcrumbs, og:*{published}); text: {origin}"
)
ORIGIN = {
    "written": "news prose written for the mirror",
    "zakon_ru_6503515": (
        "text adapted for the mirror from the real Zakon.kz retelling "
        "(../shared/fixtures/real/zakon_ru/text/6503515.json: new lead, no Zakon.kz line, one paragraph more)"
    ),
    "zakon_ru_6503515_tr": "translation written for the mirror of the release adapted from the real Zakon.kz retelling 6503515",
    "zakon_kk_trans_caspian": (
        "text adapted for the mirror from the real kaz.zakon.kz retelling "
        "(../shared/fixtures/real/zakon_kk/trans_caspian_fiber_optic.txt); old-style id and date 2021-05-21 ASSUMED"
    ),
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def when(story: dict) -> datetime:
    return datetime.fromisoformat(story["published"])


def card_date(dt: datetime, lang: str) -> str:
    return f"{dt.day:02d} {ABBR[lang][dt.month - 1]} {dt.year}"


def page_date(dt: datetime, lang: str) -> str:
    return f"{dt.day:02d} {FULL[lang][dt.month - 1]} {dt.year}, {dt:%H:%M}"


def path(story: dict, lang: str) -> str:
    cat = f"{story['category']}/" if story.get("category") else ""
    return f"/{lang}/news/{cat}{story['slug'][lang]}-{story['id']}"


def items_for(lang: str) -> list[dict]:
    items = [s for s in STORIES if lang in s["slug"]]
    if lang in TRANS_CASPIAN["slug"]:
        items.append(TRANS_CASPIAN)
    return sorted(items, key=when, reverse=True)


def head(lang: str, title: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)} | {esc(SITE_NAME[lang])}</title>
  <link rel="stylesheet" href="/build/css/app.css">
{extra}</head>
<body>
  <header class="header">
    <div class="container header__inner">
      <a class="header__logo" href="/{lang}"><img src="/build/img/logo.svg" alt="{esc(SITE_NAME[lang])}"></a>
      <nav class="header__menu">
        <a href="/{lang}/news?page=1">{UI[lang]["news"]}</a>
        <a href="/{lang}/archive">{UI[lang]["archive"]}</a>
        <a href="/{lang}/government/composition/bektenov">{PM_LABEL[lang]}</a>
      </nav>
      <div class="header__lang">LANG_SWITCH</div>
    </div>
  </header>
"""


FOOT = """  <footer class="footer">
    <div class="container"><p class="footer__copy">© 2026 primeminister.kz</p></div>
  </footer>
  <script src="/build/js/app.js"></script>
</body>
</html>
"""


def lang_switch(urls: dict[str, str]) -> str:
    labels = {"kz": "ҚАЗ", "ru": "РУС", "en": "ENG"}
    return "".join(
        f'<a class="header__lang-link" href="{urls.get(lg, "/" + lg)}">{labels[lg]}</a>' for lg in LANGS
    )


def card(story: dict, lang: str) -> str:
    dt = when(story)
    return f"""      <a href="{path(story, lang)}">
        <div class="article__wrapper">
          <div class="article__wrapper-top"><span class="article__date">{card_date(dt, lang)}</span></div>
          <div class="article__image"><img src="/assets/media/news-{story["id"]}-preview.jpg" alt=""></div>
          <h3 class="article__title">{esc(story["title"][lang])}</h3>
        </div>
      </a>
"""


def listing(lang: str, page: int, items: list[dict], pages: int) -> str:
    cards = "".join(card(s, lang) for s in items)
    links = "".join(
        f'<a class="pagination__link{" pagination__link--active" if n == page else ""}" href="/{lang}/news?page={n}">{n}</a>'
        for n in range(1, pages + 1)
    )
    body = head(lang, UI[lang]["news"]).replace(
        "LANG_SWITCH", lang_switch({lg: f"/{lg}/news?page=1" for lg in LANGS})
    )
    return (
        body
        + f"""  <main class="main">
    <div class="container">
      <h1 class="main__title">{UI[lang]["news"]}</h1>
      <div class="blog__container">
{cards}      </div>
      <div class="pagination">{links}</div>
    </div>
  </main>
{FOOT}"""
    )


def archive_page(lang: str, day: tuple[int, int, int] | None, items: list[dict]) -> str:
    d, m, y = day or (0, 0, 0)
    days = "".join(f'<option value="{n}"{" selected" if n == d else ""}>{n}</option>' for n in range(1, 32))
    months = "".join(
        f'<option value="{n}"{" selected" if n == m else ""}>{FULL[lang][n - 1]}</option>'
        for n in range(1, 13)
    )
    years = "".join(
        f'<option value="{n}"{" selected" if n == y else ""}>{n}</option>' for n in range(2026, 2011, -1)
    )
    cards = "".join(card(s, lang) for s in items)
    body = head(lang, UI[lang]["archive"]).replace(
        "LANG_SWITCH", lang_switch({lg: f"/{lg}/archive" for lg in LANGS})
    )
    return (
        body
        + f"""  <main class="main">
    <div class="container archive">
      <h1 class="main__title">{UI[lang]["archive"]}</h1>
      <form class="archive__form" method="get" action="/{lang}/archive">
        <select name="day">{days}</select>
        <select name="month">{months}</select>
        <select name="year">{years}</select>
        <button class="archive__select desktop_button" type="submit">{UI[lang]["show"]}</button>
      </form>
      <div class="blog__container">
{cards}      </div>
    </div>
  </main>
{FOOT}"""
    )


def article_page(story: dict, lang: str, with_published_time: bool) -> str:
    dt = when(story)
    url = HOST + path(story, lang)
    title = story["title"][lang]
    extra = (
        f'  <meta property="og:type" content="article">\n'
        f'  <meta property="og:title" content="{esc(title)}">\n'
        f'  <meta property="og:url" content="{url}">\n'
        f'  <meta property="og:image" content="{HOST}/assets/media/news-{story["id"]}.jpg">\n'
    )
    if with_published_time:
        extra += f'  <meta property="article:published_time" content="{dt.isoformat()}">\n'
    crumbs = [
        f'<a href="/{lang}">{UI[lang]["home"]}</a>',
        f'<a href="/{lang}/news?page=1">{UI[lang]["news"]}</a>',
    ]
    if story.get("category"):
        cat = story["category"]
        crumbs.append(f'<a href="/{lang}/news/{cat}">{esc(CATEGORY_NAME[cat][lang])}</a>')
    paras = "\n".join(f"          <p>{esc(p)}</p>" for p in story["body"][lang])
    switch = lang_switch({lg: path(story, lg) for lg in LANGS if lg in story["slug"]})
    return (
        head(lang, title, extra).replace("LANG_SWITCH", switch)
        + f"""  <main class="main">
    <div class="container">
      <nav class="breadcrumbs">{" ".join(crumbs)}</nav>
      <article class="article">
        <h1 class="article__title">{esc(title)}</h1>
        <div class="article__info">
          <span class="article__date">{page_date(dt, lang)}</span>
        </div>
        <div class="article__image"><img src="/assets/media/news-{story["id"]}.jpg" alt="{esc(title)}"></div>
        <div class="article__content">
{paras}
        </div>
        <div class="article__share">{UI[lang]["share"]}:
          <a href="https://t.me/share/url?url={url}">Telegram</a>
          <a href="https://www.facebook.com/sharer/sharer.php?u={url}">Facebook</a>
        </div>
      </article>
    </div>
  </main>
{FOOT}"""
    )


def build(emit) -> None:  # noqa: ANN001 - the driver's callback
    all_urls: list[tuple[str, datetime]] = []
    for lang in LANGS:
        items = items_for(lang)
        pages = (len(items) + PAGE_SIZE - 1) // PAGE_SIZE
        for n in range(1, pages + 1):
            emit(
                f"{HOST}/{lang}/news?page={n}",
                listing(lang, n, items[(n - 1) * PAGE_SIZE : n * PAGE_SIZE], pages),
                "rebuilt: sites.md §2 (listing /{lang}/news; pagination parameter NOT documented: ?page=N CHOSEN, "
                "see tools/mirror_sites/primeminister_kz.py); card markup from the documented archive cards "
                "(div.blog__container > a, span.article__date '%d %b %Y'); rest ASSUMED",
            )
        emit(
            f"{HOST}/{lang}/news?page={pages + 1}",
            listing(lang, pages + 1, [], pages),
            "rebuilt: sites.md §2; the page after the last: an empty list (ASSUMED behaviour)",
        )
        emit(
            f"{HOST}/{lang}/archive",
            archive_page(lang, None, []),
            "rebuilt: sites.md §2 (archive form: select[name=day|month|year], button.archive__select.desktop_button); "
            "rest ASSUMED",
        )
        by_day: dict[tuple[int, int, int], list[dict]] = {}
        for story in items:
            dt = when(story)
            by_day.setdefault((dt.day, dt.month, dt.year), []).append(story)
        for (d, m, y), day_items in sorted(by_day.items()):
            emit(
                f"{HOST}/{lang}/archive?day={d}&month={m}&year={y}",
                archive_page(lang, (d, m, y), day_items),
                "rebuilt: sites.md §2 (day archive: div.blog__container > a, span.article__date '%d %b %Y'); "
                "served as the result of a GET form at /{lang}/archive?day=D&month=M&year=Y: URL ASSUMED "
                "(the documented crawler clicks the button; the real request is unknown)",
            )
        for i, story in enumerate(items):
            url = HOST + path(story, lang)
            origin = story["origin"]
            if origin == "zakon_ru_6503515" and lang != "ru":
                origin = "zakon_ru_6503515_tr"
            real = ""
            if story.get("real_url") == lang:
                real = "; this URL is real (quoted in sites.md §2)"
            with_time = i % 2 == 0
            emit(
                url,
                article_page(story, lang, with_time),
                P_ARTICLE.format(
                    real=real,
                    published=", article:published_time" if with_time else ", no article:published_time",
                    origin=ORIGIN[origin],
                ),
            )
            all_urls.append((url, when(story)))
    emit(
        f"{HOST}/robots.txt",
        "User-agent: *\nDisallow: /admin\nDisallow: /search\n\nSitemap: https://primeminister.kz/sitemap.xml\n",
        "rebuilt: PLACEHOLDER; no primeminister.kz robots.txt was found (sites.md §2 'try live'); content ASSUMED",
    )
    locs = "".join(
        f"  <url><loc>{esc(u)}</loc><lastmod>{dt.date().isoformat()}</lastmod></url>\n"
        for u, dt in sorted(all_urls, key=lambda x: x[1], reverse=True)
    )
    emit(
        f"{HOST}/sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + locs + "</urlset>\n",
        "rebuilt: PLACEHOLDER; no primeminister.kz sitemap was found (sites.md §2 'try live'); a flat urlset of the "
        "mirror's articles, ASSUMED",
    )
