// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The launcher's own lines on stderr, in cargo's style (a right-aligned verb,
// an `error:` prefix, colour only on a terminal), so they read as
// part of `cargo run`'s output. stdout belongs to the root task alone.

//! Progress and error lines on stderr, in cargo's style.

use std::io::{IsTerminal, Write};

/// The colours cargo uses.
#[derive(Clone, Copy)]
enum Colour {
    Green,
    Red,
}

/// Whether to colour stderr: `CARGO_TERM_COLOR` if set, else a terminal.
fn colour_enabled() -> bool {
    match std::env::var("CARGO_TERM_COLOR").as_deref() {
        Ok("always") => true,
        Ok("never") => false,
        _ => std::io::stderr().is_terminal(),
    }
}

fn paint(text: &str, colour: Colour) -> String {
    if !colour_enabled() {
        return text.to_owned();
    }
    let code = match colour {
        Colour::Green => "32",
        Colour::Red => "31",
    };
    format!("\x1b[1;{code}m{text}\x1b[0m")
}

fn emit(line: String) {
    let mut stderr = std::io::stderr().lock();
    // Nothing useful can be done when stderr is gone.
    let _ = writeln!(stderr, "{line}");
}

/// A progress line: `     Booting hello on devkernel (QEMU)`.
pub fn status(verb: &str, message: &str) {
    emit(format!("{} {message}", paint(&format!("{verb:>12}"), Colour::Green)));
}

/// An `error: ...` line.
pub fn error(message: &str) {
    emit(format!("{}: {message}", paint("error", Colour::Red)));
}
