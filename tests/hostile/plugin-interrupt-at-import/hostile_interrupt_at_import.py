"""Hostile plugin: raises KeyboardInterrupt at import (nobody pressed Ctrl+C)."""
raise KeyboardInterrupt
