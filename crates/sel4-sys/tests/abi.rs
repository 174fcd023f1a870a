// SPDX-License-Identifier: MIT OR Apache-2.0
//! Host checks of the ABI values: bit field packing against the numbers
//! measured on real seL4, and structure sizes.

use core::mem::{offset_of, size_of};

use sel4_sys::*;

#[test]
fn message_info_packs_like_sel4() {
    let info = seL4_MessageInfo_new(0xABCDE, 5, 3, 0x55);
    assert_eq!(info.words[0], 0xabcdebd5);
    assert_eq!(info.label(), 0xABCDE);
    assert_eq!(info.caps_unwrapped(), 5);
    assert_eq!(info.extra_caps(), 3);
    assert_eq!(info.length(), 0x55);
    assert_eq!(seL4_MessageInfo_get_length(info), 0x55);
    let relabelled = seL4_MessageInfo_set_label(info, 7);
    assert_eq!(relabelled.label(), 7);
    assert_eq!(relabelled.length(), 0x55);
}

#[test]
fn message_info_masks_fields_to_their_width() {
    let info = seL4_MessageInfo::new(1, 0, 0, 0xff);
    assert_eq!(info.length(), 0x7f);
    assert_eq!(info.label(), 1);
}

#[test]
fn cap_rights_words() {
    assert_eq!(seL4_AllRights.words[0], 15);
    assert_eq!(seL4_ReadWrite.words[0], 3);
    assert_eq!(seL4_CanRead.words[0], 2);
    assert_eq!(seL4_CanWrite.words[0], 1);
    assert_eq!(seL4_CanGrant.words[0], 4);
    assert_eq!(seL4_CanGrantReply.words[0], 8);
    assert_eq!(seL4_NoWrite.words[0], 14);
    assert_eq!(seL4_NoRead.words[0], 13);
    assert_eq!(seL4_NoRights.words[0], 0);
    assert_eq!(seL4_CapRights_new(1, 0, 1, 0).words[0], 0b1010);
}

#[test]
fn cnode_cap_data_guard() {
    let data = seL4_CNode_CapData_new(5, 7);
    assert_eq!(data.words[0], 0x147);
    assert_eq!(data.guard(), 5);
    assert_eq!(data.guard_size(), 7);
}

#[test]
fn structure_sizes() {
    assert_eq!(size_of::<seL4_BootInfo>(), 3848);
    assert_eq!(size_of::<seL4_IPCBuffer>(), 1024);
    assert_eq!(core::mem::align_of::<seL4_IPCBuffer>(), 1024);
    assert_eq!(size_of::<seL4_UntypedDesc>(), 16);
    assert_eq!(size_of::<seL4_SlotRegion>(), 16);
    assert_eq!(size_of::<seL4_BootInfoHeader>(), 16);
    assert_eq!(size_of::<seL4_UserContext>(), 160);
    assert_eq!(size_of::<seL4_X86_mb_mmap_t>(), 24);
    assert_eq!(size_of::<seL4_X86_BootInfo_mmap_t>(), 1220);
    assert_eq!(offset_of!(seL4_BootInfo, untypedList), 168);
    assert_eq!(offset_of!(seL4_IPCBuffer, caps_or_badges), 976);
}

#[test]
fn numbers_from_the_abi() {
    assert_eq!(seL4_SysCall, -1);
    assert_eq!(seL4_SysSetTLSBase, -30);
    assert_eq!(invocation_label::X86IOPortControlIssue, 44);
    assert_eq!(invocation_label::X86IOPortOut32, 50);
    assert_eq!(invocation_label::nArchInvocationLabels, 53);
    assert_eq!(seL4_NotEnoughMemory, 10);
    assert_eq!(seL4_CapIOPortControl, 7);
    assert_eq!(seL4_X86_PageDirectoryObject, 11);
    assert_eq!(cap_tag::cap_io_port_control_cap, 31);
}
