/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Boot-time construction of the root task, in seL4's order:
 *   1. check the ELF file and copy its image to the physical memory right
 *      after the kernel (moving the module out of the way when it lies there);
 *   2. allocate, in one block at the top of the highest RAM range that holds
 *      it (where seL4 puts them), largest first: the root CNode (4096 slots),
 *      the extra boot info pages, the PML4, the ASID pool, the IPC buffer, the
 *      boot info page, the paging structures and the TCB;
 *   3. map image (4 KiB pages, user RWX), IPC buffer at the image end, boot
 *      info 4 KiB above it, extra boot info 8 KiB above it;
 *   4. fill the CNode: the initial caps in seL4's slots, then the regions
 *      userImagePaging, extraBIPages, userImageFrames, untypeds (device
 *      first, then free RAM around that block), recording each in the boot
 *      info;
 *   5. write the extra boot info chunks (ACPI RSDP, memory map, TSC MHz);
 *   6. set up the thread (RDI = boot info, everything else 0, priority 255,
 *      named "rootserver") and make it runnable.
 */
#include <api/debug.h>
#include <arch/x86_64/machine.h>
#include <arch/x86_64/paging.h>
#include <boot/acpi_rsdp.h>
#include <boot/boot_info.h>
#include <boot/elf_image.h>
#include <boot/root_task.h>
#include <boot/untyped_split.h>
#include <kernel/cdt.h>
#include <kernel/panic.h>
#include <kernel/printf.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/asid.h>

#define PAGE 0x1000ull
#define ROOT_ASID 1
#define ROOT_CNODE_BITS 12
#define ADDRESS_SPACE_BITS 47

extern char kernel_end[];

static uint64_t round_up(uint64_t v, uint64_t align)
{
    return (v + align - 1) & ~(align - 1);
}

/* A bump allocator over the physical memory reserved at boot; hands out zeroed memory. */
static uint64_t alloc_next, alloc_end;

static uint64_t boot_alloc(uint64_t size, uint64_t align)
{
    uint64_t p = round_up(alloc_next, align);
    if (p + size > alloc_end) {
        panic("boot allocation of %lu bytes does not fit the reserved region", size);
    }
    alloc_next = p + size;
    memset(kva(p), 0, size);
    return p;
}

/* The root task's objects, shared by the steps below. */
static struct {
    struct cte *cnode;
    struct boot_info_builder builder;
    uint64_t pml4;
} rt;

static void put_cap(uint64_t slot, struct cap cap)
{
    kassert(slot < (1u << ROOT_CNODE_BITS));
    cdt_set_root(&rt.cnode[slot], cap); /* boot caps have no parent */
}

/* Number of 2^shift-aligned regions that [start, end) touches. */
static uint64_t regions_touched(uint64_t start, uint64_t end, unsigned shift)
{
    return ((end - 1) >> shift) - (start >> shift) + 1;
}

/* The table at level shift (PDPT 39, PD 30, PT 21) covering vaddr, walking from the PML4. */
static uint64_t parent_table(uint64_t vaddr, unsigned child_shift)
{
    uint64_t table = rt.pml4;
    for (unsigned shift = PML4_SHIFT; shift > child_shift; shift -= 9) {
        uint64_t entry = ((uint64_t *)kva(table))[pt_index(vaddr, shift)];
        kassert(entry & PTE_PRESENT);
        table = entry & PTE_ADDR_MASK;
    }
    return table;
}

static void map_page(uint64_t vaddr, uint64_t paddr)
{
    vspace_set_entry(parent_table(vaddr, PT_SHIFT), pt_index(vaddr, PT_SHIFT), paddr, PTE_USER_RWX_PAGE);
}

