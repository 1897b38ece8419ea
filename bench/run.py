"""All benchmarks, one command, one table: `python -m bench.run` (what `make bench` runs).

    python -m bench.run [--sizes 10000,100000,1000000] [--engines sqlite,postgresql]
                        [--output bench/results/latest.md] [--duration 20] [--clients 8]
                        [--workers 4] [--requests 100] [--report-runs 5]

For each engine and size, a fresh database of its own (bench.common.seed, `settled`: complaints
older than their handling time are finished, as in a real register), then:

1. the inbox's staff and projections (bench.inbox.prepare);
2. the yearly report for 2024, built in a child process of its own so its peak RSS is the
   report's (bench.report.measure, if that module offers it);
3. a gunicorn server (`--workers` sync workers): the inbox's scenarios one request at a time
   (bench.inbox.measure), then `--clients` concurrent residents filing complaints for
   `--duration` seconds (bench.submit_load.load); the workers' peak RSS (VmHWM) at the end.

Page weights once (they do not depend on the size). Rows are measures, columns engine × size;
the table and the conditions (load average before and after each column: the machine may be
shared) go to `--output` and to stdout, the raw figures to the same name with .json.
`--database-url` runs one size on a database given (empty; it is migrated and filled), e.g. a
test's own."""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

from bench import inbox, page_weight, submit_load
from bench.common import ENGINES, app_server, percentile, proc_status, seed, throwaway_database
from klachtenloket.throwaway import PG_ADMIN

RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"
SIZES = (10_000, 100_000, 1_000_000)
REQUESTS = 100          # timed inbox requests per scenario and column
REPORT_RUNS = 5         # timed report builds per column
NOT_MEASURED = "not measured"


# --- one column: an engine at a size ---------------------------------------------------------

def column(engine: str, size: int, args, database_url: str | None = None) -> dict:
    """Seed, prepare, and measure everything that depends on the size; returns the figures."""
    load_before = os.getloadavg()[0]
    if database_url:
        result = _measure(database_url, size, args)
    else:
        with throwaway_database(engine) as url:
            result = _measure(url, size, args)
    return {"engine": engine, "size": size, "load": (load_before, os.getloadavg()[0]), **result}


def _measure(url: str, size: int, args) -> dict:
    from klachtenloket import db

    _say(f"seeding {size:,} complaints")
    seed_s = seed(url, size, settled=True)
    _say(f"seeded in {seed_s:.0f} s; staff and inbox projections")
    prepared = inbox.prepare(url)
    database_mb = _database_mb(url)
    _say(f"report, {args.report_runs} builds")
    report = _report(url, args.report_runs)
    _say(f"gunicorn: inbox ({args.requests} requests a scenario), then {args.duration:.0f} s "
         f"of {args.clients} clients filing")
    with app_server(url, args.workers) as server:
        listed = inbox.measure(server.port, prepared["handler"], args.requests, prepared["totp"])
        filed = submit_load.load(server.port, args.clients, args.duration)
        worker_mb = max(server.peak_rss_mb())
    if hasattr(db.database.obj, "close_all"):   # before the database is dropped
        db.database.obj.close_all()
    totals = [t for t, _ in filed["timings"]]
    return {"seed_s": seed_s, "database_mb": database_mb, "open": prepared["open"],
            "prepare_s": prepared["prepare_s"],
            "submit": {"per_s": len(totals) / filed["elapsed"], "ok": len(totals),
                       "p95": percentile(totals, 95),
                       "send_p95": percentile([s for _, s in filed["timings"]], 95),
                       "failed": sum(filed["failures"].values()) + filed["warm_failed"],
                       "reasons": dict(filed["failures"])},
            "inbox": {name: percentile(t, 95) for name, t in listed["timings"].items()},
            "report": report, "worker_mb": worker_mb}


def _database_mb(url: str) -> float:
    from klachtenloket import db
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    with db.database.connection_context():
        return db.database.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6


