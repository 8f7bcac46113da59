//! Weights and tables of the syntax layer, their binary format, and the
//! hashing that turns feature templates into table rows.
//!
//! Every classifier is a table of `2^bits` rows of `classes` weights: a
//! feature (a hash of its template and values) adds its row to the class
//! scores. Rows are found by masking the hash, with no key check (the
//! hashing trick), so scoring a feature is one memory read and the hot path
//! allocates nothing. Weights ship quantised to 8 bits, only the non-zero
//! ones, as varint deltas.
//!
//! Hashes are written out here (FNV-1a over bytes, a multiply-xorshift mix
//! for feature keys) so that a model's keys never change with a
//! dependency's version.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// 64-bit FNV-1a offset basis.
pub(crate) const FNV0: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step.
#[inline]
pub(crate) fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// Mixes a feature key from a template number and up to three values.
#[inline]
pub(crate) fn key(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h ^ a).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 29;
    h = (h ^ b).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 32;
    h = (h ^ c).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 31)
}

/// Feature keys are already mixed hashes: maps use them as they are.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
        self.0 = key(0, self.0, 0, 0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by mixed hashes.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

// ------------------------------------------------------------ tables

/// Anything that scores a feature set over its classes.
pub(crate) trait Scorer {
    /// Number of classes.
    fn classes(&self) -> usize;
    /// Adds the rows of `feats` into `out` (length `classes`), after
    /// setting it to zero.
    fn scores(&self, feats: &[u64], out: &mut [f32]);
}

/// 64 weights (8-bit two's complement), aligned to a cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Block([u8; 64]);

const ZERO_BLOCK: Block = Block([0; 64]);

/// Where a table's weights are.
#[derive(Debug, Clone)]
enum Blocks {
    /// Made or read at run time.
    Owned(Vec<Block>),
    /// Rows of the shipped model, read in place from the binary (64-byte
    /// blocks one after the other, aligned).
    Static(&'static [u8]),
}

/// Largest weight magnitude of a quantised table.
const QMAX: f32 = 127.0;

/// Features summed in 16 bits before they are flushed to the output (256
/// rows of at most 127 cannot overflow).
const CHUNK: usize = 256;

/// A quantised table, as shipped and used at run time.
///
/// Weights are 8-bit. A table of at most four classes (the moves) packs its
/// rows four bytes apart, sixteen to a cache line; a wider one (tags,
/// relations) gives every row whole 64-byte blocks, so scoring a feature
/// reads one aligned cache line per 64 classes and the sum runs over fixed
/// 64-lane chunks the compiler turns into vector adds.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    classes: usize,
    bits: u32,
    /// Weight = `w * scale`.
    scale: f32,
    /// Blocks per row for a wide table; 0 for a narrow one.
    per_row: usize,
    blocks: Blocks,
}

impl Table {
    /// An all-zero table.
    pub fn zeros(bits: u32, classes: usize) -> Table {
        Table {
            classes,
            bits,
            scale: 1.0,
            per_row: Table::per_row(classes),
            blocks: Blocks::Owned(vec![ZERO_BLOCK; Table::block_count(bits, classes)]),
        }
    }

    /// Blocks per row: 0 for a narrow table (rows four bytes apart).
    fn per_row(classes: usize) -> usize {
        if classes <= 4 {
            0
        } else {
            classes.div_ceil(64)
        }
    }

    /// Number of 64-byte blocks of a table of `2^bits` rows of `classes`.
    fn block_count(bits: u32, classes: usize) -> usize {
        let rows = 1usize << bits;
        if classes <= 4 {
            (rows * 4).div_ceil(64)
        } else {
            rows * classes.div_ceil(64)
        }
    }

    /// Block `i` of the weights.
    #[inline]
    fn block(&self, i: usize) -> &[u8; 64] {
        match &self.blocks {
            Blocks::Owned(v) => &v[i].0,
            Blocks::Static(s) => s[i * 64..].first_chunk::<64>().unwrap_or(&ZERO_BLOCK.0),
        }
    }

    /// The weights as bytes, block after block (what the build script
    /// writes for [`Table::read`]'s `shipped` rows).
    #[allow(dead_code)] // the build script's
    pub fn raw(&self) -> Vec<u8> {
        let n = Table::block_count(self.bits, self.classes);
        (0..n).flat_map(|i| *self.block(i)).collect()
    }

    /// Block and byte of weight `class` of `row`.
    #[inline]
    fn at(&self, row: usize, class: usize) -> (usize, usize) {
        if self.per_row == 0 {
            let i = row * 4 + class;
            (i / 64, i % 64)
        } else {
            (row * self.per_row + class / 64, class % 64)
        }
    }

    fn get(&self, row: usize, class: usize) -> i8 {
        let (b, i) = self.at(row, class);
        self.block(b)[i] as i8
    }

    fn set(&mut self, row: usize, class: usize, v: i8) {
        let (b, i) = self.at(row, class);
        if let Blocks::Static(s) = self.blocks {
            // Written to: the table becomes its own.
            let blocks = s
                .chunks_exact(64)
                .map(|c| Block(c.try_into().unwrap_or([0; 64])))
                .collect();
            self.blocks = Blocks::Owned(blocks);
        }
        if let Blocks::Owned(blocks) = &mut self.blocks {
            blocks[b].0[i] = v as u8;
        }
    }

    /// Every weight, row by row and class by class.
    fn cells(&self) -> impl Iterator<Item = i8> + '_ {
        (0..1usize << self.bits).flat_map(move |r| (0..self.classes).map(move |c| self.get(r, c)))
    }

    /// Whether the weights are the shipped rows, read in place.
    #[cfg(test)]
    pub fn in_place(&self) -> bool {
        matches!(self.blocks, Blocks::Static(_))
    }

    /// Number of non-zero weights.
    pub fn nonzero(&self) -> usize {
        self.cells().filter(|&x| x != 0).count()
    }

    /// Adds the scores of `feats` into `out` (length `classes`).
    #[inline]
    fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        if self.per_row == 0 {
            let mut acc = [0i32; 4];
            self.add_narrow(feats, &mut acc);
            for (o, &a) in out.iter_mut().zip(&acc[..self.classes]) {
                *o += a as f32 * self.scale;
            }
            return;
        }
        let mask = (1u64 << self.bits) - 1;
        // The rows are scattered over a table larger than the caches:
        // reading one weight of every row first lets the processor fetch
        // them all at once instead of one miss per row.
        let mut touch = 0i32;
        for &f in feats {
            let b = (f & mask) as usize * self.per_row;
            touch = touch.wrapping_add(self.block(b)[0] as i32);
        }
        std::hint::black_box(touch);
        for blk in 0..self.per_row {
            let lanes = (self.classes - blk * 64).min(64);
            let out = &mut out[blk * 64..blk * 64 + lanes];
            for chunk in feats.chunks(CHUNK) {
                let mut acc = [0i16; 64];
                for &f in chunk {
                    let row = self.block((f & mask) as usize * self.per_row + blk);
                    for (a, &x) in acc.iter_mut().zip(row) {
                        *a = a.wrapping_add(x as i8 as i16);
                    }
                }
                for (o, &a) in out.iter_mut().zip(&acc) {
                    *o += a as f32 * self.scale;
                }
            }
        }
    }

    /// Adds the integer row sums of `feats` into `acc`, for a table of at
    /// most four classes (the unused classes stay as they are).
    #[inline]
    pub fn add_narrow(&self, feats: &[u64], acc: &mut [i32; 4]) {
        debug_assert_eq!(self.per_row, 0);
        let mask = (1u64 << self.bits) - 1;
        for &f in feats {
            let i = (f & mask) as usize * 4;
            let row = &self.block(i / 64)[i % 64..i % 64 + 4];
            for (a, &x) in acc.iter_mut().zip(row) {
                *a += x as i8 as i32;
            }
        }
    }

    /// Serialises: bits, classes, scale, then the non-zero weights (row by
    /// row, class by class) as (index delta, value) varints.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let nz = self.nonzero();
        out.extend_from_slice(&(nz as u64).to_le_bytes());
        let mut last = 0usize;
        for (i, x) in self.cells().enumerate() {
            if x != 0 {
                varint(out, (i - last) as u64);
                varint(out, zigzag(x as i64));
                last = i;
            }
        }
    }

    /// Writes the table's shape with no weights: what the build script puts
    /// in the shipped model's place of a table whose rows it expands.
    #[allow(dead_code)] // the build script's
    pub fn write_shape(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&0u64.to_le_bytes());
    }

    /// Reads a table written by [`Table::write`]. With `shipped` rows (the
    /// build script's expansion of the shipped model, whose weights it
    /// wrote as none), the table's weights are the next blocks of them,
    /// used in place.
    pub fn read(r: &mut Reader<'_>, shipped: Option<&mut &'static [u8]>) -> Result<Table, String> {
        let bits = r.u32()?;
        let classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        if bits > 24 || classes == 0 || classes > 1024 {
            return Err(format!("table of 2^{bits} rows x {classes} classes"));
        }
        let mut t = match shipped {
            Some(rows) => {
                let n = Table::block_count(bits, classes) * 64;
                if rows.len() < n {
                    return Err("the shipped rows are short".into());
                }
                let (mine, rest) = rows.split_at(n);
                *rows = rest;
                Table {
                    classes,
                    bits,
                    scale,
                    per_row: Table::per_row(classes),
                    blocks: Blocks::Static(mine),
                }
            }
            None => Table::zeros(bits, classes),
        };
        t.scale = scale;
        let n = (1usize << bits) * classes;
        let nz = r.u64()? as usize;
        if nz > n {
            return Err(format!("{nz} weights in a table of {n}"));
        }
        // The weight's row and class follow its index, kept as they go
        // rather than divided out of it for each weight.
        let (mut i, mut row, mut class) = (0usize, 0usize, 0usize);
        for _ in 0..nz {
            let delta = r.varint()? as usize;
            i = i.saturating_add(delta);
            class = class.saturating_add(delta);
            if class >= classes {
                row = row.saturating_add(class / classes);
                class %= classes;
            }
            let v = unzigzag(r.varint()?);
            if i >= n {
                return Err(format!("weight index {i} past the table's {n}"));
            }
            let v = i8::try_from(v).map_err(|_| format!("weight {v} out of range"))?;
            t.set(row, class, v);
        }
        Ok(t)
    }
}

