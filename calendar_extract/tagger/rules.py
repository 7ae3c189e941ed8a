"""RULES: the ordered table of (name, pattern template, extractor) that finds candidate mentions.

Templates use the `{FRAGMENT}` names of `calendar_extract.patterns`; each rule is wrapped in word
boundaries when compiled. At one position every rule is tried and the longest mention wins, so the
order only breaks ties between equally long matches: the more specific rule comes first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from calendar_extract import patterns
from calendar_extract.model import Context, TimeMention
from calendar_extract.tagger import anaphora, dates, periods, relative, spans, times

Extractor = Callable[[re.Match[str], Context], TimeMention | None]
_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")


class _Skeleton(dict[str, str]):
    """Stands in for every fragment with one character, to validate a template without the lexicon."""

    def __missing__(self, key: str) -> str:
        return "(?:x)"


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """A named pattern template and the function that turns its match into a mention (each rule is
    one of a kind: compared and hashed by identity, which the tagger's caches do per call)."""

    name: str
    template: str
    extract: Extractor

    def __post_init__(self) -> None:
        """Reject a template that could match the empty string (fragments never do)."""
        unknown = set(_PLACEHOLDER.findall(self.template)) - patterns.FRAGMENT_NAMES
        if unknown:
            raise ValueError(f"rule {self.name}: unknown fragments {sorted(unknown)}")
        skeleton = re.compile(self.template.format_map(_Skeleton()))
        if skeleton.fullmatch("") is not None:
            raise ValueError(f"rule {self.name}: pattern matches the empty string")

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled, word-bounded pattern (compiled on first use, then cached)."""
        return patterns.compile_template(self.template)


def rule_table(*rules: Rule) -> tuple[Rule, ...]:
    """The rules as a tuple; raises on a duplicate name."""
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise ValueError(f"duplicate rule name {rule.name!r}")
        seen.add(rule.name)
    return rules


_TZ = r"(?:\s?(?P<tz>{TZ})|\s\((?P<tz2>{TZ})\))?"
_DURATION_MOD = (
    r"(?:(?P<mod>about|around|roughly|approximately|nearly|almost|more\s+than|less\s+than"
    r"|at\s+least|no\s+more\s+than|up\s+to|at\s+most"
    # "over" only before "a"/"an": "over a week" is more than one (2 of 2 in TimeBank), while
    # "used over three years" is a preposition ("[three years]").
    r"|over(?=\s+an?\s))\s+)?"
)
_DURATION_SHIFT = (
    r"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|latest|final|remaining"
    r"|additional|further|other|initial)\s+)?"
)
_UNIT_PERIODS = r"(?P<unit>weekend|week|month|year|quarter|decade|century|{SEASON})"

RULES: tuple[Rule, ...] = rule_table(
    # Calendar dates: ranges before single days (equal length is impossible, order is cosmetic).
    Rule(
        "date_range_dmy",
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<d>{DAY})(?:\s+(?P<mon1>{MONTH}))?{RANGE_SEP}"
        r"(?:{WEEKDAY},?\s+)?(?P<d2>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
        dates.extract_day_range,
    ),
    Rule(
        "date_range_mdy",
        r"(?P<mon>{MONTH})\s+(?P<d>{DAY}){RANGE_SEP}(?:(?P<mon2>{MONTH})\s+)?(?P<d2>{DAY})"
        r"(?:,?\s+(?P<y>{YEAR}))?",
        dates.extract_day_range,
    ),
    Rule(
        "date_dmy",
        r"(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?(?P<d>{DAY}|{DAY_WORD})(?:\s+of)?\s+"
        r"(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
        dates.extract_day_month,
    ),
    Rule(
        "date_mdy",
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<d>{DAY}|{DAY_WORD})"
        r"(?:,?\s+(?P<y>{YEAR}))?",
        dates.extract_day_month,
    ),
    Rule(
        "date_weekday_nth",
        r"(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))(?![\w-])",
        dates.extract_weekday_nth,
    ),
    Rule(
        "date_weekday_numeric",
        r"(?P<wd>{WEEKDAY}),?\s+(?P<a>[01]?\d)/(?P<b>[0-3]?\d)(?![/\d])",
        dates.extract_weekday_numeric,
    ),
    Rule(
        "date_the_nth",
        r"the\s+(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))"
        r"(?=\s*(?:[,.;:)!]|$|\s+(?:at|from|to|until)\b))",
        dates.extract_weekday_nth,
    ),
    Rule(
        "date_iso",
        r"(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
        r"(?:[T\s](?P<h>{HOUR}):(?P<mi>{MINUTE})(?::[0-5]\d(?:\.\d+)?)?"
        r"(?P<tz>Z|[+\-][01]\d:?[0-5]\d)?)?",
        dates.extract_iso,
    ),
    Rule(
        "date_dashed",
        r"(?:{DAY}-{MONTH}-(?:{YEAR}|\d\d)|{MONTH}-{DAY}-(?:{YEAR}|\d\d))",
        dates.extract_dashed,
    ),
    Rule("date_slash", r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{{4}}|\d\d)", dates.extract_numeric),
    Rule("date_dotted", r"(?P<a>[0-3]?\d)\.(?P<b>[01]?\d)\.(?P<y>\d{{4}})", dates.extract_numeric),
    Rule(
        "month",
        r"(?:(?P<mod>{MOD})[\s-]*|(?P<shift>{SHIFT})\s+)?(?P<mon>{MONTH})"
        r"(?:(?:,|\s+of)?\s+(?P<y>{YEAR})|\s+(?P<ryear>this|last|next)\s+year\b"
        r"|\s+(?P<yw>{YEAR_WORDS})|(?!\.?\s+{DAY}))",
        dates.extract_month,
    ),
    Rule("holiday", r"(?P<hol>{HOLIDAY})(?:,?\s+(?P<y>{YEAR}))?", periods.extract_holiday),
    Rule(
        "weekday_near_holiday",
        r"the\s+(?P<which>last|first)\s+(?P<wd>{WEEKDAY})\s+(?P<rel>before|after)\s+(?P<hol>{HOLIDAY})"
        r"(?:,?\s+(?P<y>{YEAR}))?",
        periods.extract_weekday_near_holiday,
    ),
    # Times of day: ranges first.
    Rule(
        "time_range",
        r"(?P<h>{HOUR})(?:[:.](?P<mi>{MINUTE}))?\s?(?P<ap>{AMPM})?{RANGE_SEP}"
        r"(?P<h2>{HOUR})(?:[:.](?P<mi2>{MINUTE}))?\s?(?P<ap2>{AMPM})" + _TZ,
        times.extract_time_range,
    ),
    Rule(
        "time_range_24h",
        r"(?P<h>{HOUR}):(?P<mi>{MINUTE}){RANGE_SEP}(?P<h2>{HOUR}):(?P<mi2>{MINUTE})"
        r"(?:\s?h(?:rs)?\b)?" + _TZ,
        times.extract_time_range,
    ),
    Rule(
        "time_ampm",
        r"(?P<h>{HOUR})(?:[:.](?P<mi>{MINUTE}))?\s?(?P<ap>{AMPM})" + _TZ,
        times.extract_clock,
    ),
    Rule("time_h", r"(?P<h>{HOUR})h(?P<mi>{MINUTE})" + _TZ, times.extract_clock),
    Rule(
        "time_24h",
        # "(?![-/]\w)": a case or part number ("No. 1:25-cr-00047") is no time of day.
        r"(?P<h>{HOUR}):(?P<mi>{MINUTE})(?::[0-5]\d)?(?![-/]\w)(?:\s?h(?:rs)?\b)?" + _TZ,
        times.extract_clock,
    ),
    Rule("time_word", r"(?:12\s+)?(?P<w>noon|midnight|midday)" + _TZ, times.extract_word_time),
    Rule("time_oclock", r"(?P<h>{NUM})\s?o['’]?\s?clock" + _TZ, times.extract_oclock),
    Rule(
        "time_in_part",
        r"(?P<h>{NUM})\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|at\s+(?P<night>night))",
        times.extract_clock_in_part,
    ),
    # Relative days and weekdays.
    Rule(
        "weekday",
        r"(?:(?P<mod>early)\s+|(?:the\s+)?(?P<shift>{SHIFT})\s+)?(?P<wd>{WEEKDAY_SAFE})"
        r"(?:\s+(?P<part>{PART}))?",
        relative.extract_weekday,
    ),
    Rule(
        "relday",
        r"(?:(?P<mod>{MOD})\s*)?(?P<rel>{RELDAY})(?:\s+(?P<part>{PART}))?",
        relative.extract_relday,
    ),
    Rule("part_of_day", r"(?P<which>this|last)\s+(?P<part>{PART})", relative.extract_this_part),
    Rule(
        "period",
        r"(?:(?P<mod>{MOD})\s*)?(?:the\s+)?(?P<shift>{SHIFT})\s+" + _UNIT_PERIODS
        + r"(?:\s+or\s+so\b)?",
        relative.extract_period,
    ),
    Rule(
        "week_of",
        r"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
        relative.extract_week_of,
    ),
    Rule("weekend", r"the\s+(?P<unit>weekend)", relative.extract_weekend),
    Rule(
        "ago",
        _DURATION_MOD + r"(?:(?P<num>{NUM}|{VAGUE})[\s-]+)?(?P<unit>{UNIT})\s+"
        r"(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence)",
        relative.extract_ago,
    ),
    Rule("ref", r"(?P<ref>{REF})", relative.extract_ref),
    # Longer periods.
    Rule(
        "quarter",
        r"(?:the\s+(?!(?:first|second|third|fourth)-))?"
        r"(?:(?P<y1>{YEAR})\s+|(?P<ryear>this|last|next)\s+year['’]s\s+)?(?:fiscal\s+)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)[\s-]+(?P<q>quarter|half)"
        r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{YEAR}))?",
        periods.extract_quarter,
    ),
    Rule(
        "the_unit",
        r"(?:(?P<mod>{MOD})\s*)?(?:the|that|this)(?:\s+same)?\s+(?:(?P<y>{YEAR})\s+)?"
        r"(?:(?P<adj>latest|current|comparable|recent|just-ended|full|previous|prior"
        r"|corresponding)\s+)?(?:(?P<ago>year-ago|year-earlier|year\s+earlier"
        r"|year\s+ago)\s+)?(?:(?P<ord>first|second|third|fourth)\s+)?"
        r"(?P<unit>fiscal\s+year|quarter|year|period|month)(?!-)"
        r"(?:\s+(?P<ago2>last\s+year|a\s+year\s+(?:ago|earlier)))?",
        anaphora.extract_the_unit,
    ),
    Rule("year_ago", r"(?P<ago>year-ago|year-earlier)", anaphora.extract_year_ago),
    Rule("year_end", r"year(?:[-\s]end|['’]s\s+end)(?!-)", periods.extract_year_end),
    Rule("quarter_q", r"(?-i:Q)(?P<qn>[1-4])(?:\s+(?P<y>{YEAR}))?", periods.extract_quarter),
    Rule(
        "season_the",
        r"the\s+(?:(?P<mod>{MOD})\s*)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
        periods.extract_season,
    ),
    Rule(
        "season_year",
        r"(?:(?P<mod>{MOD})\s*)?(?P<season>{SEASON})(?:\s+of)?\s+(?P<y>{YEAR})",
        periods.extract_season,
    ),
    Rule(
        "decade",
        r"(?:the\s+)?(?:(?P<mod>{MOD})\s*)?(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<dec2>\d0)s"
        r"|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        periods.extract_decade,
    ),
    Rule(
        "century",
        r"(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})\s+century",
        periods.extract_century,
    ),
    Rule(
        "fiscal_year",
        r"(?:fiscal(?:\s+year)?\s+|(?-i:FY)\s?)(?:(?P<y>{YEAR})|'?(?P<fy>\d\d))",
        periods.extract_fiscal_year,
    ),
    Rule("year", r"(?:(?P<mod>{MOD})\s*)?(?P<y>{YEAR})", periods.extract_year),
    Rule(
        "year_words",
        r"(?:the\s+(?P<season>{SEASON})\s+of\s+|(?P<the>the\s+year)\s+)?"
        r"(?P<yw>{YEAR_WORDS})",
        periods.extract_year_words,
    ),
    # Durations and sets.
    Rule(
        "duration",
        _DURATION_MOD
        + _DURATION_SHIFT
        + r"(?P<num>{NUM}|{VAGUE})(?:\s*(?:to|or|-)\s*{NUM})?"
        r"(?P<half>\s+and\s+a\s+half|\s1/2)?"
        r"(?:\s+(?:more|additional|extra|straight|consecutive|trading|business|working))?"
        r"[\s-]+(?P<unit>{UNIT})"
        r"(?:(?P<tail>[\s-]+(?:old|long))|(?P<half2>\s+and\s+a\s+half)|(?!-\w))"
        r"(?:\s+or\s+so\b)?",
        spans.extract_duration,
    ),
    Rule("unit_long", r"(?P<unit>{UNIT})-long", spans.extract_unit_long),
    Rule(
        "vague_span",
        r"(?:(?:the\s+)?(?:coming|recent|past\s+few|last\s+few)\s+(?P<unit>days|weeks|months|years)"
        r"|the\s+(?P<unit2>days|weeks|months|years)\s+ahead)",
        spans.extract_vague_span,
    ),
    Rule(
        "bare_units",
        r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)"
        r"(?:\s+or\s+(?:years|months|weeks|days))?",
        spans.extract_bare_units,
    ),
    Rule("unitless_span", r"a\s+while|some\s+time", spans.extract_unitless_span),
    Rule(
        "set_monthly_weekday",
        r"(?:(?:every|each)\s+(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<wd>{WEEKDAY})\s+(?:of|in)\s+(?:every|each|the)"
        r"|(?:the\s+)?(?P<nth2>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<wd2>{WEEKDAY})\s+(?:of|in)\s+(?:every|each))\s+month",
        spans.extract_monthly_weekday,
    ),
    Rule(
        "set_every",
        r"(?P<q>{SETQ})\s+(?:(?P<wd>{WEEKDAY})|(?P<freq>{SETFREQ})|(?P<mon>{MONTH}))"
        r"(?:\s+(?P<part>{PART}))?",
        spans.extract_every,
    ),
    Rule(
        "set_weekday_parts",
        r"(?P<wd>{WEEKDAY_SAFE})\s+(?P<part>mornings|afternoons|evenings|nights)",
        spans.extract_plural_weekday,
    ),
    Rule("set_weekdays", r"(?P<wd>{WEEKDAYS})(?:\s+(?P<part>{PART}))?", spans.extract_plural_weekday),
    Rule("set_word", r"(?P<w>{SETWORD})", spans.extract_set_word),
    Rule(
        "set_times",
        r"(?P<t>{TIMES})\s+(?:a|an|per|each|every)\s+(?P<freq>{SETFREQ})",
        spans.extract_times_per,
    ),
)
