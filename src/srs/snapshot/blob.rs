//! Arrays of fixed-width little-endian values stored as raw bytes in a snapshot: read
//! back by copying them out (no per-value decoding), whatever the bytes' alignment.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zerocopy::little_endian::{I64, U64};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

/// Bytes stored as one block (postcard: their length, then the bytes themselves), and
/// borrowed from the file's bytes when read.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Blob<'a>(pub(super) &'a [u8]);

impl Serialize for Blob<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Blob<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Blob<'a>, D::Error> {
        <&'a [u8]>::deserialize(d).map(Blob)
    }
}

/// One card's latest review time, as stored.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct LastAt {
    card_hash: U64,
    at: I64,
}

pub(super) fn u64s_to_bytes(values: &[u64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(super) fn i64s_to_bytes(values: &[i64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(super) fn last_at_to_bytes(values: &[(u64, i64)]) -> Vec<u8> {
    let rows: Vec<LastAt> = values
        .iter()
        .map(|&(card_hash, at)| LastAt {
            card_hash: card_hash.into(),
            at: at.into(),
        })
        .collect();
    rows.as_bytes().to_vec()
}

/// The values in `bytes`; `None` if its length is not a whole number of them.
pub(super) fn u64s(bytes: &[u8]) -> Option<Vec<u64>> {
    let values = <[U64]>::ref_from_bytes(bytes).ok()?;
    Some(values.iter().map(|v| v.get()).collect())
}

pub(super) fn i64s(bytes: &[u8]) -> Option<Vec<i64>> {
    let values = <[I64]>::ref_from_bytes(bytes).ok()?;
    Some(values.iter().map(|v| v.get()).collect())
}

pub(super) fn last_at(bytes: &[u8]) -> Option<Vec<(u64, i64)>> {
    let rows = <[LastAt]>::ref_from_bytes(bytes).ok()?;
    Some(
        rows.iter()
            .map(|r| (r.card_hash.get(), r.at.get()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_come_back_and_cut_ones_do_not() {
        let ids = [0, 1, u64::MAX];
        assert_eq!(u64s(&u64s_to_bytes(&ids)).as_deref(), Some(&ids[..]));
        let times = [i64::MIN, -1, 0, 1_750_000_000_000];
        assert_eq!(i64s(&i64s_to_bytes(&times)).as_deref(), Some(&times[..]));
        let last = [(3, -5), (u64::MAX, i64::MAX)];
        let bytes = last_at_to_bytes(&last);
        assert_eq!(bytes.len(), 32);
        assert_eq!(last_at(&bytes).as_deref(), Some(&last[..]));
        // Unaligned bytes read as well; a cut value does not read at all.
        let mut shifted = vec![0];
        shifted.extend(u64s_to_bytes(&ids));
        assert_eq!(u64s(&shifted[1..]).as_deref(), Some(&ids[..]));
        assert_eq!(u64s(&shifted[1..shifted.len() - 1]), None);
        assert_eq!(last_at(&bytes[..20]), None);
    }
}
