// SPDX-License-Identifier: MIT OR Apache-2.0
//
// A notification capability where an endpoint is required (the fault
// endpoint of `Tcb::configure`) does not compile.

use sel4::{init_thread, CNodeCapData, Notification, Tcb};

fn configure(thread: Tcb, notification: Notification) -> sel4::Result<()> {
    thread.configure(
        Some(notification),
        init_thread::CNODE,
        CNodeCapData::NONE,
        init_thread::VSPACE,
        0,
        None,
    )
}

fn main() {
    let _ = configure;
}
