// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Recognises the kernel's fatal messages in the serial output, so a kernel
// that stopped or a thread that faulted ends the run at once instead of at
// the time limit. Pure: it sees bytes and answers, and is tested on the host.

//! Fatal lines in the serial output.
//!
//! The kernel's messages share the serial line with the root task's output,
//! so a message may follow unterminated root-task text on the same line;
//! the distinctive messages are therefore matched anywhere in a line.
//! `halting...` (which seL4 prints without a newline) is matched at the
//! start of a line only, as the words are common.

/// A fatal event reported by the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fatal {
    /// `devkernel: boot failed: ...`: the kernel refused the root task.
    BootFailed,
    /// `devkernel: panic: ...` or seL4's `seL4 called fail at ...`.
    KernelPanic,
    /// `halting...`: the kernel stopped the machine (`seL4_DebugHalt`).
    Halted,
    /// seL4's report of a fault that no handler received
    /// (`Caught cap fault in send phase at address 0x0` and so on).
    UnhandledFault,
}

impl Fatal {
    /// What happened, in a few words, for the launcher's error line.
    pub fn description(self) -> &'static str {
        match self {
            Fatal::BootFailed => "the kernel could not boot the root task",
            Fatal::KernelPanic => "the kernel panicked",
            Fatal::Halted => "the kernel halted",
            Fatal::UnhandledFault => "a thread faulted and no fault handler received the fault",
        }
    }
}

/// Texts recognised anywhere in a line.
const ANYWHERE: &[(&str, Fatal)] = &[
    ("devkernel: boot failed:", Fatal::BootFailed),
    ("devkernel: panic:", Fatal::KernelPanic),
    ("seL4 called fail at ", Fatal::KernelPanic),
    // seL4's double-fault report: "Caught <fault>\nwhile trying to handle:\n<fault>".
    ("Caught cap fault in ", Fatal::UnhandledFault),
    ("Caught vm fault on ", Fatal::UnhandledFault),
    ("Caught unknown syscall ", Fatal::UnhandledFault),
    ("Caught user exception ", Fatal::UnhandledFault),
    ("Caught null fault", Fatal::UnhandledFault),
    ("Caught unknown fault", Fatal::UnhandledFault),
    // The MCS kernel's wording of the same report.
    ("Found thread has no fault handler while trying to handle:", Fatal::UnhandledFault),
];

/// Texts recognised at the start of a line.
const LINE_START: &[(&str, Fatal)] =
    &[("halting...", Fatal::Halted), ("vm fault on ", Fatal::UnhandledFault)];

/// Recognises a fatal message in one line (without its line ending).
pub fn recognise(line: &str) -> Option<Fatal> {
    if let Some((_, fatal)) = ANYWHERE.iter().find(|(text, _)| line.contains(text)) {
        return Some(*fatal);
    }
    let line = line.trim_start();
    LINE_START.iter().find(|(text, _)| line.starts_with(text)).map(|(_, fatal)| *fatal)
}

/// Watches a byte stream, line by line, for the first fatal message.
#[derive(Debug, Default)]
pub struct SerialWatch {
    /// The current line so far (bytes after the last newline).
    line: Vec<u8>,
    /// The first fatal message seen.
    found: Option<Fatal>,
}

impl SerialWatch {
    /// A watch that has seen nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next bytes; answers the first fatal message seen so far.
    /// Unterminated lines are checked too: seL4 prints `halting...` with
    /// no newline and then stops.
    pub fn feed(&mut self, bytes: &[u8]) -> Option<Fatal> {
        for &byte in bytes {
            if byte == b'\n' {
                self.check_line();
                self.line.clear();
            } else {
                self.line.push(byte);
            }
        }
        self.check_line();
        self.found
    }

    /// The first fatal message seen, if any.
    pub fn found(&self) -> Option<Fatal> {
        self.found
    }

    fn check_line(&mut self) {
        if self.found.is_none() {
            let text = String::from_utf8_lossy(&self.line);
            self.found = recognise(text.trim_end_matches('\r'));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_messages_are_recognised() {
        assert_eq!(recognise("devkernel: boot failed: no root task module"), Some(Fatal::BootFailed));
        assert_eq!(recognise("devkernel: panic: out of memory"), Some(Fatal::KernelPanic));
        assert_eq!(
            recognise("seL4 called fail at src/kernel/boot.c:12 in function f, saying \"x\""),
            Some(Fatal::KernelPanic)
        );
        assert_eq!(recognise("halting..."), Some(Fatal::Halted));
    }

    #[test]
    fn sel4_fault_reports_are_recognised() {
        for line in [
            "Caught cap fault in send phase at address 0x0",
            "Caught vm fault on data at address 0x0 with status 0x4",
            "Caught unknown syscall 0x7b",
            "Caught user exception 0x6 code 0x0",
            "vm fault on code at address 0xdead with status 0x14",
            "Found thread has no fault handler while trying to handle:",
        ] {
            assert_eq!(recognise(line), Some(Fatal::UnhandledFault), "{line}");
        }
    }

    #[test]
    fn messages_after_unterminated_output_are_recognised() {
        assert_eq!(recognise("partial outputCaught cap fault in send phase"), Some(Fatal::UnhandledFault));
        assert_eq!(recognise("abcdevkernel: panic: x"), Some(Fatal::KernelPanic));
    }

    #[test]
    fn ordinary_output_is_not_fatal() {
        for line in ["Hello, world!", "Caught a fish", "we are halting... soon", "the vm fault on x"] {
            assert_eq!(recognise(line), None, "{line}");
        }
    }

    #[test]
    fn watch_handles_split_lines_and_carriage_returns() {
        let mut watch = SerialWatch::new();
        assert_eq!(watch.feed(b"Hello\r\nCaught cap fa"), None);
        assert_eq!(watch.feed(b"ult in send phase at address 0x0\r\n"), Some(Fatal::UnhandledFault));
        assert_eq!(watch.feed(b"devkernel: panic: later\n"), Some(Fatal::UnhandledFault));
    }

    #[test]
    fn watch_sees_halting_without_newline() {
        let mut watch = SerialWatch::new();
        watch.feed(b"Debug halt syscall from user thread 0xffffff801fe08400 \"rootserver\"\n");
        assert_eq!(watch.found(), None);
        assert_eq!(watch.feed(b"halting..."), Some(Fatal::Halted));
    }
}
