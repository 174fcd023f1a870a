// SPDX-License-Identifier: MIT OR Apache-2.0

//! The crate's root task: prints the RAM the kernel handed it. Its unit
//! test below runs on seL4 like the library's.

#[sel4::root]
fn main() {
    let untyped_list = sel4::bootinfo().untyped_list();
    let ram = cargo_test_sample::ram_bytes(untyped_list.iter().map(|u| (u.size_bits(), u.is_device())));
    println!("{} MiB of RAM in {} untypeds", ram >> 20, untyped_list.len());
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_binary_has_tests_too() {
        assert_eq!(cargo_test_sample::untyped_bytes(30), 1 << 30);
    }
}
