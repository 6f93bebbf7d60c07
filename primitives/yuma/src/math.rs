//! Fixed-point arithmetic: [`Fx`] (`U32F32` of the `fixed` crate) for
//! proportions and sums of them, and the liquid-alpha sigmoid.
//!
//! Every operation here is integer arithmetic that rounds down
//! (`floor`) unless it says otherwise, saturates instead of overflowing, and
//! treats a zero denominator as giving 0. So the same input gives the same
//! bits on every platform, natively and in WASM.

use fixed::types::U32F32;

/// A non-negative fixed-point number with 32 fractional bits: proportions in
/// `[0, 1]` and sums of up to 2^32 of them.
pub type Fx = U32F32;

/// `1.0`.
pub const ONE: Fx = Fx::ONE;
/// `0.0`.
pub const ZERO: Fx = Fx::ZERO;

/// `1.0` in raw bits.
const ONE_BITS: u64 = 1 << 32;

/// `floor(num / den)` as [`Fx`]; 0 when `den == 0`; saturates at `Fx::MAX`.
#[inline]
pub fn ratio(num: u128, den: u128) -> Fx {
	if den == 0 {
		return ZERO;
	}
	let scaled = num.checked_shl(32).filter(|s| s >> 32 == num);
	let bits = match scaled {
		Some(s) => s.checked_div(den).unwrap_or(0),
		// `num` uses more than 96 bits: divide first (loses < 1 ulp per 2^32 of num).
		None => (num.checked_div(den).unwrap_or(0)).saturating_mul(1 << 32),
	};
	Fx::from_bits(u64::try_from(bits).unwrap_or(u64::MAX))
}

/// A `u16` proportion (65535 = 1.0) as [`Fx`].
#[inline]
pub fn from_u16(v: u16) -> Fx {
	ratio(u128::from(v), 65_535)
}

/// `round(x * 65535)`, clamped to `u16`: how the chain stores a proportion.
#[inline]
pub fn to_u16(x: Fx) -> u16 {
	// x * 65535 + 0.5, in 32 fractional bits (fits a u64 for x <= 1).
	let bits = x.to_bits().min(1 << 32);
	let scaled = bits.saturating_mul(65_535).saturating_add(1 << 31);
	u16::try_from(scaled >> 32).unwrap_or(u16::MAX)
}

/// [`to_u16`] of every entry.
pub fn to_u16_vec(v: &[Fx]) -> alloc::vec::Vec<u16> {
	v.iter().map(|x| to_u16(*x)).collect()
}

/// `a * b`, rounded down, saturating.
#[inline]
pub fn mul(a: Fx, b: Fx) -> Fx {
	a.saturating_mul(b)
}

/// Divides many numerators by one denominator with one division: `x / den`
/// for `x <= den` (as in a normalization), within one ulp of the exact
/// `floor(x / den)` for the numerators it is used with (at most 2^-24 absolute
/// for denominators up to 256).
/// Denominators of 1 and of 2^64 or more take exact paths.
#[derive(Clone, Copy, Debug)]
pub struct Divider {
	/// `floor(scale * 2^64 / den)` when that is non-zero and `den >= 2`, else 0
	/// (then `div` takes the exact path).
	recip: u64,
	den: u128,
	scale: Fx,
}

impl Divider {
	/// A divider by `den` (raw units: `u64` integers or [`Fx`] bits alike).
	#[inline]
	pub fn new(den: u128) -> Self {
		Self::scaled(ONE, den)
	}

	/// A divider that also multiplies by `scale <= 1`: `div(x)` is
	/// `scale * x / den`, with the one multiplication folded into the reciprocal.
	#[inline]
	pub fn scaled(scale: Fx, den: u128) -> Self {
		let scale = scale.min(ONE);
		let recip = if den >= 2 {
			// scale <= 2^32 in bits, so the quotient is below 2^63.
			let num = u128::from(scale.to_bits()) << 32;
			u64::try_from(num.checked_div(den).unwrap_or(0)).unwrap_or(0)
		} else {
			0
		};
		Self { recip, den, scale }
	}

	/// `scale * num / den` as [`Fx`], where `num` is in the same units as `den`.
	#[inline]
	pub fn div(&self, num: u64) -> Fx {
		if self.recip == 0 {
			return mul(ratio(u128::from(num), self.den), self.scale);
		}
		// One 64 × 64 → 128-bit multiplication.
		let bits = (u128::from(num).wrapping_mul(u128::from(self.recip))) >> 32;
		Fx::from_bits(u64::try_from(bits).unwrap_or(u64::MAX))
	}
}

