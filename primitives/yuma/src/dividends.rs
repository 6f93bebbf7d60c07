//! Step 13 (dividends): what each validator's bonds earn from the incentive.

use alloc::vec::Vec;

use crate::{
	bonds::{ClassicBonds, Yuma3Bonds},
	math::{mul, normalize, Divider, Fx},
	types::Uid,
};

/// Yuma 3: `D[i] = a[i] * sum_j Bn[i][j] I[j]` with `Bn = B'` normalized per
/// column, then `D = normalize(D)`.
pub fn yuma3(bonds: &Yuma3Bonds, incentive: &[Fx], a: &[Fx]) -> Vec<Fx> {
	let earner = Earner::new(&bonds.column_sum, incentive);
	let mut d: Vec<Fx> = (0..bonds.bonds.rows())
		.map(|i| {
			let ai = a.get(i).copied().unwrap_or(Fx::ZERO);
			if ai == Fx::ZERO {
				return Fx::ZERO;
			}
			let (cols, vals) = bonds.bonds.row(i);
			let earned =
				cols.iter().zip(vals).fold(Fx::ZERO, |acc, (j, b)| earner.add(acc, *j, *b));
			mul(ai, earned)
		})
		.collect();
	normalize(&mut d);
	d
}

/// Classic: `D[i] = sum_j Bn[i][j] I[j]` with `Bn` the classic `B'` normalized
/// per column, then `D = normalize(D)`. The sums were accumulated row by row
/// while the bonds were computed ([`ClassicBonds::earned`]); this normalizes them.
pub fn classic(bonds: &ClassicBonds) -> Vec<Fx> {
	let mut d = bonds.earned.clone();
	normalize(&mut d);
	d
}

/// What one bond earns: `B[i][j] * I[j] / sum[j]`, where `sum[j]` is the sum of
/// column `j` of the bonds. The per-column factor `I[j] / sum[j]` is computed
/// once, so a row's dividend costs one multiplication per bond.
pub struct Earner {
	factor: Vec<Fx>,
}

impl Earner {
	/// From the column sums of the bonds (raw [`Fx`] bits) and the incentive.
	pub fn new(column_sum: &[u128], incentive: &[Fx]) -> Self {
		let factor = column_sum
			.iter()
			.zip(incentive)
			.map(|(sum, i)| Divider::new(*sum).div(i.to_bits()))
			.collect();
		Self { factor }
	}

	/// `acc + b * I[j] / sum[j]`.
	#[inline]
	pub fn add(&self, acc: Fx, j: Uid, b: Fx) -> Fx {
		acc.saturating_add(mul(b, self.factor.get(usize::from(j)).copied().unwrap_or(Fx::ZERO)))
	}
}
