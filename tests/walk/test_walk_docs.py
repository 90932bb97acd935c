"""docs/commands/: a page per command, and every option a command accepts is documented there."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

import pytest

from pymodpost.cli.main import COMMANDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "commands"
SCRIPTS = ("pymodpost-modpost", "pymodpost-ld")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_on_the_commands_page(name):
    page = DOCS / f"{name}.md"
    assert page.is_file(), f"no docs/commands/{name}.md"
    text = page.read_text()
    parser = argparse.ArgumentParser()
    importlib.import_module(COMMANDS[name][0]).add_arguments(parser)
    # each option is named on the page by one of its spellings (-F or --field)
    options = [action.option_strings for action in parser._actions
               if action.option_strings and "--help" not in action.option_strings]
    missing = [spellings[-1] for spellings in options if not any(f"`{s}" in text for s in spellings)]
    assert not missing, f"{page.name} does not mention {missing}"


def test_index_links_every_page():
    index = (DOCS / "README.md").read_text()
    for name in (*COMMANDS, *SCRIPTS):
        assert f"]({name}.md)" in index
        assert (DOCS / f"{name}.md").is_file()
