"""Page weight, request count and requests per second for backcare's main pages.

    .venv/bin/python bench/pages.py            # or: make bench

Starts `make run`'s server (PORT from --port), and for each main page:
- weight: bytes of the HTML plus every asset it references (CSS, JS, images), uncompressed;
- requests: 1 + the number of those assets (what a first visit with an empty cache asks for);
- req/s: wrk (Debian package `wrk`) against backcare's server, then against nginx serving a
  saved copy of the same HTML, in the same run, so the two figures can be compared.
Only loopback addresses are used; every wrk run is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "/",
    "/back-pain/",
    "/routines/back-pain-relief-stretches-5-minute-real-time-routine/",
    "/exercises/pelvic-tilt/",
    "/exercises/",
    "/exercises/?no_floor=1",
    "/disclaimer/",
]
BUDGET_PAGE = "/back-pain/"
BUDGET_BYTES = 50 * 1024
BUDGET_REQUESTS = 5


class AssetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        url = None
        if tag == "link" and a.get("rel") in {"stylesheet", "icon", "preload", "modulepreload"}:
            url = a.get("href")
        elif tag in {"script", "img", "source", "audio", "video"}:
            url = a.get("src")
        elif tag == "object":
            url = a.get("data")
        if url and not url.startswith("data:"):
            self.assets.append(url)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.read()


def css_assets(css: str) -> list[str]:
    return [u for u in re.findall(r"url\(['\"]?([^'\")]+)", css) if not u.startswith("data:")]


def weigh(base: str, path: str) -> tuple[int, int, bytes]:
    html = fetch(base + path)
    finder = AssetFinder()
    finder.feed(html.decode("utf-8"))
    total, requests, seen = len(html), 1, set()
    queue = list(finder.assets)
    while queue:
        asset = queue.pop(0)
        if asset in seen:
            continue
        seen.add(asset)
        body = fetch(base + asset if asset.startswith("/") else asset)
        total += len(body)
        requests += 1
        if asset.endswith(".css"):
            queue.extend(css_assets(body.decode("utf-8")))
    return total, requests, html


def wrk(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url],
        capture_output=True, text=True, timeout=seconds + 30, check=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses from {url}")
    return float(match.group(1)) if match else 0.0


def wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before answering {url}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url} within {seconds} s")


def start_nginx(docroot: Path, port: int, tmp: Path) -> subprocess.Popen[bytes]:
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  default_type text/html;
  server {{ listen 127.0.0.1:{port}; root {docroot}; location / {{ try_files $uri $uri/index.html =404; }} }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", str(conf)])
    return proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--nginx-port", type=int, default=8766)
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "make"):
        if not shutil.which(tool):
            print(f"{tool} is not installed (apt-get install -y wrk nginx-light make)", file=sys.stderr)
            return 2

    base = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "PORT": str(args.port)}
    server = subprocess.Popen(["make", "-s", "run"], cwd=ROOT, env=env, start_new_session=True)
    tmp = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
    nginx = None
    try:
        wait_until_up(base + "/", server)
        docroot = tmp / "www"
        rows = []
        for path in PAGES:
            size, requests, html = weigh(base, path)
            saved = docroot / f"page{len(rows)}.html"
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_bytes(html)
            rows.append((path, size, requests, saved.name))
        # nginx's workers run as another user: they must be able to read the pages.
        os.chmod(tmp, 0o755)  # noqa: S103
        os.chmod(docroot, 0o755)  # noqa: S103
        nginx = start_nginx(docroot, args.nginx_port, tmp)
        wait_until_up(f"http://127.0.0.1:{args.nginx_port}/{rows[0][3]}", nginx)

        print(f"backcare pages — wrk -t2 -c{args.connections} -d{args.seconds}s, "
              f"{os.cpu_count()} cores; weight is uncompressed HTML + assets")
        print(f"{'page':<64} {'weight':>9} {'reqs':>5} {'backcare r/s':>13} {'nginx r/s':>10}")
        failed = False
        for path, size, requests, saved_name in rows:
            ours = wrk(base + path, args.seconds, args.connections)
            theirs = wrk(f"http://127.0.0.1:{args.nginx_port}/{saved_name}", args.seconds,
                         args.connections)
            flag = ""
            if path == BUDGET_PAGE and (size > BUDGET_BYTES or requests > BUDGET_REQUESTS):
                flag, failed = "  OVER BUDGET", True
            print(f"{path:<64} {size / 1024:>7.1f}KB {requests:>5} {ours:>13.0f} {theirs:>10.0f}{flag}")
        print(f"budget for {BUDGET_PAGE}: <= {BUDGET_BYTES // 1024} KB in <= {BUDGET_REQUESTS} requests")
        return 1 if failed else 0
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=10)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
