"""Loading plugins (built-in and from the `cwd_docs` entry-point group) and their document types."""

from __future__ import annotations

import functools
import importlib
import os
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any, Callable

import pluggy

from . import hookspecs
from .doctype import DocumentType, Rule

ENTRY_POINT_GROUP = "cwd_docs"
BLOCK_ENV = "CWD_DOCS_BLOCK_PLUGINS"
DEFAULT_PLUGINS = (
    "cwd_docs.plugins.feasibility",
    "cwd_docs.plugins.schedule",
    "cwd_docs.plugins.application_outline",
    "cwd_docs.plugins.strategies",
)


@dataclass
class Registry:
    """The document types known to this process, and the warnings met while loading them."""

    types: dict[str, DocumentType] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    plugin_versions: dict[str, str] = field(default_factory=dict)
    filters: dict[str, Callable[..., Any]] = field(default_factory=dict)
    filter_owners: dict[str, str] = field(default_factory=dict)
    extra_rules: dict[str, list[tuple[str, Rule]]] = field(default_factory=dict)

    def add_filter(self, name: str, function: Callable[..., Any], plugin: str) -> None:
        from .formatting import FILTERS

        if not callable(function) or not isinstance(name, str) or not name.isidentifier():
            self.warnings.append(f"wtyczka {plugin!r} zarejestrowała niepoprawny filtr {name!r}")
        elif name in FILTERS or name in self.filters:
            owner = self.filter_owners.get(name, "cwd_docs")
            self.warnings.append(f"filtr {name!r} z wtyczki {plugin!r} pominięto: tę nazwę ma już {owner!r}")
        else:
            self.filters[name] = function
            self.filter_owners[name] = plugin

    def add_rule(self, type_name: str, rule: Rule, plugin: str) -> None:
        if type_name not in self.types:
            self.warnings.append(f"wtyczka {plugin!r} dodała regułę do nieznanego typu dokumentu {type_name!r}")
        elif not callable(rule):
            self.warnings.append(f"wtyczka {plugin!r} zarejestrowała regułę, która nie jest funkcją")
        else:
            self.extra_rules.setdefault(type_name, []).append((plugin, rule))

    def add(self, doc_type: DocumentType, plugin: str) -> None:
        if not isinstance(doc_type, DocumentType):
            self.warnings.append(f"wtyczka {plugin!r} zarejestrowała obiekt, który nie jest typem dokumentu")
            return
        existing = self.types.get(doc_type.name)
        if existing is not None:
            self.warnings.append(
                f"typ dokumentu {doc_type.name!r} z wtyczki {plugin!r} pominięto: "
                f"ten typ dostarcza już wtyczka {existing.plugin!r}")
            return
        self.types[doc_type.name] = doc_type.owned_by(plugin)

    def get(self, name: str) -> DocumentType | None:
        return self.types.get(name)


def blocked_plugins() -> set[str]:
    return {name.strip() for name in os.environ.get(BLOCK_ENV, "").split(",") if name.strip()}


def _plugin_name(module: ModuleType) -> str:
    return module.__name__


def create_plugin_manager(extra_plugins: tuple[object, ...] = (), use_entry_points: bool = True
                          ) -> tuple[pluggy.PluginManager, list[str]]:
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    warnings: list[str] = []
    blocked = blocked_plugins()
    for module_name in DEFAULT_PLUGINS:
        if module_name in blocked:
            continue
        pm.register(importlib.import_module(module_name), name=module_name)
    if use_entry_points:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name in blocked or pm.has_plugin(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
                if getattr(ep, "dist", None) is not None:
                    VERSIONS[ep.name] = f"{ep.dist.name} {ep.dist.version}"
            except Exception as exc:  # a broken plugin must not take the others down
                warnings.append(f"nie wczytano wtyczki {ep.name!r} ({ep.value}): {type(exc).__name__}: {exc}")
    for plugin in extra_plugins:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        warnings.append(f"wtyczka {exc.plugin!r} implementuje nieznany hook: {exc}")
    return pm, warnings


def collect_document_types(pm: pluggy.PluginManager, warnings: list[str],
                           versions: dict[str, str] | None = None) -> Registry:
    versions = versions or {}
    registry = Registry(warnings=list(warnings))
    # Call each implementation on its own so that one failing plugin is named and skipped.
    for impl in pm.hook.register_document_types.get_hookimpls():
        plugin_name = impl.plugin_name
        try:
            impl.function(register=lambda doc_type, _p=plugin_name: registry.add(doc_type, _p))
        except Exception as exc:
            registry.warnings.append(
                f"wtyczka {plugin_name!r} zgłosiła błąd podczas rejestracji typów dokumentów: "
                f"{type(exc).__name__}: {exc}")
    _call_each(pm.hook.register_filters, registry, "filtrów",
               lambda plugin: (lambda name, function: registry.add_filter(name, function, plugin)))
    _call_each(pm.hook.register_rules, registry, "reguł",
               lambda plugin: (lambda type_name, rule: registry.add_rule(type_name, rule, plugin)))
    for name, _ in pm.list_name_plugin():
        registry.plugin_versions[name] = versions.get(name) or _distribution_version(name)
    return registry


def _call_each(hook: Any, registry: Registry, what: str, make_register: Callable[[str], Callable[..., None]]) -> None:
    for impl in hook.get_hookimpls():
        try:
            impl.function(register=make_register(impl.plugin_name))
        except Exception as exc:
            registry.warnings.append(f"wtyczka {impl.plugin_name!r} zgłosiła błąd podczas rejestracji {what}: "
                                     f"{type(exc).__name__}: {exc}")


@functools.lru_cache(maxsize=None)
def _distribution_version(plugin_name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    top = plugin_name.split(".")[0]
    for candidate in (top, top.replace("_", "-")):
        try:
            return version(candidate)
        except PackageNotFoundError:
            continue
    return ""


_registry: Registry | None = None
VERSIONS: dict[str, str] = {}  # entry-point plugin -> "distribution version"


def get_registry() -> Registry:
    """The process-wide registry, loaded once on first use."""
    global _registry
    if _registry is None:
        pm, warnings = create_plugin_manager()
        _registry = collect_document_types(pm, warnings, VERSIONS)
    return _registry


def reset_registry() -> None:
    """Forget loaded plugins (tests, or after installing a plugin in a running process)."""
    global _registry
    _registry = None
