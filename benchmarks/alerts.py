"""How RuleSet.match scales with the number of alert rules.

Claim (issue 6): at most 2 ms per article at 10,000 rules, and growth well below linear in the number of rules.

Generates (deterministic seed) 10,000 Kazakh and Russian articles mixing names, ministries, places and
common words in inflected forms, and rule sets of 10, 1,000 and 10,000 rules (single words, phrases,
AND/OR/NOT combinations, Kazakh and Russian, some with filters or script folding). Each rule set
matches every article once; the word caches are warmed first on a separate slice so all sizes are
timed in the same state.

    python benchmarks/alerts.py            # 10,000 articles
    python benchmarks/alerts.py --quick    # 1,000 articles
    python benchmarks/alerts.py --classes  # only the figures for issue 20's classes of error
    python benchmarks/alerts.py --against 593fe2d --quick  # time matching against another revision

Before the timing it prints, per class of error of issue 20 (benchmarks/data/matching_classes.tsv: Russian
-ина/-ова nouns, surnames, Лев vs левый, unknown Russian words, Kazakh loanwords, the attributive, harmony
and assimilation, -ДЫ/-ТІ adjectives), how many expected forms find_matches finds and how many texts it
matches that it must not, next to a plain prefix match (what an FTS5 `"kw"*` query does).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.matching import Rule, RuleSet, find_matches, normalize  # noqa: E402

CLASSES = Path(__file__).resolve().parent / "data" / "matching_classes.tsv"

SEED = 20240301
RU_SURNAME_CASES = ["", "а", "у", "ым", "е"]

SYLLABLES = (
    "Ай Бек Нұр Жан Ер Сар Тол Қаз Мұх Ораз Ас Қай Бол Сер Дос Ғал Мар Тал Әли Ел Жұма Құл Төле Ақ "
    "Бау Дәу Ар Қан Тұр Сәт"
).split()
SURNAME_SUFFIXES = ["ов", "ев", "баев", "бекұлы", "жанов", "ин"]
KK_NOUNS = (
    "салық кітап әкім үкімет мектеп жол бала министрлік парламент мәжіліс сенат қала облыс ауыл заң бюджет "
    "халық жер тіл бағдарлама инвестиция теңіз кәсіпорын зауыт жоба келісім сот прокуратура полиция "
    "денсаулық білім ғылым спорт мәдениет экономика өнеркәсіп энергетика көлік байланыс қаржы банк "
    "несие жалақы зейнетақы тұрғын құрылыс егін астық мұнай газ электр"
).split()
KK_PLACES = (
    "Астана Алматы Шымкент Ақтау Атырау Ақтөбе Қарағанды Павлодар Семей Өскемен Тараз Түркістан Қостанай "
    "Петропавл Көкшетау Орал Қызылорда Жезқазған Талдықорған Маңғыстау Әзербайжан Ресей Қытай Өзбекстан"
).split()
RU_FORMS = {
    "налог": ["налог", "налога", "налогов", "налогами"],
    "закон": ["закон", "закона", "законы", "законе"],
    "аким": ["аким", "акима", "акимом", "акимы"],
    "правительство": ["правительство", "правительства", "правительством"],
    "министр": ["министр", "министра", "министром"],
    "бюджет": ["бюджет", "бюджета", "бюджете"],
    "школа": ["школа", "школы", "школе"],
    "суд": ["суд", "суда", "судом"],
    "выборы": ["выборы", "выборов", "выборах"],
    "депутат": ["депутат", "депутата", "депутатов"],
    "инвестиция": ["инвестиция", "инвестиции", "инвестиций"],
    "пенсия": ["пенсия", "пенсии", "пенсий"],
}
RU_NOUNS = (
    list(RU_FORMS)
    + (
        "страна дорога сенат парламент президент банк кредит зарплата жилье строительство урожай нефть газ "
        "транспорт связь финансы образование наука спорт культура экономика"
    ).split()
)
RU_PLACES = (
    "Астана Алматы Шымкент Актау Атырау Актобе Караганда Павлодар Семей Азербайджан Россия Китай".split()
)
FILLER_KK = (
    "және бойынша үшін деп айтты жылы мен бірге жаңа жұмыс мәселе туралы өтті қатысты бүгін шара "
    "елдің дамыту жөнінде көмек ретінде барлық сондай-ақ бірінші атап өтті"
).split()
FILLER_RU = (
    "и в на по для что это был также его при заявил году новый работа вопрос сегодня мероприятие "
    "развитие помощь всех первый отметил"
).split()
SITES = ["zakon_kz", "akorda_kz", "primeminister_kz", "gov_kz"]
FOLD = str.maketrans("қғңөұүіәһ", "кгноууиах")


class Lexicon:
    """Kazakh surnames (3,000+, with Russian spellings), places and nouns, each list in Zipf order."""

    def __init__(self, rng: random.Random) -> None:
        roots = [a + b.lower() for a in SYLLABLES for b in SYLLABLES if a != b]
        self.surnames = [r + s for r in roots for s in SURNAME_SUFFIXES]
        rng.shuffle(self.surnames)
        self.kk_places, self.ru_places = KK_PLACES[:], RU_PLACES[:]
        self.kk_nouns, self.ru_nouns = KK_NOUNS[:], RU_NOUNS[:]
        for seq in (self.kk_places, self.ru_places, self.kk_nouns, self.ru_nouns):
            rng.shuffle(seq)

    @staticmethod
    def zipf(rng: random.Random, seq: list[str], s: float = 1.0) -> str:
        return seq[min(len(seq) - 1, int(len(seq) ** rng.random() ** s) - 1)]


# Kazakh case endings by the sound before them (genitive, dative, accusative, locative, ablative,
# instrumental, locative + attributive), back-vowel variants; front ones are derived below.
KK_CASES = {
    "V": ["ның", "ға", "ны", "да", "дан", "мен", "дағы"],
    "N": ["ның", "ға", "ды", "да", "нан", "мен", "дағы"],
    "R": ["дың", "ға", "ды", "да", "дан", "мен", "дағы"],
    "L": ["дың", "ға", "ды", "да", "дан", "мен", "дағы"],
    "Z": ["дың", "ға", "ды", "да", "дан", "бен", "дағы"],
    "K": ["тың", "қа", "ты", "та", "тан", "пен", "тағы"],
}
KK_FRONT = str.maketrans("аыұқғ", "еіүкг")


def kk_inflect(rng: random.Random, word: str) -> str:
    """The word in its bare form or a case form, each ending chosen as Kazakh chooses it: by the sound before
    it (consonant assimilation) and by the last vowel (harmony; in -ов/-ев surnames the vowel before them)."""
    lower = word.lower()
    stem = lower[:-2] if lower.endswith(("ов", "ев")) else lower
    front = next((ch in "әеіөүи" for ch in reversed(stem) if ch in "аоұыуәеіөүи"), False)
    last = lower[-1]
    sound = next(
        (
            k
            for k, letters in {"V": "аәеоөұүыіэюя", "N": "мнң", "R": "рйуи", "L": "л", "Z": "жз"}.items()
            if last in letters
        ),
        "K",
    )
    ending = rng.choice(["", *KK_CASES[sound]])
    if front and ending not in ("мен", "бен", "пен"):
        ending = ending.translate(KK_FRONT)
    return word + ending


def make_articles(n: int, rng: random.Random, lex: Lexicon) -> list[tuple[str, str, str]]:
    articles = []
    for _ in range(n):
        lang = "kk" if rng.random() < 0.5 else "ru"
        words: list[str] = []
        for _ in range(rng.randint(150, 400)):
            r = rng.random()
            if lang == "kk":
                if r < 0.04:
                    words.append(kk_inflect(rng, lex.zipf(rng, lex.surnames)))
                elif r < 0.08:
                    words.append(kk_inflect(rng, lex.zipf(rng, lex.kk_places)))
                elif r < 0.30:
                    words.append(kk_inflect(rng, lex.zipf(rng, lex.kk_nouns)))
                else:
                    words.append(rng.choice(FILLER_KK))
            else:
                if r < 0.04:
                    words.append(lex.zipf(rng, lex.surnames).translate(FOLD) + rng.choice(RU_SURNAME_CASES))
                elif r < 0.08:
                    words.append(lex.zipf(rng, lex.ru_places))
                elif r < 0.30:
                    noun = lex.zipf(rng, lex.ru_nouns)
                    words.append(rng.choice(RU_FORMS.get(noun, [noun])))
                else:
                    words.append(rng.choice(FILLER_RU))
            if rng.random() < 0.07:
                words[-1] += "."
        articles.append((" ".join(words), lang, rng.choice(SITES)))
    return articles


def pick_entity(rng: random.Random, lex: Lexicon, kk: bool, scenario: str) -> str:
    places = lex.kk_places if kk else lex.ru_places
    if scenario == "narrow":
        return rng.choice((lex.kk_nouns if kk else lex.ru_nouns) + places)
    if rng.random() < 0.1:
        return rng.choice(places)
    name = lex.surnames[int(rng.random() ** 1.5 * len(lex.surnames))]  # popular names more often
    return name if kk else name.translate(FOLD)


def make_rules(n: int, rng: random.Random, lex: Lexicon, scenario: str) -> list[Rule]:
    """`broad`: rules watch names and places, common nouns only inside AND/phrases (what alert users
    write). `narrow`: every keyword is one of the ~100 common nouns and places the articles are made
    of, so a large share of all rules fires on every article: the worst case, where the output itself
    grows with the number of rules."""
    rules = []
    for i in range(n):
        lang = rng.choice(["kk", "ru", None])
        kk = lang == "kk" or (lang is None and rng.random() < 0.5)
        nouns = lex.kk_nouns if kk else lex.ru_nouns
        a, b, c = (pick_entity(rng, lex, kk, scenario) for _ in range(3))
        noun = rng.choice(nouns)
        shape = rng.random()
        if shape < 0.45:
            query = a
        elif shape < 0.6:
            query = f'"{a} {noun}"'
        elif shape < 0.8:
            query = f"{a} AND {noun}"
        elif shape < 0.9:
            query = f"({a} OR {b}) NOT {noun}"
        else:
            query = f"{a} OR {b} OR {c}"
        rules.append(
            Rule(
                id=f"r{i}",
                query=query,
                lang=lang,
                fold_scripts=rng.random() < 0.1,
                sites=[rng.choice(SITES)] if rng.random() < 0.2 else [],
            )
        )
    return rules


def time_ruleset(ruleset: RuleSet, articles: list[tuple[str, str, str]]) -> tuple[float, float, int]:
    """(CPU ms per article, wall ms per article, total hits). CPU time is the figure to compare: the
    machine may be shared, and wall time then includes waiting for the processor."""
    hits = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for text, lang, site in articles:
        hits += len(ruleset.match(text, lang=lang, site=site))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu * 1000 / len(articles), wall * 1000 / len(articles), hits


def class_figures() -> bool:
    """Per class of issue 20: expected forms found, texts matched that must not be; ours and a prefix match."""
    lines = [ln for ln in CLASSES.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = [(ln.split("\t") + [""])[:5] for ln in lines[1:]]
    stats: dict[str, list[int]] = {}
    misses: list[str] = []
    for cls, lang, keyword, text, expected in rows:
        want = [f for f in expected.split("|") if f]
        got = find_matches(keyword, text, lang=lang)
        key = normalize(keyword)
        prefix = [w for w in text.replace("!", " ").replace(".", " ").split() if normalize(w).startswith(key)]
        s = stats.setdefault(cls, [0, 0, 0, 0, 0, 0])  # found, expected, false, negatives, prefix found/false
        if want:
            s[1] += 1
            s[0] += got == want
            s[4] += prefix == want
            if got != want:
                misses.append(f"  missed: {keyword} in {text!r} -> {got} (expected {want})")
        else:
            s[3] += 1
            s[2] += bool(got)
            s[5] += bool(prefix)
            if got:
                misses.append(f"  false match: {keyword} in {text!r} -> {got}")
    print(f"issue 20 classes ({CLASSES.name}, {len(rows)} rows): found/expected, false matches/must-not rows")
    print(f"{'class':<16}{'found':>10}{'false':>10}{'prefix found':>15}{'prefix false':>15}")
    totals = [0] * 6
    for cls, s in stats.items():
        totals = [a + b for a, b in zip(totals, s, strict=True)]
        print(
            f"{cls:<16}{f'{s[0]}/{s[1]}':>10}{f'{s[2]}/{s[3]}':>10}{f'{s[4]}/{s[1]}':>15}{f'{s[5]}/{s[3]}':>15}"
        )
    t = totals
    print(
        f"{'total':<16}{f'{t[0]}/{t[1]}':>10}{f'{t[2]}/{t[3]}':>10}{f'{t[4]}/{t[1]}':>15}{f'{t[5]}/{t[3]}':>15}"
    )
    for line in misses:
        print(line)
    return not misses


def against(rev: str, n_articles: int) -> None:
    """RuleSet.match of this tree and of `rev` on the same articles and rules, interleaved, best of 3 passes."""
    from dates import load_revision  # benchmarks/dates.py, next to this script

    old = load_revision("matching", rev)
    lex = Lexicon(random.Random(SEED))
    articles = make_articles(n_articles, random.Random(SEED + 1), lex)
    print(
        f"RuleSet.match, {n_articles} articles, CPU ms/article (hits/article), best of 3 interleaved passes"
    )
    for scenario, size in (("broad", 1_000), ("broad", 10_000), ("narrow", 1_000), ("narrow", 10_000)):
        rules = make_rules(size, random.Random(SEED + size), lex, scenario)
        sets = {
            rev: old.RuleSet([old.Rule(**vars(r)) for r in rules]),  # type: ignore[attr-defined]
            "this tree": RuleSet(rules),
        }
        best: dict[str, tuple[float, float]] = {}
        for name, ruleset in sets.items():
            time_ruleset(ruleset, articles)  # warm the caches
            best[name] = (float("inf"), 0.0)
        for _ in range(3):
            for name, ruleset in sets.items():
                ms, _wall, hits = time_ruleset(ruleset, articles)
                best[name] = (min(best[name][0], ms), hits / n_articles)
        (a, ah), (b, bh) = best[rev], best["this tree"]
        print(
            f"  {scenario:<7}{size:>7,}: {rev} {a:.3f} ({ah:.1f}), this tree {b:.3f} ({bh:.1f}), ratio {b / a:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles instead of 10,000")
    parser.add_argument("--articles", type=int, default=None, help="number of articles (overrides --quick)")
    parser.add_argument("--classes", action="store_true", help="only the issue 20 class figures")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="only time crawler/matching.py against its version at git revision REV",
    )
    args = parser.parse_args()
    if args.against:
        against(args.against, args.articles or (300 if args.quick else 1000))
        return
    classes_ok = class_figures()
    if args.classes:
        sys.exit(0 if classes_ok else 1)
    print()
    n_articles = args.articles or (1000 if args.quick else 10_000)

    lex = Lexicon(random.Random(SEED))
    articles = make_articles(n_articles, random.Random(SEED + 1), lex)
    words = statistics.mean(len(a[0].split()) for a in articles)
    print(f"{n_articles:,} articles (half kk, half ru), {words:.0f} words each on average")
    sizes = [10, 1_000, 10_000]
    # Warm the per-word caches (pymorphy3, Kazakh stems, token keys) once for every article, with and
    # without script folding, so that no size pays for first sight of a word.
    for fold in (False, True):
        time_ruleset(RuleSet([Rule("warm", "Тоқаев", fold_scripts=fold)]), articles)
    verdicts = []
    for scenario in ("broad", "narrow"):
        print(f"\nscenario {scenario}")
        print(
            f"{'rules':>8} {'compile s':>10} {'CPU ms/article':>15} {'wall ms/article':>16} {'hits/article':>13}"
        )
        results = {}
        for size in sizes:
            t0 = time.perf_counter()
            ruleset = RuleSet(make_rules(size, random.Random(SEED + size), lex, scenario))
            compile_s = time.perf_counter() - t0
            time_ruleset(ruleset, articles[:300])  # and the rule set's own per-token cache
            ms, wall_ms, hits = time_ruleset(ruleset, articles)
            results[size] = ms
            print(f"{size:>8,} {compile_s:>10.2f} {ms:>15.3f} {wall_ms:>16.3f} {hits / n_articles:>13.2f}")
        growth = results[10_000] / results[10]
        print(f"growth: 10,000-rule CPU time / 10-rule CPU time = {growth:.1f}x for 1,000x the rules")
        verdicts.append((scenario, results[10_000] <= 2.0 and growth < 100))
    for scenario, ok in verdicts:
        state = "OK" if ok else "ABOVE TARGET"
        print(f"target (<= 2 ms/article at 10,000 rules, growth well below 1000x), {scenario}: {state}")


if __name__ == "__main__":
    main()
