// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Every way the suite talks to the kernel, and the only module with
// `unsafe`: one raw invocation (`call`) that marshals a message exactly as
// the ABI says and captures the whole reply (error label, length, message
// registers), thin wrappers named after the libsel4 invocations with
// libsel4's argument order, capability identification and word access to
// memory the cases map themselves.

use sel4_sys::invocation_label as label;
use sel4_sys::{seL4_CPtr, seL4_Word};

/// Message registers captured from a reply: enough for the longest error
/// (a guard mismatch takes five).
pub const REPLY_MRS: usize = 6;

/// What the kernel answered to one invocation.
#[derive(Clone, Copy, Debug)]
pub struct Reply {
    /// The reply's label: the `seL4_Error` (0 on success).
    pub error: seL4_Word,
    /// The reply's length in message registers.
    pub length: seL4_Word,
    /// The reply's extra-caps and caps-unwrapped fields (a kernel reply has neither).
    pub caps: (seL4_Word, seL4_Word),
    /// Message registers 0.. of the reply (registers 0-3 come from CPU
    /// registers, the rest from the IPC buffer, read right after the call).
    pub mrs: [seL4_Word; REPLY_MRS],
}

/// Invokes `service` with `label`, message registers `mrs` and extra
/// capabilities `caps`, and captures the reply.
///
/// The service capability must resolve in the root CNode (an empty slot is
/// fine: the kernel answers InvalidCapability); an unresolvable one would
/// be a capability fault, which the root task cannot survive. The same
/// holds for each extra capability.
pub fn call(service: seL4_CPtr, label: seL4_Word, mrs: &[seL4_Word], caps: &[seL4_CPtr]) -> Reply {
    assert!(mrs.len() <= sel4_sys::seL4_MsgMaxLength as usize);
    assert!(caps.len() <= sel4_sys::seL4_MsgMaxExtraCaps as usize);
    let info = sel4_sys::seL4_MessageInfo::new(label, 0, caps.len() as seL4_Word, mrs.len() as seL4_Word);
    call_with_info(service, info.word(), mrs, caps)
}

/// Like [`call`], but with a message info word of the caller's making
/// (a length or extra-cap count that differs from what is passed, a label
/// of any width); registers 0-3 still go in CPU registers up to the length.
pub fn call_with_info(service: seL4_CPtr, info: seL4_Word, mrs: &[seL4_Word], caps: &[seL4_CPtr]) -> Reply {
    let info = sel4_sys::seL4_MessageInfo::from_word(info);
    let mut fast = [0; 4];
    let in_registers = mrs.len().min(4);
    fast[..in_registers].copy_from_slice(&mrs[..in_registers]);
    let [mut mr0, mut mr1, mut mr2, mut mr3] = fast;
    // SAFETY: the runtime registered the root task's IPC buffer at start-up
    // (sel4::bootinfo installs it); it stays mapped and writable for the
    // program's life, and indices stay below the buffer's array sizes.
    let reply = unsafe {
        for (i, value) in mrs.iter().enumerate().skip(4).take(sel4_sys::seL4_MsgMaxLength as usize - 4) {
            sel4_sys::seL4_SetMR(i, *value);
        }
        for (i, cap) in caps.iter().take(sel4_sys::seL4_MsgMaxExtraCaps as usize).enumerate() {
            sel4_sys::seL4_SetCap(i, *cap);
        }
        sel4_sys::seL4_CallWithMRs(service, info, &mut mr0, &mut mr1, &mut mr2, &mut mr3)
    };
    let mut out = [0; REPLY_MRS];
    out[..4].copy_from_slice(&[mr0, mr1, mr2, mr3]);
    for (i, slot) in out.iter_mut().enumerate().skip(4) {
        // SAFETY: as above; the kernel wrote registers 4.. of the reply here.
        *slot = unsafe { sel4_sys::seL4_GetMR(i) };
    }
    Reply {
        error: reply.label(),
        length: reply.length(),
        caps: (reply.extra_caps(), reply.caps_unwrapped()),
        mrs: out,
    }
}

/// The kernel's type tag of the capability in root slot `cptr` (0 if empty).
pub fn identify(cptr: seL4_CPtr) -> u32 {
    sel4_sys::seL4_DebugCapIdentify(cptr)
}

/// Reads the word at `vaddr`, which a case has mapped itself.
pub fn read_word(vaddr: seL4_Word) -> seL4_Word {
    // SAFETY: callers pass only addresses of frames they mapped readable in
    // the root task's own VSpace, aligned to a word; nothing else in the
    // program uses those addresses.
    unsafe { core::ptr::read_volatile(vaddr as *const seL4_Word) }
}

