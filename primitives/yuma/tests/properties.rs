//! The properties YUMA.md requires of every implementation, over arbitrary
//! inputs (proptest).
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::needless_range_loop)]

mod common;
use common::f;
use proptest::prelude::*;
use yuma_consensus::{epoch, rows_read, EpochConfig, EpochInput, EpochOutput, Fx, PreviousState, SparseRow};

/// Any configuration the chain could hold, degenerate values included.
fn any_config() -> impl Strategy<Value = EpochConfig> {
	(
		prop_oneof![Just(0u16), Just(65_535u16), any::<u16>(), Just(32_767u16)],
		prop_oneof![Just(0u64), Just(1_000_000u64), 0..=1_000_000u64],
		any::<u16>(),
		prop_oneof![Just(2u8), Just(3u8)],
		any::<bool>(),
		(any::<u16>(), any::<u16>()),
		-100i64..100,
		0u16..8,
		0u64..400,
		prop_oneof![Just(0u64), 0..2_000u64],
	)
		.prop_map(|(kappa, bma, penalty, version, liquid, (l, h), k, maxv, cutoff, min_stake)| {
			EpochConfig {
				kappa,
				bonds_moving_average: bma,
				bonds_penalty: penalty,
				yuma_version: version,
				liquid_alpha_enabled: liquid,
				alpha_low: l.min(h),
				alpha_high: l.max(h),
				alpha_sigmoid_steepness_bits: k << 32,
				max_allowed_validators: maxv,
				activity_cutoff: cutoff,
				validator_min_stake: min_stake,
				tempo: 100,
			}
		})
}

/// A raw row: uids may be unsorted, duplicated, or out of range.
fn any_row(n: usize) -> impl Strategy<Value = SparseRow> {
	prop::collection::vec((0..(n as u16 + 2), any::<u16>()), 0..=n + 1)
}

/// A subnet of up to 10 uids at block 1000, with stakes from 0 to huge.
fn any_input() -> impl Strategy<Value = EpochInput> {
	(0usize..10).prop_flat_map(|n| {
		(
			prop::collection::vec(prop_oneof![Just(0u64), 1..1_000u64, any::<u64>()], n),
			prop::collection::vec(700u64..1_001, n),
			prop::collection::vec(0u64..1_001, n),
			prop::collection::vec(any_row(n), n),
			any::<u64>(),
		)
			.prop_map(|(stake, last_update, registered_at, weights, emission)| EpochInput {
				block: 1_000,
				emission,
				stake,
				last_update,
				registered_at,
				weights,
			})
	})
}

/// A previous state that matches an input of `n` uids (or a first epoch).
fn any_previous(n: usize) -> impl Strategy<Value = PreviousState> {
	(
		prop_oneof![Just(0u64), 600u64..1_000],
		prop::collection::vec(any::<bool>(), n),
		prop::collection::vec(any_row(n), 0..=n),
	)
		.prop_map(|(last_epoch_block, permit, bonds)| PreviousState { last_epoch_block, permit, bonds })
}

fn sum(v: &[Fx]) -> f64 {
	v.iter().map(|x| f(*x)).sum()
}

