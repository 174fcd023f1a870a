// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The kernel's configuration as constants, and the `macro_rules!` half of
// `#[sel4::cfg]` / `sel4::cfg_if!`. Both read the `sel4_config_*` cfgs that
// `sel4_launcher::settings` adds to every seL4 build (from devkernel's
// configuration, or a real seL4's `gen_config.json` under `SEL4_PREFIX`);
// the host build, which has no kernel cfgs, uses devkernel's values. The
// choice between the two is made here, with `cfg(sel4)`, as everywhere in
// this crate.

//! The configuration of the kernel the program is built for.
//!
//! Each constant is the seL4 option of the same name (`CONFIG_` dropped).
//! The values come from the kernel the build targets: devkernel's by
//! default, a real seL4's `gen_config.json` when `SEL4_PREFIX` selects
//! one. Options that change the ABI (MCS, the number of nodes, the IOMMU)
//! are checked before a build, so the bindings always match them.
//!
//! For code that exists only in some configurations, use
//! [`#[sel4::sel4_cfg(...)]`](crate::sel4_cfg) and [`sel4::cfg_if!`](crate::cfg_if):
//!
//! ```no_run
//! #[sel4::sel4_cfg(printing)]
//! fn kernel_prints() -> bool { true }
//! #[sel4::sel4_cfg(not(printing))]
//! fn kernel_prints() -> bool { false }
//!
//! #[sel4::root]
//! fn main() {
//!     assert_eq!(kernel_prints(), sel4::config::PRINTING);
//!     println!("{} node(s), debug build: {}", sel4::config::MAX_NUM_NODES, sel4::config::DEBUG_BUILD);
//! }
//! ```
//!
//! In the seL4 build the same options are cfgs, `sel4_config_<option>`
//! in lower case (`sel4_config_debug_build`, `sel4_config_max_num_nodes =
//! "1"`), declared for rustc's cfg check.

/// The seL4 build's value or the host build's.
#[cfg(sel4)]
macro_rules! __select {
    (sel4: $sel4:expr, host: $host:expr) => {
        $sel4
    };
}

/// The seL4 build's value or the host build's.
#[cfg(not(sel4))]
macro_rules! __select {
    (sel4: $sel4:expr, host: $host:expr) => {
        $host
    };
}

/// The value whose cfg is set, or `fallback` when none is.
const fn __pick<T: Copy>(candidates: &[(bool, T)], fallback: T) -> T {
    let mut index = 0;
    while index < candidates.len() {
        if candidates[index].0 {
            return candidates[index].1;
        }
        index += 1;
    }
    fallback
}

/// Not public API: the expansion of `#[sel4::cfg]` and `sel4::cfg_if!`.
/// The seL4 build keeps the item under the predicate's `cfg`.
#[cfg(sel4)]
#[doc(hidden)]
#[macro_export]
macro_rules! __cfg {
    (($($predicate:tt)*) ($host:tt) $($item:tt)*) => {
        #[cfg($($predicate)*)]
        $($item)*
    };
}

/// Not public API: the expansion of `#[sel4::cfg]` and `sel4::cfg_if!`.
/// The host build keeps the item when devkernel's configuration
/// satisfies the predicate.
#[cfg(not(sel4))]
#[doc(hidden)]
#[macro_export]
macro_rules! __cfg {
    (($($predicate:tt)*) (true) $($item:tt)*) => {
        $($item)*
    };
    (($($predicate:tt)*) (false) $($item:tt)*) => {};
}

