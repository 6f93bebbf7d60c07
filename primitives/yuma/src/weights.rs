//! Step 5: the weights consensus may use, row-normalized.

use crate::{
	math::{Divider, Fx},
	sparse::Csr,
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
	for (i, (row, has_permit)) in input.weights.iter().zip(permit).enumerate() {
		if *has_permit {
			let set_at = input.last_update.get(i).copied().unwrap_or(0);
			// Raw values go in first; the row is normalized in place below.
			let mut sorted = true;
			let mut next_min = 0usize;
			for (j, v) in row {
				let ju = usize::from(*j);
				let keep = *v != 0 &&
					ju != i && input.registered_at.get(ju).is_some_and(|r| set_at > *r);
				if keep {
					sorted &= ju >= next_min;
					next_min = ju.saturating_add(1);
					w.push(*j, Fx::from_bits(u64::from(*v)));
				}
			}
			if !sorted {
				w.sort_open_row();
			}
			let vals = w.open_row_vals_mut();
			let sum: u64 = vals.iter().map(|v| v.to_bits()).sum();
			let d = Divider::new(u128::from(sum));
			for v in vals.iter_mut() {
				*v = d.div(v.to_bits());
			}
		}
		w.end_row();
	}
	w
}
