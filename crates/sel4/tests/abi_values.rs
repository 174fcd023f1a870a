// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Host tests of the typed API's values against the ABI facts measured on
// real seL4 (shared/abi/x86_64.md): every packed word (message info,
// rights, CNode guard data, VM attributes), object type numbers, cap tags,
// initial slots, and the decoding of error replies into `sel4::Error`.

use sel4::cap_type;
use sel4::{
    init_thread, ArchObjectType, Badge, CNodeCapData, CPtr, CapRights, CapType, Error, ErrorCode, ErrorKind,
    LookupFailure, MessageInfo, ObjectType, SlotAllocator, UserContext, VmAttributes,
};

#[test]
fn message_info_packs_like_sel4() {
    // ABI section 5: seL4_MessageInfo_new(0xABCDE, 5, 3, 0x55) = 0xabcdebd5.
    let info = MessageInfo::new(0xABCDE, 5, 3, 0x55);
    assert_eq!(info.word(), 0xabcdebd5);
    assert_eq!(
        (info.label(), info.caps_unwrapped(), info.extra_caps(), info.length()),
        (0xABCDE, 5, 3, 0x55)
    );
    let built = MessageInfo::builder().label(0xABCDE).caps_unwrapped(5).extra_caps(3).length(0x55).build();
    assert_eq!(built, info);
    assert_eq!(MessageInfo::from(built.into_sys()), info);
}

#[test]
fn message_info_fields_are_cut_to_their_width() {
    let info = MessageInfo::new(1 << 52 | 9, 8 | 1, 4 | 2, 0x80 | 0x11);
    assert_eq!((info.label(), info.caps_unwrapped(), info.extra_caps(), info.length()), (9, 1, 2, 0x11));
    assert_eq!(MessageInfo::new(0, 0, 0, 120).length(), 120);
}

#[test]
fn rights_words_match_sel4() {
    // ABI section 13.
    assert_eq!(CapRights::ALL.word(), 15);
    assert_eq!(CapRights::READ_WRITE.word(), 3);
    assert_eq!(CapRights::READ.word(), 2);
    assert_eq!(CapRights::WRITE.word(), 1);
    assert_eq!(CapRights::GRANT.word(), 4);
    assert_eq!(CapRights::GRANT_REPLY.word(), 8);
    assert_eq!(CapRights::NONE.word(), 0);
    assert_eq!(CapRights::new(true, true, true, false).word(), 14, "seL4_NoWrite");
    assert_eq!(CapRights::new(true, true, false, true).word(), 13, "seL4_NoRead");
    let rights = CapRights::new(true, false, true, false);
    assert_eq!(
        (rights.grant_reply(), rights.grant(), rights.read(), rights.write()),
        (true, false, true, false)
    );
    assert_eq!(sel4::sys::seL4_CapRights::from(CapRights::ALL), sel4::sys::seL4_AllRights);
}

#[test]
fn cnode_guard_data_matches_sel4() {
    // ABI section 13: seL4_CNode_CapData_new(guard=5, guardSize=7) = 0x147.
    let data = CNodeCapData::new(5, 7);
    assert_eq!(data.word(), 0x147);
    assert_eq!((data.guard(), data.guard_size()), (5, 7));
    // The root CNode's guard: 64 - 12 = 52 bits of 0.
    assert_eq!(CNodeCapData::skip_bits(52).word(), 52);
    assert_eq!(CNodeCapData::NONE.word(), 0);
    // Guard 58 bits, size 6 bits.
    assert_eq!(CNodeCapData::new(usize::MAX, 0).guard(), (1 << 58) - 1);
    assert_eq!(CNodeCapData::new(0, 0xff).guard_size(), 0x3f);
}

#[test]
fn vm_attributes_match_sel4() {
    assert_eq!(VmAttributes::DEFAULT.bits(), 0);
    assert_eq!(VmAttributes::WRITE_BACK.bits(), 0);
    assert_eq!(VmAttributes::WRITE_THROUGH.bits(), 1);
    assert_eq!(VmAttributes::CACHE_DISABLED.bits(), 2);
    assert_eq!(VmAttributes::UNCACHEABLE.bits(), 3);
    assert_eq!(VmAttributes::WRITE_COMBINING.bits(), 4);
    assert_eq!(VmAttributes::WRITE_THROUGH | VmAttributes::CACHE_DISABLED, VmAttributes::UNCACHEABLE);
}

