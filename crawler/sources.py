"""Sources and attribution: who published an article, and whom it cites.

The registry (`data/sources.toml`, docs/sources.md) gives every outlet and government body a canonical
id, its names in kk/ru/en, its domains, its gov.kz project slug and the aliases printed in texts.
`detect_citations` finds attribution phrases in Kazakh, Russian and English text and resolves the
source each one names; a named source that is not in the registry is kept as a phrase (source_id None),
never dropped.

Matching works on a *folded* copy of the text that has exactly the same length as the text (lower case,
ё→е, one quote and one dash character, Latin i between Cyrillic letters → і), so every span found in the
folded copy is also the span of the phrase as printed.

The parts, in file order:
- Text folding and tokens: `fold`, `_tokenize` (words with their case, quote, clause and domain marks).
- Alias matching: `_AliasWord`/`_Alias` (an alias's words and their stems), `_word_score` (Russian and
  Kazakh case endings), foreign countries (`_is_foreign`).
- The registry: `Registry` (loading and checks, lookups by id, domain, gov.kz slug and name, `reporter_for`,
  alias matching over tokens).
- Attribution cues: the skip and not-a-source word lists, `_CUES` (one readable pattern per cue), photo
  credits (`_CREDIT`), `detect_citations`, and the name next to a cue (`_resolve`, `_is_named`).
- The sources table: `sync_sources_table`.

Speed: the stage runs once per article (benchmarks/stages.py). Five shortcuts stay because each saves at
least 5% of a full-pipeline article's CPU (issue 19; the figures are in docs/sources.md): `fold` lowers the
whole string at once, `_tokenize` walks words with str.split, aliases are looked up by their first two
letters, most cues are tried only where their start literals occur (`_STARTS`), and photo credits are
masked only when a credit word is present. Everything else is written plainly; comments marked "Kept for
speed" say what each shortcut saves.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.paths import data_file

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES_FILE = data_file("sources.toml")  # shipped with the package (crawler/paths.py)
SOURCE_KINDS = frozenset(
    {"news_outlet", "news_agency", "government_body", "person_office", "akimat", "parliament", "court"}
)
LANGUAGES = ("kk", "ru", "en")


class SourcesError(ValueError):
    """A registry file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    names: dict[str, str]
    domains: tuple[str, ...] = ()
    gov_project: str | None = None
    aliases: tuple[str, ...] = ()
    former_gov_projects: tuple[str, ...] = ()

    def all_names(self) -> list[str]:
        """Names and aliases, each once, in registry order."""
        seen: dict[str, None] = {}
        for name in [*self.names.values(), *self.aliases]:
            seen.setdefault(name, None)
        return list(seen)


@dataclass(frozen=True)
class Citation:
    source_id: str | None  # None: a named source that is not in the registry
    phrase: str  # the attribution phrase as printed
    cue: str  # which pattern fired, e.g. "kk:silteme-jasap", "ru:so-ssylkoy-na", "source-line"


# --------------------------------------------------------------------------------------------------------
# Text folding and tokens
# --------------------------------------------------------------------------------------------------------

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_FOLD_CHARS = {
    "ё": "е",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "ʼ": "'",
    "–": "-",
    "—": "-",
    "‑": "-",
    "\u00a0": " ",
    "\u202f": " ",
}


