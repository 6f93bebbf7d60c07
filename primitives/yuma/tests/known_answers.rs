//! Known answers worked out by hand, one group per stage of YUMA.md.
//!
//! The main scenario: validators 0, 1, 2 with stake 600, 300, 100; miners 3, 4, 5.
//! Validator 0 weights miners 3 and 4 equally, validator 1 miners 3 and 5,
//! validator 2 miners 4 and 5. With kappa ≈ 0.5:
//!
//! - a = [0.6, 0.3, 0.1]
//! - C = [0.5, 0.5, 0] for miners 3, 4, 5 (miner 5 has 0.4 of the stake behind it)
//! - VT = [1, 0.5, 0.5]; P = [0.45, 0.35, 0.2]; R = [0.45, 0.35, 0]; T = [1, 1, 0]
//! - I = R / 0.8 = [0.5625, 0.4375, 0]
//! - Yuma 3, alpha 0.1: B' = 0.1 Wc; D ∝ [0.3, 0.084375, 0.021875] / 0.40625
//! - classic: D = [0.75, 0.1875, 0.0625]
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use yuma_consensus::{epoch, to_u16, EpochConfig, EpochInput, Error, Fx, PreviousState};

const TOL: f64 = 1e-6;

fn scenario() -> EpochInput {
	input(
		1_000,
		1_000_000,
		vec![600, 300, 100, 0, 0, 0],
		vec![
			vec![(3, 30_000), (4, 30_000)],
			vec![(3, 30_000), (5, 30_000)],
			vec![(4, 30_000), (5, 30_000)],
			vec![],
			vec![],
			vec![],
		],
	)
}

fn run(config: &EpochConfig) -> yuma_consensus::EpochOutput {
	epoch(&scenario(), config, &PreviousState::default()).unwrap()
}

// ---- steps 1-4: activity, stake, permits, active stake ----

#[test]
fn step1_activity_uses_the_cutoff_inclusively() {
	let mut inp = scenario();
	inp.last_update = vec![0, 999, 0, 0, 0, 0];
	inp.block = 5_000;
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	// 0 + 5000 >= 5000: active, exactly at the cutoff; 999 too.
	assert_eq!(out.active, vec![true; 6]);
	inp.block = 5_001;
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	assert_eq!(out.active, vec![false, true, false, false, false, false]);
}

#[test]
fn step2_stake_below_the_minimum_counts_as_zero() {
	let config = EpochConfig { validator_min_stake: 301, ..Default::default() };
	let out = run(&config);
	// Only validator 0 keeps stake: it alone holds a permit and all dividends.
	assert_eq!(out.validator_permit, vec![true, false, false, false, false, false]);
	close_all("D", &out.dividends, &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0], TOL);
	close_all("C", &out.consensus, &[0.0, 0.0, 0.0, 0.5, 0.5, 0.0], TOL);
}

#[test]
fn step3_permits_go_to_the_largest_stakes() {
	let config = EpochConfig { max_allowed_validators: 2, ..Default::default() };
	let out = run(&config);
	assert_eq!(out.validator_permit, vec![true, true, false, false, false, false]);
	// First epoch: these permits are also the ones used, so validator 2 counts for
	// nothing: a = [2/3, 1/3, 0]; C = [0.5, 0.5, 0]; R = [0.5, 1/3, 0]; I = [0.6, 0.4, 0].
	close_all("C", &out.consensus[3..], &[0.5, 0.5, 0.0], TOL);
	close_all("I", &out.incentive[3..], &[0.6, 0.4, 0.0], TOL);
	// B' = 0.1 Wc: Bn = v0 {3: 1/2, 4: 1}, v1 {3: 1/2};
	// D ∝ [2/3 * (0.3 + 0.4), 1/3 * 0.3] = [0.4667, 0.1].
	let s = 2.0 / 3.0 * 0.7 + 0.1;
	close_all("D", &out.dividends[..3], &[2.0 / 3.0 * 0.7 / s, 0.1 / s, 0.0], TOL);
}

