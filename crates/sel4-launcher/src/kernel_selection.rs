// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Which kernel a run boots, and with it which configuration the root task
// is built for: devkernel (the default), a real seL4 install tree
// (`SEL4_PREFIX` / `--sel4-prefix` / `--kernel DIR`), or a bare kernel image
// (`SEL4_KERNEL` / `--kernel FILE`, assumed to have our configuration), or
// devkernel's release build (`devkernel-release`, an image from the same
// crate that prints nothing and has no debug calls, and root tasks for it
// are built with that configuration). A
// real seL4's kernel is converted to the ELF32 file QEMU's multiboot loader
// takes, once, into a cache directory.

//! Kernel selection: devkernel, a real seL4 install tree, or an image.

use crate::config_check::incompatibilities;
use crate::elf_check::summarise_file;
use crate::exit_status::LAUNCHER_ERROR;
use crate::kernel_config::{KernelConfig, Value};
use crate::{gen_config, host_tools, Failure};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the user asked to boot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernelChoice {
    /// devkernel, built from the `sel4-devkernel` crate.
    Devkernel,
    /// The install tree of a real seL4 build; `origin` says where the path
    /// came from (`SEL4_PREFIX`, `--sel4-prefix`, `--kernel`), for messages.
    Prefix {
        /// The install tree.
        path: PathBuf,
        /// Where the path was given.
        origin: String,
    },
    /// A kernel image file (ELF32, or ELF64 to be converted).
    Image {
        /// The image.
        path: PathBuf,
        /// Where the path was given.
        origin: String,
    },
    /// devkernel's release build: devkernel's configuration with the
    /// debug system calls and printing off, as a release seL4 has them.
    DevkernelRelease {
        /// Where the choice was made (`SEL4_KERNEL`, `--kernel`).
        origin: String,
    },
}

impl KernelChoice {
    /// The choice the environment makes: `SEL4_KERNEL` (an image,
    /// `devkernel` or `devkernel-release`), else `SEL4_PREFIX` (an install tree), else devkernel.
    /// Empty values count as unset.
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let set = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        if let Some(path) = set("SEL4_KERNEL") {
            if path == "devkernel" {
                return KernelChoice::Devkernel;
            }
            if path == DEVKERNEL_RELEASE {
                return KernelChoice::DevkernelRelease { origin: "SEL4_KERNEL".into() };
            }
            return KernelChoice::Image { path: path.into(), origin: "SEL4_KERNEL".into() };
        }
        if let Some(path) = set("SEL4_PREFIX") {
            return KernelChoice::Prefix { path: path.into(), origin: "SEL4_PREFIX".into() };
        }
        KernelChoice::Devkernel
    }

    /// The choice `--kernel VALUE` makes: `devkernel`, `devkernel-release`,
    /// a directory (an install tree) or a file (an image).
    pub fn from_argument(value: &str) -> Self {
        if value == "devkernel" {
            return KernelChoice::Devkernel;
        }
        if value == DEVKERNEL_RELEASE {
            return KernelChoice::DevkernelRelease { origin: "--kernel".into() };
        }
        let path = PathBuf::from(value);
        let origin = "--kernel".to_owned();
        if path.is_dir() {
            KernelChoice::Prefix { path, origin }
        } else {
            KernelChoice::Image { path, origin }
        }
    }

    /// The configuration the root task is built for, without converting
    /// or checking the kernel image (what a build needs).
    pub fn config(&self) -> Result<KernelConfig, Failure> {
        match self {
            KernelChoice::Devkernel | KernelChoice::Image { .. } => Ok(KernelConfig::devkernel()),
            KernelChoice::DevkernelRelease { .. } => Ok(KernelConfig::devkernel_release()),
            KernelChoice::Prefix { path, origin } => Ok(Sel4Prefix::open(path, origin)?.config),
        }
    }
}

/// The name that selects devkernel's release build.
pub const DEVKERNEL_RELEASE: &str = "devkernel-release";

/// A kernel ready to boot.
#[derive(Debug, Clone)]
pub struct Kernel {
    /// The name shown in progress lines (`devkernel`, `seL4 (/opt/sel4)`).
    pub name: String,
    /// The ELF32 image for QEMU's `-kernel`.
    pub image: PathBuf,
    /// The ELF64 file with symbols, for gdb, when known.
    pub symbols: Option<PathBuf>,
    /// Its configuration.
    pub config: KernelConfig,
}

/// The install tree of a real seL4 build, checked.
#[derive(Debug, Clone)]
pub struct Sel4Prefix {
    /// The tree's root.
    pub root: PathBuf,
    /// `bin/kernel.elf`.
    pub kernel: PathBuf,
    /// Its configuration, checked against ours.
    pub config: KernelConfig,
}

