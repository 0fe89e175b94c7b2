"""Reading input: one YAML/JSON file with positions (`reader`), and a command's session of files,
includes and validated units (`session`)."""

from .reader import (MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, LoadedInput, LoadFailed, Position, decode_text,
                     read_data_file)
from .session import InputSession, PackageInput, Unit, load_input, validate_schema

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "LoadedInput", "LoadFailed", "Position", "decode_text",
           "read_data_file", "InputSession", "PackageInput", "Unit", "load_input", "validate_schema"]
