// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: C and Rust in one root task. `build.rs` compiles `squares.c`;
// Rust declares the C function in an `extern "C"` block and calls it, and
// defines `rust_square` with `#[no_mangle] extern "C"` so C can call it by
// name. The linker joins both halves; the runtime is the C library of both.

use std::ffi::c_long;

extern "C" {
    /// The sum of the squares of 1..=count (in `squares.c`).
    fn c_sum_of_squares(count: c_long) -> c_long;
}

/// Called by C for each square.
#[no_mangle]
extern "C" fn rust_square(value: c_long) -> c_long {
    println!("Rust: {value} squared is {}", value * value);
    value * value
}

#[sel4::root]
fn main() {
    println!("Rust: calling C");
    // SAFETY: `c_sum_of_squares` takes a number, returns one, and calls
    // only `write` and `rust_square`, which are safe for any number.
    let sum = unsafe { c_sum_of_squares(4) };
    println!("Rust: C says 1 + 4 + 9 + 16 = {sum}");
}
