// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Finds the host programs the launcher needs before using them, so a missing
// one is one clear line with the command that installs it, not a stack of
// build errors.

//! Finding the host programs the launcher and `cargo sel4` need.

use crate::exit_status::TOOL_MISSING;
use crate::Failure;
use std::path::{Path, PathBuf};

/// Looks `program` up in `PATH` (or takes it as a path if it has a `/`).
pub fn find_program(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        let path = PathBuf::from(program);
        return is_executable(&path).then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// The failure for a missing program, with the Debian package that has it.
pub fn missing(program: &str, package: &str) -> Failure {
    Failure::new(
        TOOL_MISSING,
        format!("{program} not found: install it with `sudo apt-get install {package}`"),
    )
}

/// Fails unless `program` is installed.
pub fn require(program: &str, package: &str) -> Result<PathBuf, Failure> {
    find_program(program).ok_or_else(|| missing(program, package))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_program_that_is_always_there() {
        assert!(find_program("sh").is_some());
        assert!(find_program("/bin/sh").is_some());
    }

    #[test]
    fn does_not_find_a_missing_program() {
        assert!(find_program("no-such-program-for-sel4").is_none());
        let failure = missing("qemu-system-x86_64", "qemu-system-x86");
        assert_eq!(failure.status, TOOL_MISSING);
        assert_eq!(
            failure.message,
            "qemu-system-x86_64 not found: install it with `sudo apt-get install qemu-system-x86`"
        );
    }
}
