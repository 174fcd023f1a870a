// SPDX-License-Identifier: MIT OR Apache-2.0
//
// `sel4::Error`: what a failed kernel invocation (or one of this crate's
// allocators and checks) reports. The kernel answers a failed invocation with an error code
// as the reply's label and the details in the first message registers; this
// file turns those words into an enum a program can match on and a sentence
// a person can act on. Reading the words from the IPC buffer happens in
// `ipc_buffer.rs`; everything here is pure and tested on the host.

use core::fmt;

use crate::sys;

/// The result of every fallible call of this crate.
pub type Result<T> = core::result::Result<T, Error>;

/// A failed operation: which one, and what went wrong.
///
/// For a kernel invocation, [`Error::kind`] carries the seL4 error with the
/// details the kernel sent back (argument number, allowed range, where a
/// capability lookup stopped, memory left), and [`Error::code`] the raw
/// seL4 error code. `Display` gives one sentence:
///
/// ```
/// # use sel4::{Error, ErrorKind};
/// let error = Error::new("Untyped::retype", ErrorKind::RangeError { min: 1, max: 256 });
/// assert_eq!(
///     error.to_string(),
///     "Untyped::retype failed: range error: a value must be between 1 and 256"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct Error {
    operation: &'static str,
    kind: ErrorKind,
}

/// What went wrong, with the details the kernel gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `seL4_InvalidArgument`: an argument is not acceptable.
    InvalidArgument {
        /// Which argument, counting from 0 in the invocation's argument order.
        argument: usize,
    },
    /// `seL4_InvalidCapability`: a capability argument has the wrong type or rights.
    InvalidCapability {
        /// Which capability, counting the invoked one as 0 and the extra capabilities from 1.
        capability: usize,
    },
    /// `seL4_IllegalOperation`: the invoked capability does not support this
    /// invocation (or the kernel does not implement it).
    IllegalOperation,
    /// `seL4_RangeError`: a value is outside `min..=max`.
    RangeError {
        /// The smallest acceptable value.
        min: usize,
        /// The largest acceptable value.
        max: usize,
    },
    /// `seL4_AlignmentError`: an address or size is misaligned.
    AlignmentError,
    /// `seL4_FailedLookup`: a capability (or, for mappings, a paging
    /// structure) could not be found.
    FailedLookup {
        /// Whether the lookup that failed was of the source capability.
        in_source: bool,
        /// Where and why the lookup stopped.
        failure: LookupFailure,
    },
    /// `seL4_TruncatedMessage`: the invocation carried too few arguments or capabilities.
    TruncatedMessage,
    /// `seL4_DeleteFirst`: the destination slot (or mapping entry) is occupied.
    DeleteFirst,
    /// `seL4_RevokeFirst`: the object still has derived capabilities or is in use.
    RevokeFirst,
    /// `seL4_NotEnoughMemory`: the untyped memory is too small for the request.
    NotEnoughMemory {
        /// Bytes still free in the untyped object.
        bytes_available: usize,
    },
    /// A reply label that is no seL4 error code.
    Unknown {
        /// The label.
        code: usize,
    },
    /// This crate's checked cast found another kind of capability in the slot.
    WrongCapabilityType {
        /// The type that was asked for.
        expected: &'static str,
        /// The kernel's tag of the capability found (`sys::cap_tag`).
        found: u32,
    },
    /// A slot allocator has no free slot left.
    OutOfSlots,
}

