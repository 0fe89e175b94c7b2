"""The Jinja environment every template renders in: sandboxed, autoescaped, strict, typographic.

Compiled templates are cached in memory per environment and on disk between runs (a private
folder, keyed by versions, settings and the source).
"""

from __future__ import annotations

import os
import threading
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Mapping

from jinja2 import StrictUndefined, pass_eval_context
from jinja2.filters import do_join
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape, soft_str

from ..formatting import FILTERS as POLISH_FILTERS
from ..formatting import nbsp
from ..formatting import gap_text
from .markdown import render_markdown, render_markdown_inline, text_xml


def gap(what: Any) -> Markup:
    """The `gap` filter: the mark of missing content as a highlighted, bold run (for `{{r … }}`)."""
    return Markup('<w:r><w:rPr><w:b/><w:bCs/><w:highlight w:val="yellow"/></w:rPr>'
                  f'<w:t xml:space="preserve">{text_xml(gap_text(str(what)))}</w:t></w:r>')


# Every built-in filter: Polish formatting, and the advisors' Markdown (`{{p field|markdown }}`,
# `{{r field|markdown_inline }}`, see rendering.markdown); a plugin's filter may take no name of these.
FILTERS: dict[str, Callable[..., Any]] = {**POLISH_FILTERS, "markdown": render_markdown,
                                          "markdown_inline": render_markdown_inline, "gap": gap}

DOCXTPL_MARKERS = ("{_{", "}_}", "{_%", "%_}")


def _finalize(value: Any) -> Any:
    if isinstance(value, Enum):
        value = value.value  # an enumeration prints its Polish value ("produktu"), never IndicatorKind.PRODUCT
    # Every text from the data gets the typographic rule for one-letter words.
    if isinstance(value, str) and not isinstance(value, Markup):
        value = nbsp(value)
        if any(marker in value for marker in DOCXTPL_MARKERS):
            # docxtpl turns these into Jinja delimiters after rendering; an XML character reference
            # for the underscore keeps the user's text as typed.
            return Markup(str(escape(value)).replace("{_", "{&#95;").replace("_}", "&#95;}"))
    return value


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    return do_join(eval_ctx, [_plain(item) for item in value] if attribute is None else value, d, attribute)


def make_environment(extra_filters: Mapping[str, Callable[..., Any]] | None = None) -> SandboxedEnvironment:
    """Data is always data: sandboxed (no access to Python internals), autoescaped, strict.
    Enumerations print their values, also through `string` and `join` (check flags what slips by)."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters["string"] = lambda value: soft_str(_plain(value))
    env.filters["join"] = pass_eval_context(_join)
    env.filters.update(FILTERS)
    if extra_filters:
        env.filters.update(extra_filters)
    return env


_environments: dict[tuple[tuple[str, int], ...], SandboxedEnvironment] = {}


def shared_environment(extra_filters: Mapping[str, Callable[..., Any]] | None) -> SandboxedEnvironment:
    """One environment per set of filters, so that compiled templates can be reused."""
    key = tuple(sorted((name, id(function)) for name, function in (extra_filters or {}).items()))
    environment = _environments.get(key)
    if environment is None:
        environment = _environments[key] = make_environment(extra_filters)
    return environment


def _cache_dir() -> Path | None:
    configured = os.environ.get("CWD_DOCS_CACHE_DIR")
    if configured == "":
        return None  # CWD_DOCS_CACHE_DIR= (empty) turns the disk cache off
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cwd_docs" / "jinja"


def compile_with_disk_cache(environment: Any, source: str) -> Any:
    """Compile a template, reusing Python code compiled by an earlier process for the same source.

    Like Jinja's own bytecode cache (which from_string cannot use): the key is a hash of the
    source, the Jinja and Python versions and the environment's filters, so a changed template or
    filter set compiles anew. Any problem with the cache falls back to compiling in memory.
    """
    import hashlib
    import marshal
    import sys

    import jinja2

    from .. import __version__

    folder = _cache_dir()
    if folder is None or not _private_folder(folder):
        return _with_code(environment, environment.compile(source))
    signature = "|".join([__version__, jinja2.__version__, sys.version, type(environment).__name__,
                          repr(environment.autoescape), repr(environment.finalize), environment.undefined.__name__,
                          ",".join(f"{name}={getattr(f, '__module__', '')}.{getattr(f, '__qualname__', '')}"
                                   for name, f in sorted(environment.filters.items()))])
    key = hashlib.sha256((signature + "\0" + source).encode("utf-8")).hexdigest()
    path = folder / f"{key}.code"
    try:
        return _with_code(environment, marshal.loads(path.read_bytes()))
    except Exception:  # missing, truncated or foreign: compile anew
        pass
    code = environment.compile(source)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # per process and thread
        temp.write_bytes(marshal.dumps(code))
        os.replace(temp, path)
    except OSError:
        pass
    return _with_code(environment, code)


def _with_code(environment: Any, code: Any) -> Any:
    """The template of compiled code, which keeps its code (a bounded render's child hands it back)."""
    template = environment.template_class.from_code(environment, code, environment.make_globals(None), None)
    template.cwd_docs_code = code
    return template


def _private_folder(folder: Path) -> bool:
    """Code is loaded from the cache: only from a folder that no other user can write to."""
    import stat

    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        info = probe.stat()
    except OSError:
        return False
    if probe == folder:
        return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return True  # will be created with mode 0700
