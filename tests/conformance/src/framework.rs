// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The suite's small test framework: named cases, a runner that gives each
// case fresh memory and slots and cleans up after it (so one failure does
// not spread), the `case NAME ... ok` / `... FAILED: why` lines and the
// final `N passed, M failed` line, and the checks cases use to compare a
// kernel reply with what seL4 answers, error details included.

use crate::alloc::{Env, Pool};
use crate::invoke::{Reply, REPLY_MRS};
use sel4_sys::seL4_Word;
use std::panic::{catch_unwind, AssertUnwindSafe, Location};

/// What a case returns: `Err` says what differed from seL4.
pub type Outcome = Result<(), String>;

/// One named check of the kernel.
pub struct Case {
    /// `group/name`, as printed.
    pub name: String,
    /// The body; it gets a fresh environment.
    pub run: fn(&mut Env) -> Outcome,
}

/// Builds the case list of a group from plain function names.
#[macro_export]
macro_rules! cases {
    ($group:literal: $($f:ident),* $(,)?) => {
        vec![$($crate::framework::Case { name: format!("{}/{}", $group, stringify!($f)), run: $f }),*]
    };
}

/// Runs the cases whose name contains one of `filters` (all when empty),
/// printing one line each, then the summary line. Returns the failures.
pub fn run(cases: &[Case], filters: &[String]) -> usize {
    let mut pool = match Pool::new() {
        Ok(pool) => pool,
        Err(why) => {
            println!("conformance: cannot set up: {why}");
            println!("0 passed, 1 failed");
            return 1;
        }
    };
    let selected: Vec<&Case> = cases
        .iter()
        .filter(|c| filters.is_empty() || filters.iter().any(|f| c.name.contains(f.as_str())))
        .collect();
    println!("conformance: {} cases", selected.len());
    let (mut passed, mut failed) = (0, 0);
    for case in selected {
        let result = run_one(&mut pool, case);
        match result {
            Ok(()) => {
                passed += 1;
                println!("case {} ... ok", case.name);
            }
            Err(why) => {
                failed += 1;
                println!("case {} ... FAILED: {}", case.name, why.replace('\n', " | "));
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    failed
}

/// One case between its set-up and its clean-up; a panic is a failure.
fn run_one(pool: &mut Pool, case: &Case) -> Outcome {
    let mut env = pool.begin()?;
    let body = catch_unwind(AssertUnwindSafe(|| (case.run)(&mut env)));
    let result = match body {
        Ok(result) => result,
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".to_string());
            Err(format!("panicked: {text}"))
        }
    };
    let cleanup = pool.end(env);
    match (result, cleanup) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(why), _) => Err(why),
        (Ok(()), Err(why)) => Err(format!("clean-up: {why}")),
    }
}

/// How a failed lookup is described after the failure type word.
#[derive(Clone, Copy, Debug)]
pub enum Lookup {
    /// seL4_InvalidRoot: no details.
    InvalidRoot,
    /// seL4_MissingCapability: bits left.
    Missing(seL4_Word),
    /// seL4_DepthMismatch: bits left, bits found.
    Depth(seL4_Word, seL4_Word),
    /// seL4_GuardMismatch: bits left, guard found, bits found (guard size).
    Guard(seL4_Word, seL4_Word, seL4_Word),
}

/// The answer a case expects from the kernel.
#[derive(Clone, Copy, Debug)]
pub enum Want {
    /// Success with an empty reply.
    Ok,
    /// seL4_InvalidArgument with the argument number.
    InvalidArgument(seL4_Word),
    /// seL4_InvalidCapability with the capability number.
    InvalidCapability(seL4_Word),
    /// seL4_IllegalOperation.
    IllegalOperation,
    /// seL4_RangeError with min and max.
    Range(seL4_Word, seL4_Word),
    /// seL4_AlignmentError.
    Alignment,
    /// seL4_FailedLookup: whether the failure was in a source lookup, and how.
    FailedLookup(bool, Lookup),
    /// seL4_TruncatedMessage.
    Truncated,
    /// seL4_DeleteFirst.
    DeleteFirst,
    /// seL4_RevokeFirst.
    RevokeFirst,
    /// seL4_NotEnoughMemory with the bytes left.
    NotEnoughMemory(seL4_Word),
}

