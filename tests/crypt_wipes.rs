//! No copy of the main key is given back to the allocator unwiped: every block freed, or
//! moved by a growing `realloc`, while a key is made into text or read back from the key file
//! is searched for the key. A string that grows leaves what it held behind in the block it
//! left, so this is where a key would leak into memory that the next allocation reads.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use secrecy::{ExposeSecret, SecretString};
use trustladder::crypt::keyfile::{KeyFile, Keys};

/// What is searched for while [`WATCHING`].
static NEEDLE: Mutex<Vec<u8>> = Mutex::new(Vec::new());
/// Whether freed blocks are searched; off while one is, so the search allocates freely.
static WATCHING: AtomicBool = AtomicBool::new(false);
/// How many blocks holding the needle were given back unwiped.
static FOUND: AtomicUsize = AtomicUsize::new(0);

/// The system's allocator, searching what is given back.
struct Searching;

impl Searching {
    /// Whether the block at `ptr` holds the needle, when watching.
    fn holds_needle(ptr: *mut u8, layout: Layout) -> bool {
        if !WATCHING.swap(false, Ordering::SeqCst) {
            return false;
        }
        // SAFETY: the block is still allocated, `layout.size()` bytes long.
        let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
        let found = NEEDLE
            .try_lock()
            .is_ok_and(|n| !n.is_empty() && block.windows(n.len()).any(|w| w == n.as_slice()));
        WATCHING.store(true, Ordering::SeqCst);
        found
    }
}

// SAFETY: every call is passed on to the system's allocator as it came.
unsafe impl GlobalAlloc for Searching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if Self::holds_needle(ptr, layout) {
            FOUND.fetch_add(1, Ordering::SeqCst);
        }
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let held = Self::holds_needle(ptr, layout);
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        // A block moved is given back as it was.
        if held && !moved.is_null() && moved != ptr {
            FOUND.fetch_add(1, Ordering::SeqCst);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Searching = Searching;

/// How many blocks holding `needle` `run` gives back unwiped.
fn unwiped(needle: &[u8], run: impl FnOnce()) -> usize {
    *NEEDLE.lock().unwrap() = needle.to_vec();
    FOUND.store(0, Ordering::SeqCst);
    WATCHING.store(true, Ordering::SeqCst);
    run();
    WATCHING.store(false, Ordering::SeqCst);
    FOUND.load(Ordering::SeqCst)
}

/// One test, so that no other test's memory is searched at the same time.
#[test]
fn no_copy_of_the_main_key_is_freed_unwiped() {
    let keys = Keys::generate(age::x25519::Identity::generate().to_public());
    let secret = keys.secret();
    // The main key's secret line, `AGE-SECRET-KEY-1` and 58 characters.
    let key = secret.expose_secret().lines().next().unwrap().as_bytes();
    assert_eq!(key.len(), 74);
    let key = key[16..].to_vec();

    // The search finds a key that is given back unwiped.
    let leaked = unwiped(&key, || drop(String::from_utf8(key.clone()).unwrap()));
    assert_eq!(leaked, 1, "the search finds what it looks for");

    assert_eq!(unwiped(&key, || drop(keys.secret())), 0, "Keys::secret");
    let passphrase = SecretString::from("correct horse".to_string());
    let file = KeyFile::wrap(&keys, &passphrase, Some(2)).unwrap();
    let file = KeyFile::parse(&file.to_text()).unwrap();
    let found = unwiped(&key, || drop(file.unwrap(&passphrase).unwrap()));
    assert_eq!(found, 0, "KeyFile::unwrap");
    let found = unwiped(&key, || drop(Keys::from_secret(&secret).unwrap()));
    assert_eq!(found, 0, "Keys::from_secret");
}
