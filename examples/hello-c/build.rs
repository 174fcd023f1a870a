// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Compiles the C program `src/main.c` for the seL4 build (`--cfg sel4`,
// seen here as CARGO_CFG_SEL4), with the runtime's headers from the
// `sel4-runtime` crate's `links` metadata. The host build compiles no C:
// its `main` is the Rust launcher, and a second `main` could not link.

use std::env;

fn main() {
    println!("cargo:rustc-check-cfg=cfg(sel4)");
    println!("cargo:rerun-if-changed=src/main.c");
    if env::var_os("CARGO_CFG_SEL4").is_none() {
        return;
    }
    let include = env::var_os("DEP_SEL4RUNTIME_INCLUDE").expect("sel4-runtime exports its include directory");
    cc::Build::new()
        .file("src/main.c")
        .include(include)
        .std("c11")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        // Linked statically at a fixed address, like the runtime.
        .pic(false)
        .flag("-ffreestanding")
        .flag("-fno-stack-protector")
        .compile("hello_c");
}
