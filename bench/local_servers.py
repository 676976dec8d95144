"""What the HTTP benches share: wrk runs, an nginx of their own, starting and stopping servers.

Loopback only; every process started here runs in its own session and is stopped by its id.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import requests

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class Run:
    """One wrk run: requests per second, 99th percentile latency, requests completed."""

    rps: float
    p99_ms: float
    requests: int
    error_answers: int  # answers with a status of 400 or more
    socket_errors: str  # wrk's "Socket errors:" line, "" when there were none


def wrk(url: str, connections: int, seconds: int, extra: Sequence[str] = ()) -> Run:
    """`wrk -t1 -c<connections> -d<seconds>s --latency` (a 10 s timeout, so slow answers count)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
               "--timeout", "10s", *extra, url]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60,
                         check=False)
    text = out.stdout
    if out.returncode != 0:
        raise SystemExit(f"wrk on {url}: {out.stderr.strip() or text}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\b", text, re.M)
    total = re.search(r"(\d+) requests in", text)
    errors = re.search(r"Socket errors: (.*)", text)
    if not (rps and p99 and total):
        raise SystemExit(f"could not read wrk's output for {url}:\n{text}")
    return Run(float(rps.group(1)), float(p99.group(1)) * UNITS_MS[p99.group(2)],
               int(total.group(1)), int(bad.group(1)) if bad else 0,
               errors.group(1) if errors else "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> float:
    """Seconds until ``url`` answered (any status below 500); gives up if ``proc`` exits."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if proc.poll() is not None:
            raise SystemExit(f"the process for {url} exited with {proc.returncode} before answering")
        try:
            if requests.get(url, timeout=5).status_code < 500:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit(f"no answer from {url} within {seconds:.0f} s")


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()  # gunicorn's, granian's and nginx's masters stop their own workers
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)  # its own session: only what the bench started
        proc.wait(timeout=10)


def server_errors(log: Path) -> list[str]:
    """Each distinct exception a server logged, with how many times ("3x OperationalError: …")."""
    seen: dict[str, int] = {}
    text = log.read_text(errors="replace") if log.exists() else ""
    for line in re.findall(r"^[\w.]+(?:Error|Exception): .*$", text, re.M):
        seen[line] = seen.get(line, 0) + 1
    return [f"{count}x {line[:160]}" for line, count in seen.items()]


def memory_mib(pid: int) -> float:
    """Proportional set size of a process and all its descendants (shared pages split)."""
    total, queue = 0, [pid]
    while queue:
        current = queue.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total += int(found.group(1)) if found else 0
    return total / 1024


NGINX_CONF = """worker_processes auto; daemon off; pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 75s; keepalive_requests 1000000;
  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {prefix}/www;
{locations}
  }}
}}
"""


def start_nginx(prefix: Path, port: int, saved: list[tuple[str, str]]) -> subprocess.Popen[bytes]:
    """nginx (not the system's service: its own config and prefix, in the foreground)
    serving each saved (file name under prefix/www/, Content-Type) at /<file name>."""
    locations = "\n".join(f'    location = /{name} {{ types {{ }} default_type "{ctype}"; }}'
                          for name, ctype in saved)
    conf = prefix / "nginx.conf"
    conf.write_text(NGINX_CONF.format(prefix=prefix, port=port, locations=locations))
    for folder in (prefix, prefix / "www"):
        folder.chmod(0o755)  # nginx's workers run as another user and read the files
    return subprocess.Popen(["nginx", "-p", str(prefix), "-e", str(prefix / "error.log"),
                             "-c", str(conf)], start_new_session=True)
