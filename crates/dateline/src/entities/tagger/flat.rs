//! The shipped tagger's weights as flat tables the build script makes from
//! `data/ner.model` and the tagger reads in place: per pass, an
//! open-addressing table (linear probing from the key's low bits; keys are
//! mixed hashes already) of 32-byte slots, each a feature's key and its
//! model's 16-bit weights, so that a feature found costs one cache line; a
//! weight is its 16-bit value times the pass's scale, as the model reader
//! computes it. Before the slots, one control byte per slot (0 for an empty
//! one, else 0x80 and the key's top seven bits): most features of a text
//! are not in the model, and the control bytes (128 KiB a pass) stay in
//! the cache, so a miss seldom reads a slot. Nothing to decode or hash at
//! start-up.
//! Self-contained on purpose: it uses only `std` (`build.rs` includes it).

/// Number of labels (the tagger's `N`).
pub(crate) const LABELS: usize = 9;

const MAGIC: &[u8; 8] = b"DLNER\x00\x00\x01";
/// Bytes of a slot: key (u64), the weights (i16 each), padding.
const SLOT: usize = 32;

/// The control byte of a taken slot holding `key`.
#[inline]
fn control(key: u64) -> u8 {
    0x80 | (key >> 57) as u8
}

/// One pass's weights, read in place.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Flat<'a> {
    /// One byte per slot: 0 when empty, else [`control`] of its key.
    controls: &'a [u8],
    slots: &'a [u8],
    /// Slot count - 1 (the count is a power of two).
    mask: usize,
    /// Weight = 16-bit value x scale.
    scale: f32,
    /// Number of features.
    pub len: usize,
}

impl<'a> Flat<'a> {
    /// The weights of feature `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<[f32; LABELS]> {
        if self.slots.is_empty() {
            return None;
        }
        let want = control(key);
        let mut at = key as usize & self.mask;
        loop {
            let c = *self.controls.get(at)?;
            if c == 0 {
                return None;
            }
            let s = self.slots[at * SLOT..].first_chunk::<SLOT>()?;
            let k = s.first_chunk::<8>().map_or(0, |b| u64::from_le_bytes(*b));
            if c == want && k == key {
                let mut out = [0f32; LABELS];
                for (l, o) in out.iter_mut().enumerate() {
                    let v = i16::from_le_bytes([s[8 + 2 * l], s[9 + 2 * l]]);
                    *o = v as f32 * self.scale;
                }
                return Some(out);
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Every feature with its weights, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, [f32; LABELS])> + '_ {
        let taken = self.controls.iter().map(|&c| c != 0);
        self.slots
            .chunks_exact(SLOT)
            .zip(taken)
            .filter_map(move |(s, taken)| {
                let key = u64::from_le_bytes(s[..8].try_into().ok()?);
                taken.then_some(())?;
                Some((key, self.get(key)?))
            })
    }

    /// The two passes' tables from what [`flatten`] wrote; `None` if the
    /// bytes are not that.
    pub fn passes(b: &'a [u8]) -> Option<[Flat<'a>; 2]> {
        let mut at = 0usize;
        let mut next = || -> Option<Flat<'a>> {
            let u32_at = |i: usize| -> Option<usize> {
                Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize)
            };
            let (cap, len) = (u32_at(at)?, u32_at(at + 4)?);
            let scale = f32::from_bits(u32_at(at + 8)? as u32);
            // A header of 64 bytes keeps the slots aligned.
            let controls_at = at + 64;
            let slots_at = controls_at.checked_add(cap)?;
            let end = slots_at.checked_add(cap.checked_mul(SLOT)?)?;
            let f = Flat {
                controls: b.get(controls_at..slots_at)?,
                slots: b.get(slots_at..end)?,
                mask: cap.saturating_sub(1),
                scale,
                len,
            };
            at = end;
            (cap == 0 || (cap.is_power_of_two() && len < cap)).then_some(f)
        };
        let passes = [next()?, next()?];
        (at == b.len()).then_some(passes)
    }
}

/// The flat tables of a tagger written by `Tagger::to_bytes` (its two
/// passes' models, each: magic, label count, scale, transitions, then each
/// feature's key, label mask and 16-bit weights).
pub(crate) fn flatten(tagger: &[u8]) -> Result<Vec<u8>, String> {
    let mut r = Reader { b: tagger, at: 0 };
    let first_len = r.u64()? as usize;
    let first = r.take(first_len)?;
    let second = &tagger[r.at..];
    let mut out = Vec::new();
    for model in [first, second] {
        flatten_model(model, &mut out)?;
    }
    Ok(out)
}

fn flatten_model(b: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let mut r = Reader { b, at: 0 };
    if r.take(8)? != MAGIC {
        return Err("not a dateline NER model".into());
    }
    if r.u32()? as usize != LABELS {
        return Err("the model's labels differ".into());
    }
    let scale = f32::from_bits(r.u32()?);
    r.take((LABELS + 1) * LABELS * 4)?;
    let count = r.u32()? as usize;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let key = r.u64()?;
        let mask = r.u16()?;
        let mut row = [0i16; LABELS];
        for (l, v) in row.iter_mut().enumerate() {
            if mask & (1 << l) != 0 {
                *v = r.u16()? as i16;
            }
        }
        entries.push((key, row));
    }
    if r.at != b.len() {
        return Err("trailing bytes after the model".into());
    }
    // At most half full: a miss (most features of a text) ends soon.
    let cap = if count == 0 {
        0
    } else {
        (count * 2).next_power_of_two()
    };
    // At least 64 slots, so that the control bytes fill whole cache lines.
    let cap = if cap == 0 { 0 } else { cap.max(64) };
    let mut controls = vec![0u8; cap];
    let mut slots = vec![0u8; cap * SLOT];
    for (key, row) in entries {
        let mut at = key as usize & (cap - 1);
        while controls[at] != 0 {
            at = (at + 1) & (cap - 1);
        }
        controls[at] = control(key);
        let s = &mut slots[at * SLOT..(at + 1) * SLOT];
        s[..8].copy_from_slice(&key.to_le_bytes());
        for (l, v) in row.iter().enumerate() {
            s[8 + 2 * l..10 + 2 * l].copy_from_slice(&v.to_le_bytes());
        }
    }
    let mut header = [0u8; 64];
    header[..4].copy_from_slice(&(cap as u32).to_le_bytes());
    header[4..8].copy_from_slice(&(count as u32).to_le_bytes());
    header[8..12].copy_from_slice(&scale.to_bits().to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&controls);
    out.extend_from_slice(&slots);
    Ok(())
}

/// Reads a model's bytes (the tagger's reader too).
pub(crate) struct Reader<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .at
            .checked_add(n)
            .and_then(|end| self.b.get(self.at..end))
            .ok_or_else(|| format!("model truncated at byte {}", self.at))?;
        self.at += n;
        Ok(s)
    }
    pub fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
}
