//! # Yuma Consensus
//!
//! The epoch of one subnet, as specified in `shared/YUMA.md`: from the stake,
//! weights and bonds stored on chain to consensus, incentive, dividends, new
//! bonds and an exact payout in rao. The runtime calls [`epoch`] every tempo;
//! the `yuma-sim` simulator (feature `std`) runs the very same code off chain.
//!
//! ## The algorithm in brief
//!
//! 1. **Activity**: a uid is active if it set weights within `activity_cutoff` blocks.
//! 2. **Stake** below `validator_min_stake` counts as 0; `s = normalize(stake)`.
//! 3. **Permits** for the next epoch go to the `max_allowed_validators` largest stakes.
//! 4. **Active stake** `a`: the stake of active holders of the previous permits, normalized.
//! 5. **Weights** of permit holders, without self-weights or weights older than
//!    their target's registration, normalized per row.
//! 6. **Consensus** `C[j]`: the highest weight that `kappa` of active stake gives `j`.
//! 7. **Clipping**: weights above consensus are cut down to it.
//! 8. **Validator trust**: what is left of each validator's weights.
//! 9. **Rank** (stake-weighted clipped weights), **trust** (rank over prerank),
//!    **incentive** (rank, normalized).
//! 10. **Bond weights**: between raw and clipped weights, by `bonds_penalty`.
//! 11. **Bond reset** for slots re-registered since the last epoch.
//! 12. **Alpha**: fixed, or liquid (a sigmoid of how far a weight departs from consensus).
//! 13. **Bonds and dividends**: Yuma 3 (bonds as absolute proportions that move
//!     toward the bond weights) or classic (bonds normalized per miner).
//! 14. **Payout**: miners by incentive, validators by dividends, in whole rao,
//!     summing exactly to the emission.
//!
//! ## Numbers
//!
//! All arithmetic is integer: proportions are [`Fx`], the `U32F32` type of the
//! [`fixed`](https://docs.rs/fixed) crate, which is maintained, `no_std`, has
//! no unsafe arithmetic surprises (every operation has a saturating or checked
//! form) and no dependency on FRAME or `sp-*`. Thirty-two fractional bits are
//! twice the precision of the `u16` values the chain stores, and a product of
//! two of them fits a machine multiply. Stake stays in raw rao until a
//! proportion is needed, so scaling all stakes changes no bit of the result,
//! and consensus compares stake sums exactly. Liquid alpha's sigmoid is
//! evaluated exactly (integer `exp`) on a table of 8,193 points per epoch and
//! interpolated linearly between them.
//!
//! ## Cost
//!
//! O(nnz · log V) time and O(n + nnz) memory, where nnz counts weight and bond
//! entries and V permitted validators: matrices are compressed sparse rows
//! ([`sparse`]), consensus sorts each column's entries once, and nothing is
//! ever dense in n × n or n × V.
//!
//! ## Example
//!
//! ```
//! use yuma_consensus::{epoch, EpochConfig, EpochInput, PreviousState};
//!
//! // Uid 0 validates (all the stake) and weights miners 1 and 2 three to one.
//! let input = EpochInput {
//!     block: 361,
//!     emission: 1_000_000_000,
//!     stake: vec![1_000, 0, 0],
//!     last_update: vec![360, 0, 0],
//!     registered_at: vec![0, 0, 0],
//!     weights: vec![vec![(1, 65_535), (2, 21_845)], vec![], vec![]],
//! };
//! let out = epoch(&input, &EpochConfig::default(), &PreviousState::default()).unwrap();
//!
//! // Incentive follows the weights: 3/4 and 1/4.
//! assert_eq!(yuma_consensus::to_u16(out.incentive[1]), 49_151);
//! assert_eq!(yuma_consensus::to_u16(out.incentive[2]), 16_384);
//! // Every rao is paid: half to the miners, half to the validator.
//! assert_eq!(out.emission.iter().sum::<u64>(), 1_000_000_000);
//! assert_eq!(out.emission[0], 500_000_000);
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod bonds;
pub mod clipping;
pub mod consensus;
pub mod dividends;
pub mod math;
pub mod payout;
pub mod permits;
pub mod ranks;
pub mod sparse;
pub mod stake;
mod types;
pub mod weights;

#[cfg(feature = "std")]
pub mod sim;

use alloc::vec::Vec;

pub use math::{from_u16, to_u16, to_u16_vec, Fx};
pub use types::{EpochConfig, EpochInput, EpochOutput, Error, PreviousState, SparseRow, Uid};