#[test]
fn step4_only_active_permit_holders_carry_stake() {
	let mut inp = scenario();
	inp.block = 10_000;
	inp.last_update = vec![9_999, 1, 9_999, 0, 0, 0]; // validator 1 is inactive
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	// a = [6/7, 0, 1/7]: miner 3 has 6/7 -> 0.5; miner 4: both -> 0.5; miner 5: 1/7 -> 0.
	close_all("C", &out.consensus[3..], &[0.5, 0.5, 0.0], TOL);
	// R = [6/7 * 0.5, 0.5, 0]; I = [3/7, 0.5] / (13/14)
	close_all("I", &out.incentive[3..], &[6.0 / 13.0, 7.0 / 13.0, 0.0], TOL);
	assert_eq!(out.dividends[1], Fx::ZERO);
}

// ---- step 5: weights masking ----

#[test]
fn step5_self_weights_and_weights_older_than_the_target_are_removed() {
	let mut inp = scenario();
	// Validator 0 also weights itself; miner 4 re-registered after validator 0 set weights.
	inp.weights[0] = vec![(0, 30_000), (3, 30_000), (4, 30_000)];
	// Every validator set its weights at block 999; miner 4 registered at 999:
	// `last_update <= registered_at`, so every weight on miner 4 is dropped.
	inp.registered_at[4] = 999;
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	// Now v0 -> {3: 1}, v1 -> {3: .5, 5: .5}, v2 -> {5: 1}.
	// Miner 3: v0 (0.6 of the stake) gives 1.0 -> C = 1. Miner 5: only 0.4 behind it -> 0.
	// VT[0] = 1: the self-weight is not counted anywhere.
	close_all("C", &out.consensus[3..], &[1.0, 0.0, 0.0], TOL);
	close("VT0", out.validator_trust[0], 1.0, TOL);
	assert_eq!(out.incentive[0], Fx::ZERO);
}

#[test]
fn step5_rows_of_uids_without_permit_are_ignored() {
	let prev = PreviousState {
		last_epoch_block: 640,
		permit: vec![true, true, false, false, false, false],
		bonds: vec![],
	};
	let out = epoch(&scenario(), &EpochConfig::default(), &prev).unwrap();
	// Validator 2 has no permit from the previous epoch: a = [2/3, 1/3, 0].
	close_all("C", &out.consensus[3..], &[0.5, 0.5, 0.0], TOL);
	close("VT2", out.validator_trust[2], 0.0, TOL);
}

// ---- step 6: consensus ----

#[test]
fn step6_consensus_is_the_kappa_quantile_from_above() {
	let out = run(&EpochConfig::default());
	close_all("C", &out.consensus, &[0.0, 0.0, 0.0, 0.5, 0.5, 0.0], TOL);
	// kappa = 0: the highest weight any active validator gives.
	let out = run(&EpochConfig { kappa: 0, ..Default::default() });
	close_all("C k=0", &out.consensus[3..], &[0.5, 0.5, 0.5], TOL);
	// kappa = 1: only what every validator supports (a missing entry is weight 0).
	let out = run(&EpochConfig { kappa: 65_535, ..Default::default() });
	close_all("C k=1", &out.consensus[3..], &[0.0, 0.0, 0.0], TOL);
	// kappa = 0.35: miner 5 has 0.4 behind it.
	let out = run(&EpochConfig { kappa: 22_937, ..Default::default() });
	close_all("C k=.35", &out.consensus[3..], &[0.5, 0.5, 0.5], TOL);
}

#[test]
fn step6_unequal_weights_take_the_supported_level() {
	// v0 (0.6 of the stake) gives miners 2 and 3 weights 0.8 and 0.2, v1 (0.4) 0.2 and 0.8.
	// Miner 2: 0.8 has 0.6 behind it -> 0.8. Miner 3: 0.8 has only 0.4; 0.2 has 1.0 -> 0.2.
	let inp = input(
		100,
		0,
		vec![600, 400, 0, 0],
		vec![vec![(2, 4), (3, 1)], vec![(2, 1), (3, 4)], vec![], vec![]],
	);
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	close_all("C", &out.consensus[2..], &[0.8, 0.2], TOL);
}

// ---- steps 7-9: clipping, validator trust, ranks ----

#[test]
fn steps7_to_9_clip_rank_trust_incentive() {
	let out = run(&EpochConfig::default());
	close_all("VT", &out.validator_trust[..3], &[1.0, 0.5, 0.5], TOL);
	close_all("R", &out.rank[3..], &[0.45, 0.35, 0.0], TOL);
	close_all("T", &out.trust[3..], &[1.0, 1.0, 0.0], TOL);
	close_all("I", &out.incentive, &[0.0, 0.0, 0.0, 0.5625, 0.4375, 0.0], TOL);
}

