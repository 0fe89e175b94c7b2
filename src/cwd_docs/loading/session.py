"""Reading and validating input files for one command: each file once, each rule once per object.

A project file names its partnership file (`partnership: partnerstwo.yaml`); a strategy file names
the partnership and its project files. In one session (a build, or a whole package):

- every file is read and parsed once;
- every included file is validated once, as a *unit*, against the model of the field that names it
  (the partnership file against `Partnership`), and the including file gets the validated object;
  a unit's problems are located in its own file and reported once, however many files include it;
- every rule runs once per object it checks (a `Scoped` rule on a shared partnership runs once).

So nothing needs de-duplicating afterwards: a problem has exactly one owner.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..doctype import Rule, Scoped
from ..problems import DataPath, Problem, error, quoted
from .limits import InputBudget, count_values
from .paths import escapes, outside_message, real_path
from .workbook import WORKBOOK_KEY
from .reader import MAX_FILE_BYTES, LoadedInput, LoadFailed, Position, locate, position_of, read_data_file

NOT_A_MAPPING = "plik musi zawierać słownik pól (klucz: wartość) na najwyższym poziomie"


@dataclass
class Unit:
    """One file validated against one model (with the units it includes)."""

    source: Path | None  # None: data given in memory
    base_dir: Path | None = None  # where names of included files and images are looked up
    root: Path | None = None  # the folder they must lie in (that of the file given to the command)
    model: Any = None  # the validated pydantic object, or None when the file has errors
    data: Any = None  # plain data, included units' objects (or data) in place
    positions: dict[DataPath, Position] = field(default_factory=dict)  # relative to this file's root
    included_files: list[Path] = field(default_factory=list)
    load_failed: bool = False
    reported: list[DataPath] = field(default_factory=list)  # told already (a workbook's cell): not again


@dataclass(frozen=True)
class PackageInput:
    """How the session validates a file that is itself an input of the package."""

    model: type
    include_keys: tuple[str, ...]


class InputSession:
    """Files read, units validated and rules run in one command; `problems` holds each problem once."""

    def __init__(self, package_inputs: dict[Path, PackageInput] | None = None) -> None:
        self._files: dict[Path, tuple[Any, dict[DataPath, Position]] | LoadFailed] = {}
        self._units: dict[tuple[Path, type | None], Unit] = {}
        self._rules_done: dict[tuple[int, int], Any] = {}
        self._package_inputs = {real_path(path): spec for path, spec in (package_inputs or {}).items()}
        self._budget = InputBudget()  # limits over all files of the session (limits.py)
        self.problems: list[Problem] = []

    def continued(self, package_inputs: dict[Path, PackageInput]) -> "InputSession":
        """The same files already read, now validating the given package inputs as such."""
        session = InputSession(package_inputs)
        session._files = self._files
        session._budget = self._budget
        session.problems = list(self.problems)
        return session

    # --- reading ------------------------------------------------------------------------------------

    def read(self, path: Path, prefix: DataPath = ()) -> tuple[Any, dict[DataPath, Position]]:
        """Plain data and positions of one file, parsed once per session; raises LoadFailed."""
        key = real_path(path)
        cached = self._files.get(key)
        if cached is None:
            try:
                cached = self._files[key] = self._read_within_budget(path)
            except LoadFailed as exc:
                cached = self._files[key] = exc
        if isinstance(cached, LoadFailed):
            raise cached
        data, positions = cached
        if isinstance(data, dict):
            data = dict(data)  # includes replace top-level values; the cached data stays as read
        return data, _prefixed(positions, prefix) if prefix else positions

    def load_plain(self, path: Path, include_keys: Iterable[str] = ()) -> LoadedInput:
        """Plain data with included files' data in place (no validation); raises LoadFailed."""
        unit = self._unit(Path(path), None, tuple(include_keys), (), ())
        if unit.load_failed:
            raise LoadFailed(self._take_problems())
        return LoadedInput(data=unit.data, source=Path(path), positions=unit.positions,
                           included_files=unit.included_files)

    # --- validating ---------------------------------------------------------------------------------

    def check(self, path: Path, model: type, include_keys: Sequence[str], rules: Sequence[tuple[str, Rule]]
              ) -> Unit:
        """Validate an input file against its model, then (if the schema passed) run the rules."""
        unit = self._unit(Path(path), model, tuple(include_keys), (), ())
        if unit.model is not None:
            found = self.run_rules(unit.model, rules)
            self.problems.extend(locate(found, unit.positions, unit.source))
        return unit

    def check_part(self, path: Path, model: type, key: str, include_keys: Sequence[str],
                   rules: Sequence[tuple[str, Rule]]) -> Unit:
        """An included file by itself, as the field `key` would read it (the object, or `key:` and the object)."""
        unit = self._unit(Path(path), model, tuple(include_keys), (), (), include_key=key)
        if not unit.load_failed and unit.model is None and not isinstance(unit.data, dict):
            self.problems.append(error("input.not_mapping", NOT_A_MAPPING).located(str(path), 1, 1))
        if unit.model is not None:
            self.problems.extend(locate(self.run_rules(unit.model, rules), unit.positions, unit.source))
        return unit

    def run_rules(self, model: Any, rules: Sequence[tuple[str, Rule]]) -> list[Problem]:
        """Every rule on what it checks, once per object in this session; paths from the model's root."""
        problems: list[Problem] = []
        for plugin, rule in rules:
            scope = rule if isinstance(rule, Scoped) else Scoped((), rule)
            for prefix, target in scope.targets(model):
                key = (id(scope.rule), id(target))
                if key in self._rules_done:
                    continue
                self._rules_done[key] = target  # kept alive so that its id is not reused
                problems.extend(p.with_prefix(prefix) for p in _call_rule(plugin, scope.rule, target))
        from .messages import name_items

        return name_items(problems, model)

    def check_data(self, data: Any, model: type, include_keys: Sequence[str], rules: Sequence[tuple[str, Rule]],
                   base_dir: Path | None = None) -> Unit:
        """Validate data given in memory (what a file would hold); names of included files, if any, are
        looked up in base_dir. Problems carry data paths; those inside included files also their place."""
        unit = Unit(source=None, base_dir=base_dir, root=base_dir)
        if not isinstance(data, dict):
            unit.load_failed = True
            self.problems.append(error("input.not_mapping", "dane muszą być słownikiem pól (klucz: wartość)"))
            return unit
        self._validate(unit, dict(data), {}, model, tuple(include_keys), (), ())
        if unit.model is not None:
            self.problems.extend(locate(self.run_rules(unit.model, rules), unit.positions, None))
        return unit

    def check_model(self, model: Any, rules: Sequence[tuple[str, Rule]]) -> Unit:
        """Run the rules on an input model built in code (its schema was checked when it was built)."""
        unit = Unit(source=None, model=model)
        self.problems.extend(self.run_rules(model, rules))
        return unit

    def _unit(self, path: Path, model: type | None, include_keys: tuple[str, ...], where: DataPath,
              chain: tuple[Path, ...], include_key: str | None = None, root: Path | None = None) -> Unit:
        resolved = real_path(path)
        spec = self._package_inputs.get(resolved)
        if spec is not None and (model is None or issubclass(spec.model, model)):
            model, include_keys, where = spec.model, spec.include_keys, ()
        cached = self._units.get((resolved, model))
        if cached is not None:
            return cached
        unit = self._units[(resolved, model)] = Unit(source=path, base_dir=path.parent, root=root or path.parent)
        try:
            data, positions = self.read(path)
        except LoadFailed as exc:
            unit.load_failed = True
            self.problems.extend(exc.problems)
            return unit
        if include_key is not None and isinstance(data, dict) and set(data) == {include_key}:
            # An included file may hold the object itself or a mapping with that single key.
            data = data[include_key]
            positions = {(p[1:] if p and p[0] == include_key else p): v for p, v in positions.items()}
        elif include_key is None and not isinstance(data, dict):
            unit.load_failed = True
            self.problems.append(error("input.not_mapping", NOT_A_MAPPING).located(str(path), 1, 1))
            return unit
        if isinstance(data, dict) and WORKBOOK_KEY in data:
            data, positions = self._with_workbook(unit, data, positions, path, model)
            if unit.load_failed:
                return unit
        self._validate(unit, data, positions, model, include_keys, where, chain + (resolved,))
        return unit

    def _with_workbook(self, unit: Unit, data: dict, positions: dict[DataPath, Position], path: Path,
                       model: type | None) -> tuple[dict, dict[DataPath, Position]]:
        """The lists the file's workbook holds, in place (workbook.py); its problems told at their cells."""
        from .workbook import apply_workbook

        data, positions, found, reported, workbook = apply_workbook(data, positions, path, model, unit.root)
        if workbook is not None:
            unit.included_files.append(workbook)  # `watch` rebuilds when the workbook is saved
        self.problems.extend(found)
        unit.reported = reported
        if any(p.code in ("workbook.unreadable", "workbook.name", "input.outside") for p in found):
            unit.load_failed = True
        return data, positions

    def _validate(self, unit: Unit, data: Any, positions: dict[DataPath, Position], model: type | None,
                  include_keys: tuple[str, ...], where: DataPath, chain: tuple[Path, ...]) -> None:
        unit.data, unit.positions = data, positions
        owned_elsewhere: list[DataPath] = []
        if isinstance(data, dict) and include_keys:
            self._include(unit, model, include_keys, where, chain, owned_elsewhere)
        if unit.load_failed or model is None:
            return
        unit.model, problems = validate_schema(model, unit.data, base_dir=unit.base_dir, root=unit.root,
                                               budget=self._budget)
        owned_elsewhere += unit.reported
        own = [p for p in problems if not any(p.path[:len(o)] == o for o in owned_elsewhere)]
        self.problems.extend(locate((p.with_prefix(where) for p in own), _prefixed(unit.positions, where),
                                     unit.source))

    def _include(self, unit: Unit, model: type | None, include_keys: tuple[str, ...], where: DataPath,
                 chain: tuple[Path, ...], owned_elsewhere: list[DataPath]) -> None:
        for key in include_keys:
            reference = unit.data.get(key)
            if isinstance(reference, str):
                targets: list[tuple[DataPath, str]] = [((key,), reference)]
            elif isinstance(reference, list) and reference and all(isinstance(r, str) for r in reference):
                targets = [((key, index), name) for index, name in enumerate(reference)]
            else:
                continue
            if not self._includes_fit(unit, key, len(targets), where):
                continue
            field_model = _field_model(model, key)
            values = []
            for relative, name in targets:
                at = where + relative
                if unit.base_dir is None:
                    self.problems.append(error(
                        "input.include", f"nie można wczytać pliku {quoted(name)} wskazanego w polu {key!r}: dane podano "
                        "w pamięci bez katalogu, w którym go szukać (podaj base_dir albo dane zamiast nazwy pliku)", at))
                    unit.load_failed = True
                    continue
                included_path = unit.base_dir / name
                if escapes(included_path, unit.root):
                    self._reference_problem(unit, relative, error(
                        "input.outside", outside_message(quoted(name), unit.root), at))  # type: ignore[arg-type]
                    unit.load_failed = True
                    continue
                if real_path(included_path) in chain:
                    self._reference_problem(unit, relative, error(
                        "input.include_cycle", f"plik {quoted(name)} wczytuje sam siebie (pośrednio lub bezpośrednio)", at))
                    unit.load_failed = True
                    continue
                if not self._file_fits(unit, relative, included_path, at):
                    continue
                before = len(self.problems)
                included = self._unit(included_path, field_model, include_keys, at, chain, include_key=key,
                                      root=unit.root)
                if included.load_failed and included.data is None:
                    # Problems without a line (missing file, a directory, wrong size) are told at the
                    # reference, before the problems inside the file it names, which keep their place.
                    new = self.problems[before:]
                    del self.problems[before:]
                    reason = "; ".join(p.message for p in new if p.line is None)
                    self._reference_problem(unit, relative, error(
                        "input.include",
                        f"nie można wczytać pliku {quoted(name)} wskazanego w polu {key!r}" + (f": {reason}" if reason else ""),
                        at))
                    self.problems.extend(p for p in new if p.line is not None)
                    unit.load_failed = True
                    continue
                if included.load_failed:
                    unit.load_failed = True
                if not self._values_fit(unit, relative, included, at):
                    continue
                # A problem about the reference itself (this file listed twice) is told where it is written;
                # everything inside the included data keeps its place in the included file.
                reference_position = unit.positions.get(relative)
                unit.positions.update(_prefixed(included.positions, relative))
                if reference_position is not None:
                    unit.positions[relative] = reference_position
                unit.included_files.extend([included.source] + included.included_files)
                if included.model is None:
                    owned_elsewhere.append(relative)
                values.append(included.model if included.model is not None else included.data)
            if len(values) == len(targets):
                unit.data[key] = values[0] if isinstance(reference, str) else values

    # --- limits over the whole input set (limits.py) ---------------------------------------------------

    def _read_within_budget(self, path: Path) -> tuple[Any, dict[DataPath, Position]]:
        """A file read, if its bytes and values still fit in the session's budget (else LoadFailed).

        Once a limit is passed, no further file is read at all (a folder of many files costs nothing more)."""
        if self._budget.spent():
            raise LoadFailed([])  # the limit was told at the file that reached it; the command fails
        size = _size(path)  # a file over the limit of one file is refused by the reader, with that limit
        fits, problem = self._budget.charge_bytes(size if size <= MAX_FILE_BYTES else 0)
        read = read_data_file(path) if fits else None
        if read is not None:
            fits, problem = self._budget.charge_values(count_values(read[0]))
        if not fits:  # told once, at the first file over the limit
            raise LoadFailed([problem.located(str(path), None, None)] if problem else [])
        return read

    def _includes_fit(self, unit: Unit, key: str, count: int, where: DataPath) -> bool:
        """Whether count more references to files fit; when not, the unit fails (told once, at the key)."""
        fits, problem = self._budget.charge_includes(count, where + (key,))
        if not fits:
            unit.load_failed = True
            if problem is not None:
                self._reference_problem(unit, (key,), problem)
        return fits

    def _file_fits(self, unit: Unit, relative: DataPath, path: Path, at: DataPath) -> bool:
        """Whether reading a file named at relative keeps the session within its values (told at the reference)."""
        try:
            self.read(path)
        except LoadFailed as exc:
            over = [p for p in exc.problems if p.code in ("input.too_many_values_total", "input.too_large_total")]
            if over or not exc.problems:  # the limit, told here, or told already at the file that reached it
                unit.load_failed = True
                for problem in over:
                    self._reference_problem(unit, relative, error(problem.code, problem.message, at))
                return False
        return True

    def _values_fit(self, unit: Unit, relative: DataPath, included: Unit, at: DataPath) -> bool:
        """Whether an included file's values still fit: its first inclusion was counted when it was read,
        every further one (the same project listed again, the partnership of the next project) counts again."""
        if id(included) not in self._budget.included_units:
            self._budget.included_units.add(id(included))
            return True
        fits, problem = self._budget.charge_values(len(included.positions), at)
        if not fits:
            unit.load_failed = True
            if problem is not None:
                self._reference_problem(unit, relative, problem)
        return fits

    def _reference_problem(self, unit: Unit, relative: DataPath, problem: Problem) -> None:
        position = position_of(unit.positions, relative)
        self.problems.append(problem.located(position.file, position.line, position.column) if position else problem)

    def _take_problems(self) -> list[Problem]:
        problems, self.problems = self.problems, []
        return problems