def _fold_slow(text: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if len(low) != 1:
            low = ch
        low = _FOLD_CHARS.get(low, low)
        # Kazakh texts sometimes carry a Latin "i" for "і" (a keyboard habit); inside a Cyrillic word it is "і".
        if low == "i" and (
            (i > 0 and _CYRILLIC.match(text[i - 1])) or (i + 1 < len(text) and _CYRILLIC.match(text[i + 1]))
        ):
            low = "і"
        out.append(low)
    return "".join(out)


_LATIN_I_IN_CYRILLIC = re.compile(r"(?<=[а-яёәғқңөұүһі])i|i(?=[а-яёәғқңөұүһі])", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower-case matching form of NFC `text`, with exactly the same length."""
    # Kept for speed: the character loop of _fold_slow adds ~0.8 ms an article (~23% of a full-pipeline
    # article's CPU). Lowering the whole string gives the same result unless a character lowers to two (İ)
    # or is a context-dependent sigma.
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        return _fold_slow(text)
    # Kept for speed: str.translate with the same table adds ~0.3 ms an article (~9%); one str.replace per
    # character present is much cheaper.
    for char, replacement in _FOLD_CHARS.items():
        if char in low:
            low = low.replace(char, replacement)
    if "i" in low:  # the i regex tries every position of the text: most texts (Russian ones) have no i
        # the neighbours are tested in `low`, where a Cyrillic letter is still one (ё→е keeps it Cyrillic)
        low = _LATIN_I_IN_CYRILLIC.sub("і", low)
    return low


_LEADING_PUNCT = "\"'([{<"
_TRAILING_PUNCT = "\"'.,;:!?)]}>…"
_CLAUSE_PUNCT = set(",;:.!?…")
_SENTENCE_PUNCT = set(".!?…")
_WORD = re.compile(r"\S+")
_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}|(?:[a-z0-9-]+\.)+қаз)(/\S*)?$"
)


@dataclass
class _Token:
    key: str  # folded, quotes removed
    text: str  # as printed (quotes and trailing punctuation stripped)
    start: int
    end: int
    upper: bool  # starts with a capital letter
    abbr: bool  # two or more capitals at the start (МИД, ҚР, NUR.KZ, МИДа)
    latin: bool
    quoted: bool  # opened by a quote
    closes_quote: bool  # followed by a closing quote
    domain: str | None  # host/path when the token is a domain or URL (Kazakh case suffix removed)
    clause_end: bool = False  # followed by , ; : . ! ? or a line break or a dash
    sentence_start: bool = False


def _domain_of(key: str) -> str | None:
    candidate = key
    # Kazakh case endings attach to a domain with a hyphen: Zakon.kz-тің, primeminister.kz-ке
    hyphen = candidate.rfind("-")
    if hyphen > 0 and _CYRILLIC.match(candidate[hyphen + 1 : hyphen + 2] or "") and "." in candidate[:hyphen]:
        candidate = candidate[:hyphen]
    m = _DOMAIN.match(candidate)
    if not m:
        return None
    host = m.group(1)
    if host.split(".")[-1] in {"html", "htm", "php", "jpg", "png", "webp", "pdf"}:
        return None
    return host + (m.group(2) or "")


def _tokenize(text: str, folded: str, start: int = 0, end: int | None = None) -> list[_Token]:
    """Tokens of folded[start:end] (offsets into the whole text); a line break after `end` closes the last.

    Kept for speed: tokenising is most of the stage's cost, and this form (words walked with str.split and
    str.find, a word's punctuation and letters looked at only when they can matter, a domain parsed only
    when there is a dot) costs ~0.6 ms an article less than a plain re.finditer loop, ~17% of a
    full-pipeline article's CPU (benchmarks/stages.py; docs/sources.md)."""
    tokens: list[_Token] = []
    append = tokens.append
    previous: _Token | None = None
    previous_gap_start = start
    stop = len(folded) if end is None else end
    clause_punct = _CLAUSE_PUNCT
    leading, trailing = _LEADING_PUNCT, _TRAILING_PUNCT
    position = start
    # a stretch lies within a line as a rule: then no gap between its words needs a line-break search
    breaks = folded.find("\n", start, stop) >= 0
    # str.split and str.find beat re.finditer 3x here; both split on the same (Unicode) white space
    for raw in folded[start:stop].split():
        m_start = folded.find(raw, position)  # the next run: only white space lies between
        m_end = position = m_start + len(raw)
        # most words carry no punctuation: test the ends before stripping
        if raw[0] in leading:
            body = raw.lstrip(leading)
            lead = len(raw) - len(body)
        else:
            body, lead = raw, 0
        if body and body[-1] in trailing:
            stripped = body.rstrip(trailing)
            trail = body[len(stripped) :]
        else:
            stripped, trail = body, ""
        if breaks and previous is not None and folded.find("\n", previous_gap_start, m_start) >= 0:
            previous.clause_end = True
        previous_gap_start = m_end
        if not stripped.strip("-"):
            # a lone dash or a bare punctuation token: a clause boundary
            if previous is not None:
                previous.clause_end = True
            continue
        t_start = m_start + lead
        t_end = t_start + len(stripped)
        printed = text[t_start:t_end]
        quote = '"' in raw  # most words hold none: key and closes_quote need no further look
        key = stripped.replace('"', "") if quote and '"' in stripped else stripped
        if len(printed) >= 2 and printed[:2].isalpha():
            upper = printed[0].isupper()
            abbr = upper and printed[1].isupper()
            # a Cyrillic first letter settles it without walking the word
            latin = printed.isascii() or (
                not "\u0400" <= printed[0] <= "\u04ff"
                and all("a" <= c.lower() <= "z" for c in printed if c.isalpha())
            )
        else:
            letters = [c for c in printed if c.isalpha()]
            upper = bool(letters) and letters[0].isupper()
            abbr = len(letters) >= 2 and letters[0].isupper() and letters[1].isupper()
            latin = bool(letters) and all("a" <= c.lower() <= "z" for c in letters)
        token = _Token(
            key,
            printed,
            t_start,
            t_end,
            upper,
            abbr,
            latin,
            lead > 0 and raw[0] in "\"'",  # quoted
            quote and (bool(trail) and '"' in trail or '"' in stripped[1:]),  # closes_quote
            _domain_of(key) if "." in key else None,  # every domain has a dot
            bool(trail) and not clause_punct.isdisjoint(trail),  # clause_end
            previous is None or previous.clause_end and _ends_sentence(previous, folded),  # sentence_start
        )
        append(token)
        previous = token
    if previous is not None and end is not None and folded.find("\n", previous.end, end + 1) >= 0:
        previous.clause_end = True
    return tokens


def _ends_sentence(token: _Token, folded: str) -> bool:
    after = folded[token.end : token.end + 3]
    return not _SENTENCE_PUNCT.isdisjoint(after[:2]) or "\n" in after


# --------------------------------------------------------------------------------------------------------
# Inflection-tolerant alias matching
# --------------------------------------------------------------------------------------------------------

_RU_ENDINGS = frozenset(
    "а я у ю ы и е о ь ой ей ою ею ом ем ам ям ами ями ах ях ов ев ого его ому ему ым им ых их ую юю ая яя "
    "ое ее ый ий ые ие".split()
)
# Kazakh: (plural) + (3rd-person possessive) + (case), in every vowel-harmony and assimilation variant.
_KK_CASES = (
    "ның нің дың дің тың тің ға ге қа ке на не а е ны ні ды ді ты ті н да де та те нда нде "
    "дан ден тан тен нан нен ндан нден мен бен пен менен дағы дегі тағы тегі ндағы ндегі"
).split()
_KK_ENDINGS = frozenset(
    pl + poss + case
    for pl in ("", "лар", "лер", "дар", "дер", "тар", "тер")
    for poss in ("", "ы", "і", "сы", "сі")
    for case in ["", *_KK_CASES]
)
_ENDINGS = _RU_ENDINGS | _KK_ENDINGS
_ABBR_RU_ENDINGS = frozenset({"а", "у", "ом", "е"})  # МИДа, МИДу, МИДом, МИДе
_KK_VOICING = {"к": "г", "қ": "ғ", "п": "б"}  # министрлік → министрлігі, әкімдік → әкімдігі


@dataclass(frozen=True)
class _AliasWord:
    key: str
    stems: tuple[str, ...]
    fixed: bool  # abbreviation, domain or Latin word: endings only after a hyphen (СІМ-нің, Kazinform-ға)


@dataclass(frozen=True)
class _Alias:
    source_id: str
    text: str
    words: tuple[_AliasWord, ...]


def _alias_word(printed: str, key: str) -> _AliasWord:
    letters = [c for c in printed if c.isalpha()]
    is_abbr = len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and len(letters) <= 6
    is_latin = bool(letters) and all("a" <= c.lower() <= "z" for c in letters)
    fixed = is_abbr or is_latin or "." in key
    stems: set[str] = {key}
    if not fixed and len(key) >= 4:
        for ending in _RU_ENDINGS | {"ы", "і", "сы", "сі"}:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                stems.add(key[: -len(ending)])
        if key[-1] in _KK_VOICING:
            stems.add(key[:-1] + _KK_VOICING[key[-1]])
    return _AliasWord(key=key, stems=tuple(sorted(stems, key=len, reverse=True)), fixed=fixed)


def _word_score(token_key: str, word: _AliasWord, abbr_alias: bool) -> int:
    """2: the same word; 1: the word with a case ending; 0: no match."""
    if token_key == word.key:
        return 2
    if token_key.startswith(word.key):
        rest = token_key[len(word.key) :]
        if rest[:1] in "-'" and rest[1:] in _KK_ENDINGS:
            return 1
        if rest in ("'s", "s'") and not _CYRILLIC.search(word.key):
            return 1
        if abbr_alias and rest in _ABBR_RU_ENDINGS:
            return 1
    if word.fixed:
        return 0
    for stem in word.stems:
        if token_key.startswith(stem) and token_key[len(stem) :] in _ENDINGS:
            return 1
    return 0


def _alias_from_text(source_id: str, alias: str) -> _Alias | None:
    printed_words = alias.split()
    folded_words = fold(unicodedata.normalize("NFC", alias)).split()
    words = []
    for printed, folded in zip(printed_words, folded_words, strict=True):
        key = folded.strip(_LEADING_PUNCT + _TRAILING_PUNCT).replace('"', "")
        if key:
            words.append(_alias_word(printed.strip("«»\"'"), key))
    if not words:
        return None
    return _Alias(source_id=source_id, text=alias, words=tuple(words))


# Countries whose governments, ministries and parliaments share our aliases ("правительство Китая",
# "Ресей СІМ-і"): a match next to one of these is another country's body, not ours.
_FOREIGN = tuple(
    (
        "росси российск ресей китай китая китайск кнр қытай сша американск ақш узбекистан узбекск өзбекстан "
        "кыргызстан киргизи кыргызск киргизск қырғызстан таджикистан таджикск тәжікстан туркменистан "
        "түрікменстан азербайджан әзербайжан турци турецк түркия украин беларус белорус германи франци "
        "япони корей корея кореи инди үндістан иран грузи армени монголи моңғолия великобритани британск "
        "ұлыбритания польш израил пакистан афганистан евросоюз еуроодақ"
    ).split()
)
_DOMESTIC_KINDS = frozenset({"government_body", "parliament", "court"})


def _is_foreign(token: _Token | None) -> bool:
    return token is not None and token.key.startswith(_FOREIGN)


# --------------------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------------------


@dataclass
class _CrawledRule:
    source_id: str | None = None
    by: str | None = None
    unknown_prefix: str = ""
    default: str | None = None


@dataclass
class Registry:
    sources: dict[str, Source]
    crawled: dict[str, _CrawledRule]
    path: str = ""
    # Kept for speed: aliases by the first two letters of their first word, longest first. Trying all ~600
    # aliases at every word instead adds ~4 ms an article (more than the whole pipeline).
    _aliases: dict[str, list[_Alias]] = field(default_factory=dict, repr=False)
    _domains: dict[str, str] = field(default_factory=dict, repr=False)
    _gov_projects: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for source in self.sources.values():
            for name in source.all_names():
                alias = _alias_from_text(source.id, name)
                if alias is not None:
                    self._aliases.setdefault(alias.words[0].key[:2], []).append(alias)
            for domain in source.domains:
                self._domains[domain.lower().removeprefix("www.")] = source.id
            for slug in (source.gov_project, *source.former_gov_projects):
                if slug:
                    self._gov_projects[slug.lower()] = source.id
        for bucket in self._aliases.values():
            bucket.sort(key=lambda a: len(a.words), reverse=True)

    # -- loading ------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """The registry in `path` (default: $KZNEWS_SOURCES_FILE or data/sources.toml), parsed once per file."""
        resolved = Path(path or os.environ.get("KZNEWS_SOURCES_FILE") or DEFAULT_SOURCES_FILE)
        if not resolved.is_absolute() and not resolved.exists():
            resolved = REPO_ROOT / resolved
        return _load_cached(str(resolved.resolve()))

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "<dict>") -> Registry:
        sources: dict[str, Source] = {}
        entries = data.get("source")
        if not isinstance(entries, list) or not entries:
            raise SourcesError(f"{path}: no [[source]] entries; see docs/sources.md for the format")
        for n, entry in enumerate(entries, 1):
            source = _parse_source(entry, f"{path}: source #{n}")
            if source.id in sources:
                raise SourcesError(f"{path}: the id {source.id!r} is used twice; ids must be unique")
            sources[source.id] = source
        _check_collisions(sources.values(), path)
        crawled: dict[str, _CrawledRule] = {}
        for site, rule in (data.get("crawled") or {}).items():
            if isinstance(rule, str):
                crawled[site] = _CrawledRule(source_id=rule)
            elif isinstance(rule, dict):
                crawled[site] = _CrawledRule(
                    by=rule.get("by"),
                    unknown_prefix=rule.get("unknown_prefix", ""),
                    default=rule.get("default"),
                )
            else:
                raise SourcesError(f"{path}: [crawled] {site} must be a source id or a table")
            for target in (crawled[site].source_id, crawled[site].default):
                if target is not None and target not in sources:
                    raise SourcesError(
                        f"{path}: [crawled] {site} points to {target!r}, which is not a source"
                    )
            if crawled[site].by not in (None, "gov_project"):
                raise SourcesError(f"{path}: [crawled] {site}: 'by' must be \"gov_project\"")
        return cls(sources=sources, crawled=crawled, path=path)

    # -- lookups ------------------------------------------------------------------------------------------
    def get(self, source_id: str | None) -> Source | None:
        return self.sources.get(source_id) if source_id else None

    def all(self) -> list[Source]:
        return list(self.sources.values())

    def by_gov_project(self, slug: str | None) -> Source | None:
        return self.get(self._gov_projects.get((slug or "").strip().lower()))

    def by_domain(self, host_or_url: str) -> Source | None:
        """The source owning a host or URL; gov.kz entity pages map to their agency, subdomains to the parent."""
        source_id = self._domain_source_id(host_or_url)
        return self.get(source_id)

    def _domain_source_id(self, host_or_url: str) -> str | None:
        """Like by_domain, but an unknown gov.kz entity gives the synthetic id "gov_kz:<slug>"."""
        value = host_or_url.strip().lower()
        if "://" not in value:
            value = "//" + value
        parts = urlsplit(value)
        host = (parts.hostname or "").removeprefix("www.")
        if host == "gov.kz":
            m = re.match(r"/memleket/entities/([a-z0-9_-]+)", parts.path or "")
            if m:
                slug = m.group(1)
                found = self._gov_projects.get(slug)
                rule = self.crawled.get("gov_kz")
                prefix = rule.unknown_prefix if rule and rule.unknown_prefix else "gov_kz:"
                return found or f"{prefix}{slug}"
        labels = host.split(".")
        for i in range(len(labels) - 1):
            found = self._domains.get(".".join(labels[i:]))
            if found:
                return found
        return None

    def by_name(self, text: str) -> Source | None:
        """The source whose name or alias is the whole of `text` (any case, ё/е, case endings allowed)."""
        normalised = unicodedata.normalize("NFC", text).strip()
        tokens = _tokenize(normalised, fold(normalised))
        if not tokens:
            return None
        if len(tokens) == 1 and tokens[0].domain:
            found = self.by_domain(tokens[0].domain)
            if found:
                return found
        match = self._match_at(tokens, 0, exact_length=len(tokens))
        return self.get(match[0]) if match else None

    def reporter_for(self, site: str, section: str | None = None) -> str | None:
        """The source id that published an item crawled by spider `site` (gov_kz: per agency, via section)."""
        rule = self.crawled.get(site)
        if rule is None:
            return None
        if rule.source_id:
            return rule.source_id
        slug = (section or "").strip().lower()
        if not slug:
            return rule.default
        found = self._gov_projects.get(slug)
        return found or f"{rule.unknown_prefix}{slug}"

    # -- alias matching over tokens -----------------------------------------------------------------------
    def _match_at(
        self, tokens: Sequence[_Token], i: int, exact_length: int | None = None
    ) -> tuple[str, int] | None:
        """(source id, number of tokens) of the best alias starting at tokens[i]."""
        if i >= len(tokens):
            return None
        best: tuple[int, int, str] | None = None
        for alias in self._aliases.get(tokens[i].key[:2], ()):
            words = alias.words
            n = len(words)
            if i + n > len(tokens) or (exact_length is not None and n != exact_length):
                continue
            abbr_alias = n == 1 and words[0].fixed
            score = 0
            for word, token in zip(words, tokens[i : i + n], strict=True):
                s = _word_score(token.key, word, abbr_alias)
                if not s:
                    break
                score += s
            else:
                if best is None or (n, score) > best[:2]:
                    best = (n, score, alias.source_id)
        if best is None:
            return None
        return best[2], best[0]

    def _match_ending_at(self, tokens: Sequence[_Token], j: int) -> tuple[str, int] | None:
        """(source id, start index) of the longest alias whose last word is tokens[j]."""
        for length in range(min(j + 1, 12), 0, -1):
            match = self._match_at(tokens, j - length + 1, exact_length=length)
            if match:
                return match[0], j - length + 1
        return None