/// The largest subnet a `u16` uid can address.
pub const MAX_UIDS: usize = 1 << 16;

/// The uids whose weights rows an epoch over `stake` reads (step 4's
/// permits: the previous epoch's, or in a subnet's first epoch those of
/// step 3). Every other row is removed at step 5 unread, so a caller may
/// leave it empty: the output is the same.
pub fn rows_read(stake: &[u64], config: &EpochConfig, previous: &PreviousState) -> Vec<bool> {
	let new = permits::new_permits(&stake::counted(stake, config), config.max_allowed_validators);
	permits::weighing(&new, stake.len(), previous)
}

/// Runs one epoch of one subnet (YUMA.md steps 1 to 15).
///
/// Fails only on inconsistent input ([`Error`]): vectors of different
/// lengths, more than [`MAX_UIDS`] uids, or an invalid configuration. Odd but
/// consistent input (no stake, no weights, unsorted or duplicate uids, uids
/// `>= n`, `kappa` of 0 or 1, …) is handled as the specification says.
pub fn epoch(
	input: &EpochInput,
	config: &EpochConfig,
	previous: &PreviousState,
) -> Result<EpochOutput, Error> {
	validate(input, config)?;
	let n = input.stake.len();

	// Steps 1 to 4.
	let active = stake::activity(input, config);
	let stake = stake::effective_stake(input, config);
	let validator_permit = permits::new_permits(&stake, config.max_allowed_validators);
	let permit = permits::weighing(&validator_permit, n, previous);
	let a = stake::active_stake(&stake, &active, &permit);

	// Steps 5 to 9.
	let w = weights::masked_weights(input, &permit);
	let c = consensus::consensus(&w, &a, config.kappa);
	let r = ranks::ranks(&w, &c, &a.share);

	// Steps 10 to 13.
	let inputs = bonds::BondInputs {
		weights: &w,
		consensus: &c,
		previous: &previous.bonds,
		registered_at: &input.registered_at,
		reset_block: bonds::reset_block(input, config, previous),
		penalty: from_u16(config.bonds_penalty),
	};
	let (dividends, stored_bonds) = if config.yuma_version == 2 {
		// Classic bonds never use liquid alpha.
		let b = bonds::classic(&inputs, bonds::Alpha::fixed(config), &a.share, &r);
		(dividends::classic(&b), bonds::store_classic(&b, &validator_permit))
	} else {
		let b = bonds::yuma3(&inputs, &bonds::Alpha::new(config, &c), &validator_permit);
		(dividends::yuma3(&b, &r.incentive, &a.share), b.stored)
	};

	// Step 14: miners by I and validators by D, E * (I + D) / (sum I + sum D);
	// with neither, validators by active stake, or by stake.
	let has_rewards = r.incentive.iter().chain(&dividends).any(|x| *x > Fx::ZERO);
	let pay_by: Vec<Fx> = if has_rewards {
		r.incentive.iter().zip(&dividends).map(|(i, d)| i.saturating_add(*d)).collect()
	} else if a.total > 0 {
		a.share.clone()
	} else {
		let total: u128 = stake.iter().map(|s| u128::from(*s)).sum();
		stake::shares(&stake, total)
	};
	let (emission, unallocated) = payout::pay(input.emission, &pay_by);

	Ok(EpochOutput {
		active,
		validator_permit,
		consensus: c,
		rank: r.rank,
		trust: r.trust,
		incentive: r.incentive,
		dividends,
		validator_trust: r.validator_trust,
		emission,
		unallocated,
		bonds: stored_bonds,
	})
}

fn validate(input: &EpochInput, config: &EpochConfig) -> Result<(), Error> {
	let n = input.stake.len();
	if n > MAX_UIDS {
		return Err(Error::TooManyUids(n));
	}
	for (field, found) in [
		("last_update", input.last_update.len()),
		("registered_at", input.registered_at.len()),
		("weights", input.weights.len()),
	] {
		if found != n {
			return Err(Error::LengthMismatch { field, expected: n, found });
		}
	}
	if !matches!(config.yuma_version, 2 | 3) {
		return Err(Error::UnknownYumaVersion(config.yuma_version));
	}
	if config.bonds_moving_average > 1_000_000 {
		return Err(Error::BondsMovingAverageTooHigh(config.bonds_moving_average));
	}
	if config.alpha_low > config.alpha_high {
		return Err(Error::AlphaBoundsInverted { low: config.alpha_low, high: config.alpha_high });
	}
	Ok(())
}
