"""How long the yearly report takes with a large register, on SQLite and on PostgreSQL.

    python -m bench.report [--complaints 1000000] [--runs 7] [--engines sqlite postgresql]

Each engine gets a throwaway, migrated database filled by ONE statement, INSERT … SELECT over a
row generator (PostgreSQL: generate_series; SQLite: a recursive CTE), with the register's
columns as the yearly report reads them, spread over 2021–2025 (so the 2024 report has its
three years before and a year after for what is carried over):

- channel, unit, category and municipality in uneven shares (web and Nieuwegein most);
- 3 % still open; the others handled 0–49 days after receipt: 80 % decided (closed, an
  outcome from WIL's list, 1 in 12 formal, a 6-week term, so about 15 % are late), 3 %
  withdrawn, 4 % declined, 2 % forwarded;
- a publication line on 1 in 20 upheld decisions (at this size that is still thousands a
  year — far more than a real report lists).

Only the complaint table is filled: the report reads nothing else. Then ANALYZE (PostgreSQL:
VACUUM ANALYZE, so the covering indexes are read without visiting the table, as autovacuum
would allow soon after a bulk load), one warm-up, and `--runs` timed builds of the 2024 figures
(klachtenloket.services.report.build) and of the whole page's HTML (figures, tables, template).
Prints p50/p95/max and the Python memory peak of one build (tracemalloc); the goal (issue 6) is
under 2 s, printed, not asserted."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc

from bench.common import ENGINES, throwaway_database

GOAL_S = 2.0
YEAR = 2024
FIRST_DAY, DAYS = "2021-01-01", 1826          # 2021-01-01 … 2025-12-31
RUNS = 7


def _pick(expression: str, choices: list[tuple[int, str]]) -> str:
    """CASE over `expression` (0–99): the first choice whose upper bound it is below."""
    whens = " ".join(f"WHEN {expression} < {bound} THEN {value}" for bound, value in choices)
    return f"(CASE {whens} END)"


def _columns(sqlite: bool) -> dict[str, str]:
    """The SQL of each filled column, over the generator's n (1…N) and `r` (received_on)."""
    day = ("date('{0}', '+' || ((n * 7919) % {1}) || ' days')" if sqlite
           else "(DATE '{0}' + ((n::bigint * 7919) % {1})::int)").format(FIRST_DAY, DAYS)
    after = ("date(r, '+' || ((n * 13) % 50) || ' days')" if sqlite
             else "(r + ((n * 13) % 50))")
    due = "date(r, '+42 days')" if sqlite else "(r + 42)"
    late = ("MAX(0, CAST(julianday(h) - julianday(d) AS INTEGER))" if sqlite
            else "GREATEST(0, h - d)")
    fate = "((n * 17) % 100)"
    decided = f"(n % 33 <> 0 AND {fate} < 91)"
    open_ = "(n % 33 = 0)"
    true, false = ("1", "0") if sqlite else ("TRUE", "FALSE")
    return {
        "reference": "'KL-B-' || n",
        "received_at": "r" if sqlite else "r::timestamp",
        "received_on": "r",
        "channel": _pick("((n * 7) % 100)", [(55, "'web'"), (75, "'email'"), (90, "'phone'"),
                                              (97, "'letter'"), (100, "'desk'")]),
        "language": "'nl'", "name": "'Inwoner'", "description": "'Bench'",
        "procedure_json": "'{}'",
        "unit": _pick("((n * 29) % 100)", [(15, "'Inkomen'"), (32, "'SHV'"),
                                           (43, "'Inkomensondersteuning'"), (85, "'Werk'"),
                                           (98, "'Bedrijfsvoering'"), (100, "''")]),
        "category": _pick("((n * 37) % 100)", [(65, "'Bejegening'"),
                                               (96, "'Gebrekkige informatie / nalatigheid'"),
                                               (100, "'Afhandelingsduur'")]),
        "municipality": _pick("((n * 41) % 100)", [(32, "'IJsselstein'"), (51, "'Houten'"),
                                                   (97, "'Nieuwegein'"), (99, "'Lopik'"),
                                                   (100, "''")]),
        "state": f"(CASE WHEN {open_} THEN 'in_handling' ELSE "
        + _pick(fate, [(91, "'closed'"), (94, "'withdrawn'"), (98, "'declined'"),
                       (100, "'forwarded'")]) + " END)",
        "handled_on": f"(CASE WHEN {open_} THEN NULL ELSE h END)",
        "outcome": f"(CASE WHEN {decided} THEN "
        + _pick(fate, [(7, "'upheld'"), (20, "'partly_upheld'"), (65, "'not_upheld'"),
                       (91, "'resolved_by_agreement'")]) + " ELSE '' END)",
        "formal": f"(CASE WHEN {decided} AND n % 12 = 0 THEN {true} ELSE {false} END)",
        "decision_due": f"(CASE WHEN {decided} THEN d END)",
        "days_late": f"(CASE WHEN {decided} THEN {late} END)",
        "summary": f"(CASE WHEN {decided} AND {fate} < 20 AND n % 20 = 0 "
                   "THEN 'Een brief kwam te laat.' ELSE '' END)",
    }, day, after, due


