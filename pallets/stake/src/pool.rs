//! Share pools: the arithmetic, with no storage.
//!
//! A [`Pool`] is the stake on one hotkey. Its `value` is what all its shares
//! are worth now, in rao: the rao its positions hold plus the rewards
//! released to it and not minted yet. A [`Position`] owns `shares` of it and
//! holds `held` rao on its coldkey.
//!
//! Rules, each exact in integers:
//! - A position is worth `max(base, floor(shares × value / total shares))`,
//!   where `base` is what it was worth when it last changed, plus what was
//!   put in then: a credit of `a` rao always shows as `a` more, and nothing
//!   lowers a position nobody touches. The floors leave less than a rao per
//!   position in the pool: dust that the remaining shares share, and that
//!   the last share to leave takes.
//! - Depositing `a` rao mints `floor(a × total shares / value)` shares
//!   (`a × 2^64` into an empty pool); withdrawing `a` burns
//!   `ceil(a × total shares / value)`. Neither lowers what a share is worth,
//!   so rounding only ever costs the position that deposits or withdraws,
//!   and far less than a rao (2^64 shares per rao): its `base` absorbs it.
//!   A position's shares may thus be worth a hair less than an exact
//!   pro-rata split would give it, never more; where that split lands on a
//!   whole rao, the floor can show one rao less until the position is
//!   touched again. The rao is not lost: it stays in the pool's value.
//! - A reward stream releases `floor(amount × elapsed / span)` by a block,
//!   so what it has released depends only on the block, not on how often
//!   the pool was looked at. A slice released while the pool has no shares
//!   belongs to nobody: it is forfeited.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::helpers_128bit::multiply_by_rational_with_rounding;
use sp_runtime::Rounding;

/// A pool's id. Pools are stored under their hotkey (one read finds a
/// hotkey's stake), positions under the pool's id, so that a hotkey swap
/// moves one record instead of every position.
pub type PoolId = u64;

/// Shares a rao buys in an empty pool.
pub const INITIAL_SHARES_PER_RAO: u128 = 2u128.pow(64);

/// `a × b / c`, rounded as asked; `None` on overflow or `c == 0`.
fn mul_div(a: u128, b: u128, c: u128, rounding: Rounding) -> Option<u128> {
	if c == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(a, b, c, rounding)
}

/// Dividends being released into a pool, one equal slice a block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct Stream {
	/// Rao to release, in all.
	pub amount: u64,
	/// Rao released so far.
	pub released: u64,
	/// The block it started (nothing is released in it).
	pub start: u64,
	/// The block by which all of it is released.
	pub end: u64,
}

impl Stream {
	/// Rao released by block `now`: `floor(amount × elapsed / span)`, all of
	/// it from `end` on.
	pub fn target(&self, now: u64) -> u64 {
		if now >= self.end || self.end <= self.start {
			return self.amount;
		}
		let elapsed = u128::from(now.saturating_sub(self.start));
		let span = u128::from(self.end.saturating_sub(self.start));
		mul_div(u128::from(self.amount), elapsed, span, Rounding::Down)
			.and_then(|x| u64::try_from(x).ok())
			.unwrap_or(self.amount)
			.min(self.amount)
	}

	/// Rao not released yet.
	pub fn unreleased(&self) -> u64 {
		self.amount.saturating_sub(self.released)
	}
}

/// A coldkey's position in a pool.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct Position {
	/// Its shares of the pool.
	pub shares: u128,
	/// Rao held on the coldkey for it (its worth, less rewards not minted yet).
	pub held: u64,
	/// What it was worth when it last changed, with what was put in then
	/// (at least `held`): it is never worth less.
	pub base: u64,
}

impl Position {
	/// Whether it is open: it has shares or holds rao.
	pub fn is_open(&self) -> bool {
		self.shares > 0 || self.held > 0
	}
}

/// The lowest values a pool held in the last two root intervals, for root
/// seats. A root interval runs from one root epoch to the next; `R` is the
/// block of the last root epoch and `P` of the one before (0: none yet).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct Mark {
	/// `R + 1` of the interval `low` covers, when the pool last changed
	/// (0: it never changed).
	pub at: u64,
	/// The lowest value held in that interval, up to its last change.
	pub low: u64,
	/// The lowest value held in the interval before it.
	pub prev: u64,
}

