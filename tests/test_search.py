"""crawler/web/search.py: FTS5 prefix candidates from the matcher's keys, verified by find_matches; and the
Datasette metadata (crawler/web/metadata.py) kept in step with docs/schema.md."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler.matching import QueryError, find_matches
from crawler.store.db import open_db
from crawler.web.metadata import DATABASE, is_hidden, parse_schema_md
from crawler.web.search import Filters, fts_expression, fts_only, search, utc_bounds
from tests.test_alerts import article, make_db

ROOT = Path(__file__).resolve().parent.parent

# query -> forms a text may use (every one matches the query through the alert engine)
FORMS = {
    "Тоқаев": ["Тоқаевтың", "Тоқаевқа", "Тоқаевпен", "Тоқаевтан", "Тоқаев"],
    "салық": ["салығы", "салықтың", "салыққа", "салықтарды"],
    "халық": ["халқы", "халықтың", "халыққа"],
    "Токаев": ["Токаева", "Токаеву", "Токаевым", "Токаеве"],
    "Токаева": ["Токаевой", "Токаеву"],
    "налог": ["налога", "налогами", "налогов", "налоге"],
    "человек": ["людей", "человека", "люди"],
    # proper nouns the dictionary knows (rn: keys) and a word it lacks (the regular declension, p: keys)
    "Астана": ["Астаны", "Астане", "Астанада", "Астананың"],
    "Украина": ["Украины", "Украине"],
    "биткойн": ["биткойна", "биткойнами", "биткойны"],
}


def test_every_key_kind_of_the_matcher_has_its_prefixes() -> None:
    # A key kind the search does not know would make it miss the forms that kind matches (Астаны, Астане
    # were missed so when the matcher began to key proper nouns apart).
    from crawler.matching import keyword_keys
    from crawler.web.search import KEY_KINDS, word_prefixes

    words = [
        "Тоқаев",
        "салық",
        "Токаев",
        "Токаева",
        "налог",
        "Астана",
        "Украина",
        "биткойн",
        "Лев",
        "Qazaqstan",
    ]
    kinds = {key.split(":", 1)[0] for w in words for key in keyword_keys(w, w.lower(), None, False)}
    assert kinds <= KEY_KINDS, kinds - KEY_KINDS
    assert {"rn", "p", "r", "k", "s"} <= kinds  # the list above exercises the kinds that have prefixes
    assert all(word_prefixes(w, w.lower()) for w in words)


@pytest.mark.parametrize("query", sorted(FORMS))
def test_the_fts_expression_selects_every_form_the_matcher_accepts(tmp_path: Path, query: str) -> None:
    conn = sqlite3.connect(tmp_path / "fts.db")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61')")
    texts = [f"Бүгін {form} туралы айтылды." for form in FORMS[query]] + ["Мүлдем басқа мәтін, бөтен сөздер."]
    for text in texts[:-1]:
        assert find_matches(query, text), (query, text)  # the premise: the alert engine accepts the form
    conn.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", list(enumerate(texts, 1)))
    expression = fts_expression(query)
    assert expression is not None
    found = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression])}
    assert found == set(range(1, len(texts)))
    # Plain FTS5 on the word as typed misses inflected forms (the reason for all this).
    plain = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [f'"{query}"'])}
    assert plain < found


def test_expressions_of_the_query_language() -> None:
    assert fts_expression("Тоқаев") == '"тоқаев"*'
    assert fts_expression("Тоқаев -футбол") == '"тоқаев"*'  # NOT is left to the verification
    assert fts_expression("ҚР") == '"қр"'  # two letters: exact, as the matcher
    both = fts_expression('Тоқаев AND (салық OR "Ұлттық банк")')
    assert both is not None and both.startswith('("тоқаев"* AND (') and '"ұлттық"*' in both
    with pytest.raises(QueryError):
        fts_expression("(Тоқаев")


def test_search_verifies_filters_and_orders_newest_first(tmp_path: Path) -> None:
    db_path, _ = make_db(
        tmp_path,
        [
            article(1, title="Тоқаевтың сапары", body="Мемлекет басшысы сапармен барды.", published_at="2026-03-10T04:00:00Z"),
            article(2, language="ru", title="Визит Токаева", body="Глава государства прибыл.", published_at="2026-03-12T04:00:00Z"),
            article(3, title="Тоқаевқа хат", body="Хат жолданды.", site="primeminister_kz", native_id="7",
                    url="https://primeminister.kz/kz/news/7", published_at="2026-03-11T04:00:00Z"),
            # A prefix candidate that is not a form of the keyword: the verification drops it.
            article(4, title="Тоқаевшылдар туралы", body="Басқа сөз.", published_at="2026-03-13T04:00:00Z"),
        ],
    )  # fmt: skip
    conn = sqlite3.connect(db_path)
    result = search(conn, "Тоқаев")
    titles = [h.article["title"] for h in result.hits]
    assert titles == ["Тоқаевқа хат", "Тоқаевтың сапары"]  # newest first; Тоқаевшылдар is another word
    assert result.candidates_read == 3 and result.exhausted
    assert result.hits[0].forms == ["Тоқаевқа"]
    russian = search(conn, "Токаев")
    assert [(h.article["title"], h.forms) for h in russian.hits] == [("Визит Токаева", ["Токаева"])]
    only_kk = search(conn, "Тоқаев", Filters(languages=["kk"], sites=["primeminister_kz"]))
    assert [h.article["title"] for h in only_kk.hits] == ["Тоқаевқа хат"]
    # Almaty local days: 2026-03-11 04:00Z is 09:00 in Almaty on the 11th.
    one_day = search(conn, "Тоқаев", Filters(since=date(2026, 3, 11), until=date(2026, 3, 11)))
    assert [h.article["title"] for h in one_day.hits] == ["Тоқаевқа хат"]
    assert utc_bounds(date(2026, 3, 11), date(2026, 3, 11)) == (
        "2026-03-10T19:00:00Z",
        "2026-03-11T19:00:00Z",
    )
    limited = search(conn, "Тоқаев", limit=1)
    assert len(limited.hits) == 1 and not limited.exhausted
    assert len(fts_only(conn, "Тоқаев")) == 0  # no article has the bare form: plain FTS5 finds nothing
    conn.close()


def test_metadata_describes_every_table_and_column_of_docs_schema(tmp_path: Path) -> None:
    from crawler.web.schema_descriptions import COLUMNS

    documented = parse_schema_md((ROOT / "docs" / "schema.md").read_text(encoding="utf-8"))
    assert COLUMNS == documented, (
        "crawler/web/schema_descriptions.py is stale: run python -m crawler.web.metadata"
    )
    # The documented command regenerates exactly what is committed (as ruff formats it).
    out = tmp_path / "descriptions.py"
    subprocess.run([sys.executable, "-m", "crawler.web.metadata", str(out)], check=True, cwd=ROOT)
    subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "format", "-q", str(out)], check=True, cwd=ROOT
    )
    committed = (ROOT / "crawler" / "web" / "schema_descriptions.py").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
    db = open_db(tmp_path / "m.db")
    for table in db.table_names():
        if table.startswith("articles_fts"):
            assert DATABASE["tables"][table]["hidden"] is True
            continue
        meta = DATABASE["tables"][table]
        assert meta["description"], table
        columns = {c.name for c in db[table].columns}
        assert columns <= set(meta["columns"]), (table, columns - set(meta["columns"]))
    assert is_hidden("dedup_lsh") and not is_hidden("articles")
    assert DATABASE["tables"]["articles"]["sort_desc"] == "published_at"


def test_search_stops_at_its_time_budget(tmp_path: Path) -> None:
    db_path, _ = make_db(tmp_path, [article(i, title=f"Тоқаевтың сапары {i}") for i in range(1, 6)])
    conn = sqlite3.connect(db_path)
    stopped = search(conn, "Тоқаев", time_budget=0.0)
    assert stopped.timed_out and not stopped.exhausted and stopped.hits == []
    full = search(conn, "Тоқаев")
    assert not full.timed_out and full.exhausted and len(full.hits) == 5
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5  # the handler is gone
    conn.close()


def test_both_candidate_plans_give_the_same_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crawler.web import search as search_module

    rows = [
        article(i, title=f"Тоқаев{'тың' if i % 2 else 'қа'} сапары {i}", body="Мәтін." if i % 3 else "Басқа.",
                language="kk", published_at=None if i == 7 else f"2026-03-{10 + (i * 7) % 13:02d}T0{i % 10}:00:00Z")
        for i in range(1, 13)
    ]  # fmt: skip
    rows.append(
        article(20, language="ru", title="Визит Токаева", body="Текст.", published_at="2026-03-30T04:00:00Z")
    )
    rows.append(
        article(21, site="primeminister_kz", native_id="77", url="https://primeminister.kz/kz/news/77",
                title="Үкімет", body="Тоқаевтың тапсырмасы.", published_at="2026-03-09T04:00:00Z")
    )  # fmt: skip
    db_path, _ = make_db(tmp_path, rows)
    conn = sqlite3.connect(db_path)
    queries = [
        ("Тоқаев", Filters()),
        ("Тоқаев", Filters(since=date(2026, 3, 15))),
        ("Токаев", Filters()),
        ("Тоқаев", Filters(sites=["primeminister_kz"])),  # the filter keeps one of the word's 13 articles
    ]
    few = [[h.article["id"] for h in search(conn, q, f).hits] for q, f in queries]
    monkeypatch.setattr(search_module, "FEW", 0)
    monkeypatch.setattr(search_module, "SLICE", 3)  # many slices, rowid ranges overlapping out of order
    many = [[h.article["id"] for h in search(conn, q, f).hits] for q, f in queries]
    assert many == few and len(few[0]) == 13 and few[2] == ["art20"] and few[3] == ["art21"]
    monkeypatch.setattr(search_module, "SLICE", 1)
    monkeypatch.setattr(search_module, "SLICES_BEFORE_SORT", 2)  # selective filters: walk, then sort the rest
    sorted_rest = [[h.article["id"] for h in search(conn, q, f).hits] for q, f in queries]
    assert sorted_rest == few
    undated = conn.execute("SELECT id FROM articles WHERE published_at IS NULL").fetchone()[0]
    assert few[0][-1] == undated  # the undated come after every dated one
    conn.close()


def test_prefixes_spelled_out_from_the_vocabulary_select_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.web import search as search_module
    from crawler.web.search import expand_prefixes

    rows = [
        article(1, title="Тоқаевтың сапары", body="Мәтін."),
        article(2, title="Тоқаевқа хат", body="Мәтін."),
        article(3, language="ru", title="Налоговый кодекс", body="Налоги и налога."),
        article(4, language="ru", title="Визит Токаева", body="Текст о налогах."),
        article(5, title="Басқа жаңалық", body='Сөз "тырнақшада".'),
    ]
    db_path, _ = make_db(tmp_path, rows)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)  # the vocabulary table is a temp one
    queries = ["Тоқаев", "налог", "Токаев OR налог", "Тоқаев AND NOT хат", "тырнақша"]
    for query in queries:
        expression = fts_expression(query)
        assert expression is not None
        spelled = expand_prefixes(conn, expression)
        assert "*" not in spelled, spelled  # every prefix here covers a few words: spelled out
        ask = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid"
        assert conn.execute(ask, [spelled]).fetchall() == conn.execute(ask, [expression]).fetchall()
    assert expand_prefixes(conn, '"налог"*') == '("налога" OR "налогах" OR "налоги" OR "налоговый")'
    assert expand_prefixes(conn, '"жоқсөз"*') == '"жоқсөз"*'  # no word: left as it is (matches nothing)
    answers = [[h.article["id"] for h in search(conn, q).hits] for q in queries]
    monkeypatch.setattr(search_module, "MAX_TERMS", 1)  # too many words: the prefix query as it was
    assert expand_prefixes(conn, '"налог"*') == '"налог"*'
    assert [[h.article["id"] for h in search(conn, q).hits] for q in queries] == answers
    assert [sorted(a) for a in answers] == [
        ["art1", "art2"],
        ["art3", "art4"],
        ["art3", "art4"],
        ["art1"],
        ["art5"],
    ]
    conn.close()


def test_the_benchmark_database_has_the_shape_of_a_real_one(tmp_path: Path) -> None:
    # benchmarks/search.py measures the claim on a bulk-built database: indexes and FTS triggers dropped
    # for the load and made again after it. It must end as `open_db` makes a database, with every
    # article in the search index, or the figures are about another database.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from db import Builder  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    built = tmp_path / "built.db"
    builder = Builder(built)
    builder.grow(300)
    builder.grow(500)  # a second load on top of the first, as benchmarks/db.py grows its sizes
    fresh = open_db(tmp_path / "fresh.db")
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    conn = sqlite3.connect(built)
    assert conn.execute(schema).fetchall() == fresh.execute(schema).fetchall()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count == 500 and conn.execute("SELECT count(*) FROM dedup_lsh").fetchone()[0] == 500 * 42
    # The FTS rows are the articles' texts, rowid for rowid: a word of each article finds it.
    for rowid, title in conn.execute("SELECT rowid, title FROM articles WHERE rowid % 50 = 1"):
        word = title.split()[0].strip(".,«»")
        found = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [f'"{word}"'])
        assert rowid in {r[0] for r in found}, (rowid, word)
    # FTS5 compares its index with the content table (articles) and raises if they disagree.
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.close()
