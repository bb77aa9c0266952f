"""gov.kz in the offline mirror: the content-manager news API, its ticket endpoint, SPA shells, robots, sitemap.

Nothing here is a saved response (the real gzipped API dumps named in sites.md §4 were not copied).
REBUILT from sites.md §4:
- the list call `GET /api/v1/public/content-manager/news?projects=eq:<agency>&page=N&size=5&
  sort-by=created_date:DESC&lang=<ru|kk|en>` (the file key includes the sorted query string; the
  `lang` parameter is the documented optional one, sent beside `Accept-Language` so the mirror can
  key by language). `mfa` answers in the **bare JSON array** shape (the 2026 code), `minfin` in the
  **{"content": [...]}** shape (older code; the Spring-style paging fields beside `content` are
  ASSUMED). The page after the last is `[]` / `{"content": []}`. Other agencies of the spider's
  default list answer `[]` (the mirror holds no news for them).
- item fields: id, title, body (HTML with relative <img src="/uploads/...">), short_description,
  slug, created_date (ISO; migrated 2019–2021 items at a bare `T00:00:00`), heropic (relative),
  alt_image, projects (its shape ASSUMED: the agency slug).
- the ticket `POST /api/v1/public/_/c/k6`: its response body is UNKNOWN; the mirror serves a small
  ASSUMED JSON object. The mirror server (crawler/crawl/mirror.py) enforces the ticket: list GETs without a
  prior POST in the same cookie session get 403.
- the SPA shells (React root, no content), robots.txt (placeholder) and a small sitemap.xml (the real
  one has 6817 URLs and no <lastmod>).
"""

from __future__ import annotations

import html
import json

from mirror_sites._gov_content import MFA, MINFIN

HOST = "https://www.gov.kz"
API = f"{HOST}/api/v1/public/content-manager/news"
TICKET = f"{HOST}/api/v1/public/_/c/k6"
LANGS = ("ru", "kk", "en")
PAGE_SIZE = 5
# The spider's default agencies that have no news in the mirror (their first page is empty).
EMPTY_AGENCIES = (
    "economy",
    "enbek",
    "edu",
    "sci",
    "dsm",
    "transport",
    "maidd",
    "energo",
    "moa",
    "adilet",
    "emer",
    "mti",
    "ecogeo",
    "almaty",
    "astana",
    "shymkent",
)
ALT = {"ru": "Фото", "kk": "Сурет", "en": "Photo"}


def list_url(agency: str, page: int, lang: str) -> str:
    return f"{API}?projects=eq:{agency}&page={page}&size={PAGE_SIZE}&sort-by=created_date:DESC&lang={lang}"


def body_html(item: dict, lang: str) -> str:
    paras = item["body"][lang]
    parts = [f'<p style="text-align: justify;">{html.escape(paras[0], quote=False)}</p>']
    if item.get("img"):
        parts.append(f'<p style="text-align: center;"><img src="{item["img"]}" alt="" width="800" /></p>')
    parts.append("<p>&nbsp;</p>")
    parts += [f'<p style="text-align: justify;">{html.escape(p, quote=False)}</p>' for p in paras[1:]]
    return "\n".join(parts)


def api_item(item: dict, lang: str, agency: str) -> dict:
    return {
        "id": item["id"],
        "title": item["title"][lang],
        "short_description": item["body"][lang][0][:180].rsplit(" ", 1)[0] + "…",
        "body": body_html(item, lang),
        "slug": item["slug"],
        "created_date": item["created"],
        "heropic": item["hero"],
        "alt_image": f"{ALT[lang]}: {item['title'][lang]}",
        "projects": agency,
    }


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def spa_shell(agency: str, lang: str) -> str:
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width,initial-scale=1"/>
<title>gov.kz</title>
<link href="/static/css/main.8c1f2a4e.chunk.css" rel="stylesheet">
</head>
<body>
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root"></div>
<script>window.__ENTITY__="{agency}";</script>
<script src="/static/js/2.41d3c6a9.chunk.js"></script>
<script src="/static/js/main.5b7e90c1.chunk.js"></script>
</body>
</html>
"""


def build(emit) -> None:  # noqa: ANN001 - the driver's callback
    shapes = {"mfa": (MFA, "array"), "minfin": (MINFIN, "content")}
    sitemap_urls = [
        f"{HOST}/",
        f"{HOST}/memleket/entities/mfa?lang=ru",
        f"{HOST}/memleket/entities/minfin?lang=ru",
    ]
    for agency, (items, shape) in shapes.items():
        items = sorted(items, key=lambda i: i["created"], reverse=True)
        pages = (len(items) + PAGE_SIZE - 1) // PAGE_SIZE
        for lang in LANGS:
            for n in range(1, pages + 2):
                chunk = [api_item(i, lang, agency) for i in items[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]]
                if shape == "array":
                    data: object = chunk
                    what = "bare JSON array shape (the 2026 code)"
                else:
                    data = {
                        "content": chunk,
                        "number": n - 1,
                        "size": PAGE_SIZE,
                        "totalElements": len(items),
                        "totalPages": pages,
                        "last": n >= pages,
                    }
                    what = '{"content": [...]} shape (older code; paging fields beside content ASSUMED)'
                end = "; the page after the last: empty" if not chunk else ""
                emit(
                    list_url(agency, n, lang),
                    dump(data),
                    f"rebuilt: sites.md §4 (content-manager news list, fields id/title/body/short_description/slug/"
                    f"created_date/heropic/alt_image/projects); {what}{end}; news text written for the mirror",
                )
            emit(
                f"{HOST}/memleket/entities/{agency}/press/news?lang={lang}",
                spa_shell(agency, lang),
                "rebuilt: sites.md §4 (the public list URL is a React shell with no article content); markup ASSUMED",
            )
            for item in items[:2]:
                emit(
                    f"{HOST}/memleket/entities/{agency}/press/news/details/{item['id']}?lang={lang}",
                    spa_shell(agency, lang),
                    "rebuilt: sites.md §4 (public detail URL /press/news/details/<id>?lang=; a React shell); "
                    "markup ASSUMED",
                )
        sitemap_urls += [
            f"{HOST}/memleket/entities/{agency}/press/news/details/{i['id']}?lang=ru" for i in items[:3]
        ]
    for agency in EMPTY_AGENCIES:
        for lang in LANGS:
            emit(
                list_url(agency, 1, lang),
                "[]\n",
                "rebuilt: sites.md §4; an agency of the spider's default list with no news in the mirror: an empty "
                "bare array (the documented end-of-list answer)",
            )
    emit(
        TICKET,
        dump({"status": "OK", "ttl": 600}),
        "rebuilt: sites.md §4 (ticket POST /api/v1/public/_/c/k6, seen in a 2026 pipeline); the response body is "
        "UNKNOWN, this small JSON object is ASSUMED; the mirror server answers it to POST and sets the session cookie",
    )
    emit(
        f"{HOST}/robots.txt",
        "User-agent: *\nDisallow: /admin\n\nSitemap: https://www.gov.kz/sitemap.xml\n",
        "rebuilt: PLACEHOLDER; no gov.kz robots.txt content was found (sites.md gap 5); content ASSUMED",
    )
    locs = "".join(f"  <url><loc>{html.escape(u)}</loc></url>\n" for u in sitemap_urls)
    emit(
        f"{HOST}/sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + locs
        + "</urlset>\n",
        "rebuilt: sites.md §4 (the real sitemap.xml holds 6817 URLs and no <lastmod>); a small one in that form",
    )
