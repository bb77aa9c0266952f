"""Alert rules: the rules file, the `alerts` CLI, the ingest pipeline and backfills — once per story.

Real parts only: temporary SQLite files written by the real store (with its dedup), a real Scrapy
crawler object for the pipelines, the real click commands.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.alerts import rules as alerts
from crawler.alerts.rules import AlertsError, RuleSpec
from crawler.cli.alerts import alerts as alerts_group
from crawler.matching import RuleSet
from crawler.store.articles import Store
from crawler.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
SCRIPT_TITLE = "Тоқаевтың сапары <script>document.title='pwned'</script>"

KK_BODY = (
    "Мемлекет басшысы Қасым-Жомарт Тоқаевтың Әзербайжанға ресми сапары басталды. Сапар барысында екі ел "
    "арасындағы экономикалық ынтымақтастық, көлік және энергетика салаларындағы жобалар талқыланады. "
    "Президент Баку қаласында Әзербайжан Президентімен кездесіп, бірлескен мәлімдеме жасайды деп күтілуде. "
    "Сонымен қатар тараптар мәдени және гуманитарлық байланыстарды дамыту мәселелерін қарастырады."
)
RU_BODY = (
    "Президент Касым-Жомарт Токаев провел совещание с членами Правительства по вопросам исполнения "
    "республиканского бюджета. Глава государства поручил обеспечить своевременное финансирование социальных "
    "программ и строительства дорог. Министрам поручено представить отчеты до конца месяца, сообщает "
    "пресс-служба Акорды. Особое внимание уделено развитию регионов и поддержке малого бизнеса."
)
KK_GOV_BODY = (
    "Үкімет отырысында Премьер-Министр Мемлекет басшысы Тоқаевтың тапсырмаларының орындалуын қарады. "
    "Отырыста жылу маусымына дайындық, көктемгі егіс жұмыстары және жол құрылысы мәселелері талқыланды. "
    "Министрлерге мерзімінде есеп беру және өңірлердегі жұмысты күшейту тапсырылды, деп хабарлады "
    "Үкіметтің баспасөз қызметі. Жиында азаматтарға қызмет көрсету сапасына ерекше назар аударылды."
)
OTHER_BODY = (
    "В Алматы прошел городской фестиваль цветов. Жители и гости города смогли увидеть более ста сортов "
    "тюльпанов и роз, а также принять участие в мастер-классах по ландшафтному дизайну. Организаторы "
    "отмечают, что фестиваль собрал рекордное количество посетителей за все годы проведения мероприятия."
)


def article(n: int | str, *, language: str = "kk", title: str = "Тоқаевтың сапары", body: str = KK_BODY,
            site: str = "zakon_kz", **extra: Any) -> dict[str, Any]:  # fmt: skip
    """A normalised article as the pipelines hand it to the store."""
    url = extra.pop("url", f"https://www.zakon.kz/{n}-news.html")
    data: dict[str, Any] = {
        "article_id": f"art{n}",
        "url": url,
        "canonical_url": url,
        "site": site,
        "language": language,
        "title": title,
        "lead": None,
        "body": body,
        "source_kind": "gov" if site in ("akorda_kz", "primeminister_kz", "gov_kz") else "news",
        "published_at": f"2026-03-{int(str(n)[-1]) + 10:02d}T09:00:00Z" if str(n)[-1].isdigit() else None,
        "cited_sources": ["primeminister"],
        "fetched_at": "2026-03-20T10:00:00Z",
    }
    data.update(extra)
    return data


def write_rules(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


RULES = """
[[rules]]
id = "tokayev"
query = "Тоқаев OR Токаев"

[[rules]]
id = "government"
query = "Үкімет OR Правительство"

