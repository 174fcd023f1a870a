// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The environment a root task starts with. seL4 passes none, so the runner
// writes the variables the package names into the `.sel4_arguments`
// section (next to the arguments, see argument_section.rs), where the C
// runtime builds `environ` from them. This file decides which variables
// those are: read from Cargo.toml, forwarded from the host by name, or
// given for one run. Every name and value is checked here, so the section
// writer only has to lay them out.

//! The environment of a root task: what `std::env::var` sees on seL4.
//!
//! seL4 starts the root task with no environment, on devkernel and on the
//! real kernel alike. The runner writes the variables below into the root
//! task's `.sel4_arguments` section (layout in [`crate::argument_section`])
//! and the runtime turns them into `environ` before `main`, so
//! `std::env::var`, `std::env::vars`, `getenv` and `setenv` work as usual.
//! Nothing else from the host's environment reaches the root task.
//!
//! # Where the variables come from
//!
//! ```toml
//! [package.metadata.sel4]
//! pass-env = ["RUST_LOG"]               # forwarded from the host when set there
//!
//! [package.metadata.sel4.env]
//! GREETING = "hello from Cargo.toml"    # fixed values
//! RUST_BACKTRACE = "1"
//! ```
//!
//! Later sources win over earlier ones:
//!
//! 0. The same two settings in the workspace root's `Cargo.toml`, under
//!    `[workspace.metadata.sel4]` and `[workspace.metadata.sel4.env]`:
//!    defaults for every package of the workspace. The root is the
//!    nearest `Cargo.toml` with a `[workspace]` table, from the package's
//!    own directory up, as cargo looks for it.
//! 1. `[package.metadata.sel4.env]` in the package's `Cargo.toml`: names and
//!    their values, which must be strings (`RUST_BACKTRACE = "1"`, not `1`).
//! 2. `pass-env` in `[package.metadata.sel4]`: names of host variables,
//!    forwarded with the host's value when the host has them set (so
//!    `RUST_LOG=debug cargo run` overrides a default from the `env` table),
//!    left out otherwise.
//! 3. [`RUN_ENV_VARIABLE`] (`SEL4_RUN_ENV`): `NAME=VALUE` entries for one
//!    run, separated by [`RUN_ENV_SEPARATOR`] (`\x1f`); `cargo sel4 run
//!    --env NAME=VALUE` fills it.
//!
//! A name must be non-empty and hold no `=` and no NUL; a value holds no
//! NUL. Anything else in Cargo.toml is an error that names the file, the
//! line, the key and the value as written.
//!
//! # Which Cargo.toml
//!
//! `cargo run` of a `#[sel4::root]` program reads the manifest of the
//! package the program belongs to (the host build's `CARGO_MANIFEST_DIR`,
//! compiled into the launcher call). `cargo sel4 run`, `cargo sel4 test`
//! and plain `cargo run`/`cargo test` in a project set up by `cargo sel4
//! init` go through `cargo sel4 runner`, which reads the manifest cargo
//! names in `CARGO_MANIFEST_PATH` (or `CARGO_MANIFEST_DIR`): cargo sets both
//! for a target runner, for `run` and `test` alike.

use std::ffi::{OsStr, OsString};
use std::ops::Range;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The host variable with variables for one run: `NAME=VALUE` entries
/// separated by [`RUN_ENV_SEPARATOR`].
pub const RUN_ENV_VARIABLE: &str = "SEL4_RUN_ENV";

/// The separator of [`RUN_ENV_VARIABLE`]'s entries (ASCII unit separator,
/// as in cargo's `CARGO_ENCODED_RUSTFLAGS`): values may hold spaces.
pub const RUN_ENV_SEPARATOR: char = '\x1f';

/// One variable of the root task's environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// The name: non-empty, no `=`, no NUL.
    pub name: String,
    /// The value: no NUL (may be any bytes otherwise).
    pub value: OsString,
    /// Where it was set, for messages (`/p/Cargo.toml:12`, `SEL4_RUN_ENV`).
    pub origin: String,
}

impl Variable {
    /// The entry as the runtime reads it: `NAME=value`, without the NUL.
    pub fn entry(&self) -> Vec<u8> {
        let mut entry = self.name.as_bytes().to_vec();
        entry.push(b'=');
        entry.extend_from_slice(self.value.as_bytes());
        entry
    }
}

