//! Multi-epoch scenarios (≥ 30 epochs), for Yuma 3 and classic Yuma.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use yuma_consensus::EpochConfig;

const TEMPO: u64 = 360;
const EMISSION: u64 = 1_000_000_000;

/// Validators 0..4 with stake 30, 30, 20, 20 (%); miners A = 4 and B = 5.
/// Every validator weights A until its turn, then B: validator 0 moves at
/// epoch 10, 1 at 15, 2 at 20, 3 at 25. Returns each epoch's dividends.
fn switching(config: EpochConfig, epochs: usize) -> Vec<Vec<f64>> {
	let stake = vec![300, 300, 200, 200, 0, 0];
	let moves_at = [10, 15, 20, 25];
	let mut chain = Chain::new(config);
	let mut history = Vec::new();
	for e in 0..epochs {
		let block = (e as u64 + 1) * TEMPO;
		let weights = (0..6)
			.map(|v| match moves_at.get(v) {
				Some(at) if e >= *at => vec![(5, 65_535)],
				Some(_) => vec![(4, 65_535)],
				None => vec![],
			})
			.collect();
		let out = chain.step(&input(block, EMISSION, stake.clone(), weights));
		assert_eq!(out.emission.iter().sum::<u64>(), EMISSION, "epoch {e}");
		history.push(out.dividends[..4].iter().map(|d| f(*d)).collect());
	}
	history
}

fn check_first_mover(history: &[Vec<f64>], label: &str) {
	let share0 = 0.3;
	// Before anyone moves, dividends follow stake.
	assert!((history[9][0] - share0).abs() < 0.01, "{label}: before the move {:?}", history[9]);
	// Once B has consensus (epoch 15), the movers hold B's bonds: their share rises.
	let peak = history[15..30].iter().map(|d| d[0]).fold(0.0, f64::max);
	assert!(peak > share0 * 1.3, "{label}: first mover peaked at {peak}");
	// The last mover earns less than its stake (0.2) while it catches up.
	assert!(history[25][3] < 0.19, "{label}: last mover at {}", history[25][3]);
	// And everything settles back to stake shares.
	let last = history.last().unwrap();
	for (v, want) in [0.3, 0.3, 0.2, 0.2].iter().enumerate() {
		assert!((last[v] - want).abs() < 0.02, "{label}: settled {last:?}");
	}
}

#[test]
fn yuma3_first_mover_earns_more_then_settles() {
	let history = switching(EpochConfig::default(), 90);
	check_first_mover(&history, "yuma3");
}

#[test]
fn yuma3_with_liquid_alpha_first_mover_earns_more_then_settles() {
	let history = switching(EpochConfig { liquid_alpha_enabled: true, ..Default::default() }, 90);
	check_first_mover(&history, "yuma3 liquid");
}

#[test]
fn classic_first_mover_earns_more_then_settles() {
	let history = switching(EpochConfig { yuma_version: 2, ..Default::default() }, 90);
	check_first_mover(&history, "classic");
}

/// Honest validators 0, 1 (60% of stake) weight miners 4 and 5; colluders
/// 2, 3 (40%, below 1 - kappa) pour everything into miner 6.
fn collusion(config: EpochConfig) {
	let stake = vec![300, 300, 200, 200, 0, 0, 0];
	let mut chain = Chain::new(config);
	for e in 0..40u64 {
		let weights = vec![
			vec![(4, 40_000), (5, 40_000)],
			vec![(4, 30_000), (5, 50_000), (6, 1_000)],
			vec![(6, 65_535)],
			vec![(4, 100), (6, 65_535)],
			vec![],
			vec![],
			vec![],
		];
		let out = chain.step(&input((e + 1) * TEMPO, EMISSION, stake.clone(), weights));
		// Miner 6's consensus never exceeds what the honest side supports
		// (validator 1's 1/81); its incentive stays at what that justifies.
		let honest_max = 1_000.0 / 81_000.0;
		assert!(f(out.consensus[6]) <= honest_max + 1e-6, "epoch {e}: C6 = {}", f(out.consensus[6]));
		let rank6_cap = 0.3 * honest_max + 0.2 * honest_max + 0.2 * honest_max + 1e-6;
		assert!(f(out.rank[6]) <= rank6_cap, "epoch {e}: R6 = {}", f(out.rank[6]));
		assert!(f(out.incentive[6]) < 0.02, "epoch {e}: I6 = {}", f(out.incentive[6]));
		// The honest miners keep nearly everything.
		assert!(f(out.incentive[4]) + f(out.incentive[5]) > 0.98);
		// Colluders' validator trust shows what they did.
		assert!(f(out.validator_trust[2]) < 0.02 && f(out.validator_trust[0]) > 0.8);
		if e >= 30 {
			// Their dividends are well below their stake (0.4).
			let colluders = f(out.dividends[2]) + f(out.dividends[3]);
			assert!(colluders < 0.3, "epoch {e}: colluders earn {colluders}");
		}
		assert_eq!(out.emission.iter().sum::<u64>(), EMISSION);
	}
}

#[test]
fn yuma3_colluding_minority_cannot_lift_its_miner() {
	collusion(EpochConfig::default());
}

#[test]
fn classic_colluding_minority_cannot_lift_its_miner() {
	collusion(EpochConfig { yuma_version: 2, ..Default::default() });
}

#[test]
fn yuma3_bonds_converge_to_steady_weights() {
	// One validator, one miner, 40 epochs: the bond approaches 1 - 0.9^k.
	let mut chain = Chain::new(EpochConfig::default());
	let mut bond = 0u16;
	for e in 0..40u64 {
		let out = chain.step(&input((e + 1) * TEMPO, 1_000, vec![100, 0], vec![vec![(1, 65_535)], vec![]]));
		bond = out.bonds[0][0].1;
		let want = (1.0 - 0.9f64.powi(e as i32 + 1)) * 65_535.0;
		assert!((f64::from(bond) - want).abs() <= 2.0 + e as f64 * 0.5, "epoch {e}: {bond} vs {want}");
	}
	assert!(bond > 64_000);
}
