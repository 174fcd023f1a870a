// SPDX-License-Identifier: MIT OR Apache-2.0
//
// A TCB invocation on an endpoint capability does not compile: the method
// exists only on `Cap<cap_type::Tcb>`.

fn start(endpoint: sel4::Endpoint) -> sel4::Result<()> {
    endpoint.resume()
}

fn main() {
    let _ = start;
}
