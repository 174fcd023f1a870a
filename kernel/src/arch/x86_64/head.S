/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The first code that runs: the multiboot 1 header QEMU's -kernel looks for,
 * and the 32-bit entry that builds the boot page tables, switches to long mode
 * and jumps to kernel_main in the higher half.
 *
 * Boot page tables: PML4[0] maps the first 4 GiB 1:1 (only for the jump into
 * 64-bit code; kernel_main drops it), PML4[511] maps the PPTR window and the
 * kernel ELF window with 1 GiB pages (see include/memlayout.h).
 */
#include <memlayout.h>

#define MULTIBOOT_MAGIC 0x1badb002
#define MULTIBOOT_FLAGS 0x3 /* page-aligned modules, memory map wanted */

#define PTE_PRESENT 0x1
#define PTE_WRITE   0x2
#define PTE_HUGE    0x80

#define CR0_PE 0x1
#define CR0_MP 0x2
#define CR0_EM 0x4
#define CR0_WP 0x10000
#define CR0_PG 0x80000000
#define CR4_PAE 0x20
#define CR4_OSFXSR 0x200
#define CR4_OSXMMEXCPT 0x400
#define MSR_EFER 0xc0000080
#define EFER_SCE 0x1
#define EFER_LME 0x100

    .section .multiboot, "a"
    .align 4
multiboot_header:
    .long MULTIBOOT_MAGIC
    .long MULTIBOOT_FLAGS
    .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

    .section .boot.text, "ax"
    .code32
    .global _start
_start:
    cli
    cld
    /* eax = multiboot magic, ebx = multiboot info: keep them for kernel_main. */
    movl %eax, %ebp
    movl %ebx, %esi

    /* The loader need not clear the page tables: zero all three. */
    movl $boot_pml4, %edi
    movl $(3 * 4096 / 4), %ecx
    xorl %eax, %eax
    rep stosl
    movl %ebp, %edi

    /* PML4[0] -> low PDPT, PML4[511] -> high PDPT. */
    movl $boot_pdpt_low, %eax
    orl $(PTE_PRESENT | PTE_WRITE), %eax
    movl %eax, boot_pml4
    movl $boot_pdpt_high, %eax
    orl $(PTE_PRESENT | PTE_WRITE), %eax
    movl %eax, boot_pml4 + 511 * 8

    /* Low PDPT: 4 GiB identity. */
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $30, %eax
    orl $(PTE_PRESENT | PTE_WRITE | PTE_HUGE), %eax
    movl %eax, boot_pdpt_low(, %ecx, 8)
    movl $0, boot_pdpt_low + 4(, %ecx, 8)
    incl %ecx
    cmpl $4, %ecx
    jne 1b

    /* High PDPT: entries 0..509 map physical i GiB (the PPTR window);
       entry 510 maps physical 0 (the kernel ELF window), 511 physical 1 GiB. */
    xorl %ecx, %ecx
2:  movl %ecx, %eax
    shll $30, %eax
    orl $(PTE_PRESENT | PTE_WRITE | PTE_HUGE), %eax
    movl %eax, boot_pdpt_high(, %ecx, 8)
    movl %ecx, %eax
    shrl $2, %eax
    movl %eax, boot_pdpt_high + 4(, %ecx, 8)
    incl %ecx
    cmpl $510, %ecx
    jne 2b
    movl $(PTE_PRESENT | PTE_WRITE | PTE_HUGE), boot_pdpt_high + 510 * 8
    movl $0, boot_pdpt_high + 510 * 8 + 4
    movl $(0x40000000 | PTE_PRESENT | PTE_WRITE | PTE_HUGE), boot_pdpt_high + 511 * 8
    movl $0, boot_pdpt_high + 511 * 8 + 4

    /* PAE and SSE state support, then the page tables. */
    movl %cr4, %eax
    orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
    movl %eax, %cr4
    movl $boot_pml4, %eax
    movl %eax, %cr3

    /* Long mode and the syscall instruction. */
    movl $MSR_EFER, %ecx
    rdmsr
    /* No NXE, as seL4: page-fault error codes then never flag instruction fetches. */
    orl $(EFER_SCE | EFER_LME), %eax
    wrmsr

    /* Paging on (long mode becomes active), write protection in ring 0, FPU native. */
    movl %cr0, %eax
    andl $~CR0_EM, %eax
    orl $(CR0_PE | CR0_MP | CR0_WP | CR0_PG), %eax
    movl %eax, %cr0

    lgdt boot_gdt_pointer
    ljmp $0x08, $long_mode_low

    .code64
long_mode_low:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorw %ax, %ax
    movw %ax, %fs
    movw %ax, %gs
    movabsq $long_mode_high, %rax
    jmpq *%rax

    .section .boot.data, "aw"
    .align 16
boot_gdt:
    .quad 0                     /* null */
    .quad 0x00209a0000000000    /* 64-bit kernel code */
    .quad 0x0000920000000000    /* kernel data */
boot_gdt_end:
boot_gdt_pointer:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

    .section .boot.bss, "aw", @nobits
    .align 4096
    .global boot_pml4
boot_pml4:
    .skip 4096
boot_pdpt_low:
    .skip 4096
    .global boot_pdpt_high
boot_pdpt_high:
    .skip 4096

    .text
long_mode_high:
    /* Clear .bss (the loader should have; this makes sure). The stack is in
       .bss and not in use yet. */
    movl %edi, %r8d
    movl %esi, %r9d
    movabsq $kernel_bss_start, %rdi
    movabsq $kernel_bss_end, %rcx
    subq %rdi, %rcx
    shrq $3, %rcx
    xorl %eax, %eax
    rep stosq
    movl %r8d, %edi
    movl %r9d, %esi
    movabsq $kernel_stack_top, %rsp
    xorl %ebp, %ebp
    movl %edi, %edi     /* zero-extend magic and info address */
    movl %esi, %esi
    call kernel_main
3:  cli
    hlt
    jmp 3b

    .bss
    .align 16
    .global kernel_stack_bottom
kernel_stack_bottom:
    .skip KERNEL_STACK_SIZE
    .global kernel_stack_top
kernel_stack_top:
