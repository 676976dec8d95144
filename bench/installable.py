"""backcare as an installable web app: Lighthouse's installability checks, and offline play.

    .venv/bin/python bench/installable.py                 # a free port, Lighthouse 11 in a temp dir
    .venv/bin/python bench/installable.py --port 8731 --lighthouse-dir /tmp/lh11

Starts `backcare serve` (one worker) on a temporary SQLite var dir (BACKCARE_VAR_DIR: the
developer's database is never touched), then checks, each a PASS/FAIL line:
- the manifest and the service worker are served with their types and caching;
- Lighthouse 11 (the last with the installability audit; 12 removed it), run as
  `lighthouse <url> --only-audits=installable-manifest,splash-screen,themed-omnibox,
  maskable-icon,viewport` with CHROME_PATH=/usr/bin/chromium and `--headless=new
  --no-sandbox --disable-gpu`; installed with `npm install --prefix <dir> lighthouse@11`
  into --lighthouse-dir when it is not there yet (never a project dependency);
- Chrome's own `Page.getInstallabilityErrors` (the check behind Lighthouse's audit), through
  Playwright and the Chrome DevTools Protocol, on a page the worker controls;
- a routine's player, opened once, loads again with the network off.
Exits 1 when any check fails. Loopback only; the server is stopped by its process id.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import requests
from local_servers import free_port, stop, wait_until_up
from pages import pass_the_screen

ROOT = Path(__file__).resolve().parents[1]
BACKCARE = str(ROOT / ".venv" / "bin" / "backcare")
CHROMIUM = "/usr/bin/chromium"
AUDITS = ("installable-manifest", "splash-screen", "themed-omnibox", "maskable-icon", "viewport")
ROUTINE = "back-pain-relief-stretches-5-minute-real-time-routine"

results: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {name}{f'  ({detail})' if detail else ''}", flush=True)


def served(base: str) -> None:
    manifest = requests.get(base + "/manifest.webmanifest", timeout=30)
    check("manifest: 200, application/manifest+json",
          manifest.status_code == 200
          and manifest.headers.get("Content-Type") == "application/manifest+json",
          f"{manifest.status_code} {manifest.headers.get('Content-Type')}")
    worker = requests.get(base + "/sw.js", timeout=30)
    kind = worker.headers.get("Content-Type", "").split(";")[0]
    check("service worker: 200, text/javascript, Cache-Control: no-cache",
          worker.status_code == 200 and kind == "text/javascript"
          and worker.headers.get("Cache-Control") == "no-cache",
          f"{worker.status_code} {kind} {worker.headers.get('Cache-Control')}")


def lighthouse_binary(folder: Path) -> Path | None:
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund",
                    "lighthouse@11"], check=False, capture_output=True, timeout=600)
    return binary if binary.exists() else None


def lighthouse(base: str, folder: Path) -> None:
    binary = lighthouse_binary(folder)
    if binary is None:
        check("Lighthouse 11 is available", False, f"could not install it into {folder}")
        return
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    report = folder / "backcare-report.json"
    command = [str(binary), base + "/", f"--only-audits={','.join(AUDITS)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               "--output=json", f"--output-path={report}", "--quiet"]
    run = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM},
                         capture_output=True, text=True, timeout=600, check=False)
    if run.returncode != 0 or not report.exists():
        check(f"Lighthouse {version} ran", False, (run.stderr or run.stdout).strip()[-300:])
        return
    audits = json.loads(report.read_text())["audits"]
    for audit in AUDITS:
        found = audits.get(audit, {})
        score = found.get("score")
        items = (found.get("details") or {}).get("items") or []
        reasons = "; ".join(str(i.get("reason", i)) for i in items[:3]) if score != 1 else ""
        check(f"Lighthouse {version}: {audit}", score == 1, reasons or f"score {score}")


def in_chromium(base: str, cookies: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    # A profile on disk: Chrome never offers to install from an incognito ("in-incognito")
    # context, which is what Playwright's own contexts are.
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, base_url=base,
            args=["--no-sandbox", "--disable-gpu"])
        context.add_cookies([{"name": n, "value": v, "url": base} for n, v in cookies.items()])
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"/routines/{ROUTINE}/")
        page.evaluate("""async () => {
            await navigator.serviceWorker.ready;
            if (!navigator.serviceWorker.controller) await new Promise((resolve) =>
                navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
        }""")
        cdp = context.new_cdp_session(page)
        errors: list[dict[str, Any]] = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        check("Chrome Page.getInstallabilityErrors: none", not errors,
              "; ".join(e.get("errorId", "") for e in errors))
        manifest = cdp.send("Page.getAppManifest")
        check("Chrome reads the manifest without errors", not manifest.get("errors"),
              str(manifest.get("errors"))[:200])

        page.goto(f"/routines/{ROUTINE}/play/")
        page.wait_for_selector("#player[data-ready=true]")
        page.wait_for_function(f"""async () => (await caches.open("backcare-pages"))
            .match(new URL("/routines/{ROUTINE}/play/", location.href).href)""")
        context.set_offline(True)
        response = page.reload()
        page.wait_for_selector("#player[data-ready=true]")
        check("the player, opened once, loads again with the network off",
              response is not None and response.ok and response.from_service_worker)
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: free)")
    parser.add_argument("--lighthouse-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "backcare-lighthouse11",
                        help="where Lighthouse 11 is (or is installed with npm)")
    parser.add_argument("--no-lighthouse", action="store_true", help="only Chrome's own checks")
    args = parser.parse_args()
    port = args.port or free_port()
    base = f"http://localhost:{port}"  # a secure context, as installing needs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BACKCARE_VAR_DIR": str(Path(folder) / "var")}
        env.pop("DATABASE_URL", None)
        log = Path(folder) / "server.log"
        with log.open("wb") as sink:
            proc = subprocess.Popen(
                [BACKCARE, "serve", "--port", str(port), "--workers", "1", "--threads", "4"],
                cwd=ROOT, env=env, stdout=sink, stderr=sink, start_new_session=True)
        try:
            wait_until_up(base + "/", proc)
            served(base)
            if not args.no_lighthouse:
                lighthouse(base, args.lighthouse_dir)
            in_chromium(base, pass_the_screen(base))
        finally:
            stop(proc)
    failed = [name for name, ok, _ in results if not ok]
    print(f"{len(results) - len(failed)} of {len(results)} checks passed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
