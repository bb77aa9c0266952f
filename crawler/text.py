"""Body text cleaning rules shared by every site: captions, trailers and boilerplate lines.

The phrases come from the sites' real pages (../shared/sites.md §1, §3): Zakon.kz ends articles
with share/"read also"/Google News blocks and puts photo credits in their own paragraphs; akorda.kz
pages carry "Go back" links. Paragraphs are kept whole: we never split sentences, so initials like
"А. Мамин" cannot break a paragraph.
"""

from __future__ import annotations

import re
import unicodedata

# A paragraph starting with one of these ends the article text (and everything after it goes).
TRAILER_PREFIXES = (
    "поделитесь новостью",
    "следите за новостями",
    "нашли ошибку",
    "беттегі қате",
    "жаңалықтар телефоныңда",
    "жаңалықты бөлісіңіз",
    "share this",
)
# Whole paragraphs to drop wherever they stand.
# "Читайте также" inside the text links to another article: drop that paragraph, keep reading.
DROP_PREFIXES = (
    "читайте также",
    "оқи отырыңыз",
    "тағы оқыңыз",
    "фото:",
    "сурет:",
    "фото –",
    "фото -",
    "видео:",
    "бейне:",
    "photo:",
    "коллаж:",
    "иллюстративное фото",
)
DROP_CONTAINS = ("google news",)
DROP_EXACT = {"go back", "back", "артқа", "назад", "қайту"}
DROP_DOMAIN = re.compile(r"^\s*(?:www\.)?akorda\.kz\s*$", re.I)
# A run of spaces (with \r and \n, which become spaces) is one space. Only runs of two or more and the
# other characters need a substitution: matching every single space made this the costliest step.
_SPACE = re.compile(r"[ \r\n\t\u00a0\u2009\u202f\u200b]{2,}|[\r\n\t\u00a0\u2009\u202f\u200b]")
# Substrings whose absence means _SPACE has nothing to do (`in` is far cheaper than a regex scan).
_SPACE_NEEDLES = ("  ", "\n", "\r", "\t", "\u00a0", "\u2009", "\u202f", "\u200b")
# Hardening (issue 8): lone surrogates (\ud800-\udfff, which JSON escapes can carry) cannot be stored as UTF-8.
_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def clean_inline(text: str | None) -> str | None:
    """One field (title, lead): NFC, no control or bidi characters, single spaces."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    for needle in _SPACE_NEEDLES:
        if needle in text:
            text = _SPACE.sub(" ", text)
            break
    return text.strip() or None


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for raw in paragraphs:
        para = clean_inline(raw)
        if not para:
            continue
        low = para.lower()
        if low.startswith(TRAILER_PREFIXES):
            break
        if low.startswith(DROP_PREFIXES) or any(c in low for c in DROP_CONTAINS):
            continue
        if low.rstrip(".:!") in DROP_EXACT or DROP_DOMAIN.match(para):
            continue
        if out and out[-1] == para:  # the same paragraph twice in a row is an extraction echo
            continue
        out.append(para)
    return out


def clean_body(body: str | None, *, title: str | None = None) -> str | None:
    if not body:
        return None
    paras = clean_paragraphs(body.split("\n\n"))
    if title and paras and clean_inline(paras[0]) == clean_inline(title):
        paras = paras[1:]  # the headline repeated as the first paragraph
    return "\n\n".join(paras) or None
