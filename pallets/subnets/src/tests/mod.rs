//! Tests by topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]


mod networks;
mod dissolution;
mod hyperparameters;
mod migrations;
mod registration;
mod pow;
mod registry;
mod root;
mod serving;
mod governance;
