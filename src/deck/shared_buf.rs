//! An immutable UTF-8 buffer shared by an atomic reference count (so, like `Arc<str>`, it
//! can be sent and shared between threads), held through a thin pointer (8 bytes).
//!
//! Why not `Arc<str>` or `arcstr`: decoding a 100,000-card deck makes over a million views
//! of one buffer, and one atomic increment each was measured at a third of the decode. A
//! [`Minter`] pays for many references with one atomic add and hands them out with none.
//!
//! Layout: one allocation holding a [`Header`] (the count and the length) followed by the
//! bytes. Invariants, set up by the constructors and relied on by the `unsafe` blocks:
//! the pointer is to a live allocation of `layout(len)` bytes whose header is initialised;
//! its `len` bytes are initialised, valid UTF-8, and never written again once a
//! constructor returns; the count is the number of live handles (and prepaid ones a
//! [`Minter`] holds), and the allocation is freed when it reaches zero.

use std::alloc::{self, Layout};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering, fence};

#[repr(C)]
struct Header {
    count: AtomicUsize,
    len: usize,
}

/// Where the bytes start: right after the header (bytes need no alignment).
const DATA: usize = size_of::<Header>();

/// Counts above this abort, as `Arc`'s do, so the count can never wrap.
const MAX_COUNT: usize = isize::MAX as usize;

fn layout(len: usize) -> Layout {
    match Layout::from_size_align(DATA.saturating_add(len), align_of::<Header>()) {
        Ok(l) if len <= MAX_COUNT - DATA => l,
        _ => panic!("a shared buffer of {len} bytes is too large"),
    }
}

/// A handle on a shared buffer; see the module documentation.
pub struct SharedBuf(NonNull<Header>);

// SAFETY: the bytes are never written after construction and the count is atomic, so
// handles may be moved to and used from other threads, as `Arc<str>` may.
unsafe impl Send for SharedBuf {}
// SAFETY: as above; `&SharedBuf` only gives read access and atomic count updates.
unsafe impl Sync for SharedBuf {}

impl SharedBuf {
    /// A buffer of `len` bytes initialised by `init` (given them zeroed), or `None` when
    /// they are then not UTF-8. Used to read a file straight into the buffer.
    pub fn init_with(len: usize, init: impl FnOnce(&mut [u8])) -> Option<SharedBuf> {
        let buf = SharedBuf::allocate(len, true);
        // SAFETY: the allocation holds `len` bytes after the header, zeroed (so initialised);
        // `buf` is the only handle and is not used while `bytes` lives, so the access is
        // exclusive. A panic in `init` drops `buf`, which frees the allocation.
        let bytes = unsafe { std::slice::from_raw_parts_mut(buf.data(), len) };
        init(bytes);
        std::str::from_utf8(bytes).is_ok().then_some(buf)
    }

    /// A buffer holding a copy of `s`.
    pub fn copy_of(s: &str) -> SharedBuf {
        let buf = SharedBuf::allocate(s.len(), false);
        // SAFETY: the allocation has room for `s.len()` bytes after the header, which `s`
        // (a separate, live `str`) cannot overlap; after the copy they are initialised and
        // UTF-8, as `s` is.
        unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), buf.data(), s.len()) };
        buf
    }

    /// A new allocation for `len` bytes with its header written (count 1); its bytes are
    /// zeroed when `zeroed`, otherwise the caller must initialise them before reading.
    fn allocate(len: usize, zeroed: bool) -> SharedBuf {
        let layout = layout(len);
        // SAFETY: the layout's size is at least the header's, so it is not zero.
        let raw = unsafe {
            if zeroed {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let Some(header) = NonNull::new(raw.cast::<Header>()) else {
            alloc::handle_alloc_error(layout)
        };
        let header_value = Header {
            count: AtomicUsize::new(1),
            len,
        };
        // SAFETY: `header` points to a fresh allocation, aligned for and as large as `Header`.
        unsafe { header.as_ptr().write(header_value) };
        SharedBuf(header)
    }

    fn header(&self) -> &Header {
        // SAFETY: the header is initialised and lives as long as any handle (invariants).
        unsafe { self.0.as_ref() }
    }

    fn data(&self) -> *mut u8 {
        // SAFETY: `DATA` is within the allocation (its size is `DATA + len`).
        unsafe { self.0.as_ptr().cast::<u8>().add(DATA) }
    }

    pub fn as_str(&self) -> &str {
        let len = self.header().len;
        // SAFETY: the `len` bytes after the header are initialised, UTF-8 and never written
        // again (invariants), and live as long as `self`.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.data(), len)) }
    }

    /// A minter of up to `n` more handles, paid for with one count update.
    pub fn minter(&self, n: usize) -> Minter<'_> {
        add_to_count(&self.header().count, n);
        Minter { buf: self, left: n }
    }
}

