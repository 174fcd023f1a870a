// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Boot info: the device part of the untyped list. Real seL4 16.0.0 hands
// the root task every non-RAM byte below 2^47 as device untypeds, listed
// before any RAM untyped and cut by the alignment of each block's kernel
// window address (so the space above 2^39 comes as 2^46, 2^45, ... 2^39).
// The list is a fact of the machine: QEMU's pc with `-m 512M`, the command
// line every kernel here boots with.

use crate::alloc::Env;
use crate::framework::{expect_eq, Case, Outcome};

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["bootinfo": device_untypeds_match_sel4, devices_come_first]
}

/// (paddr, size_bits) of each device untyped, in seL4's order, under `-m 512M`.
const SEL4_DEVICE_UNTYPEDS: [(u64, u8); 65] = [
    (0x0, 20),
    (0x1ffe0000, 17),
    (0x20000000, 29),
    (0x40000000, 30),
    (0x80000000, 30),
    (0xc0000000, 29),
    (0xe0000000, 28),
    (0xf0000000, 27),
    (0xf8000000, 26),
    (0xfc000000, 25),
    (0xfe000000, 23),
    (0xfe800000, 22),
    (0xfec01000, 12),
    (0xfec02000, 13),
    (0xfec04000, 14),
    (0xfec08000, 15),
    (0xfec10000, 16),
    (0xfec20000, 17),
    (0xfec40000, 18),
    (0xfec80000, 19),
    (0xfed00000, 20),
    (0xfee01000, 12),
    (0xfee02000, 13),
    (0xfee04000, 14),
    (0xfee08000, 15),
    (0xfee10000, 16),
    (0xfee20000, 17),
    (0xfee40000, 18),
    (0xfee80000, 19),
    (0xfef00000, 20),
    (0xff000000, 23),
    (0xff800000, 22),
    (0xffc00000, 21),
    (0xffe00000, 20),
    (0xfff00000, 19),
    (0xfff80000, 18),
    (0xfffc0000, 17),
    (0xfffe0000, 16),
    (0xffff0000, 15),
    (0xffff8000, 14),
    (0xffffc000, 13),
    (0xffffe000, 12),
    (0xfffff000, 11),
    (0xfffff800, 10),
    (0xfffffc00, 9),
    (0xfffffe00, 8),
    (0xffffff00, 7),
    (0xffffff80, 6),
    (0xffffffc0, 5),
    (0xffffffe0, 4),
    (0x100000000, 32),
    (0x200000000, 33),
    (0x400000000, 34),
    (0x800000000, 35),
    (0x1000000000, 36),
    (0x2000000000, 37),
    (0x4000000000, 38),
    (0x8000000000, 46),
    (0x408000000000, 45),
    (0x608000000000, 44),
    (0x708000000000, 43),
    (0x788000000000, 42),
    (0x7c8000000000, 41),
    (0x7e8000000000, 40),
    (0x7f8000000000, 39),
];

/// The boot info's untyped list as (paddr, size_bits, is_device).
fn untyped_list() -> Vec<(u64, u8, bool)> {
    let raw = sel4::bootinfo().raw();
    let count = (raw.untyped.end - raw.untyped.start) as usize;
    raw.untypedList.iter().take(count).map(|d| (d.paddr, d.sizeBits, d.isDevice != 0)).collect()
}

/// Every device untyped, address and size, in seL4's order.
fn device_untypeds_match_sel4(_env: &mut Env) -> Outcome {
    let devices: Vec<(u64, u8)> =
        untyped_list().into_iter().filter(|u| u.2).map(|(paddr, bits, _)| (paddr, bits)).collect();
    expect_eq("number of device untypeds", devices.len(), SEL4_DEVICE_UNTYPEDS.len())?;
    for (i, (got, want)) in devices.iter().zip(SEL4_DEVICE_UNTYPEDS.iter()).enumerate() {
        expect_eq(&format!("device untyped {i} (paddr, size_bits)"), *got, *want)?;
    }
    Ok(())
}

/// The device untypeds open the list; RAM untypeds follow them all.
fn devices_come_first(_env: &mut Env) -> Outcome {
    let list = untyped_list();
    let devices = list.iter().take_while(|u| u.2).count();
    expect_eq("device untypeds before the first RAM untyped", devices, SEL4_DEVICE_UNTYPEDS.len())?;
    expect_eq(
        "device untypeds after the first RAM untyped",
        list[devices..].iter().filter(|u| u.2).count(),
        0,
    )?;
    expect_eq("RAM untypeds present", list.len() > devices, true)
}
