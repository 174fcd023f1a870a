// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Declares the `sel4` cfg, which the seL4 build passes with `--cfg sel4`,
// so rustc checks its spelling instead of warning that it is unknown.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(sel4)");
    println!("cargo::rerun-if-changed=build.rs");
}
