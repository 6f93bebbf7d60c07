//! The root subnet (netuid 0): the hotkeys with the most stake.

use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	traits::Get,
};
use sp_runtime::DispatchError;
use yuma_primitives::StakeInfo;

use crate::{
	pallet::*, registration::Payment, weights::WeightInfo, Uid, ROOT_NETUID,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_root_register(
		coldkey: T::AccountId,
		hotkey: T::AccountId,
	) -> DispatchResultWithPostInfo {
		Self::check_hotkey(ROOT_NETUID, &coldkey, &hotkey)?;
		let n = Self::assign_uid(ROOT_NETUID, coldkey, hotkey, Payment::Free)?;
		Ok(PostDispatchInfo { actual_weight: Some(T::WeightInfo::root_register(n)), pays_fee: Pays::Yes })
	}

	/// Where `hotkey` joins root: the next uid while there is room, else the
	/// uid of the member with the least stake (ties: the higher uid) if
	/// `hotkey` has strictly more. Stake here is the seat stake
	/// ([`yuma_primitives::StakeInfo::seat_stake`]): stake added since the
	/// last root epoch does not count yet, so borrowing for a block evicts
	/// nobody.
	pub(crate) fn root_slot(hotkey: &T::AccountId) -> Result<(Uid, bool), DispatchError> {
		let n = SubnetN::<T>::get(ROOT_NETUID);
		let cap = Hyperparams::<T>::get(ROOT_NETUID)
			.map_or(0, |hp| hp.max_allowed_uids)
			.min(T::MaxRootMembers::get());
		if n < cap {
			return Ok((n, false));
		}
		let (weakest, least) = (0..n)
			.filter_map(|uid| Keys::<T>::get(ROOT_NETUID, uid).map(|k| (uid, T::StakeInfo::seat_stake(&k))))
			.min_by_key(|(uid, stake)| (*stake, core::cmp::Reverse(*uid)))
			.ok_or(Error::<T>::StakeTooLowForRoot)?;
		if T::StakeInfo::seat_stake(hotkey) > least {
			Ok((weakest, true))
		} else {
			Err(Error::<T>::StakeTooLowForRoot.into())
		}
	}
}
