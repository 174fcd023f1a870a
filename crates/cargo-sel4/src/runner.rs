// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `cargo sel4 runner EXE [ARGS]`: the runner cargo calls for `cargo run` and
// `cargo test` in a project set up by `cargo sel4 init`. It boots EXE as the
// root task on the selected kernel and exits with its status, through the
// same code as the zero-config launcher. The environment comes from the
// Cargo.toml of the package cargo runs (cargo names it to runners in
// CARGO_MANIFEST_PATH) and from SEL4_RUN_ENV.

use clap::Args;
use sel4_launcher::environment::{Environment, RUN_ENV_VARIABLE};
use sel4_launcher::exit_status::LAUNCHER_ERROR;
use sel4_launcher::kernel_selection::{self, KernelChoice};
use sel4_launcher::{BootOptions, Failure};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Kernel and boot options, shared by `run`, `test` and `runner`.
#[derive(Args, Debug, Clone, Default)]
pub struct BootArgs {
    /// The kernel: `devkernel`, an seL4 install tree, or a kernel image
    /// [default: $SEL4_PREFIX if set, else devkernel].
    #[arg(long, value_name = "devkernel|PATH")]
    pub kernel: Option<String>,
    /// The install tree of a real seL4 build [env: SEL4_PREFIX].
    #[arg(long, value_name = "PATH", conflicts_with = "kernel")]
    pub sel4_prefix: Option<PathBuf>,
    /// Stop the run after SECS seconds (0: no limit) [env: SEL4_RUN_TIMEOUT; default: 300].
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
    /// One more argument for QEMU (repeat for more).
    #[arg(long = "qemu-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub qemu_args: Vec<String>,
    /// Open QEMU's gdb stub and wait for the debugger; prints the gdb command.
    #[arg(long)]
    pub gdb: bool,
}

impl BootArgs {
    /// The kernel these options select (then the environment's).
    pub fn kernel_choice(&self) -> KernelChoice {
        if let Some(kernel) = &self.kernel {
            return KernelChoice::from_argument(kernel);
        }
        if let Some(prefix) = &self.sel4_prefix {
            return KernelChoice::Prefix { path: prefix.clone(), origin: "--sel4-prefix".into() };
        }
        KernelChoice::from_env(|name| std::env::var(name).ok())
    }

    /// Where converted kernel images are kept.
    pub fn cache_dir(&self) -> PathBuf {
        std::env::temp_dir().join(format!("cargo-sel4-kernels-{}", users_id()))
    }

