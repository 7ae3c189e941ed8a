"""Event locations: the sentence's place phrase (events.location) and the document's venues
(events.venues). Each rule has positive rows and near-miss negatives."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from calendar_extract.events import lexicon, venues
from calendar_extract.events.location import dateline, find_location
from calendar_extract.events.sentences import split_sentences
from calendar_extract.model import Event, Status

DATELINES = [
    ("Kestrel launch scrubbed again\n\nWALLOPS ISLAND, Va. - Gusty winds forced the company to scrub "
     "Monday's attempt.", "Wallops Island, Va."),
    ("EU ministers fail to agree\n\nBRUSSELS, Jan 19 (EuroWire) - Euro zone finance ministers broke up "
     "without a deal.", "Brussels"),
    ("Deshmukh fifty gives India lead\n\nTHIRUVANANTHAPURAM, February 10: After Saturday's opener was "
     "abandoned, India won.", "Thiruvananthapuram"),
    ("MUMBAI: The Bombay High Court on Tuesday adjourned the final hearing.", "Mumbai"),
    ("Tour news\n\nSÃO PAULO - Rock band Os Paralelos will celebrate 20 years with a tour.", "São Paulo"),
    ("DENVER - A federal judge on Tuesday set a May 6 hearing on the request.", "Denver"),
    # near misses: headings, labels and senders are not places
    ("JUNIPER COUNTY - PUBLIC NOTICES\nPosted April 1\n\nNOTICE OF PUBLIC HEARING - File No. ZC-24-31 "
     "(Tumalo Ridge rezone)", None),
    ("UPDATE - The match will now start at 3 pm on the main pitch.", None),
    ("NOTE: The meeting was moved to the hall next door on Monday.", None),
    ("ELMWOOD PARK NEIGHBORS - June Newsletter\n\nFarmers market is back!", None),
    ("PRESS RELEASE\n\nExpo moves to September\n\nRimini, 20 January 2021 - Ceramitalia Expo will not take "
     "place from 23 to 26 March 2021 as planned.", "Rimini"),
    # a mixed-case line needs a town the gazetteer knows, and prose after it
    ("Notice, 3 May - The council will meet at the hall next week as usual.", None),
    ("Rimini, 20 January 2021 - Press office", None),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES, ids=[str(r[1]) + str(i) for i, r in enumerate(DATELINES)])
def test_dateline(text: str, expected: str | None) -> None:
    assert dateline(text) == expected


LOCATIONS = [
    ("a working dinner on November 13 at the Palace of the Grand Dukes, followed by talks", "dinner",
     "Palace of the Grand Dukes"),
    ("An open house was held on Monday at the Branford Falls Public Library.", "open house",
     "Branford Falls Public Library"),
    ("The meeting is at the Town Hall and the Mayor will attend on Monday.", "meeting", "Town Hall"),
    ("The dinner at the Palace of the city was on Friday.", "dinner", "Palace"),
    ("The tour moves to São Paulo's Espaço Paulista on September 14 and Curitiba's Arena Araucária "
     "on September 21.", "tour", "Espaço Paulista, São Paulo"),
    ("The talks move to Germany's Angela Merkel on Monday.", "talks", None),
    ("The Bombay High Court on Tuesday adjourned to August 22 the final hearing.", "hearing",
     "Bombay High Court"),
    ("Deschutes Junction Road will be closed to through traffic June 3-5.", "closed", "Deschutes Junction Road"),
    ("The Court ruled that the election on Friday is valid.", "election", None),
    ("because the Rheinpark hosts an open-air concert on 5 October", "concert", "Rheinpark"),
    ("Lumen will host live Q&A sessions every Thursday.", "sessions", None),
    ("the clinics continue every Tuesday at 4pm until 30 July on Zoom - no booking needed", "clinics", "Zoom"),
    ("the clinics continue on Tuesday", "clinics", None),
    ("the Fire Station 12 pancake breakfast planned for Saturday has been cancelled", "breakfast",
     "Fire Station 12"),
    ("the Champions League final on Saturday", "final", None),
    ("The White House said the summit will be held on Friday.", "summit", None),
    ("workshops on October 13 at the Hyatt Place across the street", "workshops", "Hyatt Place"),
    ("ICSSE 2025 - 12th International Conference on Software Engineering, Lisbon, Portugal, 15-18 "
     "September 2025", "Conference", "Lisbon, Portugal"),
    ("The conference closes in Lisbon, Saturday, 20 September.", "conference", "Lisbon"),
    ("The 12th International Conference on Software Engineering, Smith, Texas, 15-18 September",
     "Conference", None),
    ("The Prime Minister will remain overnight in Winnipeg and travel to Regina on Friday.", "travel", "Regina"),
    ("The club will write to Henderson Associates on Friday about the travel.", "write", None),
    ("The first team trains in public every Thursday at 10:00 on Pitch 2 behind the main stand.", "trains",
     "Pitch 2"),
    ("The first team trains every Thursday on Twitter Live.", "trains", None),
    ("A man will be sentenced next month, Dublin Circuit Criminal Court heard on Monday.", "sentenced",
     "Dublin Circuit Criminal Court"),
    ("The parade passes Elm Court, Oak Avenue and Pine Road on Monday.", "parade", None),
    ("our annual Customer Appreciation Dinner on Saturday, 24 February 2024, at 7pm at the Grand Ballroom, "
     "Pan Pacific Orchard.", "Dinner", "Grand Ballroom, Pan Pacific Orchard"),
]


@pytest.mark.parametrize(("text", "trigger", "expected"), LOCATIONS, ids=[r[0][:40] for r in LOCATIONS])
def test_find_location(text: str, trigger: str, expected: str | None) -> None:
    assert find_location(text, (0, len(text)), text.index(trigger), lexicon.load(), ()) == expected


def event(evidence: str, location: str | None = None, reasons: tuple[str, ...] = ()) -> Event:
    return Event(title="Event", start=dt.date(2025, 4, 24), location=location, evidence=evidence, reasons=reasons)


NOTICE = """PLANNING NOTICES

