"""Deduplication and stories: exact and near duplicates, language twins, revisions — in SQLite.

Every article joins exactly one story. `decide(db, article)` (read-only) says how: it is the same
article seen again (maybe revised), an exact duplicate (same normalised body), a translation (a
kk/ru/en twin through the site's native id or hreflang/language-switch alternates), a near
duplicate (MinHash-LSH over word shingles, numbers-aware), or a new story. `record(db, article,
decision)` writes the index, story and revision rows with raw `db.execute` only, so the store can
run it in the same `transaction(db)` as the article upsert. docs/dedup.md explains the choices and
the measured figures.

The near-duplicate index lives in two tables: `dedup_signatures` (one row per article: hashes,
a 128-value one-permutation MinHash signature, the number slots) and `dedup_lsh` (42 bands of 3
values; an indexed (band, bucket) lookup). Nothing is held in memory between calls, so it works
across runs, processes and restarts.

The parts, in file order (each section opens with a "# --" comment):
- Tunables.
- Text normalisation and hashes: `normalize_text`, `body_hash`, `text_hash`, `shingle_hashes`, `minhash`,
  `lsh_buckets`, `number_slots`, `numbers_conflict`.
- Fingerprints and decisions: `Fingerprint`, `fingerprint`, `Decision`.
- Decide: `decide`, `confirm`, `_same_article`, `_find_twin`, `_find_near`.
- Record: `record`, `_join_story`, `merge_story`.
"""

from __future__ import annotations

import hashlib
import json
import operator
import random
import re
import struct
import unicodedata
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any

from crawler.store.db import utcnow_iso

# -- tunables (docs/dedup.md gives the reasons and the measurements) ------------------------------
SHINGLE_SIZE = 4  # words per shingle
NUM_BINS = 128  # MinHash values per signature (one-permutation hashing, 7 bits of bin index)
BANDS = 42  # LSH bands ...
ROWS = 3  # ... of 3 values: P(candidate) is 0.94 at Jaccard 0.4 and 0.996 at 0.5
NEAR_JACCARD = 0.4  # estimated Jaccard at or above which two texts are one story ...
NEAR_CONTAINMENT = 0.85  # ... or containment of the shorter text at or above this,
CONTAINMENT_MIN_JACCARD = 0.25  # provided the texts are not wildly different in length
MIN_SHINGLES = 8  # shorter texts are matched only exactly
BUCKET_CAP = 24  # newest members read per LSH bucket: template series cannot flood a lookup
MAX_VERIFY = 48  # candidates verified against their signatures, most shared bands first
SUBSTANTIVE_CHANGE = 0.2  # a revision changing at least this share of shingles is substantive
TWIN_SITES = frozenset({"akorda_kz", "primeminister_kz", "gov_kz"})  # native id shared by twins

_MASK64 = (1 << 64) - 1
_EMPTY = 1 << 32  # larger than any 32-bit bin value
_SIG = struct.Struct(f"<{NUM_BINS}I")
# Odd 64-bit multipliers, one per position in a shingle; fixed forever (signatures are persisted).
_SHINGLE_MULT = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
)[:SHINGLE_SIZE]
_BAND_MULT = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)[:ROWS]
# Optimal densification (Shrivastava 2017): an empty bin borrows from the first non-empty bin in a
# fixed pseudo-random order of its own, so two texts fill the same empty bin from the same source.
_DENSIFY = [random.Random(f"kznews-densify-{i}").sample(range(NUM_BINS), NUM_BINS) for i in range(NUM_BINS)]

_WORD = re.compile(r"\w+")
# Times of day are datelines, not facts: two retellings stamped 10:15 and 10:32 are one story.
_TIME_OF_DAY = r"(?<!\d)\d{1,2}:\d{2}(?!\d)"
_NUMBER = r"(?:(?<![\w.,])[+\-−])?(?:\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:[.,]\d+)?"
_LETTER_RUN = r"[^\W\d_]+"  # a word
_FACT_TOKEN = re.compile(f"({_TIME_OF_DAY})|({_NUMBER})|({_LETTER_RUN})")
# The same tokens in two passes (faster than one findall of 3-tuples): figures are searched for on
# their own, the words are the letter runs between them. No figure can start inside a letter run.
_FIGURE = re.compile(f"(?=[\\d+\\-−])(?:({_TIME_OF_DAY})|({_NUMBER}))")
_LETTERS = re.compile(_LETTER_RUN)
# Month names (ru, kk, en stems, case-folded); a month is a value in its slot like a number, so
# "12 марта" and "12 апреля" differ. English "may" and "march" are left out: ordinary words too.
_MONTH_STEMS = (
    ("01", ("январ", "қаңтар", "january")),
    ("02", ("феврал", "ақпан", "february")),
    ("03", ("март", "наурыз")),
    ("04", ("апрел", "сәуір", "april")),
    ("05", ("мамыр",)),  # Russian май/мая/мае/маю: exact forms only (майор, майдан are no months)
    ("06", ("июн", "маусым", "june")),
    ("07", ("июл", "шілде", "july")),
    ("08", ("август", "тамыз", "august")),
    ("09", ("сентябр", "қыркүйек", "september")),
    ("10", ("октябр", "қазан", "october")),
    ("11", ("ноябр", "қараша", "november")),
    ("12", ("декабр", "желтоқсан", "december")),
)
_MONTH_EXACT = {"мая": "05", "май": "05", "маю": "05", "мае": "05"}
_MONTH_OF_STEM = {stem: "m" + number for number, stems in _MONTH_STEMS for stem in stems}
_MONTH_PREFIX = re.compile("|".join(sorted(_MONTH_OF_STEM, key=len, reverse=True)))
_MONTH_CACHE: dict[str, str | None] = {}


