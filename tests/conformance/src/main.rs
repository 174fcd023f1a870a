// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The conformance suite, as one root task.
// Every case calls the kernel through the raw ABI (sel4-sys) and checks
// the exact answer real seL4 16.0.0 gives on x86_64 pc99: error code,
// error details in the message registers, and effects. It prints one
// `case NAME ... ok|FAILED: why` line per case, then `N passed, M failed`,
// and exits with 0 only when every case passed. Program arguments, when
// present, select the cases whose names contain one of them.
//
// Groups, one file each: untyped (Untyped_Retype), cnode (CNode methods and
// lookup), cdt (the derivation tree), vspace (paging structures, frames),
// asid (ASID pools), ioport (I/O ports), tcb (thread methods and
// scheduling), ipc (endpoints and replies), notification, faults (fault
// messages and replies), irq (interrupts and the domain cap), hostile
// (extreme and malformed input), bootinfo (the device untyped list).
// `framework` runs them, `alloc` gives each case fresh memory and slots,
// `invoke` is the only place that talks to the kernel through invocations;
// `threads` starts second threads and makes their raw system calls.

#![deny(unsafe_code)]
// The ABI's constants keep libsel4's names, also where they are matched on.
#![allow(non_upper_case_globals)]

mod alloc;
mod asid;
mod bootinfo;
mod cdt;
mod cnode;
#[allow(unsafe_code)]
mod faults;
mod framework;
mod hostile;
#[allow(unsafe_code)]
mod invoke;
mod ioport;
#[allow(unsafe_code)]
mod ipc;
mod irq;
mod notification;
#[allow(unsafe_code)]
mod tcb;
#[allow(unsafe_code)]
mod threads;
mod untyped;
mod vspace;

#[sel4::root]
fn main() {
    let filters: Vec<String> = std::env::args().skip(1).collect();
    let mut cases = Vec::new();
    cases.extend(untyped::cases());
    cases.extend(cnode::cases());
    cases.extend(cdt::cases());
    cases.extend(vspace::cases());
    cases.extend(asid::cases());
    cases.extend(ioport::cases());
    cases.extend(hostile::cases());
    cases.extend(tcb::cases());
    cases.extend(ipc::cases());
    cases.extend(notification::cases());
    cases.extend(faults::cases());
    cases.extend(irq::cases());
    cases.extend(bootinfo::cases());
    let failed = framework::run(&cases, &filters);
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