/// Where a capability lookup stopped (`seL4_LookupFailureType` and its fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupFailure {
    /// `seL4_InvalidRoot`: the CNode capability to start from is not a CNode.
    InvalidRoot,
    /// `seL4_MissingCapability`: the address leads to an empty slot (or, for
    /// a mapping, to a missing paging structure).
    MissingCapability {
        /// Address bits not yet resolved when the lookup stopped.
        bits_left: usize,
    },
    /// `seL4_DepthMismatch`: the depth does not end at a slot.
    DepthMismatch {
        /// Address bits not yet resolved.
        bits_left: usize,
        /// Bits the CNode at that point would have resolved.
        bits_found: usize,
    },
    /// `seL4_GuardMismatch`: the address does not match a CNode's guard.
    GuardMismatch {
        /// Address bits not yet resolved.
        bits_left: usize,
        /// The guard the CNode has.
        guard_found: usize,
        /// The size of that guard in bits.
        bits_found: usize,
    },
    /// A lookup failure type seL4 does not define (or `seL4_NoFailure`).
    Unknown {
        /// The type word.
        failure_type: usize,
    },
}

/// The seL4 error codes (`seL4_Error` without `seL4_NoError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
#[allow(missing_docs)]
pub enum ErrorCode {
    InvalidArgument = sys::seL4_InvalidArgument,
    InvalidCapability = sys::seL4_InvalidCapability,
    IllegalOperation = sys::seL4_IllegalOperation,
    RangeError = sys::seL4_RangeError,
    AlignmentError = sys::seL4_AlignmentError,
    FailedLookup = sys::seL4_FailedLookup,
    TruncatedMessage = sys::seL4_TruncatedMessage,
    DeleteFirst = sys::seL4_DeleteFirst,
    RevokeFirst = sys::seL4_RevokeFirst,
    NotEnoughMemory = sys::seL4_NotEnoughMemory,
}

impl ErrorCode {
    /// The code of a raw `seL4_Error`; `None` for `seL4_NoError` and unknown values.
    pub const fn from_sys(code: sys::seL4_Error) -> Option<Self> {
        Some(match code {
            sys::seL4_InvalidArgument => Self::InvalidArgument,
            sys::seL4_InvalidCapability => Self::InvalidCapability,
            sys::seL4_IllegalOperation => Self::IllegalOperation,
            sys::seL4_RangeError => Self::RangeError,
            sys::seL4_AlignmentError => Self::AlignmentError,
            sys::seL4_FailedLookup => Self::FailedLookup,
            sys::seL4_TruncatedMessage => Self::TruncatedMessage,
            sys::seL4_DeleteFirst => Self::DeleteFirst,
            sys::seL4_RevokeFirst => Self::RevokeFirst,
            sys::seL4_NotEnoughMemory => Self::NotEnoughMemory,
            _ => return None,
        })
    }

    /// The raw `seL4_Error`.
    pub const fn into_sys(self) -> sys::seL4_Error {
        self as sys::seL4_Error
    }
}

// Every seL4 error but NoError has a variant.
const _: () = assert!(sys::seL4_NumErrors as usize == 11);

impl From<ErrorCode> for sys::seL4_Error {
    fn from(code: ErrorCode) -> Self {
        code.into_sys()
    }
}

/// The message registers of an error reply that hold its details (MR0-MR4).
pub(crate) const ERROR_DETAIL_WORDS: usize = 5;

impl Error {
    /// An error of `operation` (a name such as `"Tcb::resume"`).
    pub const fn new(operation: &'static str, kind: ErrorKind) -> Self {
        Self { operation, kind }
    }

    /// Decodes an error reply: the kernel's error code (the reply's label)
    /// and the first message registers of the reply.
    pub fn from_reply(operation: &'static str, code: usize, mrs: [usize; ERROR_DETAIL_WORDS]) -> Self {
        let kind = match u32::try_from(code).ok().and_then(ErrorCode::from_sys) {
            Some(ErrorCode::InvalidArgument) => ErrorKind::InvalidArgument { argument: mrs[0] },
            Some(ErrorCode::InvalidCapability) => ErrorKind::InvalidCapability { capability: mrs[0] },
            Some(ErrorCode::IllegalOperation) => ErrorKind::IllegalOperation,
            Some(ErrorCode::RangeError) => ErrorKind::RangeError { min: mrs[0], max: mrs[1] },
            Some(ErrorCode::AlignmentError) => ErrorKind::AlignmentError,
            Some(ErrorCode::FailedLookup) => ErrorKind::FailedLookup {
                in_source: mrs[0] != 0,
                failure: LookupFailure::from_words([mrs[1], mrs[2], mrs[3], mrs[4]]),
            },
            Some(ErrorCode::TruncatedMessage) => ErrorKind::TruncatedMessage,
            Some(ErrorCode::DeleteFirst) => ErrorKind::DeleteFirst,
            Some(ErrorCode::RevokeFirst) => ErrorKind::RevokeFirst,
            Some(ErrorCode::NotEnoughMemory) => ErrorKind::NotEnoughMemory { bytes_available: mrs[0] },
            None => ErrorKind::Unknown { code },
        };
        Self { operation, kind }
    }

