"""What the benchmarks share: a throwaway database, seeding it fast, a real app server, and a
small HTTP client that keeps its cookies as a browser does."""
from __future__ import annotations

import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from klachtenloket.throwaway import postgres_database

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("sqlite", "postgresql")


# --- a throwaway database ------------------------------------------------------------------

@contextmanager
def throwaway_database(engine: str):
    """Yield the DATABASE_URL of a new, empty database; remove it afterwards."""
    if engine == "sqlite":
        folder = tempfile.mkdtemp(prefix="kl-bench-db-")
        try:
            yield f"sqlite:///{folder}/bench.db"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    with postgres_database("kl_bench") as url:
        yield url


# --- what a resident types ------------------------------------------------------------------

def details_form(description: str = "De medewerker aan de balie was onbeleefd tegen mij.") -> dict:
    """The details page filled in as a resident filing for themselves does."""
    return {"name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
            "city": "Nieuwegein", "phone": "06 12345678", "email": "fatima@example.nl",
            "reply_by": "email", "description": description,
            "event_date": (date.today() - timedelta(days=7)).isoformat(), "event_time": "14:30",
            "unit": "Werk", "employee_name": "", "desired_outcome": "Excuses", "client_number": ""}


# --- seeding N complaints ------------------------------------------------------------------

FIRST = ["Fatima", "Jan", "Mohamed", "Anna", "Kees", "Ayse", "Pieter", "Noor", "Daan", "Sanne",
         "Mehmet", "Lotte", "Bram", "Yara", "Henk", "Ingrid", "Tomasz", "Esther"]
LAST = ["de Vries", "Jansen", "el Amrani", "Bakker", "Yilmaz", "van den Berg", "Visser",
        "Nowak", "Smit", "de Jong", "Meijer", "Mulder", "Bos", "van Dijk", "Kaya"]
STREETS = ["Dorpsstraat", "Raadstede", "Herenstraat", "Molenweg", "Kerkplein", "Lekboulevard"]
CITIES = ["Nieuwegein", "IJsselstein", "Houten", "Lopik"]
UNITS = ["Inkomen", "SHV", "Inkomensondersteuning", "Werk", "Bedrijfsvoering", ""]
WORDS = ("ik heb de medewerker meerdere keren gebeld maar niemand belde terug en mijn "
         "uitkering werd te laat betaald waardoor ik de huur niet kon betalen ook kreeg ik "
         "een brief met verkeerde informatie over de toeslag en aan de balie werd ik "
         "onvriendelijk behandeld toen ik daarover vragen stelde").split()
SEED_YEARS = 5  # the seeded complaints are spread evenly over this many years, up to today

# How a settled register ends (shares in %, as bench/report.py seeds the report's register):
# most complaints are decided and closed; some withdrawn, declined or forwarded.
ENDINGS = [(91, "closed"), (94, "withdrawn"), (98, "declined"), (100, "forwarded")]
OUTCOMES = [(7, "upheld"), (20, "partly_upheld"), (65, "not_upheld"), (100, "resolved_by_agreement")]
CATEGORIES = ["Bejegening", "Gebrekkige informatie / nalatigheid", "Afhandelingsduur"]
STILL_OPEN = 3          # settled register: this % stays open however old it is ...
HANDLING_DAYS = 49      # ... and the others were handled 0..49 days after receipt