/* Creates the PDPTs, then the PDs, then the PTs covering [start, end), caps in slot order. */
static void create_paging(uint64_t start, uint64_t end, uint64_t count)
{
    seL4_SlotRegion r = boot_info_reserve(&rt.builder, count);
    if (r.end - r.start != count) {
        boot_failed("root CNode too small for the root task's paging caps");
    }
    rt.builder.bi->userImagePaging = r;
    static const struct {
        unsigned shift;
        unsigned tag;
    } levels[3] = {{PML4_SHIFT, cap_pdpt_cap}, {PDPT_SHIFT, cap_page_directory_cap}, {PD_SHIFT, cap_page_table_cap}};
    uint64_t slot = r.start;
    for (int l = 0; l < 3; l++) {
        uint64_t size = 1ull << levels[l].shift;
        for (uint64_t a = start & ~(size - 1); a < end; a += size) {
            uint64_t table = boot_alloc(PAGE, PAGE);
            vspace_set_entry(parent_table(a, levels[l].shift), pt_index(a, levels[l].shift), table, PTE_USER_TABLE);
            put_cap(slot++, cap_table(levels[l].tag, table, true, ROOT_ASID, a));
        }
    }
}

struct untyped_ctx {
    bool is_device;
};

/* Adds one untyped to the boot info and its cap to the CNode; false if the builder refused it. */
static bool add_untyped(uint64_t paddr, unsigned size_bits, bool is_device)
{
    uint64_t slot = boot_info_add_untyped(&rt.builder, paddr, size_bits, is_device);
    if (slot) {
        /* Marked full, as seL4 does: the first retype finds it childless and
           clears the memory (which may hold anything) before using it. */
        put_cap(slot, cap_untyped_set_free_index(cap_untyped(paddr, size_bits, is_device), 1ull << size_bits));
        return true;
    }
    if (boot_info_cnode_full(&rt.builder)) {
        boot_failed("root CNode too small for the untyped caps");
    }
    return false;
}

static void emit_untyped(uint64_t paddr, unsigned size_bits, void *ctx)
{
    const struct untyped_ctx *u = ctx;
    add_untyped(paddr, size_bits, u->is_device);
}

/* Physical ranges seL4 keeps out of the device untypeds: the IOAPIC and LAPIC
   register pages it maps for itself, and the last 8 bytes below 4 GiB (the
   MSI address window). Sorted. */
static const struct phys_range kernel_devices[] = {
    {0xfec00000, 0xfec01000},
    {0xfee00000, 0xfee01000},
    {0xfffffff8, 0x100000000},
};

/* The untyped cut measures alignment in the kernel window, which must be ours. */
_Static_assert(UNTYPED_SPLIT_WINDOW_BASE == PPTR_BASE, "untyped cut and memory layout agree on the window");

/* Emits device untypeds for [start, end) minus the kernel's device ranges, each
   gap cut as seL4 cuts it (in the kernel window, see boot/untyped_split.h). */
static void split_device_range(uint64_t start, uint64_t end, struct untyped_ctx *device)
{
    for (unsigned i = 0; i < sizeof(kernel_devices) / sizeof(kernel_devices[0]); i++) {
        const struct phys_range *k = &kernel_devices[i];
        if (k->start >= end || k->end <= start) {
            continue;
        }
        if (k->start > start) {
            untyped_split_kernel_window((struct phys_range){start, k->start}, emit_untyped, device);
        }
        start = k->end;
    }
    if (start < end) {
        untyped_split_kernel_window((struct phys_range){start, end}, emit_untyped, device);
    }
}

/*
 * Where the root task's kernel objects go, as seL4 places them: in the
 * highest RAM range (above `used`) that can hold them, at its top, rounded
 * down to `align` (the largest object's size). What is left above them
 * stays free RAM and becomes untypeds. Returns an empty range if none fits.
 */
static struct phys_range place_root_objects(const struct boot_input *in, uint64_t used, uint64_t size,
                                            uint64_t align)
{
    for (unsigned i = in->ram_count; i-- > 0;) {
        uint64_t low = in->ram[i].start < used ? used : in->ram[i].start;
        uint64_t end = in->ram[i].end;
        if (end <= low || end - low < size) {
            continue;
        }
        uint64_t start = (end - size) & ~(align - 1);
        if (start >= low) {
            return (struct phys_range){start, start + size};
        }
    }
    return (struct phys_range){0, 0};
}

