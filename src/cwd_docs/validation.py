"""Validating an input file against a document type: schema first, then the type's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from pydantic import BaseModel, ValidationError

from .doctype import DocumentType, Rule
from .loading import LoadedInput, LoadFailed, load_input
from .messages import translate_validation_error
from .problems import Problem, error, has_errors


@dataclass
class ValidationResult:
    """The outcome of validating one input: the model (when the schema accepted it) and all problems."""

    doc_type: DocumentType
    source: Path
    model: BaseModel | None = None
    problems: list[Problem] = field(default_factory=list)
    loaded: LoadedInput | None = None

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
        files = [self.source]
        if self.loaded is not None:
            files += self.loaded.included_files
        return files


def validate_file(doc_type: DocumentType, path: Path,
                  extra_rules: Sequence[tuple[str, Rule]] = ()) -> ValidationResult:
    result = ValidationResult(doc_type=doc_type, source=Path(path))
    try:
        result.loaded = load_input(Path(path), doc_type.include_keys)
    except LoadFailed as exc:
        result.problems = exc.problems
        return result
    model, problems = validate_data(doc_type, result.loaded.data, base_dir=Path(path).parent,
                                    extra_rules=extra_rules)
    result.model = model
    result.problems = result.loaded.locate(problems)
    return result


def validate_data(doc_type: DocumentType, data: Any, base_dir: Path | None = None,
                  extra_rules: Sequence[tuple[str, Rule]] = ()) -> tuple[BaseModel | None, list[Problem]]:
    """Schema, then (only if the schema passed) every rule; problems carry data paths only.

    base_dir is where relative paths in the data (images) are looked up: the input's folder.
    """
    try:
        model = doc_type.input_model.model_validate(data, context={"base_dir": base_dir or Path.cwd()})
    except ValidationError as exc:
        return None, translate_validation_error(exc, doc_type.input_model, data)
    problems: list[Problem] = []
    rules = [(doc_type.plugin, rule) for rule in doc_type.rules] + list(extra_rules)
    for plugin, rule in rules:
        try:
            found = rule(model)
            if not isinstance(found, list) or not all(isinstance(p, Problem) for p in found):
                raise TypeError("reguła musi zwracać listę obiektów Problem")
            problems.extend(found)
        except Exception as exc:
            problems.append(error(
                "plugin.rule_failed",
                f"reguła {getattr(rule, '__name__', rule)!r} wtyczki {plugin!r} zgłosiła błąd: "
                f"{type(exc).__name__}: {exc}"))
    return model, problems
