// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Compiles the C half, `src/squares.c`, into a static library that cargo
// links into the program. It is plain C11 with no seL4 headers, so both
// builds compile it: on seL4 it calls the runtime's `write`, on the host
// (where the launcher never calls it) the host's.

fn main() {
    println!("cargo:rerun-if-changed=src/squares.c");
    cc::Build::new()
        .file("src/squares.c")
        .std("c11")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        // Position-independent (cc's default), so the same object suits the
        // host's PIE launcher and the seL4 build's static link. The runtime
        // has no `__stack_chk_fail`, so no stack protector.
        .flag("-fno-stack-protector")
        .compile("squares");
}
