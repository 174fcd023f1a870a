// SPDX-License-Identifier: MIT OR Apache-2.0
//! `cargo sel4`, run the way a user runs it, in temporary projects: `new`, `init`, `run`,
//! `test` (passing and failing), the runner behind `cargo run`, kernel configuration cfgs,
//! a timeout, a root-task fault, Ctrl-C, `--gdb`, `--qemu-arg`, and every bad input with its
//! one-line message. `SEL4_PREFIX` parsing and the configuration check run against synthetic
//! install trees made here (configuration files only); a real seL4 is booted only when
//! `SEL4_PREFIX` is set in the environment. One project is reused for every boot, so the suite
//! builds it once per profile.

use crate::harness::{CheckResult, Suite};
use crate::process::{cargo, run, workspace_root, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(600);
const SHORT: Duration = Duration::from_secs(60);

/// The reference configuration of our target (x86_64 pc99, non-MCS, debug, one node), in
/// `gen_config.json`'s format; the synthetic trees change one option at a time.
const GOOD_CONFIG: &[(&str, &str)] = &[
    ("ARCH", "\"x86\""),
    ("SEL4_ARCH", "\"x86_64\""),
    ("PLAT", "\"pc99\""),
    ("ARCH_X86_64", "true"),
    ("PLAT_PC99", "true"),
    ("PLAT_TX2", "false"),
    ("WORD_SIZE", "\"64\""),
    ("DEBUG_BUILD", "true"),
    ("PRINTING", "true"),
    ("KERNEL_MCS", "false"),
    ("MAX_NUM_NODES", "\"1\""),
    ("IOMMU", "false"),
    ("VTX", "false"),
    ("HARDWARE_DEBUG_API", "false"),
    ("KERNEL_FSGS_BASE", "\"msr\""),
    ("KERNEL_X86_SYSCALL", "\"syscall\""),
    ("MAX_NUM_BOOTINFO_UNTYPED_CAPS", "\"230\""),
    ("SUPPORT_PCID", "false"),
    ("KERNEL_X86_FPU", "\"FXSAVE\""),
    ("ROOT_CNODE_SIZE_BITS", "\"12\""),
];

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What every check needs: the scratch directory, a `bin` with `cargo-sel4` for `PATH`, and
/// one target directory shared by every project (dependencies build once).
struct Env {
    scratch: Scratch,
    bin: PathBuf,
}

impl Env {
    fn dir(&self) -> &Path {
        &self.scratch.0
    }

    /// `cargo sel4 ARGS` in `dir`, as a user types it, on devkernel unless told otherwise.
    fn cargo_sel4(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = cargo();
        command.arg("sel4").args(args).current_dir(dir);
        self.environment(&mut command);
        command
    }

    /// `cargo ARGS` (run, test) in a project.
    fn cargo(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = cargo();
        command.args(args).current_dir(dir);
        self.environment(&mut command);
        command
    }

    fn environment(&self, command: &mut Command) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![self.bin.clone()];
        paths.extend(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(paths).unwrap_or_default());
        command.env("CARGO_TARGET_DIR", self.dir().join("target"));
        for variable in [
            "SEL4_PREFIX",
            "SEL4_KERNEL",
            "SEL4_RUN_TIMEOUT",
            "SEL4_RUN_ENV",
            "RUSTFLAGS",
            "CARGO_ENCODED_RUSTFLAGS",
        ] {
            command.env_remove(variable);
        }
    }

    /// The `cargo-sel4` program itself, with `PATH` limited to `bin` plus the given tools.
    fn bare_tool(&self, dir: &Path, args: &[&str], tools: &[&str]) -> Result<Command, String> {
        let bin = self.dir().join(format!("bare-bin-{}", tools.join("-")));
        std::fs::create_dir_all(&bin).map_err(|e| format!("cannot create {}: {e}", bin.display()))?;
        for tool in tools {
            let target = find(tool).ok_or_else(|| format!("{tool} not found on this machine"))?;
            let link = bin.join(tool);
            if !link.exists() {
                std::os::unix::fs::symlink(&target, &link).map_err(|e| format!("symlink {tool}: {e}"))?;
            }
        }
        let mut command = Command::new(self.bin.join("cargo-sel4"));
        command.arg("sel4").args(args).current_dir(dir).env("PATH", &bin).env_remove("CC");
        for variable in ["SEL4_PREFIX", "SEL4_KERNEL", "RUSTC"] {
            command.env_remove(variable);
        }
        Ok(command)
    }
}

