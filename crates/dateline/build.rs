//! Compiles the lexicon's data files (`data/*.tsv`) into the tables the
//! crate reads at start-up with no parsing, sorting or hashing
//! (`src/lexicon/compile.rs`, shared with the crate, says how).

use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon/prefixes.rs"]
mod prefixes;

#[allow(dead_code)]
#[path = "src/lexicon/compile.rs"]
mod compile;

fn main() {
    let read = |name: &str| {
        let path = Path::new("data").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    println!("cargo::rerun-if-changed=src/lexicon/compile.rs");
    println!("cargo::rerun-if-changed=src/lexicon/prefixes.rs");
    let (countries, places, organisations) = (
        read("countries.tsv"),
        read("places.tsv"),
        read("organisations.tsv"),
    );
    let (groups, titles, admin1) = (read("groups.tsv"), read("titles.tsv"), read("admin1.tsv"));
    let tables = compile::Tables::compile(&compile::Sources {
        countries: &countries,
        places: &places,
        organisations: &organisations,
        groups: &groups,
        titles: &titles,
        admin1: &admin1,
    });
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon.bin");
    std::fs::write(&out, tables.to_bytes()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
