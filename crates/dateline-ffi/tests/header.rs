//! `include/dateline.h` is what cbindgen makes of the sources once their
//! macros are expanded (`[parse.expand]` in cbindgen.toml: the C structs,
//! the layer enum and most accessors are declared by `output!` and
//! `layers!`). Expanding needs nightly Rust, which this test finds with
//! rustup whatever toolchain runs it: it fails when the committed header is
//! stale, and skips, saying so, when there is no nightly toolchain.
//! Regenerate the header with `DATELINE_UPDATE_HEADER=1 cargo test -p dateline-ffi --test header`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The nightly toolchain that expands the macros: `nightly`, or the one
/// DATELINE_HEADER_TOOLCHAIN names (a dated nightly, should a newer one
/// print what cbindgen cannot read).
fn toolchain() -> String {
    std::env::var("DATELINE_HEADER_TOOLCHAIN").unwrap_or_else(|_| "nightly".into())
}

/// The cargo of that toolchain, if rustup has it.
fn nightly_cargo() -> Option<PathBuf> {
    let which = ["which", "cargo", "--toolchain", &toolchain()];
    let out = Command::new("rustup").args(which).output().ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    (out.status.success() && path.is_file()).then_some(path)
}

#[test]
fn header_is_up_to_date() {
    let Some(cargo) = nightly_cargo() else {
        // A toolchain asked for by name must be there; plain nightly may not be.
        let asked = std::env::var_os("DATELINE_HEADER_TOOLCHAIN").is_some();
        assert!(!asked, "rustup has no toolchain {}", toolchain());
        eprintln!(
            "SKIPPED: include/dateline.h is not checked: cbindgen expands the \
             macros of dateline-ffi with nightly Rust (rustup toolchain install nightly)"
        );
        return;
    };
    // cbindgen runs `$CARGO rustc -- -Zunpretty=expanded` in a target
    // directory of its own (no lock shared with the cargo running this test).
    let expand_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cbindgen-expand");
    std::env::set_var("CARGO", &cargo);
    std::env::set_var("RUSTUP_TOOLCHAIN", toolchain());
    std::env::set_var("CARGO_EXPAND_TARGET_DIR", expand_dir);
    std::env::remove_var("RUSTC");

    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    assert_eq!(config.parse.expand.crates, ["dateline-ffi"]);
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