#[test]
fn step7_weights_above_consensus_are_clipped() {
	let inp = input(
		100,
		0,
		vec![600, 400, 0, 0],
		vec![vec![(2, 4), (3, 1)], vec![(2, 1), (3, 4)], vec![], vec![]],
	);
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	// C = [0.8, 0.2]; v0: min(.8,.8) + min(.2,.2) = 1; v1: min(.2,.8) + min(.8,.2) = .4
	close_all("VT", &out.validator_trust[..2], &[1.0, 0.4], TOL);
	// R = [.6*.8 + .4*.2, .6*.2 + .4*.2] = [.56, .2]; P = [.56, .44] -> T = [1, 5/11]
	close_all("R", &out.rank[2..], &[0.56, 0.2], TOL);
	close_all("T", &out.trust[2..], &[1.0, 0.2 / 0.44], TOL);
}

// ---- steps 10-13: bonds and dividends ----

#[test]
fn yuma3_first_epoch_bonds_and_dividends() {
	let out = run(&EpochConfig::default());
	let s = 0.3 + 0.084375 + 0.021875;
	close_all("D", &out.dividends[..3], &[0.3 / s, 0.084375 / s, 0.021875 / s], TOL);
	// B' = 0.1 * Wc, stored as round(0.05 * 65535) = 3277.
	assert_eq!(out.bonds[0], vec![(3, 3277), (4, 3277)]);
	assert_eq!(out.bonds[1], vec![(3, 3277)]);
	assert_eq!(out.bonds[2], vec![(4, 3277)]);
	assert!(out.bonds[3..].iter().all(Vec::is_empty));
}

#[test]
fn yuma3_bonds_follow_unclipped_weights_without_penalty() {
	let out = run(&EpochConfig { bonds_penalty: 0, ..Default::default() });
	// Wb = W: validator 1 also bonds to miner 5 (clipped to 0 otherwise).
	assert_eq!(out.bonds[1], vec![(3, 3277), (5, 3277)]);
}

#[test]
fn yuma3_old_bonds_decay_and_new_weights_accrue() {
	let prev = PreviousState {
		last_epoch_block: 640,
		permit: vec![true, true, true, false, false, false],
		bonds: vec![vec![(5, 40_000)], vec![], vec![], vec![], vec![], vec![]],
	};
	let out = epoch(&scenario(), &EpochConfig::default(), &prev).unwrap();
	// Bond 0 -> 5 decays by 0.9 (no weight on 5 now); 0 -> 3, 0 -> 4 become 0.05.
	assert_eq!(out.bonds[0], vec![(3, 3277), (4, 3277), (5, 36_000)]);
}

#[test]
fn step11_bonds_to_reregistered_slots_are_dropped() {
	let mut inp = scenario();
	inp.registered_at[5] = 640; // miner 5 re-registered at the previous epoch's block
	inp.last_update = vec![999; 6];
	let prev = PreviousState {
		last_epoch_block: 640,
		permit: vec![true, true, true, false, false, false],
		bonds: vec![vec![(5, 65_535)], vec![], vec![], vec![], vec![], vec![]],
	};
	let out = epoch(&inp, &EpochConfig::default(), &prev).unwrap();
	assert_eq!(out.bonds[0], vec![(3, 3277), (4, 3277)]);
}

#[test]
fn step12_liquid_alpha_speeds_up_bonds_moving_toward_consensus() {
	let config = EpochConfig { liquid_alpha_enabled: true, ..Default::default() };
	let out = run(&config);
	// x = clamp(W - C, 0, 1) = 0 for every entry of v0 (W = C = 0.5):
	// alpha = 0.7 + 0.2 * sigmoid(-5) = 0.70134..., so B' = alpha * 0.5.
	let alpha = 45_875.0 / 65_535.0 + (58_982.0 - 45_875.0) / 65_535.0 / (1.0 + 5f64.exp());
	let want = (alpha * 0.5 * 65_535.0).round() as u16;
	assert_eq!(out.bonds[0], vec![(3, want), (4, want)]);
}

