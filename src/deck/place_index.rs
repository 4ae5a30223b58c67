//! Where the cards with a given key (an id, a topic id) are among a deck's cards, without
//! decoding any card: (hash of the key, place) pairs sorted, 8 bytes a card. The card index
//! by id and the cards of each topic ([`Cards`](super::Cards)) are both kept this way.

use std::hash::BuildHasher;

/// See the module documentation.
pub(super) struct PlaceIndex(Vec<(u32, u32)>);

fn hash(key: &str) -> u32 {
    foldhash::fast::FixedState::with_seed(0).hash_one(key) as u32
}

impl PlaceIndex {
    /// The index of `keys`, the key of each card in order.
    pub(super) fn new<'a>(keys: impl Iterator<Item = &'a str>) -> PlaceIndex {
        let mut index: Vec<(u32, u32)> = keys
            .enumerate()
            .map(|(i, key)| (hash(key), i as u32))
            .collect();
        // By hash, then place: the places of one key come in order.
        index.sort_unstable();
        PlaceIndex(index)
    }

    /// How many cards it was made of.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// The places, in order, whose key may be `key`: those with its hash. The caller checks
    /// each (two keys can share a hash).
    pub(super) fn candidates(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let h = hash(key);
        let from = self.0.partition_point(|&(x, _)| x < h);
        (self.0.get(from..).unwrap_or_default().iter())
            .take_while(move |&&(x, _)| x == h)
            .map(|&(_, i)| i as usize)
    }
}
