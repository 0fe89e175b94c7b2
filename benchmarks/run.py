#!/usr/bin/env python3
"""Performance benchmarks of cwd_docs, printed as one markdown table with targets.

    python benchmarks/run.py            # full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # CI-sized run (under ~2 minutes)
    python benchmarks/run.py --profile  # also cProfile the largest schedule (1000 rows)

Sections (see benchmarks/README.md):
  1. library overhead vs raw docxtpl          5. schedule scaling with the number of tasks
  2. cold CLI start-up                        6. warm converter vs a bare soffice (build --pdf)
  3. package of 20 projects (time, peak RSS)  7. watch: save -> rebuilt PDF
  4. PDF conversion of the package's DOCX     8. national scale: N partnerships x 61 documents, re-runs
                                              9. package PDF vs a bare soffice batch, re-runs, breakdown

Everything is written to a temporary directory that is removed at the end; nothing is written
into the repository. A failing section is reported in the table and the others still run.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime as dt
import io
import json
import math
import os
import platform
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "walcz"
PROJECT_FILE = EXAMPLES / "projekt-p01.yaml"
N_PROJECTS = 20


# --------------------------------------------------------------------------------------------
# Results table
# --------------------------------------------------------------------------------------------

@dataclass
class Row:
    section: str
    measurement: str
    result: str
    target: str = ""
    ok: bool | None = None  # None: informational, no target

    @property
    def status(self) -> str:
        return {True: "✅", False: "❌", None: "—"}[self.ok]


ROWS: list[Row] = []
NOTES: list[str] = []


def row(section: str, measurement: str, result: str, target: str = "", ok: bool | None = None) -> None:
    ROWS.append(Row(section, measurement, result, target, ok))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def median_time(func: Callable[[], Any], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def run_process(cmd: list[str], timeout: float, cwd: Path | None = None, env: dict | None = None
                ) -> subprocess.CompletedProcess:
    """Run cmd in its own session; on timeout kill the whole group (soffice forks soffice.bin)."""
    process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"timed out after {timeout:.0f} s: {' '.join(cmd[:6])} ...") from None
    return subprocess.CompletedProcess(cmd, process.returncode, out, err)


def check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        tail = (result.stderr or result.stdout or "").strip()[-800:]
        raise RuntimeError(f"{what} failed with exit code {result.returncode}: {tail}")


# --------------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------------

def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def uno_available() -> bool:
    try:
        return subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def libreoffice_version() -> str:
    soffice = soffice_path()
    if not soffice:
        return "not installed"
    try:
        with tempfile.TemporaryDirectory(prefix="cwd_bench_ver_") as profile:
            out = run_process([soffice, f"-env:UserInstallation=file://{profile}", "--version"], timeout=60)
        return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "unknown"
    except Exception as exc:  # noqa: BLE001 - only informational
        return f"unknown ({exc})"


def header() -> str:
    return "\n".join([
        f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: nproc={os.cpu_count()} ({platform.machine()}, {platform.system()} {platform.release()})",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- LibreOffice: {libreoffice_version()}",
    ])


# --------------------------------------------------------------------------------------------
# 1. Library overhead vs raw docxtpl
# --------------------------------------------------------------------------------------------

def bench_library_overhead(tmp: Path, repeats: int) -> None:
    import cwd_docs
    from cwd_docs.rendering.environment import FILTERS
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    doc_type = cwd_docs.get_document_type("feasibility")
    validated = cwd_docs.validate("feasibility", PROJECT_FILE)
    if not validated.ok:
        raise RuntimeError("example does not validate: " + "; ".join(p.describe() for p in validated.errors))
    model = validated.model
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    lib_out, raw_out = tmp / "lib-feasibility.docx", tmp / "raw-feasibility.docx"

    def library() -> None:
        cwd_docs.build("feasibility", PROJECT_FILE, output=lib_out)

    def raw() -> None:
        context = doc_type.build_context(model)
        template = DocxTemplate(str(doc_type.template))
        template.render(context, jinja_env=env, autoescape=True)
        template.save(str(raw_out))

    def validate_only() -> None:
        cwd_docs.validate("feasibility", PROJECT_FILE)

    library()  # warm-up: imports, template bytes, compiled Jinja template
    raw()
    # Interleave so that background noise hits both alike.
    lib_times, raw_times = [], []
    for _ in range(repeats):
        lib_times.append(median_time(library, 1)[0])
        raw_times.append(median_time(raw, 1)[0])
    lib, rawt = statistics.median(lib_times), statistics.median(raw_times)
    val, _ = median_time(validate_only, repeats)
    ratio = lib / rawt
    row("1", "feasibility via `cwd_docs.build` (warm, incl. YAML load + validation + write)", fmt_s(lib))
    row("1", "same template + context via raw docxtpl (context build + render + save)", fmt_s(rawt))
    row("1", "ratio library / raw", f"{ratio:.2f}×", "≤ 1.25×", ratio <= 1.25)
    row("1", "… of which `cwd_docs.validate` (load + schema + rules)", fmt_s(val))


# --------------------------------------------------------------------------------------------
# 2. Cold CLI
# --------------------------------------------------------------------------------------------

def bench_cold_cli(tmp: Path, repeats: int) -> None:
    out = tmp / "cli-analiza.docx"
    cases = [
        ("`python -m cwd_docs build feasibility … -o TMP`", ["build", "feasibility",
                                                            str(PROJECT_FILE.relative_to(ROOT)), "-o", str(out)], 1.0),
        ("`python -m cwd_docs --help`", ["--help"], 0.3),
        ("`python -m cwd_docs list`", ["list"], 0.3),
    ]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    for label, args, target in cases:
        cmd = [sys.executable, "-m", "cwd_docs", *args]
        check(run_process(cmd, 120, cwd=ROOT, env=env), " ".join(args))  # warm the OS file cache and .pyc
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            check(run_process(cmd, 120, cwd=ROOT, env=env), " ".join(args))
            times.append(time.perf_counter() - start)
        med = statistics.median(times)
        row("2", f"cold CLI {label} (median of {repeats})", fmt_s(med), f"≤ {fmt_s(target)}", med <= target)
    external = external_plugins()
    if external:
        # Plugins installed in this environment are loaded on every start; show the core's own cost.
        blocked_env = dict(env, CWD_DOCS_BLOCK_PLUGINS=",".join(external))
        for label, args, target in cases:
            if args == ["--help"]:
                continue
            cmd = [sys.executable, "-m", "cwd_docs", *args]
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                check(run_process(cmd, 120, cwd=ROOT, env=blocked_env), " ".join(args))
                times.append(time.perf_counter() - start)
            row("2", f"… same with the installed external plugin(s) {', '.join(external)} blocked "
                     f"(`CWD_DOCS_BLOCK_PLUGINS`), {label}", fmt_s(statistics.median(times)))


def external_plugins() -> list[str]:
    """Entry-point plugins of group cwd_docs installed by other distributions."""
    from importlib.metadata import entry_points

    names = []
    for ep in entry_points(group="cwd_docs"):
        dist = getattr(ep, "dist", None)
        if dist is None or dist.name.replace("_", "-").lower() != "cwd-docs":
            names.append(ep.name)
    return sorted(set(names))


# --------------------------------------------------------------------------------------------
# 3. Package of 20 projects
# --------------------------------------------------------------------------------------------

def make_package_folder(folder: Path, n_projects: int = N_PROJECTS) -> list[str]:
    """The example partnership with n_projects copies of P-01 (P-01…P-NN) and a strategy listing them.

    Made so that it validates whatever rules the example's data obeys: every copy is P-01 with
    only its code changed, and every amount of the strategy's financial framework is scaled by
    n_projects, so the framework covers n_projects × P-01 wherever it covered P-01 (per year, per
    source, EU or total). The strategy is rewritten as data, not as text.
    """
    import yaml

    folder.mkdir(parents=True)
    for item in EXAMPLES.iterdir():  # the partnership file, maps, anything else the example reads
        if item.name.startswith("projekt-") or item.name == "strategia.yaml":
            continue
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, folder / item.name)
    project_text = PROJECT_FILE.read_text(encoding="utf-8")
    if project_text.count("\n  code: P-01\n") != 1:
        raise RuntimeError(f"{PROJECT_FILE.name}: expected exactly one line '  code: P-01'")
    names = []
    for i in range(1, n_projects + 1):
        name = f"projekt-p{i:02d}.yaml"
        (folder / name).write_text(project_text.replace("\n  code: P-01\n", f"\n  code: P-{i:02d}\n"),
                                   encoding="utf-8")
        names.append(name)
    strategy = yaml.safe_load((EXAMPLES / "strategia.yaml").read_text(encoding="utf-8"))
    if not isinstance(strategy.get("projects"), list):
        raise RuntimeError("strategia.yaml: no top-level 'projects:' list")
    strategy["projects"] = names
    frameworks = _scale_frameworks(strategy, n_projects)
    if not frameworks:
        raise RuntimeError("strategia.yaml: no 'financial_framework' to scale with the copied projects")
    (folder / "strategia.yaml").write_text(
        yaml.safe_dump(strategy, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return names


def _scale_frameworks(node: Any, factor: int) -> int:
    """Multiply every amount inside each `financial_framework` found in node; returns how many."""
    found = 0
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "financial_framework":
                node[key] = _scaled(value, factor)
                found += 1
            else:
                found += _scale_frameworks(value, factor)
    elif isinstance(node, list):
        found += sum(_scale_frameworks(value, factor) for value in node)
    return found


def _scaled(node: Any, factor: int) -> Any:
    if isinstance(node, bool):
        return node
    if isinstance(node, int):
        return node * factor
    if isinstance(node, float):
        return round(node * factor, 2)
    if isinstance(node, dict):
        return {key: _scaled(value, factor) for key, value in node.items()}
    if isinstance(node, list):
        return [_scaled(value, factor) for value in node]
    return node


MEMORY_CHILD = """
import sys, time
from cwd_docs.package.build import build_package
start = time.perf_counter()
result = build_package(sys.argv[1], sys.argv[2])
print(len(result.docx), time.perf_counter() - start)
"""

# The wrapper's RUSAGE_CHILDREN sees only the package build: nothing else ran under it.
MEMORY_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2], sys.argv[3]], capture_output=True, text=True)
wall = time.perf_counter() - start
if done.returncode != 0:
    sys.stderr.write(done.stderr[-2000:])
    sys.exit(done.returncode)
print(done.stdout.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, wall)
"""


