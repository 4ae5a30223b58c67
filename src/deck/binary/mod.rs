//! The deck model's compact binary form, as the deck cache stores it.
//!
//! A deck becomes two parts: its *structure* (counts, numbers, kinds and, for each string,
//! where its bytes are) and its *text* (every string's bytes, one after another, valid
//! UTF-8). Decoding reads the text into one shared buffer and makes each string of the
//! model a view into it ([`SharedStr`](super::SharedStr)), so no string is allocated.
//!
//! In the structure, numbers are LEB128 varints (signed ones zigzag-encoded); an option is
//! a byte 0 or 1 before its value; a list is its length, then its items; an enum is a byte
//! (its variant's place) before its fields; a text is a byte of flags (1: English,
//! 2: Arabic) before the strings it has. A string is `len << 1`, meaning the next `len`
//! bytes of the text, or `offset << 1 | 1` then `len`: the `len` bytes at `offset`, a
//! string written before (short strings that repeat, such as topics, tags and citations,
//! are written once). Every struct is encoded and decoded field by field, in the order of
//! its declaration; both sides name every field, so a field added to the model does not
//! compile until it is stored too.
//!
//! The cards come last, and after them the structure ends with a table of `n + 1` rows of
//! two little-endian `u32`s: where each card starts in the structure and in the text, then
//! where the last one ends. With it any card can be decoded alone, so a deck's cards are
//! decoded when first used ([`Cards`](super::Cards)); the table and every card's id and
//! topic are checked when the deck is read.
//!
//! Decoding trusts nothing: any byte string yields a deck or `None`, never a panic, and ids
//! are checked as the loader checks them. A card whose bytes do not decode (in an entry that
//! passed the cache's checksum, so a forged one) is read as [`Card::unreadable`]. A list's
//! length is bounded by the bytes left, and its memory is reserved fallibly (an element can
//! be larger than its encoding, so a forged length may ask for more than the machine has:
//! that is a miss, not an abort).

mod decode;
mod encode;

#[cfg(doc)]
use super::model::Card;

pub(crate) use decode::CardSource;
pub use decode::decode_deck;
pub use encode::encode_deck;

/// Strings up to this length that repeat are written once.
const SHARED_UP_TO: usize = 64;

#[cfg(test)]
mod tests;
