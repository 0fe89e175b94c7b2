"""What a plugin provides to define one document type."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

if TYPE_CHECKING:  # keep pydantic off the start-up path of the CLI
    from pydantic import BaseModel

    from .problems import Problem

ContextBuilder = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class Scoped:
    """A rule for one part of the input, e.g. `Scoped(("partnership",), partnership_rules)`.

    `path` names attributes of the validated model; "*" stands for each item of a list. The rule
    gets that part and returns problems with paths inside it; they are reported from the whole
    input's root. A part shared by several inputs (one partnership file read by every project of a
    package) is the same object in all of them, and a rule runs once per object, so it is checked
    once and each problem is reported once.
    """

    path: tuple[str, ...]
    rule: Callable[[Any], "list[Problem]"]

    @property
    def __name__(self) -> str:  # named like the rule in messages about a failing rule
        return getattr(self.rule, "__name__", repr(self.rule))

    def targets(self, model: Any) -> "list[tuple[tuple[str | int, ...], Any]]":
        """(data path, object) of every part the rule checks."""
        found: list[tuple[tuple[str | int, ...], Any]] = [((), model)]
        for step in self.path:
            deeper: list[tuple[tuple[str | int, ...], Any]] = []
            for prefix, value in found:
                if step == "*":
                    deeper += [(prefix + (index,), item) for index, item in enumerate(value or ())]
                elif getattr(value, step, None) is not None:
                    deeper.append((prefix + (step,), getattr(value, step)))
            found = deeper
        return found

    def __call__(self, model: Any) -> "list[Problem]":
        return [problem.with_prefix(prefix) for prefix, target in self.targets(model) for problem in self.rule(target)]


Rule = Callable[[Any], "list[Problem]"]
"""A validation rule: the validated input model -> problems with data paths (or a Scoped rule)."""


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
class PackageRole:
    """How a document type takes part in a partnership package (`cwd-docs package KATALOG`).

    reads          whether an input file makes this document: a function of the file's top-level
                   data (a mapping), e.g. `lambda data: "project" in data`
    file_name      the document's file name without `.docx`, from the validated model (the core
                   makes it safe for a file system and unique in the package)
    label          short prefix of its page labels in the combined PDF ("P-01 analiza")
    title          its bookmark in the combined PDF and its line on the package cover
    section        documents sort by section first (lower first), then by input file name...
    order          ...then by order, for several documents made from one file
    choice         types that are alternatives for the same file (the strategy kinds) share a choice
                   name; the package makes the one chosen with `--variant`, or the `default` one

    The input models of package documents carry the shared `partnership` and `document` models
    (`cwd_docs.domain`): the cover of the combined PDF is made from them.
    """

    reads: Callable[[Mapping[str, Any]], bool]
    file_name: Callable[[Any], str]
    label: Callable[[Any], str]
    title: Callable[[Any], str]
    section: int = 50
    order: int = 0
    choice: str = ""
    default: bool = False


@dataclass(frozen=True)
class DocumentType:
    """A document type: its schema, rules, template and example, registered by a plugin.

    name          machine name used on the command line (`notatka`)
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
    package       how the type joins a partnership package (PackageRole), or None: not in packages
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
    package: PackageRole | None = None
    plugin: str = field(default="", compare=False)

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name in LAZY_FIELDS and isinstance(value, Lazy):
            try:
                value = value.resolve()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # sys.exit() at a plugin's import is its failure, not ours
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