/// The stake on one hotkey.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct Pool<AccountId> {
	/// Its id: what its positions in `Stake` and `Positions` are keyed by,
	/// so that a hotkey swap moves the pool record and no position.
	pub id: PoolId,
	/// The hotkey it stakes on (the pool is stored under it).
	pub hotkey: AccountId,
	/// The coldkey whose position is kept in the pool itself (`own`): the
	/// hotkey's owner when the pool opened, so that paying it incentive or
	/// its take writes one record.
	pub owner: AccountId,
	/// That coldkey's position (empty: it has none).
	pub own: Position,
	/// All shares of its positions.
	pub shares: u128,
	/// What all the shares are worth, in rao (held plus released rewards).
	pub value: u64,
	/// Rao its positions hold.
	pub held: u64,
	/// Number of positions.
	pub stakers: u32,
	/// Dividends still being released.
	pub stream: Stream,
	/// Its value before its first change since the last root epoch: what a
	/// root seat counts ([`Pool::seat_value`]).
	pub mark: Mark,
}

impl<AccountId> Pool<AccountId> {
	/// An empty pool `id` of `hotkey`, keeping `owner`'s position in itself.
	pub fn new(id: PoolId, hotkey: AccountId, owner: AccountId) -> Self {
		Pool {
			id,
			hotkey,
			owner,
			own: Position::default(),
			shares: 0,
			value: 0,
			held: 0,
			stakers: 0,
			stream: Stream::default(),
			mark: Mark::default(),
		}
	}

	/// The stake a root seat counts at `now`: the lowest value the pool held
	/// since the root epoch before last (block `prev`; the last ran at
	/// `last`). Stake counts for a seat once it has been held through a
	/// whole root interval, so stake borrowed across one root epoch counts
	/// nothing; stake removed counts at once.
	pub fn seat_value(&self, now: u64, last: u64, prev: u64) -> u64 {
		let at = self.mark.at;
		let low = if at != 0 && at == last.saturating_add(1) {
			self.mark.low.min(self.mark.prev)
		} else if at != 0 && at == prev.saturating_add(1) {
			self.mark.low
		} else {
			// No change since before the root epoch before last.
			u64::MAX
		};
		self.value_at(now).min(low)
	}

	/// Notes a change of stake at a pool worth `before` until then, the last
	/// root epoch having run at block `last` and the one before at `prev`.
	pub fn note_change(&mut self, before: u64, last: u64, prev: u64) {
		let at = self.mark.at;
		let current = last.saturating_add(1);
		self.mark = if at != 0 && at == current {
			Mark { at, low: self.mark.low.min(before), prev: self.mark.prev }
		} else if at != 0 && at == prev.saturating_add(1) {
			// The pool changed in the last interval and not since: that
			// interval's lowest value is what it held then or since.
			Mark { at: current, low: before, prev: self.mark.low.min(before) }
		} else {
			// No change since before the root epoch before last: the pool
			// held `before` all along.
			Mark { at: current, low: before, prev: before }
		};
	}

	/// Releases the stream up to block `now` into the value. Returns the rao
	/// released while no share was there to take them (forfeited).
	pub fn settle(&mut self, now: u64) -> u64 {
		let target = self.stream.target(now);
		let slice = target.saturating_sub(self.stream.released);
		self.stream.released = target;
		if self.stream.released >= self.stream.amount {
			self.stream = Stream::default();
		}
		if self.shares == 0 {
			return slice;
		}
		self.value = self.value.saturating_add(slice);
		0
	}

	/// The value the pool would have at `now`, without changing it.
	pub fn value_at(&self, now: u64) -> u64 {
		if self.shares == 0 {
			return self.value;
		}
		self.value.saturating_add(self.stream.target(now).saturating_sub(self.stream.released))
	}

	/// What `position` is worth at the pool's current value.
	pub fn worth(&self, position: &Position) -> u64 {
		Self::worth_at(self.shares, self.value, position)
	}

	/// What `position` is worth when the pool has `shares` worth `value`.
	fn worth_at(shares: u128, value: u64, position: &Position) -> u64 {
		let by_shares = mul_div(position.shares, u128::from(value), shares, Rounding::Down)
			.and_then(|x| u64::try_from(x).ok())
			.unwrap_or(0);
		by_shares.max(position.base)
	}

	/// What `position` would be worth at `now` (the stream released virtually).
	pub fn worth_now(&self, position: &Position, now: u64) -> u64 {
		Self::worth_at(self.shares, self.value_at(now), position)
	}

	/// Shares `amount` rao buy now (rounded down).
	fn shares_for(&self, amount: u64) -> Option<u128> {
		if self.shares == 0 || self.value == 0 {
			return u128::from(amount).checked_mul(INITIAL_SHARES_PER_RAO);
		}
		mul_div(u128::from(amount), self.shares, u128::from(self.value), Rounding::Down)
	}

