// SPDX-License-Identifier: MIT OR Apache-2.0
//! devkernel, the kernel `cargo run` boots when no real seL4 is configured.
//!
//! The kernel itself is C (see `kernel/README.md`); this crate only builds it
//! with the host C compiler and exports the paths of the results, so a
//! launcher can hand the image to QEMU. It promises the seL4 x86_64 ABI
//! (syscall numbers, registers, labels, errors, boot info, initial caps) and is
//! not verified.
#![no_std]
#![forbid(unsafe_code)]

/// Absolute path of the bootable kernel image: an ELF32 file (the 64-bit kernel
/// converted with `objcopy -O elf32-i386`), as QEMU's `-kernel` (multiboot 1) takes it.
pub const IMAGE: &str = env!("SEL4_DEVKERNEL_IMAGE");

/// Absolute path of the same kernel as an ELF64 file with symbols, for gdb.
pub const SYMBOLS: &str = env!("SEL4_DEVKERNEL_SYMBOLS");

/// Absolute path of the release kernel's bootable image (ELF32, like
/// [`IMAGE`]). It is the same kernel compiled as seL4's release build
/// (KernelDebugBuild and KernelPrinting off): it prints nothing at all (no
/// boot lines, error lines or fault reports), and the debug system calls
/// (DebugPutChar .. DebugNameThread) do not exist, so calling one is an
/// UnknownSyscall fault. SetTLSBase stays. Booted by `SEL4_KERNEL=devkernel-release`.
pub const RELEASE_IMAGE: &str = env!("SEL4_DEVKERNEL_RELEASE_IMAGE");

/// Absolute path of the release kernel as an ELF64 file with symbols, for gdb.
pub const RELEASE_SYMBOLS: &str = env!("SEL4_DEVKERNEL_RELEASE_SYMBOLS");
