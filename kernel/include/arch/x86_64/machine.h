/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Setting up and driving the x86_64 CPU: descriptor tables, the syscall
 * MSRs, FPU/SSE state, the interrupt controllers and the timer, and the
 * switch of address space and register state between threads.
 */
#ifndef ARCH_X86_64_MACHINE_H
#define ARCH_X86_64_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

struct tcb;

/* GDT with seL4's selectors, TSS, IDT (gdt.c, idt.c). */
void gdt_init(void);
void idt_init(void);
/* Where the CPU saves user registers on the next interrupt (TSS.rsp0). */
void tss_set_rsp0(uint64_t rsp0);

/* STAR/LSTAR/SFMASK for the syscall instruction (syscall.c). */
void syscall_msr_init(void);

/* FPU/SSE: enable, make the initial state every new thread starts with (fpu.c). */
void fpu_init(void);
void fpu_init_thread(struct tcb *t);
/* Switching the FPU to a thread: fpu_switch_to in fpu.h. */
/* Saves t's state and gives up the FPU when t has it (thread deleted or FPU disabled). */
void fpu_release(struct tcb *t);
/* After t's seL4_TCBFlag_fpuDisabled changed. */
void fpu_flags_changed(struct tcb *t);

/* Timer (timer.c): TSC frequency, PIC masked, LAPIC periodic at 2 ms. */
void timer_init(void);
uint32_t tsc_mhz(void);
void timer_ack(void);
/* Vectors as seL4 pc99 numbers them: exceptions below 0x20, IRQs 0x20..157
   (the kernel timer is 157), user traps ("int n") 158..254, spurious 255. */
#define VECTOR_IRQ_MIN 0x20
#define VECTOR_TIMER 157
#define VECTOR_TRAP_MIN 158
#define VECTOR_SPURIOUS 255
/* Whether the local APIC holds an interrupt request for an IRQ vector that
   the CPU has not taken yet (timer.c): what a preemption point asks. */
bool arch_interrupt_pending(void);

/* Address spaces (vspace.c). */
void vspace_init_kernel(void);
uint64_t kernel_pml4_paddr(void);

/* Enters thread t's address space and registers state for the next return to user mode. */
void arch_switch_to(struct tcb *t);
/* Sanitises t's saved segment and flag registers and returns to user mode. */
_Noreturn void arch_return_to_user(struct tcb *t);
/* arch_switch_to and arch_return_to_user in one for current_thread, whose
   PML4 the caller has already found (the fastpath). */
_Noreturn void arch_switch_and_return(uint64_t pml4);

/* Opens a one-instruction window for an interrupt that is already pending,
   as seL4 does after a preempted operation: it is taken and handled on the
   kernel stack (c_handle_kernel_trap) before the kernel schedules. */
static inline void arch_take_pending_interrupt(void)
{
    __asm__ volatile("sti; nop; cli" ::: "memory");
}

/* Wait for an interrupt with interrupts enabled, then disable them again. */
static inline void idle_wait(void)
{
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}

#endif /* ARCH_X86_64_MACHINE_H */
