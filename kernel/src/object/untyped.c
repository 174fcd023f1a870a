/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Untyped_Retype (object/untyped.h): decode with seL4's checks in seL4's
 * order, then perform: reset the watermark when the untyped has no
 * children, create the objects, insert their caps after the untyped.
 */
#include <api/invocation.h>
#include <arch/x86_64/paging.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/delete.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/cap_ops.h>
#include <object/cnode.h>
#include <object/untyped.h>
#include <object/untyped_math.h>

static size_t name_length(const char *s)
{
    size_t n = 0;
    while (n < TCB_NAME_LENGTH && s[n]) {
        n++;
    }
    return n;
}

/* seL4's debug name of a new thread: "child of: '<creator's name>'". */
static void name_new_thread(struct tcb *t)
{
    const char *parent = current_thread ? current_thread->name : "";
    strlcpy_k(t->name, "child of: '", TCB_NAME_LENGTH);
    size_t used = name_length(t->name);
    strlcpy_k(t->name + used, parent, TCB_NAME_LENGTH - used);
    used = name_length(t->name);
    strlcpy_k(t->name + used, "'", TCB_NAME_LENGTH - used);
}

/* Makes one object at paddr and returns the cap to it. The memory is
   already zero: an untyped's bytes above its watermark always are. */
static struct cap create_object(uint64_t type, uint64_t user_size, uint64_t paddr, bool device)
{
    switch (type) {
    case seL4_UntypedObject:
        return cap_untyped(paddr, (unsigned)user_size, device);
    case seL4_TCBObject: {
        struct tcb *t = kva(paddr);
        name_new_thread(t);
        tcb_init_object(t);
        return cap_thread(paddr);
    }
    case seL4_EndpointObject:
        return cap_endpoint(paddr, 0, 15);
    case seL4_NotificationObject:
        return cap_notification(paddr, 0, 3);
    case seL4_CapTableObject:
        return cap_cnode(paddr, (unsigned)user_size, 0, 0);
    case seL4_X86_4K:
        return cap_frame(paddr, FRAME_4K, VM_READ_WRITE, device, 0, 0);
    case seL4_X86_LargePageObject:
        return cap_frame(paddr, FRAME_2M, VM_READ_WRITE, device, 0, 0);
    case seL4_X64_HugePageObject:
        return cap_frame(paddr, FRAME_1G, VM_READ_WRITE, device, 0, 0);
    case seL4_X86_PageTableObject:
        return cap_table(cap_page_table_cap, paddr, false, 0, 0);
    case seL4_X86_PageDirectoryObject:
        return cap_table(cap_page_directory_cap, paddr, false, 0, 0);
    case seL4_X86_PDPTObject:
        return cap_table(cap_pdpt_cap, paddr, false, 0, 0);
    default: /* seL4_X64_PML4Object: the kernel's half of the address space comes with it */
        vspace_init_pml4(paddr);
        return cap_table(cap_pml4_cap, paddr, false, 0, 0);
    }
}

/*
 * Clears an untyped that has no children, from its watermark down, one chunk
 * at a time, lowering the watermark after each chunk (seL4's resetUntypedCap).
 * Preempted, it resumes where the watermark stands when the call restarts.
 * This keeps the invariant the rest relies on: above its watermark an
 * untyped's memory is zero. Device memory is never written.
 */
