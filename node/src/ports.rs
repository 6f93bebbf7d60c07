//! Refuses to start on a port that is already taken, and says which.
//!
//! Left alone, the RPC server would quietly move to a random port when 9944 is
//! busy (for instance, a second dev node), and a user connecting polkadot.js to
//! `ws://127.0.0.1:9944` would talk to the wrong node. So every TCP port the
//! node will listen on is tried first, and the RPC server is told not to move.

use std::net::{SocketAddr, TcpListener};

use sc_network::multiaddr::Protocol;
use sc_service::Configuration;

/// Fails with a message naming the port if any TCP port the node will
/// listen on (RPC, Prometheus, p2p) is already in use.
pub fn claim(config: &mut Configuration) -> Result<(), sc_cli::Error> {
	let mut wanted: Vec<(&'static str, &'static str, SocketAddr)> = Vec::new();
	if let Some(endpoints) = config.rpc.addr.as_mut() {
		for endpoint in endpoints.iter_mut() {
			endpoint.retry_random_port = false;
			// An optional endpoint (the IPv6 twin of the default) may fail on a
			// machine without IPv6; it is not checked.
			if !endpoint.is_optional {
				wanted.push(("RPC", "--rpc-port", endpoint.listen_addr));
			}
		}
	}
	if let Some(prometheus) = &config.prometheus_config {
		wanted.push(("Prometheus", "--prometheus-port", prometheus.port));
	}
	for addr in &config.network.listen_addresses {
		let mut ip = None;
		for part in addr.iter() {
			match part {
				Protocol::Ip4(v4) => ip = Some(std::net::IpAddr::V4(v4)),
				Protocol::Ip6(v6) => ip = Some(std::net::IpAddr::V6(v6)),
				Protocol::Tcp(port) if port != 0 => {
					if let Some(ip) = ip {
						wanted.push(("p2p", "--port", SocketAddr::new(ip, port)));
					}
				},
				_ => {},
			}
		}
	}

	for (what, flag, addr) in wanted {
		if let Err(e) = TcpListener::bind(addr) {
			if e.kind() == std::io::ErrorKind::AddrInUse {
				return Err(sc_cli::Error::Application(format!(
					"{what} port {} is already in use on {} (another node running?); \
					 stop it or choose another port with {flag}",
					addr.port(),
					addr.ip()
				)
				.into()));
			}
			// IPv6 may be missing on this machine: only an occupied port is fatal.
			if addr.is_ipv4() {
				return Err(sc_cli::Error::Application(format!(
					"cannot listen on {what} address {addr}: {e}"
				)
				.into()));
			}
		}
	}
	Ok(())
}
