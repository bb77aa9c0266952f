"""Publication dates printed in Kazakh, Russian and English → timezone-aware instants.

    >>> parse_date("2021 жылғы 25 қаңтар")
    datetime.datetime(2021, 1, 25, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=21600)))
    >>> parse_date_info("13:51, 15 августа 2025").precision
    'minute'

Conventions (docs/dates.md has the full list and the reasons):
- A wall time with no offset is Kazakhstan time, Asia/Almaty with its real history: UTC+6, UTC+5 from
  2024-03-01 00:00, summer time (+7) before 2005. The repeated hour 2024-02-29 23:00–24:00 resolves to its
  first occurrence (+06:00, ``fold=0``). An offset written in the string wins and is kept on the result;
  otherwise the result carries Asia/Almaty's offset at that instant as a fixed ``timezone`` (PEP 495: a
  ZoneInfo datetime in a repeated hour never equals one in another zone).
- Date only → local midnight, precision "day"; month + year → the 1st, precision "month".
- No year → the most recent past occurrence (by calendar day) relative to ``now``.
- Relative forms count back from ``now`` in local time; ``now`` defaults to the current time, and a naive
  ``now`` is read as UTC (``fetched_at`` is stored in UTC). Sub-day relative results are cut to the minute.
- Unix epoch numbers (9–10 digits: seconds, 12–13: milliseconds; 2000–2100 only) are UTC instants.

The zone data comes from the ``tzdata`` wheel, never the operating system: ``zoneinfo`` reads the OS zone
files first, and an old image gives +06 for 2025. ``zoneinfo.reset_tzpath([])`` below runs at import,
before this module creates any ``ZoneInfo``.

The forms the sites print go through compiled regexes and month tables here; dateparser is only a fallback
for the long tail, after the refusal rules, and its answer is sanity-checked.

The parts, in file order:
- Results: `ParsedDate`, `_Refusal`.
- Month names and idioms (kk/ru/en tables), `_normalise` (one lower-case spelling of a date text).
- Building instants: `_resolve_now`, `_offset`, `_Time`, `_instant`, year checks, `_Ctx`.
- The forms, one function each: ISO, epoch, RFC 2822, numeric, day/month/year orders, relative days and
  "N minutes ago", weekdays, time only (`_form_*`); `_refusal_reason`.
- The dateparser fallback: `_dateparser`; the dispatcher: `_match`, `_fixed`, `_parse`.
- Public API: `parse_date_info`, `parse_date`, `explain_date`, `date_from_zakon_title`, `to_utc_iso`,
  `format_local`.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

# The tzdata wheel must win over /usr/share/zoneinfo (language.md §2); drop any instance cached before.
zoneinfo.reset_tzpath([])
ZoneInfo.clear_cache(only_keys=["Asia/Almaty"])
ALMATY: ZoneInfo = ZoneInfo("Asia/Almaty")

__all__ = [
    "ALMATY",
    "ParsedDate",
    "date_from_zakon_title",
    "explain_date",
    "format_local",
    "parse_date",
    "parse_date_info",
    "to_utc_iso",
]

PRECISIONS = ("second", "minute", "day", "month")
# A bare time or weekday + time this far ahead of `now` is read as the previous occurrence.
_AHEAD_TOLERANCE = timedelta(minutes=10)


@dataclass(frozen=True)
class ParsedDate:
    """A parsed publication date: the aware instant, how precise the text was, and which form matched."""

    instant: datetime
    precision: str  # "second" | "minute" | "day" | "month"
    form: str  # e.g. "kk-official-year-first", "iso8601", "rfc2822", "relative-ago"


class _Refusal(Exception):
    """The text matched a form but is not a usable date (invalid calendar date, epoch out of range...)."""


# --- tables -----------------------------------------------------------------------------------------------

_MONTHS: dict[str, tuple[int, str, str]] = {}  # surface form -> (month, kind, language)


def _add_kk_month(
    month: int, stem: str, *, front: bool, voiceless: bool, poss_stem: str, latin: bool
) -> None:
    """Kazakh month with the endings a date takes: possessive, locative, the attributive -ғы, both chained.

    Vowel harmony picks а/ы/ғ (back) or е/і/г (front); a voiceless final (қыркүйек) takes т- endings and
    voices before a vowel (қыркүйегі).
    """
    lang = "kk-latn" if latin else "kk"
    if latin:
        a, y, g, d = (
            ("e", "i", "g", "t" if voiceless else "d")
            if front
            else ("a", "y", "ğ", "t" if voiceless else "d")
        )
        s, nd = "s", "nd"
    else:
        a, y, g, d = (
            ("е", "і", "г", "т" if voiceless else "д")
            if front
            else ("а", "ы", "ғ", "т" if voiceless else "д")
        )
        s, nd = "с", "нд"
    vowel_final = stem[-1] in "аеәыіouaeyi"
    poss = stem + s + y if vowel_final else poss_stem + y
    forms = {
        stem: "nom",
        poss: "poss",
        stem + d + a: "loc",  # қаңтарда, қыркүйекте, шілдеде
        poss + nd + a: "loc",  # қаңтарында, қыркүйегінде, шілдесінде
        stem + d + a + g + y: "attr",  # қаңтардағы, қыркүйектегі
        poss + nd + a + g + y: "attr",  # қаңтарындағы
    }
    for form, kind in forms.items():
        _MONTHS.setdefault(form, (month, kind, lang))


# (Cyrillic stem, Latin-2021 stem, front vowels, voiceless final, possessive stem Cyrillic, Latin)
_KK_MONTH_STEMS = [
    ("қаңтар", "qañtar", False, False),
    ("ақпан", "aqpan", False, False),
    ("наурыз", "nauryz", False, False),
    ("сәуір", "säuir", True, False),
    ("мамыр", "mamyr", False, False),
    ("маусым", "mausym", False, False),
    ("шілде", "şilde", True, False),
    ("тамыз", "tamyz", False, False),
    ("қыркүйек", "qyrküiek", True, True),
    ("қазан", "qazan", False, False),
    ("қараша", "qaraşa", False, False),
    ("желтоқсан", "jeltoqsan", False, False),
]
for _i, (_cyr, _lat, _front, _voiceless) in enumerate(_KK_MONTH_STEMS, start=1):
    _poss_cyr = "қыркүйег" if _cyr == "қыркүйек" else _cyr
    _poss_lat = "qyrküieg" if _lat == "qyrküiek" else _lat
    _add_kk_month(_i, _cyr, front=_front, voiceless=_voiceless, poss_stem=_poss_cyr, latin=False)
    _add_kk_month(_i, _lat, front=_front, voiceless=_voiceless, poss_stem=_poss_lat, latin=True)

for _i, _w in enumerate(
    ["қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел"], 1
):
    _MONTHS.setdefault(_w, (_i, "abbr", "kk"))

_RU_NOM = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()
_RU_GEN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
_RU_PREP = "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split()
_RU_ABBR = [
    w.split("|") if w != "-" else []
    for w in "янв фев|февр мар апр - июн июл авг сен|сент окт ноя|нояб дек".split()
]
_EN_FULL = "january february march april may june july august september october november december".split()
_EN_ABBR = [
    w.split("|") if w != "-" else [] for w in "jan feb mar apr - jun jul aug sep|sept oct nov dec".split()
]
for _i in range(12):
    _MONTHS.setdefault(_RU_NOM[_i], (_i + 1, "nom", "ru"))
    _MONTHS.setdefault(_RU_GEN[_i], (_i + 1, "gen", "ru"))
    _MONTHS.setdefault(_RU_PREP[_i], (_i + 1, "prep", "ru"))
    for _w in _RU_ABBR[_i]:
        _MONTHS.setdefault(_w, (_i + 1, "abbr", "ru"))
    _MONTHS.setdefault(_EN_FULL[_i], (_i + 1, "nom", "en"))
    for _w in _EN_ABBR[_i]:
        _MONTHS.setdefault(_w, (_i + 1, "abbr", "en"))

# Month-only Kazakh forms (шілдеде "in July") are dates; these two are also common nouns
# (Қазан "Kazan" / "cauldron", маусым "season"), so they need a day or a year.
_NOUN_MONTHS = {(10, "kk"), (10, "kk-latn"), (6, "kk"), (6, "kk-latn")}

_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        # Kazakh listings abbreviate to two letters (дс сс ср бс жм сб жс: ср and сб are also the Russian
        # ones, for the same days); Russian ones to two or three (пн, пнд); the Kazakh locative (дүйсенбіде
        # "on Monday") and the Russian accusative (в среду) name the same day.
        "дүйсенбі дүйсенбіде дс понедельник пн пнд monday mon düisenbi",
        "сейсенбі сейсенбіде сс вторник вт втр tuesday tue tues seisenbi",
        "сәрсенбі сәрсенбіде ср среда среду срд wednesday wed särsenbi",
        "бейсенбі бейсенбіде бс четверг чт чтв thursday thu thur thurs beisenbi",
        "жұма жұмада жм пятница пятницу пт птн friday fri jūma juma",
        "сенбі сенбіде сб суббота субботу сбт saturday sat senbi",
        "жексенбі жексенбіде жс воскресенье вс вск sunday sun jeksenbi",
    ]
):
    for _w in _names.split():
        _WEEKDAYS[_w] = _i
_WD_ALT = "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True))

_REL_DAYS = {w: 0 for w in ("бүгін", "сегодня", "today", "bügin")}
_REL_DAYS.update({w: 1 for w in ("кеше", "вчера", "yesterday", "keşe")})
_REL_DAYS.update({w: 2 for w in ("позавчера", "the day before yesterday", "алдыңғы күні")})
_REL_DAY_FORMS = {0: "relative-today", 1: "relative-yesterday", 2: "relative-day-before-yesterday"}
_REL_ALT = "|".join(sorted(map(re.escape, _REL_DAYS), key=len, reverse=True))

_JUST_NOW = set(
    "жаңа ғана|қазір ғана|дәл қазір|қазір|только что|сейчас|прямо сейчас|just now|right now|now|"
    "jaña ğana|qazir ğana|qazir".split("|")
)

_UNIT_SECONDS: dict[str, int] = {}
for _secs, _names in [
    (1, "секунд секунда секунду секунды сек с second seconds sec secs s sekund"),
    (60, "минут минута минуту минуты мин minute minutes min mins minut"),
    (3600, "сағат сағ час часа часов ч hour hours hr hrs h sağat sağ"),
    (86400, "күн день дня дней дн сутки суток day days d kün"),
    (604800, "апта неделю недели недель неделя нед week weeks wk apta"),
]:
    for _w in _names.split():
        _UNIT_SECONDS[_w] = _secs
# Russian idioms glue "half" to the unit.
_IDIOM_UNITS = {"полчаса": 1800, "полминуты": 30, "полдня": 43200}
_COARSE_UNITS = set("ай айы месяц месяца месяцев month months жыл год года лет year years jyl ai".split())

_NUMBER_WORDS: dict[str, float] = {}
for _value, _names in [
    (1, "бір один одна одну a an one bir"),
    (2, "екі два две two eki"),
    (3, "үш три three üş"),
    (4, "төрт четыре four tört"),
    (5, "бес пять five bes"),
    (6, "алты шесть six alty"),
    (7, "жеті семь seven jeti"),
    (8, "сегіз восемь eight segiz"),
    (9, "тоғыз девять nine toğyz"),
    (10, "он десять ten on"),
    (11, "одиннадцать eleven"),
    (12, "двенадцать twelve"),
    (13, "тринадцать thirteen"),
    (14, "четырнадцать fourteen"),
    (15, "пятнадцать fifteen"),
    (16, "шестнадцать sixteen"),
    (17, "семнадцать seventeen"),
    (18, "восемнадцать eighteen"),
    (19, "девятнадцать nineteen"),
    (20, "жиырма двадцать twenty jiyrma"),
    (30, "отыз тридцать thirty otyz"),
    (40, "қырық сорок forty qyryq"),
    (50, "елу пятьдесят fifty elu"),
    (0.5, "жарты жарым jarty jarym"),
    (1.5, "полтора полторы"),
    # Russian collective numerals count days (двое суток "two days"): двое/трое... are plain numbers here.
    (2, "двое"),
    (3, "трое"),
    (4, "четверо"),
    (5, "пятеро"),
    (6, "шестеро"),
    (7, "семеро"),
]:
    for _w in _names.split():
        _NUMBER_WORDS[_w] = _value
_NUMBER_PHRASES = {"half an": 0.5, "half a": 0.5, "a couple of": 2, "a couple": 2}
# "A few seconds ago" is the same minute as now; a vague count of anything longer is refused (it could be
# off by the unit several times over).
_VAGUE_COUNTS = frozenset("несколько бірнеше few several".split())
# Words that join the parts of a compound time ("1 hour and 20 minutes") or soften it ("около 2 часов
# назад", read as written: the site rounds, we keep its figure).
_REL_JOINERS = frozenset("и және and".split())
_REL_APPROX = frozenset("около примерно приблизительно почти about around almost шамамен шамасы".split())
_REL_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+")

_TZ_NAMES = dict(z=0, gmt=0, utc=0, ut=0, est=-5, edt=-4, cst=-6, cdt=-5, mst=-7, mdt=-6, pst=-8, pdt=-7)

# --- normalisation ----------------------------------------------------------------------------------------

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_SPACES = re.compile(r"\s+")
_CYR = "а-яәғқңөұүһі"
_LATIN_I_IN_CYR = re.compile(rf"(?<=[{_CYR}])i|i(?=[{_CYR}])")
_LABEL = re.compile(
    r"(?:жарияланды|жарияланған(?:\s+(?:уақыты|күні))?|жаңартылды|өзгертілді|"
    r"опубликовано|опубликован[аоы]?|дата\s+(?:публикации|обновления|создания)|время\s+публикации|"
    r"обновлено|изменено|размещено|дата|"
    r"published(?:\s+(?:on|at))?|posted(?:\s+(?:on|at))?|(?:last\s+)?updated(?:\s+(?:on|at))?|date|jarialandy)"
    r"\s*(?::\s*|\s+|$)"
)


def _normalise(text: str) -> str:
    """NFC, lower case, ё → е, one kind of dash and space; Kazakh letters stay distinct from Russian ones."""
    t = unicodedata.normalize("NFC", text).lower()
    if "ё" in t:
        t = t.replace("ё", "е")
    # Latin Kazakh: dotless ı and İ (lowered to i + U+0307) both fold to i; ŋ is another spelling of ñ.
    t = t.replace("i\u0307", "i").replace("ı", "i").replace("ŋ", "ñ")
    # Cyrillic text typed with Latin i or old-font letters for і/ә/ң.
    t = t.replace("\u04ca", "ң").replace("\u0259", "ә")
    if "i" in t:
        t = _LATIN_I_IN_CYR.sub("і", t)
    t = _SPACES.sub(" ", t.translate(_DASHES)).strip(" ,;|·•()[]«»\"'")
    if t.endswith(".") and t[-2:-1].isdigit():
        t = t[:-1]
    return t


# --- patterns ---------------------------------------------------------------------------------------------

_TIME = (
    r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s*(?:(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}))?"
    r"(?:-?(?:де|да|те|та|de|da|te|ta))?"
)
_TIME_RE = re.compile(
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,6}))?)?"
    r"(?:\s*(?P<ap>am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s*(?P<tz>(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}))?"
    r"(?:-?(?:де|да|те|та|de|da|te|ta))?"
)
_AT = r"(?:(?:в|во|at|сағат|sağat)\s+)?"
_SEP = r"(?:\s*[,/|]\s*|\s+-\s+|\s+)"
_WD_PREFIX = rf"(?:(?:{_WD_ALT})(?:\s+күні)?,?\s+)?"
_WD_SUFFIX = rf"(?:,?\s+(?:{_WD_ALT}))?"
_LEAD = rf"(?:{_AT}(?P<t1>{_TIME}){_SEP})?"
_TRAIL = rf"(?:{_SEP}{_AT}(?P<t2>{_TIME}))?"
_DAY = r"(?P<day>\d{1,2})(?:-?(?:інші|ыншы|ші|шы|го|е|th|st|nd|rd))?"
_YSUF = r"(?:\s*(?:жылы|жыл|ж\.?|года|год|г\.?|jyly|jyl|j\.?))?"
_WORD = r"[^\W\d_]+"

_ISO_EXT = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[t ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<tz>z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_ISO_BASIC = re.compile(
    r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})"
    r"(?:t(?P<h>\d{2})(?P<mi>\d{2})(?:(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?(?P<tz>z|[+-]\d{2}(?:\d{2})?)?)?"
)
_EPOCH = re.compile(r"(?P<e>\d{9,10}|\d{12,13})(?:\.(?P<f>\d{1,6}))?")
_RFC2822 = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun),?\s*)?(?P<d>\d{1,2})\s+(?P<mon>[a-z]{3})\s+(?P<y>\d{4})\s+"
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<tz>[+-]\d{4}|[a-z]{1,3})"
)
_NUMERIC_DMY = re.compile(
    rf"{_WD_PREFIX}{_LEAD}(?P<day>\d{{1,2}})(?P<sep>[./-])(?P<mo>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}}){_YSUF}{_TRAIL}{_WD_SUFFIX}"
)
_NUMERIC_YMD = re.compile(
    rf"{_LEAD}(?P<y>\d{{4}})(?P<sep>[./])(?P<mo>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}}){_TRAIL}"
)
_YEAR_FIRST = re.compile(
    rf"{_WD_PREFIX}{_LEAD}(?P<y>\d{{4}})[\s-]*(?P<yw>жылғы|жылдың|жылы|ж\.?|jylğy|jyldyñ|jyly|j\.?)\s*"
    rf"(?:{_DAY}(?:\s+|-))?(?P<mon>{_WORD})\.?(?:\s+күні)?{_TRAIL}"
)
_DAY_FIRST = re.compile(
    rf"{_WD_PREFIX}{_LEAD}{_DAY}(?:\s+|-)(?P<mon>{_WORD})\.?(?:\s+күні)?(?:{_SEP}(?P<y>\d{{4}}){_YSUF})?{_TRAIL}{_WD_SUFFIX}"
)
_MONTH_FIRST = re.compile(
    rf"{_WD_PREFIX}{_LEAD}(?P<mon>{_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:{_SEP}(?P<y>\d{{4}}))?{_TRAIL}{_WD_SUFFIX}"
)
_MONTH_YEAR = re.compile(rf"(?:(?:в|во|in)\s+)?(?P<mon>{_WORD})\.?,?\s+(?P<y>\d{{4}}){_YSUF}")
_REL_DAY = re.compile(rf"{_LEAD}(?P<rel>{_REL_ALT}){_TRAIL}")
_REL_AGO = re.compile(r"(?P<body>.*?[^\W\d_])\.?\s+(?P<ago>бұрын|тому назад|назад|ago|būryn|buryn)")
_WEEKDAY = re.compile(rf"{_LEAD}(?:(?:в|во|on|last)\s+)?(?P<wd>{_WD_ALT})(?:\s+күні)?{_TRAIL}")
_TIME_ONLY = re.compile(rf"{_AT}(?P<t2>{_TIME})")
_MONTH_ONLY = re.compile(rf"(?P<mon>{_WORD}){_TRAIL}")
_ZAKON_TITLE = re.compile(
    r"ᐈ\s*(?:(?:новость|жаңалық|news)\s+)?(?:от\s+)?(?P<d>.+?)\s*(?:(?:на|в)\s+)?(?:www\.|kaz\.)?zakon\.kz\s*$"
)

# Refusal rules: tried when no form matched, and always before the dateparser fallback.
_RANGE = re.compile(r"\b\d{1,4}\s*-\s*\d{1,4}\b|жылдар|годах|годы|годов|between|аралығ")
_LIMIT = re.compile(
    r"(?:^|\s)(?:дейін|шейін|қарай|соңына|басына|ортасына|бастап|кейін|арналған|до|к|по|с|со|после|начиная|"
    r"концу|началу|until|till|by|before|after|since|from|through|end|by the end)(?:\s|$)"
)
_YEAR_ONLY = re.compile(
    r"(?:(?:в|во|in|за)\s+)?\d{4}\s*(?:ж\.?|жыл[а-яәғқңөұүһі]*|г\.?|год[а-я]*|year|jyl\w*)?\.?"
)
_UI_WORDS = set(
    "қаз каз рус eng kaz rus kz ru en kk қазақша русский english орысша ағылшынша қазақ рус. қаз. eng.".split()
)
_PHONE = re.compile(r"\+?[\d\s()-]{7,}")
_AGO_WORD = re.compile(r"(?:^|\s)(?:бұрын|назад|ago|būryn|buryn)(?:\s|$)")
_WORDS = re.compile(_WORD)
_DATE_LIKE_NUM = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# A zone marker after the whole date, as some Kazakh sites print it: "10:50, 02 Желтоқсан 2025 | GMT +5",
# "... (GMT+6)", "... UTC+5", "... 14:35 +05:00". The wall time before it is in that zone. A bare "-05:00"
# must touch its sign and follow a time, so "12.01.2021 - 05:00" (a date, a dash, a time) is not a zone.
_ZONE_TAIL = re.compile(
    r"(?:\s*[|,]\s*|\s+)\(?(?P<tz>(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)\)?$"
    r"|(?<=\d:\d\d)\s+\(?(?P<bare>[+-]\d{2}:?\d{2})\)?$"
)
# Forms whose instant counts back from `now` (or is absolute already): a zone marker does not move them.
_ABSOLUTE_FORMS = frozenset(("relative-ago", "relative-now", "epoch-seconds", "epoch-milliseconds"))


# --- helpers ----------------------------------------------------------------------------------------------


def _resolve_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        return now.replace(tzinfo=UTC)  # naive now is UTC, like fetched_at
    return now


_OFFSET = re.compile(r"([+-])(\d{1,2}):?(\d{2})?")


@lru_cache(maxsize=256)  # a handful of spellings recur on every page ("+05:00")
def _offset(tz: str) -> timezone:
    """'+05:00', '+0500', '+05', 'utc', 'gmt+6', 'z', 'est' → a fixed offset."""
    tz = tz.replace(" ", "")
    if tz in _TZ_NAMES:
        return timezone(timedelta(hours=_TZ_NAMES[tz]))
    for prefix in ("utc", "gmt"):
        if tz.startswith(prefix):
            tz = tz[len(prefix) :]
    m = _OFFSET.fullmatch(tz)
    if not m:
        raise _Refusal(f"unknown time zone {tz!r}")
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        raise _Refusal(f"impossible UTC offset {tz!r}")
    sign = -1 if m.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _fraction(f: str | None) -> int:
    return int((f or "0")[:6].ljust(6, "0"))


class _Time:
    __slots__ = ("hour", "minute", "second", "micro", "tz", "precision")

    def __init__(self, text: str) -> None:
        m = _TIME_RE.fullmatch(text)
        if m is None:  # pragma: no cover - the patterns only capture what _TIME_RE reads
            raise _Refusal(f"unreadable time {text!r}")
        self.hour, self.minute = int(m["h"]), int(m["mi"])
        self.second = int(m["s"] or 0)
        self.micro = _fraction(m["f"])
        self.precision = "second" if m["s"] else "minute"
        if m["ap"]:
            if not 1 <= self.hour <= 12:
                raise _Refusal(f"invalid time {text!r}")
            self.hour = self.hour % 12 + (12 if m["ap"].startswith("p") else 0)
        if self.hour > 23 or self.minute > 59 or self.second > 59:
            raise _Refusal(f"invalid time {text!r}")
        self.tz: timezone | None = _offset(m["tz"]) if m["tz"] else None


def _one_time(m: re.Match[str]) -> _Time | None:
    groups = m.re.groupindex  # not m.groupdict(), which builds a dict of every group, twice
    t1 = m["t1"] if "t1" in groups else None
    t2 = m["t2"] if "t2" in groups else None
    if t1 and t2:
        raise _Refusal("two times in one date")
    text = t1 or t2
    return _Time(text) if text else None


def _instant(y: int, mo: int, d: int, t: _Time | None) -> datetime:
    try:
        if t is None:
            return datetime(y, mo, d, tzinfo=ALMATY)
        return datetime(y, mo, d, t.hour, t.minute, t.second, t.micro, tzinfo=t.tz or ALMATY)
    except ValueError:
        raise _Refusal(f"invalid calendar date {d:02d}.{mo:02d}.{y}") from None


def _check_year(y: int) -> None:
    if not 1900 <= y <= 2100:
        raise _Refusal(f"year {y} is outside 1900–2100")


def _recent_year(month: int, day: int, today: date) -> int:
    """The year of the most recent past (or today's) occurrence of day.month."""
    for y in range(today.year, today.year - 9, -1):
        try:
            if date(y, month, day) <= today:
                return y
        except ValueError:
            continue
    raise _Refusal(f"invalid calendar date {day:02d}.{month:02d}")


def _year4(y: str) -> int:
    return 2000 + int(y) if len(y) == 2 else int(y)


class _Ctx:
    __slots__ = ("now", "local_now", "notes", "shown")

    def __init__(self, now: datetime, shown: str) -> None:
        self.shown = shown
        self.now = now
        self.local_now = now.astimezone(ALMATY)
        self.notes: list[str] = []


def _dated(ctx: _Ctx, y: str | None, mo: int, day: int, t: _Time | None) -> tuple[datetime, str]:
    if y is None:
        year = _recent_year(mo, day, ctx.local_now.date())
        ctx.notes.append("no year: most recent past occurrence")
    else:
        year = _year4(y)
        _check_year(year)
    return _instant(year, mo, day, t), (t.precision if t else "day")


# --- forms ------------------------------------------------------------------------------------------------


def _iso(m: re.Match[str], form: str) -> ParsedDate:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    _check_year(y)
    if m["h"] is None:
        return ParsedDate(_instant(y, mo, d, None), "day", form)
    h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
    if h > 23 or mi > 59 or s > 59:
        raise _Refusal(f"invalid time {h:02d}:{mi:02d}:{s:02d}")
    tz = _offset(m["tz"]) if m["tz"] else ALMATY
    try:
        inst = datetime(y, mo, d, h, mi, s, _fraction(m["f"]), tzinfo=tz)
    except ValueError:
        raise _Refusal(f"invalid calendar date {d:02d}.{mo:02d}.{y}") from None
    return ParsedDate(inst, "second" if m["s"] else "minute", form)


def _form_iso_ext(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    return _iso(m, "iso8601")


def _form_iso_basic(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    return _iso(m, "iso8601-basic")


def _form_epoch(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    raw = m["e"]
    millis = len(raw) >= 12
    seconds = int(raw) // 1000 if millis else int(raw)
    micro = (int(raw) % 1000) * 1000 if millis else _fraction(m["f"])
    inst = datetime.fromtimestamp(seconds, UTC).replace(microsecond=micro)
    if not 2000 <= inst.year <= 2100:
        raise _Refusal(f"number {raw} is not a unix time between 2000 and 2100")
    return ParsedDate(inst, "second", "epoch-milliseconds" if millis else "epoch-seconds")


def _form_rfc2822(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    entry = _MONTHS.get(m["mon"])
    if entry is None or entry[2] != "en":
        return None
    y = int(m["y"])
    _check_year(y)
    h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
    if h > 23 or mi > 59 or s > 59:
        raise _Refusal(f"invalid time {h:02d}:{mi:02d}")
    tz = _offset(m["tz"])
    try:
        inst = datetime(y, entry[0], int(m["d"]), h, mi, s, tzinfo=tz)
    except ValueError:
        raise _Refusal(f"invalid calendar date {m['d']} {m['mon']} {y}") from None
    return ParsedDate(inst, "second" if m["s"] else "minute", "rfc2822")


def _form_numeric_dmy(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    if len(m["y"]) == 2 and m["sep"] != ".":
        return None
    inst, precision = _dated(ctx, m["y"], int(m["mo"]), int(m["day"]), _one_time(m))
    return ParsedDate(inst, precision, "numeric-dmy")


def _form_numeric_ymd(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    inst, precision = _dated(ctx, m["y"], int(m["mo"]), int(m["day"]), _one_time(m))
    return ParsedDate(inst, precision, "numeric-ymd")


def _form_year_first(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    entry = _MONTHS.get(m["mon"])
    if entry is None or not entry[2].startswith("kk"):
        return None
    month, _kind, lang = entry
    t = _one_time(m)
    if m["day"] is None:
        year = int(m["y"])
        _check_year(year)
        if t is not None:
            ctx.notes.append("time ignored: no day given")
        return ParsedDate(_instant(year, month, 1, None), "month", f"{lang}-official-year-month")
    inst, precision = _dated(ctx, m["y"], month, int(m["day"]), t)
    return ParsedDate(inst, precision, f"{lang}-official-year-first")


def _form_day_first(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    entry = _MONTHS.get(m["mon"])
    if entry is None or entry[1] == "prep":
        return None
    month, _kind, lang = entry
    inst, precision = _dated(ctx, m["y"], month, int(m["day"]), _one_time(m))
    return ParsedDate(inst, precision, f"{lang}-day-first")


def _form_month_first(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    entry = _MONTHS.get(m["mon"])
    if entry is None or entry[2] != "en":
        return None
    inst, precision = _dated(ctx, m["y"], entry[0], int(m["day"]), _one_time(m))
    return ParsedDate(inst, precision, "en-month-first")


def _form_month_year(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    entry = _MONTHS.get(m["mon"])
    if entry is None or entry[1] == "gen":
        return None
    year = int(m["y"])
    _check_year(year)
    return ParsedDate(_instant(year, entry[0], 1, None), "month", f"{entry[2]}-month-year")


def _form_month_only(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    entry = _MONTHS.get(m["mon"])
    if entry is None:
        return None
    month, kind, lang = entry
    if kind not in ("loc", "attr"):
        raise _Refusal(f"month name without a day or year: {ctx.shown!r} is not a publication date")
    if (month, lang) in _NOUN_MONTHS:
        raise _Refusal(f"{ctx.shown!r} is also a common noun (Kazan, season): a day or a year is needed")
    if m["t2"]:
        ctx.notes.append("time ignored: no day given")
    today = ctx.local_now.date()
    year = today.year if month <= today.month else today.year - 1
    ctx.notes.append("no year: most recent past occurrence")
    return ParsedDate(_instant(year, month, 1, None), "month", f"{lang}-month-case")


def _form_rel_day(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    back = _REL_DAYS[m["rel"]]
    day = ctx.local_now.date() - timedelta(days=back)
    t = _one_time(m)
    inst = _instant(day.year, day.month, day.day, t)
    return ParsedDate(inst, t.precision if t else "day", _REL_DAY_FORMS[back])


def _rel_seconds(body: str, shown: str) -> tuple[float, int] | None:
    """(seconds back, the smallest unit named) for a relative body such as "2 ч. 21 мин" or "бір жарым
    сағат"; None when a word is neither a number, a unit nor a joiner (then it is not a relative time)."""
    for phrase, value in _NUMBER_PHRASES.items():
        if phrase in body:
            body = body.replace(phrase, str(value))
    total = 0.0
    smallest = 0
    count: float | None = None
    vague = False
    for token in _REL_TOKEN.findall(body):
        if token[0].isdigit():
            count = (count or 0) + float(token.replace(",", "."))
        elif token in _NUMBER_WORDS:
            count = (count or 0) + _NUMBER_WORDS[token]
        elif token in _VAGUE_COUNTS:
            vague = True
        elif token in _IDIOM_UNITS and count is None:
            total += _IDIOM_UNITS[token]
            smallest = min(smallest or 60, 60)
        elif token in _UNIT_SECONDS:
            unit = _UNIT_SECONDS[token]
            if vague and unit > 1:
                raise _Refusal(f"vague count: {shown!r} does not say how many")
            if count is not None and count <= 0:
                return None
            total += (0 if vague else 1 if count is None else count) * unit
            smallest = min(smallest or unit, unit)
            count, vague = None, False
        elif token in _COARSE_UNITS:
            raise _Refusal(f"{shown!r} counts months or years back: too coarse for a publication date")
        elif token in _REL_JOINERS or (token in _REL_APPROX and not total and count is None):
            continue
        else:
            return None
    if count is not None or vague or not smallest:
        return None  # a number with no unit after it
    return total, smallest


def _form_rel_ago(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    got = _rel_seconds(m["body"], m.group(0))
    if got is None:
        return None
    seconds, smallest = got
    if seconds > 366 * 86400:
        raise _Refusal(f"'{m.group(0)}' reaches more than a year back")
    if smallest >= 86400:
        # Whole days or weeks back: that local calendar day ("2 дня назад" is not at this time of day).
        day = (ctx.local_now - timedelta(seconds=seconds)).date()
        return ParsedDate(_instant(day.year, day.month, day.day, None), "day", "relative-ago")
    inst = (ctx.now - timedelta(seconds=seconds)).astimezone(ALMATY).replace(second=0, microsecond=0)
    return ParsedDate(inst, "minute", "relative-ago")


def _form_weekday(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    wd = _WEEKDAYS[m["wd"]]
    today = ctx.local_now.date()
    day = today - timedelta(days=(today.weekday() - wd) % 7)
    t = _one_time(m)
    if t is None:
        # A listing says "today" for today: a bare weekday that is today's is last week's.
        if day == today:
            day -= timedelta(days=7)
            ctx.notes.append("today's weekday without a time: a week back")
        return ParsedDate(_instant(day.year, day.month, day.day, None), "day", "weekday")
    inst = _instant(day.year, day.month, day.day, t)
    if inst > ctx.now + _AHEAD_TOLERANCE:
        day -= timedelta(days=7)
        inst = _instant(day.year, day.month, day.day, t)
    return ParsedDate(inst, t.precision, "weekday-time")


def _form_time_only(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    t = _Time(m["t2"])
    today = ctx.local_now.date()
    inst = _instant(today.year, today.month, today.day, t)
    if inst > ctx.now + _AHEAD_TOLERANCE:
        yesterday = today - timedelta(days=1)
        inst = _instant(yesterday.year, yesterday.month, yesterday.day, t)
        ctx.notes.append("later than now: yesterday")
    return ParsedDate(inst, t.precision, "time-only")


_Form = tuple[re.Pattern[str], Any]
_FORMS: list[_Form] = [
    (_ISO_EXT, _form_iso_ext),
    (_ISO_BASIC, _form_iso_basic),
    (_EPOCH, _form_epoch),
    (_RFC2822, _form_rfc2822),
    (_NUMERIC_DMY, _form_numeric_dmy),
    (_NUMERIC_YMD, _form_numeric_ymd),
    (_YEAR_FIRST, _form_year_first),
    (_DAY_FIRST, _form_day_first),
    (_MONTH_FIRST, _form_month_first),
    (_MONTH_YEAR, _form_month_year),
    (_REL_DAY, _form_rel_day),
    (_REL_AGO, _form_rel_ago),
    (_WEEKDAY, _form_weekday),
    (_TIME_ONLY, _form_time_only),
    (_MONTH_ONLY, _form_month_only),
]


# --- refusals and the fallback ----------------------------------------------------------------------------


def _refusal_reason(t: str, shown: str) -> str | None:
    """Why a text that matched no form is not a publication date, or None to let dateparser try."""
    digits = sum(c.isdigit() for c in t)
    if digits >= 7 and _PHONE.fullmatch(t):
        return f"phone number: {shown!r}"
    if _RANGE.search(t):
        return f"range: {shown!r} spans several dates"
    if _LIMIT.search(t):
        return f"plan or limit: {shown!r} names a deadline or a period, not a publication date"
    if _YEAR_ONLY.fullmatch(t):
        return f"year only: {shown!r} names a year, not a publication date"
    if _AGO_WORD.search(t):
        if any(w in _COARSE_UNITS for w in _WORDS.findall(t)):
            return f"body phrase: {shown!r} counts months or years back, not a publication time"
        return f"not a relative publication time: {shown!r}"
    has_month = any(w in _MONTHS for w in _WORDS.findall(t))
    if has_month and digits == 0:
        return f"month name without a day or year: {shown!r} is not a publication date"
    if not (has_month and digits) and not _DATE_LIKE_NUM.search(t):
        return f"no date form recognised in {shown!r}"
    if len(t) > 80:
        return f"too long for a date field ({len(t)} characters): pass the date text only"
    return None


@lru_cache(maxsize=4)
def _fallback_languages(lang: str | None) -> tuple[str, ...]:
    if lang in ("kk", "ru", "en"):
        return (lang,)
    return ("ru", "kk", "en")


def _dateparser(t: str, lang: str | None, ctx: _Ctx) -> tuple[ParsedDate | None, str]:
    """The long tail: dateparser with the language and DMY/past settings, then sanity checks."""
    from dateparser.date import DateDataParser

    base = ctx.local_now.replace(tzinfo=None)
    parser = DateDataParser(
        languages=list(_fallback_languages(lang)),
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": base,
            # Without it dateparser reports a date with a time as period "day", and the time was cut.
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
    try:
        data = parser.get_date_data(t)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        return None, f"dateparser failed on {ctx.shown!r}: {exc}"
    found = data.date_obj
    if found is None:
        return None, f"no date form recognised in {ctx.shown!r}"
    if data.period == "year":
        return None, f"year only: {ctx.shown!r} names a year, not a publication date"
    years = {int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", t)}
    if years and found.year not in years:
        return None, f"dateparser's year {found.year} is not in {ctx.shown!r}"
    if not 1900 <= found.year <= ctx.local_now.year + 1:
        return None, f"dateparser's year {found.year} is out of range"
    if found.tzinfo is None:
        found = found.replace(tzinfo=ALMATY)
    if data.period in ("day", "week"):
        found = found.replace(hour=0, minute=0, second=0, microsecond=0)
        precision = "day"
    elif data.period == "month":
        found = found.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        precision = "month"
    elif data.period == "time":
        precision = "second" if re.search(r"\d:\d\d:\d\d", t) else "minute"
        if precision == "minute":
            found = found.replace(second=0, microsecond=0)
    else:
        return None, f"dateparser's period {data.period!r} is not a publication date"
    return ParsedDate(found, precision, "dateparser"), f"dateparser fallback ({data.locale or lang})"


# --- public API -------------------------------------------------------------------------------------------


# What a form's text must contain for its pattern to match at all (each pattern has it outside any optional
# part), so a form is skipped with one `in` test instead of a failed regex attempt: "11:47, 06 января 2026"
# used to fail seven patterns before _DAY_FIRST.
_FORM_NEEDS: dict[re.Pattern[str], Any] = {
    _ISO_EXT: lambda t: "-" in t,  # \d{4}-\d{2}-\d{2}
    _ISO_BASIC: lambda t: t[:8].isdigit(),  # starts with \d{8} (every \d is a str.isdigit() character)
    _EPOCH: lambda t: t[:9].isdigit(),  # starts with \d{9} at least
    _RFC2822: lambda t: ":" in t,  # the time is not optional
    _NUMERIC_DMY: lambda t: "." in t or "/" in t or "-" in t,  # (?P<sep>[./-])
    _NUMERIC_YMD: lambda t: "." in t or "/" in t,  # (?P<sep>[./])
    _YEAR_FIRST: lambda t: "ж" in t or "j" in t,  # every (?P<yw>...) form starts with ж or j
}
# Each form with its test, looked up once: hashing a compiled pattern hashes its whole code (~1 µs a lookup).
_FORM_PLAN = [(pattern, handler, _FORM_NEEDS.get(pattern)) for pattern, handler in _FORMS]


def _match(t: str, ctx: _Ctx) -> ParsedDate | None:
    if t in _JUST_NOW:
        inst = ctx.now.astimezone(ALMATY).replace(second=0, microsecond=0)
        return ParsedDate(inst, "minute", "relative-now")
    for pattern, handler, needs in _FORM_PLAN:
        if needs is not None and not needs(t):
            continue
        m = pattern.fullmatch(t)
        if m is not None:
            found: ParsedDate | None = handler(m, ctx)
            if found is not None:
                return found
    return None


_FIXED_OFFSETS: dict[timedelta, timezone] = {}


def _fixed(found: ParsedDate) -> ParsedDate:
    """Give a local result the fixed offset in force at that instant.

    An Asia/Almaty datetime inside a repeated hour (2024-02-29 23:xx, pre-2005 autumn nights) never compares
    equal to any datetime in another zone (PEP 495), so results carry a plain ``timezone(offset)``.
    """
    tz = found.instant.tzinfo
    if isinstance(tz, timezone):
        return found
    offset = found.instant.utcoffset()
    assert offset is not None
    fixed = _FIXED_OFFSETS.get(offset)
    if fixed is None:
        fixed = _FIXED_OFFSETS.setdefault(offset, timezone(offset))
    return ParsedDate(found.instant.replace(tzinfo=fixed), found.precision, found.form)


# Plain ISO 8601 as JSON-LD, meta tags and APIs write it, in ASCII. For such a string the general path below
# only lower-cases it (_normalise has nothing else to do, no label starts with a digit) and the first form,
# _ISO_EXT, reads it, without `now`: taken directly, it costs a third.
_ISO_PLAIN = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
)


def _parse(text: object, lang: str | None, now: datetime | None) -> tuple[ParsedDate | None, str, list[str]]:
    """(result, reason when None, notes on how it was read)."""
    if not isinstance(text, str):
        return None, f"not a string: {type(text).__name__}", []
    if _ISO_PLAIN.fullmatch(text):
        iso = _ISO_EXT.fullmatch(text.lower())
        assert iso is not None  # _ISO_EXT reads every string _ISO_PLAIN matches, lower-cased
        try:
            return _fixed(_iso(iso, "iso8601")), "", []
        except _Refusal as refusal:
            return None, str(refusal), []
    shown = text.strip()
    t = _normalise(text)
    if not t:
        return None, "empty: no text to read", []
    if t in _UI_WORDS:
        return None, f"UI word: {shown!r} is a language switch, not a date", []
    ctx = _Ctx(_resolve_now(now), shown)
    if "ᐈ" in t:
        title = _ZAKON_TITLE.search(t)
        if title is None:
            return None, f"zakon.kz title without a date: {shown!r}", []
        ctx.notes.append("zakon.kz title")
        t = title["d"]
    label = _LABEL.match(t)
    if label:
        ctx.notes.append(f"label {label.group(0).strip(' :')!r} skipped")
        t = t[label.end() :]
        if not t:
            return None, f"label only: {shown!r} carries no date", []
    zone: timezone | None = None
    try:
        found = _match(t, ctx)
        if found is None and ("gmt" in t or "utc" in t or "+" in t or "-" in t[-6:]):
            # The forms read an offset right after a time; one after the whole date is cut off here.
            tail = _ZONE_TAIL.search(t)
            if tail is not None and tail.start() > 0:
                zone = _offset(tail["tz"] or tail["bare"])
                ctx.notes.append(f"zone marker {tail.group(0).strip(' |,()')!r} after the date")
                t = t[: tail.start()].rstrip(" ,|")
                found = _match(t, ctx)
    except _Refusal as refusal:
        return None, str(refusal), ctx.notes
    if found is not None:
        return _fixed(_in_zone(found, zone)), "", ctx.notes
    reason = _refusal_reason(t, shown)
    if reason is not None:
        return None, reason, ctx.notes
    found, how = _dateparser(t, lang, ctx)
    return (_fixed(_in_zone(found, zone)) if found else None), how, [*ctx.notes, how]


def _in_zone(found: ParsedDate, zone: timezone | None) -> ParsedDate:
    """The wall time read as local, moved to the zone a trailing marker stated (an offset inside wins)."""
    if zone is None or found.form in _ABSOLUTE_FORMS:
        return found
    if not isinstance(found.instant.tzinfo, ZoneInfo):
        return found  # the text carried its own offset next to the time
    return ParsedDate(found.instant.replace(tzinfo=zone, fold=0), found.precision, found.form)


def _describe(found: ParsedDate, notes: list[str]) -> str:
    local = found.instant.astimezone(ALMATY)
    text = (
        f"{found.form}: {format_local(found.instant, found.precision)} Asia/Almaty "
        f"(UTC{local.strftime('%z')[:3]}:{local.strftime('%z')[3:]}), {to_utc_iso(found.instant)}, "
        f"precision {found.precision}"
    )
    return "; ".join([text, *notes])


def parse_date_info(text: str, *, lang: str | None = None, now: datetime | None = None) -> ParsedDate | None:
    """Parse a publication date and keep its precision and the form that matched; None when it is not one."""
    return _parse(text, lang, now)[0]


def parse_date(text: str, *, lang: str | None = None, now: datetime | None = None) -> datetime | None:
    """An aware datetime for a publication date or time in kk/ru/en, or None when the text is not one.

    ``lang`` is the page language when known (used by the dateparser fallback); ``now`` anchors relative
    forms and dates without a year (default: the current time; naive means UTC).
    """
    found = _parse(text, lang, now)[0]
    return found.instant if found is not None else None


def explain_date(
    text: str, *, lang: str | None = None, now: datetime | None = None
) -> tuple[ParsedDate | None, str]:
    """The parse plus one sentence: what matched and how it was read, or why the text is not a date."""
    found, reason, notes = _parse(text, lang, now)
    if found is None:
        return None, reason
    return found, _describe(found, notes)


def date_from_zakon_title(title: str, *, now: datetime | None = None) -> datetime | None:
    """The publication time from a zakon.kz document title (``... ᐈ новость от 16:55, 01 октября 2026 на zakon.kz``)."""
    if not isinstance(title, str) or "ᐈ" not in title:
        return None
    return parse_date(title, lang="ru", now=now)


def to_utc_iso(dt: datetime) -> str:
    """'2026-01-06T05:00:00Z': UTC with Z and seconds; fractions only when nonzero (milliseconds when exact)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"to_utc_iso needs an aware datetime, got naive {dt.isoformat()}")
    utc = dt.astimezone(UTC)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if utc.microsecond:
        text += (
            f".{utc.microsecond // 1000:03d}" if utc.microsecond % 1000 == 0 else f".{utc.microsecond:06d}"
        )
    return text + "Z"


def format_local(dt: datetime, precision: str = "second") -> str:
    """The instant in Asia/Almaty, cut to its precision: '2021-01', '2021-01-25', '2021-01-25 14:35'."""
    local = dt.astimezone(ALMATY)
    formats = {"month": "%Y-%m", "day": "%Y-%m-%d", "minute": "%Y-%m-%d %H:%M", "second": "%Y-%m-%d %H:%M:%S"}
    return local.strftime(formats.get(precision, formats["second"]))
