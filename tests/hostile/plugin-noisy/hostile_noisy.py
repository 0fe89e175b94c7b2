"""Hostile plugin: prints to stdout at import, in a hook and in a rule (Python and file-descriptor level)."""
import os

from cwd_docs import hookimpl

print("ŚMIECI-WTYCZKI print przy imporcie")
os.write(1, b"SMIECI-WTYCZKI os.write przy imporcie\n")


def noisy_rule(model):
    print("ŚMIECI-WTYCZKI print w regule")
    os.write(1, b"SMIECI-WTYCZKI os.write w regule\n")
    return []


@hookimpl
def register_rules(register):
    print("ŚMIECI-WTYCZKI print w hooku")
    register("feasibility", noisy_rule)