def _filler(data_type: str, sqlite: bool) -> str:
    kind = data_type.lower()
    if "bool" in kind:
        return "FALSE" if not sqlite else "0"
    if "int" in kind:
        return "0"
    return "''"


def seed(database_url: str, n: int) -> float:
    """Migrate a new database and fill it with n complaints in one INSERT … SELECT; returns
    the seconds it took (ANALYZE included)."""
    from klachtenloket import db

    started = time.perf_counter()
    db.bind(database_url)
    db.migrate()
    sqlite = db.is_sqlite()
    columns, day, after, due = _columns(sqlite)
    with db.database.connection_context():
        # Every other NOT NULL column (whatever later migrations add) gets an empty value.
        for column in db.database.get_columns("complaint"):
            if column.name not in columns and column.name != "id" and not column.null:
                columns[column.name] = _filler(column.data_type, sqlite)
        names = ", ".join(columns)
        values = ", ".join(columns.values())
        if sqlite:
            source = (f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g "
                      f"WHERE n < {n}), "
                      f"x AS (SELECT n, {day} AS r FROM g), "
                      f"y AS (SELECT n, r, {after} AS h, {due} AS d FROM x) "
                      f"SELECT {values} FROM y")
        else:
            source = (f"SELECT {values} FROM (SELECT n, r, {after} AS h, {due} AS d FROM "
                      f"(SELECT n, {day} AS r FROM generate_series(1, {n}) AS g(n)) x) y")
        sql = f"INSERT INTO complaint ({names}) {source}"
        with db.database.atomic():
            # psycopg2 reads % as a placeholder even without parameters.
            db.database.execute_sql(sql if sqlite else sql.replace("%", "%%"))
        db.database.execute_sql("ANALYZE" if sqlite else "VACUUM ANALYZE complaint")
    return time.perf_counter() - started


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def measure(database_url: str, runs: int) -> dict:
    from flask import render_template

    from app import create_app
    from klachtenloket import db
    from klachtenloket.services import report
    from klachtenloket.web.organisation import current_organisation
    from views.staff.report import TEMPLATE, _report, _year_form

    app = create_app({"DATABASE_URL": database_url})
    timings: dict[str, list[float]] = {"figures": [], "page": []}
    with app.test_request_context("/beheer/jaarverslag"):
        db.database.connect(reuse_if_open=True)
        org = current_organisation()
        years = report.years_with_complaints()
        report.build(YEAR, org)         # warm-up: caches, the connection, the pages read
        for _ in range(runs):
            started = time.perf_counter()
            figures = report.build(YEAR, org)
            timings["figures"].append(time.perf_counter() - started)
            started = time.perf_counter()
            render_template(TEMPLATE, years=years, year_form=_year_form(years, str(YEAR)),
                            text_form=None, **_report(YEAR))
            timings["page"].append(time.perf_counter() - started)
        tracemalloc.start()
        report.build(YEAR, org)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        total = db.database.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0]
        db.database.close()
    return {"complaints": total, "received": figures.received,
            "handled": figures.handled[YEAR], "summaries": len(figures.summaries),
            "timings": timings, "peak_mb": peak / 1e6}


def run(engine: str, complaints: int, runs: int = RUNS) -> dict:
    with throwaway_database(engine) as url:
        seed_s = seed(url, complaints)
        print(f"… {engine}: {complaints:,} complaints seeded in {seed_s:.0f} s", file=sys.stderr,
              flush=True)
        result = measure(url, runs)
        from klachtenloket import db
        if hasattr(db.database.obj, "close_all"):
            db.database.obj.close_all()
    return {"engine": engine, "seed_s": seed_s, **result}


def table(results: list[dict]) -> list[str]:
    lines = ["| engine | complaints | received / handled in 2024 | figures p50 / p95 / max "
             "| whole page p50 / p95 | Python peak | goal |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        f, p = r["timings"]["figures"], r["timings"]["page"]
        lines.append(
            f"| {r['engine']} | {r['complaints']:,} | {r['received']:,} / {r['handled']:,} "
            f"| {statistics.median(f):.2f} / {_percentile(f, .95):.2f} / {max(f):.2f} s "
            f"| {statistics.median(p):.2f} / {_percentile(p, .95):.2f} s "
            f"| {r['peak_mb']:.1f} MB | {'met' if _percentile(p, .95) < GOAL_S else 'MISSED'} "
            f"(< {GOAL_S:.0f} s) |")
    return lines


def arguments(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=RUNS, help="timed builds per engine")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    return parser


def main():
    args = arguments().parse_args()
    results = [run(engine, args.complaints, args.runs) for engine in args.engines]
    print("\n".join([f"## The yearly report for {YEAR} ({args.runs} runs after a warm-up)", "",
                     *table(results)]))


if __name__ == "__main__":
    main()