NOTICE OF PUBLIC HEARING
  WHEN: Tue 4/8, 6:30 p.m.
  WHERE: Commissioners' Hearing Room, County Annex, 1150 NW Harmon Blvd., Bend
Written comments must be received by 5 p.m. Friday, April 4.

PLANNING COMMISSION
The next regular meeting is on April 24 at 6 p.m., same location.
"""


def test_a_venue_line_places_the_labelled_date_of_its_block() -> None:
    hearing, comments = venues.refine(NOTICE, split_sentences(NOTICE), [event("WHEN: Tue 4/8, 6:30 p.m."),
                                               event("Written comments must be received by 5 p.m.")], None)
    assert hearing.location == "Commissioners' Hearing Room, County Annex, 1150 NW Harmon Blvd., Bend"
    assert comments.location is None  # a plain sentence of the block is not the event of the line


def test_the_same_location_is_the_venue_named_before() -> None:
    (meeting,) = venues.refine(NOTICE, split_sentences(NOTICE), [event("The next regular meeting is on April 24 at 6 p.m., same location.")],
                               None)
    assert meeting.location is not None and "County Annex" in meeting.location


MATCH = """THIRUVANANTHAPURAM, February 10: India beat South Africa by 23 runs at the Greenfield Stadium on Sunday.

Rain is forecast again, but the third T20I goes ahead on Wednesday at the same venue.

