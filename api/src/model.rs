// SPDX-License-Identifier: MIT OR Apache-2.0
//! The description's data model: what each `interface/*.toml` file may hold.
//!
//! Every file has the same shape (all sections optional); the files are read
//! in path order and their sections concatenated, so splitting or merging
//! files never changes the output. The schema is documented in
//! `api/README.md`.

use serde::Deserialize;

/// One interface file, or all of them merged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// System calls.
    #[serde(default)]
    pub syscall: Vec<Syscall>,
    /// Invocation label groups, in numbering order.
    #[serde(default)]
    pub label_group: Vec<LabelGroup>,
    /// Scalar types and capability types.
    #[serde(default, rename = "type")]
    pub types: Vec<TypeDef>,
    /// Integer constants.
    #[serde(default)]
    pub constant: Vec<Constant>,
    /// Enumerations.
    #[serde(default, rename = "enum")]
    pub enums: Vec<Enum>,
    /// Words made of bit fields.
    #[serde(default)]
    pub bitfield: Vec<Bitfield>,
    /// C structures with their expected layout.
    #[serde(default, rename = "struct")]
    pub structs: Vec<Struct>,
    /// Kernel object interfaces and their methods.
    #[serde(default)]
    pub interface: Vec<Interface>,
}

impl Description {
    /// Appends another file's sections to this one.
    pub fn merge(&mut self, other: Description) {
        self.syscall.extend(other.syscall);
        self.label_group.extend(other.label_group);
        self.types.extend(other.types);
        self.constant.extend(other.constant);
        self.enums.extend(other.enums);
        self.bitfield.extend(other.bitfield);
        self.structs.extend(other.structs);
        self.interface.extend(other.interface);
    }
}

/// Which generated files an item goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    /// `kernel/include/generated/sel4_api.h`.
    Kernel,
    /// The C headers for users in `runtime/include/sel4/generated/`.
    User,
    /// `crates/sel4-sys/src/generated/`.
    Rust,
}

fn all_outputs() -> Vec<Output> {
    vec![Output::Kernel, Output::User, Output::Rust]
}

/// A system call number.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Syscall {
    /// Name without prefix: the kernel calls it `Sys<name>`, libsel4 `seL4_Sys<name>`.
    pub name: String,
    /// The (negative) number passed in RDX.
    pub number: i64,
    /// `api`, `debug`, `benchmark` or `arch`.
    pub group: String,
    /// The kernel configuration under which seL4 has it.
    pub when: String,
    /// Whether our configuration has it; absent ones are documentation only.
    pub present: bool,
}

/// A run of invocation labels numbered on from the previous group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelGroup {
    /// Group name (generic, sel4_arch, arch).
    pub name: String,
    /// Name of the count marker that follows the group's last label.
    pub count: String,
    /// Label names in order.
    pub labels: Vec<String>,
}

/// A scalar type or a capability type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The libsel4 name.
    pub name: String,
    /// The C type it stands for (defaults to seL4_CPtr for capability types).
    pub c: Option<String>,
    /// The Rust type it stands for (defaults to seL4_CPtr for capability types).
    pub rust: Option<String>,
    /// A capability pointer type.
    #[serde(default)]
    pub cap: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// An integer constant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constant {
    /// Name.
    pub name: String,
    /// Value.
    pub value: i64,
    /// Type in Rust (default seL4_Word).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is emitted (default everywhere).
    #[serde(default = "all_outputs")]
    pub outputs: Vec<Output>,
    /// The stem of the file it comes from (outputs group constants by it).
    #[serde(skip)]
    pub group: String,
}

/// An enumeration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enum {
    /// C name: the typedef name, or the enum tag when `typedef = false`.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// C: `typedef enum { ... } name;` rather than `enum name { ... };`.
    #[serde(default)]
    pub typedef: bool,
    /// Rust type of the constants.
    pub rust_type: String,
    /// Rust: put the constants in a module of this name (for unprefixed names).
    pub rust_module: Option<String>,
    /// Where it is emitted (default everywhere).
    #[serde(default = "all_outputs")]
    pub outputs: Vec<Output>,
    /// The values; a value without a number follows the previous one.
    pub variants: Vec<Variant>,
}

/// One value of an enumeration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Name.
    pub name: String,
    /// Value (default: previous value + 1, or 0 first).
    pub value: Option<i64>,
    /// Documentation.
    pub doc: Option<String>,
}