    /// The operation that failed, such as `"CNode::mint"`.
    pub const fn operation(&self) -> &'static str {
        self.operation
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The seL4 error code, or `None` for this crate's own errors
    /// ([`ErrorKind::WrongCapabilityType`], [`ErrorKind::OutOfSlots`]) and
    /// unknown codes.
    pub const fn code(&self) -> Option<ErrorCode> {
        Some(match self.kind {
            ErrorKind::InvalidArgument { .. } => ErrorCode::InvalidArgument,
            ErrorKind::InvalidCapability { .. } => ErrorCode::InvalidCapability,
            ErrorKind::IllegalOperation => ErrorCode::IllegalOperation,
            ErrorKind::RangeError { .. } => ErrorCode::RangeError,
            ErrorKind::AlignmentError => ErrorCode::AlignmentError,
            ErrorKind::FailedLookup { .. } => ErrorCode::FailedLookup,
            ErrorKind::TruncatedMessage => ErrorCode::TruncatedMessage,
            ErrorKind::DeleteFirst => ErrorCode::DeleteFirst,
            ErrorKind::RevokeFirst => ErrorCode::RevokeFirst,
            ErrorKind::NotEnoughMemory { .. } => ErrorCode::NotEnoughMemory,
            ErrorKind::Unknown { .. } | ErrorKind::WrongCapabilityType { .. } | ErrorKind::OutOfSlots => {
                return None
            }
        })
    }

