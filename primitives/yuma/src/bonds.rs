//! Steps 11 to 13 (bonds): bond reset, alpha, and the new bonds of Yuma 3 and
//! of classic Yuma. All of it row by row over sparse rows: O(nnz).

use alloc::vec::Vec;

use crate::{
	clipping::bond_weight,
	dividends::Earner,
	math::{mul, to_u16, AlphaCurve, Divider, Fx, ONE},
	sparse::{clean_row, Csr},
	ranks::Ranks,
	types::{EpochConfig, EpochInput, PreviousState, SparseRow, Uid},
};

/// Step 11: bonds to slots registered at or after this block are dropped.
/// It is the previous epoch's block, or `block - tempo` in a first epoch.
pub fn reset_block(input: &EpochInput, config: &EpochConfig, prev: &PreviousState) -> u64 {
	if prev.last_epoch_block == 0 {
		input.block.saturating_sub(config.tempo)
	} else {
		prev.last_epoch_block
	}
}

/// Step 12: how fast bonds move toward the bond weights.
pub enum Alpha {
	/// `1 - bonds_moving_average / 1e6` for every entry.
	Fixed(Fx),
	/// Liquid alpha (Yuma 3 with `liquid_alpha_enabled` and some `C[j] > 0`).
	Liquid(AlphaCurve),
}

impl Alpha {
	/// The alpha of this epoch: liquid only for Yuma 3 with liquid alpha
	/// enabled and some consensus; fixed otherwise.
	pub fn new(config: &EpochConfig, consensus: &[Fx]) -> Self {
		let liquid = config.yuma_version == 3 &&
			config.liquid_alpha_enabled &&
			consensus.iter().any(|c| *c > Fx::ZERO);
		if liquid {
			Alpha::Liquid(AlphaCurve::new(
				config.alpha_low,
				config.alpha_high,
				config.alpha_sigmoid_steepness_bits,
			))
		} else {
			Alpha::Fixed(Self::fixed(config))
		}
	}

	/// `1 - bonds_moving_average / 1e6`: the alpha of every entry when
	/// liquid alpha is off, and always in classic Yuma.
	pub fn fixed(config: &EpochConfig) -> Fx {
		let keep = config.bonds_moving_average.min(1_000_000);
		crate::math::ratio(u128::from(1_000_000u64.saturating_sub(keep)), 1_000_000)
	}

	/// Alpha of entry `(i, j)` with row-normalized weight `w`, previous bond
	/// `b` (proportion) and consensus `c` of column `j`.
	#[inline]
	pub fn at(&self, w: Fx, b: Fx, c: Fx) -> Fx {
		match self {
			Alpha::Fixed(a) => *a,
			Alpha::Liquid(curve) => {
				// Buying (w >= b): how far above consensus; selling: how far below the bond.
				let x = if w >= b { w.saturating_sub(c) } else { b.saturating_sub(w) };
				curve.at(x.min(ONE))
			},
		}
	}
}

/// Calls `f(j, bond, weight)` for every column of a bonds row or a weights
/// row (a missing side is 0), in increasing `j`.
#[inline]
fn merge(
	bonds: &[(Uid, u16)],
	w_cols: &[Uid],
	w_vals: &[Fx],
	mut f: impl FnMut(Uid, u16, Fx),
) {
	let (mut bi, mut wi) = (0usize, 0usize);
	loop {
		let b = bonds.get(bi);
		let w = w_cols.get(wi).zip(w_vals.get(wi));
		// One call site for `f`, so that it is inlined once.
		let (j, bv, wv, take_b, take_w) = match (b, w) {
			(None, None) => break,
			(Some((bj, bv)), None) => (*bj, *bv, Fx::ZERO, true, false),
			(None, Some((wj, wv))) => (*wj, 0, *wv, false, true),
			(Some((bj, bv)), Some((wj, wv))) =>
				if bj == wj {
					(*bj, *bv, *wv, true, true)
				} else if bj < wj {
					(*bj, *bv, Fx::ZERO, true, false)
				} else {
					(*wj, 0, *wv, false, true)
				},
		};
		bi = bi.saturating_add(usize::from(take_b));
		wi = wi.saturating_add(usize::from(take_w));
		f(j, bv, wv);
	}
}

/// Inputs every bonds computation shares.
pub struct BondInputs<'a> {
	/// Row-normalized weights of step 5.
	pub weights: &'a Csr,
	/// Consensus of step 6.
	pub consensus: &'a [Fx],
	/// The previous epoch's stored bonds.
	pub previous: &'a [SparseRow],
	/// Registration block of every uid.
	pub registered_at: &'a [u64],
	/// Step 11's reset block.
	pub reset_block: u64,
	/// `bonds_penalty` as a proportion.
	pub penalty: Fx,
}

impl BondInputs<'_> {
	fn consensus_of(&self, j: Uid) -> Fx {
		self.consensus.get(usize::from(j)).copied().unwrap_or(Fx::ZERO)
	}
}

