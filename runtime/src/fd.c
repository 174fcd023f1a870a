/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * File descriptors. A root task has no files: descriptors 0, 1 and 2 are
 * the serial console (COM1: reading waits for a line, writing sends the
 * bytes), dup() makes more descriptors for the console, and every other
 * descriptor is bad (EBADF).
 */
#include "internal.h"

#define MAX_FDS 32

enum fd_kind { FD_CLOSED = 0, FD_CONSOLE_IN, FD_CONSOLE_OUT };

static unsigned char fds[MAX_FDS] = {FD_CONSOLE_IN, FD_CONSOLE_OUT, FD_CONSOLE_OUT};
static unsigned char cloexec[MAX_FDS];

void *memset(void *dst, int c, size_t n);

static int kind_of(int fd)
{
    return fd >= 0 && fd < MAX_FDS ? fds[fd] : FD_CLOSED;
}

ssize_t write(int fd, const void *buf, size_t count)
{
    int kind = kind_of(fd);
    if (kind == FD_CLOSED) {
        return fail_with(EBADF);
    }
    if (kind != FD_CONSOLE_OUT) {
        return fail_with(EBADF); /* stdin is read-only */
    }
    sel4rt_serial_write(buf, count);
    return (ssize_t)count;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
    if (iovcnt < 0 || iovcnt > 1024) {
        return fail_with(EINVAL);
    }
    ssize_t total = 0;
    for (int i = 0; i < iovcnt; i++) {
        ssize_t n = write(fd, iov[i].iov_base, iov[i].iov_len);
        if (n < 0) {
            return total > 0 ? total : n;
        }
        total += n;
    }
    return total;
}

ssize_t read(int fd, void *buf, size_t count)
{
    if (kind_of(fd) != FD_CONSOLE_IN) {
        return fail_with(EBADF);
    }
    return (ssize_t)sel4rt_serial_read(buf, count);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
    /* the first non-empty buffer: a console read ends at a line anyway */
    for (int i = 0; i < iovcnt; i++) {
        if (iov[i].iov_len > 0) {
            return read(fd, iov[i].iov_base, iov[i].iov_len);
        }
    }
    return read(fd, NULL, 0);
}

int close(int fd)
{
    if (kind_of(fd) == FD_CLOSED) {
        return (int)fail_with(EBADF);
    }
    fds[fd] = FD_CLOSED;
    return 0;
}

static int duplicate(int fd, int lowest, bool close_on_exec)
{
    int kind = kind_of(fd);
    if (kind == FD_CLOSED) {
        return (int)fail_with(EBADF);
    }
    for (int n = lowest < 0 ? 0 : lowest; n < MAX_FDS; n++) {
        if (fds[n] == FD_CLOSED) {
            fds[n] = (unsigned char)kind;
            cloexec[n] = close_on_exec;
            return n;
        }
    }
    return (int)fail_with(EMFILE);
}

int dup(int fd)
{
    return duplicate(fd, 0, false);
}

int dup2(int fd, int target)
{
    int kind = kind_of(fd);
    if (kind == FD_CLOSED || target < 0 || target >= MAX_FDS) {
        return (int)fail_with(EBADF);
    }
    fds[target] = (unsigned char)kind;
    cloexec[target] = 0;
    return target;
}

int fcntl(int fd, int command, ...)
{
    long argument = 0;
    if (command == F_SETFD || command == F_SETFL || command == F_DUPFD ||
        command == F_DUPFD_CLOEXEC) {
        /* only these take a third argument; reading it otherwise is undefined */
        __builtin_va_list args;
        __builtin_va_start(args, command);
        argument = __builtin_va_arg(args, long);
        __builtin_va_end(args);
    }
    if (kind_of(fd) == FD_CLOSED) {
        return (int)fail_with(EBADF);
    }
    switch (command) {
    case F_GETFD:
        return cloexec[fd] ? FD_CLOEXEC : 0;
    case F_SETFD:
        cloexec[fd] = (argument & FD_CLOEXEC) != 0;
        return 0;
    case F_GETFL:
        return fds[fd] == FD_CONSOLE_IN ? O_RDONLY : O_WRONLY;
    case F_SETFL:
        return 0;
    case F_DUPFD:
        return duplicate(fd, (int)argument, false);
    case F_DUPFD_CLOEXEC:
        return duplicate(fd, (int)argument, true);
    default:
        return (int)fail_with(EINVAL);
    }
}

