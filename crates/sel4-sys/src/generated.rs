// SPDX-License-Identifier: MIT OR Apache-2.0
//! The code generated from `api/interface` by `sel4-api` (never edited by
//! hand; `cargo run -p sel4-api -- generate` rewrites it). rustfmt leaves it
//! alone: its layout is the generator's, and the staleness check compares
//! it byte for byte.

#[rustfmt::skip]
pub mod constants;
#[rustfmt::skip]
pub mod invocations;
#[rustfmt::skip]
pub mod types;
