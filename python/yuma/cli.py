"""The ``yuma`` command line: wallets, subnets, registration, stake, the metagraph.

Every command that talks to a node takes ``--url`` (or ``$YUMA_URL``, default
``ws://127.0.0.1:9944``); wallets live under ``--wallet-path`` (or
``$YUMA_WALLET_PATH``, default ``~/.bittensor/wallets``). A coldkey's password
is asked for, or read from ``$YUMA_PASSWORD``. A chain error ends the command
with its name (``subnets.SubnetNotFound``, ...) and exit status 1.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import wallet as wallets
from .chain import Chain, Subnets
from .errors import ChainError

RAO = 1_000_000_000

app = typer.Typer(help="yuma-chain from the command line.", no_args_is_help=True, pretty_exceptions_enable=False)
wallet_app = typer.Typer(help="Coldkeys and hotkeys on disk.", no_args_is_help=True)
subnet_app = typer.Typer(help="Subnets: create, list, show.", no_args_is_help=True)
stake_app = typer.Typer(help="Stake: add, remove, list.", no_args_is_help=True)
app.add_typer(wallet_app, name="wallet")
app.add_typer(subnet_app, name="subnet")
app.add_typer(stake_app, name="stake")

out = Console()
err = Console(stderr=True)

Url = typer.Option(os.environ.get("YUMA_URL", "ws://127.0.0.1:9944"), "--url", help="The node's WebSocket RPC.")
WalletPath = typer.Option(os.environ.get("YUMA_WALLET_PATH", wallets.DEFAULT_PATH), "--wallet-path", help="Where wallets live.")
WalletName = typer.Option("default", "--wallet", "-w", help="The wallet (its coldkey pays and owns).")
HotkeyName = typer.Option("default", "--hotkey", "-k", help="The wallet's hotkey.")


def tao(rao: int) -> str:
    """Rao as TAO, exactly (integer arithmetic)."""
    whole, frac = divmod(int(rao), RAO)
    text = f"{whole:,}" + (f".{frac:09d}".rstrip("0") if frac else "")
    return ("-" if rao < 0 and whole == 0 and frac else "") + text + " TAO"


def _password(confirm: bool = False) -> str:
    if "YUMA_PASSWORD" in os.environ:
        return os.environ["YUMA_PASSWORD"]
    return typer.prompt("Coldkey password", hide_input=True, confirmation_prompt=confirm)


@contextmanager
def _chain(url: str) -> Iterator[Chain]:
    try:
        with out.status(f"connecting to {url}"):
            chain = Chain(url)
    except Exception as failed:  # refused connection, bad URL
        err.print(f"[red]cannot reach {url}: {failed}[/red]")
        raise typer.Exit(2)
    try:
        yield chain
    except ChainError as failed:
        err.print(f"[red]{failed.name}[/red] {failed.docs}")
        raise typer.Exit(1)
    finally:
        chain.close()


@contextmanager
def _waiting(what: str) -> Iterator[None]:
    with out.status(f"{what}: waiting for inclusion"):
        yield


def _coldkey(name: str, path: str):
    try:
        return wallets.coldkey(name, _password(), path)
    except Exception as failed:
        err.print(f"[red]cannot open the coldkey of wallet {name!r}: {failed}[/red]")
        raise typer.Exit(1)


# ---- wallet -------------------------------------------------------------------
@wallet_app.command("create")
def wallet_create(
    name: str = typer.Argument(..., help="The wallet's name."),
    hotkeys: list[str] = typer.Option(["default"], "--hotkey", "-k", help="Hotkeys to make (repeatable)."),
    path: str = WalletPath,
):
    """A new wallet: an encrypted coldkey and its hotkeys. Prints the mnemonic once."""
    try:
        mnemonic = wallets.create(name, _password(confirm=True), tuple(hotkeys), path)
    except FileExistsError as exists:
        err.print(f"[red]{exists}[/red]")
        raise typer.Exit(1)
    info = wallets.list_wallets(path)[name]
    out.print(f"wallet [bold]{name}[/bold]: coldkey {info['coldkey']}")
    for hot, address in info["hotkeys"].items():
        out.print(f"  hotkey {hot}: {address}")
    out.print(f"[yellow]mnemonic (write it down, it is shown once):[/yellow] {mnemonic}")


@wallet_app.command("hotkey")
def wallet_hotkey(name: str, hotkey: str, path: str = WalletPath):
    """Adds a hotkey to a wallet."""
    try:
        out.print(f"hotkey {hotkey}: {wallets.add_hotkey(name, hotkey, path)}")
    except FileExistsError as exists:
        err.print(f"[red]{exists}[/red]")
        raise typer.Exit(1)


@wallet_app.command("list")
def wallet_list(path: str = WalletPath):
    """Every wallet, its coldkey and hotkeys."""
    table = Table("wallet", "key", "address")
    for name, info in wallets.list_wallets(path).items():
        table.add_row(name, "coldkey", info["coldkey"] or "-")
        for hot, address in info["hotkeys"].items():
            table.add_row("", f"hotkey {hot}", address)
    out.print(table)


# ---- subnet -------------------------------------------------------------------
@subnet_app.command("create")
def subnet_create(wallet: str = WalletName, path: str = WalletPath, url: str = Url):
    """A new subnet owned by the wallet's coldkey (its lock is held)."""
    key = _coldkey(wallet, path)
    with _chain(url) as chain, _waiting("register_network"):
        netuid = Subnets(chain).register_network(key)
    out.print(f"subnet {netuid} created, owned by {key.ss58_address}")


