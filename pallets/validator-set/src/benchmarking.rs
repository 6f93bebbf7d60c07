//! Benchmarks of the calls (feature `runtime-benchmarks`), each over a set
//! of `n` validators: the set is scanned for the account, so `n` is the
//! component.

use alloc::vec::Vec;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use sp_runtime::traits::TrailingZeroInput;

use crate::pallet::*;

/// `n` validators in the planned set, none of them `who`.
fn set_of<T: Config>(n: u32) {
	let set: Vec<<T as frame_system::Config>::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	Validators::<T>::put(BoundedVec::truncate_from(set));
}

/// Session keys for `who`, as `session.setKeys` stores them.
fn give_keys<T: Config>(who: &<T as frame_system::Config>::AccountId) -> Result<(), BenchmarkError> {
	let keys = <T as pallet_session::Config>::Keys::decode(&mut TrailingZeroInput::zeroes())
		.map_err(|_| BenchmarkError::Stop("session keys do not decode from zeroes"))?;
	pallet_session::NextKeys::<T>::insert(who, keys);
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adding to a set of `n` (the new one is checked against all of them).
	#[benchmark]
	fn add_validator(n: Linear<1, { T::MaxValidators::get().saturating_sub(1) }>) -> Result<(), BenchmarkError> {
		set_of::<T>(n);
		let who: <T as frame_system::Config>::AccountId = account("new", 0, 0);
		give_keys::<T>(&who)?;
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Pallet::<T>::planned().contains(&who));
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	/// Removing the last of a set of `n`.
	#[benchmark]
	fn remove_validator(n: Linear<{ T::MinValidators::get().saturating_add(1) }, { T::MaxValidators::get() }>) -> Result<(), BenchmarkError> {
		set_of::<T>(n);
		let who: <T as frame_system::Config>::AccountId = account("validator", n.saturating_sub(1), 0);
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Pallet::<T>::planned().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
