"""Command line: `python -m cwd_docs` / `cwd-docs`. Everything the user reads is Polish."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 3

DESCRIPTION = (
    "Dokumenty Centrum Wsparcia Doradczego (CWD) z danych YAML: analizy wykonalności, harmonogramy, "
    "zarysy wniosków i strategie terytorialne."
)
EPILOG = """kody wyjścia: 0 – sukces, 1 – błędne dane wejściowe, 2 – błędne użycie polecenia,
3 – błąd konwersji, wtyczki lub środowiska (np. brak LibreOffice), 130 – przerwano (Ctrl+C),
143 i 129 – przerwano sygnałem SIGTERM lub SIGHUP

przykład (TYP to jeden z typów dokumentów, które wypisuje polecenie list):
  python -m cwd_docs list
  python -m cwd_docs init TYP -o dane.yaml
  python -m cwd_docs validate TYP dane.yaml
  python -m cwd_docs build TYP dane.yaml -o dokument.docx --pdf"""


class PolishArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenty"
        self._optionals.title = "opcje"
        self.add_argument("-h", "--help", action="help", help="pokaż tę pomoc i zakończ")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "użycie:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "użycie:", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        translations = {
            "the following arguments are required": "brakuje wymaganych argumentów",
            "invalid choice": "niepoprawny wybór",
            "unrecognized arguments": "nieznane argumenty",
            "expected one argument": "oczekiwano jednego argumentu",
            "choose from": "wybierz spośród",
            "invalid int value": "niepoprawna liczba całkowita",
            "invalid float value": "niepoprawna liczba",
            "ambiguous option": "niejednoznaczna opcja",
            "could match": "pasuje do",
            "expected at least one argument": "oczekiwano co najmniej jednego argumentu",
            "not allowed with argument": "nie może wystąpić razem z argumentem",
            "argument": "argument",
        }
        for english, polish in translations.items():
            message = message.replace(english, polish)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: błąd: {message}\n")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} nie jest liczbą całkowitą") from None
    if value < 1:
        raise argparse.ArgumentTypeError("podaj liczbę całkowitą dodatnią")
    return value


def positive_seconds(text: str) -> float:
    import math

    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} nie jest liczbą sekund") from None
    if not math.isfinite(value) or not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError("podaj liczbę sekund od 1 do 86400")
    return value


TYPE_HELP = "typ dokumentu (listę typów wypisuje polecenie list)"


TIMEOUT_HELP = ("limit czasu jednego dokumentu: wypełnienia szablonu, uruchomienia LibreOffice i konwersji do PDF "
                "(domyślnie 120 s)")


def add_timeout_option(parser: argparse.ArgumentParser) -> None:
    from ..limits import DEFAULT_TIMEOUT

    parser.add_argument("--timeout", metavar="SEKUNDY", type=positive_seconds, default=DEFAULT_TIMEOUT,
                        help=TIMEOUT_HELP)


FORCE_HELP = ("zastąp także pliki wynikowe zmienione od zapisania ich przez cwd-docs (np. w Wordzie) albo przez nie "
              "nieutworzone, bez zachowania ich kopii (domyślnie taki plik zostaje zachowany pod nazwą "
              "NAZWA.zmieniony-RRRR-MM-DD-GGMM)")
REBUILD_HELP = ("utwórz na nowo wszystkie dokumenty (domyślnie dokument, którego dane, szablon, wersje programu i "
                "wtyczek oraz opcje się nie zmieniły, zostaje bez zmian)")


def add_converter_options(parser: argparse.ArgumentParser) -> None:
    """--no-server and --server-idle: how PDFs are made (the warm converter service or one-shot)."""
    parser.add_argument("--no-server", action="store_true",
                        help="uruchom LibreOffice tylko na czas tego polecenia, bez usługi konwersji w tle "
                             "(to samo: zmienna CWD_DOCS_NO_SERVER=1)")
    parser.add_argument("--server-idle", metavar="SEKUNDY", type=positive_seconds,
                        help="po ilu sekundach bezczynności usługa konwersji kończy pracę (domyślnie 300 s "
                             "albo CWD_DOCS_SERVER_IDLE)")


def build_parser() -> argparse.ArgumentParser:
    parser = PolishArgumentParser(prog="cwd-docs", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"cwd-docs {_version()}",
                        help="pokaż wersję i zakończ")
    commands = parser.add_subparsers(dest="command", title="polecenia", metavar="POLECENIE",
                                     parser_class=PolishArgumentParser)
    commands.required = True

    commands.add_parser("list", help="wypisz dostępne typy dokumentów")

    schema = commands.add_parser("schema", help="wypisz JSON Schema danych wejściowych typu")
    schema.add_argument("type", metavar="TYP", nargs="?", help=TYPE_HELP)
    schema.add_argument("-o", "--output", metavar="PLIK", type=Path,
                        help="zapisz do pliku zamiast na ekran (z --all: katalog)")
    schema.add_argument("--all", action="store_true",
                        help="zapisz schematy wszystkich typów (i plików dołączanych, np. partnerstwa) do katalogu -o")

    init = commands.add_parser("init", help="utwórz przykładowy, opisany plik YAML do uzupełnienia")
    init.add_argument("type", metavar="TYP", help=TYPE_HELP)
    init.add_argument("-o", "--output", metavar="PLIK", type=Path, help="zapisz do pliku zamiast na ekran")
    init.add_argument("--force", action="store_true", help="nadpisz istniejący plik")
    init.add_argument("--blank", action="store_true",
                      help="pusty szkielet zamiast przykładu: pola wymagane puste i opisane, opcjonalne w komentarzach; "
                           "z -o także pusty plik partnerstwa obok")

    init.add_argument("--xlsx", action="store_true",
                      help="z -o KATALOG: plik danych i obok skoroszyt budzet.xlsx z tabelami (członkowie, koszty, "
                           "finansowanie, wskaźniki, zadania) zamiast list w YAML")

    tables = commands.add_parser("tables", help="przenieś tabele pliku danych do skoroszytu .xlsx obok niego")
    tables.add_argument("type", metavar="TYP", help=TYPE_HELP + "; albo partnership dla pliku partnerstwa")
    tables.add_argument("file", metavar="PLIK", type=Path, help="plik YAML z danymi (zostanie zmieniony)")
    tables.add_argument("-o", "--output", metavar="NAZWA.xlsx", default=None,
                        help="nazwa skoroszytu obok pliku (domyślnie budzet.xlsx)")
    tables.add_argument("--force", action="store_true", help="nadpisz istniejący skoroszyt")

    validate = commands.add_parser("validate", help="sprawdź plik z danymi bez tworzenia dokumentu")
    validate.add_argument("type", metavar="TYP", help=TYPE_HELP + "; albo część danych wczytywana z osobnego "
                          "pliku, np. partnership (plik partnerstwa sprawdzony osobno)")
    validate.add_argument("file", metavar="PLIK", type=Path, help="plik YAML lub JSON z danymi")
    validate.add_argument("--json", action="store_true", help="wypisz problemy jako JSON")

    build = commands.add_parser("build", help="utwórz dokument DOCX (i PDF)")
    build.add_argument("type", metavar="TYP", help=TYPE_HELP)
    build.add_argument("file", metavar="PLIK", type=Path, help="plik YAML lub JSON z danymi")
    build.add_argument("-o", "--output", metavar="WYNIK.docx", type=Path,
                       help="plik wynikowy (domyślnie obok pliku z danymi)")
    build.add_argument("--pdf", action="store_true", help="utwórz także PDF (wymaga LibreOffice)")
    build.add_argument("--template", metavar="SZABLON.docx", type=Path,
                       help="własny szablon DOCX zamiast szablonu typu (ten sam schemat danych i reguły)")
    build.add_argument("--json", action="store_true", help="wypisz wynik i problemy jako JSON")
    build.add_argument("--final", action="store_true",
                       help="wersja ostateczna: odmów, dopóki brakuje treści wymaganej przepisami (każdy brak wymieniony)")
    add_timeout_option(build)
    build.add_argument("--force", action="store_true", help=FORCE_HELP)
    add_converter_options(build)

    check = commands.add_parser("check", help="sprawdź zgodność szablonu typu dokumentu z jego schematem i przykładem")
    check.add_argument("type", metavar="TYP", help=TYPE_HELP)
    check.add_argument("--template", metavar="SZABLON.docx", type=Path, help="sprawdź inny szablon dla tego typu")

    new_plugin = commands.add_parser("new-plugin", help="utwórz szkielet pakietu z nowym typem dokumentu")
    new_plugin.add_argument("name", metavar="NAZWA", help="nazwa typu dokumentu, np. notatka (małe litery bez polskich znaków, cyfry, _)")
    new_plugin.add_argument("-o", "--output", metavar="KATALOG", type=Path,
                            help="katalog pakietu (domyślnie cwd-docs-NAZWA w bieżącym katalogu)")

    package = commands.add_parser("package", help="utwórz wszystkie dokumenty partnerstwa z katalogu z danymi")
    package.add_argument("folder", metavar="KATALOG", type=Path,
                         help="katalog z plikami partnerstwa, projektów i strategii")
    package.add_argument("-o", "--output", metavar="WYNIK", type=Path, required=True,
                         help="katalog na dokumenty (zostanie utworzony)")
    package.add_argument("--pdf", action="store_true",
                         help="utwórz także PDF każdego dokumentu i jeden PDF zbiorczy (wymaga LibreOffice)")
    package.add_argument("--jobs", metavar="N", type=positive_int, default=max(1, min(4, os.cpu_count() or 1)),
                         help="liczba równoległych procesów LibreOffice (domyślnie liczba rdzeni, najwyżej 4)")
    package.add_argument("--variant", metavar="TYP", action="append", default=[], dest="variants",
                         help="który z typów alternatywnych dla jednego pliku danych (z wtyczek) utworzyć zamiast "
                              "domyślnego; można podać kilka razy; typy alternatywne oznacza polecenie list "
                              "(rodzaj strategii wybiera pole strategy.kind w jej pliku, nie ta opcja)")
    add_timeout_option(package)
    package.add_argument("-q", "--quiet", action="store_true", help="nie pokazuj postępu")
    package.add_argument("--final", action="store_true",
                         help="wersja ostateczna: odmów, dopóki brakuje treści wymaganej przepisami (każdy brak wymieniony)")
    package.add_argument("--rebuild", action="store_true", help=REBUILD_HELP)
    package.add_argument("--force", action="store_true", help=FORCE_HELP)
    add_converter_options(package)

    watch = commands.add_parser("watch", help="obserwuj katalog partnerstwa i po każdym zapisie sprawdzaj dane "
                                              "oraz twórz na nowo dokumenty, których dotyczy zmiana")
    watch.add_argument("folder", metavar="KATALOG", type=Path, help="katalog z plikami partnerstwa, projektów i strategii")
    watch.add_argument("-o", "--output", metavar="WYNIK", type=Path, required=True,
                       help="katalog na dokumenty (zostanie utworzony)")
    watch.add_argument("--pdf", action="store_true", help="twórz także PDF (wymaga LibreOffice)")
    watch.add_argument("--variant", "--strategy-type", metavar="TYP", action="append", default=[], dest="variants",
                       help="jak w poleceniu package")
    add_timeout_option(watch)
    watch.add_argument("--rebuild", action="store_true", help=REBUILD_HELP + "; dotyczy pierwszego przebiegu")
    watch.add_argument("--force", action="store_true", help=FORCE_HELP)
    add_converter_options(watch)

    converter = commands.add_parser("converter", help="usługa konwersji do PDF w tle: start, status, stop")
    converter.add_argument("action", metavar="AKCJA", choices=["start", "status", "stop"],
                           help="start – uruchom teraz, status – pokaż działające, stop – zatrzymaj")
    converter.add_argument("--idle", metavar="SEKUNDY", type=positive_seconds,
                           help="przy start: po ilu sekundach bezczynności zakończyć pracę (domyślnie 300 s)")
    converter.add_argument("--timeout", metavar="SEKUNDY", type=positive_seconds, default=None,
                           help="przy start: limit czasu uruchomienia usługi (domyślnie 120 s)")
    return parser


def _version() -> str:
    from .. import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    from .interrupts import exit_code, ignore_signals, terminate_like_interrupt
    from .terminal import readable_streams

    readable_streams()
    # Everything, the printing of problems and errors included, runs with the signals handled:
    # a signal at any moment gives the Polish line and 130/143/129 (issue 26 point 4). Called as
    # the program (argv None: the console script, python -m) the handlers stay until the exit.
    with terminate_like_interrupt(restore=argv is not None):
        try:
            return _main(build_parser().parse_args(argv))
        except KeyboardInterrupt as exc:
            ignore_signals()  # this line and the exit are not cut short by another signal
            print("przerwano", file=sys.stderr)
            return exit_code(exc)


def _main(args: argparse.Namespace) -> int:
    try:
        _configure_converter(args)
        return _run(args)
    except Exception as exc:
        from ..conversion.pdf import ConversionError
        from ..problems import InputError, UsageError

        if isinstance(exc, UsageError):
            print(f"cwd-docs: błąd: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if isinstance(exc, InputError):
            _print_problems(exc.problems)
            return EXIT_INVALID
        from ..problems import PluginError

        if isinstance(exc, (ConversionError, PluginError)):
            print(f"cwd-docs: błąd: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        if isinstance(exc, OSError):
            from ..os_errors import failure

            print(f"cwd-docs: {failure(exc)}", file=sys.stderr)
            return EXIT_FAILURE
        if os.environ.get("CWD_DOCS_DEBUG"):
            raise
        print(f"cwd-docs: błąd wewnętrzny ({type(exc).__name__}: {exc}). Uruchom ponownie z "
              "CWD_DOCS_DEBUG=1, aby zobaczyć szczegóły, i zgłoś problem.", file=sys.stderr)
        return EXIT_FAILURE


def _run(args: argparse.Namespace) -> int:
    """The command; one that prints data (JSON, a schema, an example) gets a clean stdout for it."""
    if not (getattr(args, "json", False) or (args.command in ("schema", "init") and args.output is None)):
        return COMMANDS[args.command](args)
    from .terminal import data_output

    with data_output() as args.emit:
        return COMMANDS[args.command](args)


def _emit(args: argparse.Namespace, text: str) -> None:
    getattr(args, "emit", sys.stdout.write)(text)


def _configure_converter(args: argparse.Namespace) -> None:
    from ..limits import set_timeout

    set_timeout(getattr(args, "timeout", None))  # the render's limit, and the conversion's of `build`
    if getattr(args, "pdf", False):
        from ..conversion.dispatch import use_server

        use_server(not args.no_server, args.server_idle)


def _print_plugin_warnings() -> None:
    from ..registry.plugin_manager import get_registry

    for text in get_registry().warnings:
        print(f"ostrzeżenie: {text}", file=sys.stderr)


def _print_problems(problems: list[Any]) -> None:
    from ..formatting import plural

    for problem in problems:
        print(problem.describe(), file=sys.stderr)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(plural(errors, "błąd", "błędy", "błędów"))
    if warnings:
        parts.append(plural(warnings, "ostrzeżenie", "ostrzeżenia", "ostrzeżeń"))
    if parts:
        print("Znaleziono: " + " i ".join(parts).replace("\u00a0", " ") + ".", file=sys.stderr)


def _write_text_output(text: str, output: Path | None, force: bool = True,
                       emit: Any = None) -> None:
    if output is None:
        (emit or sys.stdout.write)(text)
        return
    from ..package.atomic import write_atomic
    from ..problems import UsageError

    if output.exists() and not force:
        raise UsageError(f"plik {output} już istnieje; użyj --force, aby go nadpisać")
    write_atomic(output, text.encode("utf-8"))
    print(f"Zapisano {output}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    from ..registry.plugin_manager import get_registry

    _print_plugin_warnings()
    registry = get_registry()
    types = sorted(registry.types.values(), key=lambda t: t.name)
    width = max((len(t.name) for t in types), default=4)
    for doc_type in types:
        version = registry.plugin_versions.get(doc_type.plugin, "")
        origin = f"{doc_type.plugin} {version}".strip()
        role = doc_type.package
        variant = ""
        if role is not None and role.choice:
            variant = f"  (wariant „{role.choice}” w pakiecie{', domyślny' if role.default else ''}: --variant {doc_type.name})"
        print(f"{doc_type.name:<{width}}  {doc_type.title}  [wtyczka: {origin}]{variant}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from ..api import json_schema, list_document_types
    from ..problems import UsageError

    _print_plugin_warnings()
    if args.all:
        from ..authoring.schema_export import all_schemas, write_schemas

        if args.output is None or args.type:
            raise UsageError("z --all podaj katalog -o KATALOG (bez typu), np. schema --all -o schematy")
        written = write_schemas(args.output, all_schemas(list_document_types(), json_schema))
        from ..formatting import plural

        count = plural(len(written), "schemat", "schematy", "schematów").replace("\u00a0", " ")
        print(f"Zapisano {count} w katalogu {args.output}", file=sys.stderr)
        return EXIT_OK
    if not args.type:
        raise UsageError("podaj typ dokumentu albo --all -o KATALOG")
    text = json.dumps(json_schema(args.type), ensure_ascii=False, indent=2) + "\n"
    _write_text_output(text, args.output, emit=getattr(args, "emit", None))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from ..api import example_text, get_document_type

    _print_plugin_warnings()
    from ..authoring.schema_export import SCHEMA_FOLDER, schema_comment, schema_file_name

    doc_type = get_document_type(args.type)
    if getattr(args, "xlsx", False):
        return _init_workbook(args, doc_type)
    if getattr(args, "blank", False):
        return _init_blank(args, doc_type)
    text = schema_comment(args.type) + example_text(args.type, args.output)  # editors find the schema here
    if args.output is None:
        _write_text_output(text, None, emit=getattr(args, "emit", None))
        if doc_type.example_assets:
            names = ", ".join(a.name for a in doc_type.example_assets)
            print(f"ostrzeżenie: przykład odwołuje się do plików ({names}); użyj -o PLIK, aby zapisać je obok",
                  file=sys.stderr)
        return EXIT_OK
    from ..package.atomic import write_atomic
    from ..problems import UsageError

    targets = [(asset, args.output.parent / asset.relative_to(doc_type.example.parent))
               for asset in doc_type.example_assets]
    existing = [str(t) for t in [args.output] + [t for _, t in targets] if t.exists()]
    if existing and not args.force:
        raise UsageError(f"plik {existing[0]} już istnieje; użyj --force, aby go nadpisać")
    for asset, target in targets:
        write_atomic(target, asset.read_bytes())
    write_atomic(args.output, text.encode("utf-8"))
    from ..api import json_schema

    # The schema the first line points to (regenerated: it is ours, not the advisor's data).
    write_atomic(args.output.parent / SCHEMA_FOLDER / schema_file_name(args.type),
                 (json.dumps(json_schema(args.type), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    from ..formatting import plural

    extra = plural(len(targets), "plik pomocniczy", "pliki pomocnicze", "plików pomocniczych").replace("\u00a0", " ")
    print(f"Zapisano {args.output}" + (f", {extra}" if targets else "")
          + f" i schemat {SCHEMA_FOLDER}/{schema_file_name(args.type)} dla edytora", file=sys.stderr)
    return EXIT_OK


WORKBOOK_NAME = "budzet.xlsx"


def _init_workbook(args: argparse.Namespace, doc_type: Any) -> int:
    """`init TYP --xlsx -o KATALOG`: the type's example (or blank) file and its tables in a workbook beside."""
    from ..problems import UsageError

    if args.output is None:
        raise UsageError("--xlsx zapisuje dwa pliki: podaj katalog opcją -o KATALOG")
    folder = args.output
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} nie jest katalogiem; z --xlsx opcja -o podaje katalog")
    name = "projekt.yaml" if "project" in doc_type.input_model.model_fields else "strategia.yaml"
    target = folder / name
    workbook = folder / WORKBOOK_NAME
    existing = [str(p) for p in (target, workbook) if p.exists()]
    if existing and not args.force:
        raise UsageError(f"plik {existing[0]} już istnieje; użyj --force, aby go nadpisać")
    folder.mkdir(parents=True, exist_ok=True)
    args.output = target
    code = _init_blank(args, doc_type, quiet=True) if getattr(args, "blank", False) else cmd_init(
        argparse.Namespace(**{**vars(args), "xlsx": False}))
    if code != EXIT_OK:
        return code
    return _move_tables(doc_type.name, target, WORKBOOK_NAME, force=True)


