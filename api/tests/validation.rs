// SPDX-License-Identifier: MIT OR Apache-2.0
//! The loader refuses inconsistent descriptions, naming the problem, and
//! derives message layouts as the schema says.

use sel4_api::api::{parse, Api};

const BASE: &str = r#"
[[type]]
name = "seL4_Word"
c = "uint64_t"
rust = "u64"
[[type]]
name = "seL4_Uint8"
c = "uint8_t"
rust = "u8"
[[type]]
name = "seL4_CNode"
cap = true

[[label_group]]
name = "generic"
count = "nInvocationLabels"
labels = ["InvalidInvocation", "ThingDo"]
"#;

fn load(methods: &str) -> Result<Api, String> {
    parse(&[
        ("base.toml".into(), "base".into(), BASE.into()),
        ("thing.toml".into(), "thing".into(), methods.into()),
    ])
}

#[test]
fn a_well_formed_method_gets_its_layout() {
    let api = load(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"
args = [
    { name = "root", type = "seL4_CNode", cap = 0 },
    { name = "index", type = "seL4_Word", mr = 0 },
    { name = "depth", type = "seL4_Uint8", mr = 1, bits = 8 },
    { name = "flag", type = "seL4_Uint8", mr = 1, shift = 8, bits = 1 },
]
"#,
    )
    .unwrap();
    let (_, method) = api.methods().next().unwrap();
    let layout = api.layout(method);
    assert_eq!((layout.length, layout.extra_caps), (2, 1));
    assert_eq!(layout.mrs[1].len(), 2);
}

fn error_of(methods: &str) -> String {
    load(methods).expect_err("the description is refused")
}

#[test]
fn a_label_without_a_method_is_refused() {
    assert!(error_of("").contains("label ThingDo has no method"));
}

#[test]
fn an_unknown_label_is_refused() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDoes"
"#,
    );
    assert!(error.contains("unknown label ThingDoes"), "{error}");
}

#[test]
fn an_unknown_type_is_refused() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"
args = [{ name = "x", type = "seL4_Nothing", mr = 0 }]
"#,
    );
    assert!(error.contains("x has unknown type seL4_Nothing"), "{error}");
}

#[test]
fn a_gap_in_message_registers_is_refused() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"
args = [{ name = "x", type = "seL4_Word", mr = 1 }]
"#,
    );
    assert!(error.contains("message register 0 is never set"), "{error}");
}

#[test]
fn an_error_that_is_not_an_sel4_error_is_refused() {
    let errors = r#"
[[enum]]
name = "seL4_Error"
typedef = true
rust_type = "u32"
variants = [{ name = "seL4_NoError" }, { name = "seL4_RangeError" }]
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"
errors = [
    { error = "seL4_RangeError", when = "out of range" },
    { error = "seL4_NoError", when = "never" },
    { error = "seL4_Oops", when = "never" },
]
"#;
    let error = error_of(errors);
    assert!(error.contains("seL4_Thing_Do: seL4_NoError is not an seL4_Error"), "{error}");
    assert!(error.contains("seL4_Thing_Do: seL4_Oops is not an seL4_Error"), "{error}");
    assert!(!error.contains("seL4_RangeError is not"), "{error}");
}

#[test]
fn an_argument_needs_a_place() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"
args = [{ name = "x", type = "seL4_Word" }]
"#,
    );
    assert!(error.contains("x needs exactly one of cap and mr"), "{error}");
}

#[test]
fn overlapping_struct_fields_are_refused() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"

[[struct]]
name = "Pair"
size = 16
align = 8
fields = [
    { name = "a", type = "seL4_Word", offset = 0, size = 8 },
    { name = "b", type = "seL4_Word", offset = 4, size = 8 },
]
"#,
    );
    assert!(error.contains("Pair.b overlaps"), "{error}");
}

#[test]
fn overlapping_bit_fields_are_refused() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
[[interface.method]]
name = "Do"
label = "ThingDo"

[[bitfield]]
name = "Word"
fields = [{ name = "a", high = 7, low = 0 }, { name = "b", high = 3, low = 2 }]
"#,
    );
    assert!(error.contains("Word.b overlaps"), "{error}");
}

#[test]
fn unknown_keys_are_refused() {
    let error = error_of(
        r#"
[[interface]]
name = "Thing"
colour = "blue"
"#,
    );
    assert!(error.contains("thing.toml"), "{error}");
}
