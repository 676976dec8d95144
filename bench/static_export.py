"""The static export served by nginx against the live app: every exported URL, body for body.

    .venv/bin/python bench/static_export.py [--nginx-port N] [--app-port N] [--times N] [--keep]

--times N exports N× the content instead (bench/scale.py's grow_content: every exercise and
routine copied under new slugs), so the lists have later pages (``?page=N``) to follow.

1. migrates a new SQLite database in a temporary var dir (BACKCARE_VAR_DIR: the developer's
   database is never touched) and starts the app as production does:
   `gunicorn backcare.site.wsgi:application --workers 2` on 127.0.0.1:--app-port;
2. exports the site (`backcare export-static`, every language) into a temporary folder, for
   the origin http://127.0.0.1:<app-port>, so its pages name the same host as the app's;
3. starts Debian's nginx (`daemon off`, its own nginx.conf in a temporary prefix, made by
   backcare.static_export.nginx from the export's manifest, with no app behind it: a URL
   without a file is a 404, never a proxied answer) on 127.0.0.1:--nginx-port; installs it
   with apt-get when it is missing and we are root;
4. fetches every URL of the manifest from both, one keep-alive connection each, and checks
   the bodies are equal, the statuses are what the manifest says, and the content types agree.

Prints one PASS/FAIL line per check with counts and the first mismatches; exits 1 on a FAIL.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv/bin/python").exists() \
    else sys.executable
SHOWN = 5  # mismatches printed per check

# `backcare export-static` run the way backcare.cli.main runs a command (one line and an
# exit code for a CliError), so the bench does not depend on how main.py lists commands.
EXPORT = """
import argparse, sys
from backcare.cli import export_command
from backcare.cli.console import CliError
parser = argparse.ArgumentParser(prog="backcare")
export_command.register(parser.add_subparsers(dest="command", required=True))
args = parser.parse_args(["export-static", *sys.argv[1:]])
try:
    sys.exit(args.run(args))
