"""A template render bounded in time and memory: it runs in a forked child that is killed.

A template (built-in or a user's --template) is code: Jinja's sandbox bounds what it may touch,
not how long it runs — nested loops within the sandbox's range limit can run for ever, and a
thread or an alarm cannot stop a loop inside C code. The render therefore runs in a child forked
from this process (cheap: the memory is shared copy-on-write, nothing is pickled on the way in),
with an address-space limit; the parent waits at most the time limit and kills the child, whole,
when it is over. The DOCX bytes (or the exception) come back through a pipe.

Where fork is unavailable (not POSIX) the render runs in-process, unbounded.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from typing import Any, Callable

DEFAULT_MEMORY_MB = 2048  # address space a render may add to what the process already uses


class RenderLimitExceeded(Exception):
    """The render ran over its time or memory limit, or its process died; the message is Polish."""


def memory_limit_mb() -> int:
    configured = os.environ.get("CWD_DOCS_RENDER_MEMORY_MB", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else DEFAULT_MEMORY_MB


def run_bounded(render: Callable[[], bytes], timeout: float, memory_mb: int | None = None,
                environment: Any = None) -> bytes:
    """render() in a child process: its bytes, its exception re-raised, or RenderLimitExceeded.

    What the child compiled for `environment` (the shared Jinja environment the render uses) is
    handed back and kept here, so that the next render (watch, package) is as warm as in-process.
    """
    if not hasattr(os, "fork"):
        return render()
    memory_mb = memory_mb or memory_limit_mb()
    _preload()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's clean-up
        try:
            os.close(read_end)
            _child(render, write_end, memory_mb)
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        data = _read_all(read_end, time.monotonic() + timeout)
        if data is None:
            raise RenderLimitExceeded(f"wypełnianie szablonu trwało dłużej niż {_seconds(timeout)} i zostało "
                                      "przerwane (limit czasu: opcja --timeout)")
    finally:
        os.close(read_end)
        _end(pid)
    if not data:
        raise RenderLimitExceeded("proces wypełniający szablon zakończył się nagle (prawdopodobnie zabrakło "
                                  f"pamięci; limit {memory_mb} MB)")
    status, value, entries = pickle.loads(data)
    if entries and environment is not None:
        from .docxtpl_adapter import install_cache_entries

        install_cache_entries(entries, environment)
    if status == "ok":
        return value
    if isinstance(value, MemoryError):
        raise RenderLimitExceeded(f"wypełnianie szablonu przekroczyło limit pamięci ({memory_mb} MB) i zostało "
                                  "przerwane") from None
    raise value


def _child(render: Callable[[], bytes], write_end: int, memory_mb: int) -> None:
    # The parent handles the user's signals and kills this process: a Ctrl+C to the whole
    # process group must not run the parent's handlers here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    _limit_memory(memory_mb)
    from .docxtpl_adapter import cache_entries, cache_keys

    before = cache_keys()
    try:
        outcome = ("ok", render())
    except BaseException as exc:  # carried to the parent, which raises it
        outcome = ("error", MemoryError() if _out_of_memory(exc) else _portable(exc))
    try:
        entries = cache_entries(before) if outcome[0] == "ok" else None
        data = pickle.dumps((*outcome, entries))
    except Exception as exc:
        data = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}"), None))
    view = memoryview(data)
    while view:
        view = view[os.write(write_end, view):]


def _out_of_memory(exc: BaseException | None) -> bool:
    """A MemoryError, also when a template error wraps it (the tag that failed is not the cause)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _portable(exc: BaseException) -> BaseException:
    """The exception, or one of its kind with its message, if it does not survive pickling."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        from jinja2 import TemplateError

        if isinstance(exc, TemplateError):
            return TemplateError(f"{type(exc).__name__}: {exc}")
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        used = 0
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    used = int(line.split()[1]) * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, ImportError):
        pass  # no /proc or no limit to set: the time limit still holds


def _read_all(descriptor: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe; None when the deadline comes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([descriptor], [], [], min(left, 0.5))
        if not ready:
            continue
        chunk = os.read(descriptor, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid: int) -> None:
    """The child is gone when this returns (killed if it is still running)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _preload() -> None:
    """Import in the parent what a render imports lazily, so that the child never takes an import
    lock another thread of the parent might have held at the fork (and every child reuses them)."""
    import docx.shared  # noqa: F401
    import docxtpl  # noqa: F401

    from ..loading import media  # noqa: F401
    from . import charts, markdown  # noqa: F401

    if not _warm:  # once per process: the parser (0.15 s) and its first parse, not in every child
        markdown._parse("Tekst *wyróżniony*, **pogrubiony**[^1]:\n\n- punkt\n1. punkt\n\n[^1]: Przypis.")
        _warm.append(True)


_warm: list[bool] = []


def _seconds(value: float) -> str:
    return f"{value:g} s".replace(".", ",")
