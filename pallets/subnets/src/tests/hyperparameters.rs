//! `set_hyperparameter`: permissions, bounds, rate limit, epoch freeze, events.

use frame_support::{assert_noop, assert_ok};
use yuma_primitives::{SubnetHyperparams, MAX_OWNER_COMMIT_REVEAL_PERIOD};

use crate::{
	hyperparameters::blocks_until_epoch, mock::*, Error, Event, Hyperparameter as H, Hyperparams,
};

/// A subnet owned by 1, at a block far from its epoch.
fn subnet() -> u16 {
	let netuid = add_network(1);
	events();
	netuid
}

#[test]
fn the_owner_sets_an_owner_hyperparameter() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::signed(1), netuid, H::ImmunityPeriod(77)));
		assert_eq!(Hyperparams::<Test>::get(netuid).unwrap().immunity_period, 77);
		assert_eq!(
			events(),
			vec![Event::HyperparameterSet { netuid, from: H::ImmunityPeriod(5_000), to: H::ImmunityPeriod(77) }]
		);
	});
}

#[test]
fn root_only_hyperparameters_refuse_the_owner() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		for value in [H::Tempo(100), H::Kappa(1), H::Burn(2 * TAO), H::MaxAllowedUids(10), H::YumaVersion(2)] {
			assert!(value.root_only());
			assert_noop!(
				Subnets::set_hyperparameter(RuntimeOrigin::signed(1), netuid, value.clone()),
				Error::<Test>::RootOnlyHyperparameter
			);
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, value));
		}
	});
}

#[test]
fn others_and_unknown_subnets_are_refused() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::signed(2), netuid, H::ImmunityPeriod(1)),
			Error::<Test>::NotSubnetOwner
		);
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::signed(1), 0, H::ImmunityPeriod(1)),
			Error::<Test>::NotSubnetOwner
		);
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::root(), 42, H::ImmunityPeriod(1)),
			Error::<Test>::SubnetNotFound
		);
	});
}

#[test]
fn out_of_bounds_values_are_named_errors_and_change_nothing() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		let root = || RuntimeOrigin::root();
		for value in [
			H::BondsMovingAverage(1_000_001),
			H::YumaVersion(4),
			H::Tempo(0),
			H::Tempo(10_001),
			H::MaxAllowedUids(0),
			H::MaxAllowedUids(4_097),
			H::MaxAllowedValidators(257),
			H::MinAllowedWeights(257),
			H::MaxWeightLimit(0),
			H::CommitRevealPeriod(0),
			H::MaxRegsPerBlock(65),
			H::TargetRegsPerInterval(0),
			H::AdjustmentInterval(0),
			H::ActivityCutoff(0),
			H::AlphaLow(0),
			H::AlphaSigmoidSteepness(10_001),
			H::WeightsRateLimit(100_001),
			H::MinBurn(0),
			H::MaxBurn(21_000_001 * TAO),
			H::MinDifficulty(0),
		] {
			assert_noop!(
				Subnets::set_hyperparameter(root(), netuid, value.clone()),
				Error::<Test>::ValueOutOfBounds
			);
		}
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::AlphaLow(60_000)), Error::<Test>::AlphaBoundsInverted);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::AlphaHigh(40_000)), Error::<Test>::AlphaBoundsInverted);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::MinBurn(101 * TAO)), Error::<Test>::MinAboveMax);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::MaxBurn(1)), Error::<Test>::MinAboveMax);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::Burn(101 * TAO)), Error::<Test>::MinAboveMax);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::Difficulty(1)), Error::<Test>::MinAboveMax);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::MinDifficulty(u64::MAX)), Error::<Test>::MinAboveMax);
		assert_noop!(Subnets::set_hyperparameter(root(), netuid, H::MaxDifficulty(1)), Error::<Test>::MinAboveMax);
	});
}

#[test]
fn max_allowed_uids_cannot_drop_below_the_registered_count() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::MaxRegsPerBlock(10));
		for hotkey in 100..103 {
			assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, hotkey));
		}
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, H::MaxAllowedUids(2)),
			Error::<Test>::MaxUidsBelowCurrent
		);
		root_set(netuid, H::MaxAllowedUids(3));
	});
}

#[test]
fn validator_permits_are_capped_at_256_whatever_the_subnet_size() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::MaxAllowedUids(4_096));
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, H::MaxAllowedValidators(257)),
			Error::<Test>::ValueOutOfBounds
		);
		root_set(netuid, H::MaxAllowedValidators(256));
		assert_eq!(Hyperparams::<Test>::get(netuid).unwrap().max_allowed_validators, 256);
	});
}

#[test]
fn root_membership_is_capped_by_max_root_members() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::root(), 0, H::MaxAllowedUids(4)),
			Error::<Test>::ValueOutOfBounds
		);
		root_set(0, H::MaxAllowedUids(2));
	});
}

