//! `yuma-sim INPUT.json` (or `-` for standard input): runs Yuma Consensus over
//! the epochs of one subnet and prints the output JSON (shared/YUMA.md).
//! Bad input: one line on standard error, exit code 2.

use std::io::Read;

fn main() {
	let mut args = std::env::args().skip(1);
	let (Some(path), None) = (args.next(), args.next()) else {
		fail("usage: yuma-sim INPUT.json   (or - to read standard input)");
	};
	let mut json = String::new();
	let read = if path == "-" {
		std::io::stdin().read_to_string(&mut json).map(|_| ())
	} else {
		std::fs::read_to_string(&path).map(|s| json = s)
	};
	if let Err(e) = read {
		fail(&format!("cannot read {path}: {e}"));
	}
	match yuma_consensus::sim::run(&json) {
		Ok(out) => println!("{out}"),
		Err(e) => fail(&e),
	}
}

fn fail(msg: &str) -> ! {
	eprintln!("yuma-sim: {msg}");
	std::process::exit(2)
}
