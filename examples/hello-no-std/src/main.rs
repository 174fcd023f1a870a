// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: a root task without `std`. `#[sel4::root(no_std)]` makes `main`
// the entry the runtime calls; `sel4::debug_println!` prints to the serial
// console; `sel4::bootinfo()` is what the kernel handed the root task.

#![no_std]
#![no_main]

#[sel4::root(no_std)]
fn main() {
    sel4::debug_println!("Hello, world!");

    let bootinfo = sel4::bootinfo();
    let untypeds = bootinfo.untyped_list();
    let bytes: u64 =
        untypeds.iter().filter(|untyped| !untyped.is_device()).map(|untyped| untyped.size_bytes()).sum();
    sel4::debug_println!(
        "{} untypeds, {} KiB of RAM, free slots {:?}",
        untypeds.len(),
        bytes / 1024,
        bootinfo.empty()
    );
}