The final two games move to the Barsapara Cricket Stadium in Guwahati on February 15.
"""


def test_the_dateline_town_completes_a_venue_reached_at() -> None:
    town = "Thiruvananthapuram"
    second, third, fourth = venues.refine(MATCH, split_sentences(MATCH), [
        event("India beat South Africa by 23 runs at the Greenfield Stadium on Sunday.", "Greenfield Stadium"),
        event("Rain is forecast again, but the third T20I goes ahead on Wednesday at the same venue.", town,
              (f"location from the dateline '{town}'",)),
        event("The final two games move to the Barsapara Cricket Stadium in Guwahati on February 15.",
              "Barsapara Cricket Stadium, Guwahati"),
    ], town)
    assert second.location == "Greenfield Stadium, Thiruvananthapuram"
    assert third.location == "Greenfield Stadium, Thiruvananthapuram"
    assert fourth.location == "Barsapara Cricket Stadium, Guwahati"  # names its own town


def test_no_town_for_a_venue_in_a_sentence_naming_another_town() -> None:
    text = "LONDON - The leaders will meet at the Grand Palace in Bangkok on Friday."
    (met,) = venues.refine(text, split_sentences(text), [event(text[9:], "Grand Palace")], "London")
    assert met.location == "Grand Palace"


def test_no_same_venue_without_a_named_venue_before() -> None:
    text = "The club meets on Monday at the same place as always."
    (met,) = venues.refine(text, split_sentences(text), [event(text)], None)
    assert met.location is None


def test_no_town_added_twice_or_to_a_virtual_venue() -> None:
    text = "DUBLIN - The forum will take place on 6 March at Dublin Castle. The launch is at Virtual Launch Event."
    forum, launch = venues.refine(text, split_sentences(text), [event(text[9:62], "Dublin Castle"), event(text[63:], "Virtual Launch Event")],
                                  "Dublin")
    assert (forum.location, launch.location) == ("Dublin Castle", "Virtual Launch Event")


def test_an_online_event_loses_the_dateline_place() -> None:
    text = "SAN JOSE, Calif. - Lumen will unveil Atlas during a livestreamed launch event on March 23."
    why = ("location from the dateline 'San Jose, Calif.'",)
    online = Event(title="Livestreamed launch event", start=dt.date(2021, 3, 23), location="San Jose, Calif.",
                   evidence=text, reasons=why)
    on_site = dataclasses.replace(online, title="Launch event")
    assert [e.location for e in venues.refine(text, split_sentences(text), [online, on_site], "San Jose, Calif.")] == [None, "San Jose, Calif."]


SHOWS = """2. MAREN COLE
Sat., Aug. 13, 8 p.m., Harbourfront Centre Concert Stage, $25-$65. The promoter says a second show on Sunday is likely, with an announcement by Friday.

3. MOVIES
Screenings every Wednesday; a second show may be added.
"""


def test_a_second_show_is_at_the_venue_of_its_block_only() -> None:
    sentence = "The promoter says a second show on Sunday is likely, with an announcement by Friday."
    second = Event(title="Second show", start=dt.date(2022, 8, 14), evidence=sentence)
    note = dataclasses.replace(second, title="Announcement")
    later = Event(title="Second show", start=dt.date(2022, 8, 17), evidence="a second show may be added.")
    found = venues.refine(SHOWS, split_sentences(SHOWS), [second, note, later], None)
    assert [e.location for e in found] == ["Harbourfront Centre Concert Stage", None, None]


def test_a_comma_segment_venue_drops_its_preposition() -> None:
    text = "Lumen will run Q&A sessions every Thursday at 1 p.m., from March 11, on the Lumen Developer Forum."
    assert find_location(text, (0, len(text)), text.index("sessions"), lexicon.load(), ()) == "Lumen Developer Forum"


ITINERARY = """8:45 a.m.  The Prime Minister will meet with the President of the Treasury Board.
           Closed to media
           Office of the Prime Minister, Langevin Block

12:30 p.m. The Prime Minister will visit the museum.
           Open coverage
           Canadian Museum for Human Rights, 85 Israel Asper Way

3:30 p.m.  The Prime Minister will take part in a roundtable.
           Closed to media