def _month(word: str) -> str | None:
    """The month value ("m01" .. "m12") of a month name in any case form (ru, kk, en), else None."""
    if word in _MONTH_CACHE:
        return _MONTH_CACHE[word]
    if word in _MONTH_EXACT:
        found: str | None = "m" + _MONTH_EXACT[word]
    else:
        match = _MONTH_PREFIX.match(word)
        found = _MONTH_OF_STEM[match.group()] if match else None
    if len(_MONTH_CACHE) > 300_000:
        _MONTH_CACHE.clear()
    _MONTH_CACHE[word] = found
    return found


# -- text normalisation and hashes ---------------------------------------------------------------


def normalize_text(s: str | None) -> str:
    """NFC, case-folded, ё → е, whitespace runs collapsed to one space, stripped."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).casefold().replace("ё", "е")
    # = re.sub(r"\s+", " ", s).strip(), faster: str.split() and \s use the same whitespace test.
    return " ".join(s.split())


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def body_hash(body: str | None) -> str | None:
    """The exact-duplicate key: the hash of the normalised main text (None for an empty text).

    `fingerprint` passes lead and body joined; the title is left out on purpose: the same text
    under another headline is one story.
    """
    normalized = normalize_text(body)
    return _digest(normalized) if normalized else None


def text_hash(title: str | None, body: str | None, lead: str | None = None) -> str:
    """The content hash of one version of an article (normalised title, lead and body).

    It changes when any of them changes, so it detects revisions; `articles.content_hash` holds it.
    Exact duplicates across URLs use `body_hash` instead.
    """
    return _digest("\x1f".join(normalize_text(part) for part in (title, lead, body)))


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(normalize_text(text))


_TOKEN_HASHES: dict[str, int] = {}


def _token_hash(token: str) -> int:
    value = _TOKEN_HASHES.get(token)
    if value is None:
        if len(_TOKEN_HASHES) > 300_000:  # a bounded cache: memory must not grow with the corpus
            _TOKEN_HASHES.clear()
        value = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
        _TOKEN_HASHES[token] = value
    return value


def shingle_hashes(text: str | None) -> set[int]:
    """64-bit hashes of the word shingles of `text` (a text shorter than a shingle is one shingle)."""
    return _shingles(normalize_text(text))


def _shingles(normalized: str) -> set[int]:
    cached = _TOKEN_HASHES.get
    hashed = [cached(t) or _token_hash(t) for t in _WORD.findall(normalized)]
    if len(hashed) < SHINGLE_SIZE:
        if not hashed:
            return set()
        return {sum(h * m for h, m in zip(hashed, _SHINGLE_MULT, strict=False)) & _MASK64}
    # One pass over the 4 shifted views: same sums as position by position, fewer list copies.
    m0, m1, m2, m3 = _SHINGLE_MULT
    return {
        (a * m0 + b * m1 + c * m2 + d * m3) & _MASK64
        for a, b, c, d in zip(hashed, hashed[1:], hashed[2:], hashed[3:], strict=False)
    }


def minhash(shingles: Iterable[int]) -> tuple[int, ...] | None:
    """One-permutation MinHash: the top 7 bits pick a bin, the next 32 are the value kept per bin."""
    bins = [_EMPTY] * NUM_BINS
    empty = True
    for h in shingles:
        empty = False
        index = h >> 57
        value = (h >> 25) & 0xFFFFFFFF
        if value < bins[index]:
            bins[index] = value
    if empty:
        return None
    if _EMPTY in bins:
        original = tuple(bins)
        for i, source in enumerate(original):
            if source == _EMPTY:
                for j in _DENSIFY[i]:
                    if original[j] != _EMPTY:
                        bins[i] = original[j]
                        break
    return tuple(bins)


def estimate_jaccard(a: bytes | tuple[int, ...], b: bytes | tuple[int, ...]) -> float:
    sa = _SIG.unpack(a) if isinstance(a, bytes) else a
    sb = _SIG.unpack(b) if isinstance(b, bytes) else b
    if len(sa) != NUM_BINS or len(sb) != NUM_BINS:
        raise ValueError("signatures must have NUM_BINS values")
    return sum(map(operator.eq, sa, sb)) / NUM_BINS


_BAND_END = BANDS * ROWS


def lsh_buckets(signature: tuple[int, ...]) -> list[int]:
    """One 48-bit bucket key per band (band i covers values i*ROWS .. i*ROWS+ROWS-1)."""
    m0, m1, m2 = _BAND_MULT
    # (x mod 2^64) >> 16, masked to 48 bits, equals x >> 16 masked to 48 bits: no 64-bit mask needed.
    return [
        ((a * m0 + b * m1 + c * m2) >> 16) & 0xFFFFFFFFFFFF
        for a, b, c in zip(
            signature[0:_BAND_END:ROWS], signature[1:_BAND_END:ROWS], signature[2:_BAND_END:ROWS], strict=True
        )
    ]


def number_slots(text: str | None) -> dict[str, list[str]]:
    """Figures and month names keyed by the two words before them (their "slot").

    Template reports (exchange rates, case counts, weather, "N people detained") keep their words
    and change the figures in the same slots; a retelling adds or drops sentences but keeps the
    figures of the sentences it shares. Keys are crc32 of the slot words, values sorted strings.
    """
    return _number_slots(normalize_text(text))


_NOT_CACHED = object()


def _number_slots(normalized: str) -> dict[str, list[str]]:
    # Words and values; each value gets two slots, the two words before it and the two after it,
    # so a varying word next to a figure (a city name) does not hide the figure.
    runs: list[str] = []  # letter runs, month names included
    figures: list[tuple[int, str]] = []  # (letter runs before it, value)
    find_runs = _LETTERS.findall
    start = 0
    for match in _FIGURE.finditer(normalized):
        runs += find_runs(normalized, start, match.start())
        start = match.end()
        number = match.group(2)
        if number:
            figures.append((len(runs), _number_value(number)))
    runs += find_runs(normalized, start)
    months: list[Any] = list(map(_MONTH_CACHE.get, runs, repeat(_NOT_CACHED)))
    if _NOT_CACHED in months:
        months = [
            _month(run) if month is _NOT_CACHED else month for run, month in zip(runs, months, strict=True)
        ]
    is_word = list(map(operator.is_, months, repeat(None)))
    if all(is_word):
        words, values = runs, figures
    else:  # month names are values, not words: a position counts the words before it
        month_at = list(compress(range(len(runs)), map(operator.not_, is_word)))
        words = list(compress(runs, is_word))
        values = [(i - bisect_left(month_at, i), value) for i, value in figures]
        values += [(i - before, months[i]) for before, i in enumerate(month_at)]
    if not values:
        return {}
    slots: dict[str, set[str]] = {}
    count = len(words)
    for position, value in values:
        # A side with fewer than two words is the edge of the text, which retellings cut and pad.
        if position >= 2:
            key = f"<{words[position - 2]} {words[position - 1]}"
            slots.setdefault(f"{zlib.crc32(key.encode('utf-8')):08x}", set()).add(value)
        if position + 2 <= count:
            key = f">{words[position]} {words[position + 1]}"
            slots.setdefault(f"{zlib.crc32(key.encode('utf-8')):08x}", set()).add(value)
    return {key: sorted(values) for key, values in sorted(slots.items())}


def _number_value(raw: str) -> str:
    raw = raw.replace(" ", "").replace(",", ".").replace("−", "-").lstrip("+")
    sign = "-" if raw.startswith("-") else ""
    raw = raw.lstrip("-")
    whole, _, fraction = raw.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return sign + whole + ("." + fraction if fraction else "")


def numbers_conflict(a: Mapping[str, Iterable[str]], b: Mapping[str, Iterable[str]]) -> bool:
    """True when some slot holds different figures in the two texts (neither set contains the other)."""
    for key in a.keys() & b.keys():
        sa, sb = set(a[key]), set(b[key])
        if not (sa <= sb or sb <= sa):
            return True
    return False


# -- fingerprints and decisions ------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    """Everything the index stores about one version of an article's text."""

    body_hash: str | None
    content_hash: str
    signature: bytes | None
    shingles: int
    numbers: dict[str, list[str]]
    buckets: tuple[int, ...]

    @property
    def matchable(self) -> bool:
        return self.signature is not None and self.shingles >= MIN_SHINGLES


