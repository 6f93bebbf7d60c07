//! Storage migrations of pallet-subnets.
//!
//! **Version 0** (`STORAGE_VERSION`, what genesis writes): subnets and their owners, locks and hyperparameters (`Networks`, `Hyperparams`, `SubnetDefaults`, ...), the uids of each subnet and who holds them (`Keys`, `Uids`, `SubnetHotkeys`, `HotkeyOwner`), registration counters and PoW nullifiers (`RegistrationCount`, `UsedWork`), and what neurons serve (`Axons`, `Prometheus`, `Commitments`). No
//! release has changed it yet, so there is no migration.
//!
//! How a release changes it: a module `v1` here holds a
//! `VersionedMigration<0, 1, ..>` (it runs only on version 0, then writes 1)
//! with `pre_upgrade`/`post_upgrade` checks of the conversion, compiled
//! outside try-runtime too so that the pallet's tests run them;
//! `STORAGE_VERSION` becomes 1; the runtime lists the migration in its
//! `Migrations`. pallet-governance's `migrations::v1` is the worked example.
//!
//! A release that does not migrate this pallet names it in the runtime's
//! [`Untouched`] check instead: try-runtime then reads every key and value of
//! the pallet before the release's migrations and after them, and fails the
//! upgrade if a byte changed.

/// The check for a release that leaves this pallet alone: `Inner` (the
/// release's migrations) must not change its storage.
pub type Untouched<T, Inner = ()> = yuma_primitives::upgrade::Untouched<crate::Pallet<T>, Inner>;
