// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The panic handler of `#![no_std]` root tasks in the seL4 build (with
// `std`, std's own handler runs instead). It prints what std would print,
// the location and the message, and exits with std's panic status, 101.
// It also stands in for std's unwinding personality routine, which the
// precompiled `core` names even when nothing unwinds.
#![allow(unsafe_code)]

use crate::runtime::{exit_with, write_all, STDERR};
use core::fmt::{self, Write};
use core::panic::PanicInfo;
use core::sync::atomic::{AtomicBool, Ordering};

/// The exit status of a panicking program, as with `std`.
const PANIC_STATUS: i32 = 101;

/// Set by the first panic, so a panic while printing one just exits.
static PANICKING: AtomicBool = AtomicBool::new(false);

/// Standard error as a `fmt::Write`.
struct Stderr;

impl Write for Stderr {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        write_all(STDERR, text.as_bytes());
        Ok(())
    }
}

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    if !PANICKING.swap(true, Ordering::SeqCst) {
        // Printing cannot fail (see `Stderr`).
        let _ = match info.location() {
            Some(location) => writeln!(Stderr, "root task panicked at {location}:\n{}", info.message()),
            None => writeln!(Stderr, "root task panicked:\n{}", info.message()),
        };
    }
    exit_with(PANIC_STATUS)
}

/// The personality routine that the precompiled `core` refers to (its
/// unwind tables name one). `no_std` root tasks are built with
/// `panic = "abort"`, so nothing unwinds and the routine never runs; if it
/// ever did, stopping is the only safe answer.
#[unsafe(no_mangle)]
extern "C" fn rust_eh_personality() {
    write_all(STDERR, b"root task: an unwind reached a program built to abort on panic\n");
    exit_with(PANIC_STATUS)
}
