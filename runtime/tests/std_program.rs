// SPDX-License-Identifier: MIT OR Apache-2.0

//! Links the std test program (`tests/std-program`) against the runtime and
//! checks the result, so that a Rust release whose `std` needs a symbol the
//! runtime lacks fails here rather than in a user's build:
//!
//! - the link succeeds and leaves no strong undefined symbol;
//! - the entry point is the runtime's `_start`;
//! - nothing lives where seL4's loader zeroes bytes after `.tdata`
//!   (see `link/tls-shadow.ld`).
//!
//! Then the program is booted on devkernel and must print all its checks
//! and exit with status 42. `SEL4_KERNEL` and `SEL4_PREFIX` choose another
//! kernel as for `cargo run` (a real seL4 install tree, `devkernel-release`,
//! an image), and the program is built for that kernel's configuration.

use sel4_launcher::kernel_selection::{self, Kernel, KernelChoice};
use sel4_launcher::settings;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const PT_TLS: u32 = 7;

/// Builds the program for seL4 with the launcher's own settings (the ones
/// `cargo run` uses) and returns the path of its ELF file.
fn build_std_program() -> PathBuf {
    build_std_program_with(&[])
}

/// Like [`build_std_program`], with the program's cargo `features`; each set
/// of features has a target directory of its own, so that tests running at
/// the same time never boot each other's build.
fn build_std_program_with(features: &[&str]) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/std-program/Cargo.toml");
    let directory = ["std-program"].iter().chain(features).copied().collect::<Vec<_>>().join("-");
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(directory);
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo
        .args(["build", "--quiet", "--target", settings::TARGET, "--config"])
        .arg(settings::rustflags_config_for(&kernel().config, &[]))
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target_dir);
    if !features.is_empty() {
        cargo.arg("--features").arg(features.join(","));
    }
    // The seL4 flags come from the settings; nothing from the outer build may override them.
    for variable in sel4_launcher::nested_build::RUSTFLAGS_VARIABLES {
        cargo.env_remove(variable);
    }
    let output = cargo.output().expect("run cargo build for the std program");
    assert!(
        output.status.success(),
        "building the std program failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    target_dir.join(settings::TARGET).join("debug/sel4-runtime-std-program")
}

fn read_u16(bytes: &[u8], at: usize) -> u64 {
    u16::from_le_bytes(bytes[at..at + 2].try_into().expect("2 bytes")).into()
}

fn read_u32(bytes: &[u8], at: usize) -> u64 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes")).into()
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// (type, vaddr, filesz, memsz) of every program header.
fn program_headers(elf: &[u8]) -> Vec<(u32, u64, u64, u64)> {
    assert_eq!(&elf[..4], b"\x7fELF", "not an ELF file");
    let phoff = read_u64(elf, 0x20) as usize;
    let phentsize = read_u16(elf, 0x36) as usize;
    let phnum = read_u16(elf, 0x38) as usize;
    (0..phnum)
        .map(|i| {
            let at = phoff + i * phentsize;
            (
                read_u32(elf, at) as u32,
                read_u64(elf, at + 0x10),
                read_u64(elf, at + 0x20),
                read_u64(elf, at + 0x28),
            )
        })
        .collect()
}

