// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Architecture-specific parts of the API, chosen by `target_arch`: each
// architecture has its own directory with the same module names, so the
// rest of the crate reads `crate::arch::...` and never tests the target.

#[cfg(target_arch = "x86_64")]
mod x86_64;

#[cfg(target_arch = "x86_64")]
pub use self::x86_64::*;