fn check_sums(out: &EpochOutput) {
	for (name, v) in [("incentive", &out.incentive), ("dividends", &out.dividends)] {
		let s = sum(v);
		assert!(s == 0.0 || (s - 1.0).abs() < 1e-6, "sum({name}) = {s}");
	}
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

	/// No panic, and consistent outputs, whatever the input.
	#[test]
	fn never_panics_and_pays_exactly(
		(input, previous) in any_input().prop_flat_map(|i| { let n = i.stake.len(); (Just(i), any_previous(n)) }),
		config in any_config(),
	) {
		let out = epoch(&input, &config, &previous).expect("consistent input");
		let n = input.stake.len();
		prop_assert_eq!(out.emission.len(), n);
		prop_assert_eq!(out.bonds.len(), n);
		// Exact payout: every rao is paid, or reported unpaid when nobody has stake.
		let paid: u128 = out.emission.iter().map(|e| u128::from(*e)).sum();
		prop_assert_eq!(paid + u128::from(out.unallocated), u128::from(input.emission));
		let has_stake = input.stake.iter().any(|s| *s >= config.validator_min_stake && *s > 0);
		prop_assert!(out.unallocated == 0 || !has_stake, "unpaid {} with stake", out.unallocated);
		check_sums(&out);
		// Proportions stay within [0, 1]; bonds only for new permit holders.
		for v in [&out.consensus, &out.incentive, &out.dividends, &out.trust, &out.validator_trust, &out.rank] {
			prop_assert!(v.iter().all(|x| *x <= Fx::ONE));
		}
		for (row, permit) in out.bonds.iter().zip(&out.validator_permit) {
			prop_assert!(*permit || row.is_empty());
			prop_assert!(row.windows(2).all(|w| w[0].0 < w[1].0) && row.iter().all(|(j, v)| usize::from(*j) < n && *v > 0));
		}
		prop_assert!(out.validator_permit.iter().filter(|p| **p).count() <= usize::from(config.max_allowed_validators));
	}

	/// Only the rows `rows_read` names matter: emptying every other row (as
	/// the chain does, never reading them) leaves the output unchanged.
	#[test]
	fn unread_rows_change_nothing(
		(input, previous) in any_input().prop_flat_map(|i| { let n = i.stake.len(); (Just(i), any_previous(n)) }),
		config in any_config(),
	) {
		let read = rows_read(&input.stake, &config, &previous);
		// The previous epoch's permits, or at most `max_allowed_validators` new ones.
		let held = previous.permit.iter().take(input.stake.len()).filter(|p| **p).count();
		prop_assert!(read.iter().filter(|r| **r).count() <= held.max(usize::from(config.max_allowed_validators)));
		let mut sparse = input.clone();
		for (row, keep) in sparse.weights.iter_mut().zip(&read) {
			if !*keep {
				row.clear();
			}
		}
		prop_assert_eq!(epoch(&sparse, &config, &previous), epoch(&input, &config, &previous));
	}

	/// Relabelling uids permutes every output (stakes distinct, so no tie-breaks
	/// by uid; payouts may then differ by a rao where remainders tie).
	#[test]
	fn permutation_invariance(
		input in any_input(),
		config in any_config(),
		seed in any::<u64>(),
	) {
		let n = input.stake.len();
		let mut input = input;
		// Distinct stakes.
		for (k, s) in input.stake.iter_mut().enumerate() {
			*s = (*s % 1_000_000) * 16 + k as u64 + 1;
		}
		let config = EpochConfig { validator_min_stake: 0, ..config };
		// A permutation of 0..n from the seed.
		let mut perm: Vec<usize> = (0..n).collect();
		let mut x = seed | 1;
		for i in (1..n).rev() {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			perm.swap(i, (x % (i as u64 + 1)) as usize);
		}
		let relabel = |row: &SparseRow| -> SparseRow {
			row.iter().map(|(j, v)| (if (*j as usize) < n { perm[*j as usize] as u16 } else { *j }, *v)).collect()
		};
		let mut permuted = input.clone();
		for i in 0..n {
			let p = perm[i];
			permuted.stake[p] = input.stake[i];
			permuted.last_update[p] = input.last_update[i];
			permuted.registered_at[p] = input.registered_at[i];
			permuted.weights[p] = relabel(&input.weights[i]);
		}
		let prev = PreviousState::default();
		let a = epoch(&input, &config, &prev).unwrap();
		let b = epoch(&permuted, &config, &prev).unwrap();
		for i in 0..n {
			let p = perm[i];
			prop_assert_eq!(a.consensus[i], b.consensus[p]);
			prop_assert_eq!(a.incentive[i], b.incentive[p]);
			prop_assert_eq!(a.dividends[i], b.dividends[p]);
			prop_assert_eq!(a.trust[i], b.trust[p]);
			prop_assert_eq!(a.rank[i], b.rank[p]);
			prop_assert_eq!(a.validator_trust[i], b.validator_trust[p]);
			prop_assert_eq!(a.validator_permit[i], b.validator_permit[p]);
			prop_assert!(a.emission[i].abs_diff(b.emission[p]) <= 1);
			let mut row: SparseRow = relabel(&a.bonds[i]);
			row.sort_unstable();
			prop_assert_eq!(&row, &b.bonds[p]);
		}
	}

	/// Scaling every stake by the same factor changes nothing at all.
	#[test]
	fn stake_scaling_changes_nothing(
		input in any_input(),
		config in any_config(),
		factor in 2u64..1_000_000,
	) {
		let mut input = input;
		for s in input.stake.iter_mut() {
			*s %= 1 << 40;
		}
		let config = EpochConfig { validator_min_stake: 0, ..config };
		let mut scaled = input.clone();
		for s in scaled.stake.iter_mut() {
			*s *= factor;
		}
		let prev = PreviousState::default();
		prop_assert_eq!(epoch(&input, &config, &prev).unwrap(), epoch(&scaled, &config, &prev).unwrap());
	}

	/// A minority holding less than 1 - kappa (kappa >= 1/2) of the active
	/// stake cannot raise any consensus weight above what the rest give, and a
	/// miner only it favours gets no incentive.
	#[test]
	fn clipping_resists_a_colluding_minority(
		honest in prop::collection::vec((1u64..1_000, prop::collection::vec(0u16..=65_535, 4)), 2..5),
		colluders in prop::collection::vec(prop::collection::vec(0u16..=65_535, 4), 1..4),
		kappa in 32_768u16..=65_535,
		minority_share in 1u64..100,
	) {
		// Miners are the last 5 uids; miner 4 (uid m4) gets nothing from the honest side.
		let h = honest.len();
		let c = colluders.len();
		let v = h + c;
		let n = v + 5;
		let honest_total: u64 = honest.iter().map(|(s, _)| *s).sum();
		// Minority stake < (1 - kappa) of the total.
		let limit = honest_total as f64 * (1.0 - f64::from(kappa) / 65_535.0) / (f64::from(kappa) / 65_535.0);
		let per = ((limit * minority_share as f64 / 100.0) / c as f64).floor() as u64;
		let mut stake = vec![0u64; n];
		let mut weights = vec![SparseRow::new(); n];
		for (i, (s, w)) in honest.iter().enumerate() {
			stake[i] = *s * 1_000;
			weights[i] = w.iter().enumerate().map(|(m, x)| ((v + m) as u16, *x)).collect();
		}
		for (k, w) in colluders.iter().enumerate() {
			stake[h + k] = per * 1_000;
			weights[h + k] = w.iter().enumerate().map(|(m, x)| ((v + m) as u16, *x))
				.chain([((v + 4) as u16, 65_535)]).collect();
		}
		let input = EpochInput {
			block: 1_000, emission: 1_000_000_000, stake,
			last_update: vec![999; n], registered_at: vec![0; n], weights,
		};
		let config = EpochConfig { kappa, max_allowed_validators: 64, ..Default::default() };
		let out = epoch(&input, &config, &PreviousState::default()).unwrap();
		for m in 0..5 {
			let j = v + m;
			// The highest weight any honest validator gives j (row-normalized).
			let honest_max = honest.iter().map(|(_, w)| {
				let total: u64 = w.iter().map(|x| u64::from(*x)).sum();
				if m < 4 && total > 0 { f64::from(w[m]) / total as f64 } else { 0.0 }
			}).fold(0.0, f64::max);
			prop_assert!(f(out.consensus[j]) <= honest_max + 1e-6,
				"miner {m}: C = {} above honest {honest_max}", f(out.consensus[j]));
		}
		prop_assert_eq!(out.consensus[v + 4], Fx::ZERO);
		prop_assert_eq!(out.incentive[v + 4], Fx::ZERO);
	}
}