[[rules]]
id = "zakon-only"
query = "бюджет"
sites = ["zakon_kz"]
"""


def make_db(tmp_path: Path, articles: list[dict[str, Any]], rules: str = RULES) -> tuple[str, Path]:
    """A database written by the real store, with the rules of `rules` synced and backfilled."""
    db_path = str(tmp_path / "kznews.db")
    store = Store.open(db_path)
    for item in articles:
        store.save_article(item)
    rules_file = write_rules(tmp_path / "alerts.toml", rules)
    alerts.sync_rules(store.db, alerts.load_config(rules_file))
    alerts.backfill(store.db)
    store.close()
    return db_path, rules_file


def hits(db_path: str) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT rule_id, article_id, story_id, occasion FROM alert_hits ORDER BY rule_id, id"
        ).fetchall()
    finally:
        conn.close()


# --- the rules file ----------------------------------------------------------------------------------------


def test_example_rules_file_is_valid_and_covers_both_languages() -> None:
    config = alerts.load_config(ROOT / "data" / "alerts.toml")
    ids = {rule.id for rule in config.rules}
    assert {"tokayev", "government", "economy-budget"} <= ids
    assert any(rule.sites or rule.cited for rule in config.rules), "a rule with a site or cited-source filter"
    assert any('"' in rule.query and "NOT" in rule.query for rule in config.rules), (
        "a rule with a phrase and NOT"
    )
    ruleset = RuleSet(rule.to_rule() for rule in config.rules)
    kk = ruleset.match(KK_BODY, lang="kk", site="zakon_kz", source_kind="news")
    ru = ruleset.match(RU_BODY, lang="ru", site="zakon_kz", source_kind="news")
    assert "tokayev" in kk and "tokayev" in ru
    assert "Тоқаевтың" in kk["tokayev"] and "Токаев" in ru["tokayev"]
    assert "tokayev-folded" in kk and "tokayev-folded" in ru  # one spelling, fold_scripts = true
    assert "government" in ru and "economy-budget" in ru
    # Channels name environment variables only: no secret value in the example file.
    for channel in config.channels.values():
        assert not set(channel) & set(alerts.SECRET_KEYS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[rules]]\nid = "Bad Id"\nquery = "x"\n', "rule id 'Bad Id'"),
        ('[[rules]]\nid = "a"\nquery = "Тоқаев AND"\n', "position"),
        ('[[rules]]\nid = "a"\nquery = "x"\nlang = "de"\n', "lang must be one of"),
        ('[[rules]]\nid = "a"\nquery = "x"\nchannels = ["nope"]\n', "[channels.nope]"),
        ('[[rules]]\nid = "a"\nquery = "x"\n[[rules]]\nid = "a"\nquery = "y"\n', "used twice"),
        ('[channels.hook]\ntype = "webhook"\nurl = "https://example.kz/hook/SECRET"\n', "literal 'url'"),
        ('[channels.tg]\ntype = "telegram"\ntoken = "123:SECRET"\n', "environment variable"),
        ("[[rules]\n", "not valid TOML"),
    ],
)
def test_bad_rules_files_get_one_sentence(tmp_path: Path, text: str, expected: str) -> None:
    path = write_rules(tmp_path / "alerts.toml", text)
    with pytest.raises(AlertsError) as info:
        alerts.load_config(path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and "SECRET" not in message


def test_sync_adds_updates_removes_file_rules_and_keeps_cli_rules(tmp_path: Path) -> None:
    db = open_db(tmp_path / "kznews.db")
    path = write_rules(tmp_path / "alerts.toml", RULES)
    assert alerts.sync_rules(db, alerts.load_config(path))["added"] == 3
    alerts.add_rule(db, RuleSpec(id="mine", query="Мамин", origin="cli"))
    db.execute("UPDATE alert_rules SET backfilled_at = 'x'")
    write_rules(
        path, RULES.replace("Үкімет OR Правительство", "Үкімет").split('[[rules]]\nid = "zakon-only"')[0]
    )
    counts = alerts.sync_rules(db, alerts.load_config(path))
    assert counts == {"added": 0, "updated": 1, "unchanged": 1, "removed": 1}
    stored = {spec.id: spec for spec in alerts.list_rules(db)}
    assert set(stored) == {"tokayev", "government", "mine"}
    assert stored["government"].query == "Үкімет"
    backfilled = dict(db.execute("SELECT id, backfilled_at FROM alert_rules").fetchall())
    assert backfilled["government"] is None, "a changed query is backfilled again"
    assert backfilled["tokayev"] == "x"
    with pytest.raises(AlertsError, match="rules file"):
        alerts.remove_rule(db, "tokayev")


# --- the CLI -------------------------------------------------------------------------------------------------


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(alerts_group, list(args), catch_exceptions=False)


def test_cli_add_list_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "kznews.db")
    rules = str(write_rules(tmp_path / "alerts.toml", RULES))
    result = run_cli("add", "mamin", "Мамин AND NOT футбол", "--lang", "kk", "--site", "zakon_kz",
                     "--cited", "primeminister", "--fold-scripts", "--db", db, "--rules-file", rules)  # fmt: skip
    assert result.exit_code == 0, result.output
    listed = run_cli("list", "--json", "--db", db)
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert rows == [{
        "id": "mamin", "query": "Мамин AND NOT футбол", "lang": "kk", "fold_scripts": True, "sites": ["zakon_kz"],
        "source_kinds": [], "cited": ["primeminister"], "channels": [], "description": None, "origin": "cli",
        "frequency": "as-it-happens", "hits": 0,
    }]  # fmt: skip
    assert "mamin" in run_cli("list", "--db", db).output
    again = run_cli("add", "mamin", "Мамин", "--db", db)
    assert again.exit_code == 1 and "already exists" in again.output
    bad = run_cli("add", "broken", '"Ұлттық банк', "--db", db)
    assert bad.exit_code == 1
    assert "unbalanced quote" in bad.output and "position 1" in bad.output and "Traceback" not in bad.output
    channel = run_cli("add", "x", "Мамин", "--channel", "nowhere", "--db", db, "--rules-file", rules)
    assert channel.exit_code == 1 and "no channel 'nowhere'" in channel.output
    assert run_cli("remove", "mamin", "--db", db).exit_code == 0
    gone = run_cli("remove", "mamin", "--db", db)
    assert gone.exit_code == 1 and "no rule 'mamin'" in gone.output


def test_cli_try_exit_codes(tmp_path: Path) -> None:
    matched = run_cli("try", "Тоқаев OR Токаев", "--text", KK_BODY, "--lang", "kk")
    assert matched.exit_code == 0
    assert "matched: Тоқаевтың" in matched.output and "«" not in matched.output  # no guillemets: see feeds
    assert "snippet: Мемлекет басшысы Қасым-Жомарт Тоқаевтың" in matched.output  # unstyled when piped
    styled = CliRunner().invoke(alerts_group, ["try", "Тоқаев", "--text", KK_BODY], color=True)
    assert "\x1b[1m\x1b[4mТоқаевтың\x1b[0m" in styled.output  # bold underline in a terminal
    none = run_cli("try", "Мамин", "--text", KK_BODY)
    assert none.exit_code == 1 and "no match" in none.output
    text_file = tmp_path / "a.txt"
    text_file.write_text(RU_BODY, encoding="utf-8")
    assert run_cli("try", "Правительство", "--file", str(text_file), "--lang", "ru").exit_code == 0
    folded = run_cli("try", "Тоқаев", "--text", RU_BODY, "--fold-scripts")
    assert folded.exit_code == 0 and "Токаев" in folded.output
    malformed = CliRunner().invoke(alerts_group, ["try", "Тоқаев AND (", "--text", "x"])
    assert malformed.exit_code == 2
    assert "malformed query" in malformed.output and "position" in malformed.output
    assert CliRunner().invoke(alerts_group, ["try", "x"]).exit_code == 2  # neither --text nor --file


def test_every_command_help_ends_with_an_example() -> None:
    from crawler.cli.alerts import serve

    for name, command in [*alerts_group.commands.items(), ("alerts", alerts_group), ("serve", serve)]:
        assert command.help and "Example:" in command.help, name
        assert command.help.rstrip().splitlines()[-1].strip().startswith("kznews"), name
        if name not in ("alerts", "try"):
            assert any(p.name in ("db_path",) for p in command.params), f"{name} takes --db"


def test_cli_run_backfills_once_per_story_and_writes_feeds(tmp_path: Path) -> None:
    db_path = str(tmp_path / "kznews.db")
    store = Store.open(db_path)
    store.save_article(article(1))
    store.save_article(article(2, language="ru", title="Визит Токаева", body=RU_BODY))
    store.save_article(article(3, url="https://www.zakon.kz/3-repost.html"))  # exact repost of 1
    store.save_article(
        article(4, language="ru", title="Фестиваль", body=OTHER_BODY, published_at="2025-01-01T00:00:00Z")
    )
    store.close()
    rules = str(write_rules(tmp_path / "alerts.toml", RULES))
    feeds_dir = tmp_path / "feeds"
    args = [
        "run",
        "--since",
        "2026-01-01",
        "--db",
        db_path,
        "--rules-file",
        rules,
        "--feeds-dir",
        str(feeds_dir),
    ]
    first = run_cli(*args)
    assert first.exit_code == 0, first.output
    assert "3 articles since 2026-01-01" in first.output  # article 4 is older
    assert hits(db_path) == [
        ("government", "art2", "art2", ""),
        ("tokayev", "art1", "art1", ""),
        ("tokayev", "art2", "art2", ""),
        ("zakon-only", "art2", "art2", ""),
    ]
    assert sorted(p.name for p in feeds_dir.iterdir()) == sorted(
        f"{r}.{f}" for r in ("tokayev", "government", "zakon-only") for f in ("atom", "rss", "json")
    )
    second = run_cli(*args)
    assert "0 new hits" in second.output and len(hits(db_path)) == 4
    unknown = run_cli(
        "run", "--since", "2026-01-01", "--rule", "nope", "--db", db_path, "--rules-file", rules
    )
    assert unknown.exit_code == 1 and "no rule 'nope'" in unknown.output
    bad_date = run_cli("run", "--since", "yesterday", "--db", db_path)
    assert bad_date.exit_code == 1 and "not a date" in bad_date.output


# --- the pipeline: once per story ------------------------------------------------------------------------------


@pytest.fixture
def pipeline_crawler(tmp_path: Path):  # type: ignore[no-untyped-def]
    from scrapy.utils.test import get_crawler

    from pipelines.alerts import AlertsPipeline
    from pipelines.store import StorePipeline

    rules = write_rules(tmp_path / "alerts.toml", RULES)
    crawler = get_crawler(
        settings_dict={"KZNEWS_DB": str(tmp_path / "kznews.db"), "KZNEWS_ALERTS_FILE": str(rules)}
    )
    crawler.stats.open_spider()
    store, alerting = StorePipeline.from_crawler(crawler), AlertsPipeline.from_crawler(crawler)
    alerting.open_spider()

    def ingest(item: dict[str, Any]) -> dict[str, Any]:
        from crawler.items import Article

        fields = set(Article.__dataclass_fields__)
        obj = Article(**{k: v for k, v in item.items() if k in fields})
        return alerting.process_item(store.process_item(obj)).to_dict()

    yield crawler, ingest
    store.close_spider()


def test_pipeline_alerts_once_per_story(pipeline_crawler, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crawler, ingest = pipeline_crawler
    db_path = str(tmp_path / "kznews.db")
    stats = crawler.stats

    first = ingest(article(1))
    assert first["store_status"] == "new"
    assert hits(db_path) == [("tokayev", "art1", "art1", "")]

    # A repost elsewhere (same body): same story, no second alert.
    repost = ingest(article(5, url="https://kaz.zakon.kz/5-repost.html"))
    assert repost["story_id"] == "art1"
    # A translation (gov twins share the native id): same story, no alert for it either.
    ingest(
        article(
            6,
            site="primeminister_kz",
            native_id="777",
            body=KK_GOV_BODY,
            url="https://primeminister.kz/kz/news/777",
        )
    )
    twin = ingest(article(7, site="primeminister_kz", native_id="777", language="ru", title="Визит Токаева",
                          body=RU_BODY, url="https://primeminister.kz/ru/news/777"))  # fmt: skip
    assert twin["translation_of"] == "art6" and twin["story_id"] == "art6"
    assert [h for h in hits(db_path) if h[0] == "tokayev"] == [
        ("tokayev", "art1", "art1", ""), ("tokayev", "art6", "art6", ""),
    ]  # fmt: skip
    # Both twins match "government" (Үкімет / Правительства): one hit, the Kazakh original's.
    assert [h for h in hits(db_path) if h[0] == "government"] == [("government", "art6", "art6", "")]

    # Re-crawled unchanged: skipped. Minor edit: no alert. Substantive revision: one more.
    unchanged = ingest(article(1))
    assert unchanged["store_status"] == "unchanged"
    minor = ingest(article(1, body=KK_BODY.replace("басталды", "басталды ресми түрде")))
    assert minor["revision_change"] == "minor"
    count = len(hits(db_path))
    substantive = ingest(article(1, body=KK_BODY.split(". ")[0] + ". " + RU_BODY, title="Тоқаев Бакуде"))
    assert substantive["revision_change"] == "substantive"
    new = hits(db_path)[count:] if len(hits(db_path)) > count else []
    tokayev_hits = [h for h in hits(db_path) if h[0] == "tokayev" and h[2] == "art1"]
    assert tokayev_hits == [("tokayev", "art1", "art1", ""), ("tokayev", "art1", "art1", "rev:art1:3")]
    assert len(hits(db_path)) >= count + 1, new
    assert stats.get_value("kznews/alerts/rules") == 3
    assert stats.get_value("kznews/alerts/skipped_unchanged") == 1
    assert stats.get_value("kznews/alerts/same_story") >= 2


def test_pipeline_survives_a_broken_rules_file(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from pipelines.alerts import AlertsPipeline

    db_path = str(tmp_path / "kznews.db")
    db = open_db(db_path)
    alerts.add_rule(db, RuleSpec(id="kept", query="Тоқаев"))
    db.conn.close()
    broken = write_rules(tmp_path / "alerts.toml", '[[rules]]\nid = "x"\nquery = "(("\n')
    crawler = get_crawler(settings_dict={"KZNEWS_DB": db_path, "KZNEWS_ALERTS_FILE": str(broken)})
    crawler.stats.open_spider()
    pipeline = AlertsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert crawler.stats.get_value("kznews/alerts/config_error") == 1
    assert pipeline.alerter is not None and set(pipeline.alerter.specs) == {"kept"}


# --- hostile queries --------------------------------------------------------------------------------------------


INJECTIONS = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "Тоқаев) UNION SELECT * FROM alert_rules --",
    "NEAR(a b) OR body:*",
    "<script>alert(1)</script>",
    "Тоқаев\x00Токаев",
    "a" * 2000,
]


@pytest.mark.parametrize("query", INJECTIONS)
def test_injection_attempts_are_data_or_a_clean_error(tmp_path: Path, query: str) -> None:
    db_path, _ = make_db(tmp_path, [article(1)])
    db = open_db(db_path)
    try:
        alerts.add_rule(db, RuleSpec(id="hostile", query=query))
    except AlertsError as exc:
        assert "\n" not in str(exc)
        return
    stored = alerts.get_rule(db, "hostile")
    assert stored is not None and stored.query == query
    alerts.backfill(db)  # matched as words, never as SQL
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert {"articles", "alert_rules", "alert_hits", "deliveries"} <= set(db.table_names())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(alphabet=st.sampled_from(list("Тоқаевтың Токаев()\"«»-ANDORNOT*:;'\\%_ \x00")), max_size=40)
)
def test_fuzzed_queries_never_reach_sql(tmp_path: Path, query: str) -> None:
    db = open_db(tmp_path / "fuzz.db")
    try:
        db.execute("DELETE FROM alert_rules")
        try:
            alerts.add_rule(db, RuleSpec(id="fuzz", query=query))
        except AlertsError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        assert alerts.get_rule(db, "fuzz").query == query  # type: ignore[union-attr]
        alerts.Alerter(alerts.list_rules(db)).match({"title": "Тоқаевтың", "body": KK_BODY, "language": "kk"})
    finally:
        db.conn.close()
