// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Compares a real seL4's configuration with the one our bindings target
// (`shared/abi/x86_64.md`, devkernel's). A difference that changes the ABI
// (system call numbers, invocation labels, boot info layout, TLS) or that
// stops the kernel booting under our QEMU CPU is refused, naming the option,
// its value, ours, and the cmake setting that changes it. Everything else
// (debug, printing, scheduling parameters) is accepted and reaches Rust
// code as cfgs.

//! The compatibility check of a real seL4's configuration.

use crate::kernel_config::{KernelConfig, Value};

/// One option whose value a root task built by us cannot live with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incompatibility {
    /// The option, as in `gen_config.json`.
    pub option: &'static str,
    /// The kernel's value (`None`: the kernel lacks the option).
    pub found: Option<Value>,
    /// The value our bindings need.
    pub wanted: Value,
    /// What the difference breaks.
    pub why: &'static str,
    /// The cmake setting that changes it.
    pub cmake: &'static str,
}

impl std::fmt::Display for Incompatibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found = self.found.as_ref().map_or("absent".to_owned(), Value::to_string);
        let setting = match &self.wanted {
            Value::Bool(true) => "ON".to_owned(),
            Value::Bool(false) => "OFF".to_owned(),
            Value::Text(text) => text.clone(),
        };
        write!(
            f,
            "{} is {found}, our bindings need {} ({}); configure seL4 with -D{}={setting}",
            self.option, self.wanted, self.why, self.cmake
        )
    }
}

/// The options that must match, why, and the cmake setting of each.
const REQUIRED: &[(&str, &str, &str)] = &[
    ("SEL4_ARCH", "another architecture", "KernelSel4Arch"),
    ("PLAT", "another platform", "KernelPlatform"),
    ("WORD_SIZE", "another word size", "KernelSel4Arch"),
    ("KERNEL_MCS", "the MCS kernel numbers its system calls differently", "KernelIsMCS"),
    (
        "MAX_NUM_NODES",
        "more than one node changes the boot info and the TCB invocations",
        "KernelMaxNumNodes",
    ),
    ("IOMMU", "the IOMMU shifts the x86 invocation labels and object types", "KernelIOMMU"),
    ("VTX", "VT-x adds invocation labels and object types", "KernelVTX"),
    ("HARDWARE_DEBUG_API", "the hardware debug API adds TCB invocation labels", "HardwareDebugAPI"),
    (
        "KERNEL_FSGS_BASE",
        "the FS/GS base mode decides how a thread sets its TLS base, and `inst` needs a CPU feature QEMU's \
         model lacks",
        "KernelFSGSBase",
    ),
    ("KERNEL_X86_SYSCALL", "the system call instruction and its registers differ", "KernelX86Syscall"),
    (
        "MAX_NUM_BOOTINFO_UNTYPED_CAPS",
        "it sets the size of the boot info structure",
        "KernelMaxNumBootinfoUntypedCaps",
    ),
    ("SUPPORT_PCID", "with PCID the kernel stops under QEMU's software CPU", "KernelSupportPCID"),
    ("KERNEL_X86_FPU", "XSAVE needs CPU features our QEMU CPU model turns off", "KernelFPU"),
];

/// Every incompatibility of `config` with our target configuration, in
/// the order of the table above (architecture first).
pub fn incompatibilities(config: &KernelConfig) -> Vec<Incompatibility> {
    let ours = KernelConfig::devkernel();
    REQUIRED
        .iter()
        .filter_map(|(option, why, cmake)| {
            let wanted = ours.get(option).expect("a required option has a devkernel value").clone();
            let found = config.get(option).cloned();
            // A kernel without a switch has it off.
            let effective = found.clone().or(match wanted {
                Value::Bool(_) => Some(Value::Bool(false)),
                Value::Text(_) => None,
            });
            (effective.as_ref() != Some(&wanted)).then_some(Incompatibility {
                option,
                found,
                wanted,
                why,
                cmake,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel_config::Value;

    fn with(changes: &[(&str, Value)]) -> KernelConfig {
        let mut pairs: Vec<(String, Value)> =
            KernelConfig::devkernel().iter().map(|(name, value)| (name.to_owned(), value.clone())).collect();
        for (name, value) in changes {
            pairs.retain(|(existing, _)| existing != name);
            pairs.push(((*name).to_owned(), value.clone()));
        }
        KernelConfig::from_pairs(pairs)
    }

    #[test]
    fn devkernel_is_compatible_with_itself() {
        assert!(incompatibilities(&KernelConfig::devkernel()).is_empty());
    }

    #[test]
    fn debug_and_scheduling_options_may_differ() {
        let config = with(&[
            ("DEBUG_BUILD", Value::Bool(false)),
            ("PRINTING", Value::Bool(false)),
            ("ROOT_CNODE_SIZE_BITS", Value::Text("19".into())),
            ("NUM_DOMAINS", Value::Text("16".into())),
        ]);
        assert!(incompatibilities(&config).is_empty());
    }

    #[test]
    fn mcs_is_refused_with_option_values_and_cmake_setting() {
        let problems = incompatibilities(&with(&[("KERNEL_MCS", Value::Bool(true))]));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "KERNEL_MCS is true, our bindings need false (the MCS kernel numbers its system calls \
             differently); configure seL4 with -DKernelIsMCS=OFF"
        );
    }

    #[test]
    fn each_abi_option_is_refused() {
        for (option, value) in [
            ("IOMMU", Value::Bool(true)),
            ("KERNEL_FSGS_BASE", Value::Text("inst".into())),
            ("MAX_NUM_NODES", Value::Text("4".into())),
            ("SEL4_ARCH", Value::Text("aarch64".into())),
        ] {
            let problems = incompatibilities(&with(&[(option, value)]));
            assert_eq!(problems.first().map(|problem| problem.option), Some(option));
        }
    }

    #[test]
    fn a_missing_value_is_refused_and_a_missing_switch_is_off() {
        let config = KernelConfig::from_pairs(
            KernelConfig::devkernel()
                .iter()
                .filter(|(name, _)| *name != "MAX_NUM_NODES" && *name != "IOMMU")
                .map(|(name, value)| (name.to_owned(), value.clone())),
        );
        let problems = incompatibilities(&config);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().starts_with("MAX_NUM_NODES is absent, our bindings need \"1\""));
    }
}
