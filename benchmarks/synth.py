"""Synthetic Kazakh and Russian news text for the benchmarks (a helper module, not a benchmark).

Everything here is SYNTHETIC and generated at run time from a fixed seed: words are drawn, with their real
frequencies, from the texts of the Zakon.kz offline mirror (tools/mirror_sites: real excerpts of zakon.kz
articles and text written for the mirror), so the FTS index, the attribution regexes and MinHash see
Cyrillic kk/ru vocabulary with a realistic Zipf-like distribution; sentences are not grammatical.
A long tail of pseudo-words (names, places, rare terms: Cyrillic syllables, Zipf-distributed over
200,000 types) makes up 15 % of the running words, so the FTS vocabulary and its postings lists have the
shape of a real news archive's rather than the mirror's ~2,000 distinct words.
Article lengths follow a log-normal law with a median near 2,200 characters (zakon.kz news: 1–4 KB),
leads 100–250 characters, titles 50–120.
"""

from __future__ import annotations

import functools
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIRROR_TOOLS = ROOT / "tools" / "mirror_sites"

# Attribution cues the sources stage looks for; a share of articles carries one, as real news does.
ATTRIBUTIONS = {
    "ru": [
        "сообщает пресс-служба Акорды",
        "передает корреспондент Zakon.kz",
        "сообщили в пресс-службе Правительства",
        "как сообщает Kazinform",
        "сообщает пресс-служба МВД",
    ],
    "kk": [
        "деп хабарлайды Ақорданың баспасөз қызметі",
        "деп хабарлайды Zakon.kz тілшісі",
        "деп хабарлады Үкіметтің баспасөз қызметі",
        "Kazinform хабарлауынша",
    ],
}


def zakon_mirror() -> object:
    """tools/mirror_sites/zakon_kz.py as a module (render_article, render_listing_cards, records ...)."""
    if str(MIRROR_TOOLS) not in sys.path:
        sys.path.insert(0, str(MIRROR_TOOLS))
    import zakon_kz  # type: ignore[import-not-found]

    return zakon_kz


@functools.cache
def vocabulary() -> dict[str, list[str]]:
    """Word tokens (with repeats: the draw keeps real frequencies) per language."""
    mirror = zakon_mirror()
    by_lang = mirror.records()  # type: ignore[attr-defined]
    out: dict[str, list[str]] = {}
    for lang, recs in by_lang.items():
        text = " ".join(
            [r["title"] for r in recs]
            + [r["lead"] for r in recs]
            + [p for r in recs for p in r["paragraphs"] if isinstance(p, str)]
        )
        out[lang] = re.findall(r"[^\W\d_][\w-]*", text)
    return out


SYLLABLES = (
    "ба бе бо да де жа жу за зе ка ке қа қо ла ле ло ма ме мұ на не нұ ра ре ро са се со та те то ұл ін "
    "ар ер ор ан ен он ас ес ай ей ов ев ин бек жан гүл тай бай сұл тан мұх ғал"
).split()
LONG_TAIL = 200_000
TAIL_SHARE = 0.15


@functools.cache
def long_tail() -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf weights (s = 1.05): a few common, most seen once in a million words."""
    rng = random.Random(42)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < LONG_TAIL:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word.capitalize() if rng.random() < 0.4 else word)
    cumulative: list[float] = []
    total = 0.0
    for rank in range(1, LONG_TAIL + 1):
        total += 1.0 / rank**1.05
        cumulative.append(total)
    return words, cumulative


class TextGen:
    """Deterministic generator of titles, leads and bodies."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary()
        self.tail, self.tail_cum = long_tail()

    def words_for(self, lang: str, n: int) -> list[str]:
        words = self.rng.choices(self.words[lang], k=n)
        tail = self.rng.choices(self.tail, cum_weights=self.tail_cum, k=n)
        return [t if self.rng.random() < TAIL_SHARE else w for w, t in zip(words, tail, strict=True)]

    def sentence(self, lang: str, low: int = 7, high: int = 18) -> str:
        words = self.words_for(lang, self.rng.randint(low, high))
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."

    def title(self, lang: str) -> str:
        return self.sentence(lang, 6, 13).rstrip(".")

    def lead(self, lang: str) -> str:
        return self.sentence(lang, 12, 28)

    def body_length(self) -> int:
        return int(min(12_000, max(500, math.exp(self.rng.gauss(math.log(2200), 0.45)))))

    def paragraphs(self, lang: str, chars: int | None = None) -> list[str]:
        target = chars or self.body_length()
        out: list[str] = []
        size = 0
        while size < target:
            para = " ".join(self.sentence(lang) for _ in range(self.rng.randint(1, 4)))
            if self.rng.random() < 0.12:
                para = para[:-1] + ", " + self.rng.choice(ATTRIBUTIONS[lang]) + "."
            out.append(para)
            size += len(para) + 2
        return out
