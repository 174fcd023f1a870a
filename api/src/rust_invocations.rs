// SPDX-License-Identifier: MIT OR Apache-2.0
//! `sel4-sys`'s `invocations.rs`: one function per seL4 invocation, with
//! libsel4's name and parameter order, marshalling exactly as the C stubs
//! do (label, extra capabilities in the IPC buffer, message registers with
//! narrow arguments masked), plus the result structures of invocations
//! that return values.

use std::fmt::Write;

use crate::api::{count_of, rust_ident, strip_outer_parens, Api, Kind, Layout, Piece};
use crate::model::{Interface, Method};
use crate::rust_types::banner;

/// `invocations.rs` and its per-object modules, as (path under
/// `crates/sel4-sys/src/generated/`, text).
pub fn render(api: &Api) -> Vec<(String, String)> {
    let mut top = banner(
        "One function per seL4 invocation, in one module per kind of object\n\
         (all re-exported here). Each sends the invocation with `seL4_Call`\n\
         and returns the reply's error (with the results in a structure, or\n\
         through a reference, where there are any). On an error the first four\n\
         message registers are stored back into the IPC buffer, so `seL4_GetMR`\n\
         reads the error's details.\n\
         \n\
         # Safety (all functions)\n\
         \n\
         They read and write the calling thread's IPC buffer: it must have been\n\
         registered with `seL4_SetIPCBuffer` and be mapped and writable.",
    );
    let mut files = Vec::new();
    for (group, interfaces) in api.interface_groups() {
        let names: Vec<String> = interfaces.iter().map(|i| format!("`seL4_{}`", i.name)).collect();
        let _ = writeln!(top, "#[rustfmt::skip]\nmod {group};\npub use {group}::*;");
        let mut out = banner(&format!("Invocations of {}.", names.join(", ")));
        out.push_str("#![allow(clippy::too_many_arguments)]\n\n");
        let reads_buffer = interfaces.iter().flat_map(|i| &i.method).any(|m| {
            let layout = api.layout(m);
            layout.struct_results.iter().any(|(r, f)| r.mr.unwrap_or(0) as usize + f.len() > 4)
                || layout.scalar_results.iter().any(|r| r.mr.unwrap_or(0) >= 4)
        });
        let get_mr = if reads_buffer { "seL4_GetMR, " } else { "" };
        let _ = writeln!(
            out,
            "use crate::generated::constants::*;\nuse crate::generated::types::*;\n\
             use crate::{{seL4_CallWithMRs, {get_mr}seL4_SetCap, seL4_SetMR}};\n"
        );
        for iface in &interfaces {
            for method in &iface.method {
                let layout = api.layout(method);
                if !layout.scalar_results.is_empty() {
                    out.push_str(&result_struct(iface, method, &layout));
                }
            }
        }
        for iface in &interfaces {
            for method in &iface.method {
                out.push_str(&stub(api, iface, method));
            }
        }
        files.push((format!("invocations/{group}.rs"), out.trim_end().to_string() + "\n"));
    }
    files.insert(0, ("invocations.rs".to_string(), top));
    files
}

fn stub_name(iface: &Interface, method: &Method) -> String {
    format!("seL4_{}_{}", iface.name, method.name)
}

fn result_struct(iface: &Interface, method: &Method, layout: &Layout) -> String {
    let name = stub_name(iface, method);
    let mut out = format!(
        "/// What [`{name}`] returns.\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub struct {name}_t {{\n    \
         /// The reply's error; the other fields are meaningful only for `seL4_NoError`.\n    \
         pub error: seL4_Error,\n"
    );
    for r in &layout.scalar_results {
        let _ =
            writeln!(out, "    /// `{}` from the reply.\n    pub {}: {},", r.name, rust_ident(&r.name), r.ty);
    }
    out.push_str("}\n\n");
    out
}

/// The expression for one piece of a message register.
fn piece_expr(api: &Api, piece: &Piece) -> String {
    match piece {
        Piece::StructWord(arg, field) => format!("{}.{}", rust_ident(&arg.name), rust_ident(field)),
        Piece::Arg(arg, kind) => {
            let name = rust_ident(&arg.name);
            let word = match kind {
                Kind::Bitfield => format!("{name}.words[0]"),
                _ if api.rust_primitive(&arg.ty) == "u64" => name,
                _ => format!("({name} as seL4_Word)"),
            };
            let masked = match arg.mask() {
                Some(mask) => format!("({word} & 0x{mask:x})"),
                None => word,
            };
            if arg.shift == 0 {
                masked
            } else {
                format!("({masked} << {})", arg.shift)
            }
        }
    }
}

fn mr_read(index: usize) -> String {
    if index < 4 {
        format!("mr{index}")
    } else {
        format!("seL4_GetMR({index})")
    }
}