/// The parts of an install tree, relative to its root.
pub const PREFIX_KERNEL: &str = "bin/kernel.elf";
/// The libsel4 headers.
pub const PREFIX_HEADERS: &str = "libsel4/include";
/// The configuration.
pub const PREFIX_CONFIG: &str = "support/gen_config.json";

impl Sel4Prefix {
    /// Opens and checks the tree at `root` (named by `origin`). Every error
    /// is one line naming the path, what is wrong, and what to do.
    pub fn open(root: &Path, origin: &str) -> Result<Self, Failure> {
        let fail = |why: String| Failure::new(LAUNCHER_ERROR, format!("{origin}={}: {why}", root.display()));
        let expected = "point it at the install tree of an seL4 build for x86_64 pc99 (the directory \
                        holding bin/kernel.elf, libsel4/include and support/gen_config.json)";
        if !root.is_dir() {
            return Err(fail(format!("no such directory; {expected}")));
        }
        let config_path = root.join(PREFIX_CONFIG);
        let text = std::fs::read_to_string(&config_path)
            .map_err(|_| fail(format!("there is no {PREFIX_CONFIG}; {expected}")))?;
        let config = gen_config::parse(&text)
            .map_err(|why| fail(format!("{PREFIX_CONFIG} is not seL4's configuration file ({why})")))?;
        let arch = |name: &str| match config.get(name) {
            Some(Value::Text(text)) => text.clone(),
            _ => "unknown".to_owned(),
        };
        if arch("SEL4_ARCH") != "x86_64" {
            return Err(fail(format!(
                "this seL4 is built for {} (SEL4_ARCH = \"{}\", PLAT = \"{}\"), ours is x86_64 pc99; \
                 point it at an x86_64 build (-DKernelSel4Arch=x86_64 -DKernelPlatform=pc99)",
                arch("SEL4_ARCH"),
                arch("SEL4_ARCH"),
                arch("PLAT")
            )));
        }
        let problems = incompatibilities(&config);
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(
                    " (and {} more: {})",
                    n - 1,
                    problems[1..].iter().map(|problem| problem.option).collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(fail(format!("incompatible kernel configuration: {first}{more}")));
        }
        if !root.join(PREFIX_HEADERS).is_dir() {
            return Err(fail(format!("there is no {PREFIX_HEADERS} (the libsel4 headers); {expected}")));
        }
        let kernel = root.join(PREFIX_KERNEL);
        if !kernel.is_file() {
            return Err(fail(format!("there is no {PREFIX_KERNEL}; {expected}")));
        }
        Ok(Sel4Prefix { root: root.to_owned(), kernel, config })
    }
}

/// Resolves `choice` to a bootable kernel; converted images go to
/// `cache_dir`.
pub fn resolve(choice: &KernelChoice, cache_dir: &Path) -> Result<Kernel, Failure> {
    match choice {
        KernelChoice::Devkernel => devkernel(false),
        KernelChoice::DevkernelRelease { .. } => devkernel(true),
        KernelChoice::Prefix { path, origin } => {
            let prefix = Sel4Prefix::open(path, origin)?;
            let image = boot_image(&prefix.kernel, origin, cache_dir)?;
            Ok(Kernel {
                name: format!("seL4 ({})", prefix.root.display()),
                image,
                symbols: Some(prefix.kernel.clone()),
                config: prefix.config,
            })
        }
        KernelChoice::Image { path, origin } => {
            if !path.is_file() {
                return Err(Failure::new(
                    LAUNCHER_ERROR,
                    format!(
                        "{origin}={}: no such file (name a kernel image, or an seL4 install tree with --kernel or SEL4_PREFIX)",
                        path.display()
                    ),
                ));
            }
            let image = boot_image(path, origin, cache_dir)?;
            let symbols = summarise_file(path).ok().filter(|elf| elf.bits == 64).map(|_| path.clone());
            Ok(Kernel { name: path.display().to_string(), image, symbols, config: KernelConfig::devkernel() })
        }
    }
}

/// devkernel, debug or release build (`release`), from the `sel4-devkernel`
/// crate this launcher was built with.
#[cfg(feature = "devkernel")]
fn devkernel(release: bool) -> Result<Kernel, Failure> {
    let (name, image, symbols, config) = if release {
        let paths = (sel4_devkernel::RELEASE_IMAGE, sel4_devkernel::RELEASE_SYMBOLS);
        (DEVKERNEL_RELEASE, paths.0, paths.1, KernelConfig::devkernel_release())
    } else {
        ("devkernel", sel4_devkernel::IMAGE, sel4_devkernel::SYMBOLS, KernelConfig::devkernel())
    };
    let image = PathBuf::from(image);
    if !image.is_file() {
        return Err(Failure::new(
            LAUNCHER_ERROR,
            format!(
                "the {name} image {} is gone (was the target directory cleaned while in use?); \
                 build again with `cargo clean -p sel4-devkernel`",
                image.display()
            ),
        ));
    }
    let symbols = Some(PathBuf::from(symbols)).filter(|path| path.is_file());
    Ok(Kernel { name: name.to_owned(), image, symbols, config })
}

