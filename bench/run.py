"""All benchmarks, one report: `python -m bench.run` (what `make bench` runs).

Prints the page weights, the submit load and the inbox's latency on each engine as Markdown
tables, and writes them to bench/results/latest.md (git-ignored). Takes the options of
bench.submit_load."""
from __future__ import annotations

import os
import platform
import sys
from datetime import datetime
from pathlib import Path

from bench import inbox, page_weight, submit_load
from klachtenloket.throwaway import PG_ADMIN

RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"


def _version(module: str) -> str:
    from importlib.metadata import version
    return version(module)


def main():
    args = submit_load.arguments().parse_args()
    lines = [f"# Benchmarks {datetime.now():%Y-%m-%d %H:%M}", "",
             f"{os.cpu_count()} CPUs, Python {platform.python_version()}, gunicorn {_version('gunicorn')}, "
             f"peewee {_version('peewee')}, SQLite {_sqlite_version()}, {_postgres_version()}; "
             f"command: `{' '.join(['python -m bench.run', *sys.argv[1:]])}`", "",
             "## Page weight (HTML + same-host files, each gzip -6)", ""]
    lines += page_weight.warnings() + page_weight.table(page_weight.measure())
    print("\n".join(lines), flush=True)

    results = []
    for engine in args.engines:
        print(f"\n… {engine}: seeding {args.complaints:,} complaints, then {args.duration:.0f} s of load",
              file=sys.stderr, flush=True)
        results.append(submit_load.run(engine, args.complaints, args.duration, args.clients, args.workers))
    load = ["", f"## Filing a complaint end to end ({args.clients} concurrent clients, "
            "5 requests each: GET who, POST who, POST details, GET check, POST send)", ""]
    load += submit_load.table(results)
    print("\n".join(load), flush=True)

    listed = []
    for engine in args.engines:
        print(f"\n… {engine}: seeding {args.complaints:,} complaints for the inbox", file=sys.stderr,
              flush=True)
        listed.append(inbox.run(engine, args.complaints, inbox.REQUESTS))
    latency = ["", f"## The staff inbox ({inbox.REQUESTS} requests per scenario, one at a time)", ""]
    latency += inbox.table(listed)
    print("\n".join(latency))

    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines + load + latency) + "\n")
    print(f"\nwritten to {RESULTS}")


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
