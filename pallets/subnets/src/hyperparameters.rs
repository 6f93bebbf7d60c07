//! `set_hyperparameter`: one typed variant per hyperparameter, who may set it,
//! and its bounds.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{dispatch::DispatchResult, ensure, traits::Get};
use scale_info::TypeInfo;

use crate::{
	pallet::{Config, Error, Event, Hyperparams, LastHyperparameterChange, Pallet, SubnetN},
	NetUid, SubnetHyperparams, HYPERPARAMETER_FREEZE_BLOCKS, MAX_UIDS_BOUND, MAX_VALIDATORS_BOUND, ROOT_NETUID,
};

/// 21,000,000 TAO in rao: no burn may exceed the supply.
const MAX_SUPPLY_RAO: u64 = 21_000_000 * 1_000_000_000;

/// The highest `bonds_moving_average` an owner may set (per million).
pub const MAX_OWNER_BONDS_MOVING_AVERAGE: u64 = 990_000;

pub use yuma_primitives::MAX_OWNER_COMMIT_REVEAL_PERIOD;

/// The lowest `activity_cutoff` an owner may set on a subnet with `hp`:
/// two epoch intervals (`tempo + 1` blocks each), plus the commit-reveal
/// period's epochs when commit-reveal is on (a row lands only when it is
/// revealed, `period` epochs after its commit). A validator that sets or
/// reveals weights once in every epoch interval stays active even when an
/// epoch waits a tempo in the queue, and through the first `period` epochs
/// after commit-reveal is switched on.
pub fn min_owner_activity_cutoff(hp: &SubnetHyperparams) -> u64 {
	let period = if hp.commit_reveal_enabled { u64::from(hp.commit_reveal_period) } else { 0 };
	u64::from(hp.tempo).saturating_add(1).saturating_mul(period.saturating_add(2))
}

/// The lowest `alpha_low` or `alpha_high` an owner may set: 656 / 65,535,
/// just over 1% (liquid alpha's counterpart of the bound above).
pub const MIN_OWNER_ALPHA: u16 = 656;

/// One hyperparameter and its value. Variants marked *root* may be set by
/// root only; the others by the subnet owner too. Bounds are inclusive.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub enum Hyperparameter {
	/// *root* — share of active stake that must support a weight (65535 = 1.0). Any u16.
	Kappa(u16),
	/// Share of old bonds kept per epoch, per million. 0..=1,000,000 (owner: ..=990,000).
	BondsMovingAverage(u64),
	/// How much bonds follow clipped weights (65535 = 1.0). Any u16.
	BondsPenalty(u16),
	/// *root* — 3 (Yuma 3) or 2 (classic).
	YumaVersion(u8),
	/// Liquid alpha on or off.
	LiquidAlphaEnabled(bool),
	/// Lowest liquid alpha (65535 = 1.0). 1..=65535, not above `alpha_high`.
	AlphaLow(u16),
	/// Highest liquid alpha (65535 = 1.0). 1..=65535, not below `alpha_low`.
	AlphaHigh(u16),
	/// Sigmoid steepness in hundredths (1000 = 10.0). -10,000..=10,000.
	AlphaSigmoidSteepness(i32),
	/// *root* — validator permits. 1..=`max_allowed_uids`, at most 256 (the
	/// epoch reads one weights row per permit).
	MaxAllowedValidators(u16),
	/// Blocks a uid stays active after setting weights. 1..=1,000,000 (owner:
	/// at least [`min_owner_activity_cutoff`]).
	ActivityCutoff(u32),
	/// *root* — stake (rao) below which a validator's stake counts as 0. Any u64.
	ValidatorMinStake(u64),
	/// *root* — blocks between epochs. 1..=10,000.
	Tempo(u16),
	/// Blocks a new neuron is replaced only if every neuron is as new. Any
	/// u16.
	ImmunityPeriod(u16),
	/// *root* — most uids. 1..=4096, not below the current number of uids.
	MaxAllowedUids(u16),
	/// Fewest weights per call. 0..=`max_allowed_uids` (owner: with
	/// `max_weight_limit`, see [`Hyperparameter::check_owner`]).
	MinAllowedWeights(u16),
	/// Largest normalized weight (65535 = 1.0). 1..=65535 (owner: times
	/// `max(min_allowed_weights, 2)`, at least 65535).
	MaxWeightLimit(u16),
	/// *root* — blocks between two weight settings. 0..=100,000.
	WeightsRateLimit(u32),
	/// Version key validators must send. Any u64.
	WeightsVersionKey(u64),
	/// Commit-reveal of weights on or off (owner: on only with the cutoff
	/// [`min_owner_activity_cutoff`] asks for then).
	CommitRevealEnabled(bool),
	/// Epochs between commit and reveal. 1..=100 (owner: at most
	/// [`MAX_OWNER_COMMIT_REVEAL_PERIOD`], and within the cutoff's bound).
	CommitRevealPeriod(u16),
	/// Whether registration is open (owner: may open it; closing is root's).
	RegistrationAllowed(bool),
	/// *root* — most registrations per block. 1..=64.
	MaxRegsPerBlock(u16),
	/// *root* — registrations per interval burn and difficulty aim for. 1..=4096.
	TargetRegsPerInterval(u16),
	/// *root* — blocks between burn and difficulty adjustments. 1..=65535.
	AdjustmentInterval(u16),
	/// *root* — burn now (rao). `min_burn..=max_burn`.
	Burn(u64),
	/// *root* — lowest burn (rao). 1..=`max_burn`.
	MinBurn(u64),
	/// *root* — highest burn (rao). `min_burn..=21M TAO`.
	MaxBurn(u64),
	/// *root* — difficulty now. `min_difficulty..=max_difficulty`.
	Difficulty(u64),
	/// *root* — lowest difficulty. 1..=`max_difficulty`.
	MinDifficulty(u64),
	/// *root* — highest difficulty. `min_difficulty..=u64::MAX`.
	MaxDifficulty(u64),
	/// *root* — blocks between endpoint announcements. 0..=100,000.
	ServingRateLimit(u32),
}

