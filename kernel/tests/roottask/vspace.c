/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel VSpace test: a static root task in plain C with raw syscalls
 * that checks what the conformance suite cannot see from error codes: that
 * memory accesses follow every change of a mapping at once (no stale TLB
 * entry) in the root task's own, loaded address space. It retypes a page
 * directory, a page table and frames, maps them at 64 GiB, and checks:
 * a frame mapped over another shows the new frame's contents; unmapping a
 * stale frame cap leaves the newer mapping alone; a remap with fewer
 * rights keeps the contents; GetAddress gives the retyped addresses.
 * Exits QEMU with the number of failed checks (0 = all passed).
 *
 * With VSPACE_FAULT=N it ends in a fault the kernel must report as a VM
 * fault, after warming the TLB for the address: 1 reads a frame just
 * unmapped, 2 writes a frame remapped read-only, 3 reads through a page
 * table whose cap was just deleted, 4 reads a frame whose cap was just
 * deleted. Run with `run.sh vspace` or `run.sh vspaceN`.
 */
#include "roottask.h"

enum { L_RETYPE = 1, L_CNODE_DELETE = 18, L_PD_MAP = 35, L_PT_MAP = 37, L_PAGE_MAP = 39, L_PAGE_UNMAP = 40,
       L_PAGE_GET_ADDRESS = 41, L_IOPORT_ISSUE = 44, L_OUT32 = 50 };
enum { E_OK = 0, E_INVALID_ARGUMENT = 1, E_FAILED_LOOKUP = 6 };
enum { T_4K = 8, T_PAGE_TABLE = 10, T_PAGE_DIRECTORY = 11 };
enum { ROOT_CNODE = 2, ROOT_VSPACE = 3, IOPORT_CONTROL = 7 };

#define V 0x1000000000ull /* 64 GiB: inside the PDPT that maps the image */
#define RW 3
#define RO 2

struct reply {
    word label, mr[4];
};

/* seL4_Call with up to two extra caps and MRs 0-5 (4 and 5 go in the IPC buffer). */
static struct reply call(word cptr, word label, word length, word cap0, word cap1, const word *m)
{
    word extra = cap1 ? 2 : cap0 ? 1 : 0;
    ipc_buffer[122] = cap0;
    ipc_buffer[123] = cap1;
    for (word i = 4; i < length; i++) {
        ipc_buffer[1 + i] = m[i];
    }
    word rdi = cptr, rsi = (label << 12) | (extra << 7) | length;
    word mr[4] = {m[0], m[1], m[2], m[3]};
    raw_syscall(SYS_CALL, &rdi, &rsi, mr);
    return (struct reply){rsi >> 12, {mr[0], mr[1], mr[2], mr[3]}};
}

static word retype(word untyped, word type, word slot, word count)
{
    word m[6] = {type, 0, 0, 0, slot, count};
    return call(untyped, L_RETYPE, 6, ROOT_CNODE, 0, m).label;
}

static word map_table(word table, word label, word vaddr)
{
    word m[4] = {vaddr, 0, 0, 0};
    return call(table, label, 2, ROOT_VSPACE, 0, m).label;
}

static struct reply page_map(word frame, word vaddr, word rights)
{
    word m[4] = {vaddr, rights, 0, 0};
    return call(frame, L_PAGE_MAP, 3, ROOT_VSPACE, 0, m);
}

static word page_unmap(word frame)
{
    word m[4] = {0};
    return call(frame, L_PAGE_UNMAP, 0, 0, 0, m).label;
}

static word page_address(word frame)
{
    word m[4] = {0};
    return call(frame, L_PAGE_GET_ADDRESS, 0, 0, 0, m).mr[0];
}

static word cnode_delete(word slot)
{
    word m[4] = {slot, 64, 0, 0};
    return call(ROOT_CNODE, L_CNODE_DELETE, 2, 0, 0, m).label;
}

static volatile word *at(word vaddr)
{
    return (volatile word *)vaddr;
}

static void exit_qemu(word slot)
{
    word m[4] = {0xf4, 0xf7, slot, 64};
    call(IOPORT_CONTROL, L_IOPORT_ISSUE, 4, ROOT_CNODE, 0, m);
    print(failures ? "vspace: FAILED\n" : "vspace: all checks passed\n");
    word out[4] = {0xf4, (word)failures, 0, 0};
    call(slot, L_OUT32, 2, 0, 0, out);
}