/// A word made of bit fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bitfield {
    /// Name without `_t` (C type is `<name>_t`, functions `<name>_new`, `<name>_get_<field>`).
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Fields from the most significant down.
    pub fields: Vec<BitfieldField>,
    /// Named values.
    #[serde(default)]
    pub presets: Vec<Preset>,
}

/// One field of a bit field word.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BitfieldField {
    /// Name (libsel4 spelling).
    pub name: String,
    /// Highest bit, inclusive.
    pub high: u32,
    /// Lowest bit.
    pub low: u32,
    /// Documentation.
    pub doc: Option<String>,
}

impl BitfieldField {
    /// Width in bits.
    pub fn width(&self) -> u32 {
        self.high - self.low + 1
    }

    /// Mask of the field's value before shifting.
    pub fn mask(&self) -> u64 {
        if self.width() == 64 {
            u64::MAX
        } else {
            (1u64 << self.width()) - 1
        }
    }
}

/// A named value of a bit field word.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Name.
    pub name: String,
    /// Field values in field order.
    pub values: Vec<u64>,
}

/// A C structure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Struct {
    /// Name (also the C struct tag).
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Expected sizeof.
    pub size: u64,
    /// Expected alignment; above 8 it is requested explicitly.
    pub align: u64,
    /// No padding between fields.
    #[serde(default)]
    pub packed: bool,
    /// Fields in order.
    pub fields: Vec<StructField>,
    /// Where it is emitted (default everywhere).
    #[serde(default = "all_outputs")]
    pub outputs: Vec<Output>,
}

/// An array length: a number or the name of a constant.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Count {
    /// A literal length.
    Number(u64),
    /// A constant's name.
    Named(String),
}

/// One field of a structure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructField {
    /// Name.
    pub name: String,
    /// Element type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Array length, if an array.
    pub count: Option<Count>,
    /// A pointer to the type rather than the type.
    #[serde(default)]
    pub pointer: bool,
    /// Expected offsetof.
    pub offset: u64,
    /// Expected size in bytes.
    pub size: u64,
    /// Documentation.
    pub doc: Option<String>,
}

/// A kernel object interface: the methods one capability type accepts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interface {
    /// Name after `seL4_` (X86_IOPort); also the service capability's type.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Methods.
    #[serde(default)]
    pub method: Vec<Method>,
    /// The stem of the file it comes from: interfaces of one file are
    /// generated into one file.
    #[serde(skip)]
    pub group: String,
}

/// One invocation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Method name (the stub is `seL4_<interface>_<name>`).
    pub name: String,
    /// Its invocation label.
    pub label: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Arguments in the stub's parameter order (after the service capability).
    #[serde(default)]
    pub args: Vec<Arg>,
    /// Values read from the reply on success.
    #[serde(default)]
    pub results: Vec<Arg>,
    /// Shortest message the kernel accepts, when less than what the stub
    /// sends (TCB_WriteRegisters sends all registers but needs only two
    /// words plus `count`).
    pub min_length: Option<u32>,
    /// What the kernel checks, in the order it checks, and the error each
    /// failed check returns (the reference pages list them).
    #[serde(default)]
    pub errors: Vec<ErrorCase>,
    /// Anything else a caller should know (the reference page's Notes).
    pub notes: Option<String>,
}

/// One check the kernel makes on an invocation and the error it returns
/// when the check fails.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCase {
    /// The `seL4_Error` name (`seL4_RangeError`).
    pub error: String,
    /// The condition, in a few words (`depth is not 1..=64`).
    pub when: String,
}

/// An argument or a result of an invocation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arg {
    /// Name (libsel4 parameter name).
    pub name: String,
    /// Type: a scalar, capability, bit field (`..._t`), enum or structure.
    #[serde(rename = "type")]
    pub ty: String,
    /// Extra capability index (`caps_or_badges[cap]`); capability arguments only.
    pub cap: Option<u32>,
    /// Message register; a structure takes one register per word from here.
    pub mr: Option<u32>,
    /// Bit position within the message register.
    #[serde(default)]
    pub shift: u32,
    /// Width in bits (default a whole word); the value is masked to it.
    pub bits: Option<u32>,
}

impl Arg {
    /// Width in bits.
    pub fn width(&self) -> u32 {
        self.bits.unwrap_or(64)
    }

    /// Mask for the value, or None for a whole word.
    pub fn mask(&self) -> Option<u64> {
        match self.width() {
            64 => None,
            w => Some((1u64 << w) - 1),
        }
    }
}
