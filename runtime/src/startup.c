/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Start-up of a root task, after entry.S has set up the stack: the list of
 * steps below is the order in which the runtime comes to life. Each step
 * may rely on the ones before it.
 */
#include "arguments.h"
#include "internal.h"
#include "layout.h"
#include "thread.h"

/* The initial stack, with a guard page below it that start-up unmaps, so
 * that an overflow faults instead of overwriting the data below. */
_Alignas(SEL4RUNTIME_PAGE_SIZE) struct initial_stack sel4runtime_stack_area;

/* The ELF constructor arrays; the linker defines the bounds. */
typedef void (*init_function)(int argc, char **argv, char **envp);
extern init_function __preinit_array_start[] __attribute__((weak, visibility("hidden")));
extern init_function __preinit_array_end[] __attribute__((weak, visibility("hidden")));
extern init_function __init_array_start[] __attribute__((weak, visibility("hidden")));
extern init_function __init_array_end[] __attribute__((weak, visibility("hidden")));

const char *const sel4runtime_program_name __attribute__((weak)) = "rootserver";

/* Where the runner writes the program's arguments and environment before
 * boot: only the header's magic and version (the newest layout this
 * runtime reads) are set here, so an untouched file gives neither. */
__attribute__((section(".sel4_arguments"), used, aligned(8)))
struct sel4rt_argument_section sel4runtime_argument_section = {
    .magic = {'S', 'E', 'L', '4', 'A', 'R', 'G', 'S'},
    .version = SEL4RT_ARGUMENT_SECTION_VERSION,
};

/* argv as a hosted C program gets it; envp is `environ` from
 * environment.c, started from the section's entries. */
static char *arguments[SEL4RT_MAX_ARGUMENTS + 2];
static char *environment_entries[SEL4RT_MAX_ENVIRONMENT + 1];
extern char **environ;

int main(int argc, char **argv, char **envp);

static void run_init_array(init_function *start, init_function *end, int argc, char **argv,
                           char **envp)
{
    for (init_function *f = start; f != end; f++) {
        /* glibc passes (argc, argv, envp); std's argument capture uses it */
        (*f)(argc, argv, envp);
    }
}

/* kernel_config_note.c: read by the runner from the file, never here */
extern const char sel4runtime_kernel_config[];

NORETURN void sel4runtime_start(const seL4_BootInfo *bootinfo);
NORETURN void sel4runtime_start(const seL4_BootInfo *bootinfo)
{
    /* a use, so that the linker keeps the section */
    __asm__ volatile("" : : "r"(sel4runtime_kernel_config));
    /* keep the boot info; everything below reads it */
    sel4rt_bootinfo_record(bootinfo);
    /* TLS first: errno, std and libsel4's IPC buffer pointer live there */
    sel4rt_tls_init_initial_thread();
    /* libsel4 invocations marshal through the IPC buffer */
    __sel4_ipc_buffer = bootinfo->ipcBuffer;
    /* capabilities for COM1 and isa-debug-exit */
    sel4rt_ioports_init();
    /* the console, so constructors can print */
    sel4rt_serial_init();
    /* unmap the page below the stack */
    sel4rt_stack_guard_init();
    /* the TSC frequency for clock_gettime */
    sel4rt_time_init();
    /* untyped memory and slots for threads, before the program takes them */
    sel4rt_threads_init();
    /* slots for growing the heap, likewise */
    sel4rt_heap_grow_init();

    /* argv: the program name, then what the runner wrote into the section */
    arguments[0] = (char *)sel4runtime_program_name;
    int argc = sel4rt_arguments_parse(&sel4runtime_argument_section, arguments);
    /* environ: copies of the section's NAME=value entries, on the heap */
    size_t entries = sel4rt_environment_parse(&sel4runtime_argument_section, environment_entries);
    sel4rt_environment_init(environment_entries, entries);
    run_init_array(__preinit_array_start, __preinit_array_end, argc, arguments, environ);
    run_init_array(__init_array_start, __init_array_end, argc, arguments, environ);

    exit(main(argc, arguments, environ));
}

void sel4runtime_initial_stack(void **base, size_t *size)
{
    *base = sel4runtime_stack_area.stack;
    *size = SEL4RUNTIME_STACK_SIZE;
}
