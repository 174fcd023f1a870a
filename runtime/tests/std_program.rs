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
//! Then the program is booted on devkernel (or on the kernel image named by
//! `SEL4_KERNEL`, an ELF32 file as QEMU's `-kernel` takes it) and must print
//! all its checks and exit with status 42.

use sel4_launcher::settings;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const PT_TLS: u32 = 7;

/// Builds the program for seL4 with the launcher's own settings (the ones
/// `cargo run` uses) and returns the path of its ELF file.
fn build_std_program() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/std-program/Cargo.toml");
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("std-program");
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo
        .args(["build", "--quiet", "--target", settings::TARGET, "--config"])
        .arg(settings::rustflags_config(&[]))
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target_dir);
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

    // devkernel by default; SEL4_KERNEL boots another image (real seL4, say), as for `cargo run`.
    let kernel = std::env::var_os("SEL4_KERNEL")
        .filter(|path| !path.is_empty())
        .map_or_else(|| PathBuf::from(sel4_devkernel::IMAGE), PathBuf::from);
    let (status, output) = boot(&kernel, &elf_path);
    assert!(
        output.contains("std-program: all checks passed"),
        "the std program did not finish its checks:\n{output}"
    );
    assert_eq!(status, (42 << 1) | 1, "QEMU exit status (42 through isa-debug-exit)");
}
