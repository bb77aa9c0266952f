"""akorda.kz in the offline mirror: section listings, article pages, the real saved page, RSS, robots.

REAL: ../shared/fixtures/real/akorda/akorda_kz_speech_article_1.html (Tim2190/RAG-Two-Pass-Retrieval-QAZ
data/samples/akorda_sample.html @1d64363c), served byte-for-byte at its og:url on akorda.kz and also
on www.akorda.kz (the listings link relatively, so a crawler starting from www.akorda.kz reaches it
there; the page's own links use akorda.kz, so the real site answers on both hosts).

REBUILT (sites.md §3): listing pages `/{lang}/{events,speeches,addresses,legal_acts}?page=N` with
`div.card` > `h3 a` + `h5.mt-3` date + `img.card-img-top`; article pages built on the real page's
markup, condensed (the long menus are shortened; head, og tags with the site suffix, JSON-LD
WebSite, nested section#main_block, lead image paragraph, `h2` title with a leading space,
`div.mt-5 > article` body and the sidebar with `p.date_main_block_small` dates of OTHER items are
kept). Events and legal-act pages add `h2.mt-5` + `h5` date (the events layout of sites.md §3;
for legal acts ASSUMED); speeches and addresses print no date. RSS 2.0 at /ru/rss (URL real,
content ASSUMED). Language slugs per language under one numeric id (ASSUMED for rebuilt items;
the real page's language links reuse the kz slug).
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from mirror_sites._akorda_content import REAL_SPEECH, STORIES

WWW = "https://www.akorda.kz"
BARE = "https://akorda.kz"
LANGS = ("kz", "ru", "en")
SECTIONS = ("events", "speeches", "addresses", "legal_acts")
PAGE_SIZE = 3
# The real page as the mirror already holds it, byte for byte (saved once from ../shared/fixtures/real/akorda/
# akorda_kz_speech_article_1.html): the build reads it before it rewrites the host folders, and no tool reads
# outside the repository.
REAL_FILE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "mirror"
    / "akorda.kz"
    / "kz"
    / "memleket-basshysy-kasym-zhomart-tokaevtyn-akimshilik-adilet-zhane-onyn-kukyk-ustemdigin-kamtamasyz-etu-isindegi-roli-atty-halykaralyk-forumda-soylegen-sozi-555737"
)
REAL_PROV = "real: Tim2190/RAG-Two-Pass-Retrieval-QAZ data/samples/akorda_sample.html @1d64363c"

SUFFIX = {
    "kz": "Қазақстан Республикасы Президентінің ресми сайты",  # real (the saved page)
    "ru": "Официальный сайт Президента Республики Казахстан",  # ASSUMED RU equivalent
    "en": "Official website of the President of the Republic of Kazakhstan",  # ASSUMED
}
SECTION_NAME = {
    "kz": {
        "events": "Жаңалықтар",
        "legal_acts": "Құқықтық актiлер",
        "speeches": "Сөйлеген сөздер",
        "addresses": "Жолдаулар",
    },
    "ru": {
        "events": "Новости",
        "legal_acts": "Правовые акты",
        "speeches": "Выступления",
        "addresses": "Послания",
    },
    "en": {"events": "News", "legal_acts": "Legal acts", "speeches": "Speeches", "addresses": "Addresses"},
}
OFFICIAL = {
    "kz": ("Қазақстан Республикасы Президентінің", "ресми сайты"),
    "ru": ("Официальный сайт", "Президента Республики Казахстан"),
    "en": ("Official website", "of the President of the Republic of Kazakhstan"),
}
MONTHS = {
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


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def fmt_date(iso: str, lang: str) -> str:
    """The site's printed forms: `21 марта 2026 года`, `2026 жылғы 12 маусым` (zero-padded day,
    as in the saved page's sidebar), `May 28 2026`."""
    d = date.fromisoformat(iso)
    if lang == "ru":
        return f"{d.day} {MONTHS['ru'][d.month - 1]} {d.year} года"
    if lang == "kz":
        return f"{d.year} жылғы {d.day:02d} {MONTHS['kz'][d.month - 1]}"
    return f"{MONTHS['en'][d.month - 1]} {d.day} {d.year}"


def rel_path(story: dict, lang: str) -> str:
    if story.get("path"):
        return f"/{lang}/{story['path'][lang]}"
    return f"/{lang}/{story['slug'][lang]}-{story['id']}"


def image_url(story: dict) -> str:
    return f"/assets/media/{story['image']}_mediumThumb.{story.get('image_ext', 'jpg')}"


