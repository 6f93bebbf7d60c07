//! Arbitrary epochs, two in a row (so that bonds and permits carry over):
//! no panic, and the payout always sums exactly.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use yuma_consensus::{epoch, EpochConfig, EpochInput, PreviousState};

#[derive(Debug)]
struct Case {
	config: EpochConfig,
	first: EpochInput,
	second: EpochInput,
}

fn row(u: &mut Unstructured, n: usize) -> Result<Vec<(u16, u16)>> {
	let len = u.int_in_range(0..=n + 2)?;
	(0..len).map(|_| Ok((u.int_in_range(0..=(n as u16).saturating_add(2))?, u16::arbitrary(u)?))).collect()
}

fn input(u: &mut Unstructured, n: usize, block: u64) -> Result<EpochInput> {
	Ok(EpochInput {
		block,
		emission: u64::arbitrary(u)?,
		stake: (0..n).map(|_| u64::arbitrary(u)).collect::<Result<_>>()?,
		last_update: (0..n).map(|_| u.int_in_range(0..=block)).collect::<Result<_>>()?,
		registered_at: (0..n).map(|_| u.int_in_range(0..=block)).collect::<Result<_>>()?,
		weights: (0..n).map(|_| row(u, n)).collect::<Result<_>>()?,
	})
}

impl<'a> Arbitrary<'a> for Case {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		let (low, high) = (u16::arbitrary(u)?, u16::arbitrary(u)?);
		let config = EpochConfig {
			kappa: u16::arbitrary(u)?,
			bonds_moving_average: u.int_in_range(0..=1_000_000)?,
			bonds_penalty: u16::arbitrary(u)?,
			yuma_version: if bool::arbitrary(u)? { 3 } else { 2 },
			liquid_alpha_enabled: bool::arbitrary(u)?,
			alpha_low: low.min(high),
			alpha_high: low.max(high),
			alpha_sigmoid_steepness_bits: i64::arbitrary(u)?,
			max_allowed_validators: u16::arbitrary(u)?,
			activity_cutoff: u64::arbitrary(u)?,
			validator_min_stake: u64::arbitrary(u)?,
			tempo: u64::arbitrary(u)?,
		};
		let n = u.int_in_range(0..=40)?;
		let block = u.int_in_range(1..=1_000_000)?;
		let first = input(u, n, block)?;
		let n2 = u.int_in_range(n..=n + 3)?;
		let gap = u.int_in_range(1..=10_000)?;
		let second = input(u, n2, block.saturating_add(gap))?;
		Ok(Case { config, first, second })
	}
}

fuzz_target!(|case: Case| {
	let first = epoch(&case.first, &case.config, &PreviousState::default()).expect("consistent input");
	let paid: u128 = first.emission.iter().map(|e| u128::from(*e)).sum::<u128>() + u128::from(first.unallocated);
	assert_eq!(paid, u128::from(case.first.emission));
	let previous = PreviousState {
		last_epoch_block: case.first.block,
		permit: first.validator_permit,
		bonds: first.bonds,
	};
	let second = epoch(&case.second, &case.config, &previous).expect("consistent input");
	let paid: u128 = second.emission.iter().map(|e| u128::from(*e)).sum::<u128>() + u128::from(second.unallocated);
	assert_eq!(paid, u128::from(case.second.emission));
});