def _report(url: str, runs: int) -> dict | None:
    """bench.report.measure in a fresh process (spawned, so nothing of the seeding counts to
    its peak RSS); None when bench.report has no measure(database_url, runs)."""
    try:
        from bench import report
    except ImportError:
        return None
    if not callable(getattr(report, "measure", None)):
        return None
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        try:
            return pool.submit(_report_in_child, url, runs).result()
        except Exception as exc:  # noqa: BLE001 — the other columns still count
            _say(f"the report failed: {exc!r}")
            return {"error": f"failed: {type(exc).__name__}"}


def _report_in_child(url: str, runs: int) -> dict:
    from bench import report
    from klachtenloket import db

    instance = tempfile.mkdtemp(prefix="kl-bench-report-")
    os.environ.update(KLACHTENLOKET_INSTANCE=instance, SECRET_KEY=os.urandom(32).hex())
    try:
        result = report.measure(url, runs)
    finally:
        if hasattr(db.database.obj, "close_all"):
            db.database.obj.close_all()
        shutil.rmtree(instance, ignore_errors=True)
    # VmHWM: the peak of this process, which did nothing else. (Not getrusage's ru_maxrss: Linux
    # carries that over exec from the forked parent, whose seeding was bigger.)
    return {**result, "rss_mb": int(proc_status(os.getpid())["VmHWM"].split()[0]) / 1024}


def _say(text: str) -> None:
    print(f"… {datetime.now():%H:%M:%S} {text}", file=sys.stderr, flush=True)


# --- the table ---------------------------------------------------------------------------------

def _ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.0f}"


def _report_cell(c: dict, what) -> str:
    if c["report"] is None:
        return NOT_MEASURED
    return c["report"].get("error") or what(c["report"])


def rows(weights: list[dict], columns: list[dict], args) -> list[tuple[str, list[str]]]:
    """(measure, a cell per column) in the table's order."""
    def each(what):
        return [what(c) for c in columns]

    def weight(w):  # the same in every column: shown once, then ditto marks
        return [f"{w['total_gz'] / 1024:.1f}"] + ["″"] * (len(columns) - 1)

    table = [(f"page weight KB gz, {w['page']} (HTML + CSS)", weight(w)) for w in weights]
    table += [
        ("seeding, s (complaints, events, tokens; INSERT … SELECT)", each(lambda c: f"{c['seed_s']:.1f}")),
        ("database size, MB", each(lambda c: f"{c['database_mb']:,.0f}")),
        ("open complaints (the inbox's list)", each(lambda c: f"{c['open']:,}")),
        (f"**submit: submissions/s** ({args.clients} clients, {args.workers} workers)",
         each(lambda c: f"{c['submit']['per_s']:.1f}")),
        ("**submit: p95 ms** (a whole submission, 5 requests)", each(lambda c: _ms(c["submit"]["p95"]))),
        ("submit: p95 ms of the final POST", each(lambda c: _ms(c["submit"]["send_p95"]))),
        ("submit: failed", each(lambda c: str(c["submit"]["failed"]))),
    ]
    for name, *_ in inbox.SCENARIOS:
        table.append((f"**inbox p95 ms**: {name}", each(lambda c, n=name: _ms(c["inbox"][n]))))
    table += [
        ("report 2024: complaints received / handled in it",
         each(lambda c: _report_cell(c, lambda r: f"{r['received']:,} / {r['handled']:,}"))),
        ("**report 2024: figures p50 ms**",
         each(lambda c: _report_cell(c, lambda r: _ms(percentile(r["timings"]["figures"], 50))))),
        ("report 2024: whole page p95 ms (figures, tables, template)",
         each(lambda c: _report_cell(c, lambda r: _ms(percentile(r["timings"]["page"], 95))))),
        ("**peak RSS MB: gunicorn worker** (largest)", each(lambda c: f"{c['worker_mb']:.0f}")),
        ("**peak RSS MB: building the report** (its process)",
         each(lambda c: _report_cell(c, lambda r: f"{r['rss_mb']:.0f}"))),
        ("load average (1 min) before / after", each(lambda c: f"{c['load'][0]:.1f} / {c['load'][1]:.1f}")),
    ]
    return table


