"""The yuma CLI against the dev node: wallets, subnets, registration, stake,
the metagraph, and chain errors by name with exit status 1."""

from __future__ import annotations

import pytest
from bittensor_wallet import Keypair
from typer.testing import CliRunner

from yuma import wallet as wallets
from yuma import cli as cli_module
from yuma.cli import app
from yuma.chain import Chain

runner = CliRunner()


@pytest.fixture
def cli(node_url, tmp_path, monkeypatch):
    monkeypatch.setenv("YUMA_PASSWORD", "cli-test-password")
    monkeypatch.setattr(cli_module.out, "width", 250)  # whole addresses in tables
    path = str(tmp_path / "wallets")

    def run(*args: str, ok: bool = True):
        group = args[0]
        full = list(args)
        if group != "wallet":
            full += ["--url", node_url]
        if group in ("wallet", "stake", "register") or args[:2] == ("subnet", "create"):
            full += ["--wallet-path", path]
        result = runner.invoke(app, full)
        if ok is not None:
            assert (result.exit_code == 0) == ok, result.output
        return result.output

    return run, path


def test_wallet_create_and_list(cli):
    run, path = cli
    out = run("wallet", "create", "alpha", "--hotkey", "one", "--hotkey", "two")
    assert "mnemonic" in out
    listed = run("wallet", "list")
    info = wallets.list_wallets(path)["alpha"]
    assert info["coldkey"] in listed and set(info["hotkeys"]) == {"one", "two"}
    assert "already has a coldkey" in run("wallet", "create", "alpha", ok=False)


def test_subnets_register_stake_and_metagraph(cli, node_url, netuid):
    run, path = cli
    run("wallet", "create", "beta")
    cold = wallets.list_wallets(path)["beta"]["coldkey"]
    with Chain(node_url) as chain:
        chain.call(Keypair.create_from_uri("//Alice"), "Balances", "transfer_keep_alive", {"dest": cold, "value": 50 * 10**9})
    assert str(netuid) in run("subnet", "list")
    assert "tempo" in run("subnet", "show", str(netuid))
    out = run("register", str(netuid), "--wallet", "beta")
    assert f"registered on subnet {netuid} as uid" in out
    run("stake", "add", "3", "--wallet", "beta")
    listed = run("stake", "list", "--wallet", "beta")
    hot = wallets.list_wallets(path)["beta"]["hotkeys"]["default"]
    assert hot in listed and "3 TAO" in listed
    assert "the position is 2 TAO" in run("stake", "remove", "1", "--wallet", "beta")
    # Amounts are exact: a tenth of a rao, zero or nonsense is refused before anything is signed.
    for bad in ("0.0000000001", "0", "1e30", "lots"):
        assert "not an amount of TAO" in run("stake", "add", bad, "--wallet", "beta", ok=False)
    assert hot[:12] in run("metagraph", str(netuid))


def test_chain_errors_end_the_command_with_their_name(cli, netuid):
    run, _ = cli
    assert "subnets.SubnetNotFound" in run("subnet", "show", "77", ok=False)
    run("wallet", "create", "gamma")
    # An unfunded coldkey cannot pay the burn.
    out = run("register", str(netuid), "--wallet", "gamma", ok=False)
    assert "InvalidTransaction.Payment" in out


def test_subnet_create_owned_by_the_wallet(cli, node_url):
    import time

    run, path = cli
    run("wallet", "create", "delta")
    cold = wallets.list_wallets(path)["delta"]["coldkey"]
    with Chain(node_url) as chain:
        lock = chain.network_lock_cost()
        chain.call(Keypair.create_from_uri("//Alice"), "Balances", "transfer_keep_alive", {"dest": cold, "value": lock + 10 * 10**9})
        before = set(chain.subnets())
    out = run("subnet", "create", "--wallet", "delta", ok=None)
    if "subnets.NetworkRateLimited" in out:  # another test's subnet less than 10 blocks ago
        time.sleep(60)
        out = run("subnet", "create", "--wallet", "delta")
    with Chain(node_url) as chain:
        [netuid] = set(chain.subnets()) - before
        assert f"subnet {netuid} created, owned by {cold}" in out
        assert chain.substrate.query("Subnets", "Networks", [netuid]).value["owner"] == cold