impl Want {
    /// The error label and the message registers seL4 sends with it.
    fn words(self) -> (seL4_Word, Vec<seL4_Word>) {
        use sel4_sys::*;
        match self {
            Want::Ok => (0, vec![]),
            Want::InvalidArgument(n) => (seL4_InvalidArgument.into(), vec![n]),
            Want::InvalidCapability(n) => (seL4_InvalidCapability.into(), vec![n]),
            Want::IllegalOperation => (seL4_IllegalOperation.into(), vec![]),
            Want::Range(min, max) => (seL4_RangeError.into(), vec![min, max]),
            Want::Alignment => (seL4_AlignmentError.into(), vec![]),
            Want::FailedLookup(source, lookup) => {
                let mut mrs = vec![source as seL4_Word];
                match lookup {
                    Lookup::InvalidRoot => mrs.push(seL4_InvalidRoot.into()),
                    Lookup::Missing(left) => mrs.extend([seL4_MissingCapability.into(), left]),
                    Lookup::Depth(left, found) => mrs.extend([seL4_DepthMismatch.into(), left, found]),
                    Lookup::Guard(left, guard, found) => {
                        mrs.extend([seL4_GuardMismatch.into(), left, guard, found])
                    }
                }
                (seL4_FailedLookup.into(), mrs)
            }
            Want::Truncated => (seL4_TruncatedMessage.into(), vec![]),
            Want::DeleteFirst => (seL4_DeleteFirst.into(), vec![]),
            Want::RevokeFirst => (seL4_RevokeFirst.into(), vec![]),
            Want::NotEnoughMemory(bytes) => (seL4_NotEnoughMemory.into(), vec![bytes]),
        }
    }
}

/// The name of an seL4_Error value, for messages.
pub fn error_name(error: seL4_Word) -> &'static str {
    const NAMES: [&str; 11] = [
        "NoError",
        "InvalidArgument",
        "InvalidCapability",
        "IllegalOperation",
        "RangeError",
        "AlignmentError",
        "FailedLookup",
        "TruncatedMessage",
        "DeleteFirst",
        "RevokeFirst",
        "NotEnoughMemory",
    ];
    NAMES.get(error as usize).copied().unwrap_or("(not an error)")
}

/// Renders a reply as `Error [mr0, mr1, ...]` with only the sent registers.
pub fn show(reply: &Reply) -> String {
    let shown = (reply.length as usize).min(reply.mrs.len());
    let mrs: Vec<String> = reply.mrs[..shown].iter().map(|w| format!("{w:#x}")).collect();
    let more = if reply.length as usize > shown {
        format!(" (+{} more)", reply.length as usize - shown)
    } else {
        String::new()
    };
    let caps = match reply.caps {
        (0, 0) => String::new(),
        (extra, unwrapped) => format!(" (extra caps {extra}, unwrapped {unwrapped:#b})"),
    };
    format!("{} [{}]{more}{caps}", error_name(reply.error), mrs.join(", "))
}

/// Checks that `reply` is exactly `want`: error label, length and every
/// detail word. `what` names the call in the failure message.
#[track_caller]
pub fn expect(what: &str, reply: Reply, want: Want) -> Outcome {
    let (error, mrs) = want.words();
    let matches =
        reply.error == error && reply.length == mrs.len() as seL4_Word && reply.mrs[..mrs.len()] == mrs[..];
    if matches {
        return Ok(());
    }
    let wanted = Reply { error, length: mrs.len() as seL4_Word, caps: (0, 0), mrs: pad(&mrs) };
    Err(format!("line {}: {what}: got {}, want {}", Location::caller().line(), show(&reply), show(&wanted)))
}

/// Checks a successful reply that carries values (GetAddress, In8/16/32);
/// returns its message registers.
#[track_caller]
pub fn expect_value(what: &str, reply: Reply, length: seL4_Word) -> Result<[seL4_Word; REPLY_MRS], String> {
    if reply.error == 0 && reply.length == length && reply.caps == (0, 0) {
        return Ok(reply.mrs);
    }
    Err(format!(
        "line {}: {what}: got {}, want success with {length} message registers",
        Location::caller().line(),
        show(&reply)
    ))
}

/// Checks that two values are equal.
#[track_caller]
pub fn expect_eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Outcome {
    if got == want {
        Ok(())
    } else {
        Err(format!("line {}: {what}: got {got:?}, want {want:?}", Location::caller().line()))
    }
}

/// Checks the kernel type tag of the capability in a root slot.
#[track_caller]
pub fn expect_cap(what: &str, cptr: seL4_Word, tag: u32) -> Outcome {
    let got = crate::invoke::identify(cptr);
    if got == tag {
        Ok(())
    } else {
        Err(format!(
            "line {}: {what}: slot {cptr:#x} holds cap type {got}, want {tag}",
            Location::caller().line()
        ))
    }
}

fn pad(words: &[seL4_Word]) -> [seL4_Word; REPLY_MRS] {
    let mut out = [0; REPLY_MRS];
    for (i, w) in words.iter().take(REPLY_MRS).enumerate() {
        out[i] = *w;
    }
    out
}
