// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The kernel configuration a root task is built for: devkernel's own (the
// default) or a real seL4's `gen_config.json`. It is the one source of the
// `sel4_config_*` cfgs (see `settings.rs`), of the constants in
// `sel4::config`, and of the predicates of `#[sel4::cfg]`.

//! Kernel configuration options and their values.
//!
//! seL4's build writes every configuration option to `gen_config.json` with
//! the `CONFIG_` prefix dropped: booleans as JSON `true`/`false`, everything
//! else (numbers included) as strings, for example `"MAX_NUM_NODES": "1"`.
//! This module keeps the same names and value forms.
//!
//! Only the options in [`OPTIONS`] reach Rust code. They are the ones that
//! say what the kernel offers a root task (debug system calls, printing,
//! scheduling parameters) or that the compatibility check
//! ([`crate::config_check::incompatibilities`]) reads; the rest of seL4's ~200
//! options (other platforms, other CPUs) would only lengthen every build's
//! command line.

use std::collections::BTreeMap;

/// The kind of an option: a switch or a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// On or off (`true`/`false` in `gen_config.json`).
    Bool,
    /// A number or a choice, written as a string.
    Text,
}

/// The value of one option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A switch.
    Bool(bool),
    /// A number or a choice, as `gen_config.json` writes it.
    Text(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Bool(value) => write!(f, "{value}"),
            Value::Text(value) => write!(f, "{value:?}"),
        }
    }
}

/// The options that reach Rust code, with devkernel's value of each
/// (devkernel implements the configuration of `shared/abi/x86_64.md`:
/// x86_64 pc99, non-MCS, debug, printing, one core).
pub const OPTIONS: &[(&str, Kind, &str)] = &[
    // What the kernel is built for.
    ("ARCH", Kind::Text, "x86"),
    ("SEL4_ARCH", Kind::Text, "x86_64"),
    ("PLAT", Kind::Text, "pc99"),
    ("ARCH_X86_64", Kind::Bool, "true"),
    ("PLAT_PC99", Kind::Bool, "true"),
    ("WORD_SIZE", Kind::Text, "64"),
    // Debugging and printing: which debug system calls exist.
    ("DEBUG_BUILD", Kind::Bool, "true"),
    ("PRINTING", Kind::Bool, "true"),
    ("VERIFICATION_BUILD", Kind::Bool, "false"),
    ("HARDWARE_DEBUG_API", Kind::Bool, "false"),
    ("ENABLE_BENCHMARKS", Kind::Bool, "false"),
    ("DANGEROUS_CODE_INJECTION", Kind::Bool, "false"),
    ("KERNEL_X86_DANGEROUS_MSR", Kind::Bool, "false"),
    // The API flavour and its size limits.
    ("KERNEL_MCS", Kind::Bool, "false"),
    ("MAX_NUM_NODES", Kind::Text, "1"),
    ("ENABLE_SMP_SUPPORT", Kind::Bool, "false"),
    ("IOMMU", Kind::Bool, "false"),
    ("VTX", Kind::Bool, "false"),
    ("MAX_NUM_BOOTINFO_UNTYPED_CAPS", Kind::Text, "230"),
    ("ROOT_CNODE_SIZE_BITS", Kind::Text, "12"),
    ("NUM_PRIORITIES", Kind::Text, "256"),
    ("NUM_DOMAINS", Kind::Text, "1"),
    ("NUM_DOMAIN_SCHEDULES", Kind::Text, "2"),
    ("TIME_SLICE", Kind::Text, "5"),
    ("TIMER_TICK_MS", Kind::Text, "2"),
    ("RETYPE_FAN_OUT_LIMIT", Kind::Text, "256"),
    ("RESET_CHUNK_BITS", Kind::Text, "8"),
    ("MAX_NUM_WORK_UNITS_PER_PREEMPTION", Kind::Text, "100"),
    ("KERNEL_STACK_BITS", Kind::Text, "12"),
    ("CACHE_LN_SZ", Kind::Text, "64"),
    ("FASTPATH", Kind::Bool, "true"),
    // x86 entry, TLS and FPU.
    ("KERNEL_X86_SYSCALL", Kind::Text, "syscall"),
    ("SYSCALL", Kind::Bool, "true"),
    ("SYSENTER", Kind::Bool, "false"),
    ("KERNEL_FSGS_BASE", Kind::Text, "msr"),
    ("FSGSBASE_MSR", Kind::Bool, "true"),
    ("FSGSBASE_INST", Kind::Bool, "false"),
    ("SET_TLS_BASE_SELF", Kind::Bool, "true"),
    ("SUPPORT_PCID", Kind::Bool, "false"),
    ("HUGE_PAGE", Kind::Bool, "true"),
    ("KERNEL_SKIM_WINDOW", Kind::Bool, "true"),
    ("HAVE_FPU", Kind::Bool, "true"),
    ("KERNEL_X86_FPU", Kind::Text, "FXSAVE"),
    ("FXSAVE", Kind::Bool, "true"),
    ("XSAVE", Kind::Bool, "false"),
    ("XSAVE_SIZE", Kind::Text, "512"),
    ("KERNEL_X86_MICRO_ARCH", Kind::Text, "nehalem"),
    ("KERNEL_IRQ_CONTROLLER", Kind::Text, "IOAPIC"),
    ("KERNEL_LAPIC_MODE", Kind::Text, "XAPIC"),
];