#[test]
fn classic_first_epoch_bonds_and_dividends() {
	let out = run(&EpochConfig { yuma_version: 2, ..Default::default() });
	close_all("D", &out.dividends[..3], &[0.75, 0.1875, 0.0625], TOL);
	// Max-upscaled per column: column 3 = [2/3, 1/3] -> [65535, 32767.5]; column 4 = [6/7, 1/7].
	assert_eq!(out.bonds[0], vec![(3, 65_535), (4, 65_535)]);
	// 32767.5 and 10922.5 are halfway: either neighbour is a correct rounding of
	// a value within one ulp of the exact one.
	assert_eq!(out.bonds[1][0].0, 3);
	assert!(out.bonds[1][0].1.abs_diff(32_768) <= 1);
	assert_eq!(out.bonds[2][0].0, 4);
	assert!(out.bonds[2][0].1.abs_diff(10_923) <= 1);
}

#[test]
fn classic_ignores_liquid_alpha() {
	let plain = run(&EpochConfig { yuma_version: 2, ..Default::default() });
	let liquid = run(&EpochConfig { yuma_version: 2, liquid_alpha_enabled: true, ..Default::default() });
	assert_eq!(plain, liquid);
}

// ---- step 14: payout ----

#[test]
fn step14_payout_is_exact() {
	let out = run(&EpochConfig::default());
	assert_eq!(out.emission.iter().sum::<u64>(), 1_000_000);
	assert_eq!(out.unallocated, 0);
	// Miners: 500,000 * I = [281,250, 218,750, 0]; validators: 500,000 * D =
	// [369,230.77, 103,846.15, 26,923.08]. Fixed point is within a rao of these.
	let want = [369_231u64, 103_846, 26_923, 281_250, 218_750, 0];
	for (k, (got, want)) in out.emission.iter().zip(want).enumerate() {
		assert!(got.abs_diff(want) <= 1, "emission[{k}] = {got}, want {want}");
	}
	assert_eq!(out.pruning_score(), &out.emission[..]);
}

#[test]
fn step14_without_incentive_validators_share_by_active_stake() {
	let inp = input(1_000, 1_000, vec![600, 300, 100], vec![vec![], vec![], vec![]]);
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	assert_eq!(out.emission, vec![600, 300, 100]);
}

#[test]
fn step14_without_stake_nothing_is_paid_and_all_is_reported() {
	let inp = input(1_000, 1_000, vec![0, 0], vec![vec![(1, 1)], vec![]]);
	let out = epoch(&inp, &EpochConfig::default(), &PreviousState::default()).unwrap();
	assert_eq!(out.emission, vec![0, 0]);
	assert_eq!(out.unallocated, 1_000);
}

#[test]
fn stored_proportions_round_to_nearest() {
	let out = run(&EpochConfig::default());
	assert_eq!(to_u16(out.incentive[3]), 36_863); // 0.5625 * 65535 = 36863.44
	assert_eq!(to_u16(out.incentive[4]), 28_672); // 0.4375 * 65535 = 28671.6
}

// ---- bad input ----

#[test]
fn inconsistent_input_is_a_named_error() {
	let mut inp = scenario();
	inp.last_update.pop();
	assert_eq!(
		epoch(&inp, &EpochConfig::default(), &PreviousState::default()),
		Err(Error::LengthMismatch { field: "last_update", expected: 6, found: 5 })
	);
	let bad = |c: EpochConfig| epoch(&scenario(), &c, &PreviousState::default()).unwrap_err();
	assert_eq!(bad(EpochConfig { yuma_version: 4, ..Default::default() }), Error::UnknownYumaVersion(4));
	assert_eq!(
		bad(EpochConfig { bonds_moving_average: 1_000_001, ..Default::default() }),
		Error::BondsMovingAverageTooHigh(1_000_001)
	);
	assert_eq!(
		bad(EpochConfig { alpha_low: 2, alpha_high: 1, ..Default::default() }),
		Error::AlphaBoundsInverted { low: 2, high: 1 }
	);
}

#[test]
fn degenerate_inputs_do_not_panic() {
	let config = EpochConfig::default();
	let prev = PreviousState::default();
	let empty = EpochInput::default();
	let out = epoch(&empty, &config, &prev).unwrap();
	assert_eq!(out.unallocated, 0);
	let one = input(5, 10, vec![7], vec![vec![(0, 9), (3, 9), (0, 1)]]);
	let out = epoch(&one, &config, &prev).unwrap();
	assert_eq!(out.emission, vec![10]);
}
