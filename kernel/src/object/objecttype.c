/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Invocation dispatch by cap type (seL4's decodeInvocation). For the object
 * types whose methods devkernel does not have yet, a label that is one of
 * the type's methods answers IllegalOperation with a console line naming it
 * ("devkernel: CNodeCopy not implemented yet"), so a program that needs one
 * learns which; any other label gets seL4's own refusal (IllegalOperation,
 * with seL4's debug message where seL4 prints one).
 */
#include <api/invocation.h>
#include <kernel/ipc.h>
#include <object/cnode.h>
#include <object/ioport.h>
#include <object/domain.h>
#include <object/irq.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <object/untyped.h>
#include <object/vspace.h>

/* The labels that are methods of cap type `type` (types devkernel does not implement yet). */
static bool is_method_of(unsigned type, uint64_t label)
{
    switch (type) {
    case cap_irq_control_cap:
        return label == IRQIssueIRQHandler || label == X86IRQIssueIRQHandlerIOAPIC ||
               label == X86IRQIssueIRQHandlerMSI;
    case cap_irq_handler_cap:
        return label >= IRQAckIRQ && label <= IRQClearIRQHandler;
    case cap_domain_cap:
        return label >= DomainSetSet && label <= DomainScheduleSetStart;
    default:
        return false;
    }
}

/* seL4's debug message when a cap of this type gets a label it has no method for, or NULL. */
static const char *illegal_operation_message(unsigned type)
{
    switch (type) {
    case cap_irq_control_cap:
        return "IRQControl: Illegal operation";
    case cap_irq_handler_cap:
        return "IRQHandler: Illegal operation.";
    default:
        return NULL;
    }
}

exception_t decode_invocation(uint64_t label, uint64_t length, uint64_t cptr, struct cte *slot, struct cap cap,
                              bool is_blocking, bool call, uint64_t *buffer)
{
    unsigned type = cap_type(cap);
    switch (type) {
    case cap_null_cap:
        user_error("Attempted to invoke a null cap #%lu.", cptr);
        return invalid_capability(0);
    case cap_zombie_cap:
        user_error("Attempted to invoke a zombie cap #%lu.", cptr);
        return invalid_capability(0);
    case cap_endpoint_cap:
        return decode_endpoint_invocation(cptr, cap, is_blocking, call);
    case cap_notification_cap:
        return decode_notification_invocation(cptr, cap);
    case cap_reply_cap:
        return decode_reply_invocation(cptr, cap, slot);
    case cap_untyped_cap:
        return decode_untyped_invocation(label, length, cptr, slot, cap, buffer);
    case cap_cnode_cap:
        return decode_cnode_invocation(label, length, cptr, cap, buffer);
    case cap_thread_cap:
        return decode_tcb_invocation(label, length, cap, slot, call, buffer);
    case cap_io_port_control_cap:
        return decode_io_port_control_invocation(label, length, slot, buffer);
    case cap_io_port_cap:
        return decode_io_port_invocation(label, length, cap, call, buffer);
    case cap_frame_cap:
        return decode_frame_invocation(label, length, slot, cap, call, buffer);
    case cap_page_table_cap:
        return decode_page_table_invocation(label, length, slot, cap, buffer);
    case cap_page_directory_cap:
        return decode_page_directory_invocation(label, length, slot, cap, buffer);
    case cap_pdpt_cap:
        return decode_pdpt_invocation(label, length, slot, cap, buffer);
    case cap_pml4_cap:
        return syscall_error(seL4_IllegalOperation); /* a PML4 has no methods */
    case cap_asid_control_cap:
        return decode_asid_control_invocation(label, length, buffer);
    case cap_asid_pool_cap:
        return decode_asid_pool_invocation(label, cap);
    case cap_irq_control_cap:
        return decode_irq_control_invocation(label, length, slot, buffer);
    case cap_irq_handler_cap:
        return decode_irq_handler_invocation(label, cap);
    case cap_domain_cap:
        return decode_domain_invocation(label, length, buffer);
    default:
        if (is_method_of(type, label)) {
            return not_implemented(label);
        }
        const char *message = illegal_operation_message(type);
        if (message) {
            user_error("%s", message);
        }
        return syscall_error(seL4_IllegalOperation);
    }
}

exception_t not_implemented(uint64_t label)
{
    const char *name = invocation_label_name(label);
    kprintf("devkernel: %s not implemented yet\n", name ? name : "(unknown label)");
    return syscall_error(seL4_IllegalOperation);
}