/// Writes the word at `vaddr`, which a case has mapped itself writable.
pub fn write_word(vaddr: seL4_Word, value: seL4_Word) {
    // SAFETY: as for read_word, and the mapping is writable.
    unsafe { core::ptr::write_volatile(vaddr as *mut seL4_Word, value) }
}

/// `seL4_Untyped_Retype`.
#[allow(clippy::too_many_arguments)]
pub fn untyped_retype(
    service: seL4_CPtr,
    object_type: seL4_Word,
    size_bits: seL4_Word,
    root: seL4_CPtr,
    node_index: seL4_Word,
    node_depth: seL4_Word,
    node_offset: seL4_Word,
    num_objects: seL4_Word,
) -> Reply {
    call(
        service,
        label::UntypedRetype,
        &[object_type, size_bits, node_index, node_depth, node_offset, num_objects],
        &[root],
    )
}

/// `seL4_CNode_Revoke`.
pub fn cnode_revoke(service: seL4_CPtr, index: seL4_Word, depth: seL4_Word) -> Reply {
    call(service, label::CNodeRevoke, &[index, depth], &[])
}

/// `seL4_CNode_Delete`.
pub fn cnode_delete(service: seL4_CPtr, index: seL4_Word, depth: seL4_Word) -> Reply {
    call(service, label::CNodeDelete, &[index, depth], &[])
}

/// `seL4_CNode_CancelBadgedSends`.
pub fn cnode_cancel_badged_sends(service: seL4_CPtr, index: seL4_Word, depth: seL4_Word) -> Reply {
    call(service, label::CNodeCancelBadgedSends, &[index, depth], &[])
}

/// `seL4_CNode_SaveCaller`.
pub fn cnode_save_caller(service: seL4_CPtr, index: seL4_Word, depth: seL4_Word) -> Reply {
    call(service, label::CNodeSaveCaller, &[index, depth], &[])
}

/// `seL4_CNode_Copy` (`rights` is the seL4_CapRights_t word).
pub fn cnode_copy(
    service: seL4_CPtr,
    dest_index: seL4_Word,
    dest_depth: seL4_Word,
    src_root: seL4_CPtr,
    src_index: seL4_Word,
    src_depth: seL4_Word,
    rights: seL4_Word,
) -> Reply {
    call(service, label::CNodeCopy, &[dest_index, dest_depth, src_index, src_depth, rights], &[src_root])
}

/// `seL4_CNode_Mint`.
#[allow(clippy::too_many_arguments)]
pub fn cnode_mint(
    service: seL4_CPtr,
    dest_index: seL4_Word,
    dest_depth: seL4_Word,
    src_root: seL4_CPtr,
    src_index: seL4_Word,
    src_depth: seL4_Word,
    rights: seL4_Word,
    badge: seL4_Word,
) -> Reply {
    call(
        service,
        label::CNodeMint,
        &[dest_index, dest_depth, src_index, src_depth, rights, badge],
        &[src_root],
    )
}

/// `seL4_CNode_Move`.
pub fn cnode_move(
    service: seL4_CPtr,
    dest_index: seL4_Word,
    dest_depth: seL4_Word,
    src_root: seL4_CPtr,
    src_index: seL4_Word,
    src_depth: seL4_Word,
) -> Reply {
    call(service, label::CNodeMove, &[dest_index, dest_depth, src_index, src_depth], &[src_root])
}

/// `seL4_CNode_Mutate`.
pub fn cnode_mutate(
    service: seL4_CPtr,
    dest_index: seL4_Word,
    dest_depth: seL4_Word,
    src_root: seL4_CPtr,
    src_index: seL4_Word,
    src_depth: seL4_Word,
    badge: seL4_Word,
) -> Reply {
    call(service, label::CNodeMutate, &[dest_index, dest_depth, src_index, src_depth, badge], &[src_root])
}

/// `seL4_CNode_Rotate`.
#[allow(clippy::too_many_arguments)]
pub fn cnode_rotate(
    service: seL4_CPtr,
    dest_index: seL4_Word,
    dest_depth: seL4_Word,
    dest_badge: seL4_Word,
    pivot_root: seL4_CPtr,
    pivot_index: seL4_Word,
    pivot_depth: seL4_Word,
    pivot_badge: seL4_Word,
    src_root: seL4_CPtr,
    src_index: seL4_Word,
    src_depth: seL4_Word,
) -> Reply {
    call(
        service,
        label::CNodeRotate,
        &[dest_index, dest_depth, dest_badge, pivot_index, pivot_depth, pivot_badge, src_index, src_depth],
        &[pivot_root, src_root],
    )
}

