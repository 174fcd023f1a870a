// SPDX-License-Identifier: MIT OR Apache-2.0

//! Arithmetic over seL4's untyped memory sizes, small enough to test in
//! every way `cargo test` offers; the tests run as root tasks on seL4.
//!
//! The total RAM of the boot info's untypeds, read on seL4 itself:
//!
//! ```
//! let bootinfo = sel4::bootinfo();
//! let untypeds = bootinfo.untyped_list().iter().map(|u| (u.size_bits(), u.is_device()));
//! let ram = cargo_test_sample::ram_bytes(untypeds);
//! assert!(ram > 16 << 20, "QEMU gives the root task more than 16 MiB, not {ram} bytes");
//! ```

// Every test binary of this crate is a root task: this links the runtime.
use sel4 as _;

/// The largest size, in bits, an seL4 untyped may have on x86_64.
pub const MAX_UNTYPED_BITS: usize = 47;

/// Bytes in an untyped of `size_bits` bits.
///
/// # Panics
///
/// When `size_bits` is larger than [`MAX_UNTYPED_BITS`].
pub fn untyped_bytes(size_bits: usize) -> u64 {
    assert!(size_bits <= MAX_UNTYPED_BITS, "size bits {size_bits} out of range");
    1 << size_bits
}

/// Bytes of RAM in untypeds given as `(size_bits, is_device)`: device
/// memory does not count.
pub fn ram_bytes(untypeds: impl IntoIterator<Item = (usize, bool)>) -> u64 {
    untypeds.into_iter().filter(|&(_, device)| !device).map(|(bits, _)| untyped_bytes(bits)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_powers_of_two() {
        assert_eq!(untyped_bytes(12), 4096);
        assert_eq!(untyped_bytes(21), 2 << 20);
    }

    #[test]
    fn device_memory_is_not_ram() {
        assert_eq!(ram_bytes([(12, false), (21, true), (13, false)]), 4096 + 8192);
    }

    #[test]
    #[should_panic(expected = "size bits 48 out of range")]
    fn oversized_untypeds_panic() {
        untyped_bytes(48);
    }

    #[test]
    #[ignore = "slow: every size"]
    fn every_size_doubles_the_last() {
        for bits in 1..=MAX_UNTYPED_BITS {
            assert_eq!(untyped_bytes(bits), 2 * untyped_bytes(bits - 1));
        }
        println!("every untyped size checked");
    }

    #[test]
    fn prints_what_it_checks() {
        let ram = ram_bytes([(20, false), (20, false)]);
        println!("printed by a test on seL4: two 1 MiB untypeds hold {ram} bytes");
        assert_eq!(ram, 2 << 20);
    }

    #[test]
    fn threads_share_the_work() {
        let workers: Vec<_> =
            (10..14).map(|bits| std::thread::spawn(move || ram_bytes([(bits, false)]))).collect();
        let total: u64 = workers.into_iter().map(|worker| worker.join().expect("a worker")).sum();
        assert_eq!(total, 1024 + 2048 + 4096 + 8192);
    }

    #[cfg(feature = "failing-test")]
    #[test]
    fn fails_on_purpose() {
        assert_eq!(untyped_bytes(3), 9, "a test that fails on seL4");
    }

    /// Two tests that wait for each other: they pass only when libtest runs
    /// them at the same time, on test threads of their own.
    mod side_by_side {
        use std::sync::{Condvar, Mutex};
        use std::time::Duration;

        static ARRIVED: Mutex<usize> = Mutex::new(0);
        static ARRIVAL: Condvar = Condvar::new();

        fn meet_the_other_test() {
            let mut arrived = ARRIVED.lock().expect("the meeting point");
            *arrived += 1;
            ARRIVAL.notify_all();
            let (arrived, _) = ARRIVAL
                .wait_timeout_while(arrived, Duration::from_secs(10), |arrived| *arrived < 2)
                .expect("the meeting point");
            let met = *arrived >= 2;
            drop(arrived); // unlocked, so the other test's failure is its own
            assert!(met, "the other test did not run at the same time");
        }

        #[test]
        #[ignore = "needs --test-threads=2 or more"]
        fn first() {
            meet_the_other_test();
        }

        #[test]
        #[ignore = "needs --test-threads=2 or more"]
        fn second() {
            meet_the_other_test();
        }
    }
}
