/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Networking, which the runtime does not have: sockets fail with ENOSYS
 * (std: ErrorKind::Unsupported) and name lookups fail as a system error
 * carrying that errno.
 */
#include "internal.h"

#define EAI_SYSTEM (-11)

int socket(int domain, int type, int protocol)
{
    (void)domain;
    (void)type;
    (void)protocol;
    return (int)fail_with(ENOSYS);
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
    (void)domain;
    (void)type;
    (void)protocol;
    (void)fds;
    return (int)fail_with(ENOSYS);
}

/* Every other socket call gets a descriptor no socket() ever returned. */
int bind(int fd, const void *address, unsigned int length)
{
    (void)fd;
    (void)address;
    (void)length;
    return (int)fail_with(EBADF);
}

int connect(int fd, const void *address, unsigned int length)
{
    (void)fd;
    (void)address;
    (void)length;
    return (int)fail_with(EBADF);
}

int listen(int fd, int backlog)
{
    (void)fd;
    (void)backlog;
    return (int)fail_with(EBADF);
}

ssize_t recv(int fd, void *buf, size_t length, int flags)
{
    (void)fd;
    (void)buf;
    (void)length;
    (void)flags;
    return fail_with(EBADF);
}

ssize_t recvmsg(int fd, void *message, int flags)
{
    (void)fd;
    (void)message;
    (void)flags;
    return fail_with(EBADF);
}

ssize_t sendmsg(int fd, const void *message, int flags)
{
    (void)fd;
    (void)message;
    (void)flags;
    return fail_with(EBADF);
}

int setsockopt(int fd, int level, int name, const void *value, unsigned int length)
{
    (void)fd;
    (void)level;
    (void)name;
    (void)value;
    (void)length;
    return (int)fail_with(EBADF);
}

int getaddrinfo(const char *node, const char *service, const void *hints, void **result)
{
    (void)node;
    (void)service;
    (void)hints;
    *result = NULL;
    fail_with(ENOSYS);
    return EAI_SYSTEM;
}

void freeaddrinfo(void *list)
{
    (void)list; /* getaddrinfo never returns one */
}

const char *gai_strerror(int error)
{
    return error == EAI_SYSTEM ? "System error" : "Name resolution is not available";
}

int __res_init(void)
{
    return -1;
}
