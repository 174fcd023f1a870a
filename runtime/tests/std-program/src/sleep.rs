// SPDX-License-Identifier: MIT OR Apache-2.0

//! Sleeps and timed waits block in the kernel until the runtime's timer
//! says their deadline has passed: they last long enough, not much longer,
//! end in deadline order, and a sleeping thread does not run meanwhile
//! (the runtime counts every return of a sleeper before its deadline).

use std::sync::mpsc;
use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::check;

extern "C" {
    /// How often a sleeper ran before its deadline without being woken
    /// (runtime/src/timer.h).
    fn sel4runtime_timer_early_wakeups() -> u64;
}

/// With the feature `timer-off` the program keeps the PIT for itself, as
/// a program may: sleeps and timed waits then poll (yield until their
/// deadline) and must still last as long and end as they should.
#[cfg(feature = "timer-off")]
#[no_mangle]
static sel4runtime_timer_enabled: bool = false;

fn early_wakeups() -> u64 {
    // SAFETY: the function only reads an atomic counter.
    unsafe { sel4runtime_timer_early_wakeups() }
}

/// Whether `elapsed` is at least `wanted` and less than a second more.
fn lasted(elapsed: Duration, wanted: Duration) -> bool {
    elapsed >= wanted && elapsed < wanted + Duration::from_secs(1)
}

pub fn run() {
    let start = Instant::now();
    thread::sleep(Duration::from_millis(50));
    let slept = start.elapsed();
    println!("std-program: sleep(50 ms) took {slept:?}");
    check("sleep 50 ms", lasted(slept, Duration::from_millis(50)));

    // longer than one PIT one-shot (about 55 ms): the timer chains them
    let before = early_wakeups();
    let start = Instant::now();
    thread::sleep(Duration::from_millis(100));
    let slept = start.elapsed();
    let early = early_wakeups() - before;
    println!("std-program: sleep(100 ms) took {slept:?}, ran {early} times before its deadline");
    if cfg!(feature = "timer-off") {
        check("sleeps poll without the timer", lasted(slept, Duration::from_millis(100)) && early > 3);
    } else {
        check("sleep blocks", lasted(slept, Duration::from_millis(100)) && early <= 3);
    }

    // The cost of a short sleep beyond its length: the PIT's rounding plus
    // the path through the timer thread and the kernel (guest instructions
    // under QEMU's -icount shift=0, where a nanosecond is an instruction).
    const SHORT_SLEEPS: u32 = 20;
    let start = Instant::now();
    for _ in 0..SHORT_SLEEPS {
        thread::sleep(Duration::from_millis(1));
    }
    println!("std-program: sleep(1 ms) took {:?} on average", start.elapsed() / SHORT_SLEEPS);

    // The sleeps start together (spawning takes a while under emulation)
    // and end 20 ms apart.
    let woken = Arc::new(Mutex::new(Vec::new()));
    let together = Arc::new(Barrier::new(4));
    let sleepers: Vec<_> = [80u64, 20, 60, 40]
        .into_iter()
        .map(|millis| {
            let (woken, together) = (Arc::clone(&woken), Arc::clone(&together));
            thread::spawn(move || {
                together.wait();
                thread::sleep(Duration::from_millis(millis));
                woken.lock().unwrap().push(millis);
            })
        })
        .collect();
    let all_joined = sleepers.into_iter().all(|sleeper| sleeper.join().is_ok());
    let order = woken.lock().unwrap().clone();
    println!("std-program: sleepers woke in the order {order:?} (ms)");
    check("sleepers wake in deadline order", all_joined && order == [20, 40, 60, 80]);

    let (lock, never) = (Mutex::new(()), Condvar::new());
    let start = Instant::now();
    let (_guard, result) = never.wait_timeout(lock.lock().unwrap(), Duration::from_millis(30)).unwrap();
    check(
        "condvar wait_timeout times out",
        result.timed_out() && lasted(start.elapsed(), Duration::from_millis(30)),
    );

    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let notifier = {
        let pair = Arc::clone(&pair);
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(10));
            *pair.0.lock().unwrap() = true;
            pair.1.notify_one();
        })
    };
    let start = Instant::now();
    let (ready, result) =
        pair.1.wait_timeout_while(pair.0.lock().unwrap(), Duration::from_secs(20), |ready| !*ready).unwrap();
    let waited = start.elapsed();
    let notified = *ready && !result.timed_out();
    drop(ready);
    let _ = notifier.join();
    check("condvar wait_timeout wakes on notify", notified && waited < Duration::from_secs(5));

    let (sender, receiver) = mpsc::channel::<u32>();
    let start = Instant::now();
    let timed_out = receiver.recv_timeout(Duration::from_millis(20)) == Err(mpsc::RecvTimeoutError::Timeout);
    check("recv_timeout times out", timed_out && lasted(start.elapsed(), Duration::from_millis(20)));
    let producer = thread::spawn(move || {
        thread::sleep(Duration::from_millis(10));
        sender.send(7).is_ok()
    });
    let start = Instant::now();
    let received = receiver.recv_timeout(Duration::from_secs(20));
    let waited = start.elapsed();
    check(
        "recv_timeout receives",
        received == Ok(7) && waited < Duration::from_secs(5) && producer.join().unwrap_or(false),
    );
}
