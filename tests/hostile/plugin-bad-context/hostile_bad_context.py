"""Hostile plugin: document types (the feasibility template and model) whose context builder returns a
list, raises SystemExit, or returns objects that raise (RuntimeError, SystemExit) when the template reads them."""
import dataclasses
import sys

from cwd_docs import hookimpl
from cwd_docs.plugins.project.register import project_document


class Exploding:
    def __getattr__(self, name):
        raise RuntimeError(f"pola {name} nie da się odczytać")


class Exiting:
    def __getattr__(self, name):
        sys.exit(7)


def variant(name, build_context):
    document = project_document("feasibility", name, name, package=lambda title: None)
    return dataclasses.replace(document, name=name, build_context=build_context)


@hookimpl
def register_document_types(register):
    register(variant("kontekst_lista", lambda model: [1, 2, 3]))
    register(variant("kontekst_sys_exit", lambda model: sys.exit(9)))
    register(variant("kontekst_wybucha", lambda model: {"project": Exploding(), "partnership": Exploding()}))
    register(variant("kontekst_exit_w_szablonie", lambda model: {"project": Exiting(), "partnership": Exiting()}))
