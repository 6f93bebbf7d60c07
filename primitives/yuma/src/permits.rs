//! Step 3: validator permits for the next epoch.

use alloc::vec::Vec;

use crate::types::PreviousState;

/// The `max_validators` uids with the largest non-zero stake get a permit.
/// Ties go to the lower uid (deliberate; subtensor favours the higher one).
/// Ranking uses the raw stake, which orders exactly as `s` does.
pub fn new_permits(stake: &[u64], max_validators: u16) -> Vec<bool> {
	let mut permit = alloc::vec![false; stake.len()];
	let mut candidates: Vec<(u64, usize)> =
		stake.iter().enumerate().filter(|(_, s)| **s > 0).map(|(i, s)| (*s, i)).collect();
	// Largest stake first; among equals, the lower uid first.
	candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
	for (_, uid) in candidates.into_iter().take(usize::from(max_validators)) {
		if let Some(p) = permit.get_mut(uid) {
			*p = true;
		}
	}
	permit
}

/// The permits step 4 weighs stake and rows by: the previous epoch's, or,
/// in a subnet's first epoch (no previous epoch block), the `new` ones.
pub fn weighing(new: &[bool], n: usize, previous: &PreviousState) -> Vec<bool> {
	if previous.last_epoch_block == 0 {
		new.to_vec()
	} else {
		(0..n).map(|i| previous.permit.get(i).copied().unwrap_or(false)).collect()
	}
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

	#[test]
	fn largest_stakes_win_and_ties_go_to_the_lower_uid() {
		assert_eq!(new_permits(&[5, 9, 5, 0, 5], 3), alloc::vec![true, true, true, false, false]);
		assert_eq!(new_permits(&[0, 0], 5), alloc::vec![false, false]);
		assert_eq!(new_permits(&[1, 2, 3], 0), alloc::vec![false, false, false]);
		assert!(new_permits(&[], 4).is_empty());
	}
}