#[test]
fn object_types_match_sel4() {
    // ABI section 10 (SIM).
    let numbers = [
        (ObjectType::Untyped, 0),
        (ObjectType::Tcb, 1),
        (ObjectType::Endpoint, 2),
        (ObjectType::Notification, 3),
        (ObjectType::CNode, 4),
        (ArchObjectType::Pdpt.into(), 5),
        (ArchObjectType::Pml4.into(), 6),
        (ArchObjectType::HugePage.into(), 7),
        (ArchObjectType::SmallPage.into(), 8),
        (ArchObjectType::LargePage.into(), 9),
        (ArchObjectType::PageTable.into(), 10),
        (ArchObjectType::PageDirectory.into(), 11),
    ];
    for (object_type, number) in numbers {
        assert_eq!(object_type.into_sys(), number, "{object_type:?}");
    }
    // ABI section 9.
    assert_eq!(ObjectType::Tcb.object_size_bits(0), 11);
    assert_eq!(ObjectType::Endpoint.object_size_bits(0), 4);
    assert_eq!(ObjectType::Notification.object_size_bits(0), 5);
    assert_eq!(ObjectType::CNode.object_size_bits(12), 17);
    assert_eq!(ObjectType::Untyped.object_size_bits(20), 20);
    assert_eq!(ObjectType::Arch(ArchObjectType::LargePage).object_size_bits(0), 21);
    assert_eq!(ObjectType::Arch(ArchObjectType::HugePage).object_size_bits(0), 30);
    assert_eq!(<cap_type::SmallPage as sel4::FrameType>::SIZE, 4096);
}

#[test]
fn cap_tags_match_the_kernel() {
    // ABI section 16.
    assert_eq!(cap_type::Unspecified::TAG, None);
    let tags = [
        (cap_type::Untyped::TAG, 2),
        (cap_type::Endpoint::TAG, 4),
        (cap_type::Notification::TAG, 6),
        (cap_type::CNode::TAG, 10),
        (cap_type::Tcb::TAG, 12),
        (cap_type::IrqControl::TAG, 14),
        (cap_type::IrqHandler::TAG, 16),
        (cap_type::DomainSet::TAG, 20),
        (cap_type::SmallPage::TAG, 1),
        (cap_type::LargePage::TAG, 1),
        (cap_type::HugePage::TAG, 1),
        (cap_type::PageTable::TAG, 3),
        (cap_type::PageDirectory::TAG, 5),
        (cap_type::Pdpt::TAG, 7),
        (cap_type::Pml4::TAG, 9),
        (cap_type::AsidControl::TAG, 11),
        (cap_type::AsidPool::TAG, 13),
        (cap_type::IoPort::TAG, 19),
        (cap_type::IoPortControl::TAG, 31),
    ];
    for (tag, expected) in tags {
        assert_eq!(tag, Some(expected));
    }
}

#[test]
fn initial_slots_match_sel4() {
    // ABI section 11.
    assert_eq!(init_thread::TCB.bits(), 1);
    assert_eq!(init_thread::CNODE.bits(), 2);
    assert_eq!(init_thread::VSPACE.bits(), 3);
    assert_eq!(init_thread::IRQ_CONTROL.bits(), 4);
    assert_eq!(init_thread::ASID_CONTROL.bits(), 5);
    assert_eq!(init_thread::ASID_POOL.bits(), 6);
    assert_eq!(init_thread::IO_PORT_CONTROL.bits(), 7);
    assert_eq!(init_thread::BOOT_INFO_FRAME.bits(), 9);
    assert_eq!(init_thread::IPC_BUFFER_FRAME.bits(), 10);
    assert_eq!(init_thread::DOMAIN.bits(), 11);
    let slot = init_thread::CNODE.slot_of(init_thread::TCB);
    assert_eq!((slot.cnode(), slot.index(), slot.depth()), (init_thread::CNODE, 1, 64));
    assert_eq!(init_thread::CNODE.itself().depth(), 0);
    assert_eq!(format!("{:?}", init_thread::TCB), "Tcb(0x1)");
    assert_eq!(init_thread::TCB.upcast(), CPtr::from_cptr(1));
}

#[test]
fn error_codes_match_sel4() {
    // ABI section 6.
    let codes = [
        (ErrorCode::InvalidArgument, 1),
        (ErrorCode::InvalidCapability, 2),
        (ErrorCode::IllegalOperation, 3),
        (ErrorCode::RangeError, 4),
        (ErrorCode::AlignmentError, 5),
        (ErrorCode::FailedLookup, 6),
        (ErrorCode::TruncatedMessage, 7),
        (ErrorCode::DeleteFirst, 8),
        (ErrorCode::RevokeFirst, 9),
        (ErrorCode::NotEnoughMemory, 10),
    ];
    for (code, number) in codes {
        assert_eq!(code.into_sys(), number);
        assert_eq!(ErrorCode::from_sys(number), Some(code));
        let error = Error::from_reply("Test::op", number as usize, [0; 5]);
        assert_eq!(error.code(), Some(code), "{error}");
    }
    assert_eq!(ErrorCode::from_sys(0), None);
    assert_eq!(ErrorCode::from_sys(11), None);
}

