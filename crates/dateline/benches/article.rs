//! Criterion benchmark of the article layer on the bundled samples.
fn main() {}
