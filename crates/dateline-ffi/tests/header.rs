//! `include/dateline.h` is what cbindgen makes of the sources: this test
//! fails when the committed header is stale.
//! Regenerate it with `DATELINE_UPDATE_HEADER=1 cargo test -p dateline-ffi --test header`.

use std::path::Path;

#[test]
fn header_is_up_to_date() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).unwrap();
    let path = crate_dir.join("../../include/dateline.h");
    if std::env::var_os("DATELINE_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/dateline.h is stale: run DATELINE_UPDATE_HEADER=1 cargo test -p dateline-ffi --test header"
    );
}