/// The variables of a root task's environment, each name once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    variables: Vec<Variable>,
}

/// Why `name` cannot be a variable name, if it cannot.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("a variable name cannot be empty")
    } else if name.contains('=') {
        Some("a variable name cannot contain '='")
    } else if name.contains('\0') {
        Some("a variable name cannot contain a NUL character")
    } else {
        None
    }
}

/// Why `value` cannot be a variable's value, if it cannot.
pub fn value_problem(value: &OsStr) -> Option<&'static str> {
    value.as_bytes().contains(&0).then_some("a value cannot contain a NUL character")
}

impl Environment {
    /// An empty environment.
    pub fn new() -> Self {
        Environment::default()
    }

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    /// Fails with the reason when the name or the value cannot be passed.
    pub fn set(
        &mut self,
        name: &str,
        value: impl Into<OsString>,
        origin: impl Into<String>,
    ) -> Result<(), &'static str> {
        let value = value.into();
        if let Some(problem) = name_problem(name).or_else(|| value_problem(&value)) {
            return Err(problem);
        }
        let variable = Variable { name: name.to_owned(), value, origin: origin.into() };
        match self.variables.iter_mut().find(|old| old.name == name) {
            Some(old) => *old = variable,
            None => self.variables.push(variable),
        }
        Ok(())
    }

    /// The variables, in the order they were first set.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// Whether there are no variables.
    pub fn is_empty(&self) -> bool {
        self.variables.is_empty()
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&OsStr> {
        self.variables
            .iter()
            .find(|variable| variable.name == name)
            .map(|variable| variable.value.as_os_str())
    }

    /// The environment of a run of the package whose manifest is
    /// `manifest`: its metadata (see the module documentation), then the
    /// host's [`RUN_ENV_VARIABLE`]. `host` looks up host variables.
    pub fn for_run(manifest: &Path, host: impl Fn(&str) -> Option<OsString>) -> Result<Self, String> {
        let mut environment = Environment::from_manifest(manifest, &host)?;
        if let Some(run_env) = host(RUN_ENV_VARIABLE) {
            environment.add_run_env(&run_env)?;
        }
        Ok(environment)
    }

    /// The variables `manifest` (a `Cargo.toml`) names in
    /// `[package.metadata.sel4]` (the `env` table, then the `pass-env`
    /// variables that `host` has), over those its workspace root names in
    /// `[workspace.metadata.sel4]`.
    pub fn from_manifest(manifest: &Path, host: impl Fn(&str) -> Option<OsString>) -> Result<Self, String> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
        };
        let mut environment = Environment::new();
        if let Some(root) = workspace_root(manifest) {
            let text = read(&root)?;
            Manifest { path: &root, text: &text, table: "workspace" }.add_to(&mut environment, &host)?;
        }
        let text = read(manifest)?;
        Manifest { path: manifest, text: &text, table: "package" }.add_to(&mut environment, &host)?;
        Ok(environment)
    }

    /// Adds the entries of a [`RUN_ENV_VARIABLE`] value.
    pub fn add_run_env(&mut self, value: &OsStr) -> Result<(), String> {
        let text = value.to_str().ok_or_else(|| format!("{RUN_ENV_VARIABLE} is not valid UTF-8"))?;
        for assignment in text.split(RUN_ENV_SEPARATOR).filter(|assignment| !assignment.is_empty()) {
            let (name, value) = parse_assignment(assignment)
                .map_err(|why| format!("{RUN_ENV_VARIABLE}: {why} (`cargo sel4 run --env NAME=VALUE`)"))?;
            self.set(name, value, RUN_ENV_VARIABLE).map_err(|why| format!("{RUN_ENV_VARIABLE}: {why}"))?;
        }
        Ok(())
    }
}

/// Splits `NAME=VALUE` (from `--env` or [`RUN_ENV_VARIABLE`]) at the
/// first `=`, checking the name and the value.
pub fn parse_assignment(assignment: &str) -> Result<(&str, &str), String> {
    let Some((name, value)) = assignment.split_once('=') else {
        return Err(format!("`{assignment}` is not NAME=VALUE"));
    };
    if let Some(problem) = name_problem(name).or_else(|| value_problem(OsStr::new(value))) {
        return Err(format!("`{assignment}`: {problem}"));
    }
    if value.contains(RUN_ENV_SEPARATOR) {
        return Err(format!("`{}`: a value cannot contain the character \\x1f", assignment.escape_debug()));
    }
    Ok((name, value))
}

