/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel capability stress test: builds structures whose deletion seL4
 * must handle without deep recursion or unbounded kernel entries, tears
 * them down, and checks that all memory comes back. A chain of 300 CNodes
 * each holding the only cap to the next, two CNodes holding each other, a
 * CNode holding itself, a full 4096-slot CNode of endpoint copies, and 256
 * TCBs; each is deleted or revoked, then the untyped they came from must
 * report all its bytes free, and a CNode made again in the same memory must
 * be empty. Exits QEMU with the number of failed checks
 * (0 = all passed). Passes unchanged on real seL4 16.0.0.
 */
#include <stdint.h>

typedef uint64_t word;

enum { SYS_CALL = -1, SYS_PUTCHAR = -9 };
enum { L_RETYPE = 1, L_REVOKE = 17, L_DELETE = 18, L_COPY = 20, L_MOVE = 22, L_IOPORT_ISSUE = 44, L_OUT32 = 50 };
enum { T_UNTYPED = 0, T_TCB = 1, T_ENDPOINT = 2, T_CNODE = 4 };
enum { E_OK = 0, E_FAILED_LOOKUP = 6, E_NOT_ENOUGH_MEMORY = 10 };
enum { ROOT = 2, UT_BITS = 22, CHAIN = 300 };

static word *ipc_buffer;
static int failures;

struct reply {
    word error, mr0;
};

static struct reply call(word cptr, word label, unsigned length, unsigned caps, const word *mr)
{
    register word r10 __asm__("r10") = length > 0 ? mr[0] : 0;
    register word r8 __asm__("r8") = length > 1 ? mr[1] : 0;
    register word r9 __asm__("r9") = length > 2 ? mr[2] : 0;
    register word r15 __asm__("r15") = length > 3 ? mr[3] : 0;
    for (unsigned i = 4; i < length; i++) {
        ipc_buffer[i + 1] = mr[i];
    }
    word rdi = cptr, rsi = (label << 12) | (caps << 7) | length;
    __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                     : "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"((word)SYS_CALL)
                     : "rbx", "rcx", "r11", "memory");
    return (struct reply){rsi >> 12, r10};
}

static void print(const char *s)
{
    while (*s) {
        register word r10 __asm__("r10") = 0;
        word rdi = (word)*s++, rsi = 0;
        __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                         : "+D"(rdi), "+S"(rsi), "+r"(r10)
                         : "d"((word)SYS_PUTCHAR)
                         : "rbx", "rcx", "r11", "r8", "r9", "r15", "memory");
    }
}

static void print_num(word v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    print(buf + i);
}

static void check(const char *what, struct reply r, word error, word mr0)
{
    if (r.error == error && (error != E_NOT_ENOUGH_MEMORY || r.mr0 == mr0)) {
        return;
    }
    failures++;
    print("caps: FAILED ");
    print(what);
    print(": error ");
    print_num(r.error);
    print(" mr0 ");
    print_num(r.mr0);
    print("\n");
}

static struct reply retype(word ut, word type, word size, word slot, word count)
{
    ipc_buffer[122] = ROOT;
    word mr[6] = {type, size, 0, 0, slot, count};
    return call(ut, L_RETYPE, 6, 1, mr);
}

static struct reply cnode(word label, word node, word index, word depth, word src_root, word src, word src_depth)
{
    ipc_buffer[122] = src_root;
    word mr[5] = {index, depth, src, src_depth, 15};
    return call(node, label, label == L_COPY ? 5 : label == L_MOVE ? 4 : 2, label >= L_COPY ? 1 : 0, mr);
}

/* The untyped has no children left: asking for one byte more than it holds reports all of it. */
static void check_all_free(const char *what, word ut, word bits, word spare)
{
    check(what, retype(ut, T_UNTYPED, bits + 1, spare, 1), E_NOT_ENOUGH_MEMORY, 1ull << bits);
}