/* Device untypeds for all non-RAM space below 2^47 (except the kernel's device
   pages), then free RAM: above `used` (kernel and image), less the root task's
   objects, ascending. (seL4 lists one more RAM range before these, the part of
   its own image only boot needed; devkernel's image has no such part.) */
static void create_untypeds(const struct boot_input *in, uint64_t used, struct phys_range objects)
{
    boot_info_begin_untypeds(&rt.builder);
    struct untyped_ctx device = {true}, ram = {false};
    uint64_t cursor = 0;
    const uint64_t top = 1ull << ADDRESS_SPACE_BITS;
    for (unsigned i = 0; i < in->ram_count; i++) {
        if (in->ram[i].start > cursor) {
            split_device_range(cursor, in->ram[i].start, &device);
        }
        cursor = in->ram[i].end;
    }
    if (cursor < top) {
        split_device_range(cursor, top, &device);
    }
    for (unsigned i = 0; i < in->ram_count; i++) {
        uint64_t start = in->ram[i].start < used ? used : in->ram[i].start;
        uint64_t end = in->ram[i].end;
        if (objects.start >= start && objects.end <= end) {
            untyped_split_kernel_window((struct phys_range){start, objects.start}, emit_untyped, &ram);
            start = objects.end;
        }
        if (start < end) {
            untyped_split_kernel_window((struct phys_range){start, end}, emit_untyped, &ram);
        }
    }
    if (boot_info_untyped_list_full(&rt.builder)) {
        kprintf("devkernel: too many untyped regions for boot info; some memory is not handed out\n");
    }
}

/* Extra boot info chunks, in seL4's order; returns their total length (writes only when out != NULL). */
static uint64_t write_extra_boot_info(uint8_t *out, const struct boot_input *in)
{
    uint64_t len = 0;
    uint8_t rsdp[ACPI_RSDP_SIZE];
    if (acpi_find_rsdp(rsdp)) {
        if (out) {
            uint64_t header[2] = {SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP, 16 + ACPI_RSDP_SIZE};
            memcpy(out + len, header, 16);
            memcpy(out + len + 16, rsdp, ACPI_RSDP_SIZE);
        }
        len += 16 + ACPI_RSDP_SIZE;
    }
    /* seL4_X86_BootInfo_mmap_t: header, mmap_length, room for 50 raw entries. */
    uint64_t mmap_chunk = 16 + 4 + sizeof(in->mmap_raw);
    if (out) {
        uint64_t header[2] = {SEL4_BOOTINFO_HEADER_X86_MBMMAP, mmap_chunk};
        memcpy(out + len, header, 16);
        memcpy(out + len + 16, &in->mmap_bytes, 4);
        memcpy(out + len + 20, in->mmap_raw, in->mmap_bytes);
    }
    len += mmap_chunk;
    if (out) {
        uint64_t header[2] = {SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, 16 + 4};
        uint32_t mhz = tsc_mhz();
        memcpy(out + len, header, 16);
        memcpy(out + len + 16, &mhz, 4);
    }
    len += 16 + 4;
    return len;
}

static void frame_caps(uint64_t count, seL4_SlotRegion *region, uint64_t first_paddr, uint64_t first_vaddr)
{
    seL4_SlotRegion r = boot_info_reserve(&rt.builder, count);
    if (r.end - r.start != count) {
        boot_failed("root CNode too small for the root task's frame caps");
    }
    *region = r;
    for (uint64_t i = 0; i < count; i++) {
        put_cap(r.start + i, cap_frame(first_paddr + i * PAGE, FRAME_4K, VM_READ_WRITE, false, ROOT_ASID,
                                       first_vaddr + i * PAGE));
    }
}

