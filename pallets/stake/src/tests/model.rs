//! A naive reference model of stake and rewards, written from the rules in
//! the README rather than from the pallet: every position's worth is an exact
//! rational, and every block's slice of every stream is handed to every
//! position on the hotkey, pro rata to its worth, one by one. No shares, no
//! laziness. Each pool must hold exactly what the model says, to the rao;
//! each position the floor of its exact worth, or, where that exact worth
//! is within 2^-32 rao above a whole rao, possibly one rao less (shares are
//! rounded a hair against the position that deposits or withdraws). Minting follows the pallet (its
//! `RewardsStaked` amounts, checked against the model), so that a rao left
//! unminted stays in the position's exact worth here as in the pool there.

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use sp_runtime::Perbill;

type Q = BigRational;

fn q(x: u64) -> Q {
	Q::from_integer(BigInt::from(x))
}

fn floor_u64(x: &Q) -> u64 {
	u64::try_from(x.floor().to_integer()).unwrap()
}

/// One position: exact worth, rao held.
#[derive(Clone, Debug)]
pub struct MPosition {
	pub worth: Q,
	pub held: u64,
}

/// Stake on one hotkey.
#[derive(Clone, Debug, Default)]
pub struct MPool {
	pub positions: BTreeMap<u64, MPosition>,
	/// (amount, released, start, end)
	pub stream: (u64, u64, u64, u64),
}

impl MPool {
	fn total(&self) -> Q {
		self.positions.values().fold(q(0), |a, p| a + &p.worth)
	}

	/// Hands `amount` (rational) to every position pro rata; false if none.
	fn share_out(&mut self, amount: &Q) -> bool {
		let total = self.total();
		if self.positions.is_empty() || total == q(0) {
			return false;
		}
		for p in self.positions.values_mut() {
			let part = amount * &p.worth / &total;
			p.worth += part;
		}
		true
	}

	fn released_by(&self, block: u64) -> u64 {
		let (amount, _, start, end) = self.stream;
		if block >= end || end <= start {
			return amount;
		}
		(amount as u128 * (block - start) as u128 / (end - start) as u128) as u64
	}
}

/// The whole model.
#[derive(Clone, Debug, Default)]
pub struct Model {
	pub now: u64,
	pub pools: BTreeMap<u64, MPool>,
	pub takes: BTreeMap<u64, Perbill>,
	pub forfeited: Q,
	pub minted: u64,
}

impl Model {
	pub fn new(now: u64) -> Self {
		Model { now, ..Default::default() }
	}

	/// Runs blocks up to `to`, each releasing its slice of every stream.
	pub fn advance(&mut self, to: u64) {
		while self.now < to {
			self.now += 1;
			let now = self.now;
			let mut lost = q(0);
			for pool in self.pools.values_mut() {
				let slice = pool.released_by(now) - pool.stream.1;
				pool.stream.1 += slice;
				if slice > 0 && !pool.share_out(&q(slice)) {
					lost += q(slice);
				}
			}
			self.forfeited += lost;
		}
	}

	pub fn worth(&self, hotkey: u64, coldkey: u64) -> (u64, u64) {
		match self.pools.get(&hotkey).and_then(|p| p.positions.get(&coldkey)) {
			Some(p) => (floor_u64(&p.worth).max(p.held), p.held),
			None => (0, 0),
		}
	}

	/// Whether the position's exact worth is a whole rao or within 2^-32
	/// rao above one: there, the pallet's shares (rounded a hair, far under
	/// 2^-32 rao, against the position that deposited or withdrew) may
	/// show one rao less. Anywhere else the pallet must show its floor.
	pub fn on_a_whole_rao(&self, hotkey: u64, coldkey: u64) -> bool {
		self.pools.get(&hotkey).and_then(|p| p.positions.get(&coldkey)).is_some_and(|p| {
			let fraction = &p.worth - p.worth.floor();
			fraction * q(1 << 32) < q(1)
		})
	}

	pub fn hotkey_total(&self, hotkey: u64) -> Q {
		self.pools.get(&hotkey).map_or(q(0), |p| p.total())
	}

	/// Mints `earned` (what the pallet minted) onto the position's hold.
	fn materialize(&mut self, hotkey: u64, coldkey: u64, earned: u64) {
		if let Some(p) = self.pools.get_mut(&hotkey).and_then(|p| p.positions.get_mut(&coldkey)) {
			p.held += earned;
			self.minted += earned;
		}
	}

