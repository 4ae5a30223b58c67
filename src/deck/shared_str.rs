//! The string type of the deck model: an immutable, cheaply cloned view into a
//! reference-counted buffer ([`arcstr::Substr`], 16 bytes).
//!
//! A parsed deck gives each text its own small buffer, as a `String` would. A deck read back
//! from the deck cache gives every text a view into the one buffer holding all of that deck's
//! texts, so decoding allocates no string at all; the buffer is freed with its last view.
//! It reads as a `&str` (`Deref`), compares and hashes as one, and converts from and to
//! `String`, so code using the model treats it as a string.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use arcstr::Substr;
use serde::{Serialize, Serializer};

/// An immutable shared string; see the module documentation.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Substr);

impl SharedStr {
    /// A view of `range` of `buffer`, or `None` when the range is outside it or splits a
    /// character (so bad bytes in a cache entry never panic).
    pub fn view(buffer: &Substr, range: std::ops::Range<usize>) -> Option<SharedStr> {
        buffer.get(range.clone())?;
        Some(SharedStr(buffer.substr(range)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<std::path::Path> for SharedStr {
    fn as_ref(&self) -> &std::path::Path {
        self.as_str().as_ref()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
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

impl<'de> serde::Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SharedStr, D::Error> {
        Substr::deserialize(d).map(SharedStr)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Substr::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Substr::from(s))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> SharedStr {
        SharedStr(Substr::from(s.as_str()))
    }
}

impl From<std::borrow::Cow<'_, str>> for SharedStr {
    fn from(s: std::borrow::Cow<'_, str>) -> SharedStr {
        SharedStr(Substr::from(s))
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
        let buffer = Substr::from("abcشرح");
        let a = SharedStr::view(&buffer, 0..3).unwrap();
        assert_eq!(a, "abc");
        assert_eq!(SharedStr::view(&buffer, 3..9).unwrap(), "شرح");
        assert!(
            SharedStr::view(&buffer, 3..4).is_none(),
            "splits a character"
        );
        let (start, end) = (5, 3);
        assert!(SharedStr::view(&buffer, start..end).is_none());
        assert!(SharedStr::view(&buffer, 0..100).is_none());
        assert_eq!(String::from(a.clone()), "abc");
        assert_eq!(format!("{a}/{a:?}"), "abc/\"abc\"");
    }

    #[test]
    fn is_the_size_of_two_words() {
        assert_eq!(std::mem::size_of::<SharedStr>(), 16);
        assert_eq!(std::mem::size_of::<Option<SharedStr>>(), 16);
    }
}
