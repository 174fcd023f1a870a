/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Test of the generated C bindings (runtime/include/sel4) on a kernel: a root
 * task with no runtime (own _start, stack and TLS block) that calls a
 * sample of syscalls and invocations, success and error paths, and checks
 * the results real seL4 gives. It exits through isa-debug-exit with the
 * number of failed checks, so QEMU's status is (failures << 1) | 1.
 */
#include <sel4/sel4.h>

__thread seL4_IPCBuffer *__sel4_ipc_buffer;

char stack[16384] __attribute__((aligned(16)));
static seL4_Word tls_area[512] __attribute__((aligned(64)));

/*
 * _start takes the stack's address directly, not from a variable: the kernel
 * zeroes the bytes at the PT_TLS header's address, which overlap .data.
 */
__asm__(".globl _start\n_start:\n leaq stack+16384(%rip), %rsp\n call main_c\n1: jmp 1b\n");

static int failures;

static void puts_(const char *s)
{
    while (*s) seL4_DebugPutChar(*s++);
}

static void hex(seL4_Word v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4) seL4_DebugPutChar("0123456789abcdef"[(v >> i) & 0xf]);
}

static void check(const char *what, seL4_Word got, seL4_Word want)
{
    puts_(got == want ? "ok   " : "FAIL ");
    puts_(what);
    puts_(" = ");
    hex(got);
    if (got != want) {
        puts_(" want ");
        hex(want);
        failures++;
    }
    puts_("\n");
}

