"""General event rules, end to end (tagger + assembler), each with near-miss negatives.

Notation: "TITLE-FRAGMENT @ START" (START is ISO; timed events show HH:MM).
"""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_extract import extract_text, tag
from calendar_extract.events import following, lexicon
from calendar_extract.model import Event, Status

REF = dt.date(2025, 5, 2)  # a Friday


def events(text: str, ref: dt.date = REF) -> list[Event]:
    return extract_text(text, reference_date=ref)


def starts(text: str, ref: dt.date = REF) -> list[str]:
    return [e.start.isoformat() for e in events(text, ref)]


# Listing lines: a date and a place on a line of their own are an event of the heading.
TOUR = (
    "THE NIGHT OWLS - SPRING TOUR 2025\n\n"
    "The band take the new album on the road. All shows start at 8pm unless noted.\n\n"
    "Thu 15 May - Bristol, The Lantern Hall\n"
    "Sun 18 May - Leeds, Brudenell Annex - extra matinee, 2pm\n"
    "Thu 22 May - Newcastle, Cluny Yard (CANCELLED)\n"
)


def test_listing_lines_are_events_of_the_document_subject() -> None:
    found = events(TOUR)
    assert [(e.title, e.start.isoformat(), e.location) for e in found] == [
        ("The Night Owls: Bristol, The Lantern Hall", "2025-05-15T20:00:00", "Bristol, The Lantern Hall"),
        ("The Night Owls: Leeds, Brudenell Annex", "2025-05-18T14:00:00", "Leeds, Brudenell Annex"),
        ("The Night Owls: Newcastle, Cluny Yard", "2025-05-22T20:00:00", "Newcastle, Cluny Yard"),
    ]
    assert [e.status for e in found] == [Status.CONFIRMED, Status.CONFIRMED, Status.CANCELLED]


def test_listing_entries_take_name_place_and_time_of_their_block_heading() -> None:
    text = (
        "Free flu clinics\n\nSaturday pop-up clinics - 10 a.m. to 2 p.m.\n"
        "- Saturday, October 25: Riverside Branch Library\n"
        "Evening clinic - Wednesday, October 22, 4 to 8 p.m., Eastgate Middle School.\n"
    )
    found = {e.title: e for e in events(text, dt.date(2025, 10, 6))}
    pop_up = found["Saturday pop-up clinics: Riverside Branch Library"]
    assert (pop_up.start, pop_up.end) == (dt.datetime(2025, 10, 25, 10), dt.datetime(2025, 10, 25, 14))
    assert found["Evening clinic: Eastgate Middle School"].start == dt.datetime(2025, 10, 22, 16)


def test_weekday_span_over_a_date_range_is_a_weekly_series() -> None:
    text = ("Main clinic - Northside Community Center\n"
            "Monday through Friday, October 20 to October 31, 8:30 a.m. to 4:30 p.m.\n")
    (event,) = events(text, dt.date(2025, 10, 6))
    assert event.start == dt.datetime(2025, 10, 20, 8, 30)
    assert event.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20251031T235959"
    assert event.location == "Northside Community Center"


@pytest.mark.parametrize("text", [
    "For immediate release: Thursday, May 8, 2025\n",  # a press-release header, not an event
    "Prices went up 3% on Thursday, May 8, as traders sold shares in the morning session of trading.\n",
    "Sales figures - May 2025\n",  # a month is no day
], ids=["release-header", "prose-line", "month-only"])
def test_lines_that_are_not_listing_entries(text: str) -> None:
    assert events(text) == []


def test_header_line_is_no_dateline_place() -> None:
    text = "ELMWOOD PARK NEIGHBORS - June Newsletter\n\nThe picnic is on Saturday, June 14.\n"
    (event,) = events(text, dt.date(2025, 6, 5))
    assert event.location is None


def test_news_dateline_still_places_events() -> None:
    text = "DENVER - The city council will hold a public hearing on Wednesday, May 14.\n"
    (event,) = events(text)
    assert event.location == "Denver"


