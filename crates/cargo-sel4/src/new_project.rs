// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `cargo sel4 new` and `cargo sel4 init`: a project whose `cargo run` and
// `cargo test` run on seL4. The `.cargo/config.toml` comes from
// `sel4_launcher::settings`, the module the zero-config launcher uses, so
// both paths build alike. Files are written under temporary names and
// renamed at the end, so a failure leaves no half-made project behind.

use crate::host_check;
use sel4_launcher::exit_status::LAUNCHER_ERROR;
use sel4_launcher::kernel_selection::KernelChoice;
use sel4_launcher::{messages, settings, Failure};
use std::path::{Path, PathBuf};

/// Where the `sel4` crate comes from in new projects.
const SEL4_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The header `cargo sel4 init` recognises as its own configuration file.
const OUR_CONFIG_HEADER: &str = "# Written by `cargo sel4 init`";

/// `cargo sel4 new NAME`.
pub fn new(name: &str, no_std: bool) -> Result<i32, Failure> {
    host_check::supported_host()?;
    let dir = PathBuf::from(name);
    let package = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    check_package_name(&package)?;
    if dir.exists() {
        return Err(fail(format!(
            "destination `{}` already exists: choose another name, or run `cargo sel4 init` inside it",
            dir.display()
        )));
    }
    let config = KernelChoice::from_env(|name| std::env::var(name).ok()).config()?;
    // Build the project beside its destination, then move it in one step.
    let parent = dir.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{package}.cargo-sel4-new"));
    let _ = std::fs::remove_dir_all(&staging);
    let written = write_project(&staging, &package, no_std, &settings::project_cargo_config(&config, no_std))
        .and_then(|()| std::fs::rename(&staging, &dir).map_err(|error| io_failure(&dir, error)));
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written?;
    let kind = if no_std { "no_std " } else { "" };
    messages::status(
        "Created",
        &format!("{kind}seL4 root task `{package}`; `cd {name} && cargo run` boots it"),
    );
    Ok(0)
}

/// `cargo sel4 init` in the current directory.
pub fn init(no_std: bool) -> Result<i32, Failure> {
    host_check::supported_host()?;
    let dir = std::env::current_dir()
        .map_err(|error| fail(format!("cannot read the current directory: {error}")))?;
    let config = KernelChoice::from_env(|name| std::env::var(name).ok()).config()?;
    let cargo_config = dir.join(".cargo/config.toml");
    if let Ok(existing) = std::fs::read_to_string(&cargo_config) {
        if !existing.starts_with(OUR_CONFIG_HEADER) {
            return Err(fail(format!(
                "{} exists and was not written by cargo sel4: move it away (or merge it by hand after \
                 `cargo sel4 init` writes ours)",
                cargo_config.display()
            )));
        }
    }
    let config_text = settings::project_cargo_config(&config, no_std);
    if dir.join("Cargo.toml").exists() {
        // An existing package: only the configuration is ours to write.
        write_atomically(&cargo_config, &config_text)?;
        messages::status("Configured", &format!("{} for seL4", dir.display()));
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if !manifest.lines().any(|line| line.trim_start().starts_with("sel4")) {
            messages::status("Note", &format!("add the sel4 crate: `cargo add {}`", sel4_add_argument()));
        }
        return Ok(0);
    }
    let package = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    check_package_name(&package)?;
    for file in ["src/main.rs", ".gitignore"] {
        if dir.join(file).exists() {
            return Err(fail(format!(
                "{} already exists: cargo sel4 init would overwrite it",
                dir.join(file).display()
            )));
        }
    }
    // Write every file under a temporary name first, then rename them.
    let staging = dir.join(".cargo-sel4-init");
    let _ = std::fs::remove_dir_all(&staging);
    let result =
        write_project(&staging, &package, no_std, &config_text).and_then(|()| move_into(&staging, &dir));
    let _ = std::fs::remove_dir_all(&staging);
    result?;
    messages::status(
        "Created",
        &format!("seL4 root task `{package}` in {}; `cargo run` boots it", dir.display()),
    );
    Ok(0)
}

/// Writes every file of a new project into `dir`.
fn write_project(dir: &Path, package: &str, no_std: bool, cargo_config: &str) -> Result<(), Failure> {
    let files = [
        ("Cargo.toml", manifest(package, no_std)),
        ("src/main.rs", main_source(no_std).to_owned()),
        (".cargo/config.toml", cargo_config.to_owned()),
        (".gitignore", "/target\n".to_owned()),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| io_failure(parent, error))?;
        }
        std::fs::write(&path, text).map_err(|error| io_failure(&path, error))?;
    }
    Ok(())
}