def _move_tables(type_name: str, source: Path, workbook_name: str, force: bool) -> int:
    from ..api import included_parts, validate
    from ..loading.workbook import move_tables, reference_lists
    from ..package.atomic import write_atomic

    parts = included_parts()
    if type_name in parts:
        model = parts[type_name][1]
    else:
        from ..api import get_document_type

        model = get_document_type(type_name).input_model
    result = validate(type_name, source)
    references = reference_lists(result.model) if result.model is not None else {}
    text, moved = move_tables(source, model, workbook_name, references, force=force,
                              wrapper_key=type_name if type_name in parts else None)
    write_atomic(source, text.encode("utf-8"))
    sheets = ", ".join(table.sheet for table in moved) or "brak tabel"
    print(f"Zapisano {source.parent / workbook_name} (arkusze: {sheets}) i {source}, który go wskazuje",
          file=sys.stderr)
    return EXIT_OK


def cmd_tables(args: argparse.Namespace) -> int:
    _print_plugin_warnings()
    return _move_tables(args.type, args.file, args.output or WORKBOOK_NAME, args.force)


def _init_blank(args: argparse.Namespace, doc_type: Any, quiet: bool = False) -> int:
    from ..authoring.blank import blank_files
    from ..package.atomic import write_atomic
    from ..problems import UsageError

    files = blank_files(doc_type, args.output)
    if args.output is None:
        _write_text_output(files[0][1], None, emit=getattr(args, "emit", None))
        return EXIT_OK
    existing = [str(path) for path, _ in files if path.exists() and path.suffix != ".json"]
    if existing and not args.force:
        raise UsageError(f"plik {existing[0]} już istnieje; użyj --force, aby go nadpisać")
    for path, text in files:
        write_atomic(path, text.encode("utf-8"))
    names = ", ".join(str(path) for path, _ in files)
    if quiet:
        return EXIT_OK
    print(f"Zapisano pusty szkielet: {names}; polecenie validate {doc_type.name} {args.output} wypisze pola do "
          "uzupełnienia", file=sys.stderr)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from ..api import validate

    _print_plugin_warnings()
    result = validate(args.type, args.file)
    if args.json:
        _emit(args, json.dumps({"ok": result.ok, "problems": [p.as_dict() for p in result.problems]},
                               ensure_ascii=False, indent=2) + "\n")
    else:
        _print_problems(result.problems)
        if result.ok:
            print(f"Plik {args.file} jest poprawny.", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_INVALID


def cmd_build(args: argparse.Namespace) -> int:
    from ..api import build
    from ..problems import InputError

    _print_plugin_warnings()
    try:
        result = build(args.type, args.file, output=args.output, pdf=args.pdf, template=args.template,
                       final=args.final, force=args.force)
    except InputError as exc:
        if args.json:
            _emit(args, json.dumps({"ok": False, "problems": [p.as_dict() for p in exc.problems]},
                                   ensure_ascii=False, indent=2) + "\n")
            return EXIT_INVALID
        raise
    if args.json:
        _emit(args, json.dumps({"ok": True, "docx": str(result.docx), "pdf": str(result.pdf) if result.pdf else None,
                                "kept": [{"file": str(k.original), "kept_as": str(k.kept_as)} for k in result.kept],
                                "problems": [p.as_dict() for p in result.warnings]}, ensure_ascii=False, indent=2)
              + "\n")
        return EXIT_OK
    _print_problems(result.warnings)
    _print_kept(result.kept)
    print(f"Utworzono {result.docx}", file=sys.stderr)
    if result.pdf:
        print(f"Utworzono {result.pdf}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from ..api import check_template_file, get_document_type
    from ..authoring.checking import check_document_type
    from ..registry.plugin_manager import get_registry

    _print_plugin_warnings()
    template = check_template_file(args.template) if args.template else None
    problems = check_document_type(get_document_type(args.type), template, get_registry().filters)
    _print_problems(problems)
    if not any(p.is_error for p in problems):
        print(f"Szablon typu {args.type} jest zgodny ze schematem i przykładem.", file=sys.stderr)
        return EXIT_OK
    return EXIT_INVALID


def cmd_new_plugin(args: argparse.Namespace) -> int:
    from ..authoring.scaffold import create_plugin

    folder = create_plugin(args.name, args.output)
    # -e: the installed plugin is the folder itself, so the author's edits count without reinstalling;
    # ./ so that pip installs the folder it names and never asks the package index for that name
    print(f"Utworzono pakiet wtyczki w {folder}. Dalej: pip install -e {_shell_path(folder)} && "
          f"python -m cwd_docs build {args.name} {_shell_path(folder / ('cwd_docs_' + args.name) / 'example.yaml')}",
          file=sys.stderr)
    return EXIT_OK


def _shell_path(path: Path) -> str:
    """A path to type in the shell: ./relative inside the current folder, else absolute; quoted."""
    import shlex

    try:
        shown = "./" + str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path.resolve())
    return shlex.quote(shown)


def cmd_package(args: argparse.Namespace) -> int:
    from ..formatting import plural
    from ..package.build import build_package, terminal_progress

    _print_plugin_warnings()
    result = build_package(args.folder, args.output, pdf=args.pdf, jobs=args.jobs,
                           variants=args.variants, progress=terminal_progress(args.quiet),
                           timeout_per_document=args.timeout, final=args.final, rebuild=args.rebuild,
                           force=args.force)
    _print_problems(result.warnings)
    _print_kept(result.kept)
    if result.stale_folder is not None:
        print(f"Dokumenty poprzedniego pakietu, których ten pakiet już nie tworzy, przeniesiono do katalogu "
              f"{result.stale_folder} (cwd-docs niczego nie usuwa).", file=sys.stderr)
    if not args.quiet:
        count = plural(len(result.docx), "dokument", "dokumenty", "dokumentów").replace("\u00a0", " ")
        reused = {p.name for p in result.reused}
        unchanged = sum(1 for p in result.docx if p.name in reused)
        print(f"Utworzono {count} w katalogu {result.folder}"
              + (f" oraz PDF zbiorczy {result.combined.name}" if result.combined else "")
              + (f"; treść bez zmian, więc bez ponownego tworzenia: {unchanged}" if unchanged else ""),
              file=sys.stderr)
    return EXIT_OK


def _print_kept(kept: list[Any]) -> None:
    for item in kept:
        print(f"uwaga: {item.message()}", file=sys.stderr)


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import watch_folder

    _print_plugin_warnings()
    watch_folder(args.folder, args.output, pdf=args.pdf, variants=args.variants, timeout_per_document=args.timeout,
                 rebuild=args.rebuild, force=args.force)
    return EXIT_OK


def cmd_converter(args: argparse.Namespace) -> int:
    from ..conversion.converter_service import connect_or_start, running_services, stop_services
    from ..conversion.pdf import find_converter

    if args.action == "stop":
        stopped = stop_services()
        print("Zatrzymano usługę konwersji (pid " + ", ".join(map(str, stopped)) + ")." if stopped
              else "Usługa konwersji nie działa.", file=sys.stderr)
        return EXIT_OK
    if args.action == "start":
        from ..limits import timeout

        connect_or_start(find_converter(), args.idle, limit=timeout()).close()
    services = running_services()
    for folder, status in services:
        workers = len(status.get("workers", []))
        print(f"Usługa konwersji działa: pid {status.get('pid')}, katalog {folder}, procesy LibreOffice: "
              f"{workers}, kończy pracę po {status.get('idle', 0):g} s bezczynności.", file=sys.stderr)
    if not services:
        print("Usługa konwersji nie działa.", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "list": cmd_list,
    "schema": cmd_schema,
    "init": cmd_init,
    "validate": cmd_validate,
    "tables": cmd_tables,
    "build": cmd_build,
    "package": cmd_package,
    "check": cmd_check,
    "new-plugin": cmd_new_plugin,
    "watch": cmd_watch,
    "converter": cmd_converter,
}