except CliError as exc:
    sys.stderr.write(f"backcare: {exc.message}\\n")
    sys.exit(exc.code)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} stopped with exit code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not listen on port {port} within {seconds:.0f} s")


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("nginx is missing: apt-get install -y nginx")
    print("installing nginx (apt-get install -y nginx) ...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "nginx"], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("nginx") or "/usr/sbin/nginx"


class Fetcher:
    """GETs over one keep-alive connection, reconnecting when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, url: str) -> tuple[int, str, bytes]:
        for attempt in (1, 2):
            try:
                self.connection.request("GET", url, headers={"Accept-Encoding": "identity"})
                response = self.connection.getresponse()
                return response.status, response.getheader("Content-Type", ""), response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def media(content_type: str) -> tuple[str, str]:
    """("text/html", "utf-8"): the media type and charset, as a client reads them."""
    kind, _sep, params = content_type.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _eq, value = param.strip().partition("=")
        if name.lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def report(name: str, total: int, problems: list[str], detail: str) -> bool:
    verdict = "PASS" if not problems else "FAIL"
    print(f"{verdict} {name}: {total - len(problems)}/{total} {detail}")
    for problem in problems[:SHOWN]:
        print(f"     {problem}")
    return not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nginx-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--app-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--times", type=int, default=1,
                        help="N× the content (bench/scale.py's copies), default 1: content/")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    app_port = options.app_port or free_port()
    nginx_port = options.nginx_port or free_port()

    work = Path(tempfile.mkdtemp(prefix="backcare-static-"))
    work.chmod(0o755)  # nginx's workers run as another user when the master is root
    site, prefix, var = work / "site", work / "nginx", work / "var"
    prefix.mkdir()
    env = {**os.environ, "BACKCARE_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "backcare.site.settings"}
    env.pop("DATABASE_URL", None)
    if options.times > 1:
        sys.path.insert(0, str(ROOT / "bench"))
        from scale import grow_content

        grown = grow_content(ROOT / "content", work / "content", options.times)
        env["BACKCARE_CONTENT_DIR"] = str(work / "content")
        print(f"{options.times}x content: {grown}")
    started: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                       check=True)
        app = subprocess.Popen([PYTHON, "-m", "gunicorn", "backcare.site.wsgi:application",
                                "--bind", f"127.0.0.1:{app_port}", "--workers", "2"],
                               cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        started.append(app)

        began = time.perf_counter()
        exported = subprocess.run([PYTHON, "-c", EXPORT, str(site),
                                   "--origin", f"http://127.0.0.1:{app_port}"],
                                  cwd=ROOT, env=env, capture_output=True, text=True)
        export_seconds = time.perf_counter() - began
        sys.stdout.write(exported.stdout)
        if exported.returncode != 0:
            sys.stderr.write(exported.stderr)
            print(f"FAIL export: exit code {exported.returncode}")
            return 1

        sys.path.insert(0, str(ROOT))
        from backcare.static_export.layout import MANIFEST, Manifest
        from backcare.static_export.nginx import standalone_config

        manifest = Manifest.from_json((site / MANIFEST).read_text(encoding="utf-8"))
        config = prefix / "nginx.conf"
        config.write_text(standalone_config(site, manifest, f"127.0.0.1:{nginx_port}", prefix))
        nginx = subprocess.Popen([nginx_binary(), "-p", str(prefix), "-c", str(config)],
                                 stderr=None)
        started.append(nginx)
        wait_for(nginx_port, nginx, "nginx")
        wait_for(app_port, app, "gunicorn")

        from_app, from_nginx = Fetcher(app_port), Fetcher(nginx_port)
        bodies: list[str] = []
        statuses: list[str] = []
        types: list[str] = []
        size = 0
        began = time.perf_counter()
        for entry in manifest.entries:
            app_status, app_type, app_body = from_app.get(entry.url)
            file_status, file_type, file_body = from_nginx.get(entry.url)
            size += len(file_body)
            if app_body != file_body:
                bodies.append(f"{entry.url}: app {len(app_body)} bytes, nginx {len(file_body)} bytes")
            if app_status != entry.status or file_status != 200:
                statuses.append(f"{entry.url}: app {app_status} (manifest {entry.status}), "
                                f"nginx {file_status}")
            if media(app_type) != media(file_type):
                types.append(f"{entry.url}: app {app_type!r}, nginx {file_type!r}")
        fetch_seconds = time.perf_counter() - began
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(manifest.counts().items()))
        print(f"exported {len(manifest.entries)} URLs ({counts}; {size / 1e6:.1f} MB) in "
              f"{export_seconds:.1f} s; fetched each from both in {fetch_seconds:.1f} s")
        total = len(manifest.entries)
        ok = report("bodies", total, bodies, "URLs: nginx's file is byte for byte the live app's body")
        ok &= report("statuses", total, statuses,
                     "URLs: the app answers as the manifest says, nginx serves the file")
        ok &= report("content types", total, types, "URLs: the same media type and charset")
        # Per-person pages and queries the export holds no file for must never get a file
        # (the finder's filters must not be answered with the unfiltered list).
        routine = next(e.url for e in manifest.entries if e.url.startswith("/routines/"))
        dynamic = ["/screen/", "/history/", "/exercises/?kind=stretch", "/api/exercises?kind=stretch",
                   f"{routine}play/", f"{routine}worksheet.pdf", "/api/timeline"]
        misses = [f"{url}: nginx {status}" for url in dynamic
                  if (status := from_nginx.get(url)[0]) != 404]
        ok &= report("dynamic parts", len(dynamic), misses,
                     "per-person URLs and unexported queries have no file (404 without an app)")
        print(json.dumps({"urls": total, "bytes": size, "export_seconds": round(export_seconds, 2)}))
        return 0 if ok else 1
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
