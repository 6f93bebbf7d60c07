//! Step 6: consensus, the stake-weighted `kappa`-quantile of each column.

use alloc::vec::Vec;

use crate::{math::Fx, sparse::Csr, stake::ActiveStake};

/// Entries gathered per block of columns: 4 Ki entries, 32 KiB, so that a
/// block's scattered writes stay in the L1 data cache (measured: 1 MiB blocks
/// made the 1M-weight epoch 6 ms slower on our machines).
const BLOCK_ENTRIES: usize = 1 << 12;

/// Bits of a gathered entry that hold the validator (its index among the
/// active rows, below 2^16); the weight's bits (at most 2^32) sit above them.
const ROW_BITS: u32 = 16;
const ROW_MASK: u64 = (1 << ROW_BITS) - 1;

/// One gathered entry: weight and validator in one `u64`, so that ordering
/// entries orders their weights.
#[inline]
fn pack(weight: Fx, row: usize) -> u64 {
	let w = weight.to_bits().min(u64::MAX >> ROW_BITS);
	(w << ROW_BITS) | (u64::try_from(row).unwrap_or(0) & ROW_MASK)
}

/// `C[j]`: the highest weight on `j` that validators holding at least `kappa`
/// of the active stake give (a missing entry counts as 0).
///
/// Columns are handled in blocks: the entries of active validators that fall
/// in a block of columns are gathered (a cache-sized piece of the transpose),
/// then each column's quantile is found by a weighted quickselect, without
/// sorting. The comparison `stake * 65535 >= kappa * total` is exact integer
/// arithmetic on rao. Cost: O(nnz) expected time; memory O(n) plus one block.
pub fn consensus(w: &Csr, active: &ActiveStake, kappa: u16) -> Vec<Fx> {
	let n = w.rows();
	let mut c = alloc::vec![Fx::ZERO; n];
	if active.total == 0 {
		return c;
	}
	// At most 2^16 uids, so an active row's index fits ROW_BITS.
	let rows: Vec<usize> = (0..n).filter(|i| active.raw.get(*i).is_some_and(|s| *s > 0)).collect();
	let row_stake: Vec<u64> = rows.iter().map(|i| active.raw.get(*i).copied().unwrap_or(0)).collect();

	// Entries per column, from active rows only.
	let mut count = alloc::vec![0usize; n];
	for i in &rows {
		for j in w.row(*i).0 {
			if let Some(k) = count.get_mut(usize::from(*j)) {
				*k = k.saturating_add(1);
			}
		}
	}

	let threshold = u128::from(kappa).saturating_mul(active.total);
	// Per active row: where its next unread entry is.
	let mut cursor = alloc::vec![0usize; rows.len()];
	let mut block: Vec<u64> = Vec::new();
	let mut scratch: Vec<u64> = Vec::new();
	let mut offset = alloc::vec![0usize; n.saturating_add(1)];
	let mut first = 0usize;
	while first < n {
		// Columns first..last hold at most BLOCK_ENTRIES entries (or one column).
		let mut last = first;
		let mut entries = 0usize;
		while last < n {
			let k = count.get(last).copied().unwrap_or(0);
			if last > first && entries.saturating_add(k) > BLOCK_ENTRIES {
				break;
			}
			entries = entries.saturating_add(k);
			last = last.saturating_add(1);
		}
		// Offsets of the block's columns within `block`.
		let mut at = 0usize;
		for j in first..last {
			if let Some(o) = offset.get_mut(j) {
				*o = at;
			}
			at = at.saturating_add(count.get(j).copied().unwrap_or(0));
		}
		block.clear();
		block.resize(entries, 0);
		// Gather: each active row's entries with column < last, in order.
		for (r, i) in rows.iter().enumerate() {
			let (cols, vals) = w.row(*i);
			let Some(pos) = cursor.get_mut(r) else { continue };
			let rest = cols.get(*pos..).unwrap_or(&[]).iter().zip(vals.get(*pos..).unwrap_or(&[]));
			let mut taken = 0usize;
			for (j, v) in rest {
				let j = usize::from(*j);
				if j >= last {
					break;
				}
				if let Some(o) = offset.get_mut(j) {
					if let Some(slot) = block.get_mut(*o) {
						*slot = pack(*v, r);
					}
					*o = o.wrapping_add(1);
				}
				taken = taken.wrapping_add(1);
			}
			*pos = pos.saturating_add(taken);
		}
		// Select, column by column (offsets now point at each column's end).
		let mut from = 0usize;
		for j in first..last {
			let to = offset.get(j).copied().unwrap_or(from);
			if let (Some(column), Some(cj)) = (block.get_mut(from..to), c.get_mut(j)) {
				*cj = quantile_from_above(column, &row_stake, threshold, &mut scratch);
			}
			from = to;
		}
		first = last;
	}
	c
}

