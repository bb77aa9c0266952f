"""Search stored articles with the alert engine's word forms: FTS5 finds candidates, `find_matches` decides.

FTS5 (tokenizer unicode61) knows tokens, not Kazakh endings or Russian lemmas: «Тоқаев» finds the token
тоқаев and misses Тоқаевтың, Тоқаевқа. The matcher (crawler/matching.py) knows which tokens a keyword
matches, and every one of them starts with one of a few prefixes it can name:

- a Kazakh keyword is never stemmed and its endings are appended, so its tokens start with the keyword,
  or with the keyword's voiced stem (салық → салығы) or its stem without the dropped vowel (халық → халқы);
- a Russian lemma's tokens are the forms of its lexemes (pymorphy3): their common prefixes;
- a surname-shaped Russian keyword (Токаев, Токаева) takes endings after the keyword or its male stem.

So a query becomes an FTS5 expression of prefix queries (`"тоқаев"* OR ...`) that selects a superset of
the matching articles, cheaply, through the index; each candidate, newest first, is then checked by
`find_matches` on the same text the alerts read (title, lead, body), and only verified ones are shown,
with the forms that matched. NOT parts of a query are left to the verification (a superset stays one).

The parts, in file order:
- Results: `Filters`, `Hit`, `SearchResult`.
- Word prefixes for FTS5: `word_prefixes` (lemma and Kazakh stem prefixes), `fts_expression`.
- Candidates: `utc_bounds`, `_where`, `candidates`.
- Verification and paging: `_walk`, `_sliced`, `search`; `fts_only`; JSON helpers.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from crawler.alerts.rules import article_text
from crawler.dates import ALMATY
from crawler.matching import (
    And,
    Not,
    Or,
    Query,
    Term,
    _lexeme_forms,
    find_matches,
    keyword_keys,
    parse_query,
)

MIN_PREFIX = 3  # shorter prefixes would read a large share of the FTS vocabulary
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Candidates read newest first in batches; a query whose prefixes select many articles that fail the
# verification (a prefix shared by unrelated words) stops after this many, and says so.
MAX_CANDIDATES = 5000
BATCH = 200
TIME_BUDGET = 3.0  # seconds: a page answers, even for a query the plans serve badly
SLICE = 2000  # date-index entries per FTS5 rowid-range question (plan "many")
SLICES_BEFORE_SORT = 5  # slices that yielded fewer rows than this: the filters are selective, sort instead
FEW = 3000  # up to this many FTS rows, sort their dates; above, walk the date index (see candidates)
FIRST_BATCH = 16  # candidate rows read at first; doubling up to BATCH (a page needs ~limit of them)
MAX_TERMS = 300  # a prefix with more indexed words than this stays a prefix query (see expand_prefixes)
VOCAB = "kznews_fts_vocab"
_PREFIX_TOKEN = re.compile(r'"((?:[^"]|"")+)"\*')
_VOICED = {"қ": "ғ", "к": "г", "п": "б"}
_NARROW = "ыі"
# The matcher's keyword key kinds (crawler/matching.py keyword_keys, without folding) and what each matches:
# x exact token, l Latin Kazakh converted, k/ka/kv Kazakh stem + endings, s/sf surname stem + endings,
# r/rn a Russian lemma's forms (rn: a proper noun's), p:<class>:<stem> a regular declension's forms.
KEY_KINDS = frozenset({"x", "l", "k", "ka", "kv", "s", "sf", "r", "rn", "p"})


@dataclass
class Filters:
    """What a result must also be: any of these sites / languages, published in [since, until] (Almaty
    local days, inclusive), citing any of these sources. Empty lists and None let everything through."""

    sites: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    cited: list[str] = field(default_factory=list)


@dataclass
class Hit:
    rowid: int
    article: dict[str, Any]
    forms: list[str]


@dataclass
class SearchResult:
    query: str
    fts: str | None
    hits: list[Hit]
    candidates_read: int
    exhausted: bool  # every candidate was read: the hits are all there are (up to the limit)
    seconds: float
    timed_out: bool = False  # stopped by the time budget

    def stories(self) -> list[tuple[str, list[Hit]]]:
        """The hits grouped by story, in order of each story's newest hit."""
        groups: dict[str, list[Hit]] = {}
        for hit in self.hits:
            key = str(hit.article.get("story_id") or hit.article["id"])
            groups.setdefault(key, []).append(hit)
        return list(groups.items())


# --- from a query to an FTS5 expression -------------------------------------------------------------------


