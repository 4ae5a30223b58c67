//! The string type of the deck model: an immutable, cheaply cloned view of a range of a
//! reference-counted buffer ([`SharedBuf`]), 16 bytes.
//!
//! A parsed deck gives each text its own small buffer, as a `String` would. A deck read back
//! from the deck cache gives every text a view into the one buffer holding all of that deck's
//! texts, so decoding allocates no string at all; the buffer is freed with its last view.
//! It reads as a `&str` (`Deref`), compares and hashes as one, and converts from and to
//! `String`, so code using the model treats it as a string.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};

use serde::{Serialize, Serializer};

use super::shared_buf::{Minter, SharedBuf};

/// An immutable shared string; see the module documentation.
#[derive(Clone)]
pub struct SharedStr {
    buf: SharedBuf,
    /// Where the string is in `buf`: always a range of it on character boundaries.
    start: u32,
    len: u32,
}

impl SharedStr {
    /// A view of `range` of `minter`'s buffer, or `None` when the range is outside it or
    /// splits a character (so bad bytes in a cache entry never panic).
    pub fn view(minter: &mut Minter<'_>, range: Range<usize>) -> Option<SharedStr> {
        minter.buf().as_str().get(range.clone())?;
        Some(SharedStr {
            start: u32::try_from(range.start).ok()?,
            len: u32::try_from(range.len()).ok()?,
            buf: minter.handle(),
        })
    }

    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        // Always `Some` (the range is checked when the view is made); "" keeps it panic-free.
        self.buf
            .as_str()
            .get(start..start + self.len as usize)
            .unwrap_or_default()
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<std::path::Path> for SharedStr {
    fn as_ref(&self) -> &std::path::Path {
        self.as_str().as_ref()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr {
            buf: SharedBuf::copy_of(s),
            start: 0,
            len: len_within_u32(s),
        }
    }
}

/// The length of `s`, or for a string over 4 GiB (no deck text is) the longest prefix
/// under it that ends on a character.
fn len_within_u32(s: &str) -> u32 {
    let mut len = s.len().min(u32::MAX as usize);
    while !s.is_char_boundary(len) {
        len -= 1;
    }
    len as u32
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr::from(s.as_str())
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> SharedStr {
        SharedStr::from(s.as_str())
    }
}

impl From<std::borrow::Cow<'_, str>> for SharedStr {
    fn from(s: std::borrow::Cow<'_, str>) -> SharedStr {
        SharedStr::from(&*s)
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_owned()
    }
}

impl From<&SharedStr> for String {
    fn from(s: &SharedStr) -> String {
        s.as_str().to_owned()
    }
}

macro_rules! eq_both_ways {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for SharedStr {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == &other[..]
            }
        }
        impl PartialEq<SharedStr> for $other {
            fn eq(&self, other: &SharedStr) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}

eq_both_ways!(str, &str, String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_share_one_buffer_and_refuse_bad_ranges() {
        let buffer = SharedBuf::copy_of("abcشرح");
        let mut minter = buffer.minter(8);
        let a = SharedStr::view(&mut minter, 0..3).unwrap();
        assert_eq!(a, "abc");
        assert_eq!(SharedStr::view(&mut minter, 3..9).unwrap(), "شرح");
        assert!(
            SharedStr::view(&mut minter, 3..4).is_none(),
            "splits a character"
        );
        let (start, end) = (5, 3);
        assert!(SharedStr::view(&mut minter, start..end).is_none());
        assert!(SharedStr::view(&mut minter, 0..100).is_none());
        assert_eq!(String::from(a.clone()), "abc");
        assert_eq!(format!("{a}/{a:?}"), "abc/\"abc\"");
        assert_eq!(SharedStr::from("x"), SharedStr::from(String::from("x")));
        let (a, b) = (SharedStr::from("a"), SharedStr::from("b"));
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
    }

    #[test]
    fn is_the_size_of_two_words() {
        assert_eq!(std::mem::size_of::<SharedStr>(), 16);
        assert_eq!(std::mem::size_of::<Option<SharedStr>>(), 16);
    }
}
