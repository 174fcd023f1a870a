/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel VSpace trace: a root task that makes a few thousand random but
 * reproducible VSpace invocations (Map and Unmap of frames and paging
 * structures of every size, into two new VSpaces and into invalid ones,
 * at addresses near every boundary that matters, with random rights and
 * attributes; GetAddress; copies and deletions of the caps; ASID
 * assignment) and prints one line per call with the reply: the error and
 * its message registers, or the address GetAddress gives (relative to its
 * untyped). The output must be the same on devkernel and on real seL4:
 *
 *   run.sh vspacetrace > a.txt
 *   DEVKERNEL_IMAGE=<seL4 kernel32.elf> run.sh vspacetrace > b.txt
 *   diff <(grep '^t ' a.txt) <(grep '^t ' b.txt)
 *
 * Frames mapped into the root task's own VSpace go only to a page table at
 * 64 GiB, so the task's image stays mapped and every call returns.
 */
#include "roottask.h"

enum { L_RETYPE = 1, L_CNODE_DELETE = 18, L_CNODE_COPY = 20, L_PDPT_MAP = 33, L_PDPT_UNMAP = 34, L_PD_MAP = 35,
       L_PD_UNMAP = 36, L_PT_MAP = 37, L_PT_UNMAP = 38, L_PAGE_MAP = 39, L_PAGE_UNMAP = 40,
       L_PAGE_GET_ADDRESS = 41, L_MAKE_POOL = 42, L_ASID_ASSIGN = 43, L_IOPORT_ISSUE = 44, L_OUT32 = 50 };
enum { T_UNTYPED = 0, T_PDPT = 5, T_PML4 = 6, T_1G = 7, T_4K = 8, T_2M = 9, T_PT = 10, T_PD = 11 };
enum { ROOT_CNODE = 2, ROOT_VSPACE = 3, ASID_CONTROL = 5, ASID_POOL = 6, IOPORT_CONTROL = 7 };

#define V 0x1000000000ull
#define N_OPS 4000

#ifndef TRACE_SEED
#define TRACE_SEED 0x243f6a8885a308d3ull /* any non-zero value gives another trace */
#endif
static word rng = TRACE_SEED;

static word next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* One field of a trace line: a space, then v in hexadecimal. */
static void print_field(word v)
{
    print(" ");
    print_hex(v);
}

struct reply {
    word label, length, mr[4];
};

/* seL4_Call with up to two extra caps and MRs 0-5 (4 and 5 go in the IPC buffer). */
static struct reply call(word cptr, word label, word length, word extra, word cap0, word cap1, const word *m)
{
    ipc_buffer[122] = cap0;
    ipc_buffer[123] = cap1;
    for (word i = 4; i < length; i++) {
        ipc_buffer[1 + i] = m[i];
    }
    word rdi = cptr, rsi = (label << 12) | (extra << 7) | length;
    word mr[4] = {m[0], m[1], m[2], m[3]};
    raw_syscall(SYS_CALL, &rdi, &rsi, mr);
    return (struct reply){rsi >> 12, rsi & 0x7f, {mr[0], mr[1], mr[2], mr[3]}};
}

/* One trace line: the operation, its arguments, the error and its MRs. */
static void trace(int i, const char *op, word a, word b, struct reply r)
{
    print("t");
    print_field((word)i);
    print(" ");
    print(op);
    print_field(a);
    print_field(b);
    print(" ->");
    print_field(r.label);
    for (word k = 0; k < r.length && k < 4; k++) {
        print_field(r.mr[k]);
    }
    print("\n");
}

static word retype(word untyped, word type, word bits, word slot, word count)
{
    word m[6] = {type, bits, 0, 0, slot, count};
    return call(untyped, L_RETYPE, 6, 1, ROOT_CNODE, 0, m).label;
}

/* The smallest device untyped of at least 2^bits bytes (for 1 GiB pages), or 0. */
static word device_untyped(const word *bootinfo, word bits)
{
    word first = bootinfo[19], end = bootinfo[20], best = 0, best_bits = 64;
    const uint8_t *list = (const uint8_t *)&bootinfo[21];
    for (word slot = first; slot < end; slot++) {
        const uint8_t *desc = list + (slot - first) * 16;
        if (desc[9] && desc[8] >= bits && desc[8] < best_bits) {
            best = slot;
            best_bits = desc[8];
        }
    }
    return best;
}

