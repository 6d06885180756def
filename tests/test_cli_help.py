"""``hfaug COMMAND --help``: every command says what it does."""

from __future__ import annotations

import argparse

import pytest

from hfaug.cli.main import build_parser


def subcommands() -> dict[str, argparse.ArgumentParser]:
    actions = [action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction)]
    return dict(actions[0].choices)


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_has_a_description(command):
    assert subcommands()[command].description