/// Normalizes `v` in place to sum 1 (the zero vector stays zero). Returns
/// whether the sum was non-zero.
pub fn normalize(v: &mut [Fx]) -> bool {
	let sum: u128 = v.iter().map(|x| u128::from(x.to_bits())).sum();
	if sum == 0 {
		return false;
	}
	let d = Divider::new(sum);
	for x in v.iter_mut() {
		*x = d.div(x.to_bits());
	}
	true
}

// ---- the liquid-alpha sigmoid ---------------------------------------------------

/// `log2(e) - 1` in Q0.64.
const LOG2_E_FRAC_Q64: u128 = 0x7154_7652_B82F_E177;
/// `ln(2)` in Q0.64.
const LN_2_Q64: u128 = 0xB172_17F7_D1CF_79AB;

/// `e^-y` for `y >= 0` given in Q64.64; the result is in Q0.64 (`1.0 = 2^64`).
/// Exact to a few ulps of 2^-64: range reduction to `2^-k * e^(-f ln 2)`, then
/// the Taylor series of `e^-w` for `w < ln 2`.
fn exp_neg_q64(y: u128) -> u128 {
	// e^-45 < 2^-64: nothing representable is left.
	if y >= 45u128 << 64 {
		return 0;
	}
	// u = y * log2(e) = y + y * frac(log2 e), with y < 2^70 split into two halves.
	let y_hi = y >> 64;
	let y_lo = y & u128::from(u64::MAX);
	let u = y
		.saturating_add(y_hi.saturating_mul(LOG2_E_FRAC_Q64))
		.saturating_add(y_lo.saturating_mul(LOG2_E_FRAC_Q64) >> 64);
	let k = u >> 64;
	let f = u & u128::from(u64::MAX);
	// w = f * ln 2 < ln 2.
	let w = f.saturating_mul(LN_2_Q64) >> 64;
	// e^-w = sum (-w)^i / i!.
	let mut sum: i128 = 1 << 64;
	let mut term: u128 = 1 << 64;
	let mut i: u128 = 1;
	while term != 0 && i < 40 {
		term = (term.saturating_mul(w) >> 64).checked_div(i).unwrap_or(0);
		let t = i128::try_from(term).unwrap_or(i128::MAX);
		sum = if i % 2 == 1 { sum.saturating_sub(t) } else { sum.saturating_add(t) };
		i = i.saturating_add(1);
	}
	let e_neg_w = u128::try_from(sum).unwrap_or(0);
	u32::try_from(k).ok().and_then(|k| e_neg_w.checked_shr(k)).unwrap_or(0)
}

/// `sigmoid(z) = 1 / (1 + e^-z)` for `z` in signed Q64.64, as [`Fx`].
fn sigmoid_q64(z: i128) -> Fx {
	let t = exp_neg_q64(z.unsigned_abs());
	let den = (1u128 << 64).saturating_add(t);
	let num = if z >= 0 { 1u128 << 96 } else { t.saturating_mul(1 << 32) };
	Fx::from_bits(u64::try_from(num.checked_div(den).unwrap_or(0)).unwrap_or(u64::MAX))
}

/// Bits of the table's step: `x` is looked up in steps of 2^-13.
const TABLE_BITS: u32 = 13;
/// Entries of the table: `x = 0, 2^-13, …, 1`.
const TABLE_LEN: usize = (1 << TABLE_BITS) + 1;

/// Liquid alpha as a function of `x` in `[0, 1]` (YUMA.md step 12):
/// `clamp(low + sigmoid(steepness * (x - 0.5)) * (high - low), low, high)`.
///
/// Built once per epoch: 8,193 exact evaluations, then linear interpolation
/// between them. The interpolation error is below `0.012 * steepness^2 * 2^-26`
/// (under 2e-8 for the default steepness 10, under 2e-4 even at 1000).
pub struct AlphaCurve {
	table: alloc::vec::Vec<u64>,
}

impl AlphaCurve {
	/// The curve for these bounds (`u16` proportions) and steepness (`I32F32` bits).
	pub fn new(alpha_low: u16, alpha_high: u16, steepness_bits: i64) -> Self {
		let low = from_u16(alpha_low);
		let high = from_u16(alpha_high.max(alpha_low));
		let span = high.saturating_sub(low);
		let mut table = alloc::vec::Vec::with_capacity(TABLE_LEN);
		for step in 0..TABLE_LEN {
			// x - 0.5 in 32 fractional bits, then z = steepness * (x - 0.5) in Q64.64.
			let x_bits = i64::try_from(step).unwrap_or(0) << (32 - TABLE_BITS);
			let centered = x_bits.saturating_sub(1 << 31);
			let z = i128::from(steepness_bits).saturating_mul(i128::from(centered));
			let alpha = low.saturating_add(mul(sigmoid_q64(z), span)).clamp(low, high);
			table.push(alpha.to_bits());
		}
		Self { table }
	}