def bench_package(tmp: Path, repeats: int) -> list[Path]:
    """repeats == 0: only the fresh subprocess (its build_package time, wall time and peak RSS)."""
    from cwd_docs.package.build import build_package, validate_package

    folder = tmp / "pakiet-wejscie"
    make_package_folder(folder)
    expected = 1 + 3 * N_PROJECTS
    documents, problems = validate_package(folder)
    errors = [p for p in problems if p.is_error]
    if errors:
        listing = "\n  ".join(p.describe() for p in errors[:20])
        raise RuntimeError(f"generated package does not validate:\n  {listing}")
    if len(documents) != expected:
        raise RuntimeError(f"generated package plans {len(documents)} documents, expected {expected}")

    # A fresh subprocess; the wrapper's RUSAGE_CHILDREN holds only this build's peak RSS.
    out = tmp / "pakiet-wynik-subprocess"
    done = run_process([sys.executable, "-c", MEMORY_WRAPPER, MEMORY_CHILD, str(folder), str(out)], 600)
    check(done, "package build subprocess")
    count, child_time, maxrss_kb, wall = done.stdout.split()
    mb = int(maxrss_kb) / 1024  # Linux reports kilobytes
    outputs = sorted(out.glob("*.docx"), key=lambda p: (p.stem != "strategia", p.name))
    if int(count) != expected or len(outputs) != expected:
        raise RuntimeError(f"package built {count} documents, expected {expected}")

    scope = f"{expected} DOCX (1 strategy + {N_PROJECTS}×3)"
    if repeats:
        times = []
        for i in range(repeats):
            target = tmp / f"pakiet-wynik-{i}"
            start = time.perf_counter()
            build_package(folder, target)
            times.append(time.perf_counter() - start)
            shutil.rmtree(target, ignore_errors=True)
        med = statistics.median(times)
        row("3", f"`build_package`, {scope}, in-process, median of {repeats}", fmt_s(med), "≤ 10 s", med <= 10)
        row("3", "`build_package` in a fresh subprocess (first build in the process)", fmt_s(float(child_time)))
    else:
        row("3", f"`build_package`, {scope}, in a fresh subprocess (first build in the process)",
            fmt_s(float(child_time)), "≤ 10 s", float(child_time) <= 10)
    row("3", "fresh subprocess wall time (interpreter + imports + build)", fmt_s(float(wall)))
    row("3", "fresh subprocess peak memory (max RSS, `RUSAGE_CHILDREN`)", f"{mb:.0f} MB", "≤ 400 MB", mb <= 400)
    return outputs


