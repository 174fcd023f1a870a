/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Type-by-type answers to what the CNode, derivation-tree and deletion code
 * ask of a cap (include/object/cap_ops.h), following seL4's rules. Frames,
 * paging structures and ASID caps are answered by the vspace code.
 */
#include <kernel/cdt.h>
#include <object/cap_ops.h>
#include <object/vspace.h>

bool cap_is_physical(struct cap c)
{
    switch (cap_type(c)) {
    case cap_untyped_cap:
    case cap_endpoint_cap:
    case cap_notification_cap:
    case cap_cnode_cap:
    case cap_thread_cap:
    case cap_zombie_cap:
    case cap_frame_cap:
    case cap_page_table_cap:
    case cap_page_directory_cap:
    case cap_pdpt_cap:
    case cap_pml4_cap:
    case cap_asid_pool_cap:
        return true;
    default:
        return false;
    }
}

uint64_t cap_object_base(struct cap c)
{
    switch (cap_type(c)) {
    case cap_untyped_cap:
        return cap_untyped_paddr(c);
    case cap_cnode_cap:
        return cap_cnode_paddr(c);
    case cap_zombie_cap:
        /* A TCB zombie points at the TCB's first slot, inside the object. */
        return cap_zombie_paddr(c) & ~((1ull << cap_object_size_bits(c)) - 1);
    default:
        return c.w0 & CAP_PADDR_MASK;
    }
}

unsigned cap_object_size_bits(struct cap c)
{
    switch (cap_type(c)) {
    case cap_untyped_cap:
        return cap_untyped_size_bits(c);
    case cap_endpoint_cap:
        return seL4_EndpointBits;
    case cap_notification_cap:
        return seL4_NotificationBits;
    case cap_cnode_cap:
        return cap_cnode_radix(c) + seL4_SlotBits;
    case cap_thread_cap:
        return seL4_TCBBits;
    case cap_zombie_cap:
        return cap_zombie_is_tcb(c) ? seL4_TCBBits : cap_zombie_radix(c) + seL4_SlotBits;
    case cap_frame_cap:
        return frame_size_bits(cap_frame_size(c));
    case cap_page_table_cap:
    case cap_page_directory_cap:
    case cap_pdpt_cap:
    case cap_pml4_cap:
    case cap_asid_pool_cap:
        return 12;
    default:
        return 0;
    }
}

bool same_region_as(struct cap a, struct cap b)
{
    unsigned ta = cap_type(a), tb = cap_type(b);
    switch (ta) {
    case cap_untyped_cap: {
        if (!cap_is_physical(b)) {
            return false;
        }
        uint64_t a_base = cap_untyped_paddr(a), a_top = a_base + ((1ull << cap_untyped_size_bits(a)) - 1);
        uint64_t b_base = cap_object_base(b), b_top = b_base + ((1ull << cap_object_size_bits(b)) - 1);
        return a_base <= b_base && b_top <= a_top && b_base <= b_top;
    }
    case cap_endpoint_cap:
        return tb == cap_endpoint_cap && cap_endpoint_paddr(a) == cap_endpoint_paddr(b);
    case cap_notification_cap:
        return tb == cap_notification_cap && cap_notification_paddr(a) == cap_notification_paddr(b);
    case cap_cnode_cap:
        return tb == cap_cnode_cap && cap_cnode_paddr(a) == cap_cnode_paddr(b) &&
               cap_cnode_radix(a) == cap_cnode_radix(b);
    case cap_thread_cap:
        return tb == cap_thread_cap && cap_thread_paddr(a) == cap_thread_paddr(b);
    case cap_reply_cap:
        return tb == cap_reply_cap && cap_reply_tcb_paddr(a) == cap_reply_tcb_paddr(b);
    case cap_domain_cap:
        return tb == cap_domain_cap;
    case cap_irq_control_cap:
        return tb == cap_irq_control_cap || tb == cap_irq_handler_cap;
    case cap_irq_handler_cap:
        return tb == cap_irq_handler_cap && cap_irq_handler_irq(a) == cap_irq_handler_irq(b);
    case cap_io_port_control_cap:
        return tb == cap_io_port_control_cap || tb == cap_io_port_cap;
    case cap_io_port_cap:
        return tb == cap_io_port_cap && cap_io_port_first(a) == cap_io_port_first(b) &&
               cap_io_port_last(a) == cap_io_port_last(b);
    default:
        if (is_vspace_cap_type(ta)) {
            return vspace_same_region_as(a, b);
        }
        return false; /* null, zombie */
    }
}