impl Hyperparameter {
	/// The variant's position (its SCALE index), keying rate limits.
	pub fn index(&self) -> u8 {
		self.encode().first().copied().unwrap_or(0)
	}

	/// Whether only root may set it.
	pub fn root_only(&self) -> bool {
		use Hyperparameter::*;
		matches!(
			self,
			Kappa(_) |
				YumaVersion(_) | MaxAllowedValidators(_) |
				ValidatorMinStake(_) |
				Tempo(_) | MaxAllowedUids(_) |
				WeightsRateLimit(_) |
				MaxRegsPerBlock(_) |
				TargetRegsPerInterval(_) |
				AdjustmentInterval(_) |
				Burn(_) | MinBurn(_) |
				MaxBurn(_) | Difficulty(_) |
				MinDifficulty(_) |
				MaxDifficulty(_) |
				ServingRateLimit(_)
		)
	}

	/// The same variant holding `hp`'s current value.
	pub fn current(&self, hp: &SubnetHyperparams) -> Self {
		use Hyperparameter::*;
		match self {
			Kappa(_) => Kappa(hp.kappa),
			BondsMovingAverage(_) => BondsMovingAverage(hp.bonds_moving_average),
			BondsPenalty(_) => BondsPenalty(hp.bonds_penalty),
			YumaVersion(_) => YumaVersion(hp.yuma_version),
			LiquidAlphaEnabled(_) => LiquidAlphaEnabled(hp.liquid_alpha_enabled),
			AlphaLow(_) => AlphaLow(hp.alpha_low),
			AlphaHigh(_) => AlphaHigh(hp.alpha_high),
			AlphaSigmoidSteepness(_) => AlphaSigmoidSteepness(hp.alpha_sigmoid_steepness),
			MaxAllowedValidators(_) => MaxAllowedValidators(hp.max_allowed_validators),
			ActivityCutoff(_) => ActivityCutoff(hp.activity_cutoff),
			ValidatorMinStake(_) => ValidatorMinStake(hp.validator_min_stake),
			Tempo(_) => Tempo(hp.tempo),
			ImmunityPeriod(_) => ImmunityPeriod(hp.immunity_period),
			MaxAllowedUids(_) => MaxAllowedUids(hp.max_allowed_uids),
			MinAllowedWeights(_) => MinAllowedWeights(hp.min_allowed_weights),
			MaxWeightLimit(_) => MaxWeightLimit(hp.max_weight_limit),
			WeightsRateLimit(_) => WeightsRateLimit(hp.weights_rate_limit),
			WeightsVersionKey(_) => WeightsVersionKey(hp.weights_version_key),
			CommitRevealEnabled(_) => CommitRevealEnabled(hp.commit_reveal_enabled),
			CommitRevealPeriod(_) => CommitRevealPeriod(hp.commit_reveal_period),
			RegistrationAllowed(_) => RegistrationAllowed(hp.registration_allowed),
			MaxRegsPerBlock(_) => MaxRegsPerBlock(hp.max_regs_per_block),
			TargetRegsPerInterval(_) => TargetRegsPerInterval(hp.target_regs_per_interval),
			AdjustmentInterval(_) => AdjustmentInterval(hp.adjustment_interval),
			Burn(_) => Burn(hp.burn),
			MinBurn(_) => MinBurn(hp.min_burn),
			MaxBurn(_) => MaxBurn(hp.max_burn),
			Difficulty(_) => Difficulty(hp.difficulty),
			MinDifficulty(_) => MinDifficulty(hp.min_difficulty),
			MaxDifficulty(_) => MaxDifficulty(hp.max_difficulty),
			ServingRateLimit(_) => ServingRateLimit(hp.serving_rate_limit),
		}
	}