def shell(lang: str, title: str, og_url: str, og_image: str, switch: dict[str, str], main: str) -> str:
    full = f"{title} &mdash; {SUFFIX[lang]}"
    links = []
    for lg, label in (("kz", "Қаз"), ("ru", "Рус"), ("en", "Eng")):
        cls = "lang_active lang_unactive" if lg == lang else "lang_unactive"
        links.append(
            f'<a href="{switch[lg]}" class="waves-effect waves-light rgba-white-slight {cls}">{label}</a>'
        )
    tabs = "\n".join(
        f'<li class="lines nav-item my-li"><a class="nav-link" href="https://akorda.kz/{lang}/{s}"  target="_self">'
        f"{SECTION_NAME[lang][s]}</a></li>"
        for s in ("events", "legal_acts", "speeches", "addresses")
    )
    top, bottom = OFFICIAL[lang]
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
  <meta http-equiv="x-ua-compatible" content="ie=edge">
  <title>{full}</title>
  <link rel="icon" type="image/x-icon" href="/favicon.ico?v=1" />
  <link rel="stylesheet" href="/css/bootstrap.min.css?v=2">
  <link rel="stylesheet" href="/css/mdb.min.css?v=2">
    <link rel="stylesheet" href="/css/style.css?v=8">

  <!-- /OpenGraph -->
  <meta property="og:site_name" content="Akorda.kz">
  <meta property="og:url" content="{og_url}" />
  <meta property="og:title" content="{full}"/>
    <meta property="og:image" content="{og_image}"/>
    <meta property="og:type" content="website" />
  <meta property="og:description" content="{full}"/>
  <!-- /OpenGraph -->

  <script type="application/ld+json">
    {{
      "@context": "https://schema.org",
      "@type": "WebSite",
      "name": "Akorda.kz",
      "alternateName": "Ақорда",
      "url": "https://www.akorda.kz/"
    }}
  </script>

  <script type="text/javascript" src="/js/jquery-3.4.0.min.js?v=1"></script>
</head>

<body>
  <header>
    <nav class="navbar navbar-expand-sm fixed-top scrolling-navbar">
      <div id="desktop_site" class="showmobile container d-inline p-0">
        <div class="row-cols-2 d-flex">
          <div class="col text-left">
            <ul class="navbar-nav">
              <li class="nav-item mr-4"><a href="https://t.me/aqorda_resmi" target="_blank" class="waves-effect waves-light rgba-white-slight"><img src="/img/telegram.png?v=1" alt="Telegram"></a></li>
            </ul>
          </div>
          <div class="col text-right">
            {(chr(10) + "            ").join(links)}
          </div>
        </div>
      </div>
    </nav>
  </header>

    <section id="flag">
    <div id="desktop_flag" class="showflag container-fluid m-0 p-0 flag-small">
        <div class="row">
            <div class="container name_site mt-3">
                <div class="row-cols-2 d-flex">
                    <div class="col-sm-2 m-0 p-0 text-center"><a href="/{lang}"><img src="/img/gerb.png?v=1" alt="National Emblem of Kazakhstan"></a></div>
                    <div class="col-sm-10 m-0 p-0 text-left d-flex flex-column align-items-start">
                        <p class="official_title mb-0 mt-auto" >{top}</p>
                        <h3 class="official_site mt-0 mb-auto" style="padding-left: 2px;">{bottom}</h3>
                    </div>
                </div>
            </div>
        </div>
    </div>
    </section>

    <section id="category_block" class="showblock">
    <div class="container-lg" style="position: relative; z-index: 10; margin-top: 60px;">
        <div class="my-category">
<ul id="myTab" class="my-ul nav nav-tabs">
{tabs}
</ul>
        </div>
    </div>
    </section>

  <!-- Основной блок -->
  <section id="main_block" class="mobile-padding">
    <div class="container-lg mt-5">
      <div class="row">
{main}
      </div>
    </div>
  </section>
  <!--// Основной блок -->

  <footer>
    <div id="footer_block" class="container-fluid mt-5" style="background-color: #333333;">
      <div class="container-lg pt-5 pb-5">
        <div class="row">
          <div id="col_4" class="col-md-8 footer-center-block-mobile">
            <p class="footer_text">akorda.kz | 2026</p>
          </div>
        </div>
      </div>
    </div>
  </footer>
  <script src="/js/bootstrap.min.js"></script>
