// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Benchmark: the same invocation through the typed `sel4` API and through
// raw `sel4-sys`, timed with the TSC around many iterations. Under QEMU
// with `-icount shift=0` the TSC advances once per guest instruction, so
// the figures are instructions per call (user and kernel), stable from
// run to run. It prints figures only; nothing is asserted about them.

use core::arch::x86_64::_rdtsc;
use sel4::{init_thread, sys, IoPort, ObjectAllocator, Tcb};
use std::hint::black_box;

const ITERATIONS: u64 = 20_000;
const WARM_UP: u64 = 200;
/// The POST diagnostic port: reading and writing it has no effect.
const PORT: u16 = 0x80;

/// TSC ticks per call of `call`, averaged over `ITERATIONS`.
fn ticks_per_call(mut call: impl FnMut()) -> f64 {
    for _ in 0..WARM_UP {
        call();
    }
    // SAFETY: `rdtsc` only reads the time stamp counter.
    let start = unsafe { _rdtsc() };
    for _ in 0..ITERATIONS {
        call();
    }
    // SAFETY: as above.
    let end = unsafe { _rdtsc() };
    (end - start) as f64 / ITERATIONS as f64
}

fn report(name: &str, typed: f64, raw: f64) {
    println!("{name:<28} typed {typed:>9.1}  raw {raw:>9.1}  typed/raw {:.4}", typed / raw);
}

fn io_port_in8(port: IoPort) {
    let typed = ticks_per_call(|| match port.in8(black_box(PORT)) {
        Ok(value) => {
            black_box(value);
        }
        Err(error) => panic!("{error}"),
    });
    let raw = ticks_per_call(|| {
        // SAFETY: `#[sel4::root]`'s start-up registered the IPC buffer.
        let reply =
            unsafe { sys::seL4_X86_IOPort_In8(black_box(port.bits() as sys::seL4_CPtr), black_box(PORT)) };
        assert!(reply.error == sys::seL4_NoError, "In8 failed: {}", reply.error);
        black_box(reply.result);
    });
    report("IoPort::in8", typed, raw);
}

fn io_port_out8(port: IoPort) {
    let typed = ticks_per_call(|| {
        if let Err(error) = port.out8(black_box(PORT), black_box(0x55)) {
            panic!("{error}")
        }
    });
    let raw = ticks_per_call(|| {
        // SAFETY: as in `io_port_in8`.
        let error = unsafe {
            sys::seL4_X86_IOPort_Out8(
                black_box(port.bits() as sys::seL4_CPtr),
                black_box(PORT.into()),
                black_box(0x55),
            )
        };
        assert!(error == sys::seL4_NoError, "Out8 failed: {error}");
    });
    report("IoPort::out8", typed, raw);
}

fn tcb_set_priority(thread: Tcb) {
    if let Err(error) = thread.set_priority(thread, 255) {
        println!("{:<28} not measured: {error}", "Tcb::set_priority");
        return;
    }
    let typed = ticks_per_call(|| {
        if let Err(error) = thread.set_priority(black_box(thread), black_box(255)) {
            panic!("{error}")
        }
    });
    let raw = ticks_per_call(|| {
        let cptr = black_box(thread.bits() as sys::seL4_CPtr);
        // SAFETY: as in `io_port_in8`.
        let error = unsafe { sys::seL4_TCB_SetPriority(cptr, cptr, black_box(255)) };
        assert!(error == sys::seL4_NoError, "SetPriority failed: {error}");
    });
    report("Tcb::set_priority", typed, raw);
}

fn debug_cap_identify(port: IoPort) {
    let typed = ticks_per_call(|| {
        black_box(black_box(port).upcast().identify());
    });
    let raw = ticks_per_call(|| {
        black_box(sys::seL4_DebugCapIdentify(black_box(port.bits() as sys::seL4_CPtr)));
    });
    report("CPtr::identify", typed, raw);
}

#[sel4::root]
fn main() -> sel4::Result<()> {
    let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
    let slot = objects.alloc_slot()?;
    init_thread::IO_PORT_CONTROL.issue(PORT, PORT, slot)?;
    let port: IoPort = sel4::CPtr::from_cptr(slot.index()).cast()?;
    println!(
        "invocation-cost: TSC ticks per call over {ITERATIONS} calls (with -icount shift=0: instructions)"
    );
    io_port_in8(port);
    io_port_out8(port);
    tcb_set_priority(init_thread::TCB);
    debug_cap_identify(port);
    Ok(())
}
