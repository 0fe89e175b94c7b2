"""DOCX -> PDF through one LibreOffice process, updating tables of contents first.

Run by the Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3 with
python3-uno), not imported by cwd_docs. Reads a JSON list of [docx, pdf] or [docx, pdf, docx_out]
jobs on stdin (with docx_out, the document with its contents and fields updated is also saved
there as DOCX, so that it opens filled in Word) and
prints one line per document as it finishes: `OK i` or `FAIL i message`. Only stdlib + uno.
"""

import json
import os
import subprocess
import sys
import time
import uuid


def main():
    soffice, profile_dir = sys.argv[1], sys.argv[2]
    jobs = json.load(sys.stdin)
    import uno  # noqa: E402  (only available in LibreOffice's Python)
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    pipe = "cwd_docs_" + uuid.uuid4().hex
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=file://" + os.path.abspath(profile_dir),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        deadline = time.time() + 60
        while context is None:
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                if time.time() > deadline or office.poll() is not None:
                    print("FAIL -1 LibreOffice nie uruchomił się (brak połączenia z procesem soffice)", flush=True)
                    return 3
                time.sleep(0.1)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for index, job in enumerate(jobs):
            source, target = job[0], job[1]
            updated_docx = job[2] if len(job) > 2 else None
            try:
                document = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                    (prop("Hidden", True), prop("ReadOnly", False)))
                if document is None:
                    raise RuntimeError("LibreOffice nie otworzył pliku")
                try:
                    if hasattr(document, "getDocumentIndexes"):
                        indexes = document.getDocumentIndexes()
                        # Twice: the index itself may shift page numbers on the first pass.
                        for _ in range(2):
                            for i in range(indexes.getCount()):
                                indexes.getByIndex(i).update()
                    if hasattr(document, "getTextFields"):
                        document.getTextFields().refresh()
                    # Tagged (logical structure, language from the document), bookmarks from the
                    # headings, the title shown in the window: a PDF that can be published in a BIP.
                    filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", (
                        prop("UseTaggedPDF", True), prop("ExportBookmarks", True),
                        prop("DisplayPDFDocumentTitle", True), prop("ExportNotes", False),
                        prop("SelectPdfVersion", 2)))  # PDF/A-2b: archivable, at no noticeable cost
                    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                                        (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data)))
                    if updated_docx:
                        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(updated_docx)),
                                            (prop("FilterName", "MS Word 2007 XML"),))
                finally:
                    document.close(True)
                print("OK %d" % index, flush=True)
            except Exception as exc:  # report and go on with the next document
                print("FAIL %d %s" % (index, str(exc).replace("\n", " ")), flush=True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
