//! Steps 11 to 13 (bonds): bond reset, alpha, and the new bonds of Yuma 3 and
//! of classic Yuma. All of it row by row over sparse rows: O(nnz).

use alloc::vec::Vec;

use crate::{
	clipping::bond_weight,
	math::{mul, to_u16, AlphaCurve, Divider, Fx, ONE},
	sparse::{clean_row, Csr},
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
		match (b, w) {
			(None, None) => break,
			(Some((bj, bv)), None) => {
				f(*bj, *bv, Fx::ZERO);
				bi = bi.saturating_add(1);
			},
			(None, Some((wj, wv))) => {
				f(*wj, 0, *wv);
				wi = wi.saturating_add(1);
			},
			(Some((bj, bv)), Some((wj, wv))) =>
				if bj == wj {
					f(*bj, *bv, *wv);
					bi = bi.saturating_add(1);
					wi = wi.saturating_add(1);
				} else if bj < wj {
					f(*bj, *bv, Fx::ZERO);
					bi = bi.saturating_add(1);
				} else {
					f(*wj, 0, *wv);
					wi = wi.saturating_add(1);
				},
		}
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
	/// Row `i` of the previous bonds after step 11's reset, into `out`.
	fn previous_row(&self, i: usize, out: &mut Vec<(Uid, u16)>) {
		let n = self.weights.rows();
		let row = self.previous.get(i).map(Vec::as_slice).unwrap_or(&[]);
		clean_row(
			row,
			n,
			|j| self.registered_at.get(usize::from(j)).is_some_and(|r| *r < self.reset_block),
			out,
		);
	}

	fn consensus_of(&self, j: Uid) -> Fx {
		self.consensus.get(usize::from(j)).copied().unwrap_or(Fx::ZERO)
	}
}

/// Step 13, Yuma 3: `B' = min(1, (1 - alpha) B + alpha Wb)` for every entry of
/// `B` or `Wb`, with `B = bonds / 65535`.
pub fn yuma3(inp: &BondInputs, alpha: &Alpha) -> Csr {
	let n = inp.weights.rows();
	let prev_nnz: usize = inp.previous.iter().map(Vec::len).sum();
	let mut out = Csr::with_capacity(n, inp.weights.nnz().max(prev_nnz));
	let per_u16 = Divider::new(65_535);
	let mut prev = Vec::new();
	for i in 0..n {
		inp.previous_row(i, &mut prev);
		let (w_cols, w_vals) = inp.weights.row(i);
		merge(&prev, w_cols, w_vals, |j, b_raw, w| {
			let b = per_u16.div(u64::from(b_raw));
			let c = inp.consensus_of(j);
			let wb = bond_weight(w, c, inp.penalty);
			let a = alpha.at(w, b, c);
			let next = mul(ONE.saturating_sub(a), b).saturating_add(mul(a, wb)).min(ONE);
			if next > Fx::ZERO {
				out.push(j, next);
			}
		});
		out.end_row();
	}
	out
}

/// Classic bonds: `B'` normalized per column, and each column's largest entry.
pub struct ClassicBonds {
	/// `B'`, normalized per column.
	pub bonds: Csr,
	/// The largest entry of each column of `bonds`.
	pub column_max: Vec<Fx>,
}

