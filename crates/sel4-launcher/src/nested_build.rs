// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The second build of `cargo run`: the same package and binary, built again
// for seL4 with the settings of `settings.rs`, in the same profile as the
// running host binary, in `<target dir>/sel4` so the two builds never
// invalidate each other.

//! The nested `cargo build` for seL4.
//!
//! The user's own `RUSTFLAGS` (or `CARGO_ENCODED_RUSTFLAGS`, or
//! `CARGO_BUILD_RUSTFLAGS`, whichever cargo itself would use first) are
//! **merged**: they are removed from the child's environment, where they
//! would replace the seL4 flags, and appended after the seL4 flags instead,
//! so a flag such as `-D warnings` applies to both builds.

use crate::exit_status::LAUNCHER_ERROR;
use crate::kernel_config::KernelConfig;
use crate::{settings, Failure};
use std::ffi::OsString;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variables that carry rustflags; cargo lets them override
/// the `--config` rustflags, so they never reach the child.
pub const RUSTFLAGS_VARIABLES: &[&str] = &["CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS"];

/// What kind of Cargo target the program is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A binary (`src/main.rs`, `src/bin/*`): `--bin`.
    Bin,
    /// An example (`examples/*`): `--example`.
    Example,
}

/// Where the running host binary sits, and what that says about its build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExeLayout {
    /// The outer build's target directory.
    pub target_dir: PathBuf,
    /// The Cargo profile the host binary was built with.
    pub profile: String,
    /// Binary or example.
    pub kind: TargetKind,
}

/// The Cargo profile whose output directory is called `dir_name`.
pub fn profile_for_dir(dir_name: &str) -> String {
    match dir_name {
        "debug" => "dev".to_owned(),
        other => other.to_owned(),
    }
}

/// The output directory name of `profile` (the inverse of
/// [`profile_for_dir`]).
pub fn dir_for_profile(profile: &str) -> &str {
    match profile {
        "dev" | "test" => "debug",
        "bench" => "release",
        other => other,
    }
}

/// Reads the layout from the host binary's path:
/// `<target>/<profile dir>/<bin>`, `<target>/<profile dir>/examples/<bin>`,
/// or either under `<target>/<triple>/` when `--target` was given.
pub fn layout_from_exe(exe: &Path) -> Result<ExeLayout, String> {
    let unexpected = || format!("cannot tell the Cargo profile from the program's path {}", exe.display());
    let mut dir = exe.parent().ok_or_else(unexpected)?;
    let mut kind = TargetKind::Bin;
    // Test and benchmark executables (`<profile dir>/deps/<name>-<hash>`).
    if dir.file_name().is_some_and(|name| name == "deps") {
        dir = dir.parent().ok_or_else(unexpected)?;
    }
    if dir.file_name().is_some_and(|name| name == "examples") {
        kind = TargetKind::Example;
        dir = dir.parent().ok_or_else(unexpected)?;
    }
    let profile_dir = dir.file_name().and_then(|name| name.to_str()).ok_or_else(unexpected)?;
    let profile = profile_for_dir(profile_dir);
    let mut target_dir = dir.parent().ok_or_else(unexpected)?;
    // `--target <triple>` puts the profile directories one level down; the
    // target directory is the one Cargo tagged.
    if !target_dir.join("CACHEDIR.TAG").exists() {
        if let Some(parent) = target_dir.parent().filter(|parent| parent.join("CACHEDIR.TAG").exists()) {
            target_dir = parent;
        }
    }
    Ok(ExeLayout { target_dir: target_dir.to_owned(), profile, kind })
}

/// The user's extra rustflags, as cargo would pick them from the
/// environment (`lookup` reads a variable).
pub fn user_rustflags(lookup: impl Fn(&str) -> Option<String>) -> Vec<String> {
    user_flags(lookup, RUSTFLAGS_VARIABLES)
}

/// Where cargo reads rustdoc's extra flags from, in the same order as
/// [`RUSTFLAGS_VARIABLES`].
pub const RUSTDOCFLAGS_VARIABLES: &[&str] =
    &["CARGO_ENCODED_RUSTDOCFLAGS", "RUSTDOCFLAGS", "CARGO_BUILD_RUSTDOCFLAGS"];

