"""`cwd-docs new-plugin NAME`: a ready package with a new document type that installs and builds."""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

from ..problems import UsageError

NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def create_plugin(name: str, output: Path | None = None) -> Path:
    if not NAME.match(name) or not 2 <= len(name) <= 40:
        raise UsageError(f"nazwa {name!r} musi mieć od 2 do 40 znaków, zaczynać się małą literą i składać z małych "
                         "liter bez polskich znaków, cyfr i pojedynczych _ między nimi (np. notatka_sluzbowa)")
    from ..registry.plugin_manager import get_registry

    if name in get_registry().types:
        raise UsageError(f"typ dokumentu {name!r} już istnieje; wybierz inną nazwę")
    folder = Path(output) if output else Path.cwd() / f"cwd-docs-{name.replace('_', '-')}"
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"katalog {folder} istnieje i nie jest pusty")
    package = folder / f"cwd_docs_{name}"
    (folder / "tests").mkdir(parents=True, exist_ok=True)
    package.mkdir(parents=True, exist_ok=True)
    for relative, text in _files(name).items():
        (folder / relative).write_text(text, encoding="utf-8")
    _write_template(package / "template.docx")
    return folder


def _files(name: str) -> dict[str, str]:
    module = f"cwd_docs_{name}"
    dist = f"cwd-docs-{name.replace('_', '-')}"
    return {
        "pyproject.toml": dedent(f'''\
            [build-system]
            requires = ["hatchling>=1.21"]
            build-backend = "hatchling.build"

            [project]
            name = "{dist}"
            version = "0.1.0"
            description = "Typ dokumentu {name} dla cwd_docs"
            requires-python = ">=3.10"
            dependencies = ["cwd-docs"]

            [project.entry-points.cwd_docs]
            {name} = "{module}.plugin"

            [tool.hatch.build.targets.wheel]
            packages = ["{module}"]
            '''),
        "README.md": dedent(f'''\
            # {dist}

            Wtyczka cwd_docs z typem dokumentu `{name}`.

            ```bash
            pip install -e .
            python -m cwd_docs check {name}
            python -m cwd_docs build {name} {module}/example.yaml -o {name}.docx
            python -m pytest
            ```

            Szablon `{module}/template.docx` edytuj w Wordzie lub LibreOffice; pola danych opisuje
            model `DaneDokumentu` w `{module}/plugin.py`, a `python -m cwd_docs check {name}` sprawdza,
            czy szablon i schemat do siebie pasują.
            '''),
        f"{module}/__init__.py": f'"""Typ dokumentu {name} dla cwd_docs."""\n',
        f"{module}/plugin.py": dedent(f'''\
            """Typ dokumentu {name}: schemat danych, reguły, kontekst szablonu i rejestracja."""

            from __future__ import annotations

            import datetime as dt
            from decimal import Decimal
            from pathlib import Path

            from pydantic import BaseModel, ConfigDict, Field

            from cwd_docs import DocumentType, Problem, hookimpl
            from cwd_docs.domain.base import Markdown
            from cwd_docs.domain.money import Money

            HERE = Path(__file__).parent


            class Sekcja(BaseModel):
                model_config = ConfigDict(extra="forbid")
                heading: str = Field(min_length=1, title="Nagłówek")
                text: Markdown = Field(title="Treść")  # Markdown, as the built-in types take text


            class Pozycja(BaseModel):
                model_config = ConfigDict(extra="forbid")
                name: str = Field(min_length=1, title="Nazwa")
                amount: Money = Field(title="Kwota")


            class DaneDokumentu(BaseModel):
                """Dane dokumentu {name}."""

                model_config = ConfigDict(extra="forbid")
                title: str = Field(min_length=1, title="Tytuł dokumentu")
                author: str = Field(min_length=1, title="Autor")
                place: str = Field(min_length=1, title="Miejscowość")
                date: dt.date = Field(title="Data")
                budget: Money = Field(title="Budżet")
                sections: list[Sekcja] = Field(min_length=1, title="Sekcje")
                items: list[Pozycja] = Field(default_factory=list, title="Pozycje kosztów")

                @property
                def items_total(self) -> Decimal:
                    return sum((item.amount for item in self.items), Decimal(0))


            def koszty_w_budzecie(data: DaneDokumentu) -> list[Problem]:
                """Pozycje kosztów nie mogą przekroczyć budżetu."""
                if data.items_total > data.budget:
                    return [Problem(code="{name}.over_budget",
                                    message="suma pozycji przekracza budżet",
                                    path=("items",))]
                return []


            def kontekst(data: DaneDokumentu) -> dict:
                return {{"doc": data, "items_total": data.items_total}}


            @hookimpl
            def register_document_types(register):
                register(DocumentType(
                    name="{name}",
                    title="Notatka służbowa ({name})",
                    input_model=DaneDokumentu,
                    template=HERE / "template.docx",
                    example=HERE / "example.yaml",
                    build_context=kontekst,
                    rules=(koszty_w_budzecie,),
                ))
            '''),
        f"{module}/example.yaml": dedent('''\
            # Przykładowe dane – uzupełnij własnymi.
            title: Notatka ze spotkania partnerstwa
            author: Anna Kowalczyk
            place: Wałcz
            date: 2026-11-22
            budget: 15000.00
            sections:
              - heading: Cel spotkania
                text: Uzgodnienie harmonogramu prac nad strategią i podziału zadań między partnerów.
              - heading: Ustalenia
                text: |
                  Partnerzy przekażą dane do diagnozy do **15 grudnia**.

                  - kolejne spotkanie: w styczniu,
                  - protokół roześle lider partnerstwa.
            items:
              - {name: Wynajem sali, amount: 1200.00}
              - {name: Catering, amount: "2 450,50"}
            '''),
        f"tests/test_{name}.py": dedent(f'''\
            """Testy typu {name}: szablon zgodny ze schematem, przykład daje dokument."""


            def test_template_matches_schema(cwd_docs_check):
                assert cwd_docs_check("{name}") == []


            def test_example_builds(cwd_docs_build_example):
                text = cwd_docs_build_example("{name}")
                assert "Notatka ze spotkania partnerstwa" in text
                assert "3 650,50 zł" in text
            '''),
    }


def _write_template(path: Path) -> None:
    """The first template: generated like the built-in ones (templates/new_plugin/), in their styles;
    the author edits it in Word or LibreOffice afterwards."""
    import shutil

    from ..registry.resources import template_dir

    shutil.copyfile(template_dir("new_plugin") / "template.docx", path)
