//! Compressed sparse rows: the only matrix layout the engine uses. Memory is
//! O(n + nnz); there is no dense n × n or n × V buffer anywhere.

use alloc::vec::Vec;

use crate::{math::Fx, types::Uid};

/// An `n`-row sparse matrix of [`Fx`], each row sorted by column, no duplicates.
#[derive(Clone, Debug, Default)]
pub struct Csr {
	/// Row `i` is `cols[start[i]..start[i + 1]]`; `start.len() == n + 1`.
	start: Vec<usize>,
	cols: Vec<Uid>,
	vals: Vec<Fx>,
}

impl Csr {
	/// An empty matrix, ready for `n` rows pushed in order.
	pub fn with_capacity(n: usize, nnz: usize) -> Self {
		let mut start = Vec::with_capacity(n.saturating_add(1));
		start.push(0);
		Self { start, cols: Vec::with_capacity(nnz), vals: Vec::with_capacity(nnz) }
	}

	/// Appends one entry to the row being built (columns in increasing order).
	#[inline]
	pub fn push(&mut self, col: Uid, val: Fx) {
		self.cols.push(col);
		self.vals.push(val);
	}

	/// Closes the row being built.
	#[inline]
	pub fn end_row(&mut self) {
		self.start.push(self.cols.len());
	}

	/// Where the row being built starts.
	#[inline]
	fn open_from(&self) -> usize {
		self.start.last().copied().unwrap_or(0)
	}

	/// Sorts the row being built by column, keeping the first of duplicate
	/// columns (stable). For the rare row that arrives unsorted.
	pub fn sort_open_row(&mut self) {
		let from = self.open_from();
		let mut entries: Vec<(Uid, Fx)> = self
			.cols
			.get(from..)
			.unwrap_or(&[])
			.iter()
			.copied()
			.zip(self.vals.get(from..).unwrap_or(&[]).iter().copied())
			.collect();
		entries.sort_by_key(|(c, _)| *c);
		entries.dedup_by_key(|(c, _)| *c);
		self.cols.truncate(from);
		self.vals.truncate(from);
		for (c, v) in entries {
			self.push(c, v);
		}
	}

	/// The values of the row being built.
	#[inline]
	pub fn open_row_vals_mut(&mut self) -> &mut [Fx] {
		let from = self.open_from();
		self.vals.get_mut(from..).unwrap_or(&mut [])
	}

	/// Number of rows.
	pub fn rows(&self) -> usize {
		self.start.len().saturating_sub(1)
	}

	/// Number of stored entries.
	pub fn nnz(&self) -> usize {
		self.cols.len()
	}

	/// Row `i` as parallel slices of columns and values (empty if out of range).
	#[inline]
	pub fn row(&self, i: usize) -> (&[Uid], &[Fx]) {
		let from = self.start.get(i).copied().unwrap_or(0);
		let to = self.start.get(i.saturating_add(1)).copied().unwrap_or(from);
		(
			self.cols.get(from..to).unwrap_or(&[]),
			self.vals.get(from..to).unwrap_or(&[]),
		)
	}
}

/// A sanitized copy of a stored row: entries with `uid < n` and a non-zero
/// value that `keep` accepts, sorted by uid, the first of duplicate uids kept.
/// Rows from the chain are already sorted; then this is one linear pass.
pub fn clean_row(
	row: &[(Uid, u16)],
	n: usize,
	mut keep: impl FnMut(Uid) -> bool,
	out: &mut Vec<(Uid, u16)>,
) {
	out.clear();
	out.extend(row.iter().copied().filter(|(c, v)| *v != 0 && usize::from(*c) < n && keep(*c)));
	let sorted_unique = out.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0));
	if !sorted_unique {
		// Stable: among equal uids the first stays first, then dedup keeps it.
		out.sort_by_key(|(c, _)| *c);
		out.dedup_by_key(|(c, _)| *c);
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
	fn clean_row_filters_sorts_and_dedups() {
		let mut out = Vec::new();
		clean_row(&[(3, 5), (1, 7), (9, 1), (1, 8), (2, 0), (0, 4)], 5, |c| c != 0, &mut out);
		assert_eq!(out, alloc::vec![(1, 7), (3, 5)]);
	}

	#[test]
	fn csr_rows() {
		let mut m = Csr::with_capacity(3, 4);
		m.push(0, Fx::from_num(0.5));
		m.push(2, Fx::from_num(0.25));
		m.end_row();
		m.end_row();
		m.push(2, Fx::from_num(0.5));
		m.end_row();
		assert_eq!(m.rows(), 3);
		assert_eq!(m.nnz(), 3);
		assert_eq!(m.row(1).0.len(), 0);
		assert_eq!(m.row(2).0, &[2]);
		assert_eq!(m.row(0).1, &[Fx::from_num(0.5), Fx::from_num(0.25)]);
		assert_eq!(m.row(7).0.len(), 0);
	}
}