/// The prefix of every kernel configuration cfg.
pub const CFG_PREFIX: &str = "sel4_config_";

/// The cfg name of option `name`: `DEBUG_BUILD` is `sel4_config_debug_build`.
pub fn cfg_name(name: &str) -> String {
    format!("{CFG_PREFIX}{}", name.to_ascii_lowercase())
}

/// The kind of a known option.
pub fn kind_of(name: &str) -> Option<Kind> {
    OPTIONS.iter().find(|(option, _, _)| *option == name).map(|(_, kind, _)| *kind)
}

/// A kernel configuration: the known options and their values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelConfig {
    values: BTreeMap<String, Value>,
}

impl KernelConfig {
    /// devkernel's configuration.
    pub fn devkernel() -> Self {
        let values = OPTIONS
            .iter()
            .map(|(name, kind, value)| {
                let value = match kind {
                    Kind::Bool => Value::Bool(*value == "true"),
                    Kind::Text => Value::Text((*value).to_owned()),
                };
                ((*name).to_owned(), value)
            })
            .collect();
        KernelConfig { values }
    }

    /// devkernel's release build: its configuration with the debug build
    /// and printing off (no debug system calls, no kernel output), as in a
    /// release seL4 (`KernelDebugBuild` and `KernelPrinting` off).
    pub fn devkernel_release() -> Self {
        let mut config = Self::devkernel();
        for option in ["DEBUG_BUILD", "PRINTING"] {
            config.values.insert(option.to_owned(), Value::Bool(false));
        }
        config
    }

    /// A configuration from `(name, value)` pairs, keeping the known options
    /// only.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, Value)>) -> Self {
        let values = pairs.into_iter().filter(|(name, _)| kind_of(name).is_some()).collect();
        KernelConfig { values }
    }

    /// The value of `name`, if the kernel has that option.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Whether switch `name` is on.
    pub fn is_on(&self, name: &str) -> bool {
        self.get(name) == Some(&Value::Bool(true))
    }

    /// Every option and its value, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// The `--cfg` arguments for this configuration: `sel4_config_<name>`
    /// for each switch that is on, `sel4_config_<name>="<value>"` for each
    /// value.
    pub fn cfgs(&self) -> Vec<String> {
        self.iter()
            .filter_map(|(name, value)| match value {
                Value::Bool(true) => Some(cfg_name(name)),
                Value::Bool(false) => None,
                Value::Text(text) => Some(format!("{}={text:?}", cfg_name(name))),
            })
            .collect()
    }

    /// Whether predicate-style `name` / `name = "value"` holds: what
    /// `#[sel4::cfg]` evaluates.
    pub fn holds(&self, name: &str, value: Option<&str>) -> bool {
        match (self.get(name), value) {
            (Some(Value::Bool(on)), None) => *on,
            (Some(Value::Text(text)), Some(wanted)) => text == wanted,
            _ => false,
        }
    }
}

/// The `--check-cfg` arguments that declare every kernel configuration cfg,
/// whatever the kernel, so code naming an option that is off or absent
/// gets no `unexpected_cfgs` warning.
pub fn check_cfgs() -> Vec<String> {
    OPTIONS
        .iter()
        .map(|(name, kind, _)| match kind {
            Kind::Bool => format!("cfg({})", cfg_name(name)),
            Kind::Text => format!("cfg({}, values(any()))", cfg_name(name)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_names_are_unique_and_values_fit_their_kind() {
        for (index, (name, kind, value)) in OPTIONS.iter().enumerate() {
            assert!(!OPTIONS[index + 1..].iter().any(|(other, _, _)| other == name), "{name}");
            if *kind == Kind::Bool {
                assert!(*value == "true" || *value == "false", "{name}");
            }
        }
    }

    #[test]
    fn devkernel_cfgs() {
        let config = KernelConfig::devkernel();
        let cfgs = config.cfgs();
        assert!(cfgs.contains(&"sel4_config_debug_build".to_owned()));
        assert!(cfgs.contains(&"sel4_config_printing".to_owned()));
        assert!(cfgs.contains(&"sel4_config_max_num_nodes=\"1\"".to_owned()));
        assert!(!cfgs.iter().any(|cfg| cfg.starts_with("sel4_config_kernel_mcs")));
        assert!(config.holds("DEBUG_BUILD", None));
        assert!(config.holds("MAX_NUM_NODES", Some("1")));
        assert!(!config.holds("MAX_NUM_NODES", Some("2")));
        assert!(!config.holds("KERNEL_MCS", None));
        assert!(!config.holds("NO_SUCH_OPTION", None));
    }

    #[test]
    fn check_cfgs_declare_every_option() {
        let checks = check_cfgs();
        assert_eq!(checks.len(), OPTIONS.len());
        assert!(checks.contains(&"cfg(sel4_config_kernel_mcs)".to_owned()));
        assert!(checks.contains(&"cfg(sel4_config_max_num_nodes, values(any()))".to_owned()));
    }

    #[test]
    fn unknown_options_are_dropped() {
        let config = KernelConfig::from_pairs([
            ("PLAT_TX2".to_owned(), Value::Bool(false)),
            ("PRINTING".to_owned(), Value::Bool(false)),
        ]);
        assert_eq!(config.iter().count(), 1);
        assert!(!config.is_on("PRINTING"));
    }
}
