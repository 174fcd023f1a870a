/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Clocks from the TSC. The kernel reports the TSC frequency in MHz in an
 * extra boot info chunk; without it the runtime assumes 1 GHz. The monotonic
 * clocks count from boot; CLOCK_REALTIME adds the CMOS clock's reading at
 * start-up (rtc.c), or counts from 1970 when there is none. A sleeping
 * thread blocks on its notification until the runtime's timer (timer.c)
 * signals that its deadline has passed; without a timer it yields to other
 * threads of the same priority until the TSC says so.
 */
#include "internal.h"
#include "thread.h"
#include "timer.h"

#ifndef SEL4_BOOTINFO_HEADER_X86_TSC_FREQ
#define SEL4_BOOTINFO_HEADER_X86_TSC_FREQ 5
#endif

#define NS_PER_SECOND 1000000000ull
#define ASSUMED_TSC_HZ 1000000000ull

static uint64_t tsc_hz = ASSUMED_TSC_HZ;
/* CLOCK_REALTIME minus the TSC clock, in nanoseconds */
static uint64_t realtime_offset_ns;

static uint64_t read_tsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

void sel4rt_time_init(void)
{
    size_t size;
    const void *chunk = sel4rt_bootinfo_extra_chunk(SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, &size);
    if (chunk != NULL && size >= sizeof(uint32_t)) {
        uint32_t mhz = *(const uint32_t *)chunk;
        if (mhz != 0) {
            tsc_hz = (uint64_t)mhz * 1000000ull;
        }
    }
    /* the timer is set up on the first sleep, but its slots are taken
     * now, before the program takes any */
    sel4rt_timer_reserve_slots();
    int64_t wall = sel4rt_rtc_read_unix_seconds();
    sel4rt_ioports_release_rtc();
    uint64_t now = sel4rt_time_now_ns();
    if (wall > 0 && (uint64_t)wall * NS_PER_SECOND > now) {
        realtime_offset_ns = (uint64_t)wall * NS_PER_SECOND - now;
    }
}

uint64_t sel4runtime_tsc_frequency(void)
{
    return tsc_hz;
}

uint64_t sel4rt_time_now_ns(void)
{
    return (uint64_t)((unsigned __int128)read_tsc() * NS_PER_SECOND / tsc_hz);
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
    if (clock < CLOCK_REALTIME || clock > CLOCK_BOOTTIME) {
        return (int)fail_with(EINVAL);
    }
    uint64_t ns = sel4rt_time_now_ns();
    if (clock == CLOCK_REALTIME) {
        ns += realtime_offset_ns;
    }
    ts->tv_sec = (time_t)(ns / NS_PER_SECOND);
    ts->tv_nsec = (long)(ns % NS_PER_SECOND);
    return 0;
}

int clock_getres(clockid_t clock, struct timespec *res)
{
    if (clock < CLOCK_REALTIME || clock > CLOCK_BOOTTIME) {
        return (int)fail_with(EINVAL);
    }
    if (res != NULL) {
        res->tv_sec = 0;
        res->tv_nsec = 1;
    }
    return 0;
}

static void wait_until(uint64_t deadline_ns)
{
    if (sel4rt_time_now_ns() >= deadline_ns) {
        return;
    }
    sel4rt_thread *self = sel4rt_thread_current();
    seL4_CPtr notification = self->objects.notification;
    if (notification != seL4_CapNull && sel4rt_timer_start()) {
        sel4rt_timer_arm(&self->timer_entry, deadline_ns, notification);
        /* a stale signal (a futex wake that came after a timed wait gave
         * up) only costs one more loop */
        while (sel4rt_time_now_ns() < deadline_ns) {
            (void)seL4_WaitWithMRs(notification, NULL, NULL, NULL, NULL, NULL);
            if (sel4rt_time_now_ns() < deadline_ns) {
                sel4rt_timer_note_early_wakeup();
            }
        }
        sel4rt_timer_disarm(&self->timer_entry);
        return;
    }
    while (sel4rt_time_now_ns() < deadline_ns) {
        seL4_Yield();
        if (sel4rt_time_now_ns() < deadline_ns) {
            sel4rt_timer_note_early_wakeup();
        }
    }
}

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
    if (request->tv_sec < 0 || request->tv_nsec < 0 || request->tv_nsec >= (long)NS_PER_SECOND) {
        return (int)fail_with(EINVAL);
    }
    uint64_t now = sel4rt_time_now_ns();
    uint64_t span = sel4rt_timer_span_ns((uint64_t)request->tv_sec, (uint64_t)request->tv_nsec);
    wait_until(sel4rt_timer_deadline_after(now, span));
    if (remaining != NULL) {
        remaining->tv_sec = 0;
        remaining->tv_nsec = 0;
    }
    return 0;
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
                    struct timespec *remaining)
{
    if (clock < CLOCK_REALTIME || clock > CLOCK_BOOTTIME) {
        return EINVAL;
    }
    if (flags & 1) { /* TIMER_ABSTIME */
        if (request->tv_sec < 0 || request->tv_nsec < 0 || request->tv_nsec >= (long)NS_PER_SECOND) {
            return EINVAL;
        }
        uint64_t deadline = sel4rt_timer_span_ns((uint64_t)request->tv_sec, (uint64_t)request->tv_nsec);
        if (clock == CLOCK_REALTIME) {
            deadline = deadline > realtime_offset_ns ? deadline - realtime_offset_ns : 0;
        }
        wait_until(deadline);
        return 0;
    }
    return nanosleep(request, remaining) == 0 ? 0 : *__errno_location();
}

unsigned int sleep(unsigned int seconds)
{
    struct timespec ts = {.tv_sec = seconds, .tv_nsec = 0};
    nanosleep(&ts, NULL);
    return 0;
}

int usleep(unsigned long microseconds)
{
    struct timespec ts = {.tv_sec = (time_t)(microseconds / 1000000),
                          .tv_nsec = (long)(microseconds % 1000000) * 1000};
    return nanosleep(&ts, NULL);
}

time_t time(time_t *out)
{
    time_t now = (time_t)((sel4rt_time_now_ns() + realtime_offset_ns) / NS_PER_SECOND);
    if (out != NULL) {
        *out = now;
    }
    return now;
}
