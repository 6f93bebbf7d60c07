//! Tests by topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

mod batch;
mod commit_reveal;
mod extension;
mod hooks;
mod migrations;
mod properties;
mod root;
mod set_weights;
