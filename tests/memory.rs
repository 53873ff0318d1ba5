//! Peak memory of loading (issue 15): reading and parsing a file holds the
//! syntax tree and little beside it. A counting global allocator tracks
//! the bytes live at once; loading a zone may peak at a bounded multiple
//! of its source, whatever its size. (Parsing the whole file with one
//! pest call held pest's token queue for the whole file, about 180 bytes
//! per byte of source, and loading parsed a named file twice.)

#[allow(dead_code)] // the shapes this test does not use
#[path = "../benches/shapes/mod.rs"]
mod shapes;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Peak;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Old and new blocks both live while the bytes are copied.
        grew(new_size);
        let p = System.realloc(ptr, layout, new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Peak = Peak;

/// Bytes live at the peak of `f`, above those live before it.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

/// Loading the octoDNS kit's shape (the benchmark zone) peaks under 25
/// bytes per byte of source (17 now; 36 with the whole-file parse and
/// the second parse of loading).
#[test]
fn loading_peaks_at_a_small_multiple_of_the_source() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("zone.steer");
    let text = shapes::zone(2000, shapes::Shape::Kit);
    std::fs::write(&path, &text).expect("written");
    let (loaded, peak) = peak_of(|| steer::load::load(std::slice::from_ref(&path)));
    let loaded = loaded.expect("loads");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let per_byte = peak as f64 / text.len() as f64;
    eprintln!(
        "{} source bytes, peak {peak} bytes: {per_byte:.1} per byte",
        text.len()
    );
    assert!(
        per_byte < 25.0,
        "{per_byte:.1} bytes live per byte of source"
    );
}
