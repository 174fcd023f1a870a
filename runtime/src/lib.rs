// SPDX-License-Identifier: MIT OR Apache-2.0

//! The C runtime for seL4 root tasks.
//!
//! A Rust program built for seL4 is an ordinary `x86_64-unknown-linux-gnu`
//! program linked statically against this runtime instead of glibc. The
//! runtime is C (in `src/*.c`, compiled by the build script only when the
//! build has `--cfg sel4`) and provides:
//!
//! - `_start`: the root task's entry point. It sets up a static stack, the
//!   initial thread's TLS, the libsel4 IPC buffer pointer, IOPort
//!   capabilities for the COM1 serial port and QEMU's `isa-debug-exit`
//!   device, runs the ELF constructors and calls `main`.
//! - The subset of the C library that `std` needs: memory and string
//!   functions, a heap (`malloc` and friends), `write` to the serial port,
//!   clocks from the TSC, random numbers, and answers for the file, signal,
//!   thread and dynamic-loader calls that `std` makes at start-up.
//! - `exit`: the exit status leaves QEMU through `isa-debug-exit`.
//!
//! It promises to use only the seL4 ABI, so a program runs unchanged on
//! devkernel and on the real seL4 kernel. It refuses what seL4 root tasks
//! do not have: files, processes, signals delivery and (for now) threads;
//! those calls fail with an `errno` instead of crashing.
//!
//! The C API for Rust and C users is `include/sel4runtime.h`. This crate has
//! no Rust items: it exists so that dependents link the C library (the
//! `sel4` crate names it with `use sel4_runtime as _;`).

#![no_std]
