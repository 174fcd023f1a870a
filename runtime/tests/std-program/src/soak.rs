// SPDX-License-Identifier: MIT OR Apache-2.0

//! Soak: thread after thread must not use memory up. With the feature
//! `soak` the program spawns and joins 10,000 threads, one at a time, and
//! compares two figures before and after: the runtime's free untyped
//! memory (`sel4runtime_free_untyped_bytes`), which falls if a thread
//! leaks its record or stack or enough heap to make the heap grow, and the
//! bytes Rust code holds on the heap, counted by this module's global
//! allocator, which catches a leak of even one allocation per thread. One
//! thread is spawned and joined first, so that the record and stack every
//! later thread reuses exist before the first reading.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check;

extern "C" {
    /// Untyped memory the runtime can still use for threads and heap
    /// (sel4runtime.h).
    fn sel4runtime_free_untyped_bytes() -> usize;
}

fn free_untyped_bytes() -> usize {
    // SAFETY: the runtime defines this function; it takes no arguments and
    // only reads the runtime's account of its own retypes.
    unsafe { sel4runtime_free_untyped_bytes() }
}

/// The system allocator (the runtime's malloc), counting the bytes held.
struct CountingAllocator;

/// Bytes allocated through [`CountingAllocator`] and not freed.
static HELD_BYTES: AtomicUsize = AtomicUsize::new(0);

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

// SAFETY: every call goes to the system allocator with the caller's own
// arguments, so its guarantees are the system allocator's; the count is
// only bookkeeping beside it.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract (non-zero size).
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            HELD_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: the caller passes a block this allocator (that is, the
        // system allocator) returned, with its layout.
        unsafe { System.dealloc(block, layout) };
        HELD_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`, and the caller checked `new_size`.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            HELD_BYTES.fetch_add(new_size, Ordering::Relaxed);
            HELD_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

/// Spawn/join cycles of the soak.
const CYCLES: u64 = 10_000;

/// Runs the soak.
pub(crate) fn run() {
    std::thread::spawn(|| ()).join().expect("the warm-up thread");
    let untyped_before = free_untyped_bytes();
    let heap_before = HELD_BYTES.load(Ordering::Relaxed);
    let started = std::time::Instant::now();
    let mut sum = 0;
    for cycle in 0..CYCLES {
        sum += std::thread::spawn(move || cycle * 3).join().expect("a soak thread");
    }
    let elapsed = started.elapsed();
    let untyped_after = free_untyped_bytes();
    let heap_after = HELD_BYTES.load(Ordering::Relaxed);
    println!(
        "std-program: soak: {CYCLES} threads spawned and joined in {elapsed:?}; free untyped memory \
         {untyped_before} bytes before, {untyped_after} bytes after; Rust heap {heap_before} bytes \
         before, {heap_after} bytes after"
    );
    check("soak: every thread ran", sum == 3 * CYCLES * (CYCLES - 1) / 2);
    check("soak: no untyped memory used up", untyped_before > 0 && untyped_after == untyped_before);
    check("soak: no heap memory kept", heap_after == heap_before);
}