/* Addresses near every boundary the Map checks care about. */
static word random_vaddr(void)
{
    static const word base[] = {V, V + 0x1000, V + 0x200000, V + 0x40000000, V + 0x8000000000ull,
                                0x7fffffffe000ull, 0x7fffffe00000ull, 0x7fffc0000000ull, 0x7ffffffff000ull,
                                0x800000000000ull, 0xffffff8000000000ull, 0, 0x400000};
    /* Half the time somewhere the tables below V cover, where maps can succeed. */
    word v = next() % 2 ? V : base[next() % (sizeof(base) / sizeof(base[0]))];
    switch (next() % 8) {
    case 0:
        return v + 8;
    case 1:
        return v + 0x1000 * (next() % 4);
    case 2:
        return v + 0x200000 * (next() % 3);
    default:
        return v;
    }
}

struct objects {
    word first, count; /* slots first .. first + count - 1 */
    word untyped;      /* the untyped they came from, for relative addresses */
};

static word random_object(const struct objects *o)
{
    return o->first + next() % o->count;
}

void trace_main(word *bootinfo);
void trace_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word slot = bootinfo[5];
    word big = biggest_ram_untyped(bootinfo);
    print("vspace trace: start\n");

    /* A 64 MiB untyped, then the objects from it, each kind in a row of slots. */
    word untyped = slot++;
    if (retype(big, T_UNTYPED, 26, untyped, 1)) {
        print("vspace trace: cannot retype\n");
        return;
    }
    /* Kinds 0-5 are PML4s, PDPTs, PDs, PTs, 4 KiB and 2 MiB frames; 6 are 1 GiB
       device frames; 7 are 4 KiB untypeds for ASID pools. */
    static const word kinds[] = {T_PML4, T_PDPT, T_PD, T_PT, T_4K, T_2M, T_1G, T_UNTYPED};
    static const word counts[] = {3, 4, 6, 8, 12, 3, 2, 4};
    word first_of_kind[8];
    word device = device_untyped(bootinfo, 31);
    for (int k = 0; k < 8; k++) {
        first_of_kind[k] = slot;
        word from = kinds[k] == T_1G ? device : untyped;
        if (retype(from, kinds[k], kinds[k] == T_UNTYPED ? 12 : 0, slot, counts[k])) {
            print("vspace trace: cannot retype objects\n");
            return;
        }
        slot += counts[k];
    }
    /* A page directory and page table at V in the root task's own VSpace,
       outside the random set, so frames can be mapped there. */
    word root_tables = slot;
    slot += 2;
    if (retype(untyped, T_PD, 0, root_tables, 1) || retype(untyped, T_PT, 0, root_tables + 1, 1)) {
        print("vspace trace: cannot retype root tables\n");
        return;
    }
    word tm[4] = {V, 0, 0, 0};
    trace(-4, "roottable", 0, V, call(root_tables, L_PD_MAP, 2, 1, ROOT_VSPACE, 0, tm));
    trace(-3, "roottable", 1, V, call(root_tables + 1, L_PT_MAP, 2, 1, ROOT_VSPACE, 0, tm));
    word copies = slot;
    slot += 16;
    struct objects all = {first_of_kind[0], slot - first_of_kind[0], untyped};
    word m0[4] = {0};
    word untyped_base = call(first_of_kind[4], L_PAGE_GET_ADDRESS, 0, 0, 0, 0, m0).mr[0];
    /* Two of the PML4s get ASIDs; the third stays unassigned. */
    trace(-2, "assign", 0, 0, call(ASID_POOL, L_ASID_ASSIGN, 0, 1, first_of_kind[0], 0, m0));
    trace(-1, "assign", 1, 0, call(ASID_POOL, L_ASID_ASSIGN, 0, 1, first_of_kind[0] + 1, 0, m0));

    for (int i = 0; i < N_OPS; i++) {
        word obj = random_object(&all);
        word vspace_choice = next() % 8;
        /* Mostly one of the two assigned PML4s; sometimes the unassigned one or any cap. */
        word vspace = vspace_choice == 0 ? first_of_kind[0] + 2
                      : vspace_choice == 1 ? random_object(&all)
                                           : first_of_kind[0] + next() % 2;
        word vaddr = random_vaddr();
        word op = next() % 16;
        /* Mostly an object of the kind the operation is for. */
        word kind = op < 6 || op == 11 || op == 15 ? 4 + next() % 3 : op == 13 ? 7 : 1 + next() % 3;
        if (next() % 4) {
            obj = first_of_kind[kind] + next() % counts[kind];
        }
        word m[4] = {vaddr, 0, 0, 0};
        struct reply r;
        if (op < 6) {
            m[1] = next() % 4 ? 3 : next() % 16;
            m[2] = next() % 4 ? 0 : next() % 8;
            r = call(obj, L_PAGE_MAP, 3, 1, vspace, 0, m);
            trace(i, "map", obj - all.first, vaddr, r);
        } else if (op < 9) {
            static const word labels[] = {L_PDPT_MAP, L_PD_MAP, L_PT_MAP};
            m[1] = next() % 8;
            word label = next() % 4 && kind >= 1 && kind <= 3 ? labels[kind - 1] : labels[next() % 3];
            r = call(obj, label, 2, 1, vspace, 0, m);
            trace(i, "tmap", obj - all.first, vaddr, r);
        } else if (op < 11) {
            static const word labels[] = {L_PAGE_UNMAP, L_PDPT_UNMAP, L_PD_UNMAP, L_PT_UNMAP};
            word label = next() % 4 && kind >= 1 && kind <= 3 ? labels[kind] : labels[next() % 4];
            r = call(obj, label, 0, 0, 0, 0, m);
            trace(i, "unmap", obj - all.first, 0, r);
        } else if (op == 11) {
            r = call(obj, L_PAGE_GET_ADDRESS, 0, 0, 0, 0, m);
            if (r.label == 0) {
                r.mr[0] -= untyped_base;
            }
            trace(i, "addr", obj - all.first, 0, r);
        } else if (op == 12) {
            word dest = copies + next() % 16;
            word cm[5] = {dest, 64, obj, 64, next() % 16};
            ipc_buffer[1 + 4] = cm[4];
            r = call(ROOT_CNODE, L_CNODE_COPY, 5, 1, ROOT_CNODE, 0, cm);
            trace(i, "copy", obj - all.first, dest - all.first, r);
        } else if (op == 13 && next() % 16 == 0) {
            word cm[4] = {obj, 64, 0, 0};
            r = call(ROOT_CNODE, L_CNODE_DELETE, 2, 0, 0, 0, cm);
            trace(i, "delete", obj - all.first, 0, r);
        } else if (op == 13 && next() % 16 == 0) {
            word dest = copies + next() % 16;
            word pm[4] = {dest, 64, 0, 0};
            r = call(ASID_CONTROL, L_MAKE_POOL, 2, 2, obj, ROOT_CNODE, pm);
            trace(i, "makepool", obj - all.first, dest - all.first, r);
        } else if (op == 14) {
            r = call(ASID_POOL, L_ASID_ASSIGN, 0, 1, obj, 0, m);
            trace(i, "assign", obj - all.first, 0, r);
        } else {
            /* Map into the root task's own VSpace, away from its image. */
            m[0] = vaddr = V + 0x1000 * (next() % 4) + (next() % 8 == 0 ? 0x200000 : 0);
            m[1] = 3;
            r = call(obj, L_PAGE_MAP, 3, 1, ROOT_VSPACE, 0, m);
            trace(i, "rootmap", obj - all.first, vaddr, r);
        }
    }

    word exit_slot = slot;
    word im[4] = {0xf4, 0xf7, exit_slot, 64};
    call(IOPORT_CONTROL, L_IOPORT_ISSUE, 4, 1, ROOT_CNODE, 0, im);
    print("vspace trace: done\n");
    word out[4] = {0xf4, 0, 0, 0};
    call(exit_slot, L_OUT32, 2, 0, 0, 0, out);
    for (;;) {
    }
}

/* The kernel starts us with RSP = 0 and RDI = boot info: give ourselves a stack. */
unsigned char trace_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea trace_stack+16384(%rip), %rsp\n"
        "  call trace_main\n"
        "  ud2\n");
