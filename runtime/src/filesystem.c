/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Files and the environment. A root task has no file system: every call
 * that names a path fails with ENOSYS ("Function not implemented"), which
 * std reports as io::ErrorKind::Unsupported. The working directory is "/".
 */
#include "internal.h"

int open64(const char *path, int flags, ...)
{
    (void)path;
    (void)flags;
    return (int)fail_with(ENOSYS);
}

int open(const char *path, int flags, ...) __attribute__((alias("open64")));

int openat64(int dirfd, const char *path, int flags, ...)
{
    (void)dirfd;
    (void)path;
    (void)flags;
    return (int)fail_with(ENOSYS);
}

int stat64(const char *path, struct stat64 *st)
{
    (void)path;
    (void)st;
    return (int)fail_with(ENOSYS);
}

int lstat64(const char *path, struct stat64 *st) __attribute__((alias("stat64")));
int stat(const char *path, struct stat64 *st) __attribute__((alias("stat64")));
int lstat(const char *path, struct stat64 *st) __attribute__((alias("stat64")));

int access(const char *path, int mode)
{
    (void)path;
    (void)mode;
    return (int)fail_with(ENOSYS);
}

int unlink(const char *path)
{
    (void)path;
    return (int)fail_with(ENOSYS);
}

int mkdir(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    return (int)fail_with(ENOSYS);
}

int rmdir(const char *path)
{
    (void)path;
    return (int)fail_with(ENOSYS);
}

int chdir(const char *path)
{
    (void)path;
    return (int)fail_with(ENOSYS);
}

char *getcwd(char *buf, size_t size)
{
    if (buf == NULL || size == 0) {
        fail_with(buf == NULL ? ENOSYS : EINVAL); /* no allocation for a NULL buffer */
        return NULL;
    }
    if (size < 2) {
        fail_with(ERANGE);
        return NULL;
    }
    buf[0] = '/';
    buf[1] = '\0';
    return buf;
}

char *realpath(const char *path, char *resolved)
{
    (void)path;
    (void)resolved;
    fail_with(ENOSYS);
    return NULL;
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    (void)path;
    (void)buf;
    (void)size;
    return fail_with(ENOSYS);
}

/* Directories: none can be opened, so the others see no valid stream. */
void *opendir(const char *path)
{
    (void)path;
    fail_with(ENOSYS);
    return NULL;
}

void *fdopendir(int fd)
{
    (void)fd;
    fail_with(ENOSYS);
    return NULL;
}

void *readdir64(void *dir)
{
    (void)dir;
    fail_with(EBADF);
    return NULL;
}

int closedir(void *dir)
{
    (void)dir;
    return (int)fail_with(EBADF);
}

int dirfd(void *dir)
{
    (void)dir;
    return (int)fail_with(EBADF);
}

int rename(const char *from, const char *to)
{
    (void)from;
    (void)to;
    return (int)fail_with(ENOSYS);
}

int symlink(const char *target, const char *path)
{
    (void)target;
    (void)path;
    return (int)fail_with(ENOSYS);
}

int link(const char *target, const char *path)
{
    (void)target;
    (void)path;
    return (int)fail_with(ENOSYS);
}

int chmod(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    return (int)fail_with(ENOSYS);
}
