// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `__root_main!`, what `#[sel4::root]` expands to. It is defined twice, for
// the seL4 build and for the host build, so `cfg(sel4)` is decided here, in
// this crate, and never in the user's crate (whose build does not know the
// cfg). The user's tokens pass through unchanged.
//
// Forms (from `sel4-macros`):
//   `__root_main! { fn main() ... }`         a `std` program;
//   `__root_main! { no_std fn main() ... }`  a `#![no_std] #![no_main]` one.

/// The seL4 build: `main` runs as written, after the crate's start-up. A
/// `no_std` program's `main` becomes the C `main` the runtime calls.
#[cfg(sel4)]
#[doc(hidden)]
#[macro_export]
macro_rules! __root_main {
    (no_std $(#[$attribute:meta])* $visibility:vis fn main() $(-> $return:ty)? $body:block) => {
        $(#[$attribute])*
        fn __sel4_root_main() $(-> $return)? $body

        #[unsafe(no_mangle)]
        #[allow(unreachable_code)]
        extern "C" fn main(
            _argc: $crate::__private::c_int,
            _argv: *const *const $crate::__private::c_char,
        ) -> $crate::__private::c_int {
            $crate::__private::start();
            __sel4_root_main();
            0
        }
    };
    ($(#[$attribute:meta])* $visibility:vis fn main() $(-> $return:ty)? $body:block) => {
        $(#[$attribute])*
        $visibility fn main() $(-> $return)? {
            $crate::__private::start();
            $body
        }
    };
}

/// The host build: `main` launches the seL4 build in QEMU; the user's body
/// stays as a function nobody calls, so the host build still type-checks
/// it (and warns about nothing it would not warn about on seL4).
#[cfg(not(sel4))]
#[doc(hidden)]
#[macro_export]
macro_rules! __root_main {
    (no_std $(#[$attribute:meta])* $visibility:vis fn main() $(-> $return:ty)? $body:block) => {
        // Under `cargo test` a `#![no_main]` crate gets no harness `main`.
        #[cfg(test)]
        #[unsafe(no_mangle)]
        extern "C" fn main(
            _argc: $crate::__private::c_int,
            _argv: *const *const $crate::__private::c_char,
        ) -> $crate::__private::c_int {
            $crate::__private::no_std_test_main(::core::env!("CARGO_PKG_NAME"))
        }

        #[cfg(not(test))]
        #[unsafe(no_mangle)]
        extern "C" fn main(
            _argc: $crate::__private::c_int,
            _argv: *const *const $crate::__private::c_char,
        ) -> $crate::__private::c_int {
            $crate::__private::launch_no_std(
                ::core::env!("CARGO_MANIFEST_DIR"),
                ::core::env!("CARGO_PKG_NAME"),
                ::core::option_env!("CARGO_BIN_NAME"),
            )
        }

        $(#[$attribute])*
        #[allow(dead_code)]
        fn __sel4_root_main() $(-> $return)? $body
    };
    ($(#[$attribute:meta])* $visibility:vis fn main() $(-> $return:ty)? $body:block) => {
        $visibility fn main() {
            $crate::__private::launch(
                ::core::env!("CARGO_MANIFEST_DIR"),
                ::core::env!("CARGO_PKG_NAME"),
                ::core::option_env!("CARGO_BIN_NAME"),
            )
        }

        $(#[$attribute])*
        #[allow(dead_code)]
        fn __sel4_root_main() $(-> $return)? $body
    };
}

/// Checks of `#[sel4::root]` that only a compiler can make, run as doc tests.
///
/// A `main` returning a `Result` keeps its return type:
///
/// ```no_run
/// #[sel4::root]
/// fn main() -> Result<(), String> {
///     Ok(())
/// }
/// ```
///
/// Attributes and visibility pass through:
///
/// ```no_run
/// #[sel4::root]
/// #[allow(unused_variables)]
/// pub fn main() {
///     let unused = 1;
/// }
/// ```
///
/// Anything but `fn main()` is refused:
///
/// ```compile_fail
/// #[sel4::root]
/// fn start() {}
/// fn main() {}
/// ```
///
/// ```compile_fail
/// #[sel4::root]
/// fn main(argc: i32) {}
/// ```
///
/// ```compile_fail
/// #[sel4::root(threads)]
/// fn main() {}
/// ```
///
/// The body is type-checked in the host build too:
///
/// ```compile_fail
/// #[sel4::root]
/// fn main() {
///     let number: u32 = "not a number";
/// }
/// ```
#[cfg(doctest)]
pub struct RootAttributeChecks;
