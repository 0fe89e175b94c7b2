"""Generate every shipped DOCX template from its generator (the templates' single source).

    python tools/make_templates.py            # write templates/<folder>/template.docx
    python tools/make_templates.py --check    # exit 1 naming each committed template that differs
    python tools/make_templates.py --output DIR feasibility   # write elsewhere, or only some

Output is byte-for-byte reproducible, so --check (run by the test suite) proves that the committed
templates are exactly what the generators make.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx_builder import TemplateBuilder  # noqa: E402

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


def generators() -> dict[str, Callable[[], TemplateBuilder]]:
    import make_application_outline_template
    import make_feasibility_template
    import make_new_plugin_template
    import make_package_cover_template
    import make_schedule_template
    import make_strategy_templates

    found: dict[str, Callable[[], TemplateBuilder]] = {
        "feasibility": make_feasibility_template.build,
        "schedule": make_schedule_template.build,
        "application_outline": make_application_outline_template.build,
        "package_cover": make_package_cover_template.build,
        "new_plugin": make_new_plugin_template.build,
    }
    for kind in make_strategy_templates.KINDS:
        found[kind.name] = lambda kind=kind: make_strategy_templates.build(kind)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="template folders (default: all)")
    parser.add_argument("--check", action="store_true", help="compare with the committed templates, write nothing")
    parser.add_argument("--output", type=Path, default=TEMPLATES_DIR, help="folder to write into")
    args = parser.parse_args(argv)
    available = generators()
    unknown = [n for n in args.names if n not in available]
    if unknown:
        parser.error(f"unknown template {unknown[0]!r}; known: {', '.join(available)}")
    differing = []
    for name in args.names or list(available):
        content = available[name]().to_bytes()
        target = args.output / name / "template.docx"
        if args.check:
            if not target.is_file() or target.read_bytes() != content:
                differing.append(str(target))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        print(f"zapisano {target}")
    if differing:
        print("templates differ from their generators (run python tools/make_templates.py):\n  "
              + "\n  ".join(differing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
