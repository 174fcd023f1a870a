/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The machinery every invocation shares: the message info word, message
 * registers (MR0-3 in R10, R8, R9, R15, the rest in the IPC buffer), extra
 * caps named in the IPC buffer, replies from the kernel, and seL4's debug
 * messages for refused invocations.
 */
#ifndef API_INVOCATION_H
#define API_INVOCATION_H

#include <kernel/lookup.h>
#include <kernel/printf.h>
#include <object/tcb.h>

#define N_MSG_REGISTERS 4
/* Word index of caps_or_badges[0] in the IPC buffer (tag, 120 MRs, userData). */
#define IPC_BUFFER_CAPS_WORD (1 + seL4_MsgMaxLength + 1)

struct message_info {
    uint64_t label;
    uint64_t caps_unwrapped;
    uint64_t extra_caps;
    uint64_t length;
};

static inline struct message_info message_info_from_word(uint64_t w)
{
    struct message_info m = {w >> 12, (w >> 9) & 7, (w >> 7) & 3, w & 0x7f};
    if (m.length > seL4_MsgMaxLength) {
        m.length = seL4_MsgMaxLength;
    }
    return m;
}

static inline uint64_t message_info_word(uint64_t label, uint64_t length)
{
    return (label << 12) | (length & 0x7f);
}

/* The caps named by the current invocation's extra cap pointers (NULL-terminated). */
extern struct cte *current_extra_caps[seL4_MsgMaxExtraCaps + 1];

/* Argument i of the current invocation (MR i). */
uint64_t get_syscall_arg(unsigned i, const uint64_t *buffer);
/* The cptr of extra cap i as the caller wrote it. */
uint64_t get_extra_cptr(const uint64_t *buffer, unsigned i);
/* Writes MR offset of thread; returns the message length that includes it. */
unsigned set_mr(struct tcb *thread, uint64_t *buffer, unsigned offset, uint64_t value);
/* The MRs describing a lookup failure, from offset (seL4's setMRs_lookup_failure): in an
   error reply and in a cap fault message alike. Returns the message length. */
unsigned set_mrs_lookup_failure(struct tcb *t, uint64_t *buffer, const struct lookup_fault *f,
                                unsigned offset);

/* Replies: the error in current_syscall_error, or an empty success. */
void reply_from_kernel_error(struct tcb *thread);
void reply_from_kernel_success_empty(struct tcb *thread);

/* Sends a Call/Send invocation to the cap named in the caller's RDI (seL4's handleInvocation). */
void handle_invocation(bool is_call, bool is_blocking);

/* Decodes by cap type and performs (object/objecttype.c). */
exception_t decode_invocation(uint64_t label, uint64_t length, uint64_t cptr, struct cte *slot, struct cap cap,
                              bool is_blocking, bool call, uint64_t *buffer);

/* The name of an invocation label ("X86IOPortOut8"), or NULL for an unknown one. */
const char *invocation_label_name(uint64_t label);
/* IllegalOperation, with a kernel line saying the label is not implemented yet. */
exception_t not_implemented(uint64_t label);

/* seL4's debug message for a refused user request, with the caller and its restart address. */
void user_error_prefix(const char *function, int line);
/* Nothing at all in the release build (kernel_printing is 0): not even the prefix's lookups. */
#define user_error(...)                                \
    do {                                               \
        if (kernel_printing) {                         \
            user_error_prefix(__func__, __LINE__);     \
            kprintf(__VA_ARGS__);                      \
            kprintf(">>\n");                           \
        }                                              \
    } while (0)

#endif /* API_INVOCATION_H */
