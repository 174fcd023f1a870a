/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The guard page of the initial stack. The stack is in .bss, so without a
 * guard a deep recursion would silently overwrite whatever lies below it.
 * The kernel hands the root task one frame capability per image page, in
 * ascending address order from the image start (bootinfo->userImageFrames),
 * so start-up unmaps the frame of the page below the stack: an overflow
 * then stops the thread with a VM fault the kernel reports. A kernel that
 * refuses leaves the page mapped, and the program runs without a guard.
 */
#include "elf_image.h"
#include "internal.h"

void sel4rt_stack_guard_init(void)
{
    const seL4_BootInfo *bootinfo = sel4runtime_bootinfo();
    uintptr_t guard = (uintptr_t)sel4runtime_stack_area.guard;
    uintptr_t start = sel4rt_elf_image_start();
    if (start == 0 || guard < start) {
        return;
    }
    seL4_Word frame = bootinfo->userImageFrames.start + (guard - start) / SEL4RUNTIME_PAGE_SIZE;
    if (frame >= bootinfo->userImageFrames.end) {
        return;
    }
    (void)seL4_X86_Page_Unmap(frame);
}
