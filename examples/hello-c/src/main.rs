// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: a root task whose program is C. The program is `main.c`; this
// file only makes `cargo run -p hello-c` work. In the host build it is the
// launcher (build for seL4, boot in QEMU, exit with the root task's status).
// In the seL4 build it adds nothing: the runtime's start-up calls the C
// `main`, which `build.rs` compiled and linked.

#![cfg_attr(sel4, no_std, no_main)]

// The seL4 build: link `sel4` for its panic handler (the Rust half never
// panics, but a `no_std` binary must name one) and, through it, the runtime.
#[cfg(sel4)]
use sel4 as _;

#[cfg(not(sel4))]
fn main() {
    sel4_launcher::launch(
        env!("CARGO_MANIFEST_DIR"),
        env!("CARGO_PKG_NAME"),
        env!("CARGO_BIN_NAME"),
        sel4_launcher::Program::NoStd,
    )
}