	/// Adds `amount` rao to `position` (holding them if `held`): it buys
	/// shares at the current worth. `None` (nothing changed) on overflow.
	pub fn deposit(&mut self, position: &mut Position, amount: u64, held: bool) -> Option<()> {
		let base = self.worth(position).checked_add(amount)?;
		let minted = self.shares_for(amount)?;
		let shares = self.shares.checked_add(minted)?;
		let own = position.shares.checked_add(minted)?;
		let value = self.value.checked_add(amount)?;
		let (pool_held, own_held) = if held {
			(self.held.checked_add(amount)?, position.held.checked_add(amount)?)
		} else {
			(self.held, position.held)
		};
		self.shares = shares;
		position.shares = own;
		self.value = value;
		self.held = pool_held;
		position.held = own_held;
		position.base = base;
		Some(())
	}

	/// Takes `amount` rao (at most its worth) out of `position`, held rao
	/// first: burns the shares they were worth, rounded up, or all of them
	/// when `amount` is the whole worth. A withdrawal that would burn every
	/// share takes the whole worth (no position is left open with nothing
	/// behind it). Returns the rao taken, and of them those taken from its hold.
	pub fn withdraw(&mut self, position: &mut Position, amount: u64) -> (u64, u64) {
		let worth = self.worth(position);
		let mut amount = amount.min(worth);
		let partial = mul_div(u128::from(amount), self.shares, u128::from(self.value), Rounding::Up)
			.filter(|burn| amount < worth && *burn < position.shares);
		let burned = match partial {
			Some(burn) => burn,
			None => {
				amount = worth;
				position.shares
			},
		};
		position.shares = position.shares.saturating_sub(burned);
		self.shares = self.shares.saturating_sub(burned);
		self.value = self.value.saturating_sub(amount);
		let from_hold = amount.min(position.held);
		position.held = position.held.saturating_sub(from_hold);
		position.base = if position.shares == 0 { 0 } else { worth.saturating_sub(amount) };
		self.held = self.held.saturating_sub(from_hold);
		(amount, from_hold)
	}

	/// Rewards owed in this pool: value beyond the hold, and the unreleased stream.
	pub fn owed(&self) -> u64 {
		self.value.saturating_sub(self.held).saturating_add(self.stream.unreleased())
	}
}

#[cfg(test)]
mod tests {
	#![allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
	use super::*;

	#[test]
	fn a_stream_releases_by_the_block_not_by_the_touches() {
		let s = Stream { amount: 1_000, released: 0, start: 10, end: 13 };
		assert_eq!([10, 11, 12, 13, 99].map(|b| s.target(b)), [0, 333, 666, 1_000, 1_000]);
		let mut a = Pool::new(0, 1u64, 2);
		let mut b = Pool::new(0, 1u64, 2);
		let (mut pa, mut pb) = (Position::default(), Position::default());
		a.deposit(&mut pa, 7, true).unwrap();
		b.deposit(&mut pb, 7, true).unwrap();
		a.stream = s.clone();
		b.stream = s;
		for now in 10..=13 {
			a.settle(now);
		}
		b.settle(13);
		assert_eq!(a, b);
		assert_eq!(a.value, 1_007);
	}

	#[test]
	fn deposits_and_withdrawals_never_lower_a_share() {
		let mut pool = Pool::new(0, 1u64, 2);
		let (mut x, mut y) = (Position::default(), Position::default());
		pool.deposit(&mut x, 10, true).unwrap();
		pool.value += 3; // a reward
		pool.deposit(&mut y, 7, true).unwrap();
		assert_eq!(pool.worth(&y), 7, "the newcomer is worth what it put in");
		assert_eq!(pool.worth(&x), 13);
		pool.value += 5;
		// Exact shares would be 13 + 5 × 13/20 = 16.25 and 7 + 1.75 = 8.75.
		assert_eq!((pool.worth(&x), pool.worth(&y)), (16, 8));
		assert_eq!(pool.withdraw(&mut y, 8), (8, 7), "7 of the 8 rao were held");
		assert_eq!(pool.worth(&x), 17, "the last shares take the dust");
		assert_eq!(pool.withdraw(&mut x, 17), (17, 10));
		assert_eq!((pool.shares, pool.value, pool.held), (0, 0, 0));
	}

	#[test]
	fn a_withdrawal_that_would_burn_every_share_takes_the_whole_worth() {
		// A share worth a whole rao (far beyond any real pool) and a base
		// above the shares: 3 rao would burn all 3 shares, leaving a base
		// with nothing behind it. The position closes instead.
		let mut pool = Pool { shares: 10, value: 10, ..Pool::new(0, 1u64, 2) };
		let mut x = Position { shares: 3, held: 0, base: 4 };
		assert_eq!(pool.worth(&x), 4);
		assert_eq!(pool.withdraw(&mut x, 3), (4, 0));
		assert_eq!((x.shares, x.base, pool.shares, pool.value), (0, 0, 7, 6));
	}
}