/// Joins assignments into a [`RUN_ENV_VARIABLE`] value, after `existing`
/// (the variable's value already in the environment, if any).
pub fn encode_run_env(existing: Option<&OsStr>, assignments: &[String]) -> OsString {
    let mut value = existing.map(OsStr::to_os_string).unwrap_or_default();
    for assignment in assignments {
        if !value.is_empty() {
            value.push(RUN_ENV_SEPARATOR.to_string());
        }
        value.push(assignment);
    }
    value
}

/// The workspace root's manifest for the package at `manifest`: the
/// nearest `Cargo.toml` with a `[workspace]` table, from the package's
/// directory up (the package's own when it has one). Manifests that cannot
/// be read or parsed are passed over: cargo reports those itself.
fn workspace_root(manifest: &Path) -> Option<std::path::PathBuf> {
    let start = manifest.parent()?;
    start.ancestors().map(|dir| dir.join("Cargo.toml")).find(|candidate| {
        let Ok(text) = std::fs::read_to_string(candidate) else { return false };
        DeTable::parse(&text).is_ok_and(|document| document.get_ref().contains_key("workspace"))
    })
}

/// A `Cargo.toml` being read, for messages that point into it; `table` is
/// `package` or `workspace`, whose `metadata.sel4` it reads.
struct Manifest<'a> {
    path: &'a Path,
    text: &'a str,
    table: &'static str,
}

