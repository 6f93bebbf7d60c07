#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
//! Finds proof of work for `Subnets.register`.
//!
//! ```sh
//! cargo run --release -p pallet-subnets --example pow-solve -- BLOCK_HASH HOTKEY COLDKEY DIFFICULTY [START_NONCE]
//! ```
//! `BLOCK_HASH`: 0x-prefixed hex of the block the work is made on (one of the
//! last 3 blocks); `HOTKEY`, `COLDKEY`: SS58 addresses or 0x-prefixed 32-byte
//! public keys (the coldkey is the one that will sign `register`: the work is
//! valid for it alone). Prints the nonce and the work (seal) to pass to `register`.

use std::process::ExitCode;

use sp_core::crypto::{AccountId32, Ss58Codec};

fn hex32(s: &str) -> Result<[u8; 32], String> {
	let digits = s.strip_prefix("0x").ok_or_else(|| format!("{s}: expected 0x-prefixed hex"))?;
	if digits.len() != 64 {
		return Err(format!("{s}: expected 32 bytes (64 hex digits)"));
	}
	let mut out = [0u8; 32];
	for (k, byte) in out.iter_mut().enumerate() {
		let pair = digits.get(2 * k..2 * k + 2).ok_or("bad hex")?;
		*byte = u8::from_str_radix(pair, 16).map_err(|e| format!("{s}: {e}"))?;
	}
	Ok(out)
}

fn account(s: &str) -> Result<AccountId32, String> {
	match hex32(s) {
		Ok(raw) => Ok(AccountId32::from(raw)),
		Err(_) => AccountId32::from_ss58check(s).map_err(|e| format!("{s}: {e:?}")),
	}
}

fn run(args: &[String]) -> Result<(), String> {
	let [hash, hotkey, coldkey, difficulty, rest @ ..] = args else {
		return Err("usage: pow-solve BLOCK_HASH HOTKEY COLDKEY DIFFICULTY [START_NONCE]".into());
	};
	let hash = hex32(hash)?;
	let hotkey = account(hotkey)?;
	let coldkey = account(coldkey)?;
	let difficulty: u64 = difficulty.parse().map_err(|e| format!("DIFFICULTY: {e}"))?;
	let start: u64 = match rest.first() {
		Some(s) => s.parse().map_err(|e| format!("START_NONCE: {e}"))?,
		None => 0,
	};
	let (nonce, seal) = pallet_subnets::pow::solve(&hash, &hotkey, &coldkey, difficulty, start, u64::MAX)
		.ok_or("no nonce found")?;
	let work: String = seal.iter().map(|b| format!("{b:02x}")).collect();
	println!("nonce {nonce}\nwork 0x{work}");
	Ok(())
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	match run(&args) {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("pow-solve: {e}");
			ExitCode::from(2)
		},
	}
}