/// `seL4_X86_PDPT_Map`.
pub fn pdpt_map(service: seL4_CPtr, pml4: seL4_CPtr, vaddr: seL4_Word, attr: seL4_Word) -> Reply {
    call(service, label::X86PDPTMap, &[vaddr, attr], &[pml4])
}

/// `seL4_X86_PDPT_Unmap`.
pub fn pdpt_unmap(service: seL4_CPtr) -> Reply {
    call(service, label::X86PDPTUnmap, &[], &[])
}

/// `seL4_X86_PageDirectory_Map`.
pub fn page_directory_map(service: seL4_CPtr, vspace: seL4_CPtr, vaddr: seL4_Word, attr: seL4_Word) -> Reply {
    call(service, label::X86PageDirectoryMap, &[vaddr, attr], &[vspace])
}

/// `seL4_X86_PageDirectory_Unmap`.
pub fn page_directory_unmap(service: seL4_CPtr) -> Reply {
    call(service, label::X86PageDirectoryUnmap, &[], &[])
}

/// `seL4_X86_PageTable_Map`.
pub fn page_table_map(service: seL4_CPtr, vspace: seL4_CPtr, vaddr: seL4_Word, attr: seL4_Word) -> Reply {
    call(service, label::X86PageTableMap, &[vaddr, attr], &[vspace])
}

/// `seL4_X86_PageTable_Unmap`.
pub fn page_table_unmap(service: seL4_CPtr) -> Reply {
    call(service, label::X86PageTableUnmap, &[], &[])
}

/// `seL4_X86_Page_Map` (`rights` is the seL4_CapRights_t word).
pub fn page_map(
    service: seL4_CPtr,
    vspace: seL4_CPtr,
    vaddr: seL4_Word,
    rights: seL4_Word,
    attr: seL4_Word,
) -> Reply {
    call(service, label::X86PageMap, &[vaddr, rights, attr], &[vspace])
}

/// `seL4_X86_Page_Unmap`.
pub fn page_unmap(service: seL4_CPtr) -> Reply {
    call(service, label::X86PageUnmap, &[], &[])
}

/// `seL4_X86_Page_GetAddress`: the physical address is `mrs[0]` of the reply.
pub fn page_get_address(service: seL4_CPtr) -> Reply {
    call(service, label::X86PageGetAddress, &[], &[])
}

/// `seL4_X86_ASIDControl_MakePool`.
pub fn asid_control_make_pool(
    service: seL4_CPtr,
    untyped: seL4_CPtr,
    root: seL4_CPtr,
    index: seL4_Word,
    depth: seL4_Word,
) -> Reply {
    call(service, label::X86ASIDControlMakePool, &[index, depth], &[untyped, root])
}

/// `seL4_X86_ASIDPool_Assign`.
pub fn asid_pool_assign(service: seL4_CPtr, vspace: seL4_CPtr) -> Reply {
    call(service, label::X86ASIDPoolAssign, &[], &[vspace])
}

/// `seL4_X86_IOPortControl_Issue`.
pub fn ioport_control_issue(
    service: seL4_CPtr,
    first_port: seL4_Word,
    last_port: seL4_Word,
    root: seL4_CPtr,
    index: seL4_Word,
    depth: seL4_Word,
) -> Reply {
    call(service, label::X86IOPortControlIssue, &[first_port, last_port, index, depth], &[root])
}

/// `seL4_X86_IOPort_In8/16/32` by width in bytes; the value is `mrs[0]`.
pub fn ioport_in(service: seL4_CPtr, width: u32, port: seL4_Word) -> Reply {
    let which = match width {
        1 => label::X86IOPortIn8,
        2 => label::X86IOPortIn16,
        _ => label::X86IOPortIn32,
    };
    call(service, which, &[port], &[])
}

/// `seL4_X86_IOPort_Out8/16/32` by width in bytes.
pub fn ioport_out(service: seL4_CPtr, width: u32, port: seL4_Word, data: seL4_Word) -> Reply {
    let which = match width {
        1 => label::X86IOPortOut8,
        2 => label::X86IOPortOut16,
        _ => label::X86IOPortOut32,
    };
    call(service, which, &[port, data], &[])
}
