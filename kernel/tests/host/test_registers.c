/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Host tests of kernel/registers.c: seL4_UserContext numbering onto the
 * saved context, and seL4's sanitising of register values written by
 * another thread (TCB_WriteRegisters, fault replies), with the values
 * real seL4 16.0.0 gives (also checked by the conformance suite).
 */
#include "boot_tests.h"

#include <kernel/registers.h>

START_TEST(numbering_matches_user_context)
{
    struct user_context c = {0};
    ck_assert_ptr_eq(context_register(&c, REG_RIP), &c.fault_ip);
    ck_assert_ptr_eq(context_register(&c, REG_RSP), &c.rsp);
    ck_assert_ptr_eq(context_register(&c, REG_RFLAGS), &c.rflags);
    ck_assert_ptr_eq(context_register(&c, REG_RAX), &c.rax);
    ck_assert_ptr_eq(context_register(&c, REG_RDI), &c.rdi);
    ck_assert_ptr_eq(context_register(&c, REG_R8), &c.r8);
    ck_assert_ptr_eq(context_register(&c, REG_R15), &c.r15);
    ck_assert_ptr_eq(context_register(&c, REG_FS_BASE), &c.fs_base);
    ck_assert_ptr_eq(context_register(&c, REG_GS_BASE), &c.gs_base);
    /* Every register has its own word. */
    for (int a = 0; a < N_USER_REGISTERS; a++) {
        for (int b = a + 1; b < N_USER_REGISTERS; b++) {
            ck_assert_ptr_ne(context_register(&c, a), context_register(&c, b));
        }
    }
}
END_TEST

START_TEST(flags_keep_user_bits_only)
{
    ck_assert_uint_eq(sanitise_register(REG_RFLAGS, 0xffffffffull), 0xed7);
    ck_assert_uint_eq(sanitise_register(REG_RFLAGS, 0), 0x202);
    ck_assert_uint_eq(sanitise_register(REG_RFLAGS, 0x100), 0x202); /* no trap flag */
    ck_assert_uint_eq(sanitise_register(REG_RFLAGS, 0x801), 0xa03);
}
END_TEST

START_TEST(addresses_must_be_canonical)
{
    ck_assert_uint_eq(sanitise_register(REG_RIP, 0x800000000000ull), 0);
    ck_assert_uint_eq(sanitise_register(REG_RIP, 0x7fffffffffffull), 0x7fffffffffffull);
    ck_assert_uint_eq(sanitise_register(REG_RIP, 0xffff800000000000ull), 0xffff800000000000ull);
    ck_assert_uint_eq(sanitise_register(REG_FS_BASE, 0xffff7fffffffffffull), 0);
    ck_assert_uint_eq(sanitise_register(REG_GS_BASE, 0x1000), 0x1000);
    /* Other registers are taken as they are. */
    ck_assert_uint_eq(sanitise_register(REG_RSP, 0x800000000000ull), 0x800000000000ull);
    ck_assert_uint_eq(sanitise_register(REG_RAX, ~0ull), ~0ull);
}
END_TEST

Suite *registers_suite(void)
{
    Suite *s = suite_create("registers");
    TCase *tc = tcase_create("registers");
    tcase_add_test(tc, numbering_matches_user_context);
    tcase_add_test(tc, flags_keep_user_bits_only);
    tcase_add_test(tc, addresses_must_be_canonical);
    suite_add_tcase(s, tc);
    return s;
}
