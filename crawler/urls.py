"""Canonical URLs, article ids, and what a URL says about language and the site's own id.

The canonical URL is the *identity* of an article row: two URLs that serve the same article in
the same language must canonicalise to one string, and two different articles never may. It is not
always a fetchable address (the `url` column keeps the address as crawled); docs/dedup.md lists the
rules with examples. In short:

Generic (every host)
- scheme `https`; host lower-case with `www.` and `m.` stripped; default ports dropped;
- AMP variants folded: a leading or trailing `amp` path segment, `.amp.html` → `.html`, and the
  `amp`, `amp=1`, `outputType=amp` query parameters;
- tracking parameters dropped (`utm_*`, `fbclid`, `gclid`, `yclid`, `_openstat`, `mc_cid`, `ref`,
  `from`, ... see TRACKING_PARAMS); remaining parameters sorted; fragment dropped;
- trailing slash dropped except for the root path; `//` runs collapsed; percent-encoding made
  uniform (Cyrillic paths compare equal whether encoded or not).

Per site (a site's canonical host is fixed, so `akorda.kz` and `www.akorda.kz` agree)
- zakon.kz: `https://www.zakon.kz/<id>` (Russian) and `https://kaz.zakon.kz/<id>` (Kazakh) for any
  article URL `.../[<category>/]<id>-<slug>.html`: the category prefix and the slug are not identity
  (the slug follows title edits). The same number on the two hosts is two different articles.
- akorda.kz: host `www.akorda.kz` (also for `akorda.kz`, `m.`, `mirror.`); a last path segment
  `<slug>-<id>` becomes `<id>`: `https://www.akorda.kz/ru/<slug>-2895622` → `https://www.akorda.kz/ru/2895622`.
  The language prefix stays: `/ru/<id>` and `/kz/<id>` are twins, not one row.
- primeminister.kz: host `primeminister.kz`; news items `/{lang}/news/[<category>/]<slug>-<id>` become
  `https://primeminister.kz/{lang}/news/<id>` (ids are one sequence across categories).
- gov.kz: host `www.gov.kz`; the `lang` parameter is kept (one row per language version; `kz` is
  written `kk` as the portal does); twins share `native_id`.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

# Exact parameter names (compared lower-case) that only track the visit. `utm_*` is a prefix rule.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "ysclid",
        "_openstat",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "referrer",
        "from",
        "igshid",
        "_ga",
        "_gl",
        "spm",
        "share",
        "rss",
        "amp",
        "outputtype",  # outputType=amp
        "at_medium",
        "at_campaign",
        "cmpid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")

# Canonical host per site family: every other spelling of the host maps here.
_HOST_ALIASES = {
    "zakon.kz": "www.zakon.kz",
    "kaz.zakon.kz": "kaz.zakon.kz",
    "m.kaz.zakon.kz": "kaz.zakon.kz",
    "akorda.kz": "www.akorda.kz",
    "mirror.akorda.kz": "www.akorda.kz",
    "primeminister.kz": "primeminister.kz",
    "gov.kz": "www.gov.kz",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_LANG_SEGMENTS = {"ru": "ru", "kz": "kk", "kk": "kk", "en": "en", "qq": "kk"}
_LANG_VALUES = {"ru": "ru", "rus": "ru", "kz": "kk", "kk": "kk", "kaz": "kk", "en": "en", "eng": "en"}

# A trailing numeric id after the slug. Five digits at least, so a year ending a slug is no id.
_SLUG_ID = re.compile(r"^(?:.*-)?(\d{5,})$")
_ZAKON_ARTICLE = re.compile(r"^(\d{5,})(?:-[^/]*)?\.html?$")
_GOV_DETAILS = re.compile(r"/(press/news|press/article|documents|article|news)(?:/details)?/(\d+)$")
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host


def _site_host(bare: str) -> str:
    return _HOST_ALIASES.get(bare, bare)


_SLASHES = re.compile(r"/{2,}")


def _clean_path(path: str) -> str:
    path = path or "/"
    if "//" in path:
        path = _SLASHES.sub("/", path)
    # Decode then re-encode, so `%d0%b0`, `%D0%B0` and a raw `а` are one spelling.
    path = quote(unquote(path), safe=_PATH_SAFE)
    segments = [s for s in path.split("/") if s]
    if segments and segments[0].lower() == "amp":
        segments = segments[1:]
    if segments and segments[-1].lower() == "amp":
        segments = segments[:-1]
    if segments and segments[-1].lower().endswith(".amp.html"):
        segments[-1] = segments[-1][: -len(".amp.html")] + ".html"
    return "/" + "/".join(segments)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _clean_query(query: str) -> list[tuple[str, str]]:
    if not query:  # most article URLs: parse_qsl("") costs more than the rest of this
        return []
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)]
    return sorted(pairs)


def _site_path(host: str, path: str, params: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """The per-site identity rules; `path` is already clean."""
    segments = [s for s in path.split("/") if s]
    if host in ("www.zakon.kz", "kaz.zakon.kz") and segments:
        match = _ZAKON_ARTICLE.match(segments[-1])
        if match:
            return f"/{match.group(1)}", params
    elif host == "www.akorda.kz" and segments:
        match = _SLUG_ID.match(segments[-1])
        if match and len(segments) >= 2 and segments[0].lower() in _LANG_SEGMENTS:
            return "/" + "/".join([*segments[:-1], match.group(1)]), params
    elif host == "primeminister.kz" and len(segments) >= 3:
        match = _SLUG_ID.match(segments[-1])
        if match and segments[0].lower() in _LANG_SEGMENTS and segments[1] == "news":
            return f"/{segments[0].lower()}/news/{match.group(1)}", params
    elif host == "www.gov.kz":
        params = [(k, _LANG_VALUES.get(v.lower(), v.lower()) if k == "lang" else v) for k, v in params]
    return path, params


def canonical_url(url: str) -> str:
    """The one spelling of `url` that identifies an article (see the module docstring for the rules)."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    host = _site_host(_bare_host(parts.hostname or ""))
    netloc = host
    try:
        port = parts.port if ":" in parts.netloc else None  # no colon, no port (and no ValueError)
    except ValueError:
        port = None
    if port and port != _DEFAULT_PORTS.get(parts.scheme.lower()) and port != 443:
        netloc = f"{host}:{port}"
    path = _clean_path(parts.path)
    params = _clean_query(parts.query)
    path, params = _site_path(host, path, params)
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = urlencode(params, quote_via=quote, safe="-._~:") if params else ""
    # urlunsplit(("https", netloc, path, query, "")) for a path that starts with "/", as it always does here
    return f"https://{netloc}{path}?{query}" if query else f"https://{netloc}{path}"