#[test]
fn error_details_come_from_the_reply_registers() {
    let decode = |code: usize, mrs: [usize; 5]| Error::from_reply("Test::op", code, mrs).kind();
    assert_eq!(decode(1, [3, 0, 0, 0, 0]), ErrorKind::InvalidArgument { argument: 3 });
    assert_eq!(decode(2, [1, 0, 0, 0, 0]), ErrorKind::InvalidCapability { capability: 1 });
    assert_eq!(decode(3, [9; 5]), ErrorKind::IllegalOperation);
    assert_eq!(decode(4, [0, 4095, 0, 0, 0]), ErrorKind::RangeError { min: 0, max: 4095 });
    assert_eq!(decode(10, [256, 0, 0, 0, 0]), ErrorKind::NotEnoughMemory { bytes_available: 256 });
    assert_eq!(decode(42, [0; 5]), ErrorKind::Unknown { code: 42 });
    // Failed lookup: MR0 in source, MR1 type, then the type's fields.
    let lookups = [
        ([1, 1, 0, 0, 0], true, LookupFailure::InvalidRoot),
        ([0, 2, 52, 0, 0], false, LookupFailure::MissingCapability { bits_left: 52 }),
        ([0, 3, 40, 12, 0], false, LookupFailure::DepthMismatch { bits_left: 40, bits_found: 12 }),
        (
            [1, 4, 64, 0x5, 3],
            true,
            LookupFailure::GuardMismatch { bits_left: 64, guard_found: 5, bits_found: 3 },
        ),
        ([0, 0, 0, 0, 0], false, LookupFailure::Unknown { failure_type: 0 }),
    ];
    for (mrs, in_source, failure) in lookups {
        assert_eq!(decode(6, mrs), ErrorKind::FailedLookup { in_source, failure });
    }
}

#[test]
fn errors_read_as_sentences() {
    let range = Error::from_reply("Untyped::retype", 4, [1, 256, 0, 0, 0]);
    assert_eq!(range.to_string(), "Untyped::retype failed: range error: a value must be between 1 and 256");
    assert_eq!(range.operation(), "Untyped::retype");
    let missing_table = Error::from_reply("Frame::map", 6, [0, 2, 21, 0, 0]);
    assert_eq!(
        missing_table.to_string(),
        "Frame::map failed: failed lookup: no page table covers the address yet (map a page table there first)"
    );
    let empty = Error::from_reply("CNode::mint", 6, [1, 2, 0, 0, 0]);
    assert_eq!(
        empty.to_string(),
        "CNode::mint failed: failed lookup of the source capability: the slot is empty (0 address bits were left to resolve)"
    );
    let wrong = Error::new("CPtr::cast", ErrorKind::WrongCapabilityType { expected: "Endpoint", found: 6 });
    assert_eq!(
        wrong.to_string(),
        "CPtr::cast failed: the slot holds a notification capability, not Endpoint"
    );
    assert_eq!(wrong.code(), None);
    let boxed: Box<dyn std::error::Error> = Box::new(range);
    assert!(boxed.to_string().starts_with("Untyped::retype failed"));
}

#[test]
fn slot_allocator_reuses_freed_slots_first() {
    let mut slots = SlotAllocator::new(100..103);
    assert_eq!(slots.remaining(), 3);
    assert_eq!(slots.alloc().unwrap(), 100);
    assert_eq!(slots.alloc().unwrap(), 101);
    slots.free(100);
    assert_eq!(slots.alloc().unwrap(), 100);
    assert_eq!(slots.alloc().unwrap(), 102);
    let error = slots.alloc().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::OutOfSlots);
    assert_eq!(slots.remaining(), 0);
    // Ranges past the root CNode are cut to it.
    assert_eq!(SlotAllocator::new(4090..100_000).remaining(), 6);
}

#[test]
#[should_panic(expected = "already free")]
fn slot_allocator_refuses_double_free() {
    let mut slots = SlotAllocator::new(10..20);
    let slot = slots.alloc().unwrap();
    slots.free(slot);
    slots.free(slot);
}

#[test]
fn badges_and_user_context() {
    assert_eq!(Badge::new(0x42).value(), 0x42);
    assert!(Badge::NONE.is_none());
    assert_eq!(Badge::from(7usize).to_string(), "0x7");
    let mut context = UserContext::default();
    context.set_pc(0x401000);
    context.set_sp(0x7000_0ff8);
    for index in 0..6 {
        context.set_argument(index, 100 + index);
    }
    let raw = context.as_sys();
    assert_eq!((raw.rip, raw.rsp), (0x401000, 0x7000_0ff8));
    assert_eq!([raw.rdi, raw.rsi, raw.rdx, raw.rcx, raw.r8, raw.r9], [100, 101, 102, 103, 104, 105]);
    assert_eq!(context.argument(5), 105);
}

#[test]
#[should_panic(expected = "no IPC buffer")]
fn invocations_refuse_to_run_on_the_host() {
    let _ = init_thread::TCB.resume();
}
