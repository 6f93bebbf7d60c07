//! Step 5: the weights consensus may use, row-normalized.

use alloc::vec::Vec;

use crate::{
	math::Divider,
	sparse::{clean_row, Csr},
	types::EpochInput,
};

/// Keeps the rows of permit holders; drops self-weights, uids `>= n`, and
/// weights set before their target registered (`last_update[i] <= registered_at[j]`);
/// then normalizes each row to sum 1 (an empty row stays empty).
pub fn masked_weights(input: &EpochInput, permit: &[bool]) -> Csr {
	let n = input.stake.len();
	let nnz: usize = input
		.weights
		.iter()
		.zip(permit)
		.filter(|(_, p)| **p)
		.map(|(row, _)| row.len())
		.sum();
	let mut w = Csr::with_capacity(n, nnz);
	let mut scratch = Vec::new();
	for (i, (row, has_permit)) in input.weights.iter().zip(permit).enumerate() {
		if *has_permit {
			let set_at = input.last_update.get(i).copied().unwrap_or(0);
			clean_row(
				row,
				n,
				|j| {
					usize::from(j) != i &&
						input.registered_at.get(usize::from(j)).is_some_and(|r| set_at > *r)
				},
				&mut scratch,
			);
			let sum: u64 = scratch.iter().map(|(_, v)| u64::from(*v)).sum();
			let d = Divider::new(u128::from(sum));
			for (j, v) in &scratch {
				w.push(*j, d.div(u64::from(*v)));
			}
		}
		w.end_row();
	}
	w
}
