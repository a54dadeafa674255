"""The drill in docs/moving-hosts.md names commands and options that exist, spelled as they are."""

import re
from pathlib import Path

from django.core.management import get_commands, load_command_class

DOC = Path(__file__).resolve().parents[2] / "docs" / "moving-hosts.md"


def test_every_tribune_command_in_the_drill_exists_with_its_options() -> None:
    text = DOC.read_text()
    uses = re.findall(r"tribune (backup|restore|doctor|export|import_csv)((?: [^\s`|]+)*)", text)
    assert len(uses) >= 8
    commands = get_commands()
    for name, rest in uses:
        parser = load_command_class(commands[name], name).create_parser("tribune", name)
        known = {option for action in parser._actions for option in action.option_strings}
        for flag in re.findall(r"(--[a-z-]+)", rest):
            assert flag in known, f"tribune {name} has no {flag} (docs/moving-hosts.md)"
    assert "tribune backup verify" in text and "tribune restore" in text and "tribune doctor" in text


def test_the_drill_names_files_that_exist() -> None:
    root = DOC.parents[1]
    for path in set(re.findall(r"`?(deploy/[\w./-]+)", DOC.read_text())):
        assert (root / path.rstrip(".")).exists(), path
