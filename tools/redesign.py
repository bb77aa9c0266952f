"""A redesigned copy of the offline mirror: the same articles in markup the spiders were not written for.

What a site redesign does to a crawler, applied to every HTML page of the mirror's news sites (zakon.kz,
primeminister.kz, akorda.kz; gov.kz is a JSON API and is left as it is):
- every class and id value renamed to an opaque name (`article__content` -> `k3f9a01c`), on article and
  listing pages alike (so card selectors match nothing either), also inside the HTML strings of JSON answers;
- JSON-LD removed; every <meta> but the charset removed (no og:*, no article:published_time, no description);
- headline containers changed: <h1> (and akorda's title <h2>) become <div class="...">;
- body containers changed: an element holding the paragraphs becomes <section>, an <article> wrapper a <div>;
- printed dates (a short element whose whole text is a date with a year) rewritten into another real-world
  form, picked per page: `28.05.2026 09:15`, `28 мая 2026, 09:15` (kk `28 мамыр 2026 ж.`, en `28 May 2026`),
  `2026-05-28T09:15`; <time> becomes <span>. Relative card dates ("сегодня, 16:55") stay as they are.
The document <title> is kept: a redesign rarely changes it, and its site-name affix is part of what the
generic layer must strip. Everything is deterministic (names and forms come from hashes), so a test can
build the overlay into a temporary folder and serve it over the mirror (`crawler.crawl.mirror.serve([out, mirror])`).

    .venv/bin/python tools/redesign.py /tmp/redesign      # write the overlay, print what changed
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.crawl.mirror import sniff_content_type  # noqa: E402
from crawler.dates import parse_date_info  # noqa: E402

MIRROR = ROOT / "data" / "mirror"
HOSTS = ("www.zakon.kz", "kaz.zakon.kz", "zakon.kz", "primeminister.kz", "www.akorda.kz", "akorda.kz")
MONTHS = {
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split(),
    "en": "January February March April May June July August September October November December".split(),
}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLASS_ATTR = re.compile(r'\b(class|id)=(\\?["\'])(.*?)\2')


def opaque(name: str) -> str:
    """The redesign's name for a class or id value: stable, meaningless, starting with a letter."""
    return "k" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:7]