impl Manifest<'_> {
    /// How messages show the metadata tables: `[package.metadata.sel4]`.
    fn metadata_name(&self) -> String {
        format!("[{}.metadata.sel4]", self.table)
    }

    fn env_table_name(&self) -> String {
        format!("[{}.metadata.sel4.env]", self.table)
    }

    /// Sets the variables this manifest names in `environment`.
    fn add_to(
        &self,
        environment: &mut Environment,
        host: &dyn Fn(&str) -> Option<OsString>,
    ) -> Result<(), String> {
        let document = DeTable::parse(self.text).map_err(|error| {
            let at = error.span().map_or_else(|| self.path.display().to_string(), |span| self.at(&span));
            format!("{at}: {}", error.message().trim_end())
        })?;
        let Some(sel4) = self.metadata(document.get_ref())? else { return Ok(()) };
        if let Some(env) = sel4.get("env") {
            let Some(table) = env.get_ref().as_table() else {
                let why = format!(
                    "must be a table of NAME = \"value\" entries: write them under {}",
                    self.env_table_name()
                );
                return Err(self.error(
                    env.span(),
                    &format!("{} env", self.metadata_name()),
                    env.span(),
                    &why,
                ));
            };
            for (name, value) in table.iter() {
                self.add_fixed(environment, name, value)?;
            }
        }
        if let Some(pass) = sel4.get("pass-env") {
            self.add_passed(environment, pass, host)?;
        }
        Ok(())
    }

    /// `[package.metadata.sel4]` (or the workspace's), if the manifest has it.
    fn metadata<'t>(&self, document: &'t DeTable<'_>) -> Result<Option<&'t DeTable<'t>>, String> {
        let mut table = document;
        for (depth, key) in [self.table, "metadata", "sel4"].iter().enumerate() {
            let Some(value) = table.get(*key) else { return Ok(None) };
            match value.get_ref().as_table() {
                Some(inner) => table = inner,
                // Cargo checks `package` and `metadata` itself; only ours is ours to report.
                None if depth < 2 => return Ok(None),
                None => {
                    return Err(self.error(
                        value.span(),
                        &format!("{}.metadata.sel4", self.table),
                        value.span(),
                        &format!("must be a table: write the settings under {}", self.metadata_name()),
                    ))
                }
            }
        }
        Ok(Some(table))
    }

    /// One `NAME = "value"` of the `env` table.
    fn add_fixed(
        &self,
        environment: &mut Environment,
        name: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<(), String> {
        let env_table = self.env_table_name();
        let key = format!("{env_table} {}", toml_key(name.get_ref()));
        let Some(text) = value.get_ref().as_str() else {
            let kind = kind_of(value.get_ref());
            let hint = match value.get_ref() {
                DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) => format!(
                    " (write {} = \"{}\")",
                    toml_key(name.get_ref()),
                    self.source(value.span()).escape_default()
                ),
                _ => String::new(),
            };
            return Err(self.error(
                name.span(),
                &key,
                value.span(),
                &format!("the value is {kind}; environment values are strings{hint}"),
            ));
        };
        environment
            .set(name.get_ref(), text, format!("{} {env_table}", self.at(&name.span())))
            .map_err(|problem| self.error(name.span(), &key, value.span(), problem))
    }

    /// The `pass-env` list: host variables forwarded when set.
    fn add_passed(
        &self,
        environment: &mut Environment,
        pass: &Spanned<DeValue<'_>>,
        host: &dyn Fn(&str) -> Option<OsString>,
    ) -> Result<(), String> {
        let key = &format!("{} pass-env", self.metadata_name());
        let Some(names) = pass.get_ref().as_array() else {
            return Err(self.error(
                pass.span(),
                key,
                pass.span(),
                "must be an array of variable names, for example pass-env = [\"RUST_LOG\"]",
            ));
        };
        for name in names.iter() {
            let Some(text) = name.get_ref().as_str() else {
                let kind = kind_of(name.get_ref());
                return Err(self.error(
                    name.span(),
                    key,
                    name.span(),
                    &format!("an entry is {kind}; pass-env lists variable names as strings"),
                ));
            };
            if let Some(problem) = name_problem(text) {
                return Err(self.error(name.span(), key, name.span(), problem));
            }
            if let Some(value) = host(text) {
                let origin = format!("the host (pass-env at {})", self.at(&name.span()));
                environment.set(text, value, origin).map_err(|problem| {
                    format!(
                        "the host's {text} cannot be passed on ({problem}), as {} asks",
                        self.at(&name.span())
                    )
                })?;
            }
        }
        Ok(())
    }

    /// `path:line` of a position.
    fn at(&self, span: &Range<usize>) -> String {
        let start = span.start.min(self.text.len());
        let line = self.text.as_bytes()[..start].iter().filter(|&&byte| byte == b'\n').count() + 1;
        format!("{}:{line}", self.path.display())
    }

    /// The source text of `span`, on one line and at most 60 characters.
    fn source(&self, span: Range<usize>) -> String {
        let text = self.text.get(span).unwrap_or("").trim();
        let line: String = text.lines().collect::<Vec<_>>().join(" ");
        match line.char_indices().nth(60) {
            Some((cut, _)) => format!("{}...", &line[..cut]),
            None => line,
        }
    }

    /// `path:line: KEY = VALUE-as-written: why`.
    fn error(&self, line_of: Range<usize>, key: &str, value: Range<usize>, why: &str) -> String {
        format!("{}: {key} = {}: {why}", self.at(&line_of), self.source(value))
    }
}

/// A key as TOML writes it: bare when it can be, else quoted.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        format!("\"{}\"", key.escape_default())
    }
}

