//! `yuma-sim`: the JSON format of YUMA.md in and out, and one clear line with
//! exit code 2 for every kind of bad input.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::{
	io::Write,
	process::{Command, Stdio},
};

const EXAMPLE: &str = r#"{
  "config": { "kappa": 32767, "bonds_moving_average": 900000,
              "bonds_penalty": 65535, "yuma_version": 3,
              "liquid_alpha_enabled": false, "alpha_low": 45875,
              "alpha_high": 58982, "alpha_sigmoid_steepness": 10.0,
              "max_allowed_validators": 64, "activity_cutoff": 5000,
              "validator_min_stake": 0, "tempo": 360 },
  "epochs": [
    { "block": 361, "emission": 1000000000,
      "stake": [1000, 0, 0],
      "last_update": [360, 0, 0],
      "registered_at": [0, 0, 0],
      "weights": [[[1, 65535], [2, 0]], [], []] },
    { "block": 722, "emission": 1000000000,
      "stake": [1000, 0, 0],
      "last_update": [700, 0, 0],
      "registered_at": [0, 0, 0],
      "weights": [[[1, 65535], [2, 0]], [], []] }
  ]
}"#;

/// Runs the binary on `input` through stdin: (exit code, stdout, stderr).
fn sim(input: &str) -> (i32, String, String) {
	let mut child = Command::new(env!("CARGO_BIN_EXE_yuma-sim"))
		.arg("-")
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.unwrap();
	child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
	let out = child.wait_with_output().unwrap();
	(
		out.status.code().unwrap_or(-1),
		String::from_utf8(out.stdout).unwrap(),
		String::from_utf8(out.stderr).unwrap(),
	)
}

#[test]
fn the_example_of_yuma_md_runs_and_carries_state() {
	let (code, stdout, stderr) = sim(EXAMPLE);
	assert_eq!(code, 0, "{stderr}");
	let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
	let epochs = out["epochs"].as_array().unwrap();
	assert_eq!(epochs.len(), 2);
	let first = &epochs[0];
	for key in ["consensus", "incentive", "dividends", "trust", "validator_trust", "rank", "emission", "validator_permit", "bonds"] {
		assert!(first.get(key).is_some(), "output lacks {key}");
	}
	assert_eq!(first["incentive"][1], 1.0);
	assert_eq!(first["dividends"][0], 1.0);
	assert_eq!(first["validator_permit"], serde_json::json!([true, false, false]));
	let paid: u64 = first["emission"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).sum();
	assert_eq!(paid, 1_000_000_000);
	// Bonds carry over: 0.1, then 0.19 of 65535 (6553.5 and 12451.65: within a unit).
	let bond = |e: &serde_json::Value| (e["bonds"][0][0][0].as_u64().unwrap(), e["bonds"][0][0][1].as_u64().unwrap());
	let (j, b) = bond(first);
	assert!(j == 1 && b.abs_diff(6_554) <= 1, "{b}");
	let (j, b) = bond(&epochs[1]);
	assert!(j == 1 && b.abs_diff(12_452) <= 1, "{b}");
}

#[test]
fn config_keys_may_be_omitted() {
	let input = r#"{"epochs": [{"block": 10, "emission": 7, "stake": [5], "last_update": [9],
		"registered_at": [0], "weights": [[]]}]}"#;
	let (code, stdout, stderr) = sim(input);
	assert_eq!(code, 0, "{stderr}");
	assert!(stdout.contains(r#""emission":[7]"#), "{stdout}");
}

fn assert_refused(input: &str, needle: &str) {
	let (code, stdout, stderr) = sim(input);
	assert_eq!(code, 2, "exit code for {input}");
	assert!(stdout.is_empty(), "printed output for bad input: {stdout}");
	let lines: Vec<&str> = stderr.lines().collect();
	assert_eq!(lines.len(), 1, "{stderr}");
	assert!(lines[0].contains(needle), "{stderr} lacks {needle}");
	assert!(!stderr.contains("panicked"));
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
	let epoch = |stake: &str, lu: &str, reg: &str, w: &str| {
		format!(
			r#"{{"epochs": [{{"block": 10, "emission": 7, "stake": {stake}, "last_update": {lu}, "registered_at": {reg}, "weights": {w}}}]}}"#
		)
	};
	assert_refused("{ not json", "invalid input");
	assert_refused(&epoch("[1, 2]", "[1]", "[0, 0]", "[[], []]"), "`last_update` has 1 entries");
	assert_refused(&epoch("[1, 2]", "[1, 1]", "[0, 0]", "[[[5, 1]], []]"), "names uid 5");
	assert_refused(&epoch("[1, -2]", "[1, 1]", "[0, 0]", "[[], []]"), "invalid value");
	assert_refused(&epoch("[1, 2.5]", "[1, 1]", "[0, 0]", "[[], []]"), "invalid type");
	assert_refused(&epoch("[1]", "[1]", "[0]", "[[[0, 70000]]]"), "invalid value");
	assert_refused(r#"{"config": {"kapa": 1}, "epochs": []}"#, "unknown field `kapa`");
	assert_refused(r#"{"config": {"yuma_version": 4}, "epochs": [{"block": 1, "emission": 0, "stake": [], "last_update": [], "registered_at": [], "weights": []}]}"#, "yuma_version 4");
	assert_refused(r#"{"config": {"alpha_sigmoid_steepness": 1e300}, "epochs": []}"#, "alpha_sigmoid_steepness");
	assert_refused(r#"{"epochs": [{"block": 1}]}"#, "missing field");
}

#[test]
fn missing_file_and_usage_errors() {
	let out = Command::new(env!("CARGO_BIN_EXE_yuma-sim")).arg("/no/such/file.json").output().unwrap();
	assert_eq!(out.status.code(), Some(2));
	assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.json"));
	let out = Command::new(env!("CARGO_BIN_EXE_yuma-sim")).output().unwrap();
	assert_eq!(out.status.code(), Some(2));
	assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}
