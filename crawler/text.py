"""Body text cleaning rules shared by every site: captions, trailers and boilerplate lines.

The phrases come from the sites' real pages (../shared/sites.md §1, §3): Zakon.kz ends articles
with share/"read also"/Google News blocks and puts photo credits in their own paragraphs; akorda.kz
pages carry "Go back" links. Paragraphs are kept whole: we never split sentences, so initials like
"А. Мамин" cannot break a paragraph.
"""

from __future__ import annotations

import itertools
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
DROP_CONTAINS = ("google news",)  # every phrase holds a g: clean_body's gate relies on it
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
    if text.isprintable():
        # Most paragraphs (the spiders squash white space): printable text holds none of the _CONTROL
        # characters, and neither does its NFC form hold any _SPACE character but the plain space (checked
        # over every code point), so only double spaces remain to collapse. isprintable() is one C pass at
        # half the cost of the _CONTROL scan, and one needle instead of eight.
        text = unicodedata.normalize("NFC", text)
        if "  " in text:
            text = _SPACE.sub(" ", text)
        return text.strip() or None
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    for needle in _SPACE_NEEDLES:
        if needle in text:
            text = _SPACE.sub(" ", text)
            break
    return text.strip() or None


# Lower-casing whole paragraphs was a third of this stage. The prefixes are read from a lower-cased head long
# enough for the longest prefix (str.lower maps each character on its own, except a final sigma, whose form
# depends on what follows: a head holding Σ is not trusted); the exact lines from the stripped paragraph when
# it is short enough to be one (lower() never shortens); the DROP_CONTAINS phrases are ASCII, and the only
# characters that lower-case to an ASCII letter or space are ASCII ones and İ and the Kelvin sign (neither
# gives a letter of those phrases), so they are found in the ASCII-lower-cased UTF-8 bytes.
_HEAD = max(len(p) for p in (*TRAILER_PREFIXES, *DROP_PREFIXES)) + 8
_EXACT_MAX = max(len(p) for p in DROP_EXACT)
_CONTAINS_BYTES = tuple(c.encode("ascii") for c in DROP_CONTAINS)


def _case_forms(text: str) -> set[str]:
    return {"".join(chars) for chars in itertools.product(*({c.lower(), c.upper()} for c in text))}


# A phrase is there in some ASCII case only if its three characters with the fewest case forms are there in
# one of them ("e n" for "google news"): a few str `in` tests rule most paragraphs out before any encoding.
_PROBES = tuple(
    {
        form
        for phrase in DROP_CONTAINS
        for form in min((_case_forms(phrase[i : i + 3]) for i in range(max(1, len(phrase) - 2))), key=len)
    }
)


def _contains_phrase(para: str) -> bool:
    """any(c in para.lower() for c in DROP_CONTAINS), for the ASCII phrases of DROP_CONTAINS."""
    for probe in _PROBES:  # a loop, not any(<generator>): this runs on every paragraph
        if probe in para:
            break
    else:
        return False
    low = para.encode("utf-8", "surrogatepass").lower()  # bytes.lower(): ASCII letters only
    return any(c in low for c in _CONTAINS_BYTES)


# A line DROP_DOMAIN matches is the bare domain: clean_inline() strips what \s matches, so it is this long at most.
_DOMAIN_MAX = len("www.akorda.kz")


def clean_paragraphs(paragraphs: list[str], *, phrases: bool = True) -> list[str]:
    """`phrases=False` when no paragraph can hold a DROP_CONTAINS phrase (clean_body tests the whole body)."""
    out: list[str] = []
    for raw in paragraphs:
        para = clean_inline(raw)
        if not para:
            continue
        head = para[:_HEAD]
        head = head.lower() if "Σ" not in head else para.lower()
        if head.startswith(TRAILER_PREFIXES):
            break
        if head.startswith(DROP_PREFIXES) or (phrases and _contains_phrase(para)):
            continue
        bare = para.rstrip(".:!")
        if (len(bare) <= _EXACT_MAX and bare.lower() in DROP_EXACT) or (
            len(para) <= _DOMAIN_MAX and DROP_DOMAIN.match(para)
        ):
            continue
        if out and out[-1] == para:  # the same paragraph twice in a row is an extraction echo
            continue
        out.append(para)
    return out


def clean_body(body: str | None, *, title: str | None = None) -> str | None:
    if not body:
        return None
    # No character but G and g lower-cases to a letter of a DROP_CONTAINS phrase (checked over every code point),
    # and neither NFC nor dropping control characters makes one: a body without them holds no such phrase,
    # which two one-character searches (memchr speed) tell at once for all its paragraphs.
    phrases = "g" in body or "G" in body
    paras = clean_paragraphs(body.split("\n\n"), phrases=phrases)
    if title and paras and clean_inline(paras[0]) == clean_inline(title):
        paras = paras[1:]  # the headline repeated as the first paragraph
    return "\n\n".join(paras) or None


# What follows a headline in a document title: " | Site", " — Site", " - Site", "ᐈ ...", ":: Site", " » Site".
_AFFIX_START = re.compile(r"\s+[|—–»-]\s+|\s*(?:\||ᐈ|::)\s*")


def headline_with_affix(text: str | None, title: str | None) -> bool:
    """Whether `text` is the headline followed by a title affix ("<title> — Official website of ...")."""
    if not text or not title or len(text) <= len(title) or not text.startswith(title):
        return False
    return _AFFIX_START.match(text, len(title)) is not None
