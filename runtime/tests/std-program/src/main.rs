// SPDX-License-Identifier: MIT OR Apache-2.0

//! Exercises the parts of std that rest on the C runtime and prints one
//! line per check; the last line is `std-program: all checks passed` and
//! the exit status is 42, so a runner can tell a full run from an early
//! exit (0) or an abort (127). With the feature `uncaught-panic` it ends
//! with a panic instead, and std's exit status for that is 101; with
//! `abort-at-end` it aborts (status 134, clamped to 127 by the exit port);
//! with `echo-stdin` it first reads a line from the console and prints it;
//! with `out-of-memory` it allocates without bound and must end in std's
//! "memory allocation of N bytes failed" and a non-zero status.

use std::cell::Cell;
use std::collections::HashMap;
use std::panic;
use std::time::Instant;

use sel4_runtime as _;

mod heap_growth;
mod sleep;
#[cfg(feature = "soak")]
mod soak;
mod threads;

thread_local! {
    static COUNTER: Cell<u32> = const { Cell::new(0) };
    static NAMES: std::cell::RefCell<Vec<String>> = std::cell::RefCell::new(Vec::new());
}

/// The exit status that marks a complete run.
const EXIT_STATUS: i32 = 42;

pub(crate) fn check(name: &str, ok: bool) {
    println!("std-program: {name}: {}", if ok { "ok" } else { "FAILED" });
    if !ok {
        std::process::exit(1);
    }
}

fn main() {
    println!("std-program: hello from Rust std on seL4");
    if cfg!(feature = "echo-stdin") {
        let mut line = String::new();
        let read = std::io::stdin().read_line(&mut line);
        println!("std-program: read {read:?}: {line:?}");
    }

    let squares: Vec<u64> = (0..1000).map(|i| i * i).collect();
    check("vec", squares.iter().sum::<u64>() == 332_833_500);

    let mut words = HashMap::new();
    for word in "the quick brown fox jumps over the lazy dog the end".split(' ') {
        *words.entry(word.to_string()).or_insert(0) += 1;
    }
    check("hashmap", words["the"] == 3 && words.len() == 9);

    let text = format!("{:>8.3}|{:#x}|{:?}|{}", 3.14159, 255, Some("x"), -17i64);
    check("format", text == "   3.142|0xff|Some(\"x\")|-17");

    let start = Instant::now();
    let mut spin = 0u64;
    for i in 0..100_000u64 {
        spin = spin.wrapping_add(i ^ (spin >> 3));
    }
    let later = Instant::now();
    check("instant", later >= start && spin != 1);
    println!("std-program: 100000 iterations took {:?}", later - start);

    // The wall clock comes from the CMOS real-time clock: after 2020, before 2200.
    let wall = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs());
    println!("std-program: wall clock {wall:?} s since 1970");
    check("system time", wall.is_ok_and(|s| (1_577_836_800..7_258_118_400).contains(&s)));

    let before_sleep = Instant::now();
    std::thread::sleep(std::time::Duration::from_millis(10));
    let slept = before_sleep.elapsed();
    check("sleep", slept >= std::time::Duration::from_millis(10) && slept.as_secs() < 5);

    let caught = panic::catch_unwind(|| {
        panic!("an expected panic, caught by catch_unwind");
    });
    check("catch_unwind", caught.is_err());

    let mut big = vec![0u8; 1536 * 1024].into_boxed_slice();
    big[0] = 1;
    let last = big.len() - 1;
    big[last] = 2;
    check("large box", big.iter().map(|&b| b as u32).sum::<u32>() == 3);
    drop(big);

    let again = vec![7u8; 1536 * 1024];
    check("heap reuse", again.len() == 1536 * 1024 && again[12345] == 7);

    heap_growth::run();

    let x = std::hint::black_box(0.5f64);
    let close = |a: f64, b: f64| (a - b).abs() <= 4.0 * f64::EPSILON * b.abs();
    check(
        "math",
        close(x.sin(), 0.479_425_538_604_203)
            && close(x.exp(), 1.648_721_270_700_128_1)
            && close((x * 8.0).ln(), 1.386_294_361_119_890_6)
            && (x * 4.0).powf(10.0) == 1024.0
            && close(x.atan2(1.0), 0.463_647_609_000_806_1),
    );

    let args: Vec<String> = std::env::args().collect();
    check("args", args == ["rootserver"]);
    check("no environment", std::env::var("HOME").is_err());

    COUNTER.with(|c| c.set(c.get() + 41));
    NAMES.with(|n| n.borrow_mut().push("tls destructor registered".to_string()));
    check("thread locals", COUNTER.with(|c| c.get()) == 41 && NAMES.with(|n| n.borrow().len()) == 1);

    // Error texts come from a table that sits where seL4's loader would
    // zero bytes without the runtime's linker script.
    let text = std::io::Error::from_raw_os_error(1).to_string();
    check("error text", text == "Operation not permitted (os error 1)");

    threads::run();
    sleep::run();
    if cfg!(feature = "thread-figures") {
        threads::figures();
    }
    #[cfg(feature = "soak")]
    soak::run();
    if cfg!(feature = "thread-stack-overflow") {
        // ends in the kernel's fault report for the spawned thread
        fn deep(n: u64) -> u64 {
            let mut frame = [n; 512];
            std::hint::black_box(&mut frame);
            if n == 0 {
                0
            } else {
                deep(n - 1) + frame[3]
            }
        }
        let overflow = std::thread::Builder::new().name("deep recursion".into());
        let _ = overflow.spawn(|| deep(u64::MAX)).map(|thread| thread.join());
        println!("std-program: the program went on after a stack overflow");
    }

    let error = std::fs::File::open("/no/file/system").unwrap_err();
    println!("std-program: opening a file fails with: {error}");
    check("no files", error.kind() == std::io::ErrorKind::Unsupported);

    println!("std-program: all checks passed");
    if cfg!(feature = "uncaught-panic") {
        panic!("std-program: this panic is not caught");
    }
    if cfg!(feature = "abort-at-end") {
        std::process::abort();
    }
    std::process::exit(EXIT_STATUS);
}