bool same_object_as(struct cap a, struct cap b)
{
    unsigned ta = cap_type(a), tb = cap_type(b);
    if (ta == cap_untyped_cap) {
        return false;
    }
    if (ta == cap_irq_control_cap && tb == cap_irq_handler_cap) {
        return false;
    }
    if (ta == cap_io_port_control_cap && tb == cap_io_port_cap) {
        return false;
    }
    if (is_vspace_cap_type(ta) && is_vspace_cap_type(tb)) {
        return vspace_same_object_as(a, b);
    }
    return same_region_as(a, b);
}

bool is_cap_revocable(struct cap derived, struct cap src)
{
    switch (cap_type(derived)) {
    case cap_endpoint_cap:
        return cap_endpoint_badge(derived) != cap_endpoint_badge(src);
    case cap_notification_cap:
        return cap_notification_badge(derived) != cap_notification_badge(src);
    case cap_irq_handler_cap:
        return cap_type(src) == cap_irq_control_cap;
    case cap_io_port_cap:
        return cap_type(src) == cap_io_port_control_cap;
    case cap_untyped_cap:
        return true;
    default:
        return false;
    }
}

struct cap mask_cap_rights(uint64_t rights_word, struct cap c)
{
    uint64_t r = rights_word & 15;
    switch (cap_type(c)) {
    case cap_endpoint_cap:
        c.w0 &= ~((uint64_t)15 << CAP_RIGHTS_SHIFT) | (r << CAP_RIGHTS_SHIFT);
        return c;
    case cap_notification_cap:
        c.w0 &= ~((uint64_t)3 << CAP_RIGHTS_SHIFT) | ((r & 3) << CAP_RIGHTS_SHIFT);
        return c;
    case cap_reply_cap:
        if (!(r & 4)) {
            c.w0 &= ~(1ull << 57);
        }
        return c;
    default:
        if (is_vspace_cap_type(cap_type(c))) {
            return vspace_mask_cap_rights(rights_word, c);
        }
        return c;
    }
}

struct cap update_cap_data(bool preserve, uint64_t data, struct cap c)
{
    switch (cap_type(c)) {
    case cap_endpoint_cap:
        if (!preserve && cap_endpoint_badge(c) == 0) {
            c.w1 = data;
            return c;
        }
        return cap_null();
    case cap_notification_cap:
        if (!preserve && cap_notification_badge(c) == 0) {
            c.w1 = data;
            return c;
        }
        return cap_null();
    case cap_cnode_cap: {
        /* seL4_CNode_CapData: guard size in bits 5..0, guard in bits 63..6. */
        unsigned guard_size = data & 63;
        unsigned radix = cap_cnode_radix(c);
        if (guard_size + radix > 64) {
            return cap_null();
        }
        uint64_t guard = data >> 6;
        guard &= guard_size >= 64 ? ~0ull : (1ull << guard_size) - 1;
        return cap_cnode(cap_cnode_paddr(c), radix, guard_size, guard);
    }
    default:
        return c;
    }
}

exception_t derive_cap(struct cte *slot, struct cap c, struct cap *derived)
{
    unsigned t = cap_type(c);
    if (is_vspace_cap_type(t)) {
        return vspace_derive_cap(c, derived);
    }
    switch (t) {
    case cap_zombie_cap:
    case cap_irq_control_cap:
    case cap_reply_cap:
    case cap_io_port_control_cap:
        *derived = cap_null();
        return EXCEPTION_NONE;
    case cap_untyped_cap:
        if (cdt_has_children(slot)) {
            return syscall_error(seL4_RevokeFirst);
        }
        *derived = c;
        return EXCEPTION_NONE;
    default:
        *derived = c;
        return EXCEPTION_NONE;
    }
}

const char *cap_type_name(unsigned type)
{
    switch (type) {
    case cap_null_cap: return "null";
    case cap_untyped_cap: return "untyped";
    case cap_endpoint_cap: return "endpoint";
    case cap_notification_cap: return "notification";
    case cap_reply_cap: return "reply";
    case cap_cnode_cap: return "cnode";
    case cap_thread_cap: return "thread";
    case cap_irq_control_cap: return "irq_control";
    case cap_irq_handler_cap: return "irq_handler";
    case cap_zombie_cap: return "zombie";
    case cap_domain_cap: return "domain";
    case cap_frame_cap: return "frame";
    case cap_page_table_cap: return "page_table";
    case cap_page_directory_cap: return "page_directory";
    case cap_pdpt_cap: return "pdpt";
    case cap_pml4_cap: return "pml4";
    case cap_asid_control_cap: return "asid_control";
    case cap_asid_pool_cap: return "asid_pool";
    case cap_io_port_cap: return "io_port";
    case cap_io_port_control_cap: return "io_port_control";
    default: return "unknown";
    }
}