/// The kernel is a debug build: the debug system calls
/// (`seL4_DebugHalt`, `seL4_DebugNameThread`, ...) exist.
pub const DEBUG_BUILD: bool = sel4_macros::__config_value!(DEBUG_BUILD);
/// The kernel prints (`seL4_DebugPutChar` exists, faults are reported).
pub const PRINTING: bool = sel4_macros::__config_value!(PRINTING);
/// The mixed-criticality (MCS) kernel. Always off: our bindings target the
/// classic API.
pub const KERNEL_MCS: bool = sel4_macros::__config_value!(KERNEL_MCS);
/// The kernel is built for verification (no debug features).
pub const VERIFICATION_BUILD: bool = sel4_macros::__config_value!(VERIFICATION_BUILD);
/// The benchmarking system calls exist.
pub const ENABLE_BENCHMARKS: bool = sel4_macros::__config_value!(ENABLE_BENCHMARKS);
/// The IPC fast path is compiled in.
pub const FASTPATH: bool = sel4_macros::__config_value!(FASTPATH);
/// A thread can set its own TLS base with `seL4_SetTLSBase`.
pub const SET_TLS_BASE_SELF: bool = sel4_macros::__config_value!(SET_TLS_BASE_SELF);
/// Threads have FPU state.
pub const HAVE_FPU: bool = sel4_macros::__config_value!(HAVE_FPU);
/// More than one core. Always off: our bindings target one node.
pub const ENABLE_SMP_SUPPORT: bool = sel4_macros::__config_value!(ENABLE_SMP_SUPPORT);

/// The number of cores the kernel runs on (always 1 for our bindings).
pub const MAX_NUM_NODES: usize = sel4_macros::__config_value!(MAX_NUM_NODES: usize, 1..=1);
/// The machine word in bits.
pub const WORD_SIZE: usize = sel4_macros::__config_value!(WORD_SIZE: usize, 64..=64);
/// The most untyped capabilities the boot info lists (sets its size).
pub const MAX_NUM_BOOTINFO_UNTYPED_CAPS: usize =
    sel4_macros::__config_value!(MAX_NUM_BOOTINFO_UNTYPED_CAPS: usize, 230..=230);
/// Log2 of the number of slots in the root task's CNode.
pub const ROOT_CNODE_SIZE_BITS: usize = sel4_macros::__config_value!(ROOT_CNODE_SIZE_BITS: usize, 1..=64);
/// The number of thread priorities (`seL4_MaxPrio` + 1).
pub const NUM_PRIORITIES: usize = sel4_macros::__config_value!(NUM_PRIORITIES: usize, 1..=256);
/// The number of scheduling domains.
pub const NUM_DOMAINS: usize = sel4_macros::__config_value!(NUM_DOMAINS: usize, 1..=256);
/// The number of entries in the domain schedule.
pub const NUM_DOMAIN_SCHEDULES: usize = sel4_macros::__config_value!(NUM_DOMAIN_SCHEDULES: usize, 1..=256);
/// A thread's time slice, in timer ticks.
pub const TIME_SLICE: usize = sel4_macros::__config_value!(TIME_SLICE: usize, 1..=1000);
/// The timer tick, in milliseconds.
pub const TIMER_TICK_MS: usize = sel4_macros::__config_value!(TIMER_TICK_MS: usize, 1..=1000);
/// The most objects one `seL4_Untyped_Retype` may create.
pub const RETYPE_FAN_OUT_LIMIT: usize = sel4_macros::__config_value!(RETYPE_FAN_OUT_LIMIT: usize, 1..=1024);
/// Log2 of the bytes an untyped reset clears between preemption points.
pub const RESET_CHUNK_BITS: usize = sel4_macros::__config_value!(RESET_CHUNK_BITS: usize, 1..=64);
/// The cache line size in bytes.
pub const CACHE_LN_SZ: usize = sel4_macros::__config_value!(CACHE_LN_SZ: usize, 1..=256);

#[cfg(test)]
mod tests {
    // The host build's values are devkernel's.
    const _: () = assert!(super::DEBUG_BUILD && super::PRINTING && !super::KERNEL_MCS);
    const _: () = assert!(super::MAX_NUM_NODES == 1 && super::ROOT_CNODE_SIZE_BITS == 12);
    const _: () = assert!(super::NUM_PRIORITIES == 256);

    #[test]
    fn pick_takes_the_set_candidate_or_the_fallback() {
        assert_eq!(super::__pick(&[(false, 1), (true, 2)], 9), 2);
        assert_eq!(super::__pick(&[(false, 1)], 9), 9);
    }
}