def _pick(key: str, n: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % n


def reprint(text: str, *, lang: str, key: str) -> str | None:
    """`text` (a printed date with a year) in another real-world form, or None when it is not one."""
    text = " ".join(text.split())
    if not (6 <= len(text) <= 60) or not _YEAR.search(text):
        return None
    found = parse_date_info(text, lang=lang)
    if found is None or found.precision not in ("day", "minute", "second"):
        return None
    when: datetime = found.instant  # its own offset: the wall time the site printed
    timed = found.precision != "day"
    form = _pick(key, 3)
    month = MONTHS.get(lang, MONTHS["ru"])[when.month - 1]
    clock = f"{when:%H:%M}"
    if form == 0:
        return f"{when:%d.%m.%Y}" + (f" {clock}" if timed else "")
    if form == 1:
        if lang == "kk":
            return f"{when.day} {month} {when.year} ж." + (f", {clock}" if timed else "")
        if lang == "en":
            return f"{when.day} {month} {when.year}" + (f", {clock}" if timed else "")
        return f"{when.day} {month} {when.year}" + (f", {clock}" if timed else "")
    return f"{when:%Y-%m-%d}" + (f"T{clock}" if timed else "")


def _rename_values(value: str) -> str:
    return " ".join(opaque(v) for v in value.split())


def rename_in_markup(text: str) -> str:
    """class/id values renamed by a regex: for HTML fragments and HTML inside JSON strings."""
    return _CLASS_ATTR.sub(
        lambda m: f"{m.group(1)}={m.group(2)}{_rename_values(m.group(3))}{m.group(2)}", text
    )


def _language(rel: str, root: Any) -> str:
    lang = (root.get("lang") or "").lower()[:2]
    if lang in ("ru", "kk", "en"):
        return lang
    if rel.startswith("kaz.zakon.kz") or "/kz/" in rel:
        return "kk"
    return "en" if "/en/" in rel else "ru"


def redesign_document(raw: bytes, rel: str, stats: Counter[str], *, divs: bool = False) -> bytes:
    import lxml.html

    root = lxml.html.document_fromstring(raw)
    lang = _language(rel, root)
    for script in root.xpath('//script[@type="application/ld+json"]'):
        script.drop_tree()
        stats["jsonld removed"] += 1
    for meta in root.xpath("//meta"):
        if meta.get("charset") is None:
            meta.drop_tree()
            stats["meta removed"] += 1
    # Printed dates first (before <time> loses its name), then containers, then names.
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title", "head"):
            continue
        if any(isinstance(c.tag, str) and c.tag not in ("span", "b", "strong", "i") for c in element):
            continue
        whole = element.text_content()
        new = reprint(whole, lang=lang, key=rel)
        if new is not None:
            for child in list(element):
                child.drop_tree()
            element.text = new
            element.attrib.pop("datetime", None)
            stats["dates reprinted"] += 1
            if element.tag == "time":
                element.tag = "span"
    for element in list(root.iter("h1", "h2")):
        holder = element.getparent()
        paragraphs = len(holder.findall("p")) if holder is not None else 0
        if element.tag == "h1" or paragraphs < 2:
            element.tag = "div"
            element.set("class", (element.get("class") or "") + " headline")
            stats["headlines changed"] += 1
    for element in list(root.iter("div", "article")):
        if len(element.findall("p")) >= 2:
            element.tag = "section"
            stats["body containers changed"] += 1
        elif element.tag == "article":
            element.tag = "div"
            stats["wrappers changed"] += 1
    if divs:  # the harder variant: no <p> at all, every paragraph a <div> (text outside <p>)
        for element in list(root.iter("p")):
            element.tag = "div"
            stats["paragraphs as divs"] += 1
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("class", "id"):
            value = element.get(attr)
            if value is not None and value.strip():
                element.set(attr, _rename_values(value))
                stats[f"{attr} renamed"] += 1
    return bytes(lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>"))


def redesign_file(path: Path, rel: str, stats: Counter[str], *, divs: bool = False) -> bytes | None:
    if rel.split("@", 1)[0].lower().endswith((".webp", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".ico")):
        return None
    raw = path.read_bytes()
    kind = sniff_content_type(rel, raw)
    if kind.startswith("application/json"):
        data = json.loads(raw)

        def walk(value: Any) -> Any:
            if isinstance(value, str) and "<" in value:
                stats["json fragments renamed"] += 1
                return rename_in_markup(value)
            if isinstance(value, dict):
                return {k: walk(v) for k, v in value.items()}
            if isinstance(value, list):
                return [walk(v) for v in value]
            return value

        return json.dumps(walk(data), ensure_ascii=False).encode("utf-8")
    if not kind.startswith("text/html") or not raw.strip():
        return None
    if b"<html" not in raw[:2000].lower():
        stats["fragments renamed"] += 1
        return rename_in_markup(raw.decode("utf-8")).encode("utf-8")
    return redesign_document(raw, rel, stats, divs=divs)


def build(
    out: Path, mirror: Path = MIRROR, hosts: tuple[str, ...] = HOSTS, *, divs: bool = False
) -> Counter[str]:
    """Write the redesigned pages of `hosts` under `out` (same relative paths); return what was changed.
    `divs`: also turn every <p> into a <div> (benchmarks/generic.py's `redesign-divs` variant)."""
    stats: Counter[str] = Counter()
    for host in hosts:
        for path in sorted((mirror / host).rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(mirror).as_posix()
            new = redesign_file(path, rel, stats, divs=divs)
            if new is None:
                continue
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(new)
            stats["files"] += 1
    return stats


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: tools/redesign.py OUT_DIR", file=sys.stderr)
        return 2
    stats = build(Path(argv[0]))
    for key, value in sorted(stats.items()):
        print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# --- comparing a crawl of the redesigned mirror with a crawl of the mirror ----------------------------------

WORD = re.compile(r"\w+")


def token_f1(candidate: str | None, reference: str | None) -> float:
    """Token F1 of lower-cased words (the extraction benchmarks' measure)."""
    cand = Counter(WORD.findall((candidate or "").lower()))
    ref = Counter(WORD.findall((reference or "").lower()))
    if not cand or not ref:
        return 1.0 if cand == ref else 0.0
    common = sum((cand & ref).values())
    if not common:
        return 0.0
    precision, recall = common / sum(cand.values()), common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def almaty_day(instant: str | None) -> str | None:
    from crawler.dates import ALMATY

    if not instant:
        return None
    return datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(ALMATY).date().isoformat()


def compare(reference_db: str, redesign_db: str) -> dict[str, dict[str, Any]]:
    """Per site: articles in the reference crawl, found again, title exact, body F1 >= 0.9, lead kept,
    Almaty day right (each a count over the reference's articles), the mean body F1, and the misses."""
    import sqlite3

    def rows(db: str) -> dict[str, dict[str, Any]]:
        with sqlite3.connect(db) as conn:
            conn.row_factory = sqlite3.Row
            return {r["id"]: dict(r) for r in conn.execute("SELECT * FROM articles")}

    ref, new = rows(reference_db), rows(redesign_db)
    out: dict[str, dict[str, Any]] = {}
    for key, want in sorted(ref.items(), key=lambda kv: kv[1]["url"]):
        site = out.setdefault(
            want["site"],
            {"articles": 0, "found": 0, "title": 0, "body": 0, "lead": 0, "day": 0, "f1": [], "misses": []},
        )
        site["articles"] += 1
        got = new.get(key)
        if got is None:
            site["misses"].append(f"not crawled: {want['url']}")
            continue
        site["found"] += 1
        f1 = token_f1(got["body"], want["body"])
        site["f1"].append(f1)
        checks = {
            "title": got["title"] == want["title"],
            "body": f1 >= 0.9,
            "lead": got["lead"] == want["lead"],
            "day": almaty_day(got["published_at"]) == almaty_day(want["published_at"]),
        }
        for name, ok in checks.items():
            site[name] += ok
            if not ok:
                shown = {
                    "body": f"F1 {f1:.2f}",
                    "day": f"{got['published_at']} vs {want['published_at']}",
                    "title": f"{got['title']!r} vs {want['title']!r}",
                    "lead": f"{got['lead']!r} vs {want['lead']!r}",
                }
                site["misses"].append(f"{name}: {want['url']}: {shown[name]}")
    for site in out.values():
        site["mean_f1"] = sum(site["f1"]) / len(site["f1"]) if site["f1"] else 0.0
        del site["f1"]
    return out
