"""Bytes each public page costs a resident: the HTML plus every same-host file it loads,
each gzip-compressed at level 6 (as nginx and caddy serve them).

    python -m bench.page_weight

Goal: the start page and the form pages fit in ~14 KB, what the first TCP round trip
carries (an initial congestion window of 10 segments)."""
from __future__ import annotations

import gzip
import os
import re
import secrets
import tempfile
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from bench.common import ROOT, details_form

GOAL_KB = 14
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")
LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"}


class Subresources(HTMLParser):
    """URLs a browser fetches while loading the page: stylesheets, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and LOADED_RELS & set((a.get("rel") or "").lower().split()):
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img", "source", "input") and a.get("src"):
            self.urls.append(a["src"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def same_host(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("", "http") and parts.netloc in ("", "localhost") and bool(parts.path)


def weigh(client, path: str, html: bytes) -> dict:
    """Raw and gzip bytes of the page and of everything it loads (followed through CSS)."""
    parser = Subresources()
    parser.feed(html.decode())
    seen, todo, files = set(), [urljoin(path, u) for u in parser.urls], []
    while todo:
        url = todo.pop()
        if url in seen or not same_host(url):
            continue
        seen.add(url)
        response = client.get(urlsplit(url).path)
        body = response.get_data()
        files.append((urlsplit(url).path, response.status_code, len(body), gz(body)))
        if response.mimetype == "text/css":
            text = body.decode()
            todo += [urljoin(url, u) for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text)]
    return {"html": len(html), "html_gz": gz(html), "files": files,
            "total": len(html) + sum(f[2] for f in files),
            "total_gz": gz(html) + sum(f[3] for f in files)}


def walk(client) -> list[tuple[str, str, bytes, bool]]:
    """(name, path, html, has the 14 KB goal) along the resident's path, filing for themselves."""
    pages = []

    def get(name, path, goal):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages.append((name, path, response.get_data(), goal))
        return response.get_data(as_text=True)

    def token(html):
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)

    get("start", "/", True)
    html = get("who", "/klacht/indienen", True)
    client.post("/klacht/indienen", data={"filed_by": "self", "csrf_token": token(html)})
    html = get("details", "/klacht/gegevens", True)
    client.post("/klacht/gegevens", data={**details_form(), "csrf_token": token(html)})
    html = get("check answers", "/klacht/controleren", True)
    key = re.search(r'name="draft_key" value="([^"]+)"', html).group(1)
    sent = client.post("/klacht/versturen", data={"draft_key": key, "csrf_token": token(html)})
    assert sent.status_code == 303, sent.status_code
    html = get("confirmation", "/klacht/ontvangen", False)
    link = re.search(r'href="(?:http://localhost)?(/volgen/[A-Za-z0-9_\-]+)"', html).group(1)
    get("tracking", link, False)
    return pages


def measure() -> list[dict]:
    """Weigh every page on a throwaway SQLite database with the Flask test client."""
    from app import create_app
    from klachtenloket import db

    saved = {name: os.environ.get(name) for name in ("KLACHTENLOKET_INSTANCE", "SECRET_KEY")}
    with tempfile.TemporaryDirectory(prefix="kl-bench-weight-") as folder:
        os.environ["KLACHTENLOKET_INSTANCE"] = folder
        os.environ.setdefault("SECRET_KEY", secrets.token_hex(32))
        try:
            # The walk sends each form at once: without FORM_MIN_SECONDS 0 the spam guard
            # would hold the complaint, and the confirmation would carry no tracking link.
            app = create_app({"DATABASE_URL": f"sqlite:///{folder}/weight.db",
                              "FORM_MIN_SECONDS": 0, "RATELIMIT_PUBLIC": "1000000 per minute"})
            db.migrate()
            client = app.test_client()
            return [{"page": name, "path": path, "goal": goal, **weigh(client, path, html)}
                    for name, path, html, goal in walk(client)]
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def table(rows: list[dict]) -> list[str]:
    lines = ["| page | HTML KB | HTML gz KB | files it loads, gz KB | total KB | **total gz KB** "
             f"| ≤ {GOAL_KB} KB gz? |",
             "|---|---:|---:|---|---:|---:|---|"]
    for r in rows:
        files = ", ".join(f"{path} {kb(gz_size)}" + ("" if status == 200 else f" (HTTP {status})")
                          for path, status, _, gz_size in r["files"]) or "none"
        goal = ("yes" if r["total_gz"] <= GOAL_KB * 1024 else "**NO**") if r["goal"] else "–"
        path = re.sub(r"/volgen/.+", "/volgen/<token>", r["path"])
        lines.append(f"| {r['page']} `{path}` | {kb(r['html'])} | {kb(r['html_gz'])} | {files} "
                     f"| {kb(r['total'])} | {kb(r['total_gz'])} | {goal} |")
    return lines


def warnings() -> list[str]:
    if not list((ROOT / "translations").glob("*/LC_MESSAGES/*.mo")):
        return ["note: translations are not compiled (`make translations`): pages show English msgids"]
    return []


def main():
    for line in warnings() + table(measure()):
        print(line)


if __name__ == "__main__":
    main()
