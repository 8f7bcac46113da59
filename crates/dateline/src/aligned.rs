//! Bytes aligned to a cache line, for data the build script compiled and
//! the crate reads in place: `static X: &Aligned<[u8]> =
//! &Aligned(*include_bytes!(..));` (the array coerces to a slice).

/// Bytes (or anything) aligned to 64 bytes.
#[repr(C, align(64))]
pub(crate) struct Aligned<T: ?Sized>(pub T);
