// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: one attribute turns `cargo new`'s program into an seL4 root task.
// `println!` is Rust's own, running on seL4; `cargo run` builds the program
// for seL4, boots it in QEMU and exits with its status.

#[sel4::root]
fn main() {
    println!("Hello, world!");
}