/// The previous bonds after step 11's reset. Rows as the chain stores them
/// (sorted, no duplicate uids) are read in place, and what the reset or the
/// bounds drop reads as a zero bond through [`Previous::bond`]; only an
/// unsorted row is sanitized into a buffer.
struct Previous<'a> {
	rows: &'a [SparseRow],
	/// Whether column `j` keeps its bonds (`registered_at[j] < reset_block`).
	kept: Vec<bool>,
}

impl<'a> Previous<'a> {
	fn new(inp: &BondInputs<'a>) -> Self {
		let n = inp.weights.rows();
		let kept = (0..n)
			.map(|j| inp.registered_at.get(j).is_some_and(|r| *r < inp.reset_block))
			.collect();
		Self { rows: inp.previous, kept }
	}

	/// Row `i`, sorted by uid without duplicates (entries may still read as 0).
	fn row<'b>(&'b self, i: usize, buf: &'b mut Vec<(Uid, u16)>) -> &'b [(Uid, u16)] {
		let row = self.rows.get(i).map(Vec::as_slice).unwrap_or(&[]);
		if row.windows(2).all(|w| matches!(w, [x, y] if x.0 < y.0)) {
			return row;
		}
		clean_row(row, self.kept.len(), |j| self.kept.get(usize::from(j)).copied().unwrap_or(false), buf);
		buf
	}

	/// The bond `v` stored at column `j`, or 0 if the reset (or `j >= n`) drops it.
	#[inline]
	fn bond(&self, j: Uid, v: u16) -> u16 {
		if self.kept.get(usize::from(j)).copied().unwrap_or(false) {
			v
		} else {
			0
		}
	}
}

/// Yuma 3 bonds `B'`, their column sums, and the rows to store.
pub struct Yuma3Bonds {
	/// `B'`.
	pub bonds: Csr,
	/// The sum of each column of `bonds`, as raw [`Fx`] bits (for `Bn`).
	pub column_sum: Vec<u128>,
	/// What is stored: rows of new permit holders, `round(B' * 65535)`,
	/// zeros dropped; other rows empty.
	pub stored: Vec<SparseRow>,
}

/// Step 13, Yuma 3: `B' = min(1, (1 - alpha) B + alpha Wb)` for every entry of
/// `B` or `Wb`, with `B = bonds / 65535`. One pass computes `B'`, its column
/// sums and the stored rows (`new_permit`: step 3's new permits).
pub fn yuma3(inp: &BondInputs, alpha: &Alpha, new_permit: &[bool]) -> Yuma3Bonds {
	let n = inp.weights.rows();
	let prev_nnz: usize = inp.previous.iter().map(Vec::len).sum();
	let mut out = Csr::with_capacity(n, inp.weights.nnz().max(prev_nnz));
	let mut column_sum = alloc::vec![0u128; n];
	let mut stored = Vec::with_capacity(n);
	let per_u16 = Divider::new(65_535);
	let previous = Previous::new(inp);
	let mut buf = Vec::new();
	for i in 0..n {
		let prev = previous.row(i, &mut buf);
		let (w_cols, w_vals) = inp.weights.row(i);
		let keep_row = new_permit.get(i).copied().unwrap_or(false);
		let mut row = if keep_row { Vec::with_capacity(w_cols.len().max(prev.len())) } else { Vec::new() };
		merge(prev, w_cols, w_vals, |j, b_raw, w| {
			let b = per_u16.div(u64::from(previous.bond(j, b_raw)));
			let c = inp.consensus_of(j);
			let wb = bond_weight(w, c, inp.penalty);
			let a = alpha.at(w, b, c);
			let next = mul(ONE.saturating_sub(a), b).saturating_add(mul(a, wb)).min(ONE);
			if next > Fx::ZERO {
				out.push(j, next);
				if let Some(s) = column_sum.get_mut(usize::from(j)) {
					*s = s.saturating_add(u128::from(next.to_bits()));
				}
				let q = to_u16(next);
				if keep_row && q != 0 {
					row.push((j, q));
				}
			}
		});
		out.end_row();
		stored.push(row);
	}
	Yuma3Bonds { bonds: out, column_sum, stored }
}

/// Classic bonds `B'` before their final per-column normalization, with what
/// that normalization needs. Normalizing is left to the readers, so no pass
/// over the entries is spent on it: dividends divide by the column sum (known
/// before `B'` is: `sum_i B'[i][j] = (1 - alpha) + alpha`, each term present
/// when its column of `B` or `dB` has any weight), and storage by the column
/// maximum (`B' / max` is `Bn / max(Bn)` for `Bn = B' / sum`).
pub struct ClassicBonds {
	/// `B' = alpha dB + (1 - alpha) B`, not yet normalized per column.
	pub bonds: Csr,
	/// The largest entry of each column of `bonds`.
	pub column_max: Vec<Fx>,
	/// `sum_j Bn[i][j] I[j]` of every row, before `D` is normalized.
	pub earned: Vec<Fx>,
}

