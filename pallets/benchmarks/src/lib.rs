//! # yuma-benchmarks
//!
//! Benchmarks of calls whose worst case needs the real neighbouring pallets
//! together: a subnet registered through pallet-subnets, stake from
//! pallet-stake, rows and commits of pallet-weights, permits and
//! metagraphs of pallet-emission. Each benchmarked pallet has a module with
//! its own `Pallet` (the name `define_benchmarks!` lists it under, e.g.
//! `[pallet_weights, yuma_benchmarks::weights::Pallet::<Runtime>]`); the
//! generated weights implement that pallet's `WeightInfo`.
//!
//! The state is built by calls, as users would build it (registration, stake,
//! hyperparameters by root), so a benchmark measures the storage a real call
//! meets; only what no call can reach quickly (a full queue of commits) is
//! written directly.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod setup;
#[cfg(feature = "runtime-benchmarks")]
pub mod stake;
#[cfg(feature = "runtime-benchmarks")]
pub mod subnets;
#[cfg(feature = "runtime-benchmarks")]
pub mod weights;

#[cfg(all(test, feature = "runtime-benchmarks"))]
mod mock;

/// The pallets the benchmarks build state with.
pub trait Config:
	pallet_emission::Config + pallet_subnets::Config + pallet_stake::Config + pallet_weights::Config
{
}

impl<T> Config for T where
	T: pallet_emission::Config + pallet_subnets::Config + pallet_stake::Config + pallet_weights::Config
{
}
