"""Hostile plugin: a rule that calls sys.exit(5), a filter hook that raises SystemExit."""
import sys

from cwd_docs import hookimpl


def exiting_rule(model):
    sys.exit(5)


@hookimpl
def register_rules(register):
    register("feasibility", exiting_rule)


@hookimpl
def register_filters(register):
    raise SystemExit("filtry nie tym razem")
