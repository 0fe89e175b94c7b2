"""The code tables shipped with the package (cwd_docs/data/*.yaml), read once.

Each table names its source; rows not confirmed by the domain reference carry `verified: false` and
are parameters the outline's rules report to the advisor (see data/annex_i.yaml).
"""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import Any

import yaml


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """`cwd_docs/data/<name>.yaml`, parsed (shipped in the wheel with the package)."""
    text = files("cwd_docs").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and data.get("source"), f"{name}.yaml names its source"
    return data
