/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Processes and users, which a root task does not have: it is the only
 * program and runs as nobody in particular. Creating or waiting for
 * processes fails with ENOSYS (std: ErrorKind::Unsupported); the identity
 * calls answer as for root (uid 0), and user lookups find nobody.
 */
#include "internal.h"

typedef unsigned int uid_t;
typedef unsigned int gid_t;

pid_t fork(void)
{
    return (pid_t)fail_with(ENOSYS);
}

int execvp(const char *file, char *const argv[])
{
    (void)file;
    (void)argv;
    return (int)fail_with(ENOSYS);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    (void)path;
    (void)argv;
    (void)envp;
    return (int)fail_with(ENOSYS);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    (void)pid;
    (void)status;
    (void)options;
    return (pid_t)fail_with(ECHILD_VALUE);
}

int waitid(int idtype, unsigned int id, void *info, int options)
{
    (void)idtype;
    (void)id;
    (void)info;
    (void)options;
    return (int)fail_with(ECHILD_VALUE);
}

int pipe2(int fds[2], int flags)
{
    (void)fds;
    (void)flags;
    return (int)fail_with(ENOSYS);
}

int pipe(int fds[2])
{
    return pipe2(fds, 0);
}

/* posix_spawn and its helpers report errors as return values. */
int posix_spawnp(pid_t *pid, const char *file, const void *actions, const void *attr,
                 char *const argv[], char *const envp[])
{
    (void)pid;
    (void)file;
    (void)actions;
    (void)attr;
    (void)argv;
    (void)envp;
    return ENOSYS;
}

int posix_spawn(pid_t *pid, const char *path, const void *actions, const void *attr,
                char *const argv[], char *const envp[])
{
    return posix_spawnp(pid, path, actions, attr, argv, envp);
}

int posix_spawn_file_actions_init(void *actions)
{
    (void)actions;
    return 0;
}

int posix_spawn_file_actions_destroy(void *actions)
{
    (void)actions;
    return 0;
}

int posix_spawn_file_actions_adddup2(void *actions, int fd, int target)
{
    (void)actions;
    (void)fd;
    (void)target;
    return 0;
}

int posix_spawnattr_init(void *attr)
{
    (void)attr;
    return 0;
}

int posix_spawnattr_destroy(void *attr)
{
    (void)attr;
    return 0;
}

int posix_spawnattr_setflags(void *attr, short flags)
{
    (void)attr;
    (void)flags;
    return 0;
}

int posix_spawnattr_setpgroup(void *attr, pid_t group)
{
    (void)attr;
    (void)group;
    return 0;
}

int posix_spawnattr_setsigdefault(void *attr, const sigset_t *set)
{
    (void)attr;
    (void)set;
    return 0;
}

int posix_spawnattr_setsigmask(void *attr, const sigset_t *set)
{
    (void)attr;
    (void)set;
    return 0;
}

pid_t setsid(void)
{
    return (pid_t)fail_with(EPERM);
}

int setpgid(pid_t pid, pid_t group)
{
    (void)pid;
    (void)group;
    return (int)fail_with(EPERM);
}

uid_t getuid(void)
{
    return 0;
}

uid_t geteuid(void)
{
    return 0;
}

gid_t getgid(void)
{
    return 0;
}

gid_t getegid(void)
{
    return 0;
}

pid_t getppid(void)
{
    return 0;
}

int setuid(uid_t uid)
{
    return uid == 0 ? 0 : (int)fail_with(EPERM);
}

int setgid(gid_t gid)
{
    return gid == 0 ? 0 : (int)fail_with(EPERM);
}

int setgroups(size_t count, const gid_t *groups)
{
    (void)groups;
    return count == 0 ? 0 : (int)fail_with(EPERM);
}

int chroot(const char *path)
{
    (void)path;
    return (int)fail_with(ENOSYS);
}

/* No user database: every lookup finds nobody (result NULL, no error). */
int getpwuid_r(uid_t uid, void *entry, char *buf, size_t length, void **result)
{
    (void)uid;
    (void)entry;
    (void)buf;
    (void)length;
    *result = NULL;
    return 0;
}

/* std asks for the C library's version to choose code paths; these answer
 * as a current glibc would, and every path ends in the calls above. */
const char *gnu_get_libc_version(void)
{
    return "2.36";
}

int sched_getaffinity(pid_t pid, size_t size, unsigned char *mask)
{
    (void)pid;
    if (size == 0) {
        return (int)fail_with(EINVAL);
    }
    for (size_t i = 0; i < size; i++) {
        mask[i] = 0;
    }
    mask[0] = 1; /* processor 0 only */
    return 0;
}