static exception_t reset_untyped(struct cte *slot)
{
    struct cap ut = slot->cap;
    unsigned size_bits = cap_untyped_size_bits(ut);
    uint64_t base = cap_untyped_paddr(ut);
    uint64_t offset = cap_untyped_free_index(ut);
    const unsigned chunk_bits = CONFIG_RESET_CHUNK_BITS;
    const uint64_t chunk = 1ull << chunk_bits;

    if (offset == 0) {
        return EXCEPTION_NONE;
    }
    if (cap_untyped_is_device(ut) || size_bits < chunk_bits) {
        if (!cap_untyped_is_device(ut)) {
            memset(kva(base), 0, 1ull << size_bits);
        }
        slot->cap = cap_untyped_set_free_index(ut, 0);
        return EXCEPTION_NONE;
    }
    /* Every chunk is a work unit, the last one too: as in seL4, the call may
       stop with the untyped all clear and the restart finds nothing to do. */
    for (offset = (offset - 1) & ~(chunk - 1);; offset -= chunk) {
        memset(kva(base + offset), 0, chunk);
        slot->cap = cap_untyped_set_free_index(ut, offset);
        exception_t status = preemption_point();
        if (status != EXCEPTION_NONE || offset == 0) {
            return status;
        }
    }
}

static exception_t perform_untyped_retype(struct cte *src, bool reset, uint64_t base, uint64_t type,
                                          uint64_t user_size, struct cte *dest, uint64_t count, bool device)
{
    if (reset) {
        exception_t status = reset_untyped(src);
        if (status != EXCEPTION_NONE) {
            return status;
        }
    }
    struct cap ut = src->cap;
    unsigned bits = retype_object_bits(type, user_size);
    uint64_t end = base + (count << bits);
    src->cap = cap_untyped_set_free_index(ut, end - cap_untyped_paddr(ut));
    for (uint64_t i = 0; i < count; i++) {
        struct cap cap = create_object(type, user_size, base + (i << bits), device);
        cdt_insert_new(src, &dest[i], cap);
    }
    return EXCEPTION_NONE;
}