def validate_schema(model: type, data: Any, base_dir: Path | None = None, root: Path | None = None,
                    budget: InputBudget | None = None) -> tuple[Any, list[Problem]]:
    """The data against the pydantic model: the object, or None and the problems (paths from the data's root).

    Images are looked up in base_dir and must lie in root (by default base_dir; with neither, data built
    in code, anywhere), see loading.paths. budget: the session's limits over all files (images add up
    across the files of one command)."""
    from pydantic import ValidationError

    from .messages import name_items, translate_validation_error

    context = {"base_dir": base_dir or Path.cwd(), "root": root or base_dir,
               "input_budget": budget or InputBudget()}
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        return None, name_items(translate_validation_error(exc, model, data), data)


def _call_rule(plugin: str, rule: Any, target: Any) -> list[Problem]:
    try:
        found = rule(target)
        if not isinstance(found, list) or not all(isinstance(p, Problem) for p in found):
            raise TypeError("reguła musi zwracać listę obiektów Problem")
        return found
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() in a rule is the rule's failure
        return [error("plugin.rule_failed",
                      f"reguła {getattr(rule, '__name__', rule)!r} wtyczki {plugin!r} zgłosiła błąd: "
                      f"{type(exc).__name__}: {exc}")]


def _field_model(model: type | None, key: str) -> type | None:
    """The pydantic model a field holds (`Partnership`, or the item of `list[ProjectFile]`), if any."""
    from pydantic import BaseModel

    from .messages import _unwrap

    fields = getattr(model, "model_fields", None)
    if not fields or key not in fields:
        return None
    annotation = _unwrap(fields[key].annotation)
    if typing.get_origin(annotation) is list and typing.get_args(annotation):
        annotation = _unwrap(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _prefixed(positions: dict[DataPath, Position], prefix: DataPath) -> dict[DataPath, Position]:
    return {prefix + path: position for path, position in positions.items()}


def load_input(path: Path, include_keys: Iterable[str] = ()) -> LoadedInput:
    """Load an input file as plain data; a key in include_keys may name other files to read in.

    `partnership: partnerstwo.yaml` in a project file reads the partnership from that file, and
    `projects: [projekt-p01.yaml, ...]` in a strategy file reads each project (with its own
    partnership reference resolved the same way). Paths are relative to the file naming them.
    An included file may hold the object itself or a mapping with that single key.
    """
    return InputSession().load_plain(Path(path), include_keys)