fn stub(api: &Api, iface: &Interface, method: &Method) -> String {
    let layout = api.layout(method);
    let name = stub_name(iface, method);
    let mut params = vec![format!("_service: seL4_{}", iface.name)];
    for arg in &method.args {
        if api.kind(&arg.ty) == Some(Kind::Struct) {
            params.push(format!("{}: &{}", rust_ident(&arg.name), arg.ty));
        } else {
            params.push(format!("{}: {}", rust_ident(&arg.name), arg.ty));
        }
    }
    for (result, _) in &layout.struct_results {
        params.push(format!("{}: &mut {}", rust_ident(&result.name), result.ty));
    }
    let returns =
        if layout.scalar_results.is_empty() { "seL4_Error".to_string() } else { format!("{name}_t") };
    let label = api.label_value(&method.label).unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "/// {}", method.doc.as_deref().unwrap_or(&name));
    let _ = writeln!(
        out,
        "///\n/// Invocation `{}` (label {label}): {}, {}.",
        method.label,
        count_of(layout.length, "message register", "message registers"),
        count_of(layout.extra_caps, "extra capability", "extra capabilities")
    );
    out.push_str(
        "///\n/// # Safety\n///\n/// The calling thread's IPC buffer must be registered with `seL4_SetIPCBuffer`\n\
         /// and be mapped and writable.\n",
    );
    let _ = writeln!(out, "#[inline]\npub unsafe fn {name}({}) -> {returns} {{", params.join(", "));
    let _ = writeln!(
        out,
        "    let tag = seL4_MessageInfo::new(invocation_label::{}, 0, {}, {});",
        method.label, layout.extra_caps, layout.length
    );
    let mut fast = [String::from("0"), "0".into(), "0".into(), "0".into()];
    let mut slow = Vec::new();
    for (i, pieces) in layout.mrs.iter().enumerate() {
        let value: Vec<String> = pieces.iter().map(|p| piece_expr(api, p)).collect();
        let value = value.join(" | ");
        let value = strip_outer_parens(&value).to_string();
        if i < 4 {
            fast[i] = value;
        } else {
            slow.push((i, value));
        }
    }
    for (i, value) in fast.iter().enumerate() {
        let _ = writeln!(out, "    let mut mr{i}: seL4_Word = {value};");
    }
    if !layout.caps.is_empty() || !slow.is_empty() {
        out.push_str(
            "    // SAFETY: the caller guarantees the IPC buffer is registered and writable.\n    unsafe {\n",
        );
        for (i, cap) in layout.caps.iter().enumerate() {
            let _ = writeln!(out, "        seL4_SetCap({i}, {});", rust_ident(&cap.name));
        }
        for (i, value) in &slow {
            let _ = writeln!(out, "        seL4_SetMR({i}, {value});");
        }
        out.push_str("    }\n");
    }
    out.push_str(
        "    // SAFETY: the caller guarantees the IPC buffer is registered and writable.\n    \
         let reply = unsafe { seL4_CallWithMRs(_service, tag, &mut mr0, &mut mr1, &mut mr2, &mut mr3) };\n    \
         let error = reply.label() as seL4_Error;\n    if error != seL4_NoError {\n        \
         // SAFETY: the caller guarantees the IPC buffer is registered and writable.\n        unsafe {\n            \
         seL4_SetMR(0, mr0);\n            seL4_SetMR(1, mr1);\n            seL4_SetMR(2, mr2);\n            \
         seL4_SetMR(3, mr3);\n        }\n",
    );
    if layout.scalar_results.is_empty() {
        out.push_str("        return error;\n    }\n");
    } else {
        let defaults: Vec<String> =
            layout.scalar_results.iter().map(|r| format!("{}: 0", rust_ident(&r.name))).collect();
        let _ = writeln!(out, "        return {name}_t {{ error, {} }};\n    }}", defaults.join(", "));
    }
    for (result, fields) in &layout.struct_results {
        let base = result.mr.unwrap_or(0) as usize;
        let reads_buffer = base + fields.len() > 4;
        let indent = if reads_buffer { "        " } else { "    " };
        if reads_buffer {
            out.push_str(
                "    // SAFETY: the caller guarantees the IPC buffer is registered.\n    unsafe {\n",
            );
        }
        for (i, field) in fields.iter().enumerate() {
            let _ = writeln!(
                out,
                "{indent}{}.{} = {};",
                rust_ident(&result.name),
                rust_ident(field),
                mr_read(base + i)
            );
        }
        if reads_buffer {
            out.push_str("    }\n");
        }
    }
    if layout.scalar_results.is_empty() {
        out.push_str("    seL4_NoError\n}\n\n");
    } else {
        let mut fields = Vec::new();
        for r in &layout.scalar_results {
            let index = r.mr.unwrap_or(0) as usize;
            let word = if index < 4 {
                mr_read(index)
            } else {
                // Scalar results in the IPC buffer: read under the caller's contract.
                format!("{{\n        // SAFETY: the caller guarantees the IPC buffer is registered.\n        unsafe {{ seL4_GetMR({index}) }}\n    }}")
            };
            let shifted = if r.shift == 0 { word } else { format!("({word} >> {})", r.shift) };
            let masked = match r.mask() {
                Some(mask) => format!("({shifted} & 0x{mask:x})"),
                None => shifted,
            };
            let value =
                if api.rust_primitive(&r.ty) == "u64" { masked } else { format!("{masked} as {}", r.ty) };
            fields.push(format!("{}: {value}", rust_ident(&r.name)));
        }
        let _ = writeln!(out, "    {name}_t {{ error: seL4_NoError, {} }}\n}}\n", fields.join(", "));
    }
    out
}