void main_c(seL4_BootInfo *bi);
void main_c(seL4_BootInfo *bi)
{
    seL4_Word *tp = &tls_area[256];
    *tp = (seL4_Word)tp;
    seL4_SetTLSBase((seL4_Word)tp);
    seL4_SetIPCBuffer(bi->ipcBuffer);
    puts_("header test\n");
    seL4_CPtr slot = bi->empty.start;
    seL4_CPtr cnode = seL4_CapInitThreadCNode;

    check("IOPortControl_Issue", seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x3f8, 0x3ff, cnode, slot, 64), 0);
    check("identify io_port", seL4_DebugCapIdentify(slot), cap_io_port_cap);
    check("identify IOPortControl", seL4_DebugCapIdentify(seL4_CapIOPortControl), cap_io_port_control_cap);
    check("Out8", seL4_X86_IOPort_Out8(slot, 0x3f8, '*'), 0);
    seL4_X86_IOPort_In8_t lsr = seL4_X86_IOPort_In8(slot, 0x3fd);
    check("In8 error", lsr.error, 0);
    check("In8 THR empty", (lsr.result & 0x20) != 0, 1);
    check("Issue again -> RevokeFirst", seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x3f8, 0x3ff, cnode, slot + 8, 64), seL4_RevokeFirst);
    check("Out8 outside range", seL4_X86_IOPort_Out8(slot, 0x80, 0), seL4_IllegalOperation);

    check("CNode_Copy", seL4_CNode_Copy(cnode, slot + 1, 64, cnode, seL4_CapInitThreadTCB, 64, seL4_AllRights), 0);
    check("identify copy", seL4_DebugCapIdentify(slot + 1), cap_thread_cap);
    check("CNode_Move", seL4_CNode_Move(cnode, slot + 2, 64, cnode, slot + 1, 64), 0);
    check("identify moved", seL4_DebugCapIdentify(slot + 2), cap_thread_cap);
    check("CNode_Delete", seL4_CNode_Delete(cnode, slot + 2, 64), 0);
    check("identify deleted", seL4_DebugCapIdentify(slot + 2), cap_null_cap);
    check("CNode_Delete bad depth", seL4_CNode_Delete(cnode, slot + 2, 65), seL4_RangeError);
    check("  MR0 min", seL4_GetMR(0), 1);
    check("  MR1 max", seL4_GetMR(1), 64);

    seL4_X86_Page_GetAddress_t pa = seL4_X86_Page_GetAddress(bi->userImageFrames.start);
    check("Page_GetAddress error", pa.error, 0);
    check("Page_GetAddress aligned", pa.paddr & 0xfff, 0);

    seL4_TCB_SetFlags_t fl = seL4_TCB_SetFlags(seL4_CapInitThreadTCB, 0, 0);
    check("TCB_SetFlags", fl.error, 0);
    check("TCB_SetFlags flags", fl.flags, 0);
    seL4_UserContext ctx = { 0 };
    check("ReadRegisters self", seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 20, &ctx), seL4_IllegalOperation);
    check("TCB_SetTLSBase", seL4_TCB_SetTLSBase(seL4_CapInitThreadTCB, (seL4_Word)tp), 0);
    check("TCB_SetPriority", seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255), 0);
    check("TCB_SetPriority too high", seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 256), seL4_RangeError);

    /* A small RAM untyped. */
    seL4_CPtr ut = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 16) {
            ut = bi->untyped.start + i;
            break;
        }
    }
    check("found untyped", ut != 0, 1);
    check("Retype endpoint", seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, cnode, 0, 0, slot + 3, 1), 0);
    check("identify endpoint", seL4_DebugCapIdentify(slot + 3), cap_endpoint_cap);
    check("Retype notification", seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, cnode, 0, 0, slot + 4, 1), 0);
    check("identify notification", seL4_DebugCapIdentify(slot + 4), cap_notification_cap);
    check("Retype bad type", seL4_Untyped_Retype(ut, 100, 0, cnode, 0, 0, slot + 5, 1), seL4_InvalidArgument);
    check("  MR0 argument", seL4_GetMR(0), 0);
    check("Retype TCB", seL4_Untyped_Retype(ut, seL4_TCBObject, 0, cnode, 0, 0, slot + 5, 1), 0);
    check("TCB_Configure", seL4_TCB_Configure(slot + 5, 0, cnode, 0, seL4_CapInitThreadVSpace, 0, 0, 0), 0);
    ctx.rip = 0x1234;
    ctx.rsp = 0x5678;
    ctx.r15 = 0xabc;
    ctx.fs_base = 0x9000;
    check("WriteRegisters", seL4_TCB_WriteRegisters(slot + 5, 0, 0, 20, &ctx), 0);
    seL4_UserContext back = { 0 };
    check("ReadRegisters", seL4_TCB_ReadRegisters(slot + 5, 0, 0, 20, &back), 0);
    check("  rip", back.rip, 0x1234);
    check("  rsp", back.rsp, 0x5678);
    check("  r15", back.r15, 0xabc);
    check("  fs_base", back.fs_base, 0x9000);
    check("TCB_BindNotification", seL4_TCB_BindNotification(slot + 5, slot + 4), 0);
    check("CNode_Mint badge", seL4_CNode_Mint(cnode, slot + 6, 64, cnode, slot + 4, 64, seL4_AllRights, 0x55), 0);
    check("TCB_UnbindNotification", seL4_TCB_UnbindNotification(slot + 5), 0);
    seL4_Signal(slot + 6);
    seL4_Word badge = 0;
    seL4_Poll(slot + 4, &badge);
    check("Signal/Poll badge", badge, 0x55);
    seL4_DebugNameThread(slot + 5, "second");

    /* A call to an endpoint nobody serves would block; NBSend returns at once. */
    seL4_SetMR(0, 1);
    seL4_NBSend(slot + 3, seL4_MessageInfo_new(0, 0, 0, 1));
    check("NBSend returned", 1, 1);
    seL4_Yield();

    check("Issue exit ports", seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0xf4, 0xf7, cnode, slot + 7, 64), 0);
    puts_(failures ? "header test FAILED\n" : "header test passed\n");
    seL4_X86_IOPort_Out32(slot + 7, 0xf4, (seL4_Uint32)failures);
    seL4_DebugHalt();
}
