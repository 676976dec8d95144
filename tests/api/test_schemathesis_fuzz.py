"""The API against its own OpenAPI document: schemathesis fuzzes every operation of a live
server, follows the documented links (stateful), and finds no 5xx, no undocumented
status code and no body that breaks its schema. Fixed seed, bounded size; CI runs it on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SEED = 20261130
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"
MIN_CASES = 500


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_nothing(live_server: Any, tmp_path: Path) -> None:
    report = tmp_path / "schemathesis.json"
    command = [
        str(Path(sys.executable).with_name("st")), "run", f"{live_server.url}/api/openapi.json",
        "--checks", CHECKS,
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", "25",
        "--seed", str(SEED),
        "--workers", "1",
        "--generation-database", "none",
        "--request-timeout", "20",
        "--no-color",
        "--report", "json", "--report-json-path", str(report),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    summary = run.stdout[-4000:]
    assert run.returncode == 0, summary + run.stderr[-2000:]
    result = json.loads(report.read_text())
    assert result["complete"] and result["seed"] == SEED
    assert result["failures"] == [] and result["errors"] == [], summary
    operations = result["operations"]
    assert operations["tested"] == operations["total"] >= 12, operations
    assert result["test_cases"]["generated"] >= MIN_CASES, result["test_cases"]
    assert result["test_cases"]["with_failures"] == 0
    assert result["phases"]["stateful"]["status"] == "success", result["phases"]
    # The stateful phase walked the links the schema documents, not only inferred ones.
    assert "API Links:" in run.stdout
    links = run.stdout.split("API Links:")[1].split("\n")[0]
    assert int(links.split("covered")[0].strip()) >= 3, links