def article_id(canonical: str) -> str:
    """Stable short id of an article: the first 16 hex digits of sha1(canonical URL)."""
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def url_language(url: str) -> str | None:
    """The language a URL declares (kk, ru, en), or None when it declares none.

    kaz.zakon.kz is Kazakh and www.zakon.kz Russian; akorda and primeminister (and any other host)
    use a `/ru/`, `/kz/` (= kk), `/en/` first path segment; gov.kz uses the `lang` parameter.
    """
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = _site_host(_bare_host(parts.hostname or ""))
    if host == "kaz.zakon.kz":
        return "kk"
    if host == "www.zakon.kz":
        return "ru"
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in ("lang", "language", "hl") and value.lower() in _LANG_VALUES:
            return _LANG_VALUES[value.lower()]
    segments = [s for s in unquote(parts.path).split("/") if s]
    if segments and segments[0].lower() == "amp":
        segments = segments[1:]
    if segments and segments[0].lower() in _LANG_SEGMENTS:
        return _LANG_SEGMENTS[segments[0].lower()]
    return None


def native_id(url: str, *, canonical: str | None = None) -> str | None:
    """The site's own id of the item a URL points at, or None.

    zakon: the number before the slug; akorda and primeminister: the trailing number; gov.kz: the
    details id (`press/news/details/<id>` → `<id>`, other content types prefixed with their kind,
    `documents:<id>`, so that ids of different kinds never collide). `canonical`: the URL's canonical
    form when the caller has it already.
    """
    canonical = canonical or canonical_url(url)
    parts = urlsplit(canonical)
    host = parts.hostname or ""
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return None
    if host in ("www.zakon.kz", "kaz.zakon.kz"):
        return segments[0] if len(segments) == 1 and segments[0].isdigit() else None
    if host in ("www.akorda.kz", "primeminister.kz"):
        match = _SLUG_ID.match(segments[-1])
        return match.group(1) if match and segments[0].lower() in _LANG_SEGMENTS else None
    if host == "www.gov.kz":
        match = _GOV_DETAILS.search(parts.path)
        if not match:
            return None
        kind = match.group(1)
        if kind in ("press/news", "news"):
            return match.group(2)
        return f"{kind.replace('press/', '')}:{match.group(2)}"
    return None