Holiday Markets (indoors at the Depot Arts Center)
Saturday, November 21, 10 a.m. - 3 p.m.
"""


def test_the_venue_line_of_a_block_places_its_last_event() -> None:
    lines = ITINERARY.split("\n")
    found = venues.refine(ITINERARY, split_sentences(ITINERARY), [event(lines[0][11:]), event(lines[4][11:]), event(lines[8][11:]),
                                      event(lines[12])], None)
    assert [e.location for e in found] == ["Office of the Prime Minister, Langevin Block",
                                           "Canadian Museum for Human Rights, 85 Israel Asper Way", None,
                                           "Depot Arts Center"]


def test_no_venue_line_for_an_event_followed_by_another_in_its_block() -> None:
    text = "Strawberry Social\nSaturday, June 20 from 10 a.m.\nHarvest Festival\nSaturday, October 10 at noon\n"
    first, second = venues.refine(text, split_sentences(text), [event("Saturday, June 20 from 10 a.m."),
                                         event("Saturday, October 10 at noon")], None)
    assert (first.location, second.location) == (None, None)


def test_an_event_during_a_festival_is_at_its_venue() -> None:
    text = "The festival runs at the Zuiderpark from 16 to 18 August. The Chemical Brothers close it on Friday."
    festival = Event(title="Festival", start=dt.date(2019, 8, 16), end=dt.date(2019, 8, 18), location="Zuiderpark",
                     evidence=text[:57])
    friday = Event(title="Concert", start=dt.date(2019, 8, 16), evidence=text[58:])
    later = dataclasses.replace(friday, start=dt.date(2019, 8, 30))
    cancelled = dataclasses.replace(festival, status=Status.CANCELLED)
    assert [e.location for e in venues.refine(text, split_sentences(text), [festival, friday, later], None)] == ["Zuiderpark"] * 2 + [None]
    assert venues.refine(text, split_sentences(text), [cancelled, friday], None)[1].location is None


def test_a_dateline_event_takes_the_town_of_its_kind() -> None:
    text = "PARIS - The launch from Kourou was called off. The first attempt on Sunday was halted by wind."
    why = ("location from the dateline 'Paris'",)
    launch = Event(title="Launch", start=dt.date(2022, 11, 7), location="Kourou", evidence=text[8:47],
                   trigger="launch:launch")
    attempt = Event(title="Attempt", start=dt.date(2022, 11, 6), location="Paris", evidence=text[48:],
                    trigger="launch:attempt", reasons=why)
    other = dataclasses.replace(attempt, trigger="briefing:briefing")
    found = venues.refine(text, split_sentences(text), [launch, attempt, other], "Paris")
    assert [e.location for e in found] == ["Kourou", "Kourou", "Paris"]


MASTHEAD = "LEITH PICTUREHOUSE\nWhat's on\n\nSKYFALL\nDaily at 14:30.\n\nKUBRICK\nTue 11 Dec, 19:30 in Screen 1.\n"


def test_the_masthead_venue_places_the_listing() -> None:
    assert venues.masthead(MASTHEAD) == "Leith Picturehouse"
    skyfall, kubrick = venues.refine(MASTHEAD, split_sentences(MASTHEAD), [event("Daily at 14:30."),
                                                event("Tue 11 Dec, 19:30 in Screen 1.", "Screen 1")], None)
    assert (skyfall.location, kubrick.location) == ("Leith Picturehouse", "Screen 1, Leith Picturehouse")


@pytest.mark.parametrize("first", ["PLANNING NOTICES", "Harbor Street Farmers Market - 2026 Season",
                                   "The Park", "Dear Valued Customers,"])
def test_no_masthead_venue(first: str) -> None:
    assert venues.masthead(first + "\nThe meeting is on Monday.") is None


def test_masthead_before_a_separator_and_its_generic_rooms() -> None:
    text = "Riverside Central Library - What's On, July 2031\n\nTalks\nTue 8 Jul, 18:00.\n"
    assert venues.masthead(text) == "Riverside Central Library"
    talk, matinee, hall = venues.refine(text, split_sentences(text), [
        event("Tue 8 Jul, 18:00.", "Activity Room"), event("Tue 8 Jul, 18:00.", "Main Hall"),
        event("Tue 8 Jul, 18:00.", "Royal Albert Hall")], None)
    assert talk.location == "Activity Room, Riverside Central Library"
    assert matinee.location == "Main Hall, Riverside Central Library"
    assert hall.location == "Royal Albert Hall"  # a venue's own name is no room of the masthead
