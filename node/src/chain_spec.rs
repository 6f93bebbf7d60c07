//! Chain specifications built into the node: `dev` and `local`, both from the
//! runtime's genesis presets. Any other `--chain` value is a path to a JSON spec.

use sc_service::{ChainType, Properties};
use yuma_runtime::{currency, SS58_PREFIX, WASM_BINARY};

/// The chain spec type of this node (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token properties shown by wallets such as polkadot.js.
fn properties() -> Properties {
	let mut p = Properties::new();
	p.insert("tokenSymbol".into(), currency::SYMBOL.into());
	p.insert("tokenDecimals".into(), currency::DECIMALS.into());
	p.insert("ss58Format".into(), SS58_PREFIX.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime WASM is missing from this build (was it built with SKIP_WASM_BUILD?)".into()
	})
}

/// `--dev`: one authority (Alice), blocks and finality from the first second.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Yuma Development")
		.with_id("yuma_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: Alice and Bob as authorities; what zombienet starts from.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Yuma Local Testnet")
		.with_id("yuma_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain governed`: Alice as the only authority and no sudo key; referenda
/// (decided in minutes) are the only root.
pub fn governed_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Yuma Governed Development")
		.with_id("yuma_governed")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(yuma_runtime::genesis_config_presets::GOVERNED_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// What the node says when no chain is chosen.
pub const NO_CHAIN: &str = "no chain chosen: pass --dev, or --chain dev, --chain local, --chain governed or --chain <chain spec JSON file>";

/// Resolves a `--chain` value: `dev`, `local`, `governed`, or a path to a JSON chain spec.
/// An empty value (`--chain ""`, or no `--chain` and no `--dev`, which the
/// CLI passes as empty) is refused: it would otherwise start the local
/// testnet, whose sudo is Alice, without anyone having asked for it.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"" => return Err(NO_CHAIN.into()),
		"dev" => Box::new(development_chain_spec()?),
		"local" => Box::new(local_chain_spec()?),
		"governed" => Box::new(governed_chain_spec()?),
		path => {
			let file = std::path::PathBuf::from(path);
			if !file.is_file() {
				return Err(format!(
					"unknown chain `{path}`: expected `dev`, `local`, `governed` or the path of a chain spec JSON file"
				));
			}
			Box::new(
				ChainSpec::from_json_file(file)
					.map_err(|e| format!("cannot read chain spec `{path}`: {e}"))?,
			)
		},
	})
}

#[cfg(test)]
mod tests {
	#[test]
	fn an_empty_chain_is_refused_with_one_line() {
		let error = super::load("").err().expect("refused");
		assert_eq!(error, super::NO_CHAIN);
		assert!(!error.contains('\n'));
	}
}
