//! Step 6: consensus, the stake-weighted `kappa`-quantile of each column.

use alloc::vec::Vec;

use crate::{math::Fx, sparse::Csr, stake::ActiveStake};

/// `C[j]`: the highest weight on `j` that validators holding at least `kappa`
/// of the active stake give (a missing entry counts as 0).
///
/// Each column's entries from active validators are sorted by weight,
/// descending, and walked until their stake reaches `kappa` of the total.
/// The comparison `stake * 65535 >= kappa * total` is exact integer
/// arithmetic on rao. Cost: O(nnz log V) time, O(n + nnz) memory.
pub fn consensus(w: &Csr, active: &ActiveStake, kappa: u16) -> Vec<Fx> {
	let n = w.rows();
	let mut c = alloc::vec![Fx::ZERO; n];
	if active.total == 0 {
		return c;
	}
	// Column start offsets of the transposed entries of active rows.
	let mut start = alloc::vec![0usize; n.saturating_add(1)];
	for (i, stake) in active.raw.iter().enumerate() {
		if *stake > 0 {
			for j in w.row(i).0 {
				if let Some(s) = start.get_mut(usize::from(*j).saturating_add(1)) {
					*s = s.saturating_add(1);
				}
			}
		}
	}
	for k in 1..start.len() {
		let prev = start.get(k.saturating_sub(1)).copied().unwrap_or(0);
		if let Some(s) = start.get_mut(k) {
			*s = s.saturating_add(prev);
		}
	}
	// Keys `(weight bits << 16) | row`: sorting them sorts by weight.
	let total = start.last().copied().unwrap_or(0);
	let mut keys = alloc::vec![0u64; total];
	let mut cursor: Vec<usize> = start.clone();
	for (i, stake) in active.raw.iter().enumerate() {
		if *stake > 0 {
			let (cols, vals) = w.row(i);
			let row = u64::try_from(i).unwrap_or(0) & 0xFFFF;
			for (j, v) in cols.iter().zip(vals) {
				if let Some(at) = cursor.get_mut(usize::from(*j)) {
					if let Some(slot) = keys.get_mut(*at) {
						*slot = (v.to_bits() << 16) | row;
					}
					*at = at.saturating_add(1);
				}
			}
		}
	}
	let threshold = u128::from(kappa).saturating_mul(active.total);
	for (j, cj) in c.iter_mut().enumerate() {
		let from = start.get(j).copied().unwrap_or(0);
		let to = start.get(j.saturating_add(1)).copied().unwrap_or(from);
		let Some(column) = keys.get_mut(from..to) else { continue };
		column.sort_unstable_by(|a, b| b.cmp(a));
		let mut support: u128 = 0;
		for key in column.iter() {
			let row = usize::try_from(key & 0xFFFF).unwrap_or(0);
			support = support.saturating_add(u128::from(active.raw.get(row).copied().unwrap_or(0)));
			if support.saturating_mul(65_535) >= threshold {
				*cj = Fx::from_bits(key >> 16);
				break;
			}
		}
	}
	c
}
