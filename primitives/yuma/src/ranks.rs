//! Steps 8 and 9: validator trust, prerank, rank, trust and incentive.

use alloc::vec::Vec;

use crate::{
	clipping::clip,
	math::{mul, normalize, ratio, Fx},
	sparse::Csr,
};

/// What steps 8 and 9 produce.
pub struct Ranks {
	/// `VT[i] = sum_j Wc[i][j]`.
	pub validator_trust: Vec<Fx>,
	/// `P[j] = sum_i a[i] W[i][j]`.
	pub prerank: Vec<Fx>,
	/// `R[j] = sum_i a[i] Wc[i][j]`.
	pub rank: Vec<Fx>,
	/// `T[j] = R[j] / P[j]` with `P[j] = sum_i a[i] W[i][j]`.
	pub trust: Vec<Fx>,
	/// `I = normalize(R)`.
	pub incentive: Vec<Fx>,
}

/// One pass over the weights: O(nnz).
pub fn ranks(w: &Csr, consensus: &[Fx], a: &[Fx]) -> Ranks {
	let n = w.rows();
	let mut validator_trust = alloc::vec![Fx::ZERO; n];
	let mut prerank = alloc::vec![Fx::ZERO; n];
	let mut rank = alloc::vec![Fx::ZERO; n];
	for (i, vt) in validator_trust.iter_mut().enumerate() {
		let ai = a.get(i).copied().unwrap_or(Fx::ZERO);
		let (cols, vals) = w.row(i);
		for (j, wij) in cols.iter().zip(vals) {
			let j = usize::from(*j);
			let wc = clip(*wij, consensus.get(j).copied().unwrap_or(Fx::ZERO));
			*vt = vt.saturating_add(wc);
			if ai > Fx::ZERO {
				if let Some(p) = prerank.get_mut(j) {
					*p = p.saturating_add(mul(ai, *wij));
				}
				if let Some(r) = rank.get_mut(j) {
					*r = r.saturating_add(mul(ai, wc));
				}
			}
		}
	}
	let trust = rank
		.iter()
		.zip(&prerank)
		.map(|(r, p)| ratio(u128::from(r.to_bits()), u128::from(p.to_bits())))
		.collect();
	let mut incentive = rank.clone();
	normalize(&mut incentive);
	Ranks { validator_trust, prerank, rank, trust, incentive }
}