def _prose(length: int = 3000) -> str:
    """Dutch-looking prose; each description is a slice of it (150..1500 characters)."""
    rng = random.Random(2026)
    return " ".join(rng.choices(WORDS, k=length // 4)).capitalize()[:length]


def _h(salt: int) -> str:
    """SQL: a pseudo-random 0..1000002 for row n, a quadratic modulo a prime with coefficients
    of its own per salt, so that columns drawn with different salts do not go together."""
    return f"(((n * n % 1000003) * {7919 + salt * 104729} + n * {31337 * salt + 1} + {salt * 977}) % 1000003)"


def _pick(expression: str, values: list[str]) -> str:
    """SQL: values[expression % len(values)], the values quoted."""
    whens = " ".join(f"WHEN {i} THEN {_quote(v)}" for i, v in enumerate(values))
    return f"(CASE ({expression}) % {len(values)} {whens} END)"


def _shares(expression: str, bounds: list[tuple[int, str]]) -> str:
    """SQL: the value of the first bound expression (0..99) is below."""
    whens = " ".join(f"WHEN ({expression}) % 100 < {bound} THEN {_quote(v)}" for bound, v in bounds)
    return f"(CASE {whens} END)"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _complaints_sql(sqlite: bool, first: int, last: int, total: int, today: date,
                    settled: bool, procedure_json: str) -> tuple[str, list[str]]:
    """INSERT … SELECT of complaints first..last (of total) over a row generator: id n,
    received evenly over SEED_YEARS up to today (oldest first, so ids and dates rise
    together), names from FIRST × LAST, descriptions sliced from one text. Returns the SQL
    and the columns it fills."""
    span = 365 * SEED_YEARS - 1
    if sqlite:
        generator = (f"g(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM g WHERE n < {last})")
        received = f"date('{today}', '-' || (({total} - n) * {span} / {total}) || ' days')"
        plus_days = "date(r, ({0}) || ' days')"
        at = "datetime(r, '+' || ((n * 7919) % 86400) || ' seconds')"
        late = "MAX(0, CAST(julianday(h) - julianday(r) AS INTEGER) - 42)"
        year = "substr(r, 1, 4)"
        true, false = "1", "0"
    else:
        generator = f"g(n) AS (SELECT generate_series({first}, {last})::bigint)"
        received = f"(DATE '{today}' - (({total} - n) * {span} / {total})::int)"
        plus_days = "(r + ({0})::int)"
        at = "(r + ((n * 7919) % 86400) * interval '1 second')"
        late = "GREATEST(0, (h - r) - 42)"
        year = "to_char(r, 'YYYY')"
        true, false = "TRUE", "FALSE"
    cast = "" if sqlite else "::int"
    first_name, last_name = _pick(_h(1), FIRST), _pick(_h(2), LAST)
    ending = _h(9)
    if settled:   # o: still open; the state for the open ones, else how it ended
        is_open = f"(h > DATE '{today}' OR {_h(8)} % 100 < {STILL_OPEN})" if not sqlite else \
                  f"(h > '{today}' OR {_h(8)} % 100 < {STILL_OPEN})"
        state = (f"CASE WHEN o THEN {_shares(_h(10), [(5, 'received'), (100, 'acknowledged')])} "
                 f"ELSE {_shares(ending, ENDINGS)} END")
    else:         # the inbox's worst case: nearly everything open
        is_open = f"({_h(10)} % 100 < 95)"
        state = _shares(_h(10), [(5, "received"), (95, "acknowledged"), (100, "withdrawn")])
    closed = f"(NOT o AND {ending} % 100 < {ENDINGS[0][0]})"
    columns = {
        "id": "n", "reference": f"'KL-' || {year} || '-' || n", "submission_key": "'seed-' || n",
        "received_at": at, "received_on": "r", "channel": "'web'", "language": "'nl'",
        "state": state, "filed_by": "'self'", "name": f"{first_name} || ' ' || {last_name}",
        "street": f"{_pick(_h(3), STREETS)} || ' ' || (1 + n % 250)",
        "postcode": f"(3400 + {_h(4)} % 600) || ' AB'", "city": _pick(_h(5), CITIES),
        "phone": "'06 ' || (10000000 + (n * 104729) % 89999999)",
        "email": "'inwoner' || n || '@example.nl'",
        "reply_by": _pick(_h(6), ["email", "email", "phone", "letter"]),
        "client_number": f"(CASE WHEN {_h(7)} % 10 < 3 THEN '' || (100000 + n % 900000) ELSE '' END)",
        "description": f"trim(substr({_quote(_prose())}, (1 + {_h(11)} % 1000){cast}, "
                       f"(150 + {_h(12)} % 1351){cast}))",
        "event_date": plus_days.format(f"-1 - {_h(13)} % 60"),
        "event_time": f"'1' || ({_h(14)} % 8) || ':30'",
        "unit": _pick(_h(15), UNITS),
        "employee_name": f"(CASE WHEN {_h(16)} % 3 = 0 THEN 'mevrouw ' || {last_name} ELSE '' END)",
        "desired_outcome": f"trim(substr({_quote(_prose(400))}, (1 + {_h(17)} % 100){cast}, "
                           f"(20 + {_h(18)} % 181){cast}))",
        "procedure_json": _quote(procedure_json),
        # The inbox's projection is bench.inbox.prepare's work (casework computes it).
        "next_deadline_name": "''",
        "category": f"(CASE WHEN o THEN '' ELSE {_pick(_h(19), CATEGORIES)} END)",
        "municipality": f"(CASE WHEN o THEN '' ELSE {_pick(_h(20), CITIES)} END)",
        "handled_on": "(CASE WHEN o THEN NULL ELSE h END)",
        "outcome": f"(CASE WHEN {closed} THEN {_shares(_h(21), OUTCOMES)} ELSE '' END)",
        "formal": f"(CASE WHEN {closed} AND {_h(22)} % 12 = 0 THEN {true} ELSE {false} END)",
        "decision_due": f"(CASE WHEN {closed} THEN {plus_days.format('42')} END)",
        "days_late": f"(CASE WHEN {closed} THEN {late} END)",
        "summary": f"(CASE WHEN {closed} AND {_h(21)} % 100 < 7 AND n % 20 = 0 "
                   "THEN 'Een brief kwam te laat.' ELSE '' END)",
    }
    source = (f"WITH RECURSIVE {generator}, "
              f"x AS (SELECT n, {received} AS r FROM g), "
              f"y AS (SELECT n, r, {plus_days.format(f'{_h(23)} % {HANDLING_DAYS + 1}')} AS h FROM x), "
              f"z AS (SELECT n, r, h, {is_open} AS o FROM y) "
              f"SELECT {{values}} FROM z")
    return source, columns


def _filler(data_type: str, sqlite: bool) -> str:
    kind = data_type.lower()
    if "bool" in kind:
        return "0" if sqlite else "FALSE"
    return "0" if "int" in kind else "''"


def _insert_events(first_id: int, last_id: int) -> None:
    """Each complaint's timeline follows from its state: received, acknowledged, and how it
    ended (decided and closed, withdrawn, declined, forwarded), all stamped with the time of
    receipt and without payloads: enough for the lists and counts, not for replaying."""
    from peewee import Value

    from klachtenloket.models import Complaint, Event

    for kind, actor, which in (("received", "complainant", True),
                               ("acknowledged", "system", Complaint.state != "received"),
                               ("decided", "system", Complaint.state == "closed"),
                               ("closed", "system", Complaint.state == "closed"),
                               ("withdrawn", "complainant", Complaint.state == "withdrawn"),
                               ("declined", "system", Complaint.state == "declined"),
                               ("forwarded", "system", Complaint.state == "forwarded")):
        source = (Complaint.select(Complaint.id, Complaint.received_at, Value(actor), Value(kind),
                                   Value(""), Value(True), Value("{}"))
                  .where(Complaint.id.between(first_id, last_id) & which).order_by(Complaint.id))
        Event.insert_from(source, [Event.complaint, Event.at, Event.actor, Event.kind,
                                   Event.text, Event.public, Event.payload_json]).execute()


def seed(database_url: str, n: int, per_transaction: int = 100_000, chunk: int | None = None,
         settled: bool = False) -> float:
    """Migrate a new database and fill it with n complaints over the last few years, each with
    its events and a tracking token, plus the reference counters; returns the seconds it took.
    The database makes the rows itself (INSERT … SELECT over a row generator: a recursive CTE
    on SQLite, generate_series on PostgreSQL), `per_transaction` complaints a statement and a
    transaction. `settled`: complaints older than their handling time are finished, as in a
    real register; otherwise nearly all stay open, the inbox's worst case. (`chunk` is
    unused: the rows no longer travel from Python.)"""
    from klachtenloket import db
    from klachtenloket.domain.organisation import Organisation, load_preset
    from klachtenloket.models import ReferenceCounter

    started = time.perf_counter()
    db.bind(database_url)
    db.migrate()
    sqlite = db.is_sqlite()
    procedure = json.dumps(Organisation.from_dict(load_preset("wil-lekstroom")).procedure.to_dict())
    today = date.today()
    with db.database.connection_context():
        _loading(db)
        known = {c.name: c for c in db.database.get_columns("complaint")}
        for first in range(1, n + 1, per_transaction):
            last = min(n, first + per_transaction - 1)
            source, columns = _complaints_sql(sqlite, first, last, n, today, settled, procedure)
            columns = {k: v for k, v in columns.items() if k in known}
            # Every other NOT NULL column (whatever later migrations add) gets an empty value.
            for column in known.values():
                if column.name not in columns and not column.null:
                    columns[column.name] = _filler(column.data_type, sqlite)
            sql = (f"INSERT INTO complaint ({', '.join(columns)}) "
                   + source.replace("{values}", ", ".join(columns.values())))
            token = "printf('seed%060d', id)" if sqlite else "'seed' || lpad(id::text, 60, '0')"
            tokens = (f"INSERT INTO tracking_token (complaint_id, token_hash, created_at) "
                      f"SELECT id, {token}, received_at FROM complaint WHERE id BETWEEN {first} AND {last}")
            with db.database.atomic():
                for statement in (sql, tokens):
                    # psycopg2 reads % as a placeholder even without parameters.
                    db.database.execute_sql(statement if sqlite else statement.replace("%", "%%"))
                _insert_events(first, last)
        with db.database.atomic():
            # References are KL-<year>-<n>: each year's counter goes past every n used.
            years = range(today.year - SEED_YEARS, today.year + 1)
            ReferenceCounter.insert_many([dict(year=y, last=n) for y in years]).execute()
            if not sqlite:  # explicit ids leave PostgreSQL's sequence behind
                db.database.execute_sql("SELECT setval(pg_get_serial_sequence('complaint', 'id'), "
                                        "(SELECT MAX(id) FROM complaint))")
        db.database.execute_sql("ANALYZE")
    return time.perf_counter() - started


def _loading(db) -> None:
    """This connection loads in bulk: nothing is lost if it stops half-way (the database is
    thrown away), and the indexes want far more cache than SQLite's default 2 MB once they hold
    a million rows."""
    if db.is_sqlite():
        db.database.execute_sql("PRAGMA synchronous = OFF")
        db.database.execute_sql("PRAGMA cache_size = -1000000")   # KiB: up to ~1 GB
    else:
        db.database.execute_sql("SET synchronous_commit = off")
        db.database.execute_sql("SET maintenance_work_mem = '256MB'")


def count_complaints(database_url: str) -> int:
    from klachtenloket import db
    from klachtenloket.models import Complaint
    db.bind(database_url)
    with db.database.connection_context():
        return Complaint.select().count()


# --- a real app server ----------------------------------------------------------------------

@dataclass
class Server:
    process: subprocess.Popen
    port: int
    workers: int
    log_path: Path

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            return [int(p) for p in children.read_text().split()]
        return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                and proc_status(int(p.name)).get("PPid") == str(pid)]

    def peak_rss_mb(self) -> list[float]:
        """VmHWM (peak resident set) of each worker, in MB."""
        return sorted(int(proc_status(pid)["VmHWM"].split()[0]) / 1024 for pid in self.worker_pids())


def proc_status(pid: int) -> dict[str, str]:
    """The fields of /proc/<pid>/status (VmHWM: peak resident set), or {} once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def app_server(database_url: str, workers: int = 4, wsgi: str = "app:create_app()", timeout: float = 30):
    """Run the app under gunicorn (sync workers) with DATABASE_URL; yield a Server."""
    port = _free_port()
    instance = Path(tempfile.mkdtemp(prefix="kl-bench-instance-"))
    log_path = instance / "gunicorn.log"
    env = {**os.environ, "DATABASE_URL": database_url, "KLACHTENLOKET_INSTANCE": str(instance),
           # Given, so no worker writes instance/secret_key (four starting at once could race).
           "SECRET_KEY": secrets.token_hex(32),
           # Every client comes from 127.0.0.1: the per-address rate limits would measure
           # themselves (klachtenloket/web/limits.py).
           "RATELIMIT_PUBLIC": "1000000 per minute", "RATELIMIT_LOGIN": "1000000 per minute",
           # The clients send the form at once: the minimum fill time would hold every one
           # as spam (klachtenloket/web/spam_guard.py).
           "FORM_MIN_SECONDS": "0"}
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync",
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", wsgi]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(process, port, workers, log_path)
    try:
        _wait_until_up(server, timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(instance, ignore_errors=True)


def _wait_until_up(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
        try:
            conn.request("GET", "/")
            if conn.getresponse().status == 200 and len(server.worker_pids()) == server.workers:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not come up:\n{server.log_path.read_text()[-3000:]}")


# --- a browser, as far as the benchmarks need one ---------------------------------------------

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Failed(Exception):
    """A response other than the one expected, or a page without what the next step needs."""


class Browser:
    """One person at a browser: a cookie jar, and a new connection per request (sync gunicorn
    workers close the connection after each response anyway)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None, expect: int = 200,
                headers: dict | None = None) -> str:
        headers = {**(headers or {}),
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and "Max-Age=0" not in cookie:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        if response.status != expect:
            raise Failed(f"{method} {path} → {response.status}")
        return text


def field(pattern: re.Pattern, page: str, what: str) -> str:
    """The first group of `pattern` in the page, or Failed naming `what` was missing."""
    match = pattern.search(page)
    if match is None:
        raise Failed(f"no {what} in the page")
    return match.group(1)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