exception_t decode_untyped_invocation(uint64_t label, uint64_t length, uint64_t cptr, struct cte *slot,
                                      struct cap cap, uint64_t *buffer)
{
    if (label != UntypedRetype) {
        user_error("Untyped cap: Illegal operation attempted.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 6 || current_extra_caps[0] == NULL) {
        user_error("Untyped invocation: Truncated message. (cptr 0x%lx: %lu words, %s the destination root cap;"
                   " Retype needs 6 words and 1 cap)",
                   cptr, length, current_extra_caps[0] ? "with" : "without");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t type = get_syscall_arg(0, buffer);
    uint64_t user_size = get_syscall_arg(1, buffer);
    uint64_t node_index = get_syscall_arg(2, buffer);
    uint64_t node_depth = get_syscall_arg(3, buffer);
    uint64_t node_offset = get_syscall_arg(4, buffer);
    uint64_t node_window = get_syscall_arg(5, buffer);
    struct cte *root_slot = current_extra_caps[0];

    if (type >= seL4_ObjectTypeCount) {
        user_error("Untyped Retype: Invalid object type. (cptr 0x%lx: type %lu, valid types are 0..%u)", cptr, type,
                   seL4_ObjectTypeCount - 1);
        return invalid_argument(0);
    }
    if (user_size >= 64 || retype_object_bits(type, user_size) > seL4_MaxUntypedBits) {
        user_error("Untyped Retype: Invalid object size. (cptr 0x%lx: size_bits %lu makes an object over 2^%u bytes)",
                   cptr, user_size, seL4_MaxUntypedBits);
        return range_error(0, seL4_MaxUntypedBits);
    }
    if (type == seL4_CapTableObject && user_size == 0) {
        user_error("Untyped Retype: Requested CapTable size too small. (cptr 0x%lx: size_bits 0, a"
                   " CNode needs 1 or more)",
                   cptr);
        return invalid_argument(1);
    }
    if (type == seL4_UntypedObject && user_size < seL4_MinUntypedBits) {
        user_error("Untyped Retype: Requested UntypedItem size too small. (cptr 0x%lx: size_bits"
                   " %lu, minimum %u)", cptr,
                   user_size, seL4_MinUntypedBits);
        return invalid_argument(1);
    }

    struct cap node_cap;
    if (node_depth == 0) {
        node_cap = root_slot->cap;
    } else {
        struct resolve_result r = lookup_target_slot(root_slot->cap, node_index, node_depth);
        if (r.status != EXCEPTION_NONE) {
            user_lookup_error("Untyped Retype: Invalid destination address. (cptr 0x%lx: node_index"
                              " 0x%lx node_depth %lu)",
                              cptr, node_index, node_depth);
            return r.status;
        }
        node_cap = r.slot->cap;
    }
    if (cap_type(node_cap) != cap_cnode_cap) {
        user_error("Untyped Retype: Destination cap invalid or read-only. (cptr 0x%lx: the destination holds a cap"
                   " of type %s, not a cnode)",
                   cptr, cap_type_name(cap_type(node_cap)));
        current_lookup_fault = lookup_fault_missing_capability(node_depth);
        return failed_lookup(false);
    }
    uint64_t node_size = 1ull << cap_cnode_radix(node_cap);
    if (node_offset > node_size - 1) {
        user_error("Untyped Retype: Destination node offset #%lu too large. (cptr 0x%lx: the node has %lu slots)",
                   node_offset, cptr, node_size);
        return range_error(0, node_size - 1);
    }
    if (node_window < 1 || node_window > CONFIG_RETYPE_FAN_OUT_LIMIT) {
        user_error("Untyped Retype: Number of requested objects (%lu) too small or large. (cptr 0x%lx: 1..%u)",
                   node_window, cptr, CONFIG_RETYPE_FAN_OUT_LIMIT);
        return range_error(1, CONFIG_RETYPE_FAN_OUT_LIMIT);
    }
    if (node_window > node_size - node_offset) {
        user_error("Untyped Retype: Requested destination window overruns size of node. (cptr 0x%lx: %lu objects from"
                   " slot %lu of %lu)",
                   cptr, node_window, node_offset, node_size);
        return range_error(1, node_size - node_offset);
    }
    struct cte *dest = cnode_slots(node_cap) + node_offset;
    for (uint64_t i = 0; i < node_window; i++) {
        if (ensure_empty_slot(&dest[i]) != EXCEPTION_NONE) {
            user_error("Untyped Retype: Slot #%lu in destination window non-empty. (cptr 0x%lx: it"
                       " holds a cap of type %s)",
                       node_offset + i, cptr, cap_type_name(cap_type(dest[i].cap)));
            return EXCEPTION_SYSCALL_ERROR;
        }
    }

    /* An untyped without children is reused from its start. */
    bool reset = !cdt_has_children(slot);
    uint64_t free_index = reset ? 0 : cap_untyped_free_index(cap);
    unsigned size_bits = cap_untyped_size_bits(cap);
    unsigned object_bits = retype_object_bits(type, user_size);
    uint64_t free_bytes = untyped_free_bytes(size_bits, free_index);
    if (!untyped_fits(free_bytes, object_bits, node_window)) {
        user_error("Untyped Retype: Insufficient memory (%lu * %lu bytes needed, %lu bytes available). (cptr 0x%lx)",
                   node_window, 1ul << object_bits, free_bytes, cptr);
        syscall_error(seL4_NotEnoughMemory);
        current_syscall_error.memory_left = free_bytes;
        return EXCEPTION_SYSCALL_ERROR;
    }
    bool device = cap_untyped_is_device(cap);
    if (device && !retype_is_frame_type(type) && type != seL4_UntypedObject) {
        user_error("Untyped Retype: Creating kernel objects with device untyped (cptr 0x%lx: type %lu; device memory"
                   " holds only frames and untypeds)",
                   cptr, type);
        return invalid_argument(1);
    }
    uint64_t base = untyped_object_paddr(cap_untyped_paddr(cap), free_index, object_bits);

    set_thread_state(current_thread, THREAD_RESTART);
    return perform_untyped_retype(slot, reset, base, type, user_size, dest, node_window, device);
}