# --------------------------------------------------------------------------------------------
# 4. PDF conversion
# --------------------------------------------------------------------------------------------

def bench_pdf(tmp: Path, docx_files: list[Path], quick: bool) -> None:
    soffice = soffice_path()
    if not soffice or not uno_available():
        missing = "soffice" if not soffice else "`/usr/bin/python3 -c 'import uno'`"
        row("4", f"PDF conversion — SKIPPED: {missing} unavailable", "skipped", "", None)
        NOTES.append(f"Section 4 skipped: {missing} is unavailable "
                     "(sudo apt-get install libreoffice-writer-nogui python3-uno fonts-crosextra-carlito).")
        return
    from cwd_docs.conversion.pdf import convert_parallel

    files = docx_files[:10] if quick else list(docx_files)
    scope = f"{len(files)} DOCX" + (" (--quick: first 10 of the package)" if quick else "")
    if quick:
        NOTES.append(f"--quick: section 4 converts only the first 10 of the package's {len(docx_files)} DOCX files.")

    # (a) our converter: 2 workers, each one LibreOffice with a private profile, TOC/fields updated
    out_a = tmp / "pdf-a"
    out_a.mkdir()
    pairs = [(f, out_a / f.with_suffix(".pdf").name) for f in files]
    log(f"4a: convert_parallel({len(pairs)} files, jobs=2)")
    start = time.perf_counter()
    convert_parallel(pairs, jobs=2)
    time_a = time.perf_counter() - start
    missing = [t.name for _, t in pairs if not t.exists() or t.stat().st_size == 0]
    if missing:
        raise RuntimeError(f"convert_parallel did not produce: {missing[:5]}")

    # (b) one soffice process per file, sequential, each with its own fresh profile
    out_b = tmp / "pdf-b"
    out_b.mkdir()
    log(f"4b: {len(files)} × soffice --convert-to pdf (one process per file)")
    start = time.perf_counter()
    for index, source in enumerate(files):
        profile = tmp / "profiles-b" / str(index)
        done = run_process([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(out_b), str(source)], 300)
        check(done, f"soffice --convert-to pdf {source.name}")
    time_b = time.perf_counter() - start
    shutil.rmtree(tmp / "profiles-b", ignore_errors=True)

    # (c) one soffice process for all files
    out_c = tmp / "pdf-c"
    out_c.mkdir()
    log(f"4c: one soffice --convert-to pdf for {len(files)} files")
    start = time.perf_counter()
    done = run_process([soffice, f"-env:UserInstallation={(tmp / 'profile-c').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_c), *map(str, files)], 1200)
    check(done, "soffice --convert-to pdf (all files)")
    time_c = time.perf_counter() - start
    shutil.rmtree(tmp / "profile-c", ignore_errors=True)
    for folder in (out_b, out_c):
        produced = len(list(folder.glob("*.pdf")))
        if produced != len(files):
            raise RuntimeError(f"soffice produced {produced} PDFs in {folder.name}, expected {len(files)}")

    row("4", f"(a) `convert_parallel(jobs=2)`, {scope}, TOC + fields updated", fmt_s(time_a))
    row("4", f"(b) one `soffice --convert-to pdf` per file, sequential, {scope}", fmt_s(time_b))
    row("4", f"(c) one `soffice --convert-to pdf` for all files, {scope}", fmt_s(time_c))
    row("4", "ratio (b)/(a)", f"{time_b / time_a:.2f}×", "≥ 3×", time_b / time_a >= 3)
    row("4", "ratio (a)/(c)", f"{time_a / time_c:.2f}×", "≤ 1.3×", time_a / time_c <= 1.3)


# --------------------------------------------------------------------------------------------
# 5. Schedule scaling
# --------------------------------------------------------------------------------------------

def max_tasks() -> int:
    """The most tasks a schedule may have (the tool refuses longer lists: bounded memory)."""
    try:
        from cwd_docs.domain.project import MAX_TASKS
    except ImportError:  # moved: the limit as the README states it
        return 1000
    return int(MAX_TASKS)


def schedule_data(base: dict, n_tasks: int) -> dict:
    """The example with its tasks replicated to n_tasks rows; costs still add up to the total."""
    data = copy.deepcopy(base)
    originals = base["project"]["tasks"]
    tasks = []
    for i in range(n_tasks):
        task = copy.deepcopy(originals[i % len(originals)])
        task["id"] = f"T{i + 1}"
        task["depends_on"] = []
        if i >= len(originals):  # the example's own tasks carry the whole cost
            # A copy keeps only the original's plain fields, at no cost: every breakdown of a cost
            # (per year, per quarter, per member, whatever rules come) stays with the original.
            task = {key: value for key, value in task.items() if not isinstance(value, (dict, list))}
            task["cost"] = 0
            for key in ("costs_by_year", "costs_by_quarter", "financed_by", "financing_shares", "financing_amounts"):
                task.pop(key, None)  # a copy without cost has no cost split nor financing
            task["depends_on"] = []
            task["name"] = f"{task['name']} ({i // len(originals) + 1})"
        tasks.append(task)
    data["project"]["tasks"] = tasks
    return data


class StageTimer:
    """Times a few docxtpl stages of the library's template class (diagnostics only; private API).

    render_xml_part: Jinja render + docxtpl's listing/regex post-processing; fix_tables: docxtpl's
    pure-Python table-grid pass; map_tree: lxml moving the rendered body into the document.
    """

    STAGES = ("render_xml_part", "fix_tables", "map_tree")

    def __init__(self) -> None:
        self.times = dict.fromkeys(self.STAGES, 0.0)
        self.saved: dict[str, Any] = {}
        self.cls: Any = None
        try:
            from cwd_docs.rendering import caching_template_class

            self.cls = caching_template_class()
        except Exception:  # noqa: BLE001 - internals changed: no breakdown, the benchmark still runs
            self.cls = None

    def __enter__(self) -> "StageTimer":
        if self.cls is None:
            return self
        self.saved = {name: self.cls.__dict__.get(name) for name in self.STAGES}
        for name in self.STAGES:
            original = getattr(self.cls, name, None)
            if original is None:
                continue

            def timed(obj: Any, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return _original(obj, *args, **kwargs)
                finally:
                    self.times[_name] += time.perf_counter() - start

            setattr(self.cls, name, timed)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.cls is None:
            return
        for name, original in self.saved.items():
            if original is None:
                delattr(self.cls, name)  # back to the inherited method
            else:
                setattr(self.cls, name, original)  # the library's own override

    def reset(self) -> None:
        self.times = dict.fromkeys(self.STAGES, 0.0)


def bench_schedule(repeats_by_size: dict[int, int], profile: bool) -> None:
    from cwd_docs.api import get_document_type, render
    from cwd_docs.loading import load_input
    from cwd_docs.validation.validate import validate_data

    doc_type = get_document_type("schedule")
    base = load_input(PROJECT_FILE, doc_type.include_keys).data
    timer = StageTimer()

    def build(data: dict) -> tuple[float, float, dict[str, float]]:
        timer.reset()
        start = time.perf_counter()
        model, problems = validate_data(doc_type, data, base_dir=EXAMPLES)
        validated = time.perf_counter()
        errors = [p for p in problems if p.is_error]
        if model is None or errors:
            listing = "\n  ".join(p.describe() for p in problems[:20])
            raise RuntimeError(f"generated schedule with {len(data['project']['tasks'])} tasks is invalid:\n  {listing}")
        if not render(doc_type, model):
            raise RuntimeError("render returned no bytes")
        return validated - start, time.perf_counter() - validated, dict(timer.times)

    build(schedule_data(base, 8))  # warm-up
    results = {}
    with timer:
        for size, repeats in repeats_by_size.items():
            log(f"5: schedule with {size} tasks × {repeats}")
            runs = [build(schedule_data(base, size)) for _ in range(repeats)]
            runs.sort(key=lambda r: r[0] + r[1])
            val, ren, stages = runs[len(runs) // 2]  # the median run (repeats are odd)
            results[size] = (val + ren, val, ren, stages)
    sizes = sorted(results)
    for size in sizes:
        total, val, ren, stages = results[size]
        per_row = total / size * 1000
        # The largest schedule the tool accepts builds within 3 s (the limit was 5000 rows once).
        target, ok = ("≤ 3 s", total <= 3) if size == max(sizes) == max_tasks() else ("", None)
        detail = f"validate {fmt_s(val)}, render {fmt_s(ren)}"
        if timer.cls is not None:
            detail += (f" = Jinja+docxtpl XML {fmt_s(stages['render_xml_part'])}, docxtpl fix_tables "
                       f"{fmt_s(stages['fix_tables'])}, lxml body move (map_tree) {fmt_s(stages['map_tree'])}, rest "
                       f"{fmt_s(max(0.0, ren - sum(stages.values())))}")
        runs_note = f"median of {repeats_by_size[size]}" if repeats_by_size[size] > 1 else "1 run"
        row("5", f"schedule, {size} tasks, validate + render in memory ({runs_note}; {detail})",
            f"{fmt_s(total)} ({per_row:.2f} ms/row)", target, ok)
    for small, large in zip(sizes, sizes[1:]):
        marginal = (results[large][0] - results[small][0]) / (large - small) * 1000
        row("5", f"marginal time per row, {small} → {large} tasks", f"{marginal:.2f} ms/row")
    if len(sizes) >= 3:
        first = (results[sizes[1]][0] - results[sizes[0]][0]) / (sizes[1] - sizes[0])
        last = (results[sizes[-1]][0] - results[sizes[-2]][0]) / (sizes[-1] - sizes[-2])
        growth = last / first if first > 0 else float("inf")
        row("5", "linearity: marginal cost per row at the largest step vs the first step", f"{growth:.2f}×",
            "≈ 1× (linear; ≤ 1.5×)", growth <= 1.5)
    if timer.cls is not None and len(sizes) >= 2:
        # Per-stage cost per row at the largest size vs the second size (fixed costs matter less there).
        mid, big = sizes[1] if len(sizes) >= 3 else sizes[0], sizes[-1]

        def stages_of(size: int) -> dict[str, float]:
            total, val, ren, st = results[size]
            return {"validate": val, "Jinja+docxtpl XML": st["render_xml_part"], "fix_tables": st["fix_tables"],
                    "map_tree (lxml move)": st["map_tree"], "rest": max(0.0, ren - sum(st.values()))}

        at_mid, at_big = stages_of(mid), stages_of(big)
        growth_by_stage = {name: (at_big[name] / big) / (at_mid[name] / mid) if at_mid[name] > 0 else float("inf")
                           for name in at_big}
        big_total = results[big][0]
        # A stage is superlinear when its per-row cost more than doubles and it matters (≥ 10 % of the time).
        offenders = [name for name, g in growth_by_stage.items() if g > 2 and at_big[name] >= 0.1 * big_total]
        row("5", f"per-row cost by stage, {big} vs {mid} tasks"
                 + (f" — superlinear: {', '.join(offenders)}" if offenders else ""),
            ", ".join(f"{name} {g:.1f}×" for name, g in growth_by_stage.items()),
            "each ≈ 1× (≤ 2× for stages ≥ 10 % of time)", not offenders)

    if profile:
        size = max(sizes)
        data = schedule_data(base, size)
        profiler = cProfile.Profile()
        profiler.enable()
        model, _ = validate_data(doc_type, data, base_dir=EXAMPLES)
        render(doc_type, model)
        profiler.disable()
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(30)
        print(f"\n### cProfile of the {size}-task schedule (cumulative, top 30)\n\n```\n"
              + stream.getvalue().strip() + "\n```\n")
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(20)
        print(f"### cProfile of the {size}-task schedule (own time, top 20)\n\n```\n"
              + stream.getvalue().strip() + "\n```\n")


# --------------------------------------------------------------------------------------------
# 6. Warm converter vs a bare soffice; 7. watch latency; 8. national scale
# --------------------------------------------------------------------------------------------

def libreoffice_ready(section: str) -> bool:
    soffice = soffice_path()
    if soffice and uno_available():
        return True
    row(section, "SKIPPED: LibreOffice (soffice + python3-uno) unavailable", "skipped", "", None)
    return False


def service_env(tmp: Path, name: str) -> dict[str, str]:
    folder = Path(tempfile.mkdtemp(prefix="cwdb"))  # short: a socket's path has at most 107 bytes
    return dict(os.environ, CWD_DOCS_SERVER_DIR=str(folder), CWD_DOCS_SERVER_IDLE="600")


def stop_service(env: dict[str, str]) -> None:
    run_process([sys.executable, "-m", "cwd_docs", "converter", "stop"], 120, env=env)
    shutil.rmtree(env["CWD_DOCS_SERVER_DIR"], ignore_errors=True)


def bench_warm_converter(tmp: Path, repeats: int) -> None:
    """`build feasibility --pdf` with the warm service vs a bare soffice on the same DOCX, interleaved."""
    if not libreoffice_ready("6"):
        return
    soffice = soffice_path()
    env = service_env(tmp, "warm")
    out = tmp / "warm"
    out.mkdir()
    docx = out / "analiza.docx"
    cli = [sys.executable, "-m", "cwd_docs", "build", "feasibility", str(PROJECT_FILE), "-o", str(docx), "--pdf"]
    profile = (tmp / "bare-profile").as_uri()
    bare_out = tmp / "bare"
    bare_out.mkdir()
    try:
        check(run_process(cli, 300, env=env), "build --pdf (starts the service)")  # service and profile warm
        source = tmp / "bare-source.docx"
        shutil.copy2(docx, source)
        bare = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                str(bare_out), str(source)]
        check(run_process(bare, 300), "bare soffice (creates its profile)")
        one_shot = cli + ["--no-server"]
        times: dict[str, list[float]] = {"warm": [], "bare": [], "one-shot": []}
        for _ in range(repeats):  # interleaved: the machine's load hits all three alike
            for name, cmd, environment in (("warm", cli, env), ("bare", bare, None), ("one-shot", one_shot, env)):
                start = time.perf_counter()
                check(run_process(cmd, 300, env=environment), name)
                times[name].append(time.perf_counter() - start)
    finally:
        stop_service(env)
    warm, bare_t, cold = (statistics.median(times[k]) for k in ("warm", "bare", "one-shot"))
    row("6", f"`build feasibility … --pdf`, warm converter service (median of {repeats}; TOC, fields, PDF/A, filled DOCX)",
        fmt_s(warm))
    row("6", f"bare `soffice --convert-to pdf` of the same DOCX, warm profile (median of {repeats})", fmt_s(bare_t))
    row("6", f"`build feasibility … --pdf --no-server` (one-shot, median of {repeats})", fmt_s(cold))
    row("6", "ratio warm build / bare soffice", f"{warm / bare_t:.2f}×", "≤ 1.0×", warm / bare_t <= 1.0)
    row("6", "ratio one-shot build / bare soffice", f"{cold / bare_t:.2f}×")


WATCH_DRIVER = r"""
import os, signal, subprocess, sys, time
folder, out, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
process = subprocess.Popen([sys.executable, "-m", "cwd_docs", "watch", folder, "-o", out, "--pdf"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
pdf = os.path.join(out, "P-01-analiza-wykonalnosci.pdf")
project = os.path.join(folder, "projekt-p01.yaml")
try:
    deadline = time.time() + 300
    while not os.path.exists(pdf):
        if time.time() > deadline or process.poll() is not None:
            sys.exit("watch made no PDF")
        time.sleep(0.05)
    time.sleep(3)  # the first round's other documents
    text = open(project, encoding="utf-8").read()
    for i in range(repeats):
        before = os.stat(pdf).st_mtime_ns
        with open(project, "w", encoding="utf-8") as stream:  # an editor's save
            stream.write(text.replace("Wałcz", f"Wałcz {i}", 1))
        start = time.perf_counter()
        while os.stat(pdf).st_mtime_ns == before:
            if time.perf_counter() - start > 120:
                sys.exit("no rebuilt PDF within 120 s")
            time.sleep(0.01)
        print(time.perf_counter() - start, flush=True)
        time.sleep(2.5)  # the strategy and the other project documents
finally:
    process.send_signal(signal.SIGINT)
    process.wait(120)
"""


def bench_watch(tmp: Path, repeats: int) -> None:
    if not libreoffice_ready("7"):
        return
    folder = tmp / "watch-dane"
    shutil.copytree(EXAMPLES, folder)
    env = service_env(tmp, "watch")
    try:
        done = run_process([sys.executable, "-c", WATCH_DRIVER, str(folder), str(tmp / "watch-wynik"), str(repeats)],
                           900, env=env)
        check(done, "watch driver")
    finally:
        stop_service(env)
    latencies = [float(x) for x in done.stdout.split()]
    med = statistics.median(latencies)
    row("7", f"`watch --pdf`: save of a project file → its feasibility PDF rebuilt (median of {repeats}; "
             f"all: {', '.join(f'{x:.2f}' for x in latencies)} s)", fmt_s(med), "≤ 1.5 s", med <= 1.5)


def _office_rss_mb(marker: str) -> float:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() not in (entry / "cmdline").read_bytes():
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def bench_national(tmp: Path, sizes: list[int], n_projects: int = N_PROJECTS) -> None:
    """N partnerships × (1 strategy + n_projects × 3 documents), DOCX and PDF, one partnership after
    the other (`package --pdf --jobs 2` with the warm converter), as one 2-core machine would; then
    the re-run after one project file of each partnership changed (incremental: only that project's
    documents, the strategy and the combined PDF are made again)."""
    if not libreoffice_ready("8"):
        return
    source = tmp / "national-source"
    make_package_folder(source, n_projects)
    documents = 1 + 3 * n_projects
    env = service_env(tmp, "national")
    marker = env["CWD_DOCS_SERVER_DIR"]
    results: dict[int, tuple[float, float, float, float, float]] = {}
    try:
        check(run_process([sys.executable, "-m", "cwd_docs", "converter", "start"], 120, env=env), "converter start")
        for size in sizes:
            peak_office = [0.0]
            stop = threading.Event()

            def sample() -> None:
                while not stop.wait(0.5):
                    peak_office[0] = max(peak_office[0], _office_rss_mb(marker))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            peak_cli = 0.0
            first = rerun = 0.0
            remade: list[int] = []  # PDFs written again by each re-run (the combined one included)
            for n in range(size):
                data = tmp / f"national-{size}-{n}-dane"
                shutil.copytree(source, data)
                out = tmp / f"national-{size}-{n}"
                start = time.perf_counter()
                done = run_process([sys.executable, "-c", NATIONAL_CHILD, str(data), str(out)], 1800, env=env)
                first += time.perf_counter() - start
                check(done, f"package --pdf, partnership {n + 1} of {size}")
                peak_cli = max(peak_cli, int(done.stdout.split()[-1]) / 1024)
                project = data / "projekt-p01.yaml"  # the advisor's one change: the place it is signed in
                project.write_text(project.read_text(encoding="utf-8").replace("Wałcz", "Wałcz 1", 1), encoding="utf-8")
                written = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
                start = time.perf_counter()
                done = run_process([sys.executable, "-c", NATIONAL_CHILD, str(data), str(out)], 1800, env=env)
                rerun += time.perf_counter() - start
                check(done, f"package --pdf re-run, partnership {n + 1} of {size}")
                remade.append(sum(1 for p in out.glob("*.pdf") if written.get(p.name) != p.stat().st_mtime_ns))
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(data, ignore_errors=True)
            stop.set()
            sampler.join()
            results[size] = (first, rerun, peak_cli, peak_office[0], statistics.median(remade))
            log(f"8: {size} partnerships: {first:.1f} s, re-runs {rerun:.1f} s")
    finally:
        stop_service(env)
    for size, (elapsed, rerun, peak_cli, peak_office, pdfs_again) in results.items():
        count = size * documents
        row("8", f"{size} partnership(s) × {documents} documents = {count} DOCX + PDF (+ {size} combined PDF)",
            f"{fmt_s(elapsed)}; {count / elapsed * 60:.0f} documents/min; {elapsed / count:.2f} s/document; "
            f"peak memory: command {peak_cli:.0f} MB, LibreOffice {peak_office:.0f} MB")
        row("8", f"… re-run of the {size} partnership(s) after one project file of each changed (the project's 3 "
                 f"documents and the strategy rendered again; converted: those whose content changed; "
                 f"{pdfs_again:g} PDFs written again per partnership, the combined one included)",
            f"{fmt_s(rerun)}; {rerun / size:.2f} s/partnership; {rerun / elapsed:.2f}× the first build")
    if len(results) >= 2:
        smallest, largest = min(results), max(results)
        per_small = results[smallest][0] / (smallest * documents)
        per_large = results[largest][0] / (largest * documents)
        growth = per_large / per_small
        row("8", f"time per document, {largest} vs {smallest} partnership(s)", f"{growth:.2f}×", "≈ 1× (linear; ≤ 1.3×)",
            growth <= 1.3)
        memory_growth = results[largest][2] / max(results[smallest][2], 1)
        row("8", f"peak memory of the command, {largest} vs {smallest} partnership(s)", f"{memory_growth:.2f}×",
            "bounded (≤ 1.2×)", memory_growth <= 1.2)
        national = 100 * 60 * per_large
        row("8", "extrapolated: 100 partnerships × 60 documents, DOCX + PDF, this 2-core machine",
            f"{national / 3600:.1f} h ({national / 60:.0f} min)", "≤ 15 min", national <= 15 * 60)
        rerun_national = 100 * results[largest][1] / largest
        row("8", "extrapolated: re-run of 100 partnerships after one change in each",
            f"{rerun_national / 60:.1f} min", "≤ 2 min", rerun_national <= 120)
        # Partnerships are independent: K machines like this one, each building its share one after the other.
        row("8", "machines like this one for 100 × 60 in 15 min / for the re-run in 2 min (partnerships shared out)",
            f"{math.ceil(national / (15 * 60))} / {math.ceil(rerun_national / 120)}")
        NATIONAL["per_document"] = per_large
        NATIONAL["rerun_per_partnership"] = results[largest][1] / largest


NATIONAL: dict[str, float] = {}


NATIONAL_CHILD = r"""
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "cwd_docs", "package", sys.argv[1], "-o", sys.argv[2], "--pdf",
                       "--jobs", "2", "--quiet"], capture_output=True, text=True)
if done.returncode:
    sys.stderr.write(done.stderr[-2000:])
    sys.exit(done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


# --------------------------------------------------------------------------------------------
# 9. The package's PDF: warm package vs one bare soffice batch, re-runs, where the time goes
# --------------------------------------------------------------------------------------------

def bench_package_pdf(tmp: Path, repeats: int) -> None:
    """`package examples/walcz --pdf --jobs 2` (7 documents) with the warm converter against one bare
    `soffice --convert-to pdf` batch of the same seven DOCX files, interleaved; the unchanged re-run
    and the re-run after one project file changed; then a breakdown of the conversion by stage."""
    if not libreoffice_ready("9"):
        return
    from cwd_docs.package.build import build_package

    soffice = soffice_path()
    data = tmp / "pdf-dane"
    shutil.copytree(EXAMPLES, data)
    docx_dir = tmp / "pdf-docx"
    files = build_package(data, docx_dir).docx
    out = tmp / "pdf-pakiet"
    bare_out = tmp / "pdf-bare"
    bare_out.mkdir()
    env = service_env(tmp, "package-pdf")
    package = [sys.executable, "-m", "cwd_docs", "package", str(data), "-o", str(out), "--pdf", "--jobs", "2", "-q"]
    bare = [soffice, f"-env:UserInstallation={(tmp / 'pdf-bare-profile').as_uri()}", "--headless", "--convert-to",
            "pdf", "--outdir", str(bare_out), *map(str, files)]
    times: dict[str, list[float]] = {"package": [], "bare": []}
    try:
        check(run_process(package + ["--rebuild"], 600, env=env), "package --pdf (starts the service)")
        check(run_process(bare, 600), "bare soffice batch (creates its profile)")
        reruns: dict[str, list[float]] = {"unchanged": [], "one project changed": []}
        project = data / "projekt-p01.yaml"
        text = project.read_text(encoding="utf-8")
        remade: set[str] = set()  # the PDFs a one-project re-run wrote again (LibreOffice's work)
        # Interleaved: the full build, the bare batch and both re-runs in each round, so that the
        # machine's load (shared) hits them alike and the ratios compare like with like.
        for i in range(repeats):
            for name, cmd, environment in (("package", package + ["--rebuild"], env), ("bare", bare, None)):
                start = time.perf_counter()
                check(run_process(cmd, 600, env=environment), name)
                times[name].append(time.perf_counter() - start)
            start = time.perf_counter()
            check(run_process(package, 600, env=env), "package --pdf, unchanged")
            reruns["unchanged"].append(time.perf_counter() - start)
            project.write_text(text.replace("Wałcz", f"Wałcz {i}", 1), encoding="utf-8")  # the place it is signed in
            written = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
            start = time.perf_counter()
            check(run_process(package, 600, env=env), "package --pdf, one project changed")
            reruns["one project changed"].append(time.perf_counter() - start)
            remade |= {p.name for p in out.glob("*.pdf") if written.get(p.name) != p.stat().st_mtime_ns}
    finally:
        stop_service(env)
    first, bare_t = statistics.median(times["package"]), statistics.median(times["bare"])
    n = len(files)
    row("9", f"`package examples/walcz --pdf --jobs 2 --rebuild`, {n} DOCX + PDF + combined PDF, warm converter "
             f"(median of {repeats}; TOC, fields, PDF/A, filled DOCX, cover, merge; command start included)",
        fmt_s(first))
    row("9", f"one bare `soffice --convert-to pdf` batch of the same {n} DOCX, warm profile (median of {repeats})",
        fmt_s(bare_t))
    # Ratios: the median of each round's ratio (the rounds' loads differ; within a round they are alike).
    ratio = statistics.median(a / b for a, b in zip(times["package"], times["bare"]))
    row("9", "ratio package / bare batch (same run, interleaved; median of the rounds' ratios)", f"{ratio:.2f}×",
        "≤ 0.6×", ratio <= 0.6)
    for name, limit in (("unchanged", 0.15), ("one project changed", 0.5)):
        value = statistics.median(reruns[name])
        share = statistics.median(a / b for a, b in zip(reruns[name], times["package"]))
        what = ""
        if name != "unchanged":
            what = ("; PDFs written again: " + ", ".join(sorted(remade))
                    + " (the others' DOCX rendered to the same content, their PDFs kept)")
        row("9", f"re-run of `package --pdf`, {name} (median of {repeats}{what})",
            f"{fmt_s(value)} ({share:.2f}× the full build of the same round)", f"≤ {limit}× the full build",
            share <= limit)
    package_breakdown(tmp, files, data)


def package_breakdown(tmp: Path, files: list[Path], data: Path) -> None:
    """One LibreOffice worker (the converter's own helper, private profile) converting the package's
    documents as the package does; the helper reports each stage's time. Plus DOCX rendering and merging."""
    import cwd_docs
    from cwd_docs.package.build import combine_pdfs, validate_package
    from cwd_docs.conversion.pdf import find_converter

    converter = find_converter()
    helper = Path(cwd_docs.__file__).parent / "conversion" / "_uno_convert.py"
    work = tmp / "breakdown"
    work.mkdir()
    profile = work / "profile"
    process = subprocess.Popen([converter.python, str(helper), converter.soffice, str(profile), "120", "-1"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    stages: dict[str, float] = {}
    try:
        start = time.perf_counter()
        assert process.stdin is not None and process.stdout is not None
        if process.stdout.readline().strip() != "READY":
            raise RuntimeError("the converter's helper did not start LibreOffice")
        startup = time.perf_counter() - start
        pdfs = []
        start = time.perf_counter()
        for source in files:
            copy = work / source.name
            shutil.copy2(source, copy)
            pdf = copy.with_suffix(".pdf")
            process.stdin.write(json.dumps([str(copy), str(pdf), str(copy)]) + "\n")
            process.stdin.flush()
            status, _, detail = process.stdout.readline().strip().partition(" ")
            if status != "OK":
                raise RuntimeError(f"conversion of {source.name} failed: {detail}")
            for name, seconds in json.loads(detail or "{}").items():
                stages[name] = stages.get(name, 0.0) + seconds
            pdfs.append(pdf)
        converting = time.perf_counter() - start
        process.stdin.close()
        process.wait(60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    documents, _ = validate_package(data)
    start = time.perf_counter()
    combine_pdfs(documents, pdfs[0], pdfs, work / "pakiet.pdf")
    merging = time.perf_counter() - start
    from cwd_docs.package.build import build_package

    start = time.perf_counter()
    build_package(data, work / "docx", rebuild=True)
    rendering = time.perf_counter() - start
    total = startup + converting + merging + rendering
    labels = {"load": "DOCX load", "toc": "TOC update (2 passes)", "fields": "fields refresh",
              "pdf": "tagged PDF/A export", "docx": "DOCX re-save", "close": "close"}
    parts = [("LibreOffice start", startup)] + [(labels.get(k, k), v) for k, v in stages.items()] + [
        ("validate + render DOCX (in-process)", rendering), ("merging (pypdf)", merging)]
    row("9", f"breakdown, one worker, {len(files)} documents in sequence (total {fmt_s(total)})",
        "; ".join(f"{name} {fmt_s(value)} ({value / total:.0%})" for name, value in parts))


# --------------------------------------------------------------------------------------------

def print_table() -> None:
    print("| # | measurement | result | target | met |")
    print("|---|---|---|---|---|")
    for r in ROWS:
        print(f"| {r.section} | {r.measurement} | {r.result} | {r.target} | {r.status} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller CI-sized run (under ~2 minutes)")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest schedule and print it")
    parser.add_argument("--skip", default="", help="comma-separated section numbers to skip, e.g. 4")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    try:
        import cwd_docs  # noqa: F401
    except ImportError as exc:
        print(f"error: cannot import cwd_docs ({exc}); install it first: python -m pip install -e .",
              file=sys.stderr)
        return 2
    if not PROJECT_FILE.is_file():
        print(f"error: example input {PROJECT_FILE} not found", file=sys.stderr)
        return 2

    quick = args.quick
    started = time.perf_counter()
    docx_files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="cwd_docs_bench_") as work:
        tmp = Path(work)
        sections: list[tuple[str, str, Callable[[], Any]]] = [
            ("1", "library overhead", lambda: bench_library_overhead(tmp, 3 if quick else 7)),
            ("2", "cold CLI", lambda: bench_cold_cli(tmp, 3 if quick else 5)),
            ("3", "package of 20 projects", lambda: docx_files.extend(bench_package(tmp, 0 if quick else 3))),
            ("4", "PDF conversion", lambda: bench_pdf(tmp, docx_files, quick)),
            ("5", "schedule scaling", lambda: bench_schedule(
                {50: 3, 500: 3, max_tasks(): 1} if quick else {50: 5, 250: 3, 500: 3, max_tasks(): 1}, args.profile)),
            ("6", "warm converter", lambda: bench_warm_converter(tmp, 3 if quick else 7)),
            ("7", "watch latency", lambda: bench_watch(tmp, 3 if quick else 7)),
            ("8", "national scale", lambda: bench_national(tmp, [1, 2] if quick else [1, 5, 10],
                                                           5 if quick else N_PROJECTS)),
            ("9", "package PDF", lambda: bench_package_pdf(tmp, 3 if quick else 5)),
        ]
        for number, name, func in sections:
            if number in skip:
                row(number, f"{name} — skipped (--skip)", "skipped")
                continue
            if number == "4" and not docx_files and "3" not in skip:
                row(number, f"{name} — not run: section 3 produced no DOCX files", "error", "", False)
                continue
            if number == "4" and "3" in skip:
                row(number, f"{name} — not run: needs section 3's DOCX files", "skipped")
                continue
            log(f"section {number}: {name}")
            try:
                func()
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # noqa: BLE001 - report and go on with the other sections
                if os.environ.get("CWD_DOCS_DEBUG"):
                    traceback.print_exc()
                message = str(exc).replace("\n", " ").replace("|", "/")[:300]
                row(number, f"{name} — ERROR", f"{type(exc).__name__}: {message}", "", False)
                print(f"section {number} ({name}) failed: {exc}", file=sys.stderr)
    total = time.perf_counter() - started

    print(f"\n## cwd_docs benchmarks ({'quick' if quick else 'full'} run, {fmt_s(total)})\n")
    print(header())
    print()
    print_table()
    for note in NOTES:
        print(f"\n- {note}")
    print()
    return 0 if all(r.ok is not False for r in ROWS) else 1


if __name__ == "__main__":
    sys.exit(main())