impl Scorer for Table {
    fn classes(&self) -> usize {
        self.classes
    }
    fn scores(&self, feats: &[u64], out: &mut [f32]) {
        let out = &mut out[..self.classes];
        out.fill(0.0);
        self.add_scores(feats, out);
    }
}

/// A table being trained: an averaged perceptron, with the running sums
/// kept as `u` (weight = `w - u / c` at the end, Daumé's trick).
pub(crate) struct TrainTable {
    classes: usize,
    bits: u32,
    w: Vec<f32>,
    u: Vec<f64>,
}

impl TrainTable {
    /// An all-zero table.
    pub fn new(bits: u32, classes: usize) -> TrainTable {
        let n = (1usize << bits) * classes;
        TrainTable {
            classes,
            bits,
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }

    /// Adds `delta` to the weights of `class` for every feature; `c` is the
    /// update counter (number of examples seen so far).
    pub fn update(&mut self, feats: &[u64], class: usize, delta: f32, c: f64) {
        let mask = (1u64 << self.bits) - 1;
        for &f in feats {
            let i = (f & mask) as usize * self.classes + class;
            self.w[i] += delta;
            self.u[i] += c * delta as f64;
        }
    }

    /// The averaged weights (the mean of each weight over the `c` updates).
    pub fn averaged(&self, c: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / c.max(1.0)) as f32)
            .collect()
    }
}

