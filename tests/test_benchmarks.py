"""The benchmark script keeps working (its numbers are not asserted: machines are noisy)."""

import subprocess
import sys

from conftest import ROOT


def test_benchmark_script_runs_its_first_section():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--skip", "2,3,4,5,6,7,8"],
                            capture_output=True, text=True, timeout=600)
    # Exit 1 means a target was missed (noisy machines), which the table shows; anything else is a crash.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 1 |")]
    assert any(line.startswith("| 1 | ratio library / raw |") for line in rows)
    assert rows and not any("error" in line.lower() or "traceback" in line.lower() for line in rows), rows
    if result.returncode == 1:
        assert "❌" in result.stdout, "exit 1 without a missed target in the table"
