"""The README's command table and filter list say what the CLI and the renderer really have."""

import argparse
import re

from cwd_docs.cli.main import COMMANDS, build_parser
from cwd_docs.rendering.environment import FILTERS
from cwd_docs.registry.plugin_manager import get_registry
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_table() -> dict[str, str]:
    start = README.index("| command | what it does |")
    rows = {}
    for line in README[start:].splitlines()[2:]:
        if not line.startswith("| `"):
            break
        usage = re.match(r"\| `([^`]+)`", line).group(1)
        rows[usage.split()[0]] = usage
    return rows


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_command_table_lists_every_command_and_only_those():
    assert set(command_table()) == set(subcommands()) == set(COMMANDS)


def test_each_command_row_shows_the_commands_options():
    for name, usage in command_table().items():
        parser = subcommands()[name]
        documented = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage))
        options = [a for a in parser._actions if a.option_strings and "--help" not in a.option_strings]
        for action in options:
            assert documented & set(action.option_strings), f"{name}: {action.option_strings} not in the README"
        known = {s for a in options for s in a.option_strings}
        assert documented <= known, f"{name}: README shows {documented - known}, which the command does not have"


def test_filter_list_is_the_registered_filters():
    sentence = README[README.index("Filters: "):]
    sentence = sentence[:sentence.index(".\n")]
    listed = {name for name in re.findall(r"`([a-z_]+)[`(]", sentence)}
    registered = set(FILTERS) | set(get_registry().filters)
    assert listed == registered


def test_plugin_guide_documents_every_field_of_a_document_type_and_a_package_role():
    from dataclasses import fields

    from cwd_docs import DocumentType, PackageRole

    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for field in fields(DocumentType):
        if field.name != "plugin":  # set by the registry
            assert f"| `{field.name}` |" in guide, field.name
    for field in fields(PackageRole):
        assert re.search(rf"\b{field.name}=", guide), field.name