@subnet_app.command("list")
def subnet_list(url: str = Url):
    """The live subnets."""
    with _chain(url) as chain:
        table = Table("netuid", "neurons", "tempo", "burn", "difficulty", "commit-reveal")
        for netuid in chain.subnets():
            hp = chain.hyperparameters(netuid)
            n = chain.substrate.query("Subnets", "SubnetN", [netuid]).value
            table.add_row(str(netuid), str(n), str(hp["tempo"]), tao(int(hp["burn"])), f"{int(hp['difficulty']):,}", "on" if hp["commit_reveal_enabled"] else "off")
    out.print(table)


@subnet_app.command("show")
def subnet_show(netuid: int, url: str = Url):
    """A subnet's hyperparameters."""
    with _chain(url) as chain:
        hp = chain.hyperparameters(netuid)
    table = Table("hyperparameter", "value", title=f"subnet {netuid}")
    for key, value in sorted(hp.items()):
        table.add_row(key, str(value))
    out.print(table)


# ---- register -----------------------------------------------------------------
@app.command()
def register(
    netuid: int,
    wallet: str = WalletName,
    hotkey: str = HotkeyName,
    pow: bool = typer.Option(False, "--pow", help="By proof of work instead of the burn."),
    path: str = WalletPath,
    url: str = Url,
):
    """Registers the wallet's hotkey on a subnet, by burn (default) or proof of work."""
    key = _coldkey(wallet, path)
    hot = wallets.hotkey(wallet, hotkey, path).ss58_address
    with _chain(url) as chain:
        subnets = Subnets(chain)
        if pow:
            with out.status("proof of work") as status:
                uid = subnets.register_pow(key, netuid, hot, progress=status.update)
        else:
            burn = int(chain.registration_info(netuid)["burn"])
            with _waiting(f"burned_register (burns {tao(burn)})"):
                uid = subnets.burned_register(key, netuid, hot)
    out.print(f"{hot} registered on subnet {netuid} as uid {uid}")


# ---- stake --------------------------------------------------------------------
def _hotkey_address(value: str, wallet: str, path: str) -> str:
    """An SS58 address as given, or the named hotkey of the wallet."""
    if len(value) > 40:
        return value
    return wallets.hotkey(wallet, value, path).ss58_address