def _lcp(words: Sequence[str]) -> str:
    first, last = min(words), max(words)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _lemma_prefixes(lemma: str) -> set[str]:
    forms = set(_lexeme_forms(lemma)) | {lemma}
    common = _lcp(sorted(forms))
    if len(common) >= MIN_PREFIX:
        return {common}
    # Suppletive or short paradigms (человек / люди, идти / шёл): one prefix per group of forms.
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[:MIN_PREFIX], []).append(form)
    return {_lcp(sorted(group)) for group in groups.values()}


def _kazakh_prefixes(word: str) -> set[str]:
    out = {word}
    if word[-1] in _VOICED:
        out.add(word[:-1] + _VOICED[word[-1]])
    if len(word) >= 4 and word[-2] in _NARROW:
        out.add(word[:-2] + word[-1])
    return out


def word_prefixes(original: str, word: str) -> set[str]:
    """Prefixes that every token matching this keyword word starts with (from the matcher's own keys)."""
    out: set[str] = set()
    for key in keyword_keys(original, word, None, False):
        kind, _, value = key.partition(":")
        if kind not in KEY_KINDS:
            # A key kind this module does not know would match tokens no prefix here selects: the search
            # would silently miss them. tests/test_search.py fails first; here, no prefixes: this word does
            # not narrow the candidates (slow, never wrong).
            return set()
        if kind in ("x", "l", "s", "sf", "ka", "kv"):
            out.add(value)
        elif kind == "k":
            out |= _kazakh_prefixes(value)
        elif kind in ("r", "rn"):
            out |= _lemma_prefixes(value)
        elif kind == "p":
            out.add(value.partition(":")[2])  # p:<declension class>:<stem>; every ending follows the stem
    # A prefix that another one starts with adds nothing.
    ordered = sorted(out, key=len)
    kept: list[str] = []
    for prefix in ordered:
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return set(kept)


def _fts_token(prefix: str, exact: bool) -> str:
    quoted = '"' + prefix.replace('"', '""') + '"'
    return quoted if exact else quoted + "*"


def _fts_word(original: str, word: str) -> str | None:
    prefixes = word_prefixes(original, word)
    parts = []
    for prefix in sorted(prefixes):
        if len(prefix) < MIN_PREFIX:
            # The matcher matches keywords of two letters or fewer exactly; a short prefix of a longer
            # word would read half the index: use the word itself then (the verification decides).
            parts.append(_fts_token(prefix if len(word) < MIN_PREFIX else word, exact=len(word) < MIN_PREFIX))
        else:
            parts.append(_fts_token(prefix, exact=False))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(sorted(set(parts))) + ")"


def _expression(node: Query) -> str | None:
    """FTS5 text for the articles that may match `node`; None means "no restriction" (cannot narrow)."""
    if isinstance(node, Term):
        words = [_fts_word(o, w) for o, w in zip(node.originals, node.words, strict=True)]
        known = [w for w in words if w]
        if not known:
            return None
        return known[0] if len(known) == 1 else "(" + " AND ".join(known) + ")"
    if isinstance(node, Not):
        return None  # left to the verification
    if isinstance(node, And):
        parts = [p for p in (_expression(c) for c in node.children) if p]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
    if isinstance(node, Or):
        options = [_expression(c) for c in node.children]
        if any(p is None for p in options):
            return None  # one branch cannot be narrowed: neither can the whole
        return "(" + " OR ".join(p for p in options if p) + ")"
    return None


def fts_expression(query: str) -> str | None:
    """The FTS5 MATCH expression whose rows include every article `query` matches (QueryError if bad)."""
    return _expression(parse_query(query))