void caps_main(word *bootinfo);
void caps_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word free = bootinfo[5];
    print("caps: start\n");

    /* The exit port, then the biggest RAM untyped. */
    word exit_port = free++;
    ipc_buffer[122] = ROOT;
    word issue[4] = {0xf4, 0xf7, exit_port, 64};
    check("issue the exit port", call(7, L_IOPORT_ISSUE, 4, 1, issue), E_OK, 0);
    word best = 0, best_bits = 0;
    const uint8_t *list = (const uint8_t *)(bootinfo + 21);
    for (word s = bootinfo[19]; s < bootinfo[20]; s++) {
        const uint8_t *d = list + 16 * (s - bootinfo[19]);
        if (!d[9] && d[8] > best_bits) {
            best = s;
            best_bits = d[8];
        }
    }
    word ut = free++;
    check("retype the test untyped", retype(best, T_UNTYPED, UT_BITS, ut, 1), E_OK, 0);
    word spare = free++;
    word base = free;

    /* A chain: node i holds the only cap to node i+1 in its slot 0. */
    check("retype the chain", retype(ut, T_CNODE, 1, base, 256), E_OK, 0);
    check("retype the chain's rest", retype(ut, T_CNODE, 1, base + 256, CHAIN - 256), E_OK, 0);
    for (word i = CHAIN - 1; i > 0; i--) {
        check("link the chain", cnode(L_MOVE, base + i - 1, 0, 1, ROOT, base + i, 64), E_OK, 0);
    }
    check("delete the chain's head", cnode(L_DELETE, ROOT, base, 64, 0, 0, 0), E_OK, 0);
    check("revoke after the chain", cnode(L_REVOKE, ROOT, ut, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the chain", ut, UT_BITS, spare);

    /* Two CNodes holding each other, and one holding itself. */
    check("retype a, b, c", retype(ut, T_CNODE, 1, base, 3), E_OK, 0);
    check("b into a", cnode(L_MOVE, base, 0, 1, ROOT, base + 1, 64), E_OK, 0);
    check("a into b", cnode(L_MOVE, base, 1, 2, ROOT, base, 64), E_OK, 0);
    check("c into itself", cnode(L_COPY, base + 2, 1, 1, ROOT, base + 2, 64), E_OK, 0);
    check("delete c's outer cap", cnode(L_DELETE, ROOT, base + 2, 64, 0, 0, 0), E_OK, 0);
    check("revoke after the cycles", cnode(L_REVOKE, ROOT, ut, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the cycles", ut, UT_BITS, spare);

    /* A full CNode of endpoint copies, deleted as a whole. */
    check("retype the big node", retype(ut, T_CNODE, 12, base, 1), E_OK, 0);
    check("retype an endpoint", retype(ut, T_ENDPOINT, 0, base + 1, 1), E_OK, 0);
    for (word i = 0; i < 4096; i++) {
        check("copy into the big node", cnode(L_COPY, base, i, 12, ROOT, base + 1, 64), E_OK, 0);
    }
    check("delete the big node", cnode(L_DELETE, ROOT, base, 64, 0, 0, 0), E_OK, 0);
    check("delete the endpoint", cnode(L_DELETE, ROOT, base + 1, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the big node", ut, UT_BITS, spare);
    /* The same memory again as a CNode: the old caps must not show through. */
    check("retype the big node again", retype(ut, T_CNODE, 12, base, 1), E_OK, 0);
    for (word i = 0; i < 4096; i += 273) {
        check("new node slot empty", cnode(L_MOVE, ROOT, base + 1, 64, base, i, 12), E_FAILED_LOOKUP, 0);
    }
    check("delete the new node", cnode(L_DELETE, ROOT, base, 64, 0, 0, 0), E_OK, 0);

    /* 256 threads, revoked together. */
    check("retype 256 TCBs", retype(ut, T_TCB, 0, base, 256), E_OK, 0);
    check("revoke the TCBs", cnode(L_REVOKE, ROOT, ut, 64, 0, 0, 0), E_OK, 0);
    check_all_free("all free after the TCBs", ut, UT_BITS, spare);

    print(failures ? "caps: some checks failed\n" : "caps: all checks passed\n");
    word out[2] = {0xf4, (word)failures};
    call(exit_port, L_OUT32, 2, 0, out);
}

unsigned char caps_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea caps_stack+16384(%rip), %rsp\n"
        "  call caps_main\n"
        "  ud2\n");