	/// What minting the position would give by the model: its floor worth
	/// beyond its hold.
	pub fn earned(&self, hotkey: u64, coldkey: u64) -> u64 {
		let (worth, held) = self.worth(hotkey, coldkey);
		worth - held
	}

	/// Adds `amount` to a position (held or, for rewards, not).
	fn credit(&mut self, hotkey: u64, coldkey: u64, amount: u64, held: bool) {
		let pool = self.pools.entry(hotkey).or_default();
		let p = pool.positions.entry(coldkey).or_insert(MPosition { worth: q(0), held: 0 });
		p.worth += q(amount);
		if held {
			p.held += amount;
		}
	}

	/// `add_stake` that succeeded, having minted `earned` first.
	pub fn add(&mut self, coldkey: u64, hotkey: u64, amount: u64, earned: u64) {
		self.materialize(hotkey, coldkey, earned);
		self.credit(hotkey, coldkey, amount, true);
	}

	/// Takes `amount` out of a materialized position; `closed` when that
	/// closed it (its fraction of a rao stays with the others, or is
	/// forfeited with what still streams when nobody is left).
	fn take_out(&mut self, hotkey: u64, coldkey: u64, amount: u64, closed: bool) {
		let pool = self.pools.get_mut(&hotkey).unwrap();
		if closed {
			let p = pool.positions.remove(&coldkey).unwrap();
			let rest = p.worth - q(amount);
			if !pool.share_out(&rest) {
				let unreleased = pool.stream.0 - pool.stream.1;
				self.forfeited += rest + q(unreleased);
				self.pools.remove(&hotkey);
			}
		} else {
			let p = pool.positions.get_mut(&coldkey).unwrap();
			p.worth -= q(amount);
			p.held -= amount;
		}
	}

	/// `remove_stake` that succeeded: `earned` minted, `amount` released.
	pub fn remove(&mut self, coldkey: u64, hotkey: u64, amount: u64, earned: u64, closed: bool) {
		self.materialize(hotkey, coldkey, earned);
		self.take_out(hotkey, coldkey, amount, closed);
	}

	/// `move_stake` that succeeded: `earned` minted on each side.
	pub fn move_stake(
		&mut self,
		coldkey: u64,
		(from, earned_from, closed): (u64, u64, bool),
		(to, earned_to): (u64, u64),
		amount: u64,
	) {
		self.materialize(from, coldkey, earned_from);
		self.take_out(from, coldkey, amount, closed);
		self.add(coldkey, to, amount, earned_to);
	}

	pub fn claim(&mut self, coldkey: u64, hotkey: u64, earned: u64) {
		self.materialize(hotkey, coldkey, earned);
	}

	pub fn positions_of(&self, coldkey: u64) -> Vec<u64> {
		self.pools.iter().filter(|(_, p)| p.positions.contains_key(&coldkey)).map(|(h, _)| *h).collect()
	}

	pub fn dividends(&mut self, hotkey: u64, owner: u64, amount: u64, stream_blocks: u64) {
		let empty = self.pools.get(&hotkey).is_none_or(|p| p.positions.is_empty());
		if empty {
			self.credit(hotkey, owner, amount, false);
			return;
		}
		let take = self.takes.get(&hotkey).copied().unwrap_or(Perbill::from_percent(18)).mul_floor(amount);
		if take > 0 {
			self.credit(hotkey, owner, take, false);
		}
		let now = self.now;
		let pool = self.pools.get_mut(&hotkey).unwrap();
		let left = pool.stream.0 - pool.stream.1;
		pool.stream = (left + amount - take, 0, now, now + stream_blocks);
	}

	pub fn incentive(&mut self, hotkey: u64, owner: u64, amount: u64) {
		self.credit(hotkey, owner, amount, false);
	}

	pub fn swap(&mut self, old: u64, new: u64) {
		if let Some(pool) = self.pools.remove(&old) {
			self.pools.insert(new, pool);
		}
		if let Some(take) = self.takes.remove(&old) {
			self.takes.insert(new, take);
		}
	}

	/// Every position, `(hotkey, coldkey)`.
	pub fn all(&self) -> Vec<(u64, u64)> {
		self.pools.iter().flat_map(|(h, p)| p.positions.keys().map(move |c| (*h, *c))).collect()
	}

	pub fn forfeited_rao(&self) -> u64 {
		assert!(self.forfeited.is_integer(), "only whole rao are forfeited: {}", self.forfeited);
		floor_u64(&self.forfeited)
	}
}