/// The largest weight `c` among the entries of a column (each packed with
/// [`pack`]: weight above, validator below) such that the stake
/// (`row_stake[validator]`) of the entries weighing at least `c`, times 65535,
/// reaches `threshold`; 0 if none does.
///
/// A weighted quickselect: one branch-free pass splits the entries around a
/// pivot weight into heavier and lighter ones while summing their stakes; the
/// answer is the pivot, or lies among the heavier entries, or among the
/// lighter ones with everything heavier counted. Expected O(len) time.
///
/// Works in place: `column` is left in an unspecified order (and `scratch`
/// holds a second buffer of the same length).
fn quantile_from_above(
	column: &mut [u64],
	row_stake: &[u64],
	threshold: u128,
	scratch: &mut Vec<u64>,
) -> Fx {
	let len = column.len();
	if scratch.len() < len {
		scratch.resize(len, 0);
	}
	let (mut x, mut y) = (column, scratch.get_mut(..len).unwrap_or(&mut []));
	// Each pass reads `x[..live]`, keeps heavier entries in place at the front
	// of `x` (never ahead of the read position) and copies lighter ones to `y`;
	// the buffers swap when the search continues among the lighter entries.
	let mut live = len;
	let mut above: u128 = 0;
	while live > 0 {
		let pivot = median_of_three(x.get(..live).unwrap_or(&[]));
		let (mut nh, mut nl) = (0usize, 0usize);
		// Sums of at most 2^16 stakes below 2^64 cannot overflow a u128.
		let (mut heavy_stake, mut equal_stake) = (0u128, 0u128);
		for k in 0..live {
			let e = x.get(k).copied().unwrap_or(0);
			let w = e >> ROW_BITS;
			let is_heavy = w > pivot;
			let is_light = w < pivot;
			if let Some(slot) = x.get_mut(nh) {
				*slot = e;
			}
			if let Some(slot) = y.get_mut(nl) {
				*slot = e;
			}
			nh = nh.wrapping_add(usize::from(is_heavy));
			nl = nl.wrapping_add(usize::from(is_light));
			let s = u128::from(row_stake.get(usize::try_from(e & ROW_MASK).unwrap_or(usize::MAX)).copied().unwrap_or(0));
			heavy_stake = heavy_stake.wrapping_add(s & u128::from(is_heavy).wrapping_neg());
			equal_stake =
				equal_stake.wrapping_add(s & u128::from(!(is_heavy | is_light)).wrapping_neg());
		}
		let with_heavy = above.saturating_add(heavy_stake.saturating_mul(65_535));
		let with_equal = with_heavy.saturating_add(equal_stake.saturating_mul(65_535));
		if nh > 0 && with_heavy >= threshold {
			live = nh;
		} else if with_equal >= threshold {
			return Fx::from_bits(pivot);
		} else {
			above = with_equal;
			live = nl;
			core::mem::swap(&mut x, &mut y);
		}
	}
	Fx::ZERO
}

/// The median of the first, middle and last weights of a non-empty slice.
fn median_of_three(part: &[u64]) -> u64 {
	let first = part.first().map_or(0, |e| e >> ROW_BITS);
	let mid = part.get(part.len() / 2).map_or(first, |e| e >> ROW_BITS);
	let last = part.last().map_or(first, |e| e >> ROW_BITS);
	first.max(mid).min(first.min(mid).max(last))
}

#[cfg(test)]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	clippy::approx_constant
)]
mod tests {
	use super::*;

	/// The definition, by brute force over sorted weights.
	fn by_sorting(column: &[(u64, u64)], threshold: u128) -> Fx {
		let mut sorted = column.to_vec();
		sorted.sort_unstable_by(|a, b| b.cmp(a));
		let mut support = 0u128;
		for (w, s) in sorted {
			support += u128::from(s);
			if support * 65_535 >= threshold {
				return Fx::from_bits(w);
			}
		}
		Fx::ZERO
	}

	#[test]
	fn quickselect_agrees_with_sorting() {
		let mut x: u64 = 12345;
		let mut next = move || {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			x
		};
		let mut scratch = Vec::new();
		for _ in 0..3_000 {
			let len = (next() % 40) as usize;
			let distinct = 1 + next() % 8;
			let column: Vec<(u64, u64)> =
				(0..len).map(|_| (next() % distinct, next() % 1_000)).collect();
			let stakes: Vec<u64> = column.iter().map(|e| e.1).collect();
			let packed: Vec<u64> =
				column.iter().enumerate().map(|(r, e)| pack(Fx::from_bits(e.0), r)).collect();
			let total: u128 = column.iter().map(|e| u128::from(e.1)).sum();
			for kappa in [0u128, 1, 16_000, 32_767, 50_000, 65_535] {
				let threshold = kappa * total.max(1);
				assert_eq!(
					quantile_from_above(&mut packed.clone(), &stakes, threshold, &mut scratch),
					by_sorting(&column, threshold),
					"{column:?} kappa {kappa}"
				);
			}
		}
	}
}
