// SPDX-License-Identifier: MIT OR Apache-2.0
//! Command line of the generator: `generate` writes every file derived from
//! `api/interface`, `check` names the stale ones and fails if there are any.
//! `--root <dir>` picks another workspace root than the one this was built in.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: sel4-api (generate | check) [--root <workspace root>]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut command = None;
    let mut root = sel4_api::default_root();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--root" => match iter.next() {
                Some(dir) => root = PathBuf::from(dir),
                None => return usage(),
            },
            "generate" | "check" if command.is_none() => command = Some(arg.clone()),
            _ => return usage(),
        }
    }
    match command.as_deref() {
        Some("generate") => match sel4_api::generate(&root) {
            Ok(changed) => {
                for line in &changed {
                    println!("{line}");
                }
                if changed.is_empty() {
                    println!("all generated files are up to date");
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Some("check") => match sel4_api::stale_files(&root) {
            Ok(stale) if stale.is_empty() => {
                println!("all generated files are up to date");
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for path in &stale {
                    eprintln!("stale: {path}");
                }
                eprintln!("run `cargo run -p sel4-api -- generate` and commit the result");
                ExitCode::FAILURE
            }
            Err(error) => fail(&error),
        },
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn fail(error: &str) -> ExitCode {
    eprintln!("sel4-api: {error}");
    ExitCode::FAILURE
}