/// Moves the files of `staging` into `dir` (which has none of them).
fn move_into(staging: &Path, dir: &Path) -> Result<(), Failure> {
    for name in ["Cargo.toml", "src", ".cargo/config.toml", ".gitignore"] {
        let target = dir.join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|error| io_failure(parent, error))?;
        }
        std::fs::rename(staging.join(name), &target).map_err(|error| io_failure(&target, error))?;
    }
    Ok(())
}

/// Writes `path` through a temporary file and a rename.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| io_failure(parent, error))?;
    }
    let partial = path.with_extension("toml.partial");
    std::fs::write(&partial, text).map_err(|error| io_failure(&partial, error))?;
    std::fs::rename(&partial, path).map_err(|error| io_failure(path, error))
}

/// The checkout of this repository the tool was built from, when it is a
/// working copy (not one of cargo's own caches, which come and go).
fn local_sel4() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sel4").canonicalize().ok()?;
    let text = path.display().to_string();
    let cached = text.contains("/.cargo/git/") || text.contains("/.cargo/registry/");
    (!cached && path.join("Cargo.toml").is_file()).then_some(path)
}

/// The `sel4` dependency: this checkout when the tool was built from one,
/// else the project's repository.
fn sel4_dependency(no_std: bool) -> String {
    let features = if no_std {
        ", default-features = false, features = [\"utils\"]"
    } else {
        ", features = [\"utils\"]"
    };
    match local_sel4() {
        Some(path) => format!("sel4 = {{ path = {:?}{features} }}", path.display().to_string()),
        None => format!("sel4 = {{ git = {SEL4_REPOSITORY:?}{features} }}"),
    }
}

/// What `cargo add` needs to add the same dependency.
fn sel4_add_argument() -> String {
    match local_sel4() {
        Some(path) => format!("--path {} --features utils sel4", path.display()),
        None => format!("--git {SEL4_REPOSITORY} --features utils sel4"),
    }
}

fn manifest(package: &str, no_std: bool) -> String {
    format!(
        "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n{}\n",
        sel4_dependency(no_std)
    )
}

fn main_source(no_std: bool) -> &'static str {
    if no_std {
        "#![no_std]\n#![no_main]\n\n#[sel4::root(no_std)]\nfn main() {\n    sel4::debug_println!(\"Hello, world!\");\n}\n"
    } else {
        "#[sel4::root]\nfn main() {\n    println!(\"Hello, world!\");\n}\n\n#[cfg(test)]\nmod tests {\n    \
    use sel4_launcher::kernel_config::KernelConfig;
         #[test]\n    fn arithmetic_works_on_sel4() {\n        assert_eq!(2 + 2, 4);\n    }\n}\n"
    }
}

/// Fails unless `name` is a package name cargo accepts.
fn check_package_name(name: &str) -> Result<(), Failure> {
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(fail(format!(
            "`{name}` is not a valid package name: use letters, digits, `-` and `_`, not starting with a digit"
        )))
    }
}

fn fail(message: String) -> Failure {
    Failure::new(LAUNCHER_ERROR, message)
}

fn io_failure(path: &Path, error: std::io::Error) -> Failure {
    fail(format!("cannot write {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sel4_launcher::kernel_config::KernelConfig;

    #[test]
    fn package_names() {
        assert!(check_package_name("hello-world_2").is_ok());
        assert!(check_package_name("2fast").is_err());
        assert!(check_package_name("a b").is_err());
    }

    #[test]
    fn doc_tests_get_the_same_flags() {
        for no_std in [false, true] {
            let text = settings::project_cargo_config(&KernelConfig::devkernel(), no_std);
            let list = |key: &str| {
                let start = text.find(&format!("\n{key} = [\n")).expect(key);
                let end = start + text[start..].find("\n]\n").expect("the list's end");
                text[start + key.len() + 1..end].to_owned()
            };
            assert!(list("rustflags").contains("\"--cfg\", \"sel4\""), "{text}");
            assert_eq!(list("rustflags"), list("rustdocflags"));
            // both in the target's table, before any profile
            let target = text.find("[target.").expect("the target table");
            assert!(target < text.find("\nrustdocflags").expect("rustdocflags"));
            assert!(text
                .find("[profile.")
                .is_none_or(|profile| profile > text.find("\nrustdocflags").unwrap()));
        }
    }

    #[test]
    fn templates_mark_a_root_task() {
        assert!(crate::project::has_root_attribute(main_source(false)));
        assert!(crate::project::has_root_attribute(main_source(true)));
        assert!(manifest("x", true).contains("default-features = false"));
    }
}
