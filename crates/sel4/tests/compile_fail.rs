// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Compile-fail tests: programs the typed API must refuse (tests/ui/*.rs,
// each with the compiler's expected message in a .stderr file beside it).
// Regenerate the messages after a compiler upgrade with
// `TRYBUILD=overwrite cargo test -p sel4 --test compile_fail`, then read them.

#[test]
fn typed_api_refuses_misuse() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
