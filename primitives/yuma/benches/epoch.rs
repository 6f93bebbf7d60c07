//! Criterion benchmark of one epoch, and its peak heap.
//!
//! Cases are (n uids, V validators, weights per validator), each for Yuma 3,
//! Yuma 3 with liquid alpha, and classic. Every case starts from the bonds a
//! previous epoch left, so bonds are as dense as the weights.
//!
//! `cargo bench -p yuma-consensus --bench epoch` prints the peak heap of each
//! case first (a counting allocator wraps the system one), then the timings.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::{
	alloc::{GlobalAlloc, Layout, System},
	sync::atomic::{AtomicUsize, Ordering},
	time::Duration,
};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use yuma_consensus::{epoch, EpochConfig, EpochInput, PreviousState};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
	unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
		let p = unsafe { System.alloc(layout) };
		if !p.is_null() {
			let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
			PEAK.fetch_max(now, Ordering::Relaxed);
		}
		p
	}

	unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
		unsafe { System.dealloc(ptr, layout) };
		LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
	}
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const CASES: [(usize, usize, usize); 4] =
	[(256, 64, 256), (1024, 64, 1024), (4096, 64, 4096), (4096, 256, 4096)];

fn modes() -> [(&'static str, EpochConfig); 3] {
	[
		("yuma3", EpochConfig::default()),
		("yuma3-liquid", EpochConfig { liquid_alpha_enabled: true, ..Default::default() }),
		("classic", EpochConfig { yuma_version: 2, ..Default::default() }),
	]
}

/// A subnet of `n` uids whose first `v` uids validate, each weighting `k`
/// uids (a deterministic pseudo-random choice and values).
fn subnet(n: usize, v: usize, k: usize, block: u64) -> EpochInput {
	let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
	let mut next = move || {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		x
	};
	let stake = (0..n).map(|i| if i < v { 1_000_000_000 + next() % 1_000_000_000_000 } else { 0 }).collect();
	let weights = (0..n)
		.map(|i| {
			if i >= v {
				return Vec::new();
			}
			let offset = (next() as usize) % n;
			let mut row: Vec<(u16, u16)> = (0..k.min(n))
				.map(|t| ((offset + t) % n) as u16)
				.filter(|j| usize::from(*j) != i)
				.map(|j| (j, (next() % 65_535) as u16 + 1))
				.collect();
			row.sort_unstable();
			row
		})
		.collect();
	EpochInput {
		block,
		emission: 1_000_000_000,
		stake,
		last_update: vec![block - 1; n],
		registered_at: vec![0; n],
		weights,
	}
}

/// The state after one epoch of the same subnet: permits and dense bonds.
fn warmed(n: usize, v: usize, k: usize, config: &EpochConfig) -> (EpochInput, PreviousState) {
	let first = subnet(n, v, k, 361);
	let out = epoch(&first, config, &PreviousState::default()).unwrap();
	let previous =
		PreviousState { last_epoch_block: 361, permit: out.validator_permit, bonds: out.bonds };
	(subnet(n, v, k, 722), previous)
}

fn bench(c: &mut Criterion) {
	println!("peak heap of one epoch (MiB), measured with a counting allocator:");
	for (n, v, k) in CASES {
		for (mode, config) in modes() {
			let config = EpochConfig { max_allowed_validators: v as u16, ..config };
			let (input, previous) = warmed(n, v, k, &config);
			let base = LIVE.load(Ordering::Relaxed);
			PEAK.store(base, Ordering::Relaxed);
			let out = epoch(&input, &config, &previous).unwrap();
			let peak = PEAK.load(Ordering::Relaxed) - base;
			let nnz: usize = previous.bonds.iter().map(Vec::len).sum::<usize>() +
				input.weights.iter().map(Vec::len).sum::<usize>();
			println!(
				"  n={n:5} V={v:3} k={k:5} {mode:13} nnz={nnz:8} peak={:.1} MiB (output bonds {} rows)",
				peak as f64 / (1024.0 * 1024.0),
				out.bonds.iter().filter(|r| !r.is_empty()).count()
			);
		}
	}

	let mut group = c.benchmark_group("epoch");
	group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
	for (n, v, k) in CASES {
		for (mode, config) in modes() {
			let config = EpochConfig { max_allowed_validators: v as u16, ..config };
			let (input, previous) = warmed(n, v, k, &config);
			group.bench_with_input(
				BenchmarkId::new(mode, format!("n{n}-v{v}-k{k}")),
				&(input, previous),
				|b, (input, previous)| b.iter(|| epoch(input, &config, previous).unwrap()),
			);
		}
	}
	group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
