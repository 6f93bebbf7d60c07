//! The `yuma-sim` simulator (feature `std`): one subnet, several epochs, from
//! the JSON format of YUMA.md, through [`epoch`](crate::epoch), to JSON. State
//! carries from one epoch to the next exactly as on chain.

use serde::{Deserialize, Serialize};

use crate::{epoch, to_u16, EpochConfig, EpochInput, Fx, PreviousState, SparseRow};

/// The `config` object: every key optional, unknown keys refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Config {
	kappa: u16,
	bonds_moving_average: u64,
	bonds_penalty: u16,
	yuma_version: u8,
	liquid_alpha_enabled: bool,
	alpha_low: u16,
	alpha_high: u16,
	alpha_sigmoid_steepness: f64,
	max_allowed_validators: u16,
	activity_cutoff: u64,
	validator_min_stake: u64,
	tempo: u64,
}

impl Default for Config {
	fn default() -> Self {
		let d = EpochConfig::default();
		Self {
			kappa: d.kappa,
			bonds_moving_average: d.bonds_moving_average,
			bonds_penalty: d.bonds_penalty,
			yuma_version: d.yuma_version,
			liquid_alpha_enabled: d.liquid_alpha_enabled,
			alpha_low: d.alpha_low,
			alpha_high: d.alpha_high,
			alpha_sigmoid_steepness: 10.0,
			max_allowed_validators: d.max_allowed_validators,
			activity_cutoff: d.activity_cutoff,
			validator_min_stake: d.validator_min_stake,
			tempo: d.tempo,
		}
	}
}

impl Config {
	fn to_epoch_config(&self) -> Result<EpochConfig, String> {
		let k = self.alpha_sigmoid_steepness;
		if !k.is_finite() || k.abs() >= 2f64.powi(31) {
			return Err(format!("config.alpha_sigmoid_steepness {k}: expected a finite number below 2^31 in size"));
		}
		#[allow(clippy::cast_possible_truncation, clippy::arithmetic_side_effects)]
		let bits = (k * 2f64.powi(32)).round() as i64;
		Ok(EpochConfig {
			kappa: self.kappa,
			bonds_moving_average: self.bonds_moving_average,
			bonds_penalty: self.bonds_penalty,
			yuma_version: self.yuma_version,
			liquid_alpha_enabled: self.liquid_alpha_enabled,
			alpha_low: self.alpha_low,
			alpha_high: self.alpha_high,
			alpha_sigmoid_steepness_bits: bits,
			max_allowed_validators: self.max_allowed_validators,
			activity_cutoff: self.activity_cutoff,
			validator_min_stake: self.validator_min_stake,
			tempo: self.tempo,
		})
	}
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Epoch {
	block: u64,
	emission: u64,
	stake: Vec<u64>,
	last_update: Vec<u64>,
	registered_at: Vec<u64>,
	weights: Vec<Vec<(u64, u16)>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
	#[serde(default)]
	config: Config,
	epochs: Vec<Epoch>,
}

#[derive(Serialize)]
struct EpochResult {
	consensus: Vec<f64>,
	incentive: Vec<f64>,
	dividends: Vec<f64>,
	trust: Vec<f64>,
	validator_trust: Vec<f64>,
	rank: Vec<f64>,
	emission: Vec<u64>,
	validator_permit: Vec<bool>,
	bonds: Vec<SparseRow>,
}

#[derive(Serialize)]
struct Output {
	epochs: Vec<EpochResult>,
}

/// Proportions as the chain stores them (`u16`), printed as `u16 / 65535`.
fn proportions(v: &[Fx]) -> Vec<f64> {
	v.iter().map(|x| f64::from(to_u16(*x)) / 65_535.0).collect()
}

/// Runs the simulation described by `json`; the output JSON, or one line
/// saying what is wrong with the input.
pub fn run(json: &str) -> Result<String, String> {
	let input: Input = serde_json::from_str(json).map_err(|e| format!("invalid input: {e}"))?;
	let config = input.config.to_epoch_config()?;
	let mut previous = PreviousState::default();
	let mut results = Vec::with_capacity(input.epochs.len());
	for (k, e) in input.epochs.into_iter().enumerate() {
		let n = e.stake.len();
		for (field, len) in [
			("last_update", e.last_update.len()),
			("registered_at", e.registered_at.len()),
			("weights", e.weights.len()),
		] {
			if len != n {
				return Err(format!(
					"epoch {k}: `{field}` has {len} entries but `stake` has {n} (one per uid)"
				));
			}
		}
		let mut weights = Vec::with_capacity(n);
		for (i, row) in e.weights.iter().enumerate() {
			let mut out = Vec::with_capacity(row.len());
			for (uid, value) in row {
				let uid16 = u16::try_from(*uid).ok().filter(|u| usize::from(*u) < n).ok_or_else(|| {
					format!("epoch {k}: weights[{i}] names uid {uid}, but there are only {n} uids")
				})?;
				out.push((uid16, *value));
			}
			weights.push(out);
		}
		let epoch_input = EpochInput {
			block: e.block,
			emission: e.emission,
			stake: e.stake,
			last_update: e.last_update,
			registered_at: e.registered_at,
			weights,
		};
		let out = epoch(&epoch_input, &config, &previous).map_err(|err| format!("epoch {k}: {err}"))?;
		results.push(EpochResult {
			consensus: proportions(&out.consensus),
			incentive: proportions(&out.incentive),
			dividends: proportions(&out.dividends),
			trust: proportions(&out.trust),
			validator_trust: proportions(&out.validator_trust),
			rank: proportions(&out.rank),
			emission: out.emission.clone(),
			validator_permit: out.validator_permit.clone(),
			bonds: out.bonds.clone(),
		});
		previous = PreviousState {
			last_epoch_block: e.block,
			permit: out.validator_permit,
			bonds: out.bonds,
		};
	}
	serde_json::to_string(&Output { epochs: results }).map_err(|e| format!("cannot write output: {e}"))
}