# "the following week, on Tuesday": counted from the event the sentence names.
def test_following_week_counts_from_the_named_event() -> None:
    text = ("Comments are due on Friday, March 13. The commission will hold a public hearing on "
            "Wednesday, March 18. After the hearing, the council is scheduled to vote the following "
            "week, on Tuesday, at its regular 7 p.m. meeting.")
    found = {e.start for e in events(text, dt.date(2026, 3, 5))}
    assert dt.datetime(2026, 3, 24, 19) in found


def test_next_week_is_left_to_the_tagger() -> None:
    text = "The hearing is on Wednesday, March 18. The council is scheduled to vote next week, on Tuesday."
    mentions = tag(text, reference_date=dt.date(2026, 3, 5))
    assert following.following_weeks(text, mentions, lexicon.load()) == mentions


# Deadlines: "to <verb> … by <date>", "accepted until", "available until", dividends.
@pytest.mark.parametrize(("text", "day"), [
    ("The judge ordered prosecutors to respond to the motion by April 30.", "2025-04-30"),
    ("Anyone wishing to file a brief must do so by Friday.", "2025-05-02"),
    ("Written comments will be accepted until Friday, May 16.", "2025-05-16"),
    ("Early-bird passes are available until July 31.", "2025-07-31"),
    ("The dividend is payable June 1 to shareholders of record on May 14.", "2025-05-14"),
], ids=["to-respond-by", "do-so-by", "accepted-until", "available-until", "record-date"])
def test_deadline_phrases(text: str, day: str) -> None:
    assert day in [s[:10] for s in starts(text)]


@pytest.mark.parametrize("text", [
    "She wants to respond to critics in her speech, aides said.",  # no "by": no deadline
    "The shop has been available to rent since May 1.",  # "available" without "until"
], ids=["respond-no-by", "available-since"])
def test_deadline_near_misses(text: str) -> None:
    assert events(text) == []


# Reporting dates: the day of a decision is not the day of the event it sets.
def test_weekday_before_a_decision_verb_is_the_report_date() -> None:
    text = "A federal judge on Tuesday set a May 6 hearing on the motion."
    assert starts(text, dt.date(2025, 4, 16)) == ["2025-05-06"]


def test_weekday_of_the_event_itself_stays() -> None:
    text = "The judge will hold a hearing on Tuesday to set the schedule."
    assert starts(text, dt.date(2025, 4, 16)) == ["2025-04-22"]


# Verbal triggers with an adverb; fixtures named by their own verb.
def test_will_still_meet_is_a_meeting_of_its_own() -> None:
    text = ("The summit, originally set for September 25-26, has been postponed to November 13-14. "
            "Foreign ministers will still meet in Riga on Friday.")
    found = {e.start: e for e in events(text, dt.date(2025, 9, 9))}
    assert dt.date(2025, 9, 12) in found and found[dt.date(2025, 9, 12)].location == "Riga"


def test_fixture_verbs_after_before_and_compound_adjectives() -> None:
    text = ("Ashbourne host Penrose on Tuesday night, before welcoming second-placed Hallam Rangers "
            "to Station Park on Saturday at 3pm. Millbrook travel to Denby United on Wednesday.")
    found = starts(text, dt.date(2025, 10, 19))
    assert "2025-10-25T15:00:00" in found and "2025-10-22" in found


def test_before_a_clause_is_still_no_event() -> None:
    text = "Fans must leave the ground before the match ends on Saturday evening at the latest."
    assert all("End" not in e.title for e in events(text, dt.date(2025, 10, 19)))


def test_the_plans_is_no_future_cue_for_a_past_weekday() -> None:
    text = "An open house on the plans was held on Monday at the library."
    assert starts(text, dt.date(2026, 3, 5)) == ["2026-03-02"]