/// A TOML value's kind, with its article, for messages.
fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sel4-launcher-env-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("Cargo.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn host(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| OsString::from(value))
    }

    const PACKAGE: &str = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n";

    fn read(
        name: &str,
        metadata: &str,
        pairs: &'static [(&'static str, &'static str)],
    ) -> Result<Environment, String> {
        let path = manifest(name, &format!("{PACKAGE}{metadata}"));
        let result = Environment::from_manifest(&path, host(pairs));
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
        result
    }

    #[test]
    fn workspace_defaults_under_the_package() {
        let root = std::env::temp_dir().join(format!("sel4-launcher-env-workspace-{}", std::process::id()));
        let member = root.join("member");
        std::fs::create_dir_all(&member).unwrap();
        let workspace = "[workspace]\nmembers = [\"member\"]\n\n[workspace.metadata.sel4]\npass-env = [\"RUST_LOG\"]\n\n\
                         [workspace.metadata.sel4.env]\nSHARED = \"from the workspace\"\nGREETING = \"workspace default\"\n";
        std::fs::write(root.join("Cargo.toml"), workspace).unwrap();
        let package = format!("{PACKAGE}\n[package.metadata.sel4.env]\nGREETING = \"from the package\"\n");
        std::fs::write(member.join("Cargo.toml"), package).unwrap();
        let environment =
            Environment::from_manifest(&member.join("Cargo.toml"), host(&[("RUST_LOG", "info")]));
        std::fs::write(root.join("Cargo.toml"), "[workspace]\n\n[workspace.metadata.sel4.env]\nLEVEL = 3\n")
            .unwrap();
        let bad = Environment::from_manifest(&member.join("Cargo.toml"), host(&[]));
        let _ = std::fs::remove_dir_all(&root);

        let environment = environment.unwrap();
        assert_eq!(environment.get("SHARED"), Some(OsStr::new("from the workspace")));
        assert_eq!(environment.get("GREETING"), Some(OsStr::new("from the package")), "the package wins");
        assert_eq!(environment.get("RUST_LOG"), Some(OsStr::new("info")));
        let why = bad.unwrap_err();
        assert!(
            why.contains("Cargo.toml:4: [workspace.metadata.sel4.env] LEVEL = 3: the value is an integer"),
            "{why}"
        );
    }

    #[test]
    fn fixed_values_and_passed_host_variables() {
        let environment = read(
            "both",
            "[package.metadata.sel4]\npass-env = [\"RUST_LOG\", \"UNSET\", \"GREETING\"]\n\n\
             [package.metadata.sel4.env]\nGREETING = \"hello from Cargo.toml\"\nRUST_BACKTRACE = \"1\"\n",
            &[("RUST_LOG", "debug"), ("HOME", "/home/me")],
        )
        .unwrap();
        assert_eq!(environment.get("GREETING"), Some(OsStr::new("hello from Cargo.toml")));
        assert_eq!(environment.get("RUST_BACKTRACE"), Some(OsStr::new("1")));
        assert_eq!(environment.get("RUST_LOG"), Some(OsStr::new("debug")));
        assert_eq!(environment.get("UNSET"), None);
        assert_eq!(environment.get("HOME"), None, "only named variables are passed");
        assert_eq!(environment.variables().len(), 3);
        let greeting = &environment.variables()[0];
        assert!(greeting.origin.ends_with("Cargo.toml:8 [package.metadata.sel4.env]"), "{}", greeting.origin);
        assert_eq!(greeting.entry(), b"GREETING=hello from Cargo.toml");
    }

    #[test]
    fn the_host_value_wins_over_the_fixed_one() {
        let metadata = "[package.metadata.sel4]\npass-env = [\"RUST_LOG\"]\nenv = { RUST_LOG = \"info\" }\n";
        let environment = read("override", metadata, &[("RUST_LOG", "trace")]).unwrap();
        assert_eq!(environment.get("RUST_LOG"), Some(OsStr::new("trace")));
        let environment = read("default", metadata, &[]).unwrap();
        assert_eq!(environment.get("RUST_LOG"), Some(OsStr::new("info")));
    }

    #[test]
    fn no_metadata_is_no_environment() {
        assert!(read("none", "", &[("RUST_LOG", "x")]).unwrap().is_empty());
        assert!(read("other", "[package.metadata.docs.rs]\nall-features = true\n", &[]).unwrap().is_empty());
    }

    #[test]
    fn a_value_that_is_not_a_string_is_named_with_its_line() {
        let error = read("integer", "[package.metadata.sel4.env]\nRUST_BACKTRACE = 1\n", &[]).unwrap_err();
        assert!(
            error.ends_with(
                "Cargo.toml:5: [package.metadata.sel4.env] RUST_BACKTRACE = 1: the value is an integer; \
                 environment values are strings (write RUST_BACKTRACE = \"1\")"
            ),
            "{error}"
        );
        let error = read("array", "[package.metadata.sel4.env]\nPATHS = [\"a\"]\n", &[]).unwrap_err();
        assert!(error.contains("PATHS = [\"a\"]: the value is an array"), "{error}");
    }

    #[test]
    fn env_must_be_a_table() {
        let error = read("not-table", "[package.metadata.sel4]\nenv = \"GREETING=hi\"\n", &[]).unwrap_err();
        assert!(
            error.contains("Cargo.toml:5: [package.metadata.sel4] env = \"GREETING=hi\": must be a table"),
            "{error}"
        );
        let error = read("sel4-not-table", "[package.metadata]\nsel4 = 3\n", &[]).unwrap_err();
        assert!(error.contains("Cargo.toml:5: package.metadata.sel4 = 3: must be a table"), "{error}");
    }

    #[test]
    fn bad_names_and_values() {
        let error = read("equals", "[package.metadata.sel4.env]\n\"A=B\" = \"x\"\n", &[]).unwrap_err();
        assert!(
            error.contains("[package.metadata.sel4.env] \"A=B\" = \"x\": a variable name cannot contain '='"),
            "{error}"
        );
        let error = read("nul", "[package.metadata.sel4.env]\nA = \"x\\u0000y\"\n", &[]).unwrap_err();
        assert!(error.contains("A = \"x\\u0000y\": a value cannot contain a NUL character"), "{error}");
        let error = read("empty", "[package.metadata.sel4.env]\n\"\" = \"x\"\n", &[]).unwrap_err();
        assert!(error.contains("a variable name cannot be empty"), "{error}");
        let error =
            read("pass-string", "[package.metadata.sel4]\npass-env = \"RUST_LOG\"\n", &[]).unwrap_err();
        assert!(error.contains("pass-env = \"RUST_LOG\": must be an array of variable names"), "{error}");
        let error = read("pass-number", "[package.metadata.sel4]\npass-env = [\"A\", 7]\n", &[]).unwrap_err();
        assert!(error.contains("pass-env = 7: an entry is an integer"), "{error}");
        let error = read("pass-equals", "[package.metadata.sel4]\npass-env = [\"A=B\"]\n", &[]).unwrap_err();
        assert!(error.contains("pass-env = \"A=B\": a variable name cannot contain '='"), "{error}");
    }

    #[test]
    fn unreadable_and_broken_manifests() {
        let missing =
            Environment::from_manifest(Path::new("/nonexistent/Cargo.toml"), host(&[])).unwrap_err();
        assert!(missing.starts_with("cannot read /nonexistent/Cargo.toml"), "{missing}");
        let error = read("broken", "[package.metadata.sel4.env\n", &[]).unwrap_err();
        assert!(error.contains("Cargo.toml:4: "), "{error}");
    }

    #[test]
    fn run_env_entries_come_last_and_split_at_the_first_equals() {
        let path = manifest("run-env", &format!("{PACKAGE}[package.metadata.sel4.env]\nA = \"from toml\"\n"));
        let run_env = encode_run_env(Some(OsStr::new("A=x=y")), &["B=two words".into(), "C=".into()]);
        let pairs: &'static [(&'static str, &'static str)] = &[];
        let lookup =
            |name: &str| if name == RUN_ENV_VARIABLE { Some(run_env.clone()) } else { host(pairs)(name) };
        let environment = Environment::for_run(&path, lookup).unwrap();
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
        assert_eq!(environment.get("A"), Some(OsStr::new("x=y")));
        assert_eq!(environment.get("B"), Some(OsStr::new("two words")));
        assert_eq!(environment.get("C"), Some(OsStr::new("")));
        assert_eq!(environment.variables()[1].origin, RUN_ENV_VARIABLE);
    }

    #[test]
    fn assignments_are_checked() {
        assert_eq!(parse_assignment("K=V"), Ok(("K", "V")));
        assert!(parse_assignment("novalue").unwrap_err().contains("is not NAME=VALUE"));
        assert!(parse_assignment("=v").unwrap_err().contains("cannot be empty"));
        assert!(parse_assignment("K=a\x1fb").unwrap_err().contains("\\x1f"));
        let mut environment = Environment::new();
        assert!(environment
            .add_run_env(OsStr::new("GOOD=1\x1fbad"))
            .unwrap_err()
            .starts_with("SEL4_RUN_ENV: `bad`"));
    }

    #[test]
    fn set_replaces_and_refuses_nul() {
        use std::os::unix::ffi::OsStringExt;
        let mut environment = Environment::new();
        environment.set("A", "1", "x").unwrap();
        environment.set("B", "2", "x").unwrap();
        environment.set("A", "3", "y").unwrap();
        assert_eq!(environment.variables().len(), 2);
        assert_eq!(environment.get("A"), Some(OsStr::new("3")));
        assert_eq!(
            environment.set("C", OsString::from_vec(b"a\0b".to_vec()), "x"),
            Err("a value cannot contain a NUL character")
        );
        assert_eq!(environment.set("C=D", "v", "x"), Err("a variable name cannot contain '='"));
    }
}
