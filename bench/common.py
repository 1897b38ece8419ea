"""What the benchmarks share: a throwaway database, seeding it fast, and a real app server."""
from __future__ import annotations

import hashlib
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

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
SEED_YEARS = 5  # the seeded complaints are spread over this many years, up to today


def _text(rng: random.Random, low: int, high: int) -> str:
    """Dutch-looking prose of low..high characters (descriptions are typically a few hundred)."""
    target = rng.randint(low, high)
    words = " ".join(rng.choices(WORDS, k=target // 4))
    return words[:target].rsplit(" ", 1)[0].capitalize() + "."


def _complaint_row(rng: random.Random, cid: int, received: date, reference: str,
                   procedure_json: str) -> dict:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    at = datetime.combine(received, datetime.min.time()) + timedelta(seconds=rng.randint(0, 86399))
    state = rng.choices(("received", "acknowledged", "withdrawn"), (5, 90, 5))[0]
    return dict(
        id=cid, reference=reference, submission_key=secrets.token_urlsafe(32),
        received_at=at, received_on=received, channel="web", language="nl", state=state,
        filed_by="self", name=f"{first} {last}",
        street=f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
        postcode=f"{rng.randint(3400, 3999)} {rng.choice('ABCDEFGH')}{rng.choice('KLMNPRST')}",
        city=rng.choice(CITIES), phone=f"06 {rng.randint(10000000, 99999999)}",
        email=f"{first.lower()}.{last.replace(' ', '').lower()}{cid}@example.nl",
        reply_by=rng.choice(("email", "email", "phone", "letter")),
        client_number=str(rng.randint(100000, 999999)) if rng.random() < 0.3 else "",
        description=_text(rng, 150, 1500), event_date=received - timedelta(days=rng.randint(1, 60)),
        event_time=f"{rng.randint(8, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}",
        unit=rng.choice(UNITS), employee_name=rng.choice(("", "", f"mevrouw {rng.choice(LAST)}")),
        desired_outcome=_text(rng, 20, 200), procedure_json=procedure_json,
        # The inbox projection (migration 0006) is not needed to file complaints: left empty.
        next_deadline_name="", category="", municipality="",
    )


def _build_slice(job: tuple) -> tuple[int, int, list[tuple[str, list]]]:
    """In a worker process: the INSERT statements (SQL, parameters) for complaints
    first_id+1.. and their tracking tokens. Building SQL is most of peewee's work."""
    from klachtenloket import db
    from klachtenloket.models import Complaint, TrackingToken

    database_url, first_id, days, numbers, procedure_json, chunk = job
    db.bind(database_url)  # for the SQL dialect only: nothing connects here
    rng = random.Random(first_id)
    complaints = [_complaint_row(rng, first_id + i, day, f"KL-{day.year}-{number:05d}", procedure_json)
                  for i, (day, number) in enumerate(zip(days, numbers), start=1)]
    tokens = [dict(complaint=c["id"], token_hash=hashlib.sha256(c["submission_key"].encode()).hexdigest(),
                   created_at=c["received_at"]) for c in complaints]
    statements = []
    for model, rows in ((Complaint, complaints), (TrackingToken, tokens)):
        fields = [getattr(model, name) for name in rows[0]]
        for i in range(0, len(rows), chunk):
            values = [tuple(row.values()) for row in rows[i:i + chunk]]
            statements.append(model.insert_many(values, fields=fields).sql())
    return first_id + 1, first_id + len(complaints), statements


def _insert_events(first_id: int, last_id: int) -> None:
    """Each complaint's timeline follows from its state: received, acknowledged, withdrawn
    (all stamped with the time of receipt)."""
    from peewee import Value

    from klachtenloket.models import Complaint, Event

    for kind, actor, which in (("received", "complainant", True),
                               ("acknowledged", "system", Complaint.state != "received"),
                               ("withdrawn", "complainant", Complaint.state == "withdrawn")):
        source = (Complaint.select(Complaint.id, Complaint.received_at, Value(actor), Value(kind),
                                   Value(""), Value(True), Value("{}"))
                  .where(Complaint.id.between(first_id, last_id) & which).order_by(Complaint.id))
        Event.insert_from(source, [Event.complaint, Event.at, Event.actor, Event.kind,
                                   Event.text, Event.public, Event.payload_json]).execute()


def seed(database_url: str, n: int, per_transaction: int = 5_000, chunk: int = 500) -> float:
    """Migrate a new database and fill it with n complaints over the last few years, each with
    its events and a tracking token, plus the reference counters; returns the seconds it took.
    Worker processes build the SQL of each slice; this process runs it, a transaction a slice."""
    from klachtenloket import db
    from klachtenloket.domain.organisation import Organisation, load_preset
    from klachtenloket.models import ReferenceCounter

    started = time.perf_counter()
    db.bind(database_url)
    db.migrate()
    procedure = Organisation.from_dict(load_preset("wil-lekstroom")).procedure.to_dict()
    rng, today = random.Random(2026), date.today()
    # Oldest first, so ids, dates and per-year reference numbers all rise together.
    days = sorted(today - timedelta(days=rng.randint(0, 365 * SEED_YEARS - 1)) for _ in range(n))
    counters: dict[int, int] = {}
    numbers = []
    for day in days:
        counters[day.year] = counters.get(day.year, 0) + 1
        numbers.append(counters[day.year])
    jobs = [(database_url, start, days[start:start + per_transaction],
             numbers[start:start + per_transaction], json.dumps(procedure), chunk)
            for start in range(0, n, per_transaction)]

    with ProcessPoolExecutor(os.cpu_count()) as pool:
        slices = pool.map(_build_slice, jobs)  # the workers start before this process connects
        with db.database.connection_context():
            for first_id, last_id, statements in slices:
                with db.database.atomic():
                    for sql, params in statements:
                        db.database.execute_sql(sql, params)
                    _insert_events(first_id, last_id)
            with db.database.atomic():
                ReferenceCounter.insert_many([dict(year=y, last=c) for y, c in counters.items()]).execute()
                if not db.is_sqlite():  # explicit ids leave PostgreSQL's sequence behind
                    db.database.execute_sql("SELECT setval(pg_get_serial_sequence('complaint', 'id'), "
                                            "(SELECT MAX(id) FROM complaint))")
            db.database.execute_sql("ANALYZE")
    return time.perf_counter() - started


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
                and _status(int(p.name)).get("PPid") == str(pid)]

    def peak_rss_mb(self) -> list[float]:
        """VmHWM (peak resident set) of each worker, in MB."""
        return sorted(int(_status(pid)["VmHWM"].split()[0]) / 1024 for pid in self.worker_pids())


def _status(pid: int) -> dict[str, str]:
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
           "SECRET_KEY": secrets.token_hex(32)}
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
