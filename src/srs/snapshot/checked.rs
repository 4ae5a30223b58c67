//! A reader that hashes and counts every byte read through it, so a snapshot can be
//! decoded as it is read and checked against its header's length and checksum at the end.

use std::io::{self, Read};

use xxhash_rust::xxh3::Xxh3;

pub(super) struct Checked<R> {
    inner: R,
    hash: Xxh3,
    read: u64,
}

impl<R: Read> Checked<R> {
    pub(super) fn new(inner: R) -> Checked<R> {
        Checked {
            inner,
            hash: Xxh3::new(),
            read: 0,
        }
    }

    /// How many bytes were read, and their xxh3-64 hash.
    pub(super) fn summary(&self) -> (u64, u64) {
        (self.read, self.hash.digest())
    }
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = buf.get(..n).unwrap_or_default();
        self.hash.update(got);
        self.read += got.len() as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_hashes_what_was_read() {
        let bytes: Vec<u8> = (0..=255).cycle().take(10_000).collect();
        let mut r = Checked::new(&bytes[..]);
        let mut first = [0u8; 100];
        r.read_exact(&mut first).unwrap();
        std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        assert_eq!(r.summary(), (10_000, xxhash_rust::xxh3::xxh3_64(&bytes)));
    }
}
