"""What a plugin provides to define one document type."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:  # keep pydantic off the start-up path of the CLI
    from pydantic import BaseModel

    from .problems import Problem

Rule = Callable[[Any], "list[Problem]"]
ContextBuilder = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class Lazy:
    """"module:attribute", imported on first use: keeps heavy schemas off the start-up path.

    `list` and `--help` then never import pydantic models of types they do not use.
    """

    target: str

    def resolve(self) -> Any:
        from importlib import import_module

        module, _, attribute = self.target.partition(":")
        return getattr(import_module(module), attribute)


LAZY_FIELDS = ("input_model", "build_context", "rules")


@dataclass(frozen=True)
class DocumentType:
    """A document type: its schema, rules, template and example, registered by a plugin.

    name          machine name used on the command line (`feasibility`)
    title         Polish title shown to users (`Wstępna analiza wykonalności`)
    input_model   pydantic model of the whole input file
                  (input_model, build_context and rules may be given as Lazy("module:attr"))
    template      path of the DOCX template (docxtpl/Jinja)
    build_context turns a validated input model into the template's context
    example       path of a valid, commented example input (what `init` writes)
    rules         functions of the validated model returning Problems with data paths
    include_keys  top-level keys whose string value names another file to read in
                  (a project file's `partnership: partnerstwo.yaml`)
    example_assets files the example refers to (maps); `init` copies them beside its output,
                  keeping their path relative to the example
    """

    name: str
    title: str
    input_model: "type[BaseModel]"
    template: Path
    build_context: ContextBuilder
    example: Path
    rules: Sequence[Rule] = ()
    include_keys: tuple[str, ...] = ()
    example_assets: tuple[Path, ...] = ()
    description: str = ""
    plugin: str = field(default="", compare=False)

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name in LAZY_FIELDS and isinstance(value, Lazy):
            try:
                value = value.resolve()
            except Exception as exc:
                from .problems import PluginError

                owner = object.__getattribute__(self, "plugin") or object.__getattribute__(self, "name")
                raise PluginError(f"wtyczka {owner!r} nie daje się wczytać ({value.target}): "
                                  f"{type(exc).__name__}: {exc}") from exc
            object.__setattr__(self, name, value)
        return value

    def owned_by(self, plugin: str) -> "DocumentType":
        """A copy naming the plugin that registered it, without resolving lazy fields."""
        values = {f.name: object.__getattribute__(self, f.name) for f in fields(self)}
        values["plugin"] = plugin
        return DocumentType(**values)
