//! Arrays of fixed-width little-endian values, as a snapshot stores them: written as
//! raw bytes, read back through a small buffer by copying fields out (no per-value
//! decoding, no copy of the whole array's bytes held at once).

use std::io::Read;

use zerocopy::little_endian::{I64, U64};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

/// Bytes read at a time.
const CHUNK: usize = 4096;

/// One card's latest review time, as stored.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct LastAt {
    card_hash: U64,
    at: I64,
}

pub(super) fn write_u64s(out: &mut Vec<u8>, values: &[u64]) {
    out.extend(values.iter().flat_map(|v| v.to_le_bytes()));
}

pub(super) fn write_i64s(out: &mut Vec<u8>, values: &[i64]) {
    out.extend(values.iter().flat_map(|v| v.to_le_bytes()));
}

pub(super) fn write_last_at(out: &mut Vec<u8>, values: &[(u64, i64)]) {
    for &(card_hash, at) in values {
        let row = LastAt {
            card_hash: card_hash.into(),
            at: at.into(),
        };
        out.extend_from_slice(row.as_bytes());
    }
}

pub(super) fn read_u64s(r: &mut impl Read, n: usize) -> Option<Vec<u64>> {
    read_rows(r, n, |v: &U64| v.get())
}

pub(super) fn read_i64s(r: &mut impl Read, n: usize) -> Option<Vec<i64>> {
    read_rows(r, n, |v: &I64| v.get())
}

pub(super) fn read_last_at(r: &mut impl Read, n: usize) -> Option<Vec<(u64, i64)>> {
    read_rows(r, n, |row: &LastAt| (row.card_hash.get(), row.at.get()))
}

/// `n` rows of `T` read from `r`, each made into a value by `f`; `None` if `r` ends
/// first. The caller bounds `n` by the bytes there are (it is reserved at once).
fn read_rows<T, V>(r: &mut impl Read, n: usize, f: impl Fn(&T) -> V) -> Option<Vec<V>>
where
    T: FromBytes + KnownLayout + Immutable + Unaligned,
{
    let size = size_of::<T>();
    let mut values = Vec::with_capacity(n);
    let mut buf = [0u8; CHUNK];
    let mut left = n;
    while left > 0 {
        let take = left.min(CHUNK / size);
        let bytes = &mut buf[..take * size];
        r.read_exact(bytes).ok()?;
        values.extend(<[T]>::ref_from_bytes(bytes).ok()?.iter().map(&f));
        left -= take;
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_come_back_and_cut_ones_do_not() {
        let ids: Vec<u64> = (0..1000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let mut bytes = Vec::new();
        write_u64s(&mut bytes, &ids);
        assert_eq!(read_u64s(&mut &bytes[..], ids.len()), Some(ids.clone()));
        assert_eq!(read_u64s(&mut &bytes[..bytes.len() - 1], ids.len()), None);
        let times = [i64::MIN, -1, 0, 1_750_000_000_000];
        let mut bytes = Vec::new();
        write_i64s(&mut bytes, &times);
        assert_eq!(read_i64s(&mut &bytes[..], 4).as_deref(), Some(&times[..]));
        let last = [(3, -5), (u64::MAX, i64::MAX)];
        let mut bytes = Vec::new();
        write_last_at(&mut bytes, &last);
        assert_eq!(bytes.len(), 32);
        assert_eq!(read_last_at(&mut &bytes[..], 2).as_deref(), Some(&last[..]));
        assert_eq!(read_last_at(&mut &bytes[..20], 2), None);
        // What follows is left for the next read.
        let mut rest = &bytes[..];
        assert_eq!(read_last_at(&mut rest, 1).map(|v| v.len()), Some(1));
        assert_eq!(rest.len(), 16);
    }
}
