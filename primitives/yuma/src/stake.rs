//! Steps 1, 2 and 4: activity, stake, and active stake.

use alloc::vec::Vec;

use crate::{
	math::{ratio, Fx},
	types::{EpochConfig, EpochInput},
};

/// Step 1: `active[i] = last_update[i] + activity_cutoff >= block`.
pub fn activity(input: &EpochInput, config: &EpochConfig) -> Vec<bool> {
	input
		.last_update
		.iter()
		.map(|u| u.saturating_add(config.activity_cutoff) >= input.block)
		.collect()
}

/// Step 2: stake below `validator_min_stake` counts as 0. The engine keeps raw
/// rao and divides only when it needs a proportion, so `s = normalize(stake')`
/// is exact and scaling every stake changes nothing.
pub fn effective_stake(input: &EpochInput, config: &EpochConfig) -> Vec<u64> {
	counted(&input.stake, config)
}

/// `stake'` of step 2 from the raw stake alone.
pub fn counted(stake: &[u64], config: &EpochConfig) -> Vec<u64> {
	stake.iter().map(|s| if *s < config.validator_min_stake { 0 } else { *s }).collect()
}

/// Active stake of step 4, in rao and normalized.
pub struct ActiveStake {
	/// `stake'[i]` if `i` is active and holds a permit, else 0.
	pub raw: Vec<u64>,
	/// Sum of `raw`.
	pub total: u128,
	/// `a = normalize(raw)`.
	pub share: Vec<Fx>,
}

/// Step 4: the stake of active permit holders, normalized.
pub fn active_stake(stake: &[u64], active: &[bool], permit: &[bool]) -> ActiveStake {
	let raw: Vec<u64> = stake
		.iter()
		.zip(active)
		.zip(permit)
		.map(|((s, a), p)| if *a && *p { *s } else { 0 })
		.collect();
	let total: u128 = raw.iter().map(|s| u128::from(*s)).sum();
	let share = shares(&raw, total);
	ActiveStake { raw, total, share }
}

/// `floor(raw[i] / total)` for every `i`, exactly (zeros when `total == 0`).
/// O(n) divisions: exactness makes stake scaling invariant to the bit.
pub fn shares(raw: &[u64], total: u128) -> Vec<Fx> {
	raw.iter().map(|s| ratio(u128::from(*s), total)).collect()
}
