"""`make bench` (python -m bench.run) works end to end: at a tiny size it seeds a database, files
complaints through a real gunicorn server, asks the inbox, builds the yearly report and writes
one table with a figure in every row, so a change that breaks one benchmark shows here and not
only when someone runs the hour-long benchmark."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_writes_one_table_with_every_row_filled(fresh_database_url, tmp_path):
    output = tmp_path / "results.md"
    subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "200",
                    "--database-url", fresh_database_url, "--output", str(output),
                    "--duration", "1", "--clients", "2", "--workers", "2", "--requests", "1",
                    "--report-runs", "1"],
                   cwd=ROOT, check=True, capture_output=True, text=True, timeout=300)

    rows = [line for line in output.read_text().splitlines() if line.startswith("| ")]
    header, body = rows[0], rows[1:]
    engine = "sqlite" if fresh_database_url.startswith("sqlite") else "postgresql"
    assert header == f"| measure | {engine} 200 |"
    cells = {re.sub(r"\*", "", line.split(" | ")[0][2:]): line.split(" | ")[1].rstrip(" |")
             for line in body}
    for measure in ("page weight KB gz, start", "submit: submissions/s", "inbox p95 ms: default inbox",
                    "report 2024: figures p50 ms", "peak RSS MB: gunicorn worker"):
        assert any(name.startswith(measure) for name in cells), measure
    empty = {name: cell for name, cell in cells.items()
             if not cell or cell in ("–", "nan", "not measured") or cell.startswith("failed")}
    assert empty == {}
    assert cells["submit: failed"] == "0"
    assert float(cells[next(n for n in cells if n.startswith("submit: submissions/s"))]) > 0
