//! Compiles data the crate would otherwise decode at every start:
//! - the lexicon's data files (`data/*.tsv`) into tables read with no
//!   parsing, sorting or hashing (`src/lexicon/compile.rs`, shared with the
//!   crate, says how);
//! - the CAMEO actor dictionary (`data/cameo_actors.tsv`) into its phrases,
//!   codes and prefix index (`src/events/cameo/actor_table.rs`, shared);
//! - the entity tagger's weights (`data/ner.model`) into flat tables read
//!   in place (`src/entities/tagger/flat.rs`, shared);
//! - the syntax model's weights (`data/syntax.model`, deflated varints) into
//!   the 64-byte blocks the parser reads in place (`src/syntax/model.rs`,
//!   shared), and the rest of the model inflated.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon/prefixes.rs"]
mod prefixes;

#[allow(dead_code)]
#[path = "src/lexicon/compile.rs"]
mod compile;

#[allow(dead_code)]
#[path = "src/syntax/model.rs"]
mod syntax_model;

#[allow(dead_code)]
#[path = "src/events/cameo/actor_table.rs"]
mod actor_table;

#[allow(dead_code)]
#[path = "src/entities/tagger/flat.rs"]
mod ner_flat;

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
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let write = |name: &str, bytes: &[u8]| {
        let out = Path::new(&out_dir).join(name);
        std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    };
    write("lexicon.bin", &tables.to_bytes());
    println!("cargo::rerun-if-changed=src/events/cameo/actor_table.rs");
    let mut actors = actor_table::Builder::default();
    actors.shipped(&read("cameo_actors.tsv"));
    write("cameo_actors.bin", &actors.build().to_bytes());
    println!("cargo::rerun-if-changed=data/syntax.model");
    println!("cargo::rerun-if-changed=src/syntax/model.rs");
    let model = std::fs::read("data/syntax.model").expect("data/syntax.model");
    let (head, rows) = expand_syntax(&model).expect("data/syntax.model reads");
    write("syntax.head", &head);
    write("syntax.rows", &rows);
    println!("cargo::rerun-if-changed=data/ner.model");
    println!("cargo::rerun-if-changed=src/entities/tagger/flat.rs");
    let ner = std::fs::read("data/ner.model").expect("data/ner.model");
    write(
        "ner.flat",
        &ner_flat::flatten(&ner).expect("data/ner.model reads"),
    );
}

/// The syntax model inflated with its three tables' weights taken out (each
/// table's shape stays, with no weight), and those weights as blocks.
/// Walks the layout `syntax::Model::from_bytes` reads: a description, four
/// string pools, the tag dictionary and the lexicon, then the tables.
fn expand_syntax(model: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    use syntax_model::{Reader, Table};
    let body =
        miniz_oxide::inflate::decompress_to_vec_with_limit(model.get(8..).unwrap_or(&[]), 1 << 30)
            .map_err(|e| format!("does not inflate: {e:?}"))?;
    let mut r = Reader::new(&body);
    r.str()?;
    for _pool in 0..4 {
        for _ in 0..r.varint()? {
            r.str()?;
        }
    }
    for _tag_dictionary_then_lexicon in 0..2 {
        for _ in 0..r.varint()? {
            r.u64()?;
            r.varint()?;
        }
    }
    let start = r.position();
    let mut head = body[..start].to_vec();
    let mut rows = Vec::new();
    for _table in 0..3 {
        let t = Table::read(&mut r, None)?;
        t.write_shape(&mut head);
        rows.extend_from_slice(&t.raw());
    }
    head.extend_from_slice(&body[r.position()..]);
    Ok((head, rows))
}
