fn main() -> std::process::ExitCode {
    steer::cli::run()
}

// jemalloc, with freed pages returned after 100 ms: at 100k records
// `steer check` peaked at 526 MB RSS on glibc's malloc, whose per-block
// headers and retained free pages were a third above the live heap, and
// at 416 MB with this, in less time (docs/performance.md, session 22).
// mimalloc was tried in sessions 19 and 21: faster, but more RSS.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the
/// environment still overrides them): dirty pages are purged 100 ms after
/// they are freed, muzzy pages at once. Purged at once (0 ms, sessions
/// 22-24), the parse's token queues, grown anew for every 16 items, went
/// back to the kernel and were faulted in again each time, and with the
/// parse's second thread every purge interrupted the other core to flush
/// its TLB: a fifth of `steer check`'s time at 100k records was the
/// kernel's (docs/performance.md, session 25).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8; 36] = b"dirty_decay_ms:100,muzzy_decay_ms:0\0";
