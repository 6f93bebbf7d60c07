//! Step 13 (dividends): what each validator's bonds earn from the incentive.

use alloc::vec::Vec;

use crate::{
	math::{mul, normalize, Divider, Fx},
	sparse::Csr,
};

/// Yuma 3: `D[i] = a[i] * sum_j Bn[i][j] I[j]` with `Bn = B'` normalized per
/// column, then `D = normalize(D)`. The per-column factor `I[j] / colsum[j]`
/// is computed once, so the pass over the bonds is O(nnz) multiplications.
pub fn yuma3(bonds: &Csr, incentive: &[Fx], a: &[Fx]) -> Vec<Fx> {
	let n = bonds.rows();
	let factor: Vec<Fx> = bonds
		.column_sums(n)
		.iter()
		.zip(incentive)
		.map(|(sum, i)| Divider::new(*sum).div(i.to_bits()))
		.collect();
	let mut d: Vec<Fx> = (0..n)
		.map(|i| {
			let ai = a.get(i).copied().unwrap_or(Fx::ZERO);
			if ai == Fx::ZERO {
				return Fx::ZERO;
			}
			let (cols, vals) = bonds.row(i);
			let earned = cols.iter().zip(vals).fold(Fx::ZERO, |acc, (j, b)| {
				acc.saturating_add(mul(*b, factor.get(usize::from(*j)).copied().unwrap_or(Fx::ZERO)))
			});
			mul(ai, earned)
		})
		.collect();
	normalize(&mut d);
	d
}

/// Classic: `D[i] = sum_j B'[i][j] I[j]` (`B'` already normalized per column),
/// then `D = normalize(D)`.
pub fn classic(bonds: &Csr, incentive: &[Fx]) -> Vec<Fx> {
	let mut d: Vec<Fx> = (0..bonds.rows())
		.map(|i| {
			let (cols, vals) = bonds.row(i);
			cols.iter().zip(vals).fold(Fx::ZERO, |acc, (j, b)| {
				acc.saturating_add(mul(*b, incentive.get(usize::from(*j)).copied().unwrap_or(Fx::ZERO)))
			})
		})
		.collect();
	normalize(&mut d);
	d
}