#[test]
fn a_new_bound_pulls_the_current_value_and_says_so() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::MinBurn(2 * TAO));
		assert_eq!(Hyperparams::<Test>::get(netuid).unwrap().burn, 2 * TAO);
		assert_eq!(
			events(),
			vec![
				Event::HyperparameterSet { netuid, from: H::MinBurn(TAO / 2_000), to: H::MinBurn(2 * TAO) },
				Event::HyperparameterSet { netuid, from: H::Burn(TAO), to: H::Burn(2 * TAO) },
			]
		);
		root_set(netuid, H::MaxDifficulty(20_000_000));
		root_set(netuid, H::Difficulty(20_000_000));
		root_set(netuid, H::MaxDifficulty(15_000_000));
		assert_eq!(Hyperparams::<Test>::get(netuid).unwrap().difficulty, 15_000_000);
	});
}

#[test]
fn owner_changes_are_rate_limited_per_parameter_to_one_per_two_tempos() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::Tempo(100));
		let owner = || RuntimeOrigin::signed(1);
		assert_ok!(Subnets::set_hyperparameter(owner(), netuid, H::ImmunityPeriod(10)));
		assert_noop!(
			Subnets::set_hyperparameter(owner(), netuid, H::ImmunityPeriod(20)),
			Error::<Test>::HyperparameterRateLimited
		);
		// Another parameter is not limited by the first.
		assert_ok!(Subnets::set_hyperparameter(owner(), netuid, H::MaxWeightLimit(40_000)));
		// Two tempos later, avoiding the freeze before the epoch.
		let mut at = System::block_number() + 200;
		while (1..=10).contains(&blocks_until_epoch(netuid, 100, at)) {
			at += 1;
		}
		run_to_block(at - 1);
		assert_noop!(
			Subnets::set_hyperparameter(owner(), netuid, H::ImmunityPeriod(20)),
			Error::<Test>::HyperparameterRateLimited
		);
		run_to_block(at);
		assert_ok!(Subnets::set_hyperparameter(owner(), netuid, H::ImmunityPeriod(20)));
		// Root is never rate limited.
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, H::ImmunityPeriod(30)));
	});
}

#[test]
fn owners_cannot_change_anything_in_the_last_ten_blocks_before_the_epoch() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::Tempo(100));
		// Epochs of netuid 1 with tempo 100: blocks b with (b + 2) % 101 == 0, so 99, 200, ...
		assert_eq!(blocks_until_epoch(netuid, 100, 99), 0);
		assert_eq!(blocks_until_epoch(netuid, 100, 89), 10);
		assert_eq!(blocks_until_epoch(netuid, 100, 88), 11);
		run_to_block(89);
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::signed(1), netuid, H::ImmunityPeriod(1)),
			Error::<Test>::TooCloseToEpoch
		);
		run_to_block(98);
		assert_noop!(
			Subnets::set_hyperparameter(RuntimeOrigin::signed(1), netuid, H::ImmunityPeriod(1)),
			Error::<Test>::TooCloseToEpoch
		);
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, H::ImmunityPeriod(1)));
		run_to_block(99);
		assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::signed(1), netuid, H::ImmunityPeriod(2)));
	});
}

#[test]
fn every_variant_reads_back_what_root_set() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		let values = [
			H::Kappa(40_000),
			H::BondsMovingAverage(500_000),
			H::BondsPenalty(100),
			H::YumaVersion(2),
			H::LiquidAlphaEnabled(true),
			H::AlphaLow(30_000),
			H::AlphaHigh(60_000),
			H::AlphaSigmoidSteepness(-250),
			H::MaxAllowedValidators(10),
			H::ActivityCutoff(77),
			H::ValidatorMinStake(5),
			H::Tempo(99),
			H::ImmunityPeriod(12),
			H::MaxAllowedUids(1_000),
			H::MinAllowedWeights(3),
			H::MaxWeightLimit(9),
			H::WeightsRateLimit(7),
			H::WeightsVersionKey(u64::MAX),
			H::CommitRevealEnabled(false),
			H::CommitRevealPeriod(4),
			H::RegistrationAllowed(false),
			H::MaxRegsPerBlock(3),
			H::TargetRegsPerInterval(4),
			H::AdjustmentInterval(50),
			H::MaxBurn(50 * TAO),
			H::MinBurn(TAO / 10),
			H::Burn(2 * TAO),
			H::MaxDifficulty(1 << 40),
			H::MinDifficulty(1_000),
			H::Difficulty(5_000),
			H::ServingRateLimit(3),
		];
		let mut indices = std::collections::BTreeSet::new();
		for value in values {
			root_set(netuid, value.clone());
			let hp = Hyperparams::<Test>::get(netuid).unwrap();
			assert_eq!(value.current(&hp), value);
			indices.insert(value.index());
		}
		assert_eq!(indices.len(), 31, "one variant per hyperparameter, distinct indices");
		assert_ne!(Hyperparams::<Test>::get(netuid).unwrap(), SubnetHyperparams::default());
	});
}

