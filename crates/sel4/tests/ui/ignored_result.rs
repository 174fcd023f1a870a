// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Ignoring the `Result` of an invocation warns (`unused_must_use`); here the
// warning is denied so that it fails the build.

#![deny(unused_must_use)]

fn start(thread: sel4::Tcb) {
    thread.resume();
}

fn main() {
    let _ = start;
}
