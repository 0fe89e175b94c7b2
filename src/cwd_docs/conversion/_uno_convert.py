"""DOCX -> PDF through one LibreOffice process, updating tables of contents first.

Run by the Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3 with
python3-uno), not imported by cwd_docs. Arguments: soffice, profile folder, start-up limit in
seconds, and the number of a "lifeline" file descriptor (or -1).

Protocol: once LibreOffice answers, prints `READY`. Then reads one job per line on stdin, a JSON
list [docx, pdf] or [docx, pdf, docx_out] (with docx_out, the document with its contents and
page references updated is also saved there as DOCX, so that it opens filled in Word; a document
having neither is not saved again, and its rendered DOCX stays the one delivered), and prints one line
per job: `OK {stage: seconds}` (the time of each stage as JSON, read by the benchmark's breakdown;
the parent reads only `OK`) or `FAIL message`; when LibreOffice itself died, it exits without a line (the
parent replaces the worker). End of stdin: LibreOffice is closed and the helper exits.
A start-up failure prints `FAIL message` instead of `READY`.

Nothing is left behind: this helper leads its own process group (its parent starts it in a new
session) and forks a watchdog first. The watchdog kills the whole group (LibreOffice's oosplash and
soffice.bin included) as soon as the lifeline reaches end of file (the parent closed it or died,
however abruptly) or this helper is gone. Only stdlib + uno.
"""

import json
import os
import select
import signal
import subprocess
import sys
import time
import uuid


def office_pipes(group=None):
    """The OSL_PIPE_* sockets our LibreOffice listens on (its --accept pipe, its SingleOfficeIPC pipe).

    LibreOffice makes them in /tmp whatever TMPDIR says and leaves them when it is killed; they are
    found as the Unix sockets bound by the processes of a process group (default: this helper's,
    which LibreOffice belongs to). Also imported by cwd_docs.lo_worker (stdlib only).
    """
    group = os.getpgrp() if group is None else group
    inodes = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[2]) != group:
                    continue
            for fd in os.listdir("/proc/%s/fd" % entry):
                link = os.readlink("/proc/%s/fd/%s" % (entry, fd))
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        except (OSError, ValueError, IndexError):
            continue
    paths = set()
    try:
        with open("/proc/net/unix") as table:
            next(table, None)
            for line in table:
                parts = line.split()
                if len(parts) >= 8 and parts[6] in inodes and os.path.basename(parts[7]).startswith("OSL_PIPE_"):
                    paths.add(parts[7])
    except OSError:
        pass
    return sorted(paths)


def record_pipes(record, known):
    """Add our LibreOffice's pipes to the record file (read by the parent and the watchdog)."""
    found = sorted(set(known) | set(office_pipes()))
    if found != known:
        try:
            with open(record + ".tmp", "w") as stream:
                stream.write("".join(path + "\n" for path in found))
            os.replace(record + ".tmp", record)
        except OSError:
            pass
    return found


def remove_pipes(record, also=()):
    """Remove the sockets listed in the record, and `also` (only OSL_PIPE_* sockets, nothing else)."""
    paths = list(also)
    try:
        with open(record) as stream:
            paths += [line.rstrip("\n") for line in stream if line.strip()]
    except OSError:
        pass
    for path in paths:
        try:
            if os.path.basename(path).startswith("OSL_PIPE_") and stat_is_socket(path):
                os.unlink(path)
        except OSError:
            pass


def stat_is_socket(path):
    import stat

    return stat.S_ISSOCK(os.lstat(path).st_mode)


def start_watchdog(lifeline, record):
    """Fork a process that kills this process group when the lifeline closes or this helper dies."""
    helper = os.getpid()
    if os.fork() != 0:
        if lifeline >= 0:
            os.close(lifeline)
        return
    try:
        for fd in (0, 1, 2):
            try:
                os.close(fd)
            except OSError:
                pass
        while True:
            if os.getppid() != helper:
                break
            if lifeline >= 0:
                ready, _, _ = select.select([lifeline], [], [], 0.5)
                if ready and not os.read(lifeline, 64):
                    break
            else:
                time.sleep(0.5)
    finally:
        try:
            remove_pipes(record)  # what a killed LibreOffice would leave in /tmp
        finally:
            os.killpg(0, signal.SIGKILL)
            os._exit(0)