def _main_text(article: Mapping[str, Any]) -> str:
    # Lead and body together: some sites repeat the lead in the body, some do not; a shingle set
    # is the same either way.
    return "\n".join(part for part in (article.get("lead"), article.get("body")) if part)


def fingerprint(article: Mapping[str, Any]) -> Fingerprint:
    return _fingerprint(article, _normalized_parts(article))


def _normalized_parts(article: Mapping[str, Any]) -> tuple[str, str, str]:
    """Normalised title, lead and body: each part is normalised once per article."""
    return (
        normalize_text(article.get("title")),
        normalize_text(article.get("lead")),
        normalize_text(article.get("body")),
    )


def _content_hash(parts: tuple[str, str, str]) -> str:
    return _digest("\x1f".join(parts))  # = text_hash(title, body, lead)


def _fingerprint(article: Mapping[str, Any], parts: tuple[str, str, str]) -> Fingerprint:
    # normalize_text works character by character except at whitespace, so normalising parts joined
    # by "\n" equals joining the normalised non-empty parts by " ".
    title, lead, body = parts
    normalized = f"{lead} {body}" if lead and body else lead or body  # = normalize_text(_main_text(article))
    shingles = _shingles(normalized)
    signature = minhash(shingles)
    if unicodedata.is_normalized("NFC", normalized):
        # Then normalize_text(normalized) == normalized (case folding is idempotent), so the
        # number text below equals normalize_text(f"{article['title']}\n{normalized}").
        numbers = _number_slots(f"{title} {normalized}" if title and normalized else title or normalized)
    else:  # a folded character that NFC recomposes: normalise the whole again, as number_slots would
        numbers = number_slots(f"{article.get('title') or ''}\n{normalized}")
    return Fingerprint(
        body_hash=_digest(normalized) if normalized else None,  # = body_hash(lead + body)
        content_hash=_content_hash(parts),
        signature=_SIG.pack(*signature) if signature else None,
        shingles=len(shingles),
        numbers=numbers,
        buckets=tuple(lsh_buckets(signature)) if signature and len(shingles) >= MIN_SHINGLES else (),
    )