</body>
</html>
"""


def sidebar(lang: str, exclude: str) -> str:
    """The right column of the real page: other items with their dates (a trap for date finders)."""
    others = [s for s in sorted(STORIES, key=lambda s: s["date"], reverse=True) if s["id"] != exclude][:2]
    blocks = []
    for s in others:
        blocks.append(
            f'    <p class="date_main_block_small">{fmt_date(s["date"], lang)}</p>'
            f'<p class="date_main_block"><a href="{rel_path(s, lang)}">{esc(s["title"][lang])}</a></p>\n'
            '\n    <hr class="my-hr mt-5 mb-5" size="1">\n'
        )
    return (
        '<div class="col-4 showblock">\n  <div class="tab-content" style="background-color: #F2F2F2; '
        'padding: 40px 20px 40px 20px;">\n' + "".join(blocks) + "  </div>\n</div>\n"
    )


def article_page(story: dict, lang: str) -> str:
    title = story["title"][lang]
    dated = story["section"] in ("events", "legal_acts")
    if dated:
        heading = (
            f'                    <h2 class="mt-5"> {esc(title)}</h2>\n'
            f"                    <h5>{fmt_date(story['date'], lang)}</h5>\n"
        )
    else:
        heading = f"                    <h2> {esc(title)}</h2>\n"
    paras = "\n\n".join(f'<p style="text-align: justify;">{esc(p)}</p>' for p in story["body"][lang])
    main = f"""        <!-- Основной блок -->
        <section id="main_block">
            <div class="container-lg">
            <div class="row">
                <!-- Блок контента-->
                <div class="col-lg-8 col-md-12">
                    <!-- Картинка статьи -->
                    <p style="padding-bottom: 30px;"><img src={image_url(story)} style="width: 100%; height: auto"></p>                    <!--// Картинка статьи -->

                    <!-- Название статьи -->
{heading}                    <hr/>
                    <!--// Название статьи -->

                    <!-- Тело статьи -->
                    <div class="mt-5">
                    <article>
                    {paras}

<p style="text-align: justify;">&nbsp;</p>
                    </article>
                    </div>
                    <hr/>
                    <!--// Тело статьи -->
                </div>
                <!--// Блок контента -->

{sidebar(lang, story["id"])}
            </div>
            </div>
        </section>
        <!--// Основной блок -->"""
    switch = {lg: BARE + rel_path(story, lg) for lg in LANGS}
    return shell(lang, title, BARE + rel_path(story, lang), BARE + image_url(story), switch, main)


def card(lang: str, href: str, title: str, iso: str, image: str) -> str:
    return f"""          <div class="col-md-6 mb-5">
            <div class="card">
              <div class="view overlay">
                <img class="card-img-top image_main_block" src="{image}" alt="{attr(title)}">
                <a href="{href}"><div class="mask rgba-white-slight"></div></a>
              </div>
              <div class="card-body">
                <h3 class="card-title"><a href="{href}">{esc(title)}</a></h3>
                <p class="card-text"></p>
                <h5 class="mt-3">{fmt_date(iso, lang)}</h5>
              </div>
            </div>
          </div>
"""


def listing_page(lang: str, section: str, page: int, pages: int, cards: list[str]) -> str:
    nav = "".join(
        f'<li class="page-item{" active" if n == page else ""}"><a class="page-link" '
        f'href="{WWW}/{lang}/{section}?page={n}">{n}</a></li>'
        for n in range(1, pages + 1)
    )
    main = f"""        <div class="col-lg-12">
          <h2 class="mb-5">{SECTION_NAME[lang][section]}</h2>
          <div class="row">
{"".join(cards)}          </div>
          <nav><ul class="pagination pg-blue justify-content-center">{nav}</ul></nav>
        </div>"""
    switch = {lg: f"{BARE}/{lg}/{section}" for lg in LANGS}
    return shell(
        lang, SECTION_NAME[lang][section], f"{BARE}/{lang}/{section}", f"{BARE}/img/gerb.png", switch, main
    )


def rss(items: list[dict]) -> str:
    tz = timezone(timedelta(hours=5))
    entries = []
    for s in items:
        d = date.fromisoformat(s["date"])
        pub = format_datetime(datetime(d.year, d.month, d.day, tzinfo=tz))
        link = WWW + rel_path(s, "ru")
        entries.append(
            f"    <item>\n      <title>{esc(s['title']['ru'])}</title>\n      <link>{link}</link>\n"
            f'      <guid isPermaLink="true">{link}</guid>\n      <pubDate>{pub}</pubDate>\n'
            f"      <description>{esc(s['body']['ru'][0])}</description>\n    </item>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        "    <title>Akorda.kz</title>\n    <link>https://www.akorda.kz/ru</link>\n"
        f"    <description>{SUFFIX['ru']}</description>\n    <language>ru</language>\n"
        + "".join(entries)
        + "  </channel>\n</rss>\n"
    )


