"""Tagger tables: what each rule finds (surface, type, value), and near misses it must not find."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract.model import Context, MentionType
from calendar_extract.tagger import tag

REF = dt.datetime(2025, 3, 6, 9, 0)  # a Thursday
CTX = Context(reference=REF)


def found(text: str, ctx: Context = CTX) -> list[str]:
    """Mentions in compact notation: `surface|TYPE|value`."""
    return [f"{m.surface}|{m.type.value}|{m.value}" for m in tag(text, ctx)]


POSITIVE = [
    # Calendar dates.
    ("It opens on Tuesday, 6 March 2025.", ["Tuesday, 6 March 2025|DATE|2025-03-06"]),
    ("It opens on 6 March.", ["6 March|DATE|2025-03-06"]),
    ("It opens March 6th.", ["March 6th|DATE|2025-03-06"]),
    ("It opened on March 6, 2024.", ["March 6, 2024|DATE|2024-03-06"]),
    ("Shares rose on Mar. 4 after the report.", ["Mar. 4|DATE|2025-03-04"]),
    ("Sales rose on Sept. 30.", ["Sept. 30|DATE|2024-09-30"]),
    ("Filed 2025-03-06.", ["2025-03-06|DATE|2025-03-06"]),
    ("Filed 06/03/2025.", ["06/03/2025|DATE|2025-06-03"]),
    ("It grew in March 2025.", ["March 2025|DATE|2025-03"]),
    ("It grew in 1990.", ["1990|DATE|1990"]),
    ("Prices rose in the 1990s.", ["the 1990s|DATE|199"]),
    ("Sales will rise in the third quarter.", ["the third quarter|DATE|2025-Q3"]),
    ("Sales fell in the third quarter.", ["the third quarter|DATE|2024-Q3"]),
    ("Third-quarter profit will rise.", ["Third-quarter|DATE|2025-Q3"]),
    ("Profit for fiscal 1989 fell.", ["fiscal 1989|DATE|1989"]),
    ("It will open in the spring.", ["the spring|DATE|2025-SP"]),
    ("It closed last fall.", ["last fall|DATE|2024-FA"]),
    ("It happened in early November.", ["early November|DATE|2024-11"]),
    ("It happened in May.", ["May|DATE|2024-05"]),
    ("He died in the 20th century.", ["the 20th century|DATE|19"]),
    ("They will meet on Christmas Day.", ["Christmas Day|DATE|2025-12-25"]),
    # Weekdays by tense.
    ("The board met on Tuesday.", ["Tuesday|DATE|2025-03-04"]),
    ("The deal was extended on Tuesday.", ["Tuesday|DATE|2025-03-04"]),
    ("The board will meet on Tuesday.", ["Tuesday|DATE|2025-03-11"]),
    ("The vote is scheduled for Friday.", ["Friday|DATE|2025-03-07"]),
    ("They play this coming Saturday.", ["this coming Saturday|DATE|2025-03-08"]),
    ("They play next Tuesday.", ["next Tuesday|DATE|2025-03-11"]),
    ("They played last Friday.", ["last Friday|DATE|2025-02-28"]),
    ("It rained Friday morning.", ["Friday morning|DATE|2025-02-28"]),
    # Relative expressions.
    ("Markets are closed today.", ["today|DATE|2025-03-06"]),
    ("The show airs tonight.", ["tonight|TIME|2025-03-06TNI"]),
    ("We leave tomorrow.", ["tomorrow|DATE|2025-03-07"]),
    ("She arrived yesterday.", ["yesterday|DATE|2025-03-05"]),
    ("Prices are high now.", ["now|DATE|PRESENT_REF"]),
    ("We meet next week.", ["next week|DATE|2025-W11"]),
    ("Sales rose last month.", ["last month|DATE|2025-02"]),
    ("Sales rose this year.", ["this year|DATE|2025"]),
    ("It happened two days ago.", ["two days ago|DATE|2025-03-04"]),
    ("It happened a year ago.", ["a year ago|DATE|2024"]),
    ("Prices rose in recent years.", ["recent years|DATE|PAST_REF"]),
    ("Prices may rise in the coming weeks.", ["the coming weeks|DURATION|PXW"]),
    ("Prices may rise in the near future.", ["the near future|DATE|FUTURE_REF"]),
    ("It was signed earlier this month.", ["earlier this month|DATE|2025-03"]),
    ("It happened this morning.", ["this morning|TIME|2025-03-06TMO"]),
    ("It happened last night.", ["last night|TIME|2025-03-05TNI"]),
    # Times.
    ("Doors open at 3 pm.", ["3 pm|TIME|2025-03-06T15:00"]),
    ("Doors open at 3:30 p.m.", ["3:30 p.m.|TIME|2025-03-06T15:30"]),
    ("Doors open at 14:00.", ["14:00|TIME|2025-03-06T14:00"]),
    ("Lunch at noon.", ["noon|TIME|2025-03-06T12:00"]),
    ("Lunch at 12 noon GMT.", ["12 noon GMT|TIME|2025-03-06T12:00"]),
    ("It starts at 8.15 am ET.", ["8.15 am ET|TIME|2025-03-06T08:15"]),
    ("Talk on 6 March 2025 at 14:00 CET.", ["6 March 2025 at 14:00 CET|TIME|2025-03-06T14:00"]),
    ("Talk at 3 pm on Tuesday, March 11.", ["3 pm on Tuesday, March 11|TIME|2025-03-11T15:00"]),
    ("It aired at 10 p.m. Wednesday.", ["10 p.m. Wednesday|TIME|2025-03-05T22:00"]),
    # Ranges.
    ("Open from 2 to 4 pm.", ["2 to 4 pm|TIME|2025-03-06T14:00"]),
    ("Open 10:00–12:30.", ["10:00–12:30|TIME|2025-03-06T10:00"]),
    ("Open 2-4 p.m. daily.", ["2-4 p.m.|TIME|2025-03-06T14:00", "daily|SET|P1D"]),
    ("The fair runs 19-20 May.", ["19-20 May|DATE|2025-05-19"]),
    ("The fair runs May 19-20.", ["May 19-20|DATE|2025-05-19"]),
    ("The fair runs from 3 to 5 June.", ["3 to 5 June|DATE|2025-06-03"]),
    ("The fair runs March 3 to 5.", ["March 3 to 5|DATE|2025-03-03"]),
    ("The fair runs between 3 and 5 June.", ["3 and 5 June|DATE|2025-06-03"]),
    ("The fair runs Oct. 6–8, 2025.", ["Oct. 6–8, 2025|DATE|2025-10-06"]),
    # Durations.
    ("It lasted for three days.", ["three days|DURATION|P3D"]),
    ("After a two-hour meeting.", ["two-hour|DURATION|PT2H"]),
    ("Within 24 hours.", ["24 hours|DURATION|PT24H"]),
    # "about" stays out of a duration's extent, as before clock times (TimeBank/AQUAINT);
    # other approximators stay in.
    ("It took about three days.", ["three days|DURATION|P3D"]),
    ("It took about 5 1/2 hours.", ["5 1/2 hours|DURATION|PT5H30M"]),
    ("It took nearly three days.", ["nearly three days|DURATION|P3D"]),
    ("It took almost five months.", ["almost five months|DURATION|P5M"]),
    ("It opened about two years ago.", ["about two years ago|DATE|2023"]),
    ("About 300 people came.", []),
    ("It took several weeks.", ["several weeks|DURATION|PXW"]),
    ("It took a decade.", ["a decade|DURATION|P10Y"]),
    ("Sales fell in the past two months.", ["the past two months|DURATION|P2M"]),
    ("It took 2.5 years.", ["2.5 years|DURATION|P2Y6M"]),
    # Sets.
    ("We meet every Tuesday.", ["every Tuesday|SET|XXXX-WXX-2"]),
    ("It is published weekly.", ["weekly|SET|P1W"]),
    ("Fees are paid every month.", ["every month|SET|P1M"]),
    ("Interest is paid each year.", ["each year|SET|P1Y"]),
    ("We meet twice a week.", ["twice a week|SET|P1W"]),
    ("Tours run every weekday.", ["every weekday|SET|P1W"]),
    ("It runs each July.", ["each July|SET|XXXX-07"]),
    ("Bingo on Tuesday nights.", ["Tuesday nights|SET|XXXX-WXX-2TNI"]),
    # Later additions: relative offsets, ISO zones, parenthesized zones, French-style hours.
    ("We meet in two weeks.", ["two weeks|DATE|2025-W12"]),
    ("Stamped 2025-03-06T14:00Z.", ["2025-03-06T14:00Z|TIME|2025-03-06T14:00"]),
    ("Starts 12:00 (CET).", ["12:00 (CET)|TIME|2025-03-06T12:00"]),
    ("Doors at 19h30.", ["19h30|TIME|2025-03-06T19:30"]),
    ("Held the week of March 10.", ["the week of March 10|DATE|2025-W11"]),
    ("For the year ended Sept. 30, net rose.", ["the year|DURATION|P1Y", "Sept. 30|DATE|2024-09-30"]),
    ("It ran for the four-day festival.", ["four-day|DURATION|P4D"]),
    ("It took a minute and a half.", ["a minute and a half|DURATION|PT1M30S"]),
    ("It took two to three weeks.", ["two to three weeks|DURATION|P2W"]),
    ("The market runs on Wednesdays.", ["Wednesdays|SET|XXXX-WXX-3"]),
    # Spelled-out years (transcripts).
    ("Atlanta, nineteen ninety-six.", ["nineteen ninety-six|DATE|1996"]),
    ("In January nineteen ninety-seven it struck.", ["January nineteen ninety-seven|DATE|1997-01"]),
    ("It froze in the winter of nineteen ninety-four.",
     ["the winter of nineteen ninety-four|DATE|1994-WI"]),
    ("The goal for the year two thousand was dropped.", ["the year two thousand|DATE|2000"]),
    ("It was built in nineteen oh five.", ["nineteen oh five|DATE|1905"]),
    # A month, quarter or half with a relative year.
    ("In June last year, the group split.", ["June last year|DATE|2024-06"]),
    ("It will open in April next year.", ["April next year|DATE|2026-04"]),
    ("Net for this year's third quarter fell.", ["this year's third quarter|DATE|2025-Q3"]),
    ("Earnings for the last half of 1989 fell.", ["the last half of 1989|DATE|1989-H2"]),
    # "or so", fractions, "couple", spaced compound numbers, "-long".
    ("It will close over the next year or so.", ["the next year or so|DATE|2026"]),
    ("Then, a week or so ago, he chose.", ["a week or so ago|DATE|2025-W09"]),
    ("They stayed in camps for 2 1/2 years.", ["2 1/2 years|DURATION|P2Y6M"]),
    ("It will not change for a couple of years.", ["a couple of years|DURATION|P2Y"]),
    ("In the last twenty four hours, it fell.", ["the last twenty four hours|DURATION|PT24H"]),
    ("It was a decades-long battle.", ["decades-long|DURATION|PXY"]),
    ("After their day-long meeting they left.", ["day-long|DURATION|P1D"]),
    # Year end, clock hours with a part of the day.
    ("The deal should close by year-end.", ["year-end|DATE|2025"]),
    ("The index is up 5% since year-end.", ["year-end|DATE|2024"]),
    ("He will leave at 4 in the morning.", ["4 in the morning|TIME|2025-03-06T04:00"]),
    ("The shop stays open until 10 at night.", ["10 at night|TIME|2025-03-06T22:00"]),
    # Rates are no spans of time, but a plain "a year" still is one.
    ("It took a year to finish.", ["a year|DURATION|P1Y"]),
    ("Rallies are held here annually.", ["annually|SET|P1Y"]),
    ("It fell for eight trading days.", ["eight trading days|DURATION|P8D"]),
    ("Stocks fell from the previous Friday.", ["the previous Friday|DATE|2025-02-28"]),
    # "over a/an <unit>" is "more than"; "over N <units>" is a preposition.
    ("The tour will last over a week.", ["over a week|DURATION|P1W"]),
    ("Just over an hour later, he died.", ["over an hour|DURATION|PT1H"]),
    ("It can be used over three years.", ["three years|DURATION|P3Y"]),
    # Vague centuries, unitless spans after "for", "a N-unit period".
    ("It was ruled from Moscow for centuries.", ["centuries|DURATION|PXC"]),
    ("It was ruled for two centuries.", ["two centuries|DURATION|P200Y"]),
    ("We will have to live without it for a while.", ["a while|DURATION|PXX"]),
    ("The ships will stay in the gulf for some time.", ["some time|DURATION|PXX"]),
    ("It was paid over a three-year period.", ["a three-year period|DURATION|P3Y"]),
    ("The 14-day waiting period ended.", ["14-day|DURATION|P14D"]),
    ("It bought a two-year option.", ["two-year|DURATION|P2Y"]),
]

NEGATIVE = [
    "We may go there.",
    "May I ask a question?",
    "Theresa May said it was fine.",
    "Mrs May left.",
    "Then they march on the capital.",
    "Julie March wrote the report.",
    "The Sun reported it first.",
    "Sat down and talked.",
    "He won the second round.",
    "There were 1,500 cases.",
    "Only 3 people came.",
    "It cost $2025 in total.",
    "It costs £3.50.",
    "Growth was 12.5% overall.",
    "They won 3-1 at home.",
    "Install version 2.0.1 first.",
    "It runs iOS 8.4 fine.",
    "Call 555-1234 for help.",
    "Call +32 2 123 45 67 for help.",
    "The 2030 Agenda was adopted.",
    "He flew on Air Force One.",
    "It is one of the best.",
    "There were 2025 people.",
    "She took the 1/2 portion.",
    "The score was 21-14.",
    "Foreign ministers Janos Martonyi and Jan Kavan signed.",
    "He is a 6-year-old boy.",
    "She watched 60 Minutes.",
    "Dividends are paid quarterly.",
    "It happened in the second year of the war.",
    "He saw the fall of the wall.",
    "Two thousand people marched.",
    "They sold nineteen hundred tickets.",
    "Nineteen people were hurt.",
    "It was a scene from the film High Noon.",
    "It will be a second betrayal.",
    "A second group of directors resigned.",
    "The team won 2 in the morning session.",
    "When year-end net was below plan, they cut costs.",
    "Shares fell 2 1/2 to 37 3/4.",
    "It lost twenty six percent of its value.",
    "They stayed for the last half of the game.",
    "The preferred pays a dividend of $1.76 a year.",
    "It will save $500 million a year in costs.",
    "Qantas flies four flights a week to Bombay.",
    "Sales should rise 8.5% annually.",
    "It makes 10,000 units annually.",
    "Some time ago, prices fell.",
    "At some time we will meet.",
    "Once in a while it rains.",
    "Wait a while before you call.",
    "It took some time off.",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[r[0] for r in POSITIVE])
def test_finds(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_near_misses_are_not_tagged(text: str) -> None:
    assert found(text) == []


def test_day_first_decides_numeric_dates() -> None:
    ctx = Context(reference=REF, day_first=True)
    assert found("Filed 06/03/2025.", ctx) == ["06/03/2025|DATE|2025-03-06"]
    assert found("Filed 13/03/2025.") == ["13/03/2025|DATE|2025-03-13"]


def test_invalid_dates_are_dropped() -> None:
    assert found("On 31 April 2025.") == ["April 2025|DATE|2025-04"]
    assert found("On 2025-02-30.") == []