	/// Alpha at `x`, clamped to `[0, 1]` first.
	#[inline]
	pub fn at(&self, x: Fx) -> Fx {
		let x_bits = x.to_bits().min(ONE_BITS);
		let shift = 32 - TABLE_BITS;
		let idx = usize::try_from(x_bits >> shift).unwrap_or(0);
		let frac = i128::from(x_bits & ((1u64 << shift).wrapping_sub(1)));
		let y0 = self.table.get(idx).copied().unwrap_or(0);
		let y1 = self.table.get(idx.saturating_add(1)).copied().unwrap_or(y0);
		let delta = i128::from(y1).saturating_sub(i128::from(y0));
		let y = i128::from(y0).saturating_add(delta.saturating_mul(frac) >> shift);
		Fx::from_bits(u64::try_from(y).unwrap_or(0))
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

	fn f(x: Fx) -> f64 {
		x.to_num::<f64>()
	}

	#[test]
	fn ratio_rounds_down_and_handles_zero() {
		assert_eq!(ratio(1, 3).to_bits(), (1u64 << 32) / 3);
		assert_eq!(ratio(5, 0), ZERO);
		assert_eq!(ratio(7, 7), ONE);
		assert_eq!(ratio(u128::MAX, 1), Fx::MAX);
	}

	#[test]
	fn u16_round_trip_is_exact() {
		for v in [0u16, 1, 2, 100, 32_767, 32_768, 65_534, 65_535] {
			assert_eq!(to_u16(from_u16(v)), v);
		}
		assert_eq!(to_u16(ONE), 65_535);
		assert_eq!(to_u16(Fx::MAX), 65_535);
	}

	#[test]
	fn divider_is_within_one_ulp() {
		for den in [1u128, 2, 3, 7, 65_535, 1 << 32, (1 << 40) + 17, (1 << 70) + 3] {
			let d = Divider::new(den);
			for num in [0u128, 1, den / 3, den / 2, den].map(|x| x.min(u128::from(u64::MAX))) {
				let exact = ratio(num, den).to_bits();
				let fast = d.div(u64::try_from(num).unwrap_or(0)).to_bits();
				assert!(exact.abs_diff(fast) <= 256, "{num}/{den}: {exact} vs {fast}");
			}
		}
	}

	#[test]
	fn exp_matches_f64() {
		for y in [0.0f64, 0.001, 0.1, 0.5, 0.6931, 1.0, 2.5, 10.0, 30.0, 44.0] {
			let q = (y * 2f64.powi(64)) as u128;
			let got = exp_neg_q64(q) as f64 / 2f64.powi(64);
			assert!((got - (-y).exp()).abs() < 1e-15, "e^-{y}: {got}");
		}
		assert_eq!(exp_neg_q64(50u128 << 64), 0);
	}

	#[test]
	fn sigmoid_matches_f64() {
		for z in [-40.0f64, -5.0, -1.0, -0.25, 0.0, 0.25, 1.0, 5.0, 40.0] {
			let q = (z * 2f64.powi(64)) as i128;
			let got = f(sigmoid_q64(q));
			let want = 1.0 / (1.0 + (-z).exp());
			assert!((got - want).abs() < 1e-9, "sigmoid({z}) = {got}, want {want}");
		}
	}

	#[test]
	fn alpha_curve_matches_the_formula() {
		for steepness in [10.0f64, -3.0, 0.0, 100.0] {
			let curve = AlphaCurve::new(45_875, 58_982, (steepness * 2f64.powi(32)) as i64);
			let (low, high) = (45_875.0 / 65_535.0, 58_982.0 / 65_535.0);
			for i in 0..=1000 {
				let x = i as f64 / 1000.0;
				let want = (low + (high - low) / (1.0 + (-steepness * (x - 0.5)).exp()))
					.clamp(low, high);
				let got = f(curve.at(Fx::from_num(x)));
				let tol = 1e-7 + 2e-8 * steepness * steepness;
				assert!((got - want).abs() < tol, "k={steepness} x={x}: {got} vs {want}");
			}
		}
	}
}
