"""Whether a DOCX given as a template has what rendering needs, checked before any work is done."""

from __future__ import annotations

import zipfile
from pathlib import Path

REQUIRED_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")
MAX_XML_PART_BYTES = 64 * 1024 * 1024  # far above any real template part; a zip bomb stops here


def docx_defect(path: Path) -> str | None:
    """Why the file cannot serve as a DOCX template (in Polish), or None when it can."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            missing = [name for name in REQUIRED_PARTS if name not in names]
            if missing:
                return "brak części " + ", ".join(missing) + " (to archiwum ZIP, ale nie dokument Worda)"
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > MAX_XML_PART_BYTES:
                    return f"część {info.filename} jest zbyt duża ({info.file_size // (1024 * 1024)} MB)"
                try:
                    etree.fromstring(archive.read(info), parser)
                except etree.XMLSyntaxError as exc:
                    return f"część {info.filename} nie jest poprawnym XML (wiersz {exc.lineno}): {exc.msg}"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        return f"uszkodzone archiwum ZIP ({type(exc).__name__}: {exc})"
    try:
        import docx

        docx.Document(str(path))
    except Exception as exc:  # any way python-docx refuses it: named, never an internal error
        return f"nie daje się otworzyć jako dokument Worda ({type(exc).__name__}: {exc})"
    return None
