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
    # Clean-up must not be cut short by a second signal.
    for other in HANDLED + (signal.SIGINT,):
        signal.signal(other, signal.SIG_IGN)
    raise Terminated(signum)


@contextmanager
def terminate_like_interrupt() -> Iterator[None]:
    """Within the block (main thread only), SIGTERM and SIGHUP raise Terminated."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in HANDLED}
    previous_int = signal.getsignal(signal.SIGINT)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.signal(signal.SIGINT, previous_int)