/// Step 13, classic: `B' = alpha dB + (1 - alpha) B`, where `B` is the previous
/// bonds and `dB = a Wb`, each normalized per column, and what each row earns
/// (see [`ClassicBonds`] for the final normalization).
///
/// The column sums of `dB` need no pass of their own: `Wb = (1 - p) W + p Wc`,
/// so `sum_i a[i] Wb[i][j] = (1 - p) P[j] + p R[j]` with step 9's prerank `P`
/// and rank `R`.
pub fn classic(inp: &BondInputs, alpha: Fx, a: &[Fx], ranks: &Ranks) -> ClassicBonds {
	let n = inp.weights.rows();
	let not_penalized = ONE.saturating_sub(inp.penalty);
	let db_sum = ranks.prerank.iter().zip(&ranks.rank).map(|(p, r)| {
		u128::from(mul(not_penalized, *p).saturating_add(mul(inp.penalty, *r)).to_bits())
	});

	// Pass 1: the column sums of the previous bonds (after reset).
	let previous = Previous::new(inp);
	let mut buf = Vec::new();
	let mut b_sum = alloc::vec![0u128; n];
	for i in 0..n {
		for (j, v) in previous.row(i, &mut buf) {
			if let Some(s) = b_sum.get_mut(usize::from(*j)) {
				*s = s.saturating_add(u128::from(previous.bond(*j, *v)));
			}
		}
	}
	// Per column, `(1 - alpha) / sum B` and `alpha / sum dB` as dividers, side
	// by side: one cache line per lookup, no multiplication by alpha per entry.
	// The sum of column `j` of `B'` follows from the same sums.
	let keep = ONE.saturating_sub(alpha);
	let mut column_sum = Vec::with_capacity(n);
	let div: Vec<(Divider, Divider)> = b_sum
		.iter()
		.zip(db_sum)
		.map(|(b, d)| {
			let from_b = if *b > 0 { keep } else { Fx::ZERO };
			let from_db = if d > 0 { alpha } else { Fx::ZERO };
			column_sum.push(u128::from(from_b.saturating_add(from_db).to_bits()));
			(Divider::scaled(keep, *b), Divider::scaled(alpha, d))
		})
		.collect();
	drop(b_sum);
	let earner = Earner::new(&column_sum, &ranks.incentive);

	// Pass 2: merge each previous row with its weights row; column maxima and
	// what the row earns.
	let prev_nnz: usize = inp.previous.iter().map(Vec::len).sum();
	let mut out = Csr::with_capacity(n, inp.weights.nnz().max(prev_nnz));
	let mut column_max = alloc::vec![Fx::ZERO; n];
	let mut earned = Vec::with_capacity(n);
	for i in 0..n {
		let ai = a.get(i).copied().unwrap_or(Fx::ZERO);
		let prev = previous.row(i, &mut buf);
		let (w_cols, w_vals) = inp.weights.row(i);
		let mut row_earned = Fx::ZERO;
		merge(prev, w_cols, w_vals, |j, b_raw, w| {
			let Some((b_div, db_div)) = div.get(usize::from(j)) else { return };
			let db = mul(ai, bond_weight(w, inp.consensus_of(j), inp.penalty));
			// (1 - alpha) Bn + alpha dBn.
			let next = b_div
				.div(u64::from(previous.bond(j, b_raw)))
				.saturating_add(db_div.div(db.to_bits()));
			if next > Fx::ZERO {
				out.push(j, next);
				if let Some(m) = column_max.get_mut(usize::from(j)) {
					*m = (*m).max(next);
				}
				row_earned = earner.add(row_earned, j, next);
			}
		});
		out.end_row();
		earned.push(row_earned);
	}
	ClassicBonds { bonds: out, column_max, earned }
}

/// Classic storage: rows of new permit holders, max-upscaled per column
/// (the column's largest bond becomes 65535), rounded, zeros dropped.
pub fn store_classic(classic: &ClassicBonds, new_permit: &[bool]) -> Vec<SparseRow> {
	// `floor(2^64 / max)` per column: `v * recip >> 32` is `v / max` in Fx bits
	// (within one ulp; `v <= max`), one multiplication per entry. A column
	// whose maximum is one ulp gets `2^64 - 1`, which still maps it to 65535.
	let recip: Vec<u64> = classic
		.column_max
		.iter()
		.map(|m| {
			let m = u128::from(m.to_bits());
			if m >= 2 {
				u64::try_from((1u128 << 64).checked_div(m).unwrap_or(0)).unwrap_or(u64::MAX)
			} else {
				u64::MAX
			}
		})
		.collect();
	let bonds = &classic.bonds;
	(0..bonds.rows())
		.map(|i| {
			if !new_permit.get(i).copied().unwrap_or(false) {
				return Vec::new();
			}
			let (cols, vals) = bonds.row(i);
			let mut row = Vec::with_capacity(cols.len());
			for (j, v) in cols.iter().zip(vals) {
				let r = recip.get(usize::from(*j)).copied().unwrap_or(0);
				let bits = (u128::from(v.to_bits()).wrapping_mul(u128::from(r))) >> 32;
				let q = to_u16(Fx::from_bits(u64::try_from(bits).unwrap_or(u64::MAX)));
				if q != 0 {
					row.push((*j, q));
				}
			}
			row
		})
		.collect()
}