	/// The owner's bounds, beyond [`Self::check`]'s: what keeps a subnet
	/// usable for its miners and validators whatever its owner does (root is
	/// not held to them). `OutsideOwnerBounds` otherwise.
	/// - `activity_cutoff` at least [`min_owner_activity_cutoff`], checked
	///   on a change of the cutoff, of `commit_reveal_period` and on switching
	///   commit-reveal on; `commit_reveal_period` at most
	///   [`MAX_OWNER_COMMIT_REVEAL_PERIOD`]: validators that set weights once
	///   an epoch stay active.
	/// - `max_weight_limit × max(min_allowed_weights, 2) ≥ 65,535`, checked
	///   on both: a row spreading its weight equally over
	///   `max(min_allowed_weights, 2)` uids or more is never refused for its
	///   largest weight.
	/// - `immunity_period` has no owner bound: a full subnet whose every
	///   neuron is immune still replaces one (the lowest pruning score), so
	///   no immunity period locks newcomers out.
	/// - `bonds_moving_average ≤ 990,000`: at least 1% of each epoch's bonds
	///   come from the new weights, so bonds move (1,000,000 would freeze them).
	/// - `alpha_low`, `alpha_high` at least 656 (1%): liquid alpha moves at
	///   least 1% of the bonds an epoch, as the bound above does for fixed alpha.
	/// - Registration may be opened, not closed: closing it is root's.
	pub fn check_owner<T: Config>(&self, hp: &SubnetHyperparams) -> Result<(), Error<T>> {
		use Hyperparameter::*;
		let within = |ok: bool| if ok { Ok(()) } else { Err(Error::<T>::OutsideOwnerBounds) };
		let rows_pass = |limit: u16, min_weights: u16| u32::from(limit).saturating_mul(u32::from(min_weights.max(2))) >= 65_535;
		match *self {
			// Judged on the subnet as it would be after the change.
			ActivityCutoff(_) | CommitRevealPeriod(_) | CommitRevealEnabled(true) => {
				let mut after = hp.clone();
				self.apply(&mut after);
				let period_capped =
					matches!(self, ActivityCutoff(_)) || after.commit_reveal_period <= MAX_OWNER_COMMIT_REVEAL_PERIOD;
				within(period_capped && u64::from(after.activity_cutoff) >= min_owner_activity_cutoff(&after))
			},
			MaxWeightLimit(v) => within(rows_pass(v, hp.min_allowed_weights)),
			MinAllowedWeights(v) => within(rows_pass(hp.max_weight_limit, v)),
			BondsMovingAverage(v) => within(v <= MAX_OWNER_BONDS_MOVING_AVERAGE),
			AlphaLow(v) | AlphaHigh(v) => within(v >= MIN_OWNER_ALPHA),
			RegistrationAllowed(open) => within(open),
			_ => Ok(()),
		}
	}

