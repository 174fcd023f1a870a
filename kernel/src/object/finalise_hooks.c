/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Default bodies of the per-type hooks the capability code calls
 * (object/finalise.h, and the creation, copy and deletion hooks of TCBs and
 * vspace objects), weak so that an object type's own file may define the
 * hook itself. Endpoints and notifications pass to their own finalisation;
 * the others are the smallest safe behaviour.
 */
#include <api/debug.h>
#include <arch/x86_64/machine.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/endpoint.h>
#include <object/finalise.h>
#include <object/notification.h>

#define WEAK __attribute__((weak))

WEAK void finalise_endpoint(struct cap cap)
{
    endpoint_finalise(kva(cap_endpoint_paddr(cap)));
}

WEAK void finalise_notification(struct cap cap)
{
    notification_finalise(kva(cap_notification_paddr(cap)));
}

WEAK void endpoint_cancel_badged_sends(struct cap cap)
{
    cancel_badged_sends(kva(cap_endpoint_paddr(cap)), cap_endpoint_badge(cap));
}

WEAK void finalise_irq_handler(struct cap cap) { (void)cap; }
WEAK void finalise_io_port(struct cap cap) { (void)cap; }

WEAK void tcb_init_object(struct tcb *t)
{
    t->ctx.rflags = 0x202;
    t->ctx.cs = SEL_USER_CS;
    t->ctx.ss = SEL_USER_SS;
    t->time_slice = CONFIG_TIME_SLICE;
    t->state = THREAD_INACTIVE;
    fpu_init_thread(t);
    debug_register_thread(t);
}

WEAK void tcb_finalise(struct tcb *t)
{
    set_thread_state(t, THREAD_INACTIVE);
}

WEAK exception_t vspace_derive_cap(struct cap cap, struct cap *derived)
{
    switch (cap_type(cap)) {
    case cap_frame_cap:
        *derived = cap_set_mapping(cap, 0, 0);
        return EXCEPTION_NONE;
    case cap_page_table_cap:
    case cap_page_directory_cap:
    case cap_pdpt_cap:
    case cap_pml4_cap:
        if (!cap_table_is_mapped(cap)) {
            return syscall_error(seL4_IllegalOperation);
        }
        *derived = cap;
        return EXCEPTION_NONE;
    default:
        *derived = cap;
        return EXCEPTION_NONE;
    }
}

WEAK struct cap vspace_mask_cap_rights(uint64_t rights_word, struct cap cap)
{
    if (cap_type(cap) != cap_frame_cap) {
        return cap;
    }
    bool read = rights_word & 2, write = rights_word & 1;
    enum vm_rights r = cap_frame_rights(cap);
    enum vm_rights out = VM_KERNEL_ONLY;
    if (r == VM_READ_ONLY && read) {
        out = VM_READ_ONLY;
    } else if (r == VM_READ_WRITE && read) {
        out = write ? VM_READ_WRITE : VM_READ_ONLY;
    }
    return cap_frame_set_rights(cap, out);
}

WEAK bool vspace_same_region_as(struct cap a, struct cap b)
{
    unsigned t = cap_type(a);
    if (t == cap_asid_control_cap) {
        return cap_type(b) == cap_asid_control_cap;
    }
    if (cap_type(b) != t) {
        return false;
    }
    if (t == cap_frame_cap) {
        uint64_t a_base = cap_frame_paddr(a), b_base = cap_frame_paddr(b);
        uint64_t a_top = a_base + ((1ull << frame_size_bits(cap_frame_size(a))) - 1);
        uint64_t b_top = b_base + ((1ull << frame_size_bits(cap_frame_size(b))) - 1);
        return a_base <= b_base && a_top >= b_top && b_base <= b_top;
    }
    return cap_table_paddr(a) == cap_table_paddr(b);
}

WEAK bool vspace_same_object_as(struct cap a, struct cap b)
{
    if (cap_type(a) == cap_frame_cap && cap_type(b) == cap_frame_cap) {
        return cap_frame_paddr(a) == cap_frame_paddr(b) && cap_frame_size(a) == cap_frame_size(b) &&
               cap_frame_is_device(a) == cap_frame_is_device(b);
    }
    return vspace_same_region_as(a, b);
}

WEAK void vspace_finalise_cap(struct cap cap, bool final)
{
    (void)cap;
    (void)final;
}
