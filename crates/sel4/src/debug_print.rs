// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `debug_print!`/`debug_println!` (feature `utils`): formatted printing for
// programs without `std`. They write through the runtime's `write(1, ...)`
// (the serial port through an IOPort capability), not the kernel's debug
// syscall, so they print on release kernels too.

use crate::runtime::{write_all, STDOUT};
use core::fmt::{self, Write};

/// Standard output as a `fmt::Write`.
struct Stdout;

impl Write for Stdout {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        write_all(STDOUT, text.as_bytes());
        Ok(())
    }
}

/// Not public API: what [`debug_print!`](crate::debug_print) expands to.
#[doc(hidden)]
pub fn print(args: fmt::Arguments<'_>) {
    // `Stdout` never fails; a failing `Display` impl only cuts the line short.
    let _ = Stdout.write_fmt(args);
}

/// Prints to the root task's standard output (the serial console), like
/// `print!`, without needing `std`.
///
/// ```no_run
/// sel4::debug_print!("{} + {} = ", 1, 2);
/// sel4::debug_print!("{}\n", 1 + 2);
/// ```
#[macro_export]
macro_rules! debug_print {
    ($($arg:tt)*) => {
        $crate::__private::print(::core::format_args!($($arg)*))
    };
}

/// Prints a line to the root task's standard output (the serial console),
/// like `println!`, without needing `std`.
///
/// ```no_run
/// sel4::debug_println!("Hello, world!");
/// sel4::debug_println!("{} untypeds", sel4::bootinfo().untyped_list().len());
/// ```
#[macro_export]
macro_rules! debug_println {
    () => {
        $crate::debug_print!("\n")
    };
    ($($arg:tt)*) => {
        $crate::__private::print(::core::format_args!("{}\n", ::core::format_args!($($arg)*)))
    };
}
