"""Loading plugins (built-in and from the `cwd_docs` entry-point group) and what they register.

Every hook is called through pluggy's hook caller, so `pm.add_hookcall_monitoring`, tracing and
hook wrappers see the calls. Each plugin's implementation is called on its own (a subset caller
that keeps every wrapper), so one failing plugin is named and skipped and the others still register.
"""

from __future__ import annotations

import importlib
import os
import threading
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, entry_points
from importlib.metadata import version as distribution_version
from typing import Any, Callable

import pluggy

from .. import hookspecs
from ..doctype import DocumentType, Rule
from ..plugins import BUILTIN_PLUGINS

ENTRY_POINT_GROUP = "cwd_docs"
BLOCK_ENV = "CWD_DOCS_BLOCK_PLUGINS"  # names of plugins not to load, comma-separated; "*": no installed plugin
TIMEOUT_ENV = "CWD_DOCS_PLUGIN_TIMEOUT"  # seconds an installed plugin may take to import
DEFAULT_IMPORT_SECONDS = 30.0
OWN_DISTRIBUTION = "cwd-docs"


class PluginManager(pluggy.PluginManager):
    """pluggy's manager that also remembers the distribution ("name version") of each plugin."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self.distributions: dict[str, str] = {}


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
        from ..rendering.environment import FILTERS

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


def _resolve(target: str) -> object:
    module, _, attribute = target.partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, attribute) if attribute else loaded


def create_plugin_manager(extra_plugins: tuple[object, ...] = (), use_entry_points: bool = True
                          ) -> tuple[PluginManager, list[str]]:
    pm = PluginManager()
    warnings: list[str] = []
    for name in blocked_plugins():
        pm.set_blocked(name)
    own_version = _own_version()
    for name, target in BUILTIN_PLUGINS.items():
        if pm.is_blocked(name):
            continue
        pm.register(_resolve(target), name=name)
        pm.distributions[name] = own_version
    if use_entry_points and "*" not in blocked_plugins():
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if pm.is_blocked(ep.name) or pm.has_plugin(ep.name):
                continue
            try:
                pm.register(load_entry_point(ep), name=ep.name)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # a broken plugin must not take the others down
                warnings.append(f"nie wczytano wtyczki {ep.name!r} ({ep.value}): {type(exc).__name__}: {exc}")
                continue
            if getattr(ep, "dist", None) is not None:
                pm.distributions[ep.name] = f"{ep.dist.name} {ep.dist.version}"
    for plugin in extra_plugins:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        warnings.append(f"wtyczka {exc.plugin!r} implementuje nieznany hook: {exc}")
    return pm, warnings


class PluginInterrupt(Exception):
    pass


class PluginImportTimeout(Exception):
    def __init__(self, name: str, seconds: float) -> None:
        super().__init__(f"import nie skończył się w ciągu {seconds:g} s; wtyczkę pominięto (aby jej nie "
                         f"wczytywać, ustaw {BLOCK_ENV}={name}; aby czekać dłużej, {TIMEOUT_ENV}=SEKUNDY)")


def import_time_limit() -> float:
    try:
        seconds = float(os.environ.get(TIMEOUT_ENV, DEFAULT_IMPORT_SECONDS))
    except ValueError:
        return DEFAULT_IMPORT_SECONDS
    return seconds if seconds > 0 else DEFAULT_IMPORT_SECONDS


def load_entry_point(ep: Any) -> object:
    """Import an installed plugin in a thread of its own, within the time limit.

    Whatever the import raises (sys.exit(), KeyboardInterrupt, any BaseException) is re-raised here
    as an ordinary failure of that plugin; an import that hangs is abandoned after the limit (the
    thread is a daemon: it never keeps the process alive). A real Ctrl+C reaches the main thread,
    which only waits, and interrupts the command as usual.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["plugin"] = ep.load()
        except BaseException as exc:  # noqa: B036 - contained and reported by the caller
            outcome["error"] = exc

    seconds = import_time_limit()
    thread = threading.Thread(target=run, name=f"cwd_docs-plugin-{ep.name}", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise PluginImportTimeout(ep.name, seconds)
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, KeyboardInterrupt):  # the plugin's, not the user's (that one hits join above)
            raise PluginInterrupt("import zgłosił KeyboardInterrupt") from error
        raise error  # the caller contains it, SystemExit and other BaseExceptions included
    return outcome["plugin"]


def _own_version() -> str:
    try:
        return distribution_version(OWN_DISTRIBUTION)
    except PackageNotFoundError:  # running from a checkout that was never installed
        from .. import __version__

        return __version__


# The registration hooks, in the order they are called: the Polish name of what each registers (for
# warnings) and how a plugin's `register` callback stores it in the registry.
HOOKS: tuple[tuple[str, str, Callable[[Registry, str], Callable[..., None]]], ...] = (
    ("register_document_types", "typów dokumentów",
     lambda registry, plugin: lambda doc_type: registry.add(doc_type, plugin)),
    ("register_filters", "filtrów",
     lambda registry, plugin: lambda name, function: registry.add_filter(name, function, plugin)),
    ("register_rules", "reguł",
     lambda registry, plugin: lambda type_name, rule: registry.add_rule(type_name, rule, plugin)),
)


def collect_document_types(pm: pluggy.PluginManager, warnings: list[str]) -> Registry:
    registry = Registry(warnings=list(warnings))
    for hook_name, what, registrar in HOOKS:
        call_each_plugin(pm, hook_name, lambda plugin, registrar=registrar: registrar(registry, plugin),
                         registry.warnings, what)
    distributions = getattr(pm, "distributions", {})
    for name, _ in pm.list_name_plugin():
        registry.plugin_versions[name] = distributions.get(name, "")
    return registry


def call_each_plugin(pm: pluggy.PluginManager, hook_name: str, make_register: Callable[[str], Callable[..., None]],
                     warnings: list[str], what: str) -> None:
    """Call a registration hook once per implementing plugin, through pluggy, guarding each call.

    Each call goes through a subset hook caller holding that plugin's implementation and every
    wrapper, so monitoring and wrappers work while a failing plugin is named and skipped.
    """
    hook = getattr(pm.hook, hook_name)
    implementations = [impl for impl in hook.get_hookimpls() if not (impl.hookwrapper or impl.wrapper)]
    for impl in implementations:
        others = [other.plugin for other in implementations if other is not impl]
        caller = pm.subset_hook_caller(hook_name, others)
        try:
            caller(register=make_register(impl.plugin_name))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # sys.exit() in a hook is the plugin's failure
            warnings.append(f"wtyczka {impl.plugin_name!r} zgłosiła błąd podczas rejestracji {what}: "
                            f"{type(exc).__name__}: {exc}")


_registry: Registry | None = None
_registry_lock = threading.Lock()


def get_registry() -> Registry:
    """The process-wide registry, loaded once on first use (by one thread, however many ask)."""
    global _registry
    if _registry is None:
        with _registry_lock:
            if _registry is None:
                pm, warnings = create_plugin_manager()
                _registry = collect_document_types(pm, warnings)
    return _registry


def reset_registry() -> None:
    """Forget loaded plugins (tests, or after installing a plugin in a running process)."""
    global _registry
    _registry = None
