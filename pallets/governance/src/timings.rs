//! Track timings and deposits: what the chain spec sets, with the checks
//! that keep a spec from starting a chain that cannot decide a referendum.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// One TAO in rao.
const TAO: u64 = 1_000_000_000;
/// Blocks per hour at 6-second blocks.
const HOUR: u32 = 600;
/// Blocks per day at 6-second blocks.
const DAY: u32 = 24 * HOUR;
/// The longest period any setting may have: one year of blocks. Keeps every
/// sum of periods far from `u32::MAX`.
pub const MAX_PERIOD: u32 = 365 * DAY;

/// The id of the `root` track (the root origin).
pub const ROOT_TRACK: u16 = 0;
/// The id of the `subnets` track (`Origin::Subnets`).
pub const SUBNETS_TRACK: u16 = 1;
/// The id of the `parameters` track (`Origin::Parameters`).
pub const PARAMETERS_TRACK: u16 = 2;

/// The tracks: id and name, in id order. Their curves are in the runtime.
pub const TRACKS: [(u16, &str); 3] = [(ROOT_TRACK, "root"), (SUBNETS_TRACK, "subnets"), (PARAMETERS_TRACK, "parameters")];

/// The deposit and periods of one track (periods in blocks, deposit in rao).
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Serialize, Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackTiming {
	/// Referenda of this track that may be deciding at once.
	pub max_deciding: u32,
	/// Rao a referendum needs on deposit before it can be decided.
	pub decision_deposit: u64,
	/// Blocks a referendum waits after submission before deciding.
	pub prepare_period: u32,
	/// Blocks a referendum has to pass once deciding, or it is rejected.
	pub decision_period: u32,
	/// Blocks approval and support must hold without a break to pass.
	pub confirm_period: u32,
	/// Blocks at least between approval and the call's dispatch.
	pub min_enactment_period: u32,
}

/// Every governance setting the chain spec decides.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Serialize, Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GovernanceTimings {
	/// The `root` track (runtime upgrades, any root call).
	pub root: TrackTiming,
	/// The `subnets` track (subnet creation proposals, dissolutions).
	pub subnets: TrackTiming,
	/// The `parameters` track (the chain's global rules).
	pub parameters: TrackTiming,
	/// Rao reserved from whoever submits a referendum.
	pub submission_deposit: u64,
	/// Blocks after submission a referendum may wait for its decision
	/// deposit (and a deciding slot) before anyone may time it out.
	pub undeciding_timeout: u32,
	/// Blocks a vote with conviction `Locked1x` stays locked after its
	/// referendum ends (`Locked2x` twice as long, and so on).
	pub vote_locking_period: u32,
	/// Blocks between checks of a referendum's alarms (1 = every block).
	pub alarm_interval: u32,
}

/// Why a set of timings is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TimingError {
	/// A track with `max_deciding` 0 could never decide.
	NoDecidingSlot,
	/// A decision, confirm period, alarm interval or undeciding timeout of 0.
	ZeroPeriod,
	/// A period longer than [`MAX_PERIOD`].
	PeriodTooLong,
	/// A confirm period longer than the decision period it must fit in.
	ConfirmLongerThanDecision,
	/// An enactment period longer than the vote locking period: voters
	/// would be free before the call they passed takes effect.
	EnactmentOutlastsLock,
}

impl TrackTiming {
	fn validate(&self, vote_locking_period: u32) -> Result<(), TimingError> {
		if self.max_deciding == 0 {
			return Err(TimingError::NoDecidingSlot);
		}
		if self.decision_period == 0 || self.confirm_period == 0 {
			return Err(TimingError::ZeroPeriod);
		}
		let periods = [self.prepare_period, self.decision_period, self.confirm_period, self.min_enactment_period];
		if periods.iter().any(|p| *p > MAX_PERIOD) {
			return Err(TimingError::PeriodTooLong);
		}
		if self.confirm_period > self.decision_period {
			return Err(TimingError::ConfirmLongerThanDecision);
		}
		if self.min_enactment_period > vote_locking_period {
			return Err(TimingError::EnactmentOutlastsLock);
		}
		Ok(())
	}
}

impl GovernanceTimings {
	/// The tracks' timings, in [`TRACKS`] order.
	pub fn tracks(&self) -> [(u16, &'static str, TrackTiming); 3] {
		let [(root, root_name), (subnets, subnets_name), (parameters, parameters_name)] = TRACKS;
		[(root, root_name, self.root), (subnets, subnets_name, self.subnets), (parameters, parameters_name, self.parameters)]
	}

	/// Checks every rule of [`TimingError`].
	pub fn validate(&self) -> Result<(), TimingError> {
		let others = [self.undeciding_timeout, self.vote_locking_period, self.alarm_interval];
		if others.contains(&0) {
			return Err(TimingError::ZeroPeriod);
		}
		if others.iter().any(|p| *p > MAX_PERIOD) {
			return Err(TimingError::PeriodTooLong);
		}
		for (_, _, track) in self.tracks() {
			track.validate(self.vote_locking_period)?;
		}
		Ok(())
	}

	/// Timings for a development chain: a referendum is submitted, decided
	/// and enacted within about 30 blocks (3 minutes at 6-second blocks).
	pub fn development() -> Self {
		let fast = |max_deciding, decision_deposit| TrackTiming {
			max_deciding,
			decision_deposit,
			prepare_period: 2,
			decision_period: 20,
			confirm_period: 2,
			min_enactment_period: 1,
		};
		Self {
			root: fast(1, 1_000 * TAO),
			subnets: fast(10, 100 * TAO),
			parameters: fast(10, 100 * TAO),
			submission_deposit: TAO,
			undeciding_timeout: 40,
			vote_locking_period: 10,
			alarm_interval: 1,
		}
	}
}

/// The production timings: a root referendum takes at least a day and a
/// half after its decision deposit (prepare, confirm, enactment) and may
/// take a week to decide; votes lock for 7 days per conviction step.
impl Default for GovernanceTimings {
	fn default() -> Self {
		Self {
			root: TrackTiming {
				max_deciding: 1,
				decision_deposit: 1_000 * TAO,
				prepare_period: HOUR,
				decision_period: 7 * DAY,
				confirm_period: DAY,
				min_enactment_period: DAY,
			},
			subnets: TrackTiming {
				max_deciding: 10,
				decision_deposit: 100 * TAO,
				prepare_period: HOUR,
				decision_period: 7 * DAY,
				confirm_period: 12 * HOUR,
				min_enactment_period: HOUR,
			},
			parameters: TrackTiming {
				max_deciding: 10,
				decision_deposit: 100 * TAO,
				prepare_period: HOUR,
				decision_period: 7 * DAY,
				confirm_period: 12 * HOUR,
				min_enactment_period: HOUR,
			},
			submission_deposit: TAO,
			undeciding_timeout: 14 * DAY,
			vote_locking_period: 7 * DAY,
			alarm_interval: 1,
		}
	}
}
