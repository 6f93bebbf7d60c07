//! Tests by topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

mod attacks;
mod epoch;
mod migrations;
mod model;
mod owner;
mod properties;
mod rewards;
mod staking;
mod swap;
mod take;
mod vote_lock;