    /// The same options as runner arguments.
    pub fn to_runner_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        match self.kernel_choice() {
            KernelChoice::Devkernel => args.extend(["--kernel".to_owned(), "devkernel".to_owned()]),
            KernelChoice::DevkernelRelease { .. } => args.extend([
                "--kernel".to_owned(),
                sel4_launcher::kernel_selection::DEVKERNEL_RELEASE.to_owned(),
            ]),
            KernelChoice::Prefix { path, .. } => {
                args.extend(["--sel4-prefix".to_owned(), absolute(&path).display().to_string()])
            }
            KernelChoice::Image { path, .. } => {
                args.extend(["--kernel".to_owned(), absolute(&path).display().to_string()])
            }
        }
        if let Some(timeout) = self.timeout {
            args.extend(["--timeout".to_owned(), timeout.to_string()]);
        }
        for qemu_arg in &self.qemu_args {
            args.push(format!("--qemu-arg={qemu_arg}"));
        }
        if self.gdb {
            args.push("--gdb".to_owned());
        }
        args
    }

    /// The time limit: `--timeout`, else `SEL4_RUN_TIMEOUT`, else 300 s.
    fn time_limit(&self) -> Result<Option<Duration>, Failure> {
        match self.timeout {
            Some(0) => Ok(None),
            Some(seconds) => Ok(Some(Duration::from_secs(seconds))),
            None => sel4_launcher::time_limit(std::env::var("SEL4_RUN_TIMEOUT").ok().as_deref()),
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// The user's id, so two users' caches never collide in /tmp.
fn users_id() -> String {
    std::env::var("USER").unwrap_or_else(|_| "user".to_owned())
}

/// Options of `runner`.
#[derive(Args, Debug)]
pub struct RunnerArgs {
    #[command(flatten)]
    pub boot: BootArgs,
    /// The root task: a static x86_64 ELF executable.
    pub exe: PathBuf,
    /// Arguments for the program (written into its `.sel4_arguments` section).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Runs `cargo sel4 runner`.
pub fn runner(args: RunnerArgs) -> Result<i32, Failure> {
    let time_limit = args.boot.time_limit()?;
    let kernel = kernel_selection::resolve(&args.boot.kernel_choice(), &args.boot.cache_dir())?;
    let environment =
        environment(|name| std::env::var_os(name)).map_err(|why| Failure::new(LAUNCHER_ERROR, why))?;
    let options = BootOptions {
        time_limit,
        qemu_args: args.boot.qemu_args.iter().map(OsString::from).collect(),
        gdb: args.boot.gdb,
        args: args.args.clone(),
        environment,
    };
    sel4_launcher::boot_root_task(&args.exe, &display_name(&args.exe), &kernel, &options)
}

/// The root task's environment: from the manifest cargo names to runners
/// (`CARGO_MANIFEST_PATH`, or `CARGO_MANIFEST_DIR` with cargo before 1.84),
/// then `SEL4_RUN_ENV`. Run by hand, outside cargo, only the latter.
fn environment(host: impl Fn(&str) -> Option<OsString>) -> Result<Environment, String> {
    let manifest = host("CARGO_MANIFEST_PATH")
        .map(PathBuf::from)
        .or_else(|| host("CARGO_MANIFEST_DIR").map(|dir| PathBuf::from(dir).join("Cargo.toml")));
    match manifest {
        Some(manifest) => Environment::for_run(&manifest, host),
        None => {
            let mut environment = Environment::new();
            if let Some(run_env) = host(RUN_ENV_VARIABLE) {
                environment.add_run_env(&run_env)?;
            }
            Ok(environment)
        }
    }
}

/// The program's name without cargo's hash (`hello-0123abcd...` is `hello`).
fn display_name(exe: &Path) -> String {
    let name = exe.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    match name.rsplit_once('-') {
        Some((stem, hash)) if hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            stem.to_owned()
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_cargos_hash() {
        assert_eq!(display_name(Path::new("/t/deps/hello-0123456789abcdef")), "hello");
        assert_eq!(display_name(Path::new("/t/debug/my-app")), "my-app");
    }

    #[test]
    fn the_environment_comes_from_the_manifest_cargo_names() {
        let dir = std::env::temp_dir().join(format!("cargo-sel4-runner-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"app\"\n[package.metadata.sel4.env]\nGREETING = \"hi\"\n",
        )
        .unwrap();
        let manifest_dir = dir.clone().into_os_string();
        let from_dir =
            environment(|name| (name == "CARGO_MANIFEST_DIR").then(|| manifest_dir.clone())).unwrap();
        assert_eq!(from_dir.get("GREETING"), Some(std::ffi::OsStr::new("hi")));
        let manifest_path = dir.join("Cargo.toml").into_os_string();
        let host = |name: &str| match name {
            "CARGO_MANIFEST_PATH" => Some(manifest_path.clone()),
            "CARGO_MANIFEST_DIR" => Some("/nonexistent".into()),
            "SEL4_RUN_ENV" => Some("GREETING=bye".into()),
            _ => None,
        };
        assert_eq!(environment(host).unwrap().get("GREETING"), Some(std::ffi::OsStr::new("bye")));
        let _ = std::fs::remove_dir_all(&dir);
        let by_hand = environment(|name| (name == "SEL4_RUN_ENV").then(|| "A=1".into())).unwrap();
        assert_eq!(by_hand.variables().len(), 1);
    }

    #[test]
    fn runner_arguments_repeat_the_options() {
        let boot = BootArgs {
            kernel: Some("devkernel".into()),
            timeout: Some(5),
            qemu_args: vec!["-d".into()],
            gdb: true,
            ..BootArgs::default()
        };
        assert_eq!(
            boot.to_runner_args(),
            ["--kernel", "devkernel", "--timeout", "5", "--qemu-arg=-d", "--gdb"]
        );
    }
}
