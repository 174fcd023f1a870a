/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The fastpath: the common shapes of Call and ReplyRecv (a short message
 * without caps, to a partner already waiting, who then runs) done directly,
 * with exactly the effects the general path would have. Anything else goes
 * the general way.
 */
#ifndef API_FASTPATH_H
#define API_FASTPATH_H

#include <stdbool.h>

/* Each returns true when it has done the whole system call. */
bool fastpath_call(void);
bool fastpath_reply_recv(void);

#endif /* API_FASTPATH_H */
