fn main() -> std::process::ExitCode {
    steer::cli::run()
}

// jemalloc, with freed pages returned at once (no decay): at 100k records
// `steer check` peaked at 526 MB RSS on glibc's malloc, whose per-block
// headers and retained free pages were a third above the live heap, and
// at 416 MB with this, in less time (docs/performance.md, session 22).
// mimalloc was tried in sessions 19 and 21: faster, but more RSS.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the
/// environment still overrides them): dirty and muzzy pages are purged as
/// soon as they are freed.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8; 34] = b"dirty_decay_ms:0,muzzy_decay_ms:0\0";