/// Finds a program in `PATH` (rustc and cargo: the toolchain's own, not rustup's proxy).
fn find(program: &str) -> Option<PathBuf> {
    if program == "rustc" || program == "cargo" {
        let sysroot = Command::new("rustc").args(["--print", "sysroot"]).output().ok()?;
        let path = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim()).join("bin").join(program);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

/// Fails unless the command failed with `status` and printed `message` on an `error:` line.
fn expect_error(out: &Output, status: i32, message: &str) -> CheckResult {
    out.expect_status(status)?;
    let line = out.text.lines().find(|line| line.starts_with("error: ")).unwrap_or("");
    if line.contains(message) {
        Ok(())
    } else {
        Err(format!("the error line lacks {message:?}\n{}", out.tail()))
    }
}

fn write(path: &Path, text: &str) -> CheckResult {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes a synthetic install tree: `gen_config.json` with `changes`, the libsel4 include
/// directory, and `kernel` bytes as `bin/kernel.elf` when given.
fn synthetic_prefix(dir: &Path, changes: &[(&str, &str)], kernel: Option<&[u8]>) -> CheckResult {
    let _ = std::fs::remove_dir_all(dir);
    let mut entries: Vec<String> = Vec::new();
    for (name, value) in GOOD_CONFIG {
        let value = changes.iter().find(|(changed, _)| changed == name).map_or(*value, |(_, new)| *new);
        entries.push(format!("    \"{name}\": {value}"));
    }
    write(&dir.join("support/gen_config.json"), &format!("{{\n{}\n}}\n", entries.join(",\n")))?;
    std::fs::create_dir_all(dir.join("libsel4/include/sel4")).map_err(|e| format!("mkdir: {e}"))?;
    if let Some(kernel) = kernel {
        std::fs::create_dir_all(dir.join("bin")).map_err(|e| format!("mkdir: {e}"))?;
        std::fs::write(dir.join("bin/kernel.elf"), kernel).map_err(|e| format!("write: {e}"))?;
    }
    Ok(())
}

/// The first bytes of an ELF64 executable for `machine` with no program headers.
fn elf_header(machine: u16) -> Vec<u8> {
    let mut bytes = vec![0u8; 64];
    bytes[..4].copy_from_slice(b"\x7fELF");
    bytes[4] = 2;
    bytes[5] = 1;
    bytes[16..18].copy_from_slice(&2u16.to_le_bytes());
    bytes[18..20].copy_from_slice(&machine.to_le_bytes());
    bytes
}

/// Registers the `cargo sel4` checks.
pub fn run_all(suite: &mut Suite) {
    if !suite.selected("tool") {
        return;
    }
    let mut env = None;
    suite.check("tool: build cargo-sel4", || {
        env = Some(setup()?);
        Ok(())
    });
    let Some(env) = env else { return };
    projects(suite, &env);
    boots(suite, &env);
    bad_input(suite, &env);
    real_sel4(suite, &env);
}

fn setup() -> Result<Env, String> {
    run(cargo().args(["build", "--quiet", "-p", "cargo-sel4"]).current_dir(workspace_root()), LIMIT)?
        .expect_status(0)?;
    let scratch = Scratch(std::env::temp_dir().join(format!("sel4-tool-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    let bin = scratch.0.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("cannot create {}: {e}", bin.display()))?;
    let tool = workspace_root().join("target/debug/cargo-sel4");
    std::fs::copy(&tool, bin.join("cargo-sel4"))
        .map_err(|e| format!("cannot copy {}: {e}", tool.display()))?;
    Ok(Env { scratch, bin })
}

/// `new`, `init`, and their refusals.
fn projects(suite: &mut Suite, env: &Env) {
    suite.check("tool: cargo sel4 new writes a project with target, flags and runner", || {
        run(&mut env.cargo_sel4(env.dir(), &["new", "app"]), SHORT)?
            .expect_status(0)?
            .expect_contains("Created")?;
        let config =
            std::fs::read_to_string(env.dir().join("app/.cargo/config.toml")).map_err(|e| e.to_string())?;
        for needle in [
            "target = \"x86_64-unknown-linux-gnu\"",
            "runner = [\"cargo\", \"sel4\", \"runner\"]",
            "\"--cfg\", \"sel4\"",
            "sel4_config_debug_build",
        ] {
            if !config.contains(needle) {
                return Err(format!(".cargo/config.toml lacks {needle:?}:\n{config}"));
            }
        }
        let main = std::fs::read_to_string(env.dir().join("app/src/main.rs")).map_err(|e| e.to_string())?;
        main.contains("#[sel4::root]").then_some(()).ok_or_else(|| format!("src/main.rs:\n{main}"))
    });
    suite.check("tool: cargo sel4 new refuses an existing directory and leaves it alone", || {
        let out = run(&mut env.cargo_sel4(env.dir(), &["new", "app"]), SHORT)?;
        expect_error(&out, 206, "destination `app` already exists")
    });
    suite.check("tool: cargo sel4 new with a bad SEL4_PREFIX leaves nothing behind", || {
        let out =
            run(env.cargo_sel4(env.dir(), &["new", "ghost"]).env("SEL4_PREFIX", "/nonexistent/sel4"), SHORT)?;
        expect_error(&out, 206, "SEL4_PREFIX=/nonexistent/sel4: no such directory")?;
        let leftovers: Vec<String> = std::fs::read_dir(env.dir())
            .map_err(|e| e.to_string())?
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("ghost"))
            .collect();
        leftovers.is_empty().then_some(()).ok_or_else(|| format!("left behind: {leftovers:?}"))
    });
    suite.check("tool: cargo sel4 init in an empty directory and in a cargo package", || {
        let empty = env.dir().join("initialised");
        std::fs::create_dir_all(&empty).map_err(|e| e.to_string())?;
        run(&mut env.cargo_sel4(&empty, &["init", "--no-std"]), SHORT)?.expect_status(0)?;
        for file in ["Cargo.toml", "src/main.rs", ".cargo/config.toml"] {
            if !empty.join(file).is_file() {
                return Err(format!("cargo sel4 init wrote no {file}"));
            }
        }
        let config = std::fs::read_to_string(empty.join(".cargo/config.toml")).map_err(|e| e.to_string())?;
        if !config.contains("panic = \"abort\"") {
            return Err(format!("a no_std project needs panic = \"abort\":\n{config}"));
        }
        run(&mut env.cargo(env.dir(), &["new", "--quiet", "plain"]), SHORT)?.expect_status(0)?;
        let plain = env.dir().join("plain");
        run(&mut env.cargo_sel4(&plain, &["init"]), SHORT)?
            .expect_status(0)?
            .expect_contains("add the sel4 crate")?;
        plain.join(".cargo/config.toml").is_file().then_some(()).ok_or("no .cargo/config.toml".into())
    });
    suite.check("tool: cargo sel4 init refuses a foreign .cargo/config.toml", || {
        let dir = env.dir().join("foreign");
        write(&dir.join(".cargo/config.toml"), "[build]\njobs = 1\n")?;
        let out = run(&mut env.cargo_sel4(&dir, &["init"]), SHORT)?;
        expect_error(&out, 206, "was not written by cargo sel4")?;
        (!dir.join("Cargo.toml").exists()).then_some(()).ok_or("init wrote Cargo.toml anyway".into())
    });
}

/// The program every boot check uses: one project, several binaries.
const MAIN: &str = r#"#[sel4::sel4_cfg(debug_build)]
const KIND: &str = "debug kernel";
#[sel4::sel4_cfg(not(debug_build))]
const KIND: &str = "release kernel";

sel4::cfg_if! {
    if #[cfg(kernel_mcs)] {
        const API: &str = "mcs";
    } else if #[cfg(all(printing, max_num_nodes = "1"))] {
        const API: &str = "classic, printing";
    } else {
        const API: &str = "classic, quiet";
    }
}

#[sel4::root]
fn main() {
    println!("Hello, world!");
    println!("{KIND}; {API}; nodes {}; cnode bits {}", sel4::config::MAX_NUM_NODES, sel4::config::ROOT_CNODE_SIZE_BITS);
    #[cfg(sel4_config_printing)]
    println!("raw cfg: printing");
}

#[cfg(test)]
mod tests {
    #[test]
    fn arithmetic() {
        assert_eq!(2 + 2, 4);
    }

    #[test]
    fn vectors() {
        assert_eq!(vec![1, 2, 3].iter().sum::<i32>(), 6);
    }
}
"#;

const SPIN: &str = "#[sel4::root]\nfn main() {\n    println!(\"spinning\");\n    loop {\n        std::hint::spin_loop();\n    }\n}\n";

const FAULT: &str = "#[sel4::root]\nfn main() {\n    println!(\"about to fault\");\n    // SAFETY: none; the write faults on purpose.\n    unsafe { std::ptr::write_volatile(0x10 as *mut u64, 1) };\n}\n";

/// A root task that prints the arguments `cargo sel4 run -- ...` gave it.
const ARGS: &str = "#[sel4::root]\nfn main() {\n    \
    println!(\"arguments: {:?}\", std::env::args().skip(1).collect::<Vec<_>>());\n}\n";

/// A root task that prints the environment the runner gave it, then changes it.
const ENV: &str = r#"#[sel4::root]
fn main() {
    for name in ["GREETING", "RUST_BACKTRACE", "SEL4_TOOL_FORWARDED", "SEL4_TOOL_UNSET", "EXTRA", "HOME"] {
        println!("{name}: {:?}", std::env::var(name));
    }
    let mut names: Vec<String> = std::env::vars().map(|(name, _)| name).collect();
    names.sort();
    println!("names: {names:?}");
    std::env::set_var("GREETING", "changed");
    std::env::remove_var("RUST_BACKTRACE");
    println!("changed: {:?} {:?}", std::env::var("GREETING"), std::env::var("RUST_BACKTRACE"));
}
"#;

/// The environment a package names in Cargo.toml: fixed values and host variables to forward.
const ENV_METADATA: &str =
    "\n[package.metadata.sel4]\npass-env = [\"SEL4_TOOL_FORWARDED\", \"SEL4_TOOL_UNSET\"]\n\n\
    [package.metadata.sel4.env]\nGREETING = \"hello from Cargo.toml\"\nRUST_BACKTRACE = \"1\"\n";

/// The error for `RUST_BACKTRACE = 1` in the metadata (after the manifest's path and line).
const ENV_NOT_A_STRING: &str = "[package.metadata.sel4.env] RUST_BACKTRACE = 1: the value is an integer; \
    environment values are strings (write RUST_BACKTRACE = \"1\")";

/// Fails unless `out` shows the environment of [`ENV_METADATA`] (and `EXTRA` from `--env`
/// when `extra`), with `SEL4_TOOL_FORWARDED` forwarded from the host and nothing else.
fn expect_environment(out: &Output, extra: bool) -> CheckResult {
    out.expect_status(0)?
        .expect_contains("GREETING: Ok(\"hello from Cargo.toml\")")?
        .expect_contains("RUST_BACKTRACE: Ok(\"1\")")?
        .expect_contains("SEL4_TOOL_FORWARDED: Ok(\"from the host\")")?
        .expect_contains("SEL4_TOOL_UNSET: Err(NotPresent)")?
        .expect_contains("HOME: Err(NotPresent)")?
        .expect_contains("changed: Ok(\"changed\") Err(NotPresent)")?;
    if extra {
        out.expect_contains("EXTRA: Ok(\"two  words\")")?.expect_contains(
            "names: [\"EXTRA\", \"GREETING\", \"RUST_BACKTRACE\", \"SEL4_TOOL_FORWARDED\"]",
        )?;
    } else {
        out.expect_contains("EXTRA: Err(NotPresent)")?
            .expect_contains("names: [\"GREETING\", \"RUST_BACKTRACE\", \"SEL4_TOOL_FORWARDED\"]")?;
    }
    Ok(())
}

/// A command with the host variables [`ENV_METADATA`] forwards: one set, one not.
fn with_host_variables(command: &mut Command) -> &mut Command {
    command.env("SEL4_TOOL_FORWARDED", "from the host").env_remove("SEL4_TOOL_UNSET")
}

/// Fails unless `out` is the error for [`ENV_NOT_A_STRING`] in `manifest`.
fn expect_not_a_string(out: &Output, manifest: &Path) -> CheckResult {
    expect_error(out, 206, ENV_NOT_A_STRING)?;
    expect_error(out, 206, &format!("{}:", manifest.display()))
}

const FAILING_TEST: &str = "\n#[cfg(test)]\nmod failing {\n    #[test]\n    fn wrong_sum() {\n        assert_eq!(1 + 1, 3, \"arithmetic on seL4 is broken\");\n    }\n}\n";

/// Boots of the project made by `new`.
fn boots(suite: &mut Suite, env: &Env) {
    let app = env.dir().join("app");
    if !app.join("Cargo.toml").is_file() {
        return;
    }
    suite.check("tool: cargo run in a new project boots it (cfgs and sel4::config from devkernel)", || {
        write(&app.join("src/main.rs"), MAIN)?;
        write(&app.join("src/bin/spin.rs"), SPIN)?;
        write(&app.join("src/bin/fault.rs"), FAULT)?;
        write(&app.join("src/bin/args.rs"), ARGS)?;
        write(&app.join("src/bin/env.rs"), ENV)?;
        let out = run(&mut env.cargo(&app, &["run", "--bin", "app"]), LIMIT)?;
        out.expect_status(0)?
            .expect_contains("Booting app on devkernel")?
            .expect_contains("Hello, world!")?;
        out.expect_contains("debug kernel; classic, printing; nodes 1; cnode bits 12")?
            .expect_contains("raw cfg: printing")?;
        if out.text.contains("warning") {
            return Err(format!("the build warned\n{}", out.tail()));
        }
        Ok(())
    });
    suite.check("tool: cargo test and cargo sel4 test run the tests on seL4", || {
        run(&mut env.cargo(&app, &["test", "--bin", "app"]), LIMIT)?
            .expect_status(0)?
            .expect_contains("test result: ok. 2 passed")?;
        run(&mut env.cargo_sel4(&app, &["test", "--bin", "app"]), LIMIT)?
            .expect_status(0)?
            .expect_contains("test result: ok. 2 passed")?;
        Ok(())
    });
    suite.check("tool: a failing test fails cargo sel4 test with its message", || {
        let mut source = MAIN.to_owned();
        source.push_str(FAILING_TEST);
        write(&app.join("src/main.rs"), &source)?;
        let out = run(&mut env.cargo_sel4(&app, &["test", "--bin", "app"]), LIMIT);
        write(&app.join("src/main.rs"), MAIN)?;
        let out = out?;
        out.expect_contains("arithmetic on seL4 is broken")?
            .expect_contains("test result: FAILED. 2 passed; 1 failed")?;
        match out.status {
            Some(0) | None => Err(format!("status {:?}, expected a failure\n{}", out.status, out.tail())),
            Some(_) => Ok(()),
        }
    });
    suite.check("tool: a test name filter reaches the harness on seL4", || {
        run(&mut env.cargo_sel4(&app, &["test", "--bin", "app", "--", "vectors"]), LIMIT)?
            .expect_status(0)?
            .expect_contains("test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 1 filtered out")?;
        Ok(())
    });
    suite.check("tool: arguments after -- reach std::env::args on seL4", || {
        let out = run(&mut env.cargo_sel4(&app, &["run", "--bin", "args", "--", "one", "two words"]), LIMIT)?;
        out.expect_status(0)?.expect_contains("arguments: [\"one\", \"two words\"]")?;
        Ok(())
    });
    suite.check("tool: Cargo.toml metadata env and pass-env reach std::env::var on seL4", || {
        let manifest = app.join("Cargo.toml");
        let original = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
        write(&manifest, &format!("{original}{ENV_METADATA}"))?;
        let result = metadata_environment(env, &app, &manifest);
        write(&manifest, &original)?;
        result
    });
    suite.check("tool: a build for a debug kernel is refused on a release kernel", || {
        // The project's configuration (from `cargo sel4 new`) is devkernel's,
        // a debug kernel; SEL4_KERNEL picks devkernel's release build.
        let out =
            run(env.cargo(&app, &["run", "--bin", "app"]).env("SEL4_KERNEL", "devkernel-release"), LIMIT)?;
        expect_error(&out, 206, "was built for a kernel with debug_build on (cfg sel4_config_debug_build)")?;
        // cargo sel4 run builds for the kernel it boots.
        run(&mut env.cargo_sel4(&app, &["run", "--bin", "app", "--kernel", "devkernel-release"]), LIMIT)?
            .expect_status(0)?
            .expect_contains("Hello, world!")?;
        Ok(())
    });
    suite.check("tool: --timeout ends a run that never exits", || {
        let out = run(&mut env.cargo_sel4(&app, &["run", "--bin", "spin", "--timeout", "2"]), LIMIT)?;
        out.expect_contains("spinning")?;
        expect_error(&out, 204, "timeout: the root task ran longer than the time limit of 2 s")
    });
    suite.check("tool: a root-task fault ends the run with the kernel's report", || {
        let out = run(&mut env.cargo_sel4(&app, &["run", "--bin", "fault"]), LIMIT)?;
        out.expect_contains("about to fault")?.expect_contains("vm fault")?;
        expect_error(&out, 203, "a thread faulted and no fault handler received the fault")
    });
    suite.check("tool: --qemu-arg reaches QEMU", || {
        let out = run(
            &mut env.cargo_sel4(
                &app,
                &["run", "--bin", "app", "--qemu-arg=-device", "--qemu-arg=no-such-device"],
            ),
            LIMIT,
        )?;
        out.expect_contains("no-such-device")?;
        expect_error(&out, 205, "QEMU could not run the machine")
    });
    suite.check("tool: cargo sel4 run --release", || {
        run(&mut env.cargo_sel4(&app, &["run", "--release", "--bin", "app"]), LIMIT)?
            .expect_status(0)?
            .expect_contains("Hello, world!")?;
        Ok(())
    });
    suite.check("tool: Ctrl-C stops QEMU and says so", || interrupt(env, &app));
    suite.check("tool: --gdb waits for gdb and prints the command with both symbol files", || gdb(env, &app));
    suite.check("tool: zero-configuration cargo run passes the Cargo.toml environment", || {
        zero_configuration_environment(env)
    });
    suite.check("tool: a project with no #[sel4::root] is refused", || {
        let plain = env.dir().join("plain");
        let out = run(&mut env.cargo_sel4(&plain, &["run"]), SHORT)?;
        expect_error(&out, 206, "src/main.rs has no #[sel4::root]: put `#[sel4::root]` on its `fn main`")
    });
}

/// `cargo sel4 run --env`, plain `cargo run` (the runner `cargo sel4 new` configures) and a
/// bad value, in the project whose manifest has [`ENV_METADATA`].
fn metadata_environment(env: &Env, app: &Path, manifest: &Path) -> CheckResult {
    let sel4_run = ["run", "--bin", "env", "--env", "EXTRA=two  words"];
    expect_environment(&run(with_host_variables(&mut env.cargo_sel4(app, &sel4_run)), LIMIT)?, true)?;
    expect_environment(
        &run(with_host_variables(&mut env.cargo(app, &["run", "--bin", "env"])), LIMIT)?,
        false,
    )?;
    let with_metadata = std::fs::read_to_string(manifest).map_err(|e| e.to_string())?;
    write(manifest, &with_metadata.replace("RUST_BACKTRACE = \"1\"", "RUST_BACKTRACE = 1"))?;
    let out = run(&mut env.cargo_sel4(app, &["run", "--bin", "env"]), LIMIT)?;
    expect_not_a_string(&out, manifest)?;
    let out = run(&mut env.cargo_sel4(app, &["run", "--bin", "env", "--env", "NOVALUE"]), SHORT)?;
    expect_error(&out, 206, "--env `NOVALUE` is not NAME=VALUE")
}

/// The same environment through the zero-configuration `cargo run` of a `#[sel4::root]`
/// program (no `.cargo/config.toml`: the launcher reads the manifest), then a bad value and an
/// environment too large for the root task.
fn zero_configuration_environment(env: &Env) -> CheckResult {
    let project = env.dir().join("zero-config-env");
    let sel4 = workspace_root().join("crates/sel4");
    let manifest = project.join("Cargo.toml");
    let head = format!(
        "[package]\nname = \"zero-config-env\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nsel4 = {{ path = {:?} }}\n",
        sel4.display().to_string()
    );
    write(&manifest, &format!("{head}{ENV_METADATA}"))?;
    write(&project.join("src/main.rs"), ENV)?;
    expect_environment(&run(with_host_variables(&mut env.cargo(&project, &["run"])), LIMIT)?, false)?;
    write(
        &manifest,
        &format!("{head}{}", ENV_METADATA.replace("RUST_BACKTRACE = \"1\"", "RUST_BACKTRACE = 1")),
    )?;
    expect_not_a_string(&run(&mut env.cargo(&project, &["run"]), LIMIT)?, &manifest)?;
    let big = "x".repeat(5000);
    write(&manifest, &format!("{head}{ENV_METADATA}BIG = \"{big}\"\n"))?;
    let out = run(&mut env.cargo(&project, &["run"]), LIMIT)?;
    expect_error(&out, 206, "do not fit the root task's .sel4_arguments section (room for 4072 bytes)")?;
    expect_error(&out, 206, "the largest variable is BIG (5005 bytes, set at ")
}

/// Starts `cargo sel4 run` in its own process group and waits until stderr shows `marker`.
fn start_until(
    env: &Env,
    app: &Path,
    args: &[&str],
    marker: &str,
    log: &Path,
) -> Result<std::process::Child, String> {
    use std::os::unix::process::CommandExt;
    let file = std::fs::File::create(log).map_err(|e| e.to_string())?;
    let mut command = env.cargo_sel4(app, args);
    command
        .stdin(std::process::Stdio::null())
        .stdout(file.try_clone().map_err(|e| e.to_string())?)
        .stderr(file);
    let child = command.process_group(0).spawn().map_err(|e| format!("cannot start cargo sel4: {e}"))?;
    let started = Instant::now();
    while started.elapsed() < LIMIT {
        if std::fs::read_to_string(log).unwrap_or_default().contains(marker) {
            return Ok(child);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("no {marker:?} within the limit:\n{}", std::fs::read_to_string(log).unwrap_or_default()))
}

fn interrupt(env: &Env, app: &Path) -> CheckResult {
    let log = env.dir().join("interrupt.log");
    let mut child = start_until(env, app, &["run", "--bin", "spin"], "spinning", &log)?;
    let group = format!("-{}", child.id());
    run(Command::new("kill").args(["-INT", "--", &group]), SHORT)?;
    let status = child.wait().map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    if status.code() == Some(130) && text.contains("error: interrupted; QEMU stopped") {
        Ok(())
    } else {
        Err(format!("status {status:?}, expected 130 and the message\n{text}"))
    }
}

fn gdb(env: &Env, app: &Path) -> CheckResult {
    if find("gdb").is_none() {
        eprintln!("    gdb is not installed: checking the printed command only");
    }
    let log = env.dir().join("gdb.log");
    let mut child =
        start_until(env, app, &["run", "--bin", "app", "--gdb"], "target remote localhost:1234", &log)?;
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let wanted =
        ["gdb -q -ex 'set architecture i386:x86-64' -ex 'file ", "devkernel.elf'", "-ex 'add-symbol-file "];
    let printed = wanted.iter().all(|needle| text.contains(needle));
    let attached = if find("gdb").is_some() {
        // A debugger that attaches and lets the machine run to the end.
        let attach = [
            "-batch",
            "-ex",
            "set architecture i386:x86-64",
            "-ex",
            "target remote localhost:1234",
            "-ex",
            "continue",
        ];
        run(Command::new("gdb").args(attach), SHORT).map(|_| ())
    } else {
        Ok(())
    };
    let deadline = Instant::now() + SHORT;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", child.id())]).status();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    attached?;
    if !printed {
        return Err(format!("the gdb command is not printed as expected\n{text}"));
    }
    if find("gdb").is_some()
        && (status.and_then(|status| status.code()) != Some(0) || !text.contains("Hello, world!"))
    {
        return Err(format!("the run under gdb did not finish with status 0 ({status:?})\n{text}"));
    }
    Ok(())
}

/// Every bad input: one `error:` line, a non-zero status.
fn bad_input(suite: &mut Suite, env: &Env) {
    let dir = env.dir().to_owned();
    let app = dir.join("app");
    suite.check("tool: bad input: QEMU missing", || {
        let out = run(&mut env.bare_tool(&dir, &["run"], &["rustc", "gcc"])?, SHORT)?;
        expect_error(
            &out,
            127,
            "qemu-system-x86_64 not found: install it with `sudo apt-get install qemu-system-x86`",
        )
    });
    suite.check("tool: bad input: gcc missing", || {
        let out = run(&mut env.bare_tool(&dir, &["run"], &["rustc", "qemu-system-x86_64"])?, SHORT)?;
        expect_error(&out, 127, "gcc not found: install it with `sudo apt-get install gcc`")
    });
    suite.check("tool: bad input: Rust too old", || {
        let fake = dir.join("old-rustc");
        write(&fake, "#!/bin/sh\necho 'rustc 1.70.0 (90c541806 2023-05-31)'\n")?;
        run(Command::new("chmod").arg("+x").arg(&fake), SHORT)?.expect_status(0)?;
        let out = run(env.cargo_sel4(&dir, &["run"]).env("RUSTC", &fake), SHORT)?;
        expect_error(
            &out,
            206,
            "Rust 1.70 is too old; root tasks need Rust 1.95 or newer: run `rustup update stable`",
        )
    });
    suite.check("tool: bad input: a host that is not x86_64 Linux", || {
        let out = run(env.cargo_sel4(&dir, &["run"]).env("CARGO_SEL4_TEST_HOST", "aarch64-macos"), SHORT)?;
        expect_error(&out, 206, "this host is aarch64-macos; cargo sel4 supports x86_64 Linux only")
    });
    suite.check("tool: bad input: SEL4_PREFIX pointing at nothing", || {
        let out = run(env.cargo_sel4(&app, &["run"]).env("SEL4_PREFIX", dir.join("nothing")), SHORT)?;
        expect_error(&out, 206, "nothing: no such directory; point it at the install tree of an seL4 build")
    });
    suite.check("tool: bad input: SEL4_PREFIX without gen_config.json", || {
        let tree = dir.join("empty-tree");
        std::fs::create_dir_all(&tree).map_err(|e| e.to_string())?;
        let out = run(env.cargo_sel4(&app, &["run"]).env("SEL4_PREFIX", &tree), SHORT)?;
        expect_error(&out, 206, "there is no support/gen_config.json")
    });
    let architecture = [("ARCH", "\"arm\""), ("SEL4_ARCH", "\"aarch64\""), ("PLAT", "\"qemu-arm-virt\"")];
    suite.check("tool: bad input: SEL4_PREFIX of another architecture", || {
        let tree = dir.join("arm-tree");
        synthetic_prefix(&tree, &architecture, Some(&elf_header(183)))?;
        let out = run(env.cargo_sel4(&app, &["run"]).env("SEL4_PREFIX", &tree), SHORT)?;
        expect_error(&out, 206, "this seL4 is built for aarch64 (SEL4_ARCH = \"aarch64\", PLAT = \"qemu-arm-virt\"), ours is x86_64 pc99")
    });
    let incompatible: &[(&str, &str, &str)] = &[
        ("KERNEL_MCS", "true", "KERNEL_MCS is true, our bindings need false (the MCS kernel numbers its system calls differently); configure seL4 with -DKernelIsMCS=OFF"),
        ("IOMMU", "true", "IOMMU is true, our bindings need false (the IOMMU shifts the x86 invocation labels and object types); configure seL4 with -DKernelIOMMU=OFF"),
        ("KERNEL_FSGS_BASE", "\"inst\"", "KERNEL_FSGS_BASE is \"inst\", our bindings need \"msr\""),
        ("MAX_NUM_NODES", "\"4\"", "MAX_NUM_NODES is \"4\", our bindings need \"1\""),
    ];
    for (option, value, message) in incompatible {
        suite.check(&format!("tool: bad input: SEL4_PREFIX with {option} = {value}"), || {
            let tree = dir.join(format!("tree-{option}"));
            synthetic_prefix(&tree, &[(option, value)], None)?;
            let out = run(env.cargo_sel4(&app, &["run"]).env("SEL4_PREFIX", &tree), SHORT)?;
            expect_error(&out, 206, &format!("incompatible kernel configuration: {message}"))
        });
    }
    suite.check(
        "tool: a compatible synthetic SEL4_PREFIX passes the check (doctor), then needs a kernel",
        || {
            let tree = dir.join("good-tree");
            synthetic_prefix(&tree, &[("DEBUG_BUILD", "false"), ("ROOT_CNODE_SIZE_BITS", "\"19\"")], None)?;
            let out = run(env.cargo_sel4(&app, &["run"]).env("SEL4_PREFIX", &tree), SHORT)?;
            expect_error(&out, 206, "there is no bin/kernel.elf")?;
            std::fs::create_dir_all(tree.join("bin")).map_err(|e| e.to_string())?;
            std::fs::write(tree.join("bin/kernel.elf"), elf_header(183)).map_err(|e| e.to_string())?;
            let doctor = run(env.cargo_sel4(&dir, &["doctor"]).env("SEL4_PREFIX", &tree), SHORT)?;
            doctor.expect_contains("configuration matches")?;
            let out = run(env.cargo_sel4(&app, &["run"]).env("SEL4_PREFIX", &tree), SHORT)?;
            expect_error(&out, 206, "is a 64-bit AArch64 file; only x86_64 seL4 boots here")
        },
    );
    suite.check("tool: bad input: a root task that is not static or not x86_64", || {
        let arm = dir.join("arm-root-task");
        std::fs::write(&arm, elf_header(183)).map_err(|e| e.to_string())?;
        let out = run(&mut env.cargo_sel4(&dir, &["runner", &arm.display().to_string()]), SHORT)?;
        expect_error(
            &out,
            206,
            "is a 64-bit AArch64 file; seL4 on x86_64 loads only 64-bit x86_64 executables",
        )?;
        let dynamic = find("sh").ok_or("no sh")?;
        let out = run(&mut env.cargo_sel4(&dir, &["runner", &dynamic.display().to_string()]), SHORT)?;
        expect_error(&out, 206, "is not a static executable")
    });
}

/// Boots the project on the real seL4 named by `SEL4_PREFIX` in the environment, if any.
fn real_sel4(suite: &mut Suite, env: &Env) {
    let Some(prefix) = std::env::var_os("SEL4_PREFIX").filter(|prefix| !prefix.is_empty()) else {
        eprintln!("\n==> tool: real seL4 boot skipped (SEL4_PREFIX is not set)");
        return;
    };
    let app = env.dir().join("app");
    suite.check("tool: cargo sel4 run on the real seL4 of SEL4_PREFIX", || {
        let out = run(env.cargo_sel4(&app, &["run", "--bin", "app"]).env("SEL4_PREFIX", &prefix), LIMIT)?;
        out.expect_status(0)?.expect_contains("on seL4 (")?.expect_contains("Hello, world!")?;
        run(env.cargo_sel4(&app, &["test", "--bin", "app"]).env("SEL4_PREFIX", &prefix), LIMIT)?
            .expect_status(0)?
            .expect_contains("test result: ok. 2 passed")?;
        Ok(())
    });
}
