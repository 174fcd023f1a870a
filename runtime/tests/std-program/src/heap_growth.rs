// SPDX-License-Identifier: MIT OR Apache-2.0

//! Heap growth from untyped memory: allocations larger than the runtime's
//! 2 MiB static heap succeed, and freed memory is reused rather than the
//! heap growing again. With the feature `out-of-memory` the program then
//! allocates without bound, which must end in std's "memory allocation of
//! N bytes failed" and an abort (a non-zero status).

use crate::check;

extern "C" {
    /// The runtime's total heap size in bytes (sel4runtime.h).
    fn sel4runtime_heap_size() -> usize;
}

fn heap_size() -> usize {
    // SAFETY: the runtime defines this function; it takes no arguments and
    // only reads the heap's accounting under its lock.
    unsafe { sel4runtime_heap_size() }
}

const BIG: usize = 64 * 1024 * 1024;
const PAGE: usize = 4096;

/// Writes one byte in every page of a fresh `BIG` allocation and sums them.
fn touch_every_page(seed: u8) -> bool {
    let mut big = vec![0u8; BIG];
    for (i, page) in big.chunks_mut(PAGE).enumerate() {
        page[0] = seed.wrapping_add(i as u8);
    }
    let sum: u64 = big.iter().step_by(PAGE).map(|&b| u64::from(b)).sum();
    let expected: u64 = (0..BIG / PAGE).map(|i| u64::from(seed.wrapping_add(i as u8))).sum();
    sum == expected
}

/// Runs the heap growth checks.
pub(crate) fn run() {
    let before = heap_size();
    check("64 MiB vec", touch_every_page(3));
    let grown = heap_size();
    println!("std-program: heap {} KiB, grown to {} KiB", before / 1024, grown / 1024);
    check("heap grew", grown >= before + BIG);
    check("second 64 MiB vec", touch_every_page(5));
    check("heap memory reused", heap_size() == grown);

    if cfg!(feature = "out-of-memory") {
        let mut blocks = Vec::new();
        loop {
            let block = vec![1u8; 16 * 1024 * 1024];
            blocks.push(block);
            println!("std-program: holding {} MiB", blocks.len() * 16);
        }
    }
}
