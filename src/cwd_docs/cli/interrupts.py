"""SIGTERM and SIGHUP end a command like Ctrl+C does: clean-up runs, nothing is left behind.

The handlers raise Terminated (a KeyboardInterrupt) in the main thread, so every `finally` and
`except BaseException` that already cleans up after Ctrl+C (killing LibreOffice's process groups,
removing temporary folders) runs for them too; the exit code is 128 + the signal's number
(143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

HANDLED = (signal.SIGTERM, signal.SIGHUP)


class Terminated(KeyboardInterrupt):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []  # a library may turn Terminated into a plain KeyboardInterrupt (watchfiles does)


def exit_code(exc: KeyboardInterrupt) -> int:
    return 128 + getattr(exc, "signum", _received[-1] if _received else signal.SIGINT)


def _raise(signum: int, frame: Any) -> None:
    _received.append(signum)
    ignore_signals()  # clean-up must not be cut short by a second signal
    raise Terminated(signum)


def ignore_signals() -> None:
    """From now on SIGINT, SIGTERM and SIGHUP are ignored (the command is ending)."""
    if threading.current_thread() is threading.main_thread():
        for other in HANDLED + (signal.SIGINT,):
            signal.signal(other, signal.SIG_IGN)


@contextmanager
def terminate_like_interrupt(restore: bool = True) -> Iterator[None]:
    """Within the block (main thread only), SIGINT, SIGTERM and SIGHUP raise Terminated.

    The command line runs all of its work inside the block, printing the problems and the error
    lines included, so that a signal at any moment ends in the Polish line and the exit code, never
    in a traceback or a death by signal. SIGINT inherited as ignored (a background job of a
    non-interactive shell, nohup) stays ignored. With restore=False (the process ends after the
    block) the handlers stay, so that a signal while Python shuts down is still handled.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    handled = HANDLED + (() if signal.getsignal(signal.SIGINT) == signal.SIG_IGN else (signal.SIGINT,))
    previous = {signum: signal.signal(signum, _raise) for signum in handled}
    try:
        yield
    finally:
        if restore:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
