// SPDX-License-Identifier: MIT OR Apache-2.0
//! The test suite's bookkeeping: runs named checks, prints one line per check as it
//! finishes, and ends with the `N passed, M failed` line CI reads.

use std::time::Instant;

/// The outcome of one check: `Err` carries a message that says what went wrong.
pub type CheckResult = Result<(), String>;

/// Counts and reports checks, keeping going after a failure so one run shows every problem.
#[derive(Default)]
pub struct Suite {
    filter: Option<String>,
    passed: usize,
    failures: Vec<(String, String)>,
}

impl Suite {
    /// A suite that runs only the checks whose name contains `filter`, when given.
    pub fn new(filter: Option<String>) -> Self {
        Suite { filter, ..Suite::default() }
    }

    /// Whether a check of this name is selected by the filter.
    pub fn selected(&self, name: &str) -> bool {
        self.filter.as_deref().is_none_or(|f| name.contains(f))
    }

    /// Runs one check unless the filter excludes it.
    pub fn check(&mut self, name: &str, body: impl FnOnce() -> CheckResult) {
        if !self.selected(name) {
            return;
        }
        eprintln!("\n==> {name}");
        let start = Instant::now();
        let result = body();
        let secs = start.elapsed().as_secs_f64();
        match result {
            Ok(()) => {
                self.passed += 1;
                eprintln!("==> {name}: ok ({secs:.1} s)");
            }
            Err(why) => {
                eprintln!("==> {name}: FAILED ({secs:.1} s)\n{why}");
                self.failures.push((name.to_string(), why));
            }
        }
    }

    /// Prints the summary and returns whether everything passed.
    pub fn finish(self) -> bool {
        if !self.failures.is_empty() {
            eprintln!("\nfailures:");
            for (name, why) in &self.failures {
                let first = why.lines().next().unwrap_or("");
                eprintln!("    {name}: {first}");
            }
        }
        println!("{} passed, {} failed", self.passed, self.failures.len());
        self.failures.is_empty() && self.passed > 0
    }
}
