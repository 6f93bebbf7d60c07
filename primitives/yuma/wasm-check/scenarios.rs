// Shared by the WASM guest and the native host (included with `#[path]`): a
// fixed set of pseudo-random multi-epoch subnets, and a digest of every bit
// the engine outputs for them. Same source, two targets: equal digests mean
// bit-identical results.

use alloc::vec::Vec;
use yuma_consensus::{epoch, EpochConfig, EpochInput, EpochOutput, PreviousState};

struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0
	}

	fn below(&mut self, n: u64) -> u64 {
		if n == 0 { 0 } else { self.next() % n }
	}
}

struct Digest(u64);

impl Digest {
	fn add(&mut self, x: u64) {
		for b in x.to_le_bytes() {
			self.0 ^= u64::from(b);
			self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
		}
	}

	fn output(&mut self, out: &EpochOutput) {
		for v in [&out.consensus, &out.rank, &out.trust, &out.incentive, &out.dividends, &out.validator_trust] {
			for x in v.iter() {
				self.add(x.to_bits());
			}
		}
		for e in &out.emission {
			self.add(*e);
		}
		self.add(out.unallocated);
		for (p, a) in out.validator_permit.iter().zip(&out.active) {
			self.add(u64::from(*p) | (u64::from(*a) << 1));
		}
		for row in &out.bonds {
			self.add(row.len() as u64);
			for (j, v) in row {
				self.add((u64::from(*j) << 16) | u64::from(*v));
			}
		}
	}
}

/// Runs every scenario and digests all outputs (FNV-1a).
pub fn digest() -> u64 {
	let mut d = Digest(0xcbf2_9ce4_8422_2325);
	let mut rng = Rng(0x2545_f491_4f6c_dd1d);
	for case in 0..24u64 {
		let n = 2 + rng.below(40) as usize;
		let config = EpochConfig {
			kappa: [32_767, 0, 65_535, 20_000][(case % 4) as usize],
			bonds_penalty: (rng.next() % 65_536) as u16,
			yuma_version: if case % 3 == 0 { 2 } else { 3 },
			liquid_alpha_enabled: case % 2 == 0,
			alpha_sigmoid_steepness_bits: ((rng.below(40) as i64) - 10) << 32,
			max_allowed_validators: 1 + rng.below(n as u64) as u16,
			..EpochConfig::default()
		};
		let mut prev = PreviousState::default();
		let stake: Vec<u64> = (0..n).map(|_| if rng.below(3) == 0 { 0 } else { rng.next() >> rng.below(60) }).collect();
		for e in 0..6u64 {
			let block = 360 * (e + 1);
			let weights = (0..n)
				.map(|_| {
					let k = rng.below(n as u64 + 1);
					(0..k).map(|_| (rng.below(n as u64 + 2) as u16, rng.next() as u16)).collect()
				})
				.collect();
			let input = EpochInput {
				block,
				emission: rng.next() >> rng.below(40),
				stake: stake.clone(),
				last_update: (0..n).map(|_| block - 1 - rng.below(300)).collect(),
				registered_at: (0..n).map(|_| rng.below(block)).collect(),
				weights,
			};
			if let Ok(out) = epoch(&input, &config, &prev) {
				d.output(&out);
				prev = PreviousState { last_epoch_block: block, permit: out.validator_permit, bonds: out.bonds };
			}
		}
	}
	d.0
}
