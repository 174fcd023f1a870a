// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Boots a kernel and a root task in QEMU and watches the run: the serial
// output is copied to our stdout as it arrives, the kernel's fatal messages
// and the time limit end the run early, and QEMU's exit status is turned
// back into the root task's.

//! Booting in QEMU and watching the run.
//!
//! Ctrl-C reaches QEMU and the runner alike (one process group): QEMU
//! ends, the runner notes the interruption, puts the terminal's settings
//! back as they were before QEMU changed them, and ends with
//! [`Outcome::Interrupted`].

use crate::exit_status::{self, QemuEnd};
use crate::serial_watch::{Fatal, SerialWatch};
use crate::settings::{self, Console};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// After a fatal message, how long the output may stay quiet before QEMU is
/// stopped: seL4's fault report goes on for several lines (the thread, the
/// stack) after its first.
const QUIET_AFTER_FATAL: Duration = Duration::from_millis(300);
/// After a fatal message, the longest wait for the rest of the report.
const LONGEST_AFTER_FATAL: Duration = Duration::from_secs(2);
/// How long QEMU gets to end after SIGTERM before SIGKILL.
const TERMINATE_GRACE: Duration = Duration::from_secs(2);

/// One boot.
#[derive(Debug, Clone)]
pub struct Run {
    /// The kernel image, an ELF32 file for QEMU's multiboot loader.
    pub kernel: PathBuf,
    /// The root task, an ELF64 file.
    pub root_task: PathBuf,
    /// When to give up; `None` waits for ever.
    pub time_limit: Option<Duration>,
    /// More QEMU arguments, after ours (`--gdb`, `--qemu-arg`).
    pub extra_args: Vec<OsString>,
}

/// How a boot ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// QEMU ended on its own.
    Ended(QemuEnd),
    /// QEMU ended with status 1 after printing an error of its own: QEMU
    /// failed, not the root task with status 0.
    QemuFailed,
    /// The kernel reported this; QEMU was stopped.
    Fatal(Fatal),
    /// The time limit ran out; QEMU was stopped.
    TimedOut,
    /// Ctrl-C (SIGINT) or SIGTERM stopped the run.
    Interrupted,
}

impl Run {
    /// Boots and watches the run to its end.
    pub fn boot(&self) -> std::io::Result<Outcome> {
        let terminal = interrupts::Terminal::save();
        interrupts::catch();
        let outcome = self.boot_and_watch();
        terminal.restore();
        outcome
    }

    fn boot_and_watch(&self) -> std::io::Result<Outcome> {
        let mut child = Command::new(settings::QEMU)
            .args(settings::qemu_args(&self.kernel, &self.root_task, Console::Piped))
            .args(&self.extra_args)
            .stdin(Stdio::inherit())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let qemu_error = forward_stderr(&mut child, Arc::clone(&stopping));
        let chunks = read_in_background(&mut child);
        let started = Instant::now();
        let mut watch = SerialWatch::new();
        let mut fatal_seen: Option<Instant> = None;
        let mut stdout = std::io::stdout();
        // Whether the output so far ends mid-line, so the launcher's own
        // message after a stop starts on a line of its own.
        let mut mid_line = false;
        let mut last_output = Instant::now();
        loop {
            if interrupts::requested() {
                stop(&mut child, &stopping);
                end_line(mid_line);
                return Ok(Outcome::Interrupted);
            }
            let now = Instant::now();
            // Short waits, so an interruption is seen promptly.
            let mut wait = Duration::from_millis(100);
            if let Some(limit) = self.time_limit {
                let Some(left) = limit.checked_sub(now - started) else {
                    stop(&mut child, &stopping);
                    end_line(mid_line);
                    return Ok(Outcome::TimedOut);
                };
                wait = wait.min(left);
            }
            if let Some(seen) = fatal_seen {
                let Some(left) = LONGEST_AFTER_FATAL.checked_sub(now - seen) else { break };
                if now - last_output >= QUIET_AFTER_FATAL {
                    break;
                }
                wait = wait.min(left);
            }
            match chunks.recv_timeout(wait) {
                Ok(chunk) => {
                    last_output = Instant::now();
                    // A closed stdout must not stop the watch; the run goes on.
                    let _ = stdout.write_all(&chunk).and_then(|()| stdout.flush());
                    mid_line = chunk.last().is_some_and(|&byte| byte != b'\n');
                    if fatal_seen.is_none() && watch.feed(&chunk).is_some() {
                        fatal_seen = Some(Instant::now());
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait()?;
                    if interrupts::requested() {
                        end_line(mid_line);
                        return Ok(Outcome::Interrupted);
                    }
                    // QEMU has ended, so its stderr is at end of file too.
                    let qemu_error = qemu_error.is_some_and(|thread| thread.join().unwrap_or(false));
                    return Ok(ended(status, qemu_error, watch.found()));
                }
            }
        }
        // A fatal message was seen and its report is complete.
        stop(&mut child, &stopping);
        end_line(mid_line);
        Ok(Outcome::Fatal(watch.found().unwrap_or(Fatal::KernelPanic)))
    }
}

mod interrupts {
    //! Ctrl-C while QEMU runs, and the terminal settings around it.

