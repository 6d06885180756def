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


@pytest.mark.parametrize(
    ("argv", "argument"),
    [
        (["apply", "recipe.yaml", "--dataset", "", "--out", "out"], "--dataset/-d"),
        (["apply", "recipe.yaml", "--dataset", "rows.jsonl", "--out", ""], "--out/-o"),  # wrote into the current folder
        (["show", " "], "DIR|REPO"),
        (["preview", ""], "DIR"),
        (["push", "", "me/reviews"], "DIR"),
        (["push", "out", ""], "REPO_ID"),
    ],
)
def test_an_empty_path_or_name_is_refused_before_any_work(argv, argument, capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(argv)
    empty = argv[argv.index("") if "" in argv else argv.index(" ")]
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"hfaug {argv[0]}: error: argument {argument}: is empty ({empty!r}: an unset shell variable?); pass a path or name"
    )
