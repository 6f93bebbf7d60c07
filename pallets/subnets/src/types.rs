//! Records kept per subnet and per neuron.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use scale_info::TypeInfo;

use crate::{pallet::Balance, MAX_COMMITMENT_LEN};

/// A live subnet's owner and lock.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct NetworkInfo<AccountId> {
	/// The coldkey that registered the subnet.
	pub owner: AccountId,
	/// Rao held on the owner's account for this subnet.
	pub lock: Balance,
	/// Block of the registration.
	pub registered_at: u64,
}

/// IP version of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub enum IpType {
	/// IPv4: the address is in the low 32 bits.
	V4,
	/// IPv6.
	V6,
}

impl IpType {
	/// 4 or 6; anything else is no IP type.
	pub fn from_number(n: u8) -> Option<Self> {
		match n {
			4 => Some(Self::V4),
			6 => Some(Self::V6),
			_ => None,
		}
	}

	/// Whether `ip` is a specified address of this type: not 0, and within
	/// 32 bits for IPv4 (broadcast 255.255.255.255 is refused too).
	pub fn is_valid(&self, ip: u128) -> bool {
		match self {
			Self::V4 => ip != 0 && ip < u128::from(u32::MAX),
			Self::V6 => ip != 0,
		}
	}
}

/// Where a neuron serves its model.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct AxonInfo {
	/// Block of the announcement.
	pub block: u64,
	/// The neuron software's version.
	pub version: u32,
	/// The address as an integer.
	pub ip: u128,
	/// The port (never 0).
	pub port: u16,
	/// 4 or 6.
	pub ip_type: u8,
	/// 0: TCP, 1: UDP.
	pub protocol: u8,
}

/// Where a neuron publishes its metrics.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct PrometheusInfo {
	/// Block of the announcement.
	pub block: u64,
	/// The neuron software's version.
	pub version: u32,
	/// The address as an integer.
	pub ip: u128,
	/// The port (never 0).
	pub port: u16,
	/// 4 or 6.
	pub ip_type: u8,
}

/// Bytes a hotkey published, and when.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct Commitment {
	/// Block of the commitment.
	pub block: u64,
	/// 1 to 256 bytes.
	pub data: BoundedVec<u8, ConstU32<MAX_COMMITMENT_LEN>>,
}

/// Registrations counted on one subnet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct RegistrationCounters {
	/// The block `this_block` counts.
	pub block: u64,
	/// Registrations in `block`.
	pub this_block: u16,
	/// Burned registrations since the last adjustment: they move the burn.
	pub burned_this_interval: u16,
	/// Proof-of-work registrations since the last adjustment: they move the
	/// difficulty. (Counted apart, so that free work cannot raise the burn
	/// for everyone, nor burns the difficulty.)
	pub work_this_interval: u16,
}