	/// Checks the value against its bounds, given the subnet's other
	/// hyperparameters, its number of uids `n`, and the most uids it may
	/// have (`uid_cap`: 4096, or the root member limit on root).
	pub fn check<T: Config>(&self, hp: &SubnetHyperparams, n: u16, uid_cap: u16) -> Result<(), Error<T>> {
		use Hyperparameter::*;
		let within = |ok: bool| if ok { Ok(()) } else { Err(Error::<T>::ValueOutOfBounds) };
		match *self {
			Kappa(_) | BondsPenalty(_) | LiquidAlphaEnabled(_) | ValidatorMinStake(_) |
			ImmunityPeriod(_) | WeightsVersionKey(_) | CommitRevealEnabled(_) |
			RegistrationAllowed(_) => Ok(()),
			BondsMovingAverage(v) => within(v <= 1_000_000),
			YumaVersion(v) => within(v == 2 || v == 3),
			AlphaLow(v) => {
				within(v >= 1)?;
				ensure!(v <= hp.alpha_high, Error::<T>::AlphaBoundsInverted);
				Ok(())
			},
			AlphaHigh(v) => {
				within(v >= 1)?;
				ensure!(v >= hp.alpha_low, Error::<T>::AlphaBoundsInverted);
				Ok(())
			},
			AlphaSigmoidSteepness(v) => within((-10_000..=10_000).contains(&v)),
			MaxAllowedValidators(v) => within(v >= 1 && v <= hp.max_allowed_uids.min(MAX_VALIDATORS_BOUND)),
			ActivityCutoff(v) => within((1..=1_000_000).contains(&v)),
			Tempo(v) => within((1..=10_000).contains(&v)),
			MaxAllowedUids(v) => {
				within(v >= 1 && v <= uid_cap.min(MAX_UIDS_BOUND))?;
				ensure!(v >= n, Error::<T>::MaxUidsBelowCurrent);
				Ok(())
			},
			MinAllowedWeights(v) => within(v <= hp.max_allowed_uids),
			MaxWeightLimit(v) => within(v >= 1),
			WeightsRateLimit(v) | ServingRateLimit(v) => within(v <= 100_000),
			CommitRevealPeriod(v) => within((1..=100).contains(&v)),
			MaxRegsPerBlock(v) => within((1..=64).contains(&v)),
			TargetRegsPerInterval(v) => within((1..=MAX_UIDS_BOUND).contains(&v)),
			AdjustmentInterval(v) => within(v >= 1),
			Burn(v) => {
				ensure!(v >= hp.min_burn && v <= hp.max_burn, Error::<T>::MinAboveMax);
				Ok(())
			},
			MinBurn(v) => {
				within(v >= 1)?;
				ensure!(v <= hp.max_burn, Error::<T>::MinAboveMax);
				Ok(())
			},
			MaxBurn(v) => {
				within(v <= MAX_SUPPLY_RAO)?;
				ensure!(v >= hp.min_burn, Error::<T>::MinAboveMax);
				Ok(())
			},
			Difficulty(v) => {
				ensure!(v >= hp.min_difficulty && v <= hp.max_difficulty, Error::<T>::MinAboveMax);
				Ok(())
			},
			MinDifficulty(v) => {
				within(v >= 1)?;
				ensure!(v <= hp.max_difficulty, Error::<T>::MinAboveMax);
				Ok(())
			},
			MaxDifficulty(v) => {
				ensure!(v >= hp.min_difficulty, Error::<T>::MinAboveMax);
				Ok(())
			},
		}
	}