/// `nm` output lines: (address or None, type letter, name).
fn symbols(elf: &Path) -> Vec<(Option<u64>, char, String)> {
    let output = Command::new("nm").arg(elf).output().expect("run nm");
    assert!(output.status.success(), "nm failed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            match fields.as_slice() {
                [kind, name] => Some((None, kind.chars().next()?, name.to_string())),
                [address, kind, name] => {
                    Some((u64::from_str_radix(address, 16).ok(), kind.chars().next()?, name.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

/// Boots `elf` on `kernel` with the launcher's QEMU command line; answers
/// QEMU's exit status and everything the machine printed.
fn boot(kernel: &Path, elf: &Path) -> (i32, String) {
    let mut child = Command::new(settings::QEMU)
        .args(settings::qemu_args(kernel, elf, settings::Console::Piped))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start qemu-system-x86_64");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut output = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut output);
        output
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for QEMU") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the std program did not finish within 60 s:\n{}", reader.join().unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap_or_default())
}

#[test]
fn std_program_links_and_boots() {
    let elf_path = build_std_program();
    let elf = std::fs::read(&elf_path).expect("read the ELF file");
    let symbols = symbols(&elf_path);

    let undefined: Vec<&str> =
        symbols.iter().filter(|(_, kind, _)| *kind == 'U').map(|(_, _, name)| name.as_str()).collect();
    assert!(undefined.is_empty(), "undefined symbols: {undefined:?}");

    let start = symbols
        .iter()
        .find(|(_, kind, name)| *kind == 'T' && name == "_start")
        .and_then(|(address, _, _)| *address)
        .expect("_start is linked in");
    assert_eq!(read_u64(&elf, 0x18), start, "the entry point is _start");

    let headers = program_headers(&elf);
    if let Some(&(_, vaddr, filesz, memsz)) = headers.iter().find(|h| h.0 == PT_TLS) {
        let zeroed = vaddr + filesz..vaddr + memsz;
        let victims: Vec<&str> = symbols
            .iter()
            .filter(|(address, kind, _)| {
                address.is_some_and(|a| zeroed.contains(&a)) && "dDrRbBgG".contains(*kind)
            })
            .map(|(_, _, name)| name.as_str())
            .collect();
        assert!(victims.is_empty(), "seL4's loader would zero {victims:?} ({zeroed:x?})");
    }

    let (status, output) = boot(&kernel().image, &elf_path);
    assert!(
        output.contains("std-program: all checks passed"),
        "the std program did not finish its checks:\n{output}"
    );
    assert_eq!(status, (42 << 1) | 1, "QEMU exit status (42 through isa-debug-exit)");
    // Sleeps and timed waits block until the runtime's PIT timer wakes them.
    for sleep_check in [
        "sleep 50 ms",
        "sleep blocks",
        "sleepers wake in deadline order",
        "condvar wait_timeout times out",
        "condvar wait_timeout wakes on notify",
        "recv_timeout times out",
        "recv_timeout receives",
    ] {
        assert!(
            output.contains(&format!("std-program: {sleep_check}: ok")),
            "no {sleep_check:?} line:\n{output}"
        );
    }
}

/// The kernel to build for and boot: devkernel, or what `SEL4_KERNEL` or
/// `SEL4_PREFIX` choose, as for `cargo run`.
fn kernel() -> &'static Kernel {
    static KERNEL: OnceLock<Kernel> = OnceLock::new();
    KERNEL.get_or_init(|| {
        let choice = KernelChoice::from_env(|name| std::env::var(name).ok());
        let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kernels");
        kernel_selection::resolve(&choice, &cache).unwrap_or_else(|failure| panic!("{failure:?}"))
    })
}

#[test]
fn running_out_of_memory_ends_in_the_allocation_failure_and_a_failing_status() {
    let elf = build_std_program_with(&["out-of-memory"]);
    let (status, output) = boot(&kernel().image, &elf);
    assert!(output.contains("std-program: heap memory reused: ok"), "no heap growth before:\n{output}");
    // std's allocation error hook: "memory allocation of N bytes failed", then abort.
    let failed = output.lines().find_map(|line| {
        let bytes = line.trim_end().strip_prefix("memory allocation of ")?.strip_suffix(" bytes failed")?;
        bytes.parse::<usize>().ok()
    });
    assert!(failed.is_some_and(|bytes| bytes > 0), "no allocation failure line:\n{output}");
    assert!(!output.contains("std-program: all checks passed"), "the program went on:\n{output}");
    assert_eq!(status, (127 << 1) | 1, "QEMU exit status (abort's 134, clamped to 127)\n{output}");
}

#[test]
fn ten_thousand_threads_leave_the_free_untyped_memory_as_it_was() {
    let elf = build_std_program_with(&["soak"]);
    let (status, output) = boot(&kernel().image, &elf);
    let figures = output.lines().find_map(|line| {
        let rest = line.split_once("free untyped memory ")?.1;
        let (before, rest) = rest.split_once(" bytes before, ")?;
        let after = rest.split_once(" bytes after")?.0;
        Some((before.parse::<u64>().ok()?, after.parse::<u64>().ok()?))
    });
    let (before, after) = figures.unwrap_or_else(|| panic!("no soak figures:\n{output}"));
    assert!(before > 0 && after == before, "free untyped memory {before} before, {after} after:\n{output}");
    assert!(output.contains("std-program: soak: every thread ran: ok"), "{output}");
    assert!(output.contains("std-program: soak: no heap memory kept: ok"), "{output}");
    assert!(output.contains("std-program: all checks passed"), "the program stopped early:\n{output}");
    assert_eq!(status, (42 << 1) | 1, "QEMU exit status (42 through isa-debug-exit)");
}

#[test]
fn a_thread_stack_overflow_ends_the_program_with_std_message() {
    let elf = build_std_program_with(&["thread-stack-overflow"]);
    let (status, output) = boot(&kernel().image, &elf);
    assert!(
        output.contains(
            "thread 'deep recursion' has overflowed its stack\nfatal runtime error: stack overflow, aborting"
        ),
        "no stack overflow message:\n{output}"
    );
    assert!(!output.contains("the program went on"), "the program went on:\n{output}");
    assert_eq!(status, (127 << 1) | 1, "QEMU exit status (abort's 134, clamped to 127)\n{output}");
}

#[test]
fn without_the_timer_sleeps_poll_and_still_keep_time() {
    let elf = build_std_program_with(&["timer-off"]);
    let (status, output) = boot(&kernel().image, &elf);
    for check in [
        "sleeps poll without the timer",
        "sleep 50 ms",
        "sleepers wake in deadline order",
        "condvar wait_timeout times out",
        "condvar wait_timeout wakes on notify",
        "recv_timeout times out",
        "recv_timeout receives",
        "all checks passed",
    ] {
        let line = if check == "all checks passed" {
            format!("std-program: {check}")
        } else {
            format!("std-program: {check}: ok")
        };
        assert!(output.contains(&line), "no {line:?}:\n{output}");
    }
    assert_eq!(status, (42 << 1) | 1, "QEMU exit status (42 through isa-debug-exit)");
}
