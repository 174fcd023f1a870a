// SPDX-License-Identifier: MIT OR Apache-2.0
//
// What `cargo sel4 run` needs to know about the project before building:
// which binary runs, and whether its `main` carries `#[sel4::root]`. Read
// from `cargo metadata`, so workspaces and `[[bin]]` paths work as cargo
// sees them.

use sel4_launcher::exit_status::LAUNCHER_ERROR;
use sel4_launcher::Failure;
use std::path::PathBuf;
use std::process::Command;

/// A binary target of the project.
#[derive(Debug, Clone)]
pub struct BinTarget {
    /// Its package.
    pub package: String,
    /// Its name.
    pub name: String,
    /// Its main source file.
    pub source: PathBuf,
}

/// The binaries of the workspace members (`cargo metadata --no-deps`).
pub fn bin_targets() -> Result<Vec<BinTarget>, Failure> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|error| Failure::new(LAUNCHER_ERROR, format!("cannot run cargo metadata: {error}")))?;
    if !output.status.success() {
        let text = String::from_utf8_lossy(&output.stderr);
        let first = text.lines().find(|line| line.starts_with("error")).unwrap_or("cargo metadata failed");
        return Err(Failure::new(
            LAUNCHER_ERROR,
            format!(
                "{} (run cargo sel4 in a project, or create one with `cargo sel4 new NAME`)",
                first.trim_start_matches("error: ")
            ),
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| Failure::new(LAUNCHER_ERROR, format!("cannot read cargo metadata: {error}")))?;
    let mut bins = Vec::new();
    for package in metadata["packages"].as_array().into_iter().flatten() {
        for target in package["targets"].as_array().into_iter().flatten() {
            let is_bin =
                target["kind"].as_array().is_some_and(|kinds| kinds.iter().any(|kind| kind == "bin"));
            if is_bin {
                bins.push(BinTarget {
                    package: package["name"].as_str().unwrap_or_default().to_owned(),
                    name: target["name"].as_str().unwrap_or_default().to_owned(),
                    source: target["src_path"].as_str().unwrap_or_default().into(),
                });
            }
        }
    }
    Ok(bins)
}

/// Whether `source` marks a root task (`#[sel4::root]` or
/// `#[sel4::root(no_std)]`, with any spacing).
pub fn has_root_attribute(source: &str) -> bool {
    let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("#[sel4::root]") || compact.contains("#[sel4::root(")
}

/// Fails unless the binaries that `cargo run` may pick (all of the
/// selected package's, narrowed by `--bin`) are root tasks.
pub fn check_root_tasks(package: Option<&str>, bin: Option<&str>) -> Result<(), Failure> {
    let bins = bin_targets()?;
    let chosen: Vec<&BinTarget> = bins
        .iter()
        .filter(|target| package.is_none_or(|package| target.package == package))
        .filter(|target| bin.is_none_or(|bin| target.name == bin))
        .collect();
    for target in chosen {
        let source = std::fs::read_to_string(&target.source).unwrap_or_default();
        if !has_root_attribute(&source) {
            return Err(Failure::new(
                LAUNCHER_ERROR,
                format!(
                    "{} has no #[sel4::root]: put `#[sel4::root]` on its `fn main` (and depend on the \
                     sel4 crate) so it can run as an seL4 root task",
                    target.source.display()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_attributes_are_found() {
        assert!(has_root_attribute("#[sel4::root]\nfn main() {}"));
        assert!(has_root_attribute("#[ sel4 :: root ( no_std ) ]\nfn main() {}"));
        assert!(!has_root_attribute("fn main() {}"));
    }
}
