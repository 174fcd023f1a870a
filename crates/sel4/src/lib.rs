// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The top of the `sel4` crate: its promises, its modules and its re-exports.
// Everything that differs between the seL4 build and the host build is
// chosen here or in `root_main.rs` with `cfg(sel4)`, never in user code.

//! Write seL4 root tasks in Rust.
//!
//! Put `#[sel4::root]` on the `main` of an ordinary Rust program and
//! `cargo run` boots it as the root task of an seL4 system in QEMU:
//!
//! ```no_run
//! #[sel4::root]
//! fn main() {
//!     println!("Hello, world!");
//! }
//! ```
//!
//! `std` works (`println!`, `Vec`, `HashMap`, panics that unwind) because
//! the project's C runtime stands in for the C library under it. The
//! program is built twice: the host build's `main` is a launcher that
//! builds the package again for seL4 (`--cfg sel4`), boots it on devkernel
//! (or the kernel image in `SEL4_KERNEL`) and exits with the root task's
//! status; in the seL4 build `main` runs as written, after this crate's
//! start-up. See `sel4-launcher` for the statuses and the environment.
//!
//! The boot info the kernel gives the root task is [`bootinfo()`]:
//!
//! ```no_run
//! #[sel4::root]
//! fn main() {
//!     let bootinfo = sel4::bootinfo();
//!     let bytes: u64 = bootinfo.untyped_list().iter().map(|untyped| untyped.size_bytes()).sum();
//!     println!("{} untypeds, {bytes} bytes", bootinfo.untyped_list().len());
//!     println!("free slots: {:?}", bootinfo.empty());
//! }
//! ```
//!
//! `#![no_std]` programs turn off the default `std` feature and mark `main`
//! with `#[sel4::root(no_std)]`; they print with `debug_println!` (feature
//! `utils`), and a panic prints its message and location and exits with
//! status 101:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//!
//! #[sel4::root(no_std)]
//! fn main() {
//!     sel4::debug_println!("Hello, world!");
//! }
//! ```
//!
//! # What this crate promises
//!
//! - The same source builds for the host and for seL4; user code never
//!   needs `cfg(sel4)`. Items that only mean something on seL4 (such as
//!   [`bootinfo()`]) exist in the host build too, so it type-checks the
//!   whole program, and panic if ever called there.
//! - Safe views over the raw structures of [`sys`] (`sel4-sys`), with the
//!   raw ones always reachable.
//! - A root task's exit status is the status of `cargo run`.
//!
//! # What it refuses
//!
//! - Deciding the build: the flags, target and QEMU command line belong to
//!   `sel4_launcher::settings`.
//! - Hiding the ABI: names follow seL4's, and [`sys`] is the ABI itself.
//!
//! # Features
//!
//! - `std` (default): links `std`. Turn it off in `#![no_std]` programs,
//!   which then get this crate's panic handler in the seL4 build.
//! - `utils`: `debug_print!` and `debug_println!`, which write through
//!   the runtime's `write(1, ...)`, so they work on release kernels too.

#![no_std]
#![deny(missing_docs, unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(sel4)]
use sel4_runtime as _;

pub use sel4_macros::root;
pub use sel4_sys as sys;

mod bootinfo;
#[cfg(feature = "utils")]
mod debug_print;
#[cfg(all(sel4, not(feature = "std")))]
mod panic_handler;
mod root_main;
mod runtime;

pub use bootinfo::{bootinfo, BootInfo, UntypedDesc};

/// Not public API: what the expansion of `#[sel4::root]` calls.
#[doc(hidden)]
pub mod __private {
    pub use core::ffi::{c_char, c_int};

    #[cfg(feature = "utils")]
    pub use crate::debug_print::print;

    /// Start-up of the seL4 build, before the user's `main` body: makes the
    /// IPC buffer the kernel gave the root task this thread's.
    #[cfg(sel4)]
    pub fn start() {
        crate::bootinfo::install_ipc_buffer();
    }

    /// The host build's `main` of a `std` program.
    #[cfg(not(sel4))]
    pub fn launch(manifest_dir: &str, package: &str, bin: Option<&str>) -> ! {
        sel4_launcher::launch(manifest_dir, package, bin.unwrap_or(package), sel4_launcher::Program::Std)
    }

    /// The host build's `main` of a `#![no_std]` program under `cargo
    /// test`: there is no test harness without Rust's `main`, so it says
    /// so and succeeds.
    #[cfg(not(sel4))]
    pub fn no_std_test_main(package: &str) -> c_int {
        sel4_launcher::note_no_std_tests(package);
        0
    }

    /// The host build's `main` of a `#![no_std]` program.
    #[cfg(not(sel4))]
    pub fn launch_no_std(manifest_dir: &str, package: &str, bin: Option<&str>) -> ! {
        sel4_launcher::launch(manifest_dir, package, bin.unwrap_or(package), sel4_launcher::Program::NoStd)
    }
}
