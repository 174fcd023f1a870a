/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Capabilities and capability table entries.
 *
 * A cap is two 64-bit words, as in seL4: the tag (ABI section 16, the value
 * DebugCapIdentify returns) in bits 63..59 of the first word, the rest laid
 * out per type below. A cte (capability table entry, one CNode slot) is a cap
 * plus its derivation links, 32 bytes (seL4_SlotBits = 5). Caps hold physical
 * addresses; the kernel reaches objects through the PPTR window (kva()).
 *
 * Layouts (w0 = first word, w1 = second word):
 *   untyped    w0: is_device 58, size_bits 57..52, paddr 47..0; w1: free index (bytes)
 *   cnode      w0: guard_size 57..52, radix 51..46, paddr 45..0; w1: guard
 *   thread     w0: paddr of the TCB
 *   frame      w0: is_device 58, size 57..56, rights 55..54, paddr 47..0; w1: asid 63..48, vaddr 47..0
 *   page_table, page_directory, pdpt, pml4, asid_pool
 *              w0: mapped 58, paddr 47..0; w1: asid 63..48, vaddr 47..0
 *   io_port    w0: first port 31..16, last port 15..0
 *   endpoint   w0: grant_reply 58, grant 57, receive 56, send 55, paddr 47..0; w1: badge
 *   notification w0: receive 56, send 55, paddr 47..0; w1: badge
 *   reply      w0: master 58, can_grant 57, paddr of the caller's TCB 47..0
 *   irq_handler w0: irq 7..0
 *   zombie     w0: is_tcb 58, radix 57..52, paddr of the first slot 47..0; w1: slots left
 *              (a container object, CNode or TCB, whose last cap is being deleted)
 *   irq_control, asid_control, domain, io_port_control, null: the tag only
 */
#ifndef OBJECT_CAP_H
#define OBJECT_CAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <generated/sel4_api.h>

struct cap {
    uint64_t w0, w1;
};

/* Derivation links (seL4's mdb node): neighbours in the derivation order. */
struct mdb_node {
    uint64_t prev; /* kernel address of the previous cte, 0 for none */
    uint64_t next; /* kernel address of the next cte, 0 for none; bit 0: revocable */
};

struct cte {
    struct cap cap;
    struct mdb_node mdb;
};
_Static_assert(sizeof(struct cte) == 1u << seL4_SlotBits, "a cte is one CNode slot");

#define CAP_PADDR_MASK 0xffffffffffffull

/* Frame sizes (frame w0 bits 57..56). */
enum frame_size { FRAME_4K = 0, FRAME_2M = 1, FRAME_1G = 2 };
/* seL4's VM rights (frame w0 bits 55..54). */
enum vm_rights { VM_KERNEL_ONLY = 1, VM_READ_ONLY = 2, VM_READ_WRITE = 3 };

static inline unsigned cap_type(struct cap c) { return (unsigned)(c.w0 >> 59); }
static inline struct cap cap_null(void) { return (struct cap){0, 0}; }
static inline struct cap cap_tag_only(unsigned tag) { return (struct cap){(uint64_t)tag << 59, 0}; }

/* untyped */
static inline struct cap cap_untyped(uint64_t paddr, unsigned size_bits, bool is_device)
{
    return (struct cap){((uint64_t)cap_untyped_cap << 59) | ((uint64_t)is_device << 58) |
                            ((uint64_t)(size_bits & 63) << 52) | (paddr & CAP_PADDR_MASK),
                        0};
}
static inline uint64_t cap_untyped_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }
static inline unsigned cap_untyped_size_bits(struct cap c) { return (c.w0 >> 52) & 63; }
static inline bool cap_untyped_is_device(struct cap c) { return (c.w0 >> 58) & 1; }

/* cnode */
static inline struct cap cap_cnode(uint64_t paddr, unsigned radix, unsigned guard_size, uint64_t guard)
{
    return (struct cap){((uint64_t)cap_cnode_cap << 59) | ((uint64_t)(guard_size & 63) << 52) |
                            ((uint64_t)(radix & 63) << 46) | (paddr & 0x3fffffffffffull),
                        guard};
}
static inline uint64_t cap_cnode_paddr(struct cap c) { return c.w0 & 0x3fffffffffffull; }
static inline unsigned cap_cnode_radix(struct cap c) { return (c.w0 >> 46) & 63; }
static inline unsigned cap_cnode_guard_size(struct cap c) { return (c.w0 >> 52) & 63; }
static inline uint64_t cap_cnode_guard(struct cap c) { return c.w1; }

/* thread */
static inline struct cap cap_thread(uint64_t tcb_paddr)
{
    return (struct cap){((uint64_t)cap_thread_cap << 59) | (tcb_paddr & CAP_PADDR_MASK), 0};
}
static inline uint64_t cap_thread_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }

/* frame */
static inline struct cap cap_frame(uint64_t paddr, enum frame_size size, enum vm_rights rights, bool is_device,
                                   uint64_t asid, uint64_t vaddr)
{
    return (struct cap){((uint64_t)cap_frame_cap << 59) | ((uint64_t)is_device << 58) | ((uint64_t)size << 56) |
                            ((uint64_t)rights << 54) | (paddr & CAP_PADDR_MASK),
                        (asid << 48) | (vaddr & CAP_PADDR_MASK)};
}
static inline uint64_t cap_frame_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }
static inline enum frame_size cap_frame_size(struct cap c) { return (enum frame_size)((c.w0 >> 56) & 3); }
static inline enum vm_rights cap_frame_rights(struct cap c) { return (enum vm_rights)((c.w0 >> 54) & 3); }
static inline bool cap_frame_is_device(struct cap c) { return (c.w0 >> 58) & 1; }
static inline uint64_t cap_frame_vaddr(struct cap c) { return c.w1 & CAP_PADDR_MASK; }
static inline unsigned frame_size_bits(enum frame_size s) { return s == FRAME_4K ? 12 : s == FRAME_2M ? 21 : 30; }

