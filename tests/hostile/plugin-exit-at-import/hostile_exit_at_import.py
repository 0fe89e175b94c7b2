"""Hostile plugin: prints to stdout (Python and file-descriptor level), then sys.exit(3) at import."""
import os
import sys

print("ŚMIECI-WTYCZKI print przy imporcie")
os.write(1, b"SMIECI-WTYCZKI os.write przy imporcie\n")
sys.exit(3)
