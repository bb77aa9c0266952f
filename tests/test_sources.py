"""The source registry (data/sources.toml), attribution detection and the sources pipeline."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
import sqlite_utils

from crawler.items import Article
from crawler.sources import Registry, SourcesError, detect_citations, fold, sync_sources_table
from pipelines.sources import SourcesPipeline

REPO = Path(__file__).resolve().parents[1]
# Copies of the shared real texts, kept in the repository (provenance: SOURCES.md in each folder).
REAL = REPO / "tests" / "fixtures" / "real"
REAL_KK = REAL / "zakon_kk" / "trans_caspian_fiber_optic.txt"
REAL_RU = REAL / "zakon_ru" / "text"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


# --------------------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------------------


def test_registry_ids_unique_and_well_formed(registry: Registry) -> None:
    data_ids = [s.id for s in registry.all()]
    assert len(data_ids) == len(set(data_ids))
    assert len(data_ids) >= 50
    for source in registry.all():
        assert set(source.names) == {"kk", "ru", "en"}, source.id
        assert all(source.names.values()), source.id


def test_registry_covers_the_bodies_we_crawl_and_cite(registry: Registry) -> None:
    for source_id in (
        "zakon_kz", "kazinform", "tengrinews", "informburo", "nur_kz", "kursiv", "forbes_kz", "vlast_kz",
        "khabar", "egemen", "kazpravda", "interfax_kz", "tass", "ria_novosti", "reuters", "primeminister",
        "akorda", "mfa", "minfin", "economy", "health", "education", "science", "energy", "internal_affairs",
        "emergencies", "justice", "agriculture", "transport", "digital", "trade", "industry", "ecology",
        "culture", "labour", "defence", "prosecutor_general", "national_bank", "ardfm", "krem", "statistics",
        "akimat_astana", "akimat_almaty", "akimat_shymkent", "mazhilis", "senate", "parliament",
    ):  # fmt: skip
        assert registry.get(source_id) is not None, source_id


def test_every_alias_and_name_resolves_to_its_own_source(registry: Registry) -> None:
    wrong = []
    for source in registry.all():
        for name in source.all_names():
            found = registry.by_name(name)
            if found is None or found.id != source.id:
                wrong.append((name, source.id, found.id if found else None))
    assert not wrong


def test_aliases_resolve_in_upper_case_with_yo_and_decomposed_unicode(registry: Registry) -> None:
    assert registry.by_name("АКОРДА").id == "akorda"  # type: ignore[union-attr]
    assert registry.by_name("Нацбанк РК").id == "national_bank"  # type: ignore[union-attr]
    decomposed = unicodedata.normalize("NFD", "Сыртқы істер министрлігі")
    assert registry.by_name(decomposed).id == "mfa"  # type: ignore[union-attr]
    # a Latin "i" typed for the Kazakh "і"
    assert registry.by_name("Yкiметi".replace("Y", "Ү")).id == "primeminister"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ҚР Үкіметінің", "primeminister"),
        ("Үкіметтің", "primeminister"),
        ("Правительства РК", "primeminister"),
        ("Правительством", "primeminister"),
        ("Ақорданың", "akorda"),
        ("Акорды", "akorda"),
        ("Акордой", "akorda"),
        ("МИДа", "mfa"),
        ("СІМ-нің", "mfa"),
        ("Министерства иностранных дел", "mfa"),
        ("Денсаулық сақтау министрлігінің", "health"),
        ("Минздраве", "health"),
        ("Казахстанской правды", "kazpravda"),
        ("ҚазАқпараттың", "kazinform"),
        ("Kazinform-ға", "kazinform"),
        ("Казинформа", "kazinform"),
        ("акимата Астаны", "akimat_astana"),
        ("Алматы қаласының әкімдігіне", "akimat_almaty"),
        ("Ұлттық банкінің", "national_bank"),
        ("Нацбанка", "national_bank"),
        ("Генпрокуратуры", "prosecutor_general"),
        ("Бюро национальной статистики", "statistics"),
        ("Ұлттық статистика бюросының", "statistics"),
        ("Мәжілісінің", "mazhilis"),
        ("Мажилиса", "mazhilis"),
        ("Сенатының", "senate"),
        ("Еңбек және халықты әлеуметтік қорғау министрлігінің", "labour"),
        ("МЦРИАП", "digital"),
    ],
)
def test_by_name_tolerates_case_endings(registry: Registry, printed: str, expected: str) -> None:
    found = registry.by_name(printed)
    assert found is not None and found.id == expected


@pytest.mark.parametrize(
    "printed", ["Сенатора", "сенаторы", "хабар", "закон", "Астана", "правительственный", "СІМді"]
)
def test_by_name_rejects_words_that_only_look_like_aliases(registry: Registry, printed: str) -> None:
    assert registry.by_name(printed) is None


@pytest.mark.parametrize(
    ("host_or_url", "expected"),
    [
        ("zakon.kz", "zakon_kz"),
        ("kaz.zakon.kz", "zakon_kz"),
        ("https://www.zakon.kz/politika/6502341-x.html", "zakon_kz"),
        ("primeminister.kz", "primeminister"),
        ("https://www.akorda.kz/ru/some-news-123", "akorda"),
        ("inform.kz", "kazinform"),
        ("stat.gov.kz", "statistics"),
        ("https://www.gov.kz/memleket/entities/mfa/press/news/details/1271028?lang=ru", "mfa"),
        ("www.gov.kz/memleket/entities/dsm/press/news", "health"),
        ("https://www.gov.kz/memleket/entities/mdai/press/news/details/1", "digital"),  # the former slug
        ("gov.kz", "gov_kz"),
        ("example.com", None),
    ],
)
def test_by_domain(registry: Registry, host_or_url: str, expected: str | None) -> None:
    found = registry.by_domain(host_or_url)
    assert (found.id if found else None) == expected


def test_every_domain_and_gov_project_resolves_to_its_source(registry: Registry) -> None:
    for source in registry.all():
        for domain in source.domains:
            assert registry.by_domain(domain).id == source.id  # type: ignore[union-attr]
            assert registry.by_domain(f"https://www.{domain}/x").id == source.id  # type: ignore[union-attr]
        if source.gov_project:
            assert registry.by_gov_project(source.gov_project).id == source.id  # type: ignore[union-attr]
            url = f"https://www.gov.kz/memleket/entities/{source.gov_project}/press/news"
            assert registry.by_domain(url).id == source.id  # type: ignore[union-attr]


def test_gov_projects_cover_the_agencies_in_sites_md(registry: Registry) -> None:
    # shared/sites.md §4: the agency slugs seen on gov.kz (mdai is the former maidd)
    for slug in (
        "economy minfin mfa qriim enbek dsm edu sci mps transport mdai maidd mam tsm ecogeo moa energo adilet "
        "emer mti almaty astana ardfm krem prokuror"
    ).split():
        assert registry.by_gov_project(slug) is not None, slug


@pytest.mark.parametrize(
    ("site", "section", "expected"),
    [
        ("zakon_kz", None, "zakon_kz"),
        ("zakon_kz", "politika", "zakon_kz"),
        ("primeminister_kz", "reviews", "primeminister"),
        ("akorda_kz", "speeches", "akorda"),
        ("gov_kz", "mfa", "mfa"),
        ("gov_kz", "DSM", "health"),
        ("gov_kz", "maidd", "digital"),
        ("gov_kz", "mdai", "digital"),
        ("gov_kz", "astana", "akimat_astana"),
        ("gov_kz", "kostanay", "gov_kz:kostanay"),
        ("gov_kz", None, "gov_kz"),
        ("tengrinews_kz", None, None),
    ],
)
def test_reporter_for_each_crawled_site(
    registry: Registry, site: str, section: str | None, expected: str | None
) -> None:
    assert registry.reporter_for(site, section) == expected


def test_registry_rejects_bad_files(tmp_path: Path) -> None:
    good = '[[source]]\nid = "a"\nkind = "news_outlet"\nnames = { kk = "A", ru = "А", en = "A" }\n'
    cases = {
        "duplicate id": good + good,
        "bad kind": good.replace("news_outlet", "blog"),
        "missing name": good.replace(', en = "A"', ""),
        "alias collision": good + good.replace('id = "a"', 'id = "b"'),
        "crawled to nowhere": good + '[crawled]\nx = "nope"\n',
    }
    for what, content in cases.items():
        path = tmp_path / f"{what.replace(' ', '_')}.toml"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(SourcesError):
            Registry.load(path)
    (tmp_path / "ok.toml").write_text(good, encoding="utf-8")
    assert [s.id for s in Registry.load(tmp_path / "ok.toml").all()] == ["a"]


def test_fold_keeps_length() -> None:
    text = "«Ақорда» — Ёлка İstanbul Yкiметi"
    assert len(fold(text)) == len(text)


# --------------------------------------------------------------------------------------------------------
# Attribution phrasings (written for these tests; kk and ru). reporter is zakon_kz unless the case says.
# expected: the cited source ids, in order; None stands for a named source the registry does not know.
# --------------------------------------------------------------------------------------------------------

KK_CASES = [
    ("Жоба басталды, деп хабарлайды Zakon.kz ҚР Үкіметінің ресми сайтына сілтеме жасап.", ["primeminister"]),
    ("Жоба басталды, деп хабарлайды Zakon.kz Ақорданың баспасөз қызметіне сілтеме жасап.", ["akorda"]),
    ("Шара өтті, деп хабарлайды Zakon.kz primeminister.kz сайтына сілтеме жасап.", ["primeminister"]),
    ("Денсаулық сақтау министрлігінің хабарлауынша, вакцина жеткізілді.", ["health"]),
    ("ҚР СІМ баспасөз қызметінің хабарлауынша, елші тағайындалды.", ["mfa"]),
    ("Tengrinews.kz-тің хабарлауынша, жол жабылады.", ["tengrinews"]),
    ("Ұлттық статистика бюросының мәліметінше, инфляция 8,5% болды.", ["statistics"]),
    ("Ұлттық банктің мәліметі бойынша, резервтер өсті.", ["national_bank"]),
    ("Бұл туралы Қаржы министрлігінің баспасөз қызметі хабарлады.", ["minfin"]),
    ("Бұл туралы ҚР Ішкі істер министрлігі хабарлады.", ["internal_affairs"]),
    ("Бұл туралы Мемлекет басшысының баспасөз хатшысы Руслан Жолдасбаев хабарлады.", ["akorda"]),
    ("ТЖМ ақпаратына сәйкес, су тасқыны қаупі сақталып отыр.", ["emergencies"]),
    ("Астана қаласы әкімдігінің ақпаратына сәйкес, көше жабылады.", ["akimat_astana"]),
    ("Бұл ақпарат Ақорданың ресми сайтында жарияланған.", ["akorda"]),
    ("Қаулы Әділет министрлігінің сайтында жарияланды.", ["justice"]),
    ("Жаңалықты «Егемен Қазақстан» газетінің хабарлауынша таратамыз.", ["egemen"]),
    ("Келісім жасалды, деп хабарлайды ҚазАқпарат.", ["kazinform"]),
    ("Ақпарат көзі: Kazinform", ["kazinform"]),
    ("Дереккөз: primeminister.kz", ["primeminister"]),
    ("«Самұрық-Қазына» қорының хабарлауынша, жоба қаржыландырылады.", [None]),
    ("Қытай Үкіметінің хабарлауынша, сапар мамырда өтеді.", [None]),
    ("Ресей СІМ-нің хабарлауынша, келіссөздер жалғасады.", [None]),
    ("ҚР Денсаулық сақтау министрлігінің баспасөз қызметі мәлімдеді.", ["health"]),
    ("Елорда әкімдігінің мәліметінше, жол жөнделеді.", ["akimat_astana"]),
    ("Ақпарат primeminister.kz-ке сілтеме жасап таратылды.", ["primeminister"]),
    ("Kursiv.media басылымының хабарлауынша, банк сатылды.", ["kursiv"]),
    # not attribution
    ("Бұл туралы министр хабарлады.", []),
    ("Бұл туралы Асқар Мамин хабарлады.", []),
    ("Бұл туралы Zakon.kz тілшісі хабарлайды.", []),
    ("Ақордада өткен жиында Президент сөз сөйледі.", []),
    ("Жиынға қатысушылар, деп хабарлайды Zakon.kz.", []),
    ("Оның хабарлауынша, жұмыс жалғасады.", []),
    ("Сарапшылардың мәліметінше, баға өседі.", []),
    ("Үкімет басшысы кәсіпорынның жұмысымен танысты.", []),
    ("Фото: Ақорданың баспасөз қызметі", []),
    ("Сурет: primeminister.kz", []),
    ("Заңға сілтеме жасап, депутаттар түзету енгізді.", []),
]

RU_CASES = [
    ("Об этом сообщает Zakon.kz со ссылкой на пресс-службу акимата Алматы.", ["akimat_almaty"]),
    ("Глава государства провел встречу, передает Zakon.kz со ссылкой на Акорду.", ["akorda"]),
    ("Как следует из сообщения Акорды, подчеркнута важность отношений.", ["akorda"]),
    ("Об этом сообщила пресс-служба Министерства здравоохранения РК.", ["health"]),
    ("Как сообщили в пресс-службе МВД, задержаны трое.", ["internal_affairs"]),
    ("Об этом сообщили в Минздраве.", ["health"]),
    ("По данным Бюро национальной статистики, инфляция замедлилась.", ["statistics"]),
    ("Согласно данным Нацбанка, резервы выросли.", ["national_bank"]),
    ("По последним данным МЧС, пожар локализован.", ["emergencies"]),
    ("Как сообщает Kazinform, соглашение подписано.", ["kazinform"]),
    ("Об этом пишет Forbes.kz.", ["forbes_kz"]),
    ("Об этом передает Tengrinews.kz со ссылкой на МИД РК.", ["tengrinews", "mfa"]),
    ("Об этом говорится в сообщении пресс-службы Правительства.", ["primeminister"]),
    ("В сообщении Минфина говорится, что дефицит сократится.", ["minfin"]),
    ("Постановление опубликовано на сайте primeminister.kz.", ["primeminister"]),
    ("Решение опубликовано на официальном сайте Министерства юстиции.", ["justice"]),
    ("Об этом заявил пресс-секретарь президента Руслан Жолдасбаев.", ["akorda"]),
    (
        "Об этом сообщается на сайте https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=ru.",
        ["mfa"],
    ),
    ("Информация размещена на портале gov.kz/memleket/entities/kostanay.", ["gov_kz:kostanay"]),
    ("Источник: Интерфакс-Казахстан", ["interfax_kz"]),
    ("Об этом сообщает РИА Новости со ссылкой на ТАСС.", ["ria_novosti", "tass"]),
    ("По данным Всемирного банка, рост ВВП составит 4%.", [None]),
    ("Как сообщили в пресс-службе ТОО «Астана Су Арнасы», воды не будет.", [None]),
    ("Об этом сообщает Orda.kz со ссылкой на Kaspi.kz.", ["orda_kz", None]),
    ("Со ссылкой на правительство Китая агентство сообщило о визите.", [None]),
    ("По данным МВД Узбекистана, граница открыта.", [None]),
    ("Правительство Казахстана сообщило, что налог снижен.", ["primeminister"]),
    ("В Минфине пояснили, что налог не изменится.", ["minfin"]),
    ("Эту информацию подтвердили в МИД Казахстана.", ["mfa"]),
    ("Пресс-служба Мажилиса сообщила о принятии закона.", ["mazhilis"]),
    ("Как передает Интерфакс-Казахстан со ссылкой на Нацбанк, курс вырос.", ["interfax_kz", "national_bank"]),
    ("По информации Минтруда, пособия выплачены.", ["labour"]),
    ("Об этом сообщили в акимате Карагандинской области.", [None]),
    ("Текст.\nИсточник: https://tengrinews.kz/kazakhstan_news/x-123/", ["tengrinews"]),
    # not attribution
    ('"Нельзя вмешиваться без оснований", – заявил он.', []),
    ("Россия передает Казахстану два вертолета.", []),
    ("Он был назначен руководителем пресс-службы МВД.", []),
    ("Об этом сообщает агентство со ссылкой на источники.", []),
    ("Согласно приказу министра, сроки продлены.", []),
    ("Источник фото: akorda.kz", []),
    ("Фото из архива Zakon.kz", []),
    ("Об этом сообщает Zakon.kz.", []),
    ("Премьер обратился к госорганам, передает корреспондент Zakon.kz.", []),
    ("По данным на 1 января 2026 года, население выросло.", []),
    ("Депутат выступил со ссылкой на закон о СМИ.", []),
    ("Депутат выступил со ссылкой на Закон «О средствах массовой информации».", []),
    ("Как сообщалось ранее, мост закрыли.", []),
    ("По данным статистики, цены выросли.", []),
    ("По его данным, создание комфортных условий - главный приоритет.", []),
    ('"Надо работать", - говорится в сообщении.', []),
    ("Об этом сообщил Токаев на совещании.", []),
    ("Об этом рассказали в Астане.", []),
    ("Фото: пресс-служба акимата Алматы", []),
    ("Фото: primeminister.kz", []),
    ("По словам министра, работа продолжится.", []),
    ("По оценкам экспертов, рынок вырастет.", []),
]

EN_CASES = [
    ("According to the Ministry of Finance, the deficit will narrow.", ["minfin"]),
    ("The agreement was signed, the press service of Akorda reported.", ["akorda"]),
    ("Source: primeminister.kz", ["primeminister"]),
    ("According to him, the work will continue.", []),
    ("Photo: akorda.kz", []),
]


def _ids(citations: list) -> list[str | None]:
    return [c.source_id for c in citations]


@pytest.mark.parametrize(("text", "expected"), KK_CASES, ids=[f"kk{i:02d}" for i in range(len(KK_CASES))])
def test_kazakh_attribution(registry: Registry, text: str, expected: list[str | None]) -> None:
    citations = detect_citations(text, lang="kk", registry=registry, reporter="zakon_kz")
    assert _ids(citations) == expected, citations


@pytest.mark.parametrize(("text", "expected"), RU_CASES, ids=[f"ru{i:02d}" for i in range(len(RU_CASES))])
def test_russian_attribution(registry: Registry, text: str, expected: list[str | None]) -> None:
    citations = detect_citations(text, lang="ru", registry=registry, reporter="zakon_kz")
    assert _ids(citations) == expected, citations


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[f"en{i:02d}" for i in range(len(EN_CASES))])
def test_english_attribution(registry: Registry, text: str, expected: list[str | None]) -> None:
    citations = detect_citations(text, lang="en", registry=registry, reporter="primeminister_en_test")
    assert _ids(citations) == expected, citations


def test_phrasing_table_is_large_enough() -> None:
    cases = KK_CASES + RU_CASES
    assert len(cases) >= 40
    assert sum(1 for _, expected in cases if not expected) >= 10
    assert sum(1 for _, expected in cases if None in expected) >= 3


def test_unknown_source_keeps_its_phrase(registry: Registry) -> None:
    citations = detect_citations("По данным Всемирного банка, рост ВВП составит 4%.", registry=registry)
    assert citations[0].source_id is None
    assert citations[0].phrase == "По данным Всемирного банка"
    assert citations[0].cue == "ru:po-dannym"


def test_the_reporter_line_counts_when_no_reporter_is_given(registry: Registry) -> None:
    assert _ids(detect_citations("Об этом сообщает Zakon.kz.", registry=registry)) == ["zakon_kz"]


def test_citations_are_unique_and_in_text_order(registry: Registry) -> None:
    text = (
        "По данным МЧС, пожар потушен. Как сообщили в пресс-службе МЧС, пострадавших нет. "
        "Об этом говорится в сообщении Минздрава."
    )
    citations = detect_citations(text, lang="ru", registry=registry)
    assert _ids(citations) == ["emergencies", "emergencies", "health"]
    assert [c.phrase for c in citations] == [
        "По данным МЧС",
        "Как сообщили в пресс-службе МЧС",
        "говорится в сообщении Минздрава",
    ]


def test_a_cue_ending_its_paragraph_takes_no_name_from_the_next(registry: Registry) -> None:
    # "сообщает." closes its sentence; the capitalised words opening the next paragraph are not a source
    text = "Об этом сообщает.\n\nРГП Казгидромет обещает дождь. Как сообщает Kazinform, ветер усилится."
    citations = detect_citations(text, lang="ru", registry=registry)
    assert [c.phrase for c in citations] == ["Как сообщает Kazinform"]


def test_long_texts_resolve_like_short_ones(registry: Registry) -> None:
    # only the words around a cue are tokenised: a cue deep in a long paragraph must resolve the same
    filler = "Погода была хорошей, и люди гуляли в парке до вечера. " * 60
    short = "Как сообщили в пресс-службе МЧС, пострадавших нет."
    long_text = filler + short + " " + filler
    assert [(c.source_id, c.phrase) for c in detect_citations(long_text, lang="ru", registry=registry)] == [
        (c.source_id, c.phrase) for c in detect_citations(short, lang="ru", registry=registry)
    ]


def _corpus_texts() -> list[str]:
    texts = [text for text, _ in KK_CASES + RU_CASES + EN_CASES]
    for path in sorted((REPO / "tests" / "fixtures").glob("*/*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")).get("expected", []):
            texts.append("\n\n".join(item.get(k) or "" for k in ("title", "lead", "body")))
    for path in sorted((REPO / "data" / "mirror").rglob("*.html")):
        texts.append(path.read_text(encoding="utf-8", errors="replace"))  # markup included: more matches
    if REAL_KK.exists():
        texts.append(REAL_KK.read_text(encoding="utf-8"))
    return texts


def _fuzz_texts(count: int = 3000) -> list[str]:
    """Cue words, their near misses and glue (prefixes, hyphens, punctuation, line breaks) shuffled."""
    import random

    from crawler.sources import _CUES

    rng = random.Random(5)
    words = {w for cue in _CUES for w in re.findall(r"[^\W\d_]+", cue.pattern.pattern) if len(w) > 1}
    words |= {w.lower() for text, _ in KK_CASES + RU_CASES + EN_CASES for w in re.findall(r"\w+", text)}
    # whole cue phrases too, so multi-word cues fire (and, cut or glued to a neighbour, nearly fire)
    phrases = sorted({m.group() for t in _corpus_texts() for c in _CUES for m in c.pattern.finditer(fold(t))})
    pool = sorted(words) + phrases * 3
    glue = [" ", "  ", "\n", " \n ", ", ", ". ", "-", "«", "»", "x", "о", "д", "с", "\t", "1"]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 14)):
            word = rng.choice(pool)
            if rng.random() < 0.2:
                word = word[rng.randint(1, max(1, len(word) - 1)) :]  # a word's tail: the letter test
            parts += [word, rng.choice(glue)]
        texts.append("".join(parts))
    return texts


def test_cues_found_at_their_start_literals_are_the_matches_of_their_pattern() -> None:
    # _cue_matches tries a cue's pattern only where one of its start literals occurs: a literal missing from
    # _STARTS would lose matches
    from crawler.sources import _CUES, _STARTS, _cue_matches

    assert set(_STARTS) <= {cue.name for cue in _CUES}
    texts = [fold(unicodedata.normalize("NFC", t)) for t in _corpus_texts()] + _fuzz_texts()
    anchored = 0
    for cue in _CUES:
        if not cue.starts:
            continue
        for text in texts:
            expected = [m.span() for m in cue.pattern.finditer(text)]
            assert [m.span() for m in _cue_matches(cue, text)] == expected, (cue.name, text[:200])
            anchored += len(expected)
    assert anchored >= 2000  # the fuzz texts make the cues fire, not only stay silent


def test_lang_limits_the_cues(registry: Registry) -> None:
    text = "По данным Минздрава, вакцины доставлены."
    assert _ids(detect_citations(text, lang="ru", registry=registry)) == ["health"]
    assert detect_citations(text, lang="kk", registry=registry) == []


# --------------------------------------------------------------------------------------------------------
# Real texts
# --------------------------------------------------------------------------------------------------------


def test_real_kazakh_zakon_article(registry: Registry) -> None:
    if not REAL_KK.exists():
        pytest.skip(f"the real Kazakh article text is missing: {REAL_KK}")
    text = REAL_KK.read_text(encoding="utf-8")
    reporter = registry.reporter_for("zakon_kz")
    assert reporter == "zakon_kz"
    citations = detect_citations(text, lang="kk", registry=registry, reporter=reporter)
    assert _ids(citations) == ["primeminister"]
    assert citations[0].phrase == "ҚР Үкіметінің ресми сайтына сілтеме жасап"


# What each real Russian excerpt cites, read by hand: only 6387040 names another source ("Как следует из
# сообщения Акорды"); the others carry only the reporter line ("сообщает Zakon.kz", "передает
# корреспондент Zakon.kz") and quotes of people ("По его данным", "– сказал Токаев").
REAL_RU_EXPECTED = {
    "6387040": ["akorda"],
    "6502318": [],
    "6502319": [],
    "6502339": [],
    "6502341": [],
    "6502384": [],
    "6503515": [],
    "6507353": [],
}


@pytest.mark.parametrize("article_id", sorted(REAL_RU_EXPECTED))
def test_real_russian_zakon_excerpts(registry: Registry, article_id: str) -> None:
    path = REAL_RU / f"{article_id}.json"
    if not path.exists():
        pytest.skip(f"the real Russian excerpt is missing: {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    text = "\n\n".join([data["title"] or "", *data["body_paragraphs"]])
    citations = detect_citations(text, lang="ru", registry=registry, reporter="zakon_kz")
    assert _ids(citations) == REAL_RU_EXPECTED[article_id], citations


def test_real_russian_reporter_lines_are_cited_without_a_reporter(registry: Registry) -> None:
    path = REAL_RU / "6502318.json"
    if not path.exists():
        pytest.skip(f"the real Russian excerpt is missing: {path}")
    text = "\n\n".join(json.loads(path.read_text(encoding="utf-8"))["body_paragraphs"])
    assert _ids(detect_citations(text, lang="ru", registry=registry)) == ["zakon_kz"]


# --------------------------------------------------------------------------------------------------------
# The pipeline and the sources table
# --------------------------------------------------------------------------------------------------------


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def test_pipeline_on_an_article() -> None:
    stats = _Stats()
    pipeline = SourcesPipeline(stats=stats)
    article = Article(
        url="https://www.zakon.kz/politika/1-x.html",
        site="zakon_kz",
        language="ru",
        title="Минфин снизил прогноз",
        lead="Об этом сообщает Zakon.kz со ссылкой на Минфин.",
        body="По данным Всемирного банка, рост замедлится.\n\nФото: primeminister.kz",
    )
    assert pipeline.process_item(article) is article
    assert article.reporter == "zakon_kz"
    assert article.cited_sources == ["minfin"]
    assert article.cited_raw == ["со ссылкой на Минфин", "По данным Всемирного банка"]
    assert stats.values["kznews/sources/reporter_set"] == 1
    assert stats.values["kznews/sources/cited_known"] == 1
    assert stats.values["kznews/sources/cited_unknown"] == 1


def test_pipeline_on_a_gov_kz_dict_uses_the_agency_slug() -> None:
    item = {
        "url": "https://www.gov.kz/memleket/entities/mfa/press/news/details/1?lang=kk",
        "site": "gov_kz",
        "section": "mfa",
        "language": "kk",
        "title": "Сапар",
        "body": "Бұл туралы ҚР СІМ баспасөз қызметі хабарлады. Tengrinews.kz-тің хабарлауынша, кездесу өтті.",
    }
    result = SourcesPipeline().process_item(item)
    assert result["reporter"] == "mfa"
    assert result["cited_sources"] == ["tengrinews"]  # the ministry citing itself is not a citation
    assert result["cited_raw"] == ["Tengrinews.kz-тің хабарлауынша"]


def test_pipeline_keeps_a_reporter_set_by_the_spider() -> None:
    item = {"url": "u", "site": "zakon_kz", "reporter": "kazinform", "body": "Об этом сообщает Zakon.kz."}
    result = SourcesPipeline().process_item(item)
    assert result["reporter"] == "kazinform"
    assert result["cited_sources"] == ["zakon_kz"]


def test_pipeline_on_the_real_kazakh_article() -> None:
    if not REAL_KK.exists():
        pytest.skip(f"the real Kazakh article text is missing: {REAL_KK}")
    lines = REAL_KK.read_text(encoding="utf-8").split("\n")
    article = Article(
        url="https://kaz.zakon.kz/1-x.html",
        site="zakon_kz",
        language="kk",
        title=lines[0],
        body="\n".join(lines[1:]),
    )
    SourcesPipeline().process_item(article)
    assert (article.reporter, article.cited_sources) == ("zakon_kz", ["primeminister"])


def test_sync_sources_table(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "kznews.db"
    db = sqlite_utils.Database(path)
    assert sync_sources_table(db, registry) == len(registry.all())
    db.execute("UPDATE sources SET name_ru = 'stale' WHERE id = 'akorda'")
    db.conn.commit()
    sync_sources_table(db, registry)  # an upsert: again, with no duplicate and the row refreshed
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == len(registry.all())
    row = conn.execute(
        "SELECT kind, name_kk, name_ru, name_en, domains, gov_project, aliases FROM sources WHERE id = 'akorda'"
    ).fetchone()
    assert row[:4] == ("person_office", "Ақорда", "Акорда", "Akorda")
    assert json.loads(row[4]) == ["akorda.kz"]
    assert row[5] is None
    assert "Администрация Президента" in json.loads(row[6])
    assert conn.execute("SELECT gov_project FROM sources WHERE id = 'health'").fetchone()[0] == "dsm"
    columns = [r[1] for r in conn.execute("PRAGMA table_info(sources)")]
    assert columns == ["id", "kind", "name_kk", "name_ru", "name_en", "domains", "gov_project", "aliases"]


def test_sync_sources_table_in_autocommit_mode(tmp_path: Path, registry: Registry) -> None:
    # crawler/store/db.py opens connections with isolation_level=None
    path = tmp_path / "autocommit.db"
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    sync_sources_table(db, registry)
    assert not db.conn.in_transaction
    assert sqlite3.connect(path).execute("SELECT count(*) FROM sources").fetchone()[0] == len(registry.all())


def test_pipeline_from_crawler_reads_the_sources_file_setting(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    path = tmp_path / "sources.toml"
    path.write_text(
        '[crawled]\nzakon_kz = "only"\n\n[[source]]\nid = "only"\nkind = "news_outlet"\n'
        'names = { kk = "Only", ru = "Only", en = "Only" }\naliases = ["Единственный"]\n',
        encoding="utf-8",
    )
    crawler = get_crawler(settings_dict={"KZNEWS_SOURCES_FILE": str(path)})
    pipeline = SourcesPipeline.from_crawler(crawler)
    item = pipeline.process_item(
        {"url": "u", "site": "zakon_kz", "language": "ru", "body": "По данным Минфина, рост."}
    )
    assert item["reporter"] == "only"
    assert item["cited_sources"] == []  # Минфин is not in this registry: kept only as a phrase
    assert item["cited_raw"] == ["По данным Минфина"]
    assert crawler.stats.get_value("kznews/sources/cited_unknown") == 1


def test_the_credit_gate_passes_every_text_the_credit_pattern_matches() -> None:
    # detect_citations masks photo credits only behind _may_hold_credit: a credit it let pass unmasked
    # could be read as a citation
    import random

    from crawler.sources import _CREDIT, _CREDIT_LINE_WORDS, _may_hold_credit

    rng = random.Random(11)
    pool = [*_CREDIT_LINE_WORDS, "фотосурет", "автор", "zakon.kz", "сообщает", "фотоға", "видеосы"]
    glue = [" ", "  ", "\n", "\n ", " \t", ":", " : ", ", ", "x", "1", "-"]
    texts = [fold(unicodedata.normalize("NFC", t)) for t in _corpus_texts()]
    for _ in range(4000):
        texts.append("".join(rng.choice(pool) + rng.choice(glue) for _ in range(rng.randint(1, 8))))
    matched = 0
    for text in texts:
        if _CREDIT.search(text):
            matched += 1
            assert _may_hold_credit(text), text
    assert matched >= 1000