def test_masthead_date_is_no_listing_entry() -> None:
    text = "Riverside Library newsletter — 2 September 2026\n\nHello neighbours,\n"
    assert events(text, dt.date(2026, 9, 2)) == []


# Paragraph headings name the event of a prose body that names none itself.
def test_paragraph_heading_names_the_event_of_its_body() -> None:
    text = ("Summer Solstice Potluck. Bring a dish and a chair to Hawthorne Green on Saturday, "
            "June 21, from 5 to 8 p.m.\n")
    (event,) = events(text, dt.date(2025, 6, 5))
    assert event.title == "Summer Solstice Potluck"
    assert event.start == dt.datetime(2025, 6, 21, 17, 0)


@pytest.mark.parametrize("heading", [
    "We are closed on Monday.",          # a sentence, not a name
    "Lost a cat?",                       # a question
    "Main clinic - Northside Center",    # a listing heading (events/listing.py)
])
def test_no_heading_event_from_sentences_questions_or_listing_heads(heading: str) -> None:
    text = f"{heading} Bring a dish and a chair to the green on Saturday, June 21.\n"
    assert not any(e.title.startswith(heading.rstrip(".?")) for e in events(text, dt.date(2025, 6, 5)))


def test_listing_line_under_a_heading_is_not_prose() -> None:
    text = "Bake Sale\nSaturday, June 21, 10 a.m. to 2 p.m.\n"
    assert all(e.title != "Bake Sale" or e.trigger != "event:bake sale" for e in events(text, dt.date(2025, 6, 5)))


# Monthly series by ordinal weekday; "the next meeting" is its first occurrence, not another event.
def test_monthly_ordinal_weekday_series_and_its_next_meeting() -> None:
    text = ("The association board meets on the second Tuesday of every month at 7 p.m. in the "
            "library. The next meeting is June 10; all residents may attend.\n")
    (event,) = events(text, dt.date(2025, 6, 5))
    assert event.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert event.start == dt.datetime(2025, 6, 10, 19, 0)