@dataclass
class Decision:
    """How one article joins a story. `decide` makes it, the store applies it, `record` persists it."""

    article_id: str
    story_id: str
    relation: str  # new | same-article | exact | near | translation
    duplicate_of: str | None = None
    translation_of: str | None = None
    similarity: float | None = None
    revision: str | None = None  # same-article only: none | minor | substantive
    revision_number: int = 1  # the version number of this text (articles.revision)
    change_ratio: float | None = None
    is_new_story: bool = False
    fingerprint: Fingerprint | None = None
    previous: dict[str, Any] | None = None  # the replaced version, for article_revisions
    previous_buckets: tuple[int, ...] = ()
    alternate_ids: dict[str, str] = field(default_factory=dict)  # article id -> language
    index_mark: int = 0  # max(doc) when decided; `confirm` re-decides if the index moved
    # Other stories this article proves to be the same news (a twin of one, a retelling of another):
    # `record` folds them into `story_id`, so translations and republications end in one story.
    merge_stories: tuple[str, ...] = ()
    # (title, lead, body) the fingerprint was computed from: `confirm` reuses it for the same text.
    source_text: tuple[Any, Any, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def alert_worthy(self) -> bool:
        """A new story or a substantive revision; joining an existing story raises no new alert."""
        return self.is_new_story or self.revision == "substantive"

    def item_fields(self) -> dict[str, Any]:
        """The Article item fields this decision fills."""
        return {
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "translation_of": self.translation_of,
        }

    def row_fields(self) -> dict[str, Any]:
        """The `articles` columns the store sets from this decision."""
        assert self.fingerprint is not None
        return {
            **self.item_fields(),
            "content_hash": self.fingerprint.content_hash,
            "revision": self.revision_number,
        }


# -- decide --------------------------------------------------------------------------------------


def _required_id(article: Mapping[str, Any]) -> str:
    value = article.get("article_id")
    if not value:
        raise ValueError("article has no article_id: run the canonical-URL stage first")
    return str(value)


def _index_mark(db: Any) -> int:
    return int(db.execute("SELECT coalesce(max(doc), 0) FROM dedup_signatures").fetchone()[0])


def decide(db: Any, article: Mapping[str, Any]) -> Decision:
    """How `article` joins a story. Read-only; call it inside the store's transaction (or `confirm` there)."""
    return _decide(db, article, None)


def _source_text(article: Mapping[str, Any]) -> tuple[Any, Any, Any]:
    return article.get("title"), article.get("lead"), article.get("body")


_OWN_SQL = (
    "SELECT story_id, content_hash, signature, numbers, revision, relation, duplicate_of,"
    " translation_of, similarity, shingles, body_hash FROM dedup_signatures WHERE article_id = ?"
)


def _decide(db: Any, article: Mapping[str, Any], earlier: Decision | None) -> Decision:
    article_id = _required_id(article)
    source = _source_text(article)
    mark = _index_mark(db)
    own = db.execute(_OWN_SQL, [article_id]).fetchone()
    # The fingerprint depends on title, lead and body only: re-deciding the same text reuses it.
    if earlier is not None and earlier.fingerprint is not None and earlier.source_text == source:
        fp = earlier.fingerprint
    else:
        parts = _normalized_parts(article)
        if own is not None and own[1] == _content_hash(parts):
            fp = _stored_fingerprint(own)  # an unchanged re-crawl: the index row has it already
        else:
            fp = _fingerprint(article, parts)
    decision = _decide_with(db, article, article_id, fp, own, mark)
    decision.source_text = source
    return decision


def _stored_fingerprint(own: Any) -> Fingerprint:
    """The fingerprint `record` stored with this content hash (the same text gives the same values)."""
    signature, numbers, shingles, body = own[2], own[3], int(own[9]), own[10]
    buckets = tuple(lsh_buckets(_SIG.unpack(signature))) if signature and shingles >= MIN_SHINGLES else ()
    numbers_map = json.loads(numbers) if numbers else {}
    return Fingerprint(body, own[1], signature, shingles, numbers_map, buckets)


def _decide_with(
    db: Any, article: Mapping[str, Any], article_id: str, fp: Fingerprint, own: Any, mark: int
) -> Decision:
    if own is not None:
        return _same_article(db, article, article_id, fp, own[:10], mark)

    alternates = _alternate_ids(article, article_id)
    if fp.body_hash:
        rows = db.execute(
            "SELECT article_id, story_id, numbers FROM dedup_signatures WHERE body_hash = ? ORDER BY doc LIMIT 8",
            [fp.body_hash],
        ).fetchall()
        for other_id, story_id, numbers in rows:
            # Same text, but a headline with other figures is another report of a template.
            if not numbers_conflict(fp.numbers, json.loads(numbers) if numbers else {}):
                return Decision(
                    article_id, story_id, "exact", duplicate_of=other_id, similarity=1.0, fingerprint=fp,
                    alternate_ids=alternates, index_mark=mark,
                )  # fmt: skip

    twin = _find_twin(db, article, article_id, alternates)
    near = _find_near(db, fp) if fp.matchable else None
    if twin is not None:
        # A translation that is also a retelling of another story's text links the two stories.
        merge = (near[1],) if near is not None and near[1] != twin[1] else ()
        return Decision(
            article_id, twin[1], "translation", translation_of=twin[0], fingerprint=fp,
            alternate_ids=alternates, index_mark=mark, merge_stories=merge,
        )  # fmt: skip

    if near is not None:
        return Decision(
            article_id, near[1], "near", duplicate_of=near[0], similarity=round(near[2], 4),
            fingerprint=fp, alternate_ids=alternates, index_mark=mark,
        )  # fmt: skip

    return Decision(
        article_id, article_id, "new", is_new_story=True, fingerprint=fp, alternate_ids=alternates,
        index_mark=mark,
    )  # fmt: skip


def confirm(db: Any, article: Mapping[str, Any], decision: Decision | None) -> Decision:
    """`decision` if the index has not moved since it was made, else a fresh `decide` (call inside the transaction)."""
    if decision is None or decision.article_id != article.get("article_id"):
        return decide(db, article)
    if decision.index_mark != _index_mark(db):
        return _decide(db, article, decision)
    if decision.relation == "same-article":
        row = db.execute(
            "SELECT content_hash FROM dedup_signatures WHERE article_id = ?", [decision.article_id]
        ).fetchone()
        expected = decision.previous["content_hash"] if decision.previous else None
        current = decision.fingerprint.content_hash if decision.fingerprint else None
        if row is None or row[0] not in (expected, current):
            return _decide(db, article, decision)
    return decision


def _same_article(
    db: Any, article: Mapping[str, Any], article_id: str, fp: Fingerprint, own: Any, mark: int
) -> Decision:
    (
        story_id,
        old_hash,
        old_signature,
        old_numbers_json,
        revision,
        relation,
        dup_of,
        trans_of,
        similarity,
        old_shingles,
    ) = own
    decision = Decision(
        article_id, story_id, "same-article", duplicate_of=dup_of, translation_of=trans_of,
        similarity=similarity, revision="none", revision_number=int(revision), fingerprint=fp,
        index_mark=mark,
    )  # fmt: skip
    if old_hash == fp.content_hash:
        return decision
    previous_row = db.execute(
        "SELECT title, lead, body, published_at, updated_at, fetched_at FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    previous: dict[str, Any] = {"content_hash": old_hash, "revision": int(revision)}
    if previous_row is not None:
        keys = ("title", "lead", "body", "published_at", "updated_at", "fetched_at")
        previous.update(zip(keys, previous_row, strict=True))
        old_shingle_set = shingle_hashes(_main_text(previous))
        new_shingle_set = shingle_hashes(_main_text(article))
        union = old_shingle_set | new_shingle_set
        change = 1.0 - (len(old_shingle_set & new_shingle_set) / len(union)) if union else 0.0
    elif old_signature is not None and fp.signature is not None:
        change = 1.0 - estimate_jaccard(old_signature, fp.signature)
    else:
        change = 0.0 if (old_signature is None and fp.signature is None) else 1.0
    old_numbers = json.loads(old_numbers_json) if old_numbers_json else {}
    numbers_changed = numbers_conflict(old_numbers, fp.numbers)
    previous["numbers_changed"] = numbers_changed
    decision.previous = previous
    decision.change_ratio = round(change, 4)
    decision.revision = "substantive" if change >= SUBSTANTIVE_CHANGE or numbers_changed else "minor"
    decision.revision_number = int(revision) + 1
    if old_signature is not None and int(old_shingles) >= MIN_SHINGLES:
        decision.previous_buckets = tuple(lsh_buckets(_SIG.unpack(old_signature)))
    return decision


def _alternate_ids(article: Mapping[str, Any], article_id: str) -> dict[str, str]:
    from crawler.urls import article_id as make_id
    from crawler.urls import canonical_url

    found: dict[str, str] = {}
    for language, url in (article.get("alternates") or {}).items():
        if not url:
            continue
        try:
            target = make_id(canonical_url(str(url)))
        except ValueError:
            continue
        if target != article_id:
            found[target] = str(language)
    return found


def _find_twin(
    db: Any, article: Mapping[str, Any], article_id: str, alternates: Mapping[str, str]
) -> tuple[str, str] | None:
    """(earliest-seen twin article id, its story id) in another language, or None."""
    language = article.get("language")
    rows: list[Any] = []
    site, native = article.get("site"), article.get("native_id")
    if site in TWIN_SITES and native:
        rows += db.execute(
            "SELECT doc, article_id, story_id, language FROM dedup_signatures WHERE site = ? AND native_id = ?",
            [site, str(native)],
        ).fetchall()
    if alternates:
        marks = ",".join("?" * len(alternates))
        rows += db.execute(
            f"SELECT doc, article_id, story_id, language FROM dedup_signatures WHERE article_id IN ({marks})",
            list(alternates),
        ).fetchall()
    # Links the other way: an earlier article listed this one among its alternates.
    rows += db.execute(
        "SELECT s.doc, s.article_id, s.story_id, s.language FROM dedup_alternates a"
        " JOIN dedup_signatures s ON s.article_id = a.article_id WHERE a.target_id = ?",
        [article_id],
    ).fetchall()
    twins = [r for r in rows if r[1] != article_id and (language is None or r[3] != language)]
    if not twins:
        return None
    earliest = min(twins, key=lambda r: r[0])
    return earliest[1], earliest[2]


_CANDIDATE_SQL = " UNION ALL ".join(
    [
        f"SELECT doc FROM (SELECT doc FROM dedup_lsh WHERE band = {b} AND bucket = ? ORDER BY doc DESC LIMIT {BUCKET_CAP})"
        for b in range(BANDS)
    ]
)


def _find_near(db: Any, fp: Fingerprint) -> tuple[str, str, float] | None:
    """(article id, story id, similarity) of the best verified near duplicate, or None."""
    assert fp.signature is not None
    shared = Counter(row[0] for row in db.execute(_CANDIDATE_SQL, list(fp.buckets)))
    if not shared:
        return None
    docs = [doc for doc, _ in shared.most_common(MAX_VERIFY)]
    marks = ",".join("?" * len(docs))
    rows = db.execute(
        f"SELECT doc, article_id, story_id, signature, shingles, numbers FROM dedup_signatures WHERE doc IN ({marks})",
        docs,
    ).fetchall()
    best: tuple[float, int, str, str] | None = None
    mine = _SIG.unpack(fp.signature)
    for doc, other_id, story_id, signature, shingles, numbers in rows:
        if signature is None:
            continue
        jaccard = estimate_jaccard(mine, signature)
        if jaccard < NEAR_JACCARD:
            if jaccard < CONTAINMENT_MIN_JACCARD:
                continue
            shared_count = jaccard * (fp.shingles + shingles) / (1 + jaccard)
            if shared_count / max(1, min(fp.shingles, shingles)) < NEAR_CONTAINMENT:
                continue
        if numbers_conflict(fp.numbers, json.loads(numbers) if numbers else {}):
            continue
        key = (jaccard, -doc)
        if best is None or key > (best[0], -best[1]):
            best = (jaccard, doc, other_id, story_id)
    if best is None:
        return None
    return best[2], best[3], best[0]


# -- record --------------------------------------------------------------------------------------


def record(db: Any, article: Mapping[str, Any], decision: Decision) -> None:
    """Persist `decision` (index, story, revision rows). Raw SQL only: run it in the store's transaction.

    Idempotent: recording the same article again adds no rows and no story.
    """
    fp = decision.fingerprint or fingerprint(article)
    seen = str(article.get("fetched_at") or utcnow_iso())
    if decision.relation == "same-article":
        _record_same(db, article, decision, fp, seen)
        return
    cursor = db.execute(
        "INSERT OR IGNORE INTO dedup_signatures (article_id, story_id, site, language, native_id, relation,"
        " duplicate_of, translation_of, similarity, body_hash, content_hash, signature, shingles, numbers,"
        " revision, published_at, first_seen_at, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            decision.article_id, decision.story_id, article.get("site"), article.get("language"),
            _str_or_none(article.get("native_id")), decision.relation, decision.duplicate_of,
            decision.translation_of, decision.similarity, fp.body_hash, fp.content_hash, fp.signature,
            fp.shingles, json.dumps(fp.numbers, separators=(",", ":")), decision.revision_number,
            article.get("published_at"), seen, seen,
        ],
    )  # fmt: skip
    if cursor.rowcount == 0:
        return  # already recorded (a replay of the same decision)
    doc = cursor.lastrowid
    _index_buckets(db, doc, fp.buckets)
    if decision.alternate_ids:
        _executemany(
            db,
            "INSERT OR IGNORE INTO dedup_alternates (target_id, article_id, language) VALUES (?, ?, ?)",
            [(target, decision.article_id, lang) for target, lang in decision.alternate_ids.items()],
        )
    relation = "origin" if decision.is_new_story else decision.relation
    member = db.execute(
        "INSERT OR IGNORE INTO story_members (story_id, article_id, relation, similarity, added_at) VALUES (?,?,?,?,?)",
        [decision.story_id, decision.article_id, relation, decision.similarity, seen],
    )
    if decision.is_new_story:
        db.execute(
            "INSERT OR IGNORE INTO stories (id, origin_article_id, origin_site, title, first_published_at,"
            " first_seen_at, last_seen_at, languages, sites, member_count) VALUES (?,?,?,?,?,?,?,?,?,1)",
            [
                decision.story_id, decision.article_id, article.get("site"), article.get("title"),
                article.get("published_at"), seen, seen, _json_list([article.get("language")]),
                _json_list([article.get("site")]),
            ],
        )  # fmt: skip
    elif member.rowcount:
        _join_story(db, article, decision, seen)
    for other in decision.merge_stories:
        if other != decision.story_id:
            merge_story(db, other, into=decision.story_id)


def _record_same(db: Any, article: Mapping[str, Any], decision: Decision, fp: Fingerprint, seen: str) -> None:
    if decision.revision in ("minor", "substantive") and decision.previous is not None:
        previous = decision.previous
        inserted = db.execute(
            "INSERT OR IGNORE INTO article_revisions (article_id, revision, title, lead, body, content_hash,"
            " published_at, updated_at, fetched_at, replaced_at, change_ratio, numbers_changed, substantive)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                decision.article_id, previous["revision"], previous.get("title"), previous.get("lead"),
                previous.get("body"), previous["content_hash"], previous.get("published_at"),
                previous.get("updated_at"), previous.get("fetched_at"), seen, decision.change_ratio,
                int(bool(previous.get("numbers_changed"))), int(decision.revision == "substantive"),
            ],
        )  # fmt: skip
        if inserted.rowcount:
            row = db.execute(
                "SELECT doc FROM dedup_signatures WHERE article_id = ?", [decision.article_id]
            ).fetchone()
            doc = row[0]
            if decision.previous_buckets:
                _executemany(
                    db,
                    "DELETE FROM dedup_lsh WHERE band = ? AND bucket = ? AND doc = ?",
                    [(band, bucket, doc) for band, bucket in enumerate(decision.previous_buckets)],
                )
            _index_buckets(db, doc, fp.buckets)
            db.execute(
                "UPDATE dedup_signatures SET body_hash = ?, content_hash = ?, signature = ?, shingles = ?,"
                " numbers = ?, revision = ? WHERE doc = ?",
                [
                    fp.body_hash, fp.content_hash, fp.signature, fp.shingles,
                    json.dumps(fp.numbers, separators=(",", ":")), decision.revision_number, doc,
                ],
            )  # fmt: skip
    db.execute(
        "UPDATE dedup_signatures SET last_seen_at = max(last_seen_at, ?) WHERE article_id = ?",
        [seen, decision.article_id],
    )
    db.execute(
        "UPDATE stories SET last_seen_at = max(last_seen_at, ?) WHERE id = ?", [seen, decision.story_id]
    )


