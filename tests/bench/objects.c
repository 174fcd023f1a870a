/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Kernel objects for the benchmarks, made from one RAM untyped: slots taken
 * in order from the boot info's free range, frames mapped with whatever
 * paging structures are missing, a second address space that maps this
 * image's own frames (so a thread there runs the same code), and threads.
 * Every failure ends the run with the invocation's name and error.
 */
#include "bench.h"

static seL4_CPtr untyped;
static seL4_CPtr next_slot;
static seL4_CPtr end_slot;

void objects_init(const seL4_BootInfo *bi)
{
    /* console_init took the first two free slots. */
    next_slot = bi->empty.start + 2;
    end_slot = bi->empty.end;
    seL4_Word best_bits = 0;
    for (seL4_CPtr cap = bi->untyped.start; cap < bi->untyped.end; cap++) {
        const seL4_UntypedDesc *desc = &bi->untypedList[cap - bi->untyped.start];
        if (!desc->isDevice && desc->sizeBits > best_bits) {
            best_bits = desc->sizeBits;
            untyped = cap;
        }
    }
    if (best_bits < 20) {
        print("bench: no RAM untyped of 1 MiB or more\n");
        bench_exit(1);
    }
}

seL4_CPtr alloc_slot(void)
{
    if (next_slot >= end_slot) {
        print("bench: out of free slots\n");
        bench_exit(1);
    }
    return next_slot++;
}

seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = alloc_slot();
    check(seL4_Untyped_Retype(untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1), "Untyped_Retype");
    return slot;
}

/* Paging structure levels below the PML4, lowest first. */
enum level { PAGE_TABLE, PAGE_DIRECTORY, PDPT, LEVELS };

static const seL4_Word level_type[LEVELS] = { seL4_X86_PageTableObject, seL4_X86_PageDirectoryObject,
                                              seL4_X86_PDPTObject };
/* log2 of the span one structure of the level maps. */
static const seL4_Word level_span_bits[LEVELS] = { seL4_LargePageBits, seL4_HugePageBits, 39 };

static seL4_Error map_structure(enum level level, seL4_CPtr cap, seL4_CPtr vspace, seL4_Word vaddr)
{
    vaddr &= ~(((seL4_Word)1 << level_span_bits[level]) - 1);
    switch (level) {
    case PAGE_TABLE:
        return seL4_X86_PageTable_Map(cap, vspace, vaddr, seL4_X86_Default_VMAttributes);
    case PAGE_DIRECTORY:
        return seL4_X86_PageDirectory_Map(cap, vspace, vaddr, seL4_X86_Default_VMAttributes);
    default:
        return seL4_X86_PDPT_Map(cap, vspace, vaddr, seL4_X86_Default_VMAttributes);
    }
}

/* Makes and maps the structure of `level` covering vaddr, and the levels
 * above it that are missing (the map fails with FailedLookup until they
 * exist). */
static void add_structure(enum level level, seL4_CPtr vspace, seL4_Word vaddr)
{
    seL4_CPtr cap = alloc_object(level_type[level], 0);
    seL4_Error error = map_structure(level, cap, vspace, vaddr);
    if (error == seL4_FailedLookup && level + 1 < LEVELS) {
        add_structure(level + 1, vspace, vaddr);
        error = map_structure(level, cap, vspace, vaddr);
    }
    check(error, "mapping a paging structure");
}

void map_frame(seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr)
{
    seL4_Error error = seL4_X86_Page_Map(frame, vspace, vaddr, seL4_ReadWrite, seL4_X86_Default_VMAttributes);
    if (error == seL4_FailedLookup) {
        add_structure(PAGE_TABLE, vspace, vaddr);
        error = seL4_X86_Page_Map(frame, vspace, vaddr, seL4_ReadWrite, seL4_X86_Default_VMAttributes);
    }
    check(error, "X86_Page_Map");
}

seL4_CPtr new_vspace_sharing_image(const seL4_BootInfo *bi)
{
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    check(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), "X86_ASIDPool_Assign");
    /* The image ends where the IPC buffer begins; one frame cap per page.
     * A frame cap maps once, so each page is mapped through a copy. */
    seL4_Word pages = bi->userImageFrames.end - bi->userImageFrames.start;
    seL4_Word image_start = (seL4_Word)bi->ipcBuffer - (pages << seL4_PageBits);
    for (seL4_Word i = 0; i < pages; i++) {
        seL4_CPtr copy = alloc_slot();
        check(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode,
                              bi->userImageFrames.start + i, seL4_WordBits, seL4_AllRights),
              "CNode_Copy of an image frame");
        map_frame(pml4, copy, image_start + (i << seL4_PageBits));
    }
    return pml4;
}

/* Where a new thread starts (RDI, RSI, RDX set by start_thread). */
static void thread_entry(void (*entry)(seL4_Word arg), seL4_Word arg, seL4_IPCBuffer *ipc_buffer)
{
    seL4_SetIPCBuffer(ipc_buffer);
    entry(arg);
    print("bench: a thread's entry returned\n");
    bench_exit(1);
}

struct thread start_thread(seL4_CPtr vspace, seL4_Word ipc_buffer_vaddr, struct tls_area *tls, void *stack_top,
                           seL4_Word prio, void (*entry)(seL4_Word arg), seL4_Word arg)
{
    struct thread thread;
    thread.tcb = alloc_object(seL4_TCBObject, 0);
    thread.ipc_frame = alloc_object(seL4_X86_4K, 0);
    map_frame(vspace, thread.ipc_frame, ipc_buffer_vaddr);
    check(seL4_TCB_Configure(thread.tcb, seL4_CapNull, seL4_CapInitThreadCNode, 0, vspace, 0, ipc_buffer_vaddr,
                             thread.ipc_frame),
          "TCB_Configure");
    check(seL4_TCB_SetSchedParams(thread.tcb, seL4_CapInitThreadTCB, prio, prio), "TCB_SetSchedParams");
    seL4_Word tp = tls_thread_pointer(tls);
    tls->words[63] = tp;
    check(seL4_TCB_SetTLSBase(thread.tcb, tp), "TCB_SetTLSBase");
    /* As if called: RSP is 8 below a 16-byte boundary at a function's entry. */
    seL4_UserContext regs = { 0 };
    regs.rip = (seL4_Word)thread_entry;
    regs.rsp = ((seL4_Word)stack_top & ~(seL4_Word)15) - 8;
    regs.rdi = (seL4_Word)entry;
    regs.rsi = arg;
    regs.rdx = ipc_buffer_vaddr;
    /* rip .. r15: everything but the FS and GS bases (the TLS base is set above). */
    check(seL4_TCB_WriteRegisters(thread.tcb, 1, 0, 18, &regs), "TCB_WriteRegisters");
    return thread;
}
