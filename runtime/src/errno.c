/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * errno (one per thread, in TLS) and the text of each error number, which
 * std shows in io::Error messages ("Function not implemented (os error
 * 38)"). The texts are the usual Linux ones.
 */
#include "internal.h"

size_t strlen(const char *s);

static __thread int errno_value;

int *__errno_location(void)
{
    return &errno_value;
}

static const char *const messages[] = {
    [0] = "Success",
    [EPERM] = "Operation not permitted",
    [ENOENT] = "No such file or directory",
    [ESRCH] = "No such process",
    [EINTR] = "Interrupted system call",
    [EIO] = "Input/output error",
    [6] = "No such device or address",
    [7] = "Argument list too long",
    [8] = "Exec format error",
    [EBADF] = "Bad file descriptor",
    [10] = "No child processes",
    [EAGAIN] = "Resource temporarily unavailable",
    [ENOMEM] = "Cannot allocate memory",
    [EACCES] = "Permission denied",
    [EFAULT] = "Bad address",
    [15] = "Block device required",
    [EBUSY] = "Device or resource busy",
    [EEXIST] = "File exists",
    [18] = "Invalid cross-device link",
    [19] = "No such device",
    [ENOTDIR] = "Not a directory",
    [EISDIR] = "Is a directory",
    [EINVAL] = "Invalid argument",
    [23] = "Too many open files in system",
    [EMFILE] = "Too many open files",
    [ENOTTY] = "Inappropriate ioctl for device",
    [26] = "Text file busy",
    [27] = "File too large",
    [ENOSPC] = "No space left on device",
    [ESPIPE] = "Illegal seek",
    [EROFS] = "Read-only file system",
    [31] = "Too many links",
    [EPIPE] = "Broken pipe",
    [EDOM] = "Numerical argument out of domain",
    [ERANGE] = "Numerical result out of range",
    [EDEADLK] = "Resource deadlock avoided",
    [ENAMETOOLONG] = "File name too long",
    [37] = "No locks available",
    [ENOSYS] = "Function not implemented",
    [ENOTEMPTY] = "Directory not empty",
    [40] = "Too many levels of symbolic links",
    [ENODATA] = "No data available",
    [EOVERFLOW] = "Value too large for defined data type",
    [ENOTSOCK] = "Socket operation on non-socket",
    [ENOTSUP] = "Operation not supported",
    [EAFNOSUPPORT] = "Address family not supported by protocol",
    [EADDRINUSE] = "Address already in use",
    [ETIMEDOUT] = "Connection timed out",
    [ECONNREFUSED] = "Connection refused",
};

#define MESSAGE_COUNT (sizeof(messages) / sizeof(messages[0]))

/* "Unknown error N" into buf (at least 32 bytes). */
static char *unknown(int error, char *buf)
{
    static const char prefix[] = "Unknown error ";
    size_t n = 0;
    for (; prefix[n] != '\0'; n++) {
        buf[n] = prefix[n];
    }
    unsigned long value = error < 0 ? -(unsigned long)error : (unsigned long)error;
    if (error < 0) {
        buf[n++] = '-';
    }
    char digits[24];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0) {
        buf[n++] = digits[--count];
    }
    buf[n] = '\0';
    return buf;
}

static const char *known(int error)
{
    if (error >= 0 && (size_t)error < MESSAGE_COUNT) {
        return messages[error];
    }
    return NULL;
}

char *strerror(int error)
{
    static char buf[32];
    const char *text = known(error);
    return text != NULL ? (char *)text : unknown(error, buf);
}

/* The POSIX strerror_r (glibc exports it under this name). */
int __xpg_strerror_r(int error, char *buf, size_t length)
{
    char scratch[32];
    const char *text = known(error);
    int result = 0;
    if (text == NULL) {
        text = unknown(error, scratch);
        result = EINVAL;
    }
    size_t n = strlen(text);
    if (length == 0) {
        return ERANGE;
    }
    if (n >= length) {
        n = length - 1;
        result = ERANGE;
    }
    for (size_t i = 0; i < n; i++) {
        buf[i] = text[i];
    }
    buf[n] = '\0';
    return result;
}

/* The GNU strerror_r: returns the text. */
char *strerror_r(int error, char *buf, size_t length)
{
    __xpg_strerror_r(error, buf, length);
    const char *text = known(error);
    return text != NULL ? (char *)text : buf;
}