/// The user's extra rustdoc flags (doc tests), as cargo would pick them
/// from the environment.
pub fn user_rustdocflags(lookup: impl Fn(&str) -> Option<String>) -> Vec<String> {
    user_flags(lookup, RUSTDOCFLAGS_VARIABLES)
}

/// `variables`: the encoded form (flags separated by 0x1f) first, then the
/// space-separated ones, most specific first.
fn user_flags(lookup: impl Fn(&str) -> Option<String>, variables: &[&str]) -> Vec<String> {
    let (encoded, plain) = variables.split_first().expect("the encoded variable first");
    // Set but empty means "no flags", as for cargo.
    if let Some(encoded) = lookup(encoded) {
        return encoded.split('\x1f').filter(|flag| !flag.is_empty()).map(str::to_owned).collect();
    }
    for name in plain {
        if let Some(value) = lookup(name).filter(|value| !value.trim().is_empty()) {
            return value.split_whitespace().map(str::to_owned).collect();
        }
    }
    Vec::new()
}

/// One nested build.
#[derive(Debug, Clone)]
pub struct NestedBuild {
    /// The package's directory (`CARGO_MANIFEST_DIR` of the host build).
    pub manifest_dir: PathBuf,
    /// The binary's name (`CARGO_BIN_NAME`).
    pub bin: String,
    /// Where the host binary came from.
    pub layout: ExeLayout,
    /// A `#![no_std]` program: built with `panic = "abort"`.
    pub no_std: bool,
    /// The configuration of the kernel it will boot on (its cfgs).
    pub config: KernelConfig,
}

impl NestedBuild {
    /// The target directory of the seL4 build.
    pub fn target_dir(&self) -> PathBuf {
        self.layout.target_dir.join("sel4")
    }

    /// The ELF file the build produces.
    pub fn artifact(&self) -> PathBuf {
        let mut path = self.target_dir().join(settings::TARGET).join(dir_for_profile(&self.layout.profile));
        if self.layout.kind == TargetKind::Example {
            path.push("examples");
        }
        path.join(&self.bin)
    }

