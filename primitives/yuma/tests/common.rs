//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use yuma_consensus::{EpochConfig, EpochInput, Fx, PreviousState, SparseRow};

/// `x` as f64.
pub fn f(x: Fx) -> f64 {
	x.to_num::<f64>()
}

/// Asserts `got ≈ want` within `tol`, naming what is compared.
#[track_caller]
pub fn close(what: &str, got: Fx, want: f64, tol: f64) {
	let g = f(got);
	assert!((g - want).abs() <= tol, "{what}: got {g}, want {want} (±{tol})");
}

/// Asserts every entry of `got` is within `tol` of `want`.
#[track_caller]
pub fn close_all(what: &str, got: &[Fx], want: &[f64], tol: f64) {
	assert_eq!(got.len(), want.len(), "{what}: length");
	for (k, (g, w)) in got.iter().zip(want).enumerate() {
		close(&format!("{what}[{k}]"), *g, *w, tol);
	}
}

/// An epoch at `block` where every uid set weights at `block - 1` and
/// registered at block 0.
pub fn input(block: u64, emission: u64, stake: Vec<u64>, weights: Vec<SparseRow>) -> EpochInput {
	let n = stake.len();
	EpochInput {
		block,
		emission,
		stake,
		last_update: vec![block.saturating_sub(1); n],
		registered_at: vec![0; n],
		weights,
	}
}

/// Runs epochs back to back, carrying permits and bonds as the chain does.
pub struct Chain {
	pub config: EpochConfig,
	pub previous: PreviousState,
}

impl Chain {
	pub fn new(config: EpochConfig) -> Self {
		Self { config, previous: PreviousState::default() }
	}

	pub fn step(&mut self, input: &EpochInput) -> yuma_consensus::EpochOutput {
		let out = yuma_consensus::epoch(input, &self.config, &self.previous).expect("valid input");
		self.previous = PreviousState {
			last_epoch_block: input.block,
			permit: out.validator_permit.clone(),
			bonds: out.bonds.clone(),
		};
		out
	}
}
