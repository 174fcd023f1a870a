// SPDX-License-Identifier: MIT OR Apache-2.0
//! `kernel/include/generated/sel4_api.h`: everything devkernel needs to know
//! about the ABI, with the kernel's own names for syscalls and labels, plus
//! the table of message lengths and extra capability counts its argument
//! decoding checks. Freestanding: only stdint.h, stddef.h and stdbool.h.

use std::fmt::Write;

use crate::api::{Api, Layout, Piece};
use crate::c_common;
use crate::model::Output;

/// The header's text.
pub fn render(api: &Api) -> String {
    let mut out = c_common::banner(
        "The seL4 ABI as devkernel sees it: syscall numbers, invocation labels,\n\
         errors, object types, capability tags, initial slots, boot information\n\
         structures (with their layout checked) and, per invocation label, the\n\
         message length and extra capabilities a well-formed invocation carries.",
    );
    out.push_str("#ifndef GENERATED_SEL4_API_H\n#define GENERATED_SEL4_API_H\n\n");
    out.push_str("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n");
    out.push_str(&c_common::constants(api, Output::Kernel));
    out.push('\n');
    out.push_str(&c_common::types(api));
    out.push('\n');
    out.push_str(&syscalls(api));
    out.push_str(&labels(api));
    out.push_str(&c_common::enums(api, Output::Kernel));
    out.push_str(&c_common::bitfields(api));
    out.push_str(&c_common::structs(api, Output::Kernel));
    out.push_str(&invocation_args(api));
    out.push_str("#endif /* GENERATED_SEL4_API_H */\n");
    out
}

fn syscalls(api: &Api) -> String {
    let mut out =
        String::from("/* System call numbers (RDX at the syscall instruction). */\nenum syscall {\n");
    for s in api.present_syscalls() {
        let _ = writeln!(out, "    Sys{} = {},", s.name, s.number);
    }
    out.push_str("};\n\n");
    out.push_str("/* Range of each syscall group present, for dispatch. */\n");
    let mut groups: Vec<&str> = Vec::new();
    for s in api.present_syscalls() {
        if !groups.contains(&s.group.as_str()) {
            groups.push(&s.group);
        }
    }
    for group in groups {
        let numbers: Vec<i64> =
            api.present_syscalls().filter(|s| s.group == group).map(|s| s.number).collect();
        let upper = group.to_uppercase();
        let min = numbers.iter().min().copied().unwrap_or(0);
        let max = numbers.iter().max().copied().unwrap_or(0);
        let _ = writeln!(out, "#define SYSCALL_{upper}_MIN ({min})\n#define SYSCALL_{upper}_MAX ({max})");
    }
    out.push('\n');
    out
}

/// `enum invocation_label`, shared with the user header (same names there).
pub fn labels(api: &Api) -> String {
    let mut out = String::from(
        "/* Invocation labels: the label of a message sent to a kernel object. */\nenum invocation_label {\n",
    );
    for l in &api.labels {
        let _ = writeln!(out, "    {} = {},", l.name, l.value);
    }
    out.push_str("};\n\n");
    out
}

/// "MR0 index, MR1 depth:8; cap0 root": what travels where, for readers of the table.
fn message_summary(api: &Api, layout: &Layout) -> String {
    let mut parts = Vec::new();
    for (i, pieces) in layout.mrs.iter().enumerate() {
        let mut names = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Arg(arg, _) => names.push(match (arg.bits, arg.shift) {
                    (Some(bits), 0) => format!("{}:{bits}", arg.name),
                    (Some(bits), shift) => format!("{}:{bits}<<{shift}", arg.name),
                    (None, _) => arg.name.clone(),
                }),
                // A structure is shown once, at its first word.
                Piece::StructWord(arg, _) if arg.mr == Some(i as u32) => {
                    let last = i + api.struct_words(&arg.ty).len() - 1;
                    parts.push(format!("MR{i}..MR{last} {} ({})", arg.name, arg.ty));
                }
                Piece::StructWord(..) => {}
            }
        }
        if !names.is_empty() {
            parts.push(format!("MR{i} {}", names.join("|")));
        }
    }
    let mut text = if parts.is_empty() { "no MRs".to_string() } else { parts.join(", ") };
    if !layout.caps.is_empty() {
        let caps: Vec<String> =
            layout.caps.iter().enumerate().map(|(i, c)| format!("cap{i} {}", c.name)).collect();
        text.push_str("; ");
        text.push_str(&caps.join(", "));
    }
    text
}

fn invocation_args(api: &Api) -> String {
    let count = api.labels.last().map(|l| l.name.as_str()).unwrap_or("0");
    let mut out = String::from(
        "/*\n * The least each invocation must carry: `length` message registers and\n \
         * `extra_caps` capabilities; with fewer the kernel answers seL4_TruncatedMessage.\n \
         * TCBWriteRegisters needs `count` (its MR1) more words after the first two.\n \
         * Labels without an entry (InvalidInvocation) are all zero.\n */\n\
         struct invocation_args {\n    uint8_t length;\n    uint8_t extra_caps;\n};\n\n",
    );
    let _ = writeln!(
        out,
        "static const struct invocation_args invocation_args[{count}] __attribute__((unused)) = {{"
    );
    let mut rows: Vec<(u64, String)> = Vec::new();
    for (iface, method) in api.methods() {
        let layout = api.layout(method);
        let value = api.label_value(&method.label).unwrap_or(0);
        rows.push((
            value,
            format!(
                "    /* seL4_{}_{}: {} */\n    [{}] = {{ {}, {} }},",
                iface.name,
                method.name,
                message_summary(api, &layout),
                method.label,
                method.min_length.unwrap_or(layout.length),
                layout.extra_caps,
            ),
        ));
    }
    rows.sort_by_key(|(value, _)| *value);
    for (_, row) in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out.push_str("};\n\n");
    out
}
