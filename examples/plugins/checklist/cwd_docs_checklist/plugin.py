"""Registration of the checklist type: light on purpose, the schema is imported on first use."""

from pathlib import Path

from cwd_docs import DocumentType, Lazy, PackageRole, hookimpl

HERE = Path(__file__).parent
MODULE = "cwd_docs_checklist.checklist"


@hookimpl
def register_document_types(register):
    register(DocumentType(
        name="checklist",
        title="Lista sprawdzająca wyboru partnerstwa JST do CWD",
        description="Ocena partnerstwa według 8 kryteriów formalnych i 3 jakościowych (0/1) z decyzją",
        input_model=Lazy(f"{MODULE}:Checklist"),
        template=HERE / "template.docx",
        example=HERE / "example.yaml",
        build_context=Lazy(f"{MODULE}:context"),
        rules=Lazy(f"{MODULE}:RULES"),
        include_keys=("partnership",),
        # A file with an `assessment` section joins a partnership package, after its other documents.
        package=PackageRole(
            reads=lambda data: "assessment" in data,
            file_name=lambda model: "lista-sprawdzajaca",
            label=lambda model: "Lista sprawdzająca",
            title=lambda model: "Lista sprawdzająca wyboru partnerstwa do CWD",
            section=90,
        ),
    ))
