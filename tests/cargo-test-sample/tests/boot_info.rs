// SPDX-License-Identifier: MIT OR Apache-2.0

//! An integration test: its own test binary, booted as a root task. It
//! reads what only seL4 provides, the boot info, and the arguments the
//! runtime gives every root task.

#[test]
fn runs_as_an_sel4_root_task() {
    assert_eq!(std::env::args().next().as_deref(), Some("rootserver"));
    let untyped_list = sel4::bootinfo().untyped_list();
    let ram = cargo_test_sample::ram_bytes(untyped_list.iter().map(|u| (u.size_bits(), u.is_device())));
    println!("integration test on seL4: {} MiB of RAM in {} untypeds", ram >> 20, untyped_list.len());
    assert!(ram > 16 << 20, "QEMU gives the root task more than 16 MiB, not {ram} bytes");
}
