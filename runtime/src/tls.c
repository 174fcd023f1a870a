/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The initial thread's thread-local storage. std, errno and libsel4's IPC
 * buffer pointer are thread-locals, used from the first line of main, so
 * start-up builds the TLS block from the program's PT_TLS segment before
 * anything else runs: the image copied in, the rest zeroed, the control
 * block self pointer written, and the FS base loaded through the initial
 * thread's TCB. A small static area holds the usual segment; a larger one
 * goes on the heap.
 */
#include "elf_image.h"
#include "internal.h"
#include "layout.h"
#include "tls_layout.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memset(void *dst, int c, size_t n);
void *malloc(size_t size);

static _Alignas(64) unsigned char static_area[SEL4RUNTIME_TLS_STATIC_SIZE];
static void *initial_block;
static size_t block_size; /* distance from a block's start to its thread pointer */

void *sel4rt_tls_initial_block(void)
{
    return initial_block;
}

/* The general-dynamic TLS access of code compiled as position independent.
 * A static program has one TLS module, whose block ends at the thread
 * pointer of the calling thread. */
typedef struct {
    unsigned long module;
    unsigned long offset;
} tls_index;

void *__tls_get_addr(const tls_index *index);
void *__tls_get_addr(const tls_index *index)
{
    uintptr_t tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return (void *)(tp - block_size + index->offset);
}

static NORETURN void stop(void)
{
    /* nothing can print yet; the debugger finds the thread here */
    for (;;) {
        seL4_Yield();
    }
}

/* The PT_TLS segment's sizes, or zeroes when the program has none. */
static void segment_sizes(const elf64_phdr **segment, size_t *memsz, size_t *filesz, size_t *align)
{
    *segment = sel4rt_elf_image_find(PT_TLS);
    *memsz = *segment != NULL ? (*segment)->p_memsz : 0;
    *filesz = *segment != NULL ? (*segment)->p_filesz : 0;
    *align = *segment != NULL ? (*segment)->p_align : 1;
}

size_t sel4runtime_tls_area_size(void)
{
    const elf64_phdr *segment;
    size_t memsz, filesz, align;
    segment_sizes(&segment, &memsz, &filesz, &align);
    return sel4rt_tls_area_size(memsz, align);
}

/* Lays a block out in [area, area + size) and fills it: the image, zeroes,
   the control block. Answers the thread pointer (0 when the area is too
   small) and, in *block, where the block starts. */
static uintptr_t build_block(void *area, size_t size, uintptr_t *block)
{
    const elf64_phdr *segment;
    size_t memsz, filesz, align;
    segment_sizes(&segment, &memsz, &filesz, &align);
    tls_layout layout;
    if (!sel4rt_tls_layout_compute((uintptr_t)area, size, memsz, align, &layout)) {
        return 0;
    }
    unsigned char *start = (unsigned char *)layout.block;
    if (filesz > 0) {
        memcpy(start, (const void *)segment->p_vaddr, filesz);
    }
    memset(start + filesz, 0, memsz - filesz);
    uintptr_t *tcb = (uintptr_t *)layout.thread_pointer;
    memset(tcb, 0, TLS_TCB_SIZE);
    tcb[0] = layout.thread_pointer; /* %fs:0 reads the thread pointer */
    tcb[2] = layout.thread_pointer; /* glibc's second self pointer */
    *block = layout.block;
    return layout.thread_pointer;
}

uintptr_t sel4rt_tls_build_block(void *area, size_t size)
{
    uintptr_t block;
    return build_block(area, size, &block);
}

uintptr_t sel4runtime_tls_init(void *area, size_t size, seL4_IPCBuffer *ipc_buffer)
{
    uintptr_t thread_pointer = sel4rt_tls_build_block(area, size);
    if (thread_pointer == 0) {
        return 0;
    }
    /* The variable sits at the same offset from every thread pointer. */
    uintptr_t own;
    __asm__("mov %%fs:0, %0" : "=r"(own));
    uintptr_t offset = (uintptr_t)&__sel4_ipc_buffer - own;
    *(seL4_IPCBuffer **)(thread_pointer + offset) = ipc_buffer;
    return thread_pointer;
}

void sel4rt_tls_init_initial_thread(void)
{
    size_t needed = sel4runtime_tls_area_size();
    unsigned char *area = static_area;
    size_t size = sizeof(static_area);
    if (needed == 0) {
        stop();
    }
    if (needed > size) {
        area = malloc(needed); /* malloc needs no TLS unless it fails */
        size = needed;
        if (area == NULL) {
            stop();
        }
    }
    uintptr_t block;
    uintptr_t thread_pointer = build_block(area, size, &block);
    if (thread_pointer == 0) {
        stop();
    }
    initial_block = (void *)block;
    block_size = (size_t)(thread_pointer - block);
    /* The TCB invocation rather than the seL4_SetTLSBase system call: the
     * call exists only in kernels that cannot let user level write the FS
     * base, the invocation in every configuration. With valid arguments it
     * touches no IPC buffer (whose pointer is itself thread-local). */
    if (seL4_TCB_SetTLSBase(seL4_CapInitThreadTCB, thread_pointer) != seL4_NoError) {
        stop();
    }
}