def _join_story(db: Any, article: Mapping[str, Any], decision: Decision, seen: str) -> None:
    row = db.execute(
        "SELECT first_published_at, first_seen_at, last_seen_at, languages, sites FROM stories WHERE id = ?",
        [decision.story_id],
    ).fetchone()
    if row is None:  # the story row was lost (never expected); rebuild it around this member
        db.execute(
            "INSERT INTO stories (id, origin_article_id, origin_site, title, first_published_at, first_seen_at,"
            " last_seen_at, languages, sites, member_count) VALUES (?,?,?,?,?,?,?,?,?,"
            " (SELECT count(*) FROM story_members WHERE story_id = ?))",
            [
                decision.story_id, decision.article_id, article.get("site"), article.get("title"),
                article.get("published_at"), seen, seen, _json_list([article.get("language")]),
                _json_list([article.get("site")]), decision.story_id,
            ],
        )  # fmt: skip
        return
    first_published, first_seen, last_seen, languages, sites = row
    published = article.get("published_at")
    updates: dict[str, Any] = {
        "first_seen_at": min(first_seen, seen),
        "last_seen_at": max(last_seen, seen),
        "languages": _json_list([*json.loads(languages), article.get("language")]),
        "sites": _json_list([*json.loads(sites), article.get("site")]),
    }
    if published and (first_published is None or published < first_published):
        # The origin is the earliest *published* member, whatever order the crawl found them in.
        updates.update(
            first_published_at=published,
            origin_article_id=decision.article_id,
            origin_site=article.get("site"),
            title=article.get("title"),
        )
    assignments = ", ".join(f"{column} = ?" for column in updates)
    db.execute(
        f"UPDATE stories SET {assignments}, member_count = member_count + 1 WHERE id = ?",
        [*updates.values(), decision.story_id],
    )


