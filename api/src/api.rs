// SPDX-License-Identifier: MIT OR Apache-2.0
//! The loaded description with everything the emitters derive from it:
//! label numbers, type resolution and how each invocation fills its message.
//! Loading checks the description for consistency, so an emitter can assume
//! that every name it looks up exists.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Arg, Bitfield, Count, Description, Enum, Interface, Method, Struct, Syscall};

/// One entry of the invocation label enumeration.
#[derive(Debug, Clone)]
pub struct Label {
    /// Name.
    pub name: String,
    /// Number.
    pub value: u64,
    /// A group's count marker rather than a label.
    pub marker: bool,
}

/// What an argument or result type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer, enum or capability: converted with a cast.
    Scalar,
    /// A bit field word: `.words[0]`.
    Bitfield,
    /// A structure of words, passed by pointer, one message register per word.
    Struct,
}

/// Where one piece of a message register's value comes from.
#[derive(Debug, Clone)]
pub enum Piece<'a> {
    /// A scalar or bit field argument, masked and shifted.
    Arg(&'a Arg, Kind),
    /// Word `index` of a structure argument (named field).
    StructWord(&'a Arg, String),
}

/// How one invocation is marshalled.
#[derive(Debug)]
pub struct Layout<'a> {
    /// Message length sent.
    pub length: u32,
    /// Extra capabilities sent.
    pub extra_caps: u32,
    /// Capability arguments by extra-capability index.
    pub caps: Vec<&'a Arg>,
    /// The pieces OR-ed into each message register, by register.
    pub mrs: Vec<Vec<Piece<'a>>>,
    /// Scalar results (returned in a result structure).
    pub scalar_results: Vec<&'a Arg>,
    /// Structure results (written through an out pointer), with their field names.
    pub struct_results: Vec<(&'a Arg, Vec<String>)>,
}

/// The whole description, loaded and checked.
#[derive(Debug)]
pub struct Api {
    /// The merged description.
    pub desc: Description,
    /// Labels and count markers in order.
    pub labels: Vec<Label>,
}

/// Reads and checks every `.toml` file under `dir` (sorted by path).
pub fn load(dir: &Path) -> Result<Api, String> {
    let mut files = Vec::new();
    collect_toml(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!("no .toml files in {}", dir.display()));
    }
    let mut sources = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        sources.push((file.display().to_string(), stem, text));
    }
    parse(&sources)
}

/// Builds and checks the description from (file name, stem, text) triples,
/// in the order given.
pub fn parse(sources: &[(String, String, String)]) -> Result<Api, String> {
    let mut desc = Description::default();
    for (name, stem, text) in sources {
        let mut part: Description = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        for interface in &mut part.interface {
            interface.group = stem.clone();
        }
        for constant in &mut part.constant {
            constant.group = stem.clone();
        }
        desc.merge(part);
    }
    let labels = number_labels(&desc);
    let api = Api { desc, labels };
    api.validate()?;
    Ok(api)
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn number_labels(desc: &Description) -> Vec<Label> {
    let mut labels = Vec::new();
    let mut next = 0;
    for group in &desc.label_group {
        for name in &group.labels {
            labels.push(Label { name: name.clone(), value: next, marker: false });
            next += 1;
        }
        labels.push(Label { name: group.count.clone(), value: next, marker: true });
    }
    labels
}

/// Rust keywords that need `r#` as identifiers.
const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "try",
    "yield",
];

/// An identifier as Rust must spell it.
pub fn rust_ident(name: &str) -> String {
    if RUST_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// `expr` without one pair of parentheses around all of it, if it has one.
pub fn strip_outer_parens(expr: &str) -> &str {
    let Some(inner) = expr.strip_prefix('(').and_then(|e| e.strip_suffix(')')) else {
        return expr;
    };
    let mut depth = 0i32;
    for ch in inner.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return expr;
        }
    }
    inner
}