/// Step 13, classic: `B' = alpha dB + (1 - alpha) B`, normalized per column,
/// where `B` is the previous bonds and `dB = a Wb`, each normalized per column.
pub fn classic(inp: &BondInputs, alpha: Fx, a: &[Fx]) -> ClassicBonds {
	let n = inp.weights.rows();

	// Pass 1: the previous bonds after reset (kept for pass 2), `dB` for every
	// weight entry, and the column sums of both.
	let mut prev_start = Vec::with_capacity(n.saturating_add(1));
	let mut prev_all: Vec<(Uid, u16)> =
		Vec::with_capacity(inp.previous.iter().map(Vec::len).sum());
	let mut db = Vec::with_capacity(inp.weights.nnz());
	let mut b_sum = alloc::vec![0u128; n];
	let mut db_sum = alloc::vec![0u128; n];
	let mut prev = Vec::new();
	prev_start.push(0usize);
	for i in 0..n {
		inp.previous_row(i, &mut prev);
		for (j, v) in &prev {
			if let Some(s) = b_sum.get_mut(usize::from(*j)) {
				*s = s.saturating_add(u128::from(*v));
			}
		}
		prev_all.extend_from_slice(&prev);
		prev_start.push(prev_all.len());
		let ai = a.get(i).copied().unwrap_or(Fx::ZERO);
		let (w_cols, w_vals) = inp.weights.row(i);
		for (j, w) in w_cols.iter().zip(w_vals) {
			let x = mul(ai, bond_weight(*w, inp.consensus_of(*j), inp.penalty));
			if let Some(s) = db_sum.get_mut(usize::from(*j)) {
				*s = s.saturating_add(u128::from(x.to_bits()));
			}
			db.push(x);
		}
	}
	let b_div: Vec<Divider> = b_sum.iter().map(|s| Divider::new(*s)).collect();
	let db_div: Vec<Divider> = db_sum.iter().map(|s| Divider::new(*s)).collect();
	let keep = ONE.saturating_sub(alpha);

	// Pass 2: merge each previous row with its `dB` row, summing columns.
	let mut out = Csr::with_capacity(n, inp.weights.nnz().max(prev_all.len()));
	let mut sums = alloc::vec![0u128; n];
	let mut db_at = 0usize;
	for i in 0..n {
		let from = prev_start.get(i).copied().unwrap_or(0);
		let to = prev_start.get(i.saturating_add(1)).copied().unwrap_or(from);
		let prev_row = prev_all.get(from..to).unwrap_or(&[]);
		let w_cols = inp.weights.row(i).0;
		let db_row = db.get(db_at..db_at.saturating_add(w_cols.len())).unwrap_or(&[]);
		db_at = db_at.saturating_add(w_cols.len());
		merge(prev_row, w_cols, db_row, |j, b_raw, x| {
			let ju = usize::from(j);
			let b = b_div.get(ju).map_or(Fx::ZERO, |d| d.div(u64::from(b_raw)));
			let dbn = db_div.get(ju).map_or(Fx::ZERO, |d| d.div(x.to_bits()));
			let next = mul(alpha, dbn).saturating_add(mul(keep, b));
			if next > Fx::ZERO {
				out.push(j, next);
				if let Some(s) = sums.get_mut(ju) {
					*s = s.saturating_add(u128::from(next.to_bits()));
				}
			}
		});
		out.end_row();
	}

	// Pass 3: normalize B' per column, noting each column's largest entry.
	let sums: Vec<Divider> = sums.iter().map(|s| Divider::new(*s)).collect();
	let mut column_max = alloc::vec![Fx::ZERO; n];
	out.map_values(|j, v| {
		let ju = usize::from(j);
		let x = sums.get(ju).map_or(Fx::ZERO, |d| d.div(v.to_bits()));
		if let Some(m) = column_max.get_mut(ju) {
			*m = (*m).max(x);
		}
		x
	});
	ClassicBonds { bonds: out, column_max }
}

/// Yuma 3 storage: rows of new permit holders, `round(B' * 65535)`, zeros dropped.
pub fn store_yuma3(bonds: &Csr, new_permit: &[bool]) -> Vec<SparseRow> {
	store(bonds, new_permit, |_, v| to_u16(v))
}

/// Classic storage: rows of new permit holders, max-upscaled per column
/// (the column's largest bond becomes 65535), rounded, zeros dropped.
pub fn store_classic(classic: &ClassicBonds, new_permit: &[bool]) -> Vec<SparseRow> {
	let bonds = &classic.bonds;
	let max: Vec<Divider> =
		classic.column_max.iter().map(|m| Divider::new(u128::from(m.to_bits()))).collect();
	store(bonds, new_permit, |j, v| {
		max.get(usize::from(j)).map_or(0, |d| to_u16(d.div(v.to_bits())))
	})
}

fn store(bonds: &Csr, new_permit: &[bool], quantize: impl Fn(Uid, Fx) -> u16) -> Vec<SparseRow> {
	(0..bonds.rows())
		.map(|i| {
			if !new_permit.get(i).copied().unwrap_or(false) {
				return Vec::new();
			}
			let (cols, vals) = bonds.row(i);
			cols.iter()
				.zip(vals)
				.map(|(j, v)| (*j, quantize(*j, *v)))
				.filter(|(_, v)| *v != 0)
				.collect()
		})
		.collect()
}
