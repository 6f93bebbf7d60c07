//! Axon and Prometheus endpoints, and commitments.

use frame_support::{assert_noop, assert_ok};

use crate::{mock::*, AxonInfo, Commitments, Error, Event, Hyperparameter as H, Prometheus, PrometheusInfo, Axons};

/// A subnet where hotkey 100 holds uid 0.
fn served_subnet() -> u16 {
	let netuid = add_network(1);
	assert_ok!(Subnets::burned_register(RuntimeOrigin::signed(2), netuid, 100));
	events();
	netuid
}

#[test]
fn a_registered_hotkey_serves_its_axon() {
	ExtBuilder::build_and_execute(|| {
		let netuid = served_subnet();
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(100), netuid, 7, 0xC0A8_0001, 8091, 4, 0));
		let axon = AxonInfo { block: 1, version: 7, ip: 0xC0A8_0001, port: 8091, ip_type: 4, protocol: 0 };
		assert_eq!(Axons::<Test>::get(netuid, 100), Some(axon.clone()));
		assert_eq!(events(), vec![Event::AxonServed { netuid, hotkey: 100, axon }]);
		// IPv6 and UDP.
		root_set(netuid, H::ServingRateLimit(0));
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(100), netuid, 7, u128::MAX, 1, 6, 1));
	});
}

#[test]
fn bad_endpoints_are_refused_by_name() {
	ExtBuilder::build_and_execute(|| {
		let netuid = served_subnet();
		let axon = |ip: u128, port: u16, ip_type: u8, protocol: u8| {
			Subnets::serve_axon(RuntimeOrigin::signed(100), netuid, 1, ip, port, ip_type, protocol)
		};
		assert_noop!(axon(1, 80, 5, 0), Error::<Test>::InvalidIpType);
		assert_noop!(axon(0, 80, 4, 0), Error::<Test>::InvalidIpAddress);
		assert_noop!(axon(1 << 32, 80, 4, 0), Error::<Test>::InvalidIpAddress);
		assert_noop!(axon(u128::from(u32::MAX), 80, 4, 0), Error::<Test>::InvalidIpAddress);
		assert_noop!(axon(0, 80, 6, 0), Error::<Test>::InvalidIpAddress);
		assert_noop!(axon(1, 0, 4, 0), Error::<Test>::InvalidPort);
		assert_noop!(axon(1, 80, 4, 2), Error::<Test>::InvalidProtocol);
		assert_noop!(
			Subnets::serve_axon(RuntimeOrigin::signed(101), netuid, 1, 1, 80, 4, 0),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Subnets::serve_axon(RuntimeOrigin::signed(100), 9, 1, 1, 80, 4, 0),
			Error::<Test>::SubnetNotFound
		);
		assert_noop!(
			Subnets::serve_prometheus(RuntimeOrigin::signed(100), netuid, 1, 1, 0, 4),
			Error::<Test>::InvalidPort
		);
	});
}

#[test]
fn serving_is_rate_limited_per_endpoint() {
	ExtBuilder::build_and_execute(|| {
		let netuid = served_subnet(); // serving_rate_limit 50
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(100), netuid, 1, 1, 80, 4, 0));
		assert_ok!(Subnets::serve_prometheus(RuntimeOrigin::signed(100), netuid, 1, 1, 9090, 4));
		run_to_block(50);
		assert_noop!(
			Subnets::serve_axon(RuntimeOrigin::signed(100), netuid, 2, 1, 80, 4, 0),
			Error::<Test>::ServingRateLimited
		);
		assert_noop!(
			Subnets::serve_prometheus(RuntimeOrigin::signed(100), netuid, 2, 1, 9090, 4),
			Error::<Test>::ServingRateLimited
		);
		run_to_block(51);
		assert_ok!(Subnets::serve_axon(RuntimeOrigin::signed(100), netuid, 2, 1, 80, 4, 0));
		assert_ok!(Subnets::serve_prometheus(RuntimeOrigin::signed(100), netuid, 2, 2, 9091, 6));
		assert_eq!(
			Prometheus::<Test>::get(netuid, 100),
			Some(PrometheusInfo { block: 51, version: 2, ip: 2, port: 9091, ip_type: 6 })
		);
		assert!(events().contains(&Event::PrometheusServed {
			netuid,
			hotkey: 100,
			prometheus: PrometheusInfo { block: 51, version: 2, ip: 2, port: 9091, ip_type: 6 }
		}));
	});
}

#[test]
fn commitments_hold_1_to_256_bytes_and_are_rate_limited() {
	ExtBuilder::build_and_execute(|| {
		let netuid = served_subnet();
		let data = b"sha256:0123 https://example.org/model.safetensors".to_vec();
		assert_ok!(Subnets::commit(RuntimeOrigin::signed(100), netuid, data.clone()));
		assert_eq!(Commitments::<Test>::get(netuid, 100).unwrap().data.into_inner(), data);
		assert_eq!(
			events(),
			vec![Event::Committed { netuid, hotkey: 100, data_hash: sp_io::hashing::blake2_256(&data) }]
		);
		assert_noop!(
			Subnets::commit(RuntimeOrigin::signed(100), netuid, vec![1]),
			Error::<Test>::CommitmentRateLimited
		);
		run_to_block(21);
		assert_noop!(Subnets::commit(RuntimeOrigin::signed(100), netuid, vec![]), Error::<Test>::InvalidCommitmentLength);
		assert_noop!(
			Subnets::commit(RuntimeOrigin::signed(100), netuid, vec![0; 257]),
			Error::<Test>::InvalidCommitmentLength
		);
		assert_noop!(Subnets::commit(RuntimeOrigin::signed(101), netuid, vec![1]), Error::<Test>::NotRegistered);
		assert_ok!(Subnets::commit(RuntimeOrigin::signed(100), netuid, vec![7; 256]));
		assert_eq!(Commitments::<Test>::get(netuid, 100).unwrap().block, 21);
	});
}
