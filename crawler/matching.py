"""Keyword rules over Kazakh and Russian text: a small query language and inflection-aware matching.

A rule is a query (`Тоқаев AND (салық OR "Ұлттық банк") -футбол`) plus filters. A keyword matches the
inflected forms of itself in its language and nothing else (see docs/matching.md and
../shared/language.md §3):

- Kazakh: the keyword is never stemmed; a token matches when it is the keyword followed by an ordered
  chain of inflectional endings (plural, possessive, case, then the attributive -ғы), each slot at most
  once and each ending only where assimilation and harmony put it (жақ never fires on жақсы), with
  stem-final voicing (салық → салығы) and the loanword changes (процесс → процеске, модель → моделін,
  факт → фактісі). Derivational endings (-лық, -шы, -хана, -тік, -сыз ...) are not in the grammar, so
  әкім never fires on әкімшілік. -ДЫ/-ТІ adjectives of a lexicon (құрметті) count as the accusative only
  before a verb.
- Russian: lemma equality through pymorphy3 (cached); capitalised surname-shaped keywords (Токаев,
  Мамин) take surname endings instead, because pymorphy reads Маминов as a form of мамин, plus their own
  paradigm when the dictionary has them as a noun (Украина); words it lacks take a regular paradigm.
- Keywords of two letters or fewer match exactly only.

Matching is done by *candidate keys*: each distinct token of a text yields a small bounded set of keys
("k:салық" for every way of stripping a Kazakh ending chain, "r:налог" for each Russian lemma, ...),
and each keyword word yields the keys that would identify it. A keyword word matches a token exactly
when their key sets intersect, which lets `RuleSet` look rules up in a dict instead of trying each.

The parts, in file order:
- Normalisation and tokens: `normalize`, `tokenize` (`_TOKEN_RE`), homoglyph repair (`_norm_token`).
- Kazakh in the 2021 Latin alphabet: `latin_kk_to_cyrillic`, `_is_latin_kazakh`.
- Kazakh ending grammar: the ending table `_KK_ENDINGS`, `kazakh_stems` (`_strip`, `_roots`), the -ДЫ/-ТІ
  adjectives and the verb shapes after them (`_looks_like_verb`).
- Russian: `russian_lemmas` (pymorphy3), surname endings, and `_LemmaFilter` (which words need pymorphy3).
- Candidate keys: `_token_keys` (a text's token), `keyword_keys` (a keyword word), the regular paradigm.
- Query language: `Term`/`And`/`Or`/`Not`, `_lex`, `_Parser`, `parse_query`.
- Compiled rules and evaluation: `_TermTable`, `_Vocabulary` (token → keys cache), `_Article` (one text's
  key positions, `term_spans`, `evaluate`, `forms`), `Matcher`, `find_matches`.
- Many rules: `Rule`, `RuleSet` (rules indexed by the keys of terms they cannot match without).
- Snippets: `snippet`.

Speed (issue 19): a shortcut stays only where it saves at least 5% of a full-pipeline article's CPU
(benchmarks/stages.py; the Alerts stage is ~20% of it) or serves benchmarks/alerts.py's many-rules claim.
Kept, each with its figure where it is: the per-rule-set `_Vocabulary`, `_LemmaFilter`, the Latin-Kazakh
gate `_LATIN_KK_ONLY_RE`, token offsets found only when needed (`_Article.spans`), the rule index and the
shared term table of `RuleSet`; for alerts.py's figures, the `\\w+` tokeniser, per-term forms, a term's
positions merged only when needed, the filter-less rules' skip and the accusative gate. Everything else is
written plainly; docs/matching.md has the table.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "MARK_CLOSE",
    "MARK_OPEN",
    "And",
    "Matcher",
    "Not",
    "Or",
    "Query",
    "QueryError",
    "Rule",
    "RuleSet",
    "Term",
    "find_matches",
    "normalize",
    "parse_query",
    "snippet",
    "tokenize",
]

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 32
MARK_OPEN, MARK_CLOSE = "[[", "]]"

# --------------------------------------------------------------------------------------------------
# Normalisation and tokens
# --------------------------------------------------------------------------------------------------

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# A token: letters and digits (any script), with combining marks (decomposed й, ё, ñ, ü) and invisible
# soft hyphens / zero-width joiners kept inside it. Hyphens split tokens: Қасым-Жомарт is two tokens.
_TOKEN_RE = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0483-\u0489\u00ad\u200b-\u200d\u2060\ufeff])*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-z\u00c0-\u024f]")
_RUSSIAN_ONLY_RE = re.compile(r"[а-я]+")
# Latin letters typed by mistake inside Cyrillic words (very common for і: "Үкiмет").
_HOMOGLYPHS = str.maketrans("aceiopxykmh", "асеіорхукмһ")
_FOLD = str.maketrans("қғңөұүіәһ", "кгноууиах")


def normalize(text: str) -> str:
    """NFC, lower case, ё → е; invisible soft hyphens and zero-width characters removed.

    Never NFKD and never diacritic stripping: Kazakh letters must stay distinct from а/г/к/н/о/у/х/и.
    """
    return unicodedata.normalize("NFC", text.translate(_INVISIBLE)).lower().replace("ё", "е")


def _norm_token(raw: str) -> str:
    token = normalize(raw)
    if _LATIN_RE.search(token) and _CYRILLIC_RE.search(token):
        # A mixed-script word is a Cyrillic word with Latin look-alikes in it.
        token = token.translate(_HOMOGLYPHS)
    return token


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Normalised tokens with their start and end offsets in the original text."""
    return [(_norm_token(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _fold(word: str) -> str:
    return word.translate(_FOLD)


# --------------------------------------------------------------------------------------------------
# Kazakh in the 2021 Latin alphabet
# --------------------------------------------------------------------------------------------------

# The 31 letters of the 2021 alphabet, ŋ as a variant of ñ, and c/ç/w/x seen in loanwords and drafts.
LATIN_KK_TO_CYRILLIC: dict[str, str] = {
    "a": "а", "ä": "ә", "b": "б", "c": "ц", "ç": "ч", "d": "д", "e": "е", "f": "ф", "g": "г",
    "ğ": "ғ", "h": "х", "ı": "ы", "i": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н",
    "ñ": "ң", "ŋ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш",
    "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "w": "у", "x": "х", "y": "й", "z": "з",
}  # fmt: skip
_LATIN_KK_MARKERS = frozenset("äğıñŋöşūüq")
_LATIN_KK_ONLY = frozenset("äñŋūq")  # not Turkish: tells Kazakh from Turkish


def latin_kk_to_cyrillic(word: str) -> str | None:
    """Convert one Latin-Kazakh word (original case) to normalised Cyrillic; None if a letter is not in the table."""
    word = unicodedata.normalize("NFC", word.translate(_INVISIBLE))
    out = []
    for ch in word:
        # Capital I is dotless ı in this alphabet (İ is і); str.lower() would lose that.
        low = "ı" if ch == "I" else "i" if ch == "İ" else ch.lower()
        if low.isdigit():
            out.append(low)
            continue
        cyr = LATIN_KK_TO_CYRILLIC.get(low)
        if cyr is None:
            return None
        out.append(cyr)
    return "".join(out)


def _is_latin_kazakh(words: list[tuple[str, int]]) -> bool:
    """Whether a text (its distinct normalised tokens with counts) is recognisably Kazakh in Latin letters."""
    latin = cyrillic = markers = 0
    only = False
    for norm, count in words:
        first = norm[0]
        if "a" <= first <= "z" or "\u00c0" <= first <= "\u024f":
            latin += count
            if not _LATIN_KK_MARKERS.isdisjoint(norm):
                markers += count
                only = only or not _LATIN_KK_ONLY.isdisjoint(norm)
        elif "\u0400" <= first <= "\u04ff":
            cyrillic += count
    return only and latin >= 3 and latin > 2 * cyrillic and markers >= 2 and markers * 20 >= latin


# --------------------------------------------------------------------------------------------------
# Kazakh ending grammar
# --------------------------------------------------------------------------------------------------

# Each ending says after what it may stand: Kazakh picks one variant of an ending by the sound before it
# (consonant assimilation) and by the vowels before it (harmony), so a variant in the wrong place is not an
# ending at all: жақсы is not жақ + сы (сы follows vowels only), Алматы not алма + ты (after a vowel it is
# ны), Кешендегі not кеш + е + ндегі (е and ндегі follow possessives only).
#
# The sound before an ending, as a context:
#   V  a vowel                         N  м н ң           R  р й у и (и and у are ій/ый and уы/үі)
#   L  л                               Z  ж з              K  a voiceless consonant, б в г д ғ and the rest
#   P3 a third-person possessive (ы і сы сі)               P12 a first/second-person singular one (м ң ым ың ...)
#   LOC a locative ending (да де та те нда нде), before the attributive -ғы/-гі
_V, _N, _R, _L, _Z, _K, _P3, _P12, _LOC = "V N R L Z K P3 P12 LOC".split()
_CONS = (_N, _R, _L, _Z, _K)
_SONOR = (_V, _N, _R, _L, _Z)


def _endings(table: list[tuple[str, tuple[str, ...], str]]) -> dict[str, tuple[frozenset[str], str]]:
    return {e: (frozenset(ctx), after) for names, ctx, after in table for e in names.split()}


# slot -> ending -> (contexts it may follow, the context it gives the next ending)
_KK_ENDINGS: tuple[dict[str, tuple[frozenset[str], str]], ...] = (
    # 0 plural
    _endings([("лар лер", (_V, _R), _R), ("дар дер", (_L, _N, _Z), _R), ("тар тер", (_K,), _R)]),
    # 1 possessive
    _endings(
        [
            ("сы сі", (_V,), _P3),
            ("ы і", _CONS, _P3),
            ("м ң", (_V,), _P12),
            ("ым ім ың ің", _CONS, _P12),
            ("мыз міз ңыз ңіз", (_V,), _Z),
            ("ымыз іміз ыңыз іңіз", _CONS, _Z),
        ]
    ),
    # 2 case: genitive, dative, accusative, locative, ablative, instrumental
    _endings(
        [
            ("ның нің", (_V, _N, _P3, _P12), ""),
            ("дың дің", (_R, _L, _Z), ""),
            ("тың тің", (_K,), ""),
            ("ға ге", _SONOR, ""),
            ("қа ке", (_K,), ""),
            ("на не", (_P3,), ""),
            ("а е", (_P12,), ""),
            ("ны ні", (_V,), ""),
            ("ды ді", (_N, _R, _L, _Z, _P12), ""),
            ("ты ті", (_K,), ""),
            ("н", (_P3,), ""),
            ("да де", (*_SONOR, _P12), _LOC),
            ("та те", (_K,), _LOC),
            ("нда нде", (_P3,), _LOC),
            ("дан ден", (_V, _R, _L, _Z), ""),
            ("тан тен", (_K,), ""),
            ("нан нен", (_N, _P3, _P12), ""),
            ("мен менен", (_V, _N, _R, _L, _P3, _P12), ""),
            ("бен бенен", (_Z,), ""),
            ("пен пенен", (_K,), ""),
        ]
    ),
    # 3 the attributive: жылғы, қысқы, күзгі, and after a locative Астанадағы, Шымкенттегі, үйіндегі
    _endings([("ғы гі", (*_SONOR, _LOC), ""), ("қы кі", (_K,), "")]),
)
_KK_VOWELS = frozenset("аәеиоөұүыіэюяё")
_KK_BACK, _KK_FRONT = frozenset("аоұы"), frozenset("әеіөүэ")
_CONTEXT_OF = {c: _V for c in "аәеоөұүыіэюяё"} | {c: _N for c in "мнң"} | {c: _R for c in "рйуи"}
_CONTEXT_OF |= {"л": _L, "ж": _Z, "з": _Z}
# Letters only Russian loanwords have: their endings follow either harmony (фестиваль → фестивалы,
# модель → моделі; Тоқаев → Тоқаевтың, Бектенов → Бектеновтің). и is ій/ый, either.
_LOAN_LETTERS = frozenset("ьъвфцчщэюяёи")
# Stem-final voicing before a vowel-initial ending: салық → салығы, кітап → кітабы, мектеп → мектебі.
_DEVOICE = {"ғ": "қ", "г": "к", "б": "п"}
MIN_INFLECTED_KEYWORD = 3  # keywords of two letters or fewer match exactly only
_DOUBLED = frozenset("слмнтпркф")  # final double consonants of loanwords: процесс, металл, грамм, класс


def _harmony(ending: str) -> str:
    """ "b" (back), "f" (front) or "" (м ң н, and the instrumental, which has one vowel for both)."""
    if ending[1:3] == "ен":
        return ""
    for ch in ending:
        if ch in _KK_BACK:
            return "b"
        if ch in _KK_FRONT:
            return "f"
    return ""


def _root_harmony(root: str) -> str:
    """The endings a root takes: "b", "f" or "bf" (both: loanwords, roots without a clear last vowel)."""
    if not _LOAN_LETTERS.isdisjoint(root):
        return "bf"
    for ch in reversed(root):
        if ch in _KK_BACK:
            # к and г are front consonants: банк → банкі, банкке (a back root ending in к takes front endings)
            return "bf" if root[-1] in "кг" else "b"
        if ch in _KK_FRONT:
            return "f"
    return "bf"


def _root_contexts(word: str) -> tuple[str, ...]:
    last = word[-1] if word[-1] not in "ьъ" or len(word) < 2 else word[-2]
    ctx = _CONTEXT_OF.get(last, _K)
    # Roots ending in a frozen possessive (Елбасы "Head of the Nation", басшысы) take the endings of one;
    # a final и is ій/ый in Kazakh words and a vowel in loans (такси: таксиді, таксиге, таксиі, таксисі).
    if last in "ыі":
        return (ctx, _P3)
    return (ctx, _V) if last == "и" else (ctx,)


_ENDING_INFO: dict[str, tuple[frozenset[str], str, str, bool]] = {
    e: (ctx, after, _harmony(e), e[0] in _KK_VOWELS)
    for slot in _KK_ENDINGS
    for e, (ctx, after) in slot.items()
}


def _root_fits(root: str, contexts: tuple[str, ...], right: str, need: str) -> bool:
    allowed, _after, _h, _vowel = _ENDING_INFO[right]
    if allowed.isdisjoint(contexts):
        return False
    return not need or need in _root_harmony(root)


def kazakh_stems(token: str) -> frozenset[str]:
    """Every keyword (of 3+ letters) that `token` can be: the token with an ending chain stripped.

    Bounded: at most one ending per slot, slots stripped from the end in reverse order; each ending must fit
    the sound before it (assimilation) and the vowels before it (harmony), as the table above says.
    """
    out: set[str] = {token} if len(token) >= MIN_INFLECTED_KEYWORD else set()
    # (the word left, the highest slot still free, the ending right of it, the harmony it needs)
    stack: list[tuple[str, int, str, str]] = []
    _strip(token, len(_KK_ENDINGS), "", "", stack)
    while stack:
        word, limit, right, need = stack.pop()
        if len(word) >= MIN_INFLECTED_KEYWORD:
            _roots(word, right, need, out)
        _strip(word, limit, right, need, stack)
    return frozenset(out)


def _strip(word: str, limit: int, right: str, need: str, stack: list[tuple[str, int, str, str]]) -> None:
    for slot in range(limit):
        for ending in _KK_ENDINGS[slot]:
            if len(word) - len(ending) < MIN_INFLECTED_KEYWORD - 1 or not word.endswith(ending):
                continue
            _ctx, after, harmony, _vowel = _ENDING_INFO[ending]
            if right:
                allowed, _a, right_harmony, _v = _ENDING_INFO[right]
                if after not in allowed:
                    continue
                if right in _KK_ENDINGS[3] and slot != 2:
                    continue  # the attributive follows a root or a locative only
            if harmony and need and harmony != need:
                continue
            stack.append((word[: -len(ending)], slot, ending, harmony or need))


def _roots(word: str, right: str, need: str, out: set[str]) -> None:
    """The roots `word` can be, given the ending right after it (and the harmony the chain needs)."""
    if _root_fits(word, _root_contexts(word), right, need):
        out.add(word)
    last = word[-1]
    vowel_next = _ENDING_INFO[right][3]
    if last in _KK_VOWELS:
        # A vowel inserted after a loanword's final cluster: факт → фактісі, субъект → субъектілері.
        if last in "ыі" and len(word) >= 4 and word[-2] not in _KK_VOWELS and word[-3] not in _KK_VOWELS:
            epenthetic = "b" if last == "ы" else "f"
            if (not need or need == epenthetic) and _V in _ENDING_INFO[right][0]:
                out.add(word[:-1])
        return
    contexts = _root_contexts(word)
    if vowel_next and last in _DEVOICE and _root_fits(word, contexts, right, need):
        out.add(word[:-1] + _DEVOICE[last])
    if (
        right in _KK_ENDINGS[1]
        and right[0] in "ыі"
        and len(word) >= 3
        and word[-2] not in _KK_VOWELS
        and _root_fits(word, contexts, right, need)
    ):
        # The narrow vowel of the last syllable drops before a possessive: халық → халқы, орын → орны.
        out.add(word[:-1] + right[0] + last)
    if last not in "ьъ":
        # Loanwords: a final double consonant is written once before an ending (процесс → процеске), and a
        # soft sign drops before a vowel (модель → моделін, фестиваль → фестивалы).
        if last in _DOUBLED and _root_fits(word + last, contexts, right, need):
            out.add(word + last)
        if vowel_next and _root_fits(word + "ь", contexts, right, need):
            out.add(word + "ь")


# Kazakh adjectives in -ды/-ді/-ты/-ті made from a noun (құрмет "honour" → құрметті "honoured"): the same
# letters as the noun's accusative. Common ones in news text; a word not listed is read as the accusative.
KK_DY_ADJECTIVES = frozenset(
    (
        "құрметті білімді сенімді маңызды тиімді қажетті қауіпті күшті ақылды дарынды табысты сәтті "
        "бақытты қуатты мәнді ықпалды беделді талантты шыдамды жауапты дәмді қымбатты мейірімді тәртіпті "
        "мазмұнды әділетті атақты даңқты салмақты өнімді жемісті тұрақты ұқыпты заңды орынды текті жанды "
        "сезімді әдепті ізетті қасиетті ұятты айбынды"
    ).split()
)
# Endings of a Kazakh verb form right after the word: infinitive and verbal noun (арттыру, қолдауға),
# participles (көтерген, алатын), converbs (алып), past and present (берді, көрсеттік, береміз), intention
# (бермек).
_KK_VERB_RE = re.compile(
    r".{2,}(?:[ую](?:[ыі]н?|ға|ге|да|де|дан|ден|ды|ді|дың|дің|мен|ына|іне|ының|інің)?"
    r"|(?:ған|ген|қан|кен)(?:[ыі]н?|да|де|ға|ге|дай|дей|нан|нен|ның|нің|мен)?"
    r"|(?:атын|етін|йтын|йтін|ады|еді|йды|йді|ады|мақ|мек|бақ|бек|пақ|пек)"
    r"|(?:амын|емін|амыз|еміз|ймын|ймін|ймыз|йміз|асыз|есіз)"
    r"|[^аеыіоөұүуяәэ](?:ып|іп)|[^аеыіоөұүуяә](?:ды|ді|ты|ті)(?:м|ң|қ|к|ңыз|ңіз|ңдар|ңдер)?)"
)
# A plural or possessive before the last syllable marks a noun (қонақтарды), not a past verb.
_KK_NOUN_ACC_RE = re.compile(r".*(?:лар|лер|дар|дер|тар|тер)(?:ы|і)?(?:ды|ді|ты|ті|н|ны|ні)$")
_ACCUSATIVE_AFTER_CONSONANT = ("ды", "ді", "ты", "ті")
_KK_VERB_WORDS = frozenset(
    "жатыр отыр тұр жүр етті етеді етіп ету болды болады болып болу керек қажет".split()
)


def _looks_like_verb(word: str) -> bool:
    if word in _KK_VERB_WORDS:
        return True
    if word in KK_DY_ADJECTIVES or _KK_NOUN_ACC_RE.match(word):
        return False
    return _KK_VERB_RE.fullmatch(word) is not None


# --------------------------------------------------------------------------------------------------
# Russian: lemmas and surname endings
# --------------------------------------------------------------------------------------------------

_SURNAME_ENDINGS = ("а", "у", "ым", "ом", "е", "ой", "ы", "ых", "ыми", "ою")
_FEMALE_SURNAME_ENDINGS = ("а", "ой", "ою", "у")
_MALE_SURNAME_RE = re.compile(r".{2,}(ов|ев|ин|ын)")
_FEMALE_SURNAME_RE = re.compile(r".{2,}(ова|ева|ина|ына)")
_morph: Any = None
_UNKNOWN_PREFIX_MAX = 5  # pymorphy3.utils.word_splits: prefixes of 1-5 letters, remainders of 3+


def _analyzer() -> Any:
    global _morph
    if _morph is None:
        import pymorphy3

        _morph = pymorphy3.MorphAnalyzer()
    return _morph


def russian_lemmas(word: str) -> frozenset[str]:
    """The normal forms of every pymorphy3 parse of a (normalised, Russian-letters) word."""
    return frozenset(p.normal_form.replace("ё", "е") for p in _analyzer().parse(word))


# Kept (with _dictionary_readings' cache) for benchmarks/alerts.py's compile figure: 10,000 rules repeat
# their keywords, and compiling them takes ~2x as long uncached (1.2-1.5 s → 2.9-3.2 s); no cost per article.
@lru_cache(maxsize=1 << 14)
def _keyword_lemma(word: str) -> str:
    lemmas = russian_lemmas(word)
    if word in lemmas:  # the user typed a dictionary form: keep it (pymorphy's first guess can be odd)
        return word
    return _analyzer().parse(word)[0].normal_form.replace("ё", "е")


def _surname_stems(token: str, endings: tuple[str, ...]) -> Iterator[str]:
    for ending in endings:
        if token.endswith(ending) and len(token) - len(ending) >= MIN_INFLECTED_KEYWORD:
            yield token[: -len(ending)]


# Which words need pymorphy3 at all. Parsing a word pymorphy3 has never seen costs ~150 µs (its predictors
# try every prefix and suffix split), and most words of an article are such words (names, rare forms),
# while a rule set looks for a handful of lemmas. _LemmaFilter answers "could pymorphy3 give this word
# one of these lemmas?" from how its analyzer units build a normal form, so that only those words are
# parsed. It may say yes wrongly (the word is then parsed), never no wrongly. Kept for speed: parsing every
# Russian-letter word instead costs ~1.9 ms more CPU an article (~35% of a full-pipeline article's CPU,
# benchmarks/stages.py).

_SuffixNormals = dict[str, dict[str, dict[str, frozenset[str]]]]
_SUFFIX_NORMALS: _SuffixNormals | None = None
_EXPECTED_UNITS = (
    "DictionaryAnalyzer AbbreviatedFirstNameAnalyzer AbbreviatedPatronymicAnalyzer NumberAnalyzer "
    "PunctuationAnalyzer RomanNumberAnalyzer LatinAnalyzer HyphenSeparatedParticleAnalyzer "
    "HyphenAdverbAnalyzer HyphenatedWordsAnalyzer KnownPrefixAnalyzer UnknownPrefixAnalyzer "
    "KnownSuffixAnalyzer UnknAnalyzer"
).split()


def _suffix_normals() -> _SuffixNormals | None:
    """Form prefix → form suffix → normal prefix → normal suffixes, over every paradigm of the dictionary
    (ё as е); None if the analyzer is not the one this reasoning is about (then every word is parsed)."""
    global _SUFFIX_NORMALS
    if _SUFFIX_NORMALS is None:
        morph = _analyzer()
        units = [type(unit).__name__ for unit, _ in morph._units]
        substitutes = {(k, v) for k, vs in morph.char_substitutes.items() for _, v in vs}
        from pymorphy3.utils import word_splits

        if (
            units != _EXPECTED_UNITS
            or substitutes - {("е".encode(), "ё")}
            or word_splits.__defaults__ != (3, _UNKNOWN_PREFIX_MAX)
        ):
            _SUFFIX_NORMALS = {}
            return None
        d = morph.dictionary
        # Built from ids, grouped by normal form ending first: ~3,500 paradigms hold ~140,000 forms.
        by_normal: dict[tuple[int, int], set[tuple[int, int]]] = {}
        for para in d.paradigms:
            n = len(para) // 3
            normal = (para[2 * n], para[0])
            forms = by_normal.get(normal)
            if forms is None:
                forms = by_normal[normal] = set()
            forms.update(zip(para[2 * n : 3 * n], para[:n], strict=True))
        pairs: dict[tuple[int, int], set[tuple[int, int]]] = {}
        for normal, forms in by_normal.items():
            for form in forms:
                pairs.setdefault(form, set()).add(normal)
        prefixes = d.paradigm_prefixes
        suffixes = [suffix.replace("ё", "е") for suffix in d.suffixes]
        table: dict[str, dict[str, dict[str, set[str]]]] = {}
        for (form_prefix, form_suffix), normals in pairs.items():
            endings = table.setdefault(prefixes[form_prefix], {}).setdefault(suffixes[form_suffix], {})
            for normal_prefix, normal_suffix in normals:
                endings.setdefault(prefixes[normal_prefix], set()).add(suffixes[normal_suffix])
        _SUFFIX_NORMALS = {
            fp: {fs: {np: frozenset(ns) for np, ns in v.items()} for fs, v in by_suffix.items()}
            for fp, by_suffix in table.items()
        }
    return _SUFFIX_NORMALS or None


@lru_cache(maxsize=1 << 12)
def _lexeme_forms(lemma: str) -> frozenset[str]:
    """Every form (ё as е) of the dictionary lexemes whose normal form is `lemma`."""
    return frozenset(
        f.word.replace("ё", "е")
        for p in _analyzer().parse(lemma)
        if p.normal_form.replace("ё", "е") == lemma
        for f in p.lexeme
    )


class _LemmaFilter:
    """Could `russian_lemmas(word)` meet `lemmas`? For a word of Russian letters, pymorphy3's normal forms
    come from (pymorphy3/lang/ru/config.py DEFAULT_UNITS; the shape and hyphen units never fire on them):

    - the dictionary: the word is a form of a lexeme whose normal form is the lemma (`forms`);
    - a known prefix P + any parse of the rest: the lemma is P + a normal form of the rest (recursion);
    - an unknown prefix of 1-5 letters + a dictionary word: the lemma is prefix + its normal form
      (`after_prefix`);
    - a known suffix: the lemma is normal prefix + the word's stem + normal suffix of some paradigm whose
      form (prefix, suffix) the word has (`_suffix_normals`);
    - an unknown word: the word itself.
    """

    def __init__(self, lemmas: Iterable[str]) -> None:
        self.lemmas = frozenset(lemmas)
        self.enabled = _suffix_normals() is not None
        morph = _analyzer()
        self.paradigm_prefixes = tuple(morph.dictionary.paradigm_prefixes)
        self.forms: set[str] = set()
        self.tails: dict[str, set[str]] = {}  # a lemma's first k letters → its rest
        self.after_prefix: dict[str, set[str]] = {}  # a lemma's first 1-5 letters → forms of its rest
        self.known_prefixes: dict[str, set[str]] = {}  # known prefix → rests of lemmas starting with it
        self.known_prefix_lengths: list[int] = []
        self.min_remainder = 3
        self._sub: dict[str, _LemmaFilter] = {}
        if not self.enabled:
            return
        for lemma in self.lemmas:
            self.forms |= _lexeme_forms(lemma)
            for k in range(len(lemma) + 1):
                self.tails.setdefault(lemma[:k], set()).add(lemma[k:])
            for i in range(1, min(_UNKNOWN_PREFIX_MAX, len(lemma) - 1) + 1):
                forms = _lexeme_forms(lemma[i:])
                if forms:
                    self.after_prefix.setdefault(lemma[:i], set()).update(forms)
        for unit, _ in morph._units:
            if type(unit).__name__ == "KnownPrefixAnalyzer":
                self.min_remainder = unit.min_remainder_length
                for prefix in unit.known_prefixes:
                    rests = {lemma[len(prefix) :] for lemma in self.lemmas if lemma.startswith(prefix)}
                    if rests:
                        self.known_prefixes[prefix] = rests
        self.known_prefix_lengths = sorted({len(p) for p in self.known_prefixes})

    def may_match(self, word: str) -> bool:
        if not self.enabled or word in self.lemmas or word in self.forms:
            return True
        normals = _SUFFIX_NORMALS or {}
        tails = self.tails
        n = len(word)
        for form_prefix, by_suffix in normals.items():
            if not word.startswith(form_prefix):
                continue
            start = len(form_prefix)
            for normal_prefix in self.paradigm_prefixes:
                if normal_prefix not in tails:
                    continue
                # Stems that some lemma continues (tails is prefix-closed): cut the word after each.
                end = start
                while end < n and normal_prefix + word[start : end + 1] in tails:
                    end += 1
                for cut in range(start, end + 1):
                    by_normal_prefix = by_suffix.get(word[cut:])
                    if by_normal_prefix is None:
                        continue
                    suffixes = by_normal_prefix.get(normal_prefix)
                    if suffixes is not None and not tails[normal_prefix + word[start:cut]].isdisjoint(
                        suffixes
                    ):
                        return True
        for i in range(1, min(_UNKNOWN_PREFIX_MAX, n - 3) + 1):
            forms = self.after_prefix.get(word[:i])
            if forms is not None and word[i:] in forms:
                return True
        for k in self.known_prefix_lengths:
            if n - k < self.min_remainder:
                break
            rests = self.known_prefixes.get(word[:k])
            if rests is not None:
                sub = self._sub.get(word[:k])
                if sub is None:
                    sub = self._sub[word[:k]] = _LemmaFilter(rests)
                if sub.may_match(word[k:]):
                    return True
        return False


# --------------------------------------------------------------------------------------------------
# Candidate keys
# --------------------------------------------------------------------------------------------------
# Namespaces: x exact token · k Kazakh stem · l Kazakh stem of a Latin-Kazakh text word (for Latin
# keywords) · r Russian lemma · s / sf male / female surname stem · fx / fk folded exact / Kazakh stem.

GEN_KK, GEN_RU = 1, 2
_GENS_BY_LANG = {"kk": GEN_KK, "ru": GEN_RU}


def _gens_for(lang: str | None) -> int:
    if lang is None:
        return GEN_KK | GEN_RU
    return _GENS_BY_LANG.get(lang, 0)


def _token_keys(
    token: str,
    converted: str,
    gens: int,
    fold: bool,
    wanted: frozenset[str],
    lemmas: _LemmaFilter | None,
    regular: bool = False,
    capital: bool = False,
) -> frozenset[str]:
    """The keys of a token that are in `wanted` (the keys of some keyword word; no other key can matter).

    Russian lemmas are computed only for tokens `lemmas` lets through.
    """
    keys = {"x:" + token}
    if fold:
        keys.add("fx:" + _fold(token))
    if gens & GEN_KK and len(token) >= MIN_INFLECTED_KEYWORD and _CYRILLIC_RE.search(token):
        stems = kazakh_stems(token)
        if token in KK_DY_ADJECTIVES:
            # құрметті is "honoured" before a noun and құрмет + accusative before a verb: the accusative
            # reading gets a key of its own, which matches only where a verb follows (_Article.term_spans).
            accusative = token[:-2]
            stems = stems - {accusative}
            keys.add("ka:" + accusative)
        elif token[-2:] in _ACCUSATIVE_AFTER_CONSONANT and token[:-2] in stems:
            # жазды is жаз + accusative ("the summer") or the past of жазу ("wrote"), қойды "the sheep" or
            # "put": a Kazakh object stands before its verb, so at the end of a sentence it is the verb.
            accusative = token[:-2]
            stems = stems - {accusative}
            keys.add("kv:" + accusative)
            if fold:
                keys.add("fk:" + _fold(accusative))
        keys.update("k:" + s for s in stems)
        if fold:
            keys.update("fk:" + _fold(s) for s in stems)
    if converted:
        keys.add("x:" + converted)
        for s in kazakh_stems(converted):
            keys.add("k:" + s)
            keys.add("l:" + s)
    if gens & GEN_RU and _RUSSIAN_ONLY_RE.fullmatch(token):
        if lemmas is not None and lemmas.may_match(token):
            token_lemmas = russian_lemmas(token)
            keys.update("r:" + lemma for lemma in token_lemmas)
            if capital or len(token_lemmas) == 1:
                # Proper-noun keys: a capitalised word, or one that is a form of one word only
                # («казахстана» yes; «левом», a form of левый or of the currency лев, no).
                keys.update("rn:" + lemma for lemma in token_lemmas)
        keys.update("s:" + s for s in _surname_stems(token, _SURNAME_ENDINGS))
        keys.update("sf:" + s for s in _surname_stems(token, _FEMALE_SURNAME_ENDINGS))
        if regular:
            keys.update(_regular_token_keys(token))
    return frozenset(keys.intersection(wanted))


def _script(word: str) -> str:
    if KAZAKH_LETTERS.intersection(word):
        return "kk"
    if _CYRILLIC_RE.search(word):
        return "cyr"
    if _LATIN_RE.search(word):
        return "lat"
    return "num"


_PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


@lru_cache(maxsize=1 << 12)
def _dictionary_readings(word: str) -> tuple[bool, bool, bool]:
    """(pymorphy3 has the word as a noun that is not a surname, e.g. Украина, Ирина, Женева, Лев;
    as a surname, e.g. Путин, Ким; as a proper noun of any kind), each as the word's own dictionary form."""
    morph = _analyzer()
    if not morph.word_is_known(word):
        return False, False, False
    noun = surname = proper = False
    for p in morph.parse(word):
        if p.normal_form.replace("ё", "е") != word or p.tag.POS != "NOUN":
            continue
        if "Surn" in p.tag:
            surname = True
        else:
            noun = True
        proper = proper or any(g in p.tag for g in _PROPER)
    return noun, surname, proper


def _russian_keys(word: str, capitalised: bool) -> set[str]:
    if not _RUSSIAN_ONLY_RE.fullmatch(word):
        return set()
    known = _analyzer().word_is_known(word)
    surname_shaped = capitalised and (_FEMALE_SURNAME_RE.fullmatch(word) or _MALE_SURNAME_RE.fullmatch(word))
    # A word the dictionary lacks takes the regular paradigm; a surname-shaped name has the surname endings.
    keys: set[str] = set() if known or surname_shaped else _regular_keys(word)
    if capitalised:
        noun, surname, proper = _dictionary_readings(word)
        # A proper noun the dictionary knows (Лев, Украина, Астана) is looked for in capitalised words and in
        # words that can be a form of nothing else: its lower-case homographs are other words («левом»).
        lemma_key = ("rn:" if proper else "r:") + word
        if _FEMALE_SURNAME_RE.fullmatch(word):
            # Мамина, Токаева; a noun the dictionary knows (Украина, Ирина, Молдова, Женева) keeps its own
            # paradigm too (Украины, Украине), which the surname endings lack.
            keys |= {"s:" + word, "sf:" + word[:-1]}
            return keys | ({lemma_key} if noun else set())
        if _MALE_SURNAME_RE.fullmatch(word):
            # Surname-shaped: pymorphy reads Маминов as a form of мамин, so no lemma unless the dictionary
            # has the word itself as a noun (Ростов, Берлин, Кишинев).
            keys.add("s:" + word)
            return keys | ({lemma_key} if noun else set())
        if surname or not known:
            # Surname endings only for a surname (Ким, Цой) or a name the dictionary lacks: on a known word
            # they read other words (Лев + ым is «левым», a form of левый).
            keys.add("s:" + word)
        if proper and noun | surname:
            keys.add(lemma_key)
            return keys
    keys.add("r:" + _keyword_lemma(word))
    return keys


# Words pymorphy3 does not know (биткойн, names, new loans) still have a regular paradigm: the noun
# declensions by their last letter. A keyword yields "p:<class>:<stem>", a token every such key it could be.
_REGULAR: dict[str, frozenset[str]] = {
    "c": frozenset("_ а у ом е ы и ов ам ами ах".split()),  # биткойн, Ерлан
    "а": frozenset("а ы и е у ой ою ей ею ам ами ах _".split()),  # Мадина, криптобиржа (-жей)
    "я": frozenset("я и е ю ей ею ям ями ях ь".split()),
    "й": frozenset("й я ю ем е и ев ям ями ях".split()),
    "ь": frozenset("ь я ю ем е и ей ям ями ях ью".split()),  # masculine and feminine together
    "о": frozenset("о е а у ом ем ам ами ах".split()),
}
_REGULAR_ENDINGS = {cls: {e.strip("_") for e in endings} for cls, endings in _REGULAR.items()}
_REGULAR_LENGTHS = sorted({len(e) for endings in _REGULAR_ENDINGS.values() for e in endings})
_RU_VOWELS = frozenset("аеиоуыэюя")


def _regular_class(word: str) -> tuple[str, str] | None:
    """(declension class, stem) of a word by its last letter, None for a stem too short or indeclinable."""
    last = word[-1]
    if last in "ая":
        cls, stem = last, word[:-1]
    elif last in "йь":
        cls, stem = last, word[:-1]
    elif last in "ое":
        cls, stem = "о", word[:-1]
    elif last in _RU_VOWELS:
        return None  # -и -у -ю -ы -э: indeclinable (Алматы, такси, шоу)
    else:
        cls, stem = "c", word
    return (cls, stem) if len(stem) >= MIN_INFLECTED_KEYWORD else None


def _regular_keys(word: str) -> set[str]:
    found = _regular_class(word)
    return {f"p:{found[0]}:{found[1]}"} if found else set()


def _regular_token_keys(token: str) -> Iterator[str]:
    n = len(token)
    for length in _REGULAR_LENGTHS:
        if n - length < MIN_INFLECTED_KEYWORD:
            break
        ending = token[n - length :] if length else ""
        stem = token[: n - length]
        for cls, endings in _REGULAR_ENDINGS.items():
            if ending in endings:
                yield f"p:{cls}:{stem}"


def keyword_keys(original: str, word: str, lang: str | None, fold: bool) -> frozenset[str]:
    """The keys that identify one keyword word (`word` normalised, `original` as typed)."""
    keys = {"x:" + word}
    if fold:
        keys.add("fx:" + _fold(word))
    if len(word) < MIN_INFLECTED_KEYWORD:
        return frozenset(keys)
    script = _script(word)
    capitalised = original[:1].isupper()
    kazakh = lang == "kk" or (lang is None and script in ("kk", "cyr"))
    russian = lang == "ru" or (lang is None and script == "cyr")
    if kazakh and script in ("kk", "cyr"):
        keys.add("k:" + word)
        if any(word + e in KK_DY_ADJECTIVES for e in _ACCUSATIVE_AFTER_CONSONANT):
            keys.add("ka:" + word)  # its accusative is also an adjective: see _Article._conditional
        if word[-1] not in _KK_VOWELS:
            keys.add("kv:" + word)  # its accusative may be a past verb: see _Article._conditional
    if russian:
        keys |= _russian_keys(word, capitalised)
    if script == "lat":
        converted = latin_kk_to_cyrillic(original)
        if converted and len(converted) >= MIN_INFLECTED_KEYWORD:
            keys.add("l:" + converted)
    if fold and script in ("kk", "cyr"):
        folded = _fold(word)
        keys.add("fk:" + folded)
        if lang != "kk":
            keys |= _russian_keys(folded, capitalised)
    return frozenset(keys)


# --------------------------------------------------------------------------------------------------
# Query language
# --------------------------------------------------------------------------------------------------


class QueryError(ValueError):
    """A malformed query: `message` is one sentence naming the problem and its 1-based `position`."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Term:
    """A word or a phrase: consecutive tokens, each matching its word (inflected forms included)."""

    words: tuple[str, ...]  # normalised
    originals: tuple[str, ...]  # as typed (capitalisation marks names; Latin I vs İ)
    position: int
    quoted: bool = False


@dataclass(frozen=True)
class And:
    children: tuple[Query, ...]
    position: int


@dataclass(frozen=True)
class Or:
    children: tuple[Query, ...]
    position: int


@dataclass(frozen=True)
class Not:
    child: Query
    position: int


Query = Term | And | Or | Not

_OPERATORS = ("AND", "OR", "NOT")
_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“"}
_WORD_STOP = set('()"«“„') | {" ", "\t", "\n", "\r"}


@dataclass
class _Lexeme:
    kind: str  # WORD PHRASE AND OR NOT LPAREN RPAREN
    position: int
    text: str = ""
    tokens: list[tuple[str, str]] = field(default_factory=list)  # (normalised, original)


def _word_tokens(text: str) -> list[tuple[str, str]]:
    return [(_norm_token(m.group()), m.group()) for m in _TOKEN_RE.finditer(text)]


def _lex(query: str) -> list[_Lexeme]:
    out: list[_Lexeme] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        pos = i + 1
        if ch.isspace():
            i += 1
        elif ch == "(":
            out.append(_Lexeme("LPAREN", pos, ch))
            i += 1
        elif ch == ")":
            out.append(_Lexeme("RPAREN", pos, ch))
            i += 1
        elif ch in _QUOTES:
            closers = {_QUOTES[ch]} | ({'"'} if ch != '"' else set())
            j = i + 1
            while j < n and query[j] not in closers:
                j += 1
            if j >= n:
                raise QueryError(f"unbalanced quote: {ch} at position {pos} is never closed", pos)
            tokens = _word_tokens(query[i + 1 : j])
            if not tokens:
                raise QueryError(
                    f"empty phrase: the quotes at position {pos} contain no word to look for", pos
                )
            out.append(_Lexeme("PHRASE", pos, query[i : j + 1], tokens))
            i = j + 1
        elif (
            ch == "-"
            and i + 1 < n
            and (query[i + 1].isalnum() or query[i + 1] in "(" or query[i + 1] in _QUOTES)
        ):
            out.append(_Lexeme("NOT", pos, "-"))
            i += 1
        else:
            j = i
            while j < n and query[j] not in _WORD_STOP and not query[j].isspace():
                j += 1
            text = query[i:j]
            if text in _OPERATORS:
                out.append(_Lexeme(text, pos, text))
            else:
                tokens = _word_tokens(text)
                if tokens:  # punctuation-only words (*, ^, --, ;) carry nothing to look for
                    out.append(_Lexeme("WORD", pos, text, tokens))
            i = j
    return out


_TERM_START = frozenset(("WORD", "PHRASE", "LPAREN", "NOT"))


class _Parser:
    def __init__(self, lexemes: list[_Lexeme]) -> None:
        self.lexemes = lexemes
        self.i = 0

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.i] if self.i < len(self.lexemes) else None

    def _operand_after(self, op: _Lexeme) -> None:
        nxt = self.peek()
        if nxt is None or nxt.kind not in _TERM_START:
            follows = "the end of the query" if nxt is None else f'"{nxt.text}" at position {nxt.position}'
            raise QueryError(
                f'dangling operator: "{op.text}" at position {op.position} is followed by {follows} '
                "instead of a word",
                op.position,
            )

    def parse_or(self, depth: int) -> Query:
        first = self.parse_and(depth)
        children = [first]
        position = 0
        while (lex := self.peek()) is not None and lex.kind == "OR":
            position = position or lex.position
            self.i += 1
            self._operand_after(lex)
            children.append(self.parse_and(depth))
        return first if len(children) == 1 else Or(tuple(children), position)

    def parse_and(self, depth: int) -> Query:
        children = [self.parse_unary(depth)]
        position = 0
        while (lex := self.peek()) is not None:
            if lex.kind == "AND":
                position = position or lex.position
                self.i += 1
                self._operand_after(lex)
            elif lex.kind in _TERM_START:
                position = position or lex.position
            else:
                break
            children.append(self.parse_unary(depth))
        return children[0] if len(children) == 1 else And(tuple(children), position)

    def parse_unary(self, depth: int) -> Query:
        lex = self.peek()
        if lex is None:  # only reachable on an empty token list, checked by the caller
            raise QueryError("empty query: type at least one word to look for", 1)
        if lex.kind == "NOT":
            self._check_depth(lex, depth + 1)
            self.i += 1
            self._operand_after(lex)
            return Not(self.parse_unary(depth + 1), lex.position)
        if lex.kind == "LPAREN":
            self._check_depth(lex, depth + 1)
            self.i += 1
            nxt = self.peek()
            if nxt is not None and nxt.kind == "RPAREN":
                raise QueryError(
                    f"empty parentheses at position {lex.position}: put a word inside", lex.position
                )
            if nxt is None:
                raise QueryError(
                    f'unbalanced parenthesis: "(" at position {lex.position} is never closed', lex.position
                )
            inner = self.parse_or(depth + 1)
            close = self.peek()
            if close is None or close.kind != "RPAREN":
                raise QueryError(
                    f'unbalanced parenthesis: "(" at position {lex.position} is never closed', lex.position
                )
            self.i += 1
            return inner
        if lex.kind in ("WORD", "PHRASE"):
            self.i += 1
            return Term(
                tuple(t[0] for t in lex.tokens),
                tuple(t[1] for t in lex.tokens),
                lex.position,
                lex.kind == "PHRASE",
            )
        if lex.kind == "RPAREN":
            raise QueryError(
                f'unbalanced parenthesis: ")" at position {lex.position} has no matching "("', lex.position
            )
        raise QueryError(
            f'dangling operator: "{lex.text}" at position {lex.position} has nothing before it', lex.position
        )

    @staticmethod
    def _check_depth(lex: _Lexeme, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise QueryError(
                f'query nested too deeply: "{lex.text}" at position {lex.position} opens level {depth}, '
                f"the limit is {MAX_DEPTH}",
                lex.position,
            )


def _check_positive(node: Query) -> None:
    """Reject queries that could match a text by absence alone (only NOT terms somewhere)."""
    if isinstance(node, Term):
        return
    if isinstance(node, Not):
        raise QueryError(
            f"query only excludes words: the NOT at position {node.position} needs a word to look for beside it, "
            'for example "Тоқаев NOT футбол"',
            node.position,
        )
    if isinstance(node, And):
        if not any(_is_positive(c) for c in node.children):
            _check_positive(node.children[0])
        return
    for child in node.children:
        if not _is_positive(child):
            raise QueryError(
                f"every alternative of OR needs a word to look for: the one at position {_position(child)} "
                "only excludes words",
                _position(child),
            )


def _is_positive(node: Query) -> bool:
    if isinstance(node, Term):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_is_positive(c) for c in node.children)
    return all(_is_positive(c) for c in node.children)


def _position(node: Query) -> int:
    if isinstance(node, (And, Or)):
        return _position(node.children[0])
    return node.position


def parse_query(query: str) -> Query:
    """Parse a query into its syntax tree; raise QueryError (one sentence with a position) if malformed."""
    if not isinstance(query, str):
        raise QueryError("the query must be text", 1)
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query too long: {len(query)} characters, the limit is {MAX_QUERY_CHARS} "
            f"(position {MAX_QUERY_CHARS + 1} is past it)",
            MAX_QUERY_CHARS + 1,
        )
    lexemes = _lex(query)
    if not lexemes:
        raise QueryError("empty query: type at least one word to look for (position 1)", 1)
    parser = _Parser(lexemes)
    tree = parser.parse_or(0)
    rest = parser.peek()
    if rest is not None:  # parse_or stops only at ")" here
        raise QueryError(
            f'unbalanced parenthesis: ")" at position {rest.position} has no matching "("', rest.position
        )
    _check_positive(tree)
    return tree


# --------------------------------------------------------------------------------------------------
# Compiled rules and evaluation
# --------------------------------------------------------------------------------------------------

_SENTENCE_BREAK = frozenset(".!?;…\n\r")
_SENTENCE_END = frozenset(".!?…")
_MAX_PHRASE_GAP = 12

# A compiled node: ("t", term id) | ("and", nodes) | ("or", nodes) | ("not", node). Terms are interned in
# a table shared by all the rules of a RuleSet, so a term used by a hundred rules is evaluated once per text.
_Node = tuple[Any, ...]
_WordKeys = tuple[frozenset[str], ...]
_Span = tuple[int, int]


class _TermTable:
    def __init__(self) -> None:
        self.terms: list[_WordKeys] = []
        self._ids: dict[_WordKeys, int] = {}
        self.first_keys: set[str] = set()  # keys a term can start at: the only positions worth recording
        self.all_keys: set[str] = set()  # keys of any word of any term: no other token key can matter
        self._vocabularies: dict[tuple[int, bool, bool], _Vocabulary] = {}
        self._lemmas: _LemmaFilter | None = None

    def intern(self, words: _WordKeys) -> int:
        tid = self._ids.get(words)
        if tid is None:
            tid = self._ids[words] = len(self.terms)
            self.terms.append(words)
            self.first_keys |= words[0]
            self.all_keys.update(*words)
            self._vocabularies.clear()
            self._lemmas = None
        return tid

    def vocabulary(self, gens: int, fold: bool, latin_kk: bool) -> _Vocabulary:
        """The token cache for texts read this way (the keys a token yields depend on all three)."""
        vocabulary = self._vocabularies.get((gens, fold, latin_kk))
        if vocabulary is None:
            if self._lemmas is None and not self._vocabularies:
                lemmas = {k.split(":", 1)[1] for k in self.all_keys if k.startswith(("r:", "rn:"))}
                self._lemmas = _LemmaFilter(lemmas) if lemmas else None
            vocabulary = self._vocabularies[gens, fold, latin_kk] = _Vocabulary(
                gens,
                fold,
                latin_kk,
                frozenset(self.all_keys),
                frozenset(self.first_keys),
                self._lemmas,
            )
        return vocabulary

    def compile(self, node: Query, lang: str | None, fold: bool) -> _Node:
        if isinstance(node, Term):
            keys = tuple(
                keyword_keys(o, w, lang, fold) for o, w in zip(node.originals, node.words, strict=True)
            )
            return ("t", self.intern(keys))
        if isinstance(node, Not):
            return ("not", self.compile(node.child, lang, fold))
        kind = "and" if isinstance(node, And) else "or"
        return (kind, tuple(self.compile(c, lang, fold) for c in node.children))


def _triggers(node: _Node, terms: list[_WordKeys]) -> list[int]:
    """Terms of which at least one matches in every text the rule matches (so the rule is indexed by them)."""
    kind = node[0]
    if kind == "t":
        return [node[1]]
    if kind == "or":
        return [t for child in node[1] for t in _triggers(child, terms)]
    if kind == "and":
        # One positive child is enough: take the one likely to be rarest in text.
        positive = [c for c in node[1] if _node_positive(c)]
        best = max(positive, key=lambda c: _specificity(c, terms))
        return _triggers(best, terms)
    raise AssertionError("NOT alone cannot trigger a rule")  # excluded by parse_query


def _node_positive(node: _Node) -> bool:
    kind = node[0]
    if kind == "t":
        return True
    if kind == "not":
        return False
    if kind == "and":
        return any(_node_positive(c) for c in node[1])
    return all(_node_positive(c) for c in node[1])


def _specificity(node: _Node, terms: list[_WordKeys]) -> tuple[int, int]:
    # Fewer index entries first, then phrases (several words in a row are rarer); among equals the
    # first one written, usually the subject of the rule ("Тоқаев AND салық"): max() keeps the first.
    found = _triggers(node, terms)
    return (-len(found), len(terms[found[0]]))


_VOCABULARY_MAX = 1 << 17


class _Vocabulary:
    """Raw tokens (as they appear in texts) → the keys they yield that some term uses, cached per rule set.

    Kept for speed: most tokens of an article were seen in earlier articles; without this cache each article
    recomputes every token's keys, ~2.3 ms more CPU an article (~40% of a full-pipeline article's CPU,
    benchmarks/stages.py). Bounded by _VOCABULARY_MAX tokens.
    """

    def __init__(
        self,
        gens: int,
        fold: bool,
        latin_kk: bool,
        wanted: frozenset[str],
        first: frozenset[str],
        lemmas: _LemmaFilter | None,
    ) -> None:
        self.gens, self.fold, self.latin_kk = gens, fold, latin_kk
        self.wanted, self.first, self.lemmas = wanted, first, lemmas
        self.regular = any(k.startswith("p:") for k in wanted)
        self.keys: dict[str, frozenset[str]] = {}
        self.starts: dict[str, tuple[str, ...]] = {}  # tokens with a key some term starts with: those keys
        self.conditional: set[str] = set()  # tokens with a "ka:"/"kv:" key (құрметті, жазды)

    def learn(self, raws: Iterable[str]) -> None:
        for raw in raws:
            norm = _norm_token(raw)
            converted = ""
            if self.latin_kk and _LATIN_RE.match(norm):
                converted = latin_kk_to_cyrillic(raw) or ""
            keys = self.keys[raw] = _token_keys(
                norm,
                converted,
                self.gens,
                self.fold,
                self.wanted,
                self.lemmas,
                self.regular,
                raw[:1].isupper(),
            )
            if any(k.startswith(("ka:", "kv:")) for k in keys):
                self.conditional.add(raw)
            starts = tuple(k for k in keys if k in self.first)
            if starts:
                self.starts[raw] = starts

    def clear(self) -> None:
        self.keys.clear()
        self.starts.clear()
        self.conditional.clear()


# A text can be Latin-script Kazakh only if some token holds ä ñ ŋ ū or q once normalised (NFC + lower case):
# these letters, their capitals, or a combining mark that composes them. Kept for speed: without this gate
# every distinct token of every article is normalised for _is_latin_kazakh, ~0.3-0.5 ms more CPU an article
# (~5-9% of a full-pipeline article's CPU, benchmarks/stages.py).
_LATIN_KK_ONLY_RE = re.compile(r"[äñŋūqÄÑŊŪQ\u0300-\u036f]")


# Texts without combining marks, invisible characters or "_" (nearly all) tokenise with the plain \w+, which
# finds the same tokens there. Kept for benchmarks/alerts.py: with the token caches warm, tokenising is much of
# a rule set's work, and _TOKEN_RE instead makes 1,000 broad rules ~15-30% slower (~0.15 ms an article, ~3% of
# a full-pipeline article's CPU: under the 5% bar there).
_TOKEN_SPECIAL_RE = re.compile(r"[_\u0300-\u036f\u0483-\u0489\u00ad\u200b-\u200d\u2060\ufeff]")
_PLAIN_TOKEN_RE = re.compile(r"\w+")


_CLOSERS = frozenset("»\"')]”’")


def _words_before_full_stops(text: str) -> set[str]:
    """The words that stand right before a sentence end somewhere in `text` (closing quotes skipped)."""
    out: set[str] = set()
    for mark in _SENTENCE_END:
        at = text.find(mark)
        while at != -1:
            end = at
            while end > 0 and text[end - 1] in _CLOSERS:
                end -= 1
            start = end
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                start -= 1
            if start < end:
                out.add(text[start:end])
            at = text.find(mark, at + 1)
    return out


class _Article:
    """One text prepared for matching: tokens, the positions of keys some term starts with, term memo."""

    def __init__(self, text: str, lang: str | None, fold: bool, table: _TermTable) -> None:
        self.text = text
        self.terms = table.terms
        self._re = _TOKEN_RE if _TOKEN_SPECIAL_RE.search(text) else _PLAIN_TOKEN_RE
        self.tokens: list[str] = self._re.findall(text)
        self._spans: list[_Span] | None = None
        latin_kk = (
            lang in (None, "kk")
            and _LATIN_KK_ONLY_RE.search(text) is not None
            and _is_latin_kazakh([(_norm_token(raw), n) for raw, n in Counter(self.tokens).items()])
        )
        vocabulary = table.vocabulary(_gens_for(lang), fold, latin_kk)
        if len(vocabulary.keys) > _VOCABULARY_MAX:
            vocabulary.clear()
        vocabulary.learn(set(self.tokens).difference(vocabulary.keys))
        self.keys = vocabulary.keys
        # key → the token indices where it stands, in text order (term_spans expects them sorted)
        self.positions: dict[str, list[int]] = {}
        for i, raw in enumerate(self.tokens):
            for key in vocabulary.starts.get(raw, ()):
                self.positions.setdefault(key, []).append(i)
        # Where an accusative-only key stands as another word (an adjective, a past verb), the position
        # does not count (once per article, for every term alike; a token matching through another key too
        # keeps that key). A past-verb reading is looked at only for tokens that stand right before a
        # sentence end somewhere in the text (closing quotes skipped, no space before the mark).
        # Kept for benchmarks/alerts.py: with 10,000 rules an article has thousands of keys, and looking
        # through them all for these is ~5% of the figure; most articles have no such token.
        conditional = not vocabulary.conditional.isdisjoint(self.tokens)
        accusatives = [k for k in self.positions if k.startswith(("ka:", "kv:"))] if conditional else []
        finals: set[str] | None = None
        for key in accusatives:
            adjective = key.startswith("ka:")
            at = self.positions[key]
            if not adjective:
                if finals is None:
                    finals = _words_before_full_stops(text)
                if finals.isdisjoint(self.tokens[i] for i in at):
                    continue
            kept = [i for i in at if not self._other_word(i, adjective)]
            if kept:
                self.positions[key] = kept
            else:
                del self.positions[key]
        self._memo: dict[int, list[_Span]] = {}
        # Kept for benchmarks/alerts.py: a term's forms are found once and shared by every one-term rule
        # using it; without this, 10,000 narrow rules (~1,900 hits an article) take ~20% longer.
        self._forms: dict[int, list[str]] = {}

    @property
    def spans(self) -> list[_Span]:
        """Character offsets of the tokens. Kept for speed: found only when a phrase, an accusative or a
        several-word form needs them; tokenising with offsets for every article costs ~0.35 ms more CPU an
        article (~6% of a full-pipeline article's CPU, benchmarks/stages.py)."""
        if self._spans is None:
            self._spans = [m.span() for m in self._re.finditer(self.text)]
        return self._spans

    def _gap_ok(self, i: int) -> bool:
        gap = self.text[self.spans[i][1] : self.spans[i + 1][0]]
        return len(gap) <= _MAX_PHRASE_GAP and _SENTENCE_BREAK.isdisjoint(gap)

    def _other_word(self, i: int, adjective: bool) -> bool:
        """Whether token i, an accusative in -ды/-ді/-ты/-ті, is another word where it stands:
        - an adjective of the lexicon (құрметті) with no verb after it in the sentence ("құрметті қонақтар",
          "білімді маман");
        - a past verb (жазды, қойды): the last word of a sentence that has words before it."""
        nxt = i + 1
        if adjective:
            if nxt >= len(self.tokens) or not self._gap_ok(i):
                return True
            return not _looks_like_verb(_norm_token(self.tokens[nxt]))
        spans, text = self.spans, self.text
        after = text[spans[i][1] : spans[nxt][0] if nxt < len(spans) else len(text)]
        if _SENTENCE_END.isdisjoint(after) or i == 0:
            return False
        return _SENTENCE_BREAK.isdisjoint(text[spans[i - 1][1] : spans[i][0]])

    def _conditional(self, i: int, word: frozenset[str]) -> bool:
        """Whether token i meets `word` only through such an accusative, and is the other word there."""
        common = self.keys[self.tokens[i]] & word
        if any(not k.startswith(("ka:", "kv:")) for k in common):
            return False
        return self._other_word(i, any(k.startswith("ka:") for k in common))

    def term_spans(self, tid: int) -> list[_Span]:
        """Token index spans (first, last) where the term matches, in text order."""
        cached = self._memo.get(tid)
        if cached is not None:
            return cached
        words = self.terms[tid]
        positions = self.positions
        hits = [positions[k] for k in words[0] if k in positions]
        # Each key's positions are in text order already; only several keys need merging. Kept for
        # benchmarks/alerts.py: sorting every term's positions is ~10% of 1,000 narrow rules' time.
        starts = hits[0] if len(hits) == 1 else sorted({i for h in hits for i in h})
        if len(words) == 1:  # a one-word term matches wherever it starts
            spans = [(i, i) for i in starts]
        else:
            last = len(words) - 1
            tokens, keys = self.tokens, self.keys
            spans = [
                (i, i + last)
                for i in starts
                if i + last < len(tokens)
                and all(
                    not keys[tokens[i + j]].isdisjoint(words[j])
                    and self._gap_ok(i + j - 1)
                    and not self._conditional(i + j, words[j])
                    for j in range(1, len(words))
                )
            ]
        self._memo[tid] = spans
        return spans

    def evaluate(self, node: _Node) -> list[_Span] | None:
        """None if `node` does not match; else the spans of its positive terms that matched."""
        kind = node[0]
        if kind == "t":
            return self.term_spans(node[1]) or None
        if kind == "not":
            return [] if self.evaluate(node[1]) is None else None
        if kind == "and":
            acc: list[_Span] = []
            for child in node[1]:
                got = self.evaluate(child)
                if got is None:
                    return None
                acc += got
            return acc
        found: list[_Span] | None = None
        for child in node[1]:
            got = self.evaluate(child)
            if got is not None:
                found = got if found is None else found + got
        return found

    def forms(self, node: _Node) -> list[str]:
        """The matched surface forms if `node` matches (deduplicated, in order of appearance), else []."""
        if node[0] == "t":  # a term's spans are in text order already
            forms = self._forms.get(node[1])
            if forms is None:
                forms = self._forms[node[1]] = self._surface(self.term_spans(node[1]))
            return forms
        spans = self.evaluate(node)
        return self._surface(sorted(set(spans))) if spans else []

    def _surface(self, spans: list[_Span]) -> list[str]:
        forms: dict[str, None] = {}
        for first, last in spans:
            # a one-word form is the token itself: no offsets needed
            form = (
                self.tokens[first] if first == last else self.text[self.spans[first][0] : self.spans[last][1]]
            )
            forms.setdefault(form, None)
        return list(forms)


class Matcher:
    """One compiled query. `lang` forces the keywords' language (kk or ru); None detects it per word."""

    def __init__(self, query: str, *, lang: str | None = None, fold_scripts: bool = False) -> None:
        self.query = query
        self.lang = lang
        self.fold_scripts = fold_scripts
        self.tree = parse_query(query)
        self._terms = _TermTable()
        self._compiled = self._terms.compile(self.tree, lang, fold_scripts)

    def match(self, text: str, *, lang: str | None = None) -> list[str]:
        """Matched surface forms in `text`, [] if the query does not match. `lang` is the text's language."""
        article = _Article(text, lang or self.lang, self.fold_scripts, self._terms)
        return list(article.forms(self._compiled))


# find_matches is called once per row by search and the web pages: compiling the query each time would
# build its lemma filter again for every row.
@lru_cache(maxsize=256)
def _cached_matcher(query: str) -> Matcher:
    return Matcher(query)


def find_matches(query: str, text: str, *, lang: str | None = None) -> list[str]:
    """The surface forms of `text` that make `query` match (deduplicated, in order); [] if it does not.

    `lang` is the text's language (kk, ru, en); None tries both the Kazakh and the Russian rules.
    Raises QueryError for a malformed query.
    """
    return _cached_matcher(query).match(text, lang=lang)


# --------------------------------------------------------------------------------------------------
# Many rules
# --------------------------------------------------------------------------------------------------


@dataclass
class Rule:
    """An alert rule: a query plus filters. An empty filter lets everything through; a set filter
    requires the article's value to be known and listed."""

    id: str
    query: str
    lang: str | None = None  # the keywords' language and a filter on the article's language
    fold_scripts: bool = False
    sites: list[str] = field(default_factory=list)  # site ids: zakon_kz, akorda_kz, ... (or domains)
    source_kinds: list[str] = field(default_factory=list)  # news | gov
    cited: list[str] = field(default_factory=list)  # source ids the article must cite (any of them)


def _site_id(site: str) -> str:
    site = site.strip().lower()
    site = site.removeprefix("https://").removeprefix("http://").removeprefix("www.").split("/")[0]
    return site.replace(".", "_")


@dataclass
class _CompiledRule:
    rule: Rule
    node: _Node
    sites: frozenset[str]
    source_kinds: frozenset[str]
    cited: frozenset[str]

    def __post_init__(self) -> None:
        # Kept for benchmarks/alerts.py: most rules have no filter, and 10,000 narrow rules give ~2,000
        # candidates an article; checking their empty filters one by one is ~10% of that figure.
        self.filtered = bool(self.sites or self.source_kinds or self.cited)

    def passes(
        self, lang: str | None, site: str | None, source_kind: str | None, cited: frozenset[str]
    ) -> bool:
        if self.rule.lang is not None and lang != self.rule.lang:
            return False
        if self.sites and (site is None or site not in self.sites):
            return False
        if self.source_kinds and (source_kind is None or source_kind.lower() not in self.source_kinds):
            return False
        return not self.cited or not self.cited.isdisjoint(cited)


class RuleSet:
    """Many rules matched at once. Per text, the work depends on the text and on the rules it hits, not
    on the number of rules: every rule is indexed under the keys of terms it cannot match without, and
    only the rules found through the text's token keys are evaluated."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[_CompiledRule] = []
        self._terms = _TermTable()
        # Rules with a language are indexed apart: a Russian text never even looks at Kazakh-only rules.
        self._index: dict[str | None, dict[str, list[int]]] = {}
        self._fold = False
        for rule in rules:
            try:
                tree = parse_query(rule.query)
            except QueryError as exc:
                raise QueryError(f"rule {rule.id!r}: {exc.message}", exc.position) from None
            node = self._terms.compile(tree, rule.lang, rule.fold_scripts)
            number = len(self.rules)
            self.rules.append(
                _CompiledRule(
                    rule,
                    node,
                    frozenset(_site_id(s) for s in rule.sites),
                    frozenset(k.lower() for k in rule.source_kinds),
                    frozenset(rule.cited),
                )
            )
            self._fold = self._fold or rule.fold_scripts
            index = self._index.setdefault(rule.lang, {})
            keys = {key for tid in _triggers(node, self._terms.terms) for key in self._terms.terms[tid][0]}
            for key in keys:
                index.setdefault(key, []).append(number)

    def __len__(self) -> int:
        return len(self.rules)

    def match(
        self,
        text: str,
        *,
        lang: str | None = None,
        site: str | None = None,
        source_kind: str | None = None,
        cited: Iterable[str] = (),
    ) -> dict[str, list[str]]:
        """Rule id → matched forms, for every rule that matches `text` and whose filters pass.

        `lang` is the text's language; rules with a language only see texts known to be in it.
        """
        indexes = [self._index[k] for k in {None, lang} if k in self._index]
        if not indexes:
            return {}
        article = _Article(text, lang, self._fold, self._terms)
        candidates: set[int] = set()
        for key in article.positions:
            for index in indexes:
                hit = index.get(key)
                if hit is not None:
                    candidates.update(hit)
        if not candidates:
            return {}
        cited_set = frozenset(cited)
        site_id = _site_id(site) if site is not None else None
        out: dict[str, list[str]] = {}
        for number in sorted(candidates):
            compiled = self.rules[number]
            if compiled.filtered and not compiled.passes(lang, site_id, source_kind, cited_set):
                continue
            forms = article.forms(compiled.node)
            if forms:
                out[compiled.rule.id] = forms[:]
        return out


# --------------------------------------------------------------------------------------------------
# Snippets
# --------------------------------------------------------------------------------------------------


def snippet(text: str, forms: list[str], *, width: int = 160) -> str:
    """About `width` characters of `text` around the first matched form, every form marked [[like this]].

    Plain text: whitespace collapsed, "…" where the text was cut; consumers escape it for HTML.
    """
    forms = [f for f in dict.fromkeys(forms) if f]
    first = -1
    first_len = 0
    for form in forms:
        at = text.find(form)
        if at != -1 and (first == -1 or at < first):
            first, first_len = at, len(form)
    if first == -1:
        start, end = 0, min(len(text), width)
    else:
        start = max(0, first - max(0, width - first_len) // 3)
        end = min(len(text), max(start + width, first + first_len))
        if end - start < width:
            start = max(0, end - width)
    if start > 0:  # do not cut a word in half
        space = text.find(" ", start, first if first != -1 else end)
        if space != -1 and space - start < 25:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", max(start, first + first_len), end)
        if space != -1 and end - space < 25:
            end = space
    window = text[start:end]
    if forms:
        # longest first, so that a form inside a longer one does not cut it
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
        window = re.sub(
            rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", lambda m: MARK_OPEN + m.group() + MARK_CLOSE, window
        )
    window = " ".join(window.split())
    return ("…" if start > 0 else "") + window + ("…" if end < len(text) else "")