def main():
    soffice, profile_dir = sys.argv[1], sys.argv[2]
    startup_limit = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    lifeline = int(sys.argv[4]) if len(sys.argv) > 4 else -1
    record = os.path.join(os.path.dirname(os.path.abspath(profile_dir)), "pipes")
    start_watchdog(lifeline, record)
    import uno  # noqa: E402  (only available in LibreOffice's Python)
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    def say(line):
        sys.stdout.write(line.replace("\n", " ") + "\n")
        sys.stdout.flush()

    pipe = "cwd_docs_" + uuid.uuid4().hex
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=file://" + os.path.abspath(profile_dir),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        deadline = time.time() + startup_limit
        pipes, attempts = [], 0
        while context is None:
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                if time.time() > deadline or office.poll() is not None:
                    say("FAIL LibreOffice nie uruchomił się (brak połączenia z procesem soffice)")
                    return 3
                attempts += 1
                if attempts % 4 == 0:  # a LibreOffice hanging at start-up may have made its pipes
                    pipes = record_pipes(record, pipes)
                time.sleep(0.05)
        record_pipes(record, pipes)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        say("READY")
        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            if office.poll() is not None:
                return 4  # the office died while idle: end of output tells the parent to replace this worker
            try:
                stages = convert(uno, prop, desktop, job[0], job[1], job[2] if len(job) > 2 else None)
                say("OK " + json.dumps(stages))
            except Exception as exc:  # report and go on with the next document
                if type(exc).__name__ == "DisposedException" or office_died(office, desktop):
                    return 4  # a crash, not this document's fault: the parent retries it on a new worker
                say("FAIL %s" % exc)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()
        remove_pipes(record)
    return 0


def office_died(office, desktop):
    """Whether LibreOffice itself is gone (not just this document failing): its process ended or
    its UNO connection no longer answers."""
    try:
        office.wait(timeout=1.0)  # oosplash ends within milliseconds of a killed soffice.bin
        return True
    except subprocess.TimeoutExpired:
        pass
    try:
        desktop.getCurrentComponent()
        return False
    except Exception:
        return True


def convert(uno, prop, desktop, source, target, updated_docx):
    """Convert one document; returns the seconds each stage took."""
    stages = {}
    clock = [time.perf_counter()]

    def lap(name):
        now = time.perf_counter()
        stages[name] = round(now - clock[0], 4)
        clock[0] = now

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
        (prop("Hidden", True), prop("ReadOnly", False)))
    if document is None:
        raise RuntimeError("LibreOffice nie otworzył pliku")
    lap("load")
    try:
        filled = False  # whether LibreOffice fills in anything Word would show empty or stale
        if hasattr(document, "getDocumentIndexes"):
            indexes = document.getDocumentIndexes()
            filled = indexes.getCount() > 0
            # Twice: the index itself may shift page numbers on the first pass.
            for _ in range(2 if filled else 0):
                for i in range(indexes.getCount()):
                    indexes.getByIndex(i).update()
        lap("toc")
        if hasattr(document, "getTextFields"):
            fields = document.getTextFields()
            fields.refresh()
            if not filled:
                found = fields.createEnumeration()
                while found.hasMoreElements() and not filled:
                    filled = found.nextElement().supportsService("com.sun.star.text.TextField.GetReference")
        lap("fields")
        # Tagged (logical structure, language from the document), bookmarks from the
        # headings, the title shown in the window: a PDF that can be published in a BIP.
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", (
            prop("UseTaggedPDF", True), prop("ExportBookmarks", True),
            prop("DisplayPDFDocumentTitle", True), prop("ExportNotes", False),
            prop("SelectPdfVersion", 2)))  # PDF/A-2b: archivable, at no noticeable cost
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                            (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data)))
        lap("pdf")
        # A document without contents or page references is delivered as rendered: page numbers and
        # NUMPAGES are counted by Word itself, so LibreOffice's copy would add nothing.
        if updated_docx and filled:
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(updated_docx)),
                                (prop("FilterName", "MS Word 2007 XML"),))
            lap("docx")
    finally:
        document.close(True)
        lap("close")
    return stages


if __name__ == "__main__":
    sys.exit(main())
