// SPDX-License-Identifier: MIT OR Apache-2.0

//! Thread checks: spawn and join, names, stack sizes, many threads on a
//! Mutex, Condvar, RwLock, OnceLock, Barrier, mpsc, scoped threads,
//! park/unpark, detached threads and the reuse of thread records. Each
//! check blocks in the kernel where std waits (futex over notifications).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Barrier, Condvar, Mutex, OnceLock, RwLock};
use std::thread;
use std::time::Duration;

use crate::check;

/// Runs every thread check; `check` ends the program at the first failure.
pub fn run() {
    let handle = thread::Builder::new()
        .name("worker".to_string())
        .spawn(|| (thread::current().name().map(str::to_string), thread::current().id()))
        .expect("spawn");
    let (name, id) = handle.join().expect("join");
    check("spawn and join", name.as_deref() == Some("worker") && id != thread::current().id());

    check("available parallelism", thread::available_parallelism().map(|n| n.get()).ok() == Some(1));

    let big = thread::Builder::new()
        .stack_size(5 << 20)
        .spawn(|| {
            let mut buffer = [0u8; 4 << 20];
            buffer[0] = 1;
            buffer[(4 << 20) - 1] = 2;
            std::hint::black_box(&mut buffer);
            buffer.iter().map(|&b| b as u32).sum::<u32>()
        })
        .expect("spawn with a 5 MiB stack")
        .join();
    check("stack size", big.ok() == Some(3));

    let total = Arc::new(Mutex::new(0u64));
    let workers: Vec<_> = (0..8)
        .map(|i| {
            let total = Arc::clone(&total);
            thread::spawn(move || {
                for j in 0..2000u64 {
                    let mut guard = total.lock().unwrap();
                    let before = *guard;
                    if j % 64 == i {
                        // hold the lock across a reschedule: others must block
                        thread::yield_now();
                    }
                    *guard = before + 1;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("mutex worker");
    }
    check("mutex, 8 threads", *total.lock().unwrap() == 16_000);

    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let waiter = {
        let pair = Arc::clone(&pair);
        thread::spawn(move || {
            let (lock, ready) = &*pair;
            let mut flag = lock.lock().unwrap();
            while !*flag {
                flag = ready.wait(flag).unwrap();
            }
            true
        })
    };
    thread::sleep(Duration::from_millis(5));
    *pair.0.lock().unwrap() = true;
    pair.1.notify_all();
    check("condvar", waiter.join().unwrap_or(false));

    let (lock, never) = (Mutex::new(()), Condvar::new());
    let (_guard, timeout) = never.wait_timeout(lock.lock().unwrap(), Duration::from_millis(3)).unwrap();
    check("condvar timeout", timeout.timed_out());

    let table = Arc::new(RwLock::new(vec![1u32, 2, 3]));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let table = Arc::clone(&table);
            thread::spawn(move || table.read().unwrap().iter().sum::<u32>())
        })
        .collect();
    table.write().unwrap().push(4);
    let sums: Vec<u32> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    check("rwlock", sums.iter().all(|&s| s == 6 || s == 10) && table.read().unwrap().len() == 4);

    static ONCE: OnceLock<u64> = OnceLock::new();
    let racers: Vec<_> = (0..4).map(|i| thread::spawn(move || *ONCE.get_or_init(|| 100 + i))).collect();
    let values: Vec<u64> = racers.into_iter().map(|r| r.join().unwrap()).collect();
    check("oncelock", values.iter().all(|&v| v == values[0]));

    let barrier = Arc::new(Barrier::new(4));
    let arrived = Arc::new(AtomicU64::new(0));
    let members: Vec<_> = (0..3)
        .map(|_| {
            let (barrier, arrived) = (Arc::clone(&barrier), Arc::clone(&arrived));
            thread::spawn(move || {
                arrived.fetch_add(1, Ordering::SeqCst);
                barrier.wait();
                arrived.load(Ordering::SeqCst)
            })
        })
        .collect();
    arrived.fetch_add(1, Ordering::SeqCst);
    barrier.wait();
    check("barrier", members.into_iter().all(|m| m.join().unwrap() == 4));

    let (sender, receiver) = mpsc::channel();
    for t in 0..4u64 {
        let sender = sender.clone();
        thread::spawn(move || {
            for k in 0..100u64 {
                sender.send(t * 1000 + k).unwrap();
            }
        });
    }
    drop(sender);
    let received: Vec<u64> = receiver.iter().collect();
    check(
        "mpsc, detached senders",
        received.len() == 400 && received.iter().sum::<u64>() == 4 * 4950 + 100 * 6000,
    );

    let (sync_sender, sync_receiver) = mpsc::sync_channel(0);
    let rendezvous = thread::spawn(move || (0..50u32).map(|_| sync_receiver.recv().unwrap()).sum::<u32>());
    for k in 0..50u32 {
        sync_sender.send(k).unwrap();
    }
    check("sync_channel", rendezvous.join().ok() == Some(1225));

    let numbers: Vec<u64> = (1..=1000).collect();
    let halves = thread::scope(|s| {
        let (low, high) = numbers.split_at(500);
        let a = s.spawn(|| low.iter().sum::<u64>());
        let b = s.spawn(|| high.iter().sum::<u64>());
        (a.join().unwrap(), b.join().unwrap())
    });
    check("scoped threads", halves.0 + halves.1 == 500_500);

    let go = Arc::new(AtomicBool::new(false));
    let parked = {
        let go = Arc::clone(&go);
        thread::spawn(move || {
            while !go.load(Ordering::Acquire) {
                thread::park();
            }
            true
        })
    };
    thread::sleep(Duration::from_millis(5));
    go.store(true, Ordering::Release);
    parked.thread().unpark();
    check("park/unpark", parked.join().unwrap_or(false));
    // thread::scope above may have left the main thread's token set
    thread::park_timeout(Duration::ZERO);
    let before = std::time::Instant::now();
    thread::park_timeout(Duration::from_millis(3));
    check("park_timeout", before.elapsed() >= Duration::from_millis(2));

    // More threads one after another than there are records: they are reused.
    let mut sum = 0u64;
    for round in 0..64u64 {
        sum += thread::spawn(move || round * 2).join().unwrap();
    }
    check("record reuse", sum == 64 * 63);

    // Threads that stay alive until the thread memory runs out: spawning
    // then fails cleanly, and everything is usable again after they end.
    let gate = Arc::new((Mutex::new(false), Condvar::new()));
    let mut alive = Vec::new();
    let refused = loop {
        let gate = Arc::clone(&gate);
        let spawned = thread::Builder::new().spawn(move || {
            let (open, opened) = &*gate;
            let mut is_open = open.lock().unwrap();
            while !*is_open {
                is_open = opened.wait(is_open).unwrap();
            }
        });
        match spawned {
            Ok(handle) if alive.len() < 40 => alive.push(handle),
            Ok(_) => break false,
            Err(_) => break true,
        }
    };
    let count = alive.len();
    *gate.0.lock().unwrap() = true;
    gate.1.notify_all();
    let all_ended = alive.into_iter().all(|handle| handle.join().is_ok());
    let again = thread::Builder::new().stack_size(6 << 20).spawn(|| 7).map(|h| h.join().ok());
    println!("std-program: {count} threads alive at once before spawning failed");
    check(
        "thread memory runs out cleanly",
        refused && count >= 8 && all_ended && matches!(again, Ok(Some(7))),
    );

    let panicked = thread::spawn(|| panic!("an expected panic in a thread")).join();
    check("panic in a thread", panicked.is_err());
}

fn ticks() -> u64 {
    // SAFETY: rdtsc has no preconditions; every x86_64 CPU has it.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// Prints TSC ticks per operation (guest instructions under QEMU's
/// `-icount shift=0,sleep=off`): an uncontended Mutex lock/unlock pair, a
/// yield, a contended pair (two threads that yield while holding the lock,
/// so every lock finds it taken and blocks in the kernel), spawn+join.
pub fn figures() {
    const PAIRS: u64 = 20_000;
    let lock = Mutex::new(0u64);
    let start = ticks();
    for _ in 0..PAIRS {
        *lock.lock().unwrap() += 1;
    }
    let uncontended = (ticks() - start) / PAIRS;

    const YIELDS: u64 = 2_000;
    let start = ticks();
    for _ in 0..YIELDS {
        thread::yield_now();
    }
    let yield_cost = (ticks() - start) / YIELDS;

    const ROUNDS: u64 = 2_000;
    let shared = Arc::new(Mutex::new(0u64));
    let start = ticks();
    let contenders: Vec<_> = (0..2)
        .map(|_| {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                for _ in 0..ROUNDS {
                    let mut guard = shared.lock().unwrap();
                    thread::yield_now();
                    *guard += 1;
                }
            })
        })
        .collect();
    for contender in contenders {
        contender.join().unwrap();
    }
    let contended = (ticks() - start) / (2 * ROUNDS);

    const SPAWNS: u64 = 200;
    thread::spawn(|| ()).join().unwrap(); // the record and its stack exist from here
    let start = ticks();
    for _ in 0..SPAWNS {
        thread::spawn(|| ()).join().unwrap();
    }
    let spawn_join = (ticks() - start) / SPAWNS;
    println!(
        "std-program: figures (TSC ticks; instructions under -icount shift=0): \
         uncontended Mutex lock+unlock {uncontended}, yield {yield_cost}, \
         contended lock+yield+unlock {contended} (total {}), spawn+join {spawn_join}",
        *shared.lock().unwrap()
    );
}