    use std::sync::atomic::{AtomicBool, Ordering};

    static REQUESTED: AtomicBool = AtomicBool::new(false);

    extern "C" fn note(_signal: libc::c_int) {
        REQUESTED.store(true, Ordering::SeqCst);
    }

    /// Catches SIGINT and SIGTERM from now on: the run stops QEMU and ends
    /// instead of dying with QEMU still holding the terminal. A handler,
    /// not "ignore", so QEMU (started after) still gets the default action.
    pub fn catch() {
        for signal in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: `note` only stores to an atomic, which is
            // async-signal-safe; the cast is how signal(2) takes a handler.
            unsafe {
                libc::signal(signal, note as *const () as libc::sighandler_t);
            }
        }
    }

    /// Whether an interruption arrived.
    pub fn requested() -> bool {
        REQUESTED.load(Ordering::SeqCst)
    }

    /// The terminal settings of stdin, when it is a terminal.
    pub struct Terminal(Option<libc::termios>);

    impl Terminal {
        /// Reads the settings to put back later.
        pub fn save() -> Self {
            // SAFETY: `termios` is plain data for which all zeroes is valid;
            // tcgetattr writes it fully on success and we keep it only then.
            unsafe {
                let mut settings: libc::termios = std::mem::zeroed();
                if libc::isatty(0) == 1 && libc::tcgetattr(0, &mut settings) == 0 {
                    return Terminal(Some(settings));
                }
            }
            Terminal(None)
        }

        /// Puts the saved settings back (QEMU changes them for its serial
        /// console and cannot restore them when it is killed).
        pub fn restore(&self) {
            if let Some(settings) = &self.0 {
                // SAFETY: `settings` came from tcgetattr on the same fd.
                unsafe {
                    libc::tcsetattr(0, libc::TCSADRAIN, settings);
                }
            }
        }
    }
}

/// Ends an unterminated last line of output.
fn end_line(mid_line: bool) {
    if mid_line {
        let mut stdout = std::io::stdout();
        let _ = stdout.write_all(b"\n").and_then(|()| stdout.flush());
    }
}

/// The outcome of a QEMU that ended by itself.
fn ended(status: std::process::ExitStatus, qemu_error: bool, fatal: Option<Fatal>) -> Outcome {
    let end = exit_status::from_qemu_status(status);
    if let Some(fatal) = fatal {
        // Killed or failed while the report was being written.
        if !matches!(end, QemuEnd::RootTask(_)) {
            return Outcome::Fatal(fatal);
        }
    }
    if end == QemuEnd::RootTask(0) && qemu_error {
        return Outcome::QemuFailed;
    }
    Outcome::Ended(end)
}

/// Copies QEMU's stderr to ours, line by line, on a thread that answers
/// whether QEMU printed an error (a line that is not a warning). Once
/// `stopping` is set, QEMU's note that it got our signal is left out: the
/// launcher says why it stopped QEMU.
fn forward_stderr(child: &mut Child, stopping: Arc<AtomicBool>) -> Option<JoinHandle<bool>> {
    let stderr = child.stderr.take()?;
    Some(std::thread::spawn(move || {
        let mut error_seen = false;
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let our_signal = line.contains("terminating on signal");
            if our_signal && (stopping.load(Ordering::SeqCst) || interrupts::requested()) {
                continue;
            }
            error_seen |= !line.contains("warning:") && !our_signal;
            eprintln!("{line}");
        }
        error_seen
    }))
}

/// Reads QEMU's stdout on a thread, passing on what arrives; the channel
/// closes at end of file.
fn read_in_background(child: &mut Child) -> mpsc::Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    if let Some(mut stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            loop {
                match stdout.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(count) => {
                        if sender.send(buffer[..count].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
    }
    receiver
}

/// Stops QEMU: SIGTERM first, so it gives the terminal back in its normal
/// mode, then SIGKILL if it lingers.
fn stop(child: &mut Child, stopping: &AtomicBool) {
    stopping.store(true, Ordering::SeqCst);
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) has no memory effects; `pid` is our own child,
        // not yet waited for, so the id cannot have been reused.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    let deadline = Instant::now() + TERMINATE_GRACE;
    while Instant::now() < deadline {
        match child.try_wait() {
            Ok(Some(_)) => return,
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
