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

mod config_cfg;
mod config_predicate;
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

/// Keeps an item only when the kernel configuration satisfies a predicate;
/// `sel4` re-exports it (`#[sel4::sel4_cfg]`; the name `cfg` is reserved for
/// attributes).
///
/// The predicate names seL4 configuration options in lower case, as in
/// `gen_config.json` without `CONFIG_`: a switch (`debug_build`,
/// `printing`), an option with a value (`max_num_nodes = "1"`), and
/// `all(...)`, `any(...)`, `not(...)`. A name sel4 does not know is a
/// compile error. In the seL4 build the answer comes from the
/// `sel4_config_*` cfgs of the kernel being built for; in the host build
/// of a `#[sel4::root]` program, from devkernel's configuration.
///
/// ```ignore
/// #[sel4::sel4_cfg(printing)]
/// fn trace(text: &str) {
///     sel4::debug_println!("{text}");
/// }
/// #[sel4::sel4_cfg(not(printing))]
/// fn trace(_: &str) {}
/// ```
#[proc_macro_attribute]
pub fn sel4_cfg(args: TokenStream, item: TokenStream) -> TokenStream {
    match config_cfg::expand_cfg(args.into(), item.into()) {
        Ok(expansion) => expansion.into(),
        Err(error) => error.into_compile_error().into(),
    }
}

/// Chooses items by kernel configuration, like a chain of `if`s; `sel4`
/// re-exports it as `sel4::cfg_if!`:
///
/// ```ignore
/// sel4::cfg_if! {
///     if #[cfg(debug_build)] {
///         const MODE: &str = "debug";
///     } else if #[cfg(printing)] {
///         const MODE: &str = "printing";
///     } else {
///         const MODE: &str = "quiet";
///     }
/// }
/// ```
///
/// Each branch's items are kept when its predicate (see [`macro@sel4_cfg`])
/// holds and no earlier branch's does.
#[proc_macro]
pub fn sel4_cfg_if(input: TokenStream) -> TokenStream {
    match config_cfg::expand_cfg_if(input.into()) {
        Ok(expansion) => expansion.into(),
        Err(error) => error.into_compile_error().into(),
    }
}

/// Not public API: the value of a kernel configuration option for
/// `sel4::config`.
#[doc(hidden)]
#[proc_macro]
pub fn __config_value(input: TokenStream) -> TokenStream {
    match config_cfg::expand_config_value(input.into()) {
        Ok(expansion) => expansion.into(),
        Err(error) => error.into_compile_error().into(),
    }
}
