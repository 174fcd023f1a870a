// SPDX-License-Identifier: MIT OR Apache-2.0
//! The C headers for users, under `runtime/include/sel4/generated/`:
//! `constants.h` (numbers and enums), `types.h` (types, bit field words,
//! structures, invocation result structures) and `invocations.h` (one
//! static inline stub per invocation). Names are libsel4's; the hand-written
//! `sel4/sel4.h` includes them all.

use std::fmt::Write;

use crate::api::{strip_outer_parens, Api, Kind, Layout, Piece};
use crate::c_common::{self, c_u64};
use crate::kernel_header;
use crate::model::{Interface, Method, Output};

/// `constants.h`.
pub fn constants(api: &Api) -> String {
    let mut out = c_common::banner(
        "seL4 API numbers for C programs: configuration, limits, object sizes,\n\
         syscall numbers, invocation labels, errors and other enumerations.",
    );
    out.push_str("#ifndef SEL4_GENERATED_CONSTANTS_H\n#define SEL4_GENERATED_CONSTANTS_H\n\n");
    out.push_str(&c_common::constants(api, Output::User));
    out.push_str("\n/* System call numbers (RDX at the syscall instruction). */\ntypedef enum {\n");
    for s in api.present_syscalls() {
        let _ = writeln!(out, "    seL4_Sys{} = {},", s.name, s.number);
    }
    out.push_str("} seL4_Syscall;\n\n");
    out.push_str(&kernel_header::labels(api));
    out.push_str(&c_common::enums(api, Output::User));
    out.push_str("#endif /* SEL4_GENERATED_CONSTANTS_H */\n");
    out
}

/// `types.h`.
pub fn types(api: &Api) -> String {
    let mut out = c_common::banner(
        "seL4 API types for C programs: scalar and capability types, bit field\n\
         words (message info, rights, CNode guards), the boot information and\n\
         IPC buffer structures, and the results of invocations that return values.",
    );
    out.push_str("#ifndef SEL4_GENERATED_TYPES_H\n#define SEL4_GENERATED_TYPES_H\n\n");
    out.push_str("#include <stddef.h>\n#include <stdint.h>\n\n#include <sel4/generated/constants.h>\n\n");
    out.push_str(&c_common::types(api));
    out.push('\n');
    out.push_str(&c_common::bitfields(api));
    out.push_str(&c_common::structs(api, Output::User));
    out.push_str("/* Results of invocations that return values. */\n");
    for (iface, method) in api.methods() {
        let layout = api.layout(method);
        if layout.scalar_results.is_empty() {
            continue;
        }
        let name = stub_name(iface, method);
        let _ = writeln!(out, "typedef struct {name} {{\n    seL4_Error error;");
        for r in &layout.scalar_results {
            let _ = writeln!(out, "    {} {};", r.ty, r.name);
        }
        let _ = writeln!(out, "}} {name}_t;\n");
    }
    out.push_str("#endif /* SEL4_GENERATED_TYPES_H */\n");
    out
}

fn stub_name(iface: &Interface, method: &Method) -> String {
    format!("seL4_{}_{}", iface.name, method.name)
}

