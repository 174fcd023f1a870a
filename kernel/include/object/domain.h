/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The domain cap: DomainSet_Set moves a thread to a scheduling domain, and
 * the domain schedule (CONFIG_NUM_DOMAIN_SCHEDULES entries of domain and
 * duration) can be edited. With one domain, as here, every thread is in
 * domain 0 and the schedule changes nothing observable but its own checks.
 */
#ifndef OBJECT_DOMAIN_H
#define OBJECT_DOMAIN_H

#include <kernel/lookup.h>

exception_t decode_domain_invocation(uint64_t label, uint64_t length, uint64_t *buffer);

#endif /* OBJECT_DOMAIN_H */
