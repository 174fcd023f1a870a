// SPDX-License-Identifier: MIT OR Apache-2.0
//! The generated C headers compile cleanly: the kernel header with the
//! kernel's freestanding flags, the user headers with strict warnings, both
//! with every stub and accessor instantiated (gcc only checks inline
//! functions that are used, so a program calls one of each kind).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    sel4_api::default_root()
}

fn compile(name: &str, source: &str, flags: &[&str]) {
    let dir = std::env::temp_dir().join(format!("sel4-api-c-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.c"));
    std::fs::write(&file, source).unwrap();
    let output = Command::new("gcc")
        .args(["-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-c", "-o"])
        .arg(dir.join(format!("{name}.o")))
        .args(flags)
        .arg(&file)
        .output()
        .expect("gcc runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "{name} does not compile:\n{}", String::from_utf8_lossy(&output.stderr));
}

fn include(path: &str) -> String {
    format!("-I{}", Path::new(&root()).join(path).display())
}

#[test]
fn kernel_header_compiles_freestanding() {
    let gcc_include = Command::new("gcc").arg("-print-file-name=include").output().expect("gcc runs");
    let gcc_include = String::from_utf8_lossy(&gcc_include.stdout).trim().to_string();
    let source = "#include <generated/sel4_api.h>\n\
        int label_ok(enum invocation_label l);\n\
        int label_ok(enum invocation_label l) {\n\
            seL4_MessageInfo_t info = seL4_MessageInfo_new(l, 0, invocation_args[l].extra_caps, invocation_args[l].length);\n\
            return (int)seL4_MessageInfo_get_length(info) + SysSetTLSBase;\n\
        }\n";
    compile(
        "kernel",
        source,
        &[
            "-ffreestanding",
            "-nostdinc",
            "-isystem",
            &gcc_include,
            "-mno-red-zone",
            "-mcmodel=kernel",
            "-fno-pic",
            "-mgeneral-regs-only",
            &include("kernel/include"),
        ],
    );
}

#[test]
fn user_headers_compile_with_strict_warnings() {
    let source = "#include <sel4/sel4.h>\n\
        __thread seL4_IPCBuffer *__sel4_ipc_buffer;\n\
        int use_all(seL4_BootInfo *bi);\n\
        int use_all(seL4_BootInfo *bi) {\n\
            seL4_SetIPCBuffer(bi->ipcBuffer);\n\
            seL4_SetTLSBase(0);\n\
            seL4_DebugPutChar('x');\n\
            seL4_DebugNameThread(seL4_CapInitThreadTCB, \"t\");\n\
            seL4_UserContext regs = { 0 };\n\
            int e = (int)seL4_TCB_ReadRegisters(1, 0, 0, 20, &regs);\n\
            e += (int)seL4_TCB_WriteRegisters(1, 0, 0, 20, &regs);\n\
            e += (int)seL4_CNode_Rotate(2, 1, 64, 0, 2, 2, 64, 0, 2, 3, 64);\n\
            e += (int)seL4_CNode_Mint(2, 1, 64, 2, 3, 64, seL4_AllRights, 5);\n\
            e += (int)seL4_X86_IOPort_In16(7, 0x60).result;\n\
            e += (int)seL4_X86_IOPort_Out32(7, 0xf4, 1);\n\
            e += (int)seL4_X86_Page_Map(9, 3, 0x1000, seL4_ReadWrite, seL4_X86_Default_VMAttributes);\n\
            e += (int)seL4_IRQControl_GetIOAPIC(4, 2, 10, 64, 0, 1, 0, 0, 40);\n\
            e += (int)seL4_TCB_CopyRegisters(1, 1, 0, 1, 1, 1, 0);\n\
            seL4_Word badge = 0;\n\
            seL4_MessageInfo_t info = seL4_Call(1, seL4_MessageInfo_new(1, 0, 0, 5));\n\
            info = seL4_ReplyRecv(1, info, &badge);\n\
            seL4_Signal(1);\n\
            seL4_Yield();\n\
            return e + (int)seL4_MessageInfo_get_label(info) + (int)seL4_DebugCapIdentify(1);\n\
        }\n";
    compile("user", source, &["-Wshadow", "-Wconversion", "-pedantic", &include("runtime/include")]);
}