impl Table {
    /// Weights (`classes` per row, `2^bits` rows) quantised to 8 bits (a
    /// weight under half a step, 1/254 of the largest, becomes zero), with
    /// weights whose size is under `prune` (a share of the largest) also
    /// set to zero.
    pub(crate) fn quantise(bits: u32, classes: usize, w: &[f32], prune: f32) -> Table {
        let max = w.iter().fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / QMAX } else { 1.0 };
        let cut = max * prune;
        let mut t = Table::zeros(bits, classes);
        t.scale = scale;
        for (i, &x) in w.iter().enumerate() {
            if x.abs() >= cut {
                let q = (x / scale).round().clamp(-QMAX, QMAX) as i8;
                t.set(i / classes, i % classes, q);
            }
        }
        t
    }
}

impl Scorer for TrainTable {
    fn classes(&self) -> usize {
        self.classes
    }
    fn scores(&self, feats: &[u64], out: &mut [f32]) {
        let c = self.classes;
        let mask = (1u64 << self.bits) - 1;
        out[..c].fill(0.0);
        for &f in feats {
            let row = (f & mask) as usize * c;
            for (o, &x) in out[..c].iter_mut().zip(&self.w[row..row + c]) {
                *o += x;
            }
        }
    }
}

// ------------------------------------------------------------ binary IO

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Appends `v` as a LEB128 varint.
pub(crate) fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a length-prefixed string.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over a model's bytes; every read past the end is an error.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `b`.
    pub fn new(b: &'a [u8]) -> Self {
        Reader { b, pos: 0 }
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| format!("model truncated at byte {}", self.pos))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    /// A little-endian u32.
    pub fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A little-endian u64.
    pub fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// A LEB128 varint.
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self
                .b
                .get(self.pos)
                .ok_or_else(|| format!("model truncated at byte {}", self.pos))?;
            self.pos += 1;
            if shift >= 64 {
                return Err(format!("varint too long at byte {}", self.pos));
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    /// A length-prefixed string.
    pub fn str(&mut self) -> Result<String, String> {
        let n = self.varint()? as usize;
        let at = self.pos;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| format!("string at byte {at} is not UTF-8"))
    }
    /// True when every byte has been read.
    /// The byte read next.
    #[allow(dead_code)] // the build script's
    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn done(&self) -> bool {
        self.pos == self.b.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip_and_damage_is_an_error() {
        let mut t = TrainTable::new(4, 3);
        t.update(&[1, 2, 17], 1, 1.0, 1.0);
        t.update(&[2], 2, -1.0, 2.0);
        let q = Table::quantise(4, 3, &t.averaged(3.0), 0.0);
        let mut b = Vec::new();
        q.write(&mut b);
        let r = Table::read(&mut Reader::new(&b), None).unwrap();
        assert!(r.cells().eq(q.cells()));
        assert!(r.nonzero() > 0);
        assert!(Table::read(&mut Reader::new(&b[..b.len() - 1]), None).is_err());
        for v in [0i64, 1, -1, 300, -32767] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