void vspace_main(word *bootinfo);
void vspace_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word slot = bootinfo[5];
    word untyped = biggest_ram_untyped(bootinfo);
    print("vspace: hello\n");

    word pd = slot++, pt = slot++, a = slot, b = slot + 1, c = slot + 2;
    slot += 3;
    check("retype PD", retype(untyped, T_PAGE_DIRECTORY, pd, 1), E_OK);
    check("retype PT", retype(untyped, T_PAGE_TABLE, pt, 1), E_OK);
    check("retype frames", retype(untyped, T_4K, a, 3), E_OK);
    check("map PD", map_table(pd, L_PD_MAP, V), E_OK);
    check("map PT", map_table(pt, L_PT_MAP, V), E_OK);
    check("frames are consecutive", page_address(b), page_address(a) + 0x1000);

    /* A frame mapped over another: the new one shows at once. */
    check("map a", page_map(a, V, RW).label, E_OK);
    *at(V) = 0xaaaa;
    check("read a", *at(V), 0xaaaa);
    check("map b over a", page_map(b, V, RW).label, E_OK);
    check("b is fresh", *at(V), 0);
    *at(V) = 0xbbbb;
    /* a's cap still records V: only V is allowed, and unmapping it leaves b alone. */
    struct reply r = page_map(a, V + 0x1000, RW);
    check("stale a elsewhere", r.label, E_INVALID_ARGUMENT);
    check("unmap stale a", page_unmap(a), E_OK);
    check("b still mapped", *at(V), 0xbbbb);
    check("map a again", page_map(a, V + 0x1000, RW).label, E_OK);
    check("a kept its contents", *at(V + 0x1000), 0xaaaa);

    /* Remap with fewer rights: same contents, still readable. */
    check("remap a read-only", page_map(a, V + 0x1000, RO).label, E_OK);
    check("read-only a", *at(V + 0x1000), 0xaaaa);
    check("remap a read-write", page_map(a, V + 0x1000, RW).label, E_OK);
    *at(V + 0x1000) = 0xa2a2;
    check("write a again", *at(V + 0x1000), 0xa2a2);

    /* Unmap and map back at the same address. */
    check("unmap b", page_unmap(b), E_OK);
    check("map c where b was", page_map(c, V, RW).label, E_OK);
    check("c is fresh", *at(V), 0);
    check("unmap c", page_unmap(c), E_OK);
    check("map b back", page_map(b, V, RW).label, E_OK);
    check("b kept its contents", *at(V), 0xbbbb);

#ifdef VSPACE_FAULT
    print("vspace: faulting on purpose\n");
    if (VSPACE_FAULT == 1) {
        check("unmap b", page_unmap(b), E_OK);
        (void)*at(V); /* vm fault on data at V, status 4 */
    } else if (VSPACE_FAULT == 2) {
        check("remap a read-only", page_map(a, V + 0x1000, RO).label, E_OK);
        *at(V + 0x1000) = 1; /* vm fault on data at V + 4K, status 7 */
    } else if (VSPACE_FAULT == 3) {
        check("delete the PT cap", cnode_delete(pt), E_OK);
        (void)*at(V + 0x1000); /* vm fault on data at V + 4K, status 4 */
    } else {
        check("delete a's cap", cnode_delete(a), E_OK);
        (void)*at(V + 0x1000); /* vm fault on data at V + 4K, status 4 */
    }
    print("vspace: still running after the fault\n");
    failures++;
#else
    /* Deleting a table's last cap unmaps it: frames under it are gone. */
    check("delete the PT cap", cnode_delete(pt), E_OK);
    r = page_map(c, V + 0x2000, RW);
    check("no PT after delete", r.label, E_FAILED_LOOKUP);
    check("no PT: bits left", r.mr[2], 21);
#endif
    exit_qemu(slot);
    for (;;) {
    }
}

/* The kernel starts us with RSP = 0 and RDI = boot info: give ourselves a stack. */
unsigned char vspace_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea vspace_stack+16384(%rip), %rsp\n"
        "  call vspace_main\n"
        "  ud2\n");
