//! `yuma-node`: the yuma-chain node.

mod chain_spec;
mod cli;
mod command;
mod ports;
mod rpc;
mod service;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;

fn main() {
	if let Err(e) = command::run() {
		// One line, no backtrace: the error says what to fix.
		eprintln!("Error: {e}");
		std::process::exit(1);
	}
}