@pytest.mark.parametrize(("phrase", "rrule"), [
    ("the second Tuesday of every month", "FREQ=MONTHLY;BYDAY=2TU"),
    ("every first Monday of the month", "FREQ=MONTHLY;BYDAY=1MO"),
    ("the last Friday of each month", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("the first Monday of the month", None),  # one date, not a series
])
def test_monthly_ordinal_weekday_sets(phrase: str, rrule: str | None) -> None:
    found = [m.rrule for m in tag(f"The club meets {phrase}.", reference_date=dt.date(2025, 6, 5)) if m.rrule]
    assert found == ([rrule] if rrule else [])


# More dates of one event in its sentence: each is an occurrence with its own place.
def test_coordinated_dates_are_more_occurrences_of_the_event() -> None:
    text = ("The tour opens in Lisbon at the Coliseu on September 7, before moving to the Porto "
            "Arena on September 14 and then to the Braga Theatre on September 21.\n")
    found = events(text, dt.date(2024, 4, 9))
    assert [e.start.isoformat() for e in found] == ["2024-09-07", "2024-09-14", "2024-09-21"]
    assert [e.location for e in found][1:] == ["Porto Arena", "Braga Theatre"]


def test_series_end_is_no_coordinated_occurrence() -> None:
    text = "The farmers market runs every Saturday from 8 a.m. to noon, now through September 27.\n"
    assert [e.start.isoformat() for e in events(text, dt.date(2025, 6, 5))] == ["2025-06-07T08:00:00"]


def test_default_time_statement_times_the_dates_of_its_paragraph() -> None:
    text = ("The tour opens at the Coliseu on September 7, then plays the Porto Arena on September 14. "
            "All shows start at 9 p.m.\n")
    assert [e.start.isoformat() for e in events(text, dt.date(2024, 4, 9))] == [
        "2024-09-07T21:00:00", "2024-09-14T21:00:00"]


def test_listed_days_with_a_shared_start_time() -> None:
    text = ("The final two games move to the Barsapara Cricket Stadium in Guwahati on February 15 "
            "and 16. Both are day games starting at 1.30 pm IST to avoid the evening dew.\n")
    found = events(text, dt.date(2020, 2, 10))
    assert [(e.start.isoformat(), e.tzid) for e in found] == [
        ("2020-02-15T13:30:00", "Asia/Kolkata"), ("2020-02-16T13:30:00", "Asia/Kolkata")]


def test_a_default_time_does_not_time_other_paragraphs() -> None:
    text = ("The fair opens on Saturday, June 14.\n\nThe games are on June 20 and 21. "
            "Both games start at 3pm.\n")
    found = {e.start.isoformat() for e in events(text, dt.date(2025, 6, 5))}
    assert found == {"2025-06-14", "2025-06-20T15:00:00", "2025-06-21T15:00:00"}


def test_a_bare_time_under_a_later_day_heading_keeps_that_day() -> None:
    text = ("Wednesday 4 June\n19:30  Gala dinner at the museum\n\n"
            "Thursday 5 June\n15:30  Closing session and best-paper award\n")
    found = sorted((e.start.isoformat(), e.title.split()[0]) for e in events(text, dt.date(2025, 5, 12)))
    assert found == [("2025-06-04T19:30:00", "Gala"), ("2025-06-05T15:30:00", "Closing")]


def test_when_and_where_label_lines_date_and_place_the_notice_event() -> None:
    text = ("NOTICE OF PUBLIC HEARING\n"
            "The Board of Commissioners will hold a public hearing on the rezoning request.\n"
            "  WHEN: Tue 4/8, 6:30 p.m.\n"
            "  WHERE: Hearing Room, County Annex, 1150 NW Harmon Blvd., Bend\n")
    (event,) = events(text, dt.date(2025, 3, 20))
    assert (event.title, event.start) == ("Public hearing", dt.datetime(2025, 4, 8, 18, 30))
    assert event.location is not None and event.location.startswith("Hearing Room")


def test_will_now_be_names_the_new_date_of_the_event_before() -> None:
    text = ("This morning's Athletics Day at Keurboom Park had to be abandoned when the rain set in. "
            "The full programme will now be run on Friday 19 March, starting at 08:00.\n")
    found = [(e.start.isoformat(), e.status) for e in events(text, dt.date(2027, 3, 5))]
    assert ("2027-03-19T08:00:00", Status.CONFIRMED) in found


@pytest.mark.parametrize(("text", "day"), [
    ("WHEN: Tue 4/8", "2025-04-08"),     # month/day fits the Tuesday
    ("Wed 3/18", "2026-03-18"),          # the nearest year where 18 March is a Wednesday
])
def test_weekday_with_numeric_date(text: str, day: str) -> None:
    assert [m.value for m in tag(text, reference_date=dt.date(2025, 3, 20))] == [day]


def test_bowling_figures_are_no_dates() -> None:
    assert tag("She took 4/21 in the final.", reference_date=dt.date(2020, 2, 10)) == ()


def test_time_in_a_city_zone_on_a_weekday_follows_the_future_verb() -> None:
    text = "The 27 finance ministers reconvene at 10:00 Brussels time on Tuesday as the Ecofin council.\n"
    (event,) = events(text, dt.date(2019, 11, 17))
    assert (event.title, event.start, event.tzid) == (
        "Finance ministers meeting", dt.datetime(2019, 11, 19, 10, 0), "Europe/Brussels")


def test_itinerary_lines_led_by_a_time_under_a_dated_title() -> None:
    text = ("Prime Minister's itinerary for Thursday, January 26, 2017\n\n"
            "8:45 a.m.  The Prime Minister will meet with the President of the Treasury Board.\n"
            "           Closed to media\n\n"
            "Note for media:\n- Media are asked to arrive no later than 12:00 p.m.\n\n"
            "7:00 p.m.  The Prime Minister will hold a public town hall.\n")
    starts = sorted(e.start.isoformat() for e in events(text, dt.date(2017, 1, 25)))
    assert starts == ["2017-01-26T08:45:00", "2017-01-26T12:00:00", "2017-01-26T19:00:00"]


@pytest.mark.parametrize("text", [
    "Results for the first quarter of fiscal 2015, which ends Sept. 30, 2014, follow in October.",
    "The decree extended the suspension of trade fairs in Italy until at least 5 March.",
    "The decision follows the Prime Ministerial Decree (DPCM) of 14 January 2021.",
])
def test_dates_of_periods_bounds_and_other_nouns_make_no_event(text: str) -> None:
    assert events(text + "\n", dt.date(2014, 8, 26)) == []


def test_labelled_list_of_important_dates() -> None:
    text = ("IMPORTANT DATES (all deadlines are 23:59 AoE, UTC-12)\n"
            "- Abstract registration: Friday, 28 March 2025 (mandatory)\n"
            "- Notification of acceptance: Monday, 2 June 2025\n")
    found = [(e.title, e.start.isoformat(), e.tzid) for e in events(text, dt.date(2024, 12, 2))]
    assert found == [("Abstract registration", "2025-03-28T23:59:00", "Etc/GMT+12"),
                     ("Notification of acceptance", "2025-06-02T23:59:00", "Etc/GMT+12")]


def test_a_date_field_of_the_page_is_no_event() -> None:
    text = "University closure notice\nDate: Wednesday, December 13, 2017\n\nThe campus closes on Friday, December 22.\n"
    assert [e.start.isoformat() for e in events(text, dt.date(2017, 12, 13))] == ["2017-12-22"]


def test_midnight_deadline_ends_its_own_day() -> None:
    text = "The deadline for online returns is midnight on Thursday 31 January 2013.\n"
    (event,) = events(text, dt.date(2013, 1, 14))
    assert event.start == dt.datetime(2013, 1, 31, 23, 59)


def test_timed_date_without_year_follows_the_future_tense() -> None:
    text = "Writ day is August 23, and nominations close at noon on August 29.\n"
    assert "2017-08-29T12:00:00" in starts(text, dt.date(2017, 2, 1))


def test_a_timed_date_without_event_word_times_that_days_event() -> None:
    text = ("The Bombay High Court adjourned the hearing to August 22. "
            "\"The matter will be taken up at 2.30 pm on August 22,\" the bench said.\n")
    found = [e.start for e in events(text, dt.date(2023, 8, 1))]
    assert found == [dt.datetime(2023, 8, 22, 14, 30)]


def test_clinical_trials_are_no_court_trial() -> None:
    assert events("New EU Clinical Trials rules apply from 27 January.\n", dt.date(2015, 1, 13)) == []


def test_tickets_on_sale_title() -> None:
    text = "Tickets for The Verandas' Nov. 3 show at Massey Hall go on sale Friday at 10 a.m.\n"
    titles = {e.start.isoformat(): e.title for e in events(text, dt.date(2022, 8, 10))}
    assert titles["2022-08-12T10:00:00"] == "Tickets on sale"


def test_decorated_heading_names_the_event_of_its_paragraph() -> None:
    text = ('Members news\n\n*** Member talk: "Pricing your first product" ***\n'
            "On Tuesday, 13 May at 17:00 CEST, member Jana Oduya will share what she learned.\n")
    (talk,) = events(text)
    assert "Member talk" in talk.title and talk.start.replace(tzinfo=None) == dt.datetime(2025, 5, 13, 17, 0)


def test_undecorated_sentence_is_still_no_heading() -> None:
    text = "We will tell you all about it soon\nOn Tuesday, 13 May at 17:00, Jana will share what she learned.\n"
    assert events(text) == []


@pytest.mark.parametrize(("sentence", "year"), [
    ("Last weekend's Spring Hackathon (26-27 April) brought 64 people into the space.", 2025),  # past: this year
    ("The Spring Hackathon (26-27 April) is a chance to meet the team.", 2026),  # no tense: the coming one
    ("Last year we hosted many events, and the Spring Hackathon (26-27 April) will be back.", 2026),
])
def test_a_past_sentence_keeps_its_dates_in_the_past(sentence: str, year: int) -> None:
    (found,) = events(sentence)
    assert found.start.year == year


def test_kinds_of_party_are_events() -> None:
    assert starts("Save the date: our summer party is on Friday, 23 May from 18:00.") == ["2025-05-23T18:00:00"]
    assert starts("The party said on Friday, 23 May, that it would vote against the bill.") == []


def test_list_entries_take_the_event_noun_of_the_prose_above() -> None:
    text = ("News | Parks | Published 1 May 2025\n\nHave your say on the new playground\n\n"
            "The team will be at two drop-in sessions where you can see the drawings. No need to book.\n\n"
            "- Saturday 10 May, 10am to 1pm - Elm Library, 14 Rose Avenue\n"
            "- Wednesday 14 May, 4pm to 7pm - Oak Hall, 3 High Street\n")
    titles = [e.title for e in events(text)]
    assert titles == ["Drop-in sessions: Elm Library", "Drop-in sessions: Oak Hall"]  # no breadcrumb, no address


def test_list_after_dated_prose_takes_no_noun_from_it() -> None:
    text = ("Club news\n\nThe committee met on Monday 28 April to plan the sessions.\n\n"
            "- Saturday 10 May - Elm Library\n")
    may_10 = [e.title for e in events(text) if e.start == dt.date(2025, 5, 10)]
    assert may_10 and not any(t.startswith("Sessions") for t in may_10)


@pytest.mark.parametrize("top", [
    "Harbour hold on in thriller\n\nBy Tom Kavanagh\nFriday, 2 May 2025\n\n",
    "PRESS RELEASE — Frankfurt am Main, 2 May 2025\n\n",
])
def test_bylines_and_release_headers_date_the_page(top: str) -> None:
    text = top + "The club's members' forum is at the Albert Park clubrooms on Tuesday 6 May.\n"
    assert starts(text) == ["2025-05-06"]


def test_email_header_is_no_heading_of_a_list() -> None:
    text = ("From: Spring Workshop Organising Committee <local@example.org>\nDate: Fri, 2 May 2025 09:12 +0100\n"
            "Subject: practical information\n\nDear participants,\n\n"
            "- Tuesday 6 May, 08:30 - Registration desk opens\n")
    assert not any("From" in e.title or "Committee" in (e.location or "") for e in events(text))


def test_byline_over_date_and_time_dates_the_page() -> None:
    text = ("Rail strike called off\n\nBy Hannah Greaves, Transport Correspondent\nFriday 2 May 2025, 16:42 BST\n\n"
            "A second walkout on Saturday 10 May will go ahead.\n")
    assert not any(e.title.startswith("By ") for e in events(text))


def test_bare_weekday_follows_this_weekday_of_the_same_name() -> None:
    text = ("Saturday rail strike called off as union agrees to talks\n\n"
            "A strike that would have halted services this Saturday has been called off.\n")
    assert starts(text, dt.date(2019, 6, 11)) == ["2019-06-15"]


def test_invited_to_a_session_on_a_weekday_is_ahead() -> None:
    text = "The board has invited owners to an information session on Saturday at 2 p.m. at the library."
    assert starts(text, dt.date(2016, 10, 20)) == ["2016-10-22T14:00:00"]


def test_edition_ordinal_is_no_part_of_the_title() -> None:
    (fest,) = events("The fifth annual Riverside Lights Festival runs on Saturday, May 10.")
    assert fest.title.startswith("Riverside Lights Festival")
    (attempt,) = events("The second launch attempt is set for Saturday, May 10.")
    assert attempt.title.lower().startswith("second launch attempt")
