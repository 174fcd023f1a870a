// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Turning a number into a typed capability without a check needs `unsafe`.

fn main() {
    let _endpoint = sel4::Endpoint::from_bits(12);
}