/// "1 thing", "2 things".
pub fn count_of(n: u32, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// camelCase to snake_case (`capsUnwrapped` to `caps_unwrapped`).
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

impl Api {
    /// Syscalls present in our configuration.
    pub fn present_syscalls(&self) -> impl Iterator<Item = &Syscall> {
        self.desc.syscall.iter().filter(|s| s.present)
    }

    /// Number of a label (not a marker).
    pub fn label_value(&self, name: &str) -> Option<u64> {
        self.labels.iter().find(|l| l.name == name && !l.marker).map(|l| l.value)
    }

    /// Value of a constant or enum variant.
    pub fn constant_value(&self, name: &str) -> Option<i64> {
        if let Some(c) = self.desc.constant.iter().find(|c| c.name == name) {
            return Some(c.value);
        }
        self.desc.enums.iter().flat_map(enum_values).find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Length of an array field.
    pub fn count_value(&self, count: &Count) -> u64 {
        match count {
            Count::Number(n) => *n,
            Count::Named(name) => self.constant_value(name).unwrap_or(0) as u64,
        }
    }

    /// The structure of this name.
    pub fn find_struct(&self, name: &str) -> Option<&Struct> {
        self.desc.structs.iter().find(|s| s.name == name)
    }

    /// The bit field whose C type (`<name>_t`) is `ty`.
    pub fn find_bitfield(&self, ty: &str) -> Option<&Bitfield> {
        self.desc.bitfield.iter().find(|b| format!("{}_t", b.name) == ty)
    }

    /// The enum whose C name is `ty`.
    pub fn find_enum(&self, ty: &str) -> Option<&Enum> {
        self.desc.enums.iter().find(|e| e.name == ty)
    }

    /// What kind of type `ty` is, or None if it is unknown.
    pub fn kind(&self, ty: &str) -> Option<Kind> {
        if self.find_struct(ty).is_some() {
            Some(Kind::Struct)
        } else if self.find_bitfield(ty).is_some() {
            Some(Kind::Bitfield)
        } else if self.desc.types.iter().any(|t| t.name == ty) || self.find_enum(ty).is_some() {
            Some(Kind::Scalar)
        } else {
            None
        }
    }

    /// The Rust primitive a scalar type finally stands for (`seL4_CNode` to `u64`).
    pub fn rust_primitive(&self, ty: &str) -> String {
        let mut current = ty.to_string();
        for _ in 0..16 {
            if let Some(t) = self.desc.types.iter().find(|t| t.name == current) {
                current = if t.cap { "seL4_CPtr".into() } else { t.rust.clone().unwrap_or_default() };
            } else if let Some(e) = self.find_enum(&current) {
                current = e.rust_type.clone();
            } else {
                break;
            }
        }
        current
    }

    /// Fields of a structure of words, in order.
    pub fn struct_words(&self, ty: &str) -> Vec<String> {
        self.find_struct(ty).map(|s| s.fields.iter().map(|f| f.name.clone()).collect()).unwrap_or_default()
    }

    /// Interface groups (file stems) in description order, each with its interfaces.
    pub fn interface_groups(&self) -> Vec<(&str, Vec<&Interface>)> {
        let mut groups: Vec<(&str, Vec<&Interface>)> = Vec::new();
        for iface in &self.desc.interface {
            match groups.iter_mut().find(|(name, _)| *name == iface.group) {
                Some((_, list)) => list.push(iface),
                None => groups.push((&iface.group, vec![iface])),
            }
        }
        groups
    }

    /// All methods with their interface, in description order.
    pub fn methods(&self) -> impl Iterator<Item = (&Interface, &Method)> {
        self.desc.interface.iter().flat_map(|i| i.method.iter().map(move |m| (i, m)))
    }

    /// How a method fills its message and reads its reply.
    pub fn layout<'a>(&'a self, method: &'a Method) -> Layout<'a> {
        let mut caps: Vec<&Arg> = Vec::new();
        let mut mrs: Vec<Vec<Piece>> = Vec::new();
        let slot = |index: usize, piece: Piece<'a>, mrs: &mut Vec<Vec<Piece<'a>>>| {
            if mrs.len() <= index {
                mrs.resize_with(index + 1, Vec::new);
            }
            mrs[index].push(piece);
        };
        for arg in &method.args {
            if let Some(cap) = arg.cap {
                let cap = cap as usize;
                if caps.len() <= cap {
                    caps.resize(cap + 1, arg);
                }
                caps[cap] = arg;
                continue;
            }
            let mr = arg.mr.unwrap_or(0) as usize;
            match self.kind(&arg.ty) {
                Some(Kind::Struct) => {
                    for (i, field) in self.struct_words(&arg.ty).into_iter().enumerate() {
                        slot(mr + i, Piece::StructWord(arg, field), &mut mrs);
                    }
                }
                Some(kind) => slot(mr, Piece::Arg(arg, kind), &mut mrs),
                None => {}
            }
        }
        let mut scalar_results = Vec::new();
        let mut struct_results = Vec::new();
        for result in &method.results {
            if self.kind(&result.ty) == Some(Kind::Struct) {
                struct_results.push((result, self.struct_words(&result.ty)));
            } else {
                scalar_results.push(result);
            }
        }
        Layout {
            length: mrs.len() as u32,
            extra_caps: caps.len() as u32,
            caps,
            mrs,
            scalar_results,
            struct_results,
        }
    }

    fn validate(&self) -> Result<(), String> {
        let mut errors = Vec::new();
        self.validate_names(&mut errors);
        self.validate_structs(&mut errors);
        self.validate_bitfields(&mut errors);
        self.validate_methods(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("\n"))
        }
    }

    fn validate_names(&self, errors: &mut Vec<String>) {
        let mut seen = BTreeSet::new();
        let names = self
            .desc
            .constant
            .iter()
            .map(|c| c.name.clone())
            .chain(self.desc.enums.iter().flat_map(|e| e.variants.iter().map(|v| v.name.clone())))
            .chain(self.desc.types.iter().map(|t| t.name.clone()))
            .chain(self.desc.structs.iter().map(|s| s.name.clone()));
        for name in names {
            if !seen.insert(name.clone()) {
                errors.push(format!("{name} is defined twice"));
            }
        }
        let mut numbers = BTreeSet::new();
        for s in &self.desc.syscall {
            if !numbers.insert(s.number) {
                errors.push(format!("syscall number {} used twice", s.number));
            }
        }
    }

    fn validate_structs(&self, errors: &mut Vec<String>) {
        for s in &self.desc.structs {
            let mut end = 0;
            for f in &s.fields {
                if f.offset < end {
                    errors.push(format!("{}.{} overlaps the field before it", s.name, f.name));
                }
                end = f.offset + f.size;
                if let Some(count) = &f.count {
                    if self.count_value(count) == 0 {
                        errors.push(format!("{}.{} has an unknown or zero count", s.name, f.name));
                    }
                }
            }
            if end > s.size {
                errors.push(format!("{} fields end at {end}, past its size {}", s.name, s.size));
            }
        }
    }

    fn validate_bitfields(&self, errors: &mut Vec<String>) {
        for b in &self.desc.bitfield {
            let mut used = 0u64;
            for f in &b.fields {
                if f.high < f.low || f.high > 63 {
                    errors.push(format!("{}.{}: bad bit range", b.name, f.name));
                    continue;
                }
                let bits = f.mask() << f.low;
                if used & bits != 0 {
                    errors.push(format!("{}.{} overlaps another field", b.name, f.name));
                }
                used |= bits;
            }
            for p in &b.presets {
                if p.values.len() != b.fields.len() {
                    errors.push(format!("{}: preset {} needs {} values", b.name, p.name, b.fields.len()));
                }
            }
        }
    }

    fn validate_methods(&self, errors: &mut Vec<String>) {
        let mut users: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (iface, method) in self.methods() {
            let stub = format!("seL4_{}_{}", iface.name, method.name);
            users.entry(method.label.as_str()).or_default().push(stub.clone());
            if self.label_value(&method.label).is_none() {
                errors.push(format!("{stub}: unknown label {}", method.label));
            }
            for arg in method.args.iter().chain(&method.results) {
                match self.kind(&arg.ty) {
                    None => errors.push(format!("{stub}: {} has unknown type {}", arg.name, arg.ty)),
                    Some(Kind::Struct) if arg.shift != 0 || arg.bits.is_some() => {
                        errors.push(format!("{stub}: structure {} cannot be shifted or masked", arg.name))
                    }
                    _ => {}
                }
                if arg.cap.is_some() == arg.mr.is_some() {
                    errors.push(format!("{stub}: {} needs exactly one of cap and mr", arg.name));
                }
                if arg.width() == 0 || arg.width() > 64 || arg.shift + arg.width() > 64 {
                    errors.push(format!("{stub}: {} does not fit in a word", arg.name));
                }
            }
            for result in &method.results {
                if result.cap.is_some() {
                    errors.push(format!("{stub}: result {} cannot be a capability", result.name));
                }
            }
            for case in &method.errors {
                if !self.is_error_name(&case.error) {
                    errors.push(format!("{stub}: {} is not an seL4_Error", case.error));
                }
            }
            let layout = self.layout(method);
            if method.min_length.is_some_and(|min| min > layout.length) {
                errors.push(format!("{stub}: min_length is more than the stub sends"));
            }
            if layout.length > 120 || layout.extra_caps > 3 {
                errors.push(format!("{stub}: message too long"));
            }
            for (i, pieces) in layout.mrs.iter().enumerate() {
                if pieces.is_empty() {
                    errors.push(format!("{stub}: message register {i} is never set"));
                }
            }
            for (i, cap) in layout.caps.iter().enumerate() {
                if cap.cap != Some(i as u32) {
                    errors.push(format!("{stub}: extra capability {i} is never set"));
                }
            }
        }
        for label in self.labels.iter().filter(|l| !l.marker && l.name != "InvalidInvocation") {
            match users.get(label.name.as_str()).map(Vec::len) {
                Some(1) => {}
                None => errors.push(format!("label {} has no method", label.name)),
                Some(_) => errors.push(format!("label {} has several methods", label.name)),
            }
        }
    }
}

impl Api {
    /// Whether `name` is a failure value of `seL4_Error` (not `seL4_NoError`
    /// nor the count).
    pub fn is_error_name(&self, name: &str) -> bool {
        let not_failures = ["seL4_NoError", "seL4_NumErrors"];
        !not_failures.contains(&name)
            && self
                .desc
                .enums
                .iter()
                .filter(|e| e.name == "seL4_Error")
                .any(|e| e.variants.iter().any(|v| v.name == name))
    }
}

/// The numbered values of an enum.
pub fn enum_values(e: &Enum) -> Vec<(String, i64)> {
    let mut next = 0;
    e.variants
        .iter()
        .map(|v| {
            let value = v.value.unwrap_or(next);
            next = value + 1;
            (v.name.clone(), value)
        })
        .collect()
}
