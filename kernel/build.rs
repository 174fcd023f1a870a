// SPDX-License-Identifier: MIT OR Apache-2.0
//! Builds devkernel with the host gcc: every `.c` and `.S` under `src/` is
//! compiled freestanding, linked with the kernel's linker script into
//! `OUT_DIR/devkernel.elf` (ELF64 with symbols), and converted with
//! `objcopy -O elf32-i386` into `OUT_DIR/devkernel32.elf`, the file QEMU's
//! multiboot loader accepts. No cmake, no Python: only gcc and binutils.
//!
//! It builds two configurations: the debug kernel (the one above) and the
//! release kernel, compiled with `-DDEVKERNEL_RELEASE` into
//! `OUT_DIR/devkernel-release.elf` and `OUT_DIR/devkernel-release32.elf`,
//! which prints nothing and has no debug calls, as seL4's release build.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Flags for every kernel object. SSE is off (`-mgeneral-regs-only`) because the
/// kernel does not save user FPU state on entry; it only switches it. Frame
/// pointers are omitted: each kernel call costs two instructions fewer (the IPC
/// fastpath is counted in instructions), and gdb unwinds with the DWARF frame
/// information that `-g` emits.
const CFLAGS: &[&str] = &[
    "-std=c11",
    "-O2",
    "-g",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-ffreestanding",
    "-fno-builtin",
    "-nostdlib",
    "-nostdinc",
    "-mno-red-zone",
    "-mcmodel=kernel",
    "-fno-pic",
    "-fno-pie",
    "-fno-stack-protector",
    "-fno-asynchronous-unwind-tables",
    "-fomit-frame-pointer",
    "-mgeneral-regs-only",
    "-mno-sse",
    "-mno-mmx",
    "-mno-80387",
];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let cc = std::env::var("DEVKERNEL_CC").unwrap_or_else(|_| "gcc".to_string());
    let objcopy = std::env::var("DEVKERNEL_OBJCOPY").unwrap_or_else(|_| "objcopy".to_string());

    let mut sources = Vec::new();
    collect_sources(&root.join("src"), &mut sources);
    sources.sort();
    println!("cargo:rerun-if-changed={}", root.join("src").display());
    println!("cargo:rerun-if-changed={}", root.join("include").display());
    println!("cargo:rerun-if-env-changed=DEVKERNEL_CC");
    println!("cargo:rerun-if-env-changed=DEVKERNEL_OBJCOPY");
    for src in &sources {
        println!("cargo:rerun-if-changed={}", src.display());
    }
    let gcc_include = compiler_include_dir(&cc);

    let tools = Tools { cc: &cc, objcopy: &objcopy, root: &root, out: &out, gcc_include: &gcc_include };
    // The two configurations share nothing but the sources; building them
    // side by side keeps the build time of one.
    let (debug, release) = std::thread::scope(|scope| {
        let debug = scope.spawn(|| tools.build(&sources, &DEBUG));
        let release = scope.spawn(|| tools.build(&sources, &RELEASE));
        (debug.join().expect("debug build"), release.join().expect("release build"))
    });

    println!("cargo:rustc-env=SEL4_DEVKERNEL_IMAGE={}", debug.elf32.display());
    println!("cargo:rustc-env=SEL4_DEVKERNEL_SYMBOLS={}", debug.elf.display());
    println!("cargo:rustc-env=SEL4_DEVKERNEL_RELEASE_IMAGE={}", release.elf32.display());
    println!("cargo:rustc-env=SEL4_DEVKERNEL_RELEASE_SYMBOLS={}", release.elf.display());
}

/// One kernel configuration: where its files go and the switch that selects it.
struct Configuration {
    /// Directory (under OUT_DIR) for its objects.
    obj_dir: &'static str,
    /// Base name of its images: `<name>.elf` and `<name>32.elf`.
    name: &'static str,
    /// Extra compiler flags.
    defines: &'static [&'static str],
}

/// The debug kernel: prints seL4's debug messages and has the debug calls.
const DEBUG: Configuration = Configuration { obj_dir: "obj", name: "devkernel", defines: &[] };

/// The release kernel, as seL4 with KernelDebugBuild and KernelPrinting off:
/// prints nothing and has no debug calls (see `include/kernel/printf.h`).
const RELEASE: Configuration =
    Configuration { obj_dir: "obj-release", name: "devkernel-release", defines: &["-DDEVKERNEL_RELEASE"] };

/// The images of one configuration.
struct Images {
    elf: PathBuf,
    elf32: PathBuf,
}

/// What every build step needs.
struct Tools<'a> {
    cc: &'a str,
    objcopy: &'a str,
    root: &'a Path,
    out: &'a Path,
    gcc_include: &'a Path,
}

impl Tools<'_> {
    /// Compiles, links and converts one configuration.
    fn build(&self, sources: &[PathBuf], config: &Configuration) -> Images {
        let root = self.root;
        let obj_dir = self.out.join(config.obj_dir);
        std::fs::create_dir_all(&obj_dir).expect("create obj dir");
        let mut objects = Vec::new();
        for src in sources {
            let rel = src.strip_prefix(root).expect("source under kernel/");
            let obj = obj_dir.join(rel.to_string_lossy().replace('/', "_") + ".o");
            let mut cmd = Command::new(self.cc);
            cmd.args(CFLAGS)
                .args(config.defines)
                .arg("-isystem")
                .arg(self.gcc_include)
                .arg("-I")
                .arg(root.join("include"))
                .arg("-c")
                .arg(src)
                .arg("-o")
                .arg(&obj);
            run(&mut cmd);
            objects.push(obj);
        }

        let elf = self.out.join(format!("{}.elf", config.name));
        let script = root.join("src/arch/x86_64/kernel.ld");
        let mut link = Command::new(self.cc);
        link.args(["-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none", "-Wl,-z,max-page-size=0x1000"])
            .arg(format!("-Wl,-T,{}", script.display()))
            .args(&objects)
            .arg("-lgcc")
            .arg("-o")
            .arg(&elf);
        run(&mut link);

        let elf32 = self.out.join(format!("{}32.elf", config.name));
        run(Command::new(self.objcopy).args(["-O", "elf32-i386"]).arg(&elf).arg(&elf32));
        Images { elf, elf32 }
    }
}

/// Every `.c` and `.S` file below `dir`.
fn collect_sources(dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_sources(&path, into);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("c") | Some("S")) {
            into.push(path);
        }
    }
}

/// gcc's own header directory (stdint.h, stddef.h, stdbool.h, stdarg.h are
/// freestanding headers it ships), so `-nostdinc` keeps the host libc out.
fn compiler_include_dir(cc: &str) -> PathBuf {
    let output = Command::new(cc).arg("-print-file-name=include").output().unwrap_or_else(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            panic!(
                "{cc} not found: devkernel is built with the host C compiler; install it with \
                     `sudo apt-get install gcc` (or name another gcc in DEVKERNEL_CC)"
            )
        }
        panic!("running {cc}: {e}; devkernel needs a host gcc")
    });
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

fn run(cmd: &mut Command) {
    let status = cmd.status().unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    if !status.success() {
        panic!("devkernel build step failed ({status}): {cmd:?}");
    }
}
