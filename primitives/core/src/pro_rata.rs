//! Exact pro-rata splits of rao.

use alloc::vec::Vec;

/// Splits `amount` over `weights` pro rata, exact to the rao: each share is
/// rounded down, then the rao left go one each to the largest remainders
/// (ties to the earlier entry). The shares sum to `amount` whenever some
/// weight is non-zero.
pub fn split_pro_rata(amount: u64, weights: &[u64]) -> Vec<u64> {
	let total: u128 = weights.iter().map(|w| u128::from(*w)).sum();
	if total == 0 {
		return alloc::vec![0; weights.len()];
	}
	let mut shares = Vec::with_capacity(weights.len());
	let mut remainders = Vec::with_capacity(weights.len());
	for (k, w) in weights.iter().enumerate() {
		let product = u128::from(amount).saturating_mul(u128::from(*w));
		let share = product.checked_div(total).unwrap_or(0);
		shares.push(u64::try_from(share).unwrap_or(u64::MAX));
		remainders.push((product.checked_rem(total).unwrap_or(0), k));
	}
	let paid = shares.iter().fold(0u64, |acc, s| acc.saturating_add(*s));
	let left = usize::try_from(amount.saturating_sub(paid)).unwrap_or(usize::MAX);
	// Largest remainder first; among equal ones, the earlier entry.
	remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
	for (_, k) in remainders.into_iter().take(left) {
		if let Some(s) = shares.get_mut(k) {
			*s = s.saturating_add(1);
		}
	}
	shares
}

