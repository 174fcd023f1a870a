// SPDX-License-Identifier: MIT OR Apache-2.0
//! The newcomer's workflow, verbatim, in a fresh directory: `cargo new`, `cargo add` of the
//! sel4 crate from this checkout, the one-line `sed` that adds `#[sel4::root]`, then
//! `cargo run` in debug and release. Then the same project made to panic, which must fail
//! `cargo run` with the panic message shown.

use crate::harness::Suite;
use crate::process::{cargo, run, workspace_root};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(900);

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Result<Self, String> {
        let dir = std::env::temp_dir().join(format!("sel4-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Registers the workflow checks.
pub fn run_all(suite: &mut Suite) {
    if !suite.selected("workflow") {
        return;
    }
    let scratch = match Scratch::new("workflow") {
        Ok(s) => s,
        Err(why) => return suite.check("workflow: scratch directory", || Err(why)),
    };
    let project = scratch.0.join("hello");
    let created = std::cell::Cell::new(false);
    suite.check("workflow: cargo new, cargo add, sed", || {
        create(&scratch.0, &project)?;
        created.set(true);
        Ok(())
    });
    if !created.get() {
        return;
    }
    for release in [false, true] {
        let name = if release { "workflow: cargo run --release" } else { "workflow: cargo run" };
        suite.check(name, || {
            let mut cmd = cargo();
            cmd.arg("run").current_dir(&project);
            if release {
                cmd.arg("--release");
            }
            run(&mut cmd, LIMIT)?.expect_status(0)?.expect_contains("Hello, world!")?;
            Ok(())
        });
    }
    suite.check("workflow: an uncaught panic fails cargo run with its message", || {
        let main = project.join("src/main.rs");
        std::fs::write(
            &main,
            "#[sel4::root]\nfn main() {\n    let v: Vec<u32> = Vec::new();\n    println!(\"about to panic\");\n    panic!(\"the vector had {} elements\", v.len());\n}\n",
        )
        .map_err(|e| format!("cannot write {}: {e}", main.display()))?;
        let out = run(cargo().arg("run").current_dir(&project), LIMIT)?;
        out.expect_contains("about to panic")?.expect_contains("the vector had 0 elements")?;
        match out.status {
            Some(0) => Err(format!("a panicking root task exited 0\n{}", out.tail())),
            Some(_) => Ok(()),
            None => Err(format!("cargo run was killed\n{}", out.tail())),
        }
    });
}

/// The first three commands of the workflow, exactly as a user types them.
fn create(scratch: &Path, project: &Path) -> Result<(), String> {
    run(cargo().args(["new", "hello"]).current_dir(scratch), LIMIT)?.expect_status(0)?;
    let sel4 = workspace_root().join("crates/sel4");
    run(
        cargo()
            .arg("add")
            .arg("--path")
            .arg(&sel4)
            .args(["--features", "utils", "sel4"])
            .current_dir(project),
        LIMIT,
    )?
    .expect_status(0)?;
    run(Command::new("sed").args(["-i", "1i#[sel4::root]", "src/main.rs"]).current_dir(project), LIMIT)?
        .expect_status(0)?;
    Ok(())
}
