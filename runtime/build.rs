// SPDX-License-Identifier: MIT OR Apache-2.0

//! Builds the C runtime when the crate is compiled for seL4.
//!
//! A root task is an `x86_64-unknown-linux-gnu` program built with
//! `--cfg sel4` and linked with `-nostdlib`. For such a build this script
//! compiles `src/*.c` and `src/*.S` with the host C compiler into
//! `OUT_DIR/lib/libsel4runtime.a` and lays out the libraries the link asks
//! for in that directory: `libc.a` (a copy of the runtime, so std's
//! references to libc resolve to it) and empty `libm.a`, `libpthread.a`,
//! `librt.a`, `libdl.a` and `libutil.a`, and the linker script
//! `link/tls-shadow.ld` (as `libsel4runtime_tls_shadow.a`). gcc's own `libgcc.a` and
//! `libgcc_eh.a` (the unwinder) come from the compiler's directory as
//! usual. For a host build (no `--cfg sel4`) it does nothing.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

/// Libraries std names that have nothing of their own here.
const EMPTY_LIBRARIES: &[&str] = &["m", "pthread", "rt", "dl", "util"];

/// What an empty `ar` archive consists of.
const EMPTY_ARCHIVE: &[u8] = b"!<arch>\n";

fn main() {
    println!("cargo:rustc-check-cfg=cfg(sel4)");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=link");
    println!("cargo:rerun-if-env-changed=SEL4_RUNTIME_INCLUDE");

    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let include_dir = manifest_dir.join("include");
    // Dependents' build scripts find the C headers as DEP_SEL4RUNTIME_INCLUDE.
    println!("cargo:include={}", include_dir.display());

    if env::var_os("CARGO_CFG_SEL4").is_none() {
        return;
    }
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    assert_eq!(arch, "x86_64", "sel4-runtime supports x86_64 seL4 only, not {arch}");

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    let lib_dir = out_dir.join("lib");
    fs::create_dir_all(&lib_dir).expect("create OUT_DIR/lib");

    let sources = c_sources(&manifest_dir.join("src"));
    let mut build = cc::Build::new();
    // The kernel configuration this build is for, for the runner to check
    // (src/kernel_config_note.c); cargo gives the build's cfgs as CARGO_CFG_*.
    build.define("SEL4RT_KERNEL_CONFIG", Some(kernel_config_line().as_str()));
    if let Some(extra) = env::var_os("SEL4_RUNTIME_INCLUDE") {
        // Other libsel4 headers (for example a real seL4 build's) first.
        build.include(extra);
    }
    build
        .files(&sources)
        .include(&include_dir)
        .include(manifest_dir.join("src"))
        .std("c11")
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .pic(false)
        .opt_level(2)
        .debug(true)
        .flag("-ffreestanding")
        .flag("-fno-stack-protector")
        .flag("-fno-tree-loop-distribute-patterns")
        .out_dir(&lib_dir)
        .cargo_metadata(false)
        .compile("sel4runtime");

    let runtime = lib_dir.join("libsel4runtime.a");
    fs::copy(&runtime, lib_dir.join("libc.a")).expect("copy the runtime to libc.a");
    for name in EMPTY_LIBRARIES {
        fs::write(lib_dir.join(format!("lib{name}.a")), EMPTY_ARCHIVE).expect("write an empty archive");
    }

    // The loader-safety script (see link/tls-shadow.ld), as a "library"
    // that the linker reads as a linker script; never bundled into the rlib.
    fs::copy(manifest_dir.join("link/tls-shadow.ld"), lib_dir.join("libsel4runtime_tls_shadow.a"))
        .expect("copy the linker script");

    println!("cargo:rustc-link-search=native={}", lib_dir.display());
    // Not bundled into the rlib: the final link takes the archive from this
    // directory, the same objects as `libc.a`. A bundled copy could be an
    // older build of the runtime than `libc.a` (cargo may keep an rlib of
    // one build configuration while another rewrites this directory), and
    // the linker would then see two different definitions of a symbol.
    println!("cargo:rustc-link-lib=static:-bundle=sel4runtime");
    println!("cargo:rustc-link-lib=static:-bundle=sel4runtime_tls_shadow");
}

/// The line of the `.sel4_kernel_config` section, as a C string literal:
/// `SEL4CFG1 debug_build=0|1 printing=0|1`, or `SEL4CFG1 unknown` when the
/// build has no kernel configuration cfgs at all.
fn kernel_config_line() -> String {
    let known = env::vars_os().any(|(name, _)| name.to_string_lossy().starts_with("CARGO_CFG_SEL4_CONFIG_"));
    let on = |option: &str| u8::from(env::var_os(format!("CARGO_CFG_SEL4_CONFIG_{option}")).is_some());
    let line = if known {
        format!("SEL4CFG1 debug_build={} printing={}", on("DEBUG_BUILD"), on("PRINTING"))
    } else {
        "SEL4CFG1 unknown".to_owned()
    };
    format!("\"{line}\"")
}

/// The runtime's C and assembly files, in a stable order.
fn c_sources(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read runtime/src")
        .map(|entry| entry.expect("read runtime/src entry").path())
        .filter(|path| matches!(path.extension().and_then(|e| e.to_str()), Some("c" | "S")))
        .collect();
    files.sort();
    files
}