def _rao(amount: str) -> int:
    """TAO as typed (``10``, ``0.5``) in rao, exactly: no float in between."""
    try:
        value = Decimal(amount) * RAO
    except InvalidOperation:
        value = Decimal(-1)
    if value != value.to_integral_value() or not 0 < value < 2**64:
        err.print(f"[red]not an amount of TAO: {amount!r} (more than 0, at most 9 decimals)[/red]")
        raise typer.Exit(2)
    return int(value)


def _stake(call: str, amount: str, hotkey: str, wallet: str, path: str, url: str) -> None:
    rao = _rao(amount)
    key = _coldkey(wallet, path)
    hot = _hotkey_address(hotkey, wallet, path)
    with _chain(url) as chain, _waiting(call):
        subnets = Subnets(chain)
        position = (subnets.add_stake if call == "add_stake" else subnets.remove_stake)(key, hot, rao)
    done = f"staked {tao(rao)} on" if call == "add_stake" else f"unstaked {tao(rao)} from"
    out.print(f"{done} {hot}: the position is {tao(position)}")


AmountArg = typer.Argument(..., help="TAO, up to 9 decimals.")
HotkeyOrAddress = typer.Option("default", "--hotkey", "-k", help="A hotkey of the wallet, or any hotkey's address.")


@stake_app.command("add")
def stake_add(amount: str = AmountArg, hotkey: str = HotkeyOrAddress, wallet: str = WalletName, path: str = WalletPath, url: str = Url):
    """Stakes TAO from the wallet's coldkey on a hotkey."""
    _stake("add_stake", amount, hotkey, wallet, path, url)


@stake_app.command("remove")
def stake_remove(amount: str = AmountArg, hotkey: str = HotkeyOrAddress, wallet: str = WalletName, path: str = WalletPath, url: str = Url):
    """Unstakes TAO from a hotkey back to the wallet's coldkey."""
    _stake("remove_stake", amount, hotkey, wallet, path, url)


@stake_app.command("list")
def stake_list(
    wallet: str = WalletName,
    coldkey: Optional[str] = typer.Option(None, "--coldkey", help="Any coldkey's address instead of the wallet's."),
    path: str = WalletPath,
    url: str = Url,
):
    """The stake positions of the wallet's coldkey (no password needed)."""
    address = coldkey or wallets.list_wallets(path).get(wallet, {}).get("coldkey")
    if not address:
        err.print(f"[red]no wallet {wallet!r} in {path}[/red]")
        raise typer.Exit(1)
    with _chain(url) as chain:
        positions = chain.positions(address)
        free = chain.balance(address)
    table = Table("hotkey", "stake", "of which owed rewards", title=f"{address} (free {tao(free)})")
    for p in positions:
        table.add_row(p["hotkey"], tao(int(p["amount"])), tao(int(p["owed"])))
    out.print(table)


# ---- metagraph ----------------------------------------------------------------
@app.command()
def metagraph(netuid: int, url: str = Url):
    """A subnet's metagraph as a table."""
    with _chain(url) as chain:
        graph = chain.metagraph(netuid)
    table = Table("uid", "hotkey", "stake", "rank", "trust", "consensus", "incentive", "dividends", "emission", "permit", "axon", title=f"subnet {netuid}")
    for uid in range(graph.n):
        axon = graph.axons[uid]
        table.add_row(
            str(uid),
            graph.hotkeys[uid][:12] + "…",
            tao(int(graph.stake[uid])),
            f"{graph.rank[uid]:.4f}",
            f"{graph.trust[uid]:.4f}",
            f"{graph.consensus[uid]:.4f}",
            f"{graph.incentive[uid]:.4f}",
            f"{graph.dividends[uid]:.4f}",
            tao(int(graph.emission[uid])),
            "yes" if graph.validator_permit[uid] else "",
            f"{axon['port']}" if axon else "",
        )
    out.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
