//! Command-line interface of `yuma-node`.

use sc_cli::RunCmd;

/// `yuma-node [SUBCOMMAND] [OPTIONS]`: without a subcommand, runs a node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// What to do instead of running a node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node (`--dev`, `--chain`, ports, database, …).
	#[clap(flatten)]
	pub run: RunCmd,
}

/// The subcommands of `yuma-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (zombienet uses this, with `--raw`).
	/// `export-chain-spec` does the same without the legacy options.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification, plain or `--raw`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime benchmarks (needs a node built with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),
}
