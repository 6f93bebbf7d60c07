//! Steps 7 and 10: clipped weights and the weights bonds follow.

use crate::math::{mul, Fx};

/// Step 7: `Wc[i][j] = min(W[i][j], C[j])` (0 where `C[j] == 0`).
#[inline]
pub fn clip(w: Fx, c: Fx) -> Fx {
	w.min(c)
}

/// Step 10: `Wb = (1 - penalty) W + penalty Wc = W - penalty (W - Wc)`.
#[inline]
pub fn bond_weight(w: Fx, c: Fx, penalty: Fx) -> Fx {
	let over = w.saturating_sub(clip(w, c));
	w.saturating_sub(mul(penalty, over))
}