/// The attacks: an owner tunes its subnet into a trap for its miners and
/// validators. Each value below is inside the hyperparameter's range (root
/// may set it) but outside the owner's bounds, and is refused; the value at
/// the bound is accepted.
#[test]
fn owners_cannot_set_values_that_trap_their_participants() {
	ExtBuilder::build_and_execute(|| {
		let netuid = subnet();
		root_set(netuid, H::Tempo(100));
		let hp = || Hyperparams::<Test>::get(netuid).unwrap();
		let by_owner = |value: H| Subnets::set_hyperparameter(RuntimeOrigin::signed(1), netuid, value);
		let (uids, regs) = (hp().max_allowed_uids, hp().max_regs_per_block);
		assert_eq!((uids, regs, hp().min_allowed_weights), (256, 1, 1));
		// Commit-reveal is on with a period of 1 epoch: a row lands when it
		// is revealed, and epochs are `tempo + 1` = 101 blocks apart.
		root_set(netuid, H::ActivityCutoff(400));
		assert_eq!((hp().commit_reveal_enabled, hp().commit_reveal_period), (true, 1));
		let trap = [
			// Validators that set weights once an epoch would count as
			// inactive: the bound is (1 + 2) × 101 blocks.
			H::ActivityCutoff(302),
			// Validators could not reveal every epoch (a period of p needs
			// p + 1 commits pending, and pallet-weights holds 10).
			H::CommitRevealPeriod(MAX_OWNER_COMMIT_REVEAL_PERIOD + 1),
			// Rows would land 8 epochs after their commit, and go stale
			// under today's cutoff of 400 blocks long before.
			H::CommitRevealPeriod(MAX_OWNER_COMMIT_REVEAL_PERIOD),
			// A row over two uids (50% each) would be refused.
			H::MaxWeightLimit(32_767),
			// Bonds would never move again.
			H::BondsMovingAverage(1_000_000),
			H::BondsMovingAverage(990_001),
			// Liquid alpha would freeze bonds the same way.
			H::AlphaLow(655),
			// Newcomers shut out.
			H::RegistrationAllowed(false),
		];
		let before = hp();
		for value in trap.clone() {
			assert_noop!(by_owner(value), Error::<Test>::OutsideOwnerBounds);
		}
		assert_eq!(hp(), before, "nothing changed");
		for value in [
			H::ActivityCutoff(303),
			H::MaxWeightLimit(32_768),
			// No immunity locks newcomers out (a full, all-immune subnet
			// replaces its lowest pruning score), so it has no owner bound.
			H::ImmunityPeriod(u16::MAX),
			H::BondsMovingAverage(990_000),
			H::AlphaLow(656),
			H::RegistrationAllowed(true),
		] {
			assert_ok!(by_owner(value));
		}
		// The cutoff and commit-reveal are bound together, whichever moves:
		// with commit-reveal off, two epoch intervals are enough; switching
		// it on (period 1) needs three again.
		root_set(netuid, H::CommitRevealEnabled(false));
		root_set(netuid, H::ActivityCutoff(202));
		assert_noop!(by_owner(H::CommitRevealEnabled(true)), Error::<Test>::OutsideOwnerBounds);
		// Nor on with a period longer than the owner's cap, which root set.
		root_set(netuid, H::ActivityCutoff(1_000_000));
		root_set(netuid, H::CommitRevealPeriod(MAX_OWNER_COMMIT_REVEAL_PERIOD + 1));
		assert_noop!(by_owner(H::CommitRevealEnabled(true)), Error::<Test>::OutsideOwnerBounds);
		root_set(netuid, H::CommitRevealPeriod(1));
		root_set(netuid, H::ActivityCutoff(101 * (2 + u32::from(MAX_OWNER_COMMIT_REVEAL_PERIOD))));
		assert_ok!(by_owner(H::CommitRevealPeriod(MAX_OWNER_COMMIT_REVEAL_PERIOD)));
		assert_ok!(by_owner(H::CommitRevealEnabled(true)));
		assert_eq!(hp().activity_cutoff, 1_010);
		// The limit and the fewest weights are bound together, whichever moves.
		root_set(netuid, H::MinAllowedWeights(4));
		root_set(netuid, H::MaxWeightLimit(16_384));
		assert_noop!(by_owner(H::MinAllowedWeights(3)), Error::<Test>::OutsideOwnerBounds);
		// Root is not held to the owner's bounds.
		for value in trap {
			assert_ok!(Subnets::set_hyperparameter(RuntimeOrigin::root(), netuid, value));
		}
		// Root's alpha_low of 655 lets alpha_high come down to it, not the owner.
		assert_noop!(by_owner(H::AlphaHigh(655)), Error::<Test>::OutsideOwnerBounds);
	});
}
