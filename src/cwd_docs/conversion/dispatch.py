"""Which converter a command uses: the warm service when it is on, else one-shot conversion.

Above both `pdf` (one-shot) and `converter_service` (which reuses `pdf`'s pieces), so that neither
imports the other's caller.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .pdf import convert_parallel

# Whether conversions go through the warm converter service (converter_service). The
# command line turns it on (unless --no-server or CWD_DOCS_NO_SERVER); the library converts
# one-shot unless told otherwise, so that importing programs get no background process unasked.
_SERVER: dict[str, object] = {"enabled": False, "idle": None}


def use_server(enabled: bool, idle: float | None = None) -> None:
    """Convert through the warm converter service (started on first need, stopped after `idle` s)."""
    _SERVER["enabled"], _SERVER["idle"] = enabled, idle


def server_enabled() -> bool:
    return bool(_SERVER["enabled"]) and os.environ.get("CWD_DOCS_NO_SERVER", "").strip() in ("", "0")


def convert_documents(pairs: list[tuple[Path, Path]], jobs: int = 1, timeout_per_document: float = 120.0,
                      on_done: "Callable[[Path], None] | None" = None, update_docx: bool = False) -> None:
    """Convert through the warm service when it is on, else one-shot (convert_parallel)."""
    if not pairs:
        return
    if server_enabled():
        from .converter_service import convert_with_service

        convert_with_service(pairs, jobs=jobs, timeout_per_document=timeout_per_document, on_done=on_done,
                             update_docx=update_docx, idle=_SERVER["idle"])  # type: ignore[arg-type]
        return
    convert_parallel(pairs, jobs=jobs, timeout_per_document=timeout_per_document, on_done=on_done,
                     update_docx=update_docx)
