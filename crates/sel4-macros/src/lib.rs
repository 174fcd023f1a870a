// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Entry points of the attribute macros. Each one only checks its input and
// hands it to a `macro_rules!` macro of the `sel4` crate; the parsing and
// the error messages live in one module per attribute, tested on the host.

//! Attribute macros for the [`sel4`](https://docs.rs/sel4) crate.
//!
//! Use them through `sel4` (`#[sel4::root]`), not from this crate directly:
//! the expansions name `::sel4` items.
//!
//! What this crate promises: an attribute either expands to a single call of
//! a `sel4` macro carrying the user's item unchanged (same tokens, same
//! spans, so errors in the body point at the user's code), or fails with an
//! error that says what the attribute expects. What it refuses: deciding
//! anything that depends on the build (seL4 or host); that choice is made
//! inside `sel4`, where `cfg(sel4)` is known.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod root;

use proc_macro::TokenStream;

/// Marks `fn main` as the root task of an seL4 system.
///
/// `#[sel4::root]` goes on `fn main()` of a `std` program;
/// `#[sel4::root(no_std)]` on `fn main()` of a `#![no_std] #![no_main]`
/// program. See the `sel4` crate's documentation for what the expansion
/// does in the host and in the seL4 build.
#[proc_macro_attribute]
pub fn root(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = proc_macro2::TokenStream::from(item);
    match root::expand(args.into(), item.clone()) {
        Ok(expansion) => expansion.into(),
        Err(error) => {
            let mut tokens = error.into_compile_error();
            tokens.extend(root::recovery(item));
            tokens.into()
        }
    }
}