void create_root_task(struct boot_input *in)
{
    /* 1. The image. */
    if (!in->has_module) {
        boot_failed("no root task: the loader passed no multiboot module (give it with -initrd)");
    }
    const void *file = kva(in->module_start);
    uint64_t file_len = in->module_end - in->module_start;
    struct user_image img;
    const char *why = elf_image_check(file, file_len, &img);
    if (why) {
        boot_failed("%s", why);
    }
    uint64_t image_size = img.vend - img.vbase;
    uint64_t extra_len = write_extra_boot_info(NULL, in);
    uint64_t extra_size = PAGE;
    while (extra_size < extra_len) {
        extra_size <<= 1;
    }
    uint64_t ipc_vaddr = img.vend;
    uint64_t bi_vaddr = img.vend + PAGE;
    uint64_t extra_vaddr = img.vend + 2 * PAGE;
    uint64_t vtop = extra_vaddr + extra_size;
    if (vtop > USER_TOP + 1 || vtop < img.vend) {
        boot_failed("root task image ends too high for its boot info: 0x%lx", img.vend);
    }
    uint64_t n_paging = regions_touched(img.vbase, vtop, PML4_SHIFT) + regions_touched(img.vbase, vtop, PDPT_SHIFT) +
                        regions_touched(img.vbase, vtop, PD_SHIFT);

    uint64_t image_paddr = round_up(kpa(kernel_end), PAGE);
    uint64_t image_end = image_paddr + image_size;
    if (image_end < image_paddr || !multiboot_is_ram(in, image_paddr, image_end)) {
        boot_failed("root task image too large: %lu bytes do not fit in RAM after the kernel", image_size);
    }
    uint64_t cnode_size = (1ull << ROOT_CNODE_BITS) << seL4_SlotBits;
    uint64_t tcb_size = 1ull << seL4_TCBBits;
    /* The CNode, the extra boot info, four pages (PML4, ASID pool, IPC buffer, boot info), the paging
       structures and the TCB: all powers of two, laid out largest first, so no padding between them. */
    uint64_t objects_size = cnode_size + extra_size + PAGE * (4 + n_paging) + tcb_size;
    uint64_t objects_align = cnode_size > extra_size ? cnode_size : extra_size;
    struct phys_range objects = place_root_objects(in, image_end, objects_size, objects_align);
    if (objects.start == objects.end) {
        boot_failed("root task image too large: no room left in RAM for its %lu bytes of kernel objects",
                    objects_size);
    }
    /* The loader may have put the module where the image goes: move it above first. It may
       also lie where the objects go; those are only cleared once the image is copied. */
    if (in->module_start < image_end && in->module_end > image_paddr) {
        uint64_t to = round_up(in->module_end > image_end ? in->module_end : image_end, PAGE);
        if (!multiboot_is_ram(in, to, to + file_len)) {
            boot_failed("root task image too large: no room to unpack it");
        }
        memmove(kva(to), file, file_len);
        file = kva(to);
    }
    elf_image_copy(file, kva(image_paddr), &img);

    /* 2. Boot allocations, largest first; the TCB takes the last bytes, after the paging structures. */
    alloc_next = objects.start;
    alloc_end = objects.end - tcb_size;
    uint64_t extra_paddr = extra_size > cnode_size ? boot_alloc(extra_size, extra_size) : 0;
    uint64_t cnode_paddr = boot_alloc(cnode_size, cnode_size);
    if (extra_size <= cnode_size) {
        extra_paddr = boot_alloc(extra_size, extra_size);
    }
    rt.pml4 = boot_alloc(PAGE, PAGE);
    uint64_t pool_paddr = boot_alloc(PAGE, PAGE);
    uint64_t ipc_paddr = boot_alloc(PAGE, PAGE);
    uint64_t bi_paddr = boot_alloc(PAGE, PAGE);
    uint64_t tcb_paddr = alloc_end;
    memset(kva(tcb_paddr), 0, tcb_size);
    rt.cnode = kva(cnode_paddr);
    vspace_init_pml4(rt.pml4);
    asid_boot_init(pool_paddr, ROOT_ASID, rt.pml4); /* the initial pool names the root task's PML4 */

    boot_info_begin(&rt.builder, kva(bi_paddr), ipc_vaddr, extra_len);
    seL4_BootInfo *bi = rt.builder.bi;

    /* 3 and 4. Paging structures, then mappings and the caps in seL4's slots. */
    struct cap cnode_cap = cap_cnode(cnode_paddr, ROOT_CNODE_BITS, 64 - ROOT_CNODE_BITS, 0);
    struct cap pml4_cap = cap_table(cap_pml4_cap, rt.pml4, true, ROOT_ASID, 0);
    struct cap ipc_cap = cap_frame(ipc_paddr, FRAME_4K, VM_READ_WRITE, false, ROOT_ASID, ipc_vaddr);
    put_cap(seL4_CapInitThreadTCB, cap_thread(tcb_paddr));
    put_cap(seL4_CapInitThreadCNode, cnode_cap);
    put_cap(seL4_CapInitThreadVSpace, pml4_cap);
    put_cap(seL4_CapIRQControl, cap_tag_only(cap_irq_control_cap));
    put_cap(seL4_CapASIDControl, cap_tag_only(cap_asid_control_cap));
    put_cap(seL4_CapInitThreadASIDPool, cap_table(cap_asid_pool_cap, pool_paddr, false, 0, 0));
    put_cap(seL4_CapIOPortControl, cap_tag_only(cap_io_port_control_cap));
    put_cap(seL4_CapBootInfoFrame, cap_frame(bi_paddr, FRAME_4K, VM_READ_WRITE, false, ROOT_ASID, bi_vaddr));
    put_cap(seL4_CapInitThreadIPCBuffer, ipc_cap);
    put_cap(seL4_CapDomain, cap_tag_only(cap_domain_cap));

    create_paging(img.vbase, vtop, n_paging);
    for (uint64_t off = 0; off < image_size; off += PAGE) {
        map_page(img.vbase + off, image_paddr + off);
    }
    map_page(ipc_vaddr, ipc_paddr);
    map_page(bi_vaddr, bi_paddr);
    for (uint64_t off = 0; off < extra_size; off += PAGE) {
        map_page(extra_vaddr + off, extra_paddr + off);
    }
    frame_caps(extra_size / PAGE, &bi->extraBIPages, extra_paddr, extra_vaddr);
    frame_caps(image_size / PAGE, &bi->userImageFrames, image_paddr, img.vbase);
    kassert(alloc_next == alloc_end); /* the objects filled their region exactly */
    create_untypeds(in, image_end, objects);
    boot_info_finish(&rt.builder);

    /* 5. Extra boot info. */
    write_extra_boot_info(kva(extra_paddr), in);

    /* 6. The thread. */
    struct tcb *t = kva(tcb_paddr);
    t->ctx.rip = img.entry;
    t->ctx.fault_ip = img.entry;
    t->ctx.rdi = bi_vaddr;
    t->ctx.rflags = 0x202;
    t->ctx.cs = SEL_USER_CS;
    t->ctx.ss = SEL_USER_SS;
    /* The thread's own slots hold copies, derived from the CNode's caps. */
    cdt_insert(cnode_cap, &rt.cnode[seL4_CapInitThreadCNode], &t->slots[TCB_CTABLE]);
    cdt_insert(pml4_cap, &rt.cnode[seL4_CapInitThreadVSpace], &t->slots[TCB_VTABLE]);
    cdt_insert(ipc_cap, &rt.cnode[seL4_CapInitThreadIPCBuffer], &t->slots[TCB_BUFFER]);
    t->ipc_buffer = ipc_vaddr;
    t->priority = seL4_MaxPrio;
    t->mcp = seL4_MaxPrio;
    t->time_slice = CONFIG_TIME_SLICE;
    t->state = THREAD_RUNNING;
    strlcpy_k(t->name, "rootserver", TCB_NAME_LENGTH);
    fpu_init_thread(t);
    debug_register_thread(t);
    sched_enqueue(t);
    reschedule_required();
}
