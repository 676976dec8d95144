"""backcare.plans is plain Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys


def test_plans_do_not_import_django() -> None:
    code = (
        "import sys, backcare.plans, backcare.plans.planner;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
