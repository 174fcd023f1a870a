/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The C half of the c-and-rust example: a function Rust calls, which calls
 * a function Rust defines. Both directions use the C calling convention and
 * plain C types; nothing here knows it runs on seL4.
 */
#include <unistd.h>

/* Defined in main.rs as `extern "C" fn rust_square`. */
long rust_square(long value);

/* The sum of the squares of 1..=count, each square computed by Rust. */
long c_sum_of_squares(long count)
{
    static const char note[] = "C: asking Rust for each square\n";
    write(STDOUT_FILENO, note, sizeof note - 1);
    long sum = 0;
    for (long value = 1; value <= count; value++) {
        sum += rust_square(value);
    }
    return sum;
}
