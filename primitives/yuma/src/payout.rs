//! Step 14: the epoch's emission, paid in whole rao, summing exactly.

use alloc::vec::Vec;

use crate::math::Fx;

/// Pays `emission` rao in proportion to `weights` (raw [`Fx`] bits):
/// every uid gets `floor(E * w / sum(w))`, and the rao left over (fewer than
/// `n`) go one each to the largest remainders, ties to the lower uid.
/// Returns the payments and what could not be paid (all of it when every
/// weight is 0). `sum(payments) + unpaid == emission`, always.
pub fn pay(emission: u64, weights: &[Fx]) -> (Vec<u64>, u64) {
	let total: u128 = weights.iter().map(|w| u128::from(w.to_bits())).sum();
	if total == 0 {
		return (alloc::vec![0; weights.len()], emission);
	}
	let e = u128::from(emission);
	let mut paid = Vec::with_capacity(weights.len());
	let mut remainders = Vec::with_capacity(weights.len());
	let mut sum: u64 = 0;
	for (uid, w) in weights.iter().enumerate() {
		// E < 2^64 and w < 2^64: the product fits u128 whenever sum(w) < 2^64,
		// which holds for the proportions this is called with.
		let product = e.saturating_mul(u128::from(w.to_bits()));
		let share = u64::try_from(product.checked_div(total).unwrap_or(0)).unwrap_or(u64::MAX);
		let remainder = product.checked_rem(total).unwrap_or(0);
		sum = sum.saturating_add(share);
		paid.push(share);
		if remainder > 0 {
			remainders.push((remainder, uid));
		}
	}
	let mut left = emission.saturating_sub(sum);
	remainders.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
	for (_, uid) in remainders {
		if left == 0 {
			break;
		}
		if let Some(p) = paid.get_mut(uid) {
			*p = p.saturating_add(1);
			left = left.saturating_sub(1);
		}
	}
	(paid, left)
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

	fn fx(v: &[f64]) -> Vec<Fx> {
		v.iter().map(|x| Fx::from_num(*x)).collect()
	}

	#[test]
	fn pays_exactly_and_gives_leftovers_to_largest_remainders() {
		let (paid, left) = pay(10, &fx(&[1.0, 1.0, 1.0]));
		assert_eq!(paid, alloc::vec![4, 3, 3]);
		assert_eq!(left, 0);
		let (paid, left) = pay(100, &fx(&[0.5, 0.25, 0.25]));
		assert_eq!(paid, alloc::vec![50, 25, 25]);
		assert_eq!(left, 0);
		let (paid, _) = pay(7, &fx(&[0.1, 0.3, 0.6]));
		assert_eq!(paid.iter().sum::<u64>(), 7);
		assert_eq!(paid, alloc::vec![1, 2, 4]);
	}

	#[test]
	fn nobody_to_pay_leaves_everything_unpaid() {
		assert_eq!(pay(5, &fx(&[0.0, 0.0])), (alloc::vec![0, 0], 5));
		assert_eq!(pay(5, &[]), (alloc::vec![], 5));
	}

	#[test]
	fn huge_emission_still_sums_exactly() {
		let (paid, left) = pay(u64::MAX, &fx(&[0.3, 0.3, 0.4]));
		assert_eq!(left, 0);
		assert_eq!(paid.iter().map(|p| u128::from(*p)).sum::<u128>(), u128::from(u64::MAX));
	}
}