def merge_story(db: Any, source: str, *, into: str) -> None:
    """Fold story `source` into story `into`: members, index rows, articles and alert hits move; the
    surviving story's origin, dates, languages and sites are recomputed from all its members. Raw SQL
    only (the store's transaction)."""
    if source == into or db.execute("SELECT 1 FROM stories WHERE id = ?", [source]).fetchone() is None:
        return
    # The folded story's opener no longer opened the story it is in: left "origin", the merged story had two.
    db.execute(
        "UPDATE story_members SET relation = 'merged' WHERE story_id = ? AND relation = 'origin'", [source]
    )
    for table in ("story_members", "dedup_signatures", "articles"):
        db.execute(f"UPDATE {table} SET story_id = ? WHERE story_id = ?", [into, source])
    # A rule that already fired on both stories keeps both hits (history), now under one story: the first
    # moves as it is; the other would break UNIQUE (rule_id, story_id, occasion), so it moves re-keyed as
    # merged:<old story>, and its deliveries not yet sent are dropped (the story has alerted once already).
    # Left on the deleted story id, it showed the story twice in the rule's feed (issue 16 item 3).
    db.execute("UPDATE OR IGNORE alert_hits SET story_id = ? WHERE story_id = ?", [into, source])
    leftover = [
        row[0] for row in db.execute("SELECT id FROM alert_hits WHERE story_id = ?", [source]).fetchall()
    ]
    if leftover:
        marks = ", ".join("?" for _ in leftover)
        db.execute(f"DELETE FROM deliveries WHERE status = 'pending' AND hit_id IN ({marks})", leftover)
        db.execute(
            "UPDATE alert_hits SET story_id = ?, occasion = 'merged:' || ? || CASE WHEN occasion = '' THEN ''"
            f" ELSE ':' || occasion END WHERE id IN ({marks})",
            [into, source, *leftover],
        )
    old = db.execute("SELECT first_seen_at, last_seen_at FROM stories WHERE id = ?", [source]).fetchone()
    db.execute("DELETE FROM stories WHERE id = ?", [source])
    members = db.execute(
        "SELECT article_id, site, language, published_at FROM dedup_signatures WHERE story_id = ?"
        " ORDER BY published_at IS NULL, published_at, doc",
        [into],
    ).fetchall()
    origin_id, origin_site, _, first_published = members[0]
    title_row = db.execute("SELECT title FROM articles WHERE id = ?", [origin_id]).fetchone()
    db.execute(
        "UPDATE stories SET origin_article_id = ?, origin_site = ?, title = coalesce(?, title),"
        " first_published_at = ?, first_seen_at = min(first_seen_at, ?), last_seen_at = max(last_seen_at, ?),"
        " languages = ?, sites = ?, member_count = ? WHERE id = ?",
        [
            origin_id, origin_site, title_row[0] if title_row else None, first_published, old[0], old[1],
            _json_list([m[2] for m in members]), _json_list([m[1] for m in members]), len(members), into,
        ],
    )  # fmt: skip


def _index_buckets(db: Any, doc: int, buckets: Sequence[int]) -> None:
    """The LSH rows of a signature: one per band."""
    if buckets:
        _executemany(
            db,
            "INSERT OR IGNORE INTO dedup_lsh (band, bucket, doc) VALUES (?, ?, ?)",
            [(band, bucket, doc) for band, bucket in enumerate(buckets)],
        )


def _executemany(db: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    # sqlite_utils.Database has no executemany; its connection does (same transaction).
    getattr(db, "conn", db).executemany(sql, rows)


def _json_list(values: Iterable[Any]) -> str:
    return json.dumps(sorted({str(v) for v in values if v}), ensure_ascii=False)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
