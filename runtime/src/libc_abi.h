/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The C library ABI that Rust's std expects on x86_64-unknown-linux-gnu:
 * glibc's type layouts and Linux's constants, written out here because the
 * runtime is built without glibc's headers. Only what the runtime uses.
 * Every layout is the LP64 glibc one; the sizes are checked at the end.
 */
#ifndef SEL4RUNTIME_LIBC_ABI_H
#define SEL4RUNTIME_LIBC_ABI_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef long off64_t;
typedef int pid_t;
typedef unsigned int mode_t;
typedef long time_t;
typedef int clockid_t;

/* errno values (Linux) */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define EBADF 9
#define ECHILD_VALUE 10 /* ECHILD */
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOTTY 25
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define ENODATA 61
#define ETIMEDOUT 110
#define EOVERFLOW 75
#define ENOTSUP 95
#define EOPNOTSUPP ENOTSUP
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define ECONNREFUSED 111
#define ENOTSOCK 88
#define EWOULDBLOCK EAGAIN

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

struct iovec {
    void *iov_base;
    size_t iov_len;
};

struct pollfd {
    int fd;
    short events;
    short revents;
};
#define POLLIN 0x001
#define POLLOUT 0x004
#define POLLNVAL 0x020

/* struct stat64 == struct stat on x86_64: 144 bytes */
struct stat64 {
    uint64_t st_dev;
    uint64_t st_ino;
    uint64_t st_nlink;
    uint32_t st_mode;
    uint32_t st_uid;
    uint32_t st_gid;
    int32_t pad0;
    uint64_t st_rdev;
    int64_t st_size;
    int64_t st_blksize;
    int64_t st_blocks;
    struct timespec st_atim;
    struct timespec st_mtim;
    struct timespec st_ctim;
    int64_t reserved[3];
};
#define S_IFCHR 0020000

/* fcntl commands and flags */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2

/* mmap */
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void *)-1)

/* clocks */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

/* signals: glibc's user-level struct sigaction, 152 bytes */
typedef struct {
    unsigned long bits[16];
} sigset_t;
typedef void (*sighandler_t)(int);
struct sigaction {
    union {
        sighandler_t sa_handler;
        void (*sa_sigaction)(int, void *, void *);
    } handler;
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
typedef struct {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;
#define SIG_ERR ((sighandler_t)-1)
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define NSIG 65
#define SIGSTKSZ_VALUE 8192
#define MINSIGSTKSZ_VALUE 2048

/* sysconf names */
#define _SC_CLK_TCK 2
#define _SC_NGROUPS_MAX 3
#define _SC_OPEN_MAX 4
#define _SC_PAGESIZE 30
#define _SC_GETPW_R_SIZE_MAX 70
#define _SC_GETGR_R_SIZE_MAX 69
#define _SC_THREAD_STACK_MIN 75
#define _SC_NPROCESSORS_CONF 83
#define _SC_NPROCESSORS_ONLN 84
#define _SC_PHYS_PAGES 85
#define _SC_AVPHYS_PAGES 86
#define _SC_MINSIGSTKSZ 249
#define _SC_SIGSTKSZ 250

/* getauxval types */
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_MINSIGSTKSZ 51

/* Linux system call numbers that syscall() recognises */
#define SYS_sched_yield 24
#define SYS_getpid 39
#define SYS_gettid 186
#define SYS_futex 202
#define SYS_getrandom 318

/* threads: glibc's opaque sizes, our own contents */
typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;
typedef union {
    char size[56];
    long align;
} pthread_attr_t;

/* dynamic loader interface: glibc's layouts */
struct dl_phdr_info {
    uint64_t dlpi_addr;
    const char *dlpi_name;
    const void *dlpi_phdr;
    uint16_t dlpi_phnum;
    unsigned long long dlpi_adds;
    unsigned long long dlpi_subs;
    size_t dlpi_tls_modid;
    void *dlpi_tls_data;
};
struct dl_find_object {
    unsigned long long dlfo_flags;
    void *dlfo_map_start;
    void *dlfo_map_end;
    void *dlfo_link_map;
    void *dlfo_eh_frame;
    unsigned long long dlfo_reserved[7];
};

/* glibc's sizes on x86_64, so std's view of these types matches ours */
_Static_assert(sizeof(struct stat64) == 144, "struct stat64");
_Static_assert(sizeof(struct sigaction) == 152, "struct sigaction");
_Static_assert(sizeof(stack_t) == 24, "stack_t");
_Static_assert(sizeof(pthread_attr_t) == 56, "pthread_attr_t");
_Static_assert(sizeof(struct dl_phdr_info) == 64, "struct dl_phdr_info");
_Static_assert(sizeof(struct dl_find_object) == 96, "struct dl_find_object");
_Static_assert(__builtin_offsetof(struct dl_find_object, dlfo_eh_frame) == 32, "dlfo_eh_frame");

#endif