int fcntl64(int fd, int command, ...) __attribute__((alias("fcntl")));

int ioctl(int fd, unsigned long request, ...)
{
    (void)request;
    return (int)fail_with(kind_of(fd) == FD_CLOSED ? EBADF : ENOTTY);
}

int isatty(int fd)
{
    /* the console is a serial line, but not a terminal we answer ioctls for */
    fail_with(kind_of(fd) == FD_CLOSED ? EBADF : ENOTTY);
    return 0;
}

static int poll_once(struct pollfd *entries, unsigned long count)
{
    int ready = 0;
    for (unsigned long i = 0; i < count; i++) {
        struct pollfd *p = &entries[i];
        p->revents = 0;
        if (p->fd < 0) {
            continue;
        }
        int kind = kind_of(p->fd);
        if (kind == FD_CLOSED) {
            p->revents = POLLNVAL;
        } else if (kind == FD_CONSOLE_OUT) {
            p->revents = (short)(p->events & POLLOUT);
        } else if (sel4rt_serial_input_ready()) {
            p->revents = (short)(p->events & POLLIN);
        }
        if (p->revents != 0) {
            ready++;
        }
    }
    return ready;
}

/* Output is always ready; input when a byte has arrived. A timeout (in
 * milliseconds, negative for none) is waited out by polling. */
int poll(struct pollfd *entries, unsigned long count, int timeout)
{
    uint64_t deadline = sel4rt_time_now_ns() + (uint64_t)(timeout > 0 ? timeout : 0) * 1000000u;
    for (;;) {
        int ready = poll_once(entries, count);
        if (ready != 0 || timeout == 0 || (timeout > 0 && sel4rt_time_now_ns() >= deadline)) {
            return ready;
        }
        seL4_Yield();
    }
}

int fstat64(int fd, struct stat64 *st)
{
    if (kind_of(fd) == FD_CLOSED) {
        return (int)fail_with(EBADF);
    }
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFCHR | 0620;
    st->st_nlink = 1;
    st->st_blksize = 16;
    return 0;
}

int fstat(int fd, struct stat64 *st) __attribute__((alias("fstat64")));

off64_t lseek64(int fd, off64_t offset, int whence)
{
    (void)offset;
    (void)whence;
    return fail_with(kind_of(fd) == FD_CLOSED ? EBADF : ESPIPE);
}

off64_t lseek(int fd, off64_t offset, int whence) __attribute__((alias("lseek64")));

int fsync(int fd)
{
    if (kind_of(fd) == FD_CLOSED) {
        return (int)fail_with(EBADF);
    }
    sel4rt_serial_drain();
    return 0;
}

int fchmod(int fd, mode_t mode)
{
    (void)mode;
    return (int)fail_with(kind_of(fd) == FD_CLOSED ? EBADF : EINVAL);
}

int ftruncate64(int fd, off64_t length)
{
    (void)length;
    return (int)fail_with(kind_of(fd) == FD_CLOSED ? EBADF : EINVAL);
}

int fdatasync(int fd)
{
    return fsync(fd);
}

/* Copies between descriptors: the console is no source; std falls back to
 * read and write, which report what is wrong. */
ssize_t sendfile64(int out, int in, off64_t *offset, size_t count)
{
    (void)out;
    (void)in;
    (void)offset;
    (void)count;
    return fail_with(EINVAL);
}

ssize_t splice(int in, off64_t *in_offset, int out, off64_t *out_offset, size_t length,
               unsigned int flags)
{
    (void)in;
    (void)in_offset;
    (void)out;
    (void)out_offset;
    (void)length;
    (void)flags;
    return fail_with(EINVAL);
}