/// The expression for one piece of a message register.
fn piece_expr(api: &Api, piece: &Piece) -> String {
    match piece {
        Piece::StructWord(arg, field) => format!("{}->{field}", arg.name),
        Piece::Arg(arg, kind) => {
            let word = match kind {
                Kind::Bitfield => format!("{}.words[0]", arg.name),
                _ if api.rust_primitive(&arg.ty) == "u64" => arg.name.clone(),
                _ => format!("(seL4_Word){}", arg.name),
            };
            let masked = match arg.mask() {
                Some(mask) => format!("({word} & {})", c_u64(mask)),
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

/// `invocations.h` and the per-object headers it includes, as (path under
/// `runtime/include/sel4/generated/`, text).
pub fn invocations(api: &Api) -> Vec<(String, String)> {
    let groups = api.interface_groups();
    let mut top = c_common::banner(
        "One static inline stub per seL4 invocation. Each stub sends the\n\
         invocation with seL4_Call and returns the reply's error (with the\n\
         results in a structure, or through a pointer, where there are any).\n\
         On an error the first four message registers are stored back into the\n\
         IPC buffer, so seL4_GetMR reads the error's details.\n\
         \n\
         The stubs live in one header per kind of object, all included here.",
    );
    top.push_str("#ifndef SEL4_GENERATED_INVOCATIONS_H\n#define SEL4_GENERATED_INVOCATIONS_H\n\n");
    let mut files = Vec::new();
    for (group, interfaces) in &groups {
        let _ = writeln!(top, "#include <sel4/generated/invocations/{group}.h>");
        let names: Vec<String> = interfaces.iter().map(|i| format!("seL4_{}", i.name)).collect();
        let mut out = c_common::banner(&format!("Invocation stubs of {}.", names.join(", ")));
        let guard = format!("SEL4_GENERATED_INVOCATIONS_{}_H", group.to_uppercase());
        let _ = writeln!(out, "#ifndef {guard}\n#define {guard}\n");
        out.push_str("#include <sel4/generated/types.h>\n#include <sel4/syscalls.h>\n\n");
        for iface in interfaces {
            let _ = writeln!(out, "/* {}: {} */\n", iface.name, iface.doc.as_deref().unwrap_or(""));
            for method in &iface.method {
                out.push_str(&stub(api, iface, method));
            }
        }
        let _ = writeln!(out, "#endif /* {guard} */");
        files.push((format!("invocations/{group}.h"), out));
    }
    top.push_str("\n#endif /* SEL4_GENERATED_INVOCATIONS_H */\n");
    files.insert(0, ("invocations.h".to_string(), top));
    files
}

fn stub(api: &Api, iface: &Interface, method: &Method) -> String {
    let layout: Layout = api.layout(method);
    let name = stub_name(iface, method);
    let mut params = vec![format!("seL4_{} _service", iface.name)];
    for arg in &method.args {
        if api.kind(&arg.ty) == Some(Kind::Struct) {
            params.push(format!("const {} *{}", arg.ty, arg.name));
        } else {
            params.push(format!("{} {}", arg.ty, arg.name));
        }
    }
    for (result, _) in &layout.struct_results {
        params.push(format!("{} *{}", result.ty, result.name));
    }
    let returns =
        if layout.scalar_results.is_empty() { "seL4_Error".to_string() } else { format!("{name}_t") };
    let mut out = String::new();
    let _ = writeln!(out, "/* {} */", method.doc.as_deref().unwrap_or(&name));
    let _ = writeln!(out, "static inline {returns} {name}({})\n{{", params.join(", "));
    let _ = writeln!(
        out,
        "    seL4_MessageInfo_t tag = seL4_MessageInfo_new({}, 0, {}, {});",
        method.label, layout.extra_caps, layout.length
    );
    out.push_str("    seL4_Word mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;\n");
    for (i, cap) in layout.caps.iter().enumerate() {
        let _ = writeln!(out, "    seL4_SetCap({i}, {});", cap.name);
    }
    for (i, pieces) in layout.mrs.iter().enumerate() {
        let value: Vec<String> = pieces.iter().map(|p| piece_expr(api, p)).collect();
        let value = value.join(" | ");
        let value = strip_outer_parens(&value).to_string();
        if i < 4 {
            let _ = writeln!(out, "    mr{i} = {value};");
        } else {
            let _ = writeln!(out, "    seL4_SetMR({i}, {value});");
        }
    }
    out.push_str("    seL4_MessageInfo_t reply = seL4_CallWithMRs(_service, tag, &mr0, &mr1, &mr2, &mr3);\n");
    out.push_str("    seL4_Error error = (seL4_Error)seL4_MessageInfo_get_label(reply);\n");
    out.push_str(
        "    if (error != seL4_NoError) {\n        seL4_SetMR(0, mr0);\n        seL4_SetMR(1, mr1);\n        \
         seL4_SetMR(2, mr2);\n        seL4_SetMR(3, mr3);\n",
    );
    if layout.scalar_results.is_empty() {
        out.push_str("        return error;\n    }\n");
    } else {
        let _ =
            writeln!(out, "        {name}_t failed = {{ .error = error }};\n        return failed;\n    }}");
    }
    for (result, fields) in &layout.struct_results {
        let base = result.mr.unwrap_or(0) as usize;
        for (i, field) in fields.iter().enumerate() {
            let _ = writeln!(out, "    {}->{field} = {};", result.name, mr_read(base + i));
        }
    }
    if layout.scalar_results.is_empty() {
        out.push_str("    return seL4_NoError;\n}\n\n");
    } else {
        let _ = writeln!(out, "    {name}_t result = {{ .error = seL4_NoError }};");
        for r in &layout.scalar_results {
            let word = mr_read(r.mr.unwrap_or(0) as usize);
            let shifted = if r.shift == 0 { word } else { format!("({word} >> {})", r.shift) };
            let masked = match r.mask() {
                Some(mask) => format!("({shifted} & {})", c_u64(mask)),
                None => shifted,
            };
            let _ = writeln!(out, "    result.{} = ({}){masked};", r.name, r.ty);
        }
        out.push_str("    return result;\n}\n\n");
    }
    out
}