	/// Writes the value into `hp`. A new minimum or maximum pulls the current
	/// burn or difficulty inside the new bounds (the caller reports that as a
	/// change of its own).
	pub fn apply(&self, hp: &mut SubnetHyperparams) {
		use Hyperparameter::*;
		match *self {
			Kappa(v) => hp.kappa = v,
			BondsMovingAverage(v) => hp.bonds_moving_average = v,
			BondsPenalty(v) => hp.bonds_penalty = v,
			YumaVersion(v) => hp.yuma_version = v,
			LiquidAlphaEnabled(v) => hp.liquid_alpha_enabled = v,
			AlphaLow(v) => hp.alpha_low = v,
			AlphaHigh(v) => hp.alpha_high = v,
			AlphaSigmoidSteepness(v) => hp.alpha_sigmoid_steepness = v,
			MaxAllowedValidators(v) => hp.max_allowed_validators = v,
			ActivityCutoff(v) => hp.activity_cutoff = v,
			ValidatorMinStake(v) => hp.validator_min_stake = v,
			Tempo(v) => hp.tempo = v,
			ImmunityPeriod(v) => hp.immunity_period = v,
			MaxAllowedUids(v) => hp.max_allowed_uids = v,
			MinAllowedWeights(v) => hp.min_allowed_weights = v,
			MaxWeightLimit(v) => hp.max_weight_limit = v,
			WeightsRateLimit(v) => hp.weights_rate_limit = v,
			WeightsVersionKey(v) => hp.weights_version_key = v,
			CommitRevealEnabled(v) => hp.commit_reveal_enabled = v,
			CommitRevealPeriod(v) => hp.commit_reveal_period = v,
			RegistrationAllowed(v) => hp.registration_allowed = v,
			MaxRegsPerBlock(v) => hp.max_regs_per_block = v,
			TargetRegsPerInterval(v) => hp.target_regs_per_interval = v,
			AdjustmentInterval(v) => hp.adjustment_interval = v,
			Burn(v) => hp.burn = v,
			MinBurn(v) => {
				hp.min_burn = v;
				hp.burn = hp.burn.max(v);
			},
			MaxBurn(v) => {
				hp.max_burn = v;
				hp.burn = hp.burn.min(v);
			},
			Difficulty(v) => hp.difficulty = v,
			MinDifficulty(v) => {
				hp.min_difficulty = v;
				hp.difficulty = hp.difficulty.max(v);
			},
			MaxDifficulty(v) => {
				hp.max_difficulty = v;
				hp.difficulty = hp.difficulty.min(v);
			},
			ServingRateLimit(v) => hp.serving_rate_limit = v,
		}
	}
}

/// Blocks from `now` until the subnet's next epoch, which runs at the blocks
/// `b` with `(b + netuid + 1) % (tempo + 1) == 0` (0 when `now` is one).
pub fn blocks_until_epoch(netuid: NetUid, tempo: u16, now: u64) -> u64 {
	let period = u64::from(tempo).saturating_add(1);
	let phase = now.saturating_add(u64::from(netuid)).saturating_add(1).checked_rem(period).unwrap_or(0);
	period.saturating_sub(phase).checked_rem(period).unwrap_or(0)
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_hyperparameter(
		netuid: NetUid,
		value: Hyperparameter,
		by_owner: bool,
	) -> DispatchResult {
		let mut hp = Hyperparams::<T>::get(netuid).ok_or(Error::<T>::SubnetNotFound)?;
		let now = Self::now();
		if by_owner {
			ensure!(!value.root_only(), Error::<T>::RootOnlyHyperparameter);
			if let Some(last) = LastHyperparameterChange::<T>::get(netuid, value.index()) {
				let wait = u64::from(hp.tempo).saturating_mul(2);
				ensure!(now >= last.saturating_add(wait), Error::<T>::HyperparameterRateLimited);
			}
			let until = blocks_until_epoch(netuid, hp.tempo, now);
			ensure!(
				until == 0 || until > HYPERPARAMETER_FREEZE_BLOCKS,
				Error::<T>::TooCloseToEpoch
			);
		}
		let uid_cap = if netuid == ROOT_NETUID { T::MaxRootMembers::get() } else { MAX_UIDS_BOUND };
		value.check::<T>(&hp, SubnetN::<T>::get(netuid), uid_cap)?;
		if by_owner {
			value.check_owner::<T>(&hp)?;
		}

		let before = hp.clone();
		value.apply(&mut hp);
		Hyperparams::<T>::insert(netuid, &hp);
		if by_owner {
			LastHyperparameterChange::<T>::insert(netuid, value.index(), now);
		}
		Self::deposit_event(Event::HyperparameterSet { netuid, from: value.current(&before), to: value });
		// A moved bound may have pulled the burn or the difficulty along.
		for follower in [Hyperparameter::Burn(0), Hyperparameter::Difficulty(0)] {
			let (old, new) = (follower.current(&before), follower.current(&hp));
			if old != new {
				Self::deposit_event(Event::HyperparameterSet { netuid, from: old, to: new });
			}
		}
		Ok(())
	}
}
