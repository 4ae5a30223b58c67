//! What a [`super::ReviewLog`] opened from a schedule snapshot knows about the part of the
//! file the snapshot covers (its *prefix*), without holding its entries: enough to count
//! reviews in a time range and to notice when a record read later cannot simply be
//! replayed on top of the snapshot (then the log reads the whole file after all).

use xxhash_rust::xxh3::xxh3_64;

use crate::deck::CardKey;

/// The prefix's summary. Every list is sorted, so lookups are binary searches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefix {
    /// Hashes of every review id in the prefix, undone or not ([`id_hash`]).
    pub id_hashes: Vec<u64>,
    /// Per card ([`card_hash`]), the latest time (Unix ms) of any of its reviews in the
    /// prefix; for cards sharing a hash, the latest of theirs.
    pub last_at: Vec<(u64, i64)>,
    /// The times (Unix ms) of the prefix's reviews that count (not undone).
    pub times: Vec<i64>,
}

/// The hash a review id is known by in a [`Prefix`].
pub fn id_hash(id: &str) -> u64 {
    xxh3_64(id.as_bytes())
}

/// The hash a card is known by in a [`Prefix`].
pub fn card_hash(key: &CardKey) -> u64 {
    let mut bytes = Vec::with_capacity(key.deck.len() + key.card.len() + 1);
    bytes.extend_from_slice(key.deck.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(key.card.as_bytes());
    xxh3_64(&bytes)
}

impl Prefix {
    /// True if every list is sorted as lookups need (a stored summary is checked).
    pub fn is_well_formed(&self) -> bool {
        self.id_hashes.is_sorted()
            && self.times.is_sorted()
            && self.last_at.windows(2).all(|w| w[0].0 < w[1].0)
    }

    /// True if a review with this id may be in the prefix (a hash match: perhaps).
    pub fn may_hold_id(&self, id: &str) -> bool {
        self.id_hashes.binary_search(&id_hash(id)).is_ok()
    }

    /// True if a review of `card` at `at` (Unix ms) would not come after every review of
    /// that card in the prefix: replaying it on top of the snapshot would put it out of
    /// time order.
    pub fn precedes_card_reviews(&self, card: &CardKey, at: i64) -> bool {
        let hash = card_hash(card);
        match self.last_at.binary_search_by_key(&hash, |(h, _)| *h) {
            Ok(i) => at < self.last_at[i].1,
            Err(_) => false,
        }
    }

    /// How many of the prefix's reviews that count were given from `start_ms` (included)
    /// to `end_ms` (excluded).
    pub fn count_between(&self, start_ms: i64, end_ms: i64) -> usize {
        let from = self.times.partition_point(|t| *t < start_ms);
        let to = self.times.partition_point(|t| *t < end_ms).max(from);
        to - from
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let a = CardKey::new("d", "a");
        let mut last_at = vec![(card_hash(&a), 500)];
        last_at.sort();
        let mut id_hashes = vec![id_hash("x"), id_hash("y")];
        id_hashes.sort();
        let prefix = Prefix {
            id_hashes,
            last_at,
            times: vec![100, 200, 200, 500],
        };
        assert!(prefix.is_well_formed());
        assert!(prefix.may_hold_id("x") && !prefix.may_hold_id("z"));
        assert!(prefix.precedes_card_reviews(&a, 499));
        assert!(!prefix.precedes_card_reviews(&a, 500));
        assert!(!prefix.precedes_card_reviews(&CardKey::new("d", "b"), 0));
        assert_eq!(prefix.count_between(200, 501), 3);
        assert_eq!(prefix.count_between(501, 200), 0);
        let unsorted = Prefix {
            times: vec![2, 1],
            ..Prefix::default()
        };
        assert!(!unsorted.is_well_formed());
    }
}
