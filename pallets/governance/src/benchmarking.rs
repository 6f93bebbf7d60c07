//! Benchmark of the call (feature `runtime-benchmarks`): one rule changed by
//! the parameters origin (the whole record is read and written, whichever
//! rule it is).

use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

use crate::{pallet::*, ChainParameter};

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_parameter() -> Result<(), BenchmarkError> {
		let origin = T::ParametersOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let cost = 1_000_000_000;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, ChainParameter::HotkeySwapCost(cost));

		assert_eq!(Pallet::<T>::parameters().hotkey_swap_cost, cost);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::tests::ext(None), crate::tests::Test);
}
