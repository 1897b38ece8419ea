"""Filing complaints end to end against a real gunicorn server, on a database that already
holds many complaints, on SQLite and on PostgreSQL.

    python -m bench.submit_load [--duration 20] [--complaints 100000] [--clients 8] [--workers 4]

Each client files complaint after complaint with its own cookie session, as a browser does:
GET who, POST who, POST details, GET check answers, POST send (CSRF token taken from the page).
Prints throughput, p50/p95 of a whole submission (and of the final POST alone), failed
submissions (goal 0) and each gunicorn worker's peak RSS (VmHWM) at the end."""
from __future__ import annotations

import argparse
import http.client
import random
import re
import threading
import time
from collections import Counter

from bench.common import (CSRF, ENGINES, Browser, Failed, app_server, count_complaints, details_form,
                          field, percentile, seed, throwaway_database)

DRAFT_KEY = re.compile(r'name="draft_key" value="([^"]+)"')
SENTENCES = ["De medewerker aan de balie was onbeleefd tegen mij.",
             "Ik heb drie keer gebeld en niemand heeft mij teruggebeld.",
             "Mijn uitkering werd zonder uitleg een maand te laat betaald.",
             "In de brief stond verkeerde informatie over de toeslag."]


def file_complaint(port: int, rng: random.Random) -> tuple[float, float]:
    """One whole submission; returns (seconds in all, seconds of the final POST)."""
    started = time.perf_counter()
    browser = Browser(port)
    page = browser.request("GET", "/klacht/indienen")
    token = field(CSRF, page, "CSRF token on /klacht/indienen")
    browser.request("POST", "/klacht/indienen", {"filed_by": "self", "csrf_token": token}, expect=302)
    details = {**details_form(" ".join(rng.choices(SENTENCES, k=rng.randint(2, 12)))),
               "csrf_token": token}
    browser.request("POST", "/klacht/gegevens", details, expect=302)
    page = browser.request("GET", "/klacht/controleren")
    form = {"csrf_token": field(CSRF, page, "CSRF token on /klacht/controleren"),
            "draft_key": field(DRAFT_KEY, page, "draft key on /klacht/controleren")}
    send_started = time.perf_counter()
    browser.request("POST", "/klacht/versturen", form, expect=303)
    done = time.perf_counter()
    return done - started, done - send_started


def load(port: int, clients: int, duration: float) -> dict:
    """Every client files one complaint to warm up; then, from one moment on, all file as many
    as they can for duration seconds (a submission under way at the end is finished)."""
    timings, failures, warm_timings, warm_failures = [], Counter(), [], Counter()
    lock = threading.Lock()
    clock = {"start": 0.0, "stop": 0.0}

    def start_clock():
        clock["start"] = time.perf_counter()
        clock["stop"] = clock["start"] + duration

    everyone_warm = threading.Barrier(clients, action=start_clock)

    def attempt(rng, done: list, failed: Counter):
        try:
            timing = file_complaint(port, rng)
        except (Failed, OSError, http.client.HTTPException) as exc:
            with lock:
                failed[str(exc) if isinstance(exc, Failed) else type(exc).__name__] += 1
        else:
            with lock:
                done.append(timing)

    def client(n: int):
        rng = random.Random(n)
        attempt(rng, warm_timings, warm_failures)
        everyone_warm.wait()
        while time.perf_counter() < clock["stop"]:
            attempt(rng, timings, failures)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"timings": timings, "failures": failures, "elapsed": time.perf_counter() - clock["start"],
            "warm_ok": len(warm_timings), "warm_failed": sum(warm_failures.values())}


def run(engine: str, complaints: int, duration: float, clients: int, workers: int) -> dict:
    with throwaway_database(engine) as url:
        seed_seconds = seed(url, complaints)
        with app_server(url, workers) as server:
            result = load(server.port, clients, duration)
            rss = server.peak_rss_mb()
        stored = count_complaints(url) - complaints
    totals = [t for t, _ in result["timings"]]
    sends = [s for _, s in result["timings"]]
    return {"engine": engine, "complaints": complaints, "seed_s": seed_seconds, "workers": workers,
            "clients": clients, "duration": result["elapsed"], "ok": len(totals),
            "failed": sum(result["failures"].values()), "reasons": dict(result["failures"]),
            "throughput": len(totals) / result["elapsed"],
            "p50": percentile(totals, 50), "p95": percentile(totals, 95),
            "send_p50": percentile(sends, 50), "send_p95": percentile(sends, 95),
            "rss_mb": rss, "stored": stored, "expected_stored": len(totals) + result["warm_ok"],
            "warm_failed": result["warm_failed"]}


def table(results: list[dict]) -> list[str]:
    lines = ["| engine | gunicorn | clients | seeded (s) | run (s) | submitted | **failed** | "
             "**submissions/s** | **p50 ms** | **p95 ms** | final POST p50 / p95 ms | "
             "peak RSS per worker (MB) |",
             "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        rss = " / ".join(f"{m:.0f}" for m in r["rss_mb"])
        lines.append(
            f"| {r['engine']} | {r['workers']} sync workers | {r['clients']} "
            f"| {r['complaints']:,} in {r['seed_s']:.0f} | {r['duration']:.1f} | {r['ok']} | {r['failed']} "
            f"| {r['throughput']:.1f} | {r['p50'] * 1000:.0f} | {r['p95'] * 1000:.0f} "
            f"| {r['send_p50'] * 1000:.0f} / {r['send_p95'] * 1000:.0f} | {rss} |")
    for r in results:
        for reason, n in r["reasons"].items():
            lines.append(f"- {r['engine']}: {n}× {reason}")
        if r["warm_failed"]:
            lines.append(f"- {r['engine']}: {r['warm_failed']} failed during warm-up (not counted above)")
        if r["stored"] != r["expected_stored"]:
            lines.append(f"- {r['engine']}: **{r['stored']} complaints stored, "
                         f"{r['expected_stored']} confirmed to clients**")
    return lines


def arguments(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=20, help="seconds of load per engine")
    parser.add_argument("--complaints", type=int, default=100_000, help="complaints seeded first")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    return parser


def main():
    args = arguments().parse_args()
    results = [run(e, args.complaints, args.duration, args.clients, args.workers) for e in args.engines]
    for line in table(results):
        print(line)


if __name__ == "__main__":
    main()
