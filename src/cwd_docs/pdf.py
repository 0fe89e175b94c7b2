"""The documented path of the PDF switch: `cwd_docs.pdf.use_server(True)` (README, "The advisor's loop").

Conversion lives in `cwd_docs.conversion`; this module only keeps that documented name working.
"""

from __future__ import annotations

from .conversion.dispatch import use_server
from .conversion.pdf import ConversionError

__all__ = ["ConversionError", "use_server"]