    /// The arguments of `cargo`, with `extra_rustflags` merged in.
    pub fn cargo_args(&self, extra_rustflags: &[String]) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec!["build".into(), "--target".into(), settings::TARGET.into()];
        args.push("--target-dir".into());
        args.push(self.target_dir().into());
        args.push(match self.layout.kind {
            TargetKind::Bin => "--bin".into(),
            TargetKind::Example => "--example".into(),
        });
        args.push(self.bin.clone().into());
        args.push("--manifest-path".into());
        args.push(self.manifest_dir.join("Cargo.toml").into());
        args.push("--profile".into());
        args.push(self.layout.profile.clone().into());
        args.push("--config".into());
        args.push(settings::rustflags_config_for(&self.config, extra_rustflags).into());
        if self.no_std {
            args.push("--config".into());
            args.push(settings::panic_abort_config(&self.layout.profile).into());
        }
        args
    }

    /// Runs the build, cargo's progress and diagnostics going to stderr;
    /// answers the ELF file's path.
    pub fn run(&self) -> Result<PathBuf, Failure> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let extra = user_rustflags(|name| std::env::var(name).ok());
        let mut command = Command::new(&cargo);
        command.args(self.cargo_args(&extra));
        for variable in RUSTFLAGS_VARIABLES {
            command.env_remove(variable);
        }
        // stdout is the root task's; cargo's (normally empty) goes to stderr.
        match std::io::stderr().as_fd().try_clone_to_owned() {
            Ok(stderr) => command.stdout(Stdio::from(stderr)),
            Err(_) => command.stdout(Stdio::null()),
        };
        let status = command.status().map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                crate::host_tools::missing(&cargo.to_string_lossy(), "cargo")
            } else {
                Failure::new(LAUNCHER_ERROR, format!("cannot run {}: {error}", cargo.to_string_lossy()))
            }
        })?;
        if !status.success() {
            return Err(Failure::new(
                status.code().unwrap_or(101),
                format!(
                    "could not build `{}` for seL4 (the messages above come from `cargo build --target {} \
                     --cfg {}` in {})",
                    self.bin,
                    settings::TARGET,
                    settings::CFG,
                    self.target_dir().display()
                ),
            ));
        }
        let artifact = self.artifact();
        if !artifact.is_file() {
            return Err(Failure::new(
                LAUNCHER_ERROR,
                format!("the seL4 build finished but {} is missing", artifact.display()),
            ));
        }
        Ok(artifact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_target(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sel4-launcher-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55").unwrap();
        dir
    }

    #[test]
    fn profile_directories_map_to_profiles() {
        assert_eq!(profile_for_dir("debug"), "dev");
        assert_eq!(profile_for_dir("release"), "release");
        assert_eq!(profile_for_dir("fast"), "fast");
        for profile in ["dev", "release", "fast"] {
            assert_eq!(profile_for_dir(dir_for_profile(profile)), profile);
        }
    }

    #[test]
    fn layout_of_a_plain_binary() {
        let layout = layout_from_exe(Path::new("/p/target/debug/hello")).unwrap();
        assert_eq!(
            layout,
            ExeLayout { target_dir: "/p/target".into(), profile: "dev".into(), kind: TargetKind::Bin }
        );
        let layout = layout_from_exe(Path::new("/p/target/release/hello")).unwrap();
        assert_eq!(layout.profile, "release");
    }

    #[test]
    fn layout_of_an_example_and_a_custom_profile() {
        let layout = layout_from_exe(Path::new("/p/target/fast/examples/demo")).unwrap();
        assert_eq!(
            layout,
            ExeLayout { target_dir: "/p/target".into(), profile: "fast".into(), kind: TargetKind::Example }
        );
    }

    #[test]
    fn layout_of_a_test_executable() {
        let layout = layout_from_exe(Path::new("/p/target/debug/deps/hello-0123abcd")).unwrap();
        assert_eq!(layout.profile, "dev");
        assert_eq!(layout.target_dir, Path::new("/p/target"));
    }

    #[test]
    fn layout_under_an_explicit_target_triple() {
        let target = scratch_target("triple");
        let exe = target.join("x86_64-unknown-linux-gnu/release/hello");
        let layout = layout_from_exe(&exe).unwrap();
        assert_eq!(layout.target_dir, target);
        assert_eq!(layout.profile, "release");
        let _ = std::fs::remove_dir_all(&target);
    }

    #[test]
    fn user_rustflags_follow_cargos_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
        };
        assert!(user_rustflags(env(&[])).is_empty());
        assert_eq!(user_rustflags(env(&[("RUSTFLAGS", " -D  warnings ")])), ["-D", "warnings"]);
        assert_eq!(
            user_rustflags(env(&[("RUSTFLAGS", "-O"), ("CARGO_ENCODED_RUSTFLAGS", "-C\x1fa b")])),
            ["-C", "a b"]
        );
        assert_eq!(user_rustflags(env(&[("CARGO_BUILD_RUSTFLAGS", "-g")])), ["-g"]);
        assert!(user_rustflags(env(&[("CARGO_ENCODED_RUSTFLAGS", ""), ("RUSTFLAGS", "-g")])).is_empty());
    }

    #[test]
    fn cargo_arguments_and_artifact() {
        let build = NestedBuild {
            manifest_dir: "/p".into(),
            bin: "hello".into(),
            layout: ExeLayout {
                target_dir: "/p/target".into(),
                profile: "dev".into(),
                kind: TargetKind::Bin,
            },
            no_std: true,
            config: KernelConfig::devkernel(),
        };
        let args: Vec<String> =
            build.cargo_args(&[]).iter().map(|arg| arg.to_string_lossy().into_owned()).collect();
        assert_eq!(
            args[..12],
            [
                "build",
                "--target",
                "x86_64-unknown-linux-gnu",
                "--target-dir",
                "/p/target/sel4",
                "--bin",
                "hello",
                "--manifest-path",
                "/p/Cargo.toml",
                "--profile",
                "dev",
                "--config"
            ]
        );
        assert!(args[12].starts_with("target.x86_64-unknown-linux-gnu.rustflags=["));
        assert_eq!(args[13..], ["--config", "profile.dev.panic=\"abort\""]);
        assert_eq!(build.artifact(), Path::new("/p/target/sel4/x86_64-unknown-linux-gnu/debug/hello"));
    }
}
