/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Checking and loading the root task's ELF file (see boot/elf_image.h for
 * the rules). The file comes from the boot loader and is treated as hostile:
 * every field is read byte by byte (the module may have any alignment), every
 * offset is checked against the file length before it is used, and every sum
 * is checked for overflow before it is formed.
 */
#include <boot/elf_image.h>

#include <stdbool.h>
#include <stddef.h>

/* ELF64 layout: offsets of the fields we read (System V gABI). */
enum {
    ELF_HEADER_SIZE = 64,
    EI_CLASS = 4,
    ELFCLASSNONE = 0,
    ELFCLASS32 = 1,
    ELFCLASS64 = 2,
    E_MACHINE = 18,
    E_ENTRY = 24,
    E_PHOFF = 32,
    E_PHNUM = 56,
    PHDR_SIZE = 56, /* sizeof(Elf64_Phdr); seL4 reads this stride whatever e_phentsize says */
    P_TYPE = 0,
    P_OFFSET = 8,
    P_VADDR = 16,
    P_FILESZ = 32,
    P_MEMSZ = 40,
};

enum { EM_X86_64 = 62, PT_DYNAMIC = 2, PT_INTERP = 3 };

/* The fields of one program header that loading depends on. */
struct segment {
    uint32_t type;
    uint64_t offset, vaddr, filesz, memsz;
};

static uint64_t read_le(const uint8_t *p, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = bytes; i > 0; i--) {
        v = (v << 8) | p[i - 1];
    }
    return v;
}

static struct segment read_segment(const uint8_t *file, uint64_t phoff, unsigned index)
{
    const uint8_t *ph = file + phoff + (uint64_t)index * PHDR_SIZE;
    return (struct segment){
        .type = (uint32_t)read_le(ph + P_TYPE, 4),
        .offset = read_le(ph + P_OFFSET, 8),
        .vaddr = read_le(ph + P_VADDR, 8),
        .filesz = read_le(ph + P_FILESZ, 8),
        .memsz = read_le(ph + P_MEMSZ, 8),
    };
}

static const char *check_identity(const uint8_t *file, uint64_t file_len)
{
    if (file_len < ELF_HEADER_SIZE) {
        return "root task is too short to be an ELF64 file";
    }
    if (file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
        return "root task is not an ELF file (bad magic)";
    }
    switch (file[EI_CLASS]) {
    case ELFCLASS64:
        break;
    case ELFCLASS32:
        return "root task is not an ELF64 file (EI_CLASS 1)";
    case ELFCLASSNONE:
        return "root task is not an ELF64 file (EI_CLASS 0)";
    default:
        return "root task is not an ELF64 file (EI_CLASS invalid)";
    }
    /* seL4 itself does not look at e_machine; devkernel runs only x86_64 code. */
    if (read_le(file + E_MACHINE, 2) != EM_X86_64) {
        return "root task is not an x86_64 program (e_machine is not EM_X86_64)";
    }
    return NULL;
}

/* Checks one program header on its own: file bytes present, sizes sane, no wrap. */
static const char *check_segment(const struct segment *s, uint64_t file_len)
{
    /* Needs a dynamic linker or relocation that no one will perform. */
    if (s->type == PT_INTERP) {
        return "root task is dynamically linked (PT_INTERP); only static programs can run";
    }
    if (s->type == PT_DYNAMIC) {
        return "root task is dynamically linked (PT_DYNAMIC); only static programs can run";
    }
    /* The loader writes p_memsz bytes; more file bytes would overrun the segment. */
    if (s->filesz > s->memsz) {
        return "root task segment has p_filesz larger than p_memsz";
    }
    if (s->filesz > 0 && (s->offset > file_len || s->filesz > file_len - s->offset)) {
        return "root task segment lies past the end of the file";
    }
    if (s->memsz > UINT64_MAX - s->vaddr) {
        return "root task segment wraps around the address space (p_vaddr + p_memsz overflows)";
    }
    return NULL;
}

const char *elf_image_check(const void *file_ptr, uint64_t file_len, struct user_image *img)
{
    const uint8_t *file = file_ptr;
    *img = (struct user_image){ 0, 0, 0 };

    const char *why = check_identity(file, file_len);
    if (why != NULL) {
        return why;
    }

    uint64_t phoff = read_le(file + E_PHOFF, 8);
    unsigned phnum = (unsigned)read_le(file + E_PHNUM, 2);
    /* phnum <= 0xffff, so the table size cannot overflow. */
    uint64_t table_size = (uint64_t)phnum * PHDR_SIZE;
    if (phoff > file_len || table_size > file_len - phoff) {
        return "root task program headers lie outside the file";
    }

    /* The range seL4 uses: every header with p_memsz > 0, whatever its type. */
    uint64_t start = UINT64_MAX;
    uint64_t end = 0;
    bool any = false;
    for (unsigned i = 0; i < phnum; i++) {
        struct segment s = read_segment(file, phoff, i);
        why = check_segment(&s, file_len);
        if (why != NULL) {
            return why;
        }
        if (s.memsz == 0) {
            continue;
        }
        any = true;
        if (s.vaddr < start) {
            start = s.vaddr;
        }
        if (s.vaddr + s.memsz > end) {
            end = s.vaddr + s.memsz;
        }
    }
    if (!any) {
        return "root task has no segment with p_memsz > 0";
    }

    uint64_t entry = read_le(file + E_ENTRY, 8);
    /* An end in the last page of the address space cannot be rounded up; it is far too high anyway. */
    uint64_t rounded_end = end > UINT64_MAX - (ELF_IMAGE_PAGE_SIZE - 1)
                               ? end
                               : (end + ELF_IMAGE_PAGE_SIZE - 1) & ~(ELF_IMAGE_PAGE_SIZE - 1);
    *img = (struct user_image){ .vbase = start, .vend = rounded_end, .entry = entry };

    if ((start & (ELF_IMAGE_PAGE_SIZE - 1)) != 0) {
        return "root task image start is not 4 KiB aligned";
    }
    /* The IPC buffer and boot info frames follow the image. */
    if (rounded_end > ELF_IMAGE_USER_TOP - 2 * ELF_IMAGE_PAGE_SIZE) {
        return "root task image ends too high (end + 2 pages is above 0x7fffffffffff)";
    }
    if (entry < start || entry >= rounded_end) {
        return "root task entry point lies outside its image";
    }
    return NULL;
}

static void zero_bytes(uint8_t *dest, uint64_t len)
{
    for (uint64_t i = 0; i < len; i++) {
        dest[i] = 0;
    }
}

static void copy_bytes(uint8_t *dest, const uint8_t *src, uint64_t len)
{
    for (uint64_t i = 0; i < len; i++) {
        dest[i] = src[i];
    }
}

void elf_image_copy(const void *file_ptr, uint8_t *dest, const struct user_image *img)
{
    const uint8_t *file = file_ptr;
    uint64_t phoff = read_le(file + E_PHOFF, 8);
    unsigned phnum = (unsigned)read_le(file + E_PHNUM, 2);

    zero_bytes(dest, img->vend - img->vbase);
    /* Header order matters: a later header's zeroed tail may cover an earlier one's bytes. */
    for (unsigned i = 0; i < phnum; i++) {
        struct segment s = read_segment(file, phoff, i);
        if (s.memsz == 0) {
            continue; /* may lie outside the image (PT_GNU_STACK at 0); nothing to write */
        }
        uint8_t *at = dest + (s.vaddr - img->vbase);
        if (s.filesz > 0) {
            copy_bytes(at, file + s.offset, s.filesz);
        }
        zero_bytes(at + s.filesz, s.memsz - s.filesz);
    }
}