/* paging structures and ASID pools: one object address, optionally mapped */
static inline struct cap cap_table(unsigned tag, uint64_t paddr, bool mapped, uint64_t asid, uint64_t vaddr)
{
    return (struct cap){((uint64_t)tag << 59) | ((uint64_t)mapped << 58) | (paddr & CAP_PADDR_MASK),
                        (asid << 48) | (vaddr & CAP_PADDR_MASK)};
}
static inline uint64_t cap_table_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }

/* io_port */
static inline struct cap cap_io_port(uint16_t first, uint16_t last)
{
    return (struct cap){((uint64_t)cap_io_port_cap << 59) | ((uint64_t)first << 16) | last, 0};
}
static inline uint16_t cap_io_port_first(struct cap c) { return (uint16_t)(c.w0 >> 16); }
static inline uint16_t cap_io_port_last(struct cap c) { return (uint16_t)c.w0; }

/* endpoint: the rights bits 58..55 are the seL4_CapRights word (GrantReply,
   Grant, Read = receive, Write = send) shifted up by 55. */
#define CAP_RIGHTS_SHIFT 55
static inline struct cap cap_endpoint(uint64_t paddr, uint64_t badge, uint64_t rights)
{
    return (struct cap){((uint64_t)cap_endpoint_cap << 59) | ((rights & 15) << CAP_RIGHTS_SHIFT) |
                            (paddr & CAP_PADDR_MASK),
                        badge};
}
static inline uint64_t cap_endpoint_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }
static inline uint64_t cap_endpoint_badge(struct cap c) { return c.w1; }
static inline uint64_t cap_endpoint_rights(struct cap c) { return (c.w0 >> CAP_RIGHTS_SHIFT) & 15; }
static inline bool cap_endpoint_can_send(struct cap c) { return (c.w0 >> 55) & 1; }
static inline bool cap_endpoint_can_receive(struct cap c) { return (c.w0 >> 56) & 1; }
static inline bool cap_endpoint_can_grant(struct cap c) { return (c.w0 >> 57) & 1; }
static inline bool cap_endpoint_can_grant_reply(struct cap c) { return (c.w0 >> 58) & 1; }

/* notification: only the receive (Read) and send (Write) rights exist. */
static inline struct cap cap_notification(uint64_t paddr, uint64_t badge, uint64_t rights)
{
    return (struct cap){((uint64_t)cap_notification_cap << 59) | ((rights & 3) << CAP_RIGHTS_SHIFT) |
                            (paddr & CAP_PADDR_MASK),
                        badge};
}
static inline uint64_t cap_notification_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }
static inline uint64_t cap_notification_badge(struct cap c) { return c.w1; }
static inline uint64_t cap_notification_rights(struct cap c) { return (c.w0 >> CAP_RIGHTS_SHIFT) & 3; }
static inline bool cap_notification_can_send(struct cap c) { return (c.w0 >> 55) & 1; }
static inline bool cap_notification_can_receive(struct cap c) { return (c.w0 >> 56) & 1; }

/* reply */
static inline struct cap cap_reply(uint64_t tcb_paddr, bool master, bool can_grant)
{
    return (struct cap){((uint64_t)cap_reply_cap << 59) | ((uint64_t)master << 58) | ((uint64_t)can_grant << 57) |
                            (tcb_paddr & CAP_PADDR_MASK),
                        0};
}
static inline uint64_t cap_reply_tcb_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }
static inline bool cap_reply_is_master(struct cap c) { return (c.w0 >> 58) & 1; }
static inline bool cap_reply_can_grant(struct cap c) { return (c.w0 >> 57) & 1; }

/* irq_handler */
static inline struct cap cap_irq_handler(uint64_t irq)
{
    return (struct cap){((uint64_t)cap_irq_handler_cap << 59) | (irq & 0xff), 0};
}
static inline uint64_t cap_irq_handler_irq(struct cap c) { return c.w0 & 0xff; }

/* untyped free index: bytes of the block in use from its start (the watermark). */
static inline uint64_t cap_untyped_free_index(struct cap c) { return c.w1; }
static inline struct cap cap_untyped_set_free_index(struct cap c, uint64_t bytes)
{
    c.w1 = bytes;
    return c;
}

/* zombie */
static inline struct cap cap_zombie(uint64_t first_slot_paddr, bool is_tcb, unsigned radix, uint64_t slots_left)
{
    return (struct cap){((uint64_t)cap_zombie_cap << 59) | ((uint64_t)is_tcb << 58) | ((uint64_t)(radix & 63) << 52) |
                            (first_slot_paddr & CAP_PADDR_MASK),
                        slots_left};
}
static inline uint64_t cap_zombie_paddr(struct cap c) { return c.w0 & CAP_PADDR_MASK; }
static inline bool cap_zombie_is_tcb(struct cap c) { return (c.w0 >> 58) & 1; }
static inline unsigned cap_zombie_radix(struct cap c) { return (c.w0 >> 52) & 63; }
static inline uint64_t cap_zombie_slots_left(struct cap c) { return c.w1; }

#endif /* OBJECT_CAP_H */