    /// Whether a mapping failed because a paging structure is missing: for
    /// `map` operations seL4 reports the level in `bits_left` (21: no page
    /// table, 30: no page directory, 39: no PDPT).
    fn missing_paging_structure(&self) -> Option<&'static str> {
        if !self.operation.ends_with("::map") {
            return None;
        }
        match self.kind {
            ErrorKind::FailedLookup { failure: LookupFailure::MissingCapability { bits_left }, .. } => {
                match bits_left as u64 {
                    sys::SEL4_MAPPING_LOOKUP_NO_PT => Some("page table"),
                    sys::SEL4_MAPPING_LOOKUP_NO_PD => Some("page directory"),
                    sys::SEL4_MAPPING_LOOKUP_NO_PDPT => Some("PDPT"),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

impl LookupFailure {
    /// Decodes the words the kernel writes for a lookup failure: the type
    /// (`seL4_LookupFailureType`), then its fields.
    pub fn from_words(words: [usize; 4]) -> Self {
        match u32::try_from(words[0]).unwrap_or(u32::MAX) {
            sys::seL4_InvalidRoot => Self::InvalidRoot,
            sys::seL4_MissingCapability => Self::MissingCapability { bits_left: words[1] },
            sys::seL4_DepthMismatch => Self::DepthMismatch { bits_left: words[1], bits_found: words[2] },
            sys::seL4_GuardMismatch => {
                Self::GuardMismatch { bits_left: words[1], guard_found: words[2], bits_found: words[3] }
            }
            _ => Self::Unknown { failure_type: words[0] },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: ", self.operation)?;
        if let Some(structure) = self.missing_paging_structure() {
            return write!(
                f,
                "failed lookup: no {structure} covers the address yet (map a {structure} there first)"
            );
        }
        write!(f, "{}", self.kind)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::InvalidArgument { argument } => {
                write!(f, "invalid argument: argument {argument} (counting from 0) is not acceptable here")
            }
            Self::InvalidCapability { capability } => write!(
                f,
                "invalid capability: capability {capability} (0 is the one invoked) has the wrong type or rights"
            ),
            Self::IllegalOperation => write!(
                f,
                "illegal operation: this capability does not allow the invocation \
                 (wrong object, missing rights, or not supported by this kernel)"
            ),
            Self::RangeError { min, max } => write!(f, "range error: a value must be between {min} and {max}"),
            Self::AlignmentError => {
                write!(f, "alignment error: an address or size is not aligned as the object needs")
            }
            Self::FailedLookup { in_source, failure } => {
                let which = if in_source { "source" } else { "destination" };
                write!(f, "failed lookup of the {which} capability: {failure}")
            }
            Self::TruncatedMessage => {
                write!(f, "truncated message: the invocation carried too few arguments or capabilities")
            }
            Self::DeleteFirst => {
                write!(f, "the destination is occupied: delete the capability (or mapping) there first")
            }
            Self::RevokeFirst => {
                write!(f, "the object is still in use or has derived capabilities: revoke it first")
            }
            Self::NotEnoughMemory { bytes_available } => {
                write!(f, "not enough memory: the untyped object has {bytes_available} bytes left")
            }
            Self::Unknown { code } => write!(f, "the kernel answered with unknown error code {code}"),
            Self::WrongCapabilityType { expected, found } => {
                write!(f, "the slot holds a {} capability, not {expected}", tag_name(found))
            }
            Self::OutOfSlots => write!(f, "no free slot left: give the allocator a larger range of empty slots"),
        }
    }
}

impl fmt::Display for LookupFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::InvalidRoot => write!(f, "the root is not a CNode capability"),
            Self::MissingCapability { bits_left } => {
                write!(f, "the slot is empty ({bits_left} address bits were left to resolve)")
            }
            Self::DepthMismatch { bits_left, bits_found } => write!(
                f,
                "the depth does not end at a slot ({bits_left} bits left, the CNode there resolves {bits_found})"
            ),
            Self::GuardMismatch { bits_left, guard_found, bits_found } => write!(
                f,
                "the address does not match the guard {guard_found:#x} of {bits_found} bits ({bits_left} bits left)"
            ),
            Self::Unknown { failure_type } => write!(f, "unknown lookup failure type {failure_type}"),
        }
    }
}

/// A readable name of a kernel capability tag.
#[allow(non_upper_case_globals)] // the tags keep the kernel's names
pub(crate) fn tag_name(tag: u32) -> &'static str {
    use sys::cap_tag::*;
    match tag {
        cap_null_cap => "null (empty)",
        cap_untyped_cap => "untyped",
        cap_endpoint_cap => "endpoint",
        cap_notification_cap => "notification",
        cap_reply_cap => "reply",
        cap_cnode_cap => "CNode",
        cap_thread_cap => "TCB",
        cap_irq_control_cap => "IRQ control",
        cap_irq_handler_cap => "IRQ handler",
        cap_zombie_cap => "zombie",
        cap_domain_cap => "domain",
        cap_frame_cap => "frame",
        cap_page_table_cap => "page table",
        cap_page_directory_cap => "page directory",
        cap_pdpt_cap => "PDPT",
        cap_pml4_cap => "PML4",
        cap_asid_control_cap => "ASID control",
        cap_asid_pool_cap => "ASID pool",
        cap_io_port_cap => "I/O port",
        cap_io_port_control_cap => "I/O port control",
        _ => "unknown",
    }
}

/// `core::error::Error` is `std::error::Error`: with or without `std`, a
/// `sel4::Error` boxes into `Box<dyn Error>` and works with `?` there.
impl core::error::Error for Error {}