@functools.lru_cache(maxsize=8)
def _load_cached(path: str) -> Registry:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise SourcesError(
            f"the sources file {path} does not exist; set KZNEWS_SOURCES_FILE or restore it"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path} is not valid TOML: {exc}") from None
    return Registry.from_dict(data, path)


def _parse_source(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: each [[source]] must be a table")
    source_id = entry.get("id")
    if not isinstance(source_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", source_id):
        raise SourcesError(f"{where}: id {source_id!r} must be lowercase letters, digits and underscores")
    kind = entry.get("kind")
    if kind not in SOURCE_KINDS:
        raise SourcesError(
            f"{where} ({source_id}): kind {kind!r} is not one of {', '.join(sorted(SOURCE_KINDS))}"
        )
    names = entry.get("names") or {}
    missing = [lang for lang in LANGUAGES if not names.get(lang)]
    if missing:
        raise SourcesError(f"{where} ({source_id}): names is missing {', '.join(missing)}")
    extra = set(entry) - {"id", "kind", "names", "domains", "gov_project", "former_gov_projects", "aliases"}
    if extra:
        raise SourcesError(f"{where} ({source_id}): unknown field(s) {', '.join(sorted(extra))}")
    return Source(
        id=source_id,
        kind=kind,
        names={lang: unicodedata.normalize("NFC", names[lang]) for lang in LANGUAGES},
        domains=tuple(d.lower().removeprefix("www.") for d in entry.get("domains") or ()),
        gov_project=entry.get("gov_project") or None,
        aliases=tuple(unicodedata.normalize("NFC", a) for a in entry.get("aliases") or ()),
        former_gov_projects=tuple(entry.get("former_gov_projects") or ()),
    )


def _check_collisions(sources: Iterable[Source], path: str) -> None:
    owner: dict[str, str] = {}
    for source in sources:
        keys = [" ".join(fold(name).split()) for name in source.all_names()]
        keys += [f"domain:{d}" for d in source.domains]
        keys += [f"gov:{s}" for s in (source.gov_project, *source.former_gov_projects) if s]
        for key in keys:
            other = owner.setdefault(key, source.id)
            if other != source.id:
                raise SourcesError(
                    f"{path}: {key!r} belongs to both {other!r} and {source.id!r}; keep it in one"
                )


# --------------------------------------------------------------------------------------------------------
# Attribution cues
# --------------------------------------------------------------------------------------------------------

# Words between a cue and the source's name: "со ссылкой на *пресс-службу* МВД", "ҚР Үкіметінің *ресми
# сайтына* сілтеме жасап". They are skipped (from the start of a window after the cue, from the end of a
# window before it) until a name is found. Short function words must match whole; the rest are stems.
_SKIP_AFTER_WORDS = frozenset("в во the of a an".split())
_SKIP_AFTER = tuple(
    (
        "пресс-служб пресс-центр пресс-секретар официальн сайт портал сообщени заявлени информаци данны "
        "телеграм-канал telegram-канал канал страниц аккаунт представител корреспондент журналист издани "
        "агентств пресс-релиз релиз ответ письм публикаци материал доклад отчет website official statement "
        "press service office spokes"
    ).split()
)
_SKIP_BEFORE = tuple(
    (
        "ресми сайт портал баспасөз қызмет хатшы парақша арна телеграм-арна telegram-арна хабарлама "
        "мәлімдеме тілші өкіл газет басылым ақпарат агенттіг"
    ).split()
)
# Words that are not sources even when capitalised: laws and decrees, pronouns, months, social networks,
# anonymous and generic sources ("источники", "сарапшылар").
_NOT_SOURCE_WORDS = frozenset(
    "его ее её их него нее неё них оның олардың олар сол бұл мен біз он она они".split()
)
_NOT_SOURCES = tuple(
    (
        "закон кодекс указ постановлени приказ конституци стать решени норм пункт заң жарлық қаулы бұйрық "
        "бап январ феврал март апрел мая июн июл август сентябр октябр ноябр декабр қаңтар ақпан наурыз "
        "сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан facebook instagram telegram youtube "
        "tiktok whatsapp twitter вконтакте источник дереккөз сарапш эксперт"
    ).split()
)


# Places are not sources: "передает Казахстану", "сообщили в Астане".
_PLACES = (
    tuple(
        (
            "казахстан қазақстан астан алмат шымкент караганд қарағанд актау ақтау атырау актоб ақтөбе павлодар "
            "костана қостана семей кызылорд қызылорд туркестан түркістан тараз уральск орал петропавл кокшетау "
            "көкшетау талдыкорган талдықорған жезказган жезқазған усть-каменогорск өскемен конаев қонаев москв "
            "пекин ташкент бишкек"
        ).split()
    )
    + _FOREIGN
)


def _skippable_after(key: str) -> bool:
    return key in _SKIP_AFTER_WORDS or key.startswith(_SKIP_AFTER)


def _not_a_source(key: str) -> bool:
    return key in _NOT_SOURCE_WORDS or key.startswith(_NOT_SOURCES) or key[:1].isdigit()


# Nouns that introduce an organisation: with them a following capitalised word is a name, not a person.
_ORG_NOUNS = tuple(
    (
        "пресс-служб министерств ведомств департамент управлени акимат компани банк агентств комитет служб "
        "полици издани телеканал газет портал сайт центр фонд институт университет ассоциаци палат суд "
        "прокуратур организаци корпораци холдинг партии партия министрлі әкімді басқарма агенттіг "
        "компания қызмет полиция сот прокуратура арна қор"
    ).split()
)


@dataclass(frozen=True)
class _Cue:
    name: str
    lang: str | None  # None: any language
    pattern: re.Pattern[str]
    direction: str  # "after": the name follows the cue; "before": it precedes it
    include_cue: bool = False  # the cue's own tokens are part of the window (пресс-служба Президента)
    policy: str = (
        "named"  # unknown sources: "named" (any name) or "org" (an organisation, not a person/place)
    )
    needs_verb: re.Pattern[str] | None = None  # a reporting verb must be in the same sentence
    starts: tuple[str, ...] = ()  # every match begins with one of these (_STARTS)


_RU_VERB = re.compile(
    r"\b(?:сообщ\w+|переда\w+|рассказ\w+|поясн\w+|уточн\w+|заяв\w+|информир\w+|отмеч\w+|отметил\w*|"
    r"прокомментир\w+|ответил\w*|подтверд\w+|опроверг\w*|говорится|пишет|пишут|опубликова\w+|публику\w+|"
    r"данным|информации)"
)
_KK_VERB = re.compile(
    r"(?:хабарла\w*|мәлімде\w*|мәлім\s+\w+|жазады|жазды|атап\s+өт\w*|жариял\w*|түсіндір\w*|айтылған|"
    r"мәліметінше|дерегінше)"
)
_EN_VERB = re.compile(r"\b(?:said|says|reported|reports|announced|stated|according|noted|informed)\b")


# Kept for speed: the literals every match of a cue begins with. A pattern that opens with \b or a look-behind
# makes `re` try a match at every position of the text; str.find jumps from one occurrence of a literal to the
# next instead, and the pattern is tried only there (_cue_matches). Scanning every cue's pattern over the text
# adds ~0.6 ms an article (~17% of a full-pipeline article's CPU). tests/test_sources.py checks that the two
# find the same matches. Cues that open with a frequent word (по, со, в, на) or a line start are scanned.
_STARTS = {
    "kk:dep-habarlaydy": ("деп",),
    "kk:silteme-jasap": ("сілтеме",),
    "kk:habarlauynsha": ("хабарлауынша",),
    "kk:malimetinshe": ("мәлімет", "дере"),
    "kk:aqparatyna-saikes": ("ақпарат", "хабарламас", "мәлімдемесінде"),
    "kk:baspasoz-qyzmeti": ("баспасөз",),
    "kk:saytynda": ("сайтында",),
    "kk:bul-turaly": ("бұл",),
    "kk:subject-habarlady": ("хабарла", "мәлім"),
    "ru:soobshchaet": ("как", "сообща", "переда", "пиш", "информиру"),
    "ru:soobshchili-v": (
        "как",
        "сообщ",
        "заявил",
        "рассказали",
        "пояснили",
        "проинформировали",
        "подтвердили",
        "уточнили",
        "ответили",
    ),
    "ru:press-sluzhba": ("пресс-",),
    "ru:subject-soobshchil": (
        "сообщ",
        "заявил",
        "информиру",
        "проинформировал",
        "пояснил",
        "подтвердил",
        "уточнил",
        "разъяснил",
        "опроверг",
    ),
    "ru:kak-sleduet-iz": ("как",),
    "ru:govoritsya-v": ("говорится", "сообщается", "сказано", "отмечается", "указывается", "подчеркивается"),
    "en:according-to": ("according",),
    "en:citing": ("citing",),
    "en:press-service": ("press",),
}


def _cue(name: str, lang: str | None, pattern: str, direction: str, **kw: Any) -> _Cue:
    return _Cue(
        name=name,
        lang=lang,
        pattern=re.compile(pattern, re.MULTILINE),
        direction=direction,
        starts=_STARTS.get(name, ()),
        **kw,
    )


_CUES: tuple[_Cue, ...] = (
    # -- source lines (any language); photo credits are masked before the cues run ----------------------
    _cue(
        "source-line",
        None,
        r"^[ \t]*(?:источник|ақпарат\s+көзі|дереккөз|source)[ \t]*:",
        "after",
    ),
    # -- Kazakh ------------------------------------------------------------------------------------------
    _cue(
        "kk:dep-habarlaydy",
        "kk",
        r"\bдеп\s+(?:хабарлайды|хабарлады|жазады|жазды|мәлімдеді|мәлімдейді|хабарлап\s+отыр)\b",
        "after",
    ),
    _cue(
        "kk:silteme-jasap",
        "kk",
        r"\bсілтеме\s+(?:жасап|жасай\s+отырып|жасады|жасаған)\b|\bсілтемемен\b",
        "before",
    ),
    _cue("kk:habarlauynsha", "kk", r"\bхабарлауынша\b", "before"),
    _cue(
        "kk:malimetinshe",
        "kk",
        r"\b(?:мәліметінше|мәліметтерінше|мәліметі(?:не|)\s+(?:сәйкес|бойынша)|мәліметтері(?:не|)\s+"
        r"(?:сәйкес|бойынша)|дерегінше|деректерінше|дерегі(?:не|)\s+(?:сәйкес|бойынша)|деректері(?:не|)\s+"
        r"(?:сәйкес|бойынша))",
        "before",
    ),
    _cue(
        "kk:aqparatyna-saikes",
        "kk",
        r"\b(?:ақпаратына\s+сәйкес|ақпаратынша|ақпараты\s+бойынша|хабарламасына\s+сәйкес|"
        r"хабарламасында\s+(?:айтылған|айтылады|көрсетілген)|мәлімдемесінде\s+айтылған)",
        "before",
    ),
    _cue(
        "kk:baspasoz-qyzmeti",
        "kk",
        r"\bбаспасөз\s+(?:қызмет|хатшы)\w*",
        "before",
        include_cue=True,
        needs_verb=_KK_VERB,
    ),
    _cue(
        "kk:saytynda",
        "kk",
        r"\bсайтында(?=\s+(?:жарияланған|жарияланды|жарияланып|хабарланды|айтылған|айтылады|көрсетілген|"
        r"орналастырылған))",
        "before",
        include_cue=True,
    ),
    _cue(
        "kk:bul-turaly",
        "kk",
        r"\bбұл\s+туралы\s+[^.!?\n]{1,120}?(?=\s+(?:хабарлады|хабарлайды|мәлімдеді|жазды|жазады|мәлім\s+етті)\b)",
        "before",
        include_cue=True,
        policy="org",
    ),
    _cue(
        "kk:subject-habarlady",
        "kk",
        r"(?<=\s)(?:хабарлады|хабарлайды|мәлімдеді|мәлім\s+етті)\b",
        "before",
        policy="org",
    ),
    # -- Russian -----------------------------------------------------------------------------------------
    _cue("ru:so-ssylkoy-na", "ru", r"\bсо\s+ссылкой\s+на\b|\bссылаясь\s+на\b", "after"),
    _cue(
        "ru:soobshchaet",
        "ru",
        r"\b(?:как\s+)?(?:сообщает|сообщают|передает|передают|пишет|пишут|информирует|информируют)\b",
        "after",
    ),
    _cue(
        "ru:soobshchili-v",
        "ru",
        r"\b(?:как\s+)?(?:сообщил|сообщила|сообщило|сообщили|заявил|заявила|заявило|заявили|рассказали|"
        r"пояснили|уточнили|ответили|проинформировали|подтвердили|сообщают\s+в)\b",
        "after",
        policy="org",
    ),
    _cue(
        "ru:press-sluzhba",
        "ru",
        r"\bпресс-служб\w*|\bпресс-секретар\w*|\bпресс-центр\w*",
        "after",
        include_cue=True,
        needs_verb=_RU_VERB,
    ),
    _cue(
        "ru:subject-soobshchil",
        "ru",
        r"(?<=\s)(?:сообщил|сообщила|сообщило|сообщили|сообщает|сообщают|заявил|заявила|заявило|заявили|"
        r"информирует|информируют|проинформировал\w*|уточнил\w*|пояснил\w*|разъяснил\w*|опроверг\w*|"
        r"подтвердил\w*)\b",
        "before",
        policy="org",
    ),
    _cue(
        "ru:po-dannym",
        "ru",
        r"\b(?:по|согласно)\s+(?:\w+\s+)?(?:данным|информации|сведениям|сообщению|оценкам)\b",
        "after",
    ),
    _cue(
        "ru:kak-sleduet-iz",
        "ru",
        r"\bкак\s+(?:следует|говорится|сказано|указано)\s+(?:из|в)\b",
        "after",
    ),
    _cue(
        "ru:govoritsya-v",
        "ru",
        r"\b(?:говорится|сообщается|отмечается|указывается|подчеркивается|сказано)\s+в\b",
        "after",
        policy="org",
    ),
    _cue(
        "ru:v-soobshchenii",
        "ru",
        r"\bв\s+(?:сообщении|заявлении|пресс-релизе|релизе|публикации|телеграм-канале|telegram-канале)\b",
        "after",
        policy="org",
    ),
    _cue(
        "ru:na-sayte",
        "ru",
        r"\bна\s+(?:официальном\s+)?(?:сайте|портале|интернет-ресурсе)\b",
        "after",
        policy="org",
    ),
    # -- English -----------------------------------------------------------------------------------------
    _cue("en:according-to", "en", r"\baccording\s+to\b", "after"),
    _cue("en:citing", "en", r"\bciting\b", "after"),
    _cue(
        "en:press-service",
        "en",
        r"\bpress\s+(?:service|office)\s+of\b",
        "after",
        needs_verb=_EN_VERB,
    ),
)

# Photo, video and infographic credits name where a picture came from, not where the text came from.
_CREDIT = re.compile(
    r"^[ \t]*(?:фото|сурет|фотосурет|видео|бейне|инфографика|коллаж|photo|video|image)\b[^\n]*$"
    r"|\b(?:фото|сурет|фотосурет|видео|photo|video)(?:\s+\w+)?[ \t]*:[^\n]*",
    re.MULTILINE,
)


# Kept for speed: _CREDIT tries a match at every position of the text; running it only when a credit word
# opens a line, or one of the inline words and a colon are in the text ("фотосурет" starts with "фото"),
# saves ~5% of a full-pipeline article's CPU.
_CREDIT_LINE_WORDS = ("фото", "сурет", "видео", "бейне", "инфографика", "коллаж", "photo", "video", "image")
_CREDIT_INLINE_WORDS = ("фото", "сурет", "видео", "photo", "video")
# a literal first character: `re` jumps from line break to line break
_CREDIT_LINE_START = re.compile(r"\n[ \t]*(?:" + "|".join(_CREDIT_LINE_WORDS) + ")")


def _may_hold_credit(folded: str) -> bool:
    if ":" in folded and any(word in folded for word in _CREDIT_INLINE_WORDS):
        return True
    return (
        folded.lstrip(" \t").startswith(_CREDIT_LINE_WORDS) or _CREDIT_LINE_START.search(folded) is not None
    )


@dataclass
class _Found:
    start: int
    end: int
    source_id: str | None
    cue: str
    name_span: tuple[int, int]  # the name: token indices, then character offsets (overlap between cues)


def detect_citations(
    text: str,
    *,
    lang: str | None = None,
    registry: Registry | None = None,
    reporter: str | None = None,
) -> list[Citation]:
    """The sources `text` cites, in order of appearance, each once.

    `lang` (kk, ru, en) limits the cues to that language's (source lines always apply). A phrase that names
    `reporter` itself ("сообщает Zakon.kz", "деп хабарлайды Zakon.kz") is the reporter line, not a citation.
    """
    if not text:
        return []
    registry = registry or Registry.load()
    text = unicodedata.normalize("NFC", text)
    # credits are blanked out with spaces, so the folded copy keeps the text's length
    folded = fold(text)
    if _may_hold_credit(folded):
        folded = _CREDIT.sub(lambda m: " " * len(m.group()), folded)
    # A name is looked for in the cue's own line: only the lines that hold a cue are tokenised, each once.
    lines: dict[tuple[int, int], list[_Token]] = {}
    found: list[_Found] = []
    for cue in _CUES:
        if lang and cue.lang and cue.lang != lang:
            continue
        for m in _cue_matches(cue, folded):
            start, end = m.span()
            if cue.needs_verb and not cue.needs_verb.search(_sentence(folded, start, end)):
                continue
            line_end = folded.find("\n", end)
            line = (folded.rfind("\n", 0, start) + 1, len(folded) if line_end < 0 else line_end)
            if line not in lines:
                lines[line] = _tokenize(text, folded, *line)
            tokens = lines[line]
            hit = _resolve(registry, cue, tokens, start, end)
            if hit is not None:
                # token indices are per line: overlaps between hits are compared in characters
                first, last = hit.name_span
                hit.name_span = (tokens[first].start, tokens[last - 1].end)
                found.append(hit)
    found.sort(key=lambda f: (f.start, -f.end))
    claimed: list[tuple[int, int]] = []
    citations: list[Citation] = []
    seen: set[tuple[str | None, str]] = set()
    for hit in found:
        if any(hit.name_span[0] < b and a < hit.name_span[1] for a, b in claimed):
            continue
        claimed.append(hit.name_span)
        if hit.source_id is not None and hit.source_id == reporter:
            continue
        phrase = " ".join(text[hit.start : hit.end].split())
        key = (hit.source_id, fold(phrase))
        if key in seen:
            continue
        seen.add(key)
        citations.append(Citation(source_id=hit.source_id, phrase=phrase, cue=hit.cue))
    return citations


def _cue_matches(cue: _Cue, folded: str) -> list[re.Match[str]]:
    """What `cue.pattern.finditer(folded)` finds; a cue with start literals is tried only where they occur."""
    if not cue.starts:
        return list(cue.pattern.finditer(folded))
    positions = sorted(at for literal in cue.starts for at in _occurrences(folded, literal))
    matches: list[re.Match[str]] = []
    for at in positions:
        if matches and at < matches[-1].end():
            continue  # finditer goes on after the end of a match
        m = cue.pattern.match(folded, at)
        if m is not None:
            matches.append(m)
    return matches


def _occurrences(folded: str, literal: str) -> list[int]:
    found = []
    at = folded.find(literal)
    while at >= 0:
        found.append(at)
        at = folded.find(literal, at + 1)
    return found


_BOUNDARY = re.compile(r"[.!?…](?=\s)|\n")


def _sentence(folded: str, start: int, end: int) -> str:
    """The sentence around folded[start:end]: bounded by . ! ? followed by white space, or a line break."""
    left = 0
    for found in _BOUNDARY.finditer(folded, 0, start):
        left = found.end()
    right = _BOUNDARY.search(folded, end)
    return folded[left : right.start() if right else len(folded)]


def _resolve(
    registry: Registry,
    cue: _Cue,
    tokens: list[_Token],
    start: int,
    end: int,
) -> _Found | None:
    if cue.direction == "after":
        first = bisect.bisect_left(tokens, start if cue.include_cue else end, key=lambda t: t.start)
        if first >= len(tokens):
            return None
        window = _window_after(tokens, first)
        return _resolve_after(registry, cue, tokens, window, start)
    last = bisect.bisect_right(tokens, end if cue.include_cue else start, key=lambda t: t.end) - 1
    if last < 0:
        return None
    if not cue.include_cue and tokens[last].clause_end:
        return None  # '..."оснований", – заявил он': the clause before the cue has ended
    window = _window_before(tokens, last, start if cue.include_cue and cue.name == "kk:bul-turaly" else None)
    return _resolve_before(registry, cue, tokens, window, end)


def _window_after(tokens: list[_Token], first: int, limit: int = 12) -> list[int]:
    window = []
    for i in range(first, min(first + limit, len(tokens))):
        window.append(i)
        if tokens[i].clause_end:
            break
    return window


def _window_before(tokens: list[_Token], last: int, floor: int | None, limit: int = 12) -> list[int]:
    window: list[int] = []
    i = last
    while i >= 0 and len(window) < limit:
        if floor is not None and tokens[i].start < floor:
            break
        if window and tokens[i].clause_end:
            break
        window.insert(0, i)
        i -= 1
    if floor is not None:
        # "Бұл туралы ..." : the two cue words are not part of the name
        window = [i for i in window if tokens[i].key not in ("бұл", "туралы")]
    return window


def _resolve_after(
    registry: Registry, cue: _Cue, tokens: list[_Token], window: list[int], phrase_start: int
) -> _Found | None:
    k = 0
    while k < len(window):
        i = window[k]
        token = tokens[i]
        if token.domain:
            source_id = registry._domain_source_id(token.domain)
            if source_id:
                return _Found(phrase_start, token.end, source_id, cue.name, (i, i + 1))
        match = registry._match_at(tokens, i)
        if match and i + match[1] - 1 <= window[-1]:
            source_id, n = match
            after = tokens[i + n] if i + n < len(tokens) and i + n <= window[-1] else None
            source = registry.get(source_id)
            foreign = source is not None and source.kind in _DOMESTIC_KINDS and _is_foreign(after)
            if not foreign:
                return _Found(phrase_start, tokens[i + n - 1].end, source_id, cue.name, (i, i + n))
            assert after is not None  # "правительство Китая": another country's body, named but not ours
            return _Found(phrase_start, after.end, None, cue.name, (i, i + n + 1))
        if not _skippable_after(token.key) or token.domain:
            break
        k += 1
    if k >= len(window):
        return None
    anchor = window[k]
    if not _is_named(tokens, anchor, window[:k], cue.policy, direction="after"):
        return None
    rest = [i for i in window[k:] if i < anchor + 6]
    return _Found(phrase_start, tokens[rest[-1]].end, None, cue.name, (anchor, rest[-1] + 1))


def _resolve_before(
    registry: Registry, cue: _Cue, tokens: list[_Token], window: list[int], phrase_end: int
) -> _Found | None:
    k = len(window) - 1
    while k >= 0:
        j = window[k]
        token = tokens[j]
        if token.domain:
            source_id = registry._domain_source_id(token.domain)
            if source_id:
                return _Found(token.start, phrase_end, source_id, cue.name, (j, j + 1))
        match = registry._match_ending_at(tokens, j)
        if match and match[1] >= window[0]:
            source_id, first = match
            before = tokens[first - 1] if first - 1 >= window[0] else None
            source = registry.get(source_id)
            foreign = source is not None and source.kind in _DOMESTIC_KINDS and _is_foreign(before)
            if not foreign:
                return _Found(tokens[first].start, phrase_end, source_id, cue.name, (first, j + 1))
            assert before is not None  # "Қытай Үкіметінің": another country's body, named but not ours
            return _Found(before.start, phrase_end, None, cue.name, (first - 1, j + 1))
        if not token.key.startswith(_SKIP_BEFORE) or token.domain:
            break
        k -= 1
    if cue.name == "kk:bul-turaly":
        # a clause of its own ("Бұл туралы ... хабарлады"): the body may stand anywhere in it
        for j in reversed(window):
            match = registry._match_ending_at(tokens, j)
            if match and match[1] >= window[0]:
                return _Found(tokens[match[1]].start, phrase_end, match[0], cue.name, (match[1], j + 1))
    if k < 0:
        return None
    anchor = window[k]
    if not _is_named(tokens, anchor, window[k + 1 :], cue.policy, direction="before"):
        return None
    first = anchor
    while (
        first - 1 >= window[0]
        and first > anchor - 4
        and (tokens[first - 1].upper or tokens[first - 1].quoted)
    ):
        first -= 1
    return _Found(tokens[first].start, phrase_end, None, cue.name, (first, anchor + 1))


def _is_named(tokens: list[_Token], anchor: int, skipped: list[int], policy: str, direction: str) -> bool:
    """Whether tokens[anchor] begins (after) or ends (before) the name of a source we do not know."""
    token = tokens[anchor]
    if _not_a_source(token.key) or token.key.startswith(_PLACES):
        return False
    if token.domain or token.abbr or token.quoted:
        return True
    if direction == "before" and token.closes_quote:
        return True
    org_context = any(tokens[i].key.startswith(_ORG_NOUNS) for i in skipped)
    if token.key.startswith(_ORG_NOUNS):
        # "компании «Казахтелеком»", "акимата Карагандинской области"
        neighbour = anchor + 1 if direction == "after" else anchor - 1
        if 0 <= neighbour < len(tokens):
            other = tokens[neighbour]
            if other.quoted or other.closes_quote:
                return True
            if other.upper and not _not_a_source(other.key) and (policy == "org" or not other.sentence_start):
                return True
        return False
    if token.latin and token.upper:
        return True
    if not token.upper or token.sentence_start:
        return False
    return policy == "named" or org_context


# --------------------------------------------------------------------------------------------------------
# The sources table
# --------------------------------------------------------------------------------------------------------

SOURCES_TABLE_SQL = """
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,            -- canonical source id (data/sources.toml)
    kind TEXT NOT NULL,             -- news_outlet | news_agency | government_body | person_office | ...
    name_kk TEXT,
    name_ru TEXT,
    name_en TEXT,
    domains TEXT,                   -- JSON list
    gov_project TEXT,               -- gov.kz project slug
    aliases TEXT                    -- JSON list
)
"""


def sync_sources_table(db: Any, registry: Registry | None = None) -> int:
    """Create the `sources` table if needed and upsert every registry entry; returns the number of rows.

    `db` is a sqlite_utils.Database. Rows of sources removed from the registry are kept: articles may
    still point to them.
    """
    registry = registry or Registry.load()
    db.execute(SOURCES_TABLE_SQL)
    rows = [
        (
            s.id,
            s.kind,
            s.names["kk"],
            s.names["ru"],
            s.names["en"],
            json.dumps(list(s.domains), ensure_ascii=False),
            s.gov_project,
            json.dumps(list(s.aliases), ensure_ascii=False),
        )
        for s in registry.all()
    ]
    sql = """
        INSERT INTO sources (id, kind, name_kk, name_ru, name_en, domains, gov_project, aliases)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name_kk = excluded.name_kk,
            name_ru = excluded.name_ru, name_en = excluded.name_en, domains = excluded.domains,
            gov_project = excluded.gov_project, aliases = excluded.aliases
    """
    conn = db.conn
    if conn.in_transaction:  # the caller's transaction (a migration) commits it
        conn.executemany(sql, rows)
        return len(rows)
    conn.execute("BEGIN")  # one transaction, not one per row in autocommit mode
    try:
        conn.executemany(sql, rows)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len(rows)
