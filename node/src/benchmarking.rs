//! `yuma-node benchmark …` (feature `runtime-benchmarks`).
//!
//! `benchmark pallet` runs the runtime's FRAME benchmarks and writes weight
//! files; `benchmark machine` measures this machine against the reference
//! hardware. The other benchmark kinds are not offered.

use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use sc_cli::SubstrateCli;

use crate::cli::Cli;

/// Runs one benchmark subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => cmd
			.run_with_spec::<sp_runtime::traits::HashingFor<yuma_runtime::opaque::Block>, ()>(
				Some(config.chain_spec),
			),
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
		_ => Err("yuma-node offers `benchmark pallet` and `benchmark machine` only".into()),
	})
}
