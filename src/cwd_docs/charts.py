"""The documented path of charts for plugins: `from cwd_docs.charts import Chart, Series` (docs/plugins.md).

The chart model lives with its renderer in `cwd_docs.rendering.charts`; this module only keeps
that documented name working.
"""

from __future__ import annotations

from .rendering.charts.model import Chart, ChartKind, Number, Series

__all__ = ["Chart", "ChartKind", "Number", "Series"]