def markdown(weights: list[dict], columns: list[dict], args) -> list[str]:
    heads = [f"{c['engine']} {_size(c['size'])}" for c in columns]
    lines = ["| measure | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows(weights, columns, args)]
    for c in columns:
        for reason, n in c["submit"]["reasons"].items():
            lines.append(f"- {c['engine']} {_size(c['size'])}: {n}× {reason}")
    return lines


def _size(n: int) -> str:
    for unit, name in ((1_000_000, "M"), (1_000, "k")):
        if n >= unit and n % unit == 0:
            return f"{n // unit}{name}"
    return f"{n:,}"


# --- the command ---------------------------------------------------------------------------------

def _list(kind, choices=None):
    def parse(text: str):
        values = [kind(v.strip().replace("_", "")) for v in text.split(",") if v.strip()]
        if choices and set(values) - set(choices):
            raise argparse.ArgumentTypeError(f"choose from {', '.join(choices)}")
        return values
    return parse


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=_list(int), default=list(SIZES),
                        help="complaints seeded, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--engines", type=_list(str, ENGINES), default=list(ENGINES),
                        help="sqlite,postgresql (default both)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"default {RESULTS}")
    parser.add_argument("--duration", type=float, default=20, help="seconds of submit load")
    parser.add_argument("--clients", type=int, default=8, help="concurrent residents filing")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="inbox requests per scenario")
    parser.add_argument("--report-runs", type=int, default=REPORT_RUNS, help="timed report builds")
    parser.add_argument("--database-url", help="one engine, one size, on this (empty) database")
    return parser


def main(argv: list[str] | None = None) -> list[str]:
    args = arguments().parse_args(argv)
    if args.database_url:
        if len(args.sizes) != 1:
            raise SystemExit("--database-url takes one size")
        args.engines = ["sqlite" if args.database_url.startswith("sqlite") else "postgresql"]
    started = time.monotonic()
    _say("page weights")
    weights = page_weight.measure()
    columns = []
    args.output.parent.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        for engine in args.engines:
            _say(f"{engine}, {size:,} complaints (load average {os.getloadavg()[0]:.1f})")
            columns.append(column(engine, size, args, args.database_url))
            lines = _document(weights, columns, args, argv, started)
            args.output.write_text("\n".join(lines))   # so far: a long run leaves what it has
            args.output.with_suffix(".json").write_text(json.dumps(
                {"weights": weights, "columns": columns}, indent=1, default=str))
    print("\n".join(lines), flush=True)
    print(f"written to {args.output}", file=sys.stderr)
    return lines


def _document(weights: list[dict], columns: list[dict], args, argv, started: float) -> list[str]:
    command = " ".join(["python -m bench.run", *(sys.argv[1:] if argv is None else argv)])
    return [f"# Benchmarks {datetime.now():%Y-%m-%d %H:%M}", "",
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, gunicorn "
            f"{_version('gunicorn')}, peewee {_version('peewee')}, SQLite {_sqlite_version()}, "
            f"{_postgres_version()}; command: `{command}`; "
            f"{(time.monotonic() - started) / 60:.0f} min in all", "",
            *page_weight.warnings(), *markdown(weights, columns, args), ""]


def _version(module: str) -> str:
    from importlib.metadata import version
    return version(module)


def _sqlite_version() -> str:
    import sqlite3
    return sqlite3.sqlite_version


def _postgres_version() -> str:
    import psycopg2
    try:
        conn = psycopg2.connect(connect_timeout=3, **PG_ADMIN)
    except psycopg2.Error:
        return "PostgreSQL not reachable"
    version = conn.server_version
    conn.close()
    return f"PostgreSQL {version // 10000}.{version % 10000}"


if __name__ == "__main__":
    main()