def build(emit) -> None:  # noqa: ANN001 - the driver's callback
    real = REAL_FILE.read_bytes()
    real_path = f"/kz/{REAL_SPEECH['slug']}-{REAL_SPEECH['id']}"
    emit(BARE + real_path, real, REAL_PROV + " (served at its og:url, byte-for-byte)")
    emit(WWW + real_path, real, REAL_PROV + " (the same bytes on www.akorda.kz, which the listings link to)")

    for lang in LANGS:
        for section in SECTIONS:
            items = sorted(
                (s for s in STORIES if s["section"] == section), key=lambda s: s["date"], reverse=True
            )
            cards = [
                (s["date"], card(lang, rel_path(s, lang), s["title"][lang], s["date"], image_url(s)), False)
                for s in items
            ]
            if lang == "kz" and section == "speeches":
                r = REAL_SPEECH
                cards.append(
                    (
                        r["date"],
                        card(
                            lang,
                            real_path,
                            r["title"],
                            r["date"],
                            f"/assets/media/{r['image']}_mediumThumb.jpg",
                        ),
                        True,
                    )
                )
            cards.sort(key=lambda c: c[0], reverse=True)
            pages = max(1, (len(cards) + PAGE_SIZE - 1) // PAGE_SIZE)
            for n in range(1, pages + 2):
                chunk = cards[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
                body = listing_page(lang, section, n, pages, [c[1] for c in chunk])
                prov = (
                    "rebuilt: sites.md §3 (listing ?page=N; div.card > h3 a, h5.mt-3 date, img.card-img-top; "
                    "page chrome condensed from the real saved page); cards of the mirror's items"
                )
                if any(c[2] for c in chunk):
                    prov += (
                        "; includes the card of the REAL page 555737, card rebuilt, its date 2026-06-12 ASSUMED "
                        "(the speech says 'today I signed five constitutional laws'; its sidebar's newest law is dated "
                        "2026 жылғы 12 маусым; the copy was saved 2026-06-14)"
                    )
                if not chunk:
                    prov = "rebuilt: sites.md §3; the page after the last: no cards (ASSUMED behaviour)"
                # The bare /{lang}/{section} is not served: /kz/addresses/ is also the directory of
                # the address pages, so mirror_path cannot hold both; the spider asks for ?page=1.
                emit(f"{WWW}/{lang}/{section}?page={n}", body, prov)
        for s in STORIES:
            origin = {
                "written": "text written for the mirror",
                "sidebar": (
                    "kz title/slug/id/date REAL (sidebar of the real saved page); body and ru/en versions written "
                    "for the mirror"
                ),
                "zakon_ru_6507353": (
                    "speech written for the mirror around the real quotation in "
                    "../shared/fixtures/real/zakon_ru/text/6507353.json"
                ),
            }[s["origin"]]
            layout = (
                "h2.mt-5 + h5 date (events layout)"
                if s["section"] == "events"
                else "h2.mt-5 + h5 date (events layout ASSUMED for legal acts)"
                if s["section"] == "legal_acts"
                else "h2 title, NO date (as the real speech page)"
            )
            emit(
                WWW + rel_path(s, lang),
                article_page(s, lang),
                f"rebuilt: sites.md §3 + markup of the real saved page (condensed); {layout}; {origin}",
            )
    ru_items = sorted(STORIES, key=lambda s: s["date"], reverse=True)
    emit(
        f"{WWW}/ru/rss",
        rss(ru_items),
        "rebuilt: sites.md §3 (RSS https://www.akorda.kz/ru/rss, polled by a 2023 bot); RSS 2.0 content ASSUMED",
    )
    emit(
        f"{WWW}/robots.txt",
        "User-agent: *\nDisallow: /admin\nDisallow: /kz/search\nDisallow: /ru/search\nDisallow: /en/search\n",
        "rebuilt: PLACEHOLDER; no akorda.kz robots.txt was found (sites.md gap 5); content ASSUMED",
    )
    emit(
        f"{BARE}/robots.txt",
        "User-agent: *\nDisallow: /admin\nDisallow: /kz/search\nDisallow: /ru/search\nDisallow: /en/search\n",
        "rebuilt: PLACEHOLDER; no akorda.kz robots.txt was found (sites.md gap 5); content ASSUMED",
    )