def expand_prefixes(conn: sqlite3.Connection, fts: str) -> str:
    """The same expression with each prefix query `"налог"*` spelled out as the indexed words it covers
    (`("налог" OR "налога" OR ...)`), read from the FTS5 vocabulary.

    The same rows, much cheaper to ask again and again: FTS5 (without a prefix index) answers a prefix
    query by merging the whole posting lists of every word with that prefix, for every question, even
    one about a short rowid range (benchmarks/search.py at 1M articles: each slice of the date walk paid
    for every Астана in the archive); an OR of words seeks in each word's list. The vocabulary is read
    once per search; a prefix covering more than MAX_TERMS words stays as it is."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCAB} USING fts5vocab(main, articles_fts, row)")

    def spelled(match: re.Match[str]) -> str:
        prefix = match.group(1).replace('""', '"')
        # Every word that starts with the prefix sorts in [prefix, prefix + U+10FFFF).
        rows = conn.execute(
            f"SELECT term FROM temp.{VOCAB} WHERE term >= ? AND term < ? LIMIT ?",  # noqa: S608
            [prefix, prefix + "\U0010ffff", MAX_TERMS + 1],
        ).fetchall()
        if not rows or len(rows) > MAX_TERMS:
            return match.group(0)
        terms = ['"' + row[0].replace('"', '""') + '"' for row in rows]
        return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"

    return _PREFIX_TOKEN.sub(spelled, fts)


# --- running a search -------------------------------------------------------------------------------------


def utc_bounds(since: date | None, until: date | None) -> tuple[str | None, str | None]:
    """Almaty local days [since, until] as UTC instant bounds [start, end) in the stored format."""
    from datetime import UTC

    def start(day: date) -> str:
        return datetime.combine(day, dtime.min, ALMATY).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    return (start(since) if since else None, start(until + timedelta(days=1)) if until else None)


def _in_list(column: str, values: Sequence[str], params: list[Any]) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' for _ in values)})"


def _where(filters: Filters, params: list[Any]) -> list[str]:
    # Unary + keeps SQLite from driving the query by a filter's index (all of one site's rows, a year of
    # dates) when the candidates are a short rowid list or the FTS set: the plans below choose the order.
    clauses = []
    if filters.sites:
        clauses.append(_in_list("+a.site", filters.sites, params))
    if filters.languages:
        clauses.append(_in_list("+a.language", filters.languages, params))
    low, high = utc_bounds(filters.since, filters.until)
    if low:
        clauses.append("+a.published_at >= ?")
        params.append(low)
    if high:
        clauses.append("+a.published_at < ?")
        params.append(high)
    if filters.cited:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(a.cited_sources) WHERE "
            + _in_list("value", filters.cited, params)
            + ")"
        )
    return clauses


COLUMNS = (
    "id", "url", "site", "language", "title", "lead", "body", "published_at", "date_precision",
    "first_seen_at", "story_id", "cited_sources", "authors",
)  # fmt: skip


def candidates(conn: sqlite3.Connection, fts: str | None, filters: Filters) -> Iterator[tuple[Any, ...]]:
    """Candidate rows (rowid + COLUMNS), newest first: dated by publication, then the undated by first seen.

    Two plans, chosen by how many rows the FTS expression selects (read up to FEW + 1 of them):
    - few: their rowids with their dates, filtered, sorted here; the rows are then read in that order;
    - many (a frequent word): walk the published_at index newest first in slices of SLICE entries and ask
      FTS5 only about each slice's rowid range (`rowid BETWEEN`, a seek in its posting lists), so the
      first page costs a slice or two; SQLite's own plan for `rowid IN (...) ORDER BY published_at`
      reads and sorts every match, and even materialising the match set costs time linear in it.
    """
    params: list[Any] = []
    where = _where(filters, params)
    if fts is None:
        yield from _walk(conn, where, params)
        return
    selected = conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
        [fts, FEW + 1],
    ).fetchone()[0]
    in_fts = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    if selected <= FEW:
        yield from _few(conn, [in_fts, *where], [fts, *params])
        return
    yield from _sliced(conn, fts, where, params, utc_bounds(filters.since, filters.until))
    yield from _walk(conn, [in_fts, *where], [fts, *params], dated=False)


def _select(where: Sequence[str]) -> str:
    return f"SELECT a.rowid, {', '.join('a.' + c for c in COLUMNS)} FROM articles a WHERE " + " AND ".join(
        [*where, "1"]
    )


def _walk(
    conn: sqlite3.Connection, where: list[str], params: list[Any], *, dated: bool = True
) -> Iterator[tuple[Any, ...]]:
    passes = [(where + ["a.published_at IS NULL"], "a.first_seen_at DESC")]
    if dated:
        passes.insert(0, (where + ["a.published_at IS NOT NULL"], "a.published_at DESC"))
    for clauses, order in passes:
        cursor = conn.execute(_select(clauses) + " ORDER BY " + order, params)
        size = FIRST_BATCH
        while True:
            rows = cursor.fetchmany(size)
            if not rows:
                break
            yield from (tuple(r) for r in rows)
            size = min(BATCH, size * 2)
        cursor.close()


def _sliced(
    conn: sqlite3.Connection,
    fts: str,
    where: list[str],
    params: list[Any],
    bounds: tuple[str | None, str | None],
) -> Iterator[tuple[Any, ...]]:
    low, high = bounds
    walk = conn.execute(
        "SELECT rowid, published_at FROM articles INDEXED BY articles_published WHERE published_at IS NOT NULL"
        " AND published_at >= coalesce(?, '') AND published_at < coalesce(?, 'A')"  # 'A' sorts after digits
        " ORDER BY published_at DESC",
        [low, high],
    )
    yielded: set[int] = set()
    slices = 0
    while True:
        keys = walk.fetchmany(SLICE)
        if not keys:
            break
        slices += 1
        if slices > SLICES_BEFORE_SORT and len(yielded) < SLICES_BEFORE_SORT:
            # The filters keep almost none of this frequent word's rows (a Kazakh word in Russian
            # articles of one site): sort the dates of what is left instead of walking on.
            walk.close()
            in_fts = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            rest = [in_fts, "a.published_at IS NOT NULL", "a.published_at <= ?", *where]
            yield from _few(conn, rest, [fts, keys[0][1], *params], skip=yielded)
            return
        ids = [k[0] for k in keys]
        hits = {
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
                [fts, min(ids), max(ids)],
            )
        }
        wanted = [i for i in ids if i in hits]
        for chunk in _batches(wanted):
            clauses = [f"a.rowid IN ({', '.join('?' for _ in chunk)})", *where]
            rows = {r[0]: tuple(r) for r in conn.execute(_select(clauses), [*chunk, *params])}
            for i in chunk:
                if i in rows:
                    yielded.add(i)
                    yield rows[i]
    walk.close()


def _batches(order: list[int]) -> Iterator[list[int]]:
    """`order` in chunks of FIRST_BATCH, doubling up to BATCH: a page of results reads the few full rows
    (bodies: kilobytes each) it verifies, not BATCH of them."""
    size, start = FIRST_BATCH, 0
    while start < len(order):
        yield order[start : start + size]
        start += size
        size = min(BATCH, size * 2)


def _few(
    conn: sqlite3.Connection,
    where: list[str],
    params: list[Any],
    *,
    skip: set[int] | frozenset[int] = frozenset(),
) -> Iterator[tuple[Any, ...]]:
    keys = conn.execute(
        "SELECT a.rowid, a.published_at, a.first_seen_at FROM articles a WHERE " + " AND ".join(where), params
    ).fetchall()
    # Dated first, newest first; then the undated by first seen, newest first.
    keys.sort(key=lambda k: k[2] or "", reverse=True)
    keys.sort(key=lambda k: k[1] or "", reverse=True)
    keys.sort(key=lambda k: k[1] is None)
    order = [k[0] for k in keys if k[0] not in skip]
    for chunk in _batches(order):
        rows = {
            r[0]: tuple(r)
            for r in conn.execute(_select([f"a.rowid IN ({', '.join('?' for _ in chunk)})"]), chunk)
        }
        yield from (rows[rowid] for rowid in chunk if rowid in rows)


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    max_candidates: int = MAX_CANDIDATES,
    time_budget: float = TIME_BUDGET,
) -> SearchResult:
    """The newest `limit` articles `query` matches (alert semantics), with their matched forms.

    Bounded: at most `max_candidates` verified and `time_budget` seconds spent (a filter that excludes
    almost every match of a frequent word makes the date-index walk long); the result then says it
    stopped early (`exhausted` False, `timed_out`).
    """
    started = time.perf_counter()
    fts = fts_expression(query)  # raises QueryError for a malformed query
    hits: list[Hit] = []
    read = 0
    exhausted = True
    timed_out = False
    deadline = started + time_budget
    # SQLite calls this every 10,000 virtual machine steps; a non-zero answer interrupts the statement.
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
    try:
        spelled = expand_prefixes(conn, fts) if fts else fts
        for row in candidates(conn, spelled, filters or Filters()):
            if read >= max_candidates or time.perf_counter() > deadline:
                exhausted = False
                timed_out = read < max_candidates
                break
            read += 1
            article = dict(zip(COLUMNS, row[1:], strict=True))
            forms = find_matches(query, article_text(article), lang=article["language"])
            if forms:
                hits.append(Hit(row[0], article, forms))
                if len(hits) >= limit:
                    exhausted = False
                    break
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        exhausted, timed_out = False, True
    finally:
        conn.set_progress_handler(None, 0)
    return SearchResult(query, fts, hits, read, exhausted, time.perf_counter() - started, timed_out)


def fts_only(conn: sqlite3.Connection, query: str, *, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Plain FTS5 on the words as typed (what Datasette's search box does), newest first, through the same
    candidate plans as `search` but without word forms or verification: the benchmark's baseline."""
    words = [w for w in query.replace('"', " ").split() if w.upper() not in ("AND", "OR", "NOT")]
    expression = " AND ".join('"' + w + '"' for w in words)
    out: list[int] = []
    for row in candidates(conn, expression, Filters()):
        out.append(row[0])
        if len(out) >= limit:
            break
    return out


def json_list(value: Any) -> list[str]:
    if not value:
        return []
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return [str(value)]
    return [str(v) for v in loaded] if isinstance(loaded, list) else [str(loaded)]


def split_values(values: Iterable[str]) -> list[str]:
    """Form values (repeated and comma-separated) as one clean list."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]
