/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Domain cap invocations (seL4's domain.c): DomainSet_Set and the domain
 * schedule's Configure and SetStart, with seL4's checks in seL4's order.
 * The schedule's last entry is always an end marker (duration 0); entry 0
 * starts as domain 0 for the longest duration, as seL4 boots.
 */
#include <api/invocation.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/domain.h>
#include <object/tcb.h>

#define NUM_DOMAINS CONFIG_NUM_DOMAINS
#define SCHEDULE_LENGTH CONFIG_NUM_DOMAIN_SCHEDULES
#define MAX_DURATION ((1ull << 56) - 1)

struct schedule_entry {
    uint64_t domain, duration;
};
static struct schedule_entry schedule[SCHEDULE_LENGTH] = {{0, MAX_DURATION}};
static uint64_t schedule_start;

static exception_t decode_set_set(uint64_t length, uint64_t *buffer)
{
    if (length == 0) {
        user_error("Domain Configure: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t domain = get_syscall_arg(0, buffer);
    if (domain >= NUM_DOMAINS) {
        user_error("Domain Configure: invalid domain (%lu >= %u).", domain, NUM_DOMAINS);
        return invalid_argument(0);
    }
    if (!current_extra_caps[0]) {
        user_error("Domain Configure: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    struct cap tcap = current_extra_caps[0]->cap;
    if (cap_type(tcap) != cap_thread_cap) {
        user_error("Domain Configure: thread cap required.");
        return invalid_argument(1);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    struct tcb *t = kva(cap_thread_paddr(tcap));
    /* seL4's setDomain: out of the ready queue, new domain, back in. */
    sched_dequeue(t);
    t->domain = domain;
    if (is_runnable(t)) {
        sched_enqueue(t);
    }
    if (t == current_thread) {
        reschedule_required();
    }
    return EXCEPTION_NONE;
}

static exception_t decode_schedule_configure(uint64_t length, uint64_t *buffer)
{
    if (length < 3) {
        user_error("Domain Schedule Configure: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t index = get_syscall_arg(0, buffer);
    uint64_t domain = get_syscall_arg(1, buffer);
    uint64_t duration = get_syscall_arg(2, buffer);
    if (index >= SCHEDULE_LENGTH - 1) {
        user_error("Domain Schedule Configure: Invalid index.");
        return range_error(0, SCHEDULE_LENGTH - 2);
    }
    if (domain >= NUM_DOMAINS) {
        user_error("Domain Schedule Configure: Invalid domain.");
        return range_error(0, NUM_DOMAINS - 1);
    }
    if (duration > MAX_DURATION) {
        user_error("Domain Schedule Configure: Duration must fit in 56 bits.");
        return invalid_argument(2);
    }
    if (duration == 0 && domain != 0) {
        user_error("Domain Schedule Configure: Both domain and duration must be zero for end markers.");
        return invalid_argument(1);
    }
    if (index == schedule_start && duration == 0) {
        user_error("Domain Schedule Configure: Starting schedule's duration must not be zero.");
        return invalid_argument(2);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    schedule[index] = (struct schedule_entry){domain, duration};
    return EXCEPTION_NONE;
}

static exception_t decode_schedule_set_start(uint64_t length, uint64_t *buffer)
{
    if (length < 1) {
        user_error("Domain Schedule Configure: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t index = get_syscall_arg(0, buffer);
    if (index >= SCHEDULE_LENGTH) {
        user_error("Domain Schedule Set Start: Invalid index.");
        return range_error(0, SCHEDULE_LENGTH - 1);
    }
    if (schedule[index].duration == 0) {
        user_error("Domain Schedule Set Start: Starting schedule must not be an end marker.");
        return invalid_argument(0);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    schedule_start = index;
    reschedule_required();
    return EXCEPTION_NONE;
}

exception_t decode_domain_invocation(uint64_t label, uint64_t length, uint64_t *buffer)
{
    switch (label) {
    case DomainSetSet:
        return decode_set_set(length, buffer);
    case DomainScheduleConfigure:
        return decode_schedule_configure(length, buffer);
    case DomainScheduleSetStart:
        return decode_schedule_set_start(length, buffer);
    default:
        return syscall_error(seL4_IllegalOperation);
    }
}
