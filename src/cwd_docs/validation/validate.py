"""Validating an input file against a document type: schema first, then the type's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..doctype import DocumentType, Rule
from ..loading import InputSession, validate_schema
from ..problems import Problem, has_errors, sort_problems


@dataclass
class ValidationResult:
    """The outcome of validating one input: the model (when the schema accepted it) and all problems."""

    doc_type: DocumentType
    source: Path | None  # None: data given in memory
    model: Any = None
    problems: list[Problem] = field(default_factory=list)
    included_files: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.problems = sort_problems(self.problems)

    @property
    def ok(self) -> bool:
        return self.model is not None and not has_errors(self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def input_files(self) -> list[Path]:
        """Every file the document is made from: the data file, the files it includes, the images."""
        files = ([self.source] if self.source is not None else []) + self.included_files
        return files + model_files(self.model)


def model_files(model: Any) -> list[Path]:
    """The files a validated model names (images and any other path field), each once."""
    return list(dict.fromkeys(value for value in walk_values(model) if isinstance(value, Path)))


def walk_values(model: Any) -> Iterator[Any]:
    """Every value inside a model: its fields, their items, the models they hold (each once)."""
    from pydantic import BaseModel

    seen: set[int] = set()
    pending = [model]
    while pending:
        value = pending.pop()
        if not isinstance(value, (BaseModel, list, tuple, set, frozenset, dict)):
            yield value
        else:
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, BaseModel):
                pending.extend(value.__dict__.values())
            elif isinstance(value, dict):
                pending.extend(value.values())
            else:
                pending.extend(value)


def type_rules(doc_type: DocumentType, extra_rules: Sequence[tuple[str, Rule]] = ()) -> list[tuple[str, Rule]]:
    """The type's own rules, then those other plugins added to it, each with the plugin to blame."""
    return [(doc_type.plugin, rule) for rule in doc_type.rules] + list(extra_rules)


def validate_file(doc_type: DocumentType, path: Path, extra_rules: Sequence[tuple[str, Rule]] = (),
                  session: InputSession | None = None) -> ValidationResult:
    session = session or InputSession()
    unit = session.check(Path(path), doc_type.input_model, doc_type.include_keys, type_rules(doc_type, extra_rules))
    return ValidationResult(doc_type=doc_type, source=Path(path), model=unit.model, problems=list(session.problems),
                            included_files=unit.included_files)


def validate_data(doc_type: DocumentType, data: Any, base_dir: Path | None = None,
                  extra_rules: Sequence[tuple[str, Rule]] = ()) -> tuple[Any, list[Problem]]:
    """Schema, then (only if the schema passed) every rule; problems carry data paths only.

    base_dir is where relative paths in the data (images) are looked up: the input's folder.
    """
    model, problems = validate_schema(doc_type.input_model, data, base_dir)
    if model is None:
        return None, problems
    return model, InputSession().run_rules(model, type_rules(doc_type, extra_rules))
