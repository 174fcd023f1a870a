// SPDX-License-Identifier: MIT OR Apache-2.0
//! The committed generated files must match the description: a change to
//! `api/interface` without `cargo run -p sel4-api -- generate` fails here,
//! naming each stale file.

use std::path::Path;

#[test]
fn generated_files_are_up_to_date() {
    let root = sel4_api::default_root();
    let stale = sel4_api::stale_files(&root).expect("the API description loads");
    assert!(
        stale.is_empty(),
        "stale generated files (run `cargo run -p sel4-api -- generate`):\n{}",
        stale.join("\n")
    );
}

#[test]
fn description_numbers_match_the_abi() {
    let api = sel4_api::api::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("interface")).unwrap();
    let label = |name: &str| api.labels.iter().find(|l| l.name == name).map(|l| l.value);
    assert_eq!(label("UntypedRetype"), Some(1));
    assert_eq!(label("TCBSetTLSBase"), Some(15));
    assert_eq!(label("nInvocationLabels"), Some(33));
    assert_eq!(label("X86PDPTMap"), Some(33));
    assert_eq!(label("nSeL4ArchInvocationLabels"), Some(35));
    assert_eq!(label("X86PageGetAddress"), Some(41));
    assert_eq!(label("X86IOPortControlIssue"), Some(44));
    assert_eq!(label("X86IRQIssueIRQHandlerMSI"), Some(52));
    assert_eq!(label("nArchInvocationLabels"), Some(53));
    assert_eq!(api.present_syscalls().count(), 15);
}

#[test]
fn layouts_match_the_abi_table() {
    let api = sel4_api::api::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("interface")).unwrap();
    // (stub, extra caps, length) from ABI section 8.
    let expected = [
        ("X86_IOPortControl_Issue", 1, 4),
        ("X86_Page_Map", 1, 3),
        ("X86_ASIDControl_MakePool", 2, 2),
        ("IRQControl_GetIOAPIC", 1, 7),
        ("Untyped_Retype", 1, 6),
        ("TCB_ReadRegisters", 0, 2),
        ("TCB_WriteRegisters", 0, 22),
        ("TCB_CopyRegisters", 1, 1),
        ("TCB_Configure", 3, 4),
        ("TCB_SetSpace", 2, 3),
        ("CNode_Mint", 1, 6),
        ("CNode_Rotate", 2, 8),
        ("DomainSet_Set", 1, 1),
        ("DomainSet_ScheduleConfigure", 0, 3),
    ];
    for (stub, caps, length) in expected {
        let (_, method) = api
            .methods()
            .find(|(i, m)| format!("{}_{}", i.name, m.name) == stub)
            .unwrap_or_else(|| panic!("{stub} is described"));
        let layout = api.layout(method);
        assert_eq!((layout.extra_caps, layout.length), (caps, length), "{stub}");
    }
}
