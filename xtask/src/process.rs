// SPDX-License-Identifier: MIT OR Apache-2.0
//! Running the commands the suite checks: output captured (and echoed, so a CI log shows
//! what happened), a time limit, and errors that name the command.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished command printed and how it ended.
pub struct Output {
    /// Exit status, `None` when it was killed by a signal or the time limit.
    pub status: Option<i32>,
    /// Standard output and standard error, interleaved as they arrived.
    pub text: String,
}

impl Output {
    /// Fails unless the command exited with `want`.
    pub fn expect_status(&self, want: i32) -> Result<&Self, String> {
        if self.status == Some(want) {
            Ok(self)
        } else {
            Err(format!("exit status {:?}, expected {want}\n{}", self.status, self.tail()))
        }
    }

    /// Fails unless the output contains `needle`.
    pub fn expect_contains(&self, needle: &str) -> Result<&Self, String> {
        if self.text.contains(needle) {
            Ok(self)
        } else {
            Err(format!("output lacks {needle:?}\n{}", self.tail()))
        }
    }

    /// The last lines of the output, for error messages.
    pub fn tail(&self) -> String {
        let lines: Vec<&str> = self.text.lines().collect();
        let start = lines.len().saturating_sub(40);
        lines[start..].join("\n")
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// The cargo that runs us, so nested builds use the same toolchain.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `cmd` with stdout and stderr merged into one captured, echoed stream; kills it after
/// `limit`.
pub fn run(cmd: &mut Command, limit: Duration) -> Result<Output, String> {
    run_until(cmd, limit, None)
}

/// Like [`run`], and also stops the command as soon as its output contains a whole line with
/// `stop_at` (for a machine that halts instead of exiting); the output then has no status.
pub fn run_until(cmd: &mut Command, limit: Duration, stop_at: Option<&str>) -> Result<Output, String> {
    run_inner(cmd, limit, stop_at, None)
}

/// Text to type into a command: `text` goes to its standard input (which is then closed)
/// once its output contains `after`, so a program that discards early input sees all of it.
pub struct Input<'a> {
    /// What the output must contain first (a prompt).
    pub after: &'a str,
    /// The bytes written to standard input.
    pub text: &'a str,
}

/// Like [`run`], with `input` typed into the command's standard input.
pub fn run_with_input(cmd: &mut Command, limit: Duration, input: &Input) -> Result<Output, String> {
    run_inner(cmd, limit, None, Some(input))
}

fn run_inner(
    cmd: &mut Command,
    limit: Duration,
    stop_at: Option<&str>,
    input: Option<&Input>,
) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    eprintln!("    $ {shown}");
    let (mut reader, writer) = std::io::pipe().map_err(|e| format!("pipe: {e}"))?;
    let writer2 = writer.try_clone().map_err(|e| format!("pipe: {e}"))?;
    let mut child = cmd
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(writer)
        .stderr(writer2)
        .spawn()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    // The command still holds our copies of the write end; replacing them closes them, so the
    // reader sees end-of-file when the child (and everything it started) exits.
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen_by_reader = std::sync::Arc::clone(&seen);
    let collector = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    use std::io::Write;
                    let _ = std::io::stderr().write_all(&buf[..n]);
                    all.extend_from_slice(&buf[..n]);
                    if let Ok(mut shared) = seen_by_reader.lock() {
                        shared.extend_from_slice(&buf[..n]);
                    }
                }
            }
        }
        all
    });
    let start = Instant::now();
    let mut stdin = child.stdin.take();
    let status = loop {
        if let (Some(input), Some(_)) = (input, &stdin) {
            if seen.lock().is_ok_and(|text| String::from_utf8_lossy(&text).contains(input.after)) {
                use std::io::Write;
                // Dropping the pipe closes it: the command reads end-of-file after the text.
                let typed = stdin.take().map(|mut pipe| pipe.write_all(input.text.as_bytes()));
                typed.transpose().map_err(|e| format!("writing to {shown}: {e}"))?;
            }
        }
        match child.try_wait().map_err(|e| format!("waiting for {shown}: {e}"))? {
            Some(status) => break status.code(),
            None if stop_at.is_some_and(|needle| {
                seen.lock().is_ok_and(|text| {
                    let text = String::from_utf8_lossy(&text);
                    text.find(needle).is_some_and(|at| text[at..].contains('\n'))
                })
            }) =>
            {
                let _ = child.kill();
                let _ = child.wait();
                let text = String::from_utf8_lossy(&collector.join().unwrap_or_default()).into_owned();
                return Ok(Output { status: None, text });
            }
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                let text = String::from_utf8_lossy(&collector.join().unwrap_or_default()).into_owned();
                return Err(format!("{shown} did not finish in {} s\n{text}", limit.as_secs()));
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    let text = String::from_utf8_lossy(&collector.join().unwrap_or_default()).into_owned();
    Ok(Output { status, text })
}
