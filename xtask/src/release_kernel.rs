// SPDX-License-Identifier: MIT OR Apache-2.0
//! devkernel's release build (`SEL4_KERNEL=devkernel-release`), which behaves as seL4 built
//! without KernelDebugBuild and KernelPrinting: the kernel prints nothing at all, and the
//! debug calls are unknown syscalls. These checks boot a std program and a C root task that
//! prints only through a COM1 IOPort cap, so any byte the kernel printed would show.

use crate::harness::Suite;
use crate::process::{cargo, run, run_until, workspace_root};
use sel4_launcher::settings::{self, Console};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough to build and boot `examples/hello`.
const BUILD_LIMIT: Duration = Duration::from_secs(600);
/// The release root task stops for good after its debug call; this ends QEMU.
const SUSPENDED_LIMIT: Duration = Duration::from_secs(5);

/// What `kernel/tests/roottask/release.c` prints before its DebugPutChar.
const BEFORE: &str = "release: before\nrelease: SetTLSBase works\n";

/// Registers the release kernel checks.
pub fn run_all(suite: &mut Suite) {
    suite.check("release devkernel: examples/hello prints its line and nothing else", || {
        let mut cmd = cargo();
        cmd.args(["run", "--quiet", "-p", "hello"])
            .env("SEL4_KERNEL", "devkernel-release")
            .env_remove("SEL4_PREFIX")
            .current_dir(workspace_root());
        eprintln!("    $ SEL4_KERNEL=devkernel-release {cmd:?}");
        // stdout alone is the serial console; cargo's and the launcher's lines go to stderr.
        let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
        let console = String::from_utf8_lossy(&out.stdout);
        if out.status.code() != Some(0) || console != "Hello, world!\n" {
            return Err(format!(
                "status {:?}, console {console:?}; expected status 0 and exactly \"Hello, world!\\n\"\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(())
    });
    suite.check("release devkernel: a debug call is an unknown syscall that stops the thread silently", || {
        let elf = build_root_task()?;
        let (status, console) = run_for(&mut qemu(Path::new(sel4_devkernel::RELEASE_IMAGE), &elf), SUSPENDED_LIMIT)?;
        if status.is_some() || console != BEFORE {
            return Err(format!(
                "status {status:?}, console {console:?}; expected QEMU still running after {} s and exactly {BEFORE:?}",
                SUSPENDED_LIMIT.as_secs()
            ));
        }
        Ok(())
    });
    suite.check("release devkernel: the same root task runs to its end on the debug devkernel", || {
        let elf = build_root_task()?;
        let out = run_until(&mut qemu(Path::new(sel4_devkernel::IMAGE), &elf), BUILD_LIMIT, None)?;
        out.expect_status(1)?.expect_contains("release: after")?;
        Ok(())
    });
}

/// Compiles `kernel/tests/roottask/release.c` with the host gcc.
fn build_root_task() -> Result<PathBuf, String> {
    let dir = workspace_root().join("target/roottask");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let elf = dir.join("release.elf");
    let mut gcc = Command::new("gcc");
    gcc.args(["-static", "-nostdlib", "-ffreestanding", "-fno-pic", "-no-pie", "-O2"])
        .args(["-Wall", "-Wextra", "-Werror", "-fno-stack-protector", "-o"])
        .arg(&elf)
        .arg(workspace_root().join("kernel/tests/roottask/release.c"));
    run(&mut gcc, BUILD_LIMIT)?.expect_status(0)?;
    Ok(elf)
}

/// Runs `cmd` for at most `limit`, then kills it; answers its exit status (`None` when it was
/// still running) and everything it printed. Running into the limit is the expected end here,
/// not a failure as for [`run_until`].
fn run_for(cmd: &mut Command, limit: Duration) -> Result<(Option<i32>, String), String> {
    eprintln!("    $ {cmd:?}  (stopped after {} s)", limit.as_secs());
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|e| format!("waiting for QEMU: {e}"))? {
            Some(status) => break status.code(),
            None if start.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    // The pipes hold at most a few lines here, far below their capacity, so reading them
    // after the end cannot have blocked QEMU.
    let mut text = String::new();
    for pipe in [
        child.stdout.take().map(|p| Box::new(p) as Box<dyn Read>),
        child.stderr.take().map(|p| Box::new(p) as Box<dyn Read>),
    ]
    .into_iter()
    .flatten()
    {
        let mut pipe = pipe;
        pipe.read_to_string(&mut text).map_err(|e| format!("reading QEMU's output: {e}"))?;
    }
    eprint!("{text}");
    Ok((status, text))
}

/// QEMU booting `elf` on `kernel`, with the launcher's command line.
fn qemu(kernel: &Path, elf: &Path) -> Command {
    let mut cmd = Command::new(settings::QEMU);
    cmd.args(settings::qemu_args(kernel, elf, Console::Piped));
    cmd
}
