//! The shape of the core crate, checked from its sources: each layer reads
//! only what the layers before it produced, and no module imports another
//! in a circle (docs/architecture.md).
//!
//! A reference is any `crate::…`, `super::…` or `self::…` path in code
//! (comments, doc comments and `#[cfg(test)]` modules are left out: a
//! layer's tests may run the whole pipeline).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules in pipeline order. A module may refer only to
/// modules before it; the shared ones come first.
const ORDER: &[&str] = &[
    // Shared, owned by no layer.
    "span", "aligned", "origin", "schema", "error",
    "lexicon", // The layers, in the order they run.
    "article", "syntax", "time", "entities", "quotes", "resolve", "figures", "events", "corpus",
    // Running the layers, and their output for evaluation.
    "pipeline", "eval", "samples", "tables", // Views of one article for reading.
    "render", // Reading inputs from files and folders.
    "files",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module of the crate: its path (`resolve::names`) and its code
/// without comments and test modules.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                let mut pre = prefix.to_vec();
                pre.push(name);
                walk(&p, &pre, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let mut path = prefix.to_vec();
                if name != "mod" && name != "lib" {
                    path.push(name);
                }
                let text = std::fs::read_to_string(&p).unwrap();
                out.insert(path.join("::"), code_of(&text));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&src(), &[], &mut out);
    out
}

/// The code of a file: comments dropped, and `#[cfg(test)]` items cut.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i64> = None;
    let mut depth: i64 = 0;
    for line in text.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        if skip_depth.is_none() && code.trim() == "#[cfg(test)]" {
            skip_depth = Some(depth);
            continue;
        }
        let opens = code.matches('{').count() as i64;
        let closes = code.matches('}').count() as i64;
        depth += opens - closes;
        if let Some(d) = skip_depth {
            // The test item ends when the depth comes back to where it began
            // after opening.
            if depth <= d && (opens > 0 || closes > 0 || code.trim_end().ends_with(';')) {
                skip_depth = None;
            }
            continue;
        }
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The modules `code` (of module `me`) refers to, as full paths resolved
/// against the known modules (the longest known prefix).
fn references(me: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mine: Vec<&str> = if me.is_empty() {
        vec![]
    } else {
        me.split("::").collect()
    };
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let base: Vec<String> = match start {
                "crate::" => vec![],
                "super::" => mine[..mine.len().saturating_sub(1)]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                _ => mine.iter().map(|s| s.to_string()).collect(),
            };
            // The path after the prefix, or each path of a `{a, b::c}` group.
            let rest = &code[from..];
            let paths: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .collect()
            } else {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(rest.len());
                vec![rest[..end].to_string()]
            };
            for p in paths {
                let mut full = base.clone();
                full.extend(
                    p.split("::")
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                );
                // The longest prefix that is a module.
                while !full.is_empty() && !known.contains(&full.join("::")) {
                    full.pop();
                }
                let target = full.join("::");
                if !target.is_empty() && target != me {
                    out.insert(target);
                }
            }
        }
    }
    out
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn every_module_is_placed_in_the_pipeline_order() {
    for m in modules().keys() {
        if !m.is_empty() {
            assert!(
                ORDER.contains(&top(m)),
                "src/{} is not placed in the pipeline order of tests/architecture: add it to ORDER",
                m.replace("::", "/")
            );
        }
    }
}

#[test]
fn a_layer_reads_only_what_comes_before_it() {
    let mods = modules();
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    let rank = |m: &str| ORDER.iter().position(|o| *o == top(m));
    let mut wrong = Vec::new();
    for (m, code) in &mods {
        let Some(mine) = rank(m) else { continue };
        for r in references(m, code, &known) {
            if let Some(theirs) = rank(&r) {
                if theirs > mine {
                    wrong.push(format!("{m} uses {r}, which comes after it"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_module_imports_another_in_a_circle() {
    let mods = modules();
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    // A folder's mod.rs declares and wires its files: an edge from a module
    // to one inside it is the tree itself, not an import.
    let inside =
        |outer: &str, inner: &str| outer.is_empty() || inner.starts_with(&format!("{outer}::"));
    let mut edges: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (m, code) in &mods {
        let refs = references(m, code, &known)
            .into_iter()
            .filter(|r| !inside(m, r))
            .collect();
        edges.insert(m, refs);
    }
    // Depth-first search for a back edge.
    fn visit<'a>(
        m: &'a str,
        edges: &'a BTreeMap<&'a str, Vec<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        state.insert(m, 1);
        stack.push(m);
        for r in edges.get(m).into_iter().flatten() {
            let r = r.as_str();
            match state.get(r).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|s| *s == r).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|s| s.to_string()).collect();
                    cycle.push(r.to_string());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(r, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if state.get(m).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(m, &edges, &mut state, &mut Vec::new()) {
                panic!(
                    "modules import each other in a circle: {}",
                    cycle.join(" -> ")
                );
            }
        }
    }
}

#[test]
fn the_checker_sees_references_and_cycles() {
    // The checker itself: it must see a grouped import, a `super::` path and
    // skip comments and test modules, or the tests above prove nothing.
    let known: BTreeSet<String> = ["a", "a::b", "c", "d"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code = code_of(
        "use crate::{c::Thing, d};\n// crate::nothing\nfn f() { super::b::g() }\n#[cfg(test)]\nmod tests {\n    use crate::z;\n}\n",
    );
    let refs = references("a::x", &code, &known);
    assert_eq!(
        refs,
        ["a::b", "c", "d"].iter().map(|s| s.to_string()).collect()
    );
    assert!(!code.contains("crate::z"));
    // And this crate has the modules it is meant to check.
    let mods = modules();
    assert!(mods.contains_key("resolve") && mods.contains_key("entities::tagger"));
}
