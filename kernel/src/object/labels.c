/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Names of the invocation labels, for console messages. The numbers come from
 * the generated header (the API description); only the spelling lives here.
 */
#include <api/invocation.h>

#define NAME(label) [label] = #label

static const char *const label_names[nArchInvocationLabels] = {
    NAME(InvalidInvocation),
    NAME(UntypedRetype),
    NAME(TCBReadRegisters),
    NAME(TCBWriteRegisters),
    NAME(TCBCopyRegisters),
    NAME(TCBConfigure),
    NAME(TCBSetPriority),
    NAME(TCBSetMCPriority),
    NAME(TCBSetSchedParams),
    NAME(TCBSetIPCBuffer),
    NAME(TCBSetSpace),
    NAME(TCBSuspend),
    NAME(TCBResume),
    NAME(TCBBindNotification),
    NAME(TCBUnbindNotification),
    NAME(TCBSetTLSBase),
    NAME(TCBSetFlags),
    NAME(CNodeRevoke),
    NAME(CNodeDelete),
    NAME(CNodeCancelBadgedSends),
    NAME(CNodeCopy),
    NAME(CNodeMint),
    NAME(CNodeMove),
    NAME(CNodeMutate),
    NAME(CNodeRotate),
    NAME(CNodeSaveCaller),
    NAME(IRQIssueIRQHandler),
    NAME(IRQAckIRQ),
    NAME(IRQSetIRQHandler),
    NAME(IRQClearIRQHandler),
    NAME(DomainSetSet),
    NAME(DomainScheduleConfigure),
    NAME(DomainScheduleSetStart),
    NAME(X86PDPTMap),
    NAME(X86PDPTUnmap),
    NAME(X86PageDirectoryMap),
    NAME(X86PageDirectoryUnmap),
    NAME(X86PageTableMap),
    NAME(X86PageTableUnmap),
    NAME(X86PageMap),
    NAME(X86PageUnmap),
    NAME(X86PageGetAddress),
    NAME(X86ASIDControlMakePool),
    NAME(X86ASIDPoolAssign),
    NAME(X86IOPortControlIssue),
    NAME(X86IOPortIn8),
    NAME(X86IOPortIn16),
    NAME(X86IOPortIn32),
    NAME(X86IOPortOut8),
    NAME(X86IOPortOut16),
    NAME(X86IOPortOut32),
    NAME(X86IRQIssueIRQHandlerIOAPIC),
    NAME(X86IRQIssueIRQHandlerMSI),
};

const char *invocation_label_name(uint64_t label)
{
    return label < nArchInvocationLabels ? label_names[label] : NULL;
}