#[cfg(not(feature = "devkernel"))]
fn devkernel(_release: bool) -> Result<Kernel, Failure> {
    Err(Failure::new(
        LAUNCHER_ERROR,
        "this build of sel4-launcher has no devkernel (feature `devkernel` is off)",
    ))
}

/// The ELF32 file QEMU takes for `kernel`: itself when it is ELF32 x86,
/// else a copy converted with `objcopy -O elf32-i386` in `cache_dir`
/// (redone when the kernel is newer than the copy).
pub fn boot_image(kernel: &Path, origin: &str, cache_dir: &Path) -> Result<PathBuf, Failure> {
    let fail = |why: String| Failure::new(LAUNCHER_ERROR, format!("{origin}: {why}"));
    let summary = summarise_file(kernel).map_err(|why| fail(format!("{why} (expected a kernel image)")))?;
    if summary.is_elf32_x86() {
        return Ok(kernel.to_owned());
    }
    if !summary.is_x86_64() {
        return Err(fail(format!(
            "the kernel {} is a {}-bit {} file; only x86_64 seL4 boots here",
            kernel.display(),
            summary.bits,
            summary.machine_name()
        )));
    }
    let converted = cache_dir.join(format!("{}-elf32", cache_key(kernel)));
    let fresh = |converted: &Path| -> Option<bool> {
        Some(converted.metadata().ok()?.modified().ok()? >= kernel.metadata().ok()?.modified().ok()?)
    };
    if fresh(&converted) == Some(true) {
        return Ok(converted);
    }
    let objcopy = host_tools::require("objcopy", "binutils")?;
    std::fs::create_dir_all(cache_dir)
        .map_err(|error| fail(format!("cannot create {}: {error}", cache_dir.display())))?;
    // Convert to a temporary name and rename, so an interrupted run leaves
    // no half-written image behind.
    let partial = converted.with_extension("partial");
    let output = Command::new(objcopy)
        .args(["-O", "elf32-i386"])
        .arg(kernel)
        .arg(&partial)
        .output()
        .map_err(|error| fail(format!("cannot run objcopy: {error}")))?;
    if !output.status.success() {
        let _ = std::fs::remove_file(&partial);
        return Err(fail(format!(
            "objcopy -O elf32-i386 {} failed: {}",
            kernel.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    std::fs::rename(&partial, &converted)
        .map_err(|error| fail(format!("cannot write {}: {error}", converted.display())))?;
    Ok(converted)
}

/// A file name for the converted copy of `kernel`, distinct per source path.
fn cache_key(kernel: &Path) -> String {
    // FNV-1a: stable across runs and Rust versions, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in kernel.as_os_str().as_encoded_bytes() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("kernel-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_choice_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
        };
        assert_eq!(KernelChoice::from_env(env(&[])), KernelChoice::Devkernel);
        assert_eq!(KernelChoice::from_env(env(&[("SEL4_PREFIX", "")])), KernelChoice::Devkernel);
        assert_eq!(
            KernelChoice::from_env(env(&[("SEL4_PREFIX", "/p")])),
            KernelChoice::Prefix { path: "/p".into(), origin: "SEL4_PREFIX".into() }
        );
        assert!(matches!(
            KernelChoice::from_env(env(&[("SEL4_PREFIX", "/p"), ("SEL4_KERNEL", "/k")])),
            KernelChoice::Image { .. }
        ));
        assert_eq!(KernelChoice::from_argument("devkernel"), KernelChoice::Devkernel);
        assert_eq!(
            KernelChoice::from_env(env(&[("SEL4_PREFIX", "/p"), ("SEL4_KERNEL", "devkernel")])),
            KernelChoice::Devkernel
        );
    }

    #[test]
    fn release_devkernel_by_name() {
        let release =
            KernelChoice::from_env(|name| (name == "SEL4_KERNEL").then(|| "devkernel-release".to_owned()));
        assert_eq!(release, KernelChoice::DevkernelRelease { origin: "SEL4_KERNEL".into() });
        assert_eq!(
            KernelChoice::from_argument("devkernel-release"),
            KernelChoice::DevkernelRelease { origin: "--kernel".into() }
        );
        // A root task for it is built without the debug calls it lacks.
        let config = release.config().expect("a known configuration");
        assert!(!config.is_on("DEBUG_BUILD") && !config.is_on("PRINTING"));
        assert_eq!(config.get("MAX_NUM_NODES"), KernelConfig::devkernel().get("MAX_NUM_NODES"));
    }

    #[test]
    fn cache_keys_differ_per_path() {
        assert_ne!(cache_key(Path::new("/a/kernel.elf")), cache_key(Path::new("/b/kernel.elf")));
        assert_eq!(cache_key(Path::new("/a")), cache_key(Path::new("/a")));
    }
}
