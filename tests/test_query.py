"""The alert query language: syntax tree, precedence, errors with positions, hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.matching import And, Not, Or, Query, QueryError, Term, find_matches, parse_query


def show(node: Query) -> str:
    """A compact rendering of the tree: words, "phrases", (a & b), (a | b), !a."""
    if isinstance(node, Term):
        text = " ".join(node.words)
        return f'"{text}"' if len(node.words) > 1 else text
    if isinstance(node, Not):
        return "!" + show(node.child)
    sep = " & " if isinstance(node, And) else " | "
    return "(" + sep.join(show(c) for c in node.children) + ")"


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("Тоқаев", "тоқаев"),
        ("Тоқаев Мамин", "(тоқаев & мамин)"),
        ("Тоқаев AND Мамин", "(тоқаев & мамин)"),
        ("a OR b AND c", "(a | (b & c))"),  # AND binds tighter than OR
        ("a b OR c", "((a & b) | c)"),  # so does the implicit AND
        ("(a OR b) c", "((a | b) & c)"),
        ("a OR b OR c", "(a | b | c)"),
        ("a NOT b", "(a & !b)"),
        ("a AND NOT b", "(a & !b)"),
        ("a -b -c", "(a & !b & !c)"),
        ("a -(b OR c)", "(a & !(b | c))"),
        ('a -"b c"', '(a & !"b c")'),
        ('"Ұлттық банк"', '"ұлттық банк"'),
        ("«Ұлттық банк» OR Нацбанк", '("ұлттық банк" | нацбанк)'),
        ("Қасым-Жомарт", '"қасым жомарт"'),  # a hyphenated word is a phrase of its parts
        ("ТОҚАЕВ", "тоқаев"),
        ("ёлка", "елка"),
        ("and or not", "(and & or & not)"),  # only UPPERCASE words are operators
        ('"AND" Тоқаев', "(and & тоқаев)"),
        ("Тоқаев*", "тоқаев"),  # no wildcard syntax: punctuation is not part of a word
        ("Тоқаев - Мамин", "(тоқаев & мамин)"),  # a lone dash is punctuation, not NOT
        ("((a))", "a"),
    ],
)
def test_parse_tree(query: str, tree: str) -> None:
    assert show(parse_query(query)) == tree


def test_term_positions_are_one_based() -> None:
    tree = parse_query("Тоқаев OR  Мамин")
    assert isinstance(tree, Or)
    assert [c.position for c in tree.children if isinstance(c, Term)] == [1, 12]
    term = parse_query("Тоқаев")
    assert isinstance(term, Term) and term.originals == ("Тоқаев",)


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("", 1, "empty query"),
        ("   ", 1, "empty query"),
        ("* ^ ;", 1, "empty query"),
        ("Тоқаев (Мамин", 8, 'unbalanced parenthesis: "(" at position 8 is never closed'),
        ("Тоқаев) Мамин", 7, 'unbalanced parenthesis: ")" at position 7 has no matching "("'),
        ("(a OR b))", 9, 'unbalanced parenthesis: ")" at position 9'),
        ('Тоқаев "Ұлттық банк', 8, "unbalanced quote"),
        ("«Ұлттық банк", 1, "unbalanced quote"),
        ('""', 1, "empty phrase"),
        ("()", 1, "empty parentheses"),
        ("Тоқаев AND", 8, 'dangling operator: "AND" at position 8 is followed by the end of the query'),
        ("Тоқаев OR", 8, 'dangling operator: "OR" at position 8'),
        ("AND Тоқаев", 1, 'dangling operator: "AND" at position 1 has nothing before it'),
        ("OR Тоқаев", 1, 'dangling operator: "OR" at position 1'),
        ("a AND OR b", 3, 'dangling operator: "AND" at position 3 is followed by "OR" at position 7'),
        ("(a OR) b", 4, 'dangling operator: "OR" at position 4 is followed by ")" at position 6'),
        ("NOT", 1, 'dangling operator: "NOT" at position 1'),
        ("a NOT", 3, 'dangling operator: "NOT" at position 3'),
        ("NOT Тоқаев", 1, "query only excludes words"),
        ("-Тоқаев", 1, "query only excludes words"),
        ("-Тоқаев -Мамин", 1, "query only excludes words"),
        ("NOT (a OR b)", 1, "query only excludes words"),
        ("a OR NOT b", 6, "every alternative of OR needs a word to look for"),
        ("(NOT a) OR b", 2, "every alternative of OR needs a word to look for"),
        ("a OR (-b -c)", 7, "every alternative of OR needs a word to look for"),
        ("(" * 33 + "a" + ")" * 33, 33, "nested too deeply"),
        ("NOT " * 33 + "a b", 129, "nested too deeply"),
        ("a " * 501, 1001, "query too long: 1002 characters, the limit is 1000"),
    ],
)
def test_query_errors_name_problem_and_position(query: str, position: int, words: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    error = info.value
    assert error.position == position
    assert words in str(error)
    assert str(error) == error.message
    assert f"position {position}" in str(error)
    assert "\n" not in str(error) and str(error).count(". ") == 0, "one sentence"
    assert isinstance(error, ValueError)


def test_limits_are_inclusive() -> None:
    parse_query("(" * 32 + "a" + ")" * 32)
    parse_query("a" * 1000)


INJECTIONS = [
    "'; DROP TABLE articles; --",
    "Тоқаев'; DELETE FROM alert_hits WHERE '1'='1",
    "1 OR 1=1",
    "Тоқаев UNION SELECT * FROM sqlite_master",
    "NEAR(Тоқаев Мамин, 5)",
    "Тоқаев NEAR/3 Мамин",
    "Тоқаев*",
    "^Тоқаев",
    "title:Тоқаев",
    "{title body}: Тоқаев",
    "Тоқаев + Мамин",
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "%00Тоқаев%27",
    "Тоқаев\x00Мамин",
    "\u202eТоқаев\u202c",
]


@pytest.mark.parametrize("query", INJECTIONS)
def test_injection_attempts_are_plain_words(query: str) -> None:
    tree = parse_query(query)  # parses: SQL and FTS syntax are just words here
    words = [w for w in show(tree).replace('"', " ").replace("(", " ").replace(")", " ").split()]
    assert all(ch.isalnum() for w in words for ch in w.lstrip("!").replace("&", "").replace("|", ""))
    text = "Тоқаев пен Мамин кездесті. DROP TABLE articles; 1=1 script alert"
    assert isinstance(find_matches(query, text), list)


@pytest.mark.parametrize(
    "query",
    [
        '" OR 1=1',
        "NEAR(",
        "Robert'); DROP TABLE rules;--",
        'Тоқаев" OR "1"="1',
        "Тоқаев) OR (1",
        "') OR ('1'='1",
    ],
)
def test_injection_attempts_with_broken_syntax_give_query_error(query: str) -> None:
    with pytest.raises(QueryError):
        parse_query(query)


def test_injected_words_match_only_as_words() -> None:
    text = "Сегодня в DROP-зоне прошла акция; таблица articles пуста"
    assert find_matches("'; DROP TABLE articles; --", text) == []  # TABLE is absent
    assert find_matches("'; DROP articles; --", text) == ["DROP", "articles"]


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=120))
def test_parse_query_fuzz(query: str) -> None:
    try:
        tree = parse_query(query)
    except QueryError as exc:
        assert 1 <= exc.position <= max(len(query), 1) + 1
        assert "\n" not in str(exc)
        return
    assert isinstance(tree, (Term, And, Or, Not))


OPERATOR_SOUP = st.lists(
    st.sampled_from(["a", "Тоқаев", "AND", "OR", "NOT", "(", ")", '"', "-", "-b", "«", "»", " ", "*", "x y"]),
    max_size=40,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(OPERATOR_SOUP)
def test_parse_query_operator_soup(query: str) -> None:
    try:
        parse_query(query)
    except QueryError as exc:
        assert 1 <= exc.position <= len(query) + 1


DOCS = Path(__file__).resolve().parent.parent / "docs" / "matching.md"


def test_documented_errors_are_the_real_ones() -> None:
    rows = re.findall(r"^\| `([^`]*)`(?:, `[^`]*`)? \| `([^`]*)` \|$", DOCS.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 8, "the error table in docs/matching.md was not found"
    for query, message in rows:
        with pytest.raises(QueryError) as info:
            parse_query(query)
        assert str(info.value) == message, query


def test_documented_examples_hold() -> None:
    text = DOCS.read_text(encoding="utf-8")
    examples = re.findall(r"^find_matches\((.*)\)\s+# (\[.*\])$", text, re.M)
    assert len(examples) >= 3
    for args, expected in examples:
        assert repr(eval(f"find_matches({args})")) == expected  # noqa: S307 - our own documentation
