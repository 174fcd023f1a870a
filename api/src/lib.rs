// SPDX-License-Identifier: MIT OR Apache-2.0
//! The seL4 API description and its generator.
//!
//! `api/interface/*.toml` describe the seL4 API once: syscalls, invocation
//! labels and each invocation's arguments, errors, constants, object types,
//! structures and bit field words (the schema is in `api/README.md`). This
//! crate loads and checks that description and renders every file derived
//! from it: the devkernel header, the C headers for users, the Rust
//! bindings of `sel4-sys` and the reference (`api/reference.md` and one
//! page per invocation under `api/reference/`).
//! Generated files are committed; [`stale_files`] reports the ones that no
//! longer match the description.
//!
//! The output is a pure function of the description: no timestamps, no
//! host paths, files read in sorted order.

pub mod api;
mod c_common;
mod c_user;
mod kernel_header;
pub mod model;
mod reference;
mod rust_invocations;
mod rust_types;

use std::fs;
use std::path::{Path, PathBuf};

/// One generated file: its path relative to the workspace root and its text.
#[derive(Debug)]
pub struct Generated {
    /// Path relative to the workspace root.
    pub path: String,
    /// Full contents.
    pub text: String,
}

/// Directories (relative to the workspace root) that hold nothing but
/// generated files: any other file found there is stale.
pub const GENERATED_DIRS: &[&str] =
    &["runtime/include/sel4/generated", "crates/sel4-sys/src/generated", reference::PAGES_DIR];

/// The workspace root this crate was built in (the parent of `api/`).
pub fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Loads the description under `<root>/api/interface` and renders every output.
pub fn render_all(root: &Path) -> Result<Vec<Generated>, String> {
    let api = api::load(&root.join("api/interface"))?;
    let mut files = vec![
        Generated { path: "kernel/include/generated/sel4_api.h".into(), text: kernel_header::render(&api) },
        Generated {
            path: "runtime/include/sel4/generated/constants.h".into(),
            text: c_user::constants(&api),
        },
        Generated { path: "runtime/include/sel4/generated/types.h".into(), text: c_user::types(&api) },
    ];
    for (path, text) in reference::render(&api) {
        files.push(Generated { path, text });
    }
    for (path, text) in c_user::invocations(&api) {
        files.push(Generated { path: format!("runtime/include/sel4/generated/{path}"), text });
    }
    files.push(Generated {
        path: "crates/sel4-sys/src/generated/constants.rs".into(),
        text: rust_types::constants(&api),
    });
    files.push(Generated {
        path: "crates/sel4-sys/src/generated/types.rs".into(),
        text: rust_types::types(&api),
    });
    for (path, text) in rust_invocations::render(&api) {
        files.push(Generated { path: format!("crates/sel4-sys/src/generated/{path}"), text });
    }
    Ok(files)
}

/// Files under the generated directories that no output accounts for.
fn orphans(root: &Path, files: &[Generated]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in GENERATED_DIRS {
        list_files(root, &root.join(dir), &mut found);
    }
    found.retain(|path| !files.iter().any(|f| &f.path == path));
    found.sort();
    found
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(root, &path, out);
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Writes every output under `root` and removes orphans; returns what it did, one line per file.
pub fn generate(root: &Path) -> Result<Vec<String>, String> {
    let files = render_all(root)?;
    let mut changed = Vec::new();
    for path in orphans(root, &files) {
        fs::remove_file(root.join(&path)).map_err(|e| format!("{path}: {e}"))?;
        changed.push(format!("removed {path}"));
    }
    for file in files {
        let path = root.join(&file.path);
        if fs::read_to_string(&path).ok().as_deref() == Some(file.text.as_str()) {
            continue;
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&path, &file.text).map_err(|e| format!("{}: {e}", path.display()))?;
        changed.push(format!("wrote {}", file.path));
    }
    Ok(changed)
}

/// The outputs under `root` that are missing or differ from what the
/// description gives, and files in the generated directories that should
/// not be there.
pub fn stale_files(root: &Path) -> Result<Vec<String>, String> {
    let files = render_all(root)?;
    let mut stale: Vec<String> = files
        .iter()
        .filter(|file| fs::read_to_string(root.join(&file.path)).ok().as_deref() != Some(file.text.as_str()))
        .map(|file| file.path.clone())
        .collect();
    stale.extend(orphans(root, &files).into_iter().map(|path| format!("{path} (should not exist)")));
    Ok(stale)
}