fn add_to_count(count: &AtomicUsize, n: usize) {
    // Checked before adding, so a huge `n` cannot wrap the count before the abort below.
    if n > MAX_COUNT {
        std::process::abort();
    }
    // Relaxed, as in `Arc::clone`: a new handle is made from an existing one, which
    // already keeps the buffer alive.
    let old = count.fetch_add(n, Ordering::Relaxed);
    if old > MAX_COUNT || n > MAX_COUNT - old {
        std::process::abort();
    }
}

impl Clone for SharedBuf {
    fn clone(&self) -> SharedBuf {
        add_to_count(&self.header().count, 1);
        SharedBuf(self.0)
    }
}

impl Drop for SharedBuf {
    fn drop(&mut self) {
        let header = self.header();
        if header.count.fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        // As in `Arc::drop`: every other handle's use happens before the free.
        fence(Ordering::Acquire);
        let layout = layout(header.len);
        // SAFETY: the count reached zero, so this was the last handle: nothing else can
        // reach the allocation, which was made with this layout (its `len` never changes).
        unsafe { alloc::dealloc(self.0.as_ptr().cast::<u8>(), layout) };
    }
}

/// Hands out handles on a buffer that were paid for in advance (see
/// [`SharedBuf::minter`]); those left unused are given back when it is dropped.
pub struct Minter<'b> {
    buf: &'b SharedBuf,
    left: usize,
}

impl Minter<'_> {
    /// Another handle on the buffer: a prepaid one while any are left, else a clone.
    pub fn handle(&mut self) -> SharedBuf {
        if self.left == 0 {
            return self.buf.clone();
        }
        self.left -= 1;
        // One of the counts added by `minter` now belongs to this handle.
        SharedBuf(self.buf.0)
    }

    pub fn buf(&self) -> &SharedBuf {
        self.buf
    }
}

impl Drop for Minter<'_> {
    fn drop(&mut self) {
        if self.left > 0 {
            // `self.buf` is a live handle, so the count stays at least 1: nothing to free.
            self.buf
                .header()
                .count
                .fetch_sub(self.left, Ordering::Release);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(b: &SharedBuf) -> usize {
        b.header().count.load(Ordering::Relaxed)
    }

    #[test]
    fn copies_and_fills_hold_their_text() {
        assert_eq!(SharedBuf::copy_of("شرح text").as_str(), "شرح text");
        assert_eq!(SharedBuf::copy_of("").as_str(), "");
        let filled = SharedBuf::init_with(3, |b| b.copy_from_slice(b"abc")).unwrap();
        assert_eq!(filled.as_str(), "abc");
        assert!(SharedBuf::init_with(2, |b| b.copy_from_slice(&[0xd8, 0x41])).is_none());
        assert_eq!(SharedBuf::init_with(0, |_| {}).unwrap().as_str(), "");
    }

    #[test]
    fn the_count_follows_handles_and_minters() {
        let buf = SharedBuf::copy_of("x");
        let clone = buf.clone();
        assert_eq!(count(&buf), 2);
        drop(clone);
        let mut minter = buf.minter(3);
        assert_eq!(count(&buf), 4);
        let handles: Vec<SharedBuf> = (0..5).map(|_| minter.handle()).collect();
        assert_eq!(count(&buf), 6, "three prepaid, two cloned");
        drop(minter);
        assert_eq!(count(&buf), 6);
        let mut unused = buf.minter(10);
        let one = unused.handle();
        drop(unused);
        assert_eq!(count(&buf), 7, "nine given back");
        drop(handles);
        drop(one);
        assert_eq!(count(&buf), 1);
        assert_eq!(buf.as_str(), "x");
    }

    #[test]
    fn handles_move_between_threads() {
        let buf = SharedBuf::copy_of("shared");
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let b = buf.clone();
                std::thread::spawn(move || b.as_str().len())
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), 6);
        }
        assert_eq!(count(&buf), 1);
    }
}
